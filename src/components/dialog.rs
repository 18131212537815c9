//! A modal dialog: labelled, focus moved in and trapped, Escape and the backdrop close it, and focus goes
//! back to what opened it. Focus starts on the element marked `data-autofocus`, if any (the safe choice of
//! a destructive question), otherwise on the first control.

use crate::erased::effect;
use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

const FOCUSABLE: &str =
    "button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";

fn focusables(root: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Focus to the control marked `data-autofocus`, else the first control, else the dialog itself.
fn focus_first(panel: &HtmlElement) {
    let marked = panel
        .query_selector("[data-autofocus]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match marked.or_else(|| focusables(panel).into_iter().next()) {
        Some(first) => drop(first.focus()),
        None => drop(panel.focus()),
    }
}

#[component]
pub fn Dialog(
    /// The dialog's heading, also its accessible name.
    #[prop(into)]
    title: String,
    /// Closes the dialog (Escape, the backdrop, or a button inside).
    on_close: Callback<()>,
    /// The id of the element to focus on close when what opened the dialog is gone or disabled (a submit
    /// button disabled while its request ran, for instance).
    #[prop(optional)]
    return_to: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<Div>::new();
    let opener = StoredValue::new_local(crate::focus::active());
    effect(move || {
        if let Some(panel) = panel.get() {
            let panel: HtmlElement = panel.unchecked_into();
            // A dialog whose code was fetched first (src/lazy.rs) is built before it is in the document.
            if panel.is_connected() {
                focus_first(&panel);
            } else {
                request_animation_frame(move || focus_first(&panel));
            }
        }
    });
    // After the frame that removes the dialog, when whatever closing it changed (a button enabled again, a
    // row re-rendered) is in place.
    on_cleanup(move || {
        let opener = opener.try_get_value().flatten();
        request_animation_frame(move || crate::focus::restore(opener, return_to));
    });
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_close.run(());
        }
        "Tab" => {
            let Some(panel) = panel.get_untracked() else {
                return;
            };
            let items = focusables(&panel.unchecked_into());
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let on = |el: &HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            };
            if ev.shift_key() && on(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && on(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    let heading_id = format!("dialog-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let labelled_by = heading_id.clone();
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                tabindex="-1"
                node_ref=panel
                on:keydown=on_keydown
                on:click=|ev| ev.stop_propagation()
            >
                <h2 id=heading_id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}
