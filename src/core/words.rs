//! Small pieces of text: a number with the right form of its noun, and
//! a text cut short for a label.

/// "1 gegeven", "3 gegevens".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The first `max` characters of `s`, with an ellipsis when cut (the
/// whole text belongs in a tooltip, a title or the line beside it).
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// `title` as an id part: lower case without accents, letters and digits,
/// the words joined by `sep`, at most `max` bytes.
pub fn slug(title: &str, sep: char, max: usize) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
        }
        if out.len() >= max {
            break;
        }
    }
    out.trim_matches(sep).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_and_many() {
        assert_eq!(super::count(1, "gegeven", "gegevens"), "1 gegeven");
        assert_eq!(super::count(0, "gegeven", "gegevens"), "0 gegevens");
        assert_eq!(super::count(7, "gegeven", "gegevens"), "7 gegevens");
    }

    #[test]
    fn shorten_cuts_with_an_ellipsis() {
        assert_eq!(super::shorten("abc", 5), "abc");
        assert_eq!(super::shorten("één twee drie", 6), "één t…");
        assert_eq!(super::shorten("één  twee", 5), "één…");
    }
}
