//! Client-side routing: the browser's address as a signal, in-app links followed without a page load,
//! back/forward, and hosting under a sub-path.
//!
//! Why not `leptos_router`: the console has eight flat routes, and the router's generic route tree cost
//! about 30 KB of the 250 KB (brotli) first-load budget (README, "Size"). What stays here is the browser
//! glue; which page an address shows, and the path of each page, is `console_api::route`, tested natively.
//!
//! The sub-path comes from the document's base URL (`<base href>`, which trunk writes from its public URL),
//! so one build runs at `/` and another under `/console/` with no code change. App code names pages by
//! their console path (`Route::path()`, `/jobs/alm`) and turns them into addresses with [`app_url`].

use crate::erased::memo;
use console_api::route::{self, Route};
use leptos::prelude::*;
use std::sync::OnceLock;
use wasm_bindgen::JsCast;

/// The sub-path, read once: `""` at the root, `"/console"` under `/console/`. Without a `<base>` element
/// (a page not built by trunk, such as the component tests) the console is at the root.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let path = web_sys::window()
            .and_then(|w| w.document())
            .filter(|d| d.query_selector("base[href]").ok().flatten().is_some())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_default();
        route::base_from(&path)
    })
}

/// The browser address of a console path: `app_url("/jobs")` is `/console/jobs` under `/console/`.
pub fn app_url(path: &str) -> String {
    route::with_base(base(), path)
}

/// Where the console is: the matched route and the query string (without `?`).
#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    search: RwSignal<String>,
    route: Memo<Route>,
}

impl Nav {
    /// The query string, without `?`.
    pub fn search(&self) -> Signal<String> {
        self.search.into()
    }
    pub fn route(&self) -> Memo<Route> {
        self.route
    }

    /// Goes to a console path (`/jobs?page=2`): a new history entry, or the current one replaced.
    /// `scroll` brings the new page to its top, as following a link does.
    pub fn navigate(&self, to: &str, replace: bool, scroll: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let url = app_url(to);
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        }
        self.sync();
        if scroll {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Reads the browser's address into the signals (after a navigation or back/forward).
    fn sync(&self) {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let browser_path = location.pathname().unwrap_or_default();
        let path = route::strip_base(base(), &browser_path)
            .unwrap_or(&browser_path)
            .to_string();
        let search = location.search().unwrap_or_default();
        let search = search.trim_start_matches('?').to_string();
        if path == "/" {
            // The console opens on the jobs list.
            self.navigate(&format!("/jobs{}", query_suffix(&search)), true, false);
            return;
        }
        if self.path.get_untracked() != path {
            self.path.set(path);
        }
        if self.search.get_untracked() != search {
            self.search.set(search);
        }
    }
}

fn query_suffix(search: &str) -> String {
    if search.is_empty() {
        String::new()
    } else {
        format!("?{search}")
    }
}

/// The router of this console, from [`provide_router`].
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// Starts routing: reads the address, follows back/forward, and turns clicks on in-app links into
/// navigations. Links a browser should handle itself (new tab, download, another site or path, a `#`
/// anchor on the same page) are left alone.
pub fn provide_router() -> Nav {
    let path = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let route = memo(move || path.with(|p| Route::parse(p)));
    let nav = Nav {
        path,
        search,
        route,
    };
    provide_context(nav);
    nav.sync();
    let popstate = window_event_listener(leptos::ev::popstate, move |_| nav.sync());
    let click = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(to) = in_app_target(&ev) {
            ev.prevent_default();
            nav.navigate(&to, false, true);
        }
    });
    on_cleanup(move || {
        popstate.remove();
        click.remove();
    });
    nav
}

/// The console path a click should navigate to, or `None` when the browser should handle the click.
fn in_app_target(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let anchor: web_sys::HtmlAnchorElement = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into()
        .ok()?;
    if anchor.has_attribute("download") || !matches!(anchor.target().as_str(), "" | "_self") {
        return None;
    }
    let location = web_sys::window()?.location();
    let url = web_sys::Url::new(&anchor.href()).ok()?;
    if url.origin() != location.origin().ok()? {
        return None;
    }
    let same_page =
        url.pathname() == location.pathname().ok()? && url.search() == location.search().ok()?;
    if same_page && !url.hash().is_empty() {
        return None; // "Skip to content" and other anchors on this page.
    }
    let pathname = url.pathname();
    let path = route::strip_base(base(), &pathname)?;
    Some(format!("{path}{}", url.search()))
}

/// A link in the main navigation: marked `aria-current="page"` while the page is in its section.
#[component]
pub fn NavLink(section: &'static str, children: Children) -> impl IntoView {
    let nav = use_nav();
    let current = memo(move || nav.path.with(|p| route::in_section(section, p)));
    view! {
        <a href=app_url(section) aria-current=move || current.get().then_some("page")>
            {children()}
        </a>
    }
}
