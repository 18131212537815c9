//! The console's own decoders: each response type read from a parsed [`Json`] document by hand.
//!
//! serde's derived decoders are kept for the development backend and the tests, where size does not
//! matter; in the console they were the largest single part of the bundle that was not the framework
//! (every field a visitor state, every type a copy of the machinery). These read the same documents with
//! a few lines per type and say *where* a document differs: `results[3].connection.id: expected an integer`
//! instead of serde's position-less "invalid type". The contract tests check that both decoders read every
//! documented response to the same value.
//!
//! Leniency is the documents' (see `json.rs`): unknown fields are ignored, a missing optional field is
//! `None` or its default, `null` reads as absent, and the either-shaped fields (`UserRef`, `System`, `Page`,
//! an LDAP id) are chosen by the value at hand.

use crate::job::{Connection, Job, Params, Role, System, SystemDetail, User, UserRef};
use crate::json_tree::{Json, SyntaxError};
use crate::ldap::LdapConnection;
use crate::list::Page;
use crate::secret::Secret;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Where a document differs from its type, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The path to the value, outermost first: `results`, `[3]`, `connection`, `id`.
    path: Vec<String>,
    expected: &'static str,
}

impl DecodeError {
    pub(crate) fn new(expected: &'static str) -> Self {
        Self {
            path: Vec::new(),
            expected,
        }
    }

    pub(crate) fn at(mut self, step: String) -> Self {
        self.path.insert(0, step);
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut path = String::new();
        for step in &self.path {
            if !path.is_empty() && !step.starts_with('[') {
                path.push('.');
            }
            path.push_str(step);
        }
        match path.is_empty() {
            true => write!(f, "expected {}", self.expected),
            false => write!(f, "{path}: expected {}", self.expected),
        }
    }
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Json) -> Result<Self, DecodeError>;
}

/// Parses `body` and reads `T` from it. Repeated keys keep their last value, as in `json::from_str_lenient`.
pub fn parse<T: FromJson>(body: &str) -> Result<T, ParseError> {
    let value = Json::parse(body).map_err(ParseError::Syntax)?;
    T::from_json(&value).map_err(ParseError::Shape)
}

/// Why a body could not be read: not JSON at all, or JSON of another shape.
#[derive(Debug)]
pub enum ParseError {
    Syntax(SyntaxError),
    Shape(DecodeError),
}

impl FromJson for Json {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }
}

impl FromJson for String {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        value
            .as_str()
            .map(str::to_string)
            .ok_or(DecodeError::new("a string"))
    }
}

impl FromJson for bool {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        value.as_bool().ok_or(DecodeError::new("true or false"))
    }
}

impl FromJson for i64 {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        value.as_i64().ok_or(DecodeError::new("an integer"))
    }
}

impl FromJson for u64 {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        value
            .as_u64()
            .ok_or(DecodeError::new("a non-negative integer"))
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let items = value.as_array().ok_or(DecodeError::new("a list"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_json(item).map_err(|e| e.at(format!("[{i}]"))))
            .collect()
    }
}

/// An object's fields, read by name.
pub(crate) struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    pub(crate) fn of(value: &'a Json) -> Result<Self, DecodeError> {
        value
            .as_object()
            .map(Fields)
            .ok_or(DecodeError::new("an object"))
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A field that must be there.
    pub(crate) fn required<T: FromJson>(&self, key: &str) -> Result<T, DecodeError> {
        match self.get(key) {
            Some(value) if !value.is_null() => {
                T::from_json(value).map_err(|e| e.at(key.to_string()))
            }
            _ => Err(DecodeError::new("a value").at(key.to_string())),
        }
    }

    /// A field that may be missing or `null`.
    pub(crate) fn optional<T: FromJson>(&self, key: &str) -> Result<Option<T>, DecodeError> {
        match self.get(key) {
            Some(value) if !value.is_null() => T::from_json(value)
                .map(Some)
                .map_err(|e| e.at(key.to_string())),
            _ => Ok(None),
        }
    }

    /// A field whose absence means its default (`false`, `""`, an empty list).
    fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, DecodeError> {
        self.optional(key).map(Option::unwrap_or_default)
    }
}

impl FromJson for Job {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let f = Fields::of(value)?;
        Ok(Job {
            id: f.required("id")?,
            user: f.optional("user")?,
            triggered_by: f.optional("triggered_by")?,
            succeeded: f.or_default("succeeded")?,
            automatic: f.or_default("automatic")?,
            ready: f.or_default("ready")?,
            result_message: f.optional("result_message")?,
            last_run: f.optional("last_run")?,
            attachment: f.optional("attachment")?,
            connection: Arc::new(f.required("connection")?),
        })
    }
}

/// Reads jobs sharing what repeats among them: in a list, each connection and each expanded user is
/// held once however many jobs carry it (50,000 jobs of 30 connections hold 30 connections), and so is
/// each user's email.
#[derive(Default)]
pub struct SharedParts {
    connections: Vec<Arc<Connection>>,
    users: Vec<Arc<User>>,
    emails: Vec<Arc<str>>,
}

impl SharedParts {
    pub fn job(&mut self, value: &Json) -> Result<Job, DecodeError> {
        let mut job = Job::from_json(value)?;
        share(&mut self.connections, &mut job.connection);
        for user in [&mut job.user, &mut job.triggered_by] {
            match user {
                Some(UserRef::User(user)) => share(&mut self.users, user),
                Some(UserRef::Email(email)) => share(&mut self.emails, email),
                None => {}
            }
        }
        Ok(job)
    }
}

/// How many distinct values of one kind are held for sharing. A list names tens of connections and
/// people; one naming more shares the first 256 and holds the rest once per job, so reading a job
/// compares with at most 256 held values however many the list names.
const SHARE_AT_MOST: usize = 256;

/// The copy already held when it is the same, otherwise this one, held from now on while fewer than
/// [`SHARE_AT_MOST`] are. Both types compare their `id` first.
fn share<T: PartialEq + ?Sized>(held: &mut Vec<Arc<T>>, value: &mut Arc<T>) {
    match held.iter().find(|same| **same == *value) {
        Some(same) => *value = same.clone(),
        None if held.len() < SHARE_AT_MOST => held.push(value.clone()),
        None => {}
    }
}

impl FromJson for UserRef {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        match value {
            Json::String(email) => Ok(UserRef::Email(email.as_str().into())),
            other => User::from_json(other).map(|u| UserRef::User(Arc::new(u))),
        }
    }
}

impl FromJson for User {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let f = Fields::of(value)?;
        Ok(User {
            id: f.required("id")?,
            email: f.required("email")?,
            first_name: f.or_default("first_name")?,
            last_name: f.or_default("last_name")?,
            last_login: f.optional("last_login")?,
            date_joined: f.optional("date_joined")?,
            is_active: f.or_default("is_active")?,
            is_superuser: f.or_default("is_superuser")?,
            role: f.optional("role")?,
            groups: f.or_default("groups")?,
            password_reset_in_progress: f.or_default("password_reset_in_progress")?,
        })
    }
}

impl FromJson for Role {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let f = Fields::of(value)?;
        Ok(Role {
            id: f.required("id")?,
            name: f.required("name")?,
        })
    }
}

impl FromJson for Connection {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let f = Fields::of(value)?;
        Ok(Connection {
            id: f.required("id")?,
            alias: f.or_default("alias")?,
            command: f.optional("command")?,
            frequency: f.optional("frequency")?,
            params: f.optional("params")?,
            project: f.optional("project")?,
            system: f.required("system")?,
            inaccessible: f.optional("inaccessible")?,
            in_progress: f.optional("in_progress")?,
            // Kept as sent, `null` included: its presence is what the documents show.
            connector: f.get("connector").cloned(),
            debug_mode: f.optional("debug_mode")?,
            is_file_upload: f.optional("is_file_upload")?,
        })
    }
}

impl FromJson for System {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        match value {
            Json::String(name) => Ok(System::Name(name.clone())),
            other => {
                let f = Fields::of(other)?;
                Ok(System::Detail(SystemDetail {
                    id: f.required("id")?,
                    short_name: f.or_default("short_name")?,
                    name: f.or_default("name")?,
                }))
            }
        }
    }
}

impl FromJson for Params {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let map = value.as_object().ok_or(DecodeError::new("an object"))?;
        // Inserted one by one: collecting would bring a second sort algorithm into the bundle.
        let mut params = BTreeMap::new();
        for (k, v) in map {
            params.insert(k.clone(), v.clone());
        }
        Ok(Params(params))
    }
}

impl<T: FromJson> FromJson for Page<T> {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        if value.is_array() {
            return Vec::from_json(value).map(Page::all);
        }
        let f = Fields::of(value)?;
        Ok(Page {
            count: f.optional("count")?,
            next: f.optional("next")?,
            previous: f.optional("previous")?,
            results: f.required("results")?,
        })
    }
}

impl FromJson for LdapConnection {
    fn from_json(value: &Json) -> Result<Self, DecodeError> {
        let f = Fields::of(value)?;
        // A string in the document (`"1000000"`); a number is accepted and kept as its text.
        let id = match f.get("id").and_then(Json::as_i64) {
            Some(n) => n.to_string(),
            _ => f.required("id")?,
        };
        Ok(LdapConnection {
            id,
            server_url: f.or_default("serverUrl")?,
            server_timeout: f.optional("serverTimeout")?,
            base_dn: f.or_default("baseDN")?,
            auth_filter: f.or_default("authFilter")?,
            manager_dn: f.or_default("managerDN")?,
            manager_password: f.optional::<String>("managerPassword")?.map(Secret::new),
            sync_filter: f.or_default("syncFilter")?,
            domain: f.or_default("domain")?,
            enabled: f.or_default("enabled")?,
            account_name_field: f.or_default("accountNameField")?,
            email_field: f.or_default("emailField")?,
            user_principal_name_field: f.or_default("userPrincipalNameField")?,
            fullname_field: f.or_default("fullnameField")?,
            status_field: f.or_default("statusField")?,
            status_disabled_value: f.or_default("statusDisabledValue")?,
            modified_at: f.optional("modifiedAt")?,
            created_at: f.optional("createdAt")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shape_error_names_where_it_is() {
        let body = r#"{"results": [{"id": 1, "connection": {"id": 2, "system": "Rally"}},
                                    {"id": 2, "connection": {"id": "x", "system": "Rally"}}]}"#;
        let Err(ParseError::Shape(e)) = parse::<Page<Job>>(body) else {
            panic!("a shape error");
        };
        assert_eq!(
            e.to_string(),
            "results[1].connection.id: expected an integer"
        );
        let Err(ParseError::Shape(e)) = parse::<Job>(r#"{"id": 1}"#) else {
            panic!("a shape error");
        };
        assert_eq!(e.to_string(), "connection: expected a value");
        assert!(matches!(parse::<Job>("{"), Err(ParseError::Syntax(_))));
    }

    #[test]
    fn sharing_holds_at_most_its_limit_of_each_kind() {
        // Past the limit a job still reads whole; it is only not held, so each job is compared with at
        // most SHARE_AT_MOST values however many distinct ones the list names.
        let mut parts = SharedParts::default();
        for i in 0..1000 {
            let text = format!(
                r#"{{"id":{i},"connection":{{"id":{i},"system":"JIRA"}},"triggered_by":"u{i}@example.com","user":{{"id":{i},"email":"u{i}@example.com"}}}}"#
            );
            let job = parts.job(&Json::parse(&text).unwrap()).unwrap();
            assert_eq!(job.connection.id, i);
        }
        assert_eq!(parts.connections.len(), SHARE_AT_MOST);
        assert_eq!(parts.users.len(), SHARE_AT_MOST);
        assert_eq!(parts.emails.len(), SHARE_AT_MOST);
    }

    #[test]
    fn null_reads_as_absent_and_repeated_keys_keep_the_last() {
        let job: Job = parse(
            r#"{"id": 1, "succeeded": false, "succeeded": true, "user": null, "last_run": null,
                "connection": {"id": 2, "system": {"id": "zap_file_upload"}, "connector": null}}"#,
        )
        .unwrap();
        assert!(job.succeeded && job.user.is_none() && job.last_run.is_none());
        assert_eq!(job.connection.connector, Some(Json::Null));
        assert_eq!(job.connection.system.display_name(), "zap_file_upload");
    }

    #[test]
    fn ldap_ids_may_be_numbers_and_lists_bare_arrays() {
        let list: Page<LdapConnection> = parse(r#"[{"id": 7}, {"id": "8"}]"#).unwrap();
        let ids: Vec<&str> = list.results.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["7", "8"]);
    }
}
