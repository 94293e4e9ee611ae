//! Exports of the debrief: self-contained HTML (print to A4), JSON
//! (versioned schema, `docs/report-format.md`) and CSV (one row per played
//! role per session, for a group). Pure functions of the debrief: the same
//! log gives the same bytes.

pub mod chart;
pub mod csv;
pub mod group;
pub mod html;
pub mod json;
pub mod xapi;

pub use self::csv::to_csv;
pub use self::html::to_html;
pub use self::json::to_json;
