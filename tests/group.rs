//! The group debrief of a training day: the `pictures` construct and its
//! checks, the chain timeline (first holder and first flag of every
//! signal, when a picture was first held against the expert path), the
//! trainer's observations at their moments, per-role scores equal to the
//! single evaluation, the discussion questions from the trainer note, and
//! the group HTML and CSV.

use std::path::Path;

use ketensim::core::scenario::{load_file, load_str};

const PICTURE: &str = "tests/fixtures/picture.ron";

fn fixture_text() -> String {
    std::fs::read_to_string(PICTURE).expect("fixture")
}

/// Loads the fixture with `from` replaced by `to`; the error and warning
/// messages.
fn messages_with(from: &str, to: &str) -> Vec<String> {
    let text = fixture_text();
    assert!(text.contains(from), "fixture has {from}");
    let text = text.replacen(from, to, 1);
    match load_str(Path::new("picture.ron"), &text) {
        Ok(l) => l.warnings.iter().map(|d| d.to_string()).collect(),
        Err(d) => d.0.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn pictures_compile_with_their_default() {
    let loaded = load_file(Path::new(PICTURE)).expect("the fixture is valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = &loaded.compiled;
    assert_eq!(c.pictures.len(), 2);
    // `at_least` left out: all facts.
    assert_eq!(c.pictures[0].at_least, 2);
    assert_eq!(
        c.pictures[0].facts,
        vec![c.ids.facts["f1"], c.ids.facts["f2"]]
    );
    assert_eq!(
        c.pictures[0].roles,
        vec![c.ids.roles["a"], c.ids.roles["b"]]
    );
    assert_eq!(c.pictures[1].at_least, 2);
    assert_eq!(c.pictures[1].facts.len(), 3);
    assert_eq!(c.ids.pictures["p_bij_a"], 1);
}

#[test]
fn pictures_are_checked() {
    let m = messages_with("facts: [\"f1\", \"f2\"],", "facts: [\"f1\", \"f9\"],");
    assert!(
        m.iter()
            .any(|x| x.contains("unknown fact `f9` in picture `p_beeld`")),
        "{m:?}"
    );
    let m = messages_with("roles: [\"a\", \"b\"],", "roles: [\"a\", \"x\"],");
    assert!(
        m.iter()
            .any(|x| x.contains("unknown role `x` in picture `p_beeld`")),
        "{m:?}"
    );
    let m = messages_with("at_least: 2,", "at_least: 4,");
    assert!(
        m.iter()
            .any(|x| x.contains("picture `p_bij_a` asks for `at_least: 4` of its 3 facts")),
        "{m:?}"
    );
    let m = messages_with("at_least: 2,", "at_least: 0,");
    assert!(m.iter().any(|x| x.contains("`at_least: 0`")), "{m:?}");
    let m = messages_with("roles: [\"a\", \"b\"],", "roles: [],");
    assert!(
        m.iter()
            .any(|x| x.contains("picture `p_beeld` names no role that could act on it")),
        "{m:?}"
    );
    let m = messages_with("facts: [\"f1\", \"f2\"],", "facts: [],");
    assert!(
        m.iter()
            .any(|x| x.contains("picture `p_beeld` lists no facts")),
        "{m:?}"
    );
    let m = messages_with(
        "facts: [\"f1\", \"f2\"],",
        "facts: [\"f1\", \"f2\", \"f1\"],",
    );
    assert!(
        m.iter()
            .any(|x| x.contains("warning: picture `p_beeld` lists fact `f1` twice")),
        "{m:?}"
    );
    let m = messages_with("id: \"p_bij_a\"", "id: \"p_beeld\"");
    assert!(
        m.iter()
            .any(|x| x.contains("duplicate picture id `p_beeld`")),
        "{m:?}"
    );
}
