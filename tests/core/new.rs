//! `ketensim new` scaffolds a scenario, answers and test plan that pass
//! `check --strict` with the test plan run.

use ketensim::cli::check::check_all;
use ketensim::cli::new::scaffold;

#[test]
fn a_new_scenario_checks_clean_and_its_plan_passes() {
    let dir = std::env::temp_dir().join(format!("ketensim-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = scaffold("mijn-casus", &dir).unwrap();
    assert_eq!(files.len(), 3);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("id: \"mijn-casus\""));
    assert!(text.contains("// Roles:"), "the template is commented");
    // The plan spells the competencies as `points` do.
    let plan = std::fs::read_to_string(&files[1]).unwrap();
    assert!(
        plan.contains(r#"scores: {Samenwerking: (3, 3), RechtmatigDelen: (1, 1)}"#),
        "{plan}"
    );
    let (diags, n, cases) = check_all(std::slice::from_ref(&dir));
    assert_eq!((n, cases), (1, 1));
    assert!(diags.0.is_empty(), "{diags}");
    // And its scores are checked: a wrong total fails at the case.
    std::fs::write(
        &files[1],
        plan.replace(
            "RechtmatigDelen: (1, 1)}",
            r#"RechtmatigDelen: (1, 1), "totaal": (7, 9)}"#,
        ),
    )
    .unwrap();
    let (diags, _, _) = check_all(std::slice::from_ref(&dir));
    assert!(
        diags.errors().any(|d| d.message
            == "test `expert gemeente`: gemeente scores 6 on `totaal`, expected 7..=9"),
        "{diags}"
    );
    std::fs::write(&files[1], &plan).unwrap();
    // It never overwrites.
    assert!(
        scaffold("mijn-casus", &dir)
            .unwrap_err()
            .contains("already exists")
    );
    assert!(scaffold("Mijn Casus", &dir).is_err());
    std::fs::remove_dir_all(&dir).ok();
}
