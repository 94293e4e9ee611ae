//! A training day on one screen: the privacy screen between two seats.
//! It shows only who comes next; entering hands the screen (and the local
//! link's projection) to that seat, or to the trainer.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandTo, HandleIntents, Intent, Play, Screen, intents_on};
use crate::app::state::{Look, Playing};
use crate::ui::trainer::HandoverView;
use crate::ui::views::turns::{HandoverAction, handover_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Handover)),
    )
    .add_systems(Update, handle.in_set(HandleIntents));
}

/// Only the name of who comes next.
fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    playing: Res<Playing>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let Some(play) = playing.0.as_ref() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    let view = match play.day.as_ref().map(|d| &d.hand_to) {
        Some(HandTo::Trainer) => HandoverView::to_trainer(play.session()),
        Some(HandTo::Seat(role)) => HandoverView::to_seat(play.session(), role),
        None => HandoverView::to_seat(play.session(), &play.role_id),
    };
    egui::CentralPanel::default().show(&mut ui, |ui| match handover_ui(ui, &view) {
        Some(HandoverAction::Continue) => {
            intents.write(Intent::HandOver);
        }
        Some(HandoverAction::Trainer) => {
            intents.write(Intent::ToTrainer);
        }
        None => {}
    });
    Ok(())
}

fn handle(
    mut intents: MessageReader<Intent>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut playing: ResMut<Playing>,
) {
    for intent in intents_on(&mut intents, &screen, Screen::Handover) {
        let Some(play) = playing.0.as_mut() else {
            continue;
        };
        match intent {
            Intent::HandOver => {
                if let Some(to) = hand_over(play) {
                    next.set(to);
                }
            }
            Intent::ToTrainer => {
                if play.session().log().trainer
                    && let Some(day) = play.day.as_mut()
                {
                    day.hand_to = HandTo::Trainer;
                    next.set(Screen::Trainer);
                }
            }
            _ => {}
        }
    }
}

/// The screen goes to whoever is next: the seat that leaves keeps its
/// half-done work, the one that comes finds its own (and its briefing,
/// the first time).
fn hand_over(play: &mut Play) -> Option<Screen> {
    let roles = &play.link.session().scenario().ids.roles;
    let day = play.day.as_mut()?;
    match day.hand_to.clone() {
        HandTo::Trainer => Some(Screen::Trainer),
        HandTo::Seat(role) => {
            if let Some(&r) = roles.get(&role) {
                let left = std::mem::take(&mut play.ui);
                day.drafts.insert(play.role_id.clone(), left);
                play.role = r;
                play.role_id = role.clone();
                play.ui = day.drafts.remove(&role).unwrap_or_default();
                play.ui.notice = None;
                play.refused = None;
            }
            if day.briefed.contains(&role) {
                Some(Screen::Case)
            } else {
                day.briefed.push(role);
                Some(Screen::Briefing)
            }
        }
    }
}
