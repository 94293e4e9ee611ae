//! The training day through the app's flow, headless (MinimalPlugins +
//! StatesPlugin): setup with three seats and a trainer, the privacy screen
//! before every seat, each seat's briefing once, the clock moving only
//! when every seat has ended the day-part, the trainer console (pause,
//! observation, end the day-part for all), saving after each change, and
//! resuming the training day from the Start screen's list — seats and
//! trainer state included — to the group debrief.

use bevy::prelude::*;
use ketensim::app::flow::{HandTo, Intent, Screen};
use ketensim::app::state::Playing;
use ketensim::core::engine::{EntryKind, Seat};
use ketensim::core::scenario::model::Act;
use ketensim::ui::views::trainer::TrainerAction;

use crate::common::{app, begin, debriefs, play, saved, screen, sem_index, send, start_screen};

fn hand_to(app: &App) -> HandTo {
    play(app).day.as_ref().map(|d| d.hand_to.clone()).unwrap()
}

#[test]
fn a_training_day_goes_round_the_seats_and_resumes_after_a_crash() {
    let dir = std::env::temp_dir().join(format!("ketensim-day-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    let index = sem_index(&app);
    send(&mut app, Intent::Open(index));
    let seats: Vec<Seat> = ["gemeente", "politie", "zorgcoordinator"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: Some(format!("Tafel {r}")),
        })
        .collect();
    send(
        &mut app,
        Intent::SetupDay {
            seats: seats.clone(),
            trainer: true,
            seed: 1,
            hints: false,
        },
    );
    // Every turn starts on the privacy screen; the first turn of a seat
    // shows its briefing.
    for seat in &seats {
        assert_eq!(screen(&app), Screen::Handover);
        assert_eq!(hand_to(&app), HandTo::Seat(seat.role.clone()));
        send(&mut app, Intent::HandOver);
        assert_eq!(screen(&app), Screen::Briefing, "{}", seat.role);
        assert_eq!(play(&app).role_id, seat.role);
        send(&mut app, Intent::Begin);
        assert_eq!(screen(&app), Screen::Case);
        // Each seat finds an empty share dialog; the gemeente starts one.
        let draft = &play(&app).ui.share;
        assert!(
            draft.facts.is_empty(),
            "{}: another seat's draft",
            seat.role
        );
        if seat.role == "gemeente" {
            let mut d = app.world_mut().resource_mut::<Playing>();
            let play = d.0.as_mut().unwrap();
            play.ui.share.facts.insert("f_verzuim".into());
            play.ui.share_open = true;
        }
        send(&mut app, Intent::Act(Act::Advance));
    }
    // All three ended Dag 1, ochtend: the clock moved, the first seat is
    // next, and its briefing is not shown again.
    let tick = |app: &App| play(app).session().state().tick;
    assert_eq!(tick(&app), 1);
    assert_eq!(hand_to(&app), HandTo::Seat("gemeente".into()));
    send(&mut app, Intent::HandOver);
    assert_eq!(screen(&app), Screen::Case);
    // The gemeente finds the share it was composing.
    let ui = &play(&app).ui;
    assert!(ui.share_open && ui.share.facts.contains("f_verzuim"));
    send(&mut app, Intent::Act(Act::Advance));
    assert_eq!(tick(&app), 1, "two seats still work");
    assert_eq!(hand_to(&app), HandTo::Seat("politie".into()));

    // The trainer takes over between two turns.
    send(&mut app, Intent::ToTrainer);
    assert_eq!(screen(&app), Screen::Trainer);
    send(&mut app, Intent::Trainer(TrainerAction::Pause));
    send(
        &mut app,
        Intent::Trainer(TrainerAction::Observe {
            text: "Gemeente rondt snel af".into(),
            role: Some("gemeente".into()),
            competency: None,
        }),
    );
    send(&mut app, Intent::Trainer(TrainerAction::EndDayPart));
    assert!(
        play(&app).refused.is_some(),
        "paused: the day-part cannot end"
    );
    send(&mut app, Intent::Trainer(TrainerAction::Resume));
    send(&mut app, Intent::Trainer(TrainerAction::EndDayPart));
    assert_eq!(tick(&app), 2);
    // The console stays (an inject could be released at the new part);
    // back to the seats through the privacy screen.
    assert_eq!(screen(&app), Screen::Trainer);
    send(&mut app, Intent::Trainer(TrainerAction::Back));
    assert_eq!(screen(&app), Screen::Handover);
    assert_eq!(hand_to(&app), HandTo::Seat("gemeente".into()));
    let file = play(&app).file().map(std::path::Path::to_path_buf).unwrap();
    let log = play(&app).session().log().clone();

    // The laptop is closed: a new app lists the session and resumes it
    // at the privacy screen, with seats, trainer and entries.
    let mut again = crate::common::app(&dir);
    send(&mut again, Intent::ToStart);
    let i = saved(&mut again)
        .iter()
        .position(|s| s.path == file)
        .unwrap();
    send(&mut again, Intent::Resume(i));
    assert_eq!(screen(&again), Screen::Handover);
    let resumed = play(&again);
    assert_eq!(resumed.session().log(), &log);
    assert_eq!(resumed.session().log().seats, seats);
    assert!(resumed.session().log().trainer);
    assert!(resumed.session().log().entries.iter().any(
        |e| matches!(&e.what, EntryKind::Observe { text, .. } if text == "Gemeente rondt snel af")
    ));
    assert_eq!(hand_to(&again), HandTo::Seat("gemeente".into()));
    // Resumed seats do not see their briefing again.
    send(&mut again, Intent::HandOver);
    assert_eq!(screen(&again), Screen::Case);

    // The trainer ends every remaining day-part; the group debrief opens.
    send(&mut again, Intent::Act(Act::Advance));
    send(&mut again, Intent::ToTrainer);
    for _ in 0..20 {
        if play(&again).session().state().ended() {
            break;
        }
        send(&mut again, Intent::Trainer(TrainerAction::EndDayPart));
        assert_eq!(screen(&again), Screen::Trainer);
    }
    assert!(play(&again).session().state().ended());
    send(&mut again, Intent::Trainer(TrainerAction::Debrief));
    assert_eq!(screen(&again), Screen::GroupDebrief);
    let (g, _) = debriefs(&again).group.as_ref().unwrap();
    assert_eq!(g.seats.len(), 3);
    assert_eq!(g.trainer.observations.len(), 1);
    assert!(!g.questions.is_empty(), "the trainer note's questions");
    send(&mut again, Intent::ExportGroupHtml);
    send(&mut again, Intent::ExportGroupCsv);
    let reports: Vec<String> = std::fs::read_dir(dir.join("verslagen"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(reports.iter().any(|n| n.ends_with(".html")), "{reports:?}");
    // The group report carries the case's learning goals.
    let html = reports.iter().find(|n| n.ends_with(".html")).unwrap();
    let html = std::fs::read_to_string(dir.join("verslagen").join(html)).unwrap();
    assert!(html.contains("Leerdoelen van deze casus"));
    let goals = debriefs(&again)
        .group
        .as_ref()
        .unwrap()
        .0
        .scenario
        .learning_goals
        .clone();
    assert!(!goals.is_empty());
    for goal in &goals {
        let escaped = goal
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(html.contains(&escaped), "{goal}");
    }
    assert!(reports.iter().any(|n| n.ends_with(".csv")), "{reports:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// "Verder spelen" on a session that cannot go on (its file was damaged
/// after the list was read): the Start screen says why.
#[test]
fn a_session_that_cannot_resume_says_why_on_the_start_screen() {
    let dir = std::env::temp_dir().join(format!("ketensim-noresume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    begin(&mut app, "gemeente", None);
    send(&mut app, Intent::Act(Act::Advance));
    send(&mut app, Intent::Quit);
    assert_eq!(screen(&app), Screen::Start);
    let file = saved(&mut app)[0].path.clone();
    std::fs::write(&file, "(format: 2, kapot").unwrap();
    send(&mut app, Intent::Resume(0));
    assert_eq!(screen(&app), Screen::Start);
    let message = start_screen(&app).message.clone().expect("a message");
    assert!(message.contains("blijft bewaard"), "{message}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "(format: 2, kapot");
    let _ = std::fs::remove_dir_all(&dir);
}
