//! A case open in the editor: the file as opened (the truth), the scenario
//! being edited, undo and redo over every edit, and the problems `check`
//! finds in it after every change. Nothing is written until `save`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dutch;
use crate::core::diag::{Diagnostic, Severity};
use crate::core::eval::lint::{expert_path_lints, sharing_and_scoring_lints};
use crate::core::fairness::spoiler_lints;
use crate::core::scenario::load::{read_text, ron_options};
use crate::core::scenario::model::Scenario;
use crate::core::scenario::privacy::privacy_lints;
use crate::core::scenario::ron_tree::{self, Key, Kind, Node};
use crate::core::scenario::save::{self, SaveError};
use crate::core::scenario::{Compiled, load_str};
use crate::core::store::versions;

/// How many edits undo goes back.
const UNDO_DEPTH: usize = 500;

/// One problem `check` found, placed at the item and field it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub error: bool,
    /// In Dutch where the checker's text is known (`dutch`), else as the
    /// checker wrote it.
    pub message: String,
    pub hint: Option<String>,
    /// Line and column in the text as it would be saved.
    pub line: usize,
    pub col: usize,
    /// The item it is about: its list (`facts`) and id, if any.
    pub item: Option<(String, String)>,
    /// The field of that item (`text`), if any.
    pub field: Option<String>,
}

/// A case being edited.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The file's text as opened or last saved.
    text: String,
    /// The scenario that text holds.
    saved: Scenario,
    /// The scenario as edited.
    current: Scenario,
    undo: Vec<(Scenario, String)>,
    redo: Vec<(Scenario, String)>,
    /// The text `current` would be saved as (`None`: it cannot be placed
    /// in the file, see `problems`).
    pending: Option<String>,
    problems: Vec<Problem>,
    /// The compiled scenario when it has no errors (to play from here).
    compiled: Option<Arc<Compiled>>,
    /// Counts the changes (edits, undo, redo, saves): what was analysed
    /// for which version.
    generation: u64,
}

impl Document {
    /// Opens the case in `path`.
    pub fn open(path: &Path) -> Result<Document, Diagnostic> {
        let text = read_text(path).map_err(|d| *d)?;
        Document::from_text(path, text)
    }

    /// A document over `text` (the content of `path`).
    pub fn from_text(path: &Path, text: String) -> Result<Document, Diagnostic> {
        let saved: Scenario =
            crate::core::scenario::load::parse_ron(path, &text).map_err(|d| *d)?;
        let mut doc = Document {
            path: path.to_path_buf(),
            current: saved.clone(),
            saved,
            pending: Some(text.clone()),
            text,
            undo: Vec::new(),
            redo: Vec::new(),
            problems: Vec::new(),
            compiled: None,
            generation: 0,
        };
        doc.check();
        Ok(doc)
    }

    /// Puts back unsaved edits of an earlier run: `draft` is the text the
    /// edited case would have been saved as. One undo step takes it back
    /// to the file. `false` when the draft does not read (it is ignored).
    pub fn restore(&mut self, draft: &str) -> bool {
        let Ok(edited) = ron_options().from_str::<Scenario>(draft) else {
            return false;
        };
        self.edit("Teruggezet", |s| *s = edited)
    }

    /// The scenario as edited.
    pub fn scenario(&self) -> &Scenario {
        &self.current
    }

    /// The compiled scenario, when the edited case has no errors.
    pub fn compiled(&self) -> Option<&Arc<Compiled>> {
        self.compiled.as_ref()
    }

    /// Which version of the case this is (it grows with every change).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The problems `check` found after the last change.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Whether there are edits that are not saved.
    pub fn dirty(&self) -> bool {
        self.current != self.saved
    }

    /// What undo and redo would take back or do again, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(_, w)| w.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(_, w)| w.as_str())
    }

    /// Applies an edit (`what` names it for the undo button). An edit that
    /// changes nothing leaves no undo step.
    pub fn edit(&mut self, what: &str, f: impl FnOnce(&mut Scenario)) -> bool {
        let before = self.current.clone();
        f(&mut self.current);
        if self.current == before {
            return false;
        }
        // Typing in one field is one step, not one per key.
        let merge = self
            .undo
            .last()
            .is_some_and(|(_, w)| w == what && what.starts_with("Tekst"));
        if !merge {
            self.undo.push((before, what.to_string()));
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.check();
        true
    }

    /// Takes the last edit back.
    pub fn undo(&mut self) -> bool {
        let Some((before, what)) = self.undo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.current, before);
        self.redo.push((now, what));
        self.check();
        true
    }

    /// Does the last undone edit again.
    pub fn redo(&mut self) -> bool {
        let Some((after, what)) = self.redo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.current, after);
        self.undo.push((now, what));
        self.check();
        true
    }

    /// Runs `check` on the edited case: where its text would be, whether it
    /// loads, and the lints that take milliseconds (the test plan and the
    /// deep analysis are for `analyze`).
    fn check(&mut self) {
        self.generation += 1;
        self.problems.clear();
        self.compiled = None;
        let text = match save::rewrite(&self.text, &self.saved, &self.current) {
            Ok(t) => t,
            Err(e) => {
                self.pending = None;
                self.problems.push(Problem {
                    error: true,
                    message: e.to_string(),
                    hint: None,
                    line: 1,
                    col: 1,
                    item: None,
                    field: None,
                });
                return;
            }
        };
        let tree = ron_tree::parse(&text).ok();
        let mut diags: Vec<Diagnostic> = Vec::new();
        match load_str(&self.path, &text) {
            Ok(loaded) => {
                diags.extend(loaded.warnings);
                diags.extend(privacy_lints(
                    &self.path,
                    &text,
                    &loaded.compiled.scenario.privacy_allow,
                ));
                let compiled = Arc::new(loaded.compiled);
                diags.extend(expert_path_lints(&self.path, &text, &compiled));
                diags.extend(sharing_and_scoring_lints(&self.path, &text, &compiled));
                diags.extend(spoiler_lints(&self.path, &text, &compiled));
                if !diags.iter().any(|d| d.severity == Severity::Error) {
                    self.compiled = Some(compiled);
                }
            }
            Err(d) => diags.extend(d.0),
        }
        self.problems = diags
            .into_iter()
            .map(|d| {
                let at = d.pos.offset_in(&text).unwrap_or(text.len());
                let (item, field) = tree.as_ref().map(|t| place(t, at)).unwrap_or((None, None));
                Problem {
                    error: d.severity == Severity::Error,
                    message: dutch::for_editor(&d.message),
                    hint: d.hint.as_deref().map(dutch::for_editor),
                    line: d.pos.line,
                    col: d.pos.col,
                    item,
                    field,
                }
            })
            .collect();
        // Errors first, in file order.
        self.problems.sort_by_key(|p| (!p.error, p.line, p.col));
        self.pending = Some(text);
    }

    /// Writes the edits into the file: only what changed, atomically, after
    /// keeping the file's previous version (under its hash, in `kept`) for
    /// sessions played on it. Refuses when the file changed on disk since
    /// it was opened.
    pub fn save(&mut self, kept: Option<&Path>) -> Result<(), SaveError> {
        if !self.dirty() {
            return Ok(());
        }
        if let Some(dir) = kept {
            versions::keep(dir, &self.saved.id, &self.text)
                .map_err(|e| SaveError::Io(e.to_string()))?;
        }
        let out = save::save(&self.path, &self.text, &self.saved, &self.current)?;
        self.text = out;
        self.saved = self.current.clone();
        self.check();
        Ok(())
    }

    /// The text as it would be saved now (`None` if it cannot be placed).
    pub fn pending_text(&self) -> Option<&str> {
        self.pending.as_deref()
    }

    /// Replaces the scenario with one read from RON `text` for a field
    /// edited as text (conditions, effects, script steps): `Err` with the
    /// reader's message when it does not read.
    pub fn parse_value<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
        ron_options().from_str::<T>(text).map_err(|e| {
            format!(
                "regel {}, kolom {}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
    }
}

/// The list item (list name and id) and field that hold byte `at`: the
/// innermost item with an `id` of a top-level list, and the field of it
/// that `at` falls in.
fn place(root: &Node, at: usize) -> (Option<(String, String)>, Option<String>) {
    for top in root.items() {
        let Some(Key::Field(list)) = &top.key else {
            continue;
        };
        if !top.span.contains(&at) {
            continue;
        }
        for item in top.value.items() {
            if !item.span.contains(&at) {
                continue;
            }
            let Some(Node {
                kind: Kind::Str(id),
                ..
            }) = item.value.field("id")
            else {
                return (None, Some(list.clone()));
            };
            let field = item.value.items().iter().find_map(|f| match &f.key {
                Some(Key::Field(name)) if f.span.contains(&at) => Some(name.clone()),
                _ => None,
            });
            return (Some((list.clone(), id.clone())), field);
        }
        return (None, Some(list.clone()));
    }
    (None, None)
}
