//! Dev tools: the scripted starts behind `--open` (a screen opened with a
//! case already played to a given step, for demonstrations and
//! screenshots), the scripted join (`--join`, in `app::remote`) and the
//! start-up timing (`KETENSIM_TIMING`). Not used by a trainee's normal
//! path through the app.

use std::path::Path;

use bevy::prelude::*;

use super::flow::{HandTo, Screen, next_seat, start_day, start_play};
use super::state::{DataDir, Debriefs, Library, Playing, SetupScreen, StartScreen};
use crate::core::engine::{Command, Seat, Who};
use crate::core::eval::evaluate;
use crate::core::scenario::model::Act;
use crate::ui::views::debrief::DebriefUiState;

/// The library entry a scripted start opens: the playable scenario with
/// id `case`, or the first playable one.
fn scripted_case(library: &Library, case: Option<&str>) -> Result<usize, String> {
    match case {
        Some(id) => library
            .entries
            .iter()
            .position(|e| e.scenario.as_ref().is_some_and(|c| c.scenario.id == id))
            .ok_or_else(|| format!("no playable scenario `{id}` in the library")),
        None => library
            .entries
            .iter()
            .position(|e| e.scenario.is_some())
            .ok_or_else(|| "no playable scenario in the library".to_string()),
    }
}

/// Opens the app on `screen` with a scripted start: the playable scenario
/// `case` (or the first), `role`, and the first `steps` actions of
/// `answers` (all of them, and the clock run out, for the debrief). On the
/// Start screen a named `case` has its card's description open. For
/// demonstrations and the screenshot script; returns a message when it
/// cannot.
pub fn open_scripted(
    world: &mut World,
    case: Option<&str>,
    screen: Screen,
    role: &str,
    seed: u64,
    answers: &[Act],
    steps: Option<usize>,
) -> Result<(), String> {
    let index = scripted_case(world.resource::<Library>(), case)?;
    world.resource_mut::<Library>().chosen = Some(index);
    if screen == Screen::Start {
        // With a case named: its card's description is open.
        world.resource_mut::<StartScreen>().ui.open = case.map(str::to_string);
        return Ok(());
    }
    // The setup and "Mijn voortgang" open with nothing played.
    if matches!(screen, Screen::Setup | Screen::Progress | Screen::Editor) {
        return Ok(());
    }
    let mut play = start_play(
        world.resource::<Library>(),
        world.resource::<DataDir>(),
        role,
        None,
        seed,
        false,
    )
    .map_err(|why| format!("role `{role}` cannot be played in this scenario: {why}"))?;
    let take = match screen {
        Screen::Debrief => answers.len(),
        _ => steps.unwrap_or(0).min(answers.len()),
    };
    // Scripted steps go in through the local link, as a trainee's do.
    let me = Who::Seat {
        role: play.role_id.clone(),
    };
    for (i, act) in answers.iter().take(take).enumerate() {
        play.link
            .submit(&me, &Command::Act(act.clone()))
            .map_err(|e| format!("step {} cannot be played: {e}", i + 1))?;
    }
    if screen == Screen::Debrief {
        // The clock runs out (bounded: a case has a last day-part).
        for _ in 0..=play.session().scenario().ticks + 1 {
            if play.session().state().ended()
                || play.link.submit(&me, &Command::Act(Act::Advance)).is_err()
            {
                break;
            }
        }
        let d = evaluate(play.session().scenario().clone(), play.session().log())
            .map_err(|e| e.to_string())?;
        let state = DebriefUiState::new(&d);
        world.resource_mut::<Debriefs>().own = Some((d, state));
    }
    world.resource_mut::<Playing>().0 = Some(play);
    Ok(())
}

/// Opens the app on a training-day `screen` with a scripted start, for
/// demonstrations and the screenshot script: the first playable scenario,
/// its first three playable roles as seats ("Tafel 1" …) with a trainer;
/// each seat plays its expert answers (`<answers>/*-<role>-expert.answers.ron`)
/// for the first `parts` day-parts, in turns; the trainer writes an
/// observation. `Screen::Setup` shows the training-day setup filled in,
/// `Screen::GroupDebrief` runs the clock out first.
pub fn open_day_scripted(
    world: &mut World,
    case: Option<&str>,
    screen: Screen,
    answers: &Path,
    parts: usize,
) -> Result<(), String> {
    let index = scripted_case(world.resource::<Library>(), case)?;
    world.resource_mut::<Library>().chosen = Some(index);
    let c = world.resource::<Library>().entries[index]
        .scenario
        .clone()
        .ok_or("no playable scenario in the library")?;
    let seats: Vec<Seat> = c
        .scenario
        .roles
        .iter()
        .filter(|r| r.playable)
        .take(3)
        .enumerate()
        .map(|(i, r)| Seat {
            role: r.id.clone(),
            person: Some(format!("Tafel {}", i + 1)),
        })
        .collect();
    if screen == Screen::Setup {
        let mut setup = world.resource_mut::<SetupScreen>();
        setup.0.mode = crate::ui::views::setup::Mode::Trainingsdag;
        setup.0.trainer = true;
        setup.0.seats = seats
            .iter()
            .map(|s| (s.role.clone(), s.person.clone().unwrap_or_default()))
            .collect();
        return Ok(());
    }
    // Each seat's answers, cut into day-parts at `Advance`.
    let plans: Vec<Vec<Vec<Act>>> = seats
        .iter()
        .map(|seat| {
            // This scenario's own expert file for the seat's role.
            let steps = crate::core::answers::expert_steps(answers, &c.scenario.id, &seat.role);
            crate::core::answers::day_parts(&steps)
        })
        .collect();
    let mut play = start_day(
        world.resource::<Library>(),
        world.resource::<DataDir>(),
        &seats,
        true,
        1,
        false,
    )
    .map_err(|why| format!("the training day did not start: {why}"))?;
    let all = if screen == Screen::GroupDebrief {
        usize::MAX
    } else {
        parts
    };
    let mut part = 0;
    // Every seat's steps and the trainer's note go in through the local
    // link, as they do when people play.
    while part < all && !play.session().state().ended() {
        for (k, seat) in seats.iter().enumerate() {
            if play.session().state().ended() {
                break;
            }
            let who = Who::Seat {
                role: seat.role.clone(),
            };
            for act in plans[k].get(part).into_iter().flatten() {
                // Written with the other roles by script: a step may not
                // be possible here; the seat goes on.
                let _ = play.link.submit(&who, &Command::Act(act.clone()));
            }
            if part == 1 && k == 0 {
                play.link.submit(
                    &Who::Trainer,
                    &Command::Observe {
                        text: "De gemeente brengt verzuim en adres samen in; goed voorbereid."
                            .into(),
                        role: Some(seat.role.clone()),
                        competency: Some(crate::core::scenario::model::Competency::Samenwerking),
                    },
                )?;
            }
            play.link.submit(&who, &Command::Act(Act::Advance))?;
        }
        part += 1;
        if part > 64 {
            break;
        }
    }
    let next_role = next_seat(play.session());
    if let Some(day) = play.day.as_mut() {
        day.briefed = seats.iter().map(|s| s.role.clone()).collect();
        day.hand_to = HandTo::Seat(next_role);
        day.seat_view = seats.get(1).map(|s| s.role.clone());
    }
    world.resource_mut::<Playing>().0 = Some(play);
    let opened = world.resource_scope(|world, mut debriefs: Mut<Debriefs>| {
        debriefs.open_group(world.resource::<Library>(), world.resource::<Playing>())
    });
    if screen == Screen::GroupDebrief && !opened {
        return Err("the group debrief could not be built".into());
    }
    Ok(())
}

/// When the process started (set first thing in `main`), for the
/// start-up timing `scripts/measure.sh` reads.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// With `KETENSIM_TIMING` set, prints once how long it took from the
/// start of the process to the first rendered frame.
pub fn report_first_frame(frames: Res<bevy::diagnostic::FrameCount>, mut done: Local<bool>) {
    // Frame 0 is being prepared; once the count reaches 2, the first frame
    // went through the renderer.
    if !*done && frames.0 >= 2 {
        *done = true;
        let ms = STARTED
            .get()
            .map(|t| t.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or(f64::NAN);
        println!("timing: first frame {ms:.0} ms after start");
    }
}

/// Opens the chosen case in the editor (dev tools, screenshots): `what` is
/// "" (the first decision selected), "timeline" (the timeline tab),
/// "problems" (after an edit that names a role that does not exist, and a
/// condition typed with a comma missing) or
/// "play" ("Speel vanaf hier" on the second decision: the case screen).
pub fn open_editor(world: &mut World, what: &str) -> Result<Screen, String> {
    use crate::app::screens::EditorScreen;
    use crate::ui::views::editor::{EditorAction, EditorTab};
    let library = world.resource::<Library>().clone();
    let index = library.chosen.ok_or("no case chosen")?;
    let mut screen = EditorScreen::open(&library, index)?;
    let s = screen
        .doc
        .as_ref()
        .map(|d| d.scenario().clone())
        .ok_or("no document")?;
    let data = world.resource::<DataDir>().clone();
    let mut playing = std::mem::take(&mut *world.resource_mut::<Playing>());
    let first = s.decisions.first().ok_or("the case has no decisions")?;
    let mut go = Screen::Editor;
    let mut run =
        |screen: &mut EditorScreen, a: EditorAction| screen.apply(a, &library, &data, &mut playing);
    run(
        &mut screen,
        EditorAction::Select(vec![("decisions".into(), first.id.clone())]),
    );
    match what {
        "timeline" => screen.ui.tab = EditorTab::Timeline,
        "analysis" => screen.ui.tab = EditorTab::Analysis,
        "flow" => screen.ui.tab = EditorTab::Flow,
        "problems" => {
            let i = s.injects.first().ok_or("the case has no injects")?;
            let path = vec![("injects".to_string(), i.id.clone())];
            run(&mut screen, EditorAction::Select(path.clone()));
            run(
                &mut screen,
                EditorAction::Set {
                    path: path.clone(),
                    field: "to".into(),
                    value: Some("\"onbekend\"".into()),
                    what: "Aan".into(),
                },
            );
            // And a condition typed with a comma missing: it stays a
            // draft, with where and why under the field.
            let typed = "Knows(role: \"politie\" fact: \"f_verzuim\")";
            screen
                .ui
                .drafts
                .insert("when".into(), (typed.to_string(), None));
            run(
                &mut screen,
                EditorAction::Set {
                    path,
                    field: "when".into(),
                    value: Some(typed.into()),
                    what: "Tekst: Voorwaarde".into(),
                },
            );
        }
        "play" => {
            let d = s.decisions.get(1).unwrap_or(first);
            let path = vec![("decisions".to_string(), d.id.clone())];
            run(&mut screen, EditorAction::Select(path.clone()));
            if let Some(to) = run(&mut screen, EditorAction::PlayFromHere { path, role: None }) {
                go = to;
            }
        }
        _ => {}
    }
    *world.resource_mut::<Playing>() = playing;
    world.insert_resource(screen);
    Ok(go)
}
