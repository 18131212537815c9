//! Word when a job finishes (issue 13): the jobs this browser started (Run now, an upload's import) are
//! watched until they end, wherever the admin is; each ending becomes a notice, and the tab's title counts
//! the notices not yet seen. Kept in the tab's storage as plain lines, so a reload keeps watching.

use crate::job::{Job, JobKind, JobStatus};

/// One job being watched: which, and what it is for the admin ("Run of Rally - Payments").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watched {
    pub kind: JobKind,
    pub id: i64,
    pub what: String,
}

/// A watched job that ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    pub kind: JobKind,
    pub id: i64,
    pub status: JobStatus,
    /// "Run of Rally - Payments (job 412) succeeded."
    pub text: String,
}

/// The jobs being watched, at most [`StartedJobs::LIMIT`] (the oldest give way).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartedJobs {
    jobs: Vec<Watched>,
}

impl StartedJobs {
    pub const LIMIT: usize = 20;

    pub fn add(&mut self, kind: JobKind, id: i64, what: &str) {
        if self.jobs.iter().any(|w| w.kind == kind && w.id == id) {
            return;
        }
        if self.jobs.len() == Self::LIMIT {
            self.jobs.remove(0);
        }
        // One line per job in storage: no line breaks in what is said.
        let what = what.replace(['\n', '\r', '\t'], " ");
        self.jobs.push(Watched { kind, id, what });
    }

    /// No longer watched: its ending was seen where it happened (its page, the upload page).
    pub fn forget(&mut self, id: i64) {
        self.jobs.retain(|w| w.id != id);
    }

    pub fn watched(&self) -> &[Watched] {
        &self.jobs
    }

    /// A new answer for a job: when it is watched and has ended, it is no longer watched and the ending
    /// is returned to be said.
    pub fn update(&mut self, kind: JobKind, job: &Job) -> Option<Finished> {
        if !job.ready {
            return None;
        }
        let at = self
            .jobs
            .iter()
            .position(|w| w.kind == kind && w.id == job.id)?;
        let watched = self.jobs.remove(at);
        let status = job.status();
        let how = match status {
            JobStatus::Succeeded => "succeeded",
            _ => "failed",
        };
        Some(Finished {
            kind,
            id: job.id,
            status,
            text: format!("{} (job {}) {how}.", watched.what, job.id),
        })
    }

    /// `alm\t412\tRun of Rally - Payments` lines.
    pub fn to_storage(&self) -> String {
        self.jobs
            .iter()
            .map(|w| format!("{}\t{}\t{}", w.kind.slug(), w.id, w.what))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads [`StartedJobs::to_storage`]'s lines; a line that does not read is skipped.
    pub fn from_storage(text: &str) -> Self {
        let mut jobs = StartedJobs::default();
        for line in text.lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(kind), Some(id), Some(what)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            if let (Some(kind), Ok(id)) = (JobKind::from_slug(kind), id.parse::<i64>()) {
                jobs.add(kind, id, what);
            }
        }
        jobs
    }
}

/// The notices not yet seen, kept in the tab's storage so a reload keeps them: `alm\t412\tfailed\ttext`.
pub fn notices_to_storage(notices: &[Finished]) -> String {
    notices
        .iter()
        .map(|f| {
            let text = f.text.replace(['\n', '\r', '\t'], " ");
            format!(
                "{}\t{}\t{}\t{text}",
                f.kind.slug(),
                f.id,
                f.status.css_class()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads [`notices_to_storage`]'s lines; a line that does not read is skipped.
pub fn notices_from_storage(text: &str) -> Vec<Finished> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, '\t');
            let kind = JobKind::from_slug(parts.next()?)?;
            let id = parts.next()?.parse().ok()?;
            let status = match parts.next()? {
                "succeeded" => JobStatus::Succeeded,
                "failed" => JobStatus::Failed,
                _ => return None,
            };
            let text = parts.next()?.to_string();
            Some(Finished {
                kind,
                id,
                status,
                text,
            })
        })
        .collect()
}

/// The tab's title with the count of endings not yet seen: "(2) Jobs · Integration Console".
pub fn title_with_unseen(title: &str, unseen: usize) -> String {
    if unseen == 0 {
        title.to_string()
    } else {
        format!("({unseen}) {title}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unseen_notices_survive_a_reload_and_a_bad_line_is_skipped() {
        let notices = vec![
            Finished {
                kind: JobKind::Alm,
                id: 412,
                status: JobStatus::Succeeded,
                text: "Run of Rally\t- Payments (job 412) succeeded.".into(),
            },
            Finished {
                kind: JobKind::Analysis,
                id: 7,
                status: JobStatus::Failed,
                text: "Import of a.fpr into project 3 (job 7) failed.".into(),
            },
        ];
        let stored = notices_to_storage(&notices);
        let read = notices_from_storage(&format!("{stored}\nnonsense\nalm\tx\tfailed\ty"));
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].text, "Run of Rally - Payments (job 412) succeeded.");
        assert_eq!(read[1], notices[1]);
    }
    use serde_json::json;

    fn job(id: i64, ready: bool, ok: bool) -> Job {
        serde_json::from_value(json!({"id": id, "ready": ready, "succeeded": ok,
            "connection": {"id": 1, "alias": "c", "system": "Rally"}}))
        .unwrap()
    }

    #[test]
    fn an_ending_is_said_once_and_only_for_watched_jobs() {
        let mut started = StartedJobs::default();
        started.add(JobKind::Alm, 412, "Run of Rally - Payments");
        assert_eq!(
            started.update(JobKind::Alm, &job(412, false, false)),
            None,
            "still running"
        );
        assert_eq!(
            started.update(JobKind::Alm, &job(7, true, true)),
            None,
            "not watched"
        );
        assert_eq!(
            started.update(JobKind::Analysis, &job(412, true, true)),
            None,
            "another kind's 412"
        );
        let done = started
            .update(JobKind::Alm, &job(412, true, false))
            .unwrap();
        assert_eq!(done.text, "Run of Rally - Payments (job 412) failed.");
        assert_eq!(done.status, JobStatus::Failed);
        assert_eq!(
            started.update(JobKind::Alm, &job(412, true, false)),
            None,
            "said once"
        );
        assert!(started.watched().is_empty());
    }

    #[test]
    fn storage_round_trips_and_skips_what_does_not_read() {
        let mut started = StartedJobs::default();
        started.add(JobKind::Alm, 1, "Run of A");
        started.add(JobKind::Analysis, 2, "Import of zap\nreport.xml");
        started.add(JobKind::Analysis, 2, "twice");
        let text = started.to_storage();
        assert_eq!(
            text,
            "alm\t1\tRun of A\nanalysis\t2\tImport of zap report.xml"
        );
        assert_eq!(StartedJobs::from_storage(&text), started);
        let read = StartedJobs::from_storage("nope\nalm\tx\ty\nldap\t3\tSync\n");
        assert_eq!(read.watched().len(), 1);
    }

    #[test]
    fn the_oldest_give_way_and_the_title_counts_what_is_unseen() {
        let mut started = StartedJobs::default();
        for id in 0..25 {
            started.add(JobKind::Ldap, id, "Sync");
        }
        assert_eq!(started.watched().len(), StartedJobs::LIMIT);
        assert_eq!(started.watched()[0].id, 5);
        assert_eq!(
            title_with_unseen("Jobs · Integration Console", 0),
            "Jobs · Integration Console"
        );
        assert_eq!(
            title_with_unseen("Jobs · Integration Console", 2),
            "(2) Jobs · Integration Console"
        );
    }
}
