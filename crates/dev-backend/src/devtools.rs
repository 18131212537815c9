//! What the real services cannot give a test, under `/__dev/` (no token; the backend listens on loopback):
//! faults switched on and off at run time, a record of the API requests received, the outcome of the next
//! started jobs, the last uploaded report byte for byte, and a reset to the starting data.

use crate::store::Data;
use crate::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

/// A fault applied to the API requests whose path starts with `path` (and whose method is `method`, if set).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Fault {
    pub path: String,
    #[serde(default)]
    pub method: Option<String>,
    /// Answer with this status instead of the real answer (a JSON `detail`, or HTML with `html`).
    #[serde(default)]
    pub status: Option<u16>,
    /// Wait this long before answering.
    #[serde(default)]
    pub latency_ms: u64,
    /// Answer with an HTML error page, as a reverse proxy does (status 502 unless `status` says otherwise).
    #[serde(default)]
    pub html: bool,
    /// Send the real answer cut to half its length.
    #[serde(default)]
    pub truncate: bool,
    /// A `Retry-After` header, in seconds.
    #[serde(default)]
    pub retry_after: Option<u64>,
    #[serde(default)]
    pub detail: Option<String>,
    /// Answer with this JSON instead (status 200 unless `status` says otherwise): an empty list, an
    /// unexpected shape.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
    /// Apply to this many requests, then disappear; forever when absent.
    #[serde(default)]
    pub times: Option<u32>,
}

/// The outcome the next job started through the API will report (demo jobs keep their own).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Outcome {
    pub succeeded: bool,
    #[serde(default)]
    pub result_message: String,
    /// How long that job runs, when not the backend's `--job-delay-ms` (a test that watches it run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
}

/// An API request as received. The token itself is never recorded: only the scheme it came with.
#[derive(Clone, Debug, Serialize)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    pub auth_scheme: Option<String>,
    pub content_type: Option<String>,
    /// The body as text for JSON and form requests; multipart bodies are under `/__dev/last-upload`.
    pub body: Option<String>,
    /// The other headers as they arrived (behind nginx: as the proxy sent them), names in lower case.
    /// `Authorization` is left out; `Cookie` and `Proxy-Authorization` are recorded as "(hidden)".
    pub headers: BTreeMap<String, String>,
}

/// The last report upload, as it arrived.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ReceivedUpload {
    pub content_type: String,
    pub field_names: Vec<String>,
    pub fields: BTreeMap<String, String>,
    pub file_name: Option<String>,
    pub file_content_type: Option<String>,
    #[serde(skip)]
    pub file: Vec<u8>,
}

#[derive(Default)]
pub struct DevState {
    pub faults: Vec<Fault>,
    pub requests: VecDeque<RecordedRequest>,
    pub outcomes: VecDeque<Outcome>,
    pub last_upload: Option<ReceivedUpload>,
    /// The data the backend started with, for `/__dev/reset`.
    pub initial: Option<Data>,
    /// Lists asked for without `page` or `page_size` are paged this many to a page, as a server with a
    /// default page size does (`/__dev/settings` `default_page_size`; a reset turns it off).
    pub default_page_size: Option<usize>,
}

const RECORDED_REQUESTS: usize = 500;
const RECORDED_BODY_BYTES: usize = 256 * 1024;

/// Records each API request, then applies the first matching fault, if any.
pub async fn faults_and_recording(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let multipart = content_type
        .as_deref()
        .is_some_and(|ct| ct.starts_with("multipart/"));
    let (body, text) = if multipart {
        (body, None)
    } else {
        match to_bytes(body, RECORDED_BODY_BYTES).await {
            Ok(bytes) => {
                let text =
                    (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned());
                (Body::from(bytes), text)
            }
            Err(_) => {
                return crate::reply::detail(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Request body too large.",
                )
            }
        }
    };
    let path = parts.uri.path().to_string();
    let method = parts.method.to_string();
    let fault = {
        let mut dev = state.dev.lock().expect("dev lock");
        dev.requests.push_back(RecordedRequest {
            method: method.clone(),
            path: path.clone(),
            query: parts.uri.query().unwrap_or("").to_string(),
            auth_scheme: parts
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.split(' ').next().unwrap_or("").to_string()),
            content_type,
            body: text,
            headers: recorded_headers(&parts.headers),
        });
        while dev.requests.len() > RECORDED_REQUESTS {
            dev.requests.pop_front();
        }
        take_fault(&mut dev.faults, &method, &path)
    };
    let request = Request::from_parts(parts, body);
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    let mut response = if fault.html || fault.status.is_some() || fault.body.is_some() {
        injected_response(&fault)
    } else if fault.truncate {
        let response = next.run(request).await;
        let (mut parts, body) = response.into_parts();
        let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
        parts.headers.remove(header::CONTENT_LENGTH);
        Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
    } else {
        next.run(request).await
    };
    if let Some(secs) = fault.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn recorded_headers(headers: &header::HeaderMap) -> BTreeMap<String, String> {
    headers
        .iter()
        .filter(|(name, _)| *name != header::AUTHORIZATION)
        .map(|(name, value)| {
            let value = if *name == header::COOKIE || *name == header::PROXY_AUTHORIZATION {
                "(hidden)".to_string()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_string(), value)
        })
        .collect()
}

fn take_fault(faults: &mut Vec<Fault>, method: &str, path: &str) -> Option<Fault> {
    let index = faults.iter().position(|f| {
        path.starts_with(&f.path)
            && f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    })?;
    let fault = faults[index].clone();
    if let Some(times) = &mut faults[index].times {
        *times = times.saturating_sub(1);
        if *times == 0 {
            faults.remove(index);
        }
    }
    Some(fault)
}

fn injected_response(fault: &Fault) -> Response {
    let default = match (fault.html, &fault.body) {
        (true, _) => 502,
        (false, Some(_)) => 200,
        (false, None) => 500,
    };
    let status = StatusCode::from_u16(fault.status.unwrap_or(default))
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if fault.html {
        let page = format!(
            "<!DOCTYPE html><html><head><title>{code} {reason}</title></head><body><center><h1>{code} {reason}</h1></center><hr><center>nginx</center></body></html>",
            code = status.as_u16(),
            reason = status.canonical_reason().unwrap_or("Error"),
        );
        (status, Html(page)).into_response()
    } else if let Some(body) = &fault.body {
        (status, Json(body.clone())).into_response()
    } else {
        let detail = fault
            .detail
            .clone()
            .unwrap_or_else(|| format!("Injected fault: HTTP {}.", status.as_u16()));
        (status, Json(json!({ "detail": detail }))).into_response()
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/outcomes", post(add_outcome))
        .route("/last-upload", get(last_upload))
        .route("/last-upload/file", get(last_upload_file))
        .route("/reset", post(reset))
        .route("/settings", put(update_settings))
}

async fn list_faults(State(state): State<AppState>) -> Response {
    Json(state.dev.lock().expect("dev lock").faults.clone()).into_response()
}

async fn add_fault(State(state): State<AppState>, Json(fault): Json<Fault>) -> StatusCode {
    state.dev.lock().expect("dev lock").faults.push(fault);
    StatusCode::NO_CONTENT
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.dev.lock().expect("dev lock").faults.clear();
    StatusCode::NO_CONTENT
}

async fn list_requests(State(state): State<AppState>) -> Response {
    Json(state.dev.lock().expect("dev lock").requests.clone()).into_response()
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.dev.lock().expect("dev lock").requests.clear();
    StatusCode::NO_CONTENT
}

async fn add_outcome(State(state): State<AppState>, Json(outcome): Json<Outcome>) -> StatusCode {
    state
        .dev
        .lock()
        .expect("dev lock")
        .outcomes
        .push_back(outcome);
    StatusCode::NO_CONTENT
}

async fn last_upload(State(state): State<AppState>) -> Response {
    match &state.dev.lock().expect("dev lock").last_upload {
        Some(upload) => {
            let mut body = serde_json::to_value(upload).expect("upload serializes");
            body["file_size"] = json!(upload.file.len());
            Json(body).into_response()
        }
        None => crate::reply::not_found("Upload"),
    }
}

async fn last_upload_file(State(state): State<AppState>) -> Response {
    match &state.dev.lock().expect("dev lock").last_upload {
        Some(upload) => (
            [(header::CONTENT_TYPE, "application/octet-stream")],
            upload.file.clone(),
        )
            .into_response(),
        None => crate::reply::not_found("Upload"),
    }
}

/// Back to the starting data, with no faults, no queued outcomes and an empty request record.
async fn reset(State(state): State<AppState>) -> StatusCode {
    let initial = {
        let mut dev = state.dev.lock().expect("dev lock");
        dev.faults.clear();
        dev.requests.clear();
        dev.outcomes.clear();
        dev.last_upload = None;
        dev.default_page_size = None;
        dev.initial.clone()
    };
    if let Some(initial) = initial {
        state
            .epoch
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        *state.data.lock().expect("data lock") = initial;
        state.resume_running_jobs();
    }
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct SettingsChange {
    job_delay_ms: Option<u64>,
    default_page_size: Option<usize>,
}

async fn update_settings(
    State(state): State<AppState>,
    Json(change): Json<SettingsChange>,
) -> StatusCode {
    if let Some(size) = change.default_page_size {
        state.dev.lock().expect("dev lock").default_page_size = Some(size.max(1));
    }
    let mut settings = state.settings.lock().expect("settings lock");
    if let Some(ms) = change.job_delay_ms {
        settings.job_delay = Duration::from_millis(ms);
    }
    StatusCode::NO_CONTENT
}
