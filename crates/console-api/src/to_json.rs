//! The console's own encoders: request bodies and exported jobs built as [`Json`] by hand, the
//! other half of [`crate::from_json`]. serde's derived encoders stay for the development backend; the tests
//! check that both write the same JSON for every documented value.

use crate::job::{Connection, Job, JobResultRequest, Params, Role, StartJobRequest, System};
use crate::job::{User, UserRef};
use crate::json_tree::Json;
use crate::ldap::LdapConnectionUpdate;

/// A type written as a JSON value.
pub trait ToJson {
    fn to_json(&self) -> Json;
}

/// An object built field by field; `None` fields are left out, as serde's `skip_serializing_if` does.
#[derive(Default)]
struct Object(Vec<(String, Json)>);

impl Object {
    fn with(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.0.push((key.to_string(), value.into()));
        self
    }

    fn with_some(self, key: &str, value: Option<impl Into<Json>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    fn done(self) -> Json {
        Json::Object(self.0)
    }
}

fn json<T: ToJson>(value: &T) -> Json {
    value.to_json()
}

impl ToJson for Job {
    fn to_json(&self) -> Json {
        Object::default()
            .with("id", self.id)
            .with_some("user", self.user.as_ref().map(json))
            .with_some("triggered_by", self.triggered_by.as_ref().map(json))
            .with("succeeded", self.succeeded)
            .with("automatic", self.automatic)
            .with("ready", self.ready)
            .with_some("result_message", self.result_message.clone())
            .with_some("last_run", self.last_run.clone())
            .with("attachment", self.attachment.clone())
            .with("connection", self.connection.to_json())
            .done()
    }
}

impl ToJson for UserRef {
    fn to_json(&self) -> Json {
        match self {
            UserRef::Email(email) => Json::from(&**email),
            UserRef::User(user) => user.to_json(),
        }
    }
}

impl ToJson for User {
    fn to_json(&self) -> Json {
        Object::default()
            .with("id", self.id)
            .with("email", self.email.as_str())
            .with("first_name", self.first_name.as_str())
            .with("last_name", self.last_name.as_str())
            .with("last_login", self.last_login.clone())
            .with_some("date_joined", self.date_joined.clone())
            .with("is_active", self.is_active)
            .with("is_superuser", self.is_superuser)
            .with_some("role", self.role.as_ref().map(json))
            .with("groups", self.groups.clone())
            .with(
                "password_reset_in_progress",
                self.password_reset_in_progress,
            )
            .done()
    }
}

impl ToJson for Role {
    fn to_json(&self) -> Json {
        Object::default()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .done()
    }
}

impl ToJson for Connection {
    fn to_json(&self) -> Json {
        Object::default()
            .with("id", self.id)
            .with("alias", self.alias.as_str())
            .with_some("command", self.command.clone())
            .with_some("frequency", self.frequency.clone())
            .with_some("params", self.params.as_ref().map(json))
            .with_some("project", self.project)
            .with("system", self.system.to_json())
            .with_some("inaccessible", self.inaccessible)
            .with_some("in_progress", self.in_progress)
            .with_some("connector", self.connector.clone())
            .with_some("debug_mode", self.debug_mode)
            .with_some("is_file_upload", self.is_file_upload)
            .done()
    }
}

impl ToJson for System {
    fn to_json(&self) -> Json {
        match self {
            System::Name(name) => Json::from(name.as_str()),
            System::Detail(d) => Object::default()
                .with("id", d.id.as_str())
                .with("short_name", d.short_name.as_str())
                .with("name", d.name.as_str())
                .done(),
        }
    }
}

impl ToJson for Params {
    fn to_json(&self) -> Json {
        Json::Object(self.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }
}

impl ToJson for StartJobRequest {
    fn to_json(&self) -> Json {
        Object::default()
            .with("connection", self.connection)
            .with("automatic", self.automatic)
            .with("ready", self.ready)
            .done()
    }
}

impl ToJson for JobResultRequest {
    fn to_json(&self) -> Json {
        Object::default()
            .with("connection", self.connection)
            .with("automatic", self.automatic)
            .with("result_message", self.result_message.as_str())
            .with("succeeded", self.succeeded)
            .with_some("ready", self.ready)
            .done()
    }
}

impl ToJson for LdapConnectionUpdate {
    fn to_json(&self) -> Json {
        let text = |v: &Option<String>| v.clone();
        Object::default()
            .with_some("serverUrl", text(&self.server_url))
            .with_some("serverTimeout", self.server_timeout)
            .with_some("managerDN", text(&self.manager_dn))
            // Only ever a password the admin typed (see `ldap_form::update_body`).
            .with_some(
                "managerPassword",
                self.manager_password.as_ref().map(|p| p.expose_secret()),
            )
            .with_some("baseDN", text(&self.base_dn))
            .with_some("syncFilter", text(&self.sync_filter))
            .with_some("authFilter", text(&self.auth_filter))
            .with_some("domain", text(&self.domain))
            .with_some("accountNameField", text(&self.account_name_field))
            .with_some("emailField", text(&self.email_field))
            .with_some(
                "userPrincipalNameField",
                text(&self.user_principal_name_field),
            )
            .with_some("fullnameField", text(&self.fullname_field))
            .with_some("statusField", text(&self.status_field))
            .with_some("statusDisabledValue", text(&self.status_disabled_value))
            .with_some("enable", self.enable)
            .done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn same_as_serde<T: ToJson + serde::Serialize>(value: &T) {
        assert_eq!(
            serde_json::Value::from(value.to_json()),
            serde_json::to_value(value).unwrap()
        );
    }

    #[test]
    fn bodies_are_written_as_serde_writes_them() {
        same_as_serde(&StartJobRequest::run_now(12));
        for ready in [None, Some(false), Some(true)] {
            same_as_serde(&JobResultRequest {
                connection: 12,
                automatic: false,
                result_message: "Synced by hand".into(),
                succeeded: true,
                ready,
            });
        }
        same_as_serde(&LdapConnectionUpdate::enable(false));
        same_as_serde(&LdapConnectionUpdate::default());
        same_as_serde(&LdapConnectionUpdate {
            server_url: Some("ldaps://dc.example.com:636".into()),
            server_timeout: Some(15000),
            manager_dn: Some("cn=admin,dc=example,dc=com".into()),
            manager_password: Some(Secret::new("typed")),
            base_dn: Some("dc=example,dc=com".into()),
            sync_filter: Some("(objectClass=person)".into()),
            auth_filter: Some("(uid={0})".into()),
            domain: Some("EMEA".into()),
            account_name_field: Some("uid".into()),
            email_field: Some("mail".into()),
            user_principal_name_field: Some("userPrincipalName".into()),
            fullname_field: Some("cn".into()),
            status_field: Some("status".into()),
            status_disabled_value: Some("disabled".into()),
            enable: Some(true),
        });
    }
}
