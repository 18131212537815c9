//! The application shell: configuration loading, the navigation bar and the routes.

use crate::components::NavBar;
use crate::config::{fetch_deployed_config, DeployedConfig, Settings};
use crate::pages::{
    JobDetailPage, JobsPage, LdapDetailPage, LdapListPage, NotFoundPage, SettingsPage, UploadPage,
};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(Settings::load(DeployedConfig::default(), false));
    provide_context(settings);
    // Pages wait for config.json so their first request goes to the right backend.
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let deployed = fetch_deployed_config().await;
        settings.update(|s| {
            s.deployed_loaded = deployed.is_some();
            s.deployed = deployed.unwrap_or_default();
        });
        ready.set(true);
    });
    view! {
        <Router>
            <NavBar />
            <main id="main" tabindex="-1">
                <Show
                    when=move || ready.get()
                    fallback=|| view! { <p class="loading" role="status">"Loading configuration…"</p> }
                >
                    <Routes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/") view=|| view! { <Redirect path="/jobs" /> } />
                        <Route path=path!("/jobs") view=JobsPage />
                        <Route path=path!("/jobs/:kind") view=JobsPage />
                        <Route path=path!("/jobs/:kind/:id") view=JobDetailPage />
                        <Route path=path!("/upload") view=UploadPage />
                        <Route path=path!("/ldap") view=LdapListPage />
                        <Route path=path!("/ldap/:id") view=LdapDetailPage />
                        <Route path=path!("/settings") view=SettingsPage />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}
