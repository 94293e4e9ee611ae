//! The case editor driven as an author would (issue 20's acceptance):
//! open the bundled case, change a fact's text and an inject's time, add
//! a decision option and fill it in, save; the file's diff holds only
//! those changes and every comment; `check --strict` stays clean; "Speel
//! vanaf hier" on the new option opens the case at its decision.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ketensim::app::flow::Screen;
use ketensim::app::screens::EditorScreen;
use ketensim::app::state::{DataDir, Library, Playing};
use ketensim::ui::views::editor::editor_ui;
use ketensim::ui::views::egui;
use ketensim::ui::views::egui::accesskit::Role;
use ketensim::ui::views::theme::Settings;

use crate::common::framed;
use crate::diff::changed_lines;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const SEM: &str = "criminele-uitbuiting-sem";

/// The editor with what its actions need.
struct Editing {
    screen: EditorScreen,
    library: Library,
    data: DataDir,
    playing: Playing,
    went: Option<Screen>,
}

/// A library folder with the bundled case and its answers, to edit.
fn folder(dir: &Path) -> PathBuf {
    let folder = dir.join("casussen");
    std::fs::create_dir_all(folder.join("answers")).unwrap();
    std::fs::copy(
        format!("scenarios/{SEM}.ron"),
        folder.join(format!("{SEM}.ron")),
    )
    .unwrap();
    for e in std::fs::read_dir("scenarios/answers").unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("sem-") {
            std::fs::copy(&p, folder.join("answers").join(name)).unwrap();
        }
    }
    folder
}

fn harness(editing: Editing) -> Harness<'static, Editing> {
    framed(SIZE, Settings::default(), editing, |ui, e: &mut Editing| {
        if let Some(a) = editor_ui(ui, &e.screen.view, &mut e.screen.ui) {
            let to = e.screen.apply(a, &e.library, &e.data, &mut e.playing);
            e.went = to.or(e.went);
        }
    })
}

/// Clicks the outline entry of `id` (opening its list first).
fn select(h: &mut Harness<'static, Editing>, list_label: &str, id: &str) {
    if h.query_all_by_label_contains(&format!("{id} — "))
        .next()
        .is_none()
    {
        // Close the open list (a long one pushes the others out of
        // sight), then open this one.
        let open = h.state().screen.ui.selected.first().map(|(l, _)| l.clone());
        if let Some(open) = open {
            let label = ketensim::core::authoring::form::LISTS
                .iter()
                .find(|(l, _)| *l == open)
                .unwrap()
                .1;
            h.get_by_label_contains(&format!("{label} (")).click();
            h.run();
        }
        h.get_by_label_contains(&format!("{list_label} (")).click();
        h.run();
    }
    h.get_all_by_label_contains(&format!("{id} — "))
        .next()
        .unwrap_or_else(|| panic!("{id} in the outline"))
        .click();
    h.run();
}

/// The text field (one line or several) named `label`.
fn text_field<'h>(h: &'h Harness<'static, Editing>, label: &str) -> egui_kittest::Node<'h> {
    let label = label.to_string();
    h.get_all_by(move |n| {
        matches!(n.role(), Role::TextInput | Role::MultilineTextInput)
            && n.label().as_deref() == Some(label.as_str())
    })
    .next()
    .expect("a text field with that name")
}

/// Replaces what the field named `label` holds with `text`: select all,
/// then type.
fn type_into(h: &mut Harness<'static, Editing>, label: &str, text: &str) {
    text_field(h, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    text_field(h, label).type_text(text);
    h.run();
}

#[test]
fn an_author_edits_saves_and_plays_from_the_new_option() {
    let dir = std::env::temp_dir().join(format!("ketensim-editor-{}", std::process::id()));
    let folder = folder(&dir);
    let file = folder.join(format!("{SEM}.ron"));
    let original = std::fs::read_to_string(&file).unwrap();
    let library = Library::read(&folder);
    let index = library
        .entries
        .iter()
        .position(|e| e.scenario.is_some())
        .unwrap();
    let screen = EditorScreen::open(&library, index).unwrap();
    let s = screen.doc.as_ref().unwrap().scenario().clone();
    let data = DataDir(dir.join("data"));
    let mut h = harness(Editing {
        screen,
        library,
        data,
        playing: Playing::default(),
        went: None,
    });
    h.run();
    assert!(
        h.state().screen.view.problems.iter().all(|p| !p.error),
        "the bundled case opens without errors"
    );

    // 1. A fact's text.
    let fact = &s.facts[2];
    select(&mut h, "Feiten", &fact.id);
    type_into(
        &mut h,
        "Tekst",
        &format!("{} Dat zegt ook de buurvrouw.", fact.text),
    );
    let edited = h.state().screen.doc.as_ref().unwrap().scenario().facts[2]
        .text
        .clone();
    assert_eq!(edited, format!("{} Dat zegt ook de buurvrouw.", fact.text));

    // 2. An inject's time: one day later, with the day picker.
    let inject = s.injects.iter().find(|i| i.at.is_some()).unwrap();
    let at = inject.at.clone().unwrap();
    select(&mut h, "Injects", &inject.id);
    h.get_by_label(&format!("Moment: dag {}", at.day)).click();
    h.run();
    h.get_all_by_label(&format!("Dag {}", at.day + 1))
        .last()
        .unwrap()
        .click();
    h.run();
    let moved = h
        .state()
        .screen
        .doc
        .as_ref()
        .unwrap()
        .scenario()
        .injects
        .iter()
        .find(|i| i.id == inject.id)
        .unwrap()
        .at
        .clone()
        .unwrap();
    assert_eq!(moved.day, at.day + 1);

    // 3. A new option for the first decision, filled in.
    let decision = &s.decisions[0];
    select(&mut h, "Beslissingen", &decision.id);
    h.get_by_label(&format!("Optie toevoegen aan {}", decision.id))
        .click();
    h.run();
    let new_id = h.state().screen.ui.selected.last().unwrap().1.clone();
    assert_eq!(new_id, "o_nieuwe_optie");
    type_into(
        &mut h,
        "Tekst",
        "Eerst de aandachtsfunctionaris bellen en pas daarna met Sem praten.",
    );
    type_into(
        &mut h,
        "Terugkoppeling",
        "Kan, maar het gesprek met Sem en zijn moeder wacht dan.",
    );
    type_into(&mut h, "Bron (wet, richtlijn)", "Meldcode, stap 2");
    // A made id can take its text's words (not clicked here: the test
    // keeps `o_nieuwe_optie`).
    h.get_by_label_contains("Id uit de titel: o_eerst_de_aandachts");
    assert!(
        h.state().screen.view.problems.iter().all(|p| !p.error),
        "{:?}",
        h.state().screen.view.problems
    );

    // Save.
    h.get_by_label("Opslaan (Ctrl+S)").click();
    h.run();
    assert!(
        !h.state().screen.view.dirty,
        "{:?}",
        h.state().screen.ui.message
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    let (gone, added) = changed_lines(&original, &saved);
    // The fact's text and the inject's time.
    assert_eq!(gone.len(), 2, "{gone:#?}");
    assert!(gone.iter().any(|l| l.contains("at: (day:")));
    assert!(
        added
            .iter()
            .any(|l| l.contains("Dat zegt ook de buurvrouw."))
    );
    assert!(
        added
            .iter()
            .any(|l| l.contains(&format!("day: {}", at.day + 1)))
    );
    // The option: its own lines.
    assert!(added.iter().any(|l| l.contains("id: \"o_nieuwe_optie\"")));
    assert!(added.iter().all(|l| !l.trim_start().starts_with("//")));
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .count()
    };
    assert_eq!(comments(&saved), comments(&original), "every comment stays");
    // check --strict: no errors and no warnings.
    let (diags, files, _) = ketensim::cli::check::check_with(std::slice::from_ref(&file), false);
    assert_eq!(files, 1);
    assert!(diags.0.is_empty(), "{}", diags);

    // "Speel vanaf hier" on the new option: the case at its decision.
    select(&mut h, "Beslissingen", &decision.id);
    h.get_all_by_label_contains("o_nieuwe_optie — ")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Speel vanaf hier").click();
    h.run();
    assert_eq!(
        h.state().went,
        Some(Screen::Case),
        "{:?}",
        h.state().screen.ui.message
    );
    let play = h.state().playing.0.as_ref().unwrap();
    assert!(play.playtest);
    assert_eq!(play.role_id, decision.role);
    let session = play.session();
    let d = session.scenario().ids.decisions[&decision.id];
    assert!(
        session
            .menu(play.role)
            .decisions
            .iter()
            .any(|(x, options)| *x == d && options.len() == decision.options.len() + 1),
        "the decision is open, with the new option"
    );

    // Back in the editor: the playtest is remembered beside the case and
    // replayed on it; "Bewaar als testplan" puts its route in the test
    // plan, which check then plays.
    h.run();
    let line = h.state().screen.view.playtest.clone().unwrap();
    assert!(line.contains("speelt nog steeds tot daar"), "{line}");
    assert!(folder.join(format!("{SEM}.editor.ron")).exists());
    h.get_by_label("Bewaar als testplan").click();
    h.run();
    let plan = std::fs::read_to_string(folder.join(format!("{SEM}.tests.ron"))).unwrap();
    assert!(plan.contains("proefspel 1"), "{plan}");
    let (diags, _, cases) = ketensim::cli::check::check_with(std::slice::from_ref(&file), false);
    assert!(cases >= 1, "the new test case is played");
    assert!(diags.0.is_empty(), "{}", diags);
    std::fs::remove_dir_all(&dir).ok();
}

/// A field written as RON (an inject's condition): an empty one shows as
/// empty, a text that does not read stays a draft with the reader's
/// message and changes nothing, and one that reads is applied.
#[test]
fn a_ron_field_is_checked_as_you_type() {
    let dir = std::env::temp_dir().join(format!("ketensim-ronfield-{}", std::process::id()));
    let folder = folder(&dir);
    let library = Library::read(&folder);
    let screen = EditorScreen::open(&library, 0).unwrap();
    let s = screen.doc.as_ref().unwrap().scenario().clone();
    let inject = s.injects.iter().find(|i| i.when.is_none()).unwrap().clone();
    let fact = s
        .facts
        .iter()
        .find(|f| f.known_by.contains(&"gemeente".to_string()))
        .unwrap()
        .id
        .clone();
    let mut h = harness(Editing {
        screen,
        library,
        data: DataDir(dir.join("data")),
        playing: Playing::default(),
        went: None,
    });
    h.run();
    select(&mut h, "Injects", &inject.id);
    assert_eq!(
        text_field(&h, "Voorwaarde (RON)")
            .accesskit_node()
            .value()
            .as_deref(),
        Some(""),
        "empty, not `None`"
    );
    type_into(&mut h, "Voorwaarde (RON)", "Knows(role: \"gemeente\"");
    let e = &h.state().screen;
    assert!(
        e.ui.drafts.get("when").and_then(|d| d.1.as_ref()).is_some(),
        "the reader's message is shown"
    );
    assert!(!e.doc.as_ref().unwrap().dirty(), "nothing changed yet");
    type_into(
        &mut h,
        "Voorwaarde (RON)",
        &format!("Knows(role: \"gemeente\", fact: \"{fact}\")"),
    );
    let doc = h.state().screen.doc.as_ref().unwrap();
    let i = doc
        .scenario()
        .injects
        .iter()
        .find(|i| i.id == inject.id)
        .unwrap();
    assert!(i.when.is_some(), "applied");
    assert!(h.state().screen.ui.drafts.get("when").unwrap().1.is_none());
    std::fs::remove_dir_all(&dir).ok();
}
