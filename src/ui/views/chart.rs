//! The chain timeline's chart in the app (`core::eval::chart::Chart`):
//! the same rows, columns and markers as the SVG in the reports, painted
//! with egui. Hovering a row shows the whole fact and what each marker
//! means; the list under the chart says the same in words (a screen
//! reader reads that, not the picture).

use super::egui;
use crate::core::eval::chart::{Chart, ChartRow};

const HEADER: f32 = 34.0;
const LEGEND: f32 = 30.0;

/// Draws `chart` across the available width.
pub fn chart_ui(ui: &mut egui::Ui, chart: &Chart) {
    let text = ui.visuals().text_color();
    let faint = ui.visuals().faint_bg_color;
    let grid = ui.visuals().widgets.noninteractive.bg_stroke.color;
    let dark = ui.visuals().dark_mode;
    let held_c = egui::Color32::from_rgb(0x6b, 0x72, 0x80);
    let flagged_c = if dark {
        egui::Color32::from_rgb(0x93, 0xc5, 0xfd)
    } else {
        egui::Color32::from_rgb(0x1e, 0x3a, 0x8a)
    };
    let expert_c = egui::Color32::from_rgb(0xd9, 0x73, 0x0d);
    let gap_c = egui::Color32::from_rgba_unmultiplied(0xdc, 0x26, 0x26, 150);
    let font = egui::TextStyle::Small.resolve(ui.style());
    let row_h = (font.size * 1.9).max(18.0);
    let width = ui.available_width().max(400.0);
    let label_w = (width * 0.34).min(360.0);
    let height = HEADER + row_h * chart.rows.len() as f32 + LEGEND;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let n = chart.columns.len().max(1);
    let cw = (width - label_w - 8.0) / n as f32;
    let cx = |col: usize| rect.left() + label_w + cw * (col as f32 + 0.5);
    // Column heads: "Dag 1" over "ochtend".
    for (i, label) in chart.columns.iter().enumerate() {
        let (day, part) = label.split_once(", ").unwrap_or((label.as_str(), ""));
        painter.text(
            egui::pos2(cx(i), rect.top() + 2.0),
            egui::Align2::CENTER_TOP,
            day,
            font.clone(),
            text,
        );
        painter.text(
            egui::pos2(cx(i), rect.top() + 2.0 + font.size * 1.2),
            egui::Align2::CENTER_TOP,
            part,
            font.clone(),
            text,
        );
        let x = rect.left() + label_w + cw * i as f32;
        painter.line_segment(
            [
                egui::pos2(x, rect.top() + HEADER - 4.0),
                egui::pos2(x, rect.top() + HEADER + row_h * chart.rows.len() as f32),
            ],
            egui::Stroke::new(1.0, grid),
        );
    }
    let mut hovered = None;
    for (i, row) in chart.rows.iter().enumerate() {
        let top = rect.top() + HEADER + row_h * i as f32;
        let band =
            egui::Rect::from_min_size(egui::pos2(rect.left(), top), egui::vec2(width, row_h));
        if i.is_multiple_of(2) {
            painter.rect_filled(band, 0.0, faint);
        }
        if response.hover_pos().is_some_and(|p| band.contains(p)) {
            hovered = Some(row);
            painter.rect_stroke(
                band,
                0.0,
                egui::Stroke::new(1.0, grid),
                egui::StrokeKind::Inside,
            );
        }
        let mid = top + row_h / 2.0;
        let label = painter.layout_no_wrap(row.text.clone(), font.clone(), text);
        let clip = egui::Rect::from_min_size(
            egui::pos2(rect.left() + 4.0, top),
            egui::vec2(label_w - 10.0, row_h),
        );
        painter.with_clip_rect(clip).galley(
            egui::pos2(clip.left(), mid - label.size().y / 2.0),
            label,
            text,
        );
        let shift = if row.held.is_some() && row.held == row.flagged {
            6.0
        } else {
            0.0
        };
        match (row.held, row.flagged) {
            (Some(h), Some(f)) if f > h => {
                painter.line_segment(
                    [egui::pos2(cx(h), mid), egui::pos2(cx(f), mid)],
                    egui::Stroke::new(3.0, gap_c),
                );
            }
            (Some(h), None) if !row.picture => {
                let end = cx(n - 1) + 12.0;
                painter.add(egui::Shape::dashed_line(
                    &[egui::pos2(cx(h), mid), egui::pos2(end, mid)],
                    egui::Stroke::new(2.0, gap_c),
                    4.0,
                    3.0,
                ));
            }
            _ => {}
        }
        if let Some(c) = row.expert {
            diamond(&painter, egui::pos2(cx(c), mid), 7.0, expert_c);
        }
        if let Some(c) = row.held {
            painter.circle_filled(egui::pos2(cx(c) - shift, mid), 4.5, held_c);
        }
        if let Some(c) = row.flagged {
            painter.rect_filled(
                egui::Rect::from_center_size(
                    egui::pos2(cx(c) + shift, mid),
                    egui::vec2(10.0, 10.0),
                ),
                0.0,
                flagged_c,
            );
        }
    }
    // The legend.
    let y = rect.bottom() - LEGEND / 2.0;
    let mut x = rect.left() + 8.0;
    let key = |painter: &egui::Painter, x: &mut f32, what: &str| {
        let g = painter.layout_no_wrap(what.to_string(), font.clone(), text);
        let w = g.size().x;
        painter.galley(egui::pos2(*x + 12.0, y - g.size().y / 2.0), g, text);
        *x += w + 36.0;
    };
    painter.circle_filled(egui::pos2(x, y), 4.5, held_c);
    key(&painter, &mut x, &chart.legend.held);
    painter.rect_filled(
        egui::Rect::from_center_size(egui::pos2(x, y), egui::vec2(10.0, 10.0)),
        0.0,
        flagged_c,
    );
    key(&painter, &mut x, &chart.legend.flagged);
    diamond(&painter, egui::pos2(x, y), 7.0, expert_c);
    key(&painter, &mut x, &chart.legend.expert);
    painter.line_segment(
        [egui::pos2(x - 6.0, y), egui::pos2(x + 6.0, y)],
        egui::Stroke::new(3.0, gap_c),
    );
    key(&painter, &mut x, "tijd tot de markering (gestreept: nooit)");
    if let Some(row) = hovered {
        response.on_hover_ui_at_pointer(|ui| row_tip(ui, chart, row));
    }
}

/// What the hovered row says in words.
fn row_tip(ui: &mut egui::Ui, chart: &Chart, row: &ChartRow) {
    ui.set_max_width(420.0);
    ui.label(&row.text);
    let at = |c: Option<usize>| {
        c.and_then(|c| chart.columns.get(c).cloned())
            .unwrap_or_else(|| "nooit".to_string())
    };
    ui.small(format!("{}: {}", chart.legend.held, at(row.held)));
    let by = row
        .flagged_by
        .as_ref()
        .map(|b| format!(" ({b})"))
        .unwrap_or_default();
    if !row.picture {
        ui.small(format!("{}: {}{by}", chart.legend.flagged, at(row.flagged)));
    }
    ui.small(format!("{}: {}", chart.legend.expert, at(row.expert)));
}

fn diamond(painter: &egui::Painter, c: egui::Pos2, r: f32, colour: egui::Color32) {
    let points = vec![
        egui::pos2(c.x, c.y - r),
        egui::pos2(c.x + r, c.y),
        egui::pos2(c.x, c.y + r),
        egui::pos2(c.x - r, c.y),
    ];
    painter.add(egui::Shape::closed_line(
        points,
        egui::Stroke::new(2.0, colour),
    ));
}
