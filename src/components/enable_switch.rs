//! Enables or disables an LDAP connection. Disabling asks first and says what it stops; the switch always
//! shows what the server answered, never a guess, and says why when the change fails.

use super::{Dialog, ErrorPanel};
use crate::api::{use_access, use_permissions};
use crate::erased::effect;
use console_api::{ApiError, LdapConnection, LdapConnectionUpdate};
use leptos::prelude::*;

#[component]
pub fn EnableSwitch(
    /// The connection's id.
    id: String,
    /// How the connection is named to the admin (its server URL).
    name: String,
    /// The state the server last reported; updated from its answer.
    enabled: RwSignal<bool>,
    /// Called with the server's answer after a change.
    #[prop(optional)]
    on_changed: Option<Callback<LdapConnection>>,
) -> impl IntoView {
    let access = use_access();
    let error_id = format!("switch-error-{id}");
    let panel_id = error_id.clone();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let change = crate::erased::act(move |enable: &bool| {
        access.update(&id, &LdapConnectionUpdate::enable(*enable))
    });
    let said = RwSignal::new(String::new());

    let announce_name = name.clone();
    effect(move || match change.value().get() {
        Some(Ok(connection)) => {
            enabled.set(connection.enabled);
            error.set(None);
            said.set(format!(
                "{} {}.",
                announce_name,
                if connection.enabled {
                    "enabled: its users can sign in"
                } else {
                    "disabled: its users cannot sign in"
                }
            ));
            if let Some(cb) = on_changed {
                cb.run(connection);
            }
        }
        Some(Err(e)) => {
            error.set(Some(e));
            crate::focus::to_failure(error_id.clone());
        }
        None => {}
    });
    let permissions = use_permissions();
    let denied = move || permissions.access.get().read_only();
    let toggle = move |_| {
        // Busy is aria-disabled, not disabled: a disabled button drops focus to <body>.
        if denied() || change.pending().get_untracked() {
            return;
        }
        if enabled.get_untracked() {
            confirming.set(true);
        } else {
            change.dispatch(true);
        }
    };
    let dialog_name = name.clone();
    view! {
        <span class="switch-wrap">
            <button type="button" role="switch" class="switch"
                aria-checked=move || if enabled.get() { "true" } else { "false" }
                aria-label=format!("Enabled: {name}")
                aria-busy=move || change.pending().get().then_some("true")
                aria-disabled=move || change.pending().get().then_some("true")
                disabled=denied
                title=move || denied().then_some("Read-only token: it cannot change LDAP connections.")
                aria-describedby=move || denied().then_some(super::read_only_banner_id(console_api::Service::AccessService))
                data-testid="enable-switch"
                on:click=toggle>
                <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                <span>{move || if enabled.get() { "Enabled" } else { "Disabled" }}</span>
            </button>
            <span class="visually-hidden" role="status">{move || said.get()}</span>
        </span>
        {move || error.get().map(|e| view! { <ErrorPanel error=e id=panel_id.clone() /> })}
        {move || confirming.get().then(|| {
            let name = dialog_name.clone();
            view! {
                <Dialog title="Disable this LDAP connection?" on_close=Callback::new(move |_| confirming.set(false))>
                    <p>{format!("Disabling {name} stops sign-in and user sync through this directory: its users cannot sign in until it is enabled again.")}</p>
                    <div class="actions">
                        <button type="button" class="button danger" data-testid="confirm-disable"
                            on:click=move |_| { confirming.set(false); change.dispatch(false); }>
                            "Disable"
                        </button>
                        // Focus lands on the safe choice, so Enter does not disable by accident.
                        <button type="button" class="button secondary" data-autofocus
                            on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </Dialog>
            }
        })}
    }
}
