//! `drive` (hidden): a headless driver for the crash test
//! (`scripts/crash-test.sh`). It plays an answer file one action at a time
//! and saves after every accepted action exactly as the app does
//! (`core::store::Journal::create` at the first action, then
//! `Journal::append`, one synced line per record, and `Journal::finish`
//! at the end), and only then says so on standard output. With `--resume` it first continues the unfinished
//! session of this scenario and role the way the app's Start screen does
//! (`core::store::list`, then `core::store::resume`).
//!
//! Lines on standard output, each flushed at once:
//!
//! - `started`: a new attempt (nothing saved yet);
//! - `resumed <n> <fingerprint> <file>`: continued after `n` saved actions;
//! - `file <path>`: the attempt's file was created (at the first action);
//! - `ack <n> <fingerprint>`: the log with `n` actions is on disk;
//! - `done <n> <fingerprint>`: the case has ended (and is saved).
//!
//! `--inspect FILE` lists the folder and opens FILE (the attempt, as its
//! journal or its readable log) as the Start screen
//! would (a fresh replay in a new process) and prints
//! `found <n> <fingerprint> <open|ended>`, or `found 0 - absent|empty`, or
//! `found 0 - other <message>`.
//!
//! Answer step `i` is logged action `i` (every accepted action is logged
//! once, refused ones are not and stop the driver); after the last step
//! the driver ends the day-part until the case ends, each one a logged
//! action. So a resumed log of `n` actions goes on at step `n`; the driver
//! first checks that the `n` logged actions are the ones it would have
//! played.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::answers::AnswerFile;
use super::play::DEFAULT_SEED;
use crate::core::engine::Session;
use crate::core::scenario::model::Act;
use crate::core::scenario::{Compiled, load_file};
use crate::core::store::{self, SavedStatus};

#[derive(Debug, Clone)]
pub struct DriveArgs {
    pub scenario: PathBuf,
    pub role: Option<String>,
    pub answers: Option<PathBuf>,
    /// The sessions folder (as `<data>/sessies` in the app).
    pub store: PathBuf,
    pub resume: bool,
    /// Wait this long before each action.
    pub pace_ms: u64,
    pub trainee: Option<String>,
    /// Only inspect this session file.
    pub inspect: Option<PathBuf>,
}

/// Prints one line and flushes it, so a line that was printed has left
/// the process before the next action.
fn say(line: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to standard output: {e}"))
}

pub fn run(args: &DriveArgs) -> ExitCode {
    let result = match &args.inspect {
        Some(file) => inspect(args, file),
        None => drive(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn load(path: &Path) -> Result<Arc<Compiled>, String> {
    load_file(path)
        .map(|l| Arc::new(l.compiled))
        .map_err(|d| d.to_string())
}

fn finder(c: &Arc<Compiled>) -> impl Fn(&str, &str) -> Option<Arc<Compiled>> + '_ {
    move |id, hash| (id == c.scenario.id && hash == c.hash).then(|| c.clone())
}

fn inspect(args: &DriveArgs, file: &Path) -> Result<(), String> {
    let c = load(&args.scenario)?;
    // The attempt, as a journal or (once finished) as its readable log.
    let stem = store::file_stem(file);
    let listed = store::list(&args.store, finder(&c));
    let Some(saved) = listed.iter().find(|s| store::file_stem(&s.path) == stem) else {
        return say("found 0 - absent");
    };
    match &saved.status {
        SavedStatus::Empty => say("found 0 - empty"),
        SavedStatus::Ok { .. } => {
            let r = store::resume(saved, finder(&c)).map_err(|e| e.to_string())?;
            let s = &r.session;
            say(&format!(
                "found {} {} {}",
                s.log().actions.len(),
                store::fingerprint(s),
                if s.state().ended() { "ended" } else { "open" }
            ))
        }
        _ => say(&format!("found 0 - other {}", saved.message())),
    }
}

fn drive(args: &DriveArgs) -> Result<(), String> {
    let c = load(&args.scenario)?;
    let answers_path = args
        .answers
        .as_deref()
        .ok_or("drive needs --answers (or --inspect)")?;
    let role = args
        .role
        .as_deref()
        .ok_or("drive needs --role (or --inspect)")?;
    let answers = AnswerFile::read(answers_path).map_err(|d| d.to_string())?;
    answers
        .belongs_to(answers_path, &c.scenario.id)
        .map_err(|d| d.to_string())?;
    let seed = answers.answers.seed.unwrap_or(DEFAULT_SEED);
    let (_, steps) = answers.answers.sequence(Some(role))?;
    let planned =
        |i: usize| -> Act { steps.get(i).map(|(_, a)| a.clone()).unwrap_or(Act::Advance) };

    // Continue as the Start screen does, or start a new attempt.
    let open = if args.resume {
        store::list(&args.store, finder(&c)).into_iter().find(|s| {
            matches!(s.status, SavedStatus::Ok { ended: None, .. })
                && s.log
                    .as_ref()
                    .is_some_and(|l| l.scenario == c.scenario.id && l.roles == [role])
        })
    } else {
        None
    };
    let (mut session, mut journal): (Session, Option<store::Journal>) = match open {
        Some(saved) => {
            let r = store::resume(&saved, finder(&c)).map_err(|e| e.to_string())?;
            for (i, a) in r.session.log().actions.iter().enumerate() {
                if a.role != role || a.act != planned(i) {
                    return Err(format!(
                        "mismatch: logged action {} of {} is not the planned one",
                        i + 1,
                        r.file.display()
                    ));
                }
            }
            say(&format!(
                "resumed {} {} {}",
                r.session.log().actions.len(),
                store::fingerprint(&r.session),
                r.file.display()
            ))?;
            let j = store::Journal::resume(&r.file, r.session.log())
                .map_err(|e| format!("cannot go on with {}: {e}", r.file.display()))?;
            (r.session, Some(j))
        }
        None => {
            let s = Session::start(c.clone(), seed, &[role.to_string()], args.trainee.clone())
                .map_err(|e| e.to_string())?;
            say("started")?;
            (s, None)
        }
    };

    while !session.state().ended() {
        let i = session.log().actions.len();
        if args.pace_ms > 0 {
            std::thread::sleep(Duration::from_millis(args.pace_ms));
        }
        session
            .apply(role, &planned(i))
            .map_err(|e| format!("step {} cannot be played: {e}", i + 1))?;
        match journal.as_mut() {
            Some(j) => j
                .append(session.log())
                .map(|_| ())
                .map_err(|e| format!("cannot save {}: {e}", j.path().display()))?,
            None => {
                let j = store::Journal::create(&args.store, session.log())
                    .map_err(|e| format!("cannot create a session file: {e}"))?;
                say(&format!("file {}", j.path().display()))?;
                journal = Some(j);
            }
        }
        if session.state().ended()
            && let Some(j) = journal.as_mut()
        {
            j.finish(session.log())
                .map_err(|e| format!("cannot write the log {}: {e}", j.path().display()))?;
        }
        say(&format!(
            "ack {} {}",
            session.log().actions.len(),
            store::fingerprint(&session)
        ))?;
    }
    say(&format!(
        "done {} {}",
        session.log().actions.len(),
        store::fingerprint(&session)
    ))
}
