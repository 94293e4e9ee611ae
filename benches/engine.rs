//! Engine benchmark: parse + validate and full replay on a generated large
//! scenario (2,000 facts, 500 injects, 300 rules) with a 1,000-action
//! session, and the evaluation of that session. Prints the figures; run with
//! `cargo bench --no-default-features --bench engine`.
#![allow(
    clippy::disallowed_methods,
    reason = "tests write fixtures and damaged files on purpose; the atomic write is for the program"
)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ketensim::core::engine::Session;
use ketensim::core::scenario::load_str;
use ketensim::core::synth::{Size, scenario_text, session_log};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() {
    let size = Size::LARGE;
    let text = scenario_text(size);
    let path = Path::new("synth.ron");
    let loaded = match load_str(path, &text) {
        Ok(l) => l,
        Err(d) => {
            eprintln!("the generated scenario does not load:\n{d}");
            std::process::exit(1);
        }
    };
    let compiled = Arc::new(loaded.compiled);
    let Some(log) = session_log(&compiled, 42, 1000) else {
        eprintln!("could not generate a 1,000-action session");
        std::process::exit(1);
    };
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(21);
    let mut load_times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let l = load_str(path, &text);
        load_times.push(t.elapsed());
        assert!(l.is_ok());
    }
    let mut replay_times = Vec::new();
    let mut events = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let s = Session::replay(compiled.clone(), &log).expect("replay");
        replay_times.push(t.elapsed());
        events = s.history().len();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "scenario: {} facts, {} injects, {} rules, {} decisions, {} KiB of RON",
        compiled.facts.len(),
        compiled.injects.len(),
        compiled.rules.len(),
        compiled.decisions.len(),
        text.len() / 1024
    );
    println!(
        "session: {} actions, {} events, outcome reached: {}",
        log.actions.len(),
        events,
        Session::replay(compiled.clone(), &log)
            .map(|s| s.state().ended())
            .unwrap_or(false)
    );
    println!(
        "parse+validate: median {:.2} ms (min {:.2}, max {:.2}) over {runs} runs  [target < 50 ms]",
        ms(median(load_times.clone())),
        ms(*load_times.iter().min().unwrap()),
        ms(*load_times.iter().max().unwrap())
    );
    println!(
        "full replay:    median {:.2} ms (min {:.2}, max {:.2}) over {runs} runs  [target < 20 ms]",
        ms(median(replay_times.clone())),
        ms(*replay_times.iter().min().unwrap()),
        ms(*replay_times.iter().max().unwrap())
    );
    // The evaluation replays the log and, for the turning points, plays the
    // expert continuation from before every action.
    let eval_runs = runs.min(5);
    let mut eval_times = Vec::new();
    let mut json_len = 0;
    for _ in 0..eval_runs {
        let t = Instant::now();
        let d = ketensim::core::eval::evaluate(compiled.clone(), &log).expect("evaluate");
        eval_times.push(t.elapsed());
        json_len = ketensim::core::export::to_json(&d)
            .map(|j| j.len())
            .unwrap_or(0);
    }
    println!(
        "evaluation:     median {:.2} ms (min {:.2}, max {:.2}) over {eval_runs} runs, JSON {} KiB",
        ms(median(eval_times.clone())),
        ms(*eval_times.iter().min().unwrap()),
        ms(*eval_times.iter().max().unwrap()),
        json_len / 1024
    );
}
