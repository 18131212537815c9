//! The first load's two requests, started before the app mounts: `config.json`, then, on the jobs list,
//! the page of jobs its address asks for. Mounting the app (and the effects it starts) takes the main
//! thread for tens of milliseconds; the list's answer arrives meanwhile instead of being asked for after.
//!
//! The jobs page asks as it always does ([`crate::api::backend`]'s `list_jobs`); the HTTP backend takes
//! the early answer instead of asking again only when it is for the very same request: the same path and
//! query, the same backend URL and the same token. Anything else (the admin changed the address, the
//! settings or the token meanwhile) asks anew, and the early answer is dropped. It is taken once, and only
//! within seconds of being sent.

use crate::api::sde::SdeClient;
use crate::config::{fetch_deployed_config, DeployedConfig, Settings};
use console_api::encoding::parse_query;
use console_api::jobs_view::JobListState;
use console_api::route::{self, Route};
use console_api::{ApiError, Job, JobQuery, Page, Secret};
use futures_channel::oneshot::{channel, Receiver};
use std::cell::RefCell;

type Answer = Result<Page<Job>, ApiError>;

/// The early list request: who it went to, what it asked, and its answer to come.
struct EarlyList {
    base: String,
    token: Option<Secret>,
    path: String,
    /// When it was sent (epoch ms).
    sent_ms: f64,
    answer: Receiver<Answer>,
}

/// The page asks within moments of the early request; an answer not taken by then is not the one to
/// show (the admin went elsewhere while the console loaded, and may come back much later).
const TAKE_WITHIN_MS: f64 = 5_000.0;

thread_local! {
    static CONFIG: RefCell<Option<Receiver<Option<DeployedConfig>>>> = const { RefCell::new(None) };
    static LIST: RefCell<Option<EarlyList>> = const { RefCell::new(None) };
}

/// Starts reading `config.json` and, once it is read, the jobs list's first request. (Before the app
/// mounts Leptos has no executor yet: the tasks are wasm-bindgen's own.)
pub fn begin() {
    let (config_sent, config) = channel();
    CONFIG.with(|c| *c.borrow_mut() = Some(config));
    wasm_bindgen_futures::spawn_local(async move {
        let deployed = fetch_deployed_config().await;
        crate::perf::mark("console:config-read");
        if let Some(query) = address_query() {
            let settings = Settings::load(deployed.clone().unwrap_or_default(), deployed.is_some());
            if settings.sde_token.is_some() {
                ask(SdeClient::new(&settings), settings, query);
            }
        }
        let _ = config_sent.send(deployed);
    });
}

/// `config.json`, read once by [`begin`] (or now, if it was not begun).
pub async fn deployed_config() -> Option<DeployedConfig> {
    match CONFIG.with(|c| c.borrow_mut().take()) {
        Some(early) => early.await.ok().flatten(),
        None => fetch_deployed_config().await,
    }
}

fn ask(client: SdeClient, settings: Settings, query: JobQuery) {
    let (sent, answer) = channel();
    LIST.with(|l| {
        *l.borrow_mut() = Some(EarlyList {
            base: settings.sde_base(),
            token: settings.sde_token.clone(),
            path: query.path(),
            sent_ms: js_sys::Date::now(),
            answer,
        })
    });
    crate::perf::mark("console:first-request");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = sent.send(client.list_jobs(&query).await);
    });
}

/// The early answer, if it is for this request (`settings` as they are now); taken once either way.
pub fn take_list(settings: &Settings, query: &JobQuery) -> Option<Receiver<Answer>> {
    let early = LIST.with(|l| l.borrow_mut().take())?;
    let same = early.base == settings.sde_base()
        && early.token == settings.sde_token
        && early.path == query.path()
        && js_sys::Date::now() - early.sent_ms < TAKE_WITHIN_MS;
    same.then_some(early.answer)
}

/// The request the jobs list will make for the address the console was opened at, if it opens there.
fn address_query() -> Option<JobQuery> {
    let location = web_sys::window()?.location();
    let browser_path = location.pathname().ok()?;
    let path = route::strip_base(crate::router::base(), &browser_path).unwrap_or(&browser_path);
    let kind = match Route::parse(path) {
        Route::Jobs(kind) => kind,
        _ => return None,
    };
    let search = location.search().ok()?;
    let pairs = parse_query(search.trim_start_matches('?'));
    Some(JobListState::from_query(kind, &pairs).api_query())
}
