//! The scenario library on disk: which files are scenarios, and finding
//! the scenario a session was played on. Shared by the app, the host and
//! the command line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::core::diag::Diagnostic;
use crate::core::scenario::{Compiled, load_file};

const NOT_SCENARIOS: [&str; 5] = [
    ".answers.ron",
    ".tests.ron",
    ".session.ron",
    ".host.ron",
    ".editor.ron",
];

/// Whether `path` names a scenario file.
pub fn is_scenario_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".ron") && !NOT_SCENARIOS.iter().any(|s| name.ends_with(s))
}

/// Scenario files under `paths` (files as given, folders recursively),
/// sorted; unreadable folders become diagnostics.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut problems);
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Diagnostic::error(
                dir,
                crate::core::diag::Pos::START,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files, problems);
        } else if is_scenario_file(&path) {
            files.push(path);
        }
    }
}

/// The scenario with this id and content hash among the scenario files
/// under `folder`, if one loads.
pub fn find(folder: &Path, id: &str, hash: &str) -> Option<Arc<Compiled>> {
    let (files, _) = collect(&[folder.to_path_buf()]);
    files
        .iter()
        .filter_map(|f| load_file(f).ok())
        .map(|l| l.compiled)
        .find(|c| c.scenario.id == id && c.hash == hash)
        .map(Arc::new)
}
