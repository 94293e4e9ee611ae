//! The setup of the chosen case: self-study (a role, a name, a seed, the
//! hints) or a training day (seats, a trainer). A start the case refuses
//! shows its reason here.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Screen, intents_on, start_day, start_play};
use crate::app::state::{DataDir, Library, Look, Playing, SetupScreen};
use crate::ui::model::LibraryCard;
use crate::ui::views::setup::{SetupAction, setup_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Setup)))
        .add_systems(Update, handle.in_set(HandleIntents));
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    library: Res<Library>,
    mut setup: ResMut<SetupScreen>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let Some(LibraryCard::Scenario(card)) = library
        .chosen
        .and_then(|i| library.entries.get(i))
        .map(|e| e.card.clone())
    else {
        intents.write(Intent::Back);
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| match setup_ui(ui, &card, &mut setup.0) {
        Some(SetupAction::Back) => {
            intents.write(Intent::Back);
        }
        Some(SetupAction::Start {
            role,
            trainee,
            seed,
            hints,
        }) => {
            intents.write(Intent::Setup {
                role,
                trainee,
                seed,
                hints,
            });
        }
        Some(SetupAction::StartDay {
            seats,
            trainer,
            seed,
            hints,
        }) => {
            intents.write(Intent::SetupDay {
                seats,
                trainer,
                seed,
                hints,
            });
        }
        None => {}
    });
    Ok(())
}

fn handle(
    mut intents: MessageReader<Intent>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Res<Library>,
    data: Res<DataDir>,
    mut setup: ResMut<SetupScreen>,
    mut playing: ResMut<Playing>,
) {
    for intent in intents_on(&mut intents, &screen, Screen::Setup) {
        let (started, to) = match intent {
            Intent::Back => {
                next.set(Screen::Start);
                continue;
            }
            Intent::Setup {
                role,
                trainee,
                seed,
                hints,
            } => (
                start_play(&library, &data, &role, trainee, seed, hints),
                Screen::Briefing,
            ),
            Intent::SetupDay {
                seats,
                trainer,
                seed,
                hints,
            } => (
                start_day(&library, &data, &seats, trainer, seed, hints),
                Screen::Handover,
            ),
            _ => continue,
        };
        match started {
            Ok(play) => {
                playing.0 = Some(play);
                setup.0.refused = None;
                next.set(to);
            }
            Err(why) => setup.0.refused = Some(why),
        }
    }
}
