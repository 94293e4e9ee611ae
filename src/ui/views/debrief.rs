//! The debrief screen: the structured evaluation of the session — summary,
//! a chart of the competency scores, signal timeline, sharing matrix,
//! decisions, turning points and the evidence for every point — with
//! export and replay. The scenario's learning goals are shown here (not on
//! the start card or in the briefing: they name the answers).

use super::chart::chart_ui;
use super::egui;
use super::theme;
use crate::core::eval::chart::Chart;
use crate::core::eval::{Debrief, DecisionStatus, ExpectationRow, RoleDebrief, SignalStatus};

#[derive(Debug, Clone, PartialEq)]
pub enum DebriefAction {
    ExportHtml,
    ExportJson,
    /// Play the same case again (same scenario, role and seed).
    Replay,
    ToStart,
}

/// What the debrief screen remembers between frames.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DebriefUiState {
    /// The last export's result, shown under the buttons.
    pub message: Option<String>,
    /// Each role's signal chart, built once with the debrief.
    pub charts: Vec<Chart>,
}

impl DebriefUiState {
    /// The state of a new debrief (its charts built now, not per frame).
    pub fn new(d: &Debrief) -> DebriefUiState {
        DebriefUiState {
            message: None,
            charts: d.roles.iter().map(|r| Chart::of_role(d, r)).collect(),
        }
    }
}

pub fn debrief_ui(ui: &mut egui::Ui, d: &Debrief, state: &DebriefUiState) -> Option<DebriefAction> {
    let mut action = None;
    // Lines longer than this are hard to read on a wide screen.
    ui.set_max_width(super::READING_WIDTH);
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("Nabespreking: {}", d.scenario.title));
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button("Verslag opslaan (HTML)").clicked() {
            action = Some(DebriefAction::ExportHtml);
        }
        if ui.button("Gegevens opslaan (JSON)").clicked() {
            action = Some(DebriefAction::ExportJson);
        }
        if ui.button("Opnieuw spelen").clicked() {
            action = Some(DebriefAction::Replay);
        }
        if ui.button("Naar het begin").clicked() {
            action = Some(DebriefAction::ToStart);
        }
    });
    if let Some(msg) = &state.message {
        ui.label(msg);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("debrief")
        .show(ui, |ui| {
            match &d.outcome {
                Some(o) => {
                    ui.label(
                        egui::RichText::new(format!("Uitkomst ({}): {}", o.kind_label, o.title))
                            .strong()
                            .size(18.0)
                            .color(match o.kind.as_str() {
                                "good" => theme::good(ui),
                                "bad" => theme::bad(ui),
                                _ => theme::warn(ui),
                            }),
                    );
                    ui.label(&o.text);
                }
                None => {
                    ui.label(egui::RichText::new("De casus is niet afgerond.").strong());
                }
            }
            if let Some(e) = &d.expert_outcome {
                ui.small(format!("Op het expertpad: {} ({})", e.title, e.kind_label));
            }
            learning_goals_ui(ui, &d.scenario.learning_goals, true);
            for (i, r) in d.roles.iter().enumerate() {
                ui.add_space(10.0);
                let built;
                let chart = match state.charts.get(i) {
                    Some(c) => c,
                    None => {
                        built = Chart::of_role(d, r);
                        &built
                    }
                };
                role_ui(ui, d, r, chart);
            }
        });
    action
}

#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
fn role_ui(ui: &mut egui::Ui, d: &Debrief, r: &RoleDebrief, chart: &Chart) {
    ui.heading(format!("{} — {}", r.name, r.organisation));
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong("In het kort");
        ui.label(&r.summary.headline);
        if !r.summary.strengths.is_empty() {
            ui.label(
                egui::RichText::new("Sterke punten")
                    .color(theme::good(ui))
                    .strong(),
            );
            for s in &r.summary.strengths {
                ui.label(format!("• {s}"));
            }
        }
        if !r.summary.improvements.is_empty() {
            ui.label(
                egui::RichText::new("Verbeterpunten")
                    .color(theme::bad(ui))
                    .strong(),
            );
            for s in &r.summary.improvements {
                ui.label(format!("• {s}"));
            }
        }
    });

    ui.add_space(6.0);
    ui.strong("Scores per competentie");
    score_chart_ui(ui, r);

    let turning: Vec<_> = d
        .turning_points
        .iter()
        .filter(|t| t.role == r.role)
        .collect();
    egui::CollapsingHeader::new(format!("Keerpunten ({})", turning.len()))
        .id_salt(("turning", &r.role))
        .default_open(!turning.is_empty())
        .show(ui, |ui| {
            if turning.is_empty() {
                ui.label(
                    "Geen enkele actie van deze rol veranderde de uitkomst die nog haalbaar was.",
                );
            }
            for t in turning {
                ui.label(
                    egui::RichText::new(format!("{} (actie {})", t.at.label, t.action)).strong(),
                );
                ui.label(&t.text);
                ui.label(format!(
                    "Daarna haalbaar: {} (was: {})",
                    t.after_title, t.before_title
                ));
                if let Some(e) = &t.expert_instead {
                    ui.small(format!("Het expertpad deed hier: {e}"));
                }
                ui.add_space(4.0);
            }
        });

    if !chart.rows.is_empty() {
        ui.add_space(6.0);
        ui.strong("Uw signalen in de tijd, naast het expertpad");
        ui.small(&chart.summary);
        chart_ui(ui, chart);
    }
    egui::CollapsingHeader::new(format!("Signalen ({})", r.signals.len()))
        .id_salt(("signals", &r.role))
        .default_open(true)
        .show(ui, |ui| {
            for s in &r.signals {
                let (text, colour) = match s.status {
                    SignalStatus::Flagged => ("Gemarkeerd", theme::good(ui)),
                    SignalStatus::WrongForm => ("Verkeerde vorm", theme::warn(ui)),
                    SignalStatus::Missed => ("Gemist", theme::bad(ui)),
                    SignalStatus::NotSeen => ("Niet gezien", theme::warn(ui)),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(text).color(colour).strong());
                    ui.label(&s.text);
                });
                let seen = match (&s.visible_at, &s.expert_visible_at) {
                    (Some(m), _) => match &s.visible_via {
                        Some(via) if !via.is_empty() => format!("zichtbaar {} ({via})", m.label),
                        _ => format!("zichtbaar {}", m.label),
                    },
                    (None, Some(m)) => format!("niet bereikt (op het expertpad: {})", m.label),
                    (None, None) => "niet bereikt".to_string(),
                };
                let flagged = match (&s.flagged_at, &s.flagged_form) {
                    (Some(m), Some(f)) => format!("gemarkeerd {} als {f}", m.label),
                    _ => "niet gemarkeerd".to_string(),
                };
                ui.small(format!(
                    "{} · gewicht {} · {seen} · {flagged}",
                    s.form, s.weight
                ));
                ui.add_space(2.0);
            }
            if !r.false_flags.is_empty() {
                ui.strong("Onterecht als signaal gemarkeerd");
                for f in &r.false_flags {
                    ui.label(format!("• {} ({}, {})", f.text, f.form, f.at.label));
                }
            }
        });

    if !r.vulnerabilities.is_empty() {
        egui::CollapsingHeader::new(format!("Kwetsbaarheden ({})", r.vulnerabilities.len()))
            .id_salt(("vulnerabilities", &r.role))
            .default_open(r.vulnerabilities.iter().any(|v| v.flagged))
            .show(ui, |ui| {
                ui.small("Deze gegevens maken iemand vatbaar voor uitbuiting, maar wijzen er zelf niet op: herken ze als context en weeg ze mee, zonder ze als signaal te markeren.");
                for v in &r.vulnerabilities {
                    ui.horizontal_wrapped(|ui| {
                        if v.flagged {
                            ui.label(
                                egui::RichText::new("Als signaal gemarkeerd")
                                    .color(theme::warn(ui))
                                    .strong(),
                            );
                        }
                        ui.label(&v.text);
                    });
                    ui.small(format!("zichtbaar {}", v.visible_at.label));
                }
            });
    }

    egui::CollapsingHeader::new(format!("Informatiedeling ({})", r.shares.len()))
        .id_salt(("shares", &r.role))
        .default_open(true)
        .show(ui, |ui| {
            if r.shares.is_empty() {
                ui.label("Deze rol heeft geen gegevens gedeeld.");
            }
            for s in &r.shares {
                ui.horizontal_wrapped(|ui| {
                    let colour = theme::verdict(ui, &s.verdict);
                    ui.label(egui::RichText::new(&s.verdict_label).strong().color(colour));
                    ui.label(format!(
                        "{}: \u{201c}{}\u{201d} aan {} via {} op grond van {}",
                        s.at.label, s.fact_text, s.to_name, s.channel, s.ground
                    ));
                });
                ui.small(format!("{} ({})", s.reason, s.reference));
            }
            let missed: Vec<_> = r.missed_shares().collect();
            if !missed.is_empty() {
                ui.add_space(4.0);
                ui.strong("Had gedeeld moeten worden");
                for e in missed {
                    ui.label(format!("• {}", e.text));
                    missing_ui(ui, e);
                    ui.small(format!("{} ({})", e.feedback, e.reference));
                }
            }
        });

    egui::CollapsingHeader::new(format!("Ontvangen van partners ({})", r.received.len()))
        .id_salt(("received", &r.role))
        .default_open(false)
        .show(ui, |ui| {
            if r.received.is_empty() {
                ui.label("Deze rol ontving geen gegevens van anderen.");
            }
            for x in &r.received {
                ui.label(format!("{}: \u{201c}{}\u{201d}", x.at.label, x.text));
                ui.small(&x.via);
            }
        });

    let met = r.expectations.iter().filter(|e| e.met).count();
    egui::CollapsingHeader::new(format!(
        "Verwachtingen ({met} van {} gehaald)",
        r.expectations.len()
    ))
    .id_salt(("expectations", &r.role))
    .default_open(met < r.expectations.len())
    .show(ui, |ui| {
        if r.expectations.is_empty() {
            ui.label("Het scenario heeft voor deze rol geen verwachtingen.");
        }
        for e in &r.expectations {
            ui.horizontal_wrapped(|ui| {
                let (text, colour) = match (e.met, e.in_time) {
                    (true, Some(false)) => ("Gehaald, te laat", theme::warn(ui)),
                    (true, _) => ("Gehaald", theme::good(ui)),
                    (false, _) => ("Niet gehaald", theme::bad(ui)),
                };
                ui.label(egui::RichText::new(text).color(colour).strong());
                ui.label(&e.text);
            });
            missing_ui(ui, e);
            if !e.met {
                ui.small(format!("{} ({})", e.feedback, e.reference));
            }
            ui.add_space(2.0);
        }
    });

    egui::CollapsingHeader::new(format!("Beslissingen ({})", r.decisions.len()))
        .id_salt(("decisions", &r.role))
        .default_open(true)
        .show(ui, |ui| {
            for x in &r.decisions {
                ui.label(egui::RichText::new(&x.prompt).strong());
                let status = match x.status {
                    DecisionStatus::Decided if x.chose_expert => "Besloten: de expertkeuze",
                    DecisionStatus::Decided => "Besloten: een andere keuze dan het expertpad",
                    DecisionStatus::Expired => "Verlopen zonder besluit",
                    DecisionStatus::Open => "Nog open",
                    DecisionStatus::NotOpened => "Niet aan de orde gekomen",
                };
                ui.label(status);
                if let Some(c) = &x.chosen {
                    ui.label(format!("Gekozen: {}", c.text));
                    ui.small(format!("{} ({})", c.feedback, c.reference));
                }
                if !x.chose_expert
                    && let Some(e) = &x.expert
                {
                    ui.label(format!("Expertkeuze: {}", e.text));
                    ui.small(format!("{} ({})", e.feedback, e.reference));
                }
                ui.add_space(4.0);
            }
        });

    egui::CollapsingHeader::new("Verantwoording van de punten")
        .id_salt(("items", &r.role))
        .default_open(false)
        .show(ui, |ui| {
            for it in &r.items {
                // The competency as the trainee reads it, not its key.
                let competency = r
                    .scores
                    .iter()
                    .find(|s| s.id == it.competency)
                    .map_or(it.competency.as_str(), |s| s.label.as_str());
                let action = it
                    .action
                    .map(|a| format!("actie {a}"))
                    .unwrap_or_else(|| "niet gedaan".to_string());
                ui.label(format!(
                    "{} {}/{} · {} · {}",
                    competency, it.earned, it.possible, action, it.text
                ));
                ui.small(format!("{} ({})", it.reason, it.reference));
            }
        });
}

/// The scenario's learning goals, under their own heading (the single
/// and the group debrief).
pub fn learning_goals_ui(ui: &mut egui::Ui, goals: &[String], open: bool) {
    if goals.is_empty() {
        return;
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(
        egui::RichText::new(LEARNING_GOALS_HEADING)
            .strong()
            .size(17.0),
    )
    .id_salt("learning-goals")
    .default_open(open)
    .show(ui, |ui| {
        ui.small("Waar deze casus over gaat; leg uw eigen keuzes ernaast.");
        for g in goals {
            ui.label(format!("• {g}"));
        }
    });
}

/// The heading of the learning goals in the debrief.
pub const LEARNING_GOALS_HEADING: &str = "Leerdoelen van deze casus";

/// The parts of a composite expectation that were not met.
fn missing_ui(ui: &mut egui::Ui, e: &ExpectationRow) {
    if e.missing.is_empty() {
        return;
    }
    ui.label("Wat niet klopte:");
    for m in &e.missing {
        ui.label(format!("   – {m}"));
    }
}

/// A horizontal bar per competency, painted, with the numbers as text.
fn score_chart_ui(ui: &mut egui::Ui, r: &RoleDebrief) {
    let bar_colour = if ui.visuals().dark_mode {
        egui::Color32::from_rgb(110, 170, 255)
    } else {
        egui::Color32::from_rgb(40, 90, 150)
    };
    let track = ui.visuals().faint_bg_color;
    egui::Grid::new(("scores", &r.role))
        .num_columns(3)
        .show(ui, |ui| {
            for s in &r.scores {
                ui.label(&s.label);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(260.0, 16.0), egui::Sense::hover());
                let painter = ui.painter_at(rect);
                painter.rect_filled(rect, 3.0, track);
                painter.rect_stroke(
                    rect,
                    3.0,
                    egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
                    egui::StrokeKind::Inside,
                );
                if let Some(p) = s.percent {
                    let mut filled = rect;
                    filled.set_width(rect.width() * p as f32 / 100.0);
                    painter.rect_filled(filled, 3.0, bar_colour);
                }
                ui.label(match s.percent {
                    Some(p) => format!("{p}% · {} van {}", s.earned, s.max),
                    None => "n.v.t.".to_string(),
                });
                ui.end_row();
            }
        });
    ui.label(format!(
        "Totaal: {} van {} punten",
        r.total_earned, r.total_max
    ));
}
