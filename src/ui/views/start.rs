//! The start screen: the scenario library as compact cards (title, forms,
//! duration, playable roles, saved attempts) with filters by form of
//! exploitation and by role; a card opens the full description of its
//! starting situation, from which "Kies deze casus" goes to the setup.
//! Saved sessions are a list of their own (a tab, or a column on a wide
//! window), newest first and filterable by case. Broken scenarios show as
//! error cards with file:line:col.
//!
//! The card never shows the learning goals: they name the answers, and the
//! debrief shows them.

use super::egui;
use super::theme;
use crate::ui::model::{LibraryCard, SavedCard, ScenarioCard, role_label};

#[derive(Debug, Clone, PartialEq)]
pub enum StartAction {
    /// Open the setup for the card with this index.
    Open(usize),
    /// Continue (or review) saved session `i` (an index into the `saved`
    /// slice given to `start_ui`, whatever order the list shows).
    Resume(usize),
    /// Join a training day on a host ("Meedoen aan een trainingsdag").
    Join,
    /// A trainee's own record ("Mijn voortgang").
    Progress,
    /// Open the case with this index in the editor (for trainers).
    Edit(usize),
    /// Make a new case from the template and open it in the editor.
    NewCase(crate::core::authoring::template::NewCase),
    Quit,
}

/// Which list the start screen shows when there is no room for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StartTab {
    #[default]
    Cases,
    Saved,
}

/// What the start screen remembers between frames: the tab, the filters
/// and the card whose description is open.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StartUiState {
    pub tab: StartTab,
    /// Show only cases of this form of exploitation (its Dutch label).
    pub form: Option<String>,
    /// Show only cases in which this role (id) can be played.
    pub role: Option<String>,
    /// The case (scenario id) whose full description is open (an id, not
    /// an index: the library is rebuilt when a file changes).
    pub open: Option<String>,
    /// Show only saved sessions of this scenario (id).
    pub saved_case: Option<String>,
    /// "Nieuwe casus" being filled in.
    pub new_case: Option<NewCaseForm>,
}

/// The "Nieuwe casus" form.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCaseForm {
    pub title: String,
    pub form: crate::core::scenario::model::Form,
    pub days: u32,
    pub evening: bool,
    pub roles: Vec<String>,
}

impl Default for NewCaseForm {
    fn default() -> Self {
        NewCaseForm {
            title: String::new(),
            form: crate::core::scenario::model::Form::Criminal,
            days: 3,
            evening: true,
            roles: vec!["zorgcoordinator".into(), "riec".into()],
        }
    }
}

impl NewCaseForm {
    /// What the core makes the case from.
    pub fn to_new_case(&self) -> crate::core::authoring::template::NewCase {
        let mut parts = vec!["ochtend".to_string(), "middag".to_string()];
        if self.evening {
            parts.push("avond".to_string());
        }
        crate::core::authoring::template::NewCase {
            title: self.title.clone(),
            form: self.form,
            days: self.days,
            parts,
            roles: self.roles.clone(),
        }
    }
}

/// From this width (in points) the saved sessions get a column of their
/// own beside the cards; below it, a tab.
pub const WIDE: f32 = 1500.0;

/// The narrowest a card gets, in points; the grid has as many columns as
/// fit (at most four).
pub const CARD_MIN_WIDTH: f32 = 330.0;

const GAP: f32 = 10.0;

/// Whether `card` passes the form and role filters of `state`.
pub fn card_matches(card: &ScenarioCard, state: &StartUiState) -> bool {
    state.form.as_ref().is_none_or(|f| card.forms.contains(f))
        && state
            .role
            .as_ref()
            .is_none_or(|r| card.roles.iter().any(|(id, _, _)| id == r))
}

/// The indices of the scenario cards that pass the filters, in library
/// order (error cards are not filtered; they are listed apart).
pub fn visible_cards(cards: &[LibraryCard], state: &StartUiState) -> Vec<usize> {
    cards
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            LibraryCard::Scenario(s) if card_matches(s, state) => Some(i),
            _ => None,
        })
        .collect()
}

/// The indices of the saved sessions the list shows: those of the case
/// filter, newest first (by the time they were saved; the store's order
/// among equal times).
pub fn visible_saved(saved: &[SavedCard], state: &StartUiState) -> Vec<usize> {
    let mut list: Vec<usize> = (0..saved.len())
        .filter(|&i| {
            state
                .saved_case
                .as_ref()
                .is_none_or(|c| saved[i].scenario_id.as_ref() == Some(c))
        })
        .collect();
    // "2026-12-03 14:15 UTC" sorts as text; the sort is stable.
    list.sort_by(|&a, &b| saved[b].when.cmp(&saved[a].when));
    list
}

/// How many saved sessions belong to scenario `id`.
pub fn attempts(saved: &[SavedCard], id: &str) -> usize {
    saved
        .iter()
        .filter(|s| s.scenario_id.as_deref() == Some(id))
        .count()
}

fn attempts_text(n: usize) -> String {
    match n {
        0 => "nog niet gespeeld".to_string(),
        1 => "1 opgeslagen poging".to_string(),
        n => format!("{n} opgeslagen pogingen"),
    }
}

fn duration_text(minutes: u32) -> String {
    format!("ongeveer {minutes} minuten")
}

/// The start screen; `loading` while the scenario folder is being read.
pub fn start_ui(
    ui: &mut egui::Ui,
    cards: &[LibraryCard],
    saved: &[SavedCard],
    loading: bool,
    state: &mut StartUiState,
) -> Option<StartAction> {
    let mut action = None;
    ui.heading("Ketensim — oefenen met ketensamenwerking tegen mensenhandel");
    ui.label(
        "Kies een casus: klik op de titel voor de beginsituatie en de rollen. Speel alleen één organisatie (zelfstudie) of met een groep meerdere organisaties (trainingsdag); de andere rollen spelen volgens het script.",
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Meedoen aan een trainingsdag op een netwerk…")
            .on_hover_text(
                "Elke organisatie op een eigen laptop: vul het adres en de code van de trainer in.",
            )
            .clicked()
        {
            action = Some(StartAction::Join);
        }
        if ui
            .button("Mijn voortgang…")
            .on_hover_text(
                "Uw afgeronde pogingen per casus en hoe elke competentie zich ontwikkelt.",
            )
            .clicked()
        {
            action = Some(StartAction::Progress);
        }
        if ui
            .button("Nieuwe casus…")
            .on_hover_text("Voor trainers: een nieuwe casus maken en in de editor openen.")
            .clicked()
        {
            state.new_case = Some(NewCaseForm::default());
        }
    });
    if let Some(a) = new_case_ui(ui, state) {
        action = Some(a);
    }
    ui.add_space(4.0);
    let scenarios = cards
        .iter()
        .filter(|c| matches!(c, LibraryCard::Scenario(_)))
        .count();
    if ui.available_width() >= WIDE {
        // Cards (or a description) on the left, the saved sessions beside.
        let total = ui.available_width();
        let height = ui.available_height();
        let right = (total * 0.3).clamp(380.0, 560.0);
        let left = total - right - 3.0 * GAP;
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(left, height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(left);
                    ui.label(
                        egui::RichText::new(format!("Casussen ({scenarios})"))
                            .heading()
                            .size(19.0),
                    );
                    cases_ui(ui, cards, saved, loading, state, &mut action);
                },
            );
            ui.separator();
            ui.allocate_ui_with_layout(
                egui::vec2(right, height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(right);
                    ui.label(
                        egui::RichText::new(format!("Opgeslagen sessies ({})", saved.len()))
                            .heading()
                            .size(19.0),
                    );
                    saved_ui(ui, cards, saved, state, &mut action);
                },
            );
        });
    } else {
        ui.horizontal(|ui| {
            let tab = |text: String| egui::RichText::new(text).size(17.0);
            ui.selectable_value(
                &mut state.tab,
                StartTab::Cases,
                tab(format!("Casussen ({scenarios})")),
            );
            ui.selectable_value(
                &mut state.tab,
                StartTab::Saved,
                tab(format!("Opgeslagen sessies ({})", saved.len())),
            );
        });
        ui.separator();
        match state.tab {
            StartTab::Cases => cases_ui(ui, cards, saved, loading, state, &mut action),
            StartTab::Saved => {
                ui.set_max_width(super::READING_WIDTH);
                saved_ui(ui, cards, saved, state, &mut action);
            }
        }
    }
    action
}

/// The cases: a card's description when one is open, else the filters and
/// the grid of cards, then the error cards.
fn cases_ui(
    ui: &mut egui::Ui,
    cards: &[LibraryCard],
    saved: &[SavedCard],
    loading: bool,
    state: &mut StartUiState,
    action: &mut Option<StartAction>,
) {
    let open = state.open.as_ref().and_then(|id| {
        cards.iter().enumerate().find_map(|(i, c)| match c {
            LibraryCard::Scenario(s) if &s.id == id => Some((i, s)),
            _ => None,
        })
    });
    if let Some((i, card)) = open {
        description_ui(ui, i, card, saved, state, action);
        return;
    }
    filters_ui(ui, cards, state);
    let visible = visible_cards(cards, state);
    egui::ScrollArea::vertical()
        .id_salt("library")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if loading {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("De scenario's worden geladen…");
                });
            } else if cards.is_empty() {
                ui.label("Geen scenario's gevonden in de scenariomap.");
            } else if visible.is_empty() && cards.iter().any(|c| matches!(c, LibraryCard::Scenario(_))) {
                ui.label("Geen casus past bij deze filters.");
                if ui.button("Filters wissen").clicked() {
                    state.form = None;
                    state.role = None;
                }
            }
            grid_ui(ui, cards, &visible, saved, state);
            let broken: Vec<(usize, &String, &String)> = cards
                .iter()
                .enumerate()
                .filter_map(|(i, c)| match c {
                    LibraryCard::Broken { file, problems } => Some((i, file, problems)),
                    LibraryCard::Scenario(_) => None,
                })
                .collect();
            for (index, file, problems) in broken {
                ui.add_space(GAP);
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::same(10))
                    .show(ui, |ui| {
                        let width = ui.available_width();
                        ui.set_width(width);
                        ui.set_max_width(width);
                        ui.label(
                            egui::RichText::new(format!("Dit scenario bevat fouten: {file}"))
                                .strong()
                                .color(theme::bad(ui)),
                        );
                        ui.label(
                            "Het kan niet gespeeld worden tot de fouten zijn hersteld. De andere scenario's werken gewoon.",
                        );
                        ui.add(
                            egui::Label::new(egui::RichText::new(problems).monospace()).wrap(),
                        );
                        // A file that reads but does not check opens in the
                        // editor, with its problems listed there.
                        let edit = ui
                            .button("Bewerken")
                            .on_hover_text("Voor trainers: de fouten in de editor herstellen");
                        super::a11y::name(&edit, format!("Bewerken: {file}"));
                        if edit.clicked() {
                            *action = Some(StartAction::Edit(index));
                        }
                    });
            }
        });
}

/// The filters by form of exploitation and by role: the forms and roles
/// the library's cases have, as buttons.
fn filters_ui(ui: &mut egui::Ui, cards: &[LibraryCard], state: &mut StartUiState) {
    let scenario_cards: Vec<&ScenarioCard> = cards
        .iter()
        .filter_map(|c| match c {
            LibraryCard::Scenario(s) => Some(s),
            LibraryCard::Broken { .. } => None,
        })
        .collect();
    if scenario_cards.len() < 2 {
        return;
    }
    let mut forms: Vec<String> = Vec::new();
    let mut roles: Vec<(String, String)> = Vec::new();
    for c in &scenario_cards {
        for f in &c.forms {
            if !forms.contains(f) {
                forms.push(f.clone());
            }
        }
        for (id, name, _) in &c.roles {
            if !roles.iter().any(|(r, _)| r == id) {
                roles.push((id.clone(), role_label(id, name)));
            }
        }
    }
    forms.sort();
    // The labels in a column of their own, so the buttons line up.
    let label_width = 48.0;
    // As high as the buttons beside them (text and padding).
    let row_height =
        ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    ui.horizontal_wrapped(|ui| {
        ui.add_sized(
            [label_width, row_height],
            egui::Label::new(egui::RichText::new("Vorm:").strong()),
        );
        ui.selectable_value(&mut state.form, None, "Alle vormen");
        for f in &forms {
            ui.selectable_value(&mut state.form, Some(f.clone()), f);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.add_sized(
            [label_width, row_height],
            egui::Label::new(egui::RichText::new("Rol:").strong()),
        );
        ui.selectable_value(&mut state.role, None, "Alle rollen");
        for (id, label) in &roles {
            ui.selectable_value(&mut state.role, Some(id.clone()), label);
        }
    });
    let shown = scenario_cards
        .iter()
        .filter(|c| card_matches(c, state))
        .count();
    if shown < scenario_cards.len() {
        ui.small(format!(
            "{shown} van de {} casussen passen bij de filters.",
            scenario_cards.len()
        ));
    }
    ui.add_space(4.0);
}

/// The compact cards in rows of as many as fit; the cards of a row are
/// equally high (each row's tallest card, measured in the frame before).
fn grid_ui(
    ui: &mut egui::Ui,
    cards: &[LibraryCard],
    visible: &[usize],
    saved: &[SavedCard],
    state: &mut StartUiState,
) {
    // Clear of the scroll bar, which floats over the right edge.
    let width = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    let columns = (((width + GAP) / (CARD_MIN_WIDTH + GAP)).floor() as usize).clamp(1, 4);
    let card_width = ((width - GAP * (columns as f32 - 1.0)) / columns as f32).floor();
    let margin = 10.0;
    for (row, chunk) in visible.chunks(columns).enumerate() {
        let key = ui.id().with(("card-row", row));
        let target: f32 = ui.ctx().data(|d| d.get_temp(key)).unwrap_or(0.0);
        let mut tallest: f32 = 0.0;
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = GAP;
            for &i in chunk {
                let Some(LibraryCard::Scenario(card)) = cards.get(i) else {
                    continue;
                };
                let natural = ui
                    .allocate_ui_with_layout(
                        egui::vec2(card_width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            egui::Frame::group(ui.style())
                                .inner_margin(egui::Margin::same(margin as i8))
                                .show(ui, |ui| {
                                    let inner = card_width - 2.0 * margin - 2.0;
                                    ui.set_width(inner);
                                    ui.set_max_width(inner);
                                    let top = ui.min_rect().top();
                                    let natural = card_ui(ui, card, saved, state);
                                    // As high as the row's tallest card.
                                    ui.expand_to_include_y(top + target);
                                    natural
                                })
                                .inner
                        },
                    )
                    .inner;
                tallest = tallest.max(natural);
            }
        });
        if (tallest - target).abs() > 0.5 {
            ui.ctx().data_mut(|d| d.insert_temp(key, tallest));
            ui.ctx().request_repaint();
        }
        ui.add_space(GAP - ui.spacing().item_spacing.y);
    }
}

/// One compact card; returns the height its contents need.
fn card_ui(
    ui: &mut egui::Ui,
    card: &ScenarioCard,
    saved: &[SavedCard],
    state: &mut StartUiState,
) -> f32 {
    let top = ui.min_rect().top();
    if ui
        .add(
            egui::Button::new(egui::RichText::new(&card.title).strong().size(17.0))
                .frame(false)
                .wrap(),
        )
        .on_hover_text("Lees de beginsituatie en kies de casus")
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .clicked()
    {
        state.open = Some(card.id.clone());
    }
    let mut facts = card.forms.clone();
    facts.push(duration_text(card.duration_minutes));
    ui.label(facts.join(" · "));
    ui.label(format!("Rollen: {}", card.role_labels().join(", ")));
    let n = attempts(saved, &card.id);
    if n == 0 {
        ui.small(attempts_text(0));
    } else if ui
        .link(attempts_text(n))
        .on_hover_text("Toon de opgeslagen sessies van deze casus")
        .clicked()
    {
        state.saved_case = Some(card.id.clone());
        state.tab = StartTab::Saved;
    }
    ui.min_rect().bottom() - top
}

/// The full description of a case: its starting situation and roles, and
/// the button that goes to the setup.
fn description_ui(
    ui: &mut egui::Ui,
    index: usize,
    card: &ScenarioCard,
    saved: &[SavedCard],
    state: &mut StartUiState,
    action: &mut Option<StartAction>,
) {
    ui.set_max_width(super::READING_WIDTH);
    if ui.button("Terug naar alle casussen").clicked() {
        state.open = None;
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("description")
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading(&card.title);
            let mut facts = card.forms.clone();
            facts.push(duration_text(card.duration_minutes));
            facts.push(attempts_text(attempts(saved, &card.id)));
            ui.label(facts.join(" · "));
            ui.add_space(8.0);
            ui.strong("Beginsituatie");
            ui.label(&card.summary);
            ui.add_space(8.0);
            ui.strong("Rollen die u kunt spelen");
            for (_, name, org) in &card.roles {
                ui.label(format!("• {name} — {org}"));
            }
            ui.small("De andere organisaties in de casus handelen volgens het script.");
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let choose = egui::Button::new(
                    egui::RichText::new("Kies deze casus")
                        .strong()
                        .color(ui.visuals().strong_text_color()),
                )
                .fill(ui.visuals().selection.bg_fill);
                if ui.add(choose).clicked() {
                    *action = Some(StartAction::Open(index));
                }
                if ui.button("Terug").clicked() {
                    state.open = None;
                }
                if ui
                    .button("Bewerken")
                    .on_hover_text("Voor trainers: de casus aanpassen en uitproberen")
                    .clicked()
                {
                    *action = Some(StartAction::Edit(index));
                }
            });
        });
}

/// The saved sessions, newest first, with a filter by case.
fn saved_ui(
    ui: &mut egui::Ui,
    cards: &[LibraryCard],
    saved: &[SavedCard],
    state: &mut StartUiState,
    action: &mut Option<StartAction>,
) {
    if saved.is_empty() {
        ui.label("Nog geen opgeslagen sessies. Een sessie wordt na elke actie bewaard.");
        return;
    }
    // The cases that have saved sessions, in library order.
    let cases: Vec<(&str, &str)> = cards
        .iter()
        .filter_map(|c| match c {
            LibraryCard::Scenario(s) if attempts(saved, &s.id) > 0 => {
                Some((s.id.as_str(), s.title.as_str()))
            }
            _ => None,
        })
        .collect();
    if state
        .saved_case
        .as_ref()
        .is_some_and(|id| !cases.iter().any(|(c, _)| c == id))
    {
        state.saved_case = None;
    }
    ui.horizontal(|ui| {
        ui.label("Casus:");
        let selected = state
            .saved_case
            .as_ref()
            .and_then(|id| cases.iter().find(|(c, _)| c == id))
            .map_or("Alle casussen", |(_, t)| *t);
        egui::ComboBox::from_id_salt("saved-case")
            .selected_text(selected)
            .width((ui.available_width() - 8.0).min(520.0))
            .truncate()
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.saved_case, None, "Alle casussen");
                for (id, title) in &cases {
                    ui.selectable_value(&mut state.saved_case, Some(id.to_string()), *title);
                }
            });
    });
    ui.add_space(4.0);
    let list = visible_saved(saved, state);
    egui::ScrollArea::vertical()
        .id_salt("saved")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for i in list {
                let s = &saved[i];
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::same(8))
                    .show(ui, |ui| {
                        let width = ui.available_width();
                        ui.set_width(width);
                        ui.set_max_width(width);
                        if s.scenario_id.is_some() {
                            let who = if s.names.is_empty() {
                                "Zonder naam".to_string()
                            } else {
                                s.names.clone()
                            };
                            ui.horizontal_wrapped(|ui| {
                                ui.strong(who);
                                if !s.roles.is_empty() {
                                    ui.label(format!("— {}", s.roles));
                                }
                            });
                            ui.horizontal_wrapped(|ui| {
                                ui.small(&s.title);
                                if !s.when.is_empty() {
                                    ui.small(format!("· opgeslagen {}", s.when));
                                }
                            });
                        } else {
                            // A file that could not be read: its name.
                            ui.horizontal_wrapped(|ui| {
                                ui.strong(&s.title);
                                if !s.when.is_empty() {
                                    ui.small(format!("· opgeslagen {}", s.when));
                                }
                            });
                        }
                        let label = if s.finished {
                            Some("Nabespreking openen")
                        } else if s.resumable {
                            Some("Verder spelen")
                        } else {
                            None
                        };
                        ui.horizontal_wrapped(|ui| {
                            if let Some(label) = label
                                && ui.button(label).clicked()
                            {
                                *action = Some(StartAction::Resume(i));
                            }
                            if s.resumable || s.finished {
                                ui.label(&s.message);
                            } else {
                                ui.colored_label(theme::bad(ui), &s.message);
                            }
                        });
                    });
                ui.add_space(4.0);
            }
        });
}

/// The "Nieuwe casus" dialog: a title, the form of exploitation, the
/// length and the chain partners; the case starts from the template.
fn new_case_ui(ui: &mut egui::Ui, state: &mut StartUiState) -> Option<StartAction> {
    use crate::core::authoring::template::{MIN_DAYS, PARTNERS};
    use crate::core::scenario::model::Form;
    let form = state.new_case.as_mut()?;
    let mut action = None;
    let mut close = false;
    egui::Window::new("Nieuwe casus")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ui.ctx(), |ui| {
            ui.set_max_width(560.0);
            ui.label("De casus begint als een klein voorbeeld dat werkt (gemeente en politie, twee signalen, een casusoverleg); u maakt het daarna in de editor tot uw eigen casus. Gebruik alleen verzonnen personen.");
            ui.add_space(6.0);
            ui.strong("Titel");
            let t = ui.add(egui::TextEdit::singleline(&mut form.title).hint_text("Bijvoorbeeld: Mira (19): werk in de kas").desired_width(520.0));
            super::a11y::name(&t, "Titel");
            ui.add_space(4.0);
            ui.strong("Vorm van uitbuiting");
            ui.horizontal_wrapped(|ui| {
                for (f, label) in [
                    (Form::Sexual, "seksuele uitbuiting"),
                    (Form::Labour, "arbeidsuitbuiting"),
                    (Form::Criminal, "criminele uitbuiting"),
                    (Form::Other, "andere vorm"),
                ] {
                    ui.radio_value(&mut form.form, f, label);
                }
            });
            ui.add_space(4.0);
            ui.strong("Lengte");
            ui.horizontal(|ui| {
                let d = ui.add(egui::DragValue::new(&mut form.days).range(MIN_DAYS..=10).suffix(" dagen"));
                super::a11y::name(&d, "Aantal dagen");
                ui.checkbox(&mut form.evening, "met een avond (drie dagdelen)");
            });
            ui.add_space(4.0);
            ui.strong("Ketenpartners");
            ui.small("Gemeente en politie staan er altijd in; kies wie er nog meedoen.");
            ui.horizontal_wrapped(|ui| {
                for p in PARTNERS.iter().filter(|p| !matches!(p.id, "gemeente" | "politie")) {
                    let mut on = form.roles.iter().any(|r| r == p.id);
                    if ui.checkbox(&mut on, p.organisation).changed() {
                        if on {
                            form.roles.push(p.id.to_string());
                        } else {
                            form.roles.retain(|r| r != p.id);
                        }
                    }
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let ok = !form.title.trim().is_empty();
                if ui.add_enabled(ok, egui::Button::new("Maken en bewerken")).clicked() {
                    action = Some(StartAction::NewCase(form.to_new_case()));
                    close = true;
                }
                if ui.button("Annuleren").clicked() {
                    close = true;
                }
            });
        });
    if close {
        state.new_case = None;
    }
    action
}
