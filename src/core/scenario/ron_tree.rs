//! A RON document as a tree of values with their byte spans, for editing a
//! scenario file in place: comments and layout live between the spans and
//! are never touched. Used by `scenario::save` to rewrite only the values
//! that changed. Also formats new values in the style of the bundled files
//! (four spaces, one field per line, short values on one line).
//!
//! The parser accepts the RON this product writes and reads: structs and
//! tuples `(..)` with an optional name, lists `[..]`, maps `{..}`, strings
//! (escaped and raw), numbers, chars, and identifiers (`true`, `None`, unit
//! variants), with `//` and `/* */` comments and `#![..]` attributes.

use std::ops::Range;

/// A value and where it stands in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Bytes of the value (from its name, if any, to its closing bracket).
    pub span: Range<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A string, decoded.
    Str(String),
    /// A number, char, boolean or identifier, as written.
    Atom(String),
    /// `Name(..)`, `(..)`, `[..]` or `{..}`.
    Group {
        name: Option<String>,
        /// `(`, `[` or `{`.
        open: char,
        items: Vec<Item>,
    },
}

/// One entry of a group: a struct field, a map entry or a plain value.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub key: Option<Key>,
    pub value: Node,
    /// From the key (or the value) to the end of the value.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    Field(String),
    Map(Node),
}

impl Node {
    /// The value of struct field `name`, if this is a struct that has it.
    pub fn field(&self, name: &str) -> Option<&Node> {
        self.items()
            .iter()
            .find(|i| matches!(&i.key, Some(Key::Field(k)) if k == name))
            .map(|i| &i.value)
    }

    /// The entries of a group (none for a scalar).
    pub fn items(&self) -> &[Item] {
        match &self.kind {
            Kind::Group { items, .. } => items,
            _ => &[],
        }
    }

    /// Whether this is a struct: a `(..)` group whose entries all have a
    /// field name (an empty `()` counts).
    pub fn is_struct(&self) -> bool {
        matches!(&self.kind, Kind::Group { open: '(', items, .. }
            if items.iter().all(|i| matches!(i.key, Some(Key::Field(_)))))
    }

    /// The group's name (`Flag` in `Flag(..)`).
    pub fn name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Group { name, .. } => name.as_deref(),
            Kind::Atom(a) => Some(a),
            Kind::Str(_) => None,
        }
    }

    /// The value without layout: two nodes with the same canonical form
    /// are the same value.
    pub fn canon(&self) -> String {
        let mut out = String::new();
        self.canon_into(&mut out);
        out
    }

    fn canon_into(&self, out: &mut String) {
        match &self.kind {
            Kind::Str(s) => {
                out.push_str(&format!("{s:?}"));
            }
            Kind::Atom(a) => out.push_str(&a.replace('_', "")),
            Kind::Group { name, open, items } => {
                if let Some(n) = name {
                    out.push_str(n);
                }
                out.push(*open);
                for i in items {
                    match &i.key {
                        Some(Key::Field(k)) => {
                            out.push_str(k);
                            out.push(':');
                        }
                        Some(Key::Map(k)) => {
                            k.canon_into(out);
                            out.push(':');
                        }
                        None => {}
                    }
                    i.value.canon_into(out);
                    out.push(',');
                }
                out.push(close_of(*open));
            }
        }
    }
}

fn close_of(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        _ => ')',
    }
}

/// Where and why the text is not RON this parser reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub at: usize,
    pub message: String,
}

/// Parses a whole document: one value, with trivia around it.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    p.trivia()?;
    let node = p.value(0)?;
    p.trivia()?;
    if p.at < p.bytes.len() {
        return Err(p.error("text after the end of the document"));
    }
    Ok(node)
}

/// How deep values may nest (a guard against a stack overflow).
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> ParseError {
        ParseError {
            at: self.at,
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space, comments and `#![..]` attributes.
    fn trivia(&mut self) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.at += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'*') => {
                    let mut depth = 0usize;
                    loop {
                        match (self.peek(), self.bytes.get(self.at + 1)) {
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.at += 2;
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.at += 2;
                                if depth == 0 {
                                    break;
                                }
                            }
                            (Some(_), _) => self.at += 1,
                            (None, _) => return Err(self.error("unclosed comment")),
                        }
                    }
                }
                Some(b'#') if self.bytes.get(self.at + 1) == Some(&b'!') => {
                    while self.peek().is_some_and(|c| c != b']') {
                        self.at += 1;
                    }
                    if self.peek().is_none() {
                        return Err(self.error("unclosed attribute"));
                    }
                    self.at += 1;
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("values nested too deeply"));
        }
        let start = self.at;
        match self.peek() {
            None => Err(self.error("a value was expected")),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node {
                    span: start..self.at,
                    kind: Kind::Str(s),
                })
            }
            Some(b'r') if matches!(self.bytes.get(self.at + 1), Some(b'"' | b'#')) => {
                let s = self.raw_string()?;
                Ok(Node {
                    span: start..self.at,
                    kind: Kind::Str(s),
                })
            }
            Some(b'\'') => {
                self.at += 1;
                while let Some(c) = self.peek() {
                    self.at += 1;
                    if c == b'\\' {
                        self.at += 1;
                    } else if c == b'\'' {
                        break;
                    }
                }
                Ok(self.atom(start))
            }
            Some(b'(' | b'[' | b'{') => self.group(start, None, depth),
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'.') => {
                while self.peek().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'.')
                }) {
                    self.at += 1;
                }
                let word = &self.text[start..self.at];
                let ident = word
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
                let before = self.at;
                self.trivia()?;
                if ident && self.peek() == Some(b'(') {
                    return self.group(start, Some(word.to_string()), depth);
                }
                self.at = before;
                Ok(self.atom(start))
            }
            Some(_) => Err(self.error("a value was expected")),
        }
    }

    fn atom(&self, start: usize) -> Node {
        Node {
            span: start..self.at,
            kind: Kind::Atom(self.text[start..self.at].to_string()),
        }
    }

    /// A group from its opening bracket (`start`: where its name began).
    fn group(
        &mut self,
        start: usize,
        name: Option<String>,
        depth: usize,
    ) -> Result<Node, ParseError> {
        let open = self.peek().map(char::from).unwrap_or('(');
        let close = close_of(open) as u8;
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.trivia()?;
            if self.peek() == Some(close) {
                self.at += 1;
                break;
            }
            let item_start = self.at;
            let first = self.value(depth + 1)?;
            let after_first = self.at;
            self.trivia()?;
            let item = if self.peek() == Some(b':') {
                self.at += 1;
                self.trivia()?;
                let value = self.value(depth + 1)?;
                let key = match (&first.kind, open) {
                    (Kind::Atom(a), '(') => Key::Field(a.clone()),
                    _ => Key::Map(first),
                };
                Item {
                    key: Some(key),
                    span: item_start..value.span.end,
                    value,
                }
            } else {
                self.at = after_first;
                Item {
                    key: None,
                    span: item_start..first.span.end,
                    value: first,
                }
            };
            items.push(item);
            self.trivia()?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {}
                _ => return Err(self.error("`,` or a closing bracket was expected")),
            }
        }
        Ok(Node {
            span: start..self.at,
            kind: Kind::Group { name, open, items },
        })
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let Some(rest) = self.text.get(self.at..) else {
                return Err(self.error("unclosed string"));
            };
            let Some(c) = rest.chars().next() else {
                return Err(self.error("unclosed string"));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.text.get(self.at..).and_then(|r| r.chars().next()) else {
                        return Err(self.error("unclosed string"));
                    };
                    self.at += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        '\\' | '"' | '\'' => out.push(e),
                        'u' => {
                            let rest = &self.text[self.at..];
                            let end = rest.find('}').ok_or_else(|| self.error("bad \\u escape"))?;
                            let hex = rest
                                .get(1..end)
                                .ok_or_else(|| self.error("bad \\u escape"))?;
                            let ch = u32::from_str_radix(hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .ok_or_else(|| self.error("bad \\u escape"))?;
                            out.push(ch);
                            self.at += end + 1;
                        }
                        'x' => {
                            let hex = self
                                .text
                                .get(self.at..self.at + 2)
                                .ok_or_else(|| self.error("bad \\x escape"))?;
                            let ch = u8::from_str_radix(hex, 16)
                                .map_err(|_| self.error("bad \\x escape"))?;
                            out.push(char::from(ch));
                            self.at += 2;
                        }
                        _ => return Err(self.error("unknown escape in a string")),
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn raw_string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.at += 1;
        }
        if self.peek() != Some(b'"') {
            return Err(self.error("a raw string was expected"));
        }
        self.at += 1;
        let end = format!("\"{}", "#".repeat(hashes));
        let rest = &self.text[self.at..];
        let len = rest
            .find(&end)
            .ok_or_else(|| self.error("unclosed raw string"))?;
        let s = rest[..len].to_string();
        self.at += len + end.len();
        Ok(s)
    }
}

/// A string as RON text: quotes, and escapes only where needed (the files
/// keep `'` and every letter as written).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The widest a value is written on one line (the bundled files' style).
const INLINE_WIDTH: usize = 90;

/// Writes `node` (parsed from any RON text) in the files' style, starting
/// at indentation `indent` (the column of the line it is on): on one line
/// when short, else one entry per line, four spaces deeper.
pub fn emit(node: &Node, indent: usize) -> String {
    if let Some(line) = inline(node)
        && line.len() + indent <= INLINE_WIDTH
    {
        return line;
    }
    match &node.kind {
        Kind::Str(s) => quote(s),
        Kind::Atom(a) => a.clone(),
        Kind::Group { name, open, items } => {
            let inner = " ".repeat(indent + 4);
            let mut out = String::new();
            if let Some(n) = name {
                out.push_str(n);
            }
            out.push(*open);
            out.push('\n');
            for i in items {
                out.push_str(&inner);
                out.push_str(&emit_item(i, indent + 4));
                out.push_str(",\n");
            }
            out.push_str(&" ".repeat(indent));
            out.push(close_of(*open));
            out
        }
    }
}

/// One entry (`key: value` or a value) at indentation `indent`.
pub fn emit_item(item: &Item, indent: usize) -> String {
    match &item.key {
        Some(Key::Field(k)) => format!("{k}: {}", emit(&item.value, indent)),
        Some(Key::Map(k)) => format!("{}: {}", emit(k, indent), emit(&item.value, indent)),
        None => emit(&item.value, indent),
    }
}

/// `node` without the struct fields that say `None` (at any depth): a new
/// item is written as an author would, leaving out what is not there.
/// (Saving reads the result back, so a field that may not be left out
/// cannot slip through.)
pub fn without_nones(node: &Node) -> Node {
    match &node.kind {
        Kind::Group { name, open, items } => Node {
            span: node.span.clone(),
            kind: Kind::Group {
                name: name.clone(),
                open: *open,
                items: items
                    .iter()
                    .filter(|i| {
                        !(matches!(i.key, Some(Key::Field(_)))
                            && matches!(&i.value.kind, Kind::Atom(a) if a == "None"))
                    })
                    .map(|i| Item {
                        key: i.key.clone(),
                        value: without_nones(&i.value),
                        span: i.span.clone(),
                    })
                    .collect(),
            },
        },
        _ => node.clone(),
    }
}

/// The value on one line, if it has no multi-line part.
fn inline(node: &Node) -> Option<String> {
    match &node.kind {
        Kind::Str(s) => Some(quote(s)),
        Kind::Atom(a) => Some(a.clone()),
        Kind::Group { name, open, items } => {
            let mut out = String::new();
            if let Some(n) = name {
                out.push_str(n);
            }
            out.push(*open);
            for (n, i) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                match &i.key {
                    Some(Key::Field(k)) => {
                        out.push_str(k);
                        out.push_str(": ");
                    }
                    Some(Key::Map(k)) => {
                        out.push_str(&inline(k)?);
                        out.push_str(": ");
                    }
                    None => {}
                }
                out.push_str(&inline(&i.value)?);
                if out.len() > INLINE_WIDTH {
                    return None;
                }
            }
            out.push(close_of(*open));
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_values_and_leave_comments_outside() {
        let text = "// top\n(\n    id: \"a\", // why\n    list: [1, 2],\n    when: Some(At(day: 1)),\n    s: r#\"x\"#,\n)\n";
        let n = parse(text).unwrap();
        assert!(n.is_struct());
        let id = n.field("id").unwrap();
        assert_eq!(&text[id.span.clone()], "\"a\"");
        assert_eq!(id.kind, Kind::Str("a".into()));
        let when = n.field("when").unwrap();
        assert_eq!(&text[when.span.clone()], "Some(At(day: 1))");
        assert_eq!(when.name(), Some("Some"));
        assert_eq!(n.field("list").unwrap().items().len(), 2);
        assert_eq!(n.field("s").unwrap().kind, Kind::Str("x".into()));
    }

    #[test]
    fn strings_decode_and_quote_back() {
        let n = parse(r#""a\"b\\c\n\u{eb}'d""#).unwrap();
        let Kind::Str(s) = &n.kind else { panic!() };
        assert_eq!(s, "a\"b\\c\në'd");
        assert_eq!(quote(s), r#""a\"b\\c\në'd""#);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for bad in ["(", "(a: ", "\"abc", "[1 2]", "(a: 1))", "/* x", "r#\"x"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let deep = "[".repeat(500) + &"]".repeat(500);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn emit_writes_short_values_inline_and_long_ones_per_line() {
        let n = parse("Flag(fact: \"f_x\", form: Criminal)").unwrap();
        assert_eq!(emit(&n, 8), "Flag(fact: \"f_x\", form: Criminal)");
        let long = format!("(id: \"a\", text: \"{}\")", "x".repeat(100));
        let n = parse(&long).unwrap();
        let out = emit(&n, 4);
        assert!(
            out.starts_with("(\n        id: \"a\",\n        text: \""),
            "{out}"
        );
        assert!(out.ends_with(",\n    )"), "{out}");
        assert_eq!(parse(&out).unwrap().canon(), n.canon());
    }
}
