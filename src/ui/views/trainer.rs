//! The trainer console: the whole case at a glance and the trainer's
//! controls — pause and resume, end the day-part for everyone, release an
//! optional inject, look at a seat's screen (read-only), write an
//! observation, judge an expectation by hand.

use super::a11y;
use super::case::KAART_MIN;
use super::egui;
use super::theme;
use crate::core::scenario::model::Competency;
use crate::ui::model::CaseView;
use crate::ui::trainer::TrainerView;

#[derive(Debug, Clone, PartialEq)]
pub enum TrainerAction {
    Pause,
    Resume,
    EndDayPart,
    Release(String),
    Observe {
        text: String,
        role: Option<String>,
        competency: Option<Competency>,
    },
    Mark {
        expectation: String,
        met: bool,
    },
    /// Look at a seat's screen, read-only.
    ViewSeat(String),
    /// Hand a seat that does not come back to its role's script.
    Script(String),
    /// Back to the seats (through the privacy screen).
    Back,
    /// The case has ended: the group debrief.
    Debrief,
}

impl TrainerAction {
    /// The session command this action is (the others steer the app).
    pub fn command(&self) -> Option<crate::core::engine::Command> {
        use crate::core::engine::Command;
        Some(match self.clone() {
            TrainerAction::Pause => Command::Pause,
            TrainerAction::Resume => Command::Resume,
            TrainerAction::EndDayPart => Command::EndPartForAll,
            TrainerAction::Release(inject) => Command::Release { inject },
            TrainerAction::Observe {
                text,
                role,
                competency,
            } => Command::Observe {
                text,
                role,
                competency,
            },
            TrainerAction::Mark { expectation, met } => Command::Mark { expectation, met },
            TrainerAction::Script(role) => Command::Script { role },
            TrainerAction::ViewSeat(_) | TrainerAction::Back | TrainerAction::Debrief => {
                return None;
            }
        })
    }
}

/// The console's state between frames.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrainerUiState {
    /// The seat the trainer is about to hand to its script (asked to
    /// confirm).
    pub confirm_script: Option<String>,
    /// The confirmation just opened: scroll it into view once.
    pub scroll_to_confirm: bool,
    pub observation: String,
    pub role: Option<String>,
    pub competency: Option<Competency>,
}

/// The console. `seat_view` is the screen of the seat the trainer chose to
/// look at, if any (shown read-only beside the console). Returns the
/// trainer's command and the free rectangle where the app draws the whole
/// ketenkaart, when there is room for it.
pub fn trainer_ui(
    ui: &mut egui::Ui,
    view: &TrainerView,
    state: &mut TrainerUiState,
    seat_view: Option<&CaseView>,
) -> (Option<TrainerAction>, Option<egui::Rect>) {
    let mut action = None;
    egui::Panel::top("trainer-top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Trainersconsole").strong().size(18.0));
            ui.separator();
            ui.label(egui::RichText::new(&view.clock).strong().size(18.0));
            ui.separator();
            ui.label(&view.title);
            ui.separator();
            if view.ended.is_none() {
                if view.paused {
                    ui.colored_label(theme::warn(ui), egui::RichText::new("GEPAUZEERD").strong());
                    if ui.button("Hervatten").clicked() {
                        action = Some(TrainerAction::Resume);
                    }
                } else if ui.button("Pauzeren").clicked() {
                    action = Some(TrainerAction::Pause);
                }
                if ui
                    .add_enabled(
                        !view.paused,
                        egui::Button::new("Dagdeel afsluiten voor iedereen"),
                    )
                    .clicked()
                {
                    action = Some(TrainerAction::EndDayPart);
                }
            } else if view.on_host {
                ui.label(
                    "Groepsnabespreking: ketensim report <journaal> --format group (op de host)",
                );
            } else if ui.button("Naar de groepsnabespreking").clicked() {
                action = Some(TrainerAction::Debrief);
            }
            if !view.on_host && ui.button("Terug naar de deelnemers").clicked() {
                action = Some(TrainerAction::Back);
            }
        });
        if let Some(title) = &view.ended {
            ui.label(
                egui::RichText::new(format!("De casus is afgelopen: {title}"))
                    .strong()
                    .size(16.0),
            );
        }
    });
    let width = ui.available_width();
    egui::Panel::right("trainer-controls")
        .resizable(true)
        .default_size((width * 0.34).max(300.0))
        .show(ui, |ui| {
            // Keep the column's width whatever its content takes.
            ui.set_min_width(ui.available_width());
            egui::ScrollArea::vertical()
                .id_salt("trainer-controls")
                .show(ui, |ui| {
                    if let Some(a) = controls_ui(ui, view, state) {
                        action = Some(a);
                    }
                });
        });
    if let Some(seat) = seat_view {
        egui::Panel::left("trainer-seat")
            .resizable(true)
            .default_size((width * 0.3).max(280.0))
            .show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                ui.heading(format!("Scherm van {}", seat.role_name));
                ui.small("Alleen-lezen: wat deze rol nu ziet.");
                egui::ScrollArea::vertical()
                    .id_salt("trainer-seat")
                    .show(ui, |ui| seat_ui(ui, seat));
            });
    }
    // No fill in the middle: the whole ketenkaart is drawn behind egui in
    // the space left above the lists.
    let mut kaart = None;
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE.inner_margin(8))
        .show(ui, |ui| {
            let free = ui.available_rect_before_wrap();
            let height = (free.height() * 0.6).max(KAART_MIN.y);
            if free.width() >= KAART_MIN.x && free.height() >= height + 150.0 {
                ui.label(egui::RichText::new("Ketenkaart (de hele casus)").strong());
                ui.small("Wat elke organisatie heeft en elke stroom; deelnemers donker.");
                let top = ui.cursor().min.y;
                let rect = egui::Rect::from_min_size(
                    egui::pos2(free.min.x, top),
                    egui::vec2(free.width(), height),
                );
                ui.allocate_rect(rect, egui::Sense::hover());
                kaart = Some(rect);
                ui.separator();
            }
            egui::ScrollArea::vertical()
                .id_salt("trainer-case")
                .show(ui, |ui| {
                    if let Some(a) = case_ui(ui, view, state) {
                        action = Some(a);
                    }
                });
        });
    (action, kaart)
}

/// Seats, information positions, signals, flows.
fn case_ui(
    ui: &mut egui::Ui,
    view: &TrainerView,
    state: &mut TrainerUiState,
) -> Option<TrainerAction> {
    let mut action = None;
    ui.heading("Deelnemers");
    for s in &view.seats {
        ui.horizontal_wrapped(|ui| {
            let who = s
                .person
                .as_ref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            ui.strong(format!("{} — {}{who}", s.organisation, s.role_name));
            ui.label(format!(
                "{}, {} gemarkeerd",
                crate::core::words::count(s.facts, "gegeven", "gegevens"),
                s.flags
            ));
            if s.scripted {
                ui.colored_label(theme::warn(ui), "gespeeld door het script");
            } else if s.ready {
                ui.colored_label(theme::good(ui), "dagdeel afgesloten");
            } else {
                ui.colored_label(theme::warn(ui), "bezig");
            }
            let look = ui.small_button("Scherm bekijken");
            a11y::name(&look, format!("Scherm bekijken: {}", s.role_name));
            if look.clicked() {
                action = Some(TrainerAction::ViewSeat(s.role.clone()));
            }
            if !s.scripted && view.ended.is_none() && state.confirm_script.is_none() {
                let b = ui
                    .small_button("Door het script laten spelen…")
                    .on_hover_text("Voor een tafel die niet terugkomt: het script van de rol neemt het over voor de rest van de casus.");
                a11y::name(&b, format!("Door het script laten spelen: {}", s.role_name));
                if b.clicked() {
                    state.confirm_script = Some(s.role.clone());
                    state.scroll_to_confirm = true;
                }
            }
        });
        if state.confirm_script.as_deref() == Some(s.role.as_str()) {
            let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!(
                    "De plaats van {} ({}) wordt voor de rest van de casus door het script van de rol gespeeld; wie daar aanschuift, kan alleen nog meekijken. Dit kan niet worden teruggedraaid.",
                    s.organisation, s.role_name
                ));
                ui.horizontal(|ui| {
                    if ui.button("Ja, het script neemt het over").clicked() {
                        action = Some(TrainerAction::Script(s.role.clone()));
                        state.confirm_script = None;
                    }
                    if ui.button("Annuleren").clicked() {
                        state.confirm_script = None;
                    }
                });
            });
            if std::mem::take(&mut state.scroll_to_confirm) {
                frame.response.scroll_to_me(None);
            }
        }
    }
    ui.add_space(8.0);
    ui.heading("Signalen in de keten");
    ui.small("Wie elk signaal heeft en wie het markeerde — alleen voor de trainer.");
    for (text, holders, flagged) in &view.signals {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(text);
            let held = if holders.is_empty() {
                "nog bij niemand".to_string()
            } else {
                format!("bij {}", holders.join(", "))
            };
            if flagged.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.small(held);
                    ui.colored_label(
                        theme::warn(ui),
                        egui::RichText::new("niet gemarkeerd").small(),
                    );
                });
            } else {
                ui.small(format!("{held} · gemarkeerd door {}", flagged.join(", ")));
            }
        });
    }
    ui.add_space(8.0);
    ui.heading("Informatiestromen");
    if view.flows.is_empty() {
        ui.small("Er is nog niets gedeeld.");
    }
    for (i, f) in view.flows.iter().enumerate() {
        // Each verdict its own colour, the wrong ground apart from
        // lawful, more than needed and unlawful.
        match view.flow_verdicts.get(i) {
            Some(v) if !v.is_empty() => {
                ui.label(egui::RichText::new(f).color(theme::verdict(ui, v)));
            }
            _ => {
                ui.label(f);
            }
        }
    }
    ui.add_space(8.0);
    ui.heading("Informatiepositie per organisatie");
    for p in &view.positions {
        let title = format!(
            "{}{} — {} gegevens",
            p.role_name,
            if p.played { " (gespeeld)" } else { "" },
            p.facts.len()
        );
        egui::CollapsingHeader::new(title)
            .id_salt(("positie", &p.role_name))
            .show(ui, |ui| {
                for (text, signal, flagged) in &p.facts {
                    let mark = match (signal, flagged) {
                        (true, true) => "signaal, gemarkeerd",
                        (true, false) => "signaal",
                        (false, true) => "gemarkeerd (geen signaal)",
                        (false, false) => "",
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(text);
                        if !mark.is_empty() {
                            ui.small(mark);
                        }
                    });
                }
            });
    }
    action
}

/// Injects, decisions, observations, manual expectations.
fn controls_ui(
    ui: &mut egui::Ui,
    view: &TrainerView,
    state: &mut TrainerUiState,
) -> Option<TrainerAction> {
    let mut action = None;
    ui.heading("Observaties");
    let text = ui.add(
        egui::TextEdit::multiline(&mut state.observation)
            .hint_text("Wat ziet u? (wordt bewaard bij dit moment)")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    a11y::name(&text, "Observatie");
    ui.horizontal_wrapped(|ui| {
        let role = state
            .role
            .as_ref()
            .and_then(|r| view.roles.iter().find(|(id, _)| id == r))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| "de groep".to_string());
        let about = egui::ComboBox::from_id_salt("obs-role")
            .selected_text(&role)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.role, None, "de groep");
                for (id, name) in &view.roles {
                    ui.selectable_value(&mut state.role, Some(id.clone()), name);
                }
            });
        a11y::name(&about.response, format!("Observatie over: {role}"));
        let comp = state
            .competency
            .as_ref()
            .map(|k| k.label().to_string())
            .unwrap_or_else(|| "geen competentie".to_string());
        let on = egui::ComboBox::from_id_salt("obs-competency")
            .selected_text(&comp)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.competency, None, "geen competentie");
                for k in &view.competencies {
                    ui.selectable_value(&mut state.competency, Some(k.clone()), k.label());
                }
            });
        a11y::name(&on.response, format!("Competentie: {comp}"));
    });
    if ui
        .add_enabled(
            !state.observation.trim().is_empty(),
            egui::Button::new("Observatie vastleggen"),
        )
        .clicked()
    {
        action = Some(TrainerAction::Observe {
            text: state.observation.trim().to_string(),
            role: state.role.clone(),
            competency: state.competency.clone(),
        });
        state.observation.clear();
    }
    for (moment, text) in view.observations.iter().rev() {
        ui.small(format!("{moment}: {text}"));
    }
    ui.add_space(8.0);
    ui.heading("Berichten voor de trainer");
    if view.optional.is_empty() {
        ui.small("Deze casus heeft geen berichten die de trainer kan inzetten.");
    }
    for o in &view.optional {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(format!("{} (aan {})", o.title, o.to));
            if !o.note.is_empty() {
                let note = egui::CollapsingHeader::new("Wanneer en waarom")
                    .id_salt(("note", &o.id))
                    .default_open(o.released.is_none() && o.releasable)
                    .show(ui, |ui| {
                        ui.small(&o.note);
                    });
                a11y::name(
                    &note.header_response,
                    format!("Wanneer en waarom: {}", o.title),
                );
            }
            match &o.released {
                Some(when) => {
                    ui.colored_label(theme::good(ui), format!("Ingezet: {when}"));
                }
                None => {
                    let button = ui.add_enabled(o.releasable, egui::Button::new("Nu inzetten"));
                    a11y::name(&button, format!("Nu inzetten: {}", o.title));
                    if button.clicked() {
                        action = Some(TrainerAction::Release(o.id.clone()));
                    }
                    if !o.releasable {
                        ui.small("Kan nu nog niet (tijdstip of situatie).");
                    }
                }
            }
        });
    }
    ui.add_space(8.0);
    ui.heading("Open beslissingen");
    if view.decisions.is_empty() {
        ui.small("Geen.");
    }
    for (role, prompt, deadline) in &view.decisions {
        ui.label(format!("{role}: {prompt}"));
        if let Some(d) = deadline {
            ui.small(d);
        }
    }
    ui.add_space(8.0);
    ui.heading("Wat nog komt");
    if view.upcoming.is_empty() {
        ui.small("Geen geplande berichten meer.");
    }
    for (when, title, to) in &view.upcoming {
        ui.small(format!("{when}: {title} (aan {to})"));
    }
    if !view.manual.is_empty() {
        ui.add_space(8.0);
        ui.heading("Zelf beoordelen");
        for m in &view.manual {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(format!("{}: {}", m.role_name, m.text));
                ui.horizontal(|ui| {
                    let about = crate::core::words::shorten(&m.text, 60);
                    let done = ui.add(egui::Button::new("Gedaan").selected(m.mark == Some(true)));
                    a11y::name(&done, format!("Gedaan: {about}"));
                    if done.clicked() {
                        action = Some(TrainerAction::Mark {
                            expectation: m.id.clone(),
                            met: true,
                        });
                    }
                    let not =
                        ui.add(egui::Button::new("Niet gedaan").selected(m.mark == Some(false)));
                    a11y::name(&not, format!("Niet gedaan: {about}"));
                    if not.clicked() {
                        action = Some(TrainerAction::Mark {
                            expectation: m.id.clone(),
                            met: false,
                        });
                    }
                });
            });
        }
    }
    action
}

/// A seat's screen, read-only: dossier, decisions, inbox.
fn seat_ui(ui: &mut egui::Ui, seat: &CaseView) {
    ui.strong(format!("Dossier ({})", seat.dossier.len()));
    for f in &seat.dossier {
        ui.label(&f.text);
        let flag = f
            .flagged
            .as_ref()
            .map(|form| format!(" · gemarkeerd: {form}"))
            .unwrap_or_default();
        ui.small(format!("{} · {}{flag}", f.learned, f.via));
    }
    ui.add_space(6.0);
    ui.strong("Beslissingen");
    for d in &seat.decisions {
        ui.label(&d.prompt);
        for (_, text) in &d.options {
            ui.small(format!("• {text}"));
        }
    }
    ui.add_space(6.0);
    ui.strong("Postvak");
    for m in &seat.inbox {
        ui.label(&m.title);
        ui.small(&m.text);
    }
}
