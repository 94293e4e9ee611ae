//! The start screen for a library of many cases, and where the learning
//! goals and the legal categories show (issue 17, parts 2 and 3), driven
//! with egui_kittest (no window, no GPU):
//! - seven compact cards at 1280×800 show every title, inside the window
//!   and without overlap (also at 1920×1080, with the saved sessions in a
//!   column beside them; the larger text sizes are looked at in the
//!   screenshots: the harness does not apply egui's zoom to the layout);
//! - the filters by form and by role narrow the cards;
//! - the saved sessions are listed newest first and filter by case;
//! - no briefing and no card shows a learning goal, for every role of every
//!   scenario in `scenarios/`; the debrief (self-study and group) does;
//! - the dossier shows a fact's legal category only when the session's
//!   hints are on, and the setup has them off by default.

use std::path::PathBuf;
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ketensim::core::engine::{Seat, Session};
use ketensim::core::eval::evaluate;
use ketensim::core::eval::group::group_debrief;
use ketensim::core::scenario::{Compiled, load_file};
use ketensim::ui::model::{BriefingView, CaseView, LibraryCard, SavedCard, ScenarioCard};
use ketensim::ui::views::briefing::briefing_ui;
use ketensim::ui::views::case::{CaseUiState, case_ui};
use ketensim::ui::views::debrief::{DebriefUiState, LEARNING_GOALS_HEADING, debrief_ui};
use ketensim::ui::views::egui;
use ketensim::ui::views::egui::accesskit::Role;
use ketensim::ui::views::group::{GroupUiState, group_debrief_ui};
use ketensim::ui::views::setup::{HINTS_LABEL, Mode, SetupAction, SetupState, setup_ui};
use ketensim::ui::views::start::{StartAction, StartTab, StartUiState, start_ui};
use ketensim::ui::views::theme::Settings;

use crate::common::{SEM, framed, saved_card, sem, window};

/// Every scenario in `scenarios/` that loads (others are being written
/// or are broken; `check` reports those). The bundled case always loads.
fn library() -> Vec<(PathBuf, Arc<Compiled>)> {
    let (files, _) = ketensim::cli::check::collect(&[PathBuf::from("scenarios")]);
    let loaded: Vec<(PathBuf, Arc<Compiled>)> = files
        .into_iter()
        .filter_map(|f| {
            let c = load_file(&f).ok()?.compiled;
            Some((f, Arc::new(c)))
        })
        .collect();
    assert!(
        loaded
            .iter()
            .any(|(_, c)| c.scenario.id == "criminele-uitbuiting-sem"),
        "the bundled case loads"
    );
    loaded
}

fn role(id: &str, name: &str, org: &str) -> (String, String, String) {
    (id.into(), name.into(), org.into())
}

/// Seven cards as a library of many cases gives them: the bundled case,
/// and six more with long titles, other forms and other roles.
fn seven_cards() -> Vec<LibraryCard> {
    let base = ScenarioCard::new(SEM, &sem());
    let core = base.roles.clone();
    let mut with_nla = core.clone();
    with_nla.push(role("nla", "Inspecteur", "Nederlandse Arbeidsinspectie"));
    let variant = |id: &str,
                   title: &str,
                   forms: &[&str],
                   minutes: u32,
                   roles: &[(String, String, String)]| {
        LibraryCard::Scenario(ScenarioCard {
            id: id.into(),
            file: format!("scenarios/{id}.ron"),
            title: title.into(),
            summary: format!("Beginsituatie van {title}."),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            duration_minutes: minutes,
            roles: roles.to_vec(),
        })
    };
    vec![
        LibraryCard::Scenario(base.clone()),
        variant(
            "arbeid-havenweg",
            "Uitzendkrachten aan de Havenweg: arbeidsuitbuiting achter een uitzendbureau",
            &["arbeidsuitbuiting"],
            50,
            &with_nla,
        ),
        variant(
            "loverboy-lisa",
            "Lisa (16): een 'loverboy', signalen uit een hotel en de meldcode",
            &["seksuele uitbuiting"],
            45,
            &core,
        ),
        variant(
            "prostitutie-elena",
            "Elena: een buitenlandse vrouw in onvergunde prostitutie en de bedenktijd",
            &["seksuele uitbuiting"],
            40,
            &core,
        ),
        variant(
            "geldezel-kevin",
            "Kevin (24): geldezel met een licht verstandelijke beperking",
            &["criminele uitbuiting"],
            55,
            &core,
        ),
        variant(
            "huwelijk-amira",
            "Amira (19): een gedwongen huwelijk en een verdwenen paspoort",
            &["overige uitbuiting"],
            35,
            &core[..3],
        ),
        variant(
            "pand-kanaalstraat",
            "Twee adressen, één eigenaar: arbeids- en criminele uitbuiting in een pand aan de Kanaalstraat",
            &["arbeidsuitbuiting", "criminele uitbuiting"],
            60,
            &with_nla,
        ),
    ]
}

fn titles(cards: &[LibraryCard]) -> Vec<String> {
    cards
        .iter()
        .filter_map(|c| match c {
            LibraryCard::Scenario(s) => Some(s.title.clone()),
            LibraryCard::Broken { .. } => None,
        })
        .collect()
}

/// Saved sessions of three cases, not in time order.
fn saved_sessions(cards: &[LibraryCard]) -> Vec<SavedCard> {
    let t = titles(cards);
    vec![
        saved_card(
            "loverboy-lisa",
            &t[2],
            "Noor Visser",
            "2026-12-01 10:00 UTC",
        ),
        saved_card(
            "criminele-uitbuiting-sem",
            &t[0],
            "Daan de Wit",
            "2026-12-03 16:22 UTC",
        ),
        saved_card(
            "arbeid-havenweg",
            &t[1],
            "Tafel 1, Tafel 2",
            "2026-11-28 09:15 UTC",
        ),
        saved_card(
            "criminele-uitbuiting-sem",
            &t[0],
            "Sanne Bakker",
            "2026-12-02 14:05 UTC",
        ),
        saved_card(
            "loverboy-lisa",
            &t[2],
            "Joris Mulder",
            "2026-12-04 08:30 UTC",
        ),
    ]
}

type StartState = (StartUiState, Option<StartAction>);

/// The start screen in the app's frame (in the central panel).
fn start_harness(
    size: egui::Vec2,
    settings: Settings,
    cards: Vec<LibraryCard>,
    saved: Vec<SavedCard>,
) -> Harness<'static, StartState> {
    framed(
        size,
        settings,
        (StartUiState::default(), None),
        move |ui, state: &mut StartState| {
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(a) = start_ui(ui, &cards, &saved, false, &mut state.0) {
                    state.1 = Some(a);
                }
            });
        },
    )
}

fn overlap(a: egui::Rect, b: egui::Rect) -> bool {
    let i = a.intersect(b);
    i.width() > 0.5 && i.height() > 0.5
}

/// The rectangles of every text a card shows (title, forms and duration,
/// roles, attempts), per card.
fn card_texts(h: &Harness<'_, StartState>, cards: &[LibraryCard]) -> Vec<(String, egui::Rect)> {
    let mut out = Vec::new();
    for c in cards {
        let LibraryCard::Scenario(s) = c else {
            continue;
        };
        let title = h.get_by_role_and_label(Role::Button, &s.title).rect();
        out.push((s.title.clone(), title));
    }
    // Lines that several cards may share (forms and duration, roles):
    // every node of each distinct line once.
    let mut shared: Vec<String> = Vec::new();
    for c in cards {
        let LibraryCard::Scenario(s) = c else {
            continue;
        };
        let mut facts = s.forms.clone();
        facts.push(format!("ongeveer {} minuten", s.duration_minutes));
        for line in [
            facts.join(" · "),
            format!("Rollen: {}", s.role_labels().join(", ")),
        ] {
            if !shared.contains(&line) {
                shared.push(line);
            }
        }
    }
    for line in shared {
        for node in h.get_all_by_label(&line) {
            out.push((line.clone(), node.rect()));
        }
    }
    for node in h.query_all_by_label_contains("opgeslagen poging") {
        out.push(("pogingen".into(), node.rect()));
    }
    for node in h.query_all_by_label("nog niet gespeeld") {
        out.push(("nog niet gespeeld".into(), node.rect()));
    }
    out
}

fn assert_no_overlap(texts: &[(String, egui::Rect)], what: &str) {
    for (i, (a, ra)) in texts.iter().enumerate() {
        for (b, rb) in &texts[i + 1..] {
            assert!(
                !overlap(*ra, *rb),
                "{what}: `{a}` at {ra:?} overlaps `{b}` at {rb:?}"
            );
        }
    }
}

#[test]
fn seven_cards_at_1280x800_show_every_title_inside_the_window_without_overlap() {
    let cards = seven_cards();
    let size = egui::vec2(1280.0, 800.0);
    let saved = saved_sessions(&cards);
    let mut h = start_harness(size, Settings::default(), cards.clone(), saved);
    h.run();
    let win = window(&h, size);
    let texts = card_texts(&h, &cards);
    assert!(
        texts.len() >= 7 * 4,
        "every card's lines were found ({})",
        texts.len()
    );
    for (text, r) in &texts {
        assert!(
            win.contains_rect(*r),
            "`{text}` at {r:?} is not wholly inside the window {win:?}"
        );
    }
    assert_no_overlap(&texts, "1280×800");
    // The filters and the tabs are inside the window too.
    for label in [
        "Alle vormen",
        "Alle rollen",
        "Casussen (7)",
        "Opgeslagen sessies (5)",
    ] {
        let r = h.get_by_label(label).rect();
        assert!(win.contains_rect(r), "`{label}` at {r:?} outside {win:?}");
    }
    // The cards are laid out in columns, not one long list.
    let lefts: std::collections::BTreeSet<i32> = titles(&cards)
        .iter()
        .map(|t| h.get_by_role_and_label(Role::Button, t).rect().min.x as i32)
        .collect();
    assert!(lefts.len() >= 2, "cards side by side ({lefts:?})");
}

#[test]
fn at_1920x1080_the_cards_and_the_saved_sessions_show_side_by_side() {
    let cards = seven_cards();
    let size = egui::vec2(1920.0, 1080.0);
    let saved = saved_sessions(&cards);
    let mut h = start_harness(size, Settings::default(), cards.clone(), saved.clone());
    h.run();
    let win = window(&h, size);
    let texts = card_texts(&h, &cards);
    for (text, r) in &texts {
        assert!(win.contains_rect(*r), "`{text}` at {r:?} outside {win:?}");
    }
    assert_no_overlap(&texts, "1920×1080");
    // No tabs: every saved session is visible beside the cards.
    assert!(h.query_by_label("Casussen (7)").is_some());
    let right_of_cards = texts.iter().map(|(_, r)| r.max.x).fold(0.0, f32::max);
    for s in &saved {
        let r = h.get_by_label(&s.names).rect();
        assert!(
            win.contains_rect(r),
            "`{}` at {r:?} outside {win:?}",
            s.names
        );
        assert!(
            r.min.x > right_of_cards,
            "the saved list is a column to the right"
        );
    }
}

#[test]
fn the_filters_narrow_the_cards() {
    let cards = seven_cards();
    let all = titles(&cards);
    let size = egui::vec2(1280.0, 800.0);
    let mut h = start_harness(size, Settings::default(), cards.clone(), Vec::new());
    h.run();
    let shown = |h: &Harness<'_, StartState>| -> Vec<String> {
        all.iter()
            .filter(|t| h.query_by_role_and_label(Role::Button, t).is_some())
            .cloned()
            .collect()
    };
    assert_eq!(shown(&h), all);
    // By form: the two cases about labour exploitation.
    h.get_by_label("arbeidsuitbuiting").click();
    h.run();
    assert_eq!(shown(&h), vec![all[1].clone(), all[6].clone()]);
    h.get_by_label("2 van de 7 casussen passen bij de filters.");
    // Another form: the forced marriage, which has no playable RIEC; with
    // the role filter on the RIEC as well, nothing is left.
    h.get_by_label("overige uitbuiting").click();
    h.run();
    assert_eq!(shown(&h), vec![all[5].clone()]);
    h.get_by_label("RIEC").click();
    h.run();
    assert!(shown(&h).is_empty());
    h.get_by_label("Geen casus past bij deze filters.");
    h.get_by_label("Filters wissen").click();
    h.run();
    assert_eq!(shown(&h), all);
    // By role alone: the Arbeidsinspectie plays in two cases.
    h.get_by_label("Inspecteur").click();
    h.run();
    assert_eq!(shown(&h), vec![all[1].clone(), all[6].clone()]);
    h.get_by_label("Alle rollen").click();
    h.run();
    assert_eq!(shown(&h), all);
}

#[test]
fn the_saved_sessions_are_newest_first_and_filter_by_case() {
    let cards = seven_cards();
    let t = titles(&cards);
    let saved = saved_sessions(&cards);
    let size = egui::vec2(1280.0, 800.0);
    let mut h = start_harness(size, Settings::default(), cards.clone(), saved.clone());
    h.run();
    // Each card counts its saved attempts.
    assert_eq!(h.query_all_by_label("2 opgeslagen pogingen").count(), 2);
    assert_eq!(h.query_all_by_label("1 opgeslagen poging").count(), 1);
    assert_eq!(h.query_all_by_label("nog niet gespeeld").count(), 4);
    h.get_by_label("Opgeslagen sessies (5)").click();
    h.run();
    assert_eq!(h.state().0.tab, StartTab::Saved);
    let order = |h: &Harness<'_, StartState>| -> Vec<String> {
        let mut found: Vec<(f32, String)> = saved
            .iter()
            .filter_map(|s| {
                let node = h.query_by_label(&s.names)?;
                Some((node.rect().min.y, s.names.clone()))
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0));
        found.into_iter().map(|(_, n)| n).collect()
    };
    assert_eq!(
        order(&h),
        [
            "Joris Mulder",
            "Daan de Wit",
            "Sanne Bakker",
            "Noor Visser",
            "Tafel 1, Tafel 2"
        ]
    );
    // The filter by case, through the drop-down.
    h.get_by_role(Role::ComboBox).click();
    h.run();
    h.get_by_role_and_label(Role::Button, &t[0]).click();
    h.run();
    assert_eq!(
        h.state().0.saved_case.as_deref(),
        Some("criminele-uitbuiting-sem")
    );
    assert_eq!(order(&h), ["Daan de Wit", "Sanne Bakker"]);
    // Back on the cases, a card's count opens its saved sessions.
    h.get_by_label("Casussen (7)").click();
    h.run();
    // Only Lisa's card has exactly these two attempts left to click after
    // the Sem card: click the second "2 opgeslagen pogingen" (Lisa, card 3).
    h.get_all_by_label("2 opgeslagen pogingen")
        .nth(1)
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().0.tab, StartTab::Saved);
    assert_eq!(h.state().0.saved_case.as_deref(), Some("loverboy-lisa"));
    assert_eq!(order(&h), ["Joris Mulder", "Noor Visser"]);
    // And a resume points at the session in the given list.
    h.get_all_by_label("Nabespreking openen")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().1, Some(StartAction::Resume(4)));
}

/// Every label and button text on the screen (a label keeps its text in
/// the AccessKit value, other widgets in the label).
fn all_texts<S>(h: &Harness<'_, S>) -> Vec<String> {
    h.query_all_by(|_| true)
        .filter_map(|n| {
            let n = n.accesskit_node();
            if n.role() == Role::Label {
                n.value()
            } else {
                n.label()
            }
        })
        .collect()
}

/// Whether any text on the screen contains `needle` (or the first 60
/// characters of it, for a text egui split over several labels).
fn shows<S>(h: &Harness<'_, S>, needle: &str) -> bool {
    let head: String = needle.chars().take(60).collect();
    all_texts(h)
        .iter()
        .any(|t| t.contains(needle) || t.contains(&head))
}

#[test]
fn no_card_and_no_briefing_shows_a_learning_goal() {
    let mut checked = 0;
    for (file, c) in library() {
        let goals = &c.scenario.learning_goals;
        let card = ScenarioCard::new(&file.display().to_string(), &c);
        // The card and its opened description.
        let cards = vec![LibraryCard::Scenario(card.clone())];
        let mut h = start_harness(
            egui::vec2(1280.0, 800.0),
            Settings::default(),
            cards,
            Vec::new(),
        );
        h.run();
        h.get_by_role_and_label(Role::Button, &card.title).click();
        h.run();
        h.get_by_label("Kies deze casus");
        // The description shows the starting situation (the texts are
        // read), and no learning goal.
        assert!(shows(&h, &card.summary), "{}: the summary", c.scenario.id);
        for g in goals {
            assert!(
                !shows(&h, g),
                "{}: the card shows the learning goal `{g}`",
                c.scenario.id
            );
        }
        assert!(
            !shows(&h, "Leerdoelen"),
            "{}: no learning goals on the card",
            c.scenario.id
        );
        // Every playable role's briefing.
        for (r, role) in c.scenario.roles.iter().enumerate() {
            if !role.playable {
                continue;
            }
            let view = BriefingView::new(&c, r);
            let mut h = Harness::builder()
                .with_size(egui::vec2(1280.0, 4000.0))
                .build_ui(|ui| {
                    briefing_ui(ui, &view);
                });
            h.run();
            // The role's own briefing is there…
            assert!(
                shows(&h, &role.briefing),
                "{}/{}: the briefing is not among {:?}",
                c.scenario.id,
                role.id,
                all_texts(&h)
            );
            for g in goals {
                assert!(
                    !shows(&h, g),
                    "{}/{}: the briefing shows the learning goal `{g}`",
                    c.scenario.id,
                    role.id
                );
            }
            assert!(!shows(&h, "Leerdoelen"), "{}/{}", c.scenario.id, role.id);
            checked += 1;
        }
    }
    assert!(
        checked >= 4,
        "every playable role of every scenario ({checked})"
    );
}

#[test]
fn the_debrief_shows_the_learning_goals() {
    let mut checked = 0;
    for (_, c) in library() {
        let goals = c.scenario.learning_goals.clone();
        let role = c
            .scenario
            .roles
            .iter()
            .find(|r| r.playable)
            .unwrap()
            .id
            .clone();
        let mut s = Session::start(c.clone(), 1, std::slice::from_ref(&role), None).unwrap();
        s.run_out(&role);
        let mut d = evaluate(c.clone(), s.log()).unwrap();
        assert_eq!(d.scenario.learning_goals, goals, "{}", c.scenario.id);
        let state = DebriefUiState::default();
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 20000.0))
            .build_ui(|ui| {
                debrief_ui(ui, &d, &state);
            });
        h.run();
        if !goals.is_empty() {
            h.get_by_label(LEARNING_GOALS_HEADING);
            checked += 1;
        }
        for g in &goals {
            h.get_by_label(&format!("• {g}"));
        }
        drop(h);
        // A scenario without goals has no heading.
        d.scenario.learning_goals.clear();
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 20000.0))
            .build_ui(|ui| {
                debrief_ui(ui, &d, &state);
            });
        h.run();
        assert!(h.query_by_label(LEARNING_GOALS_HEADING).is_none());
    }
    assert!(checked >= 1);
}

#[test]
fn the_group_debrief_shows_the_learning_goals() {
    let c = sem();
    let goals = c.scenario.learning_goals.clone();
    assert!(!goals.is_empty());
    let seats = vec![
        Seat {
            role: "gemeente".into(),
            person: Some("Tafel 1".into()),
        },
        Seat {
            role: "politie".into(),
            person: Some("Tafel 2".into()),
        },
    ];
    let mut s = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    for _ in 0..64 {
        if s.state().ended() {
            break;
        }
        s.end_part_for_all().unwrap();
    }
    assert!(s.state().ended());
    let g = group_debrief(c.clone(), s.log(), None).unwrap();
    let state = GroupUiState::default();
    // On a projector (1920 wide) the goals are open beside the scores.
    let h = Harness::builder()
        .with_size(egui::vec2(1920.0, 20000.0))
        .build_ui(|ui| {
            group_debrief_ui(ui, &g, &state);
        });
    h.get_by_label(LEARNING_GOALS_HEADING);
    for goal in &goals {
        h.get_by_label(&format!("• {goal}"));
    }
    // On a laptop (1280 wide) they start folded, so the scores and the
    // chart are in sight; one click opens them.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 20000.0))
        .build_ui(|ui| {
            group_debrief_ui(ui, &g, &state);
        });
    h.run();
    assert!(
        h.query_by_label(&format!("• {}", goals[0])).is_none(),
        "folded"
    );
    h.get_by_label(LEARNING_GOALS_HEADING).click();
    h.run();
    for goal in &goals {
        h.get_by_label(&format!("• {goal}"));
    }
}

/// The case screen of `view` (tall enough for the whole dossier).
fn case_harness(view: &CaseView) -> Harness<'_, CaseUiState> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 6000.0))
        .build_ui_state(
            |ui, state: &mut CaseUiState| {
                let _ = case_ui(ui, view, state);
            },
            CaseUiState::default(),
        );
    h.run();
    h
}

#[test]
fn the_dossier_shows_legal_categories_only_with_hints_on() {
    let c = sem();
    let r = c.ids.roles["zorgcoordinator"];
    let mut s = Session::start(c.clone(), 1, &["zorgcoordinator".into()], None).unwrap();
    assert!(!s.hints(), "hints are off by default");
    let off = CaseView::new(&s, r);
    assert!(!off.dossier.is_empty());
    {
        let h = case_harness(&off);
        for f in &off.dossier {
            assert_eq!(f.category, "", "{}: no category without hints", f.id);
            // "<when> · <via>", not " · <when> · <via>".
            let line = [f.learned.as_str(), f.via.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            assert!(
                h.query_all_by_label(&line).count() >= 1,
                "{}: `{line}`",
                f.id
            );
        }
        for t in all_texts(&h) {
            assert!(
                !t.starts_with(" ·") && !t.starts_with("· "),
                "an empty category: `{t}`"
            );
        }
    }
    s.set_hints(true);
    let on = CaseView::new(&s, r);
    let h = case_harness(&on);
    let mut special = 0;
    for f in &on.dossier {
        assert!(
            f.category.ends_with("gegeven"),
            "{}: `{}`",
            f.id,
            f.category
        );
        special += usize::from(f.category.contains("bijzonder persoonsgegeven"));
        let line = format!("{} · {} · {}", f.category, f.learned, f.via);
        let line = line.trim_end_matches(" · ");
        assert!(
            h.query_all_by_label(line).count() >= 1,
            "{}: `{line}`",
            f.id
        );
    }
    assert!(
        special > 0,
        "the zorgcoordinator holds special-category data"
    );
}

#[test]
fn the_setup_has_hints_off_by_default_and_passes_the_choice_on() {
    let c = sem();
    let card = ScenarioCard::new(SEM, &c);
    let gemeente = c
        .scenario
        .roles
        .iter()
        .find(|r| r.id == "gemeente")
        .unwrap();
    let role_label = format!("{} — {}", gemeente.name, gemeente.organisation);
    for (mode, on) in [
        (Mode::Zelfstudie, false),
        (Mode::Zelfstudie, true),
        (Mode::Trainingsdag, true),
    ] {
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
        assert!(!h.state().0.hints);
        if mode == Mode::Trainingsdag {
            h.get_by_label("Trainingsdag").click();
            h.run();
        }
        h.get_by_label(&role_label).click();
        h.run();
        if on {
            h.get_by_label(HINTS_LABEL).click();
            h.run();
        }
        h.get_by_label("Naar de briefing").click();
        h.run();
        let hints = match h.state().1.clone() {
            Some(SetupAction::Start { hints, .. }) => hints,
            Some(SetupAction::StartDay { hints, .. }) => hints,
            other => panic!("{mode:?}: {other:?}"),
        };
        assert_eq!(hints, on, "{mode:?}");
    }
}

/// On a projector (1920×1080) the group debrief uses the width: the
/// scores stand beside the outcome, and the chain timeline's chart spans
/// the window under them; at 1280 they stack. The chart is built once
/// with the debrief, and the same facts are there in words.
#[test]
fn the_group_debrief_uses_a_projectors_width_with_the_chart_under_the_scores() {
    use ketensim::core::eval::chart::Chart;
    let c = sem();
    let seats: Vec<Seat> = ["gemeente", "politie", "zorgcoordinator"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: None,
        })
        .collect();
    let mut s = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    for _ in 0..64 {
        if s.state().ended() {
            break;
        }
        s.end_part_for_all().unwrap();
    }
    let g = group_debrief(c.clone(), s.log(), None).unwrap();
    let state = GroupUiState::new(&g);
    assert_eq!(state.chart.as_ref(), Some(&Chart::of_group(&g)));
    for (w, side_by_side) in [(1920.0, true), (1280.0, false)] {
        let h = Harness::builder()
            .with_size(egui::vec2(w, 3000.0))
            .build_ui(|ui| {
                group_debrief_ui(ui, &g, &state);
            });
        let outcome = h.get_by_label_contains("Uitkomst:").rect();
        let scores = h.get_by_label("Scores per rol").rect();
        let chart = h.get_by_label("Ketentijdlijn").rect();
        if side_by_side {
            assert!(scores.left() > w * 0.45, "{w}: scores beside ({scores:?})");
            assert!(
                scores.top() < outcome.bottom() + 40.0,
                "{w}: level with the outcome"
            );
        } else {
            assert!(
                scores.top() > outcome.bottom(),
                "{w}: scores under the outcome"
            );
        }
        assert!(
            chart.top() > scores.bottom(),
            "{w}: the chart under the scores"
        );
        h.get_by_label("De ketentijdlijn in woorden, per beeld en per signaal");
    }
}
