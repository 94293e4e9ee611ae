//! What a screen reader can tell apart, read from the AccessKit tree as
//! egui_kittest exposes it: on the Start screen, the case screen (Dag 2,
//! with a decision open and a full inbox), the share dialog, the debrief
//! and the trainer console, every button and input has a name, and no two
//! enabled buttons share one (a row of "Markeer als signaal" buttons is
//! useless when a reader cannot say which fact each acts on). The dossier,
//! the inbox and the feed are lists; the ketenkaart has a text
//! alternative.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ketensim::core::engine::{Seat, Session};
use ketensim::core::eval::evaluate;
use ketensim::core::scenario::model::Act;
use ketensim::ui::model::{CaseView, LibraryCard, ScenarioCard};
use ketensim::ui::trainer::TrainerView;
use ketensim::ui::views::case::{CaseUiState, ShareKind, case_ui};
use ketensim::ui::views::debrief::{DebriefUiState, debrief_ui};
use ketensim::ui::views::egui;
use ketensim::ui::views::egui::accesskit::Role;
use ketensim::ui::views::start::{StartUiState, start_ui};
use ketensim::ui::views::theme::Settings;
use ketensim::ui::views::trainer::{TrainerUiState, trainer_ui};

use crate::common::{SEM, framed, saved_card, sem, session};

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

const CONTROLS: [Role; 6] = [
    Role::Button,
    Role::CheckBox,
    Role::RadioButton,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::ComboBox,
];

/// Every control has a name; enabled buttons have names of their own.
/// Returns how many controls were checked.
fn assert_named_apart<S>(h: &Harness<'_, S>, screen: &str) -> usize {
    // The window has the app's title as its name.
    assert_eq!(
        h.root().accesskit_node().label().as_deref(),
        Some(ketensim::ui::views::APP_TITLE),
        "{screen}: the window's name"
    );
    let mut buttons: Vec<String> = Vec::new();
    let mut checked = 0;
    for role in CONTROLS {
        for node in h.query_all_by_role(role) {
            let n = node.accesskit_node();
            let name = n.label().unwrap_or_default();
            assert!(
                !name.trim().is_empty(),
                "{screen}: a {role:?} without a name at {:?}",
                node.rect()
            );
            checked += 1;
            if role == Role::Button && !n.is_disabled() {
                assert!(
                    !buttons.contains(&name),
                    "{screen}: two enabled buttons are called `{name}`"
                );
                buttons.push(name);
            }
        }
    }
    checked
}

/// The labels of the items of the list called `list`.
fn list_items<S>(h: &Harness<'_, S>, list: &str) -> usize {
    let node = h.get_by_role_and_label(Role::List, list);
    node.children()
        .filter(|c| c.accesskit_node().role() == Role::ListItem)
        .count()
}

/// The wijkagent at Dag 2, ochtend: a decision open, several messages.
fn busy_case() -> (Session, usize) {
    let (mut s, r) = session("politie");
    for _ in 0..3 {
        s.apply("politie", &Act::Advance).unwrap();
    }
    (s, r)
}

#[test]
fn the_case_screen_and_the_share_dialog_name_every_control_apart() {
    let (s, r) = busy_case();
    let view = CaseView::new(&s, r);
    assert!(!view.decisions.is_empty() && view.inbox.len() >= 2);
    let mut h = framed(SIZE, Settings::default(), CaseUiState::default(), {
        let view = view.clone();
        move |ui, state| {
            let _ = case_ui(ui, &view, state);
        }
    });
    h.run();
    let n = assert_named_apart(&h, "case screen");
    assert!(n > 15, "{n} controls");
    // Each flag button names its fact.
    for f in &view.dossier {
        let short: String = f.text.chars().take(20).collect();
        let b = h
            .query_all_by_role(Role::Button)
            .filter(|b| {
                let l = b.accesskit_node().label().unwrap_or_default();
                l.starts_with("Markeer als signaal: ") && l.contains(&short)
            })
            .count();
        assert_eq!(b, 1, "the flag button of {}", f.id);
    }
    assert_eq!(list_items(&h, "Dossier"), view.dossier.len());
    assert_eq!(list_items(&h, "Postvak"), view.inbox.len());
    assert_eq!(list_items(&h, "Wat er gebeurde"), view.feed.len());
    // The share dialog open over it.
    let state = CaseUiState {
        share_open: true,
        share_kind: ShareKind::All,
        ..CaseUiState::default()
    };
    let mut h = framed(SIZE, Settings::default(), state, move |ui, state| {
        let _ = case_ui(ui, &view, state);
    });
    h.run();
    assert_named_apart(&h, "share dialog");
}

#[test]
fn the_ketenkaart_has_a_text_alternative() {
    let (s, r) = busy_case();
    let view = CaseView::new(&s, r);
    let mut h = framed(
        egui::vec2(1920.0, 1080.0),
        Settings::default(),
        CaseUiState::default(),
        move |ui, state| {
            let _ = case_ui(ui, &view, state);
        },
    );
    h.run();
    let map = h.get_by_role(Role::Image);
    let text = map.accesskit_node().label().unwrap_or_default();
    assert!(text.starts_with("Ketenkaart"), "{text}");
    let k = ketensim::ui::model::KaartView::new(&s, r);
    for org in &k.orgs {
        assert!(text.contains(&org.name), "{} in `{text}`", org.name);
    }
}

#[test]
fn the_start_debrief_and_trainer_screens_name_every_control_apart() {
    let c = sem();
    let cards = vec![LibraryCard::Scenario(ScenarioCard::new(SEM, &c))];
    let saved = vec![saved_card(
        &c.scenario.id,
        &c.scenario.title,
        "Noor",
        "gisteren",
    )];
    let mut h = framed(
        SIZE,
        Settings::default(),
        StartUiState::default(),
        move |ui, st| {
            let _ = start_ui(ui, &cards, &saved, false, st);
        },
    );
    h.run();
    assert_named_apart(&h, "start");

    let (mut s, _) = session("gemeente");
    s.run_out("gemeente");
    let d = evaluate(c.clone(), s.log()).unwrap();
    let state = DebriefUiState::new(&d);
    let mut h = framed(SIZE, Settings::default(), state, move |ui, st| {
        let _ = debrief_ui(ui, &d, st);
    });
    h.run();
    assert_named_apart(&h, "debrief");

    let seats: Vec<Seat> = ["gemeente", "politie", "zorgcoordinator"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: None,
        })
        .collect();
    let day = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    let view = TrainerView::new(&day);
    let mut h = framed(
        SIZE,
        Settings::default(),
        TrainerUiState::default(),
        move |ui, st| {
            let _ = trainer_ui(ui, &view, st, None);
        },
    );
    h.run();
    assert_named_apart(&h, "trainer console");
}

/// The case editor (issue 20): on each tab every control has a name and
/// no two enabled buttons share one (an option's "+ Optie" says which
/// decision, a box of the flow which item).
#[test]
fn the_editor_names_its_controls_apart() {
    use ketensim::core::authoring::Document;
    use ketensim::ui::views::editor::{EditorTab, EditorUiState, EditorView, editor_ui};
    let doc = Document::open(std::path::Path::new(
        "scenarios/criminele-uitbuiting-sem.ron",
    ))
    .unwrap();
    let d = doc.scenario().decisions[0].id.clone();
    let selected = vec![("decisions".to_string(), d)];
    let view = EditorView::new(&doc, &selected);
    for tab in [
        EditorTab::Item,
        EditorTab::Timeline,
        EditorTab::Analysis,
        EditorTab::Flow,
    ] {
        let state = EditorUiState {
            selected: selected.clone(),
            tab,
            ..EditorUiState::default()
        };
        let v = view.clone();
        let mut h = framed(SIZE, Settings::default(), state, move |ui, st| {
            let _ = editor_ui(ui, &v, st);
        });
        h.run();
        let n = assert_named_apart(&h, &format!("editor {tab:?}"));
        assert!(n > 10, "{tab:?}: {n} controls");
    }
    // The form of the first item of every list (an inject's form has two
    // lists of references, each folded as "0 gekozen" when empty).
    let mut forms = 0;
    for (list, _) in ketensim::core::authoring::form::LISTS {
        let Some((id, _)) = ketensim::core::authoring::form::choices(doc.scenario(), list)
            .into_iter()
            .next()
        else {
            continue;
        };
        let selected = vec![(list.to_string(), id)];
        let v = EditorView::new(&doc, &selected);
        let state = EditorUiState {
            selected,
            ..EditorUiState::default()
        };
        let mut h = framed(SIZE, Settings::default(), state, move |ui, st| {
            let _ = editor_ui(ui, &v, st);
        });
        h.run();
        assert_named_apart(&h, &format!("editor, the form of the first of {list}"));
        forms += 1;
    }
    assert!(forms >= 14, "{forms} forms");
}
