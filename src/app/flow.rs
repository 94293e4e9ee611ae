//! The app's flow as Bevy states, driven by `Intent` messages: Start →
//! Setup → Briefing → Case → Debrief. No rendering and no egui here, so
//! the flow runs headless in tests (MinimalPlugins + StatesPlugin); the
//! screens in `screens.rs` only draw and send intents.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;

use super::local::LocalLink;
use super::projection::{Projection, Stamp};
use crate::core::engine::{Command, Seat, Session, Who};
use crate::core::eval::group::{GroupDebrief, group_debrief, read_trainer_note};
use crate::core::eval::{Debrief, evaluate};
use crate::core::export::{to_html, to_json};
use crate::core::library::collect;
use crate::core::scenario::Compiled;
use crate::core::scenario::load_file;
use crate::core::scenario::model::Act;
use crate::core::store;
use crate::core::view::Viewer;
use crate::ui::model::{LibraryCard, SavedCard, ScenarioCard};
use crate::ui::views::case::CaseUiState;
use crate::ui::views::debrief::DebriefUiState;
use crate::ui::views::group::GroupUiState;
use crate::ui::views::setup::SetupState;
use crate::ui::views::start::StartUiState;
use crate::ui::views::theme::Settings;
use crate::ui::views::trainer::{TrainerAction, TrainerUiState};

/// The screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Start,
    Setup,
    Briefing,
    Case,
    Debrief,
    /// Training day: the privacy screen between two seats.
    Handover,
    /// Training day: the trainer console.
    Trainer,
    /// Training day: the group debrief.
    GroupDebrief,
    /// Joining a training day on a host (`app::remote`).
    Join,
    /// This laptop's seat (or the trainer's place) on a host.
    Remote,
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
    /// Join a training day on a host (the join screen).
    Join,
    /// Setup done: go to the briefing. `hints`: the dossier shows each
    /// fact's legal category during play.
    Setup {
        role: String,
        trainee: Option<String>,
        seed: u64,
        hints: bool,
    },
    /// Setup done for a training day.
    SetupDay {
        seats: Vec<Seat>,
        trainer: bool,
        seed: u64,
        hints: bool,
    },
    Back,
    /// From the briefing into the case.
    Begin,
    /// The privacy screen: the next seat (or the trainer) is at the screen.
    HandOver,
    /// The privacy screen: open the trainer console.
    ToTrainer,
    /// A trainer command from the console.
    Trainer(TrainerAction),
    /// The group debrief: save the HTML report or the CSV.
    ExportGroupHtml,
    ExportGroupCsv,
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

/// A case being played on this computer.
#[derive(Debug, Clone)]
pub struct Play {
    /// The session, behind the local link: commands go in through it, and
    /// the screens draw only the projection it hands out
    /// (`app::projection::Projection`, see `sync_local`).
    pub link: LocalLink,
    pub role: usize,
    pub role_id: String,
    pub ui: CaseUiState,
    /// The last refused action, shown to the trainee.
    pub refused: Option<String>,
    /// A training day's turns and trainer state (`None` for self-study).
    pub day: Option<DayState>,
}

impl Play {
    fn new(link: LocalLink, role: usize, role_id: String, day: Option<DayState>) -> Play {
        Play {
            link,
            role,
            role_id,
            ui: CaseUiState::default(),
            refused: None,
            day,
        }
    }

    /// The session (for the debrief, the privacy screen and tests; the
    /// case screen draws the projection).
    pub fn session(&self) -> &Session {
        self.link.session()
    }

    /// This attempt's session file, once saved.
    pub fn file(&self) -> Option<&Path> {
        self.link.file()
    }

    /// Why the last save failed, until a save succeeds again.
    pub fn save_error(&self) -> Option<&str> {
        self.link.save_error()
    }

    /// Submits a command through the link; a refusal is kept for the
    /// screen. True when it was accepted (and saved, or the save error
    /// is shown).
    fn submit(&mut self, who: &Who, command: &Command) -> bool {
        match self.link.submit(who, command) {
            Ok(()) => {
                self.refused = None;
                true
            }
            Err(why) => {
                self.refused = Some(why);
                false
            }
        }
    }

    /// This seat's own `Who`.
    fn seat(&self) -> Who {
        Who::Seat {
            role: self.role_id.clone(),
        }
    }
}

/// Who the privacy screen hands the screen to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandTo {
    Seat(String),
    Trainer,
}

/// The training day on one screen: whose turn, who has read the briefing,
/// the trainer console's state. Everything that matters for the case is
/// in the session log (turns, pauses, observations); this is only the
/// screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct DayState {
    pub hand_to: HandTo,
    /// Roles whose seat has read its briefing.
    pub briefed: Vec<String>,
    pub trainer_ui: TrainerUiState,
    /// The seat whose screen the trainer looks at.
    pub seat_view: Option<String>,
    /// Each seat's case screen state (a share being composed, a flag
    /// half-way) while another seat has the screen.
    pub drafts: std::collections::BTreeMap<String, CaseUiState>,
}

impl DayState {
    fn new(session: &Session) -> DayState {
        DayState {
            hand_to: HandTo::Seat(next_seat(session)),
            briefed: Vec::new(),
            trainer_ui: TrainerUiState::default(),
            seat_view: None,
            drafts: std::collections::BTreeMap::new(),
        }
    }
}

/// The seat whose turn it is: the first (in seat order) that has not
/// ended the current day-part.
pub fn next_seat(session: &Session) -> String {
    let waiting = session.waiting_for();
    session
        .log()
        .seats()
        .iter()
        .map(|s| s.role.clone())
        .find(|r| waiting.contains(r))
        .or_else(|| session.log().roles.first().cloned())
        .unwrap_or_default()
}

/// Whether a log is a training day's (seats or a trainer).
pub fn is_day(session: &Session) -> bool {
    session.log().trainer || session.log().roles.len() > 1
}

/// Everything the app holds.
#[derive(Resource, Debug, Clone, Default)]
pub struct AppData {
    pub library: Vec<Entry>,
    /// The start screen's tab, filters and open card.
    pub start_ui: StartUiState,
    pub chosen: Option<usize>,
    pub setup: SetupState,
    pub play: Option<Play>,
    pub debrief: Option<(Debrief, DebriefUiState)>,
    /// A training day's group debrief.
    pub group: Option<(GroupDebrief, GroupUiState)>,
    /// The scenario folder (for a scenario's trainer note).
    pub scenarios_dir: PathBuf,
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
    /// Why the last "Verder spelen" did not work (shown on the Start
    /// screen until the next try).
    pub start_message: Option<String>,
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

    /// The library's scenario with this id, whatever its version.
    pub fn find_by_id(&self, id: &str) -> Option<Arc<Compiled>> {
        self.library
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|c| c.scenario.id == id)
            .cloned()
    }

    /// The trainer note of the library's scenario `c` (the `.md` beside
    /// its file), if there is one.
    pub fn trainer_note(&self, c: &Compiled) -> Option<String> {
        let file = self
            .library
            .iter()
            .find_map(|e| match (&e.card, &e.scenario) {
                (LibraryCard::Scenario(card), Some(x)) if x.hash == c.hash => {
                    Some(card.file.clone())
                }
                _ => None,
            })?;
        let path = Path::new(&file);
        read_trainer_note(path).or_else(|| read_trainer_note(&self.scenarios_dir.join(path)))
    }

    /// Builds the group debrief of the session being played; false if it
    /// cannot be built.
    pub fn open_group(&mut self) -> bool {
        let Some(play) = self.play.as_ref() else {
            return false;
        };
        let c = play.session().scenario().clone();
        let note = self.trainer_note(&c);
        match group_debrief(c, play.session().log(), note.as_deref()) {
            Ok(g) => {
                self.group = Some((g, GroupUiState::default()));
                true
            }
            Err(_) => false,
        }
    }

    /// Reads the sessions folder (never changes a file there).
    pub fn refresh_saved(&mut self) {
        let dir = self.data_dir.join("sessies");
        let list = store::list(&dir, |id, hash| self.find_scenario(id, hash));
        self.saved_cards = list
            .iter()
            .map(|s| {
                // The version it was played on; else (for its title and
                // role names only) the library's version of the case.
                let c = s.log.as_ref().and_then(|l| {
                    self.find_scenario(&l.scenario, &l.scenario_hash)
                        .or_else(|| self.find_by_id(&l.scenario))
                });
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
        .init_resource::<Projection>()
        .add_systems(Update, (apply_intents, sync_local).chain());
}

/// Keeps the projection on screen in step with the local session: the
/// seat that has the screen sees its own projection, the trainer console
/// the trainer's. It is projected again only when the link, its version
/// (an accepted command), the viewer or the seat the trainer looks at
/// changed — not every frame.
pub fn sync_local(
    mut data: ResMut<AppData>,
    screen: Res<State<Screen>>,
    mut shown: ResMut<Projection>,
) {
    let screen = *screen.get();
    if matches!(screen, Screen::Join | Screen::Remote) {
        return;
    }
    // Read without marking anything changed; only a new stamp projects.
    let Some(play) = data.play.as_ref() else {
        if shown.stamp.is_some() {
            *shown = Projection::default();
        }
        return;
    };
    let trainer = screen == Screen::Trainer;
    let looking_at = play
        .day
        .as_ref()
        .filter(|_| trainer)
        .and_then(|d| d.seat_view.clone());
    let stamp = Stamp {
        link: play.link.id(),
        version: play.link.version(),
        viewer: if trainer {
            Viewer::Trainer
        } else {
            Viewer::Seat(play.role)
        },
        looking_at,
    };
    if shown.stamp.as_ref() == Some(&stamp) {
        return;
    }
    let Some(play) = data.play.as_mut() else {
        return;
    };
    let view = play.link.view(stamp.viewer);
    shown.set(view, false);
    if let Some(v) = shown.view.take() {
        shown.look_at(&v, stamp.looking_at.clone());
        shown.view = Some(v);
    }
    shown.stamp = Some(stamp);
}

/// Carries out the trainee's intents.
#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
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
            (Screen::Start, Intent::Join) => next.set(Screen::Join),
            (Screen::Start, Intent::Resume(i)) => {
                let Some(saved) = data.saved.as_ref().and_then(|l| l.get(i)).cloned() else {
                    continue;
                };
                // Shared with the crash test's driver (`drive --resume`).
                let resumed = match store::resume(&saved, |id, hash| data.find_scenario(id, hash)) {
                    Ok(r) => r,
                    Err(e) => {
                        data.start_message = Some(e.to_string());
                        data.saved = None;
                        continue;
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
                            data.start_message = Some(format!(
                                "Deze sessie kan niet worden voortgezet: {} kan niet worden bijgeschreven ({e}). Het bestand blijft bewaard.",
                                resumed.file.display()
                            ));
                            data.saved = None;
                            continue;
                        }
                    }
                };
                data.start_message = None;
                let link = LocalLink::resumed(resumed.session, journal, resumed.file);
                data.play = Some(Play::new(link, resumed.role, resumed.role_id, None));
                if let Some(play) = data.play.as_mut()
                    && is_day(play.session())
                {
                    let mut day = DayState::new(play.session());
                    // A resumed training day: every seat has read its
                    // briefing already.
                    day.briefed = play.session().log().roles.clone();
                    play.day = Some(day);
                }
                let day = data.play.as_ref().is_some_and(|p| p.day.is_some());
                if day && !ended {
                    next.set(Screen::Handover);
                    continue;
                }
                if day {
                    if data.open_group() {
                        next.set(Screen::GroupDebrief);
                    }
                    continue;
                }
                if ended {
                    let Some(play) = data.play.as_ref() else {
                        continue;
                    };
                    if let Ok(d) = evaluate(play.session().scenario().clone(), play.session().log())
                    {
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
                    hints,
                },
            ) => match start_play(&mut data, &role, trainee.clone(), seed, hints) {
                Ok(()) => {
                    data.setup.refused = None;
                    next.set(Screen::Briefing);
                }
                Err(why) => data.setup.refused = Some(why),
            },
            (
                Screen::Setup,
                Intent::SetupDay {
                    seats,
                    trainer,
                    seed,
                    hints,
                },
            ) => match start_day(&mut data, &seats, trainer, seed, hints) {
                Ok(()) => {
                    data.setup.refused = None;
                    next.set(Screen::Handover);
                }
                Err(why) => data.setup.refused = Some(why),
            },
            (Screen::Handover, Intent::HandOver) => {
                let Some(play) = data.play.as_mut() else {
                    continue;
                };
                let Some(day) = play.day.as_mut() else {
                    continue;
                };
                let roles = &play.link.session().scenario().ids.roles;
                match day.hand_to.clone() {
                    HandTo::Trainer => next.set(Screen::Trainer),
                    HandTo::Seat(role) => {
                        if let Some(&r) = roles.get(&role) {
                            // The seat that leaves keeps its half-done work;
                            // the one that comes finds its own.
                            let left = std::mem::take(&mut play.ui);
                            day.drafts.insert(play.role_id.clone(), left);
                            play.role = r;
                            play.role_id = role.clone();
                            play.ui = day.drafts.remove(&role).unwrap_or_default();
                            play.ui.notice = None;
                            play.refused = None;
                        }
                        if day.briefed.contains(&role) {
                            next.set(Screen::Case);
                        } else {
                            day.briefed.push(role);
                            next.set(Screen::Briefing);
                        }
                    }
                }
            }
            (Screen::Handover, Intent::ToTrainer) => {
                if let Some(play) = data.play.as_mut()
                    && play.session().log().trainer
                    && let Some(day) = play.day.as_mut()
                {
                    day.hand_to = HandTo::Trainer;
                    next.set(Screen::Trainer);
                }
            }
            (Screen::Trainer, Intent::Trainer(command)) => {
                let Some(play) = data.play.as_mut() else {
                    continue;
                };
                // The trainer's commands go through the session's one
                // way in, which checks that this session has a trainer.
                let command = match (command.command(), command) {
                    (Some(c), _) => c,
                    (None, TrainerAction::ViewSeat(role)) => {
                        if let Some(day) = play.day.as_mut() {
                            day.seat_view = Some(role);
                        }
                        continue;
                    }
                    (None, TrainerAction::Back) => {
                        let seat = next_seat(play.session());
                        if let Some(day) = play.day.as_mut() {
                            day.hand_to = HandTo::Seat(seat);
                        }
                        next.set(Screen::Handover);
                        continue;
                    }
                    (None, TrainerAction::Debrief) => {
                        if data.open_group() {
                            next.set(Screen::GroupDebrief);
                        }
                        continue;
                    }
                    (None, _) => continue,
                };
                play.submit(&Who::Trainer, &command);
            }
            (Screen::Briefing, Intent::Back) => {
                data.play = None;
                next.set(Screen::Setup);
            }
            (Screen::Briefing, Intent::Begin) => next.set(Screen::Case),
            (Screen::Case, Intent::Act(Act::Advance))
                if data.play.as_ref().is_some_and(|p| p.day.is_some()) =>
            {
                // A training day: this seat ends its day-part; the next
                // seat (or, when the clock moved, the first) takes over
                // through the privacy screen.
                let Some(play) = data.play.as_mut() else {
                    continue;
                };
                if play.submit(&play.seat(), &Command::Act(Act::Advance)) {
                    let seat = next_seat(play.session());
                    if let Some(day) = play.day.as_mut() {
                        day.hand_to = HandTo::Seat(seat);
                    }
                    if !play.session().state().ended() {
                        next.set(Screen::Handover);
                    }
                }
            }
            (Screen::Case, Intent::Act(act)) => {
                if let Some(play) = data.play.as_mut() {
                    play.submit(&play.seat(), &Command::Act(act));
                }
            }
            (Screen::Case, Intent::Quit) => {
                data.confirm_quit = false;
                data.play = None;
                data.saved = None;
                next.set(Screen::Start);
            }
            // A training day opens the group debrief (if it cannot be
            // built, the arm below shows each role's own debrief).
            (Screen::Case, Intent::Debrief)
                if data.play.as_ref().is_some_and(|p| p.day.is_some()) && data.open_group() =>
            {
                next.set(Screen::GroupDebrief);
            }
            (Screen::GroupDebrief, Intent::ExportGroupHtml | Intent::ExportGroupCsv) => {
                let html = *intent == Intent::ExportGroupHtml;
                let dir = data.data_dir.join("verslagen");
                let message = match data.group.as_ref() {
                    Some((g, _)) => export_group(&dir, g, html, report_stem(data.play.as_ref())),
                    None => continue,
                };
                if let Some((_, ui)) = data.group.as_mut() {
                    ui.message = Some(message);
                }
            }
            (Screen::GroupDebrief, Intent::ToStart) => {
                data.play = None;
                data.group = None;
                data.saved = None;
                next.set(Screen::Start);
            }
            (Screen::Case, Intent::Debrief) => {
                let Some(play) = data.play.as_ref() else {
                    continue;
                };
                if let Ok(d) = evaluate(play.session().scenario().clone(), play.session().log()) {
                    data.debrief = Some((d, DebriefUiState::default()));
                    next.set(Screen::Debrief);
                }
            }
            (Screen::Debrief, Intent::ExportHtml | Intent::ExportJson) => {
                let html = *intent == Intent::ExportHtml;
                let dir = data.data_dir.join("verslagen");
                let message = match data.debrief.as_ref() {
                    Some((d, _)) => export(&dir, d, html, report_stem(data.play.as_ref())),
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
                        p.session().log().trainee.clone(),
                        p.session().seed(),
                        p.session().hints(),
                    )
                });
                if let Some((role, trainee, seed, hints)) = again
                    && start_play(&mut data, &role, trainee, seed, hints).is_ok()
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

/// Starts a session for the chosen scenario, with the hints on or off;
/// the Dutch reason when it cannot start.
pub(super) fn start_play(
    data: &mut AppData,
    role: &str,
    trainee: Option<String>,
    seed: u64,
    hints: bool,
) -> Result<(), String> {
    let scenario = chosen_scenario(data)?;
    let r = *scenario
        .ids
        .roles
        .get(role)
        .ok_or_else(|| format!("Deze casus heeft geen rol `{role}`."))?;
    match Session::start(scenario, seed, &[role.to_string()], trainee) {
        Ok(mut session) => {
            session.set_hints(hints);
            let link = LocalLink::new(session, data.data_dir.join("sessies"));
            data.play = Some(Play::new(link, r, role.to_string(), None));
            Ok(())
        }
        Err(e) => Err(format!("De casus kan zo niet starten: {}", e.dutch())),
    }
}

/// The scenario chosen on the Start screen.
fn chosen_scenario(data: &AppData) -> Result<Arc<Compiled>, String> {
    data.chosen
        .and_then(|i| data.library.get(i))
        .and_then(|e| e.scenario.clone())
        .ok_or_else(|| "Kies eerst een casus die geladen is.".to_string())
}

/// Starts a training day for the chosen scenario, with the hints on or
/// off; the Dutch reason when it cannot.
pub(super) fn start_day(
    data: &mut AppData,
    seats: &[Seat],
    trainer: bool,
    seed: u64,
    hints: bool,
) -> Result<(), String> {
    let scenario = chosen_scenario(data)?;
    let first = seats
        .first()
        .ok_or("Kies minstens één organisatie die door mensen wordt gespeeld.")?;
    let r = *scenario
        .ids
        .roles
        .get(&first.role)
        .ok_or_else(|| format!("Deze casus heeft geen rol `{}`.", first.role))?;
    match Session::start_day(scenario, seed, seats, trainer) {
        Ok(mut session) => {
            session.set_hints(hints);
            let day = DayState::new(&session);
            let link = LocalLink::new(session, data.data_dir.join("sessies"));
            data.play = Some(Play::new(link, r, first.role.clone(), Some(day)));
            Ok(())
        }
        Err(e) => Err(format!(
            "De trainingsdag kan zo niet starten: {}",
            e.dutch()
        )),
    }
}

/// A report is named after its session's own file (one per attempt), so
/// the report of a second attempt never overwrites the first; without a
/// saved file, after the scenario, roles and seed.
fn report_stem(play: Option<&Play>) -> Option<String> {
    Some(store::file_stem(play?.file()?))
}

/// Writes the group report (HTML) or the scores (CSV, one row per seat);
/// returns a Dutch message.
fn export_group(dir: &Path, g: &GroupDebrief, html: bool, stem: Option<String>) -> String {
    let name = format!(
        "{}.{}",
        stem.unwrap_or_else(|| format!("{}-trainingsdag-seed{}", g.scenario.id, g.session.seed)),
        if html { "html" } else { "csv" }
    );
    let text = if html {
        Ok(crate::core::export::group::to_group_html(g))
    } else {
        crate::core::export::csv::to_group_csv(g).map_err(|e| e.to_string())
    };
    write_report(dir, &name, text)
}

/// Writes the report; returns a Dutch message for the trainee.
fn export(dir: &Path, d: &Debrief, html: bool, stem: Option<String>) -> String {
    let name = format!(
        "{}.{}",
        stem.unwrap_or_else(|| format!(
            "{}-{}-seed{}",
            d.scenario.id,
            d.session.roles.join("+"),
            d.session.seed
        )),
        if html { "html" } else { "json" }
    );
    let text = if html {
        Ok(to_html(d))
    } else {
        to_json(d).map_err(|e| e.to_string())
    };
    write_report(dir, &name, text)
}

/// Writes a report into `dir` atomically (like the sessions); returns a
/// Dutch message for the trainee or trainer.
fn write_report(dir: &Path, name: &str, text: Result<String, String>) -> String {
    let path = dir.join(name);
    match text.and_then(|t| {
        std::fs::create_dir_all(dir)
            .and_then(|_| store::write_atomic(&path, &t))
            .map_err(|e| e.to_string())
    }) {
        Ok(()) => format!("Opgeslagen: {}", path.display()),
        Err(e) => format!("Opslaan mislukt ({}): {e}", path.display()),
    }
}
