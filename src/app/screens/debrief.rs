//! The trainee's own debrief after self-study: what went well, what was
//! missed and why (with the rule), saved as HTML or JSON; play again.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Screen, intents_on};
use crate::app::reports::{export, report_stem};
use crate::app::state::{DataDir, Debriefs, Library, Look, Playing, SetupScreen, StartScreen};
use crate::ui::views::debrief::{DebriefAction, debrief_ui};
use crate::ui::views::setup::SetupState;

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
    mut library: ResMut<Library>,
    mut setup: ResMut<SetupScreen>,
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
                // A new attempt of the same case: through the setup (the
                // same role, name, seed and hints filled in, to change if
                // wanted) and the briefing, as the first time.
                let Some(p) = playing.0.as_ref() else {
                    continue;
                };
                let id = p.session().scenario().scenario.id.clone();
                let form = SetupState {
                    role: Some(p.role_id.clone()),
                    trainee: p.session().log().trainee.clone().unwrap_or_default(),
                    seed: p.session().seed().to_string(),
                    hints: p.session().hints(),
                    ..SetupState::default()
                };
                library.chosen = library
                    .entries
                    .iter()
                    .position(|e| e.scenario.as_ref().is_some_and(|c| c.scenario.id == id));
                if library.chosen.is_some() {
                    setup.0 = form;
                    playing.0 = None;
                    debriefs.own = None;
                    next.set(Screen::Setup);
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
