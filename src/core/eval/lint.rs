//! Checks that need the engine: the expert path (every role by script,
//! expert options) must meet every expectation in time, or an expert
//! trainee could not reach the maximum score; and every signal should
//! reach some playable role on its expert path, or no trainee is ever
//! scored on it; shares the expert path needs must have a lawful way; and
//! what a trainee does should count. Run by `check`.

use std::path::Path;
use std::sync::Arc;

use crate::core::diag::Diagnostic;
use crate::core::engine::law::judge;
use crate::core::engine::{Event, Session, SessionLog, State};
use crate::core::eval::build::{expert_path, role_scores};
use crate::core::scenario::compiled::{CCond, Compiled, Ix};
use crate::core::scenario::model::{Act, ChannelKind, Verdict};
use crate::core::scenario::source::SourceIndex;

/// The seed the expert path is checked with (the default of `play`).
pub const LINT_SEED: u64 = 1;

/// Warnings for expectations the expert path of their role does not meet,
/// or meets too late. `text` is the scenario file's text (for positions).
pub fn expert_path_lints(path: &Path, text: &str, c: &Arc<Compiled>) -> Vec<Diagnostic> {
    let s = &c.scenario;
    let mut out = Vec::new();
    let mut index: Option<SourceIndex> = None;
    // Signal facts some playable role sees on its expert path.
    let mut seen = vec![false; c.facts.len()];
    // Shares on some expert path judged unlawful or excessive:
    // (from, fact, to) -> (verdict, rule).
    let mut breaches: std::collections::BTreeMap<(Ix, Ix, Ix), (Verdict, Option<Ix>)> =
        std::collections::BTreeMap::new();
    let mut any_playable = false;
    for (r, role) in s.roles.iter().enumerate() {
        let mine: Vec<usize> = (0..c.expectations.len())
            .filter(|e| c.expectations[*e].role == r)
            .collect();
        if !role.playable {
            continue;
        }
        any_playable = true;
        let Ok(mut session) =
            Session::start(c.clone(), LINT_SEED, std::slice::from_ref(&role.id), None)
        else {
            continue;
        };
        session.hand_over(r);
        // When each expectation last became true.
        let mut since: Vec<Option<u32>> = vec![None; c.expectations.len()];
        let look = |session: &Session, since: &mut Vec<Option<u32>>| {
            for &e in &mine {
                let holds = session.state().holds(&c.expectations[e].achieve);
                since[e] = match (holds, since[e]) {
                    (true, None) => Some(session.state().tick),
                    (true, t) => t,
                    (false, _) => None,
                };
            }
        };
        look(&session, &mut since);
        while !session.state().ended() {
            if session.apply(&role.id, &Act::Advance).is_err() {
                break;
            }
            look(&session, &mut since);
        }
        for (f, slot) in seen.iter_mut().enumerate() {
            *slot |= session.state().knows(r, f);
        }
        for sh in &session.state().shares {
            if sh.verdict != Verdict::Lawful {
                breaches
                    .entry((sh.from, sh.fact, sh.to))
                    .or_insert((sh.verdict, sh.rule));
            }
        }
        for &e in &mine {
            let exp = &s.expectations[e];
            let problem = match (since[e], c.expectations[e].by) {
                (None, _) => format!(
                    "expectation `{}` is not met on the expert path of role `{}`",
                    exp.id, role.id
                ),
                (Some(t), Some(by)) if t > by => format!(
                    "expectation `{}` is met late on the expert path of role `{}` ({}, deadline {})",
                    exp.id,
                    role.id,
                    c.time_label(t),
                    c.time_label(by)
                ),
                _ => continue,
            };
            let index = index.get_or_insert_with(|| SourceIndex::new(text));
            out.push(Diagnostic::warning_at_definition(
                path,
                text,
                index,
                &exp.id,
                problem,
                format!(
                    "the expert path is the role's `script` plus expert options (seed {LINT_SEED}); make the script do what the expectation asks, in time, or change the expectation — otherwise an expert cannot reach the maximum score"
                ),
            ));
        }
    }
    for ((from, fact, to), (verdict, rule)) in breaches {
        let index = index.get_or_insert_with(|| SourceIndex::new(text));
        let by = match rule.and_then(|i| s.sharing.rules.get(i)) {
            Some(sr) => match &sr.id {
                Some(id) => format!("sharing rule `{id}`"),
                None => format!("sharing rule #{}", rule.unwrap_or(0) + 1),
            },
            None => "the engine's consent check or the policy's default".to_string(),
        };
        out.push(Diagnostic::warning_at_definition(
            path,
            text,
            index,
            c.role_id(from),
            format!(
                "on the expert path, `{}` shares fact `{}` with `{}` and it is judged {} (by {by})",
                c.role_id(from),
                s.facts[fact].id,
                c.role_id(to),
                verdict.label()
            ),
            "scripts are what an expert does: a trainee learns from them and their breaches count in `Breach` conditions; change the script step or the sharing rules",
        ));
    }
    if any_playable {
        for (f, fact) in s.facts.iter().enumerate() {
            if c.facts[f].signal.is_none() || seen[f] {
                continue;
            }
            let index = index.get_or_insert_with(|| SourceIndex::new(text));
            out.push(Diagnostic::warning_at_definition(
                path,
                text,
                index,
                &fact.id,
                format!(
                    "signal `{}` reaches no playable role on its expert path, so no trainee is scored on it",
                    fact.id
                ),
                "let an inject, a talk or a script share bring it to a playable role, or make it no signal",
            ));
        }
    }
    out
}

/// Where a needed share comes from (for the message).
enum Need {
    Expectation(usize),
    Script,
}

/// A share a playable role must make for the maximum.
struct Needed {
    fact: Ix,
    from: Ix,
    to: Ix,
    /// The channel, when the expectation or script fixes it.
    channel: Option<Ix>,
    why: Need,
}

/// Shares a playable role must make for the maximum: those its
/// expectations ask for (not under `Not`) and those its expert path makes;
/// and the expert path of every playable role.
fn needed_shares(c: &Arc<Compiled>) -> (Vec<Needed>, Vec<(Ix, Session)>) {
    fn walk(cond: &CCond, out: &mut Vec<(Ix, Ix, Option<Ix>, Option<Ix>)>) {
        match cond {
            CCond::Shared(fact, to, channel, _, from) => out.push((*fact, *to, *channel, *from)),
            CCond::All(cs) | CCond::Any(cs) => cs.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut needs = Vec::new();
    for (e, ce) in c.expectations.iter().enumerate() {
        let mut found = Vec::new();
        walk(&ce.achieve, &mut found);
        for (fact, to, channel, from) in found {
            needs.push(Needed {
                fact,
                from: from.unwrap_or(ce.role),
                to,
                channel,
                why: Need::Expectation(e),
            });
        }
    }
    let mut experts = Vec::new();
    for (r, role) in c.scenario.roles.iter().enumerate() {
        if !role.playable {
            continue;
        }
        let Ok(s) = expert_path(c.clone(), LINT_SEED, std::slice::from_ref(&role.id)) else {
            continue;
        };
        // The role is played, so its script acts only after the hand-over:
        // every share from it in the history is the expert path's.
        for t in s.history() {
            if let Event::Shared {
                from,
                channel,
                items,
                ..
            } = &t.event
                && *from == r
            {
                for it in items {
                    needs.push(Needed {
                        fact: it.fact,
                        from: r,
                        to: it.to,
                        channel: Some(*channel),
                        why: Need::Script,
                    });
                }
            }
        }
        experts.push((r, s));
    }
    (needs, experts)
}

/// Whether `from` can reach `to` through channel `ch` at all.
fn reaches(c: &Compiled, ch: Ix, from: Ix, to: Ix) -> bool {
    let Some(cc) = c.channels.get(ch) else {
        return false;
    };
    if from == to {
        return false;
    }
    match cc.kind {
        ChannelKind::Meeting => cc.members.contains(&from) && cc.members.contains(&to),
        ChannelKind::Report => cc.members.contains(&to),
        ChannelKind::Direct => cc.members.is_empty() || cc.members.contains(&to),
    }
}

/// Warnings for shares the expert path needs that the sharing rules make
/// unlawful (or excessive) on every channel and ground, and for actions
/// that score nothing: decisions of playable roles whose options carry no
/// points, and playable roles with nothing to score at all.
pub fn sharing_and_scoring_lints(path: &Path, text: &str, c: &Arc<Compiled>) -> Vec<Diagnostic> {
    let s = &c.scenario;
    let index = SourceIndex::new(text);
    let mut out = Vec::new();
    let warn = |out: &mut Vec<Diagnostic>, id: &str, message: String, hint: &str| {
        out.push(Diagnostic::warning_at_definition(
            path, text, &index, id, message, hint,
        ));
    };
    let (needs, experts) = needed_shares(c);
    let state = experts
        .first()
        .map_or_else(|| State::new(c), |(_, s)| s.state().clone());
    let mut reported = std::collections::BTreeSet::new();
    for Needed {
        fact,
        from,
        to,
        channel,
        why,
    } in needs
    {
        if !reported.insert((fact, from, to)) {
            continue;
        }
        let channels: Vec<Ix> = match channel {
            Some(ch) => vec![ch],
            None => (0..c.channels.len()).collect(),
        };
        let mut any_way = false;
        let mut lawful = false;
        for &ch in &channels {
            if !reaches(c, ch, from, to) {
                continue;
            }
            for g in 0..s.grounds.len() {
                any_way = true;
                if judge(c, &state, from, to, fact, ch, g).verdict == Verdict::Lawful {
                    lawful = true;
                }
            }
        }
        if lawful || !any_way {
            continue;
        }
        let why = match why {
            Need::Expectation(e) => format!("expectation `{}` asks for it", s.expectations[e].id),
            Need::Script => format!(
                "the script of `{}` (its expert path) does it",
                c.role_id(from)
            ),
        };
        warn(
            &mut out,
            &s.facts[fact].id,
            format!(
                "every way for `{}` to share fact `{}` with `{}` is judged unlawful or excessive by the sharing rules, but {why}",
                c.role_id(from),
                s.facts[fact].id,
                c.role_id(to),
            ),
            "the first sharing rule that matches decides (then `sharing.default`): add a rule that makes a fitting channel and ground lawful, or change the expectation or script",
        );
    }
    for (d, dec) in s.decisions.iter().enumerate() {
        let role = c.decisions[d].role;
        let playable = s.roles.get(role).is_some_and(|r| r.playable);
        if playable
            && dec
                .options
                .iter()
                .all(|o| o.points.values().all(|p| *p == 0))
        {
            warn(
                &mut out,
                &dec.id,
                format!(
                    "decision `{}` scores nothing: none of its options has points, so the trainee's choice does not count in the evaluation",
                    dec.id
                ),
                "give the options `points:` per competency (the expert option the most), or let the decision be taken by script",
            );
        }
    }
    for (r, reference) in &experts {
        let role = &s.roles[*r];
        // The maximum does not depend on the play: score the empty log.
        let log = SessionLog {
            actions: Vec::new(),
            ..reference.log().clone()
        };
        let Ok(debriefs) = role_scores(c.clone(), &log, Some(reference)) else {
            continue;
        };
        if debriefs.iter().all(|d| d.total_max == 0) {
            warn(
                &mut out,
                &role.id,
                format!(
                    "nothing role `{}` does is scored: it sees no signal on its expert path, has no decision with points and no expectation",
                    role.id
                ),
                "give it signals to see, decisions with points or `expectations`, or make it `playable: false`",
            );
        }
    }
    out
}
