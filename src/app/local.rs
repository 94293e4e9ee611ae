//! The local link: the session in this process, for self-study and for a
//! training day on one screen. It is the in-process twin of the remote
//! link (`app::link`, a host on the network): the app submits commands
//! through it and draws only the projection it hands out
//! (`app::seat::Seat`), never the session itself. No Bevy here, so it
//! runs in tests as it runs in the app.
//!
//! What the host does per accepted command the local link does too: the
//! command goes through `Session::submit` (the one way in), the journal
//! gets what the log gained (`core::store::Journal`), and the version
//! goes up so the seat's view is projected again once, not every frame.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::core::engine::{Command, Session, Who};
use crate::core::store;
use crate::core::view::{FeedCache, RoleView, Viewer, project_cached};

/// A session played on this computer, with its journal.
#[derive(Debug, Clone)]
pub struct LocalLink {
    session: Session,
    /// Where the journal goes (the sessions folder).
    dir: PathBuf,
    journal: Option<store::Journal>,
    /// This attempt's file: its journal while the case runs, its readable
    /// log once it has ended (chosen at the first save).
    file: Option<PathBuf>,
    /// Why the last save failed, until a save succeeds again.
    save_error: Option<String>,
    /// Accepted commands since the link was made: a view projected at an
    /// older version is stale.
    version: u64,
    /// Tells two links apart (a replay starts a new one at version 0).
    id: u64,
    feeds: FeedCache,
}

/// The next link's `id`.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl LocalLink {
    /// A new session; it is saved (a new attempt in `sessions`) at the
    /// first accepted command.
    pub fn new(session: Session, sessions: PathBuf) -> LocalLink {
        LocalLink {
            session,
            dir: sessions,
            journal: None,
            file: None,
            save_error: None,
            version: 0,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            feeds: FeedCache::default(),
        }
    }

    /// A resumed attempt, going on in its own journal (`None` when it had
    /// ended: `file` is then its readable log).
    pub fn resumed(session: Session, journal: Option<store::Journal>, file: PathBuf) -> LocalLink {
        let dir = file
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let file = journal.as_ref().map_or(file, |j| j.path().to_path_buf());
        LocalLink {
            session,
            dir,
            journal,
            file: Some(file),
            save_error: None,
            version: 0,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            feeds: FeedCache::default(),
        }
    }

    /// Submits `command` for `who` (the session checks the permission).
    /// An accepted command is saved before this returns; a refused one
    /// changes nothing and gives the Dutch reason.
    pub fn submit(&mut self, who: &Who, command: &Command) -> Result<(), String> {
        self.session.submit(who, command).map_err(|e| e.dutch())?;
        self.version += 1;
        self.save();
        Ok(())
    }

    /// What `viewer` may see now (the same projection a host sends).
    pub fn view(&mut self, viewer: Viewer) -> RoleView {
        project_cached(&self.session, viewer, &mut self.feeds)
    }

    /// Goes up with every accepted command.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Tells this link from any other made while the app runs.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The session, for what comes after play (the debrief, the group
    /// debrief, the privacy screen's names) and for tests.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// This attempt's file, once saved.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Why the last save failed (with the path), until one succeeds.
    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    /// Appends what the log gained to this attempt's journal (one synced
    /// line per record); when the case has ended the readable log is
    /// written. A failed save is kept in `save_error` and tried again at
    /// the next command; the log stays in memory.
    fn save(&mut self) {
        let log = self.session.log();
        let result = match self.journal.as_mut() {
            Some(j) => j.append(log).map(|_| ()),
            None => store::Journal::create(&self.dir, log).map(|j| {
                self.journal = Some(j);
            }),
        };
        let result = result.and_then(|()| match self.journal.as_mut() {
            Some(j) if self.session.state().ended() => j.finish(log),
            _ => Ok(()),
        });
        if let Some(j) = &self.journal {
            self.file = Some(j.path().to_path_buf());
        }
        self.save_error = match result {
            Ok(()) => None,
            Err(e) => Some(format!(
                "Opslaan mislukt in {}: {e}. Uw acties staan nog in het geheugen; na uw volgende actie probeert het programma het opnieuw.",
                self.file.as_deref().unwrap_or(&self.dir).display()
            )),
        };
    }
}
