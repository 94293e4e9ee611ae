//! Inline SVG charts for the HTML report: the score bars per competency
//! and the signal timeline. Pure markup with fixed geometry in a viewBox,
//! scaled by CSS to the page width; every number is also written as text,
//! so nothing depends on colour alone.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::core::eval::{CompetencyScore, Moment, SignalRow, SignalStatus};
use crate::core::words::shorten;

/// Width of every chart's coordinate system.
const W: f64 = 900.0;

// Status colours on white (markers and lines).
const GREEN: &str = "#2e7d32";
const ORANGE: &str = "#d9730d";
const RED: &str = "#c62828";
const GREY: &str = "#78848f";
// Darker variants for text.
const GREEN_TEXT: &str = "#1b6332";
const ORANGE_TEXT: &str = "#834300";
const RED_TEXT: &str = "#9c1c1c";
const GREY_TEXT: &str = "#45515c";

/// A coordinate with one decimal: short and deterministic.
fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// Dutch label of a signal status.
pub(super) fn status_label(s: SignalStatus) -> &'static str {
    match s {
        SignalStatus::Flagged => "Gemarkeerd",
        SignalStatus::WrongForm => "Verkeerde vorm",
        SignalStatus::Missed => "Gemist",
        SignalStatus::NotSeen => "Niet gezien",
    }
}

fn status_colour(s: SignalStatus) -> (&'static str, &'static str) {
    match s {
        SignalStatus::Flagged => (GREEN, GREEN_TEXT),
        SignalStatus::WrongForm => (ORANGE, ORANGE_TEXT),
        SignalStatus::Missed => (RED, RED_TEXT),
        SignalStatus::NotSeen => (GREY, GREY_TEXT),
    }
}

/// `earned van max (p%)`, or `n.v.t.` without a maximum.
pub(super) fn score_text(s: &CompetencyScore) -> String {
    match s.percent {
        Some(p) => format!("{} van {} ({p}%)", s.earned, s.max),
        None => "n.v.t.".to_string(),
    }
}

/// Horizontal bars, one per competency.
pub(super) fn score_bars(scores: &[CompetencyScore]) -> Markup {
    const ROW: f64 = 34.0;
    const TOP: f64 = 6.0;
    const LABEL_X: f64 = 214.0;
    const BAR_X: f64 = 226.0;
    const BAR_W: f64 = 440.0;
    const BAR_H: f64 = 18.0;
    let h = TOP * 2.0 + ROW * scores.len() as f64;
    let summary = format!(
        "Scores per competentie: {}",
        scores
            .iter()
            .map(|s| format!("{} {}", s.label, score_text(s)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    html! {
        svg.chart role="img" aria-label=(summary) viewBox={ "0 0 " (n(W)) " " (n(h)) }
            width=(n(W)) height=(n(h)) {
            title { (summary) }
            @for (i, s) in scores.iter().enumerate() {
                @let y = TOP + ROW * i as f64;
                @let mid = y + ROW / 2.0;
                @let by = mid - BAR_H / 2.0;
                g {
                    text x=(n(LABEL_X)) y=(n(mid)) dy="0.35em" text-anchor="end"
                        font-size="15" fill="#1c2530" { (s.label) }
                    @match s.percent {
                        Some(p) => {
                            rect x=(n(BAR_X)) y=(n(by)) width=(n(BAR_W)) height=(n(BAR_H))
                                rx="3" fill="#e4e8ec" {}
                            @let w = BAR_W * f64::from(p.min(100)) / 100.0;
                            @if w > 0.0 {
                                rect x=(n(BAR_X)) y=(n(by)) width=(n(w)) height=(n(BAR_H))
                                    rx="3" fill="#2f6690" {}
                            }
                            text x=(n(BAR_X + BAR_W + 12.0)) y=(n(mid)) dy="0.35em"
                                font-size="15" fill="#1c2530" {
                                tspan font-weight="600" { (p) "%" }
                                tspan fill="#4f5b67" {
                                    " · " (s.earned) " van " (s.max)
                                    @if s.max == 1 { " punt" } @else { " punten" }
                                }
                            }
                        }
                        None => {
                            rect x=(n(BAR_X + 0.5)) y=(n(by + 0.5)) width=(n(BAR_W - 1.0))
                                height=(n(BAR_H - 1.0)) rx="3" fill="#f3f5f7" stroke="#b7c0c9"
                                stroke-dasharray="4 3" {}
                            text x=(n(BAR_X + BAR_W + 12.0)) y=(n(mid)) dy="0.35em"
                                font-size="15" fill="#4f5b67" {
                                "n.v.t. (geen punten te behalen)"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Splits "Dag 2, middag" into ("Dag 2", "middag"); a label without a
/// comma is all sub-label.
fn split_label(label: &str) -> (Option<&str>, &str) {
    match label.split_once(", ") {
        Some((group, rest)) => (Some(group), rest),
        None => (None, label),
    }
}

/// Group and sub-label for every tick `0..=last`. Ticks with a label in
/// the data use it. When all labels read "<word> <n>, <part>" and exactly
/// one number of ticks per day fits them (tick 0 is day 1), ticks without
/// a label get the day derived from it, and the part when another day
/// names the part at that position; otherwise they stay unlabelled.
fn axis_labels(labels: &BTreeMap<u32, String>, last: u32) -> Vec<(Option<String>, Option<String>)> {
    // (tick, word, day, part) of every label that fits the pattern.
    let parsed: Vec<(u32, &str, u32, &str)> = labels
        .iter()
        .filter_map(|(t, l)| {
            let (group, part) = split_label(l);
            let (word, num) = group?.rsplit_once(' ')?;
            Some((*t, word, num.parse().ok()?, part))
        })
        .collect();
    let uniform = parsed.len() == labels.len()
        && parsed.windows(2).all(|w| w[0].1 == w[1].1)
        && parsed.iter().any(|p| p.2 != parsed[0].2);
    let fits = |per: u32| {
        parsed.iter().all(|(t, _, day, _)| t / per + 1 == *day)
            && parsed.iter().all(|(t, _, _, part)| {
                parsed
                    .iter()
                    .filter(|(u, ..)| u % per == t % per)
                    .all(|(.., q)| q == part)
            })
    };
    let per: Vec<u32> = if uniform {
        (1..=24).filter(|p| fits(*p)).collect()
    } else {
        Vec::new()
    };
    let derive = match (per.as_slice(), parsed.first()) {
        ([p], Some((_, word, ..))) => Some((*p, *word)),
        _ => None,
    };
    (0..=last)
        .map(|t| match labels.get(&t) {
            Some(l) => {
                let (g, sub) = split_label(l);
                (g.map(str::to_string), Some(sub.to_string()))
            }
            None => match derive {
                Some((p, word)) => (
                    Some(format!("{word} {}", t / p + 1)),
                    parsed
                        .iter()
                        .find(|(u, ..)| u % p == t % p)
                        .map(|(.., part)| part.to_string()),
                ),
                None => (None, None),
            },
        })
        .collect()
}

/// The signal timeline: x is the case clock (ticks `0..=last`), one row
/// per signal. `labels` maps ticks to their Dutch labels (only ticks seen
/// in the data have one); `end` is the tick where the log ends.
pub(super) fn signal_timeline(
    signals: &[SignalRow],
    labels: &BTreeMap<u32, String>,
    end: u32,
) -> Markup {
    const LEFT: f64 = 250.0;
    const RIGHT: f64 = 104.0;
    const HEAD: f64 = 46.0;
    const ROW: f64 = 24.0;
    const FOOT: f64 = 22.0;
    let ticks = signals
        .iter()
        .flat_map(|s| [&s.visible_at, &s.expert_visible_at, &s.flagged_at])
        .flatten()
        .map(|m| m.tick)
        .chain([end])
        .max()
        .unwrap_or(0);
    let x0 = LEFT;
    let x1 = W - RIGHT;
    let step = (x1 - x0) / f64::from(ticks + 1);
    let x = |t: u32| x0 + (f64::from(t) + 0.5) * step;
    let h = HEAD + ROW * signals.len() as f64 + FOOT;
    let plot_bottom = HEAD + ROW * signals.len() as f64;

    let axis = axis_labels(labels, ticks);
    // Groups of consecutive ticks sharing a label prefix ("Dag 2").
    let mut groups: Vec<(String, u32, u32)> = Vec::new();
    for (t, (group, _)) in (0..=ticks).zip(&axis) {
        if let Some(g) = group {
            match groups.last_mut() {
                Some((name, _, last)) if name == g => *last = t,
                _ => groups.push((g.clone(), t, t)),
            }
        }
    }
    // Show every k-th sub-label when ticks are too narrow for them
    // (about 6 units per character at this font size).
    let widest = axis
        .iter()
        .filter_map(|(_, sub)| sub.as_ref().map(|s| s.chars().count()))
        .max()
        .unwrap_or(0);
    let need = widest as f64 * 6.0 + 4.0;
    let every = ((need / step).ceil() as u32).max(1);

    let counts = [
        SignalStatus::Flagged,
        SignalStatus::WrongForm,
        SignalStatus::Missed,
        SignalStatus::NotSeen,
    ]
    .iter()
    .filter_map(|st| {
        let c = signals.iter().filter(|s| s.status == *st).count();
        (c > 0).then(|| format!("{c} {}", status_label(*st).to_lowercase()))
    })
    .collect::<Vec<_>>()
    .join(", ");
    let summary = format!(
        "Tijdlijn van {} signalen over de casusklok: {counts}.",
        signals.len()
    );

    html! {
        svg.chart role="img" aria-label=(summary) viewBox={ "0 0 " (n(W)) " " (n(h)) }
            width=(n(W)) height=(n(h)) font-size="12" {
            title { (summary) }
            // Alternating day bands and their labels.
            @for (i, (name, first, last)) in groups.iter().enumerate() {
                @let bx = x(*first) - step / 2.0;
                @let bw = step * f64::from(last - first + 1);
                @if i % 2 == 0 {
                    rect x=(n(bx)) y="0" width=(n(bw)) height=(n(plot_bottom))
                        fill="#f1f4f7" {}
                }
                text x=(n(bx + 4.0)) y="14" font-weight="600" fill="#1c2530" { (name) }
            }
            // Tick marks and sub-labels.
            @for (t, (_, sub)) in (0..=ticks).zip(&axis) {
                line x1=(n(x(t))) x2=(n(x(t))) y1=(n(HEAD - 6.0)) y2=(n(plot_bottom))
                    stroke="#dde2e7" stroke-width="1" {}
                @if t % every == 0 {
                    @if let Some(sub) = sub {
                        text x=(n(x(t))) y="34" text-anchor="middle" font-size="11" fill="#4f5b67" {
                            (sub)
                        }
                    }
                }
            }
            line x1=(n(x0)) x2=(n(x1)) y1=(n(HEAD - 6.0)) y2=(n(HEAD - 6.0))
                stroke="#9aa5b0" {}
            // End of the session.
            line x1=(n(x(end))) x2=(n(x(end))) y1=(n(HEAD - 6.0)) y2=(n(plot_bottom + 4.0))
                stroke="#4f5b67" stroke-dasharray="3 3" {}
            text x=(n(x(end))) y=(n(plot_bottom + 16.0)) text-anchor="middle" fill="#4f5b67" {
                "einde sessie"
            }
            @for (i, s) in signals.iter().enumerate() {
                @let y = HEAD + ROW * i as f64 + ROW / 2.0;
                @let (col, tcol) = status_colour(s.status);
                g {
                    title { "S" (i + 1) ": " (s.text) " — " (status_label(s.status)) }
                    line x1="4" x2=(n(W - 4.0)) y1=(n(y + ROW / 2.0)) y2=(n(y + ROW / 2.0))
                        stroke="#eef1f4" {}
                    text x="6" y=(n(y)) dy="0.35em" fill="#1c2530" {
                        tspan font-weight="600" { "S" (i + 1) }
                        " " (shorten(&s.text, 34))
                    }
                    (markers(s, &x, y, end, col))
                    text x=(n(W - 6.0)) y=(n(y)) dy="0.35em" text-anchor="end"
                        fill=(tcol) font-weight="600" { (status_label(s.status)) }
                }
            }
        }
    }
}

/// The markers of one timeline row.
fn markers(s: &SignalRow, x: &dyn Fn(u32) -> f64, y: f64, end: u32, col: &str) -> Markup {
    let vis = s.visible_at.as_ref().map(|m| m.tick);
    let flag = s.flagged_at.as_ref().map(|m| m.tick);
    // Shift two markers on the same tick apart so both stay visible.
    let same = vis.is_some() && vis == flag;
    let vx = vis.map(|t| x(t) - if same { 7.0 } else { 0.0 });
    let fx = flag.map(|t| x(t) + if same { 6.0 } else { 0.0 });
    html! {
        @match s.status {
            SignalStatus::NotSeen => {
                @if let Some(m) = &s.expert_visible_at {
                    circle cx=(n(x(m.tick))) cy=(n(y)) r="5" fill="#fff" stroke=(col)
                        stroke-width="2" {}
                }
            }
            SignalStatus::Missed => {
                @if let Some(vx) = vx {
                    @let ex = x(end).max(vx);
                    @if ex > vx {
                        line x1=(n(vx)) x2=(n(ex)) y1=(n(y)) y2=(n(y)) stroke=(col)
                            stroke-width="2" stroke-dasharray="5 4" {}
                        (cross(ex, y, col))
                    }
                    circle cx=(n(vx)) cy=(n(y)) r="5" fill=(col) {}
                }
            }
            SignalStatus::Flagged | SignalStatus::WrongForm => {
                @if let (Some(vx), Some(fx)) = (vx, fx) {
                    @if fx > vx {
                        line x1=(n(vx)) x2=(n(fx)) y1=(n(y)) y2=(n(y)) stroke=(col)
                            stroke-width="2" {}
                    }
                }
                @if let Some(vx) = vx {
                    circle cx=(n(vx)) cy=(n(y)) r="5" fill=(col) {}
                }
                @if let Some(fx) = fx {
                    (diamond(fx, y, col))
                }
            }
        }
    }
}

fn diamond(cx: f64, cy: f64, col: &str) -> Markup {
    let r = 7.0;
    let points = format!(
        "{},{} {},{} {},{} {},{}",
        n(cx),
        n(cy - r),
        n(cx + r),
        n(cy),
        n(cx),
        n(cy + r),
        n(cx - r),
        n(cy)
    );
    html! {
        polygon points=(points) fill=(col) stroke="#fff" stroke-width="1.5" {}
    }
}

fn cross(cx: f64, cy: f64, col: &str) -> Markup {
    let r = 4.5;
    let d = format!(
        "M{} {}L{} {}M{} {}L{} {}",
        n(cx - r),
        n(cy - r),
        n(cx + r),
        n(cy + r),
        n(cx - r),
        n(cy + r),
        n(cx + r),
        n(cy - r)
    );
    html! {
        path d=(d) stroke=(col) stroke-width="2.2" fill="none" {}
    }
}

/// The legend of the signal timeline, as an HTML list with small icons.
pub(super) fn timeline_legend() -> Markup {
    let icon = |body: Markup| {
        html! {
            svg width="26" height="16" viewBox="0 0 26 16" aria-hidden="true" { (body) }
        }
    };
    html! {
        ul.legend {
            li { (icon(html! { circle cx="13" cy="8" r="5" fill=(GREY_TEXT) {} })) "zichtbaar geworden (kleur = status)" }
            li { (icon(diamond(13.0, 8.0, GREEN))) "gemarkeerd met de juiste vorm" }
            li { (icon(diamond(13.0, 8.0, ORANGE))) "gemarkeerd als andere vorm" }
            li {
                (icon(html! {
                    line x1="2" x2="16" y1="8" y2="8" stroke=(RED) stroke-width="2"
                        stroke-dasharray="5 4" {}
                    (cross(20.0, 8.0, RED))
                }))
                "niet gemarkeerd tot het einde"
            }
            li {
                (icon(html! {
                    circle cx="13" cy="8" r="5" fill="#fff" stroke=(GREY) stroke-width="2" {}
                }))
                "niet gezien (moment waarop het expertpad het zag)"
            }
        }
    }
}

/// Every tick with its label, from all moments of the debrief.
pub(super) fn collect_labels<'a>(
    moments: impl Iterator<Item = &'a Moment>,
) -> BTreeMap<u32, String> {
    let mut map = BTreeMap::new();
    for m in moments {
        map.entry(m.tick).or_insert_with(|| m.label.clone());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(l: &[(u32, &str)]) -> BTreeMap<u32, String> {
        l.iter().map(|(t, s)| (*t, s.to_string())).collect()
    }

    #[test]
    fn missing_days_are_derived_when_the_pattern_is_unambiguous() {
        let l = labels(&[
            (0, "Dag 1, ochtend"),
            (1, "Dag 1, middag"),
            (2, "Dag 1, avond"),
            (3, "Dag 2, ochtend"),
            (10, "Dag 4, middag"),
        ]);
        let a = axis_labels(&l, 10);
        assert_eq!(a[6], (Some("Dag 3".into()), Some("ochtend".into())));
        assert_eq!(a[8], (Some("Dag 3".into()), Some("avond".into())));
        assert_eq!(a[10], (Some("Dag 4".into()), Some("middag".into())));
    }

    #[test]
    fn ambiguous_or_unknown_labels_stay_unlabelled() {
        // Day 1 at 0 and day 2 at 3 fit two and three parts a day.
        let a = axis_labels(&labels(&[(0, "Dag 1, ochtend"), (3, "Dag 2, ochtend")]), 4);
        assert_eq!(a[2], (None, None));
        let b = axis_labels(&labels(&[(0, "begin"), (2, "eind")]), 2);
        assert_eq!(b[0], (None, Some("begin".into())));
        assert_eq!(b[1], (None, None));
    }
}
