//! Conditions in plain Dutch, for the debrief: which part of a composite
//! expectation was not met.
//!
//! An expectation whose `achieve` is `All([...])` (possibly nested) and is
//! not met lists each part that does not hold: a positive part as
//! "Niet gedaan: …", a `Not(...)` part that failed as "Wel gedeeld: …" (or
//! "Wel gebeurd: …"). Facts appear by a short quote of their text as drawn
//! for the session.

use crate::core::engine::State;
use crate::core::scenario::compiled::{CCond, Compiled, Ix};
use crate::core::scenario::model::{Cmp, ConsentStatus};

/// How long a quoted fact text may be before it is cut.
const SHORT: usize = 60;

/// Describes conditions of one scenario; `fact_text` gives a fact's text
/// as drawn for the session.
pub struct Describer<'a> {
    pub c: &'a Compiled,
    pub fact_text: &'a dyn Fn(Ix) -> String,
}

impl Describer<'_> {
    /// The parts of `cond` that do not hold in `st`, when `cond` is a
    /// composite (`All`); empty when it holds or is a single condition (the
    /// expectation's own text says it then).
    pub fn missing(&self, st: &State, cond: &CCond) -> Vec<String> {
        let mut out = Vec::new();
        if let CCond::All(parts) = cond
            && !st.holds(cond)
        {
            self.collect(st, parts, &mut out);
        }
        out
    }

    fn collect(&self, st: &State, parts: &[CCond], out: &mut Vec<String>) {
        for p in parts {
            if st.holds(p) {
                continue;
            }
            match p {
                CCond::All(inner) => self.collect(st, inner, out),
                CCond::Not(x) => out.push(self.happened(st, x)),
                CCond::Before(t) => out.push(format!(
                    "Niet op tijd: dit moest vóór {}",
                    self.c.time_label(*t)
                )),
                CCond::After(t) => out.push(format!(
                    "Nog niet zo ver: dit kan pas vanaf {}",
                    self.c.time_label(*t)
                )),
                _ => out.push(format!("Niet gedaan: {}", self.what(st, p))),
            }
        }
    }

    /// A part that should not have happened but did.
    fn happened(&self, st: &State, x: &CCond) -> String {
        match x {
            CCond::Shared(fact, to, channel, verdict, from) => format!(
                "Wel gedeeld: {}",
                self.shared(*fact, *to, *channel, *verdict, *from)
            ),
            other => format!("Wel gebeurd: {}", self.what(st, other)),
        }
    }

    fn fact(&self, f: Ix) -> String {
        let text = (self.fact_text)(f);
        let mut out: String = text.chars().take(SHORT).collect();
        if text.chars().count() > SHORT {
            out.push('…');
        }
        format!("\u{201c}{out}\u{201d}")
    }

    fn role(&self, r: Ix) -> &str {
        self.c.role_name(r)
    }

    fn channel(&self, ch: Ix) -> &str {
        self.c
            .scenario
            .channels
            .get(ch)
            .map_or("?", |x| x.name.as_str())
    }

    fn shared(
        &self,
        fact: Ix,
        to: Ix,
        channel: Option<Ix>,
        verdict: Option<crate::core::scenario::model::Verdict>,
        from: Option<Ix>,
    ) -> String {
        let mut s = format!("{} gedeeld met {}", self.fact(fact), self.role(to));
        if let Some(f) = from {
            s.push_str(&format!(" door {}", self.role(f)));
        }
        if let Some(ch) = channel {
            s.push_str(&format!(" via {}", self.channel(ch)));
        }
        if let Some(v) = verdict {
            s.push_str(&format!(" ({})", v.label()));
        }
        s
    }

    /// A condition as a positive Dutch phrase.
    pub fn what(&self, st: &State, cond: &CCond) -> String {
        let s = &self.c.scenario;
        match cond {
            CCond::Always => "altijd".to_string(),
            CCond::Knows(role, fact) => format!("{} weet {}", self.role(*role), self.fact(*fact)),
            CCond::Flagged(fact, by, form) => {
                let mut out = format!("{} gemarkeerd als signaal", self.fact(*fact));
                if let Some(form) = form {
                    out.push_str(&format!(" van {}", form.label()));
                }
                if let Some(by) = by {
                    out.push_str(&format!(" door {}", self.role(*by)));
                }
                out
            }
            CCond::Shared(fact, to, channel, verdict, from) => {
                let mut out = self.shared(*fact, *to, *channel, *verdict, *from);
                // Shared, but not with the verdict asked for: say how it
                // was judged.
                if verdict.is_some()
                    && let Some(got) = st.shares.iter().find(|x| {
                        x.fact == *fact
                            && x.to == *to
                            && from.is_none_or(|f| f == x.from)
                            && channel.is_none_or(|c| c == x.channel)
                    })
                {
                    out.push_str(&format!(" — wel gedeeld, maar {}", got.verdict.label()));
                }
                out
            }
            CCond::ChannelUsed(ch, by) => match by {
                Some(r) => format!("{} gebruikt door {}", self.channel(*ch), self.role(*r)),
                None => format!("{} gebruikt", self.channel(*ch)),
            },
            CCond::Decided(d, option) => {
                let Some(dec) = s.decisions.get(*d) else {
                    return "een beslissing genomen".to_string();
                };
                match option.and_then(|o| dec.options.get(o)) {
                    Some(o) => format!("bij \u{201c}{}\u{201d} gekozen: {}", dec.prompt, o.text),
                    None => format!("beslissing \u{201c}{}\u{201d} genomen", dec.prompt),
                }
            }
            CCond::Expired(d) => format!(
                "beslissing \u{201c}{}\u{201d} verlopen",
                s.decisions.get(*d).map_or("?", |x| x.prompt.as_str())
            ),
            CCond::Delivered(i) => format!(
                "bericht \u{201c}{}\u{201d} binnengekomen",
                s.injects.get(*i).map_or("?", |x| x.title.as_str())
            ),
            CCond::Consulted(role, k) => format!(
                "{} vroeg advies aan {}",
                self.role(*role),
                s.consults.get(*k).map_or("?", |x| x.name.as_str())
            ),
            CCond::Talked(t) => {
                let who = s
                    .talks
                    .get(*t)
                    .and_then(|t| s.subjects.iter().find(|x| x.id == t.subject))
                    .map_or("de betrokkene", |x| x.name.as_str());
                format!("gesprek met {who} gevoerd")
            }
            CCond::After(t) => format!("vanaf {}", self.c.time_label(*t)),
            CCond::Before(t) => format!("vóór {}", self.c.time_label(*t)),
            CCond::Var(v, cmp, x) => {
                let name = s
                    .variables
                    .get(*v)
                    .map(|x| {
                        if x.description.is_empty() {
                            x.id.as_str()
                        } else {
                            x.description.as_str()
                        }
                    })
                    .unwrap_or("?");
                let op = match cmp {
                    Cmp::AtLeast => "ten minste",
                    Cmp::AtMost => "ten hoogste",
                    Cmp::Equals => "gelijk aan",
                };
                format!("{name} {op} {x}")
            }
            CCond::SignalWeight(role, form, n) => format!(
                "{} ziet genoeg signalen van {} (gewicht {n})",
                self.role(*role),
                form.label()
            ),
            CCond::Consent(req, status) => {
                let text = s.consents.get(*req).map_or("?", |x| x.text.as_str());
                let how = match status {
                    ConsentStatus::Asked => "gevraagd",
                    ConsentStatus::Given => "gegeven",
                    ConsentStatus::Refused => "geweigerd",
                };
                format!("toestemming {how}: \u{201c}{text}\u{201d}")
            }
            CCond::Breach(by, fact, to, verdicts) => {
                let what = fact.map_or_else(|| "een gegeven".to_string(), |f| self.fact(f));
                let how: Vec<&str> = verdicts.iter().map(|v| v.label()).collect();
                let mut out = format!("{what} gedeeld ({})", how.join(" of "));
                if let Some(b) = by {
                    out.push_str(&format!(" door {}", self.role(*b)));
                }
                if let Some(t) = to {
                    out.push_str(&format!(" met {}", self.role(*t)));
                }
                out
            }
            CCond::InSession(ch) => format!("{} in zitting", self.channel(*ch)),
            CCond::All(cs) => cs
                .iter()
                .map(|x| self.what(st, x))
                .collect::<Vec<_>>()
                .join(" en "),
            CCond::Any(cs) => format!(
                "één van: {}",
                cs.iter()
                    .map(|x| self.what(st, x))
                    .collect::<Vec<_>>()
                    .join("; of ")
            ),
            CCond::Not(x) => format!("niet: {}", self.what(st, x)),
        }
    }
}

/// The unmet parts of `cond` for a debrief (see [`Describer::missing`]).
pub fn missing_parts(
    c: &Compiled,
    fact_text: &dyn Fn(Ix) -> String,
    st: &State,
    cond: &CCond,
) -> Vec<String> {
    Describer { c, fact_text }.missing(st, cond)
}
