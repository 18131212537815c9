//! Secrets returned by the APIs (`alm_pass`, `managerPassword`) and tokens: a type that never prints itself,
//! and the rule for what of a connection's parameters may be shown: only values whose names are known to be
//! harmless, with whatever secret they hold inside masked.

use crate::json_tree::Json;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A secret value. `Debug` and `Display` show a mask, so a secret cannot reach a log or the page by accident;
/// the value is only reachable through the explicitly named [`Secret::expose_secret`].
///
/// It serializes as the plain string because the development backend must answer exactly as the real APIs
/// do, which return these secrets in clear. The console never serializes a `Secret` it received.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret in clear. Call sites are the only places a secret can leak: keep them few.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••••)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••••")
    }
}

/// The mask shown in place of a secret value.
pub const MASK: &str = "••••••";

/// How a connection parameter's value may be shown, judged by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamClass {
    /// The name says secret (`alm_pass`, `api_token`, `session_cookie`): masked everywhere, never shown.
    Secret,
    /// Every word of the name is known to be harmless (`alm_server`, `sde_project`): shown, after
    /// [`scrub`] has masked what the value itself holds.
    Harmless,
    /// Anything else: masked until the admin asks to see it on the job page, and masked in every export.
    Unknown,
}

/// Fragments that make a name secret wherever they appear in it (separators and case ignored).
const SECRET_FRAGMENTS: &str = concat!(
    "pass pwd secret token cred auth bearer cookie session jwt apikey privatekey accesskey ",
    "connectionstring connstr certificate hmac signing signature ",
);

/// Words that make a name secret when they are a whole word of it (`alm_pat`, `ssh_key`, `sentry_dsn`):
/// too short to look for inside other words (`pat` is in `path`, `key` in `monkey`).
const SECRET_WORDS: &str = "key pat pw pin otp dsn sig pem pfx p12 sid seed salt";

/// Words of names whose values are settings, not secrets.
const HARMLESS_WORDS: &str = concat!(
    "alm sde sdelements server servers host hostname port url uri endpoint base api project projects ",
    "application applications app mapping mappings map schema method mode type kind name names user ",
    "username login email mail domain dn bind group groups member members filter query page size ",
    "timeout interval frequency version verify validate validation cert ssl tls ldap deactivation ",
    "enabled enable debug file upload id ids priority priorities status statuses context workspace ",
    "team org organization component components field fields label labels tag tags issue issues ",
    "tracker sync phase phases min max days hours minutes seconds tool scanner first last full title ",
    "description path proxy region language locale format level severity threshold limit count batch ",
    "retry retries delay start end date time schedule custom default include exclude only all jira ",
    "rally tfs vsts azure devops github gitlab servicenow bugzilla fortify checkmarx veracode ",
    "appscan burp zap whitehat webinspect release build branch repository repo owner category ",
    "categories risk policy link parent epic story task tasks board sprint area iteration collection ",
    "site alias command auth analysis asset conflict import behaviour behavior business businessunit ",
    "unit scope verification in on of for to by is use ",
);

/// Parts of names that contain a secret fragment and still only name a setting (`alm_auth_mode`).
const NOT_SECRET: &str = "authmode authtype authmethod authscheme";

/// The entries of a word list (one string, space-separated: smaller in the bundle than an array of strings).
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split_ascii_whitespace()
}

/// The words of a parameter name, lower-cased: split at anything not a letter or digit and where a lower
/// case letter or digit meets an upper case one (`managerPassword`, `alm-server.URL`).
fn words(name: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            words.push(String::new());
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if let Some(word) = words.last_mut() {
            word.push(c.to_ascii_lowercase());
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// How a parameter named `name` may be shown; see [`ParamClass`].
pub fn classify_param(name: &str) -> ParamClass {
    let words = words(name);
    let mut joined: String = words.concat();
    for allowed in list(NOT_SECRET) {
        joined = joined.replace(allowed, " ");
    }
    let in_list = |list_text: &str, word: &str| list(list_text).any(|w| w == word);
    let secret = list(SECRET_FRAGMENTS).any(|f| joined.contains(f))
        || words.iter().any(|w| in_list(SECRET_WORDS, w));
    if secret {
        ParamClass::Secret
    } else if !words.is_empty() && words.iter().all(|w| in_list(HARMLESS_WORDS, w)) {
        ParamClass::Harmless
    } else {
        ParamClass::Unknown
    }
}

/// Whether a parameter's name says it holds a secret (an upload option typed as a password, for one).
pub fn is_secret_key(name: &str) -> bool {
    classify_param(name) == ParamClass::Secret
}

/// `value` with every secret it holds masked: fields with a secret name at any depth, the same inside
/// strings that hold JSON, and the credentials (`user:password@`) and secret query values of any URL.
pub fn scrub(value: &Json) -> Json {
    match value {
        Json::Object(fields) => Json::Object(
            fields
                .iter()
                .map(|(k, v)| {
                    let v = match is_secret_key(k) {
                        true => Json::from(MASK),
                        false => scrub(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(scrub).collect()),
        Json::String(text) => Json::String(scrub_text(text)),
        other => other.clone(),
    }
}

/// A string with its secrets masked (see [`scrub`]).
pub fn scrub_text(text: &str) -> String {
    let trimmed = text.trim_start();
    if trimmed.starts_with(['{', '[']) {
        if let Ok(inner) = Json::parse(text) {
            return scrub(&inner).to_string();
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
            .unwrap_or(after.len());
        out.push_str(&scrub_url_rest(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// What follows a URL's `scheme://`: credentials before the host masked, secret query values masked.
fn scrub_url_rest(url: &str) -> String {
    let authority_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let (authority, path) = url.split_at(authority_end);
    let mut out = match authority.rfind('@') {
        Some(at) => format!("{MASK}{}", &authority[at..]),
        None => authority.to_string(),
    };
    let (path, fragment) = path.split_at(path.find('#').unwrap_or(path.len()));
    match path.split_once('?') {
        Some((before, query)) => {
            out.push_str(before);
            out.push('?');
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if is_secret_key(k) => format!("{k}={MASK}"),
                    _ => pair.to_string(),
                })
                .collect();
            out.push_str(&pairs.join("&"));
        }
        None => out.push_str(path),
    }
    out.push_str(fragment);
    out
}

/// A parameter as the job page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShownParam {
    /// A harmless value, scrubbed.
    Clear(String),
    /// A secret: only the mask, ever.
    Secret,
    /// Not known to be harmless: masked until the admin presses "Show", then this scrubbed text.
    Hidden(String),
}

/// How the job page shows the parameter `name` with `value`.
pub fn shown_param(name: &str, value: &Json) -> ShownParam {
    let text = || match scrub(value) {
        Json::String(s) => s,
        other => other.to_string(),
    };
    match classify_param(name) {
        ParamClass::Secret => ShownParam::Secret,
        ParamClass::Harmless => ShownParam::Clear(text()),
        ParamClass::Unknown => ShownParam::Hidden(text()),
    }
}

/// How an export (and anything else that leaves the page) writes a parameter: the mask unless harmless.
pub fn exported_param(name: &str, value: &Json) -> Json {
    match classify_param(name) {
        ParamClass::Harmless => scrub(value),
        ParamClass::Secret | ParamClass::Unknown => Json::from(MASK),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints_its_value() {
        let s = Secret::new("rally_password");
        assert!(!format!("{s:?}").contains("rally"));
        assert!(!format!("{s}").contains("rally"));
        assert_eq!(s.expose_secret(), "rally_password");
    }

    /// Realistic connector parameter names, each with the class it must get.
    const NAMES: &[(&str, ParamClass)] = {
        use ParamClass::*;
        &[
            ("alm_pass", Secret),
            ("password", Secret),
            ("managerPassword", Secret),
            ("api_token", Secret),
            ("client_secret", Secret),
            ("API_KEY", Secret),
            ("credentials", Secret),
            ("pwd", Secret),
            ("bearer", Secret),
            ("authorization", Secret),
            ("session_cookie", Secret),
            ("cookie", Secret),
            ("jwt", Secret),
            ("alm_pat", Secret),
            ("alm_cred", Secret),
            ("connection_string", Secret),
            ("connectionString", Secret),
            ("sentry_dsn", Secret),
            ("signing_hmac", Secret),
            ("otp_seed", Secret),
            ("client_certificate", Secret),
            ("ssh-key", Secret),
            ("privateKey", Secret),
            ("aws_access_key_id", Secret),
            ("oauth_refresh", Secret),
            ("x-api-key", Secret),
            ("keystore_passphrase", Secret),
            ("PIN", Secret),
            ("alm_server", Harmless),
            ("alm_user", Harmless),
            ("alm_project", Harmless),
            ("alm_application", Harmless),
            ("sde_project", Harmless),
            ("bind_dn", Harmless),
            ("base_dn", Harmless),
            ("group_base_dn", Harmless),
            ("group_member_query", Harmless),
            ("ldap_server", Harmless),
            ("ldap_method", Harmless),
            ("ldap_validate_cert", Harmless),
            ("user_schema", Harmless),
            ("page_size", Harmless),
            ("deactivation", Harmless),
            ("file_upload", Harmless),
            ("jira_issue_type", Harmless),
            ("priorityMapping", Harmless),
            ("alm_auth_mode", Harmless),
            ("sde_statuses_in_scope", Harmless),
            ("import_behaviour", Harmless),
            ("auth", Secret),
            ("alm_auth", Secret),
            ("webhook_url", Unknown),
            ("alm_options", Unknown),
            ("extra_json", Unknown),
            ("monkey", Unknown),
            ("path_prefix", Unknown),
            ("", Unknown),
        ]
    };

    #[test]
    fn every_name_gets_its_class() {
        assert!(NAMES.len() >= 40);
        for (name, class) in NAMES {
            assert_eq!(classify_param(name), *class, "{name}");
        }
        assert!(is_secret_key("alm_pass") && !is_secret_key("alm_server"));
    }

    fn doc(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    #[test]
    fn scrub_masks_secrets_at_any_depth_in_json_strings_and_in_urls() {
        let params = doc(
            r#"{"alm_options": {"password": "hunter2", "nested": [{"api_token": "t0k", "n": 1}]},
                "extra_json": "{\"alm_pass\": \"s3cret\", \"server\": \"x\"}",
                "webhook_url": "https://bot:PW@hooks.example.com/post?api_key=K3Y&room=5#top",
                "notes": "see ftp://ann:pw2@files.example and https://example.com/ok"}"#,
        );
        let text = scrub(&params).to_string();
        for secret in ["hunter2", "t0k", "s3cret", "bot:PW", "K3Y", "ann:pw2"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        for kept in [
            "https://••••••@hooks.example.com/post?api_key=••••••&room=5#top",
            "ftp://••••••@files.example",
            "https://example.com/ok",
            "\"n\":1",
            r#"\"server\":\"x\""#,
        ] {
            assert!(text.contains(kept), "{kept} missing from {text}");
        }
    }

    #[test]
    fn the_page_shows_harmless_values_hides_unknown_ones_and_never_shows_secrets() {
        assert_eq!(shown_param("alm_pass", &doc(r#""x""#)), ShownParam::Secret);
        assert_eq!(
            shown_param("alm_server", &doc(r#""https://u:p@rally.example""#)),
            ShownParam::Clear("https://••••••@rally.example".into())
        );
        assert_eq!(
            shown_param("alm_options", &doc(r#"{"pass": "x", "depth": 2}"#)),
            ShownParam::Hidden(r#"{"pass":"••••••","depth":2}"#.into())
        );
        assert_eq!(exported_param("alm_options", &doc("{}")), Json::from(MASK));
        assert_eq!(exported_param("page_size", &doc("5")), doc("5"));
    }

    #[test]
    fn arrays_of_credentials_are_masked() {
        let shown = shown_param(
            "servers",
            &doc(r#"[{"url": "ldap://cn=a:pw@dc1"}, {"password": "p"}]"#),
        );
        let ShownParam::Clear(text) = shown else {
            panic!("servers is harmless")
        };
        assert!(!text.contains("pw@") && !text.contains("\"p\""), "{text}");
    }
}
