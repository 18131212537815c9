//! A development backend that answers as the SD Elements jobs API (`/api/v2/jobs/...`) and the
//! access-service LDAP connections API (`/api/v1/ldapconnections`) are documented to, on one port, and
//! serves the built console. It adds what the real services cannot give a test: demo data, jobs that run
//! and finish, a read-only token, switchable faults, and a record of what it received (under `/__dev/`).

pub mod auth;
pub mod demo;
pub mod devtools;
pub mod headers;
pub mod jobs;
pub mod ldap;
pub mod reply;
pub mod store;
pub mod upload;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use axum::{middleware, Router};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use store::Data;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

/// How the backend behaves; every field has a command-line flag in `main.rs`.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Full access to both APIs.
    pub admin_token: String,
    /// Reads without connection params; 403 on every write.
    pub readonly_token: String,
    /// How long a started job runs before it finishes.
    pub job_delay: Duration,
    /// Largest accepted report upload, in bytes.
    pub max_upload_bytes: usize,
    /// The built console (`dist/`), served at `/`.
    pub dist: Option<PathBuf>,
    /// Sent with the console's files: the production security headers (see [`headers`]).
    pub security_headers: Vec<(axum::http::HeaderName, axum::http::HeaderValue)>,
    /// Sent with every `/api/` answer: the headers nginx adds there ([`headers::api`]).
    pub api_headers: Vec<(axum::http::HeaderName, axum::http::HeaderValue)>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            admin_token: "demo-admin-token".into(),
            readonly_token: "demo-readonly-token".into(),
            job_delay: Duration::from_secs(3),
            max_upload_bytes: 100 * 1024 * 1024,
            dist: None,
            security_headers: Vec::new(),
            api_headers: headers::api(),
        }
    }
}

/// The backend's shared state.
#[derive(Clone)]
pub struct AppState {
    pub data: Arc<Mutex<Data>>,
    pub settings: Arc<Mutex<Settings>>,
    pub dev: Arc<Mutex<devtools::DevState>>,
    /// Moves on every reset: a job finisher scheduled before it belongs to data that is gone and must
    /// not finish the restored jobs of the same id early.
    pub epoch: Arc<std::sync::atomic::AtomicU64>,
}

impl AppState {
    pub fn new(data: Data, settings: Settings) -> Self {
        Self {
            data: Arc::new(Mutex::new(data)),
            settings: Arc::new(Mutex::new(settings)),
            dev: Arc::new(Mutex::new(devtools::DevState {
                requests: VecDeque::new(),
                ..Default::default()
            })),
            epoch: Arc::default(),
        }
    }

    pub fn settings(&self) -> Settings {
        self.settings.lock().expect("settings lock").clone()
    }

    /// Finishes the demo's still-running jobs after the job delay, as if their workers reported back.
    pub fn resume_running_jobs(&self) {
        let running: Vec<i64> = {
            let data = self.data.lock().expect("data lock");
            data.jobs
                .iter()
                .filter(|j| !j.ready)
                .map(|j| j.id)
                .collect()
        };
        for (i, id) in running.into_iter().enumerate() {
            jobs::finish_later(self.clone(), id, (i as u32) + 1, None);
        }
    }
}

/// The whole service: both APIs, the `/__dev/` tools, and the console's files.
pub fn router(state: AppState) -> Router {
    let settings = state.settings();
    let api = Router::new()
        .route("/api/v2/jobs", get(jobs::list_all))
        .route("/api/v2/jobs/", get(jobs::list_all))
        .route(
            "/api/v2/jobs/analysis-file",
            post(upload::create).layer(DefaultBodyLimit::max(
                settings.max_upload_bytes + 1024 * 1024,
            )),
        )
        .route(
            "/api/v2/jobs/analysis-file/",
            post(upload::create).layer(DefaultBodyLimit::max(
                settings.max_upload_bytes + 1024 * 1024,
            )),
        )
        .route(
            "/api/v2/jobs/{kind}",
            get(jobs::list_kind).post(jobs::create),
        )
        .route(
            "/api/v2/jobs/{kind}/",
            get(jobs::list_kind).post(jobs::create),
        )
        .route("/api/v2/jobs/{kind}/{id}", get(jobs::show))
        .route("/api/v2/jobs/{kind}/{id}/", get(jobs::show))
        .route("/api/v1/ldapconnections", get(ldap::list))
        .route("/api/v1/ldapconnections/", get(ldap::list))
        .route(
            "/api/v1/ldapconnections/{id}",
            get(ldap::show).put(ldap::update),
        )
        .route(
            "/api/v1/ldapconnections/{id}/",
            get(ldap::show).put(ldap::update),
        )
        .route("/api/{*rest}", any(reply::api_not_found))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            devtools::faults_and_recording,
        ))
        // Outermost: every answer, injected faults and refusals included, as nginx adds them.
        .layer(middleware::map_response(with_headers(settings.api_headers)));

    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any)
        .expose_headers([axum::http::header::RETRY_AFTER]);

    let app = Router::new()
        .merge(api)
        .nest("/__dev", devtools::router())
        .layer(cors)
        .with_state(state);

    match settings.dist {
        Some(dist) if dist.join("index.html").exists() => {
            let index = ServeFile::new(dist.join("index.html"));
            let files = ServeDir::new(dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index);
            let files = Router::new()
                .fallback_service(files)
                .layer(middleware::map_response(with_headers(
                    settings.security_headers,
                )));
            app.fallback_service(files)
        }
        _ => app.fallback(reply::no_build),
    }
}

type Headers = Vec<(axum::http::HeaderName, axum::http::HeaderValue)>;

/// A response mapper that sets `headers` on every answer (replacing the handler's own, as nginx's
/// `proxy_hide_header` + `add_header` do).
fn with_headers(
    headers: Headers,
) -> impl Fn(axum::response::Response) -> std::future::Ready<axum::response::Response>
       + Clone
       + Send
       + Sync
       + 'static {
    let headers = Arc::new(headers);
    move |mut response: axum::response::Response| {
        for (name, value) in headers.iter() {
            response.headers_mut().insert(name.clone(), value.clone());
        }
        std::future::ready(response)
    }
}
