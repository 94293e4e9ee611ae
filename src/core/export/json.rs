//! JSON export: the debrief model as pretty-printed JSON.

use crate::core::eval::Debrief;

/// The debrief as JSON (UTF-8, two-space indent, trailing newline).
pub fn to_json(d: &Debrief) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(d)?;
    s.push('\n');
    Ok(s)
}
