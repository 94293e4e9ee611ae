//! `report`: the structured evaluation of session logs as HTML, JSON or
//! CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::core::diag::{Diagnostic, Pos};
use crate::core::engine::SessionLog;
use crate::core::eval::{Debrief, evaluate};
use crate::core::export::{to_csv, to_html, to_json};
use crate::core::scenario::compiled::Compiled;
use crate::core::scenario::load_file;

use super::check::collect;

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Html,
    Json,
    Csv,
}

impl Format {
    /// Renders debriefs; `html` and `json` take exactly one.
    pub fn render(self, debriefs: &[(String, Debrief)]) -> Result<String, String> {
        match self {
            Format::Csv => to_csv(debriefs).map_err(|e| e.to_string()),
            Format::Html | Format::Json => {
                let [(_, d)] = debriefs else {
                    return Err(format!(
                        "--format {} takes one session log (got {}); use --format csv for a group",
                        self.name(),
                        debriefs.len()
                    ));
                };
                if self == Format::Html {
                    Ok(to_html(d))
                } else {
                    to_json(d).map_err(|e| e.to_string())
                }
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReportArgs {
    pub logs: Vec<PathBuf>,
    /// The scenario file; default: the one in `scenarios` with the log's
    /// id and content hash.
    pub scenario: Option<PathBuf>,
    pub scenarios: PathBuf,
    pub format: Format,
    pub out: Option<PathBuf>,
}

/// Loaded scenarios, looked up by (id, hash).
struct Library {
    loaded: Vec<(PathBuf, Arc<Compiled>)>,
    problems: Vec<Diagnostic>,
}

impl Library {
    fn load(args: &ReportArgs) -> Library {
        let files = match &args.scenario {
            Some(f) => vec![f.clone()],
            None => collect(std::slice::from_ref(&args.scenarios)).0,
        };
        let mut loaded = Vec::new();
        let mut problems = Vec::new();
        for f in files {
            match load_file(&f) {
                Ok(l) => loaded.push((f, Arc::new(l.compiled))),
                // A broken scenario only matters if a log needs it.
                Err(d) => problems.extend(d.0),
            }
        }
        Library { loaded, problems }
    }

    fn find(&self, log: &SessionLog) -> Option<&Arc<Compiled>> {
        self.loaded
            .iter()
            .map(|(_, c)| c)
            .find(|c| c.scenario.id == log.scenario && c.hash == log.scenario_hash)
    }
}

/// Evaluates every log; every problem is a diagnostic naming the file.
pub fn debriefs(args: &ReportArgs) -> Result<Vec<(String, Debrief)>, Vec<Diagnostic>> {
    let lib = Library::load(args);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for path in &args.logs {
        let log = match SessionLog::read(path) {
            Ok(l) => l,
            Err(d) => {
                errors.push(*d);
                continue;
            }
        };
        let Some(compiled) = lib.find(&log) else {
            let same_id = lib
                .loaded
                .iter()
                .find(|(_, c)| c.scenario.id == log.scenario);
            let hint = match (same_id, &args.scenario) {
                (Some((f, _)), _) => format!(
                    "{} has scenario `{}` but a different content hash: the scenario was edited after this session; use the version the session was played on",
                    f.display(),
                    log.scenario
                ),
                (None, Some(f)) => format!("{} is not scenario `{}`", f.display(), log.scenario),
                (None, None) => format!(
                    "no scenario `{}` in {}: pass the scenario file with --scenario",
                    log.scenario,
                    args.scenarios.display()
                ),
            };
            errors.push(
                Diagnostic::error(
                    path,
                    Pos::START,
                    format!(
                        "no matching scenario for this session log (`{}`)",
                        log.scenario
                    ),
                )
                .with_hint(hint),
            );
            continue;
        };
        match evaluate(compiled.clone(), &log) {
            Ok(d) => out.push((path.display().to_string(), d)),
            Err(e) => errors.push(
                Diagnostic::error(path, Pos::START, format!("cannot replay this session: {e}"))
                    .with_hint("the log does not fit its scenario; was it edited by hand?"),
            ),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        // Broken scenarios explain a missing match.
        errors.extend(lib.problems);
        Err(errors)
    }
}

/// Writes `text` to `out`, or to stdout.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("{}: error: cannot write the report: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub fn run(args: &ReportArgs) -> ExitCode {
    let debriefs = match debriefs(args) {
        Ok(d) => d,
        Err(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            return ExitCode::FAILURE;
        }
    };
    let result = args
        .format
        .render(&debriefs)
        .and_then(|text| write_output(args.out.as_deref(), &text));
    match result {
        Ok(()) => {
            if let Some(out) = &args.out {
                eprintln!(
                    "report ({}) written to {}",
                    args.format.name(),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
