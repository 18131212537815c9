//! The console's client-side routes, and how an address maps to them when the console is hosted at the
//! root or under a sub-path (`/console/`). Pure, so the matching is tested natively; the app's router
//! (`src/router.rs`) only keeps the browser's history and this in step.

/// The page an address shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/`: shows the jobs list (the address is replaced by `/jobs`).
    Home,
    Jobs,
    JobDetail,
    Upload,
    Ldap,
    LdapDetail,
    Settings,
    #[default]
    NotFound,
}

/// A matched address: its page and the path's parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// `/jobs/:kind`, `/jobs/:kind/:id`.
    pub kind: Option<String>,
    /// `/jobs/:kind/:id`, `/ldap/:id`.
    pub id: Option<String>,
}

impl Route {
    /// Matches a path inside the console (the sub-path already removed). A trailing slash is ignored;
    /// segments are percent-decoded as path segments (`+` is a plus).
    pub fn parse(path: &str) -> Route {
        let Some(segments) = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(crate::encoding::decode_path_segment)
            .collect::<Option<Vec<String>>>()
        else {
            return Route::default();
        };
        let seg: Vec<&str> = segments.iter().map(String::as_str).collect();
        let page = |page| Route {
            page,
            ..Route::default()
        };
        match seg.as_slice() {
            [] => page(Page::Home),
            ["jobs"] => page(Page::Jobs),
            ["jobs", kind] => Route {
                page: Page::Jobs,
                kind: Some(kind.to_string()),
                id: None,
            },
            ["jobs", kind, id] => Route {
                page: Page::JobDetail,
                kind: Some(kind.to_string()),
                id: Some(id.to_string()),
            },
            ["upload"] => page(Page::Upload),
            ["ldap"] => page(Page::Ldap),
            ["ldap", id] => Route {
                page: Page::LdapDetail,
                kind: None,
                id: Some(id.to_string()),
            },
            ["settings"] => page(Page::Settings),
            _ => page(Page::NotFound),
        }
    }
}

/// The sub-path the console is hosted under, from the document's base URL path: `""` at the root,
/// `"/console"` under `/console/`.
pub fn base_from(base_url_path: &str) -> String {
    base_url_path.trim_end_matches('/').to_string()
}

/// The console path of a browser path, or `None` when the path is outside the console (a link elsewhere
/// on the same host, which the browser must follow itself).
pub fn strip_base<'a>(base: &str, browser_path: &'a str) -> Option<&'a str> {
    if base.is_empty() {
        return Some(browser_path);
    }
    match browser_path.strip_prefix(base) {
        Some("") => Some("/"),
        Some(rest) if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// The browser address of a console path (`/jobs?page=2` → `/console/jobs?page=2`).
pub fn with_base(base: &str, app_path: &str) -> String {
    format!("{base}{app_path}")
}

/// Whether a navigation link for `section` (`/jobs`) marks the page at `path` as current: the section
/// itself and everything under it.
pub fn in_section(section: &str, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path == section
        || path
            .strip_prefix(section)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_matches() {
        assert_eq!(Route::parse("/").page, Page::Home);
        assert_eq!(Route::parse("").page, Page::Home);
        assert_eq!(Route::parse("/jobs").page, Page::Jobs);
        assert_eq!(Route::parse("/jobs/").page, Page::Jobs);
        let alm = Route::parse("/jobs/alm");
        assert_eq!((alm.page, alm.kind.as_deref()), (Page::Jobs, Some("alm")));
        let detail = Route::parse("/jobs/ldap/42");
        assert_eq!(detail.page, Page::JobDetail);
        assert_eq!(detail.kind.as_deref(), Some("ldap"));
        assert_eq!(detail.id.as_deref(), Some("42"));
        assert_eq!(Route::parse("/upload").page, Page::Upload);
        assert_eq!(Route::parse("/ldap").page, Page::Ldap);
        let ldap = Route::parse("/ldap/5e1b%2Fx");
        assert_eq!(
            (ldap.page, ldap.id.as_deref()),
            (Page::LdapDetail, Some("5e1b/x"))
        );
        let plus = Route::parse("/ldap/a+b%20c");
        assert_eq!(
            plus.id.as_deref(),
            Some("a+b c"),
            "a plus in a path is a plus"
        );
        assert_eq!(Route::parse("/ldap/%FF").page, Page::NotFound);
        assert_eq!(Route::parse("/settings").page, Page::Settings);
        for unknown in ["/nope", "/jobs/alm/1/2", "/ldap/1/edit", "/settingsx"] {
            assert_eq!(Route::parse(unknown).page, Page::NotFound, "{unknown}");
        }
    }

    #[test]
    fn sub_path_hosting() {
        assert_eq!(base_from("/"), "");
        assert_eq!(base_from("/console/"), "/console");
        assert_eq!(strip_base("", "/jobs"), Some("/jobs"));
        assert_eq!(strip_base("/console", "/console/jobs"), Some("/jobs"));
        assert_eq!(strip_base("/console", "/console"), Some("/"));
        assert_eq!(strip_base("/console", "/console/"), Some("/"));
        assert_eq!(strip_base("/console", "/consoles/jobs"), None);
        assert_eq!(strip_base("/console", "/api/v2/jobs/"), None);
        assert_eq!(with_base("/console", "/jobs?x=1"), "/console/jobs?x=1");
        assert_eq!(with_base("", "/jobs"), "/jobs");
    }

    #[test]
    fn sections_mark_their_pages() {
        assert!(in_section("/jobs", "/jobs"));
        assert!(in_section("/jobs", "/jobs/alm/3"));
        assert!(in_section("/ldap", "/ldap/"));
        assert!(!in_section("/jobs", "/jobsx"));
        assert!(!in_section("/ldap", "/jobs/ldap"));
    }
}
