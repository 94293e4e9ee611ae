//! Durable session files: one file per attempt, never overwritten by
//! another attempt, and every save atomic (a temporary file in the same
//! folder, flushed to disk, then renamed over the old one), so a crash or a
//! power cut leaves either the previous or the new log, never half of one.
//!
//! The app saves after every accepted action; a save that fails is
//! reported to the caller (and shown on screen), never swallowed, and the
//! next save tries again with the whole log.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::core::engine::{Session, SessionLog, journal};
use crate::core::scenario::Compiled;

/// The folder for saved sessions (`sessies/`) and reports (`verslagen/`):
/// `$KETENSIM_DATA` when set, else the OS data directory (see
/// [`data_dir_for`]).
pub fn data_dir() -> PathBuf {
    data_dir_for(
        std::env::consts::OS,
        |name| std::env::var_os(name),
        |p| p.is_dir(),
    )
}

/// [`data_dir`] for operating system `os` (`std::env::consts::OS`), with
/// the environment read through `var` and folders looked at through
/// `is_dir`:
///
/// - `$KETENSIM_DATA`, when set and not empty;
/// - Linux and other Unix: `$XDG_DATA_HOME/ketensim` (when absolute), else
///   `~/.local/share/ketensim`; macOS: `~/Library/Application
///   Support/ketensim`; Windows: `%APPDATA%\ketensim`;
/// - but `~/ketensim`, the folder of earlier versions, while it holds a
///   `sessies/` folder and the OS folder does not exist yet, so sessions
///   saved before stay listed and resumable (nothing is moved);
/// - `./ketensim-data` when no home folder is known.
pub fn data_dir_for(
    os: &str,
    var: impl Fn(&str) -> Option<OsString>,
    is_dir: impl Fn(&Path) -> bool,
) -> PathBuf {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(d) = set("KETENSIM_DATA") {
        return d;
    }
    let home = set("HOME").or_else(|| (os == "windows").then(|| set("USERPROFILE")).flatten());
    let os_dir = match os {
        "windows" => set("APPDATA").map(|d| d.join("ketensim")),
        "macos" => home.as_ref().map(|h| {
            h.join("Library")
                .join("Application Support")
                .join("ketensim")
        }),
        _ => set("XDG_DATA_HOME")
            .filter(|d| d.is_absolute())
            .or_else(|| home.as_ref().map(|h| h.join(".local").join("share")))
            .map(|d| d.join("ketensim")),
    };
    let legacy = home.map(|h| h.join("ketensim"));
    match (os_dir, legacy) {
        (Some(new), Some(old)) if !is_dir(&new) && is_dir(&old.join("sessies")) => old,
        (Some(new), _) => new,
        (None, Some(old)) => old,
        (None, None) => PathBuf::from("ketensim-data"),
    }
}

/// `YYYYMMDDTHHMMSSZ` for seconds since the Unix epoch (UTC).
pub fn utc_stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

/// Seconds since the Unix epoch of a `YYYYMMDDTHHMMSSZ` stamp (the
/// inverse of [`utc_stamp`]); `None` when it is not one.
pub fn parse_utc_stamp(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (h, m, sec) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    // Days since 1970-01-01 from the civil date (H. Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3_600 + m * 60 + sec).ok()
}

/// When an attempt started: the UTC stamp in its file's name
/// (`…-20261204T200928Z-0e36.session.ron`), if it has one.
pub fn attempt_started(path: &Path) -> Option<u64> {
    let stem = file_stem(path);
    let mut parts = stem.rsplit('-');
    parts.next()?; // the nonce
    parse_utc_stamp(parts.next()?)
}

/// "2026-12-03 14:32 UTC" for seconds since the Unix epoch.
pub fn readable_utc(secs: u64) -> String {
    let s = utc_stamp(secs);
    format!(
        "{}-{}-{} {}:{} UTC",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13]
    )
}

/// Keeps a name part to letters, digits, `-` and `_`.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The file name of a new attempt: scenario, played roles, trainee (if
/// named), UTC start time and a random part, e.g.
/// `criminele-uitbuiting-sem-politie-bas-20261203T141500Z-3f9a.session.ron`.
pub fn attempt_name(log: &SessionLog, secs: u64, nonce: u32) -> String {
    format!("{}{LOG_EXT}", attempt_stem(log, secs, nonce))
}

/// [`attempt_name`] without its ending.
pub fn attempt_stem(log: &SessionLog, secs: u64, nonce: u32) -> String {
    let mut name = format!("{}-{}", clean(&log.scenario), clean(&log.roles.join("+")));
    if let Some(t) = log.trainee.as_deref().filter(|t| !t.trim().is_empty()) {
        let t: String = clean(t.trim()).chars().take(24).collect();
        name.push('-');
        name.push_str(&t);
    }
    format!("{name}-{}-{nonce:04x}", utc_stamp(secs))
}

/// A fresh attempt file in `dir` (created empty, so no other attempt can
/// take the name); the folder is created if needed.
pub fn new_attempt(dir: &Path, log: &SessionLog) -> std::io::Result<PathBuf> {
    new_attempt_with(dir, log, LOG_EXT)
}

/// [`new_attempt`] with the file ending `ext`; a name is free only when
/// neither a log nor a journal has it.
fn new_attempt_with(dir: &Path, log: &SessionLog, ext: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let mut nonce = now.subsec_nanos() ^ std::process::id().rotate_left(16);
    for _ in 0..64 {
        let stem = attempt_stem(log, now.as_secs(), nonce & 0xffff);
        let path = dir.join(format!("{stem}{ext}"));
        let other = if ext == LOG_EXT { JOURNAL_EXT } else { LOG_EXT };
        if dir.join(format!("{stem}{other}")).exists() {
            nonce = nonce.wrapping_mul(2_654_435_761).wrapping_add(1);
            continue;
        }
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                nonce = nonce.wrapping_mul(2_654_435_761).wrapping_add(1);
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free file name for this attempt",
    ))
}

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// written and flushed to disk, renamed over `path`, and the folder
/// flushed so the rename itself survives a power cut.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sessie".to_string());
    let tmp = dir.join(format!(".{name}.tmp"));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // Make the rename durable (possible on Unix; elsewhere the rename
        // is durable once the file system flushes).
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Saves `log` to its attempt file (the whole log, atomically; used for
/// the readable log of a finished session, see [`Journal`]).
pub fn save(path: &Path, log: &SessionLog) -> std::io::Result<()> {
    write_atomic(path, &log.to_ron())
}

/// The ending of a readable session log.
pub const LOG_EXT: &str = ".session.ron";
/// The ending of a session's appending journal.
pub const JOURNAL_EXT: &str = ".session.journal";

/// A session file's name without its ending.
pub fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.trim_end_matches(LOG_EXT)
        .trim_end_matches(JOURNAL_EXT)
        .to_string()
}

/// The appending journal of one attempt (`core::engine::journal` has the
/// format): every accepted command's new records are appended as lines,
/// written and synced to disk before the command counts as saved; a
/// write that fails is cut back off the file and tried again, whole, at
/// the next append. When the case ends, [`Journal::finish`] writes the
/// readable log (`.session.ron`) and removes the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    path: PathBuf,
    /// Actions and entries of the log already in the file.
    actions: usize,
    entries: usize,
    /// Bytes of good lines in the file.
    len: u64,
    /// The case ended: `path` is the readable log, rewritten whole.
    finished: bool,
}

impl Journal {
    /// A new journal in `dir` for `log` (a new attempt: never another
    /// attempt's file), with everything `log` holds so far.
    pub fn create(dir: &Path, log: &SessionLog) -> std::io::Result<Journal> {
        let jpath = new_attempt_with(dir, log, JOURNAL_EXT)?;
        let mut f = OpenOptions::new().write(true).open(&jpath)?;
        f.write_all(journal::header(log).as_bytes())?;
        f.sync_all()?;
        drop(f);
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        let len = std::fs::metadata(&jpath)?.len();
        let mut j = Journal {
            path: jpath,
            actions: 0,
            entries: 0,
            len,
            finished: false,
        };
        j.append(log)?;
        Ok(j)
    }

    /// Goes on with the journal of a resumed attempt whose log (read from
    /// `path`) is `log`: a torn last line is cut off. A readable log of an
    /// earlier version becomes a journal beside it (the old file is
    /// removed once the journal is on disk).
    pub fn resume(path: &Path, log: &SessionLog) -> std::io::Result<Journal> {
        let text = std::fs::read_to_string(path)?;
        if !journal::is_journal(&text) {
            let dir = path.parent().unwrap_or_else(|| Path::new("."));
            let jpath = dir.join(format!("{}{JOURNAL_EXT}", file_stem(path)));
            let mut full = journal::header(log);
            full.push_str(&journal::records_since(log, 0, 0));
            write_atomic(&jpath, &full)?;
            std::fs::remove_file(path)?;
            return Ok(Journal {
                len: full.len() as u64,
                path: jpath,
                actions: log.actions.len(),
                entries: log.entries.len(),
                finished: false,
            });
        }
        let read = journal::read(path, &text)
            .map_err(|d| std::io::Error::new(std::io::ErrorKind::InvalidData, d.to_string()))?;
        if read.log != *log {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the journal changed since it was read",
            ));
        }
        if read.torn {
            let f = OpenOptions::new().write(true).open(path)?;
            f.set_len(read.good_len as u64)?;
            f.sync_all()?;
        }
        Ok(Journal {
            path: path.to_path_buf(),
            actions: log.actions.len(),
            entries: log.entries.len(),
            len: read.good_len as u64,
            finished: false,
        })
    }

    /// The file it writes (the readable log once finished).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends what `log` gained since the last append, one line per
    /// record, and syncs it to disk. Returns the number of lines written.
    pub fn append(&mut self, log: &SessionLog) -> std::io::Result<usize> {
        if self.finished {
            save(&self.path, log)?;
            return Ok(0);
        }
        let lines = journal::records_since(log, self.actions, self.entries);
        if lines.is_empty() {
            return Ok(0);
        }
        let mut f = OpenOptions::new().append(true).open(&self.path)?;
        let written = f.write_all(lines.as_bytes()).and_then(|()| f.sync_data());
        if let Err(e) = written {
            // Cut a half-written line off, so the next append starts on a
            // line of its own.
            let _ = f.set_len(self.len);
            return Err(e);
        }
        self.len += lines.len() as u64;
        self.actions = log.actions.len();
        self.entries = log.entries.len();
        Ok(lines.lines().count())
    }

    /// The case has ended: appends the rest, writes the readable log
    /// beside the journal (atomically) and removes the journal. Later
    /// appends rewrite the readable log.
    pub fn finish(&mut self, log: &SessionLog) -> std::io::Result<()> {
        if self.finished {
            return save(&self.path, log);
        }
        self.append(log)?;
        let dir = self.path.parent().unwrap_or_else(|| Path::new("."));
        let ron = dir.join(format!("{}{LOG_EXT}", file_stem(&self.path)));
        save(&ron, log)?;
        std::fs::remove_file(&self.path)?;
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        self.path = ron;
        self.finished = true;
        Ok(())
    }
}

/// What a saved session file turned out to be, for the Start screen's
/// list. Listing never changes, moves or deletes a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedStatus {
    /// It replays: where in the case it stands.
    Ok {
        /// The clock, e.g. "Dag 2, middag".
        clock: String,
        actions: usize,
        /// The outcome's title when the case has ended (open the debrief).
        ended: Option<String>,
    },
    /// Created, but the first action was never saved.
    Empty,
    /// The scenario it was played on (this id and content hash) is not in
    /// the library: it was edited or removed since.
    ScenarioChanged,
    /// Written by a newer version of the program.
    NewerFormat(u32),
    /// Not a session log (truncated, damaged, or another file).
    Unreadable(String),
    /// It reads, but does not replay on its scenario.
    DoesNotReplay(String),
}

/// One file of the sessions folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    /// When the file was last written, e.g. "2026-12-03 14:32 UTC".
    pub saved_at: String,
    /// The log, when it could be read.
    pub log: Option<SessionLog>,
    pub status: SavedStatus,
}

impl Saved {
    /// One plain Dutch line for the Start screen.
    pub fn message(&self) -> String {
        match &self.status {
            SavedStatus::Ok {
                clock,
                actions,
                ended: None,
            } => format!("Niet afgerond: {clock}, {actions} actie(s). Verder spelen kan."),
            SavedStatus::Ok {
                ended: Some(title), ..
            } => format!("Afgerond: {title}. De nabespreking kan worden geopend."),
            SavedStatus::Empty => {
                "Gestart, maar er is nog geen actie opgeslagen.".to_string()
            }
            SavedStatus::ScenarioChanged => "De casus is sinds deze sessie gewijzigd (of staat niet meer in de bibliotheek); de sessie kan niet worden voortgezet. Het bestand blijft bewaard.".to_string(),
            SavedStatus::NewerFormat(v) => format!("Opgeslagen door een nieuwere versie van het programma (formaat {v}). Open het met die versie; het bestand blijft bewaard."),
            SavedStatus::Unreadable(why) => format!("Dit bestand is beschadigd of onvolledig en kan niet worden gelezen ({why}). Het blijft bewaard."),
            SavedStatus::DoesNotReplay(why) => format!("Deze sessie past niet bij de casus ({why}). Het bestand blijft bewaard."),
        }
    }
}

/// The `format: N` a session file says it has, read from its text (also
/// when the rest does not parse).
fn format_of(text: &str) -> Option<u32> {
    let at = text.find("format:")?;
    let rest = text[at + "format:".len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Reads every `*.session.ron` and `*.session.journal` in `dir` (newest first) and says what each
/// is. `find` gives the scenario a log was played on (by id and content
/// hash), if the library has it. Nothing is written.
pub fn list(
    dir: &Path,
    find: impl Fn(&str, &str) -> Option<std::sync::Arc<crate::core::scenario::Compiled>>,
) -> Vec<Saved> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A journal whose readable log was written is finished (the
            // program stopped before it removed the journal).
            name.ends_with(LOG_EXT)
                || (name.ends_with(JOURNAL_EXT)
                    && !p
                        .with_file_name(format!("{}{LOG_EXT}", file_stem(p)))
                        .exists())
        })
        .map(|p| {
            let t = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(UNIX_EPOCH);
            (t, p)
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    files
        .into_iter()
        .map(|(t, p)| {
            let mut s = inspect(&p, &find);
            let secs = t.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
            s.saved_at = readable_utc(secs);
            s
        })
        .collect()
}

fn inspect(
    path: &Path,
    find: &impl Fn(&str, &str) -> Option<std::sync::Arc<crate::core::scenario::Compiled>>,
) -> Saved {
    let saved = |log, status| Saved {
        path: path.to_path_buf(),
        saved_at: String::new(),
        log,
        status,
    };
    let text = match std::fs::read(path) {
        Ok(bytes) if bytes.iter().all(|b| b.is_ascii_whitespace()) => {
            return saved(None, SavedStatus::Empty);
        }
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return saved(None, SavedStatus::Unreadable("geen tekst".to_string()));
            }
        },
        Err(e) => return saved(None, SavedStatus::Unreadable(e.to_string())),
    };
    // A journal whose header never reached the disk whole: created, but
    // nothing was saved.
    let header_lines = text.matches('\n').count();
    if (journal::is_journal(&text) && header_lines < 2)
        || journal::MAGIC.starts_with(text.trim_end())
    {
        return saved(None, SavedStatus::Empty);
    }
    if let Some(v) = format_of(&text)
        && v > SessionLog::FORMAT
    {
        return saved(None, SavedStatus::NewerFormat(v));
    }
    let log = match SessionLog::from_text(path, &text) {
        Ok(l) => l,
        Err(d) => {
            return saved(
                None,
                SavedStatus::Unreadable(format!("regel {}, kolom {}", d.pos.line, d.pos.col)),
            );
        }
    };
    let Some(scenario) = find(&log.scenario, &log.scenario_hash) else {
        return saved(Some(log), SavedStatus::ScenarioChanged);
    };
    match crate::core::engine::Session::replay(scenario.clone(), &log) {
        Ok(session) => {
            let st = session.state();
            let status = SavedStatus::Ok {
                clock: scenario.time_label(st.tick),
                actions: log.actions.len(),
                ended: st
                    .outcome
                    .and_then(|(o, _)| scenario.scenario.outcomes.get(o))
                    .map(|o| o.title.clone()),
            };
            saved(Some(log), status)
        }
        Err(e) => saved(Some(log), SavedStatus::DoesNotReplay(e.dutch())),
    }
}

/// A saved session opened to go on with: the session rebuilt by replaying
/// its log, the role it is played as, and its own file, where saving goes
/// on (no second file for the same attempt).
#[derive(Debug, Clone)]
pub struct Resumed {
    pub session: Session,
    /// The played role (the log's first), as index and id.
    pub role: usize,
    pub role_id: String,
    pub file: PathBuf,
}

/// Why a saved session cannot be continued (a Dutch sentence for the
/// Start screen).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("Dit bestand kan niet als sessie worden gelezen ({0}). Het blijft bewaard.")]
    Unreadable(String),
    #[error(
        "De casus van deze sessie staat niet (meer) in de bibliotheek of is sindsdien gewijzigd. Het bestand blijft bewaard."
    )]
    ScenarioChanged,
    #[error("In deze sessie speelt niemand een rol die de casus kent. Het bestand blijft bewaard.")]
    NoRole,
    #[error("Deze sessie past niet bij de casus ({0}). Het bestand blijft bewaard.")]
    DoesNotReplay(String),
}

/// Opens a saved session of the Start screen's list ([`list`]) to go on
/// with it: reads its file again (so a list that has gone stale cannot
/// roll back actions saved since it was read), finds its scenario through
/// `find` (id and content hash), and replays the log. The app's "Verder
/// spelen" and the crash test's driver both resume through this function.
pub fn resume(
    saved: &Saved,
    find: impl Fn(&str, &str) -> Option<Arc<Compiled>>,
) -> Result<Resumed, ResumeError> {
    let log = SessionLog::read(&saved.path).map_err(|d| {
        ResumeError::Unreadable(format!("regel {}, kolom {}", d.pos.line, d.pos.col))
    })?;
    let scenario = find(&log.scenario, &log.scenario_hash).ok_or(ResumeError::ScenarioChanged)?;
    let role_id = log.roles.first().cloned().ok_or(ResumeError::NoRole)?;
    let role = *scenario
        .ids
        .roles
        .get(&role_id)
        .ok_or(ResumeError::NoRole)?;
    let session =
        Session::replay(scenario, &log).map_err(|e| ResumeError::DoesNotReplay(e.dutch()))?;
    Ok(Resumed {
        session,
        role,
        role_id,
        file: saved.path.clone(),
    })
}

/// A short, stable fingerprint of a session: SHA-256 (first 16 hex
/// digits) of its log as saved, its state and the events so far. Two
/// sessions with the same fingerprint have the same log, state and
/// history; the crash test compares a resumed session with the one that
/// was killed and with an uninterrupted run by it.
pub fn fingerprint(session: &Session) -> String {
    let mut h = Sha256::new();
    h.update(session.log().to_ron().as_bytes());
    h.update(format!("{:?}", session.state()).as_bytes());
    h.update(format!("{:?}", session.history()).as_bytes());
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::load_file;
    use crate::core::scenario::model::Act;

    fn sem() -> Arc<Compiled> {
        load_file(Path::new("scenarios/criminele-uitbuiting-sem.ron"))
            .map(|l| Arc::new(l.compiled))
            .unwrap()
    }

    #[test]
    fn a_journal_appends_resumes_after_a_torn_line_and_finishes_as_a_readable_log() {
        let c = sem();
        let find =
            |id: &str, hash: &str| (id == c.scenario.id && hash == c.hash).then(|| c.clone());
        let dir = std::env::temp_dir().join(format!("ketensim-journal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut s = Session::start(c.clone(), 3, &["politie".to_string()], None).unwrap();
        s.apply("politie", &Act::Advance).unwrap();
        let mut j = Journal::create(&dir, s.log()).unwrap();
        assert!(j.path().to_string_lossy().ends_with(JOURNAL_EXT));
        let size = |p: &Path| std::fs::metadata(p).unwrap().len();
        let before = size(j.path());
        s.apply("politie", &Act::Advance).unwrap();
        assert_eq!(j.append(s.log()).unwrap(), 1);
        // One line more, the rest of the file untouched.
        assert!(size(j.path()) > before);
        assert_eq!(
            j.append(s.log()).unwrap(),
            0,
            "nothing new, nothing written"
        );
        assert_eq!(&SessionLog::read(j.path()).unwrap(), s.log());

        // A crash in the middle of the next line: the listing and the
        // resume see the log without it, and the torn bytes are cut off.
        let good = size(j.path());
        let mut f = OpenOptions::new().append(true).open(j.path()).unwrap();
        f.write_all(b"A((tick:2,role:\"pol").unwrap();
        drop(f);
        let listed = list(&dir, find);
        assert_eq!(listed.len(), 1);
        assert!(
            matches!(
                listed[0].status,
                SavedStatus::Ok {
                    actions: 2,
                    ended: None,
                    ..
                }
            ),
            "{:?}",
            listed[0].status
        );
        let r = resume(&listed[0], find).unwrap();
        assert_eq!(r.session.log(), s.log());
        let mut j2 = Journal::resume(&r.file, r.session.log()).unwrap();
        assert_eq!(size(j2.path()), good, "the torn line is cut off");
        let mut s2 = r.session;
        while !s2.state().ended() {
            s2.apply("politie", &Act::Advance).unwrap();
            j2.append(s2.log()).unwrap();
        }
        assert_eq!(&SessionLog::read(j2.path()).unwrap(), s2.log());
        j2.finish(s2.log()).unwrap();
        assert!(j2.path().to_string_lossy().ends_with(LOG_EXT));
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "the journal is gone: {names:?}");
        assert_eq!(
            std::fs::read_to_string(j2.path()).unwrap(),
            s2.log().to_ron()
        );
        let listed = list(&dir, find);
        assert!(matches!(
            listed[0].status,
            SavedStatus::Ok { ended: Some(_), .. }
        ));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn an_old_readable_log_goes_on_as_a_journal() {
        let c = sem();
        let dir = std::env::temp_dir().join(format!("ketensim-oldlog-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut s = Session::start(c, 3, &["politie".to_string()], None).unwrap();
        s.apply("politie", &Act::Advance).unwrap();
        let old = new_attempt(&dir, s.log()).unwrap();
        save(&old, s.log()).unwrap();
        let mut j = Journal::resume(&old, s.log()).unwrap();
        assert!(!old.exists());
        assert_eq!(file_stem(j.path()), file_stem(&old));
        s.apply("politie", &Act::Advance).unwrap();
        j.append(s.log()).unwrap();
        assert_eq!(&SessionLog::read(j.path()).unwrap(), s.log());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn utc_stamps() {
        assert_eq!(utc_stamp(0), "19700101T000000Z");
        assert_eq!(utc_stamp(951_782_400), "20000229T000000Z");
        // 2026-12-03 14:15:00 UTC
        assert_eq!(utc_stamp(1_796_307_300), "20261203T141500Z");
        assert_eq!(readable_utc(1_796_307_300), "2026-12-03 14:15 UTC");
    }
}

/// Every version of a scenario a session may have been played on, kept
/// under its content hash (`<dir>/<id>-<hash>.ron`), so a session played
/// on an earlier version still resumes and reports after the case was
/// edited. `dir` is the data folder's `versies/`.
pub mod versions {
    use std::path::{Path, PathBuf};

    use crate::core::scenario::Compiled;
    use crate::core::scenario::compile::content_hash;

    /// The file a version is kept in.
    pub fn path(dir: &Path, id: &str, hash: &str) -> PathBuf {
        // The id is a scenario id (checked: letters, digits, `-`, `_`);
        // keep only those, so no id can name a path elsewhere.
        let id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        let hash: String = hash.chars().filter(char::is_ascii_hexdigit).collect();
        dir.join(format!("{id}-{hash}.ron"))
    }

    /// Keeps `text` (the scenario `id`'s file) under its hash, if it is not
    /// kept yet. Returns the hash.
    pub fn keep(dir: &Path, id: &str, text: &str) -> std::io::Result<String> {
        let hash = content_hash(text);
        let file = path(dir, id, &hash);
        if !file.exists() {
            std::fs::create_dir_all(dir)?;
            super::write_atomic(&file, text)?;
        }
        Ok(hash)
    }

    /// The kept version `hash` of scenario `id`, loaded; `None` when it was
    /// never kept or no longer loads.
    pub fn find(dir: &Path, id: &str, hash: &str) -> Option<Compiled> {
        let file = path(dir, id, hash);
        let loaded = crate::core::scenario::load_file(&file).ok()?;
        (loaded.compiled.scenario.id == id && loaded.compiled.hash == hash)
            .then_some(loaded.compiled)
    }
}
