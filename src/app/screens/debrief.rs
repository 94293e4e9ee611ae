//! The trainee's own debrief after self-study: what went well, what was
//! missed and why (with the rule), saved as HTML or JSON; play again.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Screen, intents_on, start_play};
use crate::app::reports::{export, report_stem};
use crate::app::state::{DataDir, Debriefs, Library, Look, Playing, StartScreen};
use crate::ui::views::debrief::{DebriefAction, debrief_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Debrief)),
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
    let Some((debrief, state)) = debriefs.own.as_ref() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| {
        let intent = match debrief_ui(ui, debrief, state) {
            Some(DebriefAction::ExportHtml) => Some(Intent::ExportHtml),
            Some(DebriefAction::ExportJson) => Some(Intent::ExportJson),
            Some(DebriefAction::Replay) => Some(Intent::Replay),
            Some(DebriefAction::ToStart) => Some(Intent::ToStart),
            None => None,
        };
        if let Some(i) = intent {
            intents.write(i);
        }
    });
    Ok(())
}

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn handle(
    mut intents: MessageReader<Intent>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Res<Library>,
    data: Res<DataDir>,
    mut playing: ResMut<Playing>,
    mut debriefs: ResMut<Debriefs>,
    mut start: ResMut<StartScreen>,
) {
    for intent in intents_on(&mut intents, &screen, Screen::Debrief) {
        match intent {
            Intent::ExportHtml | Intent::ExportJson => {
                let html = intent == Intent::ExportHtml;
                let stem = report_stem(playing.0.as_ref());
                let file = playing.0.as_ref().and_then(|p| p.file());
                if let Some((d, ui)) = debriefs.own.as_mut() {
                    ui.message = Some(export(&data.reports(), d, html, stem, file));
                }
            }
            Intent::Replay => {
                // The same role, name, seed and hints: a new attempt.
                let again = playing.0.as_ref().map(|p| {
                    (
                        p.role_id.clone(),
                        p.session().log().trainee.clone(),
                        p.session().seed(),
                        p.session().hints(),
                    )
                });
                if let Some((role, trainee, seed, hints)) = again
                    && let Ok(play) = start_play(&library, &data, &role, trainee, seed, hints)
                {
                    playing.0 = Some(play);
                    debriefs.own = None;
                    next.set(Screen::Case);
                }
            }
            Intent::ToStart => {
                playing.0 = None;
                debriefs.own = None;
                start.saved = None;
                next.set(Screen::Start);
            }
            _ => {}
        }
    }
}
