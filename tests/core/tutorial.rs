//! `docs/authoring-tutorial.md`, step by step: the snippets in the
//! tutorial are applied to a scaffold exactly as a trainer would, and each
//! `check` gives what the tutorial says.

use std::path::Path;

use ketensim::cli::check::{check_all, check_with};
use ketensim::cli::new::scaffold;
use ketensim::cli::play::play;
use ketensim::core::analyze::{Options, analyze};

use crate::common::play_args;

/// The `ron` code blocks of the tutorial, in order.
fn snippets() -> Vec<String> {
    let doc = std::fs::read_to_string("docs/authoring-tutorial.md").unwrap();
    doc.split("```ron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or("").to_string())
        .collect()
}

fn check(dir: &Path) -> (Vec<String>, usize) {
    let (diags, _, cases) = check_all(&[dir.to_path_buf()]);
    (diags.0.iter().map(|d| d.to_string()).collect(), cases)
}

#[test]
fn the_tutorial_works_as_written() {
    let snip = snippets();
    assert_eq!(snip.len(), 4, "the tutorial's ron blocks");
    let root = std::env::temp_dir().join(format!("ketensim-tutorial-{}", std::process::id()));
    let dir = root.join("mijn-scenarios");
    std::fs::create_dir_all(&root).unwrap();
    scaffold("noor", &dir).unwrap();
    assert_eq!(check(&dir), (vec![], 1), "step 1: clean");

    // Step 2: the new fact before f_hotel; the test plan then fails.
    let scenario = dir.join("noor.ron");
    let text = std::fs::read_to_string(&scenario).unwrap();
    let anchor = "        (id: \"f_hotel\",";
    let edited = text.replacen(anchor, &format!("{}{anchor}", snip[0]), 1);
    assert_ne!(edited, text);
    std::fs::write(&scenario, &edited).unwrap();
    let (problems, _) = check(&dir);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("noor.tests.ron:10:16"),
        "{}",
        problems[0]
    );
    assert!(problems[0].contains("gemeente scores 1 of 2 on `signalering`, expected the maximum"));
    // The flag after the first step fixes it.
    let answers = dir.join("answers/noor-expert.answers.ron");
    let a = std::fs::read_to_string(&answers).unwrap();
    let first = "        Flag(fact: \"f_verzuim\", form: Sexual),\n";
    let a2 = a.replacen(first, &format!("{first}{}", snip[1]), 1);
    assert_ne!(a2, a);
    std::fs::write(&answers, a2).unwrap();
    assert_eq!(check(&dir), (vec![], 1), "step 2 fixed");

    // Step 3: the typo, at the line and column the tutorial shows.
    std::fs::write(
        &scenario,
        edited.replacen(
            "known_by: [\"gemeente\"]),\n        (id: \"f_hotel\"",
            "known_by: [\"gemeent\"]),\n        (id: \"f_hotel\"",
            1,
        ),
    )
    .unwrap();
    let (problems, _) = check(&dir);
    assert!(
        problems[0].contains("noor.ron:37:71: error: unknown role `gemeent` in fact `f_kleding`"),
        "{}",
        problems[0]
    );
    assert!(problems[0].contains("did you mean `gemeente`?"));
    std::fs::write(&scenario, &edited).unwrap();

    // Step 4: the poor answer file and its case.
    std::fs::write(dir.join("answers/noor-zwak.answers.ron"), &snip[2]).unwrap();
    let plan = dir.join("noor.tests.ron");
    let p = std::fs::read_to_string(&plan).unwrap();
    let p2 = p.replacen("    ],\n)", &format!("{}    ],\n)", snip[3]), 1);
    assert_ne!(p2, p);
    std::fs::write(&plan, p2).unwrap();
    assert_eq!(check(&dir), (vec![], 2), "step 4: two cases pass");

    // Step 6: explore it; the summary shows what the tutorial quotes.
    let c = std::sync::Arc::new(
        ketensim::core::scenario::load_file(&scenario)
            .unwrap()
            .compiled,
    );
    let analysis = analyze(&c, &Options::default()).unwrap();
    let summary = ketensim::cli::analyze::summary(&analysis);
    let doc = std::fs::read_to_string("docs/authoring-tutorial.md").unwrap();
    let quoted = doc
        .split("ketensim analyze mijn-scenarios/noor.ron\n```")
        .nth(1)
        .and_then(|rest| rest.split("```\n").nth(1))
        .unwrap();
    for line in quoted
        .lines()
        .filter(|l| !l.trim().is_empty() && l.trim() != "...")
    {
        // Timings differ from run to run.
        let line = line.split(" moves, ").next().unwrap();
        assert!(summary.contains(line), "`{line}` not in\n{summary}");
    }
    let police = &analysis.explorations[1];
    assert_eq!(police.roles, ["politie"]);
    assert_eq!((police.states, police.moves), (1, 0));
    assert!(police.scores.iter().any(|s| s.max < s.maximum));
    let (deep, _, _) = check_with(std::slice::from_ref(&dir), true);
    assert!(deep.0.is_empty(), "{:?}", deep.0);

    // Step 7: play with a report.
    let report = root.join("verslag.html");
    let result = play(&play_args(
        scenario.clone(),
        Some("gemeente"),
        dir.join("answers/noor-zwak.answers.ron"),
    ))
    .unwrap();
    assert!(
        result
            .transcript
            .ends_with("Einde van de casus: Noor krijgt hulp\n")
    );
    ketensim::cli::play::write_report(&result.session, &report).unwrap();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("onrechtmatig") && html.contains("Gerechtvaardigd belang"));
    std::fs::remove_dir_all(&root).ok();
}
