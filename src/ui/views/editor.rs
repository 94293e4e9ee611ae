//! The case editor (issue 20): the outline of the case on the left, the
//! selected item's form in the middle, the problems `check` finds below,
//! and a timeline table as a second tab. Every reference is a drop-down of
//! existing ids, times are day and day-part pickers, texts are multi-line
//! fields; conditions, effects and script steps are RON text, checked as
//! you type. Nothing is written until "Opslaan".
//!
//! A view function over a plain view model (`EditorView`, rebuilt by the
//! app when the document changes, not per frame); it returns what the
//! author did as an `EditorAction`.

use std::collections::BTreeMap;

use super::egui;
use super::theme;
use crate::core::authoring::form::{
    self, Field, Input, ItemPath, LISTS, OutlineItem, Section, TimelineRow,
};
use crate::core::authoring::{Document, Problem};
use crate::core::scenario::model::Time;

/// What the editor shows, built from the document when it changes.
#[derive(Debug, Clone, Default)]
pub struct EditorView {
    pub title: String,
    pub file: String,
    pub outline: Vec<Section>,
    /// The selected item's form.
    pub fields: Vec<Field>,
    /// The drop-down values per list a field of the form points into.
    pub choices: BTreeMap<String, Vec<(String, String)>>,
    pub problems: Vec<Problem>,
    pub timeline: Vec<TimelineRow>,
    pub days: u32,
    pub parts: Vec<String>,
    pub dirty: bool,
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// Whether the case can be played (no errors).
    pub playable: bool,
    /// The last playtest replayed on the case as it is now (set by the
    /// app), if there is one.
    pub playtest: Option<String>,
    /// The background analysis (set by the app).
    pub analysis: AnalysisView,
    /// The flow of the case (read-only), when it loads.
    pub flow: Option<FlowView>,
    /// The playable roles (ids), to play from here as.
    pub playable_roles: Vec<String>,
    /// The id the selected item's title would give (for "Id uit de titel").
    pub id_from_title: Option<String>,
}

/// The case's flow (`core::graph`): boxes in columns by kind, and what
/// opens, schedules or ends what.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowView {
    pub columns: Vec<String>,
    /// Label, column, row and the outline path it selects (if any).
    pub nodes: Vec<(String, usize, f32, Option<ItemPath>)>,
    pub edges: Vec<(usize, usize, String)>,
}

impl FlowView {
    fn new(c: &crate::core::scenario::Compiled) -> FlowView {
        let g = crate::core::graph::build(c);
        let l = crate::core::graph::layout(&g);
        let s = &c.scenario;
        // Every id per list, once (the graph's keys are in lower case).
        let ids = |list: &str| -> Vec<String> {
            match list {
                "roles" => s.roles.iter().map(|x| x.id.clone()).collect(),
                "injects" => s.injects.iter().map(|x| x.id.clone()).collect(),
                "channels" => s.channels.iter().map(|x| x.id.clone()).collect(),
                "decisions" => s.decisions.iter().map(|x| x.id.clone()).collect(),
                "consents" => s.consents.iter().map(|x| x.id.clone()).collect(),
                "rules" => s.rules.iter().map(|x| x.id.clone()).collect(),
                "outcomes" => s.outcomes.iter().map(|x| x.id.clone()).collect(),
                _ => Vec::new(),
            }
        };
        let list = |kind: &str| -> Option<&'static str> {
            Some(match kind {
                "role" => "roles",
                "inject" => "injects",
                "meeting" => "channels",
                "decision" => "decisions",
                "consent" => "consents",
                "rule" => "rules",
                "outcome" => "outcomes",
                _ => return None,
            })
        };
        FlowView {
            columns: l.columns.iter().map(|c| c.to_string()).collect(),
            nodes: g
                .nodes
                .iter()
                .zip(&l.at)
                .map(|(n, (col, row))| {
                    let path = n.key.split_once(':').and_then(|(k, id)| {
                        let list = list(k)?;
                        let id = ids(list).into_iter().find(|x| x.to_lowercase() == id)?;
                        Some(vec![(list.to_string(), id)])
                    });
                    (n.label.clone(), *col, *row, path)
                })
                .collect(),
            edges: l.edges,
        }
    }
}

/// What the analysis tab shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalysisView {
    /// Running: the share done.
    pub running: Option<f32>,
    pub lines: Vec<String>,
    pub error: Option<String>,
    /// The case changed since the lines were made.
    pub stale: bool,
}

impl EditorView {
    /// The view of `doc` with `selected` open.
    pub fn new(doc: &Document, selected: &[(String, String)]) -> EditorView {
        let s = doc.scenario();
        let fields = form::form(s, selected);
        let title = fields_title(&fields);
        let mut choices = BTreeMap::new();
        for f in &fields {
            if let Input::Ref(list) | Input::Refs(list) = &f.input {
                choices
                    .entry(list.clone())
                    .or_insert_with(|| form::choices(s, list));
            }
        }
        EditorView {
            title: s.title.clone(),
            file: doc.path.display().to_string(),
            outline: form::outline(s),
            fields,
            choices,
            problems: doc.problems().to_vec(),
            timeline: form::timeline(s),
            days: s.clock.days,
            parts: s.clock.parts.clone(),
            dirty: doc.dirty(),
            undo: doc.undo_label().map(str::to_string),
            redo: doc.redo_label().map(str::to_string),
            playable: doc.compiled().is_some(),
            playtest: None,
            analysis: AnalysisView::default(),
            flow: doc.compiled().map(|c| FlowView::new(c)),
            playable_roles: s
                .roles
                .iter()
                .filter(|r| r.playable)
                .map(|r| r.id.clone())
                .collect(),
            id_from_title: selected.last().and_then(|(list, id)| {
                let title = title.clone()?;
                let new = form::new_id(s, list, &title);
                // Only for an id the editor made (a new item or a copy),
                // and not when it already is what the title gives.
                let made = id.contains("nieuw") || id.contains("kopie");
                (made && new != *id && !new.starts_with(&format!("{id}_"))).then_some(new)
            }),
        }
    }
}

/// The title-like text of a form (title, name, prompt, text), if any.
fn fields_title(fields: &[Field]) -> Option<String> {
    ["title", "name", "prompt", "text"].iter().find_map(|n| {
        fields
            .iter()
            .find(|f| f.name == *n && !f.value.trim().is_empty())
            .map(|f| f.value.clone())
    })
}

/// Which tab the middle shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EditorTab {
    #[default]
    Item,
    Timeline,
    Analysis,
    Flow,
}

/// What the editor keeps between frames.
#[derive(Debug, Clone, Default)]
pub struct EditorUiState {
    pub selected: ItemPath,
    /// The list open in the outline (`None`: the selected item's; empty:
    /// none).
    pub open_list: Option<String>,
    pub tab: EditorTab,
    /// RON fields being typed: field name → (text, why it does not read).
    pub drafts: BTreeMap<String, (String, Option<String>)>,
    /// The field to bring into view (a problem was clicked).
    pub focus: Option<String>,
    /// Asked to confirm removing the selected item.
    pub confirm_remove: bool,
    /// "Speel vanaf hier" as this role (`None`: the item's own).
    pub play_as: Option<String>,
    /// Asked to confirm closing with unsaved edits.
    pub confirm_close: bool,
    pub message: Option<String>,
}

/// What the author did.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorAction {
    Select(ItemPath),
    /// Set a field of the item at `path` to RON `value` (`None`: empty).
    Set {
        path: ItemPath,
        field: String,
        value: Option<String>,
        /// What the undo button will say.
        what: String,
    },
    Add {
        parent: ItemPath,
        list: String,
    },
    Duplicate(ItemPath),
    Remove(ItemPath),
    /// Move timeline row `row` to a time.
    Move {
        row: usize,
        to: Time,
    },
    Undo,
    Redo,
    Save,
    /// Play the case from the selected item, as a role (`None`: the
    /// item's own).
    PlayFromHere {
        path: ItemPath,
        role: Option<String>,
    },
    /// Give the item at `path` the id made from its title.
    Rename {
        path: ItemPath,
        to: String,
    },
    /// Write the last playtest's route into the case's test plan.
    SaveAsTest,
    /// Stop the running analysis.
    CancelAnalysis,
    Close,
}

/// The editor screen.
pub fn editor_ui(
    ui: &mut egui::Ui,
    view: &EditorView,
    state: &mut EditorUiState,
) -> Option<EditorAction> {
    let mut action = None;
    // Keyboard: Ctrl+Z undo, Ctrl+Y (or Ctrl+Shift+Z) redo, Ctrl+S save.
    ui.input_mut(|i| {
        let ctrl = egui::Modifiers::COMMAND;
        if i.consume_key(ctrl | egui::Modifiers::SHIFT, egui::Key::Z)
            || i.consume_key(ctrl, egui::Key::Y)
        {
            action = Some(EditorAction::Redo);
        } else if i.consume_key(ctrl, egui::Key::Z) {
            action = Some(EditorAction::Undo);
        } else if i.consume_key(ctrl, egui::Key::S) {
            action = Some(EditorAction::Save);
        }
    });
    top_bar(ui, view, state, &mut action);
    let width = ui.available_width();
    // Room for a few problems with their tips (the author can drag it);
    // one line when there are none.
    let problems = if view.problems.is_empty() {
        egui::Panel::bottom("editor-no-problems").resizable(false)
    } else {
        let height = (ui.available_height() * 0.22).max(110.0);
        egui::Panel::bottom("editor-problems")
            .resizable(true)
            .default_size(height)
    };
    problems.show(ui, |ui| {
        ui.set_min_width(ui.available_width());
        problems_ui(ui, view, state, &mut action);
    });
    egui::Panel::left("editor-outline")
        .resizable(true)
        .default_size((width * 0.3).max(280.0))
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            outline_ui(ui, view, state, &mut action);
        });
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.tab, EditorTab::Item, "Onderdeel");
        ui.selectable_value(&mut state.tab, EditorTab::Timeline, "Tijdlijn");
        let label = match view.analysis.running {
            Some(f) => format!("Analyse ({:.0}%)", f * 100.0),
            None => "Analyse".to_string(),
        };
        ui.selectable_value(&mut state.tab, EditorTab::Analysis, label);
        ui.selectable_value(&mut state.tab, EditorTab::Flow, "Stroom");
    });
    if view.analysis.running.is_some() {
        // Follow the background work.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
    } else if view.analysis.stale {
        // Wake up when the author has paused long enough.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(1600));
    }
    ui.separator();
    match state.tab {
        EditorTab::Item => item_ui(ui, view, state, &mut action),
        EditorTab::Timeline => timeline_ui(ui, view, &mut action),
        EditorTab::Analysis => analysis_ui(ui, view, &mut action),
        EditorTab::Flow => flow_ui(ui, view, &mut action),
    }
    action
}

fn top_bar(
    ui: &mut egui::Ui,
    view: &EditorView,
    state: &mut EditorUiState,
    action: &mut Option<EditorAction>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("Casus bewerken: {}", view.title));
        ui.small(&view.file);
    });
    ui.horizontal_wrapped(|ui| {
        let save = ui.add_enabled(view.dirty, egui::Button::new("Opslaan (Ctrl+S)"));
        if save.clicked() {
            *action = Some(EditorAction::Save);
        }
        let undo_text = match &view.undo {
            Some(w) => format!("Ongedaan maken: {w} (Ctrl+Z)"),
            None => "Ongedaan maken (Ctrl+Z)".to_string(),
        };
        if ui
            .add_enabled(view.undo.is_some(), egui::Button::new(undo_text))
            .clicked()
        {
            *action = Some(EditorAction::Undo);
        }
        let redo_text = match &view.redo {
            Some(w) => format!("Opnieuw: {w} (Ctrl+Y)"),
            None => "Opnieuw (Ctrl+Y)".to_string(),
        };
        if ui
            .add_enabled(view.redo.is_some(), egui::Button::new(redo_text))
            .clicked()
        {
            *action = Some(EditorAction::Redo);
        }
        if ui.button("Sluiten").clicked() {
            if view.dirty {
                state.confirm_close = true;
            } else {
                *action = Some(EditorAction::Close);
            }
        }
        ui.label(if view.dirty {
            egui::RichText::new("Niet opgeslagen wijzigingen").color(theme::warn(ui))
        } else {
            egui::RichText::new("Alles opgeslagen")
        });
    });
    if state.confirm_close {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new("U hebt wijzigingen die niet zijn opgeslagen.")
                    .color(theme::warn(ui)),
            );
            if ui.button("Opslaan en sluiten").clicked() {
                state.confirm_close = false;
                *action = Some(EditorAction::Save);
                state.message = Some("Opgeslagen; klik nogmaals op Sluiten.".to_string());
            }
            if ui.button("Sluiten zonder opslaan").clicked() {
                state.confirm_close = false;
                *action = Some(EditorAction::Close);
            }
            if ui.button("Verder bewerken").clicked() {
                state.confirm_close = false;
            }
        });
    }
    if let Some(line) = &view.playtest {
        ui.horizontal_wrapped(|ui| {
            ui.label(line);
            if ui
                .add_enabled(view.playable, egui::Button::new("Bewaar als testplan"))
                .on_hover_text("Zet de route van dit proefspel in het testplan van de casus, met de uitkomst die ze haalt")
                .clicked()
            {
                *action = Some(EditorAction::SaveAsTest);
            }
        });
    }
    if let Some(m) = &state.message {
        ui.label(m);
    }
    ui.separator();
}

fn outline_ui(
    ui: &mut egui::Ui,
    view: &EditorView,
    state: &mut EditorUiState,
    action: &mut Option<EditorAction>,
) {
    ui.strong("Inhoud van de casus");
    egui::ScrollArea::vertical()
        .id_salt("editor-outline")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if ui
                .selectable_label(
                    state.selected.is_empty(),
                    "Algemeen (titel, klok, Startkaart)",
                )
                .clicked()
            {
                *action = Some(EditorAction::Select(Vec::new()));
            }
            // One list open at a time (the one of the selected item, or
            // the one the author opened), so every heading stays in sight.
            let open_list = state
                .open_list
                .clone()
                .or_else(|| state.selected.first().map(|(l, _)| l.clone()));
            for section in &view.outline {
                let open = open_list.as_deref() == Some(section.list.as_str());
                let r = egui::CollapsingHeader::new(format!(
                    "{} ({})",
                    section.label,
                    section.items.len()
                ))
                .id_salt(("outline", &section.list))
                .open(Some(open))
                .show(ui, |ui| {
                    for item in &section.items {
                        outline_item(ui, item, 0, state, action);
                    }
                    let add = ui.small_button(format!("+ Nieuw in {}", section.label));
                    if add.clicked() {
                        *action = Some(EditorAction::Add {
                            parent: Vec::new(),
                            list: section.list.clone(),
                        });
                    }
                });
                if r.header_response.clicked() {
                    state.open_list = if open {
                        Some(String::new())
                    } else {
                        Some(section.list.clone())
                    };
                }
            }
        });
}

fn outline_item(
    ui: &mut egui::Ui,
    item: &OutlineItem,
    depth: usize,
    state: &EditorUiState,
    action: &mut Option<EditorAction>,
) {
    ui.horizontal(|ui| {
        ui.add_space(depth as f32 * 16.0);
        let selected = state.selected == item.path;
        let text = if item.title.is_empty() {
            item.id.clone()
        } else {
            format!("{} — {}", item.id, item.title)
        };
        let r = ui.add(egui::Button::selectable(selected, text).truncate());
        if r.clicked() {
            *action = Some(EditorAction::Select(item.path.clone()));
        }
    });
    for child in &item.children {
        outline_item(ui, child, depth + 1, state, action);
    }
    // After a decision's options: add one.
    if item.path.len() == 1 && item.path[0].0 == "decisions" {
        ui.horizontal(|ui| {
            ui.add_space((depth + 1) as f32 * 16.0);
            let add = ui.small_button("+ Optie");
            super::a11y::name(&add, format!("Optie toevoegen aan {}", item.id));
            if add.clicked() {
                *action = Some(EditorAction::Add {
                    parent: item.path.clone(),
                    list: "options".to_string(),
                });
            }
        });
    }
}

/// The Dutch name of what `path` points at.
fn item_name(path: &[(String, String)]) -> String {
    match path.last() {
        None => "Algemeen".to_string(),
        Some((list, id)) => {
            let label = LISTS.iter().find(|(l, _)| l == list).map_or(
                if list == "options" {
                    "Optie"
                } else {
                    list.as_str()
                },
                |(_, n)| *n,
            );
            format!("{label}: {id}")
        }
    }
}

fn item_ui(
    ui: &mut egui::Ui,
    view: &EditorView,
    state: &mut EditorUiState,
    action: &mut Option<EditorAction>,
) {
    let path = state.selected.clone();
    ui.horizontal_wrapped(|ui| {
        ui.heading(item_name(&path));
        if !path.is_empty() {
            if ui.button("Dupliceren").clicked() {
                *action = Some(EditorAction::Duplicate(path.clone()));
            }
            if ui.button("Verwijderen…").clicked() {
                state.confirm_remove = true;
            }
        }
    });
    if !path.is_empty() {
        ui.horizontal_wrapped(|ui| {
            let play = ui.add_enabled(view.playable, egui::Button::new("Speel vanaf hier"));
            // As which role: the item's own unless chosen.
            let shown = state
                .play_as
                .clone()
                .unwrap_or_else(|| "(de rol van dit onderdeel)".to_string());
            let combo = egui::ComboBox::from_id_salt("play-as")
                .selected_text(format!("als {shown}"))
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(state.play_as.is_none(), "(de rol van dit onderdeel)")
                        .clicked()
                    {
                        state.play_as = None;
                    }
                    for r in &view.playable_roles {
                        if ui
                            .selectable_label(state.play_as.as_deref() == Some(r.as_str()), r)
                            .clicked()
                        {
                            state.play_as = Some(r.clone());
                        }
                    }
                });
            super::a11y::name(&combo.response, format!("Speel als: {shown}"));
            let play = if view.playable {
                play.on_hover_text(
                    "Speel de casus tot dit moment langs het deskundige pad en open hem daar",
                )
            } else {
                play.on_disabled_hover_text("Los eerst de fouten hieronder op")
            };
            if play.clicked() {
                *action = Some(EditorAction::PlayFromHere {
                    path: path.clone(),
                    role: state.play_as.clone(),
                });
            }
        });
    }
    if state.confirm_remove {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(
                    "Verwijderen? Wat ernaar verwijst, staat daarna bij de problemen.",
                )
                .color(theme::warn(ui)),
            );
            if ui.button("Ja, verwijderen").clicked() {
                state.confirm_remove = false;
                *action = Some(EditorAction::Remove(path.clone()));
            }
            if ui.button("Nee").clicked() {
                state.confirm_remove = false;
            }
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("editor-form")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(super::READING_WIDTH));
            // The inputs fill what the labels leave (the widest label is
            // about 230 points at the normal size).
            let field_w = (ui.available_width() - 240.0).clamp(200.0, 700.0);
            egui::Grid::new("editor-fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .striped(true)
                .show(ui, |ui| {
                    for f in &view.fields {
                        let label = ui.label(egui::RichText::new(&f.label).strong());
                        if state.focus.as_deref() == Some(f.name.as_str()) {
                            label.scroll_to_me(Some(egui::Align::Center));
                            state.focus = None;
                        }
                        ui.vertical(|ui| field_ui(ui, view, state, &path, f, field_w, action));
                        ui.end_row();
                    }
                });
        });
}

/// One field's input.
fn field_ui(
    ui: &mut egui::Ui,
    view: &EditorView,
    state: &mut EditorUiState,
    path: &ItemPath,
    f: &Field,
    width: f32,
    action: &mut Option<EditorAction>,
) {
    let set = |value: Option<String>| EditorAction::Set {
        path: path.clone(),
        field: f.name.clone(),
        value,
        what: format!("Tekst: {}", f.label),
    };
    match &f.input {
        Input::Id => {
            ui.horizontal_wrapped(|ui| {
                ui.monospace(&f.value);
                if let Some(new) = &view.id_from_title {
                    let b = ui
                        .small_button(format!("Id uit de titel: {new}"))
                        .on_hover_text("Verwijzingen in de casus gaan mee; antwoordbestanden en testplannen niet (de controle zegt waar).");
                    if b.clicked() {
                        *action = Some(EditorAction::Rename {
                            path: path.clone(),
                            to: new.clone(),
                        });
                    }
                }
            });
        }
        Input::Text => {
            let mut text = f.value.clone();
            let multiline = text.len() > 60 || text.contains('\n');
            let edit = if multiline {
                egui::TextEdit::multiline(&mut text).desired_rows(3)
            } else {
                egui::TextEdit::singleline(&mut text)
            };
            let r = ui.add(edit.desired_width(width));
            super::a11y::name(&r, f.label.clone());
            if r.changed() {
                *action = Some(set(Some(form::text_value(&text))));
            }
        }
        Input::Ref(list) => {
            let empty = Vec::new();
            let options = view.choices.get(list).unwrap_or(&empty);
            let shown = options.iter().find(|(id, _)| *id == f.value).map_or_else(
                || {
                    if f.set {
                        f.value.clone()
                    } else {
                        "(geen)".to_string()
                    }
                },
                |(id, t)| format!("{id} — {t}"),
            );
            let combo = egui::ComboBox::from_id_salt(("ref", &f.name))
                .selected_text(shown.clone())
                .width(width.min(500.0))
                .show_ui(ui, |ui| {
                    if !f.set && ui.selectable_label(false, "(geen)").clicked() {
                        *action = Some(set(None));
                    }
                    for (id, title) in options {
                        if ui
                            .selectable_label(*id == f.value, format!("{id} — {title}"))
                            .clicked()
                        {
                            *action = Some(EditorAction::Set {
                                path: path.clone(),
                                field: f.name.clone(),
                                value: Some(form::text_value(id)),
                                what: f.label.clone(),
                            });
                        }
                    }
                });
            super::a11y::name(&combo.response, format!("{}: {shown}", f.label));
        }
        Input::Refs(list) => {
            let empty = Vec::new();
            let options = view.choices.get(list).unwrap_or(&empty);
            let chosen: Vec<String> = crate::core::scenario::ron_tree::parse(&f.value)
                .map(|n| {
                    n.items()
                        .iter()
                        .filter_map(|i| match &i.value.kind {
                            crate::core::scenario::ron_tree::Kind::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let header = egui::CollapsingHeader::new(format!("{} gekozen", chosen.len()))
                .id_salt(("refs", &f.name))
                .show(ui, |ui| {
                    for (id, title) in options {
                        let mut on = chosen.contains(id);
                        if ui.checkbox(&mut on, format!("{id} — {title}")).changed() {
                            let mut next: Vec<String> = chosen.clone();
                            if on {
                                next.push(id.clone());
                            } else {
                                next.retain(|x| x != id);
                            }
                            let value = format!(
                                "[{}]",
                                next.iter()
                                    .map(|x| form::text_value(x))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            );
                            *action = Some(EditorAction::Set {
                                path: path.clone(),
                                field: f.name.clone(),
                                value: Some(value),
                                what: f.label.clone(),
                            });
                        }
                    }
                });
            // Two such fields on one form both say "0 gekozen": the name
            // says which field.
            super::a11y::name(
                &header.header_response,
                format!("{}: {} gekozen", f.label, chosen.len()),
            );
        }
        Input::Bool => {
            let mut on = f.value == "true";
            if ui.checkbox(&mut on, f.label.clone()).changed() {
                *action = Some(EditorAction::Set {
                    path: path.clone(),
                    field: f.name.clone(),
                    value: Some(on.to_string()),
                    what: f.label.clone(),
                });
            }
        }
        Input::Number => {
            let mut n: i64 = f.value.parse().unwrap_or(0);
            let r = ui.add(egui::DragValue::new(&mut n));
            super::a11y::name(&r, f.label.clone());
            if r.changed() {
                *action = Some(EditorAction::Set {
                    path: path.clone(),
                    field: f.name.clone(),
                    value: Some(n.to_string()),
                    what: f.label.clone(),
                });
            }
        }
        Input::Time { optional } => {
            let current = if f.set {
                crate::core::authoring::Document::parse_value::<Time>(&f.value).ok()
            } else {
                None
            };
            if let Some(t) = time_picker(ui, view, &f.name, &f.label, current.as_ref(), *optional) {
                *action = Some(EditorAction::Set {
                    path: path.clone(),
                    field: f.name.clone(),
                    value: t.map(|t| form::time_value(&t)),
                    what: f.label.clone(),
                });
            }
        }
        Input::Choice(options) => {
            let combo = egui::ComboBox::from_id_salt(("choice", &f.name))
                .selected_text(f.value.clone())
                .show_ui(ui, |ui| {
                    for o in options {
                        if ui.selectable_label(f.value == *o, *o).clicked() {
                            *action = Some(EditorAction::Set {
                                path: path.clone(),
                                field: f.name.clone(),
                                value: Some(o.to_string()),
                                what: f.label.clone(),
                            });
                        }
                    }
                });
            super::a11y::name(&combo.response, format!("{}: {}", f.label, f.value));
        }
        Input::Ron => ron_field_ui(ui, state, path, f, width, action),
    }
}

/// A field written as RON (conditions, effects, script steps): applied
/// once it reads, a draft with the reader's message until then.
fn ron_field_ui(
    ui: &mut egui::Ui,
    state: &mut EditorUiState,
    path: &ItemPath,
    f: &Field,
    width: f32,
    action: &mut Option<EditorAction>,
) {
    let (mut text, error) = state
        .drafts
        .get(&f.name)
        .cloned()
        // An empty optional value shows as an empty field.
        .unwrap_or_else(|| {
            let shown = if f.value == "None" {
                ""
            } else {
                f.value.as_str()
            };
            (shown.to_string(), None)
        });
    let r = ui.add(
        egui::TextEdit::multiline(&mut text)
            .code_editor()
            .desired_rows(2)
            .desired_width(width)
            .hint_text("leeg"),
    );
    super::a11y::name(&r, format!("{} (RON)", f.label));
    if r.changed() {
        // Applied only when it reads; until then it stays a draft
        // with the reader's message. Emptied: no value (`None`).
        state.drafts.insert(f.name.clone(), (text.clone(), None));
        let value = if text.trim().is_empty() {
            None
        } else {
            Some(text)
        };
        *action = Some(EditorAction::Set {
            path: path.clone(),
            field: f.name.clone(),
            value,
            what: format!("Tekst: {}", f.label),
        });
    }
    if let Some(e) = error {
        ui.label(egui::RichText::new(e).color(theme::warn(ui)));
    }
}

/// A day and day-part picker; returns a new choice (`Some(None)`: no
/// fixed moment) when the author made one.
fn time_picker(
    ui: &mut egui::Ui,
    view: &EditorView,
    id: &str,
    label: &str,
    current: Option<&Time>,
    optional: bool,
) -> Option<Option<Time>> {
    let mut out = None;
    ui.horizontal(|ui| {
        if optional {
            let mut none = current.is_none();
            if ui.checkbox(&mut none, "geen vast moment").changed() {
                out = Some(if none {
                    None
                } else {
                    Some(Time {
                        day: 1,
                        part: view.parts.first().cloned().unwrap_or_default(),
                    })
                });
            }
        }
        let Some(t) = current else {
            return;
        };
        let day = egui::ComboBox::from_id_salt(("day", id))
            .selected_text(format!("Dag {}", t.day))
            .show_ui(ui, |ui| {
                for d in 1..=view.days.max(1) {
                    if ui
                        .selectable_label(t.day == d, format!("Dag {d}"))
                        .clicked()
                    {
                        out = Some(Some(Time {
                            day: d,
                            part: t.part.clone(),
                        }));
                    }
                }
            });
        super::a11y::name(&day.response, format!("{label}: dag {}", t.day));
        let part = egui::ComboBox::from_id_salt(("part", id))
            .selected_text(t.part.clone())
            .show_ui(ui, |ui| {
                for p in &view.parts {
                    if ui.selectable_label(t.part == *p, p).clicked() {
                        out = Some(Some(Time {
                            day: t.day,
                            part: p.clone(),
                        }));
                    }
                }
            });
        super::a11y::name(&part.response, format!("{label}: dagdeel {}", t.part));
    });
    out
}

fn problems_ui(
    ui: &mut egui::Ui,
    view: &EditorView,
    state: &mut EditorUiState,
    action: &mut Option<EditorAction>,
) {
    let errors = view.problems.iter().filter(|p| p.error).count();
    let warnings = view.problems.len() - errors;
    ui.horizontal(|ui| {
        ui.strong("Controle");
        ui.label(if view.problems.is_empty() {
            "geen problemen gevonden".to_string()
        } else {
            format!(
                "{}, {}",
                crate::core::words::count(errors, "fout", "fouten"),
                crate::core::words::count(warnings, "waarschuwing", "waarschuwingen")
            )
        });
    });
    if view.problems.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("editor-problems")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for p in &view.problems {
                // A problem at an item's `id:` is about the item itself.
                let field = p.field.as_ref().filter(|f| f.as_str() != "id");
                let place = match (&p.item, field) {
                    (Some((list, id)), Some(field)) => format!(
                        " — {}, veld ‘{}’",
                        item_name(&[(list.clone(), id.clone())]),
                        form::label_of(field)
                    ),
                    (Some((list, id)), None) => {
                        format!(" — {}", item_name(&[(list.clone(), id.clone())]))
                    }
                    _ => format!(" — regel {}", p.line),
                };
                let kind = if p.error { "Fout" } else { "Waarschuwing" };
                let text = format!("{kind}: {}{place}", p.message);
                let r = ui.add(egui::Button::selectable(false, text).wrap());
                // What to do, under the problem (a trainer should not have
                // to find it by pointing).
                if let Some(h) = &p.hint {
                    ui.indent(("tip", &p.message, p.line, p.col), |ui| {
                        ui.label(egui::RichText::new(format!("Tip: {h}")).weak());
                    });
                }
                if r.clicked()
                    && let Some((list, id)) = &p.item
                {
                    state.focus = p.field.clone();
                    state.tab = EditorTab::Item;
                    *action = Some(EditorAction::Select(vec![(list.clone(), id.clone())]));
                }
            }
        });
}

fn timeline_ui(ui: &mut egui::Ui, view: &EditorView, action: &mut Option<EditorAction>) {
    ui.small("Injects, beslissingen (wanneer ze opengaan, en uiterlijk wanneer) en de zittingen van overleggen, op tijd. Een ander moment kiezen verplaatst het onderdeel.");
    egui::ScrollArea::vertical()
        .id_salt("editor-timeline")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("timeline")
                .num_columns(5)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for h in ["Moment", "Soort", "Voor", "Wat", "Uiterlijk"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (n, row) in view.timeline.iter().enumerate() {
                        let id = format!("row-{n}");
                        match (&row.kind[..], &row.at) {
                            ("Beslissing", Some(t)) => {
                                ui.label(format!("Dag {}, {}", t.day, t.part));
                            }
                            ("Beslissing", None) => {
                                ui.label("door een keuze");
                            }
                            (_, at) => {
                                if let Some(Some(to)) =
                                    time_picker(ui, view, &id, &row.title, at.as_ref(), false)
                                {
                                    *action = Some(EditorAction::Move { row: n, to });
                                }
                                if at.is_none() {
                                    ui.label("bij een voorwaarde");
                                }
                            }
                        }
                        ui.label(&row.kind);
                        ui.label(&row.role);
                        if ui.link(&row.title).clicked() {
                            *action = Some(EditorAction::Select(row.path.clone()));
                        }
                        if row.kind == "Beslissing" {
                            if let Some(Some(to)) = time_picker(
                                ui,
                                view,
                                &format!("{id}-until"),
                                &format!("{} uiterlijk", row.title),
                                row.until.as_ref(),
                                false,
                            ) {
                                *action = Some(EditorAction::Move { row: n, to });
                            }
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
}

fn analysis_ui(ui: &mut egui::Ui, view: &EditorView, action: &mut Option<EditorAction>) {
    let a = &view.analysis;
    ui.small("De analyse speelt de casus voor elke speelbare rol langs alle wegen (of een steekproef) en loopt vanzelf als u even niets verandert. Zonder fouten in de casus.");
    if let Some(f) = a.running {
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(f)
                    .desired_width(300.0)
                    .text(format!("{:.0}% van de rollen", f * 100.0)),
            );
            if ui.button("Analyse stoppen").clicked() {
                *action = Some(EditorAction::CancelAnalysis);
            }
        });
    }
    if a.stale && !a.lines.is_empty() {
        ui.label(
            egui::RichText::new("De casus is veranderd sinds deze analyse; een nieuwe volgt als u even niets verandert.")
                .color(theme::warn(ui)),
        );
    }
    if let Some(e) = &a.error {
        ui.label(egui::RichText::new(format!("De analyse lukte niet: {e}")).color(theme::bad(ui)));
    }
    if a.lines.is_empty() && a.running.is_none() && a.error.is_none() {
        ui.label(if view.playable {
            "Nog geen analyse."
        } else {
            "Los eerst de fouten op; dan volgt de analyse."
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("editor-analysis")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(super::READING_WIDTH));
            for l in &a.lines {
                ui.label(l);
            }
        });
}

/// The flow of the case, read-only: click a box to open its item.
fn flow_ui(ui: &mut egui::Ui, view: &EditorView, action: &mut Option<EditorAction>) {
    const COL_W: f32 = 230.0;
    const NODE_W: f32 = 200.0;
    const NODE_H: f32 = 34.0;
    const ROW_H: f32 = 44.0;
    const TOP: f32 = 30.0;
    let Some(flow) = &view.flow else {
        ui.label("Los eerst de fouten op; dan volgt de stroom van de casus.");
        return;
    };
    ui.small("Wat wat opent, inplant of beëindigt, per soort in kolommen (alleen-lezen). Klik op een vak om het te openen.");
    let rows = flow.nodes.iter().fold(0.0f32, |a, n| a.max(n.2)) + 1.0;
    let size = egui::vec2(
        flow.columns.len() as f32 * COL_W + 10.0,
        TOP + rows * ROW_H + 10.0,
    );
    egui::ScrollArea::both()
        .id_salt("editor-flow")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let visuals = ui.visuals().clone();
            let font = egui::FontId::proportional(12.0);
            let place = |col: usize, row: f32| {
                egui::Rect::from_min_size(
                    rect.min + egui::vec2(col as f32 * COL_W, TOP + row * ROW_H),
                    egui::vec2(NODE_W, NODE_H),
                )
            };
            for (i, c) in flow.columns.iter().enumerate() {
                painter.text(
                    rect.min + egui::vec2(i as f32 * COL_W, 4.0),
                    egui::Align2::LEFT_TOP,
                    c,
                    egui::FontId::proportional(13.0),
                    visuals.strong_text_color(),
                );
            }
            let stroke = egui::Stroke::new(1.0, visuals.weak_text_color());
            for (from, to, _) in &flow.edges {
                let (Some(a), Some(b)) = (flow.nodes.get(*from), flow.nodes.get(*to)) else {
                    continue;
                };
                if a.1 == b.1 {
                    // Within a column (a role's flows to another): the
                    // report's chart shows those; here they only cross.
                    continue;
                }
                let (ra, rb) = (place(a.1, a.2), place(b.1, b.2));
                let (p, q) = if b.1 >= a.1 {
                    (ra.right_center(), rb.left_center())
                } else {
                    (ra.left_center(), rb.right_center())
                };
                painter.line_segment([p, q], stroke);
            }
            for (label, col, row, path) in &flow.nodes {
                let r = place(*col, *row);
                let id = ui.id().with(("flow", label, *col, row.to_bits()));
                let response = ui.interact(r, id, egui::Sense::click());
                let fill = if response.hovered() {
                    visuals.widgets.hovered.bg_fill
                } else {
                    visuals.widgets.inactive.bg_fill
                };
                painter.rect(
                    r,
                    4.0,
                    fill,
                    egui::Stroke::new(1.0, visuals.widgets.inactive.fg_stroke.color),
                    egui::StrokeKind::Inside,
                );
                let short = crate::core::words::shorten(label, 30);
                painter.text(
                    r.left_center() + egui::vec2(6.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    &short,
                    font.clone(),
                    visuals.text_color(),
                );
                super::a11y::name(&response, label.clone());
                let response = response.on_hover_text(label);
                if response.clicked()
                    && let Some(p) = path
                {
                    *action = Some(EditorAction::Select(p.clone()));
                }
            }
        });
}
