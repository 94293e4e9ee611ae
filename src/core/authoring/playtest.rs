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
    let r = role_ix(&c, role)?;
    let session = Session::start(c.clone(), 1, &[role.to_string()], None).map_err(|e| e.dutch())?;
    Ok(go_on(session, Vec::new(), role, r, route, target))
}

/// From `session` (reached by `steps`), plays `role` through `route` and
/// then ends day-parts until `target` holds or the case ends.
fn go_on(
    mut session: Session,
    mut steps: Vec<Act>,
    role: &str,
    r: usize,
    route: &[Act],
    target: &Target,
) -> Played {
    let ticks = session.scenario().ticks as usize;
    let mut diverged = None;
    let mut route = route.iter().enumerate();
    // Every step either acts or ends a day-part; a case has a last one.
    let limit = route.len() + ticks + 2;
    for _ in 0..limit {
        if reached(&session, r, target) {
            return Played {
                session,
                steps,
                reached: true,
                diverged,
            };
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
    Played {
        session,
        steps,
        reached: done,
        diverged,
    }
}

fn role_ix(c: &Compiled, role: &str) -> Result<usize, String> {
    c.ids
        .roles
        .get(role)
        .copied()
        .ok_or_else(|| format!("de casus heeft geen rol `{role}`"))
}

/// What `role` can do at this moment that may lead elsewhere: each option
/// of an open decision, each conversation it can hold, ending the
/// day-part (flags, shares and consults are not tried).
fn choices(session: &Session, r: usize) -> Vec<Act> {
    let s = &session.scenario().scenario;
    let menu = session.menu(r);
    let mut moves: Vec<Act> = Vec::new();
    for (d, options) in &menu.decisions {
        let Some(dec) = s.decisions.get(*d) else {
            continue;
        };
        for o in options {
            if let Some(opt) = dec.options.get(*o) {
                moves.push(Act::Decide {
                    decision: dec.id.clone(),
                    option: opt.id.clone(),
                });
            }
        }
    }
    for t in &menu.talks {
        if let Some(talk) = s.talks.get(*t) {
            moves.push(Act::Talk {
                talk: talk.id.clone(),
            });
        }
    }
    if menu.can_advance {
        moves.push(Act::Advance);
    }
    moves
}

/// A route for `role` to `target` when its expert `route` does not get
/// there (the item is on another branch). First the expert route with one
/// other choice (an option, a conversation, ending the day-part), the
/// latest such point that gets there, so the route stays as close to the
/// expert's as it can; then, breadth first, any of those choices, at most
/// `budget` case states. `None`: neither finds it.
pub fn search_to(
    c: Arc<Compiled>,
    role: &str,
    route: &[Act],
    target: &Target,
    budget: usize,
) -> Result<Option<Played>, String> {
    let r = role_ix(&c, role)?;
    let start = Session::start(c.clone(), 1, &[role.to_string()], None).map_err(|e| e.dutch())?;
    // The states along the expert route, with the steps to each and the
    // rest of the route from there.
    let mut along = Vec::new();
    let mut session = start.clone();
    let mut steps = Vec::new();
    let mut rest = route;
    for _ in 0..route.len() + c.ticks as usize + 2 {
        if session.state().ended() {
            break;
        }
        along.push((session.clone(), steps.clone(), rest));
        let act = match rest.split_first() {
            Some((act, tail)) => {
                rest = tail;
                act.clone()
            }
            None => Act::Advance,
        };
        if session.apply(role, &act).is_ok() {
            steps.push(act);
        }
    }
    for (at, steps, rest) in along.iter().rev() {
        let next = rest.first();
        // Another option or conversation; ending the day-part instead is
        // left to the search below.
        for m in choices(at, r) {
            if Some(&m) == next || m == Act::Advance {
                continue;
            }
            let mut s = at.clone();
            if s.apply(role, &m).is_err() {
                continue;
            }
            let mut taken = steps.clone();
            taken.push(m);
            let played = go_on(s, taken, role, r, rest, target);
            if played.reached {
                return Ok(Some(Played {
                    diverged: None,
                    ..played
                }));
            }
        }
    }
    Ok(breadth_first(start, role, r, target, budget))
}

/// The fewest of the role's choices from `start` that reach `target`, at
/// most `budget` states expanded.
fn breadth_first(
    start: Session,
    role: &str,
    r: usize,
    target: &Target,
    budget: usize,
) -> Option<Played> {
    let mut queue = std::collections::VecDeque::from([(start, Vec::<Act>::new())]);
    let mut seen = std::collections::HashSet::new();
    let mut expanded = 0;
    while let Some((session, steps)) = queue.pop_front() {
        if reached(&session, r, target) {
            return Some(Played {
                session,
                steps,
                reached: true,
                diverged: None,
            });
        }
        if session.state().ended() || expanded >= budget {
            continue;
        }
        expanded += 1;
        for act in choices(&session, r) {
            let mut next = session.clone();
            if next.apply(role, &act).is_err() {
                continue;
            }
            let mut route = steps.clone();
            route.push(act);
            // The same choices by the same moment: the same state, near
            // enough for a search.
            let mut key: Vec<String> = route
                .iter()
                .filter(|a| !matches!(a, Act::Advance))
                .map(|a| format!("{a:?}"))
                .collect();
            key.sort();
            if seen.insert((next.state().tick, key)) {
                queue.push_back((next, route));
            }
        }
    }
    None
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

/// What the editor keeps about a case beside it (`<id>.editor.ron`), not in
/// it: the selected item and the author's last playtest.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Sidecar {
    pub selected: Vec<(String, String)>,
    pub playtest: Option<Playtest>,
    /// Edits not saved yet, as the text the case would be saved as: kept
    /// while the author works, so a closed window or a crash loses
    /// nothing; put back when the case is opened again.
    pub draft: Option<String>,
}

/// A playtest route: the role, what it played to and the steps it took.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Playtest {
    pub role: String,
    /// The item played to (its outline path).
    pub target: Vec<(String, String)>,
    pub steps: Vec<Act>,
}

impl Sidecar {
    /// The sidecar file of the case in `file`.
    pub fn path(file: &std::path::Path) -> std::path::PathBuf {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        file.with_file_name(format!("{stem}.editor.ron"))
    }

    /// The sidecar of `file`; empty when there is none or it does not read
    /// (it holds only conveniences).
    pub fn read(file: &std::path::Path) -> Sidecar {
        std::fs::read_to_string(Sidecar::path(file))
            .ok()
            .and_then(|t| crate::core::scenario::load::ron_options().from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes it beside `file`, atomically.
    pub fn write(&self, file: &std::path::Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::core::store::write_atomic(&Sidecar::path(file), &text)
    }
}

/// The last playtest replayed on the edited case: `None` when it still
/// reaches its target with every step; else a Dutch line on where it
/// stops fitting.
pub fn replay_check(c: Arc<Compiled>, p: &Playtest) -> Option<String> {
    let s = &c.scenario;
    let Some((target, _)) = target_of(s, &p.target) else {
        return Some("Het onderdeel van het laatste proefspel bestaat niet meer.".to_string());
    };
    match play_to(c.clone(), &p.role, &p.steps, &target) {
        Err(e) => Some(format!("Het laatste proefspel kan niet meer: {e}.")),
        Ok(played) => match (played.diverged, played.reached) {
            (Some((n, why)), _) => Some(format!(
                "Het laatste proefspel wijkt af bij stap {n}: {why}."
            )),
            (None, false) => {
                Some("Het laatste proefspel komt niet meer bij zijn doel.".to_string())
            }
            (None, true) => None,
        },
    }
}

/// The outcome (id) the route ends in when the role then ends day-parts
/// until the case is over.
pub fn outcome_after(c: Arc<Compiled>, role: &str, steps: &[Act]) -> Option<String> {
    let mut s = Session::start(c.clone(), 1, &[role.to_string()], None).ok()?;
    for a in steps {
        let _ = s.apply(role, a);
    }
    for _ in 0..=c.ticks + 1 {
        if s.state().ended() || s.apply(role, &Act::Advance).is_err() {
            break;
        }
    }
    let (o, _) = s.state().outcome?;
    c.scenario.outcomes.get(o).map(|o| o.id.clone())
}

/// Writes the route as an answer file beside the case
/// (`answers/<id>-proefspel-<n>.answers.ron`) and adds a case for it to
/// the case's test plan (`<id>.tests.ron`, made if missing) expecting the
/// outcome it reaches; returns the answer file.
pub fn save_as_test(
    case_file: &std::path::Path,
    c: Arc<Compiled>,
    p: &Playtest,
) -> Result<std::path::PathBuf, String> {
    use crate::core::scenario::ron_tree::quote;
    let id = &c.scenario.id;
    let dir = case_file.parent().unwrap_or(std::path::Path::new("."));
    let answers_dir = dir.join("answers");
    std::fs::create_dir_all(&answers_dir).map_err(|e| e.to_string())?;
    let mut n = 1;
    let answers = loop {
        let f = answers_dir.join(format!("{id}-proefspel-{n}.answers.ron"));
        if !f.exists() {
            break f;
        }
        n += 1;
    };
    let steps = ron::ser::to_string(&p.steps).map_err(|e| e.to_string())?;
    let text = format!(
        "// Proefspel uit de editor: de route naar {}.\nAnswers(\n    scenario: {},\n    seed: 1,\n    steps: {steps},\n)\n",
        p.target.last().map_or("het begin", |(_, id)| id.as_str()),
        quote(id)
    );
    crate::core::store::write_atomic(&answers, &text).map_err(|e| e.to_string())?;
    let outcome = outcome_after(c.clone(), &p.role, &p.steps);
    let rel = format!(
        "answers/{}",
        answers
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    let item = format!(
        "(name: {}, answers: {}, role: Some({}), expect: (outcome: {}))",
        quote(&format!("proefspel {n}")),
        quote(&rel),
        quote(&p.role),
        outcome.map_or("None".to_string(), |o| format!("Some({})", quote(&o)))
    );
    let plan = dir.join(format!("{id}.tests.ron"));
    let plan_text = match std::fs::read_to_string(&plan) {
        Ok(t) => t,
        Err(_) => format!(
            "TestPlan(\n    scenario: {},\n    cases: [],\n)\n",
            quote(id)
        ),
    };
    let out = crate::core::scenario::save::append_to_list(&plan_text, "cases", &item)
        .map_err(|e| e.to_string())?;
    crate::core::store::write_atomic(&plan, &out).map_err(|e| e.to_string())?;
    Ok(answers)
}
