//! Test plans (`<scenario>.tests.ron`): answer files with the outcome,
//! scores and feedback a trainer expects; `check` plays and evaluates
//! them. Format in `docs/answer-format.md` ("Test plans").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::answers::AnswerFile;
use super::play::DEFAULT_SEED;
use crate::core::diag::{Diagnostic, Pos, did_you_mean};
use crate::core::engine::{Session, State};
use crate::core::eval::{Debrief, STANDARD, competency_id, evaluate};
use crate::core::scenario::Compiled;
use crate::core::scenario::load::{parse_ron, read_text};
use crate::core::scenario::model::Competency;
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
    /// Per competency, spelled as the scenario's `points` spell it
    /// (`Signalering`, `RechtmatigDelen`, …, `Custom("Ketenregie")`), or
    /// `"totaal"` for the total: earned points within `(min, max)`.
    #[serde(default)]
    pub scores: BTreeMap<ScoreKey, (i32, i32)>,
    /// Every competency at its maximum.
    #[serde(default)]
    pub maximum: bool,
    /// Ids the debrief must name as mistakes: decisions, options,
    /// expectations or facts that lost points, or sharing rules that
    /// judged a share unlawful or more than needed.
    #[serde(default)]
    pub feedback: Vec<String>,
}

/// A key of `Expect::scores`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ScoreKey {
    /// As the scenario's `points` write it: `RechtmatigDelen`,
    /// `Custom("Ketenregie")`.
    Competency(Competency),
    /// In quotes: `"totaal"` for the total. The old ids of the JSON
    /// report (`"rechtmatig_delen"`) are still read, with a warning.
    Text(String),
}

/// The key of the total score.
pub const TOTAL: &str = "totaal";

/// How `points` spell a competency: `RechtmatigDelen`, `Custom("x")`.
pub fn spelling(c: &Competency) -> String {
    match c {
        Competency::Custom(name) => format!("Custom(\"{name}\")"),
        other => format!("{other:?}"),
    }
}

impl ScoreKey {
    /// The key as the author wrote it.
    pub fn written(&self) -> String {
        match self {
            ScoreKey::Competency(c) => spelling(c),
            ScoreKey::Text(t) => format!("\"{t}\""),
        }
    }
}

/// What a score key asks for, once checked against the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The total (`"totaal"`).
    Total,
    /// A competency by its id in the debrief (`rechtmatig_delen`).
    Competency(String),
}

/// An expectation whose ids were checked against the scenario: only
/// what is known is compared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checked {
    /// The case can be played (its role is known).
    pub playable: bool,
    pub outcome: Option<String>,
    /// (what, range, the key as written).
    pub scores: Vec<(Target, (i32, i32), String)>,
    pub maximum: bool,
    pub feedback: Vec<String>,
}

/// The competencies of `scenario`: the six every debrief shows and the
/// scenario's own (`Custom`) in its `points`.
fn competencies(scenario: &Compiled) -> Vec<Competency> {
    let s = &scenario.scenario;
    let mut out: Vec<Competency> = STANDARD.to_vec();
    let own = s
        .decisions
        .iter()
        .flat_map(|d| d.options.iter().flat_map(|o| o.points.keys()))
        .chain(s.expectations.iter().flat_map(|e| e.points.keys()));
    for c in own {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// Every id the debrief can name as a mistake: facts, decisions, their
/// options, expectations and sharing rules.
fn feedback_ids(scenario: &Compiled) -> Vec<&str> {
    let s = &scenario.scenario;
    let mut out: Vec<&str> = Vec::new();
    out.extend(s.facts.iter().map(|x| x.id.as_str()));
    out.extend(s.decisions.iter().map(|x| x.id.as_str()));
    out.extend(
        s.decisions
            .iter()
            .flat_map(|d| d.options.iter().map(|o| o.id.as_str())),
    );
    out.extend(s.expectations.iter().map(|x| x.id.as_str()));
    out.extend(s.sharing.rules.iter().filter_map(|r| r.id.as_deref()));
    out.sort_unstable();
    out.dedup();
    out
}

/// A hint that names the closest of `known`, or lists them.
fn suggestion(word: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(word, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("the scenario's {what}: {}", known.join(", ")),
    }
}

/// A competency spelling without case and `_`, to compare an old id
/// (`rechtmatig_delen`) with the new spelling (`RechtmatigDelen`).
fn loose(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '_' && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Checks one case's ids against the scenario. Unknown ids are errors
/// (left out of the comparison), old spellings warnings; both are
/// reported at their position in the plan (`text`, lexed as `index`).
fn check_case(
    scenario: &Compiled,
    case: &TestCase,
    file: &Path,
    text: &str,
    index: &SourceIndex,
    (at, end): (Pos, Option<Pos>),
    out: &mut Vec<Diagnostic>,
) -> Checked {
    let s = &scenario.scenario;
    let within = |p: Pos| p >= at && end.is_none_or(|e| p < e);
    // The first literal `value` (with field `key`, if given) of this case.
    let literal = |key: Option<&str>, value: &str| -> Option<Pos> {
        index
            .strings
            .iter()
            .find(|l| {
                within(l.pos) && l.value == value && key.is_none_or(|k| l.key.as_deref() == Some(k))
            })
            .map(|l| l.pos)
    };
    let find = |key: Option<&str>, value: &str| literal(key, value).unwrap_or(at);
    // The first bare `word:` of this case (a map key written without
    // quotes).
    let bare = |word: &str| {
        index
            .keys
            .iter()
            .find(|(k, p)| within(*p) && k == word)
            .map(|(_, p)| *p)
    };
    let diag = |pos: Pos, message: String, hint: String, error: bool| {
        let d = if error {
            Diagnostic::error(file, pos, message)
        } else {
            Diagnostic::warning(file, pos, message)
        };
        d.with_source(text).with_hint(hint)
    };
    let name = &case.name;
    let mut checked = Checked {
        playable: true,
        maximum: case.expect.maximum,
        ..Checked::default()
    };
    if let Some(role) = &case.role {
        let roles: Vec<&str> = s
            .roles
            .iter()
            .filter(|r| r.playable)
            .map(|r| r.id.as_str())
            .collect();
        if !s.roles.iter().any(|r| &r.id == role) {
            checked.playable = false;
            out.push(diag(
                find(Some("role"), role),
                format!("test `{name}`: unknown role `{role}`"),
                suggestion(role, &roles, "playable roles"),
                true,
            ));
        }
    }
    if let Some(want) = &case.expect.outcome {
        if s.outcomes.iter().any(|o| &o.id == want) {
            checked.outcome = Some(want.clone());
        } else {
            let known: Vec<&str> = s.outcomes.iter().map(|o| o.id.as_str()).collect();
            out.push(diag(
                find(Some("outcome"), want),
                format!("test `{name}`: unknown outcome `{want}`"),
                suggestion(want, &known, "outcomes"),
                true,
            ));
        }
    }
    let known_feedback = feedback_ids(scenario);
    for id in &case.expect.feedback {
        if known_feedback.contains(&id.as_str()) {
            checked.feedback.push(id.clone());
        } else {
            out.push(diag(
                find(Some("feedback"), id),
                format!("test `{name}`: unknown id `{id}` in `feedback`"),
                match did_you_mean(id, known_feedback.iter().copied()) {
                    Some(x) => format!("did you mean `{x}`? `feedback` names facts, decisions, options, expectations and sharing rules"),
                    None => "`feedback` names the ids of facts, decisions, options, expectations and sharing rules that the debrief reports as mistakes".to_string(),
                },
                true,
            ));
        }
    }
    let comps = competencies(scenario);
    let spellings: Vec<String> = comps
        .iter()
        .map(spelling)
        .chain(std::iter::once(format!("\"{TOTAL}\"")))
        .collect();
    for (key, range) in &case.expect.scores {
        let mut written = key.written();
        let pos = match key {
            ScoreKey::Competency(Competency::Custom(n)) => find(None, n),
            ScoreKey::Competency(c) => bare(&spelling(c)).unwrap_or(at),
            // A word without quotes that is no competency reads as text.
            ScoreKey::Text(t) => match (literal(None, t), bare(t)) {
                (Some(p), _) => p,
                (None, Some(p)) => {
                    written = t.clone();
                    p
                }
                (None, None) => at,
            },
        };
        let target = match key {
            ScoreKey::Text(t) if t == TOTAL => Some(Target::Total),
            ScoreKey::Competency(c) if comps.contains(c) => {
                Some(Target::Competency(competency_id(c)))
            }
            ScoreKey::Text(t) => match comps.iter().find(|c| competency_id(c) == *t) {
                Some(c) => {
                    out.push(diag(
                        pos,
                        format!(
                            "test `{name}`: `{written}` is the old spelling of a competency in a test plan; write `{}` (as the scenario's `points` do)",
                            spelling(c)
                        ),
                        format!(
                            "write `{}: ({}, {})` (without quotes); keep `\"{TOTAL}\"` for the total",
                            spelling(c),
                            range.0,
                            range.1
                        ),
                        false,
                    ));
                    Some(Target::Competency(t.clone()))
                }
                None => None,
            },
            ScoreKey::Competency(_) => None,
        };
        match target {
            Some(t) => checked.scores.push((t, *range, written)),
            None => {
                let mine = loose(&match key {
                    ScoreKey::Competency(Competency::Custom(n)) => n.clone(),
                    ScoreKey::Competency(c) => spelling(c),
                    ScoreKey::Text(t) => t.clone(),
                });
                let close = comps
                    .iter()
                    .map(|c| (spelling(c), loose(&competency_id(c))))
                    .chain(std::iter::once((format!("\"{TOTAL}\""), TOTAL.to_string())))
                    .find(|(_, l)| did_you_mean(&mine, [l.as_str()]).is_some());
                out.push(diag(
                    pos,
                    format!("test `{name}`: unknown competency `{written}` in `scores`"),
                    match close {
                        Some((sp, _)) => format!("did you mean `{sp}`?"),
                        None => format!(
                            "the scenario's competencies, as its `points` write them: {}",
                            spellings.join(", ")
                        ),
                    },
                    true,
                ));
            }
        }
    }
    checked
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
    // Where each case starts: its `name` (the n-th of a name used twice).
    let starts: Vec<Pos> = plan
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let nth = plan.cases[..i]
                .iter()
                .filter(|c| c.name == case.name)
                .count();
            index
                .definition("name", &case.name, nth)
                .unwrap_or(Pos::START)
        })
        .collect();
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
    for (i, case) in plan.cases.iter().enumerate() {
        let pos = starts[i];
        let end = starts.get(i + 1).copied();
        let fail = |msg: String| {
            Diagnostic::error(&path, pos, format!("test `{}`: {msg}", case.name)).with_source(&text)
        };
        let expect = check_case(scenario, case, &path, &text, &index, (pos, end), &mut out);
        if !expect.playable {
            continue;
        }
        match run_case(dir, scenario, case) {
            Ok((d, st)) => {
                out.extend(compare(&d, &expect).into_iter().map(&fail));
                states.push(st);
            }
            Err(msg) => out.push(fail(msg)),
        }
    }
    out.sort_by_key(|d| d.pos);
    (out, plan.cases.len(), states)
}

fn run_case(
    dir: &Path,
    scenario: &Arc<Compiled>,
    case: &TestCase,
) -> Result<(Debrief, State), String> {
    let file = dir.join(&case.answers);
    let answers = AnswerFile::read(&file).map_err(|d| d.to_string())?;
    answers
        .belongs_to(&file, &scenario.scenario.id)
        .map_err(|d| d.to_string())?;
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

/// The differences between a debrief and what was expected (the ids
/// checked by `check_case`).
pub fn compare(d: &Debrief, expect: &Checked) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(want) = &expect.outcome {
        let got = d.outcome.as_ref().map(|o| o.id.as_str()).unwrap_or("-");
        if got != want {
            out.push(format!("outcome is `{got}`, expected `{want}`"));
        }
    }
    for r in &d.roles {
        for (target, (min, max), written) in &expect.scores {
            let got = match target {
                Target::Total => Some(r.total_earned),
                Target::Competency(id) => r.scores.iter().find(|s| s.id == *id).map(|s| s.earned),
            };
            // A competency of the scenario this role earns nothing on
            // scores 0.
            let p = got.unwrap_or(0);
            if p < *min || p > *max {
                out.push(format!(
                    "{} scores {p} on `{}`, expected {min}..={max}",
                    r.role,
                    written.trim_matches('"')
                ));
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
