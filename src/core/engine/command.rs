//! One way into a session: everything a seat or the trainer can do is a
//! [`Command`], submitted with who submits it ([`Who`]). [`Session::submit`]
//! checks the permission — a seat acts only for its own role, trainer
//! commands only by the trainer of a session that has one — applies the
//! command and returns what happened. The session's other entry points
//! (`apply`, `end_part`, `end_part_for_all`, `note`, `release`) stay for
//! replaying logs and for explorers; a client (the app, a network host)
//! goes through `submit`.
//!
//! Commands and their submitters are plain serde types, so the same value
//! can travel over a wire later (issue 18).

use serde::{Deserialize, Serialize};

use super::event::Timed;
use super::log::EntryKind;
use super::session::{ActionError, Session};
use crate::core::scenario::model::{Act, Competency};

/// Who submits a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// The seat of a played role.
    Seat { role: String },
    /// The trainer who leads the session.
    Trainer,
}

/// Everything a seat or the trainer can do to a running session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A seat's action for its own role. `Advance` ends the seat's
    /// day-part: alone it moves the clock; on a training day the seat is
    /// ready and the clock moves when every seat is.
    Act(Act),
    /// Trainer: pause the exercise (no actions until `Resume`).
    Pause,
    /// Trainer: go on after a pause.
    Resume,
    /// Trainer: end the day-part for every seat.
    EndPartForAll,
    /// Trainer: release an optional inject now.
    Release { inject: String },
    /// Trainer: an observation, optionally about a role and a competency.
    Observe {
        text: String,
        #[serde(default)]
        role: Option<String>,
        #[serde(default)]
        competency: Option<Competency>,
    },
    /// Trainer: judge a manual expectation.
    Mark { expectation: String, met: bool },
    /// Trainer: a seat that does not come back (a laptop gone for good)
    /// is played by its role's script for the rest of the session.
    Script { role: String },
}

impl Command {
    /// Whether only the trainer may submit it.
    pub fn is_trainers(&self) -> bool {
        !matches!(self, Command::Act(_))
    }
}

impl Session {
    /// The one way in for a client: checks that `who` may submit `cmd`,
    /// applies it and returns what happened (nothing while a training
    /// day waits for other seats). A refused command changes nothing.
    pub fn submit(&mut self, who: &Who, cmd: &Command) -> Result<Vec<Timed>, ActionError> {
        match (who, cmd) {
            (Who::Seat { role }, Command::Act(act)) => {
                let r = self
                    .scenario()
                    .ids
                    .roles
                    .get(role)
                    .copied()
                    .ok_or_else(|| ActionError::Unknown {
                        kind: "role",
                        id: role.clone(),
                    })?;
                if !self.is_played(r) {
                    return Err(ActionError::NotPlayed(role.clone()));
                }
                if self.handed_to_script(r) {
                    return Err(ActionError::Scripted(role.clone()));
                }
                match act {
                    Act::Advance => self.end_part(role),
                    _ => self.apply(role, act),
                }
            }
            (Who::Seat { role }, _) => Err(ActionError::Forbidden {
                who: role.clone(),
                what: "trainer_command",
            }),
            (Who::Trainer, Command::Act(_)) => Err(ActionError::Forbidden {
                who: "trainer".to_string(),
                what: "seat_action",
            }),
            (Who::Trainer, _) if !self.log().trainer => Err(ActionError::NoTrainer),
            (Who::Trainer, Command::Pause) => self.note(EntryKind::Pause).map(|()| Vec::new()),
            (Who::Trainer, Command::Resume) => self.note(EntryKind::Resume).map(|()| Vec::new()),
            (Who::Trainer, Command::EndPartForAll) => self.end_part_for_all(),
            (Who::Trainer, Command::Release { inject }) => self.release(inject),
            (
                Who::Trainer,
                Command::Observe {
                    text,
                    role,
                    competency,
                },
            ) => self
                .note(EntryKind::Observe {
                    text: text.clone(),
                    role: role.clone(),
                    competency: competency.clone(),
                })
                .map(|()| Vec::new()),
            (Who::Trainer, Command::Script { role }) => self.take_over(role),
            (Who::Trainer, Command::Mark { expectation, met }) => self
                .note(EntryKind::Mark {
                    expectation: expectation.clone(),
                    met: *met,
                })
                .map(|()| Vec::new()),
        }
    }
}
