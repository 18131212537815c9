//! The jobs list as the admin sees it: its state in the URL (kind, filters, search, sort, page, expansion),
//! the rows with what they are searched and sorted by computed once, and the visible order.
//!
//! Server filters (`automatic`, `ready`, `succeeded`, `connection`, `user`) go to the API; the quick search
//! and the sort apply to the rows loaded, so they are instant and never lose the server's paging.

use crate::encoding::query_string;
use crate::filter::{FilterParam, JobFilter};
use crate::job::{Job, JobKind, JobStatus};
use crate::query::JobQuery;
use crate::text::fold_case;
use crate::timefmt::parse_rfc3339_millis;
use std::cmp::Ordering;

/// What a column sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    LastRun,
    Status,
    Alias,
}

impl SortKey {
    pub fn name(self) -> &'static str {
        match self {
            SortKey::LastRun => "last_run",
            SortKey::Status => "status",
            SortKey::Alias => "alias",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [SortKey::LastRun, SortKey::Status, SortKey::Alias]
            .into_iter()
            .find(|k| k.name() == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Self {
        Sort {
            key: SortKey::LastRun,
            descending: true,
        }
    }
}

impl Sort {
    /// `last_run` or `-last_run` (descending), as in the URL.
    pub fn to_param(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.key.name()
        )
    }

    pub fn from_param(value: &str) -> Option<Self> {
        let (descending, name) = match value.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, value),
        };
        SortKey::from_name(name).map(|key| Sort { key, descending })
    }

    /// The sort after clicking `key`'s header: the other direction if already sorted by it, else the
    /// natural first direction (newest first for time, A to Z for names, running first for status).
    pub fn toggled(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort {
                key,
                descending: key == SortKey::LastRun,
            }
        }
    }
}

/// How many rows a page asks the server for. `All` sends no paging parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageSize {
    Rows(u32),
    All,
}

impl PageSize {
    pub const CHOICES: [PageSize; 5] = [
        PageSize::Rows(25),
        PageSize::Rows(50),
        PageSize::Rows(100),
        PageSize::Rows(500),
        PageSize::All,
    ];

    pub fn to_param(self) -> String {
        match self {
            PageSize::Rows(n) => n.to_string(),
            PageSize::All => "all".into(),
        }
    }

    pub fn from_param(value: &str) -> Option<Self> {
        match value {
            "all" => Some(PageSize::All),
            n => crate::text::parse_count(n)
                .filter(|n| (1..=1000).contains(n))
                .map(|n| PageSize::Rows(n as u32)),
        }
    }

    pub fn label(self) -> String {
        match self {
            PageSize::Rows(n) => format!("{n} per page"),
            PageSize::All => "All".into(),
        }
    }
}

pub const DEFAULT_PAGE_SIZE: PageSize = PageSize::Rows(100);

/// Everything that decides what the jobs list shows. Lives in the URL, so a reload or a shared link shows
/// the same view and back and forward work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobListState {
    pub kind: JobKind,
    pub filter: JobFilter,
    pub expand_users: bool,
    pub search: String,
    pub sort: Sort,
    pub page: u32,
    pub page_size: PageSize,
}

impl Default for JobListState {
    fn default() -> Self {
        Self {
            kind: JobKind::All,
            filter: JobFilter::default(),
            expand_users: false,
            search: String::new(),
            sort: Sort::default(),
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl JobListState {
    /// Reads the state from the route's kind and the URL's query pairs. Values that do not parse are
    /// ignored (a hand-edited link shows the closest valid view rather than an error).
    pub fn from_query(kind: JobKind, pairs: &[(String, String)]) -> Self {
        let mut state = JobListState {
            kind,
            ..Default::default()
        };
        for (key, value) in pairs {
            if let Some(param) = FilterParam::from_name(key) {
                // A value that does not parse leaves the filter unset: see above.
                let _ = state.filter.set(param, value);
                continue;
            }
            match key.as_str() {
                "expand" => state.expand_users = value == "users",
                "q" => state.search = value.clone(),
                "sort" => state.sort = Sort::from_param(value).unwrap_or_default(),
                "page" => {
                    state.page = crate::text::parse_count(value)
                        .and_then(|p| u32::try_from(p).ok())
                        .filter(|p| *p >= 1)
                        .unwrap_or(1)
                }
                "page_size" => {
                    state.page_size = PageSize::from_param(value).unwrap_or(DEFAULT_PAGE_SIZE)
                }
                _ => {}
            }
        }
        state
    }

    /// The query string for the console's own URL (without `?`): only what differs from the defaults.
    pub fn to_query(&self) -> String {
        let mut pairs = self.filter.to_pairs();
        if self.expand_users {
            pairs.push(("expand", "users".into()));
        }
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if self.sort != Sort::default() {
            pairs.push(("sort", self.sort.to_param()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            pairs.push(("page_size", self.page_size.to_param()));
        }
        query_string(&pairs)
    }

    /// The console path for this state, e.g. `/jobs/alm?ready=false`.
    /// What decides which rows are listed and in what order: the view's URL without the user details,
    /// which add to the same rows (so showing them keeps the table where the admin scrolled it).
    pub fn rows_key(&self) -> String {
        Self {
            expand_users: false,
            ..self.clone()
        }
        .href()
    }

    pub fn href(&self) -> String {
        let base = match self.kind {
            JobKind::All => "/jobs".to_string(),
            kind => format!("/jobs/{}", kind.slug()),
        };
        let query = self.to_query();
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }

    /// What to ask the server for.
    pub fn api_query(&self) -> JobQuery {
        let (page, page_size) = match self.page_size {
            PageSize::Rows(n) => (Some(self.page), Some(n)),
            PageSize::All => (None, None),
        };
        JobQuery {
            kind: self.kind,
            filter: self.filter.clone(),
            expand_users: self.expand_users,
            page,
            page_size,
        }
    }

    /// Whether any server filter or the search narrows the list.
    pub fn is_filtered(&self) -> bool {
        !self.filter.is_empty() || !self.search.trim().is_empty()
    }

    /// How many filters narrow the list, as the phone layout's "Filters (n)" counts them: each server
    /// filter (status counts once), and the search.
    pub fn active_filters(&self) -> usize {
        let f = &self.filter;
        [
            f.automatic.is_some(),
            f.ready.is_some() || f.succeeded.is_some(),
            f.connection.is_some(),
            f.user.is_some(),
            !self.search.trim().is_empty(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }

    /// The same view with every filter and the search cleared (kind, sort, size and expansion kept).
    pub fn cleared(&self) -> Self {
        JobListState {
            kind: self.kind,
            expand_users: self.expand_users,
            sort: self.sort,
            page_size: self.page_size,
            ..Default::default()
        }
    }
}

/// FNV-1a over `parts`: a small, fast fingerprint (not for security).
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in parts.iter().flat_map(|p| p.iter().chain([&0xffu8])) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x100_0000_01b3);
    }
    hash
}

/// A job with what the list searches and sorts by, computed once when the rows arrive.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRow {
    pub job: Job,
    /// The likely kind (the all-jobs list does not say it): see [`JobKind::guess`].
    pub kind: JobKind,
    /// Whether `kind` is proven by the connection; if not, look the job up by kind before linking to it.
    pub kind_certain: bool,
    pub status: JobStatus,
    pub last_run_ms: Option<i64>,
    alias_key: String,
    haystack: String,
    revision: u64,
}

impl JobRow {
    /// A job read from the `list_kind` endpoint: a kind's own list proves the kind; the all-jobs list
    /// leaves it to [`JobKind::guess`].
    pub fn listed(job: Job, list_kind: JobKind) -> Self {
        let mut row = Self::new(job);
        if list_kind != JobKind::All {
            row.kind = list_kind;
            row.kind_certain = true;
        }
        row
    }

    /// The same row after a live update of its job: a kind known for certain stays known.
    pub fn updated(&self, job: Job) -> Self {
        let mut row = Self::new(job);
        if self.kind_certain {
            row.kind = self.kind;
            row.kind_certain = true;
        }
        row
    }

    pub fn new(job: Job) -> Self {
        let guess = JobKind::guess(&job.connection);
        let status = job.status();
        let last_run_ms = job.last_run.as_deref().and_then(parse_rfc3339_millis);
        let users: Vec<String> = [&job.user, &job.triggered_by]
            .into_iter()
            .flatten()
            .map(|u| u.label())
            .collect();
        let haystack = [
            job.connection.alias.as_str(),
            job.connection.system.display_name(),
            &users.join(" "),
            job.result_message(),
            status.label(),
        ]
        .join("\u{1f}");
        let haystack = fold_case(&haystack);
        let revision = fnv1a(&[
            haystack.as_bytes(),
            job.last_run.as_deref().unwrap_or_default().as_bytes(),
            &job.connection.project.unwrap_or_default().to_le_bytes(),
        ]);
        Self {
            alias_key: fold_case(&job.connection.alias),
            revision,
            job,
            kind: guess.kind,
            kind_certain: guess.certain,
            status,
            last_run_ms,
            haystack,
        }
    }

    /// Changes whenever anything the row shows changes (status, message, time, users as emails or as
    /// people): a list keys its rows by it, so a row is redrawn exactly when it must be.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether every word of `needle` (already folded by `fold_case`) appears in the alias, system, users,
    /// message or status.
    pub fn matches(&self, needle: &str) -> bool {
        needle
            .split_whitespace()
            .all(|word| self.haystack.contains(word))
    }
}

/// A live update of one job: its row is replaced only when the job changed. Whether it did: an answer that
/// says nothing new must not re-sort 50,000 rows.
pub fn apply_update(rows: &mut [JobRow], job: Job) -> bool {
    match rows.iter_mut().find(|r| r.job.id == job.id) {
        Some(row) if row.job != job => {
            *row = row.updated(job);
            true
        }
        _ => false,
    }
}

fn compare(a: &JobRow, b: &JobRow, key: SortKey) -> Ordering {
    match key {
        SortKey::LastRun => a.last_run_ms.cmp(&b.last_run_ms),
        SortKey::Status => a.status.cmp(&b.status),
        SortKey::Alias => a.alias_key.cmp(&b.alias_key),
    }
}

/// Sorts `indices` by `cmp`. Every ordering in the console goes through this one copy of the sort (each
/// `sort_unstable_by` with a closure of its own is a kilobyte or more of wasm).
pub fn sort_indices(indices: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    indices.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// The indices of the rows to show, filtered by `search` and ordered by `sort` (ties: newest id first, so
/// the order is stable across refreshes).
pub fn visible_rows(rows: &[JobRow], search: &str, sort: Sort) -> Vec<usize> {
    let needle = fold_case(search.trim());
    let mut indices: Vec<usize> = (0..rows.len())
        .filter(|&i| needle.is_empty() || rows[i].matches(&needle))
        .collect();
    sort_indices(&mut indices, &mut |a, b| {
        let (ra, rb) = (&rows[a], &rows[b]);
        let primary = compare(ra, rb, sort.key);
        let primary = if sort.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| rb.job.id.cmp(&ra.job.id))
    });
    indices
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_details_do_not_change_the_rows_key() {
        let plain = super::JobListState::default();
        let expanded = super::JobListState {
            expand_users: true,
            ..plain.clone()
        };
        assert_ne!(plain.href(), expanded.href());
        assert_eq!(plain.rows_key(), expanded.rows_key());
        let sorted = super::JobListState {
            sort: plain.sort.toggled(super::SortKey::Status),
            ..plain.clone()
        };
        assert_ne!(plain.rows_key(), sorted.rows_key());
    }

    use super::*;

    #[test]
    fn active_filters_count_status_once_and_the_search() {
        let pairs = |q: &[(&str, &str)]| {
            q.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        let s = JobListState::from_query(
            JobKind::All,
            &pairs(&[("ready", "true"), ("succeeded", "false")]),
        );
        assert_eq!(s.active_filters(), 1);
        let s = JobListState::from_query(
            JobKind::All,
            &pairs(&[
                ("automatic", "true"),
                ("user", "a@b.c"),
                ("q", "jira"),
                ("sort", "alias"),
            ]),
        );
        assert_eq!(s.active_filters(), 3);
        assert_eq!(JobListState::default().active_filters(), 0);
    }
    use crate::encoding::parse_query;

    fn job(
        id: i64,
        alias: &str,
        ready: bool,
        succeeded: bool,
        last_run: &str,
        message: &str,
    ) -> Job {
        serde_json::from_value(serde_json::json!({
            "id": id, "user": "no-reply@localhost", "triggered_by": "admin@example.com",
            "succeeded": succeeded, "automatic": true, "ready": ready, "result_message": message,
            "last_run": last_run, "connection": {"id": 1, "alias": alias, "system": "Rally"}
        }))
        .unwrap()
    }

    #[test]
    fn a_row_revision_follows_what_it_shows() {
        let plain = job(1, "Rally", false, false, "2026-11-20T10:00:00Z", "Queued");
        let same = JobRow::new(plain.clone()).revision();
        assert_eq!(JobRow::new(plain.clone()).revision(), same);
        let mut progressed = plain.clone();
        progressed.result_message = Some("Synced 3 of 9".into());
        let mut finished = plain.clone();
        finished.ready = true;
        let mut expanded = plain.clone();
        expanded.user = Some(
            serde_json::from_value(serde_json::json!({"id": 4, "email": "no-reply@localhost",
                "first_name": "No", "last_name": "Reply"}))
            .unwrap(),
        );
        let mut later = plain;
        later.last_run = Some("2026-11-20T10:05:00Z".into());
        for changed in [progressed, finished, expanded, later] {
            assert_ne!(JobRow::new(changed).revision(), same);
        }
    }

    fn rows() -> Vec<JobRow> {
        vec![
            job(
                1,
                "Rally",
                true,
                true,
                "2026-11-20T10:00:00Z",
                "Synced 4 tasks",
            ),
            job(
                2,
                "jira legacy",
                true,
                false,
                "2026-11-21T10:00:00Z",
                "Connection timed out",
            ),
            job(3, "Fortify", false, false, "2026-11-22T10:00:00Z", ""),
            job(4, "alpha", true, true, "2026-11-19T10:00:00-04:00", ""),
        ]
        .into_iter()
        .map(JobRow::new)
        .collect()
    }

    fn ids(rows: &[JobRow], order: &[usize]) -> Vec<i64> {
        order.iter().map(|&i| rows[i].job.id).collect()
    }

    #[test]
    fn default_order_is_newest_first() {
        let r = rows();
        assert_eq!(
            ids(&r, &visible_rows(&r, "", Sort::default())),
            [3, 2, 1, 4]
        );
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        let r = rows();
        let by = |key, descending| ids(&r, &visible_rows(&r, "", Sort { key, descending }));
        assert_eq!(
            by(SortKey::Alias, false),
            [4, 3, 2, 1],
            "case-insensitive A to Z"
        );
        assert_eq!(by(SortKey::Alias, true), [1, 2, 3, 4]);
        assert_eq!(
            by(SortKey::Status, false),
            [3, 2, 4, 1],
            "running, failed, succeeded; ties newest id first"
        );
        assert_eq!(by(SortKey::LastRun, false), [4, 1, 2, 3]);
    }

    #[test]
    fn search_matches_every_word_anywhere() {
        let r = rows();
        let find = |q| ids(&r, &visible_rows(&r, q, Sort::default()));
        assert_eq!(find("TIMED"), [2]);
        assert_eq!(find("jira out"), [2]);
        assert_eq!(find("rally synced"), [1], "system and message");
        assert_eq!(find("running"), [3], "status words");
        assert_eq!(find("admin@example"), [3, 2, 1, 4], "users");
        assert_eq!(find("nothing-like-this"), Vec::<i64>::new());
        assert_eq!(find("   "), [3, 2, 1, 4]);
    }

    #[test]
    fn search_and_sort_ignore_case_beyond_ascii() {
        let mut r = rows();
        r.push(JobRow::new(job(
            5,
            "ÉCOLE Москва",
            true,
            true,
            "2026-11-18T10:00:00Z",
            "",
        )));
        let find = |q| ids(&r, &visible_rows(&r, q, Sort::default()));
        assert_eq!(find("école МОСКВА"), [5]);
        let by_alias = Sort {
            key: SortKey::Alias,
            descending: false,
        };
        assert_eq!(ids(&r, &visible_rows(&r, "", by_alias)), [4, 3, 2, 1, 5]);
    }

    #[test]
    fn sort_toggles() {
        let s = Sort::default();
        assert_eq!(
            s.toggled(SortKey::LastRun),
            Sort {
                key: SortKey::LastRun,
                descending: false
            }
        );
        assert_eq!(
            s.toggled(SortKey::Alias),
            Sort {
                key: SortKey::Alias,
                descending: false
            }
        );
        assert_eq!(
            Sort::from_param(
                &Sort {
                    key: SortKey::Status,
                    descending: true
                }
                .to_param()
            )
            .unwrap()
            .key,
            SortKey::Status
        );
        assert_eq!(Sort::from_param("bogus"), None);
    }

    #[test]
    fn state_round_trips_through_the_url() {
        let state = JobListState {
            kind: JobKind::Ldap,
            filter: JobFilter {
                automatic: Some(false),
                ready: Some(true),
                succeeded: Some(false),
                connection: Some(29),
                user: Some("a+b@example.com".into()),
            },
            expand_users: true,
            search: "gg' <b>".into(),
            sort: Sort {
                key: SortKey::Alias,
                descending: false,
            },
            page: 3,
            page_size: PageSize::All,
        };
        let href = state.href();
        assert!(href.starts_with("/jobs/ldap?"));
        let (_, query) = href.split_once('?').unwrap();
        assert_eq!(
            JobListState::from_query(JobKind::Ldap, &parse_query(query)),
            state
        );
        assert_eq!(JobListState::default().href(), "/jobs");
    }

    #[test]
    fn users_and_searches_with_url_characters_round_trip() {
        for text in ["a+b@x.com", "100%", "é", "a b", "x&y=z", "名前, ü", "%2B"] {
            let state = JobListState {
                filter: JobFilter {
                    user: Some(text.into()),
                    ..Default::default()
                },
                search: text.into(),
                ..Default::default()
            };
            let href = state.href();
            let (_, query) = href.split_once('?').unwrap();
            assert!(!query.contains(' ') && !query.contains('+'), "{query}");
            assert_eq!(
                JobListState::from_query(JobKind::All, &parse_query(query)),
                state,
                "{href}"
            );
        }
    }

    #[test]
    fn bad_url_values_fall_back_to_defaults() {
        let pairs =
            parse_query("ready=maybe&connection=-4&page=0&page_size=99999&sort=nope&expand=1");
        assert_eq!(
            JobListState::from_query(JobKind::All, &pairs),
            JobListState::default()
        );
    }

    #[test]
    fn api_query_carries_server_filters_and_paging_only() {
        let state = JobListState {
            filter: JobFilter {
                ready: Some(false),
                ..Default::default()
            },
            search: "local only".into(),
            page: 2,
            ..Default::default()
        };
        assert_eq!(
            state.api_query().path(),
            "/api/v2/jobs/?ready=false&page=2&page_size=100"
        );
        let all = JobListState {
            page_size: PageSize::All,
            ..Default::default()
        };
        assert_eq!(all.api_query().path(), "/api/v2/jobs/");
    }

    #[test]
    fn clearing_keeps_the_view_but_not_the_filters() {
        let state = JobListState {
            kind: JobKind::Alm,
            filter: JobFilter {
                ready: Some(true),
                ..Default::default()
            },
            search: "x".into(),
            page: 4,
            expand_users: true,
            ..Default::default()
        };
        assert!(state.is_filtered());
        let cleared = state.cleared();
        assert!(!cleared.is_filtered());
        assert_eq!(
            (cleared.kind, cleared.page, cleared.expand_users),
            (JobKind::Alm, 1, true)
        );
    }

    #[test]
    fn a_live_update_that_changes_nothing_is_not_a_change() {
        let mut rows = rows();
        let job = rows[0].job.clone();
        let before = rows.clone();
        assert!(!apply_update(&mut rows, job.clone()), "the same job again");
        assert_eq!(rows, before);
        let mut ended = job;
        ended.ready = !ended.ready;
        ended.result_message = Some("Synced 3 tasks".to_string());
        assert!(apply_update(&mut rows, ended.clone()));
        assert_eq!(rows[0].job, ended);
        assert_ne!(rows[0].revision(), before[0].revision());
        let mut stranger = ended;
        stranger.id = -1;
        assert!(!apply_update(&mut rows, stranger), "a job not in the list");
    }
}
