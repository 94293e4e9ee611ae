//! Whose answer decides a consent request (issue 16, part 5), end to end:
//! ages 11, 12, 15, 16 and 17 × both kinds of consent (lifting
//! beroepsgeheim, AVG consent as the processing ground) × capable or not ×
//! a guardian who says yes, says no, or is absent. Each cell is a tiny
//! scenario text, loaded, played (the consent asked, once with the young
//! person saying yes and once no) and read back from the session's state.
//!
//! The table (domain.md, "Two different consents"):
//! - `Secrecy`: under 12 the guardian decides; from 12 the young person
//!   himself when he can weigh his interests (a guardian's "no" does not
//!   block, a guardian's "yes" does not replace his "no"); not capable:
//!   the guardian.
//! - `Processing`: under 16 the guardian (the legal representative); from
//!   16 the person when capable, else the guardian.
//! - Where the guardian must decide and there is none, the scenario does
//!   not load: nobody can give the consent.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::Session;
use ketensim::core::scenario::load_str;
use ketensim::core::scenario::model::Act;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Secrecy,
    Processing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guardian {
    Yes,
    No,
    Absent,
}

/// One cell of the matrix.
#[derive(Debug, Clone, Copy)]
struct Cell {
    age: u32,
    kind: Kind,
    capable: bool,
    guardian: Guardian,
}

/// What the cell should come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    /// Only this person's answer decides: "kind" or "ouder".
    Decides(&'static str),
    /// The scenario does not load: nobody can give the consent.
    Nobody,
}

/// The expected outcome of a cell, written from the table above (not from
/// the engine's `deciders`).
fn expected(cell: Cell) -> Expected {
    let from = match cell.kind {
        Kind::Secrecy => 12,
        Kind::Processing => 16,
    };
    if cell.age >= from && cell.capable {
        Expected::Decides("kind")
    } else if cell.guardian == Guardian::Absent {
        Expected::Nobody
    } else {
        Expected::Decides("ouder")
    }
}

/// A one-role scenario: a care worker asks consent about a young person
/// (with the cell's age and capacity, and a guardian unless absent), who
/// answers `child_gives`; the guardian answers as the cell says.
fn scenario(cell: Cell, child_gives: bool) -> String {
    let kind = match cell.kind {
        Kind::Secrecy => "Secrecy",
        Kind::Processing => "Processing",
    };
    let capable = if cell.capable { "" } else { ", capable: false" };
    let (guardians, guardian_subject, guardian_answer) = match cell.guardian {
        Guardian::Absent => ("", String::new(), String::new()),
        g => (
            ", guardians: [\"ouder\"]",
            "(id: \"ouder\", name: \"Ouder (fictief)\"),".to_string(),
            format!(
                "(person: \"ouder\", gives: {}, text: \"De ouder antwoordt.\"),",
                g == Guardian::Yes
            ),
        ),
    };
    format!(
        r#"(
    id: "toestemming-matrix",
    title: "Toestemming: wie beslist",
    version: "1",
    summary: "Een hulpverlener vraagt toestemming.",
    forms: [Criminal],
    learning_goals: ["Weten wiens toestemming telt."],
    duration_minutes: 5,
    clock: (days: 1, parts: ["ochtend", "middag"]),
    roles: [
        (id: "hulp", name: "Hulpverlener", organisation: "Zorg", playable: true, regime: Beroepsgeheim, briefing: "U bent hulpverlener."),
    ],
    subjects: [
        (id: "kind", name: "Jongere (fictief)", age: {age}{capable}{guardians}),
        {guardian_subject}
    ],
    facts: [
        (id: "f", text: "Zorgen over de jongere.", about: "kind", known_by: ["hulp"]),
    ],
    channels: [(id: "mail", name: "Mail", kind: Direct)],
    grounds: [(id: "taak", name: "Publieke taak", reference: "AVG art. 6 lid 1 sub e")],
    sharing: (default: (verdict: Unlawful, reason: "Geen grondslag.", reference: "AVG art. 6"), rules: []),
    consents: [
        (
            id: "c",
            role: "hulp",
            subject: "kind",
            kind: {kind},
            text: "Toestemming vragen.",
            facts: ["f"],
            answers: [
                (person: "kind", gives: {child_gives}, text: "De jongere antwoordt."),
                {guardian_answer}
            ],
        ),
    ],
    outcomes: [(id: "einde", title: "Einde", text: "Klaar.", kind: Partial)],
    default_outcome: "einde",
)"#,
        age = cell.age,
    )
}

/// What the session records after asking: per answer (person id, decides,
/// gives), and whether the consent is given and refused.
#[derive(Debug, PartialEq, Eq)]
struct Asked {
    answers: Vec<(String, bool, bool)>,
    given: bool,
    refused: bool,
}

/// Loads the cell's scenario, asks the consent and reads the record; or
/// the load errors.
fn ask(cell: Cell, child_gives: bool) -> Result<Asked, String> {
    let text = scenario(cell, child_gives);
    let loaded = load_str(Path::new("matrix.ron"), &text).map_err(|d| d.to_string())?;
    let c = Arc::new(loaded.compiled);
    let mut s = Session::start(c.clone(), 1, &["hulp".to_string()], None)
        .unwrap_or_else(|e| panic!("{cell:?}: {e}"));
    s.apply(
        "hulp",
        &Act::AskConsent {
            request: "c".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{cell:?}: {e}"));
    let st = s.state();
    let rec = st.consents[c.ids.consents["c"]]
        .as_ref()
        .unwrap_or_else(|| panic!("{cell:?}: not asked"));
    Ok(Asked {
        answers: rec
            .answers
            .iter()
            .map(|a| (c.scenario.subjects[a.person].id.clone(), a.decides, a.gives))
            .collect(),
        given: rec.given(st.tick),
        refused: rec.refused(st.tick),
    })
}

#[test]
fn whose_answer_decides_every_cell() {
    let mut cells = 0;
    let mut sessions = 0;
    let mut nobody = 0;
    for age in [11, 12, 15, 16, 17] {
        for kind in [Kind::Secrecy, Kind::Processing] {
            for capable in [true, false] {
                for guardian in [Guardian::Yes, Guardian::No, Guardian::Absent] {
                    let cell = Cell {
                        age,
                        kind,
                        capable,
                        guardian,
                    };
                    cells += 1;
                    match expected(cell) {
                        Expected::Nobody => {
                            nobody += 1;
                            for child_gives in [true, false] {
                                let err = ask(cell, child_gives)
                                    .err()
                                    .unwrap_or_else(|| panic!("{cell:?} should not load"));
                                assert!(
                                    err.contains("nobody can give consent request `c`")
                                        && err.contains("`kind` has no `guardians`"),
                                    "{cell:?}: {err}"
                                );
                            }
                        }
                        Expected::Decides(who) => {
                            for child_gives in [true, false] {
                                sessions += 1;
                                let got = ask(cell, child_gives)
                                    .unwrap_or_else(|e| panic!("{cell:?}: {e}"));
                                let guardian_gives = guardian == Guardian::Yes;
                                // The decider first, then who was heard.
                                let mut want = Vec::new();
                                let child = ("kind".to_string(), who == "kind", child_gives);
                                let parent = ("ouder".to_string(), who == "ouder", guardian_gives);
                                if who == "kind" {
                                    want.push(child);
                                    if guardian != Guardian::Absent {
                                        want.push(parent);
                                    }
                                } else {
                                    want.push(parent);
                                    want.push(child);
                                }
                                let valid = if who == "kind" {
                                    child_gives
                                } else {
                                    guardian_gives
                                };
                                assert_eq!(
                                    got,
                                    Asked {
                                        answers: want,
                                        given: valid,
                                        refused: !valid,
                                    },
                                    "{cell:?}, the young person says {}",
                                    if child_gives { "yes" } else { "no" }
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(cells, 60, "5 ages × 2 kinds × capable or not × 3 guardians");
    // Absent guardian where he must decide: Secrecy at 11 (2 capacities)
    // and not capable at 12–17 (4), Processing at 11, 12, 15 (6) and not
    // capable at 16–17 (2).
    assert_eq!(nobody, 14);
    assert_eq!(sessions, 2 * (60 - 14));
}

/// Spot checks of the table, written out, so that a mistake in `expected`
/// cannot hide one in the engine.
#[test]
fn the_table_in_words() {
    let cell = |age, kind, capable, guardian| Cell {
        age,
        kind,
        capable,
        guardian,
    };
    // A capable 15-year-old lifts the secrecy himself: his mother's no
    // does not block it, her yes does not replace his no.
    let a = ask(cell(15, Kind::Secrecy, true, Guardian::No), true).unwrap();
    assert!(a.given);
    assert_eq!(a.answers[1], ("ouder".into(), false, false));
    let a = ask(cell(15, Kind::Secrecy, true, Guardian::Yes), false).unwrap();
    assert!(a.refused && !a.given);
    // For AVG consent at 15 the parent decides; his own yes does not count.
    let a = ask(cell(15, Kind::Processing, true, Guardian::No), true).unwrap();
    assert!(a.refused);
    assert_eq!(a.answers[1], ("kind".into(), false, true));
    // At 16 he gives AVG consent himself, without a parent.
    let a = ask(cell(16, Kind::Processing, true, Guardian::Absent), true).unwrap();
    assert!(a.given);
    assert_eq!(a.answers, [("kind".to_string(), true, true)]);
    // Under 12, or not able to weigh his interests: the guardian.
    let a = ask(cell(11, Kind::Secrecy, true, Guardian::Yes), false).unwrap();
    assert!(a.given);
    let a = ask(cell(17, Kind::Secrecy, false, Guardian::No), true).unwrap();
    assert!(a.refused);
    // And without one, nobody can consent.
    let e = ask(cell(17, Kind::Processing, false, Guardian::Absent), true).unwrap_err();
    assert!(e.contains("nobody can give consent request `c`"), "{e}");
}
