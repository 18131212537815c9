//! "Run now": asks first, starts one job of the connection, and cannot start a second while one of that
//! connection is starting or running: the button is disabled and the reason stands beside it.

use crate::api::use_sde_writes;
use crate::components::{Dialog, ErrorPanel};
use crate::erased::effect;
use console_api::{Job, JobKind};
use leptos::prelude::*;

/// Why Run now cannot be used at the moment, or `None` when it can.
pub fn run_blocked_reason(
    starting: bool,
    shown_running: bool,
    other_running: Option<i64>,
) -> Option<String> {
    if starting {
        Some("Starting a job…".into())
    } else if shown_running {
        Some("This job is running. Run the connection again once it has finished.".into())
    } else {
        other_running.map(|id| {
            format!(
                "Job {id} of this connection is running. Run it again once that job has finished."
            )
        })
    }
}

#[component]
pub fn RunNow(
    kind: JobKind,
    connection: i64,
    /// The connection's alias, for the question.
    alias: Signal<String>,
    /// Why it cannot run now (a job of the connection is running), or `None`.
    blocked: Signal<Option<String>>,
    /// The job the server started.
    on_started: Callback<Job>,
) -> impl IntoView {
    let sde = use_sde_writes();
    let confirming = RwSignal::new(false);
    let run = crate::erased::act(move |connection: &i64| sde.start_job(kind, *connection));
    let watcher = crate::watch::use_watcher();
    effect(move || {
        if let Some(result) = run.value().get() {
            confirming.set(false);
            if let Ok(job) = result {
                if let Some(w) = watcher {
                    w.add(kind, job.id, &format!("Run of {}", alias.get_untracked()));
                }
                on_started.run(job);
            }
        }
    });
    let reason = Signal::derive(move || {
        run_blocked_reason(run.pending().get(), false, None).or_else(|| blocked.get())
    });
    let start = move |_| {
        if reason.get_untracked().is_none() {
            run.dispatch(connection);
        }
    };
    let error = move || {
        run.value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <ErrorPanel error=e id="run-now-error" /> })
    };
    view! {
        <div class="actions">
            <button type="button" class="button" data-testid="run-now"
                aria-describedby="run-now-reason"
                disabled=move || reason.get().is_some()
                on:click=move |_| confirming.set(true)>
                "Run now"
            </button>
            <span id="run-now-reason" class="muted small" data-testid="run-now-reason">{move || reason.get()}</span>
        </div>
        {error}
        {move || confirming.get().then(|| view! {
            <Dialog title="Run this connection now?" return_to="run-now-error" on_close=Callback::new(move |_| confirming.set(false))>
                <p>{move || format!("This starts a new {} job for “{}” (connection {connection}). ", kind.label(), alias.get())}
                   "It runs in the background; this page follows it until it finishes."</p>
                <div class="actions">
                    <button type="button" class="button" data-testid="confirm-run"
                        disabled=move || reason.get().is_some()
                        on:click=start>
                        {move || if run.pending().get() { "Starting…" } else { "Run now" }}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </Dialog>
        }.into_any())}
    }
}
