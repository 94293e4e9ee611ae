//! The case engine: event-sourced sessions over a compiled scenario.

pub mod command;
pub mod deps;
pub mod event;
pub mod journal;
pub mod law;
pub mod log;
pub mod replay;
pub mod session;
pub mod state;
pub mod transcript;

pub use command::{Command, Who};
pub use event::{Event, Timed, describe};
pub use log::{Entry, EntryKind, LoggedAction, Seat, SessionLog};
pub use replay::Step;
pub use session::{ActionError, Menu, Session};
pub use state::{DecisionState, State};
