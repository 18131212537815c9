//! The navigation bar: the console's sections, with the current one marked for screen readers.

use crate::router::NavLink;
use leptos::prelude::*;

#[component]
pub fn NavBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            // `#main` resolves against the document's <base> (the console's root), so left to the browser
            // it would open the overview: focus goes to the main region here instead.
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                crate::focus::first_of(&["main"]);
            }>"Skip to content"</a>
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
