//! The app's flow as Bevy states, driven by `Intent` messages: Start →
//! Setup → Briefing → Case → Debrief. No rendering and no egui here, so
//! the flow runs headless in tests (MinimalPlugins + StatesPlugin); the
//! screens in `screens.rs` only draw and send intents.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;

use crate::cli::check::collect;
use crate::core::engine::Session;
use crate::core::eval::{Debrief, evaluate};
use crate::core::export::{to_html, to_json};
use crate::core::scenario::Compiled;
use crate::core::scenario::load_file;
use crate::core::scenario::model::Act;
use crate::core::store;
use crate::ui::model::{LibraryCard, SavedCard, ScenarioCard};
use crate::ui::views::case::CaseUiState;
use crate::ui::views::debrief::DebriefUiState;
use crate::ui::views::setup::SetupState;
use crate::ui::views::theme::Settings;

/// The screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Start,
    Setup,
    Briefing,
    Case,
    Debrief,
}

/// What the trainee asked for; the screens send these, `apply_intents`
/// carries them out.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum Intent {
    /// Open the setup of library entry `i`.
    Open(usize),
    /// Continue saved session `i` of the Start screen's list (or open its
    /// debrief when it has ended).
    Resume(usize),
    /// Setup done: go to the briefing.
    Setup {
        role: String,
        trainee: Option<String>,
        seed: u64,
    },
    Back,
    /// From the briefing into the case.
    Begin,
    Act(Act),
    /// Stop the case (after confirmation) and go back to the start.
    Quit,
    Debrief,
    ExportHtml,
    ExportJson,
    Replay,
    ToStart,
}

/// A loaded library entry: the card and, when it loaded, the scenario.
#[derive(Debug, Clone)]
pub struct Entry {
    pub card: LibraryCard,
    pub scenario: Option<Arc<Compiled>>,
}

/// A case being played.
#[derive(Debug, Clone)]
pub struct Play {
    pub session: Session,
    pub role: usize,
    pub role_id: String,
    pub ui: CaseUiState,
    /// The last refused action, shown to the trainee.
    pub refused: Option<String>,
    /// This attempt's session file (chosen at the first save; never
    /// another attempt's).
    pub file: Option<PathBuf>,
    /// Why the last save failed, shown until a save succeeds again.
    pub save_error: Option<String>,
}

/// Everything the app holds.
#[derive(Resource, Debug, Clone, Default)]
pub struct AppData {
    pub library: Vec<Entry>,
    pub chosen: Option<usize>,
    pub setup: SetupState,
    pub play: Option<Play>,
    pub debrief: Option<(Debrief, DebriefUiState)>,
    pub settings: Settings,
    /// Asked to stop the case: waiting for confirmation.
    pub confirm_quit: bool,
    /// Where session logs and reports go.
    pub data_dir: PathBuf,
    /// Whether the settings were applied to the egui context yet.
    pub theme_applied: bool,
    /// Whether the scenario folder has been read (the start screen says
    /// "loading" until then).
    pub library_ready: bool,
    /// The saved sessions for the Start screen; `None`: read them again.
    pub saved: Option<Vec<store::Saved>>,
    /// Their cards, built once per reading (not per frame).
    pub saved_cards: Vec<SavedCard>,
}

impl AppData {
    /// The scenario with this id and content hash, if the library has it.
    pub fn find_scenario(&self, id: &str, hash: &str) -> Option<Arc<Compiled>> {
        self.library
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|c| c.scenario.id == id && c.hash == hash)
            .cloned()
    }

    /// Reads the sessions folder (never changes a file there).
    pub fn refresh_saved(&mut self) {
        let dir = self.data_dir.join("sessies");
        let list = store::list(&dir, |id, hash| self.find_scenario(id, hash));
        self.saved_cards = list
            .iter()
            .map(|s| {
                let c = s
                    .log
                    .as_ref()
                    .and_then(|l| self.find_scenario(&l.scenario, &l.scenario_hash));
                SavedCard::new(s, c.as_deref())
            })
            .collect();
        self.saved = Some(list);
    }
}

/// The folder for saved sessions and reports: `$KETENSIM_DATA`, else the
/// OS data directory (`core::store::data_dir`).
pub fn default_data_dir() -> PathBuf {
    store::data_dir()
}

/// Loads every scenario in `folder`; a broken one becomes an error card.
pub fn load_library(folder: &Path) -> Vec<Entry> {
    let (files, problems) = collect(&[folder.to_path_buf()]);
    let mut entries: Vec<Entry> = files
        .iter()
        .map(|f| {
            let file = f.display().to_string();
            match load_file(f) {
                Ok(l) => Entry {
                    card: LibraryCard::Scenario(ScenarioCard::new(&file, &l.compiled)),
                    scenario: Some(Arc::new(l.compiled)),
                },
                Err(d) => Entry {
                    card: LibraryCard::Broken {
                        file,
                        problems: d.to_string(),
                    },
                    scenario: None,
                },
            }
        })
        .collect();
    entries.extend(problems.into_iter().map(|p| Entry {
        card: LibraryCard::Broken {
            file: p.file.display().to_string(),
            problems: p.to_string(),
        },
        scenario: None,
    }));
    entries
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Intent>()
        .add_systems(Update, apply_intents);
}

/// Carries out the trainee's intents.
pub fn apply_intents(
    mut intents: MessageReader<Intent>,
    mut data: ResMut<AppData>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        let now = *screen.get();
        match (now, intent.clone()) {
            (Screen::Start, Intent::Open(i))
                if data.library.get(i).is_some_and(|e| e.scenario.is_some()) =>
            {
                data.chosen = Some(i);
                data.setup = SetupState::default();
                next.set(Screen::Setup);
            }
            (Screen::Start, Intent::Resume(i)) => {
                let Some(saved) = data.saved.as_ref().and_then(|l| l.get(i)).cloned() else {
                    continue;
                };
                // Shared with the crash test's driver (`drive --resume`).
                let Ok(resumed) = store::resume(&saved, |id, hash| data.find_scenario(id, hash))
                else {
                    continue;
                };
                let ended = resumed.session.state().ended();
                data.play = Some(Play {
                    session: resumed.session,
                    role: resumed.role,
                    role_id: resumed.role_id,
                    ui: CaseUiState::default(),
                    refused: None,
                    // The same attempt continues in its own file.
                    file: Some(resumed.file),
                    save_error: None,
                });
                if ended {
                    let Some(play) = data.play.as_ref() else {
                        continue;
                    };
                    if let Ok(d) = evaluate(play.session.scenario().clone(), play.session.log()) {
                        data.debrief = Some((d, DebriefUiState::default()));
                        next.set(Screen::Debrief);
                    }
                } else {
                    next.set(Screen::Case);
                }
            }
            (Screen::Setup, Intent::Back) => next.set(Screen::Start),
            (
                Screen::Setup,
                Intent::Setup {
                    role,
                    trainee,
                    seed,
                },
            ) if start_play(&mut data, &role, trainee.clone(), seed) => {
                next.set(Screen::Briefing);
            }
            (Screen::Briefing, Intent::Back) => {
                data.play = None;
                next.set(Screen::Setup);
            }
            (Screen::Briefing, Intent::Begin) => next.set(Screen::Case),
            (Screen::Case, Intent::Act(act)) => {
                let dir = data.data_dir.clone();
                if let Some(play) = data.play.as_mut() {
                    match play.session.apply(&play.role_id, &act) {
                        Ok(_) => {
                            play.refused = None;
                            autosave(&dir, play);
                        }
                        Err(e) => play.refused = Some(e.dutch()),
                    }
                }
            }
            (Screen::Case, Intent::Quit) => {
                data.confirm_quit = false;
                data.play = None;
                data.saved = None;
                next.set(Screen::Start);
            }
            (Screen::Case, Intent::Debrief) => {
                let Some(play) = data.play.as_ref() else {
                    continue;
                };
                if let Ok(d) = evaluate(play.session.scenario().clone(), play.session.log()) {
                    data.debrief = Some((d, DebriefUiState::default()));
                    next.set(Screen::Debrief);
                }
            }
            (Screen::Debrief, Intent::ExportHtml | Intent::ExportJson) => {
                let html = *intent == Intent::ExportHtml;
                let dir = data.data_dir.join("verslagen");
                let message = match data.debrief.as_ref() {
                    Some((d, _)) => export(&dir, d, html),
                    None => continue,
                };
                if let Some((_, ui)) = data.debrief.as_mut() {
                    ui.message = Some(message);
                }
            }
            (Screen::Debrief, Intent::Replay) => {
                let again = data.play.as_ref().map(|p| {
                    (
                        p.role_id.clone(),
                        p.session.log().trainee.clone(),
                        p.session.seed(),
                    )
                });
                if let Some((role, trainee, seed)) = again
                    && start_play(&mut data, &role, trainee, seed)
                {
                    data.debrief = None;
                    next.set(Screen::Case);
                }
            }
            (Screen::Debrief, Intent::ToStart) => {
                data.play = None;
                data.debrief = None;
                data.saved = None;
                next.set(Screen::Start);
            }
            // Anything else does not apply on this screen.
            _ => {}
        }
    }
}

/// Opens the app on `screen` with a scripted start: the first playable
/// scenario, `role`, and the first `steps` actions of `answers` (all of
/// them, and the clock run out, for the debrief). For demonstrations and
/// the screenshot script; returns a message when it cannot.
pub fn open_scripted(
    data: &mut AppData,
    screen: Screen,
    role: &str,
    seed: u64,
    answers: &[Act],
    steps: Option<usize>,
) -> Result<(), String> {
    let index = data
        .library
        .iter()
        .position(|e| e.scenario.is_some())
        .ok_or("no playable scenario in the library")?;
    data.chosen = Some(index);
    if screen == Screen::Start || screen == Screen::Setup {
        return Ok(());
    }
    if !start_play(data, role, None, seed) {
        return Err(format!("role `{role}` cannot be played in this scenario"));
    }
    let Some(play) = data.play.as_mut() else {
        return Err("the session did not start".into());
    };
    let take = match screen {
        Screen::Debrief => answers.len(),
        _ => steps.unwrap_or(0).min(answers.len()),
    };
    for (i, act) in answers.iter().take(take).enumerate() {
        play.session
            .apply(&play.role_id, act)
            .map_err(|e| format!("step {} cannot be played: {e}", i + 1))?;
    }
    if screen == Screen::Debrief {
        play.session.run_out(&play.role_id);
        let d = evaluate(play.session.scenario().clone(), play.session.log())
            .map_err(|e| e.to_string())?;
        data.debrief = Some((d, DebriefUiState::default()));
    }
    Ok(())
}

/// Starts a session for the chosen scenario; false if it cannot start.
fn start_play(data: &mut AppData, role: &str, trainee: Option<String>, seed: u64) -> bool {
    let Some(scenario) = data
        .chosen
        .and_then(|i| data.library.get(i))
        .and_then(|e| e.scenario.clone())
    else {
        return false;
    };
    let Some(&r) = scenario.ids.roles.get(role) else {
        return false;
    };
    match Session::start(scenario, seed, &[role.to_string()], trainee) {
        Ok(session) => {
            data.play = Some(Play {
                session,
                role: r,
                role_id: role.to_string(),
                ui: CaseUiState::default(),
                refused: None,
                file: None,
                save_error: None,
            });
            true
        }
        Err(_) => false,
    }
}

/// Saves the session log after every accepted action, atomically, in this
/// attempt's own file (`core::store`). A failed save is kept in
/// `save_error` (shown on the case screen with the path) and tried again
/// at the next action with the whole log; the log stays in memory.
fn autosave(dir: &Path, play: &mut Play) {
    let dir = dir.join("sessies");
    let log = play.session.log();
    let file = match &play.file {
        Some(f) => Ok(f.clone()),
        None => store::new_attempt(&dir, log),
    };
    let result = file.and_then(|f| {
        play.file = Some(f.clone());
        store::save(&f, log).map(|()| f)
    });
    play.save_error = match result {
        Ok(_) => None,
        Err(e) => Some(format!(
            "Opslaan mislukt in {}: {e}. Uw acties staan nog in het geheugen; na uw volgende actie probeert het programma het opnieuw.",
            play.file.as_deref().unwrap_or(&dir).display()
        )),
    };
}

/// Writes the report; returns a Dutch message for the trainee.
fn export(dir: &Path, d: &Debrief, html: bool) -> String {
    let name = format!(
        "{}-{}-seed{}.{}",
        d.scenario.id,
        d.session.roles.join("+"),
        d.session.seed,
        if html { "html" } else { "json" }
    );
    let text = if html {
        Ok(to_html(d))
    } else {
        to_json(d).map_err(|e| e.to_string())
    };
    let path = dir.join(&name);
    match text.and_then(|t| {
        std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(&path, t))
            .map_err(|e| e.to_string())
    }) {
        Ok(()) => format!("Opgeslagen: {}", path.display()),
        Err(e) => format!("Opslaan mislukt ({}): {e}", path.display()),
    }
}
