//! The production security headers, read from the nginx snippets: `console-headers.conf` for the console's
//! files (the Content-Security-Policy every end-to-end flow runs under, as behind nginx) and
//! `console-api-headers.conf` for the API answers. One source: a header changed there is tested here.

use axum::http::{HeaderName, HeaderValue};

/// The headers nginx adds to every API answer (`deploy/nginx/snippets/console-api-headers.conf`, built in:
/// every backend sends them, whatever its flags).
pub fn api() -> Vec<(HeaderName, HeaderValue)> {
    from_nginx(
        include_str!("../../../deploy/nginx/snippets/console-api-headers.conf"),
        "",
    )
    .expect("console-api-headers.conf has only add_header lines with quoted values")
}

/// The `add_header NAME "VALUE" [always];` lines of an nginx file, with `$console_backends` replaced by
/// `backends`. Comments and other directives are skipped.
pub fn from_nginx(conf: &str, backends: &str) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let mut headers = Vec::new();
    for (number, line) in conf.lines().enumerate() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("add_header ") else {
            continue;
        };
        let (name, rest) = rest
            .trim()
            .split_once(' ')
            .ok_or_else(|| format!("line {}: add_header without a value", number + 1))?;
        let value = rest
            .trim()
            .strip_prefix('"')
            .and_then(|r| r.split_once('"'))
            .map(|(value, _)| value)
            .ok_or_else(|| format!("line {}: the value must be in double quotes", number + 1))?;
        let value = value.replace("$console_backends", backends);
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = HeaderName::try_from(name).map_err(|e| format!("line {}: {e}", number + 1))?;
        let value =
            HeaderValue::try_from(value).map_err(|e| format!("line {}: {e}", number + 1))?;
        headers.push((name, value));
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deployed_snippet_parses() {
        let conf = include_str!("../../../deploy/nginx/snippets/console-headers.conf");
        let headers = from_nginx(conf, "http://localhost:1").unwrap();
        let csp = headers
            .iter()
            .find(|(n, _)| n == "content-security-policy")
            .map(|(_, v)| v.to_str().unwrap().to_string())
            .expect("a CSP");
        assert!(
            csp.contains("connect-src 'self' http://localhost:1;"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"));
        for name in [
            "x-content-type-options",
            "referrer-policy",
            "permissions-policy",
        ] {
            assert!(headers.iter().any(|(n, _)| n == name), "{name}");
        }
    }

    #[test]
    fn the_api_snippet_parses() {
        let headers = api();
        let value = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.to_str().unwrap())
        };
        assert_eq!(
            value("content-security-policy"),
            Some("default-src 'none'; frame-ancestors 'none'; sandbox")
        );
        assert_eq!(value("x-content-type-options"), Some("nosniff"));
        assert_eq!(value("cache-control"), Some("no-store"));
        assert!(value("strict-transport-security").is_some());
    }

    #[test]
    fn an_empty_backend_list_leaves_no_double_space() {
        let headers = from_nginx(
            "# comment\nadd_header X-A \"a $console_backends; b\" always;\ngzip on;",
            "",
        )
        .unwrap();
        assert_eq!(headers.len(), 1);
        assert_eq!(headers[0].1, "a ; b");
    }
}
