//! A finished attempt as xAPI 1.0.3 statements, for a learning platform
//! (an LRS): per played role, `completed` and then `passed` or `failed`,
//! with the case as the activity, the score (scaled and raw) and the
//! duration, and each competency's score as a result extension.
//! `docs/report-format.md` describes the statements; `tests/core/xapi.rs`
//! checks them against the xAPI rules. Hand-written JSON: the xAPI crates
//! on the registry are GPL.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::core::eval::{Debrief, RoleDebrief};

/// Where the IRIs of this export live. `.invalid` is reserved (RFC 6761):
/// the IRIs name things, they are not pages.
pub const BASE: &str = "https://ketensim.invalid";

/// A score from this share of the maximum counts as passed.
pub const PASS: f64 = 0.7;

/// Who the statements are about: a name, and the account the trainee
/// gave (or the name again) on the platform's home page.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub name: String,
    /// The account id on `home_page` (an LRS needs one identifier).
    pub account: String,
    pub home_page: String,
}

impl Actor {
    /// The trainee by name, with the name as the account id on
    /// [`BASE`]`/deelnemer`, unless an account id is given.
    pub fn new(name: &str, account: Option<&str>, home_page: Option<&str>) -> Actor {
        Actor {
            name: name.to_string(),
            account: account.unwrap_or(name).to_string(),
            home_page: home_page.map_or_else(|| format!("{BASE}/deelnemer"), str::to_string),
        }
    }
}

/// When the attempt started and ended (seconds since the Unix epoch), if
/// known: the duration and the timestamps come from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    pub started: Option<u64>,
    pub ended: Option<u64>,
}

impl Times {
    /// The times of the attempt saved in `path`: its start is the UTC
    /// stamp in the file's name, its end the file's last write (the last
    /// saved action).
    pub fn of_file(path: &std::path::Path) -> Times {
        let ended = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs());
        Times {
            started: crate::core::store::attempt_started(path),
            ended,
        }
    }
}

/// The statements of an attempt as a JSON array (pretty), or why there
/// are none (an attempt that did not finish has no result yet).
pub fn to_xapi(d: &Debrief, actor: &Actor, times: Times) -> Result<String, String> {
    let list = statements(d, actor, times)?;
    serde_json::to_string_pretty(&Value::Array(list)).map_err(|e| e.to_string())
}

/// The statements of an attempt: for every played role `completed`, then
/// `passed` (score at least [`PASS`] of the maximum) or `failed`.
pub fn statements(d: &Debrief, actor: &Actor, times: Times) -> Result<Vec<Value>, String> {
    if !d.session.finished {
        return Err(
            "de casus is niet afgerond: een xAPI-resultaat hoort bij een afgeronde poging".into(),
        );
    }
    let registration = uuid(&[
        &d.scenario.hash,
        &d.session.seed.to_string(),
        &attempt_key(d, times),
    ]);
    let mut out = Vec::new();
    for r in &d.roles {
        let scaled = scaled(r);
        let passed = scaled >= PASS;
        for verb in ["completed", if passed { "passed" } else { "failed" }] {
            out.push(statement(
                d,
                r,
                actor,
                times,
                &registration,
                verb,
                scaled,
                passed,
            ));
        }
    }
    Ok(out)
}

/// What tells two attempts with the same case and seed apart.
fn attempt_key(d: &Debrief, times: Times) -> String {
    format!(
        "{:?}-{}-{}",
        times.started,
        d.session.actions,
        d.session.roles.join("+")
    )
}

/// `earned / max`, within -1..=1 (a negative score stays negative).
fn scaled(r: &RoleDebrief) -> f64 {
    if r.total_max <= 0 {
        return 0.0;
    }
    let s = f64::from(r.total_earned) / f64::from(r.total_max);
    (s * 10_000.0).round().clamp(-10_000.0, 10_000.0) / 10_000.0
}

#[allow(clippy::too_many_arguments, reason = "one statement's parts")]
fn statement(
    d: &Debrief,
    r: &RoleDebrief,
    actor: &Actor,
    times: Times,
    registration: &str,
    verb: &str,
    scaled: f64,
    passed: bool,
) -> Value {
    let display = match verb {
        "completed" => "voltooide",
        "passed" => "slaagde voor",
        _ => "slaagde niet voor",
    };
    let competencies: serde_json::Map<String, Value> = r
        .scores
        .iter()
        .map(|s| {
            (
                format!("{BASE}/xapi/competentie/{}", iri_part(&s.id)),
                json!({ "label": s.label, "earned": s.earned, "max": s.max }),
            )
        })
        .collect();
    let mut result = json!({
        "score": {
            "scaled": scaled,
            "raw": r.total_earned,
            "min": r.total_earned.min(0),
            "max": r.total_max.max(r.total_earned).max(1),
        },
        "completion": true,
        "extensions": competencies,
    });
    if verb != "completed" {
        result["success"] = json!(passed);
    }
    if let (Some(a), Some(b)) = (times.started, times.ended)
        && b >= a
    {
        result["duration"] = json!(duration(b - a));
    }
    let mut s = json!({
        "id": uuid(&[registration, &r.role, verb]),
        "actor": {
            "objectType": "Agent",
            "name": actor.name,
            "account": { "homePage": actor.home_page, "name": actor.account },
        },
        "verb": {
            "id": format!("http://adlnet.gov/expapi/verbs/{verb}"),
            "display": { "nl-NL": display, "en-US": verb },
        },
        "object": {
            "objectType": "Activity",
            "id": format!("{BASE}/casus/{}", iri_part(&d.scenario.id)),
            "definition": {
                "name": { "nl-NL": d.scenario.title },
                "description": { "nl-NL": format!("Ketensim-casus, gespeeld als {} ({})", r.name, r.organisation) },
                "type": "http://adlnet.gov/expapi/activities/simulation",
            },
        },
        "result": result,
        "context": {
            "registration": registration,
            "language": "nl-NL",
            "extensions": {
                format!("{BASE}/xapi/rol"): r.role,
                format!("{BASE}/xapi/seed"): d.session.seed,
                format!("{BASE}/xapi/scenario-versie"): d.scenario.version,
                format!("{BASE}/xapi/scenario-hash"): d.scenario.hash,
                format!("{BASE}/xapi/uitkomst"): d.outcome.as_ref().map(|o| o.id.clone()),
            },
        },
        "version": "1.0.3",
    });
    if let Some(t) = times.ended {
        s["timestamp"] = json!(iso8601(t));
    }
    s
}

/// An id as a path segment of an IRI: letters, digits, `-`, `_` and `.`
/// stay; anything else is percent-encoded.
fn iri_part(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A version-4-shaped UUID from a hash of `parts`: the same attempt
/// gives the same ids, so sending it twice does not count it twice.
fn uuid(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let mut b: [u8; 16] = [0; 16];
    b.copy_from_slice(&h.finalize()[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// An ISO 8601 duration: `PT1H5M30S`.
pub fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3_600, secs % 3_600 / 60, secs % 60);
    let mut out = "PT".to_string();
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

/// An ISO 8601 timestamp in UTC: `2026-12-04T20:09:28Z`.
pub fn iso8601(secs: u64) -> String {
    let s = crate::core::store::utc_stamp(secs);
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    )
}
