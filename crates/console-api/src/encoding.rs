//! Query strings and path segments, each by its own rules: a query value is form-encoded (`+` is a space),
//! a path segment is percent-encoded (`+` is a plus). Mixing them up opened `/ldap/a+b` as connection "a b".

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a path segment keeps as it is: RFC 3986's unreserved characters. Everything else, `/` and `%`
/// included, is escaped, so a segment can never become two.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A query value also keeps the comma, which the API uses as a list separator (`expand=user,triggered_by`).
/// A space is written `%20`, which form decoders read as they read `+`.
const QUERY_VALUE: &AsciiSet = &PATH_SEGMENT.remove(b',');

/// Encodes one query key or value.
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Splits a query string (with or without `?`) into decoded pairs, as forms encode them: `+` is a space,
/// invalid escapes are kept as text, bytes that are not UTF-8 become U+FFFD.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Writes decoded pairs as a query string (without `?`).
pub fn query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                encode_query_value(k.as_ref()),
                encode_query_value(v.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Encodes one path segment.
pub fn encode_path_segment(segment: &str) -> String {
    utf8_percent_encode(segment, PATH_SEGMENT).to_string()
}

/// Decodes one path segment (`+` stays a plus; invalid escapes are kept as text). `None` when the bytes it
/// stands for are not UTF-8: no such address was written by the console.
pub fn decode_path_segment(segment: &str) -> Option<String> {
    percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [&str; 8] = [
        "a b&c=d",
        "ünïcødé",
        "100%",
        "x+y@z",
        "%zz",
        "a/b?c#d",
        "é, ü",
        "",
    ];

    #[test]
    fn query_values_round_trip() {
        for s in SAMPLES {
            let query = query_string(&[("k", s)]);
            assert_eq!(parse_query(&query), vec![("k".into(), s.into())], "{s:?}");
        }
        assert_eq!(encode_query_value("user,triggered_by"), "user,triggered_by");
        assert_eq!(encode_query_value("a+b c"), "a%2Bb%20c");
    }

    #[test]
    fn queries_decode_as_forms_do() {
        assert_eq!(
            parse_query("?ready=true&user=a%40b.c&q=a+b%20c&flag&bad=%zz%4"),
            vec![
                ("ready".into(), "true".into()),
                ("user".into(), "a@b.c".into()),
                ("q".into(), "a b c".into()),
                ("flag".into(), String::new()),
                ("bad".into(), "%zz%4".into()),
            ]
        );
        assert!(parse_query("").is_empty());
    }

    #[test]
    fn path_segments_round_trip_and_keep_the_plus() {
        for s in SAMPLES {
            let encoded = encode_path_segment(s);
            assert!(!encoded.contains('/'), "{encoded}");
            assert_eq!(decode_path_segment(&encoded).as_deref(), Some(s), "{s:?}");
        }
        assert_eq!(decode_path_segment("a+b").as_deref(), Some("a+b"));
        assert_eq!(decode_path_segment("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_path_segment("%zz").as_deref(), Some("%zz"));
        assert_eq!(decode_path_segment("%FF"), None);
    }
}
