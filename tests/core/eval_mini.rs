//! Evaluation rules on the small fixture scenario: expectations and their
//! deadline, false flags, shares, the expert-path lint and hand-over.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::{DecisionState, Session};
use ketensim::core::eval::lint::expert_path_lints;
use ketensim::core::eval::{ItemKind, SignalStatus, evaluate};
use ketensim::core::scenario::Compiled;
use ketensim::core::scenario::model::{Act, Form};

/// The fixture with an expectation for role `a`: share f1 with b, lawful,
/// by day 1, afternoon.
const EXPECTATION: &str = r#"    expectations: [
        (
            id: "e_delen",
            role: "a",
            text: "Deel het signaal met B.",
            achieve: Shared(fact: "f1", to: "b", from: "a", verdict: Lawful),
            by: (day: 1, part: "middag"),
            points: {Samenwerking: 2, Tijdigheid: 1},
            feedback: "B heeft het andere stukje.",
            reference: "Wgs",
        ),
    ],
    outcomes: ["#;

fn fixture() -> (String, Arc<Compiled>) {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let text = src.replacen("    outcomes: [", EXPECTATION, 1);
    assert_ne!(text, src);
    let loaded = ketensim::core::scenario::load_str(Path::new("mini.ron"), &text)
        .unwrap_or_else(|d| panic!("{d}"));
    (text, Arc::new(loaded.compiled))
}

fn share_f1() -> Act {
    Act::Share {
        facts: vec!["f1".into()],
        to: vec!["b".into()],
        channel: "mail".into(),
        ground: "taak".into(),
    }
}

fn play(c: &Arc<Compiled>, acts: &[Act]) -> ketensim::core::eval::Debrief {
    let mut s = Session::start(c.clone(), 1, &["a".into()], None).unwrap();
    for a in acts {
        s.apply("a", a).unwrap_or_else(|e| panic!("{a:?}: {e}"));
    }
    evaluate(c.clone(), s.log()).unwrap()
}

fn score(d: &ketensim::core::eval::Debrief, id: &str) -> (i32, i32) {
    let s = d.roles[0].scores.iter().find(|s| s.id == id).unwrap();
    (s.earned, s.max)
}

#[test]
fn an_expectation_met_in_time_earns_all_its_points_at_its_action() {
    let (_, c) = fixture();
    let d = play(&c, &[Act::Advance, share_f1()]);
    assert_eq!(score(&d, "samenwerking"), (2, 2));
    let on_time = d.roles[0]
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Expectation && i.competency == "tijdigheid")
        .unwrap();
    assert_eq!((on_time.earned, on_time.possible), (1, 1));
    let e = &d.roles[0].expectations[0];
    assert!(e.met);
    assert_eq!(e.in_time, Some(true));
    assert_eq!(e.action, Some(2));
    assert!(
        d.roles[0]
            .items
            .iter()
            .all(|i| i.kind != ItemKind::Expectation || i.action == Some(2))
    );
}

#[test]
fn an_expectation_met_late_loses_only_its_timeliness_points() {
    let (_, c) = fixture();
    let d = play(&c, &[Act::Advance, Act::Advance, share_f1()]);
    assert_eq!(score(&d, "samenwerking"), (2, 2));
    let late = d.roles[0]
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Expectation && i.competency == "tijdigheid")
        .unwrap();
    assert_eq!((late.earned, late.possible), (0, 1));
    assert!(late.reason.contains("te laat"), "{}", late.reason);
    assert_eq!(d.roles[0].expectations[0].in_time, Some(false));
}

#[test]
fn a_missed_expectation_is_listed_as_what_should_have_been_shared() {
    let (_, c) = fixture();
    let d = play(&c, &[Act::Advance]);
    let r = &d.roles[0];
    let missed: Vec<_> = r.missed_shares().collect();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].feedback, "B heeft het andere stukje.");
    assert_eq!(score(&d, "samenwerking"), (0, 2));
}

#[test]
fn false_flags_and_unlawful_or_excessive_shares_cost_points() {
    let (_, c) = fixture();
    let d = play(
        &c,
        &[
            Act::Flag {
                fact: "f4".into(),
                form: Form::Criminal,
            },
            Act::Flag {
                fact: "f1".into(),
                form: Form::Sexual,
            },
            Act::Share {
                facts: vec!["f1".into(), "f4".into()],
                to: vec!["b".into()],
                channel: "mail".into(),
                ground: "belang".into(),
            },
        ],
    );
    let r = &d.roles[0];
    assert_eq!(r.false_flags.len(), 1);
    assert_eq!(r.false_flags[0].action, Some(1));
    let f1 = r.signals.iter().find(|s| s.fact == "f1").unwrap();
    assert_eq!(f1.status, SignalStatus::WrongForm);
    // f1 unlawful (gerechtvaardigd belang); f4 (special) is judged more
    // than needed by the first matching rule.
    let shares: Vec<_> = r
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Share)
        .map(|i| {
            (
                i.subject.as_str(),
                i.competency.as_str(),
                i.earned,
                i.action,
            )
        })
        .collect();
    assert_eq!(
        shares,
        vec![
            ("f1", "rechtmatig_delen", -1, Some(3)),
            ("f4", "proportionaliteit", -1, Some(3))
        ]
    );
    assert_eq!(r.shares.len(), 2);
    // f1 on `belang` is lawful on the public task: the wrong ground label
    // costs one point, and the row says which ground fits and why the
    // named one does not.
    let f1 = r.shares.iter().find(|s| s.fact == "f1").unwrap();
    assert_eq!(f1.verdict, "wrong_ground");
    assert_eq!(f1.verdict_label, "rechtmatig, verkeerde grondslag");
    assert_eq!(f1.fitting_ground.as_deref(), Some("Publieke taak"));
    assert!(
        f1.reason.contains("Publieke taak") && f1.reason.contains("geen gerechtvaardigd belang"),
        "{}",
        f1.reason
    );
    assert!(f1.reference.contains("art. 5 lid 2"), "{}", f1.reference);
}

#[test]
fn the_check_warns_when_the_expert_path_misses_an_expectation() {
    let (text, c) = fixture();
    // Role a has no script: its expert path shares nothing.
    let all = expert_path_lints(Path::new("mini.ron"), &text, &c);
    assert!(all.iter().all(|d| !d.is_error()));
    // Nobody brings f1 to b either, so the combined signal f5 never
    // reaches a playable role: no trainee is scored on it.
    assert!(
        all.iter()
            .any(|d| d.message.contains("signal `f5` reaches no playable role")),
        "{all:?}"
    );
    let warnings: Vec<_> = all
        .iter()
        .filter(|d| d.message.contains("expectation"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("e_delen"));
    let line = text
        .lines()
        .position(|l| l.contains("id: \"e_delen\""))
        .unwrap()
        + 1;
    assert_eq!(warnings[0].pos.line, line);

    // With a script step that shares in time, both warnings go away.
    let scripted = text.replacen(
        r#"(id: "a", name: "Rol A", organisation: "Org A", playable: true, briefing: "Jij bent A."),"#,
        r#"(id: "a", name: "Rol A", organisation: "Org A", playable: true, briefing: "Jij bent A.", script: [(when: Always, do: Share(facts: ["f1"], to: ["b"], channel: "mail", ground: "taak"))]),"#,
        1,
    );
    assert_ne!(scripted, text);
    let loaded = ketensim::core::scenario::load_str(Path::new("mini.ron"), &scripted).unwrap();
    let c2 = Arc::new(loaded.compiled);
    assert!(expert_path_lints(Path::new("mini.ron"), &scripted, &c2).is_empty());
}

#[test]
fn a_handed_over_role_takes_its_expert_options() {
    let (_, c) = fixture();
    let mut s = Session::start(c.clone(), 1, &["a".into()], None).unwrap();
    s.apply("a", &Act::Advance).unwrap();
    s.apply("a", &Act::Advance).unwrap();
    let d = c.ids.decisions["dec1"];
    assert!(matches!(s.state().decisions[d], DecisionState::Open { .. }));
    s.hand_over(c.ids.roles["a"]);
    assert!(matches!(
        s.state().decisions[d],
        DecisionState::Decided {
            option: 0,
            scripted: true,
            ..
        }
    ));
    // Handing over twice changes nothing.
    assert!(s.hand_over(c.ids.roles["a"]).is_empty());
}

/// Two composite expectations for role `a`: share f1 with B lawfully and
/// flag it; share f1 with B without sharing the medical file.
const COMPOSITE: &str = r#"    expectations: [
        (
            id: "e_twee",
            role: "a",
            text: "Deel het signaal met B en markeer het.",
            achieve: All([
                Shared(fact: "f1", to: "b", from: "a", verdict: Lawful),
                All([Flagged(fact: "f1", by: "a", form: Criminal)]),
            ]),
            points: {Samenwerking: 1},
            feedback: "Twee stappen.",
        ),
        (
            id: "e_zonder",
            role: "a",
            text: "Deel het signaal met B, zonder het medisch dossier.",
            achieve: All([Shared(fact: "f1", to: "b"), Not(Shared(fact: "f4", to: "b"))]),
            points: {Proportionaliteit: 1},
            feedback: "Alleen wat nodig is.",
        ),
    ],
    outcomes: ["#;

/// A composite expectation that is not met names the part that was
/// missing — in the model, the summary, the HTML and the JSON — and a
/// `Not(Shared …)` part that failed reads as "Wel gedeeld".
#[test]
fn a_missed_composite_expectation_names_the_missing_part() {
    use ketensim::core::export::{to_html, to_json};
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let text = src.replacen("    outcomes: [", COMPOSITE, 1);
    let c = Arc::new(
        ketensim::core::scenario::load_str(Path::new("mini.ron"), &text)
            .unwrap_or_else(|d| panic!("{d}"))
            .compiled,
    );
    let both = Act::Share {
        facts: vec!["f1".into(), "f4".into()],
        to: vec!["b".into()],
        channel: "mail".into(),
        ground: "taak".into(),
    };
    // f1 shared lawfully (one part of e_twee met, the flag missing); f4
    // shared too (the Not part of e_zonder fails).
    let d = play(&c, &[both]);
    let r = &d.roles[0];
    let e = |id: &str| r.expectations.iter().find(|e| e.id == id).unwrap();
    assert!(!e("e_twee").met && !e("e_zonder").met);
    assert_eq!(
        e("e_twee").missing,
        vec![format!(
            "Niet gedaan: \u{201c}Signaal bij A.\u{201d} gemarkeerd als signaal van {} door Rol A",
            Form::Criminal.label()
        )]
    );
    assert_eq!(
        e("e_zonder").missing,
        vec!["Wel gedeeld: \u{201c}Medisch dossier.\u{201d} gedeeld met Rol B".to_string()]
    );
    // The summary's improvement names the part too.
    assert!(
        r.summary.improvements.iter().any(|x| x
            .contains("(wat niet klopte: Niet gedaan: \u{201c}Signaal bij A.\u{201d} gemarkeerd")),
        "{:?}",
        r.summary.improvements
    );
    let html = to_html(&d);
    assert!(html.contains("Wat niet klopte:"));
    assert!(html.contains("Wel gedeeld: \u{201c}Medisch dossier.\u{201d} gedeeld met Rol B"));
    let json = to_json(&d).unwrap();
    assert!(json.contains("\"missing\": [\n"), "{json}");

    // Everything done: nothing missing.
    let d = play(
        &c,
        &[
            Act::Flag {
                fact: "f1".into(),
                form: Form::Criminal,
            },
            share_f1(),
        ],
    );
    let r = &d.roles[0];
    assert!(r.expectations.iter().all(|e| e.met && e.missing.is_empty()));
    // Only the flag done: the share is named, with the verdict asked for.
    let d = play(
        &c,
        &[Act::Flag {
            fact: "f1".into(),
            form: Form::Criminal,
        }],
    );
    let e = d.roles[0]
        .expectations
        .iter()
        .find(|e| e.id == "e_twee")
        .unwrap();
    assert_eq!(
        e.missing,
        vec![
            "Niet gedaan: \u{201c}Signaal bij A.\u{201d} gedeeld met Rol B door Rol A (rechtmatig)"
        ]
    );
}

/// A lawful disclosure on the wrong ground is its own category in every
/// report: JSON id, HTML badge and legend, CSV column, summary.
#[test]
fn the_wrong_ground_is_its_own_category_in_every_report() {
    use ketensim::core::export::{to_csv, to_html, to_json};
    let (_, c) = fixture();
    let d = play(
        &c,
        &[Act::Share {
            facts: vec!["f1".into()],
            to: vec!["b".into()],
            channel: "mail".into(),
            ground: "belang".into(),
        }],
    );
    let r = &d.roles[0];
    assert_eq!(r.shares[0].verdict, "wrong_ground");
    assert_eq!(score(&d, "rechtmatig_delen").0, -1);

    let json = to_json(&d).unwrap();
    assert!(json.contains("\"verdict\": \"wrong_ground\""));

    let html = to_html(&d);
    assert!(
        html.contains("<span class=\"badge ground-fault\">rechtmatig, verkeerde grondslag</span>"),
        "{html}"
    );
    // The legend names all four categories with their points.
    let legend = html.split("<p class=\"verdicts\">").nth(1).unwrap();
    let legend = legend.split("</p>").next().unwrap();
    for x in ["badge ok", "badge ground-fault", "badge warn", "badge bad"] {
        assert!(legend.contains(x), "{legend}");
    }
    assert!(legend.contains("−2 Rechtmatig delen"));
    assert!(html.contains(".ground-fault {"));

    let csv = to_csv(&[("log.ron".to_string(), d.clone())]).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    // Appended last; the older columns keep their place.
    assert_eq!(header.last(), Some(&"wrong_ground_shares"));
    assert_eq!(header[header.len() - 2], "turning_points");
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("wrong_ground_shares"), "1");
    assert_eq!(col("unlawful_shares"), "0");
    assert_eq!(col("excessive_shares"), "0");

    // The summary does not call it unlawful.
    let improvements = &r.summary.improvements;
    assert!(
        improvements
            .iter()
            .any(|x| x.starts_with("Rechtmatig gedeeld, maar op de verkeerde grondslag")),
        "{improvements:?}"
    );
    assert!(
        !improvements.iter().any(|x| x.starts_with("Onrechtmatig")),
        "{improvements:?}"
    );
}

/// The debrief shows how each received fact reached the role (from whom,
/// channel, ground), in the signal timeline and in its own list, and the
/// HTML report shows it too.
#[test]
fn the_debrief_says_how_a_received_fact_reached_the_role() {
    let (_, c) = fixture();
    // B's script answers a share of f1 with f2 by mail on the public task.
    let d = play(&c, &[share_f1()]);
    let r = &d.roles[0];
    let via = "van Rol B via Beveiligde mail, op grond van Publieke taak";
    let f2 = r.signals.iter().find(|s| s.fact == "f2").unwrap();
    assert_eq!(f2.visible_via.as_deref(), Some(via));
    let f1 = r.signals.iter().find(|s| s.fact == "f1").unwrap();
    assert_eq!(f1.visible_via.as_deref(), Some("bekend bij de start"));
    assert_eq!(r.received.len(), 1);
    let x = &r.received[0];
    assert_eq!(
        (
            x.fact.as_str(),
            x.from.as_str(),
            x.channel.as_str(),
            x.ground.as_str()
        ),
        ("f2", "b", "Beveiligde mail", "Publieke taak")
    );
    assert!(!x.consent);
    assert_eq!(x.via, via);
    let html = ketensim::core::export::to_html(&d);
    assert!(html.contains("Ontvangen van partners") && html.contains(via));
    // Nothing received: no list.
    let d = play(&c, &[Act::Advance]);
    assert!(d.roles[0].received.is_empty());
    assert!(!ketensim::core::export::to_html(&d).contains("Ontvangen van partners"));
}
