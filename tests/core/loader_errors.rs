//! Bad scenario files give clear errors with file:line:col — through the
//! library and through `ketensim check` (exit code 1).

use std::path::Path;
use std::process::Command;

use ketensim::core::diag::Pos;
use ketensim::core::scenario::{load_file, load_str};

use crate::common::ketensim;

fn check(path: &str) -> (i32, String) {
    let out = ketensim()
        .args(["check", path])
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

#[test]
fn a_script_step_that_can_never_run_is_an_error_at_the_step() {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let line_col = |text: &str, needle: &str| {
        let line = text.lines().position(|l| l.contains(needle)).unwrap();
        let col = text.lines().nth(line).unwrap().find("do:").unwrap();
        (line + 1, col + 1)
    };
    // A share into a meeting with `to` filled in.
    let text = src.replace(
        r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
        r#"do: Share(facts: ["f2"], to: ["a"], channel: "overleg", ground: "taak")"#,
    );
    let err = load_str(Path::new("x.ron"), &text).unwrap_err();
    let d = err
        .0
        .iter()
        .find(|d| d.message.starts_with("script step 1 of `b` can never run"))
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(
        d.message,
        "script step 1 of `b` can never run: it names recipients (`to`) in meeting `overleg`"
    );
    let (line, col) = line_col(&text, r#"channel: "overleg", ground"#);
    assert_eq!(d.pos, Pos { line, col });
    assert!(d.hint.as_deref().unwrap_or("").contains("leave `to` empty"));

    // A scripted role sharing into a meeting it is not a member of; its
    // second step is reported, not its first.
    let text = src.replace(
        r#"briefing: "Ontvangt meldingen."),"#,
        r#"briefing: "Ontvangt meldingen.",
            script: [
                (when: Always, do: Flag(fact: "d1", form: Labour)),
                (when: Knows(role: "c", fact: "f1"), do: Share(facts: ["f1"], channel: "overleg", ground: "taak")),
            ]),"#,
    );
    let err = load_str(Path::new("x.ron"), &text).unwrap_err();
    let d = err
        .0
        .iter()
        .find(|d| d.message.contains("of `c` can never run"))
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(
        d.message,
        "script step 2 of `c` can never run: `c` is no member of meeting `overleg`"
    );
    let (line, col) = line_col(&text, r#"channel: "overleg", ground"#);
    assert_eq!(d.pos, Pos { line, col });
    assert!(d.hint.as_deref().unwrap_or("").contains("`a`, `b`"), "{d}");

    // Other steps the engine always refuses.
    let cases = [
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "melding", ground: "taak")"#,
            "script step 1 of `b` can never run: `a` cannot receive through `melding`",
        ),
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Share(facts: ["f2"], to: [], channel: "mail", ground: "taak")"#,
            "script step 1 of `b` can never run: it names no recipient for `mail`",
        ),
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Share(facts: ["f2"], to: ["b"], channel: "mail", ground: "taak")"#,
            "script step 1 of `b` can never run: `b` shares with itself",
        ),
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Talk(talk: "gesprek")"#,
            "script step 1 of `b` can never run: talk `gesprek` is held by `a`",
        ),
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Decide(decision: "dec1", option: "x")"#,
            "script step 1 of `b` can never run: decision `dec1` is taken by `a`",
        ),
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Convene(channel: "overleg")"#,
            "script step 1 of `b` can never run: `overleg` is no meeting that can be convened",
        ),
        (
            r#"do: Share(facts: ["f2"], to: ["a"], channel: "mail", ground: "taak")"#,
            r#"do: Advance"#,
            "script step 1 of `b` can never run: a script cannot end the day-part",
        ),
    ];
    for (from, to, want) in cases {
        assert!(src.contains(from));
        let text = src.replace(from, to);
        let err = load_str(Path::new("x.ron"), &text).unwrap_err();
        assert!(
            err.0.iter().any(|d| d.message == want && d.pos.line == 22),
            "expected `{want}` at line 22, got:\n{err}"
        );
    }
    // And through `check`, with the line.
    let dir = std::env::temp_dir().join(format!("ketensim-step-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x.ron"),
        src.replace(
            r#"channel: "mail", ground: "taak")"#,
            r#"channel: "overleg", ground: "taak")"#,
        ),
    )
    .unwrap();
    let (code, out) = check(dir.join("x.ron").to_str().unwrap());
    assert_eq!(code, 1);
    assert!(
        out.contains("x.ron:22:21: error: script step 1 of `b` can never run"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_quote_inside_a_text_and_a_list_for_one_value_are_explained() {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    // An unescaped `"` inside a text.
    let text = src.replace(r#"text: "Signaal bij A.""#, r#"text: "Signaal bij "A".""#);
    let err = load_str(Path::new("x.ron"), &text).unwrap_err();
    let d = &err.0[0];
    assert!(d.message.contains("a `\"` ended the text here"), "{d}");
    assert!(d.hint.as_deref().unwrap_or("").contains(r#"`\"`"#), "{d}");
    // A missing comma between two fields is still a missing comma.
    let text = src.replace(r#"(id: "f1", text:"#, r#"(id: "f1" text:"#);
    let d = &load_str(Path::new("x.ron"), &text).unwrap_err().0[0];
    assert_eq!(d.message, "expected a comma", "{d}");
    assert!(!d.hint.as_deref().unwrap_or("").contains(r#"\""#), "{d}");

    // A talk with a list of subjects.
    let text = src.replace(r#"subject: "p1", when"#, r#"subject: ["p1", "p2"], when"#);
    let d = &load_str(Path::new("x.ron"), &text).unwrap_err().0[0];
    assert_eq!(d.message, "a talk has exactly one `subject`, not a list");
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains(r#"`subject: "p1"`"#),
        "{d}"
    );
    let line = text.lines().nth(d.pos.line - 1).unwrap();
    assert_eq!(line.chars().nth(d.pos.col - 1), Some('['), "{d}");
    // Generalised: any field that takes one value.
    let text = src.replace(r#"(id: "i2", to: "b","#, r#"(id: "i2", to: ["b"],"#);
    let d = &load_str(Path::new("x.ron"), &text).unwrap_err().0[0];
    assert_eq!(d.message, "an inject has exactly one `to`, not a list");
    // And the other way round: a list written as one value.
    let text = src.replace(r#"known_by: ["b"]"#, r#"known_by: "b""#);
    let d = &load_str(Path::new("x.ron"), &text).unwrap_err().0[0];
    assert_eq!(d.message, "`known_by` takes a list");
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains(r#"`known_by: ["b"]`"#),
        "{d}"
    );
}

#[test]
fn report_without_a_scenario_folder_says_so_once() {
    let dir = std::env::temp_dir().join(format!("ketensim-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("s.session.ron");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_ketensim"))
        .args(["play", "--role", "a", "--answers"])
        .arg(root.join("tests/fixtures/mini-expert.answers.ron"))
        .arg("--log")
        .arg(&log)
        .arg(root.join("tests/fixtures/mini.ron"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // In a folder without `scenarios/` and without --scenario.
    let out = Command::new(env!("CARGO_BIN_EXE_ketensim"))
        .args(["report", "s.session.ron"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr.lines().filter(|l| l.contains(": error: ")).count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "s.session.ron:1:1: error: no matching scenario for this session log (`mini`)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: there is no folder `scenarios` here"),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot read file"), "{stderr}");
    // With the scenario it works, and says nothing on standard error.
    let out = Command::new(env!("CARGO_BIN_EXE_ketensim"))
        .args(["report", "s.session.ron", "--format", "json", "--scenario"])
        .arg(root.join("tests/fixtures/mini.ron"))
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"scenario\""));
    std::fs::remove_dir_all(&dir).ok();
}
