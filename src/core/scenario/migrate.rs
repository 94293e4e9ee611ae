//! Rewriting a scenario of format 1 into format 2, as text, so comments
//! and layout stay as the author wrote them.
//!
//! Format 2 consent requests without a `kind` (before the two kinds of
//! consent, issue 16) get `kind: Both`, which is the rule they were judged
//! by (from 12 to 15 the young person and the guardians). Whether the
//! request lifts beroepsgeheim (`Secrecy`) or is the AVG processing ground
//! (`Processing`) is for the author: the note says so.
//!
//! Format 1 had one `category` per fact and meetings that were always in
//! session. The rewrite keeps every verdict as it was:
//! `category: Special` becomes `special: true`, `category: Criminal`
//! becomes `criminal: true`, `category: Ordinary` is dropped, and a meeting
//! that says neither `sits`, `convene` nor `always` gets `always: true`.
//! What the law needs beyond that (is this observation really criminal-law
//! data? when does the casusoverleg sit? whose consent?) is for the author:
//! each change is listed with a note that says what to check.

use std::path::Path;

use super::load::parse_ron;
use super::model::{Category, ChannelKind, Scenario};
use super::source::SourceIndex;
use crate::core::diag::{Diagnostics, Pos};

/// One edit of the migration, at its place in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub pos: Pos,
    /// What was done, and what the author should check.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub text: String,
    pub changes: Vec<Change>,
}

/// From `at` (the start of a key), the end of `key: Value` (an
/// identifier value) in bytes.
fn end_of_field(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let colon = rest.find(':')?;
    let after = &rest[colon + 1..];
    let trimmed = after.trim_start();
    let value_start = colon + 1 + (after.len() - trimmed.len());
    let len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    (len > 0).then_some(at + value_start + len)
}

/// From `at` (the start of a key), the end of `key: "string"` in bytes.
fn end_of_string_field(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let open = rest.find('"')?;
    let mut escaped = false;
    for (i, ch) in rest[open + 1..].char_indices() {
        match ch {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(at + open + 1 + i + 1),
            _ => escaped = false,
        }
    }
    None
}

/// Rewrites `text` (a scenario of format 1) into format 2. A file that is
/// already in format 2 comes back unchanged, with no changes listed.
pub fn migrate(path: &Path, text: &str) -> Result<Migration, Diagnostics> {
    let scenario: Scenario = parse_ron(path, text).map_err(|d| Diagnostics(vec![*d]))?;
    let index = SourceIndex::new(text);
    // (byte range, replacement, change)
    let mut edits: Vec<(usize, usize, String, Change)> = Vec::new();

    let mut nth = 0;
    for f in &scenario.facts {
        let Some(cat) = f.category else { continue };
        let Some(pos) = index.key("category", nth) else {
            continue;
        };
        nth += 1;
        let Some(start) = pos.offset_in(text) else {
            continue;
        };
        let Some(end) = end_of_field(text, start) else {
            continue;
        };
        let (replacement, note) = match cat {
            Category::Special => (
                "special: true".to_string(),
                format!(
                    "fact `{}`: `category: Special` → `special: true` (AVG art. 9; data from which health can be derived counts too)",
                    f.id
                ),
            ),
            Category::Criminal => (
                "criminal: true".to_string(),
                format!(
                    "fact `{}`: `category: Criminal` → `criminal: true` (AVG art. 10) — check: an observation without an offence or suspicion is not criminal-law data; police data is a matter of the holder's `regime: Wpg`",
                    f.id
                ),
            ),
            Category::Ordinary => (
                String::new(),
                format!(
                    "fact `{}`: `category: Ordinary` removed (the default)",
                    f.id
                ),
            ),
        };
        // Dropping `category: Ordinary` also drops the comma and spaces
        // after it.
        let end = if replacement.is_empty() {
            let tail = &text[end..];
            let t = tail.trim_start_matches([' ', '\t']);
            let t = t.strip_prefix(',').unwrap_or(t);
            let t = t.trim_start_matches([' ', '\t']);
            end + (tail.len() - t.len())
        } else {
            end
        };
        edits.push((start, end, replacement, Change { pos, note }));
    }

    for c in &scenario.channels {
        let scheduled = !c.sits.is_empty() || c.convene.is_some() || c.always;
        if c.kind != ChannelKind::Meeting || scheduled {
            continue;
        }
        let Some(def) = index.definition("id", &c.id, 0) else {
            continue;
        };
        // The `kind:` of this channel: the first one after its id.
        let Some(kind_pos) = index
            .keys
            .iter()
            .find(|(k, p)| k == "kind" && *p > def)
            .map(|(_, p)| *p)
        else {
            continue;
        };
        let Some(end) = kind_pos.offset_in(text).and_then(|s| end_of_field(text, s)) else {
            continue;
        };
        edits.push((
            end,
            end,
            ", always: true".to_string(),
            Change {
                pos: kind_pos,
                note: format!(
                    "meeting `{}`: `always: true` added (format 1 meetings were always in session) — check: a casusoverleg sits at a time; write `sits: [...]` and/or `convene: (...)` instead",
                    c.id
                ),
            },
        ));
    }

    for cr in &scenario.consents {
        if cr.kind.is_some() {
            continue;
        }
        let Some(def) = index.definition("id", &cr.id, 0) else {
            continue;
        };
        // The `subject:` of this request: the first one after its id.
        let Some(subject_pos) = index
            .keys
            .iter()
            .find(|(k, p)| k == "subject" && *p > def)
            .map(|(_, p)| *p)
        else {
            continue;
        };
        let Some(end) = subject_pos
            .offset_in(text)
            .and_then(|s| end_of_string_field(text, s))
        else {
            continue;
        };
        edits.push((
            end,
            end,
            ", kind: Both".to_string(),
            Change {
                pos: subject_pos,
                note: format!(
                    "consent request `{}`: `kind: Both` added (the rule it was judged by: from 12 to 15 the young person and the guardians) — check: consent that lifts beroepsgeheim is `kind: Secrecy` (from 12 the young person decides himself when he can weigh his interests; a parent's no does not block him), AVG consent as the processing ground is `kind: Processing` (under 16 the legal representative); list the facts it covers (`facts: []` is not allowed for data under beroepsgeheim) and, if it is for one meeting, `channels: [...]`",
                    cr.id
                ),
            },
        ));
    }

    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut changes = Vec::new();
    for (start, end, replacement, change) in edits {
        if start < last {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str(&replacement);
        last = end;
        changes.push(change);
    }
    out.push_str(&text[last..]);
    Ok(Migration { text: out, changes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters() {
        let t = "ab\nçd: X, e\n";
        assert_eq!(Pos { line: 1, col: 1 }.offset_in(t), Some(0));
        assert_eq!(Pos { line: 2, col: 2 }.offset_in(t), Some(5));
        assert_eq!(end_of_field(t, 5), Some(9));
    }
}
