//! Privacy lint: training material must be fictional. Warns on text in a
//! scenario that looks like real personal data — a BSN that passes the
//! 11-test, an IBAN that passes mod-97, a Dutch phone number, an e-mail
//! address, a Dutch licence plate — with file:line:col. A value the author
//! uses deliberately as a fictional example goes in the scenario's
//! `privacy_allow` list.

use std::path::Path;

use super::source::SourceIndex;
use crate::core::diag::{Diagnostic, Pos};

/// What a piece of text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bsn,
    Iban,
    Phone,
    Email,
    Plate,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Bsn => "a BSN (it passes the 11-test)",
            Kind::Iban => "an IBAN (it passes the mod-97 check)",
            Kind::Phone => "a Dutch phone number",
            Kind::Email => "an e-mail address",
            Kind::Plate => "a Dutch licence plate",
        }
    }
}

/// A finding in one string: kind, char offset and the matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub offset: usize,
    pub text: String,
}

/// Warnings for every string literal of `text` that looks like personal
/// data, except the values in `allow`.
pub fn privacy_lints(path: &Path, text: &str, allow: &[String]) -> Vec<Diagnostic> {
    let index = SourceIndex::new(text);
    let mut out = Vec::new();
    for lit in &index.strings {
        // `privacy_allow` itself lists the allowed values.
        if lit.key.as_deref() == Some("privacy_allow") || allow.contains(&lit.value) {
            continue;
        }
        for f in scan(&lit.value) {
            if allow.iter().any(|a| a.trim() == f.text.trim()) {
                continue;
            }
            // The literal starts at its quote; single-line strings map
            // offsets to columns directly.
            let before: String = lit.value.chars().take(f.offset).collect();
            let pos = if before.contains('\n') {
                lit.pos
            } else {
                Pos {
                    line: lit.pos.line,
                    col: lit.pos.col + 1 + f.offset,
                }
            };
            let d = Diagnostic::warning(
                path,
                pos,
                format!("`{}` looks like {}", f.text, f.kind.noun()),
            )
            .with_source(text)
            .with_hint(
                "training material must be fictional: change it into a clearly fictional value, or, if it is a deliberate fictional example, list it under `privacy_allow`",
            );
            out.push(d);
        }
    }
    out
}

/// Everything in `s` that looks like personal data.
pub fn scan(s: &str) -> Vec<Finding> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    emails(&chars, &mut out);
    ibans(&chars, &mut out);
    numbers(&chars, &mut out);
    plates(&chars, &mut out);
    // Digits inside an IBAN or e-mail address are part of it.
    let spans: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| matches!(f.kind, Kind::Iban | Kind::Email))
        .map(|f| (f.offset, f.offset + f.text.chars().count()))
        .collect();
    out.retain(|f| {
        matches!(f.kind, Kind::Iban | Kind::Email)
            || !spans.iter().any(|(a, b)| f.offset >= *a && f.offset < *b)
    });
    out.sort_by_key(|f| f.offset);
    out
}

fn text(chars: &[char], from: usize, to: usize) -> String {
    chars[from..to].iter().collect()
}

fn emails(c: &[char], out: &mut Vec<Finding>) {
    let local = |ch: char| ch.is_ascii_alphanumeric() || "._%+-".contains(ch);
    let domain = |ch: char| ch.is_ascii_alphanumeric() || ".-".contains(ch);
    for (at, _) in c.iter().enumerate().filter(|(_, ch)| **ch == '@') {
        let mut start = at;
        while start > 0 && local(c[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < c.len() && domain(c[end]) {
            end += 1;
        }
        // A sentence's full stop is not part of the domain.
        while end > at + 1 && c[end - 1] == '.' {
            end -= 1;
        }
        let dom = text(c, at + 1, end);
        let tld_ok = dom.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.chars().all(|x| x.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            out.push(Finding {
                kind: Kind::Email,
                offset: start,
                text: text(c, start, end),
            });
        }
    }
}

/// Whether `digits` passes the BSN 11-test.
pub fn elfproef(digits: &[u32]) -> bool {
    if digits.len() != 9 || digits.iter().all(|d| *d == 0) {
        return false;
    }
    let sum: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let w = if i == 8 { -1 } else { 9 - i as i64 };
            w * i64::from(*d)
        })
        .sum();
    sum % 11 == 0
}

/// Whether `iban` (no spaces, upper case) passes the mod-97 check.
pub fn iban_ok(iban: &str) -> bool {
    let b = iban.as_bytes();
    if b.len() < 15
        || b.len() > 34
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let mut rem: u32 = 0;
    for ch in rearranged {
        let v = match ch {
            '0'..='9' => ch as u32 - '0' as u32,
            'A'..='Z' => ch as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

fn ibans(c: &[char], out: &mut Vec<Finding>) {
    let mut i = 0;
    while i + 4 <= c.len() {
        let starts = c[i].is_ascii_uppercase()
            && c[i + 1].is_ascii_uppercase()
            && c[i + 2].is_ascii_digit()
            && c[i + 3].is_ascii_digit()
            && (i == 0 || !c[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut compact = String::new();
        while end < c.len()
            && (c[end].is_ascii_uppercase()
                || c[end].is_ascii_digit()
                || (c[end] == ' ' && end + 1 < c.len() && c[end + 1].is_ascii_alphanumeric()))
        {
            if c[end] != ' ' {
                compact.push(c[end]);
            }
            end += 1;
        }
        // Try the longest prefix that is a valid IBAN (text may follow).
        let found = (15..=compact.len().min(34))
            .rev()
            .find(|n| iban_ok(&compact[..*n]));
        if let Some(n) = found {
            // Map back to the span in the original text.
            let mut taken = 0;
            let mut stop = i;
            while stop < c.len() && taken < n {
                if c[stop] != ' ' {
                    taken += 1;
                }
                stop += 1;
            }
            out.push(Finding {
                kind: Kind::Iban,
                offset: i,
                text: text(c, i, stop),
            });
            i = stop;
        } else {
            i += 1;
        }
    }
}

/// Runs of digits with single separators: BSNs and phone numbers.
fn numbers(c: &[char], out: &mut Vec<Finding>) {
    let mut i = 0;
    while i < c.len() {
        let plus = c[i] == '+' && c.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(c[i].is_ascii_digit() || plus)
            || (i > 0 && (c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '-'))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = if plus { i + 1 } else { i };
        let mut digits: Vec<u32> = Vec::new();
        while end < c.len() {
            if let Some(d) = c[end].to_digit(10) {
                digits.push(d);
                end += 1;
            } else if " .-".contains(c[end])
                && c.get(end + 1).is_some_and(char::is_ascii_digit)
                && digits.len() < 14
            {
                end += 1;
            } else {
                break;
            }
        }
        // A run glued to letters is part of a word or code.
        let glued = c.get(end).is_some_and(|x| x.is_ascii_alphabetic());
        let span = text(c, start, end);
        if !glued {
            let phone = (plus && digits.len() == 11 && digits[..2] == [3, 1])
                || (!plus && digits.len() == 10 && digits[0] == 0 && digits[1] != 0)
                || (!plus && digits.len() == 13 && digits[..4] == [0, 0, 3, 1]);
            if phone {
                out.push(Finding {
                    kind: Kind::Phone,
                    offset: start,
                    text: span,
                });
            } else if !plus && elfproef(&digits) {
                out.push(Finding {
                    kind: Kind::Bsn,
                    offset: start,
                    text: span,
                });
            }
        }
        i = end.max(i + 1);
    }
}

/// Dutch licence plates: three groups of letters or digits, six characters
/// in all, joined by dashes, e.g. `XX-99-99`, `99-XXX-9`, `X-999-XX`.
fn plates(c: &[char], out: &mut Vec<Finding>) {
    let plate_char = |ch: char| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '-';
    let mut i = 0;
    while i < c.len() {
        if !plate_char(c[i])
            || c[i] == '-'
            || (i > 0 && (c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '-'))
        {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < c.len() && plate_char(c[end]) {
            end += 1;
        }
        let token = text(c, i, end);
        let glued = c.get(end).is_some_and(|x| x.is_alphanumeric());
        if !glued && is_plate(&token) {
            out.push(Finding {
                kind: Kind::Plate,
                offset: i,
                text: token,
            });
        }
        i = end.max(i + 1);
    }
}

fn is_plate(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    if groups.len() != 3 || groups.iter().map(|g| g.len()).sum::<usize>() != 6 {
        return false;
    }
    let kind = |g: &str| -> Option<bool> {
        if g.is_empty() || g.len() > 3 {
            None
        } else if g.chars().all(|x| x.is_ascii_uppercase()) {
            Some(true)
        } else if g.chars().all(|x| x.is_ascii_digit()) {
            Some(false)
        } else {
            None
        }
    };
    let kinds: Option<Vec<bool>> = groups.iter().map(|g| kind(g)).collect();
    match kinds {
        // Letters and digits both occur, and neighbours differ at least once.
        Some(k) => k.contains(&true) && k.contains(&false),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<Kind> {
        scan(s).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn bsn_needs_the_eleven_test() {
        // 111222333 passes the 11-test; 123456789 does not.
        assert_eq!(kinds("BSN 111222333 bekend"), vec![Kind::Bsn]);
        assert_eq!(kinds("BSN 111.222.333"), vec![Kind::Bsn]);
        assert!(kinds("nummer 123456789").is_empty());
        assert!(kinds("000000000").is_empty());
    }

    #[test]
    fn iban_needs_mod_97() {
        assert_eq!(kinds("rekening NL91ABNA0417164300."), vec![Kind::Iban]);
        assert_eq!(kinds("NL91 ABNA 0417 1643 00"), vec![Kind::Iban]);
        assert!(kinds("NL92ABNA0417164300").is_empty());
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(kinds("bel 06-12345678"), vec![Kind::Phone]);
        assert_eq!(kinds("bel 06 1234 5678 nu"), vec![Kind::Phone]);
        assert_eq!(kinds("+31 6 12345678"), vec![Kind::Phone]);
        assert_eq!(kinds("020-1234567"), vec![Kind::Phone]);
        assert!(kinds("om 23.40 uur, 1.500 euro, 42 lesuren in 2024").is_empty());
    }

    #[test]
    fn email_addresses() {
        let f = scan("mail j.jansen@voorbeeld.nl.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "j.jansen@voorbeeld.nl");
        assert!(kinds("een @-teken of iemand@ niets").is_empty());
    }

    #[test]
    fn licence_plates() {
        assert_eq!(
            kinds("auto met kenteken 12-ABC-3 gezien"),
            vec![Kind::Plate]
        );
        assert_eq!(kinds("XX-99-99"), vec![Kind::Plate]);
        assert!(kinds("COVID-19 en Kadeweg 12b, A-B-C, 12-34-56").is_empty());
    }

    #[test]
    fn positions_point_into_the_line_and_the_allow_list_silences() {
        let text = "(\n    text: \"Bel 06-12345678 of mail a@b.nl\",\n    privacy_allow: [\"a@b.nl\"],\n)\n";
        let d = privacy_lints(Path::new("s.ron"), text, &["a@b.nl".to_string()]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].pos.line, d[0].pos.col), (2, 16));
        assert!(d[0].message.contains("phone number"));
        assert!(!d[0].is_error());
    }
}
