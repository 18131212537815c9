//! The LDAP connection form: its fields as an enum ([`LdapField`]: label, help, API key, check, how each is
//! read from an [`LdapConnection`] and written into an [`LdapConnectionUpdate`]), the values being edited
//! ([`LdapValues`]), and what a save sends and asks first: the change set, the `PUT` body, a stored
//! password that would move to another server, and changes someone else made meanwhile.

use crate::ldap::{LdapConnection, LdapConnectionUpdate};
use crate::ldap_syntax::{
    check_attribute, check_auth_filter, check_dn, check_filter, check_server_url, check_timeout,
    Check,
};
use crate::secret::Secret;
use std::fmt;

/// One editable field of an LDAP connection (the optional members of the documented `PUT` body, `enable`
/// aside: the enable switch has its own request).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LdapField {
    ServerUrl,
    ServerTimeout,
    ManagerDn,
    ManagerPassword,
    BaseDn,
    SyncFilter,
    AuthFilter,
    Domain,
    AccountNameField,
    EmailField,
    UserPrincipalNameField,
    FullnameField,
    StatusField,
    StatusDisabledValue,
}

impl LdapField {
    /// How many fields there are.
    pub const COUNT: usize = 14;

    /// Every field, in the order the form shows them.
    pub const ALL: [LdapField; Self::COUNT] = [
        LdapField::ServerUrl,
        LdapField::ServerTimeout,
        LdapField::ManagerDn,
        LdapField::ManagerPassword,
        LdapField::BaseDn,
        LdapField::SyncFilter,
        LdapField::AuthFilter,
        LdapField::Domain,
        LdapField::AccountNameField,
        LdapField::EmailField,
        LdapField::UserPrincipalNameField,
        LdapField::FullnameField,
        LdapField::StatusField,
        LdapField::StatusDisabledValue,
    ];

    /// The field's position in [`LdapField::ALL`], for tables indexed by field.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The member's name in the API's JSON (and in a 400 answer's field errors).
    pub fn api_name(self) -> &'static str {
        self.spec().api_name
    }

    /// The label the form and the review show.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The help under the field: what it is for, with an example where the syntax is not obvious.
    pub fn help(self) -> &'static str {
        self.spec().help
    }

    /// The group of the form the field is shown in.
    pub fn section(self) -> LdapSection {
        self.spec().section
    }

    /// Whether the value is a secret: never read back into the form or shown, sent only when typed.
    pub fn is_secret(self) -> bool {
        self.spec().secret
    }

    /// Whether the stored password is sent to the server or identity this field names: changing it
    /// without typing a new password would hand the old password to someone else.
    pub fn receives_password(self) -> bool {
        self.spec().receives_password
    }

    /// Everything about a field that is a constant, in one exhaustive table.
    fn spec(self) -> Spec {
        use LdapSection::{AttributeMapping, Connection, Search};
        match self {
            LdapField::ServerUrl => Spec {
                receives_password: true,
                ..Spec::new("serverUrl", "Server URL", Connection,
                    "ldaps://host:port. The directory the console's users sign in against.")
            },
            LdapField::ServerTimeout => Spec::new("serverTimeout", "Timeout (ms)", Connection,
                "How long to wait for the directory, in milliseconds."),
            LdapField::ManagerDn => Spec {
                receives_password: true,
                ..Spec::new("managerDN", "Manager DN", Connection,
                    "The account the access-service binds as, as a distinguished name.")
            },
            LdapField::ManagerPassword => Spec {
                secret: true,
                ..Spec::new("managerPassword", "Manager password", Connection,
                    "The stored password is never shown. Leave empty to keep it; type to replace it.")
            },
            LdapField::BaseDn => Spec::new("baseDN", "Base DN", Search,
                "Where users are searched, such as ou=users,dc=example,dc=com."),
            LdapField::SyncFilter => Spec::new("syncFilter", "User sync filter (syncFilter)", Search,
                "Which entries are synced, as an LDAP filter."),
            LdapField::AuthFilter => Spec::new("authFilter", "User search filter (authFilter)", Search,
                "How a signing-in user is found; {0} stands for their login."),
            LdapField::Domain => Spec::new("domain", "Domain", Search, "The directory's domain name."),
            LdapField::AccountNameField => Spec::new("accountNameField", "Account name attribute",
                AttributeMapping, "The attribute holding the login name."),
            LdapField::EmailField => Spec::new("emailField", "Email attribute", AttributeMapping,
                "The attribute holding the email address."),
            LdapField::UserPrincipalNameField => Spec::new("userPrincipalNameField",
                "User principal name attribute", AttributeMapping,
                "The attribute holding the user principal name."),
            LdapField::FullnameField => Spec::new("fullnameField", "Full name attribute",
                AttributeMapping, "The attribute holding the display name."),
            LdapField::StatusField => Spec::new("statusField", "Status attribute", AttributeMapping,
                "The attribute that says whether an account is disabled."),
            LdapField::StatusDisabledValue => Spec::new("statusDisabledValue", "Disabled value",
                AttributeMapping, "The value of that attribute for a disabled account."),
        }
    }

    /// The field's value on `c` as the form holds it. A secret reads as empty: the API returns the
    /// password in clear, and the form must never hold or show it.
    pub fn read(self, c: &LdapConnection) -> String {
        let text = match self {
            LdapField::ServerUrl => &c.server_url,
            LdapField::ServerTimeout => {
                return c.server_timeout.map(|t| t.to_string()).unwrap_or_default()
            }
            LdapField::ManagerDn => &c.manager_dn,
            LdapField::ManagerPassword => return String::new(),
            LdapField::BaseDn => &c.base_dn,
            LdapField::SyncFilter => &c.sync_filter,
            LdapField::AuthFilter => &c.auth_filter,
            LdapField::Domain => &c.domain,
            LdapField::AccountNameField => &c.account_name_field,
            LdapField::EmailField => &c.email_field,
            LdapField::UserPrincipalNameField => &c.user_principal_name_field,
            LdapField::FullnameField => &c.fullname_field,
            LdapField::StatusField => &c.status_field,
            LdapField::StatusDisabledValue => &c.status_disabled_value,
        };
        text.clone()
    }

    /// Sets this field of the `PUT` body from the form's text. A secret is sent as typed (untrimmed), and
    /// only when something was typed.
    pub fn write(self, body: &mut LdapConnectionUpdate, text: &str) {
        let slot = match self {
            LdapField::ServerTimeout => {
                body.server_timeout = text.trim().parse().ok();
                return;
            }
            LdapField::ManagerPassword => {
                body.manager_password = Some(text).filter(|t| !t.is_empty()).map(Secret::new);
                return;
            }
            LdapField::ServerUrl => &mut body.server_url,
            LdapField::ManagerDn => &mut body.manager_dn,
            LdapField::BaseDn => &mut body.base_dn,
            LdapField::SyncFilter => &mut body.sync_filter,
            LdapField::AuthFilter => &mut body.auth_filter,
            LdapField::Domain => &mut body.domain,
            LdapField::AccountNameField => &mut body.account_name_field,
            LdapField::EmailField => &mut body.email_field,
            LdapField::UserPrincipalNameField => &mut body.user_principal_name_field,
            LdapField::FullnameField => &mut body.fullname_field,
            LdapField::StatusField => &mut body.status_field,
            LdapField::StatusDisabledValue => &mut body.status_disabled_value,
        };
        *slot = Some(text.trim().to_string());
    }

    /// Checks the text as typed.
    pub fn check(self, text: &str) -> Check {
        match self {
            LdapField::ServerUrl => check_server_url(text),
            LdapField::ServerTimeout => Check::from(check_timeout(text).map(|_| ())),
            LdapField::ManagerDn | LdapField::BaseDn => check_dn(text),
            LdapField::SyncFilter => check_filter(text),
            LdapField::AuthFilter => check_auth_filter(text),
            LdapField::AccountNameField
            | LdapField::EmailField
            | LdapField::UserPrincipalNameField
            | LdapField::FullnameField
            | LdapField::StatusField => check_attribute(text),
            LdapField::Domain if text.trim().is_empty() => {
                Check::Error("Enter the directory's domain, such as XY-COMPANY.".into())
            }
            // Empty keeps the stored password; any text is a password; any value can mean "disabled".
            LdapField::Domain | LdapField::ManagerPassword | LdapField::StatusDisabledValue => {
                Check::Ok
            }
        }
    }
}

/// A field's constants (see [`LdapField::spec`]).
struct Spec {
    api_name: &'static str,
    label: &'static str,
    help: &'static str,
    section: LdapSection,
    secret: bool,
    receives_password: bool,
}

impl Spec {
    fn new(
        api_name: &'static str,
        label: &'static str,
        section: LdapSection,
        help: &'static str,
    ) -> Self {
        Self {
            api_name,
            label,
            help,
            section,
            secret: false,
            receives_password: false,
        }
    }
}

/// A group of fields in the form, shown as one fieldset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LdapSection {
    Connection,
    Search,
    AttributeMapping,
}

impl LdapSection {
    pub const ALL: [LdapSection; 3] = [
        LdapSection::Connection,
        LdapSection::Search,
        LdapSection::AttributeMapping,
    ];

    /// The fieldset's legend.
    pub fn legend(self) -> &'static str {
        match self {
            LdapSection::Connection => "Connection",
            LdapSection::Search => "Search",
            LdapSection::AttributeMapping => "Attribute mapping",
        }
    }

    /// The section's fields, in form order.
    pub fn fields(self) -> impl Iterator<Item = LdapField> {
        LdapField::ALL
            .into_iter()
            .filter(move |f| f.section() == self)
    }
}

/// The form's text for every field, keyed by [`LdapField`]. Every field always has a value, so nothing is
/// looked up by name and nothing can be missing.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct LdapValues([String; LdapField::COUNT]);

impl LdapValues {
    /// The values of `c`, as a fresh form shows them (secrets empty).
    pub fn from_connection(c: &LdapConnection) -> Self {
        Self(LdapField::ALL.map(|f| f.read(c)))
    }

    pub fn get(&self, field: LdapField) -> &str {
        &self.0[field.index()]
    }

    pub fn set(&mut self, field: LdapField, text: impl Into<String>) {
        self.0[field.index()] = text.into();
    }

    /// These values with one field set: for building a form in one expression.
    pub fn with(mut self, field: LdapField, text: impl Into<String>) -> Self {
        self.set(field, text);
        self
    }

    /// Whether any field fails its check (saving is blocked until it is fixed).
    pub fn has_errors(&self) -> bool {
        LdapField::ALL
            .iter()
            .any(|f| f.check(self.get(*f)).is_error())
    }
}

/// Secrets stay out of logs and panic messages.
impl fmt::Debug for LdapValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for field in LdapField::ALL {
            let text = self.get(field);
            let hidden = if text.is_empty() { "" } else { "(typed)" };
            map.entry(&field, &if field.is_secret() { hidden } else { text });
        }
        map.finish()
    }
}

/// One field a save would change (or that someone else changed).
#[derive(Clone, PartialEq, Eq)]
pub struct Change {
    pub field: LdapField,
    /// The text before. Empty for a secret, which is never read.
    pub old: String,
    /// The text after. For a secret, what was typed: show [`Change::shown_new`] instead.
    pub new: String,
}

impl Change {
    pub fn label(&self) -> &'static str {
        self.field.label()
    }

    /// The old value as the admin may see it: a secret is never shown.
    pub fn shown_old(&self) -> &str {
        if self.field.is_secret() {
            "(stored)"
        } else {
            &self.old
        }
    }

    /// The new value as the admin may see it: a typed secret is named, not shown.
    pub fn shown_new(&self) -> &str {
        if self.field.is_secret() {
            "(the new password you typed)"
        } else {
            &self.new
        }
    }
}

impl fmt::Debug for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Change")
            .field("field", &self.field)
            .field("old", &self.shown_old())
            .field("new", &self.shown_new())
            .finish()
    }
}

/// The fields whose edited text differs from the connection's (compared trimmed), in form order. A secret
/// is a change as soon as anything is typed.
pub fn changes(original: &LdapConnection, edited: &LdapValues) -> Vec<Change> {
    LdapField::ALL
        .into_iter()
        .filter_map(|field| {
            let typed = edited.get(field);
            let old = field.read(original);
            let new = if field.is_secret() {
                typed.to_string()
            } else {
                typed.trim().to_string()
            };
            let changed = if field.is_secret() {
                !new.is_empty()
            } else {
                old.trim() != new
            };
            changed.then_some(Change { field, old, new })
        })
        .collect()
}

/// The body of the `PUT`: only the changed fields (the password only when one was typed).
pub fn update_body(changes: &[Change]) -> LdapConnectionUpdate {
    let mut body = LdapConnectionUpdate::default();
    for c in changes {
        c.field.write(&mut body, &c.new);
    }
    body
}

/// Whether the stored password would go to a different server or identity: the URL or the manager DN
/// changes and no new password was typed.
pub fn password_would_move(changes: &[Change]) -> bool {
    !changes.iter().any(|c| c.field.is_secret())
        && changes.iter().any(|c| c.field.receives_password())
}

/// Fields someone else changed since `loaded` was read (`current` is the connection now).
pub fn changed_elsewhere(loaded: &LdapConnection, current: &LdapConnection) -> Vec<Change> {
    LdapField::ALL
        .into_iter()
        .filter_map(|field| {
            let old = field.read(loaded);
            let new = field.read(current);
            (old != new).then_some(Change { field, old, new })
        })
        .collect()
}

/// The form after someone else's change: their values become the base, with only this admin's own edits
/// (`mine`) on top, so a field this admin did not touch takes their value and is not sent.
pub fn rebase(current: &LdapConnection, mine: &[Change]) -> LdapValues {
    let mut values = LdapValues::from_connection(current);
    for change in mine {
        values.set(change.field, change.new.clone());
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const DOCUMENTED: &str = include_str!("../tests/fixtures/ldapconnection_response.json");

    fn connection() -> LdapConnection {
        serde_json::from_str(DOCUMENTED).unwrap()
    }

    fn form_of(c: &LdapConnection) -> LdapValues {
        LdapValues::from_connection(c)
    }

    #[test]
    fn all_lists_every_field_once_in_index_order() {
        for (i, field) in LdapField::ALL.iter().enumerate() {
            assert_eq!(field.index(), i, "{field:?}");
        }
        let mut names: Vec<_> = LdapField::ALL.iter().map(|f| f.api_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), LdapField::COUNT);
        let in_sections: usize = LdapSection::ALL.iter().map(|s| s.fields().count()).sum();
        assert_eq!(in_sections, LdapField::COUNT);
    }

    #[test]
    fn each_field_reads_its_own_api_key() {
        let document: Value = serde_json::from_str(DOCUMENTED).unwrap();
        let c = connection();
        for field in LdapField::ALL {
            let read = field.read(&c);
            let json = &document[field.api_name()];
            if field.is_secret() {
                assert!(json.is_string(), "the document returns {field:?}");
                assert_eq!(read, "", "a secret is never read into the form");
                continue;
            }
            let expected = match json {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(read, expected, "{field:?} reads {}", field.api_name());
        }
    }

    #[test]
    fn each_field_writes_its_own_api_key() {
        let document: Value = serde_json::from_str(DOCUMENTED).unwrap();
        let c = connection();
        for field in LdapField::ALL {
            let text = if field.is_secret() {
                "typed".to_string()
            } else {
                field.read(&c)
            };
            let mut body = LdapConnectionUpdate::default();
            field.write(&mut body, &text);
            let sent = serde_json::to_value(&body).unwrap();
            let expected = if field.is_secret() {
                Value::from("typed")
            } else {
                document[field.api_name()].clone()
            };
            assert_eq!(
                sent,
                serde_json::json!({ field.api_name(): expected }),
                "{field:?}"
            );
            // And the server's side reads the same field back.
            let back: LdapConnectionUpdate = serde_json::from_value(sent).unwrap();
            assert_eq!(back, body, "{field:?}");
        }
    }

    #[test]
    fn the_change_set_has_only_what_changed() {
        let c = connection();
        assert!(changes(&c, &form_of(&c)).is_empty());
        let edited = form_of(&c)
            .with(LdapField::ServerTimeout, "15000")
            .with(LdapField::Domain, " EMEA ");
        let set = changes(&c, &edited);
        assert_eq!(
            set.iter().map(|c| c.field).collect::<Vec<_>>(),
            [LdapField::ServerTimeout, LdapField::Domain]
        );
        assert_eq!(
            (set[0].old.as_str(), set[0].new.as_str()),
            ("30000", "15000")
        );
        assert_eq!(set[0].label(), "Timeout (ms)");
        let body = serde_json::to_value(update_body(&set)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"serverTimeout": 15000, "domain": "EMEA"})
        );
        let with_password = changes(&c, &edited.clone().with(LdapField::ManagerPassword, "n3w"));
        let body = serde_json::to_value(update_body(&with_password)).unwrap();
        assert_eq!(body["managerPassword"], "n3w");
        let empty = changes(&c, &edited.with(LdapField::ManagerPassword, ""));
        assert!(update_body(&empty).manager_password.is_none());
    }

    #[test]
    fn a_typed_password_is_named_never_shown() {
        let c = connection();
        let set = changes(
            &c,
            &form_of(&c).with(LdapField::ManagerPassword, " s3cret "),
        );
        assert_eq!(set.len(), 1);
        assert_eq!(set[0].shown_old(), "(stored)");
        assert_eq!(set[0].shown_new(), "(the new password you typed)");
        assert_eq!(
            update_body(&set).manager_password.unwrap().expose_secret(),
            " s3cret ",
            "sent as typed"
        );
        let logged = format!(
            "{set:?} {:?}",
            form_of(&c).with(LdapField::ManagerPassword, "s3cret")
        );
        assert!(!logged.contains("s3cret"), "{logged}");
        assert!(
            !format!("{:?}", form_of(&c)).contains("\"password\""),
            "the password the server returned is not in the form"
        );
    }

    #[test]
    fn moving_the_password_is_flagged() {
        let c = connection();
        let change = |field: LdapField, new: &str| Change {
            field,
            old: field.read(&c),
            new: new.into(),
        };
        let typed = change(LdapField::ManagerPassword, "typed");
        assert!(password_would_move(&[change(LdapField::ServerUrl, "x")]));
        assert!(password_would_move(&[change(LdapField::ManagerDn, "x")]));
        assert!(!password_would_move(&[
            change(LdapField::ServerUrl, "x"),
            typed.clone()
        ]));
        assert!(!password_would_move(&[change(LdapField::Domain, "x")]));
        assert!(!password_would_move(&[typed]));
    }

    #[test]
    fn changes_made_elsewhere_are_listed() {
        let loaded = connection();
        let mut now = loaded.clone();
        now.domain = "OTHER".into();
        now.modified_at = Some("2030-01-01T00:00:00.000Z".into());
        now.manager_password = Some(Secret::new("rotated"));
        let theirs = changed_elsewhere(&loaded, &now);
        assert_eq!(theirs.len(), 1);
        assert_eq!(
            (theirs[0].field, theirs[0].new.as_str()),
            (LdapField::Domain, "OTHER")
        );
    }

    #[test]
    fn a_rebase_keeps_theirs_and_puts_mine_on_top() {
        let loaded = connection();
        let mut theirs = loaded.clone();
        theirs.domain = "THEIRS".into();
        let mine = changes(
            &loaded,
            &form_of(&loaded)
                .with(LdapField::ServerTimeout, "20000")
                .with(LdapField::ManagerPassword, "pw"),
        );
        let rebased = rebase(&theirs, &mine);
        assert_eq!(rebased.get(LdapField::Domain), "THEIRS");
        let sent = changes(&theirs, &rebased);
        assert_eq!(
            sent.iter().map(|c| c.field).collect::<Vec<_>>(),
            [LdapField::ServerTimeout, LdapField::ManagerPassword]
        );
    }

    #[test]
    fn every_field_of_the_document_checks_clean() {
        let values = form_of(&connection());
        assert!(!values.has_errors(), "{values:?}");
        for field in LdapField::ALL {
            let check = field.check(values.get(field));
            assert!(!check.is_error(), "{field:?}: {check:?}");
        }
        assert!(values.with(LdapField::Domain, " ").has_errors());
    }
}
