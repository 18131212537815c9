//! The navigation bar: the console's sections, with the current one marked for screen readers.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NavBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <nav aria-label="Main">
                <span class="brand">"Integration Console"</span>
                <ul>
                    <li><A href="/jobs">"Jobs"</A></li>
                    <li><A href="/upload">"Upload report"</A></li>
                    <li><A href="/ldap">"LDAP connections"</A></li>
                    <li><A href="/settings">"Settings"</A></li>
                </ul>
            </nav>
        </header>
    }
}
