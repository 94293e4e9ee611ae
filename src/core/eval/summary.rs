//! The 30-second summary in plain Dutch: how it ended, the strongest
//! competencies, and the biggest points to improve, each with its reason.

use super::model::*;

/// How many strengths and points to improve the summary names.
const TOP: usize = 3;

pub fn summarise(
    d: &RoleDebrief,
    outcome: &Option<OutcomeInfo>,
    turning: &[TurningPoint],
) -> Summary {
    let pct = super::build::percent(d.total_earned, d.total_max);
    let ending = match outcome {
        // "Gedeeltelijk: …" titles already say how it ended.
        Some(o)
            if o.title
                .to_lowercase()
                .starts_with(&o.kind_label.to_lowercase()) =>
        {
            format!("De casus eindigde zo: {}.", o.title)
        }
        Some(o) => format!("De casus eindigde {}: {}.", o.kind_label, o.title),
        None => "De casus is niet afgerond.".to_string(),
    };
    let score = match pct {
        Some(p) if d.total_earned >= 0 => format!(
            " U behaalde {} van de {} punten ({p}%).",
            d.total_earned, d.total_max
        ),
        Some(_) => format!(
            " U scoorde {} punten van de {} mogelijke: fouten kostten meer punten dan u verdiende.",
            d.total_earned, d.total_max
        ),
        None => String::new(),
    };
    let headline = format!("{ending}{score}");

    // Strengths: competencies at 75% or more, best first.
    let mut strong: Vec<&CompetencyScore> = d
        .scores
        .iter()
        .filter(|s| s.percent.is_some_and(|p| p >= 75))
        .collect();
    strong.sort_by(|a, b| b.percent.cmp(&a.percent).then(b.max.cmp(&a.max)));
    let mut strengths: Vec<String> = strong
        .iter()
        .take(TOP)
        .map(|s| {
            format!(
                "{}: {} van {} punten. {}",
                s.label,
                s.earned.max(0),
                s.max,
                praise(&s.id)
            )
        })
        .collect();
    let flagged = d
        .signals
        .iter()
        .filter(|s| s.status == SignalStatus::Flagged)
        .count();
    if strengths.is_empty() && flagged > 0 {
        strengths.push(format!(
            "U herkende {flagged} van de {} signalen.",
            d.signals.len()
        ));
    }

    // Points to improve: the first turning point for the worse, then the
    // items that lost the most points.
    let mut improvements = Vec::new();
    let turning_point = turning
        .iter()
        .find(|t| t.direction == "worse" && t.role == d.role);
    if let Some(tp) = turning_point {
        improvements.push(format!(
            "Keerpunt ({}): {}. Daarna was \u{201c}{}\u{201d} niet meer haalbaar.",
            tp.at.label,
            sentence(&tp.text),
            tp.before_title
        ));
    }
    // Lost points grouped per mistake: one decision scoring on several
    // competencies, or one share action with several facts, is one point
    // to improve with its summed loss.
    let mut losses: Vec<(i32, String, String)> = Vec::new();
    let missed_signals: Vec<&SignalRow> = d
        .signals
        .iter()
        .filter(|s| s.scored && s.status != SignalStatus::Flagged)
        .collect();
    if !missed_signals.is_empty() {
        // Many missed signals are one lesson; weigh it like a mistake of
        // at most 4 points so it does not hide the others.
        losses.push((
            (missed_signals.len() as i32).min(4),
            "signals".to_string(),
            {
                let scored = d.signals.iter().filter(|s| s.scored).count();
                if missed_signals.len() == scored {
                    format!(
                        "Signalering: u markeerde geen van de {scored} signalen, ook niet \u{201c}{}\u{201d}. Signalen stapelen: samen vormen ze het beeld (meldcode stap 1).",
                        sentence(&missed_signals[0].text)
                    )
                } else {
                    format!(
                        "Signalering: {} van de {scored} signalen niet (goed) gemarkeerd, o.a. \u{201c}{}\u{201d}. Signalen stapelen: samen vormen ze het beeld (meldcode stap 1).",
                        missed_signals.len(),
                        sentence(&missed_signals[0].text)
                    )
                }
            },
        ));
    }
    for it in &d.items {
        let lost = it.possible - it.earned;
        // Signals are summed up above; a decision that never came is a
        // consequence of an earlier choice, not a mistake of its own; the
        // turning point's action is already named.
        let consequence = it.kind == ItemKind::Decision && it.action.is_none();
        let named = turning_point.is_some_and(|tp| it.action == Some(tp.action));
        if lost <= 0 || it.kind == ItemKind::Signal || consequence || named {
            continue;
        }
        // A lawful disclosure on the wrong ground is its own category,
        // apart from an unlawful one under the same competency.
        let wrong_ground = it.kind == ItemKind::Share && is_wrong_ground(&it.text);
        let key = match it.kind {
            ItemKind::Share => format!("share:{:?}:{}:{wrong_ground}", it.action, it.competency),
            _ => format!("{:?}:{}", it.kind, it.subject),
        };
        let reference = if it.reference.is_empty() {
            String::new()
        } else {
            format!(" ({})", it.reference)
        };
        match losses.iter_mut().find(|(_, k, _)| *k == key) {
            Some(entry) => {
                entry.0 += lost;
            }
            None => {
                let text = match it.kind {
                    ItemKind::Share => {
                        let facts: Vec<&str> = d
                            .items
                            .iter()
                            .filter(|x| {
                                x.kind == ItemKind::Share
                                    && x.action == it.action
                                    && x.competency == it.competency
                                    && is_wrong_ground(&x.text) == wrong_ground
                            })
                            .map(|x| x.subject.as_str())
                            .collect();
                        let what = if facts.len() > 1 {
                            format!("{} gegevens gedeeld", facts.len())
                        } else {
                            sentence(&it.text)
                        };
                        format!(
                            "{}{}: {}. {}{reference}",
                            if it.competency == "proportionaliteit" {
                                "Meer dan nodig gedeeld"
                            } else if wrong_ground {
                                "Rechtmatig gedeeld, maar op de verkeerde grondslag vastgelegd"
                            } else {
                                "Onrechtmatig gedeeld"
                            },
                            it.action
                                .map(|a| format!(" (actie {a})"))
                                .unwrap_or_default(),
                            what,
                            it.reason
                        )
                    }
                    ItemKind::Expectation => {
                        let missing = d
                            .expectations
                            .iter()
                            .find(|e| e.id == it.subject && !e.met)
                            .filter(|e| !e.missing.is_empty())
                            .map(|e| format!(" (wat niet klopte: {})", e.missing.join("; ")))
                            .unwrap_or_default();
                        format!(
                            "Niet gedaan: {}{missing}. {}{reference}",
                            sentence(&it.text),
                            it.reason
                        )
                    }
                    _ => format!("{}. {}{reference}", sentence(&it.text), it.reason),
                };
                losses.push((lost, key, text));
            }
        }
    }
    // Biggest loss first; equal losses keep their order (time).
    losses.sort_by_key(|m| std::cmp::Reverse(m.0));
    for (_, _, text) in losses {
        if improvements.len() >= TOP {
            break;
        }
        improvements.push(text);
    }

    Summary {
        headline,
        strengths,
        improvements,
    }
}

/// Whether a share item is about a disclosure that was lawful on another
/// ground than the one named (the build ends its text with the verdict's
/// label).
fn is_wrong_ground(text: &str) -> bool {
    text.ends_with(crate::core::scenario::model::Verdict::WrongGround.label())
}

/// `text` without a trailing full stop, to continue the sentence.
fn sentence(text: &str) -> String {
    text.trim_end().trim_end_matches('.').to_string()
}

fn praise(competency: &str) -> &'static str {
    match competency {
        "signalering" => "U zag de signalen en markeerde ze.",
        "rechtmatig_delen" => "U deelde op de juiste grondslag en via het juiste kanaal.",
        "proportionaliteit" => "U deelde niet meer dan nodig.",
        "samenwerking" => "U betrok de juiste partners op het juiste moment.",
        "tijdigheid" => "U handelde op tijd.",
        "slachtoffergerichtheid" => "U hield het belang en de rechten van het slachtoffer voorop.",
        _ => "Sterk onderdeel.",
    }
}
