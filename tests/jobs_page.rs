//! The jobs page mounted whole against a scripted backend: live updates change the rows that changed and
//! leave an open dialog, typed filters and focus alone.
#![cfg(target_arch = "wasm32")]

#[path = "support/fake_sde.rs"]
mod fake_sde;
#[path = "support/page.rs"]
mod page;

use console_api::{Job, JobKind};
use fake_sde::{FakeSde, FakeSdeApi, NoAccess};
use integration_console::pages::JobsPage;
use leptos::prelude::*;
use page::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

wasm_bindgen_test_configure!(run_in_browser);

fn job(id: i64, ready: bool) -> Job {
    serde_json::from_value(serde_json::json!({
        "id": id, "succeeded": ready, "automatic": true, "ready": ready,
        "result_message": "Queued", "last_run": "2026-11-22T10:00:00Z",
        "user": {"id": 4, "email": "priya@example.com", "first_name": "Priya", "last_name": "Raman"},
        "triggered_by": "b@example.com",
        "connection": {"id": 12, "alias": format!("Rally {id}"), "system": "Rally", "project": 7,
                       "params": {"alm_server": "rally1.rallydev.com"}}
    }))
    .unwrap()
}

#[wasm_bindgen_test]
async fn live_updates_leave_an_open_dialog_and_typed_filters_alone() {
    let fake = FakeSde::new(vec![
        (JobKind::Alm, job(1, false)),
        (JobKind::Alm, job(2, true)),
    ]);
    let reads = Rc::new(Cell::new(0));
    let counter = reads.clone();
    *fake.on_read.borrow_mut() = Some(Box::new(move |j: &mut Job| {
        counter.set(counter.get() + 1);
        j.result_message = Some(format!("Synced {} issues", counter.get()));
    }));
    let root = mount_page(
        "/jobs/alm?expand=users",
        Rc::new(FakeSdeApi(fake.clone())),
        Rc::new(NoAccess),
        || view! { <JobsPage /> },
    );
    until("rows are shown", || {
        count(&root, "[data-testid=job-row]") == 2
    })
    .await;
    let table = find(&root, "[data-testid=jobs-table]");

    // The user box holds text not yet sent (the debounce has not fired).
    type_into(&root, "#filter-user", "pri");
    find(&root, "tr[data-job-id='1'] button.user-button").click();
    settle().await;
    let dialog = find(&root, "[role=dialog]");
    let close = find(&dialog, ".actions button");
    close.focus().unwrap();

    let before = reads.get();
    until("three live updates", || reads.get() >= before + 3).await;
    settle().await;
    assert!(
        text(&find(&root, "tr[data-job-id='1']")).contains("Synced"),
        "the row shows the update"
    );
    assert!(
        find(&root, "[data-testid=jobs-table]").is_same_node(Some(&table)),
        "the table was not rebuilt"
    );
    assert!(
        dialog.is_connected(),
        "the dialog stayed open, not remounted"
    );
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&close))),
        "focus stayed on Close"
    );
    let user: HtmlInputElement = find(&root, "#filter-user").unchecked_into();
    assert_eq!(user.value(), "pri");
}
