//! The overview mounted whole against a scripted backend: a live update changes the marks and words that
//! changed, and leaves the rows, the opened table, the chosen filters and the focus where they were.
#![cfg(target_arch = "wasm32")]

#[path = "support/fake_sde.rs"]
mod fake_sde;
#[path = "support/page.rs"]
mod page;

use console_api::{Job, JobKind};
use fake_sde::{FakeSde, FakeSdeApi, NoAccess};
use integration_console::pages::OverviewPage;
use leptos::prelude::*;
use page::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlDetailsElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn job(
    id: i64,
    connection: i64,
    alias: &str,
    ready: bool,
    succeeded: bool,
    minutes_ago: i64,
) -> Job {
    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        js_sys::Date::now() - (minutes_ago * 60_000) as f64,
    ))
    .to_iso_string()
    .as_string()
    .unwrap();
    serde_json::from_value(serde_json::json!({
        "id": id, "succeeded": succeeded, "automatic": true, "ready": ready,
        "result_message": if ready && !succeeded { "Rally refused the credentials" } else { "" },
        "last_run": when,
        "connection": {"id": connection, "alias": alias, "system": "Rally", "project": 7,
                       "params": {"alm_server": "rally1.rallydev.com"}}
    }))
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_finishing_run_changes_its_mark_and_words_and_nothing_else() {
    let fake = FakeSde::new(vec![
        (JobKind::Alm, job(1, 12, "Rally - Payments", true, true, 90)),
        (
            JobKind::Alm,
            job(2, 12, "Rally - Payments", false, false, 1),
        ),
        (JobKind::Alm, job(3, 13, "Rally - Legacy", true, false, 30)),
    ]);
    let root = mount_page(
        "/?kind=alm&days=7",
        Rc::new(FakeSdeApi(fake.clone())),
        Rc::new(NoAccess),
        || view! { <OverviewPage /> },
    );
    until("both connections are shown", || {
        count(&root, "[data-testid=health-row]") == 2
    })
    .await;
    let order = || {
        let rows = root.query_selector_all("[data-testid=health-row]").unwrap();
        (0..rows.length())
            .filter_map(|i| rows.item(i))
            .map(|n| {
                n.unchecked_into::<web_sys::Element>()
                    .get_attribute("data-connection")
                    .unwrap()
            })
            .collect::<Vec<_>>()
    };
    // The failing connection first; the one with a run under way after it.
    assert_eq!(order(), ["alm-13", "alm-12"]);
    let row = find(&root, "[data-connection=alm-12]");
    let running = find(&row, "[data-job-id='2']");
    assert!(running.class_name().contains("running"));
    assert!(text(&find(&root, "[data-testid=overview-summary]")).contains("1 running"));

    // The admin has chosen a span, opened the numbers, and is reading the strip by keyboard.
    let days: HtmlSelectElement = find(&root, "#overview-days").unchecked_into();
    assert_eq!(days.value(), "7");
    let details: HtmlDetailsElement = find(&root, "details.chart-table").unchecked_into();
    details.set_open(true);
    let earlier = find(&row, "[data-job-id='1']");
    earlier.focus().unwrap();

    // The run ends, failed; the follower reads it.
    fake.update(2, |j| {
        j.ready = true;
        j.succeeded = false;
        j.result_message = Some("Rally answered 503".into());
    });
    until("the mark says the run failed", || {
        find(&row, "[data-job-id='2']")
            .class_name()
            .contains("failed")
    })
    .await;
    assert!(text(&find(&row, "[data-testid=last-failure]")).contains("Rally answered 503"));
    assert!(text(&row).contains("Failing"));
    assert!(text(&find(&root, "[data-testid=overview-summary]")).contains("0 running"));

    // Nothing else moved: same rows in the same order, the earlier mark still focused, the table still
    // open, the span still chosen.
    assert!(row.is_connected(), "the row was kept, not rebuilt");
    assert!(earlier.is_connected());
    assert_eq!(
        order(),
        ["alm-13", "alm-12"],
        "rows keep their place while live"
    );
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&earlier))),
        "focus stayed on the mark"
    );
    assert!(
        details.is_connected() && details.open(),
        "the opened table stays open"
    );
    assert_eq!(days.value(), "7");
    assert!(days.is_connected());
    // One list request: the live update read the running job, not the list again.
    assert_eq!(fake.calls_starting("LIST"), 1);
}
