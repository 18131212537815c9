//! What the admin's last action on the job page did ("Started job 412 for …"), said in a live region for
//! the job it made and gone once another job is shown; focus moves to that job's heading when it is on
//! screen, never left on `<body>`.

use crate::erased::effect;
use console_api::Job;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Outcome {
    current: Memo<Option<Job>>,
    notice: RwSignal<Option<(i64, String)>>,
    focus_heading: StoredValue<bool>,
}

impl Outcome {
    pub fn new(current: Memo<Option<Job>>) -> Self {
        let outcome = Self {
            current,
            notice: RwSignal::new(None),
            focus_heading: StoredValue::new(false),
        };
        effect(move || {
            if current.with(Option::is_some) && outcome.focus_heading.get_value() {
                outcome.focus_heading.set_value(false);
                request_animation_frame(|| {
                    crate::focus::to_element_id("job-title");
                });
            }
        });
        outcome
    }

    /// `text` is what happened; `job` the job it made, about to be shown.
    pub fn said(self, job: i64, text: String) {
        self.notice.set(Some((job, text)));
        self.focus_heading.set_value(true);
    }
}

#[component]
pub fn OutcomeNotice(outcome: Outcome) -> impl IntoView {
    let text = move || {
        let shown = outcome.current.with(|j| j.as_ref().map(|j| j.id));
        outcome.notice.with(|n| {
            n.as_ref().filter(|(id, _)| Some(*id) == shown).map(
                |(_, text)| view! { <p class="notice" data-testid="job-notice">{text.clone()}</p> },
            )
        })
    };
    view! { <div role="status">{text}</div> }
}
