//! The overview, the console's home page: which connections are broken, since when, and whether it is
//! getting worse. Every job is loaded (all pages when the server pages), grouped per connection (its last
//! runs as a strip of marks, failing connections first) and counted per day in a chart drawn here as SVG,
//! with a table of the same numbers. The filters live in the URL; running jobs are followed live.

mod chart;
mod filters;
mod health_table;

use crate::api::use_sde;
use crate::components::{ErrorPanel, LiveNotice};
use crate::config::Settings;
use crate::erased::memo;
use crate::fetch::use_fetch;
use crate::live::use_job_follower;
use crate::router::use_nav;
use console_api::encoding::parse_query;
use console_api::filter::JobFilter;
use console_api::jobs_view::{apply_update, JobRow};
use console_api::overview::{connection_health, ConnectionHealth, OverviewState, MARKS};
use console_api::{ApiError, JobQuery, JobStatus, KindGuess};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// At most this many running jobs are followed at once.
const MAX_FOLLOWED: usize = 25;

/// What the server answered.
#[derive(Clone, Copy)]
pub(crate) struct AllJobs {
    pub rows: RwSignal<Vec<JobRow>>,
    /// Jobs read so far and the server's count, while pages are being read.
    pub progress: RwSignal<Option<(usize, Option<u64>)>>,
    pub loaded: RwSignal<bool>,
    /// Counts the completed loads.
    pub loads: RwSignal<u32>,
    pub error: RwSignal<Option<ApiError>>,
    pub loading: ReadSignal<bool>,
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let nav = use_nav();
    let state = memo(move || OverviewState::from_pairs(&parse_query(&nav.search().get())));
    let (data, retry) = use_all_jobs(state);
    // The systems seen, for the system filter (before that filter applies).
    let systems = memo(move || {
        // One by one, with no copy of a name already held: 50,000 rows name a handful of systems (and a
        // bulk-built set would bring a second sort algorithm into the bundle).
        data.rows.with(|rows| {
            let mut systems = BTreeSet::new();
            for row in rows {
                let name = row.job.connection.system.display_name();
                if !systems.contains(name) {
                    systems.insert(name.to_string());
                }
            }
            systems
        })
    });
    let health = memo(move || {
        let s = state.get();
        data.rows
            .with(|rows| connection_health(rows.iter().filter(|r| s.admits(r)), MARKS))
    });
    let poll_error = follow_running(state, data);
    let status = move || {
        if let Some(error) = data.error.get() {
            return view! { <ErrorPanel error=error on_retry=retry /> }.into_any();
        }
        match data.progress.get() {
            Some((read, count)) => {
                let of = count.map(|c| format!(" of {c}")).unwrap_or_default();
                view! { <p class="loading" role="status">{format!("Loading jobs… {read}{of} read")}</p> }
                    .into_any()
            }
            None => ().into_any(),
        }
    };
    view! {
        <div class="page-head">
            <h1>"Overview"</h1>
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| retry.run(())
                    disabled=move || data.loading.get()>"Refresh"</button>
            </div>
        </div>
        <filters::OverviewFilters state=state systems=systems />
        {status}
        <LiveNotice error=poll_error />
        <section class="overview-section" aria-labelledby="connections-heading">
            <h2 id="connections-heading">"Connections"</h2>
            <health_table::HealthTable state=state health=health loaded=data.loaded loads=data.loads />
        </section>
        <section class="overview-section" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{move || format!("Runs per day, last {} days", state.with(|s| s.days))}</h2>
            <chart::RunsChart state=state rows=data.rows loaded=data.loaded />
        </section>
    }
}

/// Reads every job of the kind and `automatic` filter asked for: the first page, then the next ones
/// while the server says there are more. The system filter and the chart's days apply in the browser,
/// so changing them asks nothing.
fn use_all_jobs(state: Memo<OverviewState>) -> (AllJobs, Callback<()>) {
    let settings = crate::provided::<RwSignal<Settings>>();
    let sde = use_sde();
    let query = memo(move || {
        state.with(|s| JobQuery {
            kind: s.kind,
            filter: JobFilter {
                automatic: s.automatic,
                ..JobFilter::default()
            },
            ..JobQuery::default()
        })
    });
    let rows = RwSignal::new(Vec::<JobRow>::new());
    let progress = RwSignal::new(None);
    let loaded = RwSignal::new(false);
    let loads = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let fetch = use_fetch(
        move || {
            settings.track();
            Some((sde.clone(), query.get()))
        },
        move |(sde, mut query)| async move {
            let kind = query.kind;
            let mut all = Vec::new();
            let mut page = 1;
            loop {
                let answer = sde.list_jobs(&query).await?;
                all.extend(answer.results.into_iter().map(|j| JobRow::listed(j, kind)));
                if answer.next.is_none() {
                    break;
                }
                progress.try_set(Some((all.len(), answer.count)));
                page += 1;
                query.page = Some(page);
            }
            Ok(all)
        },
        move |result| {
            progress.try_set(None);
            match result {
                Ok(all) => {
                    rows.try_set(all);
                    error.try_set(None);
                    loaded.try_set(true);
                    loads.try_update(|n| *n += 1);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        },
    );
    let data = AllJobs {
        rows,
        progress,
        loaded,
        loads,
        error,
        loading: fetch.loading,
    };
    (data, fetch.retry())
}

/// Follows the running jobs in view, as the jobs list does; each answer replaces its row.
fn follow_running(state: Memo<OverviewState>, data: AllJobs) -> RwSignal<Option<ApiError>> {
    let settings = crate::provided::<RwSignal<Settings>>();
    let poll_error = RwSignal::new(None::<ApiError>);
    let running = memo(move || {
        let s = state.get();
        data.rows.with(|rows| {
            rows.iter()
                .filter(|r| r.status == JobStatus::Running && s.admits(r))
                .take(MAX_FOLLOWED)
                .map(|r| {
                    (
                        KindGuess {
                            kind: r.kind,
                            certain: r.kind_certain,
                        },
                        r.job.id,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    use_job_follower(
        settings,
        false,
        || false,
        running,
        move |job| {
            data.rows
                .try_maybe_update(|rows| (apply_update(rows, job), ()));
        },
        poll_error,
    );
    poll_error
}

/// A connection's key in the table.
pub(crate) fn key_of(h: &ConnectionHealth) -> (console_api::JobKind, i64) {
    (h.kind, h.id)
}
