//! "Mijn voortgang": a trainee's own record, read from the saved sessions
//! when the screen opens and for the name chosen (not per frame), saved
//! as CSV in the reports folder.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Screen, intents_on};
use crate::app::state::{DataDir, Library, Look, StartScreen};
use crate::core::eval::progress::{progress, to_csv, trainees};
use crate::core::store;
use crate::ui::model::LibraryCard;
use crate::ui::views::progress::{ProgressAction, ProgressUiState, ProgressView, progress_ui};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProgressScreen>()
        .add_systems(OnEnter(Screen::Progress), open)
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::Progress)),
        )
        .add_systems(Update, handle.in_set(HandleIntents));
}

/// The screen's view and state.
#[derive(Resource, Debug, Default)]
pub struct ProgressScreen {
    pub view: ProgressView,
    pub ui: ProgressUiState,
}

/// Reads the sessions folder; with one name on this machine, its record.
fn open(
    library: Res<Library>,
    data: Res<DataDir>,
    mut start: ResMut<StartScreen>,
    mut screen: ResMut<ProgressScreen>,
) {
    start.refresh(&library, &data);
    let saved = start.saved.as_deref().unwrap_or_default();
    let names = trainees(saved);
    let record = match names.as_slice() {
        [only] => Some(record(only, saved, &library)),
        _ => None,
    };
    *screen = ProgressScreen {
        view: ProgressView {
            trainees: names,
            record,
        },
        ui: ProgressUiState::default(),
    };
}

fn record(
    name: &str,
    saved: &[store::Saved],
    library: &Library,
) -> crate::core::eval::progress::Progress {
    let cases: Vec<(String, String)> = library
        .entries
        .iter()
        .filter_map(|e| match &e.card {
            LibraryCard::Scenario(c) => Some((c.id.clone(), c.title.clone())),
            LibraryCard::Broken { .. } => None,
        })
        .collect();
    progress(
        name,
        saved,
        |id, hash| library.find_scenario(id, hash),
        &cases,
    )
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    screen: Res<ProgressScreen>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        match progress_ui(ui, &screen.view, &screen.ui) {
            Some(ProgressAction::Choose(name)) => {
                intents.write(Intent::ChooseTrainee(name));
            }
            Some(ProgressAction::ExportCsv) => {
                intents.write(Intent::ExportProgress);
            }
            Some(ProgressAction::Back) => {
                intents.write(Intent::ToStart);
            }
            None => {}
        }
    });
    Ok(())
}

fn handle(
    mut intents: MessageReader<Intent>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Res<Library>,
    data: Res<DataDir>,
    start: Res<StartScreen>,
    mut screen: ResMut<ProgressScreen>,
) {
    for intent in intents_on(&mut intents, &state, Screen::Progress) {
        match intent {
            Intent::ChooseTrainee(name) => {
                let saved = start.saved.as_deref().unwrap_or_default();
                screen.view.record = Some(record(&name, saved, &library));
                screen.ui.message = None;
            }
            Intent::ExportProgress => {
                let Some(p) = &screen.view.record else {
                    continue;
                };
                let dir = data.reports();
                let name: String = p
                    .trainee
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let path = dir.join(format!("voortgang-{name}.csv"));
                let written = to_csv(p).and_then(|text| {
                    std::fs::create_dir_all(&dir)
                        .and_then(|()| store::write_atomic(&path, &text))
                        .map_err(|e| e.to_string())
                });
                screen.ui.message = Some(match written {
                    Ok(()) => format!("Opgeslagen: {}", path.display()),
                    Err(e) => format!("Opslaan mislukt ({}): {e}", path.display()),
                });
            }
            Intent::ToStart => next.set(Screen::Start),
            _ => {}
        }
    }
}
