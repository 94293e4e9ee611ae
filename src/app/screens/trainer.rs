//! A training day on one screen: the trainer console (pause, end the
//! day-part for everyone, release an inject, observe, mark, look at a
//! seat's screen, hand a seat to its script), drawn from the trainer's
//! projection, with the whole ketenkaart.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandTo, HandleIntents, Intent, Screen, intents_on, next_seat};
use crate::app::ketenkaart::KaartArea;
use crate::app::projection::Projection;
use crate::app::state::{Debriefs, Library, Look, Playing};
use crate::core::engine::Who;
use crate::ui::views::theme;
use crate::ui::views::trainer::{TrainerAction, trainer_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Trainer)),
    )
    .add_systems(Update, handle.in_set(HandleIntents));
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    mut playing: ResMut<Playing>,
    shown: Res<Projection>,
    mut intents: MessageWriter<Intent>,
    mut kaart_area: ResMut<KaartArea>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let Some(play) = playing.0.as_mut() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    // The trainer's projection and the seat looked at, formatted once
    // per change (`flow::sync_local`).
    let Some(view) = shown.trainer.as_ref() else {
        return Ok(());
    };
    let refused = play.refused.clone();
    let Some(day) = play.day.as_mut() else {
        return Ok(());
    };
    let seat = shown.trainer_seat.as_ref().map(|(_, c)| c);
    if let Some(why) = refused {
        egui::Panel::top("trainer-refused").show(&mut ui, |ui| {
            ui.colored_label(theme::bad(ui), format!("Dat kan nu niet: {why}"));
        });
    }
    let (action, kaart) = trainer_ui(&mut ui, view, &mut day.trainer_ui, seat);
    if let Some(a) = action {
        intents.write(Intent::Trainer(a));
    }
    // egui points to window pixels (the text-size setting zooms).
    let kaart = kaart.map(|r| r * ctx.zoom_factor());
    if kaart_area.0 != kaart {
        kaart_area.0 = kaart;
        redraw.write(bevy::window::RequestRedraw);
    }
    Ok(())
}

fn handle(
    mut intents: MessageReader<Intent>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Res<Library>,
    mut playing: ResMut<Playing>,
    mut debriefs: ResMut<Debriefs>,
) {
    for intent in intents_on(&mut intents, &screen, Screen::Trainer) {
        let Intent::Trainer(action) = intent else {
            continue;
        };
        let Some(play) = playing.0.as_mut() else {
            continue;
        };
        // The trainer's commands go through the session's one way in,
        // which checks that this session has a trainer.
        match (action.command(), action) {
            (Some(c), _) => {
                play.submit(&Who::Trainer, &c);
            }
            (None, TrainerAction::ViewSeat(role)) => {
                if let Some(day) = play.day.as_mut() {
                    day.seat_view = Some(role);
                }
            }
            (None, TrainerAction::Back) => {
                let seat = next_seat(play.session());
                if let Some(day) = play.day.as_mut() {
                    day.hand_to = HandTo::Seat(seat);
                }
                next.set(Screen::Handover);
            }
            (None, TrainerAction::Debrief) => {
                if debriefs.open_group(&library, &playing) {
                    next.set(Screen::GroupDebrief);
                }
            }
            (None, _) => {}
        }
    }
}
