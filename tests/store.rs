//! Durable session files (`core::store`): one file per attempt, atomic
//! saves that leave no temporary file behind.

use ketensim::core::engine::SessionLog;
use ketensim::core::store::{attempt_name, new_attempt, save, write_atomic};

fn log(trainee: Option<&str>) -> SessionLog {
    SessionLog {
        format: SessionLog::FORMAT,
        scenario: "criminele-uitbuiting-sem".into(),
        scenario_hash: "abc".into(),
        seed: 1,
        roles: vec!["politie".into()],
        trainee: trainee.map(str::to_string),
        actions: Vec::new(),
    }
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
    use std::sync::Arc;

    use ketensim::cli::answers::AnswerFile;
    use ketensim::core::engine::Session;
    use ketensim::core::scenario::load_file;
    use ketensim::core::store::{SavedStatus, list};

    let c = Arc::new(
        load_file(std::path::Path::new(
            "scenarios/criminele-uitbuiting-sem.ron",
        ))
        .unwrap()
        .compiled,
    );
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
            unfinished.replace("format: 1", "format: 9").into_bytes(),
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
