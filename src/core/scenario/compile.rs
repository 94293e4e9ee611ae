//! Resolves a parsed scenario into its compiled form, collecting every
//! structural problem (empty, duplicate or unknown ids, bad times) as a
//! diagnostic with the position of the offending literal.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::compiled::*;
use super::model::*;
use super::source::SourceIndex;
use crate::core::diag::{Diagnostic, Pos, Severity};

/// Collects diagnostics and locates them in the source. The source index
/// is only built when the first problem needs a position, so a valid file
/// is never lexed twice.
pub(crate) struct Reporter<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    index: OnceCell<SourceIndex>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        Reporter {
            file,
            text,
            index: OnceCell::new(),
            diags: Vec::new(),
        }
    }

    pub fn index(&self) -> &SourceIndex {
        self.index.get_or_init(|| SourceIndex::new(self.text))
    }

    /// Position of the `id:` definition of `id`, or the file start.
    pub fn def_pos(&self, id: &str) -> Pos {
        self.index().definition("id", id, 0).unwrap_or(Pos::START)
    }

    pub fn push(&mut self, severity: Severity, pos: Pos, message: String, hint: &str) {
        let mut d = Diagnostic::error(self.file, pos, message);
        d.severity = severity;
        if !hint.is_empty() {
            d.hint = Some(hint.to_string());
        }
        self.diags.push(d);
    }

    pub fn error_at_def(&mut self, id: &str, message: String, hint: &str) {
        let pos = self.def_pos(id);
        self.push(Severity::Error, pos, message, hint);
    }

    pub fn warn_at_def(&mut self, id: &str, message: String, hint: &str) {
        let pos = self.def_pos(id);
        self.push(Severity::Warning, pos, message, hint);
    }
}

/// The kinds of ids, for messages.
#[derive(Clone, Copy)]
enum Kind {
    Role,
    Subject,
    Fact,
    Channel,
    Ground,
    Consult,
    Talk,
    Inject,
    Decision,
    Variable,
    Outcome,
    Consent,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Subject => "subject",
            Kind::Fact => "fact",
            Kind::Channel => "channel",
            Kind::Ground => "ground",
            Kind::Consult => "consult",
            Kind::Talk => "talk",
            Kind::Inject => "inject",
            Kind::Decision => "decision",
            Kind::Variable => "variable",
            Kind::Outcome => "outcome",
            Kind::Consent => "consent request",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Kind::Role => "roles",
            Kind::Subject => "subjects",
            Kind::Fact => "facts",
            Kind::Channel => "channels",
            Kind::Ground => "grounds",
            Kind::Consult => "consults",
            Kind::Talk => "talks",
            Kind::Inject => "injects",
            Kind::Decision => "decisions",
            Kind::Variable => "variables",
            Kind::Outcome => "outcomes",
            Kind::Consent => "consents",
        }
    }
}

#[derive(Debug, Clone)]
enum Anchor {
    Id(String),
    Key(&'static str),
}

struct Resolver<'a, 'b> {
    rep: &'b mut Reporter<'a>,
    ids: &'b Ids,
    /// Where the item being resolved is defined (tried in order);
    /// references are looked up from there on, so the reported position is
    /// the one in this item. Resolved only when a problem is reported.
    anchors: Vec<Anchor>,
    /// Description of the item, e.g. "inject `i_school`".
    context: String,
    parts: &'b [String],
    days: u32,
    /// Option ids per decision.
    options: &'b [Vec<String>],
}

impl Resolver<'_, '_> {
    fn at(&mut self, kind: &str, id: &str) {
        self.anchors = vec![Anchor::Id(id.to_string())];
        self.context = format!("{kind} `{id}`");
    }

    fn anchor(&self) -> Option<Pos> {
        self.anchors.iter().find_map(|a| match a {
            Anchor::Id(id) => self.rep.index().definition("id", id, 0),
            Anchor::Key(k) => self.rep.index().key(k, 0),
        })
    }

    /// Position of the reference `value` within the current item.
    fn ref_pos(&self, value: &str) -> Pos {
        let anchor = self.anchor();
        self.rep
            .index()
            .reference(value, anchor)
            .or(anchor)
            .unwrap_or(Pos::START)
    }

    fn map(&self, kind: Kind) -> &HashMap<String, Ix> {
        match kind {
            Kind::Role => &self.ids.roles,
            Kind::Subject => &self.ids.subjects,
            Kind::Fact => &self.ids.facts,
            Kind::Channel => &self.ids.channels,
            Kind::Ground => &self.ids.grounds,
            Kind::Consult => &self.ids.consults,
            Kind::Talk => &self.ids.talks,
            Kind::Inject => &self.ids.injects,
            Kind::Decision => &self.ids.decisions,
            Kind::Variable => &self.ids.variables,
            Kind::Outcome => &self.ids.outcomes,
            Kind::Consent => &self.ids.consents,
        }
    }

    fn get(&mut self, kind: Kind, id: &str) -> Ix {
        if let Some(ix) = self.map(kind).get(id) {
            return *ix;
        }
        let pos = self.ref_pos(id);
        let mut known: Vec<&str> = self.map(kind).keys().map(String::as_str).collect();
        known.sort_unstable();
        let suggestion = crate::core::diag::did_you_mean(id, known.iter().copied());
        let hint = match suggestion {
            Some(s) => format!(
                "did you mean `{s}`? Otherwise add it under `{}`",
                kind.section()
            ),
            None => format!(
                "add a {} with this id under `{}`, or correct the reference",
                kind.noun(),
                kind.section()
            ),
        };
        let message = format!("unknown {} `{}` in {}", kind.noun(), id, self.context);
        self.rep.push(Severity::Error, pos, message, &hint);
        usize::MAX
    }

    fn get_opt(&mut self, kind: Kind, id: &Option<String>) -> Option<Ix> {
        id.as_ref().map(|id| self.get(kind, id))
    }

    fn list(&mut self, kind: Kind, ids: &[String]) -> Vec<Ix> {
        ids.iter().map(|id| self.get(kind, id)).collect()
    }

    fn tick(&mut self, day: u32, part: &str) -> u32 {
        let part_ix = self.parts.iter().position(|p| p == part);
        let Some(part_ix) = part_ix else {
            let pos = self.ref_pos(part);
            let message = format!("unknown day-part `{part}` in {}", self.context);
            let hint = format!("use one of the clock's parts: {}", self.parts.join(", "));
            self.rep.push(Severity::Error, pos, message, &hint);
            return 0;
        };
        if day == 0 || day > self.days {
            let pos = self.ref_pos(part);
            let message = format!(
                "day {day} in {} is outside the case clock (days 1 to {})",
                self.context, self.days
            );
            self.rep.push(
                Severity::Error,
                pos,
                message,
                "use a day within `clock.days`, or make the clock longer",
            );
            return 0;
        }
        let ppd = self.parts.len() as u32;
        (day - 1) * ppd + part_ix as u32
    }

    fn time(&mut self, t: &Time) -> u32 {
        self.tick(t.day, &t.part)
    }

    fn cond(&mut self, c: &Condition) -> CCond {
        match c {
            Condition::Always => CCond::Always,
            Condition::Knows { role, fact } => {
                CCond::Knows(self.get(Kind::Role, role), self.get(Kind::Fact, fact))
            }
            Condition::Flagged { fact, by, form } => CCond::Flagged(
                self.get(Kind::Fact, fact),
                self.get_opt(Kind::Role, by),
                *form,
            ),
            Condition::Shared {
                fact,
                to,
                channel,
                verdict,
                from,
            } => CCond::Shared(
                self.get(Kind::Fact, fact),
                self.get(Kind::Role, to),
                self.get_opt(Kind::Channel, channel),
                *verdict,
                self.get_opt(Kind::Role, from),
            ),
            Condition::ChannelUsed { channel, by } => CCond::ChannelUsed(
                self.get(Kind::Channel, channel),
                self.get_opt(Kind::Role, by),
            ),
            Condition::Decided { decision, option } => {
                let d = self.get(Kind::Decision, decision);
                let o = option.as_ref().map(|o| self.option(d, decision, o));
                CCond::Decided(d, o)
            }
            Condition::Expired { decision } => CCond::Expired(self.get(Kind::Decision, decision)),
            Condition::Delivered { inject } => CCond::Delivered(self.get(Kind::Inject, inject)),
            Condition::Consulted { role, consult } => {
                CCond::Consulted(self.get(Kind::Role, role), self.get(Kind::Consult, consult))
            }
            Condition::Talked { talk } => CCond::Talked(self.get(Kind::Talk, talk)),
            Condition::After { day, part } => CCond::After(self.tick(*day, part)),
            Condition::Before { day, part } => CCond::Before(self.tick(*day, part)),
            Condition::Var { name, cmp, value } => {
                CCond::Var(self.get(Kind::Variable, name), *cmp, *value)
            }
            Condition::SignalWeight {
                role,
                form,
                at_least,
            } => CCond::SignalWeight(self.get(Kind::Role, role), *form, *at_least),
            Condition::Consent { request, status } => {
                CCond::Consent(self.get(Kind::Consent, request), *status)
            }
            Condition::Breach {
                by,
                fact,
                to,
                verdicts,
            } => CCond::Breach(
                self.get_opt(Kind::Role, by),
                self.get_opt(Kind::Fact, fact),
                self.get_opt(Kind::Role, to),
                verdicts.clone(),
            ),
            Condition::InSession { channel } => CCond::InSession(self.get(Kind::Channel, channel)),
            Condition::All(cs) => CCond::All(cs.iter().map(|c| self.cond(c)).collect()),
            Condition::Any(cs) => CCond::Any(cs.iter().map(|c| self.cond(c)).collect()),
            Condition::Not(c) => CCond::Not(Box::new(self.cond(c))),
        }
    }

    fn option(&mut self, d: Ix, decision_id: &str, option: &str) -> Ix {
        let found = self
            .options
            .get(d)
            .and_then(|opts| opts.iter().position(|o| o == option));
        match found {
            Some(ix) => ix,
            None => {
                if d != usize::MAX {
                    let pos = self.ref_pos(option);
                    let message = format!(
                        "decision `{decision_id}` has no option `{option}` (in {})",
                        self.context
                    );
                    self.rep.push(
                        Severity::Error,
                        pos,
                        message,
                        "use the id of one of the decision's options",
                    );
                }
                usize::MAX
            }
        }
    }

    fn effect(&mut self, e: &Effect) -> CEffect {
        match e {
            Effect::Reveal { fact, to } => {
                CEffect::Reveal(self.get(Kind::Fact, fact), self.get(Kind::Role, to))
            }
            Effect::Schedule { inject, after } => {
                CEffect::Schedule(self.get(Kind::Inject, inject), *after)
            }
            Effect::Open { decision } => CEffect::Open(self.get(Kind::Decision, decision)),
            Effect::Set { var, value } => CEffect::Set(self.get(Kind::Variable, var), *value),
            Effect::Add { var, value } => CEffect::Add(self.get(Kind::Variable, var), *value),
            Effect::End { outcome } => CEffect::End(self.get(Kind::Outcome, outcome)),
            Effect::AskConsent { request } => CEffect::AskConsent(self.get(Kind::Consent, request)),
            Effect::Convene { channel, after } => {
                CEffect::Convene(self.get(Kind::Channel, channel), *after)
            }
            Effect::Talk { talk } => CEffect::Talk(self.get(Kind::Talk, talk)),
        }
    }

    fn effects(&mut self, es: &[Effect]) -> Vec<CEffect> {
        es.iter().map(|e| self.effect(e)).collect()
    }

    fn act(&mut self, a: &Act) -> CAct {
        let resolved = map_act(a, |r| {
            Ok::<_, Infallible>(match r {
                ActRef::Fact(id) => self.get(Kind::Fact, id),
                ActRef::Role(id) => self.get(Kind::Role, id),
                ActRef::Channel(id) => self.get(Kind::Channel, id),
                ActRef::Ground(id) => self.get(Kind::Ground, id),
                ActRef::Consult(id) => self.get(Kind::Consult, id),
                ActRef::Talk(id) => self.get(Kind::Talk, id),
                ActRef::Decision(id) => self.get(Kind::Decision, id),
                ActRef::Consent(id) => self.get(Kind::Consent, id),
                ActRef::Option {
                    decision,
                    decision_id,
                    option,
                } => self.option(decision, decision_id, option),
            })
        });
        match resolved {
            Ok(act) => act,
            Err(never) => match never {},
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Builds an id map for one kind, reporting empty, malformed and duplicate ids.
fn index_ids<'s>(
    rep: &mut Reporter<'_>,
    kind: &str,
    ids: impl Iterator<Item = &'s str>,
) -> HashMap<String, Ix> {
    let mut map = HashMap::new();
    let mut seen_count: HashMap<&str, usize> = HashMap::new();
    for (ix, id) in ids.enumerate() {
        let nth = seen_count.entry(id).or_insert(0);
        if !valid_id(id) {
            let pos = rep.index().definition("id", id, *nth).unwrap_or(Pos::START);
            rep.push(
                Severity::Error,
                pos,
                format!("{kind} id `{id}` is not a valid id"),
                "use lowercase letters, digits, `_` and `-` only, e.g. `f_verzuim`",
            );
        }
        if map.contains_key(id) {
            // Point at the repeated definition, not the first one.
            let pos = rep
                .index()
                .definition("id", id, *nth)
                .or_else(|| rep.index().definition("id", id, 0))
                .unwrap_or(Pos::START);
            rep.push(
                Severity::Error,
                pos,
                format!("duplicate {kind} id `{id}`"),
                "every id must be unique within its section: rename one of them",
            );
        } else {
            map.insert(id.to_string(), ix);
        }
        *nth += 1;
    }
    map
}

/// Content hash of a scenario file: SHA-256 of its text with line endings
/// normalised to `\n`, so a checkout with CRLF endings gives the same hash.
/// Any other edit, comments included, gives a new hash: a session log
/// replays only against the exact scenario it was played on.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            hasher.update(b"\n");
        }
        hasher.update(line.strip_suffix('\r').unwrap_or(line).as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Resolves `scenario`; returns the compiled form and every diagnostic.
/// The compiled form is only meaningful when no error was reported.
#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
pub(crate) fn compile(scenario: Scenario, rep: &mut Reporter<'_>) -> Compiled {
    let s = &scenario;
    if !valid_id(&s.id) {
        let pos = rep.index().definition("id", &s.id, 0).unwrap_or(Pos::START);
        rep.push(
            Severity::Error,
            pos,
            format!("scenario id `{}` is not a valid id", s.id),
            "use lowercase letters, digits, `_` and `-` only",
        );
    }
    if s.clock.days == 0 {
        rep.push(
            Severity::Error,
            rep.index().key("days", 0).unwrap_or(Pos::START),
            "the clock has 0 days".to_string(),
            "set `clock.days` to 1 or more",
        );
    }
    if s.clock.parts.is_empty() {
        rep.push(
            Severity::Error,
            rep.index().key("parts", 0).unwrap_or(Pos::START),
            "the clock has no day-parts".to_string(),
            "list the day-parts, e.g. `parts: [\"ochtend\", \"middag\"]`",
        );
    }
    let mut seen_parts = HashSet::new();
    for p in &s.clock.parts {
        if !seen_parts.insert(p) {
            let pos = rep.index().reference(p, None).unwrap_or(Pos::START);
            rep.push(
                Severity::Error,
                pos,
                format!("day-part `{p}` appears twice in the clock"),
                "give every day-part a different name",
            );
        }
    }

    // Ids of every kind. A single namespace would be stricter than needed;
    // uniqueness is per section.
    let ids = Ids {
        roles: index_ids(rep, "role", s.roles.iter().map(|r| r.id.as_str())),
        subjects: index_ids(rep, "subject", s.subjects.iter().map(|r| r.id.as_str())),
        facts: index_ids(rep, "fact", s.facts.iter().map(|r| r.id.as_str())),
        pools: index_ids(rep, "pool", s.pools.iter().map(|r| r.id.as_str())),
        channels: index_ids(rep, "channel", s.channels.iter().map(|r| r.id.as_str())),
        grounds: index_ids(rep, "ground", s.grounds.iter().map(|r| r.id.as_str())),
        consults: index_ids(rep, "consult", s.consults.iter().map(|r| r.id.as_str())),
        talks: index_ids(rep, "talk", s.talks.iter().map(|r| r.id.as_str())),
        injects: index_ids(rep, "inject", s.injects.iter().map(|r| r.id.as_str())),
        decisions: index_ids(rep, "decision", s.decisions.iter().map(|r| r.id.as_str())),
        rules: index_ids(rep, "rule", s.rules.iter().map(|r| r.id.as_str())),
        variables: index_ids(rep, "variable", s.variables.iter().map(|r| r.id.as_str())),
        outcomes: index_ids(rep, "outcome", s.outcomes.iter().map(|r| r.id.as_str())),
        expectations: index_ids(
            rep,
            "expectation",
            s.expectations.iter().map(|r| r.id.as_str()),
        ),
        consents: index_ids(
            rep,
            "consent request",
            s.consents.iter().map(|r| r.id.as_str()),
        ),
        pictures: index_ids(rep, "picture", s.pictures.iter().map(|r| r.id.as_str())),
    };
    let option_names: Vec<Vec<String>> = s
        .decisions
        .iter()
        .map(|d| d.options.iter().map(|o| o.id.clone()).collect())
        .collect();
    let mut option_ids = Vec::new();
    for d in &s.decisions {
        let map = index_ids(rep, "option", d.options.iter().map(|o| o.id.as_str()));
        option_ids.push(map);
    }

    let mut r = Resolver {
        rep,
        ids: &ids,
        anchors: Vec::new(),
        context: String::new(),
        parts: &s.clock.parts,
        days: s.clock.days,
        options: &option_names,
    };

    let mut facts = Vec::new();
    let mut old_categories = 0;
    for f in &s.facts {
        r.at("fact", &f.id);
        if let Some(cat) = f.category {
            let pos = r
                .rep
                .index()
                .key("category", old_categories)
                .or_else(|| r.anchor())
                .unwrap_or(Pos::START);
            old_categories += 1;
            let instead = match cat {
                Category::Ordinary => "leave it out (neither `special` nor `criminal`)",
                Category::Special => "write `special: true` (AVG art. 9)",
                Category::Criminal => "write `criminal: true` (AVG art. 10)",
            };
            r.rep.push(
                Severity::Warning,
                pos,
                format!(
                    "fact `{}` uses `category: {cat:?}` (scenario format 1); it is read as before",
                    f.id
                ),
                &format!(
                    "{instead}; a fact can be both special and criminal. Check whether it really is: an observation without an offence or suspicion is not criminal-law data. `ketensim migrate FILE` rewrites the file"
                ),
            );
        }
        facts.push(CFact {
            special: f.is_special(),
            criminal: f.is_criminal(),
            regime: f.regime,
            about: r.get_opt(Kind::Subject, &f.about),
            signal: f.signal.as_ref().map(|sig| (sig.form, sig.weight)),
            vulnerability: f.vulnerability,
            known_by: r.list(Kind::Role, &f.known_by),
            texts: 1 + f.variants.len(),
        });
    }

    let mut pools = Vec::new();
    for p in &s.pools {
        r.at("pool", &p.id);
        pools.push(CPool {
            holder: r.get(Kind::Role, &p.holder),
            facts: r.list(Kind::Fact, &p.facts),
            draw: p.draw as usize,
        });
    }

    let mut channels = Vec::new();
    for c in &s.channels {
        r.at("channel", &c.id);
        let meeting = c.kind == ChannelKind::Meeting;
        let scheduled = !c.sits.is_empty() || c.convene.is_some() || c.always;
        if !meeting && scheduled {
            r.rep.error_at_def(
                &c.id,
                format!(
                    "channel `{}` is not a meeting: `sits`, `convene` and `always` only apply to `kind: Meeting`",
                    c.id
                ),
                "remove them, or make the channel a `Meeting`",
            );
        }
        if meeting && !scheduled {
            r.rep.warn_at_def(
                &c.id,
                format!(
                    "meeting `{}` says neither when it sits nor who may convene it (scenario format 1); it is treated as always in session",
                    c.id
                ),
                "a casusoverleg sits at a time: add `sits: [(day: 2, part: \"middag\")]` and/or `convene: (by: [], lead: 1)`; write `always: true` if it really is always in session. `ketensim migrate FILE` writes `always: true`",
            );
        }
        let mut sits: Vec<u32> = c.sits.iter().map(|t| r.time(t)).collect();
        sits.sort_unstable();
        sits.dedup();
        let members = r.list(Kind::Role, &c.members);
        let convene = c.convene.as_ref().map(|cv| {
            let by = r.list(Kind::Role, &cv.by);
            (by, cv.lead)
        });
        if let Some(cv) = &c.convene {
            for id in &cv.by {
                let known = ids.roles.get(id);
                if known.is_some_and(|b| !members.contains(b)) {
                    let pos = r.ref_pos(id);
                    r.rep.push(
                        Severity::Error,
                        pos,
                        format!("`{id}` may convene meeting `{}` but is not a member", c.id),
                        "add the role to `members`, or remove it from `convene.by`",
                    );
                }
            }
        }
        let users = r.list(Kind::Role, &c.users);
        if meeting {
            for id in &c.users {
                let known = ids.roles.get(id);
                if known.is_some_and(|u| !members.contains(u)) {
                    let pos = r.ref_pos(id);
                    r.rep.push(
                        Severity::Error,
                        pos,
                        format!("`{id}` may use meeting `{}` but is not a member", c.id),
                        "add the role to `members`, or remove it from `users`",
                    );
                }
            }
        }
        channels.push(CChannel {
            kind: c.kind.clone(),
            members,
            users,
            sits,
            convene,
            always: !meeting || c.always || !scheduled,
        });
    }

    let mut subjects = Vec::new();
    for subj in &s.subjects {
        r.at("subject", &subj.id);
        let guardians = r.list(Kind::Subject, &subj.guardians);
        subjects.push(CSubject {
            age: subj.age,
            capable: subj.capable.unwrap_or(true),
            guardians,
        });
    }

    let mut consents = Vec::new();
    for cr in &s.consents {
        r.at("consent request", &cr.id);
        let role = r.get(Kind::Role, &cr.role);
        let subject = r.get(Kind::Subject, &cr.subject);
        let mut answers = Vec::new();
        for a in &cr.answers {
            answers.push(CConsentAnswer {
                person: r.get(Kind::Subject, &a.person),
                gives: a.gives,
                when: a.when.as_ref().map(|c| r.cond(c)),
                after: a.after,
            });
        }
        let kind = match cr.kind {
            Some(k) => k,
            None => {
                r.rep.warn_at_def(
                    &cr.id,
                    format!(
                        "consent request `{}` does not say which consent it asks for; it is read as `kind: Both` (the old rule: from 12 to 15 the young person and the guardians)",
                        cr.id
                    ),
                    "write `kind: Secrecy` for consent that lifts beroepsgeheim (from 12 the young person decides himself when he can weigh his interests), `kind: Processing` for AVG consent as the processing ground (under 16 the legal representative), or `kind: Both` when both are asked at once. `ketensim migrate FILE` writes `kind: Both`",
                );
                ConsentKind::Both
            }
        };
        let facts = r.list(Kind::Fact, &cr.facts);
        let to = r.list(Kind::Role, &cr.to);
        let channels = r.list(Kind::Channel, &cr.channels);
        let mut deciding = Vec::new();
        let mut heard = Vec::new();
        if let (Some(subj), Some(cs)) = (s.subjects.get(subject), subjects.get(subject)) {
            deciding = deciders(kind, cs.age, cs.capable, subject, &cs.guardians);
            if deciding.is_empty() {
                let why = match (kind, cs.age) {
                    (ConsentKind::Secrecy, Some(a)) if a < 12 => format!(
                        "`{}` is {a}: under 12 the guardians decide on lifting beroepsgeheim",
                        subj.id
                    ),
                    (ConsentKind::Processing | ConsentKind::Both, Some(a)) if a < 16 => format!(
                        "`{}` is {a}: under 16 the legal representative gives AVG consent",
                        subj.id
                    ),
                    _ => format!(
                        "`{}` cannot weigh his interests (`capable: false`): his guardian or representative decides",
                        subj.id
                    ),
                };
                r.rep.error_at_def(
                    &cr.id,
                    format!(
                        "nobody can give consent request `{}`: {why}, and `{}` has no `guardians`",
                        cr.id, subj.id
                    ),
                    "add `guardians: [\"...\"]` to the subject (parents with gezag, or an adult's curator or mentor)",
                );
            }
            let family: Vec<Ix> = std::iter::once(subject)
                .chain(cs.guardians.iter().copied())
                .collect();
            for (a, ca) in cr.answers.iter().zip(&answers) {
                if ca.person == usize::MAX || deciding.contains(&ca.person) {
                    continue;
                }
                if family.contains(&ca.person) {
                    if !heard.contains(&ca.person) {
                        heard.push(ca.person);
                    }
                    continue;
                }
                let pos = r.ref_pos(&a.person);
                r.rep.push(
                    Severity::Warning,
                    pos,
                    format!(
                        "`{}` answers `{}` but is neither `{}` nor one of his guardians: the answer is ignored",
                        a.person, cr.id, cr.subject
                    ),
                    "answers come from the person the data is about or his guardians",
                );
            }
            for d in &deciding {
                let named = answers.iter().any(|a| a.person == *d);
                if !named && let Some(p) = s.subjects.get(*d) {
                    r.rep.warn_at_def(
                        &cr.id,
                        format!(
                            "`{}` decides on consent request `{}` ({}) but has no answer: it is always refused",
                            p.id,
                            cr.id,
                            kind.label()
                        ),
                        "give every person whose answer decides an answer (`person: ...`); add a `when` for when they agree",
                    );
                }
            }
            // A consent covers what was asked: not "everything about him"
            // when any of it is held under beroepsgeheim.
            if cr.facts.is_empty() {
                let asker = s.roles.get(role);
                let secret = s.facts.iter().any(|f| {
                    let regime = f.regime.or_else(|| asker.map(|x| x.regime));
                    f.about.as_deref() == Some(cr.subject.as_str())
                        && regime == Some(Regime::Beroepsgeheim)
                        && (f.known_by.contains(&cr.role)
                            || asker.is_some_and(|x| x.regime == Regime::Beroepsgeheim))
                });
                if kind.lifts_secrecy() || secret {
                    r.rep.error_at_def(
                        &cr.id,
                        format!(
                            "consent request `{}` covers every fact about `{}` (`facts: []`){}",
                            cr.id,
                            cr.subject,
                            if secret {
                                ", including what the role holds under beroepsgeheim"
                            } else {
                                ""
                            }
                        ),
                        "a consent covers what was asked: list the facts in `facts: [...]` (only what the recipients need)",
                    );
                }
            }
        }
        consents.push(CConsentRequest {
            role,
            subject,
            kind,
            deciders: deciding,
            heard,
            facts,
            to,
            channels,
            when: cr.when.as_ref().map(|c| r.cond(c)),
            again: cr.again.as_ref().map(|c| r.cond(c)),
            answers,
        });
    }
    let mut share_rules = Vec::new();
    r.anchors = vec![Anchor::Key("sharing")];
    for (i, sr) in s.sharing.rules.iter().enumerate() {
        r.context = match &sr.id {
            Some(id) => {
                r.anchors = vec![Anchor::Id(id.clone()), Anchor::Key("sharing")];
                format!("sharing rule `{id}`")
            }
            None => format!("sharing rule #{}", i + 1),
        };
        share_rules.push(CShareRule {
            when: sr.when.as_ref().map(|c| r.cond(c)),
            facts: r.list(Kind::Fact, &sr.facts),
            categories: sr.categories.clone(),
            regimes: sr.regimes.clone(),
            within: sr.within,
            consent: sr.consent,
            own: sr.own,
            received: sr.received.as_ref().map(|m| CReceived {
                from: r.list(Kind::Role, &m.from),
                channels: r.list(Kind::Channel, &m.channels),
                grounds: r.list(Kind::Ground, &m.grounds),
                consent: m.consent,
            }),
            from: r.list(Kind::Role, &sr.from),
            to: r.list(Kind::Role, &sr.to),
            channels: r.list(Kind::Channel, &sr.channels),
            grounds: r.list(Kind::Ground, &sr.grounds),
        });
    }

    let mut side_doors = Vec::new();
    r.anchors = vec![Anchor::Key("side_doors"), Anchor::Key("sharing")];
    r.context = "`sharing.side_doors`".to_string();
    for sd in &s.sharing.side_doors {
        side_doors.push(CSideDoor {
            facts: r.list(Kind::Fact, &sd.facts),
            from: r.list(Kind::Role, &sd.from),
            to: r.list(Kind::Role, &sd.to),
            channels: r.list(Kind::Channel, &sd.channels),
        });
    }

    let mut consults = Vec::new();
    for c in &s.consults {
        r.at("consult", &c.id);
        consults.push(CConsult {
            roles: r.list(Kind::Role, &c.roles),
            advice: c.advice.iter().map(|a| r.cond(&a.when)).collect(),
        });
    }

    let mut talks = Vec::new();
    for t in &s.talks {
        r.at("talk", &t.id);
        talks.push(CTalk {
            role: r.get(Kind::Role, &t.role),
            subject: r.get(Kind::Subject, &t.subject),
            when: t.when.as_ref().map(|c| r.cond(c)),
            reveals: r.list(Kind::Fact, &t.reveals),
            effects: r.effects(&t.effects),
        });
    }

    // A talk does not ask consent on the trainee's behalf.
    for t in &s.talks {
        let playable = s.roles.iter().any(|x| x.id == t.role && x.playable);
        for e in &t.effects {
            if let Effect::AskConsent { request } = e
                && playable
            {
                r.rep.warn_at_def(
                    &t.id,
                    format!(
                        "talk `{}` asks consent `{request}` on the trainee's behalf",
                        t.id
                    ),
                    "let the role ask it itself (the action `AskConsent`, shown as \"Toestemming vragen\"), or put it in a decision option that says so",
                );
            }
        }
    }

    let mut injects = Vec::new();
    for inj in &s.injects {
        r.at("inject", &inj.id);
        injects.push(CInject {
            to: r.get(Kind::Role, &inj.to),
            at: inj.at.as_ref().map(|t| r.time(t)),
            when: inj.when.as_ref().map(|c| r.cond(c)),
            jitter: inj.jitter,
            reveals: r.list(Kind::Fact, &inj.reveals),
            opens: r.list(Kind::Decision, &inj.opens),
            effects: r.effects(&inj.effects),
            optional: inj.optional,
        });
    }

    let mut decisions = Vec::new();
    for (di, d) in s.decisions.iter().enumerate() {
        r.at("decision", &d.id);
        let role = r.get(Kind::Role, &d.role);
        let deadline = d.deadline.as_ref().map(|t| r.time(t));
        let mut options = Vec::new();
        for o in &d.options {
            r.anchors = vec![Anchor::Id(o.id.clone()), Anchor::Id(d.id.clone())];
            r.context = format!("option `{}` of decision `{}`", o.id, d.id);
            options.push(COption {
                effects: r.effects(&o.effects),
                next: r.get_opt(Kind::Decision, &o.next),
            });
        }
        r.at("decision", &d.id);
        let scripted = d.scripted.as_ref().map(|o| r.option(di, &d.id, o));
        let experts: Vec<Ix> = d
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.expert)
            .map(|(i, _)| i)
            .collect();
        if experts.len() > 1 {
            r.rep.error_at_def(
                &d.id,
                format!(
                    "decision `{}` marks {} options as expert",
                    d.id,
                    experts.len()
                ),
                "mark exactly one option with `expert: true`",
            );
        }
        decisions.push(CDecision {
            role,
            deadline,
            within: d.within,
            options,
            expert: experts.first().copied(),
            scripted,
            on_expire: r.effects(&d.on_expire),
        });
    }

    let mut roles = Vec::new();
    for role in &s.roles {
        r.at("role", &role.id);
        let script = role
            .script
            .iter()
            .map(|st| (r.cond(&st.when), r.act(&st.act)))
            .collect();
        roles.push(CRole {
            script,
            auto_flag: role.auto_flag,
        });
    }

    let mut rules = Vec::new();
    for rule in &s.rules {
        r.at("rule", &rule.id);
        rules.push(CRule {
            when: r.cond(&rule.when),
            then: r.effects(&rule.then),
        });
    }

    let mut expectations = Vec::new();
    for e in &s.expectations {
        r.at("expectation", &e.id);
        expectations.push(CExpectation {
            role: r.get(Kind::Role, &e.role),
            achieve: r.cond(&e.achieve),
            by: e.by.as_ref().map(|t| r.time(t)),
        });
    }

    let mut pictures = Vec::new();
    for p in &s.pictures {
        r.at("picture", &p.id);
        let mut facts = r.list(Kind::Fact, &p.facts);
        // A fact listed twice counts once (`check` warns).
        let mut seen = HashSet::new();
        facts.retain(|f| seen.insert(*f));
        let at_least = p.at_least.map_or(facts.len(), |n| n as usize);
        pictures.push(CPicture {
            facts,
            at_least,
            roles: r.list(Kind::Role, &p.roles),
        });
    }

    r.anchors = vec![Anchor::Key("default_outcome")];
    r.context = "`default_outcome`".to_string();
    let default_outcome = r.get(Kind::Outcome, &s.default_outcome);

    let ppd = s.clock.parts.len() as u32;
    let hash = content_hash(rep.text);
    let ticks = s.clock.days.saturating_mul(ppd);
    let var_initial = s.variables.iter().map(|v| v.initial).collect();
    let regimes = s.roles.iter().map(|r| r.regime).collect();
    Compiled {
        scenario,
        hash,
        parts_per_day: ppd,
        ticks,
        roles,
        regimes,
        subjects,
        facts,
        pools,
        channels,
        share_rules,
        side_doors,
        consults,
        talks,
        consents,
        injects,
        decisions,
        rules,
        expectations,
        pictures,
        var_initial,
        default_outcome,
        option_ids,
        ids,
    }
}
