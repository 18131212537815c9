//! SD Elements API v2 jobs: the job, its connection and users, the request bodies, and a job's kind and status.

use crate::json_tree::Json;
use crate::secret::{shown_param, ShownParam, MASK};
use crate::upload::{UploadSystem, UPLOAD_SYSTEMS};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

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
    /// Shared: the jobs of one connection carry the same one (see `from_json::JobDecoder`).
    pub connection: Arc<Connection>,
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
    /// Shared, as the connection is (see `from_json::SharedParts`).
    Email(Arc<str>),
    /// Shared, as the connection is: the same person is on thousands of jobs.
    User(Arc<User>),
}

impl<'de> Deserialize<'de> for UserRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::json::either(
            deserializer,
            Value::is_string,
            |v| String::deserialize(v).map(|e| UserRef::Email(e.into())),
            |v| User::deserialize(v).map(|u| UserRef::User(Arc::new(u))),
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
            UserRef::Email(email) => email.to_string(),
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
    pub groups: Vec<Json>,
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
    /// `null` in the document: kept as a present `Some(Json::Null)` so it serializes back.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub connector: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_mode: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_file_upload: Option<bool>,
}

/// A field that is present, whatever its value (even `null`), as `Some`.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Json>, D::Error> {
    Json::deserialize(deserializer).map(Some)
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

    /// Whether this is an issue tracker SD Elements syncs tasks with (its ALM integrations), by id or name,
    /// ignoring case. It only makes ALM the likelier kind: a tracker's name proves nothing by itself.
    pub fn is_alm_tool(&self) -> bool {
        const TRACKERS: [&str; 9] = [
            "jira",
            "rally",
            "tfs",
            "azure devops",
            "azure_devops",
            "hp alm",
            "micro focus alm",
            "github",
            "gitlab",
        ];
        let name = match self {
            System::Name(name) => name,
            System::Detail(d) => &d.id,
        };
        TRACKERS.iter().any(|t| t.eq_ignore_ascii_case(name))
    }

    /// The scanner this system is, if it is one reports are uploaded from: an object by its id, a plain name
    /// by the scanner's id or either of its names, ignoring case (the documents write `"Whitehat"`).
    pub fn upload_system(&self) -> Option<&'static UploadSystem> {
        UPLOAD_SYSTEMS.iter().find(|s| match self {
            System::Detail(d) => d.id == s.id,
            System::Name(name) => [s.id, s.name, s.full_name]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(name)),
        })
    }

    /// A file-upload system object (`{"id": "fortify_file_upload", ...}`), which only the verification
    /// report import creates.
    fn is_file_upload(&self) -> bool {
        match self {
            System::Detail(d) => d.id.ends_with("_file_upload"),
            System::Name(_) => false,
        }
    }
}

/// A connection's parameters: mixed values (strings, numbers, nested objects, strings holding JSON).
/// Some values are secrets (`alm_pass`): `Debug` masks them, and [`Params::display_rows`] is the way to show
/// them to a person.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Params(pub BTreeMap<String, Json>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.get(key)
    }

    /// Each parameter as the job page shows it (see [`crate::secret`]): harmless values as text with
    /// whatever secret they hold masked (nested values as compact JSON), secrets never, the rest on request.
    pub fn display_rows(&self) -> Vec<(String, ShownParam)> {
        self.0
            .iter()
            .map(|(key, value)| (key.clone(), shown_param(key, value)))
            .collect()
    }
}

/// Only what the page would show without asking: hidden values are masked too.
impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self
            .display_rows()
            .into_iter()
            .map(|(key, shown)| match shown {
                ShownParam::Clear(text) => (key, text),
                ShownParam::Secret | ShownParam::Hidden(_) => (key, MASK.to_string()),
            });
        f.debug_map().entries(rows).finish()
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

    /// The likely kind of a job seen in the all-jobs list: [`JobKind::guess`]'s kind.
    pub fn derive(connection: &Connection) -> JobKind {
        JobKind::guess(connection).kind
    }

    /// The kind of a job seen in the all-jobs list, where the API does not say it, and whether that is
    /// certain. The documents give no kind field, so only these are certain:
    /// - an `LDAP` system or the `sync_ldap` command (every LDAP example has both): LDAP;
    /// - ALM parameters (`alm_server`, `alm_*`): ALM;
    /// - a file-upload system object (`*_file_upload`) or `is_file_upload: true`, which only the
    ///   verification report import creates: verification;
    /// - parameters without `alm_*` keys on a scanner's system ([`System::upload_system`]): verification.
    ///
    /// Anything else is a guess: an issue tracker's system (Jira, Rally…) or an ALM-looking command
    /// (`sync_alm_*`) says ALM, the rest verification.
    /// That is where a token without permission to see params lands for ALM and most verification jobs
    /// (the documents' own examples all use the command `run_my_connection`); the app then asks the kind
    /// endpoints, in [`KindGuess::candidates`] order.
    pub fn guess(connection: &Connection) -> KindGuess {
        let certain = |kind| KindGuess {
            kind,
            certain: true,
        };
        if connection.system.is_ldap() || connection.command.as_deref() == Some("sync_ldap") {
            return certain(JobKind::Ldap);
        }
        let params = connection.params.as_ref();
        if params.is_some_and(|p| p.0.keys().any(|k| k.starts_with("alm_"))) {
            return certain(JobKind::Alm);
        }
        if connection.system.is_file_upload() || connection.is_file_upload == Some(true) {
            return certain(JobKind::Analysis);
        }
        if params.is_some() && connection.system.upload_system().is_some() {
            return certain(JobKind::Analysis);
        }
        let alm_like = connection.system.is_alm_tool()
            || connection
                .command
                .as_deref()
                .is_some_and(|c| c.starts_with("sync_alm") || c.contains("alm"));
        KindGuess {
            kind: if alm_like {
                JobKind::Alm
            } else {
                JobKind::Analysis
            },
            certain: false,
        }
    }
}

/// A job's kind as far as its connection tells: see [`JobKind::guess`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KindGuess {
    pub kind: JobKind,
    /// Whether the connection proves the kind; otherwise the job must be looked up by kind before a link
    /// to its page or a run is offered.
    pub certain: bool,
}

impl KindGuess {
    /// The kinds to try, the likely one first, then the others in [`JobKind::KINDS`] order.
    pub fn candidates(&self) -> [JobKind; 3] {
        let mut kinds = JobKind::KINDS;
        if let Some(i) = kinds.iter().position(|k| *k == self.kind) {
            kinds[..=i].rotate_right(1);
        }
        kinds
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

    fn connection(value: serde_json::Value) -> Connection {
        serde_json::from_value(value).unwrap()
    }

    fn guess(value: serde_json::Value) -> (JobKind, bool) {
        let g = JobKind::guess(&connection(value));
        (g.kind, g.certain)
    }

    #[test]
    fn kind_guess_with_params_is_certain_where_the_params_prove_it() {
        use serde_json::json;
        assert_eq!(
            guess(
                json!({"id": 1, "system": "LDAP", "command": "sync_ldap", "params": {"base_dn": "x"}})
            ),
            (JobKind::Ldap, true)
        );
        assert_eq!(
            guess(
                json!({"id": 1, "system": "Rally", "command": "run_my_connection",
                "params": {"alm_server": "rally1.rallydev.com", "alm_pass": "x"}})
            ),
            (JobKind::Alm, true)
        );
        assert_eq!(
            guess(
                json!({"id": 1, "system": "Whitehat", "command": "run_my_connection",
                "params": {"asset_name": "WebGoat Java"}})
            ),
            (JobKind::Analysis, true),
            "a scanner's system, named as the documents write it"
        );
        assert_eq!(
            guess(
                json!({"id": 1, "system": "Jenkins", "command": "run_my_connection",
                "params": {"server": "x"}})
            ),
            (JobKind::Analysis, false),
            "params without alm_* on a system that is no known scanner prove nothing"
        );
        assert_eq!(
            guess(json!({"id": 1, "system": "JIRA", "command": "sync_alm_jira", "params": {}})),
            (JobKind::Alm, false)
        );
    }

    #[test]
    fn kind_guess_without_params_is_certain_only_for_ldap_and_file_uploads() {
        use serde_json::json;
        assert_eq!(
            guess(json!({"id": 1, "system": "LDAP"})),
            (JobKind::Ldap, true)
        );
        assert_eq!(
            guess(json!({"id": 1, "system": "Custom", "command": "sync_ldap"})),
            (JobKind::Ldap, true)
        );
        let rally = json!({"id": 13, "alias": "Rally Sync", "system": "Rally", "command": "run_my_connection"});
        assert_eq!(
            guess(rally.clone()),
            (JobKind::Alm, false),
            "a tracker is likely ALM"
        );
        assert_eq!(
            JobKind::guess(&connection(rally)).candidates(),
            [JobKind::Alm, JobKind::Analysis, JobKind::Ldap]
        );
        let jenkins = json!({"id": 3, "system": "Jenkins", "command": "run_my_connection"});
        assert_eq!(guess(jenkins.clone()), (JobKind::Analysis, false));
        assert_eq!(
            JobKind::guess(&connection(jenkins)).candidates(),
            [JobKind::Analysis, JobKind::Alm, JobKind::Ldap]
        );
        assert_eq!(
            guess(json!({"id": 1, "system": "JIRA", "command": "sync_alm_jira"})),
            (JobKind::Alm, false)
        );
        assert_eq!(
            guess(json!({"id": 1, "system": "Whitehat", "command": "run_my_connection"})),
            (JobKind::Analysis, false),
            "a scanner's name without params proves nothing the documents promise"
        );
        assert_eq!(
            guess(
                json!({"id": 1, "system": {"id": "fortify_file_upload", "short_name": "Fortify",
                "name": "Fortify Software Security Center"}, "command": "import_fortify"})
            ),
            (JobKind::Analysis, true)
        );
        assert_eq!(
            guess(json!({"id": 1, "system": "Fortify", "is_file_upload": true})),
            (JobKind::Analysis, true)
        );
    }

    #[test]
    fn candidates_put_the_likely_kind_first() {
        let of = |kind| {
            KindGuess {
                kind,
                certain: false,
            }
            .candidates()
        };
        assert_eq!(
            of(JobKind::Alm),
            [JobKind::Alm, JobKind::Analysis, JobKind::Ldap]
        );
        assert_eq!(
            of(JobKind::Analysis),
            [JobKind::Analysis, JobKind::Alm, JobKind::Ldap]
        );
        assert_eq!(
            of(JobKind::Ldap),
            [JobKind::Ldap, JobKind::Alm, JobKind::Analysis]
        );
        assert_eq!(of(JobKind::All), JobKind::KINDS);
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
