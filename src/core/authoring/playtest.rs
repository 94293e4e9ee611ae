//! "Speel vanaf hier": play the edited case up to a chosen item or moment
//! along a route (the role's expert answers, else only ending day-parts),
//! and say where the route no longer fits the case (after an edit, the
//! first step that is refused).

use std::sync::Arc;

use crate::core::engine::{Event, Session};
use crate::core::scenario::Compiled;
use crate::core::scenario::model::{Act, Scenario, Time};

/// Where to play to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Until this decision is open for the role.
    Decision(String),
    /// Until this inject has been delivered.
    Inject(String),
    /// Until the clock reaches this moment.
    Time(Time),
}

/// The target of an item of the editor's outline, and the role to play
/// it as: a decision (or one of its options) as its role, an inject as its
/// recipient, a sitting as its first member; else `None`.
pub fn target_of(s: &Scenario, path: &[(String, String)]) -> Option<(Target, String)> {
    let (list, id) = path.first()?;
    match list.as_str() {
        "decisions" => {
            let d = s.decisions.iter().find(|d| d.id == *id)?;
            Some((Target::Decision(d.id.clone()), d.role.clone()))
        }
        "injects" => {
            let i = s.injects.iter().find(|i| i.id == *id)?;
            Some((Target::Inject(i.id.clone()), i.to.clone()))
        }
        "channels" => {
            let c = s.channels.iter().find(|c| c.id == *id)?;
            let t = c.sits.first()?.clone();
            Some((Target::Time(t), c.members.first()?.clone()))
        }
        _ => None,
    }
}

/// A route played: the session at the target, the steps it took, and the
/// first step of the route that the case refused (its number and why).
#[derive(Debug)]
pub struct Played {
    pub session: Session,
    pub steps: Vec<Act>,
    pub reached: bool,
    pub diverged: Option<(usize, String)>,
}

/// Plays `role` through `route` (then ending day-parts) until `target`
/// holds, the case ends, or the steps run out (bounded).
pub fn play_to(
    c: Arc<Compiled>,
    role: &str,
    route: &[Act],
    target: &Target,
) -> Result<Played, String> {
    let r = *c
        .ids
        .roles
        .get(role)
        .ok_or_else(|| format!("de casus heeft geen rol `{role}`"))?;
    let mut session =
        Session::start(c.clone(), 1, &[role.to_string()], None).map_err(|e| e.dutch())?;
    let mut steps = Vec::new();
    let mut diverged = None;
    let mut route = route.iter().enumerate();
    // Every step either acts or ends a day-part; a case has a last one.
    let limit = route.len() + c.ticks as usize + 2;
    for _ in 0..limit {
        if reached(&session, r, target) {
            return Ok(Played {
                session,
                steps,
                reached: true,
                diverged,
            });
        }
        if session.state().ended() {
            break;
        }
        let (n, act) = match route.next() {
            Some((n, act)) => (Some(n), act.clone()),
            None => (None, Act::Advance),
        };
        match session.apply(role, &act) {
            Ok(_) => steps.push(act),
            Err(e) => {
                if diverged.is_none() {
                    diverged = Some((n.map_or(steps.len(), |n| n + 1), e.dutch()));
                }
                if n.is_none() {
                    break;
                }
            }
        }
    }
    let done = reached(&session, r, target);
    Ok(Played {
        session,
        steps,
        reached: done,
        diverged,
    })
}

fn reached(s: &Session, role: usize, target: &Target) -> bool {
    let c = s.scenario();
    match target {
        Target::Decision(id) => {
            let Some(&d) = c.ids.decisions.get(id) else {
                return false;
            };
            s.menu(role).decisions.iter().any(|(x, _)| *x == d)
        }
        Target::Inject(id) => {
            let Some(&i) = c.ids.injects.get(id) else {
                return false;
            };
            s.history()
                .iter()
                .any(|t| matches!(t.event, Event::Delivered { inject } if inject == i))
        }
        Target::Time(t) => {
            let part = c
                .scenario
                .clock
                .parts
                .iter()
                .position(|p| *p == t.part)
                .unwrap_or(0) as u32;
            let tick = (t.day.max(1) - 1) * c.parts_per_day + part;
            s.state().tick >= tick
        }
    }
}
