//! The join screen ("Meedoen aan een trainingsdag"), driven through the
//! accessibility tree: it cannot connect before an address and a code are
//! typed, it offers the seats the host named, and a seat's button takes
//! that seat.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ketensim::core::protocol::SeatOffer;
use ketensim::ui::views::egui;
use ketensim::ui::views::join::{JoinAction, JoinUiState, JoinView, join_ui};

type State = (JoinUiState, Option<JoinAction>);

fn harness(view: JoinView) -> Harness<'static, State> {
    Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(
            move |ui, state: &mut State| {
                if let Some(a) = join_ui(ui, &view, &mut state.0) {
                    state.1 = Some(a);
                }
            },
            (JoinUiState::default(), None),
        )
}

#[test]
fn the_join_screen_asks_for_address_and_code_then_offers_the_seats() {
    // Empty form: "Verbinden" does nothing.
    let mut h = harness(JoinView::default());
    h.get_by_label("Verbinden").click();
    h.run();
    assert_eq!(h.state().1, None, "no address and code yet");
    h.state_mut().0.address = "192.168.1.20".into();
    h.state_mut().0.code = "5WE 3ND".into();
    h.run();
    h.get_by_label("Verbinden").click();
    h.run();
    assert_eq!(h.state().1, Some(JoinAction::Connect));

    // The host answered: the seats, one of them with a laptop already.
    let view = JoinView {
        title: Some("Sem (15)".into()),
        seats: vec![
            SeatOffer {
                role: "gemeente".into(),
                name: "Aandachtsfunctionaris".into(),
                organisation: "Gemeente Rivierstad".into(),
                connected: 0,
                scripted: false,
            },
            SeatOffer {
                role: "politie".into(),
                name: "Wijkagent".into(),
                organisation: "Politie".into(),
                connected: 1,
                scripted: false,
            },
        ],
        ..JoinView::default()
    };
    let mut h = harness(view);
    h.get_by_label("(1 laptop(s) verbonden)");
    h.get_by_label("Wijkagent — Politie").click();
    h.run();
    assert_eq!(h.state().1, Some(JoinAction::Take("politie".into())));

    // The trainer's code: the trainer's place, no seats.
    let mut h = harness(JoinView {
        title: Some("Sem (15)".into()),
        trainer: true,
        ..JoinView::default()
    });
    h.get_by_label("Meedoen als trainer").click();
    h.run();
    assert_eq!(h.state().1, Some(JoinAction::Trainer));

    // A refusal is shown.
    let h = harness(JoinView {
        message: Some("Deze code kent de host niet.".into()),
        ..JoinView::default()
    });
    h.get_by_label("Deze code kent de host niet.");
}
