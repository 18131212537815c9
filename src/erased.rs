//! Memos and effects with their closure's type erased. Every `Memo::new` or `Effect::new` with a closure
//! type of its own is a separate copy of the framework's generic code in the wasm, up to a kilobyte each.
//! Boxed, all memos of one value type share one copy and all effects share one. They behave exactly like
//! the originals; the first load is 1.4 KB smaller. (The same for `move ||` in views saves nothing: there
//! the cost is the view's own type.)

use leptos::prelude::*;

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
