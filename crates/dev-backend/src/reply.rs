//! Error answers in the shape SD Elements (Django REST framework) uses: `{"detail": "..."}`, and for invalid
//! input one list of messages per field.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

/// `{"detail": message}` with `status`.
pub fn detail(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "detail": message.into() }))).into_response()
}

/// A 400 naming each invalid field: `{"detail": "Invalid input.", "field": ["message"], ...}`.
pub fn invalid(fields: &[(String, String)]) -> Response {
    let mut body = Map::new();
    body.insert("detail".into(), Value::String(summary(fields)));
    for (field, message) in fields {
        body.insert(field.clone(), json!([message]));
    }
    (StatusCode::BAD_REQUEST, Json(Value::Object(body))).into_response()
}

fn summary(fields: &[(String, String)]) -> String {
    let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    format!("Invalid input: {}.", names.join(", "))
}

/// One invalid field.
pub fn invalid_field(field: &str, message: impl Into<String>) -> Response {
    invalid(&[(field.to_string(), message.into())])
}

pub fn not_found(what: &str) -> Response {
    detail(StatusCode::NOT_FOUND, format!("{what} not found."))
}

pub async fn api_not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not found.")
}

/// Served at `/` when the console has not been built into `dist/` yet.
pub async fn no_build() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(
            "<!doctype html><title>Integration Console</title><p>The console has not been built. \
             Run <code>scripts/run.sh</code> (or <code>trunk build --release --offline</code>) and \
             start the backend with <code>--dist dist</code>.</p>",
        ),
    )
        .into_response()
}
