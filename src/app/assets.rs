//! Scenarios as Bevy assets: an `AssetLoader` that parses and validates a
//! scenario file, so a broken file becomes an error card (with every
//! problem at file:line:col) instead of a crash, and the library follows
//! the folder — with `--watch`, editing a file reloads it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;

use super::state::{Entry, Library};
use crate::core::authoring::dutch;
use crate::core::library::{collect, is_scenario_file};
use crate::core::scenario::{Compiled, load_str};
use crate::ui::model::{LibraryCard, ScenarioCard};

/// A `.ron` file in the scenarios folder.
#[derive(Asset, TypePath, Debug, Clone)]
pub enum ScenarioAsset {
    Loaded(Arc<Compiled>),
    /// The diagnostics, as `check` prints them.
    Broken(String),
    /// An answer file, test plan or session log: not shown.
    NotAScenario,
}

/// Loads and validates scenario files.
#[derive(Debug, Default, TypePath)]
pub struct ScenarioLoader {
    /// The folder, to name files in messages as the trainer knows them.
    pub folder: PathBuf,
}

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, std::io::Error> {
        let relative = load_context.path().path().to_path_buf();
        let file = self.folder.join(&relative);
        if !is_scenario_file(&relative) {
            return Ok(ScenarioAsset::NotAScenario);
        }
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let Ok(text) = String::from_utf8(bytes) else {
            return Ok(ScenarioAsset::Broken(format!(
                "{}: fout: het bestand is geen UTF-8-tekst\n    tip: sla het op als UTF-8",
                file.display()
            )));
        };
        Ok(match load_str(&file, &text) {
            Ok(loaded) => ScenarioAsset::Loaded(Arc::new(loaded.compiled)),
            Err(d) => ScenarioAsset::Broken(dutch::report(&d)),
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The scenario files of the folder and their handles, kept so they stay
/// loaded (and watched). The folder is scanned by the program, not loaded
/// as a Bevy folder: a folder load fails as a whole on any file without a
/// loader (a trainer note `.md`, a `.bak` from `migrate`), which left the
/// library empty.
#[derive(Resource, Debug, Clone, Default)]
pub struct ScenarioFolder {
    pub folder: PathBuf,
    /// (path relative to the folder, handle), sorted by path.
    pub handles: Vec<(PathBuf, Handle<ScenarioAsset>)>,
    /// The library must be rebuilt (a file came or went).
    pub dirty: bool,
}

impl ScenarioFolder {
    /// Loads the scenario files now in the folder that are not loaded yet
    /// and forgets those that are gone; true if anything changed.
    fn rescan(&mut self, server: &AssetServer) -> bool {
        let (files, _) = collect(std::slice::from_ref(&self.folder));
        let now: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| f.strip_prefix(&self.folder).ok().map(Path::to_path_buf))
            .collect();
        let before = self.handles.len();
        self.handles.retain(|(p, _)| now.contains(p));
        let mut changed = self.handles.len() != before;
        for p in now {
            if !self.handles.iter().any(|(q, _)| *q == p) {
                let handle = server.load::<ScenarioAsset>(p.clone());
                self.handles.push((p, handle));
                changed = true;
            }
        }
        self.handles.sort_by(|a, b| a.0.cmp(&b.0));
        self.dirty |= changed;
        changed
    }
}

/// The plugin: register the loader and load the folder. The app's
/// `AssetPlugin` must point at the scenarios folder.
pub fn plugin(folder: PathBuf) -> impl Fn(&mut App) {
    move |app: &mut App| {
        // Registered by the window plugin too; needed when headless.
        app.add_message::<bevy::window::RequestRedraw>()
            .init_asset::<ScenarioAsset>()
            .register_asset_loader(ScenarioLoader {
                folder: folder.clone(),
            })
            .insert_resource(ScenarioFolder {
                folder: folder.clone(),
                ..Default::default()
            })
            .add_systems(Startup, load_folder)
            .add_systems(Update, (rescan_folder, sync_library).chain());
    }
}

fn load_folder(mut folder: ResMut<ScenarioFolder>, server: Res<AssetServer>) {
    folder.rescan(&server);
    folder.dirty = true;
}

/// New and removed files: looked for every two seconds while the app is
/// awake (a trainer adding a scenario sees it without a restart).
fn rescan_folder(
    mut folder: ResMut<ScenarioFolder>,
    server: Res<AssetServer>,
    mut last: Local<Option<std::time::Instant>>,
) {
    let due = last.is_none_or(|t| t.elapsed() >= std::time::Duration::from_secs(2));
    if due {
        *last = Some(std::time::Instant::now());
        folder.rescan(&server);
    }
}

/// Rebuilds the library when a scenario is added, changed or removed, or
/// while files are still loading.
fn sync_library(
    mut events: MessageReader<AssetEvent<ScenarioAsset>>,
    mut folder: ResMut<ScenarioFolder>,
    scenarios: Res<Assets<ScenarioAsset>>,
    server: Res<AssetServer>,
    mut library: ResMut<Library>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let changed = events.read().count() > 0;
    if !changed && !folder.dirty && library.ready {
        return;
    }
    let mut entries: Vec<(String, Entry)> = Vec::new();
    let mut pending = false;
    for (path, handle) in &folder.handles {
        let name = path.display().to_string();
        let entry = match scenarios.get(handle) {
            Some(ScenarioAsset::Loaded(c)) => Entry {
                card: LibraryCard::Scenario(ScenarioCard::new(&name, c)),
                scenario: Some(c.clone()),
            },
            Some(ScenarioAsset::Broken(problems)) => Entry {
                card: LibraryCard::Broken {
                    file: name.clone(),
                    problems: problems.clone(),
                },
                scenario: None,
            },
            Some(ScenarioAsset::NotAScenario) => continue,
            None => match server.load_state(handle.id()) {
                bevy::asset::LoadState::Failed(e) => Entry {
                    card: LibraryCard::Broken {
                        file: name.clone(),
                        problems: format!(
                            "{}: fout: het bestand kan niet worden gelezen ({e})\n    tip: kijk of het bestaat en gelezen mag worden",
                            folder.folder.join(path).display()
                        ),
                    },
                    scenario: None,
                },
                _ => {
                    pending = true;
                    continue;
                }
            },
        };
        entries.push((name, entry));
    }
    if pending {
        // Wait until every file has loaded (or failed): a partial library
        // would lose the chosen scenario.
        folder.dirty = true;
        return;
    }
    folder.dirty = false;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let chosen_id = library
        .chosen
        .and_then(|i| library.entries.get(i))
        .and_then(|e| e.scenario.as_ref())
        .map(|c| c.scenario.id.clone());
    library.entries = entries.into_iter().map(|(_, e)| e).collect();
    if !library.ready && std::env::var_os("KETENSIM_TIMING").is_some() {
        let ms = super::dev::STARTED
            .get()
            .map(|t| t.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or(f64::NAN);
        println!("timing: library loaded {ms:.0} ms after start");
    }
    library.ready = true;
    // Show the change even if nobody touches the mouse.
    redraw.write(bevy::window::RequestRedraw);
    // Keep the chosen scenario chosen if it is still there.
    library.chosen = chosen_id.and_then(|id| {
        library
            .entries
            .iter()
            .position(|e| e.scenario.as_ref().is_some_and(|c| c.scenario.id == id))
    });
}

/// The absolute form of the scenarios folder (the asset reader needs it).
pub fn absolute(folder: &Path) -> PathBuf {
    std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}
