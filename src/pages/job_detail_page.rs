//! One job: its fields, the people involved, its connection and parameters (secrets masked) and its full
//! result message. A running job, and any other running job of its connection, is followed until it
//! finishes. From here the admin can run the connection again or record a result for it.
//!
//! The page holds the job in one signal and every part reads only what it shows, so a live update
//! changes text in place: a message being typed, an open `<details>` or dialog, focus and scroll stay.

mod job_fields;
mod outcome;
mod record_result_form;
mod run_now;

use crate::api::{find_job, use_permissions, use_sde};
use crate::components::{ErrorPanel, LiveNotice, ReadOnlyBanner};
use crate::config::Settings;
use crate::erased::memo;
use crate::fetch::use_fetch;
use crate::live::{known, use_job_follower};
use crate::router::{use_nav, Nav};
use console_api::encoding::parse_query;
use console_api::permission::read_only_reason;
use console_api::route::Route;
use console_api::{ApiError, Job, JobKind, JobQuery, JobStatus, Service};
use job_fields::JobFields;
use leptos::prelude::*;
use outcome::{Outcome, OutcomeNotice};
use record_result_form::RecordResultForm;
pub use run_now::run_blocked_reason;
use run_now::RunNow;

/// The job the address names: its kind (`All` when the list could not tell it, to be resolved from the
/// kind endpoints) and id.
fn address_target(nav: Nav) -> Memo<Option<(JobKind, i64)>> {
    memo(move || {
        nav.route().with(|r| match r {
            Route::JobDetail { kind, id } => Some((*kind, *id)),
            _ => None,
        })
    })
}

/// The kinds to try for a job whose kind the address does not say: the list's guess first.
fn candidates(nav: Nav) -> Vec<JobKind> {
    let guess = parse_query(&nav.search().get_untracked())
        .into_iter()
        .find(|(k, _)| k == "guess")
        .and_then(|(_, v)| JobKind::from_slug(&v))
        .filter(|k| *k != JobKind::All);
    let mut kinds: Vec<JobKind> = guess.into_iter().collect();
    kinds.extend(JobKind::KINDS.into_iter().filter(|k| Some(*k) != guess));
    kinds
}

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let settings = crate::provided::<RwSignal<Settings>>();
    let nav = use_nav();
    let sde = use_sde();
    let target = address_target(nav);

    let job = RwSignal::new(None::<Job>);
    let kind = RwSignal::new(JobKind::Analysis);
    let error = RwSignal::new(None::<ApiError>);
    // The address a resolved kind was written into: the job is on screen already, nothing to ask.
    let resolved = StoredValue::new(None::<(JobKind, i64)>);
    let retry = use_fetch(
        move || {
            settings.track();
            let (kind, id) = target.get()?;
            if resolved.try_update_value(Option::take).flatten() == Some((kind, id)) {
                return None;
            }
            let kinds = if kind == JobKind::All {
                candidates(nav)
            } else {
                vec![kind]
            };
            Some((sde.clone(), kinds, id))
        },
        |(sde, kinds, id)| async move { find_job(&*sde, &kinds, id, true).await },
        move |result| match result {
            Ok((found, j)) => {
                if target
                    .get_untracked()
                    .is_some_and(|(k, _)| k == JobKind::All)
                {
                    // The kind is known now: the address says it, so reloads and shared links are exact.
                    resolved.set_value(Some((found, j.id)));
                    nav.navigate(&format!("/jobs/{}/{}", found.slug(), j.id), true, false);
                }
                kind.try_set(found);
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
    let current = memo(move || job.get());
    let kind = memo(move || kind.get());
    let connection = memo(move || current.with(|j| j.as_ref().map(|j| j.connection.id)));
    let other_running = use_other_running_job(kind, connection, current);
    let poll_error = follow(kind, current, job, other_running);

    let shown_running = memo(move || {
        current.with(|j| j.as_ref().is_some_and(|j| j.status() == JobStatus::Running))
    });
    let permissions = use_permissions();
    permissions.probe_sde();
    let blocked = Signal::derive(move || {
        if permissions.sde.get().read_only() {
            return Some(read_only_reason("start jobs"));
        }
        run_blocked_reason(false, shown_running.get(), other_running.get())
    });
    let alias = Signal::derive(move || {
        current.with(|j| {
            j.as_ref()
                .map(|j| j.connection.alias.clone())
                .unwrap_or_default()
        })
    });
    let outcome = Outcome::new(current);
    let open_job = move |new_job: Job, said: String| {
        outcome.said(new_job.id, said);
        nav.navigate(
            &format!("/jobs/{}/{}", kind.get_untracked().slug(), new_job.id),
            false,
            true,
        );
    };
    // Until the started job is on screen, it counts as the connection's running job: Run now stays off.
    let started = Callback::new(move |new_job: Job| {
        other_running.set(Some(new_job.id));
        let said = format!(
            "Started job {} for “{}”. This page follows it until it finishes.",
            new_job.id, new_job.connection.alias
        );
        open_job(new_job, said);
    });
    let recorded = Callback::new(move |new_job: Job| {
        let said = format!("Recorded the result as job {}.", new_job.id);
        open_job(new_job, said);
    });
    // Actions and forms belong to one connection: created again only when it changes.
    let actions = move || {
        connection.get().map(|c| {
            let k = kind.get_untracked();
            view! {
                <RunNow kind=k connection=c alias=alias blocked=blocked on_started=started />
            }
        })
    };
    let record = move || {
        connection.get().map(|c| {
            let k = kind.get_untracked();
            view! { <RecordResultForm kind=k connection=c on_recorded=recorded /> }
        })
    };
    let failure = move || {
        error
            .get()
            .filter(|_| current.with(Option::is_none))
            .map(|e| view! { <ErrorPanel error=e on_retry=retry /> })
    };
    let no_target = memo(move || target.with(Option::is_none));
    let shown = memo(move || current.with(Option::is_some));
    let loading = memo(move || !shown.get() && !no_target.get() && error.with(Option::is_none));
    view! {
        <p class="breadcrumb"><a href=crate::router::list_url()>"← All jobs"</a></p>
        <OutcomeNotice outcome=outcome />
        <ReadOnlyBanner service=Service::SdElements />
        {move || no_target.get().then(|| view! {
            <h1>"No such job"</h1>
            <p>"This address does not name a job. Go back to the jobs list and pick one."</p>
        })}
        {failure}
        {move || loading.get().then(|| view! { <p class="loading" role="status">"Loading job…"</p> })}
        {move || shown.get().then(|| view! {
            {crate::focus::settle_on_heading()}
            <div class="page-head">
                <h1 id="job-title" tabindex="-1">{move || alias.get()}</h1>
                {actions}
            </div>
            <LiveNotice error=poll_error />
            <JobFields job=current kind=kind />
            {record}
        }.into_any())}
    }
}

/// Another job of the same connection that is running (the list asked with `ready=false`), asked again
/// whenever the connection or the shown job's status changes.
fn use_other_running_job(
    kind: Memo<JobKind>,
    connection: Memo<Option<i64>>,
    current: Memo<Option<Job>>,
) -> RwSignal<Option<i64>> {
    let sde = use_sde();
    let other = RwSignal::new(None::<i64>);
    let shown = memo(move || current.with(|j| j.as_ref().map(|j| (j.id, j.ready))));
    use_fetch(
        move || {
            let connection = connection.get()?;
            let (shown_id, _) = shown.get()?;
            let mut query = JobQuery {
                kind: kind.get(),
                ..JobQuery::default()
            };
            query.filter.connection = Some(connection);
            query.filter.ready = Some(false);
            Some((sde.clone(), query, shown_id))
        },
        |(sde, query, shown_id)| {
            let list = sde.list_jobs(&query);
            async move {
                let page = list.await?;
                Ok(page
                    .results
                    .into_iter()
                    .map(|j| j.id)
                    .find(|id| *id != shown_id))
            }
        },
        move |result| {
            // A failed check leaves Run now as it was: the server still refuses nothing, and the job
            // page's own request reports any real failure.
            if let Ok(found) = result {
                other.try_set(found);
            }
        },
    );
    other
}

/// Follows the shown job while it runs, and the connection's other running job until it finishes.
fn follow(
    kind: Memo<JobKind>,
    current: Memo<Option<Job>>,
    job: RwSignal<Option<Job>>,
    other_running: RwSignal<Option<i64>>,
) -> RwSignal<Option<ApiError>> {
    let settings = crate::provided::<RwSignal<Settings>>();
    let poll_error = RwSignal::new(None::<ApiError>);
    let watcher = crate::watch::use_watcher();
    let running = memo(move || {
        let k = kind.get();
        let shown = current.with(|j| {
            j.as_ref()
                .filter(|j| j.status() == JobStatus::Running)
                .map(|j| known(k, j.id))
        });
        shown
            .into_iter()
            .chain(other_running.get().map(|id| known(k, id)))
            .collect::<Vec<_>>()
    });
    use_job_follower(
        settings,
        false,
        || true,
        running,
        move |update: Job| {
            // Seen ending here: not said again on another page.
            if let Some(w) = watcher.filter(|_| update.ready) {
                w.forget(update.id);
            }
            if job.with_untracked(|j| j.as_ref().is_some_and(|j| j.id == update.id)) {
                job.try_set(Some(update));
            } else if update.ready && other_running.get_untracked() == Some(update.id) {
                other_running.try_set(None);
            }
        },
        poll_error,
    );
    poll_error
}
