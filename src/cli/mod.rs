//! The command-line face for authors and CI: `check`, `play`, `report`,
//! `analyze`, `graph`, `new`, `migrate`. It shares the
//! core with the app; with no subcommand the binary opens the app.

pub mod analyze;
/// The answer-file reader lives in the core (the app uses it too).
pub use crate::core::answers;
pub mod check;
pub mod drive;
pub mod migrate;
pub mod new;
pub mod play;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod testplan;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "ketensim",
    version,
    about = "Oefensimulator ketensamenwerking mensenhandel — training simulator for regional chain cooperation against human trafficking",
    long_about = "Without a subcommand, opens the application on the bundled scenarios."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Folder with scenarios for the app (default: ./scenarios).
    #[arg(long, global = true)]
    pub scenarios: Option<PathBuf>,
    #[command(flatten)]
    pub app: AppArgs,
}

/// Output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
    Svg,
}

/// Options of the app (no subcommand).
#[derive(Debug, Clone, clap::Args)]
pub struct AppArgs {
    /// Reload a scenario in the library when its file changes (for
    /// authors: edit, save, and the card shows the new version or its
    /// errors).
    #[arg(long)]
    pub watch: bool,
    /// Window size, e.g. 1920x1080 (default 1280x800).
    #[arg(long, value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Open this screen with a scripted start (for demonstrations and
    /// screenshots): start, setup, briefing, case or debrief. Uses the
    /// scenario the answer file names (or `--case`, or the first in the
    /// folder), `--role`, `--seed` and the first `--steps` steps of
    /// `--answers` (all of them for the debrief).
    #[arg(long)]
    pub open: Option<String>,
    /// The scenario id for `--open` (default: the one the answer file
    /// names; for a training day the first in the folder).
    #[arg(long = "case", requires = "open")]
    pub case: Option<String>,
    /// The role for `--open`.
    #[arg(long, requires = "open")]
    pub role: Option<String>,
    /// Answer file for `--open`.
    #[arg(long, requires = "open")]
    pub answers: Option<PathBuf>,
    /// How many answers to play before opening the case screen.
    #[arg(long, requires = "open")]
    pub steps: Option<usize>,
    /// Seed for `--open` (default 1).
    #[arg(long, requires = "open")]
    pub seed: Option<u64>,
    /// Open the join screen connected to this host (for demonstrations
    /// and screenshots), with `--code`; with `--join-role` also take that
    /// seat and skip its briefing.
    #[arg(long, hide = true, requires = "code")]
    pub join: Option<String>,
    #[arg(long, hide = true, requires = "join")]
    pub code: Option<String>,
    #[arg(long, hide = true, requires = "join")]
    pub join_role: Option<String>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or("write the size as WIDTHxHEIGHT, e.g. 1920x1080")?;
    let w: u32 = w.trim().parse().map_err(|_| format!("bad width `{w}`"))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("bad height `{h}`"))?;
    if w < 640 || h < 480 {
        return Err("the window must be at least 640x480".into());
    }
    Ok((w, h))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files or folders: every problem with file:line:col.
    Check {
        /// Scenario files or folders (searched recursively for *.ron).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Also explore every scenario (as `analyze` does) and warn on
        /// injects, decisions, rules, outcomes and facts that no
        /// playthrough reaches, and on dead ends. Takes seconds per
        /// scenario; run it before a training day and in CI.
        #[arg(long)]
        deep: bool,
    },
    /// Play a scenario headless with a scripted answer file; prints the
    /// transcript.
    Play {
        /// The scenario file.
        scenario: PathBuf,
        /// The role played by the answer file (other roles act by script);
        /// leave out for a group answer file with `turns`.
        #[arg(long)]
        role: Option<String>,
        /// The answer file (see docs/answer-format.md).
        #[arg(long)]
        answers: PathBuf,
        /// Seed for the scenario's variation (overrides the answer file).
        #[arg(long)]
        seed: Option<u64>,
        /// Write the session log (RON) to this file.
        #[arg(long)]
        log: Option<PathBuf>,
        /// Stop after the last answer instead of running the clock out.
        #[arg(long)]
        no_finish: bool,
        /// The trainee's name, recorded in the log and the report.
        #[arg(long)]
        trainee: Option<String>,
        /// Write the evaluation to this file (.html, .json or .csv).
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// The scenario's structure (roles, injects, decisions, rules,
    /// outcomes, and the facts the scripts share between roles) as
    /// Graphviz DOT, Mermaid or a standalone SVG.
    Graph {
        /// The scenario file.
        scenario: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
        format: GraphFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Explore the scenario's decision space: per playable role and for
    /// all roles together, the distinct states, the outcomes and how many
    /// paths reach them, min/max scores per competency, the shortest path
    /// to the best score, the longest case, coverage and idle stretches
    /// (dead ends). Falls
    /// back to random playthroughs when there are too many states.
    Analyze {
        /// The scenario file.
        scenario: PathBuf,
        /// Explore only with this role played (repeat for several roles
        /// played together); default: each playable role, then all.
        #[arg(long)]
        role: Vec<String>,
        /// Seed for the scenario's variation.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Distinct states per exploration before falling back to random
        /// playthroughs.
        #[arg(long, default_value_t = crate::core::analyze::DEFAULT_MAX_STATES)]
        max_states: usize,
        /// Random playthroughs when the space is too large.
        #[arg(long, default_value_t = crate::core::analyze::DEFAULT_RUNS)]
        runs: usize,
        /// Memoise on the complete state, including when each thing
        /// happened (slower; to check the default memo).
        #[arg(long)]
        exact: bool,
        /// Print JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Scaffold a new scenario (commented, from the worked example), its
    /// expert answer file and its test plan; all pass `check`.
    New {
        /// The scenario id (lowercase letters, digits, `-`, `_`).
        id: String,
        /// The folder to write into (default: the scenarios folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Rewrite a scenario of format 1 into format 2 (keeps comments and
    /// layout; every verdict stays as it was). Lists each change with what
    /// the author should still check. The original is kept as
    /// `FILE.format1.bak`.
    Migrate {
        /// The scenario file.
        scenario: PathBuf,
        /// Print the rewritten scenario instead of writing the file.
        #[arg(long)]
        dry_run: bool,
    },
    /// Headless driver for `scripts/crash-test.sh`: plays an answer file
    /// one action at a time, saving after each exactly as the app does,
    /// and prints `ack <n> <fingerprint>` once the save is on disk; with
    /// `--resume` it first continues the unfinished session of this
    /// scenario and role as the Start screen does. `--inspect FILE` prints
    /// what a fresh replay of one saved session gives.
    #[command(hide = true)]
    Drive {
        /// The scenario file.
        scenario: PathBuf,
        /// The role the answer file plays.
        #[arg(long, required_unless_present = "inspect")]
        role: Option<String>,
        /// The answer file (`steps`).
        #[arg(long, required_unless_present = "inspect")]
        answers: Option<PathBuf>,
        /// The sessions folder.
        #[arg(long)]
        store: PathBuf,
        /// Continue the unfinished session of this scenario and role, if
        /// the folder has one.
        #[arg(long)]
        resume: bool,
        /// Wait this many milliseconds before each action.
        #[arg(long, default_value_t = 0)]
        pace_ms: u64,
        /// The trainee's name, recorded in the log.
        #[arg(long)]
        trainee: Option<String>,
        /// Print what this saved session replays to, and stop.
        #[arg(long)]
        inspect: Option<PathBuf>,
    },
    /// Hosts a training day on the network: every organisation at its own
    /// laptop joins with the printed code (the app: "Meedoen aan een
    /// trainingsdag"). Prints the join codes and the address to type.
    #[cfg(feature = "serve")]
    Serve {
        /// Scenario files: a session for each (the same file twice gives
        /// two sessions).
        scenarios: Vec<PathBuf>,
        /// Go on with a session after the host stopped (its journal or
        /// log, as printed at the start); may be repeated.
        #[arg(long)]
        resume: Vec<PathBuf>,
        /// The TCP port to listen on.
        #[arg(long, default_value_t = 7878)]
        port: u16,
        /// The address to listen on (0.0.0.0: every network of this
        /// laptop; 127.0.0.1: only this laptop).
        #[arg(long, default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
        /// The seats, as role ids separated by commas (default: every
        /// playable role; the others act by script).
        #[arg(long, value_delimiter = ',')]
        roles: Vec<String>,
        /// Seed of the case's variation (default: random).
        #[arg(long)]
        seed: Option<u64>,
        /// Folder for the session journals (default: the data folder's
        /// `sessies`).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Do not print joins and refusals.
        #[arg(long)]
        quiet: bool,
    },
    /// The structured evaluation of session logs: a self-contained HTML
    /// report, JSON (docs/report-format.md) or CSV (one row per trainee
    /// session, for a group).
    Report {
        /// Session logs (`play --log`, or saved by the app).
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = report::Format::Html)]
        format: report::Format,
        /// The scenario file; default: the scenario in the scenarios folder
        /// with the log's id and content hash.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// With `--format xapi`: the trainee's name (default: the log's).
        #[arg(long)]
        actor: Option<String>,
        /// With `--format xapi`: the trainee's account id on the learning
        /// platform (default: the name).
        #[arg(long)]
        account: Option<String>,
    },
}

/// Runs a parsed command line. `None` means: open the app.
pub fn run(command: Command, scenarios: Option<PathBuf>) -> ExitCode {
    match command {
        Command::Check {
            paths,
            strict,
            deep,
        } => check::run(&paths, strict, deep),
        Command::Play {
            scenario,
            role,
            answers,
            seed,
            log,
            no_finish,
            trainee,
            report,
        } => play::run(&play::PlayArgs {
            scenario,
            role,
            answers,
            trainee,
            seed,
            log,
            finish: !no_finish,
            report,
        }),
        Command::Graph {
            scenario,
            format,
            out,
        } => graph(&scenario, format, out.as_deref()),
        Command::Analyze {
            scenario,
            role,
            seed,
            max_states,
            runs,
            exact,
            json,
            out,
        } => analyze::run(
            &scenario,
            &role,
            &crate::core::analyze::Options {
                seed,
                max_states,
                runs,
                exact,
                verify_scores: false,
            },
            json,
            out.as_deref(),
        ),
        Command::New { id, dir } => new::run(
            &id,
            &dir.or_else(|| scenarios.clone())
                .unwrap_or_else(|| "scenarios".into()),
        ),
        Command::Migrate { scenario, dry_run } => migrate::run(&scenario, dry_run),
        Command::Drive {
            scenario,
            role,
            answers,
            store,
            resume,
            pace_ms,
            trainee,
            inspect,
        } => drive::run(&drive::DriveArgs {
            scenario,
            role,
            answers,
            store,
            resume,
            pace_ms,
            trainee,
            inspect,
        }),
        #[cfg(feature = "serve")]
        Command::Serve {
            scenarios: files,
            resume,
            port,
            bind,
            roles,
            seed,
            data,
            quiet,
        } => serve::run(&serve::ServeArgs {
            scenarios: files,
            resume,
            library: scenarios.unwrap_or_else(|| "scenarios".into()),
            bind,
            port,
            roles,
            seed,
            data,
            quiet,
        }),
        Command::Report {
            logs,
            format,
            scenario,
            out,
            actor,
            account,
        } => report::run(&report::ReportArgs {
            logs,
            scenario,
            scenarios: scenarios.unwrap_or_else(|| "scenarios".into()),
            format,
            out,
            actor,
            account,
        }),
    }
}

fn graph(
    scenario: &std::path::Path,
    format: GraphFormat,
    out: Option<&std::path::Path>,
) -> ExitCode {
    let loaded = match crate::core::scenario::load_file(scenario) {
        Ok(l) => l,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let c = &loaded.compiled;
    let g = crate::core::graph::build(c);
    let text = match format {
        GraphFormat::Dot => crate::core::graph::to_dot(c, &g),
        GraphFormat::Mermaid => crate::core::graph::to_mermaid(&g),
        GraphFormat::Svg => crate::core::graph::to_svg(c, &g),
    };
    match report::write_output(out, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
