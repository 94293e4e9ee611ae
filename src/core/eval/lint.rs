//! Checks that need the engine: the expert path (every role by script,
//! expert options) must meet every expectation in time, or an expert
//! trainee could not reach the maximum score; and every signal should
//! reach some playable role on its expert path, or no trainee is ever
//! scored on it. Run by `check`.

use std::path::Path;
use std::sync::Arc;

use crate::core::diag::{Diagnostic, Pos, Severity};
use crate::core::engine::Session;
use crate::core::scenario::compiled::Compiled;
use crate::core::scenario::model::Act;
use crate::core::scenario::source::SourceIndex;

/// The seed the expert path is checked with (the default of `play`).
pub const LINT_SEED: u64 = 1;

/// Warnings for expectations the expert path of their role does not meet,
/// or meets too late. `text` is the scenario file's text (for positions).
pub fn expert_path_lints(path: &Path, text: &str, c: &Arc<Compiled>) -> Vec<Diagnostic> {
    let s = &c.scenario;
    let mut out = Vec::new();
    let mut index: Option<SourceIndex> = None;
    // Signal facts some playable role sees on its expert path.
    let mut seen = vec![false; c.facts.len()];
    let mut any_playable = false;
    for (r, role) in s.roles.iter().enumerate() {
        let mine: Vec<usize> = (0..c.expectations.len())
            .filter(|e| c.expectations[*e].role == r)
            .collect();
        if !role.playable {
            continue;
        }
        any_playable = true;
        let Ok(mut session) =
            Session::start(c.clone(), LINT_SEED, std::slice::from_ref(&role.id), None)
        else {
            continue;
        };
        session.hand_over(r);
        // When each expectation last became true.
        let mut since: Vec<Option<u32>> = vec![None; c.expectations.len()];
        let look = |session: &Session, since: &mut Vec<Option<u32>>| {
            for &e in &mine {
                let holds = session.state().holds(&c.expectations[e].achieve);
                since[e] = match (holds, since[e]) {
                    (true, None) => Some(session.state().tick),
                    (true, t) => t,
                    (false, _) => None,
                };
            }
        };
        look(&session, &mut since);
        while !session.state().ended() {
            if session.apply(&role.id, &Act::Advance).is_err() {
                break;
            }
            look(&session, &mut since);
        }
        for (f, slot) in seen.iter_mut().enumerate() {
            *slot |= session.state().knows(r, f);
        }
        for &e in &mine {
            let exp = &s.expectations[e];
            let problem = match (since[e], c.expectations[e].by) {
                (None, _) => format!(
                    "expectation `{}` is not met on the expert path of role `{}`",
                    exp.id, role.id
                ),
                (Some(t), Some(by)) if t > by => format!(
                    "expectation `{}` is met late on the expert path of role `{}` ({}, deadline {})",
                    exp.id,
                    role.id,
                    c.time_label(t),
                    c.time_label(by)
                ),
                _ => continue,
            };
            let index = index.get_or_insert_with(|| SourceIndex::new(text));
            let pos = index.definition("id", &exp.id, 0).unwrap_or(Pos::START);
            let mut d = Diagnostic::error(path, pos, problem)
                .with_source(text)
                .with_hint(format!(
                    "the expert path is the role's `script` plus expert options (seed {LINT_SEED}); make the script do what the expectation asks, in time, or change the expectation — otherwise an expert cannot reach the maximum score"
                ));
            d.severity = Severity::Warning;
            out.push(d);
        }
    }
    if any_playable {
        for (f, fact) in s.facts.iter().enumerate() {
            if c.facts[f].signal.is_none() || seen[f] {
                continue;
            }
            let index = index.get_or_insert_with(|| SourceIndex::new(text));
            let pos = index.definition("id", &fact.id, 0).unwrap_or(Pos::START);
            let mut d = Diagnostic::error(
                path,
                pos,
                format!(
                    "signal `{}` reaches no playable role on its expert path, so no trainee is scored on it",
                    fact.id
                ),
            )
            .with_source(text)
            .with_hint(
                "let an inject, a talk or a script share bring it to a playable role, or make it no signal",
            );
            d.severity = Severity::Warning;
            out.push(d);
        }
    }
    out
}
