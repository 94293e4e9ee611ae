//! What a screen reader says: names for controls whose visible text does
//! not say what they act on, lists for the dossier, the inbox and the
//! feed, and a text alternative for pictures (egui 0.36 gives every `Ui`
//! an AccessKit node, and every widget one of its own).

use super::egui;
use egui::accesskit::Role;

/// Gives the widget of `response` the accessible name `name`, e.g. the
/// fact a "Markeer als signaal" button acts on. The visible text stays.
pub fn name(response: &egui::Response, name: impl Into<String>) {
    let name = name.into();
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// Marks `ui` as a list called `label`; its items are marked with
/// [`list_item`].
pub fn list(ui: &egui::Ui, label: &str) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_role(Role::List);
        node.set_label(label.to_string());
    });
}

/// Marks `ui` (an item's frame) as an item of the list around it.
pub fn list_item(ui: &egui::Ui) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_role(Role::ListItem);
    });
}

/// A picture with a text alternative (the ketenkaart in words).
pub fn picture(response: &egui::Response, text: impl Into<String>) {
    let text = text.into();
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Image);
        node.set_label(text);
    });
}

/// Gives the window (egui's root node) its name: the app's title. Bevy
/// names the window only while it has the focus; egui's tree replaces
/// Bevy's, so without this a screen reader hears a window without a name.
pub fn window(ctx: &egui::Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
        node.set_label(title.to_string());
    });
}
