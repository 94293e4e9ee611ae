//! Saving an edited scenario keeps the file the truth (issue 20, part 2):
//! without edits every bundled case saves byte-identical; one changed text
//! changes that text only; added and removed items leave the comments
//! around them; a seeded random sequence of edits always reads back as the
//! scenario it saved.

use std::path::PathBuf;

use ketensim::core::scenario::load::ron_options;
use ketensim::core::scenario::model::{DecisionOption, Scenario, Time};
use ketensim::core::scenario::ron_tree;
use ketensim::core::scenario::save::{SaveError, rewrite, save};

use crate::diff::changed_lines;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every bundled case: its path, text and scenario.
fn bundled() -> Vec<(PathBuf, String, Scenario)> {
    let mut out: Vec<_> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| ketensim::core::library::is_scenario_file(p))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let s: Scenario = ron_options().from_str(&text).unwrap();
            (p, text, s)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 6, "the six bundled cases");
    out
}

/// The full-line comments of a text.
fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("//"))
        .collect()
}

#[test]
fn every_bundled_case_saves_byte_identical_without_edits() {
    for (path, text, s) in bundled() {
        let out = rewrite(&text, &s, &s.clone()).unwrap();
        assert!(out == text, "{}", path.display());
    }
}

#[test]
fn one_changed_text_changes_that_text_only() {
    for (path, text, s) in bundled() {
        let mut new = s.clone();
        let i = new.facts.len() / 2;
        new.facts[i].text =
            "Een nieuwe tekst met \"aanhalingstekens\", een 'citaat' en een ë.".into();
        let out = rewrite(&text, &s, &new).unwrap();
        let (gone, added) = changed_lines(&text, &out);
        assert_eq!(gone.len(), 1, "{}: {gone:?}", path.display());
        assert_eq!(added.len(), 1, "{}: {added:?}", path.display());
        assert!(
            gone[0].contains(&s.facts[i].text.replace('"', "\\\"")),
            "{}",
            gone[0]
        );
        assert!(
            added[0]
                .contains(r#""Een nieuwe tekst met \"aanhalingstekens\", een 'citaat' en een ë.""#),
            "{}",
            added[0]
        );
        // Only the value changed on that line.
        assert_eq!(
            gone[0].split(':').next(),
            added[0].split(':').next(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn an_injects_time_and_a_new_option_change_only_their_lines() {
    for (path, text, s) in bundled() {
        let mut new = s.clone();
        let k = new.injects.iter().position(|i| i.at.is_some()).unwrap();
        let at = new.injects[k].at.clone().unwrap();
        new.injects[k].at = Some(Time {
            day: at.day + 1,
            part: at.part.clone(),
        });
        let d = 0;
        let option = DecisionOption {
            id: "o_nieuw".into(),
            text: "Eerst overleggen met de aandachtsfunctionaris.".into(),
            ..new.decisions[d].options[0].clone()
        };
        new.decisions[d].options.push(option);
        let out = rewrite(&text, &s, &new).unwrap();
        if std::env::var("KETENSIM_SAVE_DEBUG").is_ok() {
            std::fs::write(
                format!("/tmp/{}", path.file_name().unwrap().to_string_lossy()),
                &out,
            )
            .unwrap();
        }
        let (gone, added) = changed_lines(&text, &out);
        // The time: one line (or the inject's one-line `at`) changes.
        assert_eq!(gone.len(), 1, "{}: {gone:?}", path.display());
        assert!(gone[0].contains(&format!("day: {}", at.day)), "{gone:?}");
        assert!(
            added
                .iter()
                .any(|l| l.contains(&format!("day: {}", at.day + 1))),
            "{added:?}"
        );
        // The option: new lines only, in the file's indentation.
        assert!(
            added.iter().any(|l| l.contains("id: \"o_nieuw\"")),
            "{added:?}"
        );
        let first_option_line = text
            .lines()
            .find(|l| l.contains(&format!("id: \"{}\"", s.decisions[d].options[0].id)))
            .unwrap();
        let new_line = added.iter().find(|l| l.contains("\"o_nieuw\"")).unwrap();
        let indent = |l: &str| l.len() - l.trim_start().len();
        assert!(
            indent(new_line) >= indent(first_option_line),
            "{}: `{new_line}` vs `{first_option_line}`",
            path.display()
        );
        assert_eq!(comments(&out), comments(&text), "{}", path.display());
    }
}

#[test]
fn removed_and_added_items_leave_the_comments_around_them() {
    for (path, text, s) in bundled() {
        let mut new = s.clone();
        // Remove a fact from the middle and the first decision, add two.
        let removed = new.facts.remove(new.facts.len() / 2);
        new.decisions.remove(0);
        let mut f = removed.clone();
        f.id = "f_nieuw_1".into();
        f.text = "Een nieuw gegeven.".into();
        new.facts.insert(0, f.clone());
        f.id = "f_nieuw_2".into();
        new.facts.push(f);
        let out = rewrite(&text, &s, &new).unwrap();
        // Every comment outside the removed items stays (a comment inside
        // a removed item goes with it).
        let tree = ron_tree::parse(&text).unwrap();
        let span_of = |list: &str, id: &str| {
            tree.field(list)
                .unwrap()
                .items()
                .iter()
                .find(|i| {
                    i.value.field("id").map(|x| &x.kind) == Some(&ron_tree::Kind::Str(id.into()))
                })
                .unwrap()
                .span
                .clone()
        };
        let mut outside = text.clone();
        let mut spans = [
            span_of("facts", &removed.id),
            span_of("decisions", &s.decisions[0].id),
        ];
        spans.sort_by_key(|r| std::cmp::Reverse(r.start));
        for r in spans {
            outside.replace_range(r, "");
        }
        assert_eq!(comments(&out), comments(&outside), "{}", path.display());
        assert!(!out.contains(&format!("id: \"{}\"", removed.id)));
        assert!(out.contains("\"f_nieuw_1\"") && out.contains("\"f_nieuw_2\""));
        let back: Scenario = ron_options().from_str(&out).unwrap();
        assert_eq!(back, new);
    }
}

/// A number below `n` (`n` > 0).
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    rng.next_u32() as usize % n
}

/// A seeded random sequence of edits (bounded: 25 per case), each saved
/// over the last: the text always reads back as the scenario saved, and
/// no comment line is lost.
#[test]
fn a_random_edit_sequence_always_reads_back_as_saved() {
    let mut rng = ChaCha8Rng::seed_from_u64(20);
    for (path, mut text, mut old) in bundled() {
        let all_comments = comments(&text).len();
        for step in 0..25 {
            let mut new = old.clone();
            match below(&mut rng, 7) {
                0 if !new.facts.is_empty() => {
                    let i = below(&mut rng, new.facts.len());
                    new.facts[i].text =
                        format!("Tekst {step}: \"{}\"\nnieuwe regel", rng.next_u32() % 65536);
                }
                1 if !new.facts.is_empty() => {
                    let i = below(&mut rng, new.facts.len());
                    let mut f = new.facts[i].clone();
                    f.id = format!("f_r{step}");
                    let at = below(&mut rng, new.facts.len() + 1);
                    new.facts.insert(at, f);
                }
                2 if new.facts.len() > 1 => {
                    let i = below(&mut rng, new.facts.len());
                    new.facts.remove(i);
                }
                3 if !new.decisions.is_empty() => {
                    let d = below(&mut rng, new.decisions.len());
                    let o = below(&mut rng, new.decisions[d].options.len());
                    let mut opt = new.decisions[d].options[o].clone();
                    opt.id = format!("o_r{step}");
                    opt.expert = !opt.expert;
                    new.decisions[d].options.push(opt);
                }
                4 if !new.injects.is_empty() => {
                    let i = below(&mut rng, new.injects.len());
                    new.injects[i].at = Some(Time {
                        day: 1 + below(&mut rng, 3) as u32,
                        part: "middag".into(),
                    });
                }
                5 if !new.decisions.is_empty() => {
                    let d = below(&mut rng, new.decisions.len());
                    new.decisions[d].within = match new.decisions[d].within {
                        Some(_) => None,
                        None => Some(2),
                    };
                }
                _ => {
                    new.learning_goals.push(format!("Leerdoel {step}"));
                }
            }
            let out = rewrite(&text, &old, &new)
                .unwrap_or_else(|e| panic!("{} step {step}: {e:?}", path.display()));
            let back: Scenario = ron_options().from_str(&out).unwrap();
            assert_eq!(back, new, "{} step {step}", path.display());
            assert!(
                comments(&out).len() >= all_comments,
                "{} step {step}: a comment was lost",
                path.display()
            );
            text = out;
            old = new;
        }
    }
}

/// Saving writes the file atomically, and refuses when the file changed
/// on disk since it was opened.
#[test]
fn save_refuses_a_file_changed_on_disk() {
    let (_, text, s) = bundled().remove(0);
    let dir = std::env::temp_dir().join(format!("ketensim-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("casus.ron");
    std::fs::write(&path, &text).unwrap();
    let mut new = s.clone();
    new.title = "Een andere titel".into();
    let out = save(&path, &text, &s, &new).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), out);
    // Someone else changed it since: nothing is written.
    std::fs::write(&path, format!("{out}\n// elders gewijzigd\n")).unwrap();
    let mut newer = new.clone();
    newer.title = "Nog een titel".into();
    assert_eq!(
        save(&path, &out, &new, &newer),
        Err(SaveError::ChangedOnDisk)
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("// elders gewijzigd\n")
    );
    std::fs::remove_dir_all(&dir).ok();
}
