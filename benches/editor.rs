//! The editor's cost per change on the bundled case (Sem, the largest):
//! an edit with its live check (the text as it would be saved, load and
//! validate, the fast lints), the rebuilt form data (outline, the
//! selected item's form, the timeline), a save's rewrite, and an edit
//! that leaves many problems (each placed and put into Dutch). Prints the
//! median and the slowest of 50; run with
//! `cargo bench --no-default-features --bench editor`.

use std::path::Path;
use std::time::{Duration, Instant};

use ketensim::core::authoring::Document;
use ketensim::core::authoring::form::{form, outline, set_field, text_value, timeline};
use ketensim::core::scenario::save::rewrite;

fn stats(mut xs: Vec<Duration>) -> (Duration, Duration) {
    xs.sort();
    (xs[xs.len() / 2], xs[xs.len() - 1])
}

fn main() {
    let path = Path::new("scenarios/criminele-uitbuiting-sem.ron");
    let mut doc = match Document::open(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let original = doc.scenario().clone();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let item = vec![("facts".to_string(), doc.scenario().facts[5].id.clone())];
    let (mut edit, mut views, mut save) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..50 {
        let t = Instant::now();
        let Ok(next) = set_field(
            doc.scenario(),
            &item,
            "text",
            Some(&text_value(&format!("Tekst {i}"))),
        ) else {
            eprintln!("the edit does not fit");
            std::process::exit(1);
        };
        doc.edit("Tekst: text", |s| *s = next);
        edit.push(t.elapsed());
        let t = Instant::now();
        let o = outline(doc.scenario());
        let f = form(doc.scenario(), &item);
        let tl = timeline(doc.scenario());
        views.push(t.elapsed());
        assert!(!o.is_empty() && !f.is_empty() && !tl.is_empty());
        let t = Instant::now();
        let out = rewrite(&text, &original, doc.scenario());
        save.push(t.elapsed());
        assert!(out.is_ok());
    }
    let problems_before = doc.problems().len();
    // An edit that leaves many problems (every option without feedback):
    // the check with each problem placed and put into Dutch.
    let mut broken = Vec::new();
    for i in 0..50 {
        let t = Instant::now();
        doc.edit("Terugkoppeling", |s| {
            for d in &mut s.decisions {
                for o in &mut d.options {
                    o.feedback = " ".repeat(i % 2);
                }
            }
        });
        broken.push(t.elapsed());
    }
    let many = doc.problems().len();
    assert!(many > 20, "{many} problems");
    assert!(
        doc.problems()
            .iter()
            .all(|p| p.message.contains("heeft geen terugkoppeling")),
        "in Dutch"
    );
    for (what, xs) in [
        ("edit + live check", edit),
        ("outline + form + timeline", views),
        ("save's rewrite (with read-back)", save),
        ("edit leaving many problems + live check in Dutch", broken),
    ] {
        let (median, max) = stats(xs);
        println!("{what}: median {median:.1?}, slowest {max:.1?}");
    }
    println!("problems after the text edits: {problems_before}; after the feedback edits: {many}");
}
