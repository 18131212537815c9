//! `/api/v1/ldapconnections`: list, show, and `PUT` that changes fields and enables or disables a connection.
//! Like the real access-service it returns `managerPassword` in clear; the console must not show it.

use crate::reply;
use crate::store::{now_millis, now_rfc3339_millis};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use console_api::timefmt::{format_rfc3339_millis, parse_rfc3339_millis};
use console_api::{LdapConnection, Secret};
use serde_json::Value;

pub async fn list(State(state): State<AppState>) -> Response {
    let data = state.data.lock().expect("data lock");
    Json(&data.ldap_connections).into_response()
}

pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let data = state.data.lock().expect("data lock");
    match data.ldap_connections.iter().find(|c| c.id == id) {
        Some(c) => Json(c).into_response(),
        None => reply::not_found(&format!("LDAP connection {id}")),
    }
}

/// `ldap://host[:port]` or `ldaps://host[:port]`, with a host.
pub fn valid_ldap_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("ldap://")
        .or_else(|| url.strip_prefix("ldaps://"))
    else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or("");
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (authority, None),
    };
    !host.is_empty() && port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0))
}

const STRING_FIELDS: [&str; 13] = [
    "serverUrl",
    "managerDN",
    "managerPassword",
    "baseDN",
    "syncFilter",
    "authFilter",
    "domain",
    "accountNameField",
    "emailField",
    "userPrincipalNameField",
    "fullnameField",
    "statusField",
    "statusDisabledValue",
];

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(Value::Object(body))) = body else {
        return reply::detail(
            StatusCode::BAD_REQUEST,
            "The body must be a JSON object with Content-Type: application/json.",
        );
    };
    let mut errors: Vec<(String, String)> = Vec::new();
    for (key, value) in &body {
        match (key.as_str(), value) {
            ("serverUrl", Value::String(url)) if !valid_ldap_url(url) => errors.push((
                key.clone(),
                "Must be an ldap:// or ldaps:// URL with a host, such as ldaps://ldap.example.com:636.".into(),
            )),
            (k, Value::String(_)) if STRING_FIELDS.contains(&k) => {}
            (k, _) if STRING_FIELDS.contains(&k) => errors.push((key.clone(), "Must be a string.".into())),
            ("serverTimeout", Value::Number(n)) if n.as_i64().is_some_and(|t| t >= 0) => {}
            ("serverTimeout", _) => {
                errors.push((key.clone(), "Must be a whole number of milliseconds, 0 or more.".into()))
            }
            ("enable", Value::Bool(_)) => {}
            ("enable", _) => errors.push((key.clone(), "Must be true or false.".into())),
            _ => errors.push((key.clone(), "Unknown field: it cannot be changed.".into())),
        }
    }
    let mut data = state.data.lock().expect("data lock");
    let Some(connection) = data.ldap_connections.iter_mut().find(|c| c.id == id) else {
        return reply::not_found(&format!("LDAP connection {id}"));
    };
    if !errors.is_empty() {
        return reply::invalid(&errors);
    }
    for (key, value) in body {
        apply(connection, &key, value);
    }
    connection.modified_at = Some(later_than(connection.modified_at.as_deref()));
    Json(connection.clone()).into_response()
}

fn apply(c: &mut LdapConnection, key: &str, value: Value) {
    let text = || value.as_str().unwrap_or_default().to_string();
    match key {
        "serverUrl" => c.server_url = text(),
        "serverTimeout" => c.server_timeout = value.as_i64(),
        "managerDN" => c.manager_dn = text(),
        "managerPassword" => c.manager_password = Some(Secret::new(text())),
        "baseDN" => c.base_dn = text(),
        "syncFilter" => c.sync_filter = text(),
        "authFilter" => c.auth_filter = text(),
        "domain" => c.domain = text(),
        "accountNameField" => c.account_name_field = text(),
        "emailField" => c.email_field = text(),
        "userPrincipalNameField" => c.user_principal_name_field = text(),
        "fullnameField" => c.fullname_field = text(),
        "statusField" => c.status_field = text(),
        "statusDisabledValue" => c.status_disabled_value = text(),
        "enable" => c.enabled = value.as_bool().unwrap_or(c.enabled),
        _ => {}
    }
}

/// Now, or a millisecond after `previous` if the clock has not moved past it: every change moves
/// `modifiedAt`, so a client can detect a concurrent edit.
fn later_than(previous: Option<&str>) -> String {
    let now = now_millis();
    match previous.and_then(parse_rfc3339_millis) {
        Some(prev) if prev >= now => format_rfc3339_millis(prev + 1),
        _ => now_rfc3339_millis(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldap_urls() {
        for ok in [
            "ldap://ldap.example.com",
            "ldaps://dc01:636",
            "ldap://10.0.0.1:389/",
            "ldaps://[::1]:636",
        ] {
            assert!(valid_ldap_url(ok), "{ok}");
        }
        for bad in [
            "",
            "ldap://",
            "ldaps://:636",
            "http://ldap.example.com",
            "ldap://host:0",
            "ldap://host:99999",
        ] {
            assert!(!valid_ldap_url(bad), "{bad}");
        }
    }
}
