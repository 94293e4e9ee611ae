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
