//! A plain-text transcript of a session: one line per event, with the
//! case time. Deterministic, so it can be compared byte for byte.

use super::event::{Event, Timed, describe};
use crate::core::scenario::compiled::Compiled;

/// Renders `events` as transcript lines.
pub fn render(c: &Compiled, events: &[Timed]) -> String {
    let mut out = String::new();
    for t in events {
        let line = match &t.event {
            Event::ScriptWaiting { role, step, reason } => waiting(c, *role, *step, reason),
            other => describe(c, other),
        };
        out.push_str(&format!("[{}] {line}\n", c.time_label(t.tick)));
    }
    out
}

/// A waiting script step in one language: Dutch like the rest of the
/// transcript when the reason (the engine's English refusal) has a Dutch
/// form, else the whole line in English.
fn waiting(c: &Compiled, role: usize, step: usize, reason: &str) -> String {
    let name = c.role_name(role);
    match waiting_reason_nl(reason) {
        Some(nl) => format!("Script van {name} (stap {}) wacht: {nl}", step + 1),
        None => format!("Script of {name} (step {}) waits: {reason}", step + 1),
    }
}

/// The refusals a script step can wait on (the English text of
/// `ActionError`, with `{}` for its values) and their Dutch form for an
/// author reading the transcript.
const WAITING: [(&str, &str); 13] = [
    (
        "role `{}` does not know fact `{}`",
        "`{}` kent gegeven `{}` nog niet",
    ),
    (
        "fact `{}` is already flagged with this form",
        "gegeven `{}` is al met deze vorm gemarkeerd",
    ),
    (
        "nothing to share: choose at least one fact",
        "de stap deelt geen gegevens",
    ),
    (
        "choose at least one recipient",
        "de stap noemt geen ontvanger (`to`)",
    ),
    (
        "`{}` cannot receive through this channel",
        "`{}` is via dit kanaal niet bereikbaar",
    ),
    (
        "a role cannot share with itself",
        "een rol kan niet met zichzelf delen",
    ),
    (
        "in a meeting everyone present hears it: leave `to` empty",
        "in een overleg hoort iedereen die aanwezig is het; laat `to` leeg",
    ),
    (
        "role `{}` cannot use `{}`",
        "`{}` kan `{}` nu niet gebruiken",
    ),
    (
        "decision `{}` is not open for this role",
        "beslissing `{}` staat niet open voor deze rol",
    ),
    (
        "meeting `{}` is not in session now (next sitting: {})",
        "overleg `{}` zit nu niet (volgende zitting: {})",
    ),
    (
        "role `{}` cannot convene meeting `{}`",
        "`{}` kan overleg `{}` niet bijeenroepen",
    ),
    (
        "consent request `{}` was asked already",
        "toestemmingsverzoek `{}` is al gevraagd",
    ),
    ("the case has ended", "de casus is afgelopen"),
];

/// The Dutch form of a script step's waiting reason, if it is one of
/// [`WAITING`].
pub fn waiting_reason_nl(reason: &str) -> Option<String> {
    WAITING.iter().find_map(|(en, nl)| {
        let values = matches(en, reason)?;
        let mut out = String::new();
        let mut values = values.into_iter();
        let mut pieces = nl.split("{}").peekable();
        while let Some(piece) = pieces.next() {
            out.push_str(piece);
            if pieces.peek().is_some() {
                out.push_str(&values.next()?);
            }
        }
        Some(out)
    })
}

/// The values of `{}` when `text` has the form of `template`.
fn matches(template: &str, text: &str) -> Option<Vec<String>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let mut rest = text.strip_prefix(pieces[0])?;
    let mut values = Vec::new();
    for (k, piece) in pieces.iter().enumerate().skip(1) {
        let end = if k + 1 == pieces.len() {
            if piece.is_empty() {
                rest.len()
            } else {
                rest.strip_suffix(piece)?.len()
            }
        } else {
            rest.find(piece)?
        };
        values.push(rest[..end].to_string());
        rest = &rest[end + piece.len()..];
    }
    rest.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::ActionError;

    /// Whether `check` can refuse a script step with `e` (the refusals
    /// [`WAITING`] must translate). No `_` arm: a new refusal must be
    /// sorted here.
    fn can_wait_on(e: &ActionError) -> bool {
        match e {
            ActionError::UnknownFact { .. }
            | ActionError::AlreadyFlagged(_)
            | ActionError::NoFacts
            | ActionError::NoRecipient
            | ActionError::NotAMember(_)
            | ActionError::SelfShare
            | ActionError::MeetingRecipients
            | ActionError::NotAvailable { .. }
            | ActionError::DecisionNotOpen(_)
            | ActionError::NotInSession { .. }
            | ActionError::CannotConvene { .. }
            | ActionError::AlreadyAsked(_)
            | ActionError::Ended => true,
            ActionError::NotPlayed(_)
            | ActionError::NotPlayable(_)
            | ActionError::Unknown { .. }
            | ActionError::Paused
            | ActionError::NoTrainer
            | ActionError::Scripted(_)
            | ActionError::NotOptional(_)
            | ActionError::AlreadyDelivered(_)
            | ActionError::NotYet(_)
            | ActionError::NotManual(_)
            | ActionError::ClockMismatch { .. }
            | ActionError::WrongScenario { .. }
            | ActionError::Forbidden { .. } => false,
        }
    }

    fn samples() -> Vec<ActionError> {
        let s = |x: &str| x.to_string();
        vec![
            ActionError::Ended,
            ActionError::NotPlayed(s("r_x")),
            ActionError::NotPlayable(s("r_x")),
            ActionError::Unknown {
                kind: "fact",
                id: s("f_x"),
            },
            ActionError::UnknownFact {
                role: s("politie"),
                fact: s("f_adres"),
            },
            ActionError::AlreadyFlagged(s("f_adres")),
            ActionError::NoFacts,
            ActionError::NoRecipient,
            ActionError::NotAMember(s("riec")),
            ActionError::SelfShare,
            ActionError::MeetingRecipients,
            ActionError::NotAvailable {
                role: s("politie"),
                what: s("t_gesprek"),
            },
            ActionError::DecisionNotOpen(s("d_route")),
            ActionError::NotInSession {
                channel: s("riec_overleg"),
                next: s("Dag 2, ochtend"),
            },
            ActionError::CannotConvene {
                role: s("politie"),
                channel: s("zvh"),
            },
            ActionError::AlreadyAsked(s("c_sem")),
            ActionError::Paused,
            ActionError::NoTrainer,
            ActionError::Scripted(s("politie")),
            ActionError::NotOptional(s("i_x")),
            ActionError::AlreadyDelivered(s("i_x")),
            ActionError::NotYet(s("i_x")),
            ActionError::NotManual(s("e_x")),
            ActionError::ClockMismatch {
                logged: 1,
                actual: 2,
            },
            ActionError::WrongScenario {
                log: s("a"),
                log_hash: s("1"),
                scenario: s("b"),
                hash: s("2"),
            },
            ActionError::Forbidden {
                who: s("gemeente"),
                what: "trainer_command",
            },
        ]
    }

    #[test]
    fn every_refusal_a_step_can_wait_on_reads_in_dutch_with_its_ids() {
        let all = samples();
        assert_eq!(all.len(), 26, "one sample per variant");
        for e in &all {
            let english = e.to_string();
            let dutch = waiting_reason_nl(&english);
            assert_eq!(dutch.is_some(), can_wait_on(e), "{english} -> {dutch:?}");
            if let Some(nl) = dutch {
                // Every id of the English text is in the Dutch one.
                for id in english.split('`').skip(1).step_by(2) {
                    if id != "to" {
                        assert!(nl.contains(id), "{english} -> {nl}");
                    }
                }
                assert_ne!(nl, english);
            }
        }
        assert_eq!(
            waiting_reason_nl("meeting `riec` is not in session now (next sitting: geen gepland)")
                .as_deref(),
            Some("overleg `riec` zit nu niet (volgende zitting: geen gepland)")
        );
        assert_eq!(waiting_reason_nl("something else"), None);
    }

    #[test]
    fn a_template_matches_only_its_own_form() {
        assert_eq!(
            matches("role `{}` cannot use `{}`", "role `a` cannot use `b`"),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(
            matches("role `{}` cannot use `{}`", "role `a` cannot"),
            None
        );
        assert_eq!(matches("the case has ended", "the case has ended."), None);
    }
}
