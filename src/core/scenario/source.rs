//! Positions of string literals in a RON source.
//!
//! `ron` reports positions for syntax errors but not for values that parse
//! fine and are wrong in meaning (an unknown fact id, a duplicate id). This
//! small lexer records every string literal with its position and the
//! field name before it (`id: "x"` has key `id`), so the validator can point
//! at the line and column of the offending id.

use std::collections::HashMap;

use crate::core::diag::Pos;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLit {
    pub value: String,
    pub pos: Pos,
    /// The identifier directly before `:` in front of this literal, if any.
    pub key: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SourceIndex {
    pub strings: Vec<StringLit>,
    /// Every `key:` with the position of the key.
    pub keys: Vec<(String, Pos)>,
    /// Positions of `id: "..."` definitions per id, in file order.
    pub ids: HashMap<String, Vec<Pos>>,
}

impl SourceIndex {
    /// Lexes `text`. Never fails: malformed input just yields fewer literals.
    pub fn new(text: &str) -> SourceIndex {
        let chars: Vec<char> = text.chars().collect();
        let mut strings = Vec::new();
        let mut i = 0;
        let mut line = 1;
        let mut col = 1;
        let mut last_ident: Option<String> = None;
        let mut last_ident_pos = Pos::START;
        let mut keys = Vec::new();
        let mut key: Option<String> = None;
        let advance = |i: &mut usize, line: &mut usize, col: &mut usize, chars: &[char]| {
            if chars.get(*i) == Some(&'\n') {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
            *i += 1;
        };
        while i < chars.len() {
            let c = chars[i];
            if c == '/' && chars.get(i + 1) == Some(&'/') {
                while i < chars.len() && chars[i] != '\n' {
                    advance(&mut i, &mut line, &mut col, &chars);
                }
            } else if c == '/' && chars.get(i + 1) == Some(&'*') {
                let mut depth = 0usize;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        advance(&mut i, &mut line, &mut col, &chars);
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth = depth.saturating_sub(1);
                        advance(&mut i, &mut line, &mut col, &chars);
                        if depth == 0 {
                            advance(&mut i, &mut line, &mut col, &chars);
                            break;
                        }
                    }
                    advance(&mut i, &mut line, &mut col, &chars);
                }
            } else if c == '"' || (c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#'))) {
                let pos = Pos { line, col };
                let mut value = String::new();
                if c == 'r' {
                    advance(&mut i, &mut line, &mut col, &chars);
                    let mut hashes = 0;
                    while chars.get(i) == Some(&'#') {
                        hashes += 1;
                        advance(&mut i, &mut line, &mut col, &chars);
                    }
                    // opening quote
                    advance(&mut i, &mut line, &mut col, &chars);
                    'raw: while i < chars.len() {
                        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                            for _ in 0..=hashes {
                                advance(&mut i, &mut line, &mut col, &chars);
                            }
                            break 'raw;
                        }
                        value.push(chars[i]);
                        advance(&mut i, &mut line, &mut col, &chars);
                    }
                } else {
                    advance(&mut i, &mut line, &mut col, &chars);
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' {
                            advance(&mut i, &mut line, &mut col, &chars);
                            match chars.get(i) {
                                Some('n') => value.push('\n'),
                                Some('t') => value.push('\t'),
                                Some(other) => value.push(*other),
                                None => break,
                            }
                        } else {
                            value.push(chars[i]);
                        }
                        advance(&mut i, &mut line, &mut col, &chars);
                    }
                    advance(&mut i, &mut line, &mut col, &chars);
                }
                strings.push(StringLit {
                    value,
                    pos,
                    key: key.take(),
                });
                last_ident = None;
            } else if c.is_alphabetic() || c == '_' {
                let mut ident = String::new();
                last_ident_pos = Pos { line, col };
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    ident.push(chars[i]);
                    advance(&mut i, &mut line, &mut col, &chars);
                }
                last_ident = Some(ident);
            } else if c == ':' {
                key = last_ident.take();
                if let Some(k) = &key {
                    keys.push((k.clone(), last_ident_pos));
                }
                advance(&mut i, &mut line, &mut col, &chars);
            } else {
                if !c.is_whitespace() && c != '[' && c != '(' {
                    // A key only applies to the literal right after it, or to
                    // the literals of a list that directly follows it.
                    if c == ']' || c == ')' || c == '}' {
                        key = None;
                    }
                    last_ident = None;
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
            // Keep the key alive across `[` and `,` inside a list of strings.
            if let Some(last) = strings.last()
                && key.is_none()
                && i < chars.len()
                && chars[i] == ','
                && last.key.is_some()
            {
                key.clone_from(&last.key);
            }
        }
        let mut ids: HashMap<String, Vec<Pos>> = HashMap::new();
        for lit in &strings {
            if lit.key.as_deref() == Some("id") {
                ids.entry(lit.value.clone()).or_default().push(lit.pos);
            }
        }
        SourceIndex { strings, keys, ids }
    }

    /// Position of the `nth` (0-based) field `key:` in the file.
    pub fn key(&self, key: &str, nth: usize) -> Option<Pos> {
        self.keys
            .iter()
            .filter(|(k, _)| k == key)
            .nth(nth)
            .map(|(_, p)| *p)
    }

    /// Position of the `nth` (0-based) definition `key: "value"`.
    pub fn definition(&self, key: &str, value: &str, nth: usize) -> Option<Pos> {
        if key == "id" {
            return self.ids.get(value).and_then(|v| v.get(nth)).copied();
        }
        self.strings
            .iter()
            .filter(|s| s.key.as_deref() == Some(key) && s.value == value)
            .nth(nth)
            .map(|s| s.pos)
    }

    /// Position of the first literal `value` at or after `after`, preferring
    /// one that is not an `id:` definition.
    pub fn reference(&self, value: &str, after: Option<Pos>) -> Option<Pos> {
        let start = after.unwrap_or(Pos::START);
        let candidates = || {
            self.strings
                .iter()
                .filter(move |s| s.value == value && s.pos >= start)
        };
        candidates()
            .find(|s| s.key.as_deref() != Some("id"))
            .or_else(|| candidates().next())
            .map(|s| s.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keys_and_positions() {
        let src = "(\n  id: \"a\", // \"not\"\n  facts: [\"b\", \"c\"],\n  text: r#\"x\"#,\n)";
        let idx = SourceIndex::new(src);
        let got: Vec<(&str, Option<&str>, usize, usize)> = idx
            .strings
            .iter()
            .map(|s| (s.value.as_str(), s.key.as_deref(), s.pos.line, s.pos.col))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", Some("id"), 2, 7),
                ("b", Some("facts"), 3, 11),
                ("c", Some("facts"), 3, 16),
                ("x", Some("text"), 4, 9),
            ]
        );
        assert_eq!(idx.definition("id", "a", 0), Some(Pos { line: 2, col: 7 }));
        assert_eq!(idx.reference("c", None), Some(Pos { line: 3, col: 16 }));
    }
}
