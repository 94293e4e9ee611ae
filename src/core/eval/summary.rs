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
        Some(o) => format!("De casus eindigde {}: {}.", o.kind_label, o.title),
        None => "De casus is niet afgerond.".to_string(),
    };
    let score = match pct {
        Some(p) => format!(
            " Je behaalde {} van de {} punten ({p}%).",
            d.total_earned.max(0),
            d.total_max
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
            "Je herkende {flagged} van de {} signalen.",
            d.signals.len()
        ));
    }

    // Points to improve: the first turning point for the worse, then the
    // items that lost the most points.
    let mut improvements = Vec::new();
    if let Some(tp) = turning
        .iter()
        .find(|t| t.direction == "worse" && t.role == d.role)
    {
        improvements.push(format!(
            "Keerpunt ({}): {}. Daarna was \u{201c}{}\u{201d} niet meer haalbaar.",
            tp.at.label, tp.text, tp.before_title
        ));
    }
    let missed_signals: Vec<&SignalRow> = d
        .signals
        .iter()
        .filter(|s| s.scored && s.status != SignalStatus::Flagged)
        .collect();
    let mut losses: Vec<(i32, String)> = Vec::new();
    if missed_signals.len() >= 2 {
        losses.push((
            missed_signals.len() as i32,
            format!(
                "Signalering: {} signalen niet (goed) gemarkeerd, o.a. \u{201c}{}\u{201d}. Signalen stapelen: samen vormen ze het beeld (meldcode stap 1).",
                missed_signals.len(),
                missed_signals[0].text
            ),
        ));
    }
    for it in &d.items {
        let lost = it.possible - it.earned;
        if lost <= 0 || it.kind == ItemKind::Signal {
            continue;
        }
        let reference = if it.reference.is_empty() {
            String::new()
        } else {
            format!(" ({})", it.reference)
        };
        losses.push((lost, format!("{}. {}{reference}", it.text, it.reason)));
    }
    // Biggest loss first; the same text (one decision scoring on several
    // competencies) counts once with its summed loss.
    let mut merged: Vec<(i32, String)> = Vec::new();
    for (lost, text) in losses {
        match merged.iter_mut().find(|(_, t)| *t == text) {
            Some(m) => m.0 += lost,
            None => merged.push((lost, text)),
        }
    }
    merged.sort_by_key(|m| std::cmp::Reverse(m.0));
    for (_, text) in merged {
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

fn praise(competency: &str) -> &'static str {
    match competency {
        "signalering" => "Je zag de signalen en markeerde ze.",
        "rechtmatig_delen" => "Je deelde op de juiste grondslag en via het juiste kanaal.",
        "proportionaliteit" => "Je deelde niet meer dan nodig.",
        "samenwerking" => "Je betrok de juiste partners op het juiste moment.",
        "tijdigheid" => "Je handelde op tijd.",
        "slachtoffergerichtheid" => "Je hield het belang en de rechten van het slachtoffer voorop.",
        _ => "Sterk onderdeel.",
    }
}
