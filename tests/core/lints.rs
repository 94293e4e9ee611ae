//! Every lint of `check` (and `check --deep`) on a minimal scenario: one
//! variant that triggers it and the base scenario that does not.

use std::path::PathBuf;

use ketensim::cli::check::check_with;

/// A small scenario without any warning: role `a` sees two labour
/// signals, reports to the meldpunt by script and decides once.
const BASE: &str = r#"(
    id: "klein",
    title: "Klein",
    version: "1",
    summary: "Lint-test.",
    forms: [Labour],
    learning_goals: ["Melden"],
    duration_minutes: 5,
    clock: (days: 1, parts: ["ochtend", "middag", "avond"]),
    roles: [
        (
            id: "a",
            name: "Rol A",
            organisation: "Org A",
            playable: true,
            briefing: "Jij bent A.",
            script: [
                (when: Knows(role: "a", fact: "f1"), do: Flag(fact: "f1", form: Labour)),
                (when: Knows(role: "a", fact: "f1"), do: Share(facts: ["f1"], to: ["m"], channel: "melding", ground: "taak")),
            ],
        ),
        (id: "m", name: "Meldpunt", organisation: "Meldpunt", briefing: "Ontvangt meldingen."),
    ],
    subjects: [(id: "p1", name: "Persoon Een")],
    facts: [
        (id: "f1", text: "Werkt veertien uur per dag.", about: "p1", signal: (form: Labour, weight: 2), known_by: ["a"]), (id: "f0", text: "Rijdt op een blauwe fiets.", about: "p1", known_by: ["a"]),
        (id: "f2", text: "Woont boven de zaak.", about: "p1", signal: (form: Labour, weight: 1)),
    ],
    channels: [(id: "melding", name: "Melding", kind: Report, members: ["m"])],
    grounds: [(id: "taak", name: "Publieke taak", reference: "AVG art. 6 lid 1 sub e")],
    sharing: (
        default: (verdict: Unlawful, reason: "Geen grondslag.", reference: "AVG art. 6"),
        rules: [(grounds: ["taak"], verdict: Lawful, reason: "Publieke taak.", reference: "AVG art. 6 lid 1 sub e")],
    ),
    injects: [
        (id: "i1", to: "a", title: "Bezoek", text: "A komt langs.", at: (day: 1, part: "middag"), reveals: ["f2"], opens: ["d1"]),
    ],
    decisions: [
        (
            id: "d1",
            role: "a",
            prompt: "Wat doe je?",
            options: [
                (id: "melden", text: "Melden", expert: true, feedback: "Goed.", reference: "Meldcode", points: {Samenwerking: 1}),
                (id: "niets", text: "Niets doen", feedback: "Fout.", reference: "Meldcode"),
            ],
        ),
    ],
    rules: [
        (id: "r_goed", when: Decided(decision: "d1", option: "melden"), then: [End(outcome: "goed")]),
        (id: "r_slecht", when: Decided(decision: "d1", option: "niets"), then: [End(outcome: "slecht")]),
    ],
    outcomes: [
        (id: "goed", title: "Goed", text: "Gemeld.", kind: Good),
        (id: "slecht", title: "Slecht", text: "Niet gemeld.", kind: Bad),
    ],
    default_outcome: "slecht",
)
"#;

/// Writes `text` to a fresh folder and runs `check` (with `deep`);
/// returns every warning and error as text.
fn check(name: &str, text: &str, deep: bool) -> String {
    let dir = std::env::temp_dir().join(format!("ketensim-lints-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("klein.ron");
    std::fs::write(&file, text).unwrap();
    let (diags, n, _) = check_with(&[PathBuf::from(&file)], deep);
    assert_eq!(n, 1);
    std::fs::remove_dir_all(&dir).ok();
    diags
        .0
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn variant(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the base has no `{from}`");
    BASE.replacen(from, to, 1)
}

#[test]
fn the_base_scenario_has_no_warnings() {
    assert_eq!(check("base", BASE, false), "");
    assert_eq!(check("base-deep", BASE, true), "");
}

#[test]
fn a_fact_nothing_reveals() {
    let text = variant(
        r#"        (id: "f2","#,
        r#"        (id: "f3", text: "Niemand weet dit.", about: "p1"),
        (id: "f2","#,
    );
    let out = check("fact", &text, false);
    assert!(
        out.contains("klein.ron:27:14: warning: fact `f3` is never known by any role"),
        "{out}"
    );
}

/// A branch the static checks cannot rule out but no playthrough reaches:
/// `d1` opens at midday, so it cannot be decided before midday.
const DEAD_BRANCH: (&str, &str) = (
    r#"    decisions: ["#,
    r#"    variables: [],
    decisions: [
        (
            id: "d2",
            role: "a",
            prompt: "Nog iets?",
            options: [
                (id: "ja", text: "Ja", expert: true, feedback: "Goed.", reference: "Meldcode", points: {Samenwerking: 1}),
                (id: "nee", text: "Nee", feedback: "Fout.", reference: "Meldcode"),
            ],
        ),"#,
);

fn dead_branch() -> String {
    variant(DEAD_BRANCH.0, DEAD_BRANCH.1)
        .replacen(
            r#"    injects: ["#,
            r#"    injects: [
        (id: "i2", to: "a", title: "Nooit", text: "Komt nooit.", when: All([Decided(decision: "d1", option: "niets"), Before(day: 1, part: "middag")]), reveals: ["f3"], opens: ["d2"]),"#,
            1,
        )
        .replacen(
            r#"        (id: "f2","#,
            r#"        (id: "f3", text: "Alleen via i2.", about: "p1"),
        (id: "f2","#,
            1,
        )
        .replacen(
            "\n    rules: [",
            r#"
    rules: [
        (id: "r_later", when: Decided(decision: "d2", option: "ja"), then: [End(outcome: "later")]),"#,
            1,
        )
        .replacen(
            r#"    outcomes: ["#,
            r#"    outcomes: [
        (id: "later", title: "Later", text: "Nooit bereikt.", kind: Partial),"#,
            1,
        )
}

#[test]
fn unreachable_injects_decisions_rules_outcomes_and_facts() {
    let text = dead_branch();
    // The static checks accept the branch...
    let quick = check("branch", &text, false);
    assert_eq!(quick, "", "{quick}");
    // ... the exploration does not.
    let out = check("branch-deep", &text, true);
    for want in [
        "warning: inject `i2` is reached by no playthrough",
        "warning: decision `d2` is reached by no playthrough",
        "warning: rule `r_later` fires in no playthrough",
        "warning: outcome `later` is reached by no playthrough",
        "warning: fact `f3` is revealed in no playthrough",
    ] {
        assert!(out.contains(want), "missing `{want}` in\n{out}");
    }
    assert!(out.contains("hint: free shares and flags"), "{out}");
    // Each at its definition.
    let line_of = |id: &str| {
        text.lines()
            .position(|l| {
                l.contains(&format!("(id: \"{id}\"")) || l.trim() == format!("id: \"{id}\",")
            })
            .map(|i| i + 1)
            .unwrap()
    };
    assert!(
        out.contains(&format!("klein.ron:{}:", line_of("i2"))),
        "{out}"
    );
    assert!(
        out.contains(&format!("klein.ron:{}:", line_of("r_later"))),
        "{out}"
    );
}

#[test]
fn a_dead_end() {
    // Three days instead of one, and `niets` no longer ends the case:
    // after it, at midday, nothing can happen any more for eight of the
    // nine day-parts.
    let text = variant(
        r#"clock: (days: 1, parts"#,
        r#"clock: (days: 3, parts"#,
    )
    .replacen(
        r#"        (id: "r_slecht", when: Decided(decision: "d1", option: "niets"), then: [End(outcome: "slecht")]),
"#,
        "",
        1,
    );
    assert_eq!(check("dead-quick", &text, false), "");
    let out = check("dead", &text, true);
    // At the option after which nothing can happen, not at
    // `default_outcome`.
    let line = text
        .lines()
        .position(|l| l.contains(r#"(id: "niets""#))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "klein.ron:{line}:22: warning: dead end: after option `niets` of decision `d1`, from Dag 1, middag on the trainee can only end day-parts; nothing happens any more for 8 of the case's 9 day-parts until `slecht`"
        )),
        "{out}"
    );
    assert!(
        out.contains("hint: end the case earlier with a rule"),
        "{out}"
    );
}

#[test]
fn a_dead_end_after_a_script_step() {
    // `a` reports only once it has decided, and `niets` no longer ends the
    // case: after the report that follows `niets` (script step 2, working
    // as the expert) nothing happens for the rest of three days.
    let text = variant(
        r#"clock: (days: 1, parts"#,
        r#"clock: (days: 3, parts"#,
    )
    .replacen(
        r#"(when: Knows(role: "a", fact: "f1"), do: Share("#,
        r#"(when: Decided(decision: "d1"), do: Share("#,
        1,
    )
    .replacen(
        r#"        (id: "r_slecht", when: Decided(decision: "d1", option: "niets"), then: [End(outcome: "slecht")]),
"#,
        "",
        1,
    );
    let out = check("dead-step", &text, true);
    let dead: Vec<&str> = out.lines().filter(|l| l.contains("dead end")).collect();
    assert_eq!(dead.len(), 1, "{out}");
    let line = text.lines().position(|l| l.contains("do: Share(")).unwrap() + 1;
    let col = text.lines().nth(line - 1).unwrap().find("do:").unwrap() + 1;
    assert!(
        dead[0].contains(&format!(
            "klein.ron:{line}:{col}: warning: dead end: after script step 2 of `a`, from Dag 1, middag on"
        )),
        "{out}"
    );
}

#[test]
fn a_decision_without_expert_option_or_feedback() {
    let text = variant(r#"expert: true, feedback: "Goed.", "#, r#"feedback: "", "#);
    let out = check("expert", &text, false);
    // Errors: a scripted run could not take the decision, and the debrief
    // would have nothing to say.
    assert!(
        out.contains("klein.ron:40:17: error: decision `d1` has no expert option"),
        "{out}"
    );
    assert!(
        out.contains("klein.ron:44:22: error: option `melden` of decision `d1` has no feedback"),
        "{out}"
    );
}

#[test]
fn a_signal_no_playable_role_sees() {
    let text = variant(r#"(id: "i1", to: "a","#, r#"(id: "i1", to: "m","#);
    let out = check("signal", &text, false);
    assert!(
        out.contains("warning: signal `f2` reaches no playable role on its expert path"),
        "{out}"
    );
}

#[test]
fn sharing_rules_that_forbid_a_needed_share() {
    let text = variant(
        r#"rules: [(grounds: ["taak"], verdict: Lawful"#,
        r#"rules: [(grounds: ["taak"], verdict: Unlawful"#,
    );
    let out = check("share", &text, false);
    assert!(
        out.contains("klein.ron:26:14: warning: every way for `a` to share fact `f1` with `m` is judged unlawful or excessive by the sharing rules, but the script of `a` (its expert path) does it"),
        "{out}"
    );
}

#[test]
fn unscored_actions() {
    let text = variant(r#", points: {Samenwerking: 1}"#, "");
    let out = check("unscored", &text, false);
    assert!(
        out.contains("warning: decision `d1` scores nothing: none of its options has points"),
        "{out}"
    );
    // A playable role with nothing to score at all.
    let text = variant(
        r#"        (id: "m", name"#,
        r#"        (id: "b", name: "Rol B", organisation: "Org B", playable: true, briefing: "Jij bent B."),
        (id: "m", name"#,
    );
    let out = check("unscored-role", &text, false);
    assert!(
        out.contains("warning: nothing role `b` does is scored"),
        "{out}"
    );
}

#[test]
fn a_breach_on_the_expert_path() {
    // The script of `a` is the expert: its report is judged more than
    // needed by the first rule.
    let text = variant(
        r#"rules: [(grounds: ["taak"], verdict: Lawful"#,
        r#"rules: [(id: "sr_te_veel", facts: ["f1"], channels: ["melding"], verdict: Excessive, reason: "Te veel.", reference: "AVG art. 5"), (grounds: ["taak"], verdict: Lawful"#,
    );
    let out = check("breach", &text, false);
    assert!(
        out.contains("klein.ron:12:17: warning: on the expert path, `a` shares fact `f1` with `m` and it is judged meer dan nodig (by sharing rule `sr_te_veel`)"),
        "{out}"
    );
    assert!(!check("base-breach", BASE, false).contains("on the expert path"));
}

#[test]
fn a_consent_answer_that_does_not_count() {
    // p2 is neither p1 nor his guardian: the answer is ignored. A
    // guardian's answer to a 16-year-old's consent is heard (good
    // practice), without a warning.
    let text = variant(
        r#"subjects: [(id: "p1", name: "Persoon Een")],"#,
        r#"subjects: [(id: "p1", name: "Persoon Een", age: 16, guardians: ["p3"]), (id: "p2", name: "Persoon Twee"), (id: "p3", name: "Persoon Drie")],
    consents: [(id: "c1", role: "a", subject: "p1", kind: Processing, text: "Mag ik het melden?", facts: ["f1"], answers: [
        (person: "p1", gives: true, text: "Ja."),
        (person: "p2", gives: true, text: "Ja hoor."),
        (person: "p3", gives: false, text: "Liever niet."),
    ])],"#,
    );
    let out = check("consent", &text, false);
    assert!(
        out.contains("warning: `p2` answers `c1` but is neither `p1` nor one of his guardians: the answer is ignored"),
        "{out}"
    );
    assert!(!out.contains("`p3` answers"), "{out}");
    assert!(!out.contains("does not say which consent"), "{out}");
}

#[test]
fn a_consent_request_without_a_kind_or_a_person_who_decides() {
    // No `kind`: read as Both, with a warning that says what to write.
    let text = variant(
        r#"subjects: [(id: "p1", name: "Persoon Een")],"#,
        r#"subjects: [(id: "p1", name: "Persoon Een", age: 13, guardians: ["p2"]), (id: "p2", name: "Persoon Twee")],
    consents: [(id: "c1", role: "a", subject: "p1", text: "Mag ik het melden?", facts: ["f1"], answers: [
        (person: "p1", gives: true, text: "Ja."),
    ])],"#,
    );
    let out = check("consent-kind", &text, false);
    assert!(
        out.contains("warning: consent request `c1` does not say which consent it asks for; it is read as `kind: Both`"),
        "{out}"
    );
    // Read as Both, the guardian p2 decides too (AVG consent under 16),
    // and has no answer: always refused.
    assert!(
        out.contains("`p2` decides on consent request `c1`"),
        "{out}"
    );
    // A secrecy consent that covers "everything about him" is an error.
    let text = variant(
        r#"subjects: [(id: "p1", name: "Persoon Een")],"#,
        r#"subjects: [(id: "p1", name: "Persoon Een", age: 13, guardians: ["p2"]), (id: "p2", name: "Persoon Twee")],
    consents: [(id: "c1", role: "a", subject: "p1", kind: Secrecy, text: "Mag ik alles vertellen?", answers: [
        (person: "p1", gives: true, text: "Ja."),
    ])],"#,
    );
    let out = check("consent-all", &text, false);
    assert!(
        out.contains("error: consent request `c1` covers every fact about `p1` (`facts: []`)"),
        "{out}"
    );
}

#[test]
fn a_side_door_is_reported_with_both_lines_and_can_be_accepted() {
    // f1 is more than needed in the meeting where a and m both sit, but
    // the generic public-task rule lets it through by phone and by report:
    // side doors (purpose binding, issue 16) — a's own fact by phone and by
    // report, and what m heard in the meeting, passed back by phone.
    let planted = variant(
        r#"channels: [(id: "melding", name: "Melding", kind: Report, members: ["m"])],"#,
        r#"channels: [
        (id: "melding", name: "Melding", kind: Report, members: ["m"]),
        (id: "telefoon", name: "Telefoon", kind: Direct),
        (id: "overleg", name: "Overleg", kind: Meeting, members: ["a", "m"], always: true),
    ],"#,
    )
    .replacen(
        r#"rules: [(grounds: ["taak"], verdict: Lawful"#,
        r#"rules: [(id: "sr_overleg_te_veel", facts: ["f1"], channels: ["overleg"], verdict: Excessive, reason: "Niet voor dit overleg.", reference: "AVG art. 5"), (grounds: ["taak"], verdict: Lawful"#,
        1,
    );
    let out = check("side-door", &planted, true);
    let doors: Vec<&str> = out.lines().filter(|l| l.contains("side door")).collect();
    assert_eq!(doors.len(), 3, "{out}");
    // The line of the rule that lets it through (a rule without an id: the
    // `sharing` key) and the line of the meeting's rule.
    for (from, to, how, channel) in [
        ("a", "m", "its own", "melding"),
        ("a", "m", "its own", "telefoon"),
        ("m", "a", "received in the meeting", "telefoon"),
    ] {
        let want = format!(
            "klein.ron:35:5: warning: side door: `f1` from `{from}` to `{to}` ({how}) on `taak` is judged rechtmatig through `{channel}` (line 35: sharing rule #2) but meer dan nodig in `overleg`, where both sit (line 37: sharing rule `sr_overleg_te_veel`)"
        );
        assert!(doors.iter().any(|d| d.contains(&want)), "{want}\n{out}");
    }
    // Without --deep nothing is said; the plain check stays fast.
    assert!(!check("side-door-plain", &planted, false).contains("side door"));

    // The author states why the routes differ: accepted, no warning.
    let accepted = planted.replacen(
        r#"default: (verdict: Unlawful"#,
        r#"side_doors: [(facts: ["f1"], channels: ["telefoon", "melding"], reason: "De melding heeft een ander doel dan het overleg.")],
        default: (verdict: Unlawful"#,
        1,
    );
    assert!(!check("side-door-ok", &accepted, true).contains("side door"));
    // An accepted route names only its channels: the phone alone leaves
    // the report as a side door.
    let half = accepted.replacen(
        r#"channels: ["telefoon", "melding"]"#,
        r#"channels: ["telefoon"]"#,
        1,
    );
    let out = check("side-door-half", &half, true);
    assert_eq!(
        out.lines().filter(|l| l.contains("side door")).count(),
        1,
        "{out}"
    );
    assert!(out.contains("through `melding`"), "{out}");
}

#[test]
fn a_talk_that_asks_consent_for_the_trainee() {
    let text = variant(
        r#"subjects: [(id: "p1", name: "Persoon Een")],"#,
        r#"subjects: [(id: "p1", name: "Persoon Een")],
    talks: [(id: "t1", role: "a", subject: "p1", text: "Gesprek.", effects: [AskConsent(request: "c1")])],
    consents: [(id: "c1", role: "a", subject: "p1", kind: Processing, text: "Mag ik het melden?", facts: ["f1"], answers: [
        (person: "p1", gives: true, text: "Ja."),
    ])],"#,
    );
    let out = check("talk-consent", &text, false);
    assert!(
        out.contains("warning: talk `t1` asks consent `c1` on the trainee's behalf"),
        "{out}"
    );
}

#[test]
fn a_script_step_that_runs_in_no_playthrough() {
    // The meldpunt flags `f2` once it knows it, but nobody ever tells it:
    // the static checks cannot rule that out, the exploration can. A step
    // that waits for an optional inject (a trainer's release) is not
    // reported.
    let text = variant(
        r#"(id: "m", name: "Meldpunt", organisation: "Meldpunt", briefing: "Ontvangt meldingen."),"#,
        r#"(id: "m", name: "Meldpunt", organisation: "Meldpunt", briefing: "Ontvangt meldingen.",
         script: [
             (when: Knows(role: "m", fact: "f1"), do: Flag(fact: "f1", form: Labour)),
             (when: Knows(role: "m", fact: "f2"), do: Flag(fact: "f2", form: Labour)),
             (when: Delivered(inject: "i_trainer"), do: Flag(fact: "f1", form: Criminal)),
         ]),"#,
    )
    .replacen(
        r#"    injects: ["#,
        r#"    injects: [
        (id: "i_trainer", to: "m", title: "Extra", text: "Alleen op een trainingsdag.", optional: true, trainer_note: "Als de groep vastloopt."),"#,
        1,
    );
    assert!(!check("step-quick", &text, false).contains("script step"));
    let out = check("step-deep", &text, true);
    let steps: Vec<&str> = out.lines().filter(|l| l.contains("script step")).collect();
    assert_eq!(steps.len(), 1, "{out}");
    let line = text
        .lines()
        .position(|l| l.contains(r#"fact: "f2"), do: Flag"#))
        .unwrap()
        + 1;
    assert!(
        steps[0].contains(&format!(
            "klein.ron:{line}:51: warning: script step 2 of `m` runs in no playthrough (every playthrough of `analyze`, test plan)"
        )),
        "{out}"
    );
    assert!(out.contains("shows a `wacht` line"), "{out}");
}
