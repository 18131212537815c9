//! Backend base URLs as an admin types them into Settings or `config.json`: checked and normalized, then
//! joined with API paths. An empty base means "the console's own origin" (the reverse-proxy setup).

/// Trims, checks and normalizes a base URL: `http(s)://host[:port][/path]` without a trailing slash, query,
/// fragment or credentials. Empty input stays empty (same origin).
pub fn normalize_base_url(input: &str) -> Result<String, String> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(
            "Start the address with https:// (or http:// for a server on this machine).".into(),
        );
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(format!("'{scheme}://' is not supported: use https://."));
    }
    if rest.contains(['?', '#']) {
        return Err(
            "Leave out any ?query or #fragment: give the server's base address only.".into(),
        );
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(
            "Do not put a user name or password in the address; use the token field.".into(),
        );
    }
    if authority.is_empty() || authority.starts_with(':') || authority.contains(char::is_whitespace)
    {
        return Err("The address needs a host name, such as https://sde.example.com.".into());
    }
    if let Some((_, port)) = authority
        .rsplit_once(':')
        .filter(|_| !authority.ends_with(']'))
    {
        if port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err(format!("'{port}' is not a valid port."));
        }
    }
    Ok(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        rest.trim_end_matches('/')
    ))
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
    fn joins() {
        assert_eq!(join_url("", "/api/v2/jobs/"), "/api/v2/jobs/");
        assert_eq!(
            join_url("https://sde.example.com", "/api/v2/jobs/"),
            "https://sde.example.com/api/v2/jobs/"
        );
    }
}
