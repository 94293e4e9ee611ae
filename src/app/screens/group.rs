//! A training day's group debrief: every seat side by side, the trainer's
//! observations and marks, saved as HTML or as CSV (one row per seat).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Screen, intents_on};
use crate::app::reports::{export_group, report_stem};
use crate::app::state::{DataDir, Debriefs, Look, Playing, StartScreen};
use crate::ui::views::group::{GroupAction, group_debrief_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::GroupDebrief)),
    )
    .add_systems(Update, handle.in_set(HandleIntents));
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    debriefs: Res<Debriefs>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let Some((group, state)) = debriefs.group.as_ref() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| {
        let intent = match group_debrief_ui(ui, group, state) {
            Some(GroupAction::ExportHtml) => Some(Intent::ExportGroupHtml),
            Some(GroupAction::ExportCsv) => Some(Intent::ExportGroupCsv),
            Some(GroupAction::ToStart) => Some(Intent::ToStart),
            None => None,
        };
        if let Some(i) = intent {
            intents.write(i);
        }
    });
    Ok(())
}

fn handle(
    mut intents: MessageReader<Intent>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    data: Res<DataDir>,
    mut playing: ResMut<Playing>,
    mut debriefs: ResMut<Debriefs>,
    mut start: ResMut<StartScreen>,
) {
    for intent in intents_on(&mut intents, &screen, Screen::GroupDebrief) {
        match intent {
            Intent::ExportGroupHtml | Intent::ExportGroupCsv => {
                let html = intent == Intent::ExportGroupHtml;
                let stem = report_stem(playing.0.as_ref());
                if let Some((g, ui)) = debriefs.group.as_mut() {
                    ui.message = Some(export_group(&data.reports(), g, html, stem));
                }
            }
            Intent::ToStart => {
                playing.0 = None;
                debriefs.group = None;
                start.saved = None;
                next.set(Screen::Start);
            }
            _ => {}
        }
    }
}
