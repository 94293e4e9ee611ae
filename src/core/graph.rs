//! The structure of a scenario as a graph — roles, injects, decisions,
//! rules and outcomes, and which facts flow between roles in the scripts —
//! exported as Graphviz DOT, Mermaid, or a standalone SVG laid out in pure
//! Rust (no Graphviz needed), so a trainer can open it in a browser.

use std::fmt::Write as _;

use crate::core::scenario::compiled::{CAct, CCond, CEffect, Compiled, Ix};
use crate::core::scenario::model::ChannelKind;

/// The kinds of nodes, in the column order of the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    Role,
    Inject,
    Decision,
    Rule,
    Outcome,
}

impl NodeKind {
    fn column(self) -> usize {
        self as usize
    }
    fn title(self) -> &'static str {
        match self {
            NodeKind::Role => "Rollen",
            NodeKind::Inject => "Berichten (injects)",
            NodeKind::Decision => "Beslissingen",
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
        self.nodes.push(Node { key, kind, label });
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
    let inject: Vec<usize> = s
        .injects
        .iter()
        .map(|i| g.node(NodeKind::Inject, &i.id, i.title.clone()))
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

    let effects = |g: &mut Graph, from: usize, es: &[CEffect], why: &str| {
        for e in es {
            match e {
                CEffect::Schedule(i, _) => g.edge(from, inject[*i], why),
                CEffect::Open(d) => g.edge(from, decision[*d], why),
                CEffect::End(o) => g.edge(from, outcome[*o], why),
                CEffect::Reveal(f, r) => g.edge(from, role[*r], s.facts[*f].id.clone()),
                CEffect::Set(..) | CEffect::Add(..) => {}
            }
        }
    };
    for (i, ci) in c.injects.iter().enumerate() {
        let facts = ci.reveals.len();
        g.edge(
            inject[i],
            role[ci.to],
            if facts > 0 {
                format!("{facts} gegeven(s)")
            } else {
                String::new()
            },
        );
        for d in &ci.opens {
            g.edge(inject[i], decision[*d], "opent");
        }
        effects(&mut g, inject[i], &ci.effects, "");
        if let Some(cond) = &ci.when {
            conditions(&mut g, cond, inject[i], &inject, &decision);
        }
    }
    for (d, cd) in c.decisions.iter().enumerate() {
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
        conditions(&mut g, &cr.when, rule[r], &inject, &decision);
        effects(&mut g, rule[r], &cr.then, "");
    }
    // Facts flowing between roles in the scripts.
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
                    g.edge(role[r], role[t], format!("{} gegeven(s)", facts.len()));
                }
            }
        }
    }
    g
}

/// Edges from what a condition depends on (decisions, injects) to `to`.
fn conditions(g: &mut Graph, cond: &CCond, to: usize, inject: &[usize], decision: &[usize]) {
    match cond {
        CCond::Decided(d, _) | CCond::Expired(d) => g.edge(decision[*d], to, ""),
        CCond::Delivered(i) => g.edge(inject[*i], to, ""),
        CCond::All(v) | CCond::Any(v) => {
            for x in v {
                conditions(g, x, to, inject, decision);
            }
        }
        CCond::Not(x) => conditions(g, x, to, inject, decision),
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
            NodeKind::Decision => "diamond",
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
            NodeKind::Decision => format!("n{i}{{\"{l}\"}}"),
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

/// A standalone SVG: one column per kind of node, edges as curves.
pub fn to_svg(c: &Compiled, g: &Graph) -> String {
    const COL_W: f32 = 250.0;
    const NODE_W: f32 = 200.0;
    const NODE_H: f32 = 34.0;
    const GAP: f32 = 14.0;
    const TOP: f32 = 70.0;
    let mut pos = vec![(0.0f32, 0.0f32); g.nodes.len()];
    let mut rows = [0usize; 5];
    for (i, n) in g.nodes.iter().enumerate() {
        let col = n.kind.column();
        let x = 20.0 + col as f32 * COL_W;
        let y = TOP + rows[col] as f32 * (NODE_H + GAP);
        rows[col] += 1;
        pos[i] = (x, y);
    }
    let height = TOP + *rows.iter().max().unwrap_or(&1) as f32 * (NODE_H + GAP) + 20.0;
    let width = 20.0 + 5.0 * COL_W;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"20\" y=\"28\" font-size=\"18\" font-weight=\"bold\">{}</text>\n",
        xml(&c.scenario.title),
        xml(&c.scenario.title)
    );
    for kind in [
        NodeKind::Role,
        NodeKind::Inject,
        NodeKind::Decision,
        NodeKind::Rule,
        NodeKind::Outcome,
    ] {
        let _ = writeln!(
            out,
            "<text x=\"{:.0}\" y=\"54\" font-weight=\"bold\" fill=\"#444\">{}</text>",
            20.0 + kind.column() as f32 * COL_W,
            kind.title()
        );
    }
    // Edges first, under the nodes.
    for e in &g.edges {
        let (x1, y1) = pos[e.from];
        let (x2, y2) = pos[e.to];
        let (sx, sy, tx, ty) = if x2 > x1 {
            (x1 + NODE_W, y1 + NODE_H / 2.0, x2, y2 + NODE_H / 2.0)
        } else if x2 < x1 {
            (x1, y1 + NODE_H / 2.0, x2 + NODE_W, y2 + NODE_H / 2.0)
        } else {
            (
                x1 + NODE_W,
                y1 + NODE_H / 2.0,
                x2 + NODE_W,
                y2 + NODE_H / 2.0,
            )
        };
        let bend = if x1 == x2 {
            60.0
        } else {
            (tx - sx).abs() / 2.0
        };
        let (c1, c2) = if x2 >= x1 {
            (sx + bend, tx - if x1 == x2 { -bend } else { bend })
        } else {
            (sx - bend, tx + bend)
        };
        let colour =
            if g.nodes[e.from].kind == NodeKind::Role && g.nodes[e.to].kind == NodeKind::Role {
                "#c0611a"
            } else {
                "#8a9bb0"
            };
        let _ = write!(
            out,
            "<path d=\"M{sx:.0},{sy:.0} C{c1:.0},{sy:.0} {c2:.0},{ty:.0} {tx:.0},{ty:.0}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\" opacity=\"0.8\">"
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
    }
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let (fill, rx) = match n.kind {
            NodeKind::Role => ("#dbe7f3", 4.0),
            NodeKind::Inject => ("#f6f1e3", 2.0),
            NodeKind::Decision => ("#fde8d7", 14.0),
            NodeKind::Rule => ("#e8f3e3", 8.0),
            NodeKind::Outcome => ("#efe4f5", 17.0),
        };
        let mut label: String = n.label.chars().take(30).collect();
        if n.label.chars().count() > 30 {
            label.push('…');
        }
        let _ = writeln!(
            out,
            "<g><title>{}</title><rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{NODE_W:.0}\" height=\"{NODE_H:.0}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"#5a6b80\"/><text x=\"{:.0}\" y=\"{:.0}\">{}</text></g>",
            xml(&n.label),
            x + 8.0,
            y + NODE_H / 2.0 + 4.0,
            xml(&label)
        );
    }
    out.push_str("</svg>\n");
    out
}
