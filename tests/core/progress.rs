//! A learner's own record from the saved sessions (`core::eval::progress`):
//! three finished attempts of one trainee on two cases, beside another
//! trainee's attempt and an unfinished one; per case oldest first, each
//! competency over the attempts, the cases not played, and the CSV.

use std::path::{Path, PathBuf};

use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::engine::SessionLog;
use ketensim::core::eval::progress::{progress, to_csv, trainees};
use ketensim::core::store::{attempt_name, list};

use crate::common::{library, play_args};

/// Plays `answers` for `role` of `scenario` to the end (or not), as
/// `trainee`, and saves it into `dir` as the app names an attempt that
/// started at `secs`.
fn save(
    dir: &Path,
    scenario: &str,
    role: &str,
    answers: &str,
    trainee: &str,
    secs: u64,
    finish: bool,
) -> PathBuf {
    let result = play(&PlayArgs {
        trainee: Some(trainee.into()),
        finish,
        ..play_args(
            format!("scenarios/{scenario}.ron"),
            Some(role),
            if answers.ends_with(".ron") {
                PathBuf::from(answers)
            } else {
                PathBuf::from(format!("scenarios/answers/{answers}.answers.ron"))
            },
        )
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let log: &SessionLog = result.session.log();
    let path = dir.join(attempt_name(log, secs, 1));
    std::fs::write(&path, log.to_ron()).unwrap();
    path
}

#[test]
fn three_attempts_on_two_cases_make_a_record_with_competencies_over_time() {
    let dir = std::env::temp_dir().join(format!("ketensim-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let day = 86_400;
    let t0 = 1_796_400_000;
    let sem = "criminele-uitbuiting-sem";
    let geld = "criminele-uitbuiting-geldezel";
    // Noor: Sem poorly, then Geldezel, then Sem well (out of file order).
    save(
        &dir,
        sem,
        "gemeente",
        "sem-gemeente-expert",
        "Noor Visser",
        t0 + 2 * day,
        true,
    );
    save(
        &dir,
        sem,
        "gemeente",
        "sem-gemeente-poor",
        "Noor Visser",
        t0,
        true,
    );
    save(
        &dir,
        geld,
        "gemeente",
        "geldezel-gemeente-expert",
        "noor visser ",
        t0 + day,
        true,
    );
    // Someone else, and Noor's unfinished attempt: not in her record.
    save(
        &dir,
        sem,
        "politie",
        "sem-politie-expert",
        "Ahmed",
        t0,
        true,
    );
    let one = dir.join("een-dagdeel.ron");
    std::fs::write(
        &one,
        format!("Answers(scenario: \"{geld}\", seed: 1, steps: [Advance])\n"),
    )
    .unwrap();
    let one = one.display().to_string();
    save(
        &dir,
        geld,
        "politie",
        &one,
        "Noor Visser",
        t0 + 3 * day,
        false,
    );

    let lib = library();
    let find = |id: &str, hash: &str| {
        lib.iter()
            .find(|(_, c)| c.scenario.id == id && c.hash == hash)
            .map(|(_, c)| c.clone())
    };
    let saved = list(&dir, find);
    assert_eq!(saved.len(), 5);
    assert_eq!(
        trainees(&saved),
        vec!["Ahmed".to_string(), "Noor Visser".to_string()]
    );
    let cases: Vec<(String, String)> = lib
        .iter()
        .map(|(_, c)| (c.scenario.id.clone(), c.scenario.title.clone()))
        .collect();
    let p = progress("Noor Visser", &saved, find, &cases);
    // Per case, oldest attempt first; the case first played comes first.
    assert_eq!(p.cases.len(), 2);
    assert_eq!(p.cases[0].scenario_id, sem);
    assert_eq!(p.cases[0].attempts.len(), 2);
    assert_eq!(p.cases[1].scenario_id, geld);
    let sem_tries = &p.cases[0].attempts;
    assert_eq!(sem_tries[0].started, Some(t0));
    assert_eq!(sem_tries[1].started, Some(t0 + 2 * day));
    assert!(
        sem_tries[0].percent < sem_tries[1].percent,
        "she got better"
    );
    assert_eq!(sem_tries[1].percent, Some(100));
    assert_eq!(sem_tries[0].when, "2026-12-04 16:00 UTC");
    // Each competency over the three attempts, in the order played.
    assert!(!p.competencies.is_empty());
    for c in &p.competencies {
        assert_eq!(c.percents.len(), 3, "{}", c.id);
    }
    let signalering = p
        .competencies
        .iter()
        .find(|c| c.id == "signalering")
        .unwrap();
    assert_eq!(signalering.percents[2], Some(100), "the last Sem attempt");
    assert!(signalering.percents[0] < signalering.percents[2]);
    // The cases she has not finished: all but these two.
    assert_eq!(p.not_played.len(), lib.len() - 2);
    assert!(!p.not_played.iter().any(|(id, _)| id == sem || id == geld));
    // The CSV: a row per attempt, a column per competency.
    let csv = to_csv(&p).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[0].starts_with("trainee,started,scenario,title,role,outcome,earned,max,percent,"));
    assert!(rows[1].starts_with("Noor Visser,2026-12-04T16:00:00Z,criminele-uitbuiting-sem,"));
    assert_eq!(
        rows[0].split(',').count(),
        9 + p.competencies.len(),
        "{}",
        rows[0]
    );
    std::fs::remove_dir_all(&dir).ok();
}
