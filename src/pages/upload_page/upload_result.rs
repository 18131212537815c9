//! The import job an upload created, followed to its end; each value updates in place.

use crate::components::StatusBadge;
use crate::erased::memo;
use crate::router::app_url;
use console_api::Job;
use leptos::prelude::*;

#[component]
pub fn UploadResult(job: Memo<Option<Job>>) -> impl IntoView {
    let text = move |part: fn(&Job) -> String| {
        move || job.with(|j| j.as_ref().map(part).unwrap_or_default())
    };
    let shown = memo(move || job.with(Option::is_some));
    let status = memo(move || job.with(|j| j.as_ref().map(Job::status)));
    // Said once when the job is created and once when it ends, not on every update.
    let announced = memo(move || {
        job.with(|j| {
            j.as_ref().map(|j| match j.ready {
                true => format!("Import job {} ended: {}.", j.id, j.status().label()),
                false => format!("Import job {} created; the import is running.", j.id),
            })
        })
    });
    view! {
        <p class="visually-hidden" role="status" data-testid="upload-announce">{move || announced.get()}</p>
        {move || shown.get().then(|| view! {
            <section class="card upload-result" aria-labelledby="created-heading" data-testid="upload-result">
                <h2 id="created-heading" tabindex="-1">{text(|j| if j.ready { format!("Import job {}: {}", j.id, j.status().label()) } else { format!("Import job {} created", j.id) })}</h2>
                <dl class="fields">
                    <dt>"Status"</dt>
                    <dd data-testid="upload-status">{move || status.get().map(|s| view! { <StatusBadge status=s /> })}</dd>
                    <dt>"Connection"</dt><dd>{text(|j| j.connection.alias.clone())}</dd>
                    <dt>"System"</dt><dd>{text(|j| j.connection.system.display_name().to_string())}</dd>
                    <dt>"Project"</dt><dd>{text(|j| j.connection.project.map_or_else(|| "—".into(), |p| p.to_string()))}</dd>
                    <dt>"Attachment"</dt><dd>{text(|j| j.attachment.clone().unwrap_or_else(|| "—".into()))}</dd>
                    <dt>"Result"</dt>
                    <dd class="message-full" data-testid="upload-message">
                        {text(|j| if j.ready { j.result_message().to_string() } else { "The import is running; this page follows it.".to_string() })}
                    </dd>
                </dl>
                <p><a href=move || job.with(|j| j.as_ref().map(|j| app_url(&format!("/jobs/analysis/{}", j.id))))>"Open the job's page →"</a></p>
            </section>
        }.into_any())}
    }
}
