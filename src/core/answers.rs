//! The answer file of a headless `play`: the actions of one role in order,
//! or, for a group (training day), turns of several roles. Documented in
//! `docs/answer-format.md`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::diag::{Diagnostic, Pos};
use crate::core::scenario::load::{parse_ron, read_text};
use crate::core::scenario::model::Act;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// The id of the scenario these answers are written for. `play`, the
    /// test plans and the app refuse a file written for another scenario.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Seed for the scenario's variation; `--seed` overrides it.
    #[serde(default)]
    pub seed: Option<u64>,
    /// The actions of the role given with `--role`, in order. `Advance`
    /// ends the day-part.
    #[serde(default)]
    pub steps: Vec<Act>,
    /// For a group: blocks of steps per role, played in this order (the
    /// roles share one clock). Use either `steps` or `turns`.
    #[serde(default)]
    pub turns: Vec<Turn>,
}

/// Played roles and the steps as (role, act), in order.
pub type Sequence = (Vec<String>, Vec<(String, Act)>);

/// A block of steps by one role in a group answer file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub role: String,
    pub steps: Vec<Act>,
}

impl Answers {
    /// The played roles (in order of first appearance) and the steps as
    /// (role, act). `role` is the `--role` of the command line.
    pub fn sequence(&self, role: Option<&str>) -> Result<Sequence, String> {
        match (self.turns.is_empty(), role) {
            (false, _) if !self.steps.is_empty() => {
                Err("the answer file has both `steps` and `turns`: use one of them".to_string())
            }
            (false, Some(_)) => Err(
                "the answer file names its roles in `turns`: leave out --role".to_string(),
            ),
            (false, None) => {
                let mut roles: Vec<String> = Vec::new();
                let mut seq = Vec::new();
                for t in &self.turns {
                    if !roles.contains(&t.role) {
                        roles.push(t.role.clone());
                    }
                    seq.extend(t.steps.iter().map(|a| (t.role.clone(), a.clone())));
                }
                Ok((roles, seq))
            }
            (true, Some(r)) => Ok((
                vec![r.to_string()],
                self.steps.iter().map(|a| (r.to_string(), a.clone())).collect(),
            )),
            (true, None) => Err(
                "say which role the answer file plays with --role (or write a group file with `turns`)".to_string(),
            ),
        }
    }
}

/// An answer file with the position of every step.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerFile {
    pub answers: Answers,
    pub positions: Vec<Pos>,
    /// The file's text, to quote in messages.
    pub text: String,
}

impl AnswerFile {
    pub fn read(path: &Path) -> Result<AnswerFile, Box<Diagnostic>> {
        let text = read_text(path)?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<AnswerFile, Box<Diagnostic>> {
        let answers: Answers = parse_ron(path, text)?;
        let positions = step_positions(text);
        Ok(AnswerFile {
            answers,
            positions,
            text: text.to_string(),
        })
    }

    /// Refuses answers written for another scenario than `id`, with the
    /// position of their `scenario:` field. A file without the field is
    /// accepted (written before answer files named their scenario).
    pub fn belongs_to(&self, path: &Path, id: &str) -> Result<(), Box<Diagnostic>> {
        match &self.answers.scenario {
            Some(own) if own != id => {
                let pos = self.scenario_pos();
                Err(Box::new(
                    Diagnostic::error(
                        path,
                        pos,
                        format!("these answers are written for scenario `{own}`, not for `{id}`"),
                    )
                    .with_hint(format!(
                        "play them on `{own}`, or pick the answer file of `{id}` (its first field says `scenario: \"{id}\"`)"
                    )),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Position of the `scenario:` field, or the file start.
    pub fn scenario_pos(&self) -> Pos {
        crate::core::scenario::source::SourceIndex::new(&self.text)
            .key("scenario", 0)
            .unwrap_or(Pos::START)
    }

    /// Position of step `i`, or the file start if it cannot be found.
    pub fn position(&self, i: usize) -> Pos {
        self.positions.get(i).copied().unwrap_or(Pos::START)
    }
}

/// Positions of the items of every `steps: [ ... ]` list, in file order
/// (so for `turns` the steps of all turns, flattened): each item starts
/// with an identifier at the list's top level.
fn step_positions(text: &str) -> Vec<Pos> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    let mut ident = String::new();
    let mut in_steps = false;
    let mut depth = 0i32; // depth relative to the steps list
    let mut expect_item = false;
    while i < chars.len() {
        let c = chars[i];
        let here = Pos { line, col };
        let step = |i: &mut usize, line: &mut usize, col: &mut usize| {
            if chars[*i] == '\n' {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
            *i += 1;
        };
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&mut i, &mut line, &mut col);
            }
            continue;
        }
        if c == '"' {
            step(&mut i, &mut line, &mut col);
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    step(&mut i, &mut line, &mut col);
                }
                if i < chars.len() {
                    step(&mut i, &mut line, &mut col);
                }
            }
            if i < chars.len() {
                step(&mut i, &mut line, &mut col);
            }
            ident.clear();
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            if in_steps && depth == 1 && expect_item && ident.is_empty() {
                out.push(here);
                expect_item = false;
            }
            ident.push(c);
        } else {
            if c == ':' && !in_steps && ident == "steps" {
                in_steps = true;
            }
            ident.clear();
            if in_steps {
                match c {
                    '[' | '(' | '{' => {
                        depth += 1;
                        if depth == 1 {
                            expect_item = true;
                        }
                    }
                    ']' | ')' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            in_steps = false;
                        }
                    }
                    ',' if depth == 1 => expect_item = true,
                    _ => {}
                }
            }
        }
        step(&mut i, &mut line, &mut col);
    }
    out
}

/// The steps of case `scenario`'s expert answers for `role` in folder
/// `answers` (the files named `*-<role>-expert.answers.ron`, the first by
/// name that names the case); empty when there is none.
pub fn expert_steps(answers: &std::path::Path, scenario: &str, role: &str) -> Vec<Act> {
    let suffix = format!("-{role}-expert.answers.ron");
    let mut files: Vec<_> = std::fs::read_dir(answers)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(&suffix))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| AnswerFile::read(p).ok())
        .find(|f| f.answers.scenario.as_deref() == Some(scenario))
        .map(|f| f.answers.steps)
        .unwrap_or_default()
}

/// Answer steps cut into day-parts at each `Advance` (the `Advance`
/// itself left out): what a seat does in each day-part.
pub fn day_parts(steps: &[Act]) -> Vec<Vec<Act>> {
    let mut out = vec![Vec::new()];
    for a in steps {
        if *a == Act::Advance {
            out.push(Vec::new());
        } else if let Some(last) = out.last_mut() {
            last.push(a.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_step() {
        let text = "Answers(\n  steps: [\n    Advance,\n    Flag(fact: \"a\", form: Criminal),\n    // Advance,\n    Consult(with: \"x\"),\n  ],\n)\n";
        let f = AnswerFile::parse(Path::new("a.answers.ron"), text).unwrap();
        assert_eq!(f.answers.steps.len(), 3);
        assert_eq!(
            f.positions,
            vec![
                Pos { line: 3, col: 5 },
                Pos { line: 4, col: 5 },
                Pos { line: 6, col: 5 }
            ]
        );
    }
}
