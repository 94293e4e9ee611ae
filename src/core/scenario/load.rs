//! Loading a scenario file: parse (with positions), resolve, validate.

use std::path::{Path, PathBuf};

use ron::error::Error as RonError;
use ron::extensions::Extensions;

use super::compile::{Reporter, compile};
use super::compiled::{CAct, Compiled};
use super::model::{ChannelKind, Scenario};
use super::source::SourceIndex;
use super::validate::validate;
use crate::core::diag::{Diagnostic, Diagnostics, Pos, Severity};

/// A scenario that parsed and validated without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub path: PathBuf,
    pub compiled: Compiled,
    /// Warnings: the scenario works, but something looks unintended.
    pub warnings: Vec<Diagnostic>,
}

/// The RON options every file of this product is read with: `Some(..)`
/// may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses any RON document of this product into `T`, turning a syntax
/// error into a diagnostic with file, line, column and a hint.
pub fn parse_ron<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, Box<Diagnostic>> {
    ron_options().from_str::<T>(text).map_err(|e| {
        let mut pos = Pos {
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
        };
        if matches!(e.code, RonError::ExpectedString | RonError::ExpectedArray) {
            // `ron` points at the space before the value: point at the value.
            pos.col += text.split('\n').nth(pos.line - 1).map_or(0, |l| {
                l.chars()
                    .skip(pos.col - 1)
                    .take_while(|c| *c == ' ')
                    .count()
            });
        }
        let (message, hint) = explain(&e.code, text, pos);
        let mut d = Diagnostic::error(path, pos, message).with_source(text);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        Box::new(d)
    })
}

/// A trainer-readable message and hint for a RON error at `pos` of `text`.
pub(crate) fn explain(code: &RonError, text: &str, pos: Pos) -> (String, Option<String>) {
    let list = |xs: &[&str]| {
        xs.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let inside = |outer: &Option<String>| match outer {
        Some(o) => format!(" in `{o}`"),
        None => String::new(),
    };
    match code {
        RonError::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", inside(outer)),
            Some(format!("add `{field}: ...` to this item")),
        ),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("unknown field `{found}`{}", inside(outer)),
            Some(format!("expected one of: {}", list(expected))),
        ),
        RonError::DuplicateStructField { field, outer } => (
            format!("field `{field}` appears twice{}", inside(outer)),
            Some("remove one of them".to_string()),
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!("unknown value `{found}`{}", inside(outer)),
            Some(format!("expected one of: {}", list(expected))),
        ),
        RonError::ExpectedComma if quote_inside_text(text, pos) => (
            "expected a comma: a `\"` ended the text here, but more text follows".to_string(),
            Some(
                "a double quote inside a text ends the text: write it as `\\\"`, e.g. `text: \"Hij zei \\\"nee\\\".\"` (or use other quotes: ‘nee’); if the text really ends here, add the missing `,`"
                    .to_string(),
            ),
        ),
        RonError::ExpectedComma => (
            "expected a comma".to_string(),
            Some(
                "separate fields and list items with `,`; it is often missing at the end of the line before"
                    .to_string(),
            ),
        ),
        RonError::ExpectedString if char_at(text, pos) == Some('[') => {
            let field = field_before(text, pos);
            let item = enclosing_item(text, pos);
            let example = first_string_after(text, pos).unwrap_or_else(|| "...".to_string());
            let message = match (&field, item) {
                (Some(f), Some(item)) => {
                    format!("{item} has exactly one `{f}`, not a list")
                }
                (Some(f), None) => format!("`{f}` takes exactly one value, not a list"),
                (None, _) => "expected one value in double quotes, not a list".to_string(),
            };
            let field = field.unwrap_or_else(|| "field".to_string());
            let mut hint = format!("write one value in double quotes: `{field}: \"{example}\"`");
            if field == "subject" && item == Some("a talk") {
                hint.push_str("; for a conversation with another person, add a second talk");
            }
            (message, Some(hint))
        }
        RonError::ExpectedArray => {
            let field = field_before(text, pos);
            let message = match &field {
                Some(f) => format!("`{f}` takes a list"),
                None => "expected a list".to_string(),
            };
            let field = field.unwrap_or_else(|| "field".to_string());
            let hint = match first_string_after(text, pos) {
                Some(v) if char_at(text, pos) == Some('"') => {
                    format!("write it in square brackets, also for one value: `{field}: [\"{v}\"]`")
                }
                _ => format!("write it in square brackets, also for one value: `{field}: [...]`"),
            };
            (message, Some(hint))
        }
        RonError::ExpectedString | RonError::ExpectedStringEnd => (
            code.to_string(),
            Some("texts and ids are written in double quotes: \"...\"".to_string()),
        ),
        RonError::Eof => (
            "the file ends too early".to_string(),
            Some(
                "a `)`, `]` or `\"` is probably missing, or a `\"` inside a text was not written as `\\\"`; check the item above"
                    .to_string(),
            ),
        ),
        RonError::TrailingCharacters => (
            "unexpected text after the end of the scenario".to_string(),
            Some("the scenario must be one `( ... )` block; check for an extra `)`".to_string()),
        ),
        RonError::ExceededRecursionLimit => (
            "conditions are nested too deeply".to_string(),
            Some("split the condition into several rules".to_string()),
        ),
        other => (other.to_string(), None),
    }
}

/// The first character at or after `pos` (1-based line and column) of
/// `text` that is not a space (`ron` may point at the space before a
/// value).
fn char_at(text: &str, pos: Pos) -> Option<char> {
    text.split('\n')
        .nth(pos.line.checked_sub(1)?)?
        .chars()
        .skip(pos.col.checked_sub(1)?)
        .find(|c| !c.is_whitespace())
}

/// The part of `pos`'s line before `pos`.
fn line_before(text: &str, pos: Pos) -> String {
    text.split('\n')
        .nth(pos.line.saturating_sub(1))
        .map(|l| l.chars().take(pos.col.saturating_sub(1)).collect())
        .unwrap_or_default()
}

/// Whether a missing comma at `pos` is more likely a `"` inside a text
/// that ended it early: on the same line a string just closed, and what
/// follows is not the next field (`name:`).
fn quote_inside_text(text: &str, pos: Pos) -> bool {
    let before = line_before(text, pos);
    if !before.trim_end().ends_with('"') {
        return false;
    }
    let rest: String = text
        .split('\n')
        .nth(pos.line.saturating_sub(1))
        .map(|l| l.chars().skip(pos.col.saturating_sub(1)).collect())
        .unwrap_or_default();
    let ident: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let next_field = !ident.is_empty() && rest[ident.len()..].trim_start().starts_with(':');
    !next_field && !rest.trim().is_empty()
}

/// The field name in front of `pos` (`name: ` right before it).
fn field_before(text: &str, pos: Pos) -> Option<String> {
    let before = line_before(text, pos);
    let before = before.trim_end().strip_suffix(':')?.trim_end();
    let name: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The first string literal at or after `pos` (on its line).
fn first_string_after(text: &str, pos: Pos) -> Option<String> {
    let line = text.split('\n').nth(pos.line.saturating_sub(1))?;
    let rest: String = line.chars().skip(pos.col.saturating_sub(1)).collect();
    let start = rest.find('"')? + 1;
    let end = rest[start..].find('"')? + start;
    Some(rest[start..end].to_string())
}

/// What kind of item the text at `pos` is in, from the list it is an item
/// of (`talks: [ (..., here) ]` is a talk), as "a talk".
fn enclosing_item(text: &str, pos: Pos) -> Option<&'static str> {
    // Openers with the field name in front of them, up to `pos`.
    let mut stack: Vec<(char, Option<String>)> = Vec::new();
    let mut ident = String::new();
    let mut key: Option<String> = None;
    let mut chars = text.chars().peekable();
    let (mut line, mut col) = (1, 1);
    let mut in_string = false;
    let mut comment = false;
    while let Some(c) = chars.next() {
        if (line, col) >= (pos.line, pos.col) {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
            comment = false;
        } else {
            col += 1;
        }
        if comment {
            continue;
        }
        if in_string {
            if c == '\\' {
                if chars.next().is_some() {
                    col += 1;
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if chars.peek() == Some(&'/') => comment = true,
            ':' => key = Some(std::mem::take(&mut ident)),
            '(' | '[' | '{' => {
                stack.push((c, key.take()));
                ident.clear();
            }
            ')' | ']' | '}' => {
                stack.pop();
                key = None;
                ident.clear();
            }
            c if c.is_alphanumeric() || c == '_' => ident.push(c),
            _ => ident.clear(),
        }
    }
    // The innermost `(` is the item; the list around it names it.
    let item = stack.iter().rposition(|(c, _)| *c == '(')?;
    let list = stack.get(item.checked_sub(1)?)?;
    if list.0 != '[' {
        return None;
    }
    Some(match list.1.as_deref()? {
        "talks" => "a talk",
        "consents" => "a consent request",
        "injects" => "an inject",
        "decisions" => "a decision",
        "facts" => "a fact",
        "roles" => "a role",
        "channels" => "a channel",
        "rules" => "a rule",
        "expectations" => "an expectation",
        "consults" => "a consult",
        "pools" => "a pool",
        "answers" => "a consent answer",
        "options" => "an option",
        _ => return None,
    })
}

/// Loads a scenario from text. `path` is used in messages only.
pub fn load_str(path: &Path, text: &str) -> Result<Loaded, Diagnostics> {
    let scenario: Scenario = parse_ron(path, text).map_err(|d| Diagnostics(vec![*d]))?;
    load_parsed(path, text, scenario)
}

/// The second half of [`load_str`]: resolves and validates a scenario that
/// was parsed from `text`.
pub fn load_parsed(path: &Path, text: &str, scenario: Scenario) -> Result<Loaded, Diagnostics> {
    let mut rep = Reporter::new(path, text);
    let compiled = compile(scenario, &mut rep);
    if !rep.diags.iter().any(Diagnostic::is_error) {
        validate(&compiled, &mut rep);
        script_steps(&compiled, &mut rep);
    }
    let mut diags: Vec<Diagnostic> = rep.diags.into_iter().map(|d| d.with_source(text)).collect();
    diags.sort_by_key(|d| d.pos);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics(diags));
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        compiled,
        warnings: diags,
    })
}

/// The position of script step `step` of role `role` in `index`: its
/// `do:` (the `step`-th after the role's `script:`), or the role's id.
pub fn script_step_pos(index: &SourceIndex, s: &Scenario, role: usize, step: usize) -> Option<Pos> {
    let id = &s.roles.get(role)?.id;
    let at = index.definition("id", id, 0)?;
    // The next role's definition bounds this one.
    let end = s
        .roles
        .get(role + 1)
        .and_then(|r| index.definition("id", &r.id, 0));
    let within = |p: &Pos| *p > at && end.is_none_or(|e| *p < e);
    let script = index
        .keys
        .iter()
        .find(|(k, p)| k == "script" && within(p))
        .map(|(_, p)| *p);
    let Some(script) = script else {
        return Some(at);
    };
    Some(
        index
            .keys
            .iter()
            .filter(|(k, p)| k == "do" && *p > script && within(p))
            .nth(step)
            .map_or(at, |(_, p)| *p),
    )
}

/// Script steps that can never run, whatever happens in the case: the
/// action itself is one the engine refuses for that role (a share into a
/// meeting with `to` filled in, into a meeting the role is not a member
/// of, a talk or decision of another role, ...). Errors at the step.
fn script_steps(c: &Compiled, rep: &mut Reporter<'_>) {
    let s = &c.scenario;
    for (r, role) in s.roles.iter().enumerate() {
        for (step, (_, act)) in c.roles[r].script.iter().enumerate() {
            let Some((message, hint)) = never_possible(c, r, act) else {
                continue;
            };
            let pos = script_step_pos(rep.index(), s, r, step).unwrap_or(Pos::START);
            rep.push(
                Severity::Error,
                pos,
                format!(
                    "script step {} of `{}` can never run: {message}",
                    step + 1,
                    role.id
                ),
                &hint,
            );
        }
    }
}

/// Why `role` can never perform `act` (the checks of the engine that do
/// not depend on the moment), with a hint.
fn never_possible(c: &Compiled, role: usize, act: &CAct) -> Option<(String, String)> {
    let s = &c.scenario;
    let role_id = c.role_id(role);
    let named = |ixs: &[usize]| {
        ixs.iter()
            .map(|r| format!("`{}`", c.role_id(*r)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match act {
        CAct::Share {
            to, channel, facts, ..
        } => {
            let ch = c.channels.get(*channel)?;
            let ch_id = &s.channels.get(*channel)?.id;
            if !ch.users.is_empty() && !ch.users.contains(&role) {
                return Some((
                    format!("`{role_id}` cannot use `{ch_id}` (`users`)"),
                    format!(
                        "the channel is for its `users` ({}): add `{role_id}` there, or share through another channel",
                        named(&ch.users)
                    ),
                ));
            }
            if facts.is_empty() {
                return Some((
                    "it shares no facts".to_string(),
                    "list the facts to share in `facts`".to_string(),
                ));
            }
            if ch.kind == ChannelKind::Meeting {
                if !ch.members.contains(&role) {
                    return Some((
                        format!("`{role_id}` is no member of meeting `{ch_id}`"),
                        format!(
                            "add `{role_id}` to the meeting's `members` ({}), or share through another channel",
                            named(&ch.members)
                        ),
                    ));
                }
                if !to.is_empty() {
                    return Some((
                        format!("it names recipients (`to`) in meeting `{ch_id}`"),
                        "in a meeting every member present hears it: leave `to` empty (`to: []`, or leave it out)".to_string(),
                    ));
                }
                return None;
            }
            if to.is_empty() {
                return Some((
                    format!("it names no recipient for `{ch_id}`"),
                    "list the recipients in `to`".to_string(),
                ));
            }
            if to.contains(&role) {
                return Some((
                    format!("`{role_id}` shares with itself"),
                    "remove the role itself from `to`".to_string(),
                ));
            }
            let restricted = ch.kind != ChannelKind::Direct || !ch.members.is_empty();
            if restricted && let Some(t) = to.iter().find(|t| !ch.members.contains(t)) {
                return Some((
                    format!("`{}` cannot receive through `{ch_id}`", c.role_id(*t)),
                    format!(
                        "the channel reaches only its `members` ({}): add the role there, or share through another channel",
                        named(&ch.members)
                    ),
                ));
            }
            None
        }
        CAct::Consult(k) => {
            let roles = &c.consults.get(*k)?.roles;
            (!roles.is_empty() && !roles.contains(&role)).then(|| {
                (
                    format!("`{role_id}` may not consult `{}`", s.consults[*k].id),
                    format!(
                        "add `{role_id}` to the consult's `roles` ({})",
                        named(roles)
                    ),
                )
            })
        }
        CAct::Talk(t) => {
            let owner = c.talks.get(*t)?.role;
            (owner != role).then(|| {
                (
                    format!(
                        "talk `{}` is held by `{}`",
                        s.talks[*t].id,
                        c.role_id(owner)
                    ),
                    "a role holds only its own talks: move the step to that role's script"
                        .to_string(),
                )
            })
        }
        CAct::Decide(d, _) => {
            let owner = c.decisions.get(*d)?.role;
            (owner != role).then(|| {
                (
                    format!(
                        "decision `{}` is taken by `{}`",
                        s.decisions[*d].id,
                        c.role_id(owner)
                    ),
                    "a role takes only its own decisions: move the step to that role's script"
                        .to_string(),
                )
            })
        }
        CAct::AskConsent(q) => {
            let owner = c.consents.get(*q)?.role;
            (owner != role).then(|| {
                (
                    format!(
                        "consent request `{}` is asked by `{}`",
                        s.consents[*q].id,
                        c.role_id(owner)
                    ),
                    "a role asks only its own consent requests: move the step to that role's script".to_string(),
                )
            })
        }
        CAct::Convene(ch) => {
            let cc = c.channels.get(*ch)?;
            let id = &s.channels.get(*ch)?.id;
            if cc.kind != ChannelKind::Meeting || cc.convene.is_none() {
                return Some((
                    format!("`{id}` is no meeting that can be convened"),
                    "give the meeting `convene: (by: [...], lead: 1)`, or remove the step"
                        .to_string(),
                ));
            }
            let by_ok = cc
                .convene
                .as_ref()
                .is_some_and(|(by, _)| by.is_empty() || by.contains(&role));
            (!cc.members.contains(&role) || !by_ok).then(|| {
                (
                    format!("`{role_id}` may not convene `{id}`"),
                    "a role convenes a meeting it is a member of and that lists it under `convene.by` (or lists no one)".to_string(),
                )
            })
        }
        CAct::Advance => Some((
            "a script cannot end the day-part".to_string(),
            "remove the step: the clock moves when the played roles end their turn".to_string(),
        )),
        CAct::Flag(..) => None,
    }
}

/// Loads a scenario file from disk.
pub fn load_file(path: &Path) -> Result<Loaded, Diagnostics> {
    let text = read_text(path).map_err(|d| Diagnostics(vec![*d]))?;
    load_str(path, &text)
}

/// Reads a UTF-8 text file, turning I/O problems into a diagnostic.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::error(path, Pos::START, format!("cannot read file: {e}"))
                .with_hint("check the path and the file's permissions"),
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let line = text.matches('\n').count() + 1;
        let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Box::new(
            Diagnostic::error(path, Pos { line, col }, "the file is not valid UTF-8")
                .with_hint("save the file as UTF-8"),
        )
    })
}
