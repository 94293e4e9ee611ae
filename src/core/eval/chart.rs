//! The chain timeline as a chart: a row per signal (and, on a training
//! day, one per picture of the case), a column per day-part, and three
//! markers per row — when it was first held, when it was first flagged
//! (and by whom), and when the expert path flagged it — so the gap
//! between holding and flagging shows at a glance. Plain data built from
//! a debrief; `export::chart` draws it as SVG for the HTML reports and
//! `ui::views::chart` with egui in the app.

use serde::Serialize;

use super::group::GroupDebrief;
use super::model::{Debrief, RoleDebrief};

/// A chart of the chain timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub title: String,
    /// One sentence on what the chart shows (the SVG's description).
    pub summary: String,
    /// One label per day-part of the case.
    pub columns: Vec<String>,
    pub rows: Vec<ChartRow>,
    /// What each marker means here.
    pub legend: Legend,
}

/// The legend: the meaning of the three markers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Legend {
    pub held: String,
    pub flagged: String,
    pub expert: String,
}

/// One row: a signal, or a picture (several facts together).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartRow {
    /// The fact's (or picture's) id.
    pub id: String,
    /// The full text (hover in the app, the legend in print).
    pub text: String,
    /// A picture of the case rather than one signal.
    pub picture: bool,
    /// Column (day-part) it was first held; `None`: never.
    pub held: Option<usize>,
    /// Column it was first flagged, and by whom.
    pub flagged: Option<usize>,
    pub flagged_by: Option<String>,
    /// Column of the expert path's marker; `None`: not on the expert path.
    pub expert: Option<usize>,
}

impl Chart {
    /// The chain timeline of a training day: for each signal, when an
    /// organisation first held it, when a seat first flagged it, and when
    /// the expert path flagged it; then each picture of the case, when a
    /// role that could act on it first held enough of it, and the same on
    /// the expert path.
    pub fn of_group(g: &GroupDebrief) -> Chart {
        let columns = g.scenario.day_parts.clone();
        let col = |tick: u32| column(tick, columns.len());
        let mut rows: Vec<ChartRow> = g
            .chain
            .signals
            .iter()
            .map(|s| ChartRow {
                id: s.fact.clone(),
                text: s.text.clone(),
                picture: false,
                held: s.held.as_ref().map(|h| col(h.at.tick)),
                flagged: s.flagged.as_ref().map(|f| col(f.at.tick)),
                flagged_by: s.flagged.as_ref().map(|f| f.by.name.clone()),
                expert: s.expert_flagged.as_ref().map(|f| col(f.at.tick)),
            })
            .collect();
        rows.extend(g.chain.pictures.iter().map(|p| ChartRow {
            id: p.id.clone(),
            text: format!("Beeld: {}", p.title),
            picture: true,
            held: p.held.as_ref().map(|h| col(h.at.tick)),
            flagged: None,
            flagged_by: None,
            expert: p.expert_held.as_ref().map(|h| col(h.at.tick)),
        }));
        let reached = g.chain.signals.iter().filter(|s| s.held.is_some()).count();
        let flagged = g
            .chain
            .signals
            .iter()
            .filter(|s| s.flagged.is_some())
            .count();
        Chart {
            title: "Ketentijdlijn".to_string(),
            summary: format!(
                "Per signaal, per dagdeel: wanneer het als eerste ergens in de keten lag, wanneer een deelnemer het markeerde en wanneer het expertpad het markeerde. {reached} van de {} signalen lagen ergens in de keten; {flagged} zijn door een deelnemer gemarkeerd.",
                g.chain.signals.len()
            ),
            columns,
            rows,
            legend: Legend {
                held: "eerst in de keten (bij een organisatie)".to_string(),
                flagged: "eerst gemarkeerd door een deelnemer".to_string(),
                expert: "expertpad: gemarkeerd".to_string(),
            },
        }
    }

    /// The signal timeline of one played role (self-study): when the role
    /// could see each signal, when it flagged it, and when the signal
    /// became visible on the expert path (the expert flags what it sees).
    pub fn of_role(d: &Debrief, r: &RoleDebrief) -> Chart {
        let columns = d.scenario.day_parts.clone();
        let col = |tick: u32| column(tick, columns.len());
        let rows: Vec<ChartRow> = r
            .signals
            .iter()
            .filter(|s| s.scored || s.visible_at.is_some())
            .map(|s| ChartRow {
                id: s.fact.clone(),
                text: s.text.clone(),
                picture: false,
                held: s.visible_at.as_ref().map(|m| col(m.tick)),
                flagged: s.flagged_at.as_ref().map(|m| col(m.tick)),
                flagged_by: s.flagged_at.as_ref().map(|_| r.name.clone()),
                expert: s.expert_visible_at.as_ref().map(|m| col(m.tick)),
            })
            .collect();
        let seen = rows.iter().filter(|x| x.held.is_some()).count();
        let flagged = rows.iter().filter(|x| x.flagged.is_some()).count();
        Chart {
            title: format!("Signalen van {}", r.name),
            summary: format!(
                "Per signaal, per dagdeel: wanneer u het kon zien, wanneer u het markeerde en wanneer het op het expertpad zichtbaar werd. U zag {seen} van de {} signalen en markeerde er {flagged}.",
                rows.len()
            ),
            columns,
            rows,
            legend: Legend {
                held: "voor u zichtbaar".to_string(),
                flagged: "door u gemarkeerd".to_string(),
                expert: "expertpad: zichtbaar en gemarkeerd".to_string(),
            },
        }
    }
}

/// The column of `tick`: the end of the case counts as the last day-part.
fn column(tick: u32, columns: usize) -> usize {
    (tick as usize).min(columns.saturating_sub(1))
}
