//! The Start screen: the library's cards, the saved sessions and the way
//! to a training day on a network. Opening a card goes to its setup;
//! "Verder spelen" resumes a saved attempt in its own journal.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{DayState, HandleIntents, Intent, Play, Screen, intents_on, is_day};
use crate::app::local::LocalLink;
use crate::app::state::{DataDir, Debriefs, Library, Look, Playing, SetupScreen, StartScreen};
use crate::core::eval::evaluate;
use crate::core::store;
use crate::ui::model::LibraryCard;
use crate::ui::views::debrief::DebriefUiState;
use crate::ui::views::start::{StartAction, start_ui};
use crate::ui::views::theme;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Start)))
        .add_systems(Update, handle.in_set(HandleIntents));
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    library: Res<Library>,
    data: Res<DataDir>,
    mut start: ResMut<StartScreen>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let cards: Vec<LibraryCard> = library.entries.iter().map(|e| e.card.clone()).collect();
    if start.saved.is_none() && library.ready {
        start.refresh(&library, &data);
    }
    if let Some(message) = start.message.clone() {
        egui::Panel::top("start-message").show(&mut ui, |ui| {
            ui.colored_label(theme::bad(ui), egui::RichText::new(message).strong());
        });
    }
    let start = &mut *start;
    egui::CentralPanel::default().show(&mut ui, |ui| {
        match start_ui(
            ui,
            &cards,
            &start.saved_cards,
            !library.ready,
            &mut start.ui,
        ) {
            Some(StartAction::Open(i)) => {
                intents.write(Intent::Open(i));
            }
            Some(StartAction::Resume(i)) => {
                intents.write(Intent::Resume(i));
            }
            Some(StartAction::Join) => {
                intents.write(Intent::Join);
            }
            Some(StartAction::Progress) => {
                intents.write(Intent::Progress);
            }
            Some(StartAction::Edit(i)) => {
                intents.write(Intent::Edit(i));
            }
            Some(StartAction::NewCase(n)) => {
                intents.write(Intent::NewCase(n));
            }
            Some(StartAction::Quit) | None => {}
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
    mut start: ResMut<StartScreen>,
    mut playing: ResMut<Playing>,
    mut debriefs: ResMut<Debriefs>,
    mut commands: Commands,
) {
    for intent in intents_on(&mut intents, &screen, Screen::Start) {
        match intent {
            Intent::Open(i) if library.entries.get(i).is_some_and(|e| e.scenario.is_some()) => {
                library.chosen = Some(i);
                *setup = SetupScreen::default();
                next.set(Screen::Setup);
            }
            Intent::Join => next.set(Screen::Join),
            Intent::NewCase(n) => {
                let made = crate::core::authoring::template::create(&library.folder, &n)
                    .and_then(|file| super::editor::EditorScreen::open_path(&file));
                match made {
                    Ok(editor) => {
                        commands.insert_resource(editor);
                        next.set(Screen::Editor);
                    }
                    Err(why) => start.message = Some(why),
                }
            }
            Intent::Edit(i) => match super::editor::EditorScreen::open(&library, i) {
                Ok(editor) => {
                    commands.insert_resource(editor);
                    next.set(Screen::Editor);
                }
                Err(why) => start.message = Some(why),
            },
            Intent::Progress => next.set(Screen::Progress),
            Intent::Resume(i) => {
                if let Some(to) = resume(i, &library, &mut start, &mut playing, &mut debriefs) {
                    next.set(to);
                }
            }
            _ => {}
        }
    }
}

/// Resumes saved session `i` of the list; the screen to go to, or `None`
/// (the reason is on the Start screen).
fn resume(
    i: usize,
    library: &Library,
    start: &mut StartScreen,
    playing: &mut Playing,
    debriefs: &mut Debriefs,
) -> Option<Screen> {
    let saved = start.saved.as_ref().and_then(|l| l.get(i)).cloned()?;
    // Shared with the crash test's driver (`drive --resume`).
    let resumed = match store::resume(&saved, |id, hash| library.find_scenario(id, hash)) {
        Ok(r) => r,
        Err(e) => {
            start.message = Some(e.to_string());
            start.saved = None;
            return None;
        }
    };
    let ended = resumed.session.state().ended();
    // The same attempt continues in its own journal.
    let journal = if ended {
        None
    } else {
        match store::Journal::resume(&resumed.file, resumed.session.log()) {
            Ok(j) => Some(j),
            Err(e) => {
                start.message = Some(format!(
                    "Deze sessie kan niet worden voortgezet: {} kan niet worden bijgeschreven ({e}). Het bestand blijft bewaard.",
                    resumed.file.display()
                ));
                start.saved = None;
                return None;
            }
        }
    };
    start.message = None;
    let link = LocalLink::resumed(resumed.session, journal, resumed.file);
    let mut play = Play::new(link, resumed.role, resumed.role_id, None);
    if is_day(play.session()) {
        let mut day = DayState::new(play.session());
        // A resumed training day: every seat has read its briefing.
        day.briefed = play.session().log().roles.clone();
        play.day = Some(day);
    }
    let day = play.day.is_some();
    let debrief = (ended && !day)
        .then(|| evaluate(play.session().scenario().clone(), play.session().log()).ok())
        .flatten();
    playing.0 = Some(play);
    match (day, ended) {
        (true, false) => Some(Screen::Handover),
        (true, true) => debriefs
            .open_group(library, playing)
            .then_some(Screen::GroupDebrief),
        (false, true) => {
            let d = debrief?;
            let state = DebriefUiState::new(&d);
            debriefs.own = Some((d, state));
            Some(Screen::Debrief)
        }
        (false, false) => Some(Screen::Case),
    }
}
