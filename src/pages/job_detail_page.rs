//! One job: its fields, the people involved, its connection and parameters (secrets masked) and its full
//! result message. A running job is followed until it finishes. From here the admin can run the
//! connection again or record a result for it.

use crate::api::SdeClient;
use crate::components::{Dialog, ErrorPanel, LiveNotice, StatusBadge, UserCard};
use crate::config::Settings;
use crate::fetch::use_fetch;
use crate::live::use_job_follower;
use crate::router::{app_url, use_nav};
use console_api::route::Route;
use console_api::timefmt::display_timestamp;
use console_api::{ApiError, Job, JobKind, JobResultRequest, JobStatus, UserRef};
use leptos::prelude::*;

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
fn JobFields(job: Job, kind: JobKind) -> impl IntoView {
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
    let people: Vec<(&'static str, console_api::User)> =
        [("Triggered by", &job.triggered_by), ("User", &job.user)]
            .into_iter()
            .filter_map(|(role, user)| {
                user.as_ref()
                    .and_then(UserRef::as_user)
                    .map(|u| (role, u.clone()))
            })
            .collect();
    view! {
        <section class="card" aria-labelledby="job-heading">
            <h2 id="job-heading">{format!("{} job {}", kind.label(), job.id)}</h2>
            <dl class="fields">
                <dt>"Status"</dt><dd data-testid="job-status"><StatusBadge status=job.status() /></dd>
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
        {(!people.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="people-heading">
                <h2 id="people-heading">"People"</h2>
                <div class="people">
                    {people.into_iter().map(|(role, user)| view! {
                        <div><h3>{role}</h3><UserCard user=user /></div>
                    }).collect_view()}
                </div>
            </section>
        })}
        <section class="card" aria-labelledby="connection-heading">
            <h2 id="connection-heading">"Connection"</h2>
            <dl class="fields">
                <dt>"Alias"</dt><dd>{c.alias.clone()}</dd>
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

/// "Record result": for admins whose scanners report back by hand. What was typed survives a failure.
#[component]
fn RecordResultForm(kind: JobKind, connection: i64, on_recorded: Callback<Job>) -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let message = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<bool>);
    let missing = RwSignal::new(None::<&'static str>);
    let post = Action::new_local(move |body: &JobResultRequest| {
        let client = SdeClient::new(&settings.get_untracked());
        let body = body.clone();
        async move { client.post_result(kind, &body).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(job)) = post.value().get() {
            on_recorded.run(job);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
                {move || post.value().get().and_then(Result::err).map(|e| view! { <ErrorPanel error=e /> })}
                <button type="submit" class="button" disabled=move || post.pending().get()>
                    {move || if post.pending().get() { "Recording…" } else { "Record result" }}
                </button>
            </form>
        </details>
    }
}

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let nav = use_nav();
    let target = Memo::new(move |_| {
        nav.route().with(|r| match r {
            Route::JobDetail { kind, id } => Some((*kind, *id)),
            _ => None,
        })
    });

    let job = RwSignal::new(None::<Job>);
    let error = RwSignal::new(None::<ApiError>);
    let retry = use_fetch(
        move || {
            let (kind, id) = target.get()?;
            Some((SdeClient::new(&settings.get()), kind, id))
        },
        |(client, kind, id)| async move { client.job(kind, id, true).await },
        move |result| match result {
            Ok(j) => {
                job.try_set(Some(j));
                error.try_set(None);
            }
            Err(e) => {
                job.try_set(None);
                error.try_set(Some(e));
            }
        },
    )
    .retry();

    // Follow the job while it runs.
    let poll_error = RwSignal::new(None::<ApiError>);
    let running = Memo::new(move |_| {
        let current = job.get();
        match (target.get(), current) {
            (Some((kind, id)), Some(j)) if j.id == id && j.status() == JobStatus::Running => {
                vec![(kind, id)]
            }
            _ => Vec::new(),
        }
    });
    use_job_follower(
        settings,
        || true,
        running,
        move |j| {
            job.try_set(Some(j));
        },
        poll_error,
    );

    let open_job = Callback::new(move |new_job: Job| {
        if let Some((kind, _)) = target.get_untracked() {
            nav.navigate(
                &format!("/jobs/{}/{}", kind.slug(), new_job.id),
                false,
                true,
            );
        }
    });
    let confirming = RwSignal::new(false);
    let run = Action::new_local(move |(kind, connection): &(JobKind, i64)| {
        let client = SdeClient::new(&settings.get_untracked());
        let (kind, connection) = (*kind, *connection);
        async move { client.start_job(kind, connection).await }
    });
    Effect::new(move |_| {
        if let Some(result) = run.value().get() {
            confirming.set(false);
            if let Ok(new_job) = result {
                open_job.run(new_job);
            }
        }
    });

    view! {
        <p class="breadcrumb"><a href=app_url("/jobs")>"← All jobs"</a></p>
        {move || match (target.get(), job.get(), error.get()) {
            (None, _, _) => view! {
                <h1>"No such job"</h1>
                <p>"This address does not name a job. Go back to the jobs list and pick one."</p>
            }
            .into_any(),
            (_, _, Some(e)) => view! { <ErrorPanel error=e on_retry=retry /> }.into_any(),
            (_, None, None) => view! { <p class="loading" role="status">"Loading job…"</p> }.into_any(),
            (Some((kind, _)), Some(j), None) => {
                let connection = j.connection.id;
                let alias = j.connection.alias.clone();
                let confirm_alias = alias.clone();
                view! {
                    <div class="page-head">
                        <h1>{alias}</h1>
                        <div class="actions">
                            <button type="button" class="button" on:click=move |_| confirming.set(true)
                                disabled=move || run.pending().get()>
                                "Run now"
                            </button>
                        </div>
                    </div>
                    {move || run.value().get().and_then(Result::err).map(|e| view! { <ErrorPanel error=e /> })}
                    <LiveNotice error=poll_error />
                    <JobFields job=j kind=kind />
                    <RecordResultForm kind=kind connection=connection on_recorded=open_job />
                    {move || confirming.get().then(|| {
                        let alias = confirm_alias.clone();
                        view! {
                            <Dialog title="Run this connection now?" on_close=Callback::new(move |_| confirming.set(false))>
                                <p>{format!("This starts a new {} job for “{alias}” (connection {connection}). ", kind.label())}
                                   "It runs in the background; this page follows it until it finishes."</p>
                                <div class="actions">
                                    <button type="button" class="button" data-testid="confirm-run"
                                        disabled=move || run.pending().get()
                                        on:click=move |_| { run.dispatch((kind, connection)); }>
                                        {move || if run.pending().get() { "Starting…" } else { "Run now" }}
                                    </button>
                                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                                </div>
                            </Dialog>
                        }
                    })}
                }
                .into_any()
            }
        }}
    }
}
