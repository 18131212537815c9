//! Times as the admin chose to see them (Settings: local time or UTC), the other form on hover. The choice
//! is kept on this browser and read when a time is drawn, so every page follows it.

use crate::storage::{self, Scope};
use console_api::timefmt::{parse_rfc3339_millis, TimeZoneChoice};
use leptos::prelude::*;
use std::cell::Cell;

const KEY: &str = "console.timeZone";

thread_local! {
    static CHOICE: Cell<Option<TimeZoneChoice>> = const { Cell::new(None) };
}

/// The zone times are shown in.
pub fn choice() -> TimeZoneChoice {
    CHOICE.with(|c| {
        c.get().unwrap_or_else(|| {
            let read = match storage::get(Scope::Browser, KEY).as_deref() {
                Some("utc") => TimeZoneChoice::Utc,
                _ => TimeZoneChoice::Local,
            };
            c.set(Some(read));
            read
        })
    })
}

pub fn set_choice(choice: TimeZoneChoice) {
    CHOICE.with(|c| c.set(Some(choice)));
    let value = match choice {
        TimeZoneChoice::Utc => "utc",
        TimeZoneChoice::Local => "local",
    };
    storage::set(Scope::Browser, KEY, value);
}

/// This browser's offset east of UTC at the instant `ms`, in minutes (daylight saving time included).
pub fn local_offset(ms: i64) -> i32 {
    -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset() as i32)
}

/// The offset of the zone times are shown in: 0 in UTC.
pub fn shown_offset(ms: i64) -> i32 {
    match choice() {
        TimeZoneChoice::Utc => 0,
        TimeZoneChoice::Local => local_offset(ms),
    }
}

/// The shown form of `ms` and the other one.
pub fn both(ms: i64) -> (String, String) {
    choice().both(ms, local_offset(ms))
}

/// Both forms, the chosen one first: for a tooltip beside a relative time ("3 minutes ago").
pub fn exact(ms: i64) -> String {
    let (shown, other) = both(ms);
    format!("{shown} ({other})")
}

/// An instant as a `<time>`: the chosen form, the other on hover.
pub fn time_view(ms: i64) -> impl IntoView {
    let (shown, other) = both(ms);
    view! { <time datetime=console_api::timefmt::format_rfc3339_millis(ms) title=other>{shown}</time> }
}

/// A timestamp as the API sent it: shown as [`time_view`] when it reads, as its text otherwise.
pub fn stamp_view(text: Option<&str>, missing: &'static str) -> AnyView {
    match text {
        None => missing.into_any(),
        Some(t) => match parse_rfc3339_millis(t) {
            Some(ms) => time_view(ms).into_any(),
            None => t.to_string().into_any(),
        },
    }
}

/// A timestamp as the API sent it, as text in the chosen form (the text itself when it does not read).
pub fn display(text: &str) -> String {
    parse_rfc3339_millis(text).map_or_else(|| text.to_string(), |ms| both(ms).0)
}
