//! access-service LDAP connections (`/api/v1/ldapconnections`): the connection and the body of a `PUT`.

use crate::secret::Secret;
use serde::{Deserialize, Deserializer, Serialize};

/// An LDAP connection as the access-service returns it. `managerPassword` comes back in clear: it is held as
/// a [`Secret`] so it cannot be printed, and the console never sends it back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LdapConnection {
    /// A string in the document (`"1000000"`); a number is accepted and kept as its text.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    #[serde(default)]
    pub server_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_timeout: Option<i64>,
    #[serde(default, rename = "baseDN")]
    pub base_dn: String,
    #[serde(default)]
    pub auth_filter: String,
    #[serde(default, rename = "managerDN")]
    pub manager_dn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_password: Option<Secret>,
    #[serde(default)]
    pub sync_filter: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub account_name_field: String,
    #[serde(default)]
    pub email_field: String,
    #[serde(default)]
    pub user_principal_name_field: String,
    #[serde(default)]
    pub fullname_field: String,
    #[serde(default)]
    pub status_field: String,
    #[serde(default)]
    pub status_disabled_value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

impl LdapConnection {
    /// How the console names the connection (the API gives none): its server and base DN.
    pub fn display_name(&self) -> String {
        if self.base_dn.trim().is_empty() {
            self.server_url.clone()
        } else {
            format!("{} · {}", self.server_url, self.base_dn)
        }
    }
}

/// Body of `PUT /api/v1/ldapconnections/{id}`: only the fields being changed. `manager_password` is set only
/// when the admin typed a new one.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LdapConnectionUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_timeout: Option<i64>,
    #[serde(default, rename = "managerDN", skip_serializing_if = "Option::is_none")]
    pub manager_dn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_password: Option<Secret>,
    #[serde(default, rename = "baseDN", skip_serializing_if = "Option::is_none")]
    pub base_dn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_principal_name_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fullname_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_disabled_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
}

impl LdapConnectionUpdate {
    pub fn enable(enabled: bool) -> Self {
        Self {
            enable: Some(enabled),
            ..Self::default()
        }
    }
}

fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    crate::json::either(
        deserializer,
        serde_json::Value::is_string,
        String::deserialize,
        |v| i64::deserialize(v).map(|n| n.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_serializes_only_what_changed() {
        let body = serde_json::to_value(LdapConnectionUpdate {
            server_timeout: Some(30000),
            enable: Some(true),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"serverTimeout": 30000, "enable": true})
        );
    }

    #[test]
    fn numeric_id_is_accepted() {
        let c: LdapConnection = serde_json::from_str(r#"{"id": 7}"#).unwrap();
        assert_eq!(c.id, "7");
    }
}
