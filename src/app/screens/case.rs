//! The case screen of the seat that has the screen: its dossier, inbox,
//! decisions and share dialog, drawn from its projection, with its
//! ketenkaart behind egui. On a training day "Dagdeel afsluiten" means
//! "this seat is ready" and hands the screen on through the privacy
//! screen.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::root;
use crate::app::flow::{HandTo, HandleIntents, Intent, Screen, intents_on, next_seat};
use crate::app::ketenkaart::KaartArea;
use crate::app::projection::Projection;
use crate::app::state::{Debriefs, Library, Look, Playing, StartScreen};
use crate::core::engine::Command;
use crate::core::eval::evaluate;
use crate::core::scenario::model::Act;
use crate::ui::views::case::{CaseAction, case_ui};
use crate::ui::views::debrief::DebriefUiState;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<QuitAsked>()
        .add_systems(OnEnter(Screen::Case), |mut q: ResMut<QuitAsked>| {
            q.0 = false
        })
        .add_systems(EguiPrimaryContextPass, draw.run_if(in_state(Screen::Case)))
        .add_systems(Update, handle.in_set(HandleIntents));
}

/// The trainee asked to stop the case: the screen asks to confirm.
#[derive(Resource, Debug, Default)]
pub struct QuitAsked(pub bool);

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn draw(
    mut contexts: EguiContexts,
    mut look: ResMut<Look>,
    mut playing: ResMut<Playing>,
    shown: Res<Projection>,
    mut quit: ResMut<QuitAsked>,
    mut intents: MessageWriter<Intent>,
    mut kaart_area: ResMut<KaartArea>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = root(&ctx, &mut look);
    let Some(play) = playing.0.as_mut() else {
        intents.write(Intent::Quit);
        return Ok(());
    };
    // The seat's projection, formatted once per change (`flow::sync_local`).
    let Some(view) = shown.case.as_ref() else {
        return Ok(());
    };
    // No central panel: the area the case screen leaves free shows the
    // ketenkaart scene behind egui.
    play.ui.notice = play.refused.clone();
    play.ui.save_error = play.link.save_error().map(str::to_string);
    let (action, kaart) = case_ui(&mut ui, view, &mut play.ui);
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
        Some(CaseAction::Quit) => quit.0 = true,
        Some(CaseAction::Debrief) => {
            intents.write(Intent::Debrief);
        }
        None => {}
    }
    if quit.0 {
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
                quit.0 = false;
                intents.write(Intent::Quit);
            }
            Some(false) => quit.0 = false,
            None if modal.should_close() => quit.0 = false,
            None => {}
        }
    }
    Ok(())
}

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn handle(
    mut intents: MessageReader<Intent>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Res<Library>,
    mut playing: ResMut<Playing>,
    mut debriefs: ResMut<Debriefs>,
    mut start: ResMut<StartScreen>,
) {
    for intent in intents_on(&mut intents, &screen, Screen::Case) {
        match intent {
            Intent::Act(act) => {
                let Some(play) = playing.0.as_mut() else {
                    continue;
                };
                let advance = act == Act::Advance;
                if !play.submit(&play.seat(), &Command::Act(act)) || !advance {
                    continue;
                }
                // A training day: this seat ends its day-part; the next
                // seat (or, when the clock moved, the first) takes over
                // through the privacy screen.
                if play.day.is_some() {
                    let seat = next_seat(play.session());
                    if let Some(day) = play.day.as_mut() {
                        day.hand_to = HandTo::Seat(seat);
                    }
                    if !play.session().state().ended() {
                        next.set(Screen::Handover);
                    }
                }
            }
            Intent::Quit => {
                // An author's playtest goes back to the editor.
                let playtest = playing.0.as_ref().is_some_and(|p| p.playtest);
                playing.0 = None;
                start.saved = None;
                next.set(if playtest {
                    Screen::Editor
                } else {
                    Screen::Start
                });
            }
            Intent::Debrief => {
                let Some(play) = playing.0.as_ref() else {
                    continue;
                };
                // A training day opens the group debrief; if it cannot be
                // built (or for self-study), the role's own debrief.
                if play.day.is_some() && debriefs.open_group(&library, &playing) {
                    next.set(Screen::GroupDebrief);
                    continue;
                }
                if let Ok(d) = evaluate(play.session().scenario().clone(), play.session().log()) {
                    let state = DebriefUiState::new(&d);
                    debriefs.own = Some((d, state));
                    next.set(Screen::Debrief);
                }
            }
            _ => {}
        }
    }
}
