//! Where a page load's time goes: `performance.mark`s at its phases (script start, in the loader; wasm
//! started, app mounted, config read, first request sent, answer decoded), read by the benchmark
//! `end2end/bench/first-rows.mjs`. A mark costs microseconds and is kept in the browser's performance
//! timeline only, never sent anywhere.

/// Marks `name` on the performance timeline, when there is one.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
