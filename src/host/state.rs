//! One hosted session: the session itself, its journal, its join codes
//! and the tokens of the seats that joined, kept beside the journal
//! (`<attempt>.host.ron`) so a restarted host knows its seats again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::engine::{Seat, Session, SessionLog};
use crate::core::protocol::{self, SeatOffer};
use crate::core::scenario::Compiled;
use crate::core::store::{self, Journal};

/// What the host keeps about a session besides its log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostFile {
    /// The seats' join code and the trainer's code.
    pub code: String,
    pub trainer_code: String,
    /// Token → role (`None`: the trainer).
    pub tokens: BTreeMap<String, Option<String>>,
    /// Token → the person or table that joined with it.
    #[serde(default)]
    pub persons: BTreeMap<String, String>,
}

impl HostFile {
    pub fn new() -> Result<HostFile, String> {
        let code = protocol::join_code(6)?;
        let mut trainer_code = protocol::join_code(8)?;
        while trainer_code.starts_with(&code) {
            trainer_code = protocol::join_code(8)?;
        }
        Ok(HostFile {
            code,
            trainer_code,
            tokens: BTreeMap::new(),
            persons: BTreeMap::new(),
        })
    }

    /// The host file of a session file (journal or log).
    pub fn path_for(session_file: &Path) -> PathBuf {
        let dir = session_file.parent().unwrap_or_else(|| Path::new("."));
        dir.join(format!("{}.host.ron", store::file_stem(session_file)))
    }

    pub fn read(path: &Path) -> Result<HostFile, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        ron::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| e.to_string())?;
        store::write_atomic(path, &(text + "\n")).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// A session on the host.
pub struct Hosted {
    pub session: Session,
    pub journal: Journal,
    pub host: HostFile,
    pub host_path: PathBuf,
}

impl Hosted {
    /// A new training day on `scenario` with a seat for each of `roles`
    /// and a trainer; its journal goes into `dir`.
    pub fn start(
        scenario: std::sync::Arc<Compiled>,
        seed: u64,
        roles: &[String],
        dir: &Path,
    ) -> Result<Hosted, String> {
        let seats: Vec<Seat> = roles
            .iter()
            .map(|r| Seat {
                role: r.clone(),
                person: None,
            })
            .collect();
        let session =
            Session::start_day(scenario, seed, &seats, true).map_err(|e| e.to_string())?;
        let journal = Journal::create(dir, session.log())
            .map_err(|e| format!("cannot create a session file in {}: {e}", dir.display()))?;
        let host = HostFile::new()?;
        let host_path = HostFile::path_for(journal.path());
        host.write(&host_path)?;
        Ok(Hosted {
            session,
            journal,
            host,
            host_path,
        })
    }

    /// A hosted session again after the host stopped: its log replayed
    /// from `file` (journal or log) on the scenario `find` gives, the same
    /// codes and tokens.
    pub fn resume(
        file: &Path,
        find: impl Fn(&str, &str) -> Option<std::sync::Arc<Compiled>>,
    ) -> Result<Hosted, String> {
        let log = SessionLog::read(file).map_err(|d| d.to_string())?;
        let scenario = find(&log.scenario, &log.scenario_hash).ok_or_else(|| {
            format!(
                "{}: the scenario `{}` with this content is not in the scenario folder",
                file.display(),
                log.scenario
            )
        })?;
        let session = Session::replay(scenario, &log).map_err(|e| e.to_string())?;
        let journal = Journal::resume(file, session.log())
            .map_err(|e| format!("cannot go on with {}: {e}", file.display()))?;
        let host_path = HostFile::path_for(file);
        let host = HostFile::read(&host_path)?;
        Ok(Hosted {
            session,
            journal,
            host,
            host_path,
        })
    }

    /// The seats on offer, with how many laptops sit at each.
    pub fn offers(&self, connected: impl Fn(&str) -> usize) -> Vec<SeatOffer> {
        let c = self.session.scenario();
        self.session
            .log()
            .roles
            .iter()
            .filter_map(|id| {
                let r = c.scenario.roles.iter().find(|r| &r.id == id)?;
                Some(SeatOffer {
                    role: id.clone(),
                    name: r.name.clone(),
                    organisation: r.organisation.clone(),
                    connected: connected(id),
                    scripted: c
                        .ids
                        .roles
                        .get(id)
                        .is_some_and(|&r| self.session.handed_to_script(r)),
                })
            })
            .collect()
    }

    /// Who a token's role is: the seat of a played role, or the trainer
    /// (`None`); `None` as well for a role this session does not play.
    pub fn viewer(&self, role: Option<&str>) -> Option<crate::core::view::Viewer> {
        match role {
            None => Some(crate::core::view::Viewer::Trainer),
            Some(r) => {
                let ix = *self.session.scenario().ids.roles.get(r)?;
                self.session
                    .is_played(ix)
                    .then_some(crate::core::view::Viewer::Seat(ix))
            }
        }
    }

    /// Saves what the log gained (the journal, and the readable log once
    /// the case has ended).
    pub fn save(&mut self) -> std::io::Result<()> {
        self.journal.append(self.session.log())?;
        if self.session.state().ended() {
            self.journal.finish(self.session.log())?;
        }
        Ok(())
    }
}
