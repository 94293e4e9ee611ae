//! The scenario: its RON model, loading with positions, validation and the
//! compiled (index-resolved) form the engine runs on.

pub mod compile;
pub mod compiled;
pub mod load;
pub mod migrate;
pub mod model;
pub mod privacy;
pub mod ron_tree;
pub mod save;
pub mod source;
pub mod validate;

pub use compiled::Compiled;
pub use load::{Loaded, load_file, load_str};
pub use model::Scenario;
