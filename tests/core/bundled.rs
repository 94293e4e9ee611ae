//! The bundled scenario: it checks clean, its answer files reach the
//! intended outcomes, and play is deterministic — the same scenario, seed
//! and answers give byte-identical transcripts and session logs, twice in a
//! row and after a save/load round trip.

use std::path::Path;

use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::engine::transcript::render;
use ketensim::core::engine::{Session, SessionLog};

use crate::common::{SEM, ketensim, play_args, sem};

fn args(role: &str, answers: &str) -> PlayArgs {
    play_args(
        SEM,
        Some(role),
        format!("scenarios/answers/{answers}.answers.ron"),
    )
}

fn outcome(role: &str, answers: &str) -> String {
    let r = play(&args(role, answers)).unwrap_or_else(|d| panic!("{d:?}"));
    let (o, _) = r.session.state().outcome.expect("the case ends");
    r.session.scenario().scenario.outcomes[o].id.clone()
}

#[test]
fn bundled_scenarios_check_clean() {
    let out = ketensim()
        .args(["check", "--strict", "scenarios"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn scenario_meets_the_content_requirements() {
    let c = sem();
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

/// The bundled case says what the law says (issues 10 and 16): who holds
/// what under which regime (the zorgcoördinator works for a care provider
/// and holds Sem's data under beroepsgeheim), art. 9 and art. 10 kept
/// apart, two kinds of consent with listed facts, meetings that sit, and
/// an outcome that cannot be reached unlawfully.
#[test]
fn the_bundled_case_models_the_law() {
    use ketensim::core::scenario::model::Regime;
    let c = sem();
    let s = &c.scenario;
    let role = |id: &str| s.roles.iter().find(|r| r.id == id).unwrap();
    assert_eq!(role("politie").regime, Regime::Wpg);
    assert_eq!(role("om").regime, Regime::Wjsg);
    assert_eq!(role("zorgcoordinator").regime, Regime::Beroepsgeheim);
    assert!(role("zorgcoordinator").organisation.contains("Jeugdhulp"));
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
    assert_eq!(sem.capable, Some(true), "assessed: he can weigh this");
    assert!(s.grounds.iter().any(|g| g.id == "toestemming" && g.consent));
    // The care route: Sem's consent to lift the secrecy for one fact, to
    // the ZVH partners, in the ZVH; it can be asked again after a talk.
    use ketensim::core::scenario::model::ConsentKind;
    let q = |id: &str| s.consents.iter().find(|q| q.id == id).unwrap();
    let zvh = q("c_zorg_zvh");
    assert_eq!(zvh.kind, Some(ConsentKind::Secrecy));
    assert_eq!(zvh.facts, vec!["f_kwetsbaar".to_string()]);
    assert_eq!(zvh.channels, vec!["casusoverleg_zvh".to_string()]);
    assert!(!zvh.to.is_empty() && zvh.again.is_some());
    // A care provider's CoMensha registration: his secrecy and his
    // mother's AVG consent (under 16).
    assert_eq!(q("c_zorg_comensha").kind, Some(ConsentKind::Both));
    // No blanket consent, no talk that asks consent on the trainee's behalf.
    assert!(s.consents.iter().all(|q| !q.facts.is_empty()));
    assert!(s.talks.iter().all(|t| t.effects.iter().all(|e| !matches!(
        e,
        ketensim::core::scenario::model::Effect::AskConsent { .. }
    ))));
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
        let compiled = sem();
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
        ketensim()
            .args([
                "play",
                SEM,
                "--role",
                "gemeente",
                "--answers",
                "scenarios/answers/sem-gemeente-expert.answers.ron",
                "--log",
            ])
            .arg(log)
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

/// Judges one share in a state, by ids.
fn judge_ids(
    c: &ketensim::core::scenario::compiled::Compiled,
    st: &ketensim::core::engine::State,
    from: &str,
    to: &str,
    fact: &str,
    channel: &str,
    ground: &str,
) -> (ketensim::core::scenario::model::Verdict, Option<String>) {
    let j = ketensim::core::engine::law::judge(
        c,
        st,
        c.ids.roles[from],
        c.ids.roles[to],
        c.ids.facts[fact],
        c.ids.channels[channel],
        c.ids.grounds[ground],
    );
    let rule = j.rule.and_then(|r| c.scenario.sharing.rules[r].id.clone());
    (j.verdict, rule)
}

/// domain.md, "Two different consents": the care worker brings minimal
/// health detail into the ZVH on the Wgs after the 15-year-old agreed to
/// lifting his secrecy (mother asked too): right. The same on the consent
/// ground is a label fault, not an unlawful disclosure; the diagnosis is
/// not covered; what the police received under his consent stays inside
/// it; and sharing less never scores lower than sharing more.
#[test]
fn the_care_route_is_the_wgs_after_sems_consent() {
    use ketensim::core::scenario::model::Verdict;
    let r = play(&args("zorgcoordinator", "sem-zorgcoordinator-expert")).unwrap();
    let c = r.session.scenario();
    let st = r.session.state();
    // The option held the talk and asked; Sem's answer decided, his
    // mother's was heard.
    let req = c.ids.consents["c_zorg_zvh"];
    let rec = st.consents[req].as_ref().expect("asked");
    let sem = c.ids.subjects["sem"];
    let moeder = c.ids.subjects["moeder"];
    assert!(
        rec.answers
            .iter()
            .any(|a| a.person == sem && a.decides && a.gives)
    );
    assert!(rec.answers.iter().any(|a| a.person == moeder && !a.decides));
    let z = |fact, ground| {
        judge_ids(
            c,
            st,
            "zorgcoordinator",
            "politie",
            fact,
            "casusoverleg_zvh",
            ground,
        )
    };
    assert_eq!(
        z("f_kwetsbaar", "wgs"),
        (Verdict::Lawful, Some("sr_zorg_zvh_wgs".to_string()))
    );
    assert_eq!(z("f_kwetsbaar", "toestemming").0, Verdict::WrongGround);
    assert_eq!(z("f_lvb", "wgs").0, Verdict::Unlawful);
    assert_eq!(z("f_ggz_dossier", "wgs").0, Verdict::Unlawful);
    // The police hold f_kwetsbaar under Sem's consent: not to the Raad.
    let (v, _) = judge_ids(
        c,
        st,
        "politie",
        "raad",
        "f_kwetsbaar",
        "melding_raad",
        "wpg",
    );
    assert_eq!(v, Verdict::Unlawful);
    let pol = c.ids.roles["politie"];
    let f = c.ids.facts["f_kwetsbaar"];
    assert_eq!(st.binding(pol, f), Some(req));

    // Proportionate sharing scores at least as well as sharing more, and
    // the wrong label costs less than an unlawful share.
    let total = |answers: &str| {
        let r = play(&args("zorgcoordinator", answers)).unwrap();
        let d =
            ketensim::core::eval::evaluate(r.session.scenario().clone(), r.session.log()).unwrap();
        let sec = d
            .roles
            .iter()
            .find(|x| x.role == "zorgcoordinator")
            .unwrap()
            .clone();
        (sec.total_earned, sec)
    };
    let (expert, sec) = total("sem-zorgcoordinator-expert");
    assert!(
        sec.expectations.iter().all(|e| e.met),
        "{:?}",
        sec.expectations
    );
    let dir = std::env::temp_dir().join(format!("ketensim-zorg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("scenarios/answers/sem-zorgcoordinator-expert.answers.ron")
        .unwrap();
    let wgs =
        r#"Share(facts: ["f_kwetsbaar"], to: [], channel: "casusoverleg_zvh", ground: "wgs"),"#;
    assert!(text.contains(wgs));
    let variant = |name: &str, with: &str| {
        let p = dir.join(format!("{name}.answers.ron"));
        std::fs::write(&p, text.replace(wgs, with)).unwrap();
        let mut a = args("zorgcoordinator", "x");
        a.answers = p;
        let r = play(&a).unwrap();
        let d =
            ketensim::core::eval::evaluate(r.session.scenario().clone(), r.session.log()).unwrap();
        d.roles
            .iter()
            .find(|x| x.role == "zorgcoordinator")
            .unwrap()
            .total_earned
    };
    let label = variant(
        "label",
        r#"Share(facts: ["f_kwetsbaar"], to: [], channel: "casusoverleg_zvh", ground: "toestemming"),"#,
    );
    let more = variant(
        "more",
        r#"Share(facts: ["f_kwetsbaar", "f_lvb"], to: [], channel: "casusoverleg_zvh", ground: "wgs"),"#,
    );
    std::fs::remove_dir_all(&dir).ok();
    assert!(label < expert && more < label, "{expert} {label} {more}");
}

/// Purpose binding: no side door next to the casusoverleg (every accepted
/// one has a reason), and what a partner heard in a casusoverleg does not
/// go on by phone.
#[test]
fn the_bundled_case_has_no_side_doors() {
    use ketensim::core::scenario::model::Verdict;
    let c = sem();
    let doors = ketensim::core::sidedoor::side_doors(&c);
    assert!(doors.is_empty(), "{doors:?}");
    assert!(
        c.scenario
            .sharing
            .side_doors
            .iter()
            .all(|d| !d.reason.is_empty())
    );
    let r = play(&args("gemeente", "sem-gemeente-expert")).unwrap();
    let (c, st) = (r.session.scenario(), r.session.state());
    // Heard in the ZVH (from Veilig Thuis), passed on by phone: unlawful.
    assert_eq!(
        judge_ids(
            c,
            st,
            "gemeente",
            "politie",
            "f_sem_bang",
            "telefoon",
            "publieke_taak"
        ),
        (
            Verdict::Unlawful,
            Some("sr_doelbinding_overleg".to_string())
        )
    );
    // Family information to the RIEC by mail is as excessive as in the meeting.
    assert_eq!(
        judge_ids(
            c,
            st,
            "gemeente",
            "riec",
            "f_sem_klusjes",
            "beveiligde_mail",
            "publieke_taak"
        ),
        (Verdict::Excessive, Some("sr_riec_zorg_direct".to_string()))
    );
    // The acute call to the police about a missing minor is lawful; ticking
    // "vital interest" is a label fault.
    assert_eq!(
        judge_ids(
            c,
            st,
            "gemeente",
            "politie",
            "f_moeder_zorgen",
            "telefoon",
            "publieke_taak"
        )
        .0,
        Verdict::Lawful
    );
    assert_eq!(
        judge_ids(
            c,
            st,
            "gemeente",
            "politie",
            "f_moeder_zorgen",
            "telefoon",
            "vitaal_belang"
        )
        .0,
        Verdict::WrongGround
    );
}

/// The bestuurlijke rapportage goes to the burgemeester, after the RIEC
/// agreed the approach with the OvJ, with what the measure needs; the Raad
/// gets what concerns Sem, not intelligence on third parties.
#[test]
fn police_reports_have_their_conditions() {
    use ketensim::core::engine::Session;
    use ketensim::core::scenario::model::Verdict;
    let c = sem();
    let start = Session::start(c.clone(), 1, &["politie".to_string()], None).unwrap();
    let br = |st, fact| {
        judge_ids(
            &c,
            st,
            "politie",
            "gemeente",
            fact,
            "bestuurlijke_rapportage",
            "wpg",
        )
    };
    assert_eq!(
        br(start.state(), "f_werver"),
        (Verdict::Unlawful, Some("sr_pol_br_vroeg".to_string()))
    );
    let r = play(&args("politie", "sem-politie-expert")).unwrap();
    let st = r.session.state();
    assert_eq!(
        br(st, "f_werver"),
        (
            Verdict::Lawful,
            Some("sr_pol_bestuurlijke_rapportage".to_string())
        )
    );
    assert_eq!(br(st, "f_pakketje").0, Verdict::Excessive);
    // Mail is not the route.
    assert_eq!(
        judge_ids(
            &c,
            st,
            "politie",
            "gemeente",
            "f_werver",
            "beveiligde_mail",
            "wpg"
        )
        .0,
        Verdict::Unlawful
    );
    let raad = |fact| judge_ids(&c, st, "politie", "raad", fact, "melding_raad", "wpg");
    assert_eq!(raad("f_pakketje").0, Verdict::Lawful);
    assert_eq!(
        raad("f_werver"),
        (Verdict::Excessive, Some("sr_raad_derden".to_string()))
    );
    let sem = s_of(&c, "raad");
    assert!(sem.contains("vroeghulp") && !sem.contains("vroeghulp door de jeugdreclassering"));
}

fn s_of(c: &ketensim::core::scenario::compiled::Compiled, role: &str) -> String {
    c.scenario
        .roles
        .iter()
        .find(|r| r.id == role)
        .map(|r| r.briefing.clone())
        .unwrap_or_default()
}

/// The trainer's "schoolhek" inject: the school's observation reaches the
/// gemeente as a judged share (the verzuimmelding), not as text.
#[test]
fn the_schoolhek_inject_is_a_judged_share() {
    use ketensim::core::engine::{Seat, Session};
    use ketensim::core::scenario::model::Verdict;
    let c = sem();
    let seats = vec![Seat {
        role: "gemeente".into(),
        person: None,
    }];
    let mut s = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    s.apply("gemeente", &ketensim::core::scenario::model::Act::Advance)
        .unwrap();
    s.apply("gemeente", &ketensim::core::scenario::model::Act::Advance)
        .unwrap();
    s.release("i_opt_schoolhek").unwrap();
    let (school, gem, f) = (
        c.ids.roles["school"],
        c.ids.roles["gemeente"],
        c.ids.facts["f_schoolhek"],
    );
    let sh = s
        .state()
        .shares
        .iter()
        .find(|x| x.from == school && x.to == gem && x.fact == f)
        .expect("the school supplements its verzuimmelding");
    assert_eq!(sh.verdict, Verdict::Lawful);
    assert_eq!(
        sh.rule.and_then(|r| c.scenario.sharing.rules[r].id.clone()),
        Some("sr_verzuimmelding".to_string())
    );
    let text = &c.scenario.injects[c.ids.injects["i_opt_schoolhek"]].text;
    assert!(!text.contains("schoolhek instapte"), "{text}");
}

/// Issue 17: signals, vulnerabilities and noise are three kinds. Sem's
/// LVB, his closed youth-care trajectory, what the care derives from it
/// and the old Veilig Thuis investigation are vulnerabilities, not
/// signals; every playable role holds at least two ordinary facts on its
/// expert path; flagging the LVB costs a point; and a role is offered only
/// the channels it can use (the zorgcoördinator not the school's
/// verzuimregister, only the police the Raad and the bestuurlijke
/// rapportage).
#[test]
fn vulnerabilities_noise_and_channel_users() {
    use ketensim::core::engine::Session;
    let c = sem();
    let s = &c.scenario;
    let ix = |id: &str| c.ids.facts[id];
    for id in ["f_lvb", "f_jeugdhulp", "f_kwetsbaar", "f_vt_eerder"] {
        assert!(c.facts[ix(id)].vulnerability, "{id}");
        assert!(c.facts[ix(id)].signal.is_none(), "{id}");
    }
    for role in ["gemeente", "politie", "zorgcoordinator", "riec"] {
        let r = play(&args(role, &format!("sem-{role}-expert"))).unwrap();
        let st = r.session.state();
        let me = c.ids.roles[role];
        let noise: Vec<&str> = (0..c.facts.len())
            .filter(|&f| {
                st.knows(me, f) && c.facts[f].signal.is_none() && !c.facts[f].vulnerability
            })
            .map(|f| s.facts[f].id.as_str())
            .collect();
        assert!(noise.len() >= 2, "{role}: {noise:?}");
    }
    // The LVB flagged as a signal (before the expert's own actions) is a
    // false flag: it costs a Signalering point.
    let expert = play(&args("zorgcoordinator", "sem-zorgcoordinator-expert")).unwrap();
    let expert = expert.session.log().clone();
    let mut s2 = Session::start(c.clone(), expert.seed, &expert.roles, None).unwrap();
    let flag = ketensim::core::scenario::model::Act::Flag {
        fact: "f_lvb".into(),
        form: ketensim::core::scenario::model::Form::Criminal,
    };
    s2.apply("zorgcoordinator", &flag).unwrap();
    for a in &expert.actions {
        s2.apply(&a.role, &a.act).unwrap();
    }
    let log = s2.log().clone();
    let d = ketensim::core::eval::evaluate(c.clone(), &log).unwrap();
    let sec = d
        .roles
        .iter()
        .find(|x| x.role == "zorgcoordinator")
        .unwrap();
    let item = sec
        .items
        .iter()
        .find(|i| i.subject == "f_lvb" && i.kind == ketensim::core::eval::ItemKind::FalseFlag)
        .expect("the flag on the LVB is named");
    assert_eq!((item.competency.as_str(), item.earned), ("signalering", -1));
    // Channels: what each role is offered at the start.
    let offered = |role: &str| -> Vec<String> {
        let st = Session::start(c.clone(), 1, &[role.to_string()], None).unwrap();
        st.menu(c.ids.roles[role])
            .channels
            .iter()
            .map(|(ch, _)| s.channels[*ch].id.clone())
            .collect()
    };
    let zorg_channels = offered("zorgcoordinator");
    assert!(
        !zorg_channels.contains(&"verzuimmelding".to_string()),
        "{zorg_channels:?}"
    );
    assert!(zorg_channels.contains(&"melding_veilig_thuis".to_string()));
    for role in ["gemeente", "riec"] {
        let ch = offered(role);
        for only_police in ["melding_raad", "bestuurlijke_rapportage", "verzuimmelding"] {
            assert!(!ch.contains(&only_police.to_string()), "{role}: {ch:?}");
        }
    }
    let pol = offered("politie");
    assert!(
        pol.contains(&"melding_raad".to_string())
            && pol.contains(&"bestuurlijke_rapportage".to_string())
    );
}
