//! Joining a training day on a host: the address and code, then a free
//! seat from those the host offers (or the trainer's place with the
//! trainer's code). The link itself is `app::remote`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::Screen;
use crate::app::remote::{JoinForm, RemoteIntent};
use crate::app::state::Look;
use crate::ui::views::join::{JoinAction, join_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Join)));
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    mut form: ResMut<JoinForm>,
    mut intents: MessageWriter<RemoteIntent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let form = &mut *form;
    egui::CentralPanel::default().show(&mut ui, |ui| match join_ui(ui, &form.view, &mut form.ui) {
        Some(JoinAction::Connect) => {
            intents.write(RemoteIntent::Connect);
        }
        Some(JoinAction::Take(role)) => {
            intents.write(RemoteIntent::Take(Some(role)));
        }
        Some(JoinAction::Trainer) => {
            intents.write(RemoteIntent::Take(None));
        }
        Some(JoinAction::Back) => {
            intents.write(RemoteIntent::Leave);
        }
        None => {}
    });
    Ok(())
}
