//! The one projection this screen draws: the `RoleView` the link handed
//! out (the local link in this process, or a host on the network) and
//! what is formatted from it, once per change — never per frame, and
//! never from the session itself. The case screen, the briefing, the
//! trainer console and the ketenkaart all read this resource, whichever
//! link filled it.

use bevy::prelude::*;

use crate::core::view::{RoleView, Viewer};
use crate::ui::model::{BriefingView, CaseView, KaartView};
use crate::ui::trainer::TrainerView;

/// The projection on screen and its formatted views.
#[derive(Resource, Debug, Default)]
pub struct Projection {
    pub view: Option<RoleView>,
    /// A seat's case screen, briefing and ketenkaart.
    pub case: Option<CaseView>,
    pub briefing: Option<BriefingView>,
    /// The ketenkaart: the seat's own, or (trainer) the whole chain.
    pub kaart: Option<KaartView>,
    /// The trainer's console.
    pub trainer: Option<TrainerView>,
    /// The trainer looks at this seat's screen (role id and its view),
    /// formatted from the trainer's projection, which holds every desk.
    pub trainer_seat: Option<(String, CaseView)>,
    /// Which local projection this is (`app::flow::sync_local`): the
    /// link, its version, the viewer and the seat the trainer looks at.
    /// `None` for a host's projection.
    pub stamp: Option<Stamp>,
}

/// What a local projection was made from: when any part changes, it is
/// projected again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub link: u64,
    pub version: u64,
    pub viewer: Viewer,
    pub looking_at: Option<String>,
}

impl Projection {
    /// Takes a new view and formats it. `on_host`: the session runs on a
    /// host (the trainer's console says so).
    /// The trainer keeps looking at the seat it looked at.
    pub fn set(&mut self, view: RoleView, on_host: bool) {
        let looking = self.trainer_seat.take().map(|(role, _)| role);
        match view.viewer {
            Viewer::Seat(role) => {
                self.case = Some(CaseView::from_view(&view, role));
                self.briefing = Some(BriefingView::from_view(&view, role));
                self.kaart = Some(KaartView::from_view(&view, role));
                self.trainer = None;
            }
            Viewer::Trainer => {
                let mut t = TrainerView::from_view(&view);
                t.on_host = on_host;
                self.trainer = Some(t);
                self.kaart = Some(KaartView::whole(&view));
                self.case = None;
                self.briefing = None;
            }
        }
        let trainer = view.viewer == Viewer::Trainer;
        self.view = Some(view);
        if trainer {
            self.look_at(looking);
        }
    }

    /// The trainer looks at seat `role`'s screen (read-only), formatted
    /// from the trainer's projection; `None`: at none.
    pub fn look_at(&mut self, role: Option<String>) {
        let view = self.view.as_ref();
        self.trainer_seat = role.zip(view).and_then(|(role, view)| {
            let ix = view.roles.iter().position(|r| r.id == role)?;
            view.desk(ix)?;
            Some((role, CaseView::from_view(view, ix)))
        });
    }
}
