//! Scenarios as Bevy assets: an `AssetLoader` that parses and validates a
//! scenario file, so a broken file becomes an error card (with every
//! problem at file:line:col) instead of a crash, and the library follows
//! the folder — with `--watch`, editing a file reloads it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext, LoadedFolder};
use bevy::prelude::*;

use super::flow::{AppData, Entry};
use crate::cli::check::is_scenario_file;
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
                "{}: error: the file is not UTF-8 text\n    hint: save it as UTF-8",
                file.display()
            )));
        };
        Ok(match load_str(&file, &text) {
            Ok(loaded) => ScenarioAsset::Loaded(Arc::new(loaded.compiled)),
            Err(d) => ScenarioAsset::Broken(d.to_string()),
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The folder handle, kept so the folder stays loaded (and watched).
#[derive(Resource, Debug, Clone)]
pub struct ScenarioFolder(pub Handle<LoadedFolder>);

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
            .add_systems(Startup, load_folder)
            .add_systems(Update, sync_library);
    }
}

fn load_folder(mut commands: Commands, server: Res<AssetServer>) {
    commands.insert_resource(ScenarioFolder(server.load_folder("")));
}

/// Rebuilds the library when a scenario is added, changed or removed.
#[allow(clippy::too_many_arguments)]
fn sync_library(
    mut events: MessageReader<AssetEvent<ScenarioAsset>>,
    mut folder_events: MessageReader<AssetEvent<LoadedFolder>>,
    folder: Option<Res<ScenarioFolder>>,
    folders: Res<Assets<LoadedFolder>>,
    scenarios: Res<Assets<ScenarioAsset>>,
    server: Res<AssetServer>,
    mut data: ResMut<AppData>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let changed = events.read().count() + folder_events.read().count() > 0;
    if !changed {
        return;
    }
    let Some(folder) = folder else {
        return;
    };
    let Some(loaded) = folders.get(&folder.0) else {
        return;
    };
    let mut entries: Vec<(String, Entry)> = Vec::new();
    for handle in &loaded.handles {
        let Ok(handle) = handle.clone().try_typed::<ScenarioAsset>() else {
            continue;
        };
        let Some(asset) = scenarios.get(&handle) else {
            continue;
        };
        let name = server
            .get_path(handle.id())
            .map(|p| p.path().display().to_string())
            .unwrap_or_default();
        let entry = match asset {
            ScenarioAsset::Loaded(c) => Entry {
                card: LibraryCard::Scenario(ScenarioCard::new(&name, c)),
                scenario: Some(c.clone()),
            },
            ScenarioAsset::Broken(problems) => Entry {
                card: LibraryCard::Broken {
                    file: name.clone(),
                    problems: problems.clone(),
                },
                scenario: None,
            },
            ScenarioAsset::NotAScenario => continue,
        };
        entries.push((name, entry));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let chosen_id = data
        .chosen
        .and_then(|i| data.library.get(i))
        .and_then(|e| e.scenario.as_ref())
        .map(|c| c.scenario.id.clone());
    data.library = entries.into_iter().map(|(_, e)| e).collect();
    if !data.library_ready && std::env::var_os("KETENSIM_TIMING").is_some() {
        let ms = crate::cli::STARTED
            .get()
            .map(|t| t.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or(f64::NAN);
        println!("timing: library loaded {ms:.0} ms after start");
    }
    data.library_ready = true;
    // Show the change even if nobody touches the mouse.
    redraw.write(bevy::window::RequestRedraw);
    // Keep the chosen scenario chosen if it is still there.
    data.chosen = chosen_id.and_then(|id| {
        data.library
            .iter()
            .position(|e| e.scenario.as_ref().is_some_and(|c| c.scenario.id == id))
    });
}

/// The absolute form of the scenarios folder (the asset reader needs it).
pub fn absolute(folder: &Path) -> PathBuf {
    std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}
