//! ketensim: a training simulator for regional chain cooperation against
//! human trafficking.
//!
//! Layers, from the bottom up:
//! - [`core`]: scenario model, loading/validation, engine (no Bevy);
//! - [`cli`]: the command-line face for authors and CI;
//! - `host` (feature `serve`): the host of a training day on the network
//!   (`ketensim serve`; tokio, no Bevy);
//! - `app` (feature `gui`): the Bevy + bevy_egui application.

pub mod cli;
pub mod core;
pub mod ui;

#[cfg(feature = "serve")]
pub mod host;

#[cfg(feature = "gui")]
pub mod app;
