//! A plain-text transcript of a session: one line per event, with the
//! case time. Deterministic, so it can be compared byte for byte.

use super::event::{Timed, describe};
use crate::core::scenario::compiled::Compiled;

/// Renders `events` as transcript lines.
pub fn render(c: &Compiled, events: &[Timed]) -> String {
    let mut out = String::new();
    for t in events {
        out.push_str(&format!(
            "[{}] {}\n",
            c.time_label(t.tick),
            describe(c, &t.event)
        ));
    }
    out
}
