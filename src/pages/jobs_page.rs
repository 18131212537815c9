//! The jobs list: every ALM, verification and LDAP job, filtered on the server, searched and sorted in the
//! browser, paged as the API pages, followed live while jobs run. The whole view lives in the URL.
//!
//! The page is a table of contents; each part reads only the signals it shows, so a live update changes
//! the rows that changed and nothing else.

mod filter_bar;
mod jobs_list;
mod kind_tabs;
mod pager;
mod view_state;

use crate::api::use_sde;
use crate::components::ReadOnlyBanner;
use crate::config::Settings;
use crate::download::download;
use crate::erased::memo;
use crate::fetch::use_fetch;
use crate::live::use_job_follower;
use crate::pages::now_ms;
use crate::router::use_nav;
use console_api::encoding::parse_query;
use console_api::export::{export_file_name, jobs_to_csv, jobs_to_json, ExportFormat};
use console_api::jobs_view::{apply_update, visible_rows, JobListState, JobRow};
use console_api::route::Route;
use console_api::{ApiError, JobKind, JobStatus, KindGuess, Service};
use filter_bar::FilterBar;
use jobs_list::{JobsList, ListStatus};
use kind_tabs::KindTabs;
use leptos::prelude::*;
use pager::Pager;
use std::collections::BTreeMap;
use view_state::{ListView, Loaded, Paging};

/// At most this many running jobs on screen are followed at once.
const MAX_FOLLOWED: usize = 25;

#[component]
pub fn JobsPage() -> impl IntoView {
    let nav = use_nav();
    let kind = memo(move || {
        nav.route().with(|r| match r {
            Route::Jobs(kind) => Some(*kind),
            Route::UnknownJobKind(_) => None,
            // `/` shows this page too, as all jobs.
            _ => Some(JobKind::All),
        })
    });
    let state = memo(move || {
        let pairs = parse_query(&nav.search().get());
        JobListState::from_query(kind.get().unwrap_or_default(), &pairs)
    });
    let view = ListView { state, nav };
    crate::erased::effect(move || crate::router::remember_list(state.with(JobListState::href)));
    let (data, retry) = use_jobs(state);
    let poll_error = follow_running(state, data);
    view! {
        <div class="page-head">
            <h1 id="jobs-heading">"Jobs"</h1>
            <ExportButtons view=view data=data retry=retry />
        </div>
        <ReadOnlyBanner service=Service::SdElements />
        <KindTabs view=view kind=kind />
        <FilterBar view=view data=data />
        <ListStatus view=view data=data poll_error=poll_error />
        <JobsList view=view data=data retry=retry />
        <Pager view=view data=data />
    }
}

/// Loads the list the URL asks for: one request at a time, an answer to a superseded one dropped. Search
/// and sort are not in the request, so they never refetch.
fn use_jobs(state: Memo<JobListState>) -> (Loaded, Callback<()>) {
    let settings = crate::provided::<RwSignal<Settings>>();
    let sde = use_sde();
    let api_query = memo(move || state.with(JobListState::api_query));
    let rows = RwSignal::new(Vec::<JobRow>::new());
    let paging = RwSignal::new(Paging::default());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let connections = RwSignal::new(BTreeMap::<i64, String>::new());
    let fetch = use_fetch(
        move || {
            settings.track();
            Some((sde.clone(), api_query.get()))
        },
        |(sde, query)| {
            crate::perf::mark("console:first-request");
            let kind = query.kind;
            let answer = sde.list_jobs(&query);
            async move { answer.await.map(|page| (kind, page)) }
        },
        move |result| match result {
            Ok((kind, page)) => {
                crate::perf::mark("console:answer-decoded");
                connections.try_update(|seen| {
                    for job in &page.results {
                        seen.insert(job.connection.id, job.connection.alias.clone());
                    }
                });
                paging.try_set(Paging {
                    count: page.count,
                    next: page.next.is_some(),
                    previous: page.previous.is_some(),
                });
                rows.try_set(
                    page.results
                        .into_iter()
                        .map(|j| JobRow::listed(j, kind))
                        .collect(),
                );
                error.try_set(None);
                loaded.try_set(true);
            }
            Err(e) => {
                error.try_set(Some(e));
            }
        },
    );
    let order = memo(move || {
        let s = state.get();
        rows.with(|rows| visible_rows(rows, &s.search, s.sort))
    });
    let data = Loaded {
        rows,
        order,
        paging,
        loaded,
        error,
        connections,
        loading: fetch.loading,
    };
    (data, fetch.retry())
}

/// Follows the running jobs on screen; each answer replaces its row.
fn follow_running(state: Memo<JobListState>, data: Loaded) -> RwSignal<Option<ApiError>> {
    let settings = crate::provided::<RwSignal<Settings>>();
    let poll_error = RwSignal::new(None::<ApiError>);
    let running = memo(move || {
        data.order.with(|order| {
            data.rows.with(|rows| {
                order
                    .iter()
                    .filter_map(|&i| rows.get(i))
                    .filter(|row| row.status == JobStatus::Running)
                    .take(MAX_FOLLOWED)
                    .map(|row| {
                        (
                            KindGuess {
                                kind: row.kind,
                                certain: row.kind_certain,
                            },
                            row.job.id,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    use_job_follower(
        settings,
        false,
        move || state.try_get_untracked().is_some_and(|s| s.expand_users),
        running,
        move |job| {
            data.rows
                .try_maybe_update(|rows| (apply_update(rows, job), ()));
        },
        poll_error,
    );
    poll_error
}

/// Writes `jobs` in `format` and saves it as a download; says what was saved, or that nothing was.
pub fn export_jobs(
    jobs: &[console_api::Job],
    kind: JobKind,
    format: ExportFormat,
    now_ms: i64,
) -> String {
    let content = match format {
        ExportFormat::Csv => jobs_to_csv(jobs),
        ExportFormat::Json => jobs_to_json(jobs),
    };
    let name = export_file_name(kind, now_ms, format);
    if download(&name, format.mime(), &content).is_ok() {
        let noun = if jobs.len() == 1 { "job" } else { "jobs" };
        format!("Exported {} {noun} to {name}.", jobs.len())
    } else {
        "The browser refused the download; nothing was saved.".to_string()
    }
}

#[component]
fn ExportButtons(view: ListView, data: Loaded, retry: Callback<()>) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let export = move |format: ExportFormat| {
        let kind = view.state.with_untracked(|s| s.kind);
        let jobs: Vec<console_api::Job> = data.order.with_untracked(|order| {
            data.rows
                .with_untracked(|rows| order.iter().map(|&i| rows[i].job.clone()).collect())
        });
        let now = now_ms();
        leptos::task::spawn_local(async move {
            let outcome = crate::lazy::export_jobs(jobs, kind, format, now).await;
            said.try_set(outcome.unwrap_or_else(|_| {
                "The export could not be loaded: the connection to the console's server may have \
                 dropped. Check it and export again."
                    .to_string()
            }));
        });
    };
    let empty = move || data.order.with(Vec::is_empty);
    view! {
        <div class="actions">
            <button type="button" class="button secondary" on:click=move |_| export(ExportFormat::Csv)
                disabled=empty>"Export CSV"</button>
            <button type="button" class="button secondary" on:click=move |_| export(ExportFormat::Json)
                disabled=empty>"Export JSON"</button>
            <button type="button" class="button secondary" on:click=move |_| retry.run(())>"Refresh"</button>
            <span class="visually-hidden" role="status" data-testid="export-status">{move || said.get()}</span>
        </div>
    }
}
