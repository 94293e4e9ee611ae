//! `check`: load and validate scenario files, print every problem.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::diag::{Diagnostic, Diagnostics};
use std::sync::Arc;

use crate::core::eval::lint::{expert_path_lints, sharing_and_scoring_lints};
use crate::core::fairness::{deep_fairness_lints, spoiler_lints};
use crate::core::scenario::load::read_text;
use crate::core::scenario::load_str;
use crate::core::scenario::privacy::privacy_lints;

use super::testplan::run_plan_states;
use crate::core::analyze::{Options, analyze, deep_lints};

/// File name endings of RON files that are not scenarios.
pub use crate::core::library::{collect, is_scenario_file};

/// Checks every scenario under `paths`; returns all diagnostics and the
/// number of files checked.
pub fn check_paths(paths: &[PathBuf]) -> (Diagnostics, usize) {
    let (diags, files, _) = check_all(paths);
    (diags, files)
}

/// Like [`check_paths`], and also returns the number of test-plan cases
/// that ran (`<scenario>.tests.ron`).
pub fn check_all(paths: &[PathBuf]) -> (Diagnostics, usize, usize) {
    check_with(paths, false)
}

/// [`check_all`]; with `deep`, also runs `analyze` on every scenario and
/// warns on what no playthrough reaches and on dead ends.
pub fn check_with(paths: &[PathBuf], deep: bool) -> (Diagnostics, usize, usize) {
    let (files, mut diags) = collect(paths);
    let mut cases = 0;
    let mut ids = Vec::new();
    for f in &files {
        let text = match read_text(f) {
            Ok(t) => t,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        match load_str(f, &text) {
            Ok(loaded) => {
                ids.push(loaded.compiled.scenario.id.clone());
                diags.extend(loaded.warnings);
                diags.extend(privacy_lints(
                    f,
                    &text,
                    &loaded.compiled.scenario.privacy_allow,
                ));
                let compiled = Arc::new(loaded.compiled);
                diags.extend(expert_path_lints(f, &text, &compiled));
                diags.extend(sharing_and_scoring_lints(f, &text, &compiled));
                diags.extend(spoiler_lints(f, &text, &compiled));
                let (problems, n, states) = run_plan_states(f, &compiled);
                diags.extend(problems);
                cases += n;
                if deep {
                    match analyze(&compiled, &Options::default()) {
                        Ok(a) => {
                            diags.extend(deep_lints(f, &text, &compiled, &a, &states));
                            diags.extend(deep_fairness_lints(f, &text, &compiled));
                        }
                        Err(e) => diags.push(Diagnostic::error(
                            f,
                            crate::core::diag::Pos::START,
                            format!("cannot analyse: {e}"),
                        )),
                    }
                }
            }
            Err(d) => diags.extend(d.0),
        }
    }
    diags.extend(answer_file_lints(paths, &ids));
    (Diagnostics(diags), files.len(), cases)
}

/// Answer files under the folders in `paths` must name the scenario they
/// belong to, one of `ids` (the scenarios found in the same folders).
fn answer_file_lints(paths: &[PathBuf], ids: &[String]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    for p in paths.iter().filter(|p| p.is_dir()) {
        answer_files(p, &mut files);
    }
    files.sort();
    for f in files {
        let answers = match super::answers::AnswerFile::read(&f) {
            Ok(a) => a,
            Err(d) => {
                out.push(*d);
                continue;
            }
        };
        match &answers.answers.scenario {
            None => out.push(
                Diagnostic::warning(&f, crate::core::diag::Pos::START, "this answer file does not say which scenario it belongs to")
                    .with_hint("add `scenario: \"<scenario id>\",` as its first field; `play` and `--open` use it"),
            ),
            Some(id) if !ids.contains(id) => {
                let pos = answers.scenario_pos();
                out.push(
                    Diagnostic::error(&f, pos, format!("this answer file is written for scenario `{id}`, which is not in the checked folder"))
                        .with_hint(format!("scenarios here: {}", ids.join(", "))),
                );
            }
            Some(_) => {}
        }
    }
    out
}

fn answer_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            answer_files(&path, files);
        } else if path.to_string_lossy().ends_with(".answers.ron") {
            files.push(path);
        }
    }
}

pub fn run(paths: &[PathBuf], strict: bool, deep: bool) -> ExitCode {
    let (diags, n, cases) = check_with(paths, deep);
    print!("{diags}");
    let errors = diags.errors().count();
    let warnings = diags.warnings().count();
    println!(
        "{n} scenario file(s) checked, {cases} test case(s) run: {errors} error(s), {warnings} warning(s)"
    );
    if n == 0 {
        println!("no scenario files found (looked for *.ron)");
        return ExitCode::FAILURE;
    }
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
