//! Semantic checks on a compiled scenario: things that parse and resolve
//! but cannot work — rules that can never fire, decisions nobody reaches,
//! options without feedback, roles without a briefing.
//!
//! The reachability used here is a static over-approximation: an item is
//! "reachable" when *some* construct in the scenario can produce it. The
//! checks therefore never reject a scenario that could work; deeper
//! playthrough analysis belongs to the authoring toolkit.

use super::compile::Reporter;
use super::compiled::*;
use super::model::{ChannelKind, Form};
use crate::core::diag::Severity;

/// What the scenario can produce at all, over every possible playthrough.
pub(crate) struct Reach {
    pub fact: Vec<bool>,
    pub inject: Vec<bool>,
    pub decision: Vec<bool>,
    /// Whether a variable is ever changed by an effect.
    pub var_changed: Vec<bool>,
}

fn effects_of(c: &Compiled) -> impl Iterator<Item = &CEffect> {
    c.injects
        .iter()
        .flat_map(|i| i.effects.iter())
        .chain(c.talks.iter().flat_map(|t| t.effects.iter()))
        .chain(c.decisions.iter().flat_map(|d| {
            d.options
                .iter()
                .flat_map(|o| o.effects.iter())
                .chain(d.on_expire.iter())
        }))
        .chain(c.rules.iter().flat_map(|r| r.then.iter()))
}

pub(crate) fn reach(c: &Compiled) -> Reach {
    let mut fact = vec![false; c.facts.len()];
    let mut inject = vec![false; c.injects.len()];
    let mut decision = vec![false; c.decisions.len()];
    let mut var_changed = vec![false; c.var_initial.len()];
    let set = |v: &mut Vec<bool>, i: Ix| {
        if let Some(x) = v.get_mut(i) {
            *x = true;
        }
    };
    for (i, f) in c.facts.iter().enumerate() {
        if !f.known_by.is_empty() {
            fact[i] = true;
        }
    }
    for p in &c.pools {
        for f in &p.facts {
            set(&mut fact, *f);
        }
    }
    for (i, inj) in c.injects.iter().enumerate() {
        if inj.at.is_some() || inj.when.is_some() || inj.optional {
            inject[i] = true;
        }
    }
    for e in effects_of(c) {
        match e {
            CEffect::Reveal(f, _) => set(&mut fact, *f),
            CEffect::Schedule(i, _) => set(&mut inject, *i),
            CEffect::Open(d) => set(&mut decision, *d),
            CEffect::Set(v, _) | CEffect::Add(v, _) => set(&mut var_changed, *v),
            CEffect::End(_) | CEffect::AskConsent(_) | CEffect::Convene(..) | CEffect::Talk(_) => {}
        }
    }
    for t in &c.talks {
        for f in &t.reveals {
            set(&mut fact, *f);
        }
    }
    for d in &c.decisions {
        for o in &d.options {
            if let Some(n) = o.next {
                set(&mut decision, n);
            }
        }
    }
    // Facts and decisions of an inject count only if the inject can come.
    for (i, inj) in c.injects.iter().enumerate() {
        if inject[i] {
            for f in &inj.reveals {
                set(&mut fact, *f);
            }
            for d in &inj.opens {
                set(&mut decision, *d);
            }
        }
    }
    Reach {
        fact,
        inject,
        decision,
        var_changed,
    }
}

/// False when `cond` can certainly never hold.
pub(crate) fn satisfiable(c: &Compiled, r: &Reach, cond: &CCond) -> bool {
    let get = |v: &Vec<bool>, i: Ix| v.get(i).copied().unwrap_or(false);
    match cond {
        CCond::Always => true,
        CCond::Knows(_, f) | CCond::Flagged(f, _, _) | CCond::Shared(f, _, _, _, _) => {
            get(&r.fact, *f)
        }
        CCond::Decided(d, _) => get(&r.decision, *d),
        CCond::Expired(d) => {
            get(&r.decision, *d)
                && c.decisions
                    .get(*d)
                    .is_some_and(|d| d.deadline.is_some() || d.within.is_some())
        }
        CCond::Delivered(i) => get(&r.inject, *i),
        CCond::Consulted(role, consult) => c
            .consults
            .get(*consult)
            .is_some_and(|k| k.roles.is_empty() || k.roles.contains(role)),
        CCond::Talked(t) => c.talks.get(*t).is_some(),
        CCond::ChannelUsed(_, _) | CCond::Breach(..) => true,
        CCond::Consent(req, _) => c.consents.get(*req).is_some(),
        CCond::InSession(ch) => c.channels.get(*ch).is_some_and(|x| {
            x.always
                || x.convene.is_some()
                || x.sits.iter().any(|t| *t < c.ticks)
                || effects_of(c).any(|e| matches!(e, CEffect::Convene(k, _) if k == ch))
        }),
        CCond::After(t) => *t < c.ticks.max(1),
        CCond::Before(t) => *t > 0,
        CCond::Var(v, cmp, value) => {
            get(&r.var_changed, *v)
                || c.var_initial
                    .get(*v)
                    .is_some_and(|init| cmp.holds(*init, *value))
        }
        CCond::SignalWeight(_, form, at_least) => {
            signal_weight_available(c, r, *form) >= u64::from(*at_least)
        }
        CCond::All(cs) => {
            cs.iter().all(|x| satisfiable(c, r, x))
                && !cs.iter().any(|y| match y {
                    CCond::Not(inner) => cs.contains(inner),
                    _ => false,
                })
        }
        CCond::Any(cs) => cs.iter().any(|x| satisfiable(c, r, x)),
        CCond::Not(inner) => !matches!(**inner, CCond::Always),
    }
}

fn signal_weight_available(c: &Compiled, r: &Reach, form: Form) -> u64 {
    c.facts
        .iter()
        .enumerate()
        .filter(|(i, _)| r.fact.get(*i).copied().unwrap_or(false))
        .filter_map(|(_, f)| f.signal)
        .filter(|(fm, _)| *fm == form)
        .map(|(_, w)| u64::from(w))
        .sum()
}

#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
pub(crate) fn validate(c: &Compiled, rep: &mut Reporter<'_>) {
    let s = &c.scenario;
    let r = reach(c);

    if !s.roles.iter().any(|role| role.playable) {
        let pos = rep
            .index()
            .key("roles", 0)
            .unwrap_or(crate::core::diag::Pos::START);
        rep.push(
            Severity::Error,
            pos,
            "no role is playable".to_string(),
            "set `playable: true` on at least one role",
        );
    }
    if s.outcomes.is_empty() {
        let pos = rep
            .index()
            .key("outcomes", 0)
            .unwrap_or(crate::core::diag::Pos::START);
        rep.push(
            Severity::Error,
            pos,
            "the scenario has no outcomes".to_string(),
            "add at least one outcome and name it in `default_outcome`",
        );
    }

    // Optional injects: released by the trainer only.
    for (i, inj) in s.injects.iter().enumerate() {
        if !inj.optional {
            if !inj.trainer_note.trim().is_empty() {
                rep.warn_at_def(
                    &inj.id,
                    format!(
                        "inject `{}` has a `trainer_note` but is not optional",
                        inj.id
                    ),
                    "set `optional: true` to offer it to the trainer, or remove the note",
                );
            }
            continue;
        }
        if effects_of(c).any(|e| matches!(e, CEffect::Schedule(x, _) if *x == i)) {
            rep.error_at_def(
                &inj.id,
                format!("optional inject `{}` is scheduled by an effect", inj.id),
                "an optional inject comes only when the trainer releases it: remove `optional: true`, or the `Schedule` effect",
            );
        }
        if inj.jitter > 0 {
            rep.warn_at_def(
                &inj.id,
                format!(
                    "optional inject `{}` has a `jitter`, which is not used",
                    inj.id
                ),
                "the trainer decides when it comes; remove `jitter`",
            );
        }
        if inj.trainer_note.trim().is_empty() {
            rep.warn_at_def(
                &inj.id,
                format!("optional inject `{}` has no `trainer_note`", inj.id),
                "tell the trainer when and why to release it, e.g. `trainer_note: \"Als de groep vastloopt op ...\"`",
            );
        }
    }

    for role in &s.roles {
        if role.briefing.trim().is_empty() {
            if role.playable {
                rep.error_at_def(
                    &role.id,
                    format!("playable role `{}` has no briefing", role.id),
                    "write a `briefing:` that tells the trainee who they are and what they know",
                );
            } else {
                rep.warn_at_def(
                    &role.id,
                    format!("role `{}` has no briefing", role.id),
                    "a briefing helps the trainer explain this role's part in the debrief",
                );
            }
        }
    }

    for (i, f) in s.facts.iter().enumerate() {
        if !r.fact[i] {
            rep.warn_at_def(
                &f.id,
                format!("fact `{}` is never known by any role", f.id),
                "add `known_by`, or reveal it from an inject, talk or rule",
            );
        }
        if f.vulnerability && f.signal.is_some() {
            rep.error_at_def(
                &f.id,
                format!("fact `{}` is both a signal and a vulnerability", f.id),
                "a fact is a signal (it points at exploitation), a vulnerability (it makes someone susceptible) or neither: keep one of `signal` and `vulnerability: true`",
            );
        }
        if let Some(sig) = &f.signal
            && sig.weight == 0
        {
            rep.warn_at_def(
                &f.id,
                format!("signal fact `{}` has weight 0", f.id),
                "use weight 1 (weak) to 3 (strong)",
            );
        }
    }

    for (p, pool) in s.pools.iter().zip(&c.pools) {
        if pool.draw > pool.facts.len() {
            rep.error_at_def(
                &p.id,
                format!(
                    "pool `{}` draws {} facts but lists only {}",
                    p.id,
                    pool.draw,
                    pool.facts.len()
                ),
                "lower `draw` or add facts to the pool",
            );
        }
        for f in &pool.facts {
            if c.facts.get(*f).is_some_and(|cf| !cf.known_by.is_empty()) {
                rep.warn_at_def(
                    &s.facts[*f].id,
                    format!(
                        "fact `{}` is in pool `{}` but also has `known_by`",
                        s.facts[*f].id, p.id
                    ),
                    "pool facts are given by the draw; remove `known_by`",
                );
            }
        }
    }

    // Pictures: facts one role must hold together.
    for (p, cp) in s.pictures.iter().zip(&c.pictures) {
        if cp.facts.is_empty() {
            rep.error_at_def(
                &p.id,
                format!("picture `{}` lists no facts", p.id),
                "list the facts that together make the picture, e.g. `facts: [\"f_verzuim\", \"f_pinpas\"]`",
            );
        } else if cp.at_least == 0 || cp.at_least > cp.facts.len() {
            rep.error_at_def(
                &p.id,
                format!(
                    "picture `{}` asks for `at_least: {}` of its {} facts",
                    p.id,
                    cp.at_least,
                    cp.facts.len()
                ),
                "use a number from 1 to the number of facts, or leave `at_least` out (all facts)",
            );
        }
        if cp.roles.is_empty() {
            rep.error_at_def(
                &p.id,
                format!("picture `{}` names no role that could act on it", p.id),
                "list the roles that could act on the picture, e.g. `roles: [\"gemeente\", \"politie\"]`",
            );
        }
        let mut seen = Vec::new();
        for f in &p.facts {
            if seen.contains(&f) {
                rep.warn_at_def(
                    &p.id,
                    format!("picture `{}` lists fact `{f}` twice", p.id),
                    "list every fact once",
                );
            }
            seen.push(f);
        }
        let mut seen = Vec::new();
        for role in &p.roles {
            if seen.contains(&role) {
                rep.warn_at_def(
                    &p.id,
                    format!("picture `{}` lists role `{role}` twice", p.id),
                    "list every role once",
                );
            }
            seen.push(role);
        }
    }

    for (i, sr) in c.share_rules.iter().enumerate() {
        if let Some(w) = &sr.when
            && !satisfiable(c, &r, w)
        {
            let id = s.sharing.rules[i].id.clone().unwrap_or_default();
            let pos = rep
                .index()
                .definition("id", &id, 0)
                .or_else(|| rep.index().key("sharing", 0));
            rep.push(
                Severity::Warning,
                pos.unwrap_or(crate::core::diag::Pos::START),
                format!("the `when` of sharing rule #{} can never hold", i + 1),
                "the rule will never apply; check its condition",
            );
        }
    }

    for (ch, cc) in s.channels.iter().zip(&c.channels) {
        match cc.kind {
            ChannelKind::Meeting if cc.members.len() < 2 => rep.error_at_def(
                &ch.id,
                format!("meeting `{}` needs at least two members", ch.id),
                "list the participating roles in `members`",
            ),
            ChannelKind::Report if cc.members.is_empty() => rep.error_at_def(
                &ch.id,
                format!("report channel `{}` has no recipient", ch.id),
                "list the roles that receive reports in `members`",
            ),
            _ => {}
        }
    }

    for (i, inj) in s.injects.iter().enumerate() {
        if !r.inject[i] {
            rep.error_at_def(
                &inj.id,
                format!("inject `{}` is never delivered", inj.id),
                "give it `at:` or `when:`, or schedule it from a rule or option",
            );
        }
        if let Some(cond) = &c.injects[i].when
            && !satisfiable(c, &r, cond)
        {
            rep.error_at_def(
                &inj.id,
                format!("the `when` condition of inject `{}` can never hold", inj.id),
                "check the facts, decisions and injects it depends on: at least one can never happen",
            );
        }
    }

    for (i, d) in s.decisions.iter().enumerate() {
        if !r.decision[i] {
            rep.error_at_def(
                &d.id,
                format!("decision `{}` is never opened", d.id),
                "open it from an inject (`opens`), a rule (`Open`) or an option (`next`)",
            );
        }
        if d.options.is_empty() {
            rep.error_at_def(
                &d.id,
                format!("decision `{}` has no options", d.id),
                "add at least two options",
            );
        }
        for o in &d.options {
            if o.feedback.trim().is_empty() {
                rep.error_at_def(
                    &o.id,
                    format!("option `{}` of decision `{}` has no feedback", o.id, d.id),
                    "write `feedback:` explaining why this choice is right or wrong, with the rule",
                );
            }
        }
        let cd = &c.decisions[i];
        if cd.expert.is_none() {
            if cd.scripted.is_none() {
                rep.error_at_def(
                    &d.id,
                    format!(
                        "decision `{}` has no expert option, so a role played by script cannot take it",
                        d.id
                    ),
                    "mark the best option with `expert: true` (or set `scripted:`)",
                );
            } else {
                rep.warn_at_def(
                    &d.id,
                    format!("decision `{}` has no expert option", d.id),
                    "mark the best option with `expert: true` so the debrief can show it",
                );
            }
        }
        // The debrief's maximum is the best option per competency; the
        // expert path must be able to reach it.
        if let Some(e) = cd.expert.and_then(|e| d.options.get(e)) {
            for o in &d.options {
                for (comp, pts) in &o.points {
                    let expert_pts = e.points.get(comp).copied().unwrap_or(0);
                    if *pts > expert_pts {
                        rep.warn_at_def(
                            &o.id,
                            format!(
                                "option `{}` of decision `{}` gives more {} points ({pts}) than the expert option `{}` ({expert_pts})",
                                o.id,
                                d.id,
                                comp.label(),
                                e.id
                            ),
                            "the expert option should score best on every competency; otherwise an expert cannot reach the maximum in the debrief",
                        );
                    }
                }
            }
        }
        if d.options.len() == 1 {
            rep.warn_at_def(
                &d.id,
                format!("decision `{}` has only one option", d.id),
                "a decision needs a real choice: add an alternative",
            );
        }
    }

    for (i, rule) in s.rules.iter().enumerate() {
        if !satisfiable(c, &r, &c.rules[i].when) {
            rep.error_at_def(
                &rule.id,
                format!("rule `{}` can never fire", rule.id),
                "its condition depends on a fact, inject, decision or value that can never occur",
            );
        }
        if rule.then.is_empty() {
            rep.warn_at_def(
                &rule.id,
                format!("rule `{}` has no effects", rule.id),
                "add effects under `then`, or remove the rule",
            );
        }
    }

    for (e, ce) in s.expectations.iter().zip(&c.expectations) {
        if !satisfiable(c, &r, &ce.achieve) {
            rep.error_at_def(
                &e.id,
                format!("expectation `{}` can never be met", e.id),
                "its `achieve` condition depends on something that can never occur",
            );
        }
        if e.points.is_empty() {
            rep.warn_at_def(
                &e.id,
                format!("expectation `{}` gives no points", e.id),
                "add `points:`, e.g. `{Samenwerking: 1}`, or remove the expectation",
            );
        }
        if e.points.values().any(|p| *p < 0) {
            rep.error_at_def(
                &e.id,
                format!("expectation `{}` has negative points", e.id),
                "an expectation rewards what a role should do; a missed one already costs its points",
            );
        }
        if e.feedback.trim().is_empty() {
            rep.error_at_def(
                &e.id,
                format!("expectation `{}` has no feedback", e.id),
                "write `feedback:` explaining why this matters, with the rule",
            );
        }
    }

    for (role, cr) in s.roles.iter().zip(&c.roles) {
        for (cond, _) in &cr.script {
            if !satisfiable(c, &r, cond) {
                rep.warn_at_def(
                    &role.id,
                    format!("a script step of role `{}` can never run", role.id),
                    "its `when` depends on something that can never occur",
                );
            }
        }
    }
}
