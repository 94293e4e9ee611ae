//! Synthetic scenarios and sessions of any size, for benchmarks and
//! robustness tests. The content is meaningless; the structure (facts,
//! injects, decisions, rules, scripts, sharing rules) is like a real case.

use std::fmt::Write;
use std::sync::Arc;

use super::engine::{Session, SessionLog};
use super::scenario::Compiled;
use super::scenario::compiled::{CAct, Ix};
use super::scenario::model::{Act, Form};

/// Sizes of a synthetic scenario.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub facts: usize,
    pub injects: usize,
    pub rules: usize,
    pub decisions: usize,
    pub days: u32,
}

impl Size {
    /// The size the engine benchmark uses.
    pub const LARGE: Size = Size {
        facts: 2000,
        injects: 500,
        rules: 300,
        decisions: 100,
        days: 120,
    };
}

const ROLES: [&str; 6] = [
    "gemeente",
    "politie",
    "zorg",
    "riec",
    "school",
    "veilig_thuis",
];
const PARTS: [&str; 3] = ["ochtend", "middag", "avond"];

/// RON text of a synthetic scenario of `size`.
pub fn scenario_text(size: Size) -> String {
    let mut s = String::with_capacity(size.facts * 200 + size.injects * 300);
    let ticks = size.days as usize * PARTS.len();
    let _ = writeln!(
        s,
        "(\n  id: \"synth\",\n  title: \"Synthetisch\",\n  version: \"1\",\n  summary: \"Gegenereerd.\",\n  forms: [Criminal, Labour],\n  duration_minutes: 600,\n  clock: (days: {}, parts: [\"ochtend\", \"middag\", \"avond\"]),",
        size.days
    );
    s.push_str("  roles: [\n");
    for (i, r) in ROLES.iter().enumerate() {
        let playable = i < 4;
        let _ = writeln!(
            s,
            "    (id: \"{r}\", name: \"Rol {r}\", organisation: \"Org {r}\", playable: {playable}, briefing: \"Briefing {r}.\", script: ["
        );
        // Each role passes on some facts it learns.
        for k in 0..10 {
            let f = (k * 37 + i * 11) % size.facts;
            let to = ROLES[(i + 1) % ROLES.len()];
            let _ = writeln!(
                s,
                "      (when: Knows(role: \"{r}\", fact: \"f{f}\"), do: Share(facts: [\"f{f}\"], to: [\"{to}\"], channel: \"mail\", ground: \"taak\")),"
            );
        }
        s.push_str("    ]),\n");
    }
    s.push_str("  ],\n  subjects: [(id: \"p\", name: \"Persoon\")],\n  facts: [\n");
    for f in 0..size.facts {
        // Every third fact is held at the start, and so is every fact no
        // inject reveals, so the scenario has no warnings.
        let holder = if f % 3 == 0 || f >= size.injects * 3 {
            format!("known_by: [\"{}\"], ", ROLES[f % ROLES.len()])
        } else {
            String::new()
        };
        let signal = if f % 4 == 0 {
            format!(
                "signal: (form: {}, weight: {}), ",
                if f % 8 == 0 { "Criminal" } else { "Labour" },
                1 + f % 3
            )
        } else {
            String::new()
        };
        let attributes = ["", "special: true, ", "criminal: true, "][f % 3];
        let variants = if f % 50 == 0 {
            "variants: [\"Variant a.\", \"Variant b.\"], "
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "    (id: \"f{f}\", text: \"Feit {f} over de casus.\", {variants}{attributes}about: \"p\", {signal}{holder}),"
        );
    }
    s.push_str("  ],\n  channels: [\n    (id: \"mail\", name: \"Mail\", kind: Direct),\n    (id: \"overleg\", name: \"Overleg\", kind: Meeting, always: true, members: [\"gemeente\", \"politie\", \"zorg\", \"riec\"]),\n    (id: \"melding\", name: \"Melding\", kind: Report, members: [\"veilig_thuis\"]),\n  ],\n");
    s.push_str("  grounds: [\n    (id: \"taak\", name: \"Publieke taak\", reference: \"AVG art. 6 lid 1 sub e\"),\n    (id: \"belang\", name: \"Gerechtvaardigd belang\", reference: \"AVG art. 6 lid 1 sub f\"),\n  ],\n");
    s.push_str("  sharing: (rules: [\n");
    for k in 0..20 {
        let _ = writeln!(
            s,
            "    (facts: [\"f{}\", \"f{}\"], verdict: Excessive, reason: \"Meer dan nodig.\", reference: \"AVG art. 5\"),",
            (k * 7) % size.facts,
            (k * 13) % size.facts
        );
    }
    s.push_str("    (categories: [Special], grounds: [\"belang\"], verdict: Unlawful, reason: \"Nee.\"),\n    (grounds: [\"taak\"], verdict: Lawful, reason: \"Ja.\"),\n  ]),\n");
    s.push_str("  consults: [(id: \"collega\", name: \"Collega\", advice: [(when: SignalWeight(role: \"gemeente\", form: Criminal, at_least: 10), text: \"Melden.\")], default_advice: \"Verzamel meer.\")],\n");
    s.push_str("  injects: [\n");
    for i in 0..size.injects {
        let to = ROLES[i % 4];
        let f1 = (i * 3 + 1) % size.facts;
        let f2 = (i * 3 + 2) % size.facts;
        let opens = if i < size.decisions {
            format!("opens: [\"d{i}\"], ")
        } else {
            String::new()
        };
        let timing = if i % 5 == 4 {
            format!(
                "when: Knows(role: \"{to}\", fact: \"f{}\"), ",
                (i * 3) % size.facts
            )
        } else {
            let tick = (i * ticks / size.injects).min(ticks - 1);
            format!(
                "at: (day: {}, part: \"{}\"), jitter: {}, ",
                tick / 3 + 1,
                PARTS[tick % 3],
                i % 2
            )
        };
        let _ = writeln!(
            s,
            "    (id: \"i{i}\", to: \"{to}\", kind: Mail, title: \"Bericht {i}\", text: \"Tekst {i}.\", {timing}reveals: [\"f{f1}\", \"f{f2}\"], {opens}),"
        );
    }
    s.push_str("  ],\n  decisions: [\n");
    for d in 0..size.decisions {
        let role = ROLES[d % 4];
        let _ = writeln!(
            s,
            "    (id: \"d{d}\", role: \"{role}\", prompt: \"Keuze {d}?\", within: 3, options: [(id: \"a\", text: \"A\", expert: true, feedback: \"Goed.\", reference: \"Meldcode\", points: {{Signalering: 2}}, effects: [Add(var: \"score\", value: 1)]), (id: \"b\", text: \"B\", feedback: \"Fout.\", reference: \"Meldcode\")], on_expire: [Add(var: \"score\", value: -1)]),"
        );
    }
    s.push_str("  ],\n  rules: [\n");
    for r in 0..size.rules {
        let role = ROLES[r % 4];
        // Facts held at the start (every third), so every rule can fire.
        let a = (r * 17) % (size.facts / 3) * 3;
        let b = (r * 29 + 5) % (size.facts / 3) * 3;
        let c = (r * 31 + 3) % size.facts;
        let last = r + 1 == size.rules;
        let then = if last {
            "End(outcome: \"goed\")".to_string()
        } else {
            format!(
                "Reveal(fact: \"f{c}\", to: \"{}\"), Add(var: \"score\", value: 1)",
                ROLES[(r + 2) % 4]
            )
        };
        let when = if last {
            "Var(name: \"score\", cmp: AtLeast, value: 100000)".to_string()
        } else {
            format!(
                "Any([All([Knows(role: \"{role}\", fact: \"f{a}\"), Knows(role: \"{role}\", fact: \"f{b}\")]), Flagged(fact: \"f{a}\"), Shared(fact: \"f{b}\", to: \"riec\")])"
            )
        };
        let _ = writeln!(s, "    (id: \"r{r}\", when: {when}, then: [{then}]),");
    }
    s.push_str("  ],\n  variables: [(id: \"score\", initial: 0)],\n  outcomes: [\n    (id: \"goed\", title: \"Goed\", text: \"Goed.\", kind: Good),\n    (id: \"slecht\", title: \"Slecht\", text: \"Slecht.\", kind: Bad),\n  ],\n  default_outcome: \"slecht\",\n)\n");
    s
}

/// A session log of `actions` legal actions by `gemeente`: flags, shares,
/// consults and decisions, with a clock advance every fifth action.
pub fn session_log(compiled: &Arc<Compiled>, seed: u64, actions: usize) -> Option<SessionLog> {
    let role_id = "gemeente".to_string();
    let role: Ix = *compiled.ids.roles.get(&role_id)?;
    let mut s =
        Session::start(compiled.clone(), seed, std::slice::from_ref(&role_id), None).ok()?;
    let sc = &compiled.scenario;
    let mut cursor = 0usize;
    while s.log().actions.len() < actions && !s.state().ended() {
        let n = s.log().actions.len();
        let act = if n % 5 == 4 {
            Act::Advance
        } else {
            let menu = s.menu(role);
            if let Some((d, opts)) = menu.decisions.first() {
                let o = opts[n % opts.len()];
                Act::Decide {
                    decision: sc.decisions[*d].id.clone(),
                    option: sc.decisions[*d].options[o].id.clone(),
                }
            } else if menu.facts.is_empty() {
                Act::Advance
            } else {
                cursor += 1;
                let f = menu.facts[cursor % menu.facts.len()];
                let fact = sc.facts[f].id.clone();
                match n % 3 {
                    0 => {
                        let form = if cursor.is_multiple_of(2) {
                            Form::Criminal
                        } else {
                            Form::Labour
                        };
                        if s.check(role, &CAct::Flag(f, form)).is_ok() {
                            Act::Flag { fact, form }
                        } else {
                            Act::Consult {
                                with: "collega".into(),
                            }
                        }
                    }
                    1 => Act::Share {
                        facts: vec![fact],
                        to: vec![ROLES[1 + cursor % 3].to_string()],
                        channel: "mail".into(),
                        ground: if cursor.is_multiple_of(4) {
                            "belang"
                        } else {
                            "taak"
                        }
                        .into(),
                    },
                    _ => Act::Share {
                        facts: vec![fact],
                        to: Vec::new(),
                        channel: "overleg".into(),
                        ground: "taak".into(),
                    },
                }
            }
        };
        s.apply(&role_id, &act).ok()?;
    }
    Some(s.log().clone())
}
