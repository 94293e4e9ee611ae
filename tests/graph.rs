//! `graph`: the scenario's structure as DOT, Mermaid and SVG names every
//! decision, rule and outcome, and the role-to-role flows of the scripts.

use std::path::Path;

use ketensim::core::graph::{NodeKind, build, to_dot, to_mermaid, to_svg};
use ketensim::core::scenario::load_file;

#[test]
fn every_item_is_in_every_format() {
    let c = load_file(Path::new("scenarios/criminele-uitbuiting-sem.ron"))
        .unwrap()
        .compiled;
    let g = build(&c);
    let s = &c.scenario;
    let count = |k: NodeKind| g.nodes.iter().filter(|n| n.kind == k).count();
    assert_eq!(count(NodeKind::Decision), s.decisions.len());
    assert_eq!(count(NodeKind::Rule), s.rules.len());
    assert_eq!(count(NodeKind::Outcome), s.outcomes.len());
    assert_eq!(count(NodeKind::Inject), s.injects.len());
    // The gemeente's script brings facts into the RIEC meeting: a flow
    // from gemeente to riec (truancy and address only: what the mother told
    // is family care detail, which belongs in the ZVH, not in the RIEC).
    let node = |key: &str| g.nodes.iter().position(|n| n.key == key).unwrap();
    let (gem, riec) = (node("role:gemeente"), node("role:riec"));
    let flow = g
        .edges
        .iter()
        .find(|e| e.from == gem && e.to == riec)
        .unwrap();
    // The flow names the facts, once each.
    assert_eq!(flow.label, "f_verzuim, f_brp_adres");
    assert_eq!(
        g.edges
            .iter()
            .filter(|e| e.from == gem && e.to == riec)
            .count(),
        1
    );

    let dot = to_dot(&c, &g);
    let mermaid = to_mermaid(&g);
    let svg = to_svg(&c, &g);
    assert!(dot.starts_with("digraph") && dot.trim_end().ends_with('}'));
    assert!(mermaid.starts_with("flowchart LR"));
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    for d in &s.decisions {
        assert!(
            svg.contains(&d.id) && mermaid.contains(&d.id) && dot.contains(&d.id),
            "{}",
            d.id
        );
    }
    assert_eq!(dot.matches(" -> ").count(), g.edges.len());
    // In the SVG, which role receives an inject or takes a decision is the
    // colour on its box, not a line; every other edge is a line with its
    // text as a tooltip.
    let membership = g
        .edges
        .iter()
        .filter(|e| {
            let (a, b) = (&g.nodes[e.from], &g.nodes[e.to]);
            (a.kind == NodeKind::Inject && b.kind == NodeKind::Role && a.owner == Some(e.to))
                || (a.kind == NodeKind::Role
                    && b.kind == NodeKind::Decision
                    && b.owner == Some(e.from))
        })
        .count();
    assert_eq!(membership, s.injects.len() + s.decisions.len());
    assert_eq!(
        svg.matches("</title></path>").count(),
        g.edges.len() - membership
    );
    // Every inject and decision carries its role's colour.
    assert!(
        g.nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Inject | NodeKind::Decision))
            .all(|n| n.owner.is_some())
    );
    // The SVG lists the flows in words.
    assert!(svg.contains("Gegevens die de rollen volgens hun script delen"));
    assert!(svg.contains("f_verzuim, f_brp_adres</text>"));
    // Text is escaped.
    assert!(!svg.contains("'s avonds <"));
}
