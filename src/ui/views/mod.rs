//! egui view functions over the view models in `ui::model`: each takes a
//! `&mut egui::Ui`, draws one screen (or part) and returns what the
//! trainee chose, if anything. No Bevy here; the app calls them from thin
//! systems, and `tests/app/ui_views.rs` drives them through the accessibility
//! tree with egui_kittest.

pub mod a11y;
pub mod briefing;
pub mod case;
pub mod chart;
pub mod debrief;
pub mod editor;
pub mod group;
pub mod join;
pub mod progress;
pub mod setup;
pub mod start;
pub mod theme;
pub mod trainer;
pub mod turns;

pub use bevy_egui::egui;

/// The app's title: the window's title and its accessible name.
pub const APP_TITLE: &str = "Ketensim — oefenen met ketensamenwerking tegen mensenhandel";

/// The widest a column of running text gets, in points.
pub const READING_WIDTH: f32 = 1100.0;
