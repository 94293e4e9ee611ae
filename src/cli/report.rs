//! `report`: the structured evaluation of session logs as HTML, JSON or
//! CSV; with `--format group` (`group-csv`, `group-json`) the group
//! debrief of one training-day log, with the discussion questions of the
//! scenario's trainer note (the `.md` beside the scenario file).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::core::diag::{Diagnostic, Pos};
use crate::core::engine::SessionLog;
use crate::core::eval::group::{GroupDebrief, group_debrief, read_trainer_note};
use crate::core::eval::{Debrief, evaluate};
use crate::core::export::csv::to_group_csv;
use crate::core::export::group::{to_group_html, to_group_json};
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
    /// The group debrief of one training-day log, as HTML.
    Group,
    /// The group debrief as CSV: one row per seat.
    GroupCsv,
    /// The group debrief as JSON.
    GroupJson,
    /// xAPI 1.0.3 statements of each finished attempt (for a learning
    /// platform), with `--actor` and `--account`.
    Xapi,
}

impl Format {
    /// Renders debriefs; `html` and `json` take exactly one.
    pub fn render(self, debriefs: &[(String, Debrief)]) -> Result<String, String> {
        match self {
            Format::Group | Format::GroupCsv | Format::GroupJson => Err(format!(
                "--format {} is the group debrief of one session log: see `render_group`",
                self.name()
            )),
            Format::Csv => to_csv(debriefs).map_err(|e| e.to_string()),
            Format::Xapi => Err("--format xapi: see `xapi`".to_string()),
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
            Format::Group => "group",
            Format::GroupCsv => "group-csv",
            Format::GroupJson => "group-json",
            Format::Xapi => "xapi",
        }
    }

    /// Whether this is a group format (one log, the group debrief).
    pub fn is_group(self) -> bool {
        matches!(self, Format::Group | Format::GroupCsv | Format::GroupJson)
    }

    /// Renders a group debrief; `None` for the formats of single debriefs.
    pub fn render_group(self, g: &GroupDebrief) -> Option<Result<String, String>> {
        Some(match self {
            Format::Group => Ok(to_group_html(g)),
            Format::GroupCsv => to_group_csv(g).map_err(|e| e.to_string()),
            Format::GroupJson => to_group_json(g).map_err(|e| e.to_string()),
            Format::Html | Format::Json | Format::Csv | Format::Xapi => return None,
        })
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
    /// xAPI: the trainee's name (default: the log's) and account id.
    pub actor: Option<String>,
    pub account: Option<String>,
}

/// The xAPI statements of every log, as one JSON array: the actor is
/// `--actor` (else the log's trainee), the attempt's start is the UTC
/// stamp in its file name and its end the file's last write.
fn xapi(args: &ReportArgs, debriefs: &[(String, Debrief)]) -> Result<String, String> {
    use crate::core::export::xapi::{Actor, Times, statements};
    let mut all = Vec::new();
    for (path, d) in debriefs {
        let path = Path::new(path);
        let name = args
            .actor
            .clone()
            .or_else(|| d.session.trainee.clone())
            .ok_or_else(|| {
                format!(
                    "{}: the log names no trainee; give one with --actor NAME",
                    path.display()
                )
            })?;
        let actor = Actor::new(&name, args.account.as_deref(), None);
        let times = Times::of_file(path);
        all.extend(statements(d, &actor, times).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    serde_json::to_string_pretty(&serde_json::Value::Array(all)).map_err(|e| e.to_string())
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
            // A missing folder is said once, in the hint of the log that
            // needs it, not as a file that cannot be read.
            None if !args.scenarios.is_dir() => Vec::new(),
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

    fn find(&self, log: &SessionLog) -> Option<&(PathBuf, Arc<Compiled>)> {
        self.loaded
            .iter()
            .find(|(_, c)| c.scenario.id == log.scenario && c.hash == log.scenario_hash)
    }

    /// The scenario of `log` (read from `path`), or a diagnostic that says
    /// why there is none.
    fn resolve(
        &self,
        args: &ReportArgs,
        path: &Path,
        log: &SessionLog,
    ) -> Result<&(PathBuf, Arc<Compiled>), Diagnostic> {
        if let Some(found) = self.find(log) {
            return Ok(found);
        }
        let same_id = self
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
            (None, None) if !args.scenarios.is_dir() => format!(
                "there is no folder `{}` here: pass the scenario file with --scenario, or its folder with --scenarios",
                args.scenarios.display()
            ),
            (None, None) => format!(
                "no scenario `{}` in {}: pass the scenario file with --scenario",
                log.scenario,
                args.scenarios.display()
            ),
        };
        Err(Diagnostic::error(
            path,
            Pos::START,
            format!(
                "no matching scenario for this session log (`{}`)",
                log.scenario
            ),
        )
        .with_hint(hint))
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
        let compiled = match lib.resolve(args, path, &log) {
            Ok((_, c)) => c,
            Err(d) => {
                errors.push(d);
                continue;
            }
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

/// The group debrief of the one log of `args`, with the discussion
/// questions of the trainer note beside its scenario file.
pub fn group(args: &ReportArgs) -> Result<GroupDebrief, Vec<Diagnostic>> {
    let [path] = args.logs.as_slice() else {
        let first = args
            .logs
            .first()
            .map(PathBuf::as_path)
            .unwrap_or(Path::new("-"));
        return Err(vec![
            Diagnostic::error(
                first,
                Pos::START,
                format!(
                    "--format {} takes one session log (got {})",
                    args.format.name(),
                    args.logs.len()
                ),
            )
            .with_hint("the group debrief is of one training day: one log with all its seats"),
        ]);
    };
    let log = SessionLog::read(path).map_err(|d| vec![*d])?;
    let lib = Library::load(args);
    let (file, compiled) = match lib.resolve(args, path, &log) {
        Ok(found) => found,
        Err(d) => {
            let mut errors = vec![d];
            errors.extend(lib.problems);
            return Err(errors);
        }
    };
    let note = read_trainer_note(file);
    group_debrief(compiled.clone(), &log, note.as_deref()).map_err(|e| {
        vec![
            Diagnostic::error(path, Pos::START, format!("cannot replay this session: {e}"))
                .with_hint("the log does not fit its scenario; was it edited by hand?"),
        ]
    })
}

/// Writes `text` to `out`, or to stdout (a reader that stops early, such
/// as `| head`, is no error).
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        Some(path) => crate::core::store::write_atomic(path, text)
            .map_err(|e| format!("{}: error: cannot write the report: {e}", path.display())),
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("error: cannot write to the standard output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}

pub fn run(args: &ReportArgs) -> ExitCode {
    let rendered = if args.format.is_group() {
        group(args).map(|g| {
            args.format
                .render_group(&g)
                .unwrap_or_else(|| Err("not a group format".to_string()))
        })
    } else if args.format == Format::Xapi {
        debriefs(args).map(|d| xapi(args, &d))
    } else {
        debriefs(args).map(|d| args.format.render(&d))
    };
    let rendered = match rendered {
        Ok(r) => r,
        Err(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            return ExitCode::FAILURE;
        }
    };
    let result = rendered.and_then(|text| write_output(args.out.as_deref(), &text));
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
