//! The jobs table: one row per job, every value rendered as text.

use super::StatusBadge;
use console_api::text::shorten;
use console_api::timefmt::{format_utc, parse_rfc3339_millis, relative};
use console_api::{Job, JobKind, UserRef};
use leptos::prelude::*;

const MESSAGE_CHARS: usize = 80;

fn user_cell(user: Option<&UserRef>) -> String {
    user.map_or_else(|| "—".to_string(), UserRef::label)
}

#[component]
pub fn JobsTable(
    /// The rows, in the order to show.
    jobs: Vec<Job>,
    /// "Now" for relative times, in epoch milliseconds.
    now_ms: i64,
) -> impl IntoView {
    let rows = jobs
        .into_iter()
        .map(|job| {
            let kind = JobKind::derive(&job.connection);
            let href = format!("/jobs/{}/{}", kind.slug(), job.id);
            let (last_run, exact) = match job.last_run.as_deref().and_then(parse_rfc3339_millis) {
                Some(ms) => (relative(ms, now_ms), format_utc(ms)),
                None => (job.last_run.clone().unwrap_or_else(|| "—".into()), String::new()),
            };
            let (message, cut) = shorten(job.result_message(), MESSAGE_CHARS);
            let full_message = cut.then(|| job.result_message().to_string());
            let project = job.connection.project.map_or_else(|| "—".to_string(), |p| p.to_string());
            view! {
                <tr data-testid="job-row" data-job-id=job.id>
                    <td><StatusBadge status=job.status() /></td>
                    <td><a href=href>{job.connection.alias.clone()}</a></td>
                    <td>{job.connection.system.display_name().to_string()}</td>
                    <td class="num">{project}</td>
                    <td>{user_cell(job.triggered_by.as_ref())}</td>
                    <td>{user_cell(job.user.as_ref())}</td>
                    <td><time datetime=job.last_run.clone().unwrap_or_default() title=exact>{last_run}</time></td>
                    <td class="message" title=full_message>{message}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="jobs-table">
                <thead>
                    <tr>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Connection"</th>
                        <th scope="col">"System"</th>
                        <th scope="col">"Project"</th>
                        <th scope="col">"Triggered by"</th>
                        <th scope="col">"User"</th>
                        <th scope="col">"Last run"</th>
                        <th scope="col">"Result"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
