//! The console's client-side routes, and how an address maps to them when the console is hosted at the
//! root or under a sub-path (`/console/`). Pure, so the matching is tested natively; the app's router
//! (`src/router.rs`) only keeps the browser's history and this in step.

use crate::encoding::{decode_path_segment, encode_path_segment};
use crate::job::JobKind;
use std::fmt;

/// Which page component shows a route. The app keys the mounted page by it, so moving between routes of
/// one page (`/jobs/alm` to `/jobs/ldap`) keeps the page and its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/`: the overview, the console's home page.
    Home,
    Jobs,
    JobDetail,
    Upload,
    Ldap,
    LdapDetail,
    Settings,
    NotFound,
}

/// An access-service LDAP connection id that is safe to put in a request path: not empty, not `.` or `..`,
/// and without `/`, `\` or control characters. A route's id is checked after decoding, so an address such as
/// `/ldap/..%2F..%2Fv2%2Fjobs` can never turn into a request for another path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LdapId(String);

/// Why a text is not an [`LdapId`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidLdapId(pub String);

impl fmt::Display for InvalidLdapId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Control characters shown as `�` (not `escape_debug`, whose Unicode tables cost 1.5 KB of the bundle).
        let shown: String = self
            .0
            .chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        write!(f, "'{shown}' is not an LDAP connection id the console can address: an id is not empty, not . or .., and holds no /, \\ or control characters.")
    }
}

impl std::error::Error for InvalidLdapId {}

impl LdapId {
    /// The id as the access-service spells it (already decoded).
    pub fn new(id: &str) -> Result<LdapId, InvalidLdapId> {
        let refused = id.is_empty()
            || id == "."
            || id == ".."
            || id.chars().any(|c| c == '/' || c == '\\' || c.is_control());
        if refused {
            Err(InvalidLdapId(id.to_string()))
        } else {
            Ok(LdapId(id.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as one path segment, percent-encoded.
    pub fn path_segment(&self) -> String {
        encode_path_segment(&self.0)
    }
}

impl fmt::Display for LdapId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A matched address, with its parameters parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`.
    Home,
    /// `/jobs` (all jobs) and `/jobs/{kind}`.
    Jobs(JobKind),
    /// `/jobs/{slug}` with a slug that names no kind (kept decoded): the jobs page says so.
    UnknownJobKind(String),
    /// `/jobs/{kind}/{id}`. [`JobKind::All`] (`/jobs/all/{id}`) is a job whose kind the list could not
    /// tell: the job page finds it at the kind endpoints and then writes the kind into the address.
    JobDetail {
        kind: JobKind,
        id: i64,
    },
    Upload,
    Ldap,
    LdapDetail(LdapId),
    Settings,
    NotFound,
}

impl Route {
    /// Matches a path inside the console (the sub-path already removed). A trailing slash is ignored;
    /// segments are decoded as path segments (`+` is a plus). A job id that is not a whole number and an
    /// LDAP id that [`LdapId::new`] refuses are not found.
    pub fn parse(path: &str) -> Route {
        let Some(segments) = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode_path_segment)
            .collect::<Option<Vec<String>>>()
        else {
            return Route::NotFound;
        };
        let seg: Vec<&str> = segments.iter().map(String::as_str).collect();
        match seg.as_slice() {
            [] => Route::Home,
            ["jobs"] => Route::Jobs(JobKind::All),
            ["jobs", slug] => match JobKind::from_slug(slug) {
                Some(kind) => Route::Jobs(kind),
                None => Route::UnknownJobKind(slug.to_string()),
            },
            ["jobs", slug, id] => match (JobKind::from_slug(slug), id.parse::<i64>()) {
                (None, _) | (_, Err(_)) => Route::NotFound,
                (Some(kind), Ok(id)) => Route::JobDetail { kind, id },
            },
            ["upload"] => Route::Upload,
            ["ldap"] => Route::Ldap,
            ["ldap", id] => LdapId::new(id).map_or(Route::NotFound, Route::LdapDetail),
            ["settings"] => Route::Settings,
            _ => Route::NotFound,
        }
    }

    /// The console path of this route, with every parameter encoded as a path segment, such that
    /// `Route::parse(&route.path()) == route`. `NotFound` gets an address that matches no page.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Jobs(JobKind::All) => "/jobs".into(),
            Route::Jobs(kind) => format!("/jobs/{}", kind.slug()),
            Route::UnknownJobKind(slug) => format!("/jobs/{}", encode_path_segment(slug)),
            Route::JobDetail { kind, id } => format!("/jobs/{}/{id}", kind.slug()),
            Route::Upload => "/upload".into(),
            Route::Ldap => "/ldap".into(),
            Route::LdapDetail(id) => format!("/ldap/{}", id.path_segment()),
            Route::Settings => "/settings".into(),
            Route::NotFound => "/not-found".into(),
        }
    }

    /// The browser tab's title on this route: what the page is, then the console's name.
    pub fn document_title(&self) -> String {
        let what = match self {
            Route::Home => "Overview".to_string(),
            Route::Jobs(JobKind::All) => "Jobs".to_string(),
            Route::Jobs(kind) => format!("{} jobs", kind.label()),
            Route::UnknownJobKind(_) | Route::NotFound => "Page not found".into(),
            Route::JobDetail { id, .. } => format!("Job {id}"),
            Route::Upload => "Upload a scanner report".into(),
            Route::Ldap => "LDAP connections".into(),
            Route::LdapDetail(id) => format!("LDAP connection {id}"),
            Route::Settings => "Settings".into(),
        };
        format!("{what} · Integration Console")
    }

    /// The page component that shows this route.
    pub fn page(&self) -> Page {
        match self {
            Route::Home => Page::Home,
            Route::Jobs(_) | Route::UnknownJobKind(_) => Page::Jobs,
            Route::JobDetail { .. } => Page::JobDetail,
            Route::Upload => Page::Upload,
            Route::Ldap => Page::Ldap,
            Route::LdapDetail(_) => Page::LdapDetail,
            Route::Settings => Page::Settings,
            Route::NotFound => Page::NotFound,
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
    if section == "/" {
        return path.is_empty();
    }
    path == section
        || path
            .strip_prefix(section)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ldap(id: &str) -> Route {
        Route::LdapDetail(LdapId::new(id).unwrap())
    }

    #[test]
    fn every_route_matches() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("/jobs"), Route::Jobs(JobKind::All));
        assert_eq!(Route::parse("/jobs/"), Route::Jobs(JobKind::All));
        assert_eq!(Route::parse("/jobs/alm"), Route::Jobs(JobKind::Alm));
        assert_eq!(
            Route::parse("/jobs/verification"),
            Route::Jobs(JobKind::Analysis)
        );
        assert_eq!(
            Route::parse("/jobs/nope"),
            Route::UnknownJobKind("nope".into())
        );
        assert_eq!(Route::parse("/jobs/nope").page(), Page::Jobs);
        assert_eq!(
            Route::parse("/jobs/ldap/42"),
            Route::JobDetail {
                kind: JobKind::Ldap,
                id: 42
            }
        );
        assert_eq!(
            Route::parse("/jobs/all/13"),
            Route::JobDetail {
                kind: JobKind::All,
                id: 13
            },
            "a job whose kind is still to be found"
        );
        assert_eq!(Route::parse("/upload"), Route::Upload);
        assert_eq!(Route::parse("/ldap"), Route::Ldap);
        assert_eq!(Route::parse("/ldap/1000000"), ldap("1000000"));
        assert_eq!(
            Route::parse("/ldap/a+b%20c"),
            ldap("a+b c"),
            "a plus in a path is a plus"
        );
        assert_eq!(Route::parse("/settings"), Route::Settings);
        for unknown in [
            "/nope",
            "/jobs/alm/1/2",
            "/jobs/alm/abc",
            "/jobs/nope/3",
            "/ldap/1/edit",
            "/settingsx",
            "/ldap/%FF",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn ldap_ids_that_could_leave_their_path_are_refused() {
        for bad in [
            "",
            ".",
            "..",
            "a/b",
            "a\\b",
            "..\\..\\v2",
            "../v2/jobs",
            "a\u{0}b",
            "line\nbreak",
            "tab\t",
        ] {
            assert!(LdapId::new(bad).is_err(), "{bad:?}");
        }
        for address in [
            "/ldap/..%2F..%2Fv2%2Fjobs",
            "/ldap/a%2Fb",
            "/ldap/a%5Cb",
            "/ldap/%2E%2E",
            "/ldap/.%2e",
            "/ldap/%2e",
            "/ldap/a%00b",
            "/ldap/a%0Ab",
        ] {
            assert_eq!(Route::parse(address), Route::NotFound, "{address}");
        }
        assert!(
            LdapId::new("...").is_ok(),
            "only the dot segments themselves"
        );
    }

    #[test]
    fn every_route_names_itself_in_the_tab_title() {
        let title = |path: &str| Route::parse(path).document_title();
        assert_eq!(title("/jobs"), "Jobs · Integration Console");
        assert_eq!(title("/"), "Overview · Integration Console");
        assert_eq!(title("/jobs/alm"), "ALM jobs · Integration Console");
        assert_eq!(title("/jobs/analysis/12"), "Job 12 · Integration Console");
        assert_eq!(
            title("/upload"),
            "Upload a scanner report · Integration Console"
        );
        assert_eq!(title("/ldap"), "LDAP connections · Integration Console");
        assert_eq!(
            title("/ldap/1000000"),
            "LDAP connection 1000000 · Integration Console"
        );
        assert_eq!(title("/settings"), "Settings · Integration Console");
        assert_eq!(title("/nowhere"), "Page not found · Integration Console");
    }

    #[test]
    fn routes_round_trip_through_their_paths() {
        let mut routes = vec![
            Route::Home,
            Route::Upload,
            Route::Ldap,
            Route::Settings,
            Route::NotFound,
            Route::UnknownJobKind("no such kind".into()),
            Route::UnknownJobKind("a+b%".into()),
        ];
        for kind in [JobKind::All, JobKind::Alm, JobKind::Analysis, JobKind::Ldap] {
            routes.push(Route::Jobs(kind));
        }
        for kind in JobKind::KINDS {
            routes.push(Route::JobDetail { kind, id: 13 });
        }
        for id in [
            "1000000",
            "a+b",
            "100%",
            "%2F",
            "a b",
            "é ü 名前",
            "?q=1#x",
            "...",
            "a,b;c=d",
            "5e1b-x_y.z~",
        ] {
            routes.push(ldap(id));
        }
        for route in routes {
            let path = route.path();
            assert_eq!(Route::parse(&path), route, "{path}");
        }
        assert_eq!(ldap("a+b").path(), "/ldap/a%2Bb");
        assert_eq!(ldap("100%").path(), "/ldap/100%25");
        assert_eq!(ldap("a b").path(), "/ldap/a%20b");
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
        // The overview is home: its section is `/` alone.
        assert!(in_section("/", "/"));
        assert!(in_section("/", ""));
        assert!(!in_section("/", "/jobs"));
    }
}
