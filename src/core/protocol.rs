//! The training-day protocol between a host (`ketensim serve`) and the
//! seats and trainer that join it: JSON text frames over WebSocket, one
//! message per frame, every message an object with a `type`. Plain serde
//! types, without any network code, so the host, the app and the tests
//! share them. `docs/protocol.md` describes the exchange.
//!
//! A seat receives only its own projection (`core::view::project`) and
//! answers to what it sent itself; the trainer receives the projection
//! onto the trainer. Every refusal carries a stable `code` and a Dutch
//! `reason`, goes to the sender only, and changes nothing.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::engine::{ActionError, Command};
use crate::core::view::{Desk, RoleView};

/// The protocol version this program speaks.
pub const PROTOCOL: u32 = 1;

/// The largest message a host accepts (bytes of one text frame).
pub const MAX_MESSAGE: usize = 64 * 1024;

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// Asks what the session with this join code offers (seats, or the
    /// trainer's place for the trainer's code).
    Hello { protocol: u32, code: String },
    /// Takes a seat: `role` with the join code, or the trainer's place
    /// (no role) with the trainer's code. Answered with [`HostMsg::Joined`].
    Join {
        protocol: u32,
        code: String,
        #[serde(default)]
        role: Option<String>,
        /// The person or table at the seat (shown to the trainer).
        #[serde(default)]
        person: Option<String>,
    },
    /// Comes back after a lost connection with the token it got.
    Rejoin { protocol: u32, token: String },
    /// A command for the session; `seq` is echoed in the answer.
    Submit {
        token: String,
        seq: u64,
        command: Command,
    },
    /// Trainer: cancel every token of `role` (a laptop that was lost or a
    /// seat someone else should take); the seat can be joined again.
    Revoke {
        token: String,
        seq: u64,
        role: String,
    },
}

/// A seat the host offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatOffer {
    pub role: String,
    /// The role's name and organisation, as on the Start card.
    pub name: String,
    pub organisation: String,
    /// How many laptops are connected at this seat now.
    pub connected: usize,
    /// The trainer handed the seat to its role's script: joining it only
    /// lets a laptop look on.
    #[serde(default)]
    pub scripted: bool,
}

/// What the host sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum HostMsg {
    /// The answer to `hello`.
    Welcome {
        protocol: u32,
        /// The case's title.
        title: String,
        /// The code is the trainer's: joining gives the trainer's place.
        trainer: bool,
        /// The seats (empty for the trainer's code).
        seats: Vec<SeatOffer>,
    },
    /// The seat (or the trainer's place) is taken: keep `token` for every
    /// later message and to come back after a lost connection.
    Joined {
        token: String,
        /// The role of the seat; `None` for the trainer.
        role: Option<String>,
        view: Box<RoleView>,
    },
    /// The viewer's projection changed: the changes to apply to the view
    /// it holds ([`apply`]), so a long feed is not sent again and again.
    Patch { ops: Vec<PatchOp> },
    /// The command `seq` was accepted and saved; the sender's new view
    /// (when it changed) came just before.
    Accepted { seq: u64 },
    /// Something this client sent was refused; nothing changed.
    Refused {
        #[serde(default)]
        seq: Option<u64>,
        code: String,
        reason: String,
    },
}

impl HostMsg {
    /// A refusal with its code and Dutch reason.
    pub fn refused(seq: Option<u64>, code: &str, reason: impl Into<String>) -> HostMsg {
        HostMsg::Refused {
            seq,
            code: code.to_string(),
            reason: reason.into(),
        }
    }

    /// The refusal of a command the session did not accept. A seat is not
    /// told whether an id it named exists in the case: "unknown fact" and
    /// "your role does not know this fact" read the same, and so do an
    /// unknown decision, option, talk, consult, consent request or channel
    /// and one of another role (or not open to this role now, or a meeting
    /// it cannot convene).
    pub fn refused_action(seq: u64, e: &ActionError) -> HostMsg {
        match e {
            ActionError::UnknownFact { .. } | ActionError::Unknown { kind: "fact", .. } => {
                HostMsg::refused(Some(seq), "unknown_fact", "Dit gegeven kent uw rol niet.")
            }
            ActionError::Unknown {
                kind: "decision" | "option" | "talk" | "consult" | "consent request" | "channel",
                ..
            }
            | ActionError::DecisionNotOpen(_)
            | ActionError::NotAvailable { .. }
            | ActionError::CannotConvene { .. } => HostMsg::refused(
                Some(seq),
                "not_available",
                "Dat kan uw rol nu niet: het staat niet (meer) in uw overzicht.",
            ),
            _ => HostMsg::refused(Some(seq), e.code(), e.dutch()),
        }
    }

    /// The JSON text of the message (one frame).
    pub fn to_json(&self) -> String {
        // Plain data always serialises; an empty object is never sent.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl ClientMsg {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads one frame's text; the error is a Dutch reason for the client.
    pub fn parse(text: &str) -> Result<ClientMsg, String> {
        if text.len() > MAX_MESSAGE {
            return Err(format!(
                "Bericht te groot ({} bytes; de grens is {MAX_MESSAGE}).",
                text.len()
            ));
        }
        serde_json::from_str(text).map_err(|e| format!("Onleesbaar bericht: {e}."))
    }

    /// The protocol version a first message names, if it names one.
    pub fn protocol(&self) -> Option<u32> {
        match self {
            ClientMsg::Hello { protocol, .. }
            | ClientMsg::Join { protocol, .. }
            | ClientMsg::Rejoin { protocol, .. } => Some(*protocol),
            _ => None,
        }
    }
}

/// One change to a view, at a JSON Pointer (RFC 6901) into its JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum PatchOp {
    /// The value at `path` becomes `value`.
    Set { path: String, value: Value },
    /// `items` go in front of the list at `path` (the feed, newest first).
    Prepend { path: String, items: Vec<Value> },
}

/// The changes that turn `old` into `new` (both a view's JSON form).
pub fn diff(old: &Value, new: &Value) -> Vec<PatchOp> {
    let mut ops = Vec::new();
    diff_at(String::new(), old, new, &mut ops);
    ops
}

fn diff_at(path: String, old: &Value, new: &Value, ops: &mut Vec<PatchOp>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) if a.len() == b.len() && a.keys().eq(b.keys()) => {
            for (k, v) in b {
                let key = k.replace('~', "~0").replace('/', "~1");
                diff_at(format!("{path}/{key}"), &a[k], v, ops);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff_at(format!("{path}/{i}"), x, y, ops);
            }
        }
        (Value::Array(a), Value::Array(b))
            if b.len() > a.len() && b[b.len() - a.len()..] == a[..] =>
        {
            ops.push(PatchOp::Prepend {
                path,
                items: b[..b.len() - a.len()].to_vec(),
            });
        }
        _ => ops.push(PatchOp::Set {
            path,
            value: new.clone(),
        }),
    }
}

/// [`diff`] of two views, without turning whole views into JSON: each
/// field is compared as it is and only a changed field is converted; the
/// feed (newest first) gets its new lines in front. `apply`ing the result
/// to `old`'s JSON form gives `new`'s (the network tests check it after
/// every command).
pub fn diff_views(old: &RoleView, new: &RoleView) -> Vec<PatchOp> {
    // Every field of the view is compared below. Listed here without `..`,
    // so that a field added to `RoleView` or `Desk` does not compile until
    // it is compared too (a field left out would never reach a laptop).
    let RoleView {
        viewer: _,
        scenario_id: _,
        scenario_title: _,
        clock: _,
        ended: _,
        paused: _,
        waiting_for: _,
        roles: _,
        desks: _,
        truth: _,
    } = new;
    let mut ops = Vec::new();
    let set = |ops: &mut Vec<PatchOp>, path: String, v: Result<Value, serde_json::Error>| {
        if let Ok(value) = v {
            ops.push(PatchOp::Set { path, value });
        }
    };
    macro_rules! fields {
        ($o:expr, $n:expr, $prefix:expr, $($f:ident),*) => {
            $(
                if $o.$f != $n.$f {
                    set(&mut ops, format!("{}/{}", $prefix, stringify!($f)), serde_json::to_value(&$n.$f));
                }
            )*
        };
    }
    fields!(
        old,
        new,
        "",
        viewer,
        scenario_id,
        scenario_title,
        clock,
        ended,
        paused,
        waiting_for,
        roles
    );
    if old.desks.len() != new.desks.len() {
        set(&mut ops, "/desks".into(), serde_json::to_value(&new.desks));
    } else {
        for (i, (a, b)) in old.desks.iter().zip(&new.desks).enumerate() {
            if a == b {
                continue;
            }
            let Desk {
                role: _,
                briefing: _,
                goals: _,
                facts: _,
                inbox: _,
                decisions: _,
                channels: _,
                grounds: _,
                consults: _,
                talks: _,
                can_ask: _,
                asked: _,
                convene: _,
                forms: _,
                can_advance: _,
                feed: _,
                map: _,
            } = b;
            let at = format!("/desks/{i}");
            fields!(
                a,
                b,
                at,
                role,
                briefing,
                goals,
                facts,
                inbox,
                decisions,
                channels,
                grounds,
                consults,
                talks,
                can_ask,
                asked,
                convene,
                forms,
                can_advance,
                map
            );
            let (fa, fb) = (&a.feed, &b.feed);
            if fa != fb {
                if fb.len() > fa.len() && fb[fb.len() - fa.len()..] == fa[..] {
                    let items = fb[..fb.len() - fa.len()]
                        .iter()
                        .filter_map(|l| serde_json::to_value(l).ok())
                        .collect();
                    ops.push(PatchOp::Prepend {
                        path: format!("{at}/feed"),
                        items,
                    });
                } else {
                    set(&mut ops, format!("{at}/feed"), serde_json::to_value(fb));
                }
            }
        }
    }
    if old.truth != new.truth {
        match (&old.truth, &new.truth) {
            (Some(a), Some(b)) => {
                if let (Ok(a), Ok(b)) = (serde_json::to_value(a), serde_json::to_value(b)) {
                    diff_at("/truth".into(), &a, &b, &mut ops);
                }
            }
            _ => set(&mut ops, "/truth".into(), serde_json::to_value(&new.truth)),
        }
    }
    ops
}

/// Applies `ops` to `view` (a view's JSON form). An op whose path is not
/// in the view is an error (the client then asks for the whole view by
/// joining again).
pub fn apply(view: &mut Value, ops: &[PatchOp]) -> Result<(), String> {
    for op in ops {
        match op {
            PatchOp::Set { path, value } if path.is_empty() => *view = value.clone(),
            PatchOp::Set { path, value } => {
                *view
                    .pointer_mut(path)
                    .ok_or_else(|| format!("no `{path}` in the view"))? = value.clone();
            }
            PatchOp::Prepend { path, items } => {
                let list = view
                    .pointer_mut(path)
                    .and_then(Value::as_array_mut)
                    .ok_or_else(|| format!("no list `{path}` in the view"))?;
                list.splice(0..0, items.iter().cloned());
            }
        }
    }
    Ok(())
}

/// The Dutch reason for a client that speaks another protocol version.
pub fn version_reason(theirs: u32) -> String {
    format!(
        "Deze app spreekt protocolversie {theirs}, de host versie {PROTOCOL}. Gebruik op alle laptops dezelfde versie van het programma."
    )
}

/// Characters of join codes: no 0/O, 1/I/L.
const CODE_CHARS: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// `n` random bytes from the operating system.
fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| format!("no random source: {e}"))?;
    Ok(buf)
}

/// A join code of `len` characters, easy to read aloud and to type.
pub fn join_code(len: usize) -> Result<String, String> {
    Ok(random_bytes(len)?
        .iter()
        .map(|b| CODE_CHARS[usize::from(*b) % CODE_CHARS.len()] as char)
        .collect())
}

/// A seat token: 128 random bits as hex.
pub fn token() -> Result<String, String> {
    Ok(random_bytes(16)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A join code as typed: spaces and dashes dropped, upper case.
pub fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::model::Act;

    #[test]
    fn messages_round_trip_as_tagged_json() {
        let m = ClientMsg::Submit {
            token: "ab".into(),
            seq: 3,
            command: Command::Act(Act::Advance),
        };
        let text = m.to_json();
        assert!(text.starts_with("{\"type\":\"submit\""), "{text}");
        assert_eq!(ClientMsg::parse(&text).unwrap(), m);
        let h = HostMsg::refused(Some(3), "paused", "Gepauzeerd.");
        let back: HostMsg = serde_json::from_str(&h.to_json()).unwrap();
        assert_eq!(back, h);
    }

    #[test]
    fn a_patch_turns_the_old_view_into_the_new_one() {
        let old =
            serde_json::json!({"a": 1, "feed": ["b", "c"], "desks": [{"x": [1, 2], "y": "z/~"}]});
        let new = serde_json::json!({"a": 2, "feed": ["n1", "n2", "b", "c"], "desks": [{"x": [3], "y": "z/~"}]});
        let ops = diff(&old, &new);
        assert_eq!(ops.len(), 3, "{ops:?}");
        assert!(ops.contains(&PatchOp::Prepend {
            path: "/feed".into(),
            items: vec!["n1".into(), "n2".into()]
        }));
        let mut v = old.clone();
        apply(&mut v, &ops).unwrap();
        assert_eq!(v, new);
        assert!(diff(&new, &new).is_empty());
        // Keys that differ: the whole object is set.
        let other = serde_json::json!({"b": 1});
        let mut v = old.clone();
        apply(&mut v, &diff(&old, &other)).unwrap();
        assert_eq!(v, other);
        assert!(
            apply(
                &mut v,
                &[PatchOp::Set {
                    path: "/nope/0".into(),
                    value: Value::Null
                }]
            )
            .is_err()
        );
    }

    #[test]
    fn bad_frames_are_refused_with_a_reason() {
        assert!(ClientMsg::parse("{").unwrap_err().starts_with("Onleesbaar"));
        assert!(ClientMsg::parse(r#"{"type":"hello","protocol":1}"#).is_err());
        assert!(ClientMsg::parse(r#"{"type":"hello","protocol":1,"code":"X","extra":1}"#).is_err());
        let big = format!(
            r#"{{"type":"hello","protocol":1,"code":"{}"}}"#,
            "A".repeat(MAX_MESSAGE)
        );
        assert!(ClientMsg::parse(&big).unwrap_err().contains("te groot"));
    }

    #[test]
    fn codes_and_tokens_are_random_and_readable() {
        let a = join_code(6).unwrap();
        let b = join_code(6).unwrap();
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|c| CODE_CHARS.contains(&c)));
        assert_ne!((a, token().unwrap()), (b, token().unwrap()));
        assert_eq!(normalise_code(" k7m-4qx "), "K7M4QX");
    }

    #[test]
    fn a_seat_cannot_tell_an_unknown_fact_from_one_it_does_not_hold() {
        let unknown = ActionError::Unknown {
            kind: "fact",
            id: "bestaat-niet".into(),
        };
        let not_held = ActionError::UnknownFact {
            role: "politie".into(),
            fact: "geheim".into(),
        };
        let (a, b) = (
            HostMsg::refused_action(1, &unknown),
            HostMsg::refused_action(1, &not_held),
        );
        assert_eq!(a, b);
        assert!(!a.to_json().contains("geheim"));
    }
}
