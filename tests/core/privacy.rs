//! `check` warns on text that looks like real personal data, at its
//! position, and the scenario's `privacy_allow` silences deliberate
//! fictional examples.

use std::path::PathBuf;

use ketensim::cli::check::check_paths;
use ketensim::core::diag::Diagnostic;

/// Checks the mini fixture with the phone call's text replaced by `call`
/// and, if given, a `privacy_allow` list; returns the privacy warnings.
fn check_with(call: &str, allow: Option<&str>, name: &str) -> Vec<Diagnostic> {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let mut text = src.replacen("\"Er belt iemand.\"", call, 1);
    assert_ne!(text, src);
    if let Some(allow) = allow {
        text = text.replacen(
            "    default_outcome: \"slecht\",",
            &format!("    default_outcome: \"slecht\",\n    privacy_allow: [{allow}],"),
            1,
        );
    }
    let dir = std::env::temp_dir().join(format!("ketensim-privacy-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mini.ron");
    std::fs::write(&file, text).unwrap();
    let (diags, n) = check_paths(&[PathBuf::from(&file)]);
    assert_eq!(n, 1);
    assert!(!diags.has_errors(), "{diags}");
    std::fs::remove_dir_all(&dir).ok();
    diags
        .0
        .into_iter()
        .filter(|d| d.message.contains("looks like"))
        .collect()
}

#[test]
fn personal_data_is_a_warning_at_its_position() {
    let found = check_with(
        "\"Er belt iemand op 06-12345678 over BSN 111222333.\"",
        None,
        "found",
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|d| !d.is_error()));
    assert!(found[0].message.contains("phone number"));
    assert!(found[1].message.contains("BSN"));
    assert_eq!(found[0].pos.line, 67);
    assert!(
        found[0]
            .source_line
            .as_deref()
            .unwrap()
            .contains("06-12345678")
    );
    // Fictional-looking text without such values passes.
    assert!(check_with("\"Er belt iemand om 23.40 uur.\"", None, "clean").is_empty());
}

#[test]
fn the_allow_list_silences_fictional_examples() {
    let call = "\"Er belt iemand op 06-12345678.\"";
    assert_eq!(check_with(call, None, "plain").len(), 1);
    assert!(check_with(call, Some("\"06-12345678\""), "allowed").is_empty());
    // Only the listed value is allowed.
    assert_eq!(check_with(call, Some("\"06-87654321\""), "other").len(), 1);
}
