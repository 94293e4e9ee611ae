//! The bundled scenario: it checks clean, its answer files reach the
//! intended outcomes, and play is deterministic — the same scenario, seed
//! and answers give byte-identical transcripts and session logs, twice in a
//! row and after a save/load round trip.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::engine::transcript::render;
use ketensim::core::engine::{Session, SessionLog};
use ketensim::core::scenario::load_file;

const SCENARIO: &str = "scenarios/criminele-uitbuiting-sem.ron";

fn args(role: &str, answers: &str) -> PlayArgs {
    PlayArgs {
        scenario: PathBuf::from(SCENARIO),
        role: Some(role.into()),
        answers: PathBuf::from(format!("scenarios/answers/{answers}.answers.ron")),
        seed: None,
        log: None,
        finish: true,
        trainee: None,
        report: None,
    }
}

fn outcome(role: &str, answers: &str) -> String {
    let r = play(&args(role, answers)).unwrap_or_else(|d| panic!("{d:?}"));
    let (o, _) = r.session.state().outcome.expect("the case ends");
    r.session.scenario().scenario.outcomes[o].id.clone()
}

#[test]
fn bundled_scenarios_check_clean() {
    let out = Command::new(env!("CARGO_BIN_EXE_ketensim"))
        .args(["check", "--strict", "scenarios"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn scenario_meets_the_content_requirements() {
    let c = load_file(Path::new(SCENARIO)).unwrap().compiled;
    let s = &c.scenario;
    assert!(s.facts.len() >= 20);
    assert!(s.clock.days >= 3);
    for core in ["gemeente", "politie", "zorgcoordinator", "riec"] {
        let role = s.roles.iter().find(|r| r.id == core).expect(core);
        assert!(role.playable && !role.briefing.is_empty());
    }
    let kinds: std::collections::BTreeSet<_> =
        s.outcomes.iter().map(|o| format!("{:?}", o.kind)).collect();
    assert!(kinds.len() >= 2, "at least two different outcomes");
    for d in &s.decisions {
        for o in &d.options {
            assert!(
                !o.feedback.is_empty() && !o.reference.is_empty(),
                "{}/{}",
                d.id,
                o.id
            );
        }
    }
}

/// The bundled case says what the law says (issue 10): who holds what under
/// which regime, art. 9 and art. 10 kept apart, a 15-year-old and his
/// mother who both consent, meetings that sit, and an outcome that cannot
/// be reached unlawfully.
#[test]
fn the_bundled_case_models_the_law() {
    use ketensim::core::scenario::model::Regime;
    let c = load_file(Path::new(SCENARIO)).unwrap().compiled;
    let s = &c.scenario;
    let role = |id: &str| s.roles.iter().find(|r| r.id == id).unwrap();
    assert_eq!(role("politie").regime, Regime::Wpg);
    assert_eq!(role("om").regime, Regime::Wjsg);
    let fact = |id: &str| s.facts.iter().find(|f| f.id == id).unwrap();
    // Health-derived: special category, held under beroepsgeheim.
    for id in ["f_kwetsbaar", "f_lvb", "f_jeugdhulp", "f_ggz_dossier"] {
        assert!(fact(id).special, "{id}");
        assert_eq!(fact(id).regime, Some(Regime::Beroepsgeheim), "{id}");
    }
    // Police observations without an offence are not criminal-law data;
    // offences and suspicions are.
    for id in ["f_hotspot", "f_sem_kadeweg"] {
        assert!(!fact(id).criminal, "{id}");
    }
    for id in [
        "f_pas_afgegeven",
        "f_pakketje",
        "f_werver",
        "f_riec_verband",
    ] {
        assert!(fact(id).criminal, "{id}");
    }
    assert!(
        s.facts.iter().all(|f| f.category.is_none()),
        "format 2 only"
    );
    let sem = s.subjects.iter().find(|x| x.id == "sem").unwrap();
    assert_eq!(
        (sem.age, sem.guardians.clone()),
        (Some(15), vec!["moeder".to_string()])
    );
    assert!(s.grounds.iter().any(|g| g.id == "toestemming" && g.consent));
    // The care route: consent asked of Sem and his mother in the case.
    assert!(
        s.consents
            .iter()
            .any(|q| q.id == "c_zorg_zvh" && q.subject == "sem")
    );
    // The casusoverleggen sit at times.
    for id in ["casusoverleg_riec", "casusoverleg_zvh"] {
        let ch = s.channels.iter().find(|x| x.id == id).unwrap();
        assert!(!ch.always && !ch.sits.is_empty(), "{id}");
    }
    // 'goed' cannot be reached through an unlawful or excessive share.
    let goed = s.rules.iter().find(|r| r.id == "r_goed").unwrap();
    assert!(
        format!("{:?}", goed.when).contains("Breach"),
        "{:?}",
        goed.when
    );
}

#[test]
fn answer_files_reach_their_outcomes() {
    assert_eq!(outcome("gemeente", "sem-gemeente-expert"), "goed");
    assert_eq!(outcome("politie", "sem-politie-expert"), "goed");
    assert_eq!(
        outcome("zorgcoordinator", "sem-zorgcoordinator-expert"),
        "goed"
    );
    assert_eq!(outcome("riec", "sem-riec-expert"), "goed");
    assert_eq!(
        outcome("gemeente", "sem-gemeente-poor"),
        "slecht_gewaarschuwd"
    );
    assert_eq!(outcome("politie", "sem-politie-poor"), "slecht");
}

#[test]
fn play_is_deterministic_across_runs_and_save_load() {
    for (role, answers) in [
        ("gemeente", "sem-gemeente-expert"),
        ("politie", "sem-politie-poor"),
    ] {
        let a = play(&args(role, answers)).unwrap();
        let b = play(&args(role, answers)).unwrap();
        assert_eq!(a.transcript, b.transcript);
        let log_a = a.session.log().to_ron();
        assert_eq!(log_a, b.session.log().to_ron());

        // Save, load, replay: the same state, transcript and log bytes.
        let dir = std::env::temp_dir().join(format!("ketensim-det-{}-{role}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sessie.session.ron");
        std::fs::write(&path, &log_a).unwrap();
        let loaded = SessionLog::read(&path).unwrap();
        let compiled = Arc::new(load_file(Path::new(SCENARIO)).unwrap().compiled);
        let replayed = Session::replay(compiled.clone(), &loaded).unwrap();
        assert_eq!(replayed.state(), a.session.state());
        assert_eq!(render(&compiled, replayed.history()), a.transcript);
        assert_eq!(replayed.log().to_ron(), log_a);
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn cli_play_prints_the_same_bytes_twice_and_writes_the_log() {
    let dir = std::env::temp_dir().join(format!("ketensim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |log: &Path| {
        Command::new(env!("CARGO_BIN_EXE_ketensim"))
            .args([
                "play",
                SCENARIO,
                "--role",
                "gemeente",
                "--answers",
                "scenarios/answers/sem-gemeente-expert.answers.ron",
                "--log",
            ])
            .arg(log)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let (l1, l2) = (dir.join("1.session.ron"), dir.join("2.session.ron"));
    let (o1, o2) = (run(&l1), run(&l2));
    assert!(
        o1.status.success(),
        "{}",
        String::from_utf8_lossy(&o1.stderr)
    );
    assert_eq!(o1.stdout, o2.stdout);
    assert!(String::from_utf8_lossy(&o1.stdout).contains("Einde van de casus"));
    assert_eq!(std::fs::read(&l1).unwrap(), std::fs::read(&l2).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_refused_step_names_its_position() {
    let dir = std::env::temp_dir().join(format!("ketensim-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("bad.answers.ron");
    std::fs::write(
        &answers,
        "Answers(\n  steps: [\n    Advance,\n    Flag(fact: \"f_pakketje\", form: Criminal),\n  ],\n)\n",
    )
    .unwrap();
    let mut a = args("gemeente", "x");
    a.answers = answers.clone();
    let err = play(&a).unwrap_err();
    assert_eq!(err[0].pos.line, 4);
    assert_eq!(err[0].pos.col, 5);
    assert!(
        err[0]
            .message
            .contains("step 2 (gemeente) cannot be played"),
        "{}",
        err[0]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Sharing within one organisation is judged too: Burgerzaken gives the
/// address signal to the aandachtsfunctionaris as a share under a
/// within-organisation rule; to another organisation that rule does not
/// apply.
#[test]
fn the_address_signal_is_a_judged_share_within_the_gemeente() {
    use ketensim::core::engine::law::judge;
    use ketensim::core::scenario::model::Verdict;
    let r = play(&args("gemeente", "sem-gemeente-expert")).unwrap();
    let c = r.session.scenario();
    let st = r.session.state();
    let bz = c.ids.roles["burgerzaken"];
    let gem = c.ids.roles["gemeente"];
    let f = c.ids.facts["f_brp_adres"];
    let sh = st
        .shares
        .iter()
        .find(|x| x.from == bz && x.to == gem && x.fact == f)
        .expect("Burgerzaken shares the address signal");
    assert_eq!(sh.verdict, Verdict::Lawful);
    let rule = sh.rule.map(|i| c.scenario.sharing.rules[i].id.clone());
    assert_eq!(rule, Some(Some("sr_binnen_gemeente".to_string())));
    assert!(c.same_organisation(bz, gem));
    let j = judge(
        c,
        st,
        bz,
        c.ids.roles["politie"],
        f,
        c.ids.channels["beveiligde_mail"],
        c.ids.grounds["publieke_taak"],
    );
    assert_ne!(j.rule, sh.rule);
}
