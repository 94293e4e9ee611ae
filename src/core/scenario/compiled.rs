//! The compiled scenario: every id resolved to an index, so the engine
//! works on plain vectors. Built by `compile`, which reports every unknown
//! or duplicate id as a diagnostic instead of failing on the first.

use std::collections::HashMap;

use super::model::{
    Act, ChannelKind, Cmp, ConsentKind, ConsentStatus, Form, Regime, Scenario, Verdict,
};

pub type Ix = usize;

#[derive(Debug, Clone, PartialEq)]
pub enum CCond {
    Always,
    Knows(Ix, Ix),
    Flagged(Ix, Option<Ix>, Option<Form>),
    /// fact, recipient, channel, verdict, sender
    Shared(Ix, Ix, Option<Ix>, Option<Verdict>, Option<Ix>),
    ChannelUsed(Ix, Option<Ix>),
    Decided(Ix, Option<Ix>),
    Expired(Ix),
    Delivered(Ix),
    Consulted(Ix, Ix),
    Talked(Ix),
    After(u32),
    Before(u32),
    Var(Ix, Cmp, i64),
    SignalWeight(Ix, Form, u32),
    Consent(Ix, ConsentStatus),
    /// by, fact, to, verdicts
    Breach(Option<Ix>, Option<Ix>, Option<Ix>, Vec<Verdict>),
    InSession(Ix),
    All(Vec<CCond>),
    Any(Vec<CCond>),
    Not(Box<CCond>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CEffect {
    Reveal(Ix, Ix),
    Schedule(Ix, u32),
    Open(Ix),
    Set(Ix, i64),
    Add(Ix, i64),
    End(Ix),
    AskConsent(Ix),
    /// channel, after
    Convene(Ix, u32),
    Talk(Ix),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CAct {
    Flag(Ix, Form),
    Share {
        facts: Vec<Ix>,
        to: Vec<Ix>,
        channel: Ix,
        ground: Ix,
    },
    Consult(Ix),
    Talk(Ix),
    Decide(Ix, Ix),
    AskConsent(Ix),
    Convene(Ix),
    Advance,
}

/// An id an action refers to, for [`map_act`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActRef<'a> {
    Fact(&'a str),
    Role(&'a str),
    Channel(&'a str),
    Ground(&'a str),
    Consult(&'a str),
    Talk(&'a str),
    Decision(&'a str),
    Consent(&'a str),
    /// An option of the (already resolved) decision.
    Option {
        decision: Ix,
        decision_id: &'a str,
        option: &'a str,
    },
}

/// Resolves the ids of `act` through `lookup`: one mapping for the loader
/// (which reports unknown ids in scripts) and the engine (which refuses an
/// action with an unknown id).
pub fn map_act<E>(
    act: &Act,
    mut lookup: impl FnMut(ActRef<'_>) -> Result<Ix, E>,
) -> Result<CAct, E> {
    Ok(match act {
        Act::Flag { fact, form } => CAct::Flag(lookup(ActRef::Fact(fact))?, *form),
        Act::Share {
            facts,
            to,
            channel,
            ground,
        } => CAct::Share {
            facts: facts
                .iter()
                .map(|f| lookup(ActRef::Fact(f)))
                .collect::<Result<_, _>>()?,
            to: to
                .iter()
                .map(|r| lookup(ActRef::Role(r)))
                .collect::<Result<_, _>>()?,
            channel: lookup(ActRef::Channel(channel))?,
            ground: lookup(ActRef::Ground(ground))?,
        },
        Act::Consult { with } => CAct::Consult(lookup(ActRef::Consult(with))?),
        Act::Talk { talk } => CAct::Talk(lookup(ActRef::Talk(talk))?),
        Act::Decide { decision, option } => {
            let d = lookup(ActRef::Decision(decision))?;
            let o = lookup(ActRef::Option {
                decision: d,
                decision_id: decision,
                option,
            })?;
            CAct::Decide(d, o)
        }
        Act::AskConsent { request } => CAct::AskConsent(lookup(ActRef::Consent(request))?),
        Act::Convene { channel } => CAct::Convene(lookup(ActRef::Channel(channel))?),
        Act::Advance => CAct::Advance,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct CRole {
    pub script: Vec<(CCond, CAct)>,
    /// Unplayed: flags every signal it knows as soon as it knows it.
    pub auto_flag: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CFact {
    /// Special-category data (AVG art. 9).
    pub special: bool,
    /// Criminal-law data (AVG art. 10).
    pub criminal: bool,
    /// Regime of the holders that did not get it through a share, when it
    /// differs from their role's.
    pub regime: Option<Regime>,
    pub about: Option<Ix>,
    pub signal: Option<(Form, u32)>,
    /// A vulnerability (context), not a signal.
    pub vulnerability: bool,
    pub known_by: Vec<Ix>,
    /// Number of texts to pick from (1 + variants).
    pub texts: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CPool {
    pub holder: Ix,
    pub facts: Vec<Ix>,
    pub draw: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CChannel {
    pub kind: ChannelKind,
    pub members: Vec<Ix>,
    /// Who may send through it; empty = every role (for a meeting: every
    /// member).
    pub users: Vec<Ix>,
    /// Meetings: the scheduled sittings (ticks, sorted).
    pub sits: Vec<u32>,
    /// Meetings: who may convene it (empty = every member) and the lead
    /// time; `None`: it cannot be convened.
    pub convene: Option<(Vec<Ix>, u32)>,
    /// Meetings: in session at every moment. Always `true` for the other
    /// kinds.
    pub always: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CShareRule {
    pub when: Option<CCond>,
    pub facts: Vec<Ix>,
    pub categories: Vec<super::model::Category>,
    pub regimes: Vec<Regime>,
    pub within: Option<bool>,
    pub consent: Option<bool>,
    pub own: Option<bool>,
    pub received: Option<CReceived>,
    pub from: Vec<Ix>,
    pub to: Vec<Ix>,
    pub channels: Vec<Ix>,
    pub grounds: Vec<Ix>,
}

/// A sharing rule's `received` matcher, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct CReceived {
    pub from: Vec<Ix>,
    pub channels: Vec<Ix>,
    pub grounds: Vec<Ix>,
    pub consent: Option<bool>,
}

/// An accepted side door (`sharing.side_doors`), resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct CSideDoor {
    pub facts: Vec<Ix>,
    pub from: Vec<Ix>,
    pub to: Vec<Ix>,
    pub channels: Vec<Ix>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CSubject {
    /// Age in years (`None`: an adult).
    pub age: Option<u32>,
    /// Whether the person can weigh his interests (wilsbekwaam ter zake).
    pub capable: bool,
    /// The guardians (gezag) or legal representatives.
    pub guardians: Vec<Ix>,
}

/// Whose answer decides a consent of `kind` about `me` (aged `age`,
/// `None` for an adult; `capable` or not; with `guardians`), in the order:
/// the person first, then the guardians. Empty: nobody can give it.
///
/// - Lifting beroepsgeheim (`Secrecy`): under 12 the guardians; from 12
///   the person himself when he is capable, else the guardians.
/// - AVG consent (`Processing`): under 16 the legal representative; from
///   16 the person when capable, else the representative.
/// - `Both`: everyone who decides either.
pub fn deciders(
    kind: ConsentKind,
    age: Option<u32>,
    capable: bool,
    me: Ix,
    guardians: &[Ix],
) -> Vec<Ix> {
    let own = |from_age: u32| -> Vec<Ix> {
        if age.is_some_and(|a| a < from_age) || !capable {
            guardians.to_vec()
        } else {
            vec![me]
        }
    };
    let mut out = match kind {
        ConsentKind::Secrecy => own(12),
        ConsentKind::Processing => own(16),
        ConsentKind::Both => {
            let (secrecy, processing) = (own(12), own(16));
            if secrecy.is_empty() || processing.is_empty() {
                Vec::new()
            } else {
                secrecy.into_iter().chain(processing).collect()
            }
        }
    };
    let mut seen = std::collections::HashSet::new();
    out.retain(|x| seen.insert(*x));
    out.sort_by_key(|x| (*x != me, *x));
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct CConsentAnswer {
    pub person: Ix,
    pub gives: bool,
    pub when: Option<CCond>,
    pub after: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CConsentRequest {
    pub role: Ix,
    pub subject: Ix,
    pub kind: ConsentKind,
    /// Whose answers decide (see [`deciders`]); never empty in a scenario
    /// that compiled without errors.
    pub deciders: Vec<Ix>,
    /// Others with an answer: asked too (good practice), not counted.
    pub heard: Vec<Ix>,
    /// Covered facts; empty = every fact about the subject the role has of
    /// its own.
    pub facts: Vec<Ix>,
    /// Covered recipients; empty = any.
    pub to: Vec<Ix>,
    /// Covered channels (purpose); empty = any.
    pub channels: Vec<Ix>,
    pub when: Option<CCond>,
    /// After a refusal it may be asked again while this holds.
    pub again: Option<CCond>,
    pub answers: Vec<CConsentAnswer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CConsult {
    pub roles: Vec<Ix>,
    pub advice: Vec<CCond>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CTalk {
    pub role: Ix,
    pub subject: Ix,
    pub when: Option<CCond>,
    pub reveals: Vec<Ix>,
    pub effects: Vec<CEffect>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CInject {
    pub to: Ix,
    pub at: Option<u32>,
    pub when: Option<CCond>,
    pub jitter: u32,
    pub reveals: Vec<Ix>,
    pub opens: Vec<Ix>,
    pub effects: Vec<CEffect>,
    /// Released by the trainer only (see `Inject::optional`).
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct COption {
    pub effects: Vec<CEffect>,
    pub next: Option<Ix>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CDecision {
    pub role: Ix,
    pub deadline: Option<u32>,
    pub within: Option<u32>,
    pub options: Vec<COption>,
    pub expert: Option<Ix>,
    /// The option an unplayed role takes.
    pub scripted: Option<Ix>,
    pub on_expire: Vec<CEffect>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CExpectation {
    pub role: Ix,
    pub achieve: CCond,
    /// Last tick that counts as in time (inclusive).
    pub by: Option<u32>,
}

/// A picture (`pictures`): facts, how many of them one role must hold,
/// and the roles that could act on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CPicture {
    pub facts: Vec<Ix>,
    /// `at_least`, or the number of facts when it is left out.
    pub at_least: usize,
    pub roles: Vec<Ix>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CRule {
    pub when: CCond,
    pub then: Vec<CEffect>,
}

/// Lookup from ids to indices, per kind of item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ids {
    pub roles: HashMap<String, Ix>,
    pub subjects: HashMap<String, Ix>,
    pub facts: HashMap<String, Ix>,
    pub pools: HashMap<String, Ix>,
    pub channels: HashMap<String, Ix>,
    pub grounds: HashMap<String, Ix>,
    pub consults: HashMap<String, Ix>,
    pub talks: HashMap<String, Ix>,
    pub injects: HashMap<String, Ix>,
    pub decisions: HashMap<String, Ix>,
    pub rules: HashMap<String, Ix>,
    pub variables: HashMap<String, Ix>,
    pub outcomes: HashMap<String, Ix>,
    pub expectations: HashMap<String, Ix>,
    pub consents: HashMap<String, Ix>,
    pub pictures: HashMap<String, Ix>,
}

/// A validated scenario with every reference resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// The scenario as written (texts, labels).
    pub scenario: Scenario,
    /// SHA-256 of the scenario file (line endings normalised); see
    /// `compile::content_hash`.
    pub hash: String,
    pub ids: Ids,
    pub parts_per_day: u32,
    /// Number of day-parts in the case; the clock runs from 0 to `ticks`.
    pub ticks: u32,
    pub roles: Vec<CRole>,
    /// Per role: the regime it holds its own information under.
    pub regimes: Vec<Regime>,
    pub subjects: Vec<CSubject>,
    pub facts: Vec<CFact>,
    pub pools: Vec<CPool>,
    pub channels: Vec<CChannel>,
    pub share_rules: Vec<CShareRule>,
    /// The accepted side doors (`sharing.side_doors`).
    pub side_doors: Vec<CSideDoor>,
    pub consults: Vec<CConsult>,
    pub talks: Vec<CTalk>,
    pub consents: Vec<CConsentRequest>,
    pub injects: Vec<CInject>,
    pub decisions: Vec<CDecision>,
    pub rules: Vec<CRule>,
    pub expectations: Vec<CExpectation>,
    pub pictures: Vec<CPicture>,
    pub var_initial: Vec<i64>,
    pub default_outcome: Ix,
    /// For each decision: the option index per option id.
    pub option_ids: Vec<HashMap<String, Ix>>,
}

impl Compiled {
    /// "Dag 2, middag" for a tick; "einde" past the last day-part.
    pub fn time_label(&self, tick: u32) -> String {
        if tick >= self.ticks {
            return "einde van de casus".to_string();
        }
        let ppd = self.parts_per_day.max(1);
        let day = tick / ppd + 1;
        let part = self
            .scenario
            .clock
            .parts
            .get((tick % ppd) as usize)
            .map(String::as_str)
            .unwrap_or("?");
        format!("Dag {day}, {part}")
    }

    pub fn role_name(&self, role: Ix) -> &str {
        self.scenario
            .roles
            .get(role)
            .map(|r| r.name.as_str())
            .unwrap_or("?")
    }

    pub fn role_id(&self, role: Ix) -> &str {
        self.scenario
            .roles
            .get(role)
            .map(|r| r.id.as_str())
            .unwrap_or("?")
    }

    /// The regime under which `role` holds `fact` when it has it of its
    /// own (start, inject, talk, effect).
    pub fn own_regime(&self, role: Ix, fact: Ix) -> Regime {
        self.facts
            .get(fact)
            .and_then(|f| f.regime)
            .or_else(|| self.regimes.get(role).copied())
            .unwrap_or_default()
    }

    /// The regime under which `role` holds `fact` when it receives it
    /// through a share: the police under the Wpg, the OM under the Wjsg; a
    /// care provider (role regime `Beroepsgeheim`) holds what it learns
    /// about a person under its secrecy, whatever the source; everyone
    /// else, and a care provider for what is about nobody, under the AVG.
    pub fn received_regime(&self, role: Ix, fact: Ix) -> Regime {
        let about = self.facts.get(fact).and_then(|f| f.about).is_some();
        match self.regimes.get(role) {
            Some(Regime::Wpg) => Regime::Wpg,
            Some(Regime::Wjsg) => Regime::Wjsg,
            Some(Regime::Beroepsgeheim) if about => Regime::Beroepsgeheim,
            _ => Regime::Avg,
        }
    }

    /// Whether two roles belong to one organisation.
    pub fn same_organisation(&self, a: Ix, b: Ix) -> bool {
        let org = |r: Ix| self.scenario.roles.get(r).map(|x| x.organisation.trim());
        org(a).is_some() && org(a) == org(b)
    }

    /// Whether `fact` has data attribute `cat` (a fact is `Ordinary` when
    /// it is neither special nor criminal).
    pub fn fact_is(&self, fact: Ix, cat: super::model::Category) -> bool {
        use super::model::Category;
        let Some(f) = self.facts.get(fact) else {
            return false;
        };
        match cat {
            Category::Ordinary => !f.special && !f.criminal,
            Category::Special => f.special,
            Category::Criminal => f.criminal,
        }
    }

    /// `act` written with the scenario's ids again (the inverse of
    /// resolving it); an index out of range gives an empty id.
    pub fn act_with_ids(&self, act: &CAct) -> Act {
        fn id<T>(items: &[T], ix: Ix, f: impl Fn(&T) -> &String) -> String {
            items.get(ix).map(f).cloned().unwrap_or_default()
        }
        let s = &self.scenario;
        match act {
            CAct::Flag(f, form) => Act::Flag {
                fact: id(&s.facts, *f, |x| &x.id),
                form: *form,
            },
            CAct::Share {
                facts,
                to,
                channel,
                ground,
            } => Act::Share {
                facts: facts.iter().map(|f| id(&s.facts, *f, |x| &x.id)).collect(),
                to: to.iter().map(|r| id(&s.roles, *r, |x| &x.id)).collect(),
                channel: id(&s.channels, *channel, |x| &x.id),
                ground: id(&s.grounds, *ground, |x| &x.id),
            },
            CAct::Consult(k) => Act::Consult {
                with: id(&s.consults, *k, |x| &x.id),
            },
            CAct::Talk(t) => Act::Talk {
                talk: id(&s.talks, *t, |x| &x.id),
            },
            CAct::Decide(d, o) => Act::Decide {
                decision: id(&s.decisions, *d, |x| &x.id),
                option: s
                    .decisions
                    .get(*d)
                    .map(|x| id(&x.options, *o, |y| &y.id))
                    .unwrap_or_default(),
            },
            CAct::AskConsent(r) => Act::AskConsent {
                request: id(&s.consents, *r, |x| &x.id),
            },
            CAct::Convene(ch) => Act::Convene {
                channel: id(&s.channels, *ch, |x| &x.id),
            },
            CAct::Advance => Act::Advance,
        }
    }
}
