//! The screens, one file (plugin) each: a system that draws the screen
//! from its view model and sends the trainee's choice as an `Intent`, and
//! a system that carries out the intents sent on that screen. The join
//! screen and a networked seat's screen send theirs to the link to the
//! host (`app::remote`).

mod briefing;
mod case;
mod debrief;
mod editor;
mod group;
mod handover;
mod join;
mod progress;

pub use editor::EditorScreen;
pub use progress::ProgressScreen;
mod seat;
mod setup;
mod start;
mod trainer;

use bevy::prelude::*;
use bevy_egui::egui;

use super::state::Look;
use crate::ui::views::theme;

pub fn plugin(app: &mut App) {
    app.add_plugins((
        start::plugin,
        setup::plugin,
        briefing::plugin,
        case::plugin,
        debrief::plugin,
        handover::plugin,
        trainer::plugin,
        group::plugin,
        join::plugin,
        progress::plugin,
        editor::plugin,
        seat::plugin,
    ));
}

/// A `Ui` covering the window (egui 0.36 panels are shown inside a Ui),
/// with the settings bar at the bottom. Applies changed settings.
pub fn root(ctx: &egui::Context, look: &mut Look) -> egui::Ui {
    if !look.applied {
        theme::apply(ctx, &look.settings);
        look.applied = true;
    }
    crate::ui::views::a11y::window(ctx, crate::ui::views::APP_TITLE);
    let mut ui = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::bottom("settings").show(&mut ui, |ui| {
        if theme::settings_ui(ui, &mut look.settings) {
            theme::apply(ui.ctx(), &look.settings);
            look.unsaved = true;
        }
    });
    ui
}
