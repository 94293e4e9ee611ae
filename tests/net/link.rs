//! The app's remote link (`app::link`, a background thread) against a
//! host on loopback: a scripted day played through it gives, after every
//! command, the same view as the same day played locally.

use std::time::{Duration, Instant};

use ketensim::app::link::{LinkEvent, LinkRequest, RemoteLink};
use ketensim::core::engine::{Command, Who};
use ketensim::core::scenario::model::Act;
use ketensim::core::view::{RoleView, Viewer, project};

use super::client::{SEATS, day_seats, host, sem, temp_dir};

/// Waits (bounded) for an event the test wants; keeps the latest view.
fn wait_for(
    link: &RemoteLink,
    view: &mut Option<RoleView>,
    want: impl Fn(&LinkEvent) -> bool,
) -> LinkEvent {
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        for e in link.poll() {
            match &e {
                LinkEvent::Joined { view: v, .. } | LinkEvent::View(v) => {
                    *view = Some((**v).clone())
                }
                _ => {}
            }
            if want(&e) {
                return e;
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no answer from the link in time");
}

#[test]
fn a_day_through_the_remote_link_shows_the_same_views_as_played_locally() {
    let dir = temp_dir("link");
    let h = host(&dir, 6);
    let code = h.sessions[0].code.clone();
    let c = sem();
    let mut local =
        ketensim::core::engine::Session::start_day(c.clone(), 6, &day_seats(), true).unwrap();
    // Every seat through its own link, as four laptops would.
    let links: Vec<RemoteLink> = SEATS
        .iter()
        .map(|_| RemoteLink::connect(&h.addr.to_string()).unwrap())
        .collect();
    let mut views: Vec<Option<RoleView>> = vec![None; SEATS.len()];
    for (k, role) in SEATS.iter().enumerate() {
        links[k].send(LinkRequest::Hello { code: code.clone() });
        let LinkEvent::Welcome { seats, .. } = wait_for(&links[k], &mut views[k], |e| {
            matches!(e, LinkEvent::Welcome { .. })
        }) else {
            unreachable!()
        };
        assert_eq!(seats.len(), SEATS.len());
        links[k].send(LinkRequest::Join {
            code: code.clone(),
            role: Some(role.to_string()),
            person: None,
        });
        wait_for(&links[k], &mut views[k], |e| {
            matches!(e, LinkEvent::Joined { .. })
        });
    }
    let check = |views: &[Option<RoleView>], local: &ketensim::core::engine::Session| {
        for (k, role) in SEATS.iter().enumerate() {
            let want = project(local, Viewer::Seat(c.ids.roles[*role]));
            assert_eq!(views[k].as_ref(), Some(&want), "{role}: remote = local");
        }
    };
    check(&views, &local);
    // Two day-parts: every seat asks each consult it can, then ends the
    // part; after each command every seat's remote view equals the local.
    let mut commands = 0;
    for _part in 0..2 {
        for (k, role) in SEATS.iter().enumerate() {
            let consults: Vec<String> = views[k].as_ref().unwrap().desks[0]
                .consults
                .iter()
                .map(|n| n.id.clone())
                .collect();
            let mut cmds: Vec<Command> = consults
                .into_iter()
                .map(|with| Command::Act(Act::Consult { with }))
                .collect();
            cmds.push(Command::Act(Act::Advance));
            for cmd in cmds {
                local
                    .submit(
                        &Who::Seat {
                            role: role.to_string(),
                        },
                        &cmd,
                    )
                    .unwrap();
                links[k].send(LinkRequest::Submit(cmd));
                wait_for(&links[k], &mut views[k], |e| {
                    matches!(e, LinkEvent::Accepted(_))
                });
                commands += 1;
                // The other laptops' views follow.
                for j in (0..SEATS.len()).filter(|j| *j != k) {
                    let want = project(&local, Viewer::Seat(c.ids.roles[SEATS[j]]));
                    let until = Instant::now() + Duration::from_secs(10);
                    while views[j].as_ref() != Some(&want) && Instant::now() < until {
                        for e in links[j].poll() {
                            if let LinkEvent::View(v) = e {
                                views[j] = Some(*v);
                            }
                        }
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                check(&views, &local);
            }
        }
    }
    assert!(commands >= 8, "{commands} commands");
    assert_eq!(local.state().tick, 2, "two day-parts went by");
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
