//! Saving an edited scenario into its file without losing anything: the
//! file stays the truth, with its comments and layout. Only the values
//! that changed are rewritten; new items are written in the file's own
//! style beside their neighbours; removed items take only their own lines
//! (the comments around them stay). The result is read back and must give
//! exactly the edited scenario, or nothing is written.
//!
//! How: the old and the new scenario are both serialised and parsed into
//! value trees (`ron_tree`), and compared; the file's own tree gives the
//! places to change. Lists are matched item by item by `id` (or by value
//! for items without one), so an insertion or a removal touches only that
//! item.

use std::ops::Range;
use std::path::Path;

use super::load::ron_options;
use super::model::Scenario;
use super::ron_tree::{self, Item, Key, Kind, Node};

/// Why a scenario could not be saved.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The file is not RON this editor can place edits in.
    Unreadable(String),
    /// The rewritten text does not read back as the edited scenario.
    Mismatch(String),
    /// The file changed on disk since it was opened.
    ChangedOnDisk,
    Io(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Unreadable(m) => write!(
                f,
                "Het bestand kan niet worden bijgewerkt: {m}. Er is niets opgeslagen."
            ),
            SaveError::Mismatch(m) => write!(
                f,
                "Na het bijwerken zou het bestand iets anders bevatten dan de casus in de editor ({m}). Er is niets opgeslagen; meld dit aan de beheerder."
            ),
            SaveError::ChangedOnDisk => write!(
                f,
                "Het bestand is buiten de editor gewijzigd sinds u het opende. Er is niets opgeslagen: open de casus opnieuw, of sla uw versie onder een andere naam op."
            ),
            SaveError::Io(m) => write!(f, "Opslaan lukte niet: {m}. Er is niets opgeslagen."),
        }
    }
}

/// The scenario as RON in this product's settings (implicit `Some`).
fn serialise(s: &Scenario) -> Result<Node, SaveError> {
    let config =
        ron::ser::PrettyConfig::new().extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(s, config)
        .map_err(|e| SaveError::Unreadable(format!("the scenario cannot be written: {e}")))?;
    ron_tree::parse(&text).map_err(|e| SaveError::Unreadable(e.message))
}

/// `text` (the file as opened, holding `old`) with `new`'s changes in
/// place. Checks that the result reads back as `new`.
pub fn rewrite(text: &str, old: &Scenario, new: &Scenario) -> Result<String, SaveError> {
    if old == new {
        return Ok(text.to_string());
    }
    let file = ron_tree::parse(text)
        .map_err(|e| SaveError::Unreadable(format!("{} (byte {})", e.message, e.at)))?;
    let o = serialise(old)?;
    let n = serialise(new)?;
    let mut edits = Vec::new();
    patch(text, &file, &o, &n, &mut edits);
    let out = apply(text, edits)?;
    let back: Scenario = ron_options()
        .from_str(&out)
        .map_err(|e| SaveError::Mismatch(format!("it does not read: {e}")))?;
    if &back != new {
        return Err(SaveError::Mismatch(first_difference(&back, new)));
    }
    Ok(out)
}

/// Writes `new` into `path`, which held `text` (with `old`) when it was
/// opened: atomically, and only if the file still holds `text`.
pub fn save(path: &Path, text: &str, old: &Scenario, new: &Scenario) -> Result<String, SaveError> {
    let now = std::fs::read_to_string(path).map_err(|e| SaveError::Io(e.to_string()))?;
    if now != text {
        return Err(SaveError::ChangedOnDisk);
    }
    let out = rewrite(text, old, new)?;
    if out != text {
        crate::core::store::write_atomic(path, &out).map_err(|e| SaveError::Io(e.to_string()))?;
    }
    Ok(out)
}

/// Where two scenarios first differ, for a message.
fn first_difference(a: &Scenario, b: &Scenario) -> String {
    let (Ok(x), Ok(y)) = (serialise(a), serialise(b)) else {
        return "onbekend verschil".to_string();
    };
    let (x, y) = (x.canon(), y.canon());
    let at = x
        .chars()
        .zip(y.chars())
        .position(|(p, q)| p != q)
        .unwrap_or(x.len().min(y.len()));
    let around: String = x.chars().skip(at.saturating_sub(40)).take(80).collect();
    format!("first difference near `{around}`")
}

/// One change to the text: replace `range` with `with` (an empty range
/// inserts).
#[derive(Debug, Clone)]
struct Edit {
    range: Range<usize>,
    with: String,
}

fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, SaveError> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for e in &edits {
        if e.range.start < at {
            return Err(SaveError::Unreadable("two edits overlap".to_string()));
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.with);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// Adds the edits that turn file value `t` (holding `o`) into `n`.
fn patch(text: &str, t: &Node, o: &Node, n: &Node, edits: &mut Vec<Edit>) {
    if o.canon() == n.canon() {
        return;
    }
    // A `Some(..)` the author wrote where the serialiser leaves it out.
    let t = match &t.kind {
        Kind::Group {
            name: Some(name),
            items,
            ..
        } if name == "Some" && items.len() == 1 && o.name() != Some("Some") => &items[0].value,
        _ => t,
    };
    let same_shape = match (&o.kind, &n.kind, &t.kind) {
        (
            Kind::Group {
                name: on, open: oo, ..
            },
            Kind::Group {
                name: nn, open: no, ..
            },
            Kind::Group { open: to, .. },
        ) => on == nn && oo == no && oo == to,
        _ => false,
    };
    if same_shape && o.is_struct() && n.is_struct() && t.is_struct() {
        patch_struct(text, t, o, n, edits);
    } else if same_shape && matches!(o.kind, Kind::Group { open: '[', .. }) {
        patch_list(text, t, o, n, edits);
    } else {
        replace(text, t, n, edits);
    }
}

/// Replaces the whole value `t` by `n`.
fn replace(text: &str, t: &Node, n: &Node, edits: &mut Vec<Edit>) {
    let indent = indent_of(text, t.span.start);
    edits.push(Edit {
        range: t.span.clone(),
        with: ron_tree::emit(n, indent),
    });
}

fn field<'a>(node: &'a Node, name: &str) -> Option<&'a Item> {
    node.items()
        .iter()
        .find(|i| matches!(&i.key, Some(Key::Field(k)) if k == name))
}

fn patch_struct(text: &str, t: &Node, o: &Node, n: &Node, edits: &mut Vec<Edit>) {
    let mut previous: Option<&Item> = None;
    for nf in n.items() {
        let Some(Key::Field(name)) = &nf.key else {
            continue;
        };
        let of = field(o, name);
        let tf = field(t, name);
        match (of, tf) {
            (Some(of), Some(tf)) => patch(text, &tf.value, &of.value, &nf.value, edits),
            (of, None) => {
                // Left out of the file (a default): write it only if it
                // changed.
                if of.is_none_or(|of| of.value.canon() != nf.value.canon()) {
                    insert_item(text, t, previous, nf, edits);
                }
            }
            (None, Some(_)) => {
                // In the file, but the old scenario does not serialise it:
                // it cannot differ from what the file says. Leave it.
            }
        }
        if let Some(tf) = tf {
            previous = Some(tf);
        }
    }
    // Fields the new scenario no longer writes (back to their default).
    for of in o.items() {
        let Some(Key::Field(name)) = &of.key else {
            continue;
        };
        if field(n, name).is_none()
            && let Some(tf) = field(t, name)
        {
            remove_item(text, tf, edits);
        }
    }
}

/// What identifies a list item: its `id`, else its whole value.
fn item_key(item: &Item) -> String {
    match item.value.field("id") {
        Some(Node {
            kind: Kind::Str(id),
            ..
        }) => format!("id:{id}"),
        _ => item.value.canon(),
    }
}

fn patch_list(text: &str, t: &Node, o: &Node, n: &Node, edits: &mut Vec<Edit>) {
    let (ti, oi, ni) = (t.items(), o.items(), n.items());
    if ti.len() != oi.len() {
        // The file does not line up with the scenario read from it.
        replace(text, t, n, edits);
        return;
    }
    let ok: Vec<String> = oi.iter().map(item_key).collect();
    let nk: Vec<String> = ni.iter().map(item_key).collect();
    let pairs = lcs(&ok, &nk);
    let mut matched_old = vec![false; oi.len()];
    for &(a, _) in &pairs {
        matched_old[a] = true;
    }
    // Removed items.
    for (a, m) in matched_old.iter().enumerate() {
        if !m {
            remove_item(text, &ti[a], edits);
        }
    }
    // Kept items (changed inside) and new ones after the previous kept.
    let mut p = 0;
    let mut previous: Option<&Item> = None;
    for (b, nitem) in ni.iter().enumerate() {
        if p < pairs.len() && pairs[p].1 == b {
            let a = pairs[p].0;
            patch(text, &ti[a].value, &oi[a].value, &nitem.value, edits);
            previous = Some(&ti[a]);
            p += 1;
        } else {
            // After the last kept item before it; with none, first.
            insert_item(text, t, previous, nitem, edits);
        }
    }
}

/// Longest common subsequence of two key lists: matched index pairs.
fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // Lists in a scenario are short (hundreds at most).
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if a[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The column of the first non-blank character of the line holding `at`.
fn indent_of(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count()
}

/// Whether only blanks stand between the start of the line and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at].chars().all(|c| c == ' ' || c == '\t')
}

/// The byte after the item's trailing comma, if it has one (skipping blanks
/// and comments before it).
fn comma_after(text: &str, item: &Item) -> Option<usize> {
    let mut at = item.span.end;
    let b = text.as_bytes();
    loop {
        match b.get(at) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => at += 1,
            Some(b'/') if b.get(at + 1) == Some(&b'/') => {
                while b.get(at).is_some_and(|c| *c != b'\n') {
                    at += 1;
                }
            }
            Some(b',') => return Some(at + 1),
            _ => return None,
        }
    }
}

/// The end of the line at `at` when only blanks or a comment follow there;
/// else `at`.
fn rest_of_line(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let line = rest.find('\n').map_or(rest.len(), |i| i);
    let tail = rest[..line].trim_start();
    if tail.is_empty() || tail.starts_with("//") {
        at + line
    } else {
        at
    }
}

/// Removes an item: its own lines when it stands on lines of its own
/// (a comment above it stays), else just it and its comma.
fn remove_item(text: &str, item: &Item, edits: &mut Vec<Edit>) {
    let end = comma_after(text, item).unwrap_or(item.span.end);
    if starts_line(text, item.span.start) {
        let line_start = text[..item.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = rest_of_line(text, end);
        // Take the newline too, so no blank line is left.
        let line_end = if text[line_end..].starts_with('\n') {
            line_end + 1
        } else {
            line_end
        };
        edits.push(Edit {
            range: line_start..line_end,
            with: String::new(),
        });
    } else {
        // Inline: `a, b, c` → drop `b, `.
        let mut end = end;
        while text[end..].starts_with(' ') {
            end += 1;
        }
        edits.push(Edit {
            range: item.span.start..end,
            with: String::new(),
        });
    }
}

/// Inserts `item` into group `t`: after `after` (an item of `t`), or first.
fn insert_item(text: &str, t: &Node, after: Option<&Item>, item: &Item, edits: &mut Vec<Edit>) {
    let item = &Item {
        key: item.key.clone(),
        value: ron_tree::without_nones(&item.value),
        span: item.span.clone(),
    };
    let items = t.items();
    let multiline = items
        .first()
        .map(|i| starts_line(text, i.span.start))
        .unwrap_or(true);
    if items.is_empty() {
        // `[]` or `()`: open it up.
        let indent = indent_of(text, t.span.start);
        let inner = indent + 4;
        let close = t.span.end - 1;
        edits.push(Edit {
            range: close..close,
            with: format!(
                "\n{}{},\n{}",
                " ".repeat(inner),
                ron_tree::emit_item(item, inner),
                " ".repeat(indent)
            ),
        });
        return;
    }
    if !multiline {
        // One line: `, new` after the anchor, or `new, ` before the first.
        match after {
            Some(a) => edits.push(Edit {
                range: a.span.end..a.span.end,
                with: format!(", {}", ron_tree::emit_item(item, 0)),
            }),
            None => edits.push(Edit {
                range: items[0].span.start..items[0].span.start,
                with: format!("{}, ", ron_tree::emit_item(item, 0)),
            }),
        }
        return;
    }
    match after {
        Some(a) => {
            let indent = indent_of(text, a.span.start);
            let body = ron_tree::emit_item(item, indent);
            match comma_after(text, a) {
                Some(c) => {
                    let at = rest_of_line(text, c);
                    edits.push(Edit {
                        range: at..at,
                        with: format!("\n{}{},", " ".repeat(indent), body),
                    });
                }
                None => {
                    // The last item without a comma: give it one.
                    edits.push(Edit {
                        range: a.span.end..a.span.end,
                        with: format!(",\n{}{},", " ".repeat(indent), body),
                    });
                }
            }
        }
        None => {
            // A line of its own above the first item's line.
            let first = &items[0];
            let indent = indent_of(text, first.span.start);
            let body = ron_tree::emit_item(item, indent);
            let line_start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
            edits.push(Edit {
                range: line_start..line_start,
                with: format!("{}{},\n", " ".repeat(indent), body),
            });
        }
    }
}

/// `text` (any RON document whose top level is a struct) with `item` (RON
/// text) added at the end of its top-level list `list`, in the file's
/// style; the rest of the text, comments included, stays as it is.
pub fn append_to_list(text: &str, list: &str, item: &str) -> Result<String, SaveError> {
    let file = ron_tree::parse(text)
        .map_err(|e| SaveError::Unreadable(format!("{} (byte {})", e.message, e.at)))?;
    let node = file
        .field(list)
        .ok_or_else(|| SaveError::Unreadable(format!("no list `{list}`")))?;
    let value = ron_tree::parse(item).map_err(|e| SaveError::Unreadable(e.message))?;
    let new = Item {
        key: None,
        span: value.span.clone(),
        value,
    };
    let mut edits = Vec::new();
    insert_item(text, node, node.items().last(), &new, &mut edits);
    let out = apply(text, edits)?;
    // What was there reads the same; the list has one more item.
    let back = ron_tree::parse(&out).map_err(|e| SaveError::Mismatch(e.message))?;
    let before = node.items().len();
    let after = back.field(list).map_or(0, |l| l.items().len());
    if after != before + 1 {
        return Err(SaveError::Mismatch(format!("`{list}` did not grow by one")));
    }
    Ok(out)
}
