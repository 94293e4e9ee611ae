//! Joining a training day on the network ("Meedoen aan een
//! trainingsdag"): the host's address and the code the trainer gives,
//! then a seat from those the host offers.

use super::{egui, theme};
use crate::core::protocol::SeatOffer;

/// What the join screen shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JoinView {
    /// Waiting for the host (connecting, or asking for a seat).
    pub busy: bool,
    /// After the host answered: the case's title and the seats.
    pub title: Option<String>,
    pub seats: Vec<SeatOffer>,
    /// The code is the trainer's.
    pub trainer: bool,
    /// A problem to show (Dutch).
    pub message: Option<String>,
}

/// What the trainee typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JoinUiState {
    pub address: String,
    pub code: String,
    /// The person or table, shown to the trainer.
    pub person: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JoinAction {
    /// Connect to the host at the address and ask what the code offers.
    Connect,
    /// Take the seat of this role.
    Take(String),
    /// Take the trainer's place.
    Trainer,
    Back,
}

pub fn join_ui(ui: &mut egui::Ui, view: &JoinView, state: &mut JoinUiState) -> Option<JoinAction> {
    let mut action = None;
    ui.set_max_width(super::READING_WIDTH);
    ui.heading("Meedoen aan een trainingsdag");
    ui.label("Elke organisatie speelt op een eigen laptop. De trainer start de host en geeft het adres en de code; u ziet alleen wat uw organisatie weet.");
    ui.add_space(8.0);
    egui::Grid::new("join-form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Adres van de host");
            ui.add(
                egui::TextEdit::singleline(&mut state.address)
                    .hint_text("bijv. 192.168.1.20:7878")
                    .desired_width(260.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Code");
            ui.add(
                egui::TextEdit::singleline(&mut state.code)
                    .hint_text("bijv. K7M 4QX")
                    .desired_width(160.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Uw naam of tafel (mag leeg)");
            ui.add(egui::TextEdit::singleline(&mut state.person).desired_width(260.0))
                .labelled_by(l.id);
            ui.end_row();
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui.button("Terug").clicked() {
            action = Some(JoinAction::Back);
        }
        let ready = !state.address.trim().is_empty() && !state.code.trim().is_empty();
        if ui
            .add_enabled(ready && !view.busy, egui::Button::new("Verbinden"))
            .clicked()
        {
            action = Some(JoinAction::Connect);
        }
        if view.busy {
            ui.spinner();
            ui.label("Even geduld: de host antwoordt…");
        }
    });
    if let Some(m) = &view.message {
        ui.add_space(6.0);
        ui.colored_label(theme::bad(ui), egui::RichText::new(m).strong());
    }
    if let Some(title) = &view.title {
        ui.add_space(12.0);
        ui.separator();
        ui.heading(title);
        if view.trainer {
            ui.label(
                "Dit is de code van de trainer: u ziet alle organisaties en stuurt de oefening.",
            );
            if ui
                .add_enabled(!view.busy, egui::Button::new("Meedoen als trainer"))
                .clicked()
            {
                action = Some(JoinAction::Trainer);
            }
        } else {
            ui.label("Kies de plaats van uw organisatie:");
            for s in &view.seats {
                ui.horizontal(|ui| {
                    let text = format!("{} — {}", s.name, s.organisation);
                    if ui
                        .add_enabled(!view.busy, egui::Button::new(text))
                        .clicked()
                    {
                        action = Some(JoinAction::Take(s.role.clone()));
                    }
                    if s.scripted {
                        ui.label("(gespeeld door het script: u kunt alleen meekijken)");
                    }
                    if s.connected > 0 {
                        ui.label(format!("({} laptop(s) verbonden)", s.connected));
                    }
                });
            }
        }
    }
    action
}
