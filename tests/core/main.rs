//! The core's integration tests, without the `gui` feature: one test
//! binary (one link of the crate) with a module per subject. The app's
//! tests are `tests/app/`, the release sweeps `tests/sweeps/`.
#![allow(
    clippy::disallowed_methods,
    reason = "tests write fixtures and damaged files on purpose; the atomic write is for the program"
)]

mod common;
#[path = "../shared/diff.rs"]
mod diff;
mod fuzz;

mod analyze;
mod authoring;
mod bundled;
mod command;
mod consent_matrix;
mod docs;
mod dutch;
mod engine_mini;
mod eval;
mod eval_mini;
mod fairness;
mod graph;
mod group;
mod law;
mod library;
mod lints;
mod loader_errors;
mod loader_fuzz;
mod migrate;
mod new;
mod privacy;
mod progress;
mod save;
mod store;
mod synth;
mod testplan;
mod training_day;
mod tutorial;
mod ui_law;
mod ui_model;
mod view;
mod xapi;
