//! The case screen's view model shows a role only what it may know, and
//! follows the session.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::Session;
use ketensim::core::scenario::model::{Act, Form};
use ketensim::ui::model::{BriefingView, CaseView, ScenarioCard};

use crate::common::{SEM, sem};

fn session(role: &str) -> (Session, usize) {
    let c = sem();
    let r = c.ids.roles[role];
    (Session::start(c, 1, &[role.into()], None).unwrap(), r)
}

#[test]
fn the_dossier_holds_only_the_roles_own_facts() {
    let (s, r) = session("gemeente");
    let v = CaseView::new(&s, r);
    assert_eq!(v.role_id, "gemeente");
    assert_eq!(v.clock, "Dag 1, ochtend");
    let ids: Vec<&str> = v.dossier.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"f_bijstand_moeder"), "{ids:?}");
    for other in ["f_hotspot", "f_lvb", "f_riec_pand", "f_ggz_dossier"] {
        assert!(!ids.contains(&other), "gemeente must not see {other}");
    }
    for f in &v.dossier {
        assert!(s.state().knows(r, s.scenario().ids.facts[&f.id]));
        assert!(!f.via.is_empty());
    }
    // Its own inbox and decisions only.
    assert!(!v.inbox.is_empty());
    let d = v
        .decisions
        .iter()
        .find(|d| d.id == "d_gem_verzuim")
        .expect("the truancy decision is open");
    assert_eq!(d.options.len(), 2);
    assert!(v.decisions.iter().all(|d| d.id.starts_with("d_gem")));
    // The meeting it takes part in, with everyone present.
    let riec = v
        .channels
        .iter()
        .find(|c| c.id == "casusoverleg_riec")
        .unwrap();
    assert!(riec.meeting);
    assert!(riec.recipients.iter().any(|(id, _)| id == "riec"));
    assert!(
        v.grounds
            .iter()
            .any(|g| g.id == "wgs" && !g.reference.is_empty())
    );
    assert!(v.can_advance);
    assert!(v.ended.is_none());
}

#[test]
fn the_view_follows_flags_new_facts_and_the_clock() {
    let (mut s, r) = session("gemeente");
    let first = CaseView::new(&s, r);
    let verzuim = first.dossier.iter().find(|f| f.id == "f_verzuim").unwrap();
    assert!(verzuim.new && verzuim.flagged.is_none());
    s.apply(
        "gemeente",
        &Act::Flag {
            fact: "f_verzuim".into(),
            form: Form::Criminal,
        },
    )
    .unwrap();
    s.apply("gemeente", &Act::Advance).unwrap();
    let v = CaseView::new(&s, r);
    assert_eq!(v.clock, "Dag 1, middag");
    let verzuim = v.dossier.iter().find(|f| f.id == "f_verzuim").unwrap();
    assert_eq!(verzuim.flagged.as_deref(), Some("criminele uitbuiting"));
    assert!(!verzuim.new, "learned in an earlier day-part");
    assert!(v.feed[0].starts_with("Dag 1, middag"), "{:?}", v.feed);
    // Newest facts first.
    assert!(v.dossier.first().unwrap().new);
    // The feed speaks plain Dutch: no ids, and no verdict on a share
    // (judging is for the debrief).
    s.apply(
        "gemeente",
        &Act::Share {
            facts: vec!["f_verzuim".into(), "f_bijstand_moeder".into()],
            to: vec!["politie".into()],
            channel: "telefoon".into(),
            ground: "gerechtvaardigd_belang".into(),
        },
    )
    .unwrap();
    let v = CaseView::new(&s, r);
    assert!(
        v.feed[0].contains("u deelde 2 gegevens met Wijkagent"),
        "{:?}",
        v.feed
    );
    for line in &v.feed {
        assert!(!line.contains("f_"), "{line}");
        assert!(!line.contains("rechtmatig"), "{line}");
    }
}

#[test]
fn library_card_and_briefing_show_what_the_start_screen_needs() {
    let c = sem();
    let card = ScenarioCard::new(SEM, &c);
    assert_eq!(card.forms, vec!["criminele uitbuiting"]);
    assert_eq!(card.roles.len(), 4);
    assert!(card.duration_minutes > 0);
    let b = BriefingView::new(&c, c.ids.roles["politie"]);
    assert!(b.briefing.starts_with("U bent Bas Verhoeven"));
    assert!(!b.goals.is_empty());
}

#[test]
fn the_ketenkaart_shows_only_flows_the_role_saw() {
    use ketensim::ui::model::KaartView;
    let (mut s, r) = session("gemeente");
    let k = KaartView::new(&s, r);
    let me = k.orgs.iter().find(|o| o.me).unwrap();
    assert_eq!(me.id, "gemeente");
    assert_eq!(k.orgs.len(), s.scenario().roles.len());
    // School told gemeente about the truancy (verzuimmelding) before the
    // first action: the school holds at least that signal.
    let school = k.orgs.iter().position(|o| o.id == "school").unwrap();
    assert!(k.orgs[school].facts >= 1);
    assert!(k.flows.iter().any(|f| f.from == school && f.to == r));
    // Nothing is known of the police yet.
    let politie = k.orgs.iter().position(|o| o.id == "politie").unwrap();
    assert_eq!(k.orgs[politie].facts, 0);

    // The RIEC casusoverleg sits on day 2 in the morning: sharing into it
    // before then is refused, and draws no flow.
    let share = Act::Share {
        facts: vec!["f_verzuim".into(), "f_brp_adres".into()],
        to: vec![],
        channel: "casusoverleg_riec".into(),
        ground: "wgs".into(),
    };
    s.apply("gemeente", &Act::Advance).unwrap();
    // (Burgerzaken may have sent the address signal meanwhile.)
    let before = KaartView::new(&s, r).flows.len();
    assert!(s.apply("gemeente", &share).is_err());
    assert_eq!(KaartView::new(&s, r).flows.len(), before);
    s.apply("gemeente", &Act::Advance).unwrap();
    s.apply("gemeente", &Act::Advance).unwrap();
    s.apply("gemeente", &share).unwrap();
    let k = KaartView::new(&s, r);
    // The meeting reached riec, politie and om: three new edges.
    for to in ["riec", "politie", "om"] {
        let t = k.orgs.iter().position(|o| o.id == to).unwrap();
        let flow = k.flows.iter().find(|f| f.from == r && f.to == t).unwrap();
        assert_eq!(flow.facts, 2);
        assert!(k.orgs[t].facts >= 2);
    }
    assert!(k.flows.len() >= before + 3);
    // Flows between others that the role did not see are not shown.
    assert!(k.flows.iter().all(|f| f.from == r || f.to == r));
    // The role's own flags count on its own node only.
    let mine = k.orgs.iter().find(|o| o.me).unwrap();
    assert_eq!(mine.flagged, 0);
    assert!(k.orgs.iter().filter(|o| !o.me).all(|o| o.flagged == 0));
    s.apply(
        "gemeente",
        &Act::Flag {
            fact: "f_verzuim".into(),
            form: Form::Criminal,
        },
    )
    .unwrap();
    let k = KaartView::new(&s, r);
    assert_eq!(k.orgs.iter().find(|o| o.me).unwrap().flagged, 1);
}

/// Nothing a role sees depends on which facts are signals: the case
/// screen and the ketenkaart of every playable role at the start of the
/// bundled case are the same when every fact is a signal (so none stands
/// out). (The ketenkaart used to count "2 van 22 signalen" — the answer
/// key.)
#[test]
fn nothing_a_role_sees_depends_on_which_facts_are_signals() {
    use ketensim::core::scenario::load_str;
    use ketensim::ui::model::KaartView;
    let text = std::fs::read_to_string(SEM).unwrap();
    // Every `signal: (form: …, weight: …),` removed.
    let mut blind = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("signal: (") {
        blind.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find("),").expect("a signal ends with `),`") + 2;
        rest = after[end..].trim_start_matches(' ');
    }
    blind.push_str(rest);
    // … and every `vulnerability: true` (a fact is a signal, a
    // vulnerability or neither) …
    let blind = blind.replace("vulnerability: true,", "");
    // … and every fact made a signal of the same form and weight.
    let blind = blind.replace("id: \"f_", "signal: (form: Criminal, weight: 1), id: \"f_");
    assert_ne!(blind, text);
    let a = sem();
    let b = Arc::new(load_str(Path::new("blind.ron"), &blind).unwrap().compiled);
    assert!(a.facts.iter().filter(|f| f.signal.is_some()).count() >= 15);
    assert!(
        b.facts
            .iter()
            .all(|f| f.signal == Some((ketensim::core::scenario::model::Form::Criminal, 1)))
    );
    for role in ["gemeente", "politie", "zorgcoordinator", "riec"] {
        let r = a.ids.roles[role];
        let sa = Session::start(a.clone(), 1, &[role.into()], None).unwrap();
        let sb = Session::start(b.clone(), 1, &[role.into()], None).unwrap();
        assert_eq!(KaartView::new(&sa, r), KaartView::new(&sb, r), "{role}");
        assert_eq!(CaseView::new(&sa, r), CaseView::new(&sb, r), "{role}");
    }
    // The same through the whole case, with no fact a signal too, on the
    // projection both views are built from: tests/view.rs.
}

/// The case screen and the ketenkaart only format the role's projection:
/// built from the seat's own view or from the trainer's, they are the same.
#[test]
fn the_views_format_the_projection_of_the_seat_or_the_trainer() {
    use ketensim::core::view::{Viewer, project};
    use ketensim::ui::model::KaartView;
    let (mut s, r) = session("politie");
    for act in [
        Act::Flag {
            fact: "f_hotspot".into(),
            form: Form::Criminal,
        },
        Act::Advance,
        Act::Advance,
        Act::Advance,
        Act::Share {
            facts: vec!["f_hotspot".into()],
            to: vec![],
            channel: "casusoverleg_riec".into(),
            ground: "wgs".into(),
        },
    ] {
        s.apply("politie", &act).unwrap();
        let seat = project(&s, Viewer::Seat(r));
        let trainer = project(&s, Viewer::Trainer);
        let case = CaseView::new(&s, r);
        assert_eq!(CaseView::from_view(&seat, r), case);
        assert_eq!(CaseView::from_view(&trainer, r), case);
        let kaart = KaartView::new(&s, r);
        assert_eq!(KaartView::from_view(&seat, r), kaart);
        assert_eq!(KaartView::from_view(&trainer, r), kaart);
    }
    let k = KaartView::new(&s, r);
    assert_eq!(k.orgs.iter().find(|o| o.me).unwrap().flagged, 1);
    assert!(k.flows.iter().any(|f| f.from == r));
}

/// The trainer console gives each flow its worst verdict's id, so a
/// lawful disclosure on the wrong ground gets its own colour; the line
/// names it "rechtmatig, verkeerde grondslag".
#[test]
fn the_trainer_console_tells_the_wrong_ground_apart() {
    use ketensim::ui::trainer::TrainerView;
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let c = Arc::new(
        ketensim::core::scenario::load_str(Path::new("mini.ron"), &src)
            .unwrap()
            .compiled,
    );
    let mut s = Session::start(c, 1, &["a".into(), "b".into()], None).unwrap();
    for (fact, ground) in [("f1", "belang"), ("f4", "taak")] {
        s.apply(
            "a",
            &Act::Share {
                facts: vec![fact.into()],
                to: vec!["b".into()],
                channel: "mail".into(),
                ground: ground.into(),
            },
        )
        .unwrap();
    }
    let t = TrainerView::new(&s);
    assert_eq!(t.flows.len(), 2, "{:?}", t.flows);
    assert_eq!(t.flow_verdicts, vec!["wrong_ground", "excessive"]);
    assert!(
        t.flows[0].ends_with("(rechtmatig, verkeerde grondslag)"),
        "{}",
        t.flows[0]
    );
}
