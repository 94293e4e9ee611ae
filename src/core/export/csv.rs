//! CSV export for a group: one row per played role per session, with the
//! score per competency, so a trainer can compare trainees in a
//! spreadsheet; and the training day's group CSV, one row per seat.
//! Columns are documented in `docs/report-format.md`.

use crate::core::eval::group::GroupDebrief;
use crate::core::eval::{
    Debrief, DecisionStatus, RoleDebrief, STANDARD, SignalStatus, competency_id, percent,
};

/// Builds the CSV. `sources` names each debrief's log file (first column).
pub fn to_csv(debriefs: &[(String, Debrief)]) -> Result<String, csv::Error> {
    // Competencies: the six standard ones, then any a scenario adds, in
    // order of first appearance.
    let mut comps: Vec<(String, String)> = STANDARD
        .iter()
        .map(|c| (competency_id(c), c.label().to_string()))
        .collect();
    for (_, d) in debriefs {
        for r in &d.roles {
            for s in &r.scores {
                if !comps.iter().any(|(id, _)| *id == s.id) {
                    comps.push((s.id.clone(), s.label.clone()));
                }
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "log",
        "scenario",
        "scenario_version",
        "seed",
        "trainee",
        "role",
        "finished",
        "outcome",
        "outcome_kind",
        "expert_outcome",
        "total_earned",
        "total_max",
        "total_percent",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (id, _) in &comps {
        header.push(format!("{id}_earned"));
        header.push(format!("{id}_max"));
    }
    header.extend(
        [
            "signals_flagged",
            "signals_scored",
            "false_flags",
            "shares",
            "unlawful_shares",
            "excessive_shares",
            "expectations_met",
            "expectations",
            "decisions_expert",
            "decisions",
            "turning_points",
            "wrong_ground_shares",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    w.write_record(&header)?;
    for (source, d) in debriefs {
        for r in &d.roles {
            w.write_record(row(source, d, r, &comps))?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn row(source: &str, d: &Debrief, r: &RoleDebrief, comps: &[(String, String)]) -> Vec<String> {
    let opt = |o: Option<String>| o.unwrap_or_default();
    let mut v = vec![
        source.to_string(),
        d.scenario.id.clone(),
        d.scenario.version.clone(),
        d.session.seed.to_string(),
        opt(d.session.trainee.clone()),
        r.role.clone(),
        d.session.finished.to_string(),
        opt(d.outcome.as_ref().map(|o| o.id.clone())),
        opt(d.outcome.as_ref().map(|o| o.kind.clone())),
        opt(d.expert_outcome.as_ref().map(|o| o.id.clone())),
        r.total_earned.to_string(),
        r.total_max.to_string(),
        opt(percent(r.total_earned, r.total_max).map(|p| p.to_string())),
    ];
    for (id, _) in comps {
        match r.scores.iter().find(|s| s.id == *id) {
            Some(s) => {
                v.push(s.earned.to_string());
                v.push(s.max.to_string());
            }
            None => {
                v.push(String::new());
                v.push(String::new());
            }
        }
    }
    let count = |f: &dyn Fn(&&crate::core::eval::ShareRow) -> bool| {
        r.shares.iter().filter(f).count().to_string()
    };
    v.push(
        r.signals
            .iter()
            .filter(|s| s.scored && s.status == SignalStatus::Flagged)
            .count()
            .to_string(),
    );
    v.push(r.signals.iter().filter(|s| s.scored).count().to_string());
    v.push(r.false_flags.len().to_string());
    v.push(r.shares.len().to_string());
    v.push(count(&|s| s.verdict == "unlawful"));
    v.push(count(&|s| s.verdict == "excessive"));
    v.push(r.expectations.iter().filter(|e| e.met).count().to_string());
    v.push(r.expectations.len().to_string());
    v.push(
        r.decisions
            .iter()
            .filter(|x| x.chose_expert)
            .count()
            .to_string(),
    );
    v.push(
        r.decisions
            .iter()
            .filter(|x| x.status != DecisionStatus::NotOpened || x.on_expert_path)
            .count()
            .to_string(),
    );
    v.push(
        d.turning_points
            .iter()
            .filter(|t| t.role == r.role)
            .count()
            .to_string(),
    );
    // Appended so the older columns keep their place.
    v.push(count(&|s| s.verdict == "wrong_ground"));
    v
}

/// The group CSV of a training day: one row per seat, with the person,
/// the score per competency, the totals and the outcome. Columns are
/// documented in `docs/report-format.md`.
pub fn to_group_csv(g: &GroupDebrief) -> Result<String, csv::Error> {
    let mut comps: Vec<(String, String)> = STANDARD
        .iter()
        .map(|c| (competency_id(c), c.label().to_string()))
        .collect();
    for r in &g.roles {
        for s in &r.scores {
            if !comps.iter().any(|(id, _)| *id == s.id) {
                comps.push((s.id.clone(), s.label.clone()));
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "scenario",
        "scenario_version",
        "seed",
        "seat",
        "role",
        "role_name",
        "organisation",
        "person",
        "total_earned",
        "total_max",
        "total_percent",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (id, _) in &comps {
        header.push(format!("{id}_earned"));
        header.push(format!("{id}_max"));
    }
    header.extend(
        [
            "signals_flagged",
            "signals_scored",
            "expectations_met",
            "expectations",
            "observations",
            "turning_points",
            "finished",
            "outcome",
            "outcome_kind",
            "expert_outcome",
            "shares",
            "unlawful_shares",
            "excessive_shares",
            "wrong_ground_shares",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    w.write_record(&header)?;
    let opt = |o: Option<String>| o.unwrap_or_default();
    for (i, seat) in g.seats.iter().enumerate() {
        let r = g.roles.iter().find(|r| r.role == seat.role);
        let mut v = vec![
            g.scenario.id.clone(),
            g.scenario.version.clone(),
            g.session.seed.to_string(),
            (i + 1).to_string(),
            seat.role.clone(),
            seat.role_name.clone(),
            seat.organisation.clone(),
            opt(seat.person.clone()),
            opt(r.map(|r| r.total_earned.to_string())),
            opt(r.map(|r| r.total_max.to_string())),
            opt(r.and_then(|r| percent(r.total_earned, r.total_max).map(|p| p.to_string()))),
        ];
        for (id, _) in &comps {
            match r.and_then(|r| r.scores.iter().find(|s| s.id == *id)) {
                Some(s) => {
                    v.push(s.earned.to_string());
                    v.push(s.max.to_string());
                }
                None => {
                    v.push(String::new());
                    v.push(String::new());
                }
            }
        }
        let count = |f: &dyn Fn(&RoleDebrief) -> usize| opt(r.map(|r| f(r).to_string()));
        v.push(count(&|r| {
            r.signals
                .iter()
                .filter(|s| s.scored && s.status == SignalStatus::Flagged)
                .count()
        }));
        v.push(count(&|r| r.signals.iter().filter(|s| s.scored).count()));
        v.push(count(&|r| r.expectations.iter().filter(|e| e.met).count()));
        v.push(count(&|r| r.expectations.len()));
        v.push(
            g.trainer
                .observations
                .iter()
                .filter(|o| o.role.as_ref().is_some_and(|x| x.role == seat.role))
                .count()
                .to_string(),
        );
        v.push(
            g.turning_points
                .iter()
                .filter(|t| t.role == seat.role)
                .count()
                .to_string(),
        );
        v.push(g.session.finished.to_string());
        v.push(opt(g.outcome.as_ref().map(|o| o.id.clone())));
        v.push(opt(g.outcome.as_ref().map(|o| o.kind.clone())));
        v.push(opt(g.expert_outcome.as_ref().map(|o| o.id.clone())));
        v.push(count(&|r| r.shares.len()));
        for verdict in ["unlawful", "excessive", "wrong_ground"] {
            v.push(count(&|r| {
                r.shares.iter().filter(|s| s.verdict == verdict).count()
            }));
        }
        w.write_record(&v)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
