//! Protocol fuzz: 12,000 random and mutated frames against a running
//! host on loopback (bounded in count and time). No panic on the host,
//! every frame answered (exactly one reply) or the connection closed, the
//! journal unchanged by anything refused, and a seat that joined before
//! still plays afterwards.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ketensim::core::engine::Command;
use ketensim::core::protocol::{ClientMsg, HostMsg, MAX_MESSAGE, PROTOCOL};
use ketensim::core::scenario::model::{Act, Form};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tungstenite::Message;

use super::client::{Client, host, temp_dir};

static HOST_PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics on the host's threads (named `ketensim-host…`).
fn count_host_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let name = std::thread::current().name().unwrap_or("").to_string();
        if name.starts_with("ketensim-host") {
            HOST_PANICS.fetch_add(1, Ordering::SeqCst);
        }
        previous(info);
    }));
}

fn pick<'a>(rng: &mut ChaCha8Rng, xs: &'a [String]) -> &'a String {
    &xs[(rng.next_u64() % xs.len() as u64) as usize]
}

/// A frame: valid messages, messages with a wrong field, mutated JSON,
/// random text, oversized text, or a binary frame.
fn frame(rng: &mut ChaCha8Rng, seeds: &[String], code: &str, token: &str) -> Message {
    let n = rng.next_u64();
    match n % 10 {
        0 => {
            // Random bytes as text (lossy UTF-8).
            let len = (rng.next_u64() % 300) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            Message::text(String::from_utf8_lossy(&bytes).into_owned())
        }
        1 => {
            // Oversized: just over the protocol's limit (refused with a
            // reason) or far over it (the connection is closed).
            let len = if rng.next_u64().is_multiple_of(4) {
                5 * MAX_MESSAGE
            } else {
                MAX_MESSAGE + 1 + (rng.next_u64() % 1000) as usize
            };
            Message::text(format!(
                "{{\"type\":\"hello\",\"protocol\":1,\"code\":\"{}\"}}",
                "X".repeat(len)
            ))
        }
        2 => Message::binary(vec![rng.next_u64() as u8; (rng.next_u64() % 64) as usize]),
        3 => {
            // Well-formed, but wrong: other versions, codes, tokens, a
            // command with a token this connection never joined with.
            let m = match rng.next_u64() % 6 {
                0 => ClientMsg::Hello {
                    protocol: PROTOCOL + 1 + (rng.next_u64() % 5) as u32,
                    code: code.into(),
                },
                1 => ClientMsg::Join {
                    protocol: PROTOCOL,
                    code: "ZZZZZZ".into(),
                    role: Some("politie".into()),
                    person: None,
                },
                2 => ClientMsg::Rejoin {
                    protocol: PROTOCOL,
                    token: format!("0-{:032x}", rng.next_u64()),
                },
                3 => ClientMsg::Submit {
                    token: token.into(),
                    seq: rng.next_u64(),
                    command: Command::Act(Act::Flag {
                        fact: "bestaat-niet".into(),
                        form: Form::Criminal,
                    }),
                },
                4 => ClientMsg::Submit {
                    token: "99-abc".into(),
                    seq: 1,
                    command: Command::Pause,
                },
                _ => ClientMsg::Revoke {
                    token: token.into(),
                    seq: 1,
                    role: "politie".into(),
                },
            };
            Message::text(m.to_json())
        }
        _ => {
            // A valid message mutated: bytes flipped, cut, repeated.
            let mut s = pick(rng, seeds).clone().into_bytes();
            for _ in 0..1 + rng.next_u64() % 4 {
                if s.is_empty() {
                    break;
                }
                let at = (rng.next_u64() % s.len() as u64) as usize;
                match rng.next_u64() % 4 {
                    0 => s[at] = rng.next_u64() as u8,
                    1 => s.truncate(at),
                    2 => {
                        let tail = s[at..].to_vec();
                        s.extend_from_slice(&tail);
                    }
                    _ => s.insert(at, b"{}[]\":,0-9"[(rng.next_u64() % 10) as usize]),
                }
            }
            Message::text(String::from_utf8_lossy(&s).into_owned())
        }
    }
}

#[test]
fn twelve_thousand_bad_frames_change_nothing_and_get_an_answer() {
    count_host_panics();
    let dir = temp_dir("fuzz");
    let h = host(&dir, 5);
    let s = &h.sessions[0];
    let journal = s.file.clone();
    // A seat that joined and played before the fuzz.
    let mut seat = Client::connect(h.addr);
    seat.join(&s.code, Some("politie"));
    let token = seat.token.clone().unwrap();
    assert_eq!(seat.submit(Command::Act(Act::Advance)), Ok(()));
    let before = std::fs::read(&journal).unwrap();
    let seeds: Vec<String> = [
        ClientMsg::Hello {
            protocol: PROTOCOL,
            code: s.code.clone(),
        },
        ClientMsg::Join {
            protocol: PROTOCOL,
            code: s.code.clone(),
            role: Some("gemeente".into()),
            person: Some("Fuzz".into()),
        },
        // Not the seat's token: a connection of the fuzz must never hold
        // a seat that could act.
        ClientMsg::Rejoin {
            protocol: PROTOCOL,
            token: "0-5e4f00d1c0ffee00ba5eba11deadbeef".into(),
        },
        ClientMsg::Submit {
            token: token.clone(),
            seq: 9,
            command: Command::Act(Act::Advance),
        },
        ClientMsg::Submit {
            token: token.clone(),
            seq: 10,
            command: Command::Release { inject: "x".into() },
        },
    ]
    .iter()
    .map(ClientMsg::to_json)
    .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let start = Instant::now();
    let (mut answered, mut closed, mut joined) = (0usize, 0usize, 0usize);
    let mut codes: std::collections::BTreeMap<String, usize> = Default::default();
    let mut fuzz = Client::connect(h.addr);
    const FRAMES: usize = 12_000;
    for i in 0..FRAMES {
        assert!(
            start.elapsed() < Duration::from_secs(240),
            "fuzz ran too long ({i} frames)"
        );
        let m = frame(&mut rng, &seeds, &s.code, &token);
        if !fuzz.send_raw(m) {
            closed += 1;
            fuzz = Client::connect(h.addr);
            continue;
        }
        match fuzz.try_recv() {
            Some(HostMsg::Refused { code, .. }) => {
                answered += 1;
                *codes.entry(code).or_default() += 1;
            }
            Some(HostMsg::Joined { .. }) => {
                // A mutated join that still reads: a seat of its own. Its
                // token is never used for commands here.
                answered += 1;
                joined += 1;
                fuzz.token = None;
            }
            Some(_) => answered += 1,
            None => {
                closed += 1;
                fuzz = Client::connect(h.addr);
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {FRAMES} frames in {secs:.1} s: {answered} answered, {closed} connections closed, {joined} joins; refusals by code: {codes:?}"
    );
    assert_eq!(answered + closed, FRAMES);
    assert!(answered > FRAMES * 9 / 10, "most frames get a reason");
    assert!(codes.len() >= 6, "many kinds of refusal: {codes:?}");
    assert_eq!(
        HOST_PANICS.load(Ordering::SeqCst),
        0,
        "the host never panicked"
    );
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        before,
        "nothing refused reached the journal"
    );
    // The seat that joined before plays on, and got nothing meanwhile.
    let n = seat.received.len();
    seat.drain(Duration::from_millis(100));
    assert_eq!(seat.received.len(), n, "the fuzz reached no other client");
    let consult = seat.view().desks[0].consults[0].id.clone();
    assert_eq!(
        seat.submit(Command::Act(Act::Consult { with: consult })),
        Ok(())
    );
    assert_ne!(
        std::fs::read(&journal).unwrap(),
        before,
        "an accepted command is journalled"
    );
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
