//! Readability settings: text size and a high-contrast theme.

use super::egui;

/// The trainee's display settings (kept on this machine between runs).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// 1.0 = normal; the whole UI scales with it.
    pub text_scale: f32,
    pub high_contrast: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: 1.0,
            high_contrast: false,
        }
    }
}

/// The text sizes offered, with their Dutch names.
pub const TEXT_SIZES: [(f32, &str); 4] = [
    (1.0, "Normaal"),
    (1.15, "Groot"),
    (1.3, "Groter"),
    (1.5, "Grootst"),
];

/// Applies `settings` to the context (cheap; call when they change).
pub fn apply(ctx: &egui::Context, settings: &Settings) {
    ctx.set_zoom_factor(settings.text_scale);
    // Readable sizes for a professional audience (egui's defaults are
    // small), and a little more air between widgets.
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
    let visuals = if settings.high_contrast {
        let mut v = egui::Visuals::dark();
        v.override_text_color = Some(egui::Color32::WHITE);
        v.panel_fill = egui::Color32::BLACK;
        v.window_fill = egui::Color32::BLACK;
        v.extreme_bg_color = egui::Color32::BLACK;
        v.faint_bg_color = egui::Color32::from_gray(20);
        v.hyperlink_color = egui::Color32::from_rgb(255, 230, 0);
        v.selection.bg_fill = egui::Color32::from_rgb(0, 90, 200);
        v.selection.stroke = egui::Stroke::new(2.0, egui::Color32::WHITE);
        let strong = egui::Stroke::new(1.5, egui::Color32::WHITE);
        v.widgets.noninteractive.bg_stroke = strong;
        v.widgets.inactive.bg_stroke = strong;
        v.widgets.inactive.bg_fill = egui::Color32::from_gray(30);
        v.widgets.inactive.weak_bg_fill = egui::Color32::from_gray(30);
        v.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, egui::Color32::from_rgb(255, 230, 0));
        v.widgets.active.bg_stroke = egui::Stroke::new(2.0, egui::Color32::from_rgb(255, 230, 0));
        v
    } else {
        let mut v = egui::Visuals::light();
        // Check boxes and radio buttons were faint on white: give the
        // controls at rest a visible edge and a grey fill.
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, egui::Color32::from_gray(120));
        v.widgets.inactive.bg_fill = egui::Color32::from_gray(226);
        v
    };
    ctx.set_visuals(visuals);
}

/// The settings controls (text size, contrast); returns whether they
/// changed.
pub fn settings_ui(ui: &mut egui::Ui, settings: &mut Settings) -> bool {
    let before = *settings;
    ui.horizontal_wrapped(|ui| {
        ui.label("Tekstgrootte:");
        for (scale, name) in TEXT_SIZES {
            ui.radio_value(&mut settings.text_scale, scale, name);
        }
        ui.separator();
        ui.checkbox(&mut settings.high_contrast, "Hoog contrast");
    });
    *settings != before
}

/// Colours that read well on both themes.
pub fn good(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(120, 230, 140)
    } else {
        egui::Color32::from_rgb(20, 110, 50)
    }
}

pub fn bad(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(255, 140, 130)
    } else {
        egui::Color32::from_rgb(170, 30, 30)
    }
}

pub fn warn(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(255, 210, 120)
    } else {
        egui::Color32::from_rgb(150, 80, 0)
    }
}

/// A lawful disclosure recorded on the wrong ground: its own colour,
/// apart from lawful (green), more than needed (amber) and unlawful (red).
pub fn label_fault(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(140, 200, 255)
    } else {
        egui::Color32::from_rgb(20, 80, 160)
    }
}

/// The colour of a share verdict id ("lawful", "wrong_ground",
/// "excessive", "unlawful").
pub fn verdict(ui: &egui::Ui, id: &str) -> egui::Color32 {
    match id {
        "lawful" => good(ui),
        "wrong_ground" => label_fault(ui),
        "unlawful" => bad(ui),
        _ => warn(ui),
    }
}
