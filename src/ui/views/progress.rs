//! "Mijn voortgang": a trainee's own record on this machine — every
//! finished attempt per case with date, outcome and score per competency,
//! each competency over the attempts as a small chart, and the cases not
//! yet played (`core::eval::progress`).

use super::egui;
use super::theme;
use crate::core::eval::progress::{CompetencyLine, Progress};

/// What the screen shows: the names found, and the chosen one's record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressView {
    pub trainees: Vec<String>,
    pub record: Option<Progress>,
}

/// The screen's state between frames.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgressUiState {
    /// The last export's result.
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProgressAction {
    Choose(String),
    ExportCsv,
    Back,
}

pub fn progress_ui(
    ui: &mut egui::Ui,
    view: &ProgressView,
    state: &ProgressUiState,
) -> Option<ProgressAction> {
    let mut action = None;
    ui.set_max_width(super::READING_WIDTH);
    ui.horizontal_wrapped(|ui| {
        ui.heading("Mijn voortgang");
        if ui.button("Terug naar het begin").clicked() {
            action = Some(ProgressAction::Back);
        }
        if view.record.as_ref().is_some_and(|r| !r.cases.is_empty())
            && ui.button("Opslaan als CSV").clicked()
        {
            action = Some(ProgressAction::ExportCsv);
        }
    });
    if let Some(m) = &state.message {
        ui.label(m);
    }
    if view.trainees.is_empty() {
        ui.label("Op deze computer is nog geen casus afgerond met een naam. Vul bij het starten uw naam in; daarna ziet u hier uw pogingen.");
        return action;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Deelnemer:");
        let chosen = view.record.as_ref().map(|r| r.trainee.clone());
        for name in &view.trainees {
            if ui
                .selectable_label(chosen.as_deref() == Some(name.as_str()), name)
                .clicked()
            {
                action = Some(ProgressAction::Choose(name.clone()));
            }
        }
    });
    let Some(record) = &view.record else {
        ui.small("Kies uw naam.");
        return action;
    };
    egui::ScrollArea::vertical()
        .id_salt("progress")
        .show(ui, |ui| record_ui(ui, record));
    action
}

fn record_ui(ui: &mut egui::Ui, p: &Progress) {
    let attempts: usize = p.cases.iter().map(|c| c.attempts.len()).sum();
    if attempts == 0 {
        ui.label(format!("{} heeft nog geen casus afgerond.", p.trainee));
    }
    if !p.competencies.is_empty() {
        ui.add_space(6.0);
        ui.strong(format!(
            "Competenties over uw {attempts} pogingen (oudste links)"
        ));
        egui::Grid::new("progress-lines")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for c in &p.competencies {
                    ui.label(&c.label);
                    sparkline(ui, c);
                    let last = c.percents.iter().rev().flatten().next();
                    ui.label(last.map_or_else(|| "—".to_string(), |x| format!("laatst {x}%")));
                    ui.end_row();
                }
            });
    }
    for case in &p.cases {
        ui.add_space(10.0);
        ui.heading(&case.title);
        egui::Grid::new(("progress-case", &case.scenario_id))
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                ui.strong("Wanneer");
                ui.strong("Rol");
                ui.strong("Uitkomst");
                ui.strong("Score");
                ui.end_row();
                for a in &case.attempts {
                    ui.label(&a.when);
                    ui.label(&a.role_name);
                    let colour = match a.outcome_kind.as_str() {
                        "good" => theme::good(ui),
                        "bad" => theme::bad(ui),
                        _ => theme::warn(ui),
                    };
                    ui.colored_label(colour, &a.outcome);
                    ui.label(match a.percent {
                        Some(pct) => format!("{} van {} ({pct}%)", a.earned, a.max),
                        None => format!("{} van {}", a.earned, a.max),
                    });
                    ui.end_row();
                }
            });
        if let Some(last) = case.attempts.last() {
            let scores: Vec<String> = last
                .scores
                .iter()
                .filter(|s| s.max > 0)
                .map(|s| format!("{} {} van {}", s.label, s.earned, s.max))
                .collect();
            ui.small(format!(
                "Laatste poging per competentie: {}",
                scores.join(" · ")
            ));
        }
    }
    ui.add_space(10.0);
    ui.heading("Nog niet gespeeld");
    if p.not_played.is_empty() {
        ui.label("U hebt elke casus van de bibliotheek afgerond.");
    }
    for (_, title) in &p.not_played {
        ui.label(format!("• {title}"));
    }
}

/// A competency's percentages over the attempts as a small line; a gap
/// where a case gave no points for it.
fn sparkline(ui: &mut egui::Ui, c: &CompetencyLine) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(160.0, 24.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    let n = c.percents.len().max(1);
    let step = if n > 1 {
        (rect.width() - 12.0) / (n - 1) as f32
    } else {
        0.0
    };
    let point = |i: usize, p: u32| {
        egui::pos2(
            rect.left() + 6.0 + step * i as f32,
            rect.bottom() - 4.0 - (rect.height() - 8.0) * p as f32 / 100.0,
        )
    };
    let colour = ui.visuals().selection.bg_fill;
    let mut last: Option<egui::Pos2> = None;
    for (i, p) in c.percents.iter().enumerate() {
        match p {
            Some(p) => {
                let at = point(i, *p);
                if let Some(prev) = last {
                    painter.line_segment([prev, at], egui::Stroke::new(2.0, colour));
                }
                painter.circle_filled(at, 3.0, colour);
                last = Some(at);
            }
            None => last = None,
        }
    }
    let words: Vec<String> = c
        .percents
        .iter()
        .map(|p| p.map_or_else(|| "—".to_string(), |x| format!("{x}%")))
        .collect();
    let text = format!("{}: {}", c.label, words.join(", "));
    super::a11y::picture(&response, text.clone());
    response.on_hover_text(text);
}
