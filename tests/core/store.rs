//! Durable session files (`core::store`): one file per attempt, atomic
//! saves that leave no temporary file behind.

use ketensim::core::engine::SessionLog;
use ketensim::core::store::{attempt_name, new_attempt, save, write_atomic};

use crate::common::sem;

fn log(trainee: Option<&str>) -> SessionLog {
    // From text, so that fields a later format adds take their defaults.
    let trainee = trainee.map_or("None".to_string(), |t| format!("Some({t:?})"));
    SessionLog::from_ron(
        std::path::Path::new("test.session.ron"),
        &format!(
            "SessionLog(format: 1, scenario: \"criminele-uitbuiting-sem\", scenario_hash: \"abc\", seed: 1, roles: [\"politie\"], trainee: {trainee}, actions: [])"
        ),
    )
    .unwrap()
}

#[test]
fn an_attempt_name_says_scenario_role_trainee_and_time() {
    assert_eq!(
        attempt_name(&log(Some("Bas V.")), 1_796_307_300, 0x3f9a),
        "criminele-uitbuiting-sem-politie-bas-v--20261203T141500Z-3f9a.session.ron"
    );
    assert_eq!(
        attempt_name(&log(None), 0, 1),
        "criminele-uitbuiting-sem-politie-19700101T000000Z-0001.session.ron"
    );
}

#[test]
fn two_attempts_with_the_same_scenario_role_and_seed_get_two_files() {
    let dir = std::env::temp_dir().join(format!("ketensim-store-{}", std::process::id()));
    let l = log(Some("Bas"));
    let a = new_attempt(&dir, &l).unwrap();
    let b = new_attempt(&dir, &l).unwrap();
    assert_ne!(a, b);
    save(&a, &l).unwrap();
    let mut l2 = l.clone();
    l2.seed = 2;
    save(&b, &l2).unwrap();
    assert_eq!(std::fs::read_to_string(&a).unwrap(), l.to_ron());
    assert_eq!(std::fs::read_to_string(&b).unwrap(), l2.to_ron());
    // Saving again replaces the content whole; no temporary file stays.
    write_atomic(&a, "opnieuw\n").unwrap();
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "opnieuw\n");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    // A folder that cannot be written is an error, not a silent loss.
    let blocked = dir.join("bestand");
    std::fs::write(&blocked, "x").unwrap();
    assert!(new_attempt(&blocked.join("sessies"), &l).is_err());
    assert!(write_atomic(&blocked.join("x.session.ron"), "y").is_err());
    std::fs::remove_dir_all(&dir).ok();
}

/// The Start screen's list of saved sessions: unfinished, finished,
/// truncated, random bytes, an edited scenario, a newer format and an
/// empty file each get their own Dutch message, and listing changes no
/// file.
#[test]
fn listing_says_what_each_file_is_and_touches_nothing() {
    use ketensim::core::answers::AnswerFile;
    use ketensim::core::engine::Session;
    use ketensim::core::store::{SavedStatus, list};

    let c = sem();
    let dir = std::env::temp_dir().join(format!("ketensim-list-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = AnswerFile::read(std::path::Path::new(
        "scenarios/answers/sem-gemeente-expert.answers.ron",
    ))
    .unwrap()
    .answers
    .steps;
    let mut s = Session::start(c.clone(), 1, &["gemeente".into()], Some("Fatima".into())).unwrap();
    for a in answers.iter().take(5) {
        s.apply("gemeente", a).unwrap();
    }
    let unfinished = s.log().to_ron();
    s.run_out("gemeente");
    let finished = s.log().to_ron();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("a-open.session.ron", unfinished.clone().into_bytes()),
        ("b-klaar.session.ron", finished.into_bytes()),
        (
            "c-afgebroken.session.ron",
            unfinished.as_bytes()[..unfinished.len() / 2].to_vec(),
        ),
        (
            "d-ruis.session.ron",
            vec![0xff, 0xfe, 0x00, 0x13, 0x37, 0x80, 0x81],
        ),
        (
            "e-gewijzigd.session.ron",
            unfinished.replace(&c.hash, &"0".repeat(64)).into_bytes(),
        ),
        (
            "f-nieuwer.session.ron",
            unfinished
                .replace(&format!("format: {}", SessionLog::FORMAT), "format: 9")
                .into_bytes(),
        ),
        ("g-leeg.session.ron", Vec::new()),
        ("geen-sessie.txt", b"iets anders".to_vec()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let find = |id: &str, hash: &str| (id == c.scenario.id && hash == c.hash).then(|| c.clone());
    let mut listed = list(&dir, find);
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    let statuses: Vec<&SavedStatus> = listed.iter().map(|s| &s.status).collect();
    assert_eq!(statuses.len(), 7, "only session files: {statuses:?}");
    assert!(
        matches!(
            statuses[0],
            SavedStatus::Ok {
                actions: 5,
                ended: None,
                ..
            }
        ),
        "{:?}",
        statuses[0]
    );
    assert!(
        matches!(statuses[1], SavedStatus::Ok { ended: Some(_), .. }),
        "{:?}",
        statuses[1]
    );
    assert!(
        matches!(statuses[2], SavedStatus::Unreadable(_)),
        "{:?}",
        statuses[2]
    );
    assert!(
        matches!(statuses[3], SavedStatus::Unreadable(_)),
        "{:?}",
        statuses[3]
    );
    assert_eq!(statuses[4], &SavedStatus::ScenarioChanged);
    assert_eq!(statuses[5], &SavedStatus::NewerFormat(9));
    assert_eq!(statuses[6], &SavedStatus::Empty);
    assert!(listed.iter().all(|s| s.saved_at.ends_with(" UTC")));
    let messages: Vec<String> = listed.iter().map(|s| s.message()).collect();
    assert!(
        messages[0].starts_with("Niet afgerond: Dag "),
        "{}",
        messages[0]
    );
    assert!(messages[1].starts_with("Afgerond: "), "{}", messages[1]);
    assert!(
        messages[2].contains("beschadigd of onvolledig"),
        "{}",
        messages[2]
    );
    assert!(messages[4].contains("gewijzigd"), "{}", messages[4]);
    assert!(messages[5].contains("nieuwere versie"), "{}", messages[5]);
    for m in &messages[2..6] {
        assert!(m.contains("blijft bewaard"), "{m}");
    }
    // Nothing was changed, moved or deleted.
    for (name, bytes) in &files {
        assert_eq!(&std::fs::read(dir.join(name)).unwrap(), bytes, "{name}");
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), files.len());
    std::fs::remove_dir_all(&dir).ok();
}

/// The politie expert's steps, then ending the day-part until the case
/// ends: every action of a complete run, as the crash test plays them.
fn politie_run(
    c: &std::sync::Arc<ketensim::core::scenario::Compiled>,
) -> Vec<ketensim::core::scenario::model::Act> {
    use ketensim::core::engine::Session;
    let steps = ketensim::core::answers::AnswerFile::read(std::path::Path::new(
        "scenarios/answers/sem-politie-expert.answers.ron",
    ))
    .unwrap()
    .answers
    .steps;
    let mut s = Session::start(c.clone(), 1, &["politie".into()], None).unwrap();
    for a in &steps {
        s.apply("politie", a).unwrap();
    }
    s.run_out("politie");
    s.log().actions.iter().map(|a| a.act.clone()).collect()
}

/// `store::resume`, the Start screen's "Verder spelen": a session saved
/// after k actions resumes (through `list`) to the state of a fresh replay
/// and of the session that was saved, in its own file; going on from there
/// gives the same final log and state as a run that was never interrupted.
#[test]
fn a_resumed_session_equals_a_fresh_replay_and_goes_on_as_if_never_stopped() {
    use ketensim::core::engine::Session;
    use ketensim::core::store::{fingerprint, list, resume};

    let c = sem();
    let run = politie_run(&c);
    let mut whole = Session::start(c.clone(), 1, &["politie".into()], None).unwrap();
    for a in &run {
        whole.apply("politie", a).unwrap();
    }
    assert!(whole.state().ended());
    let dir = std::env::temp_dir().join(format!("ketensim-resume-{}", std::process::id()));
    let find = |id: &str, hash: &str| (id == c.scenario.id && hash == c.hash).then(|| c.clone());
    for k in [1, 2, 9, 20, run.len() - 1, run.len()] {
        std::fs::remove_dir_all(&dir).ok();
        let mut live = Session::start(c.clone(), 1, &["politie".into()], None).unwrap();
        let mut file = None;
        for a in &run[..k] {
            live.apply("politie", a).unwrap();
            let f = file.get_or_insert_with(|| new_attempt(&dir, live.log()).unwrap());
            save(f, live.log()).unwrap();
        }
        let listed = list(&dir, find);
        assert_eq!(listed.len(), 1);
        let r = resume(&listed[0], find).unwrap();
        assert_eq!(Some(&r.file), file.as_ref(), "goes on in its own file");
        assert_eq!(r.role_id, "politie");
        assert_eq!(c.scenario.roles[r.role].id, "politie");
        let fresh = Session::replay(c.clone(), live.log()).unwrap();
        for other in [&fresh, &live] {
            assert_eq!(r.session.log(), other.log(), "k = {k}");
            assert_eq!(r.session.state(), other.state(), "k = {k}");
            assert_eq!(r.session.history(), other.history(), "k = {k}");
            assert_eq!(fingerprint(&r.session), fingerprint(other), "k = {k}");
        }
        // Go on, saving into the same file, and end as the whole run did.
        let mut s = r.session;
        for a in &run[k..] {
            s.apply("politie", a).unwrap();
            save(&r.file, s.log()).unwrap();
        }
        assert_eq!(s.log(), whole.log(), "k = {k}");
        assert_eq!(s.state(), whole.state(), "k = {k}");
        assert_eq!(fingerprint(&s), fingerprint(&whole), "k = {k}");
        let again = list(&dir, find);
        assert_eq!(again.len(), 1, "no second file for the same attempt");
        assert_eq!(again[0].log.as_ref(), Some(whole.log()));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Resuming reads the file again: a list that went stale cannot roll back
/// actions saved since; an edited scenario gives its Dutch message.
#[test]
fn resume_reads_the_file_again_and_says_why_it_cannot() {
    use ketensim::core::engine::Session;
    use ketensim::core::store::{ResumeError, list, resume};

    let c = sem();
    let run = politie_run(&c);
    let dir = std::env::temp_dir().join(format!("ketensim-stale-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let find = |id: &str, hash: &str| (id == c.scenario.id && hash == c.hash).then(|| c.clone());
    let mut s = Session::start(c.clone(), 1, &["politie".into()], None).unwrap();
    s.apply("politie", &run[0]).unwrap();
    let f = new_attempt(&dir, s.log()).unwrap();
    save(&f, s.log()).unwrap();
    let listed = list(&dir, find);
    for a in &run[1..4] {
        s.apply("politie", a).unwrap();
    }
    save(&f, s.log()).unwrap();
    let r = resume(&listed[0], find).unwrap();
    assert_eq!(r.session.log().actions.len(), 4);
    let none = |_: &str, _: &str| None;
    let e = resume(&listed[0], none).unwrap_err();
    assert_eq!(e, ResumeError::ScenarioChanged);
    assert!(e.to_string().contains("blijft bewaard"), "{e}");
    std::fs::write(&f, "SessionLog(format: 1, scen").unwrap();
    let e = resume(&listed[0], find).unwrap_err();
    assert!(matches!(e, ResumeError::Unreadable(_)), "{e:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Where sessions go: `$KETENSIM_DATA`, else the OS data directory; the
/// folder of earlier versions (`~/ketensim`) while it holds sessions and
/// the OS folder does not exist yet.
#[test]
fn the_data_folder_follows_the_os() {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use ketensim::core::store::data_dir_for;

    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    };
    let nothing = |_: &Path| false;
    let at = |p: &str| PathBuf::from(p);
    let home = &[("HOME", "/home/bas")];
    assert_eq!(
        data_dir_for(
            "linux",
            env(&[("KETENSIM_DATA", "/d"), ("HOME", "/h")]),
            nothing
        ),
        at("/d")
    );
    assert_eq!(
        data_dir_for("linux", env(home), nothing),
        at("/home/bas/.local/share/ketensim")
    );
    assert_eq!(
        data_dir_for(
            "linux",
            env(&[("HOME", "/home/bas"), ("XDG_DATA_HOME", "/x")]),
            nothing
        ),
        at("/x/ketensim")
    );
    // A relative XDG_DATA_HOME is ignored (XDG Base Directory spec).
    assert_eq!(
        data_dir_for(
            "linux",
            env(&[("HOME", "/home/bas"), ("XDG_DATA_HOME", "rel")]),
            nothing
        ),
        at("/home/bas/.local/share/ketensim")
    );
    assert_eq!(
        data_dir_for("macos", env(home), nothing),
        at("/home/bas/Library/Application Support/ketensim")
    );
    assert_eq!(
        data_dir_for(
            "windows",
            env(&[("APPDATA", r"C:\Users\bas\AppData\Roaming")]),
            nothing
        ),
        PathBuf::from(r"C:\Users\bas\AppData\Roaming").join("ketensim")
    );
    assert_eq!(
        data_dir_for("linux", env(&[]), nothing),
        at("ketensim-data")
    );
    // Sessions saved by an earlier version stay where they are and listed.
    let old_sessions = |p: &Path| p == Path::new("/home/bas/ketensim/sessies");
    assert_eq!(
        data_dir_for("linux", env(home), old_sessions),
        at("/home/bas/ketensim")
    );
    let both = |p: &Path| {
        p == Path::new("/home/bas/ketensim/sessies")
            || p == Path::new("/home/bas/.local/share/ketensim")
    };
    assert_eq!(
        data_dir_for("linux", env(home), both),
        at("/home/bas/.local/share/ketensim")
    );
}
