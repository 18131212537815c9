//! The navigation bar: the console's sections, with the current one marked for screen readers.

use crate::router::NavLink;
use leptos::prelude::*;

#[component]
pub fn NavBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <nav aria-label="Main">
                <span class="brand">"Integration Console"</span>
                <ul>
                    <li><NavLink section="/jobs">"Jobs"</NavLink></li>
                    <li><NavLink section="/upload">"Upload report"</NavLink></li>
                    <li><NavLink section="/ldap">"LDAP connections"</NavLink></li>
                    <li><NavLink section="/settings">"Settings"</NavLink></li>
                </ul>
            </nav>
        </header>
    }
}
