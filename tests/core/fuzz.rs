//! Mutation fuzzing of the loader and engine on the bundled scenario (the
//! mutator; the tests are `loader_fuzz` in the core and the sweeps binary).
//!
//! Feeds mutated versions of the bundled scenario (deleted spans, stray
//! tokens, swapped lines, swapped ids, odd numbers, truncation) to the
//! loader: nothing may panic, and every problem must carry a position
//! inside the file. Mutants that still load are played (legal actions and
//! clock advances until the end) to shake out engine panics; one in 16 is
//! also evaluated and rendered as HTML, JSON and CSV; one in 64 also goes
//! through the engine lints of `check` and a small `analyze`.
//!
//! The number of mutants is the caller's: 1,000 in the core tests, 100,000
//! in the release sweeps (`cargo test --release --test sweeps`);
//! `KETENSIM_FUZZ_CASES` overrides it, `KETENSIM_FUZZ_SEED` changes the
//! mutation stream.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use ketensim::core::authoring::dutch::translate;
use ketensim::core::diag::Diagnostics;
use ketensim::core::engine::Session;
use ketensim::core::scenario::Scenario;
use ketensim::core::scenario::load::{load_parsed, parse_ron};
use ketensim::core::scenario::model::Act;

const SCENARIO: &str = "scenarios/criminele-uitbuiting-sem.ron";

/// SplitMix64: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "/*",
    "//",
    "\n",
    " ",
    "0",
    "-1",
    "99999999999999999999",
    "Some(",
    "None",
    "true",
    "Not(",
    "All([",
    "Any([",
    "Always",
    "Knows(role: \"gemeente\", fact: \"x\")",
    "r#\"",
    "#",
    "é",
    "🙂",
    "\u{0}",
    "id: \"x\",",
    "Criminal",
    "Advance",
    "after: 4294967295",
    "day: 0",
    "weight: 0",
];

fn mutate(src: &[char], strings: &[String], rng: &mut Rng) -> String {
    let mut text: Vec<char> = src.to_vec();
    let ops = 1 + rng.below(3);
    for _ in 0..ops {
        let len = text.len().max(1);
        match rng.below(8) {
            0 => {
                let at = rng.below(len);
                let n = (1 + rng.below(20)).min(text.len().saturating_sub(at));
                text.drain(at..at + n);
            }
            1 => {
                let at = rng.below(len);
                let tok = TOKENS[rng.below(TOKENS.len())];
                text.splice(at..at, tok.chars());
            }
            2 => {
                if !text.is_empty() {
                    let at = rng.below(text.len());
                    let tok = TOKENS[rng.below(TOKENS.len())];
                    text.splice(at..at + 1, tok.chars());
                }
            }
            3 | 4 => {
                let s: String = text.iter().collect();
                let mut lines: Vec<&str> = s.lines().collect();
                if lines.len() > 2 {
                    let a = rng.below(lines.len());
                    let b = rng.below(lines.len());
                    if rng.below(2) == 0 {
                        lines.swap(a, b);
                    } else {
                        let l = lines[a];
                        lines.insert(b, l);
                    }
                }
                text = lines.join("\n").chars().collect();
            }
            5 => {
                let at = rng.below(len);
                text.truncate(at);
            }
            6 => {
                // Replace one quoted string by another one from the file:
                // dangling and duplicate ids, wrong kinds of reference.
                let s: String = text.iter().collect();
                let quotes: Vec<usize> = s.match_indices('"').map(|(i, _)| i).collect();
                if quotes.len() >= 2 && !strings.is_empty() {
                    let k = rng.below(quotes.len() / 2) * 2;
                    let (a, b) = (quotes[k], quotes[k + 1]);
                    let with = &strings[rng.below(strings.len())];
                    let out = format!("{}\"{}\"{}", &s[..a], with, &s[b + 1..]);
                    text = out.chars().collect();
                }
            }
            _ => {
                // Replace a number by an odd one.
                let digits: Vec<usize> = (0..text.len())
                    .filter(|i| text[*i].is_ascii_digit())
                    .collect();
                if !digits.is_empty() {
                    let at = digits[rng.below(digits.len())];
                    let odd =
                        ["0", "1000", "4294967296", "-5", "18446744073709551615"][rng.below(5)];
                    text.splice(at..at + 1, odd.chars());
                }
            }
        }
    }
    text.into_iter().collect()
}

fn quoted_strings(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut parts = src.split('"');
    parts.next();
    while let (Some(inner), Some(_)) = (parts.next(), parts.next()) {
        if inner.len() < 40 && !inner.contains('\\') {
            out.push(inner.to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Plays a loaded scenario: the clock, until the end (bounded), checking
/// the legal-action listing now and then; with `report`, evaluates the
/// session and renders every export.
fn exercise(compiled: Arc<ketensim::core::scenario::Compiled>, report: bool) {
    let role = compiled
        .scenario
        .roles
        .iter()
        .position(|r| r.playable)
        .unwrap_or(0);
    let role_id = compiled.scenario.roles[role].id.clone();
    let Ok(mut s) = Session::start(compiled.clone(), 7, std::slice::from_ref(&role_id), None)
    else {
        return;
    };
    for step in 0..60 {
        if s.state().ended() {
            break;
        }
        // Listing every legal action is the expensive part; do it now and
        // then, and check that what it lists is really allowed.
        if step % 8 == 0 {
            for a in s.legal_actions(role).iter().take(50) {
                assert!(s.check(role, a).is_ok(), "legal action refused: {a:?}");
            }
        }
        s.apply(&role_id, &Act::Advance)
            .expect("advance is legal while the case runs");
    }
    if report {
        let d = ketensim::core::eval::evaluate(compiled, s.log()).expect("the log evaluates");
        for r in &d.roles {
            for sc in &r.scores {
                let sum: i32 = r
                    .items
                    .iter()
                    .filter(|i| i.competency == sc.id)
                    .map(|i| i.earned)
                    .sum();
                assert_eq!(sum, sc.earned, "score is the sum of its items");
            }
        }
        ketensim::core::export::to_json(&d).expect("JSON");
        assert!(ketensim::core::export::to_html(&d).starts_with("<!DOCTYPE html>"));
        ketensim::core::export::to_csv(&[("fuzz".to_string(), d)]).expect("CSV");
    }
}

/// Runs the engine lints of `check` and a small `analyze` (bounded, with
/// the random-playthrough fallback) with `check --deep`'s warnings.
fn lint_and_analyze(text: &str, compiled: &Arc<ketensim::core::scenario::Compiled>) {
    let path = Path::new(SCENARIO);
    let _ = ketensim::core::eval::lint::expert_path_lints(path, text, compiled);
    let _ = ketensim::core::eval::lint::sharing_and_scoring_lints(path, text, compiled);
    let opts = ketensim::core::analyze::Options {
        max_states: 200,
        runs: 4,
        ..ketensim::core::analyze::Options::default()
    };
    if let Ok(a) = ketensim::core::analyze::analyze(compiled, &opts) {
        for e in &a.explorations {
            let paths: u128 = e.outcomes.iter().map(|o| o.paths).sum();
            assert!(paths > 0, "every exploration ends somewhere");
            for r in &e.scores {
                assert!(r.min <= r.max, "{} {}", r.role, r.competency);
            }
        }
        let _ = ketensim::core::analyze::deep_lints(path, text, compiled, &a, &[]);
    }
}

/// Feeds `cases` mutants (unless `KETENSIM_FUZZ_CASES` says otherwise) to
/// the loader and plays those that load: nothing may panic, and every
/// problem must carry a position inside the file.
pub fn run(cases: usize) {
    let src = std::fs::read_to_string(SCENARIO).expect("bundled scenario");
    let chars: Vec<char> = src.chars().collect();
    let strings = quoted_strings(&src);
    let cases: usize = std::env::var("KETENSIM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    let seed: u64 = std::env::var("KETENSIM_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2026);
    let mut rng = Rng(seed);
    let path = Path::new(SCENARIO);
    let (mut ok, mut syntax, mut semantic) = (0usize, 0usize, 0usize);
    let mut syntax_dutch = 0usize;
    let mut english = std::collections::BTreeSet::new();
    for case in 0..cases {
        let text = mutate(&chars, &strings, &mut rng);
        // `load_str` is `parse_ron` followed by `load_parsed`; calling the
        // halves tells parser rejections from validation rejections.
        let result = catch_unwind(AssertUnwindSafe(|| {
            parse_ron::<Scenario>(path, &text)
                .map_err(|d| (true, Diagnostics(vec![*d])))
                .and_then(|sc| load_parsed(path, &text, sc).map_err(|d| (false, d)))
        }));
        let Ok(result) = result else {
            let dump = std::env::temp_dir().join(format!("ketensim-fuzz-{case}.ron"));
            let _ = std::fs::write(&dump, &text);
            panic!(
                "loader panicked on mutant {case}; saved to {}",
                dump.display()
            );
        };
        match result {
            Ok(loaded) => {
                ok += 1;
                let compiled = Arc::new(loaded.compiled);
                // The evaluation replays the session once per action; do it
                // for one loaded mutant in 16.
                let report = ok % 16 == 1;
                // The lints and a small exploration: one in 64.
                let explore = ok % 64 == 1;
                let run = || {
                    if explore {
                        lint_and_analyze(&text, &compiled);
                    }
                    exercise(compiled.clone(), report)
                };
                if catch_unwind(AssertUnwindSafe(run)).is_err() {
                    let dump = std::env::temp_dir().join(format!("ketensim-fuzz-{case}.ron"));
                    let _ = std::fs::write(&dump, &text);
                    panic!(
                        "engine panicked on mutant {case}; saved to {}",
                        dump.display()
                    );
                }
            }
            Err((is_syntax, diags)) => {
                assert!(
                    !diags.0.is_empty(),
                    "mutant {case}: error without diagnostics"
                );
                let lines: Vec<&str> = text.split('\n').collect();
                for d in &diags.0 {
                    assert_eq!(d.file, path);
                    let line_ok = d.pos.line >= 1 && d.pos.line <= lines.len() + 1;
                    let width = lines.get(d.pos.line - 1).map_or(0, |l| l.chars().count());
                    assert!(
                        line_ok && d.pos.col >= 1 && d.pos.col <= width + 2,
                        "mutant {case}: position {:?} outside the file: {d}",
                        d.pos
                    );
                    assert!(!d.message.is_empty());
                    // The editor shows it in Dutch: every text of the
                    // checker is in the table; of the RON reader's own
                    // messages, the common ones.
                    let dutch = translate(&d.message).is_some()
                        && d.hint.as_deref().is_none_or(|h| translate(h).is_some());
                    if is_syntax {
                        syntax_dutch += usize::from(dutch);
                        if !dutch {
                            english.insert(d.message.clone());
                        }
                    } else {
                        assert!(dutch, "mutant {case}: no Dutch for {d}");
                    }
                }
                if is_syntax {
                    syntax += 1
                } else {
                    semantic += 1
                }
            }
        }
    }
    println!(
        "{cases} mutants: {ok} loaded and played, {syntax} rejected by the parser, {semantic} rejected by validation; the editor shows every validation message and {syntax_dutch} of {syntax} parser messages in Dutch (not: {english:?})"
    );
    assert_eq!(ok + syntax + semantic, cases);
    assert!(
        ok > 0 && semantic > 0,
        "the mutator should reach validation and the engine"
    );
}
