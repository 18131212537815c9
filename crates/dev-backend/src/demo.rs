//! Demo data that looks like a real SD Elements installation: a handful of people, ALM, verification and
//! LDAP connections (one of them broken), a few hundred jobs over the last two months with some still
//! running, and the access-service's LDAP connections. Deterministic for a given seed and clock.

use crate::store::{Data, StoredConnection, StoredJob};
use console_api::timefmt::format_rfc3339_millis;
use console_api::{JobKind, LdapConnection, Secret, User};
use serde_json::{json, Value};

/// A small deterministic generator (64-bit LCG): the demo needs variety, not statistics.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u32) -> u32 {
        self.next_u32() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u32) as usize]
    }
}

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const AUDITOR_EMAIL: &str = "auditor@example.com";
pub const SERVICE_BOT_EMAIL: &str = "no-reply+admin@localhost";

fn users() -> Vec<User> {
    let joined = "2018-03-21T14:57:22.661977-04:00";
    let role = |id: &str, name: &str| json!({"id": id, "name": name});
    serde_json::from_value(json!([
        {"id": 1, "email": ADMIN_EMAIL, "first_name": "Admin", "last_name": "Testerton",
         "last_login": "2026-11-20T14:53:54.861971-04:00", "date_joined": "2011-05-25T11:37:55-04:00",
         "is_active": true, "is_superuser": true, "role": role("UR4", "Administrator"),
         "groups": [{"id": 1, "name": "Security"}], "password_reset_in_progress": false},
        {"id": 3, "email": SERVICE_BOT_EMAIL, "first_name": "SD Elements", "last_name": "Service-Bot",
         "last_login": null, "date_joined": joined, "is_active": false, "is_superuser": true,
         "role": role("UR5", "No Role"), "groups": [], "password_reset_in_progress": false},
        {"id": 4, "email": "priya.raman@example.com", "first_name": "Priya", "last_name": "Raman",
         "last_login": "2026-11-21T09:12:03.100000Z", "date_joined": joined, "is_active": true,
         "is_superuser": false, "role": role("UR3", "Security Lead"),
         "groups": [{"id": 2, "name": "AppSec"}, {"id": 3, "name": "Payments"}],
         "password_reset_in_progress": false},
        {"id": 5, "email": "marc.dubois@example.com", "first_name": "Marc", "last_name": "Dubois",
         "last_login": "2026-10-30T16:40:00Z", "date_joined": joined, "is_active": true, "is_superuser": false,
         "role": role("UR2", "Developer"), "groups": [{"id": 3, "name": "Payments"}],
         "password_reset_in_progress": true},
        {"id": 6, "email": AUDITOR_EMAIL, "first_name": "Ada", "last_name": "Auditor",
         "last_login": "2026-11-01T08:00:00Z", "date_joined": joined, "is_active": true, "is_superuser": false,
         "role": role("UR6", "Read Only"), "groups": [], "password_reset_in_progress": false},
    ]))
    .expect("demo users are valid")
}

fn alm_params(server: &str, user: &str, project: &str) -> Value {
    json!({
        "sde_project": "Payments Gateway",
        "alm_auth_mode": "basic",
        "alm_user": user,
        "sde_verification_filter": "none,partial,pass,fail",
        "alm_method": "https",
        "alm_title_format": "$task_id $title",
        "alm_server": server,
        "sde_businessunit": "General",
        "sde_application": "Payments",
        "alm_project": project,
        "alm_pass": "demo-alm-password",
        "alm_phases": "requirements,architecture-design,development",
        "sde_statuses_in_scope": "TODO",
        "conflict_policy": "alm",
        "sde_min_priority": 7
    })
}

/// A stored connection from its API shape (`id`, `alias`, `system`, `frequency`, `command`, `params`, ...).
fn connection(kind: JobKind, mut api: Value) -> StoredConnection {
    if kind == JobKind::Ldap {
        api["inaccessible"] = json!(false);
    }
    StoredConnection {
        kind,
        connection: serde_json::from_value(api).expect("demo connections are valid"),
        fails_with: None,
    }
}

fn connections() -> Vec<StoredConnection> {
    let alm = |id: i64, alias: &str, system: &str, frequency: &str, params: Value, project: i64| {
        // One connection names no kind in its command, as the documents' own examples do
        // (`run_my_connection`): without params (a read-only token) its kind cannot be told from the job.
        let command = if id == 15 {
            "run_my_connection".to_string()
        } else {
            format!("sync_alm_{}", system.to_ascii_lowercase())
        };
        connection(
            JobKind::Alm,
            json!({"id": id, "alias": alias, "system": system, "frequency": frequency,
                                        "command": command, "params": params, "project": project}),
        )
    };
    let mut list = vec![
        alm(
            12,
            "Rally - Payments",
            "Rally",
            "daily",
            alm_params("rally1.rallydev.com", "rally_user", "Payments"),
            7,
        ),
        alm(
            14,
            "Jira - Mobile App",
            "JIRA",
            "hourly",
            alm_params("jira.example.com", "sde-sync", "MOB"),
            8,
        ),
        alm(
            15,
            "Jira - Legacy Portal",
            "JIRA",
            "weekly",
            alm_params("jira-legacy.example.com", "sde-sync", "LEG"),
            9,
        ),
        connection(
            JobKind::Analysis,
            json!({"id": 23, "alias": "Fortify SSC - Payments", "system": "Fortify",
            "frequency": "daily", "command": "import_fortify", "project": 7,
            "params": {"analysis_server": "fortify.example.com", "import_behaviour": "replace-scanner",
                       "task_status_mapping": "{}", "fortify_token": "demo-fortify-token"}}),
        ),
        connection(
            JobKind::Analysis,
            json!({"id": 24, "alias": "WhiteHat - WebGoat", "system": "Whitehat",
            "frequency": "weekly", "command": "run_my_connection", "project": 8,
            "params": {"asset_name": "WebGoat Java", "sde_project": "WhiteHat", "sde_businessunit": "General",
                       "sde_application": "Demo Application", "import_behaviour": "replace-scanner",
                       "analysis_server": "server.whitehatsec.com", "task_status_mapping": "{}"}}),
        ),
        connection(
            JobKind::Analysis,
            json!({"id": 25, "alias": "File Upload Connection - Checkmarx",
            "system": {"id": "checkmarx_file_upload", "short_name": "Checkmarx", "name": "Checkmarx CxSAST"},
            "frequency": "manually", "command": "import_checkmarx", "project": 7,
            "params": {"file_upload": "checkmarx-report.xml"}, "in_progress": false, "connector": null,
            "debug_mode": false, "is_file_upload": true}),
        ),
        connection(
            JobKind::Ldap,
            json!({"id": 29, "alias": "gg'", "system": "LDAP", "frequency": "manually",
            "command": "sync_ldap",
            "params": {"group_base_dn": "OU=SyncGroups,DC=example,DC=com",
                       "ldap_server": "geneva.labs.sdelements.com:389",
                       "bind_dn": "CN=Bind User2,CN=Users,DC=labs,DC=sdelements,DC=com",
                       "user_schema": {"first_name": "gn", "last_name": "sn", "email": "mail", "full_name": "cn"},
                       "deactivation": false, "group_member_query": "(&(objectClass=user)(memberOf=%s))",
                       "page_size": 666, "base_dn": "DC=labs,DC=sdelements,DC=com", "ldap_method": "LDAP",
                       "ldap_validate_cert": true}}),
        ),
        connection(
            JobKind::Ldap,
            json!({"id": 30, "alias": "Corporate directory", "system": "LDAP",
            "frequency": "daily", "command": "sync_ldap",
            "params": {"ldap_server": "ldap.xy-company.com:636", "ldap_method": "LDAPS",
                       "bind_dn": "cn=server sync,cn=users,dc=xy-company,dc=com",
                       "base_dn": "ou=users,dc=xy-company,dc=com", "bind_password": "demo-bind-password",
                       "ldap_validate_cert": true, "page_size": 500}}),
        ),
    ];
    list[2].fails_with = Some(
        "Could not connect to https://jira-legacy.example.com: connection timed out after 30 s"
            .into(),
    );
    list
}

fn ldap_connections(now_ms: i64) -> Vec<LdapConnection> {
    let base = LdapConnection {
        id: "1000000".into(),
        server_url: "ldap://ldap.xy-company.com".into(),
        server_timeout: Some(30000),
        base_dn: "ou=users,dc=xy-company,dc=com".into(),
        auth_filter: "userPrincipalName={0}".into(),
        manager_dn: "cn=server sync,cn=users,dc=xy-company,dc=com".into(),
        manager_password: Some(Secret::new("password")),
        sync_filter:
            "(&(memberOf=ou=users,dc=xy-company,dc=com)(userPrincipalName=*@xy-company.com))".into(),
        domain: "XY-COMPANY".into(),
        enabled: true,
        account_name_field: "sAMAccountName".into(),
        email_field: "mail".into(),
        user_principal_name_field: "userPrincipalName".into(),
        fullname_field: "name".into(),
        status_field: "userAccountControl".into(),
        status_disabled_value: "2".into(),
        modified_at: Some("2016-10-27T01:27:42.429Z".into()),
        created_at: Some("2016-10-27T00:39:55.604Z".into()),
    };
    vec![
        base.clone(),
        LdapConnection {
            id: "1000001".into(),
            server_url: "ldaps://dc01.emea.xy-company.com:636".into(),
            server_timeout: Some(15000),
            base_dn: "ou=staff,dc=emea,dc=xy-company,dc=com".into(),
            auth_filter: "(sAMAccountName={0})".into(),
            manager_dn: "cn=svc-sde,ou=service,dc=emea,dc=xy-company,dc=com".into(),
            manager_password: Some(Secret::new("emea-secret")),
            sync_filter: "(&(objectClass=person)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))"
                .into(),
            domain: "EMEA".into(),
            modified_at: Some(format_rfc3339_millis(now_ms - 3 * 86_400_000)),
            created_at: Some("2021-02-11T10:00:00.000Z".into()),
            ..base.clone()
        },
        LdapConnection {
            id: "1000002".into(),
            server_url: "ldaps://ldap.contractors.example.org".into(),
            base_dn: "ou=people,dc=contractors,dc=example,dc=org".into(),
            manager_dn: "uid=binder,ou=system,dc=contractors,dc=example,dc=org".into(),
            manager_password: Some(Secret::new("contractor-secret")),
            sync_filter: "(objectClass=inetOrgPerson)".into(),
            auth_filter: "(uid={0})".into(),
            domain: "CONTRACTORS".into(),
            enabled: false,
            account_name_field: "uid".into(),
            user_principal_name_field: "uid".into(),
            fullname_field: "cn".into(),
            status_field: "nsAccountLock".into(),
            status_disabled_value: "true".into(),
            modified_at: Some(format_rfc3339_millis(now_ms - 40 * 86_400_000)),
            created_at: Some("2023-06-01T12:30:00.000Z".into()),
            ..base
        },
    ]
}

const SUCCESS_MESSAGES: [&str; 4] = [
    "",
    "Synchronized 42 tasks",
    "Imported 17 findings, 3 tasks updated",
    "No changes",
];
const FAILURE_MESSAGES: [&str; 4] = [
    "Authentication failed for user rally_user: check the ALM credentials",
    "The scanner report could not be parsed: unexpected element <Vulnerability>",
    "Project 'LEG' not found on the ALM server",
    "LDAP bind failed: invalid credentials (49)",
];

/// The demo installation with `job_count` jobs ending at `now_ms`. The newest few are still running.
pub fn demo_data(job_count: usize, seed: u64, now_ms: i64) -> Data {
    let users = users();
    let connections = connections();
    let mut rng = Rng::new(seed);
    let people = [
        ADMIN_EMAIL,
        "priya.raman@example.com",
        "marc.dubois@example.com",
    ];
    let span_ms: i64 = 60 * 86_400_000;
    let step = (span_ms / job_count.max(1) as i64).max(1);
    let mut jobs = Vec::with_capacity(job_count);
    for i in 0..job_count {
        let stored = rng.pick(&connections);
        let automatic = rng.below(3) > 0;
        let running = i < 3;
        let succeeded = !running && stored.fails_with.is_none() && rng.below(7) > 0;
        let result_message = if running {
            String::new()
        } else if let Some(message) = &stored.fails_with {
            message.clone()
        } else if succeeded {
            rng.pick(&SUCCESS_MESSAGES).to_string()
        } else {
            // A failure that fits the kind: an LDAP job does not fail on an ALM project.
            let fitting: &[&str] = match stored.kind {
                JobKind::Ldap => &FAILURE_MESSAGES[3..],
                JobKind::Analysis => &FAILURE_MESSAGES[1..2],
                _ => &[FAILURE_MESSAGES[0], FAILURE_MESSAGES[2]],
            };
            rng.pick(fitting).to_string()
        };
        let triggered_by = if automatic {
            ADMIN_EMAIL // automatic jobs run as the service bot, scheduled by an admin
        } else {
            rng.pick(&people)
        };
        jobs.push(StoredJob {
            id: (job_count - i) as i64 + 100,
            kind: stored.kind,
            connection: stored.connection.id,
            user: Some(
                if automatic {
                    SERVICE_BOT_EMAIL
                } else {
                    triggered_by
                }
                .to_string(),
            ),
            triggered_by: Some(triggered_by.to_string()),
            succeeded,
            automatic,
            ready: !running,
            result_message,
            // The running jobs started moments ago; the rest spread over the last two months.
            last_run_ms: if running {
                now_ms - (i as i64 + 1) * 20_000
            } else {
                now_ms - i as i64 * step - i64::from(rng.below(step.min(u32::MAX as i64) as u32))
            },
            attachment: stored
                .connection
                .is_file_upload
                .and(Some("checkmarx-report.xml".to_string())),
        });
    }
    Data {
        users,
        connections,
        jobs,
        ldap_connections: ldap_connections(now_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_and_varied() {
        let a = demo_data(300, 7, 1_700_000_000_000);
        let b = demo_data(300, 7, 1_700_000_000_000);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        assert_eq!(a.jobs.len(), 300);
        for kind in JobKind::KINDS {
            assert!(a.jobs.iter().any(|j| j.kind == kind), "{kind:?}");
        }
        assert!(a.jobs.iter().any(|j| !j.ready));
        assert!(a.jobs.iter().any(|j| j.ready && !j.succeeded));
        assert!(a.jobs.iter().any(|j| j.ready && j.succeeded));
        assert_eq!(a.ldap_connections.len(), 3);
    }
}
