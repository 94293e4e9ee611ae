//! The app's screen flow, headless (MinimalPlugins + StatesPlugin, no
//! window, no GPU): Start → Setup → Briefing → Case → Debrief with a
//! scripted session, export, replay and back to the start.

use std::path::Path;

use bevy::prelude::*;
use ketensim::app::flow::{Intent, Screen};
use ketensim::app::state::{Library, load_library};
use ketensim::core::answers::AnswerFile;
use ketensim::ui::model::LibraryCard;

use crate::common::{
    app, app_with, begin, debriefs, library as library_of, play, refresh_saved, saved, screen,
    sem_index, send, start_screen,
};

/// From the start screen into the case as `role` (the first playable
/// scenario of the library, seed 1).
fn into_case(app: &mut App, role: &str, trainee: Option<&str>) {
    begin(app, role, trainee);
    assert_eq!(screen(app), Screen::Case);
}

#[test]
fn start_to_debrief_with_a_scripted_session() {
    let dir = std::env::temp_dir().join(format!("ketensim-flow-{}", std::process::id()));
    let mut app = app(&dir);
    assert_eq!(screen(&app), Screen::Start);
    let index = sem_index(&app);

    send(&mut app, Intent::Open(index));
    assert_eq!(screen(&app), Screen::Setup);
    send(&mut app, Intent::Back);
    assert_eq!(screen(&app), Screen::Start);
    send(&mut app, Intent::Open(index));
    send(
        &mut app,
        Intent::Setup {
            role: "gemeente".into(),
            trainee: Some("Test".into()),
            seed: 1,
            hints: false,
        },
    );
    assert_eq!(screen(&app), Screen::Briefing);
    send(&mut app, Intent::Begin);
    assert_eq!(screen(&app), Screen::Case);
    // An action that is not possible is refused, not a crash.
    send(
        &mut app,
        Intent::Act(ketensim::core::scenario::model::Act::Decide {
            decision: "d_gem_hulp".into(),
            option: "o_direct".into(),
        }),
    );
    assert!(play(&app).refused.is_some());

    // Play the expert answer file through the intents.
    let answers = AnswerFile::read(Path::new(
        "scenarios/answers/sem-gemeente-expert.answers.ron",
    ))
    .unwrap();
    for act in answers.answers.steps {
        send(&mut app, Intent::Act(act));
    }
    while !play(&app).session().state().ended() {
        send(
            &mut app,
            Intent::Act(ketensim::core::scenario::model::Act::Advance),
        );
    }
    // Every action was saved as it happened, in this attempt's own file.
    let (saved, log) = {
        let play = play(&app);
        assert_eq!(play.save_error(), None);
        (
            play.file().map(Path::to_path_buf).expect("saved"),
            play.session().log().clone(),
        )
    };
    assert_eq!(saved.parent().unwrap(), dir.join("sessies"));
    let name = saved.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("criminele-uitbuiting-sem-gemeente-test-")
            && name.ends_with(".session.ron"),
        "{name}"
    );
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), log.to_ron());

    send(&mut app, Intent::Debrief);
    assert_eq!(screen(&app), Screen::Debrief);
    {
        let (d, _) = debriefs(&app).own.as_ref().unwrap();
        assert_eq!(d.outcome.as_ref().unwrap().id, "goed");
        assert_eq!(d.roles[0].total_earned, d.roles[0].total_max);
    }
    send(&mut app, Intent::ExportHtml);
    send(&mut app, Intent::ExportJson);
    // Named after the attempt's own session file: a second attempt's
    // report never overwrites the first.
    let reports = dir.join("verslagen");
    let stem = {
        let file = play(&app).file().map(Path::to_path_buf).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        name.trim_end_matches(".session.ron").to_string()
    };
    assert!(
        stem.starts_with("criminele-uitbuiting-sem-gemeente"),
        "{stem}"
    );
    assert!(reports.join(format!("{stem}.html")).exists());
    // Beside the HTML report: the attempt's xAPI statements.
    let xapi = std::fs::read_to_string(reports.join(format!("{stem}.xapi.json"))).unwrap();
    let statements: Vec<serde_json::Value> = serde_json::from_str(&xapi).unwrap();
    assert_eq!(statements.len(), 2, "completed, then passed");
    assert!(
        statements[1]["verb"]["id"]
            .as_str()
            .unwrap()
            .ends_with("/passed")
    );
    assert!(statements[0]["result"]["duration"].is_string());
    // The report carries the scenario's learning goals.
    let html = std::fs::read_to_string(reports.join(format!("{stem}.html"))).unwrap();
    let goals = {
        play(&app)
            .session()
            .scenario()
            .scenario
            .learning_goals
            .clone()
    };
    assert!(!goals.is_empty());
    assert!(html.contains("Leerdoelen van deze casus"));
    for g in &goals {
        // maud escapes &, <, > and ".
        let escaped = g
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(html.contains(&escaped), "learning goal in the report: {g}");
    }
    assert!(reports.join(format!("{stem}.json")).exists());
    let message = debriefs(&app).own.as_ref().unwrap().1.message.clone();
    assert!(message.unwrap().starts_with("Opgeslagen"));

    // "Opnieuw spelen": through the setup, filled in as the first time,
    // and the briefing.
    send(&mut app, Intent::Replay);
    assert_eq!(screen(&app), Screen::Setup);
    let form = app
        .world()
        .resource::<ketensim::app::state::SetupScreen>()
        .0
        .clone();
    assert_eq!(form.role.as_deref(), Some("gemeente"));
    assert_eq!(form.seed, "1");
    assert!(!form.trainee.is_empty());
    send(
        &mut app,
        Intent::Setup {
            role: form.role.clone().unwrap(),
            trainee: Some(form.trainee.clone()),
            seed: 1,
            hints: form.hints,
        },
    );
    assert_eq!(screen(&app), Screen::Briefing);
    send(&mut app, Intent::Begin);
    assert_eq!(screen(&app), Screen::Case);
    // A second attempt (same scenario, role and seed) gets its own file at
    // its first action; the first attempt's file is untouched.
    send(
        &mut app,
        Intent::Act(ketensim::core::scenario::model::Act::Advance),
    );
    let second = play(&app)
        .file()
        .map(Path::to_path_buf)
        .expect("the second attempt is saved");
    assert_ne!(second, saved);
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), log.to_ron());
    let files = std::fs::read_dir(dir.join("sessies")).unwrap().count();
    assert_eq!(files, 2, "two attempts, two files (no temporary left)");
    send(&mut app, Intent::Quit);
    send(&mut app, Intent::Open(index));
    send(
        &mut app,
        Intent::Setup {
            role: "gemeente".into(),
            trainee: None,
            seed: 1,
            hints: false,
        },
    );
    send(&mut app, Intent::Begin);
    assert_eq!(
        play(&app).session().log().actions.len(),
        0,
        "a fresh session"
    );
    send(&mut app, Intent::Quit);
    assert_eq!(screen(&app), Screen::Start);
    std::fs::remove_dir_all(&dir).ok();
}

/// A data folder that cannot be written: the case goes on, and the screen
/// says the save failed and where; the next action tries again.
#[test]
fn a_save_that_fails_is_shown_and_the_case_goes_on() {
    let dir = std::env::temp_dir().join(format!("ketensim-nosave-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A file where the sessions folder should be: it cannot be created.
    std::fs::write(dir.join("sessies"), "geen map").unwrap();
    let mut app = app(&dir);
    into_case(&mut app, "gemeente", None);
    let advance = || Intent::Act(ketensim::core::scenario::model::Act::Advance);
    send(&mut app, advance());
    let (error, actions) = {
        let play = play(&app);
        (
            play.save_error().map(str::to_string),
            play.session().log().actions.len(),
        )
    };
    let error = error.expect("the failed save is reported");
    assert!(error.starts_with("Opslaan mislukt in "), "{error}");
    assert!(error.contains("sessies"), "{error}");
    assert_eq!(actions, 1, "the action counts");
    // Once the folder can be written, the next action saves everything.
    std::fs::remove_file(dir.join("sessies")).unwrap();
    send(&mut app, advance());
    let play = play(&app);
    assert_eq!(play.save_error(), None);
    let file = play.file().map(Path::to_path_buf).unwrap();
    assert_eq!(
        &ketensim::core::engine::SessionLog::read(&file).unwrap(),
        play.session().log(),
        "both actions are in the journal"
    );
    assert_eq!(play.session().log().actions.len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_broken_scenario_is_an_error_card_and_the_rest_stays_playable() {
    let dir = std::env::temp_dir().join(format!("ketensim-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        "scenarios/criminele-uitbuiting-sem.ron",
        dir.join("goed.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.join("kapot.ron"),
        "(\n    id: \"kapot\",\n    titel: \"x\",\n)\n",
    )
    .unwrap();
    let library = load_library(&dir);
    assert_eq!(library.len(), 2);
    let broken = library
        .iter()
        .find_map(|e| match &e.card {
            LibraryCard::Broken { file, problems } => Some((file.clone(), problems.clone())),
            _ => None,
        })
        .expect("an error card");
    assert!(broken.0.ends_with("kapot.ron"));
    assert!(broken.1.contains("kapot.ron:3:5"), "{}", broken.1);
    // In Dutch, with the line and what to do.
    assert!(
        broken.1.contains("fout: onbekend veld `titel`")
            && broken.1.contains("tip: verwacht een van:"),
        "{}",
        broken.1
    );
    let mut app = app_with(
        Library {
            entries: library,
            ready: true,
            ..Default::default()
        },
        &dir,
    );
    let broken_index = library_of(&app)
        .entries
        .iter()
        .position(|e| e.scenario.is_none())
        .unwrap();
    send(&mut app, Intent::Open(broken_index));
    assert_eq!(screen(&app), Screen::Start, "a broken card does not open");
    let good = 1 - broken_index;
    send(&mut app, Intent::Open(good));
    assert_eq!(screen(&app), Screen::Setup);
    std::fs::remove_dir_all(&dir).ok();
}

/// "Verder spelen": an unfinished session on the Start screen's list
/// continues where it stopped, in its own file; a finished one opens its
/// debrief.
#[test]
fn a_saved_session_resumes_from_the_start_screen() {
    let dir = std::env::temp_dir().join(format!("ketensim-resume-{}", std::process::id()));
    let mut app = app(&dir);
    into_case(&mut app, "politie", Some("Bas"));
    let advance = || Intent::Act(ketensim::core::scenario::model::Act::Advance);
    for _ in 0..3 {
        send(&mut app, advance());
    }
    send(&mut app, Intent::Quit);
    assert_eq!(screen(&app), Screen::Start);
    let (path, status) = {
        let saved = saved(&mut app);
        assert_eq!(saved.len(), 1);
        (saved[0].path.clone(), saved[0].status.clone())
    };
    assert!(
        matches!(
            status,
            ketensim::core::store::SavedStatus::Ok {
                actions: 3,
                ended: None,
                ..
            }
        ),
        "{status:?}"
    );
    send(&mut app, Intent::Resume(0));
    assert_eq!(screen(&app), Screen::Case);
    {
        let play = play(&app);
        assert_eq!(play.role_id, "politie");
        assert_eq!(play.file(), Some(path.as_path()));
        assert_eq!(play.session().log().actions.len(), 3);
        assert_eq!(play.session().state().tick, 3);
    }
    // Play on: the same attempt's file grows; no second file appears.
    send(&mut app, advance());
    {
        let play = play(&app);
        // The journal: one line per action appended, read back whole.
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("KETENSIM-JOURNAL 1\n"), "{text}");
        assert_eq!(text.lines().count(), 2 + 4, "header + 4 actions");
        assert_eq!(
            &ketensim::core::engine::SessionLog::read(&path).unwrap(),
            play.session().log()
        );
    }
    assert_eq!(std::fs::read_dir(dir.join("sessies")).unwrap().count(), 1);
    // Finish it; the list then offers the debrief.
    while !play(&app).session().state().ended() {
        send(&mut app, advance());
    }
    send(&mut app, Intent::Quit);
    refresh_saved(&mut app);
    send(&mut app, Intent::Resume(0));
    assert_eq!(screen(&app), Screen::Debrief);
    std::fs::remove_dir_all(&dir).ok();
}

/// The hints chosen on the Setup screen reach the session and its log (a
/// resumed session keeps them); without them the dossier shows no legal
/// category. The saved session's card names the trainee and the role.
#[test]
fn the_hints_chosen_in_the_setup_reach_the_session() {
    use ketensim::ui::model::CaseView;
    let dir = std::env::temp_dir().join(format!("ketensim-hints-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    let index = sem_index(&app);
    let categories = |app: &App| -> Vec<String> {
        let play = play(app);
        CaseView::new(play.session(), play.role)
            .dossier
            .iter()
            .map(|f| f.category.clone())
            .collect()
    };
    for hints in [true, false] {
        send(&mut app, Intent::Open(index));
        send(
            &mut app,
            Intent::Setup {
                role: "zorgcoordinator".into(),
                trainee: Some("Bas".into()),
                seed: 1,
                hints,
            },
        );
        send(&mut app, Intent::Begin);
        assert_eq!(screen(&app), Screen::Case);
        {
            let play = play(&app);
            assert_eq!(play.session().hints(), hints);
            assert_eq!(play.session().log().hints, hints);
        }
        let cats = categories(&app);
        assert!(!cats.is_empty());
        if hints {
            assert!(cats.iter().all(|c| c.ends_with("gegeven")), "{cats:?}");
        } else {
            assert!(cats.iter().all(String::is_empty), "{cats:?}");
        }
        send(
            &mut app,
            Intent::Act(ketensim::core::scenario::model::Act::Advance),
        );
        send(&mut app, Intent::Quit);
        // The saved session keeps the choice: resumed, the hints are as
        // they were.
        let newest = saved(&mut app)
            .iter()
            .position(|s| s.log.as_ref().is_some_and(|l| l.hints == hints))
            .expect("this attempt is listed");
        let card = &start_screen(&app).saved_cards[newest];
        assert_eq!(card.names, "Bas");
        assert_eq!(card.roles, "Zorgcoördinator mensenhandel");
        assert_eq!(
            card.scenario_id.as_deref(),
            Some("criminele-uitbuiting-sem")
        );
        send(&mut app, Intent::Resume(newest));
        assert_eq!(screen(&app), Screen::Case);
        {
            let play = play(&app);
            assert_eq!(play.session().hints(), hints, "resumed");
        }
        send(&mut app, Intent::Quit);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A saved session of a case that has changed since cannot go on, but its
/// card still names the case and the role (from the library's version).
#[test]
fn a_saved_session_of_a_changed_case_keeps_its_title() {
    let dir = std::env::temp_dir().join(format!("ketensim-changed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    let index = sem_index(&app);
    let c = library_of(&app).entries[index].scenario.clone().unwrap();
    let mut s = ketensim::core::engine::Session::start(
        c.clone(),
        1,
        &["politie".into()],
        Some("Noor".into()),
    )
    .unwrap();
    s.apply("politie", &ketensim::core::scenario::model::Act::Advance)
        .unwrap();
    let mut log = s.log().clone();
    log.scenario_hash = "0".repeat(64);
    std::fs::create_dir_all(dir.join("sessies")).unwrap();
    std::fs::write(dir.join("sessies/oud.session.ron"), log.to_ron()).unwrap();
    refresh_saved(&mut app);
    let card = &start_screen(&app).saved_cards[0];
    assert!(!card.resumable && !card.finished, "{card:?}");
    assert!(card.message.contains("gewijzigd"), "{}", card.message);
    assert_eq!(card.title, c.scenario.title);
    assert_eq!(card.names, "Noor");
    assert_eq!(card.roles, "Wijkagent (met AVIM als achtervang)");
    std::fs::remove_dir_all(&dir).ok();
}

/// A start the case refuses stays on the Setup screen with its reason,
/// which the Setup screen shows; the next good start clears it.
#[test]
fn a_refused_start_shows_its_reason_on_the_setup_screen() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use ketensim::app::state::SetupScreen;
    use ketensim::ui::views::egui;
    use ketensim::ui::views::setup::setup_ui;

    let dir = std::env::temp_dir().join(format!("ketensim-refused-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = app(&dir);
    let index = sem_index(&app);
    send(&mut app, Intent::Open(index));
    send(
        &mut app,
        Intent::Setup {
            role: "bestaat_niet".into(),
            trainee: None,
            seed: 1,
            hints: false,
        },
    );
    assert_eq!(screen(&app), Screen::Setup, "the start was refused");
    let setup = app.world().resource::<SetupScreen>().0.clone();
    let why = setup.refused.clone().expect("a reason");
    assert!(why.contains("bestaat_niet"), "{why}");
    // The Setup screen shows it.
    let card = match &library_of(&app).entries[index].card {
        LibraryCard::Scenario(c) => c.clone(),
        LibraryCard::Broken { .. } => unreachable!(),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut ketensim::ui::views::setup::SetupState| {
                let _ = setup_ui(ui, &card, state);
            },
            setup,
        );
    h.run();
    h.get_by_label(&why);
    // A good start clears it.
    send(
        &mut app,
        Intent::Setup {
            role: "gemeente".into(),
            trainee: None,
            seed: 1,
            hints: false,
        },
    );
    assert_eq!(screen(&app), Screen::Briefing);
    assert!(app.world().resource::<SetupScreen>().0.refused.is_none());
    std::fs::remove_dir_all(&dir).ok();
}

/// The text size and contrast a trainee picks are kept on this machine:
/// saved when changed, read at the next start; an unreadable file gives
/// the defaults, never an error that stops the app.
#[test]
fn display_settings_are_kept_between_runs() {
    use ketensim::app::state::{DataDir, Look};
    let dir = std::env::temp_dir().join(format!("ketensim-look-{}", std::process::id()));
    let data = DataDir(dir.clone());
    let mut app = app(&dir);
    assert!(!data.settings().exists(), "nothing saved before a change");
    {
        let mut look = app.world_mut().resource_mut::<Look>();
        look.settings.text_scale = 1.15;
        look.settings.high_contrast = true;
        look.unsaved = true;
    }
    app.update();
    assert!(!app.world().resource::<Look>().unsaved);
    let next = Look::load(&data);
    assert_eq!(next.settings.text_scale, 1.15);
    assert!(next.settings.high_contrast);
    assert!(
        !next.applied,
        "the next run applies them to its own context"
    );
    // A broken file: the defaults.
    std::fs::write(data.settings(), "(text_scale: ").unwrap();
    assert_eq!(Look::load(&data).settings, Default::default());
    std::fs::remove_dir_all(&dir).ok();
}

/// A session played on a version of a case that was edited since still
/// resumes (issue 20, part 2): the app keeps every version of a case it
/// loads under its content hash in the data folder, and finds it there.
#[test]
fn a_session_on_an_earlier_version_resumes_after_the_case_was_edited() {
    use ketensim::app::state::DataDir;
    use ketensim::core::scenario::load::ron_options;
    use ketensim::core::scenario::model::Scenario;
    use ketensim::core::store::{SavedStatus, versions};
    let dir = std::env::temp_dir().join(format!("ketensim-versions-{}", std::process::id()));
    let folder = dir.join("casussen");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("criminele-uitbuiting-sem.ron");
    let text = std::fs::read_to_string("scenarios/criminele-uitbuiting-sem.ron").unwrap();
    std::fs::write(&file, &text).unwrap();
    let data = dir.join("data");
    let mut app = app_with(Library::read(&folder), &data);
    app.update();
    let hash = ketensim::core::scenario::compile::content_hash(&text);
    let kept = versions::path(
        &DataDir(data.clone()).versions(),
        "criminele-uitbuiting-sem",
        &hash,
    );
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        text,
        "the version is kept"
    );
    // A session on this version, two actions in.
    into_case(&mut app, "gemeente", Some("Noor"));
    let answers = AnswerFile::read(Path::new(
        "scenarios/answers/sem-gemeente-expert.answers.ron",
    ))
    .unwrap();
    for act in answers.answers.steps.iter().take(2) {
        send(&mut app, Intent::Act(act.clone()));
    }
    send(&mut app, Intent::Quit);
    // The author edits the case: another summary.
    let old: Scenario = ron_options().from_str(&text).unwrap();
    let mut new = old.clone();
    new.summary.push_str(" (herzien)");
    let edited = ketensim::core::scenario::save::rewrite(&text, &old, &new).unwrap();
    std::fs::write(&file, &edited).unwrap();
    app.insert_resource(Library::read(&folder));
    app.update();
    assert!(
        ketensim::app::state::Library::find_scenario(
            app.world().resource(),
            "criminele-uitbuiting-sem",
            &hash
        )
        .is_some()
    );
    // The session still resumes, on its own version.
    let list = saved(&mut app).to_vec();
    let mine = list
        .iter()
        .find(|s| s.log.as_ref().is_some_and(|l| l.scenario_hash == hash))
        .expect("the session is listed");
    assert!(
        matches!(mine.status, SavedStatus::Ok { .. }),
        "{:?}",
        mine.status
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// "Nieuwe casus" on the Start screen makes the case in the library
/// folder and opens it in the editor, without problems.
#[test]
fn a_new_case_opens_in_the_editor() {
    use ketensim::app::screens::EditorScreen;
    use ketensim::core::authoring::template::NewCase;
    use ketensim::core::scenario::model::Form;
    let dir = std::env::temp_dir().join(format!("ketensim-new-{}", std::process::id()));
    let folder = dir.join("casussen");
    std::fs::create_dir_all(&folder).unwrap();
    let mut app = app_with(Library::read(&folder), &dir.join("data"));
    send(
        &mut app,
        Intent::NewCase(NewCase {
            title: "Mira (19): werk in de kas".into(),
            form: Form::Labour,
            days: 3,
            parts: vec!["ochtend".into(), "middag".into(), "avond".into()],
            roles: vec!["nla".into()],
        }),
    );
    app.update();
    assert_eq!(screen(&app), Screen::Editor);
    let editor = app.world().resource::<EditorScreen>();
    let doc = editor.doc.as_ref().unwrap();
    assert_eq!(doc.scenario().title, "Mira (19): werk in de kas");
    assert!(doc.problems().is_empty(), "{:?}", doc.problems());
    assert!(folder.join("mira-19-werk-in-de-kas.ron").exists());
    assert!(
        folder
            .join("answers/mira-19-werk-in-de-kas-expert.answers.ron")
            .exists()
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The editor analyses the case in the background when the author
/// pauses, and again after a change (bounded here by small options).
#[test]
fn the_editor_analyses_the_case_in_the_background() {
    use ketensim::app::screens::EditorScreen;
    use ketensim::core::analyze::Options;
    let dir = std::env::temp_dir().join(format!("ketensim-analyse-{}", std::process::id()));
    let mut app = app(&dir);
    let index = sem_index(&app);
    send(&mut app, Intent::Edit(index));
    assert_eq!(screen(&app), Screen::Editor);
    app.world_mut().resource_mut::<EditorScreen>().analyse_with = Options {
        max_states: 300,
        runs: 10,
        ..Options::default()
    };
    let started = std::time::Instant::now();
    loop {
        app.update();
        let e = app.world().resource::<EditorScreen>();
        if e.job.is_none() && !e.view.analysis.lines.is_empty() {
            break;
        }
        assert!(started.elapsed().as_secs() < 120, "bounded");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let e = app.world().resource::<EditorScreen>();
    assert!(!e.view.analysis.stale);
    assert!(
        e.view
            .analysis
            .lines
            .iter()
            .any(|l| l.contains("bereikbare uitkomsten")),
        "{:?}",
        e.view.analysis.lines
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// "Speel vanaf hier" as another role than the item's: the case opens as
/// that role at the moment the item's own role reached the item; the
/// playtest kept for the replay is the item's own route.
#[test]
fn play_from_here_as_another_role() {
    use ketensim::app::screens::EditorScreen;
    use ketensim::app::state::{DataDir, Playing};
    use ketensim::ui::views::editor::EditorAction;
    let dir = std::env::temp_dir().join(format!("ketensim-playas-{}", std::process::id()));
    let folder = dir.join("casussen");
    std::fs::create_dir_all(folder.join("answers")).unwrap();
    std::fs::copy(
        "scenarios/criminele-uitbuiting-sem.ron",
        folder.join("criminele-uitbuiting-sem.ron"),
    )
    .unwrap();
    for r in ["gemeente", "politie"] {
        std::fs::copy(
            format!("scenarios/answers/sem-{r}-expert.answers.ron"),
            folder.join(format!("answers/sem-{r}-expert.answers.ron")),
        )
        .unwrap();
    }
    let library = Library::read(&folder);
    let data = DataDir(dir.join("data"));
    let mut editor = EditorScreen::open(&library, 0).unwrap();
    let path = vec![("decisions".to_string(), "d_gem_adres".to_string())];
    let mut playing = Playing::default();
    let to = editor.apply(
        EditorAction::PlayFromHere {
            path: path.clone(),
            role: Some("politie".into()),
        },
        &library,
        &data,
        &mut playing,
    );
    assert_eq!(to, Some(Screen::Case), "{:?}", editor.ui.message);
    let play = playing.0.as_ref().unwrap();
    assert_eq!(play.role_id, "politie");
    // Dag 1, middag: when the gemeente gets the address signal.
    assert_eq!(play.session().state().tick, 1);
    let kept = editor.sidecar.playtest.as_ref().unwrap();
    assert_eq!(kept.role, "gemeente");
    assert_eq!(kept.target, path);
    std::fs::remove_dir_all(&dir).ok();
}

/// Unsaved edits survive a closed window: after a pause they go into the
/// sidecar as a draft, and opening the case again puts them back (one
/// undo step takes them away); saving or closing on purpose clears it.
#[test]
fn unsaved_edits_come_back_after_the_window_was_closed() {
    use ketensim::app::screens::EditorScreen;
    use ketensim::app::state::{DataDir, Playing};
    use ketensim::core::authoring::form::text_value;
    use ketensim::core::authoring::playtest::Sidecar;
    use ketensim::ui::views::editor::EditorAction;
    let dir = std::env::temp_dir().join(format!("ketensim-draft-{}", std::process::id()));
    let folder = dir.join("casussen");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("criminele-uitbuiting-sem.ron");
    std::fs::copy("scenarios/criminele-uitbuiting-sem.ron", &file).unwrap();
    let library = Library::read(&folder);
    let data = DataDir(dir.join("data"));
    let mut playing = Playing::default();
    let mut editor = EditorScreen::open(&library, 0).unwrap();
    let fact = editor.doc.as_ref().unwrap().scenario().facts[0].id.clone();
    let path = vec![("facts".to_string(), fact)];
    editor.apply(
        EditorAction::Set {
            path: path.clone(),
            field: "text".into(),
            value: Some(text_value("Nog niet opgeslagen.")),
            what: "Tekst: Tekst".into(),
        },
        &library,
        &data,
        &mut playing,
    );
    assert!(editor.doc.as_ref().unwrap().dirty());
    // Not before the pause.
    editor.keep_draft();
    assert!(Sidecar::read(&file).draft.is_none());
    editor.changed_at = std::time::Instant::now().checked_sub(std::time::Duration::from_secs(2));
    editor.keep_draft();
    assert!(Sidecar::read(&file).draft.is_some());
    // The window closes: the editor is gone, the file unchanged.
    drop(editor);
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("Nog niet opgeslagen.")
    );
    let mut editor = EditorScreen::open(&library, 0).unwrap();
    let doc = editor.doc.as_ref().unwrap();
    assert!(doc.dirty());
    assert_eq!(doc.scenario().facts[0].text, "Nog niet opgeslagen.");
    assert!(editor.ui.message.as_deref().unwrap().contains("teruggezet"));
    // Saving writes it and clears the draft.
    editor.apply(EditorAction::Save, &library, &data, &mut playing);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Nog niet opgeslagen.")
    );
    assert!(Sidecar::read(&file).draft.is_none());
    std::fs::remove_dir_all(&dir).ok();
}

/// "Speel vanaf hier" on a decision the expert route does not reach (it
/// follows the other option of an earlier decision): the case opens at
/// it, along the expert route with that one other choice, and says so.
#[test]
fn play_from_here_off_the_expert_route() {
    use ketensim::app::screens::EditorScreen;
    use ketensim::app::state::{DataDir, Playing};
    use ketensim::ui::views::editor::EditorAction;
    let dir = std::env::temp_dir().join(format!("ketensim-offpath-{}", std::process::id()));
    let folder = dir.join("casussen");
    std::fs::create_dir_all(folder.join("answers")).unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/mini.ron")
        .unwrap()
        .replacen(
            "(id: \"y\", text: \"Niets\", feedback: \"Fout.\", reference: \"Meldcode\")",
            "(id: \"y\", text: \"Niets\", feedback: \"Fout.\", reference: \"Meldcode\", next: \"dec2\")",
            1,
        )
        .replacen(
            "    ],\n    rules: [",
            "        (id: \"dec2\", role: \"a\", prompt: \"En nu?\", within: 2, options: [\n            (id: \"p\", text: \"Alsnog melden\", expert: true, feedback: \"Goed.\", reference: \"Meldcode\"),\n            (id: \"q\", text: \"Niets doen\", feedback: \"Fout.\", reference: \"Meldcode\"),\n        ]),\n    ],\n    rules: [",
            1,
        );
    assert!(mini.contains("next: \"dec2\"") && mini.contains("id: \"dec2\""));
    std::fs::write(folder.join("mini.ron"), mini).unwrap();
    let answers = std::fs::read_to_string("tests/fixtures/mini-expert.answers.ron")
        .unwrap()
        .replacen("Answers(", "Answers(\n    scenario: \"mini\",", 1);
    std::fs::write(folder.join("answers/mini-a-expert.answers.ron"), answers).unwrap();
    let library = Library::read(&folder);
    let data = DataDir(dir.join("data"));
    let mut editor = EditorScreen::open(&library, 0).unwrap();
    let mut playing = Playing::default();
    let path = vec![("decisions".to_string(), "dec2".to_string())];
    let to = editor.apply(
        EditorAction::PlayFromHere {
            path: path.clone(),
            role: None,
        },
        &library,
        &data,
        &mut playing,
    );
    assert_eq!(to, Some(Screen::Case), "{:?}", editor.ui.message);
    let play = playing.0.as_ref().unwrap();
    let c = play.session().scenario().clone();
    let d = c.ids.decisions["dec2"];
    assert!(
        play.session()
            .menu(play.role)
            .decisions
            .iter()
            .any(|(x, _)| *x == d),
        "dec2 is open"
    );
    let notice = play.refused.as_deref().unwrap_or_default();
    assert!(
        notice.contains("het deskundige pad komt hier niet") && notice.contains("dec1: y"),
        "{notice}"
    );
    // The playtest kept for the replay after an edit is that route.
    let kept = editor.sidecar.playtest.as_ref().unwrap();
    assert!(kept.steps.iter().any(|a| matches!(
        a,
        ketensim::core::scenario::model::Act::Decide { option, .. } if option == "y"
    )));
    std::fs::remove_dir_all(&dir).ok();
}

/// A case file that reads but does not check (here: a reference to a fact
/// that does not exist) shows as an error card, and "Bewerken" on it opens
/// the editor with the problem listed in Dutch; a file that does not read
/// as a case says why, in Dutch, with its place.
#[test]
fn a_case_with_errors_opens_in_the_editor_to_be_mended() {
    use ketensim::app::screens::EditorScreen;
    let dir = std::env::temp_dir().join(format!("ketensim-mend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mini = std::fs::read_to_string("tests/fixtures/mini.ron")
        .unwrap()
        .replacen("reveals: [\"f3\"]", "reveals: [\"f_weg\"]", 1);
    assert!(mini.contains("f_weg"));
    std::fs::write(dir.join("mini.ron"), mini).unwrap();
    std::fs::write(
        dir.join("kapot.ron"),
        "(\n    id: \"kapot\",\n    titel: \"x\",\n)\n",
    )
    .unwrap();
    let library = Library::read(&dir);
    let index = |name: &str| {
        library
            .entries
            .iter()
            .position(
                |e| matches!(&e.card, LibraryCard::Broken { file, .. } if file.ends_with(name)),
            )
            .unwrap_or_else(|| panic!("an error card for {name}"))
    };
    let editor = EditorScreen::open(&library, index("mini.ron")).unwrap();
    let doc = editor.doc.as_ref().unwrap();
    assert!(
        doc.problems().iter().any(|p| p.error
            && p.message
                .contains("verwijst naar feit `f_weg`, maar er is geen feit met dat id")),
        "{:?}",
        doc.problems()
    );
    let Err(why) = EditorScreen::open(&library, index("kapot.ron")) else {
        panic!("a file that is no case does not open");
    };
    assert!(
        why.contains("kapot.ron:3:5: fout: onbekend veld `titel`"),
        "{why}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
