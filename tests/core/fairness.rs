//! Does the form give the answers away? The spoiler lint, the option
//! length report, the flag-everything strategy, and the format pieces
//! they rest on: vulnerabilities, channel users, `auto_flag`, and answer
//! files that name their scenario.

use std::path::Path;
use std::sync::Arc;

use ketensim::cli::play::play;
use ketensim::core::engine::Session;
use ketensim::core::eval::evaluate;
use ketensim::core::fairness::{flag_strategies, option_lengths, spoiler_lints};
use ketensim::core::scenario::compiled::Compiled;
use ketensim::core::scenario::load_str;
use ketensim::core::scenario::model::{Act, Form};

use crate::common::{ketensim, play_args};

const NOOR: &str = "docs/examples/voorbeeld-noor.ron";

fn noor_text() -> String {
    std::fs::read_to_string(NOOR).unwrap()
}

fn load(text: &str) -> Arc<Compiled> {
    let l = load_str(Path::new("t.ron"), text).unwrap_or_else(|d| panic!("{d:?}"));
    Arc::new(l.compiled)
}

fn errors(text: &str) -> String {
    match load_str(Path::new("t.ron"), text) {
        Ok(_) => String::new(),
        Err(d) => {
            d.0.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

#[test]
fn a_card_naming_a_fact_of_one_role_is_a_spoiler_and_a_generic_card_is_not() {
    let text = noor_text();
    let c = load(&text);
    assert!(spoiler_lints(Path::new(NOOR), &text, &c).is_empty());
    // The police's hotel observation on the card everyone reads.
    let spoiled = text.replace(
        "Een gemeente en een politieteam hebben elk een eigen stukje over Noor (16).",
        "Noor (16) is 's avonds in een hotel gezien met een veel oudere man.",
    );
    let c = load(&spoiled);
    let lints = spoiler_lints(Path::new(NOOR), &spoiled, &c);
    assert_eq!(lints.len(), 1, "{lints:?}");
    let msg = lints[0].to_string();
    assert!(msg.contains("f_hotel") && msg.contains("summary"), "{msg}");
    assert!(msg.contains(":5:"), "at the summary's line: {msg}");
}

#[test]
fn a_briefing_naming_what_the_role_does_not_hold_is_a_spoiler() {
    let text = noor_text();
    let spoiled = text.replace(
        "briefing: \"U bent aandachtsfunctionaris mensenhandel.\"",
        "briefing: \"U bent aandachtsfunctionaris mensenhandel. Let op het hotel waar Noor met een oudere man is gezien.\"",
    );
    let c = load(&spoiled);
    let lints = spoiler_lints(Path::new(NOOR), &spoiled, &c);
    assert!(
        lints
            .iter()
            .any(|d| d.to_string().contains("briefing of `gemeente`")
                && d.to_string().contains("f_hotel")),
        "{lints:?}"
    );
    // The police hold the hotel fact at the start: naming it in their own
    // briefing gives nothing away.
    let own = text.replace(
        "briefing: \"U bent wijkagent.\"",
        "briefing: \"U bent wijkagent. U zag Noor in een hotel.\"",
    );
    let c = load(&own);
    assert!(spoiler_lints(Path::new(NOOR), &own, &c).is_empty());
}

#[test]
fn the_option_length_report_counts_the_expert_option_being_longest() {
    let text = noor_text();
    assert_eq!(option_lengths(&load(&text)).expert_longest.len(), 0);
    let long = text.replace(
        "text: \"Inbrengen in het casusoverleg.\"",
        "text: \"Inbrengen in het casusoverleg van het Zorg- en Veiligheidshuis, op grond van de Wgs en alleen het noodzakelijke.\"",
    );
    let l = option_lengths(&load(&long));
    assert_eq!(
        (l.decisions, l.expert_longest.clone()),
        (1, vec!["d_route".to_string()])
    );
    assert!(l.fraction() >= 0.5);
}

#[test]
fn flagging_everything_costs_a_point_per_fact_that_is_no_signal() {
    let c = load(&noor_text());
    let st = flag_strategies(&c, 1);
    let gemeente = st.iter().find(|s| s.role == "gemeente").unwrap();
    // The gemeente holds its verzuim signal and one ordinary fact.
    assert_eq!(
        (gemeente.max, gemeente.expert, gemeente.flag_everything),
        (1, 1, 0)
    );
}

#[test]
fn a_flag_on_a_vulnerability_costs_a_point_with_its_own_reason_and_is_listed() {
    let text = noor_text().replace(
        "(id: \"f_verhuisd\", text: \"Het gezin van Noor is vorig jaar binnen de gemeente verhuisd.\",\n         about: \"noor\", known_by: [\"gemeente\"]),",
        "(id: \"f_verhuisd\", text: \"Noor had tot vorig jaar jeugdhulp vanwege spanningen thuis.\",\n         about: \"noor\", vulnerability: true, known_by: [\"gemeente\"]),",
    );
    let c = load(&text);
    assert!(c.facts.iter().any(|f| f.vulnerability));
    let mut s = Session::start(c.clone(), 1, &["gemeente".to_string()], None).unwrap();
    s.apply(
        "gemeente",
        &Act::Flag {
            fact: "f_verhuisd".into(),
            form: Form::Sexual,
        },
    )
    .unwrap();
    let d = evaluate(c.clone(), s.log()).unwrap();
    let r = &d.roles[0];
    assert_eq!(r.vulnerabilities.len(), 1);
    assert!(r.vulnerabilities[0].flagged);
    let item = r.items.iter().find(|i| i.subject == "f_verhuisd").unwrap();
    assert_eq!(item.earned, -1);
    assert!(item.reason.contains("kwetsbaarheid"), "{}", item.reason);
    // Both a signal and a vulnerability: an error at the fact.
    let both = noor_text().replace(
        "about: \"noor\", signal: (form: Sexual, weight: 1), known_by: [\"gemeente\"]),",
        "about: \"noor\", signal: (form: Sexual, weight: 1), vulnerability: true, known_by: [\"gemeente\"]),",
    );
    let e = errors(&both);
    assert!(e.contains("both a signal and a vulnerability"), "{e}");
}

#[test]
fn a_channel_with_users_is_offered_and_open_only_to_them() {
    let text = noor_text().replace(
        "(id: \"mail\", name: \"Beveiligde e-mail\", kind: Direct),",
        "(id: \"mail\", name: \"Beveiligde e-mail\", kind: Direct, users: [\"politie\"]),",
    );
    let c = load(&text);
    let mail = c.ids.channels["mail"];
    let gem = c.ids.roles["gemeente"];
    let pol = c.ids.roles["politie"];
    let s = Session::start(
        c.clone(),
        1,
        &["gemeente".to_string(), "politie".to_string()],
        None,
    )
    .unwrap();
    assert!(!s.menu(gem).channels.iter().any(|(ch, _)| *ch == mail));
    assert!(s.menu(pol).channels.iter().any(|(ch, _)| *ch == mail));
    let mut s = s;
    let share = Act::Share {
        facts: vec!["f_verzuim".into()],
        to: vec!["politie".into()],
        channel: "mail".into(),
        ground: "wgs".into(),
    };
    let e = s.apply("gemeente", &share).unwrap_err();
    assert!(e.to_string().contains("cannot use"), "{e}");
    // A script step through a channel its role cannot use never runs:
    // an error at the step.
    let bad = text.replace(
        "do: Share(facts: [\"f_verzuim\"], to: [], channel: \"overleg\", ground: \"wgs\")),",
        "do: Share(facts: [\"f_verzuim\"], to: [\"politie\"], channel: \"mail\", ground: \"wgs\")),",
    );
    let e = errors(&bad);
    assert!(e.contains("cannot use") && e.contains("t.ron:15:15"), "{e}");
}

#[test]
fn an_auto_flagging_role_flags_each_signal_it_knows_when_it_learns_it() {
    // The worked example's police flag by `auto_flag: true`.
    let text = noor_text();
    assert!(text.contains("auto_flag: true"));
    let c = load(&text);
    let pol = c.ids.roles["politie"];
    let hotel = c.ids.facts["f_hotel"];
    let fiets = c.ids.facts["f_fiets"];
    let s = Session::start(c.clone(), 1, &["gemeente".to_string()], None).unwrap();
    let flags = &s.state().flags[pol];
    assert_eq!(flags[hotel].map(|(f, _)| f), Some(Form::Sexual));
    assert_eq!(flags[fiets], None, "no flag on a fact that is no signal");
    // Played, the role flags nothing by itself.
    let s = Session::start(c.clone(), 1, &["politie".to_string()], None).unwrap();
    assert_eq!(s.state().flags[pol][hotel], None);
    // Without it, an unplayed role flags only what its script says.
    let c = load(&text.replace(", auto_flag: true", ""));
    let s = Session::start(c.clone(), 1, &["gemeente".to_string()], None).unwrap();
    assert_eq!(s.state().flags[pol][hotel], None);
}

#[test]
fn play_refuses_answers_written_for_another_scenario() {
    let dir = std::env::temp_dir().join(format!("ketensim-fairness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("x.answers.ron");
    std::fs::write(
        &answers,
        "Answers(\n    scenario: \"criminele-uitbuiting-sem\",\n    steps: [],\n)\n",
    )
    .unwrap();
    let args = play_args(NOOR, Some("gemeente"), answers.clone());
    let err = play(&args).expect_err("refused");
    let msg = err[0].to_string();
    assert!(
        msg.contains("x.answers.ron:2:5")
            && msg.contains("`criminele-uitbuiting-sem`, not for `voorbeeld-noor`"),
        "{msg}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_folder_check_holds_every_answer_file_to_a_scenario_of_the_folder() {
    let dir = std::env::temp_dir().join(format!("ketensim-answers-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    std::fs::write(dir.join("noor.ron"), noor_text()).unwrap();
    std::fs::write(
        dir.join("answers/goed.answers.ron"),
        "Answers(scenario: \"voorbeeld-noor\", steps: [])\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("answers/vreemd.answers.ron"),
        "Answers(\n    scenario: \"iets-anders\",\n    steps: [],\n)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("answers/zonder.answers.ron"),
        "Answers(steps: [])\n",
    )
    .unwrap();
    let (diags, files, _) = ketensim::cli::check::check_all(std::slice::from_ref(&dir));
    assert_eq!(files, 1);
    let text = diags.to_string();
    assert_eq!(diags.errors().count(), 1, "{text}");
    assert!(
        text.contains("vreemd.answers.ron:2:5: error") && text.contains("`iets-anders`"),
        "{text}"
    );
    assert_eq!(diags.warnings().count(), 1, "{text}");
    assert!(
        text.contains("zonder.answers.ron") && text.contains("does not say which scenario"),
        "{text}"
    );
    assert!(!text.contains("goed.answers.ron"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn analyze_reports_the_fairness_figures_in_its_json_and_text() {
    let out = ketensim()
        .args(["analyze", NOOR, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fairness"]["option_lengths"]["decisions"], 1);
    let gemeente = v["fairness"]["flag_strategies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["role"] == "gemeente")
        .cloned()
        .unwrap();
    assert_eq!(
        (
            gemeente["expert"].as_i64(),
            gemeente["flag_everything"].as_i64()
        ),
        (Some(1), Some(0))
    );
    assert!(
        v["explorations"].is_array(),
        "the exploration's fields stay at the top"
    );
    let out = ketensim().args(["analyze", NOOR]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("expert option is the longest label in 0 of 1 decisions"),
        "{text}"
    );
    assert!(
        text.contains("gemeente") && text.contains("1 /   0 /   1  ok"),
        "{text}"
    );
}
