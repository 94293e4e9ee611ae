//! `ketensim migrate FILE`: rewrites a scenario of format 1 into format 2
//! (see `core::scenario::migrate`), keeps the original beside it and
//! checks the result.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::scenario::load::{load_str, read_text};
use crate::core::scenario::migrate::migrate;

/// Writes `text` to `path` through a temporary file in the same folder,
/// so a crash leaves either the old or the new file, never half of one.
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario.ron".to_string());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

pub fn run(path: &Path, dry_run: bool) -> ExitCode {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::from(2);
        }
    };
    let m = match migrate(path, &text) {
        Ok(m) => m,
        Err(ds) => {
            for d in &ds.0 {
                eprintln!("{d}");
            }
            eprintln!("the file must parse before it can be migrated");
            return ExitCode::from(1);
        }
    };
    if dry_run {
        print!("{}", m.text);
    }
    if m.changes.is_empty() {
        eprintln!("{}: already in format 2, nothing to change", path.display());
        return ExitCode::SUCCESS;
    }
    for c in &m.changes {
        eprintln!(
            "{}:{}:{}: {}",
            path.display(),
            c.pos.line,
            c.pos.col,
            c.note
        );
    }
    // The rewritten file must load; its own warnings are shown.
    match load_str(path, &m.text) {
        Ok(l) => {
            for w in &l.warnings {
                eprintln!("{w}");
            }
        }
        Err(ds) => {
            for d in &ds.0 {
                eprintln!("{d}");
            }
            eprintln!("the rewritten scenario does not load; the file was not changed");
            return ExitCode::from(1);
        }
    }
    if dry_run {
        return ExitCode::SUCCESS;
    }
    let backup = PathBuf::from(format!("{}.format1.bak", path.display()));
    if let Err(e) = std::fs::copy(path, &backup) {
        eprintln!(
            "cannot keep the original as {}: {e}; the file was not changed",
            backup.display()
        );
        return ExitCode::from(2);
    }
    if let Err(e) = write_atomic(path, &m.text) {
        eprintln!("cannot write {}: {e}", path.display());
        return ExitCode::from(2);
    }
    eprintln!(
        "{}: {} change(s); the original is kept as {}",
        path.display(),
        m.changes.len(),
        backup.display()
    );
    ExitCode::SUCCESS
}
