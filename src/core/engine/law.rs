//! Judging a share: the sharing policy, the regime a fact is held under,
//! sharing within one organisation, and consent actually obtained in the
//! case.
//!
//! One fact to one recipient is judged at the moment of sharing:
//!
//! 1. On a consent ground (`Ground.consent`), without valid consent for
//!    this sender, fact and recipient the fact is **unlawful**, whatever
//!    the rules say: the engine knows who had to consent and what they
//!    answered, and says so.
//! 2. Otherwise the first sharing rule whose matchers all hold decides.
//! 3. No rule matched: with valid consent on a consent ground the share is
//!    **lawful**; otherwise the policy's default applies.

use super::state::State;
use crate::core::scenario::compiled::{CShareRule, Compiled, Ix};
use crate::core::scenario::model::{Regime, Verdict};

/// What the engine found about consent for one fact to one recipient on a
/// consent ground, when it (not a sharing rule) decided the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentCheck {
    /// Valid consent from everyone whose consent counts (request; whether
    /// the sender held the fact under beroepsgeheim, which the consent
    /// lifts).
    Valid(Ix, bool),
    /// No consent request that covers this fact and recipient was asked
    /// by the sender.
    NotAsked,
    /// The fact is about nobody in particular, so nobody can consent.
    NoSubject,
    /// Someone whose consent counts refused (request, person).
    Refused(Ix, Ix),
    /// Asked, but not every answer has come yet (request).
    Pending(Ix),
}

/// The verdict on one fact to one recipient, and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Judged {
    pub verdict: Verdict,
    /// The sharing rule that decided; `None`: the default or the engine's
    /// consent judgement (then `consent` is set).
    pub rule: Option<Ix>,
    /// Set when the engine judged on consent itself (no rule decided).
    pub consent: Option<ConsentCheck>,
}

/// How consent stands for `from` sharing `fact` with `to`: the first
/// request of `from` that covers them, preferring one that is valid.
///
/// A request covers its `facts`; with none listed, every fact about its
/// subject that the role has of its own — not what partners shared with
/// it (consent given to a care provider does not cover passing on police
/// information it received in a casusoverleg).
pub fn consent_for(c: &Compiled, state: &State, from: Ix, to: Ix, fact: Ix) -> ConsentCheck {
    let Some(about) = c.facts.get(fact).and_then(|f| f.about) else {
        return ConsentCheck::NoSubject;
    };
    let mut found = ConsentCheck::NotAsked;
    for (i, req) in c.consents.iter().enumerate() {
        let received = state
            .received
            .get(from)
            .and_then(|r| r.get(fact))
            .copied()
            .unwrap_or(false);
        let covers = req.role == from
            && req.subject == about
            && (req.facts.contains(&fact) || (req.facts.is_empty() && !received))
            && (req.to.is_empty() || req.to.contains(&to));
        if !covers {
            continue;
        }
        let Some(rec) = state.consents.get(i).and_then(Option::as_ref) else {
            continue;
        };
        if rec.given(state.tick) {
            let secrecy = state.regime(from, fact) == Regime::Beroepsgeheim;
            return ConsentCheck::Valid(i, secrecy);
        }
        let refused = rec.answers.iter().find(|a| !a.gives && a.due <= state.tick);
        found = match (refused, found) {
            (Some(a), _) => ConsentCheck::Refused(i, a.person),
            (None, ConsentCheck::NotAsked) => ConsentCheck::Pending(i),
            (None, other) => other,
        };
    }
    found
}

fn rule_matches(
    c: &Compiled,
    state: &State,
    rule: &CShareRule,
    share: (Ix, Ix, Ix, Ix, Ix),
    consent_valid: bool,
) -> bool {
    let (from, to, fact, channel, ground) = share;
    let hit = |list: &[Ix], x: Ix| list.is_empty() || list.contains(&x);
    rule.when.as_ref().is_none_or(|w| state.holds(w))
        && hit(&rule.facts, fact)
        && (rule.categories.is_empty() || rule.categories.iter().any(|k| c.fact_is(fact, *k)))
        && (rule.regimes.is_empty() || rule.regimes.contains(&state.regime(from, fact)))
        && rule
            .within
            .is_none_or(|w| w == c.same_organisation(from, to))
        && rule.consent.is_none_or(|want| want == consent_valid)
        && hit(&rule.from, from)
        && hit(&rule.to, to)
        && hit(&rule.channels, channel)
        && hit(&rule.grounds, ground)
}

/// Judges one fact to one recipient against the scenario's law, in the
/// case state at the moment of sharing.
pub fn judge(
    c: &Compiled,
    state: &State,
    from: Ix,
    to: Ix,
    fact: Ix,
    channel: Ix,
    ground: Ix,
) -> Judged {
    let consent_ground = c.scenario.grounds.get(ground).is_some_and(|g| g.consent);
    let check = consent_for(c, state, from, to, fact);
    let valid = matches!(check, ConsentCheck::Valid(..));
    if consent_ground && !valid {
        return Judged {
            verdict: Verdict::Unlawful,
            rule: None,
            consent: Some(check),
        };
    }
    let share = (from, to, fact, channel, ground);
    for (i, rule) in c.share_rules.iter().enumerate() {
        if rule_matches(c, state, rule, share, valid) {
            return Judged {
                verdict: c.scenario.sharing.rules[i].verdict,
                rule: Some(i),
                consent: None,
            };
        }
    }
    if consent_ground {
        return Judged {
            verdict: Verdict::Lawful,
            rule: None,
            consent: Some(check),
        };
    }
    Judged {
        verdict: c.scenario.sharing.default.verdict,
        rule: None,
        consent: None,
    }
}

fn subject_name(c: &Compiled, s: Ix) -> String {
    c.scenario
        .subjects
        .get(s)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| "?".to_string())
}

/// Whose consent counts for data about subject `s`, in Dutch.
pub fn consenters_label(c: &Compiled, s: Ix) -> String {
    let Some(subj) = c.scenario.subjects.get(s) else {
        return "?".to_string();
    };
    let names: Vec<String> = c
        .subjects
        .get(s)
        .map(|x| x.consenters.iter().map(|p| subject_name(c, *p)).collect())
        .unwrap_or_default();
    let who = names.join(" én ");
    match subj.age {
        Some(a) if a < 12 => format!(
            "{} is {a}: de ouder(s) met gezag beslissen ({who})",
            subj.name
        ),
        Some(a) if a < 16 => format!(
            "{} is {a}: tussen 12 en 16 jaar moeten het kind én de ouder met gezag toestemming geven ({who})",
            subj.name
        ),
        Some(a) => format!(
            "{} is {a}: vanaf 16 jaar beslist de jongere zelf",
            subj.name
        ),
        None => format!("{} beslist zelf", subj.name),
    }
}

/// The Dutch reason and reference for a judgement the engine made on
/// consent (no sharing rule decided), for the debrief.
pub fn consent_reason(c: &Compiled, fact: Ix, check: ConsentCheck) -> (String, String) {
    let reference = "AVG art. 6 lid 1 sub a; bij bijzondere persoonsgegevens uitdrukkelijke toestemming (AVG art. 9 lid 2 sub a); toestemming van minderjarigen: tot 12 jaar de ouders, van 12 tot 16 het kind én de ouder, vanaf 16 de jongere zelf".to_string();
    let about = c.facts.get(fact).and_then(|f| f.about);
    let who = about.map(|s| consenters_label(c, s)).unwrap_or_default();
    let reason = match check {
        ConsentCheck::Valid(_, secrecy) => {
            let mut r = format!(
                "Gedeeld met geldige toestemming, voor dit gegeven en deze ontvanger. {who}."
            );
            if secrecy {
                r.push_str(" Toestemming is de eerste route om het beroepsgeheim te doorbreken: u informeert de cliënt en vraagt het, en deelt alleen wat nodig is.");
            }
            r
        }
        ConsentCheck::NotAsked => format!(
            "U deelt op grond van toestemming, maar voor dit gegeven en deze ontvanger is in de casus geen toestemming gevraagd. Vraag eerst toestemming ({who}), of kies een grondslag die wel past."
        ),
        ConsentCheck::NoSubject => "U deelt op grond van toestemming, maar dit gegeven gaat niet over één persoon die toestemming kan geven. Kies een grondslag die past bij doel en ontvanger.".to_string(),
        ConsentCheck::Refused(_, person) => format!(
            "{} heeft geen toestemming gegeven. {who}; zonder die toestemming is delen op deze grond onrechtmatig.",
            subject_name(c, person)
        ),
        ConsentCheck::Pending(_) => format!(
            "Het antwoord op uw vraag om toestemming is er nog niet. Wacht het af of kies een andere route. {who}."
        ),
    };
    (reason, reference)
}
