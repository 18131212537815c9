//! Every way a call to either backend can fail, with the words a person needs: what happened and what to do
//! next.
//!
//! A response (its status, `Content-Type`, `Retry-After` and body) is turned into an [`ApiError`] here, by
//! pure logic tested natively. The failures that have no response (no token, network, timeout, cancelled,
//! blocked by the security policy) are named by the app's HTTP client with [`ApiError::new`], and what was
//! asked for (a list, an upload) is the caller's to add with [`ApiError::for_collection`] and
//! [`ApiError::for_upload`].

use crate::from_json::{parse, FromJson, ParseError};
use crate::json_tree::Json;
use std::fmt;

/// Which backend a request went to: messages name it, and say which token to fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    SdElements,
    AccessService,
}

impl Service {
    pub fn name(self) -> &'static str {
        match self {
            Service::SdElements => "SD Elements",
            Service::AccessService => "The access-service",
        }
    }

    fn short(self) -> &'static str {
        match self {
            Service::SdElements => "SD Elements",
            Service::AccessService => "access-service",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// No token is configured for this backend: nothing was sent.
    NoToken,
    /// The request did not reach the server or got no answer (server down, DNS, CORS, offline).
    Network,
    /// The browser refused to connect: the console's Content-Security-Policy does not list this address.
    BlockedByPolicy,
    /// No answer within the client's time limit.
    Timeout,
    /// The user cancelled the request.
    Cancelled,
    /// 400: the server named what is wrong, often per field.
    BadRequest,
    /// 401: the token is missing, wrong or expired.
    Unauthorized,
    /// 403: the token is valid but lacks the permission.
    Forbidden,
    /// 404: `item` when a particular job or connection was asked for; otherwise the API itself is not
    /// at this address.
    NotFound { item: bool },
    /// 413: the request body (an uploaded report) is larger than the server accepts.
    TooLarge { upload: bool },
    /// 429: too many requests; `Retry-After` in seconds when the server sent it.
    RateLimited { retry_after_secs: Option<u64> },
    /// 5xx with a JSON body, or none.
    Server { status: u16 },
    /// Any other unexpected status.
    UnexpectedStatus { status: u16 },
    /// An HTML page (a proxy error page or a login page) where JSON was expected.
    NotJson { status: u16 },
    /// A JSON body that was cut short or does not have the documented shape.
    Undecodable,
}

/// A failed call, ready to be shown: [`ApiError::title`] says what happened, [`ApiError::advice`] what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub service: Service,
    pub kind: ErrorKind,
    /// The server's own message (`detail`, `error` or `message`), shown as text.
    pub detail: Option<String>,
    /// Per-field messages from a 400 body such as `{"project": ["A valid integer is required."]}`.
    pub field_errors: Vec<(String, String)>,
}

impl ApiError {
    pub fn new(service: Service, kind: ErrorKind) -> Self {
        Self {
            service,
            kind,
            detail: None,
            field_errors: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// For a request that asked for a list or an endpoint rather than one thing: a 404 then means the
    /// API is not at this address, not that something was deleted.
    pub fn for_collection(mut self) -> Self {
        if let ErrorKind::NotFound { item: true } = self.kind {
            self.kind = ErrorKind::NotFound { item: false };
        }
        self
    }

    /// For a report upload: a 413 is then about the file, and the message can say so.
    pub fn for_upload(mut self) -> Self {
        if let ErrorKind::TooLarge { upload: false } = self.kind {
            self.kind = ErrorKind::TooLarge { upload: true };
        }
        self
    }

    /// What happened, in one sentence.
    pub fn title(&self) -> String {
        let service = self.service.name();
        match &self.kind {
            ErrorKind::NoToken => format!("No {} token is set.", self.service.short()),
            ErrorKind::Network => format!("{service} could not be reached."),
            ErrorKind::BlockedByPolicy => {
                format!("{service} at this address is blocked by the console's security policy.")
            }
            ErrorKind::Timeout => format!("{service} did not answer in time."),
            ErrorKind::Cancelled => "The request was cancelled.".to_string(),
            ErrorKind::BadRequest => format!("{service} rejected the request."),
            ErrorKind::Unauthorized => format!("{service} did not accept your token."),
            ErrorKind::Forbidden => "Your token lacks the permission for this.".to_string(),
            ErrorKind::NotFound { item: true } => {
                "Not found: it may have been deleted, or the link is wrong.".to_string()
            }
            ErrorKind::NotFound { item: false } => {
                format!("{service} has no such API at this address (HTTP 404).")
            }
            ErrorKind::TooLarge { upload: true } => {
                "The file is larger than the server accepts.".to_string()
            }
            ErrorKind::TooLarge { upload: false } => {
                format!(
                    "The request is larger than {} accepts.",
                    self.service.short()
                )
            }
            ErrorKind::RateLimited { .. } => format!("{service} is receiving too many requests."),
            ErrorKind::Server { status } => {
                format!("{service} had an internal error (HTTP {status}).")
            }
            ErrorKind::UnexpectedStatus { status } => {
                format!("{service} answered with an unexpected status (HTTP {status}).")
            }
            ErrorKind::NotJson { status } => {
                format!("{service} answered with a web page instead of data (HTTP {status}).")
            }
            ErrorKind::Undecodable => {
                format!("{service} sent a response the console could not read.")
            }
        }
    }

    /// What to do about it.
    pub fn advice(&self) -> String {
        match &self.kind {
            ErrorKind::NoToken => "Open Settings and enter your API token.".to_string(),
            ErrorKind::Network => "Check the server address in Settings and that the server is running, then try again.".to_string(),
            ErrorKind::BlockedByPolicy => "Clear the address override in Settings to use the one this deployment provides, or ask whoever hosts the console to allow this address (connect-src of its Content-Security-Policy).".to_string(),
            ErrorKind::Timeout => "The server may be busy. Try again in a moment.".to_string(),
            ErrorKind::Cancelled => "Nothing else was changed. Send it again when you are ready.".to_string(),
            ErrorKind::BadRequest => "Correct what is named above and try again.".to_string(),
            ErrorKind::Unauthorized => "Sign in again: open Settings and enter a valid token.".to_string(),
            ErrorKind::Forbidden => "Ask an administrator for the permission, or use a token that has it.".to_string(),
            ErrorKind::NotFound { item: true } => "Go back to the list and pick it again.".to_string(),
            ErrorKind::NotFound { item: false } => "Check the server address in Settings: it must point at the server itself, or be empty when this console's proxy forwards the API.".to_string(),
            ErrorKind::TooLarge { upload: true } => "Choose a smaller file, or ask the administrator to raise the server's upload limit.".to_string(),
            ErrorKind::TooLarge { upload: false } => "Shorten the longest values and try again; if it persists, ask the administrator to raise the server's request size limit.".to_string(),
            ErrorKind::RateLimited { retry_after_secs: Some(secs) } => {
                format!("Wait {secs} seconds, then try again.")
            }
            ErrorKind::RateLimited { retry_after_secs: None } => "Wait a moment, then try again.".to_string(),
            ErrorKind::Server { .. } | ErrorKind::UnexpectedStatus { .. } => {
                "This is not caused by your input. Try again later; if it persists, tell the server's administrator.".to_string()
            }
            ErrorKind::NotJson { .. } => "A proxy or a sign-in page may be in the way. Check the server address in Settings, sign in again, or try again later.".to_string(),
            ErrorKind::Undecodable => "The answer may have been cut short. Try again; if it persists, this server version may not be supported.".to_string(),
        }
    }

    /// Whether the same request can succeed when sent again unchanged: not without a token, and not with a
    /// token the server refused the permission (403).
    pub fn can_retry(&self) -> bool {
        !matches!(self.kind, ErrorKind::NoToken | ErrorKind::Forbidden)
    }

    /// Whether the fix is in Settings (address or token).
    pub fn needs_settings(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::NoToken
                | ErrorKind::Unauthorized
                | ErrorKind::Network
                | ErrorKind::BlockedByPolicy
                | ErrorKind::NotFound { item: false }
        )
    }

    /// The message for one field of a 400 answer, if the server named it.
    pub fn field_error(&self, field: &str) -> Option<&str> {
        self.field_errors
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.title(), self.advice())?;
        if let Some(detail) = &self.detail {
            write!(f, " ({detail})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// What the client saw of a response: enough to classify it, nothing browser-specific.
#[derive(Clone, Debug, Default)]
pub struct RawResponse<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub retry_after: Option<&'a str>,
    pub body: &'a str,
}

impl RawResponse<'_> {
    fn looks_like_html(&self) -> bool {
        let html_type = self
            .content_type
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
        html_type || self.body.trim_start().starts_with('<')
    }
}

/// Decodes a successful response, or classifies a failed one.
pub fn decode_response<T: FromJson>(
    service: Service,
    response: &RawResponse<'_>,
) -> Result<T, ApiError> {
    if !(200..300).contains(&response.status) {
        return Err(error_from_response(service, response));
    }
    if response.looks_like_html() {
        return Err(ApiError::new(
            service,
            ErrorKind::NotJson {
                status: response.status,
            },
        ));
    }
    parse(response.body)
        .map_err(|e| ApiError::new(service, ErrorKind::Undecodable).with_detail(decode_detail(&e)))
}

/// Reads a successful list answer fed to `reader` as it arrived (`crate::page_reader`).
pub fn decode_page<T>(
    service: Service,
    status: u16,
    reader: crate::page_reader::PageReader<T>,
) -> Result<crate::list::Page<T>, ApiError> {
    if reader.starts_like_html() {
        return Err(ApiError::new(service, ErrorKind::NotJson { status }));
    }
    reader
        .finish()
        .map_err(|e| ApiError::new(service, ErrorKind::Undecodable).with_detail(decode_detail(&e)))
}

/// How much of an error answer the console reads: the client does not read a longer one whose length it
/// is told, and reads no further than this into one whose length it is not.
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;
/// How much of one message from an error answer the console shows (characters).
const MESSAGE_LIMIT: usize = 1000;
/// How many field messages from one error answer the console shows.
const FIELD_ERRORS_LIMIT: usize = 20;

/// The first [`ERROR_BODY_LIMIT`] bytes of `body`, cut at a character boundary.
pub fn bounded_error_body(body: &str) -> &str {
    let mut end = body.len().min(ERROR_BODY_LIMIT);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// Classifies a response whose status is not 2xx.
pub fn error_from_response(service: Service, response: &RawResponse<'_>) -> ApiError {
    let status = response.status;
    let json = match response.looks_like_html() {
        true => None,
        false => Json::parse(bounded_error_body(response.body)).ok(),
    };
    let kind = match status {
        400 | 422 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        // A particular thing, unless the caller says it asked for a list ([`ApiError::for_collection`]).
        404 => ErrorKind::NotFound { item: true },
        // Which request it was is the caller's to say (an upload sets `upload`).
        413 => ErrorKind::TooLarge { upload: false },
        429 => ErrorKind::RateLimited {
            retry_after_secs: response.retry_after.and_then(parse_retry_after),
        },
        // A proxy's error page: the status tells more than "HTML" for these, so keep them specific.
        _ if json.is_none() && response.looks_like_html() && status >= 500 => {
            ErrorKind::NotJson { status }
        }
        500..=599 => ErrorKind::Server { status },
        _ => ErrorKind::UnexpectedStatus { status },
    };
    let mut error = ApiError::new(service, kind);
    if let Some(body @ Json::Object(map)) = &json {
        error.detail = ["detail", "error", "message"]
            .iter()
            .find_map(|k| body.get(k).and_then(message_text));
        error.field_errors = map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "detail" | "error" | "message"))
            .filter_map(|(k, v)| message_text(v).map(|m| (k.clone(), m)))
            .take(FIELD_ERRORS_LIMIT)
            .collect();
    }
    error
}

/// A message from a JSON value: a string, or a list of strings joined; at most [`MESSAGE_LIMIT`]
/// characters of it.
fn message_text(value: &Json) -> Option<String> {
    let text = match value {
        Json::String(s) if !s.trim().is_empty() => s.trim().to_string(),
        Json::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Json::as_str).collect();
            if parts.is_empty() {
                return None;
            }
            parts.join(" ")
        }
        _ => return None,
    };
    Some(crate::text::shorten(&text, MESSAGE_LIMIT).0)
}

/// `Retry-After` as seconds. The HTTP-date form is not parsed: the caller then waits its own default.
pub fn parse_retry_after(value: &str) -> Option<u64> {
    value.trim().parse().ok()
}

fn decode_detail(error: &ParseError) -> String {
    match error {
        ParseError::Syntax(e) if e.is_eof() => "the response ended too early".to_string(),
        ParseError::Syntax(e) => format!(
            "unexpected content at line {}, column {}",
            e.line(),
            e.column()
        ),
        // Well-formed JSON of another shape: where it differs.
        ParseError::Shape(e) => format!("unexpected content: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn respond(status: u16, content_type: &str, body: &str) -> ApiError {
        error_from_response(
            Service::SdElements,
            &RawResponse {
                status,
                content_type: Some(content_type),
                retry_after: None,
                body,
            },
        )
    }

    #[test]
    fn statuses_map_to_kinds() {
        let json = "application/json";
        assert_eq!(respond(401, json, "{}").kind, ErrorKind::Unauthorized);
        assert_eq!(respond(403, json, "{}").kind, ErrorKind::Forbidden);
        assert_eq!(
            respond(404, json, "{}").kind,
            ErrorKind::NotFound { item: true }
        );
        assert_eq!(
            respond(404, json, "{}").for_collection().kind,
            ErrorKind::NotFound { item: false }
        );
        assert_eq!(
            respond(413, json, "{}").for_upload().kind,
            ErrorKind::TooLarge { upload: true }
        );
        assert_eq!(
            respond(413, "text/html", "<html>").kind,
            ErrorKind::TooLarge { upload: false }
        );
        assert_eq!(
            respond(500, json, "{}").kind,
            ErrorKind::Server { status: 500 }
        );
        assert_eq!(
            respond(502, "text/html", "<html>").kind,
            ErrorKind::NotJson { status: 502 }
        );
        assert_eq!(
            respond(418, json, "").kind,
            ErrorKind::UnexpectedStatus { status: 418 }
        );
    }

    #[test]
    fn detail_and_field_errors_are_read() {
        let e = respond(
            400,
            "application/json",
            r#"{"detail": "Invalid input.", "project": ["A valid integer is required."], "system": "Unknown system."}"#,
        );
        assert_eq!(e.kind, ErrorKind::BadRequest);
        assert_eq!(e.detail.as_deref(), Some("Invalid input."));
        assert_eq!(
            e.field_error("project"),
            Some("A valid integer is required.")
        );
        assert_eq!(e.field_error("system"), Some("Unknown system."));
    }

    #[test]
    fn error_and_message_keys_are_details_too() {
        assert_eq!(
            respond(403, "application/json", r#"{"error": "nope"}"#)
                .detail
                .as_deref(),
            Some("nope")
        );
        assert_eq!(
            respond(500, "application/json", r#"{"message": "boom"}"#)
                .detail
                .as_deref(),
            Some("boom")
        );
    }

    #[test]
    fn retry_after_is_honoured() {
        let e = error_from_response(
            Service::AccessService,
            &RawResponse {
                status: 429,
                content_type: None,
                retry_after: Some("7"),
                body: "",
            },
        );
        assert_eq!(
            e.kind,
            ErrorKind::RateLimited {
                retry_after_secs: Some(7)
            }
        );
        assert!(e.advice().contains("7 seconds"));
    }

    #[test]
    fn html_where_json_was_expected() {
        let r: Result<Json, _> = decode_response(
            Service::SdElements,
            &RawResponse {
                status: 200,
                content_type: Some("text/html"),
                retry_after: None,
                body: "<!doctype html><title>Sign in</title>",
            },
        );
        assert_eq!(r.unwrap_err().kind, ErrorKind::NotJson { status: 200 });
    }

    #[test]
    fn a_body_cut_short_is_undecodable() {
        let r: Result<Json, _> = decode_response(
            Service::SdElements,
            &RawResponse {
                status: 200,
                content_type: Some("application/json"),
                retry_after: None,
                body: r#"{"results": [{"id": 1"#,
            },
        );
        let e = r.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Undecodable);
        assert_eq!(e.detail.as_deref(), Some("the response ended too early"));
    }

    #[test]
    fn every_kind_has_words() {
        let kinds = [
            ErrorKind::NoToken,
            ErrorKind::Network,
            ErrorKind::BlockedByPolicy,
            ErrorKind::Timeout,
            ErrorKind::Cancelled,
            ErrorKind::BadRequest,
            ErrorKind::Unauthorized,
            ErrorKind::Forbidden,
            ErrorKind::NotFound { item: true },
            ErrorKind::NotFound { item: false },
            ErrorKind::TooLarge { upload: true },
            ErrorKind::TooLarge { upload: false },
            ErrorKind::RateLimited {
                retry_after_secs: None,
            },
            ErrorKind::Server { status: 503 },
            ErrorKind::UnexpectedStatus { status: 418 },
            ErrorKind::NotJson { status: 502 },
            ErrorKind::Undecodable,
        ];
        for kind in kinds {
            let e = ApiError::new(Service::SdElements, kind.clone());
            assert!(e.title().ends_with('.'), "{kind:?}");
            assert!(e.advice().ends_with('.'), "{kind:?}");
        }
        assert!(ApiError::new(Service::SdElements, ErrorKind::Unauthorized)
            .advice()
            .contains("Sign in again"));
        assert!(ApiError::new(Service::SdElements, ErrorKind::Forbidden)
            .title()
            .contains("permission"));
    }

    #[test]
    fn an_error_body_is_read_and_shown_only_in_part() {
        let long = "x".repeat(5000);
        let fields: Vec<String> = (0..50).map(|i| format!("\"f{i}\": \"bad\"")).collect();
        let body = format!("{{\"detail\": \"{long}\", {}}}", fields.join(", "));
        let error = error_from_response(
            Service::SdElements,
            &RawResponse {
                status: 400,
                content_type: Some("application/json"),
                retry_after: None,
                body: &body,
            },
        );
        assert!(error.detail.unwrap().chars().count() <= MESSAGE_LIMIT + 1);
        assert_eq!(error.field_errors.len(), FIELD_ERRORS_LIMIT);
        let huge = format!("{{\"detail\": \"{}\"}}", "é".repeat(ERROR_BODY_LIMIT));
        assert!(bounded_error_body(&huge).len() <= ERROR_BODY_LIMIT);
        let error = error_from_response(
            Service::SdElements,
            &RawResponse {
                status: 500,
                content_type: Some("application/json"),
                retry_after: None,
                body: &huge,
            },
        );
        assert_eq!(error.kind, ErrorKind::Server { status: 500 });
        assert_eq!(error.detail, None, "a cut body is not read as JSON");
    }
}
