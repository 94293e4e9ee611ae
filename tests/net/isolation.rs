//! Isolation on the wire: the bundled case played through the host by
//! four scripted seats and a trainer. The test keeps its own copy of the
//! session (the same commands in the same order) and predicts every frame
//! each seat must receive; every frame received is compared byte for byte
//! with that prediction, and checked: no seat ever received the id or the
//! text of a fact its role did not hold at that moment, nor another
//! role's briefing, nor any judgement text of the scenario.

use std::path::Path;
use std::time::Duration;

use ketensim::core::answers::{AnswerFile, day_parts};
use ketensim::core::engine::{Command, Session, Who};
use ketensim::core::protocol::HostMsg;
use ketensim::core::scenario::model::{Act, Competency};
use ketensim::core::view::{Viewer, project};

use super::client::{Client, SEATS, day_seats, host, sem, temp_dir};

/// A role's expert answers cut into day-parts (at each `Advance`).
fn chunks(role: &str) -> Vec<Vec<Act>> {
    let path = format!("scenarios/answers/sem-{role}-expert.answers.ron");
    day_parts(&AnswerFile::read(Path::new(&path)).unwrap().answers.steps)
}

/// Strings of the scenario no seat may ever receive: every judgement
/// (feedback) text and outcome text, and the briefings of other roles.
fn hidden_texts(c: &ketensim::core::scenario::Compiled, seat: &str) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s)
                if s.chars().count() >= 20
                    && matches!(key, "feedback" | "expire_feedback" | "trainer_note") =>
            {
                out.push(s.clone())
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| walk(x, k, out)),
            _ => {}
        }
    }
    walk(&serde_json::to_value(&c.scenario).unwrap(), "", &mut out);
    out.extend(
        c.scenario
            .outcomes
            .iter()
            .map(|o| o.text.clone())
            .filter(|t| t.chars().count() >= 20),
    );
    for r in c.scenario.roles.iter().filter(|r| r.id != seat) {
        if r.briefing.chars().count() >= 20 {
            out.push(r.briefing.clone());
        }
    }
    assert!(out.len() > 20, "the case has judgement texts to hide");
    out
}

/// JSON escapes quotes and line ends: look for a text as it is written.
fn json_str(s: &str) -> String {
    let q = serde_json::to_string(s).unwrap();
    q[1..q.len() - 1].to_string()
}

struct Table {
    shadow: Session,
    /// Clients: the four seats, then the trainer.
    clients: Vec<Client>,
    viewers: Vec<Viewer>,
    /// The view each client holds (predicted).
    last: Vec<serde_json::Value>,
    frames_checked: usize,
    hidden: Vec<Vec<String>>,
}

impl Table {
    /// Checks one frame a seat received against what its role held.
    fn check_frame(&mut self, i: usize, frame: &str) {
        self.frames_checked += 1;
        let Viewer::Seat(r) = self.viewers[i] else {
            return;
        };
        let c = self.shadow.scenario().clone();
        for f in 0..c.facts.len() {
            if self.shadow.state().knows(r, f) {
                continue;
            }
            let id = &c.scenario.facts[f].id;
            assert!(
                !frame.contains(&format!("\"{id}\"")),
                "{} received the id of fact `{id}`, which it does not hold",
                SEATS[i]
            );
            let text = json_str(self.shadow.fact_text(f));
            assert!(
                !frame.contains(&text),
                "{} received the text of fact `{id}`, which it does not hold",
                SEATS[i]
            );
        }
        for h in &self.hidden[i] {
            assert!(
                !frame.contains(&json_str(h)),
                "{} received a hidden text of the scenario: {h}",
                SEATS[i]
            );
        }
    }

    /// `who` (client `k`) submits `cmd` through the host, the shadow does
    /// the same; every client then gets exactly the predicted frames.
    fn submit(&mut self, k: usize, cmd: Command) -> bool {
        let who = match self.viewers[k] {
            Viewer::Trainer => Who::Trainer,
            Viewer::Seat(_) => Who::Seat {
                role: SEATS[k].to_string(),
            },
        };
        let before = self.clients[k].received.len();
        let host = self.clients[k].submit(cmd.clone());
        let shadow = self.shadow.submit(&who, &cmd);
        assert_eq!(
            host.is_ok(),
            shadow.is_ok(),
            "host and shadow agree on {cmd:?}: {host:?} / {shadow:?}"
        );
        if let (Err(code), Err(e)) = (&host, &shadow) {
            // The seat's refusal as the protocol words it (ids of other
            // roles read as unknown ones).
            let HostMsg::Refused { code: want, .. } = HostMsg::refused_action(0, e) else {
                unreachable!()
            };
            assert_eq!(*code, want, "{e:?}");
        }
        // The frames the sender got while it waited: the change to its
        // view (if it changed), then the answer. Every other client whose
        // view changed gets exactly one change; after it, each client
        // holds exactly its projection.
        let got: Vec<String> = self.clients[k].received[before..].to_vec();
        for i in 0..self.clients.len() {
            let now = serde_json::to_value(project(&self.shadow, self.viewers[i])).unwrap();
            let changed = host.is_ok() && now != self.last[i];
            if i == k {
                let patches = got
                    .iter()
                    .filter(|t| t.starts_with("{\"type\":\"patch\""))
                    .count();
                assert_eq!(patches, usize::from(changed), "client {i}: {got:?}");
            } else if changed {
                let msg = self.clients[i].recv();
                assert!(matches!(msg, HostMsg::Patch { .. }), "{msg:?}");
            }
            assert_eq!(
                self.clients[i].view_json.as_ref(),
                Some(&now),
                "client {i} holds exactly its projection"
            );
            self.last[i] = now;
        }
        for t in &got {
            self.check_frame(k, t);
        }
        for i in (0..self.clients.len()).filter(|i| *i != k) {
            if let Some(t) = self.clients[i].received.last().cloned() {
                self.check_frame(i, &t);
            }
        }
        host.is_ok()
    }
}

#[test]
fn four_seats_and_a_trainer_receive_only_their_own_projection() {
    let dir = temp_dir("isolation");
    let h = host(&dir, 1);
    let codes = &h.sessions[0];
    let c = sem();
    let shadow = Session::start_day(c.clone(), 1, &day_seats(), true).unwrap();
    let mut clients = Vec::new();
    let mut viewers = Vec::new();
    let mut last = Vec::new();
    for role in SEATS {
        let mut cl = Client::connect(h.addr);
        let HostMsg::Welcome { seats, trainer, .. } = cl.hello(&codes.code) else {
            panic!("welcome")
        };
        assert!(!trainer);
        assert_eq!(seats.len(), 4);
        let HostMsg::Joined { view, .. } = cl.join(&codes.code, Some(role)) else {
            panic!("joined")
        };
        let v = Viewer::Seat(c.ids.roles[role]);
        assert_eq!(*view, project(&shadow, v));
        viewers.push(v);
        last.push(serde_json::to_value(&view).unwrap());
        clients.push(cl);
    }
    let mut trainer = Client::connect(h.addr);
    // A seat's code does not give the trainer's place, nor the other way.
    assert!(matches!(
        trainer.join(&codes.code, None),
        HostMsg::Refused { .. }
    ));
    assert!(matches!(
        trainer.join(&codes.trainer_code, Some("politie")),
        HostMsg::Refused { .. }
    ));
    let HostMsg::Joined { view, role, .. } = trainer.join(&codes.trainer_code, None) else {
        panic!("trainer joined")
    };
    assert_eq!(role, None);
    assert!(view.truth.is_some());
    viewers.push(Viewer::Trainer);
    last.push(serde_json::to_value(&view).unwrap());
    clients.push(trainer);
    let hidden = SEATS.iter().map(|s| hidden_texts(&c, s)).collect();
    let mut t = Table {
        shadow,
        clients,
        viewers,
        last,
        frames_checked: 0,
        hidden,
    };
    // The welcome and the joined view, checked like every later frame.
    for i in 0..SEATS.len() {
        for frame in t.clients[i].received.clone() {
            t.check_frame(i, &frame);
        }
    }
    let plans: Vec<Vec<Vec<Act>>> = SEATS.iter().map(|r| chunks(r)).collect();
    let optional = c
        .scenario
        .injects
        .iter()
        .find(|i| i.optional)
        .map(|i| i.id.clone())
        .unwrap();
    let (mut accepted, mut refused) = (0, 0);
    let mut part = 0;
    while !t.shadow.state().ended() {
        let tick = t.shadow.state().tick;
        if tick == 2 && part == 2 {
            assert!(t.submit(
                SEATS.len(),
                Command::Release {
                    inject: optional.clone()
                }
            ));
            assert!(t.submit(
                SEATS.len(),
                Command::Observe {
                    text: "Politie deelt het adres gericht.".into(),
                    role: Some("politie".into()),
                    competency: Some(Competency::Samenwerking),
                }
            ));
        }
        for k in 0..SEATS.len() {
            if t.shadow.state().ended() {
                break;
            }
            for act in plans[k].get(part).cloned().unwrap_or_default() {
                if t.submit(k, Command::Act(act)) {
                    accepted += 1;
                } else {
                    refused += 1;
                }
            }
            if !t.shadow.state().ended() {
                assert!(
                    t.submit(k, Command::Act(Act::Advance)),
                    "{} ends the part",
                    SEATS[k]
                );
            }
        }
        part += 1;
        assert!(part < 40, "the case ends");
    }
    // After the end, a command is refused and nothing more arrives.
    assert_eq!(
        t.clients[1].submit(Command::Act(Act::Advance)),
        Err("ended".to_string())
    );
    for cl in &mut t.clients {
        let n = cl.received.len();
        cl.drain(Duration::from_millis(200));
        assert_eq!(cl.received.len(), n, "no frame beyond the predicted ones");
    }
    for (i, cl) in t.clients.iter().enumerate().take(SEATS.len()) {
        assert!(cl.view().ended.is_some(), "{} sees the end", SEATS[i]);
        assert!(cl.view().truth.is_none());
    }
    let total: usize = t.clients.iter().map(|c| c.received.len()).sum();
    let bytes: usize = t
        .clients
        .iter()
        .flat_map(|c| c.received.iter())
        .map(String::len)
        .sum();
    println!(
        "isolation: {accepted} seat actions accepted, {refused} refused, {total} frames ({bytes} bytes) received, {} checked",
        t.frames_checked
    );
    assert!(accepted > 30, "the seats played ({accepted})");
    assert!(t.frames_checked > 100);
    // The journal on disk replays to the same session.
    // (Finished: the readable log replaced the journal.)
    let stem = ketensim::core::store::file_stem(&codes.file);
    let log =
        ketensim::core::engine::SessionLog::read(&dir.join(format!("{stem}.session.ron"))).unwrap();
    assert_eq!(&log, t.shadow.log());
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The refusal frame a seat got for its last command, without the seq.
fn last_refusal(cl: &Client) -> (String, String) {
    let text = cl.received.last().expect("an answer");
    match serde_json::from_str::<HostMsg>(text).expect("a host message") {
        HostMsg::Refused { code, reason, .. } => (code, reason),
        other => panic!("not a refusal: {other:?}"),
    }
}

#[test]
fn a_seat_cannot_tell_another_roles_ids_from_ids_that_do_not_exist() {
    let dir = temp_dir("probe");
    let h = host(&dir, 3);
    let codes = &h.sessions[0];
    let c = sem();
    let s = &c.scenario;
    let me = "gemeente";
    let mut cl = Client::connect(h.addr);
    cl.hello(&codes.code);
    assert!(matches!(
        cl.join(&codes.code, Some(me)),
        HostMsg::Joined { .. }
    ));
    // For each kind: an id of the case that is not this seat's, beside one
    // that does not exist. The seat's own view names neither.
    let other_decision = s.decisions.iter().find(|d| d.role != me).unwrap();
    let other_talk = s.talks.iter().find(|t| t.role != me).unwrap();
    let other_consent = s.consents.iter().find(|r| r.role != me).unwrap();
    let fact = s
        .facts
        .iter()
        .find(|f| !cl.view().desks[0].facts.iter().any(|h| h.id == f.id))
        .unwrap();
    let mut probes: Vec<(&str, Act, Act)> = vec![
        (
            "decision",
            Act::Decide {
                decision: other_decision.id.clone(),
                option: other_decision.options[0].id.clone(),
            },
            Act::Decide {
                decision: "d_bestaat_niet".into(),
                option: "o_bestaat_niet".into(),
            },
        ),
        (
            "option",
            Act::Decide {
                decision: other_decision.id.clone(),
                option: "o_bestaat_niet".into(),
            },
            Act::Decide {
                decision: "d_bestaat_niet".into(),
                option: other_decision.options[0].id.clone(),
            },
        ),
        (
            "talk",
            Act::Talk {
                talk: other_talk.id.clone(),
            },
            Act::Talk {
                talk: "t_bestaat_niet".into(),
            },
        ),
        (
            "consent request",
            Act::AskConsent {
                request: other_consent.id.clone(),
            },
            Act::AskConsent {
                request: "c_bestaat_niet".into(),
            },
        ),
        (
            "fact",
            Act::Flag {
                fact: fact.id.clone(),
                form: ketensim::core::scenario::model::Form::Other,
            },
            Act::Flag {
                fact: "f_bestaat_niet".into(),
                form: ketensim::core::scenario::model::Form::Other,
            },
        ),
    ];
    if let Some(k) = s
        .consults
        .iter()
        .find(|k| !k.roles.is_empty() && !k.roles.iter().any(|r| r == me))
    {
        probes.push((
            "consult",
            Act::Consult { with: k.id.clone() },
            Act::Consult {
                with: "k_bestaat_niet".into(),
            },
        ));
    }
    if let Some(ch) = s
        .channels
        .iter()
        .find(|ch| !ch.users.is_empty() && !ch.users.iter().any(|r| r == me))
    {
        probes.push((
            "channel",
            Act::Convene {
                channel: ch.id.clone(),
            },
            Act::Convene {
                channel: "ch_bestaat_niet".into(),
            },
        ));
    }
    let before = cl.view();
    for (kind, real, made_up) in probes {
        assert!(cl.submit(Command::Act(real)).is_err(), "{kind}: refused");
        let a = last_refusal(&cl);
        assert!(cl.submit(Command::Act(made_up)).is_err(), "{kind}: refused");
        let b = last_refusal(&cl);
        assert_eq!(a, b, "{kind}: another role's id reads as a made-up one");
    }
    assert_eq!(cl.view(), before, "refusals change nothing");
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
