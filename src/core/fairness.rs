//! Does the form give the answers away? Three checks on a scenario that a
//! trainee would otherwise exploit instead of thinking (issue 17):
//!
//! - **Option lengths**: the expert option of a decision should not be
//!   recognisable by being the longest and most carefully worded. `check
//!   --deep` reports how often it is the strictly longest label and warns
//!   from half of the decisions on.
//! - **Flag everything**: marking every fact as a signal must score lower
//!   on Signalering than the expert's choice, for every playable role.
//!   Each strategy is played for real — the role works through its script
//!   and takes the expert options, flagging either only the signals it
//!   holds or every fact it holds — and scored by the evaluation.
//! - **Spoilers**: the Start card (`summary`) and a role's `briefing` and
//!   `goals` must not name what the role does not hold at the start. The
//!   heuristic is documented at [`spoiler_lints`].

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::core::diag::{Diagnostic, Pos};
use crate::core::engine::{DecisionState, Session};
use crate::core::eval::build::evaluate;
use crate::core::scenario::compiled::{Compiled, Ix};
use crate::core::scenario::model::{Act, Form};
use crate::core::scenario::source::SourceIndex;

/// How often the expert option is the strictly longest label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionLengths {
    /// Decisions with an expert option and at least two options.
    pub decisions: usize,
    /// Of those, the decisions whose expert option is strictly longest.
    pub expert_longest: Vec<String>,
}

impl OptionLengths {
    /// The share of decisions whose expert option is longest (0 when there
    /// are none).
    pub fn fraction(&self) -> f64 {
        if self.decisions == 0 {
            0.0
        } else {
            self.expert_longest.len() as f64 / self.decisions as f64
        }
    }
}

/// Counts the decisions whose expert option has the strictly longest
/// label (in characters).
pub fn option_lengths(c: &Compiled) -> OptionLengths {
    let s = &c.scenario;
    let mut out = OptionLengths {
        decisions: 0,
        expert_longest: Vec::new(),
    };
    for (d, cd) in c.decisions.iter().enumerate() {
        let Some(expert) = cd.expert else { continue };
        let options = &s.decisions[d].options;
        if options.len() < 2 {
            continue;
        }
        out.decisions += 1;
        let len = |o: usize| options.get(o).map_or(0, |x| x.text.chars().count());
        let mine = len(expert);
        if (0..options.len()).all(|o| o == expert || len(o) < mine) {
            out.expert_longest.push(s.decisions[d].id.clone());
        }
    }
    out
}

/// Signalering of one playable role under two strategies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlagStrategies {
    pub role: String,
    /// The maximum Signalering of the role (its expert path).
    pub max: i32,
    /// Flagging only the signals it holds, with their form.
    pub expert: i32,
    /// Flagging every fact it holds (signals with their form, the rest
    /// with the case's first form).
    pub flag_everything: i32,
}

/// Plays, for every playable role, the two flagging strategies and
/// scores them. `seed` as in `play`.
pub fn flag_strategies(c: &Arc<Compiled>, seed: u64) -> Vec<FlagStrategies> {
    let s = &c.scenario;
    let mut out = Vec::new();
    for (r, role) in s.roles.iter().enumerate() {
        if !role.playable {
            continue;
        }
        let score = |everything: bool| -> Option<(i32, i32)> {
            let session = play_strategy(c, seed, r, everything)?;
            let debrief = evaluate(c.clone(), session.log()).ok()?;
            let rd = debrief.roles.iter().find(|d| d.role == role.id)?;
            let sig = rd.scores.iter().find(|x| x.id == "signalering")?;
            Some((sig.earned, sig.max))
        };
        if let (Some((expert, max)), Some((all, _))) = (score(false), score(true)) {
            out.push(FlagStrategies {
                role: role.id.clone(),
                max,
                expert,
                flag_everything: all,
            });
        }
    }
    out
}

/// Plays role `r` as the expert would (script steps, expert options),
/// flagging only signals or every fact it holds, until the case ends.
fn play_strategy(c: &Arc<Compiled>, seed: u64, r: Ix, everything: bool) -> Option<Session> {
    let s = &c.scenario;
    let id = s.roles.get(r)?.id.clone();
    let mut session = Session::start(c.clone(), seed, std::slice::from_ref(&id), None).ok()?;
    let other = s.forms.first().copied().unwrap_or(Form::Other);
    // Bounded: every day-part ends with an advance.
    let limit = (c.ticks as usize + 1) * (c.facts.len() + c.decisions.len() + 64);
    for _ in 0..limit {
        if session.state().ended() {
            break;
        }
        // Flags first: a signal is flagged as soon as it is known.
        let noise = || {
            let st = session.state();
            (0..c.facts.len())
                .find(|&f| {
                    c.facts[f].signal.is_none() && st.knows(r, f) && st.flags[r][f].is_none()
                })
                .map(|f| (f, other))
        };
        let flag = session
            .unflagged_signals(r)
            .first()
            .copied()
            .or_else(|| if everything { noise() } else { None });
        if let Some((f, form)) = flag {
            let act = Act::Flag {
                fact: s.facts[f].id.clone(),
                form,
            };
            if session.apply(&id, &act).is_ok() {
                continue;
            }
        }
        if let Some(step) = session.ready_steps(r).first().copied()
            && session.apply_step(r, step).is_ok()
        {
            continue;
        }
        let open = (0..c.decisions.len()).find(|&d| {
            c.decisions[d].role == r
                && matches!(session.state().decisions[d], DecisionState::Open { .. })
        });
        if let Some(d) = open {
            let option = c.decisions[d].expert.unwrap_or(0);
            let act = Act::Decide {
                decision: s.decisions[d].id.clone(),
                option: s.decisions[d].options.get(option)?.id.clone(),
            };
            if session.apply(&id, &act).is_ok() {
                continue;
            }
        }
        session.apply(&id, &Act::Advance).ok()?;
    }
    session.state().ended().then_some(session)
}

/// Diagnostics of `check --deep`: option lengths (a warning from half of
/// the decisions) and the flag-everything strategy (a warning when it
/// scores as well as the expert for some role).
pub fn deep_fairness_lints(path: &Path, text: &str, c: &Arc<Compiled>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let index = SourceIndex::new(text);
    let lengths = option_lengths(c);
    if lengths.decisions > 0 && lengths.fraction() >= 0.5 {
        let pos = lengths
            .expert_longest
            .first()
            .and_then(|d| index.definition("id", d, 0))
            .unwrap_or(Pos::START);
        out.push(
            Diagnostic::warning(
                path,
                pos,
                format!(
                    "the expert option is the longest label in {} of {} decisions ({}): a trainee can pick it by its length",
                    lengths.expert_longest.len(),
                    lengths.decisions,
                    lengths.expert_longest.join(", ")
                ),
            )
            .with_hint(
                "write options of comparable length and care; keep the expert option the longest in under half of the decisions",
            ),
        );
    }
    for st in flag_strategies(c, crate::core::eval::lint::LINT_SEED) {
        // A role that earns no Signalering even as the expert (the case
        // ends before it can act) has nothing to give away.
        if st.expert > 0 && st.flag_everything >= st.expert {
            let pos = index.definition("id", &st.role, 0).unwrap_or(Pos::START);
            out.push(
                Diagnostic::warning(
                    path,
                    pos,
                    format!(
                        "role `{}`: flagging every fact scores {} on Signalering, as much as flagging only the signals ({})",
                        st.role, st.flag_everything, st.expert
                    ),
                )
                .with_hint(
                    "give the role real noise: ordinary facts it holds that are neither signal nor vulnerability (a flag on them costs a point)",
                ),
            );
        }
    }
    out
}

/// Words too common to give anything away, even when long.
const COMMON: &[&str] = &[
    "achter",
    "aandachtsfunctionaris",
    "aanpak",
    "afgelopen",
    "afspraken",
    "alleen",
    "andere",
    "anderen",
    "berichten",
    "bescherming",
    "binnen",
    "casusoverleg",
    "collega",
    "contact",
    "daarna",
    "daarom",
    "eerste",
    "familie",
    "gebeurt",
    "gegevens",
    "gemeente",
    "gesprek",
    "gezien",
    "hebben",
    "hulpverlening",
    "hulpvraag",
    "iemand",
    "informatie",
    "jeugdhulp",
    "jongeren",
    "laatste",
    "leerplicht",
    "melding",
    "mensen",
    "mensenhandel",
    "minderjarige",
    "misschien",
    "moeder",
    "mogelijk",
    "nieuwe",
    "ongeveer",
    "organisatie",
    "ouders",
    "overleg",
    "partner",
    "politie",
    "samenwerking",
    "school",
    "signaal",
    "signalen",
    "situatie",
    "slachtoffer",
    "steeds",
    "tijdens",
    "tussen",
    "uitbuiting",
    "veiligheid",
    "verdachte",
    "vertrouwen",
    "volgens",
    "volwassene",
    "vraagt",
    "waarin",
    "werken",
    "wijkteam",
    "worden",
    "zonder",
    "zorgcoordinator",
    "zorgcoördinator",
    "zorgen",
];

/// Lower-case words of at least six letters (digits count as letters:
/// "12b" stays part of an address).
fn words(text: &str) -> Vec<String> {
    text.split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| w.chars().count() >= 6)
        .map(str::to_lowercase)
        .collect()
}

/// Two words are the same for the heuristic when their first six
/// characters agree ("ingeschreven"/"ingeschrevenen", "bankpas"/"bankpassen").
fn same(a: &str, b: &str) -> bool {
    let p = |w: &str| w.chars().take(6).collect::<String>();
    p(a) == p(b)
}

/// Spoiler warnings for the Start card and the briefings.
///
/// The heuristic: a fact's **distinctive words** are the words of at least
/// six letters in its text and id that occur in no more than two facts of
/// the scenario, are not in a subject's or role's name, and
/// are not common words of the field ("gemeente", "uitbuiting", …) or
/// the names of roles, organisations, channels, grounds and consults (the
/// title is checked like the summary: both are on the Start card). A
/// text **names** a fact when it contains one of its distinctive words
/// that no other fact uses, or two that at most one other fact uses
/// (words compare on their first six letters). A role's `briefing` and
/// `goals` must not name a fact the role does not hold at the start (its
/// `known_by`), unless one of the facts it does hold uses the same words;
/// the `title` and `summary` (the Start card every participant reads) must not name
/// a fact that some playable role does not hold at the start.
pub fn spoiler_lints(path: &Path, text: &str, c: &Compiled) -> Vec<Diagnostic> {
    let s = &c.scenario;
    let mut out = Vec::new();
    let mut excluded: BTreeSet<String> = BTreeSet::new();
    for subj in &s.subjects {
        excluded.extend(words(&subj.name));
    }
    // The institutional vocabulary every participant knows: the names of
    // roles, organisations, channels, grounds and consults.
    for role in &s.roles {
        excluded.extend(words(&role.name));
        excluded.extend(words(&role.organisation));
    }
    for ch in &s.channels {
        excluded.extend(words(&ch.name));
    }
    for g in &s.grounds {
        excluded.extend(words(&g.name));
    }
    for k in &s.consults {
        excluded.extend(words(&k.name));
    }
    let fact_words: Vec<BTreeSet<String>> = s
        .facts
        .iter()
        .map(|f| {
            let mut w: BTreeSet<String> = words(&f.text).into_iter().collect();
            w.extend(words(&f.id.replace('_', " ")));
            for v in &f.variants {
                w.extend(words(v));
            }
            w
        })
        .collect();
    let in_facts = |w: &str| {
        fact_words
            .iter()
            .filter(|fw| fw.iter().any(|x| same(x, w)))
            .count()
    };
    let distinctive: Vec<Vec<String>> = fact_words
        .iter()
        .map(|fw| {
            fw.iter()
                .filter(|w| {
                    !COMMON.iter().any(|x| same(x, w))
                        && !excluded.iter().any(|x| same(x, w))
                        && in_facts(w) <= 2
                })
                .cloned()
                .collect()
        })
        .collect();
    // Words of the facts a role holds at the start.
    let held = |r: Ix| -> BTreeSet<String> {
        (0..c.facts.len())
            .filter(|f| c.facts[*f].known_by.contains(&r))
            .flat_map(|f| fact_words[f].iter().cloned())
            .collect()
    };
    let names = |text: &str, f: Ix, own: &BTreeSet<String>| -> Vec<String> {
        let mut hits: Vec<String> = words(text)
            .into_iter()
            .filter(|t| {
                distinctive[f]
                    .iter()
                    .any(|d| same(t, d) && !own.iter().any(|o| same(o, d)))
            })
            .collect();
        hits.sort();
        hits.dedup_by(|a, b| same(a, b));
        let unique = hits.iter().any(|h| in_facts(h) == 1);
        if unique || hits.len() >= 2 {
            hits
        } else {
            Vec::new()
        }
    };
    let index = SourceIndex::new(text);
    let playable: Vec<Ix> = (0..s.roles.len())
        .filter(|r| s.roles[*r].playable)
        .collect();
    // The card: every participant reads it.
    let all_hold: BTreeSet<String> = {
        let mut sets = playable.iter().map(|r| held(*r));
        let first = sets.next().unwrap_or_default();
        sets.fold(first, |acc, x| acc.intersection(&x).cloned().collect())
    };
    for f in 0..c.facts.len() {
        let everyone = playable.iter().all(|r| c.facts[f].known_by.contains(r));
        if everyone {
            continue;
        }
        for (key, text) in [("title", &s.title), ("summary", &s.summary)] {
            let hits = names(text, f, &all_hold);
            if hits.is_empty() {
                continue;
            }
            let pos = index.key(key, 0).unwrap_or(Pos::START);
            out.push(
                Diagnostic::warning(
                    path,
                    pos,
                    format!(
                        "the Start card (`{key}`) names fact `{}` ({}), which not every playable role holds at the start",
                        s.facts[f].id,
                        hits.join(", ")
                    ),
                )
                .with_hint(
                    "describe the starting situation as any participant may know it; the signals are for the trainees to find",
                ),
            );
        }
    }
    for &r in &playable {
        let role = &s.roles[r];
        let own = held(r);
        let mut texts: Vec<(&str, &str)> = vec![("briefing", role.briefing.as_str())];
        texts.extend(role.goals.iter().map(|g| ("goals", g.as_str())));
        for f in 0..c.facts.len() {
            if c.facts[f].known_by.contains(&r) {
                continue;
            }
            for (key, t) in &texts {
                let hits = names(t, f, &own);
                if hits.is_empty() {
                    continue;
                }
                let pos = index
                    .definition(key, t, 0)
                    .or_else(|| index.definition("id", &role.id, 0))
                    .unwrap_or(Pos::START);
                out.push(
                    Diagnostic::warning(
                        path,
                        pos,
                        format!(
                            "the briefing of `{}` names fact `{}` ({}), which the role does not hold at the start",
                            role.id,
                            s.facts[f].id,
                            hits.join(", ")
                        ),
                    )
                    .with_hint(
                        "give the role its own tasks and context without the solutions; the full learning goals belong in `learning_goals` (shown in the debrief)",
                    ),
                );
                break;
            }
        }
    }
    out
}
