//! Loading what a page shows: one request at a time, the answer to a superseded request dropped.
//!
//! A page names its request's inputs (read reactively: a change of address, filter or settings asks
//! again) and what to do with the result; [`use_fetch`] keeps the bookkeeping every page needs the same
//! way: a loading flag, a retry, and a generation counter so a slow answer to an old request never
//! overwrites a newer one. Plain signals rather than `Resource`/`Suspense`: pages keep what is on screen
//! while a new answer loads, and the bundle carries no async-derived machinery.

use crate::erased::effect;
use console_api::error::ApiError;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// The state of a page's request.
#[derive(Clone, Copy)]
pub struct Fetch {
    /// A request is on its way.
    pub loading: ReadSignal<bool>,
    reload: RwSignal<u32>,
}

impl Fetch {
    /// Asks again with the same inputs (the "Try again" of an error panel).
    pub fn retry(&self) -> Callback<()> {
        let reload = self.reload;
        Callback::new(move |_| reload.update(|n| *n += 1))
    }
}

/// An answer, ready to hand to the page.
type Deliver = Box<dyn FnOnce()>;
/// A request on its way; it yields the step that delivers its answer.
type Asked = Pin<Box<dyn Future<Output = Deliver>>>;

/// Sends `request(inputs)` whenever `inputs` (a reactive closure; `None` means "nothing to ask") changes
/// or the page retries, and hands the latest answer to `done`.
pub fn use_fetch<I, T, Fut>(
    inputs: impl Fn() -> Option<I> + 'static,
    request: impl Fn(I) -> Fut + 'static,
    done: impl Fn(Result<T, ApiError>) + Clone + 'static,
) -> Fetch
where
    I: 'static,
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    // Only this adapter is generic; the bookkeeping below is one copy for every page (0.4 KB less brotli).
    ask_latest(Box::new(move || {
        let answer = request(inputs()?);
        let done = done.clone();
        Some(Box::pin(async move {
            let result = answer.await;
            Box::new(move || done(result)) as Deliver
        }) as Asked)
    }))
}

fn ask_latest(ask: Box<dyn Fn() -> Option<Asked>>) -> Fetch {
    let (loading, set_loading) = signal(false);
    let reload = RwSignal::new(0u32);
    let generation = StoredValue::new(0u64);
    effect(move || {
        reload.track();
        let Some(answer) = ask() else {
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_loading.set(true);
        leptos::task::spawn_local(async move {
            let deliver = answer.await;
            // Dropped: a newer request is on its way, or the page is gone.
            if generation.try_get_value() != Some(mine) {
                return;
            }
            set_loading.try_set(false);
            deliver();
        });
    });
    Fetch { loading, reload }
}
