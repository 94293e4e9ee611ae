//! The group debrief of a training day (or of any session log, one seat
//! included): every seat's evaluation side by side, the outcome and the
//! turning points for the group, the **chain timeline** — for every
//! signal when some organisation first held it and when a played role
//! first flagged it, and for every picture of the scenario (`pictures`)
//! when a role that could act on it first held it, against the expert
//! path — the trainer's observations, marks, pauses and released injects
//! at their moments, and the discussion questions of the scenario's
//! trainer note.
//!
//! Like the single debrief it is a pure function of (scenario, log) plus
//! the trainer note's text: the same input gives the same bytes. The
//! per-role sections are [`evaluate`]'s, unchanged.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::build::{competency_id, evaluate, expert_path};
use super::model::{Moment, OutcomeInfo, RoleDebrief, ScenarioInfo, TurningPoint};
use crate::core::engine::event::{Event, Timed, Via, via_label};
use crate::core::engine::{ActionError, EntryKind, Session, SessionLog, Step};
use crate::core::scenario::compiled::{Compiled, Ix};

/// Name of the group debrief's JSON schema.
pub const GROUP_SCHEMA: &str = "ketensim-group-debrief";
/// Bumped on every incompatible change of the group JSON.
pub const GROUP_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupDebrief {
    pub schema: String,
    pub schema_version: u32,
    pub scenario: ScenarioInfo,
    pub session: GroupSession,
    /// Who played which role, in the order of the log's seats.
    pub seats: Vec<SeatInfo>,
    /// The roles nobody played: they acted by script.
    pub scripted: Vec<RoleRef>,
    /// How the case ended; `None` when the session stopped before the end.
    pub outcome: Option<OutcomeInfo>,
    /// Where the expert path (every played role by its script) ends.
    pub expert_outcome: Option<OutcomeInfo>,
    /// Every turning point of the session, of any role.
    pub turning_points: Vec<TurningPoint>,
    /// Each seat's evaluation, as [`evaluate`] gives it, in seat order.
    pub roles: Vec<RoleDebrief>,
    pub chain: Chain,
    pub trainer: TrainerRecord,
    /// Whether a trainer note was given.
    pub note: bool,
    /// The questions for the casuïstiekbespreking from the trainer note
    /// (empty without a note or without such a section).
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSession {
    pub seed: u64,
    /// A trainer led the session.
    pub trainer: bool,
    /// Number of actions in the log.
    pub actions: usize,
    pub finished: bool,
    pub ended_at: Moment,
}

/// A seat: a role played by a person (or a table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatInfo {
    pub role: String,
    pub role_name: String,
    pub organisation: String,
    pub person: Option<String>,
}

/// A role named in the chain timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleRef {
    pub role: String,
    pub name: String,
    pub organisation: String,
    /// Played by a seat (else by script).
    pub played: bool,
}

/// The chain timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    /// Every signal fact of the scenario, in the order it first reached
    /// the chain (the session, then the expert path, then the file).
    pub signals: Vec<ChainSignal>,
    /// The scenario's pictures in file order; empty when it has none.
    pub pictures: Vec<PictureRow>,
}

/// When something was first held in the chain, and by whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    pub at: Moment,
    /// The action (1-based position in the log) it followed from; `None`
    /// at the start, by the trainer, or on the expert path.
    pub action: Option<usize>,
    /// The roles that came to hold it in that day-part, first one first.
    pub by: Vec<RoleRef>,
    /// How the first of them came to know it (signals only).
    pub via: Option<String>,
}

/// The first flag of a signal by a played role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstFlag {
    pub at: Moment,
    pub action: Option<usize>,
    pub by: RoleRef,
    /// The form it was flagged as.
    pub form: String,
}

/// A row of the chain timeline: one signal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainSignal {
    pub fact: String,
    pub text: String,
    pub form: String,
    pub weight: u32,
    /// First held by some organisation (any role, scripted or played).
    pub held: Option<Held>,
    /// The same on the expert path.
    pub expert_held: Option<Held>,
    /// First flagged by a played role.
    pub flagged: Option<FirstFlag>,
    /// The same on the expert path (the played roles by their script).
    pub expert_flagged: Option<FirstFlag>,
    /// Day-parts from first held to first flagged.
    pub parts_to_flag: Option<u32>,
}

/// A fact of a picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PictureFact {
    pub fact: String,
    pub text: String,
}

/// How far one role of a picture got.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PictureHolder {
    pub role: RoleRef,
    /// How many of the picture's facts it held at the end.
    pub facts_held: usize,
    /// When it first held the picture.
    pub at: Option<Moment>,
}

/// A row of the chain timeline: one picture of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PictureRow {
    pub id: String,
    pub title: String,
    pub text: String,
    pub facts: Vec<PictureFact>,
    pub at_least: usize,
    /// The roles that could act on it.
    pub roles: Vec<RoleRef>,
    /// When a role in `roles` first held `at_least` of the facts.
    pub held: Option<Held>,
    /// The same on the expert path.
    pub expert_held: Option<Held>,
    /// Day-parts later (positive) or earlier (negative) than the expert
    /// path; `None` unless both held it.
    pub parts_behind_expert: Option<i64>,
    /// Each role of `roles` in the session.
    pub holders: Vec<PictureHolder>,
}

/// What the trainer did and wrote, in log order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainerRecord {
    pub observations: Vec<Observation>,
    /// Expectations judged by hand.
    pub marks: Vec<MarkRow>,
    /// Pauses, resumes, day-parts ended for everyone, released injects.
    pub events: Vec<TrainerEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub at: Moment,
    /// How many actions of the log came before it.
    pub after: usize,
    pub text: String,
    pub role: Option<RoleRef>,
    /// The competency's id (as in the scores) and label.
    pub competency: Option<String>,
    pub competency_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkRow {
    pub at: Moment,
    pub after: usize,
    pub expectation: String,
    /// The expectation's text.
    pub text: String,
    pub role: Option<RoleRef>,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainerEvent {
    pub at: Moment,
    pub after: usize,
    /// "pause", "resume", "end_day_part" or "release".
    pub kind: String,
    /// What happened, in Dutch.
    pub text: String,
    /// The released inject's id.
    pub inject: Option<String>,
}

/// The trainer note of a scenario file: the `.md` beside it with the same
/// stem (`scenarios/x.ron` → `scenarios/x.md`).
pub fn trainer_note_path(scenario: &Path) -> PathBuf {
    scenario.with_extension("md")
}

/// The text of the trainer note beside `scenario`, when there is one.
pub fn read_trainer_note(scenario: &Path) -> Option<String> {
    std::fs::read_to_string(trainer_note_path(scenario)).ok()
}

/// The questions for the casuïstiekbespreking in a trainer note: the list
/// items under the first heading that names the casuïstiekbespreking (or,
/// failing that, the first heading with "vragen"), up to the next heading.
/// An item's continuation lines are joined; `**`, `__` and backticks are
/// dropped.
pub fn discussion_questions(note: &str) -> Vec<String> {
    let lines: Vec<&str> = note.lines().collect();
    let heading = |l: &str| l.trim_start().starts_with('#');
    let find = |pred: &dyn Fn(&str) -> bool| {
        lines
            .iter()
            .position(|l| heading(l) && pred(&l.to_lowercase()))
    };
    let Some(start) = find(&|l| l.contains("casuïstiekbespreking") || l.contains("casuistiek"))
        .or_else(|| find(&|l| l.contains("vragen")))
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in &lines[start + 1..] {
        if heading(line) {
            break;
        }
        let t = line.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        if let Some(item) = list_item(t) {
            out.push(item.to_string());
            open = true;
        } else if open && let Some(last) = out.last_mut() {
            last.push(' ');
            last.push_str(t);
        }
    }
    out.into_iter()
        .map(|q| {
            q.replace("**", "")
                .replace("__", "")
                .replace('`', "")
                .trim()
                .to_string()
        })
        .filter(|q| !q.is_empty())
        .collect()
}

/// The text of a Markdown list item (`- `, `* `, `+ `, `1. `, `1) `).
fn list_item(t: &str) -> Option<&str> {
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(m) {
            return Some(rest.trim());
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim());
        }
    }
    None
}

/// An event with the action it followed from (`None`: the start, the
/// trainer, or the expert path).
type Tagged = (Option<usize>, Timed);

/// Computes the group debrief of `log` on `scenario`; `note` is the text
/// of the scenario's trainer note ([`read_trainer_note`]), if any.
pub fn group_debrief(
    scenario: Arc<Compiled>,
    log: &SessionLog,
    note: Option<&str>,
) -> Result<GroupDebrief, ActionError> {
    let c = &*scenario;
    let debrief = evaluate(scenario.clone(), log)?;
    let (session, events) = replay(scenario.clone(), log)?;
    let expert = expert_path(scenario.clone(), log.seed, &log.roles)?;
    let expert_events: Vec<Tagged> = expert.history().iter().map(|t| (None, t.clone())).collect();
    let played: Vec<bool> = (0..c.roles.len()).map(|r| session.is_played(r)).collect();
    let role_ref = |r: Ix| RoleRef {
        role: c.role_id(r).to_string(),
        name: c.role_name(r).to_string(),
        organisation: c
            .scenario
            .roles
            .get(r)
            .map(|x| x.organisation.clone())
            .unwrap_or_default(),
        played: played.get(r).copied().unwrap_or(false),
    };
    let role_by_id = |id: &str| c.ids.roles.get(id).map(|&r| role_ref(r));

    let seats = log
        .seats()
        .into_iter()
        .map(|s| {
            let r = role_by_id(&s.role);
            SeatInfo {
                role_name: r.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
                organisation: r.map(|r| r.organisation).unwrap_or_default(),
                role: s.role,
                person: s.person.filter(|p| !p.trim().is_empty()),
            }
        })
        .collect::<Vec<_>>();
    let scripted = (0..c.roles.len())
        .filter(|&r| !played[r])
        .map(role_ref)
        .collect();
    // The role sections in seat order.
    let mut roles = debrief.roles;
    roles.sort_by_key(|r| {
        seats
            .iter()
            .position(|s| s.role == r.role)
            .unwrap_or(usize::MAX)
    });

    let chain = Chain {
        signals: chain_signals(c, &session, &events, &expert_events, &played, &role_ref),
        pictures: pictures(c, &events, &expert_events, &role_ref),
    };
    let trainer = trainer_record(c, log, &role_by_id);
    let st = session.state();
    Ok(GroupDebrief {
        schema: GROUP_SCHEMA.to_string(),
        schema_version: GROUP_SCHEMA_VERSION,
        scenario: debrief.scenario,
        session: GroupSession {
            seed: log.seed,
            trainer: log.trainer,
            actions: log.actions.len(),
            finished: st.ended(),
            ended_at: moment(c, st.tick.min(c.ticks)),
        },
        seats,
        scripted,
        outcome: debrief.outcome,
        expert_outcome: debrief.expert_outcome,
        turning_points: debrief.turning_points,
        roles,
        chain,
        trainer,
        note: note.is_some(),
        questions: note.map(discussion_questions).unwrap_or_default(),
    })
}

/// Replays `log` and returns the session with every event, tagged with
/// the action it followed from.
fn replay(
    scenario: Arc<Compiled>,
    log: &SessionLog,
) -> Result<(Session, Vec<Tagged>), ActionError> {
    let mut events: Vec<Tagged> = Vec::new();
    let s = Session::replay_each(scenario, log, |s, step| match step {
        Step::Started => events.extend(s.history().iter().map(|t| (None, t.clone()))),
        Step::Entries { events: ev, .. } => events.extend(ev.into_iter().map(|t| (None, t))),
        Step::Action { k, events: ev, .. } => {
            events.extend(ev.into_iter().map(|t| (Some(k + 1), t)))
        }
        Step::Before { .. } => {}
    })?;
    Ok((s, events))
}

fn moment(c: &Compiled, tick: u32) -> Moment {
    Moment {
        tick,
        label: c.time_label(tick),
    }
}

/// Who learned which fact when, in event order: (action, tick, role,
/// fact, via).
fn learned(events: &[Tagged]) -> Vec<(Option<usize>, u32, Ix, Ix, Via)> {
    events
        .iter()
        .filter_map(|(a, t)| match t.event {
            Event::Learned { role, fact, via } => Some((*a, t.tick, role, fact, via)),
            _ => None,
        })
        .collect()
}

/// The first holders of `fact`: the first learner, and every role that
/// learned it in the same day-part.
fn first_held(
    c: &Compiled,
    learned: &[(Option<usize>, u32, Ix, Ix, Via)],
    fact: Ix,
    role_ref: &dyn Fn(Ix) -> RoleRef,
) -> Option<Held> {
    let mut of_fact = learned.iter().filter(|x| x.3 == fact);
    let &(action, tick, role, _, via) = of_fact.next()?;
    let mut by = vec![role_ref(role)];
    for x in of_fact.filter(|x| x.1 == tick) {
        let r = role_ref(x.2);
        if !by.contains(&r) {
            by.push(r);
        }
    }
    Some(Held {
        at: moment(c, tick),
        action,
        by,
        via: Some(via_label(c, &via)),
    })
}

/// The first flag of `fact` by a role of `flaggers`.
fn first_flag(
    c: &Compiled,
    events: &[Tagged],
    fact: Ix,
    flaggers: &[bool],
    role_ref: &dyn Fn(Ix) -> RoleRef,
) -> Option<FirstFlag> {
    events.iter().find_map(|(a, t)| match t.event {
        Event::Flagged {
            role,
            fact: f,
            form,
        } if f == fact && flaggers.get(role).copied().unwrap_or(false) => Some(FirstFlag {
            at: moment(c, t.tick),
            action: *a,
            by: role_ref(role),
            form: form.label().to_string(),
        }),
        _ => None,
    })
}

fn chain_signals(
    c: &Compiled,
    session: &Session,
    events: &[Tagged],
    expert_events: &[Tagged],
    played: &[bool],
    role_ref: &dyn Fn(Ix) -> RoleRef,
) -> Vec<ChainSignal> {
    let learned_now = learned(events);
    let learned_expert = learned(expert_events);
    let mut rows: Vec<(usize, ChainSignal)> = Vec::new();
    for (f, cf) in c.facts.iter().enumerate() {
        let Some((form, weight)) = cf.signal else {
            continue;
        };
        let held = first_held(c, &learned_now, f, role_ref);
        let flagged = first_flag(c, events, f, played, role_ref);
        let parts_to_flag = match (&held, &flagged) {
            (Some(h), Some(x)) => Some(x.at.tick.saturating_sub(h.at.tick)),
            _ => None,
        };
        rows.push((
            f,
            ChainSignal {
                fact: c.scenario.facts[f].id.clone(),
                text: session.fact_text(f).to_string(),
                form: form.label().to_string(),
                weight,
                held,
                expert_held: first_held(c, &learned_expert, f, role_ref),
                flagged,
                expert_flagged: first_flag(c, expert_events, f, played, role_ref),
                parts_to_flag,
            },
        ));
    }
    rows.sort_by_key(|(f, s)| {
        let tick = |h: &Option<Held>| h.as_ref().map_or(u32::MAX, |h| h.at.tick);
        (tick(&s.held), tick(&s.expert_held), *f)
    });
    rows.into_iter().map(|(_, s)| s).collect()
}

/// When a role of the picture first held `at_least` of its facts, and
/// per role (in `roles` order) how many it held at the end and when it
/// first held the picture.
fn picture_held(
    c: &Compiled,
    learned: &[(Option<usize>, u32, Ix, Ix, Via)],
    facts: &[Ix],
    at_least: usize,
    roles: &[Ix],
    role_ref: &dyn Fn(Ix) -> RoleRef,
) -> (Option<Held>, Vec<(usize, Option<u32>)>) {
    let mut count = vec![0usize; roles.len()];
    let mut reached: Vec<Option<u32>> = vec![None; roles.len()];
    let mut first: Option<(Option<usize>, u32)> = None;
    let mut by: Vec<RoleRef> = Vec::new();
    for &(action, tick, role, fact, _) in learned {
        let Some(i) = roles.iter().position(|&r| r == role) else {
            continue;
        };
        if !facts.contains(&fact) {
            continue;
        }
        count[i] += 1;
        if count[i] == at_least.max(1) {
            reached[i] = Some(tick);
            match first {
                None => {
                    first = Some((action, tick));
                    by.push(role_ref(role));
                }
                Some((_, t)) if t == tick => by.push(role_ref(role)),
                Some(_) => {}
            }
        }
    }
    let held = first.map(|(action, tick)| Held {
        at: moment(c, tick),
        action,
        by,
        via: None,
    });
    (held, count.into_iter().zip(reached).collect())
}

fn pictures(
    c: &Compiled,
    events: &[Tagged],
    expert_events: &[Tagged],
    role_ref: &dyn Fn(Ix) -> RoleRef,
) -> Vec<PictureRow> {
    let learned_now = learned(events);
    let learned_expert = learned(expert_events);
    let s = &c.scenario;
    s.pictures
        .iter()
        .zip(&c.pictures)
        .map(|(p, cp)| {
            let (held, per_role) =
                picture_held(c, &learned_now, &cp.facts, cp.at_least, &cp.roles, role_ref);
            let (expert_held, _) = picture_held(
                c,
                &learned_expert,
                &cp.facts,
                cp.at_least,
                &cp.roles,
                role_ref,
            );
            let parts_behind_expert = match (&held, &expert_held) {
                (Some(h), Some(e)) => Some(i64::from(h.at.tick) - i64::from(e.at.tick)),
                _ => None,
            };
            PictureRow {
                id: p.id.clone(),
                title: p.title.clone(),
                text: p.text.clone(),
                facts: cp
                    .facts
                    .iter()
                    .filter_map(|&f| {
                        s.facts.get(f).map(|x| PictureFact {
                            fact: x.id.clone(),
                            text: x.text.clone(),
                        })
                    })
                    .collect(),
                at_least: cp.at_least,
                roles: cp.roles.iter().map(|&r| role_ref(r)).collect(),
                held,
                expert_held,
                parts_behind_expert,
                holders: cp
                    .roles
                    .iter()
                    .zip(per_role)
                    .map(|(&r, (n, at))| PictureHolder {
                        role: role_ref(r),
                        facts_held: n,
                        at: at.map(|t| moment(c, t)),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn trainer_record(
    c: &Compiled,
    log: &SessionLog,
    role_by_id: &dyn Fn(&str) -> Option<RoleRef>,
) -> TrainerRecord {
    let mut out = TrainerRecord {
        observations: Vec::new(),
        marks: Vec::new(),
        events: Vec::new(),
    };
    for e in &log.entries {
        let at = moment(c, e.tick);
        let event = |kind: &str, text: String, inject: Option<String>| TrainerEvent {
            at: at.clone(),
            after: e.after,
            kind: kind.to_string(),
            text,
            inject,
        };
        match &e.what {
            EntryKind::Ready { .. } => {}
            EntryKind::Pause => out.events.push(event(
                "pause",
                "De trainer pauzeert de oefening".to_string(),
                None,
            )),
            EntryKind::Resume => out.events.push(event(
                "resume",
                "De trainer hervat de oefening".to_string(),
                None,
            )),
            EntryKind::EndDayPart => out.events.push(event(
                "end_day_part",
                "De trainer beëindigt het dagdeel voor iedereen".to_string(),
                None,
            )),
            EntryKind::Scripted { role } => out.events.push(event(
                "scripted",
                format!(
                    "De trainer draagt de rol {} over aan het script (de tafel kwam niet terug); vanaf hier handelt het script",
                    role_by_id(role).map_or_else(|| role.clone(), |r| r.name)
                ),
                None,
            )),
            EntryKind::Release { inject } => {
                let text = match c.ids.injects.get(inject).map(|&i| &c.scenario.injects[i]) {
                    Some(i) => format!(
                        "De trainer zet in: {} \u{201c}{}\u{201d} voor {}",
                        i.kind.label(),
                        i.title,
                        role_by_id(&i.to).map(|r| r.name).unwrap_or(i.to.clone())
                    ),
                    None => format!("De trainer zet bericht `{inject}` in"),
                };
                out.events
                    .push(event("release", text, Some(inject.clone())));
            }
            EntryKind::Observe {
                text,
                role,
                competency,
            } => out.observations.push(Observation {
                at,
                after: e.after,
                text: text.clone(),
                role: role.as_deref().and_then(role_by_id),
                competency: competency.as_ref().map(competency_id),
                competency_label: competency.as_ref().map(|x| x.label().to_string()),
            }),
            EntryKind::Mark { expectation, met } => {
                let exp = c
                    .scenario
                    .expectations
                    .iter()
                    .find(|x| x.id == *expectation);
                out.marks.push(MarkRow {
                    at,
                    after: e.after,
                    expectation: expectation.clone(),
                    text: exp.map(|x| x.text.clone()).unwrap_or_default(),
                    role: exp.and_then(|x| role_by_id(&x.role)),
                    met: *met,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_come_from_the_discussion_section() {
        let note = "# Notitie\n\n## Leerpunten\n\n- Niet dit.\n\n## Vragen voor de casuïstiekbespreking\n\nInleiding.\n\n- Eerste **vraag**?\n- Tweede vraag,\n  over twee regels?\n1. Derde `vraag`?\n\n## Bronnen\n\n- Ook niet dit.\n";
        assert_eq!(
            discussion_questions(note),
            vec![
                "Eerste vraag?".to_string(),
                "Tweede vraag, over twee regels?".to_string(),
                "Derde vraag?".to_string()
            ]
        );
        assert!(discussion_questions("# Niets\n\n- Geen vraag.\n").is_empty());
        // Without a casuïstiek heading, the first heading with "vragen".
        assert_eq!(
            discussion_questions("## Vragen\n* Een?\n"),
            vec!["Een?".to_string()]
        );
    }

    #[test]
    fn the_note_is_the_md_beside_the_scenario() {
        assert_eq!(
            trainer_note_path(Path::new("scenarios/x.ron")),
            PathBuf::from("scenarios/x.md")
        );
    }
}
