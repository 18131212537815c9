//! Secrets returned by the APIs (`alm_pass`, `managerPassword`) and tokens: a type that never prints itself.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A secret value. `Debug` and `Display` show a mask, so a secret cannot reach a log or the page by accident;
/// the value is only reachable through the explicitly named [`Secret::expose_secret`].
///
/// It serializes as the plain string because the development backend must answer exactly as the real APIs
/// do, which return these secrets in clear. The console never serializes a `Secret` it received.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret in clear. Call sites are the only places a secret can leak: keep them few.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••••)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••••")
    }
}

/// The mask shown in place of a secret value.
pub const MASK: &str = "••••••";

/// Whether a connection parameter holds a secret: `alm_pass` and any key containing `pass`, `secret`, `token`
/// or `key` (case-insensitive). Errs on the side of masking: a masked harmless value costs little.
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["pass", "secret", "token", "key"]
        .iter()
        .any(|needle| key.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints_its_value() {
        let s = Secret::new("rally_password");
        assert!(!format!("{s:?}").contains("rally"));
        assert!(!format!("{s}").contains("rally"));
        assert_eq!(s.expose_secret(), "rally_password");
    }

    #[test]
    fn secret_keys() {
        for key in [
            "alm_pass",
            "password",
            "managerPassword",
            "api_token",
            "client_secret",
            "API_KEY",
        ] {
            assert!(is_secret_key(key), "{key}");
        }
        for key in [
            "alm_user",
            "alm_server",
            "sde_project",
            "bind_dn",
            "user_schema",
        ] {
            assert!(!is_secret_key(key), "{key}");
        }
    }
}
