//! The LDAP connection form: a heading with the enable switch, the fields in their sections, and the save
//! flow (read the connection again, review or resolve a conflict, then `PUT` only what changed). Each part
//! is its own component over [`EditorState`], built once and updated in place.

use super::conflict_dialog::ConflictDialog;
use super::review_dialog::ReviewDialog;
use super::state::{EditorState, SaveStep};
use crate::api::{use_access, use_permissions};
use crate::components::{EnableSwitch, ErrorPanel, InputKind, ReadOnlyBanner, TextField};
use crate::erased::effect;
use crate::router::app_url;
use crate::unsaved::guard_unsaved_changes;
use console_api::ldap_form::{update_body, LdapField, LdapSection};
use console_api::permission::read_only_reason;
use console_api::{LdapConnection, LdapConnectionUpdate};
use leptos::prelude::*;

#[component]
pub(super) fn LdapEditor(connection: LdapConnection) -> impl IntoView {
    let state = EditorState::new(&connection);
    crate::focus::settle_on_heading();
    guard_unsaved_changes(state.dirty);

    let access = use_access();
    let id = connection.id.clone();
    let check = crate::erased::act({
        let (access, id) = (access.clone(), id.clone());
        move |_: &()| {
            let current = access.get(&id);
            async move { state.checked(current.await) }
        }
    });
    let save = crate::erased::act(move |body: &LdapConnectionUpdate| {
        let answer = access.update(&id, body);
        async move { state.saved(answer.await) }
    });
    let busy = Signal::derive(move || check.pending().get() || save.pending().get());
    let start_save = move || {
        // A submit can come from the keyboard as well as the button: a save never starts twice.
        if busy.get_untracked() {
            return;
        }
        if state.ready_to_save() {
            check.dispatch(());
        } else if state.blocked.get_untracked() {
            focus_first_invalid();
        }
    };
    let confirm_save = Callback::new(move |_: ()| {
        let SaveStep::Review(set) = state.step.get_untracked() else {
            return;
        };
        state.step.set(SaveStep::Editing);
        save.dispatch(update_body(&set));
    });

    view! {
        <div class="page-head">
            <h1>{move || state.loaded.with(|c| c.server_url.clone())}</h1>
            <EnableSwitch id=connection.id.clone() name=connection.display_name() enabled=state.enabled
                on_changed=Callback::new(move |c: LdapConnection| state.switched(&c)) />
        </div>
        <p class="muted subtitle">{move || state.loaded.with(|c| format!("Base DN {}", c.base_dn))}</p>
        {move || (!state.enabled.get()).then(|| view! {
            <p class="notice warn" data-testid="disabled-banner">"Disabled: users of this directory cannot sign in."</p>
        })}
        <ReadOnlyBanner service=console_api::Service::AccessService />
        <form class="ldap-form" novalidate on:submit=move |ev| { ev.prevent_default(); start_save(); }>
            {LdapSection::ALL.map(|section| view! { <LdapFieldset state section /> })}
            <ConnectionTimes state />
            <SaveBar state busy checking=check.pending() saving=save.pending() />
        </form>
        <p><a href=app_url("/jobs/ldap")>"SD Elements LDAP jobs →"</a></p>
        <SaveDialogs state saving=save.pending() on_save=confirm_save />
    }
}

/// Brings the first field that fails its check into view and focuses it.
fn focus_first_invalid() {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(".ldap-form [aria-invalid='true']")
                .ok()
                .flatten()
        })
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(field) = field {
        field.scroll_into_view_with_bool(false);
        let _ = field.focus();
    }
}

/// One section of the form.
#[component]
fn LdapFieldset(state: EditorState, section: LdapSection) -> impl IntoView {
    let permissions = use_permissions();
    view! {
        <fieldset class="card" disabled=move || permissions.access.get().read_only()>
            <legend>{section.legend()}</legend>
            {section.fields().map(|field| view! { <LdapFieldInput state field /> }).collect_view()}
        </fieldset>
    }
}

/// One field: checked as typed, marked when changed, with the server's message for it after a 400.
#[component]
fn LdapFieldInput(state: EditorState, field: LdapField) -> impl IntoView {
    let value = state.values.signal(field);
    let check = Signal::derive(move || value.with(|t| field.check(t)));
    let server_error = Signal::derive(move || state.server_error(field));
    let changed =
        Signal::derive(move || state.pending.with(|p| p.iter().any(|c| c.field == field)));
    // The password keeps the id it always had; the others are named after their API key.
    let (id, kind, placeholder, autocomplete) = if field.is_secret() {
        (
            "ldap-password".to_string(),
            InputKind::Password,
            "Set a new password",
            "new-password",
        )
    } else {
        // The two LDAP filters are long expressions: several lines, monospace.
        let filter = matches!(field, LdapField::SyncFilter | LdapField::AuthFilter);
        (
            format!("ldap-{}", field.api_name()),
            if filter {
                InputKind::MultiLine
            } else {
                InputKind::Text
            },
            "",
            "off",
        )
    };
    view! {
        <TextField id=id label=field.label() value=value kind=kind
            placeholder=placeholder autocomplete=autocomplete
            check=check error=server_error changed=changed>
            {field.help()}
        </TextField>
    }
}

#[component]
fn ConnectionTimes(state: EditorState) -> impl IntoView {
    let when = |t: Option<&str>| t.map_or_else(|| "—".into(), crate::time::display);
    view! {
        <p class="muted">{move || state.loaded.with(|c| format!(
            "Created {} · Modified {}",
            when(c.created_at.as_deref()),
            when(c.modified_at.as_deref()),
        ))}</p>
    }
}

/// What stops a save, the last failure, and the buttons. Review and save is disabled while a request is on
/// its way, so a save cannot start twice.
#[component]
fn SaveBar(
    state: EditorState,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] checking: Signal<bool>,
    #[prop(into)] saving: Signal<bool>,
) -> impl IntoView {
    let permissions = use_permissions();
    let denied = move || {
        permissions
            .access
            .get()
            .read_only()
            .then(|| read_only_reason("change LDAP connections"))
    };
    // After a save, focus goes to what it said (Review and save is off until the next edit), in view; after
    // a failure, back to Review and save, under the message.
    effect(move || {
        if state.saved.get() {
            request_animation_frame(|| {
                crate::focus::to_element_id("ldap-status");
            });
        }
    });
    effect(move || {
        if state.error.with(Option::is_some) {
            request_animation_frame(|| {
                crate::focus::first_of(&["ldap-save", "ldap-save-error"]);
            });
        }
    });
    let label = move || {
        if checking.get() {
            "Checking…"
        } else if saving.get() {
            "Saving…"
        } else {
            "Review and save"
        }
    };
    view! {
        {move || state.blocked.get().then(|| view! {
            <p class="field-error" role="alert">"Fix the fields marked above before saving."</p>
        })}
        {move || state.error.get().map(|e| view! { <ErrorPanel error=e id="ldap-save-error" /> })}
        <div class="actions save-bar">
            <button type="submit" class="button" id="ldap-save"
                aria-describedby="ldap-save-denied"
                disabled=move || !state.dirty.get() || busy.get() || denied().is_some() || state.step.with(|s| *s != SaveStep::Editing)>
                {label}
            </button>
            <button type="button" class="button secondary" disabled=move || !state.dirty.get()
                on:click=move |_| state.discard()>
                "Discard changes"
            </button>
            <span id="ldap-save-denied" class="muted small">{denied}</span>
            <span class="status" role="status" id="ldap-status" tabindex="-1" data-testid="ldap-status">
                {move || (state.saved.get() && !state.dirty.get()).then_some("Saved.")}
            </span>
        </div>
    }
}

/// The review or the conflict, whichever the save reached. Rebuilt only when the step changes.
#[component]
fn SaveDialogs(
    state: EditorState,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<()>,
) -> impl IntoView {
    let close = Callback::new(move |_| state.step.set(SaveStep::Editing));
    move || match state.step.get() {
        SaveStep::Editing => None,
        SaveStep::Review(changes) => {
            Some(view! { <ReviewDialog changes saving on_save on_cancel=close /> }.into_any())
        }
        SaveStep::Conflict(theirs, _) => Some(
            view! {
                <ConflictDialog theirs mine=state.pending.get_untracked()
                    on_keep_mine=Callback::new(move |_| state.keep_mine())
                    on_take_theirs=Callback::new(move |_| state.take_theirs())
                    on_cancel=close />
            }
            .into_any(),
        ),
    }
}
