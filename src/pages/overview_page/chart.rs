//! Runs per day, stacked by outcome, drawn as inline SVG from the model's geometry
//! (`console_api::overview::stacked_bars`), with the same numbers as a table. Days are the admin's days
//! (local time or UTC, as chosen in Settings).

use crate::erased::memo;
use crate::pages::now_ms;
use console_api::jobs_view::JobRow;
use console_api::overview::{runs_per_day, stacked_bars, DayCount, OverviewState};
use leptos::prelude::*;

/// The plot area, in SVG units (CSS pixels at its natural size); the labels sit left of and below it.
/// On a phone the plot is drawn narrower, so its labels keep their size instead of shrinking with it.
const WIDE: u32 = 720;
const NARROW: u32 = 300;
const HEIGHT: u32 = 160;
const LEFT: u32 = 40;
const TOP: u32 = 10;

/// `2026-11-27` → `11-27`.
fn short(date: &str) -> &str {
    date.get(5..).unwrap_or(date)
}

fn totals(days: &[DayCount]) -> (u32, u32, u32) {
    days.iter().fold((0, 0, 0), |(s, f, r), d| {
        (s + d.succeeded, f + d.failed, r + d.running)
    })
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
            format!(
                "{} runs: {ok} succeeded, {failed} failed, {running} running.",
                ok + failed + running
            )
        })
    };
    let svg = move || {
        let narrow = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < 640.0);
        let width = if narrow { NARROW } else { WIDE };
        days.with(|d| {
            let (segments, top) = stacked_bars(d, width, HEIGHT);
            let n = d.len();
            let slot = width / (n.max(1) as u32);
            // First, middle and last day under the axis.
            let labels: Vec<(u32, String)> = [0, n / 2, n.saturating_sub(1)]
                .into_iter()
                .filter(|&i| i < n)
                .map(|i| (LEFT + i as u32 * slot + slot / 2, short(&d[i].date).to_string()))
                .collect();
            let grid = [(top, 0u32), (top / 2, HEIGHT / 2), (0, HEIGHT)];
            let (ok, failed, running) = totals(d);
            let label = format!(
                "Runs per day over the last {n} days: {} runs, {failed} failed. The numbers are in the table below.",
                ok + failed + running
            );
            view! {
                <svg class="runs-chart" viewBox=format!("0 0 {} {}", LEFT + width + 8, TOP + HEIGHT + 26)
                    role="img" aria-label=label data-testid="runs-chart">
                    {grid.into_iter().filter(|(v, _)| top % 2 == 0 || *v != top / 2).map(|(value, y)| view! {
                        <line class="grid" x1=LEFT x2=LEFT + width y1=TOP + y y2=TOP + y />
                        <text class="axis" x=LEFT - 6 y=TOP + y + 4 text-anchor="end">{value}</text>
                    }).collect_view()}
                    {segments.into_iter().map(|s| {
                        let day = &d[s.day];
                        let count = match s.status {
                            console_api::JobStatus::Succeeded => day.succeeded,
                            console_api::JobStatus::Failed => day.failed,
                            console_api::JobStatus::Running => day.running,
                        };
                        view! {
                            <rect class=format!("bar {}", s.status.css_class()) x=LEFT + s.x y=TOP + s.y
                                width=s.width height=s.height>
                                <title>{format!("{}: {count} {}", day.date, s.status.label().to_ascii_lowercase())}</title>
                            </rect>
                        }
                    }).collect_view()}
                    {labels.into_iter().map(|(x, text)| view! {
                        <text class="axis" x=x y=TOP + HEIGHT + 18 text-anchor="middle">{text}</text>
                    }).collect_view()}
                </svg>
            }
        })
    };
    let table_rows = move || {
        days.with(|d| {
            d.iter()
                .rev()
                .map(|day| {
                    view! {
                        <tr data-testid="day-row" data-date=day.date.clone()>
                            <th scope="row">{day.date.clone()}</th>
                            <td class="num">{day.succeeded}</td>
                            <td class="num">{day.failed}</td>
                            <td class="num">{day.running}</td>
                            <td class="num">{day.total()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="chart-card" hidden=move || !loaded.get()>
            <ul class="legend" aria-hidden="true">
                <li><span class="swatch succeeded"></span>"Succeeded"</li>
                <li><span class="swatch failed"></span>"Failed"</li>
                <li><span class="swatch running"></span>"Running"</li>
            </ul>
            <p class="muted" data-testid="chart-summary">{summary}</p>
            {svg}
            <details class="chart-table">
                <summary>"Show the numbers as a table"</summary>
                <div class="table-wrap">
                    <table class="data-table" data-testid="runs-table">
                        <caption class="visually-hidden">"Runs per day, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Day"</th>
                                <th scope="col">"Succeeded"</th>
                                <th scope="col">"Failed"</th>
                                <th scope="col">"Running"</th>
                                <th scope="col">"Total"</th>
                            </tr>
                        </thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </div>
            </details>
        </div>
    }
}
