//! The group report of a training day: one self-contained HTML file
//! (inline CSS, no scripts, no network), readable on a projector and
//! printable to A4, and the group debrief as JSON.
//!
//! The page is a view of the [`GroupDebrief`]: who played what, the
//! outcome and the turning points for the group, the scenario's learning
//! goals, the scores side by side, the chain timeline (signals and the
//! whole picture against the expert path), the trainer's observations and actions at their moments, and the
//! questions for the casuïstiekbespreking. It uses the single report's
//! style sheet; all visible text is Dutch; `maud` escapes every piece of
//! data. The same debrief gives the same bytes.

use super::html::{direction, learning_goals_section, outcome_card};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::core::eval::group::{
    ChainSignal, FirstFlag, GroupDebrief, Held, PictureRow, RoleRef, TrainerRecord,
};
use crate::core::eval::{
    DecisionStatus, RoleDebrief, STANDARD, SignalStatus, TurningPoint, competency_id, percent,
};

/// The single report's style sheet, plus what the group page adds.
const CSS: &str = include_str!("html/report.css");
const GROUP_CSS: &str = "
body { max-width: 72rem; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: .8rem 0 0; padding: 0; list-style: none; font-size: .9rem; }
nav.toc a { color: var(--accent); }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem; }
.side .summary { padding: .8rem 1rem; }
.side .summary h3 { margin: 0 0 .2rem; }
.side .summary .who { margin: 0 0 .6rem; color: var(--muted); font-size: .9rem; }
.side .summary .headline { font-size: 1rem; }
.figures { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .6rem 0 0; font-size: .88rem; }
.figures dt { color: var(--muted); }
.figures dd { margin: 0; }
table.scores td, table.scores th { text-align: right; }
tr.total-row th { font-weight: 700; border-top: 2px solid #8c98a4; border-bottom: 0; }
table.scores th:first-child, table.scores td:first-child { text-align: left; }
ol.questions li { margin: .5rem 0; }
@media print { body { max-width: none; } .side { grid-template-columns: 1fr 1fr; } }
";

/// The group debrief as a self-contained HTML document.
pub fn to_group_html(g: &GroupDebrief) -> String {
    document(g).into_string()
}

/// The group debrief as JSON (UTF-8, two-space indent, trailing newline).
pub fn to_group_json(g: &GroupDebrief) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(g)?;
    s.push('\n');
    Ok(s)
}

fn document(g: &GroupDebrief) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "ketensim-group-debrief v" (g.schema_version) };
                title { "Groepsnabespreking — " (g.scenario.title) }
                style { (PreEscaped(CSS)) (PreEscaped(GROUP_CSS)) }
            }
            body {
                (header(g))
                main {
                    (seats(g))
                    (outcome(g))
                    (learning_goals_section(&g.scenario.learning_goals))
                    (scores(g))
                    (chain(g))
                    (picture(g))
                    (trainer(g))
                    (questions(g))
                }
                footer {
                    p { "Alle personen en organisaties in deze casus zijn fictief." }
                    p { "Groepsnabespreking volgens schema " (g.schema) " v" (g.schema_version) "." }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------

/// "Naam (Organisatie)".
fn who(r: &RoleRef) -> String {
    if r.organisation.trim().is_empty() {
        r.name.clone()
    } else {
        format!("{} ({})", r.name, r.organisation)
    }
}

/// Role names in a sentence, each marked when it acted by script.
fn roles_text(rs: &[RoleRef]) -> String {
    rs.iter()
        .map(|r| {
            if r.played {
                r.name.clone()
            } else {
                format!("{} (script)", r.name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a role id as the seats and sections know it.
fn role_name(g: &GroupDebrief, id: &str) -> String {
    g.seats
        .iter()
        .find(|s| s.role == id)
        .map(|s| s.role_name.clone())
        .or_else(|| {
            g.scripted
                .iter()
                .find(|r| r.role == id)
                .map(|r| r.name.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

fn person(g: &GroupDebrief, role: &str) -> Option<String> {
    g.seats
        .iter()
        .find(|s| s.role == role)
        .and_then(|s| s.person.clone())
}

/// "Dag 2, ochtend · actie 12".
fn at_action(label: &str, action: Option<usize>) -> Markup {
    html! {
        (label)
        @if let Some(a) = action { span.muted.small { " · actie " (a) } }
    }
}

/// The expert path's moment; its roles only where they differ from the
/// session's.
fn expert_held_cell(e: &Option<Held>, session: &Option<Held>) -> Markup {
    html! {
        @match e {
            Some(e) => {
                (e.at.label)
                @if session.as_ref().is_none_or(|s| s.by != e.by) {
                    span.sub { (roles_text(&e.by)) }
                }
            }
            None => span.muted { "ook niet" },
        }
    }
}

fn held_cell(h: &Option<Held>, none: &str) -> Markup {
    html! {
        @match h {
            Some(h) => {
                (at_action(&h.at.label, h.action))
                span.sub { (roles_text(&h.by)) }
                @if let Some(v) = &h.via { span.sub { (v) } }
            }
            None => span.muted { (none) },
        }
    }
}

/// A first flag; its form only when it is not the signal's own.
fn flag_cell(f: &Option<FirstFlag>, form: &str, none: &str) -> Markup {
    html! {
        @match f {
            Some(f) => {
                (at_action(&f.at.label, f.action))
                span.sub { (f.by.name) }
                @if f.form != form { span.sub { "als " (f.form) } }
            }
            None => span.muted { (none) },
        }
    }
}

/// "2 dagdelen later dan het expertpad", with a badge class.
fn behind(parts: i64) -> (String, &'static str) {
    let n = parts.unsigned_abs();
    let unit = if n == 1 { "dagdeel" } else { "dagdelen" };
    match parts {
        0 => ("even vroeg als op het expertpad".to_string(), "ok"),
        p if p > 0 => (format!("{n} {unit} later dan op het expertpad"), "warn"),
        _ => (format!("{n} {unit} eerder dan op het expertpad"), "ok"),
    }
}

// ---------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------

fn header(g: &GroupDebrief) -> Markup {
    let goals = !g.scenario.learning_goals.is_empty();
    let s = &g.session;
    let short_hash: String = g.scenario.hash.chars().take(12).collect();
    html! {
        header {
            p.eyebrow { "Ketensim · groepsnabespreking" }
            h1 { (g.scenario.title) }
            dl.meta {
                dt { "Scenario" }
                dd { "versie " (g.scenario.version) }
                dt { "Seed" }
                dd.num { (s.seed) }
                dt { "Rollen" }
                dd {
                    (g.seats.len()) " door deelnemers, "
                    (g.scripted.len()) " door het script"
                }
                dt { "Trainer" }
                dd { @if s.trainer { "ja" } @else { "nee" } }
                dt { "Verloop" }
                dd {
                    (s.actions) " acties, tot " (s.ended_at.label)
                    @if !s.finished { " (gestopt vóór het einde)" }
                }
                dt { "Controlegetal" }
                dd {
                    span.mono title=(g.scenario.hash) { (short_hash) }
                    " " span.muted.small { "(scenariobestand)" }
                }
            }
            nav.toc aria-label="Inhoud" {
                ol {
                    li { a href="#deelnemers" { "Deelnemers" } }
                    li { a href="#uitkomst" { "Uitkomst" } }
                    @if goals { li { a href="#leerdoelen" { "Leerdoelen" } } }
                    li { a href="#scores" { "Scores" } }
                    li { a href="#keten" { "Ketentijdlijn" } }
                    li { a href="#beeld" { "Het hele beeld" } }
                    li { a href="#trainer" { "Trainer" } }
                    li { a href="#vragen" { "Vragen" } }
                }
            }
        }
    }
}

fn seats(g: &GroupDebrief) -> Markup {
    html! {
        section aria-labelledby="deelnemers" {
            h2 #deelnemers { "Deelnemers" }
            table {
                caption { "Wie speelde welke rol, met de totaalscore van de rol" }
                colgroup {
                    col style="width:30%";
                    col;
                    col style="width:22%";
                    col style="width:17%";
                }
                thead {
                    tr {
                        th scope="col" { "Rol" }
                        th scope="col" { "Organisatie" }
                        th scope="col" { "Deelnemer" }
                        th scope="col" { "Totaal" }
                    }
                }
                tbody {
                    @for s in &g.seats {
                        @let r = g.roles.iter().find(|r| r.role == s.role);
                        tr {
                            td { (s.role_name) }
                            td { (s.organisation) }
                            td {
                                @match &s.person {
                                    Some(p) => (p),
                                    None => span.muted { "niet opgegeven" },
                                }
                            }
                            td.num {
                                @if let Some(r) = r {
                                    (r.total_earned) " van " (r.total_max)
                                    @if let Some(p) = percent(r.total_earned, r.total_max) {
                                        " (" (p) "%)"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !g.scripted.is_empty() {
                p.muted.small {
                    "Door het script gespeeld (zoals een deskundige het zou doen): "
                    @for (i, r) in g.scripted.iter().enumerate() {
                        @if i > 0 { ", " }
                        (r.name)
                    }
                    "."
                }
            }
        }
    }
}

fn turning_point(g: &GroupDebrief, t: &TurningPoint) -> Markup {
    html! {
        div.card {
            p.card-title {
                (t.at.label) span.muted.small { " · actie " (t.action) " · " (role_name(g, &t.role)) }
            }
            p { (t.text) }
            p { "De haalbare uitkomst werd " b { (direction(&t.direction)) } ":" }
            dl.shift {
                dt { "Vóór deze actie" }
                dd { (t.before_title) }
                dt { "Erna" }
                dd { (t.after_title) }
            }
            @if let Some(e) = &t.expert_instead {
                p.feedback { b { "Het expertpad deed hier: " } (e) }
            }
        }
    }
}

fn outcome(g: &GroupDebrief) -> Markup {
    html! {
        section aria-labelledby="uitkomst" {
            h2 #uitkomst { "Uitkomst van de casus" }
            (outcome_card(
                g.outcome.as_ref(),
                g.expert_outcome.as_ref(),
                &g.session.ended_at.label,
            ))
            h3 { "Keerpunten voor de groep" }
            @if g.turning_points.is_empty() {
                p { "Geen enkele actie veranderde de uitkomst die nog haalbaar was." }
            } @else {
                p.lead {
                    "Acties waarna een andere uitkomst binnen bereik lag dan vlak ervoor "
                    "(gemeten door vanaf dat moment het expertpad te volgen)."
                }
                @for t in &g.turning_points { (turning_point(g, t)) }
            }
        }
    }
}

/// Competencies in the standard order, then any a scenario adds.
fn competencies(g: &GroupDebrief) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = STANDARD
        .iter()
        .map(|c| (competency_id(c), c.label().to_string()))
        .collect();
    for r in &g.roles {
        for s in &r.scores {
            if !out.iter().any(|(id, _)| *id == s.id) {
                out.push((s.id.clone(), s.label.clone()));
            }
        }
    }
    out
}

fn score_cell(earned: i32, max: i32) -> Markup {
    html! {
        @if max == 0 && earned == 0 {
            span.muted { "n.v.t." }
        } @else {
            @if earned < 0 { span.neg { (earned) } } @else { (earned) }
            " / " (max)
            @if let Some(p) = percent(earned, max) { span.sub { (p) "%" } }
        }
    }
}

fn role_card(g: &GroupDebrief, r: &RoleDebrief) -> Markup {
    let scored = r.signals.iter().filter(|s| s.scored).count();
    let flagged = r
        .signals
        .iter()
        .filter(|s| s.scored && s.status == SignalStatus::Flagged)
        .count();
    let by_verdict = |v: &str| r.shares.iter().filter(|s| s.verdict == v).count();
    let faults: Vec<String> = [
        ("unlawful", "onrechtmatig"),
        ("excessive", "meer dan nodig"),
        ("wrong_ground", "rechtmatig op een verkeerde grondslag"),
    ]
    .iter()
    .filter_map(|(id, label)| {
        let n = by_verdict(id);
        (n > 0).then(|| format!("{n} {label}"))
    })
    .collect();
    let met = r.expectations.iter().filter(|e| e.met).count();
    let decisions = r
        .decisions
        .iter()
        .filter(|x| x.status != DecisionStatus::NotOpened || x.on_expert_path)
        .count();
    let expert = r.decisions.iter().filter(|x| x.chose_expert).count();
    let s = &r.summary;
    html! {
        div.summary {
            h3 { (r.name) }
            p.who {
                (r.organisation)
                @if let Some(p) = person(g, &r.role) { " · " (p) }
            }
            p.headline { (s.headline) }
            @if !s.strengths.is_empty() {
                div.strengths {
                    h4 { "Sterke punten" }
                    ul { @for x in &s.strengths { li { (x) } } }
                }
            }
            @if !s.improvements.is_empty() {
                div.improvements {
                    h4 { "Verbeterpunten" }
                    ul { @for x in &s.improvements { li { (x) } } }
                }
            }
            dl.figures {
                dt { "Signalen gemarkeerd" }
                dd { (flagged) " van " (scored) }
                dt { "Gedeeld" }
                dd {
                    (r.shares.len()) " keer een gegeven"
                    @if !faults.is_empty() { ", waarvan " (faults.join(", ")) }
                }
                dt { "Verwachtingen" }
                dd { (met) " van " (r.expectations.len()) " gehaald" }
                dt { "Beslissingen" }
                dd { (expert) " van " (decisions) " als op het expertpad" }
            }
        }
    }
}

fn scores(g: &GroupDebrief) -> Markup {
    let comps = competencies(g);
    html! {
        section aria-labelledby="scores" {
            h2 #scores { "Scores naast elkaar" }
            p.lead {
                "Per rol de punten per competentie tegen het maximum dat die rol in dit "
                "scenario kon halen. De onderbouwing van elk punt staat in het verslag per rol."
            }
            table.scores {
                caption { "Scores per competentie, per rol" }
                thead {
                    tr {
                        th scope="col" { "Competentie" }
                        @for r in &g.roles { th scope="col" { (r.name) } }
                    }
                }
                tbody {
                    @for (id, label) in &comps {
                        tr {
                            th scope="row" { (label) }
                            @for r in &g.roles {
                                @let s = r.scores.iter().find(|s| s.id == *id);
                                td.num {
                                    @match s {
                                        Some(s) => (score_cell(s.earned, s.max)),
                                        None => span.muted { "n.v.t." },
                                    }
                                }
                            }
                        }
                    }
                    tr.total-row {
                        th scope="row" { "Totaal" }
                        @for r in &g.roles {
                            td.num { (score_cell(r.total_earned, r.total_max)) }
                        }
                    }
                }
            }
            div.side {
                @for r in &g.roles { (role_card(g, r)) }
            }
        }
    }
}

fn signal_row(s: &ChainSignal) -> Markup {
    html! {
        tr {
            td {
                (s.text)
                span.sub { (s.form) " · gewicht " (s.weight) }
            }
            td { (held_cell(&s.held, "nooit")) }
            td { (expert_held_cell(&s.expert_held, &s.held)) }
            td {
                (flag_cell(&s.flagged, &s.form, "door geen deelnemer"))
                @if let Some(n) = s.parts_to_flag {
                    @if n > 0 {
                        span.sub { (n) @if n == 1 { " dagdeel" } @else { " dagdelen" } " na het eerste moment in de keten" }
                    }
                }
            }
            td { (flag_cell(&s.expert_flagged, &s.form, "niet")) }
        }
    }
}

fn chain(g: &GroupDebrief) -> Markup {
    let reached = g.chain.signals.iter().filter(|s| s.held.is_some()).count();
    let flagged = g
        .chain
        .signals
        .iter()
        .filter(|s| s.flagged.is_some())
        .count();
    html! {
        section aria-labelledby="keten" {
            h2 #keten { "Ketentijdlijn" }
            p.lead {
                "Voor elk signaal: wanneer een organisatie in de keten het als eerste had "
                "(gespeeld of door het script), wanneer een deelnemer het als eerste markeerde, "
                "en hetzelfde op het expertpad (alle gespeelde rollen zoals een deskundige)."
            }
            p {
                (reached) " van de " (g.chain.signals.len()) " signalen waren ergens in de keten bekend; "
                (flagged) " zijn door een deelnemer gemarkeerd."
            }
            figure.wide {
                (crate::core::export::chart::to_svg(&crate::core::eval::chart::Chart::of_group(g), "ketengrafiek"))
                figcaption {
                    "Rij per signaal en per beeld, kolom per dagdeel. Rondje: eerst in de keten; "
                    "vierkant: eerst gemarkeerd door een deelnemer; ruit: expertpad. De rode lijn is de tijd "
                    "tot de markering; gestreept: nooit gemarkeerd. De tabel hieronder geeft dezelfde gegevens "
                    "met wie en hoe."
                }
            }
            table {
                caption { "Ketentijdlijn van de signalen" }
                colgroup {
                    col;
                    col style="width:21%";
                    col style="width:19%";
                    col style="width:19%";
                    col style="width:15%";
                }
                thead {
                    tr {
                        th scope="col" { "Signaal" }
                        th scope="col" { "Eerst in de keten" }
                        th scope="col" { "Expertpad" }
                        th scope="col" { "Eerst gemarkeerd" }
                        th scope="col" { "Expertpad: gemarkeerd" }
                    }
                }
                tbody {
                    @for s in &g.chain.signals { (signal_row(s)) }
                }
            }
        }
    }
}

fn picture_card(p: &PictureRow) -> Markup {
    html! {
        div.card {
            p.card-title { (p.title) }
            @if !p.text.trim().is_empty() { p { (p.text) } }
            p.muted.small {
                "Het beeld is er als één rol minstens " (p.at_least) " van deze "
                (p.facts.len()) " gegevens heeft:"
            }
            ul { @for f in &p.facts { li { (f.text) } } }
            dl.shift {
                dt { "In deze sessie" }
                dd {
                    @match &p.held {
                        Some(h) => {
                            (at_action(&h.at.label, h.action)) ", bij " (roles_text(&h.by))
                        }
                        None => span.muted { "geen rol die erop kon handelen had het beeld" },
                    }
                }
                dt { "Op het expertpad" }
                dd {
                    @match &p.expert_held {
                        Some(h) => { (h.at.label) ", bij " (roles_text(&h.by)) }
                        None => span.muted { "ook daar had geen van deze rollen het beeld" },
                    }
                }
                dt { "Verschil" }
                dd {
                    @match p.parts_behind_expert {
                        Some(d) => {
                            @let (text, class) = behind(d);
                            span.badge.(class) { (text) }
                        }
                        None => span.muted { "—" },
                    }
                }
            }
            table {
                caption { "Hoe ver elke rol kwam die op het beeld kon handelen" }
                thead {
                    tr {
                        th scope="col" { "Rol" }
                        th scope="col" { "Gegevens aan het eind" }
                        th scope="col" { "Beeld compleet" }
                    }
                }
                tbody {
                    @for h in &p.holders {
                        tr {
                            td {
                                (who(&h.role))
                                @if !h.role.played { span.sub { "door het script" } }
                            }
                            td.num { (h.facts_held) " van " (p.facts.len()) }
                            td {
                                @match &h.at {
                                    Some(m) => (m.label),
                                    None => span.muted { "niet" },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn picture(g: &GroupDebrief) -> Markup {
    html! {
        section aria-labelledby="beeld" {
            h2 #beeld { "Het hele beeld" }
            @if g.chain.pictures.is_empty() {
                p {
                    "Dit scenario benoemt geen totaalbeeld (geen "
                    code { "pictures" }
                    " in het scenariobestand), dus hier staat niets om te vergelijken. "
                    "De ketentijdlijn hierboven laat per signaal zien waar het lag."
                }
            } @else {
                p.lead {
                    "Wanneer had voor het eerst één rol die erop kon handelen de combinatie van "
                    "gegevens die samen laat zien wat er speelt — tegen het moment op het expertpad."
                }
                @for p in &g.chain.pictures { (picture_card(p)) }
            }
        }
    }
}

/// One line of the trainer's table: (tick, after, kind, role, competency,
/// text).
type TrainerLine = (u32, usize, String, String, String, String, String);

fn trainer_lines(t: &TrainerRecord) -> Vec<TrainerLine> {
    let mut out: Vec<TrainerLine> = Vec::new();
    for e in &t.events {
        let kind = match e.kind.as_str() {
            "pause" => "Pauze",
            "resume" => "Hervat",
            "end_day_part" => "Dagdeel beëindigd",
            "release" => "Inject vrijgegeven",
            _ => "Trainer",
        };
        out.push((
            e.at.tick,
            e.after,
            e.at.label.clone(),
            kind.to_string(),
            String::new(),
            String::new(),
            e.text.clone(),
        ));
    }
    for o in &t.observations {
        out.push((
            o.at.tick,
            o.after,
            o.at.label.clone(),
            "Observatie".to_string(),
            o.role.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
            o.competency_label.clone().unwrap_or_default(),
            o.text.clone(),
        ));
    }
    for m in &t.marks {
        out.push((
            m.at.tick,
            m.after,
            m.at.label.clone(),
            "Beoordeling".to_string(),
            m.role.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
            String::new(),
            format!(
                "{}: {}",
                m.text,
                if m.met { "gehaald" } else { "niet gehaald" }
            ),
        ));
    }
    out.sort_by_key(|l| (l.0, l.1));
    out
}

fn trainer(g: &GroupDebrief) -> Markup {
    let lines = trainer_lines(&g.trainer);
    html! {
        section aria-labelledby="trainer" {
            h2 #trainer { "Trainer: observaties en verloop" }
            @if lines.is_empty() {
                p.muted {
                    @if g.session.trainer {
                        "De trainer heeft geen observaties genoteerd en niet ingegrepen."
                    } @else {
                        "Deze sessie had geen trainer."
                    }
                }
            } @else {
                p.lead {
                    "Wat de trainer zag en deed, op het moment in de casus waarop het gebeurde "
                    "(met het aantal acties dat eraan voorafging)."
                }
                table {
                    caption { "Observaties, beoordelingen en ingrepen van de trainer" }
                    colgroup {
                        col style="width:15%";
                        col style="width:15%";
                        col style="width:15%";
                        col style="width:15%";
                        col;
                    }
                    thead {
                        tr {
                            th scope="col" { "Moment" }
                            th scope="col" { "Wat" }
                            th scope="col" { "Rol" }
                            th scope="col" { "Competentie" }
                            th scope="col" { "Toelichting" }
                        }
                    }
                    tbody {
                        @for (_, after, label, kind, role, comp, text) in &lines {
                            tr {
                                td { (label) span.sub { "na " (after) " acties" } }
                                td { (kind) }
                                td { (role) }
                                td { (comp) }
                                td { (text) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn questions(g: &GroupDebrief) -> Markup {
    html! {
        section aria-labelledby="vragen" {
            h2 #vragen { "Vragen voor de casuïstiekbespreking" }
            @if !g.questions.is_empty() {
                p.lead { "Uit de trainersnotitie bij dit scenario." }
                ol.questions { @for q in &g.questions { li { (q) } } }
            } @else if g.note {
                p.muted { "De trainersnotitie bij dit scenario heeft geen vragen voor de casuïstiekbespreking." }
            } @else {
                p.muted {
                    "Er is geen trainersnotitie bij dit scenario gevonden (een .md-bestand "
                    "naast het scenariobestand met dezelfde naam)."
                }
            }
        }
    }
}
