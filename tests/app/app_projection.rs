//! The app draws only the projection its link hands out
//! (`app::projection::Projection`, filled by `app::flow::sync_local` from
//! the local link): the case screen, the briefing, the ketenkaart and the
//! trainer console read that one resource, it follows every accepted
//! command and every hand-over, and frames without input project nothing.

use bevy::prelude::*;
use ketensim::app::flow::{Intent, Screen};
use ketensim::app::projection::Projection;
use ketensim::core::engine::Seat;
use ketensim::core::scenario::model::Act;
use ketensim::core::view::{Viewer, project};
use ketensim::ui::model::{BriefingView, CaseView, KaartView};
use ketensim::ui::trainer::TrainerView;
use ketensim::ui::views::trainer::TrainerAction;

use crate::common::{app, begin, play, screen, sem_index, send};

fn shown(app: &App) -> &Projection {
    app.world().resource::<Projection>()
}

/// The projection on screen is the seat's own, formatted.
fn assert_seat(app: &App, role: &str) {
    let p = play(app);
    let r = p.session().scenario().ids.roles[role];
    let want = project(p.session(), Viewer::Seat(r));
    let s = shown(app);
    assert_eq!(s.view.as_ref(), Some(&want), "{role}: its own projection");
    assert_eq!(s.case.as_ref(), Some(&CaseView::from_view(&want, r)));
    assert_eq!(s.kaart.as_ref(), Some(&KaartView::from_view(&want, r)));
    assert_eq!(
        s.briefing.as_ref(),
        Some(&BriefingView::from_view(&want, r))
    );
    assert!(s.trainer.is_none(), "{role}: no console");
    assert_eq!(want.desks.len(), 1, "{role}: one desk");
}

#[test]
fn self_study_draws_the_projection_and_projects_only_when_something_changed() {
    let dir = std::env::temp_dir().join(format!("ketensim-proj-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    begin(&mut app, "politie", None);
    assert_eq!(screen(&app), Screen::Case);
    assert_seat(&app, "politie");
    let first = shown(&app).stamp.clone().expect("a local projection");
    // Frames without input: the resource is not touched.
    let changed = |app: &App| app.world().resource_ref::<Projection>().last_changed();
    let before = changed(&app);
    for _ in 0..5 {
        app.update();
        assert_eq!(changed(&app), before, "projected again without a change");
    }
    assert_eq!(shown(&app).stamp.as_ref(), Some(&first));
    // An accepted command: projected once, with the new clock.
    send(&mut app, Intent::Act(Act::Advance));
    let after = shown(&app).stamp.clone().unwrap();
    assert_eq!(after.version, first.version + 1);
    assert_ne!(changed(&app), before, "projected after the command");
    assert_seat(&app, "politie");
    assert_eq!(shown(&app).view.as_ref().unwrap().clock.tick, 1);
    // A refused command changes nothing on screen.
    send(
        &mut app,
        Intent::Act(Act::Consult {
            with: "niemand".into(),
        }),
    );
    assert!(play(&app).refused.is_some());
    assert_eq!(shown(&app).stamp.as_ref(), Some(&after));
    // Back to the start: nothing of the case stays on screen.
    send(&mut app, Intent::Quit);
    assert_eq!(screen(&app), Screen::Start);
    assert!(shown(&app).view.is_none() && shown(&app).case.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn on_one_screen_each_seat_and_the_trainer_see_only_their_projection() {
    let dir = std::env::temp_dir().join(format!("ketensim-proj-day-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    let index = sem_index(&app);
    send(&mut app, Intent::Open(index));
    let seats: Vec<Seat> = ["gemeente", "politie"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: None,
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
    for seat in &seats {
        assert_eq!(screen(&app), Screen::Handover);
        send(&mut app, Intent::HandOver);
        // The briefing comes from the seat's projection, not another's.
        assert_eq!(screen(&app), Screen::Briefing);
        assert_seat(&app, &seat.role);
        send(&mut app, Intent::Begin);
        assert_seat(&app, &seat.role);
        send(&mut app, Intent::Act(Act::Advance));
    }
    // The trainer's console: the trainer's projection (every desk and the
    // answer key), and a seat looked at from it.
    send(&mut app, Intent::ToTrainer);
    assert_eq!(screen(&app), Screen::Trainer);
    let want = project(play(&app).session(), Viewer::Trainer);
    let s = shown(&app);
    assert_eq!(s.view.as_ref(), Some(&want));
    assert!(s.case.is_none() && s.briefing.is_none());
    let mut console = TrainerView::from_view(&want);
    console.on_host = false;
    assert_eq!(s.trainer.as_ref(), Some(&console));
    assert_eq!(s.kaart.as_ref(), Some(&KaartView::whole(&want)));
    assert!(s.trainer_seat.is_none());
    send(
        &mut app,
        Intent::Trainer(TrainerAction::ViewSeat("politie".into())),
    );
    let r = play(&app).session().scenario().ids.roles["politie"];
    let (role, case) = shown(&app).trainer_seat.clone().expect("a seat looked at");
    assert_eq!(role, "politie");
    assert_eq!(case, CaseView::from_view(&want, r));
    // Back through the privacy screen: the next seat's own projection.
    send(&mut app, Intent::Trainer(TrainerAction::Back));
    send(&mut app, Intent::HandOver);
    assert_eq!(screen(&app), Screen::Case);
    assert_seat(&app, "gemeente");
    let _ = std::fs::remove_dir_all(&dir);
}
