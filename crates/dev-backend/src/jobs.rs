//! `/api/v2/jobs/...`: list (filters, expansion, pagination), show, start a job, post a job's result; and
//! the worker that finishes a started job after the configured delay.

use crate::auth::Principal;
use crate::devtools::Outcome;
use crate::reply;
use crate::store::{now_millis, Data, StoredJob};
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use console_api::encoding::{parse_query, query_string};
use console_api::filter::{FilterParam, JobFilter};
use console_api::JobKind;
use serde::Deserialize;
use serde_json::{json, Value};

/// The parsed query of a list request.
#[derive(Debug, Default)]
struct ListQuery {
    filter: JobFilter,
    expand_user: bool,
    expand_triggered_by: bool,
    page: Option<usize>,
    page_size: Option<usize>,
}

const MAX_PAGE_SIZE: usize = 1000;

fn parse_positive(field: &str, value: &str) -> Result<i64, (String, String)> {
    value.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        (
            field.into(),
            format!("'{value}' is not a valid id: a positive whole number is required."),
        )
    })
}

/// A list or show request's query as it arrives: each parameter as text, checked by [`ListParams::check`].
/// `include`, `exclude` and unknown parameters are ignored, as Django REST framework does.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    automatic: Option<String>,
    ready: Option<String>,
    succeeded: Option<String>,
    connection: Option<String>,
    user: Option<String>,
    expand: Option<String>,
    page: Option<String>,
    page_size: Option<String>,
}

impl ListParams {
    /// The query, or each invalid parameter with its message.
    fn check(&self) -> Result<ListQuery, Vec<(String, String)>> {
        let mut query = ListQuery::default();
        let mut errors = Vec::new();
        let filters = [
            (FilterParam::Automatic, &self.automatic),
            (FilterParam::Ready, &self.ready),
            (FilterParam::Succeeded, &self.succeeded),
            (FilterParam::Connection, &self.connection),
            (FilterParam::User, &self.user),
        ];
        for (param, value) in filters {
            if let Some(value) = value {
                if let Err(e) = query.filter.set(param, value) {
                    errors.push((param.name().to_string(), e.to_string()));
                }
            }
        }
        let expanded = self.expand.as_deref().unwrap_or("");
        for field in expanded.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match field {
                "user" => query.expand_user = true,
                "triggered_by" => query.expand_triggered_by = true,
                other => errors.push((
                    "expand".into(),
                    format!("'{other}' cannot be expanded: use user or triggered_by."),
                )),
            }
        }
        if let Some(page) = &self.page {
            match parse_positive("page", page) {
                Ok(page) => query.page = Some(page as usize),
                Err(e) => errors.push(e),
            }
        }
        if let Some(size) = &self.page_size {
            match parse_positive("page_size", size) {
                Ok(size) if size as usize > MAX_PAGE_SIZE => errors.push((
                    "page_size".into(),
                    format!("page_size may be at most {MAX_PAGE_SIZE}."),
                )),
                Ok(size) => query.page_size = Some(size as usize),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }
}

/// Why a query cannot be used: the parameters that are wrong, or a query that does not even split into
/// parameters (one given twice), in axum's words.
enum BadQuery {
    Fields(Vec<(String, String)>),
    Unreadable(QueryRejection),
}

impl IntoResponse for BadQuery {
    fn into_response(self) -> Response {
        match self {
            BadQuery::Fields(errors) => reply::invalid(&errors),
            BadQuery::Unreadable(rejection) => {
                reply::detail(StatusCode::BAD_REQUEST, rejection.body_text())
            }
        }
    }
}

fn checked_query(params: Result<Query<ListParams>, QueryRejection>) -> Result<ListQuery, BadQuery> {
    let Query(params) = params.map_err(BadQuery::Unreadable)?;
    params.check().map_err(BadQuery::Fields)
}

/// Whether `job` passes `filter`, judged on the job as the API shows it, with its user expanded so that a
/// user id can match.
fn matches(data: &Data, job: &StoredJob, filter: &JobFilter) -> bool {
    filter.is_empty()
        || data
            .render(job, true, false, true)
            .is_some_and(|rendered| filter.matches(&rendered))
}

fn list(
    state: &AppState,
    kind: JobKind,
    principal: &Principal,
    headers: &HeaderMap,
    path: &str,
    params: Result<Query<ListParams>, QueryRejection>,
    raw: Option<String>,
) -> Response {
    let query = match checked_query(params) {
        Ok(q) => q,
        Err(bad) => return bad.into_response(),
    };
    // Read before the data is locked: the two locks are never held in the other order.
    let default_size = state.dev.lock().expect("dev lock").default_page_size;
    let data = state.data.lock().expect("data lock");
    let mut selected: Vec<&StoredJob> = data
        .jobs
        .iter()
        .filter(|j| kind == JobKind::All || j.kind == kind)
        .filter(|j| matches(&data, j, &query.filter))
        .collect();
    selected.sort_by(|a, b| b.last_run_ms.cmp(&a.last_run_ms).then(b.id.cmp(&a.id)));
    let render = |jobs: &[&StoredJob]| -> Vec<Value> {
        jobs.iter()
            .filter_map(|j| {
                data.render(
                    j,
                    query.expand_user,
                    query.expand_triggered_by,
                    principal.sees_params(),
                )
            })
            .map(|j| serde_json::to_value(j).expect("job serializes"))
            .collect()
    };
    // Paginated only when asked: the documents show bare `{"results": [...]}` answers (unless a test set
    // a default page size, as some servers have).
    if query.page.is_none() && query.page_size.is_none() && default_size.is_none() {
        return Json(json!({ "results": render(&selected) })).into_response();
    }
    let size = query.page_size.or(default_size).unwrap_or(25);
    let page = query.page.unwrap_or(1);
    let count = selected.len();
    let pages = count.div_ceil(size).max(1);
    if page > pages {
        return reply::detail(StatusCode::NOT_FOUND, "Invalid page.");
    }
    let link = |p: usize| page_link(headers, path, raw.as_deref(), p);
    let start = (page - 1) * size;
    let rows = &selected[start..(start + size).min(count)];
    Json(json!({
        "count": count,
        "next": (page < pages).then(|| link(page + 1)),
        "previous": (page > 1).then(|| link(page - 1)),
        "results": render(rows),
    }))
    .into_response()
}

/// An absolute URL to another page of the same list, keeping every other parameter.
fn page_link(headers: &HeaderMap, path: &str, raw: Option<&str>, page: usize) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let mut pairs: Vec<(String, String)> = parse_query(raw.unwrap_or(""))
        .into_iter()
        .filter(|(k, _)| k != "page")
        .collect();
    pairs.push(("page".into(), page.to_string()));
    format!("http://{host}{path}?{}", query_string(&pairs))
}

fn kind_of(slug: &str) -> Option<JobKind> {
    JobKind::from_slug(slug).filter(|k| *k != JobKind::All)
}

pub async fn list_all(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    params: Result<Query<ListParams>, QueryRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    list(
        &state,
        JobKind::All,
        &principal,
        &headers,
        "/api/v2/jobs/",
        params,
        raw,
    )
}

pub async fn list_kind(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    params: Result<Query<ListParams>, QueryRejection>,
    RawQuery(raw): RawQuery,
) -> Response {
    match kind_of(&slug) {
        Some(kind) => {
            let path = format!("/api/v2/jobs/{}", kind.path_segment());
            list(&state, kind, &principal, &headers, &path, params, raw)
        }
        None => reply::api_not_found().await,
    }
}

pub async fn show(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path((slug, id)): Path<(String, String)>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Response {
    let Some(kind) = kind_of(&slug) else {
        return reply::api_not_found().await;
    };
    let Ok(id) = id.parse::<i64>() else {
        return reply::invalid_field(
            "job_id",
            format!("'{id}' is not a valid job id: a whole number is required."),
        );
    };
    let query = match checked_query(params) {
        Ok(q) => q,
        Err(bad) => return bad.into_response(),
    };
    let data = state.data.lock().expect("data lock");
    let job = data.jobs.iter().find(|j| j.id == id && j.kind == kind);
    match job.and_then(|j| {
        data.render(
            j,
            query.expand_user,
            query.expand_triggered_by,
            principal.sees_params(),
        )
    }) {
        Some(job) => Json(job).into_response(),
        None => reply::not_found(&format!("{} job {id}", kind.label())),
    }
}

/// `POST /api/v2/jobs/{kind}/`: `ready: false` starts a job; otherwise (`ready` defaults to true) it
/// records a finished job's result, which needs `result_message` and `succeeded`.
pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(slug): Path<String>,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Some(kind) = kind_of(&slug) else {
        return reply::api_not_found().await;
    };
    let Ok(Json(Value::Object(body))) = body else {
        return reply::detail(
            StatusCode::BAD_REQUEST,
            "The body must be a JSON object with Content-Type: application/json.",
        );
    };
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut boolean = |name: &str, required: bool| -> Option<bool> {
        match body.get(name) {
            Some(Value::Bool(b)) => Some(*b),
            None | Some(Value::Null) if !required => None,
            None | Some(Value::Null) => {
                errors.push((name.into(), "This field is required.".into()));
                None
            }
            Some(_) => {
                errors.push((name.into(), "Must be a boolean: true or false.".into()));
                None
            }
        }
    };
    let automatic = boolean("automatic", true);
    let ready = boolean("ready", false).unwrap_or(true);
    let succeeded = boolean("succeeded", ready);
    let result_message = match body.get("result_message") {
        Some(Value::String(s)) => Some(s.clone()),
        None | Some(Value::Null) if !ready => None,
        None | Some(Value::Null) => {
            errors.push(("result_message".into(), "This field is required.".into()));
            None
        }
        Some(_) => {
            errors.push(("result_message".into(), "Must be a string.".into()));
            None
        }
    };
    let mut data = state.data.lock().expect("data lock");
    let connection = match body.get("connection") {
        Some(Value::Number(n)) => match n
            .as_i64()
            .and_then(|id| data.connection(id).map(|c| (id, c.kind)))
        {
            Some((id, k)) if k == kind => Some(id),
            Some(_) => {
                errors.push((
                    "connection".into(),
                    format!("Connection {n} is not a {} connection.", kind.label()),
                ));
                None
            }
            None => {
                errors.push((
                    "connection".into(),
                    format!("Invalid pk \"{n}\" - object does not exist."),
                ));
                None
            }
        },
        None | Some(Value::Null) => {
            errors.push(("connection".into(), "This field is required.".into()));
            None
        }
        Some(other) => {
            errors.push((
                "connection".into(),
                format!("Incorrect type. Expected pk value, received {other}."),
            ));
            None
        }
    };
    if !errors.is_empty() {
        return reply::invalid(&errors);
    }
    let (Some(connection), Some(automatic)) = (connection, automatic) else {
        unreachable!("errors were reported above");
    };
    let id = data.next_job_id();
    let job = StoredJob {
        id,
        kind,
        connection,
        user: Some(principal.email.to_string()),
        triggered_by: Some(principal.email.to_string()),
        succeeded: ready && succeeded.unwrap_or(false),
        automatic,
        ready,
        result_message: result_message.unwrap_or_default(),
        last_run_ms: now_millis(),
        attachment: None,
    };
    data.jobs.push(job.clone());
    let rendered = data.render(&job, false, false, principal.sees_params());
    drop(data);
    if !ready {
        finish_later(state.clone(), id, 1, next_outcome(&state));
    }
    (StatusCode::CREATED, Json(rendered)).into_response()
}

/// After `multiple` job delays, marks job `id` ready with `outcome`, or the connection's usual one (demo
/// connections that are broken fail; the rest succeed).
pub fn finish_later(state: AppState, id: i64, multiple: u32, outcome: Option<Outcome>) {
    let delay = match outcome.as_ref().and_then(|o| o.delay_ms) {
        Some(ms) => std::time::Duration::from_millis(ms),
        None => state.settings().job_delay * multiple,
    };
    let epoch = state.epoch.load(std::sync::atomic::Ordering::SeqCst);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        let mut data = state.data.lock().expect("data lock");
        if state.epoch.load(std::sync::atomic::Ordering::SeqCst) != epoch {
            return; // the data was reset meanwhile
        }
        let fails_with = data
            .jobs
            .iter()
            .find(|j| j.id == id)
            .and_then(|j| data.connection(j.connection))
            .and_then(|c| c.fails_with.clone());
        let (succeeded, message) = match (outcome, fails_with) {
            (Some(outcome), _) => (outcome.succeeded, outcome.result_message),
            (None, Some(message)) => (false, message),
            (None, None) => (
                true,
                "Completed: 12 tasks synchronized, 0 errors".to_string(),
            ),
        };
        let Some(job) = data.jobs.iter_mut().find(|j| j.id == id) else {
            return;
        };
        if job.ready {
            return;
        }
        job.ready = true;
        job.succeeded = succeeded;
        job.result_message = message;
        let connection = job.connection;
        if let Some(c) = data
            .connections
            .iter_mut()
            .find(|c| c.connection.id == connection)
        {
            if c.connection.in_progress.is_some() {
                c.connection.in_progress = Some(false);
            }
        }
    });
}

/// The outcome queued through `/__dev/outcomes` for the next job started through the API, if any.
pub fn next_outcome(state: &AppState) -> Option<Outcome> {
    state.dev.lock().expect("dev lock").outcomes.pop_front()
}
