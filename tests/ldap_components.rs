//! Component tests of the LDAP connection page in headless Chromium: the whole page mounted against a scripted
//! fake access-service, to show that the form holds still (typed text, focus, the same input element) while
//! answers arrive, that the review lists exactly what changed, that Disable asks with Cancel focused, and that
//! a failed save keeps every edit. Run with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use console_api::{
    ApiError, ErrorKind, Job, JobKind, JobQuery, JobResultRequest, LdapConnection,
    LdapConnectionUpdate, Page, Service,
};
use gloo_timers::future::TimeoutFuture;
use integration_console::api::{AccessApi, ApiFuture, Cancel, SdeApi, SdeWrites};
use integration_console::pages::LdapDetailPage;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/page.rs"]
mod page;
use page::{find, focused, mount, settle, text, type_into};

const ID: &str = "1000000";

fn value_of(root: &HtmlElement, selector: &str) -> String {
    find(root, selector)
        .unchecked_into::<HtmlInputElement>()
        .value()
}

/// What the fake access-service holds and how it answers.
struct Script {
    connection: LdapConnection,
    /// Every `PUT` body, in order.
    updates: Vec<LdapConnectionUpdate>,
    /// How long each answer takes.
    delay_ms: u32,
    /// The answer to the next `PUT`, instead of applying it.
    fail_next_update: Option<ApiError>,
}

/// A scripted access-service: answers from memory, after `delay_ms`, and records what was sent.
#[derive(Clone)]
struct FakeAccess(Rc<RefCell<Script>>);

impl FakeAccess {
    fn new(enabled: bool) -> Self {
        let mut connection: LdapConnection = serde_json::from_str(include_str!(
            "../crates/console-api/tests/fixtures/ldapconnection_response.json"
        ))
        .unwrap();
        connection.enabled = enabled;
        Self(Rc::new(RefCell::new(Script {
            connection,
            updates: Vec::new(),
            delay_ms: 0,
            fail_next_update: None,
        })))
    }

    fn sent(&self) -> Vec<serde_json::Value> {
        let script = self.0.borrow();
        script
            .updates
            .iter()
            .map(|u| serde_json::to_value(u).unwrap())
            .collect()
    }

    /// Answers with `answer` after the scripted delay.
    fn later<T: 'static>(&self, answer: Result<T, ApiError>) -> ApiFuture<T> {
        let delay = self.0.borrow().delay_ms;
        Box::pin(async move {
            if delay > 0 {
                TimeoutFuture::new(delay).await;
            }
            answer
        })
    }
}

impl AccessApi for FakeAccess {
    fn list(&self) -> ApiFuture<Vec<LdapConnection>> {
        let all = vec![self.0.borrow().connection.clone()];
        self.later(Ok(all))
    }

    fn get(&self, _id: &str) -> ApiFuture<LdapConnection> {
        let now = self.0.borrow().connection.clone();
        self.later(Ok(now))
    }

    /// Applies the body as the access-service does (its members over the connection's) and moves
    /// `modifiedAt`, so the page sees a real change.
    fn update(&self, _id: &str, change: &LdapConnectionUpdate) -> ApiFuture<LdapConnection> {
        let mut script = self.0.borrow_mut();
        script.updates.push(change.clone());
        if let Some(error) = script.fail_next_update.take() {
            drop(script);
            return self.later(Err(error));
        }
        let mut merged = serde_json::to_value(&script.connection).unwrap();
        let body = serde_json::to_value(change).unwrap();
        for (key, value) in body.as_object().unwrap() {
            let key = if key == "enable" { "enabled" } else { key };
            merged[key] = value.clone();
        }
        let count = script.updates.len();
        merged["modifiedAt"] = format!("2030-01-01T00:00:{count:02}.000Z").into();
        script.connection = serde_json::from_value(merged).unwrap();
        let answer = script.connection.clone();
        drop(script);
        self.later(Ok(answer))
    }
}

/// The LDAP page never calls SD Elements; any call fails loudly.
struct NoSde;

fn no_sde<T>() -> ApiFuture<T> {
    Box::pin(async { Err(ApiError::new(Service::SdElements, ErrorKind::Network)) })
}

impl SdeApi for NoSde {
    fn list_jobs(&self, _: &JobQuery) -> ApiFuture<Page<Job>> {
        no_sde()
    }
    fn job(&self, _: JobKind, _: i64, _: bool) -> ApiFuture<Job> {
        no_sde()
    }
}

impl SdeWrites for NoSde {
    fn start_job(&self, _: JobKind, _: i64) -> ApiFuture<Job> {
        no_sde()
    }
    fn post_result(&self, _: JobKind, _: &JobResultRequest) -> ApiFuture<Job> {
        no_sde()
    }
    fn upload_report(&self, _: web_sys::FormData, _: &Cancel) -> ApiFuture<Job> {
        no_sde()
    }
}

/// Mounts the LDAP page at `/ldap/{ID}` against `access`, and waits for the form.
async fn mount_page(access: &FakeAccess) -> HtmlElement {
    let access: Rc<dyn AccessApi> = Rc::new(access.clone());
    let root = page::mount_page(&format!("/ldap/{ID}"), Rc::new(NoSde), access, || {
        view! { <LdapDetailPage /> }
    });
    for _ in 0..50 {
        if root.query_selector("#ldap-serverUrl").unwrap().is_some() {
            return root;
        }
        settle().await;
    }
    panic!("the form never appeared: {}", text(&root));
}

fn label_of(root: &HtmlElement, id: &str) -> String {
    text(&find(root, &format!("label[for='{id}']")))
}

#[wasm_bindgen_test]
async fn typed_text_focus_and_the_input_survive_an_answer_arriving() {
    let access = FakeAccess::new(false);
    let root = mount_page(&access).await;
    assert_eq!(value_of(&root, "#ldap-domain"), "XY-COMPANY");
    assert!(!label_of(&root, "ldap-domain").contains("(changed)"));

    let input = find(&root, "#ldap-domain");
    input.focus().unwrap();
    type_into(&root, "#ldap-domain", "EMEA");
    settle().await;
    assert_eq!(label_of(&root, "ldap-domain"), "Domain (changed)");
    let field = find(&root, "#ldap-domain")
        .closest(".field")
        .unwrap()
        .unwrap();
    assert!(field
        .get_attribute("class")
        .is_some_and(|c| c.split(' ').any(|c| c == "changed")));

    // The switch's answer arrives while the admin is in the middle of typing.
    access.0.borrow_mut().delay_ms = 60;
    find(&root, "[data-testid=enable-switch]").click();
    settle().await;
    type_into(&root, "#ldap-domain", "EMEA-");
    TimeoutFuture::new(120).await;
    let switch = find(&root, "[data-testid=enable-switch]");
    assert_eq!(
        switch.get_attribute("aria-checked").as_deref(),
        Some("true")
    );
    assert_eq!(access.sent(), [serde_json::json!({"enable": true})]);

    let now = find(&root, "#ldap-domain");
    assert!(now.is_same_node(Some(&input)), "the input was not rebuilt");
    assert_eq!(value_of(&root, "#ldap-domain"), "EMEA-");
    assert!(
        focused().is_some_and(|f| f.is_same_node(Some(&input))),
        "focus stayed in the field"
    );
    assert_eq!(label_of(&root, "ldap-domain"), "Domain (changed)");
    assert!(!label_of(&root, "ldap-serverTimeout").contains("(changed)"));
}

#[wasm_bindgen_test]
async fn review_lists_exactly_the_changed_field_by_its_label_then_saves_it() {
    let access = FakeAccess::new(true);
    let root = mount_page(&access).await;
    type_into(&root, "#ldap-serverTimeout", "15000");
    settle().await;
    find(&root, "button[type=submit]").click();
    settle().await;
    let list = find(&root, "[data-testid=change-list]");
    let rows = list.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 1, "{}", text(&list));
    let row: HtmlElement = rows.item(0).unwrap().unchecked_into();
    assert_eq!(text(&find(&row, "th")), "Timeout (ms)");
    assert!(text(&row).contains("30000") && text(&row).contains("15000"));

    find(&root, "[data-testid=confirm-save]").click();
    settle().await;
    assert_eq!(access.sent(), [serde_json::json!({"serverTimeout": 15000})]);
    assert_eq!(text(&find(&root, "[data-testid=ldap-status]")), "Saved.");
    assert!(root.query_selector("[role=dialog]").unwrap().is_none());
    assert!(!label_of(&root, "ldap-serverTimeout").contains("(changed)"));
}

#[wasm_bindgen_test]
async fn disable_asks_with_cancel_focused() {
    let access = FakeAccess::new(true);
    let root = mount_page(&access).await;
    find(&root, "[data-testid=enable-switch]").click();
    settle().await;
    let dialog = find(&root, "[role=dialog]");
    assert!(text(&dialog).contains("Disable this LDAP connection?"));
    let active: HtmlElement = focused().expect("something has focus").unchecked_into();
    assert!(dialog.contains(Some(&active)), "focus is in the dialog");
    assert_eq!(text(&active), "Cancel", "the safe choice has focus");
    active.click();
    settle().await;
    assert!(root.query_selector("[role=dialog]").unwrap().is_none());
    assert!(access.sent().is_empty(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn a_failed_save_keeps_every_edit_and_cannot_be_sent_twice() {
    let access = FakeAccess::new(true);
    let mut refused = ApiError::new(Service::AccessService, ErrorKind::BadRequest);
    refused.field_errors = vec![(
        "syncFilter".into(),
        "The directory rejected this filter.".into(),
    )];
    access.0.borrow_mut().fail_next_update = Some(refused);
    let root = mount_page(&access).await;
    type_into(&root, "#ldap-syncFilter", "(objectClass=person)");
    type_into(&root, "#ldap-domain", "XY-NEW");
    type_into(&root, "#ldap-password", "n3w-s3cret");
    settle().await;
    find(&root, "button[type=submit]").click();
    settle().await;

    access.0.borrow_mut().delay_ms = 80;
    find(&root, "[data-testid=confirm-save]").click();
    settle().await;
    let submit = find(&root, "button[type=submit]");
    assert!(
        submit.has_attribute("disabled"),
        "no second save while one is on its way"
    );
    submit.click();
    TimeoutFuture::new(150).await;
    assert_eq!(access.sent().len(), 1, "one PUT: {:?}", access.sent());

    assert_eq!(value_of(&root, "#ldap-syncFilter"), "(objectClass=person)");
    assert_eq!(value_of(&root, "#ldap-domain"), "XY-NEW");
    assert_eq!(value_of(&root, "#ldap-password"), "n3w-s3cret");
    assert_eq!(
        text(&find(&root, "#ldap-syncFilter-message")),
        "The directory rejected this filter."
    );
    assert_eq!(
        find(&root, "#ldap-syncFilter")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(root
        .query_selector("[data-testid=error-panel]")
        .unwrap()
        .is_some());
    assert!(label_of(&root, "ldap-domain").contains("(changed)"));
    assert!(!submit.has_attribute("disabled"), "free to try again");
    assert_eq!(text(&find(&root, "[data-testid=ldap-status]")), "");
}

#[wasm_bindgen_test]
async fn text_field_updates_in_place_and_wires_its_help_and_message() {
    use console_api::Check;
    use integration_console::components::{InputKind, TextField};
    let value = RwSignal::new("first".to_string());
    let check = RwSignal::new(Check::Ok);
    let error = RwSignal::new(None::<String>);
    let changed = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <TextField id="notes" label="Notes" value kind=InputKind::MultiLine
                check=check error=error changed=changed>
                "What this is for."
            </TextField>
            <TextField id="count" label="Count" value=RwSignal::new("3".to_string()) kind=InputKind::Number />
        }
    });
    let area = find(&root, "textarea#notes");
    assert_eq!(text(&find(&root, "label[for=notes]")), "Notes");
    assert_eq!(
        area.get_attribute("aria-describedby").as_deref(),
        Some("notes-help notes-message")
    );
    assert_eq!(text(&find(&root, "#notes-help")), "What this is for.");
    assert_eq!(
        find(&root, "input#count").get_attribute("type").as_deref(),
        Some("number")
    );
    assert_eq!(
        find(&root, "input#count")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("count-message"),
        "no help, so only the message describes it"
    );

    // Typing writes the signal; setting the signal rewrites the same element.
    area.focus().unwrap();
    type_into(&root, "#notes", "typed");
    assert_eq!(value.get_untracked(), "typed");
    value.set("from elsewhere".into());
    check.set(Check::Warning("Careful.".into()));
    changed.set(true);
    settle().await;
    let now = find(&root, "#notes");
    assert!(now.is_same_node(Some(&area)), "not rebuilt");
    assert!(focused().is_some_and(|f| f.is_same_node(Some(&area))));
    let shown = js_sys::Reflect::get(&now, &"value".into()).unwrap();
    assert_eq!(shown.as_string().as_deref(), Some("from elsewhere"));
    let message = find(&root, "#notes-message");
    assert_eq!(
        (message.class_name(), text(&message)),
        ("field-warning".to_string(), "Careful.".to_string())
    );
    assert_eq!(message.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(
        now.get_attribute("aria-invalid"),
        None,
        "a warning allows it"
    );
    assert_eq!(text(&find(&root, "label[for=notes]")), "Notes (changed)");

    // An error wins over the check and marks the field invalid.
    error.set(Some("The server refused it.".into()));
    settle().await;
    assert_eq!(text(&message), "The server refused it.");
    assert_eq!(message.class_name(), "field-error");
    assert_eq!(now.get_attribute("aria-invalid").as_deref(), Some("true"));
}
