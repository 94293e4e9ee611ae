//! The ketenkaart: a 2D Bevy scene (not an egui drawing) of the
//! organisations in the case, drawn in the area the case screen leaves
//! free. Each organisation shows how many facts it holds as far as the
//! playing role may know (and the role its own flags); a line appears
//! when information flows, and a dot travels along it for a moment. The
//! model is `ui::model::KaartView`; this file only draws it.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::egui;

use super::flow::Screen;
use super::state::Look;
use crate::ui::model::KaartView;

/// The free area of the case screen, in logical pixels (set by the case
/// screen every frame it is drawn).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct KaartArea(pub Option<egui::Rect>);

/// How long the dot of a new flow travels, in seconds.
const PULSE_SECONDS: f32 = 1.2;
const NODE_RADIUS: f32 = 18.0;
const BAR_WIDTH: f32 = 48.0;
/// Labels wrap at this width.
const LABEL_WIDTH: f32 = 136.0;

/// Nodes, labels, bars and lines: redrawn when the model changes.
#[derive(Component)]
struct KaartItem;
#[derive(Component)]
struct Pulse {
    from: usize,
    to: usize,
    age: f32,
}

/// What the scene shows now, to see what changed.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
struct Shown {
    area: Option<egui::Rect>,
    view: Option<KaartView>,
    /// Node centres in world coordinates.
    centres: Vec<Vec2>,
    high_contrast: bool,
}

/// What the scene draws with, made once: the labels' font (egui's Ubuntu
/// Light: it has the Dutch letters), the circles and their colours.
#[derive(Resource, Debug, Clone)]
struct KaartAssets {
    font: Handle<Font>,
    node: Handle<Mesh>,
    dot: Handle<Mesh>,
    me: Handle<ColorMaterial>,
    other: Handle<ColorMaterial>,
    pulse: Handle<ColorMaterial>,
}

fn load_assets(
    mut commands: Commands,
    mut fonts: ResMut<Assets<Font>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let colour =
        |materials: &mut Assets<ColorMaterial>, c: Color| materials.add(ColorMaterial::from(c));
    commands.insert_resource(KaartAssets {
        font: fonts.add(Font::from_bytes(
            epaint_default_fonts::UBUNTU_LIGHT.to_vec(),
        )),
        node: meshes.add(Circle::new(NODE_RADIUS)),
        dot: meshes.add(Circle::new(6.0)),
        me: colour(&mut materials, Color::srgb(0.16, 0.35, 0.6)),
        other: colour(&mut materials, Color::srgb(0.55, 0.62, 0.7)),
        pulse: colour(&mut materials, Color::srgb(0.95, 0.55, 0.1)),
    });
}

/// A label of `size` px, centred, wrapped at `width`.
fn label(
    text: String,
    size: f32,
    font: &KaartAssets,
    colour: Color,
    justify: Justify,
) -> impl Bundle {
    (
        Text2d::new(text),
        TextFont::from_font_size(size).with_font(font.font.clone()),
        TextColor(colour),
        TextLayout::justify(justify),
        bevy::text::TextBounds::new_horizontal(LABEL_WIDTH),
    )
}

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, load_assets)
        .init_resource::<KaartArea>()
        .init_resource::<Shown>()
        .add_systems(OnEnter(Screen::Case), reset)
        .add_systems(OnEnter(Screen::Trainer), reset)
        .add_systems(OnEnter(Screen::Remote), reset)
        .add_systems(Update, clear_colour)
        .add_systems(
            Update,
            (sync, animate).chain().run_if(
                in_state(Screen::Case)
                    .or_else(in_state(Screen::Trainer))
                    .or_else(in_state(Screen::Remote)),
            ),
        );
}

fn reset(mut shown: ResMut<Shown>, mut area: ResMut<KaartArea>) {
    *shown = Shown::default();
    area.0 = None;
}

/// Screen position (logical px, y down) to world (y up, origin centre).
fn to_world(p: egui::Pos2, window: Vec2) -> Vec2 {
    Vec2::new(p.x - window.x / 2.0, window.y / 2.0 - p.y)
}

/// Places the organisations on an ellipse inside `rect`, the playing role
/// first at the left.
fn layout(n: usize, me: usize, rect: egui::Rect, window: Vec2) -> Vec<(Vec2, f32)> {
    let centre = to_world(rect.center(), window);
    // Side labels need a label's width beside the ellipse; top and bottom
    // labels two lines of text.
    let rx = (rect.width() / 2.0 - LABEL_WIDTH - NODE_RADIUS - 8.0).max(20.0);
    let ry = (rect.height() / 2.0 - NODE_RADIUS - 62.0).max(10.0);
    (0..n)
        .map(|i| {
            let k = (i + n - me) % n;
            let angle = std::f32::consts::PI + k as f32 / n.max(1) as f32 * std::f32::consts::TAU;
            (
                centre + Vec2::new(rx * angle.cos(), ry * angle.sin()),
                angle,
            )
        })
        .collect()
}

/// Where a node's label goes: outward from the map's centre, so labels
/// of neighbouring nodes do not run into each other.
fn label_place(c: Vec2, angle: f32) -> (Vec2, bevy::sprite::Anchor, Justify) {
    use bevy::sprite::Anchor;
    let (cos, sin) = (angle.cos(), angle.sin());
    let gap = NODE_RADIUS + 8.0;
    if cos > 0.45 {
        (c + Vec2::new(gap, 0.0), Anchor::CENTER_LEFT, Justify::Left)
    } else if cos < -0.45 {
        (
            c - Vec2::new(gap, 0.0),
            Anchor::CENTER_RIGHT,
            Justify::Right,
        )
    } else {
        // Above or below the node. Two neighbours near the top (or the
        // bottom) would put their labels on top of each other: a node left
        // of the middle grows its label to the left, one right of it to the
        // right.
        let (dy, up) = if sin > 0.0 {
            (gap, true)
        } else {
            (-(gap + 6.0), false)
        };
        let at = c + Vec2::new(0.0, dy);
        match (cos < -0.05, cos > 0.05, up) {
            (true, _, true) => (
                at + Vec2::new(NODE_RADIUS, 0.0),
                Anchor::BOTTOM_RIGHT,
                Justify::Right,
            ),
            (true, _, false) => (
                at + Vec2::new(NODE_RADIUS, 0.0),
                Anchor::TOP_RIGHT,
                Justify::Right,
            ),
            (_, true, true) => (
                at - Vec2::new(NODE_RADIUS, 0.0),
                Anchor::BOTTOM_LEFT,
                Justify::Left,
            ),
            (_, true, false) => (
                at - Vec2::new(NODE_RADIUS, 0.0),
                Anchor::TOP_LEFT,
                Justify::Left,
            ),
            (_, _, true) => (at, Anchor::BOTTOM_CENTER, Justify::Center),
            (_, _, false) => (at, Anchor::TOP_CENTER, Justify::Center),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn sync(
    mut commands: Commands,
    look: Res<Look>,
    area: Res<KaartArea>,
    windows: Query<&Window>,
    mut shown: ResMut<Shown>,
    existing: Query<Entity, With<KaartItem>>,
    assets: Option<Res<KaartAssets>>,
    screen: Res<State<Screen>>,
    shown_view: Res<super::projection::Projection>,
) {
    // The case screen shows the seat's map, the trainer console the whole.
    let on = *screen.get();
    let Some(font) = assets else {
        return;
    };
    // The map of the projection on screen (whichever link filled it),
    // formatted once per change.
    let Some(view) = shown_view.kaart.as_ref() else {
        return;
    };
    let Some(rect) = area.0 else {
        // No room for the map: clear it.
        if shown.area.is_some() {
            for e in &existing {
                commands.entity(e).despawn();
            }
            *shown = Shown::default();
        }
        return;
    };
    let Some(window) = windows.iter().next() else {
        return;
    };
    let size = Vec2::new(window.width(), window.height());
    let dark = look.settings.high_contrast;
    if shown.area == Some(rect) && shown.view.as_ref() == Some(view) && shown.high_contrast == dark
    {
        return;
    }
    // New flows since the last look get a travelling dot.
    let old_flows = shown
        .view
        .as_ref()
        .map(|v| v.flows.clone())
        .unwrap_or_default();
    let first = shown.view.is_none();
    for e in &existing {
        commands.entity(e).despawn();
    }
    let me = view.orgs.iter().position(|o| o.me).unwrap_or(0);
    let placed = layout(view.orgs.len(), me, rect, size);
    let centres: Vec<Vec2> = placed.iter().map(|(c, _)| *c).collect();
    let ink = if dark {
        Color::WHITE
    } else {
        Color::srgb(0.15, 0.2, 0.3)
    };
    let line = if dark {
        Color::srgb(1.0, 0.9, 0.0)
    } else {
        Color::srgb(0.35, 0.5, 0.7)
    };
    for f in &view.flows {
        let (a, b) = (centres[f.from], centres[f.to]);
        let d = b - a;
        let thickness = 1.5 + (f.facts as f32).min(6.0);
        commands.spawn((
            KaartItem,
            Sprite::from_color(line, Vec2::new(d.length(), thickness)),
            Transform::from_translation(((a + b) / 2.0).extend(0.0))
                .with_rotation(Quat::from_rotation_z(d.y.atan2(d.x))),
            DespawnOnExit(on),
        ));
        let known = old_flows
            .iter()
            .any(|o| o.from == f.from && o.to == f.to && o.last == f.last);
        if !first && !known {
            commands.spawn((
                Pulse {
                    from: f.from,
                    to: f.to,
                    age: 0.0,
                },
                Mesh2d(font.dot.clone()),
                MeshMaterial2d(font.pulse.clone()),
                Transform::from_translation(a.extend(2.0)),
                DespawnOnExit(on),
            ));
        }
    }
    let most = view.orgs.iter().map(|o| o.facts).max().unwrap_or(0).max(1) as f32;
    for (i, org) in view.orgs.iter().enumerate() {
        let c = centres[i];
        let fill = if org.me { &font.me } else { &font.other };
        commands.spawn((
            KaartItem,
            Mesh2d(font.node.clone()),
            MeshMaterial2d(fill.clone()),
            Transform::from_translation(c.extend(1.0)),
            DespawnOnExit(on),
        ));
        let (at, anchor, justify) = label_place(c, placed[i].1);
        commands.spawn((
            KaartItem,
            label(
                if org.me {
                    format!(
                        "{}\n{}, {} gemarkeerd",
                        org.name,
                        crate::core::words::count(org.facts as usize, "gegeven", "gegevens"),
                        org.flagged
                    )
                } else {
                    format!(
                        "{}\n{}",
                        org.name,
                        crate::core::words::count(org.facts as usize, "gegeven", "gegevens")
                    )
                },
                12.0,
                &font,
                ink,
                justify,
            ),
            anchor,
            Transform::from_translation(at.extend(3.0)),
            DespawnOnExit(on),
        ));
        // How much it holds as far as the role knows, against the
        // organisation that holds the most.
        let share = (org.facts as f32 / most).clamp(0.0, 1.0);
        let bar_y = c.y - NODE_RADIUS - 5.0;
        commands.spawn((
            KaartItem,
            Sprite::from_color(Color::srgb(0.85, 0.87, 0.9), Vec2::new(BAR_WIDTH, 6.0)),
            Transform::from_translation(Vec3::new(c.x, bar_y, 1.0)),
            DespawnOnExit(on),
        ));
        if share > 0.0 {
            let w = BAR_WIDTH * share;
            commands.spawn((
                KaartItem,
                Sprite::from_color(Color::srgb(0.85, 0.45, 0.1), Vec2::new(w, 6.0)),
                Transform::from_translation(Vec3::new(c.x - BAR_WIDTH / 2.0 + w / 2.0, bar_y, 2.0)),
                DespawnOnExit(on),
            ));
        }
    }
    shown.area = Some(rect);
    shown.view = Some(view.clone());
    shown.centres = centres;
    shown.high_contrast = dark;
}

/// The window's background (seen where egui leaves the map free) follows
/// the theme.
fn clear_colour(look: Res<Look>, mut clear: ResMut<ClearColor>) {
    let want = if look.settings.high_contrast {
        Color::BLACK
    } else {
        Color::srgb(0.97, 0.97, 0.97)
    };
    if clear.0 != want {
        clear.0 = want;
    }
}

/// Moves the dots of new flows; asks for frames only while one moves.
fn animate(
    mut commands: Commands,
    time: Res<Time>,
    shown: Res<Shown>,
    mut pulses: Query<(Entity, &mut Pulse, &mut Transform)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let mut moving = false;
    for (e, mut p, mut t) in &mut pulses {
        p.age += time.delta_secs().min(0.1);
        let (Some(a), Some(b)) = (shown.centres.get(p.from), shown.centres.get(p.to)) else {
            commands.entity(e).despawn();
            continue;
        };
        let k = (p.age / PULSE_SECONDS).min(1.0);
        t.translation = a.lerp(*b, k).extend(2.0);
        if k >= 1.0 {
            commands.entity(e).despawn();
        } else {
            moving = true;
        }
    }
    if moving {
        redraw.write(RequestRedraw);
    }
}
