//! The session log: the whole of a session, as a RON document.
//!
//! A session is (scenario id + content hash, seed, played roles, ordered
//! actions with their clock time). Saving appends to it; resuming replays
//! it. The serialisation is deterministic: the same log gives the same
//! bytes.
//!
//! Format 2 adds the training day: the seats (role + person), whether a
//! trainer leads, and `entries` — what happened that is not a role's action
//! (a seat ending its day-part, the trainer's commands and observations),
//! each placed among the actions by `after`. A format-1 file reads as a
//! format-2 log without seats, trainer or entries.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::diag::{Diagnostic, Pos};
use crate::core::scenario::load::{parse_ron, read_text};
use crate::core::scenario::model::{Act, Competency};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLog {
    /// Version of this log format.
    pub format: u32,
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    /// Roles played by people.
    pub roles: Vec<String>,
    #[serde(default)]
    pub trainee: Option<String>,
    /// The seats of a training day: who plays which role. Empty for
    /// self-study (one seat: the played role and the trainee).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<Seat>,
    /// A trainer leads the session (trainer console, pause, injects).
    #[serde(default, skip_serializing_if = "is_false")]
    pub trainer: bool,
    /// Hints are on: the dossier shows each fact's legal category during
    /// play (off by default; the debrief always shows it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub hints: bool,
    pub actions: Vec<LoggedAction>,
    /// Turns, trainer commands and observations, in order, each after the
    /// number of actions it followed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A person (or a table) playing a role on a training day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seat {
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

/// Something that happened in the session that is not a role's action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// How many actions of the log came before it.
    pub after: usize,
    /// The day-part it happened in.
    pub tick: u32,
    pub what: EntryKind,
}

/// The kinds of [`Entry`]. Only `Release` changes the case; the others are
/// kept so that a resumed session and the debrief see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    /// A seat ended its day-part; the clock moves when every seat has (the
    /// `Advance` that moves it is in the actions).
    Ready {
        role: String,
    },
    /// The trainer paused the exercise: no actions until `Resume`.
    Pause,
    Resume,
    /// The trainer ended the day-part for everyone (the `Advance` follows
    /// in the actions).
    EndDayPart,
    /// The trainer released an optional inject of the scenario.
    Release {
        inject: String,
    },
    /// The trainer's observation, optionally about a role and a
    /// competency.
    Observe {
        text: String,
        #[serde(default)]
        role: Option<String>,
        #[serde(default)]
        competency: Option<Competency>,
    },
    /// The trainer judged an expectation by hand (only where the scenario
    /// allows it: `manual: true`).
    Mark {
        expectation: String,
        met: bool,
    },
    /// The trainer handed a seat that did not come back to its role's
    /// script for the rest of the session: from here the role acts as an
    /// unplayed one (its script steps and open decisions run by
    /// themselves) and it no longer holds up the clock.
    Scripted {
        role: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedAction {
    /// The day-part the action was taken in.
    pub tick: u32,
    pub role: String,
    pub act: Act,
}

impl SessionLog {
    /// The format this program writes; it reads 1 and 2.
    pub const FORMAT: u32 = 2;

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .struct_names(true)
            .indentor("  ".to_string());
        // Serialising plain data into a String cannot fail; fall back to
        // the compact form rather than panic if it ever did.
        ron::ser::to_string_pretty(self, config)
            .or_else(|_| ron::to_string(self))
            .unwrap_or_default()
            + "\n"
    }

    pub fn from_ron(path: &Path, text: &str) -> Result<SessionLog, Box<Diagnostic>> {
        let log: SessionLog = parse_ron(path, text)?;
        if !(1..=Self::FORMAT).contains(&log.format) {
            return Err(Box::new(
                Diagnostic::error(
                    path,
                    Pos::START,
                    format!(
                        "session log format {} is not supported (this program reads 1 to {})",
                        log.format,
                        Self::FORMAT
                    ),
                )
                .with_hint("open the log with the version of the program that wrote it"),
            ));
        }
        Ok(log)
    }

    /// The seats: those of a training day, else one per played role
    /// (self-study: the trainee at the first).
    pub fn seats(&self) -> Vec<Seat> {
        if !self.seats.is_empty() {
            return self.seats.clone();
        }
        self.roles
            .iter()
            .enumerate()
            .map(|(i, r)| Seat {
                role: r.clone(),
                person: if i == 0 { self.trainee.clone() } else { None },
            })
            .collect()
    }

    /// Reads a session file's text: a readable log (RON) or an appending
    /// journal (`super::journal`; a torn last line is dropped).
    pub fn from_text(path: &Path, text: &str) -> Result<SessionLog, Box<Diagnostic>> {
        if super::journal::is_journal(text) {
            super::journal::read(path, text).map(|j| j.log)
        } else {
            Self::from_ron(path, text)
        }
    }

    pub fn read(path: &Path) -> Result<SessionLog, Box<Diagnostic>> {
        let text = read_text(path)?;
        Self::from_text(path, &text)
    }
}
