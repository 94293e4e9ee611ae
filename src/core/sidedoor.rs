//! Side doors: the same fact from the same sender to the same recipient on
//! the same ground judged better by a direct route (phone, mail, a report)
//! than in the casusoverleg where both sit. Purpose binding means the
//! meeting's verdict should not be escaped by picking up the phone; an
//! author closes each side door or states in `sharing.side_doors` why the
//! routes differ. `check --deep` reports them (see `analyze::deep_lints`).
//!
//! The check is static: every meeting, every pair of its members, every
//! fact and every ground is judged on that ground (`law::judge_on`: the
//! rules and the engine's gates, without looking for a better label)
//! through
//! the meeting and through every other channel that reaches the
//! recipient, in the case's first state, with the sender holding the fact
//! of its own (when it can: it knows it at the start, from a pool, an
//! inject, a talk or an effect) and as received in that meeting, and with
//! no consent asked and with all of its consent requests given. Sharing
//! rules with a `when` condition are judged as they stand at the start.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::core::engine::law::{Share, judge_on};
use crate::core::engine::state::{ConsentAnswerState, ConsentRecord, Origin, ShareRecord, State};
use crate::core::scenario::compiled::{CEffect, Compiled, Ix};
use crate::core::scenario::model::{ChannelKind, Verdict};

/// One side door: `fact` from `from` to `to` on `grounds` is judged
/// `outside` through `channel` and `inside` in `meeting`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideDoor {
    pub fact: Ix,
    pub from: Ix,
    pub to: Ix,
    pub meeting: Ix,
    pub channel: Ix,
    /// The grounds on which the direct route is judged better.
    pub grounds: Vec<Ix>,
    /// The verdict and deciding rule in the meeting (first ground).
    pub inside: (Verdict, Option<Ix>),
    /// The verdict and deciding rule through `channel` (first ground).
    pub outside: (Verdict, Option<Ix>),
    /// Whether the sender held the fact of its own (else: as received in
    /// the meeting).
    pub own: bool,
}

/// Lawful (with or without the right label) < more than needed <
/// unlawful.
fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Lawful | Verdict::WrongGround => 0,
        Verdict::Excessive => 1,
        Verdict::Unlawful => 2,
    }
}

/// The roles that can come to hold `fact` of their own.
fn own_holders(c: &Compiled, fact: Ix) -> BTreeSet<Ix> {
    let mut out: BTreeSet<Ix> = c
        .facts
        .get(fact)
        .map(|f| f.known_by.iter().copied().collect())
        .unwrap_or_default();
    for p in &c.pools {
        if p.facts.contains(&fact) {
            out.insert(p.holder);
        }
    }
    for i in &c.injects {
        if i.reveals.contains(&fact) {
            out.insert(i.to);
        }
    }
    for t in &c.talks {
        if t.reveals.contains(&fact) {
            out.insert(t.role);
        }
    }
    let mut effects: Vec<&CEffect> = Vec::new();
    effects.extend(c.injects.iter().flat_map(|i| &i.effects));
    effects.extend(c.talks.iter().flat_map(|t| &t.effects));
    effects.extend(c.rules.iter().flat_map(|r| &r.then));
    effects.extend(c.decisions.iter().flat_map(|d| &d.on_expire));
    effects.extend(
        c.decisions
            .iter()
            .flat_map(|d| d.options.iter().flat_map(|o| &o.effects)),
    );
    for e in effects {
        if let CEffect::Reveal(f, r) = e
            && *f == fact
        {
            out.insert(*r);
        }
    }
    out
}

/// Whether `ch` (not a meeting) can carry a share from `from` to `to`.
fn reaches(c: &Compiled, ch: Ix, from: Ix, to: Ix) -> bool {
    let Some(x) = c.channels.get(ch) else {
        return false;
    };
    from != to
        && match x.kind {
            ChannelKind::Meeting => false,
            ChannelKind::Direct => x.members.is_empty() || x.members.contains(&to),
            ChannelKind::Report => x.members.contains(&to),
        }
}

/// A first state in which `from` holds `fact`: of its own, or as received
/// in `meeting` from `other`; with its consent requests given or not.
fn state_for(
    c: &Compiled,
    from: Ix,
    fact: Ix,
    own: Option<(Ix, Ix)>,
    consents_given: bool,
) -> State {
    let mut st = State::new(c);
    st.known[from][fact] = Some(0);
    match own {
        None => {
            st.origin[from][fact] = Some(Origin::Own);
            st.held[from][fact] = c.own_regime(from, fact);
        }
        Some((meeting, other)) => {
            st.shares.push(ShareRecord {
                tick: 0,
                from: other,
                to: from,
                fact,
                channel: meeting,
                ground: 0,
                verdict: Verdict::Lawful,
                rule: None,
                consent: None,
                gate: None,
                fitting: None,
                binding: None,
            });
            st.origin[from][fact] = Some(Origin::Share(0));
            st.received[from][fact] = true;
            st.shared.insert((fact, from, meeting));
            st.held[from][fact] = c.received_regime(from, fact);
        }
    }
    if consents_given {
        for (i, req) in c.consents.iter().enumerate() {
            if req.role != from {
                continue;
            }
            st.consents[i] = Some(ConsentRecord {
                asked: 0,
                times: 1,
                answers: req
                    .deciders
                    .iter()
                    .map(|p| ConsentAnswerState {
                        person: *p,
                        decides: true,
                        gives: true,
                        due: 0,
                        answer: None,
                    })
                    .collect(),
            });
        }
    }
    st
}

/// Every side door of the scenario that `sharing.side_doors` does not
/// accept, in a stable order.
pub fn side_doors(c: &Arc<Compiled>) -> Vec<SideDoor> {
    let mut out: Vec<SideDoor> = Vec::new();
    let grounds = c.scenario.grounds.len();
    for (m, meeting) in c.channels.iter().enumerate() {
        if meeting.kind != ChannelKind::Meeting {
            continue;
        }
        for fact in 0..c.facts.len() {
            let holders = own_holders(c, fact);
            for &from in &meeting.members {
                let mut variants: Vec<Option<(Ix, Ix)>> = Vec::new();
                if holders.contains(&from) {
                    variants.push(None);
                }
                if let Some(&other) = meeting.members.iter().find(|x| **x != from) {
                    variants.push(Some((m, other)));
                }
                for origin in variants {
                    for given in [false, true] {
                        let st = state_for(c, from, fact, origin, given);
                        for &to in &meeting.members {
                            if to == from {
                                continue;
                            }
                            let share = |channel| Share {
                                from,
                                to,
                                fact,
                                channel,
                            };
                            let inside: Vec<_> = (0..grounds)
                                .map(|g| judge_on(c, &st, share(m), g))
                                .collect();
                            for ch in 0..c.channels.len() {
                                if !reaches(c, ch, from, to) || accepted(c, fact, from, to, ch) {
                                    continue;
                                }
                                let mut found: Option<SideDoor> = None;
                                for (g, inside) in inside.iter().enumerate() {
                                    let outside = judge_on(c, &st, share(ch), g);
                                    if rank(outside.verdict) >= rank(inside.verdict) {
                                        continue;
                                    }
                                    match &mut found {
                                        Some(d) => d.grounds.push(g),
                                        None => {
                                            found = Some(SideDoor {
                                                fact,
                                                from,
                                                to,
                                                meeting: m,
                                                channel: ch,
                                                grounds: vec![g],
                                                inside: (inside.verdict, inside.rule),
                                                outside: (outside.verdict, outside.rule),
                                                own: origin.is_none(),
                                            })
                                        }
                                    }
                                }
                                if let Some(d) = found {
                                    let dup = out.iter().any(|x| {
                                        (x.fact, x.from, x.to, x.meeting, x.channel)
                                            == (d.fact, d.from, d.to, d.meeting, d.channel)
                                    });
                                    if !dup {
                                        out.push(d);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether an entry of `sharing.side_doors` accepts this route.
fn accepted(c: &Compiled, fact: Ix, from: Ix, to: Ix, ch: Ix) -> bool {
    let hit = |list: &[Ix], x: Ix| list.is_empty() || list.contains(&x);
    c.side_doors.iter().any(|d| {
        hit(&d.facts, fact) && hit(&d.from, from) && hit(&d.to, to) && hit(&d.channels, ch)
    })
}
