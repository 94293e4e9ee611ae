//! `analyze <scenario>`: explores the decision space and prints what it
//! found (see `core::analyze`), as a readable summary or JSON.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::core::analyze::{Analysis, Exploration, Mode, Options, analyze, analyze_roles};
use crate::core::scenario::load_file;

pub fn run(
    scenario: &Path,
    roles: &[String],
    opts: &Options,
    json: bool,
    out: Option<&Path>,
) -> ExitCode {
    let loaded = match load_file(scenario) {
        Ok(l) => l,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let c = Arc::new(loaded.compiled);
    let result = if roles.is_empty() {
        analyze(&c, opts)
    } else {
        analyze_roles(&c, roles, opts)
    };
    let analysis = match result {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{}: cannot analyse: {e}", scenario.display());
            return ExitCode::FAILURE;
        }
    };
    let text = if json {
        match serde_json::to_string_pretty(&analysis) {
            Ok(t) => t + "\n",
            Err(e) => {
                eprintln!("cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        summary(&analysis)
    };
    match super::report::write_output(out, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The readable summary `analyze` prints.
pub fn summary(a: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Scenario `{}`, seed {} (bound: {} states per exploration)",
        a.scenario, a.seed, a.max_states
    );
    for e in &a.explorations {
        exploration(&mut s, e);
    }
    s
}

fn exploration(s: &mut String, e: &Exploration) {
    let _ = writeln!(s);
    let who = if e.roles.len() == 1 {
        format!("role `{}` played (other roles by script)", e.roles[0])
    } else {
        format!(
            "roles played together: {} (other roles by script)",
            e.roles.join(", ")
        )
    };
    let _ = writeln!(s, "== {who}");
    match e.mode {
        Mode::Exhaustive => {
            let _ = writeln!(
                s,
                "   exhaustive: {} distinct states ({} end states, {} evaluations), {} moves, {} ms ({} states/s)",
                e.states, e.end_states, e.evaluations, e.moves, e.millis, e.states_per_second
            );
        }
        Mode::Sampled => {
            if let Some(n) = e.estimated_states {
                let _ = writeln!(
                    s,
                    "   the joint space is estimated at {n} states (the product of the per-role counts), above the bound"
                );
            }
            let _ = writeln!(
                s,
                "   too many states for an exhaustive search: {} random playthroughs, {} distinct states seen, {} ms ({} states/s)",
                e.runs, e.states, e.millis, e.states_per_second
            );
        }
    }
    let unit = match e.mode {
        Mode::Exhaustive => "paths",
        Mode::Sampled => "playthroughs",
    };
    let _ = writeln!(s, "   outcomes:");
    for o in &e.outcomes {
        let mark = if o.paths == 0 {
            "  (never reached)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "     {:<24} {:>8} {unit}  [{}] {}{mark}",
            o.id, o.paths, o.kind, o.title
        );
    }
    let range_kind = match e.mode {
        Mode::Exhaustive => "min..max over every path",
        Mode::Sampled => "min..max seen",
    };
    let _ = writeln!(
        s,
        "   scores ({range_kind}; maximum = the evaluation's maximum):"
    );
    for r in &e.scores {
        let note = if r.max < r.maximum {
            "  ← the maximum is not reached"
        } else if r.max > r.maximum {
            "  ← above the maximum?"
        } else {
            ""
        };
        let role = if e.roles.len() > 1 {
            format!("{} ", r.role)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "     {role}{:<26} {:>4} .. {:>4}   maximum {:>4}{note}",
            r.label, r.min, r.max, r.maximum
        );
    }
    if let Some(p) = &e.expert_path {
        let _ = writeln!(
            s,
            "   shortest path to the best score ({} moves, outcome `{}`, ends {}, total {:?}):",
            p.moves.len(),
            p.outcome,
            p.ended_at,
            p.totals
        );
        for m in &p.moves {
            let _ = writeln!(s, "     - {m}");
        }
    }
    if let Some(p) = &e.longest_case {
        let _ = writeln!(
            s,
            "   longest case: {} moves, outcome `{}`, ends {}",
            p.moves.len(),
            p.outcome,
            p.ended_at
        );
    }
    let c = &e.coverage;
    let _ = writeln!(s, "   coverage:");
    for (what, h) in [
        ("injects", &c.injects),
        ("decisions", &c.decisions),
        ("rules", &c.rules),
        ("outcomes", &c.outcomes),
        ("facts", &c.facts),
    ] {
        let total = h.reached.len() + h.missed.len();
        let missed = if h.missed.is_empty() {
            String::new()
        } else {
            format!("; not reached: {}", h.missed.join(", "))
        };
        let _ = writeln!(s, "     {what:<10} {}/{total}{missed}", h.reached.len());
    }
    for d in &e.dead_ends {
        let _ = writeln!(
            s,
            "   idle: from {} nothing can happen any more in {} state(s); {} day-part(s) to click through to `{}`. For example after:",
            d.from, d.states, d.idle_parts, d.outcome
        );
        for m in &d.moves {
            let _ = writeln!(s, "     - {m}");
        }
    }
}
