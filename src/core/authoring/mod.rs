//! Writing a case inside the app (issue 20): a document with undo, redo,
//! live checks and a save that keeps the file the truth, and the plain
//! views the editor's screens draw (outline, form, timeline).

pub mod analysis;
pub mod document;
pub mod dutch;
pub mod form;
pub mod playtest;
pub mod template;

pub use document::{Document, Problem};
