//! The Bevy application (feature `gui`): screens as states (`flow`), egui
//! screens over the view models (`screens`, drawing with `crate::ui`).

pub mod flow;
pub mod screens;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiInput, EguiPlugin, EguiPreUpdateSet, egui};

use flow::{AppData, default_data_dir, load_library};

/// Opens the app window on the scenarios in `folder`.
pub fn run(folder: PathBuf) -> ExitCode {
    let mut app = App::new();
    app.insert_resource(AppData {
        library: load_library(&folder),
        data_dir: default_data_dir(),
        ..default()
    })
    .insert_resource(WinitSettings::desktop_app())
    .add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Ketensim — oefenen met ketensamenwerking tegen mensenhandel".into(),
            resolution: (1280, 800).into(),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .add_plugins((flow::plugin, screens::plugin))
    .add_systems(Startup, spawn_camera)
    .add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
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

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
