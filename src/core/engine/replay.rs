//! The one replay loop: a session rebuilt from its log, step by step. The
//! resume, the evaluation, the group debrief and the crash test's driver
//! all replay through [`Session::replay_each`]; callers that need more
//! than the end state (the events per action, the state before an action)
//! look at the steps as they pass.

use std::sync::Arc;

use super::event::Timed;
use super::log::{LoggedAction, SessionLog};
use super::session::{ActionError, Session, check_log};
use crate::core::scenario::compiled::Compiled;

/// One step of a replay, handed to the visitor with the session as it is
/// after the step (for [`Step::Before`]: before the action).
#[derive(Debug)]
pub enum Step<'a> {
    /// The session has started: its history holds the opening events.
    Started,
    /// Action `k` (0-based) is about to be applied (its entries too).
    Before { k: usize },
    /// The entries logged after `after` actions were applied.
    Entries { after: usize, events: Vec<Timed> },
    /// Action `k` was applied.
    Action {
        k: usize,
        action: &'a LoggedAction,
        events: Vec<Timed>,
    },
}

impl Session {
    /// Rebuilds a session from its log: the same log gives the same state
    /// (and the same log, entries included).
    pub fn replay(scenario: Arc<Compiled>, log: &SessionLog) -> Result<Session, ActionError> {
        Session::replay_each(scenario, log, |_, _| {})
    }

    /// [`Session::replay`], calling `visit` at every step (see [`Step`]).
    pub fn replay_each(
        scenario: Arc<Compiled>,
        log: &SessionLog,
        mut visit: impl FnMut(&Session, Step<'_>),
    ) -> Result<Session, ActionError> {
        check_log(&scenario, log)?;
        let mut s = Session::start(scenario, log.seed, &log.roles, log.trainee.clone())?;
        s.log.seats = log.seats.clone();
        s.log.trainer = log.trainer;
        s.log.hints = log.hints;
        visit(&s, Step::Started);
        for (k, a) in log.actions.iter().enumerate() {
            visit(&s, Step::Before { k });
            let events = s.apply_entries(log, k)?;
            if !events.is_empty() || log.entries.iter().any(|e| e.after == k) {
                visit(&s, Step::Entries { after: k, events });
            }
            let events = s.apply_logged(a)?;
            visit(
                &s,
                Step::Action {
                    k,
                    action: a,
                    events,
                },
            );
        }
        let n = log.actions.len();
        let events = s.apply_entries(log, n)?;
        if !events.is_empty() || log.entries.iter().any(|e| e.after == n) {
            visit(&s, Step::Entries { after: n, events });
        }
        Ok(s)
    }
}
