//! The privacy screen of a training day: between two seats the screen
//! shows only who comes next, so one organisation never sees another's
//! dossier. Enter (or the button) hands the screen over.

use super::egui;
use crate::ui::trainer::HandoverView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoverAction {
    /// The next seat (or the trainer) is at the screen.
    Continue,
    /// Open the trainer console instead (trainer mode only).
    Trainer,
}

pub fn handover_ui(ui: &mut egui::Ui, view: &HandoverView) -> Option<HandoverAction> {
    let mut action = None;
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
        action = Some(HandoverAction::Continue);
    }
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.label(egui::RichText::new(&view.clock).size(18.0));
        ui.add_space(8.0);
        ui.label(
            egui::RichText::new(format!("Geef door aan: {}", view.to))
                .strong()
                .size(28.0),
        );
        if let Some(person) = &view.person {
            ui.label(egui::RichText::new(person).size(20.0));
        }
        ui.add_space(12.0);
        ui.label("Het scherm blijft leeg tot de volgende aan de beurt is.");
        ui.add_space(12.0);
        if ui
            .add(egui::Button::new(
                egui::RichText::new("Ik ben er klaar voor (Enter)").size(18.0),
            ))
            .clicked()
        {
            action = Some(HandoverAction::Continue);
        }
        if view.trainer {
            ui.add_space(24.0);
            if ui.button("Trainersconsole").clicked() {
                action = Some(HandoverAction::Trainer);
            }
        }
    });
    action
}
