//! The case screen: top bar, dossier, inbox and decisions, actions with the
//! share dialog. Returns the action the trainee takes.

use std::collections::BTreeSet;

use super::a11y;
use super::egui;
use super::theme;
use crate::core::scenario::model::{Act, Form};
use crate::ui::model::CaseView;

/// What the trainee asked for on the case screen.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseAction {
    Act(Act),
    /// Stop the case (the app asks for confirmation first).
    Quit,
    /// The case has ended: show the evaluation.
    Debrief,
}

/// A share being composed. Nothing is preselected: the dialog makes every
/// choice explicit and does not hint what is lawful.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShareDraft {
    pub facts: BTreeSet<String>,
    pub channel: Option<String>,
    pub to: BTreeSet<String>,
    pub ground: Option<String>,
}

impl ShareDraft {
    /// The share, when every choice is made.
    pub fn act(&self, view: &CaseView) -> Option<Act> {
        let channel = view
            .channels
            .iter()
            .find(|c| Some(&c.id) == self.channel.as_ref())?;
        let ground = self.ground.clone()?;
        if self.facts.is_empty() {
            return None;
        }
        let to: Vec<String> = if channel.meeting {
            Vec::new()
        } else {
            let to: Vec<String> = channel
                .recipients
                .iter()
                .filter(|(id, _)| self.to.contains(id))
                .map(|(id, _)| id.clone())
                .collect();
            if to.is_empty() {
                return None;
            }
            to
        };
        Some(Act::Share {
            facts: self.facts.iter().cloned().collect(),
            to,
            channel: channel.id.clone(),
            ground,
        })
    }
}

/// Which channels the share dialog offers: every channel, or only reports
/// ("Melden") or only meetings ("Inbrengen in een casusoverleg").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShareKind {
    #[default]
    All,
    Report,
    Meeting,
}

impl ShareKind {
    fn title(self) -> &'static str {
        match self {
            ShareKind::All => "Informatie delen",
            ShareKind::Report => "Melden",
            ShareKind::Meeting => "Inbrengen in een casusoverleg",
        }
    }

    /// The dialog's button: what pressing it does.
    fn verb(self) -> &'static str {
        match self {
            ShareKind::All => "Delen",
            ShareKind::Report => "Melden",
            ShareKind::Meeting => "Inbrengen",
        }
    }

    fn offers(self, c: &crate::ui::model::ChannelView) -> bool {
        match self {
            ShareKind::All => true,
            ShareKind::Report => c.report,
            ShareKind::Meeting => c.meeting,
        }
    }
}

/// State of the case screen between frames.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseUiState {
    pub share_open: bool,
    pub share_kind: ShareKind,
    pub share: ShareDraft,
    /// The fact being flagged and the form chosen so far.
    pub flagging: Option<(String, Option<Form>)>,
    /// Why the last action could not be taken, if it could not.
    pub notice: Option<String>,
    /// Why the last save failed, if it did (with where it tried).
    pub save_error: Option<String>,
    /// The inbox or the ketenkaart, when they do not fit one above the
    /// other.
    pub middle: MiddleTab,
    /// When (egui time) the last decision was taken: the options below
    /// move up when a decision closes, so for a moment they take no click
    /// (a double click must not choose the next decision's option).
    pub decided_at: Option<f64>,
    /// New facts and messages the trainee has read (pointed at or
    /// focused): they lose their "NIEUW" and leave the count.
    pub read: std::collections::BTreeSet<String>,
    /// With several decisions open, the one shown whole (the others show
    /// their question and a button to open them); `None`: the first.
    pub open_decision: Option<String>,
}

/// How long the decision buttons rest after a decision, in seconds.
pub const DECISION_REST: f64 = 0.6;

/// The key of a fact in `CaseUiState::read`.
fn fact_key(id: &str) -> String {
    format!("f:{id}")
}

/// The key of a message in `CaseUiState::read`.
fn message_key(m: &crate::ui::model::InboxItem) -> String {
    format!("m:{}|{}", m.at, m.title)
}

/// The case screen. Returns the trainee's action and the free rectangle in
/// the middle (below the inbox) where the app draws the ketenkaart, if it
/// is large enough.
pub fn case_ui(
    ui: &mut egui::Ui,
    view: &CaseView,
    state: &mut CaseUiState,
) -> (Option<CaseAction>, Option<egui::Rect>) {
    let mut action = None;
    // Keyboard shortcuts for the main actions.
    let shortcut = |key| egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key);
    let (advance_key, share_key, report_key, meeting_key) = ui.input_mut(|i| {
        (
            i.consume_shortcut(&shortcut(egui::Key::Enter)),
            i.consume_shortcut(&shortcut(egui::Key::D)),
            i.consume_shortcut(&shortcut(egui::Key::M)),
            i.consume_shortcut(&shortcut(egui::Key::O)),
        )
    });
    if view.ended.is_none() {
        for (pressed, kind) in [
            (share_key, ShareKind::All),
            (report_key, ShareKind::Report),
            (meeting_key, ShareKind::Meeting),
        ] {
            if pressed {
                open_share(state, kind);
            }
        }
    }
    if advance_key && view.can_advance {
        action = Some(CaseAction::Act(Act::Advance));
    }

    egui::Panel::top("case-top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&view.scenario_title).strong());
            ui.separator();
            ui.label(egui::RichText::new(&view.clock).strong().size(18.0));
            ui.separator();
            ui.label(format!("Rol: {} ({})", view.role_name, view.organisation));
            ui.separator();
            if ui.button("Stoppen").clicked() {
                action = Some(CaseAction::Quit);
            }
        });
        if let Some(notice) = &state.notice {
            ui.colored_label(theme::bad(ui), format!("Dat kan nu niet: {notice}"));
        }
        if let Some(problem) = &state.save_error {
            ui.colored_label(theme::bad(ui), egui::RichText::new(problem).strong());
        }
        if let Some(title) = &view.ended {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("De casus is afgelopen: {title}"))
                        .strong()
                        .size(18.0),
                );
                if ui.button("Naar de nabespreking").clicked() {
                    action = Some(CaseAction::Debrief);
                }
            });
        }
    });
    let width = ui.available_width();
    let height = ui.available_height();
    egui::Panel::left("case-dossier")
        .resizable(true)
        .default_size((width * 0.3).max(260.0))
        .max_size(width * 0.36)
        .show(ui, |ui| {
            // A panel keeps the width its content took: take all of it,
            // so a short column (the case ended) does not shrink it for
            // the next attempt.
            ui.set_min_width(ui.available_width());
            if let Some(a) = dossier_ui(ui, view, state) {
                action = Some(a);
            }
        });
    egui::Panel::right("case-actions")
        .resizable(true)
        .default_size((width * 0.28).max(260.0))
        .max_size(width * 0.32)
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            if let Some(a) = actions_ui(ui, view, state) {
                action = Some(a);
            }
        });
    // The middle column: the open decisions first, whole; the inbox and
    // the ketenkaart share what is left.
    // Not a panel: a panel keeps last frame's height, and the decisions
    // must get the height they need the moment they open.
    // At least half the column for the decisions, but never so much that
    // the inbox's tab and a few lines below it fall off the window.
    if let Some(a) = decisions_ui(ui, view, height, state) {
        action = Some(a);
    }
    ui.separator();
    if view.ended.is_none()
        && state.share_open
        && let Some(act) = share_window(ui.ctx(), view, state)
    {
        action = Some(CaseAction::Act(act));
    }
    let new = view
        .inbox
        .iter()
        .filter(|m| m.new && !state.read.contains(&message_key(m)))
        .count();
    let postvak = if new > 0 {
        format!("Postvak ({new} nieuw)")
    } else {
        format!("Postvak ({})", view.inbox.len())
    };
    let free_height = ui.available_height();
    if free_height >= SPLIT_MIN_HEIGHT {
        // Room for both: the inbox above, the ketenkaart below.
        egui::Panel::top("case-inbox")
            .resizable(true)
            .default_size(free_height * 0.4)
            .min_size(120.0)
            .max_size(free_height - KAART_MIN.y)
            .show(ui, |ui| {
                ui.strong(&postvak);
                inbox_ui(ui, view, state);
            });
    } else {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut state.middle, MiddleTab::Inbox, &postvak);
            ui.selectable_value(&mut state.middle, MiddleTab::Kaart, "Ketenkaart");
        });
        if state.middle == MiddleTab::Inbox {
            inbox_ui(ui, view, state);
            return (action, None);
        }
    }
    // What is left is the ketenkaart's: a heading and the free area.
    let free = ui.available_rect_before_wrap();
    ui.label(egui::RichText::new("Ketenkaart").strong());
    let mut kaart = free;
    if free.width() < KAART_MIN.x || free.height() < KAART_MIN.y {
        // No room for the picture: the map in words, scrolling within
        // what is left (never over the settings bar).
        let room = ui.available_height().max(0.0);
        egui::ScrollArea::vertical()
            .id_salt("kaart-words")
            .auto_shrink([false, false])
            .max_height(room)
            .min_scrolled_height(room.min(24.0))
            .show(ui, |ui| {
                ui.label(&view.kaart_text).on_hover_text(
                    "De kaart zelf past hier niet: maak het venster groter of de tekst kleiner.",
                );
            });
        return (action, None);
    }
    // The legend of the map's marks.
    ui.small("Rondje: een organisatie (donker: uw eigen). Oranje balk: hoeveel gegevens zij heeft voor zover u weet, naast de organisatie met de meeste. Lijn: gegevens die u zag gaan, dikker bij meer.");
    kaart.min.y = ui.cursor().min.y;
    // The map is drawn behind egui; this empty area carries its words.
    let area = ui.allocate_rect(kaart, egui::Sense::hover());
    a11y::picture(&area, &view.kaart_text);
    (action, Some(kaart))
}

/// The open decisions take the middle column's height (below their
/// heading) before they scroll, less this much for the inbox's tab and its
/// first lines: the decision comes first, and at "Groot" on 1280×800 the
/// longest bundled decision needs all but this.
const BELOW_DECISIONS: f32 = 80.0;

/// Below the decisions, the inbox and the ketenkaart are shown one above
/// the other when this much height is left; otherwise as two tabs.
pub const SPLIT_MIN_HEIGHT: f32 = 560.0;

/// What the middle column shows below the decisions when there is no room
/// for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MiddleTab {
    #[default]
    Inbox,
    Kaart,
}

/// The smallest free area (in points) the ketenkaart is drawn in.
pub const KAART_MIN: egui::Vec2 = egui::vec2(380.0, 240.0);

fn dossier_ui(ui: &mut egui::Ui, view: &CaseView, state: &mut CaseUiState) -> Option<CaseAction> {
    let mut action = None;
    ui.heading("Dossier");
    ui.small("Wat uw organisatie weet. Alleen u ziet dit.");
    egui::ScrollArea::vertical()
        .id_salt("dossier")
        .show(ui, |ui| {
            a11y::list(ui, "Dossier");
            for f in &view.dossier {
                let key = fact_key(&f.id);
                let unread = f.new && !state.read.contains(&key);
                let item = egui::Frame::group(ui.style()).show(ui, |ui| {
                    a11y::list_item(ui);
                    ui.set_width(ui.available_width());
                    ui.label(&f.text);
                    // The legal category is empty unless the session's
                    // hints are on.
                    let about: Vec<&str> = [f.category.as_str(), &f.learned, &f.via]
                        .into_iter()
                        .filter(|s| !s.trim().is_empty())
                        .collect();
                    // "NIEUW" leads the line under the text, so that it
                    // goes when read without moving what is below it.
                    ui.horizontal_wrapped(|ui| {
                        if unread {
                            ui.label(
                                egui::RichText::new("NIEUW")
                                    .small()
                                    .strong()
                                    .color(theme::warn(ui)),
                            );
                        }
                        ui.small(about.join(" · "));
                    });
                    match &f.flagged {
                        Some(form) => {
                            ui.label(
                                egui::RichText::new(format!("Gemarkeerd als signaal: {form}"))
                                    .color(theme::good(ui)),
                            );
                        }
                        None if view.ended.is_none() => {
                            let flagging =
                                state.flagging.as_ref().is_some_and(|(id, _)| *id == f.id);
                            if flagging {
                                ui.label("Signaal van welke vorm van uitbuiting?");
                                let mut chosen =
                                    state.flagging.as_ref().and_then(|(_, form)| *form);
                                for (form, label) in &view.forms {
                                    ui.radio_value(&mut chosen, Some(*form), label);
                                }
                                if let Some((_, form)) = state.flagging.as_mut() {
                                    *form = chosen;
                                }
                                ui.horizontal(|ui| {
                                    if ui
                                        .add_enabled(
                                            chosen.is_some(),
                                            egui::Button::new("Markering bevestigen"),
                                        )
                                        .clicked()
                                        && let Some(form) = chosen
                                    {
                                        action = Some(CaseAction::Act(Act::Flag {
                                            fact: f.id.clone(),
                                            form,
                                        }));
                                        state.flagging = None;
                                    }
                                    if ui.button("Annuleren").clicked() {
                                        state.flagging = None;
                                    }
                                });
                            } else {
                                let b = ui.button("Markeer als signaal").on_hover_text(&f.text);
                                // A reader hears which fact it flags.
                                a11y::name(
                                    &b,
                                    format!(
                                        "Markeer als signaal: {}",
                                        crate::core::words::shorten(&f.text, 60)
                                    ),
                                );
                                if b.clicked() {
                                    state.flagging = Some((f.id.clone(), None));
                                }
                            }
                        }
                        None => {}
                    }
                });
                // Pointed at: read.
                if unread && ui.rect_contains_pointer(item.response.rect) {
                    state.read.insert(key);
                }
            }
        });
    action
}

/// The open decisions, each with its prompt, deadline and every option,
/// above everything else in the middle column; they scroll only when they
/// take more than `max_height`.
/// The open decisions. With several open, one is shown whole and the
/// others by their question, with a button to open them: two decisions
/// with long options do not fit a laptop's column at "Groot", and the one
/// being decided must never need scrolling. `height` is the screen's.
fn decisions_ui(
    ui: &mut egui::Ui,
    view: &CaseView,
    height: f32,
    state: &mut CaseUiState,
) -> Option<CaseAction> {
    let now = ui.input(|i| i.time);
    let resting = state.decided_at.is_some_and(|t| now - t < DECISION_REST);
    if resting {
        // Wake up when the rest is over (a desktop app sleeps otherwise).
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(DECISION_REST));
    }
    let mut action = None;
    if view.decisions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Beslissingen");
            ui.small("Er ligt nu geen beslissing voor u klaar.");
        });
        return None;
    }
    ui.heading(if view.decisions.len() == 1 {
        "Beslissing".to_string()
    } else {
        format!("Beslissingen ({})", view.decisions.len())
    });
    // At least half the screen for the decisions, but never so much that
    // the inbox's tab and its first line fall off the window.
    let avail = ui.available_height();
    let max_height = (avail - BELOW_DECISIONS)
        .max((height * 0.5).min(avail - BELOW_DECISIONS * 0.8))
        .max(60.0);
    let shown = state
        .open_decision
        .as_deref()
        .filter(|id| view.decisions.iter().any(|d| d.id == *id))
        .unwrap_or(view.decisions[0].id.as_str())
        .to_string();
    egui::ScrollArea::vertical()
        .id_salt("decisions")
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for d in &view.decisions {
                if d.id != shown {
                    // Folded: the question, the deadline and a way in.
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(egui::RichText::new(&d.prompt).strong());
                        ui.horizontal_wrapped(|ui| {
                            if let Some(deadline) = &d.deadline {
                                ui.label(egui::RichText::new(deadline).color(theme::warn(ui)));
                            }
                            let open = ui.button("Deze beslissing openen");
                            a11y::name(
                                &open,
                                format!(
                                    "Beslissing openen: {}",
                                    crate::core::words::shorten(&d.prompt, 80)
                                ),
                            );
                            if open.clicked() {
                                state.open_decision = Some(d.id.clone());
                            }
                        });
                    });
                    continue;
                }
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(1.5, theme::warn(ui)))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(egui::RichText::new(&d.prompt).strong());
                        if let Some(deadline) = &d.deadline {
                            ui.label(egui::RichText::new(deadline).color(theme::warn(ui)));
                        }
                        for (id, text) in &d.options {
                            if ui
                                .add_enabled(!resting, egui::Button::new(text).wrap())
                                .clicked()
                            {
                                action = Some(CaseAction::Act(Act::Decide {
                                    decision: d.id.clone(),
                                    option: id.clone(),
                                }));
                                state.decided_at = Some(now);
                            }
                        }
                    });
            }
        });
    action
}

fn inbox_ui(ui: &mut egui::Ui, view: &CaseView, state: &mut CaseUiState) {
    // Within what is left, however little (never over the settings bar).
    let room = ui.available_height().max(0.0);
    egui::ScrollArea::vertical()
        .id_salt("inbox")
        .auto_shrink([false, false])
        .max_height(room)
        .min_scrolled_height(room.min(24.0))
        .show(ui, |ui| {
            if view.inbox.is_empty() {
                ui.small("Nog geen berichten.");
            }
            a11y::list(ui, "Postvak");
            for m in &view.inbox {
                let key = message_key(m);
                let unread = m.new && !state.read.contains(&key);
                let item = egui::Frame::group(ui.style()).show(ui, |ui| {
                    a11y::list_item(ui);
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        if unread {
                            ui.label(egui::RichText::new("NIEUW").strong().color(theme::warn(ui)));
                        }
                        ui.label(egui::RichText::new(&m.title).strong());
                    });
                    let from = if m.from.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", m.from)
                    };
                    ui.small(format!("{}{from} · {}", m.kind, m.at));
                    ui.label(&m.text);
                });
                // Pointed at: read.
                if unread && ui.rect_contains_pointer(item.response.rect) {
                    state.read.insert(key);
                }
            }
        });
}

fn actions_ui(ui: &mut egui::Ui, view: &CaseView, state: &mut CaseUiState) -> Option<CaseAction> {
    let mut action = None;
    ui.heading("Acties");
    if view.ended.is_some() {
        ui.label("De casus is afgelopen.");
        return None;
    }
    egui::ScrollArea::vertical()
        .id_salt("actions")
        .show(ui, |ui| {
            if ui
                .add_enabled(
                    view.can_advance,
                    egui::Button::new("Dagdeel afsluiten (Ctrl+Enter)"),
                )
                .clicked()
            {
                action = Some(CaseAction::Act(Act::Advance));
            }
            for (kind, label) in [
                (ShareKind::All, "Informatie delen… (Ctrl+D)"),
                (ShareKind::Report, "Melden… (Ctrl+M)"),
                (ShareKind::Meeting, "Inbrengen in casusoverleg… (Ctrl+O)"),
            ] {
                let open = state.share_open && state.share_kind == kind;
                if ui.add(egui::Button::new(label).selected(open)).clicked() {
                    open_share(state, kind);
                }
            }
            if !view.consults.is_empty() {
                ui.add_space(6.0);
                ui.strong("Raadplegen (anoniem)");
                for (id, name) in &view.consults {
                    if ui.button(format!("Raadpleeg {name}")).clicked() {
                        action = Some(CaseAction::Act(Act::Consult { with: id.clone() }));
                    }
                }
            }
            if !view.talks.is_empty() {
                ui.add_space(6.0);
                ui.strong("Gesprekken");
                for (id, label) in &view.talks {
                    if ui.button(label).clicked() {
                        action = Some(CaseAction::Act(Act::Talk { talk: id.clone() }));
                    }
                }
            }
            if !view.consents.is_empty() || !view.asked.is_empty() {
                ui.add_space(6.0);
                ui.strong("Toestemming");
                // Also after a refusal, once the request may be asked
                // again: the trainee asks, a talk never does it for them.
                for (id, text) in &view.consents {
                    if ui
                        .add(egui::Button::new(format!("Toestemming vragen: {text}")).wrap())
                        .on_hover_text("Informeer de betrokkene(n) en vraag toestemming")
                        .clicked()
                    {
                        action = Some(CaseAction::Act(Act::AskConsent {
                            request: id.clone(),
                        }));
                    }
                }
                // What was asked, and who answered what.
                for line in &view.asked {
                    ui.small(line);
                }
            }
            if !view.convene.is_empty() {
                ui.add_space(6.0);
                ui.strong("Overleg aanvragen");
                for (id, name) in &view.convene {
                    if ui.button(format!("{name} bijeenroepen")).clicked() {
                        action = Some(CaseAction::Act(Act::Convene {
                            channel: id.clone(),
                        }));
                    }
                }
            }
            ui.add_space(8.0);
            ui.strong("Wat er gebeurde");
            ui.scope(|ui| {
                a11y::list(ui, "Wat er gebeurde");
                for line in &view.feed {
                    ui.scope(|ui| {
                        a11y::list_item(ui);
                        ui.small(line);
                    });
                }
            });
        });
    action
}

/// Opens the share dialog for `kind`, or closes it if it is open for it.
fn open_share(state: &mut CaseUiState, kind: ShareKind) {
    if state.share_open && state.share_kind == kind {
        state.share_open = false;
        return;
    }
    if state.share_kind != kind {
        // Another kind of channel: the channel chosen so far may not fit.
        state.share.channel = None;
        state.share.to.clear();
    }
    state.share_open = true;
    state.share_kind = kind;
}

/// What the trainee did in the share dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareOutcome {
    /// Every choice made and "Delen" pressed.
    Share(Act),
    /// "Sluiten": close the dialog (the choices so far are kept).
    Close,
}

/// The share dialog as a modal window with the room a four-step form
/// needs: the facts on the left, channel, recipients and ground on the
/// right. Returns the share when the trainee confirms.
/// The share dialog's heading, hint line and buttons, in points.
const SHARE_CHROME: f32 = 110.0;

fn share_window(ctx: &egui::Context, view: &CaseView, state: &mut CaseUiState) -> Option<Act> {
    let screen = ctx.content_rect();
    let width = (screen.width() - 80.0).clamp(300.0, 1100.0);
    // Room for the heading, the buttons and the modal's margins.
    let height = (screen.height() - 190.0).max(160.0);
    let kind = state.share_kind;
    let modal = egui::Modal::new(egui::Id::new("share-dialog")).show(ctx, |ui| {
        ui.set_width(width);
        // The same height whatever is chosen: the modal centres itself on
        // its size, so a dialog that grew with a click moved under the
        // pointer.
        ui.set_min_height(height + SHARE_CHROME);
        share_form(ui, view, &mut state.share, kind, height)
    });
    match modal.inner {
        Some(ShareOutcome::Share(act)) => {
            state.share = ShareDraft::default();
            state.share_open = false;
            Some(act)
        }
        Some(ShareOutcome::Close) => {
            state.share_open = false;
            None
        }
        None => {
            if modal.should_close() {
                state.share_open = false;
            }
            None
        }
    }
}

/// The share dialog: facts, channel, recipients, ground. Returns the share
/// when the trainee confirms. `kind` limits the channels offered.
pub fn share_ui(
    ui: &mut egui::Ui,
    view: &CaseView,
    draft: &mut ShareDraft,
    kind: ShareKind,
) -> Option<Act> {
    let height = ui.available_height();
    match share_form(ui, view, draft, kind, height) {
        Some(ShareOutcome::Share(act)) => Some(act),
        _ => None,
    }
}

/// The form itself; each column scrolls when it is taller than `height`.
pub fn share_form(
    ui: &mut egui::Ui,
    view: &CaseView,
    draft: &mut ShareDraft,
    kind: ShareKind,
    height: f32,
) -> Option<ShareOutcome> {
    let mut result = None;
    ui.heading(kind.title());
    ui.columns(2, |cols| {
        cols[0].strong("1. Welke gegevens?");
        egui::ScrollArea::vertical()
            .id_salt("share-facts")
            .max_height(height)
            .auto_shrink([false, true])
            .show(&mut cols[0], |ui| {
                for f in &view.dossier {
                    let mut on = draft.facts.contains(&f.id);
                    if ui.checkbox(&mut on, &f.text).changed() {
                        if on {
                            draft.facts.insert(f.id.clone());
                        } else {
                            draft.facts.remove(&f.id);
                        }
                    }
                }
            });
        egui::ScrollArea::vertical()
            .id_salt("share-how")
            .max_height(height)
            .auto_shrink([false, true])
            .show(&mut cols[1], |ui| share_how(ui, view, draft, kind));
    });
    ui.separator();
    let act = draft.act(view);
    // Always one line here, so the buttons do not jump.
    if act.is_none() {
        ui.small("Kies gegevens, een kanaal, een ontvanger en een grondslag.");
    } else {
        ui.small(format!("Klaar: kies {}.", kind.verb()));
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(act.is_some(), egui::Button::new(kind.verb()))
            .clicked()
            && let Some(act) = &act
        {
            result = Some(ShareOutcome::Share(act.clone()));
        }
        if ui.button("Leegmaken").clicked() {
            *draft = ShareDraft::default();
        }
        if ui.button("Sluiten").clicked() {
            result = Some(ShareOutcome::Close);
        }
    });
    result
}

/// Steps 2 to 4: channel, recipients, ground.
fn share_how(ui: &mut egui::Ui, view: &CaseView, draft: &mut ShareDraft, kind: ShareKind) {
    ui.strong("2. Via welk kanaal?");
    for c in view.channels.iter().filter(|c| kind.offers(c)) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .radio_value(&mut draft.channel, Some(c.id.clone()), &c.name)
                .on_hover_text(&c.description)
                .changed()
            {
                draft.to.clear();
            }
            // When a meeting sits: sharing into it is refused otherwise.
            if let Some(when) = &c.sitting {
                if c.in_session {
                    ui.small(when);
                } else {
                    ui.colored_label(theme::bad(ui), egui::RichText::new(when).small());
                }
            }
        });
    }
    ui.add_space(6.0);
    match view
        .channels
        .iter()
        .find(|c| Some(&c.id) == draft.channel.as_ref())
    {
        Some(channel) if channel.meeting => {
            ui.strong("3. Wie hoort het?");
            ui.label(format!(
                "Iedereen in het overleg: {}.",
                channel
                    .recipients
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Some(channel) => {
            ui.strong("3. Aan wie?");
            for (id, name) in &channel.recipients {
                let mut on = draft.to.contains(id);
                if ui.checkbox(&mut on, name).changed() {
                    if on {
                        draft.to.insert(id.clone());
                    } else {
                        draft.to.remove(id);
                    }
                }
            }
        }
        None => {
            ui.strong("3. Aan wie?");
            ui.small("Kies eerst een kanaal.");
        }
    }
    ui.add_space(6.0);
    ui.strong("4. Op welke grondslag?");
    for g in &view.grounds {
        ui.radio_value(&mut draft.ground, Some(g.id.clone()), &g.name)
            .on_hover_text(&g.reference);
    }
}
