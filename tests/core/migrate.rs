//! Scenarios in format 1 keep working: they load with one warning per
//! place that says what to write instead, and `ketensim migrate` rewrites
//! them into format 2 without changing a single verdict.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use ketensim::core::engine::Session;
use ketensim::core::scenario::load_str;
use ketensim::core::scenario::migrate::migrate;

const OLD: &str = include_str!("../migrate/format1.ron");
const NEW: &str = include_str!("../migrate/format1.migrated.ron");

#[test]
fn format1_loads_with_a_warning_per_place_that_says_what_to_write() {
    let loaded = load_str(Path::new("format1.ron"), OLD).unwrap();
    let w: Vec<(usize, usize, String, String)> = loaded
        .warnings
        .iter()
        .filter(|d| d.message.contains("format 1"))
        .map(|d| {
            (
                d.pos.line,
                d.pos.col,
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(w.len(), 4, "{w:#?}");
    assert_eq!((w[0].0, w[0].1), (32, 44));
    assert!(w[0].2.contains("fact `f1` uses `category: Ordinary`"));
    assert!(w[0].3.starts_with("leave it out"));
    assert_eq!((w[1].0, w[1].1), (33, 44));
    assert!(w[1].3.starts_with("write `criminal: true`"));
    assert!(w[1].3.contains("not criminal-law data"));
    assert_eq!((w[2].0, w[2].1), (35, 46));
    assert!(w[2].3.starts_with("write `special: true`"));
    assert_eq!(w[3].0, 44);
    assert!(w[3].2.contains("meeting `overleg`"));
    assert!(w[3].2.contains("treated as always in session"));
    assert!(w[3].3.contains("sits: [") && w[3].3.contains("always: true"));
    for d in &loaded.warnings {
        assert!(
            d.hint.as_deref().unwrap_or("").contains("migrate") || !d.message.contains("format 1")
        );
    }
}

#[test]
fn migrate_rewrites_the_file_as_shown() {
    let m = migrate(Path::new("format1.ron"), OLD).unwrap();
    assert_eq!(m.text, NEW, "tests/migrate/format1.migrated.ron differs");
    let lines: Vec<(usize, usize)> = m.changes.iter().map(|c| (c.pos.line, c.pos.col)).collect();
    assert_eq!(lines, [(32, 44), (33, 44), (35, 46), (44, 47)]);
    // Comments stay.
    assert!(
        m.text
            .starts_with("// The mini fixture as it was in scenario format 1")
    );
    // The result is format 2: no format-1 warning is left.
    let loaded = load_str(Path::new("migrated.ron"), &m.text).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .all(|d| !d.message.contains("format 1")),
        "{:?}",
        loaded.warnings
    );
    // Migrating again changes nothing.
    let again = migrate(Path::new("migrated.ron"), &m.text).unwrap();
    assert_eq!(again.text, m.text);
    assert!(again.changes.is_empty());
}

/// Every share of every fact to every recipient on every channel and
/// ground, in random sessions, is judged the same before and after the
/// migration.
#[test]
fn migration_changes_no_verdict() {
    let old = Arc::new(load_str(Path::new("old.ron"), OLD).unwrap().compiled);
    let new = Arc::new(load_str(Path::new("new.ron"), NEW).unwrap().compiled);
    let roles = ["a".to_string(), "b".to_string()];
    let mut judged = 0;
    for seed in 0..20u64 {
        let mut a = Session::start(old.clone(), seed, &roles, None).unwrap();
        let mut b = Session::start(new.clone(), seed, &roles, None).unwrap();
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        for _ in 0..12 {
            if a.state().ended() {
                break;
            }
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let who = (x >> 33) as usize % 2;
            let r = old.ids.roles[&roles[who]];
            judged += judge_every_share(&old, &new, &a, &b, r);
            let acts = a.legal_actions(r);
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let act = old.act_with_ids(&acts[(x >> 33) as usize % acts.len()]);
            let ea = a.apply(&roles[who], &act);
            let eb = b.apply(&roles[who], &act);
            assert_eq!(ea.is_ok(), eb.is_ok());
            assert_eq!(a.state(), b.state());
        }
    }
    assert!(judged > 1000, "{judged}");
}

#[test]
fn the_command_keeps_the_original_and_rewrites_in_place() {
    let dir = std::env::temp_dir().join(format!("ketensim-migrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("oud.ron");
    std::fs::write(&file, OLD).unwrap();
    assert_eq!(ketensim::cli::migrate::run(&file, false), ExitCode::SUCCESS);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), NEW);
    let backup = dir.join("oud.ron.format1.bak");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), OLD);
    // A second run finds nothing to do and leaves the file alone.
    assert_eq!(ketensim::cli::migrate::run(&file, false), ExitCode::SUCCESS);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), NEW);
    // A file that does not parse is refused and left as it is.
    let broken = dir.join("kapot.ron");
    std::fs::write(&broken, "(id: \"x\",").unwrap();
    assert_eq!(
        ketensim::cli::migrate::run(&broken, false),
        ExitCode::from(1)
    );
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "(id: \"x\",");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A format 2 scenario from before the two kinds of consent: its requests
/// load as `kind: Both` with a warning that says what to write, `migrate`
/// writes `kind: Both` after each `subject`, and no verdict changes.
#[test]
fn consent_requests_without_a_kind_are_migrated_to_both() {
    const BEFORE: &str = include_str!("../migrate/consent-kind.ron");
    let loaded = load_str(Path::new("consent-kind.ron"), BEFORE).unwrap();
    let kinds: Vec<&str> = loaded
        .warnings
        .iter()
        .filter(|d| d.message.contains("does not say which consent"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:#?}");
    assert!(kinds[0].starts_with("consent request `c_jh_zvh`"));
    let m = migrate(Path::new("consent-kind.ron"), BEFORE).unwrap();
    assert_eq!(m.changes.len(), 2);
    assert!(m.text.contains("subject: \"milan\", kind: Both,"));
    assert!(m.text.contains("subject: \"lotte\", kind: Both,"));
    assert!(m.changes[0].note.contains("kind: Secrecy"));
    // Only the two insertions differ.
    let removed = m.text.replace(", kind: Both", "");
    assert_eq!(removed, BEFORE);
    let after = load_str(Path::new("migrated.ron"), &m.text).unwrap();
    assert!(
        after
            .warnings
            .iter()
            .all(|d| !d.message.contains("does not say which consent"))
    );
    // Migrating again changes nothing.
    assert!(
        migrate(Path::new("migrated.ron"), &m.text)
            .unwrap()
            .changes
            .is_empty()
    );
    // The same sessions judge every share the same before and after.
    let old = Arc::new(loaded.compiled);
    let new = Arc::new(after.compiled);
    let roles = ["jeugdhulp".to_string(), "politie".to_string()];
    let mut judged = 0;
    for seed in 0..6u64 {
        let mut a = Session::start(old.clone(), seed, &roles, None).unwrap();
        let mut b = Session::start(new.clone(), seed, &roles, None).unwrap();
        for step in 0..10usize {
            if a.state().ended() {
                break;
            }
            let who = (seed as usize + step) % 2;
            let r = old.ids.roles[&roles[who]];
            judged += judge_every_share(&old, &new, &a, &b, r);
            let acts = a.legal_actions(r);
            let act = old.act_with_ids(&acts[(seed as usize * 7 + step * 3) % acts.len()]);
            assert_eq!(
                a.apply(&roles[who], &act).is_ok(),
                b.apply(&roles[who], &act).is_ok()
            );
            assert_eq!(a.state(), b.state());
        }
    }
    assert!(judged > 1000, "{judged}");
}

/// Judges every share `r` could make now, on every ground, in the same
/// state of the scenario before (`old`, session `a`) and after (`new`,
/// session `b`) the migration; they must agree. Returns how many.
fn judge_every_share(
    old: &ketensim::core::scenario::Compiled,
    new: &ketensim::core::scenario::Compiled,
    a: &Session,
    b: &Session,
    r: usize,
) -> usize {
    use ketensim::core::engine::law::judge;
    let mut judged = 0;
    let menu = a.menu(r);
    for &f in &menu.facts {
        for (ch, reach) in &menu.channels {
            for &to in reach {
                for g in 0..old.scenario.grounds.len() {
                    let ja = judge(old, a.state(), r, to, f, *ch, g);
                    let jb = judge(new, b.state(), r, to, f, *ch, g);
                    assert_eq!(ja, jb, "fact {f} to {to} via {ch} on {g}");
                    judged += 1;
                }
            }
        }
    }
    judged
}
