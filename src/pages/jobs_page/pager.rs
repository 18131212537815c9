//! Paging as the API pages: previous and next, with "page N of M" when the server gives a count.

use super::view_state::{ListView, Loaded};
use crate::erased::memo;
use console_api::jobs_view::PageSize;
use leptos::prelude::*;

#[component]
pub fn Pager(view: ListView, data: Loaded) -> impl IntoView {
    let shown = memo(move || {
        let s = view.state.get();
        let p = data.paging.get();
        let PageSize::Rows(size) = s.page_size else {
            return None;
        };
        let pages = p.count.map(|c| c.div_ceil(u64::from(size)).max(1));
        (p.next || p.previous || s.page > 1).then(|| {
            let label = match pages {
                Some(pages) => format!("Page {} of {pages}", s.page),
                None => format!("Page {}", s.page),
            };
            (label, p.previous || s.page > 1, p.next)
        })
    });
    let label = move || shown.with(|s| s.as_ref().map(|(l, _, _)| l.clone()));
    let visible = memo(move || shown.with(Option::is_some));
    move || {
        visible.get().then(|| view! {
            <nav class="pager" aria-label="Pages">
                <button type="button" class="button secondary"
                    disabled=move || !shown.with(|s| s.as_ref().is_some_and(|s| s.1))
                    on:click=move |_| view.update(|s| s.page = s.page.saturating_sub(1).max(1), false)>
                    "← Previous"
                </button>
                <span data-testid="page-label">{label}</span>
                <button type="button" class="button secondary"
                    disabled=move || !shown.with(|s| s.as_ref().is_some_and(|s| s.2))
                    on:click=move |_| view.update(|s| s.page += 1, false)>
                    "Next →"
                </button>
            </nav>
        }.into_any())
    }
}
