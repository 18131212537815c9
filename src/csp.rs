//! Tells a connection the Content-Security-Policy refused from a server that is down.
//!
//! Both reach the app as the same failed `fetch`. The browser also fires `securitypolicyviolation` for the
//! refused one, so the console watches for it and, when a request fails, asks whether its origin was
//! refused: then the message can say to use the deployment's address or have it allowed, instead of
//! "check that the server is running".

use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

thread_local! {
    static WATCHING: Cell<bool> = const { Cell::new(false) };
    static REFUSED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn origin(url: &str) -> Option<String> {
    web_sys::Url::new(url).ok().map(|u| u.origin())
}

/// Starts recording refused connections (once; later calls do nothing).
pub fn watch() {
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::SecurityPolicyViolationEvent)>::new(
        |ev: web_sys::SecurityPolicyViolationEvent| {
            if ev.effective_directive() == "connect-src" {
                if let Some(origin) = origin(&ev.blocked_uri()) {
                    REFUSED.with(|r| {
                        let mut refused = r.borrow_mut();
                        if !refused.contains(&origin) {
                            refused.push(origin);
                        }
                    });
                }
            }
        },
    );
    let _ = document.add_event_listener_with_callback(
        "securitypolicyviolation",
        listener.as_ref().unchecked_ref(),
    );
    // Lives as long as the page.
    listener.forget();
}

/// Whether the policy refused a connection to `url`'s origin. The violation event is queued as its own
/// task, so this waits a moment for it.
pub async fn blocked(url: &str) -> bool {
    let Some(wanted) = origin(url) else {
        return false;
    };
    gloo_timers::future::TimeoutFuture::new(20).await;
    REFUSED.with(|r| r.borrow().contains(&wanted))
}
