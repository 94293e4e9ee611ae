//! Information hiding, tested on the projection every screen is built
//! from (`core::view::project`): a seat's view holds no fact its role does
//! not hold and does not depend on which facts are signals; the trainer's
//! view holds everything. Checked at every moment of every case's answer
//! files and of seeded random playthroughs, for every case in `scenarios/`.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::answers::AnswerFile;
use ketensim::core::engine::Session;
use ketensim::core::scenario::compiled::{CAct, Compiled, Ix};
use ketensim::core::scenario::load_str;
use ketensim::core::scenario::model::{Act, Form};
use ketensim::core::view::{RoleView, Viewer, project};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::common::{load, sem};

/// A playthrough: who plays, the seed and the actions in order.
struct Play {
    name: String,
    roles: Vec<String>,
    seed: u64,
    steps: Vec<(String, Act)>,
}

fn playable(c: &Compiled) -> Vec<String> {
    c.scenario
        .roles
        .iter()
        .filter(|r| r.playable)
        .map(|r| r.id.clone())
        .collect()
}

/// Every scenario of the library (`scenarios/*.ron`): the information
/// hiding tests run over each, so a new case is covered the day it is
/// added.
fn library() -> Vec<String> {
    let (files, _) = ketensim::cli::check::collect(&[std::path::PathBuf::from("scenarios")]);
    assert!(files.len() >= 6, "{files:?}");
    files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect()
}

/// Every answer file of the case `id` (the files that name it: the
/// folder holds the answers of every case).
fn answer_plays(id: &str) -> Vec<Play> {
    let mut files: Vec<_> = std::fs::read_dir("scenarios/answers")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| AnswerFile::read(f).unwrap().answers.scenario.as_deref() == Some(id))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{id}: {files:?}");
    files
        .iter()
        .map(|f| {
            let a = AnswerFile::read(f).unwrap();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            // <case>-<role>-expert.answers.ron; group files name their roles.
            let role = name.split('-').nth(1).unwrap();
            let role = a.answers.turns.is_empty().then_some(role);
            let (roles, steps) = a.answers.sequence(role).unwrap();
            Play {
                name,
                roles,
                seed: a.answers.seed.unwrap_or(1),
                steps,
            }
        })
        .collect()
}

/// Seeded random playthroughs of every playable role of `c`: a random
/// legal action each time, ending the day-part one time in six.
fn random_plays(c: &Arc<Compiled>, seeds: u64) -> Vec<Play> {
    let mut out = Vec::new();
    for role in playable(c) {
        let r = c.ids.roles[&role];
        for seed in 1..=seeds {
            let mut rng = ChaCha8Rng::seed_from_u64(seed * 7919 + r as u64);
            let mut s = Session::start(c.clone(), seed, std::slice::from_ref(&role), None).unwrap();
            let mut steps = Vec::new();
            while !s.state().ended() && steps.len() < 80 {
                let acts = s.legal_actions(r);
                let act = if acts.is_empty() || rng.next_u32() % 6 == 0 {
                    CAct::Advance
                } else {
                    acts[rng.next_u32() as usize % acts.len()].clone()
                };
                let act = c.act_with_ids(&act);
                s.apply(&role, &act).unwrap();
                steps.push((role.clone(), act));
            }
            out.push(Play {
                name: format!("random {role} seed {seed}"),
                roles: vec![role.clone()],
                seed,
                steps,
            });
        }
    }
    out
}

/// Calls `f` with the sessions of `play` over each scenario of `cs`, in
/// lockstep: at the start and after every action.
fn moments(cs: &[Arc<Compiled>], play: &Play, mut f: impl FnMut(&[Session], usize)) {
    let mut sessions: Vec<Session> = cs
        .iter()
        .map(|c| Session::start(c.clone(), play.seed, &play.roles, None).unwrap())
        .collect();
    f(&sessions, 0);
    for (i, (r, act)) in play.steps.iter().enumerate() {
        for s in &mut sessions {
            s.apply(r, act)
                .unwrap_or_else(|e| panic!("{} step {i}: {e}", play.name));
        }
        f(&sessions, i + 1);
    }
}

/// A string as it appears inside a JSON string.
fn json_inner(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

/// The seat view of `role` holds exactly its own desk, every fact it holds
/// and no trace (id, text, any variant of it, or the start of one) of a
/// fact it does not hold.
fn check_seat(s: &Session, role: Ix, at: &str) -> RoleView {
    let c = s.scenario();
    let v = project(s, Viewer::Seat(role));
    assert!(v.truth.is_none(), "{at}");
    assert_eq!(v.desks.len(), 1, "{at}");
    assert_eq!(v.desks[0].role, role, "{at}");
    let json = serde_json::to_string(&v).unwrap();
    for (f, fact) in c.scenario.facts.iter().enumerate() {
        let id = format!("\"{}\"", fact.id);
        if s.state().knows(role, f) {
            assert!(json.contains(&id), "{at}: {} missing", fact.id);
            assert!(json.contains(&json_inner(s.fact_text(f))), "{at}");
            continue;
        }
        assert!(!json.contains(&id), "{at}: {} leaks its id", fact.id);
        for text in std::iter::once(&fact.text).chain(&fact.variants) {
            // The feed quotes the first 90 characters; look for less.
            let start: String = text.chars().take(60).collect();
            assert!(
                !json.contains(&json_inner(&start)),
                "{at}: the text of {} leaks",
                fact.id
            );
        }
    }
    v
}

/// (a) At every moment of every answer file and of random playthroughs,
/// every playable role's view holds the facts it holds and nothing of the
/// others. The trainer's desks are the seats' desks.
#[test]
fn a_seat_sees_only_the_facts_its_role_holds() {
    for path in library() {
        let c = load(&path);
        let roles: Vec<Ix> = playable(&c).iter().map(|r| c.ids.roles[r]).collect();
        assert_eq!(roles.len(), 4, "{path}");
        let mut plays = answer_plays(&c.scenario.id);
        plays.extend(random_plays(&c, 1));
        let mut checked = 0;
        let mut unheld = 0;
        for play in &plays {
            moments(std::slice::from_ref(&c), play, |s, step| {
                let s = &s[0];
                let trainer = project(s, Viewer::Trainer);
                for &r in &roles {
                    let at = format!("{path}: {}, step {step}, role {}", play.name, c.role_id(r));
                    let v = check_seat(s, r, &at);
                    assert_eq!(trainer.desk(r), Some(&v.desks[0]), "{at}");
                    checked += 1;
                    unheld += (0..c.facts.len())
                        .filter(|f| !s.state().knows(r, *f))
                        .count();
                }
            });
        }
        // Many moments, and facts that were not held to leak.
        assert!(checked > 400, "{path}: {checked}");
        assert!(unheld > 4_000, "{path}: {unheld}");
    }
}

/// (a) The same on the other scenarios with a consent and meeting
/// vocabulary (the law fixture) and the smallest one.
#[test]
fn a_seat_sees_only_its_facts_in_the_fixtures_too() {
    for path in ["tests/fixtures/law.ron", "tests/fixtures/mini.ron"] {
        let c = load(path);
        let roles: Vec<Ix> = playable(&c).iter().map(|r| c.ids.roles[r]).collect();
        for play in random_plays(&c, 2) {
            moments(std::slice::from_ref(&c), &play, |s, step| {
                for &r in &roles {
                    check_seat(&s[0], r, &format!("{path}: {}, step {step}", play.name));
                }
            });
        }
    }
}

/// The text between `start` and the first `end` after it, from every
/// place it occurs, replaced by `with`.
fn replace_all(text: &str, start: &str, end: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(start) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let stop = after.find(end).expect("a closing delimiter") + end.len();
        out.push_str(with);
        rest = &after[stop..];
    }
    out.push_str(rest);
    out
}

/// The bundled case three times: with the signals and vulnerabilities as
/// written, with no fact a signal or a vulnerability, and with every fact
/// a signal (of one form and weight).
///
/// The case itself may steer on what a role knows of signals
/// (`SignalWeight` conditions: which advice a colleague gives, a nudge);
/// that is the story, not a leak, but it makes the three cases differ in
/// what happens. So in all three those conditions are replaced by
/// `Always`: what is left to differ is only the answer key.
fn signal_variants(path: &str) -> [Arc<Compiled>; 3] {
    let text = std::fs::read_to_string(path).unwrap();
    let steady = replace_all(&text, "SignalWeight(", ")", "Always");
    assert_eq!(
        steady.matches("Always").count(),
        text.matches("Always").count() + text.matches("SignalWeight(").count()
    );
    let none = replace_all(&steady, "signal: (", "),", "")
        .replace("vulnerability: true,", "")
        .replace("vulnerability: true", "");
    assert!(steady.contains("vulnerability: true"), "{path}");
    let all = none.replace("id: \"f_", "signal: (form: Criminal, weight: 1), id: \"f_");
    let load = |name: &str, t: &str| Arc::new(load_str(Path::new(name), t).unwrap().compiled);
    let cs = [
        load("steady.ron", &steady),
        load("none.ron", &none),
        load("all.ron", &all),
    ];
    let signals = |c: &Compiled| c.facts.iter().filter(|f| f.signal.is_some()).count();
    assert!(
        signals(&cs[0]) >= 10 && signals(&cs[0]) < cs[0].facts.len(),
        "{path}"
    );
    assert_eq!(signals(&cs[1]), 0);
    assert!(
        cs[2]
            .facts
            .iter()
            .all(|f| f.signal == Some((Form::Criminal, 1)))
    );
    cs
}

/// (b) What every seat sees is byte for byte the same whichever facts are
/// signals, at every moment of every answer file and of random
/// playthroughs; the trainer's view does show the difference. The seats
/// are the played roles: a role nobody plays flags its signals by itself
/// (`auto_flag`), so its desk follows the answer key, but nobody sees it.
#[test]
fn what_a_seat_sees_does_not_depend_on_which_facts_are_signals() {
    for path in library() {
        let cs = signal_variants(&path);
        let mut plays = answer_plays(&cs[0].scenario.id);
        plays.extend(random_plays(&cs[0], 5));
        let mut checked = 0;
        for play in &plays {
            let roles: Vec<Ix> = play.roles.iter().map(|r| cs[0].ids.roles[r]).collect();
            moments(&cs, play, |s, step| {
                for &r in &roles {
                    let json: Vec<String> = s
                        .iter()
                        .map(|s| serde_json::to_string(&project(s, Viewer::Seat(r))).unwrap())
                        .collect();
                    let at = format!(
                        "{path}: {}, step {step}, role {}",
                        play.name,
                        cs[0].role_id(r)
                    );
                    assert_eq!(json[0], json[1], "{at}: no signals");
                    assert_eq!(json[0], json[2], "{at}: every fact a signal");
                    checked += 1;
                }
                let key = |s: &Session| project(s, Viewer::Trainer).truth;
                assert_ne!(key(&s[0]), key(&s[1]));
                assert_ne!(key(&s[0]), key(&s[2]));
            });
        }
        assert!(checked > 300, "{path}: {checked}");
    }
}

/// (c) The trainer sees every fact of the case (as drawn), whether it is a
/// signal, every role's desk and every share with its verdict.
#[test]
fn the_trainer_sees_everything() {
    let c = sem();
    for play in answer_plays(&c.scenario.id) {
        moments(std::slice::from_ref(&c), &play, |s, step| {
            let s = &s[0];
            let at = format!("{}, step {step}", play.name);
            let v = project(s, Viewer::Trainer);
            let json = serde_json::to_string(&v).unwrap();
            let truth = v.truth.as_ref().unwrap();
            assert_eq!(truth.facts.len(), c.facts.len(), "{at}");
            for (f, fact) in c.scenario.facts.iter().enumerate() {
                assert!(json.contains(&format!("\"{}\"", fact.id)), "{at}");
                assert!(json.contains(&json_inner(s.fact_text(f))), "{at}");
                assert_eq!(truth.facts[f].signal, c.facts[f].signal, "{at}");
                let holders: Vec<Ix> = (0..c.roles.len())
                    .filter(|r| s.state().knows(*r, f))
                    .collect();
                assert_eq!(truth.facts[f].held_by, holders, "{at}");
            }
            assert_eq!(v.desks.len(), c.roles.len(), "{at}");
            assert_eq!(truth.shares.len(), s.state().shares.len(), "{at}");
            for (r, desk) in v.desks.iter().enumerate() {
                assert_eq!(desk.role, r);
                assert_eq!(truth.map.holds[r] as usize, desk.facts.len(), "{at}");
            }
        });
    }
}

/// A consent answer that arrives later is not seen before it arrives.
#[test]
fn a_consent_answer_is_seen_when_it_arrives() {
    let c = load("tests/fixtures/law.ron");
    let mut s = Session::start(c.clone(), 1, &["jeugdhulp".into()], None).unwrap();
    let r = c.ids.roles["jeugdhulp"];
    for talk in ["t_jh_milan", "t_jh_moeder"] {
        s.apply("jeugdhulp", &Act::Talk { talk: talk.into() })
            .unwrap();
    }
    let asked = |s: &Session| project(s, Viewer::Seat(r)).desks[0].asked.clone();
    assert!(asked(&s).is_empty());
    s.apply(
        "jeugdhulp",
        &Act::AskConsent {
            request: "c_jh_zvh".into(),
        },
    )
    .unwrap();
    let now = asked(&s);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].id, "c_jh_zvh");
    // Milan answers at once; his mother later in the day.
    let people: Vec<&str> = now[0].answers.iter().map(|a| a.person.as_str()).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert!(now[0].answers[0].gives);
    let json = serde_json::to_string(&project(&s, Viewer::Seat(r))).unwrap();
    assert!(
        !json.contains("tekent later"),
        "the mother's answer is not in yet"
    );
    s.apply("jeugdhulp", &Act::Advance).unwrap();
    let later = asked(&s);
    assert_eq!(later[0].answers.len(), 2);
    assert!(
        later[0].answers[1]
            .text
            .as_deref()
            .is_some_and(|t| t.contains("tekent later"))
    );
}

/// On a training day each seat sees whether the trainer paused and who is
/// still at work; an optional inject the trainer has not released (and
/// its note for the trainer) is in no seat's view, only in the trainer's
/// list of what it can release; once released it reaches its role only.
#[test]
fn a_training_day_shows_a_seat_only_what_was_released_to_it() {
    use ketensim::core::engine::{EntryKind, Seat};
    let c = load("tests/fixtures/picture.ron");
    let seats: Vec<Seat> = ["a", "b"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: None,
        })
        .collect();
    let mut s = Session::start_day(c.clone(), 1, &seats, true).unwrap();
    let (a, b) = (c.ids.roles["a"], c.ids.roles["b"]);
    let extra = &c.scenario.injects[c.ids.injects["i_extra"]];
    assert!(extra.optional && !extra.trainer_note.is_empty());
    let (text, note) = (json_inner(&extra.text), json_inner(&extra.trainer_note));
    let seat = |s: &Session, r: Ix| serde_json::to_string(&project(s, Viewer::Seat(r))).unwrap();

    let v = project(&s, Viewer::Seat(a));
    assert!(!v.paused);
    assert_eq!(v.waiting_for, vec![a, b]);
    s.end_part("a").unwrap();
    assert_eq!(project(&s, Viewer::Seat(b)).waiting_for, vec![b]);
    s.note(EntryKind::Pause).unwrap();
    assert!(project(&s, Viewer::Seat(b)).paused);
    s.note(EntryKind::Resume).unwrap();
    assert!(!project(&s, Viewer::Seat(b)).paused);

    let trainer = project(&s, Viewer::Trainer);
    let releasable = &trainer.truth.as_ref().unwrap().releasable;
    assert!(
        releasable.iter().any(|i| i.id == "i_extra"),
        "{releasable:?}"
    );
    for r in [a, b] {
        assert!(!seat(&s, r).contains(&text));
        assert!(!seat(&s, r).contains(&note));
    }
    s.release("i_extra").unwrap();
    assert!(seat(&s, a).contains(&text));
    assert!(!seat(&s, a).contains(&note));
    assert!(!seat(&s, b).contains(&text));
    let trainer = project(&s, Viewer::Trainer);
    assert!(trainer.truth.as_ref().unwrap().releasable.is_empty());
    check_seat(&s, a, "after the release");
    check_seat(&s, b, "after the release");
}

/// What happens between other organisations leaves no trace in a seat's
/// view: not in its facts, feed or ketenkaart (the flows' order counts
/// only shares the seat saw, not the whole history).
#[test]
fn a_share_between_others_leaves_no_trace_in_a_seats_view() {
    use ketensim::core::engine::Seat;
    let c = sem();
    let seats: Vec<Seat> = ["gemeente", "politie", "zorgcoordinator"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: None,
        })
        .collect();
    let play = |elsewhere: bool| {
        let mut s = Session::start_day(c.clone(), 1, &seats, false).unwrap();
        if elsewhere {
            // The police phones the zorgcoördinator: the gemeente is not
            // part of it.
            s.apply(
                "politie",
                &Act::Share {
                    facts: vec!["f_hotspot".into()],
                    to: vec!["zorgcoordinator".into()],
                    channel: "telefoon".into(),
                    ground: "wpg".into(),
                },
            )
            .unwrap();
        }
        s.apply(
            "gemeente",
            &Act::Share {
                facts: vec!["f_verzuim".into()],
                to: vec!["politie".into()],
                channel: "telefoon".into(),
                ground: "publieke_taak".into(),
            },
        )
        .unwrap();
        s
    };
    let (with, without) = (play(true), play(false));
    let g = c.ids.roles["gemeente"];
    let seen = |s: &Session| serde_json::to_string(&project(s, Viewer::Seat(g))).unwrap();
    assert_eq!(seen(&with), seen(&without));
    // The police's own view does differ (it made the call).
    let p = c.ids.roles["politie"];
    assert_ne!(
        serde_json::to_string(&project(&with, Viewer::Seat(p))).unwrap(),
        serde_json::to_string(&project(&without, Viewer::Seat(p))).unwrap()
    );
}

/// The mini fixture with a consent ground, a consent request of `a` for
/// f1 to `b` by mail, and a casusoverleg that sits on day 1 in the
/// afternoon and can be convened by its members.
fn mini_with_consent() -> Arc<Compiled> {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let text = src
        .replacen(
            "        (id: \"belang\",",
            "        (id: \"toestemming\", name: \"Toestemming\", consent: true, reference: \"AVG art. 6 lid 1 sub a\"),\n        (id: \"belang\",",
            1,
        )
        .replacen(
            "(id: \"overleg\", name: \"Casusoverleg\", kind: Meeting, always: true, members: [\"a\", \"b\"]),",
            "(id: \"overleg\", name: \"Casusoverleg\", kind: Meeting, members: [\"a\", \"b\"], sits: [(day: 1, part: \"middag\")], convene: (by: [], lead: 1)),",
            1,
        )
        .replacen(
            "    injects: [",
            "    consents: [(id: \"c1\", role: \"a\", subject: \"p1\", kind: Processing, text: \"Persoon Een vragen of B het signaal mag krijgen.\", facts: [\"f1\"], to: [\"b\"], channels: [\"mail\"], answers: [(person: \"p1\", gives: true, text: \"Dat is goed.\")])],\n    injects: [",
            1,
        );
    assert_eq!(text.matches("toestemming").count(), 1, "{text}");
    assert!(text.contains("convene:") && text.contains("consents:"));
    Arc::new(
        load_str(Path::new("mini.ron"), &text)
            .unwrap_or_else(|d| panic!("{d}"))
            .compiled,
    )
}

/// The dossier line of a received fact says from whom, by which channel,
/// on which ground and whether it came with consent, in words and in the
/// structured `origin`; the role's own facts keep how they came. Nothing
/// of the consent request itself (its id or text) reaches the recipient.
#[test]
fn a_received_fact_says_from_whom_by_which_channel_on_which_ground() {
    use ketensim::core::view::FactOrigin;
    let c = mini_with_consent();
    let mut s = Session::start(c.clone(), 1, &["a".into(), "b".into()], None).unwrap();
    let (a, b) = (c.ids.roles["a"], c.ids.roles["b"]);
    s.apply(
        "a",
        &Act::AskConsent {
            request: "c1".into(),
        },
    )
    .unwrap();
    s.apply(
        "a",
        &Act::Share {
            facts: vec!["f1".into()],
            to: vec!["b".into()],
            channel: "mail".into(),
            ground: "toestemming".into(),
        },
    )
    .unwrap();
    s.apply("b", &Act::Advance).unwrap();
    s.apply(
        "b",
        &Act::Share {
            facts: vec!["f2".into()],
            to: vec![],
            channel: "overleg".into(),
            ground: "taak".into(),
        },
    )
    .unwrap();

    let held = |role: Ix, fact: &str| {
        let v = project(&s, Viewer::Seat(role));
        v.desks[0]
            .facts
            .iter()
            .find(|f| f.id == fact)
            .cloned()
            .unwrap_or_else(|| panic!("{fact}"))
    };
    let f1 = held(b, "f1");
    assert_eq!(
        f1.via,
        "van Rol A via Beveiligde mail, op grond van Toestemming, met toestemming"
    );
    assert_eq!(
        f1.origin,
        FactOrigin::Received {
            from: a,
            channel: "mail".into(),
            channel_name: "Beveiligde mail".into(),
            ground: "toestemming".into(),
            ground_name: "Toestemming".into(),
            consent: true,
            at: f1.learned.clone(),
        }
    );
    let f2 = held(a, "f2");
    assert_eq!(
        f2.via,
        "van Rol B via Casusoverleg, op grond van Publieke taak"
    );
    assert!(matches!(
        f2.origin,
        FactOrigin::Received { from, consent: false, .. } if from == b
    ));
    // Its own: as before.
    let own = held(a, "f1");
    assert_eq!(own.origin, FactOrigin::Own);
    assert_eq!(own.via, "bekend bij de start");
    // The recipient knows it came with consent, not which request.
    let json = serde_json::to_string(&project(&s, Viewer::Seat(b))).unwrap();
    assert!(
        !json.contains("\"c1\"") && !json.contains("mag krijgen"),
        "{json}"
    );
}

/// Provenance names only the share that reached the role: how the sender
/// got the fact (another route, another ground) leaves the recipient's
/// view byte-identical.
#[test]
fn provenance_does_not_tell_how_the_sender_got_the_fact() {
    let c = mini_with_consent();
    let cc = c.ids.roles["c"];
    let play = |channel: &str, ground: &str| {
        let mut s = Session::start(c.clone(), 1, &["a".into(), "b".into()], None).unwrap();
        // Day 1, afternoon: the casusoverleg sits.
        s.apply("a", &Act::Advance).unwrap();
        let to = if channel == "overleg" {
            vec![]
        } else {
            vec!["b".into()]
        };
        s.apply(
            "a",
            &Act::Share {
                facts: vec!["f1".into()],
                to,
                channel: channel.into(),
                ground: ground.into(),
            },
        )
        .unwrap();
        s.apply(
            "b",
            &Act::Share {
                facts: vec!["f1".into()],
                to: vec!["c".into()],
                channel: "melding".into(),
                ground: "taak".into(),
            },
        )
        .unwrap();
        s
    };
    let one = play("mail", "taak");
    let other = play("overleg", "belang");
    let seen = |s: &Session| serde_json::to_string(&project(s, Viewer::Seat(cc))).unwrap();
    assert_eq!(seen(&one), seen(&other));
    let v = project(&one, Viewer::Seat(cc));
    let f1 = v.desks[0].facts.iter().find(|f| f.id == "f1").unwrap();
    assert_eq!(f1.via, "van Rol B via Melding, op grond van Publieke taak");
    // B's own view does tell the two apart.
    let b = c.ids.roles["b"];
    assert_ne!(
        serde_json::to_string(&project(&one, Viewer::Seat(b))).unwrap(),
        serde_json::to_string(&project(&other, Viewer::Seat(b))).unwrap()
    );
}

/// Convening a meeting while it sits now: the screen says it sits now and
/// when it sits again, and the feed calls the new one an extra sitting
/// (who asked, when) — never as if the meeting had not sat yet.
#[test]
fn an_extra_sitting_convened_while_the_meeting_sits_reads_as_extra() {
    use ketensim::ui::model::CaseView;
    let c = mini_with_consent();
    let mut s = Session::start(c.clone(), 1, &["a".into(), "b".into()], None).unwrap();
    let (a, b) = (c.ids.roles["a"], c.ids.roles["b"]);
    // Day 1, afternoon: the casusoverleg sits.
    s.apply("a", &Act::Advance).unwrap();
    let overleg = |role: Ix, s: &Session| {
        CaseView::new(s, role)
            .channels
            .into_iter()
            .find(|x| x.id == "overleg")
            .unwrap()
    };
    let now = overleg(a, &s);
    assert!(now.in_session);
    assert_eq!(now.sitting.as_deref(), Some("zit nu"));
    s.apply(
        "a",
        &Act::Convene {
            channel: "overleg".into(),
        },
    )
    .unwrap();
    for role in [a, b] {
        let screen = overleg(role, &s);
        assert_eq!(
            screen.sitting.as_deref(),
            Some("zit nu; daarna weer op Dag 2, ochtend")
        );
        let feed = CaseView::new(&s, role).feed;
        assert!(feed.iter().all(|l| !l.contains("komt bijeen")), "{feed:?}");
        let who = if role == a { "u" } else { "Rol A" };
        assert_eq!(
            feed[0],
            format!(
                "Dag 1, middag: {who} vroeg een extra zitting aan van Casusoverleg: Dag 2, ochtend"
            )
        );
    }
}

/// The reported case: in the bundled case the ZVH-casusoverleg sits on
/// day 2 in the afternoon; after the arrest (day 2, evening) the police's
/// choice convenes an extra sitting. Every member's feed calls it an extra
/// sitting, and the screen's next sitting is that same moment.
#[test]
fn the_extra_zvh_sitting_after_the_arrest_does_not_contradict_the_screen() {
    use ketensim::ui::model::CaseView;
    let c = sem();
    let p = c.ids.roles["politie"];
    let z = c.ids.roles["zorgcoordinator"];
    let mut s = Session::start(
        c.clone(),
        1,
        &["politie".into(), "zorgcoordinator".into()],
        None,
    )
    .unwrap();
    let d = c.ids.decisions["d_pol_aanhouding"];
    let expert = c.decisions[d].expert.unwrap();
    let option = c.scenario.decisions[d].options[expert].id.clone();
    let mut sat = false;
    while s.state().decisions[d] == ketensim::core::engine::DecisionState::Closed {
        let zvh = CaseView::new(&s, z)
            .channels
            .into_iter()
            .find(|x| x.id == "casusoverleg_zvh")
            .unwrap();
        sat |= zvh.in_session;
        s.apply("politie", &Act::Advance).unwrap();
    }
    assert!(sat, "the ZVH sat before the arrest");
    s.apply(
        "politie",
        &Act::Decide {
            decision: "d_pol_aanhouding".into(),
            option,
        },
    )
    .unwrap();
    for role in [p, z] {
        let v = CaseView::new(&s, role);
        let zvh = v
            .channels
            .iter()
            .find(|x| x.id == "casusoverleg_zvh")
            .unwrap();
        let line = v
            .feed
            .iter()
            .find(|l| {
                l.contains("Casusoverleg Zorg- en Veiligheidshuis") && l.contains("extra zitting")
            })
            .unwrap_or_else(|| panic!("{:?}", v.feed));
        assert!(!line.contains("komt bijeen"), "{line}");
        let sitting = zvh.sitting.as_deref().unwrap();
        let when = sitting
            .rsplit(": ")
            .next()
            .unwrap()
            .rsplit("op ")
            .next()
            .unwrap();
        assert!(line.ends_with(when), "screen: {sitting}; feed: {line}");
    }
}

/// What a consult advised and what a conversation brought stay in the
/// role's inbox (not only in the feed, which scrolls away), newest with
/// the rest, numbered among the role's own.
#[test]
fn advice_and_conversations_stay_in_the_inbox() {
    let c = sem();
    let r = c.ids.roles["gemeente"];
    let mut s = Session::start(c.clone(), 1, &["gemeente".into()], None).unwrap();
    let before = project(&s, Viewer::Seat(r)).desks[0].inbox.len();
    let with = project(&s, Viewer::Seat(r)).desks[0].consults[0].clone();
    s.apply(
        "gemeente",
        &Act::Consult {
            with: with.id.clone(),
        },
    )
    .unwrap();
    let view = project(&s, Viewer::Seat(r));
    let inbox = &view.desks[0].inbox;
    assert_eq!(inbox.len(), before + 1);
    let advice = inbox
        .iter()
        .find(|m| m.kind == "Advies")
        .expect("the advice");
    assert_eq!(advice.title, format!("Advies van {}", with.name));
    assert_eq!(advice.id, format!("advies-{}-1", with.id));
    assert!(!advice.text.is_empty());
    // The same advice is in the feed too.
    assert!(
        view.desks[0]
            .feed
            .iter()
            .any(|l| l.text.contains(&advice.text))
    );
}

/// A fact learned during a day-part comes first in the dossier, above the
/// facts of the same day-part learned before it (not in scenario order
/// among them): on a training day the police shares one of its facts with
/// the gemeente at the start, when the gemeente already holds its own.
#[test]
fn a_fact_learned_now_comes_first_in_the_dossier() {
    use ketensim::core::engine::Seat;
    use ketensim::ui::model::CaseView;
    let c = sem();
    let seats: Vec<Seat> = ["gemeente", "politie"]
        .iter()
        .map(|r| Seat {
            role: r.to_string(),
            person: None,
        })
        .collect();
    let gem = c.ids.roles["gemeente"];
    let pol = c.ids.roles["politie"];
    let mut checked = 0;
    let s0 = Session::start_day(c.clone(), 1, &seats, false).unwrap();
    let desk = project(&s0, Viewer::Seat(pol)).desks[0].clone();
    let before: Vec<String> = CaseView::new(&s0, gem)
        .dossier
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert!(before.len() > 1);
    for ch in desk
        .channels
        .iter()
        .filter(|ch| !ch.meeting && !ch.report && ch.recipients.contains(&gem))
    {
        for f in desk.facts.iter().filter(|f| !before.contains(&f.id)) {
            let mut s = s0.clone();
            let share = Act::Share {
                facts: vec![f.id.clone()],
                to: vec!["gemeente".into()],
                channel: ch.id.clone(),
                ground: desk.grounds[0].id.clone(),
            };
            if s.apply("politie", &share).is_err() {
                continue;
            }
            let after = CaseView::new(&s, gem);
            assert_eq!(after.dossier[0].id, f.id, "{}", ch.id);
            assert!(after.dossier[1..].iter().all(|x| x.id != f.id));
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "the police could share a fact with the gemeente"
    );
}

/// A conversation's result in the inbox is titled with the person's name,
/// as the button that held it ("Gesprek met Sem de Vries"), never with the
/// scenario's id for that person.
#[test]
fn a_conversation_in_the_inbox_names_the_person() {
    let c = sem();
    let r = c.ids.roles["zorgcoordinator"];
    let mut s = Session::start(c.clone(), 1, &["zorgcoordinator".into()], None).unwrap();
    let answers = AnswerFile::read(std::path::Path::new(
        "scenarios/answers/sem-zorgcoordinator-expert.answers.ron",
    ))
    .unwrap();
    let mut talked = None;
    for step in &answers.answers.steps {
        s.apply("zorgcoordinator", step).unwrap();
        if let Act::Talk { talk } = step {
            talked = Some(talk.clone());
            break;
        }
    }
    let talk = talked.expect("the expert path holds a conversation");
    let t = c.scenario.talks.iter().find(|t| t.id == talk).unwrap();
    let person = c
        .scenario
        .subjects
        .iter()
        .find(|x| x.id == t.subject)
        .unwrap();
    let view = project(&s, Viewer::Seat(r));
    let titles: Vec<&str> = view.desks[0]
        .inbox
        .iter()
        .filter(|m| m.kind == "Gesprek")
        .map(|m| m.title.as_str())
        .collect();
    assert!(!titles.is_empty());
    for title in &titles {
        assert!(title.starts_with("Gesprek met "), "{title}");
        assert!(!title.ends_with(&format!(" {}", t.subject)), "{title}");
    }
    assert!(
        titles.contains(&format!("Gesprek met {}", person.name).as_str()),
        "{titles:?}"
    );
}
