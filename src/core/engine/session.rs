//! The event-sourced session: (scenario, seed, played roles, actions).
//!
//! `Session::start` draws every seeded variation up front, so the random
//! generator is never consulted after the start and the state is a pure
//! function of the action log. `apply` validates an action, appends it to
//! the log, performs it and settles the case (injects, rules, scripted
//! roles) to a fixed point.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use thiserror::Error;

use super::deps::{Deps, Key, Watcher};
use super::event::{Event, ShareItem, Timed, Via};
use super::law::judge;
use super::log::{Entry, EntryKind, LoggedAction, Seat, SessionLog};
use super::state::{
    ConsentAnswerState, ConsentRecord, DecisionState, Origin, ShareRecord, State, form_index,
};
use crate::core::scenario::compiled::{ActRef, CAct, CEffect, Compiled, Ix, map_act};
use crate::core::scenario::model::{Act, ChannelKind, Form};

/// Upper bound on settle passes per action. Every rule, script step and
/// inject fires at most once, so a fixed point is reached in at most
/// (rules + steps + injects + decisions + 1) passes; this is a safety net.
const MAX_PASSES: usize = 100_000;

/// Why an action was refused. A refused action changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActionError {
    #[error("the case has ended")]
    Ended,
    #[error("role `{0}` is not played in this session")]
    NotPlayed(String),
    #[error("role `{0}` cannot be played: it acts by script only (`playable: false`)")]
    NotPlayable(String),
    #[error("unknown {kind} `{id}`")]
    Unknown { kind: &'static str, id: String },
    #[error("role `{role}` does not know fact `{fact}`")]
    UnknownFact { role: String, fact: String },
    #[error("fact `{0}` is already flagged with this form")]
    AlreadyFlagged(String),
    #[error("nothing to share: choose at least one fact")]
    NoFacts,
    #[error("choose at least one recipient")]
    NoRecipient,
    #[error("`{0}` cannot receive through this channel")]
    NotAMember(String),
    #[error("a role cannot share with itself")]
    SelfShare,
    #[error("in a meeting everyone present hears it: leave `to` empty")]
    MeetingRecipients,
    #[error("role `{role}` cannot use `{what}`")]
    NotAvailable { role: String, what: String },
    #[error("`{who}` may not submit a {what}")]
    Forbidden { who: String, what: &'static str },
    #[error("decision `{0}` is not open for this role")]
    DecisionNotOpen(String),
    #[error("meeting `{channel}` is not in session now (next sitting: {next})")]
    NotInSession { channel: String, next: String },
    #[error("role `{role}` cannot convene meeting `{channel}`")]
    CannotConvene { role: String, channel: String },
    #[error("consent request `{0}` was asked already")]
    AlreadyAsked(String),
    #[error("the exercise is paused by the trainer")]
    Paused,
    #[error("this session has no trainer")]
    NoTrainer,
    #[error("role `{0}` was handed to its script by the trainer")]
    Scripted(String),
    #[error("inject `{0}` is not optional: it comes by itself")]
    NotOptional(String),
    #[error("inject `{0}` has been delivered already")]
    AlreadyDelivered(String),
    #[error("inject `{0}` cannot be released yet (its time or condition)")]
    NotYet(String),
    #[error("expectation `{0}` cannot be judged by hand (`manual: true` is not set)")]
    NotManual(String),
    #[error("the log says tick {logged}, the session is at tick {actual}")]
    ClockMismatch { logged: u32, actual: u32 },
    #[error("the log is for scenario `{log}` ({log_hash}), not `{scenario}` ({hash})")]
    WrongScenario {
        log: String,
        log_hash: String,
        scenario: String,
        hash: String,
    },
}

/// `NotInSession::next` when no sitting is planned.
pub const NO_SITTING: &str = "geen gepland";

impl ActionError {
    /// A stable code for the refusal (for logs, tests and a network
    /// protocol); it does not change when the wording does.
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::Ended => "ended",
            ActionError::NotPlayed(_) => "not_played",
            ActionError::NotPlayable(_) => "not_playable",
            ActionError::Unknown { .. } => "unknown",
            ActionError::UnknownFact { .. } => "unknown_fact",
            ActionError::AlreadyFlagged(_) => "already_flagged",
            ActionError::NoFacts => "no_facts",
            ActionError::NoRecipient => "no_recipient",
            ActionError::NotAMember(_) => "not_a_member",
            ActionError::SelfShare => "self_share",
            ActionError::MeetingRecipients => "meeting_recipients",
            ActionError::NotAvailable { .. } => "not_available",
            ActionError::DecisionNotOpen(_) => "decision_not_open",
            ActionError::NotInSession { .. } => "not_in_session",
            ActionError::CannotConvene { .. } => "cannot_convene",
            ActionError::AlreadyAsked(_) => "already_asked",
            ActionError::Paused => "paused",
            ActionError::NoTrainer => "no_trainer",
            ActionError::Scripted(_) => "scripted",
            ActionError::NotOptional(_) => "not_optional",
            ActionError::AlreadyDelivered(_) => "already_delivered",
            ActionError::NotYet(_) => "not_yet",
            ActionError::NotManual(_) => "not_manual",
            ActionError::ClockMismatch { .. } => "clock_mismatch",
            ActionError::WrongScenario { .. } => "wrong_scenario",
            ActionError::Forbidden { .. } => "forbidden",
        }
    }

    /// The refusal as a trainee reads it: plain Dutch, with what to do
    /// instead.
    pub fn dutch(&self) -> String {
        match self {
            ActionError::Ended => "de casus is afgelopen.".to_string(),
            ActionError::NotPlayed(_) | ActionError::NotPlayable(_) => {
                "deze rol wordt in deze sessie niet door u gespeeld.".to_string()
            }
            ActionError::Unknown { .. } => {
                "dit onderdeel bestaat niet (meer) in de casus.".to_string()
            }
            ActionError::UnknownFact { .. } => {
                "u kunt alleen gegevens delen of markeren die in uw dossier staan.".to_string()
            }
            ActionError::AlreadyFlagged(_) => {
                "u hebt dit gegeven al als signaal van deze vorm gemarkeerd.".to_string()
            }
            ActionError::NoFacts => "kies ten minste één gegeven om te delen.".to_string(),
            ActionError::NoRecipient => "kies ten minste één ontvanger.".to_string(),
            ActionError::NotAMember(_) => {
                "deze ontvanger is via dit kanaal niet bereikbaar; kies een ander kanaal."
                    .to_string()
            }
            ActionError::SelfShare => {
                "u kunt niet met uw eigen rol delen; kies een andere ontvanger.".to_string()
            }
            ActionError::MeetingRecipients => {
                "in een overleg hoort iedereen die aanwezig is het; kies geen losse ontvangers."
                    .to_string()
            }
            ActionError::NotAvailable { .. } => "dat is nu niet mogelijk voor uw rol.".to_string(),
            ActionError::DecisionNotOpen(_) => {
                "deze beslissing staat niet (meer) open.".to_string()
            }
            ActionError::NotInSession { next, .. } if next == NO_SITTING => {
                "het overleg zit nu niet en er is geen zitting gepland. Vraag het overleg aan, of kies een andere route.".to_string()
            }
            ActionError::NotInSession { next, .. } => format!(
                "het overleg zit nu niet. Volgende zitting: {next}. Breng het dan in, vraag het overleg aan, of kies een andere route."
            ),
            ActionError::CannotConvene { .. } => {
                "u kunt dit overleg niet bijeenroepen.".to_string()
            }
            ActionError::AlreadyAsked(_) => {
                "u hebt deze toestemming al gevraagd; het antwoord staat in uw overzicht."
                    .to_string()
            }
            ActionError::Paused => {
                "de trainer heeft de oefening gepauzeerd; wacht tot de trainer verdergaat."
                    .to_string()
            }
            ActionError::NoTrainer => "deze sessie heeft geen trainer.".to_string(),
            ActionError::Scripted(_) => {
                "de trainer heeft deze rol aan het script overgedragen; u kunt meekijken, maar niet meer handelen.".to_string()
            }
            ActionError::NotOptional(_) => {
                "dit bericht komt vanzelf; de trainer kan het niet vrijgeven.".to_string()
            }
            ActionError::AlreadyDelivered(_) => "dit bericht is al verstuurd.".to_string(),
            ActionError::NotYet(_) => {
                "dit bericht kan nog niet worden vrijgegeven (het tijdstip of de situatie in de casus is er nog niet naar)."
                    .to_string()
            }
            ActionError::NotManual(_) => {
                "deze verwachting wordt door het programma beoordeeld, niet met de hand."
                    .to_string()
            }
            ActionError::ClockMismatch { .. } | ActionError::WrongScenario { .. } => {
                "de opgeslagen sessie past niet bij deze casus.".to_string()
            }
            ActionError::Forbidden { .. } => {
                "dat mag alleen de trainer, of alleen de tafel van de rol zelf.".to_string()
            }
        }
    }
}

/// Everything the seed decides, drawn once at the start.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variation {
    /// Per fact: which text (0 = `text`, k = `variants[k-1]`).
    pub fact_text: Vec<usize>,
    /// Per pool: the drawn facts, in draw order.
    pub pool_draw: Vec<Vec<Ix>>,
    /// Per inject: extra delay in day-parts.
    pub jitter: Vec<u32>,
}

impl Variation {
    fn draw(c: &Compiled, seed: u64) -> Variation {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // Modulo bias is irrelevant at these sizes; using plain `next_u64`
        // keeps the draw independent of `rand`'s distribution algorithms.
        let mut below = |n: usize| -> usize {
            if n <= 1 {
                0
            } else {
                (rng.next_u64() % n as u64) as usize
            }
        };
        let fact_text = c.facts.iter().map(|f| below(f.texts)).collect();
        let pool_draw = c
            .pools
            .iter()
            .map(|p| {
                let mut items = p.facts.clone();
                let n = p.draw.min(items.len());
                for i in 0..n {
                    let j = i + below(items.len() - i);
                    items.swap(i, j);
                }
                items.truncate(n);
                items
            })
            .collect();
        let jitter = c
            .injects
            .iter()
            .map(|i| below(i.jitter as usize + 1) as u32)
            .collect();
        Variation {
            fact_text,
            pool_draw,
            jitter,
        }
    }
}

/// A running (or replayed) case.
#[derive(Debug, Clone)]
pub struct Session {
    scenario: Arc<Compiled>,
    seed: u64,
    played: Vec<bool>,
    /// Played roles handed over to their script (what-if runs only).
    autopilot: Vec<bool>,
    variation: Variation,
    state: State,
    pub(super) log: SessionLog,
    history: Vec<Timed>,
    work: Work,
}

/// What the settle loop still has to look at. Derived from the state
/// (a cache), so it is not part of `State`.
#[derive(Debug, Clone, Default)]
struct Work {
    deps: Arc<Deps>,
    /// Rules, conditional injects and script steps whose conditions may
    /// have changed since they were last found false.
    rules: BTreeSet<Ix>,
    injects: BTreeSet<Ix>,
    scripts: BTreeSet<(Ix, Ix)>,
    /// Timed and scheduled injects: (due tick, inject).
    due: BTreeSet<(u32, Ix)>,
    /// Open decisions of roles played by script.
    auto: BTreeSet<Ix>,
    /// Script steps whose condition held but whose action was not possible
    /// yet; looked at again at the next settle.
    retry: BTreeSet<(Ix, Ix)>,
    /// Script steps that have waited at least once (reported once).
    waiting: BTreeSet<(Ix, Ix)>,
}

impl Session {
    /// Starts a session. `played` are role ids played by people; every
    /// other role acts by script.
    pub fn start(
        scenario: Arc<Compiled>,
        seed: u64,
        played: &[String],
        trainee: Option<String>,
    ) -> Result<Session, ActionError> {
        let c = &*scenario;
        let mut played_flags = vec![false; c.roles.len()];
        for id in played {
            let ix = *c.ids.roles.get(id).ok_or_else(|| ActionError::Unknown {
                kind: "role",
                id: id.clone(),
            })?;
            if !c.scenario.roles[ix].playable {
                return Err(ActionError::NotPlayable(id.clone()));
            }
            played_flags[ix] = true;
        }
        let variation = Variation::draw(c, seed);
        let log = SessionLog {
            format: SessionLog::FORMAT,
            scenario: c.scenario.id.clone(),
            scenario_hash: c.hash.clone(),
            seed,
            roles: played.to_vec(),
            trainee,
            seats: Vec::new(),
            trainer: false,
            hints: false,
            actions: Vec::new(),
            entries: Vec::new(),
        };
        let work = Work {
            deps: Arc::new(Deps::new(c)),
            rules: (0..c.rules.len()).collect(),
            injects: (0..c.injects.len())
                .filter(|i| c.injects[*i].when.is_some() && !c.injects[*i].optional)
                .collect(),
            scripts: c
                .roles
                .iter()
                .enumerate()
                .filter(|(r, _)| !played_flags[*r])
                .flat_map(|(r, role)| (0..role.script.len()).map(move |s| (r, s)))
                .collect(),
            due: BTreeSet::new(),
            auto: BTreeSet::new(),
            retry: BTreeSet::new(),
            waiting: BTreeSet::new(),
        };
        let mut session = Session {
            state: State::new(c),
            scenario: scenario.clone(),
            seed,
            played: played_flags,
            autopilot: vec![false; c.roles.len()],
            variation,
            log,
            history: Vec::new(),
            work,
        };
        let mut out = Vec::new();
        session.initialise(&mut out);
        session.settle(&mut out);
        session.record(out);
        Ok(session)
    }

    /// Starts a training day: `seats` play their roles (one seat per role),
    /// every other role acts by script; `trainer` when a trainer leads.
    pub fn start_day(
        scenario: Arc<Compiled>,
        seed: u64,
        seats: &[Seat],
        trainer: bool,
    ) -> Result<Session, ActionError> {
        let roles: Vec<String> = seats.iter().map(|s| s.role.clone()).collect();
        let mut session = Session::start(scenario, seed, &roles, None)?;
        session.log.seats = seats.to_vec();
        session.log.trainer = trainer;
        Ok(session)
    }

    /// Applies the entries of `log` that came after `k` actions (for a
    /// replay that walks the actions itself); returns what happened.
    pub fn apply_entries(&mut self, log: &SessionLog, k: usize) -> Result<Vec<Timed>, ActionError> {
        let mut out = Vec::new();
        for e in log.entries.iter().filter(|e| e.after == k) {
            out.extend(self.apply_entry(e)?);
        }
        Ok(out)
    }

    /// Applies one entry of a log, checking that the clock agrees.
    pub fn apply_entry(&mut self, e: &Entry) -> Result<Vec<Timed>, ActionError> {
        if e.tick != self.state.tick {
            return Err(ActionError::ClockMismatch {
                logged: e.tick,
                actual: self.state.tick,
            });
        }
        match &e.what {
            EntryKind::Release { inject } => self.release(inject),
            EntryKind::Scripted { role } => self.hand_to_script(role),
            other => {
                self.note(other.clone())?;
                Ok(Vec::new())
            }
        }
    }

    /// Whether the trainer has paused the exercise (the last `Pause` is
    /// not followed by a `Resume`).
    pub fn paused(&self) -> bool {
        self.log
            .entries
            .iter()
            .rev()
            .find_map(|e| match e.what {
                EntryKind::Pause => Some(true),
                EntryKind::Resume => Some(false),
                _ => None,
            })
            .unwrap_or(false)
    }

    /// The played roles that ended the current day-part (training day).
    pub fn ready_roles(&self) -> Vec<String> {
        let tick = self.state.tick;
        let mut out: Vec<String> = Vec::new();
        for e in self.log.entries.iter().filter(|e| e.tick == tick) {
            if let EntryKind::Ready { role } = &e.what
                && !out.contains(role)
            {
                out.push(role.clone());
            }
        }
        out
    }

    /// Records an entry that does not change the case (a seat's turn, the
    /// trainer's pause, observation or mark). Checks what it names.
    pub fn note(&mut self, what: EntryKind) -> Result<(), ActionError> {
        let c = self.scenario.clone();
        let role_played = |id: &str| -> Result<(), ActionError> {
            let r = *c.ids.roles.get(id).ok_or_else(|| ActionError::Unknown {
                kind: "role",
                id: id.to_string(),
            })?;
            if self.is_played(r) {
                Ok(())
            } else {
                Err(ActionError::NotPlayed(id.to_string()))
            }
        };
        match &what {
            EntryKind::Ready { role } => role_played(role)?,
            EntryKind::Observe { role: Some(id), .. } => {
                c.ids.roles.get(id).ok_or_else(|| ActionError::Unknown {
                    kind: "role",
                    id: id.clone(),
                })?;
            }
            EntryKind::Mark { expectation, .. } => {
                let e = c
                    .scenario
                    .expectations
                    .iter()
                    .find(|e| e.id == *expectation)
                    .ok_or_else(|| ActionError::Unknown {
                        kind: "expectation",
                        id: expectation.clone(),
                    })?;
                if !e.manual {
                    return Err(ActionError::NotManual(expectation.clone()));
                }
            }
            EntryKind::Release { .. } => {
                return Err(ActionError::Unknown {
                    kind: "entry",
                    id: "Release (use `release`)".to_string(),
                });
            }
            EntryKind::Scripted { .. } => {
                return Err(ActionError::Unknown {
                    kind: "entry",
                    id: "Scripted (use `take_over`)".to_string(),
                });
            }
            EntryKind::Pause
            | EntryKind::Resume
            | EntryKind::EndDayPart
            | EntryKind::Observe { role: None, .. } => {}
        }
        if !self.log.trainer && !matches!(what, EntryKind::Ready { .. }) {
            return Err(ActionError::NoTrainer);
        }
        self.log.entries.push(Entry {
            after: self.log.actions.len(),
            tick: self.state.tick,
            what,
        });
        Ok(())
    }

    /// Releases an optional inject now (the trainer's "nu inzetten"):
    /// delivered as if its time had come; returns what happened.
    pub fn release(&mut self, inject: &str) -> Result<Vec<Timed>, ActionError> {
        let c = self.scenario.clone();
        if !self.log.trainer {
            return Err(ActionError::NoTrainer);
        }
        if self.state.ended() {
            return Err(ActionError::Ended);
        }
        let i = *c
            .ids
            .injects
            .get(inject)
            .ok_or_else(|| ActionError::Unknown {
                kind: "inject",
                id: inject.to_string(),
            })?;
        let inj = &c.injects[i];
        if !inj.optional {
            return Err(ActionError::NotOptional(inject.to_string()));
        }
        if self.state.delivered[i].is_some() {
            return Err(ActionError::AlreadyDelivered(inject.to_string()));
        }
        if inj.at.is_some_and(|at| at > self.state.tick)
            || inj.when.as_ref().is_some_and(|w| !self.state.holds(w))
        {
            return Err(ActionError::NotYet(inject.to_string()));
        }
        let tick = self.state.tick;
        let start = self.history.len();
        let mut out = Vec::new();
        self.deliver(i, &mut out);
        self.settle(&mut out);
        self.log.entries.push(Entry {
            after: self.log.actions.len(),
            tick,
            what: EntryKind::Release {
                inject: inject.to_string(),
            },
        });
        self.record(out);
        Ok(self.history[start..].to_vec())
    }

    /// A seat ends its day-part. With one seat the clock moves at once;
    /// with several it moves when every seat has ended it (the last one's
    /// `Advance` is logged). Returns what happened (nothing while others
    /// are still busy).
    pub fn end_part(&mut self, role: &str) -> Result<Vec<Timed>, ActionError> {
        if self.log.roles.len() <= 1 {
            return self.apply(role, &Act::Advance);
        }
        if self.paused() {
            return Err(ActionError::Paused);
        }
        let c = self.scenario.clone();
        let r = *c.ids.roles.get(role).ok_or_else(|| ActionError::Unknown {
            kind: "role",
            id: role.to_string(),
        })?;
        self.check(r, &CAct::Advance)?;
        if !self.ready_roles().iter().any(|x| x == role) {
            self.note(EntryKind::Ready {
                role: role.to_string(),
            })?;
        }
        let ready = self.ready_roles();
        if self
            .log
            .roles
            .iter()
            .all(|x| ready.contains(x) || self.scripted_id(x))
        {
            self.apply(role, &Act::Advance)
        } else {
            Ok(Vec::new())
        }
    }

    /// The played roles that still work in this day-part (a seat handed
    /// to its script never holds up the clock).
    pub fn waiting_for(&self) -> Vec<String> {
        let ready = self.ready_roles();
        self.log
            .roles
            .iter()
            .filter(|r| !ready.contains(r) && !self.scripted_id(r))
            .cloned()
            .collect()
    }

    /// Whether the trainer handed played role `role` to its script
    /// (`EntryKind::Scripted`).
    pub fn handed_to_script(&self, role: Ix) -> bool {
        self.is_played(role) && self.autopilot.get(role).copied().unwrap_or(false)
    }

    fn scripted_id(&self, role: &str) -> bool {
        self.scenario
            .ids
            .roles
            .get(role)
            .is_some_and(|&r| self.handed_to_script(r))
    }

    /// The trainer hands the seat of `role` (a laptop that did not come
    /// back) to the role's script for the rest of the session, logged as
    /// [`EntryKind::Scripted`] so that a replay does the same. When every
    /// other seat has ended the day-part, the clock moves (the `Advance`
    /// is logged as the first of them). Returns what happened.
    pub fn take_over(&mut self, role: &str) -> Result<Vec<Timed>, ActionError> {
        if !self.log.trainer {
            return Err(ActionError::NoTrainer);
        }
        if self.state.ended() {
            return Err(ActionError::Ended);
        }
        let start = self.history.len();
        self.hand_to_script(role)?;
        let ready = self.ready_roles();
        let waiting = self.waiting_for();
        let first_ready = self.log.roles.iter().find(|r| ready.contains(r)).cloned();
        if self.log.roles.len() > 1
            && waiting.is_empty()
            && !self.paused()
            && let Some(first) = first_ready
        {
            self.apply(&first, &Act::Advance)?;
        }
        Ok(self.history[start..].to_vec())
    }

    /// Logs and performs the hand-over of played role `role` to its
    /// script (live and in a replay).
    fn hand_to_script(&mut self, role: &str) -> Result<Vec<Timed>, ActionError> {
        let c = self.scenario.clone();
        let r = *c.ids.roles.get(role).ok_or_else(|| ActionError::Unknown {
            kind: "role",
            id: role.to_string(),
        })?;
        if !self.is_played(r) {
            return Err(ActionError::NotPlayed(role.to_string()));
        }
        if self.handed_to_script(r) {
            return Err(ActionError::Scripted(role.to_string()));
        }
        if !self.log.trainer {
            return Err(ActionError::NoTrainer);
        }
        self.log.entries.push(Entry {
            after: self.log.actions.len(),
            tick: self.state.tick,
            what: EntryKind::Scripted {
                role: role.to_string(),
            },
        });
        Ok(self.hand_over(r))
    }

    /// The trainer ends the day-part for every seat.
    pub fn end_part_for_all(&mut self) -> Result<Vec<Timed>, ActionError> {
        let Some(first) = self.log.roles.first().cloned() else {
            return Err(ActionError::NotPlayed(String::new()));
        };
        if self.paused() {
            return Err(ActionError::Paused);
        }
        if self.state.ended() {
            return Err(ActionError::Ended);
        }
        self.note(EntryKind::EndDayPart)?;
        self.apply(&first, &Act::Advance)
    }

    /// The optional injects the trainer can release now.
    pub fn releasable(&self) -> Vec<Ix> {
        let c = &*self.scenario;
        if !self.log.trainer || self.state.ended() {
            return Vec::new();
        }
        (0..c.injects.len())
            .filter(|&i| {
                let inj = &c.injects[i];
                inj.optional
                    && self.state.delivered[i].is_none()
                    && inj.at.is_none_or(|at| at <= self.state.tick)
                    && inj.when.as_ref().is_none_or(|w| self.state.holds(w))
            })
            .collect()
    }

    /// Ends the day-part for `role` until the case ends (the clock is
    /// finite); returns what happened. Used to finish scripted runs.
    pub fn run_out(&mut self, role: &str) -> Vec<Timed> {
        let mut out = Vec::new();
        while !self.state.ended() {
            match self.apply(role, &Act::Advance) {
                Ok(ev) => out.extend(ev),
                Err(_) => break,
            }
        }
        out
    }

    /// Applies one action of a log, checking that the clock agrees.
    pub fn apply_logged(&mut self, a: &LoggedAction) -> Result<Vec<Timed>, ActionError> {
        if a.tick != self.state.tick {
            return Err(ActionError::ClockMismatch {
                logged: a.tick,
                actual: self.state.tick,
            });
        }
        self.apply(&a.role, &a.act)
    }

    pub fn scenario(&self) -> &Arc<Compiled> {
        &self.scenario
    }
    pub fn state(&self) -> &State {
        &self.state
    }
    pub fn log(&self) -> &SessionLog {
        &self.log
    }
    pub fn history(&self) -> &[Timed] {
        &self.history
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn variation(&self) -> &Variation {
        &self.variation
    }
    pub fn is_played(&self, role: Ix) -> bool {
        self.played.get(role).copied().unwrap_or(false)
    }

    /// Whether `role` acts by its script: not played, or handed over.
    fn by_script(&self, role: Ix) -> bool {
        !self.is_played(role) || self.autopilot.get(role).copied().unwrap_or(false)
    }

    /// Hands a played role over to its script for the rest of the session,
    /// as if an expert took over now: its remaining script steps and open
    /// decisions run as for an unplayed role. The clock still moves only by
    /// `apply(.., Advance)`, which stays allowed for the role.
    ///
    /// Meant for what-if runs (the evaluation's expert path and turning
    /// points): after a hand-over the session log no longer describes the
    /// session, so such a session must not be saved. A hand-over that is
    /// part of the session (the trainer's) goes through
    /// [`Session::take_over`], which logs it.
    pub fn hand_over(&mut self, role: Ix) -> Vec<Timed> {
        let c = self.scenario.clone();
        if !self.is_played(role) || self.by_script(role) {
            return Vec::new();
        }
        self.autopilot[role] = true;
        if let Some(r) = c.roles.get(role) {
            for step in 0..r.script.len() {
                if !self.state.script_done[role][step] {
                    self.work.scripts.insert((role, step));
                }
            }
        }
        for (d, cd) in c.decisions.iter().enumerate() {
            if cd.role == role && matches!(self.state.decisions[d], DecisionState::Open { .. }) {
                self.work.auto.insert(d);
            }
        }
        let start = self.history.len();
        let mut out = Vec::new();
        self.settle(&mut out);
        self.record(out);
        self.history[start..].to_vec()
    }

    /// Switches the session's hints on or off (the legal category of each
    /// fact in the dossier during play). Kept in the log.
    pub fn set_hints(&mut self, on: bool) {
        self.log.hints = on;
    }

    /// Whether the session's hints are on.
    pub fn hints(&self) -> bool {
        self.log.hints
    }

    /// Drops the events recorded so far (the transcript, and what
    /// `learned_via` reads); the state and the log stay. For explorers
    /// that clone sessions by the thousand and never show a transcript.
    pub fn forget_history(&mut self) {
        self.history.clear();
    }

    /// Takes the actions logged so far out of the log (which keeps its
    /// header). For explorers that keep the path themselves: cloning a
    /// session then no longer copies its whole log. Such a session's log
    /// no longer describes it, so it must not be saved.
    pub fn take_actions(&mut self) -> Vec<LoggedAction> {
        std::mem::take(&mut self.log.actions)
    }

    /// Script steps of the played `role` that could run now: not done yet,
    /// condition holds, action possible, and not a clock move. In file
    /// order. Used by `analyze` to let a played role "work as the expert".
    pub fn ready_steps(&self, role: Ix) -> Vec<Ix> {
        let c = &*self.scenario;
        if !self.is_played(role) || self.state.ended() {
            return Vec::new();
        }
        let Some(r) = c.roles.get(role) else {
            return Vec::new();
        };
        (0..r.script.len())
            .filter(|&step| {
                let (cond, act) = &r.script[step];
                !self.state.script_done[role][step]
                    && *act != CAct::Advance
                    && self.state.holds(cond)
                    && self.check(role, act).is_ok()
            })
            .collect()
    }

    /// Performs script step `step` of the played `role` as that role's own
    /// action (logged like any action) and marks the step done, so the
    /// session state records that the role did what its script says.
    pub fn apply_step(&mut self, role: Ix, step: Ix) -> Result<Vec<Timed>, ActionError> {
        let c = self.scenario.clone();
        let unknown = || ActionError::Unknown {
            kind: "script step",
            id: format!("{role}/{step}"),
        };
        let r = c.scenario.roles.get(role).ok_or_else(unknown)?;
        let act = &r.script.get(step).ok_or_else(unknown)?.act;
        let events = self.apply(&r.id, act)?;
        if let Some(done) = self
            .state
            .script_done
            .get_mut(role)
            .and_then(|s| s.get_mut(step))
        {
            *done = true;
        }
        Ok(events)
    }

    /// How `role` first learned each fact (`None`: it does not know it),
    /// from one pass over the history.
    pub fn learned_via(&self, role: Ix) -> Vec<Option<Via>> {
        let mut via = vec![None; self.scenario.facts.len()];
        for t in &self.history {
            if let Event::Learned {
                role: who,
                fact,
                via: how,
            } = &t.event
                && *who == role
                && let Some(slot) = via.get_mut(*fact)
                && slot.is_none()
            {
                *slot = Some(*how);
            }
        }
        via
    }

    /// The text of a fact as drawn for this session.
    pub fn fact_text(&self, fact: Ix) -> &str {
        let Some(f) = self.scenario.scenario.facts.get(fact) else {
            return "?";
        };
        match self.variation.fact_text.get(fact).copied().unwrap_or(0) {
            0 => &f.text,
            k => f.variants.get(k - 1).map(String::as_str).unwrap_or(&f.text),
        }
    }

    /// Performs `act` for the played role `role`; returns what happened.
    pub fn apply(&mut self, role: &str, act: &Act) -> Result<Vec<Timed>, ActionError> {
        let c = self.scenario.clone();
        let r = *c.ids.roles.get(role).ok_or_else(|| ActionError::Unknown {
            kind: "role",
            id: role.to_string(),
        })?;
        if !self.is_played(r) {
            return Err(ActionError::NotPlayed(role.to_string()));
        }
        if self.paused() {
            return Err(ActionError::Paused);
        }
        let cact = resolve_act(&c, act)?;
        self.check(r, &cact)?;
        let tick = self.state.tick;
        let start = self.history.len();
        let mut out = Vec::new();
        self.perform(r, &cact, false, &mut out);
        self.settle(&mut out);
        self.log.actions.push(LoggedAction {
            tick,
            role: role.to_string(),
            act: act.clone(),
        });
        self.record(out);
        Ok(self.history[start..].to_vec())
    }

    fn record(&mut self, out: Vec<Timed>) {
        self.history.extend(out);
    }

    fn emit(&self, out: &mut Vec<Timed>, event: Event) {
        out.push(Timed {
            tick: self.state.tick,
            event,
        });
    }

    /// Whether `role` may perform `act` now.
    pub fn check(&self, role: Ix, act: &CAct) -> Result<(), ActionError> {
        let c = &*self.scenario;
        let s = &c.scenario;
        let st = &self.state;
        if st.ended() {
            return Err(ActionError::Ended);
        }
        let role_id = || c.role_id(role).to_string();
        let fact_id = |f: Ix| s.facts.get(f).map(|x| x.id.clone()).unwrap_or_default();
        match act {
            CAct::Flag(fact, form) => {
                if !st.knows(role, *fact) {
                    return Err(ActionError::UnknownFact {
                        role: role_id(),
                        fact: fact_id(*fact),
                    });
                }
                if st.flags[role][*fact].is_some_and(|(f, _)| f == *form) {
                    return Err(ActionError::AlreadyFlagged(fact_id(*fact)));
                }
            }
            CAct::Share {
                facts,
                to,
                channel,
                ground: _,
            } => {
                if facts.is_empty() {
                    return Err(ActionError::NoFacts);
                }
                for f in facts {
                    if !st.knows(role, *f) {
                        return Err(ActionError::UnknownFact {
                            role: role_id(),
                            fact: fact_id(*f),
                        });
                    }
                }
                let ch = &c.channels[*channel];
                if !ch.users.is_empty() && !ch.users.contains(&role) {
                    return Err(ActionError::NotAvailable {
                        role: role_id(),
                        what: s.channels[*channel].id.clone(),
                    });
                }
                match ch.kind {
                    ChannelKind::Meeting => {
                        if !ch.members.contains(&role) {
                            return Err(ActionError::NotAvailable {
                                role: role_id(),
                                what: s.channels[*channel].id.clone(),
                            });
                        }
                        if !to.is_empty() {
                            return Err(ActionError::MeetingRecipients);
                        }
                        if !st.in_session(*channel) {
                            return Err(ActionError::NotInSession {
                                channel: s.channels[*channel].id.clone(),
                                next: st
                                    .next_sitting(*channel)
                                    .map_or_else(|| NO_SITTING.to_string(), |t| c.time_label(t)),
                            });
                        }
                    }
                    ChannelKind::Direct | ChannelKind::Report => {
                        if to.is_empty() {
                            return Err(ActionError::NoRecipient);
                        }
                    }
                }
                for t in to {
                    if *t == role {
                        return Err(ActionError::SelfShare);
                    }
                    let restricted = ch.kind != ChannelKind::Direct || !ch.members.is_empty();
                    if restricted && !ch.members.contains(t) {
                        return Err(ActionError::NotAMember(c.role_id(*t).to_string()));
                    }
                }
            }
            CAct::Consult(k) => {
                let roles = &c.consults[*k].roles;
                if !roles.is_empty() && !roles.contains(&role) {
                    return Err(ActionError::NotAvailable {
                        role: role_id(),
                        what: s.consults[*k].id.clone(),
                    });
                }
            }
            CAct::Talk(t) => {
                let talk = &c.talks[*t];
                let open = talk.role == role
                    && st.talked[*t].is_none()
                    && talk.when.as_ref().is_none_or(|w| st.holds(w));
                if !open {
                    return Err(ActionError::NotAvailable {
                        role: role_id(),
                        what: s.talks[*t].id.clone(),
                    });
                }
            }
            CAct::Decide(d, _) => {
                let open = c.decisions[*d].role == role
                    && matches!(st.decisions[*d], DecisionState::Open { .. });
                if !open {
                    return Err(ActionError::DecisionNotOpen(s.decisions[*d].id.clone()));
                }
            }
            CAct::AskConsent(req) => {
                let cr = &c.consents[*req];
                if cr.role != role || cr.when.as_ref().is_some_and(|w| !st.holds(w)) {
                    return Err(ActionError::NotAvailable {
                        role: role_id(),
                        what: s.consents[*req].id.clone(),
                    });
                }
                if st.consents[*req].is_some() && !self.can_ask_again(*req) {
                    return Err(ActionError::AlreadyAsked(s.consents[*req].id.clone()));
                }
            }
            CAct::Convene(ch) => {
                let cc = &c.channels[*ch];
                let allowed = cc.kind == ChannelKind::Meeting
                    && cc.members.contains(&role)
                    && cc
                        .convene
                        .as_ref()
                        .is_some_and(|(by, _)| by.is_empty() || by.contains(&role));
                if !allowed {
                    return Err(ActionError::CannotConvene {
                        role: role_id(),
                        channel: s.channels[*ch].id.clone(),
                    });
                }
            }
            CAct::Advance => {}
        }
        Ok(())
    }

    /// Performs a checked action.
    fn perform(&mut self, role: Ix, act: &CAct, scripted: bool, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        match act {
            CAct::Flag(fact, form) => {
                self.state.flags[role][*fact] = Some((*form, self.state.tick));
                self.touch(Key::Fact(*fact));
                self.emit(
                    out,
                    Event::Flagged {
                        role,
                        fact: *fact,
                        form: *form,
                    },
                );
            }
            CAct::Share {
                facts,
                to,
                channel,
                ground,
            } => {
                let recipients: Vec<Ix> = match c.channels[*channel].kind {
                    ChannelKind::Meeting => c.channels[*channel]
                        .members
                        .iter()
                        .copied()
                        .filter(|m| *m != role)
                        .collect(),
                    _ => {
                        let mut v = to.clone();
                        v.sort_unstable();
                        v.dedup();
                        v
                    }
                };
                let mut facts = facts.clone();
                facts.sort_unstable();
                facts.dedup();
                let mut items = Vec::new();
                for &t in &recipients {
                    for &f in &facts {
                        let j = judge(&c, &self.state, role, t, f, *channel, *ground);
                        items.push(ShareItem {
                            fact: f,
                            to: t,
                            verdict: j.verdict,
                            rule: j.rule,
                            consent: j.consent,
                            gate: j.gate,
                            fitting: j.fitting,
                            binding: j.binding,
                        });
                    }
                }
                let tick = self.state.tick;
                for it in &items {
                    let k = self.state.shares.len();
                    self.state.shares.push(ShareRecord {
                        tick,
                        from: role,
                        to: it.to,
                        fact: it.fact,
                        channel: *channel,
                        ground: *ground,
                        verdict: it.verdict,
                        rule: it.rule,
                        consent: it.consent,
                        gate: it.gate,
                        fitting: it.fitting,
                        binding: it.binding,
                    });
                    self.state.shared.insert((it.fact, it.to, *channel));
                    self.state.received[it.to][it.fact] = true;
                    if let Some(slot) = self
                        .state
                        .origin
                        .get_mut(it.to)
                        .and_then(|r| r.get_mut(it.fact))
                        && slot.is_none()
                    {
                        *slot = Some(Origin::Share(k));
                    }
                    self.touch(Key::Fact(it.fact));
                }
                self.state.channel_used.insert((*channel, role));
                self.touch(Key::Channel(*channel));
                self.touch(Key::Shares);
                self.emit(
                    out,
                    Event::Shared {
                        from: role,
                        channel: *channel,
                        ground: *ground,
                        items: items.clone(),
                    },
                );
                for it in items {
                    self.learn(
                        it.to,
                        it.fact,
                        Via::Share {
                            from: role,
                            channel: *channel,
                        },
                        out,
                    );
                }
            }
            CAct::Consult(k) => {
                self.state.consulted.insert((role, *k));
                self.touch(Key::Consult);
                let advice = c.consults[*k]
                    .advice
                    .iter()
                    .position(|cond| self.state.holds(cond));
                self.emit(
                    out,
                    Event::Consulted {
                        role,
                        consult: *k,
                        advice,
                    },
                );
            }
            CAct::Talk(t) => self.talk(role, *t, out),
            CAct::Decide(d, o) => {
                self.state.decisions[*d] = DecisionState::Decided {
                    option: *o,
                    at: self.state.tick,
                    scripted,
                };
                self.touch(Key::Decision(*d));
                self.emit(
                    out,
                    Event::Decided {
                        decision: *d,
                        option: *o,
                        scripted,
                    },
                );
                if let Some(opt) = c.decisions[*d].options.get(*o) {
                    let effects = opt.effects.clone();
                    self.effects(&effects, out);
                    if let Some(next) = opt.next {
                        self.open(next, out);
                    }
                }
            }
            CAct::AskConsent(req) => self.ask_consent(*req, out),
            CAct::Convene(ch) => {
                let lead = c.channels[*ch].convene.as_ref().map_or(0, |(_, l)| *l);
                self.convene(*ch, lead, Some(role), out);
            }
            CAct::Advance => self.advance(out),
        }
    }

    /// Whether consent request `req`, asked before, may be asked again
    /// now: it was refused and its `again` condition holds.
    pub fn can_ask_again(&self, req: Ix) -> bool {
        let st = &self.state;
        let refused = st
            .consents
            .get(req)
            .and_then(Option::as_ref)
            .is_some_and(|rec| rec.refused(st.tick));
        refused
            && self
                .scenario
                .consents
                .get(req)
                .and_then(|cr| cr.again.as_ref())
                .is_some_and(|w| st.holds(w))
    }

    /// The request's role asks for consent: every person whose answer
    /// decides, and everyone else with an answer (asked as good practice),
    /// answers with their first answer whose condition holds now. A
    /// deciding person without such an answer refuses.
    fn ask_consent(&mut self, req: Ix, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        let Some(cr) = c.consents.get(req) else {
            return;
        };
        let times = match &self.state.consents[req] {
            None => 1,
            Some(rec) if self.can_ask_again(req) => rec.times.saturating_add(1),
            Some(_) => return,
        };
        let tick = self.state.tick;
        let asked = cr
            .deciders
            .iter()
            .map(|p| (*p, true))
            .chain(cr.heard.iter().map(|p| (*p, false)));
        let mut answers = Vec::new();
        for (person, decides) in asked {
            let pick = cr.answers.iter().position(|a| {
                a.person == person && a.when.as_ref().is_none_or(|w| self.state.holds(w))
            });
            match pick {
                Some(a) => answers.push(ConsentAnswerState {
                    person,
                    decides,
                    gives: cr.answers[a].gives,
                    due: tick.saturating_add(cr.answers[a].after),
                    answer: Some(a),
                }),
                None if decides => answers.push(ConsentAnswerState {
                    person,
                    decides,
                    gives: false,
                    due: tick,
                    answer: None,
                }),
                None => {}
            }
        }
        self.state.consents[req] = Some(ConsentRecord {
            asked: tick,
            times,
            answers,
        });
        self.touch(Key::Consent(req));
        self.emit(
            out,
            Event::ConsentAsked {
                role: cr.role,
                request: req,
            },
        );
        self.consent_answers(req, out);
    }

    /// Emits the answers of consent request `req` that arrive now.
    fn consent_answers(&mut self, req: Ix, out: &mut Vec<Timed>) {
        let tick = self.state.tick;
        let Some(rec) = self.state.consents.get(req).cloned().flatten() else {
            return;
        };
        for a in rec.answers.iter().filter(|a| a.due == tick) {
            self.emit(
                out,
                Event::ConsentAnswered {
                    request: req,
                    person: a.person,
                    gives: a.gives,
                    answer: a.answer,
                },
            );
        }
        self.touch(Key::Consent(req));
    }

    /// `role` holds talk `t`.
    fn talk(&mut self, role: Ix, t: Ix, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        self.state.talked[t] = Some(self.state.tick);
        self.touch(Key::Talk(t));
        self.emit(out, Event::Talked { role, talk: t });
        for f in &c.talks[t].reveals {
            self.learn(role, *f, Via::Talk(t), out);
        }
        let effects = c.talks[t].effects.clone();
        self.effects(&effects, out);
    }

    /// Meeting `ch` will sit `after` day-parts from now.
    fn convene(&mut self, ch: Ix, after: u32, by: Option<Ix>, out: &mut Vec<Timed>) {
        let at = self.state.tick.saturating_add(after);
        if let Err(pos) = self.state.convened.binary_search(&(ch, at)) {
            self.state.convened.insert(pos, (ch, at));
        }
        self.touch(Key::Channel(ch));
        self.emit(
            out,
            Event::Convened {
                by,
                channel: ch,
                at,
            },
        );
    }

    fn learn(&mut self, role: Ix, fact: Ix, via: Via, out: &mut Vec<Timed>) {
        let tick = self.state.tick;
        let own = !matches!(via, Via::Share { .. });
        // Learning of its own what it had only received: it now holds the
        // fact as its own (under its own regime).
        if own
            && self.state.knows(role, fact)
            && matches!(self.state.origin(role, fact), Some(Origin::Share(_)))
        {
            self.state.origin[role][fact] = Some(Origin::Own);
            self.state.held[role][fact] = self.scenario.own_regime(role, fact);
            self.touch(Key::Fact(fact));
            return;
        }
        if let Some(slot) = self.state.known.get_mut(role).and_then(|r| r.get_mut(fact))
            && slot.is_none()
        {
            *slot = Some(tick);
            let regime = if own {
                self.scenario.own_regime(role, fact)
            } else {
                self.scenario.received_regime(role, fact)
            };
            if own {
                self.state.origin[role][fact] = Some(Origin::Own);
            }
            if let Some(h) = self.state.held.get_mut(role).and_then(|r| r.get_mut(fact)) {
                *h = regime;
            }
            if let Some((form, weight)) = self.scenario.facts[fact].signal {
                self.state.weights[role][form_index(form)] += weight;
                self.touch(Key::Weight(role));
            }
            self.touch(Key::Fact(fact));
            self.emit(out, Event::Learned { role, fact, via });
        }
    }

    fn open(&mut self, d: Ix, out: &mut Vec<Timed>) {
        if self.state.decisions[d] != DecisionState::Closed {
            return;
        }
        let cd = &self.scenario.decisions[d];
        let role = cd.role;
        let tick = self.state.tick;
        // Absolute deadline: decide by the end of that day-part.
        let abs = cd.deadline.map(|t| t + 1);
        let rel = cd.within.map(|w| tick.saturating_add(w.max(1)));
        let expires = match (abs, rel) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        };
        self.state.decisions[d] = DecisionState::Open {
            since: tick,
            expires,
        };
        self.touch(Key::Decision(d));
        if self.by_script(role) {
            self.work.auto.insert(d);
        }
        self.emit(
            out,
            Event::DecisionOpened {
                decision: d,
                expires,
            },
        );
    }

    fn effects(&mut self, effects: &[CEffect], out: &mut Vec<Timed>) {
        for e in effects {
            match e {
                CEffect::Reveal(f, r) => self.learn(*r, *f, Via::Effect, out),
                CEffect::Schedule(i, after) => {
                    let due = self.state.tick.saturating_add(*after);
                    let slot = &mut self.state.inject_due[*i];
                    if self.state.delivered[*i].is_none() {
                        *slot = Some(slot.map_or(due, |d| d.min(due)));
                        self.work.due.insert((due, *i));
                    }
                }
                CEffect::Open(d) => self.open(*d, out),
                CEffect::Set(v, value) => {
                    self.state.vars[*v] = *value;
                    self.touch(Key::Var(*v));
                    self.emit(
                        out,
                        Event::VarChanged {
                            var: *v,
                            value: *value,
                        },
                    );
                }
                CEffect::Add(v, value) => {
                    let x = self.state.vars[*v].saturating_add(*value);
                    self.state.vars[*v] = x;
                    self.touch(Key::Var(*v));
                    self.emit(out, Event::VarChanged { var: *v, value: x });
                }
                CEffect::End(o) => self.end(*o, out),
                CEffect::AskConsent(req) => self.ask_consent(*req, out),
                CEffect::Convene(ch, after) => self.convene(*ch, *after, None, out),
                CEffect::Talk(t) => {
                    if self.state.talked.get(*t).is_some_and(Option::is_none) {
                        let role = self.scenario.talks[*t].role;
                        self.talk(role, *t, out);
                    }
                }
            }
        }
    }

    fn end(&mut self, outcome: Ix, out: &mut Vec<Timed>) {
        if self.state.outcome.is_none() {
            self.state.outcome = Some((outcome, self.state.tick));
            self.emit(out, Event::Ended { outcome });
        }
    }

    /// Facts held at the start, timed injects, pools.
    fn initialise(&mut self, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        for (f, cf) in c.facts.iter().enumerate() {
            for r in &cf.known_by {
                self.learn(*r, f, Via::Start, out);
            }
        }
        for (p, pool) in c.pools.iter().enumerate() {
            for f in self.variation.pool_draw[p].clone() {
                self.learn(pool.holder, f, Via::Start, out);
            }
        }
        for (i, inj) in c.injects.iter().enumerate() {
            if let (Some(at), None, false) = (inj.at, &inj.when, inj.optional) {
                let due = at.saturating_add(self.variation.jitter[i]);
                self.state.inject_due[i] = Some(due);
                self.work.due.insert((due, i));
            }
        }
    }

    fn deliver(&mut self, i: Ix, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        self.state.delivered[i] = Some(self.state.tick);
        self.state.inject_due[i] = None;
        self.touch(Key::Inject(i));
        self.emit(out, Event::Delivered { inject: i });
        let inj = &c.injects[i];
        for f in &inj.reveals {
            self.learn(inj.to, *f, Via::Inject(i), out);
        }
        for d in &inj.opens {
            self.open(*d, out);
        }
        self.effects(&inj.effects, out);
    }

    /// Marks everything that reads `key` for another look.
    fn touch(&mut self, key: Key) {
        let deps = self.work.deps.clone();
        for w in deps.watchers(key) {
            match *w {
                Watcher::Rule(r) => {
                    if !self.state.rule_fired[r] {
                        self.work.rules.insert(r);
                    }
                }
                Watcher::Inject(i) => {
                    if self.state.delivered[i].is_none() && !self.scenario.injects[i].optional {
                        self.work.injects.insert(i);
                    }
                }
                Watcher::Script(r, step) => {
                    if self.by_script(r) && !self.state.script_done[r][step] {
                        self.work.scripts.insert((r, step));
                    }
                }
            }
        }
    }

    /// Runs injects, rules, scripted roles and scripted decisions until
    /// nothing changes.
    ///
    /// Each pass goes through due injects, conditional injects, rules,
    /// script steps and decisions of scripted roles, each in file order;
    /// what an item changes is visible to the items after it in the same
    /// pass and to every item in the next pass. Only items whose condition
    /// reads something that changed are evaluated again (see `deps`),
    /// which gives the same result as evaluating all of them.
    fn settle(&mut self, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        let retry = std::mem::take(&mut self.work.retry);
        self.work.scripts.extend(retry);
        for _ in 0..MAX_PASSES {
            if self.state.ended() {
                return;
            }
            let mut changed = false;
            let tick = self.state.tick;
            while let Some(&(due, i)) = self.work.due.first() {
                if due > tick || self.state.ended() {
                    break;
                }
                self.work.due.pop_first();
                if self.state.delivered[i].is_none() {
                    self.deliver(i, out);
                    changed = true;
                }
            }
            let mut cursor = 0;
            while let Some(i) = take_from(&mut self.work.injects, cursor) {
                cursor = i + 1;
                if self.state.ended() {
                    return;
                }
                let inj = &c.injects[i];
                let Some(cond) = &inj.when else { continue };
                if self.state.delivered[i].is_some() {
                    continue;
                }
                let time_ok = inj
                    .at
                    .is_none_or(|at| at.saturating_add(self.variation.jitter[i]) <= tick);
                if time_ok && self.state.holds(cond) {
                    self.deliver(i, out);
                    changed = true;
                }
            }
            let mut cursor = 0;
            while let Some(ri) = take_from(&mut self.work.rules, cursor) {
                cursor = ri + 1;
                if self.state.ended() {
                    return;
                }
                if !self.state.rule_fired[ri] && self.state.holds(&c.rules[ri].when) {
                    self.state.rule_fired[ri] = true;
                    self.emit(out, Event::RuleFired { rule: ri });
                    self.effects(&c.rules[ri].then, out);
                    changed = true;
                }
            }
            let mut cursor = (0, 0);
            while let Some((r, step)) = take_from(&mut self.work.scripts, cursor) {
                cursor = (r, step + 1);
                if self.state.ended() {
                    return;
                }
                let (cond, act) = &c.roles[r].script[step];
                if self.state.script_done[r][step] || !self.state.holds(cond) {
                    continue;
                }
                if *act == CAct::Advance {
                    self.state.script_done[r][step] = true;
                    changed = true;
                    let reason = "een script kan de klok niet verzetten".to_string();
                    self.emit(
                        out,
                        Event::ScriptSkipped {
                            role: r,
                            step,
                            reason,
                        },
                    );
                    continue;
                }
                match self.check(r, act) {
                    Ok(()) => {
                        self.state.script_done[r][step] = true;
                        changed = true;
                        self.perform(r, act, true, out);
                    }
                    Err(e) => {
                        // Not possible yet (e.g. a fact the role does not
                        // know yet): try again after the next action. Say
                        // so in the transcript once.
                        self.work.retry.insert((r, step));
                        if self.work.waiting.insert((r, step)) {
                            let reason = e.to_string();
                            self.emit(
                                out,
                                Event::ScriptWaiting {
                                    role: r,
                                    step,
                                    reason,
                                },
                            );
                        }
                    }
                }
            }
            for r in 0..c.roles.len() {
                if c.roles[r].auto_flag && self.by_script(r) && !self.state.ended() {
                    changed |= self.auto_flag(r, out);
                }
            }
            while let Some(d) = self.work.auto.pop_first() {
                if self.state.ended() {
                    return;
                }
                if matches!(self.state.decisions[d], DecisionState::Open { .. }) {
                    let cd = &c.decisions[d];
                    let option = cd.scripted.or(cd.expert).unwrap_or(0);
                    self.perform(cd.role, &CAct::Decide(d, option), true, out);
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
        self.emit(out, Event::LoopGuard);
    }

    /// The signals `role` knows and has not flagged with their form:
    /// (fact, form), in file order. What `auto_flag` flags, and what a
    /// role working as the expert has left to flag.
    pub fn unflagged_signals(&self, role: Ix) -> Vec<(Ix, Form)> {
        let st = &self.state;
        self.scenario
            .facts
            .iter()
            .enumerate()
            .filter_map(|(f, cf)| cf.signal.map(|(form, _)| (f, form)))
            .filter(|&(f, form)| {
                st.knows(role, f) && st.flags[role][f].is_none_or(|(x, _)| x != form)
            })
            .collect()
    }

    /// Flags, for the unplayed `role` with `auto_flag`, every signal it
    /// knows and has not flagged with the signal's form. Whether it did.
    fn auto_flag(&mut self, role: Ix, out: &mut Vec<Timed>) -> bool {
        let pending = self.unflagged_signals(role);
        for &(f, form) in &pending {
            self.perform(role, &CAct::Flag(f, form), true, out);
        }
        !pending.is_empty()
    }

    /// Moves the clock one day-part; expires decisions; ends the case
    /// when the clock runs out.
    fn advance(&mut self, out: &mut Vec<Timed>) {
        let c = self.scenario.clone();
        self.state.tick += 1;
        let tick = self.state.tick;
        self.touch(Key::Clock);
        self.emit(out, Event::ClockAdvanced { tick });
        for req in 0..c.consents.len() {
            let due_now = self.state.consents[req]
                .as_ref()
                .is_some_and(|r| r.answers.iter().any(|a| a.due == tick));
            if due_now {
                self.consent_answers(req, out);
            }
        }
        for d in 0..c.decisions.len() {
            if let DecisionState::Open {
                expires: Some(e), ..
            } = self.state.decisions[d]
                && tick >= e
            {
                self.state.decisions[d] = DecisionState::Expired { at: tick };
                self.touch(Key::Decision(d));
                self.emit(out, Event::DecisionExpired { decision: d });
                let effects = c.decisions[d].on_expire.clone();
                self.effects(&effects, out);
            }
        }
        if tick >= c.ticks {
            // Rules get one last chance to decide the outcome.
            self.settle(out);
            self.end(c.default_outcome, out);
        }
    }
}

/// Refuses a log that was played on another scenario (or another version
/// of its file).
pub fn check_log(scenario: &Compiled, log: &SessionLog) -> Result<(), ActionError> {
    if log.scenario != scenario.scenario.id || log.scenario_hash != scenario.hash {
        return Err(ActionError::WrongScenario {
            log: log.scenario.clone(),
            log_hash: log.scenario_hash.clone(),
            scenario: scenario.scenario.id.clone(),
            hash: scenario.hash.clone(),
        });
    }
    Ok(())
}

/// Removes and returns the first element at or after `cursor`: items are
/// handled in order, and an item marked again behind the cursor waits for
/// the next pass.
fn take_from<T: Ord + Copy>(set: &mut BTreeSet<T>, cursor: T) -> Option<T> {
    let first = set.range(cursor..).next().copied()?;
    set.remove(&first);
    Some(first)
}

/// Resolves an action written with ids into index form.
pub fn resolve_act(c: &Compiled, act: &Act) -> Result<CAct, ActionError> {
    let ids = &c.ids;
    let find = |map: &HashMap<String, Ix>, kind: &'static str, id: &str| {
        map.get(id).copied().ok_or_else(|| ActionError::Unknown {
            kind,
            id: id.to_string(),
        })
    };
    map_act(act, |r| match r {
        ActRef::Fact(id) => find(&ids.facts, "fact", id),
        ActRef::Role(id) => find(&ids.roles, "role", id),
        ActRef::Channel(id) => find(&ids.channels, "channel", id),
        ActRef::Ground(id) => find(&ids.grounds, "ground", id),
        ActRef::Consult(id) => find(&ids.consults, "consult", id),
        ActRef::Talk(id) => find(&ids.talks, "talk", id),
        ActRef::Decision(id) => find(&ids.decisions, "decision", id),
        ActRef::Consent(id) => find(&ids.consents, "consent request", id),
        ActRef::Option {
            decision, option, ..
        } => c.option_ids.get(decision).map_or(
            Err(ActionError::Unknown {
                kind: "option",
                id: option.to_string(),
            }),
            |m| find(m, "option", option),
        ),
    })
}

/// What a role can do now: the menu a view offers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Menu {
    /// Facts the role knows (can flag and share).
    pub facts: Vec<Ix>,
    pub forms: Vec<Form>,
    /// Channels with the roles each can reach from this role.
    pub channels: Vec<(Ix, Vec<Ix>)>,
    pub grounds: Vec<Ix>,
    pub consults: Vec<Ix>,
    pub talks: Vec<Ix>,
    /// Open decisions of this role with their options.
    pub decisions: Vec<(Ix, Vec<Ix>)>,
    /// Consent requests the role can ask now.
    pub consents: Vec<Ix>,
    /// Meetings the role can convene.
    pub convene: Vec<Ix>,
    pub can_advance: bool,
}

impl Session {
    /// The legal actions of `role` now, grouped per kind.
    pub fn menu(&self, role: Ix) -> Menu {
        let c = &*self.scenario;
        let st = &self.state;
        if st.ended() || role >= c.roles.len() {
            return Menu::default();
        }
        let facts = (0..c.facts.len()).filter(|f| st.knows(role, *f)).collect();
        let channels = c
            .channels
            .iter()
            .enumerate()
            .filter_map(|(i, ch)| {
                if !ch.users.is_empty() && !ch.users.contains(&role) {
                    return None;
                }
                let reach: Vec<Ix> = match ch.kind {
                    ChannelKind::Meeting if !ch.members.contains(&role) => return None,
                    ChannelKind::Direct if ch.members.is_empty() => {
                        (0..c.roles.len()).filter(|r| *r != role).collect()
                    }
                    _ => ch.members.iter().copied().filter(|r| *r != role).collect(),
                };
                (!reach.is_empty()).then_some((i, reach))
            })
            .collect();
        let consults = c
            .consults
            .iter()
            .enumerate()
            .filter(|(_, k)| k.roles.is_empty() || k.roles.contains(&role))
            .map(|(i, _)| i)
            .collect();
        let talks = (0..c.talks.len())
            .filter(|t| self.check(role, &CAct::Talk(*t)).is_ok())
            .collect();
        let decisions = c
            .decisions
            .iter()
            .enumerate()
            .filter(|(d, cd)| {
                cd.role == role && matches!(st.decisions[*d], DecisionState::Open { .. })
            })
            .map(|(d, cd)| (d, (0..cd.options.len()).collect()))
            .collect();
        let consents = (0..c.consents.len())
            .filter(|r| self.check(role, &CAct::AskConsent(*r)).is_ok())
            .collect();
        let convene = (0..c.channels.len())
            .filter(|ch| self.check(role, &CAct::Convene(*ch)).is_ok())
            .collect();
        Menu {
            facts,
            forms: Form::ALL.to_vec(),
            channels,
            grounds: (0..c.scenario.grounds.len()).collect(),
            consults,
            talks,
            decisions,
            consents,
            convene,
            can_advance: true,
        }
    }

    /// Every concrete legal action of `role` now, except shares, which are
    /// combinations (facts × recipients × channel × ground) listed in
    /// `menu` instead; one single-fact share per reachable recipient and
    /// channel is included, with the first ground, as a representative.
    pub fn legal_actions(&self, role: Ix) -> Vec<CAct> {
        let m = self.menu(role);
        let mut acts = Vec::new();
        for &f in &m.facts {
            for &form in &m.forms {
                let a = CAct::Flag(f, form);
                if self.check(role, &a).is_ok() {
                    acts.push(a);
                }
            }
        }
        if let Some(&ground) = m.grounds.first() {
            for &f in &m.facts {
                for (ch, reach) in &m.channels {
                    let meeting = self.scenario.channels[*ch].kind == ChannelKind::Meeting;
                    if !self.state.in_session(*ch) {
                        continue;
                    }
                    let targets: Vec<Vec<Ix>> = if meeting {
                        vec![Vec::new()]
                    } else {
                        reach.iter().map(|r| vec![*r]).collect()
                    };
                    for to in targets {
                        acts.push(CAct::Share {
                            facts: vec![f],
                            to,
                            channel: *ch,
                            ground,
                        });
                    }
                }
            }
        }
        acts.extend(m.consults.iter().map(|k| CAct::Consult(*k)));
        acts.extend(m.talks.iter().map(|t| CAct::Talk(*t)));
        acts.extend(m.consents.iter().map(|r| CAct::AskConsent(*r)));
        acts.extend(m.convene.iter().map(|ch| CAct::Convene(*ch)));
        for (d, opts) in &m.decisions {
            acts.extend(opts.iter().map(|o| CAct::Decide(*d, *o)));
        }
        if m.can_advance {
            acts.push(CAct::Advance);
        }
        acts
    }
}
