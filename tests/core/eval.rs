//! The structured evaluation on the bundled scenario: experts score the
//! maximum, the poor group file scores low with each mistake named and
//! referenced, every point is linked to its evidence, the maximum does not
//! depend on the play, and the exports are byte-identical for the same log.

use std::path::PathBuf;

use ketensim::cli::play::{PlayArgs, play};
use ketensim::cli::report::{Format, ReportArgs, debriefs};
use ketensim::core::engine::SessionLog;
use ketensim::core::eval::{
    Debrief, DecisionStatus, ItemKind, RoleDebrief, SignalStatus, evaluate,
};
use ketensim::core::export::{to_csv, to_html, to_json};

use crate::common::{SEM, play_args, sem};

const PLAYABLE: [&str; 4] = ["gemeente", "politie", "zorgcoordinator", "riec"];

/// Plays an answer file (role `None` for a group file) to the end and
/// returns its log and debrief.
fn run(role: Option<&str>, answers: &str) -> (SessionLog, Debrief) {
    let result = play(&PlayArgs {
        trainee: Some("Test Deelnemer".into()),
        ..play_args(
            SEM,
            role,
            format!("scenarios/answers/{answers}.answers.ron"),
        )
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let log = result.session.log().clone();
    let debrief = evaluate(result.session.scenario().clone(), &log).expect("evaluate");
    (log, debrief)
}

fn role<'a>(d: &'a Debrief, id: &str) -> &'a RoleDebrief {
    d.roles
        .iter()
        .find(|r| r.role == id)
        .unwrap_or_else(|| panic!("no section for {id}"))
}

/// Every score is the sum of its items; every point earned or lost by an
/// action names that action, which is one of this role's logged actions;
/// points lost without an action are only points not earned (omissions).
fn assert_points_link_to_evidence(log: &SessionLog, d: &Debrief) {
    for r in &d.roles {
        let mut total = (0, 0);
        for s in &r.scores {
            let items: Vec<_> = r.items.iter().filter(|i| i.competency == s.id).collect();
            let earned: i32 = items.iter().map(|i| i.earned).sum();
            let possible: i32 = items.iter().map(|i| i.possible).sum();
            assert_eq!(s.earned, earned, "{} {}: earned is the sum", r.role, s.id);
            assert_eq!(s.max, possible, "{} {}: max is the sum", r.role, s.id);
            total.0 += earned;
            total.1 += possible;
        }
        assert_eq!((r.total_earned, r.total_max), total, "{}: totals", r.role);
        for i in &r.items {
            assert!(
                r.scores.iter().any(|s| s.id == i.competency),
                "item competency {} has a score",
                i.competency
            );
            assert!(!i.text.is_empty() && !i.reason.is_empty(), "{i:?}");
            assert!(i.possible >= 0, "{i:?}");
            match i.action {
                Some(a) => {
                    let logged = log
                        .actions
                        .get(a - 1)
                        .unwrap_or_else(|| panic!("action {a} is in the log: {i:?}"));
                    assert_eq!(logged.role, r.role, "the action is this role's: {i:?}");
                    assert!(i.at.is_some(), "{i:?}");
                }
                None => assert_eq!(i.earned, 0, "points earned or lost need an action: {i:?}"),
            }
            if i.earned != i.possible && i.kind != ItemKind::Signal {
                assert!(
                    !i.reference.is_empty(),
                    "a lost point cites its rule: {i:?}"
                );
            }
        }
    }
}

#[test]
fn experts_score_the_maximum_on_every_competency() {
    for r in PLAYABLE {
        let (log, d) = run(Some(r), &format!("sem-{r}-expert"));
        assert_points_link_to_evidence(&log, &d);
        assert_eq!(d.outcome.as_ref().map(|o| o.id.as_str()), Some("goed"));
        assert_eq!(
            d.expert_outcome.as_ref().map(|o| o.id.as_str()),
            Some("goed")
        );
        assert!(d.turning_points.is_empty(), "{r}: {:?}", d.turning_points);
        let sec = role(&d, r);
        assert_eq!(sec.scores.len(), 6, "{r}: the six competencies");
        for s in &sec.scores {
            assert_eq!(s.earned, s.max, "{r}: {} {}/{}", s.id, s.earned, s.max);
            assert!(s.max > 0, "{r}: {} has points to earn", s.id);
            assert_eq!(s.percent, Some(100));
        }
        assert!(sec.false_flags.is_empty());
        assert!(sec.shares.iter().all(|s| s.verdict == "lawful"), "{r}");
        assert!(
            sec.expectations
                .iter()
                .all(|e| e.met && e.in_time != Some(false))
        );
        assert!(sec.decisions.iter().all(|x| x.chose_expert), "{r}");
        assert!(sec.summary.improvements.is_empty(), "{r}");
        assert!(
            sec.summary.headline.contains("100%"),
            "{}",
            sec.summary.headline
        );
    }
}

#[test]
fn the_poor_group_scores_low_and_names_each_mistake_with_its_reference() {
    let (log, d) = run(None, "sem-groep-poor");
    assert_points_link_to_evidence(&log, &d);
    assert_eq!(d.session.roles, vec!["politie", "zorgcoordinator"]);
    assert_eq!(d.outcome.as_ref().map(|o| o.kind.as_str()), Some("bad"));
    for r in &d.roles {
        assert!(
            r.total_earned * 4 < r.total_max,
            "{}: {} of {} is low",
            r.role,
            r.total_earned,
            r.total_max
        );
    }

    // 1. The stacked signals are missed: every signal they saw is unflagged,
    // and each is an item without points.
    for r in &d.roles {
        let missed: Vec<_> = r
            .signals
            .iter()
            .filter(|s| s.status == SignalStatus::Missed)
            .collect();
        assert!(missed.len() >= 5, "{}: {} missed", r.role, missed.len());
        for s in missed.iter().filter(|s| s.scored) {
            let item = r
                .items
                .iter()
                .find(|i| i.kind == ItemKind::Signal && i.subject == s.fact)
                .expect("a missed signal is an item");
            assert_eq!((item.earned, item.possible), (0, 1));
        }
        let sig = r.scores.iter().find(|s| s.id == "signalering").unwrap();
        assert!(sig.earned <= 0, "{}: signalering {}", r.role, sig.earned);
    }

    // 2. The full care file, brought into the ZVH "under the Wgs" without
    // consent: unlawful, because the Wgs does not lift beroepsgeheim, with
    // the reason and the rule, and it costs points.
    let zorg = role(&d, "zorgcoordinator");
    let row = zorg
        .shares
        .iter()
        .find(|s| s.fact == "f_ggz_dossier")
        .expect("the GGZ file is in the sharing matrix");
    assert_eq!(row.verdict, "unlawful");
    assert_eq!(
        row.ground,
        "Wet gegevensverwerking door samenwerkingsverbanden (Wgs)"
    );
    assert_eq!(row.rule.as_deref(), Some("sr_bg_wgs"));
    assert!(
        row.reason.contains("heft het beroepsgeheim niet op"),
        "{}",
        row.reason
    );
    assert!(row.reason.contains("toestemming"), "{}", row.reason);
    assert!(row.reference.contains("beroepsgeheim"), "{}", row.reference);
    let item = zorg
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Share && i.subject == "f_ggz_dossier")
        .expect("the share costs points");
    // An unlawful share costs 2 under Rechtmatig delen (a wrong label: 1).
    assert_eq!(
        (item.competency.as_str(), item.earned),
        ("rechtmatig_delen", -2)
    );
    assert!(item.action.is_some());
    let dossier = zorg
        .decisions
        .iter()
        .find(|x| x.id == "d_zorg_overleg")
        .unwrap();
    assert_eq!(dossier.chosen.as_ref().unwrap().id, "o_dossier");
    assert!(!dossier.chose_expert);
    assert!(
        dossier
            .chosen
            .as_ref()
            .unwrap()
            .reference
            .contains("AVG art. 5")
    );
    // What should have been shared instead is named.
    let missed: Vec<_> = zorg.missed_shares().collect();
    assert!(missed.iter().any(|e| e.id == "e_zorg_zvh"), "{missed:?}");

    // 3. The minor prosecuted without a check: the decision, its feedback
    // and reference, and it is a turning point for the worse.
    let pol = role(&d, "politie");
    let arrest = pol
        .decisions
        .iter()
        .find(|x| x.id == "d_pol_aanhouding")
        .unwrap();
    assert_eq!(arrest.status, DecisionStatus::Decided);
    let chosen = arrest.chosen.as_ref().unwrap();
    assert_eq!(chosen.id, "o_vervolgen");
    assert!(chosen.reference.contains("Aanwijzing mensenhandel"));
    assert!(chosen.feedback.contains("non-punishment"));
    let lost: i32 = pol
        .items
        .iter()
        .filter(|i| i.subject == "d_pol_aanhouding")
        .map(|i| i.earned)
        .sum();
    assert!(lost < 0, "prosecuting costs points ({lost})");
    let tp = d
        .turning_points
        .iter()
        .find(|t| t.text.contains("aangehouden"))
        .expect("the arrest decision is a turning point");
    assert_eq!(tp.direction, "worse");
    assert_eq!(tp.after, "slecht");
    assert!(
        tp.expert_instead
            .as_deref()
            .unwrap_or("")
            .contains("beoordelen of hij wordt uitgebuit")
    );
    // Waiting when a threatened 15-year-old is missing is named too, with
    // its reference (there is no waiting period for a missing person).
    let missing = pol
        .decisions
        .iter()
        .find(|x| x.id == "d_pol_vermissing")
        .expect("the police decide on the missing report");
    let waited = missing.chosen.as_ref().expect("decided");
    assert_eq!(waited.id, "o_afwachten");
    assert!(!missing.chose_expert);
    assert!(
        waited.feedback.contains("geen wachttijd"),
        "{}",
        waited.feedback
    );
    assert!(
        waited.reference.contains("vermiste personen"),
        "{}",
        waited.reference
    );
    // The summary names it in plain Dutch.
    assert!(
        pol.summary
            .improvements
            .iter()
            .any(|s| s.contains("jeugdstrafroute") && s.contains("Aanwijzing mensenhandel")),
        "{:?}",
        pol.summary.improvements
    );

    // The reports name every one of these mistakes with its reference.
    let html = to_html(&d);
    let json = to_json(&d).unwrap();
    for needle in [
        "sr_bg_wgs",
        "Wgs; beroepsgeheim",
        "Aanwijzing mensenhandel (2022A002)",
        "Meldcode stap 1",
    ] {
        assert!(json.contains(needle), "JSON names {needle}");
    }
    for needle in [
        "Wet gegevensverwerking door samenwerkingsverbanden (Wgs)",
        "heft het beroepsgeheim niet op",
        "Aanwijzing mensenhandel (2022A002)",
        "jeugdstrafroute",
    ] {
        assert!(html.contains(needle), "HTML names {needle}");
    }
}

#[test]
fn the_maximum_follows_from_the_scenario_not_from_the_play() {
    for r in ["gemeente", "politie"] {
        let (_, expert) = run(Some(r), &format!("sem-{r}-expert"));
        let (log, poor) = run(Some(r), &format!("sem-{r}-poor"));
        assert_points_link_to_evidence(&log, &poor);
        let max = |d: &Debrief| -> Vec<(String, i32)> {
            role(d, r)
                .scores
                .iter()
                .map(|s| (s.id.clone(), s.max))
                .collect()
        };
        assert_eq!(max(&expert), max(&poor), "{r}");
        let p = role(&poor, r);
        assert!(p.total_earned < role(&expert, r).total_earned / 2);
        assert!(!p.summary.improvements.is_empty());
    }
}

#[test]
fn the_same_log_gives_the_same_bytes() {
    let (log, _) = run(Some("gemeente"), "sem-gemeente-poor");
    let dir = std::env::temp_dir().join(format!("ketensim-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("poor.session.ron");
    std::fs::write(&path, log.to_ron()).unwrap();
    let read = SessionLog::read(&path).unwrap();
    let scenario = sem();
    let a = evaluate(scenario.clone(), &log).unwrap();
    let b = evaluate(scenario, &read).unwrap();
    assert_eq!(a, b);
    assert_eq!(to_json(&a).unwrap(), to_json(&b).unwrap());
    assert_eq!(to_html(&a), to_html(&b));

    // Through the CLI's path as well, twice.
    let args = ReportArgs {
        logs: vec![path.clone()],
        scenario: None,
        scenarios: PathBuf::from("scenarios"),
        format: Format::Json,
        out: None,
        actor: None,
        account: None,
    };
    let x = Format::Json.render(&debriefs(&args).unwrap()).unwrap();
    let y = Format::Json.render(&debriefs(&args).unwrap()).unwrap();
    assert_eq!(x, y);
    assert_eq!(x, to_json(&a).unwrap());
    let h1 = Format::Html.render(&debriefs(&args).unwrap()).unwrap();
    let h2 = Format::Html.render(&debriefs(&args).unwrap()).unwrap();
    assert_eq!(h1, h2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn csv_has_one_row_per_trainee_session() {
    let mut all = Vec::new();
    for (r, a) in [
        (Some("gemeente"), "sem-gemeente-expert"),
        (Some("politie"), "sem-politie-poor"),
        (None, "sem-groep-poor"),
    ] {
        let (_, d) = run(r, a);
        all.push((format!("{a}.session.ron"), d));
    }
    let csv = to_csv(&all).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // One row per played role: 1 + 1 + 2.
    assert_eq!(rows.len(), 4);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("role")], "gemeente");
    assert_eq!(&rows[0][col("outcome")], "goed");
    assert_eq!(&rows[0][col("total_percent")], "100");
    assert_eq!(&rows[0][col("trainee")], "Test Deelnemer");
    assert_eq!(&rows[2][col("role")], "politie");
    assert_eq!(&rows[3][col("role")], "zorgcoordinator");
    assert_eq!(&rows[3][col("outcome_kind")], "bad");
    assert_eq!(&rows[3][col("unlawful_shares")], "12");
    // The per-competency columns agree with the debrief.
    let zorg = role(&all[2].1, "zorgcoordinator");
    for s in &zorg.scores {
        assert_eq!(
            rows[3][col(&format!("{}_earned", s.id))],
            s.earned.to_string()
        );
        assert_eq!(rows[3][col(&format!("{}_max", s.id))], s.max.to_string());
    }
    // html/json take one log.
    assert!(Format::Json.render(&all).is_err());
}

#[test]
fn a_log_for_another_version_of_the_scenario_is_a_clear_error() {
    let (mut log, _) = run(Some("gemeente"), "sem-gemeente-expert");
    log.scenario_hash = "0".repeat(64);
    let dir = std::env::temp_dir().join(format!("ketensim-eval-hash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.session.ron");
    std::fs::write(&path, log.to_ron()).unwrap();
    let err = debriefs(&ReportArgs {
        logs: vec![path.clone()],
        scenario: None,
        scenarios: PathBuf::from("scenarios"),
        format: Format::Html,
        out: None,
        actor: None,
        account: None,
    })
    .unwrap_err();
    let text = err[0].to_string();
    assert!(text.contains("old.session.ron"), "{text}");
    assert!(text.contains("different content hash"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn snapshots_pin_the_json_of_the_expert_and_the_poor_answer_files() {
    let (_, expert) = run(Some("gemeente"), "sem-gemeente-expert");
    insta::assert_snapshot!("sem_gemeente_expert", to_json(&expert).unwrap());
    let (_, poor) = run(None, "sem-groep-poor");
    insta::assert_snapshot!("sem_groep_poor", to_json(&poor).unwrap());
}

/// The self-study report draws the same chart as the group report, for
/// the played role: per signal a marker where the role could first see
/// it, where it flagged it and where the expert path saw (and flagged)
/// it, each in the column of the debrief's own moment. The answers leave
/// signals unflagged, so rows without a flag marker are checked too.
#[test]
fn the_self_study_report_charts_the_roles_flags_against_the_expert_path() {
    use crate::common::{chart_markers, esc, validate_html};
    // The gemeente's expert answers with four flags left out.
    let expert =
        std::fs::read_to_string("scenarios/answers/sem-gemeente-expert.answers.ron").unwrap();
    let left_out = ["f_tweede_telefoon", "f_hotspot", "f_telefoon", "f_dreiging"];
    let partly: String = expert
        .lines()
        .filter(|l| {
            !left_out
                .iter()
                .any(|f| l.contains(&format!("Flag(fact: \"{f}\"")))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        expert.lines().count() - partly.lines().count(),
        left_out.len()
    );
    let dir = std::env::temp_dir().join(format!("ketensim-chart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("partly.answers.ron");
    std::fs::write(&answers, partly).unwrap();
    let result =
        play(&play_args(SEM, Some("gemeente"), &answers)).unwrap_or_else(|d| panic!("{d:?}"));
    let d = evaluate(result.session.scenario().clone(), result.session.log()).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let r = role(&d, "gemeente");
    let html = to_html(&d);
    let title = html
        .find("signaalgrafiek-gemeente-titel")
        .expect("the chart is inline");
    let start = html[..title].rfind("<svg").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    assert!(!svg.contains("<script") && !svg.contains("href"));
    let markers = chart_markers(svg);
    let last = d.scenario.day_parts.len() - 1;
    let col = |t: u32| (t as usize).min(last);
    let rows: Vec<_> = r
        .signals
        .iter()
        .filter(|s| s.scored || s.visible_at.is_some())
        .collect();
    assert!(rows.len() >= 5, "{} rows", rows.len());
    let (mut flagged, mut unflagged_seen) = (0, 0);
    for (i, sig) in rows.iter().enumerate() {
        let at = |m: &str| {
            markers
                .iter()
                .filter(|(row, k, _)| *row == i && k == m)
                .map(|(_, _, c)| *c)
                .collect::<Vec<_>>()
        };
        let want = |t: Option<u32>| t.map(col).into_iter().collect::<Vec<_>>();
        assert_eq!(
            at("held"),
            want(sig.visible_at.as_ref().map(|m| m.tick)),
            "{}",
            sig.fact
        );
        assert_eq!(
            at("flagged"),
            want(sig.flagged_at.as_ref().map(|m| m.tick)),
            "{}",
            sig.fact
        );
        assert_eq!(
            at("expert"),
            want(sig.expert_visible_at.as_ref().map(|m| m.tick)),
            "{}",
            sig.fact
        );
        assert!(svg.contains(&esc(&sig.text)), "{}", sig.fact);
        flagged += usize::from(sig.flagged_at.is_some());
        unflagged_seen += usize::from(sig.flagged_at.is_none() && sig.visible_at.is_some());
    }
    assert!(flagged > 5, "flagged {flagged}");
    assert!(unflagged_seen >= left_out.len(), "missed {unflagged_seen}");
    // The old tick-level timeline is gone: one chart, one drawing.
    assert_eq!(
        html.matches("<svg class=\"chart\" role=\"img\" viewBox")
            .count(),
        1
    );
    validate_html("self-study-chart", &html);
}
