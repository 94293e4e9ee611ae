//! The appending journal of a session: instead of rewriting the whole log
//! after every accepted command, each command's new log records are
//! appended as one line each (see `core::store::Journal` for the file).
//!
//! ```text
//! KETENSIM-JOURNAL 1
//! (format:2,scenario:"…",scenario_hash:"…",seed:7,roles:["politie"],…,actions:[])
//! A((tick:0,role:"politie",act:Flag(…)))
//! E((after:1,tick:0,what:Ready(role:"politie")))
//! ```
//!
//! Line 1 names the format, line 2 is the log's header (a [`SessionLog`]
//! without actions and entries), and every further line is one action
//! (`A`) or one entry (`E`) in the order they were accepted. An entry
//! keeps `after` (how many actions came before it), so the log is rebuilt
//! exactly. A crash while a line is being written leaves a torn last
//! line: it has no line end or does not parse; it is dropped when the
//! journal is read, never fatal. A bad line that is not the last is damage
//! and is reported with its line number.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::log::{Entry, LoggedAction, SessionLog};
use crate::core::diag::{Diagnostic, Pos};

/// The first line of every journal.
pub const MAGIC: &str = "KETENSIM-JOURNAL 1";

/// One record line after the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    A(LoggedAction),
    E(Entry),
}

/// Whether `text` is a journal (rather than a readable log).
pub fn is_journal(text: &str) -> bool {
    text.starts_with(MAGIC)
}

fn one_line<T: Serialize>(value: &T) -> String {
    // Plain data always serialises; RON escapes line ends in strings, so
    // the result is one line.
    ron::to_string(value).unwrap_or_default()
}

/// The header lines of a new journal for `log` (its actions and entries
/// follow as records).
pub fn header(log: &SessionLog) -> String {
    let head = SessionLog {
        actions: Vec::new(),
        entries: Vec::new(),
        ..log.clone()
    };
    format!("{MAGIC}\n{}\n", one_line(&head))
}

/// The record lines for what `log` gained since it had `actions` actions
/// and `entries` entries: entries first, then actions, each kind in order
/// (the entries' `after` keeps their place among the actions).
pub fn records_since(log: &SessionLog, actions: usize, entries: usize) -> String {
    let mut out = String::new();
    for e in log.entries.iter().skip(entries) {
        out.push_str(&one_line(&Record::E(e.clone())));
        out.push('\n');
    }
    for a in log.actions.iter().skip(actions) {
        out.push_str(&one_line(&Record::A(a.clone())));
        out.push('\n');
    }
    out
}

/// A journal read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadJournal {
    pub log: SessionLog,
    /// Bytes of the journal that hold whole, good lines: a torn last line
    /// starts here (equal to the text's length when there is none).
    pub good_len: usize,
    /// A torn last line was dropped.
    pub torn: bool,
}

/// Reads a journal's text (`path` for messages). A torn last line is
/// dropped; anything else that is wrong is an error naming the line.
pub fn read(path: &Path, text: &str) -> Result<ReadJournal, Box<Diagnostic>> {
    let err = |line: usize, msg: String, hint: &str| {
        Box::new(Diagnostic::error(path, Pos { line, col: 1 }, msg).with_hint(hint))
    };
    // Whole lines (ending in '\n') with their byte ends.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    while let Some(n) = text[at..].find('\n') {
        lines.push((at + n + 1, &text[at..at + n]));
        at += n + 1;
    }
    let mut torn = at < text.len();
    let magic = lines.first().map(|l| l.1.trim_end_matches('\r'));
    if magic != Some(MAGIC) {
        return Err(err(
            1,
            format!("not a session journal: the first line must be `{MAGIC}`"),
            "open the file with the program that wrote it",
        ));
    }
    let Some(&(head_end, head_text)) = lines.get(1) else {
        return Err(err(
            2,
            "the journal has no header line (the session was never saved)".to_string(),
            "start the case again",
        ));
    };
    let mut log: SessionLog = ron::from_str(head_text).map_err(|e| {
        err(
            2,
            format!("the journal's header does not read: {e}"),
            "the file is damaged; it is kept as it is",
        )
    })?;
    if !(1..=SessionLog::FORMAT).contains(&log.format) {
        return Err(err(
            2,
            format!(
                "session log format {} is not supported (this program reads 1 to {})",
                log.format,
                SessionLog::FORMAT
            ),
            "open the journal with the version of the program that wrote it",
        ));
    }
    let mut good_len = head_end;
    let last = lines.len().saturating_sub(1);
    for (i, &(end, line)) in lines.iter().enumerate().skip(2) {
        match ron::from_str::<Record>(line) {
            Ok(Record::A(a)) => log.actions.push(a),
            Ok(Record::E(e)) => log.entries.push(e),
            // Only the very last line can be torn by a crash.
            Err(_) if i == last && !torn => {
                torn = true;
                break;
            }
            Err(e) => {
                return Err(err(
                    i + 1,
                    format!("line {} of the journal does not read: {e}", i + 1),
                    "the file is damaged in the middle; it is kept as it is",
                ));
            }
        }
        good_len = end;
    }
    Ok(ReadJournal {
        log,
        good_len,
        torn,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::core::engine::{EntryKind, Session};
    use crate::core::scenario::load_file;
    use crate::core::scenario::model::Act;

    /// The bundled case played a little by the police: a log with actions
    /// and training-day entries.
    fn played() -> SessionLog {
        let c = load_file(&PathBuf::from("scenarios/criminele-uitbuiting-sem.ron"))
            .map(|l| Arc::new(l.compiled))
            .unwrap();
        let seats = [
            crate::core::engine::Seat {
                role: "politie".into(),
                person: Some("Bas \"de\" V.\nregel twee".into()),
            },
            crate::core::engine::Seat {
                role: "gemeente".into(),
                person: None,
            },
        ];
        let mut s = Session::start_day(c, 7, &seats, true).unwrap();
        s.end_part("politie").unwrap();
        s.note(EntryKind::Observe {
            text: "Goed gesprek,\nmet een regelovergang".into(),
            role: Some("politie".into()),
            competency: None,
        })
        .unwrap();
        s.end_part("gemeente").unwrap();
        s.apply("gemeente", &Act::Advance).unwrap();
        assert!(!s.log().actions.is_empty() && !s.log().entries.is_empty());
        s.log().clone()
    }

    fn whole(log: &SessionLog) -> String {
        header(log) + &records_since(log, 0, 0)
    }

    #[test]
    fn a_journal_reads_back_as_the_same_log_in_one_line_per_record() {
        let log = played();
        let text = whole(&log);
        let lines = text.lines().count();
        assert_eq!(lines, 2 + log.actions.len() + log.entries.len());
        let back = read(Path::new("x"), &text).unwrap();
        assert_eq!(back.log, log);
        assert!(!back.torn);
        assert_eq!(back.good_len, text.len());
        // Appending in steps gives the same text as writing it whole.
        let mut part = log.clone();
        part.actions.truncate(1);
        part.entries.retain(|e| e.after <= 1);
        let stepwise = header(&log)
            + &records_since(&part, 0, 0)
            + &records_since(&log, part.actions.len(), part.entries.len());
        assert_eq!(read(Path::new("x"), &stepwise).unwrap().log, log);
        // SessionLog::from_text reads either format.
        assert_eq!(SessionLog::from_text(Path::new("x"), &text).unwrap(), log);
        assert_eq!(
            SessionLog::from_text(Path::new("x"), &log.to_ron()).unwrap(),
            log
        );
    }

    #[test]
    fn every_torn_last_line_is_dropped_and_nothing_before_it() {
        let log = played();
        let text = whole(&log);
        let last_start = text[..text.len() - 1].rfind('\n').unwrap() + 1;
        let mut shorter = log.clone();
        // The last line is the last action (records: entries, then actions).
        shorter.actions.pop();
        for cut in last_start + 1..text.len() {
            let r = read(Path::new("x"), &text[..cut]).unwrap();
            assert!(r.torn, "cut at {cut}");
            assert_eq!(r.log, shorter, "cut at {cut}");
            assert_eq!(r.good_len, last_start);
        }
        // A whole last line that does not parse (garbage after a power
        // cut) is dropped too.
        let garbage = format!("{}\u{0}\u{0}\u{0}\n", &text[..last_start]);
        let r = read(Path::new("x"), &garbage).unwrap();
        assert!(r.torn);
        assert_eq!(r.log, shorter);
    }

    #[test]
    fn damage_in_the_middle_or_in_the_header_is_an_error_with_its_line() {
        let log = played();
        let text = whole(&log);
        let mut lines: Vec<&str> = text.lines().collect();
        lines[3] = "A((tick:0,role:";
        let damaged = lines.join("\n") + "\n";
        let e = read(Path::new("sessie.session.journal"), &damaged).unwrap_err();
        assert_eq!(e.pos.line, 4);
        assert!(e.to_string().contains("line 4"), "{e}");
        let e = read(Path::new("x"), &text.replacen("format:2", "format:9", 1)).unwrap_err();
        assert!(e.to_string().contains("format 9"), "{e}");
        let e = read(Path::new("x"), "KETENSIM-JOURNAL 1\n").unwrap_err();
        assert_eq!(e.pos.line, 2);
        assert!(read(Path::new("x"), "SessionLog(format: 2)").is_err());
    }
}
