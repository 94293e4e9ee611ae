//! The app's flow: the screens as Bevy states (Start → Setup → Briefing →
//! Case → Debrief, and a training day's privacy screen, trainer console
//! and group debrief), the `Intent` messages the screens send, the case
//! being played behind its local link, and the system that keeps the
//! projection on screen in step with it. Each screen's file in
//! `app::screens` draws it and carries out the intents sent on it; no
//! rendering here, so the flow runs headless in tests (MinimalPlugins +
//! StatesPlugin).

use std::path::Path;

use bevy::prelude::*;

use super::local::LocalLink;
use super::projection::{Projection, Stamp};
use super::state::{DataDir, Debriefs, Library, Look, Playing, SetupScreen, StartScreen};
use crate::core::engine::{Command, Seat, Session, Who};
use crate::core::scenario::model::Act;
use crate::core::store;
use crate::core::view::Viewer;
use crate::ui::views::case::CaseUiState;
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
    /// A trainee's own record ("Mijn voortgang").
    Progress,
    /// The case editor ("Bewerken" on a case's card).
    Editor,
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
    /// Open "Mijn voortgang".
    Progress,
    /// Open library entry `i` in the case editor.
    Edit(usize),
    /// Make a new case in the library folder and open it in the editor.
    NewCase(crate::core::authoring::template::NewCase),
    /// What the author did in the editor.
    Editor(crate::ui::views::editor::EditorAction),
    /// "Mijn voortgang": show this trainee's record.
    ChooseTrainee(String),
    /// "Mijn voortgang": save the record as CSV.
    ExportProgress,
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
    /// An author's playtest from the editor ("Speel vanaf hier"):
    /// stopping goes back to the editor.
    pub playtest: bool,
}

impl Play {
    pub fn new(link: LocalLink, role: usize, role_id: String, day: Option<DayState>) -> Play {
        Play {
            link,
            role,
            role_id,
            ui: CaseUiState::default(),
            refused: None,
            day,
            playtest: false,
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
    pub fn submit(&mut self, who: &Who, command: &Command) -> bool {
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
    pub fn seat(&self) -> Who {
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
    pub fn new(session: &Session) -> DayState {
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

/// The systems that carry out intents (one per screen, in
/// `app::screens`); the projection follows after them.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct HandleIntents;

/// The states, the intents, the app's resources and the projection's
/// upkeep. The screens (`app::screens::plugin`) come on top.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Intent>()
        .init_resource::<Projection>()
        .init_resource::<Library>()
        .init_resource::<DataDir>()
        .init_resource::<Look>()
        .init_resource::<StartScreen>()
        .init_resource::<SetupScreen>()
        .init_resource::<Playing>()
        .init_resource::<Debriefs>()
        .add_systems(Update, sync_local.after(HandleIntents))
        .add_systems(Last, save_look.run_if(|look: Res<Look>| look.unsaved))
        .add_systems(
            Update,
            keep_versions
                .run_if(|l: Res<Library>, d: Res<DataDir>| l.is_changed() || d.is_changed()),
        );
}

/// Keeps the text of every case in the library under its content hash in
/// the data folder (once per version), and tells the library where: a
/// session played on a version that was edited since still resumes and
/// reports (`store::versions`).
fn keep_versions(mut library: ResMut<Library>, data: Res<DataDir>) {
    let dir = data.versions();
    // Not a change of the library's content: no new run of this system.
    let lib = library.bypass_change_detection();
    lib.kept = dir.clone();
    for e in &lib.entries {
        let (crate::ui::model::LibraryCard::Scenario(card), Some(c)) = (&e.card, &e.scenario)
        else {
            continue;
        };
        if store::versions::path(&dir, &c.scenario.id, &c.hash).exists() {
            continue;
        }
        let kept = std::fs::read_to_string(&card.file).map(|text| {
            // Only the text that gave this scenario (the file may have
            // changed since it was loaded).
            if crate::core::scenario::compile::content_hash(&text) == c.hash {
                store::versions::keep(&dir, &c.scenario.id, &text).map(|_| ())
            } else {
                Ok(())
            }
        });
        if let Err(e) | Ok(Err(e)) = kept {
            warn!("could not keep a version of {}: {e}", card.file);
        }
    }
}

/// Saves the display settings the trainee changed, so the next run starts
/// with them. A failure is reported once and not retried every frame.
fn save_look(mut look: ResMut<Look>, data: Res<DataDir>) {
    if let Err(e) = look.save(&data) {
        warn!(
            "could not save the display settings in {}: {e}",
            data.settings().display()
        );
        look.unsaved = false;
    }
}

/// The intents sent on `screen` this frame (every handler reads every
/// frame, so none is left over for the next screen).
pub fn intents_on(
    intents: &mut MessageReader<Intent>,
    now: &State<Screen>,
    screen: Screen,
) -> Vec<Intent> {
    let all: Vec<Intent> = intents.read().cloned().collect();
    if *now.get() == screen {
        all
    } else {
        Vec::new()
    }
}

/// Keeps the projection on screen in step with the local session: the
/// seat that has the screen sees its own projection, the trainer console
/// the trainer's. It is projected again only when the link, its version
/// (an accepted command), the viewer or the seat the trainer looks at
/// changed — not every frame.
pub fn sync_local(
    mut playing: ResMut<Playing>,
    screen: Res<State<Screen>>,
    mut shown: ResMut<Projection>,
) {
    let screen = *screen.get();
    if matches!(screen, Screen::Join | Screen::Remote) {
        return;
    }
    // Read without marking anything changed; only a new stamp projects.
    let Some(play) = playing.0.as_ref() else {
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
    let Some(play) = playing.0.as_mut() else {
        return;
    };
    let view = play.link.view(stamp.viewer);
    shown.set(view, false);
    let looking = shown.trainer_seat.as_ref().map(|(role, _)| role);
    if looking != stamp.looking_at.as_ref() {
        shown.look_at(stamp.looking_at.clone());
    }
    shown.stamp = Some(stamp);
}

/// Starts a session of the chosen scenario with `role` played, the hints
/// on or off; the Dutch reason when it cannot start.
pub fn start_play(
    library: &Library,
    data: &DataDir,
    role: &str,
    trainee: Option<String>,
    seed: u64,
    hints: bool,
) -> Result<Play, String> {
    let scenario = library.chosen_scenario()?;
    let r = *scenario
        .ids
        .roles
        .get(role)
        .ok_or_else(|| format!("Deze casus heeft geen rol `{role}`."))?;
    match Session::start(scenario, seed, &[role.to_string()], trainee) {
        Ok(mut session) => {
            session.set_hints(hints);
            let link = LocalLink::new(session, data.sessions());
            Ok(Play::new(link, r, role.to_string(), None))
        }
        Err(e) => Err(format!("De casus kan zo niet starten: {}", e.dutch())),
    }
}

/// Starts a training day of the chosen scenario, with the hints on or
/// off; the Dutch reason when it cannot.
pub fn start_day(
    library: &Library,
    data: &DataDir,
    seats: &[Seat],
    trainer: bool,
    seed: u64,
    hints: bool,
) -> Result<Play, String> {
    let scenario = library.chosen_scenario()?;
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
            let link = LocalLink::new(session, data.sessions());
            Ok(Play::new(link, r, first.role.clone(), Some(day)))
        }
        Err(e) => Err(format!(
            "De trainingsdag kan zo niet starten: {}",
            e.dutch()
        )),
    }
}
