//! The `ketensim` binary: the app without arguments, the authoring CLI
//! with a subcommand.

use std::process::ExitCode;

use clap::Parser;
use ketensim::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command, cli.scenarios),
        None => open_app(cli.scenarios),
    }
}

#[cfg(feature = "gui")]
fn open_app(scenarios: Option<std::path::PathBuf>) -> ExitCode {
    ketensim::app::run(scenarios.unwrap_or_else(|| "scenarios".into()))
}

#[cfg(not(feature = "gui"))]
fn open_app(_scenarios: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "This build has no app (built without the `gui` feature). Use `ketensim check` or `ketensim play`; see `ketensim --help`."
    );
    ExitCode::FAILURE
}
