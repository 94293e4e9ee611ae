//! The start screen: the scenario library as cards; broken scenarios as
//! error cards with file:line:col.

use super::egui;
use super::theme;
use crate::ui::model::{LibraryCard, SavedCard};

#[derive(Debug, Clone, PartialEq)]
pub enum StartAction {
    /// Open the setup for the card with this index.
    Open(usize),
    /// Continue (or review) saved session `i`.
    Resume(usize),
    Quit,
}

/// The start screen; `loading` while the scenario folder is being read.
pub fn start_ui(
    ui: &mut egui::Ui,
    cards: &[LibraryCard],
    saved: &[SavedCard],
    loading: bool,
) -> Option<StartAction> {
    let mut action = None;
    // Lines longer than this are hard to read on a wide screen.
    ui.set_max_width(super::READING_WIDTH);
    ui.heading("Ketensim — oefenen met ketensamenwerking tegen mensenhandel");
    ui.label(
        "Kies een casus. Speel alleen één organisatie (zelfstudie) of met een groep meerdere organisaties (trainingsdag); de andere rollen spelen volgens het script.",
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .id_salt("library")
        .show(ui, |ui| {
            if loading {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("De scenario's worden geladen…");
                });
            } else if cards.is_empty() {
                ui.label("Geen scenario's gevonden in de scenariomap.");
            }
            if !saved.is_empty() {
                ui.heading("Eerdere sessies");
                for (i, s) in saved.iter().enumerate() {
                    egui::Frame::group(ui.style())
                        .inner_margin(egui::Margin::same(8))
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.horizontal_wrapped(|ui| {
                                ui.strong(&s.title);
                                if !s.who.is_empty() {
                                    ui.label(format!("— {}", s.who));
                                }
                                if !s.when.is_empty() {
                                    ui.small(format!("opgeslagen {}", s.when));
                                }
                            });
                            if s.resumable || s.finished {
                                ui.label(&s.message);
                            } else {
                                ui.colored_label(theme::bad(ui), &s.message);
                            }
                            let label = if s.finished {
                                Some("Nabespreking openen")
                            } else if s.resumable {
                                Some("Verder spelen")
                            } else {
                                None
                            };
                            if let Some(label) = label
                                && ui.button(label).clicked()
                            {
                                action = Some(StartAction::Resume(i));
                            }
                        });
                    ui.add_space(4.0);
                }
                ui.add_space(6.0);
                ui.heading("Nieuwe casus");
            }
            for (i, card) in cards.iter().enumerate() {
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::same(10))
                    .show(ui, |ui| {
                        let width = ui.available_width();
                        ui.set_width(width);
                        ui.set_max_width(width);
                        match card {
                            LibraryCard::Scenario(c) => {
                                ui.label(egui::RichText::new(&c.title).heading().strong());
                                ui.label(&c.summary);
                                ui.add_space(4.0);
                                let row = |ui: &mut egui::Ui, key: &str, value: String| {
                                    ui.horizontal_wrapped(|ui| {
                                        ui.strong(key);
                                        ui.label(value);
                                    });
                                };
                                row(ui, "Vorm:", c.forms.join(", "));
                                row(ui, "Duur:", format!("ongeveer {} minuten", c.duration_minutes));
                                row(
                                    ui,
                                    "Rollen:",
                                    c.roles
                                        .iter()
                                        .map(|(_, name, org)| format!("{name} ({org})"))
                                        .collect::<Vec<_>>()
                                        .join("; "),
                                );
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
