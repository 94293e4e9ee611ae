//! The Bevy application (feature `gui`).
//!
//! For now a placeholder: one window that lists the scenarios in the
//! scenario folder with their check result. The full app (screens, case
//! screen, ketenkaart, debrief) is a later issue.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{
    EguiContexts, EguiInput, EguiPlugin, EguiPreUpdateSet, EguiPrimaryContextPass, egui,
};

use crate::cli::check::collect;
use crate::core::scenario::load_file;

/// One entry of the scenario library: a title or the problems.
#[derive(Debug, Clone)]
struct LibraryEntry {
    file: String,
    result: Result<(String, String), String>,
}

#[derive(Resource, Debug, Clone, Default)]
struct Library(Vec<LibraryEntry>);

fn library(folder: PathBuf) -> Library {
    let (files, problems) = collect(&[folder]);
    let mut entries: Vec<LibraryEntry> = files
        .iter()
        .map(|f| LibraryEntry {
            file: f.display().to_string(),
            result: match load_file(f) {
                Ok(l) => Ok((
                    l.compiled.scenario.title.clone(),
                    l.compiled.scenario.summary.clone(),
                )),
                Err(d) => Err(d.to_string()),
            },
        })
        .collect();
    entries.extend(problems.into_iter().map(|p| LibraryEntry {
        file: p.file.display().to_string(),
        result: Err(p.to_string()),
    }));
    Library(entries)
}

/// Opens the app window on the scenarios in `folder`.
pub fn run(folder: PathBuf) -> ExitCode {
    let mut app = App::new();
    app.insert_resource(library(folder))
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
        .add_systems(Startup, spawn_camera)
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(EguiPrimaryContextPass, library_system);
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

fn library_system(mut contexts: EguiContexts, library: Res<Library>) -> Result {
    let ctx = contexts.ctx_mut()?;
    // egui 0.36 panels are shown inside a `Ui` covering the window.
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default().show(&mut root, |ui| library_ui(ui, &library));
    Ok(())
}

fn library_ui(ui: &mut egui::Ui, library: &Library) {
    ui.heading("Scenario's");
    ui.label("Voorlopig overzicht: het spelen van een casus volgt in een volgende versie.");
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for entry in &library.0 {
            ui.group(|ui| match &entry.result {
                Ok((title, summary)) => {
                    ui.strong(title);
                    ui.label(summary);
                    ui.small(&entry.file);
                }
                Err(problems) => {
                    ui.colored_label(
                        egui::Color32::from_rgb(255, 120, 120),
                        "Dit scenario bevat fouten:",
                    );
                    ui.monospace(problems);
                }
            });
        }
        if library.0.is_empty() {
            ui.label("Geen scenario's gevonden.");
        }
    });
}
