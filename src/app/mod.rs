//! The Bevy application (feature `gui`): screens as states (`flow`), egui
//! screens over the view models (`screens`, drawing with `crate::ui`).

pub mod assets;
pub mod dev;
pub mod flow;
pub mod ketenkaart;
pub mod link;
pub mod local;
pub mod projection;
pub mod remote;
pub mod screens;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiInput, EguiPlugin, EguiPreUpdateSet, egui};

use crate::core::scenario::model::Act;
use flow::{AppData, Screen, default_data_dir, load_library};

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
    let mut data = AppData {
        data_dir: default_data_dir(),
        scenarios_dir: folder.clone(),
        ..default()
    };
    let mut screen = Screen::Start;
    if let Some((open, role, seed, answers, steps)) = &options.open {
        // A scripted start needs the scenarios now; the asset loader
        // takes over once the folder has loaded.
        data.library = load_library(&folder);
        data.library_ready = true;
        if let Err(e) = dev::open_scripted(
            &mut data,
            options.case.as_deref(),
            *open,
            role,
            *seed,
            answers,
            *steps,
        ) {
            eprintln!("error: cannot open the {open:?} screen: {e}");
            return ExitCode::FAILURE;
        }
        screen = *open;
        if options.share
            && let Some(play) = data.play.as_mut()
        {
            play.ui.share_open = true;
        }
    }
    if let Some((open, answers, parts)) = &options.day {
        data.library = load_library(&folder);
        data.library_ready = true;
        if let Err(e) =
            dev::open_day_scripted(&mut data, options.case.as_deref(), *open, answers, *parts)
        {
            eprintln!("error: cannot open the {open:?} screen: {e}");
            return ExitCode::FAILURE;
        }
        screen = *open;
    }
    let join = options.join.clone();
    if join.is_some() {
        screen = Screen::Join;
    }
    let (w, h) = options.size.unwrap_or((1280, 800));
    let mut app = App::new();
    app.insert_resource(data)
        .insert_resource(WinitSettings::desktop_app())
        .add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "Ketensim — oefenen met ketensamenwerking tegen mensenhandel".into(),
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
        .insert_state(screen)
        .insert_resource(ClearColor(Color::srgb(0.97, 0.97, 0.97)))
        .add_systems(Startup, spawn_camera)
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        );
    if let Some((address, code, role)) = join {
        remote::script(&mut app, address, code, role);
    }
    if std::env::var_os("KETENSIM_TIMING").is_some() {
        app.add_systems(Last, report_first_frame);
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
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

/// With `KETENSIM_TIMING` set, prints once how long it took from the
/// start of the process to the first rendered frame (for
/// `scripts/measure.sh`).
fn report_first_frame(frames: Res<bevy::diagnostic::FrameCount>, mut done: Local<bool>) {
    // Frame 0 is being prepared; once the count reaches 2, the first frame
    // went through the renderer.
    if !*done && frames.0 >= 2 {
        *done = true;
        let ms = crate::cli::STARTED
            .get()
            .map(|t| t.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or(f64::NAN);
        println!("timing: first frame {ms:.0} ms after start");
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
