//! HTML export: one self-contained file (inline CSS and SVG, no network),
//! readable on screen and printable to A4.

use crate::core::eval::Debrief;

/// The debrief as a self-contained HTML document.
pub fn to_html(d: &Debrief) -> String {
    // Placeholder until the template lands; see the HTML report task.
    format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{}</title></head><body></body></html>\n",
        d.scenario.title
    )
}
