//! `new <id>`: scaffolds a commented scenario, its expert answer file and
//! its test plan, from the documentation's worked example. The result
//! passes `check --strict` (a test keeps it so).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The worked example the scaffold starts from.
const EXAMPLE: &str = include_str!("../../docs/examples/voorbeeld-noor.ron");

/// Comments put before the sections of the example, for a new author.
const SECTION_COMMENTS: [(&str, &str); 12] = [
    (
        "    forms: [",
        "    // Forms of exploitation: Sexual, Labour, Criminal, Other.",
    ),
    (
        "    clock: (",
        "    // The case clock: days, each split into day-parts. Trainees end a day-part with Advance.",
    ),
    (
        "    roles: [",
        "    // Roles: the organisations. `playable: true` roles can be played; the `script` is what a role does when nobody plays it (its expert behaviour).",
    ),
    (
        "    subjects: [",
        "    // The (fictional!) people the facts are about.",
    ),
    (
        "    facts: [",
        "    // Information items: who knows them at the start (`known_by`), their data attributes (`special`, `criminal`), and `signal` if they point to exploitation (weights stack).",
    ),
    (
        "    channels: [",
        "    // How information travels: Direct (phone, mail), Report (a melding to one body), Meeting (everyone present hears it; it sits at `sits` or when a member convenes it).",
    ),
    (
        "    grounds: [",
        "    // Legal grounds a role can invoke when it shares (cite the article in `reference`).",
    ),
    (
        "    sharing: (",
        "    // How shares are judged: the first rule that matches decides Lawful / Unlawful / Excessive, with the reason and rule the debrief shows.",
    ),
    (
        "    injects: [",
        "    // Messages, calls and reports that reach a role at a time or when a condition holds; they reveal facts and open decisions.",
    ),
    (
        "    decisions: [",
        "    // Scripted decisions: options with feedback, a reference, points per competency; mark exactly one option `expert: true`.",
    ),
    (
        "    rules: [",
        "    // `when <condition> then <effects>`: this is how the picture emerges when information comes together.",
    ),
    (
        "    expectations: [",
        "    // What a role should achieve (above all: what to share with whom); scored in the debrief.",
    ),
];

/// The scenario text for `id`.
pub fn scenario_text(id: &str) -> String {
    let mut text = EXAMPLE.replacen("id: \"voorbeeld-noor\"", &format!("id: \"{id}\""), 1);
    text = text.replacen(
        "title: \"Noor (16): twee losse signalen\"",
        &format!("title: \"Nieuw scenario: {id}\""),
        1,
    );
    for (anchor, comment) in SECTION_COMMENTS {
        text = text.replacen(&format!("\n{anchor}"), &format!("\n{comment}\n{anchor}"), 1);
    }
    format!(
        "// Scenario `{id}`, made with `ketensim new`. It starts as a copy of the\n\
         // worked example in docs/scenario-format.md (the reference for every\n\
         // construct); change it into your own case. Use only fictional people.\n\
         //\n\
         // Then: `ketensim check <this file>` (problems with file:line:col; it\n\
         // also runs the test plan {id}.tests.ron), and play it with\n\
         // `ketensim play <this file> --role gemeente --answers answers/{id}-expert.answers.ron --report verslag.html`.\n\
         {text}"
    )
}

/// The expert answer file: flags the signal, chooses the casusoverleg and
/// brings the truancy in on the Wgs.
pub fn answers_text(id: &str) -> String {
    format!(
        "// Expert path for the gemeente in `{id}`; the test plan expects \"goed\" and\n\
         // the maximum score. Change it together with the scenario.\n\
         Answers(\n    scenario: \"{id}\",\n    seed: 1,\n    steps: [\n        Flag(fact: \"f_verzuim\", form: Sexual),\n        Decide(decision: \"d_route\", option: \"o_overleg\"),\n        Share(facts: [\"f_verzuim\"], to: [], channel: \"overleg\", ground: \"wgs\"),\n    ],\n)\n"
    )
}

/// The test plan: the expert case, with its scores spelled as the
/// scenario's `points` spell the competencies.
pub fn plan_text(id: &str) -> String {
    format!(
        "// Test plan for `{id}`: `ketensim check` plays every case and compares\n\
         // outcome, scores and feedback (see docs/answer-format.md, \"Test plans\").\n\
         // `scores` names a competency as the scenario's `points` do (`Samenwerking`,\n\
         // `RechtmatigDelen`, `Custom(\"...\")`) or \"totaal\" for the total, with the\n\
         // earned points as (min, max). Add a deliberately poor case with the\n\
         // mistakes it must name in `feedback`.\n\
         TestPlan(\n    scenario: \"{id}\",\n    cases: [\n        (name: \"expert gemeente\", answers: \"answers/{id}-expert.answers.ron\", role: Some(\"gemeente\"),\n         expect: (\n             outcome: Some(\"goed\"),\n             maximum: true,\n             scores: {{Samenwerking: (3, 3), RechtmatigDelen: (1, 1)}},\n         )),\n    ],\n)\n"
    )
}

/// Whether `id` is a valid scenario id.
fn valid(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Writes the three files into `dir`; refuses to overwrite. Returns the
/// paths written.
pub fn scaffold(id: &str, dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !valid(id) {
        return Err(format!(
            "`{id}` is not a valid scenario id: use lowercase letters, digits, `-` and `_`"
        ));
    }
    let files = [
        (dir.join(format!("{id}.ron")), scenario_text(id)),
        (dir.join(format!("{id}.tests.ron")), plan_text(id)),
        (
            dir.join("answers").join(format!("{id}-expert.answers.ron")),
            answers_text(id),
        ),
    ];
    if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(format!(
            "{} already exists; choose another id or remove it first",
            p.display()
        ));
    }
    let mut written = Vec::new();
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        }
        crate::core::store::write_atomic(path, text)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        written.push(path.clone());
    }
    Ok(written)
}

pub fn run(id: &str, dir: &Path) -> ExitCode {
    match scaffold(id, dir) {
        Ok(files) => {
            for f in &files {
                println!("written: {}", f.display());
            }
            println!(
                "next: ketensim check {}",
                files
                    .first()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
