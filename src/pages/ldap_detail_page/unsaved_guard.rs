//! Asks before unsaved edits are lost: on closing or reloading the tab, and on following an in-app link.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str =
    "You have unsaved changes to this LDAP connection. Leave and lose them?";

/// Asks before the tab closes or an in-app link is followed while `dirty` holds. The listeners go when
/// the calling component does.
pub(super) fn guard_unsaved_changes(dirty: Memo<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if dirty.try_get_untracked().unwrap_or(false) {
                ev.prevent_default();
                ev.set_return_value(LEAVE_QUESTION);
            }
        },
    );
    // Capture phase, so the question comes before the router follows the link.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !dirty.try_get_untracked().unwrap_or(false) || ev.default_prevented() {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if link.is_some() {
            let leave = web_sys::window()
                .and_then(|w| w.confirm_with_message(LEAVE_QUESTION).ok())
                .unwrap_or(true);
            if !leave {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        }
    });
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let handlers = StoredValue::new_local(Some((on_unload, on_click)));
    on_cleanup(move || {
        let taken = handlers.try_update_value(Option::take).flatten();
        if let (Some((unload, click)), Some(window)) = (taken, web_sys::window()) {
            let _ = window.remove_event_listener_with_callback(
                "beforeunload",
                unload.as_ref().unchecked_ref(),
            );
            let _ = window.remove_event_listener_with_callback_and_bool(
                "click",
                click.as_ref().unchecked_ref(),
                true,
            );
        }
    });
}
