//! Scenarios load through the Bevy asset loader: a broken file is an error
//! card with file:line:col, the others stay playable, and with watching on
//! a fixed file reloads into a playable card. Headless (no window).

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::asset::AssetPlugin;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use ketensim::app::assets;
use ketensim::app::flow;
use ketensim::app::state::Library;
use ketensim::ui::model::LibraryCard;

fn wait_for(app: &mut App, what: &str, done: impl Fn(&Library) -> bool) {
    let start = Instant::now();
    while !done(app.world().resource::<Library>()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn cards(data: &Library) -> (usize, usize) {
    let ok = data
        .entries
        .iter()
        .filter(|e| matches!(e.card, LibraryCard::Scenario(_)))
        .count();
    (ok, data.entries.len() - ok)
}

#[test]
fn broken_files_are_error_cards_and_a_fix_reloads() {
    let dir = std::env::temp_dir().join(format!("ketensim-assets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    let good = std::fs::read_to_string("scenarios/criminele-uitbuiting-sem.ron").unwrap();
    std::fs::write(dir.join("goed.ron"), &good).unwrap();
    std::fs::write(
        dir.join("kapot.ron"),
        "(\n    id: \"kapot\",\n    titel: \"x\",\n)\n",
    )
    .unwrap();
    // A trainer note and a migrate backup beside the scenarios do not stop
    // the folder from loading (a Bevy folder load failed on them).
    std::fs::write(dir.join("goed.md"), "# Trainersnotitie\n").unwrap();
    std::fs::write(dir.join("oud.ron.format1.bak"), "(\n)\n").unwrap();
    // Answer files in the folder are not scenarios.
    std::fs::copy(
        "scenarios/answers/sem-gemeente-expert.answers.ron",
        dir.join("answers/x.answers.ron"),
    )
    .unwrap();
    let folder = assets::absolute(&dir);
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            file_path: folder.to_string_lossy().into_owned(),
            watch_for_changes_override: Some(true),
            ..Default::default()
        },
        StatesPlugin,
    ))
    .insert_resource(Library::default())
    .add_plugins(flow::plugin)
    .add_plugins(assets::plugin(folder.clone()));

    wait_for(&mut app, "the folder to load", |d| d.entries.len() == 2);
    assert_eq!(cards(app.world().resource::<Library>()), (1, 1));
    let problems = app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .find_map(|e| match &e.card {
            LibraryCard::Broken { problems, .. } => Some(problems.clone()),
            _ => None,
        })
        .unwrap();
    assert!(problems.contains("kapot.ron:3:5"), "{problems}");
    assert!(problems.contains("titel"), "{problems}");

    // The trainer fixes the file; the card becomes playable.
    std::fs::write(
        dir.join("kapot.ron"),
        good.replacen("id: \"criminele-uitbuiting-sem\"", "id: \"hersteld\"", 1),
    )
    .unwrap();
    wait_for(&mut app, "the fixed file to reload", |d| cards(d) == (2, 0));

    // A scenario added to the folder appears without a restart.
    std::fs::write(
        dir.join("nieuw.ron"),
        good.replacen("id: \"criminele-uitbuiting-sem\"", "id: \"nieuw\"", 1),
    )
    .unwrap();
    wait_for(&mut app, "the new file to appear", |d| cards(d) == (3, 0));
    std::fs::remove_dir_all(Path::new(&dir)).ok();
}
