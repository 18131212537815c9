//! The filters: every documented server filter (each label's tooltip says what it means in API terms),
//! the search over the loaded rows, rows per page and user expansion. Each control is created once and
//! follows the URL's state, so nothing the admin is typing is rebuilt under them.

use super::view_state::{ListView, Loaded};
use crate::erased::{effect, memo};
use console_api::filter::{format_bool, parse_bool, status_flags_label, StatusChoice};
use console_api::jobs_view::{sort_indices, JobListState, PageSize};
use console_api::text::fold_case;
use leptos::prelude::*;

/// Typing in the user or connection id box waits this long before asking the server.
const TYPING_PAUSE_MS: u32 = 400;

#[component]
pub fn FilterBar(view: ListView, data: Loaded) -> impl IntoView {
    let state = view.state;
    let filtered = memo(move || state.with(JobListState::is_filtered));
    // On a phone the filters fold behind one button that says how many are on.
    let unfolded = RwSignal::new(false);
    let active = memo(move || state.with(JobListState::active_filters));
    view! {
        <button type="button" class="button secondary filters-toggle" aria-controls="job-filters"
            aria-expanded=move || if unfolded.get() { "true" } else { "false" }
            on:click=move |_| unfolded.update(|u| *u = !*u)>
            {move || match active.get() { 0 => "Filters".to_string(), n => format!("Filters ({n} on)") }}
        </button>
        <form class="filters" id="job-filters" class:folded=move || !unfolded.get() role="search"
            aria-label="Filter jobs" on:submit=|ev| ev.prevent_default()>
            <ChoiceFilter view=view id="filter-automatic" label="Started"
                help="Automatic: started by a schedule (automatic=true). Manual: started by a person (automatic=false)."
                get=|s| s.filter.automatic set=|s, v| s.filter.automatic = v
                options=[("", "Any way"), ("true", "Automatically"), ("false", "Manually")] />
            <StatusFilter view=view />
            <ConnectionFilter view=view data=data />
            <UserFilter view=view />
            <div class="filter grow">
                <label for="filter-search">"Search loaded jobs"</label>
                <input id="filter-search" type="search" placeholder="connection, system, user, message" autocomplete="off"
                    prop:value=move || state.with(|s| s.search.clone())
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        view.update(|s| s.search = q, true);
                    } />
            </div>
            <div class="filter">
                <label for="filter-page-size">"Rows"</label>
                <select id="filter-page-size"
                    prop:value=move || state.with(|s| s.page_size.to_param())
                    on:change=move |ev| {
                        let size = PageSize::from_param(&event_target_value(&ev)).unwrap_or(PageSize::Rows(100));
                        view.filter(|s| s.page_size = size);
                    }>
                    {PageSize::CHOICES.into_iter()
                        .map(|p| view! { <option value=p.to_param()>{p.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="filter checkbox">
                <input id="filter-expand" type="checkbox"
                    prop:checked=move || state.with(|s| s.expand_users)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        view.update(|s| s.expand_users = on, false);
                    } />
                <label for="filter-expand">"Show user details"</label>
            </div>
            // Always in place, hidden while nothing is filtered: the bar never moves when it appears.
            <button type="button" class="link-button clear-filters" on:click=move |_| view.clear()
                style:visibility=move || if filtered.get() { "visible" } else { "hidden" }>"Clear filters"</button>
        </form>
    }
}

/// A yes/no/any server filter as a select.
#[component]
fn ChoiceFilter(
    view: ListView,
    id: &'static str,
    label: &'static str,
    /// What it means, in API terms (the tooltip).
    help: &'static str,
    get: fn(&JobListState) -> Option<bool>,
    set: fn(&mut JobListState, Option<bool>),
    options: [(&'static str, &'static str); 3],
) -> impl IntoView {
    view! {
        <div class="filter">
            <label for=id title=help>{label}</label>
            <select id=id title=help
                prop:value=move || format_bool(view.state.with(get))
                on:change=move |ev| {
                    let value = parse_bool(&event_target_value(&ev));
                    view.filter(|s| set(s, value));
                }>
                {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// Running, finished, succeeded or failed, as one choice (see [`StatusChoice`]); flags from a link that no
/// choice sends are kept and named as they are.
#[component]
fn StatusFilter(view: ListView) -> impl IntoView {
    let help = "Running: not finished (ready=false). Finished: completed, either way (ready=true). Succeeded: ready=true&succeeded=true. Failed: finished without success (ready=true&succeeded=false).";
    let choice = memo(move || view.state.with(|s| StatusChoice::of(&s.filter)));
    let other = move || {
        choice.get().is_none().then(|| {
            let text = view.state.with(|s| status_flags_label(&s.filter));
            view! { <option value="other">{text}</option> }
        })
    };
    view! {
        <div class="filter">
            <label for="filter-status" title=help>"Status"</label>
            <select id="filter-status" title=help
                prop:value=move || choice.get().map_or("other", StatusChoice::value)
                on:change=move |ev| {
                    if let Some(c) = StatusChoice::from_value(&event_target_value(&ev)) {
                        view.filter(|s| c.apply(&mut s.filter));
                    }
                }>
                {StatusChoice::ALL.into_iter().map(|c| view! { <option value=c.value()>{c.label()}</option> }).collect_view()}
                {other}
            </select>
        </div>
    }
}

/// One connection: picked from those seen so far, or any connection by its id.
#[component]
fn ConnectionFilter(view: ListView, data: Loaded) -> impl IntoView {
    let chosen = memo(move || view.state.with(|s| s.filter.connection));
    let options = memo(move || {
        let mut seen = data.connections.get();
        if let Some(c) = chosen.get() {
            seen.entry(c).or_insert_with(|| format!("Connection {c}"));
        }
        let options: Vec<(i64, String)> = seen.into_iter().collect();
        let folded: Vec<String> = options.iter().map(|o| fold_case(&o.1)).collect();
        let mut order: Vec<usize> = (0..options.len()).collect();
        sort_indices(&mut order, &mut |a, b| {
            folded[a]
                .cmp(&folded[b])
                .then(options[a].0.cmp(&options[b].0))
        });
        order
            .into_iter()
            .map(|i| options[i].clone())
            .collect::<Vec<_>>()
    });
    let value = move || chosen.get().map(|c| c.to_string()).unwrap_or_default();
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    view! {
        <div class="filter connection">
            <label for="filter-connection" title="Only the jobs of one connection (connection=id).">"Connection"</label>
            <select id="filter-connection"
                prop:value=value
                on:change=move |ev| {
                    let picked = event_target_value(&ev).parse::<i64>().ok();
                    view.filter(|s| s.filter.connection = picked);
                }>
                <option value="">"Any connection"</option>
                <For each=move || options.get() key=|o| o.clone() let:option>
                    <option value=option.0.to_string() selected=move || chosen.get() == Some(option.0)>
                        {format!("{} (#{})", option.1, option.0)}
                    </option>
                </For>
            </select>
        </div>
        <div class="filter narrow">
            <label for="filter-connection-id" title="Any connection by its id, seen here or not.">"or id"</label>
            <input id="filter-connection-id" type="number" min="1" step="1" inputmode="numeric" placeholder="id"
                prop:value=value
                on:input=move |ev| {
                    let typed = event_target_value(&ev).trim().parse::<i64>().ok().filter(|c| *c > 0);
                    let wait = gloo_timers::callback::Timeout::new(TYPING_PAUSE_MS, move || {
                        if chosen.try_get_untracked().is_some_and(|c| c != typed) {
                            view.filter(|s| s.filter.connection = typed);
                        }
                    });
                    timer.set_value(Some(wait));
                } />
        </div>
    }
}

/// The user filter (`user=`): asks the server only once typing pauses.
#[component]
fn UserFilter(view: ListView) -> impl IntoView {
    let from_url = memo(move || view.state.with(|s| s.filter.user.clone()));
    let text = RwSignal::new(from_url.get_untracked().unwrap_or_default());
    // Back/forward or Clear filters: the box follows the URL.
    effect(move || text.set(from_url.get().unwrap_or_default()));
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        let wait = gloo_timers::callback::Timeout::new(TYPING_PAUSE_MS, move || {
            let user = Some(typed.trim().to_string()).filter(|u| !u.is_empty());
            if from_url.try_get_untracked().is_some_and(|u| u != user) {
                view.filter(|s| s.filter.user = user);
            }
        });
        timer.set_value(Some(wait));
    };
    view! {
        <div class="filter">
            <label for="filter-user" title="Only the jobs run by this user (user=): an email or a user id.">"User"</label>
            <input id="filter-user" type="search" placeholder="email or id" autocomplete="off"
                prop:value=move || text.get() on:input=on_input />
        </div>
    }
}
