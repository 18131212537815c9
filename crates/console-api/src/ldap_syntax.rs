//! What an LDAP connection's values must look like, checked as the admin types: server URLs, timeouts,
//! distinguished names (RFC 4514), search filters (RFC 4515), attribute descriptions (RFC 4512). A wrong
//! filter or URL locks people out, so every message says what to fix. Which field gets which check is
//! [`crate::ldap_form::LdapField::check`].

/// The outcome of checking one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Ok,
    /// Allowed, but the admin should know (cleartext `ldap://`).
    Warning(String),
    /// Not allowed: saving is blocked until it is fixed.
    Error(String),
}

impl Check {
    pub fn is_error(&self) -> bool {
        matches!(self, Check::Error(_))
    }

    pub fn message(&self) -> Option<&str> {
        match self {
            Check::Ok => None,
            Check::Warning(m) | Check::Error(m) => Some(m),
        }
    }

    pub(crate) fn from(result: Result<(), String>) -> Self {
        result.map_or_else(Check::Error, |_| Check::Ok)
    }
}

/// `ldap://host[:port]` or `ldaps://host[:port]` (a trailing `/` is fine); cleartext `ldap://` is a warning.
pub fn check_server_url(url: &str) -> Check {
    let url = url.trim();
    let (secure, rest) = if let Some(rest) = url.strip_prefix("ldaps://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("ldap://") {
        (false, rest)
    } else {
        return Check::Error(
            "Start with ldaps:// (or ldap://), such as ldaps://ldap.example.com:636.".into(),
        );
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains('/') || authority.contains('?') {
        return Check::Error(
            "Give only the server and port; the base DN has its own field.".into(),
        );
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        match inner.split_once(']') {
            Some((h, tail)) => (h, tail.strip_prefix(':')),
            None => return Check::Error("An IPv6 address needs its closing ].".into()),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    if !host_ok {
        return Check::Error(
            "The server name is missing or has characters a host name cannot have.".into(),
        );
    }
    if let Some(port) = port {
        if !crate::text::parse_count(port).is_some_and(|p| (1..=65535).contains(&p)) {
            return Check::Error(format!(
                "'{port}' is not a port: use a number from 1 to 65535, such as 636."
            ));
        }
    }
    if secure {
        Check::Ok
    } else {
        Check::Warning(
            "ldap:// is cleartext: the bind password and users' passwords cross the network unencrypted. Prefer ldaps://."
                .into(),
        )
    }
}

pub const MIN_TIMEOUT_MS: i64 = 500;
pub const MAX_TIMEOUT_MS: i64 = 600_000;

/// A whole number of milliseconds from half a second to ten minutes.
pub fn check_timeout(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let value: i64 = text.parse().map_err(|_| {
        format!("'{text}' is not a whole number of milliseconds, such as 30000 for 30 seconds.")
    })?;
    if (MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "Use {MIN_TIMEOUT_MS} to {MAX_TIMEOUT_MS} milliseconds (half a second to ten minutes); 30000 is typical."
        ))
    }
}

fn is_keychar(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// An attribute type: a name (`cn`, `userPrincipalName`) or a numeric OID (`2.5.4.3`).
fn check_attribute_type(t: &str) -> Result<(), String> {
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => {
            if t.chars().all(is_keychar) {
                Ok(())
            } else {
                Err(format!("'{t}' is not an attribute name: use letters, digits and hyphens, starting with a letter."))
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let numeric = t.split('.').all(|n| {
                !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                    && (n == "0" || !n.starts_with('0'))
            });
            if numeric {
                Ok(())
            } else {
                Err(format!("'{t}' is not a numeric OID such as 2.5.4.3."))
            }
        }
        _ => Err(if t.is_empty() {
            "An attribute name is missing.".to_string()
        } else {
            format!("'{t}' is not an attribute name.")
        }),
    }
}

/// An attribute description (RFC 4512): a type with optional `;options` (`cn;lang-en`).
pub fn check_attribute(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Check::Error("Enter the attribute name, such as mail.".into());
    }
    let mut parts = text.split(';');
    let result = check_attribute_type(parts.next().unwrap_or("")).and_then(|_| {
        parts.try_for_each(|option| {
            if !option.is_empty() && option.chars().all(is_keychar) {
                Ok(())
            } else {
                Err(format!("';{option}' is not a valid attribute option."))
            }
        })
    });
    Check::from(result)
}

const DN_SPECIAL: &[char] = &['"', '+', ',', ';', '<', '>', '\\', '=', '#', ' '];

/// A distinguished name (RFC 4514), such as `cn=server sync,ou=service,dc=example,dc=com`. Spaces around
/// the separators are accepted (Active Directory tools write `CN=x, DC=y`). Returns the RDNs' count.
pub fn parse_dn(dn: &str) -> Result<usize, String> {
    let dn = dn.trim();
    if dn.is_empty() {
        return Err("Enter a distinguished name, such as ou=users,dc=example,dc=com.".into());
    }
    let chars: Vec<char> = dn.chars().collect();
    let mut i = 0;
    let mut rdns = 0;
    loop {
        // attributeTypeAndValue ( "+" attributeTypeAndValue )*
        loop {
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            let start = i;
            while i < chars.len() && chars[i] != '=' && chars[i] != ',' && chars[i] != '+' {
                i += 1;
            }
            let attribute: String = chars[start..i]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string();
            if chars.get(i) != Some(&'=') {
                return Err(format!(
                    "'{attribute}' has no '=': each part is name=value, such as ou=users."
                ));
            }
            check_attribute_type(&attribute)?;
            i += 1;
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            let value_start = i;
            if chars.get(i) == Some(&'#') {
                i += 1;
                let hex_start = i;
                while i < chars.len() && chars[i].is_ascii_hexdigit() {
                    i += 1;
                }
                if i == hex_start || (i - hex_start) % 2 != 0 {
                    return Err(format!("The value of {attribute} starts with '#' but is not hex pairs; write \\# for a literal '#'."));
                }
            } else {
                while i < chars.len() && chars[i] != ',' && chars[i] != '+' {
                    match chars[i] {
                        '\\' => {
                            let next = chars.get(i + 1).copied();
                            match next {
                                Some(c) if DN_SPECIAL.contains(&c) => i += 2,
                                Some(c) if c.is_ascii_hexdigit() && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit) => i += 3,
                                _ => return Err(format!("'\\' in the value of {attribute} must escape a special character or two hex digits.")),
                            }
                        }
                        c @ ('"' | ';' | '<' | '>' | '\0') => {
                            return Err(format!(
                                "'{c}' in the value of {attribute} must be escaped as \\{c}."
                            ));
                        }
                        _ => i += 1,
                    }
                }
            }
            let value: String = chars[value_start..i].iter().collect();
            if value.trim().is_empty() {
                return Err(format!("{attribute}= has no value."));
            }
            if chars.get(i) == Some(&'+') {
                i += 1;
                continue;
            }
            break;
        }
        rdns += 1;
        match chars.get(i) {
            None => return Ok(rdns),
            Some(',') => {
                i += 1;
                if i >= chars.len() || chars[i..].iter().all(|c| *c == ' ') {
                    return Err("The name ends with ','; remove it or add the missing part.".into());
                }
            }
            Some(c) => return Err(format!("Unexpected '{c}' in the name.")),
        }
    }
}

pub fn check_dn(dn: &str) -> Check {
    Check::from(parse_dn(dn).map(|_| ()))
}

/// A search filter (RFC 4515), such as `(&(objectClass=person)(mail=*@example.com))`. A single bare item
/// without parentheses (`uid=jdoe`) is accepted too, as directory tools commonly write it.
pub fn parse_filter(filter: &str) -> Result<(), String> {
    let filter = filter.trim();
    if filter.is_empty() {
        return Err("Enter a filter, such as (objectClass=person).".into());
    }
    let wrapped;
    let text = if filter.starts_with('(') {
        filter
    } else {
        wrapped = format!("({filter})");
        &wrapped
    };
    let chars: Vec<char> = text.chars().collect();
    let end = parse_filter_at(&chars, 0)?;
    if end != chars.len() {
        return Err(format!(
            "Unexpected text after the filter at position {}: combine several filters with (&...) or (|...).",
            end + 1
        ));
    }
    Ok(())
}

/// Parses one parenthesized filter starting at `at`; returns the index after its ')'.
fn parse_filter_at(chars: &[char], at: usize) -> Result<usize, String> {
    if chars.get(at) != Some(&'(') {
        return Err(format!("Expected '(' at position {}.", at + 1));
    }
    let mut i = at + 1;
    match chars.get(i) {
        Some('&') | Some('|') => {
            let op = chars[i];
            i += 1;
            let mut count = 0;
            while chars.get(i) == Some(&'(') {
                i = parse_filter_at(chars, i)?;
                count += 1;
            }
            if count == 0 {
                return Err(format!("'({op}' at position {} needs at least one filter inside, such as ({op}(a=1)(b=2)).", at + 1));
            }
        }
        Some('!') => {
            i = parse_filter_at(chars, i + 1)?;
        }
        Some(_) => {
            i = parse_item(chars, i)?;
        }
        None => return Err(format!("The '(' at position {} is never closed.", at + 1)),
    }
    match chars.get(i) {
        Some(')') => Ok(i + 1),
        None => Err(format!("The '(' at position {} is never closed.", at + 1)),
        Some(c) => Err(format!(
            "Unexpected '{c}' at position {}: expected ')'.",
            i + 1
        )),
    }
}

/// `attr=value`, `attr~=v`, `attr>=v`, `attr<=v`, `attr=*`, substrings, or an extensible match.
fn parse_item(chars: &[char], start: usize) -> Result<usize, String> {
    let mut i = start;
    while i < chars.len() && !matches!(chars[i], '=' | '~' | '>' | '<' | '(' | ')') {
        i += 1;
    }
    let left: String = chars[start..i].iter().collect();
    let op_at = i;
    let (op_len, extensible) = match (chars.get(i), chars.get(i + 1)) {
        (Some('~' | '>' | '<'), Some('=')) => (2, false),
        (Some('='), _) => (1, left.ends_with(':')),
        _ => {
            return Err(format!(
                "'{left}' at position {} needs an operator: =, ~=, >= or <=.",
                start + 1
            ))
        }
    };
    if extensible {
        // [attr][:dn][:rule]:=value
        let spec = &left[..left.len() - 1];
        let mut parts = spec.split(':');
        let attr = parts.next().unwrap_or("");
        if !attr.is_empty() {
            if let Check::Error(e) = check_attribute(attr) {
                return Err(e);
            }
        }
        for part in parts {
            if part != "dn" && check_attribute_type(part).is_err() {
                return Err(format!("':{part}' is not a matching rule."));
            }
        }
        if attr.is_empty() && !spec.split(':').any(|p| !p.is_empty() && p != "dn") {
            return Err("An extensible match needs an attribute or a matching rule.".into());
        }
    } else if let Check::Error(e) = check_attribute(&left) {
        return Err(e);
    }
    i = op_at + op_len;
    let value_start = i;
    while i < chars.len() && chars[i] != ')' {
        match chars[i] {
            '\\' => {
                let ok = chars.get(i + 1).is_some_and(char::is_ascii_hexdigit)
                    && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit);
                if !ok {
                    return Err(format!(
                        "'\\' at position {} must be followed by two hex digits, such as \\2a for '*'.",
                        i + 1
                    ));
                }
                i += 3;
            }
            '(' => {
                return Err(format!(
                    "'(' at position {} inside a value must be escaped as \\28 (and ')' as \\29).",
                    i + 1
                ))
            }
            '*' if op_len == 2 || extensible => {
                return Err(format!(
                    "'*' at position {} is only allowed with '='; escape it as \\2a.",
                    i + 1
                ))
            }
            _ => i += 1,
        }
    }
    let value: String = chars[value_start..i].iter().collect();
    if value.is_empty() && !extensible {
        return Err(format!(
            "{left} has no value: use {left}=* to match any value."
        ));
    }
    Ok(i)
}

pub fn check_filter(filter: &str) -> Check {
    Check::from(parse_filter(filter))
}

/// An authentication filter must contain `{0}` (where the user's login goes) and parse once it is put in.
pub fn check_auth_filter(filter: &str) -> Check {
    if !filter.contains("{0}") {
        return Check::Error(
            "Put {0} where the user's login goes, such as (sAMAccountName={0}).".into(),
        );
    }
    Check::from(parse_filter(&filter.replace("{0}", "jdoe")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls() {
        for ok in [
            "ldaps://ldap.example.com",
            "ldaps://dc01:636",
            "ldaps://10.0.0.1:3269/",
            "ldaps://[::1]:636",
        ] {
            assert_eq!(check_server_url(ok), Check::Ok, "{ok}");
        }
        assert!(
            matches!(check_server_url("ldap://ldap.xy-company.com"), Check::Warning(m) if m.contains("cleartext"))
        );
        for bad in [
            "",
            "ldap.example.com",
            "https://ldap.example.com",
            "ldaps://",
            "ldaps://:636",
            "ldaps://host:0",
            "ldaps://host:70000",
            "ldaps://host:port",
            "ldaps://host/dc=x",
            "ldaps://ho st",
            "ldaps://[::1",
        ] {
            assert!(check_server_url(bad).is_error(), "{bad}");
        }
    }

    #[test]
    fn timeouts() {
        assert_eq!(check_timeout(" 30000 "), Ok(30000));
        assert_eq!(check_timeout("500"), Ok(500));
        for bad in ["", "-1", "0", "499", "600001", "30s", "1.5", "1e4"] {
            assert!(check_timeout(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn distinguished_names() {
        for ok in [
            "ou=users,dc=xy-company,dc=com",
            "cn=server sync,cn=users,dc=xy-company,dc=com",
            "CN=Bind User2, CN=Users, DC=labs, DC=sdelements, DC=com",
            "cn=Smith\\, John,ou=people,dc=example,dc=com",
            "cn=a\\+b+uid=jd,dc=x",
            "2.5.4.3=Test,dc=x",
            "cn=#04024869,dc=x",
            "cn=caf\\c3\\a9,dc=x",
            "uid=binder,ou=system,dc=contractors,dc=example,dc=org",
        ] {
            assert_eq!(parse_dn(ok).map(|_| ()), Ok(()), "{ok}");
        }
        assert_eq!(parse_dn("cn=a+sn=b,dc=x"), Ok(2));
        for bad in [
            "",
            "users",
            "ou=users,",
            "ou=,dc=x",
            "=x,dc=y",
            "o u=x",
            "cn=a;b",
            "cn=a\\q",
            "cn=#zz",
            "1cn=x",
            "cn=a<b",
        ] {
            assert!(parse_dn(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn search_filters() {
        for ok in [
            "(&(memberOf=ou=users,dc=xy-company,dc=com)(userPrincipalName=*@xy-company.com))",
            "(objectClass=*)",
            "(|(uid=a)(uid=b)(!(cn=c)))",
            "(cn=Babs J*ensen*)",
            "(o=univ*of*mich*)",
            "(seeAlso=)".replace("=)", "=x)").as_str(),
            "(cn:caseExactMatch:=Fred Flintstone)",
            "(:dn:2.4.6.8.10:=Dino)",
            "(&(objectClass=person)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
            "(cn=\\2a\\28x\\29)",
            "(age>=21)",
            "(sn~=smith)",
            "uid=jdoe",
            "(objectClass=inetOrgPerson)",
        ] {
            assert_eq!(parse_filter(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn bad_filters_say_where() {
        let cases = [
            ("(&(a=1)(b=2)", "never closed"),
            ("(a=1))", "Unexpected text"),
            ("(a=1)(b=2)", "Unexpected text"),
            ("(&)", "at least one filter"),
            ("(=x)", "attribute name"),
            ("(a)", "needs an operator"),
            ("(a=b(c)", "must be escaped"),
            ("(a=\\zz)", "two hex digits"),
            ("(a>=*)", "only allowed with '='"),
            ("(a=)", "has no value"),
            ("", "Enter a filter"),
            ("(1a=x)", "numeric OID"),
        ];
        for (filter, words) in cases {
            let e = parse_filter(filter).expect_err(filter);
            assert!(e.contains(words), "{filter}: {e}");
        }
    }

    #[test]
    fn auth_filters_need_the_placeholder() {
        assert_eq!(check_auth_filter("userPrincipalName={0}"), Check::Ok);
        assert_eq!(
            check_auth_filter("(&(objectClass=user)(sAMAccountName={0}))"),
            Check::Ok
        );
        assert!(matches!(check_auth_filter("(uid=jdoe)"), Check::Error(m) if m.contains("{0}")));
        assert!(check_auth_filter("(uid={0}").is_error());
    }

    #[test]
    fn attributes() {
        for ok in [
            "mail",
            "sAMAccountName",
            "cn;lang-en",
            "2.5.4.3",
            "userAccountControl",
        ] {
            assert_eq!(check_attribute(ok), Check::Ok, "{ok}");
        }
        for bad in ["", "ma il", "1mail", "mail;", "cn;la ng", "01.2", "mail!"] {
            assert!(check_attribute(bad).is_error(), "{bad}");
        }
    }
}
