//! Durable session files: one file per attempt, never overwritten by
//! another attempt, and every save atomic (a temporary file in the same
//! folder, flushed to disk, then renamed over the old one), so a crash or a
//! power cut leaves either the previous or the new log, never half of one.
//!
//! The app saves after every accepted action; a save that fails is
//! reported to the caller (and shown on screen), never swallowed, and the
//! next save tries again with the whole log.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::core::engine::SessionLog;

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
    let mut name = format!("{}-{}", clean(&log.scenario), clean(&log.roles.join("+")));
    if let Some(t) = log.trainee.as_deref().filter(|t| !t.trim().is_empty()) {
        let t: String = clean(t.trim()).chars().take(24).collect();
        name.push('-');
        name.push_str(&t);
    }
    format!("{name}-{}-{nonce:04x}.session.ron", utc_stamp(secs))
}

/// A fresh attempt file in `dir` (created empty, so no other attempt can
/// take the name); the folder is created if needed.
pub fn new_attempt(dir: &Path, log: &SessionLog) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let mut nonce = now.subsec_nanos() ^ std::process::id().rotate_left(16);
    for _ in 0..64 {
        let path = dir.join(attempt_name(log, now.as_secs(), nonce & 0xffff));
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

/// Saves `log` to its attempt file.
pub fn save(path: &Path, log: &SessionLog) -> std::io::Result<()> {
    write_atomic(path, &log.to_ron())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_stamps() {
        assert_eq!(utc_stamp(0), "19700101T000000Z");
        assert_eq!(utc_stamp(951_782_400), "20000229T000000Z");
        // 2026-12-03 14:15:00 UTC
        assert_eq!(utc_stamp(1_796_307_300), "20261203T141500Z");
    }
}
