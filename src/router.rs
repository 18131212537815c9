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
pub(crate) fn base() -> &'static str {
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

thread_local! {
    static LAST_LIST: std::cell::RefCell<String> = std::cell::RefCell::new("/jobs".into());
}

/// The jobs list as the admin last left it (kind, filters, search, sort), for "← All jobs".
pub fn remember_list(path: String) {
    LAST_LIST.with(|l| *l.borrow_mut() = path);
}

/// The address of [`remember_list`]'s list, `/jobs` before any.
pub fn list_url() -> String {
    LAST_LIST.with(|l| app_url(&l.borrow()))
}

/// Where the console is: the matched route and the query string (without `?`).
#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    search: RwSignal<String>,
    route: Memo<Route>,
    /// While it holds, leaving the page asks first (a form with unsaved edits).
    guard: StoredValue<Option<Signal<bool>>>,
    /// Where the admin asked to go while the guard held, until they answer.
    pub leaving: RwSignal<Option<String>>,
}

impl Nav {
    /// The query string, without `?`.
    pub fn search(&self) -> Signal<String> {
        self.search.into()
    }
    pub fn route(&self) -> Memo<Route> {
        self.route
    }

    /// Asks before leaving the page while `dirty` holds; `None` lifts it.
    pub fn guard(&self, dirty: Option<Signal<bool>>) {
        self.guard.try_set_value(dirty);
    }

    fn guarded(&self) -> bool {
        self.guard
            .try_get_value()
            .flatten()
            .is_some_and(|d| d.try_get_untracked().unwrap_or(false))
    }

    /// Follows an in-app link: at once, or after the admin agrees to lose unsaved edits.
    pub fn follow(&self, to: String) {
        if self.guarded() {
            self.leaving.set(Some(to));
        } else {
            self.navigate(&to, false, true);
        }
    }

    /// The admin agreed to leave: the guard is lifted and the navigation made.
    pub fn leave(&self) {
        if let Some(to) = self.leaving.try_update(Option::take).flatten() {
            self.guard(None);
            self.navigate(&to, false, true);
            // After the dialog hands focus back to its opener (next frame): the new page's heading.
            request_animation_frame(|| request_animation_frame(crate::focus::to_page_heading));
        }
    }

    /// Back or forward moved the address: with unsaved edits the page stays and the admin is asked.
    fn on_history(&self) {
        if !self.guarded() {
            self.sync();
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let browser_path = location.pathname().unwrap_or_default();
        let to = format!(
            "{}{}",
            route::strip_base(base(), &browser_path).unwrap_or(&browser_path),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let here = app_url(&self.current());
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
        }
        self.leaving.set(Some(to));
    }

    /// The console path and query shown now, e.g. `/jobs/alm?ready=false`.
    pub fn current(&self) -> String {
        let search = self.search.get_untracked();
        format!("{}{}", self.path.get_untracked(), query_suffix(&search))
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
    crate::provided::<Nav>()
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
        guard: StoredValue::new(None),
        leaving: RwSignal::new(None),
    };
    provide_context(nav);
    nav.sync();
    let popstate = window_event_listener(leptos::ev::popstate, move |_| nav.on_history());
    let click = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(to) = in_app_target(&ev) {
            ev.prevent_default();
            nav.follow(to);
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
