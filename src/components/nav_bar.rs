//! The navigation bar: the console's sections, with the current one marked for screen readers.

use crate::router::NavLink;
use leptos::prelude::*;

#[component]
pub fn NavBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <nav aria-label="Main">
                <span class="brand">"Integration"<span class="wide-only">" Console"</span></span>
                <ul>
                    <li><NavLink section="/">"Overview"</NavLink></li>
                    <li><NavLink section="/jobs">"Jobs"</NavLink></li>
                    <li><NavLink section="/upload">"Upload"<span class="wide-only">" report"</span></NavLink></li>
                    <li><NavLink section="/ldap">"LDAP"<span class="wide-only">" connections"</span></NavLink></li>
                    <li><NavLink section="/settings">"Settings"</NavLink></li>
                </ul>
            </nav>
        </header>
    }
}
