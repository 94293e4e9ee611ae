//! The structured evaluation: a debrief computed purely from a session log
//! and its scenario — scores per competency with every point linked to its
//! evidence, the signal timeline, the sharing matrix, decisions, outcome,
//! turning points and a plain-Dutch summary.

pub mod build;
pub mod chart;
pub mod describe;
pub mod group;
pub mod lint;
pub mod model;
pub mod progress;
pub mod summary;

pub use build::{STANDARD, competency_id, describe_act, evaluate, percent};
pub use model::*;
