//! What the case screen offers for the law in the case model: asking
//! consent, convening a meeting, when a meeting sits, and refusals in
//! Dutch. Built from the view model (no GUI needed), on the law fixture.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::Session;
use ketensim::core::scenario::load_file;
use ketensim::core::scenario::model::Act;
use ketensim::ui::model::CaseView;

fn session(played: &str) -> (Session, usize) {
    let c = Arc::new(
        load_file(Path::new("tests/fixtures/law.ron"))
            .unwrap_or_else(|d| panic!("{d}"))
            .compiled,
    );
    let r = c.ids.roles[played];
    (
        Session::start(c, 1, &[played.to_string()], None).unwrap(),
        r,
    )
}

#[test]
fn the_case_screen_offers_consent_and_shows_when_meetings_sit() {
    let (mut s, r) = session("jeugdhulp");
    let v = CaseView::new(&s, r);
    let zvh = v
        .channels
        .iter()
        .find(|c| c.id == "casusoverleg_zvh")
        .expect("the jeugdhulp sits in the ZVH casusoverleg");
    assert!(zvh.meeting && !zvh.in_session);
    assert_eq!(
        zvh.sitting.as_deref(),
        Some("volgende zitting: Dag 2, middag")
    );
    // Only meetings have a sitting.
    assert!(
        v.channels
            .iter()
            .filter(|c| !c.meeting)
            .all(|c| c.sitting.is_none())
    );
    // The consent requests of this role, with what is asked.
    let ids: Vec<&str> = v.consents.iter().map(|(id, _)| id.as_str()).collect();
    assert!(ids.contains(&"c_jh_zvh"), "{ids:?}");
    assert!(v.consents.iter().all(|(_, text)| !text.is_empty()));
    // Every member may convene the ZVH casusoverleg.
    assert!(v.convene.iter().any(|(id, _)| id == "casusoverleg_zvh"));

    // A share into the meeting now is refused, in Dutch, with the next
    // sitting.
    let err = s
        .apply(
            "jeugdhulp",
            &Act::Share {
                facts: vec!["f_jh_zorgen".into()],
                to: vec![],
                channel: "casusoverleg_zvh".into(),
                ground: "wgs".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_in_session");
    assert!(
        err.dutch().contains("Volgende zitting: Dag 2, middag"),
        "{}",
        err.dutch()
    );

    // Asking consent: the request is gone from the menu, the question and
    // the answers that came are in the feed.
    s.apply(
        "jeugdhulp",
        &Act::AskConsent {
            request: "c_jh_zvh".into(),
        },
    )
    .unwrap();
    let v = CaseView::new(&s, r);
    assert!(v.consents.iter().all(|(id, _)| id != "c_jh_zvh"));
    assert!(
        v.feed.iter().any(|l| l.contains("u vroeg toestemming")),
        "{:#?}",
        v.feed
    );
    assert!(
        v.feed.iter().any(|l| l.contains("toestemming")),
        "{:#?}",
        v.feed
    );
    assert_eq!(
        s.apply(
            "jeugdhulp",
            &Act::AskConsent {
                request: "c_jh_zvh".into()
            }
        )
        .unwrap_err()
        .code(),
        "already_asked"
    );

    // Convening: it sits one day-part later, and the screen says so.
    s.apply(
        "jeugdhulp",
        &Act::Convene {
            channel: "casusoverleg_zvh".into(),
        },
    )
    .unwrap();
    let v = CaseView::new(&s, r);
    let zvh = v
        .channels
        .iter()
        .find(|c| c.id == "casusoverleg_zvh")
        .unwrap();
    assert_eq!(
        zvh.sitting.as_deref(),
        Some("volgende zitting: Dag 1, middag")
    );
    s.apply("jeugdhulp", &Act::Advance).unwrap();
    let v = CaseView::new(&s, r);
    let zvh = v
        .channels
        .iter()
        .find(|c| c.id == "casusoverleg_zvh")
        .unwrap();
    assert!(zvh.in_session);
    // It sits now, and says when it sits again (its scheduled sitting).
    assert_eq!(
        zvh.sitting.as_deref(),
        Some("zit nu; daarna weer op Dag 2, middag")
    );
}

/// Every refusal has a stable code and a Dutch sentence (no English text
/// of the engine reaches the trainee).
#[test]
fn refusals_have_a_code_and_a_dutch_sentence() {
    let (mut s, _) = session("gemeente");
    let attempts = [
        Act::Share {
            facts: vec!["f_verzuim".into()],
            to: vec!["gemeente".into()],
            channel: "mail".into(),
            ground: "wgs".into(),
        },
        Act::Share {
            facts: vec![],
            to: vec!["politie".into()],
            channel: "mail".into(),
            ground: "wgs".into(),
        },
        Act::Convene {
            channel: "casusoverleg_riec".into(),
        },
        Act::AskConsent {
            request: "c_jh_zvh".into(),
        },
        Act::Decide {
            decision: "d_pol_bedenktijd".into(),
            option: "o_geen_bedenktijd".into(),
        },
    ];
    let mut codes = Vec::new();
    for a in &attempts {
        let e = s.apply("gemeente", a).unwrap_err();
        let nl = e.dutch();
        assert!(!nl.is_empty());
        for english in ["cannot", "role", "meeting", "decision", "not "] {
            assert!(!nl.contains(english), "{nl}");
        }
        codes.push(e.code());
    }
    assert_eq!(
        codes,
        [
            "self_share",
            "no_facts",
            "cannot_convene",
            "not_available",
            "decision_not_open"
        ]
    );
}
