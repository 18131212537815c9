//! "Record result": for admins whose scanners report back by hand. Created once per connection, so live
//! updates of the job never touch what is being typed; what was typed also survives a failed request.

use crate::api::{use_permissions, use_sde_writes};
use crate::components::ErrorPanel;
use crate::erased::effect;
use console_api::permission::read_only_reason;
use console_api::{Job, JobKind, JobResultRequest};
use leptos::prelude::*;

#[component]
pub fn RecordResultForm(
    kind: JobKind,
    connection: i64,
    /// The job the server created for the recorded result.
    on_recorded: Callback<Job>,
) -> impl IntoView {
    let sde = use_sde_writes();
    let message = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<bool>);
    let missing = RwSignal::new(None::<&'static str>);
    let post = crate::erased::act(move |body: &JobResultRequest| sde.post_result(kind, body));
    effect(move || {
        if let Some(Ok(job)) = post.value().get() {
            message.set(String::new());
            outcome.set(None);
            on_recorded.run(job);
        }
    });
    let permissions = use_permissions();
    let denied = move || {
        permissions
            .sde
            .get()
            .read_only()
            .then(|| read_only_reason("record results"))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if post.pending().get_untracked() || denied().is_some() {
            return;
        }
        let Some(succeeded) = outcome.get_untracked() else {
            missing.set(Some("Choose whether the job succeeded or failed."));
            return;
        };
        missing.set(None);
        post.dispatch(JobResultRequest {
            connection,
            automatic: false,
            result_message: message.get_untracked().trim().to_string(),
            succeeded,
            ready: Some(true),
        });
    };
    let error = move || {
        post.value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <ErrorPanel error=e /> })
    };
    view! {
        <details class="card" data-testid="record-result">
            <summary>"Record a result for this connection"</summary>
            <form on:submit=submit novalidate>
                <fieldset class="field">
                    <legend>"Outcome"</legend>
                    <label class="inline"><input type="radio" name="outcome"
                        prop:checked=move || outcome.get() == Some(true)
                        on:change=move |_| outcome.set(Some(true)) />" Succeeded"</label>
                    <label class="inline"><input type="radio" name="outcome"
                        prop:checked=move || outcome.get() == Some(false)
                        on:change=move |_| outcome.set(Some(false)) />" Failed"</label>
                    <p class="field-error" role="alert">{move || missing.get()}</p>
                </fieldset>
                <div class="field">
                    <label for="result-message">"Result message"</label>
                    <textarea id="result-message" rows="3"
                        prop:value=move || message.get()
                        on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                </div>
                {error}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || post.pending().get() || denied().is_some()
                        aria-describedby="record-denied">
                        {move || if post.pending().get() { "Recording…" } else { "Record result" }}
                    </button>
                    <span id="record-denied" class="muted small">{denied}</span>
                </div>
            </form>
        </details>
    }
}
