//! The start screen: the scenario library as cards; broken scenarios as
//! error cards with file:line:col.

use super::egui;
use super::theme;
use crate::ui::model::LibraryCard;

#[derive(Debug, Clone, PartialEq)]
pub enum StartAction {
    /// Open the setup for the card with this index.
    Open(usize),
    Quit,
}

pub fn start_ui(ui: &mut egui::Ui, cards: &[LibraryCard]) -> Option<StartAction> {
    let mut action = None;
    ui.heading("Ketensim — oefenen met ketensamenwerking tegen mensenhandel");
    ui.label(
        "Kies een casus. U speelt één organisatie; de andere rollen spelen volgens het script.",
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .id_salt("library")
        .show(ui, |ui| {
            if cards.is_empty() {
                ui.label("Geen scenario's gevonden in de scenariomap.");
            }
            for (i, card) in cards.iter().enumerate() {
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::same(10))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        match card {
                            LibraryCard::Scenario(c) => {
                                ui.label(egui::RichText::new(&c.title).heading().strong());
                                ui.label(&c.summary);
                                ui.add_space(4.0);
                                egui::Grid::new(("card", i)).num_columns(2).show(ui, |ui| {
                                    ui.strong("Vorm");
                                    ui.label(c.forms.join(", "));
                                    ui.end_row();
                                    ui.strong("Duur");
                                    ui.label(format!("ongeveer {} minuten", c.duration_minutes));
                                    ui.end_row();
                                    ui.strong("Rollen");
                                    ui.label(
                                        c.roles
                                            .iter()
                                            .map(|(_, name, org)| format!("{name} ({org})"))
                                            .collect::<Vec<_>>()
                                            .join("; "),
                                    );
                                    ui.end_row();
                                });
                                if !c.learning_goals.is_empty() {
                                    ui.strong("Leerdoelen");
                                    for g in &c.learning_goals {
                                        ui.label(format!("• {g}"));
                                    }
                                }
                                ui.add_space(4.0);
                                if ui
                                    .button(format!("Speel \u{201c}{}\u{201d}", c.title))
                                    .clicked()
                                {
                                    action = Some(StartAction::Open(i));
                                }
                            }
                            LibraryCard::Broken { file, problems } => {
                                ui.label(
                                    egui::RichText::new(format!("Dit scenario bevat fouten: {file}"))
                                        .strong()
                                        .color(theme::bad(ui)),
                                );
                                ui.label(
                                    "Het kan niet gespeeld worden tot de fouten zijn hersteld. De andere scenario's werken gewoon.",
                                );
                                ui.add(egui::Label::new(egui::RichText::new(problems).monospace()).wrap());
                            }
                        }
                    });
                ui.add_space(6.0);
            }
        });
    action
}
