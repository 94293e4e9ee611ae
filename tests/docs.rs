//! The documentation's worked example is a real, valid scenario: the file
//! in `docs/examples/` is the one printed in `docs/scenario-format.md`, it
//! checks clean, and its answer file reaches the outcome the text promises.

use std::path::{Path, PathBuf};

use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::scenario::load_file;

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
    let result = play(&PlayArgs {
        scenario: PathBuf::from("docs/examples/voorbeeld-noor.ron"),
        role: Some("gemeente".into()),
        answers: PathBuf::from("docs/examples/voorbeeld-noor-gemeente.answers.ron"),
        seed: None,
        log: None,
        finish: true,
        trainee: None,
        report: None,
    })
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
    let parsed = ketensim::cli::answers::AnswerFile::parse(Path::new("answer-format.md"), &block)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(parsed.answers.steps.len(), 8);
}
