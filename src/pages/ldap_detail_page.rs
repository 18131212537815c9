//! One LDAP connection, editable. Every field is checked as it is typed; a save shows the change first,
//! sends only what changed (the password only when typed), refuses to move the stored password to a new
//! server silently, and never overwrites someone else's change without asking. Leaving with unsaved edits
//! asks first. The manager password is never shown, though the API returns it.

use crate::api::AccessClient;
use crate::components::{Dialog, EnableSwitch, ErrorPanel};
use crate::config::Settings;
use crate::fetch::use_fetch;
use crate::router::{app_url, use_nav};
use console_api::ldap_rules::{
    changed_elsewhere, changes, check_field, field_value, password_would_move, update_body, Change,
    Check, FIELDS,
};
use console_api::route::Route;
use console_api::timefmt::display_timestamp;
use console_api::{ApiError, LdapConnection};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str =
    "You have unsaved changes to this LDAP connection. Leave and lose them?";

fn edited_from(c: &LdapConnection) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .map(|(f, _)| (*f, field_value(c, f)))
        .collect()
}

/// Asks before the tab closes or an in-app link is followed while `dirty` holds.
fn guard_unsaved_changes(dirty: Memo<bool>) {
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

/// Where the save stands.
#[derive(Clone, Debug, PartialEq)]
enum SaveStep {
    Editing,
    /// Reading the connection again before showing the change.
    Checking,
    /// The change, waiting for the admin's confirmation.
    Review(Vec<Change>),
    /// Someone else changed the connection since it was loaded: their changes, and the connection now.
    Conflict(Vec<Change>, Box<LdapConnection>),
    Saving,
}

#[component]
fn LdapEditor(connection: LdapConnection) -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let id = connection.id.clone();
    let loaded = RwSignal::new(connection.clone());
    let values = RwSignal::new(edited_from(&connection));
    let new_password = RwSignal::new(String::new());
    let move_confirmed = RwSignal::new(false);
    let step = RwSignal::new(SaveStep::Editing);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let blocked = RwSignal::new(false);
    let enabled = RwSignal::new(connection.enabled);

    let pending = Memo::new(move |_| values.with(|v| loaded.with(|l| changes(l, v))));
    let password_typed = move || Some(new_password.get()).filter(|p| !p.is_empty());
    let dirty =
        Memo::new(move |_| !pending.with(Vec::is_empty) || !new_password.with(String::is_empty));
    guard_unsaved_changes(dirty);

    let value_of = move |field: &'static str| {
        values.with(|v| {
            v.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        })
    };
    let server_error = move |field: &'static str| {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_error(field))
                .map(str::to_string)
        })
    };

    // The server's connection after a save: the form starts again from it.
    let accept_saved = move |saved_connection: LdapConnection| {
        values.try_set(edited_from(&saved_connection));
        enabled.try_set(saved_connection.enabled);
        loaded.try_set(saved_connection);
        new_password.try_set(String::new());
        saved.try_set(true);
        error.try_set(None);
    };

    let start_save = move |_| {
        saved.set(false);
        error.set(None);
        let has_errors = values.with(|v| v.iter().any(|(f, t)| check_field(f, t).is_error()));
        blocked.set(has_errors);
        if has_errors {
            return;
        }
        if !dirty.get_untracked() {
            return;
        }
        step.set(SaveStep::Checking);
        let client = AccessClient::new(&settings.get_untracked());
        let id = id.clone();
        leptos::task::spawn_local(async move {
            match client.get(&id).await {
                Ok(current) => {
                    let before = loaded.get_untracked();
                    let already_there = values.with_untracked(|v| changes(&current, v).is_empty())
                        && new_password.with_untracked(String::is_empty);
                    if current.modified_at != before.modified_at && already_there {
                        // The server already holds exactly these values: an earlier save whose answer
                        // was lost (cut short, timed out) did reach it. Nothing to send, nothing to ask.
                        accept_saved(current);
                        step.try_set(SaveStep::Editing);
                    } else if current.modified_at != before.modified_at {
                        let theirs = changed_elsewhere(&before, &current);
                        step.try_set(SaveStep::Conflict(theirs, Box::new(current)));
                    } else {
                        move_confirmed.try_set(false);
                        step.try_set(SaveStep::Review(pending.get_untracked()));
                    }
                }
                Err(e) => {
                    error.try_set(Some(e));
                    step.try_set(SaveStep::Editing);
                }
            }
        });
    };
    let confirm_save = {
        let id = connection.id.clone();
        Callback::new(move |_: ()| {
            let SaveStep::Review(set) = step.get_untracked() else {
                return;
            };
            let password = new_password.get_untracked();
            let body = update_body(&set, Some(password.as_str()));
            step.set(SaveStep::Saving);
            let client = AccessClient::new(&settings.get_untracked());
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match client.update(&id, &body).await {
                    Ok(updated) => accept_saved(updated),
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
                step.try_set(SaveStep::Editing);
            });
        })
    };

    let field = move |name: &'static str, help: &'static str| {
        let label = FIELDS
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, l)| *l)
            .unwrap_or(name);
        let input_id = format!("ldap-{name}");
        let message_id = format!("ldap-{name}-message");
        let check = Memo::new(move |_| check_field(name, &value_of(name)));
        let changed = move || pending.with(|p| p.iter().any(|c| c.field == name));
        view! {
            <div class="field" class:changed=changed>
                <label for=input_id.clone()>{label}{move || changed().then_some(" (changed)")}</label>
                <input id=input_id type="text" spellcheck="false" autocomplete="off"
                    prop:value=move || value_of(name)
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        values.update(|v| if let Some(entry) = v.iter_mut().find(|(f, _)| *f == name) { entry.1 = text });
                    }
                    aria-invalid=move || (check.with(Check::is_error) || server_error(name).is_some()).then_some("true")
                    aria-describedby=message_id.clone() />
                <p class="help">{help}</p>
                <p id=message_id role="status"
                    class=move || match check.get() { Check::Error(_) => "field-error", Check::Warning(_) => "field-warning", Check::Ok => "field-ok" }>
                    {move || server_error(name).or_else(|| check.with(|c| c.message().map(str::to_string)))}
                </p>
            </div>
        }
    };

    let name = connection.server_url.clone();
    view! {
        <div class="page-head">
            <h1>{move || loaded.with(|c| c.server_url.clone())}</h1>
            <EnableSwitch id=connection.id.clone() name=name enabled=enabled
                on_changed=Callback::new(move |c: LdapConnection| loaded.update(|l| { l.enabled = c.enabled; l.modified_at = c.modified_at.clone(); })) />
        </div>
        <form class="ldap-form" novalidate on:submit=move |ev| { ev.prevent_default(); start_save(()); }>
            <fieldset class="card">
                <legend>"Connection"</legend>
                {field("serverUrl", "ldaps://host:port. The directory the console's users sign in against.")}
                {field("serverTimeout", "How long to wait for the directory, in milliseconds.")}
                {field("managerDN", "The account the access-service binds as, as a distinguished name.")}
                <div class="field">
                    <label for="ldap-password">"Manager password"</label>
                    <input id="ldap-password" type="password" autocomplete="new-password"
                        placeholder="Set a new password"
                        prop:value=move || new_password.get()
                        on:input=move |ev| new_password.set(event_target_value(&ev)) />
                    <p class="help">"The stored password is never shown. Leave empty to keep it; type to replace it."</p>
                </div>
            </fieldset>
            <fieldset class="card">
                <legend>"Search"</legend>
                {field("baseDN", "Where users are searched, such as ou=users,dc=example,dc=com.")}
                {field("syncFilter", "Which entries are synced, as an LDAP filter.")}
                {field("authFilter", "How a signing-in user is found; {0} stands for their login.")}
                {field("domain", "The directory's domain name.")}
            </fieldset>
            <fieldset class="card">
                <legend>"Attribute mapping"</legend>
                {field("accountNameField", "The attribute holding the login name.")}
                {field("emailField", "The attribute holding the email address.")}
                {field("userPrincipalNameField", "The attribute holding the user principal name.")}
                {field("fullnameField", "The attribute holding the display name.")}
                {field("statusField", "The attribute that says whether an account is disabled.")}
                {field("statusDisabledValue", "The value of that attribute for a disabled account.")}
            </fieldset>
            <p class="muted">{move || loaded.with(|c| format!(
                "Created {} · Modified {}",
                c.created_at.as_deref().map_or_else(|| "—".into(), display_timestamp),
                c.modified_at.as_deref().map_or_else(|| "—".into(), display_timestamp),
            ))}</p>
            {move || blocked.get().then(|| view! {
                <p class="field-error" role="alert">"Fix the fields marked above before saving."</p>
            })}
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <div class="actions">
                <button type="submit" class="button" disabled=move || !dirty.get() || step.get() != SaveStep::Editing>
                    {move || match step.get() { SaveStep::Checking => "Checking…", SaveStep::Saving => "Saving…", _ => "Review and save" }}
                </button>
                <button type="button" class="button secondary" disabled=move || !dirty.get()
                    on:click=move |_| { values.set(edited_from(&loaded.get_untracked())); new_password.set(String::new()); error.set(None); blocked.set(false); }>
                    "Discard changes"
                </button>
                <span class="status" role="status" data-testid="ldap-status">{move || saved.get().then_some("Saved.")}</span>
            </div>
        </form>
        <p><a href=app_url("/jobs/ldap")>"SD Elements LDAP jobs →"</a></p>
        {move || match step.get() {
            SaveStep::Review(set) => {
                let moving = password_would_move(&set, password_typed().as_deref());
                let rows = set.into_iter().map(|c| view! {
                    <tr><th scope="row">{c.label}</th><td><code>{c.old}</code></td><td><code>{c.new}</code></td></tr>
                }).collect_view();
                Some(view! {
                    <Dialog title="Save these changes?" on_close=Callback::new(move |_| step.set(SaveStep::Editing))>
                        <table class="data-table" data-testid="change-list">
                            <thead><tr><th scope="col">"Field"</th><th scope="col">"Now"</th><th scope="col">"After saving"</th></tr></thead>
                            <tbody>
                                {rows}
                                {password_typed().map(|_| view! { <tr><th scope="row">"Manager password"</th><td>"(stored)"</td><td>"(the new password you typed)"</td></tr> })}
                            </tbody>
                        </table>
                        {moving.then(|| view! {
                            <div class="notice" data-testid="password-warning">
                                <p>"The server URL or manager DN changes, but no new password was typed: the stored password would be sent to the new server or account."</p>
                                <label class="inline"><input type="checkbox" prop:checked=move || move_confirmed.get()
                                    on:change=move |ev| move_confirmed.set(event_target_checked(&ev)) />
                                    " Send the stored password to the new server"</label>
                                <p class="help">"Or cancel and type the new password first."</p>
                            </div>
                        })}
                        <div class="actions">
                            <button type="button" class="button" data-testid="confirm-save"
                                disabled=move || moving && !move_confirmed.get()
                                on:click=move |_| confirm_save.run(())>"Save"</button>
                            <button type="button" class="button secondary" on:click=move |_| step.set(SaveStep::Editing)>"Cancel"</button>
                        </div>
                    </Dialog>
                }.into_any())
            }
            SaveStep::Conflict(theirs, current) => {
                let current_for_keep = (*current).clone();
                let current_for_take = (*current).clone();
                let mine = pending.get_untracked();
                let rows = theirs.iter().map(|c| {
                    let yours = mine.iter().find(|m| m.field == c.field).map_or_else(|| "(unchanged)".to_string(), |m| m.new.clone());
                    view! { <tr><th scope="row">{c.label}</th><td><code>{c.old.clone()}</code></td><td><code>{c.new.clone()}</code></td><td><code>{yours}</code></td></tr> }
                }).collect_view();
                Some(view! {
                    <Dialog title="Someone else changed this connection" on_close=Callback::new(move |_| step.set(SaveStep::Editing))>
                        <p>"Since you opened this page, the connection was changed elsewhere. Nothing has been saved."</p>
                        <table class="data-table" data-testid="conflict-list">
                            <thead><tr><th scope="col">"Field"</th><th scope="col">"When you opened it"</th><th scope="col">"Theirs, now"</th><th scope="col">"Yours"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        <div class="actions">
                            <button type="button" class="button" data-testid="keep-mine"
                                on:click=move |_| {
                                    // Their values become the base, with only this admin's own edits on top: a
                                    // field this admin did not touch takes their value and is not sent.
                                    let mut rebased = edited_from(&current_for_keep);
                                    for change in pending.get_untracked() {
                                        if let Some(entry) = rebased.iter_mut().find(|(f, _)| *f == change.field) {
                                            entry.1 = change.new;
                                        }
                                    }
                                    values.set(rebased);
                                    enabled.set(current_for_keep.enabled);
                                    loaded.set(current_for_keep.clone());
                                    move_confirmed.set(false);
                                    step.set(SaveStep::Review(pending.get_untracked()));
                                }>"Review my changes on top of theirs"</button>
                            <button type="button" class="button secondary" data-testid="take-theirs"
                                on:click=move |_| {
                                    values.set(edited_from(&current_for_take));
                                    enabled.set(current_for_take.enabled);
                                    loaded.set(current_for_take.clone());
                                    new_password.set(String::new());
                                    step.set(SaveStep::Editing);
                                }>"Discard mine, use theirs"</button>
                        </div>
                    </Dialog>
                }.into_any())
            }
            _ => None,
        }}
    }
}

#[component]
pub fn LdapDetailPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let nav = use_nav();
    let connection = RwSignal::new(None::<Result<LdapConnection, ApiError>>);
    let fetch = use_fetch(
        move || {
            let id = nav.route().with(|r| match r {
                Route::LdapDetail(id) => Some(id.as_str().to_string()),
                _ => None,
            })?;
            Some((AccessClient::new(&settings.get()), id))
        },
        |(client, id)| async move { client.get(&id).await },
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
