//! Query strings for the jobs endpoints: filters, expansion and pagination, in a stable order.

use crate::filter::JobFilter;
use crate::job::JobKind;

/// What the jobs list asks the server for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobQuery {
    pub kind: JobKind,
    pub filter: JobFilter,
    /// `?expand=user,triggered_by`: users as objects instead of emails.
    pub expand_users: bool,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
}

impl JobQuery {
    /// The path and query below the SD Elements base URL, e.g. `/api/v2/jobs/alm/?ready=true`.
    pub fn path(&self) -> String {
        let query = self.query_string();
        let base = format!("/api/v2/jobs/{}", self.kind.path_segment());
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }

    /// The query string without its `?`; empty when nothing is set.
    pub fn query_string(&self) -> String {
        let mut pairs = self.filter.to_pairs();
        if self.expand_users {
            pairs.push(("expand", "user,triggered_by".to_string()));
        }
        if let Some(page) = self.page {
            pairs.push(("page", page.to_string()));
        }
        if let Some(size) = self.page_size {
            pairs.push(("page_size", size.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_component(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value: everything but unreserved characters (RFC 3986) and the comma, which the
/// API uses as a list separator (`expand=user,triggered_by`).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes a percent-encoded query value (`+` as space, as forms send it). Invalid escapes are kept as text.
pub fn decode_component(value: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(decoded), _) => {
                out.push(decoded);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a query string (with or without `?`) into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(pair), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_is_the_bare_path() {
        assert_eq!(JobQuery::default().path(), "/api/v2/jobs/");
        let ldap = JobQuery {
            kind: JobKind::Ldap,
            ..Default::default()
        };
        assert_eq!(ldap.path(), "/api/v2/jobs/ldap/");
    }

    #[test]
    fn every_filter_in_a_stable_order() {
        let q = JobQuery {
            kind: JobKind::Alm,
            filter: JobFilter {
                automatic: Some(false),
                connection: Some(23),
                ready: Some(true),
                succeeded: Some(false),
                user: Some(" admin+ops@example.com ".into()),
            },
            expand_users: true,
            page: Some(2),
            page_size: Some(50),
        };
        assert_eq!(
            q.path(),
            "/api/v2/jobs/alm/?automatic=false&ready=true&succeeded=false&connection=23\
             &user=admin%2Bops%40example.com&expand=user,triggered_by&page=2&page_size=50"
        );
    }

    #[test]
    fn blank_user_is_left_out() {
        let q = JobQuery {
            filter: JobFilter {
                user: Some("  ".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(q.query_string(), "");
    }

    #[test]
    fn decode_reverses_encode() {
        for s in ["a b&c=d", "ünïcødé", "100%", "x+y@z", "%zz"] {
            assert_eq!(decode_component(&encode_component(s)), s);
        }
        assert_eq!(decode_component("a+b%20c"), "a b c");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
    }

    #[test]
    fn parse_query_pairs() {
        assert_eq!(
            parse_query("?ready=true&user=a%40b.c&flag"),
            vec![
                ("ready".into(), "true".into()),
                ("user".into(), "a@b.c".into()),
                ("flag".into(), String::new())
            ]
        );
    }
}
