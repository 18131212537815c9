//! The first visit: no token is set for either backend. Says what the console is, where each token comes
//! from, and leads to Settings; after saving, the console goes on to the link the admin first opened.

use crate::router::app_url;
use leptos::prelude::*;

#[component]
pub fn WelcomePage() -> impl IntoView {
    view! {
        <div class="page-head"><h1>"Welcome to the Integration Console"</h1></div>
        <section class="card welcome" data-testid="welcome">
            <p>"Run and watch your SD Elements integration jobs, upload scanner reports, and keep the access-service's LDAP connections right. The console needs an API token for each of the two services; it sends each only to its own server."</p>
            <h2>"SD Elements API token"</h2>
            <p>"In SD Elements, open your user menu, then "<strong>"API Tokens"</strong>" and create a token. A token without the Edit connections permission can look but not start jobs or upload reports."</p>
            <h2>"access-service API token"</h2>
            <p>"A bearer token for the access-service, from whoever runs your identity services. It lists and changes LDAP connections."</p>
            <p><a class="button" href=app_url("/settings") data-testid="welcome-settings">"Open Settings"</a></p>
            <p class="muted small">"After you save, the console opens the page you came for."</p>
        </section>
    }
}
