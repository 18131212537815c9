//! Backend base URLs as an admin types them into Settings or `config.json`: checked and normalized, then
//! joined with API paths. An empty base means "the console's own origin" (the reverse-proxy setup).

/// Trims, checks and normalizes a base URL: `http(s)://host[:port][/path]` without a trailing slash, query,
/// fragment or credentials. Empty input stays empty (same origin). The error says what to correct.
pub fn normalize_base_url(input: &str) -> Result<String, String> {
    check_base_url(input).map_err(UrlProblem::message)
}

/// [`normalize_base_url`] where only whether it is usable matters (`config.json`, a saved override): the
/// words for what is wrong are not needed, and stay out of the jobs list's code.
pub fn usable_base_url(input: &str) -> Option<String> {
    check_base_url(input).ok()
}

/// What is wrong with a base URL.
enum UrlProblem {
    NoScheme,
    Scheme(String),
    QueryOrFragment,
    Credentials,
    NoHost,
    Port(String),
}

impl UrlProblem {
    fn message(self) -> String {
        match self {
            UrlProblem::NoScheme => {
                "Start the address with https:// (or http:// for a server on this machine).".into()
            }
            UrlProblem::Scheme(scheme) => format!("'{scheme}://' is not supported: use https://."),
            UrlProblem::QueryOrFragment => {
                "Leave out any ?query or #fragment: give the server's base address only.".into()
            }
            UrlProblem::Credentials => {
                "Do not put a user name or password in the address; use the token field.".into()
            }
            UrlProblem::NoHost => {
                "The address needs a host name, such as https://sde.example.com.".into()
            }
            UrlProblem::Port(port) => format!("'{port}' is not a valid port."),
        }
    }
}

fn check_base_url(input: &str) -> Result<String, UrlProblem> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(UrlProblem::NoScheme);
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(UrlProblem::Scheme(scheme.to_string()));
    }
    if rest.contains(['?', '#']) {
        return Err(UrlProblem::QueryOrFragment);
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(UrlProblem::Credentials);
    }
    if authority.is_empty() || authority.starts_with(':') || authority.contains(char::is_whitespace)
    {
        return Err(UrlProblem::NoHost);
    }
    if let Some((_, port)) = authority
        .rsplit_once(':')
        .filter(|_| !authority.ends_with(']'))
    {
        if !crate::text::parse_count(port).is_some_and(|p| (1..=65535).contains(&p)) {
            return Err(UrlProblem::Port(port.to_string()));
        }
    }
    Ok(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        rest.trim_end_matches('/')
    ))
}

/// [`normalize_base_url`] for an address the admin types in Settings, which will be sent a token: plain
/// `http://` only to this machine (`localhost`, `127.x.x.x`, `[::1]`), where nothing crosses a network.
pub fn normalize_override_url(input: &str) -> Result<String, String> {
    let url = normalize_base_url(input)?;
    match url.strip_prefix("http://") {
        Some(rest) if !is_loopback(host_of(rest)) => Err(
            "Use an https:// address. Over http:// the token would cross the network unencrypted; http:// is accepted only for localhost."
                .into(),
        ),
        _ => Ok(url),
    }
}

/// The host of `host[:port][/path]`, an IPv6 literal with its brackets.
fn host_of(rest: &str) -> &str {
    let authority = rest.split('/').next().unwrap_or("");
    match authority.strip_prefix('[') {
        Some(v6) => v6
            .split(']')
            .next()
            .map_or(authority, |h| &authority[..h.len() + 2]),
        None => authority.split(':').next().unwrap_or(""),
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let ipv4_loopback = host.strip_prefix("127.").is_some_and(|rest| {
        rest.split('.').count() == 3
            && rest
                .split('.')
                .all(|p| crate::text::parse_count(p).is_some_and(|n| n <= 255))
    });
    host == "localhost" || host.ends_with(".localhost") || host == "[::1]" || ipv4_loopback
}

/// The origin (`https://host:port`, lower case) of a normalized base URL; `None` for the empty base, which
/// is the console's own origin.
pub fn origin_of(base: &str) -> Option<String> {
    let (scheme, rest) = base.trim().split_once("://")?;
    let authority = rest.split('/').next().unwrap_or("");
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

/// Whether saving a new base URL must first ask about the token: one is saved, none was typed, and the
/// new address is another origin than the one the saved token was given for (it would be sent there).
pub fn token_needs_confirmation(
    old_base: &str,
    new_base: &str,
    token_saved: bool,
    token_typed: bool,
) -> bool {
    token_saved && !token_typed && origin_of(old_base) != origin_of(new_base)
}

/// `base` + `path`, where `path` starts with `/`. An empty base leaves the path relative to the page's origin.
pub fn join_url(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalizes() {
        assert_eq!(normalize_base_url("  "), Ok(String::new()));
        assert_eq!(
            normalize_base_url("https://sde.example.com/"),
            Ok("https://sde.example.com".into())
        );
        assert_eq!(
            normalize_base_url("HTTP://127.0.0.1:8080"),
            Ok("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            normalize_base_url("https://proxy.example.com/sde//"),
            Ok("https://proxy.example.com/sde".into())
        );
        assert_eq!(
            normalize_base_url("https://[::1]:8443"),
            Ok("https://[::1]:8443".into())
        );
    }

    #[test]
    fn usable_is_normalized_without_the_words() {
        for input in [
            "",
            "https://sde.example.com/",
            "HTTP://127.0.0.1:8080",
            "sde.example.com",
            "ftp://sde.example.com",
            "https://sde.example.com/?x=1",
            "https://user:pw@sde.example.com",
            "https://:8443",
            "https://sde.example.com:99999",
            "https://[::1]:8443",
        ] {
            assert_eq!(
                usable_base_url(input),
                normalize_base_url(input).ok(),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        for bad in [
            "sde.example.com",
            "ftp://sde.example.com",
            "https://",
            "https://:8080",
            "https://sde.example.com:99999",
            "https://user:pass@sde.example.com",
            "https://sde.example.com/?token=x",
            "javascript://alert(1)",
        ] {
            let reason = normalize_base_url(bad).expect_err(bad);
            assert!(reason.ends_with('.'), "{bad}: {reason}");
        }
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1:9",
            "http://[::1]:8443/sde",
            "http://api.localhost",
            "https://sde.example.com",
        ] {
            assert!(normalize_override_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://sde.example.com",
            "http://10.0.0.5:8080",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://[::2]",
        ] {
            let reason = normalize_override_url(bad).expect_err(bad);
            assert!(reason.contains("https://"), "{bad}: {reason}");
        }
    }

    #[test]
    fn origins() {
        assert_eq!(origin_of(""), None);
        assert_eq!(
            origin_of("https://SDE.example.com:8443/base"),
            Some("https://sde.example.com:8443".into())
        );
        assert_ne!(
            origin_of("https://sde.example.com"),
            origin_of("https://sde.example.com.evil.example")
        );
    }

    #[test]
    fn a_saved_token_is_not_sent_to_a_new_origin_unasked() {
        let (old, same, other) = (
            "https://sde.example.com",
            "https://sde.example.com/proxy",
            "https://other.example.com",
        );
        assert!(token_needs_confirmation(old, other, true, false));
        assert!(
            token_needs_confirmation(old, "", true, false),
            "back to the console's own origin"
        );
        assert!(
            !token_needs_confirmation(old, same, true, false),
            "same origin, other path"
        );
        assert!(
            !token_needs_confirmation(old, other, true, true),
            "a new token was typed"
        );
        assert!(
            !token_needs_confirmation(old, other, false, false),
            "no token to send"
        );
    }

    #[test]
    fn joins() {
        assert_eq!(join_url("", "/api/v2/jobs/"), "/api/v2/jobs/");
        assert_eq!(
            join_url("https://sde.example.com", "/api/v2/jobs/"),
            "https://sde.example.com/api/v2/jobs/"
        );
    }
}
