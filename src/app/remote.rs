//! The screens of a laptop that joins a training day on a host
//! (`ketensim serve`): the join screen and the seat's (or the trainer's)
//! screen while connected. One plugin, its own resources and intents; the
//! session lives on the host, and this laptop holds only what the host
//! sends it (its projection): no scenario file is read.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::flow::{AppData, Screen};
use super::link::{LinkEvent, LinkRequest, RemoteLink};
use super::projection::Projection;
use crate::core::engine::Command;
use crate::core::protocol::normalise_code;
use crate::core::view::Viewer;
use crate::ui::views::briefing::{BriefingAction, briefing_ui};
use crate::ui::views::case::{CaseAction, CaseUiState, case_ui};
use crate::ui::views::join::{JoinAction, JoinUiState, JoinView, join_ui};
use crate::ui::views::theme;
use crate::ui::views::trainer::{TrainerAction, TrainerUiState, trainer_ui};

pub fn plugin(app: &mut App) {
    app.init_resource::<JoinForm>()
        .init_resource::<Seat>()
        .add_message::<RemoteIntent>()
        .add_systems(
            EguiPrimaryContextPass,
            (
                join_screen.run_if(in_state(Screen::Join)),
                remote_screen.run_if(in_state(Screen::Remote)),
            ),
        )
        .add_systems(
            Update,
            (poll_link.run_if(resource_exists::<Link>), apply_intents).chain(),
        );
}

/// The join screen's form and what the host answered.
#[derive(Resource, Debug, Default)]
pub struct JoinForm {
    pub ui: JoinUiState,
    pub view: JoinView,
}

/// The connection to the host (present while connecting or connected).
#[derive(Resource)]
pub struct Link(pub RemoteLink);

/// This laptop's screen state while connected (its projection is in
/// `app::projection::Projection`, filled from what the host sends).
#[derive(Resource, Debug, Default)]
pub struct Seat {
    pub ui: CaseUiState,
    pub trainer_ui: TrainerUiState,
    /// The briefing was read.
    pub briefed: bool,
    /// The connection is gone and being restored (a Dutch sentence).
    pub connection: Option<String>,
}

/// A scripted join (dev tools, `--join`): the seat to take once the host
/// answers, skipping the briefing.
#[derive(Resource, Debug, Default)]
pub struct JoinScript {
    pub role: Option<String>,
}

/// Fills in the join form, connects at the start and, with `role`, takes
/// that seat.
pub fn script(app: &mut App, address: String, code: String, role: Option<String>) {
    app.insert_resource(JoinForm {
        ui: JoinUiState {
            address,
            code,
            person: String::new(),
        },
        view: JoinView::default(),
    })
    .insert_resource(JoinScript { role })
    .add_systems(Startup, |mut w: MessageWriter<RemoteIntent>| {
        w.write(RemoteIntent::Connect);
    });
}

/// What the join and seat screens ask for.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum RemoteIntent {
    Connect,
    Take(Option<String>),
    Begin,
    Submit(Command),
    Leave,
}

fn poll_link(
    link: Res<Link>,
    script: Option<Res<JoinScript>>,
    mut form: ResMut<JoinForm>,
    mut seat: ResMut<Seat>,
    mut shown: ResMut<Projection>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    for event in link.0.poll() {
        match event {
            LinkEvent::Connected => seat.connection = None,
            LinkEvent::Welcome {
                title,
                trainer,
                seats,
            } => {
                form.view.busy = false;
                form.view.message = None;
                form.view.title = Some(title);
                form.view.trainer = trainer;
                form.view.seats = seats;
                if let Some(role) = script.as_ref().and_then(|s| s.role.clone()) {
                    // With the trainer's code: the trainer's place.
                    let role = (!form.view.trainer).then_some(role);
                    link.0.send(LinkRequest::Join {
                        code: normalise_code(&form.ui.code),
                        role,
                        person: None,
                    });
                    form.view.busy = true;
                }
            }
            LinkEvent::Joined { view, .. } => {
                form.view.busy = false;
                seat.connection = None;
                if view.viewer == Viewer::Trainer {
                    seat.briefed = true;
                }
                shown.set(*view, true);
                if script.as_ref().is_some_and(|s| s.role.is_some()) {
                    seat.briefed = true;
                }
                if *screen.get() != Screen::Remote {
                    next.set(Screen::Remote);
                }
            }
            LinkEvent::View(view) => shown.set(*view, true),
            LinkEvent::Accepted(_) => seat.ui.notice = None,
            LinkEvent::Refused { reason, .. } => {
                if *screen.get() == Screen::Join {
                    form.view.busy = false;
                    form.view.message = Some(reason);
                } else {
                    seat.ui.notice = Some(reason);
                }
            }
            LinkEvent::Lost(why) => {
                if *screen.get() == Screen::Join {
                    form.view.busy = false;
                    form.view.message = Some(why);
                } else {
                    seat.connection = Some(why);
                }
            }
        }
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn apply_intents(
    mut commands: Commands,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
    mut intents: MessageReader<RemoteIntent>,
    link: Option<Res<Link>>,
    mut form: ResMut<JoinForm>,
    mut seat: ResMut<Seat>,
    mut shown: ResMut<Projection>,
    mut next: ResMut<NextState<Screen>>,
) {
    for intent in intents.read() {
        match intent.clone() {
            RemoteIntent::Connect => {
                form.view = JoinView::default();
                // The link wakes the frame loop when the host sends
                // something (a desktop app otherwise sleeps until input).
                let wake: Box<dyn Fn() + Send> = match &proxy {
                    Some(p) => {
                        let p = (***p).clone();
                        Box::new(move || {
                            let _ = p.send_event(bevy::winit::WinitUserEvent::WakeUp);
                        })
                    }
                    None => Box::new(|| {}),
                };
                match RemoteLink::connect_waking(&form.ui.address, wake) {
                    Ok(l) => {
                        l.send(LinkRequest::Hello {
                            code: normalise_code(&form.ui.code),
                        });
                        form.view.busy = true;
                        commands.insert_resource(Link(l));
                    }
                    Err(e) => form.view.message = Some(e),
                }
            }
            RemoteIntent::Take(role) => {
                if let Some(l) = &link {
                    let person = form.ui.person.trim().to_string();
                    l.0.send(LinkRequest::Join {
                        code: normalise_code(&form.ui.code),
                        role,
                        person: (!person.is_empty()).then_some(person),
                    });
                    form.view.busy = true;
                }
            }
            RemoteIntent::Begin => seat.briefed = true,
            RemoteIntent::Submit(c) => {
                if let Some(l) = &link {
                    l.0.send(LinkRequest::Submit(c));
                }
            }
            RemoteIntent::Leave => {
                // Dropping the link ends its thread; the seat stays on the
                // host and can be taken again with the code.
                commands.remove_resource::<Link>();
                *seat = Seat::default();
                *shown = Projection::default();
                form.view = JoinView::default();
                next.set(Screen::Start);
            }
        }
    }
}

fn join_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut form: ResMut<JoinForm>,
    mut intents: MessageWriter<RemoteIntent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = super::screens::root(&ctx, &mut data);
    let form = &mut *form;
    egui::CentralPanel::default().show(&mut ui, |ui| match join_ui(ui, &form.view, &mut form.ui) {
        Some(JoinAction::Connect) => {
            intents.write(RemoteIntent::Connect);
        }
        Some(JoinAction::Take(role)) => {
            intents.write(RemoteIntent::Take(Some(role)));
        }
        Some(JoinAction::Trainer) => {
            intents.write(RemoteIntent::Take(None));
        }
        Some(JoinAction::Back) => {
            intents.write(RemoteIntent::Leave);
        }
        None => {}
    });
    Ok(())
}

#[allow(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource"
)]
fn remote_screen(
    mut contexts: EguiContexts,
    mut data: ResMut<AppData>,
    mut seat: ResMut<Seat>,
    mut shown: ResMut<Projection>,
    link: Option<Res<Link>>,
    mut intents: MessageWriter<RemoteIntent>,
    mut kaart_area: ResMut<super::ketenkaart::KaartArea>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = super::screens::root(&ctx, &mut data);
    let seat = &mut *seat;
    let address = link
        .as_ref()
        .map(|l| l.0.address.clone())
        .unwrap_or_default();
    egui::Panel::top("remote-status").show(&mut ui, |ui| match &seat.connection {
        Some(why) => {
            ui.colored_label(
                theme::bad(ui),
                egui::RichText::new(format!(
                    "{why} Uw acties tot nu toe staan veilig op de host."
                ))
                .strong(),
            );
        }
        None => {
            ui.label(format!("Verbonden met de host {address}."));
        }
    });
    if !seat.briefed {
        if let Some(b) = &shown.briefing {
            egui::CentralPanel::default().show(&mut ui, |ui| match briefing_ui(ui, b) {
                Some(BriefingAction::Begin) => {
                    intents.write(RemoteIntent::Begin);
                }
                Some(BriefingAction::Back) => {
                    intents.write(RemoteIntent::Leave);
                }
                None => {}
            });
        }
        return Ok(());
    }
    let shown = &mut *shown;
    let kaart = if let Some(view) = &shown.trainer {
        let looking = shown.trainer_seat.as_ref().map(|(_, c)| c);
        let (action, kaart) = trainer_ui(&mut ui, view, &mut seat.trainer_ui, looking);
        match action {
            Some(TrainerAction::ViewSeat(role)) => {
                if let Some(v) = shown.view.take() {
                    shown.look_at(&v, Some(role));
                    shown.view = Some(v);
                }
            }
            Some(a) => {
                if let Some(c) = a.command() {
                    intents.write(RemoteIntent::Submit(c));
                }
            }
            None => {}
        }
        kaart
    } else if let Some(view) = &shown.case {
        let (action, kaart) = case_ui(&mut ui, view, &mut seat.ui);
        match action {
            Some(CaseAction::Act(act)) => {
                intents.write(RemoteIntent::Submit(Command::Act(act)));
            }
            Some(CaseAction::Quit) => {
                intents.write(RemoteIntent::Leave);
            }
            Some(CaseAction::Debrief) => {
                seat.ui.notice = Some(
                    "De casus is afgelopen. De trainer houdt de nabespreking met de hele groep."
                        .to_string(),
                );
            }
            None => {}
        }
        kaart
    } else {
        None
    };
    let kaart = kaart.map(|r| r * ctx.zoom_factor());
    if kaart_area.0 != kaart {
        kaart_area.0 = kaart;
        redraw.write(bevy::window::RequestRedraw);
    }
    Ok(())
}
