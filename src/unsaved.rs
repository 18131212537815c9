//! Asks before unsaved edits are lost: the console's own dialog for in-app links and back/forward (the
//! router holds the navigation until the admin answers), the browser's prompt only on closing or reloading
//! the tab, where nothing else may ask. Every form a page keeps unsaved edits in uses it: the LDAP editor,
//! Settings and the report upload.

use crate::components::Dialog;
use crate::router::Nav;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Guards leaving while `dirty` holds. The guard and the listener go when the calling component does.
pub fn guard_unsaved_changes(dirty: Memo<bool>) {
    // A page mounted alone (a component test) has no router to hold; closing the tab still asks.
    let nav = use_context::<Nav>();
    if let Some(nav) = nav {
        nav.guard(Some(dirty.into()));
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if dirty.try_get_untracked().unwrap_or(false) {
                ev.prevent_default();
                ev.set_return_value("You have unsaved changes. Leave and lose them?");
            }
        },
    );
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let handler = StoredValue::new_local(Some(on_unload));
    on_cleanup(move || {
        if let Some(nav) = nav {
            nav.guard(None);
        }
        let taken = handler.try_update_value(Option::take).flatten();
        if let (Some(unload), Some(window)) = (taken, web_sys::window()) {
            let _ = window.remove_event_listener_with_callback(
                "beforeunload",
                unload.as_ref().unchecked_ref(),
            );
        }
    });
}

/// "Leave without saving?", while the router holds a navigation: leaving loses the edits, staying (the
/// safe choice, focused first) keeps them.
pub fn leave_dialog(nav: Nav) -> AnyView {
    view! {
        <Dialog title="Leave without saving?" on_close=Callback::new(move |_| nav.leaving.set(None))>
            <p>"You have unsaved changes on this page. Leaving loses them."</p>
            <div class="actions">
                <button type="button" class="button danger" data-testid="confirm-leave"
                    on:click=move |_| nav.leave()>"Leave and lose changes"</button>
                <button type="button" class="button secondary" data-autofocus
                    on:click=move |_| nav.leaving.set(None)>"Stay on this page"</button>
            </div>
        </Dialog>
    }
    .into_any()
}
