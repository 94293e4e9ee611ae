//! What a viewer may see of a session: one projection of the session onto
//! a seat (a role) or onto the trainer. The case screen and the ketenkaart
//! (`ui::model`) only format a [`RoleView`], and a host can send a seat its
//! `RoleView` and nothing else; so information hiding is tested here,
//! without a GPU and without a network (`tests/core/view.rs`).
//!
//! A seat's view holds what its role may know: the facts it holds (as
//! drawn for this session) with when and how it learned them and its own
//! flags; the messages that reached it; its open decisions; what it can
//! use now (channels with their recipients and sittings, grounds, consults,
//! talks, consent requests, meetings to convene); the consent requests it
//! asked with the answers that arrived; what happened around it (the feed);
//! and the ketenkaart as far as it can know. It holds no fact the role does
//! not hold, no other role's flags, nothing on which facts are signals and
//! no verdict on a share (judging is for the debrief). The trainer's view
//! holds every role's desk and the answer key ([`Truth`]).

use serde::{Deserialize, Serialize};

use crate::core::engine::event::{Event, share_parts, via_label};
use crate::core::engine::{DecisionState, EntryKind, Session};
use crate::core::scenario::compiled::{Compiled, Ix};
use crate::core::scenario::model::{ChannelKind, Form, Verdict};

/// Who looks at the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Viewer {
    /// A role (its index in the scenario): sees only what it may know.
    Seat(Ix),
    /// The trainer: sees everything.
    Trainer,
}

/// A moment of the case: the day-part and its Dutch label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    pub tick: u32,
    /// "Dag 1, ochtend", or "einde van de casus" after the last day-part.
    pub label: String,
}

/// Something the role can pick, by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// The projection of a session onto one viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleView {
    pub viewer: Viewer,
    pub scenario_id: String,
    pub scenario_title: String,
    /// The current day-part.
    pub clock: Moment,
    /// The outcome's title once the case has ended.
    pub ended: Option<String>,
    /// The trainer has paused the exercise (training day).
    pub paused: bool,
    /// The played roles still at work in this day-part (on a training day
    /// the clock moves when every seat has ended it).
    pub waiting_for: Vec<Ix>,
    /// Every role of the case, in scenario order (the ketenkaart and the
    /// share dialog name them all). Role indices in this view point here.
    pub roles: Vec<RoleCard>,
    /// The desks of the viewed roles: for a seat its own only (none for a
    /// role the scenario does not have); for the trainer every role's, in
    /// scenario order.
    pub desks: Vec<Desk>,
    /// The answer key and everything that happened: the trainer's only.
    pub truth: Option<Truth>,
}

impl RoleView {
    /// The desk of `role`, if this view holds it.
    pub fn desk(&self, role: Ix) -> Option<&Desk> {
        self.desks.iter().find(|d| d.role == role)
    }
}

/// A role of the case, as everyone may know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCard {
    pub id: String,
    pub name: String,
    pub organisation: String,
    /// Its name on the ketenkaart: the organisation, or the role's own
    /// name when another role belongs to the same organisation.
    pub map_name: String,
}

/// One role's desk: what it holds, what reached it, what it can do now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Desk {
    /// Index into `RoleView::roles`.
    pub role: Ix,
    /// What the role reads before the case starts, and its goals (a seat
    /// on another laptop never needs the scenario file).
    pub briefing: String,
    pub goals: Vec<String>,
    /// The facts the role holds, in scenario order.
    pub facts: Vec<HeldFact>,
    /// Messages, calls and reports that reached the role, in scenario
    /// order.
    pub inbox: Vec<Message>,
    /// Its open decisions.
    pub decisions: Vec<OpenDecision>,
    /// Channels it can share through now, with whom it reaches.
    pub channels: Vec<ChannelUse>,
    pub grounds: Vec<Ground>,
    /// Consults it can ask (advice without sharing data).
    pub consults: Vec<Named>,
    /// Talks it can hold now: the talk's id and the person's name.
    pub talks: Vec<Named>,
    /// Consent requests it can ask now: id and what is asked.
    pub can_ask: Vec<Named>,
    /// Consent requests it asked, with the answers that have arrived.
    pub asked: Vec<ConsentAsked>,
    /// Meetings it can convene.
    pub convene: Vec<Named>,
    /// The forms of exploitation it can flag a fact as.
    pub forms: Vec<Form>,
    pub can_advance: bool,
    /// What happened around the role, newest first. Shared lines: a host
    /// projecting a long case after every command copies no text.
    pub feed: Vec<std::sync::Arc<FeedLine>>,
    /// The ketenkaart as far as the role can know.
    pub map: Map,
}

/// A fact the role holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldFact {
    pub id: String,
    /// Its text as drawn for this session.
    pub text: String,
    /// "gewoon persoonsgegeven", "bijzonder persoonsgegeven", …; empty
    /// unless the session's hints are on.
    pub category: String,
    /// When the role learned it.
    pub learned: Moment,
    /// How it learned it, in Dutch: for a received fact from whom, by
    /// which channel, on which ground and whether with consent ("van
    /// Politie via Casusoverleg ZVH, op grond van Wgs, met toestemming");
    /// for its own how it came (empty when the history was dropped).
    pub via: String,
    /// How the role holds it: its own, or received (and how).
    pub origin: FactOrigin,
    /// The role's own flag.
    pub flag: Option<Form>,
}

/// How a role holds a fact, as far as the role itself knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactOrigin {
    /// Its own: known at the start, from a message, a talk or a
    /// development in the case (also when it was received first and the
    /// role learned it itself later).
    Own,
    /// Received from another role in a share (the first time it reached
    /// the role).
    Received {
        /// The sender (index into `RoleView::roles`).
        from: Ix,
        /// The channel's id and name.
        channel: String,
        channel_name: String,
        /// The ground the sender named: id and name.
        ground: String,
        ground_name: String,
        /// It came under a consent of the person concerned (the recipient
        /// knows that, not which request it was).
        consent: bool,
        at: Moment,
    },
}

/// How `role` holds `fact` and the Dutch line for it (`via`: the first
/// `Learned` event, for the role's own facts). Only what the role itself
/// knows: the share that reached it (sender, channel, ground, whether
/// with consent), never how it was judged.
pub fn provenance(
    c: &Compiled,
    st: &crate::core::engine::State,
    role: Ix,
    fact: Ix,
    via: Option<&crate::core::engine::event::Via>,
) -> (FactOrigin, String) {
    use crate::core::engine::event::Via;
    let s = &c.scenario;
    if let Some(r) = st.receipt(role, fact) {
        let ch = s.channels.get(r.channel);
        let gr = s.grounds.get(r.ground);
        let origin = FactOrigin::Received {
            from: r.from,
            channel: ch.map(|x| x.id.clone()).unwrap_or_default(),
            channel_name: ch.map(|x| x.name.clone()).unwrap_or_default(),
            ground: gr.map(|x| x.id.clone()).unwrap_or_default(),
            ground_name: gr.map(|x| x.name.clone()).unwrap_or_default(),
            consent: r.binding.is_some(),
            at: moment(c, r.tick),
        };
        let text = received_label(c, &origin);
        return (origin, text);
    }
    let text = match via {
        // Received first, learned of its own later (no event says how).
        Some(v @ Via::Share { .. }) => {
            format!("eigen gegeven (eerder ontvangen: {})", via_label(c, v))
        }
        Some(v) => via_label(c, v),
        None => String::new(),
    };
    (FactOrigin::Own, text)
}

/// "van Politie via Casusoverleg ZVH, op grond van Wgs, met toestemming".
fn received_label(c: &Compiled, o: &FactOrigin) -> String {
    match o {
        FactOrigin::Own => String::new(),
        FactOrigin::Received {
            from,
            channel_name,
            ground_name,
            consent,
            ..
        } => format!(
            "van {} via {}, op grond van {}{}",
            c.role_name(*from),
            channel_name,
            ground_name,
            if *consent { ", met toestemming" } else { "" }
        ),
    }
}

/// A message, call or report that reached the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub at: Moment,
    /// "e-mail", "telefoon", … in Dutch.
    pub kind: String,
    pub from: String,
    pub title: String,
    pub text: String,
}

/// An open decision of the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenDecision {
    pub id: String,
    pub prompt: String,
    /// In the scenario's order (no hint which is best).
    pub options: Vec<Named>,
    /// The day-part before which it must be taken.
    pub expires: Option<Moment>,
}

/// A channel the role can use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelUse {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Everyone present receives what is shared.
    pub meeting: bool,
    /// A formal report (melding) to a reporting body.
    pub report: bool,
    /// Roles it reaches (indices into `RoleView::roles`).
    pub recipients: Vec<Ix>,
    /// Whether it is in session now (always for a channel that is not a
    /// meeting).
    pub in_session: bool,
    /// A meeting's next sitting, now or later (`None` for other channels
    /// and for a meeting that is not planned).
    pub next_sitting: Option<Moment>,
    /// A meeting's first sitting after the current day-part (scheduled or
    /// convened), so a screen can say "zit nu; weer op …".
    pub later_sitting: Option<Moment>,
}

/// A legal ground the role can name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ground {
    pub id: String,
    pub name: String,
    pub reference: String,
}

/// A consent request the role asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentAsked {
    pub id: String,
    /// What was asked.
    pub text: String,
    pub asked: Moment,
    /// The answers that have arrived (not those still to come).
    pub answers: Vec<ConsentReply>,
}

/// One person's answer to a consent request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentReply {
    /// The person's name.
    pub person: String,
    pub gives: bool,
    /// What the person said, if the scenario gives words.
    pub text: Option<String>,
    pub at: Moment,
}

/// A line in the role's feed, in plain Dutch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedLine {
    pub at: Moment,
    pub text: String,
}

/// The ketenkaart's data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Map {
    /// Per role (in `RoleView::roles` order): how many facts it holds as
    /// far as the viewer knows. For a seat: what it holds itself, and for
    /// another role what went between the two. Which of them are signals
    /// is not the map's business.
    pub holds: Vec<u32>,
    /// Facts the viewing role flagged (the trainer's map: every role's
    /// flags together).
    pub flagged: u32,
    /// Information that flowed between two roles, as far as the viewer
    /// saw it (a seat: its own shares and what reached it).
    pub flows: Vec<Flow>,
}

/// Facts that went from one role to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// Indices into `RoleView::roles`.
    pub from: Ix,
    pub to: Ix,
    /// Distinct facts that went this way.
    pub facts: u32,
    /// When this edge was last used, counted in the shares this viewer
    /// saw (a higher number is newer; nothing else is counted).
    pub last: usize,
}

/// The answer key and the whole course of the case: the trainer's only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    /// Every fact of the case, in scenario order.
    pub facts: Vec<TruthFact>,
    /// Every fact that reached a recipient in a share, with its verdict.
    pub shares: Vec<TruthShare>,
    /// The ketenkaart as it is: who holds how many facts, every role's
    /// flags together and every flow.
    pub map: Map,
    /// Optional injects the trainer can release now: id and title.
    pub releasable: Vec<Named>,
    /// The seats (training day) and who sits there.
    pub seats: Vec<SeatCard>,
    /// Timed and scheduled injects still to come, soonest first.
    pub upcoming: Vec<Coming>,
    /// Every optional inject with its note for the trainer.
    pub optional: Vec<OptionalInject>,
    /// Expectations the trainer may judge by hand, with the last mark.
    pub manual: Vec<ManualMark>,
    /// The trainer's observations so far.
    pub observations: Vec<Observed>,
}

/// A seat of a training day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatCard {
    pub role: Ix,
    pub person: Option<String>,
    /// The trainer handed the seat to its role's script.
    #[serde(default)]
    pub scripted: bool,
}

/// An inject that will come by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coming {
    pub at: Moment,
    pub id: String,
    pub title: String,
    pub to: Ix,
}

/// An inject only the trainer releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionalInject {
    pub id: String,
    pub title: String,
    pub to: Ix,
    /// When and why to release it.
    pub note: String,
    pub releasable: bool,
    pub released: Option<Moment>,
}

/// An expectation the trainer may judge by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualMark {
    pub id: String,
    pub role: Ix,
    pub text: String,
    pub mark: Option<bool>,
}

/// One of the trainer's observations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observed {
    pub at: Moment,
    pub text: String,
    pub role: Option<Ix>,
    pub competency: Option<crate::core::scenario::model::Competency>,
}

/// A fact with what only the trainer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthFact {
    pub id: String,
    /// As drawn for this session.
    pub text: String,
    /// Whether it is a signal: its form and weight.
    pub signal: Option<(Form, u32)>,
    /// Whether it is a vulnerability (context, not a signal).
    #[serde(default)]
    pub vulnerability: bool,
    /// The roles that hold it.
    pub held_by: Vec<Ix>,
}

/// One fact to one recipient in a share, judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthShare {
    pub at: Moment,
    pub from: Ix,
    pub to: Ix,
    pub fact: String,
    pub channel: String,
    /// The channel's name, as the console shows it.
    pub channel_name: String,
    pub ground: String,
    pub verdict: Verdict,
}

/// The feed lines already formatted for each role, so that projecting a
/// long session again formats only the events since the last time (a
/// host projects after every command). Past lines never change: the
/// history only grows.
#[derive(Debug, Clone, Default)]
pub struct FeedCache {
    /// Per role: how many events of the history were seen, and the lines
    /// they gave, oldest first.
    roles: std::collections::HashMap<Ix, (usize, Vec<std::sync::Arc<FeedLine>>)>,
}

/// The session as `viewer` may see it now.
pub fn project(session: &Session, viewer: Viewer) -> RoleView {
    project_cached(session, viewer, &mut FeedCache::default())
}

/// [`project`], formatting only the feed lines of events `cache` has not
/// seen (the same result).
pub fn project_cached(session: &Session, viewer: Viewer, cache: &mut FeedCache) -> RoleView {
    let c = &**session.scenario();
    let s = &c.scenario;
    let st = session.state();
    let roles = (0..c.roles.len())
        .filter_map(|r| {
            let x = s.roles.get(r)?;
            Some(RoleCard {
                id: x.id.clone(),
                name: x.name.clone(),
                organisation: x.organisation.clone(),
                map_name: map_name(c, r),
            })
        })
        .collect();
    let (desks, truth) = match viewer {
        Viewer::Seat(role) if role < c.roles.len() => (vec![desk(session, role, cache)], None),
        Viewer::Seat(_) => (Vec::new(), None),
        Viewer::Trainer => (
            (0..c.roles.len())
                .map(|r| desk(session, r, cache))
                .collect(),
            Some(truth(session)),
        ),
    };
    RoleView {
        viewer,
        scenario_id: s.id.clone(),
        scenario_title: s.title.clone(),
        clock: moment(c, st.tick),
        ended: st
            .outcome
            .and_then(|(o, _)| s.outcomes.get(o))
            .map(|o| o.title.clone()),
        paused: session.paused(),
        waiting_for: session
            .waiting_for()
            .iter()
            .filter_map(|r| c.ids.roles.get(r).copied())
            .collect(),
        roles,
        desks,
        truth,
    }
}

fn moment(c: &Compiled, tick: u32) -> Moment {
    Moment {
        tick,
        label: c.time_label(tick),
    }
}

/// The facts' indices in the order `role` came to know them (its own
/// `Learned` events only; facts it held from the start first, in scenario
/// order), so that a fact learned later in a day-part comes after the
/// others rather than in scenario order among them.
fn learning_order(session: &Session, role: Ix, facts: usize) -> Vec<usize> {
    let mut rank: Vec<usize> = vec![0; facts];
    let mut next = 1usize;
    for t in session.history() {
        if let crate::core::engine::Event::Learned { role: r, fact, .. } = &t.event
            && *r == role
            && let Some(x) = rank.get_mut(*fact)
            && *x == 0
        {
            *x = next;
            next += 1;
        }
    }
    let mut order: Vec<usize> = (0..facts).collect();
    order.sort_by_key(|f| rank.get(*f).copied().unwrap_or(0));
    order
}

/// The name of the person a talk is with (its subject's id if the
/// scenario names nobody by it; the checker does not let that through).
fn talk_person(
    s: &crate::core::scenario::model::Scenario,
    t: &crate::core::scenario::model::Talk,
) -> String {
    s.subjects
        .iter()
        .find(|x| x.id == t.subject)
        .map_or_else(|| t.subject.clone(), |x| x.name.clone())
}

/// What `role`'s consults advised and its conversations brought, as
/// inbox messages, numbered among the role's own consults and talks only
/// (an index into the whole history would depend on what other roles
/// did).
fn answers(session: &Session, role: Ix) -> Vec<Message> {
    let c = &**session.scenario();
    let s = &c.scenario;
    let mut n = 0usize;
    session
        .history()
        .iter()
        .filter_map(|t| match &t.event {
            crate::core::engine::Event::Consulted {
                role: r,
                consult,
                advice,
            } if *r == role => {
                n += 1;
                let k = s.consults.get(*consult)?;
                let text = match advice {
                    Some(a) => k.advice.get(*a).map(|a| a.text.clone())?,
                    None => k.default_advice.clone(),
                };
                Some(Message {
                    id: format!("advies-{}-{n}", k.id),
                    at: moment(c, t.tick),
                    kind: "Advies".to_string(),
                    from: k.name.clone(),
                    title: format!("Advies van {}", k.name),
                    text,
                })
            }
            crate::core::engine::Event::Talked { role: r, talk } if *r == role => {
                n += 1;
                let x = s.talks.get(*talk)?;
                Some(Message {
                    id: format!("gesprek-{}-{n}", x.id),
                    at: moment(c, t.tick),
                    kind: "Gesprek".to_string(),
                    from: String::new(),
                    title: format!("Gesprek met {}", talk_person(s, x)),
                    text: x.text.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

/// What `role` holds, received and can do now (`role` is in range).
fn desk(session: &Session, role: Ix, cache: &mut FeedCache) -> Desk {
    let c = &**session.scenario();
    let s = &c.scenario;
    let st = session.state();
    let menu = session.menu(role);

    let learned_via = session.learned_via(role);
    let order = learning_order(session, role, learned_via.len());
    let facts = order
        .into_iter()
        .filter_map(|f| learned_via.get(f).map(|how| (f, how)))
        .filter_map(|(f, how)| {
            let tick = st.known.get(role)?.get(f).copied().flatten()?;
            let (origin, via) = provenance(c, st, role, f, how.as_ref());
            Some(HeldFact {
                id: s.facts.get(f)?.id.clone(),
                text: session.fact_text(f).to_string(),
                // The legal category pre-sorts what lawful sharing tests:
                // shown during play only when the session's hints are on.
                category: if session.hints() {
                    crate::core::eval::build::data_label(c, f)
                } else {
                    String::new()
                },
                learned: moment(c, tick),
                via,
                origin,
                flag: st
                    .flags
                    .get(role)
                    .and_then(|x| x.get(f))
                    .copied()
                    .flatten()
                    .map(|(form, _)| form),
            })
        })
        .collect();

    let mut inbox: Vec<Message> = s
        .injects
        .iter()
        .enumerate()
        .filter(|(i, _)| c.injects.get(*i).is_some_and(|x| x.to == role))
        .filter_map(|(i, inj)| {
            let tick = st.delivered.get(i).copied().flatten()?;
            Some(Message {
                id: inj.id.clone(),
                at: moment(c, tick),
                kind: inj.kind.label().to_string(),
                from: inj.from.clone(),
                title: inj.title.clone(),
                text: inj.text.clone(),
            })
        })
        .collect();
    // The advice this role asked for and what its conversations brought
    // stay in the inbox too (not only in the feed, which scrolls away).
    inbox.extend(answers(session, role));

    let decisions = menu
        .decisions
        .iter()
        .filter_map(|(d, opts)| {
            let dec = s.decisions.get(*d)?;
            let expires = match st.decisions.get(*d) {
                Some(DecisionState::Open {
                    expires: Some(e), ..
                }) => Some(moment(c, *e)),
                _ => None,
            };
            Some(OpenDecision {
                id: dec.id.clone(),
                prompt: dec.prompt.clone(),
                options: opts
                    .iter()
                    .filter_map(|o| dec.options.get(*o))
                    .map(|o| Named {
                        id: o.id.clone(),
                        name: o.text.clone(),
                    })
                    .collect(),
                expires,
            })
        })
        .collect();

    let channels = menu
        .channels
        .iter()
        .filter_map(|(ch, reach)| {
            let sc = s.channels.get(*ch)?;
            let kind = &c.channels.get(*ch)?.kind;
            let meeting = *kind == ChannelKind::Meeting;
            Some(ChannelUse {
                id: sc.id.clone(),
                name: sc.name.clone(),
                description: sc.description.clone(),
                meeting,
                report: *kind == ChannelKind::Report,
                recipients: reach.clone(),
                in_session: st.in_session(*ch),
                next_sitting: if meeting {
                    st.next_sitting(*ch).map(|t| moment(c, t))
                } else {
                    None
                },
                later_sitting: if meeting {
                    sitting_after(st, *ch, st.tick).map(|t| moment(c, t))
                } else {
                    None
                },
            })
        })
        .collect();
    let grounds = menu
        .grounds
        .iter()
        .filter_map(|g| s.grounds.get(*g))
        .map(|g| Ground {
            id: g.id.clone(),
            name: g.name.clone(),
            reference: g.reference.clone(),
        })
        .collect();
    let consults = menu
        .consults
        .iter()
        .filter_map(|k| s.consults.get(*k))
        .map(|k| Named {
            id: k.id.clone(),
            name: k.name.clone(),
        })
        .collect();
    let talks = menu
        .talks
        .iter()
        .filter_map(|t| s.talks.get(*t))
        .map(|t| Named {
            id: t.id.clone(),
            name: talk_person(s, t),
        })
        .collect();
    let can_ask = menu
        .consents
        .iter()
        .filter_map(|r| s.consents.get(*r))
        .map(|r| Named {
            id: r.id.clone(),
            name: r.text.clone(),
        })
        .collect();
    let asked = asked(session, role);
    let convene = menu
        .convene
        .iter()
        .filter_map(|ch| s.channels.get(*ch))
        .map(|ch| Named {
            id: ch.id.clone(),
            name: ch.name.clone(),
        })
        .collect();

    let history = session.history();
    let (seen, lines) = cache.roles.entry(role).or_default();
    if *seen > history.len() {
        // Another session's cache: start again.
        *seen = 0;
        lines.clear();
    }
    lines.extend(
        history[*seen..]
            .iter()
            .filter(|t| concerns(c, &t.event, role))
            .filter_map(|t| {
                feed_line(session, &t.event, role, t.tick).map(|text| {
                    std::sync::Arc::new(FeedLine {
                        at: moment(c, t.tick),
                        text,
                    })
                })
            }),
    );
    *seen = history.len();
    let feed = lines.iter().rev().cloned().collect();

    let r = &s.roles[role];
    Desk {
        role,
        briefing: r.briefing.clone(),
        goals: r.goals.clone(),
        facts,
        inbox,
        decisions,
        channels,
        grounds,
        consults,
        talks,
        can_ask,
        asked,
        convene,
        forms: menu.forms.clone(),
        can_advance: menu.can_advance,
        feed,
        map: seat_map(session, role),
    }
}

/// The first sitting of meeting `ch` after `tick` (scheduled or convened).
fn sitting_after(st: &crate::core::engine::State, ch: Ix, tick: u32) -> Option<u32> {
    let scheduled = st
        .schedule
        .sits
        .get(ch)
        .and_then(|s| s.iter().copied().find(|t| *t > tick));
    let convened = st
        .convened
        .iter()
        .filter(|(c, t)| *c == ch && *t > tick)
        .map(|(_, t)| *t)
        .min();
    match (scheduled, convened) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The consent requests `role` asked, with the answers that arrived.
fn asked(session: &Session, role: Ix) -> Vec<ConsentAsked> {
    let c = &**session.scenario();
    let s = &c.scenario;
    let st = session.state();
    st.consents
        .iter()
        .enumerate()
        .filter(|(r, _)| c.consents.get(*r).is_some_and(|x| x.role == role))
        .filter_map(|(r, rec)| {
            let rec = rec.as_ref()?;
            let req = s.consents.get(r)?;
            Some(ConsentAsked {
                id: req.id.clone(),
                text: req.text.clone(),
                asked: moment(c, rec.asked),
                answers: rec
                    .answers
                    .iter()
                    .filter(|a| a.due <= st.tick)
                    .map(|a| ConsentReply {
                        person: s
                            .subjects
                            .get(a.person)
                            .map_or_else(|| "?".to_string(), |p| p.name.clone()),
                        gives: a.gives,
                        text: crate::core::engine::event::consent_answer_text(c, r, a.answer)
                            .map(str::to_string),
                        at: moment(c, a.due),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The ketenkaart as `role` can know it: what it holds itself, and for
/// the others what went between them and the role.
fn seat_map(session: &Session, role: Ix) -> Map {
    let c = &**session.scenario();
    let st = session.state();
    let n = c.roles.len();
    let mut held = vec![vec![false; c.facts.len()]; n];
    if let Some(mine) = held.get_mut(role) {
        for (f, slot) in mine.iter_mut().enumerate() {
            *slot = st.knows(role, f);
        }
    }
    let flows = flows(session, |a, b| a == role || b == role, &mut held);
    Map {
        holds: held
            .iter()
            .map(|h| h.iter().filter(|x| **x).count() as u32)
            .collect(),
        flagged: st
            .flags
            .get(role)
            .map_or(0, |f| f.iter().filter(|x| x.is_some()).count() as u32),
        flows,
    }
}

/// The flows of the shares between roles `a` → `b` for which `seen(a, b)`
/// holds, in order of first appearance; marks what they show of who holds
/// what in `held`.
fn flows(session: &Session, seen: impl Fn(Ix, Ix) -> bool, held: &mut [Vec<bool>]) -> Vec<Flow> {
    let mut flows: Vec<Flow> = Vec::new();
    let mut flow_facts: Vec<Vec<Ix>> = Vec::new();
    // Counts only what passes `seen`: a position in the whole history
    // would tell how much happened elsewhere.
    let mut k = 0usize;
    for t in session.history() {
        let Event::Shared { from, items, .. } = &t.event else {
            continue;
        };
        for it in items {
            let (a, b) = (*from, it.to);
            if !seen(a, b) {
                continue;
            }
            k += 1;
            for x in [a, b] {
                if let Some(slot) = held.get_mut(x).and_then(|h| h.get_mut(it.fact)) {
                    *slot = true;
                }
            }
            match flows.iter().position(|x| x.from == a && x.to == b) {
                Some(i) => {
                    flows[i].last = k;
                    if !flow_facts[i].contains(&it.fact) {
                        flow_facts[i].push(it.fact);
                        flows[i].facts += 1;
                    }
                }
                None => {
                    flows.push(Flow {
                        from: a,
                        to: b,
                        facts: 1,
                        last: k,
                    });
                    flow_facts.push(vec![it.fact]);
                }
            }
        }
    }
    flows
}

/// The answer key and every share with its verdict.
fn truth(session: &Session) -> Truth {
    let c = &**session.scenario();
    let s = &c.scenario;
    let st = session.state();
    let mut held: Vec<Vec<bool>> = (0..c.roles.len())
        .map(|r| (0..c.facts.len()).map(|f| st.knows(r, f)).collect())
        .collect();
    let flows = flows(session, |_, _| true, &mut held);
    Truth {
        facts: s
            .facts
            .iter()
            .enumerate()
            .map(|(f, x)| TruthFact {
                id: x.id.clone(),
                text: session.fact_text(f).to_string(),
                signal: c.facts.get(f).and_then(|cf| cf.signal),
                vulnerability: c.facts.get(f).is_some_and(|cf| cf.vulnerability),
                held_by: (0..c.roles.len()).filter(|r| st.knows(*r, f)).collect(),
            })
            .collect(),
        shares: st
            .shares
            .iter()
            .map(|r| TruthShare {
                at: moment(c, r.tick),
                from: r.from,
                to: r.to,
                fact: s.facts.get(r.fact).map_or("?", |x| &x.id).to_string(),
                channel: s.channels.get(r.channel).map_or("?", |x| &x.id).to_string(),
                channel_name: s
                    .channels
                    .get(r.channel)
                    .map_or("?", |x| &x.name)
                    .to_string(),
                ground: s.grounds.get(r.ground).map_or("?", |x| &x.id).to_string(),
                verdict: r.verdict,
            })
            .collect(),
        map: Map {
            holds: held
                .iter()
                .map(|h| h.iter().filter(|x| **x).count() as u32)
                .collect(),
            flagged: st
                .flags
                .iter()
                .map(|f| f.iter().filter(|x| x.is_some()).count() as u32)
                .sum(),
            flows,
        },
        releasable: session
            .releasable()
            .iter()
            .filter_map(|i| s.injects.get(*i))
            .map(|i| Named {
                id: i.id.clone(),
                name: i.title.clone(),
            })
            .collect(),
        seats: session
            .log()
            .seats()
            .iter()
            .filter_map(|x| {
                let role = *c.ids.roles.get(&x.role)?;
                Some(SeatCard {
                    role,
                    person: x.person.clone(),
                    scripted: session.handed_to_script(role),
                })
            })
            .collect(),
        upcoming: {
            let mut v: Vec<Coming> = c
                .injects
                .iter()
                .enumerate()
                .filter(|(i, inj)| st.delivered[*i].is_none() && !inj.optional)
                .filter_map(|(i, inj)| {
                    let due = st.inject_due.get(i).copied().flatten()?;
                    let x = s.injects.get(i)?;
                    Some(Coming {
                        at: moment(c, due),
                        id: x.id.clone(),
                        title: x.title.clone(),
                        to: inj.to,
                    })
                })
                .collect();
            v.sort_by(|a, b| a.at.tick.cmp(&b.at.tick).then_with(|| a.id.cmp(&b.id)));
            v
        },
        optional: {
            let releasable = session.releasable();
            c.injects
                .iter()
                .enumerate()
                .filter(|(_, inj)| inj.optional)
                .filter_map(|(i, inj)| {
                    let x = s.injects.get(i)?;
                    Some(OptionalInject {
                        id: x.id.clone(),
                        title: x.title.clone(),
                        to: inj.to,
                        note: x.trainer_note.clone(),
                        releasable: releasable.contains(&i),
                        released: st.delivered[i].map(|t| moment(c, t)),
                    })
                })
                .collect()
        },
        manual: s
            .expectations
            .iter()
            .zip(&c.expectations)
            .filter(|(e, _)| e.manual)
            .map(|(e, ce)| ManualMark {
                id: e.id.clone(),
                role: ce.role,
                text: e.text.clone(),
                mark: session
                    .log()
                    .entries
                    .iter()
                    .rev()
                    .find_map(|x| match &x.what {
                        EntryKind::Mark { expectation, met } if *expectation == e.id => Some(*met),
                        _ => None,
                    }),
            })
            .collect(),
        observations: session
            .log()
            .entries
            .iter()
            .filter_map(|x| match &x.what {
                EntryKind::Observe {
                    text,
                    role,
                    competency,
                } => Some(Observed {
                    at: moment(c, x.tick),
                    text: text.clone(),
                    role: role.as_ref().and_then(|r| c.ids.roles.get(r).copied()),
                    competency: competency.clone(),
                }),
                _ => None,
            })
            .collect(),
    }
}

/// A role's name on the ketenkaart: its organisation, or the role's own
/// name when another role belongs to the same organisation.
fn map_name(c: &Compiled, r: Ix) -> String {
    let roles = &c.scenario.roles;
    let Some(me) = roles.get(r) else {
        return String::new();
    };
    let shared = roles
        .iter()
        .enumerate()
        .any(|(i, x)| i != r && x.organisation == me.organisation);
    if shared {
        me.name.clone()
    } else {
        me.organisation.clone()
    }
}

/// Whether `role` may see this event in its feed: what it did, what
/// reached it, and its own decisions.
fn concerns(c: &Compiled, e: &Event, role: Ix) -> bool {
    match e {
        Event::Delivered { inject } => c.injects.get(*inject).is_some_and(|i| i.to == role),
        Event::Learned { role: r, .. } => *r == role,
        Event::Flagged { role: r, .. } => *r == role,
        // What others share with the role shows up as facts learned.
        Event::Shared { from, .. } => *from == role,
        Event::Consulted { role: r, .. } | Event::Talked { role: r, .. } => *r == role,
        Event::DecisionOpened { decision, .. }
        | Event::Decided { decision, .. }
        | Event::DecisionExpired { decision } => {
            c.decisions.get(*decision).is_some_and(|d| d.role == role)
        }
        Event::ConsentAsked { role: r, .. } => *r == role,
        Event::ConsentAnswered { request, .. } => {
            c.consents.get(*request).is_some_and(|x| x.role == role)
        }
        Event::Convened { channel, .. } => c
            .channels
            .get(*channel)
            .is_some_and(|ch| ch.members.contains(&role)),
        Event::ClockAdvanced { .. } | Event::Ended { .. } => true,
        _ => false,
    }
}

/// A line for the role's feed, in plain Dutch. It names what happened to
/// or by the role; it never shows ids or how a share was judged (that is
/// for the debrief).
fn feed_line(session: &Session, e: &Event, role: Ix, tick: u32) -> Option<String> {
    let c = &**session.scenario();
    let s = &c.scenario;
    let st = session.state();
    let short = |f: Ix| {
        let text = session.fact_text(f);
        let mut out: String = text.chars().take(90).collect();
        if text.chars().count() > 90 {
            out.push('…');
        }
        format!("\u{201c}{out}\u{201d}")
    };
    Some(match e {
        Event::Delivered { inject } => {
            let i = s.injects.get(*inject)?;
            format!("{}: {}", i.kind.label(), i.title)
        }
        Event::Learned { fact, via, .. } => {
            // A receipt says how it came, as the dossier line does.
            let how = match via {
                crate::core::engine::event::Via::Share { .. }
                    if st.receipt(role, *fact).is_some() =>
                {
                    provenance(c, st, role, *fact, Some(via)).1
                }
                _ => via_label(c, via),
            };
            format!("nieuw in uw dossier: {} ({how})", short(*fact))
        }
        Event::Flagged { fact, form, .. } => {
            format!(
                "u markeerde {} als signaal van {}",
                short(*fact),
                form.label()
            )
        }
        Event::Shared {
            from,
            channel,
            items,
            ..
        } if *from == role => {
            let (facts, to) = share_parts(items);
            format!(
                "u deelde {} met {} via {}",
                crate::core::words::count(facts.len(), "gegeven", "gegevens"),
                to.iter()
                    .map(|r| c.role_name(*r))
                    .collect::<Vec<_>>()
                    .join(", "),
                s.channels
                    .get(*channel)
                    .map(|x| x.name.as_str())
                    .unwrap_or("?")
            )
        }
        Event::Consulted {
            consult, advice, ..
        } => {
            let k = s.consults.get(*consult)?;
            let text = match advice {
                Some(a) => k.advice.get(*a).map(|a| a.text.as_str()).unwrap_or(""),
                None => k.default_advice.as_str(),
            };
            format!("advies van {}: \u{201c}{text}\u{201d}", k.name)
        }
        Event::Talked { talk, .. } => {
            let t = s.talks.get(*talk)?;
            format!("gesprek: \u{201c}{}\u{201d}", t.text)
        }
        Event::DecisionOpened { decision, .. } => {
            format!(
                "beslissing gevraagd: {}",
                s.decisions.get(*decision)?.prompt
            )
        }
        Event::Decided {
            decision, option, ..
        } => {
            let d = s.decisions.get(*decision)?;
            format!("u koos: {}", d.options.get(*option)?.text)
        }
        Event::DecisionExpired { decision } => {
            format!("termijn verlopen: {}", s.decisions.get(*decision)?.prompt)
        }
        Event::ConsentAsked { request, .. } => {
            format!("u vroeg toestemming: {}", s.consents.get(*request)?.text)
        }
        Event::ConsentAnswered {
            request,
            person,
            gives,
            answer,
        } => {
            let who = s.subjects.get(*person)?;
            let said = crate::core::engine::event::consent_answer_text(c, *request, *answer)
                .map(|t| format!(": \u{201c}{t}\u{201d}"))
                .unwrap_or_default();
            format!(
                "{} {} toestemming{said}",
                who.name,
                if *gives { "geeft" } else { "geeft geen" }
            )
        }
        Event::Convened { by, channel, at } => {
            // Always an extra sitting: say so, and who asked for it, so a
            // sitting convened while the meeting sits now (or sat earlier
            // the same day) does not read as if it had not sat yet.
            let name = &s.channels.get(*channel)?.name;
            let when = if *at == tick {
                format!("nu ({})", c.time_label(*at))
            } else {
                c.time_label(*at)
            };
            let what = match by {
                Some(r) if *r == role => {
                    format!("u vroeg een extra zitting aan van {name}: {when}")
                }
                Some(r) => format!(
                    "{} vroeg een extra zitting aan van {name}: {when}",
                    c.role_name(*r)
                ),
                None => format!("er komt een extra zitting van {name}: {when}"),
            };
            let scheduled = st
                .schedule
                .sits
                .get(*channel)
                .is_some_and(|x| x.contains(at));
            if scheduled {
                format!("{what} (dan zit het volgens de planning al)")
            } else {
                what
            }
        }
        Event::ClockAdvanced { tick } => format!("de klok gaat naar {}", c.time_label(*tick)),
        Event::Ended { outcome } => {
            format!("einde van de casus: {}", s.outcomes.get(*outcome)?.title)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::core::scenario::load_file;

    fn start(role: &str) -> (Session, Ix) {
        let loaded = load_file(Path::new("scenarios/criminele-uitbuiting-sem.ron"));
        let c = Arc::new(loaded.unwrap().compiled);
        let r = c.ids.roles[role];
        (Session::start(c, 1, &[role.into()], None).unwrap(), r)
    }

    /// A seat's view holds its own desk with exactly the facts it holds,
    /// no answer key, and survives a round trip through JSON (what a host
    /// would send).
    #[test]
    fn a_seat_holds_its_own_desk_only() {
        for role in ["gemeente", "politie", "zorgcoordinator", "riec"] {
            let (s, r) = start(role);
            let c = s.scenario();
            let v = project(&s, Viewer::Seat(r));
            assert!(v.truth.is_none());
            assert_eq!(v.desks.len(), 1);
            let desk = &v.desks[0];
            assert_eq!(desk.role, r);
            let held: Vec<&str> = (0..c.facts.len())
                .filter(|f| s.state().knows(r, *f))
                .map(|f| c.scenario.facts[f].id.as_str())
                .collect();
            // The desk lists them in the order the role learned them.
            let mut shown: Vec<&str> = desk.facts.iter().map(|f| f.id.as_str()).collect();
            shown.sort_by_key(|id| c.ids.facts[*id]);
            assert_eq!(shown, held, "{role}");
            assert_eq!(v.roles.len(), c.roles.len());
            assert_eq!(desk.map.holds.len(), c.roles.len());
            assert_eq!(desk.map.holds[r] as usize, held.len());
            let json = serde_json::to_string(&v).unwrap();
            let back: RoleView = serde_json::from_str(&json).unwrap();
            assert_eq!(back, v);
        }
    }

    #[test]
    fn a_seat_the_case_does_not_have_sees_no_desk() {
        let (s, _) = start("politie");
        let v = project(&s, Viewer::Seat(99));
        assert!(v.desks.is_empty() && v.truth.is_none());
        assert_eq!(v.clock.label, "Dag 1, ochtend");
    }

    /// The trainer's view holds every role's desk (the same as the seat's)
    /// and the answer key.
    #[test]
    fn the_trainer_holds_every_desk_and_the_key() {
        let (s, r) = start("gemeente");
        let c = s.scenario();
        let v = project(&s, Viewer::Trainer);
        assert_eq!(v.desks.len(), c.roles.len());
        assert_eq!(v.desk(r), project(&s, Viewer::Seat(r)).desks.first());
        let truth = v.truth.as_ref().unwrap();
        assert_eq!(truth.facts.len(), c.facts.len());
        assert!(truth.facts.iter().filter(|f| f.signal.is_some()).count() >= 12);
        assert!(truth.facts.iter().any(|f| f.vulnerability));
        assert!(truth.facts.iter().any(|f| f.signal.is_none()));
    }
}
