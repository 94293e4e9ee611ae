//! Plain view models: what each screen shows, built from the core. No
//! egui and no Bevy here, so they are tested with the core
//! (`cargo test --no-default-features`); the egui views in `views/` only
//! draw them and return the trainee's choice.
//!
//! A view model shows a role only what that role may know: the case
//! screen and the ketenkaart only format the role's projection of the
//! session (`core::view::RoleView`), which holds nothing else.

use crate::core::engine::Session;
use crate::core::scenario::compiled::{Compiled, Ix};
use crate::core::scenario::model::Form;
use crate::core::view::{Desk, HeldFact, Message, Named, RoleView, Viewer, project};

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

/// A scenario on the Start screen. It says what any participant may
/// know before play (the starting situation in `summary`); the learning
/// goals name the answers, so they are not on the card or in the briefing
/// but in the debrief.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioCard {
    pub id: String,
    pub file: String,
    pub title: String,
    /// The starting situation, as any participant may know it.
    pub summary: String,
    /// Forms of exploitation, in Dutch.
    pub forms: Vec<String>,
    pub duration_minutes: u32,
    /// Playable roles: (id, name, organisation).
    pub roles: Vec<(String, String, String)>,
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
        }
    }

    /// The playable roles' short labels (`role_label`), in the scenario's
    /// order.
    pub fn role_labels(&self) -> Vec<String> {
        self.roles
            .iter()
            .map(|(id, name, _)| role_label(id, name))
            .collect()
    }
}

/// A short label for a role that reads the same across cases, for the
/// compact cards and the role filter: the four core roles by their
/// organisation type, any other role by its own name.
pub fn role_label(id: &str, name: &str) -> String {
    match id {
        "gemeente" => "Gemeente".to_string(),
        "politie" => "Politie".to_string(),
        "zorgcoordinator" => "Zorgcoördinator".to_string(),
        "riec" => "RIEC".to_string(),
        _ => name.to_string(),
    }
}

/// What the trainee reads before the case starts: the role's own briefing
/// and goals. The scenario's learning goals are not here (they name the
/// answers); the debrief shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefingView {
    pub scenario_title: String,
    pub role_name: String,
    pub organisation: String,
    pub briefing: String,
    pub goals: Vec<String>,
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
        }
    }

    /// The briefing of the seat `role` from its projection alone (a seat
    /// on its own laptop has no scenario file).
    pub fn from_view(view: &RoleView, role: Ix) -> BriefingView {
        let card = view.roles.get(role);
        let desk = view.desk(role);
        BriefingView {
            scenario_title: view.scenario_title.clone(),
            role_name: card.map(|c| c.name.clone()).unwrap_or_default(),
            organisation: card.map(|c| c.organisation.clone()).unwrap_or_default(),
            briefing: desk.map(|d| d.briefing.clone()).unwrap_or_default(),
            goals: desk.map(|d| d.goals.clone()).unwrap_or_default(),
        }
    }
}

/// A fact in the role's dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct FactView {
    pub id: String,
    pub text: String,
    /// "gewoon persoonsgegeven", "bijzonder persoonsgegeven", …; empty
    /// unless the session's hints are on (`Session::hints`).
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
    /// (consent request id, what is asked) the role can ask now (also
    /// again after a refusal, when the request allows it).
    pub consents: Vec<(String, String)>,
    /// The consent requests the role asked, each with the answers that
    /// arrived: "“…” (gevraagd Dag 1, middag): Sem: ja; moeder: nee “…”".
    pub asked: Vec<String>,
    /// (meeting id, name) the role can convene.
    pub convene: Vec<(String, String)>,
    pub forms: Vec<(Form, String)>,
    pub can_advance: bool,
    /// What happened around this role, newest first (Dutch lines).
    pub feed: Vec<String>,
    /// The ketenkaart in words, for a screen reader (the map itself is a
    /// picture drawn behind the screen).
    pub kaart_text: String,
}

impl CaseView {
    /// The case as `role` sees it now: its projection of the session
    /// (`core::view::project`), formatted.
    pub fn new(session: &Session, role: Ix) -> CaseView {
        CaseView::from_view(&project(session, Viewer::Seat(role)), role)
    }

    /// The case screen of `role` from a projection that holds its desk
    /// (its own view, or the trainer's). Reads nothing else.
    pub fn from_view(view: &RoleView, role: Ix) -> CaseView {
        let empty = Desk::default();
        let desk = view.desk(role).unwrap_or(&empty);
        let now = view.clock.tick;
        let card = view.roles.get(role);
        let mut facts: Vec<&HeldFact> = desk.facts.iter().collect();
        // Newest first: the projection lists the facts in the order the
        // role learned them, so the last learned comes first.
        facts.reverse();
        facts.sort_by_key(|f| std::cmp::Reverse(f.learned.tick));
        let dossier = facts
            .into_iter()
            .map(|f| FactView {
                id: f.id.clone(),
                text: f.text.clone(),
                category: f.category.clone(),
                learned: f.learned.label.clone(),
                via: f.via.clone(),
                new: f.learned.tick == now,
                flagged: f.flag.map(|form| form.label().to_string()),
            })
            .collect();
        let mut messages: Vec<&Message> = desk.inbox.iter().collect();
        messages.sort_by_key(|m| std::cmp::Reverse(m.at.tick));
        let inbox = messages
            .into_iter()
            .map(|m| InboxItem {
                at: m.at.label.clone(),
                kind: m.kind.clone(),
                from: m.from.clone(),
                title: m.title.clone(),
                text: m.text.clone(),
                new: m.at.tick == now,
            })
            .collect();
        let decisions = desk
            .decisions
            .iter()
            .map(|d| DecisionView {
                id: d.id.clone(),
                prompt: d.prompt.clone(),
                options: d
                    .options
                    .iter()
                    .map(|o| (o.id.clone(), o.name.clone()))
                    .collect(),
                deadline: d
                    .expires
                    .as_ref()
                    .map(|e| format!("beslissen vóór {}", e.label)),
            })
            .collect();
        let role_of = |r: Ix| {
            view.roles
                .get(r)
                .map_or(("?".to_string(), "?".to_string()), |x| {
                    (x.id.clone(), x.name.clone())
                })
        };
        let channels = desk
            .channels
            .iter()
            .map(|ch| ChannelView {
                id: ch.id.clone(),
                name: ch.name.clone(),
                description: ch.description.clone(),
                meeting: ch.meeting,
                report: ch.report,
                recipients: ch.recipients.iter().map(|r| role_of(*r)).collect(),
                sitting: ch.meeting.then(|| {
                    if ch.in_session {
                        match &ch.later_sitting {
                            Some(t) => format!("zit nu; daarna weer op {}", t.label),
                            None => "zit nu".to_string(),
                        }
                    } else {
                        match &ch.next_sitting {
                            Some(t) => format!("volgende zitting: {}", t.label),
                            None => "niet gepland".to_string(),
                        }
                    }
                }),
                in_session: ch.in_session,
            })
            .collect();
        let grounds = desk
            .grounds
            .iter()
            .map(|g| GroundView {
                id: g.id.clone(),
                name: g.name.clone(),
                reference: g.reference.clone(),
            })
            .collect();
        let pairs = |items: &[Named]| -> Vec<(String, String)> {
            items
                .iter()
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect()
        };
        let talks = desk
            .talks
            .iter()
            .map(|t| (t.id.clone(), format!("Gesprek met {}", t.name)))
            .collect();
        CaseView {
            scenario_title: view.scenario_title.clone(),
            clock: view.clock.label.clone(),
            role_id: card.map(|r| r.id.clone()).unwrap_or_default(),
            role_name: card.map(|r| r.name.clone()).unwrap_or_default(),
            organisation: card.map(|r| r.organisation.clone()).unwrap_or_default(),
            ended: view.ended.clone(),
            dossier,
            inbox,
            decisions,
            channels,
            grounds,
            consults: pairs(&desk.consults),
            talks,
            consents: pairs(&desk.can_ask),
            asked: desk.asked.iter().map(asked_line).collect(),
            convene: pairs(&desk.convene),
            forms: desk
                .forms
                .iter()
                .map(|f| (*f, f.label().to_string()))
                .collect(),
            can_advance: desk.can_advance,
            feed: desk
                .feed
                .iter()
                .take(40)
                .map(|l| format!("{}: {}", l.at.label, l.text))
                .collect(),
            kaart_text: KaartView::from_view(view, role).in_words(),
        }
    }
}

/// A consent request the role asked, with the answers that arrived.
fn asked_line(a: &crate::core::view::ConsentAsked) -> String {
    let answers: Vec<String> = a
        .answers
        .iter()
        .map(|x| {
            let said = x
                .text
                .as_ref()
                .map(|t| format!(" \u{201c}{t}\u{201d}"))
                .unwrap_or_default();
            format!(
                "{} ({}): {}{said}",
                x.person,
                x.at.label,
                if x.gives { "ja" } else { "nee" }
            )
        })
        .collect();
    format!(
        "\u{201c}{}\u{201d} (gevraagd {}): {}",
        a.text,
        a.asked.label,
        if answers.is_empty() {
            "nog geen antwoord".to_string()
        } else {
            answers.join("; ")
        }
    )
}

/// A saved session on the Start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCard {
    /// The scenario's id, when the log could be read (for the count on
    /// its card and the filter by case).
    pub scenario_id: Option<String>,
    /// The scenario's title (or the file name when it cannot be read).
    pub title: String,
    /// Who played: the trainee's name, or the name of each seat of a
    /// training day, joined; empty when nobody gave a name.
    pub names: String,
    /// The role(s) played, by name.
    pub roles: String,
    /// When it was last saved ("2026-12-03 14:15 UTC"; sorts as text).
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
        let role_name = |r: &String| match scenario.and_then(|c| c.ids.roles.get(r)) {
            Some(&ix) => scenario.map_or(r.clone(), |c| c.role_name(ix).to_string()),
            None => r.clone(),
        };
        let roles: Vec<String> = saved
            .log
            .as_ref()
            .map(|l| l.roles.iter().map(role_name).collect())
            .unwrap_or_default();
        let mut names: Vec<String> = Vec::new();
        if let Some(l) = saved.log.as_ref() {
            let people = l
                .trainee
                .iter()
                .chain(l.seats.iter().filter_map(|s| s.person.as_ref()));
            for p in people {
                let p = p.trim();
                if !p.is_empty() && !names.iter().any(|n| n == p) {
                    names.push(p.to_string());
                }
            }
        }
        let (resumable, finished) = match &saved.status {
            SavedStatus::Ok { ended, .. } => (ended.is_none(), ended.is_some()),
            _ => (false, false),
        };
        SavedCard {
            scenario_id: saved.log.as_ref().map(|l| l.scenario.clone()),
            title,
            names: names.join(", "),
            roles: roles.join(", "),
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
    /// When this edge was last used, counted in the shares this role saw
    /// (for animation: a higher number is newer; nothing else is counted).
    pub last: usize,
}

/// The ketenkaart's model: the organisations, how many facts each holds
/// as far as the playing role may know, the role's own flags, and the
/// flows it saw. Nothing in it depends on facts the role does not know of
/// or on which facts are signals (tested in `tests/core/ui_model.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct KaartView {
    pub orgs: Vec<KaartOrg>,
    pub flows: Vec<KaartFlow>,
}

impl KaartView {
    /// The map in words: each organisation with what it holds as far as
    /// the role knows, then the flows it saw.
    pub fn in_words(&self) -> String {
        let count = |n: u32| {
            if n == 1 {
                "1 gegeven".to_string()
            } else {
                format!("{n} gegevens")
            }
        };
        let orgs: Vec<String> = self
            .orgs
            .iter()
            .map(|o| {
                let me = if o.me {
                    format!(" (uw organisatie, {} gemarkeerd)", o.flagged)
                } else {
                    String::new()
                };
                format!("{}: {}{me}", o.name, count(o.facts))
            })
            .collect();
        let flows: Vec<String> = self
            .flows
            .iter()
            .filter_map(|f| {
                let a = self.orgs.get(f.from)?;
                let b = self.orgs.get(f.to)?;
                Some(format!("{} naar {}: {}", a.name, b.name, count(f.facts)))
            })
            .collect();
        let mut text = format!("Ketenkaart. {}.", orgs.join("; "));
        if flows.is_empty() {
            text.push_str(" U zag nog geen informatie stromen.");
        } else {
            text.push_str(&format!(" Stromen die u zag: {}.", flows.join("; ")));
        }
        text
    }

    /// The ketenkaart as `role` may see it now: its projection of the
    /// session (`core::view::project`), formatted.
    pub fn new(session: &Session, role: Ix) -> KaartView {
        KaartView::from_view(&project(session, Viewer::Seat(role)), role)
    }

    /// The ketenkaart of `role` from a projection that holds its desk (its
    /// own view, or the trainer's). Reads nothing else.
    pub fn from_view(view: &RoleView, role: Ix) -> KaartView {
        let empty = Desk::default();
        let map = &view.desk(role).unwrap_or(&empty).map;
        let orgs = view
            .roles
            .iter()
            .enumerate()
            .map(|(r, card)| KaartOrg {
                id: card.id.clone(),
                name: card.map_name.clone(),
                me: r == role,
                facts: map.holds.get(r).copied().unwrap_or(0),
                flagged: if r == role { map.flagged } else { 0 },
            })
            .collect();
        let flows = map
            .flows
            .iter()
            .map(|f| KaartFlow {
                from: f.from,
                to: f.to,
                facts: f.facts,
                last: f.last,
            })
            .collect();
        KaartView { orgs, flows }
    }

    /// The whole ketenkaart, for the trainer: every organisation with every
    /// fact it holds, the seats (drawn as "me") with their own flags, every
    /// flow. Empty for a seat's projection (it has no answer key).
    pub fn whole(view: &RoleView) -> KaartView {
        let Some(t) = view.truth.as_ref() else {
            return KaartView {
                orgs: Vec::new(),
                flows: Vec::new(),
            };
        };
        let seat = |r: Ix| t.seats.iter().any(|s| s.role == r);
        let orgs = view
            .roles
            .iter()
            .enumerate()
            .map(|(r, card)| KaartOrg {
                id: card.id.clone(),
                name: card.map_name.clone(),
                me: seat(r),
                facts: t.map.holds.get(r).copied().unwrap_or(0),
                flagged: if seat(r) {
                    view.desk(r).map_or(0, |d| d.map.flagged)
                } else {
                    0
                },
            })
            .collect();
        let flows = t
            .map
            .flows
            .iter()
            .map(|f| KaartFlow {
                from: f.from,
                to: f.to,
                facts: f.facts,
                last: f.last,
            })
            .collect();
        KaartView { orgs, flows }
    }
}
