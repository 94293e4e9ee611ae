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
                    && matches!(b.kind, NodeKind::Decision | NodeKind::Consent)
                    && b.owner == Some(e.from)
                    && (b.kind == NodeKind::Decision || e.label.is_empty()))
        })
        .count();
    assert_eq!(
        membership,
        s.injects.len() + s.decisions.len() + s.consents.len()
    );
    assert_eq!(
        svg.matches("</title></path>").count(),
        g.edges.len() - membership
    );
    // Every inject, decision and consent request carries its role's colour.
    assert!(
        g.nodes
            .iter()
            .filter(|n| matches!(
                n.kind,
                NodeKind::Inject | NodeKind::Decision | NodeKind::Consent
            ))
            .all(|n| n.owner.is_some())
    );
    assert_eq!(count(NodeKind::Consent), s.consents.len());
    // The SVG lists the flows in words.
    assert!(svg.contains("Gegevens die de rollen volgens hun script delen"));
    assert!(svg.contains("f_verzuim, f_brp_adres</text>"));
    // Text is escaped.
    assert!(!svg.contains("'s avonds <"));
}

/// The mini fixture with two injects of one title, a consent request that
/// an option asks and a rule reads, and a meeting that an option convenes.
fn consent_and_convene() -> ketensim::core::scenario::Compiled {
    let src = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let text = src
        .replace(
            r#"(id: "i3", to: "a", title: "Later", text: "Ingepland.")"#,
            r#"(id: "i3", to: "a", title: "Telefoontje", text: "Ingepland.")"#,
        )
        .replace(
            r#"(id: "overleg", name: "Casusoverleg", kind: Meeting, always: true, members: ["a", "b"]),"#,
            r#"(id: "overleg", name: "Casusoverleg", kind: Meeting, members: ["a", "b"], convene: (by: ["a"])),"#,
        )
        .replace(
            r#"effects: [Schedule(inject: "i3", after: 1)]),"#,
            r#"effects: [Schedule(inject: "i3", after: 1), AskConsent(request: "c_p1"), Convene(channel: "overleg", after: 1)]),"#,
        )
        .replace(
            "    injects: [",
            r#"    consents: [(id: "c_p1", role: "a", subject: "p1", kind: Processing, text: "Mag ik het delen?", facts: ["f1"], answers: [(person: "p1", gives: true, text: "Ja.")])],
    injects: ["#,
        )
        .replacen(
            "    rules: [\n        (id: \"verband\"",
            r#"    rules: [
        (id: "r_toestemming", when: All([Consent(request: "c_p1", status: Given), InSession(channel: "overleg")]), then: [Set(var: "te_laat", value: 0)]),
        (id: "verband""#,
            1,
        );
    ketensim::core::scenario::load_str(Path::new("mini.ron"), &text)
        .unwrap_or_else(|d| panic!("{d}"))
        .compiled
}

#[test]
fn injects_with_one_title_consents_and_convened_meetings_are_drawn() {
    let c = consent_and_convene();
    let g = build(&c);
    let label = |key: &str| {
        g.nodes
            .iter()
            .find(|n| n.key == key)
            .unwrap_or_else(|| panic!("no node {key}"))
            .label
            .clone()
    };
    // Two injects titled "Telefoontje", told apart by their ids.
    assert_eq!(label("inject:i1"), "i1: Telefoontje");
    assert_eq!(label("inject:i3"), "i3: Telefoontje");
    // The consent request (its role's colour), asked by option `x`, read
    // by the rule; the meeting convened by the same option and read by the
    // rule.
    assert_eq!(label("consent:c_p1"), "c_p1: toestemming van Persoon Een");
    assert_eq!(label("meeting:overleg"), "overleg: Casusoverleg");
    let node = |key: &str| g.nodes.iter().position(|n| n.key == key).unwrap();
    let (dec, consent, meeting, rule, a) = (
        node("decision:dec1"),
        node("consent:c_p1"),
        node("meeting:overleg"),
        node("rule:r_toestemming"),
        node("role:a"),
    );
    assert_eq!(g.nodes[consent].owner, Some(a));
    let edge = |from: usize, to: usize| {
        g.edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .map(|e| e.label.clone())
    };
    assert_eq!(edge(dec, consent).as_deref(), Some("x: vraagt toestemming"));
    assert_eq!(
        edge(dec, meeting).as_deref(),
        Some("x: roept bijeen (na 1 dagdeel)")
    );
    assert_eq!(edge(consent, rule).as_deref(), Some("gegeven"));
    assert_eq!(edge(meeting, rule).as_deref(), Some("zit"));
    // In every format.
    let dot = to_dot(&c, &g);
    let mermaid = to_mermaid(&g);
    let svg = to_svg(&c, &g);
    for text in [
        "i1: Telefoontje",
        "i3: Telefoontje",
        "c_p1: toestemming",
        "x: vraagt toestemming",
        "roept bijeen (na 1 dagdeel)",
    ] {
        assert!(dot.contains(text), "DOT lacks {text}");
        assert!(mermaid.contains(text), "Mermaid lacks {text}");
        assert!(svg.contains(text), "SVG lacks {text}");
    }
    assert!(dot.contains("shape=ellipse") && dot.contains("shape=parallelogram"));
    assert!(mermaid.contains(r#"(["c_p1: toestemming van Persoon Een"])"#));
    assert!(mermaid.contains(r#"[/"overleg: Casusoverleg"/]"#));
    assert!(
        svg.contains(">Toestemming</text>") && svg.contains(">Overleggen (bijeengeroepen)</text>")
    );
    // A scenario without them has no empty column for them.
    let plain = load_file(Path::new("tests/fixtures/mini.ron"))
        .unwrap()
        .compiled;
    let svg = to_svg(&plain, &build(&plain));
    assert!(!svg.contains(">Toestemming</text>"));
}
