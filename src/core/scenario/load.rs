//! Loading a scenario file: parse (with positions), resolve, validate.

use std::path::{Path, PathBuf};

use ron::error::Error as RonError;
use ron::extensions::Extensions;

use super::compile::{Reporter, compile};
use super::compiled::Compiled;
use super::model::Scenario;
use super::validate::validate;
use crate::core::diag::{Diagnostic, Diagnostics, Pos};

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
        let pos = Pos {
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
        };
        let (message, hint) = explain(&e.code);
        let mut d = Diagnostic::error(path, pos, message).with_source(text);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        Box::new(d)
    })
}

/// A trainer-readable message and hint for a RON error.
fn explain(code: &RonError) -> (String, Option<String>) {
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
        RonError::ExpectedComma => (
            "expected a comma".to_string(),
            Some(
                "separate fields and list items with `,`; it is often missing at the end of the line before"
                    .to_string(),
            ),
        ),
        RonError::ExpectedString | RonError::ExpectedStringEnd => (
            code.to_string(),
            Some("texts and ids are written in double quotes: \"...\"".to_string()),
        ),
        RonError::Eof => (
            "the file ends too early".to_string(),
            Some("a `)`, `]` or `\"` is probably missing; check the item above".to_string()),
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
