//! A failed request, in words: what happened, what the server said, what to do, and the button for it.

use crate::router::app_url;
use console_api::ApiError;
use leptos::prelude::*;

/// Shows `error` where the failure happened. `on_retry`, when given, offers "Try again" (never where it
/// cannot help: no token, or a 403); errors fixed in
/// Settings (no token, token refused, server unreachable) also link there.
#[component]
pub fn ErrorPanel(
    /// The failure to explain.
    error: ApiError,
    /// Repeats the failed request.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// An id, so focus can be sent to the message after a failed action.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let retry = on_retry.filter(|_| error.can_retry());
    let calm = error.kind == console_api::ErrorKind::NoToken;
    let fields = (!error.field_errors.is_empty()).then(|| {
        view! {
            <ul class="error-fields">
                {error
                    .field_errors
                    .iter()
                    .map(|(field, message)| view! { <li><code>{field.clone()}</code>": " {message.clone()}</li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        // No token yet is a step to take, not a failure: said calmly.
        <div class=if calm { "error-panel calm" } else { "error-panel" } role=if calm { "status" } else { "alert" } data-testid="error-panel" id=id tabindex="-1">
            <p class="error-title">{error.title()}</p>
            {error.detail.clone().map(|d| view! { <p class="error-detail">"The server said: " {d}</p> })}
            {fields}
            <p class="error-advice">{error.advice()}</p>
            <div class="actions">
                {retry.map(|cb| view! {
                    <button type="button" class="button" on:click=move |_| cb.run(())>"Try again"</button>
                })}
                {error.needs_settings().then(|| view! { <a class="button secondary" href=app_url("/settings")>"Open Settings"</a> })}
            </div>
        </div>
    }
}
