//! Diagnostics: problems in an input file, each with file, line and column
//! and a message an author can act on.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Warning,
    Error,
}

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// The byte offset of this position in `text` (columns count
    /// characters; a column past the line's end is the start of the next
    /// line); `None` when the text has fewer lines.
    pub fn offset_in(self, text: &str) -> Option<usize> {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == self.line {
                return Some(
                    offset
                        + l.char_indices()
                            .nth(self.col.saturating_sub(1))
                            .map_or(l.len(), |(b, _)| b),
                );
            }
            offset += l.len();
        }
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub pos: Pos,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The text of the line the position is on, to show with a caret.
    #[serde(default)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            pos,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    /// A warning at the definition of `id` in `text` (the `id: "…"` that
    /// defines it), with the line and a hint.
    pub fn warning_at_definition(
        file: &Path,
        text: &str,
        index: &crate::core::scenario::source::SourceIndex,
        id: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        let pos = index.definition("id", id, 0).unwrap_or(Pos::START);
        Diagnostic::warning(file, pos, message)
            .with_source(text)
            .with_hint(hint)
    }

    /// Remembers the line of `text` this diagnostic points at.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source_line = text
            .split('\n')
            .nth(self.pos.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, ["error", "warning", "hint"], |s| s.to_string())
    }
}

impl Diagnostic {
    /// The diagnostic as `Display` writes it, with other words for
    /// `error`, `warning` and `hint` and the message and hint passed
    /// through `say` (the Dutch of `authoring::dutch`).
    pub fn render(&self, words: [&str; 3], say: impl Fn(&str) -> String) -> String {
        struct R<'a, F>(&'a Diagnostic, [&'a str; 3], F);
        impl<F: Fn(&str) -> String> fmt::Display for R<'_, F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1, &self.2)
            }
        }
        R(self, words, say).to_string()
    }

    fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        [error, warning, hint_word]: [&str; 3],
        say: impl Fn(&str) -> String,
    ) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => error,
            Severity::Warning => warning,
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file.display(),
            self.pos.line,
            self.pos.col,
            sev,
            say(&self.message)
        )?;
        if let Some(line) = &self.source_line {
            let (excerpt, caret) = excerpt(line, self.pos.col);
            let number = self.pos.line.to_string();
            let pad = " ".repeat(number.len());
            write!(
                f,
                "\n {number} | {excerpt}\n {pad} | {}^",
                " ".repeat(caret)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    {hint_word}: {}", say(hint))?;
        }
        Ok(())
    }
}

/// At most 100 characters of `line` around the 1-based column `col`, and
/// the caret's offset within that excerpt.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let at = col.saturating_sub(1).min(chars.len());
    let start = if chars.len() <= WIDTH || at < WIDTH / 2 {
        0
    } else {
        (at - WIDTH / 2).min(chars.len().saturating_sub(WIDTH))
    };
    let end = (start + WIDTH).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    let mut caret = at - start;
    if start > 0 {
        text = format!("…{text}");
        caret += 1;
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, caret)
}

/// The candidate closest to `word` (edit distance at most 3, or a quarter
/// of the word's length), for a "did you mean" hint; `None` when nothing
/// is close. Ties keep the first candidate.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if d <= 3.max(word.chars().count() / 4) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The Levenshtein distance between `a` and `b`, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// All problems found in one or more files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_with_a_caret_under_the_column() {
        let text = "first\n    reveals: [\"f33\"],\n";
        let d = Diagnostic::error(Path::new("x.ron"), Pos { line: 2, col: 15 }, "unknown fact")
            .with_source(text);
        assert_eq!(
            d.to_string(),
            "x.ron:2:15: error: unknown fact\n 2 |     reveals: [\"f33\"],\n   |               ^"
        );
    }

    #[test]
    fn did_you_mean_picks_the_closest_candidate_or_none() {
        let ids = ["goed", "slecht", "slecht_gewaarschuwd"];
        assert_eq!(did_you_mean("goedd", ids), Some("goed"));
        assert_eq!(did_you_mean("slech", ids), Some("slecht"));
        assert_eq!(did_you_mean("iets_heel_anders", ids), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(300), "b".repeat(300));
        let (text, caret) = excerpt(&line, 301);
        assert_eq!(text.chars().nth(caret), Some('X'));
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert!(text.chars().count() <= 102);
        // A column past the end (ron may point just after the last char).
        let (text, caret) = excerpt("abc", 4);
        assert_eq!((text.as_str(), caret), ("abc", 3));
    }
}
