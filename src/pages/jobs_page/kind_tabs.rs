//! All, ALM, Verification and LDAP as tabs, each its own route; a tab keeps the filters that still apply.

use super::view_state::ListView;
use crate::router::app_url;
use console_api::JobKind;
use leptos::prelude::*;

#[component]
pub fn KindTabs(view: ListView, kind: Memo<Option<JobKind>>) -> impl IntoView {
    let tab = move |k: JobKind| {
        let href = move || {
            let mut s = view.state.get();
            s.kind = k;
            s.filter.connection = None;
            s.page = 1;
            app_url(&s.href())
        };
        let current = move || (kind.get() == Some(k)).then_some("page");
        view! { <a class="tab" href=href aria-current=current>{k.label()}</a> }
    };
    view! {
        <nav class="tabs" aria-label="Job kinds">
            {tab(JobKind::All)}{tab(JobKind::Alm)}{tab(JobKind::Analysis)}{tab(JobKind::Ldap)}
        </nav>
        {move || kind.get().is_none().then(|| view! {
            <p class="notice">"There is no such kind of job. Pick All, ALM, Verification or LDAP above."</p>
        })}
    }
}
