//! The Integration Console: a client-side rendered Leptos app for security administrators to run and watch
//! SD Elements integration jobs, push scanner reports, and keep access-service LDAP connections right.
//!
//! Layers, one direction: [`api`] (HTTP, auth headers, error mapping) -> `console_api` (types and pure model
//! logic) -> [`pages`] and [`components`] (views). Views never call the network directly.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod csp;
pub mod download;
mod early;
pub mod erased;
pub mod fetch;
pub mod focus;
mod lazy;
pub mod live;
pub mod pages;
pub mod perf;
pub mod router;
pub mod storage;
pub mod time;
pub mod unsaved;
pub mod watch;

/// A context the app provides (the settings, the router, the backends). Leptos's `expect_context` says
/// which type was missing with `Debug` formatting, which brings the Unicode printability tables into the
/// module; a missing context is a bug in the console, and this says so plainly.
pub fn provided<T: Clone + 'static>() -> T {
    leptos::prelude::use_context::<T>().unwrap_or_else(|| missing_context())
}

#[cold]
fn missing_context() -> ! {
    panic!("a context the console's app provides is missing")
}

/// Mounts the console on the page's `<body>`.
pub fn start() {
    perf::mark("console:wasm-started");
    early::begin();
    leptos::mount::mount_to_body(app::App);
    perf::mark("console:app-mounted");
}
