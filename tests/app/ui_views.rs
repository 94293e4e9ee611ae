//! The egui views, driven through the accessibility tree with egui_kittest
//! (no window, no GPU): the share dialog produces the action the trainee
//! composed, a decision click is a `Decide`, and the debrief shows every
//! missed signal.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::engine::Session;
use ketensim::core::eval::{SignalStatus, evaluate};
use ketensim::core::scenario::model::{Act, Form};
use ketensim::ui::model::{CaseView, LibraryCard, ScenarioCard};
use ketensim::ui::views::case::{
    CaseAction, CaseUiState, ShareDraft, ShareKind, case_ui, share_ui,
};
use ketensim::ui::views::debrief::{DebriefUiState, debrief_ui};
use ketensim::ui::views::egui;
use ketensim::ui::views::setup::{SetupAction, SetupState, setup_ui};
use ketensim::ui::views::start::{StartAction, StartUiState, start_ui};

use crate::common::{SEM, sem};

fn gemeente_view() -> CaseView {
    let c = sem();
    let r = c.ids.roles["gemeente"];
    let mut s = Session::start(c, 1, &["gemeente".into()], None).unwrap();
    // Day 1, afternoon: the BRP report is in the dossier too.
    s.apply("gemeente", &Act::Advance).unwrap();
    CaseView::new(&s, r)
}

fn text_of(view: &CaseView, id: &str) -> String {
    view.dossier
        .iter()
        .find(|f| f.id == id)
        .unwrap()
        .text
        .clone()
}

#[test]
fn the_share_dialog_produces_the_composed_share() {
    let view = gemeente_view();
    let verzuim = text_of(&view, "f_verzuim");
    let adres = text_of(&view, "f_brp_adres");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(800.0, 2000.0))
        .build_ui_state(
            |ui, state: &mut (ShareDraft, Option<Act>)| {
                if let Some(act) = share_ui(ui, &view, &mut state.0, ShareKind::All) {
                    state.1 = Some(act);
                }
            },
            (ShareDraft::default(), None),
        );
    // Nothing is preselected, and sharing is impossible until every
    // choice is made.
    assert!(harness.state().0 == ShareDraft::default());
    harness.get_by_label(&verzuim).click();
    harness.run();
    harness.get_by_label(&adres).click();
    harness.run();
    harness.get_by_label("RIEC-casusoverleg").click();
    harness.run();
    harness.get_by_label("Delen").click();
    harness.run();
    assert_eq!(harness.state().1, None, "no ground chosen yet");
    harness
        .get_by_label("Wet gegevensverwerking door samenwerkingsverbanden (Wgs)")
        .click();
    harness.run();
    harness.get_by_label("Delen").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        Some(Act::Share {
            facts: vec!["f_brp_adres".into(), "f_verzuim".into()],
            to: vec![],
            channel: "casusoverleg_riec".into(),
            ground: "wgs".into(),
        })
    );
}

#[test]
fn a_direct_share_needs_a_recipient() {
    let view = gemeente_view();
    let verzuim = text_of(&view, "f_verzuim");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(800.0, 2000.0))
        .build_ui_state(
            |ui, state: &mut (ShareDraft, Option<Act>)| {
                if let Some(act) = share_ui(ui, &view, &mut state.0, ShareKind::All) {
                    state.1 = Some(act);
                }
            },
            (ShareDraft::default(), None),
        );
    harness.get_by_label(&verzuim).click();
    harness.run();
    harness.get_by_label("Telefoon").click();
    harness.run();
    harness.get_by_label("Publieke taak").click();
    harness.run();
    assert!(harness.state().0.act(&view).is_none(), "no recipient yet");
    harness
        .get_by_label("Wijkagent (met AVIM als achtervang)")
        .click();
    harness.run();
    harness.get_by_label("Delen").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        Some(Act::Share {
            facts: vec!["f_verzuim".into()],
            to: vec!["politie".into()],
            channel: "telefoon".into(),
            ground: "publieke_taak".into(),
        })
    );
}

#[test]
fn the_case_screen_turns_clicks_into_actions() {
    let view = gemeente_view();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (CaseUiState, Vec<CaseAction>)| {
                if let (Some(a), _) = case_ui(ui, &view, &mut state.0) {
                    state.1.push(a);
                }
            },
            (CaseUiState::default(), Vec::new()),
        );
    harness.get_by_label("Dag 1, middag");
    // A decision option.
    let option = &view
        .decisions
        .iter()
        .find(|d| d.id == "d_gem_verzuim")
        .unwrap()
        .options[0];
    harness.get_by_label(&option.1).click();
    harness.run();
    // Flag a fact: choose the form, confirm.
    harness
        .get_all_by_label_contains("Markeer als signaal: ")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("criminele uitbuiting").click();
    harness.run();
    harness.get_by_label("Markering bevestigen").click();
    harness.run();
    // End the day-part with the keyboard shortcut.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    harness.run();
    let actions = &harness.state().1;
    assert_eq!(
        actions[0],
        CaseAction::Act(Act::Decide {
            decision: "d_gem_verzuim".into(),
            option: option.0.clone(),
        })
    );
    assert_eq!(
        actions[1],
        CaseAction::Act(Act::Flag {
            fact: view.dossier[0].id.clone(),
            form: Form::Criminal,
        })
    );
    assert_eq!(actions[2], CaseAction::Act(Act::Advance));
}

#[test]
fn the_start_screen_shows_cards_and_error_cards() {
    let c = sem();
    let cards = vec![
        LibraryCard::Broken {
            file: "kapot.ron".into(),
            problems: "kapot.ron:3:5: error: unknown field `titel`".into(),
        },
        LibraryCard::Scenario(ScenarioCard::new(SEM, &c)),
    ];
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (StartUiState, Option<StartAction>)| {
                if let Some(a) = start_ui(ui, &cards, &[], false, &mut state.0) {
                    state.1 = Some(a);
                }
            },
            (StartUiState::default(), None),
        );
    harness.get_by_label("kapot.ron:3:5: error: unknown field `titel`");
    // A file with errors opens in the editor, to be mended there.
    harness.get_by_label("Bewerken: kapot.ron").click();
    harness.run();
    assert_eq!(harness.state().1, Some(StartAction::Edit(0)));
    harness.state_mut().1 = None;
    // The compact card does not show the starting situation; its title
    // opens the description, which does, with the button to the setup.
    assert!(harness.query_by_label(&c.scenario.summary).is_none());
    harness.get_by_label(&c.scenario.title).click();
    harness.run();
    assert_eq!(
        harness.state().0.open.as_deref(),
        Some(c.scenario.id.as_str())
    );
    harness.get_by_label(&c.scenario.summary);
    assert_eq!(harness.state().1, None);
    harness.get_by_label("Kies deze casus").click();
    harness.run();
    assert_eq!(harness.state().1, Some(StartAction::Open(1)));
    // Back to all cases.
    harness.get_by_label("Terug naar alle casussen").click();
    harness.run();
    assert_eq!(harness.state().0.open, None);
    assert!(harness.query_by_label(&c.scenario.summary).is_none());
}

#[test]
fn the_start_screen_lists_saved_sessions() {
    use ketensim::ui::model::SavedCard;
    let saved = vec![
        SavedCard {
            scenario_id: Some("criminele-uitbuiting-sem".into()),
            title: "Sem (15)".into(),
            names: "Bas".into(),
            roles: "Wijkagent".into(),
            when: "2026-12-03 14:15 UTC".into(),
            message: "Niet afgerond: Dag 2, ochtend, 4 actie(s). Verder spelen kan.".into(),
            resumable: true,
            finished: false,
        },
        SavedCard {
            scenario_id: None,
            title: "kapot.session.ron".into(),
            names: String::new(),
            roles: String::new(),
            when: String::new(),
            message: "Dit bestand is beschadigd of onvolledig en kan niet worden gelezen (regel 3, kolom 1). Het blijft bewaard.".into(),
            resumable: false,
            finished: false,
        },
        SavedCard {
            scenario_id: Some("criminele-uitbuiting-sem".into()),
            title: "Sem (15)".into(),
            names: String::new(),
            roles: "Zorgcoördinator".into(),
            when: "2026-12-02 09:00 UTC".into(),
            message: "Afgerond: goed. De nabespreking kan worden geopend.".into(),
            resumable: false,
            finished: true,
        },
    ];
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (StartUiState, Option<StartAction>)| {
                if let Some(a) = start_ui(ui, &[], &saved, false, &mut state.0) {
                    state.1 = Some(a);
                }
            },
            (StartUiState::default(), None),
        );
    // At 1280 points the saved sessions are a tab of their own.
    assert!(harness.query_by_label(&saved[1].message).is_none());
    harness.get_by_label("Opgeslagen sessies (3)").click();
    harness.run();
    harness.get_by_label(&saved[1].message);
    harness.get_by_label("· opgeslagen 2026-12-03 14:15 UTC");
    harness.get_by_label("Bas");
    harness.get_by_label("Zonder naam");
    // One button each for the unfinished and the finished session; none
    // for the damaged file.
    assert_eq!(harness.query_all_by_label("Verder spelen").count(), 1);
    harness.get_by_label("Nabespreking openen").click();
    harness.run();
    // The index into the list given, whatever order the screen shows.
    assert_eq!(harness.state().1, Some(StartAction::Resume(2)));
}

#[test]
fn the_setup_needs_a_role_and_a_whole_number_seed() {
    let c = sem();
    let card = ScenarioCard::new(SEM, &c);
    let mut harness = Harness::new_ui_state(
        |ui, state: &mut (SetupState, Option<SetupAction>)| {
            if let Some(a) = setup_ui(ui, &card, &mut state.0) {
                state.1 = Some(a);
            }
        },
        (SetupState::default(), None),
    );
    harness.get_by_label("Naar de briefing").click();
    harness.run();
    assert_eq!(harness.state().1, None, "no role chosen");
    let zorg = c
        .scenario
        .roles
        .iter()
        .find(|r| r.id == "zorgcoordinator")
        .unwrap();
    harness
        .get_by_label(&format!("{} — {}", zorg.name, zorg.organisation))
        .click();
    harness.run();
    harness.get_by_label("Naar de briefing").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        Some(SetupAction::Start {
            role: "zorgcoordinator".into(),
            trainee: None,
            seed: 1,
            hints: false,
        })
    );
}

#[test]
fn the_debrief_shows_every_missed_signal() {
    let result = play(&PlayArgs {
        scenario: PathBuf::from(SEM),
        role: Some("politie".into()),
        answers: PathBuf::from("scenarios/answers/sem-politie-poor.answers.ron"),
        trainee: None,
        seed: None,
        log: None,
        finish: true,
        report: None,
    })
    .unwrap();
    let d = evaluate(result.session.scenario().clone(), result.session.log()).unwrap();
    let missed: Vec<String> = d.roles[0]
        .signals
        .iter()
        .filter(|s| s.status == SignalStatus::Missed)
        .map(|s| s.text.clone())
        .collect();
    assert!(missed.len() >= 10);
    let state = DebriefUiState::default();
    let harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 20000.0))
        .build_ui(|ui| {
            debrief_ui(ui, &d, &state);
        });
    for text in &missed {
        harness.get_by_label(text);
    }
    assert_eq!(
        harness.get_all_by_label("Gemist").count(),
        missed.len(),
        "each missed signal is marked as missed"
    );
    harness.get_by_label("Verslag opslaan (HTML)");
}

#[test]
fn reporting_and_the_casusoverleg_offer_only_their_channels() {
    let view = gemeente_view();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 1400.0))
        .build_ui_state(
            |ui, state: &mut CaseUiState| {
                let _ = case_ui(ui, &view, state);
            },
            CaseUiState::default(),
        );
    harness.get_by_label("Melden… (Ctrl+M)").click();
    harness.run();
    assert_eq!(harness.state().share_kind, ShareKind::Report);
    harness.get_by_label("Melding Veilig Thuis");
    assert!(harness.query_by_label("Telefoon").is_none());
    assert!(harness.query_by_label("RIEC-casusoverleg").is_none());
    // The keyboard shortcut for the casusoverleg.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run();
    assert_eq!(harness.state().share_kind, ShareKind::Meeting);
    harness.get_by_label("RIEC-casusoverleg");
    assert!(harness.query_by_label("Melding Veilig Thuis").is_none());
}

/// After a decision the options below move up; for a moment they take no
/// click, so a double click cannot choose the next decision's option.
/// Then they work again.
#[test]
fn a_double_click_on_a_decision_does_not_choose_the_next_one() {
    let view = gemeente_view();
    assert!(!view.decisions.is_empty());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut (CaseUiState, Vec<CaseAction>)| {
                if let (Some(a), _) = case_ui(ui, &view, &mut state.0) {
                    state.1.push(a);
                }
            },
            (CaseUiState::default(), Vec::new()),
        );
    h.run();
    let options = &view.decisions[0].options;
    h.get_by_label(&options[0].1).click();
    h.step();
    assert_eq!(h.state().1.len(), 1, "the first click decides");
    h.step();
    // The second click of a double click lands on a resting button.
    let second = h.get_by_label(&options[1].1);
    assert!(second.accesskit_node().is_disabled(), "resting");
    second.click();
    h.step();
    assert_eq!(h.state().1.len(), 1, "the second click chose nothing");
    // After the rest the options work again.
    let rest = ketensim::ui::views::case::DECISION_REST;
    let mut waited = 0.0;
    while waited <= rest + 0.2 {
        h.step();
        waited += f64::from(h.ctx.input(|i| i.stable_dt)).max(1.0 / 60.0);
    }
    assert!(!h.get_by_label(&options[1].1).accesskit_node().is_disabled());
}

/// "NIEUW" and the inbox's count go once the trainee has pointed at the
/// item; nothing below it moves when the label goes.
#[test]
fn new_items_are_read_once_pointed_at() {
    let view = gemeente_view();
    let new_msgs = view.inbox.iter().filter(|m| m.new).count();
    assert!(new_msgs > 0 && view.dossier.iter().any(|f| f.new));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut CaseUiState| {
                let _ = case_ui(ui, &view, state);
            },
            CaseUiState::default(),
        );
    h.run();
    h.get_by_label_contains(&format!("Postvak ({new_msgs} nieuw)"));
    let fact = view.dossier.iter().find(|f| f.new).unwrap();
    let text = h.get_by_label(&fact.text);
    let below = text.rect();
    text.hover();
    h.run();
    assert!(
        h.state().read.contains(&format!("f:{}", fact.id)),
        "the fact pointed at is read"
    );
    assert_eq!(h.get_by_label(&fact.text).rect(), below, "nothing moved");
    for m in view.inbox.iter().filter(|m| m.new) {
        h.get_by_label(&m.title).hover();
        h.run();
    }
    assert!(
        h.query_by_label_contains("nieuw)").is_none(),
        "the count is gone"
    );
}
