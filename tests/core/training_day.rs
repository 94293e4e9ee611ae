//! A training day, headless (issue 12's acceptance test): the bundled case
//! with three seats played by people (gemeente, politie, zorgcoördinator),
//! the RIEC by script, and a trainer. The seats play their expert answers
//! day-part by day-part, in turns through the privacy screen; the trainer
//! pauses and resumes, releases an optional inject, writes two
//! observations and judges an expectation by hand. Every view a seat gets
//! during the run is checked: it never contains a fact that seat does not
//! hold. Then the log replays to the same state and the evaluation sees
//! the trainer's mark.

use std::path::Path;

use ketensim::core::engine::{ActionError, EntryKind, Seat, Session, SessionLog};
use ketensim::core::eval::evaluate;
use ketensim::core::eval::group::{group_debrief, read_trainer_note};
use ketensim::core::scenario::Compiled;
use ketensim::core::scenario::model::{Act, Competency, Form};
use ketensim::core::view::{Viewer, project};
use ketensim::ui::model::{CaseView, KaartView};
use ketensim::ui::trainer::{HandoverView, TrainerView};

use crate::common::{SEM, expert_day_parts, sem};

const SEATS: [&str; 3] = ["gemeente", "politie", "zorgcoordinator"];

/// Every text a fact can have in this session (the drawn text).
fn fact_texts(s: &Session) -> Vec<(usize, String)> {
    (0..s.scenario().facts.len())
        .map(|f| (f, s.fact_text(f).to_string()))
        .collect()
}

/// Checks every seat's case screen and ketenkaart: no fact the seat does
/// not hold appears in them. Returns how many views were checked.
fn check_views(s: &Session, c: &Compiled) -> usize {
    let texts = fact_texts(s);
    let mut n = 0;
    for role in SEATS {
        let r = c.ids.roles[role];
        let shown = format!("{:?}{:?}", CaseView::new(s, r), KaartView::new(s, r));
        for (f, text) in &texts {
            if s.state().knows(r, *f) {
                continue;
            }
            assert!(
                !shown.contains(text.as_str()),
                "{role} sees fact {} it does not hold at {}",
                c.scenario.facts[*f].id,
                c.time_label(s.state().tick)
            );
        }
        n += 1;
    }
    n
}

/// The privacy screen carries no fact of the case.
fn check_handover(s: &Session, role: &str) {
    let shown = format!("{:?}", HandoverView::to_seat(s, role));
    for (_, text) in fact_texts(s) {
        assert!(!shown.contains(&text), "the privacy screen shows `{text}`");
    }
}

#[test]
fn three_seats_and_a_trainer_play_the_bundled_case() {
    let c = sem();
    let seats: Vec<Seat> = SEATS
        .iter()
        .enumerate()
        .map(|(i, r)| Seat {
            role: r.to_string(),
            person: Some(format!("Tafel {}", i + 1)),
        })
        .collect();
    let mut s = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    let plans: Vec<Vec<Vec<Act>>> = SEATS.iter().map(|r| expert_day_parts(r)).collect();
    let mut views = check_views(&s, &c);
    let (mut done, mut refused, mut handovers) = (0, 0, 0);
    let mut released = None;
    let mut observations = 0;
    let mut part = 0;
    while !s.state().ended() {
        let tick = s.state().tick;
        // Day 1, afternoon: the trainer pauses to discuss; nobody can act.
        if tick == 1 && !s.log().entries.iter().any(|e| e.what == EntryKind::Pause) {
            s.note(EntryKind::Pause).unwrap();
            let err = s
                .apply(
                    "politie",
                    &Act::Flag {
                        fact: "f_hotspot".into(),
                        form: Form::Criminal,
                    },
                )
                .unwrap_err();
            assert_eq!(err, ActionError::Paused);
            assert_eq!(s.end_part("politie").unwrap_err(), ActionError::Paused);
            assert!(TrainerView::new(&s).paused);
            s.note(EntryKind::Observe {
                text: "De groep bespreekt of de bankmelding een signaal is.".into(),
                role: None,
                competency: Some(Competency::Signalering),
            })
            .unwrap();
            observations += 1;
            s.note(EntryKind::Resume).unwrap();
        }
        // Day 2, morning: the trainer releases the first optional inject
        // that can come now.
        if released.is_none()
            && tick == 3
            && let Some(&i) = s.releasable().first()
        {
            let id = c.scenario.injects[i].id.clone();
            s.release(&id).unwrap();
            released = Some(i);
            views += check_views(&s, &c);
            // Its receiver sees it; the other seats do not.
            let to = c.injects[i].to;
            let title = &c.scenario.injects[i].title;
            for role in SEATS {
                let r = c.ids.roles[role];
                let inbox = CaseView::new(&s, r).inbox;
                assert_eq!(
                    inbox.iter().any(|m| &m.title == title),
                    r == to,
                    "{role} and the released inject"
                );
            }
        }
        for (k, role) in SEATS.iter().enumerate() {
            if s.state().ended() {
                break;
            }
            check_handover(&s, role);
            handovers += 1;
            for act in plans[k].get(part).into_iter().flatten() {
                // The seats' expert answers were written with the other
                // roles by script; here people play them, so a step may
                // not be possible (yet).
                match s.apply(role, act) {
                    Ok(_) => done += 1,
                    Err(_) => refused += 1,
                }
                views += check_views(&s, &c);
            }
            if tick == 4 && *role == "politie" {
                s.note(EntryKind::Observe {
                    text: "Politie brengt het adres direct in het casusoverleg.".into(),
                    role: Some("politie".into()),
                    competency: Some(Competency::Samenwerking),
                })
                .unwrap();
                observations += 1;
            }
            let before = s.state().tick;
            s.end_part(role).unwrap();
            // The clock moves only when the last seat has ended the part.
            assert_eq!(
                s.state().tick != before,
                k == SEATS.len() - 1,
                "{role} ended {}",
                c.time_label(before)
            );
        }
        views += check_views(&s, &c);
        part += 1;
        assert!(part < 40, "the case ends");
    }
    let released = released.expect("an optional inject was released");
    assert!(
        done > 30,
        "the seats played their answers ({done} done, {refused} refused)"
    );
    assert_eq!(observations, 2);
    // The trainer judges the conversation with Sem by hand: not good enough.
    let manual = c
        .scenario
        .expectations
        .iter()
        .find(|e| e.manual)
        .expect("the bundled case has a manual expectation");
    s.note(EntryKind::Mark {
        expectation: manual.id.clone(),
        met: false,
    })
    .unwrap();
    println!(
        "{views} views checked, {handovers} hand-overs, {done} actions, {refused} refused, inject {} released",
        c.scenario.injects[released].id
    );

    // The trainer's console at the end: every seat, every signal of the
    // case with its holders, the flows, the released inject, both
    // observations and the manual expectations.
    let console = TrainerView::new(&s);
    assert_eq!(console.seats.len(), 3);
    assert_eq!(
        console.signals.len(),
        c.facts.iter().filter(|f| f.signal.is_some()).count()
    );
    assert!(
        console
            .signals
            .iter()
            .all(|(_, holders, _)| !holders.is_empty())
    );
    assert!(!console.flows.is_empty());
    assert_eq!(console.observations.len(), 2);
    assert!(
        console.observations[1].0.contains("Wijkagent"),
        "{:?}",
        console.observations
    );
    let inject = &c.scenario.injects[released];
    assert!(
        console
            .optional
            .iter()
            .any(|o| o.id == inject.id && o.released.is_some() && !o.releasable)
    );
    assert!(
        console
            .manual
            .iter()
            .any(|m| m.id == manual.id && m.mark == Some(false))
    );
    assert!(console.positions.len() > 3, "scripted organisations too");
    // The whole ketenkaart (trainer only): every organisation with every
    // fact it holds, the seats marked, every flow; a seat's projection
    // gives nothing of it.
    let whole = KaartView::whole(&project(&s, Viewer::Trainer));
    for (r, org) in whole.orgs.iter().enumerate() {
        let holds = (0..c.facts.len())
            .filter(|&f| s.state().knows(r, f))
            .count();
        assert_eq!(org.facts as usize, holds, "{}", org.id);
        assert_eq!(org.me, SEATS.contains(&org.id.as_str()), "{}", org.id);
    }
    assert!(!whole.flows.is_empty());
    let seat = project(&s, Viewer::Seat(c.ids.roles["politie"]));
    assert!(KaartView::whole(&seat).orgs.is_empty());

    // The log is the whole training day: it reads back and replays to the
    // same state, entries included.
    let text = s.log().to_ron();
    let log = SessionLog::from_ron(Path::new("day.session.ron"), &text).unwrap();
    assert_eq!(&log, s.log());
    let again = Session::replay(c.clone(), &log).unwrap();
    assert_eq!(again.state(), s.state());
    assert_eq!(again.log(), s.log());
    assert!(
        log.entries
            .iter()
            .any(|e| matches!(e.what, EntryKind::Ready { .. }))
    );

    // The evaluation: one debrief per seat, the trainer's mark counts.
    let d = evaluate(c.clone(), &log).unwrap();
    assert_eq!(d.roles.len(), 3);
    let row = d
        .roles
        .iter()
        .flat_map(|r| &r.expectations)
        .find(|e| e.id == manual.id)
        .unwrap();
    assert!(row.by_trainer && !row.met, "{row:?}");

    // The group debrief.
    let note = read_trainer_note(Path::new(SEM));
    let g = group_debrief(c.clone(), &log, note.as_deref()).unwrap();
    assert_eq!(g.seats.len(), 3);
    assert!(g.seats.iter().all(|s| s.person.is_some()));
    // Per role: the same as the role's own evaluation.
    for (gr, er) in g.roles.iter().zip(&d.roles) {
        assert_eq!(gr, er, "{}", gr.role);
    }
    // The chain timeline: every signal of the case, each first held no
    // later than it was first flagged; the picture held at some moment.
    let signals = c.facts.iter().filter(|f| f.signal.is_some()).count();
    assert_eq!(g.chain.signals.len(), signals);
    for row in &g.chain.signals {
        if let (Some(h), Some(f)) = (&row.held, &row.flagged) {
            assert!(h.at.tick <= f.at.tick, "{}: flagged before held", row.fact);
        }
        if row.flagged.is_some() {
            assert!(row.held.is_some(), "{}", row.fact);
        }
    }
    assert!(
        !g.chain.pictures.is_empty(),
        "the bundled case names its picture"
    );
    assert!(
        g.chain
            .pictures
            .iter()
            .all(|p| p.held.is_some() && p.expert_held.is_some())
    );
    // The observations at their moments, with the role and competency.
    let obs: Vec<(u32, Option<&str>)> = g
        .trainer
        .observations
        .iter()
        .map(|o| (o.at.tick, o.role.as_ref().map(|r| r.role.as_str())))
        .collect();
    assert_eq!(obs, vec![(1, None), (4, Some("politie"))]);
    assert!(
        g.trainer
            .marks
            .iter()
            .any(|m| m.expectation == manual.id && !m.met)
    );
    assert!(
        !g.questions.is_empty(),
        "the questions from the trainer note"
    );

    // Where roles do not interact the group scores what each role's
    // answers earn alone: a signal a seat held from the start and flagged
    // itself has the same row as in a solo session with the same flags at
    // the same moments.
    for (k, role) in SEATS.iter().enumerate() {
        let r = c.ids.roles[*role];
        let start: Vec<usize> = (0..c.facts.len())
            .filter(|&f| c.facts[f].known_by.contains(&r))
            .collect();
        let flags: Vec<&ketensim::core::engine::LoggedAction> = log
            .actions
            .iter()
            .filter(|a| a.role == *role)
            .filter(
                |a| matches!(&a.act, Act::Flag { fact, .. } if start.contains(&c.ids.facts[fact])),
            )
            .collect();
        let mut solo = Session::start(c.clone(), 1, &[role.to_string()], None).unwrap();
        for a in &flags {
            while solo.state().tick < a.tick {
                solo.apply(role, &Act::Advance).unwrap();
            }
            solo.apply(role, &a.act).unwrap();
        }
        solo.run_out(role);
        let alone = evaluate(c.clone(), solo.log()).unwrap();
        let mut compared = 0;
        for f in &start {
            let id = &c.scenario.facts[*f].id;
            let in_group = g.roles[k].signals.iter().find(|x| &x.fact == id);
            let by_itself = alone.roles[0].signals.iter().find(|x| &x.fact == id);
            if let (Some(a), Some(b)) = (in_group, by_itself) {
                assert_eq!(
                    (&a.status, &a.flagged_at, &a.visible_at),
                    (&b.status, &b.flagged_at, &b.visible_at),
                    "{role}: {id}"
                );
                compared += 1;
            }
        }
        assert!(
            compared >= 1 || start.iter().all(|f| c.facts[*f].signal.is_none()),
            "{role}"
        );
    }
}
