//! The setup screen: self-study (one role) or a training day (several
//! roles played by people, optionally led by a trainer), names, seed, and
//! whether the session's hints are on (off by default).

use std::collections::BTreeMap;

use super::egui;
use crate::core::engine::Seat;
use crate::ui::model::ScenarioCard;

/// How the case is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// One role; the others by script.
    #[default]
    Zelfstudie,
    /// Several roles at one screen, in turns; optionally with a trainer.
    Trainingsdag,
}

/// What the trainee filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct SetupState {
    pub mode: Mode,
    pub role: Option<String>,
    pub trainee: String,
    /// As typed; must be a whole number.
    pub seed: String,
    /// Training day: the roles played by people, with the name typed for
    /// each (may be empty).
    pub seats: BTreeMap<String, String>,
    /// Training day: a trainer leads (trainer console, pause, injects).
    pub trainer: bool,
    /// Hints: the dossier shows each fact's legal category during play.
    /// Off by default (the category pre-sorts what lawful sharing tests).
    pub hints: bool,
    /// Why the last start was refused (shown until the next try).
    pub refused: Option<String>,
}

impl Default for SetupState {
    fn default() -> Self {
        SetupState {
            mode: Mode::Zelfstudie,
            role: None,
            trainee: String::new(),
            seed: "1".to_string(),
            seats: BTreeMap::new(),
            trainer: true,
            hints: false,
            refused: None,
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
        hints: bool,
    },
    /// A training day: the seats in the scenario's role order.
    StartDay {
        seats: Vec<Seat>,
        trainer: bool,
        seed: u64,
        hints: bool,
    },
}

/// The label of the hints checkbox.
pub const HINTS_LABEL: &str = "Hulpmiddelen: toon de juridische categorie van gegevens";

pub fn setup_ui(
    ui: &mut egui::Ui,
    card: &ScenarioCard,
    state: &mut SetupState,
) -> Option<SetupAction> {
    let mut action = None;
    // Lines longer than this are hard to read on a wide screen.
    ui.set_max_width(super::READING_WIDTH);
    ui.heading(&card.title);
    if let Some(why) = &state.refused {
        ui.colored_label(super::theme::bad(ui), egui::RichText::new(why).strong());
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.mode, Mode::Zelfstudie, "Zelfstudie");
        ui.selectable_value(&mut state.mode, Mode::Trainingsdag, "Trainingsdag");
    });
    ui.add_space(4.0);
    match state.mode {
        Mode::Zelfstudie => {
            ui.label("Kies de rol die u speelt. De andere rollen handelen volgens het script.");
            ui.add_space(6.0);
            ui.strong("Rol");
            for (id, name, org) in &card.roles {
                ui.radio_value(&mut state.role, Some(id.clone()), format!("{name} — {org}"));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label("Naam (optioneel):");
                ui.add(
                    egui::TextEdit::singleline(&mut state.trainee).hint_text("bijv. uw voornaam"),
                );
            });
        }
        Mode::Trainingsdag => {
            ui.label("Kies de rollen die door deelnemers (of tafels) worden gespeeld; de andere rollen handelen volgens het script. De rollen spelen om de beurt op dit scherm, met een privacyscherm bij elke wissel.");
            ui.add_space(6.0);
            ui.strong("Rollen en deelnemers");
            for (id, name, org) in &card.roles {
                ui.horizontal(|ui| {
                    let mut on = state.seats.contains_key(id);
                    if ui.checkbox(&mut on, format!("{name} — {org}")).changed() {
                        if on {
                            state.seats.insert(id.clone(), String::new());
                        } else {
                            state.seats.remove(id);
                        }
                    }
                    if let Some(person) = state.seats.get_mut(id) {
                        ui.add(
                            egui::TextEdit::singleline(person)
                                .hint_text("naam of tafel (optioneel)")
                                .desired_width(200.0),
                        );
                    }
                });
            }
            ui.add_space(6.0);
            ui.checkbox(
                &mut state.trainer,
                "Met trainer (trainersconsole: pauzeren, berichten inzetten, observaties)",
            );
        }
    }
    ui.add_space(8.0);
    ui.checkbox(&mut state.hints, HINTS_LABEL);
    ui.small(
        "Staat deze uit, dan ziet u in het dossier niet of een gegeven een bijzonder persoonsgegeven of een strafrechtelijk gegeven is: dat afwegen hoort bij de oefening. De nabespreking toont het altijd.",
    );
    ui.add_space(4.0);
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
        let ready = seed.is_ok()
            && match state.mode {
                Mode::Zelfstudie => state.role.is_some(),
                Mode::Trainingsdag => !state.seats.is_empty(),
            };
        if ui
            .add_enabled(ready, egui::Button::new("Naar de briefing"))
            .clicked()
            && let Ok(seed) = seed.clone()
        {
            match state.mode {
                Mode::Zelfstudie => {
                    if let Some(role) = state.role.clone() {
                        let name = state.trainee.trim();
                        action = Some(SetupAction::Start {
                            role,
                            trainee: (!name.is_empty()).then(|| name.to_string()),
                            seed,
                            hints: state.hints,
                        });
                    }
                }
                Mode::Trainingsdag => {
                    // In the scenario's order of roles.
                    let seats = card
                        .roles
                        .iter()
                        .filter_map(|(id, _, _)| {
                            let person = state.seats.get(id)?.trim();
                            Some(Seat {
                                role: id.clone(),
                                person: (!person.is_empty()).then(|| person.to_string()),
                            })
                        })
                        .collect();
                    action = Some(SetupAction::StartDay {
                        seats,
                        trainer: state.trainer,
                        seed,
                        hints: state.hints,
                    });
                }
            }
        }
    });
    action
}
