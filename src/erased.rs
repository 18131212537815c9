//! Memos and effects with their closure's type erased. Every `Memo::new` or `Effect::new` with a closure
//! type of its own is a separate copy of the framework's generic code in the wasm, up to a kilobyte each.
//! Boxed, all memos of one value type share one copy and all effects share one. They behave exactly like
//! the originals; the first load is 1.4 KB smaller. (The same for `move ||` in views saves nothing: there
//! the cost is the view's own type.)

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// `Memo::new`, sharing one copy per value type.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    let f: Box<dyn Fn() -> T + Send + Sync> = Box::new(f);
    Memo::new(move |_| f())
}

/// `Effect::new` for an effect that keeps no value between runs, sharing one copy.
pub fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    Effect::new(move |_| f());
}

/// What an [`Act`] runs: its answer, ready to be stored.
type Deliver = Box<dyn FnOnce()>;
/// An [`Act`]'s work for one input.
type Run<I, O> = Box<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;

/// `Action::new_local`, made small: the framework's `Action` is a copy of its machinery (dispatch, pending
/// count, versions, owner handling) for every input and output type; here every act shares one copy of
/// the bookkeeping, and only the few lines that store its value are its own. As with `Action`: `pending`
/// holds while any dispatch is in flight, and `value` is the answer to the latest dispatch (an earlier
/// one answering later is dropped).
pub struct Act<I: 'static, O: 'static> {
    in_flight: RwSignal<u32>,
    dispatched: StoredValue<u32>,
    pending: Memo<bool>,
    value: RwSignal<Option<O>, LocalStorage>,
    run: StoredValue<Run<I, O>, LocalStorage>,
}

impl<I, O> Clone for Act<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Act<I, O> {}

/// An [`Act`] running `f(input)` on each dispatch.
pub fn act<I, O, Fut>(f: impl Fn(&I) -> Fut + 'static) -> Act<I, O>
where
    Fut: Future<Output = O> + 'static,
{
    let in_flight = RwSignal::new(0u32);
    Act {
        in_flight,
        dispatched: StoredValue::new(0),
        pending: memo(move || in_flight.get() > 0),
        value: RwSignal::new_local(None),
        run: StoredValue::new_local(Box::new(move |input: &I| {
            Box::pin(f(input)) as Pin<Box<dyn Future<Output = O>>>
        })),
    }
}

impl<I, O> Act<I, O> {
    /// Runs the act with `input`; its answer becomes `value`.
    pub fn dispatch(&self, input: I) {
        let Some(answer) = self.run.try_with_value(|run| run(&input)) else {
            return;
        };
        let (value, dispatched) = (self.value, self.dispatched);
        dispatched.update_value(|n| *n += 1);
        let mine = dispatched.get_value();
        run_act(
            self.in_flight,
            Box::pin(async move {
                let answer = answer.await;
                Box::new(move || {
                    if dispatched.try_get_value() == Some(mine) {
                        value.try_set(Some(answer));
                    }
                }) as Deliver
            }),
        );
    }

    /// A dispatch is in flight.
    pub fn pending(&self) -> Memo<bool> {
        self.pending
    }

    /// The latest answer (`None` before the first, or once cleared).
    pub fn value(&self) -> RwSignal<Option<O>, LocalStorage> {
        self.value
    }
}

/// The bookkeeping every act shares.
fn run_act(in_flight: RwSignal<u32>, task: Pin<Box<dyn Future<Output = Deliver>>>) {
    in_flight.update(|n| *n += 1);
    leptos::task::spawn_local(async move {
        let deliver = task.await;
        in_flight.try_update(|n| *n = n.saturating_sub(1));
        deliver();
    });
}
