//! Query strings for the jobs endpoints: filters, expansion and pagination, in a stable order.

use crate::encoding::query_string;
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
        query_string(&pairs)
    }
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
}
