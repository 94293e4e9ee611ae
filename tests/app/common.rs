//! Helpers the app's tests share: the bundled case, the app headless with
//! its screen flow (MinimalPlugins + StatesPlugin, no window, no GPU) and
//! its saved sessions, and the app's frame around an egui screen.

use std::path::Path;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ketensim::app::flow::{self, Intent, Play, Screen};
use ketensim::app::screens;
use ketensim::app::state::{DataDir, Debriefs, Library, Playing, StartScreen};
use ketensim::core::engine::Session;
use ketensim::core::scenario::{Compiled, load_file};
use ketensim::core::store::Saved;
use ketensim::ui::model::{LibraryCard, SavedCard};
use ketensim::ui::views::egui;
use ketensim::ui::views::theme::{self, Settings};

/// The bundled case (Sem).
pub const SEM: &str = "scenarios/criminele-uitbuiting-sem.ron";

/// The bundled case, loaded.
pub fn sem() -> Arc<Compiled> {
    Arc::new(load_file(Path::new(SEM)).unwrap().compiled)
}

/// A session of the bundled case with `role` played (seed 1), and the
/// role's index.
pub fn session(role: &str) -> (Session, usize) {
    let c = sem();
    let r = c.ids.roles[role];
    (Session::start(c, 1, &[role.into()], None).unwrap(), r)
}

// The app, headless.

/// The app (its flow and screens, headless) with this library, saving
/// into `data_dir`, after its first frame.
pub fn app_with(library: Library, data_dir: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(library)
        .insert_resource(DataDir(data_dir.to_path_buf()))
        .add_plugins((flow::plugin, screens::plugin));
    app.update();
    app
}

/// The app on the bundled library (`scenarios/`), saving into `data_dir`.
pub fn app(data_dir: &Path) -> App {
    app_with(Library::read(Path::new("scenarios")), data_dir)
}

/// Sends an intent and runs the frames that apply it.
pub fn send(app: &mut App, intent: Intent) {
    app.world_mut().write_message(intent);
    app.update();
    // State transitions apply in the next frame's StateTransition.
    app.update();
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

pub fn library(app: &App) -> &Library {
    app.world().resource::<Library>()
}

pub fn start_screen(app: &App) -> &StartScreen {
    app.world().resource::<StartScreen>()
}

pub fn debriefs(app: &App) -> &Debriefs {
    app.world().resource::<Debriefs>()
}

/// The session being played, if any.
pub fn playing(app: &App) -> Option<&Play> {
    app.world().resource::<Playing>().0.as_ref()
}

/// The session being played.
pub fn play(app: &App) -> &Play {
    playing(app).unwrap()
}

/// The index of the bundled case in the app's library.
pub fn sem_index(app: &App) -> usize {
    library(app)
        .entries
        .iter()
        .position(
            |e| matches!(&e.card, LibraryCard::Scenario(c) if c.id == "criminele-uitbuiting-sem"),
        )
        .expect("the bundled scenario is in the library")
}

/// From the start screen through the setup and the briefing as `role`
/// (the first playable scenario of the library, seed 1, no hints).
pub fn begin(app: &mut App, role: &str, trainee: Option<&str>) {
    let index = library(app)
        .entries
        .iter()
        .position(|e| e.scenario.is_some())
        .unwrap();
    send(app, Intent::Open(index));
    send(
        app,
        Intent::Setup {
            role: role.into(),
            trainee: trainee.map(str::to_string),
            seed: 1,
            hints: false,
        },
    );
    send(app, Intent::Begin);
}

/// The saved sessions, read again as the Start screen does.
pub fn saved(app: &mut App) -> &[Saved] {
    refresh_saved(app);
    start_screen(app).saved.as_deref().unwrap()
}

/// Reads the sessions folder again, as the Start screen does.
pub fn refresh_saved(app: &mut App) {
    let world = app.world_mut();
    let library = world.resource::<Library>().clone();
    let data = world.resource::<DataDir>().clone();
    world.resource_mut::<StartScreen>().refresh(&library, &data);
}

/// A finished session's card on the Start screen.
pub fn saved_card(id: &str, title: &str, names: &str, when: &str) -> SavedCard {
    SavedCard {
        scenario_id: Some(id.into()),
        title: title.into(),
        names: names.into(),
        roles: "Aandachtsfunctionaris mensenhandel".into(),
        when: when.into(),
        message: "Afgerond: goed. De nabespreking kan worden geopend.".into(),
        resumable: false,
        finished: true,
    }
}

// The egui screens.

/// The app's frame (as `app/screens.rs` builds it): a root `Ui` over the
/// whole window with the settings bar at the bottom, and `screen` in the
/// rest.
pub fn framed<S: 'static>(
    size: egui::Vec2,
    settings: Settings,
    state: S,
    mut screen: impl FnMut(&mut egui::Ui, &mut S) + 'static,
) -> Harness<'static, S> {
    let mut applied = false;
    Harness::builder().with_size(size).build_ui_state(
        move |outer, state: &mut S| {
            let ctx = outer.ctx().clone();
            if !applied {
                theme::apply(&ctx, &settings);
                applied = true;
            }
            // As the app's screens::root does.
            ketensim::ui::views::a11y::window(&ctx, ketensim::ui::views::APP_TITLE);
            let mut ui = egui::Ui::new(
                ctx.clone(),
                "root".into(),
                egui::UiBuilder::new()
                    .layer_id(egui::LayerId::background())
                    .max_rect(ctx.viewport_rect()),
            );
            let mut s = settings;
            egui::Panel::bottom("settings").show(&mut ui, |ui| {
                theme::settings_ui(ui, &mut s);
            });
            screen(&mut ui, state);
        },
        state,
    )
}

/// The window of a `framed` harness of this size in points, less the
/// settings bar.
pub fn window<S>(h: &Harness<'_, S>, size: egui::Vec2) -> egui::Rect {
    let bar = h.get_by_label("Tekstgrootte:").rect();
    egui::Rect::from_min_max(
        egui::Pos2::ZERO,
        egui::pos2(size.x / h.ctx.zoom_factor(), bar.min.y),
    )
}
