//! Runs per day, stacked by outcome, drawn as inline SVG from the model's geometry
//! (`console_api::overview::stacked_bars`), with the same numbers as a table. Days are the admin's days
//! (local time or UTC, as chosen in Settings).
//!
//! The chart and the table are drawn with plain DOM calls into two fixed holders: they hold nothing to
//! focus or type in, so redrawing them whole on a change is safe, and this costs a fraction of the bundle
//! that a view of some hundred typed SVG nodes does. Every text is set as text.

use crate::erased::{effect, memo};
use crate::pages::now_ms;
use console_api::jobs_view::JobRow;
use console_api::overview::{runs_per_day, stacked_bars, DayCount, OverviewState};
use console_api::JobStatus;
use leptos::html::Div;
use leptos::prelude::*;
use web_sys::{Document, Element};

/// The plot area, in SVG units (CSS pixels at its natural size); the labels sit left of and below it.
/// On a phone the plot is drawn narrower, so its labels keep their size instead of shrinking with it.
const WIDE: u32 = 720;
const NARROW: u32 = 300;
const HEIGHT: u32 = 160;
const LEFT: u32 = 40;
const TOP: u32 = 10;
const SVG: &str = "http://www.w3.org/2000/svg";

/// `2026-11-27` → `11-27`.
fn short(date: &str) -> &str {
    date.get(5..).unwrap_or(date)
}

fn totals(days: &[DayCount]) -> (u32, u32, u32) {
    days.iter().fold((0, 0, 0), |(s, f, r), d| {
        (s + d.succeeded, f + d.failed, r + d.running)
    })
}

/// An element with attributes and, when given, a text.
fn node(
    doc: &Document,
    ns: Option<&str>,
    tag: &str,
    attrs: &[(&str, String)],
    text: Option<&str>,
) -> Option<Element> {
    // HTML elements are made as HTML (a null namespace would make inert XML elements).
    let el = match ns {
        Some(ns) => doc.create_element_ns(Some(ns), tag),
        None => doc.create_element(tag),
    }
    .ok()?;
    for (name, value) in attrs {
        let _ = el.set_attribute(name, value);
    }
    if text.is_some() {
        el.set_text_content(text);
    }
    Some(el)
}

fn append(parent: &Element, child: Option<Element>) {
    if let Some(child) = child {
        let _ = parent.append_child(&child);
    }
}

fn draw_chart(doc: &Document, days: &[DayCount], width: u32) -> Option<Element> {
    let (segments, top) = stacked_bars(days, width, HEIGHT);
    let n = days.len();
    let (ok, failed, running) = totals(days);
    let svg = node(doc, Some(SVG), "svg", &[
        ("class", "runs-chart".into()),
        ("viewBox", format!("0 0 {} {}", LEFT + width + 8, TOP + HEIGHT + 26)),
        ("role", "img".into()),
        ("data-testid", "runs-chart".into()),
        ("aria-label", format!(
            "Runs per day over the last {n} days: {} runs, {failed} failed. The numbers are in the table below.",
            ok + failed + running
        )),
    ], None)?;
    // Grid lines at 0, half and the top of the scale (half only when it is a whole number).
    for (i, (value, y)) in [(top, 0), (top / 2, HEIGHT / 2), (0, HEIGHT)]
        .into_iter()
        .enumerate()
    {
        if i == 1 && top % 2 == 1 {
            continue;
        }
        let y = TOP + y;
        append(
            &svg,
            node(
                doc,
                Some(SVG),
                "line",
                &[
                    ("class", "grid".into()),
                    ("x1", LEFT.to_string()),
                    ("x2", (LEFT + width).to_string()),
                    ("y1", y.to_string()),
                    ("y2", y.to_string()),
                ],
                None,
            ),
        );
        append(
            &svg,
            node(
                doc,
                Some(SVG),
                "text",
                &[
                    ("class", "axis".into()),
                    ("x", (LEFT - 6).to_string()),
                    ("y", (y + 4).to_string()),
                    ("text-anchor", "end".into()),
                ],
                Some(&value.to_string()),
            ),
        );
    }
    for s in segments {
        let day = &days[s.day];
        let count = match s.status {
            JobStatus::Succeeded => day.succeeded,
            JobStatus::Failed => day.failed,
            JobStatus::Running => day.running,
        };
        let rect = node(
            doc,
            Some(SVG),
            "rect",
            &[
                ("class", format!("bar {}", s.status.css_class())),
                ("x", (LEFT + s.x).to_string()),
                ("y", (TOP + s.y).to_string()),
                ("width", s.width.to_string()),
                ("height", s.height.to_string()),
            ],
            None,
        );
        if let Some(rect) = &rect {
            let what = format!(
                "{}: {count} {}",
                day.date,
                s.status.label().to_ascii_lowercase()
            );
            append(rect, node(doc, Some(SVG), "title", &[], Some(&what)));
        }
        append(&svg, rect);
    }
    // First, middle and last day under the axis; the outer ones anchored inwards, so none is cut.
    let slot = width / (n.max(1) as u32);
    for (i, anchor) in [
        (0, "start"),
        (n / 2, "middle"),
        (n.saturating_sub(1), "end"),
    ] {
        if let Some(day) = days.get(i) {
            let x = match anchor {
                "start" => LEFT + i as u32 * slot,
                "end" => LEFT + (i as u32 + 1) * slot,
                _ => LEFT + i as u32 * slot + slot / 2,
            };
            append(
                &svg,
                node(
                    doc,
                    Some(SVG),
                    "text",
                    &[
                        ("class", "axis".into()),
                        ("x", x.to_string()),
                        ("y", (TOP + HEIGHT + 18).to_string()),
                        ("text-anchor", anchor.into()),
                    ],
                    Some(short(&day.date)),
                ),
            );
        }
    }
    Some(svg)
}

fn draw_table(doc: &Document, days: &[DayCount]) -> Option<Element> {
    let table = node(
        doc,
        None,
        "table",
        &[
            ("class", "data-table".into()),
            ("data-testid", "runs-table".into()),
        ],
        None,
    )?;
    append(
        &table,
        node(
            doc,
            None,
            "caption",
            &[("class", "visually-hidden".into())],
            Some("Runs per day, newest first"),
        ),
    );
    let head = node(doc, None, "tr", &[], None)?;
    for title in ["Day", "Succeeded", "Failed", "Running", "Total"] {
        append(
            &head,
            node(doc, None, "th", &[("scope", "col".into())], Some(title)),
        );
    }
    let thead = node(doc, None, "thead", &[], None)?;
    append(&thead, Some(head));
    append(&table, Some(thead));
    let body = node(doc, None, "tbody", &[], None)?;
    for day in days.iter().rev() {
        let tr = node(
            doc,
            None,
            "tr",
            &[
                ("data-testid", "day-row".into()),
                ("data-date", day.date.clone()),
            ],
            None,
        )?;
        append(
            &tr,
            node(doc, None, "th", &[("scope", "row".into())], Some(&day.date)),
        );
        for n in [day.succeeded, day.failed, day.running, day.total()] {
            append(
                &tr,
                node(
                    doc,
                    None,
                    "td",
                    &[("class", "num".into())],
                    Some(&n.to_string()),
                ),
            );
        }
        append(&body, Some(tr));
    }
    append(&table, Some(body));
    Some(table)
}

#[component]
pub fn RunsChart(
    state: Memo<OverviewState>,
    rows: RwSignal<Vec<JobRow>>,
    loaded: RwSignal<bool>,
) -> impl IntoView {
    let days = memo(move || {
        let s = state.get();
        rows.with(|rows| {
            runs_per_day(
                rows.iter().filter(|r| s.admits(r)),
                now_ms(),
                s.days,
                &crate::time::shown_offset,
            )
        })
    });
    let summary = move || {
        days.with(|d| {
            let (ok, failed, running) = totals(d);
            let all = ok + failed + running;
            let noun = if all == 1 { "run" } else { "runs" };
            format!("{all} {noun}: {ok} succeeded, {failed} failed, {running} running.")
        })
    };
    let chart = NodeRef::<Div>::new();
    let table = NodeRef::<Div>::new();
    effect(move || {
        let narrow = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < 640.0);
        let (Some(chart), Some(table), Some(doc)) = (
            chart.get(),
            table.get(),
            web_sys::window().and_then(|w| w.document()),
        ) else {
            return;
        };
        days.with(|d| {
            chart.set_text_content(None);
            append(
                &chart,
                draw_chart(&doc, d, if narrow { NARROW } else { WIDE }),
            );
            table.set_text_content(None);
            append(&table, draw_table(&doc, d));
        });
    });
    view! {
        <div class="chart-card" hidden=move || !loaded.get()>
            <ul class="legend" aria-hidden="true">
                <li><span class="swatch succeeded"></span>"Succeeded"</li>
                <li><span class="swatch failed"></span>"Failed"</li>
                <li><span class="swatch running"></span>"Running"</li>
            </ul>
            <p class="muted" data-testid="chart-summary">{summary}</p>
            <div node_ref=chart></div>
            <details class="chart-table">
                <summary>"Show the numbers as a table"</summary>
                <div class="table-wrap" node_ref=table tabindex="0" role="region" aria-label="Runs per day as a table"></div>
            </details>
        </div>
    }
}
