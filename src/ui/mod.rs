//! The user interface layer: plain view models built from the core
//! (`model`, always compiled and tested without a GUI) and the egui view
//! functions that draw them (`views`, feature `gui`). The Bevy app in
//! `src/app/` only wires them to windows and input.

pub mod model;
pub mod trainer;

#[cfg(feature = "gui")]
pub mod views;
