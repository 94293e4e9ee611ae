//! Test plans: `check` plays each case and reports, at the case's line,
//! every expectation that does not hold.

use std::path::PathBuf;

use ketensim::cli::check::check_all;

#[test]
fn the_bundled_plan_passes() {
    let (diags, files, cases) = check_all(&[PathBuf::from("scenarios")]);
    assert_eq!(files, 1);
    assert_eq!(cases, 8, "expert, poor and the late CoMensha cases");
    assert!(diags.0.is_empty(), "{diags}");
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
