//! One row per connection: its last runs as a strip of marks (each a link to its job, its time and result
//! on hover and focus), the success rate over them, the time since the last success and the last failure
//! in full. The rows keep their order while live updates arrive (a row never moves under the pointer or
//! the focus); a new load or filter sorts them again, failing connections first.

use super::key_of;
use crate::erased::memo;
use crate::pages::now_ms;
use crate::router::app_url;
use console_api::overview::{ConnectionHealth, FailingSince, Mark, OverviewState, Trend};
use console_api::timefmt::relative;
use console_api::{JobKind, JobStatus};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

type Key = (JobKind, i64);

fn mark_href(m: &Mark) -> String {
    if m.kind_certain {
        app_url(&format!("/jobs/{}/{}", m.kind.slug(), m.job_id))
    } else {
        app_url(&format!("/jobs/all/{}?guess={}", m.job_id, m.kind.slug()))
    }
}

/// "Job 412 failed, 2026-11-27 10:12 UTC+01:00: Authentication failed …"
fn mark_text(m: &Mark) -> String {
    let when = m
        .when_ms
        .map(|ms| format!(", {}", crate::time::both(ms).0))
        .unwrap_or_default();
    let how = match m.status {
        JobStatus::Running => "running",
        JobStatus::Succeeded => "succeeded",
        JobStatus::Failed => "failed",
    };
    let message = if m.message.is_empty() {
        String::new()
    } else {
        format!(": {}", m.message)
    };
    format!("Job {} {how}{when}{message}", m.job_id)
}

/// "since 3 days ago (12 failed runs in a row)".
fn failing_text(f: FailingSince) -> String {
    let runs = if f.failed_runs == 1 {
        "1 failed run".to_string()
    } else {
        format!("{} failed runs in a row", f.failed_runs)
    };
    match (f.when_ms, f.since_success) {
        (Some(ms), true) => format!("since {} ({runs})", relative(ms, now_ms())),
        (Some(ms), false) => format!(
            "in every run loaded, since {} ({runs})",
            relative(ms, now_ms())
        ),
        (None, _) => runs,
    }
}

/// Tooltips of a strip hidden (Escape) until focus leaves it.
fn quiet(ev: &leptos::ev::Event, on: bool) {
    if let Some(strip) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = strip.class_list().toggle_with_force("quiet", on);
    }
}

/// A strip is one stop for Tab (its newest run); the arrow keys, Home and End move between its runs.
fn strip_keys(ev: leptos::ev::KeyboardEvent) {
    let key = ev.key();
    if key == "Escape" {
        quiet(&ev, true);
        return;
    }
    let Some(strip) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(marks) = strip.query_selector_all("a.mark") else {
        return;
    };
    let all: Vec<web_sys::HtmlElement> = (0..marks.length())
        .filter_map(|i| marks.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = all
        .iter()
        .position(|m| active.as_ref().is_some_and(|a| a.is_same_node(Some(m))));
    let Some(at) = at else { return };
    let to = match key.as_str() {
        "ArrowRight" | "ArrowDown" => (at + 1).min(all.len() - 1),
        "ArrowLeft" | "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => all.len() - 1,
        _ => return,
    };
    ev.prevent_default();
    for (i, m) in all.iter().enumerate() {
        let _ = m.set_attribute("tabindex", if i == to { "0" } else { "-1" });
    }
    let _ = all[to].focus();
}

fn since(ms: Option<i64>, none: &'static str) -> AnyView {
    match ms {
        Some(ms) => {
            view! { <time title=crate::time::exact(ms)>{relative(ms, now_ms())}</time> }.into_any()
        }
        None => none.into_any(),
    }
}

#[component]
pub fn HealthTable(
    state: Memo<OverviewState>,
    health: Memo<Vec<ConnectionHealth>>,
    loaded: RwSignal<bool>,
    /// Counts completed loads: the order is taken afresh on each, and on each filter change.
    loads: RwSignal<u32>,
) -> impl IntoView {
    let order = memo(move || {
        state.track();
        loads.track();
        health.with_untracked(|h| h.iter().map(key_of).collect::<Vec<_>>())
    });
    let summary = move || {
        health.with(|h| {
            let failing = h.iter().filter(|c| c.failing()).count();
            let running = h.iter().filter(|c| c.running()).count();
            let noun = if h.len() == 1 {
                "connection"
            } else {
                "connections"
            };
            format!("{} {noun}: {failing} failing, {running} running.", h.len())
        })
    };
    let nav = crate::router::use_nav();
    let empty = move || {
        (loaded.get() && order.with(Vec::is_empty)).then(|| {
            if state.with(|s| *s != OverviewState { days: s.days, ..OverviewState::default() }) {
                view! {
                    <div class="empty" data-testid="overview-empty">
                        <p>"No connection has jobs that match these filters."</p>
                        <button type="button" class="button secondary"
                            on:click=move |_| nav.navigate("/", false, false)>"Clear filters"</button>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <p class="empty" data-testid="overview-empty">
                        "No jobs yet. Connections appear here once they run or a report is uploaded."
                    </p>
                }
                .into_any()
            }
        })
    };
    view! {
        <p class="muted" data-testid="overview-summary" hidden=move || !loaded.get() || order.with(Vec::is_empty)>{summary}</p>
        <p class="muted small legend-text" hidden=move || order.with(Vec::is_empty)>
            "Failing: the connection's newest finished run failed. Runs, oldest to newest: short green succeeded, tall red failed, outlined running. In a strip, the arrow keys move from run to run and Escape hides the run's details."
        </p>
        {empty}
        <div class="table-wrap" hidden=move || order.with(Vec::is_empty)>
            <table class="data-table health-table" data-testid="health-table">
                <thead>
                    <tr>
                        <th scope="col">"Connection"</th>
                        <th scope="col">"Last runs, oldest first"</th>
                        <th scope="col">"Succeeded"</th>
                        <th scope="col">"Last success"</th>
                        <th scope="col">"Last failure"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || order.get() key=|k| *k let:key>
                        {health_row(key, health, state)}
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// The connection `key` in `all`.
fn pick(all: &[ConnectionHealth], key: Key) -> Option<&ConnectionHealth> {
    all.iter().find(|c| key_of(c) == key)
}

/// A row reads its connection from the shared list each time (no memo per row: a few dozen connections
/// are found in no time, and each memo type costs bundle size).
fn health_row(
    key: Key,
    health: Memo<Vec<ConnectionHealth>>,
    state: Memo<OverviewState>,
) -> impl IntoView {
    let Some(first) = health.with_untracked(|all| pick(all, key).cloned()) else {
        return ().into_any();
    };
    let row = move |f: &dyn Fn(&ConnectionHealth) -> Option<String>| {
        health.with(|all| pick(all, key).and_then(f))
    };
    let (kind, id) = key;
    // The jobs list of this connection, started the same way when the overview is filtered by it.
    let jobs_href = move || {
        let started = state.with(|s| s.automatic.map(|a| format!("automatic={a}&")));
        app_url(&format!(
            "/jobs/{}?{}connection={id}",
            kind.slug(),
            started.unwrap_or_default()
        ))
    };
    let project = first
        .project
        .map(|p| format!(" · project {p}"))
        .unwrap_or_default();
    let about = format!("{} · {}{project}", kind.label(), first.system);
    let alias = first.alias.clone();
    let failing = move || health.with(|all| pick(all, key).is_some_and(ConnectionHealth::failing));
    let marks = move || {
        health.with(|all| {
            pick(all, key)
                .map(|r| {
                    r.marks
                        .iter()
                        .map(|m| (m.job_id, m.status))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let rate = move || {
        row(&|r| {
            let finished = r
                .marks
                .iter()
                .filter(|m| m.status != JobStatus::Running)
                .count();
            let ok = r
                .marks
                .iter()
                .filter(|m| m.status == JobStatus::Succeeded)
                .count();
            r.success_rate()
                .map(|p| format!("{p}% ({ok} of {finished})"))
        })
        .unwrap_or_else(|| "—".into())
    };
    let last_success = move || {
        since(
            health.with(|all| pick(all, key).and_then(|r| r.last_success_ms)),
            "Never",
        )
    };
    let last_failure = move || {
        match health.with(|all| pick(all, key).and_then(|r| r.last_failure.clone())) {
            None => "None".into_any(),
            Some(m) => view! {
                <span class="failure-message">{if m.message.is_empty() { "No message".to_string() } else { m.message.clone() }}</span>
                " "<span class="muted small">"("{since(m.when_ms, "time unknown")}")"</span>
            }
            .into_any(),
        }
    };
    let failing_since = move || {
        health.with(|all| {
            let h = pick(all, key).filter(|h| h.failing())?;
            h.failing_since.map(failing_text)
        })
    };
    let trend = move || {
        health.with(|all| {
            pick(all, key).and_then(|h| h.trend()).map(|t| match t {
                Trend::Worse { newer, older, runs } => format!(
                    "Getting worse: {newer}% of the last {runs} finished runs, {older}% of the {runs} before"
                ),
                Trend::Better { newer, older, runs } => format!(
                    "Getting better: {newer}% of the last {runs} finished runs, {older}% of the {runs} before"
                ),
            })
        })
    };
    let newest =
        move || health.with(|all| pick(all, key).and_then(|h| h.marks.last().map(|m| m.job_id)));
    let strip_label = format!("Last runs of {alias}, oldest first");
    view! {
        <tr data-testid="health-row" data-connection=format!("{}-{id}", kind.slug()) class:failing=failing>
            <th scope="row" class="connection">
                <a href=jobs_href title=format!("Jobs of {alias} (connection {id})")>{alias.clone()}</a>
                {move || failing_since().map(|text| view! {
                    " "<span class="badge status-failed">"Failing"</span>
                    <span class="since" data-testid="failing-since">{text}</span>
                })}
                <span class="about">{about}</span>
            </th>
            <td>
                <ol class="strip" aria-label=strip_label on:keydown=strip_keys on:focusout=|ev| quiet(&ev, false)>
                    <For each=marks key=|k| *k let:k>
                        {health.with_untracked(|all| {
                            pick(all, key).and_then(|r| r.marks.iter().find(|m| m.job_id == k.0).cloned())
                        })
                        .map(|m| {
                            let text = mark_text(&m);
                            view! {
                                <li><a class=format!("mark {}", m.status.css_class()) href=mark_href(&m)
                                    data-testid="mark" data-job-id=m.job_id
                                    tabindex=move || if newest() == Some(k.0) { "0" } else { "-1" }
                                    aria-label=text.clone() data-tip=text></a></li>
                            }
                        })}
                    </For>
                </ol>
            </td>
            <td class="num" data-testid="success-rate">{rate}<span class="trend" data-testid="trend">{trend}</span></td>
            <td data-testid="last-success">{last_success}</td>
            <td class="message" data-testid="last-failure">{last_failure}</td>
        </tr>
    }
    .into_any()
}
