//! `play`: a headless session driven by an answer file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::answers::AnswerFile;
use crate::core::diag::Diagnostic;
use crate::core::engine::transcript::render;
use crate::core::engine::{ActionError, Session};
use crate::core::scenario::load_file;
use crate::core::scenario::model::Act;

#[derive(Debug, Clone)]
pub struct PlayArgs {
    pub scenario: PathBuf,
    pub role: String,
    pub answers: PathBuf,
    pub seed: Option<u64>,
    pub log: Option<PathBuf>,
    /// Run the clock out after the last answer.
    pub finish: bool,
}

/// The result of a scripted run.
#[derive(Debug, Clone)]
pub struct PlayResult {
    pub session: Session,
    pub transcript: String,
}

/// Seed used when neither the command line nor the answer file sets one.
pub const DEFAULT_SEED: u64 = 1;

/// Runs a scripted session; a refused step is a diagnostic at its position.
pub fn play(args: &PlayArgs) -> Result<PlayResult, Vec<Diagnostic>> {
    let loaded = load_file(&args.scenario).map_err(|d| d.0)?;
    let answers = AnswerFile::read(&args.answers).map_err(|d| vec![*d])?;
    let seed = args.seed.or(answers.answers.seed).unwrap_or(DEFAULT_SEED);
    let compiled = Arc::new(loaded.compiled);
    let playable: Vec<&str> = compiled
        .scenario
        .roles
        .iter()
        .filter(|r| r.playable)
        .map(|r| r.id.as_str())
        .collect();
    let mut session = Session::start(
        compiled.clone(),
        seed,
        std::slice::from_ref(&args.role),
        None,
    )
    .map_err(|e| {
        vec![
            Diagnostic::error(&args.scenario, crate::core::diag::Pos::START, e.to_string())
                .with_hint(format!(
                    "choose a playable role with `--role`: {}",
                    playable.join(", ")
                )),
        ]
    })?;
    for (i, act) in answers.answers.steps.iter().enumerate() {
        if let Err(e) = session.apply(&args.role, act) {
            let hint = match e {
                ActionError::Ended => "remove the steps after the end of the case",
                ActionError::DecisionNotOpen(_) => {
                    "the decision is not open at this point: check the order of the steps"
                }
                _ => "correct this step; see docs/answer-format.md",
            };
            return Err(vec![
                Diagnostic::error(
                    &args.answers,
                    answers.position(i),
                    format!("step {} cannot be played: {e}", i + 1),
                )
                .with_source(&answers.text)
                .with_hint(hint),
            ]);
        }
    }
    if args.finish {
        while !session.state().ended() {
            // Advance is always legal while the case runs.
            if session.apply(&args.role, &Act::Advance).is_err() {
                break;
            }
        }
    }
    let transcript = render(&compiled, session.history());
    Ok(PlayResult {
        session,
        transcript,
    })
}

pub fn run(args: &PlayArgs) -> ExitCode {
    match play(args) {
        Ok(result) => {
            print!("{}", result.transcript);
            if let Some(path) = &args.log
                && let Err(e) = std::fs::write(path, result.session.log().to_ron())
            {
                eprintln!(
                    "{}: error: cannot write the session log: {e}",
                    path.display()
                );
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            ExitCode::FAILURE
        }
    }
}
