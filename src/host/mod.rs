//! `ketensim serve`: the host of a training day on the network (feature
//! `serve`; tokio and tokio-tungstenite, no Bevy). It owns the sessions,
//! runs the scripted roles (the engine does), journals after every
//! accepted command, and sends each seat only its own projection
//! (`core::view::project`) over WebSocket, in the protocol of
//! `core::protocol` (`docs/protocol.md`).
//!
//! Layout: one task per session owns its [`state::Hosted`] and receives
//! the clients' messages through a channel ([`session`]); one task per
//! connection reads frames, refuses what is malformed, and routes the
//! rest by join code or token ([`conn`]). Nothing a client sends can make
//! the host panic; a refused message changes nothing.

pub mod conn;
pub mod session;
pub mod state;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

pub use state::{HostFile, Hosted};

/// Where a connection's messages go: the sessions by join code (seats'
/// and trainer's) and by index (tokens start with it).
pub struct Directory {
    pub by_code: HashMap<String, usize>,
    pub sessions: Vec<mpsc::Sender<session::ToSession>>,
    /// Print what the host refuses and who joins (standard error).
    pub verbose: bool,
}

/// What a started host tells its caller about a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub title: String,
    pub code: String,
    pub trainer_code: String,
    /// Its journal.
    pub file: std::path::PathBuf,
    pub seats: Vec<String>,
}

/// A host running on its own thread (tests, and `serve` itself).
pub struct RunningHost {
    pub addr: SocketAddr,
    pub sessions: Vec<Started>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningHost {
    /// Stops accepting, closes every connection and waits for the host's
    /// thread (the journals are on disk after every accepted command).
    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Waits until the host stops by itself (never, unless it fails).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    fn shutdown(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for RunningHost {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Starts a host for `sessions` on `bind` (port 0: any free port) on a
/// thread of its own; returns once it listens.
pub fn spawn(
    bind: SocketAddr,
    sessions: Vec<Hosted>,
    verbose: bool,
) -> Result<RunningHost, String> {
    let listener =
        std::net::TcpListener::bind(bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let started: Vec<Started> = sessions
        .iter()
        .map(|h| Started {
            title: h.session.scenario().scenario.title.clone(),
            code: h.host.code.clone(),
            trainer_code: h.host.trainer_code.clone(),
            file: h.journal.path().to_path_buf(),
            seats: h.session.log().roles.clone(),
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("ketensim-host-worker")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the host: {e}"))?;
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("ketensim-host".into())
        .spawn(move || runtime.block_on(run(listener, sessions, verbose, stop_rx)))
        .map_err(|e| format!("cannot start the host: {e}"))?;
    Ok(RunningHost {
        addr,
        sessions: started,
        stop: Some(stop_tx),
        thread: Some(thread),
    })
}

async fn run(
    listener: std::net::TcpListener,
    sessions: Vec<Hosted>,
    verbose: bool,
    mut stop: oneshot::Receiver<()>,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("host: cannot listen: {e}");
            return;
        }
    };
    let mut by_code = HashMap::new();
    let mut senders = Vec::new();
    let mut tasks = Vec::new();
    for (i, h) in sessions.into_iter().enumerate() {
        by_code.insert(h.host.code.clone(), i);
        by_code.insert(h.host.trainer_code.clone(), i);
        let (tx, rx) = mpsc::channel(1024);
        senders.push(tx);
        tasks.push(tokio::spawn(session::run(h, i, rx, verbose)));
    }
    let dir = Arc::new(Directory {
        by_code,
        sessions: senders,
        verbose,
    });
    let mut next_conn: u64 = 0;
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    next_conn += 1;
                    tokio::spawn(conn::serve(stream, peer, next_conn, dir.clone()));
                }
                Err(e) => {
                    // Out of file handles and the like: wait and go on.
                    eprintln!("host: accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
        }
    }
    drop(dir);
    for t in tasks {
        t.abort();
    }
}
