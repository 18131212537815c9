//! Focus that survives a re-render. A control that can be rebuilt under the admin (a table row a live
//! update replaced, the opener of a dialog) carries `data-focus-id`; when the element that had focus is
//! gone, focus goes to its replacement instead of falling to `<body>`.

use leptos::prelude::request_animation_frame;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement};

fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Whether focus is nowhere in particular (on `<body>` or nothing): what removing the focused element does.
pub fn is_lost() -> bool {
    let Some(doc) = document() else { return false };
    match (doc.active_element(), doc.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => same(&active, &body),
        (Some(_), None) => false,
    }
}

/// The focused element, if any.
pub fn active() -> Option<HtmlElement> {
    document()
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Focuses the element marked `data-focus-id="{id}"`, if one is in the document.
pub fn to_focus_id(id: &str) -> bool {
    document()
        .and_then(|d| {
            d.query_selector(&format!("[data-focus-id=\"{id}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .is_some_and(|e| e.focus().is_ok())
}

/// Whether focus is on the page's heading or the main region, where a page change puts it.
pub fn on_page_heading() -> bool {
    document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| a.id() == "main" || a.matches("main h1").unwrap_or(false))
}

/// Focuses the page's heading (made focusable by script, not by Tab), or the main region while the page
/// has none yet (a page whose title comes with its data).
pub fn to_page_heading() {
    let Some(document) = document() else {
        return;
    };
    let heading = document.query_selector("main h1").ok().flatten();
    let target = heading.or_else(|| document.get_element_by_id("main"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = el.focus();
    }
}

/// A page whose heading comes with its data: once the heading is there, focus moves to it from the main
/// region, where navigation left it while the page loaded (and nowhere else: the admin may have moved on).
pub fn settle_on_heading() {
    settle(to_page_heading);
}

/// The same for a message that takes the page's place (a page whose code could not be fetched).
pub fn settle_on(id: &'static str) {
    settle(move || {
        first_of(&[id]);
    });
}

fn settle(then: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        let Some(document) = document() else { return };
        let on_main = document.active_element().is_some_and(|a| a.id() == "main");
        if on_main {
            then();
        }
    });
}

/// Focuses the first of `ids` that can take focus (is in the document and not disabled), checking that
/// it did; returns whether one did.
pub fn first_of(ids: &[&str]) -> bool {
    let Some(document) = document() else {
        return false;
    };
    ids.iter().any(|id| {
        let el = document
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        el.is_some_and(|el| {
            let _ = el.focus();
            document.active_element().is_some_and(|a| same(&a, &el))
        })
    })
}

/// After a failure: while focus is nowhere (the control that acted was disabled by what the failure
/// taught, or removed), it goes to the message at `id`, which says what happened.
pub fn to_failure(id: String) {
    request_animation_frame(move || {
        // A focused control that became disabled still holds focus until the browser's next focus
        // fix-up, which drops it to <body>: it counts as lost.
        let on_disabled = document()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a.matches(":disabled").unwrap_or(false));
        if on_disabled || is_lost() {
            to_element_id(&id);
        }
    });
}

/// Focuses the element with id `id`, if it is in the document (a heading with `tabindex="-1"`, say).
pub fn to_element_id(id: &str) -> bool {
    document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .is_some_and(|e| e.focus().is_ok())
}

/// Gives focus back to `opener` after a dialog closes: the element itself while it is still there and
/// enabled, else its replacement (same `data-focus-id`), else the element with id `fallback`.
pub fn restore(opener: Option<HtmlElement>, fallback: Option<&'static str>) {
    if let Some(el) = &opener {
        if el.is_connected() && !el.has_attribute("disabled") && !is_body(el) && el.focus().is_ok()
        {
            return;
        }
    }
    let replaced = opener
        .and_then(|el| el.get_attribute("data-focus-id"))
        .is_some_and(|id| to_focus_id(&id));
    if !replaced {
        if let Some(id) = fallback {
            to_element_id(id);
        }
    }
}

fn is_body(el: &HtmlElement) -> bool {
    document()
        .and_then(|d| d.body())
        .is_some_and(|b| same(&b, el))
}

fn same(a: &impl AsRef<JsValue>, b: &impl AsRef<JsValue>) -> bool {
    a.as_ref() == b.as_ref()
}
