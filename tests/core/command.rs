//! One way into a session (`Session::submit`): a seat acts only for its
//! own role, trainer commands only by the trainer, a refused command
//! changes nothing, and a day played through `submit` writes a log that
//! replays to the same state.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::{ActionError, Command, Seat, Session, Who};
use ketensim::core::scenario::compiled::Compiled;
use ketensim::core::scenario::load_file;
use ketensim::core::scenario::model::{Act, Form};

const SEM: &str = "scenarios/criminele-uitbuiting-sem.ron";

fn sem() -> Arc<Compiled> {
    Arc::new(load_file(Path::new(SEM)).unwrap().compiled)
}

fn seat(role: &str) -> Who {
    Who::Seat {
        role: role.to_string(),
    }
}

fn day(c: &Arc<Compiled>, trainer: bool) -> Session {
    let seats: Vec<Seat> = ["gemeente", "politie"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: Some(format!("Tafel {r}")),
        })
        .collect();
    Session::start_day(c.clone(), 1, &seats, trainer).unwrap()
}

/// A flag on the first fact `role` holds now.
fn a_flag(s: &Session, role: &str) -> Command {
    let c = s.scenario();
    let r = c.ids.roles[role];
    let f = (0..c.facts.len()).find(|f| s.state().knows(r, *f)).unwrap();
    Command::Act(Act::Flag {
        fact: c.scenario.facts[f].id.clone(),
        form: Form::Criminal,
    })
}

fn snapshot(s: &Session) -> String {
    ron::to_string(s.log()).unwrap() + &format!("{:?}", s.state())
}

#[test]
fn a_seat_acts_only_for_its_own_role() {
    let c = sem();
    let mut s = day(&c, true);
    let flag = a_flag(&s, "gemeente");
    s.submit(&seat("gemeente"), &flag).unwrap();
    assert_eq!(s.log().actions.len(), 1);
    assert_eq!(s.log().actions[0].role, "gemeente");
    // A role nobody plays here, and one the case does not have.
    let before = snapshot(&s);
    let e = s
        .submit(&seat("riec"), &Command::Act(Act::Advance))
        .unwrap_err();
    assert_eq!(e.code(), "not_played");
    let e = s.submit(&seat("burgemeester"), &flag).unwrap_err();
    assert_eq!(e.code(), "unknown");
    assert_eq!(snapshot(&s), before, "a refused command changes nothing");
}

#[test]
fn trainer_commands_only_by_the_trainer_and_the_trainer_does_not_act_for_a_seat() {
    let c = sem();
    let mut s = day(&c, true);
    let before = snapshot(&s);
    for cmd in [
        Command::Pause,
        Command::EndPartForAll,
        Command::Release {
            inject: "i_opt_schoolhek".into(),
        },
        Command::Observe {
            text: "x".into(),
            role: None,
            competency: None,
        },
    ] {
        let e = s.submit(&seat("gemeente"), &cmd).unwrap_err();
        assert_eq!(e.code(), "forbidden", "{cmd:?}");
        assert!(e.dutch().contains("trainer"));
    }
    let flag = a_flag(&s, "gemeente");
    let e = s.submit(&Who::Trainer, &flag).unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert_eq!(snapshot(&s), before);
    // Without a trainer there are no trainer commands at all.
    let mut alone = day(&c, false);
    let e = alone.submit(&Who::Trainer, &Command::Pause).unwrap_err();
    assert!(matches!(e, ActionError::NoTrainer));
}

#[test]
fn a_training_day_through_submit_seats_ready_pause_release_and_end_for_all() {
    let c = sem();
    let mut s = day(&c, true);
    // The first seat ends its day-part: it is ready, the clock waits.
    let ev = s
        .submit(&seat("gemeente"), &Command::Act(Act::Advance))
        .unwrap();
    assert!(ev.is_empty());
    assert_eq!(s.state().tick, 0);
    assert_eq!(s.waiting_for(), vec!["politie".to_string()]);
    // Paused, nobody acts.
    s.submit(&Who::Trainer, &Command::Pause).unwrap();
    let e = s
        .submit(&seat("politie"), &Command::Act(Act::Advance))
        .unwrap_err();
    assert!(matches!(e, ActionError::Paused));
    s.submit(&Who::Trainer, &Command::Resume).unwrap();
    // The last seat: the clock moves.
    s.submit(&seat("politie"), &Command::Act(Act::Advance))
        .unwrap();
    assert_eq!(s.state().tick, 1);
    // Dag 1, middag: the optional inject is not due yet; at the evening it is.
    let release = Command::Release {
        inject: "i_opt_schoolhek".into(),
    };
    let e = s.submit(&Who::Trainer, &release).unwrap_err();
    assert_eq!(e.code(), "not_yet");
    s.submit(&Who::Trainer, &Command::EndPartForAll).unwrap();
    assert_eq!(s.state().tick, 2);
    let ev = s.submit(&Who::Trainer, &release).unwrap();
    assert!(!ev.is_empty(), "the inject arrives");
    s.submit(
        &Who::Trainer,
        &Command::Observe {
            text: "De gemeente belt de school.".into(),
            role: Some("gemeente".into()),
            competency: None,
        },
    )
    .unwrap();
    // What submit wrote replays to the same state.
    let again = Session::replay(c.clone(), s.log()).unwrap();
    assert_eq!(format!("{:?}", again.state()), format!("{:?}", s.state()));
    assert_eq!(again.log(), s.log());
}

#[test]
fn commands_travel_as_plain_data() {
    for cmd in [
        Command::Act(Act::Flag {
            fact: "f_verzuim".into(),
            form: Form::Criminal,
        }),
        Command::Mark {
            expectation: "e_riec_analyse".into(),
            met: true,
        },
        Command::Release {
            inject: "i_opt_schoolhek".into(),
        },
    ] {
        let json = serde_json::to_string(&(seat("gemeente"), &cmd)).unwrap();
        let (who, back): (Who, Command) = serde_json::from_str(&json).unwrap();
        assert_eq!((who, back), (seat("gemeente"), cmd.clone()));
        let text = ron::to_string(&cmd).unwrap();
        assert_eq!(ron::from_str::<Command>(&text).unwrap(), cmd);
    }
}

#[test]
fn a_seat_that_does_not_come_back_is_played_by_its_script() {
    use ketensim::core::engine::EntryKind;
    use ketensim::core::view::{Viewer, project};
    let c = sem();
    let pol = c.ids.roles["politie"];
    let flags = |s: &Session| {
        project(s, Viewer::Seat(pol)).desks[0]
            .facts
            .iter()
            .filter(|f| f.flag.is_some())
            .count()
    };
    // Only the trainer hands a seat over, only a played one, only once.
    let mut s = day(&c, true);
    let script = |role: &str| Command::Script {
        role: role.to_string(),
    };
    let e = s.submit(&seat("gemeente"), &script("politie")).unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert_eq!(
        s.submit(&Who::Trainer, &script("riec")).unwrap_err().code(),
        "not_played"
    );
    let mut no_trainer = day(&c, false);
    assert_eq!(
        no_trainer
            .submit(&Who::Trainer, &script("politie"))
            .unwrap_err()
            .code(),
        "no_trainer"
    );
    // The gemeente has ended the day-part; the politie's laptop is gone.
    s.submit(&seat("gemeente"), &Command::Act(Act::Advance))
        .unwrap();
    assert_eq!(s.waiting_for(), vec!["politie".to_string()]);
    assert_eq!(flags(&s), 0);
    let ev = s.submit(&Who::Trainer, &script("politie")).unwrap();
    assert!(!ev.is_empty(), "the script acts and the clock moves");
    assert_eq!(s.state().tick, 1, "nobody else was waited for");
    assert!(s.handed_to_script(pol));
    assert_eq!(
        s.waiting_for(),
        vec!["gemeente".to_string()],
        "a new day-part waits for the gemeente only"
    );
    assert!(s.log().entries.iter().any(|e| e.what
        == EntryKind::Scripted {
            role: "politie".into()
        }));
    assert!(flags(&s) > 0, "the politie's script flags what it knows");
    // The seat, if it comes back, can look but not act.
    let e = s
        .submit(&seat("politie"), &Command::Act(Act::Advance))
        .unwrap_err();
    assert_eq!(e.code(), "scripted");
    assert_eq!(
        s.submit(&Who::Trainer, &script("politie"))
            .unwrap_err()
            .code(),
        "scripted"
    );
    // From here the gemeente alone moves the clock, to the end.
    let mut parts = 0;
    while !s.state().ended() {
        s.submit(&seat("gemeente"), &Command::Act(Act::Advance))
            .unwrap();
        parts += 1;
        assert!(parts < 40);
    }
    // The log replays to the same session, the hand-over included.
    let again = Session::replay(c.clone(), s.log()).unwrap();
    assert_eq!(snapshot(&again), snapshot(&s));
    assert!(again.handed_to_script(pol));
}
