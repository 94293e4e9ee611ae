//! Test plans (`<scenario>.tests.ron`): answer files with the outcome,
//! scores and feedback a trainer expects; `check` plays and evaluates
//! them. Format in `docs/answer-format.md` ("Test plans").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::answers::AnswerFile;
use super::play::DEFAULT_SEED;
use crate::core::diag::{Diagnostic, Pos};
use crate::core::engine::{Session, State};
use crate::core::eval::{Debrief, evaluate};
use crate::core::scenario::Compiled;
use crate::core::scenario::load::{parse_ron, read_text};
use crate::core::scenario::source::SourceIndex;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestPlan {
    /// The scenario's id.
    pub scenario: String,
    pub cases: Vec<TestCase>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    pub name: String,
    /// The answer file, relative to the test plan.
    pub answers: String,
    /// The role it plays; leave out for a group file with `turns`.
    #[serde(default)]
    pub role: Option<String>,
    /// Overrides the answer file's seed.
    #[serde(default)]
    pub seed: Option<u64>,
    #[serde(default)]
    pub expect: Expect,
}

/// What the case must give. Everything is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The outcome id.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Per competency id (`signalering`, `rechtmatig_delen`, …, or
    /// `totaal` for the total): earned points within `(min, max)`.
    #[serde(default)]
    pub scores: BTreeMap<String, (i32, i32)>,
    /// Every competency at its maximum.
    #[serde(default)]
    pub maximum: bool,
    /// Ids the debrief must name as mistakes: decisions, options,
    /// expectations or facts that lost points, or sharing rules that
    /// judged a share unlawful or more than needed.
    #[serde(default)]
    pub feedback: Vec<String>,
}

/// A test plan's path for a scenario file: `x.ron` → `x.tests.ron`.
pub fn plan_path(scenario_file: &Path) -> PathBuf {
    let stem = scenario_file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("scenario");
    scenario_file.with_file_name(format!("{stem}.tests.ron"))
}

/// Runs the plan next to `scenario_file`, if there is one. Returns the
/// problems, the number of cases run, and the end state of every case that
/// could be played (what the cases reached, for `check --deep`).
pub fn run_plan_states(
    scenario_file: &Path,
    scenario: &Arc<Compiled>,
) -> (Vec<Diagnostic>, usize, Vec<State>) {
    let path = plan_path(scenario_file);
    if !path.exists() {
        return (Vec::new(), 0, Vec::new());
    }
    let text = match read_text(&path) {
        Ok(t) => t,
        Err(d) => return (vec![*d], 0, Vec::new()),
    };
    let plan: TestPlan = match parse_ron(&path, &text) {
        Ok(p) => p,
        Err(d) => return (vec![*d], 0, Vec::new()),
    };
    let index = SourceIndex::new(&text);
    let at = |name: &str| index.definition("name", name, 0).unwrap_or(Pos::START);
    let mut out = Vec::new();
    if plan.scenario != scenario.scenario.id {
        out.push(
            Diagnostic::error(
                &path,
                index.key("scenario", 0).unwrap_or(Pos::START),
                format!(
                    "the test plan is for scenario `{}`, but {} is `{}`",
                    plan.scenario,
                    scenario_file.display(),
                    scenario.scenario.id
                ),
            )
            .with_source(&text)
            .with_hint("name the scenario's id under `scenario`"),
        );
        return (out, 0, Vec::new());
    }
    let mut states = Vec::new();
    let dir = path.parent().unwrap_or(Path::new("."));
    for case in &plan.cases {
        let pos = at(&case.name);
        let fail = |msg: String| {
            Diagnostic::error(&path, pos, format!("test `{}`: {msg}", case.name)).with_source(&text)
        };
        match run_case(dir, scenario, case) {
            Ok((d, st)) => {
                out.extend(compare(&d, &case.expect).into_iter().map(&fail));
                states.push(st);
            }
            Err(msg) => out.push(fail(msg)),
        }
    }
    (out, plan.cases.len(), states)
}

fn run_case(
    dir: &Path,
    scenario: &Arc<Compiled>,
    case: &TestCase,
) -> Result<(Debrief, State), String> {
    let file = dir.join(&case.answers);
    let answers = AnswerFile::read(&file).map_err(|d| d.to_string())?;
    let (roles, steps) = answers.answers.sequence(case.role.as_deref())?;
    let seed = case.seed.or(answers.answers.seed).unwrap_or(DEFAULT_SEED);
    let mut s = Session::start(scenario.clone(), seed, &roles, None).map_err(|e| e.to_string())?;
    for (i, (role, act)) in steps.iter().enumerate() {
        s.apply(role, act)
            .map_err(|e| format!("step {} of {} cannot be played: {e}", i + 1, file.display()))?;
    }
    if let Some(driver) = roles.first() {
        s.run_out(driver);
    }
    let d = evaluate(scenario.clone(), s.log()).map_err(|e| e.to_string())?;
    Ok((d, s.state().clone()))
}

/// The differences between a debrief and what was expected.
pub fn compare(d: &Debrief, expect: &Expect) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(want) = &expect.outcome {
        let got = d.outcome.as_ref().map(|o| o.id.as_str()).unwrap_or("-");
        if got != want {
            out.push(format!("outcome is `{got}`, expected `{want}`"));
        }
    }
    for r in &d.roles {
        for (id, (min, max)) in &expect.scores {
            let got = if id == "totaal" {
                Some(r.total_earned)
            } else {
                r.scores.iter().find(|s| s.id == *id).map(|s| s.earned)
            };
            match got {
                Some(p) if p < *min || p > *max => out.push(format!(
                    "{} scores {p} on `{id}`, expected {min}..={max}",
                    r.role
                )),
                Some(_) => {}
                None => out.push(format!("no competency `{id}` in the debrief")),
            }
        }
        if expect.maximum {
            for s in r.scores.iter().filter(|s| s.earned != s.max) {
                out.push(format!(
                    "{} scores {} of {} on `{}`, expected the maximum",
                    r.role, s.earned, s.max, s.id
                ));
            }
        }
    }
    for id in &expect.feedback {
        let named = d.roles.iter().any(|r| {
            r.items
                .iter()
                .any(|i| i.subject == *id && (i.earned < i.possible || i.earned < 0))
                || r.decisions
                    .iter()
                    .any(|x| !x.chose_expert && x.chosen.as_ref().is_some_and(|o| o.id == *id))
                || r.shares
                    .iter()
                    .any(|s| s.verdict != "lawful" && s.rule.as_deref() == Some(id.as_str()))
        });
        if !named {
            out.push(format!("the debrief does not name `{id}` as a mistake"));
        }
    }
    out
}
