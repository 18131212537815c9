//! SD Elements API v2 jobs: the job, its connection and users, the request bodies, and a job's kind and status.

use crate::secret::{is_secret_key, MASK};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// One ALM, verification or LDAP job, as every jobs endpoint returns it. Unknown fields are ignored; every
/// field the documents leave out somewhere is optional.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: i64,
    /// Absent on a freshly started job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggered_by: Option<UserRef>,
    #[serde(default)]
    pub succeeded: bool,
    #[serde(default)]
    pub automatic: bool,
    #[serde(default)]
    pub ready: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run: Option<String>,
    /// `null`, a file name, or absent (some list examples).
    #[serde(default)]
    pub attachment: Option<String>,
    pub connection: Connection,
}

impl Job {
    pub fn status(&self) -> JobStatus {
        JobStatus::of(self.ready, self.succeeded)
    }

    pub fn result_message(&self) -> &str {
        self.result_message.as_deref().unwrap_or("")
    }
}

/// A job's user: an email string, or with `?expand=user,triggered_by` a user object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum UserRef {
    Email(String),
    User(Box<User>),
}

impl<'de> Deserialize<'de> for UserRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::json::either(
            deserializer,
            Value::is_string,
            |v| String::deserialize(v).map(UserRef::Email),
            |v| User::deserialize(v).map(|u| UserRef::User(Box::new(u))),
        )
    }
}

impl UserRef {
    pub fn email(&self) -> &str {
        match self {
            UserRef::Email(email) => email,
            UserRef::User(user) => &user.email,
        }
    }

    /// How a person reads it: "First Last <email>" for an expanded user, the email otherwise.
    pub fn label(&self) -> String {
        match self {
            UserRef::Email(email) => email.clone(),
            UserRef::User(user) => match user.display_name() {
                name if name == user.email => name,
                name => format!("{name} <{}>", user.email),
            },
        }
    }

    pub fn as_user(&self) -> Option<&User> {
        match self {
            UserRef::Email(_) => None,
            UserRef::User(user) => Some(user),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    /// `null` for a user who never signed in.
    #[serde(default)]
    pub last_login: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_joined: Option<String>,
    #[serde(default)]
    pub is_active: bool,
    #[serde(default)]
    pub is_superuser: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The documents only show empty lists; kept as raw values so any group shape parses.
    #[serde(default)]
    pub groups: Vec<Value>,
    #[serde(default)]
    pub password_reset_in_progress: bool,
}

impl User {
    /// "First Last", or the email when the user has no name.
    pub fn display_name(&self) -> String {
        let name = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = name.trim();
        if name.is_empty() {
            self.email.clone()
        } else {
            name.to_string()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
}

/// The connection a job belongs to. ALM and verification connections carry a `project`; LDAP ones do not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub id: i64,
    #[serde(default)]
    pub alias: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// Absent when the caller lacks the permission to see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Params>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<i64>,
    pub system: System,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inaccessible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_progress: Option<bool>,
    /// `null` in the document: kept as a present `Some(Value::Null)` so it serializes back.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub connector: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_mode: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_file_upload: Option<bool>,
}

/// A field that is present, whatever its value (even `null`), as `Some`.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// A connection's system: a plain name (`"Rally"`, `"LDAP"`) or, for file-upload connections, an object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum System {
    Name(String),
    Detail(SystemDetail),
}

impl<'de> Deserialize<'de> for System {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::json::either(
            deserializer,
            Value::is_string,
            |v| String::deserialize(v).map(System::Name),
            |v| SystemDetail::deserialize(v).map(System::Detail),
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SystemDetail {
    pub id: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub name: String,
}

impl System {
    /// The name to show a person.
    pub fn display_name(&self) -> &str {
        match self {
            System::Name(name) => name,
            System::Detail(d) if !d.name.is_empty() => &d.name,
            System::Detail(d) if !d.short_name.is_empty() => &d.short_name,
            System::Detail(d) => &d.id,
        }
    }

    pub fn is_ldap(&self) -> bool {
        match self {
            System::Name(name) => name.eq_ignore_ascii_case("ldap"),
            System::Detail(d) => d.id.eq_ignore_ascii_case("ldap"),
        }
    }
}

/// A connection's parameters: mixed values (strings, numbers, nested objects, strings holding JSON).
/// Some values are secrets (`alm_pass`): `Debug` masks them, and [`Params::display_rows`] is the way to show
/// them to a person.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Params(pub BTreeMap<String, Value>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// Key and value as text, secret values replaced by a mask, nested values as compact JSON.
    pub fn display_rows(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|(key, value)| {
                let shown = if is_secret_key(key) {
                    MASK.to_string()
                } else {
                    match value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }
                };
                (key.clone(), shown)
            })
            .collect()
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.display_rows()).finish()
    }
}

/// Body of `POST /api/v2/jobs/{kind}/` that starts a job (`ready: false` makes the import commence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartJobRequest {
    pub connection: i64,
    pub automatic: bool,
    pub ready: bool,
}

impl StartJobRequest {
    pub fn run_now(connection: i64) -> Self {
        Self {
            connection,
            automatic: false,
            ready: false,
        }
    }
}

/// Body of `POST /api/v2/jobs/{kind}/` that records a job's result. `ready` is optional and defaults to true.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobResultRequest {
    pub connection: i64,
    pub automatic: bool,
    pub result_message: String,
    pub succeeded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<bool>,
}

/// Which jobs endpoint: all jobs, or one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    #[default]
    All,
    Alm,
    Analysis,
    Ldap,
}

impl JobKind {
    pub const KINDS: [JobKind; 3] = [JobKind::Alm, JobKind::Analysis, JobKind::Ldap];

    /// The path below `/api/v2/jobs/`, with its trailing slash (empty for all jobs).
    pub fn path_segment(self) -> &'static str {
        match self {
            JobKind::All => "",
            JobKind::Alm => "alm/",
            JobKind::Analysis => "analysis/",
            JobKind::Ldap => "ldap/",
        }
    }

    /// The name used in the console's own routes.
    pub fn slug(self) -> &'static str {
        match self {
            JobKind::All => "all",
            JobKind::Alm => "alm",
            JobKind::Analysis => "analysis",
            JobKind::Ldap => "ldap",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug.to_ascii_lowercase().as_str() {
            "all" | "" => Some(JobKind::All),
            "alm" => Some(JobKind::Alm),
            "analysis" | "verification" => Some(JobKind::Analysis),
            "ldap" => Some(JobKind::Ldap),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            JobKind::All => "All jobs",
            JobKind::Alm => "ALM",
            JobKind::Analysis => "Verification",
            JobKind::Ldap => "LDAP",
        }
    }

    /// The kind of a job seen in the all-jobs list, where the API does not say it: an LDAP system is LDAP,
    /// ALM parameters (`alm_server`, `alm_*`) or an ALM sync command mean ALM, anything else is verification.
    /// Without params (no permission) the command is the remaining clue.
    pub fn derive(connection: &Connection) -> JobKind {
        if connection.system.is_ldap() || connection.command.as_deref() == Some("sync_ldap") {
            return JobKind::Ldap;
        }
        let has_alm_params = connection
            .params
            .as_ref()
            .is_some_and(|p| p.0.keys().any(|k| k.starts_with("alm_")));
        let alm_command = connection
            .command
            .as_deref()
            .is_some_and(|c| c.starts_with("sync_alm") || c.contains("alm"));
        if has_alm_params || alm_command {
            JobKind::Alm
        } else {
            JobKind::Analysis
        }
    }
}

/// A job's state as a person reads it, derived from `ready` and `succeeded`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobStatus {
    Running,
    Failed,
    Succeeded,
}

impl JobStatus {
    pub fn of(ready: bool, succeeded: bool) -> Self {
        match (ready, succeeded) {
            (false, _) => JobStatus::Running,
            (true, true) => JobStatus::Succeeded,
            (true, false) => JobStatus::Failed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            JobStatus::Running => "Running",
            JobStatus::Succeeded => "Succeeded",
            JobStatus::Failed => "Failed",
        }
    }

    /// A CSS-friendly name.
    pub fn css_class(self) -> &'static str {
        match self {
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_derives_from_ready_and_succeeded() {
        assert_eq!(JobStatus::of(false, false), JobStatus::Running);
        assert_eq!(JobStatus::of(false, true), JobStatus::Running);
        assert_eq!(JobStatus::of(true, true), JobStatus::Succeeded);
        assert_eq!(JobStatus::of(true, false), JobStatus::Failed);
    }

    #[test]
    fn kind_slugs_round_trip() {
        for kind in [JobKind::All, JobKind::Alm, JobKind::Analysis, JobKind::Ldap] {
            assert_eq!(JobKind::from_slug(kind.slug()), Some(kind));
        }
        assert_eq!(JobKind::from_slug("nope"), None);
    }

    #[test]
    fn params_debug_masks_secrets() {
        let params: Params =
            serde_json::from_str(r#"{"alm_pass": "hunter2", "alm_user": "bob"}"#).unwrap();
        let shown = format!("{params:?}");
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("bob"));
    }

    #[test]
    fn user_labels() {
        let email: UserRef = serde_json::from_str(r#""a@example.com""#).unwrap();
        assert_eq!(email.label(), "a@example.com");
        let user: UserRef = serde_json::from_str(
            r#"{"id": 1, "email": "a@example.com", "first_name": "Ada", "last_name": "Lovelace"}"#,
        )
        .unwrap();
        assert_eq!(user.label(), "Ada Lovelace <a@example.com>");
        let nameless: UserRef =
            serde_json::from_str(r#"{"id": 2, "email": "b@example.com"}"#).unwrap();
        assert_eq!(nameless.label(), "b@example.com");
    }

    #[test]
    fn system_names() {
        let plain: System = serde_json::from_str(r#""Rally""#).unwrap();
        assert_eq!(plain.display_name(), "Rally");
        let detail: System = serde_json::from_str(
            r#"{"id": "fortify_file_upload", "short_name": "Fortify", "name": "Fortify SSC"}"#,
        )
        .unwrap();
        assert_eq!(detail.display_name(), "Fortify SSC");
        assert!(serde_json::from_str::<System>(r#""LDAP""#)
            .unwrap()
            .is_ldap());
    }
}
