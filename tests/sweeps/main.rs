//! The heavy sweeps, for release builds only: 100,000 mutants through the
//! loader and the engine, and `analyze` over every case of the library,
//! exhaustively and within its time budget. Not part of the plain `cargo
//! test` (`test = false` in Cargo.toml); `.ci/run` runs them with
//!
//! ```sh
//! cargo test --release --no-default-features --test sweeps -- --include-ignored --nocapture
//! ```
//!
//! and lints them with `cargo clippy --no-default-features --test sweeps`
//! (`--all-targets` leaves out a target with `test = false`).
#![allow(
    clippy::disallowed_methods,
    reason = "tests write fixtures and damaged files on purpose; the atomic write is for the program"
)]

// The core tests' helpers and mutator; the sweeps use a few of them.
#[allow(dead_code)]
#[path = "../core/common.rs"]
mod common;
#[path = "../core/fuzz.rs"]
mod fuzz;

mod library;
mod loader_fuzz;

/// Held by each sweep while it runs: the sweeps run one after the other,
/// so `analyze`'s time budget is measured without the fuzz beside it.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits for the other sweep to finish (also when it failed).
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
