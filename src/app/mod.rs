//! The Bevy application (feature `gui`). The flow as states and intents
//! (`flow`), the app's small resources (`state`), one plugin per screen
//! (`screens`, drawing with `crate::ui`), the two links into a session —
//! in process (`local`) or to a host (`link`, with the join and seat
//! screens in `remote`) — and the one projection the screens draw
//! (`projection`); the scenario folder as assets (`assets`), the
//! ketenkaart scene (`ketenkaart`), reports (`reports`) and the dev tools
//! (`dev`).

pub mod assets;
pub mod dev;
pub mod flow;
pub mod ketenkaart;
pub mod link;
pub mod local;
pub mod projection;
pub mod remote;
pub mod reports;
pub mod screens;
pub mod state;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiInput, EguiPlugin, EguiPreUpdateSet, egui};

use crate::core::scenario::model::Act;
use flow::Screen;
use state::{DataDir, Library};

/// A scripted start: the screen, role, seed, answers and how many of them
/// to play (see `dev::open_scripted`).
pub type ScriptedStart = (Screen, String, u64, Vec<Act>, Option<usize>);

/// How the app starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub scenarios: PathBuf,
    /// Window size in logical pixels (default 1280×800).
    pub size: Option<(u32, u32)>,
    /// Open this screen with a scripted start (see `dev::open_scripted`).
    pub open: Option<ScriptedStart>,
    /// With a scripted start on the case screen: open the share dialog.
    pub share: bool,
    /// With a scripted start of the editor: what to show ("" the first
    /// decision, "timeline", "problems" after an edit that breaks a
    /// reference, "play" the case played from the second decision).
    pub editor: Option<String>,
    /// A scripted training day: the screen, the answers folder and how
    /// many day-parts the seats play (see `dev::open_day_scripted`).
    pub day: Option<(Screen, PathBuf, usize)>,
    /// The scenario (id) a scripted start opens; `None`: the first.
    pub case: Option<String>,
    /// Reload a scenario when its file changes (for authors).
    pub watch: bool,
    /// A scripted join (dev tools): host address, code, and the seat to
    /// take (`app::remote::JoinScript`).
    pub join: Option<(String, String, Option<String>)>,
}

/// Opens the app window.
pub fn run(options: Options) -> ExitCode {
    let folder = assets::absolute(&options.scenarios);
    let (w, h) = options.size.unwrap_or((1280, 800));
    let mut app = App::new();
    app.insert_resource(Library {
        folder: folder.clone(),
        ..default()
    })
    .insert_resource(DataDir::default())
    .insert_resource(state::Look::load(&DataDir::default()))
    .insert_resource(WinitSettings::desktop_app())
    .add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: crate::ui::views::APP_TITLE.into(),
                    resolution: (w, h).into(),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: folder.to_string_lossy().into_owned(),
                watch_for_changes_override: Some(options.watch),
                ..default()
            }),
    )
    .add_plugins(assets::plugin(folder.clone()))
    .add_plugins(EguiPlugin::default())
    .add_plugins((
        flow::plugin,
        screens::plugin,
        remote::plugin,
        ketenkaart::plugin,
    ))
    .insert_resource(ClearColor(Color::srgb(0.97, 0.97, 0.97)))
    .add_systems(Startup, spawn_camera)
    .add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
    match open(&mut app, &options, &folder) {
        Ok(screen) => {
            app.insert_state(screen);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let Some((address, code, role)) = options.join.clone() {
        remote::script(&mut app, address, code, role);
    }
    if std::env::var_os("KETENSIM_TIMING").is_some() {
        app.add_systems(Last, dev::report_first_frame);
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

/// The first screen: the Start screen, or a scripted start's (dev tools).
fn open(app: &mut App, options: &Options, folder: &std::path::Path) -> Result<Screen, String> {
    let scripted = options.open.is_some() || options.day.is_some();
    if scripted {
        // A scripted start needs the scenarios now; the asset loader
        // takes over once the folder has loaded.
        app.insert_resource(Library::read(folder));
    }
    let world = app.world_mut();
    if let Some((open, role, seed, answers, steps)) = &options.open {
        dev::open_scripted(
            world,
            options.case.as_deref(),
            *open,
            role,
            *seed,
            answers,
            *steps,
        )
        .map_err(|e| format!("cannot open the {open:?} screen: {e}"))?;
        if options.share
            && let Some(play) = world.resource_mut::<state::Playing>().0.as_mut()
        {
            play.ui.share_open = true;
        }
        if let Some(what) = &options.editor {
            return dev::open_editor(world, what)
                .map_err(|e| format!("cannot open the editor: {e}"));
        }
        return Ok(*open);
    }
    if let Some((open, answers, parts)) = &options.day {
        dev::open_day_scripted(world, options.case.as_deref(), *open, answers, *parts)
            .map_err(|e| format!("cannot open the {open:?} screen: {e}"))?;
        return Ok(*open);
    }
    if options.join.is_some() {
        return Ok(Screen::Join);
    }
    Ok(Screen::Start)
}

/// bevy_egui 0.42 feeds egui a `ModifiersChanged` event every frame, also
/// when no modifier key changed; egui 0.36 answers any input event with a
/// request to repaint at once, so the app would render continuously (about
/// 180 % CPU in software rendering while a trainee reads). Dropping the
/// event when the modifiers did not change lets reactive mode idle.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.0.events.retain(|event| match event {
            egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
