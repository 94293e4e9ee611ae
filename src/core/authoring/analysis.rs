//! `analyze` while writing: run in a background thread when the author
//! pauses, one playable role after the other, with the progress (roles
//! done) and a way to stop it; the result as Dutch lines for the editor:
//! the outcomes each role can reach, what no playthrough reached, the
//! expert path and the stretches where the trainee can only click on.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::core::analyze::{Analysis, Options, analyze_roles};
use crate::core::scenario::Compiled;

/// An analysis running in the background.
#[derive(Debug)]
pub struct Job {
    done: Arc<AtomicUsize>,
    total: usize,
    cancel: Arc<AtomicBool>,
    result: Slot,
    thread: JoinHandle<()>,
}

type Slot = Arc<Mutex<Option<Result<Vec<String>, String>>>>;

fn put(slot: &Slot, r: Result<Vec<String>, String>) {
    match slot.lock() {
        Ok(mut g) => *g = Some(r),
        Err(p) => *p.into_inner() = Some(r),
    }
}

fn take(slot: &Slot) -> Option<Result<Vec<String>, String>> {
    match slot.lock() {
        Ok(mut g) => g.take(),
        Err(p) => p.into_inner().take(),
    }
}

/// What a poll found.
#[derive(Debug, Clone, PartialEq)]
pub enum Poll {
    /// Still running: the share of the roles done.
    Running(f32),
    Done(Result<Vec<String>, String>),
    Cancelled,
}

impl Job {
    /// Starts analysing `c` (the playable roles one by one) with `opts`.
    pub fn start(c: Arc<Compiled>, opts: Options) -> Job {
        let roles: Vec<String> = c
            .scenario
            .roles
            .iter()
            .filter(|r| r.playable)
            .map(|r| r.id.clone())
            .collect();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let result: Slot = Arc::new(Mutex::new(None));
        let total = roles.len();
        let (d, k, tx) = (done.clone(), cancel.clone(), result.clone());
        let thread = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for r in &roles {
                if k.load(Ordering::Relaxed) {
                    return;
                }
                match analyze_roles(&c, std::slice::from_ref(r), &opts) {
                    Ok(a) => lines.extend(describe(&c, &a)),
                    Err(e) => {
                        put(&tx, Err(e.to_string()));
                        return;
                    }
                }
                d.fetch_add(1, Ordering::Relaxed);
            }
            put(&tx, Ok(lines));
        });
        Job {
            done,
            total,
            cancel,
            result,
            thread,
        }
    }

    /// Stops it after the role it is on (the result is dropped).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// How it stands.
    pub fn poll(&self) -> Poll {
        if self.cancel.load(Ordering::Relaxed) {
            return Poll::Cancelled;
        }
        // Finished first, then the slot: a result put just before the
        // end is not missed.
        let finished = self.thread.is_finished();
        match take(&self.result) {
            Some(r) => Poll::Done(r),
            None if finished => Poll::Done(Err("de analyse stopte onverwacht".to_string())),
            None => {
                Poll::Running(self.done.load(Ordering::Relaxed) as f32 / self.total.max(1) as f32)
            }
        }
    }
}

/// The analysis of one role in Dutch lines.
fn describe(c: &Compiled, a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    for e in &a.explorations {
        let who = e
            .roles
            .iter()
            .map(|r| {
                c.scenario
                    .roles
                    .iter()
                    .find(|x| x.id == *r)
                    .map_or(r.clone(), |x| x.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ");
        let how = match e.mode {
            crate::core::analyze::Mode::Exhaustive => "alle wegen",
            crate::core::analyze::Mode::Sampled => "steekproef",
        };
        let reached: Vec<String> = e
            .outcomes
            .iter()
            .filter(|o| o.paths > 0)
            .map(|o| {
                let kind = match o.kind.as_str() {
                    "good" => "goed",
                    "partial" => "deels",
                    "bad" => "slecht",
                    other => other,
                };
                format!("{} ({kind})", o.title)
            })
            .collect();
        out.push(format!(
            "{who} ({how}, {} toestanden): bereikbare uitkomsten: {}.",
            e.states,
            if reached.is_empty() {
                "geen".to_string()
            } else {
                reached.join("; ")
            }
        ));
        let missed: Vec<&str> = e
            .outcomes
            .iter()
            .filter(|o| o.paths == 0)
            .map(|o| o.title.as_str())
            .collect();
        if !missed.is_empty() {
            out.push(format!("  Niet bereikt: {}.", missed.join("; ")));
        }
        match &e.expert_path {
            Some(p) => out.push(format!(
                "  Deskundig pad: {} zetten, eindigt {} in '{}'.",
                p.moves.len(),
                p.ended_at,
                p.outcome
            )),
            None => out.push("  Geen deskundig pad gevonden.".to_string()),
        }
        for d in &e.dead_ends {
            out.push(format!(
                "  Stil vanaf {}: {} dagdelen alleen doorklikken, tot '{}'.",
                d.from, d.idle_parts, d.outcome
            ));
        }
        let never: Vec<&String> = e
            .coverage
            .decisions
            .missed
            .iter()
            .chain(&e.coverage.injects.missed)
            .collect();
        if !never.is_empty() {
            out.push(format!(
                "  Nooit bereikt: {}.",
                never
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    out
}
