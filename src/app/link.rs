//! The app's link to a session on a host (`ketensim serve`): a background
//! thread speaks the protocol (`core::protocol`) over WebSocket and talks
//! to the frame loop through channels, so drawing never waits for the
//! network. It keeps the seat's view up to date from the host's patches,
//! and when the connection drops it reconnects with the seat's token by
//! itself (the host keeps everything; nothing is lost).
//!
//! No Bevy here: the screens (`app::remote`) poll [`RemoteLink::poll`].

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use serde_json::Value;
use tungstenite::{Message, WebSocket};

use crate::core::engine::Command;
use crate::core::protocol::{self, ClientMsg, HostMsg, PROTOCOL, SeatOffer};
use crate::core::view::RoleView;

/// The port a host listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 7878;

/// What the app asks of the host.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkRequest {
    /// What does the session with this code offer?
    Hello { code: String },
    /// Take a seat (`role`) or, with the trainer's code, the trainer's
    /// place (no role).
    Join {
        code: String,
        role: Option<String>,
        person: Option<String>,
    },
    /// A command for the session.
    Submit(Command),
}

/// What the link tells the app.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkEvent {
    /// Connected to the host (again).
    Connected,
    Welcome {
        title: String,
        trainer: bool,
        seats: Vec<SeatOffer>,
    },
    /// The seat is taken: its role (`None`: the trainer) and view.
    Joined {
        role: Option<String>,
        view: Box<RoleView>,
    },
    /// The view changed.
    View(Box<RoleView>),
    Accepted(u64),
    /// The host refused something; nothing changed.
    Refused {
        seq: Option<u64>,
        code: String,
        reason: String,
    },
    /// The connection is gone; the link tries again (a Dutch sentence).
    Lost(String),
}

/// The app's side of the link.
pub struct RemoteLink {
    requests: Sender<LinkRequest>,
    /// Behind a lock only so the link can be a Bevy resource (one reader).
    events: std::sync::Mutex<Receiver<LinkEvent>>,
    /// The address as typed, for the screen.
    pub address: String,
}

impl RemoteLink {
    /// Starts the link's thread for the host at `address` ("laptop:7878",
    /// "192.168.1.20", "ws://…").
    pub fn connect(address: &str) -> Result<RemoteLink, String> {
        RemoteLink::connect_waking(address, Box::new(|| {}))
    }

    /// [`RemoteLink::connect`]; `wake` is called after every event, so a
    /// frame loop that sleeps until input (a desktop app) looks at the
    /// link at once.
    pub fn connect_waking(address: &str, wake: Box<dyn Fn() + Send>) -> Result<RemoteLink, String> {
        let addr = resolve(address)?;
        let (req_tx, req_rx) = channel();
        let (ev_tx, ev_rx) = channel();
        let out = Out { tx: ev_tx, wake };
        std::thread::Builder::new()
            .name("ketensim-link".into())
            .spawn(move || run(addr, req_rx, out))
            .map_err(|e| format!("kan de verbinding niet starten: {e}"))?;
        Ok(RemoteLink {
            requests: req_tx,
            events: std::sync::Mutex::new(ev_rx),
            address: address.trim().to_string(),
        })
    }

    pub fn send(&self, r: LinkRequest) {
        // The thread only ends when this side is dropped.
        let _ = self.requests.send(r);
    }

    /// What happened since the last call (never waits).
    pub fn poll(&self) -> Vec<LinkEvent> {
        let mut out = Vec::new();
        let Ok(events) = self.events.lock() else {
            return out;
        };
        loop {
            match events.try_recv() {
                Ok(e) => out.push(e),
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    out.push(LinkEvent::Lost("De verbinding is gestopt.".into()));
                    return out;
                }
            }
        }
    }
}

/// "laptop", "laptop:7878", "ws://laptop:7878/" → a socket address.
pub fn resolve(address: &str) -> Result<SocketAddr, String> {
    let a = address.trim();
    let a = a
        .strip_prefix("ws://")
        .unwrap_or(a)
        .trim_end_matches('/')
        .to_string();
    if a.is_empty() {
        return Err("Vul het adres van de host in (staat op het scherm van de trainer).".into());
    }
    let with_port = if a.contains(':') {
        a.clone()
    } else {
        format!("{a}:{DEFAULT_PORT}")
    };
    with_port
        .to_socket_addrs()
        .map_err(|e| format!("Het adres `{a}` is niet te vinden ({e})."))?
        .next()
        .ok_or_else(|| format!("Het adres `{a}` is niet te vinden."))
}

/// The link's side of the events channel: sends, then wakes the app.
struct Out {
    tx: Sender<LinkEvent>,
    wake: Box<dyn Fn() + Send>,
}

impl Out {
    fn send(&self, e: LinkEvent) -> Result<(), ()> {
        self.tx.send(e).map_err(|_| ())?;
        (self.wake)();
        Ok(())
    }
}

/// How long a read waits before the thread looks at the app's requests.
const TICK: Duration = Duration::from_millis(20);

struct Conn {
    ws: WebSocket<TcpStream>,
}

fn open(addr: SocketAddr) -> Result<Conn, String> {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(|_| {
        format!("De host op {addr} is niet bereikbaar; het programma probeert het steeds opnieuw.")
    })?;
    let _ = stream.set_nodelay(true);
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    let (ws, _) = tungstenite::client(format!("ws://{addr}/"), stream)
        .map_err(|e| format!("{addr} antwoordt niet als ketensim-host ({e})."))?;
    ws.get_ref()
        .set_read_timeout(Some(TICK))
        .map_err(|e| e.to_string())?;
    Ok(Conn { ws })
}

/// The link's thread: until the app drops its side.
fn run(addr: SocketAddr, requests: Receiver<LinkRequest>, events: Out) {
    let mut token: Option<String> = None;
    let mut view: Option<Value> = None;
    let mut seq: u64 = 0;
    let mut backoff = Duration::from_millis(250);
    loop {
        let mut conn = match open(addr) {
            Ok(c) => c,
            Err(e) => {
                if events.send(LinkEvent::Lost(e)).is_err() {
                    return;
                }
                // Wait, but stop at once when the app is gone.
                let until = Instant::now() + backoff;
                while Instant::now() < until {
                    if matches!(requests.try_recv(), Err(TryRecvError::Disconnected)) {
                        return;
                    }
                    std::thread::sleep(TICK);
                }
                backoff = (backoff * 2).min(Duration::from_secs(4));
                continue;
            }
        };
        backoff = Duration::from_millis(250);
        if events.send(LinkEvent::Connected).is_err() {
            return;
        }
        if let Some(t) = &token {
            let m = ClientMsg::Rejoin {
                protocol: PROTOCOL,
                token: t.clone(),
            };
            if conn.ws.send(Message::text(m.to_json())).is_err() {
                continue;
            }
        }
        match serve(
            &mut conn, &requests, &events, &mut token, &mut view, &mut seq,
        ) {
            Stop::AppGone => {
                let _ = conn.ws.close(None);
                return;
            }
            Stop::Lost(why) => {
                if events.send(LinkEvent::Lost(why)).is_err() {
                    return;
                }
            }
        }
    }
}

enum Stop {
    AppGone,
    Lost(String),
}

fn serve(
    conn: &mut Conn,
    requests: &Receiver<LinkRequest>,
    events: &Out,
    token: &mut Option<String>,
    view: &mut Option<Value>,
    seq: &mut u64,
) -> Stop {
    let lost = || Stop::Lost("De verbinding met de host is verbroken; opnieuw verbinden…".into());
    loop {
        // The app's requests first.
        loop {
            let r = match requests.try_recv() {
                Ok(r) => r,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return Stop::AppGone,
            };
            let msg = match r {
                LinkRequest::Hello { code } => ClientMsg::Hello {
                    protocol: PROTOCOL,
                    code,
                },
                LinkRequest::Join { code, role, person } => ClientMsg::Join {
                    protocol: PROTOCOL,
                    code,
                    role,
                    person,
                },
                LinkRequest::Submit(command) => {
                    let Some(t) = token.clone() else {
                        let _ = events.send(LinkEvent::Refused {
                            seq: None,
                            code: "not_joined".into(),
                            reason: "Nog geen plaats gekozen.".into(),
                        });
                        continue;
                    };
                    *seq += 1;
                    ClientMsg::Submit {
                        token: t,
                        seq: *seq,
                        command,
                    }
                }
            };
            if conn.ws.send(Message::text(msg.to_json())).is_err() {
                return lost();
            }
        }
        // Then what the host sent (waits at most one tick).
        match conn.ws.read() {
            Ok(Message::Text(t)) => {
                let Ok(msg) = serde_json::from_str::<HostMsg>(t.as_str()) else {
                    continue;
                };
                let event = match msg {
                    HostMsg::Welcome {
                        title,
                        trainer,
                        seats,
                        ..
                    } => Some(LinkEvent::Welcome {
                        title,
                        trainer,
                        seats,
                    }),
                    HostMsg::Joined {
                        token: t,
                        role,
                        view: v,
                    } => {
                        *token = Some(t);
                        *view = serde_json::to_value(&v).ok();
                        Some(LinkEvent::Joined { role, view: v })
                    }
                    HostMsg::Patch { ops } => {
                        let applied = view
                            .as_mut()
                            .map(|v| protocol::apply(v, &ops))
                            .unwrap_or(Err("no view".into()));
                        match applied {
                            Ok(()) => view
                                .clone()
                                .and_then(|v| serde_json::from_value::<RoleView>(v).ok())
                                .map(|v| LinkEvent::View(Box::new(v))),
                            // Out of step: come back for the whole view.
                            Err(_) => return lost(),
                        }
                    }
                    HostMsg::Accepted { seq } => Some(LinkEvent::Accepted(seq)),
                    HostMsg::Refused { seq, code, reason } => {
                        if matches!(code.as_str(), "revoked" | "bad_token") && seq.is_none() {
                            *token = None;
                        }
                        Some(LinkEvent::Refused { seq, code, reason })
                    }
                };
                if let Some(e) = event
                    && events.send(e).is_err()
                {
                    return Stop::AppGone;
                }
            }
            Ok(Message::Close(_)) => return lost(),
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return lost(),
        }
    }
}
