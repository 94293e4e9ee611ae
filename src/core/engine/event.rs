//! Events: what happened as the result of an action or of the clock, in
//! index form, with a Dutch one-line description for transcripts.

use super::law::{ConsentCheck, Gate};
use crate::core::scenario::compiled::{Compiled, Ix};
use crate::core::scenario::model::{Form, Verdict};

/// How a role came to know a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Via {
    Start,
    Inject(Ix),
    Share { from: Ix, channel: Ix },
    Talk(Ix),
    Effect,
}

/// One fact to one recipient within a share.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShareItem {
    pub fact: Ix,
    pub to: Ix,
    pub verdict: Verdict,
    pub rule: Option<Ix>,
    /// Set when the engine judged on consent itself (no rule decided).
    pub consent: Option<ConsentCheck>,
    /// Set when an engine gate made the share unlawful.
    pub gate: Option<Gate>,
    /// `WrongGround`: the ground that fits and the rule that found it.
    pub fitting: Option<(Ix, Option<Ix>)>,
    /// The consent request the fact stays bound to at the recipient.
    pub binding: Option<Ix>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Event {
    Delivered {
        inject: Ix,
    },
    Learned {
        role: Ix,
        fact: Ix,
        via: Via,
    },
    Flagged {
        role: Ix,
        fact: Ix,
        form: Form,
    },
    Shared {
        from: Ix,
        channel: Ix,
        ground: Ix,
        items: Vec<ShareItem>,
    },
    Consulted {
        role: Ix,
        consult: Ix,
        /// Index of the advice given; `None` = the default advice.
        advice: Option<Ix>,
    },
    Talked {
        role: Ix,
        talk: Ix,
    },
    DecisionOpened {
        decision: Ix,
        expires: Option<u32>,
    },
    Decided {
        decision: Ix,
        option: Ix,
        scripted: bool,
    },
    DecisionExpired {
        decision: Ix,
    },
    RuleFired {
        rule: Ix,
    },
    VarChanged {
        var: Ix,
        value: i64,
    },
    /// A scripted role cannot perform a script step (ever).
    ScriptSkipped {
        role: Ix,
        step: Ix,
        reason: String,
    },
    /// A script step's condition holds but its action is not possible
    /// yet; it is tried again after every action.
    ScriptWaiting {
        role: Ix,
        step: Ix,
        reason: String,
    },
    ClockAdvanced {
        tick: u32,
    },
    /// A role asked for consent.
    ConsentAsked {
        role: Ix,
        request: Ix,
    },
    /// A person answered a consent request (`answer`: which of the
    /// request's answers; `None`: no answer fitted, a refusal).
    ConsentAnswered {
        request: Ix,
        person: Ix,
        gives: bool,
        answer: Option<Ix>,
    },
    /// A meeting will sit at `at` (convened by a role, or by the case).
    Convened {
        by: Option<Ix>,
        channel: Ix,
        at: u32,
    },
    /// The settle loop hit its guard (a scenario bug; should not happen).
    LoopGuard,
    Ended {
        outcome: Ix,
    },
}

/// The distinct facts and the distinct recipients of a share, sorted.
pub fn share_parts(items: &[ShareItem]) -> (Vec<Ix>, Vec<Ix>) {
    let mut facts: Vec<Ix> = items.iter().map(|i| i.fact).collect();
    facts.sort_unstable();
    facts.dedup();
    let mut to: Vec<Ix> = items.iter().map(|i| i.to).collect();
    to.sort_unstable();
    to.dedup();
    (facts, to)
}

/// An event with the case time it happened at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timed {
    pub tick: u32,
    pub event: Event,
}

fn name<'a, T>(items: &'a [T], ix: Ix, f: impl Fn(&'a T) -> &'a str) -> &'a str {
    items.get(ix).map(f).unwrap_or("?")
}

/// One Dutch line describing `e`, as the transcript prints it.
#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
pub fn describe(c: &Compiled, e: &Event) -> String {
    let s = &c.scenario;
    let role = |r: Ix| c.role_name(r).to_string();
    let fact = |f: Ix| name(&s.facts, f, |x| x.id.as_str()).to_string();
    match e {
        Event::Delivered { inject } => {
            let i = s.injects.get(*inject);
            match i {
                Some(i) => format!(
                    "{} voor {}: \"{}\"{}",
                    i.kind.label(),
                    c.role_name(c.injects[*inject].to),
                    i.title,
                    if i.from.is_empty() {
                        String::new()
                    } else {
                        format!(" (van {})", i.from)
                    }
                ),
                None => "?".to_string(),
            }
        }
        Event::Learned {
            role: r,
            fact: f,
            via,
        } => {
            let how = match via {
                Via::Start => "bij de start".to_string(),
                Via::Inject(i) => format!("via \"{}\"", name(&s.injects, *i, |x| x.title.as_str())),
                Via::Share { from, channel } => format!(
                    "van {} via {}",
                    role(*from),
                    name(&s.channels, *channel, |x| x.name.as_str())
                ),
                Via::Talk(t) => format!("in gesprek `{}`", name(&s.talks, *t, |x| x.id.as_str())),
                Via::Effect => "door een ontwikkeling in de casus".to_string(),
            };
            format!("{} weet nu `{}` ({how})", role(*r), fact(*f))
        }
        Event::Flagged {
            role: r,
            fact: f,
            form,
        } => {
            format!(
                "{} markeert `{}` als signaal van {}",
                role(*r),
                fact(*f),
                form.label()
            )
        }
        Event::Shared {
            from,
            channel,
            ground,
            items,
        } => {
            let mut recipients: Vec<Ix> = items.iter().map(|i| i.to).collect();
            recipients.dedup();
            let mut facts: Vec<Ix> = items.iter().map(|i| i.fact).collect();
            facts.sort_unstable();
            facts.dedup();
            let verdicts: Vec<String> = items
                .iter()
                .map(|i| {
                    format!(
                        "`{}`→{}: {}",
                        fact(i.fact),
                        c.role_id(i.to),
                        i.verdict.label()
                    )
                })
                .collect();
            format!(
                "{} deelt {} met {} via {} op grond van {} [{}]",
                role(*from),
                crate::core::words::count(facts.len(), "gegeven", "gegevens"),
                recipients
                    .iter()
                    .map(|r| role(*r))
                    .collect::<Vec<_>>()
                    .join(", "),
                name(&s.channels, *channel, |x| x.name.as_str()),
                name(&s.grounds, *ground, |x| x.name.as_str()),
                verdicts.join("; ")
            )
        }
        Event::Consulted {
            role: r,
            consult,
            advice,
        } => {
            let k = s.consults.get(*consult);
            let text = match (k, advice) {
                (Some(k), Some(a)) => k.advice.get(*a).map(|a| a.text.as_str()).unwrap_or("?"),
                (Some(k), None) => k.default_advice.as_str(),
                _ => "?",
            };
            format!(
                "{} raadpleegt {}: \"{}\"",
                role(*r),
                k.map(|k| k.name.as_str()).unwrap_or("?"),
                text
            )
        }
        Event::Talked { role: r, talk } => format!(
            "{} voert gesprek `{}`: \"{}\"",
            role(*r),
            name(&s.talks, *talk, |x| x.id.as_str()),
            name(&s.talks, *talk, |x| x.text.as_str())
        ),
        Event::DecisionOpened { decision, expires } => {
            let d = s.decisions.get(*decision);
            let deadline = match expires {
                Some(t) => format!(" (beslissen vóór {})", c.time_label(*t)),
                None => String::new(),
            };
            format!(
                "Beslissing voor {}: \"{}\"{deadline}",
                c.decisions
                    .get(*decision)
                    .map(|cd| role(cd.role))
                    .unwrap_or_default(),
                d.map(|d| d.prompt.as_str()).unwrap_or("?")
            )
        }
        Event::Decided {
            decision,
            option,
            scripted,
        } => {
            let d = s.decisions.get(*decision);
            let o = d.and_then(|d| d.options.get(*option));
            format!(
                "{} kiest bij `{}`: \"{}\"{}",
                c.decisions
                    .get(*decision)
                    .map(|cd| role(cd.role))
                    .unwrap_or_default(),
                d.map(|d| d.id.as_str()).unwrap_or("?"),
                o.map(|o| o.text.as_str()).unwrap_or("?"),
                if *scripted {
                    " (gespeeld door script)"
                } else {
                    ""
                }
            )
        }
        Event::DecisionExpired { decision } => format!(
            "Termijn verstreken voor beslissing `{}`",
            name(&s.decisions, *decision, |x| x.id.as_str())
        ),
        Event::RuleFired { rule } => {
            format!(
                "Regel `{}` treedt in werking",
                name(&s.rules, *rule, |x| x.id.as_str())
            )
        }
        Event::VarChanged { var, value } => format!(
            "Variabele `{}` = {value}",
            name(&s.variables, *var, |x| x.id.as_str())
        ),
        Event::ScriptSkipped {
            role: r,
            step,
            reason,
        } => {
            format!(
                "Script van {} (stap {}) overgeslagen: {reason}",
                role(*r),
                step + 1
            )
        }
        Event::ScriptWaiting {
            role: r,
            step,
            reason,
        } => format!(
            "Script van {} (stap {}) wacht: {reason}",
            role(*r),
            step + 1
        ),
        Event::ClockAdvanced { tick } => format!("De klok gaat naar {}", c.time_label(*tick)),
        Event::ConsentAsked { role: r, request } => format!(
            "{} vraagt toestemming: \"{}\"",
            role(*r),
            name(&s.consents, *request, |x| x.text.as_str())
        ),
        Event::ConsentAnswered {
            request,
            person,
            gives,
            answer,
        } => {
            let text = consent_answer_text(c, *request, *answer).unwrap_or("(geen antwoord)");
            format!(
                "{} {} toestemming (`{}`): \"{text}\"",
                name(&s.subjects, *person, |x| x.name.as_str()),
                if *gives { "geeft" } else { "weigert" },
                name(&s.consents, *request, |x| x.id.as_str()),
            )
        }
        Event::Convened { by, channel, at } => format!(
            "{} komt bijeen op {}{}",
            name(&s.channels, *channel, |x| x.name.as_str()),
            c.time_label(*at),
            match by {
                Some(r) => format!(" (op verzoek van {})", role(*r)),
                None => String::new(),
            }
        ),
        Event::LoopGuard => "Regels blijven elkaar activeren; de verwerking is gestopt".to_string(),
        Event::Ended { outcome } => format!(
            "Einde van de casus: {}",
            name(&s.outcomes, *outcome, |x| x.title.as_str())
        ),
    }
}

/// What a person said in answer to a consent request (`None`: no answer
/// fitted, a refusal without words).
pub fn consent_answer_text(c: &Compiled, request: Ix, answer: Option<Ix>) -> Option<&str> {
    let r = c.scenario.consents.get(request)?;
    Some(r.answers.get(answer?)?.text.as_str())
}

/// How a role came to know a fact, in Dutch, for the dossier and the
/// debrief.
pub fn via_label(c: &Compiled, via: &Via) -> String {
    let s = &c.scenario;
    match via {
        Via::Start => "bekend bij de start".to_string(),
        Via::Inject(i) => match s.injects.get(*i) {
            Some(i) => format!("{}: {}", i.kind.label(), i.title),
            None => "bericht".to_string(),
        },
        Via::Share { from, channel } => format!(
            "van {} via {}",
            c.role_name(*from),
            s.channels
                .get(*channel)
                .map(|x| x.name.as_str())
                .unwrap_or("?")
        ),
        Via::Talk(_) => "uit een gesprek".to_string(),
        Via::Effect => "door een ontwikkeling in de casus".to_string(),
    }
}
