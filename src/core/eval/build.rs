//! Computes the debrief from a scenario and a session log.
//!
//! How points are given (also in `docs/report-format.md`):
//! - **Signals**: every signal fact the role sees on the *expert path*
//!   (all roles by script, expert options, same seed) is worth 1
//!   Signalering point, earned by flagging it with the right form. A flag
//!   on a fact that is no signal costs 1 point.
//! - **Shares**: every fact the role shares unlawfully costs 2 points of
//!   Rechtmatig delen; a lawful disclosure recorded on the wrong ground
//!   ("rechtmatig, verkeerde grondslag") 1 point of Rechtmatig delen; more
//!   than needed 1 point of Proportionaliteit (per share action and fact,
//!   the worst verdict of the fact in that action).
//! - **Decisions**: a decision the expert path meets is worth, per
//!   competency, its best option's points; the trainee earns the chosen
//!   option's points (0 when it expired or never came). A decision only
//!   met off the expert path can only cost points.
//! - **Expectations**: the scenario's expectations for the role are worth
//!   their points when met at the end; `Tijdigheid` points only when met
//!   by the deadline.
//!
//! The maximum per competency is the sum of the items' `possible`: it
//! follows from the scenario, the role and the seed, never from the
//! trainee's play, except that a decision the trainee reaches off the
//! expert path can add a negative item.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::model::*;
use super::summary::summarise;
use crate::core::engine::event::{Event, ShareItem, Timed, share_parts};
use crate::core::engine::{ActionError, DecisionState, Session, SessionLog, State, Step};
use crate::core::scenario::compiled::{CAct, Compiled, Ix};
use crate::core::scenario::model::{Competency, OutcomeKind, Verdict};

/// The six competencies every debrief shows, in this order.
pub const STANDARD: [Competency; 6] = [
    Competency::Signalering,
    Competency::RechtmatigDelen,
    Competency::Proportionaliteit,
    Competency::Samenwerking,
    Competency::Tijdigheid,
    Competency::Slachtoffergerichtheid,
];

/// The id of a competency in the JSON and CSV.
pub fn competency_id(c: &Competency) -> String {
    match c {
        Competency::Signalering => "signalering".into(),
        Competency::RechtmatigDelen => "rechtmatig_delen".into(),
        Competency::Proportionaliteit => "proportionaliteit".into(),
        Competency::Samenwerking => "samenwerking".into(),
        Competency::Tijdigheid => "tijdigheid".into(),
        Competency::Slachtoffergerichtheid => "slachtoffergerichtheid".into(),
        Competency::Custom(name) => name.clone(),
    }
}

/// Reference cited for a flag on a fact that is no signal.
const FALSE_FLAG_REFERENCE: &str =
    "Meldcode huiselijk geweld en kindermishandeling, stap 1 (signalen in kaart brengen)";
/// Reference cited for signal items.
const SIGNAL_REFERENCE: &str =
    "Meldcode stap 1; signalen stapelen (\"1 + 1 = 2\"), zie de signalenlijsten mensenhandel";

/// The replayed session with everything the evaluation needs per action.
struct Replay {
    session: Session,
    /// Events before the first action.
    start: Vec<Timed>,
    /// Events of each action.
    per_action: Vec<Vec<Timed>>,
    /// Clock after each action.
    tick_after: Vec<u32>,
    /// `[expectation]`: whether it held at the start.
    held_at_start: Vec<bool>,
    /// `[action][expectation]`: whether it held after the action.
    held_after: Vec<Vec<bool>>,
    /// Outcome (index) the expert reaches from before action k, k = 0..=n,
    /// with the first act the expert continuation takes.
    reach: Vec<(Option<Ix>, Option<String>)>,
    /// The expert path: the continuation from before the first action.
    reference: Session,
}

/// Computes the debrief of `log` on `scenario`.
pub fn evaluate(scenario: Arc<Compiled>, log: &SessionLog) -> Result<Debrief, ActionError> {
    let c = &*scenario;
    let replay = replay(scenario.clone(), log, true, None)?;
    let st = replay.session.state();
    let rst = replay.reference.state();

    let outcome = st.outcome.map(|(o, t)| outcome_info(c, o, t));
    let expert_outcome = rst.outcome.map(|(o, t)| outcome_info(c, o, t));
    let turning_points = turning_points(c, log, &replay);

    let mut roles = Vec::new();
    for id in &log.roles {
        let Some(&r) = c.ids.roles.get(id) else {
            continue;
        };
        roles.push(role_debrief(c, &replay, rst, r, &outcome, &turning_points));
    }

    Ok(Debrief {
        schema: SCHEMA.to_string(),
        schema_version: SCHEMA_VERSION,
        scenario: ScenarioInfo {
            id: c.scenario.id.clone(),
            title: c.scenario.title.clone(),
            version: c.scenario.version.clone(),
            hash: c.hash.clone(),
            learning_goals: c.scenario.learning_goals.clone(),
            day_parts: (0..c.ticks).map(|t| c.time_label(t)).collect(),
        },
        session: SessionInfo {
            seed: log.seed,
            trainee: log.trainee.clone(),
            roles: log.roles.clone(),
            actions: log.actions.len(),
            finished: st.ended(),
            ended_at: moment(c, st.tick.min(c.ticks)),
        },
        outcome,
        expert_outcome,
        turning_points,
        roles,
    })
}

/// The debrief of each played role of `log` without the turning points,
/// which need an expert continuation before every action. `reference` is
/// the session's expert path ([`expert_path`]) when the caller has it;
/// it depends only on the seed and the played roles. Used by `analyze`
/// to score many playthroughs.
pub fn role_scores(
    scenario: Arc<Compiled>,
    log: &SessionLog,
    reference: Option<&Session>,
) -> Result<Vec<RoleDebrief>, ActionError> {
    let c = &*scenario;
    let replay = replay(scenario.clone(), log, false, reference)?;
    let st = replay.session.state();
    let rst = replay.reference.state();
    let outcome = st.outcome.map(|(o, t)| outcome_info(c, o, t));
    Ok(log
        .roles
        .iter()
        .filter_map(|id| c.ids.roles.get(id).copied())
        .map(|r| role_debrief(c, &replay, rst, r, &outcome, &[]))
        .collect())
}

/// The expert path of a session on `scenario` with `seed` and the played
/// `roles`: every played role handed to its script from the start, the
/// clock run out. The yardstick of the maximum score.
pub fn expert_path(
    scenario: Arc<Compiled>,
    seed: u64,
    roles: &[String],
) -> Result<Session, ActionError> {
    let mut s = Session::start(scenario, seed, roles, None)?;
    run_as_expert(&mut s, roles);
    Ok(s)
}

/// An act a handed-over role took on the expert path: (role, tick, act).
type ExpertAct = (Ix, u32, CAct);

/// How many acts of the expert continuation are kept to explain a turning
/// point.
const KEEP_ACTS: usize = 64;

/// Hands every played role to its script and runs the clock out. Returns
/// the first acts the handed-over roles took.
fn run_as_expert(s: &mut Session, roles: &[String]) -> Vec<ExpertAct> {
    let c = s.scenario().clone();
    let played: Vec<Ix> = roles
        .iter()
        .filter_map(|r| c.ids.roles.get(r).copied())
        .collect();
    let mut acts = Vec::new();
    let note = |events: &[Timed], acts: &mut Vec<ExpertAct>| {
        for t in events {
            if acts.len() >= KEEP_ACTS {
                return;
            }
            if let Some((role, act)) = act_of(&c, &t.event)
                && played.contains(&role)
            {
                acts.push((role, t.tick, act));
            }
        }
    };
    for &r in &played {
        let ev = s.hand_over(r);
        note(&ev, &mut acts);
    }
    let Some(driver) = roles.first() else {
        return acts;
    };
    let ev = s.run_out(driver);
    note(&ev, &mut acts);
    acts
}

/// The act behind an event, if it is one (flag, share, consult, talk,
/// scripted decision).
fn act_of(c: &Compiled, e: &Event) -> Option<(Ix, CAct)> {
    Some(match e {
        Event::Flagged { role, fact, form } => (*role, CAct::Flag(*fact, *form)),
        Event::Shared {
            from,
            channel,
            ground,
            items,
        } => {
            let (facts, to) = share_parts(items);
            (
                *from,
                CAct::Share {
                    facts,
                    to,
                    channel: *channel,
                    ground: *ground,
                },
            )
        }
        Event::Consulted { role, consult, .. } => (*role, CAct::Consult(*consult)),
        Event::Talked { role, talk } => (*role, CAct::Talk(*talk)),
        Event::Decided {
            decision,
            option,
            scripted: true,
        } => (
            c.decisions.get(*decision)?.role,
            CAct::Decide(*decision, *option),
        ),
        _ => return None,
    })
}

/// What the expert path did instead of `instead_of`: for a decision the
/// expert's choice in it; for a share the first share; otherwise the first
/// act that is not a flag (flags are listed in the signal timeline).
fn expert_instead(c: &Compiled, acts: &[ExpertAct], instead_of: Option<&CAct>) -> Option<String> {
    let pick = match instead_of {
        Some(CAct::Decide(d, _)) => acts
            .iter()
            .find(|(_, _, a)| matches!(a, CAct::Decide(x, _) if x == d)),
        Some(CAct::Share { .. }) => acts
            .iter()
            .find(|(_, _, a)| matches!(a, CAct::Share { .. })),
        _ => None,
    }
    .or_else(|| acts.iter().find(|(_, _, a)| !matches!(a, CAct::Flag(..))))
    .or_else(|| acts.first())?;
    let (role, tick, act) = pick;
    Some(format!(
        "{} ({}): {}",
        c.role_name(*role),
        c.time_label(*tick),
        describe_act(c, act)
    ))
}

/// A Dutch sentence for an action, with fact texts and names.
pub fn describe_act(c: &Compiled, act: &CAct) -> String {
    let s = &c.scenario;
    let fact = |f: Ix| {
        s.facts
            .get(f)
            .map(|x| format!("\u{201c}{}\u{201d}", x.text))
            .unwrap_or_default()
    };
    match act {
        CAct::Flag(f, form) => format!("markeert {} als signaal van {}", fact(*f), form.label()),
        CAct::Share {
            facts,
            to,
            channel,
            ground,
        } => {
            let channel = s.channels.get(*channel).map(|x| x.name.as_str());
            let ground = s.grounds.get(*ground).map(|x| x.name.as_str());
            let to: Vec<&str> = to.iter().map(|r| c.role_name(*r)).collect();
            let facts: Vec<String> = facts.iter().map(|f| fact(*f)).collect();
            format!(
                "deelt {} met {} via {} op grond van {}",
                facts.join(", "),
                if to.is_empty() {
                    "de deelnemers".to_string()
                } else {
                    to.join(", ")
                },
                channel.unwrap_or("?"),
                ground.unwrap_or("?")
            )
        }
        CAct::Consult(k) => format!(
            "raadpleegt {}",
            s.consults.get(*k).map(|x| x.name.as_str()).unwrap_or("?")
        ),
        CAct::Talk(t) => match s.talks.get(*t) {
            Some(t) => {
                let who = s
                    .subjects
                    .iter()
                    .find(|x| x.id == t.subject)
                    .map(|x| x.name.as_str())
                    .unwrap_or(t.subject.as_str());
                format!("voert een gesprek met {who}")
            }
            None => "voert een gesprek".to_string(),
        },
        CAct::AskConsent(r) => match s.consents.get(*r) {
            Some(r) => format!("vraagt toestemming: {}", r.text),
            None => "vraagt toestemming".to_string(),
        },
        CAct::Convene(ch) => format!(
            "roept {} bijeen",
            s.channels.get(*ch).map(|x| x.name.as_str()).unwrap_or("?")
        ),
        CAct::Decide(d, o) => match s.decisions.get(*d) {
            Some(d) => format!(
                "kiest bij \u{201c}{}\u{201d}: {}",
                d.prompt,
                d.options.get(*o).map(|x| x.text.as_str()).unwrap_or("?")
            ),
            None => "neemt een beslissing".to_string(),
        },
        CAct::Advance => "sluit het dagdeel af (de tijd verstrijkt)".to_string(),
    }
}

/// Replays `log`. With `turning`, also plays the expert continuation
/// before every action (for the turning points); `reference` is the expert
/// path when the caller already has it (it depends only on the seed and
/// the played roles).
fn replay(
    scenario: Arc<Compiled>,
    log: &SessionLog,
    turning: bool,
    reference: Option<&Session>,
) -> Result<Replay, ActionError> {
    let c = scenario.clone();
    let expectations = |st: &State| -> Vec<bool> {
        c.expectations
            .iter()
            .map(|e| st.holds(&e.achieve))
            .collect()
    };
    let mut start = Vec::new();
    let mut held_at_start = Vec::new();
    let mut per_action: Vec<Vec<Timed>> = Vec::new();
    let mut tick_after = Vec::new();
    let mut held_after = Vec::new();
    let mut pending: Vec<Timed> = Vec::new();
    // The expert path is the continuation from before the first action.
    let mut expert: Option<(Session, Vec<ExpertAct>)> = None;
    let mut reach = Vec::new();
    let session = Session::replay_each(scenario, log, |s, step| match step {
        Step::Started => {
            start = s.history().to_vec();
            held_at_start = expectations(s.state());
            expert = Some(match reference {
                Some(r) => (r.clone(), Vec::new()),
                None => {
                    let mut r = s.clone();
                    let acts = run_as_expert(&mut r, &log.roles);
                    (r, acts)
                }
            });
        }
        Step::Before { k } if turning => {
            let next = log
                .actions
                .get(k)
                .and_then(|a| crate::core::engine::session::resolve_act(&c, &a.act).ok());
            reach.push(match (&expert, k) {
                (Some((r, acts)), 0) => (
                    r.state().outcome.map(|(o, _)| o),
                    expert_instead(&c, acts, next.as_ref()),
                ),
                _ => expert_reach(s, &log.roles, next.as_ref()),
            });
        }
        Step::Before { .. } => {}
        // What the trainer released before an action belongs to it; what
        // came after the last action, to the last.
        Step::Entries { after, events } => match per_action.last_mut() {
            Some(last) if after == log.actions.len() => last.extend(events),
            _ => pending.extend(events),
        },
        Step::Action { events, .. } => {
            let mut ev = std::mem::take(&mut pending);
            ev.extend(events);
            per_action.push(ev);
            tick_after.push(s.state().tick);
            held_after.push(expectations(s.state()));
        }
    })?;
    let (reference, _) = expert.ok_or(ActionError::Ended)?;
    reach.push(if !turning {
        (None, None)
    } else if log.actions.is_empty() {
        (reference.state().outcome.map(|(o, _)| o), None)
    } else {
        expert_reach(&session, &log.roles, None)
    });
    Ok(Replay {
        session,
        start,
        per_action,
        tick_after,
        held_at_start,
        held_after,
        reach,
        reference,
    })
}

/// The outcome the expert would reach from this point on, and what the
/// expert did instead of `next`.
fn expert_reach(
    s: &Session,
    roles: &[String],
    next: Option<&CAct>,
) -> (Option<Ix>, Option<String>) {
    if let Some((o, _)) = s.state().outcome {
        return (Some(o), None);
    }
    let mut what_if = s.clone();
    let acts = run_as_expert(&mut what_if, roles);
    let c = s.scenario();
    (
        what_if.state().outcome.map(|(o, _)| o),
        expert_instead(c, &acts, next),
    )
}

fn moment(c: &Compiled, tick: u32) -> Moment {
    Moment {
        tick,
        label: c.time_label(tick),
    }
}

fn kind_id(kind: OutcomeKind) -> (&'static str, &'static str) {
    match kind {
        OutcomeKind::Good => ("good", "goed"),
        OutcomeKind::Partial => ("partial", "gedeeltelijk"),
        OutcomeKind::Bad => ("bad", "slecht"),
    }
}

fn kind_rank(kind: OutcomeKind) -> i32 {
    match kind {
        OutcomeKind::Good => 2,
        OutcomeKind::Partial => 1,
        OutcomeKind::Bad => 0,
    }
}

fn outcome_info(c: &Compiled, o: Ix, tick: u32) -> OutcomeInfo {
    let out = &c.scenario.outcomes[o.min(c.scenario.outcomes.len().saturating_sub(1))];
    let (kind, kind_label) = kind_id(out.kind);
    OutcomeInfo {
        id: out.id.clone(),
        title: out.title.clone(),
        text: out.text.clone(),
        kind: kind.to_string(),
        kind_label: kind_label.to_string(),
        at: moment(c, tick.min(c.ticks)),
    }
}

fn turning_points(c: &Compiled, log: &SessionLog, replay: &Replay) -> Vec<TurningPoint> {
    let outcomes = &c.scenario.outcomes;
    let label = |o: Option<Ix>| -> (String, String, i32) {
        match o.and_then(|o| outcomes.get(o)) {
            Some(x) => (x.id.clone(), x.title.clone(), kind_rank(x.kind)),
            None => ("-".into(), "geen uitkomst".into(), -1),
        }
    };
    let mut out = Vec::new();
    for k in 1..replay.reach.len() {
        let (before, expert_instead) = &replay.reach[k - 1];
        let (after, _) = &replay.reach[k];
        if before == after {
            continue;
        }
        let Some(a) = log.actions.get(k - 1) else {
            continue;
        };
        let (b_id, b_title, b_rank) = label(*before);
        let (a_id, a_title, a_rank) = label(*after);
        let direction = match a_rank.cmp(&b_rank) {
            std::cmp::Ordering::Less => "worse",
            std::cmp::Ordering::Greater => "better",
            std::cmp::Ordering::Equal => "different",
        };
        let text = match crate::core::engine::session::resolve_act(c, &a.act) {
            Ok(act) => format!(
                "{} {}",
                c.ids
                    .roles
                    .get(&a.role)
                    .map(|r| c.role_name(*r))
                    .unwrap_or(&a.role),
                describe_act(c, &act)
            ),
            Err(_) => a.role.clone(),
        };
        out.push(TurningPoint {
            action: k,
            at: moment(c, a.tick),
            role: a.role.clone(),
            text,
            before: b_id,
            before_title: b_title,
            after: a_id,
            after_title: a_title,
            direction: direction.to_string(),
            expert_instead: expert_instead.clone(),
        });
    }
    out
}

/// Finds the action whose events contain one matching `pred` (the last
/// such action); `None` when it happened before the first action.
fn action_of(replay: &Replay, pred: impl Fn(&Event) -> bool) -> Option<(Option<usize>, u32)> {
    for (i, evs) in replay.per_action.iter().enumerate().rev() {
        if let Some(t) = evs.iter().rev().find(|t| pred(&t.event)) {
            return Some((Some(i + 1), t.tick));
        }
    }
    replay
        .start
        .iter()
        .rev()
        .find(|t| pred(&t.event))
        .map(|t| (None, t.tick))
}

struct Items {
    comp: Vec<Competency>,
    items: Vec<ScoreItem>,
}

impl Items {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        comp: &Competency,
        kind: ItemKind,
        subject: &str,
        earned: i32,
        possible: i32,
        action: Option<usize>,
        at: Option<Moment>,
        text: String,
        reason: String,
        reference: &str,
    ) {
        if earned == 0 && possible == 0 {
            return;
        }
        if !self.comp.contains(comp) {
            self.comp.push(comp.clone());
        }
        self.items.push(ScoreItem {
            competency: competency_id(comp),
            kind,
            subject: subject.to_string(),
            earned,
            possible,
            action,
            at,
            text,
            reason,
            reference: reference.to_string(),
        });
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
fn role_debrief(
    c: &Compiled,
    replay: &Replay,
    rst: &State,
    r: Ix,
    outcome: &Option<OutcomeInfo>,
    turning: &[TurningPoint],
) -> RoleDebrief {
    let s = &c.scenario;
    let st = replay.session.state();
    let mut items = Items {
        comp: STANDARD.to_vec(),
        items: Vec::new(),
    };

    // Signals.
    let learned_via = replay.session.learned_via(r);
    let mut signals = Vec::new();
    let mut false_flags = Vec::new();
    let mut vulnerabilities = Vec::new();
    for (f, cf) in c.facts.iter().enumerate() {
        let fact = &s.facts[f];
        let text = replay.session.fact_text(f).to_string();
        let seen = st.known[r][f];
        let flag = st.flags[r][f];
        let flag_action = flag.and_then(|_| {
            action_of(
                replay,
                |e| matches!(e, Event::Flagged { role, fact, .. } if *role == r && *fact == f),
            )
            .and_then(|(a, _)| a)
        });
        let Some((form, weight)) = cf.signal else {
            if cf.vulnerability
                && let Some(tick) = seen
            {
                vulnerabilities.push(VulnerabilityRow {
                    fact: fact.id.clone(),
                    text: text.clone(),
                    visible_at: moment(c, tick),
                    flagged: flag.is_some(),
                });
            }
            if let Some((flag_form, tick)) = flag {
                let reason = if cf.vulnerability {
                    "Dit is een kwetsbaarheid: het maakt iemand vatbaar voor uitbuiting, maar wijst er zelf niet op. Herken het als context en weeg het mee; als signaal vertroebelt het het beeld en kan het stigmatiseren."
                } else {
                    "Dit gegeven wijst niet op uitbuiting. Een onterecht signaal vertroebelt het beeld en kan stigmatiseren."
                };
                false_flags.push(FalseFlag {
                    fact: fact.id.clone(),
                    text: text.clone(),
                    form: flag_form.label().to_string(),
                    at: moment(c, tick),
                    action: flag_action,
                });
                items.push(
                    &Competency::Signalering,
                    ItemKind::FalseFlag,
                    &fact.id,
                    -1,
                    0,
                    flag_action,
                    Some(moment(c, tick)),
                    format!(
                        "\u{201c}{text}\u{201d} gemarkeerd als signaal van {}",
                        flag_form.label()
                    ),
                    reason.to_string(),
                    FALSE_FLAG_REFERENCE,
                );
            }
            continue;
        };
        let expert_seen = rst.known[r][f];
        if seen.is_none() && expert_seen.is_none() {
            continue;
        }
        let scored = expert_seen.is_some();
        let status = match (seen, flag) {
            (None, _) => SignalStatus::NotSeen,
            (Some(_), None) => SignalStatus::Missed,
            (Some(_), Some((ff, _))) if ff == form => SignalStatus::Flagged,
            (Some(_), Some(_)) => SignalStatus::WrongForm,
        };
        let visible_via = seen
            .map(|_| crate::core::view::provenance(c, st, r, f, learned_via[f].as_ref()).1)
            .filter(|v| !v.is_empty());
        let earned = i32::from(status == SignalStatus::Flagged);
        let (what, reason) = match status {
            SignalStatus::Flagged => (
                format!("Signaal \u{201c}{text}\u{201d} gemarkeerd als {}", form.label()),
                "Goed gezien: dit is een signaal, en het telt op bij de andere signalen.".to_string(),
            ),
            SignalStatus::WrongForm => (
                format!(
                    "Signaal \u{201c}{text}\u{201d} gemarkeerd als {} in plaats van {}",
                    flag.map(|(x, _)| x.label()).unwrap_or("?"),
                    form.label()
                ),
                format!(
                    "Wel gezien, maar het wijst op {}: de vorm bepaalt de route (partners, melding).",
                    form.label()
                ),
            ),
            SignalStatus::Missed => (
                format!("Signaal \u{201c}{text}\u{201d} niet gemarkeerd"),
                "U had dit gegeven, maar markeerde het niet als signaal. Signalen stapelen: juist losse, onschuldig lijkende feiten maken samen het beeld.".to_string(),
            ),
            SignalStatus::NotSeen => (
                format!("Signaal \u{201c}{text}\u{201d} niet gezien"),
                format!(
                    "Dit signaal bereikte uw rol niet; op het expertpad wel ({}). Informatie komt pas bij u als de keten deelt en u erom vraagt of het inbrengt.",
                    expert_seen.map(|t| c.time_label(t)).unwrap_or_default()
                ),
            ),
        };
        let at = match status {
            SignalStatus::Flagged | SignalStatus::WrongForm => flag.map(|(_, t)| moment(c, t)),
            SignalStatus::Missed => seen.map(|t| moment(c, t)),
            SignalStatus::NotSeen => None,
        };
        let action = match status {
            SignalStatus::Flagged | SignalStatus::WrongForm => flag_action,
            _ => None,
        };
        if scored {
            items.push(
                &Competency::Signalering,
                ItemKind::Signal,
                &fact.id,
                earned,
                1,
                action,
                at,
                what,
                reason,
                SIGNAL_REFERENCE,
            );
        }
        signals.push(SignalRow {
            fact: fact.id.clone(),
            text,
            form: form.label().to_string(),
            weight,
            visible_at: seen.map(|t| moment(c, t)),
            visible_via,
            expert_visible_at: expert_seen.map(|t| moment(c, t)),
            flagged_at: flag.map(|(_, t)| moment(c, t)),
            flagged_form: flag.map(|(x, _)| x.label().to_string()),
            flag_action,
            status,
            scored,
        });
    }
    signals.sort_by(|a, b| {
        let key = |x: &SignalRow| {
            (
                x.visible_at
                    .as_ref()
                    .or(x.expert_visible_at.as_ref())
                    .map(|m| m.tick)
                    .unwrap_or(u32::MAX),
                x.fact.clone(),
            )
        };
        key(a).cmp(&key(b))
    });

    // What reached the role, and how.
    let mut received: Vec<(u32, Ix, ReceivedRow)> = Vec::new();
    for (f, how) in learned_via.iter().enumerate() {
        let Some(rec) = st.receipt(r, f) else {
            continue;
        };
        let via = crate::core::view::provenance(c, st, r, f, how.as_ref()).1;
        received.push((
            rec.tick,
            f,
            ReceivedRow {
                fact: s.facts[f].id.clone(),
                text: replay.session.fact_text(f).to_string(),
                at: moment(c, rec.tick),
                from: c.role_id(rec.from).to_string(),
                from_name: c.role_name(rec.from).to_string(),
                channel: s
                    .channels
                    .get(rec.channel)
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                ground: s
                    .grounds
                    .get(rec.ground)
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                consent: rec.binding.is_some(),
                via,
            },
        ));
    }
    received.sort_by_key(|(t, f, _)| (*t, *f));
    let received: Vec<ReceivedRow> = received.into_iter().map(|(_, _, x)| x).collect();

    // Shares.
    let mut shares = Vec::new();
    let all = replay.start.iter().map(|t| (None, t)).chain(
        replay
            .per_action
            .iter()
            .enumerate()
            .flat_map(|(i, evs)| evs.iter().map(move |t| (Some(i + 1), t))),
    );
    for (action, t) in all {
        let Event::Shared {
            from,
            channel,
            ground,
            items: shared,
        } = &t.event
        else {
            continue;
        };
        if *from != r {
            continue;
        }
        let ch = s.channels.get(*channel);
        let gr = s.grounds.get(*ground);
        let mut worst: Vec<&ShareItem> = Vec::new();
        for it in shared {
            let (reason, reference, rule) = judgement_text(c, it, *ground);
            let fact = &s.facts[it.fact];
            shares.push(ShareRow {
                action,
                at: moment(c, t.tick),
                to: c.role_id(it.to).to_string(),
                to_name: c.role_name(it.to).to_string(),
                fact: fact.id.clone(),
                fact_text: replay.session.fact_text(it.fact).to_string(),
                category: data_label(c, it.fact),
                channel: ch.map(|x| x.name.clone()).unwrap_or_default(),
                ground: gr.map(|x| x.name.clone()).unwrap_or_default(),
                ground_reference: gr.map(|x| x.reference.clone()).unwrap_or_default(),
                verdict: verdict_id(it.verdict).to_string(),
                verdict_label: it.verdict.label().to_string(),
                reason,
                reference,
                rule,
                fitting_ground: it
                    .fitting
                    .and_then(|(g, _)| s.grounds.get(g))
                    .map(|g| g.name.clone()),
            });
            match worst.iter_mut().find(|w| w.fact == it.fact) {
                Some(w) => {
                    if severity(it.verdict) > severity(w.verdict) {
                        *w = it;
                    }
                }
                None => worst.push(it),
            }
        }
        for it in worst {
            let (f, verdict) = (it.fact, it.verdict);
            // An unlawful disclosure costs two points under Rechtmatig
            // delen, the wrong ground label one (a recording fault), more
            // than needed one under Proportionaliteit.
            let (comp, points) = match verdict {
                Verdict::Lawful => continue,
                Verdict::Unlawful => (Competency::RechtmatigDelen, -2),
                Verdict::WrongGround => (Competency::RechtmatigDelen, -1),
                Verdict::Excessive => (Competency::Proportionaliteit, -1),
            };
            let (reason, reference, _) = judgement_text(c, it, *ground);
            items.push(
                &comp,
                ItemKind::Share,
                &s.facts[f].id,
                points,
                0,
                action,
                Some(moment(c, t.tick)),
                format!(
                    "\u{201c}{}\u{201d} gedeeld via {} op grond van {}: {}",
                    replay.session.fact_text(f),
                    ch.map(|x| x.name.as_str()).unwrap_or("?"),
                    gr.map(|x| x.name.as_str()).unwrap_or("?"),
                    verdict.label()
                ),
                reason,
                &reference,
            );
        }
    }

    // Decisions.
    let mut decisions = Vec::new();
    for (d, cd) in c.decisions.iter().enumerate() {
        if cd.role != r {
            continue;
        }
        let dec = &s.decisions[d];
        let on_ref = !matches!(rst.decisions[d], DecisionState::Closed);
        let option_info = |o: Ix| {
            dec.options.get(o).map(|x| OptionInfo {
                id: x.id.clone(),
                text: x.text.clone(),
                feedback: x.feedback.clone(),
                reference: x.reference.clone(),
            })
        };
        let mut comps: BTreeSet<&Competency> = BTreeSet::new();
        for o in &dec.options {
            comps.extend(o.points.keys());
        }
        let best = |comp: &Competency| {
            dec.options
                .iter()
                .map(|o| o.points.get(comp).copied().unwrap_or(0))
                .max()
                .unwrap_or(0)
                .max(0)
        };
        let (status, chosen, action, at) = match st.decisions[d] {
            DecisionState::Decided { option, at, .. } => {
                let a = action_of(
                    replay,
                    |e| matches!(e, Event::Decided { decision, .. } if *decision == d),
                )
                .and_then(|(a, _)| a);
                (DecisionStatus::Decided, Some(option), a, Some(at))
            }
            DecisionState::Expired { at } => {
                let a = action_of(
                    replay,
                    |e| matches!(e, Event::DecisionExpired { decision } if *decision == d),
                )
                .and_then(|(a, _)| a);
                (DecisionStatus::Expired, None, a, Some(at))
            }
            DecisionState::Open { since, .. } => (DecisionStatus::Open, None, None, Some(since)),
            DecisionState::Closed => (DecisionStatus::NotOpened, None, None, None),
        };
        if status == DecisionStatus::NotOpened && !on_ref {
            continue;
        }
        for comp in comps {
            let possible = if on_ref { best(comp) } else { 0 };
            let (earned, text, reason, reference) = match (status, chosen) {
                (DecisionStatus::Decided, Some(o)) => {
                    let opt = &dec.options[o];
                    let p = opt.points.get(comp).copied().unwrap_or(0);
                    let p = if on_ref { p } else { p.min(0) };
                    (
                        p,
                        format!("Beslissing \u{201c}{}\u{201d}: {}", dec.prompt, opt.text),
                        opt.feedback.clone(),
                        opt.reference.clone(),
                    )
                }
                (DecisionStatus::Expired, _) => (
                    0,
                    format!("Beslissing \u{201c}{}\u{201d} verlopen", dec.prompt),
                    if dec.expire_feedback.is_empty() {
                        "De termijn verstreek zonder besluit.".to_string()
                    } else {
                        dec.expire_feedback.clone()
                    },
                    expert_reference(dec, cd.expert),
                ),
                (DecisionStatus::Open, _) => (
                    0,
                    format!("Beslissing \u{201c}{}\u{201d} nog open", dec.prompt),
                    "De sessie stopte voordat u besloot.".to_string(),
                    expert_reference(dec, cd.expert),
                ),
                _ => (
                    0,
                    format!("Beslissing \u{201c}{}\u{201d} niet aan de orde gekomen", dec.prompt),
                    "Op het expertpad komt deze beslissing wel; in uw sessie leidden eerdere keuzes er niet naartoe.".to_string(),
                    expert_reference(dec, cd.expert),
                ),
            };
            items.push(
                comp,
                ItemKind::Decision,
                &dec.id,
                earned,
                possible,
                action,
                at.map(|t| moment(c, t)),
                text,
                reason,
                &reference,
            );
        }
        decisions.push(DecisionRow {
            id: dec.id.clone(),
            prompt: dec.prompt.clone(),
            status,
            chosen: chosen.and_then(option_info),
            expert: cd.expert.and_then(option_info),
            chose_expert: chosen.is_some() && chosen == cd.expert,
            action,
            at: at.map(|t| moment(c, t)),
            on_expert_path: on_ref,
            expire_feedback: (status == DecisionStatus::Expired)
                .then(|| dec.expire_feedback.clone()),
        });
    }
    decisions.sort_by_key(|d| (d.at.as_ref().map(|m| m.tick).unwrap_or(u32::MAX), d.action));

    // Expectations.
    let mut expectations = Vec::new();
    for (e, ce) in c.expectations.iter().enumerate() {
        if ce.role != r {
            continue;
        }
        let exp = &s.expectations[e];
        // The trainer's last mark, where the scenario allows one.
        let mark = exp
            .manual
            .then(|| {
                replay
                    .session
                    .log()
                    .entries
                    .iter()
                    .rev()
                    .find_map(|x| match &x.what {
                        crate::core::engine::EntryKind::Mark { expectation, met }
                            if *expectation == exp.id =>
                        {
                            Some((*met, x.after, x.tick))
                        }
                        _ => None,
                    })
            })
            .flatten();
        let met = mark.map_or_else(|| st.holds(&ce.achieve), |(m, _, _)| m);
        // The action after which it last became true.
        let mut since: Option<Option<usize>> = None;
        if let Some((true, after, _)) = mark {
            since = Some((after > 0).then_some(after));
        } else if met {
            since = Some(None);
            let mut prev = replay.held_at_start[e];
            if !prev {
                since = None;
            }
            for (i, held) in replay.held_after.iter().enumerate() {
                let now = held[e];
                if now && !prev {
                    since = Some(Some(i + 1));
                }
                prev = now;
            }
        }
        let action = since.flatten();
        let tick = match (mark, since) {
            (Some((true, _, t)), _) => Some(t),
            (_, Some(Some(i))) => replay.tick_after.get(i - 1).copied(),
            (_, Some(None)) => Some(0),
            (_, None) => None,
        };
        let in_time = match (tick, ce.by) {
            (Some(t), Some(b)) => Some(t <= b),
            _ => None,
        };
        for (comp, pts) in &exp.points {
            let earned = if !met || (*comp == Competency::Tijdigheid && in_time == Some(false)) {
                0
            } else {
                *pts
            };
            let reason = if !met {
                exp.feedback.clone()
            } else if *comp == Competency::Tijdigheid && in_time == Some(false) {
                format!(
                    "Gedaan, maar te laat: dit had uiterlijk {} moeten gebeuren. {}",
                    ce.by.map(|b| c.time_label(b)).unwrap_or_default(),
                    exp.feedback
                )
            } else if mark.is_some() {
                "Gedaan (beoordeeld door de trainer).".to_string()
            } else {
                "Gedaan.".to_string()
            };
            items.push(
                comp,
                ItemKind::Expectation,
                &exp.id,
                earned,
                (*pts).max(0),
                action,
                tick.map(|t| moment(c, t)),
                exp.text.clone(),
                reason,
                &exp.reference,
            );
        }
        expectations.push(ExpectationRow {
            id: exp.id.clone(),
            text: exp.text.clone(),
            met,
            action,
            at: tick.map(|t| moment(c, t)),
            by: ce.by.map(|b| moment(c, b)),
            in_time,
            sharing: mentions_sharing(&exp.achieve),
            by_trainer: mark.is_some(),
            feedback: exp.feedback.clone(),
            reference: exp.reference.clone(),
            missing: if met || mark.is_some() {
                Vec::new()
            } else {
                super::describe::missing_parts(
                    c,
                    &|f| replay.session.fact_text(f).to_string(),
                    st,
                    &ce.achieve,
                )
            },
        });
    }

    let Items { comp, items } = items;
    let scores: Vec<CompetencyScore> = comp
        .iter()
        .map(|k| {
            let id = competency_id(k);
            let (earned, max) = items
                .iter()
                .filter(|i| i.competency == id)
                .fold((0, 0), |(e, m), i| (e + i.earned, m + i.possible));
            CompetencyScore {
                id,
                label: k.label().to_string(),
                earned,
                max,
                percent: percent(earned, max),
            }
        })
        .collect();
    let total_earned = scores.iter().map(|x| x.earned).sum();
    let total_max = scores.iter().map(|x| x.max).sum();
    let role = &s.roles[r];
    let mut debrief = RoleDebrief {
        role: role.id.clone(),
        name: role.name.clone(),
        organisation: role.organisation.clone(),
        summary: Summary {
            headline: String::new(),
            strengths: Vec::new(),
            improvements: Vec::new(),
        },
        total_earned,
        total_max,
        scores,
        items,
        signals,
        vulnerabilities,
        false_flags,
        shares,
        received,
        expectations,
        decisions,
    };
    debrief.summary = summarise(&debrief, outcome, turning);
    debrief
}

/// `earned / max` in whole percent, clamped to 0..=100.
pub fn percent(earned: i32, max: i32) -> Option<u32> {
    if max <= 0 {
        return None;
    }
    let p = (i64::from(earned.max(0)) * 100 + i64::from(max) / 2) / i64::from(max);
    Some(p.clamp(0, 100) as u32)
}

fn expert_reference(dec: &crate::core::scenario::model::Decision, expert: Option<Ix>) -> String {
    expert
        .and_then(|e| dec.options.get(e))
        .map(|o| o.reference.clone())
        .unwrap_or_default()
}

fn severity(v: Verdict) -> u8 {
    v.severity()
}

pub fn verdict_id(v: Verdict) -> &'static str {
    v.id()
}

/// Reason, reference and rule id of a judged share item: its sharing
/// rule, the engine's consent judgement, or the policy's default.
/// A lawful disclosure on the wrong ground says which ground fits and why
/// the named one (`ground`) does not.
pub fn judgement_text(
    c: &Compiled,
    it: &ShareItem,
    ground: Ix,
) -> (String, String, Option<String>) {
    use crate::core::engine::law;
    let p = &c.scenario.sharing;
    let named = || -> (String, String, Option<String>) {
        if let Some(gate) = it.gate {
            let (reason, reference) = law::gate_reason(c, it.fact, gate);
            return (reason, reference, None);
        }
        if let Some(sr) = it.rule.and_then(|r| p.rules.get(r)) {
            return (sr.reason.clone(), sr.reference.clone(), sr.id.clone());
        }
        if let Some(check) = it.consent {
            let (reason, reference) = law::consent_reason(c, it.fact, check);
            return (reason, reference, None);
        }
        (p.default.reason.clone(), p.default.reference.clone(), None)
    };
    match (it.verdict, it.fitting) {
        (Verdict::WrongGround, Some((fit, fit_rule))) => {
            let (mut why_not, _, rule) = named();
            // Rejected for want of consent on a consent ground: say so
            // without sending the trainee off to ask it.
            if it.gate.is_none()
                && it.rule.is_none()
                && let Some(check) = it.consent
            {
                why_not = law::consent_label_reason(c, check);
            }
            let (reason, reference) = law::wrong_ground_reason(c, ground, fit, fit_rule, &why_not);
            (reason, reference, rule)
        }
        _ => named(),
    }
}

/// The data attributes of a fact in Dutch ("bijzonder persoonsgegeven,
/// strafrechtelijk gegeven").
pub fn data_label(c: &Compiled, fact: Ix) -> String {
    use crate::core::scenario::model::Category;
    let mut parts = Vec::new();
    for cat in [Category::Special, Category::Criminal] {
        if c.fact_is(fact, cat) {
            parts.push(cat.label());
        }
    }
    if parts.is_empty() {
        parts.push(Category::Ordinary.label());
    }
    parts.join(", ")
}

fn mentions_sharing(c: &crate::core::scenario::model::Condition) -> bool {
    use crate::core::scenario::model::Condition as C;
    match c {
        C::Shared { .. } | C::ChannelUsed { .. } => true,
        C::All(v) | C::Any(v) => v.iter().any(mentions_sharing),
        C::Not(x) => mentions_sharing(x),
        _ => false,
    }
}
