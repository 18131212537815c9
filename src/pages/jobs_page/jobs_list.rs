//! The list's body: loading, the failure, an empty list, or the table. Which one shows is a memo of the
//! list's state, so the table is created once and live updates only change its rows.

use super::view_state::{ListView, Loaded};
use crate::components::{ErrorPanel, JobsTable, LiveNotice};
use crate::erased::memo;
use crate::pages::now_ms;
use console_api::jobs_view::{JobListState, PageSize, SortKey};
use console_api::{ApiError, User};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Body {
    Loading,
    Failed,
    NoMatch,
    NoJobs,
    Rows,
}

/// "300 jobs", "Showing 100 of 300 jobs", "4 of 100 loaded jobs match the search".
fn summary(loaded: usize, shown: usize, count: Option<u64>, searching: bool) -> String {
    let total = count.unwrap_or(loaded as u64);
    let noun = |n: u64| if n == 1 { "job" } else { "jobs" };
    if searching {
        format!(
            "{shown} of {loaded} loaded {} match the search",
            noun(loaded as u64)
        )
    } else if total as usize > loaded {
        format!("Showing {loaded} of {total} {}", noun(total))
    } else {
        format!("{total} {}", noun(total))
    }
}

#[component]
pub fn ListStatus(
    view: ListView,
    data: Loaded,
    poll_error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let text = move || {
        data.loaded.get().then(|| {
            summary(
                data.rows.with(Vec::len),
                data.order.with(Vec::len),
                data.paging.with(|p| p.count),
                view.state.with(|s| !s.search.trim().is_empty()),
            )
        })
    };
    // Searching one page of many: the other pages are not searched until they are loaded.
    let paged_search = memo(move || {
        view.state.with(|s| !s.search.trim().is_empty())
            && data.paging.with(|p| p.next || p.previous)
    });
    view! {
        <div class="list-status" aria-live="polite">
            <span data-testid="jobs-summary">{text}</span>
            // A reload, or a retry after a failure: the first load says so in the list's place instead.
            {move || (data.loading.get() && (data.loaded.get() || data.error.with(Option::is_some)))
                .then(|| view! { <span class="loading" role="status">" Loading…"</span> })}
            <LiveNotice error=poll_error />
            {move || paged_search.get().then(|| view! {
                <span class="small" data-testid="paged-search">
                    " The search covers this page only. "
                    <button type="button" class="link-button"
                        on:click=move |_| view.update(|s| { s.page_size = PageSize::All; s.page = 1; }, false)>
                        {move || match data.paging.with(|p| p.count) {
                            Some(n) => format!("Load all {n} jobs"),
                            None => "Load all jobs".to_string(),
                        }}
                    </button>
                </span>
            })}
        </div>
    }
}

#[component]
pub fn JobsList(view: ListView, data: Loaded, retry: Callback<()>) -> impl IntoView {
    let body = memo(move || {
        match (
            data.loaded.get(),
            data.error.with(Option::is_some),
            data.order.with(Vec::is_empty),
        ) {
            (false, false, _) => Body::Loading,
            (_, true, _) => Body::Failed,
            (true, false, true) if view.state.with(JobListState::is_filtered) => Body::NoMatch,
            (true, false, true) => Body::NoJobs,
            (true, false, false) => Body::Rows,
        }
    });
    let shown_user = RwSignal::new(None::<User>);
    let on_user = Callback::new(move |user: User| shown_user.set(Some(user)));
    let on_sort =
        Callback::new(move |key: SortKey| view.update(|s| s.sort = s.sort.toggled(key), false));
    let sort = Signal::derive(move || view.state.with(|s| s.sort));
    // Which rows, in which order: when it changes the table starts at the top.
    let view_key = Signal::derive(move || view.state.with(JobListState::rows_key));
    let error = move || {
        data.error
            .get()
            .map(|error| view! { <ErrorPanel error=error on_retry=retry /> })
    };
    let content = move || {
        match body.get() {
        Body::Loading => view! { <p class="loading" role="status">"Loading jobs…"</p> }.into_any(),
        Body::Failed => ().into_any(),
        Body::NoMatch => view! {
            <div class="empty" data-testid="jobs-empty">
                <p>"No jobs match these filters."</p>
                <button type="button" class="button secondary" on:click=move |_| view.clear()>"Clear filters"</button>
            </div>
        }
        .into_any(),
        Body::NoJobs => view! {
            <p class="empty" data-testid="jobs-empty">
                "No jobs yet. Jobs appear here once a connection runs or a report is uploaded."
            </p>
        }
        .into_any(),
        Body::Rows => view! {
            <JobsTable rows=data.rows order=data.order sort=sort view_key=view_key
                on_sort=on_sort on_user=on_user now_ms=now_ms() />
        }
        .into_any(),
    }
    };
    view! {
        {error}
        {content}
        {move || shown_user.get().map(|user| {
            crate::lazy::user_dialog(user, Callback::new(move |()| shown_user.set(None)))
        })}
    }
}
