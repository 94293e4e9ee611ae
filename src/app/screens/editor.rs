//! The case editor: opened with "Bewerken" on a case's card. It holds the
//! document (`core::authoring::Document`) and rebuilds the editor's view
//! when the document changes, not per frame. "Speel vanaf hier" opens the
//! case screen at the chosen item; stopping there comes back here.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandleIntents, Intent, Play, Screen, intents_on};
use crate::app::local::LocalLink;
use crate::app::state::{DataDir, Library, Look, Playing};
use crate::core::analyze::Options as AnalyzeOptions;
use crate::core::authoring::Document;
use crate::core::authoring::analysis::{Job, Poll};
use crate::core::authoring::form;
use crate::core::authoring::playtest::Target;
use crate::core::authoring::playtest::{
    Playtest, Sidecar, play_to, replay_check, save_as_test, search_to, target_of,
};
use crate::core::scenario::model::Act;
use crate::ui::model::LibraryCard;
use crate::ui::views::editor::{EditorAction, EditorUiState, EditorView, editor_ui};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EditorScreen>()
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::Editor)),
        )
        .add_systems(Update, handle.in_set(HandleIntents))
        .add_systems(Update, analyse.run_if(in_state(Screen::Editor)));
}

/// Starts the analysis when the author pauses after a change (and the
/// case has no errors), and follows a running one. At the same pause the
/// unsaved edits go into the sidecar as a draft.
fn analyse(mut screen: ResMut<EditorScreen>) {
    let screen = &mut *screen;
    screen.keep_draft();
    let Some(doc) = &screen.doc else {
        return;
    };
    let generation = doc.generation();
    if let Some(job) = &screen.job {
        let poll = job.poll();
        let a = &mut screen.view.analysis;
        match poll {
            Poll::Running(f) => {
                if a.running != Some(f) {
                    a.running = Some(f);
                }
            }
            Poll::Done(r) => {
                a.running = None;
                match r {
                    Ok(lines) => {
                        a.lines = lines;
                        a.error = None;
                    }
                    Err(e) => a.error = Some(e),
                }
                a.stale = screen.analysed != generation;
                screen.job = None;
            }
            Poll::Cancelled => {
                a.running = None;
                a.stale = true;
                screen.job = None;
            }
        }
        return;
    }
    let paused = screen.changed_at.is_none_or(|t| t.elapsed() >= PAUSE);
    if screen.analysed != generation
        && paused
        && let Some(c) = doc.compiled()
    {
        screen.job = Some(Job::start(c.clone(), screen.analyse_with.clone()));
        screen.analysed = generation;
        screen.view.analysis.running = Some(0.0);
    }
}

/// The case being edited, its view and the editor's state.
#[derive(Resource, Debug, Default)]
pub struct EditorScreen {
    pub doc: Option<Document>,
    pub view: EditorView,
    pub ui: EditorUiState,
    /// What is kept beside the case: the selection and the last playtest.
    pub sidecar: Sidecar,
    /// The analysis running in the background, the version of the case it
    /// (or the last one) is for, and when the case last changed.
    pub job: Option<Job>,
    /// How it analyses (the CLI's defaults).
    pub analyse_with: AnalyzeOptions,
    pub analysed: u64,
    pub changed_at: Option<std::time::Instant>,
    /// The version of the case whose draft is in the sidecar.
    pub drafted: u64,
}

/// How long the author pauses before the analysis starts.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(1500);

/// How long the author pauses before the unsaved edits are kept as a
/// draft.
const DRAFT_PAUSE: std::time::Duration = std::time::Duration::from_millis(800);

impl EditorScreen {
    /// Opens the case in library entry `i`; the Dutch reason if it cannot.
    pub fn open(library: &Library, i: usize) -> Result<EditorScreen, String> {
        // A case, or a file with errors (it opens when it reads as a case,
        // with its problems listed).
        let file = match library.entries.get(i).map(|e| &e.card) {
            Some(LibraryCard::Scenario(card)) => &card.file,
            Some(LibraryCard::Broken { file, .. }) => file,
            None => return Err("Deze casus kan niet worden geopend.".to_string()),
        };
        EditorScreen::open_path(std::path::Path::new(file))
    }

    /// Opens the case in `file`; the reason if it cannot (in Dutch, with
    /// its place in the file).
    pub fn open_path(file: &std::path::Path) -> Result<EditorScreen, String> {
        let doc = Document::open(file).map_err(|d| {
            format!(
                "Dit bestand kan de editor niet lezen; herstel eerst dit in een teksteditor:\n{}",
                crate::core::authoring::dutch::report(&crate::core::diag::Diagnostics(vec![d]))
            )
        })?;
        let sidecar = Sidecar::read(file);
        let mut screen = EditorScreen {
            doc: Some(doc),
            ..EditorScreen::default()
        };
        // Back where the author was, if that item still exists.
        if !sidecar.selected.is_empty() {
            screen.ui.selected = sidecar.selected.clone();
            screen.refresh();
            if screen.view.fields.is_empty() {
                screen.ui.selected.clear();
            }
        }
        // Unsaved edits of an earlier run come back.
        if let (Some(draft), Some(doc)) = (&sidecar.draft, screen.doc.as_mut())
            && doc.restore(draft)
        {
            screen.ui.message = Some(
                "Wijzigingen die de vorige keer niet waren opgeslagen, zijn teruggezet. \"Ongedaan maken\" zet de casus terug zoals hij is opgeslagen."
                    .to_string(),
            );
        }
        screen.sidecar = sidecar;
        screen.drafted = screen.doc.as_ref().map_or(0, Document::generation);
        screen.refresh();
        // The first analysis after a pause, as after a change.
        screen.changed_at = Some(std::time::Instant::now());
        Ok(screen)
    }

    /// Rebuilds the view from the document (after a change), with the
    /// last playtest replayed on the case as it is now.
    pub fn refresh(&mut self) {
        if let Some(doc) = &self.doc {
            self.view = EditorView::new(doc, &self.ui.selected);
            self.view.playtest = self.sidecar.playtest.as_ref().map(|p| {
                let about = format!(
                    "Laatste proefspel: als {} naar {}",
                    p.role,
                    p.target.last().map_or("het begin", |(_, id)| id.as_str())
                );
                match doc.compiled() {
                    None => format!("{about} — nog niet te spelen (de casus heeft fouten)."),
                    Some(c) => match replay_check(c.clone(), p) {
                        None => format!("{about} — speelt nog steeds tot daar."),
                        Some(why) => format!("{about} — {why}"),
                    },
                }
            });
        }
    }

    /// After a pause, writes the unsaved edits into the sidecar as a draft
    /// (or clears it when there are none), once per version.
    pub fn keep_draft(&mut self) {
        let Some(doc) = &self.doc else {
            return;
        };
        let paused = self.changed_at.is_none_or(|t| t.elapsed() >= DRAFT_PAUSE);
        if !paused || self.drafted == doc.generation() {
            return;
        }
        self.drafted = doc.generation();
        let draft = if doc.dirty() {
            doc.pending_text().map(str::to_string)
        } else {
            None
        };
        if draft != self.sidecar.draft {
            self.sidecar.draft = draft;
            self.keep_sidecar();
        }
    }

    /// Writes the sidecar; a failure only costs a convenience.
    fn keep_sidecar(&self) {
        if let Some(doc) = &self.doc
            && let Err(e) = self.sidecar.write(&doc.path)
        {
            warn!("could not write the editor's sidecar: {e}");
        }
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    mut screen: ResMut<EditorScreen>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let screen = &mut *screen;
    egui::CentralPanel::default().show(&mut ui, |ui| {
        if let Some(a) = editor_ui(ui, &screen.view, &mut screen.ui) {
            intents.write(Intent::Editor(a));
        }
    });
    Ok(())
}

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn handle(
    mut intents: MessageReader<Intent>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Res<Library>,
    data: Res<DataDir>,
    mut screen: ResMut<EditorScreen>,
    mut playing: ResMut<Playing>,
) {
    for intent in intents_on(&mut intents, &state, Screen::Editor) {
        let Intent::Editor(action) = intent else {
            continue;
        };
        if let Some(to) = screen.apply(action, &library, &data, &mut playing) {
            next.set(to);
        }
    }
}

impl EditorScreen {
    /// Carries out one editor action; the screen to go to, if another.
    pub fn apply(
        &mut self,
        action: EditorAction,
        library: &Library,
        data: &DataDir,
        playing: &mut Playing,
    ) -> Option<Screen> {
        let screen = self;
        if action == EditorAction::Close {
            // Closed on purpose (after the question about unsaved edits):
            // no draft to put back next time.
            if screen.sidecar.draft.take().is_some() {
                screen.keep_sidecar();
            }
            screen.doc = None;
            return Some(Screen::Start);
        }
        let EditorScreen { doc, ui, .. } = screen;
        let doc = doc.as_mut()?;
        let mut to = None;
        let mut keep_sidecar = false;
        match action {
            EditorAction::Select(path) => {
                // Its list opens in the outline.
                if path.first().map(|p| &p.0) != ui.selected.first().map(|p| &p.0) {
                    ui.open_list = None;
                }
                ui.selected = path;
                ui.drafts.clear();
                ui.confirm_remove = false;
                screen.sidecar.selected = ui.selected.clone();
                keep_sidecar = true;
            }
            EditorAction::Set {
                path,
                field,
                value,
                what,
            } => match form::set_field(doc.scenario(), &path, &field, value.as_deref()) {
                Ok(next) => {
                    doc.edit(&what, |s| *s = next);
                    if let Some(d) = ui.drafts.get_mut(&field) {
                        d.1 = None;
                    }
                    ui.message = None;
                }
                Err(why) => {
                    // A RON field keeps what was typed, with why it does not
                    // read; anything else says so at the top.
                    match ui.drafts.get_mut(&field) {
                        Some(d) => d.1 = Some(why),
                        None => ui.message = Some(format!("Niet gewijzigd: {why}")),
                    }
                }
            },
            EditorAction::Add { parent, list } => {
                let title = if list == "options" {
                    "Nieuwe optie"
                } else {
                    "Nieuw"
                };
                match form::add(doc.scenario(), &parent, &list, title) {
                    Ok((next, path)) => {
                        doc.edit("Toevoegen", |s| *s = next);
                        ui.selected = path;
                        ui.drafts.clear();
                    }
                    Err(why) => ui.message = Some(format!("Niet toegevoegd: {why}")),
                }
            }
            EditorAction::Duplicate(path) => match form::duplicate(doc.scenario(), &path) {
                Ok((next, copy)) => {
                    doc.edit("Dupliceren", |s| *s = next);
                    ui.selected = copy;
                    ui.drafts.clear();
                }
                Err(why) => ui.message = Some(format!("Niet gedupliceerd: {why}")),
            },
            EditorAction::Remove(path) => match form::remove(doc.scenario(), &path) {
                Ok(next) => {
                    doc.edit("Verwijderen", |s| *s = next);
                    ui.selected.clear();
                    ui.drafts.clear();
                }
                Err(why) => ui.message = Some(format!("Niet verwijderd: {why}")),
            },
            EditorAction::Move { row, to: when } => {
                let rows = form::timeline(doc.scenario());
                if let Some(r) = rows.get(row) {
                    match form::move_row(doc.scenario(), r, &when) {
                        Ok(next) => {
                            doc.edit("Verplaatsen", |s| *s = next);
                        }
                        Err(why) => ui.message = Some(format!("Niet verplaatst: {why}")),
                    }
                }
            }
            EditorAction::Undo => {
                doc.undo();
                ui.drafts.clear();
            }
            EditorAction::Redo => {
                doc.redo();
                ui.drafts.clear();
            }
            EditorAction::Save => {
                ui.message = Some(match doc.save(Some(&data.versions())) {
                    Ok(()) => {
                        screen.sidecar.draft = None;
                        keep_sidecar = true;
                        format!("Opgeslagen in {}.", doc.path.display())
                    }
                    Err(e) => e.to_string(),
                });
            }
            EditorAction::Rename { path, to: new } => {
                match form::rename(doc.scenario(), &path, &new) {
                    Ok(next) => {
                        doc.edit("Id wijzigen", |s| *s = next);
                        if let Some(last) = ui.selected.last_mut() {
                            last.1 = new;
                        }
                    }
                    Err(why) => ui.message = Some(format!("Niet hernoemd: {why}")),
                }
            }
            EditorAction::PlayFromHere { path, role } => {
                match play_from_here(doc, &path, role.as_deref(), library, data) {
                    Ok((play, playtest)) => {
                        playing.0 = Some(play);
                        screen.sidecar.playtest = Some(playtest);
                        keep_sidecar = true;
                        to = Some(Screen::Case);
                    }
                    Err(why) => ui.message = Some(why),
                }
            }
            EditorAction::CancelAnalysis => {
                if let Some(job) = &screen.job {
                    job.cancel();
                }
            }
            EditorAction::SaveAsTest => {
                let saved = match (doc.compiled(), &screen.sidecar.playtest) {
                    (Some(c), Some(p)) => save_as_test(&doc.path, c.clone(), p),
                    (None, _) => Err("De casus heeft nog fouten.".to_string()),
                    (_, None) => Err("Er is nog geen proefspel.".to_string()),
                };
                ui.message = Some(match saved {
                    Ok(file) => format!(
                        "Het proefspel staat in het testplan, met de route in {}.",
                        file.display()
                    ),
                    Err(why) => format!("Niet bewaard: {why}"),
                });
            }
            EditorAction::Close => {}
        }
        // The analysis belongs to the version it ran on.
        let analysis = std::mem::take(&mut screen.view.analysis);
        screen.refresh();
        screen.view.analysis = analysis;
        if screen.doc.as_ref().map(|d| d.generation()) != Some(screen.analysed) {
            screen.view.analysis.stale = true;
            screen.changed_at = Some(std::time::Instant::now());
        }
        if keep_sidecar {
            screen.keep_sidecar();
        }
        to
    }
}

/// Plays the edited case to the item at `path` as the role it is for,
/// along the role's expert answers in the library's `answers/` folder (or
/// by ending day-parts), and opens it there. Nothing is saved with the
/// trainees' sessions: a playtest goes to the data folder's `proefspel/`.
fn play_from_here(
    doc: &Document,
    path: &[(String, String)],
    as_role: Option<&str>,
    library: &Library,
    data: &DataDir,
) -> Result<(Play, Playtest), String> {
    let c = doc
        .compiled()
        .cloned()
        .ok_or("De casus heeft nog fouten: los die eerst op.")?;
    let (target, role) = target_of(doc.scenario(), path).ok_or(
        "Speel vanaf hier kan vanaf een beslissing, een optie, een inject of een overleg.",
    )?;
    let route =
        crate::core::answers::expert_steps(&library.folder.join("answers"), &c.scenario.id, &role);
    let mut played = play_to(c.clone(), &role, &route, &target)?;
    // Not on the expert route (another branch): the fewest choices that
    // get there, if a bounded search finds them.
    let mut searched = false;
    if !played.reached
        && let Some(found) = search_to(c.clone(), &role, &route, &target, SEARCH_STATES)?
    {
        played = found;
        searched = true;
    }
    // The playtest kept for the replay after an edit: to the item, as its
    // own role.
    let playtest = Playtest {
        role: role.clone(),
        target: path.to_vec(),
        steps: played.steps.clone(),
    };
    let mut role = role;
    if let Some(other) = as_role.filter(|r| *r != role)
        && played.reached
    {
        // Another role: to the moment the item's own role got there.
        let when = played.session.state().tick;
        let target = Target::Time(time_of(&c, when));
        let route = crate::core::answers::expert_steps(
            &library.folder.join("answers"),
            &c.scenario.id,
            other,
        );
        played = play_to(c.clone(), other, &route, &target)?;
        role = other.to_string();
    }
    if !played.reached {
        return Err(format!(
            "Dit moment wordt langs het deskundige pad niet bereikt, en ook niet langs andere keuzes in beslissingen en gesprekken{}.",
            played
                .diverged
                .as_ref()
                .map(|(n, why)| format!(" (stap {n} past niet meer: {why})"))
                .unwrap_or_default()
        ));
    }
    let r = c.ids.roles.get(&role).copied().ok_or("onbekende rol")?;
    let link = LocalLink::new(played.session, data.0.join("proefspel"));
    let mut play = Play::new(link, r, role, None);
    play.playtest = true;
    play.refused = played.diverged.map(|(n, why)| {
        format!("Proefspel: stap {n} van de route past niet meer bij de casus ({why}).")
    });
    if searched {
        let choices: Vec<String> = playtest
            .steps
            .iter()
            .filter_map(|a| match a {
                Act::Decide { decision, option } => Some(format!("{decision}: {option}")),
                Act::Talk { talk } => Some(format!("gesprek {talk}")),
                _ => None,
            })
            .collect();
        play.refused = Some(format!(
            "Proefspel: het deskundige pad komt hier niet; gespeeld langs de kortste route die er wel komt ({}).",
            if choices.is_empty() {
                "alleen dagdelen afsluiten".to_string()
            } else {
                choices.join(", ")
            }
        ));
    }
    Ok((play, playtest))
}

/// How many case states "Speel vanaf hier" tries when the expert route
/// does not reach the item (a fraction of a second on the bundled cases).
const SEARCH_STATES: usize = 3_000;

/// The moment of clock tick `tick`.
fn time_of(c: &crate::core::scenario::Compiled, tick: u32) -> crate::core::scenario::model::Time {
    let parts = &c.scenario.clock.parts;
    let per_day = c.parts_per_day.max(1);
    crate::core::scenario::model::Time {
        day: tick / per_day + 1,
        part: parts
            .get((tick % per_day) as usize)
            .cloned()
            .unwrap_or_default(),
    }
}
