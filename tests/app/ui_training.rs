//! The training day's screens, driven with egui_kittest (no window): the
//! setup's training-day choices, the privacy screen between two seats
//! (nothing of either seat's case visible before Enter) and the trainer
//! console's controls.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ketensim::core::engine::{EntryKind, Seat, Session};
use ketensim::core::scenario::model::{Act, Competency};
use ketensim::ui::model::{CaseView, ScenarioCard};
use ketensim::ui::trainer::{HandoverView, TrainerView};
use ketensim::ui::views::egui;
use ketensim::ui::views::setup::{SetupAction, SetupState, setup_ui};
use ketensim::ui::views::trainer::{TrainerAction, TrainerUiState, trainer_ui};
use ketensim::ui::views::turns::{HandoverAction, handover_ui};

use crate::common::{SEM, sem};

fn seats() -> Vec<Seat> {
    vec![
        Seat {
            role: "gemeente".into(),
            person: Some("Tafel 1".into()),
        },
        Seat {
            role: "politie".into(),
            person: Some("Tafel 2".into()),
        },
        Seat {
            role: "zorgcoordinator".into(),
            person: None,
        },
    ]
}

fn day() -> Session {
    Session::start_day(sem(), 1, &seats(), true).unwrap()
}

#[test]
fn setup_offers_a_training_day_with_seats_names_and_a_trainer() {
    let c = sem();
    let card = ScenarioCard::new(SEM, &c);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (SetupState, Option<SetupAction>)| {
                if let Some(a) = setup_ui(ui, &card, &mut state.0) {
                    state.1 = Some(a);
                }
            },
            (SetupState::default(), None),
        );
    h.get_by_label("Trainingsdag").click();
    h.run();
    let name = |id: &str| {
        let (_, n, o) = card.roles.iter().find(|(r, _, _)| r == id).unwrap();
        format!("{n} — {o}")
    };
    // Nothing chosen yet: no start.
    h.get_by_label("Naar de briefing").click();
    h.run();
    assert_eq!(h.state().1, None);
    h.get_by_label(&name("politie")).click();
    h.run();
    h.get_by_label(&name("gemeente")).click();
    h.run();
    // A name for the police seat: the first empty name field is the
    // gemeente's (scenario order), so type in the second.
    assert_eq!(
        h.get_all_by_role(egui::accesskit::Role::TextInput).count(),
        3,
        "two name fields and the seed"
    );
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .nth(1)
        .unwrap()
        .click();
    h.run();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .nth(1)
        .unwrap()
        .type_text("Tafel 2");
    h.run();
    // Without a trainer.
    h.get_by_label_contains("Met trainer").click();
    h.run();
    h.get_by_label("Naar de briefing").click();
    h.run();
    assert_eq!(
        h.state().1,
        Some(SetupAction::StartDay {
            seats: vec![
                Seat {
                    role: "gemeente".into(),
                    person: None
                },
                Seat {
                    role: "politie".into(),
                    person: Some("Tafel 2".into())
                },
            ],
            trainer: false,
            seed: 1,
            hints: false,
        })
    );
}

/// Every text of the case a seat could see: fact texts (every variant),
/// inject titles and texts, decision prompts and options.
fn case_texts(c: &ketensim::core::scenario::Compiled) -> Vec<String> {
    let s = &c.scenario;
    let mut out = Vec::new();
    for f in &s.facts {
        out.push(f.text.clone());
        out.extend(f.variants.iter().cloned());
    }
    for i in &s.injects {
        out.push(i.title.clone());
        out.push(i.text.clone());
    }
    for d in &s.decisions {
        out.push(d.prompt.clone());
        out.extend(d.options.iter().map(|o| o.text.clone()));
    }
    out.retain(|t| t.len() > 12);
    out
}

#[test]
fn the_privacy_screen_shows_nothing_of_either_seat_before_enter() {
    let mut s = day();
    // The gemeente worked and ended its day-part; the police is next.
    s.apply(
        "gemeente",
        &Act::Flag {
            fact: "f_verzuim".into(),
            form: ketensim::core::scenario::model::Form::Criminal,
        },
    )
    .unwrap();
    s.end_part("gemeente").unwrap();
    let view = HandoverView::to_seat(&s, "politie");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut Option<HandoverAction>| {
                if let Some(a) = handover_ui(ui, &view) {
                    *state = Some(a);
                }
            },
            None,
        );
    h.get_by_label_contains("Geef door aan: Politie");
    h.get_by_label("Tafel 2");
    // Not a word of the case on the screen.
    let labels: Vec<String> = h
        .query_all(egui_kittest::kittest::By::new().predicate(|_| true))
        .filter_map(|n| {
            n.accesskit_node()
                .label()
                .or_else(|| n.accesskit_node().value())
        })
        .collect();
    assert!(labels.len() >= 4, "the screen was read: {labels:?}");
    for t in case_texts(s.scenario()) {
        for l in &labels {
            assert!(
                !l.contains(&t) && !t.contains(l.as_str()) || l.len() < 12,
                "`{l}` shows case text `{t}`"
            );
        }
    }
    assert_eq!(*h.state(), None);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(*h.state(), Some(HandoverAction::Continue));
}

#[test]
fn the_trainer_console_pauses_ends_the_day_part_observes_and_shows_a_seat() {
    let mut s = day();
    let view = TrainerView::new(&s);
    assert_eq!(view.seats.len(), 3);
    assert!(!view.signals.is_empty(), "the trainer sees the signals");
    let seat = CaseView::new(&s, s.scenario().ids.roles["politie"]);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (TrainerUiState, Vec<TrainerAction>)| {
                if let (Some(a), _) = trainer_ui(ui, &view, &mut state.0, Some(&seat)) {
                    state.1.push(a);
                }
            },
            (TrainerUiState::default(), Vec::new()),
        );
    h.get_by_label("Scherm van Wijkagent (met AVIM als achtervang)");
    h.get_by_label("Pauzeren").click();
    h.run();
    h.get_by_label("Dagdeel afsluiten voor iedereen").click();
    h.run();
    h.get_all_by_label_contains("Scherm bekijken: ")
        .nth(2)
        .unwrap()
        .click();
    h.run();
    // An observation about the police, on Samenwerking.
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .click();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("Politie wacht op de gemeente");
    h.run();
    h.get_all_by_role(egui::accesskit::Role::ComboBox)
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_all_by_label("Wijkagent (met AVIM als achtervang)")
        .last()
        .unwrap()
        .click();
    h.run();
    h.get_all_by_role(egui::accesskit::Role::ComboBox)
        .nth(1)
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Samenwerking").click();
    h.run();
    h.get_by_label("Observatie vastleggen").click();
    h.run();
    let actions = h.state().1.clone();
    assert_eq!(
        actions,
        vec![
            TrainerAction::Pause,
            TrainerAction::EndDayPart,
            TrainerAction::ViewSeat("zorgcoordinator".into()),
            TrainerAction::Observe {
                text: "Politie wacht op de gemeente".into(),
                role: Some("politie".into()),
                competency: Some(Competency::Samenwerking),
            },
        ]
    );
    // Applied to the session, they change what the console shows.
    s.note(EntryKind::Pause).unwrap();
    assert!(TrainerView::new(&s).paused);
    assert!(s.end_part_for_all().is_err(), "paused: resume first");
    s.note(EntryKind::Resume).unwrap();
    s.end_part_for_all().unwrap();
    assert_eq!(TrainerView::new(&s).clock, "Dag 1, middag");
}

#[test]
fn the_trainer_hands_a_seat_to_its_script_only_after_confirming() {
    let mut s = day();
    let view = TrainerView::new(&s);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (TrainerUiState, Vec<TrainerAction>)| {
                if let (Some(a), _) = trainer_ui(ui, &view, &mut state.0, None) {
                    state.1.push(a);
                }
            },
            (TrainerUiState::default(), Vec::new()),
        );
    // One offer per seat; the first click only asks.
    assert_eq!(
        h.get_all_by_label_contains("Door het script laten spelen: ")
            .count(),
        3
    );
    h.get_all_by_label_contains("Door het script laten spelen: ")
        .nth(1)
        .unwrap()
        .click();
    h.run();
    assert!(h.state().1.is_empty(), "nothing happens before confirming");
    h.get_by_label("Annuleren").click();
    h.run();
    assert!(h.state().1.is_empty());
    h.get_all_by_label_contains("Door het script laten spelen: ")
        .nth(1)
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Ja, het script neemt het over").click();
    h.run();
    assert_eq!(h.state().1, vec![TrainerAction::Script("politie".into())]);
    // Applied, the console says so and offers it no more for that seat.
    s.submit(
        &ketensim::core::engine::Who::Trainer,
        &TrainerAction::Script("politie".into()).command().unwrap(),
    )
    .unwrap();
    let after = TrainerView::new(&s);
    let pol = after.seats.iter().find(|x| x.role == "politie").unwrap();
    assert!(pol.scripted && pol.ready);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut TrainerUiState| {
                let _ = trainer_ui(ui, &after, state, None);
            },
            TrainerUiState::default(),
        );
    h.run();
    h.get_by_label("gespeeld door het script");
    assert_eq!(
        h.get_all_by_label_contains("Door het script laten spelen: ")
            .count(),
        2
    );
}
