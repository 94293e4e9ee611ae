//! xAPI statements of a finished attempt (`core::export::xapi`, and
//! `ketensim report LOG --format xapi`), checked against the rules of
//! xAPI 1.0.3 (IEEE 9274.1.1): the required properties, one identifier
//! for the actor, IRIs where an IRI is required, language maps, the score
//! ranges, ISO 8601 durations and timestamps, UUIDs; and the verbs follow
//! the result: the expert path passes, the poor path fails.

use serde_json::Value;

use ketensim::cli::play::{PlayArgs, play};
use ketensim::core::engine::Session;
use ketensim::core::eval::{Debrief, evaluate};
use ketensim::core::export::xapi::{Actor, PASS, Times, duration, iso8601, statements};
use ketensim::core::store::{attempt_started, parse_utc_stamp, utc_stamp};

use crate::common::{SEM, ketensim, play_args, sem};

fn attempt(role: &str, answers: &str) -> (ketensim::core::engine::SessionLog, Debrief) {
    let result = play(&PlayArgs {
        trainee: Some("Noor Visser".into()),
        ..play_args(
            SEM,
            Some(role),
            format!("scenarios/answers/{answers}.answers.ron"),
        )
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let log = result.session.log().clone();
    let d = evaluate(result.session.scenario().clone(), &log).unwrap();
    (log, d)
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        && "12345".contains(&parts[2][..1])
        && "89ab".contains(&parts[3][..1])
}

/// An absolute IRI: a scheme, a colon, no spaces.
fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && !s.contains(char::is_whitespace)
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// A language map: RFC 5646 tags to strings.
fn is_language_map(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        !m.is_empty()
            && m.iter().all(|(k, v)| {
                v.is_string()
                    && k.split('-').all(|p| {
                        !p.is_empty()
                            && p.len() <= 8
                            && p.chars().all(|c| c.is_ascii_alphanumeric())
                    })
            })
    })
}

/// `PnYnMnDTnHnMnS` with at least one part.
fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() || rest == "T" {
        return false;
    }
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let ok = |part: &str, units: &str| {
        let mut num = String::new();
        let mut last = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
            } else {
                let Some(i) = units.find(c) else { return false };
                if num.is_empty() || i < last {
                    return false;
                }
                last = i + 1;
                num.clear();
            }
        }
        num.is_empty()
    };
    ok(date, "YMWD") && ok(time, "HMS") && !(rest.contains('T') && time.is_empty())
}

/// `YYYY-MM-DDTHH:MM:SS(.s)Z` or with an offset.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
        && s[..4].chars().all(|c| c.is_ascii_digit())
}

/// Every rule of xAPI 1.0.3 this export touches; panics with the rule.
fn check_statement(s: &Value) {
    let o = s.as_object().expect("a statement is an object");
    for k in o.keys() {
        assert!(
            [
                "id",
                "actor",
                "verb",
                "object",
                "result",
                "context",
                "timestamp",
                "stored",
                "authority",
                "version",
                "attachments"
            ]
            .contains(&k.as_str()),
            "unknown property {k}"
        );
    }
    for k in ["actor", "verb", "object"] {
        assert!(o.contains_key(k), "required: {k}");
    }
    assert!(is_uuid(s["id"].as_str().unwrap()), "id: {}", s["id"]);
    assert!(s["version"].as_str().unwrap().starts_with("1.0."));
    // The actor: an Agent with exactly one inverse functional identifier.
    let a = &s["actor"];
    assert_eq!(a["objectType"], "Agent");
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|k| a.get(**k).is_some())
        .count();
    assert_eq!(ifis, 1, "one identifier: {a}");
    assert!(is_iri(a["account"]["homePage"].as_str().unwrap()));
    assert!(!a["account"]["name"].as_str().unwrap().is_empty());
    // The verb and the object.
    assert!(is_iri(s["verb"]["id"].as_str().unwrap()));
    assert!(is_language_map(&s["verb"]["display"]));
    assert_eq!(s["object"]["objectType"], "Activity");
    assert!(is_iri(s["object"]["id"].as_str().unwrap()));
    let def = &s["object"]["definition"];
    assert!(is_language_map(&def["name"]) && is_language_map(&def["description"]));
    assert!(is_iri(def["type"].as_str().unwrap()));
    // The result.
    let r = &s["result"];
    let score = &r["score"];
    let scaled = score["scaled"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&scaled), "scaled {scaled}");
    let (raw, min, max) = (
        score["raw"].as_f64().unwrap(),
        score["min"].as_f64().unwrap(),
        score["max"].as_f64().unwrap(),
    );
    assert!(min < max && (min..=max).contains(&raw), "{score}");
    assert!(r["completion"].is_boolean());
    if let Some(d) = r.get("duration") {
        assert!(is_duration(d.as_str().unwrap()), "duration {d}");
    }
    for k in r["extensions"].as_object().unwrap().keys() {
        assert!(is_iri(k), "extension {k}");
    }
    // The context.
    assert!(is_uuid(s["context"]["registration"].as_str().unwrap()));
    for k in s["context"]["extensions"].as_object().unwrap().keys() {
        assert!(is_iri(k), "extension {k}");
    }
    if let Some(t) = s.get("timestamp") {
        assert!(is_timestamp(t.as_str().unwrap()), "timestamp {t}");
    }
    // The verb follows the result.
    let verb = s["verb"]["id"].as_str().unwrap();
    match verb.rsplit('/').next().unwrap() {
        "completed" => assert!(r.get("success").is_none()),
        "passed" => assert_eq!(r["success"], true),
        "failed" => assert_eq!(r["success"], false),
        other => panic!("verb {other}"),
    }
}

#[test]
fn the_expert_path_passes_and_the_poor_path_fails_as_valid_xapi() {
    let actor = Actor::new("Noor Visser", Some("nvisser-42"), None);
    let times = Times {
        started: Some(1_796_400_000),
        ended: Some(1_796_400_000 + 3_725),
    };
    for (role, answers, pass) in [
        ("gemeente", "sem-gemeente-expert", true),
        ("gemeente", "sem-gemeente-poor", false),
        ("politie", "sem-politie-expert", true),
    ] {
        let (_, d) = attempt(role, answers);
        let list = statements(&d, &actor, times).unwrap();
        assert_eq!(list.len(), 2, "{answers}: completed, then passed or failed");
        for s in &list {
            check_statement(s);
            assert_eq!(s["actor"]["account"]["name"], "nvisser-42");
            assert_eq!(s["result"]["duration"], "PT1H2M5S");
            assert_eq!(s["result"]["score"]["raw"], d.roles[0].total_earned);
            assert_eq!(
                s["context"]["extensions"]
                    [format!("{}/xapi/rol", ketensim::core::export::xapi::BASE)],
                role
            );
            // Every competency's score is there.
            let ext = s["result"]["extensions"].as_object().unwrap();
            assert_eq!(ext.len(), d.roles[0].scores.len());
        }
        let verb = list[1]["verb"]["id"].as_str().unwrap();
        assert_eq!(verb.ends_with("/passed"), pass, "{answers}: {verb}");
        let scaled = list[1]["result"]["score"]["scaled"].as_f64().unwrap();
        assert_eq!(scaled >= PASS, pass);
        // The same attempt gives the same ids (sent twice, counted once).
        assert_eq!(statements(&d, &actor, times).unwrap(), list);
        let ids: std::collections::BTreeSet<&str> =
            list.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 2);
    }
}

#[test]
fn an_unfinished_attempt_has_no_statements_and_the_times_read_back() {
    let c = sem();
    let s = Session::start(c.clone(), 1, &["gemeente".into()], Some("Noor".into())).unwrap();
    let d = evaluate(c, s.log()).unwrap();
    let actor = Actor::new("Noor", None, None);
    assert!(statements(&d, &actor, Times::default()).is_err());
    // Times.
    for secs in [0, 1_796_400_000, 1_796_486_399, 4_102_444_800] {
        assert_eq!(parse_utc_stamp(&utc_stamp(secs)), Some(secs));
        assert!(is_timestamp(&iso8601(secs)), "{}", iso8601(secs));
    }
    assert_eq!(iso8601(1_796_400_000), "2026-12-04T16:00:00Z");
    assert_eq!(parse_utc_stamp("2026-13-01T000000Z"), None);
    assert_eq!(
        attempt_started(std::path::Path::new(
            "sessies/sem-gemeente-noor-20261204T160000Z-0e36.session.ron"
        )),
        Some(1_796_400_000)
    );
    for (secs, want) in [
        (0, "PT0S"),
        (59, "PT59S"),
        (3_600, "PT1H"),
        (3_725, "PT1H2M5S"),
    ] {
        assert_eq!(duration(secs), want);
        assert!(is_duration(want));
    }
    assert!(!is_duration("P") && !is_duration("PT") && !is_duration("PT5") && !is_duration("P1S"));
}

#[test]
fn report_writes_xapi_statements_for_a_saved_attempt() {
    let dir = std::env::temp_dir().join(format!("ketensim-xapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (log, _) = attempt("gemeente", "sem-gemeente-expert");
    let path = dir.join("criminele-uitbuiting-sem-gemeente-noor-20261204T160000Z-0e36.session.ron");
    std::fs::write(&path, log.to_ron()).unwrap();
    let out = ketensim()
        .args(["report", "--format", "xapi", "--account", "nv-1"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 2);
    for s in &list {
        check_statement(s);
        assert_eq!(s["actor"]["name"], "Noor Visser", "the log's trainee");
        assert_eq!(s["actor"]["account"]["name"], "nv-1");
        // Started at the file name's stamp, ended at its last write.
        assert!(s["result"]["duration"].is_string());
        assert!(is_timestamp(s["timestamp"].as_str().unwrap()));
    }
    std::fs::remove_dir_all(&dir).ok();
}
