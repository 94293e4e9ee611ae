//! `analyze <scenario>`: explores the decision space and prints what it
//! found (see `core::analyze`), as a readable summary or JSON.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use crate::core::analyze::{Analysis, Exploration, Mode, Options, analyze, analyze_roles};
use crate::core::fairness::{FlagStrategies, OptionLengths, flag_strategies, option_lengths};
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
    // Does the form give the answers away: option lengths and the
    // flag-everything strategy, next to the exploration.
    let fairness = Fairness {
        option_lengths: option_lengths(&c),
        flag_strategies: flag_strategies(&c, opts.seed),
    };
    let text = if json {
        let full = WithFairness {
            analysis: &analysis,
            fairness: &fairness,
        };
        match serde_json::to_string_pretty(&full) {
            Ok(t) => t + "\n",
            Err(e) => {
                eprintln!("cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        summary(&analysis) + &fairness_summary(&fairness)
    };
    match super::report::write_output(out, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// What `analyze` reports besides the exploration (`core::fairness`).
#[derive(Debug, Clone, Serialize)]
pub struct Fairness {
    pub option_lengths: OptionLengths,
    pub flag_strategies: Vec<FlagStrategies>,
}

/// The JSON of `analyze`: the exploration's fields and `fairness`.
#[derive(Serialize)]
struct WithFairness<'a> {
    #[serde(flatten)]
    analysis: &'a Analysis,
    fairness: &'a Fairness,
}

/// The readable lines about option lengths and flagging strategies.
pub fn fairness_summary(f: &Fairness) -> String {
    let mut s = String::new();
    let l = &f.option_lengths;
    let _ = writeln!(s);
    let _ = writeln!(s, "== does the form give the answers away?");
    let _ = writeln!(
        s,
        "   expert option is the longest label in {} of {} decisions ({:.0}%; keep it under 50%){}",
        l.expert_longest.len(),
        l.decisions,
        100.0 * l.fraction(),
        if l.expert_longest.is_empty() {
            String::new()
        } else {
            format!(": {}", l.expert_longest.join(", "))
        }
    );
    let _ = writeln!(
        s,
        "   Signalering per role: flagging only the signals / flagging every fact / maximum"
    );
    for st in &f.flag_strategies {
        let verdict = if st.flag_everything < st.expert {
            "ok"
        } else if st.expert == 0 {
            "the role cannot flag before the case ends"
        } else {
            "flagging everything pays: give the role real noise"
        };
        let _ = writeln!(
            s,
            "     {:<16} {:>3} / {:>3} / {:>3}  {verdict}",
            st.role, st.expert, st.flag_everything, st.max
        );
    }
    s
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
