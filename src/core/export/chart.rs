//! The chain timeline's chart as inline SVG for the HTML reports: no
//! script and no external file, printable in black and white (the three
//! markers differ in shape, not only in colour), with a title and a
//! description for a screen reader and a legend for print. Every marker
//! carries `data-row`, `data-marker` (`held`, `flagged`, `expert`) and
//! `data-col`, so a test can read the chart back.

use maud::{Markup, html};

use crate::core::eval::chart::{Chart, ChartRow};

/// Width of the drawing in SVG units (it scales to the page).
const WIDTH: f32 = 960.0;
/// Width of the row labels.
const LABEL: f32 = 330.0;
const HEADER: f32 = 44.0;
const ROW: f32 = 24.0;
const LEGEND: f32 = 64.0;
/// Longest row label before it is cut (the whole text is in its title).
const LABEL_CHARS: usize = 50;

const HELD: &str = "#6b7280";
const FLAGGED: &str = "#1e3a8a";
const EXPERT: &str = "#b45309";
const GAP: &str = "#dc2626";

/// The chart as an `<svg>` element. `id` makes its title's id unique in
/// the page (a report may hold one chart per role).
pub fn to_svg(chart: &Chart, id: &str) -> Markup {
    let n = chart.columns.len().max(1);
    let cw = (WIDTH - LABEL - 10.0) / n as f32;
    let cx = |col: usize| LABEL + cw * col as f32 + cw / 2.0;
    let height = HEADER + ROW * chart.rows.len() as f32 + LEGEND;
    let legend_y = HEADER + ROW * chart.rows.len() as f32 + 24.0;
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-uitleg");
    html! {
        svg.chart role="img"
            viewBox=(format!("0 0 {WIDTH} {height}"))
            aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { (chart.title) }
            desc id=(desc_id) { (chart.summary) }
            // The day-parts: "Dag 1" over "ochtend".
            @for (i, label) in chart.columns.iter().enumerate() {
                @let (day, part) = label.split_once(", ").unwrap_or((label.as_str(), ""));
                text x=(cx(i)) y="16" text-anchor="middle" font-size="11" fill="#111827" { (day) }
                text x=(cx(i)) y="30" text-anchor="middle" font-size="11" fill="#111827" { (part) }
                line x1=(LABEL + cw * i as f32) y1=(HEADER - 6.0) x2=(LABEL + cw * i as f32)
                    y2=(legend_y - 18.0) stroke="#e5e7eb" stroke-width="1" {}
            }
            @for (i, row) in chart.rows.iter().enumerate() {
                (row_svg(i, row, HEADER + ROW * i as f32, &cx, &chart.columns))
            }
            (legend(chart, legend_y))
        }
    }
}

fn row_svg(
    i: usize,
    row: &ChartRow,
    top: f32,
    cx: &dyn Fn(usize) -> f32,
    columns: &[String],
) -> Markup {
    let mid = top + ROW / 2.0;
    let label = crate::core::words::shorten(&row.text, LABEL_CHARS);
    let at = |col: usize| columns.get(col).cloned().unwrap_or_default();
    let end = cx(columns.len().saturating_sub(1)) + 12.0;
    // Held and flagged in the same day-part: side by side, both visible.
    let shift = if row.held.is_some() && row.held == row.flagged {
        6.0
    } else {
        0.0
    };
    html! {
        g.row data-row=(i) data-id=(row.id) {
            title { (row.text) }
            @if i.is_multiple_of(2) {
                rect x="0" y=(top) width=(WIDTH) height=(ROW) fill="#f9fafb" {}
            }
            text x="4" y=(mid + 4.0) font-size="11" fill="#111827"
                font-weight=(if row.picture { "bold" } else { "normal" }) { (label) }
            // The gap from held to flagged; dashed to the end when it was
            // held and never flagged.
            @match (row.held, row.flagged) {
                (Some(h), Some(f)) if f > h => {
                    line x1=(cx(h)) y1=(mid) x2=(cx(f)) y2=(mid) stroke=(GAP)
                        stroke-width="3" stroke-opacity="0.55" {}
                }
                (Some(h), None) if !row.picture => {
                    line x1=(cx(h)) y1=(mid) x2=(end) y2=(mid) stroke=(GAP)
                        stroke-width="2" stroke-dasharray="4 3" stroke-opacity="0.7" {}
                }
                _ => {}
            }
            @if let Some(c) = row.expert {
                path data-row=(i) data-marker="expert" data-col=(c)
                    d=(format!("M {x} {y0} L {x1} {mid} L {x} {y1} L {x2} {mid} Z",
                        x = cx(c), y0 = mid - 8.0, x1 = cx(c) + 8.0, y1 = mid + 8.0, x2 = cx(c) - 8.0))
                    fill="none" stroke=(EXPERT) stroke-width="2" {
                    title { "Expertpad: " (at(c)) }
                }
            }
            @if let Some(c) = row.held {
                circle data-row=(i) data-marker="held" data-col=(c) cx=(cx(c) - shift) cy=(mid) r="4.5"
                    fill=(HELD) {
                    title { "Eerst: " (at(c)) }
                }
            }
            @if let Some(c) = row.flagged {
                rect data-row=(i) data-marker="flagged" data-col=(c) x=(cx(c) - 5.0 + shift)
                    y=(mid - 5.0)
                    width="10" height="10" fill=(FLAGGED) {
                    title {
                        "Gemarkeerd: " (at(c))
                        @if let Some(by) = &row.flagged_by { " door " (by) }
                    }
                }
            }
        }
    }
}

fn legend(chart: &Chart, y: f32) -> Markup {
    html! {
        g.legend font-size="11" fill="#111827" {
            circle cx="10" cy=(y) r="4.5" fill=(HELD) {}
            text x="20" y=(y + 4.0) { (chart.legend.held) }
            rect x="265" y=(y - 5.0) width="10" height="10" fill=(FLAGGED) {}
            text x="282" y=(y + 4.0) { (chart.legend.flagged) }
            path d=(format!("M 560 {} L 568 {y} L 560 {} L 552 {y} Z", y - 8.0, y + 8.0))
                fill="none" stroke=(EXPERT) stroke-width="2" {}
            text x="576" y=(y + 4.0) { (chart.legend.expert) }
            line x1="4" y1=(y + 24.0) x2="34" y2=(y + 24.0) stroke=(GAP) stroke-width="3"
                stroke-opacity="0.55" {}
            text x="40" y=(y + 28.0) { "tijd tot de markering" }
            line x1="200" y1=(y + 24.0) x2="230" y2=(y + 24.0) stroke=(GAP) stroke-width="2"
                stroke-dasharray="4 3" stroke-opacity="0.7" {}
            text x="236" y=(y + 28.0) { "nooit gemarkeerd" }
        }
    }
}
