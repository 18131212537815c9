//! What a token may change, learned as early as each API tells, so the console disables what it cannot do
//! instead of letting the admin find out from a 403.
//!
//! SD Elements lists connection `params` only to tokens with the "Edit ALM connections" or "Edit
//! verification connections" permission; a list where no job carries them says the token cannot change
//! connections, and is treated as read-only. The access-service tells nothing before a change: its first 403
//! is remembered. A 403 on any change is remembered for the session, per service.

use crate::error::{ApiError, ErrorKind, Service};
use crate::job::Job;

/// What the console knows of a token's right to change things on one service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WriteAccess {
    /// Nothing says it cannot: controls are on.
    #[default]
    Unknown,
    /// The jobs API hid every listed job's connection parameters.
    HiddenParams,
    /// The admin chose to try anyway after [`WriteAccess::HiddenParams`]; only a 403 changes it now.
    TryAnyway,
    /// A change was refused with 403 in this session.
    Refused,
}

impl WriteAccess {
    /// After a list of jobs: read-only when there were jobs and none came with parameters; any job with
    /// them shows the token may edit connections.
    pub fn after_jobs<'a>(self, jobs: impl IntoIterator<Item = &'a Job>) -> Self {
        if matches!(self, WriteAccess::Refused | WriteAccess::TryAnyway) {
            return self;
        }
        let mut seen = false;
        for job in jobs {
            if job.connection.params.is_some() {
                return WriteAccess::Unknown;
            }
            seen = true;
        }
        if seen {
            WriteAccess::HiddenParams
        } else {
            self
        }
    }

    /// After a change failed with `error`: a 403 is remembered.
    pub fn after_write_error(self, error: &ApiError) -> Self {
        if error.kind == ErrorKind::Forbidden {
            WriteAccess::Refused
        } else {
            self
        }
    }

    /// Whether controls that change things on the service are disabled.
    pub fn read_only(self) -> bool {
        matches!(self, WriteAccess::HiddenParams | WriteAccess::Refused)
    }

    /// The banner: what the token cannot do and how the console knows, or `None` when it may try.
    pub fn banner(self, service: Service) -> Option<String> {
        let what = match service {
            Service::SdElements => {
                "SD Elements token cannot start jobs, record results or upload reports"
            }
            Service::AccessService => "access-service token cannot change LDAP connections",
        };
        let how = match self {
            WriteAccess::HiddenParams => {
                "SD Elements hides connection settings from it, which it does for tokens without the Edit connections permission."
            }
            WriteAccess::Refused => "A change was refused: permission denied (HTTP 403).",
            _ => return None,
        };
        Some(format!(
            "Read-only: your {what}. {how} To change things, save a token with write permission in Settings."
        ))
    }
}

/// The reason beside a control a read-only token rules out.
pub fn read_only_reason(action: &str) -> String {
    format!("Read-only token: it cannot {action}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(params: bool) -> Job {
        let mut connection = json!({"id": 2, "alias": "c", "system": "Rally"});
        if params {
            connection["params"] = json!({"alm_server": "x"});
        }
        serde_json::from_value(json!({"id": 1, "ready": true, "connection": connection})).unwrap()
    }

    #[test]
    fn a_list_without_params_means_read_only_and_one_with_them_does_not() {
        let hidden = [job(false), job(false)];
        assert_eq!(
            WriteAccess::Unknown.after_jobs(&hidden),
            WriteAccess::HiddenParams
        );
        assert!(WriteAccess::HiddenParams.read_only());
        let mixed = [job(false), job(true)];
        assert_eq!(
            WriteAccess::HiddenParams.after_jobs(&mixed),
            WriteAccess::Unknown
        );
        // An empty list says nothing.
        assert_eq!(
            WriteAccess::HiddenParams.after_jobs(&[]),
            WriteAccess::HiddenParams
        );
        assert_eq!(WriteAccess::Unknown.after_jobs(&[]), WriteAccess::Unknown);
    }

    #[test]
    fn a_403_is_remembered_and_nothing_else_is() {
        let forbidden = ApiError::new(Service::AccessService, ErrorKind::Forbidden);
        let down = ApiError::new(Service::AccessService, ErrorKind::Server { status: 502 });
        assert_eq!(
            WriteAccess::Unknown.after_write_error(&down),
            WriteAccess::Unknown
        );
        let refused = WriteAccess::Unknown.after_write_error(&forbidden);
        assert_eq!(refused, WriteAccess::Refused);
        assert_eq!(refused.after_jobs(&[job(true)]), WriteAccess::Refused);
        assert!(refused.read_only());
        assert_eq!(
            WriteAccess::TryAnyway.after_write_error(&forbidden),
            WriteAccess::Refused
        );
    }

    #[test]
    fn trying_anyway_is_not_undone_by_the_next_list() {
        assert_eq!(
            WriteAccess::TryAnyway.after_jobs(&[job(false)]),
            WriteAccess::TryAnyway
        );
        assert!(!WriteAccess::TryAnyway.read_only());
    }

    #[test]
    fn the_banner_says_what_and_how() {
        let b = WriteAccess::HiddenParams
            .banner(Service::SdElements)
            .unwrap();
        assert!(
            b.starts_with("Read-only: your SD Elements token cannot start jobs"),
            "{b}"
        );
        let b = WriteAccess::Refused.banner(Service::AccessService).unwrap();
        assert!(
            b.contains("cannot change LDAP connections") && b.contains("403"),
            "{b}"
        );
        assert_eq!(WriteAccess::Unknown.banner(Service::SdElements), None);
        assert_eq!(WriteAccess::TryAnyway.banner(Service::SdElements), None);
    }
}
