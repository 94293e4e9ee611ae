//! The case screen puts the decision first (issue 11, item 3): whenever a
//! decision is open, its prompt, its deadline and every option lie inside
//! the window and inside the visible part of the middle column at 1280×800
//! with the normal text size — checked with egui_kittest on the rectangles
//! of the real widgets, not by eye. The share dialog is a modal window
//! whose four steps are visible without scrolling.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ketensim::core::answers::AnswerFile;
use ketensim::core::scenario::model::Act;
use ketensim::ui::model::CaseView;
use ketensim::ui::views::case::{CaseUiState, ShareKind, case_ui};
use ketensim::ui::views::egui;
use ketensim::ui::views::egui::accesskit::Role;
use ketensim::ui::views::theme::Settings;

use crate::common::{framed, session, window};

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// The case screen in the app's frame, at 1280×800.
fn harness(
    view: CaseView,
    state: CaseUiState,
    settings: Settings,
) -> Harness<'static, CaseUiState> {
    framed(SIZE, settings, state, move |ui, state: &mut CaseUiState| {
        let _ = case_ui(ui, &view, state);
    })
}

/// Checks that every open decision is whole and visible when it is the
/// one opened (with several open, the others show their question and a
/// button to open them, also visible); returns how many options were
/// checked.
fn check_decisions(view: &CaseView, settings: Settings, what: &str) -> usize {
    let mut checked = 0;
    for (i, d) in view.decisions.iter().enumerate() {
        // The first is open by itself; another is opened by its button.
        let mut h = harness(view.clone(), CaseUiState::default(), settings);
        h.run();
        if i > 0 {
            h.get_by_label_contains(&format!("Beslissing openen: {}", head(&d.prompt)))
                .click();
            h.run();
        }
        checked += check_open_decision(&h, view, d, settings, what);
    }
    checked
}

/// The first words of a text (enough to tell two questions apart).
fn head(text: &str) -> String {
    text.chars().take(20).collect()
}

fn check_open_decision(
    h: &Harness<'static, CaseUiState>,
    view: &CaseView,
    d: &ketensim::ui::model::DecisionView,
    settings: Settings,
    what: &str,
) -> usize {
    let what = format!("{what}, {} open", d.id);
    let win = window(h, SIZE);
    let actions = h.get_by_label("Acties").rect();
    let heading = if view.decisions.len() == 1 {
        "Beslissing".to_string()
    } else {
        format!("Beslissingen ({})", view.decisions.len())
    };
    let top = h.get_by_label(&heading).rect().max.y;
    // The middle column's visible area for decisions ends where the inbox
    // (or its tab) begins.
    let postvak = h
        .get_all_by_label_contains("Postvak (")
        .next()
        .unwrap_or_else(|| panic!("{what}: no inbox heading or tab"))
        .rect();
    let bottom = postvak.min.y;
    // The inbox stays in reach: its heading or tab lies inside the window.
    assert!(
        win.contains_rect(postvak),
        "{what}: the inbox's tab at {postvak:?} is outside {win:?}"
    );
    // Nothing of the screen lies over the settings bar.
    let bar = h.get_by_label("Tekstgrootte:").rect();
    assert!(
        bottom < bar.min.y,
        "{what}: the inbox's tab ({postvak:?}) reaches the settings bar ({bar:?}); text {}",
        settings.text_scale
    );
    let mut checked = 0;
    let visible = |r: egui::Rect| {
        win.contains_rect(r)
            && r.min.y >= top - 0.5
            && r.max.y <= bottom + 0.5
            && r.max.x <= actions.min.x
    };
    let where_ = format!(
        "window {win:?}, decision area {top}..{bottom}, actions from x={}",
        actions.min.x
    );
    // The other decisions: their question and the button that opens them.
    for other in view.decisions.iter().filter(|o| o.id != d.id) {
        let rects: Vec<egui::Rect> = h
            .get_all_by_label(&other.prompt)
            .map(|n| n.rect())
            .collect();
        assert!(
            rects.iter().any(|r| visible(*r)),
            "{what}: the folded question `{}` at {rects:?} is not visible ({where_})",
            other.prompt
        );
        let open = h
            .get_by_label_contains(&format!("Beslissing openen: {}", head(&other.prompt)))
            .rect();
        assert!(
            visible(open),
            "{what}: the button to open `{}` at {open:?} ({where_})",
            other.id
        );
        for (_, text) in &other.options {
            assert!(
                h.query_by_label(text).is_none(),
                "{what}: a folded decision's option is drawn: {text}"
            );
        }
    }
    // The prompt and the deadline: the copy in the decision's frame is
    // visible (a deadline can be shared by two decisions).
    let mut texts = vec![d.prompt.as_str()];
    texts.extend(d.deadline.as_deref());
    for text in texts {
        let rects: Vec<egui::Rect> = h.get_all_by_label(text).map(|n| n.rect()).collect();
        assert!(
            rects.iter().any(|r| visible(*r)),
            "{what}: `{text}` at {rects:?} is not visible ({where_})"
        );
    }
    // Every option button.
    for (_, text) in &d.options {
        let mut n = 0;
        for node in h.get_all_by_role_and_label(Role::Button, text) {
            let r = node.rect();
            assert!(
                visible(r),
                "{what}: option `{text}` at {r:?} is not visible ({where_})"
            );
            n += 1;
        }
        assert!(n >= 1, "{what}: option `{text}` not found");
        checked += 1;
    }
    checked
}

/// The state of the issue: the wijkagent ends the day-part three times and
/// meets the bank's report at Dag 2, ochtend.
#[test]
fn the_wijkagents_decision_on_day_two_is_whole_and_visible() {
    let (mut s, r) = session("politie");
    for _ in 0..3 {
        s.apply("politie", &Act::Advance).unwrap();
    }
    let view = CaseView::new(&s, r);
    assert_eq!(view.clock, "Dag 2, ochtend");
    assert!(!view.decisions.is_empty(), "a decision is open");
    let n = check_decisions(&view, Settings::default(), "politie, Dag 2 ochtend");
    assert!(n >= 2, "the options were checked ({n})");
}

/// Every state with an open decision that the bundled answer files reach,
/// for every playable role of every bundled case.
#[test]
fn every_open_decision_on_the_answer_paths_is_whole_and_visible() {
    open_decisions_on_the_answer_paths(Settings::default());
}

/// The same at the text size "Groot" (1.15), which a trainee with
/// reading glasses picks on a 1280×800 laptop.
#[test]
fn every_open_decision_on_the_answer_paths_is_whole_and_visible_at_groot() {
    open_decisions_on_the_answer_paths(Settings {
        text_scale: 1.15,
        ..Settings::default()
    });
}

fn open_decisions_on_the_answer_paths(settings: Settings) {
    let mut states = 0;
    // States with two decisions open at once.
    let mut several = 0;
    let mut options = 0;
    let mut files: Vec<_> = std::fs::read_dir("scenarios/answers")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut cases = std::collections::BTreeSet::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // <case>-<role>-<kind>.answers.ron, for every bundled case; the
        // group files play several roles.
        let Some(role) = name.split('-').nth(1) else {
            continue;
        };
        if !["gemeente", "politie", "zorgcoordinator", "riec"].contains(&role) {
            continue;
        }
        let answers = AnswerFile::read(&path).unwrap();
        let case = answers.answers.scenario.clone().unwrap();
        let c = std::sync::Arc::new(
            ketensim::core::scenario::load_file(std::path::Path::new(&format!(
                "scenarios/{case}.ron"
            )))
            .unwrap()
            .compiled,
        );
        let r = c.ids.roles[role];
        let mut s = ketensim::core::engine::Session::start(c, 1, &[role.into()], None).unwrap();
        cases.insert(case);
        let mut seen = std::collections::BTreeSet::new();
        for step in &answers.answers.steps {
            let view = CaseView::new(&s, r);
            let key: Vec<String> = view.decisions.iter().map(|d| d.id.clone()).collect();
            if !key.is_empty() && seen.insert((view.clock.clone(), key.clone())) {
                several += usize::from(key.len() > 1);
                options += check_decisions(
                    &view,
                    settings,
                    &format!("{name} at {} (text {})", view.clock, settings.text_scale),
                );
                states += 1;
            }
            if s.apply(role, step).is_err() {
                break;
            }
        }
    }
    assert!(
        states >= 8,
        "enough states with a decision were checked ({states})"
    );
    assert!(several >= 1, "a state with two decisions open was checked");
    assert_eq!(cases.len(), 6, "every bundled case: {cases:?}");
    println!(
        "checked {states} states with an open decision ({several} with several), {options} options"
    );
}

/// The share dialog opens as a modal window: all four steps and the
/// button to share are inside the window, without scrolling.
#[test]
fn the_share_dialog_shows_all_four_steps() {
    let (mut s, r) = session("politie");
    for _ in 0..3 {
        s.apply("politie", &Act::Advance).unwrap();
    }
    let view = CaseView::new(&s, r);
    let state = CaseUiState {
        share_open: true,
        share_kind: ShareKind::All,
        ..CaseUiState::default()
    };
    let mut h = harness(view.clone(), state, Settings::default());
    h.run();
    let win = window(&h, SIZE);
    for label in [
        "1. Welke gegevens?",
        "2. Via welk kanaal?",
        "3. Aan wie?",
        "4. Op welke grondslag?",
        "Delen",
        "Sluiten",
    ] {
        let r = h.get_by_label(label).rect();
        assert!(
            win.contains_rect(r),
            "`{label}` at {r:?} is outside {win:?}"
        );
    }
    for f in &view.dossier {
        let r = h.get_by_role_and_label(Role::CheckBox, &f.text).rect();
        assert!(
            win.contains_rect(r),
            "fact `{}` at {r:?} is outside {win:?}",
            f.id
        );
    }
    for g in &view.grounds {
        let r = h.get_by_role_and_label(Role::RadioButton, &g.name).rect();
        assert!(
            win.contains_rect(r),
            "ground `{}` at {r:?} is outside {win:?}",
            g.id
        );
    }
    // "Sluiten" closes the dialog; the choices so far stay.
    h.get_by_role_and_label(Role::CheckBox, &view.dossier[0].text)
        .click();
    h.run();
    h.get_by_label("Sluiten").click();
    h.run();
    assert!(!h.state().share_open);
    assert!(h.state().share.facts.contains(&view.dossier[0].id));
}

/// When the ketenkaart does not fit (a low window, large text, two
/// decisions open) its tab shows the map in words, inside the window and
/// above the settings bar, instead of only saying it does not fit.
#[test]
fn a_ketenkaart_that_does_not_fit_is_shown_in_words() {
    use ketensim::ui::views::case::MiddleTab;
    let (mut s, r) = session("politie");
    for _ in 0..3 {
        s.apply("politie", &Act::Advance).unwrap();
    }
    let view = CaseView::new(&s, r);
    let size = egui::vec2(1280.0, 600.0);
    let state = CaseUiState {
        middle: MiddleTab::Kaart,
        ..CaseUiState::default()
    };
    let settings = Settings {
        text_scale: 1.25,
        ..Settings::default()
    };
    let mut h = framed(size, settings, state, {
        let view = view.clone();
        move |ui, state| {
            let _ = case_ui(ui, &view, state);
        }
    });
    h.run();
    let words = h.get_by_label(&view.kaart_text).rect();
    let win = window(&h, size);
    assert!(
        words.top() < win.bottom() && words.left() >= win.left(),
        "the words start inside the window: {words:?} in {win:?}"
    );
    // Nothing of the middle column reaches under the settings bar.
    let tab = h.get_by_role_and_label(Role::Button, "Ketenkaart").rect();
    assert!(tab.bottom() <= win.bottom(), "{tab:?} in {win:?}");
    assert!(view.kaart_text.starts_with("Ketenkaart."));
}

/// The share dialog stays where it is while the trainee fills it in (it
/// used to move about 10 points when a choice changed its height).
#[test]
fn the_share_dialog_does_not_move_between_clicks() {
    let (mut s, r) = session("politie");
    for _ in 0..3 {
        s.apply("politie", &Act::Advance).unwrap();
    }
    let view = CaseView::new(&s, r);
    let state = CaseUiState {
        share_open: true,
        share_kind: ShareKind::All,
        ..CaseUiState::default()
    };
    let mut h = harness(view.clone(), state, Settings::default());
    h.run();
    let at = |h: &Harness<'_, CaseUiState>| h.get_by_label("1. Welke gegevens?").rect();
    let first = at(&h);
    h.get_by_role_and_label(Role::CheckBox, &view.dossier[0].text)
        .click();
    h.run();
    assert_eq!(at(&h), first, "after a fact");
    let channel = &view.channels[0].name;
    h.get_by_role_and_label(Role::RadioButton, channel).click();
    h.run();
    assert_eq!(at(&h), first, "after a channel");
    h.get_by_role_and_label(Role::RadioButton, &view.grounds[0].name)
        .click();
    h.run();
    assert_eq!(at(&h), first, "after a ground");
}

/// "Opnieuw spelen" (issue 19, part 4): after a whole case and its
/// debrief in the same window, the next attempt's case screen has the
/// columns of the first attempt — no narrow action column whose labels
/// break mid-word — and every action lies whole inside its column, at the
/// normal size and at "Groot".
#[test]
fn after_opnieuw_spelen_the_case_screen_has_its_first_columns() {
    use ketensim::core::eval::evaluate;
    use ketensim::ui::views::debrief::{DebriefUiState, debrief_ui};
    for settings in [
        Settings::default(),
        Settings {
            text_scale: 1.15,
            ..Settings::default()
        },
    ] {
        let (mut s, r) = session("gemeente");
        let first = CaseView::new(&s, r);
        s.run_out("gemeente");
        let ended = CaseView::new(&s, r);
        let d = evaluate(s.scenario().clone(), s.log()).unwrap();
        let debrief = DebriefUiState::new(&d);
        // Stage 0: the first attempt; 1: its end; 2: the debrief; 3: the
        // next attempt, with the case screen's state made anew (as the app
        // does when a case begins).
        let mut h = framed(
            SIZE,
            settings,
            (0usize, CaseUiState::default()),
            move |ui, (stage, state): &mut (usize, CaseUiState)| match stage {
                0 | 3 => {
                    let _ = case_ui(ui, &first, state);
                }
                1 => {
                    let _ = case_ui(ui, &ended, state);
                }
                _ => {
                    let _ = debrief_ui(ui, &d, &debrief);
                }
            },
        );
        h.run();
        let columns = |h: &Harness<'static, (usize, CaseUiState)>| {
            (
                h.get_all_by_label("Dossier").next().unwrap().rect().min.x,
                h.get_by_label("Acties").rect().min.x,
            )
        };
        let at_first = columns(&h);
        let buttons = [
            "Dagdeel afsluiten (Ctrl+Enter)",
            "Informatie delen… (Ctrl+D)",
            "Melden… (Ctrl+M)",
            "Inbrengen in casusoverleg… (Ctrl+O)",
        ];
        let widths: Vec<f32> = buttons
            .iter()
            .map(|b| h.get_by_label(b).rect().width())
            .collect();
        for stage in 1..=3 {
            h.state_mut().0 = stage;
            if stage == 3 {
                h.state_mut().1 = CaseUiState::default();
            }
            h.run();
            if stage == 2 {
                h.get_by_label_contains("Nabespreking: ");
            }
        }
        assert_eq!(columns(&h), at_first, "text {}", settings.text_scale);
        let win = window(&h, SIZE);
        let actions = h.get_by_label("Acties").rect();
        for (b, w) in buttons.iter().zip(&widths) {
            let r = h.get_by_label(b).rect();
            assert!(
                r.min.x >= actions.min.x - 0.5 && r.max.x <= win.max.x + 0.5,
                "`{b}` at {r:?} is not whole in the column from {}",
                actions.min.x
            );
            assert!(
                (r.width() - w).abs() < 0.5,
                "`{b}` is laid out as the first time"
            );
        }
    }
}

/// The small print grows with the text size (issue 19, part 4): the
/// feed's lines and an inbox item's meta line take a larger share of the
/// window at "Groot" and "Grootst" than at "Normaal".
#[test]
fn the_feed_and_the_meta_lines_grow_with_the_text_size() {
    let (mut s, r) = session("politie");
    for _ in 0..3 {
        s.apply("politie", &Act::Advance).unwrap();
    }
    let view = CaseView::new(&s, r);
    let feed = view.feed.last().unwrap().clone();
    let meta = {
        let m = &view.inbox[0];
        format!("{} · {} · {}", m.kind, m.from, m.at)
    };
    // A line's height as a share of the window's height.
    let share = |scale: f32| {
        let settings = Settings {
            text_scale: scale,
            ..Settings::default()
        };
        let mut h = harness(view.clone(), CaseUiState::default(), settings);
        h.run();
        let win = SIZE.y / h.ctx.zoom_factor();
        let f = h.get_by_label(&feed).rect();
        let m = h.get_all_by_label(&meta).next().unwrap().rect();
        // The line height of one line of small print (the rects may hold
        // several wrapped lines: divide by their count at this width).
        let line = |r: egui::Rect, text: &str| {
            let lines = h.ctx.fonts_mut(|fonts| {
                fonts
                    .layout(
                        text.to_string(),
                        egui::FontId::proportional(12.0),
                        egui::Color32::BLACK,
                        r.width() + 1.0,
                    )
                    .rows
                    .len()
            });
            r.height() / lines as f32
        };
        (line(f, &feed) / win, line(m, &meta) / win)
    };
    let (f1, m1) = share(1.0);
    for scale in [1.15, 1.5] {
        let (f, m) = share(scale);
        let want = scale * 0.98;
        assert!(f / f1 >= want, "feed at {scale}: {:.3}", f / f1);
        assert!(m / m1 >= want, "meta line at {scale}: {:.3}", m / m1);
    }
}
