//! The `ketensim` binary: the app without arguments, the authoring CLI
//! with a subcommand.

use std::process::ExitCode;

use clap::Parser;
use ketensim::cli::{Cli, run};

fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let _ = ketensim::app::dev::STARTED.set(std::time::Instant::now());
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command, cli.scenarios),
        None => open_app(cli.scenarios, cli.app),
    }
}

#[cfg(feature = "gui")]
fn open_app(scenarios: Option<std::path::PathBuf>, args: ketensim::cli::AppArgs) -> ExitCode {
    use ketensim::app::flow::Screen;
    // A scripted training day: day-setup, day-handover, day-trainer,
    // day-debrief (the seats play `--steps` day-parts of their expert
    // answers from `--answers`, a folder; default scenarios/answers).
    let day = match args.open.as_deref() {
        Some(name) if name.starts_with("day-") => {
            let screen = match name {
                "day-setup" => Screen::Setup,
                "day-handover" => Screen::Handover,
                "day-trainer" => Screen::Trainer,
                "day-debrief" => Screen::GroupDebrief,
                other => {
                    eprintln!(
                        "error: unknown screen `{other}`; use day-setup, day-handover, day-trainer or day-debrief"
                    );
                    return ExitCode::FAILURE;
                }
            };
            let answers = args
                .answers
                .clone()
                .unwrap_or_else(|| "scenarios/answers".into());
            Some((screen, answers, args.steps.unwrap_or(4)))
        }
        _ => None,
    };
    let mut case = args.case.clone();
    let open = match args.open.as_deref().filter(|n| !n.starts_with("day-")) {
        None => None,
        Some(name) => {
            let screen = match name {
                "start" => Screen::Start,
                "setup" => Screen::Setup,
                "briefing" => Screen::Briefing,
                "case" | "share" => Screen::Case,
                "debrief" => Screen::Debrief,
                "progress" => Screen::Progress,
                "editor" | "editor-timeline" | "editor-problems" | "editor-play"
                | "editor-analysis" | "editor-flow" => Screen::Editor,
                other => {
                    eprintln!(
                        "error: unknown screen `{other}`; use start, setup, briefing, case, share (the case screen with the share dialog open), debrief, progress, editor, editor-timeline, editor-problems, editor-play, editor-analysis or editor-flow"
                    );
                    return ExitCode::FAILURE;
                }
            };
            let steps = match &args.answers {
                Some(path) => match ketensim::core::answers::AnswerFile::read(path) {
                    Ok(f) => {
                        if case.is_none() {
                            case = f.answers.scenario.clone();
                        }
                        f.answers.steps
                    }
                    Err(d) => {
                        eprintln!("{d}");
                        return ExitCode::FAILURE;
                    }
                },
                None => Vec::new(),
            };
            let role = args.role.clone().unwrap_or_else(|| "gemeente".into());
            Some((screen, role, args.seed.unwrap_or(1), steps, args.steps))
        }
    };
    ketensim::app::run(ketensim::app::Options {
        scenarios: scenarios.unwrap_or_else(|| "scenarios".into()),
        size: args.size,
        share: args.open.as_deref() == Some("share"),
        editor: args
            .open
            .as_deref()
            .and_then(|o| o.strip_prefix("editor"))
            .map(|rest| rest.trim_start_matches('-').to_string()),
        day,
        open,
        case,
        watch: args.watch,
        join: args.join.clone().map(|a| {
            (
                a,
                args.code.clone().unwrap_or_default(),
                args.join_role.clone(),
            )
        }),
    })
}

#[cfg(not(feature = "gui"))]
fn open_app(_scenarios: Option<std::path::PathBuf>, _args: ketensim::cli::AppArgs) -> ExitCode {
    eprintln!(
        "This build has no app (built without the `gui` feature). Use `ketensim check` or `ketensim play`; see `ketensim --help`."
    );
    ExitCode::FAILURE
}
