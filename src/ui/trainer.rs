//! The trainer's view models: the console (the whole case, for the trainer
//! only) and the privacy screen between two seats (nothing of either).
//!
//! The console shows hidden truth on purpose — which facts are signals and
//! who holds them — and is reachable only in trainer mode, through a
//! privacy screen. The hand-over view carries nothing but the next seat's
//! name and the clock.

use crate::core::engine::{DecisionState, EntryKind, Session};
use crate::core::scenario::model::Competency;

/// One seat of the training day as the trainer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatLine {
    pub role: String,
    pub role_name: String,
    pub organisation: String,
    pub person: Option<String>,
    pub facts: usize,
    pub flags: usize,
    /// Ended the current day-part.
    pub ready: bool,
}

/// What one organisation holds (every role, played or scripted).
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub role_name: String,
    pub played: bool,
    /// (fact text, is a signal, flagged by this role).
    pub facts: Vec<(String, bool, bool)>,
}

/// An inject the trainer can release.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionalInject {
    pub id: String,
    pub title: String,
    pub to: String,
    pub note: String,
    pub releasable: bool,
    /// Released already (when).
    pub released: Option<String>,
}

/// An expectation the trainer may judge by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct ManualExpectation {
    pub id: String,
    pub role_name: String,
    pub text: String,
    /// The trainer's last mark.
    pub mark: Option<bool>,
}

/// The trainer console.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainerView {
    pub title: String,
    pub clock: String,
    pub paused: bool,
    pub ended: Option<String>,
    pub seats: Vec<SeatLine>,
    pub positions: Vec<Position>,
    /// Every share so far: "Dag 1, middag — Gemeente → RIEC via …: 2
    /// gegevens (rechtmatig)".
    pub flows: Vec<String>,
    /// Every signal: (text, holders, flagged by).
    pub signals: Vec<(String, Vec<String>, Vec<String>)>,
    /// Timed injects still to come: (when, title, to).
    pub upcoming: Vec<(String, String, String)>,
    pub optional: Vec<OptionalInject>,
    /// Open decisions: (role, prompt, deadline).
    pub decisions: Vec<(String, String, Option<String>)>,
    pub manual: Vec<ManualExpectation>,
    /// Observations so far: (moment, text).
    pub observations: Vec<(String, String)>,
    /// For the observation form: roles (id, name) and competencies.
    pub roles: Vec<(String, String)>,
    pub competencies: Vec<Competency>,
}

impl TrainerView {
    pub fn new(session: &Session) -> TrainerView {
        let c = session.scenario();
        let st = session.state();
        let log = session.log();
        let ready = session.ready_roles();
        let seats = log
            .seats()
            .iter()
            .filter_map(|seat| {
                let r = *c.ids.roles.get(&seat.role)?;
                let role = &c.scenario.roles[r];
                Some(SeatLine {
                    role: seat.role.clone(),
                    role_name: role.name.clone(),
                    organisation: role.organisation.clone(),
                    person: seat.person.clone(),
                    facts: st.known[r].iter().filter(|k| k.is_some()).count(),
                    flags: st.flags[r].iter().filter(|f| f.is_some()).count(),
                    ready: ready.contains(&seat.role),
                })
            })
            .collect();
        let positions = (0..c.roles.len())
            .map(|r| Position {
                role_name: c.role_name(r).to_string(),
                played: session.is_played(r),
                facts: (0..c.facts.len())
                    .filter(|&f| st.knows(r, f))
                    .map(|f| {
                        (
                            session.fact_text(f).to_string(),
                            c.facts[f].signal.is_some(),
                            st.flags[r][f].is_some(),
                        )
                    })
                    .collect(),
            })
            .filter(|p| !p.facts.is_empty())
            .collect();
        let mut flows: Vec<String> = Vec::new();
        let mut k = 0;
        while k < st.shares.len() {
            // One line per share: records of the same sender, tick, channel
            // and ground that follow each other.
            let first = &st.shares[k];
            let mut end = k + 1;
            while end < st.shares.len() {
                let x = &st.shares[end];
                if (x.tick, x.from, x.channel, x.ground)
                    != (first.tick, first.from, first.channel, first.ground)
                {
                    break;
                }
                end += 1;
            }
            let part = &st.shares[k..end];
            let mut to: Vec<&str> = part.iter().map(|x| c.role_name(x.to)).collect();
            to.dedup();
            let mut facts: Vec<usize> = part.iter().map(|x| x.fact).collect();
            facts.sort_unstable();
            facts.dedup();
            let worst = part.iter().map(|x| x.verdict).max_by_key(|v| match v {
                crate::core::scenario::model::Verdict::Lawful => 0,
                crate::core::scenario::model::Verdict::Excessive => 1,
                crate::core::scenario::model::Verdict::Unlawful => 2,
            });
            flows.push(format!(
                "{} — {} → {} via {}: {} gegeven(s) ({})",
                c.time_label(first.tick),
                c.role_name(first.from),
                to.join(", "),
                c.scenario.channels[first.channel].name,
                facts.len(),
                worst.map(|v| v.label()).unwrap_or("")
            ));
            k = end;
        }
        let signals = (0..c.facts.len())
            .filter(|&f| c.facts[f].signal.is_some())
            .map(|f| {
                let holders = (0..c.roles.len())
                    .filter(|&r| st.knows(r, f))
                    .map(|r| c.role_name(r).to_string())
                    .collect();
                let flagged = (0..c.roles.len())
                    .filter(|&r| st.flags[r][f].is_some())
                    .map(|r| c.role_name(r).to_string())
                    .collect();
                (session.fact_text(f).to_string(), holders, flagged)
            })
            .collect();
        let mut upcoming: Vec<(u32, String, String)> = c
            .injects
            .iter()
            .enumerate()
            .filter(|(i, inj)| st.delivered[*i].is_none() && !inj.optional)
            .filter_map(|(i, inj)| {
                let due = st.inject_due[i]?;
                let s = &c.scenario.injects[i];
                Some((due, s.title.clone(), c.role_name(inj.to).to_string()))
            })
            .collect();
        upcoming.sort();
        let releasable = session.releasable();
        let optional = c
            .injects
            .iter()
            .enumerate()
            .filter(|(_, inj)| inj.optional)
            .map(|(i, inj)| {
                let s = &c.scenario.injects[i];
                OptionalInject {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    to: c.role_name(inj.to).to_string(),
                    note: s.trainer_note.clone(),
                    releasable: releasable.contains(&i),
                    released: st.delivered[i].map(|t| c.time_label(t)),
                }
            })
            .collect();
        let decisions = st
            .decisions
            .iter()
            .enumerate()
            .filter_map(|(d, ds)| match ds {
                DecisionState::Open { expires, .. } => Some((
                    c.role_name(c.decisions[d].role).to_string(),
                    c.scenario.decisions[d].prompt.clone(),
                    expires.map(|t| format!("beslissen vóór {}", c.time_label(t))),
                )),
                _ => None,
            })
            .collect();
        let marks = |id: &str| {
            log.entries.iter().rev().find_map(|e| match &e.what {
                EntryKind::Mark { expectation, met } if expectation == id => Some(*met),
                _ => None,
            })
        };
        let manual = c
            .scenario
            .expectations
            .iter()
            .zip(&c.expectations)
            .filter(|(e, _)| e.manual)
            .map(|(e, ce)| ManualExpectation {
                id: e.id.clone(),
                role_name: c.role_name(ce.role).to_string(),
                text: e.text.clone(),
                mark: marks(&e.id),
            })
            .collect();
        let observations = log
            .entries
            .iter()
            .filter_map(|e| match &e.what {
                EntryKind::Observe {
                    text,
                    role,
                    competency,
                } => {
                    let mut about: Vec<String> = Vec::new();
                    if let Some(r) = role.as_ref().and_then(|r| c.ids.roles.get(r)) {
                        about.push(c.role_name(*r).to_string());
                    }
                    if let Some(k) = competency {
                        about.push(k.label().to_string());
                    }
                    let moment = if about.is_empty() {
                        c.time_label(e.tick)
                    } else {
                        format!("{} · {}", c.time_label(e.tick), about.join(" · "))
                    };
                    Some((moment, text.clone()))
                }
                _ => None,
            })
            .collect();
        TrainerView {
            title: c.scenario.title.clone(),
            clock: c.time_label(st.tick.min(c.ticks)),
            paused: session.paused(),
            ended: st
                .outcome
                .and_then(|(o, _)| c.scenario.outcomes.get(o))
                .map(|o| o.title.clone()),
            seats,
            positions,
            flows,
            signals,
            upcoming: upcoming
                .into_iter()
                .map(|(t, title, to)| (c.time_label(t), title, to))
                .collect(),
            optional,
            decisions,
            manual,
            observations,
            roles: log
                .seats()
                .iter()
                .filter_map(|s| {
                    let r = *c.ids.roles.get(&s.role)?;
                    Some((s.role.clone(), c.role_name(r).to_string()))
                })
                .collect(),
            competencies: vec![
                Competency::Signalering,
                Competency::RechtmatigDelen,
                Competency::Proportionaliteit,
                Competency::Samenwerking,
                Competency::Tijdigheid,
                Competency::Slachtoffergerichtheid,
            ],
        }
    }
}

/// The privacy screen between two seats: only who comes next.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverView {
    /// "Politie — Wijkagent (met AVIM als achtervang)", or "de trainer".
    pub to: String,
    pub person: Option<String>,
    pub clock: String,
    /// The trainer console can be opened from here (trainer mode).
    pub trainer: bool,
}

impl HandoverView {
    /// The hand-over to the seat of `role`.
    pub fn to_seat(session: &Session, role: &str) -> HandoverView {
        let c = session.scenario();
        let seats = session.log().seats();
        let seat = seats.iter().find(|s| s.role == role);
        let to = c
            .ids
            .roles
            .get(role)
            .map(|&r| {
                let x = &c.scenario.roles[r];
                format!("{} — {}", x.organisation, x.name)
            })
            .unwrap_or_else(|| role.to_string());
        HandoverView {
            to,
            person: seat.and_then(|s| s.person.clone()),
            clock: c.time_label(session.state().tick.min(c.ticks)),
            trainer: session.log().trainer,
        }
    }

    /// The hand-over to the trainer.
    pub fn to_trainer(session: &Session) -> HandoverView {
        let c = session.scenario();
        HandoverView {
            to: "de trainer".to_string(),
            person: None,
            clock: c.time_label(session.state().tick.min(c.ticks)),
            trainer: true,
        }
    }
}
