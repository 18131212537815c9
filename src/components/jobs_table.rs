//! The jobs table: sortable headers, one row per job, every value rendered as text. Only the rows in view
//! (plus a margin) are in the DOM, so ten thousand loaded jobs scroll as smoothly as ten.

use super::StatusBadge;
use crate::erased::{effect, memo};
use crate::router::app_url;
use console_api::jobs_view::{JobRow, Sort, SortKey};
use console_api::text::shorten;
use console_api::timefmt::relative;
use console_api::{User, UserRef};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Every row is exactly this tall on a wide screen (the stylesheet fixes it), which is what makes windowing
/// exact; on a phone rows are cards of another fixed height, measured from the first one shown.
pub const ROW_HEIGHT: i32 = 41;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gap.
const OVERSCAN: i32 = 12;
/// Assumed viewport before the table is measured.
const INITIAL_VIEWPORT: i32 = 900;
const MESSAGE_CHARS: usize = 90;
const MESSAGE_SHOWN: usize = 32;

fn user_cell(user: Option<&UserRef>, on_user: Callback<User>, focus_id: String) -> AnyView {
    match user {
        None => "—".into_any(),
        Some(UserRef::Email(email)) => {
            view! { <span title=email.to_string()>{email.to_string()}</span> }.into_any()
        }
        Some(UserRef::User(u)) => {
            let card = (**u).clone();
            view! {
                <button type="button" class="link-button user-button" data-focus-id=focus_id
                    title=format!("Show {}", u.email)
                    on:click=move |_| on_user.run(card.clone())>
                    {UserRef::User(u.clone()).label()}
                </button>
            }
            .into_any()
        }
    }
}

/// Escape closes an opened result and leaves focus on its toggle.
fn close_on_escape(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Escape" {
        return;
    }
    let details = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok());
    if let Some(details) = details.filter(|d| d.open()) {
        ev.prevent_default();
        details.set_open(false);
        if let Some(summary) = details
            .query_selector("summary")
            .ok()
            .flatten()
            .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }
}

fn row_view(row: JobRow, position: usize, now_ms: i64, on_user: Callback<User>) -> impl IntoView {
    let job = row.job;
    // A kind the list could not prove is found by the job page (likely kind first), so the link never
    // leads to a 404.
    let href = if row.kind_certain {
        app_url(&format!("/jobs/{}/{}", row.kind.slug(), job.id))
    } else {
        app_url(&format!("/jobs/all/{}?guess={}", job.id, row.kind.slug()))
    };
    let (last_run, exact) = match row.last_run_ms {
        Some(ms) => (relative(ms, now_ms), crate::time::exact(ms)),
        None => (
            job.last_run.clone().unwrap_or_else(|| "—".into()),
            String::new(),
        ),
    };
    let (message, _) = shorten(job.result_message(), MESSAGE_CHARS);
    // The column shows about this many characters; a longer message can be opened in place.
    let cut = job.result_message().chars().nth(MESSAGE_SHOWN).is_some();
    // A cut message opens in place, over the rows below (every row keeps its height), by mouse or keyboard.
    let more = cut.then(|| {
        view! {
            <details class="more" on:keydown=close_on_escape>
                <summary><span class="when-closed">"More"</span><span class="when-open">"Less"</span><span class="visually-hidden">" of the result"</span></summary>
                <p class="more-text">{job.result_message().to_string()}</p>
            </details>
        }
    });
    let alias = job.connection.alias.clone();
    let system = job.connection.system.display_name().to_string();
    let (alias_title, system_title) = (alias.clone(), system.clone());
    let project = job
        .connection
        .project
        .map_or_else(|| "—".to_string(), |p| p.to_string());
    view! {
        <tr data-testid="job-row" data-job-id=job.id data-status=row.status.css_class() aria-rowindex=position + 2>
            <td><StatusBadge status=row.status /></td>
            <td><a href=href data-focus-id=format!("job-{}-link", job.id) title=alias_title>{alias}</a></td>
            <td title=system_title>{system}</td>
            <td class="num">{project}</td>
            <td>{user_cell(job.triggered_by.as_ref(), on_user, format!("job-{}-triggered-by", job.id))}</td>
            <td>{user_cell(job.user.as_ref(), on_user, format!("job-{}-user", job.id))}</td>
            <td><time datetime=job.last_run.clone().unwrap_or_default() title=exact>{last_run}</time></td>
            <td class="message"><div class="message-cell"><span class="message-text" title=cut.then(|| job.result_message().to_string())>{message}</span>{more}</div></td>
        </tr>
    }
}

/// A row is rebuilt when what it shows changes (a live update, users expanded), and only then.
fn row_key(position: usize, row: &JobRow) -> (usize, i64, u64) {
    (position, row.job.id, row.revision())
}

#[component]
fn SortHeader(
    label: &'static str,
    key: SortKey,
    sort: Signal<Sort>,
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let state = move || {
        let s = sort.get();
        match (s.key == key, s.descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        }
    };
    let arrow = move || match state() {
        "descending" => "▼",
        "ascending" => "▲",
        _ => "↕",
    };
    view! {
        <th scope="col" aria-sort=state>
            <button type="button" class="sort-button" on:click=move |_| on_sort.run(key)>
                {label}<span aria-hidden="true" class="sort-arrow">{arrow}</span>
            </button>
        </th>
    }
}

/// Where the admin left a list for a job's page: the list (its rows key), the link they followed, and
/// how far the table and the page were scrolled. Coming back to the same list (the job page's "All jobs"
/// link, or Back) puts them there again, focus on that link, instead of at the top of a fresh page.
struct ReturnPoint {
    list: String,
    focus_id: String,
    table_top: i32,
    page_y: f64,
    /// The rows' measured height (cards on a phone): the way back lays the table out as it was left.
    row_height: i32,
}

thread_local! {
    static RETURN_POINT: std::cell::RefCell<Option<ReturnPoint>> = const { std::cell::RefCell::new(None) };
}

/// The return point left on `list`, taken (once), if there is one.
fn take_return_point(list: &str) -> Option<ReturnPoint> {
    RETURN_POINT
        .with(|r| r.borrow_mut().take())
        .filter(|r| r.list == list)
}

#[component]
pub fn JobsTable(
    /// The loaded rows.
    #[prop(into)]
    rows: Signal<Vec<JobRow>>,
    /// Indices into `rows` to show, in order (search and sort applied).
    #[prop(into)]
    order: Signal<Vec<usize>>,
    /// The current sort, for the headers.
    #[prop(into)]
    sort: Signal<Sort>,
    /// Names the view (filters, search, sort, page): when it changes the table scrolls to the top; when
    /// only the rows change (live updates) it stays where it is.
    #[prop(into)]
    view_key: Signal<String>,
    /// A header was clicked.
    on_sort: Callback<SortKey>,
    /// An expanded user was clicked.
    on_user: Callback<User>,
    /// "Now" for relative times, in epoch milliseconds.
    now_ms: i64,
) -> impl IntoView {
    let scroller = NodeRef::<Div>::new();
    let back = take_return_point(&view_key.get_untracked());
    // Back on the list the admin left: the rows where they were are the ones rendered first.
    let scroll_top = RwSignal::new(back.as_ref().map_or(0, |b| b.table_top));
    let viewport = RwSignal::new(INITIAL_VIEWPORT);
    let row_height = RwSignal::new(back.as_ref().map_or(ROW_HEIGHT, |b| b.row_height));
    let measure = move || {
        if let Some(el) = scroller.try_get_untracked().flatten() {
            scroll_top.try_set(el.scroll_top());
            let row = el
                .query_selector("tbody tr[data-testid=job-row]:not(:has(details[open]))")
                .ok()
                .flatten()
                .and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok())
                .map(|r| r.offset_height())
                .filter(|h| *h > 0);
            if let Some(h) = row.filter(|h| row_height.try_get_untracked() != Some(*h)) {
                row_height.try_set(h);
            }
            // Never more than the window shows, whatever the box's height.
            let window = web_sys::window()
                .and_then(|w| w.inner_height().ok())
                .and_then(|h| h.as_f64())
                .map_or(INITIAL_VIEWPORT, |h| h as i32);
            let height = row_height.try_get_untracked().unwrap_or(ROW_HEIGHT);
            viewport.try_set(el.client_height().min(window).max(height));
        }
    };
    let on_scroll = move |_| measure();
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    request_animation_frame(move || {
        if let Some(back) = back {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(back.table_top);
            }
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, back.page_y);
            }
            // Unless the admin has moved on meanwhile (focus is where the new page put it).
            if crate::focus::is_lost() || crate::focus::on_page_heading() {
                crate::focus::to_focus_id(&back.focus_id);
            }
        }
        measure();
    });
    // Following a row's link (by mouse or keyboard) leaves a return point.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[data-focus-id]").ok().flatten());
        let (Some(link), Some(el)) = (link, scroller.get_untracked()) else {
            return;
        };
        let point = ReturnPoint {
            list: view_key.get_untracked(),
            focus_id: link.get_attribute("data-focus-id").unwrap_or_default(),
            table_top: el.scroll_top(),
            page_y: web_sys::window()
                .and_then(|w| w.scroll_y().ok())
                .unwrap_or_default(),
            row_height: row_height.get_untracked(),
        };
        RETURN_POINT.with(|r| *r.borrow_mut() = Some(point));
    };
    // A new view (filters, search, sort, page) starts at the top. A live update that only moves rows
    // keeps the admin where they were; the browser clamps the position if the list got shorter, which
    // is read at the next frame, when the browser lays the page out anyway: reading it now would force a
    // layout of the rows just rendered (20 ms on a first load, before the rows could be shown).
    Effect::new(move |previous: Option<String>| {
        let key = view_key.get();
        order.track();
        match previous {
            // The table was just built at the top; the frame's `measure` reads the rest.
            None => {}
            Some(previous) if previous != key => {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                }
                scroll_top.set(0);
            }
            Some(_) => request_animation_frame(measure),
        }
        key
    });
    let total = memo(move || order.with(Vec::len));
    let window = memo(move || {
        let total = total.get() as i32;
        let height = row_height.get();
        let first = (scroll_top.get() / height - OVERSCAN).max(0).min(total);
        let last = ((scroll_top.get() + viewport.get()) / height + OVERSCAN).min(total);
        (first as usize, last as usize)
    });
    let slice = move || {
        let (first, last) = window.get();
        order.with(|order| {
            rows.with(|rows| {
                order[first..last]
                    .iter()
                    .enumerate()
                    .filter_map(|(offset, &i)| rows.get(i).map(|r| (first + offset, r.clone())))
                    .collect::<Vec<_>>()
            })
        })
    };
    // A row a live update rebuilt takes the focus its old self had (`data-focus-id`), so an admin reading
    // by keyboard is not thrown back to the top of the page. Focus that left on purpose is left alone.
    let focused = StoredValue::new_local(None::<(web_sys::HtmlElement, String)>);
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        let id = target
            .as_ref()
            .and_then(|t| t.get_attribute("data-focus-id"));
        focused.set_value(target.zip(id));
    };
    // Focus moved to another control outside the table: the admin left it.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .map(|t| {
                scroller
                    .get_untracked()
                    .is_some_and(|s| s.contains(Some(&t)))
            });
        if inside == Some(false) {
            focused.set_value(None);
        }
    };
    effect(move || {
        rows.track();
        order.track();
        window.track();
        let Some((element, id)) = focused.get_value() else {
            return;
        };
        if !element.is_connected() && crate::focus::is_lost() && !crate::focus::to_focus_id(&id) {
            focused.set_value(None);
        }
    });
    // Set through the CSSOM (`style:height`), never a `style` attribute: the CSP forbids inline styles.
    let spacer = |height: i32| format!("{}px", height.max(0));
    view! {
        <div class="table-wrap table-scroll" node_ref=scroller on:scroll=on_scroll on:click=on_click
            on:focusin=on_focusin on:focusout=on_focusout data-testid="jobs-scroller">
            <table class="data-table jobs-table" data-testid="jobs-table" aria-rowcount=move || total.get() + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <SortHeader label="Status" key=SortKey::Status sort=sort on_sort=on_sort />
                        <SortHeader label="Connection" key=SortKey::Alias sort=sort on_sort=on_sort />
                        <th scope="col">"System"</th>
                        <th scope="col">"Project"</th>
                        <th scope="col">"Triggered by"</th>
                        <th scope="col">"User"</th>
                        <SortHeader label="Last run" key=SortKey::LastRun sort=sort on_sort=on_sort />
                        <th scope="col">"Result"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=move || spacer(window.get().0 as i32 * row_height.get())></tr>
                    <For
                        each=slice
                        key=|(position, row)| row_key(*position, row)
                        children=move |(position, row)| row_view(row, position, now_ms, on_user)
                    />
                    <tr class="spacer" aria-hidden="true"
                        style:height=move || spacer((total.get() as i32 - window.get().1 as i32) * row_height.get())></tr>
                </tbody>
            </table>
        </div>
    }
}
