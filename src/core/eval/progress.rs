//! A learner's own record ("Mijn voortgang"): every finished attempt of
//! one trainee on this machine, per case, with its date, outcome and the
//! score per competency; each competency over the attempts; the cases of
//! the library not yet played; and the same as CSV. Read from the saved
//! sessions (nothing new is stored), evaluated with the scenario version
//! each was played on.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::{CompetencyScore, evaluate};
use crate::core::scenario::Compiled;
use crate::core::store::{Saved, SavedStatus, attempt_started, readable_utc};

/// One finished attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    pub file: PathBuf,
    /// When it started (seconds since the Unix epoch), from its file name.
    pub started: Option<u64>,
    /// "2026-12-04 16:00 UTC", or when the file was last written.
    pub when: String,
    pub scenario_id: String,
    pub title: String,
    pub role: String,
    pub role_name: String,
    /// The outcome's title and kind (`good`, `partial`, `bad`).
    pub outcome: String,
    pub outcome_kind: String,
    pub earned: i32,
    pub max: i32,
    pub percent: Option<u32>,
    pub scores: Vec<CompetencyScore>,
}

/// A case and the trainee's attempts on it, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseRecord {
    pub scenario_id: String,
    pub title: String,
    pub attempts: Vec<Attempt>,
}

/// One competency over all attempts, oldest first (`None` where the case
/// gave no points for it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyLine {
    pub id: String,
    pub label: String,
    pub percents: Vec<Option<u32>>,
}

/// The record of one trainee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub trainee: String,
    pub cases: Vec<CaseRecord>,
    /// Every attempt's competencies, in the order the attempts were made.
    pub competencies: Vec<CompetencyLine>,
    /// Cases of the library this trainee has not finished: (id, title).
    pub not_played: Vec<(String, String)>,
}

/// Whether `name` is the same person as `other` (case and spaces aside).
fn same(name: &str, other: &str) -> bool {
    name.trim().to_lowercase() == other.trim().to_lowercase()
}

/// The names of everyone who played on this machine (self-study trainees
/// and training-day seats), sorted, each once.
pub fn trainees(saved: &[Saved]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for log in saved.iter().filter_map(|s| s.log.as_ref()) {
        let names = log
            .trainee
            .iter()
            .chain(log.seats.iter().filter_map(|s| s.person.as_ref()));
        for n in names {
            if !n.trim().is_empty() && !out.iter().any(|o| same(o, n)) {
                out.push(n.trim().to_string());
            }
        }
    }
    out.sort_by_key(|n| n.to_lowercase());
    out
}

/// The record of `trainee` from the saved sessions. `find` gives the
/// scenario a log was played on (id, hash); `library` lists the cases
/// (id, title) for those not yet played.
pub fn progress(
    trainee: &str,
    saved: &[Saved],
    find: impl Fn(&str, &str) -> Option<Arc<Compiled>>,
    library: &[(String, String)],
) -> Progress {
    let mut attempts: Vec<Attempt> = Vec::new();
    for s in saved {
        let (Some(log), SavedStatus::Ok { ended: Some(_), .. }) = (&s.log, &s.status) else {
            continue;
        };
        // The role this person played: self-study's trainee, or a seat.
        let role = if log.trainee.as_deref().is_some_and(|t| same(t, trainee)) {
            log.roles.first().cloned()
        } else {
            log.seats
                .iter()
                .find(|x| x.person.as_deref().is_some_and(|p| same(p, trainee)))
                .map(|x| x.role.clone())
        };
        let Some(role) = role else { continue };
        let Some(c) = find(&log.scenario, &log.scenario_hash) else {
            continue;
        };
        let Ok(d) = evaluate(c, log) else { continue };
        let Some(r) = d.roles.iter().find(|r| r.role == role) else {
            continue;
        };
        let started = attempt_started(&s.path);
        attempts.push(Attempt {
            file: s.path.clone(),
            started,
            when: started.map_or_else(|| s.saved_at.clone(), readable_utc),
            scenario_id: d.scenario.id.clone(),
            title: d.scenario.title.clone(),
            role: r.role.clone(),
            role_name: r.name.clone(),
            outcome: d
                .outcome
                .as_ref()
                .map(|o| o.title.clone())
                .unwrap_or_default(),
            outcome_kind: d
                .outcome
                .as_ref()
                .map(|o| o.kind.clone())
                .unwrap_or_default(),
            earned: r.total_earned,
            max: r.total_max,
            percent: super::percent(r.total_earned, r.total_max),
            scores: r.scores.clone(),
        });
    }
    attempts.sort_by(|a, b| a.started.cmp(&b.started).then(a.file.cmp(&b.file)));
    let mut competencies: Vec<CompetencyLine> = Vec::new();
    for a in &attempts {
        for s in &a.scores {
            if !competencies.iter().any(|c| c.id == s.id) {
                competencies.push(CompetencyLine {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    percents: Vec::new(),
                });
            }
        }
    }
    for c in &mut competencies {
        c.percents = attempts
            .iter()
            .map(|a| {
                a.scores
                    .iter()
                    .find(|s| s.id == c.id)
                    .and_then(|s| s.percent)
            })
            .collect();
    }
    let mut cases: Vec<CaseRecord> = Vec::new();
    for a in attempts {
        match cases.iter_mut().find(|c| c.scenario_id == a.scenario_id) {
            Some(c) => c.attempts.push(a),
            None => cases.push(CaseRecord {
                scenario_id: a.scenario_id.clone(),
                title: a.title.clone(),
                attempts: vec![a],
            }),
        }
    }
    let not_played = library
        .iter()
        .filter(|(id, _)| !cases.iter().any(|c| &c.scenario_id == id))
        .cloned()
        .collect();
    Progress {
        trainee: trainee.to_string(),
        cases,
        competencies,
        not_played,
    }
}

/// The record as CSV: one row per attempt, a column per competency (its
/// percentage; empty where the case gave no points for it).
pub fn to_csv(p: &Progress) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = [
        "trainee", "started", "scenario", "title", "role", "outcome", "earned", "max", "percent",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    head.extend(p.competencies.iter().map(|c| c.id.clone()));
    w.write_record(&head).map_err(|e| e.to_string())?;
    for a in p.cases.iter().flat_map(|c| &c.attempts) {
        let mut row = vec![
            p.trainee.clone(),
            a.started
                .map(crate::core::export::xapi::iso8601)
                .unwrap_or_default(),
            a.scenario_id.clone(),
            a.title.clone(),
            a.role.clone(),
            a.outcome_kind.clone(),
            a.earned.to_string(),
            a.max.to_string(),
            a.percent.map(|x| x.to_string()).unwrap_or_default(),
        ];
        row.extend(p.competencies.iter().map(|c| {
            a.scores
                .iter()
                .find(|s| s.id == c.id)
                .and_then(|s| s.percent)
                .map(|x| x.to_string())
                .unwrap_or_default()
        }));
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
