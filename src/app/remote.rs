//! A laptop that joins a training day on a host (`ketensim serve`): the
//! link to the host, the join form, this laptop's seat state and the
//! intents the join and seat screens send (`app::screens::join`,
//! `app::screens::seat`). The session lives on the host, and this laptop
//! holds only what the host sends it (its projection): no scenario file
//! is read.

use bevy::prelude::*;

use super::flow::Screen;
use super::link::{LinkEvent, LinkRequest, RemoteLink};
use super::projection::Projection;
use crate::core::engine::Command;
use crate::core::protocol::normalise_code;
use crate::core::view::Viewer;
use crate::ui::views::case::CaseUiState;
use crate::ui::views::join::{JoinUiState, JoinView};
use crate::ui::views::trainer::TrainerUiState;

pub fn plugin(app: &mut App) {
    app.init_resource::<JoinForm>()
        .init_resource::<Seat>()
        .add_message::<RemoteIntent>()
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
