//! The briefing: the role's briefing, its goals and how to play. The
//! scenario's learning goals are not here: they name the answers, so the
//! debrief shows them.

use super::egui;
use crate::ui::model::BriefingView;

#[derive(Debug, Clone, PartialEq)]
pub enum BriefingAction {
    Back,
    Begin,
}

/// How to play, shown on every briefing.
pub const HOW_TO_PLAY: [&str; 6] = [
    "Uw dossier bevat alleen wat uw organisatie weet. Nieuwe informatie is gemarkeerd als NIEUW.",
    "Markeer een gegeven als signaal wanneer het op uitbuiting kan wijzen, en kies welke vorm.",
    "Deel informatie bewust: kies de gegevens, de ontvanger, het kanaal en de grondslag (Ctrl+D; een melding: Ctrl+M; een casusoverleg: Ctrl+O). Het programma zegt vooraf niet of dat mag.",
    "Beslissingen hebben soms een termijn. Wachten heeft ook gevolgen.",
    "Sluit het dagdeel af als u klaar bent (Ctrl+Enter); de klok gaat dan verder.",
    "Met Tab gaat u van knop naar knop, met Enter of spatie kiest u. Onderaan stelt u de tekstgrootte en hoog contrast in.",
];

pub fn briefing_ui(ui: &mut egui::Ui, view: &BriefingView) -> Option<BriefingAction> {
    let mut action = None;
    // Lines longer than this are hard to read on a wide screen.
    ui.set_max_width(super::READING_WIDTH);
    egui::ScrollArea::vertical()
        .id_salt("briefing")
        .show(ui, |ui| {
            ui.heading(format!("Briefing: {}", view.role_name));
            ui.label(egui::RichText::new(&view.organisation).italics());
            ui.label(&view.scenario_title);
            ui.add_space(8.0);
            ui.label(&view.briefing);
            if !view.goals.is_empty() {
                ui.add_space(8.0);
                ui.strong("Uw doelen");
                for g in &view.goals {
                    ui.label(format!("• {g}"));
                }
            }
            ui.add_space(8.0);
            ui.strong("Zo speelt u");
            for h in HOW_TO_PLAY {
                ui.label(format!("• {h}"));
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("Terug").clicked() {
                    action = Some(BriefingAction::Back);
                }
                if ui.button("Start de casus").clicked() {
                    action = Some(BriefingAction::Begin);
                }
            });
        });
    action
}
