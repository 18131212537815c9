//! The application shell: configuration loading, the navigation bar and the routes.

use crate::api::{provide_backends, Backends};
use crate::components::NavBar;
use crate::config::{DeployedConfig, Settings};
use crate::erased::{effect, memo};
use crate::pages::JobsPage;
use crate::router::provide_router;
use console_api::route::{Page, Route};
use leptos::prelude::*;

/// The address the admin opened the console at before any token was set, taken once by Settings' first
/// save.
#[derive(Clone, Copy)]
pub struct FirstLink(pub StoredValue<Option<String>>);

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(Settings::load(DeployedConfig::default(), false));
    provide_context(settings);
    provide_backends(Backends::http(settings));
    // Pages wait for config.json so their first request goes to the right backend.
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let deployed = crate::early::deployed_config().await;
        settings.update(|s| {
            s.deployed_loaded = deployed.is_some();
            s.deployed = deployed.unwrap_or_default();
        });
        ready.set(true);
    });
    let nav = provide_router();
    let watcher = crate::watch::provide_watcher(settings, nav);
    // Keyed by page, not address: moving between `/jobs/alm` and `/jobs/ldap` keeps the page and its
    // state; the page follows the address's parameters itself.
    let page = memo(move || nav.route().with(Route::page));
    // The tab says where the admin is; after moving to another page, focus goes to its heading, so a
    // keyboard or screen reader user starts there rather than on the link they left (not on the first
    // load, where the browser's own focus start is right). Endings of watched jobs not yet seen are
    // counted in front: "(1) Jobs · Integration Console".
    effect(move || {
        let title = console_api::watch::title_with_unseen(
            &nav.route().with(Route::document_title),
            watcher.notices.with(Vec::len),
        );
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
    let shown_page = StoredValue::new(None::<Page>);
    effect(move || {
        let now = page.get();
        let before = shown_page.get_value();
        shown_page.set_value(Some(now));
        if before.is_some_and(|b| b != now) {
            gloo_timers::callback::Timeout::new(0, crate::focus::to_page_heading).forget();
        }
    });
    // A first visit (no token for either service) is welcomed rather than met with errors; the link it
    // opened is where Settings goes on to after the first save.
    let welcome =
        memo(move || settings.with(|s| s.sde_token.is_none() && s.access_token.is_none()));
    let first_link = FirstLink(StoredValue::new(
        (welcome.get_untracked() && page.get_untracked() != Page::Settings).then(|| nav.current()),
    ));
    provide_context(first_link);
    let content = move || match page.get() {
        Page::Settings => crate::lazy::settings(),
        Page::NotFound => crate::lazy::not_found(),
        _ if welcome.get() => crate::lazy::welcome(),
        Page::Home => crate::lazy::overview(),
        Page::Jobs => view! { <JobsPage /> }.into_any(),
        Page::JobDetail => crate::lazy::job_detail(),
        Page::Upload => crate::lazy::upload(),
        Page::Ldap => crate::lazy::ldap_list(),
        Page::LdapDetail => crate::lazy::ldap_detail(),
    };
    view! {
            <NavBar />
            <crate::watch::FinishNotices />
            <main id="main" tabindex="-1">
                <Show
                    when=move || ready.get()
                    fallback=|| view! { <p class="loading" role="status">"Loading configuration…"</p> }
                >
                    {content}
                </Show>
            </main>
            {move || nav.leaving.with(Option::is_some).then(|| crate::lazy::leave_dialog(nav))}
    }
}
