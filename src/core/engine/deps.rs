//! Dependency tracking for the settle loop.
//!
//! A condition that was false stays false until something it reads
//! changes. `Deps` maps each piece of state ("key") to the rules, injects
//! and script steps whose conditions read it, so that after a change only
//! those are evaluated again. This keeps a settle pass proportional to what
//! changed, not to the size of the scenario; the results are the same as
//! evaluating everything (see `Session::settle`).

use std::collections::HashMap;

use crate::core::scenario::compiled::{CCond, Compiled, Ix};

/// A piece of state a condition can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// Known by anyone, flagged or shared: anything about this fact.
    Fact(Ix),
    /// Signal weight known by this role.
    Weight(Ix),
    Decision(Ix),
    Inject(Ix),
    Var(Ix),
    Clock,
    Consult,
    Talk(Ix),
    Channel(Ix),
    /// A consent request was asked or answered.
    Consent(Ix),
    /// Any share (its verdicts).
    Shares,
}

/// Something whose condition must be evaluated again after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Watcher {
    Rule(Ix),
    Inject(Ix),
    Script(Ix, Ix),
}

#[derive(Debug, Clone, Default)]
pub struct Deps {
    watchers: HashMap<Key, Vec<Watcher>>,
}

fn keys(cond: &CCond, out: &mut Vec<Key>) {
    match cond {
        CCond::Always => {}
        CCond::Knows(_, f) | CCond::Flagged(f, _, _) | CCond::Shared(f, _, _, _, _) => {
            out.push(Key::Fact(*f))
        }
        CCond::ChannelUsed(c, _) => out.push(Key::Channel(*c)),
        CCond::Decided(d, _) | CCond::Expired(d) => out.push(Key::Decision(*d)),
        CCond::Delivered(i) => out.push(Key::Inject(*i)),
        CCond::Consulted(_, _) => out.push(Key::Consult),
        CCond::Talked(t) => out.push(Key::Talk(*t)),
        CCond::After(_) | CCond::Before(_) => out.push(Key::Clock),
        CCond::Var(v, _, _) => out.push(Key::Var(*v)),
        CCond::SignalWeight(r, _, _) => out.push(Key::Weight(*r)),
        CCond::Consent(req, _) => {
            // Answers arrive with the clock.
            out.push(Key::Consent(*req));
            out.push(Key::Clock);
        }
        CCond::Breach(..) => out.push(Key::Shares),
        CCond::InSession(ch) => {
            out.push(Key::Channel(*ch));
            out.push(Key::Clock);
        }
        CCond::All(cs) | CCond::Any(cs) => cs.iter().for_each(|c| keys(c, out)),
        CCond::Not(c) => keys(c, out),
    }
}

impl Deps {
    pub fn new(c: &Compiled) -> Deps {
        let mut deps = Deps::default();
        let mut add = |cond: &CCond, w: Watcher| {
            let mut ks = Vec::new();
            keys(cond, &mut ks);
            ks.sort_unstable();
            ks.dedup();
            for k in ks {
                deps.watchers.entry(k).or_default().push(w);
            }
        };
        for (i, r) in c.rules.iter().enumerate() {
            add(&r.when, Watcher::Rule(i));
        }
        for (i, inj) in c.injects.iter().enumerate() {
            if let Some(w) = &inj.when {
                add(w, Watcher::Inject(i));
                if inj.at.is_some() {
                    add(&CCond::After(0), Watcher::Inject(i));
                }
            }
        }
        for (r, role) in c.roles.iter().enumerate() {
            for (s, (cond, _)) in role.script.iter().enumerate() {
                add(cond, Watcher::Script(r, s));
            }
        }
        deps
    }

    pub fn watchers(&self, key: Key) -> &[Watcher] {
        self.watchers.get(&key).map(Vec::as_slice).unwrap_or(&[])
    }
}
