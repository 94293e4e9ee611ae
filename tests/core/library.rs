//! The case library: every scenario in `scenarios/` is held to the same
//! bar, by looking at the folder rather than at one case by name, so a
//! seventh case is covered the day it is added. (`analyze` over every case,
//! exhaustively and within its time budget, is in the release sweeps:
//! `tests/sweeps/library.rs`; the CI script also runs `check --strict
//! --deep` and `analyze` over the folder, in release.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ketensim::cli::check::check_all;
use ketensim::core::answers::AnswerFile;
use ketensim::core::fairness::{flag_strategies, option_lengths};
use ketensim::core::scenario::model::{ChannelKind, OutcomeKind};

use crate::common::library;

const CORE_ROLES: [&str; 4] = ["gemeente", "politie", "zorgcoordinator", "riec"];

fn answer_files() -> Vec<(PathBuf, AnswerFile)> {
    let mut out: Vec<(PathBuf, AnswerFile)> = std::fs::read_dir("scenarios/answers")
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".answers.ron"))
        .map(|p| {
            let a = AnswerFile::read(&p).unwrap_or_else(|d| panic!("{d}"));
            (p, a)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn the_library_holds_six_cases_and_each_checks_clean_with_its_test_plan() {
    let lib = library();
    assert!(lib.len() >= 6, "six or more cases, found {}", lib.len());
    for (f, _) in &lib {
        let (diags, files, cases) = check_all(std::slice::from_ref(f));
        assert_eq!(files, 1);
        let text = diags.to_string();
        assert_eq!(diags.errors().count(), 0, "{text}");
        assert_eq!(diags.warnings().count(), 0, "{text}");
        assert!(
            cases >= 7,
            "{}: a test plan with at least 7 cases, found {cases}",
            f.display()
        );
    }
}

#[test]
fn every_case_meets_the_content_requirements() {
    for (f, c) in library() {
        let s = &c.scenario;
        let name = f.display();
        let signals = c.facts.iter().filter(|x| x.signal.is_some()).count();
        let vulnerable = c.facts.iter().filter(|x| x.vulnerability).count();
        println!(
            "{name}: {} facts ({signals} signals, {vulnerable} vulnerabilities, {} noise), {} injects ({} optional), {} decisions, {} rules, {} sharing rules, {} consent requests, {} expectations ({} manual), {} outcomes",
            s.facts.len(),
            s.facts.len() - signals - vulnerable,
            s.injects.len(),
            s.injects.iter().filter(|i| i.optional).count(),
            s.decisions.len(),
            s.rules.len(),
            s.sharing.rules.len(),
            s.consents.len(),
            s.expectations.len(),
            s.expectations.iter().filter(|e| e.manual).count(),
            s.outcomes.len()
        );
        assert!(s.facts.len() >= 20, "{name}: 20+ facts");
        for core in CORE_ROLES {
            let role = s.roles.iter().find(|r| r.id == core);
            let role = role.unwrap_or_else(|| panic!("{name}: role {core}"));
            assert!(role.playable, "{name}: {core} playable");
            assert!(
                !role.briefing.is_empty() && !role.goals.is_empty(),
                "{name}: {core} briefing and goals"
            );
        }
        let kinds: BTreeSet<String> = s.outcomes.iter().map(|o| format!("{:?}", o.kind)).collect();
        for k in [OutcomeKind::Good, OutcomeKind::Partial, OutcomeKind::Bad] {
            assert!(kinds.contains(&format!("{k:?}")), "{name}: a {k:?} outcome");
        }
        assert!(!s.pictures.is_empty(), "{name}: a picture");
        assert!(!s.consents.is_empty(), "{name}: consent that can be asked");
        assert!(
            s.channels.iter().any(|ch| ch.kind == ChannelKind::Meeting),
            "{name}: a casusoverleg"
        );
        assert!(
            s.injects.iter().any(|i| i.optional),
            "{name}: optional injects"
        );
        assert!(
            s.expectations.iter().any(|e| e.manual),
            "{name}: manual expectations"
        );
        let varied = s.facts.iter().any(|x| !x.variants.is_empty())
            || !s.pools.is_empty()
            || s.injects.iter().any(|i| i.jitter > 0);
        assert!(varied, "{name}: seeded variation");
        assert!(
            (30..=60).contains(&s.duration_minutes),
            "{name}: 30-60 minutes"
        );
        assert!(
            !s.learning_goals.is_empty(),
            "{name}: learning goals for the debrief"
        );
        // Signals stack across organisations: no role holds most of them
        // at the start.
        let signals = c.facts.iter().filter(|x| x.signal.is_some()).count();
        for (r, role) in s.roles.iter().enumerate() {
            let at_start = c
                .facts
                .iter()
                .filter(|x| x.signal.is_some() && x.known_by.contains(&r))
                .count();
            assert!(
                2 * at_start < signals,
                "{name}: {} holds {at_start} of {signals} signals at the start",
                role.id
            );
        }
        // A trainer note beside the case, with its sections.
        let note = f.with_extension("md");
        let text = std::fs::read_to_string(&note)
            .unwrap_or_else(|_| panic!("{name}: trainer note {}", note.display()));
        for heading in [
            "vijf regels",
            "Leerpunten",
            "casuïstiekbespreking",
            "trainingsdag",
            "domeinexpert",
        ] {
            assert!(
                text.to_lowercase().contains(&heading.to_lowercase()),
                "{}: section about '{heading}'",
                note.display()
            );
        }
    }
}

#[test]
fn every_case_has_its_own_answer_files_and_every_answer_file_names_a_case() {
    let lib = library();
    let ids: BTreeSet<String> = lib.iter().map(|(_, c)| c.scenario.id.clone()).collect();
    let answers = answer_files();
    for (p, a) in &answers {
        let named = a.answers.scenario.as_deref();
        assert!(
            named.is_some_and(|id| ids.contains(id)),
            "{}: names no case of the library ({named:?})",
            p.display()
        );
    }
    for (_, c) in &lib {
        let id = &c.scenario.id;
        let mine: Vec<&(PathBuf, AnswerFile)> = answers
            .iter()
            .filter(|(_, a)| a.answers.scenario.as_deref() == Some(id))
            .collect();
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();
        for role in c.scenario.roles.iter().filter(|r| r.playable) {
            let suffix = format!("-{}-expert.answers.ron", role.id);
            assert!(
                mine.iter().any(|(p, _)| name(p).ends_with(&suffix)),
                "{id}: expert answers for {}",
                role.id
            );
        }
        let poor = mine
            .iter()
            .filter(|(p, _)| name(p).contains("-poor"))
            .count();
        assert!(poor >= 2, "{id}: two poor answer files, found {poor}");
        assert!(
            mine.iter().any(|(_, a)| !a.answers.turns.is_empty()),
            "{id}: a group answer file"
        );
    }
}

#[test]
fn flagging_everything_scores_lower_than_the_expert_for_every_role_of_every_case() {
    for (f, c) in library() {
        let strategies = flag_strategies(&c, 1);
        let playable = c.scenario.roles.iter().filter(|r| r.playable).count();
        assert_eq!(strategies.len(), playable, "{}", f.display());
        for st in strategies {
            assert!(
                st.flag_everything < st.expert,
                "{} / {}: flag everything {} vs expert {} (max {})",
                f.display(),
                st.role,
                st.flag_everything,
                st.expert,
                st.max
            );
        }
    }
}

#[test]
fn the_expert_option_is_not_given_away_by_its_length() {
    for (f, c) in library() {
        let l = option_lengths(&c);
        assert!(l.decisions > 0, "{}: decisions", f.display());
        assert!(
            l.fraction() < 0.5,
            "{}: the expert option is longest in {} of {} decisions",
            f.display(),
            l.expert_longest.len(),
            l.decisions
        );
    }
}

#[test]
fn the_card_and_the_briefings_hold_no_learning_goal() {
    for (f, c) in library() {
        let s = &c.scenario;
        for goal in &s.learning_goals {
            assert!(
                !s.summary.contains(goal.as_str()),
                "{}: the card quotes a learning goal",
                f.display()
            );
            for role in &s.roles {
                assert!(
                    !role.briefing.contains(goal.as_str()) && !role.goals.contains(goal),
                    "{}: the briefing of {} quotes a learning goal",
                    f.display(),
                    role.id
                );
            }
        }
    }
}
