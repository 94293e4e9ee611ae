//! Plain view models: what each screen shows, built from the core. No
//! egui and no Bevy here, so they are tested with the core
//! (`cargo test --no-default-features`); the egui views in `views/` only
//! draw them and return the trainee's choice.
//!
//! A view model shows a role only what that role may know: its own facts,
//! its own inbox, its own decisions.

use std::sync::Arc;

use crate::core::engine::event::{Event, share_parts, via_label};
use crate::core::engine::{DecisionState, Session};
use crate::core::scenario::compiled::{Compiled, Ix};
use crate::core::scenario::model::{ChannelKind, Form};

/// A scenario in the library: a card to start it, or the problems that
/// keep it from loading.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryCard {
    Scenario(ScenarioCard),
    Broken {
        file: String,
        /// Every diagnostic with file:line:col, as `check` prints it.
        problems: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioCard {
    pub id: String,
    pub file: String,
    pub title: String,
    pub summary: String,
    /// Forms of exploitation, in Dutch.
    pub forms: Vec<String>,
    pub duration_minutes: u32,
    /// Playable roles: (id, name, organisation).
    pub roles: Vec<(String, String, String)>,
    pub learning_goals: Vec<String>,
}

impl ScenarioCard {
    pub fn new(file: &str, c: &Compiled) -> ScenarioCard {
        let s = &c.scenario;
        ScenarioCard {
            id: s.id.clone(),
            file: file.to_string(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            forms: s.forms.iter().map(|f| f.label().to_string()).collect(),
            duration_minutes: s.duration_minutes,
            roles: s
                .roles
                .iter()
                .filter(|r| r.playable)
                .map(|r| (r.id.clone(), r.name.clone(), r.organisation.clone()))
                .collect(),
            learning_goals: s.learning_goals.clone(),
        }
    }
}

/// What the trainee reads before the case starts.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefingView {
    pub scenario_title: String,
    pub role_name: String,
    pub organisation: String,
    pub briefing: String,
    pub goals: Vec<String>,
    pub learning_goals: Vec<String>,
}

impl BriefingView {
    pub fn new(c: &Compiled, role: Ix) -> BriefingView {
        let s = &c.scenario;
        let r = &s.roles[role.min(s.roles.len().saturating_sub(1))];
        BriefingView {
            scenario_title: s.title.clone(),
            role_name: r.name.clone(),
            organisation: r.organisation.clone(),
            briefing: r.briefing.clone(),
            goals: r.goals.clone(),
            learning_goals: s.learning_goals.clone(),
        }
    }
}

/// A fact in the role's dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct FactView {
    pub id: String,
    pub text: String,
    /// "gewoon persoonsgegeven", "bijzonder persoonsgegeven", …
    pub category: String,
    /// When and how the role learned it.
    pub learned: String,
    pub via: String,
    /// Learned in the current day-part.
    pub new: bool,
    /// The role's flag: the form, in Dutch.
    pub flagged: Option<String>,
}

/// A message, call or report that reached the role.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxItem {
    pub at: String,
    pub kind: String,
    pub from: String,
    pub title: String,
    pub text: String,
    pub new: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionView {
    pub id: String,
    pub prompt: String,
    /// (option id, text), in the scenario's order (no hint which is best).
    pub options: Vec<(String, String)>,
    /// "beslissen vóór Dag 2, middag".
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Everyone present receives what is shared (no recipient choice).
    pub meeting: bool,
    /// A formal report (melding) to a reporting body.
    pub report: bool,
    /// (role id, name) the role can reach through it.
    pub recipients: Vec<(String, String)>,
    /// For a meeting: when it sits ("zit nu", "volgende zitting: Dag 2,
    /// ochtend", "niet gepland").
    pub sitting: Option<String>,
    /// For a meeting: whether it is in session now (sharing into it is
    /// possible).
    pub in_session: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroundView {
    pub id: String,
    pub name: String,
    pub reference: String,
}

/// Everything the case screen shows for the playing role.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseView {
    pub scenario_title: String,
    pub clock: String,
    pub role_id: String,
    pub role_name: String,
    pub organisation: String,
    /// The outcome title once the case has ended.
    pub ended: Option<String>,
    pub dossier: Vec<FactView>,
    /// Newest first.
    pub inbox: Vec<InboxItem>,
    pub decisions: Vec<DecisionView>,
    pub channels: Vec<ChannelView>,
    pub grounds: Vec<GroundView>,
    /// (consult id, name).
    pub consults: Vec<(String, String)>,
    /// (talk id, "Gesprek met …").
    pub talks: Vec<(String, String)>,
    /// (consent request id, what is asked) the role can ask now.
    pub consents: Vec<(String, String)>,
    /// (meeting id, name) the role can convene.
    pub convene: Vec<(String, String)>,
    pub forms: Vec<(Form, String)>,
    pub can_advance: bool,
    /// What happened around this role, newest first (Dutch lines).
    pub feed: Vec<String>,
}

impl CaseView {
    /// The case as `role` sees it now.
    pub fn new(session: &Session, role: Ix) -> CaseView {
        let c: &Arc<Compiled> = session.scenario();
        let s = &c.scenario;
        let st = session.state();
        let r = &s.roles[role.min(s.roles.len().saturating_sub(1))];
        let menu = session.menu(role);

        let learned_via = session.learned_via(role);
        let mut dossier: Vec<(u32, FactView)> = Vec::new();
        for (f, how) in learned_via.iter().enumerate() {
            let Some(tick) = st.known[role][f] else {
                continue;
            };
            let via = how.as_ref().map(|v| via_label(c, v));
            dossier.push((
                tick,
                FactView {
                    id: s.facts[f].id.clone(),
                    text: session.fact_text(f).to_string(),
                    category: crate::core::eval::build::data_label(c, f),
                    learned: c.time_label(tick),
                    via: via.unwrap_or_default(),
                    new: tick == st.tick,
                    flagged: st.flags[role][f].map(|(form, _)| form.label().to_string()),
                },
            ));
        }
        // Newest first, then in scenario order (the sort is stable).
        dossier.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
        let dossier = dossier.into_iter().map(|(_, v)| v).collect();

        let mut inbox: Vec<(u32, InboxItem)> = Vec::new();
        for (i, inj) in s.injects.iter().enumerate() {
            if c.injects[i].to != role {
                continue;
            }
            if let Some(tick) = st.delivered[i] {
                inbox.push((
                    tick,
                    InboxItem {
                        at: c.time_label(tick),
                        kind: inj.kind.label().to_string(),
                        from: inj.from.clone(),
                        title: inj.title.clone(),
                        text: inj.text.clone(),
                        new: tick == st.tick,
                    },
                ));
            }
        }
        inbox.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
        let inbox = inbox.into_iter().map(|(_, i)| i).collect();

        let decisions = menu
            .decisions
            .iter()
            .filter_map(|(d, opts)| {
                let dec = s.decisions.get(*d)?;
                let deadline = match st.decisions[*d] {
                    DecisionState::Open {
                        expires: Some(e), ..
                    } => Some(format!("beslissen vóór {}", c.time_label(e))),
                    _ => None,
                };
                Some(DecisionView {
                    id: dec.id.clone(),
                    prompt: dec.prompt.clone(),
                    options: opts
                        .iter()
                        .filter_map(|o| dec.options.get(*o))
                        .map(|o| (o.id.clone(), o.text.clone()))
                        .collect(),
                    deadline,
                })
            })
            .collect();

        let channels = menu
            .channels
            .iter()
            .filter_map(|(ch, reach)| {
                let sc = s.channels.get(*ch)?;
                let meeting = c.channels[*ch].kind == ChannelKind::Meeting;
                let in_session = st.in_session(*ch);
                let sitting = meeting.then(|| {
                    if in_session {
                        "zit nu".to_string()
                    } else {
                        match st.next_sitting(*ch) {
                            Some(t) => format!("volgende zitting: {}", c.time_label(t)),
                            None => "niet gepland".to_string(),
                        }
                    }
                });
                Some(ChannelView {
                    id: sc.id.clone(),
                    name: sc.name.clone(),
                    description: sc.description.clone(),
                    meeting,
                    report: c.channels[*ch].kind == ChannelKind::Report,
                    recipients: reach
                        .iter()
                        .map(|r| (c.role_id(*r).to_string(), c.role_name(*r).to_string()))
                        .collect(),
                    sitting,
                    in_session,
                })
            })
            .collect();
        let grounds = menu
            .grounds
            .iter()
            .filter_map(|g| s.grounds.get(*g))
            .map(|g| GroundView {
                id: g.id.clone(),
                name: g.name.clone(),
                reference: g.reference.clone(),
            })
            .collect();
        let consults = menu
            .consults
            .iter()
            .filter_map(|k| s.consults.get(*k))
            .map(|k| (k.id.clone(), k.name.clone()))
            .collect();
        let talks = menu
            .talks
            .iter()
            .filter_map(|t| s.talks.get(*t))
            .map(|t| {
                let who = s
                    .subjects
                    .iter()
                    .find(|x| x.id == t.subject)
                    .map(|x| x.name.as_str())
                    .unwrap_or(t.subject.as_str());
                (t.id.clone(), format!("Gesprek met {who}"))
            })
            .collect();
        let consents = menu
            .consents
            .iter()
            .filter_map(|r| s.consents.get(*r))
            .map(|r| (r.id.clone(), r.text.clone()))
            .collect();
        let convene = menu
            .convene
            .iter()
            .filter_map(|ch| s.channels.get(*ch))
            .map(|ch| (ch.id.clone(), ch.name.clone()))
            .collect();
        let forms = menu
            .forms
            .iter()
            .map(|f| (*f, f.label().to_string()))
            .collect();

        let feed = session
            .history()
            .iter()
            .rev()
            .filter(|t| concerns(c, &t.event, role))
            .filter_map(|t| {
                feed_line(session, &t.event, role)
                    .map(|line| format!("{}: {line}", c.time_label(t.tick)))
            })
            .take(40)
            .collect();

        CaseView {
            scenario_title: s.title.clone(),
            clock: c.time_label(st.tick),
            role_id: r.id.clone(),
            role_name: r.name.clone(),
            organisation: r.organisation.clone(),
            ended: st
                .outcome
                .and_then(|(o, _)| s.outcomes.get(o))
                .map(|o| o.title.clone()),
            dossier,
            inbox,
            decisions,
            channels,
            grounds,
            consults,
            talks,
            consents,
            convene,
            forms,
            can_advance: menu.can_advance,
            feed,
        }
    }
}

/// Whether the playing role may see this event in its feed: what it did,
/// what reached it, and its own decisions.
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
fn feed_line(session: &Session, e: &Event, role: Ix) -> Option<String> {
    let c = session.scenario();
    let s = &c.scenario;
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
            format!(
                "nieuw in uw dossier: {} ({})",
                short(*fact),
                via_label(c, via)
            )
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
                "u deelde {} gegeven(s) met {} via {}",
                facts.len(),
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
        Event::Convened { channel, at, .. } => format!(
            "{} komt bijeen op {}",
            s.channels.get(*channel)?.name,
            c.time_label(*at)
        ),
        Event::ClockAdvanced { tick } => format!("de klok gaat naar {}", c.time_label(*tick)),
        Event::Ended { outcome } => {
            format!("einde van de casus: {}", s.outcomes.get(*outcome)?.title)
        }
        _ => return None,
    })
}

/// A role's name on the ketenkaart: its organisation, or the role's own
/// name when another role belongs to the same organisation.
fn kaart_name(c: &Compiled, r: Ix) -> String {
    let roles = &c.scenario.roles;
    let org = roles[r].organisation.as_str();
    let shared = roles
        .iter()
        .enumerate()
        .any(|(i, x)| i != r && x.organisation == org);
    if shared {
        roles[r].name.clone()
    } else {
        org.to_string()
    }
}

/// A saved session on the Start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCard {
    /// The scenario's title (or the file name when it cannot be read).
    pub title: String,
    /// "Wijkagent (met AVIM als achtervang) · Bas" — role(s) and trainee.
    pub who: String,
    /// When it was last saved.
    pub when: String,
    /// What it is, in plain Dutch (`Saved::message`).
    pub message: String,
    /// It can be continued.
    pub resumable: bool,
    /// It has ended: its debrief can be opened.
    pub finished: bool,
}

impl SavedCard {
    pub fn new(
        saved: &crate::core::store::Saved,
        scenario: Option<&crate::core::scenario::Compiled>,
    ) -> SavedCard {
        use crate::core::store::SavedStatus;
        let file = saved
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let title = scenario.map_or(file, |c| c.scenario.title.clone());
        let mut who: Vec<String> = saved
            .log
            .as_ref()
            .map(|l| {
                l.roles
                    .iter()
                    .map(|r| match scenario.and_then(|c| c.ids.roles.get(r)) {
                        Some(&ix) => scenario.map_or(r.clone(), |c| c.role_name(ix).to_string()),
                        None => r.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let Some(t) = saved.log.as_ref().and_then(|l| l.trainee.clone()) {
            who.push(t);
        }
        let (resumable, finished) = match &saved.status {
            SavedStatus::Ok { ended, .. } => (ended.is_none(), ended.is_some()),
            _ => (false, false),
        };
        SavedCard {
            title,
            who: who.join(" · "),
            when: saved.saved_at.clone(),
            message: saved.message(),
            resumable,
            finished,
        }
    }
}

/// An organisation on the ketenkaart.
#[derive(Debug, Clone, PartialEq)]
pub struct KaartOrg {
    pub id: String,
    pub name: String,
    /// The playing role itself.
    pub me: bool,
    /// Facts this organisation holds, as far as the playing role can know:
    /// for itself what it knows; for another organisation what it shared
    /// with it or received from it. Which of them are signals is the
    /// debrief's business, not the map's.
    pub facts: u32,
    /// For the playing role: how many facts it flagged as a signal itself
    /// (0 for the others: their flags are theirs).
    pub flagged: u32,
}

/// Information that flowed between two organisations, as far as the
/// playing role saw it (its own shares and what reached it).
#[derive(Debug, Clone, PartialEq)]
pub struct KaartFlow {
    /// Indices into `KaartView::orgs`.
    pub from: usize,
    pub to: usize,
    /// Distinct facts that went this way.
    pub facts: u32,
    /// The last share on this edge: its position in the session history
    /// (for animation: a higher number is newer).
    pub last: usize,
}

/// The ketenkaart's model: the organisations, how many facts each holds
/// as far as the playing role may know, the role's own flags, and the
/// flows it saw. Nothing in it depends on facts the role does not know of
/// or on which facts are signals (tested in `tests/ui_model.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct KaartView {
    pub orgs: Vec<KaartOrg>,
    pub flows: Vec<KaartFlow>,
}

impl KaartView {
    pub fn new(session: &Session, role: Ix) -> KaartView {
        let c = session.scenario();
        let st = session.state();
        let n = c.roles.len();
        // held[x][f]: the playing role knows that x holds f.
        let mut held = vec![vec![false; c.facts.len()]; n];
        for (f, slot) in held[role.min(n.saturating_sub(1))].iter_mut().enumerate() {
            *slot = st.knows(role, f);
        }
        let mut flows: Vec<KaartFlow> = Vec::new();
        let mut flow_facts: Vec<Vec<Ix>> = Vec::new();
        for (k, t) in session.history().iter().enumerate() {
            let Event::Shared { from, items, .. } = &t.event else {
                continue;
            };
            for it in items {
                let (a, b) = (*from, it.to);
                if a != role && b != role {
                    continue;
                }
                held[a][it.fact] = true;
                held[b][it.fact] = true;
                match flows.iter().position(|x| x.from == a && x.to == b) {
                    Some(i) => {
                        flows[i].last = k;
                        if !flow_facts[i].contains(&it.fact) {
                            flow_facts[i].push(it.fact);
                            flows[i].facts += 1;
                        }
                    }
                    None => {
                        flows.push(KaartFlow {
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
        let orgs = (0..n)
            .map(|r| KaartOrg {
                id: c.role_id(r).to_string(),
                name: kaart_name(c, r),
                me: r == role,
                facts: held[r].iter().filter(|h| **h).count() as u32,
                flagged: if r == role {
                    st.flags
                        .get(role)
                        .map_or(0, |f| f.iter().filter(|x| x.is_some()).count() as u32)
                } else {
                    0
                },
            })
            .collect();
        KaartView { orgs, flows }
    }
}
