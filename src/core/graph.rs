//! The structure of a scenario as a graph — roles, injects, meetings that
//! are convened, decisions, consent requests, rules and outcomes, and which
//! facts flow between roles in the scripts — exported as Graphviz DOT,
//! Mermaid, or a standalone SVG laid out in pure Rust (no Graphviz needed),
//! so a trainer can open it in a browser.

use std::fmt::Write as _;

use crate::core::scenario::compiled::{CAct, CCond, CEffect, Compiled, Ix};
use crate::core::scenario::model::{ChannelKind, ConsentStatus};

/// The kinds of nodes, in the column order of the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    Role,
    Inject,
    /// A meeting that an effect, a script or a condition convenes or
    /// waits for.
    Meeting,
    Decision,
    /// A consent request.
    Consent,
    Rule,
    Outcome,
}

/// Every kind, in column order.
const KINDS: [NodeKind; 7] = [
    NodeKind::Role,
    NodeKind::Inject,
    NodeKind::Meeting,
    NodeKind::Decision,
    NodeKind::Consent,
    NodeKind::Rule,
    NodeKind::Outcome,
];

impl NodeKind {
    fn column(self) -> usize {
        self as usize
    }
    fn title(self) -> &'static str {
        match self {
            NodeKind::Role => "Rollen",
            NodeKind::Inject => "Berichten (injects)",
            NodeKind::Meeting => "Overleggen (bijeengeroepen)",
            NodeKind::Decision => "Beslissingen",
            NodeKind::Consent => "Toestemming",
            NodeKind::Rule => "Regels",
            NodeKind::Outcome => "Uitkomsten",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// A unique key, e.g. `inject:i_school`.
    pub key: String,
    pub kind: NodeKind,
    pub label: String,
    /// For an inject its recipient, for a decision the deciding role, for
    /// a consent request the asking role (node indices).
    pub owner: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Graph {
    fn node(&mut self, kind: NodeKind, id: &str, label: String) -> usize {
        let key = format!("{kind:?}:{id}").to_lowercase();
        if let Some(i) = self.nodes.iter().position(|n| n.key == key) {
            return i;
        }
        self.nodes.push(Node {
            key,
            kind,
            label,
            owner: None,
        });
        self.nodes.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize, label: impl Into<String>) {
        let label = label.into();
        if !self
            .edges
            .iter()
            .any(|e| e.from == from && e.to == to && e.label == label)
        {
            self.edges.push(Edge { from, to, label });
        }
    }
}

/// Builds the graph of a scenario.
pub fn build(c: &Compiled) -> Graph {
    let s = &c.scenario;
    let mut g = Graph::default();
    let role: Vec<usize> = s
        .roles
        .iter()
        .map(|r| g.node(NodeKind::Role, &r.id, r.name.clone()))
        .collect();
    // Injects by id and title: two injects may share a title.
    let inject: Vec<usize> = s
        .injects
        .iter()
        .map(|i| g.node(NodeKind::Inject, &i.id, format!("{}: {}", i.id, i.title)))
        .collect();
    let decision: Vec<usize> = s
        .decisions
        .iter()
        .map(|d| g.node(NodeKind::Decision, &d.id, d.id.clone()))
        .collect();
    let rule: Vec<usize> = s
        .rules
        .iter()
        .map(|r| g.node(NodeKind::Rule, &r.id, r.id.clone()))
        .collect();
    let outcome: Vec<usize> = s
        .outcomes
        .iter()
        .map(|o| g.node(NodeKind::Outcome, &o.id, o.title.clone()))
        .collect();
    let consent: Vec<usize> = s
        .consents
        .iter()
        .map(|q| {
            let who = s
                .subjects
                .iter()
                .find(|x| x.id == q.subject)
                .map_or(q.subject.as_str(), |x| x.name.as_str());
            g.node(
                NodeKind::Consent,
                &q.id,
                format!("{}: toestemming van {who}", q.id),
            )
        })
        .collect();
    for (q, cq) in c.consents.iter().enumerate() {
        g.nodes[consent[q]].owner = Some(role[cq.role]);
        g.edge(role[cq.role], consent[q], "");
    }
    // Meetings get a node when something convenes them or waits for a
    // sitting.
    let meeting = |g: &mut Graph, ch: Ix| {
        let id = &s.channels[ch].id;
        g.node(
            NodeKind::Meeting,
            id,
            format!("{id}: {}", s.channels[ch].name),
        )
    };

    let effects = |g: &mut Graph, from: usize, es: &[CEffect], why: &str| {
        for e in es {
            match e {
                CEffect::Schedule(i, _) => g.edge(from, inject[*i], why),
                CEffect::Open(d) => g.edge(from, decision[*d], why),
                CEffect::End(o) => g.edge(from, outcome[*o], why),
                CEffect::Reveal(f, r) => g.edge(from, role[*r], s.facts[*f].id.clone()),
                CEffect::AskConsent(q) => {
                    g.edge(from, consent[*q], label(why, "vraagt toestemming"))
                }
                CEffect::Convene(ch, after) => {
                    let m = meeting(g, *ch);
                    let when = match after {
                        0 => "roept bijeen".to_string(),
                        1 => "roept bijeen (na 1 dagdeel)".to_string(),
                        n => format!("roept bijeen (na {n} dagdelen)"),
                    };
                    g.edge(from, m, label(why, &when));
                }
                CEffect::Set(..) | CEffect::Add(..) | CEffect::Talk(_) => {}
            }
        }
    };
    for (i, ci) in c.injects.iter().enumerate() {
        g.nodes[inject[i]].owner = Some(role[ci.to]);
        let facts: Vec<&str> = ci.reveals.iter().map(|f| s.facts[*f].id.as_str()).collect();
        g.edge(inject[i], role[ci.to], facts.join(", "));
        for d in &ci.opens {
            g.edge(inject[i], decision[*d], "opent");
        }
        effects(&mut g, inject[i], &ci.effects, "");
        if let Some(cond) = &ci.when {
            conditions(&mut g, c, cond, inject[i], &inject, &decision, &consent);
        }
    }
    for (d, cd) in c.decisions.iter().enumerate() {
        g.nodes[decision[d]].owner = Some(role[cd.role]);
        g.edge(role[cd.role], decision[d], "");
        for (o, opt) in cd.options.iter().enumerate() {
            let name = s.decisions[d].options[o].id.clone();
            if let Some(n) = opt.next {
                g.edge(decision[d], decision[n], name.clone());
            }
            effects(&mut g, decision[d], &opt.effects, &name);
        }
    }
    for (r, cr) in c.rules.iter().enumerate() {
        conditions(&mut g, c, &cr.when, rule[r], &inject, &decision, &consent);
        effects(&mut g, rule[r], &cr.then, "");
    }
    // A talk acts for its role: what it asks or convenes starts at the role.
    for (t, ct) in c.talks.iter().enumerate() {
        effects(&mut g, role[ct.role], &ct.effects, &s.talks[t].id);
    }
    // Meetings and consents in the roles' scripts.
    for (r, cr) in c.roles.iter().enumerate() {
        for (_, act) in &cr.script {
            match act {
                CAct::Convene(ch) => {
                    let m = meeting(&mut g, *ch);
                    g.edge(role[r], m, "roept bijeen (script)");
                }
                CAct::AskConsent(q) => g.edge(role[r], consent[*q], "vraagt toestemming (script)"),
                _ => {}
            }
        }
    }
    // Facts flowing between roles in the scripts: one edge per pair of
    // roles, labelled with the facts (in file order).
    let mut flows: Vec<((Ix, Ix), Vec<Ix>)> = Vec::new();
    for (r, cr) in c.roles.iter().enumerate() {
        for (_, act) in &cr.script {
            if let CAct::Share {
                facts, to, channel, ..
            } = act
            {
                let recipients: Vec<Ix> = match c.channels[*channel].kind {
                    ChannelKind::Meeting => c.channels[*channel]
                        .members
                        .iter()
                        .copied()
                        .filter(|m| *m != r)
                        .collect(),
                    _ => to.clone(),
                };
                for t in recipients {
                    let slot = match flows.iter().position(|(k, _)| *k == (r, t)) {
                        Some(i) => i,
                        None => {
                            flows.push(((r, t), Vec::new()));
                            flows.len() - 1
                        }
                    };
                    flows[slot].1.extend(facts.iter().copied());
                }
            }
        }
    }
    for ((r, t), mut facts) in flows {
        facts.sort_unstable();
        facts.dedup();
        let ids: Vec<&str> = facts.iter().map(|f| s.facts[*f].id.as_str()).collect();
        g.edge(role[r], role[t], ids.join(", "));
    }
    g
}

/// `why` and `what` as one edge label.
fn label(why: &str, what: &str) -> String {
    if why.is_empty() {
        what.to_string()
    } else {
        format!("{why}: {what}")
    }
}

/// Edges from what a condition depends on (decisions, injects, consent
/// answers, meetings in session) to `to`.
fn conditions(
    g: &mut Graph,
    c: &Compiled,
    cond: &CCond,
    to: usize,
    inject: &[usize],
    decision: &[usize],
    consent: &[usize],
) {
    match cond {
        CCond::Decided(d, _) | CCond::Expired(d) => g.edge(decision[*d], to, ""),
        CCond::Delivered(i) => g.edge(inject[*i], to, ""),
        CCond::Consent(q, status) => {
            let status = match status {
                ConsentStatus::Asked => "gevraagd",
                ConsentStatus::Given => "gegeven",
                ConsentStatus::Refused => "geweigerd",
            };
            g.edge(consent[*q], to, status);
        }
        CCond::InSession(ch) => {
            let id = &c.scenario.channels[*ch].id;
            let m = g.node(
                NodeKind::Meeting,
                id,
                format!("{id}: {}", c.scenario.channels[*ch].name),
            );
            g.edge(m, to, "zit");
        }
        CCond::All(v) | CCond::Any(v) => {
            for x in v {
                conditions(g, c, x, to, inject, decision, consent);
            }
        }
        CCond::Not(x) => conditions(g, c, x, to, inject, decision, consent),
        _ => {}
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz DOT.
pub fn to_dot(c: &Compiled, g: &Graph) -> String {
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n",
        dot_escape(&c.scenario.id)
    );
    for (i, n) in g.nodes.iter().enumerate() {
        let shape = match n.kind {
            NodeKind::Role => "box, style=filled, fillcolor=\"#dbe7f3\"",
            NodeKind::Inject => "note",
            NodeKind::Meeting => "parallelogram",
            NodeKind::Decision => "diamond",
            NodeKind::Consent => "ellipse",
            NodeKind::Rule => "hexagon",
            NodeKind::Outcome => "doublecircle",
        };
        let _ = writeln!(
            out,
            "  n{i} [label=\"{}\", shape={shape}];",
            dot_escape(&n.label)
        );
    }
    for e in &g.edges {
        let _ = writeln!(
            out,
            "  n{} -> n{} [label=\"{}\"];",
            e.from,
            e.to,
            dot_escape(&e.label)
        );
    }
    out.push_str("}\n");
    out
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;")
}

/// Mermaid flowchart.
pub fn to_mermaid(g: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    for (i, n) in g.nodes.iter().enumerate() {
        let l = mermaid_escape(&n.label);
        let shape = match n.kind {
            NodeKind::Role => format!("n{i}[\"{l}\"]"),
            NodeKind::Inject => format!("n{i}>\"{l}\"]"),
            NodeKind::Meeting => format!("n{i}[/\"{l}\"/]"),
            NodeKind::Decision => format!("n{i}{{\"{l}\"}}"),
            NodeKind::Consent => format!("n{i}([\"{l}\"])"),
            NodeKind::Rule => format!("n{i}{{{{\"{l}\"}}}}"),
            NodeKind::Outcome => format!("n{i}((\"{l}\"))"),
        };
        let _ = writeln!(out, "  {shape}");
    }
    for e in &g.edges {
        if e.label.is_empty() {
            let _ = writeln!(out, "  n{} --> n{}", e.from, e.to);
        } else {
            let _ = writeln!(
                out,
                "  n{} -->|\"{}\"| n{}",
                e.from,
                mermaid_escape(&e.label),
                e.to
            );
        }
    }
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Whether an edge only says which role receives an inject, takes a
/// decision or asks a consent: the SVG shows that as the role's colour on
/// the box.
fn is_membership(g: &Graph, e: &Edge) -> bool {
    let (a, b) = (&g.nodes[e.from], &g.nodes[e.to]);
    let owned = a.owner == Some(e.to) || b.owner == Some(e.from);
    match (a.kind, b.kind) {
        (NodeKind::Inject, NodeKind::Role) | (NodeKind::Role, NodeKind::Decision) => owned,
        // A script or talk that asks is a labelled line of its own.
        (NodeKind::Role, NodeKind::Consent) => owned && e.label.is_empty(),
        _ => false,
    }
}

/// Colours for roles (colour-blind safe where possible).
const ROLE_COLOURS: [&str; 10] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a7a00", "#555555",
    "#8c564b", "#17becf",
];

/// Splits `text` into at most two lines of about `width` characters, with
/// an ellipsis when it does not fit.
fn wrap2(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let cur = lines.last().map_or(0, |l| l.chars().count());
        if cur > 0 && cur + 1 + word.chars().count() > width {
            if lines.len() == 2 {
                let last = lines.last_mut();
                if let Some(l) = last {
                    l.push('…');
                }
                return lines;
            }
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    for l in &mut lines {
        if l.chars().count() > width + 2 {
            *l = l.chars().take(width).collect::<String>() + "…";
        }
    }
    lines
}

/// Orders the nodes of each column to reduce crossings: a few sweeps of
/// the barycentre heuristic (each node moves to the mean row of its
/// neighbours in the other columns). Returns the row of every node.
fn order(g: &Graph, edges: &[&Edge]) -> Vec<f32> {
    let mut row: Vec<f32> = vec![0.0; g.nodes.len()];
    let mut count = [0usize; KINDS.len()];
    for (i, n) in g.nodes.iter().enumerate() {
        row[i] = count[n.kind.column()] as f32;
        count[n.kind.column()] += 1;
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); g.nodes.len()];
    for e in edges {
        if g.nodes[e.from].kind != g.nodes[e.to].kind {
            neighbours[e.from].push(e.to);
            neighbours[e.to].push(e.from);
        }
    }
    for sweep in 0..8 {
        let last = KINDS.len() - 1;
        let columns: Vec<usize> = if sweep % 2 == 0 {
            (1..=last).collect()
        } else {
            (0..last).rev().collect()
        };
        for col in columns {
            let mut members: Vec<(f32, usize)> = g
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.kind.column() == col)
                .map(|(i, _)| {
                    let ns = &neighbours[i];
                    let key = if ns.is_empty() {
                        row[i]
                    } else {
                        ns.iter().map(|&j| row[j]).sum::<f32>() / ns.len() as f32
                    };
                    // Ties keep the file order.
                    (key + row[i] * 1e-3, i)
                })
                .collect();
            members.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (r, (_, i)) in members.into_iter().enumerate() {
                row[i] = r as f32;
            }
        }
    }
    row
}

/// The graph laid out for drawing (the SVG's layout, in plain numbers):
/// the columns present with their titles, per node its column and row,
/// and the edges drawn (memberships of meetings left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub columns: Vec<&'static str>,
    /// Per node of the graph: (column, row).
    pub at: Vec<(usize, f32)>,
    pub edges: Vec<(usize, usize, String)>,
}

/// What the layout and the SVG share: the edges drawn (not memberships),
/// each node's row (ordered to reduce crossings) and the kinds that get a
/// column (only those the scenario has).
fn arrange(g: &Graph) -> (Vec<&Edge>, Vec<f32>, Vec<NodeKind>) {
    let edges: Vec<&Edge> = g.edges.iter().filter(|e| !is_membership(g, e)).collect();
    let row = order(g, &edges);
    let present: Vec<NodeKind> = KINDS
        .into_iter()
        .filter(|k| g.nodes.iter().any(|n| n.kind == *k))
        .collect();
    (edges, row, present)
}

/// Lays `g` out in columns by kind, ordered to reduce crossings.
pub fn layout(g: &Graph) -> Layout {
    let (edges, row, present) = arrange(g);
    let column = |k: NodeKind| present.iter().position(|p| *p == k).unwrap_or(0);
    Layout {
        columns: present.iter().map(|k| k.title()).collect(),
        at: g
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (column(n.kind), row[i]))
            .collect(),
        edges: edges
            .iter()
            .map(|e| (e.from, e.to, e.label.clone()))
            .collect(),
    }
}

/// A standalone SVG: one column per kind of node (ordered to reduce
/// crossings), each inject and decision coloured by its role, what opens,
/// schedules or ends what as grey curves, the facts the roles' scripts
/// share as orange arcs left of the roles, and a legend. Every box and
/// line has its full text as a tooltip.
#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
pub fn to_svg(c: &Compiled, g: &Graph) -> String {
    const LEFT: f32 = 120.0;
    const COL_W: f32 = 280.0;
    const NODE_W: f32 = 230.0;
    const NODE_H: f32 = 40.0;
    const GAP: f32 = 12.0;
    const TOP: f32 = 76.0;
    let (edges, row, present) = arrange(g);
    let column = |k: NodeKind| present.iter().position(|p| *p == k).unwrap_or(0);
    let pos: Vec<(f32, f32)> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                LEFT + column(n.kind) as f32 * COL_W,
                TOP + row[i] * (NODE_H + GAP),
            )
        })
        .collect();
    let rows = row.iter().fold(0.0f32, |a, b| a.max(*b)) + 1.0;
    let legend_y = TOP + rows * (NODE_H + GAP) + 20.0;
    let flows: Vec<&&Edge> = edges
        .iter()
        .filter(|e| g.nodes[e.from].kind == NodeKind::Role && g.nodes[e.to].kind == NodeKind::Role)
        .collect();
    let flows_y = legend_y + 64.0;
    let height = if flows.is_empty() {
        legend_y + 60.0
    } else {
        flows_y + 22.0 * (flows.len() as f32 + 1.0) + 10.0
    };
    let width = LEFT + present.len().saturating_sub(1) as f32 * COL_W + NODE_W + 30.0;
    let role_colour = |i: usize| -> &'static str {
        let k = g.nodes[..i]
            .iter()
            .filter(|n| n.kind == NodeKind::Role)
            .count();
        ROLE_COLOURS[k % ROLE_COLOURS.len()]
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"20\" y=\"30\" font-size=\"20\" font-weight=\"bold\">{}</text>\n",
        xml(&c.scenario.title),
        xml(&c.scenario.title)
    );
    for kind in &present {
        let _ = writeln!(
            out,
            "<text x=\"{:.0}\" y=\"60\" font-weight=\"bold\" fill=\"#333\">{}</text>",
            LEFT + column(*kind) as f32 * COL_W,
            kind.title()
        );
    }
    // Edges first, under the nodes.
    for e in &edges {
        let (x1, y1) = pos[e.from];
        let (x2, y2) = pos[e.to];
        let roles = g.nodes[e.from].kind == NodeKind::Role && g.nodes[e.to].kind == NodeKind::Role;
        let (sy, ty) = (y1 + NODE_H / 2.0, y2 + NODE_H / 2.0);
        let d = if roles {
            // An arc on the left of the role column, wider for rows
            // further apart; arrow at the recipient.
            let bulge = 16.0 + (ty - sy).abs() * 0.18;
            format!(
                "M{x1:.0},{sy:.0} C{:.0},{sy:.0} {:.0},{ty:.0} {x2:.0},{ty:.0}",
                x1 - bulge,
                x2 - bulge
            )
        } else if x2 > x1 {
            let bend = (x2 - x1 - NODE_W) / 2.0;
            let sx = x1 + NODE_W;
            format!(
                "M{sx:.0},{sy:.0} C{:.0},{sy:.0} {:.0},{ty:.0} {x2:.0},{ty:.0}",
                sx + bend,
                x2 - bend
            )
        } else if x2 < x1 {
            // Backwards (e.g. a rule that schedules an inject): below the
            // boxes' right edge back to the left.
            format!(
                "M{x1:.0},{sy:.0} C{:.0},{sy:.0} {:.0},{ty:.0} {:.0},{ty:.0}",
                x1 - 40.0,
                x2 + NODE_W + 40.0,
                x2 + NODE_W
            )
        } else {
            // Within a column (a decision that leads to the next).
            format!(
                "M{:.0},{sy:.0} C{:.0},{sy:.0} {:.0},{ty:.0} {:.0},{ty:.0}",
                x1 + NODE_W,
                x1 + NODE_W + 30.0,
                x2 + NODE_W + 30.0,
                x2 + NODE_W
            )
        };
        let (colour, width, dash) = if roles {
            ("#c0611a", 1.6, "")
        } else if x2 < x1 {
            ("#8a9bb0", 1.1, " stroke-dasharray=\"4 3\"")
        } else {
            ("#8a9bb0", 1.1, "")
        };
        let _ = write!(
            out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" opacity=\"0.85\"{dash}>"
        );
        let _ = writeln!(
            out,
            "<title>{} → {}{}</title></path>",
            xml(&g.nodes[e.from].label),
            xml(&g.nodes[e.to].label),
            if e.label.is_empty() {
                String::new()
            } else {
                format!(" ({})", xml(&e.label))
            }
        );
        if roles {
            // Arrow head at the recipient.
            let _ = writeln!(
                out,
                "<path d=\"M{x2:.0},{ty:.0} l-8,-4 l0,8 z\" fill=\"{colour}\"/>"
            );
        }
    }
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let (fill, rx) = match n.kind {
            NodeKind::Role => ("#ffffff", 4.0),
            NodeKind::Inject => ("#f6f1e3", 2.0),
            NodeKind::Meeting => ("#e3eef6", 2.0),
            NodeKind::Decision => ("#fde8d7", 12.0),
            NodeKind::Consent => ("#fff3c4", 18.0),
            NodeKind::Rule => ("#e8f3e3", 6.0),
            NodeKind::Outcome => ("#efe4f5", 18.0),
        };
        let stripe = match n.kind {
            NodeKind::Role => Some(role_colour(i)),
            _ => n.owner.map(role_colour),
        };
        let owner = n
            .owner
            .map(|o| format!(" ({})", xml(&g.nodes[o].label)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<g><title>{}{owner}</title><rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{NODE_W:.0}\" height=\"{NODE_H:.0}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"#5a6b80\"/>",
            xml(&n.label)
        );
        let text_x = if let Some(colour) = stripe {
            let _ = write!(
                out,
                "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"7\" height=\"{:.0}\" fill=\"{colour}\"/>",
                x + 1.0,
                y + 1.0,
                NODE_H - 2.0
            );
            x + 14.0
        } else {
            x + 8.0
        };
        let lines = wrap2(&n.label, 30);
        let first = if lines.len() == 1 {
            y + NODE_H / 2.0 + 4.5
        } else {
            y + NODE_H / 2.0 - 3.0
        };
        for (k, l) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{text_x:.0}\" y=\"{:.0}\">{}</text>",
                first + k as f32 * 15.0,
                xml(l)
            );
        }
        out.push_str("</g>\n");
    }
    // Legend.
    let items = [
        ("#8a9bb0", "", "opent, plant in of beëindigt"),
        (
            "#8a9bb0",
            " stroke-dasharray=\"4 3\"",
            "naar links: plant in, roept bijeen, vraagt toestemming of geeft een rol een gegeven",
        ),
        (
            "#c0611a",
            "",
            "gegevens die een rol volgens haar script deelt",
        ),
    ];
    let mut x = 20.0;
    for (colour, dash, text) in items {
        let _ = writeln!(
            out,
            "<path d=\"M{x:.0},{legend_y:.0} l40,0\" stroke=\"{colour}\" stroke-width=\"1.6\"{dash}/><text x=\"{:.0}\" y=\"{:.0}\" fill=\"#333\">{}</text>",
            x + 48.0,
            legend_y + 4.0,
            xml(text)
        );
        x += 60.0 + text.chars().count() as f32 * 7.0;
    }
    let _ = writeln!(
        out,
        "<text x=\"20\" y=\"{:.0}\" fill=\"#333\">De gekleurde rand van een bericht, beslissing of toestemmingsvraag is de kleur van de rol die het ontvangt, neemt of vraagt. Wijs een vak of lijn aan voor de volledige tekst.</text>",
        legend_y + 30.0
    );
    // Which facts flow between which roles, in words.
    if !flows.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"20\" y=\"{flows_y:.0}\" font-weight=\"bold\" fill=\"#333\">Gegevens die de rollen volgens hun script delen</text>"
        );
        for (k, e) in flows.iter().enumerate() {
            let y = flows_y + 22.0 * (k as f32 + 1.0);
            let _ = writeln!(
                out,
                "<text x=\"20\" y=\"{y:.0}\" fill=\"#333\"><tspan fill=\"#c0611a\">{} → {}:</tspan> {}</text>",
                xml(&g.nodes[e.from].label),
                xml(&g.nodes[e.to].label),
                xml(&e.label)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_on_two_lines() {
        assert_eq!(wrap2("Weekstart ZVH", 30), ["Weekstart ZVH"]);
        assert_eq!(
            wrap2("Verzuimmelding: Sem de Vries (15) mist al weken lessen", 30),
            ["Verzuimmelding: Sem de Vries", "(15) mist al weken lessen"]
        );
        let long = wrap2(
            "een heel lange titel die echt niet op twee regels van dertig tekens past",
            30,
        );
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
    }

    /// Crossings between edges of adjacent columns, rows as given.
    fn crossings(g: &Graph, row: &[f32]) -> usize {
        let spans: Vec<(usize, f32, f32)> = g
            .edges
            .iter()
            .filter(|e| !is_membership(g, e))
            .filter_map(|e| {
                let (a, b) = (g.nodes[e.from].kind.column(), g.nodes[e.to].kind.column());
                match (a + 1 == b, b + 1 == a) {
                    (true, _) => Some((a, row[e.from], row[e.to])),
                    (_, true) => Some((b, row[e.to], row[e.from])),
                    _ => None,
                }
            })
            .collect();
        let mut n = 0;
        for (i, x) in spans.iter().enumerate() {
            for y in &spans[i + 1..] {
                if x.0 == y.0 && (x.1 - y.1) * (x.2 - y.2) < 0.0 {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn ordering_reduces_crossings_on_the_bundled_scenario() {
        let c = crate::core::scenario::load_file(std::path::Path::new(
            "scenarios/criminele-uitbuiting-sem.ron",
        ))
        .unwrap()
        .compiled;
        let g = build(&c);
        let mut file_order = vec![0.0; g.nodes.len()];
        let mut count = [0usize; KINDS.len()];
        for (i, n) in g.nodes.iter().enumerate() {
            file_order[i] = count[n.kind.column()] as f32;
            count[n.kind.column()] += 1;
        }
        let edges: Vec<&Edge> = g.edges.iter().filter(|e| !is_membership(&g, e)).collect();
        let before = crossings(&g, &file_order);
        let after = crossings(&g, &order(&g, &edges));
        eprintln!("crossings between adjacent columns: {before} in file order, {after} ordered");
        assert!(
            after < before,
            "{after} crossings after ordering, {before} before"
        );
    }
}
