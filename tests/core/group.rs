//! The group debrief of a training day: the `pictures` construct and its
//! checks, the chain timeline (first holder and first flag of every
//! signal, when a picture was first held against the expert path), the
//! trainer's observations at their moments, per-role scores equal to the
//! single evaluation, the discussion questions from the trainer note, and
//! the group HTML and CSV.

use std::path::Path;

use ketensim::core::scenario::{load_file, load_str};

const PICTURE: &str = "tests/fixtures/picture.ron";

fn fixture_text() -> String {
    std::fs::read_to_string(PICTURE).expect("fixture")
}

/// Loads the fixture with `from` replaced by `to`; the error and warning
/// messages.
fn messages_with(from: &str, to: &str) -> Vec<String> {
    let text = fixture_text();
    assert!(text.contains(from), "fixture has {from}");
    let text = text.replacen(from, to, 1);
    match load_str(Path::new("picture.ron"), &text) {
        Ok(l) => l.warnings.iter().map(|d| d.to_string()).collect(),
        Err(d) => d.0.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn pictures_compile_with_their_default() {
    let loaded = load_file(Path::new(PICTURE)).expect("the fixture is valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = &loaded.compiled;
    assert_eq!(c.pictures.len(), 2);
    // `at_least` left out: all facts.
    assert_eq!(c.pictures[0].at_least, 2);
    assert_eq!(
        c.pictures[0].facts,
        vec![c.ids.facts["f1"], c.ids.facts["f2"]]
    );
    assert_eq!(
        c.pictures[0].roles,
        vec![c.ids.roles["a"], c.ids.roles["b"]]
    );
    assert_eq!(c.pictures[1].at_least, 2);
    assert_eq!(c.pictures[1].facts.len(), 3);
    assert_eq!(c.ids.pictures["p_bij_a"], 1);
}

#[test]
fn pictures_are_checked() {
    let m = messages_with("facts: [\"f1\", \"f2\"],", "facts: [\"f1\", \"f9\"],");
    assert!(
        m.iter()
            .any(|x| x.contains("unknown fact `f9` in picture `p_beeld`")),
        "{m:?}"
    );
    let m = messages_with("roles: [\"a\", \"b\"],", "roles: [\"a\", \"x\"],");
    assert!(
        m.iter()
            .any(|x| x.contains("unknown role `x` in picture `p_beeld`")),
        "{m:?}"
    );
    let m = messages_with("at_least: 2,", "at_least: 4,");
    assert!(
        m.iter()
            .any(|x| x.contains("picture `p_bij_a` asks for `at_least: 4` of its 3 facts")),
        "{m:?}"
    );
    let m = messages_with("at_least: 2,", "at_least: 0,");
    assert!(m.iter().any(|x| x.contains("`at_least: 0`")), "{m:?}");
    let m = messages_with("roles: [\"a\", \"b\"],", "roles: [],");
    assert!(
        m.iter()
            .any(|x| x.contains("picture `p_beeld` names no role that could act on it")),
        "{m:?}"
    );
    let m = messages_with("facts: [\"f1\", \"f2\"],", "facts: [],");
    assert!(
        m.iter()
            .any(|x| x.contains("picture `p_beeld` lists no facts")),
        "{m:?}"
    );
    let m = messages_with(
        "facts: [\"f1\", \"f2\"],",
        "facts: [\"f1\", \"f2\", \"f1\"],",
    );
    assert!(
        m.iter()
            .any(|x| x.contains("warning: picture `p_beeld` lists fact `f1` twice")),
        "{m:?}"
    );
    let m = messages_with("id: \"p_bij_a\"", "id: \"p_beeld\"");
    assert!(
        m.iter()
            .any(|x| x.contains("duplicate picture id `p_beeld`")),
        "{m:?}"
    );
}

// ---------------------------------------------------------------------
// A training day on the bundled scenario
// ---------------------------------------------------------------------

use std::collections::VecDeque;
use std::sync::Arc;

use ketensim::core::engine::{EntryKind, Seat, Session};
use ketensim::core::eval::evaluate;
use ketensim::core::eval::group::{GroupDebrief, group_debrief, read_trainer_note};
use ketensim::core::export::csv::to_group_csv;
use ketensim::core::export::group::{to_group_html, to_group_json};
use ketensim::core::scenario::compiled::Compiled;
use ketensim::core::scenario::model::{Act, Competency};

use crate::common::{
    SEM, chart_markers, esc, expert_day_parts, ketensim, load, mini, sem, validate_html,
};

const SEATS: [(&str, Option<&str>); 3] = [
    ("gemeente", Some("Anna de Groot")),
    ("politie", Some("Bram <Jansen> & co")),
    ("zorgcoordinator", None),
];
const OBSERVATION: &str = "De wijkagent wacht af met delen tot het RIEC-overleg";

/// Plays the bundled case with three seats from their expert answer files,
/// interleaved by day-part: in each day-part every seat plays its steps
/// (a step that waits for another seat's step of the same day-part is
/// tried again after the others), then every seat ends the day-part. The
/// trainer observes at Dag 1, middag and pauses and resumes at Dag 1,
/// avond. Returns the session and the steps that could not be played.
fn training_day() -> (Arc<Compiled>, Session, Vec<String>, usize) {
    let c = sem();
    let seats: Vec<Seat> = SEATS
        .iter()
        .map(|(r, p)| Seat {
            role: r.to_string(),
            person: p.map(String::from),
        })
        .collect();
    let plans: Vec<Vec<Vec<Act>>> = SEATS.iter().map(|(r, _)| expert_day_parts(r)).collect();
    let mut s = Session::start_day(c.clone(), 1, &seats, true).expect("start");
    let mut skipped = Vec::new();
    let mut observed_after = usize::MAX;
    let mut part = 0;
    while !s.state().ended() {
        if part == 1 {
            observed_after = s.log().actions.len();
            s.note(EntryKind::Observe {
                text: OBSERVATION.to_string(),
                role: Some("politie".to_string()),
                competency: Some(Competency::Samenwerking),
            })
            .expect("observe");
        }
        if part == 2 {
            s.note(EntryKind::Pause).expect("pause");
            assert!(s.end_part("gemeente").is_err(), "paused: no turns");
            s.note(EntryKind::Resume).expect("resume");
        }
        let mut pending: Vec<VecDeque<Act>> = plans
            .iter()
            .map(|p| p.get(part).cloned().unwrap_or_default().into())
            .collect();
        loop {
            let mut progress = false;
            for (i, (role, _)) in SEATS.iter().enumerate() {
                while let Some(a) = pending[i].front() {
                    if s.apply(role, a).is_err() {
                        break;
                    }
                    pending[i].pop_front();
                    progress = true;
                }
            }
            if !progress {
                break;
            }
        }
        for (i, (role, _)) in SEATS.iter().enumerate() {
            for a in &pending[i] {
                skipped.push(format!("{role} in day-part {part}: {a:?}"));
            }
        }
        for (role, _) in SEATS {
            if s.state().ended() {
                break;
            }
            s.end_part(role).expect("end the day-part");
        }
        part += 1;
    }
    (c, s, skipped, observed_after)
}

fn sem_note() -> String {
    read_trainer_note(Path::new(SEM)).expect("the Sem scenario has a trainer note")
}

#[test]
fn training_day_group_debrief() {
    let (c, s, skipped, observed_after) = training_day();
    // The expert answer files fit together: nothing waits for ever.
    assert!(skipped.is_empty(), "{skipped:#?}");
    let log = s.log().clone();
    let note = sem_note();
    let g = group_debrief(c.clone(), &log, Some(&note)).expect("group debrief");
    check_training_day(&c, &s, &g, observed_after);
}

fn check_training_day(c: &Compiled, s: &Session, g: &GroupDebrief, observed_after: usize) {
    let log = s.log();
    let st = s.state();
    // Seats in order, with their people; the rest by script.
    let seat_roles: Vec<&str> = g.seats.iter().map(|x| x.role.as_str()).collect();
    assert_eq!(seat_roles, ["gemeente", "politie", "zorgcoordinator"]);
    assert_eq!(g.seats[0].person.as_deref(), Some("Anna de Groot"));
    assert_eq!(g.seats[2].person, None);
    assert!(g.scripted.iter().any(|r| r.role == "riec" && !r.played));
    assert!(
        !g.scripted
            .iter()
            .any(|r| seat_roles.contains(&r.role.as_str()))
    );
    assert!(g.session.trainer && g.session.finished);

    // Each role's evaluation is evaluate()'s, in seat order.
    let single = evaluate(s.scenario().clone(), log).expect("evaluate");
    assert_eq!(g.roles.len(), 3);
    for (r, seat) in g.roles.iter().zip(&seat_roles) {
        assert_eq!(r.role, *seat);
        let alone = single.roles.iter().find(|x| x.role == r.role).unwrap();
        assert_eq!(
            r, alone,
            "{}: the group shows the single evaluation",
            r.role
        );
        assert_eq!(r.scores, alone.scores);
        assert_eq!(
            (r.total_earned, r.total_max),
            (alone.total_earned, alone.total_max)
        );
    }
    assert_eq!(g.outcome, single.outcome);
    assert_eq!(g.turning_points, single.turning_points);

    // The chain timeline against the session's state.
    let signals: Vec<usize> = (0..c.facts.len())
        .filter(|&f| c.facts[f].signal.is_some())
        .collect();
    assert_eq!(g.chain.signals.len(), signals.len(), "one row per signal");
    let expert =
        ketensim::core::eval::build::expert_path(s.scenario().clone(), log.seed, &log.roles)
            .expect("expert path");
    let played: Vec<usize> = seat_roles.iter().map(|r| c.ids.roles[*r]).collect();
    let mut flagged_rows = 0;
    for row in &g.chain.signals {
        let f = c.ids.facts[&row.fact];
        let first = (0..c.roles.len()).filter_map(|r| st.known[r][f]).min();
        let held = row.held.as_ref();
        assert_eq!(held.map(|h| h.at.tick), first, "{}: first held", row.fact);
        if let Some(h) = held {
            let holders: Vec<&str> = (0..c.roles.len())
                .filter(|&r| st.known[r][f] == first)
                .map(|r| c.role_id(r))
                .collect();
            let mut by: Vec<&str> = h.by.iter().map(|r| r.role.as_str()).collect();
            by.sort_unstable();
            let mut want = holders.clone();
            want.sort_unstable();
            assert_eq!(by, want, "{}: every role that first held it", row.fact);
            assert_eq!(h.at.label, c.time_label(h.at.tick));
            if let Some(a) = h.action {
                let t = log.actions[a - 1].tick;
                assert!(t <= h.at.tick && h.at.tick <= t + 1, "{}: {a}", row.fact);
            }
        }
        let expert_first = (0..c.roles.len())
            .filter_map(|r| expert.state().known[r][f])
            .min();
        assert_eq!(
            row.expert_held.as_ref().map(|h| h.at.tick),
            expert_first,
            "{}: first held on the expert path",
            row.fact
        );
        let first_flag = played
            .iter()
            .filter_map(|&r| st.flags[r][f].map(|x| x.1))
            .min();
        assert_eq!(
            row.flagged.as_ref().map(|x| x.at.tick),
            first_flag,
            "{}: first flag by a seat",
            row.fact
        );
        if let Some(x) = &row.flagged {
            flagged_rows += 1;
            let r = c.ids.roles[&x.by.role];
            assert!(played.contains(&r) && x.by.played);
            assert_eq!(st.flags[r][f].map(|x| x.1), Some(x.at.tick));
            let a = &log.actions[x.action.expect("a flag is an action") - 1];
            assert_eq!(a.role, x.by.role);
            assert_eq!(a.tick, x.at.tick);
            assert!(matches!(&a.act, Act::Flag { fact, .. } if *fact == row.fact));
            assert_eq!(
                row.parts_to_flag,
                Some(x.at.tick - row.held.as_ref().unwrap().at.tick)
            );
        }
        // Each seat's own signal row is never earlier than the chain's.
        for r in &g.roles {
            if let Some(own) = r.signals.iter().find(|x| x.fact == row.fact) {
                if let Some(v) = &own.visible_at {
                    assert!(v.tick >= row.held.as_ref().unwrap().at.tick);
                }
                if let Some(v) = &own.flagged_at {
                    assert!(v.tick >= row.flagged.as_ref().unwrap().at.tick);
                }
            }
        }
    }
    assert!(flagged_rows >= 15, "the experts flag most signals");
    // In the order the chain first held them.
    let ticks: Vec<u32> = g
        .chain
        .signals
        .iter()
        .map(|x| x.held.as_ref().map_or(u32::MAX, |h| h.at.tick))
        .collect();
    assert!(ticks.windows(2).all(|w| w[0] <= w[1]), "{ticks:?}");
    // The bundled scenario's pictures, if it has any, each get a row.
    assert_eq!(g.chain.pictures.len(), c.scenario.pictures.len());

    // The trainer's observation at its moment; the pause and resume.
    assert_eq!(g.trainer.observations.len(), 1);
    let o = &g.trainer.observations[0];
    assert_eq!((o.at.tick, o.at.label.as_str()), (1, "Dag 1, middag"));
    assert_eq!(o.after, observed_after);
    assert_eq!(o.text, OBSERVATION);
    assert_eq!(o.role.as_ref().map(|r| r.role.as_str()), Some("politie"));
    assert_eq!(o.competency.as_deref(), Some("samenwerking"));
    let events: Vec<(&str, u32)> = g
        .trainer
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.at.tick))
        .collect();
    assert_eq!(events, [("pause", 2), ("resume", 2)]);
    assert!(g.trainer.marks.is_empty());

    // The questions of the trainer note.
    assert!(g.note);
    assert_eq!(g.questions.len(), 10, "{:?}", g.questions);
    assert!(g.questions[0].starts_with("Welk stukje van de puzzel had uw organisatie"));

    // The CSV: a row per seat, with the scores of the role.
    let text = to_group_csv(g).expect("csv");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "one row per seat");
    for (row, r) in rows.iter().zip(&g.roles) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[col("role")], r.role);
        assert_eq!(&row[col("total_earned")], r.total_earned.to_string());
        assert_eq!(&row[col("total_max")], r.total_max.to_string());
        for sc in &r.scores {
            assert_eq!(
                &row[col(&format!("{}_earned", sc.id))],
                sc.earned.to_string()
            );
            assert_eq!(&row[col(&format!("{}_max", sc.id))], sc.max.to_string());
        }
        assert_eq!(&row[col("outcome")], "goed");
    }
    assert_eq!(&rows[1][col("person")], "Bram <Jansen> & co");
    assert_eq!(&rows[1][col("observations")], "1");
    assert_eq!(&rows[0][col("observations")], "0");

    // The HTML: every seat, every observation, the timeline, the questions.
    let h = to_group_html(g);
    assert!(h.starts_with("<!DOCTYPE html><html lang=\"nl\">"));
    assert!(
        !h.contains("<script") && !h.contains("http"),
        "self-contained"
    );
    for seat in &g.seats {
        assert!(h.contains(&esc(&seat.role_name)), "{}", seat.role_name);
        if let Some(p) = &seat.person {
            assert!(h.contains(&esc(p)), "{p}");
        }
    }
    assert!(h.contains("Bram &lt;Jansen&gt; &amp; co"));
    assert!(h.contains(&esc(OBSERVATION)));
    assert!(h.contains("Ketentijdlijn"));
    for row in &g.chain.signals {
        assert!(h.contains(&esc(&row.text)), "{}", row.text);
    }
    for q in &g.questions {
        assert!(h.contains(&esc(q)), "{q}");
    }
    assert!(h.contains("Pauze") && h.contains("Hervat"));
    if c.scenario.pictures.is_empty() {
        assert!(h.contains("Dit scenario benoemt geen totaalbeeld"));
    } else {
        for p in &c.scenario.pictures {
            assert!(h.contains(&esc(&p.title)), "{}", p.title);
        }
    }
    validate_html("sem-group", &h);
    // The same log gives the same bytes.
    let again = group_debrief(s.scenario().clone(), log, Some(&sem_note())).unwrap();
    assert_eq!(to_group_json(&again).unwrap(), to_group_json(g).unwrap());
    assert_eq!(to_group_html(&again), h);
}

// ---------------------------------------------------------------------
// The whole picture, timed exactly (tests/fixtures/picture.ron)
// ---------------------------------------------------------------------

/// Two seats (a, b) and a trainer on the picture fixture:
/// - Dag 1, ochtend: the trainer observes A; both end the day-part
///   (action 1 is the clock move);
/// - Dag 1, middag: A flags f1 (2) and shares it with B (3): B now holds
///   f1 and f2, the picture `p_beeld`; the trainer releases `i_extra`,
///   pauses and resumes; both end (4);
/// - Dag 2, ochtend: B shares f2 with A (5): A holds two of
///   `p_bij_a`'s three facts; both end (6);
/// - Dag 2, middag: both end (7), the case ends.
fn picture_day() -> (Arc<Compiled>, Session) {
    let c = load(PICTURE);
    let seats = [
        Seat {
            role: "a".into(),
            person: Some("Ada".into()),
        },
        Seat {
            role: "b".into(),
            person: Some("Bo".into()),
        },
    ];
    let mut s = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    let end = |s: &mut Session| {
        s.end_part("a").unwrap();
        s.end_part("b").unwrap();
    };
    s.note(EntryKind::Observe {
        text: "A wacht af".into(),
        role: Some("a".into()),
        competency: Some(Competency::Signalering),
    })
    .unwrap();
    end(&mut s);
    s.apply(
        "a",
        &Act::Flag {
            fact: "f1".into(),
            form: ketensim::core::scenario::model::Form::Criminal,
        },
    )
    .unwrap();
    let share = |facts: &str, to: &str| Act::Share {
        facts: vec![facts.into()],
        to: vec![to.into()],
        channel: "mail".into(),
        ground: "taak".into(),
    };
    s.apply("a", &share("f1", "b")).unwrap();
    s.release("i_extra").unwrap();
    s.note(EntryKind::Pause).unwrap();
    s.note(EntryKind::Resume).unwrap();
    end(&mut s);
    s.apply("b", &share("f2", "a")).unwrap();
    end(&mut s);
    end(&mut s);
    assert!(s.state().ended());
    assert_eq!(s.log().actions.len(), 7);
    (c, s)
}

#[test]
fn the_picture_is_timed_against_the_expert_path() {
    let (c, s) = picture_day();
    let note = read_trainer_note(Path::new(PICTURE));
    let g = group_debrief(c.clone(), s.log(), note.as_deref()).unwrap();
    assert_eq!(g.chain.pictures.len(), 2);

    // p_beeld: B has f1 and f2 after A's share (action 3, Dag 1, middag);
    // on the expert path A shares at once, so B has it at Dag 1, ochtend,
    // and A (B's answer) in the same day-part.
    let p = &g.chain.pictures[0];
    assert_eq!(p.id, "p_beeld");
    assert_eq!(p.at_least, 2);
    let held = p.held.as_ref().unwrap();
    assert_eq!((held.at.tick, held.at.label.as_str()), (1, "Dag 1, middag"));
    assert_eq!(held.action, Some(3));
    let by: Vec<&str> = held.by.iter().map(|r| r.role.as_str()).collect();
    assert_eq!(by, ["b"]);
    let expert = p.expert_held.as_ref().unwrap();
    assert_eq!((expert.at.tick, expert.action), (0, None));
    let by: Vec<&str> = expert.by.iter().map(|r| r.role.as_str()).collect();
    assert_eq!(by, ["b", "a"]);
    assert_eq!(p.parts_behind_expert, Some(1));
    let holders: Vec<(&str, usize, Option<u32>)> = p
        .holders
        .iter()
        .map(|h| {
            (
                h.role.role.as_str(),
                h.facts_held,
                h.at.as_ref().map(|m| m.tick),
            )
        })
        .collect();
    assert_eq!(holders, [("a", 2, Some(2)), ("b", 2, Some(1))]);

    // p_bij_a: two of f1, f2, f5 at A, after B's share (action 5, Dag 2,
    // ochtend); on the expert path at Dag 1, ochtend.
    let p = &g.chain.pictures[1];
    assert_eq!(p.id, "p_bij_a");
    let held = p.held.as_ref().unwrap();
    assert_eq!(
        (held.at.tick, held.at.label.as_str(), held.action),
        (2, "Dag 2, ochtend", Some(5))
    );
    assert_eq!(held.by[0].role, "a");
    assert_eq!(p.expert_held.as_ref().unwrap().at.tick, 0);
    assert_eq!(p.parts_behind_expert, Some(2));
    assert_eq!(p.holders.len(), 1);
    assert_eq!(p.holders[0].facts_held, 2);

    // The signals: f1 at A from the start, flagged by A at Dag 1, middag
    // (action 2); f2 at B from the start, never flagged by a seat, but by
    // B's script on the expert path; f5 revealed to B by the rule after
    // A's share.
    let row = |id: &str| g.chain.signals.iter().find(|x| x.fact == id).unwrap();
    let f1 = row("f1");
    let h = f1.held.as_ref().unwrap();
    assert_eq!(
        (h.at.tick, h.action, h.via.as_deref()),
        (0, None, Some("bekend bij de start"))
    );
    assert_eq!(h.by[0].role, "a");
    let x = f1.flagged.as_ref().unwrap();
    assert_eq!((x.at.tick, x.action, x.by.role.as_str()), (1, Some(2), "a"));
    assert_eq!(f1.parts_to_flag, Some(1));
    let f2 = row("f2");
    assert!(f2.flagged.is_none());
    let x = f2.expert_flagged.as_ref().unwrap();
    assert_eq!((x.at.tick, x.by.role.as_str()), (0, "b"));
    let f5 = row("f5");
    let h = f5.held.as_ref().unwrap();
    assert_eq!(
        (h.at.tick, h.action, h.by[0].role.as_str()),
        (1, Some(3), "b")
    );
    assert_eq!(f5.expert_held.as_ref().unwrap().at.tick, 0);
    assert!(
        g.chain.signals.iter().all(|x| x.fact != "f3"),
        "f3 is no signal"
    );

    // The trainer: the observation at Dag 1, ochtend before any action;
    // the release, pause and resume at Dag 1, middag after action 3.
    let o = &g.trainer.observations[0];
    assert_eq!((o.at.tick, o.after, o.text.as_str()), (0, 0, "A wacht af"));
    assert_eq!(o.competency_label.as_deref(), Some("Signalering"));
    let events: Vec<(&str, u32, usize)> = g
        .trainer
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.at.tick, e.after))
        .collect();
    assert_eq!(
        events,
        [("release", 1, 3), ("pause", 1, 3), ("resume", 1, 3)]
    );
    assert_eq!(g.trainer.events[0].inject.as_deref(), Some("i_extra"));
    assert!(g.trainer.events[0].text.contains("Extra bericht"));

    // The note beside the fixture.
    assert_eq!(
        g.questions,
        [
            "Wanneer had u genoeg om te delen?",
            "Wie had het hele beeld als eerste, en wat deed die ermee?",
            "Wat had u nodig van de ander?"
        ]
    );

    let h = to_group_html(&g);
    for needle in [
        "A en B samen",
        "Wie beide signalen heeft, ziet de uitbuiting.",
        "1 dagdeel later dan op het expertpad",
        "2 dagdelen later dan op het expertpad",
        "Inject vrijgegeven",
        "A wacht af",
        "Ada",
        "Bo",
        "Wat had u nodig van de ander?",
    ] {
        assert!(h.contains(needle), "missing {needle}");
    }
    validate_html("picture-group", &h);
    let csv = to_group_csv(&g).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

#[test]
fn a_self_study_log_without_pictures_or_note() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".to_string()], Some("Zelf".into())).unwrap();
    s.apply(
        "a",
        &Act::Flag {
            fact: "f1".into(),
            form: ketensim::core::scenario::model::Form::Criminal,
        },
    )
    .unwrap();
    s.run_out("a");
    let g = group_debrief(c.clone(), s.log(), None).unwrap();
    assert_eq!(g.seats.len(), 1);
    assert_eq!(g.seats[0].person.as_deref(), Some("Zelf"));
    assert!(!g.session.trainer);
    assert!(g.chain.pictures.is_empty());
    assert!(!g.note && g.questions.is_empty());
    let single = evaluate(c.clone(), s.log()).unwrap();
    assert_eq!(g.roles, single.roles);
    let h = to_group_html(&g);
    for needle in [
        "Dit scenario benoemt geen totaalbeeld",
        "Deze sessie had geen trainer.",
        "Er is geen trainersnotitie bij dit scenario gevonden",
    ] {
        assert!(h.contains(needle), "missing {needle}");
    }
    validate_html("mini-group", &h);
    assert_eq!(to_group_csv(&g).unwrap().lines().count(), 2);
}

#[test]
fn report_makes_the_group_formats_from_a_log() {
    let (_, s) = picture_day();
    let dir = std::env::temp_dir().join(format!("ketensim-group-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("dag.session.ron");
    std::fs::write(&log, s.log().to_ron()).unwrap();
    let report = |args: &[&str]| {
        ketensim()
            .arg("report")
            .args(args)
            .output()
            .expect("run ketensim report")
    };
    let log_arg = log.to_str().unwrap();
    let html = dir.join("groep.html");
    let out = report(&[
        log_arg,
        "--scenario",
        PICTURE,
        "--format",
        "group",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(h.contains("Groepsnabespreking"));
    // The trainer note beside the scenario file gives the questions.
    assert!(h.contains("Wat had u nodig van de ander?"));
    assert!(h.contains("1 dagdeel later dan op het expertpad"));

    let out = report(&[log_arg, "--scenario", PICTURE, "--format", "group-csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.lines().nth(1).unwrap().contains(",a,Rol A,Org A,Ada,"));

    let out = report(&[log_arg, "--scenario", PICTURE, "--format", "group-json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], "ketensim-group-debrief");
    assert_eq!(json["chain"]["pictures"][0]["parts_behind_expert"], 1);

    let out = report(&[log_arg, log_arg, "--scenario", PICTURE, "--format", "group"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--format group takes one session log (got 2)")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The chain timeline's chart in the group report: for every signal a
/// marker where it was first held in the chain, where a seat first
/// flagged it and where the expert path flagged it — each in the column
/// of the group debrief's own moment, and none where the data has none.
#[test]
fn the_chain_chart_marks_first_held_first_flagged_and_the_expert_path_for_every_signal() {
    use ketensim::core::eval::chart::Chart;
    use ketensim::core::export::chart::to_svg;
    let (c, s, _, _) = training_day();
    let g = group_debrief(c.clone(), s.log(), Some(&sem_note())).unwrap();
    assert_eq!(g.scenario.day_parts.len(), c.ticks as usize);
    let html = to_group_html(&g);
    let title = html
        .find("ketengrafiek-titel")
        .expect("the chart is inline");
    let start = html[..title].rfind("<svg").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    assert!(
        !svg.contains("<script") && !svg.contains("href"),
        "no script, no file"
    );
    let markers = chart_markers(svg);
    let last = g.scenario.day_parts.len() - 1;
    let col = |t: u32| (t as usize).min(last);
    let mut flagged_rows = 0;
    for (i, sig) in g.chain.signals.iter().enumerate() {
        let at = |m: &str| {
            markers
                .iter()
                .filter(|(r, k, _)| *r == i && k == m)
                .map(|(_, _, c)| *c)
                .collect::<Vec<_>>()
        };
        let want = |t: Option<u32>| t.map(col).into_iter().collect::<Vec<_>>();
        assert_eq!(
            at("held"),
            want(sig.held.as_ref().map(|h| h.at.tick)),
            "{}",
            sig.fact
        );
        assert_eq!(
            at("flagged"),
            want(sig.flagged.as_ref().map(|f| f.at.tick)),
            "{}",
            sig.fact
        );
        assert_eq!(
            at("expert"),
            want(sig.expert_flagged.as_ref().map(|f| f.at.tick)),
            "{}",
            sig.fact
        );
        flagged_rows += usize::from(sig.flagged.is_some());
        // The row names the signal; the marker's title names who flagged.
        assert!(svg.contains(&esc(&sig.text)), "{}", sig.fact);
        if let Some(f) = &sig.flagged {
            assert!(svg.contains(&format!(" door {}", esc(&f.by.name))));
        }
    }
    assert!(flagged_rows > 5, "the seats flagged ({flagged_rows})");
    // The pictures follow the signals, with their own first held.
    for (j, p) in g.chain.pictures.iter().enumerate() {
        let i = g.chain.signals.len() + j;
        let held: Vec<usize> = markers
            .iter()
            .filter(|(r, k, _)| *r == i && k == "held")
            .map(|(_, _, c)| *c)
            .collect();
        assert_eq!(
            held,
            p.held.iter().map(|h| col(h.at.tick)).collect::<Vec<_>>()
        );
    }
    // The SVG alone is the same drawing of the same data.
    let alone = to_svg(&Chart::of_group(&g), "ketengrafiek").into_string();
    assert_eq!(alone, svg.to_string() + "</svg>");
    validate_html("chain-chart", &html);
}
