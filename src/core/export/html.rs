//! HTML export: one self-contained file (inline CSS and SVG, no network,
//! no scripts), readable on screen and printable to A4.
//!
//! The page is a view of the [`Debrief`]: a header with the session, the
//! outcome, the scenario's learning goals, then one section per played
//! role with the 30-second summary, the scores, turning points, signals,
//! sharing, expectations, decisions and the full evidence trail behind
//! every point. All visible text is
//! Dutch. Markup comes from `maud`, which escapes every piece of data; the
//! only unescaped text is the fixed style sheet. Nothing depends on the
//! clock or on hash-map order, so the same debrief gives the same bytes.

mod charts;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::core::eval::chart::Chart;
use crate::core::eval::{
    Debrief, DecisionRow, DecisionStatus, ExpectationRow, ItemKind, OutcomeInfo, RoleDebrief,
    ScoreItem, ShareRow, SignalStatus, TurningPoint,
};

/// The style sheet, inlined in a `<style>` element.
const CSS: &str = include_str!("html/report.css");

/// The debrief as a self-contained HTML document.
pub fn to_html(d: &Debrief) -> String {
    document(d).into_string()
}

/// The section with the scenario's learning goals, after the outcome (the
/// single and the group report); nothing when there are none.
pub(super) fn learning_goals_section(goals: &[String]) -> Markup {
    html! {
        @if !goals.is_empty() {
            section aria-labelledby="leerdoelen" {
                h2 #leerdoelen { "Leerdoelen van deze casus" }
                ul.learning-goals {
                    @for g in goals { li { (g) } }
                }
            }
        }
    }
}

fn document(d: &Debrief) -> Markup {
    let several = d.roles.len() > 1;
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "ketensim-debrief v" (d.schema_version) };
                title { "Nabespreking — " (d.scenario.title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (header(d))
                main {
                    (outcome_section(d))
                    (learning_goals_section(&d.scenario.learning_goals))
                    @for (i, r) in d.roles.iter().enumerate() {
                        (role_section(d, r, several && i > 0))
                    }
                }
                footer {
                    p { "Alle personen en organisaties in deze casus zijn fictief." }
                    p { "Evaluatie volgens schema " (d.schema) " v" (d.schema_version) "." }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------

/// The CSS class of an outcome kind.
pub(super) fn kind_class(kind: &str) -> &'static str {
    match kind {
        "good" => "ok",
        "partial" => "warn",
        "bad" => "bad",
        _ => "na",
    }
}

fn verdict_class(verdict: &str) -> &'static str {
    match verdict {
        "lawful" => "ok",
        "wrong_ground" => "ground-fault",
        "excessive" => "warn",
        "unlawful" => "bad",
        _ => "na",
    }
}

/// The four verdicts a share can get, with their badge and points, as a
/// legend above the sharing matrix.
fn verdict_legend() -> Markup {
    html! {
        p.verdicts {
            b { "Oordelen: " }
            span.badge.ok { "rechtmatig" } " "
            span.badge.ground-fault { "rechtmatig, verkeerde grondslag" }
            " (de verstrekking mag, maar op een andere grondslag; −1 Rechtmatig delen) "
            span.badge.warn { "meer dan nodig" } " (−1 Proportionaliteit) "
            span.badge.bad { "onrechtmatig" } " (−2 Rechtmatig delen)"
        }
    }
}

fn signal_class(s: SignalStatus) -> &'static str {
    match s {
        SignalStatus::Flagged => "ok",
        SignalStatus::WrongForm => "warn",
        SignalStatus::Missed => "bad",
        SignalStatus::NotSeen => "na",
    }
}

fn decision_status(s: DecisionStatus) -> (&'static str, &'static str) {
    match s {
        DecisionStatus::Decided => ("Besloten", "ok"),
        DecisionStatus::Expired => ("Verlopen", "bad"),
        DecisionStatus::Open => ("Nog open", "warn"),
        DecisionStatus::NotOpened => ("Niet aan de orde gekomen", "na"),
    }
}

fn item_kind(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Signal => "Signaal",
        ItemKind::FalseFlag => "Onterecht signaal",
        ItemKind::Share => "Delen",
        ItemKind::Decision => "Beslissing",
        ItemKind::Expectation => "Verwachting",
    }
}

pub(super) fn direction(dir: &str) -> &'static str {
    match dir {
        "worse" => "slechter",
        "better" => "beter",
        _ => "anders",
    }
}

/// "actie 12", or nothing.
fn action_ref(a: Option<usize>) -> Markup {
    html! {
        @if let Some(a) = a {
            span.muted.nowrap { "actie " (a) }
        }
    }
}

/// A reference to a rule, law or policy, when there is one.
fn reference(r: &str) -> Markup {
    html! {
        @if !r.trim().is_empty() {
            p.ref { b { "Bron: " } (r) }
        }
    }
}

/// Points, with negative numbers marked (also by the minus sign).
fn points(earned: i32) -> Markup {
    html! {
        @if earned < 0 { span.neg { (earned) } } @else { (earned) }
    }
}

/// A safe fragment id for a role.
fn anchor(role: &str) -> String {
    let id: String = role
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("rol-{id}")
}

/// "Naam (Organisatie)" for a played role id.
fn role_name(d: &Debrief, id: &str) -> String {
    match d.roles.iter().find(|r| r.role == id) {
        Some(r) if !r.organisation.is_empty() => format!("{} ({})", r.name, r.organisation),
        Some(r) => r.name.clone(),
        None => id.to_string(),
    }
}

// ---------------------------------------------------------------------
// Header and outcome
// ---------------------------------------------------------------------

fn header(d: &Debrief) -> Markup {
    let s = &d.session;
    let short_hash: String = d.scenario.hash.chars().take(12).collect();
    html! {
        header {
            p.eyebrow { "Ketensim · nabespreking" }
            h1 { (d.scenario.title) }
            dl.meta {
                dt { "Scenario" }
                dd { "versie " (d.scenario.version) }
                dt { "Seed" }
                dd.num { (s.seed) }
                dt { "Deelnemer" }
                dd {
                    @match &s.trainee {
                        Some(t) if !t.trim().is_empty() => (t),
                        _ => span.muted { "niet opgegeven" },
                    }
                }
                dt { "Gespeeld" }
                dd {
                    @for (i, r) in s.roles.iter().enumerate() {
                        @if i > 0 { ", " }
                        (role_name(d, r))
                    }
                }
                dt { "Verloop" }
                dd {
                    (s.actions) " acties, tot " (s.ended_at.label)
                    @if !s.finished { " (gestopt vóór het einde)" }
                }
                dt { "Controlegetal" }
                dd {
                    span.mono title=(d.scenario.hash) { (short_hash) }
                    " " span.muted.small { "(scenariobestand)" }
                }
            }
        }
    }
}

pub(super) fn outcome_badge(o: &OutcomeInfo) -> Markup {
    html! {
        span.badge.(kind_class(&o.kind)) { (o.kind_label) }
    }
}

fn outcome_section(d: &Debrief) -> Markup {
    // Turning points of roles nobody played have no role section.
    let other: Vec<&TurningPoint> = d
        .turning_points
        .iter()
        .filter(|t| !d.roles.iter().any(|r| r.role == t.role))
        .collect();
    html! {
        section aria-labelledby="uitkomst" {
            h2 #uitkomst { "Uitkomst van de casus" }
            (outcome_card(
                d.outcome.as_ref(),
                d.expert_outcome.as_ref(),
                &d.session.ended_at.label,
            ))
            @if !other.is_empty() {
                h3 { "Keerpunten door rollen die niet gespeeld zijn" }
                @for t in &other {
                    (turning_point(t))
                }
            }
        }
    }
}

/// The outcome of a session against the expert path's (the single and
/// the group report).
pub(super) fn outcome_card(
    outcome: Option<&OutcomeInfo>,
    expert: Option<&OutcomeInfo>,
    ended_at: &str,
) -> Markup {
    let class = match outcome.map(|o| o.kind.as_str()) {
        Some("good") => "outcome-good",
        Some("partial") => "outcome-partial",
        Some("bad") => "outcome-bad",
        _ => "outcome-none",
    };
    html! {
        div.card.outcome.(class) {
            @match outcome {
                Some(o) => {
                    p.card-title { (outcome_badge(o)) " " (o.title) }
                    p { (o.text) }
                    p.muted.small { "Bereikt op " (o.at.label) "." }
                }
                None => {
                    p.card-title {
                        span.badge.na { "geen uitkomst" }
                        " De sessie stopte op " (ended_at)
                        ", voordat de casus een uitkomst bereikte."
                    }
                }
            }
            div.expert-line {
                @match expert {
                    Some(e) => {
                        p {
                            b { "Op het expertpad: " }
                            (outcome_badge(e)) " " (e.title)
                            span.muted.small { " (" (e.at.label) ")" }
                        }
                        @if outcome.is_some_and(|o| o.id != e.id) {
                            p.muted.small { (e.text) }
                        }
                    }
                    None => p.muted { "Het expertpad bereikt met deze seed geen uitkomst." },
                }
            }
        }
    }
}

// ---------------------------------------------------------------------
// Role section
// ---------------------------------------------------------------------

fn role_section(d: &Debrief, r: &RoleDebrief, new_page: bool) -> Markup {
    let id = anchor(&r.role);
    html! {
        section.role.new-page[new_page] aria-labelledby=(id) {
            div.role-head {
                h2 #(id) { (r.name) }
                @if !r.organisation.is_empty() { p { (r.organisation) } }
            }
            (summary(r))
            (scores(r))
            (turning_points(d, r))
            (signals(d, r))
            (sharing(r))
            (expectations(r))
            (decisions(r))
            (evidence(r))
        }
    }
}

fn summary(r: &RoleDebrief) -> Markup {
    let s = &r.summary;
    html! {
        div.summary {
            h3 { "In het kort" }
            p.headline { (s.headline) }
            div.cols.split[!s.strengths.is_empty() && !s.improvements.is_empty()] {
                div.strengths {
                    h4 { "Sterke punten" }
                    @if s.strengths.is_empty() {
                        p.muted { "Geen sterke punten vastgesteld." }
                    } @else {
                        ul { @for x in &s.strengths { li { (x) } } }
                    }
                }
                div.improvements {
                    h4 { "Verbeterpunten" }
                    @if s.improvements.is_empty() {
                        p.muted { "Geen verbeterpunten: alles ging zoals op het expertpad." }
                    } @else {
                        ul { @for x in &s.improvements { li { (x) } } }
                    }
                }
            }
        }
    }
}

fn scores(r: &RoleDebrief) -> Markup {
    let pct = crate::core::eval::percent(r.total_earned, r.total_max);
    html! {
        h3 { "Scores per competentie" }
        div.keep {
        p.total.num {
            "Totaal: " (points(r.total_earned)) " van " (r.total_max) " punten"
            @if let Some(p) = pct { " (" (p) "%)" }
        }
        @if r.scores.is_empty() {
            p.muted { "Voor deze rol zijn geen scores berekend." }
        } @else {
            figure {
                (charts::score_bars(&r.scores))
                figcaption {
                    "Percentage van het maximum dat deze rol in dit scenario kon halen. "
                    "Negatieve punten tellen als 0%. De onderbouwing van elk punt staat "
                    "onder ‘Verantwoording van de punten’."
                }
            }
        }
        }
    }
}

fn turning_point(t: &TurningPoint) -> Markup {
    html! {
        div.card {
            p.card-title {
                (t.at.label) span.muted.small { " · actie " (t.action) }
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

fn turning_points(d: &Debrief, r: &RoleDebrief) -> Markup {
    let mine: Vec<&TurningPoint> = d
        .turning_points
        .iter()
        .filter(|t| t.role == r.role)
        .collect();
    html! {
        h3 { "Keerpunten" }
        @if mine.is_empty() {
            p {
                "Geen enkele actie van deze rol veranderde de uitkomst die nog "
                "haalbaar was."
            }
        } @else {
            p.lead {
                "Acties waarna een andere uitkomst binnen bereik lag dan vlak ervoor "
                "(gemeten door vanaf dat moment het expertpad te volgen)."
            }
            @for t in mine { (turning_point(t)) }
        }
    }
}

fn signals(d: &Debrief, r: &RoleDebrief) -> Markup {
    let chart = Chart::of_role(d, r);
    let chart_id = format!("signaalgrafiek-{}", r.role);
    html! {
        h3 { "Signalen" }
        @if r.signals.is_empty() {
            p.muted { "Deze rol kon in dit scenario geen signalen zien." }
        } @else {
            @if !chart.rows.is_empty() {
                figure { (crate::core::export::chart::to_svg(&chart, &chart_id)) }
            }
            table {
                caption { "Signalen van " (r.name) ": wanneer zichtbaar, wanneer gemarkeerd" }
                colgroup {
                    col style="width:2.8rem";
                    col;
                    col style="width:23%";
                    col style="width:17%";
                    col style="width:8rem";
                }
                thead {
                    tr {
                        th scope="col" { "#" }
                        th scope="col" { "Signaal (vorm, gewicht)" }
                        th scope="col" { "Zichtbaar" }
                        th scope="col" { "Gemarkeerd" }
                        th scope="col" { "Status" }
                    }
                }
                tbody {
                    @for (i, s) in r.signals.iter().enumerate() {
                        tr {
                            td.num { "S" (i + 1) }
                            td {
                                (s.text)
                                span.sub { (s.form) " · gewicht " (s.weight) }
                            }
                            td {
                                @match &s.visible_at {
                                    Some(m) => {
                                        (m.label)
                                        @if let Some(v) = &s.visible_via { span.sub { (v) } }
                                    }
                                    None => {
                                        span.muted { "niet bereikt" }
                                        @if let Some(e) = &s.expert_visible_at {
                                            span.sub { "Op het expertpad: " (e.label) }
                                        }
                                    }
                                }
                            }
                            td {
                                @match &s.flagged_at {
                                    Some(m) => {
                                        (m.label)
                                        @if let Some(a) = s.flag_action {
                                            span.sub { "actie " (a) }
                                        }
                                        @if let Some(f) = &s.flagged_form {
                                            span.sub { "als " (f) }
                                        }
                                    }
                                    None => span.muted { "—" },
                                }
                            }
                            td {
                                span.badge.(signal_class(s.status)) {
                                    (charts::status_label(s.status))
                                }
                                span.sub {
                                    @if s.scored { "telt mee" } @else { "telt niet mee" }
                                }
                            }
                        }
                    }
                }
            }
            @if !r.signals.iter().all(|s| s.scored) {
                p.muted.small {
                    "‘Telt niet mee’: dit signaal komt op het expertpad niet bij deze rol, "
                    "dus het hoort niet bij het maximum."
                }
            }
        }
        @if !r.vulnerabilities.is_empty() {
            h4 { "Kwetsbaarheden" }
            p.lead {
                "Wat iemand vatbaar maakt voor uitbuiting, maar er zelf niet op wijst. "
                "Herkennen en meewegen; het telt niet als signaal."
            }
            ul.vulnerabilities {
                @for v in &r.vulnerabilities {
                    li {
                        (v.text) " "
                        span.muted.small {
                            "(" (v.visible_at.label)
                            @if v.flagged { "; als signaal gemarkeerd, zie hieronder" }
                            ")"
                        }
                    }
                }
            }
        }
        @if !r.false_flags.is_empty() {
            h4 { "Onterechte signalen" }
            p.lead {
                "Gegevens die als signaal zijn gemarkeerd, maar in deze casus geen "
                "signaal van uitbuiting zijn."
            }
            table {
                caption { "Onterecht gemarkeerde gegevens" }
                colgroup {
                    col;
                    col style="width:16%";
                    col style="width:18%";
                    col style="width:6rem";
                }
                thead {
                    tr {
                        th scope="col" { "Gegeven" }
                        th scope="col" { "Gemarkeerd als" }
                        th scope="col" { "Moment" }
                        th scope="col" { "Actie" }
                    }
                }
                tbody {
                    @for f in &r.false_flags {
                        tr {
                            td { (f.text) }
                            td { (f.form) }
                            td { (f.at.label) }
                            td.num {
                                @match f.action { Some(a) => (a), None => span.muted { "—" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------
// Sharing
// ---------------------------------------------------------------------

/// Rows of one action that share everything but the recipient.
struct ShareLine<'a> {
    row: &'a ShareRow,
    to: Vec<&'a str>,
}

/// Lines of one action that went to the same recipients the same way.
struct ShareBlock<'a> {
    /// The first row; its action, moment, channel and ground hold for all.
    head: &'a ShareRow,
    to: Vec<&'a str>,
    lines: Vec<ShareLine<'a>>,
}

/// Groups the sharing matrix for reading: per action (consecutive rows
/// with the same action and moment), the rows that differ only in their
/// recipient become one line, and lines with the same recipients, channel
/// and ground form one block. Everything keeps its order of first
/// appearance; no row is dropped.
fn group_shares(rows: &[ShareRow]) -> Vec<ShareBlock<'_>> {
    let mut blocks: Vec<ShareBlock<'_>> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let first = &rows[start];
        let len = rows[start..]
            .iter()
            .take_while(|r| r.action == first.action && r.at == first.at)
            .count();
        let run = &rows[start..start + len];
        start += len;

        let mut lines: Vec<ShareLine<'_>> = Vec::new();
        for row in run {
            let existing = lines.iter_mut().find(|l| {
                let a = l.row;
                a.fact == row.fact
                    && a.category == row.category
                    && a.channel == row.channel
                    && a.ground == row.ground
                    && a.ground_reference == row.ground_reference
                    && a.verdict == row.verdict
                    && a.verdict_label == row.verdict_label
                    && a.reason == row.reason
                    && a.reference == row.reference
            });
            match existing {
                Some(l) => {
                    if !l.to.contains(&row.to_name.as_str()) {
                        l.to.push(&row.to_name);
                    }
                }
                None => lines.push(ShareLine {
                    row,
                    to: vec![&row.to_name],
                }),
            }
        }

        let action_start = blocks.len();
        for line in lines {
            let existing = blocks[action_start..].iter_mut().find(|b| {
                b.to == line.to
                    && b.head.channel == line.row.channel
                    && b.head.ground == line.row.ground
                    && b.head.ground_reference == line.row.ground_reference
            });
            match existing {
                Some(b) => b.lines.push(line),
                None => blocks.push(ShareBlock {
                    head: line.row,
                    to: line.to.clone(),
                    lines: vec![line],
                }),
            }
        }
    }
    blocks
}

/// What reached the role from partners, and how: the provenance its
/// dossier showed.
fn received(r: &RoleDebrief) -> Markup {
    html! {
        @if !r.received.is_empty() {
            h4 { "Ontvangen van partners" }
            table {
                caption { "Gegevens die " (r.name) " van anderen ontving, en hoe" }
                colgroup {
                    col style="width:46%";
                    col;
                    col style="width:17%";
                }
                thead {
                    tr {
                        th scope="col" { "Gegeven" }
                        th scope="col" { "Van, kanaal en grondslag" }
                        th scope="col" { "Moment" }
                    }
                }
                tbody {
                    @for x in &r.received {
                        tr {
                            td { (x.text) }
                            td { (x.via) }
                            td { (x.at.label) }
                        }
                    }
                }
            }
        }
    }
}

fn sharing(r: &RoleDebrief) -> Markup {
    let blocks = group_shares(&r.shares);
    let missed: Vec<&ExpectationRow> = r.missed_shares().collect();
    let expected = r.expectations.iter().filter(|e| e.sharing).count();
    html! {
        h3 { "Informatiedeling" }
        @if r.shares.is_empty() {
            p { "Deze rol heeft geen gegevens met anderen gedeeld." }
        } @else {
            p.lead {
                "Elk gedeeld gegeven, per actie. Gegevens die in één actie langs "
                "hetzelfde kanaal naar dezelfde partners gingen, staan samen onder één kop "
                "met ontvangers, kanaal en grondslag."
            }
            (verdict_legend())
            table.shares {
                caption { "Gedeelde gegevens van " (r.name) " met ontvangers, kanaal, grondslag en oordeel" }
                colgroup {
                    col style="width:46%";
                    col;
                }
                thead {
                    tr {
                        th scope="col" { "Gegeven" }
                        th scope="col" { "Oordeel, reden en bron" }
                    }
                }
                @for b in &blocks {
                    @let h = b.head;
                    tbody {
                        tr.group {
                            th scope="rowgroup" colspan="2" {
                                span.share-action {
                                    @match h.action {
                                        Some(a) => { "Actie " (a) }
                                        None => { "Zonder actie" }
                                    }
                                    span.muted { " · " (h.at.label) }
                                }
                                span.share-meta {
                                    b { "Aan: " }
                                    @for (j, to) in b.to.iter().enumerate() {
                                        @if j > 0 { "; " }
                                        (to)
                                    }
                                }
                                span.share-meta {
                                    b { "Kanaal: " } (h.channel)
                                    " · " b { "Grondslag: " } (h.ground)
                                }
                                @if !h.ground_reference.is_empty() {
                                    span.share-meta.muted { (h.ground_reference) }
                                }
                            }
                        }
                        @for (i, l) in b.lines.iter().enumerate() {
                            @let prev = i.checked_sub(1).and_then(|p| b.lines.get(p)).map(|p| p.row);
                            @let s = l.row;
                            @let same_reason = prev.is_some_and(|p| p.reason == s.reason
                                && p.reference == s.reference && p.verdict == s.verdict);
                            tr {
                                td {
                                    (s.fact_text)
                                    span.sub { (s.category) }
                                }
                                td {
                                    span.badge.(verdict_class(&s.verdict)) { (s.verdict_label) }
                                    " "
                                    @if same_reason {
                                        span.idem { "Zelfde reden als bij het gegeven hierboven." }
                                    } @else {
                                        (s.reason)
                                        @if !s.reference.is_empty() {
                                            span.sub { "Bron: " (s.reference) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        (received(r))
        h4 { "Had gedeeld moeten worden" }
        @if missed.is_empty() {
            @if expected == 0 {
                p { "Het scenario verwacht van deze rol geen specifieke deling." }
            } @else {
                p { "Alle verwachte delingen zijn gedaan." }
            }
        } @else {
            @for e in missed {
                div.card {
                    p.card-title {
                        span.badge.bad { "niet gedeeld" } " " (e.text)
                    }
                    @if let Some(by) = &e.by {
                        p.muted.small { "Uiterlijk: " (by.label) }
                    }
                    (missing_parts(e))
                    p { (e.feedback) }
                    (reference(&e.reference))
                }
            }
        }
    }
}

// ---------------------------------------------------------------------
// Expectations and decisions
// ---------------------------------------------------------------------

/// The parts of a composite expectation that were not met, as a list.
fn missing_parts(e: &ExpectationRow) -> Markup {
    html! {
        @if !e.missing.is_empty() {
            div.missing {
                b { "Wat niet klopte:" }
                ul {
                    @for m in &e.missing { li { (m) } }
                }
            }
        }
    }
}

fn expectations(r: &RoleDebrief) -> Markup {
    html! {
        h3 { "Verwachtingen" }
        @if r.expectations.is_empty() {
            p.muted { "Het scenario heeft voor deze rol geen verwachtingen." }
        } @else {
            table {
                caption { "Wat het scenario van " (r.name) " verwachtte" }
                colgroup {
                    col style="width:28%";
                    col style="width:8.5rem";
                    col style="width:17%";
                    col;
                }
                thead {
                    tr {
                        th scope="col" { "Verwachting" }
                        th scope="col" { "Resultaat" }
                        th scope="col" { "Moment" }
                        th scope="col" { "Toelichting" }
                    }
                }
                tbody {
                    @for e in &r.expectations {
                        tr {
                            td { (e.text) }
                            td {
                                @if e.met {
                                    span.badge.ok { "gehaald" }
                                } @else {
                                    span.badge.bad { "niet gehaald" }
                                }
                                span.sub {
                                    @match (e.met, e.in_time) {
                                        (true, Some(true)) => "op tijd",
                                        (true, Some(false)) => "te laat",
                                        (true, None) => "geen termijn",
                                        (false, _) => "",
                                    }
                                }
                            }
                            td {
                                @if let Some(at) = &e.at {
                                    (at.label)
                                    @if let Some(a) = e.action { span.sub { "actie " (a) } }
                                } @else {
                                    span.muted { "—" }
                                }
                                @if let Some(by) = &e.by {
                                    span.sub { "uiterlijk " (by.label) }
                                }
                            }
                            td {
                                (missing_parts(e))
                                (e.feedback)
                                @if !e.reference.is_empty() {
                                    span.sub { "Bron: " (e.reference) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn decision(x: &DecisionRow) -> Markup {
    let (status, class) = decision_status(x.status);
    html! {
        div.card.decision {
            p.prompt { (x.prompt) }
            p {
                span.badge.(class) { (status) }
                @if let Some(at) = &x.at {
                    span.muted.small { " " (at.label) }
                    @if let Some(a) = x.action { " · " (action_ref(Some(a))) }
                }
                " "
                @if x.chosen.is_some() {
                    @if x.chose_expert {
                        span.marker.badge.ok { "✓ expertkeuze" }
                    } @else {
                        span.marker.badge.bad { "✗ andere keuze dan het expertpad" }
                    }
                }
                @if !x.on_expert_path {
                    " " span.badge.na { "telt niet mee voor het maximum" }
                }
            }
            dl {
                dt { "Gekozen" }
                dd {
                    @match &x.chosen {
                        Some(c) => (c.text),
                        None => span.muted { "geen keuze gemaakt" },
                    }
                }
                @if let Some(e) = &x.expert {
                    @if !(x.chose_expert && x.chosen.is_some()) {
                        dt { "Expertkeuze" }
                        dd { (e.text) }
                    }
                }
            }
            @if x.status == DecisionStatus::Expired {
                @if let Some(f) = &x.expire_feedback {
                    div.feedback { b { "Verlopen: " } (f) }
                }
            }
            @match (&x.chosen, &x.expert) {
                (Some(c), _) => {
                    div.feedback {
                        p { (c.feedback) }
                        (reference(&c.reference))
                    }
                }
                (None, Some(e)) => {
                    div.feedback {
                        p { b { "Waarom de expertkeuze: " } (e.feedback) }
                        (reference(&e.reference))
                    }
                }
                (None, None) => {}
            }
        }
    }
}

fn decisions(r: &RoleDebrief) -> Markup {
    html! {
        h3 { "Beslissingen" }
        @if r.decisions.is_empty() {
            p.muted { "Het scenario legt deze rol geen beslissingen voor." }
        } @else {
            @for x in &r.decisions { (decision(x)) }
        }
    }
}

// ---------------------------------------------------------------------
// Evidence trail
// ---------------------------------------------------------------------

/// Competencies in the order of the scores, then any others in order of
/// first appearance among the items.
fn competency_order(r: &RoleDebrief) -> Vec<(String, String)> {
    let mut order: Vec<(String, String)> = r
        .scores
        .iter()
        .map(|s| (s.id.clone(), s.label.clone()))
        .collect();
    for i in &r.items {
        if !order.iter().any(|(id, _)| *id == i.competency) {
            order.push((i.competency.clone(), i.competency.clone()));
        }
    }
    order
}

fn evidence(r: &RoleDebrief) -> Markup {
    let order = competency_order(r);
    let earned: i32 = r.items.iter().map(|i| i.earned).sum();
    let possible: i32 = r.items.iter().map(|i| i.possible).sum();
    html! {
        h3 { "Verantwoording van de punten" }
        p.lead {
            "Elk punt van elke score, met de actie die het opleverde of kostte. "
            "Per competentie is het subtotaal gelijk aan de score hierboven."
        }
        @if r.items.is_empty() {
            p.muted { "Er zijn geen punten toegekend." }
        } @else {
            table.evidence {
                caption { "Verantwoording van de punten van " (r.name) ", per competentie" }
                colgroup {
                    col style="width:3.8rem";
                    col style="width:6.4rem";
                    col;
                    col style="width:30%";
                    col style="width:17%";
                }
                thead {
                    tr {
                        th scope="col" { "Punten" }
                        th scope="col" { "Actie, moment" }
                        th scope="col" { "Wat" }
                        th scope="col" { "Waarom" }
                        th scope="col" { "Bron" }
                    }
                }
                @for (id, label) in &order {
                    @let items: Vec<&ScoreItem> = r.items.iter().filter(|i| i.competency == *id).collect();
                    @if !items.is_empty() {
                        @let sub_e: i32 = items.iter().map(|i| i.earned).sum();
                        @let sub_p: i32 = items.iter().map(|i| i.possible).sum();
                        tbody {
                            tr.group { th scope="rowgroup" colspan="5" { (label) } }
                            @for i in &items {
                                tr {
                                    td.num.nowrap { (points(i.earned)) " / " (i.possible) }
                                    td {
                                        @match i.action {
                                            Some(a) => { "#" (a) }
                                            None => { span.muted { "— niet gedaan" } }
                                        }
                                        @if let Some(m) = &i.at { span.sub { (m.label) } }
                                    }
                                    td {
                                        @if !i.text.starts_with(item_kind(i.kind)) {
                                            span.sub { (item_kind(i.kind)) }
                                        }
                                        (i.text)
                                    }
                                    td { (i.reason) }
                                    td { (i.reference) }
                                }
                            }
                            tr.subtotal {
                                td.num.nowrap { (points(sub_e)) " / " (sub_p) }
                                td colspan="4" { "Subtotaal " (label) }
                            }
                        }
                    }
                }
                tbody {
                    tr.total-row {
                        td.num.nowrap { (points(earned)) " / " (possible) }
                        td colspan="4" { "Totaal " (r.name) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::eval::{
        CompetencyScore, FalseFlag, Moment, OptionInfo, ScenarioInfo, SessionInfo, SignalRow,
        Summary, VulnerabilityRow,
    };

    fn at(tick: u32, label: &str) -> Moment {
        Moment {
            tick,
            label: label.to_string(),
        }
    }

    fn option(id: &str) -> OptionInfo {
        OptionInfo {
            id: id.to_string(),
            text: format!("Optie {id}"),
            feedback: format!("Feedback {id}"),
            reference: format!("Bron {id}"),
        }
    }

    fn share(action: usize, to: &str, fact: &str) -> ShareRow {
        ShareRow {
            action: Some(action),
            at: at(1, "Dag 1, middag"),
            to: to.to_string(),
            to_name: format!("Partner {to}"),
            fact: fact.to_string(),
            fact_text: format!("Gegeven {fact}"),
            category: "gewoon persoonsgegeven".to_string(),
            channel: "Telefoon".to_string(),
            ground: "Toestemming".to_string(),
            ground_reference: "AVG art. 6".to_string(),
            verdict: "unlawful".to_string(),
            verdict_label: "onrechtmatig".to_string(),
            reason: "Niet nodig.".to_string(),
            reference: "AVG art. 5".to_string(),
            rule: None,
            fitting_ground: None,
        }
    }

    fn debrief() -> Debrief {
        let signal =
            |fact: &str, status, visible: Option<Moment>, flagged: Option<Moment>| SignalRow {
                fact: fact.to_string(),
                text: format!("Signaal {fact} <script>alert(1)</script>"),
                form: "criminele uitbuiting".to_string(),
                weight: 2,
                visible_at: visible,
                visible_via: Some("in een gesprek".to_string()),
                expert_visible_at: Some(at(0, "Dag 1, ochtend")),
                flagged_at: flagged,
                flagged_form: None,
                flag_action: None,
                status,
                scored: true,
            };
        let role = RoleDebrief {
            role: "gemeente".to_string(),
            name: "Aandachtsfunctionaris".to_string(),
            organisation: "Gemeente & Co".to_string(),
            summary: Summary {
                headline: "Kop".to_string(),
                strengths: vec!["Sterk".to_string()],
                improvements: vec![],
            },
            total_earned: -1,
            total_max: 3,
            scores: vec![
                CompetencyScore {
                    id: "signalering".to_string(),
                    label: "Signalering".to_string(),
                    earned: -1,
                    max: 3,
                    percent: Some(0),
                },
                CompetencyScore {
                    id: "tijdigheid".to_string(),
                    label: "Tijdigheid".to_string(),
                    earned: 0,
                    max: 0,
                    percent: None,
                },
            ],
            items: vec![ScoreItem {
                competency: "signalering".to_string(),
                kind: ItemKind::FalseFlag,
                subject: "f1".to_string(),
                earned: -1,
                possible: 3,
                action: None,
                at: None,
                text: "Wat".to_string(),
                reason: "Waarom".to_string(),
                reference: "Bron".to_string(),
            }],
            signals: vec![
                signal(
                    "f1",
                    SignalStatus::Flagged,
                    Some(at(0, "Dag 1, ochtend")),
                    Some(at(3, "Dag 2, ochtend")),
                ),
                signal(
                    "f2",
                    SignalStatus::Missed,
                    Some(at(1, "Dag 1, middag")),
                    None,
                ),
                signal("f3", SignalStatus::NotSeen, None, None),
            ],
            vulnerabilities: vec![VulnerabilityRow {
                fact: "f8".to_string(),
                text: "Heeft schulden <bij> familie".to_string(),
                visible_at: at(2, "Dag 1, avond"),
                flagged: true,
            }],
            false_flags: vec![FalseFlag {
                fact: "f9".to_string(),
                text: "Geen signaal".to_string(),
                form: "arbeidsuitbuiting".to_string(),
                at: at(2, "Dag 1, avond"),
                action: Some(4),
            }],
            shares: vec![
                share(5, "a", "f1"),
                share(5, "b", "f1"),
                share(5, "a", "f2"),
            ],
            received: vec![],
            expectations: vec![ExpectationRow {
                id: "e1".to_string(),
                text: "Deel met het RIEC".to_string(),
                met: false,
                action: None,
                at: None,
                by: Some(at(4, "Dag 2, middag")),
                in_time: None,
                sharing: true,
                by_trainer: false,
                feedback: "Had gemoeten".to_string(),
                reference: "Wgs".to_string(),
                missing: vec!["Niet gedaan: \u{201c}f1\u{201d} gedeeld met RIEC".to_string()],
            }],
            decisions: vec![
                DecisionRow {
                    id: "d1".to_string(),
                    prompt: "Wat doet u?".to_string(),
                    status: DecisionStatus::Decided,
                    chosen: Some(option("b")),
                    expert: Some(option("a")),
                    chose_expert: false,
                    action: Some(2),
                    at: Some(at(0, "Dag 1, ochtend")),
                    on_expert_path: true,
                    expire_feedback: None,
                },
                DecisionRow {
                    id: "d2".to_string(),
                    prompt: "Te laat?".to_string(),
                    status: DecisionStatus::Expired,
                    chosen: None,
                    expert: Some(option("c")),
                    chose_expert: false,
                    action: None,
                    at: None,
                    on_expert_path: true,
                    expire_feedback: Some("Verlopen feedback".to_string()),
                },
            ],
        };
        let mut other = role.clone();
        other.role = "politie".to_string();
        other.name = "Wijkagent".to_string();
        Debrief {
            schema: "ketensim-debrief".to_string(),
            schema_version: 1,
            scenario: ScenarioInfo {
                id: "s".to_string(),
                title: "Titel <b>vet</b>".to_string(),
                version: "1.0".to_string(),
                hash: "0123456789abcdef0123".to_string(),
                learning_goals: vec![],
                day_parts: vec!["Dag 1, ochtend".to_string(), "Dag 1, middag".to_string()],
            },
            session: SessionInfo {
                seed: 7,
                trainee: Some("Anna".to_string()),
                roles: vec!["gemeente".to_string(), "politie".to_string()],
                actions: 6,
                finished: false,
                ended_at: at(4, "Dag 2, middag"),
            },
            outcome: None,
            expert_outcome: None,
            turning_points: vec![TurningPoint {
                action: 2,
                at: at(0, "Dag 1, ochtend"),
                role: "gemeente".to_string(),
                text: "Keerpuntactie".to_string(),
                before: "goed".to_string(),
                before_title: "Goede afloop".to_string(),
                after: "slecht".to_string(),
                after_title: "Slechte afloop".to_string(),
                direction: "worse".to_string(),
                expert_instead: Some("Iets anders".to_string()),
            }],
            roles: vec![role, other],
        }
    }

    #[test]
    fn data_is_escaped_and_the_page_is_dutch() {
        let h = to_html(&debrief());
        assert!(h.starts_with("<!DOCTYPE html><html lang=\"nl\">"));
        assert!(!h.contains("<script>"));
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.contains("Titel &lt;b&gt;vet&lt;/b&gt;"));
        assert!(h.contains("Gemeente &amp; Co"));
        assert!(h.contains("Alle personen en organisaties in deze casus zijn fictief."));
        assert!(h.contains("ketensim-debrief v1"));
        assert!(!h.contains("http"), "no external resources");
    }

    #[test]
    fn learning_goals_come_after_the_outcome_and_are_escaped() {
        let mut d = debrief();
        // Without goals there is no empty section.
        assert!(!to_html(&d).contains("Leerdoelen van deze casus"));
        d.scenario.learning_goals = vec![
            "Signalen <samen> zien".to_string(),
            "Rechtmatig delen".to_string(),
        ];
        let h = to_html(&d);
        let heading = h.find("Leerdoelen van deze casus").expect("the heading");
        let outcome = h.find("Uitkomst van de casus").expect("the outcome");
        let role = h.find("In het kort").expect("a role section");
        assert!(
            outcome < heading && heading < role,
            "after the outcome, before the roles"
        );
        assert!(h.contains("<li>Signalen &lt;samen&gt; zien</li>"));
        assert!(h.contains("<li>Rechtmatig delen</li>"));
    }

    #[test]
    fn same_debrief_same_bytes() {
        assert_eq!(to_html(&debrief()), to_html(&debrief()));
    }

    #[test]
    fn sections_show_every_part_of_the_model() {
        let h = to_html(&debrief());
        for needle in [
            "In het kort",
            "Scores per competentie",
            "n.v.t.",
            "Keerpunten",
            "Het expertpad deed hier: ",
            "Signalen",
            "Gemarkeerd",
            "Gemist",
            "Niet gezien",
            "Onterechte signalen",
            "Kwetsbaarheden",
            "Heeft schulden &lt;bij&gt; familie",
            "als signaal gemarkeerd, zie hieronder",
            "Informatiedeling",
            "onrechtmatig",
            "Partner a; Partner b",
            "Had gedeeld moeten worden",
            "Deel met het RIEC",
            "Verwachtingen",
            "Beslissingen",
            "Verlopen feedback",
            "andere keuze dan het expertpad",
            "Verantwoording van de punten",
            "Subtotaal Signalering",
            "niet gedaan",
            "Anna",
            "0123456789ab",
        ] {
            assert!(h.contains(needle), "missing {needle}");
        }
        // The turning point belongs to the gemeente only; the politie
        // section says no action changed the outcome.
        assert_eq!(h.matches("Keerpuntactie").count(), 1);
        assert!(h.contains("Geen enkele actie van deze rol"));
        // Several roles: the second starts on a new page, the first not.
        assert_eq!(h.matches("role new-page").count(), 1);
    }

    #[test]
    fn shares_to_several_recipients_share_a_line() {
        let d = debrief();
        let blocks = group_shares(&d.roles[0].shares);
        let got: Vec<(Vec<&str>, Vec<&str>)> = blocks
            .iter()
            .map(|b| {
                (
                    b.to.clone(),
                    b.lines.iter().map(|l| l.row.fact.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (vec!["Partner a", "Partner b"], vec!["f1"]),
                (vec!["Partner a"], vec!["f2"])
            ]
        );
    }
}
