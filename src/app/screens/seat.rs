//! This laptop's place on a host: a seat's briefing and case screen, or
//! the trainer's console, drawn only from the projection the host sent
//! (`app::projection::Projection`); what the trainee does goes to the host
//! as a command (`app::remote`).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::Screen;
use crate::app::ketenkaart::KaartArea;
use crate::app::projection::Projection;
use crate::app::remote::{Link, RemoteIntent, Seat};
use crate::app::state::Look;
use crate::core::engine::Command;
use crate::ui::views::briefing::{BriefingAction, briefing_ui};
use crate::ui::views::case::{CaseAction, case_ui};
use crate::ui::views::theme;
use crate::ui::views::trainer::{TrainerAction, trainer_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Remote)),
    );
}

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    mut seat: ResMut<Seat>,
    mut shown: ResMut<Projection>,
    link: Option<Res<Link>>,
    mut intents: MessageWriter<RemoteIntent>,
    mut kaart_area: ResMut<KaartArea>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let seat = &mut *seat;
    let address = link
        .as_ref()
        .map(|l| l.0.address.clone())
        .unwrap_or_default();
    egui::Panel::top("remote-status").show(&mut ui, |ui| match &seat.connection {
        Some(why) => {
            ui.colored_label(
                theme::bad(ui),
                egui::RichText::new(format!(
                    "{why} Uw acties tot nu toe staan veilig op de host."
                ))
                .strong(),
            );
        }
        None => {
            ui.label(format!("Verbonden met de host {address}."));
        }
    });
    if !seat.briefed {
        if let Some(b) = &shown.briefing {
            egui::CentralPanel::default().show(&mut ui, |ui| match briefing_ui(ui, b) {
                Some(BriefingAction::Begin) => {
                    intents.write(RemoteIntent::Begin);
                }
                Some(BriefingAction::Back) => {
                    intents.write(RemoteIntent::Leave);
                }
                None => {}
            });
        }
        return Ok(());
    }
    let shown = &mut *shown;
    let kaart = if let Some(view) = &shown.trainer {
        let looking = shown.trainer_seat.as_ref().map(|(_, c)| c);
        let (action, kaart) = trainer_ui(&mut ui, view, &mut seat.trainer_ui, looking);
        match action {
            Some(TrainerAction::ViewSeat(role)) => {
                shown.look_at(Some(role));
            }
            Some(a) => {
                if let Some(c) = a.command() {
                    intents.write(RemoteIntent::Submit(c));
                }
            }
            None => {}
        }
        kaart
    } else if let Some(view) = &shown.case {
        let (action, kaart) = case_ui(&mut ui, view, &mut seat.ui);
        match action {
            Some(CaseAction::Act(act)) => {
                intents.write(RemoteIntent::Submit(Command::Act(act)));
            }
            Some(CaseAction::Quit) => {
                intents.write(RemoteIntent::Leave);
            }
            Some(CaseAction::Debrief) => {
                seat.ui.notice = Some(
                    "De casus is afgelopen. De trainer houdt de nabespreking met de hele groep."
                        .to_string(),
                );
            }
            None => {}
        }
        kaart
    } else {
        None
    };
    let kaart = kaart.map(|r| r * ctx.zoom_factor());
    if kaart_area.0 != kaart {
        kaart_area.0 = kaart;
        redraw.write(bevy::window::RequestRedraw);
    }
    Ok(())
}
