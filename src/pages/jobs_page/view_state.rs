//! The jobs list's view as the page's parts share it: the state in the URL (read as a memo) and the one
//! way to change it (a navigation), plus what the server answered.

use crate::router::Nav;
use console_api::jobs_view::{JobListState, JobRow};
use console_api::ApiError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The URL's view, and changes to it.
#[derive(Clone, Copy)]
pub struct ListView {
    pub state: Memo<JobListState>,
    pub nav: Nav,
}

impl ListView {
    /// Shows `next`: a new history entry, or (`replace`, for typing) the current one replaced.
    pub fn go(self, next: JobListState, replace: bool) {
        self.nav.navigate(&next.href(), replace, false);
    }

    /// Applies `change` to the current view.
    pub fn update(self, change: impl FnOnce(&mut JobListState), replace: bool) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        self.go(next, replace);
    }

    /// A server filter changed: back to the first page.
    pub fn filter(self, change: impl FnOnce(&mut JobListState)) {
        self.update(
            |s| {
                change(s);
                s.page = 1;
            },
            false,
        );
    }

    pub fn clear(self) {
        self.go(self.state.get_untracked().cleared(), false);
    }
}

/// The server's paging answer: `None` fields when it sent `results` alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paging {
    pub count: Option<u64>,
    pub next: bool,
    pub previous: bool,
}

/// What the server answered, and what is shown of it.
#[derive(Clone, Copy)]
pub struct Loaded {
    pub rows: RwSignal<Vec<JobRow>>,
    /// Indices into `rows` after search and sort.
    pub order: Memo<Vec<usize>>,
    pub paging: RwSignal<Paging>,
    /// A first answer has arrived.
    pub loaded: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// Every connection seen so far, for the connection filter.
    pub connections: RwSignal<BTreeMap<i64, String>>,
    pub loading: ReadSignal<bool>,
}
