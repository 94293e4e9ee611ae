//! Saving a debrief as a report (HTML, JSON, or a group's CSV) in the
//! reports folder, named after the attempt's own session file.

use std::path::Path;

use super::flow::Play;
use crate::core::eval::Debrief;
use crate::core::eval::group::GroupDebrief;
use crate::core::export::xapi::{Actor, Times, to_xapi};
use crate::core::export::{to_html, to_json};
use crate::core::store;

/// A report is named after its session's own file (one per attempt), so
/// the report of a second attempt never overwrites the first; without a
/// saved file, after the scenario, roles and seed.
pub fn report_stem(play: Option<&Play>) -> Option<String> {
    Some(store::file_stem(play?.file()?))
}

/// Writes the group report (HTML) or the scores (CSV, one row per seat);
/// returns a Dutch message.
pub fn export_group(dir: &Path, g: &GroupDebrief, html: bool, stem: Option<String>) -> String {
    let name = format!(
        "{}.{}",
        stem.unwrap_or_else(|| format!("{}-trainingsdag-seed{}", g.scenario.id, g.session.seed)),
        if html { "html" } else { "csv" }
    );
    let text = if html {
        Ok(crate::core::export::group::to_group_html(g))
    } else {
        crate::core::export::csv::to_group_csv(g).map_err(|e| e.to_string())
    };
    write_report(dir, &name, text)
}

/// Writes the report; returns a Dutch message for the trainee. Beside
/// the HTML report of a finished attempt with a trainee's name go its
/// xAPI statements (`<stem>.xapi.json`, for a learning platform); `file`
/// is the attempt's session file (its name holds the start).
pub fn export(
    dir: &Path,
    d: &Debrief,
    html: bool,
    stem: Option<String>,
    file: Option<&Path>,
) -> String {
    let stem = stem.unwrap_or_else(|| {
        format!(
            "{}-{}-seed{}",
            d.scenario.id,
            d.session.roles.join("+"),
            d.session.seed
        )
    });
    let name = format!("{stem}.{}", if html { "html" } else { "json" });
    let text = if html {
        Ok(to_html(d))
    } else {
        to_json(d).map_err(|e| e.to_string())
    };
    let message = write_report(dir, &name, text);
    match (html, &d.session.trainee) {
        (true, Some(trainee)) if d.session.finished => {
            let actor = Actor::new(trainee, None, None);
            let times = file.map(Times::of_file).unwrap_or_default();
            let x = write_report(dir, &format!("{stem}.xapi.json"), to_xapi(d, &actor, times));
            format!(
                "{message}\nVoor een leerplatform (xAPI): {}",
                x.trim_start_matches("Opgeslagen: ")
            )
        }
        _ => message,
    }
}

/// Writes a report into `dir` atomically (like the sessions); returns a
/// Dutch message for the trainee or trainer.
fn write_report(dir: &Path, name: &str, text: Result<String, String>) -> String {
    let path = dir.join(name);
    match text.and_then(|t| {
        std::fs::create_dir_all(dir)
            .and_then(|_| store::write_atomic(&path, &t))
            .map_err(|e| e.to_string())
    }) {
        Ok(()) => format!("Opgeslagen: {}", path.display()),
        Err(e) => format!("Opslaan mislukt ({}): {e}", path.display()),
    }
}
