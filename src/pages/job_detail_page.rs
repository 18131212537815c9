//! One job: its fields, its connection, its parameters (secrets masked) and its full result message.

use crate::api::SdeClient;
use crate::components::{ErrorPanel, StatusBadge};
use crate::config::Settings;
use console_api::timefmt::display_timestamp;
use console_api::{Job, JobKind, UserRef};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn user_text(user: Option<&UserRef>) -> String {
    user.map_or_else(|| "—".to_string(), UserRef::label)
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "Yes"
    } else {
        "No"
    }
}

#[component]
fn JobDetail(job: Job, kind: JobKind) -> impl IntoView {
    let c = job.connection.clone();
    let params = match &c.params {
        Some(params) if !params.0.is_empty() => view! {
            <table class="data-table params" data-testid="params-table">
                <thead><tr><th scope="col">"Parameter"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>
                    {params
                        .display_rows()
                        .into_iter()
                        .map(|(k, v)| view! { <tr><th scope="row"><code>{k}</code></th><td>{v}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Some(_) => view! { <p class="muted">"This connection has no parameters."</p> }.into_any(),
        None => view! {
            <p class="notice" data-testid="params-hidden">
                "Parameters are hidden: your token lacks the permission to see this connection's settings."
            </p>
        }
        .into_any(),
    };
    view! {
        <div class="page-head">
            <h1>{c.alias.clone()}</h1>
            <StatusBadge status=job.status() />
        </div>
        <section class="card" aria-labelledby="job-heading">
            <h2 id="job-heading">{format!("{} job {}", kind.label(), job.id)}</h2>
            <dl class="fields">
                <dt>"Last run"</dt><dd>{job.last_run.as_deref().map_or_else(|| "—".into(), display_timestamp)}</dd>
                <dt>"Automatic"</dt><dd>{yes_no(job.automatic)}</dd>
                <dt>"Triggered by"</dt><dd>{user_text(job.triggered_by.as_ref())}</dd>
                <dt>"User"</dt><dd>{user_text(job.user.as_ref())}</dd>
                <dt>"Attachment"</dt><dd>{job.attachment.clone().unwrap_or_else(|| "None".into())}</dd>
                <dt>"Result"</dt>
                <dd class="message-full" data-testid="result-message">
                    {if job.result_message().is_empty() { "No message.".to_string() } else { job.result_message().to_string() }}
                </dd>
            </dl>
        </section>
        <section class="card" aria-labelledby="connection-heading">
            <h2 id="connection-heading">"Connection"</h2>
            <dl class="fields">
                <dt>"Id"</dt><dd>{c.id}</dd>
                <dt>"System"</dt><dd>{c.system.display_name().to_string()}</dd>
                <dt>"Frequency"</dt><dd>{c.frequency.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>"Command"</dt><dd><code>{c.command.clone().unwrap_or_else(|| "—".into())}</code></dd>
                <dt>"Project"</dt><dd>{c.project.map_or_else(|| "—".into(), |p| p.to_string())}</dd>
            </dl>
            <h3>"Parameters"</h3>
            {params}
        </section>
    }
}

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let params = use_params_map();
    let target = move || {
        let p = params.read();
        let kind = p
            .get("kind")
            .and_then(|k| JobKind::from_slug(&k))
            .filter(|k| *k != JobKind::All);
        let id = p.get("id").and_then(|id| id.parse::<i64>().ok());
        kind.zip(id)
    };
    let job = LocalResource::new(move || {
        let client = SdeClient::new(&settings.get());
        let target = target();
        async move {
            match target {
                Some((kind, id)) => Some(client.job(kind, id, true).await.map(|job| (kind, job))),
                None => None,
            }
        }
    });
    let retry = Callback::new(move |_| job.refetch());
    view! {
        <p class="breadcrumb"><a href="/jobs">"← All jobs"</a></p>
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading job…"</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    None => view! {
                        <h1>"No such job"</h1>
                        <p>"This address does not name a job. Go back to the jobs list and pick one."</p>
                    }
                    .into_any(),
                    Some(Ok((kind, job))) => view! { <JobDetail job=job kind=kind /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorPanel error=error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
}
