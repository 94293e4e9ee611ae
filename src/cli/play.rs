//! `play`: a headless session driven by an answer file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::answers::AnswerFile;
use super::report::{Format, write_output};
use crate::core::diag::Diagnostic;
use crate::core::engine::transcript::render;
use crate::core::engine::{ActionError, Session};
use crate::core::eval::evaluate;
use crate::core::scenario::load_file;

#[derive(Debug, Clone)]
pub struct PlayArgs {
    pub scenario: PathBuf,
    /// The role the answer file plays; `None` for a group file (`turns`).
    pub role: Option<String>,
    pub answers: PathBuf,
    /// The trainee's name, recorded in the session log and the report.
    pub trainee: Option<String>,
    pub seed: Option<u64>,
    pub log: Option<PathBuf>,
    /// Run the clock out after the last answer.
    pub finish: bool,
    /// Write the evaluation here (format by extension: .html/.json/.csv).
    pub report: Option<PathBuf>,
}

/// The result of a scripted run.
#[derive(Debug, Clone)]
pub struct PlayResult {
    pub session: Session,
    pub transcript: String,
}

/// Seed used when neither the command line nor the answer file sets one.
pub const DEFAULT_SEED: u64 = 1;

/// Why a scripted run stopped: the problems, and for a refused step the
/// transcript up to it.
#[derive(Debug, Clone)]
pub struct PlayError {
    pub diagnostics: Vec<Diagnostic>,
    /// The transcript of the steps before the refused one (`None` when the
    /// session did not start).
    pub transcript: Option<String>,
}

impl From<Vec<Diagnostic>> for PlayError {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        PlayError {
            diagnostics,
            transcript: None,
        }
    }
}

/// Runs a scripted session; a refused step is a diagnostic at its position.
pub fn play(args: &PlayArgs) -> Result<PlayResult, Vec<Diagnostic>> {
    play_to_refusal(args).map_err(|e| e.diagnostics)
}

/// [`play`], and on a refused step also the transcript up to it.
pub fn play_to_refusal(args: &PlayArgs) -> Result<PlayResult, PlayError> {
    let loaded = load_file(&args.scenario).map_err(|d| d.0)?;
    let answers = AnswerFile::read(&args.answers).map_err(|d| vec![*d])?;
    answers
        .belongs_to(&args.answers, &loaded.compiled.scenario.id)
        .map_err(|d| vec![*d])?;
    let seed = args.seed.or(answers.answers.seed).unwrap_or(DEFAULT_SEED);
    let compiled = Arc::new(loaded.compiled);
    let playable: Vec<&str> = compiled
        .scenario
        .roles
        .iter()
        .filter(|r| r.playable)
        .map(|r| r.id.as_str())
        .collect();
    let (roles, steps) = answers
        .answers
        .sequence(args.role.as_deref())
        .map_err(|e| {
            vec![
                Diagnostic::error(&args.answers, crate::core::diag::Pos::START, e)
                    .with_hint("see docs/answer-format.md"),
            ]
        })?;
    let mut session = Session::start(compiled.clone(), seed, &roles, args.trainee.clone())
        .map_err(|e| {
            vec![
                Diagnostic::error(&args.scenario, crate::core::diag::Pos::START, e.to_string())
                    .with_hint(format!(
                        "choose a playable role with `--role`: {}",
                        playable.join(", ")
                    )),
            ]
        })?;
    for (i, (role, act)) in steps.iter().enumerate() {
        if let Err(e) = session.apply(role, act) {
            let hint = match e {
                ActionError::Ended => "remove the steps after the end of the case",
                ActionError::DecisionNotOpen(_) => {
                    "the decision is not open at this point: check the order of the steps"
                }
                _ => "correct this step; see docs/answer-format.md",
            };
            return Err(PlayError {
                diagnostics: vec![
                    Diagnostic::error(
                        &args.answers,
                        answers.position(i),
                        format!("step {} ({role}) cannot be played: {e}", i + 1),
                    )
                    .with_source(&answers.text)
                    .with_hint(hint),
                ],
                transcript: Some(render(&compiled, session.history())),
            });
        }
    }
    if args.finish
        && let Some(driver) = roles.first()
    {
        session.run_out(driver);
    }
    let transcript = render(&compiled, session.history());
    Ok(PlayResult {
        session,
        transcript,
    })
}

/// Evaluates the played session and writes the report to `path`, in the
/// format its extension names.
pub fn write_report(session: &Session, path: &Path) -> Result<(), String> {
    let format = Format::from_path(path).ok_or_else(|| {
        format!(
            "{}: error: unknown report format; end the file name in .html, .json or .csv",
            path.display()
        )
    })?;
    let debrief = evaluate(session.scenario().clone(), session.log()).map_err(|e| {
        format!(
            "{}: error: cannot evaluate the session: {e}",
            path.display()
        )
    })?;
    let text = format.render(&[(path.display().to_string(), debrief)])?;
    write_output(Some(path), &text)
}

pub fn run(args: &PlayArgs) -> ExitCode {
    match play_to_refusal(args) {
        Ok(result) => {
            if let Err(e) = write_output(None, &result.transcript) {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
            if let Some(path) = &args.log
                && let Err(e) =
                    crate::core::store::write_atomic(path, &result.session.log().to_ron())
            {
                eprintln!(
                    "{}: error: cannot write the session log: {e}",
                    path.display()
                );
                return ExitCode::FAILURE;
            }
            if let Some(path) = &args.report
                && let Err(e) = write_report(&result.session, path)
            {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            // What happened up to the refused step, then why it was refused.
            if let Some(t) = &e.transcript {
                let _ = write_output(None, t);
            }
            for d in e.diagnostics {
                eprintln!("{d}");
            }
            ExitCode::FAILURE
        }
    }
}
