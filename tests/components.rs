//! Component tests in headless Chromium (wasm-bindgen-test): mount a component, click or type, and assert on
//! the DOM a user would see. Run by scripts/test.sh with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use console_api::jobs_view::{visible_rows, JobRow, Sort, SortKey};
use console_api::{ApiError, ErrorKind, Job, JobStatus, Service, User};
use integration_console::api::{provide_backends, Backends};
use integration_console::components::{ErrorPanel, JobsTable, StatusBadge, UserCard};
use integration_console::config::{DeployedConfig, Settings};
use integration_console::pages::SettingsPage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/page.rs"]
mod page;
use page::{count, find, mount, settle, text, type_into};

fn job(alias: &str, ready: bool, succeeded: bool, id: i64) -> Job {
    serde_json::from_value(serde_json::json!({
        "id": id, "user": "a@example.com", "triggered_by": "b@example.com",
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

type Table = (HtmlElement, RwSignal<Sort>, RwSignal<Option<User>>);

fn table(jobs: Vec<Job>) -> Table {
    table_with_rows(jobs).0
}

fn table_with_rows(jobs: Vec<Job>) -> (Table, RwSignal<Vec<JobRow>>) {
    let rows = RwSignal::new(jobs.into_iter().map(JobRow::new).collect::<Vec<_>>());
    let sort = RwSignal::new(Sort::default());
    let shown = RwSignal::new(None::<User>);
    let order = Memo::new(move |_| rows.with(|r| visible_rows(r, "", sort.get())));
    let root = mount(move || {
        view! {
            <JobsTable rows=rows order=order sort=sort view_key=Signal::derive(move || format!("{:?}", sort.get()))
                on_sort=Callback::new(move |key| sort.update(|s| *s = s.toggled(key)))
                on_user=Callback::new(move |u| shown.set(Some(u)))
                now_ms=1_763_812_800_000 />
        }
    });
    ((root, sort, shown), rows)
}

#[wasm_bindgen_test]
fn jobs_table_renders_rows_and_server_strings_as_text() {
    let payload = "<img src=x onerror=alert(1)>";
    let (root, _, _) = table(vec![
        job(payload, true, false, 7),
        job("gg'", false, false, 8),
    ]);
    assert_eq!(count(&root, "tbody tr[data-testid=job-row]"), 2);
    assert_eq!(count(&root, "th[scope=col]"), 8);
    assert_eq!(
        count(&root, "img"),
        0,
        "markup from the server must not become elements"
    );
    let shown = text(&root);
    assert!(shown.contains(payload) && shown.contains("gg'"), "{shown}");
    assert!(shown.contains("Failed") && shown.contains("Running"));
    let link = find(&root, "tbody tr[data-job-id='7'] a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/jobs/alm/7"),
        "kind derived from ALM params"
    );
}

#[wasm_bindgen_test]
async fn jobs_table_sorts_from_its_headers() {
    let (root, sort, _) = table(vec![
        job("Bravo", true, true, 1),
        job("alpha", true, true, 2),
        job("Charlie", true, true, 3),
    ]);
    let aliases = |root: &HtmlElement| {
        let rows = root
            .query_selector_all("tbody tr[data-testid=job-row] td:nth-child(2)")
            .unwrap();
        (0..rows.length())
            .map(|i| rows.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    let header = find(&root, "th:nth-child(2)");
    assert_eq!(header.get_attribute("aria-sort").as_deref(), Some("none"));
    find(&header, "button").click();
    settle().await;
    assert_eq!(sort.get_untracked().key, SortKey::Alias);
    assert_eq!(aliases(&root), ["alpha", "Bravo", "Charlie"]);
    assert_eq!(
        find(&root, "th:nth-child(2)")
            .get_attribute("aria-sort")
            .as_deref(),
        Some("ascending")
    );
    find(&root, "th:nth-child(2) button").click();
    settle().await;
    assert_eq!(aliases(&root), ["Charlie", "Bravo", "alpha"]);
}

#[wasm_bindgen_test]
async fn jobs_table_renders_only_the_rows_in_view() {
    let many: Vec<Job> = (1..=5000).map(|i| job("Row", true, true, i)).collect();
    let (root, _, _) = table(many);
    settle().await;
    let rendered = count(&root, "tbody tr[data-testid=job-row]");
    assert!(
        rendered > 10 && rendered < 100,
        "{rendered} rows in the DOM for 5000 jobs"
    );
    assert_eq!(
        find(&root, "table")
            .get_attribute("aria-rowcount")
            .as_deref(),
        Some("5001")
    );
}

#[wasm_bindgen_test]
async fn expanded_users_open_a_card() {
    let mut expanded = job("Rally", true, true, 9);
    expanded.user = Some(serde_json::from_value(serde_json::json!({
        "id": 4, "email": "priya@example.com", "first_name": "Priya", "last_name": "Raman", "last_login": null,
        "is_active": true, "is_superuser": false, "role": {"id": "UR3", "name": "Security Lead"},
        "groups": [{"id": 2, "name": "AppSec"}]
    })).unwrap());
    let (root, _, shown) = table(vec![expanded]);
    let button = find(&root, "button.user-button");
    assert!(text(&button).contains("Priya Raman <priya@example.com>"));
    button.click();
    settle().await;
    let user = shown.get_untracked().expect("the clicked user");
    assert_eq!(user.role.map(|r| r.name).as_deref(), Some("Security Lead"));
    let card = mount(move || view! { <UserCard user=shown.get_untracked().unwrap() /> });
    let card_text = text(&card);
    assert!(
        card_text.contains("Never") && card_text.contains("AppSec") && card_text.contains("Active"),
        "{card_text}"
    );
}

fn fresh_settings() -> RwSignal<Settings> {
    let storage = web_sys::window().unwrap();
    storage.local_storage().unwrap().unwrap().clear().unwrap();
    storage.session_storage().unwrap().unwrap().clear().unwrap();
    RwSignal::new(Settings::load(DeployedConfig::default(), true))
}

#[wasm_bindgen_test]
async fn settings_form_refuses_a_bad_url_then_saves_the_token_in_the_tab() {
    let settings = fresh_settings();
    let root = mount(move || {
        provide_context(settings);
        provide_backends(Backends::http(settings));
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

#[wasm_bindgen_test]
async fn a_live_reorder_keeps_the_scroll_position_and_rows_in_view() {
    let many: Vec<Job> = (1..=300).map(|i| job("Row", i % 3 != 0, true, i)).collect();
    let ((root, sort, _), rows) = table_with_rows(many);
    sort.set(Sort {
        key: SortKey::Status,
        descending: false,
    });
    settle().await;
    // The stylesheet is not loaded here: give the scroller the height the page gives it.
    let scroller = find(&root, "[data-testid=jobs-scroller]");
    scroller.style().set_property("height", "400px").unwrap();
    scroller.style().set_property("overflow", "auto").unwrap();
    scroller.set_scroll_top(4000);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    settle().await;
    let before = scroller.scroll_top();
    assert!(before > 3000, "scrolled down: {before}");

    // Three running jobs finish: sorted by status, rows move.
    for _ in 0..3 {
        rows.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|r| r.status == JobStatus::Running) {
                let mut job = row.job.clone();
                job.ready = true;
                *row = JobRow::new(job);
            }
        });
        settle().await;
    }
    assert_eq!(
        scroller.scroll_top(),
        before,
        "the admin stays where they were"
    );
    let top = scroller.get_bounding_client_rect();
    let visible = (0..300)
        .filter_map(|i| {
            root.query_selector_all("tbody tr[data-testid=job-row]")
                .unwrap()
                .item(i)
        })
        .map(|n| n.unchecked_into::<HtmlElement>().get_bounding_client_rect())
        .filter(|r| r.bottom() > top.top() && r.top() < top.bottom())
        .count();
    assert!(visible > 3, "rows are in view, not a blank list: {visible}");

    // A new view (another sort) starts at the top.
    sort.set(Sort {
        key: SortKey::Alias,
        descending: false,
    });
    settle().await;
    assert_eq!(scroller.scroll_top(), 0);
}

/// Counts reads of the layout (`scrollTop`, `clientHeight`, `offsetHeight`) from now until the returned
/// function is called, which puts the browser's own getters back and says how many there were.
fn spy_on_layout_reads() -> impl FnOnce() -> u32 {
    let install = js_sys::Function::new_no_args(
        r#"
        window.__layoutReads = 0;
        const spied = [[Element.prototype, 'scrollTop'], [Element.prototype, 'clientHeight'],
                       [HTMLElement.prototype, 'offsetHeight']];
        const saved = spied.map(([proto, name]) => [proto, name, Object.getOwnPropertyDescriptor(proto, name)]);
        for (const [proto, name, original] of saved) {
            Object.defineProperty(proto, name, {
                configurable: true,
                get() { window.__layoutReads++; return original.get.call(this); },
                set: original.set && function (v) { original.set.call(this, v); },
            });
        }
        window.__restoreLayout = () => {
            for (const [proto, name, original] of saved) Object.defineProperty(proto, name, original);
            return window.__layoutReads;
        };
        "#,
    );
    install.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    || {
        let restore = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__restoreLayout".into())
            .unwrap()
            .unchecked_into::<js_sys::Function>();
        restore
            .call0(&wasm_bindgen::JsValue::NULL)
            .unwrap()
            .as_f64()
            .unwrap() as u32
    }
}

/// Lets every pending microtask (effects, renders) run, but no frame and no timer.
async fn run_microtasks() {
    for _ in 0..50 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
            &wasm_bindgen::JsValue::NULL,
        ))
        .await
        .unwrap();
    }
}

/// Rows shown (the table built with them, or more arriving) are rendered without reading the layout in
/// the same task: such a read makes the browser lay out every row just built there and then (20 ms on a
/// first load, before the rows could be shown). Where the admin scrolled to is read at the next frame,
/// when the browser lays the page out anyway.
#[wasm_bindgen_test]
async fn rows_shown_do_not_force_a_layout() {
    let reads = spy_on_layout_reads();
    let ((root, _, _), rows) = table_with_rows(vec![job("First", true, true, 1)]);
    run_microtasks().await;
    rows.update(|r| r.extend((2..=30).map(|i| JobRow::new(job("More", true, true, i)))));
    run_microtasks().await;
    let rendered = count(&root, "tbody tr[data-testid=job-row]");
    let forced = reads();
    assert_eq!(rendered, 30, "the rows are rendered before any frame");
    assert_eq!(forced, 0, "no layout read while the rows were rendered");
    // The next frame measures the table, as before.
    let later = spy_on_layout_reads();
    settle().await;
    settle().await;
    assert!(later() > 0, "the table is measured at the next frame");
}

fn active_focus_id() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.get_attribute("data-focus-id"))
}

#[wasm_bindgen_test]
async fn a_live_update_of_the_focused_row_keeps_focus_on_it() {
    let ((root, _, _), rows) = table_with_rows(vec![
        job("Rally", false, false, 7),
        job("Jira", true, true, 8),
    ]);
    settle().await;
    find(&root, "tr[data-job-id='7'] a").focus().unwrap();
    assert_eq!(active_focus_id().as_deref(), Some("job-7-link"));

    // The focused row's job finishes: the row is rebuilt with its new status, three updates in a row.
    for message in ["one", "two", "three"] {
        rows.update(|rows| {
            let mut job = rows[0].job.clone();
            job.ready = true;
            job.result_message = Some(message.to_string());
            rows[0] = JobRow::new(job);
        });
        settle().await;
        assert_eq!(
            active_focus_id().as_deref(),
            Some("job-7-link"),
            "focus stays on the row's link, not <body>"
        );
    }
    assert!(text(&find(&root, "tr[data-job-id='7']")).contains("three"));
}

#[wasm_bindgen_test]
async fn an_act_is_pending_while_any_dispatch_runs_and_keeps_the_latest_answer() {
    use futures_channel::oneshot;
    use std::cell::RefCell;
    use std::rc::Rc;
    let owner = Owner::new();
    owner.set();
    let gates = Rc::new(RefCell::new(Vec::<oneshot::Sender<u32>>::new()));
    let act = {
        let gates = gates.clone();
        integration_console::erased::act(move |_: &()| {
            let (answer, wait) = oneshot::channel();
            gates.borrow_mut().push(answer);
            async move { wait.await.unwrap_or(0) }
        })
    };
    assert!(!act.pending().get_untracked());
    act.dispatch(());
    act.dispatch(());
    settle().await;
    assert!(act.pending().get_untracked());
    let second = gates.borrow_mut().pop().unwrap();
    second.send(2).unwrap();
    settle().await;
    assert_eq!(act.value().get_untracked(), Some(2));
    assert!(
        act.pending().get_untracked(),
        "the first dispatch still runs"
    );
    let first = gates.borrow_mut().pop().unwrap();
    first.send(1).unwrap();
    settle().await;
    assert_eq!(
        act.value().get_untracked(),
        Some(2),
        "an earlier dispatch answering later is dropped"
    );
    assert!(!act.pending().get_untracked());
}
