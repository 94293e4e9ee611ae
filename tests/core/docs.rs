//! The documentation's worked example is a real, valid scenario: the file
//! in `docs/examples/` is the one printed in `docs/scenario-format.md`, it
//! checks clean, and its answer file reaches the outcome the text promises.

use std::path::Path;

use ketensim::cli::play::play;
use ketensim::core::scenario::load_file;

use crate::common::{mini_with, play_args};

fn ron_blocks_after(doc: &str, heading: &str) -> Vec<String> {
    let start = doc.find(heading).expect("heading");
    doc[start..]
        .split("```ron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn worked_example_matches_the_files_and_plays() {
    let doc = std::fs::read_to_string("docs/scenario-format.md").unwrap();
    let blocks = ron_blocks_after(&doc, "## Worked example");
    let scenario = std::fs::read_to_string("docs/examples/voorbeeld-noor.ron").unwrap();
    let answers =
        std::fs::read_to_string("docs/examples/voorbeeld-noor-gemeente.answers.ron").unwrap();
    assert_eq!(
        blocks[0], scenario,
        "docs/examples/voorbeeld-noor.ron differs from the doc"
    );
    assert_eq!(
        blocks[1], answers,
        "the example answer file differs from the doc"
    );

    let loaded = load_file(Path::new("docs/examples/voorbeeld-noor.ron")).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let result = play(&play_args(
        "docs/examples/voorbeeld-noor.ron",
        Some("gemeente"),
        "docs/examples/voorbeeld-noor-gemeente.answers.ron",
    ))
    .unwrap();
    assert!(result.transcript.contains("rechtmatig"));
    assert!(
        result
            .transcript
            .contains("Regel `r_verband` treedt in werking")
    );
    assert!(
        result
            .transcript
            .ends_with("Einde van de casus: Noor krijgt hulp\n")
    );
    // What the doc says about its evaluation.
    let d = ketensim::core::eval::evaluate(result.session.scenario().clone(), result.session.log())
        .unwrap();
    let r = &d.roles[0];
    assert!(r.expectations[0].met && r.expectations[0].in_time == Some(true));
    let score = |id: &str| {
        let s = r.scores.iter().find(|s| s.id == id).unwrap();
        (s.earned, s.max)
    };
    assert_eq!(score("samenwerking"), (3, 3));
    assert_eq!(score("rechtmatig_delen"), (1, 1));
    assert_eq!(score("tijdigheid"), (1, 1));
    assert_eq!(score("signalering"), (0, 1));
    assert_eq!(r.signals[0].fact, "f_verzuim");
}

#[test]
fn doc_snippets_of_the_answer_format_parse() {
    let doc = std::fs::read_to_string("docs/answer-format.md").unwrap();
    let block = ron_blocks_after(&doc, "## Format").remove(0);
    let parsed = ketensim::core::answers::AnswerFile::parse(Path::new("answer-format.md"), &block)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(parsed.answers.steps.len(), 8);
}

#[test]
fn what_scenario_format_md_says_about_scripted_roles_injects_and_consults() {
    use ketensim::core::engine::Session;
    use ketensim::core::scenario::model::Act;
    let doc = std::fs::read_to_string("docs/scenario-format.md").unwrap();
    // The text with its line breaks as spaces.
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");

    // "it does **not** hold its talks … unless a script step does it": with
    // `a` unplayed, its talk `gesprek` (possible from Dag 1, middag) never
    // happens.
    assert!(doc.contains("does **not** hold its talks"));
    let c = mini_with(&[]);
    let mut s = Session::start(c.clone(), 3, &["b".into()], None).unwrap();
    s.run_out("b");
    assert_eq!(s.state().talked[c.ids.talks["gesprek"]], None);
    // ... and with a script step it does.
    let c = mini_with(&[(
        r#"(id: "a", name: "Rol A", organisation: "Org A", playable: true, briefing: "Jij bent A."),"#,
        r#"(id: "a", name: "Rol A", organisation: "Org A", playable: true, briefing: "Jij bent A.",
            script: [(when: After(day: 1, part: "middag"), do: Talk(talk: "gesprek"))]),"#,
    )]);
    let mut s = Session::start(c.clone(), 3, &["b".into()], None).unwrap();
    s.run_out("b");
    assert!(s.state().talked[c.ids.talks["gesprek"]].is_some());

    // "A `Schedule(inject: I, after: N)` effect delivers I `N` day-parts
    // later **whatever its `at` and `when` say**": `i2` waits for a fact
    // `b` never learns here, and comes anyway when an option schedules it.
    assert!(doc.contains("**whatever its `at` and `when` say**"));
    let c = mini_with(&[(
        r#"effects: [Schedule(inject: "i3", after: 1)]"#,
        r#"effects: [Schedule(inject: "i3", after: 1), Schedule(inject: "i2", after: 1)]"#,
    )]);
    let i2 = c.ids.injects["i2"];
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    s.apply("a", &Act::Advance).unwrap();
    s.apply(
        "a",
        &Act::Decide {
            decision: "dec1".into(),
            option: "x".into(),
        },
    )
    .unwrap();
    assert!(!s.state().knows(c.ids.roles["b"], c.ids.facts["f5"]));
    let decided_at = s.state().tick;
    assert_eq!(s.state().delivered[i2], None);
    s.apply("a", &Act::Advance).unwrap();
    assert_eq!(s.state().delivered[i2], Some(decided_at + 1));

    // "`advice` is optional": a consult with only `default_advice` loads.
    assert!(doc.contains("`advice` is optional"));
    mini_with(&[(
        r#"            advice: [(when: SignalWeight(role: "a", form: Criminal, at_least: 4), text: "Melden!")],
"#,
        "",
    )]);

    // "every `*.ron` file is a scenario except `*.answers.ron` …,
    // `*.tests.ron` … and `*.session.ron`".
    assert!(
        doc.contains("`*.tests.ron` (test plans, run with their scenario) and `*.session.ron`")
    );
    for (name, scenario) in [
        ("x.ron", true),
        ("x.tests.ron", false),
        ("x.session.ron", false),
        ("x.answers.ron", false),
    ] {
        assert_eq!(
            ketensim::cli::check::is_scenario_file(Path::new(name)),
            scenario,
            "{name}"
        );
    }
}

#[test]
fn the_test_plan_example_of_answer_format_md_uses_the_points_spelling_and_real_ids() {
    use ketensim::cli::testplan::{ScoreKey, TestPlan};
    let doc = std::fs::read_to_string("docs/answer-format.md").unwrap();
    let block = ron_blocks_after(&doc, "## Test plans").remove(0);
    let plan: TestPlan = ketensim::core::scenario::load::parse_ron(Path::new("doc"), &block)
        .unwrap_or_else(|d| panic!("{d}"));
    let c = load_file(Path::new("scenarios/criminele-uitbuiting-sem.ron"))
        .unwrap()
        .compiled;
    let s = &c.scenario;
    assert_eq!(plan.scenario, s.id);
    let mut keys = 0;
    for case in &plan.cases {
        for key in case.expect.scores.keys() {
            keys += 1;
            match key {
                ScoreKey::Competency(_) => {}
                ScoreKey::Text(t) => assert_eq!(t, "totaal"),
            }
        }
        if let Some(o) = &case.expect.outcome {
            assert!(s.outcomes.iter().any(|x| &x.id == o), "{o}");
        }
        for id in &case.expect.feedback {
            let known = s
                .decisions
                .iter()
                .any(|d| &d.id == id || d.options.iter().any(|o| &o.id == id))
                || s.expectations.iter().any(|e| &e.id == id)
                || s.facts.iter().any(|f| &f.id == id);
            assert!(known, "{id}");
        }
    }
    assert!(keys >= 3);
    // The answer file names its scenario.
    let block = ron_blocks_after(&doc, "## Format").remove(0);
    let parsed = ketensim::core::answers::AnswerFile::parse(Path::new("doc"), &block).unwrap();
    assert_eq!(
        parsed.answers.scenario.as_deref(),
        Some("criminele-uitbuiting-sem")
    );
}
