//! The console's JSON document: parsed, read and written without serde_json.
//!
//! [`Json`] keeps what the console only passes along (a job's `params`, a user's groups, a connector) as
//! it was sent: numbers as their text, never rounded through a float; fields in document order. Being
//! small is the other reason: serde_json's parser, its float formatting and the tables both need were
//! 5 KB of the brotli first load; this is a tenth of that. The development backend and the tests keep
//! serde_json, and [`Json`] converts to and from `serde_json::Value` for them; tests compare the two
//! parsers and writers on every documented response.
//!
//! Leniency is `JSON.parse`'s: a repeated field name keeps its last value (the documented
//! `?expand=user,triggered_by` responses repeat `"succeeded"`).

use std::fmt::{self, Write};

/// A parsed JSON value. Equal as JSON is: objects whatever the order of their fields.
#[derive(Clone, Debug, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    /// A number as written: `1`, `-2.50`, `1e3`.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Fields in document order, each name once.
    Object(Vec<(String, Json)>),
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Json::Null, Json::Null) => true,
            (Json::Bool(a), Json::Bool(b)) => a == b,
            (Json::Number(a), Json::Number(b)) => a == b,
            (Json::String(a), Json::String(b)) => a == b,
            (Json::Array(a), Json::Array(b)) => a == b,
            (Json::Object(a), Json::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| other.get(k) == Some(v))
            }
            _ => false,
        }
    }
}

/// Where a text stops being JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The byte offset.
    pub at: usize,
    line: usize,
    column: usize,
    eof: bool,
}

impl SyntaxError {
    /// The text ended before the value did.
    pub fn is_eof(&self) -> bool {
        self.eof
    }

    /// 1-based.
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based, in bytes from the start of the line.
    pub fn column(&self) -> usize {
        self.column
    }

    /// An error at byte `at`, on `line` and `column`.
    pub(crate) fn new(at: usize, line: usize, column: usize, eof: bool) -> Self {
        Self {
            at,
            line,
            column,
            eof,
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not JSON at line {}, column {}", self.line, self.column)
    }
}

impl Json {
    /// Parses a whole document (whitespace around it allowed, nothing else).
    pub fn parse(text: &str) -> Result<Json, SyntaxError> {
        let mut parser = Parser {
            bytes: text.as_bytes(),
            text,
            at: 0,
        };
        let value = parser.value(0)?;
        parser.space();
        match parser.at == parser.bytes.len() {
            true => Ok(value),
            false => Err(parser.error()),
        }
    }

    /// Parses the one value that starts at byte `at` of `text` (whitespace before it allowed), nested
    /// `depth` deep in its document: the value and the byte after it. Errors are placed in `text`. Used to
    /// read a list's items in place.
    pub(crate) fn parse_at(
        text: &str,
        at: usize,
        depth: usize,
    ) -> Result<(Json, usize), SyntaxError> {
        let mut parser = Parser {
            bytes: text.as_bytes(),
            text,
            at,
        };
        let value = parser.value(depth)?;
        Ok((value, parser.at))
    }

    /// A field of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(fields) => fields.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer that fits (`1.0` and `1e3` are not integers here, as in serde_json).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(fields) => Some(fields),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    /// Written with two-space indents, one field or item per line (as serde_json's pretty printer).
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        let newline = |out: &mut String, depth: usize| {
            out.push('\n');
            for _ in 0..depth {
                out.push_str("  ");
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(fields) if fields.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(depth) = indent {
                        newline(out, depth + 1);
                    }
                    item.write(out, indent.map(|d| d + 1));
                }
                if let Some(depth) = indent {
                    newline(out, depth);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(depth) = indent {
                        newline(out, depth + 1);
                    }
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    value.write(out, indent.map(|d| d + 1));
                }
                if let Some(depth) = indent {
                    newline(out, depth);
                }
                out.push('}');
            }
        }
    }
}

/// Compact, as sent in a request body.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out, None);
        f.write_str(&out)
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::String(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Self {
        Json::Number(n.to_string())
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Self {
        Json::Number(n.to_string())
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Self {
        value.map_or(Json::Null, Into::into)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Self {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self) -> SyntaxError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        SyntaxError {
            at: self.at,
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            column: before.len() - line_start + 1,
            eof: self.at >= self.bytes.len(),
        }
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, SyntaxError> {
        match self.bytes[self.at..].starts_with(word.as_bytes()) {
            true => {
                self.at += word.len();
                Ok(value)
            }
            false => Err(self.error()),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        self.space();
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        match self.bytes.get(self.at) {
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.space();
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error());
                        }
                    }
                }
                Ok(Json::Array(items))
            }
            Some(b'{') => {
                self.at += 1;
                let mut fields: Vec<(String, Json)> = Vec::new();
                self.space();
                if !self.eat(b'}') {
                    loop {
                        self.space();
                        if self.bytes.get(self.at) != Some(&b'"') {
                            return Err(self.error());
                        }
                        let key = self.string()?;
                        self.space();
                        if !self.eat(b':') {
                            return Err(self.error());
                        }
                        let value = self.value(depth + 1)?;
                        match fields.iter_mut().find(|(k, _)| *k == key) {
                            Some((_, old)) => *old = value,
                            None => fields.push((key, value)),
                        }
                        self.space();
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error());
                        }
                    }
                }
                Ok(Json::Object(fields))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.at;
        self.eat(b'-');
        let leading_zero = self.bytes.get(self.at) == Some(&b'0');
        match self.digits() {
            0 => return Err(self.error()),
            n if leading_zero && n > 1 => return Err(self.error()),
            _ => {}
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.error());
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if self.digits() == 0 {
                return Err(self.error());
            }
        }
        Ok(Json::Number(self.text[start..self.at].to_string()))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.text.get(self.at..self.at + 4).ok_or(self.error())?;
        let code = u32::from_str_radix(digits, 16).map_err(|_| self.error())?;
        self.at += 4;
        Ok(code)
    }

    /// A string at `"`, unescaped. A lone surrogate (`JSON.parse` allows it) becomes U+FFFD.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = *self.bytes.get(self.at).ok_or(self.error())?;
                    self.at += 1;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high)
                                && self.bytes[self.at..].starts_with(b"\\u")
                            {
                                let back = self.at;
                                self.at += 2;
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                                } else {
                                    self.at = back;
                                    high
                                }
                            } else {
                                high
                            };
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        _ => {
                            self.at -= 1;
                            return Err(self.error());
                        }
                    };
                    out.push(c);
                }
                _ => return Err(self.error()),
            }
        }
    }
}

/// For the development backend and the tests, which speak serde.
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_json::Value::from(self.clone()).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Json::from)
    }
}

impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n.to_string()),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            Value::Object(fields) => {
                Json::Object(fields.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

impl From<Json> for serde_json::Value {
    fn from(value: Json) -> Self {
        use serde_json::Value;
        match value {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Number(n) => serde_json::from_str(&n).unwrap_or(Value::Null),
            Json::String(s) => Value::String(s),
            Json::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            Json::Object(fields) => {
                Value::Object(fields.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let ours = Json::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::Value::from(ours.clone()), theirs, "{text}");
        let written: serde_json::Value = serde_json::from_str(&ours.to_string()).unwrap();
        assert_eq!(written, theirs, "{text} written compact");
        let pretty: serde_json::Value = serde_json::from_str(&ours.pretty()).unwrap();
        assert_eq!(pretty, theirs, "{text} written pretty");
    }

    #[test]
    fn reads_and_writes_what_serde_json_does() {
        for text in [
            "null",
            " true ",
            "false",
            "0",
            "-12",
            "3.25",
            "1e3",
            "-0.5E-2",
            "9007199254740993",
            r#""plain""#,
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 é ✓""#,
            "[]",
            "{}",
            r#"[1, [2, [3, {"a": []}]], {"b": {}}]"#,
            r#"{"id": 7, "params": {"alm_pass": "x", "n": 1.50}, "list": [null, true]}"#,
        ] {
            same_as_serde(text);
        }
    }

    #[test]
    fn keeps_numbers_as_written_and_the_last_of_a_repeated_name() {
        let doc =
            Json::parse(r#"{"n": 1.50, "big": 123456789012345678901234567890, "s": 1, "s": 2}"#)
                .unwrap();
        assert_eq!(
            doc.to_string(),
            r#"{"n":1.50,"big":123456789012345678901234567890,"s":2}"#
        );
        assert_eq!(doc.get("s").and_then(Json::as_i64), Some(2));
        assert_eq!(doc.get("n").and_then(Json::as_i64), None);
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            "nul",
            "01",
            "1.",
            "-",
            "1e",
            "[1,]",
            "{\"a\"}",
            "{a: 1}",
            "\"open",
            "[1] 2",
            "\"\\x\"",
            "\"tab\there\"",
            "{\"a\":1,}",
        ] {
            assert!(Json::parse(text).is_err(), "{text:?}");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(Json::parse(&deep).is_err(), "nesting too deep");
        let e = Json::parse("[1,\n x]").unwrap_err();
        assert_eq!((e.at, e.line(), e.column(), e.is_eof()), (5, 2, 2, false));
        assert!(Json::parse("{\"a\": [1").unwrap_err().is_eof());
    }

    #[test]
    fn objects_are_equal_whatever_their_order() {
        let a = Json::parse(r#"{"a": 1, "b": {"c": [true], "d": null}}"#).unwrap();
        let b = Json::parse(r#"{"b": {"d": null, "c": [true]}, "a": 1}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(
            a,
            Json::parse(r#"{"a": 1, "b": {"c": [false], "d": null}}"#).unwrap()
        );
        assert_ne!(a, Json::parse(r#"{"a": 1}"#).unwrap());
    }

    #[test]
    fn lone_surrogates_read_as_replacement_characters() {
        assert_eq!(
            Json::parse(r#""a\ud800b\udc00""#).unwrap(),
            Json::String("a\u{FFFD}b\u{FFFD}".into())
        );
    }

    #[test]
    fn pretty_output_matches_serde_json() {
        let text = r#"[{"a":1,"b":[true,null],"c":{}},[]]"#;
        let ours = Json::parse(text).unwrap().pretty();
        let theirs =
            serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(text).unwrap())
                .unwrap();
        assert_eq!(ours, theirs);
    }
}
