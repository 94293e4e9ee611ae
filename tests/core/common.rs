//! Helpers the core tests share: the bundled case and the fixtures, loaded;
//! the command line; play arguments; a role's expert answers by day-part.
//! (The sweeps binary includes this file too, and uses a few of them.)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use ketensim::cli::check::collect;
use ketensim::cli::play::PlayArgs;
use ketensim::core::answers::AnswerFile;
use ketensim::core::scenario::model::{Act, Form};
use ketensim::core::scenario::{Compiled, load_file, load_str};

/// The bundled case (Sem).
pub const SEM: &str = "scenarios/criminele-uitbuiting-sem.ron";

/// The small fixture scenario.
pub const MINI: &str = "tests/fixtures/mini.ron";

/// A scenario file, loaded and compiled.
pub fn load(path: &str) -> Arc<Compiled> {
    Arc::new(
        load_file(Path::new(path))
            .unwrap_or_else(|d| panic!("{path}: {d}"))
            .compiled,
    )
}

/// The bundled case, loaded.
pub fn sem() -> Arc<Compiled> {
    load(SEM)
}

/// The mini fixture, loaded.
pub fn mini() -> Arc<Compiled> {
    load(MINI)
}

/// The mini fixture with edits applied in order (each must apply),
/// loaded.
pub fn mini_with(edits: &[(&str, &str)]) -> Arc<Compiled> {
    let mut text = std::fs::read_to_string(MINI).unwrap();
    for (from, to) in edits {
        let edited = text.replacen(from, to, 1);
        assert_ne!(edited, text, "the edit of `{from}` must apply");
        text = edited;
    }
    let loaded = load_str(Path::new("mini.ron"), &text).unwrap_or_else(|d| panic!("{d}"));
    Arc::new(loaded.compiled)
}

/// Every scenario of the library (`scenarios/`), loaded: the folder holds
/// no broken file and every case loads.
pub fn library() -> Vec<(PathBuf, Arc<Compiled>)> {
    let (files, problems) = collect(&[PathBuf::from("scenarios")]);
    assert!(problems.is_empty(), "{problems:?}");
    files
        .into_iter()
        .map(|f| {
            let c = load_file(&f).unwrap_or_else(|d| panic!("{}: {d:?}", f.display()));
            (f, Arc::new(c.compiled))
        })
        .collect()
}

/// The `ketensim` program, run in the package's folder.
pub fn ketensim() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ketensim"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// `ketensim play` of an answer file to the end of the case (no seed,
/// log, trainee or report: set those with `..play_args(..)`).
pub fn play_args(
    scenario: impl Into<PathBuf>,
    role: Option<&str>,
    answers: impl Into<PathBuf>,
) -> PlayArgs {
    PlayArgs {
        scenario: scenario.into(),
        role: role.map(String::from),
        answers: answers.into(),
        trainee: None,
        seed: None,
        log: None,
        finish: true,
        report: None,
    }
}

/// A role's expert answer file for the bundled case, cut into day-parts
/// (at every `Advance`).
pub fn expert_day_parts(role: &str) -> Vec<Vec<Act>> {
    let path = format!("scenarios/answers/sem-{role}-expert.answers.ron");
    let file = AnswerFile::read(Path::new(&path)).unwrap_or_else(|d| panic!("{d}"));
    let mut parts = vec![Vec::new()];
    for a in file.answers.steps {
        if a == Act::Advance {
            parts.push(Vec::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(a);
        }
    }
    parts
}

/// Flags `fact` as a signal of `form`.
pub fn flag(fact: &str, form: Form) -> Act {
    Act::Flag {
        fact: fact.into(),
        form,
    }
}

/// Shares `facts` with `to` through `channel` on `ground`.
pub fn share(facts: &[&str], to: &[&str], channel: &str, ground: &str) -> Act {
    Act::Share {
        facts: facts.iter().map(|s| s.to_string()).collect(),
        to: to.iter().map(|s| s.to_string()).collect(),
        channel: channel.into(),
        ground: ground.into(),
    }
}

/// What maud makes of a text.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Validates `html` with the W3C Nu checker when Java and vnu.jar are
/// there (as CI and scripts/check-report.sh do); says so when not.
pub fn validate_html(name: &str, html: &str) {
    let home = std::env::var("HOME").unwrap_or_default();
    let candidates = [
        std::env::var("VNU_JAR").unwrap_or_default(),
        format!("{home}/.cache/ketensim/vnu/node_modules/vnu-jar/build/dist/vnu.jar"),
        "/tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar".to_string(),
    ];
    let Some(jar) = candidates
        .iter()
        .find(|p| !p.is_empty() && Path::new(p).is_file())
    else {
        eprintln!("HTML validity check skipped: no vnu.jar");
        return;
    };
    let dir = std::env::temp_dir().join(format!("ketensim-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.html"));
    std::fs::write(&file, html).unwrap();
    let out = match std::process::Command::new("java")
        .args(["-jar", jar, "--errors-only"])
        .arg(&file)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("HTML validity check skipped: cannot run java ({e})");
            return;
        }
    };
    assert!(
        out.status.success(),
        "vnu reports errors in {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The chart's markers read back from SVG: (row, marker, column).
pub fn chart_markers(svg: &str) -> Vec<(usize, String, usize)> {
    let mut out = Vec::new();
    for part in svg.split(" data-row=\"").skip(1) {
        let Some((row, rest)) = part.split_once('"') else {
            continue;
        };
        let Some(rest) = rest.strip_prefix(" data-marker=\"") else {
            continue; // the row's group, not a marker
        };
        let (marker, rest) = rest.split_once('"').unwrap();
        let rest = rest.strip_prefix(" data-col=\"").unwrap();
        let (col, _) = rest.split_once('"').unwrap();
        out.push((
            row.parse().unwrap(),
            marker.to_string(),
            col.parse().unwrap(),
        ));
    }
    out
}
