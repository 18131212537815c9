//! The jobs list: every ALM, verification and LDAP job, filtered on the server, searched and sorted in the
//! browser, paged as the API pages, followed live while jobs run. The whole view lives in the URL.

use crate::api::SdeClient;
use crate::components::{Dialog, ErrorPanel, JobsTable, LiveNotice, UserCard};
use crate::config::Settings;
use crate::download::download;
use crate::fetch::use_fetch;
use crate::live::use_job_follower;
use crate::pages::now_ms;
use crate::router::{app_url, use_nav};
use console_api::encoding::parse_query;
use console_api::export::{export_file_name, jobs_to_csv, jobs_to_json};
use console_api::filter::{format_bool, parse_bool};
use console_api::jobs_view::{visible_rows, JobListState, JobRow, PageSize, SortKey};
use console_api::route::Route;
use console_api::{ApiError, JobKind, JobStatus, User};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// At most this many running jobs on screen are followed at once.
const MAX_FOLLOWED: usize = 25;
/// Typing in the user filter waits this long before asking the server.
const USER_FILTER_DEBOUNCE_MS: u32 = 400;

/// The server's paging answer: `None` fields when it sent `results` alone.
#[derive(Clone, Debug, Default, PartialEq)]
struct Paging {
    count: Option<u64>,
    next: bool,
    previous: bool,
}

#[component]
pub fn JobsPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let nav = use_nav();

    let kind = Memo::new(move |_| {
        nav.route().with(|r| match r {
            Route::Jobs(kind) => Some(*kind),
            Route::UnknownJobKind(_) => None,
            // `/` shows this page too, as all jobs.
            _ => Some(JobKind::All),
        })
    });
    let state = Memo::new(move |_| {
        let pairs = parse_query(&nav.search().get());
        JobListState::from_query(kind.get().unwrap_or_default(), &pairs)
    });
    // Only what the server sees: search and sort changes never refetch.
    let api_query = Memo::new(move |_| state.get().api_query());
    let go = Callback::new(move |(next, replace): (JobListState, bool)| {
        nav.navigate(&next.href(), replace, false);
    });
    let update = move |change: &dyn Fn(&mut JobListState), replace: bool| {
        let mut next = state.get_untracked();
        change(&mut next);
        go.run((next, replace));
    };

    // Loading: one request at a time; an answer to a superseded request is dropped.
    let rows = RwSignal::new(Vec::<JobRow>::new());
    let paging = RwSignal::new(Paging::default());
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ApiError>);
    let seen_connections = RwSignal::new(BTreeMap::<i64, String>::new());
    let fetch = use_fetch(
        move || Some((SdeClient::new(&settings.get()), api_query.get())),
        |(client, query)| async move { client.list_jobs(&query).await },
        move |result| match result {
            Ok(page) => {
                seen_connections.try_update(|seen| {
                    for job in &page.results {
                        seen.insert(job.connection.id, job.connection.alias.clone());
                    }
                });
                paging.try_set(Paging {
                    count: page.count,
                    next: page.next.is_some(),
                    previous: page.previous.is_some(),
                });
                rows.try_set(page.results.into_iter().map(JobRow::new).collect());
                load_error.try_set(None);
                loaded.try_set(true);
            }
            Err(error) => {
                load_error.try_set(Some(error));
            }
        },
    );
    let loading = fetch.loading;
    let retry = fetch.retry();

    let order = Memo::new(move |_| {
        let s = state.get();
        rows.with(|rows| visible_rows(rows, &s.search, s.sort))
    });

    // Live: follow the running jobs on screen.
    let poll_error = RwSignal::new(None::<ApiError>);
    let running = Memo::new(move |_| {
        order.with(|order| {
            rows.with(|rows| {
                order
                    .iter()
                    .filter_map(|&i| rows.get(i))
                    .filter(|row| row.status == JobStatus::Running)
                    .take(MAX_FOLLOWED)
                    .map(|row| (row.kind, row.job.id))
                    .collect::<Vec<_>>()
            })
        })
    });
    use_job_follower(
        settings,
        move || state.try_get_untracked().is_some_and(|s| s.expand_users),
        running,
        move |job| {
            rows.try_update(|rows| {
                if let Some(row) = rows.iter_mut().find(|r| r.job.id == job.id) {
                    *row = JobRow::new(job);
                }
            });
        },
        poll_error,
    );

    // The user filter asks the server only once typing pauses.
    let user_text = RwSignal::new(state.get_untracked().filter.user.unwrap_or_default());
    Effect::new(move |_| user_text.set(state.get().filter.user.unwrap_or_default()));
    let user_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let on_user_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        user_text.set(typed.clone());
        let timer = gloo_timers::callback::Timeout::new(USER_FILTER_DEBOUNCE_MS, move || {
            let user = Some(typed.trim().to_string()).filter(|u| !u.is_empty());
            if state
                .try_get_untracked()
                .is_some_and(|s| s.filter.user != user)
            {
                update(
                    &|s| {
                        s.filter.user = user.clone();
                        s.page = 1;
                    },
                    false,
                );
            }
        });
        user_timer.set_value(Some(timer));
    };

    let shown_user = RwSignal::new(None::<User>);
    let on_user = Callback::new(move |user: User| shown_user.set(Some(user)));
    let on_sort =
        Callback::new(move |key: SortKey| update(&|s| s.sort = s.sort.toggled(key), false));

    let export = move |format: &'static str| {
        let s = state.get_untracked();
        let jobs: Vec<console_api::Job> = order.with_untracked(|order| {
            rows.with_untracked(|rows| order.iter().map(|&i| rows[i].job.clone()).collect())
        });
        let (content, mime) = match format {
            "csv" => (jobs_to_csv(&jobs), "text/csv;charset=utf-8"),
            _ => (jobs_to_json(&jobs), "application/json"),
        };
        let _ = download(&export_file_name(s.kind, now_ms(), format), mime, &content);
    };

    let tab = move |k: JobKind| {
        let href = move || {
            let mut s = state.get();
            s.kind = k;
            s.filter.connection = None;
            s.page = 1;
            app_url(&s.href())
        };
        let current = move || (kind.get() == Some(k)).then_some("page");
        view! { <a class="tab" href=href aria-current=current>{k.label()}</a> }
    };

    let summary = move || {
        let total_loaded = rows.with(Vec::len);
        let shown = order.with(Vec::len);
        let s = state.get();
        let total = paging.get().count.map_or(total_loaded as u64, |c| c);
        let noun = |n: u64| if n == 1 { "job" } else { "jobs" };
        if !s.search.trim().is_empty() {
            format!(
                "{shown} of {total_loaded} loaded {} match the search",
                noun(total_loaded as u64)
            )
        } else if total as usize > total_loaded {
            format!("Showing {total_loaded} of {total} {}", noun(total))
        } else {
            format!("{total} {}", noun(total))
        }
    };
    let pager = move || {
        let s = state.get();
        let p = paging.get();
        let PageSize::Rows(size) = s.page_size else {
            return None;
        };
        let pages = p.count.map(|c| c.div_ceil(u64::from(size)).max(1));
        (p.next || p.previous || s.page > 1).then(|| {
            let label = match pages {
                Some(pages) => format!("Page {} of {pages}", s.page),
                None => format!("Page {}", s.page),
            };
            view! {
                <nav class="pager" aria-label="Pages">
                    <button type="button" class="button secondary" disabled=!p.previous && s.page <= 1
                        on:click=move |_| update(&|s| s.page = s.page.saturating_sub(1).max(1), false)>
                        "← Previous"
                    </button>
                    <span data-testid="page-label">{label}</span>
                    <button type="button" class="button secondary" disabled=!p.next
                        on:click=move |_| update(&|s| s.page += 1, false)>
                        "Next →"
                    </button>
                </nav>
            }
        })
    };

    let select_filter = move |id: &'static str,
                              label: &'static str,
                              help: &'static str,
                              get: fn(&JobListState) -> Option<bool>,
                              set: fn(&mut JobListState, Option<bool>),
                              options: [(&'static str, &'static str); 3]| {
        view! {
            <div class="filter">
                <label for=id title=help>{label}</label>
                <select id=id title=help
                    prop:value=move || format_bool(get(&state.get()))
                    on:change=move |ev| {
                        let value = parse_bool(&event_target_value(&ev));
                        update(&|s| { set(s, value); s.page = 1; }, false);
                    }>
                    {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <div class="page-head">
            <h1 id="jobs-heading">"Jobs"</h1>
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| export("csv")
                    disabled=move || order.with(Vec::is_empty)>"Export CSV"</button>
                <button type="button" class="button secondary" on:click=move |_| export("json")
                    disabled=move || order.with(Vec::is_empty)>"Export JSON"</button>
                <button type="button" class="button secondary" on:click=move |_| retry.run(())>"Refresh"</button>
            </div>
        </div>
        <nav class="tabs" aria-label="Job kinds">
            {tab(JobKind::All)}{tab(JobKind::Alm)}{tab(JobKind::Analysis)}{tab(JobKind::Ldap)}
        </nav>
        {move || kind.get().is_none().then(|| view! {
            <p class="notice">"There is no such kind of job. Pick All, ALM, Verification or LDAP above."</p>
        })}
        <form class="filters" role="search" aria-label="Filter jobs" on:submit=|ev| ev.prevent_default()>
            {select_filter("filter-automatic", "Started", "Automatic: started by a schedule (automatic=true). Manual: started by a person (automatic=false).",
                |s| s.filter.automatic, |s, v| s.filter.automatic = v, [("", "Any way"), ("true", "Automatically"), ("false", "Manually")])}
            {select_filter("filter-ready", "State", "Finished: the job has completed, whether it succeeded or failed (ready=true). Running: not finished yet (ready=false).",
                |s| s.filter.ready, |s, v| s.filter.ready = v, [("", "Any state"), ("true", "Finished"), ("false", "Running")])}
            {select_filter("filter-succeeded", "Outcome", "Succeeded: finished without error (succeeded=true). Failed: succeeded=false, which includes jobs still running.",
                |s| s.filter.succeeded, |s, v| s.filter.succeeded = v, [("", "Any outcome"), ("true", "Succeeded"), ("false", "Failed")])}
            <div class="filter">
                <label for="filter-connection" title="Only the jobs of one connection (connection=id).">"Connection"</label>
                <select id="filter-connection"
                    prop:value=move || state.get().filter.connection.map(|c| c.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let value = event_target_value(&ev).parse::<i64>().ok();
                        update(&|s| { s.filter.connection = value; s.page = 1; }, false);
                    }>
                    <option value="">"Any connection"</option>
                    {move || {
                        let mut seen = seen_connections.get();
                        if let Some(c) = state.get().filter.connection {
                            seen.entry(c).or_insert_with(|| format!("Connection {c}"));
                        }
                        let mut options: Vec<(i64, String)> = seen.into_iter().collect();
                        options.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(&b.0)));
                        options.into_iter()
                            .map(|(id, alias)| view! { <option value=id.to_string()>{format!("{alias} (#{id})")}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="filter narrow">
                <label for="filter-connection-id" title="Any connection by its id, seen here or not.">"or id"</label>
                <input id="filter-connection-id" type="number" min="1" step="1" inputmode="numeric" placeholder="id"
                    prop:value=move || state.get().filter.connection.map(|c| c.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let value = event_target_value(&ev).trim().parse::<i64>().ok().filter(|c| *c > 0);
                        update(&|s| { s.filter.connection = value; s.page = 1; }, false);
                    } />
            </div>
            <div class="filter">
                <label for="filter-user" title="Only the jobs run by this user (user=): an email or a user id.">"User"</label>
                <input id="filter-user" type="search" placeholder="email or id" autocomplete="off"
                    prop:value=move || user_text.get() on:input=on_user_input />
            </div>
            <div class="filter grow">
                <label for="filter-search">"Search loaded jobs"</label>
                <input id="filter-search" type="search" placeholder="connection, system, user, message" autocomplete="off"
                    prop:value=move || state.get().search
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        update(&|s| s.search = q.clone(), true);
                    } />
            </div>
            <div class="filter">
                <label for="filter-page-size">"Rows"</label>
                <select id="filter-page-size"
                    prop:value=move || state.get().page_size.to_param()
                    on:change=move |ev| {
                        let size = PageSize::from_param(&event_target_value(&ev)).unwrap_or(PageSize::Rows(100));
                        update(&|s| { s.page_size = size; s.page = 1; }, false);
                    }>
                    {PageSize::CHOICES.into_iter()
                        .map(|p| view! { <option value=p.to_param()>{p.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="filter checkbox">
                <input id="filter-expand" type="checkbox"
                    prop:checked=move || state.get().expand_users
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|s| s.expand_users = on, false);
                    } />
                <label for="filter-expand">"Show user details"</label>
            </div>
            {move || state.get().is_filtered().then(|| view! {
                <button type="button" class="link-button" on:click=move |_| go.run((state.get_untracked().cleared(), false))>
                    "Clear filters"
                </button>
            })}
        </form>
        <div class="list-status" aria-live="polite">
            <span data-testid="jobs-summary">{move || loaded.get().then(summary)}</span>
            {move || loading.get().then(|| view! { <span class="loading" role="status">" Loading…"</span> })}
            <LiveNotice error=poll_error />
        </div>
        {move || load_error.get().map(|error| view! { <ErrorPanel error=error on_retry=retry /> })}
        {move || match (loaded.get(), load_error.with(Option::is_some), order.with(Vec::is_empty)) {
            (false, false, _) => view! { <p class="loading" role="status">"Loading jobs…"</p> }.into_any(),
            (false, true, _) | (true, true, _) => ().into_any(),
            (true, false, true) if state.with(JobListState::is_filtered) => view! {
                <div class="empty" data-testid="jobs-empty">
                    <p>"No jobs match these filters."</p>
                    <button type="button" class="button secondary" on:click=move |_| go.run((state.get_untracked().cleared(), false))>
                        "Clear filters"
                    </button>
                </div>
            }
            .into_any(),
            (true, false, true) => view! {
                <p class="empty" data-testid="jobs-empty">
                    "No jobs yet. Jobs appear here once a connection runs or a report is uploaded."
                </p>
            }
            .into_any(),
            (true, false, false) => view! {
                <JobsTable rows=rows order=order sort=Signal::derive(move || state.get().sort)
                    view_key=Signal::derive(move || state.with(JobListState::href))
                    on_sort=on_sort on_user=on_user now_ms=now_ms() />
            }
            .into_any(),
        }}
        {pager}
        {move || shown_user.get().map(|user| view! {
            <Dialog title="User" on_close=Callback::new(move |_| shown_user.set(None))>
                <UserCard user=user />
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| shown_user.set(None)>"Close"</button>
                </div>
            </Dialog>
        })}
    }
}
