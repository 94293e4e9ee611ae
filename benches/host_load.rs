//! Load on the host (`ketensim serve`, a separate release process on
//! 127.0.0.1): 2 sessions of the bundled case, 12 seats each (three
//! laptops at each of the four core roles), every seat sending 500
//! commands one after the other. Measured: the time from sending a
//! command to the seat holding its updated view (the host sends the
//! change to the view, then `accepted`; the seat has applied the change
//! when it reads `accepted`), the host's CPU time and its memory (RSS).
//! Every command asks a consult, so each role's feed grows by a line per
//! command (to about 1,500 lines: far longer than a real case).
//!
//! Run: `scripts/host-load.sh` (writes `docs/host-load.md`), or
//! `cargo bench --no-default-features --features serve --bench host_load`.
//! Loopback only; every loop is bounded in count and time.
#![allow(
    clippy::disallowed_methods,
    reason = "tests write fixtures and damaged files on purpose; the atomic write is for the program"
)]

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use ketensim::core::engine::Command;
use ketensim::core::protocol::{ClientMsg, HostMsg, PROTOCOL, normalise_code};
use ketensim::core::scenario::model::{Act, Form};
use tungstenite::Message;

const SEATS: [&str; 4] = ["gemeente", "politie", "zorgcoordinator", "riec"];
const PER_ROLE: usize = 3;
const SESSIONS: usize = 2;
const COMMANDS: usize = 500;

struct Sample {
    accepted: Vec<Duration>,
    /// Client side: the patched view into a `RoleView`.
    convert: Vec<Duration>,
    refused: Vec<Duration>,
    bytes: usize,
}

fn seat(addr: SocketAddr, code: String, role: &'static str, start: Instant) -> Sample {
    let stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    stream.set_nodelay(true).ok();
    let (mut ws, _) = tungstenite::client(format!("ws://{addr}/"), stream).expect("handshake");
    let read = |ws: &mut tungstenite::WebSocket<TcpStream>, bytes: &mut usize| -> HostMsg {
        loop {
            match ws.read().expect("a frame in time") {
                Message::Text(t) => {
                    *bytes += t.len();
                    return serde_json::from_str(t.as_str()).expect("a readable frame");
                }
                _ => continue,
            }
        }
    };
    let mut bytes = 0;
    let join = ClientMsg::Join {
        protocol: PROTOCOL,
        code,
        role: Some(role.into()),
        person: None,
    };
    ws.send(Message::text(join.to_json())).expect("send");
    let (token, consults, mut held) = match read(&mut ws, &mut bytes) {
        HostMsg::Joined { token, view, .. } => {
            let c: Vec<String> = view.desks[0]
                .consults
                .iter()
                .map(|n| n.id.clone())
                .collect();
            (token, c, serde_json::to_value(&view).expect("a view"))
        }
        other => panic!("not joined: {other:?}"),
    };
    assert!(!consults.is_empty(), "{role} can consult");
    let mut s = Sample {
        accepted: Vec::with_capacity(COMMANDS),
        convert: Vec::new(),
        refused: Vec::new(),
        bytes: 0,
    };
    for i in 0..COMMANDS {
        assert!(
            start.elapsed() < Duration::from_secs(900),
            "bounded in time"
        );
        // Every 25th command is one the case refuses (a fact the role
        // does not hold); the others ask a consult (accepted: the feed
        // of the role's view grows by a line).
        let refused = i % 25 == 24;
        let command = if refused {
            Command::Act(Act::Flag {
                fact: "niet-van-deze-rol".into(),
                form: Form::Criminal,
            })
        } else {
            Command::Act(Act::Consult {
                with: consults[i % consults.len()].clone(),
            })
        };
        let seq = i as u64 + 1;
        let msg = ClientMsg::Submit {
            token: token.clone(),
            seq,
            command,
        };
        let t0 = Instant::now();
        ws.send(Message::text(msg.to_json())).expect("send");
        let mut changed = false;
        loop {
            match read(&mut ws, &mut bytes) {
                // Another laptop's command changed this role's view too.
                HostMsg::Patch { ops } => {
                    ketensim::core::protocol::apply(&mut held, &ops).expect("the patch applies");
                    changed = true;
                }
                HostMsg::Accepted { seq: q } if q == seq => {
                    s.accepted.push(t0.elapsed());
                    // Outside the timed path (on a real laptop it has the
                    // CPU to itself): turning the patched view into the
                    // app's RoleView, measured on every 25th command.
                    if changed && i % 25 == 0 {
                        let t1 = Instant::now();
                        let v: ketensim::core::view::RoleView =
                            serde_json::from_value(held.clone()).expect("a view");
                        std::hint::black_box(&v);
                        s.convert.push(t1.elapsed());
                    }
                    break;
                }
                HostMsg::Refused { seq: Some(q), .. } if q == seq => {
                    s.refused.push(t0.elapsed());
                    break;
                }
                _ => {}
            }
        }
    }
    let _ = ws.close(None);
    s.bytes = bytes;
    s
}

fn proc_field(pid: u32, file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The host's CPU time (user + system) in seconds.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    // CLK_TCK is 100 on Linux.
    Some(ticks as f64 / 100.0)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let dir = std::env::temp_dir().join(format!("ketensim-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut child = Process::new(env!("CARGO_BIN_EXE_ketensim"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--quiet",
            "--seed",
            "3",
        ])
        .args(["--roles", &SEATS.join(",")])
        .arg("--data")
        .arg(&dir)
        .args([
            "scenarios/criminele-uitbuiting-sem.ron",
            "scenarios/criminele-uitbuiting-sem.ron",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the host");
    let pid = child.id();
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let (mut addr, mut codes) = (None::<SocketAddr>, Vec::new());
    for line in out.lines().take(60) {
        let line = line.expect("host output");
        let t = line.trim();
        if t.starts_with("127.0.0.1:") {
            addr = t.parse().ok();
        } else if let Some(c) = t.strip_prefix("Code voor de tafels:") {
            codes.push(normalise_code(c));
        }
        if t.starts_with("Poort") {
            break;
        }
    }
    let addr = addr.expect("the host's address");
    assert_eq!(codes.len(), SESSIONS);
    let rss_idle = proc_field(pid, "status", "VmRSS:").unwrap_or(0);
    let cpu0 = cpu_seconds(pid).unwrap_or(0.0);
    let start = Instant::now();
    let mut threads = Vec::new();
    for code in &codes {
        for role in SEATS {
            for _ in 0..PER_ROLE {
                let code = code.clone();
                threads.push(std::thread::spawn(move || seat(addr, code, role, start)));
            }
        }
    }
    // The peak memory while the load runs (sampled).
    let mut rss_peak = rss_idle;
    while !threads.iter().all(|t| t.is_finished()) && start.elapsed() < Duration::from_secs(900) {
        rss_peak = rss_peak.max(proc_field(pid, "status", "VmRSS:").unwrap_or(0));
        std::thread::sleep(Duration::from_millis(50));
    }
    let samples: Vec<Sample> = threads
        .into_iter()
        .map(|t| t.join().expect("a seat finished"))
        .collect();
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds(pid).unwrap_or(0.0) - cpu0;
    let hwm = proc_field(pid, "status", "VmHWM:").unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let mut acc: Vec<Duration> = samples.iter().flat_map(|s| s.accepted.clone()).collect();
    let mut refd: Vec<Duration> = samples.iter().flat_map(|s| s.refused.clone()).collect();
    let mut conv: Vec<Duration> = samples.iter().flat_map(|s| s.convert.clone()).collect();
    acc.sort();
    refd.sort();
    conv.sort();
    let bytes: usize = samples.iter().map(|s| s.bytes).sum();
    let n = acc.len() + refd.len();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "# Host load ({} sessions × {} seats × {COMMANDS} commands)",
        SESSIONS,
        SEATS.len() * PER_ROLE
    );
    println!();
    println!(
        "Machine: {cores} cores; host and the {} seat threads on the same machine (loopback).",
        SESSIONS * SEATS.len() * PER_ROLE
    );
    println!();
    println!("| measure | value |");
    println!("| --- | --- |");
    println!(
        "| commands | {n} ({} accepted, {} refused) in {wall:.1} s ({:.0} per second) |",
        acc.len(),
        refd.len(),
        n as f64 / wall
    );
    println!(
        "| send → updated view, accepted: p50 / p90 / p99 / max | {:.1} / {:.1} / {:.1} / {:.1} ms |",
        pct(&acc, 0.5),
        pct(&acc, 0.9),
        pct(&acc, 0.99),
        pct(&acc, 1.0)
    );
    println!(
        "| send → refusal: p50 / p99 | {:.1} / {:.1} ms |",
        pct(&refd, 0.5),
        pct(&refd, 0.99)
    );
    println!(
        "| seat side, not timed above: patched view → RoleView, p50 / p99 (sampled {}) | {:.1} / {:.1} ms |",
        conv.len(),
        pct(&conv, 0.5),
        pct(&conv, 0.99)
    );
    println!(
        "| host CPU time | {cpu:.1} s ({:.0}% of one core over the run) |",
        100.0 * cpu / wall
    );
    println!(
        "| host RSS: idle / peak sampled / VmHWM | {:.1} / {:.1} / {:.1} MB |",
        rss_idle as f64 / 1024.0,
        rss_peak as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    println!("| received by the seats | {:.1} MB |", bytes as f64 / 1e6);
}
