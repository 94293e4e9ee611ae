//! What the app holds, one small resource per concern: the scenario
//! library, where files go, the look, each screen's own state, the case
//! being played and its debriefs. Systems ask for the ones they use, so a
//! screen that only reads the library never marks the case as changed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;

use super::flow::Play;
use crate::core::authoring::dutch;
use crate::core::diag::Diagnostics;
use crate::core::eval::Debrief;
use crate::core::eval::group::{GroupDebrief, group_debrief, read_trainer_note};
use crate::core::library::collect;
use crate::core::scenario::{Compiled, load_file};
use crate::core::store;
use crate::ui::model::{LibraryCard, SavedCard, ScenarioCard};
use crate::ui::views::debrief::DebriefUiState;
use crate::ui::views::group::GroupUiState;
use crate::ui::views::setup::SetupState;
use crate::ui::views::start::StartUiState;
use crate::ui::views::theme::Settings;

/// A loaded library entry: the card and, when it loaded, the scenario.
#[derive(Debug, Clone)]
pub struct Entry {
    pub card: LibraryCard,
    pub scenario: Option<Arc<Compiled>>,
}

/// The scenario library (kept in step with the folder by
/// `app::assets`) and the case chosen from it.
#[derive(Resource, Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Whether the folder has been read (the Start screen says "loading"
    /// until then).
    pub ready: bool,
    /// The folder (for a scenario's trainer note).
    pub folder: PathBuf,
    /// The entry chosen on the Start screen.
    pub chosen: Option<usize>,
    /// Where earlier versions of the cases are kept (the data folder's
    /// `versies/`, set by `flow::keep_versions`); empty: nowhere.
    pub kept: PathBuf,
}

impl Library {
    /// The library of `folder`, read now (scripted starts and tests; the
    /// app reads it through the asset loader).
    pub fn read(folder: &Path) -> Library {
        Library {
            entries: load_library(folder),
            ready: true,
            folder: folder.to_path_buf(),
            chosen: None,
            kept: PathBuf::new(),
        }
    }

    /// The scenario with this id and content hash, if the library has it.
    /// With no such entry (the case was edited since), the version kept
    /// under that hash in the data folder.
    pub fn find_scenario(&self, id: &str, hash: &str) -> Option<Arc<Compiled>> {
        self.entries
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|c| c.scenario.id == id && c.hash == hash)
            .cloned()
            .or_else(|| {
                (!self.kept.as_os_str().is_empty())
                    .then(|| store::versions::find(&self.kept, id, hash).map(Arc::new))
                    .flatten()
            })
    }

    /// The library's scenario with this id, whatever its version.
    pub fn find_by_id(&self, id: &str) -> Option<Arc<Compiled>> {
        self.entries
            .iter()
            .filter_map(|e| e.scenario.as_ref())
            .find(|c| c.scenario.id == id)
            .cloned()
    }

    /// The chosen scenario, or the Dutch reason why there is none.
    pub fn chosen_scenario(&self) -> Result<Arc<Compiled>, String> {
        self.chosen
            .and_then(|i| self.entries.get(i))
            .and_then(|e| e.scenario.clone())
            .ok_or_else(|| "Kies eerst een casus die geladen is.".to_string())
    }

    /// The trainer note of the library's scenario `c` (the `.md` beside
    /// its file), if there is one.
    pub fn trainer_note(&self, c: &Compiled) -> Option<String> {
        let file = self
            .entries
            .iter()
            .find_map(|e| match (&e.card, &e.scenario) {
                (LibraryCard::Scenario(card), Some(x)) if x.hash == c.hash => {
                    Some(card.file.clone())
                }
                _ => None,
            })?;
        let path = Path::new(&file);
        read_trainer_note(path).or_else(|| read_trainer_note(&self.folder.join(path)))
    }
}

/// Where session logs and reports go.
#[derive(Resource, Debug, Clone)]
pub struct DataDir(pub PathBuf);

impl Default for DataDir {
    fn default() -> DataDir {
        DataDir(default_data_dir())
    }
}

impl DataDir {
    pub fn sessions(&self) -> PathBuf {
        self.0.join("sessies")
    }
    pub fn reports(&self) -> PathBuf {
        self.0.join("verslagen")
    }
    /// Earlier versions of the cases, kept for sessions played on them.
    pub fn versions(&self) -> PathBuf {
        self.0.join("versies")
    }
    /// The display settings (text size, contrast) of this machine.
    pub fn settings(&self) -> PathBuf {
        self.0.join("instellingen.ron")
    }
}

/// The text size and contrast, and whether the egui context has them.
#[derive(Resource, Debug, Clone, Default)]
pub struct Look {
    pub settings: Settings,
    pub applied: bool,
    /// Changed by the trainee since they were last saved.
    pub unsaved: bool,
}

impl Look {
    /// The settings saved in `data` (the defaults when there are none, or
    /// when the file cannot be read: a display preference is not worth
    /// stopping the app for).
    pub fn load(data: &DataDir) -> Look {
        let settings = std::fs::read_to_string(data.settings())
            .ok()
            .and_then(|text| ron::from_str::<Settings>(&text).ok())
            .map(|s| Settings {
                text_scale: s.text_scale.clamp(0.5, 3.0),
                ..s
            })
            .unwrap_or_default();
        Look {
            settings,
            applied: false,
            unsaved: false,
        }
    }

    /// Saves the settings in `data`, so the next run starts with them.
    pub fn save(&mut self, data: &DataDir) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(&self.settings, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        std::fs::create_dir_all(&data.0)?;
        crate::core::store::write_atomic(&data.settings(), &text)?;
        self.unsaved = false;
        Ok(())
    }
}

/// The Start screen: its tab and filters, the saved sessions and why the
/// last "Verder spelen" did not work.
#[derive(Resource, Debug, Clone, Default)]
pub struct StartScreen {
    pub ui: StartUiState,
    /// The saved sessions; `None`: read them again.
    pub saved: Option<Vec<store::Saved>>,
    /// Their cards, built once per reading (not per frame).
    pub saved_cards: Vec<SavedCard>,
    pub message: Option<String>,
}

impl StartScreen {
    /// Reads the sessions folder (never changes a file there).
    pub fn refresh(&mut self, library: &Library, data: &DataDir) {
        let list = store::list(&data.sessions(), |id, hash| library.find_scenario(id, hash));
        self.saved_cards = list
            .iter()
            .map(|s| {
                // The version it was played on; else (for its title and
                // role names only) the library's version of the case.
                let c = s.log.as_ref().and_then(|l| {
                    library
                        .find_scenario(&l.scenario, &l.scenario_hash)
                        .or_else(|| library.find_by_id(&l.scenario))
                });
                SavedCard::new(s, c.as_deref())
            })
            .collect();
        self.saved = Some(list);
    }
}

/// The setup form of the chosen case.
#[derive(Resource, Debug, Clone, Default)]
pub struct SetupScreen(pub SetupState);

/// The case being played on this computer (`None` between cases).
#[derive(Resource, Debug, Clone, Default)]
pub struct Playing(pub Option<Play>);

/// The trainee's debrief and a training day's group debrief, once built.
#[derive(Resource, Debug, Clone, Default)]
pub struct Debriefs {
    pub own: Option<(Debrief, DebriefUiState)>,
    pub group: Option<(GroupDebrief, GroupUiState)>,
}

impl Debriefs {
    /// Builds the group debrief of the case being played; false if it
    /// cannot be built.
    pub fn open_group(&mut self, library: &Library, playing: &Playing) -> bool {
        let Some(play) = playing.0.as_ref() else {
            return false;
        };
        let c = play.session().scenario().clone();
        let note = library.trainer_note(&c);
        match group_debrief(c, play.session().log(), note.as_deref()) {
            Ok(g) => {
                let state = GroupUiState::new(&g);
                self.group = Some((g, state));
                true
            }
            Err(_) => false,
        }
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
                        problems: dutch::report(&d),
                    },
                    scenario: None,
                },
            }
        })
        .collect();
    entries.extend(problems.into_iter().map(|p| Entry {
        card: LibraryCard::Broken {
            file: p.file.display().to_string(),
            problems: dutch::report(&Diagnostics(vec![p])),
        },
        scenario: None,
    }));
    entries
}
