//! `new <id>`: scaffolds a commented scenario, its expert answer file and
//! its test plan, from the documentation's worked example. The result
//! passes `check --strict` (a test keeps it so).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use crate::core::authoring::template::{answers_text, plan_text, scenario_text};

/// Whether `id` is a valid scenario id.
fn valid(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Writes the three files into `dir`; refuses to overwrite. Returns the
/// paths written.
pub fn scaffold(id: &str, dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !valid(id) {
        return Err(format!(
            "`{id}` is not a valid scenario id: use lowercase letters, digits, `-` and `_`"
        ));
    }
    let files = [
        (dir.join(format!("{id}.ron")), scenario_text(id)),
        (dir.join(format!("{id}.tests.ron")), plan_text(id)),
        (
            dir.join("answers").join(format!("{id}-expert.answers.ron")),
            answers_text(id),
        ),
    ];
    if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(format!(
            "{} already exists; choose another id or remove it first",
            p.display()
        ));
    }
    let mut written = Vec::new();
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        }
        crate::core::store::write_atomic(path, text)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        written.push(path.clone());
    }
    Ok(written)
}

pub fn run(id: &str, dir: &Path) -> ExitCode {
    match scaffold(id, dir) {
        Ok(files) => {
            for f in &files {
                println!("written: {}", f.display());
            }
            println!(
                "next: ketensim check {}",
                files
                    .first()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
