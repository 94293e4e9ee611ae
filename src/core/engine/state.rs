//! The case state and the evaluation of conditions over it.
//!
//! The state is a pure function of (scenario, seed, action log); it holds
//! only what conditions and the views need, in index form.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::law::{ConsentCheck, Gate};
use crate::core::scenario::compiled::{CCond, Compiled, Ix};
use crate::core::scenario::model::{ConsentStatus, Form, Regime, Verdict};

/// Position of a form in per-form arrays.
pub fn form_index(form: Form) -> usize {
    match form {
        Form::Sexual => 0,
        Form::Labour => 1,
        Form::Criminal => 2,
        Form::Other => 3,
    }
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionState {
    Closed,
    Open { since: u32, expires: Option<u32> },
    Decided { option: Ix, at: u32, scripted: bool },
    Expired { at: u32 },
}

/// One fact reaching one recipient in a share, with its judgement.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShareRecord {
    pub tick: u32,
    pub from: Ix,
    pub to: Ix,
    pub fact: Ix,
    pub channel: Ix,
    pub ground: Ix,
    pub verdict: Verdict,
    /// The sharing rule that judged it; `None` = the policy's default or
    /// the engine's consent judgement.
    pub rule: Option<Ix>,
    /// Set when the engine judged on consent itself.
    pub consent: Option<ConsentCheck>,
    /// Set when an engine gate (beroepsgeheim, the scope of a consent)
    /// made the share unlawful.
    pub gate: Option<Gate>,
    /// `WrongGround`: the ground that covers the disclosure, and the rule
    /// that judged it lawful on that ground.
    pub fitting: Option<(Ix, Option<Ix>)>,
    /// The consent request the fact stays bound to at the recipient (it
    /// came under that consent, or the sender held it under it).
    pub binding: Option<Ix>,
}

/// How a role holds a fact: of its own (start, inject, talk, effect), or
/// received in a share (the index of its record in `State::shares`, which
/// says from whom, by which channel, on which ground, under which consent
/// and when). A role that learns a fact of its own after receiving it
/// holds it as its own; a second receipt does not change the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Own,
    Share(Ix),
}

/// One asked person's answer to a consent request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConsentAnswerState {
    pub person: Ix,
    /// Whether this answer decides (see `compiled::deciders`); the others
    /// were asked as good practice and do not count.
    pub decides: bool,
    pub gives: bool,
    /// The tick the answer arrives.
    pub due: u32,
    /// Which of the request's `answers` it is (`None`: no answer fitted,
    /// a refusal).
    pub answer: Option<Ix>,
}

/// A consent request that was asked (the last time): when, how often,
/// and each asked person's answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConsentRecord {
    pub asked: u32,
    /// How many times it was asked (1 the first time).
    pub times: u32,
    /// One per person asked: first those whose answer decides.
    pub answers: Vec<ConsentAnswerState>,
}

impl ConsentRecord {
    /// Everyone whose answer decides gave consent and every such answer
    /// has arrived (and someone decides).
    pub fn given(&self, tick: u32) -> bool {
        let mut deciding = self.answers.iter().filter(|a| a.decides).peekable();
        deciding.peek().is_some() && deciding.all(|a| a.gives && a.due <= tick)
    }

    /// Someone whose answer decides has refused (and said so).
    pub fn refused(&self, tick: u32) -> bool {
        self.answers
            .iter()
            .any(|a| a.decides && !a.gives && a.due <= tick)
    }

    pub fn status_holds(&self, status: ConsentStatus, tick: u32) -> bool {
        match status {
            ConsentStatus::Asked => true,
            ConsentStatus::Given => self.given(tick),
            ConsentStatus::Refused => self.refused(tick),
        }
    }
}

/// When the meetings of a scenario sit by schedule; shared by every state
/// of a session.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Schedule {
    /// Per channel: the scheduled sittings (sorted).
    pub sits: Vec<Vec<u32>>,
    /// Per channel: in session at every moment (not a meeting, or a
    /// meeting with `always`).
    pub always: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct State {
    /// Current day-part; `ticks` (one past the last) when the clock ran out.
    pub tick: u32,
    /// `[role][fact]`: the tick at which the role learned the fact.
    pub known: Vec<Vec<Option<u32>>>,
    /// `[role][fact]`: the regime the role holds the fact under (set when
    /// it learns it; meaningless while it does not know it).
    pub held: Vec<Vec<Regime>>,
    /// `[role][form]`: summed weight of the signals the role knows.
    pub weights: Vec<[u32; 4]>,
    /// `[role][fact]`: the form and tick of the role's flag on the fact.
    pub flags: Vec<Vec<Option<(Form, u32)>>>,
    pub shares: Vec<ShareRecord>,
    /// (fact, recipient, channel) triples that have happened.
    pub shared: BTreeSet<(Ix, Ix, Ix)>,
    /// `[role][fact]`: whether the fact was shared to the role (any channel).
    pub received: Vec<Vec<bool>>,
    /// `[role][fact]`: how the role holds the fact (`None`: it does not).
    pub origin: Vec<Vec<Option<Origin>>>,
    /// (channel, sender) pairs that have happened.
    pub channel_used: BTreeSet<(Ix, Ix)>,
    /// Per inject: the tick it is due (scheduled or timed), if any.
    pub inject_due: Vec<Option<u32>>,
    /// Per inject: the tick it was delivered.
    pub delivered: Vec<Option<u32>>,
    pub decisions: Vec<DecisionState>,
    pub vars: Vec<i64>,
    pub rule_fired: Vec<bool>,
    /// `[role][step]`: whether a script step has run.
    pub script_done: Vec<Vec<bool>>,
    /// (role, consult) pairs that have happened.
    pub consulted: BTreeSet<(Ix, Ix)>,
    pub talked: Vec<Option<u32>>,
    /// Per consent request: asked when, and the answers.
    pub consents: Vec<Option<ConsentRecord>>,
    /// Sittings convened during the case: (channel, tick), sorted.
    pub convened: Vec<(Ix, u32)>,
    /// The scenario's meeting schedule (shared, never changes).
    pub schedule: Arc<Schedule>,
    /// The outcome and the tick it was reached.
    pub outcome: Option<(Ix, u32)>,
}

impl State {
    pub fn new(c: &Compiled) -> State {
        let roles = c.roles.len();
        let facts = c.facts.len();
        State {
            tick: 0,
            known: vec![vec![None; facts]; roles],
            held: vec![vec![Regime::Avg; facts]; roles],
            weights: vec![[0; 4]; roles],
            flags: vec![vec![None; facts]; roles],
            shares: Vec::new(),
            shared: BTreeSet::new(),
            received: vec![vec![false; facts]; roles],
            origin: vec![vec![None; facts]; roles],
            channel_used: BTreeSet::new(),
            inject_due: vec![None; c.injects.len()],
            delivered: vec![None; c.injects.len()],
            decisions: vec![DecisionState::Closed; c.decisions.len()],
            vars: c.var_initial.clone(),
            rule_fired: vec![false; c.rules.len()],
            script_done: c
                .roles
                .iter()
                .map(|r| vec![false; r.script.len()])
                .collect(),
            consulted: BTreeSet::new(),
            talked: vec![None; c.talks.len()],
            consents: vec![None; c.consents.len()],
            convened: Vec::new(),
            schedule: Arc::new(Schedule {
                sits: c.channels.iter().map(|ch| ch.sits.clone()).collect(),
                always: c.channels.iter().map(|ch| ch.always).collect(),
            }),
            outcome: None,
        }
    }

    pub fn knows(&self, role: Ix, fact: Ix) -> bool {
        self.known
            .get(role)
            .and_then(|r| r.get(fact))
            .is_some_and(Option::is_some)
    }

    /// Whether channel `ch` is in session now (always true for channels
    /// that are not meetings).
    pub fn in_session(&self, ch: Ix) -> bool {
        self.schedule.always.get(ch).copied().unwrap_or(false)
            || self
                .schedule
                .sits
                .get(ch)
                .is_some_and(|s| s.binary_search(&self.tick).is_ok())
            || self.convened.binary_search(&(ch, self.tick)).is_ok()
    }

    /// The next tick (now or later) at which meeting `ch` sits, if any.
    pub fn next_sitting(&self, ch: Ix) -> Option<u32> {
        let scheduled = self
            .schedule
            .sits
            .get(ch)?
            .iter()
            .copied()
            .find(|t| *t >= self.tick);
        let convened = self
            .convened
            .iter()
            .filter(|(c, t)| *c == ch && *t >= self.tick)
            .map(|(_, t)| *t)
            .next();
        match (scheduled, convened) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// How `role` holds `fact`.
    pub fn origin(&self, role: Ix, fact: Ix) -> Option<Origin> {
        self.origin
            .get(role)
            .and_then(|r| r.get(fact))
            .copied()
            .flatten()
    }

    /// The share that brought `fact` to `role`, when it holds it as
    /// received.
    pub fn receipt(&self, role: Ix, fact: Ix) -> Option<&ShareRecord> {
        match self.origin(role, fact)? {
            Origin::Own => None,
            Origin::Share(k) => self.shares.get(k),
        }
    }

    /// The consent request `role` holds `fact` bound to, if any.
    pub fn binding(&self, role: Ix, fact: Ix) -> Option<Ix> {
        self.receipt(role, fact).and_then(|r| r.binding)
    }

    /// The regime under which `role` holds `fact`.
    pub fn regime(&self, role: Ix, fact: Ix) -> Regime {
        self.held
            .get(role)
            .and_then(|r| r.get(fact))
            .copied()
            .unwrap_or_default()
    }

    pub fn ended(&self) -> bool {
        self.outcome.is_some()
    }

    /// Summed weight of the signals of `form` that `role` knows.
    pub fn signal_weight(&self, role: Ix, form: Form) -> u32 {
        self.weights.get(role).map_or(0, |w| w[form_index(form)])
    }

    pub fn holds(&self, cond: &CCond) -> bool {
        match cond {
            CCond::Always => true,
            CCond::Knows(role, fact) => self.knows(*role, *fact),
            CCond::Flagged(fact, by, form) => {
                let flagged = |r: &Vec<Option<(Form, u32)>>| {
                    r.get(*fact)
                        .copied()
                        .flatten()
                        .is_some_and(|(f, _)| form.is_none_or(|want| want == f))
                };
                match by {
                    Some(role) => self.flags.get(*role).is_some_and(flagged),
                    None => self.flags.iter().any(flagged),
                }
            }
            CCond::Shared(fact, to, channel, verdict, from)
                if verdict.is_some() || from.is_some() =>
            {
                self.shares.iter().any(|s| {
                    s.fact == *fact
                        && s.to == *to
                        && verdict.is_none_or(|v| s.verdict.satisfies(v))
                        && from.is_none_or(|f| f == s.from)
                        && channel.is_none_or(|c| c == s.channel)
                })
            }
            CCond::Shared(fact, to, channel, _, _) => match channel {
                Some(ch) => self.shared.contains(&(*fact, *to, *ch)),
                None => self
                    .received
                    .get(*to)
                    .and_then(|r| r.get(*fact))
                    .copied()
                    .unwrap_or(false),
            },
            CCond::ChannelUsed(channel, by) => match by {
                Some(role) => self.channel_used.contains(&(*channel, *role)),
                None => self
                    .channel_used
                    .range((*channel, 0)..=(*channel, Ix::MAX))
                    .next()
                    .is_some(),
            },
            CCond::Decided(d, option) => match self.decisions.get(*d) {
                Some(DecisionState::Decided { option: o, .. }) => option.is_none_or(|x| x == *o),
                _ => false,
            },
            CCond::Expired(d) => {
                matches!(self.decisions.get(*d), Some(DecisionState::Expired { .. }))
            }
            CCond::Delivered(i) => self.delivered.get(*i).is_some_and(Option::is_some),
            CCond::Consulted(role, consult) => self.consulted.contains(&(*role, *consult)),
            CCond::Talked(t) => self.talked.get(*t).is_some_and(Option::is_some),
            CCond::After(t) => self.tick >= *t,
            CCond::Before(t) => self.tick < *t,
            CCond::Var(v, cmp, value) => self.vars.get(*v).is_some_and(|x| cmp.holds(*x, *value)),
            CCond::SignalWeight(role, form, at_least) => {
                self.signal_weight(*role, *form) >= *at_least
            }
            CCond::Consent(req, status) => self
                .consents
                .get(*req)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.status_holds(*status, self.tick)),
            CCond::Breach(by, fact, to, verdicts) => self.shares.iter().any(|s| {
                verdicts.iter().any(|v| s.verdict.satisfies(*v))
                    && by.is_none_or(|b| b == s.from)
                    && fact.is_none_or(|f| f == s.fact)
                    && to.is_none_or(|t| t == s.to)
            }),
            CCond::InSession(ch) => self.in_session(*ch),
            CCond::All(cs) => cs.iter().all(|x| self.holds(x)),
            CCond::Any(cs) => cs.iter().any(|x| self.holds(x)),
            CCond::Not(x) => !self.holds(x),
        }
    }
}
