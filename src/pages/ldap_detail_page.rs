//! One LDAP connection, editable. Every field is checked as it is typed; a save shows the change first,
//! sends only what changed (the password only when typed), refuses to move the stored password to a new
//! server silently, and never overwrites someone else's change without asking. Leaving with unsaved edits
//! asks first. The manager password is never shown, though the API returns it.
//!
//! The page loads the connection; [`editor`] is the form, built of components that update in place, with
//! its state and save transitions in [`state`], and the two dialogs of a save beside it.

mod conflict_dialog;
mod editor;
mod review_dialog;
mod state;

use crate::api::use_access;
use crate::components::ErrorPanel;
use crate::config::Settings;
use crate::fetch::use_fetch;
use crate::router::{app_url, use_nav};
use console_api::route::Route;
use console_api::{ApiError, LdapConnection};
use editor::LdapEditor;
use leptos::prelude::*;

#[component]
pub fn LdapDetailPage() -> impl IntoView {
    let settings = crate::provided::<RwSignal<Settings>>();
    let access = use_access();
    let nav = use_nav();
    let connection = RwSignal::new(None::<Result<LdapConnection, ApiError>>);
    let fetch = use_fetch(
        move || {
            // New settings (another backend, another token) read the connection again.
            settings.track();
            nav.route().with(|r| match r {
                Route::LdapDetail(id) => Some(id.as_str().to_string()),
                _ => None,
            })
        },
        move |id| access.get(&id),
        move |result| connection.set(Some(result)),
    );
    let retry = fetch.retry();
    view! {
        <p class="breadcrumb"><a href=app_url("/ldap")>"← LDAP connections"</a></p>
        {move || match connection.get() {
            Some(Ok(c)) if !fetch.loading.get() => view! { <LdapEditor connection=c /> }.into_any(),
            Some(Err(error)) if !fetch.loading.get() => {
                view! { <ErrorPanel error=error on_retry=retry /> }.into_any()
            }
            _ => view! { <p class="loading" role="status">"Loading LDAP connection…"</p> }.into_any(),
        }}
    }
}
