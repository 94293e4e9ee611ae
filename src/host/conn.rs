//! One connection: the WebSocket handshake, then frame by frame — a
//! frame that is not a readable message of the protocol is refused with
//! a reason to this connection only; the rest goes to its session's task
//! (by join code, or by the session number a token starts with).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use super::Directory;
use super::session::{ConnId, ToSession};
use crate::core::protocol::{self, ClientMsg, HostMsg, MAX_MESSAGE};

/// Messages waiting for a slow client before it is dropped.
const QUEUE: usize = 256;

/// Serves one connection until it closes.
pub async fn serve(stream: TcpStream, peer: SocketAddr, conn: ConnId, dir: Arc<Directory>) {
    // A view's change and the answer go out as two small frames: without
    // this, the second waits for the first's acknowledgement (Nagle and
    // delayed ACKs: about 40 ms).
    let _ = stream.set_nodelay(true);
    // Frames a little over the protocol's limit still arrive whole, so an
    // oversized message gets a reason; far larger ones close the
    // connection (the WebSocket layer refuses them).
    let config = WebSocketConfig::default()
        .max_message_size(Some(4 * MAX_MESSAGE))
        .max_frame_size(Some(4 * MAX_MESSAGE));
    let handshake = tokio_tungstenite::accept_async_with_config(stream, Some(config));
    let ws = match tokio::time::timeout(Duration::from_secs(10), handshake).await {
        Ok(Ok(ws)) => ws,
        Ok(Err(e)) => {
            if dir.verbose {
                eprintln!("host: {peer}: no WebSocket handshake: {e}");
            }
            return;
        }
        Err(_) => return,
    };
    let (mut sink, mut frames) = ws.split();
    let (out, mut queue) = mpsc::channel::<String>(QUEUE);
    let writer = tokio::spawn(async move {
        while let Some(text) = queue.recv().await {
            if sink.send(Message::Text(text.into())).await.is_err() {
                break;
            }
        }
        let _ = sink.close().await;
    });
    // The sessions this connection spoke to (told when it leaves).
    let mut touched: Vec<usize> = Vec::new();
    while let Some(frame) = frames.next().await {
        let text = match frame {
            Ok(Message::Text(t)) => t,
            Ok(Message::Binary(_)) => {
                refuse(&dir, peer, &out, "binary", "Alleen tekstberichten (JSON).");
                continue;
            }
            Ok(Message::Close(_)) => break,
            Ok(_) => continue,
            Err(e) => {
                if dir.verbose {
                    eprintln!("host: {peer}: connection closed: {e}");
                }
                break;
            }
        };
        let msg = match ClientMsg::parse(text.as_str()) {
            Ok(m) => m,
            Err(reason) => {
                let code = if text.len() > MAX_MESSAGE {
                    "too_large"
                } else {
                    "bad_message"
                };
                refuse(&dir, peer, &out, code, &reason);
                continue;
            }
        };
        let Some(index) = route(&dir, &msg) else {
            let (code, reason) = match msg {
                ClientMsg::Hello { .. } | ClientMsg::Join { .. } => (
                    "unknown_code",
                    "Deze code kent de host niet. Kijk de code na bij de trainer.",
                ),
                _ => (
                    "bad_token",
                    "Deze plaats is niet (meer) van deze laptop. Doe opnieuw mee met de code.",
                ),
            };
            refuse(&dir, peer, &out, code, reason);
            continue;
        };
        if !touched.contains(&index) {
            touched.push(index);
        }
        let Some(session) = dir.sessions.get(index) else {
            continue;
        };
        let sent = session
            .send(ToSession::Msg {
                conn,
                msg,
                out: out.clone(),
            })
            .await;
        if sent.is_err() {
            refuse(
                &dir,
                peer,
                &out,
                "stopped",
                "Deze sessie is op de host gestopt. De trainer start de host opnieuw.",
            );
        }
    }
    for index in touched {
        if let Some(s) = dir.sessions.get(index) {
            let _ = s.send(ToSession::Left(conn)).await;
        }
    }
    drop(out);
    let _ = writer.await;
}

/// The session a message is for: by join code, or by the number its
/// token starts with.
fn route(dir: &Directory, msg: &ClientMsg) -> Option<usize> {
    match msg {
        ClientMsg::Hello { code, .. } | ClientMsg::Join { code, .. } => {
            dir.by_code.get(&protocol::normalise_code(code)).copied()
        }
        ClientMsg::Rejoin { token, .. }
        | ClientMsg::Submit { token, .. }
        | ClientMsg::Revoke { token, .. } => {
            let (n, _) = token.split_once('-')?;
            let i: usize = n.parse().ok()?;
            (i < dir.sessions.len()).then_some(i)
        }
    }
}

fn refuse(dir: &Directory, peer: SocketAddr, out: &mpsc::Sender<String>, code: &str, reason: &str) {
    if dir.verbose {
        eprintln!("host: {peer}: refused {code}: {reason}");
    }
    let _ = out.try_send(HostMsg::refused(None, code, reason).to_json());
}
