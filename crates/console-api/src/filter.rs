//! The jobs endpoints' server filters (`automatic`, `ready`, `succeeded`, `connection`, `user`), in one type
//! shared by the console's URL state, the API query string and the development backend's filtering.

use crate::job::{Job, UserRef};
use std::fmt;

/// Which jobs a list asks for. `None` means "any" for each filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobFilter {
    pub automatic: Option<bool>,
    pub ready: Option<bool>,
    pub succeeded: Option<bool>,
    /// A connection id, above 0.
    pub connection: Option<i64>,
    /// An email or a user id, trimmed and never blank.
    pub user: Option<String>,
}

/// One of the filter's query parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterParam {
    Automatic,
    Ready,
    Succeeded,
    Connection,
    User,
}

impl FilterParam {
    /// In the order they are written to a query string.
    pub const ALL: [FilterParam; 5] = [
        FilterParam::Automatic,
        FilterParam::Ready,
        FilterParam::Succeeded,
        FilterParam::Connection,
        FilterParam::User,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FilterParam::Automatic => "automatic",
            FilterParam::Ready => "ready",
            FilterParam::Succeeded => "succeeded",
            FilterParam::Connection => "connection",
            FilterParam::User => "user",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        FilterParam::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// A filter value that does not parse; the filter is then left unset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidFilter {
    pub param: FilterParam,
    pub value: String,
}

impl fmt::Display for InvalidFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = &self.value;
        match self.param {
            FilterParam::Automatic | FilterParam::Ready | FilterParam::Succeeded => {
                write!(f, "'{value}' is not a boolean: use true or false.")
            }
            FilterParam::Connection => write!(
                f,
                "'{value}' is not a valid id: a positive whole number is required."
            ),
            // A user is any text; only kept for completeness of the match.
            FilterParam::User => write!(f, "'{value}' is not a user."),
        }
    }
}

/// The one boolean of the jobs API's query strings: exactly `true` or `false`.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The query value of an optional boolean: `""` for any (the value of an "Any" choice), else `true`/`false`.
pub fn format_bool(value: Option<bool>) -> &'static str {
    match value {
        None => "",
        Some(true) => "true",
        Some(false) => "false",
    }
}

/// A job's state as an admin asks for it, in one choice. The API has two flags, and `succeeded=false`
/// alone also matches running jobs (they have not succeeded yet); "Failed" here means finished and not
/// succeeded, so it sends `ready=true&succeeded=false`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChoice {
    Any,
    Running,
    Finished,
    Succeeded,
    Failed,
}

impl StatusChoice {
    pub const ALL: [StatusChoice; 5] = [
        StatusChoice::Any,
        StatusChoice::Running,
        StatusChoice::Finished,
        StatusChoice::Succeeded,
        StatusChoice::Failed,
    ];

    /// The value of its `<option>`.
    pub fn value(self) -> &'static str {
        match self {
            StatusChoice::Any => "",
            StatusChoice::Running => "running",
            StatusChoice::Finished => "finished",
            StatusChoice::Succeeded => "succeeded",
            StatusChoice::Failed => "failed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusChoice::Any => "Any status",
            StatusChoice::Running => "Running",
            StatusChoice::Finished => "Finished",
            StatusChoice::Succeeded => "Succeeded",
            StatusChoice::Failed => "Failed",
        }
    }

    pub fn from_value(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.value() == value)
    }

    /// The `ready` and `succeeded` filters it sends.
    pub fn flags(self) -> (Option<bool>, Option<bool>) {
        match self {
            StatusChoice::Any => (None, None),
            StatusChoice::Running => (Some(false), None),
            StatusChoice::Finished => (Some(true), None),
            StatusChoice::Succeeded => (Some(true), Some(true)),
            StatusChoice::Failed => (Some(true), Some(false)),
        }
    }

    /// The choice a filter's flags are, or `None` for a pair no choice sends (`succeeded=false` alone from
    /// an older link, which the page then names as it is).
    pub fn of(filter: &JobFilter) -> Option<Self> {
        match (filter.ready, filter.succeeded) {
            // Only finished jobs have succeeded: the same jobs as with ready=true.
            (None, Some(true)) => Some(StatusChoice::Succeeded),
            flags => Self::ALL.into_iter().find(|c| c.flags() == flags),
        }
    }

    /// Sets `filter`'s two flags to this choice.
    pub fn apply(self, filter: &mut JobFilter) {
        (filter.ready, filter.succeeded) = self.flags();
    }
}

/// How the page names flags no [`StatusChoice`] sends, such as `succeeded=false` alone.
pub fn status_flags_label(filter: &JobFilter) -> String {
    let mut parts = Vec::new();
    if let Some(r) = filter.ready {
        parts.push(format!("ready={r}"));
    }
    if let Some(s) = filter.succeeded {
        parts.push(format!("succeeded={s}"));
    }
    format!("As in the link ({})", parts.join(", "))
}

impl JobFilter {
    /// Sets the filter `param` from its query value. A blank user means any user. On a value that does not
    /// parse the filter is cleared (a later value replaces an earlier one, as in a query string) and the
    /// value is returned in the error.
    pub fn set(&mut self, param: FilterParam, value: &str) -> Result<(), InvalidFilter> {
        let invalid = || InvalidFilter {
            param,
            value: value.to_string(),
        };
        let flag = |slot: &mut Option<bool>| {
            *slot = parse_bool(value);
            slot.map(|_| ()).ok_or_else(invalid)
        };
        match param {
            FilterParam::Automatic => flag(&mut self.automatic),
            FilterParam::Ready => flag(&mut self.ready),
            FilterParam::Succeeded => flag(&mut self.succeeded),
            FilterParam::Connection => {
                self.connection = value.parse::<i64>().ok().filter(|c| *c > 0);
                self.connection.map(|_| ()).ok_or_else(invalid)
            }
            FilterParam::User => {
                self.user = Some(value.trim().to_string()).filter(|u| !u.is_empty());
                Ok(())
            }
        }
    }

    /// The filter in decoded query pairs, ignoring other keys and values that do not parse (a hand-edited
    /// link shows the closest valid view rather than an error).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = JobFilter::default();
        for (key, value) in pairs {
            if let Some(param) = FilterParam::from_name(key) {
                // Lenient on purpose: see above.
                let _ = filter.set(param, value);
            }
        }
        filter
    }

    /// The set filters as query pairs (not yet encoded), always in the order of [`FilterParam::ALL`].
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        FilterParam::ALL
            .into_iter()
            .filter_map(|param| {
                let value = match param {
                    FilterParam::Automatic => self.automatic.map(|v| format_bool(Some(v)).into()),
                    FilterParam::Ready => self.ready.map(|v| format_bool(Some(v)).into()),
                    FilterParam::Succeeded => self.succeeded.map(|v| format_bool(Some(v)).into()),
                    FilterParam::Connection => self.connection.map(|c| c.to_string()),
                    FilterParam::User => self
                        .user
                        .as_deref()
                        .map(str::trim)
                        .filter(|u| !u.is_empty())
                        .map(str::to_string),
                };
                value.map(|v| (param.name(), v))
            })
            .collect()
    }

    /// Whether no filter is set: every job matches.
    pub fn is_empty(&self) -> bool {
        *self == JobFilter::default()
    }

    /// Whether `job` passes every set filter, as SD Elements filters. `user` is an email (compared without
    /// case) or, when it is a number, a user id; an id can only match a job whose user is expanded (the
    /// development backend expands users to filter), and a job without a user matches no user filter.
    pub fn matches(&self, job: &Job) -> bool {
        let user_matches = |wanted: &str| match (&job.user, wanted.parse::<i64>()) {
            (None, _) => false,
            (Some(UserRef::User(user)), Ok(id)) => user.id == id,
            (Some(UserRef::Email(_)), Ok(_)) => false,
            (Some(user), Err(_)) => user.email().eq_ignore_ascii_case(wanted),
        };
        self.automatic.is_none_or(|v| job.automatic == v)
            && self.ready.is_none_or(|v| job.ready == v)
            && self.succeeded.is_none_or(|v| job.succeeded == v)
            && self.connection.is_none_or(|c| job.connection.id == c)
            && self.user.as_deref().is_none_or(user_matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(user: serde_json::Value) -> Job {
        serde_json::from_value(json!({
            "id": 1, "user": user, "succeeded": true, "automatic": false, "ready": true,
            "connection": {"id": 23, "alias": "c", "system": "Rally"}
        }))
        .unwrap()
    }

    #[test]
    fn failed_means_finished_and_not_succeeded() {
        let mut f = JobFilter::default();
        StatusChoice::Failed.apply(&mut f);
        assert_eq!(
            f.to_pairs(),
            vec![
                ("ready", "true".to_string()),
                ("succeeded", "false".to_string())
            ]
        );
        StatusChoice::Running.apply(&mut f);
        assert_eq!(f.to_pairs(), vec![("ready", "false".to_string())]);
        for choice in StatusChoice::ALL {
            let mut f = JobFilter::default();
            choice.apply(&mut f);
            assert_eq!(StatusChoice::of(&f), Some(choice));
            assert_eq!(StatusChoice::from_value(choice.value()), Some(choice));
        }
    }

    #[test]
    fn status_flags_no_choice_sends_are_named() {
        let f = JobFilter::from_pairs([("succeeded", "false")]);
        assert_eq!(StatusChoice::of(&f), None);
        assert_eq!(status_flags_label(&f), "As in the link (succeeded=false)");
        let f = JobFilter::from_pairs([("succeeded", "true")]);
        assert_eq!(StatusChoice::of(&f), Some(StatusChoice::Succeeded));
        let f = JobFilter::from_pairs([("ready", "false"), ("succeeded", "true")]);
        assert_eq!(StatusChoice::of(&f), None);
    }

    #[test]
    fn booleans_are_exactly_true_or_false() {
        assert_eq!(parse_bool("true"), Some(true));
        assert_eq!(parse_bool("false"), Some(false));
        for other in ["", "True", "1", "0", "yes", " true"] {
            assert_eq!(parse_bool(other), None, "{other:?}");
        }
        for v in [None, Some(true), Some(false)] {
            assert_eq!(parse_bool(format_bool(v)), v);
        }
    }

    #[test]
    fn pairs_round_trip_in_a_stable_order() {
        let filter = JobFilter {
            automatic: Some(false),
            ready: Some(true),
            succeeded: Some(false),
            connection: Some(23),
            user: Some("a+b@x.com".into()),
        };
        let pairs = filter.to_pairs();
        let names: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names,
            ["automatic", "ready", "succeeded", "connection", "user"]
        );
        let back = JobFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, filter);
        assert!(JobFilter::default().to_pairs().is_empty());
    }

    #[test]
    fn bad_values_are_reported_and_leave_the_filter_unset() {
        let mut filter = JobFilter::default();
        let err = filter.set(FilterParam::Ready, "maybe").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'maybe' is not a boolean: use true or false."
        );
        assert_eq!(filter.ready, None);
        filter.set(FilterParam::Connection, "23").unwrap();
        assert!(filter.set(FilterParam::Connection, "-4").is_err());
        assert_eq!(filter.connection, None, "a later bad value replaces");
        filter.set(FilterParam::User, "   ").unwrap();
        assert!(filter.is_empty());
        let lenient = JobFilter::from_pairs([("ready", "2"), ("connection", "x"), ("q", "y")]);
        assert!(lenient.is_empty());
    }

    #[test]
    fn matches_each_filter() {
        let j = job(json!("Priya@Example.com"));
        assert!(JobFilter::default().matches(&j));
        let only = |f: JobFilter| f.matches(&j);
        assert!(only(JobFilter {
            automatic: Some(false),
            ..Default::default()
        }));
        assert!(!only(JobFilter {
            automatic: Some(true),
            ..Default::default()
        }));
        assert!(only(JobFilter {
            ready: Some(true),
            ..Default::default()
        }));
        assert!(!only(JobFilter {
            ready: Some(false),
            ..Default::default()
        }));
        assert!(!only(JobFilter {
            succeeded: Some(false),
            ..Default::default()
        }));
        assert!(only(JobFilter {
            connection: Some(23),
            ..Default::default()
        }));
        assert!(!only(JobFilter {
            connection: Some(24),
            ..Default::default()
        }));
        let user = |u: &str| JobFilter {
            user: Some(u.into()),
            ..Default::default()
        };
        assert!(only(user("priya@example.COM")), "emails ignore case");
        assert!(!only(user("4")), "an id needs the expanded user");
        let expanded = job(json!({"id": 4, "email": "priya@example.com"}));
        assert!(user("4").matches(&expanded));
        assert!(!user("5").matches(&expanded));
        assert!(user("PRIYA@example.com").matches(&expanded));
        let nobody = job(serde_json::Value::Null);
        assert!(!user("priya@example.com").matches(&nobody));
    }
}
