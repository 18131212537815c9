//! Component tests in headless Chromium (wasm-bindgen-test): mount a component, click or type, and assert on
//! the DOM a user would see. Run by scripts/test.sh with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use console_api::{ApiError, ErrorKind, Job, JobStatus, Service};
use integration_console::components::{ErrorPanel, JobsTable, StatusBadge};
use integration_console::config::{DeployedConfig, Settings};
use integration_console::pages::SettingsPage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` in a fresh container and returns the container.
fn mount<F, N>(view: F) -> HtmlElement
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

/// Lets effects and scheduled renders run.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn find(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn count(root: &HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text(root: &HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

fn job(alias: &str, ready: bool, succeeded: bool) -> Job {
    serde_json::from_value(serde_json::json!({
        "id": 7, "user": "a@example.com", "triggered_by": "b@example.com",
        "succeeded": succeeded, "automatic": true, "ready": ready,
        "result_message": "Imported 3 findings", "last_run": "2026-11-22T10:00:00Z",
        "connection": {"id": 12, "alias": alias, "system": "Rally", "project": 7,
                       "params": {"alm_server": "rally1.rallydev.com"}}
    }))
    .unwrap()
}

#[wasm_bindgen_test]
async fn error_panel_explains_and_retries() {
    let retries = RwSignal::new(0);
    let error =
        ApiError::new(Service::SdElements, ErrorKind::Unauthorized).with_detail("Invalid token.");
    let root = mount(
        move || view! { <ErrorPanel error=error on_retry=Callback::new(move |_| retries.update(|n| *n += 1)) /> },
    );
    let panel = find(&root, "[data-testid=error-panel]");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let shown = text(&panel);
    assert!(
        shown.contains("SD Elements did not accept your token."),
        "{shown}"
    );
    assert!(shown.contains("The server said: Invalid token."), "{shown}");
    assert!(shown.contains("Sign in again"), "{shown}");
    assert_eq!(
        find(&panel, "a").get_attribute("href").as_deref(),
        Some("/settings")
    );
    find(&panel, "button").click();
    find(&panel, "button").click();
    settle().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn error_panel_lists_field_errors_and_offers_no_retry_without_a_token() {
    let mut bad = ApiError::new(Service::SdElements, ErrorKind::BadRequest);
    bad.field_errors = vec![("project".into(), "A valid integer is required.".into())];
    let root = mount(move || view! { <ErrorPanel error=bad /> });
    assert!(text(&root).contains("project: A valid integer is required."));
    assert_eq!(count(&root, "button"), 0, "no retry callback, no button");

    let none = ApiError::new(Service::AccessService, ErrorKind::NoToken);
    let root = mount(move || view! { <ErrorPanel error=none on_retry=Callback::new(|_| ()) /> });
    assert!(text(&root).contains("No access-service token is set."));
    assert_eq!(
        count(&root, "button"),
        0,
        "retrying cannot help without a token"
    );
}

#[wasm_bindgen_test]
fn status_badge_says_the_status_in_words() {
    for (status, word) in [
        (JobStatus::Running, "Running"),
        (JobStatus::Succeeded, "Succeeded"),
        (JobStatus::Failed, "Failed"),
    ] {
        let root = mount(move || view! { <StatusBadge status=status /> });
        assert!(text(&root).contains(word));
        assert_eq!(
            find(&root, ".badge")
                .get_attribute("data-status")
                .as_deref(),
            Some(status.css_class())
        );
    }
}

#[wasm_bindgen_test]
fn jobs_table_renders_rows_and_server_strings_as_text() {
    let payload = "<img src=x onerror=alert(1)>";
    let jobs = vec![job(payload, true, false), job("gg'", false, false)];
    let root = mount(move || view! { <JobsTable jobs=jobs now_ms=1_763_812_800_000 /> });
    assert_eq!(count(&root, "tbody tr"), 2);
    assert_eq!(count(&root, "th[scope=col]"), 8);
    assert_eq!(
        count(&root, "img"),
        0,
        "markup from the server must not become elements"
    );
    let shown = text(&root);
    assert!(shown.contains(payload) && shown.contains("gg'"), "{shown}");
    assert!(shown.contains("Failed") && shown.contains("Running"));
    let link = find(&root, "tbody tr a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/jobs/alm/7"),
        "kind derived from ALM params"
    );
}

fn fresh_settings() -> RwSignal<Settings> {
    let storage = web_sys::window().unwrap();
    storage.local_storage().unwrap().unwrap().clear().unwrap();
    storage.session_storage().unwrap().unwrap().clear().unwrap();
    RwSignal::new(Settings::load(DeployedConfig::default(), true))
}

fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn settings_form_refuses_a_bad_url_then_saves_the_token_in_the_tab() {
    let settings = fresh_settings();
    let root = mount(move || {
        provide_context(settings);
        view! { <SettingsPage /> }
    });
    type_into(&root, "#sde-url", "sde.example.com");
    type_into(&root, "#sde-token", "tab-token");
    find(&root, "button[type=submit]").click();
    settle().await;
    assert!(text(&find(&root, "#sde-url-error")).contains("Start the address with https://"));
    assert_eq!(
        find(&root, "#sde-url")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    let token: HtmlInputElement = find(&root, "#sde-token").unchecked_into();
    assert_eq!(token.value(), "tab-token", "what the user typed is kept");
    assert!(
        settings.get_untracked().sde_token.is_none(),
        "nothing saved while invalid"
    );

    type_into(&root, "#sde-url", "https://sde.example.com/");
    find(&root, "button[type=submit]").click();
    settle().await;
    let saved = settings.get_untracked();
    assert_eq!(saved.sde_base(), "https://sde.example.com");
    assert_eq!(
        saved
            .sde_token
            .as_ref()
            .map(|t| t.expose_secret().to_string())
            .as_deref(),
        Some("tab-token")
    );
    let window = web_sys::window().unwrap();
    let session = window.session_storage().unwrap().unwrap();
    let local = window.local_storage().unwrap().unwrap();
    assert_eq!(
        session.get_item("console.sdeToken").unwrap().as_deref(),
        Some("tab-token")
    );
    assert_eq!(
        local.get_item("console.sdeToken").unwrap(),
        None,
        "not remembered unless asked"
    );
    assert_eq!(token.value(), "", "a saved token is never shown again");
    assert!(text(&find(&root, "[data-testid=sde-token-state]")).contains("A token is saved."));
    assert!(text(&find(&root, "[data-testid=settings-status]")).contains("Settings saved."));
    assert!(
        !root.inner_html().contains("tab-token"),
        "the token is not in the DOM"
    );
}
