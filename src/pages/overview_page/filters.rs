//! The overview's filters: kind, system and how the job started (as on the jobs list), and the chart's
//! span. Each is a plain `<select>` created once that follows the URL, so a live update never rebuilds it.

use crate::router::use_nav;
use console_api::filter::{format_bool, parse_bool};
use console_api::overview::OverviewState;
use console_api::JobKind;
use leptos::prelude::*;
use std::collections::BTreeSet;

fn href(state: &OverviewState) -> String {
    match state.to_query() {
        q if q.is_empty() => "/".to_string(),
        q => format!("/?{q}"),
    }
}

#[component]
pub fn OverviewFilters(
    state: Memo<OverviewState>,
    systems: Memo<BTreeSet<String>>,
) -> impl IntoView {
    let nav = use_nav();
    let change = move |apply: &dyn Fn(&mut OverviewState, String), ev: leptos::ev::Event| {
        let mut next = state.get_untracked();
        apply(&mut next, event_target_value(&ev));
        nav.navigate(&href(&next), false, false);
    };
    // The system asked for stays a choice even before (or without) a job of it.
    let system_options = move || {
        let chosen = state.with(|s| s.system.clone());
        let mut all = systems.get();
        all.extend(chosen);
        // `selected` on the option itself: the options arrive with the data, after the select's value.
        all.into_iter()
            .map(|name| {
                let this = name.clone();
                let value = name.clone();
                view! {
                    <option value=value
                        prop:selected=move || state.with(|s| s.system.as_deref() == Some(this.as_str()))>
                        {name}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <form class="filters overview-filters" role="search" aria-label="Filter the overview"
            on:submit=|ev| ev.prevent_default()>
            <div class="filter">
                <label for="overview-kind">"Kind"</label>
                <select id="overview-kind" prop:value=move || state.with(|s| s.kind.slug())
                    on:change=move |ev| change(&|s, v| s.kind = JobKind::from_slug(&v).unwrap_or_default(), ev)>
                    <option value="all">"All kinds"</option>
                    {JobKind::KINDS.into_iter()
                        .map(|k| view! { <option value=k.slug()>{k.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="overview-system">"System"</label>
                <select id="overview-system"
                    prop:value=move || state.with(|s| s.system.clone().unwrap_or_default())
                    on:change=move |ev| change(&|s, v| s.system = Some(v).filter(|v| !v.is_empty()), ev)>
                    <option value="">"All systems"</option>
                    {system_options}
                </select>
            </div>
            <div class="filter">
                <label for="overview-automatic" title="Automatic: started by a schedule (automatic=true). Manual: started by a person (automatic=false).">"Started"</label>
                <select id="overview-automatic"
                    prop:value=move || state.with(|s| format_bool(s.automatic))
                    on:change=move |ev| change(&|s, v| s.automatic = parse_bool(&v), ev)>
                    <option value="">"Any way"</option>
                    <option value="true">"Automatically"</option>
                    <option value="false">"Manually"</option>
                </select>
            </div>
            <div class="filter">
                <label for="overview-days" title="Only the runs-per-day chart: each connection's strip always shows its last 20 runs.">"Chart span"</label>
                <select id="overview-days" prop:value=move || state.with(|s| s.days.to_string())
                    on:change=move |ev| change(&|s, v| s.days = console_api::text::parse_count(&v).and_then(|d| u32::try_from(d).ok()).unwrap_or(30), ev)>
                    {OverviewState::DAYS.into_iter()
                        .map(|d| view! { <option value=d.to_string()>{format!("Last {d} days")}</option> })
                        .collect_view()}
                </select>
            </div>
        </form>
    }
}
