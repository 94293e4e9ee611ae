//! The core: scenario model, loading, validation and the engine. Plain
//! Rust, no Bevy — `cargo test --no-default-features` builds and tests it.

pub mod analyze;
pub mod answers;
pub mod authoring;
pub mod diag;
pub mod engine;
pub mod eval;
pub mod export;
pub mod fairness;
pub mod graph;
pub mod library;
pub mod protocol;
pub mod scenario;
pub mod sidedoor;
pub mod store;
pub mod synth;
pub mod view;
pub mod words;
