//! The screens: thin systems that build the view model, call the egui view
//! function and send the trainee's choice as an `Intent`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::flow::{AppData, HandTo, Intent, Screen};
use super::projection::Projection;
use crate::ui::model::LibraryCard;
use crate::ui::trainer::HandoverView;
use crate::ui::views::briefing::{BriefingAction, briefing_ui};
use crate::ui::views::case::{CaseAction, case_ui};
use crate::ui::views::debrief::{DebriefAction, debrief_ui};
use crate::ui::views::group::{GroupAction, group_debrief_ui};
use crate::ui::views::setup::{SetupAction, setup_ui};
use crate::ui::views::start::{StartAction, start_ui};
use crate::ui::views::theme;
use crate::ui::views::trainer::trainer_ui;
use crate::ui::views::turns::{HandoverAction, handover_ui};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (
            start_screen.run_if(in_state(Screen::Start)),
            setup_screen.run_if(in_state(Screen::Setup)),
            briefing_screen.run_if(in_state(Screen::Briefing)),
            case_screen.run_if(in_state(Screen::Case)),
            debrief_screen.run_if(in_state(Screen::Debrief)),
            handover_screen.run_if(in_state(Screen::Handover)),
            trainer_screen.run_if(in_state(Screen::Trainer)),
            group_screen.run_if(in_state(Screen::GroupDebrief)),
        ),
    );
}

/// A `Ui` covering the window (egui 0.36 panels are shown inside a Ui),
/// with the settings bar on top. Applies changed settings.
pub(super) fn root(ctx: &egui::Context, data: &mut AppData) -> egui::Ui {
    if !data.theme_applied {
        theme::apply(ctx, &data.settings);
        data.theme_applied = true;
    }
    let mut ui = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::bottom("settings").show(&mut ui, |ui| {
        if theme::settings_ui(ui, &mut data.settings) {
            theme::apply(ui.ctx(), &data.settings);
        }
    });
    ui
}

fn start_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let cards: Vec<LibraryCard> = data.library.iter().map(|e| e.card.clone()).collect();
    if data.saved.is_none() && data.library_ready {
        data.refresh_saved();
    }
    if let Some(message) = data.start_message.clone() {
        egui::Panel::top("start-message").show(&mut ui, |ui| {
            ui.colored_label(theme::bad(ui), egui::RichText::new(message).strong());
        });
    }
    let mut state = std::mem::take(&mut data.start_ui);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        match start_ui(
            ui,
            &cards,
            &data.saved_cards,
            !data.library_ready,
            &mut state,
        ) {
            Some(StartAction::Open(i)) => {
                intents.write(Intent::Open(i));
            }
            Some(StartAction::Resume(i)) => {
                intents.write(Intent::Resume(i));
            }
            Some(StartAction::Join) => {
                intents.write(Intent::Join);
            }
            Some(StartAction::Quit) | None => {}
        }
    });
    data.start_ui = state;
    Ok(())
}

fn setup_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let Some(LibraryCard::Scenario(card)) = data
        .chosen
        .and_then(|i| data.library.get(i))
        .map(|e| e.card.clone())
    else {
        intents.write(Intent::Back);
        return Ok(());
    };
    let mut setup = data.setup.clone();
    egui::CentralPanel::default().show(&mut ui, |ui| match setup_ui(ui, &card, &mut setup) {
        Some(SetupAction::Back) => {
            intents.write(Intent::Back);
        }
        Some(SetupAction::Start {
            role,
            trainee,
            seed,
            hints,
        }) => {
            intents.write(Intent::Setup {
                role,
                trainee,
                seed,
                hints,
            });
        }
        Some(SetupAction::StartDay {
            seats,
            trainer,
            seed,
            hints,
        }) => {
            intents.write(Intent::SetupDay {
                seats,
                trainer,
                seed,
                hints,
            });
        }
        None => {}
    });
    data.setup = setup;
    Ok(())
}

fn briefing_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    shown: Res<Projection>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    if data.play.is_none() {
        intents.write(Intent::Back);
        return Ok(());
    }
    // The seat's briefing from its projection (`flow::sync_local`).
    let Some(view) = shown.briefing.as_ref() else {
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| match briefing_ui(ui, view) {
        Some(BriefingAction::Back) => {
            intents.write(Intent::Back);
        }
        Some(BriefingAction::Begin) => {
            intents.write(Intent::Begin);
        }
        None => {}
    });
    Ok(())
}

fn case_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    shown: Res<Projection>,
    mut intents: MessageWriter<Intent>,
    mut kaart_area: ResMut<super::ketenkaart::KaartArea>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let confirm = data.confirm_quit;
    let Some(play) = data.play.as_mut() else {
        intents.write(Intent::Quit);
        return Ok(());
    };
    // The seat's projection, formatted once per change (`flow::sync_local`).
    let Some(view) = shown.case.as_ref() else {
        return Ok(());
    };
    let mut quit_asked = false;
    // No central panel: the area the case screen leaves free shows the
    // ketenkaart scene behind egui.
    {
        let ui = &mut ui;
        play.ui.notice = play.refused.clone();
        play.ui.save_error = play.link.save_error().map(str::to_string);
        let (action, kaart) = case_ui(ui, view, &mut play.ui);
        // egui points to window pixels (the text-size setting zooms).
        let kaart = kaart.map(|r| r * ctx.zoom_factor());
        if kaart_area.0 != kaart {
            kaart_area.0 = kaart;
            // The scene follows in the next frame; ask for it.
            redraw.write(bevy::window::RequestRedraw);
        }
        match action {
            Some(CaseAction::Act(act)) => {
                intents.write(Intent::Act(act));
            }
            Some(CaseAction::Quit) => quit_asked = true,
            Some(CaseAction::Debrief) => {
                intents.write(Intent::Debrief);
            }
            None => {}
        }
    }
    if quit_asked {
        data.confirm_quit = true;
    }
    if confirm {
        let modal = egui::Modal::new(egui::Id::new("confirm-quit")).show(&ctx, |ui| {
            ui.heading("Casus stoppen?");
            ui.label("Uw acties tot nu toe zijn bewaard in de sessiemap, maar de casus wordt niet afgemaakt en er komt geen nabespreking.");
            let mut choice = None;
            ui.horizontal(|ui| {
                if ui.button("Doorgaan met de casus").clicked() {
                    choice = Some(false);
                }
                if ui.button("Stoppen").clicked() {
                    choice = Some(true);
                }
            });
            choice
        });
        match modal.inner {
            Some(true) => {
                intents.write(Intent::Quit);
            }
            Some(false) => data.confirm_quit = false,
            None if modal.should_close() => data.confirm_quit = false,
            None => {}
        }
    }
    Ok(())
}

fn debrief_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let Some((debrief, state)) = data.debrief.as_ref() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| {
        let intent = match debrief_ui(ui, debrief, state) {
            Some(DebriefAction::ExportHtml) => Some(Intent::ExportHtml),
            Some(DebriefAction::ExportJson) => Some(Intent::ExportJson),
            Some(DebriefAction::Replay) => Some(Intent::Replay),
            Some(DebriefAction::ToStart) => Some(Intent::ToStart),
            None => None,
        };
        if let Some(i) = intent {
            intents.write(i);
        }
    });
    Ok(())
}

/// The privacy screen between two seats of a training day: only the name
/// of who comes next.
fn handover_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let Some(play) = data.play.as_ref() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    let view = match play.day.as_ref().map(|d| &d.hand_to) {
        Some(HandTo::Trainer) => HandoverView::to_trainer(play.session()),
        Some(HandTo::Seat(role)) => HandoverView::to_seat(play.session(), role),
        None => HandoverView::to_seat(play.session(), &play.role_id),
    };
    egui::CentralPanel::default().show(&mut ui, |ui| match handover_ui(ui, &view) {
        Some(HandoverAction::Continue) => {
            intents.write(Intent::HandOver);
        }
        Some(HandoverAction::Trainer) => {
            intents.write(Intent::ToTrainer);
        }
        None => {}
    });
    Ok(())
}

/// The trainer console (trainer mode only), with the whole ketenkaart.
fn trainer_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    shown: Res<Projection>,
    mut intents: MessageWriter<Intent>,
    mut kaart_area: ResMut<super::ketenkaart::KaartArea>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let Some(play) = data.play.as_mut() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    // The trainer's projection and the seat looked at, formatted once
    // per change (`flow::sync_local`).
    let Some(view) = shown.trainer.as_ref() else {
        return Ok(());
    };
    let refused = play.refused.clone();
    let Some(day) = play.day.as_mut() else {
        return Ok(());
    };
    let seat = shown.trainer_seat.as_ref().map(|(_, c)| c);
    if let Some(why) = refused {
        egui::Panel::top("trainer-refused").show(&mut ui, |ui| {
            ui.colored_label(theme::bad(ui), format!("Dat kan nu niet: {why}"));
        });
    }
    let (action, kaart) = trainer_ui(&mut ui, view, &mut day.trainer_ui, seat);
    if let Some(a) = action {
        intents.write(Intent::Trainer(a));
    }
    // egui points to window pixels (the text-size setting zooms).
    let kaart = kaart.map(|r| r * ctx.zoom_factor());
    if kaart_area.0 != kaart {
        kaart_area.0 = kaart;
        redraw.write(bevy::window::RequestRedraw);
    }
    Ok(())
}

/// The group debrief of a training day.
fn group_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut data);
    let Some((group, state)) = data.group.as_ref() else {
        intents.write(Intent::ToStart);
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut ui, |ui| {
        let intent = match group_debrief_ui(ui, group, state) {
            Some(GroupAction::ExportHtml) => Some(Intent::ExportGroupHtml),
            Some(GroupAction::ExportCsv) => Some(Intent::ExportGroupCsv),
            Some(GroupAction::ToStart) => Some(Intent::ToStart),
            None => None,
        };
        if let Some(i) = intent {
            intents.write(i);
        }
    });
    Ok(())
}
