//! Engine behaviour on the small fixture scenario.

use std::path::Path;

use ketensim::core::engine::{ActionError, DecisionState, Event, Session, SessionLog};
use ketensim::core::scenario::Compiled;
use ketensim::core::scenario::model::{Act, Form, Verdict};

use crate::common::{flag, mini, mini_with, share};

fn ix(c: &Compiled, fact: &str) -> usize {
    c.ids.facts[fact]
}

#[test]
fn start_gives_initial_positions() {
    let c = mini();
    let s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    let a = c.ids.roles["a"];
    let b = c.ids.roles["b"];
    assert!(s.state().knows(a, ix(&c, "f1")));
    assert!(
        !s.state().knows(a, ix(&c, "f2")),
        "a sees only its own facts"
    );
    assert!(s.state().knows(b, ix(&c, "f2")));
    // Exactly one of the pool's facts is drawn for a.
    let drawn = ["d1", "d2", "d3"]
        .iter()
        .filter(|f| s.state().knows(a, ix(&c, f)))
        .count();
    assert_eq!(drawn, 1);
}

#[test]
fn shares_are_judged_and_move_information() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into(), "b".into()], None).unwrap();
    let ev = s
        .apply("a", &share(&["f1", "f4"], &["b"], "mail", "taak"))
        .unwrap();
    let items = ev
        .iter()
        .find_map(|t| match &t.event {
            Event::Shared { items, .. } => Some(items.clone()),
            _ => None,
        })
        .unwrap();
    let verdict = |f: &str| items.iter().find(|i| i.fact == ix(&c, f)).unwrap().verdict;
    assert_eq!(verdict("f1"), Verdict::Lawful);
    assert_eq!(
        verdict("f4"),
        Verdict::Excessive,
        "special category: more than needed"
    );
    let b = c.ids.roles["b"];
    assert!(s.state().knows(b, ix(&c, "f1")));
    // The rule `verband` combines f1 and f2 at b: 1 + 1 = 2.
    assert!(s.state().knows(b, ix(&c, "f5")));
    assert!(
        s.history()
            .iter()
            .any(|t| matches!(t.event, Event::RuleFired { .. }))
    );
    // ... and the inject that waits for it is delivered.
    assert!(s.state().delivered[c.ids.injects["i2"]].is_some());
    // The same share on the wrong ground: the disclosure is lawful (the
    // public task covers it), the label is wrong (domain.md, "Score the
    // ground label apart from lawfulness"), and the engine names the
    // ground that fits.
    let ev = s
        .apply("a", &share(&["f1"], &["b"], "mail", "belang"))
        .unwrap();
    let taak = c.ids.grounds["taak"];
    assert!(ev.iter().any(|t| matches!(
        &t.event,
        Event::Shared { items, .. }
            if items[0].verdict == Verdict::WrongGround
                && items[0].fitting.map(|(g, _)| g) == Some(taak)
    )));
    // A fact no ground covers stays unlawful: the special-category fact is
    // more than needed on every ground, never lawful.
    let ev = s
        .apply("a", &share(&["f4"], &["b"], "mail", "belang"))
        .unwrap();
    assert!(ev.iter().any(
        |t| matches!(&t.event, Event::Shared { items, .. } if items[0].verdict == Verdict::Excessive)
    ));
}

#[test]
fn scripted_role_acts_when_not_played() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    s.apply("a", &share(&["f1"], &["b"], "mail", "taak"))
        .unwrap();
    // b's script shares f2 back once b knows f1.
    assert!(s.state().knows(c.ids.roles["a"], ix(&c, "f2")));
    // Played roles do not run their script.
    let mut s2 = Session::start(c.clone(), 3, &["a".into(), "b".into()], None).unwrap();
    s2.apply("a", &share(&["f1"], &["b"], "mail", "taak"))
        .unwrap();
    assert!(!s2.state().knows(c.ids.roles["a"], ix(&c, "f2")));
}

#[test]
fn refused_actions_change_nothing() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    let before = s.state().clone();
    let log_before = s.log().clone();
    let errors = [
        s.apply("a", &flag("f2", Form::Criminal)),
        s.apply("b", &Act::Advance),
        s.apply("a", &share(&[], &["b"], "mail", "taak")),
        s.apply("a", &share(&["f1"], &["a"], "mail", "taak")),
        s.apply("a", &share(&["f1"], &["b"], "melding", "taak")),
        s.apply(
            "a",
            &Act::Decide {
                decision: "dec1".into(),
                option: "x".into(),
            },
        ),
        s.apply(
            "a",
            &Act::Talk {
                talk: "gesprek".into(),
            },
        ),
        s.apply(
            "a",
            &Act::Consult {
                with: "niemand".into(),
            },
        ),
    ];
    assert!(matches!(errors[0], Err(ActionError::UnknownFact { .. })));
    assert!(matches!(errors[1], Err(ActionError::NotPlayed(_))));
    assert!(matches!(errors[2], Err(ActionError::NoFacts)));
    assert!(matches!(errors[3], Err(ActionError::SelfShare)));
    assert!(matches!(errors[4], Err(ActionError::NotAMember(_))));
    assert!(matches!(errors[5], Err(ActionError::DecisionNotOpen(_))));
    assert!(matches!(errors[6], Err(ActionError::NotAvailable { .. })));
    assert!(matches!(errors[7], Err(ActionError::Unknown { .. })));
    assert_eq!(s.state(), &before);
    assert_eq!(s.log(), &log_before);
}

#[test]
fn deadlines_expire_with_consequences() {
    let c = mini();
    // Seed 3 delivers i1 (which opens dec1) at day 1, middag.
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    s.apply("a", &Act::Advance).unwrap();
    let d = c.ids.decisions["dec1"];
    assert!(matches!(s.state().decisions[d], DecisionState::Open { .. }));
    s.apply("a", &Act::Advance).unwrap();
    assert!(matches!(s.state().decisions[d], DecisionState::Open { .. }));
    s.apply("a", &Act::Advance).unwrap();
    assert!(matches!(
        s.state().decisions[d],
        DecisionState::Expired { .. }
    ));
    assert_eq!(s.state().vars[c.ids.variables["te_laat"]], 1);
}

#[test]
fn clock_running_out_gives_default_outcome_and_ends() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    for _ in 0..4 {
        s.apply("a", &Act::Advance).unwrap();
    }
    assert_eq!(
        s.state().outcome.map(|o| o.0),
        Some(c.ids.outcomes["slecht"])
    );
    assert_eq!(s.apply("a", &Act::Advance), Err(ActionError::Ended));
}

#[test]
fn expert_path_reaches_good_outcome_and_menu_lists_actions() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    let a = c.ids.roles["a"];
    let menu = s.menu(a);
    assert!(menu.facts.contains(&ix(&c, "f1")));
    assert!(menu.decisions.is_empty());
    assert!(menu.talks.is_empty(), "the talk opens in the afternoon");
    s.apply("a", &Act::Advance).unwrap();
    let menu = s.menu(a);
    assert_eq!(menu.decisions.len(), 1);
    assert_eq!(menu.talks.len(), 1);
    let legal = s.legal_actions(a);
    for act in &legal {
        assert!(s.check(a, act).is_ok(), "{act:?}");
    }
    s.apply(
        "a",
        &Act::Decide {
            decision: "dec1".into(),
            option: "x".into(),
        },
    )
    .unwrap();
    s.apply("a", &Act::Advance).unwrap();
    assert_eq!(s.state().outcome.map(|o| o.0), Some(c.ids.outcomes["goed"]));
}

#[test]
fn seeded_variation_is_reproducible_and_varies() {
    let c = mini();
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..32 {
        let a = Session::start(c.clone(), seed, &["a".into()], None).unwrap();
        let b = Session::start(c.clone(), seed, &["a".into()], None).unwrap();
        assert_eq!(a.variation(), b.variation());
        assert_eq!(a.state(), b.state());
        seen.insert(format!("{:?}", a.variation()));
    }
    assert!(seen.len() > 4, "variation should differ between seeds");
}

#[test]
fn replay_and_log_round_trip_give_identical_state() {
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into()], Some("Test".into())).unwrap();
    s.apply("a", &flag("f1", Form::Criminal)).unwrap();
    s.apply("a", &share(&["f1"], &["b"], "mail", "taak"))
        .unwrap();
    s.apply("a", &Act::Advance).unwrap();
    s.apply(
        "a",
        &Act::Decide {
            decision: "dec1".into(),
            option: "y".into(),
        },
    )
    .unwrap();
    let text = s.log().to_ron();
    let back = SessionLog::from_ron(Path::new("x.session.ron"), &text).unwrap();
    assert_eq!(&back, s.log());
    assert_eq!(back.to_ron(), text);
    let r = Session::replay(c.clone(), &back).unwrap();
    assert_eq!(r.state(), s.state());
    assert_eq!(r.history(), s.history());
    // A log with a tampered clock is refused.
    let mut bad = back.clone();
    bad.actions[3].tick = 0;
    assert!(matches!(
        Session::replay(c.clone(), &bad),
        Err(ActionError::ClockMismatch { .. })
    ));
    // A log of another version of the scenario is refused.
    let mut other = back;
    other.scenario_hash = "0".repeat(64);
    assert!(matches!(
        Session::replay(c, &other),
        Err(ActionError::WrongScenario { .. })
    ));
}

#[test]
fn conditions_on_flag_form_and_share_verdict() {
    use ketensim::core::scenario::compiled::CCond;
    let c = mini();
    let mut s = Session::start(c.clone(), 3, &["a".into(), "b".into()], None).unwrap();
    let f1 = ix(&c, "f1");
    let a = c.ids.roles["a"];
    let b = c.ids.roles["b"];
    s.apply("a", &flag("f1", Form::Sexual)).unwrap();
    assert!(s.state().holds(&CCond::Flagged(f1, Some(a), None)));
    assert!(
        !s.state()
            .holds(&CCond::Flagged(f1, Some(a), Some(Form::Criminal)))
    );
    s.apply("a", &flag("f1", Form::Criminal)).unwrap();
    assert!(
        s.state()
            .holds(&CCond::Flagged(f1, None, Some(Form::Criminal)))
    );
    s.apply("a", &share(&["f1"], &["b"], "mail", "belang"))
        .unwrap();
    // On the wrong ground, but covered by the public task: `Lawful` in a
    // condition matches a lawful disclosure with the wrong label too, and
    // it is no breach.
    assert!(s.state().holds(&CCond::Shared(
        f1,
        b,
        None,
        Some(Verdict::WrongGround),
        None
    )));
    assert!(
        s.state()
            .holds(&CCond::Shared(f1, b, None, Some(Verdict::Lawful), None))
    );
    assert!(
        !s.state()
            .holds(&CCond::Shared(f1, b, None, Some(Verdict::Unlawful), None))
    );
    assert!(!s.state().holds(&CCond::Breach(
        None,
        None,
        None,
        vec![Verdict::Unlawful, Verdict::Excessive]
    )));
    // A meeting reaches everyone present; naming recipients is refused.
    assert_eq!(
        s.apply("a", &share(&["f1"], &["b"], "overleg", "taak")),
        Err(ActionError::MeetingRecipients)
    );
    s.apply("a", &share(&["f4"], &[], "overleg", "taak"))
        .unwrap();
    assert!(s.state().knows(b, ix(&c, "f4")));
}

#[test]
fn sharing_rules_can_depend_on_the_case_state() {
    // Sharing on `belang` counts as lawful once a talk has been held (a
    // stand-in for "consent was given").
    let c = mini_with(&[(
        "rules: [\n            (id: \"medisch\"",
        "rules: [\n            (id: \"na_gesprek\", grounds: [\"belang\"], when: Talked(talk: \"gesprek\"), verdict: Lawful, reason: \"Toestemming.\"),\n            (id: \"medisch\"",
    )]);
    let mut s = Session::start(c.clone(), 3, &["a".into(), "b".into()], None).unwrap();
    let verdict_of = |ev: &[ketensim::core::engine::Timed]| {
        ev.iter()
            .find_map(|t| match &t.event {
                Event::Shared { items, .. } => Some(items[0].verdict),
                _ => None,
            })
            .unwrap()
    };
    let before = s
        .apply("a", &share(&["f1"], &["b"], "mail", "belang"))
        .unwrap();
    // Before the talk `belang` does not cover it (the public task does).
    assert_eq!(verdict_of(&before), Verdict::WrongGround);
    s.apply("a", &Act::Advance).unwrap();
    s.apply(
        "a",
        &Act::Talk {
            talk: "gesprek".into(),
        },
    )
    .unwrap();
    let after = s
        .apply("a", &share(&["f1"], &["b"], "mail", "belang"))
        .unwrap();
    assert_eq!(verdict_of(&after), Verdict::Lawful);
}

#[test]
fn a_script_step_that_cannot_act_yet_waits_and_runs_later() {
    // b wants to pass f1 on to a as soon as it starts, but only learns f1
    // when a shares it: the step waits, then runs.
    let c = mini_with(&[(
        "            script: [\n",
        "            script: [\n                (when: Knows(role: \"b\", fact: \"f2\"), do: Flag(fact: \"f1\", form: Criminal)),\n",
    )]);
    let mut s = Session::start(c.clone(), 3, &["a".into()], None).unwrap();
    let waiting = |s: &Session| {
        s.history()
            .iter()
            .filter(|t| matches!(t.event, Event::ScriptWaiting { .. }))
            .count()
    };
    assert_eq!(waiting(&s), 1);
    s.apply(
        "a",
        &Act::Consult {
            with: "collega".into(),
        },
    )
    .unwrap();
    assert_eq!(waiting(&s), 1, "reported once, not after every action");
    let b = c.ids.roles["b"];
    assert!(s.state().flags[b][ix(&c, "f1")].is_none());
    s.apply("a", &share(&["f1"], &["b"], "mail", "taak"))
        .unwrap();
    assert!(
        s.state().flags[b][ix(&c, "f1")].is_some(),
        "the step ran once possible"
    );
    // Replaying gives the same result.
    let r = Session::replay(c, s.log()).unwrap();
    assert_eq!(r.state(), s.state());
    assert_eq!(r.history(), s.history());
}
