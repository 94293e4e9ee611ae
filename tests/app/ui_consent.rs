//! "Toestemming vragen" is the trainee's own action on the case screen:
//! a button per consent request the role can ask now — again after a
//! refusal once the request allows it — and the answers that arrived are
//! shown (who said yes or no, and in the feed). Driven through the
//! accessibility tree with egui_kittest, on the mini fixture with a
//! consent request that is refused until the talk was held.

use std::path::Path;
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ketensim::core::engine::Session;
use ketensim::core::scenario::compiled::Compiled;
use ketensim::core::scenario::load_str;
use ketensim::core::scenario::model::Act;
use ketensim::ui::model::CaseView;
use ketensim::ui::views::case::{CaseAction, CaseUiState, case_ui};
use ketensim::ui::views::egui;

const ASK: &str = "Persoon Een vragen of B het signaal mag krijgen.";

fn scenario() -> Arc<Compiled> {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let consent = format!(
        "    consents: [(id: \"c1\", role: \"a\", subject: \"p1\", kind: Processing, text: \"{ASK}\", facts: [\"f1\"], to: [\"b\"], channels: [\"mail\"], again: Talked(talk: \"gesprek\"), answers: [(person: \"p1\", gives: true, when: Talked(talk: \"gesprek\"), text: \"Nu u het hebt uitgelegd: goed.\"), (person: \"p1\", gives: false, text: \"Nee, waarom?\")])],\n    injects: ["
    );
    let text = src.replacen("    injects: [", &consent, 1);
    assert_ne!(text, src);
    Arc::new(
        load_str(Path::new("mini.ron"), &text)
            .unwrap_or_else(|d| panic!("{d}"))
            .compiled,
    )
}

/// Renders the case screen of `view`, presses the button labelled `label`
/// and returns the actions it produced.
fn press(view: &CaseView, label: &str) -> Vec<CaseAction> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (CaseUiState, Vec<CaseAction>)| {
                if let (Some(a), _) = case_ui(ui, view, &mut state.0) {
                    state.1.push(a);
                }
            },
            (CaseUiState::default(), Vec::new()),
        );
    harness.get_by_label(label).click();
    harness.run();
    harness.state().1.clone()
}

/// Whether the case screen of `view` shows a widget labelled `label`.
fn shows(view: &CaseView, label: &str) -> bool {
    let harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut CaseUiState| {
                let _ = case_ui(ui, view, state);
            },
            CaseUiState::default(),
        );
    harness.query_by_label(label).is_some()
}

#[test]
fn the_trainee_asks_consent_again_after_a_refusal() {
    let c = scenario();
    let a = c.ids.roles["a"];
    let mut s = Session::start(c.clone(), 1, &["a".into()], None).unwrap();
    let button = format!("Toestemming vragen: {ASK}");
    let ask = CaseAction::Act(Act::AskConsent {
        request: "c1".into(),
    });

    // Asked by pressing the button.
    let view = CaseView::new(&s, a);
    assert_eq!(press(&view, &button), vec![ask.clone()]);
    s.apply(
        "a",
        &Act::AskConsent {
            request: "c1".into(),
        },
    )
    .unwrap();

    // Refused: the answer is on the screen and in the feed, and the
    // button is gone until something changed.
    let view = CaseView::new(&s, a);
    assert!(view.consents.is_empty(), "{:?}", view.consents);
    assert!(!shows(&view, &button));
    let refused = format!(
        "\u{201c}{ASK}\u{201d} (gevraagd Dag 1, ochtend): Persoon Een (Dag 1, ochtend): nee \u{201c}Nee, waarom?\u{201d}"
    );
    assert_eq!(view.asked, vec![refused.clone()]);
    assert!(shows(&view, &refused));
    assert!(
        view.feed
            .iter()
            .any(|l| l.contains("Persoon Een geeft geen toestemming")),
        "{:?}",
        view.feed
    );

    // The talk does not ask on the trainee's behalf; it makes asking
    // again possible, and the trainee asks.
    s.apply("a", &Act::Advance).unwrap();
    s.apply(
        "a",
        &Act::Talk {
            talk: "gesprek".into(),
        },
    )
    .unwrap();
    let view = CaseView::new(&s, a);
    assert_eq!(view.asked, vec![refused], "the talk asked nothing");
    assert_eq!(press(&view, &button), vec![ask]);
    s.apply(
        "a",
        &Act::AskConsent {
            request: "c1".into(),
        },
    )
    .unwrap();
    let view = CaseView::new(&s, a);
    let given = format!(
        "\u{201c}{ASK}\u{201d} (gevraagd Dag 1, middag): Persoon Een (Dag 1, middag): ja \u{201c}Nu u het hebt uitgelegd: goed.\u{201d}"
    );
    assert_eq!(view.asked, vec![given.clone()]);
    assert!(shows(&view, &given));
    assert!(!shows(&view, &button));
}
