//! A job's status as one badge: Running, Succeeded or Failed, in words (colour is never the only signal).

use console_api::JobStatus;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: JobStatus) -> impl IntoView {
    let icon = match status {
        JobStatus::Running => "◌",
        JobStatus::Succeeded => "✓",
        JobStatus::Failed => "✕",
    };
    view! {
        <span class=format!("badge status-{}", status.css_class()) data-status=status.css_class()>
            <span aria-hidden="true">{icon}" "</span>
            {status.label()}
        </span>
    }
}
