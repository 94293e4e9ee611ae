//! Judging a share: the sharing policy, the regime a fact is held under,
//! how the sender got it (purpose binding), sharing within one
//! organisation, consent actually obtained in the case, and the ground
//! label apart from the lawfulness of the disclosure.
//!
//! One fact to one recipient through a channel is judged at the moment of
//! sharing, on the ground the sender named:
//!
//! 1. On a consent ground (`Ground.consent`) without a valid AVG consent
//!    (`Processing` or `Both`) for this sender, fact, recipient and channel
//!    the fact is **unlawful**, whatever the rules say: the engine knows
//!    whose answer decides and what they answered, and says so.
//! 2. Otherwise the first sharing rule whose matchers all hold decides;
//!    no rule: with valid consent on a consent ground the share is
//!    **lawful**, else the policy's default applies.
//! 3. Two gates the engine keeps whatever the rules say (a rule that
//!    already found the share unlawful keeps its own reason):
//!    - **beroepsgeheim**: what the sender holds under professional
//!      secrecy leaves only when a valid secrecy consent (`Secrecy` or
//!      `Both`) covers it, or when the deciding rule names the regime
//!      `Beroepsgeheim` (the meldrecht, a legal duty, a conflict of
//!      duties: the author says where they apply);
//!    - **the scope of a consent**: what the sender received under a
//!      consent travels only to that consent's recipients (and back to the
//!      one who asked it) and through its channels.
//! 4. **The label**: a share that is unlawful on the named ground but
//!    lawful on another ground the sender can name is lawful with the
//!    wrong ground (`Verdict::WrongGround`), with the ground that fits.

use super::state::{Origin, State};
use crate::core::scenario::compiled::{CShareRule, Compiled, Ix};
use crate::core::scenario::model::{ConsentKind, Regime, Verdict};

/// What the engine found about consent for one fact to one recipient,
/// when it (not a sharing rule) decided the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentCheck {
    /// Valid consent from everyone whose answer decides (request; whether
    /// the sender held the fact under beroepsgeheim, which the consent
    /// lifts).
    Valid(Ix, bool),
    /// No consent request of the kind needed that covers this fact,
    /// recipient and channel was asked by the sender.
    NotAsked,
    /// The fact is about nobody in particular, so nobody can consent.
    NoSubject,
    /// Someone whose answer decides refused (request, person).
    Refused(Ix, Ix),
    /// Asked, but not every deciding answer has come yet (request).
    Pending(Ix),
}

/// An engine gate that made a share unlawful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gate {
    /// The sender holds the fact under beroepsgeheim and nothing lifted it:
    /// how a secrecy consent stands for it.
    Secrecy(ConsentCheck),
    /// The sender received the fact under this consent request, and the
    /// recipient or the channel lies outside it.
    Scope(Ix),
}

/// The verdict on one fact to one recipient, and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Judged {
    pub verdict: Verdict,
    /// The sharing rule that decided; `None`: the default, the engine's
    /// consent judgement (then `consent` is set) or a gate (then `gate` is
    /// set).
    pub rule: Option<Ix>,
    /// Set when the engine judged on consent itself (no rule decided).
    pub consent: Option<ConsentCheck>,
    /// Set when an engine gate made the share unlawful.
    pub gate: Option<Gate>,
    /// `WrongGround`: the ground that fits and the rule that found the
    /// share lawful on it.
    pub fitting: Option<(Ix, Option<Ix>)>,
    /// The consent request the fact stays bound to at the recipient.
    pub binding: Option<Ix>,
}

/// One share of one fact to one recipient: (from, to, fact, channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub from: Ix,
    pub to: Ix,
    pub fact: Ix,
    pub channel: Ix,
}

/// Whether consent request `req` covers `fact` from its role to `to`
/// through `channel` (not whether it was given).
fn covers(c: &Compiled, state: &State, req: Ix, sh: Share) -> bool {
    let Some(r) = c.consents.get(req) else {
        return false;
    };
    let Some(about) = c.facts.get(sh.fact).and_then(|f| f.about) else {
        return false;
    };
    let own = state.origin(sh.from, sh.fact) == Some(Origin::Own);
    r.role == sh.from
        && r.subject == about
        && (r.facts.contains(&sh.fact) || (r.facts.is_empty() && own))
        && (r.to.is_empty() || r.to.contains(&sh.to))
        && (r.channels.is_empty() || r.channels.contains(&sh.channel))
}

/// How consent of a kind `want` accepts stands for the share: the first
/// covering request of the sender, preferring one that is valid.
///
/// A request covers its `facts`; with none listed, every fact about its
/// subject that the role has of its own — not what partners shared with
/// it (consent given to a care provider does not cover passing on police
/// information it received in a casusoverleg).
pub fn consent_for(
    c: &Compiled,
    state: &State,
    sh: Share,
    want: impl Fn(ConsentKind) -> bool,
) -> ConsentCheck {
    if c.facts.get(sh.fact).and_then(|f| f.about).is_none() {
        return ConsentCheck::NoSubject;
    }
    let mut found = ConsentCheck::NotAsked;
    for (i, req) in c.consents.iter().enumerate() {
        if !want(req.kind) || !covers(c, state, i, sh) {
            continue;
        }
        let Some(rec) = state.consents.get(i).and_then(Option::as_ref) else {
            continue;
        };
        if rec.given(state.tick) {
            let secrecy = state.regime(sh.from, sh.fact) == Regime::Beroepsgeheim;
            return ConsentCheck::Valid(i, secrecy);
        }
        let refused = rec
            .answers
            .iter()
            .find(|a| a.decides && !a.gives && a.due <= state.tick);
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
    sh: Share,
    ground: Ix,
    consent_valid: bool,
) -> bool {
    let Share {
        from,
        to,
        fact,
        channel,
    } = sh;
    let hit = |list: &[Ix], x: Ix| list.is_empty() || list.contains(&x);
    let origin = state.origin(from, fact);
    let own_ok = rule
        .own
        .is_none_or(|want| want == (origin == Some(Origin::Own)));
    let received_ok = rule.received.as_ref().is_none_or(|m| {
        state.receipt(from, fact).is_some_and(|r| {
            hit(&m.from, r.from)
                && hit(&m.channels, r.channel)
                && hit(&m.grounds, r.ground)
                && m.consent.is_none_or(|want| want == r.binding.is_some())
        })
    });
    own_ok
        && received_ok
        && rule.when.as_ref().is_none_or(|w| state.holds(w))
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
/// case state at the moment of sharing, including the label (step 4).
pub fn judge(
    c: &Compiled,
    state: &State,
    from: Ix,
    to: Ix,
    fact: Ix,
    channel: Ix,
    ground: Ix,
) -> Judged {
    let sh = Share {
        from,
        to,
        fact,
        channel,
    };
    let named = judge_on(c, state, sh, ground);
    if named.verdict != Verdict::Unlawful {
        return named;
    }
    for g in 0..c.scenario.grounds.len() {
        if g == ground {
            continue;
        }
        let alt = judge_on(c, state, sh, g);
        if alt.verdict == Verdict::Lawful {
            return Judged {
                verdict: Verdict::WrongGround,
                fitting: Some((g, alt.rule)),
                binding: alt.binding,
                ..named
            };
        }
    }
    named
}

/// Judges the share on `ground` (steps 1 to 3).
pub fn judge_on(c: &Compiled, state: &State, sh: Share, ground: Ix) -> Judged {
    let bound = state.binding(sh.from, sh.fact);
    let consent_ground = c.scenario.grounds.get(ground).is_some_and(|g| g.consent);
    let any = consent_for(c, state, sh, |_| true);
    let processing = if consent_ground {
        consent_for(c, state, sh, ConsentKind::is_processing)
    } else {
        any
    };
    let valid_request = |k: ConsentCheck| match k {
        ConsentCheck::Valid(r, _) => Some(r),
        _ => None,
    };
    let mut out = Judged {
        verdict: c.scenario.sharing.default.verdict,
        rule: None,
        consent: None,
        gate: None,
        fitting: None,
        binding: bound,
    };
    // 1. A consent ground needs valid AVG consent.
    if consent_ground && valid_request(processing).is_none() {
        out.verdict = Verdict::Unlawful;
        out.consent = Some(processing);
        return out;
    }
    // 2. The first rule that matches.
    let valid_any = valid_request(any).is_some();
    let decided = c
        .share_rules
        .iter()
        .position(|rule| rule_matches(c, state, rule, sh, ground, valid_any));
    match decided {
        Some(i) => {
            out.verdict = c.scenario.sharing.rules[i].verdict;
            out.rule = Some(i);
        }
        None if consent_ground => {
            out.verdict = Verdict::Lawful;
            out.consent = Some(processing);
        }
        None => {}
    }
    // 3. The gates.
    let unlawful_by_rule = out.verdict == Verdict::Unlawful && out.rule.is_some();
    let mut lifted_by = None;
    if state.regime(sh.from, sh.fact) == Regime::Beroepsgeheim {
        let secrecy = consent_for(c, state, sh, ConsentKind::lifts_secrecy);
        lifted_by = valid_request(secrecy);
        let named = decided
            .and_then(|i| c.share_rules.get(i))
            .is_some_and(|r| r.regimes.contains(&Regime::Beroepsgeheim));
        if lifted_by.is_none() && !named && !unlawful_by_rule {
            out.verdict = Verdict::Unlawful;
            out.rule = None;
            out.consent = None;
            out.gate = Some(Gate::Secrecy(secrecy));
            return out;
        }
    }
    if let Some(r) = bound {
        let req = &c.consents[r];
        let inside = (sh.to == req.role || req.to.is_empty() || req.to.contains(&sh.to))
            && (req.channels.is_empty() || req.channels.contains(&sh.channel));
        if !inside && !unlawful_by_rule {
            out.verdict = Verdict::Unlawful;
            out.rule = None;
            out.consent = None;
            out.gate = Some(Gate::Scope(r));
            return out;
        }
    }
    // What the recipient holds stays bound to the consent it came under.
    out.binding = bound.or(lifted_by).or(if consent_ground {
        valid_request(processing)
    } else {
        None
    });
    out
}

fn subject_name(c: &Compiled, s: Ix) -> String {
    c.scenario
        .subjects
        .get(s)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| "?".to_string())
}

/// Whose answer decides consent request `req`, in Dutch, with the rule.
pub fn deciders_label(c: &Compiled, req: Ix) -> String {
    let Some(r) = c.consents.get(req) else {
        return "?".to_string();
    };
    let Some(subj) = c.scenario.subjects.get(r.subject) else {
        return "?".to_string();
    };
    let names: Vec<String> = r.deciders.iter().map(|p| subject_name(c, *p)).collect();
    let who = names.join(" én ");
    let capable = c.subjects.get(r.subject).is_none_or(|s| s.capable);
    let name = &subj.name;
    let rule = |from: u32, what: &str| match subj.age {
        _ if !capable => format!(
            "{name} kan zijn belangen hierin niet redelijk overzien: zijn wettelijk vertegenwoordiger beslist ({who})"
        ),
        Some(a) if a < from => format!(
            "{name} is {a}: onder de {from} jaar beslist de ouder met gezag of de wettelijk vertegenwoordiger over {what} ({who})"
        ),
        Some(a) => format!("{name} is {a}: vanaf {from} jaar beslist hij zelf over {what}"),
        None => format!("{name} beslist zelf over {what}"),
    };
    match r.kind {
        ConsentKind::Secrecy => rule(12, "het doorbreken van het beroepsgeheim"),
        ConsentKind::Processing => rule(16, "toestemming als grondslag (AVG)"),
        ConsentKind::Both => format!(
            "{}; {}",
            rule(12, "het doorbreken van het beroepsgeheim"),
            rule(16, "toestemming als grondslag (AVG)")
        ),
    }
}

/// Whose answer decides consent for data about subject `s`, in Dutch, for
/// a consent of `kind`.
pub fn consenters_label(c: &Compiled, s: Ix, kind: ConsentKind) -> String {
    let Some(subj) = c.subjects.get(s) else {
        return "?".to_string();
    };
    let who =
        crate::core::scenario::compiled::deciders(kind, subj.age, subj.capable, s, &subj.guardians);
    // Reuse the wording of a request about this subject when there is one.
    if let Some(i) = c
        .consents
        .iter()
        .position(|r| r.subject == s && r.kind == kind)
    {
        return deciders_label(c, i);
    }
    let names: Vec<String> = who.iter().map(|p| subject_name(c, *p)).collect();
    format!(
        "{} ({})",
        kind.label(),
        if names.is_empty() {
            "niemand".to_string()
        } else {
            names.join(" én ")
        }
    )
}

const CONSENT_REFERENCE: &str = "AVG art. 6 lid 1 sub a en art. 7; bij bijzondere persoonsgegevens uitdrukkelijke toestemming (AVG art. 9 lid 2 sub a); AVG-toestemming van een kind onder 16 jaar: de wettelijk vertegenwoordiger (UAVG art. 5); doorbreken van het beroepsgeheim met toestemming: onder 12 jaar de ouders met gezag, vanaf 12 jaar de jongere zelf als hij zijn belangen redelijk kan overzien (BW 7:457 en 7:465; Jeugdwet 7.3.11 en 7.3.15)";

/// The request a consent check is about, if any.
fn check_request(check: ConsentCheck) -> Option<Ix> {
    match check {
        ConsentCheck::Valid(r, _) | ConsentCheck::Refused(r, _) | ConsentCheck::Pending(r) => {
            Some(r)
        }
        ConsentCheck::NotAsked | ConsentCheck::NoSubject => None,
    }
}

/// Who decides, for a consent check on `fact` of a kind (`secrecy`: the
/// consent that lifts beroepsgeheim).
fn who_decides(c: &Compiled, fact: Ix, check: ConsentCheck, secrecy: bool) -> String {
    if let Some(r) = check_request(check) {
        return deciders_label(c, r);
    }
    let kind = if secrecy {
        ConsentKind::Secrecy
    } else {
        ConsentKind::Processing
    };
    c.facts
        .get(fact)
        .and_then(|f| f.about)
        .map(|s| consenters_label(c, s, kind))
        .unwrap_or_default()
}

/// The Dutch reason and reference for a judgement the engine made on
/// consent (no sharing rule decided), for the debrief.
pub fn consent_reason(c: &Compiled, fact: Ix, check: ConsentCheck) -> (String, String) {
    let who = who_decides(c, fact, check, false);
    let reason = match check {
        ConsentCheck::Valid(r, secrecy) => {
            let mut rr = format!(
                "Gedeeld met geldige toestemming, voor dit gegeven, deze ontvanger en deze route. {who}."
            );
            if secrecy && c.consents.get(r).is_some_and(|x| x.kind.lifts_secrecy()) {
                rr.push_str(" Toestemming is de eerste route om het beroepsgeheim te doorbreken: u informeert de cliënt en vraagt het, en deelt alleen wat nodig is.");
            }
            rr
        }
        ConsentCheck::NotAsked => format!(
            "U deelt op grond van toestemming (AVG), maar voor dit gegeven, deze ontvanger en deze route is in de casus geen toestemming als grondslag gevraagd. Vraag eerst toestemming ({who}), of kies een grondslag die wel past: een overheidsorgaan of casusoverleg steunt meestal op de wet (Wgs, Jeugdwet, Wmo 2015), niet op toestemming."
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
    (reason, CONSENT_REFERENCE.to_string())
}

/// Why consent as the processing ground did not carry a share that
/// another ground covers (the label fault's "why not"), in Dutch: no
/// advice to go and ask it, since the disclosure rests on the law.
pub fn consent_label_reason(c: &Compiled, check: ConsentCheck) -> String {
    let base = "Toestemming als grondslag (AVG) is voor een overheidsorgaan of een casusoverleg zelden de juiste grondslag: daar is de wet de grondslag (AVG overweging 43, art. 7 lid 4).";
    match check {
        ConsentCheck::Valid(..) => base.to_string(),
        ConsentCheck::NotAsked => format!(
            "{base} Bovendien was voor dit gegeven, deze ontvanger en deze route geen toestemming als grondslag gevraagd."
        ),
        ConsentCheck::NoSubject => format!(
            "{base} Bovendien gaat dit gegeven niet over één persoon die toestemming kan geven."
        ),
        ConsentCheck::Refused(_, person) => format!(
            "{base} Bovendien heeft {} die toestemming niet gegeven.",
            subject_name(c, person)
        ),
        ConsentCheck::Pending(_) => {
            format!("{base} Bovendien was het antwoord op de vraag om toestemming er nog niet.")
        }
    }
}

/// The Dutch reason and reference for a share an engine gate made
/// unlawful.
pub fn gate_reason(c: &Compiled, fact: Ix, gate: Gate) -> (String, String) {
    match gate {
        Gate::Secrecy(check) => {
            let who = who_decides(c, fact, check, true);
            let state = match check {
                ConsentCheck::Refused(_, person) => format!(
                    " {} heeft geen toestemming gegeven om het beroepsgeheim te doorbreken. {who}.",
                    subject_name(c, person)
                ),
                ConsentCheck::Pending(_) => {
                    format!(" Het antwoord op uw vraag om toestemming is er nog niet. {who}.")
                }
                _ => format!(
                    " Er is geen toestemming gevraagd die dit gegeven, deze ontvanger en deze route dekt. {who}."
                ),
            };
            (
                format!(
                    "U hebt dit gegeven onder uw beroepsgeheim. Het verlaat de hulpverlening alleen met toestemming om het beroepsgeheim te doorbreken (de eerste route: informeer de cliënt en vraag het), op grond van een wettelijke plicht, het meldrecht (bij Veilig Thuis) of bij conflict van plichten. Een grondslag als de Wgs of de publieke taak heft het beroepsgeheim niet op.{state}"
                ),
                "Beroepsgeheim (WGBO: BW 7:457; Jeugdwet 7.3.11); art. 5.2.6 Wmo 2015 (meldrecht); AVG art. 9".to_string(),
            )
        }
        Gate::Scope(r) => {
            let req = c.scenario.consents.get(r);
            let text = req.map(|x| x.text.as_str()).unwrap_or("?");
            let asker = c.consents.get(r).map_or("?", |x| c.role_name(x.role));
            (
                format!(
                    "U hebt dit gegeven ontvangen onder een toestemming die {asker} vroeg: \u{201c}{text}\u{201d} Het blijft aan dat doel gebonden: het mag alleen naar de ontvangers en langs de route waarvoor die toestemming is gegeven. Wat de toestemming niet dekt, blijft dicht; verder delen vraagt een eigen grondslag en een eigen toestemming."
                ),
                "AVG art. 5 lid 1 sub b (doelbinding) en art. 7 (toestemming is specifiek); beroepsgeheim".to_string(),
            )
        }
    }
}

/// The Dutch reason for a lawful disclosure on the wrong ground: which
/// ground fits, and why the named one does not.
pub fn wrong_ground_reason(
    c: &Compiled,
    named: Ix,
    fitting: Ix,
    fitting_rule: Option<Ix>,
    why_not: &str,
) -> (String, String) {
    let s = &c.scenario;
    let name = |g: Ix| s.grounds.get(g).map_or("?", |x| x.name.as_str());
    let fit_ref = s.grounds.get(fitting).map_or("", |x| x.reference.as_str());
    let why_fits = fitting_rule
        .and_then(|r| s.sharing.rules.get(r))
        .map(|r| format!(" {}", r.reason))
        .unwrap_or_default();
    let reason = format!(
        "De verstrekking zelf is rechtmatig: de grondslag \u{201c}{}\u{201d} dekt haar.{why_fits} U legde haar vast op \u{201c}{}\u{201d}; die grondslag past hier niet. {why_not} Leg de juiste grondslag vast; dat hoort bij de verantwoordingsplicht.",
        name(fitting),
        name(named),
    );
    let mut reference = "AVG art. 5 lid 2 (verantwoordingsplicht) en art. 6 lid 1".to_string();
    if !fit_ref.is_empty() {
        reference.push_str("; ");
        reference.push_str(fit_ref);
    }
    (reason, reference)
}
