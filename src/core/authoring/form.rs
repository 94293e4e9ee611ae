//! The editor's views of a scenario, plain data: the outline (every item
//! by list, with its title), the form of one item (each field with the
//! kind of input it gets: a text, a drop-down of existing ids, a time, a
//! check box, or RON text checked as you type), the timeline table, and
//! the edits behind them (set a field, add, duplicate or remove an item,
//! new ids from a title).
//!
//! Generic over the model: the scenario is serialised to RON and read as
//! a value tree (`ron_tree`), an edit is made in that text and the result
//! read back, so every list and field of the format is editable without a
//! form per type, and an edit that does not fit the model is refused with
//! the reader's message.

use crate::core::scenario::load::ron_options;
use crate::core::scenario::model::{Scenario, Time};
use crate::core::scenario::ron_tree::{self, Item, Key, Kind, Node};
use crate::core::words::shorten;

/// The lists of a scenario the outline shows, with their Dutch names.
pub const LISTS: &[(&str, &str)] = &[
    ("roles", "Rollen"),
    ("subjects", "Personen"),
    ("facts", "Feiten"),
    ("pools", "Feitenpools"),
    ("channels", "Kanalen en overleggen"),
    ("grounds", "Grondslagen"),
    ("consults", "Raadplegen"),
    ("talks", "Gesprekken"),
    ("consents", "Toestemming"),
    ("injects", "Injects"),
    ("decisions", "Beslissingen"),
    ("rules", "Regels"),
    ("variables", "Variabelen"),
    ("expectations", "Verwachtingen"),
    ("pictures", "Beelden"),
    ("outcomes", "Uitkomsten"),
];

/// Lists inside an item that the outline shows as items of their own.
const NESTED: &[(&str, &str)] = &[("options", "Opties")];

/// Where an item is: `[("decisions", "d_x"), ("options", "o_y")]`; empty:
/// the case's own fields.
pub type ItemPath = Vec<(String, String)>;

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem {
    pub path: ItemPath,
    pub id: String,
    pub title: String,
    /// Its own items (a decision's options).
    pub children: Vec<OutlineItem>,
}

/// A list in the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub list: String,
    pub label: String,
    pub items: Vec<OutlineItem>,
}

/// The kind of input a field gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The item's id: shown, not edited here (references use it).
    Id,
    /// A text (multi-line when long).
    Text,
    /// One id of `list`, chosen from a drop-down.
    Ref(String),
    /// Several ids of `list`, ticked.
    Refs(String),
    Bool,
    Number,
    /// A day and a day-part; `optional`: may be empty.
    Time {
        optional: bool,
    },
    /// One of these words.
    Choice(Vec<&'static str>),
    /// Anything else, as RON text (conditions, effects, script steps).
    Ron,
}

/// One field of an item's form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub input: Input,
    /// The value as RON text (a string without its quotes for `Text`,
    /// `Ref` and `Id`; `None` for an empty optional).
    pub value: String,
    /// Whether it is set at all (optional fields).
    pub set: bool,
}

/// The values of an `Input::Ref`/`Refs`: id and title per item of `list`.
pub fn choices(s: &Scenario, list: &str) -> Vec<(String, String)> {
    let Ok(root) = tree(s) else {
        return Vec::new();
    };
    root.1
        .field(list)
        .map(|l| {
            l.items()
                .iter()
                .filter_map(|i| Some((str_field(&i.value, "id")?, title_of(&i.value))))
                .collect()
        })
        .unwrap_or_default()
}

/// The scenario as RON text and its value tree.
fn tree(s: &Scenario) -> Result<(String, Node), String> {
    let config =
        ron::ser::PrettyConfig::new().extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(s, config).map_err(|e| e.to_string())?;
    let node = ron_tree::parse(&text).map_err(|e| e.message)?;
    Ok((text, node))
}

fn str_field(n: &Node, name: &str) -> Option<String> {
    match &n.field(name)?.kind {
        Kind::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// An item's title: its title, name, prompt, label or text, shortened.
fn title_of(n: &Node) -> String {
    ["title", "name", "prompt", "label", "text", "description"]
        .iter()
        .find_map(|f| str_field(n, f).filter(|t| !t.is_empty()))
        .map(|t| shorten(&t, 70))
        .unwrap_or_default()
}

/// The outline of the case.
pub fn outline(s: &Scenario) -> Vec<Section> {
    let Ok((_, root)) = tree(s) else {
        return Vec::new();
    };
    LISTS
        .iter()
        .filter_map(|(list, label)| {
            let node = root.field(list)?;
            Some(Section {
                list: list.to_string(),
                label: label.to_string(),
                items: node
                    .items()
                    .iter()
                    .filter_map(|i| outline_item(&[], list, &i.value))
                    .collect(),
            })
        })
        .collect()
}

fn outline_item(parent: &[(String, String)], list: &str, n: &Node) -> Option<OutlineItem> {
    let id = str_field(n, "id")?;
    let mut path = parent.to_vec();
    path.push((list.to_string(), id.clone()));
    let children = NESTED
        .iter()
        .filter_map(|(nested, _)| n.field(nested))
        .flat_map(|l| l.items().iter())
        .filter_map(|i| outline_item(&path, "options", &i.value))
        .collect();
    Some(OutlineItem {
        title: title_of(n),
        id,
        path,
        children,
    })
}

/// The node at `path` (the root for an empty path).
fn find<'a>(root: &'a Node, path: &[(String, String)]) -> Option<&'a Node> {
    let mut node = root;
    for (list, id) in path {
        node = &node
            .field(list)?
            .items()
            .iter()
            .find(|i| str_field(&i.value, "id").as_deref() == Some(id))?
            .value;
    }
    Some(node)
}

/// Which list a field's ids point into, by the field's name.
fn ref_list(field: &str) -> Option<&'static str> {
    Some(match field {
        "role" | "to" | "by" | "owner" | "holder" | "users" | "members" | "roles" | "plays" => {
            "roles"
        }
        "fact" | "facts" | "reveals" | "about_facts" => "facts",
        "known_by" => "roles",
        "decision" | "opens" => "decisions",
        "channel" | "channels" => "channels",
        "ground" | "grounds" => "grounds",
        "subject" | "subjects" | "deciders" | "about" => "subjects",
        "talk" => "talks",
        "consult" => "consults",
        "outcome" | "default_outcome" => "outcomes",
        _ => return None,
    })
}

/// Words a field of an item of `list` may hold, for the enums whose
/// values are known here (the format's names, as the file writes them).
fn choice_of(list: &str, field: &str) -> Option<Vec<&'static str>> {
    Some(match (list, field) {
        ("injects", "kind") => vec![
            "Message",
            "Call",
            "Mail",
            "Report",
            "Meeting",
            "Document",
            "Observation",
        ],
        ("channels", "kind") => vec!["Direct", "Report", "Meeting"],
        (_, "form") => vec!["Sexual", "Labour", "Criminal", "Other"],
        (_, "category") => vec!["Ordinary", "Special", "Criminal"],
        // A fact's regime may be left to its role's (`None`).
        ("facts", "regime") => vec!["None", "Avg", "Wpg", "Wjsg", "Beroepsgeheim"],
        (_, "regime") => vec!["Avg", "Wpg", "Wjsg", "Beroepsgeheim"],
        _ => return None,
    })
}

/// Dutch labels for the fields an author meets most (others keep the
/// format's name).
pub fn label_of(field: &str) -> String {
    let l = match field {
        "id" => "Id",
        "title" => "Titel",
        "name" => "Naam",
        "text" => "Tekst",
        "prompt" => "Vraag",
        "summary" => "Beginsituatie (Startkaart)",
        "role" => "Rol",
        "to" => "Aan",
        "from" => "Van",
        "at" => "Moment",
        "deadline" => "Uiterlijk",
        "within" => "Binnen (dagdelen)",
        "options" => "Opties",
        "feedback" => "Terugkoppeling",
        "reference" => "Bron (wet, richtlijn)",
        "expert" => "Deskundige keuze",
        "points" => "Punten per competentie",
        "effects" => "Gevolgen",
        "when" => "Voorwaarde",
        "reveals" => "Onthult",
        "opens" => "Opent beslissingen",
        "optional" => "Optioneel (trainer zet in)",
        "trainer_note" => "Notitie voor de trainer",
        "signal" => "Signaal",
        "holder" => "Bij",
        "members" => "Leden",
        "users" => "Gebruikers",
        "sits" => "Zit op",
        "description" => "Omschrijving",
        "learning_goals" => "Leerdoelen",
        "duration_minutes" => "Duur (minuten)",
        "version" => "Versie",
        "clock" => "Klok",
        "forms" => "Vormen van uitbuiting",
        "kind" => "Soort",
        "jitter" => "Spreiding (dagdelen)",
        "scripted" => "Keuze van het script",
        "on_expire" => "Gevolgen als de tijd verstrijkt",
        "expire_feedback" => "Terugkoppeling als de tijd verstrijkt",
        "variants" => "Varianten van de tekst",
        "special" => "Bijzonder persoonsgegeven (art. 9 AVG)",
        "criminal" => "Strafrechtelijk gegeven (art. 10 AVG)",
        "regime" => "Regime",
        "about" => "Over",
        "vulnerability" => "Kwetsbaarheid (geen signaal)",
        "known_by" => "Bekend bij",
        "next" => "Daarna",
        "channel" => "Kanaal",
        "ground" => "Grondslag",
        "subject" => "Persoon",
        "advice" => "Advies",
        "default_advice" => "Advies (standaard)",
        "weight" => "Gewicht",
        "default_outcome" => "Uitkomst als niets anders geldt",
        "privacy_allow" => "Toegestane voorbeelden (privacycontrole)",
        "sharing" => "Beoordeling van verstrekkingen",
        other => other,
    };
    l.to_string()
}

/// The form of the item at `path` (empty: the case's own fields).
pub fn form(s: &Scenario, path: &[(String, String)]) -> Vec<Field> {
    let Ok((text, root)) = tree(s) else {
        return Vec::new();
    };
    let Some(node) = find(&root, path) else {
        return Vec::new();
    };
    node.items()
        .iter()
        .filter_map(|i| {
            let Some(Key::Field(name)) = &i.key else {
                return None;
            };
            // The case's lists have the outline; an item's nested lists
            // of items too.
            if path.is_empty() && LISTS.iter().any(|(l, _)| l == name) {
                return None;
            }
            if NESTED.iter().any(|(l, _)| l == name) {
                return None;
            }
            let list = path.last().map_or("", |(l, _)| l.as_str());
            Some(field_of(&text, list, name, &i.value))
        })
        .collect()
}

fn is_time(n: &Node) -> bool {
    n.is_struct() && n.items().len() == 2 && n.field("day").is_some() && n.field("part").is_some()
}

fn field_of(text: &str, list: &str, name: &str, v: &Node) -> Field {
    let raw = text[v.span.clone()].to_string();
    let (input, value, set) = match &v.kind {
        Kind::Str(s) if name == "id" => (Input::Id, s.clone(), true),
        Kind::Str(s) => match ref_list(name) {
            Some(list) => (Input::Ref(list.to_string()), s.clone(), true),
            None => (Input::Text, s.clone(), true),
        },
        Kind::Atom(a) if a == "true" || a == "false" => (Input::Bool, a.clone(), true),
        Kind::Atom(a) if a.parse::<f64>().is_ok() => (Input::Number, a.clone(), true),
        Kind::Atom(a) if a == "None" && matches!(name, "at" | "deadline") => {
            (Input::Time { optional: true }, String::new(), false)
        }
        Kind::Atom(a) if a == "None" && ref_list(name).is_some() => (
            Input::Ref(ref_list(name).unwrap_or("roles").to_string()),
            String::new(),
            false,
        ),
        Kind::Atom(a) => match choice_of(list, name) {
            Some(c) => (Input::Choice(c), a.clone(), true),
            None => (Input::Ron, raw, true),
        },
        Kind::Group {
            open: '[', items, ..
        } if ref_list(name).is_some()
            && items.iter().all(|i| matches!(i.value.kind, Kind::Str(_))) =>
        {
            (
                Input::Refs(ref_list(name).unwrap_or("roles").to_string()),
                raw,
                true,
            )
        }
        _ if is_time(v) => (
            Input::Time {
                optional: matches!(name, "at" | "deadline"),
            },
            raw,
            true,
        ),
        _ => (Input::Ron, raw, true),
    };
    Field {
        label: label_of(name),
        name: name.to_string(),
        input,
        value,
        set,
    }
}

/// The scenario with field `field` of the item at `path` set to `value`
/// (RON text; `None` removes an optional value). `Err`: the reader's
/// message, in Dutch, when the value does not fit.
pub fn set_field(
    s: &Scenario,
    path: &[(String, String)],
    field: &str,
    value: Option<&str>,
) -> Result<Scenario, String> {
    let (text, root) = tree(s)?;
    let node = find(&root, path).ok_or("dit onderdeel bestaat niet meer")?;
    let value = value.unwrap_or("None");
    let (out, start) = match node
        .items()
        .iter()
        .find(|i| matches!(&i.key, Some(Key::Field(k)) if k == field))
    {
        Some(i) => (
            splice(&text, i.value.span.clone(), value),
            i.value.span.start,
        ),
        None => {
            // Left out (an empty optional): add it before the closing
            // bracket.
            let close = node.span.end - 1;
            let before = format!("{field}: ");
            (
                splice(&text, close..close, &format!("{before}{value},")),
                close + before.len(),
            )
        }
    };
    ron_options()
        .from_str::<Scenario>(&out)
        .map_err(|e| value_error(&out, &e, start, value))
}

/// Why `value`, placed at byte `start` of `text`, does not read: in Dutch,
/// at its place in the value (`teken 14`, and the line when it has more
/// than one).
fn value_error(text: &str, e: &ron::error::SpannedError, start: usize, value: &str) -> String {
    let pos = crate::core::diag::Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    let (message, hint) = crate::core::scenario::load::explain(&e.code, text, pos);
    let mut why = super::dutch::for_editor(&message);
    if let Some(h) = hint {
        why.push_str(" — ");
        why.push_str(&super::dutch::for_editor(&h));
    }
    let at = pos.offset_in(text).unwrap_or(text.len());
    let place = if (start..=start + value.len()).contains(&at) {
        let inside = &value[..at - start];
        let line = inside.matches('\n').count() + 1;
        let col = inside.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        if value.contains('\n') {
            format!(" (regel {line}, teken {col})")
        } else {
            format!(" (bij teken {col})")
        }
    } else {
        String::new()
    };
    format!("past niet{place}: {why}")
}

/// A string value as RON text.
pub fn text_value(s: &str) -> String {
    ron_tree::quote(s)
}

/// A time as RON text.
pub fn time_value(t: &Time) -> String {
    format!("(day: {}, part: {})", t.day, ron_tree::quote(&t.part))
}

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

fn read(text: &str) -> Result<Scenario, String> {
    ron_options().from_str::<Scenario>(text).map_err(|e| {
        format!(
            "past niet (regel {}, kolom {}): {}",
            e.span.start.line,
            e.span.start.col,
            super::dutch::for_editor(&e.code.to_string())
        )
    })
}

/// Every id in the case (ids are unique across the whole case).
fn all_ids(root: &Node, out: &mut Vec<String>) {
    if let Some(id) = str_field(root, "id") {
        out.push(id);
    }
    for i in root.items() {
        all_ids(&i.value, out);
    }
}

/// A new id for an item of `list` from `title`: the list's prefix (as its
/// existing ids have it, e.g. `f_`), the title in lower case with `_`
/// between words, and a number if that id is taken.
pub fn new_id(s: &Scenario, list: &str, title: &str) -> String {
    let Ok((_, root)) = tree(s) else {
        return format!("nieuw_{list}");
    };
    let mut ids = Vec::new();
    all_ids(&root, &mut ids);
    let prefix = prefix_of(&root, list);
    let slug = crate::core::words::slug(title, '_', 28);
    let base = format!("{prefix}{}", if slug.is_empty() { "nieuw" } else { &slug });
    let mut id = base.clone();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

/// The prefix the ids of `list` share (`f_` for facts), or its first
/// letter and `_`.
fn prefix_of(root: &Node, list: &str) -> String {
    let ids: Vec<String> = find_list(root, list)
        .map(|l| {
            l.items()
                .iter()
                .filter_map(|i| str_field(&i.value, "id"))
                .collect()
        })
        .unwrap_or_default();
    let first = ids
        .first()
        .and_then(|id| id.split_once('_').map(|(p, _)| format!("{p}_")));
    match first {
        Some(p) if ids.iter().all(|id| id.starts_with(&p)) => p,
        _ => format!("{}_", list.chars().next().unwrap_or('x')),
    }
}

/// The first list called `list` anywhere in the tree.
fn find_list<'a>(root: &'a Node, list: &str) -> Option<&'a Node> {
    if let Some(l) = root.field(list) {
        return Some(l);
    }
    root.items().iter().find_map(|i| find_list(&i.value, list))
}

/// The list node holding the item at `path` and the item's index in it.
fn parent_list<'a>(root: &'a Node, path: &[(String, String)]) -> Option<(&'a Node, usize)> {
    let (last, parent) = path.split_last()?;
    let owner = find(root, parent)?;
    let list = owner.field(&last.0)?;
    let index = list
        .items()
        .iter()
        .position(|i| str_field(&i.value, "id").as_deref() == Some(last.1.as_str()))?;
    Some((list, index))
}

/// The case with a copy of the item at `path` right after it, with a new
/// id; returns it and the copy's path.
pub fn duplicate(s: &Scenario, path: &[(String, String)]) -> Result<(Scenario, ItemPath), String> {
    let (text, root) = tree(s)?;
    let (list, index) = parent_list(&root, path).ok_or("dit onderdeel bestaat niet meer")?;
    let item = &list.items()[index];
    let (list_name, old_id) = path.last().cloned().ok_or("geen onderdeel gekozen")?;
    let id = new_id(
        s,
        &list_name,
        &format!(
            "{} kopie",
            old_id.split_once('_').map_or(old_id.as_str(), |(_, r)| r)
        ),
    );
    let copy = with_id(&text, item, &id);
    let after = item.value.span.end;
    let out = splice(&text, after..after, &format!(", {copy}"));
    let mut new_path = path.to_vec();
    if let Some(last) = new_path.last_mut() {
        last.1 = id;
    }
    Ok((read(&out)?, new_path))
}

/// The item's RON text with its id replaced.
fn with_id(text: &str, item: &Item, id: &str) -> String {
    let raw = &text[item.value.span.clone()];
    match item.value.field("id") {
        Some(n) => {
            let start = n.span.start - item.value.span.start;
            let end = n.span.end - item.value.span.start;
            splice(raw, start..end, &ron_tree::quote(id))
        }
        None => raw.to_string(),
    }
}

/// The case with a new item in `list` of the item at `parent` (empty:
/// the case itself), made from the list's first item with a new id and its
/// texts emptied; returns it and the new item's path.
pub fn add(
    s: &Scenario,
    parent: &[(String, String)],
    list: &str,
    title: &str,
) -> Result<(Scenario, ItemPath), String> {
    let (text, root) = tree(s)?;
    let owner = find(&root, parent).ok_or("dit onderdeel bestaat niet meer")?;
    let node = owner.field(list).ok_or("deze lijst bestaat niet")?;
    let first = node
        .items()
        .first()
        .ok_or("deze lijst is leeg: maak het eerste onderdeel in de RON-tekst")?;
    let id = new_id(s, list, title);
    let template = blank_texts(&text, &first.value, &id, title);
    let end = node.span.end - 1;
    let out = splice(&text, end..end, &format!("{template},"));
    let mut path = parent.to_vec();
    path.push((list.to_string(), id));
    Ok((read(&out)?, path))
}

/// An item's RON text made blank: the new id, the title (if it has one),
/// other texts empty, check boxes off, lists and maps empty — except the
/// references (a recipient, a role), which keep pointing at something that
/// exists.
fn blank_texts(text: &str, n: &Node, id: &str, title: &str) -> String {
    let base = n.span.start;
    let mut raw = text[n.span.clone()].to_string();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = n
        .items()
        .iter()
        .filter_map(|i| {
            let Some(Key::Field(name)) = &i.key else {
                return None;
            };
            let with = match (&i.value.kind, name.as_str()) {
                (Kind::Str(_), "id") => ron_tree::quote(id),
                (Kind::Str(_), "title" | "name" | "prompt" | "text") => ron_tree::quote(title),
                _ if ref_list(name).is_some() => return None,
                (Kind::Str(_), _) => ron_tree::quote(""),
                (Kind::Atom(a), _) if a == "true" => "false".to_string(),
                (Kind::Group { open: '[', .. }, _) => "[]".to_string(),
                (Kind::Group { open: '{', .. }, _) => "{}".to_string(),
                _ => return None,
            };
            Some((i.value.span.start - base..i.value.span.end - base, with))
        })
        .collect();
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (r, with) in edits {
        raw.replace_range(r, &with);
    }
    raw
}

/// The case without the item at `path`. What referred to it shows up in
/// the problem list.
pub fn remove(s: &Scenario, path: &[(String, String)]) -> Result<Scenario, String> {
    let (text, root) = tree(s)?;
    let (list, index) = parent_list(&root, path).ok_or("dit onderdeel bestaat niet meer")?;
    let item = &list.items()[index];
    // The item and the comma after it (the serialiser writes one).
    let mut end = item.value.span.end;
    let rest = &text[end..];
    if let Some(comma) = rest.find(',')
        && rest[..comma].trim().is_empty()
    {
        end += comma + 1;
    }
    read(&splice(&text, item.value.span.start..end, ""))
}

/// One row of the timeline table.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub path: ItemPath,
    /// "Inject", "Beslissing" or "Overleg".
    pub kind: String,
    pub title: String,
    /// The role it is for (an inject's `to`, a decision's `role`).
    pub role: String,
    /// When it happens (a decision: when it opens, if an inject opens it).
    pub at: Option<Time>,
    /// A decision's deadline.
    pub until: Option<Time>,
    /// The field `at` is in (`at`, `deadline`, or `sits` with its index).
    pub field: String,
    pub sitting: Option<usize>,
}

/// The injects, decisions and sittings of the case in time order (rows
/// without a time last).
pub fn timeline(s: &Scenario) -> Vec<TimelineRow> {
    let part = |t: &Time| s.clock.parts.iter().position(|p| *p == t.part).unwrap_or(0);
    let mut rows = Vec::new();
    for i in &s.injects {
        rows.push(TimelineRow {
            path: vec![("injects".into(), i.id.clone())],
            kind: "Inject".into(),
            title: shorten(&i.title, 70),
            role: i.to.clone(),
            at: i.at.clone(),
            until: None,
            field: "at".into(),
            sitting: None,
        });
    }
    for d in &s.decisions {
        let opened = s
            .injects
            .iter()
            .find(|i| i.opens.contains(&d.id))
            .and_then(|i| i.at.clone());
        rows.push(TimelineRow {
            path: vec![("decisions".into(), d.id.clone())],
            kind: "Beslissing".into(),
            title: shorten(&d.prompt, 70),
            role: d.role.clone(),
            at: opened,
            until: d.deadline.clone(),
            field: "deadline".into(),
            sitting: None,
        });
    }
    for c in &s.channels {
        for (n, t) in c.sits.iter().enumerate() {
            rows.push(TimelineRow {
                path: vec![("channels".into(), c.id.clone())],
                kind: "Overleg".into(),
                title: c.name.clone(),
                role: String::new(),
                at: Some(t.clone()),
                until: None,
                field: "sits".into(),
                sitting: Some(n),
            });
        }
    }
    rows.sort_by_key(|r| {
        let key = r.at.as_ref().or(r.until.as_ref());
        key.map_or((u32::MAX, usize::MAX), |t| (t.day, part(t)))
    });
    rows
}

/// The case with the row's time moved to `to`.
pub fn move_row(s: &Scenario, row: &TimelineRow, to: &Time) -> Result<Scenario, String> {
    match row.sitting {
        Some(n) => {
            let mut out = s.clone();
            let c = out
                .channels
                .iter_mut()
                .find(|c| Some(&c.id) == row.path.first().map(|p| &p.1))
                .ok_or("dit overleg bestaat niet meer")?;
            let t = c.sits.get_mut(n).ok_or("deze zitting bestaat niet meer")?;
            *t = to.clone();
            Ok(out)
        }
        None => set_field(s, &row.path, &row.field, Some(&time_value(to))),
    }
}

/// The case with the item at `path` renamed to `to`, and every reference
/// to it in the case with it (every string that is exactly the old id).
/// Answer files and test plans beside the case keep the old id: `check`
/// says where.
pub fn rename(s: &Scenario, path: &[(String, String)], to: &str) -> Result<Scenario, String> {
    let (_, old) = path.last().ok_or("geen onderdeel gekozen")?;
    if to == old {
        return Ok(s.clone());
    }
    if to.is_empty()
        || !to
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err("een id bestaat uit kleine letters, cijfers en _".to_string());
    }
    let (text, root) = tree(s)?;
    let mut ids = Vec::new();
    all_ids(&root, &mut ids);
    if ids.iter().any(|i| i == to) {
        return Err(format!("het id `{to}` bestaat al"));
    }
    read(&text.replace(&ron_tree::quote(old), &ron_tree::quote(to)))
}
