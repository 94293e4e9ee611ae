//! Test plans: `check` plays each case and reports, at the case's line,
//! every expectation that does not hold.

use std::path::{Path, PathBuf};

use ketensim::cli::check::check_all;
use ketensim::cli::testplan::TestPlan;
use ketensim::core::diag::Diagnostic;

use crate::common::{SEM, ketensim, play_args};

#[test]
fn every_bundled_plan_passes() {
    let (diags, files, cases) = check_all(&[PathBuf::from("scenarios")]);
    // Every scenario has a plan, and every case of every plan ran.
    let mut scenarios = 0;
    let mut planned = 0;
    for entry in std::fs::read_dir("scenarios").unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".tests.ron") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let plan: TestPlan = ketensim::core::scenario::load::parse_ron(&entry.path(), &text)
                .unwrap_or_else(|d| panic!("{d}"));
            planned += plan.cases.len();
        } else if name.ends_with(".ron") && !name.ends_with(".session.ron") {
            scenarios += 1;
        }
    }
    assert_eq!(files, scenarios);
    assert!(planned >= scenarios, "a plan per scenario");
    assert_eq!(cases, planned);
    assert_eq!(diags.errors().count(), 0, "{diags}");
    // What a plan says: nothing but the old spelling of a competency
    // (until the plans are converted).
    let plan_notes: Vec<&Diagnostic> = diags
        .0
        .iter()
        .filter(|d| d.file.to_string_lossy().ends_with(".tests.ron"))
        .collect();
    assert!(
        plan_notes
            .iter()
            .all(|d| d.message.contains("is the old spelling of a competency")),
        "{diags}"
    );
}

/// Copies the mini fixture (with `scenario_edit` applied) and its expert
/// answers into a fresh folder, writes `plan` beside them and runs
/// `check`. Returns every diagnostic of the plan and the cases run.
fn run_plan(name: &str, scenario_edit: (&str, &str), plan: &str) -> (Vec<Diagnostic>, usize) {
    let dir = std::env::temp_dir().join(format!("ketensim-plan-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    assert!(src.contains(scenario_edit.0));
    std::fs::write(
        dir.join("mini.ron"),
        src.replace(scenario_edit.0, scenario_edit.1),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/mini-expert.answers.ron",
        dir.join("expert.answers.ron"),
    )
    .unwrap();
    std::fs::write(dir.join("mini.tests.ron"), plan).unwrap();
    let (diags, _, cases) = check_all(&[dir.join("mini.ron")]);
    std::fs::remove_dir_all(&dir).ok();
    let mine = diags
        .0
        .into_iter()
        .filter(|d| d.file.to_string_lossy().ends_with("mini.tests.ron"))
        .collect();
    (mine, cases)
}

/// The mini scenario with a competency of its own on the expert option.
const KETENREGIE: (&str, &str) = (
    "points: {Signalering: 2, Tijdigheid: 1}",
    r#"points: {Signalering: 2, Tijdigheid: 1, Custom("Ketenregie"): 1}"#,
);

#[test]
fn competencies_are_spelled_as_in_points() {
    let plan = r#"TestPlan(
    scenario: "mini",
    cases: [
        (name: "expert", answers: "expert.answers.ron", role: Some("a"),
         expect: (outcome: Some("goed"), scores: {Signalering: (3, 3), Tijdigheid: (1, 1), Custom("Ketenregie"): (1, 1), "totaal": (5, 5)})),
        (name: "te streng", answers: "expert.answers.ron", role: Some("a"),
         expect: (scores: {Signalering: (4, 9), Custom("Ketenregie"): (2, 2)})),
    ],
)
"#;
    let (diags, cases) = run_plan("spelling", KETENREGIE, plan);
    assert_eq!(cases, 2);
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    // The first case passes; the second fails on both, named as written.
    assert_eq!(diags.len(), 2, "{all:#?}");
    // At the failing case's line.
    assert!(
        all.iter().all(|d| d.contains("mini.tests.ron:6:16:")),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|d| d.contains("test `te streng`: a scores 3 on `Signalering`, expected 4..=9")),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|d| d.contains(r#"a scores 1 on `Custom("Ketenregie")`, expected 2..=2"#)),
        "{all:#?}"
    );
}

#[test]
fn the_old_spelling_is_read_with_a_warning() {
    let plan = r#"TestPlan(
    scenario: "mini",
    cases: [
        (name: "expert", answers: "expert.answers.ron", role: Some("a"),
         expect: (scores: {"signalering": (3, 3), "rechtmatig_delen": (0, 0), "Ketenregie": (1, 1), "totaal": (5, 5)})),
    ],
)
"#;
    let (diags, _) = run_plan("old", KETENREGIE, plan);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let warnings: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    let line5 = plan.lines().nth(4).unwrap();
    for (old, new) in [
        (r#""signalering""#, "Signalering"),
        (r#""rechtmatig_delen""#, "RechtmatigDelen"),
        (r#""Ketenregie""#, r#"Custom("Ketenregie")"#),
    ] {
        let col = line5.find(old).unwrap() + 1;
        let want = format!(
            "mini.tests.ron:5:{col}: warning: test `expert`: `{old}` is the old spelling of a competency in a test plan; write `{new}` (as the scenario's `points` do)"
        );
        assert!(
            warnings.iter().any(|w| w.contains(&want)),
            "{want}\n{warnings:#?}"
        );
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("hint: write `RechtmatigDelen: (0, 0)`")),
        "{warnings:#?}"
    );
}

#[test]
fn unknown_ids_are_errors_at_their_position_with_a_suggestion() {
    let plan = r#"TestPlan(
    scenario: "mini",
    cases: [
        (name: "tikfouten", answers: "expert.answers.ron", role: Some("a"),
         expect: (
             outcome: Some("goedd"),
             scores: {RechtmatigDeleen: (0, 0), Custom("Ketenrgie"): (0, 1), "totaall": (0, 9), "onzin_competentie": (0, 1)},
             feedback: ["dec11", "compleet_onbekend"],
         )),
    ],
)
"#;
    let (diags, cases) = run_plan("unknown", KETENREGIE, plan);
    assert_eq!(cases, 1);
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    // The line and column of `needle` in the plan.
    let at = |needle: &str| {
        let line = plan.lines().position(|l| l.contains(needle)).unwrap();
        (
            line + 1,
            plan.lines().nth(line).unwrap().find(needle).unwrap() + 1,
        )
    };
    for (needle, message, hint) in [
        (
            r#""goedd""#,
            "unknown outcome `goedd`",
            "did you mean `goed`?",
        ),
        (
            "RechtmatigDeleen",
            "unknown competency `RechtmatigDeleen` in `scores`",
            "did you mean `RechtmatigDelen`?",
        ),
        (
            r#""Ketenrgie""#,
            r#"unknown competency `Custom("Ketenrgie")` in `scores`"#,
            r#"did you mean `Custom("Ketenregie")`?"#,
        ),
        (
            r#""totaall""#,
            r#"unknown competency `"totaall"` in `scores`"#,
            r#"did you mean `"totaal"`?"#,
        ),
        (
            r#""onzin_competentie""#,
            r#"unknown competency `"onzin_competentie"` in `scores`"#,
            r#"the scenario's competencies, as its `points` write them: Signalering, RechtmatigDelen, Proportionaliteit, Samenwerking, Tijdigheid, Slachtoffergerichtheid, Custom("Ketenregie"), "totaal""#,
        ),
        (
            r#""dec11""#,
            "unknown id `dec11` in `feedback`",
            "did you mean `dec1`?",
        ),
        (
            r#""compleet_onbekend""#,
            "unknown id `compleet_onbekend` in `feedback`",
            "`feedback` names the ids of facts",
        ),
    ] {
        let (line, col) = at(needle);
        let want = format!("mini.tests.ron:{line}:{col}: error: test `tikfouten`: {message}");
        let d = all
            .iter()
            .find(|d| d.contains(&want))
            .unwrap_or_else(|| panic!("no `{want}` in {all:#?}"));
        assert!(d.contains(&format!("hint: {hint}")), "{d}");
    }
    // No ordinary failures on top: what is unknown is not compared.
    assert_eq!(diags.len(), 7, "{all:#?}");
    assert!(!all.iter().any(|d| d.contains("outcome is")), "{all:#?}");

    // An unknown role, too.
    let plan = r#"TestPlan(
    scenario: "mini",
    cases: [
        (name: "rol", answers: "expert.answers.ron", role: Some("aa"), expect: ()),
    ],
)
"#;
    let (diags, _) = run_plan("role", KETENREGIE, plan);
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        all.len() == 1
            && all[0].contains("mini.tests.ron:4:65: error: test `rol`: unknown role `aa`")
            && all[0].contains("did you mean `a`?"),
        "{all:#?}"
    );
}

#[test]
fn play_prints_the_transcript_up_to_a_refused_step_and_waits_in_one_language() {
    let dir = std::env::temp_dir().join(format!("ketensim-refused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The second step decides before the decision is open.
    let answers = dir.join("a.answers.ron");
    std::fs::write(
        &answers,
        "Answers(\n    seed: 3,\n    steps: [\n        Flag(fact: \"f1\", form: Criminal),\n        Decide(decision: \"dec1\", option: \"x\"),\n    ],\n)\n",
    )
    .unwrap();
    let out = ketensim()
        .args([
            "play",
            "tests/fixtures/mini.ron",
            "--role",
            "a",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    // What happened before the refused step...
    assert!(
        stdout.contains("Rol A markeert `f1` als signaal van criminele uitbuiting"),
        "{stdout}"
    );
    assert!(!stdout.contains("kiest bij `dec1`"), "{stdout}");
    // ... then why it was refused.
    assert!(
        stderr.contains("a.answers.ron:5:9: error: step 2 (a) cannot be played: decision `dec1` is not open for this role"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();

    // A script step that waits: the whole line in Dutch.
    let result = ketensim::cli::play::play(&play_args(
        SEM,
        Some("politie"),
        "scenarios/answers/sem-politie-expert.answers.ron",
    ))
    .unwrap();
    let waiting: Vec<&str> = result
        .transcript
        .lines()
        .filter(|l| l.contains("(stap ") && l.contains(") wacht: "))
        .collect();
    assert!(!waiting.is_empty(), "{}", result.transcript);
    for l in &waiting {
        for english in ["is not", "does not", "cannot", "next sitting", "meeting `"] {
            assert!(!l.contains(english), "{l}");
        }
    }
    assert!(
        waiting
            .iter()
            .any(|l| l.contains("zit nu niet (volgende zitting: ")),
        "{waiting:#?}"
    );
    assert!(Path::new("scenarios").is_dir());
}

#[test]
fn a_failing_case_is_reported_at_its_line() {
    let dir = std::env::temp_dir().join(format!("ketensim-plan-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    std::fs::copy(
        "scenarios/criminele-uitbuiting-sem.ron",
        dir.join("sem.ron"),
    )
    .unwrap();
    std::fs::copy(
        "scenarios/answers/sem-politie-poor.answers.ron",
        dir.join("answers/poor.answers.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.join("sem.tests.ron"),
        r#"TestPlan(
    scenario: "criminele-uitbuiting-sem",
    cases: [
        (name: "te optimistisch", answers: "answers/poor.answers.ron", role: Some("politie"),
         expect: (outcome: Some("goed"), maximum: true, scores: {"signalering": (10, 20)}, feedback: ["o_vervolgen", "o_triage"])),
    ],
)
"#,
    )
    .unwrap();
    let (diags, _, cases) = check_all(&[dir.join("sem.ron")]);
    assert_eq!(cases, 1);
    let errors: Vec<String> = diags.errors().map(|d| d.to_string()).collect();
    let all = errors.join("\n");
    assert!(all.contains("sem.tests.ron:4:"), "{all}");
    assert!(
        all.contains("outcome is `slecht`, expected `goed`"),
        "{all}"
    );
    assert!(all.contains("expected the maximum"), "{all}");
    assert!(all.contains("on `signalering`, expected 10..=20"), "{all}");
    // The expert option is no mistake; prosecuting is.
    assert!(all.contains("does not name `o_triage`"), "{all}");
    assert!(!all.contains("`o_vervolgen`"), "{all}");
    std::fs::remove_dir_all(&dir).ok();
}
