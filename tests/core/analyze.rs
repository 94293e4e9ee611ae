//! `analyze`: memoisation (each distinct state explored once, counted on
//! a scenario small enough to count by hand), the time-abstracted memo
//! against the exact one, and the bundled scenario against its test plan.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::analyze::{Mode, Options, analyze, explore};
use ketensim::core::answers::AnswerFile;
use ketensim::core::engine::Session;
use ketensim::core::eval::evaluate;
use ketensim::core::scenario::{Compiled, load_file, load_str};

/// One role, two day-parts, one decision open from the start with two
/// options, one signal known from the start. The moves: decide `x` or
/// `y` (while open), flag the signal (while unflagged), end the day-part.
/// With the moments of things left out of the state, a state is (day-part,
/// decision open/x/y, flagged or not) plus the end states:
///
/// - 2 × 3 × 2 = 12 states with moves, all reachable, and 3 × 2 = 6 end
///   states: 18 distinct states;
/// - moves per day-part: (open, unflagged) 4, (open, flagged) 3,
///   (x or y, unflagged) 2 each, (x or y, flagged) 1 each = 13; 26 in all;
///   26 − 17 = 9 of them reach a state seen before;
/// - paths, counted back from the end: at midday (x or y, flagged) 1,
///   (x or y, unflagged) 2, (open, flagged) 3, (open, unflagged) 8; in the
///   morning 1, 3, 5 and 19: 19 paths, all to the default outcome.
const TINY: &str = r#"(
    id: "klein",
    title: "Klein",
    version: "1",
    summary: "Telbaar.",
    forms: [Labour],
    learning_goals: ["Kiezen"],
    duration_minutes: 5,
    clock: (days: 1, parts: ["ochtend", "middag"]),
    roles: [(id: "a", name: "Rol A", organisation: "Org A", playable: true, briefing: "Jij bent A.")],
    subjects: [(id: "p1", name: "Persoon Een")],
    facts: [(id: "f1", text: "Werkt lang.", about: "p1", signal: (form: Labour, weight: 1), known_by: ["a"])],
    channels: [(id: "mail", name: "Mail", kind: Direct)],
    grounds: [(id: "taak", name: "Publieke taak", reference: "AVG art. 6 lid 1 sub e")],
    sharing: (default: (verdict: Unlawful, reason: "Geen grondslag.", reference: "AVG art. 6")),
    injects: [(id: "i1", to: "a", title: "Start", text: "Kies.", at: (day: 1, part: "ochtend"), opens: ["d"])],
    decisions: [
        (
            id: "d",
            role: "a",
            prompt: "Wat doe je?",
            options: [
                (id: "x", text: "Melden", expert: true, feedback: "Goed.", reference: "Meldcode", points: {Samenwerking: 2}),
                (id: "y", text: "Niets", feedback: "Fout.", reference: "Meldcode"),
            ],
        ),
    ],
    outcomes: [(id: "einde", title: "Einde", text: "Klaar.", kind: Partial)],
    default_outcome: "einde",
)
"#;

fn tiny() -> Arc<Compiled> {
    Arc::new(load_str(Path::new("klein.ron"), TINY).unwrap().compiled)
}

#[test]
fn memoisation_explores_each_distinct_state_once() {
    let c = tiny();
    let e = explore(&c, &["a".to_string()], &Options::default()).unwrap();
    assert_eq!(e.mode, Mode::Exhaustive);
    assert_eq!(e.states, 18);
    assert_eq!(e.end_states, 6);
    // Every state that is not an end had its moves tried exactly once.
    assert_eq!(e.expanded, 12);
    assert_eq!(e.expanded + e.end_states, e.states);
    assert_eq!(e.moves, 26);
    assert_eq!(e.revisits, 9);
    assert_eq!(e.moves, e.states - 1 + e.revisits);
    assert_eq!(e.outcomes.len(), 1);
    assert_eq!(e.outcomes[0].paths, 19);
    let samenwerking = e
        .scores
        .iter()
        .find(|s| s.competency == "samenwerking")
        .unwrap();
    assert_eq!(
        (samenwerking.min, samenwerking.max, samenwerking.maximum),
        (0, 2, 2)
    );
    let signalering = e
        .scores
        .iter()
        .find(|s| s.competency == "signalering")
        .unwrap();
    assert_eq!(
        (signalering.min, signalering.max, signalering.maximum),
        (0, 1, 1)
    );
    // The best path: decide `x`, flag, end both day-parts.
    let best = e.expert_path.as_ref().unwrap();
    assert_eq!(best.totals, [3]);
    assert_eq!(best.moves.len(), 4, "{:?}", best.moves);
    assert!(
        best.moves[0].ends_with("a: decide `d` → `x`"),
        "{:?}",
        best.moves
    );
    assert_eq!(e.longest_case.as_ref().unwrap().moves.len(), 4);
}

#[test]
fn the_exact_memo_keeps_the_moments_apart() {
    // With the moments in the state, deciding or flagging in the morning
    // or at midday are different states. Midday: decision open, x or y
    // from the morning, x or y from midday (5) × not flagged, flagged in
    // the morning, flagged at midday (3) = 15 states, each with its own
    // end: 6 + 15 + 15 = 36 states. Moves: 13 in the morning; at midday
    // 4 + 3 + 3 + 4 × 2 + 8 × 1 = 26; 39 in all, and only the order of
    // deciding and flagging within one day-part meets again (4 revisits).
    // Same paths.
    let c = tiny();
    let opts = Options {
        exact: true,
        ..Options::default()
    };
    let e = explore(&c, &["a".to_string()], &opts).unwrap();
    assert_eq!(
        (e.states, e.moves, e.revisits, e.end_states),
        (36, 39, 4, 15)
    );
    assert_eq!(e.outcomes[0].paths, 19);
}

#[test]
fn time_abstraction_and_score_sharing_change_no_result() {
    // On the mini fixture (two playable roles, scripts, pools, a
    // deadline, a talk): the default memo and the exact one find the same
    // outcomes, path counts, score ranges and best total; and end states
    // with the same score key always had the same score.
    let c = Arc::new(
        load_file(Path::new("tests/fixtures/mini.ron"))
            .unwrap()
            .compiled,
    );
    for seed in [1, 3] {
        let fast = Options {
            seed,
            verify_scores: true,
            ..Options::default()
        };
        let exact = Options {
            exact: true,
            ..fast.clone()
        };
        let a = analyze(&c, &fast).unwrap();
        let b = analyze(&c, &exact).unwrap();
        assert_eq!(a.explorations.len(), 3);
        let merged: usize = a.explorations.iter().map(|e| e.states).sum();
        let apart: usize = b.explorations.iter().map(|e| e.states).sum();
        assert!(merged < apart, "seed {seed}: {merged} vs {apart}");
        for (x, y) in a.explorations.iter().zip(&b.explorations) {
            assert_eq!(x.mode, Mode::Exhaustive, "{:?}", x.roles);
            assert_eq!(y.mode, Mode::Exhaustive, "{:?}", y.roles);
            assert!(x.states <= y.states, "{} vs {}", x.states, y.states);
            let paths = |e: &ketensim::core::analyze::Exploration| {
                e.outcomes
                    .iter()
                    .map(|o| (o.id.clone(), o.paths))
                    .collect::<Vec<_>>()
            };
            assert_eq!(paths(x), paths(y), "{:?}", x.roles);
            let ranges = |e: &ketensim::core::analyze::Exploration| {
                e.scores
                    .iter()
                    .map(|s| {
                        (
                            s.role.clone(),
                            s.competency.clone(),
                            s.min,
                            s.max,
                            s.maximum,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(ranges(x), ranges(y), "{:?}", x.roles);
            assert_eq!(
                x.expert_path.as_ref().map(|p| p.totals.clone()),
                y.expert_path.as_ref().map(|p| p.totals.clone())
            );
            assert!(x.score_key_sound && y.score_key_sound);
        }
    }
}

/// Plays an answer file for `role` to the end and evaluates it.
fn play(c: &Arc<Compiled>, file: &str, role: Option<&str>) -> ketensim::core::eval::Debrief {
    let answers = AnswerFile::read(Path::new(file)).unwrap();
    let (roles, steps) = answers.answers.sequence(role).unwrap();
    let seed = answers.answers.seed.unwrap_or(1);
    let mut s = Session::start(c.clone(), seed, &roles, None).unwrap();
    for (r, act) in &steps {
        s.apply(r, act).unwrap();
    }
    s.run_out(&roles[0]);
    evaluate(c.clone(), s.log()).unwrap()
}

#[test]
fn the_bundled_scenario_agrees_with_its_test_plan() {
    let c = Arc::new(
        load_file(Path::new("scenarios/criminele-uitbuiting-sem.ron"))
            .unwrap()
            .compiled,
    );
    let a = analyze(&c, &Options::default()).unwrap();
    let per_role = |role: &str| {
        a.explorations
            .iter()
            .find(|e| e.roles == [role.to_string()])
            .unwrap()
    };
    // Every role alone is explored exhaustively; together they sample.
    for role in ["gemeente", "politie", "zorgcoordinator", "riec"] {
        assert_eq!(per_role(role).mode, Mode::Exhaustive, "{role}");
    }
    assert_eq!(a.explorations.last().unwrap().mode, Mode::Sampled);
    // Expert plans: the exploration's maximum is what the expert file
    // scores, which is the evaluation's maximum, on every competency.
    for (role, file) in [
        (
            "gemeente",
            "scenarios/answers/sem-gemeente-expert.answers.ron",
        ),
        (
            "politie",
            "scenarios/answers/sem-politie-expert.answers.ron",
        ),
        (
            "zorgcoordinator",
            "scenarios/answers/sem-zorgcoordinator-expert.answers.ron",
        ),
        ("riec", "scenarios/answers/sem-riec-expert.answers.ron"),
    ] {
        let d = play(&c, file, Some(role));
        let e = per_role(role);
        for s in &d.roles[0].scores {
            let r = e.scores.iter().find(|x| x.competency == s.id).unwrap();
            assert_eq!((r.max, r.maximum), (s.earned, s.max), "{role} {}", s.id);
        }
        let total = e.scores.iter().find(|x| x.competency == "totaal").unwrap();
        assert_eq!(total.max, d.roles[0].total_earned, "{role}");
        assert_eq!(e.expert_path.as_ref().unwrap().outcome, "goed", "{role}");
        assert!(e.outcomes.iter().any(|o| o.id == "goed" && o.paths > 0));
    }
    // Poor plans: every score lies in the explored range once the
    // penalties for free actions (false flags, unlawful or excessive
    // shares outside the scripts, which `analyze` does not enumerate) are
    // taken off the minimum.
    for (role, file) in [
        (
            "gemeente",
            "scenarios/answers/sem-gemeente-poor.answers.ron",
        ),
        ("politie", "scenarios/answers/sem-politie-poor.answers.ron"),
    ] {
        let d = play(&c, file, Some(role));
        let e = per_role(role);
        let rd = &d.roles[0];
        let free = |comp: &str| -> i32 {
            rd.items
                .iter()
                .filter(|i| comp == "totaal" || i.competency == comp)
                .filter(|i| {
                    matches!(
                        i.kind,
                        ketensim::core::eval::ItemKind::FalseFlag
                            | ketensim::core::eval::ItemKind::Share
                    )
                })
                .map(|i| i.earned)
                .sum()
        };
        for r in &e.scores {
            let earned = if r.competency == "totaal" {
                rd.total_earned
            } else {
                rd.scores
                    .iter()
                    .find(|s| s.id == r.competency)
                    .unwrap()
                    .earned
            };
            assert!(
                r.min + free(&r.competency) <= earned && earned <= r.max,
                "{role} {}: {} + {} <= {earned} <= {}",
                r.competency,
                r.min,
                free(&r.competency),
                r.max
            );
        }
        // The poor outcome is one the exploration reaches.
        let outcome = d.outcome.as_ref().unwrap().id.clone();
        assert!(
            e.outcomes.iter().any(|o| o.id == outcome && o.paths > 0),
            "{role}: {outcome}"
        );
    }
}

#[test]
fn time_abstraction_changes_no_result_on_the_bundled_scenario() {
    // The smallest role of the bundled scenario, both ways.
    let c = Arc::new(
        load_file(Path::new("scenarios/criminele-uitbuiting-sem.ron"))
            .unwrap()
            .compiled,
    );
    let roles = ["riec".to_string()];
    let fast = Options {
        verify_scores: true,
        ..Options::default()
    };
    let x = explore(&c, &roles, &fast).unwrap();
    let y = explore(
        &c,
        &roles,
        &Options {
            exact: true,
            ..fast
        },
    )
    .unwrap();
    assert_eq!((x.mode, y.mode), (Mode::Exhaustive, Mode::Exhaustive));
    assert!(x.states < y.states, "{} vs {}", x.states, y.states);
    let paths = |e: &ketensim::core::analyze::Exploration| {
        e.outcomes
            .iter()
            .map(|o| (o.id.clone(), o.paths))
            .collect::<Vec<_>>()
    };
    assert_eq!(paths(&x), paths(&y));
    let ranges = |e: &ketensim::core::analyze::Exploration| {
        e.scores
            .iter()
            .map(|s| (s.competency.clone(), s.min, s.max))
            .collect::<Vec<_>>()
    };
    assert_eq!(ranges(&x), ranges(&y));
    assert!(x.score_key_sound && y.score_key_sound);
}

#[test]
fn too_many_states_fall_back_to_seeded_random_playthroughs() {
    let c = Arc::new(
        load_file(Path::new("tests/fixtures/mini.ron"))
            .unwrap()
            .compiled,
    );
    let full = explore(&c, &["a".to_string()], &Options::default()).unwrap();
    assert_eq!(full.mode, Mode::Exhaustive);
    let opts = Options {
        max_states: 10,
        runs: 200,
        ..Options::default()
    };
    let a = explore(&c, &["a".to_string()], &opts).unwrap();
    assert_eq!(a.mode, Mode::Sampled);
    assert_eq!(a.runs, 200);
    // Every playthrough ends in an outcome.
    assert_eq!(a.outcomes.iter().map(|o| o.paths).sum::<u128>(), 200);
    // What the samples reach, the exhaustive search reaches too, and the
    // sampled score ranges lie within the exhaustive ones.
    for (hit, all) in [
        (&a.coverage.injects, &full.coverage.injects),
        (&a.coverage.decisions, &full.coverage.decisions),
        (&a.coverage.rules, &full.coverage.rules),
        (&a.coverage.outcomes, &full.coverage.outcomes),
        (&a.coverage.facts, &full.coverage.facts),
    ] {
        assert!(!hit.reached.is_empty());
        assert!(hit.reached.iter().all(|x| all.reached.contains(x)));
    }
    assert!(
        a.coverage.script_steps.reached.iter().all(|x| full
            .coverage
            .script_steps
            .reached
            .contains(x))
    );
    for (s, f) in a.scores.iter().zip(&full.scores) {
        assert_eq!(s.competency, f.competency);
        assert!(f.min <= s.min && s.max <= f.max, "{}", s.competency);
    }
    assert!(a.states > 10 && a.states <= full.states);
    // The same seed gives the same playthroughs.
    let b = explore(&c, &["a".to_string()], &opts).unwrap();
    let strip = |e: &ketensim::core::analyze::Exploration| {
        let mut v = serde_json::to_value(e).unwrap();
        v["millis"] = 0.into();
        v["states_per_second"] = 0.into();
        v
    };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn the_json_has_the_documented_fields() {
    let c = tiny();
    let a = analyze(&c, &Options::default()).unwrap();
    let v = serde_json::to_value(&a).unwrap();
    for key in ["scenario", "seed", "max_states", "explorations"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let e = &v["explorations"][0];
    for key in [
        "roles",
        "mode",
        "states",
        "moves",
        "end_states",
        "expanded",
        "revisits",
        "evaluations",
        "runs",
        "estimated_states",
        "millis",
        "states_per_second",
        "outcomes",
        "scores",
        "expert_path",
        "longest_case",
        "coverage",
        "dead_ends",
    ] {
        assert!(e.get(key).is_some(), "{key}");
    }
    assert_eq!(e["mode"], "exhaustive");
    assert_eq!(e["outcomes"][0]["paths"], 19);
    for key in ["role", "competency", "label", "min", "max", "maximum"] {
        assert!(e["scores"][0].get(key).is_some(), "{key}");
    }
    for key in ["moves", "outcome", "totals", "ended_at"] {
        assert!(e["expert_path"].get(key).is_some(), "{key}");
    }
    for key in [
        "injects",
        "decisions",
        "rules",
        "outcomes",
        "facts",
        "script_steps",
    ] {
        assert!(e["coverage"][key]["reached"].is_array(), "{key}");
        assert!(e["coverage"][key]["missed"].is_array(), "{key}");
    }
    // Every documented field is in docs/analyze.md.
    let doc = std::fs::read_to_string("docs/analyze.md").unwrap();
    for key in e.as_object().unwrap().keys() {
        assert!(
            doc.contains(&format!("`{key}`")) || doc.contains(&format!("`{key}[]`")),
            "docs/analyze.md lacks `{key}`"
        );
    }
}

#[test]
fn one_exploration_for_the_chosen_roles() {
    use ketensim::core::analyze::analyze_roles;
    let c = Arc::new(
        load_file(Path::new("tests/fixtures/mini.ron"))
            .unwrap()
            .compiled,
    );
    let all = analyze(&c, &Options::default()).unwrap();
    let one = analyze_roles(&c, &["b".to_string()], &Options::default()).unwrap();
    assert_eq!(one.explorations.len(), 1);
    let same = all.explorations.iter().find(|e| e.roles == ["b"]).unwrap();
    assert_eq!(one.explorations[0].states, same.states);
    let err = analyze_roles(&c, &["x".to_string()], &Options::default()).unwrap_err();
    assert!(err.to_string().contains("unknown role `x`"), "{err}");
}

#[test]
fn script_steps_are_covered_and_a_dead_end_knows_what_came_before_it() {
    use ketensim::core::analyze::LastAct;
    // Mini: `b`'s one script step (pass `f2` to `a`) runs once `b` knows
    // `f1`, which only a free share of `a` gives it: no explored path
    // (free shares are not moves) runs it.
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let c = Arc::new(load_str(Path::new("mini.ron"), &src).unwrap().compiled);
    let a = analyze(&c, &Options::default()).unwrap();
    for e in &a.explorations {
        assert!(e.coverage.script_steps.reached.is_empty(), "{:?}", e.roles);
        assert_eq!(e.coverage.script_steps.missed, ["b#1"], "{:?}", e.roles);
    }
    // When `a`'s script makes that share, both steps run: `a`'s as the
    // expert when `a` is played, `b`'s by script or as the expert.
    let text = src.replacen(
        r#"playable: true, briefing: "Jij bent A."),"#,
        r#"playable: true, briefing: "Jij bent A.",
            script: [(when: Always, do: Share(facts: ["f1"], to: ["b"], channel: "mail", ground: "taak"))]),"#,
        1,
    );
    assert_ne!(text, src);
    let c = Arc::new(load_str(Path::new("mini.ron"), &text).unwrap().compiled);
    let a = analyze(&c, &Options::default()).unwrap();
    for e in a.explorations.iter().filter(|e| e.roles.len() == 1) {
        assert_eq!(
            e.coverage.script_steps.reached,
            ["a#1", "b#1"],
            "{:?}",
            e.roles
        );
        assert!(e.coverage.script_steps.missed.is_empty());
    }
    // Four days instead of one: once `a` has decided and flagged in the
    // first morning, nothing happens for eight day-parts. The first path
    // found decides `x` and then flags; the dead end comes after the
    // option (flagging is left aside).
    let text = TINY.replace("clock: (days: 1,", "clock: (days: 4,");
    assert_ne!(text, TINY);
    let c = Arc::new(load_str(Path::new("klein.ron"), &text).unwrap().compiled);
    let a = analyze(&c, &Options::default()).unwrap();
    let first = &a.explorations[0].dead_ends[0];
    assert_eq!((first.tick, first.idle_parts), (0, 8), "{first:?}");
    assert_eq!(
        first.after,
        Some(LastAct::Option {
            decision: 0,
            option: 0
        }),
        "{first:?}"
    );
    assert!(
        first
            .moves
            .last()
            .is_some_and(|m| m.contains("flag the signals")),
        "{first:?}"
    );
}
