//! Inline SVG charts for the HTML report: the score bars per competency
//! (the signal chart is `export::chart`, shared with the group report). Pure markup with fixed geometry in a viewBox,
//! scaled by CSS to the page width; every number is also written as text,
//! so nothing depends on colour alone.

use maud::{Markup, html};

use crate::core::eval::{CompetencyScore, SignalStatus};

/// Width of every chart's coordinate system.
const W: f64 = 900.0;

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
