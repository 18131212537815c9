//! A list answer read as it arrives: each item of `results` (or of a bare array) is parsed in place as soon
//! as its text is complete, decoded, and its text dropped at once.
//!
//! Reading a whole answer first holds three copies of 50,000 jobs at the peak: the text, the parsed
//! [`Json`] tree (several times the text) and the typed rows. Here only the rows stay, with one chunk of
//! text and one item's tree at a time, and decoding overlaps the download. What is not an item (`count`,
//! `next`, `previous`) is kept as a small "skeleton" document, `{"count":3,"results":[]}`, parsed at the
//! end with the same parser, so both readers accept and refuse the same documents and say the same
//! place when a document is broken.

use crate::from_json::{DecodeError, Fields, FromJson, ParseError, SharedParts};
use crate::job::Job;
use crate::json_tree::{Json, SyntaxError};
use crate::list::Page;

/// Decodes one item of the list.
pub type Decode<T> = Box<dyn FnMut(&Json) -> Result<T, DecodeError>>;

/// Feeds on the body's bytes ([`PageReader::feed`]) and yields the page ([`PageReader::finish`]).
pub struct PageReader<T> {
    decode: Decode<T>,
    items: Vec<T>,
    /// Bytes not yet consumed, and where the first of them is in the answer.
    buf: Vec<u8>,
    origin: Place,
    /// What is not an item.
    skeleton: Vec<u8>,
    /// Where items were taken out of the skeleton: its offset there, and the place in the answer.
    splices: Vec<(usize, Place)>,
    /// Open containers of the skeleton, `{` or `[`.
    stack: Vec<u8>,
    in_string: bool,
    escaped: bool,
    /// At the top level of an object: the next string is a field name.
    expect_key: bool,
    key: Vec<u8>,
    /// The last field name at the top level was `results`.
    at_results: bool,
    /// Inside the list of items: its depth.
    items_depth: Option<usize>,
    want: Want,
    first_byte: Option<u8>,
    /// An item cut short is parsed again from its start once more has arrived; a very large one only
    /// once the buffer has doubled, so reading it stays linear.
    wait_for: usize,
    error: Option<ParseError>,
    /// The first item of another shape. Reported only if the text is JSON throughout, as the parser
    /// reports a broken document before the shape of what it read.
    shape: Option<DecodeError>,
}

/// A byte of the answer, with its line and column (1-based, columns in bytes as [`SyntaxError`]'s).
#[derive(Clone, Copy, Debug)]
struct Place {
    at: usize,
    line: usize,
    column: usize,
}

impl<T: FromJson + 'static> Default for PageReader<T> {
    fn default() -> Self {
        Self::new(Box::new(T::from_json))
    }
}

impl PageReader<Job> {
    /// Jobs, each connection and user held once ([`SharedParts`]).
    pub fn jobs() -> Self {
        let mut parts = SharedParts::default();
        Self::new(Box::new(move |value| parts.job(value)))
    }
}

impl<T> PageReader<T> {
    pub fn new(decode: Decode<T>) -> Self {
        Self {
            decode,
            items: Vec::new(),
            buf: Vec::new(),
            origin: Place {
                at: 0,
                line: 1,
                column: 1,
            },
            skeleton: Vec::new(),
            splices: Vec::new(),
            stack: Vec::new(),
            in_string: false,
            escaped: false,
            expect_key: false,
            key: Vec::new(),
            at_results: false,
            items_depth: None,
            want: Want::ItemOrEnd,
            first_byte: None,
            wait_for: 0,
            error: None,
            shape: None,
        }
    }

    /// The answer began with `<`: an HTML page (a proxy's sign-in or error page), not JSON.
    pub fn starts_like_html(&self) -> bool {
        let first = self.first_byte.or_else(|| {
            let buf = self.buf.strip_prefix(BOM).unwrap_or(&self.buf);
            buf.iter().copied().find(|b| !b.is_ascii_whitespace())
        });
        first == Some(b'<')
    }

    /// Reads the next part of the body.
    pub fn feed(&mut self, chunk: &[u8]) {
        // Broken already: the rest is not kept.
        if self.error.is_some() {
            return;
        }
        self.buf.extend_from_slice(chunk);
        if self.buf.len() >= self.wait_for {
            self.read(false);
        }
    }

    /// Reads what the buffer holds; `last`: the body has ended.
    fn read(&mut self, last: bool) {
        if self.error.is_some() {
            return;
        }
        if self.first_byte.is_none() && self.origin.at == 0 {
            // A byte order mark is dropped, as the browser's `text()` drops it; the answer's places
            // are counted after it, as the parser counts them in that text.
            if !last && self.buf.len() < BOM.len() && BOM.starts_with(&self.buf) {
                return;
            }
            if self.buf.starts_with(BOM) {
                self.buf.drain(..BOM.len());
            }
        }
        if self.first_byte.is_none() {
            self.first_byte = self.buf.iter().copied().find(|b| !b.is_ascii_whitespace());
        }
        let mut buf = std::mem::take(&mut self.buf);
        // Whole characters only (a chunk may end inside one); invalid bytes read as U+FFFD, as the
        // browser's `text()` reads them.
        let rest = match last {
            true => Vec::new(),
            false => buf.split_off(buf.len() - unfinished_tail(&buf)),
        };
        let text = String::from_utf8_lossy(&buf);
        let used = self.scan(&text, last);
        let mut left = text.as_bytes()[used..].to_vec();
        left.extend_from_slice(&rest);
        self.origin = self.place_in(text.as_bytes(), used);
        self.wait_for = match left.len() > 64 * 1024 {
            true => 2 * left.len(),
            false => 0,
        };
        self.buf = left;
    }

    /// Consumes `text` up to an item not yet complete; returns how far it got.
    fn scan(&mut self, text: &str, last: bool) -> usize {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.error.is_none() {
            if self.in_string || self.items_depth != Some(self.stack.len()) {
                self.step(bytes, i);
                i += 1;
                continue;
            }
            // Among the items. Whatever the parser would refuse here is refused at the same place.
            let byte = bytes[i];
            let fits = match (byte, self.want) {
                (b' ' | b'\t' | b'\r' | b'\n', _) => true,
                (b',', want) => want == Want::CommaOrEnd,
                (b']', want) => want != Want::Item,
                (b'}', _) | (_, Want::CommaOrEnd) => false,
                _ => true,
            };
            if !fits {
                let place = self.place_in(bytes, i);
                self.fail(place.error(false));
                break;
            }
            match byte {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b',' => {
                    self.want = Want::Item;
                    i += 1;
                }
                b']' => {
                    self.stack.pop();
                    self.items_depth = None;
                    self.splices
                        .push((self.skeleton.len(), self.place_in(bytes, i)));
                    // Only a `results` field opens items again (a second one keeps the last).
                    self.at_results = false;
                    self.skeleton.push(byte);
                    i += 1;
                }
                _ => match Json::parse_at(text, i, self.stack.len()) {
                    // A number at the end of what has arrived may go on in the next chunk; an
                    // error there may be a word cut short.
                    Ok((_, end)) if end == bytes.len() && !last => break,
                    Err(e) if !last && (e.is_eof() || e.at + 8 >= bytes.len()) => break,
                    Ok((json, end)) => {
                        self.decode_item(&json);
                        self.want = Want::CommaOrEnd;
                        i = end;
                    }
                    Err(e) => {
                        self.fail(self.origin.within(e));
                        break;
                    }
                },
            }
        }
        i
    }

    /// A byte outside the items: kept in the skeleton, followed for strings, containers and field names.
    fn step(&mut self, bytes: &[u8], i: usize) {
        let byte = bytes[i];
        let depth = self.stack.len();
        if self.in_string {
            let closing = !self.escaped && byte == b'"';
            self.escaped = !self.escaped && byte == b'\\';
            let key = depth == 1 && self.expect_key;
            if closing {
                self.in_string = false;
                if key {
                    self.expect_key = false;
                    self.at_results = is_results(&self.key);
                }
            } else if key {
                self.key.push(byte);
            }
        } else {
            match byte {
                b'"' => {
                    self.in_string = true;
                    if depth == 1 && self.expect_key {
                        self.key.clear();
                    }
                }
                b'{' | b'[' => {
                    // A bare array (the first value of the document), or the value of `results`.
                    let first = depth == 0 && self.skeleton.iter().all(u8::is_ascii_whitespace);
                    let items_start = byte == b'['
                        && (first || (depth == 1 && self.at_results && !self.expect_key));
                    self.stack.push(byte);
                    self.expect_key = depth == 0 && byte == b'{';
                    if items_start {
                        // A repeated `results` keeps its last value, as the parser does.
                        self.items.clear();
                        self.shape = None;
                        self.items_depth = Some(depth + 1);
                        self.want = Want::ItemOrEnd;
                    }
                }
                b'}' | b']' => {
                    self.stack.pop();
                }
                b',' if depth == 1 => self.expect_key = self.stack[0] == b'{',
                _ => {}
            }
        }
        self.skeleton.push(byte);
    }

    /// A syntax error among the items, unless the skeleton before them is broken already: the parser
    /// reports the first error in the document.
    fn fail(&mut self, e: SyntaxError) {
        let text = String::from_utf8_lossy(&self.skeleton);
        let earlier = match Json::parse(&text) {
            Err(s) if !s.is_eof() => Some(self.placed(s, &text, self.origin)),
            _ => None,
        };
        self.error = Some(ParseError::Syntax(earlier.unwrap_or(e)));
    }

    fn decode_item(&mut self, json: &Json) {
        if self.shape.is_some() {
            return;
        }
        let index = self.items.len();
        match (self.decode)(json) {
            Ok(item) => self.items.push(item),
            Err(e) => self.shape = Some(e.at(format!("[{index}]"))),
        }
    }

    /// Where byte `i` of `bytes` (which start at `origin`) is in the answer.
    fn place_in(&self, bytes: &[u8], i: usize) -> Place {
        let before = &bytes[..i];
        match before.iter().rposition(|&b| b == b'\n') {
            None => Place {
                at: self.origin.at + i,
                line: self.origin.line,
                column: self.origin.column + i,
            },
            Some(last) => Place {
                at: self.origin.at + i,
                line: self.origin.line + before.iter().filter(|&&b| b == b'\n').count(),
                column: i - last,
            },
        }
    }

    /// The page, once the whole body has been fed.
    pub fn finish(mut self) -> Result<Page<T>, ParseError> {
        self.read(true);
        let end = self.place_in(&[], 0);
        if !self.buf.is_empty() && self.error.is_none() {
            // Left over only when the text ended inside an item.
            self.error = Some(ParseError::Syntax(end.error(true)));
        }
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let text = String::from_utf8_lossy(&self.skeleton);
        let skeleton =
            Json::parse(&text).map_err(|e| ParseError::Syntax(self.placed(e, &text, end)))?;
        let object = !skeleton.is_array();
        let mut page = match object {
            false => Page::all(Vec::new()),
            true => {
                let f = Fields::of(&skeleton).map_err(ParseError::Shape)?;
                let read = || -> Result<Page<T>, DecodeError> {
                    let page = Page {
                        count: f.optional("count")?,
                        next: f.optional("next")?,
                        previous: f.optional("previous")?,
                        results: Vec::new(),
                    };
                    // Present and a list (empty here: its items were read on the way).
                    f.required::<Vec<Json>>("results")?;
                    Ok(page)
                };
                read().map_err(ParseError::Shape)?
            }
        };
        if let Some(e) = self.shape.take() {
            return Err(ParseError::Shape(match object {
                true => e.at("results".to_string()),
                false => e,
            }));
        }
        page.results = self.items;
        Ok(page)
    }

    /// Where a syntax error found in the skeleton is in the answer: the same place before the items were
    /// taken out; after them, counted from where they ended; at its end if the text ended early.
    fn placed(&self, e: SyntaxError, skeleton: &str, end: Place) -> SyntaxError {
        if e.is_eof() {
            return end.error(true);
        }
        match self
            .splices
            .iter()
            .rev()
            .find(|(offset, _)| e.at >= *offset)
        {
            Some(&(offset, place)) => {
                let between = &skeleton.as_bytes()[offset..e.at];
                let lines = between.iter().filter(|&&b| b == b'\n').count();
                let column = match lines {
                    0 => place.column + between.len(),
                    _ => e.column(),
                };
                SyntaxError::new(place.at + between.len(), place.line + lines, column, false)
            }
            None => e,
        }
    }
}

/// UTF-8's byte order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Whether a field name, as written between its quotes, is `results` (escapes read as the parser reads
/// them: `"res\u0075lts"` is `results`).
fn is_results(raw: &[u8]) -> bool {
    match raw.contains(&b'\\') {
        false => raw == b"results",
        true => {
            let quoted = format!("\"{}\"", String::from_utf8_lossy(raw));
            Json::parse(&quoted).ok().as_ref().and_then(Json::as_str) == Some("results")
        }
    }
}

/// How many bytes at the end of `bytes` begin a character that has not arrived whole.
fn unfinished_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        if byte & 0xc0 == 0x80 {
            continue; // a continuation byte: its lead is further back
        }
        let needs = match byte {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => 1,
        };
        return if needs > back { back } else { 0 };
    }
    0
}

impl Place {
    fn error(self, eof: bool) -> SyntaxError {
        SyntaxError::new(self.at, self.line, self.column, eof)
    }

    /// An error found in a text that starts here.
    fn within(self, e: SyntaxError) -> SyntaxError {
        let column = match e.line() {
            1 => self.column + e.column() - 1,
            _ => e.column(),
        };
        SyntaxError::new(self.at + e.at, self.line + e.line() - 1, column, e.is_eof())
    }
}

/// What may come next among the items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Item,
    ItemOrEnd,
    CommaOrEnd,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::from_json::parse;
    use std::sync::Arc;

    /// Feeds `text` in chunks of `size` bytes.
    fn read<T: FromJson + 'static>(text: &str, size: usize) -> Result<Page<T>, ParseError> {
        let mut reader = PageReader::<T>::default();
        for chunk in text.as_bytes().chunks(size) {
            reader.feed(chunk);
        }
        reader.finish()
    }

    fn same_as_whole<T: FromJson + PartialEq + std::fmt::Debug + 'static>(text: &str) {
        let whole = parse::<Page<T>>(text);
        for size in [1, 2, 3, 7, 64, text.len().max(1)] {
            let streamed = read::<T>(text, size);
            match (&whole, &streamed) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "chunks of {size}: {text}"),
                (Err(a), Err(b)) => {
                    assert_eq!(
                        format!("{a:?}"),
                        format!("{b:?}"),
                        "chunks of {size}: {text}"
                    )
                }
                _ => panic!("chunks of {size}: {whole:?} vs {streamed:?} for {text}"),
            }
        }
    }

    #[test]
    fn reads_pages_bare_results_and_bare_arrays_as_the_whole_document_reader() {
        for text in [
            r#"{"count":2,"next":null,"previous":null,"results":[1,2]}"#,
            r#"{"results":[1, 2 ,3],"count":3}"#,
            "[]",
            " [ 5 , 6 ]\n",
            r#"{"results":[]}"#,
            "{\n  \"next\": \"https://x/?page=2\",\n  \"results\": [\n    7,\n    8\n  ]\n}",
            r#"{"other":{"results":[9]},"results":[10]}"#,
            r#"{"results":[1],"results":[2,3]}"#,
            r#"{"results":["x"],"results":[2,3]}"#,
        ] {
            same_as_whole::<i64>(text);
        }
        for text in [
            r#"{"results":["a,]}\"[", "b", "ü ß 漢"],"count":3}"#,
            r#"[["x"],{"y":"]"}]"#,
        ] {
            same_as_whole::<Json>(text);
        }
    }

    #[test]
    fn refuses_what_the_whole_document_reader_refuses_and_says_the_same_place() {
        for text in [
            r#"{"count":2,"results":[1,2"#,
            r#"{"count":2,"results":[1,x]}"#,
            "{\"results\":[1,\n 2}",
            "{\"results\":[1,\n 2],\n \"count\": nope}",
            r#"{"results":[1,"two"]}"#,
            r#"{"results":null}"#,
            r#"{"count":1}"#,
            r#""results""#,
            "",
            "[1,2]]",
            r#"{"results":[{"a":}]}"#,
            "[1 2]",
            "[1,]",
            "[,1]",
            "{\"results\":[1\n 2]}",
            r#"{"results":[[1][2]]}"#,
            "[1]x",
            r#"{"results":[1]} x"#,
            "{\"results\":[1],\n\"count\":x}",
            "{\"results\":[\n1],\"count\": x}",
            r#"{"results":[1],"count":"#,
            "[true, nul]",
            r#"{"count":1x,"results":[y]}"#,
            r#"{"results" [1 x]}"#,
            r#""s" [x]"#,
            r#"{"count":1x,"results":[1 2]}"#,
            r#"{"results":[1][2]}"#,
            r#"{"results":[1]} [2]"#,
            r#"{"results":[1] x,"results":[2]}"#,
            "[1] [2]",
            r#"{"results":[],"\/results":[1,2]}"#,
            r#"{"res\u0075lts":[1,2]}"#,
            r#"{"results":[1],"a":[3],"results":[2]}"#,
            r#"["a\"]"#,
        ] {
            same_as_whole::<i64>(text);
        }
        same_as_whole::<Job>(
            r#"{"results":[{"id":1,"connection":{"id":2,"system":"X"}},{"id":"x"}]}"#,
        );
        same_as_whole::<Job>(r#"[{"id":1,"connection":{"id":2}}]"#);
    }

    #[test]
    fn every_documented_list_reads_the_same_in_any_chunks() {
        for text in [
            include_str!("../tests/fixtures/jobs_list.json"),
            include_str!("../tests/fixtures/jobs_list_expanded.json"),
            include_str!("../tests/fixtures/alm_list.json"),
            include_str!("../tests/fixtures/alm_list_expanded.json"),
            include_str!("../tests/fixtures/analysis_list.json"),
            include_str!("../tests/fixtures/analysis_list_expanded.json"),
            include_str!("../tests/fixtures/ldap_list.json"),
            include_str!("../tests/fixtures/ldap_list_expanded.json"),
        ] {
            same_as_whole::<Job>(text);
        }
    }

    #[test]
    fn jobs_of_one_connection_and_user_share_them_and_a_changed_one_is_not_shared() {
        let text = include_str!("../tests/fixtures/jobs_list_expanded.json");
        let whole = parse::<Page<Job>>(text).unwrap().results;
        let mut reader = PageReader::jobs();
        reader.feed(text.as_bytes());
        let page = reader.finish().unwrap().results;
        assert_eq!(page, whole);
        // Two jobs of one connection: the same allocation.
        let mut reader = PageReader::jobs();
        let connection = r#"{"id":7,"alias":"A","system":"JIRA","params":{"alm_user":"u"}}"#;
        let changed = r#"{"id":7,"alias":"B","system":"JIRA"}"#;
        let user = r#"{"id":3,"email":"a@example.com"}"#;
        reader.feed(
            format!(
                r#"[{{"id":1,"connection":{connection},"user":{user}}},
                    {{"id":2,"connection":{connection},"user":{user}}},
                    {{"id":3,"connection":{changed}}}]"#
            )
            .as_bytes(),
        );
        let jobs = reader.finish().unwrap().results;
        assert!(Arc::ptr_eq(&jobs[0].connection, &jobs[1].connection));
        let person = |j: &Job| match j.user.as_ref().unwrap() {
            crate::UserRef::User(u) => u.clone(),
            _ => unreachable!(),
        };
        assert!(Arc::ptr_eq(&person(&jobs[0]), &person(&jobs[1])));
        assert_eq!(
            jobs[2].connection.alias, "B",
            "a changed connection is its own"
        );
    }

    #[test]
    fn a_list_of_thousands_of_connections_and_people_reads_the_same_and_shares_what_it_holds() {
        // 3,000 jobs, each of its own connection and its own triggering email and user; then each of the
        // first 200 connections and people again, in reverse; then a copy of connection 5 that differs.
        let job = |id: usize, c: usize, alias: &str| {
            format!(
                r#"{{"id":{id},"connection":{{"id":{c},"alias":"{alias}","system":"JIRA"}},"triggered_by":"u{c}@example.com","user":{{"id":{c},"email":"u{c}@example.com"}}}}"#
            )
        };
        let mut items: Vec<String> = (0..3000).map(|i| job(i, i, "A")).collect();
        items.extend((0..200).rev().map(|c| job(10_000 + c, c, "A")));
        items.push(job(20_000, 5, "changed"));
        let text = format!(
            r#"{{"count":{},"results":[{}]}}"#,
            items.len(),
            items.join(",")
        );
        let whole = parse::<Page<Job>>(&text).unwrap().results;
        let mut reader = PageReader::jobs();
        for chunk in text.as_bytes().chunks(4096) {
            reader.feed(chunk);
        }
        let jobs = reader.finish().unwrap().results;
        assert_eq!(jobs, whole);
        let email = |j: &Job| match j.triggered_by.as_ref().unwrap() {
            crate::UserRef::Email(e) => e.clone(),
            _ => unreachable!(),
        };
        let person = |j: &Job| match j.user.as_ref().unwrap() {
            crate::UserRef::User(u) => u.clone(),
            _ => unreachable!(),
        };
        // Connection c's first job is jobs[c]; its second, jobs[3000 + (199 - c)]. The first 256 distinct
        // values of each kind are held, so these are shared even after thousands of others.
        for c in [0, 5, 123, 199] {
            let (first, again) = (&jobs[c], &jobs[3000 + 199 - c]);
            assert!(
                Arc::ptr_eq(&first.connection, &again.connection),
                "connection {c}"
            );
            assert!(Arc::ptr_eq(&email(first), &email(again)), "email {c}");
            assert!(Arc::ptr_eq(&person(first), &person(again)), "user {c}");
        }
        let changed = jobs.last().unwrap();
        assert_eq!(changed.connection.alias, "changed");
        assert!(!Arc::ptr_eq(&changed.connection, &jobs[5].connection));
    }

    #[test]
    fn a_very_large_item_in_small_chunks_reads_the_same() {
        let big = format!(
            r#"{{"results":[{{"a":"{}"}},2],"count":2}}"#,
            "x".repeat(300_000)
        );
        let mut reader = PageReader::<Json>::default();
        for chunk in big.as_bytes().chunks(1000) {
            reader.feed(chunk);
        }
        let page = reader.finish().unwrap();
        assert_eq!(page.results.len(), 2);
        assert_eq!(page.count, Some(2));
        assert_eq!(
            page.results[0]
                .get("a")
                .and_then(Json::as_str)
                .map(str::len),
            Some(300_000)
        );
    }

    #[test]
    fn invalid_bytes_read_as_the_replacement_character_as_the_browser_reads_them() {
        for size in [1, 2, 5, 100] {
            let mut reader = PageReader::<Json>::default();
            for chunk in b"[\"a\xffb\", \"\xc3\xbc\"]".chunks(size) {
                reader.feed(chunk);
            }
            let page = reader.finish().unwrap();
            assert_eq!(
                page.results,
                vec![Json::from("a\u{fffd}b"), Json::from("ü")],
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn nesting_is_limited_as_in_the_whole_document() {
        let deep = |n: usize| format!(r#"{{"results":[{}{}]}}"#, "[".repeat(n), "]".repeat(n));
        for n in [120, 126, 127, 128, 130] {
            same_as_whole::<Json>(&deep(n));
        }
    }

    #[test]
    fn a_character_cut_by_a_chunk_beside_an_invalid_byte_is_read_whole() {
        let mut reader = PageReader::<Json>::default();
        reader.feed(b"[\"a\xffb\",\"\xc3");
        reader.feed(b"\xbc\"]");
        let page = reader.finish().unwrap();
        assert_eq!(
            page.results,
            vec![Json::from("a\u{fffd}b"), Json::from("ü")]
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped_as_the_browser_drops_it() {
        for size in [1, 2, 100] {
            let mut reader = PageReader::<i64>::default();
            for chunk in b"\xef\xbb\xbf[1,2]".chunks(size) {
                reader.feed(chunk);
            }
            assert_eq!(
                reader.finish().unwrap().results,
                vec![1, 2],
                "chunks of {size}"
            );
        }
        let mut reader = PageReader::<i64>::default();
        reader.feed(b"\xef\xbb\xbf<html>");
        assert!(reader.starts_like_html());
    }

    #[test]
    fn html_is_told_apart() {
        let mut reader = PageReader::<i64>::default();
        reader.feed(b"  <html>");
        assert!(reader.starts_like_html());
    }
}
