//! The app's integration tests (the `gui` feature): the Bevy app's screen
//! flow headless and the egui screens driven with egui_kittest, in one
//! test binary (one link of the crate with Bevy) with a module per
//! subject. The core's tests are `tests/core/`.
#![cfg(feature = "gui")]
#![allow(
    clippy::disallowed_methods,
    reason = "tests write fixtures and damaged files on purpose; the atomic write is for the program"
)]

mod common;
#[path = "../shared/diff.rs"]
mod diff;

mod app_assets;
mod app_flow;
mod app_progress;
mod app_projection;
mod app_training_day;
mod ui_a11y;
mod ui_consent;
mod ui_editor;
mod ui_join;
mod ui_layout;
mod ui_start;
mod ui_training;
mod ui_views;
