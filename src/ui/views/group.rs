//! The group debrief of a training day: each role's scores side by side,
//! the chain timeline (when each signal reached the chain and was flagged,
//! when the whole picture was first held by a role that could act, against
//! the expert path), the case's learning goals, the trainer's observations at their moments, the
//! turning points and the questions for the casuïstiekbespreking.

use super::chart::chart_ui;
use super::egui;
use super::theme;
use crate::core::eval::chart::Chart;
use crate::core::eval::group::{GroupDebrief, Held};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAction {
    ExportHtml,
    ExportCsv,
    ToStart,
}

/// Messages shown after an export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupUiState {
    pub message: Option<String>,
    /// The chain timeline's chart, built once with the debrief.
    pub chart: Option<Chart>,
}

impl GroupUiState {
    /// The state of a new group debrief (its chart built now, not per
    /// frame).
    pub fn new(g: &GroupDebrief) -> GroupUiState {
        GroupUiState {
            message: None,
            chart: Some(Chart::of_group(g)),
        }
    }
}

fn held_text(h: &Option<Held>) -> String {
    match h {
        Some(h) => {
            let who: Vec<&str> = h.by.iter().map(|r| r.name.as_str()).collect();
            if who.is_empty() {
                h.at.label.clone()
            } else {
                format!("{} ({})", h.at.label, who.join(", "))
            }
        }
        None => "nooit".to_string(),
    }
}

pub fn group_debrief_ui(
    ui: &mut egui::Ui,
    g: &GroupDebrief,
    state: &GroupUiState,
) -> Option<GroupAction> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("Groepsnabespreking — {}", g.scenario.title));
        if ui.button("Verslag opslaan (HTML)").clicked() {
            action = Some(GroupAction::ExportHtml);
        }
        if ui.button("Scores opslaan (CSV)").clicked() {
            action = Some(GroupAction::ExportCsv);
        }
        if ui.button("Naar het begin").clicked() {
            action = Some(GroupAction::ToStart);
        }
    });
    if let Some(m) = &state.message {
        ui.label(m);
    }
    egui::ScrollArea::vertical()
        .id_salt("group-debrief")
        .show(ui, |ui| {
            // On a projector (1920 wide) the outcome and the scores sit
            // side by side and the chart takes the whole width.
            let wide = ui.available_width() >= 1400.0;
            if wide {
                ui.columns(2, |cols| {
                    outcome_ui(&mut cols[0], g, true);
                    scores_ui(&mut cols[1], g);
                });
            } else {
                // On a laptop the goals start folded, so the scores and
                // the chart are in sight without scrolling.
                ui.set_max_width(super::READING_WIDTH);
                outcome_ui(ui, g, false);
                ui.add_space(10.0);
                scores_ui(ui, g);
            }
            ui.add_space(10.0);
            ui.heading("Ketentijdlijn");
            let built;
            let chart = match &state.chart {
                Some(c) => c,
                None => {
                    built = Chart::of_group(g);
                    &built
                }
            };
            ui.small(&chart.summary);
            chart_ui(ui, chart);
            egui::CollapsingHeader::new("De ketentijdlijn in woorden, per beeld en per signaal")
                .id_salt("chain-words")
                .show(ui, |ui| chain_words(ui, g));
            if wide {
                ui.columns(2, |cols| {
                    trainer_ui(&mut cols[0], g);
                    questions_ui(&mut cols[1], g);
                });
            } else {
                trainer_ui(ui, g);
                questions_ui(ui, g);
            }
        });
    action
}

/// The outcome and the case's learning goals.
fn outcome_ui(ui: &mut egui::Ui, g: &GroupDebrief, goals_open: bool) {
    match &g.outcome {
        Some(o) => {
            ui.label(
                egui::RichText::new(format!("Uitkomst: {} ({})", o.title, o.at.label))
                    .strong()
                    .size(17.0),
            );
            ui.label(&o.text);
        }
        None => {
            ui.label("De casus is niet tot het einde gespeeld.");
        }
    }
    if let Some(o) = &g.expert_outcome {
        ui.small(format!("Het deskundige pad komt uit op: {}", o.title));
    }
    super::debrief::learning_goals_ui(ui, &g.scenario.learning_goals, goals_open);
}

/// The scores per competency, each seat a small bar side by side.
fn scores_ui(ui: &mut egui::Ui, g: &GroupDebrief) {
    ui.heading("Scores per rol");
    let ids: Vec<(String, String)> = g
        .roles
        .iter()
        .flat_map(|r| r.scores.iter().map(|s| (s.id.clone(), s.label.clone())))
        .fold(Vec::new(), |mut v, x| {
            if !v.contains(&x) {
                v.push(x);
            }
            v
        });
    let bar = ui.visuals().selection.bg_fill;
    let empty = ui.visuals().widgets.inactive.bg_fill;
    let cell = |ui: &mut egui::Ui, earned: i32, max: i32, strong: bool| {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(70.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, empty);
            let part = if max > 0 {
                (earned.max(0) as f32 / max as f32).min(1.0)
            } else {
                0.0
            };
            let mut fill = rect;
            fill.set_width(rect.width() * part);
            ui.painter().rect_filled(fill, 2.0, bar);
            let t = format!("{earned} van {max}");
            if strong {
                ui.strong(t);
            } else {
                ui.label(t);
            }
        });
    };
    egui::Grid::new("group-scores")
        .striped(true)
        .num_columns(g.roles.len() + 1)
        .show(ui, |ui| {
            ui.strong("Competentie");
            for (r, seat) in g.roles.iter().zip(&g.seats) {
                // Long role names wrap in their column instead of pushing
                // the last seat off the screen.
                ui.vertical(|ui| {
                    ui.set_max_width(170.0);
                    ui.add(egui::Label::new(egui::RichText::new(&r.name).strong()).wrap());
                    if let Some(p) = &seat.person {
                        ui.small(p);
                    }
                });
            }
            ui.end_row();
            for (id, label) in ids {
                ui.label(label);
                for r in &g.roles {
                    match r.scores.iter().find(|s| s.id == id) {
                        Some(s) if s.max > 0 => cell(ui, s.earned, s.max, false),
                        _ => {
                            ui.small("—");
                        }
                    }
                }
                ui.end_row();
            }
            ui.strong("Totaal");
            for r in &g.roles {
                cell(ui, r.total_earned, r.total_max, true);
            }
            ui.end_row();
        });
}

/// The chain timeline in words: the text alternative of the chart.
fn chain_words(ui: &mut egui::Ui, g: &GroupDebrief) {
    for p in &g.chain.pictures {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(format!("Het hele beeld: {}", p.title));
            ui.label(format!(
                "Voor het eerst bij een rol die kon handelen: {}",
                held_text(&p.held)
            ));
            ui.label(format!(
                "Op het deskundige pad: {}",
                held_text(&p.expert_held)
            ));
            match p.parts_behind_expert {
                Some(n) if n > 0 => {
                    ui.colored_label(
                        theme::warn(ui),
                        format!("{n} dagde(e)l(en) later dan het deskundige pad."),
                    );
                }
                Some(n) if n < 0 => {
                    ui.colored_label(
                        theme::good(ui),
                        format!("{} dagde(e)l(en) eerder dan het deskundige pad.", -n),
                    );
                }
                Some(_) => {
                    ui.colored_label(theme::good(ui), "Even snel als het deskundige pad.");
                }
                None => {}
            }
        });
    }
    if g.chain.pictures.is_empty() {
        ui.small("Deze casus beschrijft geen 'heel beeld' (pictures).");
    }
    for s in &g.chain.signals {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(&s.text);
            ui.horizontal_wrapped(|ui| {
                ui.small(format!("Eerst bekend: {}", held_text(&s.held)));
                ui.small("·");
                match &s.flagged {
                    Some(f) => {
                        ui.small(format!("gemarkeerd: {} ({})", f.at.label, f.by.name));
                    }
                    None => {
                        ui.colored_label(
                            theme::bad(ui),
                            egui::RichText::new("niet gemarkeerd").small(),
                        );
                    }
                }
                ui.small("·");
                let expert = s
                    .expert_flagged
                    .as_ref()
                    .map(|f| format!("deskundig pad: gemarkeerd {}", f.at.label))
                    .unwrap_or_else(|| {
                        format!("deskundig pad: bekend {}", held_text(&s.expert_held))
                    });
                ui.small(expert);
            });
        });
    }
}

/// The trainer's observations, marks and events, and the turning points.
fn trainer_ui(ui: &mut egui::Ui, g: &GroupDebrief) {
    ui.add_space(10.0);
    ui.heading("Observaties van de trainer");
    if g.trainer.observations.is_empty() {
        ui.small("Geen observaties vastgelegd.");
    }
    for o in &g.trainer.observations {
        let mut about = vec![o.at.label.clone()];
        if let Some(r) = &o.role {
            about.push(r.name.clone());
        }
        if let Some(k) = &o.competency_label {
            about.push(k.clone());
        }
        ui.label(format!("{}: {}", about.join(" · "), o.text));
    }
    for m in &g.trainer.marks {
        ui.label(format!(
            "{}: door de trainer beoordeeld als {} — {}",
            m.at.label,
            if m.met { "gedaan" } else { "niet gedaan" },
            m.text
        ));
    }
    for e in &g.trainer.events {
        ui.small(format!("{}: {}", e.at.label, e.text));
    }

    if !g.turning_points.is_empty() {
        ui.add_space(10.0);
        ui.heading("Kantelpunten");
        for t in &g.turning_points {
            ui.label(format!(
                "{} — {}: {} ({} → {})",
                t.at.label, t.role, t.text, t.before_title, t.after_title
            ));
        }
    }
}

/// The questions for the casuïstiekbespreking.
fn questions_ui(ui: &mut egui::Ui, g: &GroupDebrief) {
    ui.add_space(10.0);
    ui.heading("Vragen voor de casuïstiekbespreking");
    if g.questions.is_empty() {
        ui.small("De trainersnotitie van deze casus heeft geen vragen.");
    }
    for (i, q) in g.questions.iter().enumerate() {
        ui.label(format!("{}. {q}", i + 1));
    }
}
