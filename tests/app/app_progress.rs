//! "Mijn voortgang" through the app, headless: the Start screen's button
//! opens it; with three finished attempts of one trainee on two cases in
//! the sessions folder it lists both cases, the attempts oldest first,
//! the cases not played; the CSV is saved in the reports folder; and the
//! screen shows it all (egui_kittest).

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ketensim::app::flow::{Intent, Screen};
use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::store::attempt_name;
use ketensim::ui::views::egui;
use ketensim::ui::views::progress::{ProgressUiState, progress_ui};

use crate::common::{app, screen, send};

fn save(dir: &Path, scenario: &str, role: &str, answers: &str, secs: u64) {
    let result = play(&PlayArgs {
        scenario: format!("scenarios/{scenario}.ron").into(),
        role: Some(role.into()),
        answers: format!("scenarios/answers/{answers}.answers.ron").into(),
        trainee: Some("Noor Visser".into()),
        seed: None,
        log: None,
        finish: true,
        report: None,
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let log = result.session.log();
    let sessions = dir.join("sessies");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join(attempt_name(log, secs, 1)), log.to_ron()).unwrap();
}

#[test]
fn my_progress_lists_three_attempts_on_two_cases_and_saves_the_csv() {
    let dir = std::env::temp_dir().join(format!("ketensim-app-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let t0 = 1_796_400_000;
    save(
        &dir,
        "criminele-uitbuiting-sem",
        "gemeente",
        "sem-gemeente-poor",
        t0,
    );
    save(
        &dir,
        "criminele-uitbuiting-geldezel",
        "gemeente",
        "geldezel-gemeente-expert",
        t0 + 86_400,
    );
    save(
        &dir,
        "criminele-uitbuiting-sem",
        "gemeente",
        "sem-gemeente-expert",
        t0 + 2 * 86_400,
    );
    let mut app = app(&dir);
    send(&mut app, Intent::Progress);
    assert_eq!(screen(&app), Screen::Progress);
    let view = app
        .world()
        .resource::<ketensim::app::screens::ProgressScreen>()
        .view
        .clone();
    assert_eq!(view.trainees, vec!["Noor Visser".to_string()]);
    let record = view.record.clone().expect("the only name is chosen");
    assert_eq!(record.cases.len(), 2);
    assert_eq!(record.cases[0].attempts.len(), 2);
    assert!(record.cases[0].attempts[0].percent < record.cases[0].attempts[1].percent);
    send(&mut app, Intent::ExportProgress);
    let csv = std::fs::read_to_string(dir.join("verslagen/voortgang-noor-visser.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    send(&mut app, Intent::ToStart);
    assert_eq!(screen(&app), Screen::Start);

    // What the screen shows.
    let state = ProgressUiState::default();
    let h = Harness::builder()
        .with_size(egui::vec2(1280.0, 3000.0))
        .build_ui(|ui| {
            let _ = progress_ui(ui, &view, &state);
        });
    for case in &record.cases {
        h.get_by_label(&case.title);
    }
    h.get_by_label("Nog niet gespeeld");
    for (_, title) in &record.not_played {
        h.get_by_label(&format!("• {title}"));
    }
    // Each competency's line, in words for a reader.
    for c in &record.competencies {
        h.get_by_label_contains(&format!("{}: ", c.label));
    }
    std::fs::remove_dir_all(&dir).ok();
}
