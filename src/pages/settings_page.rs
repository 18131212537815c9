//! Where the admin points the console at the backends and gives it the two API tokens.
//!
//! A saved token is never shown again, not even in part: the field stays empty and says a token is saved.
//! An empty token field on save keeps the saved token; "Forget" removes it.

use crate::api::{use_access, use_permissions, use_sde, Permissions};
use crate::app::FirstLink;
use crate::components::{Dialog, ErrorPanel, InputKind, TextField};
use crate::config::Settings;
use console_api::url::{normalize_override_url, origin_of, token_needs_confirmation};
use console_api::{JobQuery, Secret, Service};
use leptos::prelude::*;

/// Which backend a group of fields is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sde,
    Access,
}

impl Backend {
    fn id(self) -> &'static str {
        match self {
            Backend::Sde => "sde",
            Backend::Access => "access",
        }
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = crate::provided::<RwSignal<Settings>>();
    let initial = settings.get_untracked();
    let sde_url = RwSignal::new(initial.sde_url_override.clone().unwrap_or_default());
    let access_url = RwSignal::new(initial.access_url_override.clone().unwrap_or_default());
    let sde_token = RwSignal::new(String::new());
    let access_token = RwSignal::new(String::new());
    let remember = RwSignal::new(initial.remember_tokens);
    let sde_url_error = RwSignal::new(None::<String>);
    let access_url_error = RwSignal::new(None::<String>);
    let (sde_confirm, access_confirm) = (TokenConfirm::new(), TokenConfirm::new());
    let saved = RwSignal::new(false);
    let permissions = use_permissions();
    let nav = use_context::<crate::router::Nav>();
    let first_link = use_context::<FirstLink>();
    // What is typed here and not saved: leaving asks first rather than losing it.
    let dirty = Memo::new(move |_| {
        let typed = |field: RwSignal<String>| field.with(|t| !t.trim().is_empty());
        let moved = |field: RwSignal<String>, saved: &Option<String>| {
            field.with(|u| u.trim() != saved.as_deref().unwrap_or_default())
        };
        settings.with(|s| {
            moved(sde_url, &s.sde_url_override)
                || moved(access_url, &s.access_url_override)
                || remember.get() != s.remember_tokens
        }) || typed(sde_token)
            || typed(access_token)
    });
    crate::unsaved::guard_unsaved_changes(dirty);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let sde = normalize_override_url(&sde_url.get_untracked());
        let access = normalize_override_url(&access_url.get_untracked());
        sde_url_error.set(sde.as_ref().err().cloned());
        access_url_error.set(access.as_ref().err().cloned());
        let (Ok(sde), Ok(access)) = (sde, access) else {
            saved.set(false);
            crate::focus::to_element_id(if sde_url_error.get_untracked().is_some() {
                "sde-url"
            } else {
                "access-url"
            });
            return;
        };
        // A saved token is sent to a new server only when the admin says so (or types its own token).
        let current = settings.get_untracked();
        let asks = [
            (
                Backend::Sde,
                sde_confirm,
                current.sde_base(),
                &sde,
                current.deployed.sde_base_url.clone(),
                current.sde_token.is_some(),
                sde_token,
            ),
            (
                Backend::Access,
                access_confirm,
                current.access_base(),
                &access,
                current.deployed.access_base_url.clone(),
                current.access_token.is_some(),
                access_token,
            ),
        ]
        .map(
            |(backend, confirm, old, new, deployed, saved_token, typed)| {
                let new_base = if new.is_empty() {
                    deployed
                } else {
                    new.clone()
                };
                let typed = !typed.get_untracked().trim().is_empty();
                let ask = token_needs_confirmation(&old, &new_base, saved_token, typed)
                    && !confirm.confirmed.get_untracked();
                confirm.asking.set(ask.then(|| {
                    origin_of(&new_base).unwrap_or_else(|| "the console's own address".to_string())
                }));
                (backend, ask)
            },
        );
        if let Some((backend, _)) = asks.iter().find(|(_, ask)| *ask) {
            saved.set(false);
            crate::focus::to_element_id(&format!("{}-token", backend.id()));
            return;
        }
        settings.update(|s| {
            s.sde_url_override = Some(sde.clone()).filter(|u| !u.is_empty());
            s.access_url_override = Some(access.clone()).filter(|u| !u.is_empty());
            let typed = |field: RwSignal<String>| {
                Some(field.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
            };
            if let Some(token) = typed(sde_token) {
                s.sde_token = Some(Secret::new(token));
                permissions.forget(Service::SdElements);
            }
            if let Some(token) = typed(access_token) {
                s.access_token = Some(Secret::new(token));
                permissions.forget(Service::AccessService);
            }
            s.remember_tokens = remember.get_untracked();
            s.save();
        });
        sde_url.set(sde);
        access_url.set(access);
        sde_token.set(String::new());
        access_token.set(String::new());
        sde_confirm.reset();
        access_confirm.reset();
        saved.set(true);
        // A first visit goes on to the page the admin opened the console at.
        let has_token =
            settings.with_untracked(|s| s.sde_token.is_some() || s.access_token.is_some());
        if let (Some(first), Some(nav)) = (first_link.filter(|_| has_token), nav) {
            if let Some(to) = first.0.try_update_value(Option::take).flatten() {
                nav.navigate(&to, false, true);
            }
        }
    };

    let (sde, access) = (use_sde(), use_access());
    let check = crate::erased::act(move |_: &()| {
        let (sde, access) = (sde.clone(), access.clone());
        async move {
            let probe = JobQuery {
                page_size: Some(1),
                ..Default::default()
            };
            (
                sde.list_jobs(&probe).await.map(|_| ()),
                access.list().await.map(|_| ()),
            )
        }
    });

    view! {
        <div class="page-head"><h1>"Settings"</h1></div>
        {move || (!settings.get().deployed_loaded).then(|| view! {
            <p class="notice" data-testid="config-missing">
                "config.json could not be read, so the console uses its own address for both backends. "
                "Set the addresses below, or ask whoever deployed the console to provide config.json."
            </p>
        })}
        <form class="settings-form" on:submit=save novalidate>
            <BackendFields backend=Backend::Sde url=sde_url token=sde_token url_error=sde_url_error confirm=sde_confirm />
            <BackendFields backend=Backend::Access url=access_url token=access_token url_error=access_url_error confirm=access_confirm />
            <div class="field checkbox">
                <input id="remember-tokens" type="checkbox"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev)) />
                <label for="remember-tokens">"Remember tokens on this browser"</label>
                <p class="help">
                    "Off: tokens are kept for this tab only and are gone when it closes. "
                    "On: they stay in this browser's storage, where anyone using this browser profile can use them."
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="button">"Save settings"</button>
                // Busy is aria-disabled: a disabled button would drop focus to <body>.
                <button type="button" class="button secondary"
                    aria-disabled=move || check.pending().get().then_some("true")
                    on:click=move |_| { if !check.pending().get_untracked() { check.dispatch(()); } }>
                    {move || if check.pending().get() { "Checking…" } else { "Check connections" }}
                </button>
            </div>
            <p class="status" role="status" data-testid="settings-status">
                {move || saved.get().then_some("Settings saved. Every page now uses them.")}
            </p>
        </form>
        {move || check.value().get().map(|(sde, access)| {
            let line = |service: Service, result: Result<(), console_api::ApiError>| match result {
                Ok(()) => {
                    let can = match service {
                        Service::SdElements => permissions.sde,
                        Service::AccessService => permissions.access,
                    };
                    let name = if service == Service::SdElements { "SD Elements" } else { "access-service" };
                    // Connected is good news; read-only is a warning beside it, in the warning's colours.
                    view! {
                        <p data-testid="check-ok">
                            <span class="ok">{name}": connected."</span>" "
                            <span class=move || if can.get().read_only() { "notice small" } else { "" }>
                                {move || can.get().banner(service).unwrap_or_else(|| write_note(service))}
                            </span>
                        </p>
                    }.into_any()
                }
                Err(error) => view! { <ErrorPanel error=error /> }.into_any(),
            };
            view! { <section class="card" aria-label="Connection check" role="status">{line(Service::SdElements, sde)}{line(Service::AccessService, access)}</section> }
        })}
        <DisplayPrefs />
    }
}

/// How times are shown and whether a finished job may raise a desktop notification. Applied at once and
/// kept on this browser; nothing here is sent anywhere.
#[component]
fn DisplayPrefs() -> impl IntoView {
    use console_api::timefmt::TimeZoneChoice;
    let zone = RwSignal::new(crate::time::choice());
    let notify = RwSignal::new(crate::watch::notify_on());
    let said = RwSignal::new(String::new());
    let warn = RwSignal::new(false);
    let here = {
        let now = crate::pages::now_ms();
        let (local, _) = TimeZoneChoice::Local.both(now, crate::time::local_offset(now));
        local.rsplit(' ').next().unwrap_or_default().to_string()
    };
    let choose = move |choice: TimeZoneChoice| {
        crate::time::set_choice(choice);
        zone.set(choice);
        warn.set(false);
        said.set(match choice {
            TimeZoneChoice::Local => "Times are now shown in local time, with UTC on hover.".into(),
            TimeZoneChoice::Utc => "Times are now shown in UTC, with local time on hover.".into(),
        });
    };
    let toggle_notify = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        warn.set(false);
        if !on {
            crate::watch::set_notify(false);
            notify.set(false);
            said.set("Desktop notifications are off.".into());
            return;
        }
        said.set("Asking the browser for permission…".into());
        // Asked for only now, when the admin turns it on.
        leptos::task::spawn_local(async move {
            let granted = crate::watch::ask_permission().await;
            crate::watch::set_notify(granted);
            notify.set(granted);
            warn.set(!granted);
            said.set(if granted {
                "Desktop notifications are on: a job you start says when it finishes, also when this tab is in the background.".into()
            } else {
                "The browser did not allow notifications. Allow them for this site in the browser's settings, then turn this on again.".into()
            });
        });
    };
    view! {
        <section class="card" aria-labelledby="display-heading" data-testid="display-settings">
            <h2 id="display-heading">"Times and notices"</h2>
            <fieldset class="choices">
                <legend>"Show times in"</legend>
                <label><input type="radio" name="time-zone" prop:checked=move || zone.get() == TimeZoneChoice::Local
                    on:change=move |_| choose(TimeZoneChoice::Local) />{format!(" Local time ({here} here)")}</label>
                <label><input type="radio" name="time-zone" prop:checked=move || zone.get() == TimeZoneChoice::Utc
                    on:change=move |_| choose(TimeZoneChoice::Utc) />" UTC, as server logs write them"</label>
            </fieldset>
            <div class="field checkbox">
                <input id="notify-finished" type="checkbox" prop:checked=move || notify.get() on:change=toggle_notify />
                <label for="notify-finished">"Desktop notification when a job I started finishes"</label>
                <p class="help">"The console always says so on its pages and in the tab title; this adds a notification from the browser, which asks for permission once."</p>
            </div>
            <p class="status" class:warn=move || warn.get() role="status" data-testid="display-status">{move || said.get()}</p>
        </section>
    }
}

fn forget_permissions(permissions: Permissions, backend: Backend) {
    permissions.forget(match backend {
        Backend::Sde => Service::SdElements,
        Backend::Access => Service::AccessService,
    });
}

fn token_input_id(backend: Backend) -> &'static str {
    match backend {
        Backend::Sde => "sde-token",
        Backend::Access => "access-token",
    }
}

/// What the check can say of a token's write permission when nothing has refused it.
fn write_note(service: Service) -> String {
    match service {
        Service::SdElements => "Nothing says it is read-only so far.",
        Service::AccessService => {
            "Whether this token may change connections shows at its first change: the access-service does not say before."
        }
    }
    .to_string()
}

/// The question asked when a new address would be sent the saved token.
#[derive(Clone, Copy)]
struct TokenConfirm {
    /// The new server's origin while the question is open.
    asking: RwSignal<Option<String>>,
    /// The admin's answer: send the saved token there.
    confirmed: RwSignal<bool>,
}

impl TokenConfirm {
    fn new() -> Self {
        Self {
            asking: RwSignal::new(None),
            confirmed: RwSignal::new(false),
        }
    }

    fn reset(self) {
        self.asking.set(None);
        self.confirmed.set(false);
    }
}

/// One backend's address and token. A saved token is only ever said to exist, with a way to forget it.
#[component]
fn BackendFields(
    backend: Backend,
    url: RwSignal<String>,
    token: RwSignal<String>,
    url_error: RwSignal<Option<String>>,
    confirm: TokenConfirm,
) -> impl IntoView {
    let settings = crate::provided::<RwSignal<Settings>>();
    let (title, placeholder_token) = match backend {
        Backend::Sde => ("SD Elements", "SD Elements API token"),
        Backend::Access => ("access-service", "access-service bearer token"),
    };
    let permissions = use_permissions();
    let asking_forget = RwSignal::new(false);
    let forgotten = RwSignal::new(false);
    let forget = move || {
        asking_forget.set(false);
        settings.update(|s| {
            match backend {
                Backend::Sde => s.sde_token = None,
                Backend::Access => s.access_token = None,
            }
            s.save();
        });
        forget_permissions(permissions, backend);
        forgotten.set(true);
    };
    let id = backend.id();
    let deployed = move || {
        let s = settings.get();
        let d = match backend {
            Backend::Sde => s.deployed.sde_base_url.clone(),
            Backend::Access => s.deployed.access_base_url.clone(),
        };
        if d.trim().is_empty() {
            "Empty: the console's own address (behind the reverse proxy).".to_string()
        } else {
            format!("Empty: {d}, from config.json.")
        }
    };
    let has_token = move || {
        let s = settings.get();
        match backend {
            Backend::Sde => s.sde_token.is_some(),
            Backend::Access => s.access_token.is_some(),
        }
    };
    view! {
        <fieldset class="card" data-testid=format!("{id}-settings")>
            <legend>{title}</legend>
            <TextField id=format!("{id}-url") label=format!("{title} base URL") value=url kind=InputKind::Url
                placeholder="https://" error=url_error message_id=format!("{id}-url-error")>
                {deployed}
            </TextField>
            <TextField id=format!("{id}-token") label=format!("{title} API token") value=token kind=InputKind::Password
                placeholder=move || if has_token() { "A token is saved; type to replace it" } else { placeholder_token }
                help_id=format!("{id}-token-state")>
                <span data-testid=format!("{id}-token-state")>
                    {move || if has_token() { "A token is saved. It is never shown again." } else if forgotten.get() { "Token forgotten: none is saved." } else { "No token saved." }}
                    {move || has_token().then(|| view! {
                        " "
                        <button type="button" class="link-button" on:click=move |_| asking_forget.set(true)>"Forget token"</button>
                    })}
                </span>
            </TextField>
            {move || asking_forget.get().then(|| view! {
                <Dialog title=format!("Forget the {title} token?") return_to=token_input_id(backend)
                    on_close=Callback::new(move |_| asking_forget.set(false))>
                    <p>"The console stops sending it at once; pages using "{title}" ask for a token until you enter one."</p>
                    <div class="actions">
                        <button type="button" class="button danger" on:click=move |_| forget()>"Forget token"</button>
                        <button type="button" class="button secondary" data-autofocus
                            on:click=move |_| asking_forget.set(false)>"Cancel"</button>
                    </div>
                </Dialog>
            })}
            {move || confirm.asking.get().map(|origin| {
                let box_id = format!("{id}-token-confirm");
                let why_id = format!("{box_id}-why");
                let (testid, input_id) = (box_id.clone(), box_id.clone());
                view! {
                    <div class="token-confirm" data-testid=testid>
                        <p class="field-error" role="alert" id=why_id.clone()>
                            "The new address is another server ("{origin.clone()}"), and your saved token would be sent to it. "
                            "Type the token for that server above, or tick the box to send it the saved one."
                        </p>
                        <div class="field checkbox">
                            <input id=input_id type="checkbox" aria-describedby=why_id
                                prop:checked=move || confirm.confirmed.get()
                                on:change=move |ev| confirm.confirmed.set(event_target_checked(&ev)) />
                            <label for=box_id>"Send my saved token to "{origin}</label>
                        </div>
                    </div>
                }
            })}
        </fieldset>
    }
}
