//! The session log: the whole of a session, as a RON document.
//!
//! A session is (scenario id + content hash, seed, played roles, ordered
//! actions with their clock time). Saving appends to it; resuming replays
//! it. The serialisation is deterministic: the same log gives the same
//! bytes.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::diag::{Diagnostic, Pos};
use crate::core::scenario::load::{parse_ron, read_text};
use crate::core::scenario::model::Act;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLog {
    /// Version of this log format.
    pub format: u32,
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    /// Roles played by people.
    pub roles: Vec<String>,
    #[serde(default)]
    pub trainee: Option<String>,
    pub actions: Vec<LoggedAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoggedAction {
    /// The day-part the action was taken in.
    pub tick: u32,
    pub role: String,
    pub act: Act,
}

impl SessionLog {
    pub const FORMAT: u32 = 1;

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .struct_names(true)
            .indentor("  ".to_string());
        // Serialising plain data into a String cannot fail; fall back to
        // the compact form rather than panic if it ever did.
        ron::ser::to_string_pretty(self, config)
            .or_else(|_| ron::to_string(self))
            .unwrap_or_default()
            + "\n"
    }

    pub fn from_ron(path: &Path, text: &str) -> Result<SessionLog, Box<Diagnostic>> {
        let log: SessionLog = parse_ron(path, text)?;
        if log.format != Self::FORMAT {
            return Err(Box::new(
                Diagnostic::error(
                    path,
                    Pos::START,
                    format!(
                        "session log format {} is not supported (expected {})",
                        log.format,
                        Self::FORMAT
                    ),
                )
                .with_hint("open the log with the version of the program that wrote it"),
            ));
        }
        Ok(log)
    }

    pub fn read(path: &Path) -> Result<SessionLog, Box<Diagnostic>> {
        let text = read_text(path)?;
        Self::from_ron(path, &text)
    }
}
