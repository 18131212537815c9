//! Following running jobs: re-read each one until it is ready, no faster than the backoff allows, paused
//! while the tab is hidden, and stopping by itself when nothing is running or the page is gone.

use crate::api::{find_job, use_sde};
use crate::config::Settings;
use crate::erased::effect;
use console_api::poll::Backoff;
use console_api::{ApiError, ErrorKind, Job, JobKind, KindGuess};
use leptos::prelude::*;
use std::rc::Rc;

/// First poll after this long; errors double it up to [`MAX_DELAY_MS`].
pub const POLL_MS: u32 = 2_000;
pub const MAX_DELAY_MS: u32 = 30_000;

fn tab_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// A job to follow: its id and its kind, or the likely kind when the list could not tell it (the kind
/// endpoints are then tried in turn, once).
pub type Followed = (KindGuess, i64);

/// A job whose kind is known.
pub fn known(kind: JobKind, id: i64) -> Followed {
    (
        KindGuess {
            kind,
            certain: true,
        },
        id,
    )
}

/// Polls the jobs `targets` names (read afresh before each round, `None` once the page is gone) and hands
/// each new state to `on_job`, each failure to `on_error`. Ends, calling `on_stop`, when `targets` is
/// empty or gone.
///
/// Not generic (the callbacks are boxed), so every page shares one copy of the loop.
fn follow_jobs(
    settings: RwSignal<Settings>,
    while_hidden: bool,
    expand_users: Rc<dyn Fn() -> bool>,
    targets: Box<dyn Fn() -> Option<Vec<Followed>>>,
    on_job: Rc<dyn Fn(Job)>,
    on_error: Box<dyn Fn(Option<ApiError>)>,
    on_stop: Box<dyn FnOnce()>,
) {
    let sde = use_sde();
    leptos::task::spawn_local(async move {
        let mut backoff = Backoff::new(POLL_MS, MAX_DELAY_MS);
        // Kinds found for jobs whose kind was a guess: asked for once, not every round.
        let mut found: Vec<(i64, JobKind)> = Vec::new();
        loop {
            gloo_timers::future::TimeoutFuture::new(backoff.delay_ms()).await;
            let Some(targets) = targets() else { break };
            if targets.is_empty() {
                break;
            }
            if !while_hidden && tab_hidden() {
                continue;
            }
            if settings.try_get_untracked().is_none() {
                break;
            }
            let expand = expand_users();
            let mut failed = None;
            for (guess, id) in targets {
                let kinds = match found.iter().find(|(job, _)| *job == id).map(|(_, k)| k) {
                    Some(kind) => vec![*kind],
                    None if guess.certain => vec![guess.kind],
                    None => guess.candidates().to_vec(),
                };
                match find_job(&*sde, &kinds, id, expand).await {
                    Ok((kind, job)) => {
                        if !found.iter().any(|(job, _)| *job == id) {
                            found.push((id, kind));
                        }
                        on_job(job)
                    }
                    Err(error) => {
                        failed = Some(error);
                        break;
                    }
                }
            }
            match failed {
                None => {
                    backoff.succeeded();
                    on_error(None);
                }
                Some(error) => {
                    let retry_after = match error.kind {
                        ErrorKind::RateLimited { retry_after_secs } => retry_after_secs,
                        _ => None,
                    };
                    backoff.failed(retry_after);
                    on_error(Some(error));
                }
            }
        }
        on_stop();
    });
}

/// Keeps one follower going whenever `running` names jobs: each new state goes to `on_job`, and
/// `poll_error` holds the last round's failure (`None` after a good round). Pages pause while the tab is
/// hidden; the watch on jobs this browser started (`while_hidden`) goes on, to say when one finishes.
pub fn use_job_follower(
    settings: RwSignal<Settings>,
    while_hidden: bool,
    expand_users: impl Fn() -> bool + 'static,
    running: Memo<Vec<Followed>>,
    on_job: impl Fn(Job) + 'static,
    poll_error: RwSignal<Option<ApiError>>,
) {
    let expand_users: Rc<dyn Fn() -> bool> = Rc::new(expand_users);
    let on_job: Rc<dyn Fn(Job)> = Rc::new(on_job);
    let following = StoredValue::new(false);
    effect(move || {
        if running.with(Vec::is_empty) || following.get_value() {
            return;
        }
        following.set_value(true);
        follow_jobs(
            settings,
            while_hidden,
            expand_users.clone(),
            Box::new(move || running.try_get_untracked()),
            on_job.clone(),
            Box::new(move |error| {
                poll_error.try_set(error);
            }),
            Box::new(move || {
                following.try_set_value(false);
            }),
        );
    });
}
