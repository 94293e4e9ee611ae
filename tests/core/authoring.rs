//! The editor's core (issue 20): a document with undo and redo and live
//! checks, the outline, the generic form, new ids, the timeline, and a
//! save that changes only what was edited.

use std::path::Path;

use ketensim::core::authoring::Document;
use ketensim::core::authoring::form::{
    self, Input, add, duplicate, form, move_row, new_id, outline, remove, set_field, text_value,
    timeline,
};
use ketensim::core::scenario::model::Time;

use crate::common::SEM;

fn sem_doc() -> Document {
    Document::open(Path::new(SEM)).unwrap()
}

#[test]
fn the_outline_lists_every_item_with_its_title_and_a_decisions_options() {
    let doc = sem_doc();
    let s = doc.scenario();
    let o = outline(s);
    let facts = o.iter().find(|x| x.list == "facts").unwrap();
    assert_eq!(facts.label, "Feiten");
    assert_eq!(facts.items.len(), s.facts.len());
    assert!(facts.items.iter().all(|i| !i.title.is_empty()));
    let decisions = o.iter().find(|x| x.list == "decisions").unwrap();
    let d = &decisions.items[0];
    assert_eq!(d.children.len(), s.decisions[0].options.len());
    assert_eq!(
        d.children[0].path,
        vec![
            ("decisions".to_string(), s.decisions[0].id.clone()),
            ("options".to_string(), s.decisions[0].options[0].id.clone())
        ]
    );
}

#[test]
fn the_form_gives_each_field_its_input() {
    let doc = sem_doc();
    let s = doc.scenario();
    let inject = s.injects.iter().find(|i| i.at.is_some()).unwrap();
    let fields = form(s, &[("injects".into(), inject.id.clone())]);
    let input = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .input
            .clone()
    };
    assert_eq!(input("id"), Input::Id);
    assert_eq!(input("text"), Input::Text);
    assert_eq!(input("to"), Input::Ref("roles".into()));
    assert_eq!(input("at"), Input::Time { optional: true });
    assert_eq!(input("optional"), Input::Bool);
    assert_eq!(input("effects"), Input::Ron);
    // An inject's kind is one of its words; choosing one sets it.
    let Input::Choice(kinds) = input("kind") else {
        panic!("a choice: {:?}", input("kind"))
    };
    assert!(kinds.contains(&"Message") && kinds.contains(&"Observation"));
    let path = vec![("injects".to_string(), inject.id.clone())];
    let called = set_field(s, &path, "kind", Some("Call")).unwrap();
    let i = called.injects.iter().find(|i| i.id == inject.id).unwrap();
    assert_eq!(i.kind, ketensim::core::scenario::model::InjectKind::Call);
    // The case's own fields: the default outcome is one of its outcomes.
    let general = form(s, &[]);
    let d = general
        .iter()
        .find(|f| f.name == "default_outcome")
        .unwrap();
    assert_eq!(d.input, Input::Ref("outcomes".into()));
    assert!(
        general.iter().all(|f| f.name != "facts"),
        "lists are in the outline"
    );
    // The drop-down offers the case's roles with their titles.
    let roles = form::choices(s, "roles");
    assert_eq!(roles.len(), s.roles.len());
    assert!(roles.iter().any(|(id, _)| *id == inject.to));
}

#[test]
fn an_edit_can_be_undone_and_redone_and_typing_is_one_step() {
    let mut doc = sem_doc();
    let path = vec![("facts".to_string(), doc.scenario().facts[0].id.clone())];
    let before = doc.scenario().facts[0].text.clone();
    for typed in ["A", "Ab", "Abc"] {
        let next = set_field(doc.scenario(), &path, "text", Some(&text_value(typed))).unwrap();
        assert!(doc.edit("Tekst: text", |s| *s = next));
    }
    assert!(doc.dirty());
    assert_eq!(doc.scenario().facts[0].text, "Abc");
    assert_eq!(doc.undo_label(), Some("Tekst: text"));
    assert!(doc.undo());
    assert_eq!(doc.scenario().facts[0].text, before, "three keys, one step");
    assert!(!doc.dirty());
    assert!(!doc.undo());
    assert!(doc.redo());
    assert_eq!(doc.scenario().facts[0].text, "Abc");
    // An edit that changes nothing leaves no step.
    let same = doc.scenario().clone();
    assert!(!doc.edit("niets", |s| *s = same));
}

#[test]
fn a_problem_points_at_the_item_and_field_it_is_about() {
    let mut doc = sem_doc();
    assert!(
        doc.problems().iter().all(|p| !p.error),
        "{:?}",
        doc.problems()
    );
    let inject = doc.scenario().injects[0].id.clone();
    let path = vec![("injects".to_string(), inject.clone())];
    let next = set_field(doc.scenario(), &path, "to", Some(&text_value("onbekend"))).unwrap();
    doc.edit("Aan", |s| *s = next);
    let p = doc
        .problems()
        .iter()
        .find(|p| p.error)
        .expect("an unknown role is an error");
    assert_eq!(p.item, Some(("injects".to_string(), inject)), "{p:?}");
    assert_eq!(p.field.as_deref(), Some("to"), "{p:?}");
    assert!(doc.compiled().is_none(), "a case with errors is not played");
    doc.undo();
    assert!(doc.problems().iter().all(|p| !p.error));
    assert!(doc.compiled().is_some());
}

#[test]
fn new_ids_come_from_the_title_and_are_unique() {
    let doc = sem_doc();
    let s = doc.scenario();
    assert_eq!(
        new_id(s, "facts", "Moeder belt de school"),
        "f_moeder_belt_de_school"
    );
    assert_eq!(new_id(s, "facts", "Coördinatie één"), "f_coordinatie_een");
    let taken = s.facts[0].id.trim_start_matches("f_").replace('_', " ");
    assert_eq!(new_id(s, "facts", &taken), format!("{}_2", s.facts[0].id));
    assert_eq!(new_id(s, "facts", "!!!"), "f_nieuw");
}

#[test]
fn items_are_added_duplicated_and_removed() {
    let mut doc = sem_doc();
    let d = doc.scenario().decisions[0].id.clone();
    let parent = vec![("decisions".to_string(), d.clone())];
    let (next, path) = add(doc.scenario(), &parent, "options", "Eerst overleggen").unwrap();
    doc.edit("Optie toevoegen", |s| *s = next);
    let options = &doc.scenario().decisions[0].options;
    let new = options.last().unwrap();
    assert_eq!(path.last().unwrap().1, new.id);
    assert_eq!(new.text, "Eerst overleggen");
    assert!(new.feedback.is_empty(), "texts start empty");
    let (next, copy) = duplicate(doc.scenario(), &path).unwrap();
    doc.edit("Dupliceren", |s| *s = next);
    assert_eq!(
        doc.scenario().decisions[0].options.len(),
        options_len(&doc, 0)
    );
    assert_ne!(copy, path);
    let next = remove(doc.scenario(), &copy).unwrap();
    doc.edit("Verwijderen", |s| *s = next);
    assert!(
        doc.scenario().decisions[0]
            .options
            .iter()
            .all(|o| o.id != copy[1].1)
    );
    // Removing a fact that is referred to: the check says where.
    let used = doc
        .scenario()
        .injects
        .iter()
        .find_map(|i| i.reveals.first().cloned())
        .unwrap();
    let next = remove(doc.scenario(), &[("facts".into(), used.clone())]).unwrap();
    doc.edit("Verwijderen", |s| *s = next);
    assert!(
        doc.problems()
            .iter()
            .any(|p| p.error && p.message.contains(&used)),
        "{:?}",
        doc.problems()
    );
}

fn options_len(doc: &Document, d: usize) -> usize {
    doc.scenario().decisions[d].options.len()
}

#[test]
fn the_timeline_is_in_time_order_and_moving_a_row_moves_the_item() {
    let doc = sem_doc();
    let s = doc.scenario();
    let rows = timeline(s);
    assert!(rows.iter().any(|r| r.kind == "Inject"));
    assert!(rows.iter().any(|r| r.kind == "Beslissing"));
    assert!(rows.iter().any(|r| r.kind == "Overleg"));
    let part = |t: &Time| s.clock.parts.iter().position(|p| *p == t.part).unwrap();
    let keys: Vec<(u32, usize)> = rows
        .iter()
        .filter_map(|r| r.at.as_ref().or(r.until.as_ref()))
        .map(|t| (t.day, part(t)))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    let row = rows
        .iter()
        .find(|r| r.kind == "Inject" && r.at.is_some())
        .unwrap();
    let to = Time {
        day: 3,
        part: s.clock.parts[1].clone(),
    };
    let moved = move_row(s, row, &to).unwrap();
    let i = moved
        .injects
        .iter()
        .find(|i| i.id == row.path[0].1)
        .unwrap();
    assert_eq!(i.at, Some(to.clone()));
    let sitting = rows.iter().find(|r| r.kind == "Overleg").unwrap();
    let moved = move_row(s, sitting, &to).unwrap();
    let c = moved
        .channels
        .iter()
        .find(|c| c.id == sitting.path[0].1)
        .unwrap();
    assert_eq!(c.sits[sitting.sitting.unwrap()], to);
}

/// Saving a document changes only what was edited, keeps the previous
/// version for sessions played on it, and the check runs in
/// milliseconds (measured here in a debug build; printed).
#[test]
fn saving_a_document_writes_only_the_edits_and_keeps_the_old_version() {
    let dir = std::env::temp_dir().join(format!("ketensim-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("criminele-uitbuiting-sem.ron");
    let text = std::fs::read_to_string(SEM).unwrap();
    std::fs::write(&file, &text).unwrap();
    let mut doc = Document::open(&file).unwrap();
    let path = vec![("facts".to_string(), doc.scenario().facts[3].id.clone())];
    let started = std::time::Instant::now();
    let next = set_field(doc.scenario(), &path, "text", Some(&text_value("Nieuw."))).unwrap();
    doc.edit("Tekst: text", |s| *s = next);
    println!("one edit with its check: {:?}", started.elapsed());
    let kept = dir.join("versies");
    doc.save(Some(&kept)).unwrap();
    assert!(!doc.dirty());
    let out = std::fs::read_to_string(&file).unwrap();
    let changed: Vec<_> = text
        .lines()
        .zip(out.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(text.lines().count(), out.lines().count());
    let hash = ketensim::core::scenario::compile::content_hash(&text);
    assert!(ketensim::core::store::versions::find(&kept, &doc.scenario().id, &hash).is_some());
    std::fs::remove_dir_all(&dir).ok();
}

/// "Nieuwe casus": a case from the template with a title, a form, a
/// length and chain partners passes `check --strict` (no errors, no
/// warnings; its test plan runs), for several choices.
#[test]
fn a_new_case_from_a_few_choices_passes_check() {
    use ketensim::core::authoring::template::{NewCase, create, id_from_title};
    use ketensim::core::scenario::model::Form;
    let dir = std::env::temp_dir().join(format!("ketensim-newcase-{}", std::process::id()));
    let choices = [
        (
            "Mira (19): werk in de kas",
            Form::Labour,
            3,
            vec!["ochtend", "middag", "avond"],
            vec!["nla", "comensha"],
        ),
        (
            "Daan (14): pakketjes bezorgen",
            Form::Criminal,
            4,
            vec!["ochtend", "middag"],
            vec![
                "zorgcoordinator",
                "riec",
                "school",
                "om",
                "raad",
                "veilig_thuis",
            ],
        ),
        (
            "Een avond in het hotel",
            Form::Sexual,
            2,
            vec!["ochtend", "middag"],
            vec![],
        ),
    ];
    for (title, form, days, parts, roles) in choices {
        let n = NewCase {
            title: title.to_string(),
            form,
            days,
            parts: parts.iter().map(|p| p.to_string()).collect(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
        };
        let file = create(&dir, &n).unwrap();
        assert_eq!(
            file.file_stem().unwrap().to_string_lossy(),
            id_from_title(title)
        );
        let (diags, files, cases) =
            ketensim::cli::check::check_with(std::slice::from_ref(&file), false);
        assert_eq!(files, 1);
        assert!(cases >= 1, "the test plan ran");
        assert!(diags.0.is_empty(), "{title}:\n{diags}");
        let s = ketensim::core::scenario::load_file(&file)
            .unwrap()
            .compiled
            .scenario;
        assert_eq!(s.title, title);
        assert_eq!(s.forms, vec![form]);
        assert_eq!(s.clock.days, days);
        assert_eq!(s.roles.len(), 2 + roles.len());
        // The example's texts speak of the chosen form, not of another.
        let texts: Vec<&str> = s.facts.iter().map(|f| f.text.as_str()).collect();
        let words = match form {
            Form::Sexual => "seksuele uitbuiting",
            Form::Labour => "arbeidsuitbuiting",
            Form::Criminal => "criminele uitbuiting",
            Form::Other => "uitbuiting",
        };
        assert!(
            texts.iter().any(|t| t.contains(words)),
            "{title}: {texts:?}"
        );
        if form != Form::Sexual {
            assert!(
                !texts
                    .iter()
                    .any(|t| t.contains("seksuele") || t.contains("hotel")),
                "{title}: {texts:?}"
            );
        }
        // It refuses to overwrite.
        assert!(create(&dir, &n).is_err());
    }
    assert!(id_from_title("Één, twee!") == "een-twee");
    std::fs::remove_dir_all(&dir).ok();
}

/// After an edit, the last playtest is replayed on the changed case and
/// says where it stops fitting; the sidecar keeps it beside the case.
#[test]
fn the_last_playtest_is_replayed_after_an_edit() {
    use ketensim::core::answers::AnswerFile;
    use ketensim::core::authoring::playtest::{
        Playtest, Sidecar, play_to, replay_check, target_of,
    };
    let mut doc = sem_doc();
    let s = doc.scenario().clone();
    // A decision that opens on Dag 1, middag, so the route flags facts on
    // the way.
    let d = s
        .decisions
        .iter()
        .find(|d| d.id == "d_gem_adres")
        .unwrap()
        .clone();
    let path = vec![("decisions".to_string(), d.id.clone())];
    let (target, role) = target_of(&s, &path).unwrap();
    assert_eq!(role, "gemeente");
    let route = AnswerFile::read(Path::new(
        "scenarios/answers/sem-gemeente-expert.answers.ron",
    ))
    .unwrap()
    .answers
    .steps;
    let played = play_to(doc.compiled().unwrap().clone(), &role, &route, &target).unwrap();
    assert!(played.reached && played.diverged.is_none());
    let p = Playtest {
        role: role.clone(),
        target: path.clone(),
        steps: played.steps.clone(),
    };
    assert_eq!(replay_check(doc.compiled().unwrap().clone(), &p), None);
    // The author removes a consult the route asks: the case stays valid,
    // and the replay says where the route stops fitting.
    let consult = p
        .steps
        .iter()
        .find_map(|a| match a {
            ketensim::core::scenario::model::Act::Consult { with } => Some(with.clone()),
            _ => None,
        })
        .expect("the route consults on the way");
    let next = remove(doc.scenario(), &[("consults".into(), consult.clone())]).unwrap();
    doc.edit("Verwijderen", |x| *x = next);
    let c = doc
        .compiled()
        .unwrap_or_else(|| panic!("{:?}", doc.problems()));
    let why = replay_check(c.clone(), &p).expect("the route no longer fits");
    assert!(why.contains("wijkt af bij stap"), "{why}");
    // The sidecar round-trips beside a case file.
    let dir = std::env::temp_dir().join(format!("ketensim-sidecar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("casus.ron");
    let side = Sidecar {
        selected: path,
        playtest: Some(p),
        draft: None,
    };
    side.write(&file).unwrap();
    assert!(dir.join("casus.editor.ron").exists());
    assert_eq!(Sidecar::read(&file), side);
    assert!(!ketensim::core::library::is_scenario_file(
        &dir.join("casus.editor.ron")
    ));
    std::fs::remove_dir_all(&dir).ok();
}

/// The background analysis: it reports its progress, finishes with Dutch
/// lines on what each role can reach, and can be stopped.
#[test]
fn the_background_analysis_reports_and_can_be_stopped() {
    use ketensim::core::analyze::Options;
    use ketensim::core::authoring::analysis::{Job, Poll};
    let doc = sem_doc();
    let c = doc.compiled().unwrap().clone();
    let small = Options {
        max_states: 300,
        runs: 10,
        ..Options::default()
    };
    let job = Job::start(c.clone(), small);
    let started = std::time::Instant::now();
    let lines = loop {
        match job.poll() {
            Poll::Running(f) => assert!((0.0..=1.0).contains(&f)),
            Poll::Done(r) => break r.unwrap(),
            Poll::Cancelled => panic!("not cancelled"),
        }
        assert!(started.elapsed().as_secs() < 120, "bounded");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let playable = c.scenario.roles.iter().filter(|r| r.playable).count();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("bereikbare uitkomsten"))
            .count(),
        playable,
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("Deskundig pad")));
    // Stopped at once: it says so, and no result comes.
    let job = Job::start(c, Options::default());
    job.cancel();
    assert_eq!(job.poll(), Poll::Cancelled);
}

/// Renaming an item's id takes every reference in the case along, and
/// refuses an id that is taken or malformed.
#[test]
fn renaming_an_id_takes_the_references_along() {
    use ketensim::core::authoring::form::rename;
    let doc = sem_doc();
    let s = doc.scenario();
    let inject = s.injects.iter().find(|i| !i.reveals.is_empty()).unwrap();
    let fact = inject.reveals[0].clone();
    let path = vec![("facts".to_string(), fact.clone())];
    let renamed = rename(s, &path, "f_hernoemd").unwrap();
    assert!(renamed.facts.iter().any(|f| f.id == "f_hernoemd"));
    assert!(renamed.facts.iter().all(|f| f.id != fact));
    let i = renamed.injects.iter().find(|i| i.id == inject.id).unwrap();
    assert!(i.reveals.contains(&"f_hernoemd".to_string()));
    // Still a valid case: nothing points at the old id.
    let text = ketensim::core::scenario::save::rewrite(
        &std::fs::read_to_string(SEM).unwrap(),
        s,
        &renamed,
    )
    .unwrap();
    assert!(!text.contains(&format!("\"{fact}\"")));
    assert!(ketensim::core::scenario::load_str(Path::new(SEM), &text).is_ok());
    assert!(rename(s, &path, &s.facts[0].id).is_err(), "taken");
    assert!(rename(s, &path, "Met Hoofdletter").is_err(), "malformed");
}

/// "Speel vanaf hier" on an item the expert route does not reach (it
/// follows another option): the search finds the expert route with that
/// one other choice; an item nothing reaches gives none.
#[test]
fn play_from_here_finds_a_branch_off_the_expert_route() {
    use ketensim::core::authoring::playtest::{Target, play_to, search_to};
    use ketensim::core::scenario::model::Act;
    let c = crate::common::mini_with(&[
        (
            "(id: \"y\", text: \"Niets\", feedback: \"Fout.\", reference: \"Meldcode\")",
            "(id: \"y\", text: \"Niets\", feedback: \"Fout.\", reference: \"Meldcode\", next: \"dec2\")",
        ),
        (
            "    ],\n    rules: [",
            "        (id: \"dec2\", role: \"a\", prompt: \"En nu?\", within: 2, options: [\n            (id: \"p\", text: \"Alsnog melden\", expert: true, feedback: \"Goed.\", reference: \"Meldcode\"),\n            (id: \"q\", text: \"Niets doen\", feedback: \"Fout.\", reference: \"Meldcode\"),\n        ]),\n    ],\n    rules: [",
        ),
    ]);
    let expert = ketensim::core::answers::AnswerFile::read(std::path::Path::new(
        "tests/fixtures/mini-expert.answers.ron",
    ))
    .unwrap()
    .answers
    .steps;
    let target = Target::Decision("dec2".into());
    let along = play_to(c.clone(), "a", &expert, &target).unwrap();
    assert!(!along.reached, "the expert takes option x");
    let found = search_to(c.clone(), "a", &expert, &target, 500)
        .unwrap()
        .expect("a route through option y");
    assert!(found.reached);
    for t in found.session.history() {
        eprintln!("{:?}", t.event);
    }
    let d = c.ids.decisions["dec2"];
    let r = c.ids.roles["a"];
    assert!(found.session.menu(r).decisions.iter().any(|(x, _)| *x == d));
    // The expert's route (as far as it fits: dec1 opens a day-part later
    // with this seed), then y instead of x.
    let y = Act::Decide {
        decision: "dec1".into(),
        option: "y".into(),
    };
    assert!(found.steps.contains(&y), "{:?}", found.steps);
    assert_eq!(found.steps[..4], expert[..4], "{:?}", found.steps);
    assert!(
        !found
            .steps
            .iter()
            .any(|a| matches!(a, Act::Decide { option, .. } if option == "x"))
    );
    // What nothing reaches: no route, in bounded time.
    let t = std::time::Instant::now();
    let none = search_to(
        c.clone(),
        "a",
        &expert,
        &Target::Decision("bestaat_niet".into()),
        500,
    )
    .unwrap();
    assert!(none.is_none());
    assert!(
        t.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        t.elapsed()
    );
}

/// On the largest case the search answers within a second or so (it runs
/// when the author clicks): the police's arrest decision with its other
/// option leading on.
#[test]
fn play_from_here_searches_the_bundled_case_quickly() {
    use ketensim::core::authoring::playtest::{Target, search_to};
    let c = crate::common::sem();
    let expert = ketensim::core::answers::AnswerFile::read(std::path::Path::new(
        "scenarios/answers/sem-politie-expert.answers.ron",
    ))
    .unwrap()
    .answers
    .steps;
    let t = std::time::Instant::now();
    let none = search_to(
        c.clone(),
        "politie",
        &expert,
        &Target::Decision("bestaat_niet".into()),
        3_000,
    )
    .unwrap();
    let took = t.elapsed();
    println!("search over the police's route in Sem, nothing found: {took:?}");
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
    assert!(none.is_none());
}
