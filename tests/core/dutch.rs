//! The checker's messages in Dutch for the editor (`authoring::dutch`):
//! the table matches the checker's source text for text, the RON reader's
//! messages it lists are the ones the reader writes, and a problem in the
//! editor reads as Dutch, values and all.

use std::collections::BTreeSet;
use std::path::Path;

use ketensim::core::authoring::Document;
use ketensim::core::authoring::dutch::{PHRASES, RON_PHRASES, fits, for_editor, translate};
use ketensim::core::scenario::load::ron_options;

/// The files whose texts reach the editor's problem list.
const CHECKER: &[&str] = &[
    "src/core/scenario/validate.rs",
    "src/core/scenario/compile.rs",
    "src/core/scenario/load.rs",
    "src/core/eval/lint.rs",
    "src/core/fairness.rs",
    "src/core/scenario/privacy.rs",
    "src/core/library.rs",
];

/// Literals in those files that are not shown to an author: the kinds of
/// items (translated as nouns) and lint attributes' reasons.
const NOT_MESSAGES: &[&str] = &["consent request"];

/// The string literals of Rust source `src` outside its tests, comments,
/// char literals and attribute reasons, unescaped, with their line.
fn literals(src: &str) -> Vec<(usize, String)> {
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let c = b[i];
        let rest: String = b[i..(i + 2).min(b.len())].iter().collect();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if rest == "//" {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '\'' {
            // A char literal ('"', '\'', '\n', 'x'), or a lifetime.
            if b.get(i + 1) == Some(&'\\') {
                i += 3;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == '"' {
            let start_line = line;
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    match b.get(i + 1) {
                        Some('n') => s.push('\n'),
                        Some('\n') => {
                            // A line continuation: skip the next line's
                            // leading spaces.
                            line += 1;
                            i += 2;
                            while i < b.len() && b[i].is_whitespace() {
                                i += 1;
                            }
                            continue;
                        }
                        Some(x) => s.push(*x),
                        None => {}
                    }
                    i += 2;
                } else {
                    if b[i] == '\n' {
                        line += 1;
                    }
                    s.push(b[i]);
                    i += 1;
                }
            }
            i += 1;
            let before: String = b[..i.saturating_sub(s.len() + 2)]
                .iter()
                .rev()
                .take(12)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !before.trim_end().ends_with("reason =") {
                out.push((start_line, s));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Every text of the checker that could reach an author: literals with a
/// space and a letter.
fn checker_texts() -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for file in CHECKER {
        let src = std::fs::read_to_string(file).unwrap();
        for (line, s) in literals(&src) {
            if s.contains(' ') && s.chars().any(|c| c.is_ascii_alphabetic()) {
                out.push((file.to_string(), line, s));
            }
        }
    }
    out
}

#[test]
fn the_table_holds_every_text_of_the_checker_and_nothing_else() {
    let texts = checker_texts();
    // The scan finds what it should (a check that would pass on an empty
    // scan is no check).
    assert!(texts.len() > 200, "{} texts", texts.len());
    assert!(texts.iter().any(|(_, _, s)| s == "no role is playable"));
    let table: BTreeSet<&str> = PHRASES.iter().map(|(en, _)| *en).collect();
    assert_eq!(table.len(), PHRASES.len(), "a text is in the table twice");
    let missing: Vec<String> = texts
        .iter()
        .filter(|(_, _, s)| !table.contains(s.as_str()) && !NOT_MESSAGES.contains(&s.as_str()))
        .map(|(f, l, s)| format!("{f}:{l}: {s}"))
        .collect();
    assert!(
        missing.is_empty(),
        "texts of the checker without Dutch in `authoring::dutch::PHRASES`:\n{}",
        missing.join("\n")
    );
    let found: BTreeSet<&str> = texts.iter().map(|(_, _, s)| s.as_str()).collect();
    let stale: Vec<&&str> = table.iter().filter(|en| !found.contains(**en)).collect();
    assert!(
        stale.is_empty(),
        "lines of the table that the checker no longer writes: {stale:?}"
    );
    // Every Dutch line uses each value it has, and no other.
    for (en, nl) in PHRASES {
        let values = en
            .split('{')
            .skip(1)
            .filter(|p| {
                p.split('}').next().is_some_and(|n| {
                    n.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_:?".contains(c))
                })
            })
            .count();
        for n in 1..=values {
            assert!(
                nl.contains(&format!("{{{n}}}")),
                "`{nl}` leaves out value {n} of `{en}`"
            );
        }
        assert!(
            !nl.contains(&format!("{{{}}}", values + 1)),
            "`{nl}` uses a value `{en}` does not have"
        );
        assert_ne!(en, nl, "not translated: {en}");
    }
}

#[test]
fn the_ron_readers_messages_in_the_table_are_the_ones_it_writes() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct S {
        a: u8,
        b: Vec<u8>,
        c: bool,
        d: f32,
        e: std::collections::BTreeMap<u8, u8>,
        f: String,
        #[serde(default)]
        g: Option<(u8, u8)>,
    }
    let inputs = [
        "(a: 1, b: [1], c: true, d: 1.0, e: {1: 1}, f: \"x\"",
        "(a: 1, b: 1, c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [1 2], c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [1, c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [], c: 7, d: 1.0, e: {}, f: \"\")",
        "(a: 1 b: [], c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [], c: true, d: x, e: {}, f: \"\")",
        "(a: x, b: [], c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [], c: true, d: 1.0, e: 1, f: \"\")",
        "(a: 1, b: [], c: true, d: 1.0, e: {1 1}, f: \"\")",
        "(a: 1, b: [], c: true, d: 1.0, e: {1: 1, f: \"\")",
        "1",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: 1)",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"x)",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, 1: \"\")",
        "(a: 300, b: [], c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\") x",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\") /* x",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", %)",
        "(a: 1, b: [",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"a\\u00e9\")",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"a\\qb\")",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\" /x)",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some((1, 2) 3))",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some((1, 2 3)))",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some((1, 2, 3)))",
        "(a: 1, b: [], c: true, d: 1.0, e: {1: 2 3}, f: \"\")",
        "(a: 1, b: [1,,], c: true, d: 1.0, e: {}, f: \"\")",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some(1))",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some(x))",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: 5)",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\" g: None)",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some((1, 2))",
        "(a: 1, b: [], c: true, d: 1.0, e: {}, f: \"\", g: Some((1 2)))",
    ];
    let mut written = BTreeSet::new();
    for input in inputs {
        let e = ron_options().from_str::<S>(input).unwrap_err();
        written.insert(e.code.to_string());
    }
    for (en, _) in RON_PHRASES {
        assert!(
            written.iter().any(|w| fits(en, w)),
            "the reader never wrote `{en}`; it wrote: {written:#?}"
        );
    }
    // And what it wrote reads as Dutch.
    for w in &written {
        assert!(translate(w).is_some(), "no Dutch for the reader's `{w}`");
    }
}

#[test]
fn messages_read_as_dutch_with_their_values() {
    // A value that is a phrase of the checker is translated in its turn;
    // a kind of item is a Dutch noun; ids stay as they are.
    assert_eq!(
        translate("unknown fact `f_x` in option `o_a` of decision `d_b`").as_deref(),
        Some(
            "optie `o_a` van beslissing `d_b` verwijst naar feit `f_x`, maar er is geen feit met dat id"
        )
    );
    assert_eq!(
        translate("unknown consent request `t_x` in sharing rule #3").as_deref(),
        Some(
            "deelregel nr. 3 verwijst naar toestemmingsvraag `t_x`, maar er is geen toestemmingsvraag met dat id"
        )
    );
    // The most specific template wins.
    assert_eq!(
        translate("decision `d_x` has no expert option, so a role played by script cannot take it")
            .as_deref(),
        Some(
            "beslissing `d_x` heeft geen deskundige keuze, dus een rol die het script speelt kan haar niet nemen"
        )
    );
    // A value that is empty.
    assert_eq!(
        translate("consent request `t_x` covers every fact about `p_sem` (`facts: []`)").as_deref(),
        Some("toestemmingsvraag `t_x` geldt voor alle feiten over `p_sem` (`facts: []`)")
    );
    // A nested phrase at the end.
    assert_eq!(
        translate(
            "script step 2 of `politie` can never run: `politie` is no member of meeting `c_mdo`"
        )
        .as_deref(),
        Some(
            "scriptstap 2 van `politie` kan nooit worden uitgevoerd: `politie` is geen lid van overleg `c_mdo`"
        )
    );
    // Field names with a label in the editor are written as that label.
    assert_eq!(
        for_editor("fact `f_x` is never known by any role"),
        "feit `f_x` is bij geen enkele rol ooit bekend"
    );
    assert_eq!(
        for_editor("add `known_by`, or reveal it from an inject, talk or rule"),
        "vul ‘Bekend bij’ in, of laat een inject, gesprek of regel het onthullen"
    );
    // A file that does not load, as the Start screen shows it: the place,
    // the line with a caret, in Dutch, field names as in the file.
    let text = "(\n    id: \"kapot\",\n    titel: \"x\",\n)\n";
    let d = ketensim::core::scenario::load_str(Path::new("kapot.ron"), text).unwrap_err();
    let shown = ketensim::core::authoring::dutch::report(&d);
    assert!(
        shown.starts_with("kapot.ron:3:5: fout: onbekend veld `titel`"),
        "{shown}"
    );
    assert!(shown.contains(" 3 |     titel: \"x\","), "{shown}");
    assert!(
        shown.contains("\n    tip: verwacht een van: `id`"),
        "{shown}"
    );
    assert_eq!(
        for_editor("option `o_a` of decision `d_b` has no feedback"),
        "optie `o_a` van beslissing `d_b` heeft geen terugkoppeling"
    );
    assert!(
        for_editor("write `feedback:` explaining why this choice is right or wrong, with the rule")
            .starts_with("schrijf bij ‘Terugkoppeling’ waarom"),
    );
    // A list of the case is named as in the outline where an item is to
    // be added to it, and stays a field elsewhere.
    assert!(
        for_editor("add a fact with this id under `facts`, or correct the reference")
            .starts_with("voeg onder ‘Feiten’ een feit met dit id toe")
    );
    assert_eq!(
        for_editor("list the facts to share in `facts`"),
        "noem de te delen feiten bij `facts`"
    );
    // What the table does not know stays as it was.
    assert_eq!(translate("something else entirely"), None);
    assert_eq!(
        for_editor("something else entirely"),
        "something else entirely"
    );
}

#[test]
fn the_editor_lists_the_problems_of_a_case_in_dutch() {
    let path = Path::new("scenarios/criminele-uitbuiting-sem.ron");
    let mut doc = Document::open(path).unwrap();
    // A reference to a fact that does not exist, and a decision without an
    // expert option.
    let inject = doc.scenario().injects[0].id.clone();
    doc.edit("Tekst: Onthult", |s| {
        s.injects[0].reveals.push("f_bestaat_niet".into())
    });
    let p = doc
        .problems()
        .iter()
        .find(|p| p.error && p.message.contains("f_bestaat_niet"))
        .unwrap_or_else(|| panic!("{:?}", doc.problems()));
    assert_eq!(
        p.message,
        format!(
            "inject `{inject}` verwijst naar feit `f_bestaat_niet`, maar er is geen feit met dat id"
        )
    );
    let hint = p.hint.as_deref().unwrap();
    assert!(
        hint.starts_with("bedoelt u `") || hint.starts_with("voeg onder ‘Feiten’ een feit"),
        "{hint}"
    );
}

#[test]
fn a_ron_field_that_does_not_read_says_where_in_the_field_and_why_in_dutch() {
    use ketensim::core::authoring::form::set_field;
    let doc = Document::open(Path::new("scenarios/criminele-uitbuiting-sem.ron")).unwrap();
    let s = doc.scenario();
    let inject = s.injects[0].id.clone();
    let path = vec![("injects".to_string(), inject)];
    // A comma is missing before `fact` (character 25 of the value).
    let typed = "Knows(role: \"politie\" fact: \"f_x\")";
    let why = set_field(s, &path, "when", Some(typed)).unwrap_err();
    assert!(
        why.starts_with("past niet (bij teken 23): hier hoort een komma"),
        "{why}"
    );
    // A misspelt condition: the place and the words it could be.
    let why = set_field(
        s,
        &path,
        "when",
        Some("Knws(role: \"politie\", fact: \"f_x\")"),
    )
    .unwrap_err();
    assert!(
        why.starts_with("past niet (bij teken 1): onbekende waarde `Knws`"),
        "{why}"
    );
    assert!(
        why.contains("verwacht een van: ") && why.contains("`Knows`"),
        "{why}"
    );
    // Over more lines: line and character.
    let why = set_field(
        s,
        &path,
        "when",
        Some("All([\n  Always,\n  Knows(role: \"politie\")\n])"),
    )
    .unwrap_err();
    assert!(why.starts_with("past niet (regel 3, teken "), "{why}");
    assert!(why.contains("veld `fact` ontbreekt"), "{why}");
}
