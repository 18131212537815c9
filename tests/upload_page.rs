//! The upload page mounted whole against a scripted backend: a scanner chosen for one file never carries
//! over to the next.
#![cfg(target_arch = "wasm32")]

#[path = "support/fake_sde.rs"]
mod fake_sde;
#[path = "support/page.rs"]
mod page;

use fake_sde::{FakeSde, FakeSdeApi};
use integration_console::pages::UploadPage;
use leptos::prelude::*;
use page::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn choose_file(root: &web_sys::HtmlElement, name: &str, content: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(content.as_bytes()));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = find(root, "#report-file").unchecked_into();
    input.set_files(transfer.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn scanner(root: &web_sys::HtmlElement) -> String {
    find(root, "#upload-system")
        .unchecked_into::<HtmlSelectElement>()
        .value()
}

fn choose_scanner(root: &web_sys::HtmlElement, id: &str) {
    let select: HtmlSelectElement = find(root, "#upload-system").unchecked_into();
    select.set_value(id);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn upload_page() -> (Rc<FakeSde>, web_sys::HtmlElement) {
    let fake = FakeSde::new(Vec::new());
    let root = mount_page(
        "/upload",
        Rc::new(FakeSdeApi(fake.clone())),
        Rc::new(fake_sde::NoAccess),
        || view! { <UploadPage /> },
    );
    (fake, root)
}

#[wasm_bindgen_test]
async fn an_unrecognised_file_clears_the_previous_files_scanner() {
    let (fake, root) = upload_page();
    choose_file(
        &root,
        "burp.xml",
        "<?xml version=\"1.0\"?><issues burpVersion=\"2023.10\"></issues>",
    );
    until("Burp is recognised", || {
        scanner(&root) == "burp_file_upload"
    })
    .await;
    assert!(text(&find(&root, "[data-testid=detected]")).contains("Recognised as Burp Suite"));

    choose_file(&root, "notes.txt", "meeting notes, not a report");
    until("the scanner is cleared", || scanner(&root).is_empty()).await;
    let note = text(&find(&root, "[data-testid=detected]"));
    assert!(note.contains("notes.txt was not recognised"), "{note}");

    type_into(&root, "#upload-project", "7");
    find(&root, "button[type=submit]").click();
    settle().await;
    assert!(text(&find(&root, "#upload-system-error")).contains("Choose the scanner"));
    assert_eq!(fake.calls_starting("UPLOAD"), 0, "nothing is sent as Burp");

    choose_scanner(&root, "zap_file_upload");
    find(&root, "button[type=submit]").click();
    until("the upload is sent", || fake.calls_starting("UPLOAD") == 1).await;
    assert_eq!(
        fake.calls.borrow().last().unwrap(),
        "UPLOAD system=zap_file_upload"
    );
}

fn submit_button(root: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    find(root, "button[type=submit]").unchecked_into()
}

#[wasm_bindgen_test]
async fn an_uploaded_report_cannot_be_sent_twice_by_accident() {
    let (fake, root) = upload_page();
    choose_file(
        &root,
        "zap.xml",
        "<OWASPZAPReport version=\"2.9.0\"></OWASPZAPReport>",
    );
    until("ZAP is recognised", || scanner(&root) == "zap_file_upload").await;
    type_into(&root, "#upload-project", "7");

    // A double click: two presses before anything answers.
    submit_button(&root).click();
    submit_button(&root).click();
    until("the import job is shown", || {
        root.query_selector("[data-testid=upload-result]")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(fake.calls_starting("UPLOAD"), 1, "one press, one import");
    assert!(text(&find(&root, "[data-testid=upload-announce]")).contains("ended: Succeeded"));

    until("focus is on the outcome, not <body>", || {
        focused().is_some_and(|e| e.id() == "created-heading")
    })
    .await;

    // The same report again: refused, with the reason beside the button.
    assert!(submit_button(&root).disabled());
    assert!(text(&find(&root, "#upload-sent")).contains("choose another file or change a field"));
    submit_button(&root).click();
    settle().await;
    assert_eq!(fake.calls_starting("UPLOAD"), 1);

    // A scanner chosen by hand says how it differs from the file.
    choose_scanner(&root, "burp_file_upload");
    settle().await;
    assert_eq!(
        text(&find(&root, "[data-testid=detected]")),
        "Chosen by hand. The file looks like a ZAP report."
    );

    // Something changed: it may be sent again.
    type_into(&root, "#upload-project", "8");
    until("the button is enabled again", || {
        !submit_button(&root).disabled()
    })
    .await;
    submit_button(&root).click();
    until("the second upload is sent", || {
        fake.calls_starting("UPLOAD") == 2
    })
    .await;
}
