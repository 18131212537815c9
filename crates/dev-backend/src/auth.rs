//! Token checks as documented: `Authorization: Token <t>` for `/api/v2` (SD Elements) and
//! `Authorization: Bearer <t>` for `/api/v1` (access-service). The admin token may do everything; the
//! read-only token sees jobs without connection params and is refused every write.

use crate::demo::{ADMIN_EMAIL, AUDITOR_EMAIL};
use crate::reply;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Who is calling, attached to the request for the handlers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub email: &'static str,
    pub read_only: bool,
}

impl Principal {
    /// Whether this caller may see connection params ("Edit ALM connections" and the like).
    pub fn sees_params(&self) -> bool {
        !self.read_only
    }
}

pub async fn require_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let scheme = if request.uri().path().starts_with("/api/v1/") {
        "Bearer"
    } else {
        "Token"
    };
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(token) = header
        .split_once(' ')
        .filter(|(s, _)| s.eq_ignore_ascii_case(scheme))
        .map(|(_, t)| t.trim())
    else {
        return reply::detail(
            StatusCode::UNAUTHORIZED,
            format!("Authentication credentials were not provided. Send 'Authorization: {scheme} <token>'."),
        );
    };
    let settings = state.settings();
    let principal = if token == settings.admin_token {
        Principal {
            email: ADMIN_EMAIL,
            read_only: false,
        }
    } else if token == settings.readonly_token {
        Principal {
            email: AUDITOR_EMAIL,
            read_only: true,
        }
    } else {
        return reply::detail(StatusCode::UNAUTHORIZED, "Invalid token.");
    };
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if writes && principal.read_only {
        return reply::detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.",
        );
    }
    request.extensions_mut().insert(principal);
    next.run(request).await
}
