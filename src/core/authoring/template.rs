//! The template a new case starts from: the documentation's worked
//! example with comments for a new author (`ketensim new` writes it; the
//! editor's "Nieuwe casus" fills it in from a few choices). It passes
//! `check --strict` (tests keep it so).

/// The worked example the scaffold starts from.
const EXAMPLE: &str = include_str!("../../../docs/examples/voorbeeld-noor.ron");

/// Comments put before the sections of the example, for a new author.
const SECTION_COMMENTS: [(&str, &str); 12] = [
    (
        "    forms: [",
        "    // Forms of exploitation: Sexual, Labour, Criminal, Other.",
    ),
    (
        "    clock: (",
        "    // The case clock: days, each split into day-parts. Trainees end a day-part with Advance.",
    ),
    (
        "    roles: [",
        "    // Roles: the organisations. `playable: true` roles can be played; the `script` is what a role does when nobody plays it (its expert behaviour).",
    ),
    (
        "    subjects: [",
        "    // The (fictional!) people the facts are about.",
    ),
    (
        "    facts: [",
        "    // Information items: who knows them at the start (`known_by`), their data attributes (`special`, `criminal`), and `signal` if they point to exploitation (weights stack).",
    ),
    (
        "    channels: [",
        "    // How information travels: Direct (phone, mail), Report (a melding to one body), Meeting (everyone present hears it; it sits at `sits` or when a member convenes it).",
    ),
    (
        "    grounds: [",
        "    // Legal grounds a role can invoke when it shares (cite the article in `reference`).",
    ),
    (
        "    sharing: (",
        "    // How shares are judged: the first rule that matches decides Lawful / Unlawful / Excessive, with the reason and rule the debrief shows.",
    ),
    (
        "    injects: [",
        "    // Messages, calls and reports that reach a role at a time or when a condition holds; they reveal facts and open decisions.",
    ),
    (
        "    decisions: [",
        "    // Scripted decisions: options with feedback, a reference, points per competency; mark exactly one option `expert: true`.",
    ),
    (
        "    rules: [",
        "    // `when <condition> then <effects>`: this is how the picture emerges when information comes together.",
    ),
    (
        "    expectations: [",
        "    // What a role should achieve (above all: what to share with whom); scored in the debrief.",
    ),
];

/// The scenario text for `id`.
pub fn scenario_text(id: &str) -> String {
    let mut text = EXAMPLE.replacen("id: \"voorbeeld-noor\"", &format!("id: \"{id}\""), 1);
    text = text.replacen(
        "title: \"Noor (16): twee losse signalen\"",
        &format!("title: \"Nieuw scenario: {id}\""),
        1,
    );
    for (anchor, comment) in SECTION_COMMENTS {
        text = text.replacen(&format!("\n{anchor}"), &format!("\n{comment}\n{anchor}"), 1);
    }
    format!(
        "// Scenario `{id}`, made with `ketensim new`. It starts as a copy of the\n\
         // worked example in docs/scenario-format.md (the reference for every\n\
         // construct); change it into your own case. Use only fictional people.\n\
         //\n\
         // Then: `ketensim check <this file>` (problems with file:line:col; it\n\
         // also runs the test plan {id}.tests.ron), and play it with\n\
         // `ketensim play <this file> --role gemeente --answers answers/{id}-expert.answers.ron --report verslag.html`.\n\
         {text}"
    )
}

/// The expert answer file: flags the signal, chooses the casusoverleg and
/// brings the truancy in on the Wgs.
pub fn answers_text(id: &str) -> String {
    format!(
        "// Expert path for the gemeente in `{id}`; the test plan expects \"goed\" and\n\
         // the maximum score. Change it together with the scenario.\n\
         Answers(\n    scenario: \"{id}\",\n    seed: 1,\n    steps: [\n        Flag(fact: \"f_verzuim\", form: Sexual),\n        Decide(decision: \"d_route\", option: \"o_overleg\"),\n        Share(facts: [\"f_verzuim\"], to: [], channel: \"overleg\", ground: \"wgs\"),\n    ],\n)\n"
    )
}

/// The test plan: the expert case, with its scores spelled as the
/// scenario's `points` spell the competencies.
pub fn plan_text(id: &str) -> String {
    format!(
        "// Test plan for `{id}`: `ketensim check` plays every case and compares\n\
         // outcome, scores and feedback (see docs/answer-format.md, \"Test plans\").\n\
         // `scores` names a competency as the scenario's `points` do (`Samenwerking`,\n\
         // `RechtmatigDelen`, `Custom(\"...\")`) or \"totaal\" for the total, with the\n\
         // earned points as (min, max). Add a deliberately poor case with the\n\
         // mistakes it must name in `feedback`.\n\
         TestPlan(\n    scenario: \"{id}\",\n    cases: [\n        (name: \"expert gemeente\", answers: \"answers/{id}-expert.answers.ron\", role: Some(\"gemeente\"),\n         expect: (\n             outcome: Some(\"goed\"),\n             maximum: true,\n             scores: {{Samenwerking: (3, 3), RechtmatigDelen: (1, 1)}},\n         )),\n    ],\n)\n"
    )
}

/// A chain partner a new case can have as a role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Partner {
    pub id: &'static str,
    pub name: &'static str,
    pub organisation: &'static str,
    pub regime: crate::core::scenario::model::Regime,
}

/// The standard chain partners of a region. The template's own roles
/// (gemeente, politie) are always in a new case: its example facts,
/// channels and expert path use them.
pub const PARTNERS: &[Partner] = {
    use crate::core::scenario::model::Regime::{Avg, Beroepsgeheim, Wjsg, Wpg};
    &[
        Partner {
            id: "gemeente",
            name: "Aandachtsfunctionaris mensenhandel",
            organisation: "Gemeente",
            regime: Avg,
        },
        Partner {
            id: "politie",
            name: "Wijkagent",
            organisation: "Politie",
            regime: Wpg,
        },
        Partner {
            id: "zorgcoordinator",
            name: "Zorgcoördinator mensenhandel",
            organisation: "Zorg- en Veiligheidshuis",
            regime: Beroepsgeheim,
        },
        Partner {
            id: "riec",
            name: "Analist",
            organisation: "RIEC",
            regime: Avg,
        },
        Partner {
            id: "veilig_thuis",
            name: "Medewerker advies en meldingen",
            organisation: "Veilig Thuis",
            regime: Avg,
        },
        Partner {
            id: "om",
            name: "Officier van justitie",
            organisation: "Openbaar Ministerie",
            regime: Wjsg,
        },
        Partner {
            id: "comensha",
            name: "Medewerker",
            organisation: "CoMensha",
            regime: Avg,
        },
        Partner {
            id: "school",
            name: "Mentor",
            organisation: "School",
            regime: Avg,
        },
        Partner {
            id: "nla",
            name: "Inspecteur",
            organisation: "Nederlandse Arbeidsinspectie",
            regime: Avg,
        },
        Partner {
            id: "raad",
            name: "Raadsonderzoeker",
            organisation: "Raad voor de Kinderbescherming",
            regime: Avg,
        },
    ]
};

/// What "Nieuwe casus" asks.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCase {
    pub title: String,
    pub form: crate::core::scenario::model::Form,
    pub days: u32,
    /// The day-parts' names (the template's times use "ochtend" and
    /// "middag").
    pub parts: Vec<String>,
    /// Partner ids (`PARTNERS`) beside gemeente and politie.
    pub roles: Vec<String>,
}

/// The smallest number of days a new case has: the template's times go
/// up to day 2.
pub const MIN_DAYS: u32 = 2;

/// A scenario id from a title: lower case, words joined by `-`.
pub fn id_from_title(title: &str) -> String {
    crate::core::words::slug(title, '-', 48)
}

/// The three files of a new case (scenario, test plan, expert answers) in
/// `dir`, from the template filled in with `n`; refuses to overwrite.
/// Returns the scenario file.
pub fn create(dir: &std::path::Path, n: &NewCase) -> Result<std::path::PathBuf, String> {
    use crate::core::scenario::model::{Form, Role, Scenario};
    let title = n.title.trim();
    if title.is_empty() {
        return Err("Geef de casus een titel.".to_string());
    }
    let id = id_from_title(title);
    if id.is_empty() {
        return Err("De titel moet letters of cijfers bevatten.".to_string());
    }
    if n.days < MIN_DAYS {
        return Err(format!("Een casus duurt minstens {MIN_DAYS} dagen."));
    }
    if !["ochtend", "middag"]
        .iter()
        .all(|p| n.parts.iter().any(|x| x == p))
    {
        return Err("De dagdelen moeten ten minste ochtend en middag zijn.".to_string());
    }
    let form = format!("{:?}", n.form);
    // The example's signal that points at the form, and the picture, in
    // words of the chosen form (the author rewrites them all the same).
    let (signal_id, signal, picture) = match n.form {
        Form::Sexual => (
            "f_hotel",
            "Noor is 's avonds gezien in een hotel met een veel oudere man.",
            "Samen: patroon dat past bij seksuele uitbuiting van een minderjarige.",
        ),
        Form::Labour => (
            "f_nachtwerk",
            "Noor werkt volgens een klasgenoot doordeweeks tot diep in de nacht in de nagelsalon van een veel oudere kennis van de familie.",
            "Samen: patroon dat past bij arbeidsuitbuiting van een minderjarige.",
        ),
        Form::Criminal => (
            "f_koerier",
            "Noor is 's avonds gezien terwijl ze voor een veel oudere man tasjes wegbracht naar verschillende adressen.",
            "Samen: patroon dat past bij criminele uitbuiting van een minderjarige.",
        ),
        Form::Other => (
            "f_oudere_man",
            "Noor is 's avonds gezien met een veel oudere man die haar telefoon en bankpas beheert.",
            "Samen: patroon dat past bij uitbuiting van een minderjarige.",
        ),
    };
    let swap = |t: String| {
        if n.form == Form::Sexual {
            return t;
        }
        t.replace("Sexual", &form)
            .replace(
                "Noor is 's avonds gezien in een hotel met een veel oudere man.",
                signal,
            )
            .replace(
                "Samen: patroon dat past bij seksuele uitbuiting van een minderjarige.",
                picture,
            )
            .replace("\"f_hotel\"", &format!("\"{signal_id}\""))
    };
    let text = swap(scenario_text(&id));
    let answers = swap(answers_text(&id));
    let plan = plan_text(&id);
    let old: Scenario = crate::core::scenario::load::ron_options()
        .from_str(&text)
        .map_err(|e| format!("het sjabloon leest niet: {e}"))?;
    let mut new = old.clone();
    new.title = title.to_string();
    new.clock.days = n.days;
    new.clock.parts = n.parts.clone();
    for r in &n.roles {
        if new.roles.iter().any(|x| x.id == *r) {
            continue;
        }
        let p = PARTNERS
            .iter()
            .find(|p| p.id == r)
            .ok_or_else(|| format!("onbekende ketenpartner `{r}`"))?;
        let mut role: Role = new.roles[1].clone();
        role.id = p.id.to_string();
        role.name = p.name.to_string();
        role.organisation = p.organisation.to_string();
        role.regime = p.regime;
        role.playable = false;
        role.briefing = format!("U bent {} bij {}.", p.name.to_lowercase(), p.organisation);
        role.goals.clear();
        role.script.clear();
        role.auto_flag = false;
        new.roles.push(role);
    }
    let text =
        crate::core::scenario::save::rewrite(&text, &old, &new).map_err(|e| e.to_string())?;
    let files = [
        (dir.join(format!("{id}.ron")), text),
        (dir.join(format!("{id}.tests.ron")), plan),
        (
            dir.join("answers").join(format!("{id}-expert.answers.ron")),
            answers,
        ),
    ];
    if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(format!(
            "{} bestaat al: kies een andere titel.",
            p.display()
        ));
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                format!("{}: de map kan niet worden gemaakt: {e}", parent.display())
            })?;
        }
        crate::core::store::write_atomic(path, text)
            .map_err(|e| format!("{}: kan niet worden geschreven: {e}", path.display()))?;
    }
    Ok(files[0].0.clone())
}
