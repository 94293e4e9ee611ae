//! The task that owns one hosted session: every message for it arrives
//! here, one at a time, so the session needs no lock. After an accepted
//! command it saves (journal), sends every connected viewer its
//! projection when that changed, and then answers the sender.

use std::collections::HashMap;

use tokio::sync::mpsc;

use super::state::Hosted;
use crate::core::engine::Who;
use crate::core::protocol::{self, ClientMsg, HostMsg, PROTOCOL};
use crate::core::view::{FeedCache, RoleView, Viewer, project_cached};

/// A connection's number (unique while the host runs).
pub type ConnId = u64;

/// What a connection sends to a session's task.
#[derive(Debug)]
pub enum ToSession {
    /// A message from connection `conn`; answers go to `out`.
    Msg {
        conn: ConnId,
        msg: ClientMsg,
        out: mpsc::Sender<String>,
    },
    /// The connection closed.
    Left(ConnId),
}

/// A connection that holds a seat (or the trainer's place).
struct Client {
    token: String,
    viewer: Viewer,
    out: mpsc::Sender<String>,
}

struct Task {
    hosted: Hosted,
    index: usize,
    clients: HashMap<ConnId, Client>,
    /// The view each viewer's clients hold now: only the changes to it
    /// are sent.
    last: HashMap<Viewer, RoleView>,
    /// Feed lines already formatted.
    feeds: FeedCache,
    verbose: bool,
}

/// Serves session `index` until every sender is gone, or until a save
/// fails (then it stops: what was not saved was never acknowledged).
pub async fn run(hosted: Hosted, index: usize, mut rx: mpsc::Receiver<ToSession>, verbose: bool) {
    let mut t = Task {
        hosted,
        index,
        clients: HashMap::new(),
        last: HashMap::new(),
        feeds: FeedCache::default(),
        verbose,
    };
    while let Some(m) = rx.recv().await {
        match m {
            ToSession::Left(conn) => {
                t.clients.remove(&conn);
            }
            ToSession::Msg { conn, msg, out } => {
                if let Err(e) = t.handle(conn, msg, &out) {
                    eprintln!(
                        "host: session {index}: cannot save ({e}); the session stops. Start the host again with --resume {}",
                        t.hosted.journal.path().display()
                    );
                    return;
                }
            }
        }
    }
}

/// Sends one message; a client whose queue is full (it does not read) or
/// gone is dropped by the caller.
fn send(out: &mpsc::Sender<String>, msg: &HostMsg) -> bool {
    out.try_send(msg.to_json()).is_ok()
}

impl Task {
    fn refuse(&self, conn: ConnId, out: &mpsc::Sender<String>, msg: HostMsg) {
        if self.verbose
            && let HostMsg::Refused { code, reason, .. } = &msg
        {
            eprintln!(
                "host: session {}: refused {code} to connection {conn}: {reason}",
                self.index
            );
        }
        send(out, &msg);
    }

    /// Handles one message; `Err` only when saving failed.
    fn handle(
        &mut self,
        conn: ConnId,
        msg: ClientMsg,
        out: &mpsc::Sender<String>,
    ) -> std::io::Result<()> {
        if let Some(v) = msg.protocol()
            && v != PROTOCOL
        {
            self.refuse(
                conn,
                out,
                HostMsg::refused(None, "protocol", protocol::version_reason(v)),
            );
            return Ok(());
        }
        match msg {
            ClientMsg::Hello { code, .. } => {
                let code = protocol::normalise_code(&code);
                let trainer = code == self.hosted.host.trainer_code;
                let seats = if trainer {
                    Vec::new()
                } else {
                    self.hosted.offers(|role| self.connected(role))
                };
                send(
                    out,
                    &HostMsg::Welcome {
                        protocol: PROTOCOL,
                        title: self.hosted.session.scenario().scenario.title.clone(),
                        trainer,
                        seats,
                    },
                );
            }
            ClientMsg::Join {
                code, role, person, ..
            } => self.join(conn, &code, role, person, out),
            ClientMsg::Rejoin { token, .. } => self.rejoin(conn, &token, out),
            ClientMsg::Submit {
                token,
                seq,
                command,
            } => return self.submit(conn, &token, seq, &command, out),
            ClientMsg::Revoke { token, seq, role } => self.revoke(conn, &token, seq, &role, out),
        }
        Ok(())
    }

    fn connected(&self, role: &str) -> usize {
        let ix = self.hosted.session.scenario().ids.roles.get(role).copied();
        self.clients
            .values()
            .filter(|c| Some(c.viewer) == ix.map(Viewer::Seat))
            .count()
    }

    fn join(
        &mut self,
        conn: ConnId,
        code: &str,
        role: Option<String>,
        person: Option<String>,
        out: &mpsc::Sender<String>,
    ) {
        let code = protocol::normalise_code(code);
        let host = &self.hosted.host;
        let allowed = match &role {
            None => code == host.trainer_code,
            Some(_) => code == host.code,
        };
        let viewer = if allowed {
            self.hosted.viewer(role.as_deref())
        } else {
            None
        };
        let Some(viewer) = viewer else {
            let reason = match &role {
                None => "Met deze code kunt u niet als trainer meedoen.".to_string(),
                Some(r) => format!("Deze sessie heeft geen plaats `{r}` voor deze code."),
            };
            self.refuse(conn, out, HostMsg::refused(None, "no_seat", reason));
            return;
        };
        let token = match protocol::token() {
            Ok(t) => format!("{}-{t}", self.index),
            Err(e) => {
                self.refuse(conn, out, HostMsg::refused(None, "host", e));
                return;
            }
        };
        let mut host = self.hosted.host.clone();
        host.tokens.insert(token.clone(), role.clone());
        if let Some(p) = person.filter(|p| !p.trim().is_empty()) {
            let p: String = p.trim().chars().take(80).collect();
            host.persons.insert(token.clone(), p);
        }
        // The token counts only once it is on disk: a restarted host must
        // know it.
        if let Err(e) = host.write(&self.hosted.host_path) {
            eprintln!("host: session {}: {e}", self.index);
            self.refuse(
                conn,
                out,
                HostMsg::refused(
                    None,
                    "not_saved",
                    "De host kan niet opslaan; probeer het zo opnieuw.",
                ),
            );
            return;
        }
        self.hosted.host = host;
        if self.verbose {
            eprintln!(
                "host: session {}: connection {conn} joined as {}",
                self.index,
                role.as_deref().unwrap_or("trainer")
            );
        }
        self.seat(conn, token, role, viewer, out);
    }

    /// Seats connection `conn` with `token` and sends it its view.
    fn seat(
        &mut self,
        conn: ConnId,
        token: String,
        role: Option<String>,
        viewer: Viewer,
        out: &mpsc::Sender<String>,
    ) {
        let view = project_cached(&self.hosted.session, viewer, &mut self.feeds);
        self.last.insert(viewer, view.clone());
        if send(
            out,
            &HostMsg::Joined {
                token: token.clone(),
                role,
                view: Box::new(view),
            },
        ) {
            self.clients.insert(
                conn,
                Client {
                    token,
                    viewer,
                    out: out.clone(),
                },
            );
        }
    }

    fn rejoin(&mut self, conn: ConnId, token: &str, out: &mpsc::Sender<String>) {
        let Some(role) = self.hosted.host.tokens.get(token).cloned() else {
            self.refuse(
                conn,
                out,
                HostMsg::refused(
                    None,
                    "bad_token",
                    "Deze plaats is niet (meer) van deze laptop. Doe opnieuw mee met de code.",
                ),
            );
            return;
        };
        let Some(viewer) = self.hosted.viewer(role.as_deref()) else {
            self.refuse(
                conn,
                out,
                HostMsg::refused(None, "bad_token", "Deze plaats bestaat niet meer."),
            );
            return;
        };
        // The newest connection with a token holds the seat: a laptop that
        // lost its Wi-Fi comes back before the host noticed it was gone.
        let old: Vec<ConnId> = self
            .clients
            .iter()
            .filter(|(c, cl)| **c != conn && cl.token == token)
            .map(|(c, _)| *c)
            .collect();
        for c in old {
            if let Some(cl) = self.clients.remove(&c) {
                send(
                    &cl.out,
                    &HostMsg::refused(
                        None,
                        "taken_over",
                        "Uw plaats is op een andere verbinding geopend.",
                    ),
                );
            }
        }
        self.seat(conn, token.to_string(), role, viewer, out);
    }

    fn submit(
        &mut self,
        conn: ConnId,
        token: &str,
        seq: u64,
        command: &crate::core::engine::Command,
        out: &mpsc::Sender<String>,
    ) -> std::io::Result<()> {
        let Some(client) = self.clients.get(&conn).filter(|c| c.token == token) else {
            self.refuse(
                conn,
                out,
                HostMsg::refused(
                    Some(seq),
                    "not_joined",
                    "Deze verbinding heeft die plaats niet: doe eerst mee (of kom terug met uw token).",
                ),
            );
            return Ok(());
        };
        let who = match client.viewer {
            Viewer::Trainer => Who::Trainer,
            Viewer::Seat(ix) => Who::Seat {
                role: self
                    .hosted
                    .session
                    .scenario()
                    .scenario
                    .roles
                    .get(ix)
                    .map(|r| r.id.clone())
                    .unwrap_or_default(),
            },
        };
        if let Err(e) = self.hosted.session.submit(&who, command) {
            self.refuse(conn, out, HostMsg::refused_action(seq, &e));
            return Ok(());
        }
        self.hosted.save()?;
        // The new views first: when the sender reads `accepted`, its
        // updated view has arrived.
        self.broadcast();
        send(out, &HostMsg::Accepted { seq });
        Ok(())
    }

    fn revoke(
        &mut self,
        conn: ConnId,
        token: &str,
        seq: u64,
        role: &str,
        out: &mpsc::Sender<String>,
    ) {
        let trainer = self
            .clients
            .get(&conn)
            .is_some_and(|c| c.token == token && c.viewer == Viewer::Trainer);
        if !trainer {
            self.refuse(
                conn,
                out,
                HostMsg::refused(
                    Some(seq),
                    "forbidden",
                    "Alleen de trainer kan een plaats vrijgeven.",
                ),
            );
            return;
        }
        let mut host = self.hosted.host.clone();
        host.tokens.retain(|_, r| r.as_deref() != Some(role));
        if let Err(e) = host.write(&self.hosted.host_path) {
            eprintln!("host: session {}: {e}", self.index);
            self.refuse(
                conn,
                out,
                HostMsg::refused(Some(seq), "not_saved", "De host kan niet opslaan."),
            );
            return;
        }
        let gone: Vec<String> = self
            .hosted
            .host
            .tokens
            .keys()
            .filter(|t| !host.tokens.contains_key(*t))
            .cloned()
            .collect();
        self.hosted.host = host;
        self.clients.retain(|_, c| {
            let keep = !gone.contains(&c.token);
            if !keep {
                send(
                    &c.out,
                    &HostMsg::refused(None, "revoked", "De trainer heeft deze plaats vrijgegeven."),
                );
            }
            keep
        });
        send(out, &HostMsg::Accepted { seq });
    }

    /// Sends every connected viewer its projection when it changed.
    fn broadcast(&mut self) {
        let mut viewers: Vec<Viewer> = self.clients.values().map(|c| c.viewer).collect();
        viewers.sort_by_key(|v| match v {
            Viewer::Seat(i) => *i,
            Viewer::Trainer => usize::MAX,
        });
        viewers.dedup();
        let mut dead = Vec::new();
        for v in viewers {
            let new = project_cached(&self.hosted.session, v, &mut self.feeds);
            let ops = match self.last.get(&v) {
                Some(old) => protocol::diff_views(old, &new),
                None => continue,
            };
            if ops.is_empty() {
                continue;
            }
            let json = HostMsg::Patch { ops }.to_json();
            for (id, c) in self.clients.iter().filter(|(_, c)| c.viewer == v) {
                if c.out.try_send(json.clone()).is_err() {
                    dead.push(*id);
                }
            }
            self.last.insert(v, new);
        }
        for id in dead {
            if self.verbose {
                eprintln!(
                    "host: session {}: connection {id} does not read; dropped",
                    self.index
                );
            }
            self.clients.remove(&id);
        }
    }
}
