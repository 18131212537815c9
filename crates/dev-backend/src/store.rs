//! The backend's data: users, connections, jobs and LDAP connections, as the real services would hold them,
//! and how a stored job is rendered into the API's shape (email or expanded user, params or none).

use console_api::timefmt::{format_rfc3339_micros, format_rfc3339_millis};
use console_api::{Connection, Job, JobKind, LdapConnection, User, UserRef};
use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};

/// A connection and which jobs endpoint it belongs to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredConnection {
    pub kind: JobKind,
    #[serde(flatten)]
    pub connection: Connection,
    /// Demo only: jobs of this connection fail with this message (a broken integration to look at).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fails_with: Option<String>,
}

/// A job as stored: users by email, the connection by id, the time as epoch milliseconds.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredJob {
    pub id: i64,
    pub kind: JobKind,
    pub connection: i64,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub triggered_by: Option<String>,
    pub succeeded: bool,
    pub automatic: bool,
    pub ready: bool,
    #[serde(default)]
    pub result_message: String,
    pub last_run_ms: i64,
    #[serde(default)]
    pub attachment: Option<String>,
}

/// Everything the backend serves. Also the format of `--data FILE` and of `--dump-data`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Data {
    pub users: Vec<User>,
    pub connections: Vec<StoredConnection>,
    pub jobs: Vec<StoredJob>,
    pub ldap_connections: Vec<LdapConnection>,
}

impl Data {
    pub fn connection(&self, id: i64) -> Option<&StoredConnection> {
        self.connections.iter().find(|c| c.connection.id == id)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email))
    }

    pub fn next_job_id(&self) -> i64 {
        self.jobs.iter().map(|j| j.id).max().unwrap_or(0) + 1
    }

    pub fn next_connection_id(&self) -> i64 {
        self.connections
            .iter()
            .map(|c| c.connection.id)
            .max()
            .unwrap_or(0)
            + 1
    }

    /// The job in the API's shape. `expand_*` turns the user emails into user objects (when the user is
    /// known); `with_params` is false for a token without the permission to see connection parameters.
    pub fn render(
        &self,
        job: &StoredJob,
        expand_user: bool,
        expand_triggered_by: bool,
        with_params: bool,
    ) -> Option<Job> {
        let stored = self.connection(job.connection)?;
        let mut connection = stored.connection.clone();
        if !with_params {
            connection.params = None;
        }
        let user_ref = |email: &Option<String>, expand: bool| {
            email.as_ref().map(|email| match self.user_by_email(email) {
                Some(user) if expand => UserRef::User(std::sync::Arc::new(user.clone())),
                _ => UserRef::Email(email.as_str().into()),
            })
        };
        Some(Job {
            id: job.id,
            user: user_ref(&job.user, expand_user),
            triggered_by: user_ref(&job.triggered_by, expand_triggered_by),
            succeeded: job.succeeded,
            automatic: job.automatic,
            ready: job.ready,
            result_message: Some(job.result_message.clone()),
            last_run: Some(format_rfc3339_micros(job.last_run_ms)),
            attachment: job.attachment.clone(),
            connection: connection.into(),
        })
    }
}

pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub fn now_rfc3339_millis() -> String {
    format_rfc3339_millis(now_millis())
}
