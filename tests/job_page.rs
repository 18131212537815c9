//! The job page mounted whole against a scripted backend: live updates change text in place and leave the
//! admin's typing, open disclosures, focus and dialogs alone; Run now cannot start a second job of a
//! connection that is starting or running.
#![cfg(target_arch = "wasm32")]

#[path = "support/fake_sde.rs"]
mod fake_sde;
#[path = "support/page.rs"]
mod page;

use console_api::permission::WriteAccess;
use console_api::{Job, JobKind};
use fake_sde::{FakeSde, FakeSdeApi};
use integration_console::api::Backends;
use integration_console::pages::JobDetailPage;
use leptos::prelude::*;
use page::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlDetailsElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn alm_job(id: i64, ready: bool, message: &str) -> Job {
    serde_json::from_value(serde_json::json!({
        "id": id, "user": "a@example.com", "triggered_by": "b@example.com",
        "succeeded": ready, "automatic": false, "ready": ready,
        "result_message": message, "last_run": "2026-11-22T10:00:00Z",
        "connection": {"id": 12, "alias": "Rally Sync", "system": "Rally", "project": 7,
                       "params": {"alm_server": "rally1.rallydev.com", "alm_pass": "hunter2"}}
    }))
    .unwrap()
}

fn job_page(fake: &Rc<FakeSde>, path: &str) -> web_sys::HtmlElement {
    mount_page(
        path,
        Rc::new(FakeSdeApi(fake.clone())),
        Rc::new(fake_sde::NoAccess),
        || {
            view! { <JobDetailPage /> }
        },
    )
}

#[wasm_bindgen_test]
async fn live_updates_leave_typing_disclosure_and_focus_alone() {
    let fake = FakeSde::new(vec![(JobKind::Alm, alm_job(7, false, "Queued"))]);
    // Each read is a step of progress the page must show.
    let reads = Rc::new(std::cell::Cell::new(0));
    let counter = reads.clone();
    *fake.on_read.borrow_mut() = Some(Box::new(move |job: &mut Job| {
        counter.set(counter.get() + 1);
        job.result_message = Some(format!("Synced {} of 40 issues", counter.get()));
    }));
    let root = job_page(&fake, "/jobs/alm/7");
    until("the job is shown", || text(&root).contains("Rally Sync")).await;

    let details: HtmlDetailsElement = find(&root, "[data-testid=record-result]").unchecked_into();
    find(&details, "summary").click();
    settle().await;
    assert!(details.open());
    let area: HtmlTextAreaElement = find(&root, "#result-message").unchecked_into();
    area.focus().unwrap();
    area.set_value("Scanner says 3 findings, half-");
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let reads_before = reads.get();

    until("three live updates", || reads.get() >= reads_before + 3).await;
    settle().await;
    let shown = text(&find(&root, "[data-testid=result-message]"));
    assert!(
        shown.starts_with("Synced"),
        "the update reached the page: {shown}"
    );

    let area_now: HtmlTextAreaElement = find(&root, "#result-message").unchecked_into();
    assert!(
        area_now.is_same_node(Some(&area)),
        "the form was not rebuilt"
    );
    assert_eq!(area_now.value(), "Scanner says 3 findings, half-");
    assert!(
        details.is_connected() && details.open(),
        "the disclosure stayed open"
    );
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&area))),
        "focus stayed in the message"
    );
}

#[wasm_bindgen_test]
async fn learning_the_token_is_read_only_disables_actions_and_keeps_what_was_typed() {
    let fake = FakeSde::new(vec![(JobKind::Alm, alm_job(7, false, "Queued"))]);
    let backends = Backends::new(
        Rc::new(FakeSdeApi(fake.clone())),
        Rc::new(fake_sde::NoAccess),
    );
    let root = mount_page_with("/jobs/alm/7", backends, || view! { <JobDetailPage /> });
    until("the job is shown", || text(&root).contains("Rally Sync")).await;
    let details: HtmlDetailsElement = find(&root, "[data-testid=record-result]").unchecked_into();
    find(&details, "summary").click();
    settle().await;
    let area: HtmlTextAreaElement = find(&root, "#result-message").unchecked_into();
    area.focus().unwrap();
    area.set_value("Half-typed note");
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert!(try_find(&root, "[data-testid=read-only]").is_none());

    // A 403 anywhere else in the session: the job page learns it while the admin types.
    backends.permissions.sde.set(WriteAccess::Refused);
    let reads = fake.calls_starting("GET");
    until("a live update after it", || {
        fake.calls_starting("GET") >= reads + 2
    })
    .await;
    settle().await;

    assert!(text(&find(&root, "[data-testid=read-only]"))
        .starts_with("Read-only: your SD Elements token cannot start jobs"));
    assert_eq!(
        text(&find(&root, "[data-testid=run-now-reason]")),
        "Read-only token: it cannot start jobs."
    );
    assert!(find(&root, "[data-testid=run-now]").has_attribute("disabled"));
    let record = find(&details, "button[type=submit]");
    assert!(record.has_attribute("disabled"), "Record result is off");
    let area_now: HtmlTextAreaElement = find(&root, "#result-message").unchecked_into();
    assert!(
        area_now.is_same_node(Some(&area)),
        "the form was not rebuilt"
    );
    assert_eq!(area_now.value(), "Half-typed note");
    assert!(details.open(), "the disclosure stayed open");
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&area))),
        "focus stayed in the message"
    );
}

#[wasm_bindgen_test]
async fn a_value_shown_on_request_stays_shown_and_focused_through_live_updates() {
    let mut job = alm_job(8, false, "Queued");
    if let Some(params) = std::sync::Arc::make_mut(&mut job.connection)
        .params
        .as_mut()
    {
        params.0.insert(
            "webhook_url".into(),
            console_api::json_tree::Json::from("https://bot:pw@hooks.example.com/x"),
        );
    }
    let fake = FakeSde::new(vec![(JobKind::Alm, job)]);
    let reads = Rc::new(std::cell::Cell::new(0));
    let counter = reads.clone();
    *fake.on_read.borrow_mut() = Some(Box::new(move |job: &mut Job| {
        counter.set(counter.get() + 1);
        job.result_message = Some(format!("Synced {} of 40 issues", counter.get()));
    }));
    let root = job_page(&fake, "/jobs/alm/8");
    until("the parameters are shown", || {
        text(&root).contains("webhook_url")
    })
    .await;
    let page_text = text(&root);
    assert!(!page_text.contains("hunter2") && !page_text.contains("bot:pw"));
    let show = find(&root, "[aria-label='Show the value of webhook_url']");
    show.focus().unwrap();
    show.click();
    settle().await;
    let reads_before = reads.get();
    until("three live updates", || reads.get() >= reads_before + 3).await;
    settle().await;
    let cell = text(&find(&root, "[data-testid=hidden-param]"));
    assert_eq!(
        cell, "https://••••••@hooks.example.com/x",
        "still shown, still scrubbed"
    );
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&show))),
        "focus stayed on the button"
    );
    assert_eq!(
        show.get_attribute("aria-label").as_deref(),
        Some("Hide the value of webhook_url")
    );
}

#[wasm_bindgen_test]
async fn run_now_is_off_while_a_job_of_the_connection_runs_and_starts_once() {
    let fake = FakeSde::new(vec![(JobKind::Alm, alm_job(21, false, "Syncing"))]);
    let root = job_page(&fake, "/jobs/alm/21");
    until("the job is shown", || text(&root).contains("Rally Sync")).await;
    let run = find(&root, "[data-testid=run-now]");
    assert!(run.has_attribute("disabled"), "running: Run now is off");
    assert!(text(&find(&root, "[data-testid=run-now-reason]")).contains("This job is running"));

    // The job finishes; the follower sees it and Run now comes back.
    fake.update(21, |j| {
        j.ready = true;
        j.succeeded = true;
    });
    until("Run now is enabled", || {
        !find(&root, "[data-testid=run-now]").has_attribute("disabled")
    })
    .await;

    // Confirm twice in quick succession, as a double click does: one job starts.
    fake.delay_ms.set(300);
    find(&root, "[data-testid=run-now]").click();
    settle().await;
    let confirm = find(&root, "[data-testid=confirm-run]");
    confirm.click();
    confirm.click();
    settle().await;
    confirm.click();
    until("the started job is shown", || {
        web_sys::window().unwrap().location().pathname().unwrap() == "/jobs/alm/22"
    })
    .await;
    assert_eq!(fake.calls_starting("START"), 1, "{:?}", fake.calls.borrow());
    until("the new job is on screen", || {
        text(&find(&root, "#job-heading")).contains("22")
    })
    .await;
    assert!(
        find(&root, "[data-testid=run-now]").has_attribute("disabled"),
        "the started job runs: Run now is off again"
    );
    // Said, and focus on the new job's title rather than <body>.
    assert!(text(&find(&root, "[data-testid=job-notice]")).contains("Started job 22 for"));
    until("focus is on the new job's title", || {
        focused().is_some_and(|e| e.id() == "job-title")
    })
    .await;
}

#[wasm_bindgen_test]
async fn another_running_job_of_the_connection_blocks_run_now() {
    let fake = FakeSde::new(vec![
        (JobKind::Alm, alm_job(31, true, "Done")),
        (JobKind::Alm, alm_job(32, false, "Syncing")),
    ]);
    let root = job_page(&fake, "/jobs/alm/31");
    until("the reason is given", || {
        text(&root).contains("Job 32 of this connection is running")
    })
    .await;
    assert!(find(&root, "[data-testid=run-now]").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn an_address_without_the_kind_is_resolved_from_the_kind_endpoints() {
    let fake = FakeSde::new(vec![(JobKind::Alm, alm_job(13, true, "Done"))]);
    let root = job_page(&fake, "/jobs/all/13?guess=analysis");
    until("the job is shown", || text(&root).contains("Rally Sync")).await;
    assert_eq!(
        web_sys::window().unwrap().location().pathname().unwrap(),
        "/jobs/alm/13",
        "the address now says the kind"
    );
    let calls = fake.calls.borrow().clone();
    let gets: Vec<&String> = calls.iter().filter(|c| c.starts_with("GET")).collect();
    assert_eq!(
        gets,
        ["GET analysis 13", "GET alm 13"],
        "the likely kind first"
    );
}
