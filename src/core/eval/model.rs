//! The debrief model: the structured evaluation of one session, as plain
//! serialisable data. The JSON export is this model (schema documented in
//! `docs/report-format.md`); the HTML and CSV exports and the app's debrief
//! screen are views of it.
//!
//! Everything here is derived from (scenario, session log); nothing is
//! typed in. Lists are in a fixed order, so the same log always gives the
//! same bytes.

use serde::Serialize;

/// Name of the JSON schema, so a trainer's tools can recognise the file.
pub const SCHEMA: &str = "ketensim-debrief";
/// Bumped on every incompatible change of the JSON; see the schema doc.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    pub schema: String,
    pub schema_version: u32,
    pub scenario: ScenarioInfo,
    pub session: SessionInfo,
    /// How the case ended; `None` when the session stopped before the end.
    pub outcome: Option<OutcomeInfo>,
    /// Where the expert path (every role played by its script, expert
    /// options) ends with the same seed.
    pub expert_outcome: Option<OutcomeInfo>,
    /// The moments where an action changed the outcome within reach.
    pub turning_points: Vec<TurningPoint>,
    /// One section per played role.
    pub roles: Vec<RoleDebrief>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    /// SHA-256 of the scenario file the session was played on.
    pub hash: String,
    /// The case's full learning goals: shown after play (they name the
    /// answers), never on the card or in a briefing.
    pub learning_goals: Vec<String>,
    /// The label of every day-part of the case, first to last (the
    /// columns of the chain timeline's chart).
    pub day_parts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionInfo {
    pub seed: u64,
    pub trainee: Option<String>,
    /// Role ids played by people.
    pub roles: Vec<String>,
    /// Number of actions in the log.
    pub actions: usize,
    /// Whether the case reached an outcome.
    pub finished: bool,
    /// The clock at the end of the log.
    pub ended_at: Moment,
}

/// A moment on the case clock: the tick (0 = day 1, first day-part) and
/// its Dutch label ("Dag 2, middag").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moment {
    pub tick: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeInfo {
    pub id: String,
    pub title: String,
    pub text: String,
    /// "good", "partial" or "bad".
    pub kind: String,
    pub kind_label: String,
    pub at: Moment,
}

/// A competency's id in the JSON: the six fixed ones in snake case, a
/// scenario's own competency as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyScore {
    pub id: String,
    pub label: String,
    /// Sum of `earned` over this competency's items (may be negative).
    pub earned: i32,
    /// Sum of `possible` over its items: the maximum attainable for this
    /// role in this scenario (with this seed).
    pub max: i32,
    /// `earned / max` in whole percent, clamped to 0..=100; `None` when
    /// the scenario offers this role no points for the competency.
    pub percent: Option<u32>,
}

/// What a score item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A signal the role could see: flagged right or not.
    Signal,
    /// A fact flagged as a signal that is none.
    FalseFlag,
    /// A fact shared unlawfully or more than needed.
    Share,
    /// A scripted decision.
    Decision,
    /// An expectation from the scenario (e.g. what to share with whom).
    Expectation,
}

/// One scored piece of evidence. Every point of every score is one of
/// these; a competency's score is the sum of its items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreItem {
    pub competency: String,
    pub kind: ItemKind,
    /// The id of the fact, decision or expectation.
    pub subject: String,
    pub earned: i32,
    pub possible: i32,
    /// The action (1-based position in the session log) that earned or
    /// lost the points; `None` when points were lost by not acting.
    pub action: Option<usize>,
    pub at: Option<Moment>,
    /// What happened, in Dutch.
    pub text: String,
    /// Why it scores like this, in Dutch.
    pub reason: String,
    /// The rule (law, policy) the judgement rests on.
    pub reference: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalStatus {
    /// Flagged with the right form.
    Flagged,
    /// Flagged, but as another form of exploitation.
    WrongForm,
    /// Seen but not flagged.
    Missed,
    /// Never reached the role in this session (the expert path sees it).
    NotSeen,
}

/// A row of the signal timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalRow {
    pub fact: String,
    pub text: String,
    pub form: String,
    pub weight: u32,
    /// When the role came to know it, and how.
    pub visible_at: Option<Moment>,
    pub visible_via: Option<String>,
    /// When it becomes visible on the expert path (`None`: not there).
    pub expert_visible_at: Option<Moment>,
    pub flagged_at: Option<Moment>,
    pub flagged_form: Option<String>,
    pub flag_action: Option<usize>,
    pub status: SignalStatus,
    /// Whether it counts for the maximum (visible on the expert path).
    pub scored: bool,
}

/// A vulnerability the role held (`vulnerability: true` in the scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VulnerabilityRow {
    pub fact: String,
    pub text: String,
    pub visible_at: Moment,
    /// Whether the role flagged it as a signal (which cost a point).
    pub flagged: bool,
}

/// A fact flagged as a signal that is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalseFlag {
    pub fact: String,
    pub text: String,
    pub form: String,
    pub at: Moment,
    pub action: Option<usize>,
}

/// A row of the sharing matrix: one fact to one recipient.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareRow {
    pub action: Option<usize>,
    pub at: Moment,
    pub to: String,
    pub to_name: String,
    pub fact: String,
    pub fact_text: String,
    pub category: String,
    pub channel: String,
    pub ground: String,
    pub ground_reference: String,
    /// "lawful", "wrong_ground" (lawful, but on another ground than the
    /// one named), "excessive" or "unlawful".
    pub verdict: String,
    pub verdict_label: String,
    pub reason: String,
    pub reference: String,
    /// The sharing rule that judged it; `None` = the scenario's default.
    pub rule: Option<String>,
    /// `wrong_ground`: the name of the ground that covers the disclosure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fitting_ground: Option<String>,
}

/// A fact that reached the role from another role and that it still
/// holds as received: how it came, as the role itself knows it (never the
/// verdict on that share, which is the sender's debrief).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedRow {
    pub fact: String,
    pub text: String,
    pub at: Moment,
    /// The sender: role id and name.
    pub from: String,
    pub from_name: String,
    /// The channel's and the named ground's names.
    pub channel: String,
    pub ground: String,
    /// It came under the consent of the person concerned.
    pub consent: bool,
    /// The line the case screen's dossier showed ("van … via …, op grond
    /// van …").
    pub via: String,
}

/// An expectation of the scenario for this role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectationRow {
    pub id: String,
    pub text: String,
    pub met: bool,
    pub action: Option<usize>,
    pub at: Option<Moment>,
    pub by: Option<Moment>,
    /// Met at or before `by` (`None` when there is no deadline or it was
    /// not met).
    pub in_time: Option<bool>,
    /// Whether it is about sharing (shown with the sharing matrix as
    /// "should have been shared").
    pub sharing: bool,
    /// Judged by the trainer by hand (training day, `manual: true`).
    pub by_trainer: bool,
    pub feedback: String,
    pub reference: String,
    /// Not met and composite (`All`): each part that did not hold, in
    /// Dutch ("Niet gedaan: …", "Wel gedeeld: …"); empty otherwise.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    Decided,
    Expired,
    /// Still open when the log ends.
    Open,
    /// Never opened for the role in this session.
    NotOpened,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionInfo {
    pub id: String,
    pub text: String,
    pub feedback: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRow {
    pub id: String,
    pub prompt: String,
    pub status: DecisionStatus,
    pub chosen: Option<OptionInfo>,
    pub expert: Option<OptionInfo>,
    pub chose_expert: bool,
    pub action: Option<usize>,
    pub at: Option<Moment>,
    /// Whether the expert path meets this decision (it counts for the max).
    pub on_expert_path: bool,
    /// Feedback when the decision expired.
    pub expire_feedback: Option<String>,
}

/// An action after which the outcome within reach changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurningPoint {
    pub action: usize,
    pub at: Moment,
    pub role: String,
    /// The action, in Dutch.
    pub text: String,
    /// Outcome the expert would reach from just before this action.
    pub before: String,
    pub before_title: String,
    /// Outcome the expert would reach from just after it.
    pub after: String,
    pub after_title: String,
    /// "worse", "better" or "different".
    pub direction: String,
    /// What the expert path did first from just before this action.
    pub expert_instead: Option<String>,
}

/// The 30-second summary in plain Dutch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub headline: String,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleDebrief {
    pub role: String,
    pub name: String,
    pub organisation: String,
    pub summary: Summary,
    pub total_earned: i32,
    pub total_max: i32,
    pub scores: Vec<CompetencyScore>,
    pub items: Vec<ScoreItem>,
    pub signals: Vec<SignalRow>,
    /// Vulnerabilities the role held: context that makes a person
    /// susceptible, recognised here but never scored as a signal.
    pub vulnerabilities: Vec<VulnerabilityRow>,
    pub false_flags: Vec<FalseFlag>,
    pub shares: Vec<ShareRow>,
    /// What reached the role from others, in order of arrival.
    pub received: Vec<ReceivedRow>,
    pub expectations: Vec<ExpectationRow>,
    pub decisions: Vec<DecisionRow>,
}

impl RoleDebrief {
    /// Expectations about sharing that were not met: what should have
    /// been shared but was not.
    pub fn missed_shares(&self) -> impl Iterator<Item = &ExpectationRow> {
        self.expectations.iter().filter(|e| e.sharing && !e.met)
    }
}
