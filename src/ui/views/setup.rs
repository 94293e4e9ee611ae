//! The setup screen: role, optional trainee name, seed.

use super::egui;
use crate::ui::model::ScenarioCard;

/// What the trainee filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct SetupState {
    pub role: Option<String>,
    pub trainee: String,
    /// As typed; must be a whole number.
    pub seed: String,
}

impl Default for SetupState {
    fn default() -> Self {
        SetupState {
            role: None,
            trainee: String::new(),
            seed: "1".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetupAction {
    Back,
    Start {
        role: String,
        trainee: Option<String>,
        seed: u64,
    },
}

pub fn setup_ui(
    ui: &mut egui::Ui,
    card: &ScenarioCard,
    state: &mut SetupState,
) -> Option<SetupAction> {
    let mut action = None;
    // Lines longer than this are hard to read on a wide screen.
    ui.set_max_width(super::READING_WIDTH);
    ui.heading(&card.title);
    ui.label("Kies de rol die u speelt. De andere rollen handelen volgens het script.");
    ui.add_space(6.0);
    ui.strong("Rol");
    for (id, name, org) in &card.roles {
        ui.radio_value(&mut state.role, Some(id.clone()), format!("{name} — {org}"));
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Naam (optioneel):");
        ui.add(egui::TextEdit::singleline(&mut state.trainee).hint_text("bijv. uw voornaam"));
    });
    ui.horizontal(|ui| {
        ui.label("Variatie (seed):");
        ui.add(egui::TextEdit::singleline(&mut state.seed).desired_width(80.0));
        ui.small(
            "Dezelfde seed geeft dezelfde casus; een andere seed verschuift tijden en details.",
        );
    });
    let seed = state.seed.trim().parse::<u64>();
    if seed.is_err() {
        ui.colored_label(
            super::theme::bad(ui),
            "De seed moet een heel getal zijn (bijvoorbeeld 1).",
        );
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Terug").clicked() {
            action = Some(SetupAction::Back);
        }
        let ready = state.role.is_some() && seed.is_ok();
        if ui
            .add_enabled(ready, egui::Button::new("Naar de briefing"))
            .clicked()
            && let (Some(role), Ok(seed)) = (state.role.clone(), seed.clone())
        {
            let name = state.trainee.trim();
            action = Some(SetupAction::Start {
                role,
                trainee: (!name.is_empty()).then(|| name.to_string()),
                seed,
            });
        }
    });
    action
}
