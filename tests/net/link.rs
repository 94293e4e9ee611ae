//! The app's two links side by side: the remote link (`app::link`, a
//! background thread) against a host on loopback, and the local link
//! (`app::local`, the session in process, as self-study and the training
//! day on one screen use it). A scripted day played through both gives,
//! after every command, the same view to every seat and to the trainer.

use std::time::{Duration, Instant};

use ketensim::app::link::{LinkEvent, LinkRequest, RemoteLink};
use ketensim::app::local::LocalLink;
use ketensim::core::engine::{Command, Who};
use ketensim::core::scenario::model::Act;
use ketensim::core::view::{RoleView, Viewer};

use super::client::{SEATS, day_seats, host, sem, temp_dir};

/// Reads the link's views (bounded) until it holds `want`.
fn follow(link: &RemoteLink, view: &mut Option<RoleView>, want: &RoleView) {
    let until = Instant::now() + Duration::from_secs(10);
    while view.as_ref() != Some(want) && Instant::now() < until {
        for e in link.poll() {
            if let LinkEvent::View(v) = e {
                *view = Some(*v);
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

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
fn a_day_through_the_remote_link_shows_the_same_views_as_the_local_link() {
    let dir = temp_dir("link");
    let h = host(&dir, 6);
    let code = h.sessions[0].code.clone();
    let trainer_code = h.sessions[0].trainer_code.clone();
    let c = sem();
    let session =
        ketensim::core::engine::Session::start_day(c.clone(), 6, &day_seats(), true).unwrap();
    let mut local = LocalLink::new(session, dir.join("local"));
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
    // The trainer's place through a fifth link.
    let trainer = RemoteLink::connect(&h.addr.to_string()).unwrap();
    let mut trainer_view: Option<RoleView> = None;
    trainer.send(LinkRequest::Hello {
        code: trainer_code.clone(),
    });
    wait_for(&trainer, &mut trainer_view, |e| {
        matches!(e, LinkEvent::Welcome { .. })
    });
    trainer.send(LinkRequest::Join {
        code: trainer_code,
        role: None,
        person: None,
    });
    wait_for(&trainer, &mut trainer_view, |e| {
        matches!(e, LinkEvent::Joined { .. })
    });
    let check = |views: &[Option<RoleView>], trainer: &Option<RoleView>, local: &mut LocalLink| {
        for (k, role) in SEATS.iter().enumerate() {
            let want = local.view(Viewer::Seat(c.ids.roles[*role]));
            assert_eq!(views[k].as_ref(), Some(&want), "{role}: remote = local");
        }
        let want = local.view(Viewer::Trainer);
        assert_eq!(trainer.as_ref(), Some(&want), "trainer: remote = local");
    };
    check(&views, &trainer_view, &mut local);
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
                let version = local.version();
                local
                    .submit(
                        &Who::Seat {
                            role: role.to_string(),
                        },
                        &cmd,
                    )
                    .unwrap();
                assert_eq!(local.version(), version + 1);
                links[k].send(LinkRequest::Submit(cmd));
                wait_for(&links[k], &mut views[k], |e| {
                    matches!(e, LinkEvent::Accepted(_))
                });
                commands += 1;
                // The other laptops' views follow.
                for j in (0..SEATS.len()).filter(|j| *j != k) {
                    let want = local.view(Viewer::Seat(c.ids.roles[SEATS[j]]));
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
                follow(&trainer, &mut trainer_view, &local.view(Viewer::Trainer));
                check(&views, &trainer_view, &mut local);
            }
        }
        // The trainer notes an observation through both links.
        let note = Command::Observe {
            text: "Ronde besproken.".into(),
            role: None,
            competency: None,
        };
        local.submit(&Who::Trainer, &note).unwrap();
        trainer.send(LinkRequest::Submit(note));
        wait_for(&trainer, &mut trainer_view, |e| {
            matches!(e, LinkEvent::Accepted(_))
        });
        follow(&trainer, &mut trainer_view, &local.view(Viewer::Trainer));
        check(&views, &trainer_view, &mut local);
    }
    // A seat's command refused by both links, with the same reason, and
    // nothing changed.
    let version = local.version();
    let bad = Command::Act(Act::Consult {
        with: "niemand".into(),
    });
    let why = local
        .submit(
            &Who::Seat {
                role: SEATS[0].into(),
            },
            &bad,
        )
        .unwrap_err();
    assert_eq!(local.version(), version);
    links[0].send(LinkRequest::Submit(bad));
    let LinkEvent::Refused { reason, .. } = wait_for(&links[0], &mut views[0], |e| {
        matches!(e, LinkEvent::Refused { .. })
    }) else {
        unreachable!()
    };
    assert!(!why.is_empty() && !reason.is_empty());
    check(&views, &trainer_view, &mut local);
    assert!(commands >= 8, "{commands} commands");
    assert_eq!(local.session().state().tick, 2, "two day-parts went by");
    assert_eq!(
        local
            .session()
            .log()
            .entries
            .iter()
            .filter(|e| matches!(e.what, ketensim::core::engine::EntryKind::Observe { .. }))
            .count(),
        2
    );
    // The local link journalled every accepted command, as the host did.
    let file = local.file().expect("the local link saved").to_path_buf();
    let saved = ketensim::core::engine::SessionLog::from_text(
        &file,
        &std::fs::read_to_string(&file).unwrap(),
    )
    .unwrap();
    assert_eq!(&saved, local.session().log());
    h.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
