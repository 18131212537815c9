//! The overview's numbers (issue 13): per connection, its last runs oldest to newest, how many succeeded,
//! when it last succeeded and why it last failed, failing connections first; and runs per day in the
//! admin's time zone. Pure functions over the jobs list's rows, so they are tested here, natively.

use crate::job::{JobKind, JobStatus};
use crate::jobs_view::JobRow;
use crate::timefmt::civil_from_millis;

/// The overview's filters, in its URL as in the jobs list's where they are the same (`automatic`), plus
/// the kind (`kind=alm`), the system (`system=Rally`, compared without case) and the chart's days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverviewState {
    pub kind: JobKind,
    pub system: Option<String>,
    pub automatic: Option<bool>,
    pub days: u32,
}

impl Default for OverviewState {
    fn default() -> Self {
        Self {
            kind: JobKind::All,
            system: None,
            automatic: None,
            days: 30,
        }
    }
}

impl OverviewState {
    /// The chart spans one of these numbers of days.
    pub const DAYS: [u32; 3] = [7, 30, 90];

    /// Reads decoded query pairs; what does not read is left at its default.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut state = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "kind" => state.kind = JobKind::from_slug(value).unwrap_or_default(),
                "system" => state.system = Some(value.trim().to_string()).filter(|s| !s.is_empty()),
                "automatic" => state.automatic = crate::filter::parse_bool(value),
                "days" => {
                    state.days = crate::text::parse_count(value)
                        .and_then(|d| u32::try_from(d).ok())
                        .filter(|d| Self::DAYS.contains(d))
                        .unwrap_or(30)
                }
                _ => {}
            }
        }
        state
    }

    /// The query string (without `?`): only what differs from the defaults.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.kind != JobKind::All {
            pairs.push(("kind", self.kind.slug().to_string()));
        }
        if let Some(system) = &self.system {
            pairs.push(("system", system.clone()));
        }
        if let Some(a) = self.automatic {
            pairs.push(("automatic", a.to_string()));
        }
        if self.days != 30 {
            pairs.push(("days", self.days.to_string()));
        }
        crate::encoding::query_string(&pairs)
    }

    /// Whether a job's row is in view.
    pub fn admits(&self, row: &JobRow) -> bool {
        (self.kind == JobKind::All || row.kind == self.kind)
            && self.automatic.is_none_or(|a| row.job.automatic == a)
            && self.system.as_deref().is_none_or(|s| {
                crate::text::fold_case(row.job.connection.system.display_name())
                    == crate::text::fold_case(s)
            })
    }
}

/// How many of a connection's runs its strip shows.
pub const MARKS: usize = 20;

/// One run in a connection's strip.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub job_id: i64,
    pub kind: JobKind,
    /// Whether the job's kind is proven (else its page looks it up by kind first).
    pub kind_certain: bool,
    pub status: JobStatus,
    pub when_ms: Option<i64>,
    pub message: String,
}

/// One connection, as the overview shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectionHealth {
    pub kind: JobKind,
    pub id: i64,
    pub alias: String,
    pub system: String,
    pub project: Option<i64>,
    /// The newest [`MARKS`] runs at most, oldest first.
    pub marks: Vec<Mark>,
    /// The newest successful run of all those loaded, not only the marks.
    pub last_success_ms: Option<i64>,
    /// The newest failed run of all those loaded.
    pub last_failure: Option<Mark>,
    /// While failing: when the failed runs since the last success began, and how many there are
    /// (`since_success` false when no run loaded ever succeeded: then it is the first run loaded).
    pub failing_since: Option<FailingSince>,
}

/// How long a failing connection has been failing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailingSince {
    pub when_ms: Option<i64>,
    pub failed_runs: u32,
    pub since_success: bool,
}

/// Whether a connection is getting better or worse: the success rate of the newer half of its strip
/// against the older half, when each half has enough finished runs and they differ by 20 points or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Worse { newer: u32, older: u32, runs: u32 },
    Better { newer: u32, older: u32, runs: u32 },
}

impl ConnectionHealth {
    /// Succeeded runs among the finished ones shown, in whole percent; `None` when none has finished.
    pub fn success_rate(&self) -> Option<u32> {
        let finished = self
            .marks
            .iter()
            .filter(|m| m.status != JobStatus::Running)
            .count() as u32;
        let succeeded = self
            .marks
            .iter()
            .filter(|m| m.status == JobStatus::Succeeded)
            .count() as u32;
        (finished > 0).then(|| (succeeded * 100 + finished / 2) / finished)
    }

    /// Whether its newest finished run failed.
    pub fn failing(&self) -> bool {
        self.marks
            .iter()
            .rev()
            .find(|m| m.status != JobStatus::Running)
            .is_some_and(|m| m.status == JobStatus::Failed)
    }

    /// Whether a run is under way.
    pub fn running(&self) -> bool {
        self.marks.iter().any(|m| m.status == JobStatus::Running)
    }

    /// See [`Trend`]: `None` when steady or when there is too little to say.
    pub fn trend(&self) -> Option<Trend> {
        let finished: Vec<bool> = self
            .marks
            .iter()
            .filter(|m| m.status != JobStatus::Running)
            .map(|m| m.status == JobStatus::Succeeded)
            .collect();
        let half = finished.len() / 2;
        if half < 4 {
            return None;
        }
        let rate = |runs: &[bool]| {
            let ok = runs.iter().filter(|ok| **ok).count() as u32;
            (ok * 100 + half as u32 / 2) / half as u32
        };
        let older = rate(&finished[finished.len() - 2 * half..finished.len() - half]);
        let newer = rate(&finished[finished.len() - half..]);
        let runs = half as u32;
        if newer + 20 <= older {
            Some(Trend::Worse { newer, older, runs })
        } else if older + 20 <= newer {
            Some(Trend::Better { newer, older, runs })
        } else {
            None
        }
    }

    /// The newest run's time.
    pub fn last_run_ms(&self) -> Option<i64> {
        self.marks.iter().filter_map(|m| m.when_ms).max()
    }
}

/// Where a run sorts among its connection's runs: by time; a run without one is the newest while it runs
/// (it has just started) and the oldest once finished (nothing says when); the job id breaks ties.
fn run_time(row: &JobRow) -> i64 {
    row.last_run_ms
        .unwrap_or(if row.status == JobStatus::Running {
            i64::MAX
        } else {
            i64::MIN
        })
}

fn mark(row: &JobRow) -> Mark {
    Mark {
        job_id: row.job.id,
        kind: row.kind,
        kind_certain: row.kind_certain,
        status: row.status,
        when_ms: row.last_run_ms,
        message: row.job.result_message().to_string(),
    }
}

/// Both orderings below compare plain tuples of this one type, through the console's one sort
/// (`jobs_view::sort_indices`).
type SortKey = (i64, i64, i64, i64, usize);

fn sorted(keys: Vec<SortKey>) -> impl Iterator<Item = usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::jobs_view::sort_indices(&mut order, &mut |a, b| keys[a].cmp(&keys[b]));
    order.into_iter().map(move |i| keys[i].4)
}

fn health_of(runs: &[&JobRow], marks: usize) -> ConnectionHealth {
    let newest = runs[runs.len() - 1];
    let latest = |status: JobStatus| runs.iter().rev().find(|r| r.status == status);
    let finished: Vec<&&JobRow> = runs
        .iter()
        .filter(|r| r.status != JobStatus::Running)
        .collect();
    let success_at = finished
        .iter()
        .rposition(|r| r.status == JobStatus::Succeeded);
    let streak = &finished[success_at.map_or(0, |i| i + 1)..];
    let failing_since = streak.first().map(|first| FailingSince {
        when_ms: first.last_run_ms,
        failed_runs: streak.len() as u32,
        since_success: success_at.is_some(),
    });
    ConnectionHealth {
        kind: newest.kind,
        id: newest.job.connection.id,
        alias: newest.job.connection.alias.clone(),
        system: newest.job.connection.system.display_name().to_string(),
        project: newest.job.connection.project,
        marks: runs[runs.len().saturating_sub(marks)..]
            .iter()
            .map(|r| mark(r))
            .collect(),
        last_success_ms: latest(JobStatus::Succeeded).and_then(|r| r.last_run_ms),
        last_failure: latest(JobStatus::Failed).map(|r| mark(r)),
        failing_since,
    }
}

/// One entry per connection (kind and id: ALM and verification connections number separately), failing
/// connections first, then by their newest run, newest first, then by kind and id.
pub fn connection_health<'a>(
    rows: impl IntoIterator<Item = &'a JobRow>,
    marks: usize,
) -> Vec<ConnectionHealth> {
    let rows: Vec<&JobRow> = rows.into_iter().collect();
    // Every run by connection, then oldest first: each connection's runs are one stretch.
    let by_connection = sorted(
        rows.iter()
            .enumerate()
            .map(|(i, r)| (r.kind as i64, r.job.connection.id, run_time(r), r.job.id, i))
            .collect(),
    );
    let mut health: Vec<ConnectionHealth> = Vec::new();
    let mut runs: Vec<&JobRow> = Vec::new();
    for i in by_connection {
        let row = rows[i];
        if runs
            .last()
            .is_some_and(|r| (r.kind, r.job.connection.id) != (row.kind, row.job.connection.id))
        {
            health.push(health_of(&runs, marks));
            runs.clear();
        }
        runs.push(row);
    }
    if !runs.is_empty() {
        health.push(health_of(&runs, marks));
    }
    let order = sorted(
        health
            .iter()
            .enumerate()
            .map(|(i, h)| {
                (
                    i64::from(!h.failing()),
                    h.last_run_ms().map_or(i64::MAX, |ms| -ms),
                    h.kind as i64,
                    h.id,
                    i,
                )
            })
            .collect(),
    );
    let mut slots: Vec<Option<ConnectionHealth>> = health.into_iter().map(Some).collect();
    order.filter_map(|i| slots[i].take()).collect()
}

/// Runs that started on one day, by outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayCount {
    /// `2026-11-27`, in the admin's time zone.
    pub date: String,
    pub succeeded: u32,
    pub failed: u32,
    pub running: u32,
}

impl DayCount {
    pub fn total(&self) -> u32 {
        self.succeeded + self.failed + self.running
    }
}

const DAY_MS: i64 = 86_400_000;

/// The local day number of `ms`, with `offset_minutes(ms)` the time zone's offset east of UTC at that
/// instant (it changes with daylight saving time).
fn local_day(ms: i64, offset_minutes: &dyn Fn(i64) -> i32) -> i64 {
    (ms + i64::from(offset_minutes(ms)) * 60_000).div_euclid(DAY_MS)
}

/// Runs per day for the `days` days up to and including today (in the time zone `offset_minutes`
/// describes), oldest first, every day present even when nothing ran. Runs without a time are not counted.
pub fn runs_per_day<'a>(
    rows: impl IntoIterator<Item = &'a JobRow>,
    now_ms: i64,
    days: u32,
    offset_minutes: &dyn Fn(i64) -> i32,
) -> Vec<DayCount> {
    let today = local_day(now_ms, offset_minutes);
    let first = today - i64::from(days) + 1;
    let mut counts: Vec<DayCount> = (first..=today)
        .map(|day| {
            let (y, m, d, ..) = civil_from_millis(day * DAY_MS);
            DayCount {
                date: format!("{y:04}-{m:02}-{d:02}"),
                ..DayCount::default()
            }
        })
        .collect();
    for row in rows {
        let Some(ms) = row.last_run_ms else { continue };
        let day = local_day(ms, offset_minutes);
        if let Some(count) = usize::try_from(day - first)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            match row.status {
                JobStatus::Succeeded => count.succeeded += 1,
                JobStatus::Failed => count.failed += 1,
                JobStatus::Running => count.running += 1,
            }
        }
    }
    counts
}

/// One coloured part of a day's bar in the runs-per-day chart, in the chart's own units (SVG user space,
/// `y` downwards).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Which day (an index into the days given).
    pub day: usize,
    pub status: JobStatus,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The top of the chart's scale: the smallest of 1, 2 and 5 times a power of ten at or above `n` (at least 1).
pub fn nice_ceiling(n: u32) -> u32 {
    let mut step = 1u32;
    loop {
        for m in [1, 2, 5] {
            if let Some(top) = step.checked_mul(m).filter(|t| *t >= n) {
                return top;
            }
        }
        match step.checked_mul(10) {
            Some(next) => step = next,
            None => return u32::MAX,
        }
    }
}

/// Bars stacked by outcome (succeeded at the bottom, then failed, then running) for a chart `width` by
/// `height`, scaled to [`nice_ceiling`] of the busiest day, and that scale's top. Each bar's parts add up
/// to exactly the bar's height (rounded once per bar, then split cumulatively), so no bar shows a gap.
pub fn stacked_bars(days: &[DayCount], width: u32, height: u32) -> (Vec<Segment>, u32) {
    let top = nice_ceiling(days.iter().map(DayCount::total).max().unwrap_or(0));
    let slot = width / (days.len().max(1) as u32);
    let bar = (slot * 7 / 10).max(1);
    let scale = |n: u32| (u64::from(n) * u64::from(height) + u64::from(top) / 2) / u64::from(top);
    let mut segments = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let x = i as u32 * slot + (slot - bar) / 2;
        let mut below = 0u32;
        let mut drawn = 0u64;
        for (status, n) in [
            (JobStatus::Succeeded, day.succeeded),
            (JobStatus::Failed, day.failed),
            (JobStatus::Running, day.running),
        ] {
            if n == 0 {
                continue;
            }
            below += n;
            let reach = scale(below);
            let h = (reach - drawn) as u32;
            drawn = reach;
            segments.push(Segment {
                day: i,
                status,
                x,
                y: height - reach as u32,
                width: bar,
                height: h,
            });
        }
    }
    (segments, top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::job::Job;
    use crate::timefmt::parse_rfc3339_millis;
    use serde_json::json;

    fn row(
        id: i64,
        connection: i64,
        system: &str,
        when: Option<&str>,
        ready: bool,
        ok: bool,
    ) -> JobRow {
        let job: Job = serde_json::from_value(json!({
            "id": id, "ready": ready, "succeeded": ok, "last_run": when,
            "result_message": format!("message {id}"),
            "connection": {"id": connection, "alias": format!("conn {connection}"), "system": system}
        }))
        .unwrap();
        JobRow::listed(job, JobKind::Alm)
    }

    const UTC: &dyn Fn(i64) -> i32 = &|_| 0;

    #[test]
    fn a_connection_lists_its_runs_oldest_first_and_failing_ones_come_first() {
        let rows = vec![
            row(1, 5, "Rally", Some("2026-11-20T10:00:00Z"), true, true),
            row(2, 5, "Rally", Some("2026-11-22T10:00:00Z"), true, false),
            row(3, 5, "Rally", Some("2026-11-21T10:00:00Z"), true, true),
            row(4, 6, "JIRA", Some("2026-11-26T10:00:00Z"), true, true),
            row(5, 6, "JIRA", None, false, false),
        ];
        let health = connection_health(&rows, MARKS);
        assert_eq!(health.len(), 2);
        let rally = &health[0];
        assert_eq!(
            (rally.id, rally.failing()),
            (5, true),
            "the failing one first"
        );
        assert_eq!(
            rally.marks.iter().map(|m| m.job_id).collect::<Vec<_>>(),
            [1, 3, 2]
        );
        assert_eq!(rally.success_rate(), Some(67));
        assert_eq!(
            rally.last_success_ms,
            parse_rfc3339_millis("2026-11-21T10:00:00Z")
        );
        assert_eq!(
            rally.last_failure.as_ref().map(|m| m.message.as_str()),
            Some("message 2")
        );
        let jira = &health[1];
        // A running job without a time is the newest run.
        assert_eq!(
            jira.marks.iter().map(|m| m.job_id).collect::<Vec<_>>(),
            [4, 5]
        );
        assert!(jira.running() && !jira.failing());
        assert_eq!(jira.success_rate(), Some(100));
        assert_eq!(jira.last_failure, None);
    }

    #[test]
    fn a_failing_connection_says_since_when_and_whether_it_gets_worse() {
        let at = |d: i64| format!("2026-11-{d:02}T10:00:00Z");
        // Ten good runs, then five bad ones, then five more bad ones and one running.
        let mut rows: Vec<JobRow> = (1..=20)
            .map(|d| row(d, 5, "Rally", Some(&at(d)), true, d <= 10))
            .collect();
        rows.push(row(21, 5, "Rally", None, false, false));
        let health = &connection_health(&rows, MARKS)[0];
        assert!(health.failing());
        assert_eq!(
            health.failing_since,
            Some(FailingSince {
                when_ms: parse_rfc3339_millis(&at(11)),
                failed_runs: 10,
                since_success: true
            })
        );
        // The strip holds runs 2..=21: 19 finished; halves of 9 (runs 3..=11, 12..=20): 89% then 0%.
        assert_eq!(
            health.trend(),
            Some(Trend::Worse {
                newer: 0,
                older: 89,
                runs: 9
            })
        );
        // Never a success among those loaded: since the first run loaded.
        let bad: Vec<JobRow> = (1..=3)
            .map(|d| row(d, 6, "JIRA", Some(&at(d)), true, false))
            .collect();
        let health = &connection_health(&bad, MARKS)[0];
        assert_eq!(
            health.failing_since,
            Some(FailingSince {
                when_ms: parse_rfc3339_millis(&at(1)),
                failed_runs: 3,
                since_success: false
            })
        );
        assert_eq!(health.trend(), None, "too few runs to say");
        // A good last run: not failing, nothing since.
        let mut good = bad.clone();
        good.push(row(4, 6, "JIRA", Some(&at(4)), true, true));
        assert_eq!(connection_health(&good, MARKS)[0].failing_since, None);
    }

    #[test]
    fn the_strip_keeps_the_newest_runs_and_kinds_number_apart() {
        let rows: Vec<JobRow> = (1..=30)
            .map(|i| {
                row(
                    i,
                    9,
                    "Whatever 3000",
                    Some(&format!("2026-11-{i:02}T00:00:00Z")),
                    true,
                    i % 2 == 0,
                )
            })
            .collect();
        let health = connection_health(&rows, 20);
        assert_eq!(health[0].marks.len(), 20);
        assert_eq!(health[0].marks[0].job_id, 11);
        assert_eq!(
            health[0].system, "Whatever 3000",
            "an unknown system keeps its name"
        );
        let mut other = row(99, 9, "LDAP", Some("2026-11-01T00:00:00Z"), true, true);
        other.kind = JobKind::Ldap;
        let health = connection_health(&[rows[0].clone(), other], 20);
        assert_eq!(
            health.len(),
            2,
            "ALM connection 9 and LDAP connection 9 are two connections"
        );
    }

    #[test]
    fn finished_runs_without_a_time_sort_oldest_and_never_count_per_day() {
        let rows = vec![
            row(1, 5, "Rally", None, true, false),
            row(2, 5, "Rally", Some("2026-11-27T08:00:00Z"), true, true),
        ];
        let health = connection_health(&rows, MARKS);
        assert_eq!(health[0].marks[0].job_id, 1);
        assert!(!health[0].failing());
        let now = parse_rfc3339_millis("2026-11-27T12:00:00Z").unwrap();
        let days = runs_per_day(&rows, now, 2, UTC);
        assert_eq!(days.iter().map(DayCount::total).sum::<u32>(), 1);
    }

    #[test]
    fn runs_per_day_follow_the_local_calendar_across_daylight_saving() {
        // Europe/Paris: +60 until 2026-03-29T01:00Z, +120 after.
        let switch = parse_rfc3339_millis("2026-03-29T01:00:00Z").unwrap();
        let paris = move |ms: i64| if ms < switch { 60 } else { 120 };
        let rows = vec![
            // 23:30 local on the 28th.
            row(1, 5, "Rally", Some("2026-03-28T22:30:00Z"), true, true),
            // 00:30 local on the 29th (still +60).
            row(2, 5, "Rally", Some("2026-03-28T23:30:00Z"), true, false),
            // 23:30 local on the 29th (+120).
            row(3, 5, "Rally", Some("2026-03-29T21:30:00Z"), true, true),
            // 00:30 local on the 30th.
            row(4, 5, "Rally", Some("2026-03-29T22:30:00Z"), false, false),
        ];
        let now = parse_rfc3339_millis("2026-03-30T10:00:00Z").unwrap();
        let days = runs_per_day(&rows, now, 3, &paris);
        let seen: Vec<(&str, u32, u32, u32)> = days
            .iter()
            .map(|d| (d.date.as_str(), d.succeeded, d.failed, d.running))
            .collect();
        assert_eq!(
            seen,
            [
                ("2026-03-28", 1, 0, 0),
                ("2026-03-29", 1, 1, 0),
                ("2026-03-30", 0, 0, 1)
            ]
        );
        // In UTC the same runs fall on other days.
        let utc: Vec<u32> = runs_per_day(&rows, now, 3, UTC)
            .iter()
            .map(DayCount::total)
            .collect();
        assert_eq!(utc, [2, 2, 0]);
    }

    #[test]
    fn the_overview_filters_live_in_the_url_and_admit_rows() {
        let pairs = |q: &str| crate::encoding::parse_query(q);
        let state =
            OverviewState::from_pairs(&pairs("kind=alm&system=rally&automatic=false&days=7&x=1"));
        assert_eq!(
            state.to_query(),
            "kind=alm&system=rally&automatic=false&days=7"
        );
        assert_eq!(
            OverviewState::from_pairs(&pairs("days=12&kind=nope")),
            OverviewState::default()
        );
        assert_eq!(OverviewState::default().to_query(), "");
        let mut manual = row(1, 5, "Rally", None, true, true);
        manual.job.automatic = false;
        assert!(state.admits(&manual));
        let mut scheduled = manual.clone();
        scheduled.job.automatic = true;
        assert!(!state.admits(&scheduled));
        assert!(!state.admits(&row(2, 5, "JIRA", None, true, true)));
    }

    #[test]
    fn the_scale_ends_on_a_round_number() {
        let tops: Vec<u32> = [0, 1, 2, 3, 6, 11, 20, 21, 99, 501]
            .iter()
            .map(|n| nice_ceiling(*n))
            .collect();
        assert_eq!(tops, [1, 1, 2, 5, 10, 20, 20, 50, 100, 1000]);
        assert_eq!(nice_ceiling(u32::MAX), u32::MAX);
    }

    #[test]
    fn stacked_bars_add_up_and_the_busiest_day_is_in_scale() {
        let day = |s, f, r| DayCount {
            date: String::new(),
            succeeded: s,
            failed: f,
            running: r,
        };
        let days = vec![day(3, 1, 1), day(0, 0, 0), day(7, 3, 0), day(1, 0, 0)];
        let (segments, top) = stacked_bars(&days, 400, 100);
        assert_eq!(top, 10);
        assert!(
            segments.iter().all(|s| s.day != 1),
            "an empty day draws nothing"
        );
        for (i, d) in days.iter().enumerate() {
            let parts: Vec<&Segment> = segments.iter().filter(|s| s.day == i).collect();
            let total: u32 = parts.iter().map(|s| s.height).sum();
            assert_eq!(total, d.total() * 100 / 10, "day {i} adds up");
            // Stacked without gaps: each part starts where the one below ends.
            for pair in parts.windows(2) {
                assert_eq!(pair[1].y + pair[1].height, pair[0].y);
            }
            if let Some(first) = parts.first() {
                assert_eq!(first.y + first.height, 100, "bars stand on the axis");
                assert_eq!(
                    first.status,
                    if d.succeeded > 0 {
                        JobStatus::Succeeded
                    } else {
                        JobStatus::Failed
                    }
                );
            }
        }
        let busiest: u32 = segments
            .iter()
            .filter(|s| s.day == 2)
            .map(|s| s.height)
            .sum();
        assert_eq!(busiest, 100);
        assert!(segments.iter().all(|s| s.x + s.width <= 400));
    }

    #[test]
    fn every_day_of_the_range_is_there_and_older_runs_are_left_out() {
        let rows = vec![row(1, 5, "Rally", Some("2026-10-01T00:00:00Z"), true, true)];
        let now = parse_rfc3339_millis("2026-11-27T12:00:00Z").unwrap();
        let days = runs_per_day(&rows, now, 30, UTC);
        assert_eq!(days.len(), 30);
        assert_eq!(days[0].date, "2026-10-29");
        assert_eq!(days[29].date, "2026-11-27");
        assert!(days.iter().all(|d| d.total() == 0));
    }
}
