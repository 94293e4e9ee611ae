//! The briefing of the seat that has the screen, from its projection:
//! who it plays, what it is for, its goals.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Screen, intents_on};
use crate::app::projection::Projection;
use crate::app::state::{Look, Playing};
use crate::ui::views::briefing::{BriefingAction, briefing_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Briefing)),
    )
    .add_systems(Update, handle.in_set(HandleIntents));
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    playing: Res<Playing>,
    shown: Res<Projection>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    if playing.0.is_none() {
        intents.write(Intent::Back);
        return Ok(());
    }
    // The seat's briefing from its projection (`flow::sync_local`).
    let Some(view) = shown.briefing.as_ref() else {
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| match briefing_ui(ui, view) {
        Some(BriefingAction::Back) => {
            intents.write(Intent::Back);
        }
        Some(BriefingAction::Begin) => {
            intents.write(Intent::Begin);
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
    for intent in intents_on(&mut intents, &screen, Screen::Briefing) {
        match intent {
            Intent::Back => {
                playing.0 = None;
                next.set(Screen::Setup);
            }
            Intent::Begin => next.set(Screen::Case),
            _ => {}
        }
    }
}
