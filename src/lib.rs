//! ketensim: a training simulator for regional chain cooperation against
//! human trafficking.
//!
//! Layers, from the bottom up:
//! - [`core`]: scenario model, loading/validation, engine (no Bevy);
//! - [`cli`]: the command-line face for authors and CI;
//! - `host` (feature `serve`): the host of a training day on the network
//!   (`ketensim serve`; tokio, no Bevy);
//! - `app` (feature `gui`): the Bevy + bevy_egui application.

// Habits locked in as lints (see clippy.toml): no unwrap/expect outside
// tests, every file written through the atomic write, short functions.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![deny(clippy::disallowed_methods)]
#![warn(clippy::too_many_lines)]

pub mod cli;
pub mod core;
pub mod ui;

#[cfg(feature = "serve")]
pub mod host;

#[cfg(feature = "gui")]
pub mod app;
