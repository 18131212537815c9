//! Says that following running jobs is paused, and why, while the follower retries.

use console_api::ApiError;
use leptos::prelude::*;

/// Shows the last polling failure held by `error` (from `use_job_follower`), nothing when polling is well.
#[component]
pub fn LiveNotice(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <span class="notice small" role="status" data-testid="poll-error">
                    {format!("Live updates paused: {} Retrying.", e.title())}
                </span>
            }
        })
    }
}
