//! The synthetic generator produces valid scenarios and legal sessions
//! (the benchmark depends on it), at a small size for speed.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::Session;
use ketensim::core::scenario::load_str;
use ketensim::core::synth::{Size, scenario_text, session_log};

#[test]
fn small_synthetic_scenario_loads_and_replays() {
    let size = Size {
        facts: 200,
        injects: 50,
        rules: 30,
        decisions: 10,
        days: 40,
    };
    let text = scenario_text(size);
    let loaded = load_str(Path::new("synth.ron"), &text).unwrap_or_else(|d| panic!("{d}"));
    let c = Arc::new(loaded.compiled);
    assert_eq!(c.facts.len(), 200);
    let log = session_log(&c, 1, 100).expect("a legal session");
    assert_eq!(log.actions.len(), 100);
    let a = Session::replay(c.clone(), &log).unwrap();
    let b = Session::replay(c, &log).unwrap();
    assert_eq!(a.state(), b.state());
    assert!(a.state().shares.len() > 10);
}
