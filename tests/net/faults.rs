//! Faults: a seat whose connection drops comes back with its token and
//! finds its current view; a seat that never returns is given free by the
//! trainer, or handed to its role's script; the host killed with SIGKILL twenty times during scripted
//! play and started again on its journal loses no acknowledged command.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use ketensim::core::engine::{Command, Session, SessionLog, Who};
use ketensim::core::protocol::{HostMsg, normalise_code};
use ketensim::core::scenario::model::Act;
use ketensim::core::view::{Viewer, project};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::client::{Client, SEATS, day_seats, host, sem, temp_dir};

fn shadow(seed: u64) -> Session {
    Session::start_day(sem(), seed, &day_seats(), true).unwrap()
}

#[test]
fn a_dropped_seat_comes_back_with_its_token_and_nothing_is_lost() {
    let dir = temp_dir("drop");
    let h = host(&dir, 2);
    let code = h.sessions[0].code.clone();
    let mut clients: Vec<Client> = SEATS
        .iter()
        .map(|r| {
            let mut c = Client::connect(h.addr);
            c.join(&code, Some(r));
            c
        })
        .collect();
    let mut s = shadow(2);
    let c = sem();
    // A seat ends its day-part, through the host and on the local copy.
    let end_part = |client: &mut Client, s: &mut Session, role: &str| {
        assert_eq!(client.submit(Command::Act(Act::Advance)), Ok(()));
        let who = Who::Seat {
            role: role.to_string(),
        };
        s.submit(&who, &Command::Act(Act::Advance)).unwrap();
    };
    // Day-part 1: everyone ends it; the police's laptop then loses its
    // connection (dropped without a goodbye).
    for (k, role) in SEATS.iter().enumerate() {
        end_part(&mut clients[k], &mut s, role);
    }
    let token = clients[1].token.clone().unwrap();
    drop(clients.remove(1));
    // Meanwhile the others play on.
    for (k, role) in [(0, "gemeente"), (1, "zorgcoordinator")] {
        end_part(&mut clients[k], &mut s, role);
    }
    // The laptop is back: with its token it gets its current view.
    let mut back = Client::connect(h.addr);
    let HostMsg::Joined { view, role, .. } = back.rejoin(&token) else {
        panic!("rejoined")
    };
    assert_eq!(role.as_deref(), Some("politie"));
    assert_eq!(*view, project(&s, Viewer::Seat(c.ids.roles["politie"])));
    assert_eq!(back.submit(Command::Act(Act::Advance)), Ok(()));
    // A wrong token gets nothing.
    let mut thief = Client::connect(h.addr);
    let flip = if token.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{flip}", &token[..token.len() - 1]);
    assert!(matches!(
        thief.rejoin(&wrong),
        HostMsg::Refused { ref code, .. } if code == "bad_token"
    ));
    // The trainer gives the seat free (a laptop that was lost): its token
    // no longer works, and another laptop can take the seat.
    let mut trainer = Client::connect(h.addr);
    trainer.join(&h.sessions[0].trainer_code, None);
    let t = trainer.token.clone().unwrap();
    trainer.send(&ketensim::core::protocol::ClientMsg::Revoke {
        token: t,
        seq: 7,
        role: "politie".into(),
    });
    assert!(matches!(trainer.recv(), HostMsg::Accepted { seq: 7 }));
    assert!(matches!(back.recv(), HostMsg::Refused { ref code, .. } if code == "revoked"));
    let mut other = Client::connect(h.addr);
    assert!(matches!(other.rejoin(&token), HostMsg::Refused { .. }));
    assert!(matches!(
        other.join(&code, Some("politie")),
        HostMsg::Joined { .. }
    ));
    // A seat may not give seats free.
    other.send(&ketensim::core::protocol::ClientMsg::Revoke {
        token: other.token.clone().unwrap(),
        seq: 8,
        role: "gemeente".into(),
    });
    assert!(matches!(other.recv(), HostMsg::Refused { ref code, .. } if code == "forbidden"));
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_seat_that_never_returns_is_handed_to_its_script_by_the_trainer() {
    let dir = temp_dir("script");
    let h = host(&dir, 4);
    let code = h.sessions[0].code.clone();
    let c = sem();
    let mut clients: Vec<Client> = SEATS
        .iter()
        .map(|r| {
            let mut cl = Client::connect(h.addr);
            cl.join(&code, Some(r));
            cl
        })
        .collect();
    let mut trainer = Client::connect(h.addr);
    trainer.join(&h.sessions[0].trainer_code, None);
    let mut s = shadow(4);
    // The police's laptop is gone for good; the others end the day-part
    // and the clock waits for the police.
    drop(clients.remove(1));
    for (k, role) in [(0, "gemeente"), (1, "zorgcoordinator"), (2, "riec")] {
        assert_eq!(clients[k].submit(Command::Act(Act::Advance)), Ok(()));
        let who = Who::Seat {
            role: role.to_string(),
        };
        s.submit(&who, &Command::Act(Act::Advance)).unwrap();
    }
    assert_eq!(s.state().tick, 0);
    // A seat may not hand another seat over; the trainer may.
    let script = Command::Script {
        role: "politie".into(),
    };
    assert_eq!(clients[0].submit(script.clone()), Err("forbidden".into()));
    assert_eq!(trainer.submit(script.clone()), Ok(()));
    s.submit(&Who::Trainer, &script).unwrap();
    assert_eq!(s.state().tick, 1, "the clock moved");
    assert_eq!(trainer.view(), project(&s, Viewer::Trainer));
    assert!(
        trainer
            .view()
            .truth
            .unwrap()
            .seats
            .iter()
            .any(|x| x.scripted)
    );
    // The seats' views followed; the gemeente's shows the new day-part.
    clients[0].drain(Duration::from_millis(200));
    assert_eq!(
        clients[0].view(),
        project(&s, Viewer::Seat(c.ids.roles["gemeente"]))
    );
    // A laptop that comes to the police's seat can look, not act.
    let mut late = Client::connect(h.addr);
    let HostMsg::Welcome { seats, .. } = late.hello(&code) else {
        panic!("welcome")
    };
    assert!(seats.iter().any(|x| x.role == "politie" && x.scripted));
    assert!(seats.iter().filter(|x| x.scripted).count() == 1);
    let HostMsg::Joined { view, .. } = late.join(&code, Some("politie")) else {
        panic!("joined")
    };
    assert_eq!(*view, project(&s, Viewer::Seat(c.ids.roles["politie"])));
    assert_eq!(
        late.submit(Command::Act(Act::Advance)),
        Err("scripted".into())
    );
    // The journal holds the hand-over: read back, it replays to the same
    // session.
    let text = std::fs::read_to_string(&h.sessions[0].file).unwrap();
    let log = SessionLog::from_text(&h.sessions[0].file, &text).unwrap();
    assert_eq!(&log, s.log());
    let again = Session::replay(c.clone(), &log).unwrap();
    assert!(again.handed_to_script(c.ids.roles["politie"]));
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A `ketensim serve` process on 127.0.0.1 and what it printed.
struct HostProcess {
    child: Child,
    addr: SocketAddr,
    code: String,
    journal: PathBuf,
}

fn start_host(dir: &Path, resume: Option<&Path>) -> HostProcess {
    let bin = env!("CARGO_BIN_EXE_ketensim");
    let mut cmd = Process::new(bin);
    cmd.arg("serve")
        .args([
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--quiet",
            "--seed",
            "4",
        ])
        .args(["--roles", &SEATS.join(",")])
        .arg("--data")
        .arg(dir);
    match resume {
        Some(j) => cmd.arg("--resume").arg(j),
        None => cmd.arg(super::client::SEM),
    };
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let (mut addr, mut code, mut journal) = (None, None, None);
    for line in out.lines().take(40) {
        let line = line.unwrap();
        let t = line.trim();
        if t.starts_with("127.0.0.1:") {
            addr = t.parse().ok();
        } else if let Some(c) = t.strip_prefix("Code voor de tafels:") {
            code = Some(normalise_code(c));
        } else if let Some(j) = t.strip_prefix("Journaal:") {
            journal = Some(PathBuf::from(j.trim()));
        }
        if t.starts_with("Poort") {
            break;
        }
    }
    HostProcess {
        child,
        addr: addr.expect("the host printed its address"),
        code: code.expect("the host printed its code"),
        journal: journal.expect("the host printed its journal"),
    }
}

/// The scripted play: every seat's expert answers per day-part, then the
/// seat ends the part; only the steps the case accepts (found by playing
/// them on a local copy first), so each step adds to the log.
fn plan(seed: u64) -> Vec<(usize, Command, usize)> {
    let mut s = shadow(seed);
    let answers: Vec<Vec<Act>> = SEATS
        .iter()
        .map(|r| {
            let p = format!("scenarios/answers/sem-{r}-expert.answers.ron");
            ketensim::core::answers::AnswerFile::read(Path::new(&p))
                .unwrap()
                .answers
                .steps
        })
        .collect();
    let mut cursor = vec![0usize; SEATS.len()];
    let mut out = Vec::new();
    for _ in 0..40 {
        for (k, role) in SEATS.iter().enumerate() {
            let who = Who::Seat {
                role: role.to_string(),
            };
            while let Some(a) = answers[k].get(cursor[k]) {
                cursor[k] += 1;
                if *a == Act::Advance {
                    break;
                }
                let cmd = Command::Act(a.clone());
                if s.submit(&who, &cmd).is_ok() {
                    out.push((k, cmd, size(s.log())));
                }
            }
            if s.state().ended() {
                return out;
            }
            let cmd = Command::Act(Act::Advance);
            s.submit(&who, &cmd).unwrap();
            out.push((k, cmd, size(s.log())));
        }
    }
    out
}

/// Records in a log (each accepted command adds at least one).
fn size(log: &SessionLog) -> usize {
    log.actions.len() + log.entries.len()
}

/// Where the journal on disk stands in the plan.
fn done_steps(plan: &[(usize, Command, usize)], journal: &Path) -> usize {
    let dir = journal.parent().unwrap();
    let stem = ketensim::core::store::file_stem(journal);
    let log = SessionLog::read(journal)
        .or_else(|_| SessionLog::read(&dir.join(format!("{stem}.session.ron"))))
        .unwrap();
    let n = size(&log);
    if n == 0 {
        return 0;
    }
    plan.iter()
        .position(|(_, _, s)| *s == n)
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("the journal ({n} records) is at a step of the plan"))
}

/// What one case played under kills gave.
#[derive(Default)]
struct Tally {
    kills: usize,
    acked: usize,
    lost: usize,
    resumed_ahead: usize,
    steps: usize,
}

/// Plays the case once through a host process, killing it (SIGKILL) at
/// random moments, at most `kills_left` times, and starting it again on
/// its journal each time.
fn play_under_kills(
    dir: &Path,
    plan: &[(usize, Command, usize)],
    rng: &mut ChaCha8Rng,
    kills_left: usize,
    started: Instant,
) -> Tally {
    let mut t = Tally {
        steps: plan.len(),
        ..Tally::default()
    };
    let mut host = start_host(dir, None);
    let journal = host.journal.clone();
    let mut tokens: Vec<Option<String>> = vec![None; SEATS.len()];
    let mut step = 0;
    while step < plan.len() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "bounded in time"
        );
        // (Re)connect every seat: join once, then come back with the token.
        let mut clients: Vec<Client> = Vec::new();
        for (k, role) in SEATS.iter().enumerate() {
            let mut c = Client::connect(host.addr);
            match &tokens[k] {
                None => assert!(matches!(
                    c.join(&host.code, Some(role)),
                    HostMsg::Joined { .. }
                )),
                Some(tok) => assert!(matches!(c.rejoin(tok), HostMsg::Joined { .. })),
            }
            tokens[k] = c.token.clone();
            clients.push(c);
        }
        // A killer thread: SIGKILL after a random moment, while the seats
        // send their commands (a few milliseconds apart).
        let kill_after = Duration::from_millis(rng.next_u64() % 150);
        let pid = host.child.id();
        let killer = (t.kills < kills_left).then(|| {
            std::thread::spawn(move || {
                std::thread::sleep(kill_after);
                Process::new("kill").args(["-9", &pid.to_string()]).status()
            })
        });
        let mut acked_here = step;
        while step < plan.len() {
            let (k, cmd, _) = &plan[step];
            match clients[*k].try_submit(cmd.clone()) {
                Some(Ok(())) => {
                    step += 1;
                    acked_here = step;
                }
                Some(Err(code)) => panic!("step {step} refused: {code}"),
                None => break,
            }
            std::thread::sleep(Duration::from_millis(3));
        }
        t.acked = t.acked.max(acked_here);
        match killer {
            Some(k) => {
                let _ = k.join();
                let _ = host.child.wait();
                // Counted only when it stopped the play.
                if step < plan.len() {
                    t.kills += 1;
                }
            }
            None => assert_eq!(step, plan.len(), "without a kill the play goes to its end"),
        }
        if step >= plan.len() {
            break;
        }
        // Start again on the same journal; where does it stand?
        host = start_host(dir, Some(&journal));
        let found = done_steps(plan, &journal);
        if found < acked_here {
            t.lost += acked_here - found;
        }
        if found > acked_here {
            t.resumed_ahead += 1;
        }
        step = found;
    }
    assert_eq!(
        done_steps(plan, &journal),
        plan.len(),
        "the case was played to its end"
    );
    let _ = host.child.kill();
    let _ = host.child.wait();
    t
}

#[test]
fn the_host_killed_twenty_times_loses_no_acknowledged_command() {
    let dir = temp_dir("kill");
    let plan = plan(4);
    assert!(plan.len() > 60, "a long enough play ({} steps)", plan.len());
    let mut rng = ChaCha8Rng::seed_from_u64(20);
    let started = Instant::now();
    let mut all = Tally::default();
    let mut cases = 0;
    // Whole cases until twenty kills have hit a running play.
    while all.kills < 20 {
        assert!(cases < 20, "bounded in count");
        let sub = dir.join(format!("case{cases}"));
        let t = play_under_kills(&sub, &plan, &mut rng, 20 - all.kills, started);
        cases += 1;
        all.kills += t.kills;
        all.acked += t.acked;
        all.lost += t.lost;
        all.resumed_ahead += t.resumed_ahead;
        all.steps += t.steps;
    }
    println!(
        "kill test: {} SIGKILLs during play over {cases} case(s), {} steps, {} acknowledged, {} acknowledged lost, {} restarts found one unacknowledged step saved, {:.1} s",
        all.kills,
        all.steps,
        all.acked,
        all.lost,
        all.resumed_ahead,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(all.kills, 20);
    assert_eq!(all.lost, 0, "no acknowledged command lost");
    let _ = std::fs::remove_dir_all(&dir);
}
