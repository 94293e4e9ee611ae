//! The trainer's view models: the console (the whole case, for the trainer
//! only) and the privacy screen between two seats (nothing of either).
//!
//! The console shows hidden truth on purpose — which facts are signals and
//! who holds them — and is reachable only in trainer mode, through a
//! privacy screen. The hand-over view carries nothing but the next seat's
//! name and the clock.

use crate::core::engine::Session;
use crate::core::scenario::model::Competency;
use crate::core::view::{RoleView, Truth, Viewer, project};

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
    /// Handed to the role's script by the trainer.
    pub scripted: bool,
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
    /// The console runs on a laptop connected to a host (no hand-over
    /// screen; the group debrief is made on the host).
    pub on_host: bool,
    pub title: String,
    pub clock: String,
    pub paused: bool,
    pub ended: Option<String>,
    pub seats: Vec<SeatLine>,
    pub positions: Vec<Position>,
    /// Every share so far: "Dag 1, middag — Gemeente → RIEC via …: 2
    /// gegevens (rechtmatig)".
    pub flows: Vec<String>,
    /// The worst verdict id of each line of `flows` ("lawful",
    /// "wrong_ground", "excessive", "unlawful"), for its colour.
    pub flow_verdicts: Vec<String>,
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
    /// The console of `session`: the trainer's projection
    /// (`core::view::project(.., Viewer::Trainer)`), formatted.
    pub fn new(session: &Session) -> TrainerView {
        let view = project(session, Viewer::Trainer);
        TrainerView::from_view(&view)
    }

    /// Formats the trainer's projection (all it needs is in it: the app
    /// connected to a host as the trainer has no scenario file). A seat's
    /// projection has no answer key: the console of such a view is empty.
    pub fn from_view(v: &RoleView) -> TrainerView {
        let name = |r: usize| v.roles.get(r).map(|x| x.name.clone()).unwrap_or_default();
        let empty = Truth {
            facts: Vec::new(),
            shares: Vec::new(),
            map: crate::core::view::Map {
                holds: Vec::new(),
                flagged: 0,
                flows: Vec::new(),
            },
            releasable: Vec::new(),
            seats: Vec::new(),
            upcoming: Vec::new(),
            optional: Vec::new(),
            manual: Vec::new(),
            observations: Vec::new(),
        };
        let t = v.truth.as_ref().unwrap_or(&empty);
        let desk = |r: usize| v.desks.iter().find(|d| d.role == r);
        let seats = t
            .seats
            .iter()
            .map(|seat| {
                let card = v.roles.get(seat.role);
                let d = desk(seat.role);
                SeatLine {
                    role: card.map(|x| x.id.clone()).unwrap_or_default(),
                    role_name: name(seat.role),
                    organisation: card.map(|x| x.organisation.clone()).unwrap_or_default(),
                    person: seat.person.clone(),
                    facts: d.map_or(0, |d| d.facts.len()),
                    flags: d.map_or(0, |d| d.facts.iter().filter(|f| f.flag.is_some()).count()),
                    ready: !v.waiting_for.contains(&seat.role),
                    scripted: seat.scripted,
                }
            })
            .collect();
        let is_signal = |id: &str| t.facts.iter().any(|f| f.id == id && f.signal.is_some());
        let positions = v
            .desks
            .iter()
            .filter(|d| !d.facts.is_empty())
            .map(|d| Position {
                role_name: name(d.role),
                played: t.seats.iter().any(|s| s.role == d.role),
                facts: d
                    .facts
                    .iter()
                    .map(|f| (f.text.clone(), is_signal(&f.id), f.flag.is_some()))
                    .collect(),
            })
            .collect();
        let mut flows: Vec<String> = Vec::new();
        let mut flow_verdicts: Vec<String> = Vec::new();
        let mut k = 0;
        while k < t.shares.len() {
            // One line per share: records of the same moment, sender,
            // channel and ground that follow each other.
            let first = &t.shares[k];
            let key = |x: &crate::core::view::TruthShare| {
                (x.at.tick, x.from, x.channel.clone(), x.ground.clone())
            };
            let mut end = k + 1;
            while end < t.shares.len() && key(&t.shares[end]) == key(first) {
                end += 1;
            }
            let part = &t.shares[k..end];
            let mut to: Vec<String> = part.iter().map(|x| name(x.to)).collect();
            to.dedup();
            let mut facts: Vec<&str> = part.iter().map(|x| x.fact.as_str()).collect();
            facts.sort_unstable();
            facts.dedup();
            let worst = part.iter().map(|x| x.verdict).max_by_key(|v| v.severity());
            flow_verdicts.push(worst.map(|v| v.id()).unwrap_or("").to_string());
            let channel = first.channel_name.as_str();
            flows.push(format!(
                "{} — {} → {} via {}: {} ({})",
                first.at.label,
                name(first.from),
                to.join(", "),
                channel,
                crate::core::words::count(facts.len(), "gegeven", "gegevens"),
                worst.map(|v| v.label()).unwrap_or("")
            ));
            k = end;
        }
        let signals = t
            .facts
            .iter()
            .filter(|f| f.signal.is_some())
            .map(|f| {
                let holders = f.held_by.iter().map(|r| name(*r)).collect();
                let flagged = v
                    .desks
                    .iter()
                    .filter(|d| d.facts.iter().any(|x| x.id == f.id && x.flag.is_some()))
                    .map(|d| name(d.role))
                    .collect();
                (f.text.clone(), holders, flagged)
            })
            .collect();
        let decisions = v
            .desks
            .iter()
            .flat_map(|d| {
                d.decisions.iter().map(move |x| {
                    (
                        d.role,
                        x.prompt.clone(),
                        x.expires
                            .as_ref()
                            .map(|m| format!("beslissen vóór {}", m.label)),
                    )
                })
            })
            .map(|(r, p, e)| (name(r), p, e))
            .collect();
        TrainerView {
            on_host: false,
            title: v.scenario_title.clone(),
            clock: v.clock.label.clone(),
            paused: v.paused,
            ended: v.ended.clone(),
            seats,
            positions,
            flows,
            flow_verdicts,
            signals,
            upcoming: t
                .upcoming
                .iter()
                .map(|x| (x.at.label.clone(), x.title.clone(), name(x.to)))
                .collect(),
            optional: t
                .optional
                .iter()
                .map(|o| OptionalInject {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    to: name(o.to),
                    note: o.note.clone(),
                    releasable: o.releasable,
                    released: o.released.as_ref().map(|m| m.label.clone()),
                })
                .collect(),
            decisions,
            manual: t
                .manual
                .iter()
                .map(|m| ManualExpectation {
                    id: m.id.clone(),
                    role_name: name(m.role),
                    text: m.text.clone(),
                    mark: m.mark,
                })
                .collect(),
            observations: t
                .observations
                .iter()
                .map(|o| {
                    let mut about = vec![o.at.label.clone()];
                    if let Some(r) = o.role {
                        about.push(name(r));
                    }
                    if let Some(k) = &o.competency {
                        about.push(k.label().to_string());
                    }
                    (about.join(" · "), o.text.clone())
                })
                .collect(),
            roles: t
                .seats
                .iter()
                .filter_map(|s| Some((v.roles.get(s.role)?.id.clone(), name(s.role))))
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
