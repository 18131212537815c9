//! Any address the console does not know.

use crate::router::app_url;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="page-head"><h1>"Page not found"</h1></div>
        <p data-testid="not-found">"There is no page at this address. It may have moved, or the link is mistyped."</p>
        <p><a class="button" href=app_url("/jobs")>"Go to Jobs"</a></p>
    }
}
