//! `analyze`: explores a scenario's decision space (see `docs/analyze.md`).
//!
//! A *move* of a played role is one of the choices the scenario offers it:
//! an option of an open decision, a talk, a consult some condition reads,
//! **working as the expert** (doing every step of its own `script` that
//! is possible now: the flags and shares the author wrote as good
//! practice), flagging the signals it knows that its script does not
//! flag, or ending the day-part. Free-form flags and shares outside the
//! script (every combination of facts × recipients × channel × ground) are
//! not moves: there are far too many, and their only effect on the score
//! is a penalty per wrong flag or share.
//!
//! From the start of a session (one seed) the explorer tries every move
//! in every state, depth first. States are memoised (see `encode`: by
//! default without the moments things happened, plus where each
//! expectation stands): a state reached along several paths is explored
//! once, and what lies behind it (outcomes and path counts, scores, the
//! longest case, the best path) is combined from its successors. A move
//! that changes nothing is not counted. The case state only grows (facts,
//! flags, decisions, script steps done, the clock), so the state graph has
//! no cycles and every path ends: the clock is finite.
//!
//! When the number of distinct states passes a bound, the exploration
//! stops and the explorer plays seeded random playthroughs instead and
//! reports what they covered.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::core::engine::{ActionError, Event, LoggedAction, Session, SessionLog, State, Timed};
use crate::core::eval::build::{expert_path, role_scores};
use crate::core::scenario::compiled::{CCond, Compiled, Ix};
use crate::core::scenario::model::{Act, OutcomeKind};

/// How to explore.
#[derive(Debug, Clone)]
pub struct Options {
    pub seed: u64,
    /// Distinct states after which the exhaustive exploration gives way to
    /// random playthroughs.
    pub max_states: usize,
    /// Random playthroughs when the space is too large.
    pub runs: usize,
    /// Memoise on the complete state, including when each thing happened
    /// (slower; used to check the default, time-abstracted memo).
    pub exact: bool,
    /// Evaluate every end state instead of reusing the score of an end
    /// state with the same score key; `Exploration::score_key_sound`
    /// says whether the shortcut would have been right (tests).
    pub verify_scores: bool,
}

/// Defaults of the CLI.
pub const DEFAULT_MAX_STATES: usize = 50_000;
pub const DEFAULT_RUNS: usize = 500;

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            max_states: DEFAULT_MAX_STATES,
            runs: DEFAULT_RUNS,
            exact: false,
            verify_scores: false,
        }
    }
}

/// One move of a played role (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Move {
    Decide {
        role: Ix,
        decision: Ix,
        option: Ix,
    },
    Talk {
        role: Ix,
        talk: Ix,
    },
    Consult {
        role: Ix,
        consult: Ix,
    },
    AskConsent {
        role: Ix,
        request: Ix,
    },
    /// Convene a meeting that has no sitting ahead.
    Convene {
        role: Ix,
        channel: Ix,
    },
    /// Every script step of the role that is possible now.
    Expert {
        role: Ix,
    },
    /// Flag, with its form, every signal the role knows that it has not
    /// flagged right and that its script does not flag (signals its
    /// script flags come with `Expert`).
    FlagSignals {
        role: Ix,
    },
    /// End the day-part.
    Advance,
}

/// The analysis of one scenario: one exploration per playable role and
/// one with all playable roles together.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub scenario: String,
    pub seed: u64,
    pub max_states: usize,
    pub explorations: Vec<Exploration>,
}

/// How an exploration went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Every path was explored.
    Exhaustive,
    /// Too many states: random playthroughs.
    Sampled,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exploration {
    /// The played roles (the others act by script).
    pub roles: Vec<String>,
    pub mode: Mode,
    /// Distinct case states explored (exhaustive) or seen (sampled).
    pub states: usize,
    /// Moves tried (each leads to a state, new or already known).
    pub moves: usize,
    /// Distinct end states.
    pub end_states: usize,
    /// States whose moves were tried (every state that is not an end
    /// state, once: with `end_states` this adds up to `states`).
    pub expanded: usize,
    /// Moves that led to a state explored before (memo hits).
    pub revisits: usize,
    /// Evaluations run to score them (end states that agree on everything
    /// the score depends on share one).
    pub evaluations: usize,
    /// Playthroughs played (sampled mode only).
    pub runs: usize,
    /// For all roles together: the estimated joint space (the product of
    /// the per-role state counts) when it was above the bound, so that
    /// the exploration sampled without trying exhaustively first.
    pub estimated_states: Option<u128>,
    pub millis: u64,
    pub states_per_second: u64,
    pub outcomes: Vec<OutcomeReach>,
    pub scores: Vec<ScoreRange>,
    /// The fewest moves that reach the highest total score.
    pub expert_path: Option<PathInfo>,
    /// The most moves before the case ends.
    pub longest_case: Option<PathInfo>,
    pub coverage: Coverage,
    /// With `Options::verify_scores`: whether end states with the same
    /// score key always had the same score.
    #[serde(skip)]
    pub score_key_sound: bool,
    /// Reachable states from which nothing can happen any more: only the
    /// clock moves until the default outcome (at least two day-parts).
    pub dead_ends: Vec<DeadEnd>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeReach {
    pub id: String,
    pub title: String,
    pub kind: String,
    /// Distinct move sequences that end in this outcome (exhaustive), or
    /// playthroughs that did (sampled). Saturates at `u128::MAX`.
    pub paths: u128,
}

/// Score range of one played role on one competency (or `totaal`).
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRange {
    pub role: String,
    pub competency: String,
    pub label: String,
    pub min: i32,
    pub max: i32,
    /// The maximum attainable as the evaluation computes it (expert path).
    pub maximum: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathInfo {
    /// Each move as a short English line with the scenario's ids.
    pub moves: Vec<String>,
    pub outcome: String,
    /// Total score per played role, in `roles` order.
    pub totals: Vec<i32>,
    /// The day-part the case ended in.
    pub ended_at: String,
}

/// Which parts of the scenario some explored playthrough reached.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    pub injects: Hit,
    pub decisions: Hit,
    pub rules: Hit,
    pub outcomes: Hit,
    pub facts: Hit,
    /// Script steps that ran, as `role#step` (1-based, in file order).
    pub script_steps: Hit,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Hit {
    pub reached: Vec<String>,
    pub missed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadEnd {
    /// The day-part from which nothing happens any more.
    pub from: String,
    pub tick: u32,
    /// Day-parts the trainee can only click through.
    pub idle_parts: u32,
    pub outcome: String,
    /// How many distinct states start such a stretch at this day-part.
    pub states: usize,
    /// The moves of the first path found there.
    pub moves: Vec<String>,
    /// The last thing a role did on that path (not ending a day-part):
    /// what the stretch comes after, for `check --deep` to point at.
    #[serde(skip)]
    pub after: Option<LastAct>,
}

/// The last act on a path into an idle stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastAct {
    Option {
        decision: Ix,
        option: Ix,
    },
    Talk(Ix),
    Consult(Ix),
    AskConsent(Ix),
    Convene(Ix),
    /// A script step of a role (done by "working as the expert").
    Step {
        role: Ix,
        step: Ix,
    },
    /// The role flagged the signals it knows.
    Flags(Ix),
}

/// Why the analysis could not start.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    #[error("the scenario has no playable role")]
    NoPlayableRole,
    #[error("an exploration stopped unexpectedly (a bug: please report it)")]
    Panicked,
    #[error("cannot start a session: {0}")]
    Start(#[from] ActionError),
}

/// Analyses `c`: every playable role alone, then all together.
pub fn analyze(c: &Arc<Compiled>, opts: &Options) -> Result<Analysis, AnalyzeError> {
    let playable: Vec<String> = c
        .scenario
        .roles
        .iter()
        .filter(|r| r.playable)
        .map(|r| r.id.clone())
        .collect();
    if playable.is_empty() {
        return Err(AnalyzeError::NoPlayableRole);
    }
    // The per-role explorations are independent: run them side by side,
    // one thread each (the OS shares the cores out).
    let results: Vec<Result<Exploration, AnalyzeError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = playable
            .iter()
            .map(|r| scope.spawn(move || explore(c, std::slice::from_ref(r), opts)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(AnalyzeError::Panicked)))
            .collect()
    });
    let mut explorations = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    if playable.len() > 1 {
        // The roles' choices combine: estimate the joint space as the
        // product of the per-role spaces. Above the bound an exhaustive
        // try would only run into it, so sample straight away.
        let estimate = explorations
            .iter()
            .fold(1u128, |acc, e| acc.saturating_mul(e.states as u128));
        let mut joint = opts.clone();
        let skip = estimate > opts.max_states as u128;
        if skip {
            joint.max_states = 0;
        }
        let mut e = explore(c, &playable, &joint)?;
        if skip {
            e.estimated_states = Some(estimate);
        }
        explorations.push(e);
    }
    Ok(Analysis {
        scenario: c.scenario.id.clone(),
        seed: opts.seed,
        max_states: opts.max_states,
        explorations,
    })
}

/// Analyses `c` with exactly `roles` played (one exploration; the other
/// roles by script).
pub fn analyze_roles(
    c: &Arc<Compiled>,
    roles: &[String],
    opts: &Options,
) -> Result<Analysis, AnalyzeError> {
    Ok(Analysis {
        scenario: c.scenario.id.clone(),
        seed: opts.seed,
        max_states: opts.max_states,
        explorations: vec![explore(c, roles, opts)?],
    })
}

/// Explores the sessions with `roles` played (exhaustively, or sampled
/// when the space is larger than `opts.max_states`).
pub fn explore(
    c: &Arc<Compiled>,
    roles: &[String],
    opts: &Options,
) -> Result<Exploration, AnalyzeError> {
    let started = Instant::now();
    let start = Session::start(c.clone(), opts.seed, roles, None)?;
    let reference = expert_path(c.clone(), opts.seed, roles)?;
    let played: Vec<Ix> = roles
        .iter()
        .filter_map(|r| c.ids.roles.get(r).copied())
        .collect();
    // The competencies and their maxima (which do not depend on the
    // play), from the debrief of the session before any action.
    let expert = role_scores(c.clone(), start.log(), Some(&reference))?;
    let comps: Vec<(String, String)> = expert
        .first()
        .map(|d| {
            d.scores
                .iter()
                .map(|s| (s.id.clone(), s.label.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut ex = Explorer {
        c: c.clone(),
        played,
        roles: roles.to_vec(),
        reference,
        comps,
        memo: HashMap::default(),
        header: start.log().clone(),
        path: Vec::new(),
        scores: HashMap::default(),
        verify: opts.verify_scores,
        score_key_mismatch: false,
        evaluations: 0,
        expanded: 0,
        revisits: 0,
        nodes: Vec::new(),
        max_states: opts.max_states,
        exact: opts.exact,
        moves: 0,
        consults_read: consults_read(c),
        reached: Reached::new(c),
        start: start.clone(),
        script_flags: c
            .roles
            .iter()
            .enumerate()
            .flat_map(|(r, role)| {
                role.script.iter().filter_map(move |(_, act)| match act {
                    crate::core::scenario::compiled::CAct::Flag(f, _) => Some((r, *f)),
                    _ => None,
                })
            })
            .collect(),
    };
    let status = ex.status(&start, None);
    let result = match ex.visit(&start, status) {
        Ok(root) => ex.report(root, &expert),
        Err(TooLarge) => {
            ex.memo = HashMap::default();
            ex.nodes = Vec::new();
            ex.sample(&start, opts, &expert)
        }
    };
    let mut result = result?;
    let elapsed = started.elapsed();
    result.millis = elapsed.as_millis() as u64;
    result.states_per_second = (result.states as f64 / elapsed.as_secs_f64().max(1e-9)) as u64;
    Ok(result)
}

/// An expectation of a played role: not met (now), met in time, met after
/// its `by` deadline (the score differs: no Tijdigheid points).
const NOT_MET: u8 = 0;
const MET_IN_TIME: u8 = 1;
const MET_LATE: u8 = 2;

/// See `Explorer::score_key`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ScoreKey {
    flags: Vec<Vec<Option<crate::core::scenario::model::Form>>>,
    shares: Vec<crate::core::engine::state::ShareRecord>,
    decisions: Vec<crate::core::engine::DecisionState>,
    status: Vec<u8>,
}

/// What the memo compares: the case state (by default without the
/// moments things happened, see [`encode`]) and where each expectation
/// stands, encoded as one flat list of words, with its hash computed
/// once (the memo rehashes as it grows). One allocation per state keeps
/// cloning, hashing, comparing and dropping cheap.
#[derive(Debug, Clone)]
struct MemoKey {
    hash: u64,
    words: Vec<u32>,
}

impl MemoKey {
    fn new(words: Vec<u32>) -> MemoKey {
        let mut h = FastHasher::default();
        for &w in &words {
            h.add(u64::from(w));
        }
        MemoKey {
            hash: h.finish(),
            words,
        }
    }
}

impl PartialEq for MemoKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.words == other.words
    }
}

impl Eq for MemoKey {}

impl std::hash::Hash for MemoKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.hash);
    }
}

const NONE: u32 = u32::MAX;

fn ix(i: Ix) -> u32 {
    u32::try_from(i).unwrap_or(NONE - 1)
}

/// Encodes a case state and the expectations' status as words; two states
/// of one scenario get the same words exactly when they are equal — with
/// `exact: false`, equal but for the moments at which things happened.
///
/// Without the moments: nothing in the case's future depends on them
/// (conditions read the clock, whether a fact is known, a decision taken,
/// an inject delivered — never when), and the score depends on them only
/// through the expectations' deadlines, which `status` carries. The clock
/// itself, inject due times and decision deadlines stay: they shape the
/// future. Two paths that differ only in such moments lead to the same
/// future and the same score, so they share one node.
///
/// Every field of [`State`] is destructured, so a new field does not
/// compile until it is encoded here.
fn encode(st: &State, status: &[u8], exact: bool) -> Vec<u32> {
    use crate::core::engine::DecisionState as D;
    let State {
        tick,
        known,
        held,
        weights,
        flags,
        shares,
        shared: _,
        received: _,
        origin,
        channel_used,
        inject_due,
        delivered,
        decisions,
        vars,
        rule_fired,
        script_done,
        consulted,
        talked,
        consents,
        convened,
        schedule: _,
        outcome,
    } = st;
    let at = |t: u32| if exact { t } else { 0 };
    let when = |x: &Option<u32>| x.map_or(NONE, at);
    let mut w: Vec<u32> = Vec::with_capacity(256);
    w.push(*tick);
    // Without the moments, whether a role knows a fact is one bit, a flag
    // three (none, or the form), and a bit-packed list keeps the key small:
    // the memo holds one key per state, and the keys are most of the
    // exploration's memory.
    let mut bits = Bits::default();
    for row in known {
        for k in row {
            if exact {
                w.push(when(k));
            } else {
                bits.push(&mut w, u32::from(k.is_some()), 1);
            }
        }
    }
    // The regime each known fact is held under, two bits each (what a
    // role does not know is held under nothing).
    for (role, row) in held.iter().enumerate() {
        for (f, r) in row.iter().enumerate() {
            let code = if known[role][f].is_some() {
                regime_code(*r)
            } else {
                0
            };
            bits.push(&mut w, code, 2);
        }
    }
    // The signal weights follow from what each role knows: left out.
    let _ = weights;
    for row in flags {
        for f in row {
            let form = f.map_or(0, |(form, _)| {
                crate::core::engine::state::form_index(form) as u32 + 1
            });
            bits.push(&mut w, form, 3);
            if exact {
                w.push(f.map_or(0, |(_, t)| t));
            }
        }
    }
    bits.flush(&mut w);
    // `shared` and `received` are derived from the shares (every record
    // is here), so they are left out; the origin says which record brought
    // a fact (or that the role has it of its own).
    w.push(ix(shares.len()));
    for x in shares {
        if exact {
            w.push(x.tick);
        }
        let small = |i: Ix| i < 0xFF;
        if small(x.from) && small(x.to) && small(x.channel) && small(x.ground) {
            w.push((ix(x.from) << 24) | (ix(x.to) << 16) | (ix(x.channel) << 8) | ix(x.ground));
        } else {
            w.extend([NONE, ix(x.from), ix(x.to), ix(x.channel), ix(x.ground)]);
        }
        let rule = x.rule.map_or(0xFFFF, ix);
        if x.fact < 0xFFFF && rule <= 0xFFFF {
            w.push((ix(x.fact) << 16) | rule);
        } else {
            w.extend([NONE, ix(x.fact), rule]);
        }
        let present = u32::from(x.verdict.severity())
            | (u32::from(x.consent.is_some()) << 4)
            | (u32::from(x.gate.is_some()) << 5)
            | (u32::from(x.fitting.is_some()) << 6)
            | (u32::from(x.binding.is_some()) << 7);
        w.push(present);
        if x.consent.is_some() {
            w.push(consent_code(x.consent));
        }
        if x.gate.is_some() {
            w.push(gate_code(x.gate));
        }
        if let Some((g, r)) = x.fitting {
            w.extend([ix(g), r.map_or(NONE, ix)]);
        }
        if let Some(b) = x.binding {
            w.push(ix(b));
        }
    }
    // Only the facts a role knows have an origin (`known` is above).
    for (role, row) in origin.iter().enumerate() {
        for (f, o) in row.iter().enumerate() {
            if known[role][f].is_none() {
                continue;
            }
            w.push(match o {
                None => NONE,
                Some(crate::core::engine::state::Origin::Own) => NONE - 1,
                Some(crate::core::engine::state::Origin::Share(k)) => ix(*k),
            });
        }
    }
    w.push(ix(channel_used.len()));
    for (a, b) in channel_used {
        w.extend([ix(*a), ix(*b)]);
    }
    w.extend(inject_due.iter().map(|x| x.unwrap_or(NONE)));
    if exact {
        w.extend(delivered.iter().map(when));
    } else {
        for d in delivered {
            bits.push(&mut w, u32::from(d.is_some()), 1);
        }
    }
    bits.flush(&mut w);
    // A decision: its state in two bits, with what shapes the future.
    for d in decisions {
        match *d {
            D::Closed => w.push(0),
            D::Open { since, expires } => w.extend([1, expires.unwrap_or(NONE), at(since)]),
            D::Decided {
                option,
                at: t,
                scripted,
            } => w.extend([2 | (u32::from(scripted) << 2) | (ix(option) << 3), at(t)]),
            D::Expired { at: t } => w.extend([3, at(t)]),
        }
    }
    for v in vars {
        let v = *v as u64;
        w.extend([v as u32, (v >> 32) as u32]);
    }
    for b in rule_fired.iter().chain(script_done.iter().flatten()) {
        bits.push(&mut w, u32::from(*b), 1);
    }
    if !exact {
        for t in talked {
            bits.push(&mut w, u32::from(t.is_some()), 1);
        }
    }
    bits.flush(&mut w);
    w.push(ix(consulted.len()));
    for (a, b) in consulted {
        w.extend([ix(*a), ix(*b)]);
    }
    if exact {
        w.extend(talked.iter().map(when));
    }
    for c in consents {
        match c {
            None => w.push(NONE),
            Some(rec) => {
                // How often it was asked changes nothing ahead (asking
                // again with the same answers leads to the same state).
                let times = if exact { rec.times } else { 0 };
                w.extend([at(rec.asked), times, ix(rec.answers.len())]);
                for a in &rec.answers {
                    // When an answer arrives shapes the future until it has.
                    let due = if a.due <= *tick { at(a.due) } else { a.due };
                    w.extend([
                        ix(a.person),
                        u32::from(a.gives) | (u32::from(a.decides) << 1),
                        due,
                        a.answer.map_or(NONE, ix),
                    ]);
                }
            }
        }
    }
    // Past sittings no longer matter; the schedule is the same in every
    // state.
    let ahead: Vec<&(Ix, u32)> = convened.iter().filter(|(_, t)| *t >= *tick).collect();
    w.push(ix(ahead.len()));
    for (ch, t) in ahead {
        w.extend([ix(*ch), *t]);
    }
    match outcome {
        None => w.extend([NONE, 0]),
        Some((o, t)) => w.extend([ix(*o), at(*t)]),
    }
    w.extend(status.iter().map(|x| u32::from(*x)));
    w
}

/// Packs small values into whole words of the key. The number of values
/// and their widths follow from the scenario, so the packing is
/// injective within one exploration.
#[derive(Default)]
struct Bits {
    acc: u64,
    n: u32,
}

impl Bits {
    fn push(&mut self, w: &mut Vec<u32>, value: u32, width: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += width;
        if self.n >= 32 {
            w.push(self.acc as u32);
            self.acc >>= 32;
            self.n -= 32;
        }
    }

    fn flush(&mut self, w: &mut Vec<u32>) {
        if self.n > 0 {
            w.push(self.acc as u32);
        }
        self.acc = 0;
        self.n = 0;
    }
}

fn regime_code(r: crate::core::scenario::model::Regime) -> u32 {
    use crate::core::scenario::model::Regime;
    match r {
        Regime::Avg => 0,
        Regime::Wpg => 1,
        Regime::Wjsg => 2,
        Regime::Beroepsgeheim => 3,
    }
}

fn gate_code(g: Option<crate::core::engine::law::Gate>) -> u32 {
    use crate::core::engine::law::Gate;
    match g {
        None => NONE,
        Some(Gate::Scope(r)) => 0x4000_0000 | ix(r),
        Some(Gate::Secrecy(c)) => 0x8000_0000 ^ consent_code(Some(c)),
    }
}

fn consent_code(c: Option<crate::core::engine::law::ConsentCheck>) -> u32 {
    use crate::core::engine::law::ConsentCheck as K;
    match c {
        None => NONE,
        Some(K::Valid(r, secrecy)) => 0x1000_0000 | (ix(r) << 1) | u32::from(secrecy),
        Some(K::NotAsked) => 1,
        Some(K::NoSubject) => 2,
        Some(K::Refused(r, p)) => 0x2000_0000 | (ix(r) << 12) | ix(p),
        Some(K::Pending(r)) => 0x3000_0000 | ix(r),
    }
}

/// A fast non-cryptographic hasher for the memo (the states are large
/// and SipHash dominated the exploration time). Multiply-rotate per word,
/// as in rustc's FxHasher; the memo compares keys in full, so a collision
/// costs time, never correctness.
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Fast = BuildHasherDefault<FastHasher>;

/// A decision's state without the moments (its deadline stays).
fn timeless_decision(d: crate::core::engine::DecisionState) -> crate::core::engine::DecisionState {
    use crate::core::engine::DecisionState as D;
    match d {
        D::Open { expires, .. } => D::Open { since: 0, expires },
        D::Decided {
            option, scripted, ..
        } => D::Decided {
            option,
            at: 0,
            scripted,
        },
        D::Expired { .. } => D::Expired { at: 0 },
        D::Closed => D::Closed,
    }
}

/// The exploration passed `max_states`.
struct TooLarge;

/// What is known about a state and everything behind it.
#[derive(Debug, Clone)]
struct Node {
    done: bool,
    tick: u32,
    /// Paths to each outcome.
    paths: Vec<u128>,
    /// Per played role: per competency, then the total.
    min: Vec<i32>,
    max: Vec<i32>,
    /// Most moves to an end, and the first of them.
    longest: u32,
    longest_next: Option<(Move, usize)>,
    /// Best total (summed over played roles), fewest moves to it, first move.
    best: i32,
    best_len: u32,
    best_next: Option<(Move, usize)>,
    /// The outcome, for an end state.
    outcome: Option<Ix>,
    /// Whether only the clock moves from here to the (default) end.
    idle: bool,
    /// The first way this state was reached: (parent, move).
    parent: Option<(usize, Move)>,
}

struct Explorer {
    c: Arc<Compiled>,
    played: Vec<Ix>,
    roles: Vec<String>,
    reference: Session,
    comps: Vec<(String, String)>,
    memo: HashMap<MemoKey, usize, Fast>,
    /// The log header of the sessions and the actions of the path being
    /// explored (the sessions' own logs are emptied after every move, so
    /// cloning a session does not copy its log).
    header: SessionLog,
    path: Vec<LoggedAction>,
    /// Scores per score key (see `score_key`).
    scores: HashMap<ScoreKey, Vec<i32>, Fast>,
    /// Evaluate every end state anyway and note a key that gave two
    /// different scores (tests).
    verify: bool,
    score_key_mismatch: bool,
    evaluations: usize,
    expanded: usize,
    revisits: usize,
    nodes: Vec<Node>,
    max_states: usize,
    exact: bool,
    moves: usize,
    /// (role, consult) pairs some condition reads. A consult nothing reads
    /// changes nothing but the advice shown and scores nothing, so it is
    /// not a move (it would only multiply the states).
    consults_read: std::collections::BTreeSet<(Ix, Ix)>,
    /// (role, fact) pairs a role's script flags.
    script_flags: HashSet<(Ix, Ix)>,
    /// What the end states explored so far reached.
    reached: Reached,
    /// The session before the first move (to replay a path).
    start: Session,
}

impl Explorer {
    /// The moves of the played roles in `s`.
    fn moves(&self, s: &Session) -> Vec<Move> {
        let c = &*self.c;
        let st = s.state();
        let mut out = Vec::new();
        if st.ended() {
            return out;
        }
        for &r in &self.played {
            for (d, cd) in c.decisions.iter().enumerate() {
                if cd.role == r
                    && matches!(
                        st.decisions[d],
                        crate::core::engine::DecisionState::Open { .. }
                    )
                {
                    for o in 0..cd.options.len() {
                        out.push(Move::Decide {
                            role: r,
                            decision: d,
                            option: o,
                        });
                    }
                }
            }
            for t in 0..c.talks.len() {
                if c.talks[t].role == r
                    && s.check(r, &crate::core::scenario::compiled::CAct::Talk(t))
                        .is_ok()
                {
                    out.push(Move::Talk { role: r, talk: t });
                }
            }
            for &(who, k) in &self.consults_read {
                if who == r
                    && !st.consulted.contains(&(r, k))
                    && s.check(r, &crate::core::scenario::compiled::CAct::Consult(k))
                        .is_ok()
                {
                    out.push(Move::Consult {
                        role: r,
                        consult: k,
                    });
                }
            }
            for (request, cr) in c.consents.iter().enumerate() {
                if cr.role == r
                    && s.check(
                        r,
                        &crate::core::scenario::compiled::CAct::AskConsent(request),
                    )
                    .is_ok()
                {
                    out.push(Move::AskConsent { role: r, request });
                }
            }
            for (channel, ch) in c.channels.iter().enumerate() {
                if ch.convene.is_some()
                    && st.next_sitting(channel).is_none()
                    && s.check(r, &crate::core::scenario::compiled::CAct::Convene(channel))
                        .is_ok()
                {
                    out.push(Move::Convene { role: r, channel });
                }
            }
            if !s.ready_steps(r).is_empty() || !self.auto_flags(s, r).is_empty() {
                out.push(Move::Expert { role: r });
            }
            if !self.unflagged(s, r).is_empty() {
                out.push(Move::FlagSignals { role: r });
            }
        }
        if !self.played.is_empty() && c.ticks > 0 {
            out.push(Move::Advance);
        }
        out
    }

    /// Signals a role with `auto_flag` knows and has not flagged with
    /// their form: flagged by its `Expert` move, as its script would (so
    /// they do not multiply the space as a move of their own).
    fn auto_flags(&self, s: &Session, r: Ix) -> Vec<(Ix, crate::core::scenario::model::Form)> {
        if self.c.roles.get(r).is_some_and(|role| role.auto_flag) {
            s.unflagged_signals(r)
        } else {
            Vec::new()
        }
    }

    /// Signals `r` knows, has not flagged with their form, and its script
    /// does not flag (nor its `auto_flag`): (fact, form).
    fn unflagged(&self, s: &Session, r: Ix) -> Vec<(Ix, crate::core::scenario::model::Form)> {
        if self.c.roles.get(r).is_some_and(|role| role.auto_flag) {
            return Vec::new();
        }
        let mut out = s.unflagged_signals(r);
        out.retain(|&(f, _)| !self.script_flags.contains(&(r, f)));
        out
    }

    /// A move an expert makes: the expert option of a decision, the
    /// script steps, flagging signals, a talk or a consult.
    fn is_expertish(&self, m: Move) -> bool {
        match m {
            Move::Decide {
                decision, option, ..
            } => self
                .c
                .decisions
                .get(decision)
                .is_some_and(|d| d.expert == Some(option)),
            Move::Expert { .. }
            | Move::FlagSignals { .. }
            | Move::Talk { .. }
            | Move::Consult { .. }
            | Move::AskConsent { .. }
            | Move::Convene { .. } => true,
            Move::Advance => false,
        }
    }

    /// Plays `m` on `s`; returns the events, or `None` when it was refused.
    fn play(&self, s: &mut Session, m: Move) -> Option<Vec<Timed>> {
        let c = &*self.c;
        let role_id = |r: Ix| c.role_id(r).to_string();
        match m {
            Move::Decide {
                role,
                decision,
                option,
            } => {
                let d = c.scenario.decisions.get(decision)?;
                let act = Act::Decide {
                    decision: d.id.clone(),
                    option: d.options.get(option)?.id.clone(),
                };
                s.apply(&role_id(role), &act).ok()
            }
            Move::Talk { role, talk } => {
                let act = Act::Talk {
                    talk: c.scenario.talks.get(talk)?.id.clone(),
                };
                s.apply(&role_id(role), &act).ok()
            }
            Move::Consult { role, consult } => {
                let act = Act::Consult {
                    with: c.scenario.consults.get(consult)?.id.clone(),
                };
                s.apply(&role_id(role), &act).ok()
            }
            Move::AskConsent { role, request } => {
                let act = Act::AskConsent {
                    request: c.scenario.consents.get(request)?.id.clone(),
                };
                s.apply(&role_id(role), &act).ok()
            }
            Move::Convene { role, channel } => {
                let act = Act::Convene {
                    channel: c.scenario.channels.get(channel)?.id.clone(),
                };
                s.apply(&role_id(role), &act).ok()
            }
            Move::Expert { role } => {
                let mut events = Vec::new();
                loop {
                    // What `auto_flag` flags, as soon as it is known.
                    for (f, form) in self.auto_flags(s, role) {
                        let act = Act::Flag {
                            fact: c.scenario.facts.get(f)?.id.clone(),
                            form,
                        };
                        if let Ok(ev) = s.apply(&role_id(role), &act) {
                            events.extend(ev);
                        }
                    }
                    let ready = s.ready_steps(role);
                    if ready.is_empty() {
                        break;
                    }
                    for step in ready {
                        // An earlier step may have ended the case or made
                        // this one impossible.
                        if let Ok(ev) = s.apply_step(role, step) {
                            events.extend(ev);
                        }
                    }
                }
                Some(events)
            }
            Move::FlagSignals { role } => {
                let mut events = Vec::new();
                for (f, form) in self.unflagged(s, role) {
                    let act = Act::Flag {
                        fact: c.scenario.facts.get(f)?.id.clone(),
                        form,
                    };
                    events.extend(s.apply(&role_id(role), &act).ok()?);
                }
                Some(events)
            }
            Move::Advance => {
                let driver = self.roles.first()?;
                s.apply(driver, &Act::Advance).ok()
            }
        }
    }

    fn width(&self) -> usize {
        self.played.len() * (self.comps.len() + 1)
    }

    /// The scores of an end state: per played role, per competency, then
    /// the total.
    fn score(&self, actions: &[LoggedAction]) -> Vec<i32> {
        let mut v = Vec::with_capacity(self.width());
        let log = SessionLog {
            actions: actions.to_vec(),
            ..self.header.clone()
        };
        let debriefs = role_scores(self.c.clone(), &log, Some(&self.reference));
        let debriefs = debriefs.unwrap_or_default();
        for id in &self.roles {
            let d = debriefs.iter().find(|d| &d.role == id);
            for (comp, _) in &self.comps {
                let earned = d
                    .and_then(|d| d.scores.iter().find(|x| &x.id == comp))
                    .map_or(0, |x| x.earned);
                v.push(earned);
            }
            v.push(d.map_or(0, |d| d.total_earned));
        }
        v
    }

    /// The parts of an end state the score depends on: the played roles'
    /// flags, their shares (with their verdicts), their decisions, and
    /// where their expectations stand. The maximum and what the expert
    /// path saw are fixed per exploration. End states that agree on these
    /// get the same score, so one evaluation serves them all (a test
    /// checks this against evaluating every end state).
    fn score_key(&self, st: &State, status: &[u8]) -> ScoreKey {
        let c = &*self.c;
        let flags = self
            .played
            .iter()
            .map(|&r| {
                st.flags[r]
                    .iter()
                    .map(|f| f.map(|(form, _)| form))
                    .collect()
            })
            .collect();
        // Penalties count per share action and fact: keep which records
        // came from one action (consecutive, same moment, sender, channel
        // and ground), not the moment itself.
        let mut shares: Vec<crate::core::engine::state::ShareRecord> = Vec::new();
        let mut group = 0;
        let mut last = None;
        for x in st.shares.iter().filter(|x| self.played.contains(&x.from)) {
            let id = (x.tick, x.from, x.channel, x.ground);
            if last.is_some_and(|l| l != id) {
                group += 1;
            }
            last = Some(id);
            let mut y = x.clone();
            y.tick = group;
            shares.push(y);
        }
        let decisions = c
            .decisions
            .iter()
            .enumerate()
            .filter(|(_, d)| self.played.contains(&d.role))
            .map(|(i, _)| timeless_decision(st.decisions[i]))
            .collect();
        ScoreKey {
            flags,
            shares,
            decisions,
            status: status.to_vec(),
        }
    }

    fn score_cached(&mut self, st: &State, status: &[u8]) -> Vec<i32> {
        let key = self.score_key(st, status);
        if !self.verify
            && let Some(v) = self.scores.get(&key)
        {
            return v.clone();
        }
        let v = self.score(&self.path);
        self.evaluations += 1;
        if let Some(old) = self.scores.get(&key)
            && *old != v
        {
            self.score_key_mismatch = true;
        }
        self.scores.insert(key, v.clone());
        v
    }

    fn total(&self, scores: &[i32]) -> i32 {
        let w = self.comps.len() + 1;
        scores.chunks(w).filter_map(|c| c.last()).sum()
    }

    /// Where each expectation of the played roles stands after reaching
    /// `s` from a state with status `before` (`None`: the start).
    fn status(&self, s: &Session, before: Option<&[u8]>) -> Vec<u8> {
        let st = s.state();
        self.c
            .expectations
            .iter()
            .enumerate()
            .map(|(e, ce)| {
                if !st.holds(&ce.achieve) {
                    return NOT_MET;
                }
                match before.and_then(|b| b.get(e)) {
                    Some(&was) if was != NOT_MET => was,
                    _ if ce.by.is_some_and(|by| st.tick > by) => MET_LATE,
                    _ => MET_IN_TIME,
                }
            })
            .collect()
    }

    fn key(&self, s: &Session, status: &[u8]) -> MemoKey {
        MemoKey::new(encode(s.state(), status, self.exact))
    }

    /// Explores `s` and everything behind it; returns its node.
    fn visit(&mut self, s: &Session, status: Vec<u8>) -> Result<usize, TooLarge> {
        let key = self.key(s, &status);
        let full = self.memo.len() >= self.max_states;
        let id = self.nodes.len();
        match self.memo.entry(key) {
            Entry::Occupied(e) => {
                self.revisits += 1;
                return Ok(*e.get());
            }
            Entry::Vacant(_) if full => return Err(TooLarge),
            Entry::Vacant(e) => {
                e.insert(id);
            }
        }
        let outcomes = self.c.scenario.outcomes.len();
        self.nodes.push(Node {
            done: false,
            tick: s.state().tick,
            paths: vec![0; outcomes],
            min: vec![i32::MAX; self.width()],
            max: vec![i32::MIN; self.width()],
            longest: 0,
            longest_next: None,
            best: i32::MIN,
            best_len: u32::MAX,
            best_next: None,
            outcome: None,
            idle: false,
            parent: None,
        });
        if let Some((o, _)) = s.state().outcome {
            self.reached.note(s.state());
            let scores = self.score_cached(s.state(), &status);
            let best = self.total(&scores);
            let n = &mut self.nodes[id];
            if let Some(p) = n.paths.get_mut(o) {
                *p = 1;
            }
            n.min = scores.clone();
            n.max = scores;
            n.best = best;
            n.best_len = 0;
            n.outcome = Some(o);
            n.done = true;
            return Ok(id);
        }
        self.expanded += 1;
        let moves = self.moves(s);
        let only_clock = moves == [Move::Advance];
        let mut idle = false;
        for m in moves {
            let mut next = s.clone();
            next.forget_history();
            let Some(events) = self.play(&mut next, m) else {
                continue;
            };
            if next.state() == s.state() {
                continue;
            }
            self.moves += 1;
            let next_status = self.status(&next, Some(&status));
            let depth = self.path.len();
            self.path.extend(next.take_actions());
            let child = self.visit(&next, next_status);
            self.path.truncate(depth);
            let child = child?;
            if !self.nodes[child].done {
                // Cannot happen (the state only grows); ignore the edge.
                continue;
            }
            if self.nodes[child].parent.is_none() && child != 0 {
                self.nodes[child].parent = Some((id, m));
            }
            if only_clock && m == Move::Advance {
                let quiet = events.iter().all(|t| {
                    matches!(
                        t.event,
                        Event::ClockAdvanced { .. }
                            | Event::Ended { .. }
                            | Event::ScriptWaiting { .. }
                            | Event::ScriptSkipped { .. }
                    )
                });
                let ch = &self.nodes[child];
                idle = quiet && (ch.idle || ch.outcome.is_some());
            }
            let (cn, n) = pick(&mut self.nodes, child, id);
            for (a, b) in n.paths.iter_mut().zip(&cn.paths) {
                *a = a.saturating_add(*b);
            }
            for (a, b) in n.min.iter_mut().zip(&cn.min) {
                *a = (*a).min(*b);
            }
            for (a, b) in n.max.iter_mut().zip(&cn.max) {
                *a = (*a).max(*b);
            }
            if n.longest_next.is_none() || cn.longest + 1 > n.longest {
                n.longest = cn.longest + 1;
                n.longest_next = Some((m, child));
            }
            let len = cn.best_len.saturating_add(1);
            if cn.best > n.best || (cn.best == n.best && len < n.best_len) {
                n.best = cn.best;
                n.best_len = len;
                n.best_next = Some((m, child));
            }
        }
        let n = &mut self.nodes[id];
        n.idle = idle;
        n.done = true;
        Ok(id)
    }

    /// Describes a move with the scenario's ids.
    fn describe(&self, m: Move) -> String {
        let c = &*self.c;
        let s = &c.scenario;
        match m {
            Move::Decide {
                role,
                decision,
                option,
            } => {
                let d = &s.decisions[decision];
                let o = d.options.get(option).map_or("?", |o| o.id.as_str());
                format!("{}: decide `{}` → `{o}`", c.role_id(role), d.id)
            }
            Move::Talk { role, talk } => {
                format!("{}: talk `{}`", c.role_id(role), s.talks[talk].id)
            }
            Move::Consult { role, consult } => {
                format!("{}: consult `{}`", c.role_id(role), s.consults[consult].id)
            }
            Move::AskConsent { role, request } => {
                format!(
                    "{}: ask consent `{}`",
                    c.role_id(role),
                    s.consents[request].id
                )
            }
            Move::Convene { role, channel } => {
                format!("{}: convene `{}`", c.role_id(role), s.channels[channel].id)
            }
            Move::Expert { role } => {
                format!(
                    "{}: do the script steps that are possible now",
                    c.role_id(role)
                )
            }
            Move::FlagSignals { role } => {
                format!(
                    "{}: flag the signals it knows (right form)",
                    c.role_id(role)
                )
            }
            Move::Advance => "end the day-part".to_string(),
        }
    }

    /// Follows `next` links from `from`, describing each move with the
    /// day-part it was made in.
    fn follow(
        &self,
        from: usize,
        next: impl Fn(&Node) -> Option<(Move, usize)>,
    ) -> (Vec<String>, usize) {
        let mut moves = Vec::new();
        let mut at = from;
        while let Some((m, child)) = next(&self.nodes[at]) {
            let when = self.c.time_label(self.nodes[at].tick);
            moves.push(format!("{when}: {}", self.describe(m)));
            at = child;
        }
        (moves, at)
    }

    fn path_info(&self, moves: Vec<String>, end: usize) -> PathInfo {
        let n = &self.nodes[end];
        let w = self.comps.len() + 1;
        PathInfo {
            moves,
            outcome: n
                .outcome
                .and_then(|o| self.c.scenario.outcomes.get(o))
                .map_or_else(String::new, |o| o.id.clone()),
            totals: n.max.chunks(w).filter_map(|x| x.last().copied()).collect(),
            ended_at: self
                .c
                .time_label(n.tick.min(self.c.ticks.saturating_sub(1))),
        }
    }

    fn report(
        &self,
        root: usize,
        expert: &[crate::core::eval::RoleDebrief],
    ) -> Result<Exploration, AnalyzeError> {
        let r = &self.nodes[root];
        let (moves, end) = self.follow(root, |n| n.best_next);
        let expert_path = Some(self.path_info(moves, end));
        let (moves, end) = self.follow(root, |n| n.longest_next);
        let longest_case = Some(self.path_info(moves, end));
        let ends = self.nodes.iter().filter(|n| n.outcome.is_some()).count();
        let dead_ends = self.dead_ends();
        Ok(Exploration {
            roles: self.roles.clone(),
            mode: Mode::Exhaustive,
            states: self.nodes.len(),
            moves: self.moves,
            end_states: ends,
            expanded: self.expanded,
            revisits: self.revisits,
            evaluations: self.evaluations,
            runs: 0,
            estimated_states: None,
            millis: 0,
            states_per_second: 0,
            outcomes: outcome_reach(&self.c, &r.paths),
            scores: self.ranges(&r.min, &r.max, expert),
            expert_path,
            longest_case,
            coverage: coverage(&self.c, &self.reached),
            score_key_sound: !self.score_key_mismatch,
            dead_ends,
        })
    }

    fn ranges(
        &self,
        min: &[i32],
        max: &[i32],
        expert: &[crate::core::eval::RoleDebrief],
    ) -> Vec<ScoreRange> {
        let w = self.comps.len() + 1;
        let mut out = Vec::new();
        for (k, role) in self.roles.iter().enumerate() {
            let d = expert.iter().find(|d| &d.role == role);
            for (j, (id, label)) in self
                .comps
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .chain(std::iter::once(("totaal", "Totaal")))
                .enumerate()
            {
                let maximum = match d {
                    Some(d) if id == "totaal" => d.total_max,
                    Some(d) => d.scores.iter().find(|x| x.id == id).map_or(0, |x| x.max),
                    None => 0,
                };
                out.push(ScoreRange {
                    role: role.clone(),
                    competency: id.to_string(),
                    label: label.to_string(),
                    min: min.get(k * w + j).copied().unwrap_or(0),
                    max: max.get(k * w + j).copied().unwrap_or(0),
                    maximum,
                });
            }
        }
        out
    }

    /// Idle states whose parent was not idle, with at least two day-parts
    /// to click through: one per (day-part, outcome), the earliest first,
    /// at most five, each with the first path found to it and how many
    /// states start such a stretch there.
    fn dead_ends(&self) -> Vec<DeadEnd> {
        let ticks = self.c.ticks;
        let mut found: Vec<(u32, usize)> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.idle && ticks.saturating_sub(n.tick) >= 2)
            .filter(|(_, n)| n.parent.is_none_or(|(p, _)| !self.nodes[p].idle))
            .map(|(i, n)| (n.tick, i))
            .collect();
        found.sort_unstable();
        let mut out: Vec<DeadEnd> = Vec::new();
        for (tick, i) in found {
            let (_, end) = self.follow(i, |n| n.longest_next);
            let outcome = self.nodes[end]
                .outcome
                .and_then(|o| self.c.scenario.outcomes.get(o))
                .map_or_else(String::new, |o| o.id.clone());
            if let Some(d) = out
                .iter_mut()
                .find(|d| d.tick == tick && d.outcome == outcome)
            {
                d.states += 1;
                continue;
            }
            if out.len() >= 5 {
                continue;
            }
            let mut moves = Vec::new();
            let mut path = Vec::new();
            let mut at = i;
            while let Some((p, m)) = self.nodes[at].parent {
                let when = self.c.time_label(self.nodes[p].tick);
                moves.push(format!("{when}: {}", self.describe(m)));
                path.push(m);
                at = p;
            }
            moves.reverse();
            path.reverse();
            out.push(DeadEnd {
                from: self.c.time_label(tick),
                tick,
                idle_parts: ticks - tick,
                outcome,
                states: 1,
                moves,
                after: self.last_act(&path),
            });
        }
        out
    }

    /// The last act on `path` (moves from the start) that is not ending a
    /// day-part, preferring one that is not flagging (a flag rarely makes
    /// anything happen); for working as the expert, the last script step
    /// it ran.
    fn last_act(&self, path: &[Move]) -> Option<LastAct> {
        let k = path
            .iter()
            .rposition(|m| !matches!(m, Move::Advance | Move::FlagSignals { .. }))
            .or_else(|| path.iter().rposition(|m| *m != Move::Advance))?;
        Some(match path[k] {
            Move::Decide {
                decision, option, ..
            } => LastAct::Option { decision, option },
            Move::Talk { talk, .. } => LastAct::Talk(talk),
            Move::Consult { consult, .. } => LastAct::Consult(consult),
            Move::AskConsent { request, .. } => LastAct::AskConsent(request),
            Move::Convene { channel, .. } => LastAct::Convene(channel),
            Move::FlagSignals { role } => LastAct::Flags(role),
            Move::Expert { role } => {
                let mut s = self.start.clone();
                for &m in &path[..k] {
                    self.play(&mut s, m)?;
                }
                let before = s.state().script_done.get(role)?.clone();
                self.play(&mut s, path[k])?;
                let step = s
                    .state()
                    .script_done
                    .get(role)?
                    .iter()
                    .zip(&before)
                    .rposition(|(now, was)| *now && !*was)?;
                LastAct::Step { role, step }
            }
            Move::Advance => return None,
        })
    }

    /// Random playthroughs when the space is too large, split over the
    /// cores. Run k always uses the same generator seed, and parts are
    /// merged in run order, so the result does not depend on the number
    /// of threads.
    fn sample(
        &self,
        start: &Session,
        opts: &Options,
        expert: &[crate::core::eval::RoleDebrief],
    ) -> Result<Exploration, AnalyzeError> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8)
            .min(opts.runs.max(1));
        let chunk = opts.runs.div_ceil(threads);
        let parts: Vec<Part> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let runs = (t * chunk)..((t + 1) * chunk).min(opts.runs);
                    scope.spawn(move || self.sample_runs(start, opts, runs))
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        if parts.len() != threads {
            return Err(AnalyzeError::Panicked);
        }
        let outcomes = self.c.scenario.outcomes.len();
        let mut all = Part::new(outcomes, self.width(), &self.c);
        for p in parts {
            all.merge(p);
        }
        Ok(Exploration {
            roles: self.roles.clone(),
            mode: Mode::Sampled,
            states: all.seen.len(),
            moves: all.moves,
            end_states: all.scored.len(),
            expanded: 0,
            revisits: 0,
            evaluations: all.scored.len(),
            runs: opts.runs,
            estimated_states: None,
            millis: 0,
            states_per_second: 0,
            outcomes: outcome_reach(&self.c, &all.paths),
            scores: self.ranges(&all.min, &all.max, expert),
            expert_path: all.best.map(|(_, p)| p),
            longest_case: all.longest,
            coverage: coverage(&self.c, &all.reached),
            score_key_sound: true,
            dead_ends: Vec::new(),
        })
    }

    /// Plays the random playthroughs `runs`.
    fn sample_runs(&self, start: &Session, opts: &Options, runs: std::ops::Range<usize>) -> Part {
        let mut part = Part::new(self.c.scenario.outcomes.len(), self.width(), &self.c);
        let w = self.comps.len() + 1;
        let info = |moves: Vec<String>, st: &State, scores: &[i32]| PathInfo {
            moves,
            outcome: st
                .outcome
                .and_then(|(o, _)| self.c.scenario.outcomes.get(o))
                .map_or_else(String::new, |o| o.id.clone()),
            totals: scores.chunks(w).filter_map(|x| x.last().copied()).collect(),
            ended_at: self
                .c
                .time_label(st.tick.min(self.c.ticks.saturating_sub(1))),
        };
        for run in runs {
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed.wrapping_mul(1_000_003) ^ run as u64);
            let mut s = start.clone();
            let mut trail = Vec::new();
            let mut acts: Vec<LoggedAction> = Vec::new();
            let mut status = self.status(&s, None);
            part.seen.insert(self.key(&s, &status));
            while !s.state().ended() {
                let mut options = self.moves(&s);
                let mut moved = false;
                while !options.is_empty() {
                    // Odd runs lean to the expert: four times in five they
                    // take an expert move when there is one, so the
                    // samples also cover play close to the expert path.
                    let expertish: Vec<usize> = (0..options.len())
                        .filter(|&i| self.is_expertish(options[i]))
                        .collect();
                    let lean = run % 2 == 1 && !expertish.is_empty() && rng.next_u64() % 5 != 0;
                    let k = if lean {
                        expertish[(rng.next_u64() % expertish.len() as u64) as usize]
                    } else {
                        (rng.next_u64() % options.len() as u64) as usize
                    };
                    let m = options.swap_remove(k);
                    let mut next = s.clone();
                    next.forget_history();
                    if self.play(&mut next, m).is_some() && next.state() != s.state() {
                        part.moves += 1;
                        acts.extend(next.take_actions());
                        trail.push(format!(
                            "{}: {}",
                            self.c.time_label(s.state().tick),
                            self.describe(m)
                        ));
                        s = next;
                        moved = true;
                        break;
                    }
                }
                if !moved {
                    break;
                }
                status = self.status(&s, Some(&status));
                part.seen.insert(self.key(&s, &status));
            }
            let Some((o, _)) = s.state().outcome else {
                continue;
            };
            if let Some(p) = part.paths.get_mut(o) {
                *p = p.saturating_add(1);
            }
            let scores = match part.scored.get(s.state()) {
                Some(v) => v.clone(),
                None => {
                    let v = self.score(&acts);
                    part.scored.insert(s.state().clone(), v.clone());
                    part.reached.note(s.state());
                    v
                }
            };
            for (a, b) in part.min.iter_mut().zip(&scores) {
                *a = (*a).min(*b);
            }
            for (a, b) in part.max.iter_mut().zip(&scores) {
                *a = (*a).max(*b);
            }
            let total = self.total(&scores);
            let better = part
                .best
                .as_ref()
                .is_none_or(|(t, p)| total > *t || (total == *t && trail.len() < p.moves.len()));
            if better {
                part.best = Some((total, info(trail.clone(), s.state(), &scores)));
            }
            if part
                .longest
                .as_ref()
                .is_none_or(|p| trail.len() > p.moves.len())
            {
                part.longest = Some(info(trail, s.state(), &scores));
            }
        }
        part
    }
}

/// What a share of the random playthroughs found.
struct Part {
    paths: Vec<u128>,
    seen: HashSet<MemoKey, Fast>,
    /// End states (with the moments) and their scores.
    scored: HashMap<State, Vec<i32>, Fast>,
    reached: Reached,
    min: Vec<i32>,
    max: Vec<i32>,
    moves: usize,
    /// The best playthrough (its total) and the longest; on a tie the
    /// earlier run.
    best: Option<(i32, PathInfo)>,
    longest: Option<PathInfo>,
}

impl Part {
    fn new(outcomes: usize, width: usize, c: &Compiled) -> Part {
        Part {
            paths: vec![0; outcomes],
            seen: HashSet::default(),
            scored: HashMap::default(),
            reached: Reached::new(c),
            min: vec![i32::MAX; width],
            max: vec![i32::MIN; width],
            moves: 0,
            best: None,
            longest: None,
        }
    }

    /// Adds a part of later runs.
    fn merge(&mut self, p: Part) {
        for (a, b) in self.paths.iter_mut().zip(&p.paths) {
            *a = a.saturating_add(*b);
        }
        self.seen.extend(p.seen);
        self.scored.extend(p.scored);
        self.reached.merge(&p.reached);
        for (a, b) in self.min.iter_mut().zip(&p.min) {
            *a = (*a).min(*b);
        }
        for (a, b) in self.max.iter_mut().zip(&p.max) {
            *a = (*a).max(*b);
        }
        self.moves += p.moves;
        if let Some((t, path)) = p.best {
            let better = self
                .best
                .as_ref()
                .is_none_or(|(bt, bp)| t > *bt || (t == *bt && path.moves.len() < bp.moves.len()));
            if better {
                self.best = Some((t, path));
            }
        }
        if let Some(path) = p.longest
            && self
                .longest
                .as_ref()
                .is_none_or(|l| path.moves.len() > l.moves.len())
        {
            self.longest = Some(path);
        }
    }
}

/// Every condition of the scenario (rules, injects, scripts, talks,
/// expectations, sharing rules).
fn conditions(c: &Compiled) -> Vec<&CCond> {
    let mut out: Vec<&CCond> = Vec::new();
    out.extend(c.rules.iter().map(|r| &r.when));
    out.extend(c.injects.iter().filter_map(|i| i.when.as_ref()));
    out.extend(c.roles.iter().flat_map(|r| r.script.iter().map(|(w, _)| w)));
    out.extend(c.talks.iter().filter_map(|t| t.when.as_ref()));
    out.extend(c.expectations.iter().map(|e| &e.achieve));
    out.extend(c.share_rules.iter().filter_map(|r| r.when.as_ref()));
    out
}

/// The (role, consult) pairs some condition reads.
fn consults_read(c: &Compiled) -> std::collections::BTreeSet<(Ix, Ix)> {
    fn walk(cond: &CCond, out: &mut std::collections::BTreeSet<(Ix, Ix)>) {
        match cond {
            CCond::Consulted(r, k) => {
                out.insert((*r, *k));
            }
            CCond::All(cs) | CCond::Any(cs) => cs.iter().for_each(|x| walk(x, out)),
            CCond::Not(x) => walk(x, out),
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for cond in conditions(c) {
        walk(cond, &mut out);
    }
    out
}

/// Mutable access to node `b` together with shared access to node `a`.
fn pick(nodes: &mut [Node], a: usize, b: usize) -> (&Node, &mut Node) {
    if a < b {
        let (lo, hi) = nodes.split_at_mut(b);
        (&lo[a], &mut hi[0])
    } else {
        let (lo, hi) = nodes.split_at_mut(a);
        (&hi[0], &mut lo[b])
    }
}

fn outcome_reach(c: &Compiled, paths: &[u128]) -> Vec<OutcomeReach> {
    c.scenario
        .outcomes
        .iter()
        .zip(paths)
        .map(|(o, p)| OutcomeReach {
            id: o.id.clone(),
            title: o.title.clone(),
            kind: match o.kind {
                OutcomeKind::Good => "good",
                OutcomeKind::Partial => "partial",
                OutcomeKind::Bad => "bad",
            }
            .to_string(),
            paths: *p,
        })
        .collect()
}

/// What the end states reached. Every part of the case state only grows,
/// so the end states hold everything any state on the way held.
#[derive(Debug, Clone, Default)]
struct Reached {
    injects: Vec<bool>,
    decisions: Vec<bool>,
    rules: Vec<bool>,
    outcomes: Vec<bool>,
    facts: Vec<bool>,
    /// Per role, per script step: it ran.
    steps: Vec<Vec<bool>>,
}

impl Reached {
    fn new(c: &Compiled) -> Reached {
        Reached {
            injects: vec![false; c.injects.len()],
            decisions: vec![false; c.decisions.len()],
            rules: vec![false; c.rules.len()],
            outcomes: vec![false; c.scenario.outcomes.len()],
            facts: vec![false; c.facts.len()],
            steps: c
                .roles
                .iter()
                .map(|r| vec![false; r.script.len()])
                .collect(),
        }
    }

    /// Adds what end state `st` reached.
    fn note(&mut self, st: &State) {
        for (r, d) in self.injects.iter_mut().zip(&st.delivered) {
            *r |= d.is_some();
        }
        for (r, d) in self.decisions.iter_mut().zip(&st.decisions) {
            *r |= !matches!(d, crate::core::engine::DecisionState::Closed);
        }
        for (r, f) in self.rules.iter_mut().zip(&st.rule_fired) {
            *r |= *f;
        }
        if let Some((o, _)) = st.outcome
            && let Some(r) = self.outcomes.get_mut(o)
        {
            *r = true;
        }
        for (f, r) in self.facts.iter_mut().enumerate() {
            *r |= st
                .known
                .iter()
                .any(|k| k.get(f).is_some_and(Option::is_some));
        }
        for (r, done) in self.steps.iter_mut().zip(&st.script_done) {
            for (a, b) in r.iter_mut().zip(done) {
                *a |= *b;
            }
        }
    }

    fn merge(&mut self, other: &Reached) {
        for (a, b) in [
            (&mut self.injects, &other.injects),
            (&mut self.decisions, &other.decisions),
            (&mut self.rules, &other.rules),
            (&mut self.outcomes, &other.outcomes),
            (&mut self.facts, &other.facts),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                *x |= *y;
            }
        }
        for (a, b) in self.steps.iter_mut().zip(&other.steps) {
            for (x, y) in a.iter_mut().zip(b) {
                *x |= *y;
            }
        }
    }
}

fn coverage(c: &Compiled, reached: &Reached) -> Coverage {
    let s = &c.scenario;
    fn split<'a>(ids: impl Iterator<Item = &'a String>, hit: &[bool]) -> Hit {
        let mut h = Hit::default();
        for (id, hit) in ids.zip(hit) {
            if *hit {
                h.reached.push(id.clone());
            } else {
                h.missed.push(id.clone());
            }
        }
        h
    }
    Coverage {
        injects: split(s.injects.iter().map(|x| &x.id), &reached.injects),
        decisions: split(s.decisions.iter().map(|x| &x.id), &reached.decisions),
        rules: split(s.rules.iter().map(|x| &x.id), &reached.rules),
        outcomes: split(s.outcomes.iter().map(|x| &x.id), &reached.outcomes),
        facts: split(s.facts.iter().map(|x| &x.id), &reached.facts),
        script_steps: {
            let ids: Vec<String> = s
                .roles
                .iter()
                .flat_map(|r| (1..=r.script.len()).map(move |k| step_id(&r.id, k - 1)))
                .collect();
            let hit: Vec<bool> = reached.steps.iter().flatten().copied().collect();
            split(ids.iter(), &hit)
        },
    }
}

/// How coverage names script step `step` (0-based) of `role`: `role#1`.
pub fn step_id(role: &str, step: usize) -> String {
    format!("{role}#{}", step + 1)
}

/// Warnings from an analysis (run by `check --deep`): parts of the scenario
/// no playthrough reaches — not the explored ones, not the `extra` end
/// states (the test plan's cases, which also play free shares and flags)
/// — and long idle stretches. `text` is the scenario file's text.
#[allow(
    clippy::too_many_lines,
    reason = "older than the limit; split when next changed"
)]
pub fn deep_lints(
    path: &std::path::Path,
    text: &str,
    c: &Compiled,
    analysis: &Analysis,
    extra: &[State],
) -> Vec<crate::core::diag::Diagnostic> {
    use crate::core::diag::{Diagnostic, Pos};
    use crate::core::scenario::source::SourceIndex;
    let s = &c.scenario;
    let index = SourceIndex::new(text);
    let mut out = Vec::new();
    let sampled = analysis
        .explorations
        .iter()
        .any(|e| e.mode == Mode::Sampled && e.roles.len() == 1);
    let how = if sampled {
        "the exhaustive and sampled playthroughs of `analyze`"
    } else {
        "every playthrough of `analyze`"
    };
    let reached = |pick: fn(&Coverage) -> &Hit, id: &str| {
        analysis
            .explorations
            .iter()
            .any(|e| pick(&e.coverage).reached.iter().any(|x| x == id))
    };
    let warn = |out: &mut Vec<Diagnostic>, id: &str, message: String, hint: &str| {
        out.push(Diagnostic::warning_at_definition(
            path, text, &index, id, message, hint,
        ));
    };
    let free = "free shares and flags (outside the roles' scripts) are not explored: if only such an action reaches it, add a test-plan case that plays it; otherwise check the conditions that lead to it";
    for (i, inj) in s.injects.iter().enumerate() {
        // Optional injects come only when a trainer releases them, which no
        // playthrough does.
        if inj.optional {
            continue;
        }
        if !reached(|c| &c.injects, &inj.id) && !extra.iter().any(|e| e.delivered[i].is_some()) {
            warn(
                &mut out,
                &inj.id,
                format!(
                    "inject `{}` is reached by no playthrough ({how}, test plan)",
                    inj.id
                ),
                free,
            );
        }
    }
    for (d, dec) in s.decisions.iter().enumerate() {
        let opened = extra
            .iter()
            .any(|e| !matches!(e.decisions[d], crate::core::engine::DecisionState::Closed));
        if !reached(|c| &c.decisions, &dec.id) && !opened {
            warn(
                &mut out,
                &dec.id,
                format!(
                    "decision `{}` is reached by no playthrough ({how}, test plan)",
                    dec.id
                ),
                free,
            );
        }
    }
    for (r, rule) in s.rules.iter().enumerate() {
        if !reached(|c| &c.rules, &rule.id) && !extra.iter().any(|e| e.rule_fired[r]) {
            warn(
                &mut out,
                &rule.id,
                format!(
                    "rule `{}` fires in no playthrough ({how}, test plan)",
                    rule.id
                ),
                free,
            );
        }
    }
    for (o, outcome) in s.outcomes.iter().enumerate() {
        let hit = extra.iter().any(|e| e.outcome.is_some_and(|(x, _)| x == o));
        if !reached(|c| &c.outcomes, &outcome.id) && !hit {
            warn(
                &mut out,
                &outcome.id,
                format!(
                    "outcome `{}` is reached by no playthrough ({how}, test plan)",
                    outcome.id
                ),
                free,
            );
        }
    }
    // Facts in a pool depend on the seed's draw: another seed may reveal
    // them.
    let pooled: HashSet<Ix> = c
        .pools
        .iter()
        .flat_map(|p| p.facts.iter().copied())
        .collect();
    for (f, fact) in s.facts.iter().enumerate() {
        let known = extra.iter().any(|e| e.known.iter().any(|k| k[f].is_some()));
        if !pooled.contains(&f) && !reached(|c| &c.facts, &fact.id) && !known {
            warn(
                &mut out,
                &fact.id,
                format!(
                    "fact `{}` is revealed in no playthrough ({how}, test plan)",
                    fact.id
                ),
                free,
            );
        }
    }
    // Side doors: better by phone or mail than in the meeting.
    let rule_at = |rule: Option<Ix>| -> (String, Pos) {
        let sr = rule.and_then(|r| s.sharing.rules.get(r));
        let pos = sr
            .and_then(|x| x.id.as_deref())
            .and_then(|id| index.definition("id", id, 0))
            .or_else(|| index.key("sharing", 0))
            .unwrap_or(Pos::START);
        let name = match (rule, sr.and_then(|x| x.id.as_deref())) {
            (Some(_), Some(id)) => format!("sharing rule `{id}`"),
            (Some(r), None) => format!("sharing rule #{}", r + 1),
            (None, _) => "the default or the engine".to_string(),
        };
        (name, pos)
    };
    for d in crate::core::sidedoor::side_doors(&Arc::new(c.clone())) {
        let id = |ix: Ix, ids: &[String]| ids.get(ix).cloned().unwrap_or_default();
        let roles: Vec<String> = s.roles.iter().map(|r| r.id.clone()).collect();
        let channels: Vec<String> = s.channels.iter().map(|r| r.id.clone()).collect();
        let grounds: Vec<String> = d
            .grounds
            .iter()
            .filter_map(|g| s.grounds.get(*g).map(|x| format!("`{}`", x.id)))
            .collect();
        let (out_rule, out_pos) = rule_at(d.outside.1);
        let (in_rule, in_pos) = rule_at(d.inside.1);
        let diag = Diagnostic::warning(
            path,
            out_pos,
            format!(
                "side door: `{}` from `{}` to `{}` ({}) on {} is judged {} through `{}` (line {}: {out_rule}) but {} in `{}`, where both sit (line {}: {in_rule})",
                s.facts.get(d.fact).map(|f| f.id.as_str()).unwrap_or("?"),
                id(d.from, &roles),
                id(d.to, &roles),
                if d.own { "its own" } else { "received in the meeting" },
                grounds.join(", "),
                d.outside.0.label(),
                id(d.channel, &channels),
                out_pos.line,
                d.inside.0.label(),
                id(d.meeting, &channels),
                in_pos.line,
            ),
        )
        .with_source(text)
        .with_hint("purpose binding: the same fact to the same recipient should not fare better by phone or mail than in the casusoverleg. Close it with a rule for this route, or accept it in `sharing: (side_doors: [(facts: [...], from: [...], to: [...], channels: [...], reason: \"why the routes differ\")])`");
        out.push(diag);
    }
    // Idle stretches longer than half the case.
    let mut idle: Option<&DeadEnd> = None;
    for e in &analysis.explorations {
        for d in &e.dead_ends {
            if 2 * d.idle_parts > c.ticks && idle.is_none_or(|x| d.idle_parts > x.idle_parts) {
                idle = Some(d);
            }
        }
    }
    if let Some(d) = idle {
        let (after, pos) = match d.after.and_then(|a| last_act_at(c, &index, a)) {
            Some((what, pos)) => (what, pos),
            None => (
                "the start".to_string(),
                index.key("default_outcome", 0).unwrap_or(Pos::START),
            ),
        };
        let diag = Diagnostic::warning(
            path,
            pos,
            format!(
                "dead end: after {after}, from {} on the trainee can only end day-parts; nothing happens any more for {} of the case's {} day-parts until `{}`",
                d.from, d.idle_parts, c.ticks, d.outcome
            ),
        )
        .with_source(text)
        .with_hint("end the case earlier with a rule (`End`) that follows from this, or give the roles something to do or see after it (an inject, a decision); `analyze` shows the whole path");
        out.push(diag);
    }
    // Script steps that never run. A step that waits for an optional
    // inject runs only when a trainer releases it, which no playthrough
    // does.
    fn optional_inject(c: &Compiled, cond: &CCond) -> bool {
        match cond {
            CCond::Delivered(i) => c.injects.get(*i).is_some_and(|x| x.optional),
            CCond::All(v) | CCond::Any(v) => v.iter().any(|x| optional_inject(c, x)),
            CCond::Not(x) => optional_inject(c, x),
            _ => false,
        }
    }
    for (r, role) in s.roles.iter().enumerate() {
        for step in 0..role.script.len() {
            if c.roles[r]
                .script
                .get(step)
                .is_some_and(|(cond, _)| optional_inject(c, cond))
            {
                continue;
            }
            let id = step_id(&role.id, step);
            let ran = analysis
                .explorations
                .iter()
                .any(|e| e.coverage.script_steps.reached.contains(&id))
                || extra.iter().any(|e| {
                    e.script_done
                        .get(r)
                        .and_then(|d| d.get(step))
                        .copied()
                        .unwrap_or(false)
                });
            if ran {
                continue;
            }
            let pos = crate::core::scenario::load::script_step_pos(&index, s, r, step)
                .unwrap_or(Pos::START);
            out.push(
                Diagnostic::warning(
                    path,
                    pos,
                    format!(
                        "script step {} of `{}` runs in no playthrough ({how}, test plan)",
                        step + 1,
                        role.id
                    ),
                )
                .with_source(text)
                .with_hint("its `when` never holds, or its action is never possible when it does: `ketensim play` shows a `wacht` line for a step that waits, with the reason; correct the condition or the action, or remove the step"),
            );
        }
    }
    out
}

/// What `a` is, in words with the scenario's ids, and where it is in the
/// file.
fn last_act_at(
    c: &Compiled,
    index: &crate::core::scenario::source::SourceIndex,
    a: LastAct,
) -> Option<(String, crate::core::diag::Pos)> {
    let s = &c.scenario;
    let def = |id: &str| index.definition("id", id, 0);
    Some(match a {
        LastAct::Option { decision, option } => {
            let d = s.decisions.get(decision)?;
            let o = &d.options.get(option)?.id;
            let at = def(&d.id)?;
            // The option's definition within its decision (option ids
            // may repeat across decisions).
            let pos = index
                .ids
                .get(o)
                .and_then(|v| v.iter().find(|p| **p > at).copied())
                .unwrap_or(at);
            (format!("option `{o}` of decision `{}`", d.id), pos)
        }
        LastAct::Talk(t) => {
            let id = &s.talks.get(t)?.id;
            (format!("talk `{id}`"), def(id)?)
        }
        LastAct::Consult(k) => {
            let id = &s.consults.get(k)?.id;
            (format!("consult `{id}`"), def(id)?)
        }
        LastAct::AskConsent(q) => {
            let id = &s.consents.get(q)?.id;
            (format!("asking consent `{id}`"), def(id)?)
        }
        LastAct::Convene(ch) => {
            let id = &s.channels.get(ch)?.id;
            (format!("convening `{id}`"), def(id)?)
        }
        LastAct::Step { role, step } => {
            let id = &s.roles.get(role)?.id;
            (
                format!("script step {} of `{id}`", step + 1),
                crate::core::scenario::load::script_step_pos(index, s, role, step)?,
            )
        }
        LastAct::Flags(role) => {
            let id = &s.roles.get(role)?.id;
            (format!("`{id}` flagged the signals it knows"), def(id)?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    /// States of random sessions (every legal action, including free
    /// flags and shares) on the mini fixture and the bundled scenario.
    fn random_states(path: &str, roles: &[&str], runs: u64) -> Vec<State> {
        let c = Arc::new(
            crate::core::scenario::load_file(std::path::Path::new(path))
                .unwrap()
                .compiled,
        );
        let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
        let mut out = Vec::new();
        for run in 0..runs {
            let mut rng = ChaCha8Rng::seed_from_u64(run);
            let mut s = Session::start(c.clone(), run % 3 + 1, &roles, None).unwrap();
            while !s.state().ended() {
                let r = (rng.next_u64() % roles.len() as u64) as usize;
                let who = c.ids.roles[&roles[r]];
                // One action in four ends the day-part, so a run stays short.
                let a = if rng.next_u64() % 4 == 0 {
                    Act::Advance
                } else {
                    let acts = s.legal_actions(who);
                    c.act_with_ids(&acts[(rng.next_u64() % acts.len() as u64) as usize])
                };
                s.apply(&roles[r], &a).unwrap();
                out.push(s.state().clone());
            }
        }
        out
    }

    #[test]
    fn the_exact_encoding_tells_states_apart() {
        let mut states = random_states("tests/fixtures/mini.ron", &["a", "b"], 60);
        states.extend(random_states(
            "scenarios/criminele-uitbuiting-sem.ron",
            &["gemeente", "politie", "zorgcoordinator", "riec"],
            6,
        ));
        assert!(states.len() > 300, "{}", states.len());
        let mut seen: HashMap<Vec<u32>, &State> = HashMap::new();
        let mut distinct = 0;
        for st in &states {
            let words = encode(st, &[1, 0, 2], true);
            match seen.get(&words) {
                Some(other) => assert_eq!(*other, st, "two states, one encoding"),
                None => {
                    distinct += 1;
                    seen.insert(words, st);
                }
            }
        }
        // And different states never share one: as many encodings as states.
        let unique: HashSet<&State> = states.iter().collect();
        assert_eq!(unique.len(), distinct);
        // Without the moments, states of one day-part merge.
        let timeless: HashSet<Vec<u32>> = states.iter().map(|s| encode(s, &[], false)).collect();
        assert!(timeless.len() < distinct);
    }
}
