//! One LDAP connection, editable. Every field is checked as it is typed; a save shows the change first,
//! sends only what changed (the password only when typed), refuses to move the stored password to a new
//! server silently, and never overwrites someone else's change without asking. Leaving with unsaved edits
//! asks first. The manager password is never shown, though the API returns it.

use crate::api::AccessClient;
use crate::components::{Dialog, EnableSwitch, ErrorPanel, InputKind, TextField};
use crate::config::Settings;
use crate::fetch::use_fetch;
use crate::router::{app_url, use_nav};
use console_api::ldap_form::{
    changed_elsewhere, changes, password_would_move, rebase, update_body, Change, LdapField,
    LdapValues,
};
use console_api::timefmt::display_timestamp;
use console_api::{ApiError, LdapConnection};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str =
    "You have unsaved changes to this LDAP connection. Leave and lose them?";

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

/// The form's text, one signal per field: typing into one field notifies that field's input only.
#[derive(Clone, Copy)]
struct FieldSignals([RwSignal<String>; LdapField::COUNT]);

impl FieldSignals {
    fn new(values: &LdapValues) -> Self {
        Self(LdapField::ALL.map(|f| RwSignal::new(values.get(f).to_string())))
    }

    fn signal(self, field: LdapField) -> RwSignal<String> {
        self.0[field.index()]
    }

    /// Every field's text, tracked.
    fn get(self) -> LdapValues {
        LdapField::ALL
            .into_iter()
            .fold(LdapValues::default(), |v, f| {
                v.with(f, self.signal(f).get())
            })
    }

    fn get_untracked(self) -> LdapValues {
        untrack(|| self.get())
    }

    /// Replaces the text. A field that already holds its new text is not set, so an input the admin is
    /// typing in is not rewritten under the caret.
    fn set(self, values: &LdapValues) {
        for field in LdapField::ALL {
            let signal = self.signal(field);
            if signal.with_untracked(|t| t != values.get(field)) {
                signal.try_set(values.get(field).to_string());
            }
        }
    }
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
    let values = FieldSignals::new(&LdapValues::from_connection(&connection));
    let move_confirmed = RwSignal::new(false);
    let step = RwSignal::new(SaveStep::Editing);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let blocked = RwSignal::new(false);
    let enabled = RwSignal::new(connection.enabled);

    let pending = Memo::new(move |_| {
        let edited = values.get();
        loaded.with(|l| changes(l, &edited))
    });
    let dirty = Memo::new(move |_| !pending.with(Vec::is_empty));
    guard_unsaved_changes(dirty);

    // The server's connection after a save: the form starts again from it.
    let accept_saved = move |saved_connection: LdapConnection| {
        values.set(&LdapValues::from_connection(&saved_connection));
        enabled.try_set(saved_connection.enabled);
        loaded.try_set(saved_connection);
        saved.try_set(true);
        error.try_set(None);
    };

    let start_save = move |_| {
        saved.set(false);
        error.set(None);
        let has_errors = values.get_untracked().has_errors();
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
                    let already_there = changes(&current, &values.get_untracked()).is_empty();
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
            let body = update_body(&set);
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

    let field = move |field: LdapField| {
        let check = Signal::derive(move || values.signal(field).with(|t| field.check(t)));
        let server_error = Signal::derive(move || {
            error.with(|e| {
                e.as_ref()
                    .and_then(|e| e.field_error(field.api_name()))
                    .map(str::to_string)
            })
        });
        let changed = Signal::derive(move || pending.with(|p| p.iter().any(|c| c.field == field)));
        let (id, kind, placeholder, autocomplete) = if field.is_secret() {
            (
                "ldap-password".to_string(),
                InputKind::Password,
                "Set a new password",
                "new-password",
            )
        } else {
            (
                format!("ldap-{}", field.api_name()),
                InputKind::Text,
                "",
                "off",
            )
        };
        view! {
            <TextField id=id label=field.label() value=values.signal(field) kind=kind
                placeholder=placeholder autocomplete=autocomplete
                check=check error=server_error changed=changed>
                {field.help()}
            </TextField>
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
                {field(LdapField::ServerUrl)}
                {field(LdapField::ServerTimeout)}
                {field(LdapField::ManagerDn)}
                {field(LdapField::ManagerPassword)}
            </fieldset>
            <fieldset class="card">
                <legend>"Search"</legend>
                {field(LdapField::BaseDn)}
                {field(LdapField::SyncFilter)}
                {field(LdapField::AuthFilter)}
                {field(LdapField::Domain)}
            </fieldset>
            <fieldset class="card">
                <legend>"Attribute mapping"</legend>
                {field(LdapField::AccountNameField)}
                {field(LdapField::EmailField)}
                {field(LdapField::UserPrincipalNameField)}
                {field(LdapField::FullnameField)}
                {field(LdapField::StatusField)}
                {field(LdapField::StatusDisabledValue)}
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
                    on:click=move |_| { values.set(&LdapValues::from_connection(&loaded.get_untracked())); error.set(None); blocked.set(false); }>
                    "Discard changes"
                </button>
                <span class="status" role="status" data-testid="ldap-status">{move || saved.get().then_some("Saved.")}</span>
            </div>
        </form>
        <p><a href=app_url("/jobs/ldap")>"SD Elements LDAP jobs →"</a></p>
        {move || match step.get() {
            SaveStep::Review(set) => {
                let moving = password_would_move(&set);
                let rows = set.into_iter().map(|c| view! {
                    <tr><th scope="row">{c.label()}</th><td><code>{c.shown_old().to_string()}</code></td><td><code>{c.shown_new().to_string()}</code></td></tr>
                }).collect_view();
                Some(view! {
                    <Dialog title="Save these changes?" on_close=Callback::new(move |_| step.set(SaveStep::Editing))>
                        <table class="data-table" data-testid="change-list">
                            <thead><tr><th scope="col">"Field"</th><th scope="col">"Now"</th><th scope="col">"After saving"</th></tr></thead>
                            <tbody>
                                {rows}
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
                    let yours = mine.iter().find(|m| m.field == c.field).map_or_else(|| "(unchanged)".to_string(), |m| m.shown_new().to_string());
                    view! { <tr><th scope="row">{c.label()}</th><td><code>{c.old.clone()}</code></td><td><code>{c.new.clone()}</code></td><td><code>{yours}</code></td></tr> }
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
                                    values.set(&rebase(&current_for_keep, &pending.get_untracked()));
                                    enabled.set(current_for_keep.enabled);
                                    loaded.set(current_for_keep.clone());
                                    move_confirmed.set(false);
                                    step.set(SaveStep::Review(pending.get_untracked()));
                                }>"Review my changes on top of theirs"</button>
                            <button type="button" class="button secondary" data-testid="take-theirs"
                                on:click=move |_| {
                                    values.set(&LdapValues::from_connection(&current_for_take));
                                    enabled.set(current_for_take.enabled);
                                    loaded.set(current_for_take.clone());
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
            let id = nav.route().with(|r| r.id.clone())?;
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
