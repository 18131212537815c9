//! The job's own fields, the people involved and its connection with its parameters (secrets masked, values
//! not known to be harmless shown only on request).
//! Every value is bound to the job signal on its own, so a live update changes the text that changed and
//! leaves the rest of the page, and anything the admin is doing in it, alone.

use crate::components::{StatusBadge, UserCard};
use crate::erased::memo;
use console_api::secret::{ShownParam, MASK};
use console_api::{Job, JobKind, UserRef};
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

fn dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "—".into())
}

/// A text that follows one part of the job.
fn text_of(job: Memo<Option<Job>>, part: fn(&Job) -> String) -> impl Fn() -> String + Copy {
    move || job.with(|j| j.as_ref().map(part).unwrap_or_default())
}

#[component]
pub fn JobFields(
    /// The job shown; updated in place by live updates.
    job: Memo<Option<Job>>,
    /// The endpoint it was read from.
    kind: Memo<JobKind>,
) -> impl IntoView {
    let status = memo(move || job.with(|j| j.as_ref().map(Job::status)));
    let heading = move || {
        job.with(|j| {
            j.as_ref()
                .map(|j| format!("{} job {}", kind.get().label(), j.id))
        })
    };
    view! {
        <section class="card" aria-labelledby="job-heading">
            <h2 id="job-heading">{heading}</h2>
            <dl class="fields">
                <dt>"Status"</dt>
                <dd data-testid="job-status">{move || status.get().map(|s| view! { <StatusBadge status=s /> })}</dd>
                <dt>"Last run"</dt><dd>{move || job.with(|j| crate::time::stamp_view(j.as_ref().and_then(|j| j.last_run.as_deref()), "—"))}</dd>
                <dt>"Automatic"</dt><dd>{text_of(job, |j| yes_no(j.automatic).into())}</dd>
                <dt>"Triggered by"</dt><dd>{text_of(job, |j| user_text(j.triggered_by.as_ref()))}</dd>
                <dt>"User"</dt><dd>{text_of(job, |j| user_text(j.user.as_ref()))}</dd>
                <dt>"Attachment"</dt><dd>{text_of(job, |j| j.attachment.clone().unwrap_or_else(|| "None".into()))}</dd>
                <dt>"Result"</dt>
                <dd class="message-full" data-testid="result-message">
                    {text_of(job, |j| if j.result_message().is_empty() { "No message.".into() } else { j.result_message().into() })}
                </dd>
            </dl>
        </section>
        <People job=job />
        <ConnectionFields job=job />
    }
}

/// The expanded users, each as a card; nothing when the users are emails only.
#[component]
fn People(job: Memo<Option<Job>>) -> impl IntoView {
    let people = memo(move || {
        job.with(|j| {
            let Some(j) = j else { return Vec::new() };
            [("Triggered by", &j.triggered_by), ("User", &j.user)]
                .into_iter()
                .filter_map(|(role, user)| {
                    user.as_ref()
                        .and_then(UserRef::as_user)
                        .map(|u| (role, u.clone()))
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let people = people.get();
        (!people.is_empty()).then(|| {
            view! {
                <section class="card" aria-labelledby="people-heading">
                    <h2 id="people-heading">"People"</h2>
                    <div class="people">
                        {people.into_iter().map(|(role, user)| view! {
                            <div><h3>{role}</h3><UserCard user=user /></div>
                        }).collect_view()}
                    </div>
                </section>
            }
        })
    }
}

/// One parameter's value: in clear when its name is a known setting, never when it names a secret, and
/// otherwise masked until the admin presses "Show" (what it then shows has its inner secrets masked).
#[component]
fn ParamValue(name: String, shown: ShownParam) -> impl IntoView {
    match shown {
        ShownParam::Clear(text) => text.into_any(),
        ShownParam::Secret => view! {
            <span class="masked">{MASK}</span>" "<span class="muted">"(secret, never shown)"</span>
        }
        .into_any(),
        ShownParam::Hidden(text) => {
            let open = RwSignal::new(false);
            let label = move || {
                let verb = if open.get() { "Hide" } else { "Show" };
                format!("{verb} the value of {name}")
            };
            view! {
                <span class="masked-value">
                    <span data-testid="hidden-param">
                        {move || if open.get() { text.clone() } else { MASK.to_string() }}
                    </span>
                    " "
                    <button type="button" class="link-button" aria-label=label
                        on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "Hide" } else { "Show" }}
                    </button>
                </span>
            }
            .into_any()
        }
    }
}

#[component]
fn ConnectionFields(job: Memo<Option<Job>>) -> impl IntoView {
    // `None`: the token may not see parameters; `Some(empty)`: the connection has none.
    let params = memo(move || {
        job.with(|j| {
            j.as_ref()
                .and_then(|j| j.connection.params.as_ref())
                .map(|p| p.display_rows())
        })
    });
    let params_view = move || {
        match params.get() {
        Some(rows) if !rows.is_empty() => view! {
            <table class="data-table params" data-testid="params-table">
                <thead><tr><th scope="col">"Parameter"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>
                    {rows.into_iter()
                        .map(|(k, v)| view! {
                            <tr><th scope="row"><code>{k.clone()}</code></th><td><ParamValue name=k shown=v /></td></tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="help">
                "Secrets are never shown. Values not known to be plain settings are hidden until you press Show, "
                "which reveals them with any secret inside still masked; exports always mask them."
            </p>
        }
        .into_any(),
        Some(_) => view! { <p class="muted">"This connection has no parameters."</p> }.into_any(),
        None => view! {
            <p class="notice" data-testid="params-hidden">
                "Parameters are hidden: your token lacks the permission to see this connection's settings."
            </p>
        }
        .into_any(),
    }
    };
    view! {
        <section class="card" aria-labelledby="connection-heading">
            <h2 id="connection-heading">"Connection"</h2>
            <dl class="fields">
                <dt>"Alias"</dt><dd>{text_of(job, |j| j.connection.alias.clone())}</dd>
                <dt>"Id"</dt><dd>{text_of(job, |j| j.connection.id.to_string())}</dd>
                <dt>"System"</dt><dd>{text_of(job, |j| j.connection.system.display_name().to_string())}</dd>
                <dt>"Frequency"</dt><dd>{text_of(job, |j| dash(j.connection.frequency.clone()))}</dd>
                <dt>"Command"</dt><dd><code>{text_of(job, |j| dash(j.connection.command.clone()))}</code></dd>
                <dt>"Project"</dt><dd>{text_of(job, |j| dash(j.connection.project.map(|p| p.to_string())))}</dd>
            </dl>
            <h3>"Parameters"</h3>
            {params_view}
        </section>
    }
}
