//! Bad scenario files give clear errors with file:line:col — through the
//! library and through `ketensim check` (exit code 1).

use std::path::Path;
use std::process::Command;

use ketensim::core::diag::Pos;
use ketensim::core::scenario::{load_file, load_str};

fn check(path: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ketensim"))
        .args(["check", path])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run ketensim check");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn valid_fixture_loads() {
    let loaded = load_file(Path::new("tests/fixtures/mini.ron")).expect("mini.ron is valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let (code, out) = check("tests/fixtures/mini.ron");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s)"), "{out}");
}

#[test]
fn syntax_error_has_position() {
    let err = load_file(Path::new("tests/fixtures/broken-syntax.ron")).unwrap_err();
    assert_eq!(err.0.len(), 1);
    let d = &err.0[0];
    // The comma after `duration_minutes: 10` is missing; ron notices at
    // the next field.
    assert_eq!(d.pos, Pos { line: 10, col: 5 });
    assert!(d.message.contains("comma"), "{d}");
    let (code, out) = check("tests/fixtures/broken-syntax.ron");
    assert_eq!(code, 1);
    assert!(
        out.contains("tests/fixtures/broken-syntax.ron:10:5: error: expected a comma"),
        "{out}"
    );
}

#[test]
fn dangling_reference_has_position_and_suggestion() {
    let err = load_file(Path::new("tests/fixtures/dangling.ron")).unwrap_err();
    assert_eq!(err.0.len(), 1, "{err}");
    let d = &err.0[0];
    assert_eq!(d.message, "unknown fact `f33` in inject `i1`");
    assert_eq!(d.pos.line, 67);
    let line = std::fs::read_to_string("tests/fixtures/dangling.ron").unwrap();
    let line67: Vec<char> = line.lines().nth(66).unwrap().chars().collect();
    let at: String = line67[d.pos.col - 1..d.pos.col + 4].iter().collect();
    assert_eq!(at, "\"f33\"", "column points at the literal");
    assert!(d.hint.as_deref().unwrap_or("").contains("`f3`"));
    let (code, out) = check("tests/fixtures/dangling.ron");
    assert_eq!(code, 1);
    assert!(out.contains(&format!(
        "dangling.ron:67:{}: error: unknown fact `f33`",
        d.pos.col
    )));
}

#[test]
fn duplicate_id_points_at_second_definition() {
    let err = load_file(Path::new("tests/fixtures/duplicate.ron")).unwrap_err();
    let dup = err
        .0
        .iter()
        .find(|d| d.message == "duplicate fact id `d2`")
        .expect("duplicate reported");
    assert_eq!(dup.pos, Pos { line: 37, col: 14 });
    let (code, out) = check("tests/fixtures/duplicate.ron");
    assert_eq!(code, 1);
    assert!(
        out.contains("duplicate.ron:37:14: error: duplicate fact id `d2`"),
        "{out}"
    );
}

#[test]
fn all_problems_in_one_run() {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let bad = src
        .replace(
            "to: \"b\", title: \"Verband\"",
            "to: \"bb\", title: \"Verband\"",
        )
        .replace("feedback: \"Fout.\"", "feedback: \"\"")
        .replace("briefing: \"Jij bent B.\"", "briefing: \"\"")
        .replace(
            "(id: \"d1\", text: \"Ruis 1.\")",
            "(id: \"f1\", text: \"Ruis 1.\")",
        );
    let err = load_str(Path::new("x.ron"), &bad).unwrap_err();
    let messages: Vec<&str> = err.0.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(&"unknown role `bb` in inject `i2`"),
        "{messages:?}"
    );
    assert!(messages.contains(&"duplicate fact id `f1`"), "{messages:?}");
    // Semantic checks run once the references resolve.
    let bad2 = src
        .replace("feedback: \"Fout.\"", "feedback: \"\"")
        .replace("briefing: \"Jij bent B.\"", "briefing: \"\"");
    let err2 = load_str(Path::new("x.ron"), &bad2).unwrap_err();
    let m2: Vec<&str> = err2.0.iter().map(|d| d.message.as_str()).collect();
    assert!(
        m2.contains(&"option `y` of decision `dec1` has no feedback"),
        "{m2:?}"
    );
    assert!(m2.contains(&"playable role `b` has no briefing"), "{m2:?}");
}

#[test]
fn semantic_checks() {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let cases = [
        // A rule that waits for a fact nobody can ever know.
        (
            src.replace(
                "(id: \"d3\", text: \"Ruis 3.\"),",
                "(id: \"d3\", text: \"Ruis 3.\"), (id: \"nooit\", text: \"Onbekend.\"),",
            )
            .replace(
                "rules: [\n        (id: \"verband\"",
                "rules: [ (id: \"dood\", when: Knows(role: \"a\", fact: \"nooit\"), then: [Set(var: \"te_laat\", value: 2)]),\n        (id: \"verband\"",
            ),
            "rule `dood` can never fire",
        ),
        // A rule with a contradiction.
        (
            src.replace(
                "rules: [\n        (id: \"verband\"",
                "rules: [ (id: \"tegen\", when: All([Knows(role: \"a\", fact: \"f1\"), Not(Knows(role: \"a\", fact: \"f1\"))]), then: [Set(var: \"te_laat\", value: 2)]),\n        (id: \"verband\"",
            ),
            "rule `tegen` can never fire",
        ),
        // A decision nobody opens.
        (
            src.replace(
                "decisions: [",
                "decisions: [ (id: \"los\", role: \"a\", prompt: \"?\", options: [(id: \"p\", text: \"p\", expert: true, feedback: \"f\"), (id: \"q\", text: \"q\", feedback: \"f\")]),",
            ),
            "decision `los` is never opened",
        ),
        // A day-part that does not exist.
        (
            src.replace("at: (day: 1, part: \"middag\")", "at: (day: 1, part: \"nacht\")"),
            "unknown day-part `nacht` in inject `i1`",
        ),
        // A day beyond the clock.
        (
            src.replace("at: (day: 1, part: \"middag\")", "at: (day: 9, part: \"middag\")"),
            "day 9 in inject `i1` is outside the case clock (days 1 to 2)",
        ),
        // A pool that draws more than it has.
        (
            src.replace("facts: [\"d1\", \"d2\", \"d3\"], draw: 1", "facts: [\"d1\", \"d2\", \"d3\"], draw: 4"),
            "pool `ruis` draws 4 facts but lists only 3",
        ),
        // A meeting of one.
        (
            src.replace("kind: Meeting, always: true, members: [\"a\", \"b\"]", "kind: Meeting, always: true, members: [\"a\"]"),
            "meeting `overleg` needs at least two members",
        ),
        // Two expert options.
        (
            src.replace("(id: \"y\", text: \"Niets\",", "(id: \"y\", text: \"Niets\", expert: true,"),
            "decision `dec1` marks 2 options as expert",
        ),
        // No expert option: a scripted role could not decide.
        (
            src.replace("text: \"Melden\", expert: true,", "text: \"Melden\","),
            "decision `dec1` has no expert option",
        ),
        // An inject nothing delivers.
        (
            src.replace("effects: [Schedule(inject: \"i3\", after: 1)]", "effects: []")
                .replace("Delivered(inject: \"i3\")", "Decided(decision: \"dec1\")"),
            "inject `i3` is never delivered",
        ),
        // A convener who is not a member of the meeting.
        (
            src.replace("kind: Meeting, always: true, members: [\"a\", \"b\"]", "kind: Meeting, members: [\"a\", \"b\"], convene: (by: [\"c\"])"),
            "`c` may convene meeting `overleg` but is not a member",
        ),
        // Sittings on a channel that is not a meeting.
        (
            src.replace("(id: \"mail\", name: \"Beveiligde mail\", kind: Direct", "(id: \"mail\", name: \"Beveiligde mail\", kind: Direct, always: true"),
            "channel `mail` is not a meeting",
        ),
        // Consent about a minor without guardians.
        (
            src.replace("(id: \"p1\", name: \"Persoon Een\")", "(id: \"p1\", name: \"Persoon Een\", age: 14)")
                .replace("    injects: [", "    consents: [(id: \"c1\", role: \"a\", subject: \"p1\", text: \"Mag het?\", answers: [])],\n    injects: ["),
            "nobody can give consent request `c1`: `p1` is 14: under 16 the legal representative gives AVG consent, and `p1` has no `guardians`",
        ),
        // An unknown field.
        (
            src.replace("jitter: 1,", "jiter: 1,"),
            "unknown field `jiter`",
        ),
    ];
    for (text, expected) in cases {
        let err = load_str(Path::new("x.ron"), &text).unwrap_err();
        assert!(
            err.0
                .iter()
                .any(|d| d.message.starts_with(expected) && d.pos.line > 1),
            "expected `{expected}` with a position, got:\n{err}"
        );
    }
}

#[test]
fn check_walks_folders_and_reports_every_file() {
    let (code, out) = check("tests/fixtures");
    assert_eq!(code, 1);
    for f in ["broken-syntax.ron", "dangling.ron", "duplicate.ron"] {
        assert!(out.contains(f), "{f} missing in:\n{out}");
    }
    // Every scenario in the folder (the fixtures of other tests too).
    let scenarios = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.ends_with(".ron") && !n.ends_with(".answers.ron") && !n.ends_with(".tests.ron")
        })
        .count();
    assert!(scenarios >= 4);
    assert!(
        out.contains(&format!("{scenarios} scenario file(s) checked")),
        "{out}"
    );
}
