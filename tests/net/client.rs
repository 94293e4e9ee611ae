//! A scripted seat: a blocking WebSocket client that records every byte
//! it receives.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ketensim::core::engine::Command;
use ketensim::core::protocol::{ClientMsg, HostMsg, PROTOCOL};
use ketensim::core::scenario::{Compiled, load_file};
use ketensim::core::view::RoleView;
use ketensim::host::{self, Hosted, RunningHost};
use tungstenite::{Message, WebSocket};

pub const SEM: &str = "scenarios/criminele-uitbuiting-sem.ron";
pub const SEATS: [&str; 4] = ["gemeente", "politie", "zorgcoordinator", "riec"];

pub fn sem() -> Arc<Compiled> {
    Arc::new(load_file(Path::new(SEM)).unwrap().compiled)
}

/// The seats of a training day with the four core roles.
pub fn day_seats() -> Vec<ketensim::core::engine::Seat> {
    SEATS
        .iter()
        .map(|r| ketensim::core::engine::Seat {
            role: r.to_string(),
            person: None,
        })
        .collect()
}

/// A fresh folder for journals.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ketensim-net-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A host on 127.0.0.1 (a free port) with one session of the bundled
/// case: the four core roles as seats, a trainer.
pub fn host(dir: &Path, seed: u64) -> RunningHost {
    let roles: Vec<String> = SEATS.iter().map(|s| s.to_string()).collect();
    let h = Hosted::start(sem(), seed, &roles, dir).unwrap();
    host::spawn("127.0.0.1:0".parse().unwrap(), vec![h], false).unwrap()
}

pub struct Client {
    ws: WebSocket<TcpStream>,
    /// Every text frame received, in order.
    pub received: Vec<String>,
    pub token: Option<String>,
    /// The view this seat holds (JSON form), kept up to date by patches.
    pub view_json: Option<serde_json::Value>,
    seq: u64,
}

/// How long a client waits for an answer before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

impl Client {
    pub fn connect(addr: SocketAddr) -> Client {
        assert!(addr.ip().is_loopback(), "tests use loopback only");
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.set_nodelay(true).unwrap();
        let (ws, _) = tungstenite::client(format!("ws://{addr}/"), stream).unwrap();
        Client {
            ws,
            received: Vec::new(),
            token: None,
            view_json: None,
            seq: 0,
        }
    }

    /// The view this seat holds now.
    pub fn view(&self) -> RoleView {
        serde_json::from_value(self.view_json.clone().expect("joined")).unwrap()
    }

    pub fn send(&mut self, msg: &ClientMsg) {
        self.send_text(&msg.to_json());
    }

    pub fn send_text(&mut self, text: &str) {
        self.ws.send(Message::text(text)).unwrap();
    }

    pub fn send_raw(&mut self, m: Message) -> bool {
        self.ws.send(m).is_ok()
    }

    /// The next message (fails the test after [`PATIENCE`]).
    pub fn recv(&mut self) -> HostMsg {
        self.try_recv().expect("an answer from the host in time")
    }

    /// The next message, or `None` when the connection closed or nothing
    /// came in time.
    pub fn try_recv(&mut self) -> Option<HostMsg> {
        loop {
            match self.ws.read() {
                Ok(Message::Text(t)) => {
                    let text = t.as_str().to_string();
                    let msg: HostMsg = serde_json::from_str(&text).unwrap_or_else(|e| {
                        panic!("the host sent an unreadable frame ({e}): {text}")
                    });
                    self.received.push(text);
                    match &msg {
                        HostMsg::Patch { ops } => {
                            let v = self.view_json.as_mut().expect("a view before a patch");
                            ketensim::core::protocol::apply(v, ops).expect("the patch applies");
                        }
                        HostMsg::Joined { token, view, .. } => {
                            self.token = Some(token.clone());
                            self.view_json = Some(serde_json::to_value(view).unwrap());
                        }
                        _ => {}
                    }
                    return Some(msg);
                }
                Ok(Message::Close(_)) | Err(_) => return None,
                Ok(_) => continue,
            }
        }
    }

    /// Reads whatever arrives within `wait` (views after others' actions).
    pub fn drain(&mut self, wait: Duration) {
        let stream = self.ws.get_mut();
        stream.set_read_timeout(Some(wait)).unwrap();
        let until = Instant::now() + wait;
        while Instant::now() < until {
            if self.try_recv().is_none() {
                break;
            }
        }
        self.ws.get_mut().set_read_timeout(Some(PATIENCE)).unwrap();
    }

    pub fn hello(&mut self, code: &str) -> HostMsg {
        self.send(&ClientMsg::Hello {
            protocol: PROTOCOL,
            code: code.into(),
        });
        self.recv()
    }

    pub fn join(&mut self, code: &str, role: Option<&str>) -> HostMsg {
        self.send(&ClientMsg::Join {
            protocol: PROTOCOL,
            code: code.into(),
            role: role.map(str::to_string),
            person: Some("Tafel".into()),
        });
        self.recv()
    }

    pub fn rejoin(&mut self, token: &str) -> HostMsg {
        self.send(&ClientMsg::Rejoin {
            protocol: PROTOCOL,
            token: token.into(),
        });
        self.recv()
    }

    /// [`Client::submit`], but `None` when the connection is lost first.
    pub fn try_submit(&mut self, command: Command) -> Option<Result<(), String>> {
        self.seq += 1;
        let seq = self.seq;
        let token = self.token.clone()?;
        let msg = ClientMsg::Submit {
            token,
            seq,
            command,
        };
        if self.ws.send(Message::text(msg.to_json())).is_err() {
            return None;
        }
        for _ in 0..10_000 {
            match self.try_recv()? {
                HostMsg::Accepted { seq: s } if s == seq => return Some(Ok(())),
                HostMsg::Refused {
                    seq: Some(s), code, ..
                } if s == seq => return Some(Err(code)),
                _ => {}
            }
        }
        None
    }

    /// Submits a command and reads until its answer (views that arrive
    /// first are kept): `Ok` when accepted, else the refusal's code.
    pub fn submit(&mut self, command: Command) -> Result<(), String> {
        self.seq += 1;
        let seq = self.seq;
        let token = self.token.clone().expect("joined first");
        self.send(&ClientMsg::Submit {
            token,
            seq,
            command,
        });
        for _ in 0..10_000 {
            match self.recv() {
                HostMsg::Accepted { seq: s } if s == seq => return Ok(()),
                HostMsg::Refused {
                    seq: Some(s), code, ..
                } if s == seq => return Err(code),
                _ => {}
            }
        }
        panic!("no answer to command {seq}");
    }
}
