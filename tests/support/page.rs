//! Mounting a component or a whole page in headless Chromium, and reading the DOM as a user would.
// Shared by several test crates, each of which uses only some of it.
#![allow(dead_code)]

use integration_console::api::{provide_backends, AccessApi, Backends, SdeApi, SdeWrites};
use integration_console::config::{DeployedConfig, Settings};
use integration_console::router::provide_router;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Mounts `view` in a fresh container and returns the container.
pub fn mount<F, N>(view: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), view).forget();
    container
}

/// Settings with tokens for both backends, kept in nothing but memory.
pub fn test_settings() -> RwSignal<Settings> {
    let mut settings = Settings::load(DeployedConfig::default(), true);
    settings.sde_token = Some(console_api::Secret::new("test-token"));
    settings.access_token = Some(console_api::Secret::new("test-token"));
    RwSignal::new(settings)
}

/// Mounts a page at `path` (a console path, such as `/jobs/alm/7`) with the backends given.
pub fn mount_page<S, F, N>(
    path: &str,
    sde: Rc<S>,
    access: Rc<dyn AccessApi>,
    page: F,
) -> HtmlElement
where
    S: SdeApi + SdeWrites + 'static,
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    mount_page_with(path, Backends::new(sde, access), page)
}

/// [`mount_page`] with backends the test keeps, to change what they have learned (permissions) mid-test.
pub fn mount_page_with<F, N>(path: &str, backends: Backends, page: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    mount(move || {
        provide_context(test_settings());
        provide_backends(backends);
        provide_router();
        page()
    })
}

/// Lets effects and scheduled renders run.
pub async fn settle() {
    sleep(20).await;
}

pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Waits (up to 10 s) until `ready` holds.
pub async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        sleep(20).await;
    }
    panic!("waited 10 s for: {what}");
}

pub fn find(root: &HtmlElement, selector: &str) -> HtmlElement {
    try_find(root, selector).unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn try_find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector)
        .unwrap()
        .map(JsCast::unchecked_into)
}

pub fn count(root: &HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub fn text(root: &HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

/// Types `value` into an input or a text area, as the browser reports typing (an `input` event).
pub fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input = find(root, selector);
    js_sys::Reflect::set(&input, &"value".into(), &value.into()).unwrap();
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// The element that has the focus.
pub fn focused() -> Option<web_sys::Element> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
}
