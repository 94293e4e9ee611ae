//! The scenario model: the serde types a trainer writes in RON.
//!
//! Field names are English (they are the file format's keywords); every
//! free text a trainee reads is Dutch and lives in the scenario file.
//! `docs/scenario-format.md` is the reference for authors; keep it in step
//! with this file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A complete scenario: one RON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable identifier (lowercase, digits, `_`/`-`); session logs refer to it.
    pub id: String,
    pub title: String,
    /// The author's version label, e.g. "1.0".
    pub version: String,
    pub summary: String,
    /// Forms of exploitation this case is about.
    #[serde(default)]
    pub forms: Vec<Form>,
    #[serde(default)]
    pub learning_goals: Vec<String>,
    /// Expected playing time in minutes.
    pub duration_minutes: u32,
    pub clock: Clock,
    pub roles: Vec<Role>,
    /// The (fictional) people facts are about.
    #[serde(default)]
    pub subjects: Vec<Subject>,
    pub facts: Vec<Fact>,
    /// Distractor pools: some facts are drawn per session from a pool.
    #[serde(default)]
    pub pools: Vec<FactPool>,
    /// Ways information can travel: direct channels, reports, meetings.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Legal grounds a role can invoke when it shares.
    #[serde(default)]
    pub grounds: Vec<Ground>,
    /// How shares are judged: lawful, unlawful or more than needed.
    #[serde(default)]
    pub sharing: SharingPolicy,
    /// Whom a role can consult (anonymously) and what advice they give.
    #[serde(default)]
    pub consults: Vec<Consult>,
    /// Conversations a role can have with a subject.
    #[serde(default)]
    pub talks: Vec<Talk>,
    /// Consent a role can ask of a person (and a parent) in the case; who
    /// gives or refuses it, and when, is decided here.
    #[serde(default)]
    pub consents: Vec<ConsentRequest>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub variables: Vec<Variable>,
    /// What a role is expected to achieve (e.g. what it should share with
    /// whom); scored in the evaluation, listed when missed.
    #[serde(default)]
    pub expectations: Vec<Expectation>,
    /// The whole picture: key combinations of facts that together show
    /// what is going on, and the roles that could act on them. Not
    /// scored; the group debrief shows when a role first held one,
    /// against the expert path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
    pub outcomes: Vec<Outcome>,
    /// Outcome when the clock runs out and no rule ended the case.
    pub default_outcome: String,
    /// Values that look like personal data (a phone number, an IBAN, …)
    /// but are deliberate fictional examples; `check` does not warn on
    /// them.
    #[serde(default)]
    pub privacy_allow: Vec<String>,
}

/// A form of exploitation (art. 273f Sr and EU directive 2024/1712).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Form {
    Sexual,
    Labour,
    Criminal,
    Other,
}

impl Form {
    pub const ALL: [Form; 4] = [Form::Sexual, Form::Labour, Form::Criminal, Form::Other];

    /// Dutch label as a trainee reads it.
    pub fn label(self) -> &'static str {
        match self {
            Form::Sexual => "seksuele uitbuiting",
            Form::Labour => "arbeidsuitbuiting",
            Form::Criminal => "criminele uitbuiting",
            Form::Other => "overige uitbuiting",
        }
    }
}

/// The case clock: a number of days, each split into named day-parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    pub days: u32,
    /// Names of the day-parts, e.g. `["ochtend", "middag", "avond"]`.
    pub parts: Vec<String>,
}

/// A moment on the case clock, written `(day: 2, part: "middag")`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Time {
    pub day: u32,
    pub part: String,
}

/// An organisation (or function within one) taking part in the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    /// Display name, e.g. "Aandachtsfunctionaris mensenhandel".
    pub name: String,
    /// Organisation, e.g. "Gemeente Rivierstad".
    pub organisation: String,
    /// Whether a trainee can play this role.
    #[serde(default)]
    pub playable: bool,
    /// The regime under which this role holds the information it has of
    /// its own (at the start, from injects, talks and effects). What it
    /// receives from others it holds under `Wpg` if it is the police
    /// (`regime: Wpg`) and under the `Avg` otherwise.
    #[serde(default)]
    pub regime: Regime,
    /// What the trainee reads before the case starts.
    #[serde(default)]
    pub briefing: String,
    #[serde(default)]
    pub goals: Vec<String>,
    /// What the role does by itself when no trainee plays it.
    #[serde(default)]
    pub script: Vec<ScriptStep>,
    /// When not played: flag every signal the role knows, with the
    /// signal's form, as soon as it knows it (instead of one `Flag` script
    /// step per signal).
    #[serde(default)]
    pub auto_flag: bool,
}

/// A fictional person that facts are about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Age in years; absent = an adult. With `capable` and the kind of
    /// consent it decides whose consent counts (see `ConsentKind`).
    #[serde(default)]
    pub age: Option<u32>,
    /// Subjects who hold parental authority (gezag) over this one, or an
    /// adult's legal representative (curator, mentor).
    #[serde(default)]
    pub guardians: Vec<String>,
    /// Whether the person can reasonably weigh his interests in the matter
    /// (wilsbekwaam ter zake). Absent = yes. `false`: the guardians decide
    /// in his place, whatever his age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capable: Option<bool>,
}

/// The legal regime under which a role holds (processes) information.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Regime {
    /// Ordinary processing under the AVG (GDPR) and UAVG: gemeente,
    /// school, RIEC and ZVH partners, Veilig Thuis.
    #[default]
    Avg,
    /// Police data held by the police for police tasks: Wet
    /// politiegegevens. A police share is judged on the Wpg, not on AVG
    /// grounds; the recipient then holds it under the AVG.
    Wpg,
    /// Justice data held by the OM: Wet justitiële en strafvorderlijke
    /// gegevens.
    Wjsg,
    /// A care provider's client data held under professional secrecy
    /// (beroepsgeheim): it leaves only with consent, a legal duty, a legal
    /// right to report (meldrecht) or a conflict of duties.
    Beroepsgeheim,
}

impl Regime {
    pub const ALL: [Regime; 4] = [
        Regime::Avg,
        Regime::Wpg,
        Regime::Wjsg,
        Regime::Beroepsgeheim,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Regime::Avg => "AVG",
            Regime::Wpg => "politiegegevens (Wpg)",
            Regime::Wjsg => "justitiële gegevens (Wjsg)",
            Regime::Beroepsgeheim => "beroepsgeheim",
        }
    }
}

/// A data attribute a sharing rule can match on (AVG art. 9 and 10).
/// A fact is `Special` when it says `special: true`, `Criminal` when it
/// says `criminal: true` (it can be both), and `Ordinary` when neither.
///
/// In format 1 a fact had one `category`; it is still read (with a
/// warning, see `ketensim migrate`) and means the same as the attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Neither special-category nor criminal-law data.
    Ordinary,
    /// Special category, e.g. health or data from which health can be
    /// derived (AVG art. 9).
    Special,
    /// Criminal-law data: offences, convictions, suspicions (AVG art. 10).
    Criminal,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Ordinary => "gewoon persoonsgegeven",
            Category::Special => "bijzonder persoonsgegeven",
            Category::Criminal => "strafrechtelijk gegeven",
        }
    }
}

/// An information item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub text: String,
    /// Alternative texts; one is picked per session from the seed.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Format 1: the one data category. Read for old files (with a
    /// warning); write `special`/`criminal` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Special-category data (AVG art. 9), including data from which
    /// health can be derived.
    #[serde(default)]
    pub special: bool,
    /// Criminal-law data (AVG art. 10): an offence, conviction or
    /// suspicion. An observation without one is not.
    #[serde(default)]
    pub criminal: bool,
    /// The regime its first holders hold it under, when it differs from
    /// their role's `regime` (e.g. a care fact the gemeente's wijkteam
    /// holds under beroepsgeheim).
    #[serde(default)]
    pub regime: Option<Regime>,
    /// The subject this fact is about, if any.
    #[serde(default)]
    pub about: Option<String>,
    /// Set when the fact is a signal of exploitation.
    #[serde(default)]
    pub signal: Option<Signal>,
    /// A vulnerability or context that makes a person susceptible (an
    /// LVB, debts, no papers, a closed youth-care trajectory) but does not
    /// itself point at exploitation. Recognised in the debrief, never
    /// scored as a signal; a flag on it costs a point like any non-signal.
    /// A fact is a signal, a vulnerability or neither (noise).
    #[serde(default)]
    pub vulnerability: bool,
    /// Roles that know this fact when the case starts.
    #[serde(default)]
    pub known_by: Vec<String>,
}

impl Fact {
    /// Whether the fact is special-category data (format 1's `category:
    /// Special` counts).
    pub fn is_special(&self) -> bool {
        self.special || self.category == Some(Category::Special)
    }

    /// Whether the fact is criminal-law data (format 1's `category:
    /// Criminal` counts).
    pub fn is_criminal(&self) -> bool {
        self.criminal || self.category == Some(Category::Criminal)
    }
}

/// A fact's meaning as a signal: the form it points to, and its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub form: Form,
    /// 1 = weak, 3 = strong; weights of known signals stack.
    #[serde(default = "default_weight")]
    pub weight: u32,
}

fn default_weight() -> u32 {
    1
}

/// A pool of facts from which `draw` facts are given to `holder` per session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactPool {
    pub id: String,
    pub holder: String,
    pub facts: Vec<String>,
    pub draw: u32,
}

/// How a channel moves information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ChannelKind {
    /// From one role to chosen recipients (phone, secure mail, ...).
    Direct,
    /// A formal report (melding) to one of the listed recipients.
    Report,
    /// A meeting: everything shared reaches every participant.
    Meeting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub kind: ChannelKind,
    /// For `Meeting`: the participants. For `Report`: who can receive a
    /// report. For `Direct`: if not empty, the only possible recipients.
    #[serde(default)]
    pub members: Vec<String>,
    /// The roles that may send through this channel; empty = every role
    /// (for a meeting: every member). A role is offered only the channels
    /// it can use.
    #[serde(default)]
    pub users: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// For `Meeting`: the day-parts in which it sits (scheduled).
    #[serde(default)]
    pub sits: Vec<Time>,
    /// For `Meeting`: who may convene it, and how many day-parts after the
    /// request it sits.
    #[serde(default)]
    pub convene: Option<Convene>,
    /// For `Meeting`: in session at every moment (a standing group chat,
    /// a permanent team). Format 1 meetings without `sits` or `convene`
    /// are read this way, with a warning.
    #[serde(default)]
    pub always: bool,
}

/// Who may ask for a meeting to be held, and its lead time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Convene {
    /// Roles that may convene it; empty = every member.
    #[serde(default)]
    pub by: Vec<String>,
    /// Day-parts from the request to the sitting (0 = the same day-part).
    #[serde(default = "default_lead")]
    pub lead: u32,
}

fn default_lead() -> u32 {
    1
}

/// A legal ground a role can invoke.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ground {
    pub id: String,
    pub name: String,
    /// The rule it rests on, e.g. "AVG art. 6 lid 1 sub e".
    #[serde(default)]
    pub reference: String,
    /// This ground is consent: a share on it is judged against the consent
    /// actually obtained in the case (see `consents`). Without valid
    /// consent for the fact, the recipient and the sharing role the share
    /// is unlawful, whatever the sharing rules say.
    #[serde(default)]
    pub consent: bool,
}

/// The judgement of one fact in one share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Lawful,
    Unlawful,
    /// Lawful ground, but more than the recipient needs.
    Excessive,
    /// The disclosure is lawful, but on another ground than the one the
    /// sender named (a recording fault, AVG art. 5(2)). Never written in a
    /// sharing rule: the engine finds it when the named ground makes a
    /// share unlawful and another ground the sender can name makes it
    /// lawful. In conditions `Lawful` matches it too.
    WrongGround,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Lawful => "rechtmatig",
            Verdict::Unlawful => "onrechtmatig",
            Verdict::Excessive => "meer dan nodig",
            Verdict::WrongGround => "rechtmatig, verkeerde grondslag",
        }
    }

    /// How bad a verdict is: lawful 0, the wrong ground 1, more than
    /// needed 2, unlawful 3.
    pub fn severity(self) -> u8 {
        match self {
            Verdict::Lawful => 0,
            Verdict::WrongGround => 1,
            Verdict::Excessive => 2,
            Verdict::Unlawful => 3,
        }
    }

    /// The stable id used in reports: "lawful", "wrong_ground",
    /// "excessive", "unlawful".
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Lawful => "lawful",
            Verdict::WrongGround => "wrong_ground",
            Verdict::Excessive => "excessive",
            Verdict::Unlawful => "unlawful",
        }
    }

    /// Whether the disclosure itself is lawful (`Lawful` or
    /// `WrongGround`).
    pub fn is_lawful(self) -> bool {
        matches!(self, Verdict::Lawful | Verdict::WrongGround)
    }

    /// Whether a condition asking for `want` matches this verdict: `Lawful`
    /// matches a lawful disclosure with the wrong ground label as well.
    pub fn satisfies(self, want: Verdict) -> bool {
        self == want || (want == Verdict::Lawful && self == Verdict::WrongGround)
    }
}

/// Rules that judge every shared fact. The first rule that matches wins;
/// an empty list in a rule matches anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharingPolicy {
    #[serde(default = "default_judgement")]
    pub default: Judgement,
    #[serde(default)]
    pub rules: Vec<ShareRule>,
    /// Routes the author knows are judged better outside a meeting than in
    /// it, with the reason (`check --deep` reports every other side door).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub side_doors: Vec<SideDoor>,
}

impl Default for SharingPolicy {
    fn default() -> Self {
        SharingPolicy {
            default: default_judgement(),
            rules: Vec::new(),
            side_doors: Vec::new(),
        }
    }
}

/// A difference between a meeting and another route that the author
/// accepts: the same fact from the same sender to the same recipient on the
/// same ground is judged better through one of `channels` than in the
/// meeting where both sit. Empty lists match anything; `reason` says why
/// the routes differ (e.g. an acute call to the police has another purpose
/// than the RIEC-casusoverleg).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideDoor {
    #[serde(default)]
    pub facts: Vec<String>,
    #[serde(default)]
    pub from: Vec<String>,
    #[serde(default)]
    pub to: Vec<String>,
    /// The routes outside the meeting (direct channels, reports).
    #[serde(default)]
    pub channels: Vec<String>,
    pub reason: String,
}

fn default_judgement() -> Judgement {
    Judgement {
        verdict: Verdict::Unlawful,
        reason: "Voor deze verstrekking is geen grondslag die past bij doel en ontvanger."
            .to_string(),
        reference: "AVG art. 5 en 6".to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reason: String,
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareRule {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub facts: Vec<String>,
    /// Matches facts with any of these attributes (`Ordinary` = neither
    /// special nor criminal).
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Matches when the sender holds the fact under one of these regimes.
    #[serde(default)]
    pub regimes: Vec<Regime>,
    /// `true`: only shares within one organisation (same `organisation`
    /// of sender and recipient); `false`: only between organisations.
    #[serde(default)]
    pub within: Option<bool>,
    /// `true`: only when valid consent (of any kind) covers this fact to
    /// this recipient through this channel from this sender; `false`: only
    /// when it does not.
    #[serde(default)]
    pub consent: Option<bool>,
    /// `true`: only when the sender has the fact of its own (at the start,
    /// from an inject, a talk or an effect); `false`: only when it received
    /// it from a partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own: Option<bool>,
    /// Only when the sender received the fact from a partner in a way that
    /// matches (purpose binding: what came in a casusoverleg stays bound
    /// to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    #[serde(default)]
    pub from: Vec<String>,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub channels: Vec<String>,
    #[serde(default)]
    pub grounds: Vec<String>,
    /// The rule only applies while this holds (e.g. consent was given).
    #[serde(default)]
    pub when: Option<Condition>,
    pub verdict: Verdict,
    pub reason: String,
    #[serde(default)]
    pub reference: String,
}

/// How a sender received a fact, for a sharing rule (`received`). Empty
/// lists match anything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    /// Who shared it with the sender.
    #[serde(default)]
    pub from: Vec<String>,
    /// Through which channel (e.g. a casusoverleg).
    #[serde(default)]
    pub channels: Vec<String>,
    /// On which ground.
    #[serde(default)]
    pub grounds: Vec<String>,
    /// `true`: it came under a consent (see `ConsentRequest`); `false`: it
    /// did not.
    #[serde(default)]
    pub consent: Option<bool>,
}

/// Someone a role can consult without sharing identifying data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consult {
    pub id: String,
    pub name: String,
    /// Roles that can consult; empty = every role.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Conditional advice; the first whose condition holds is given.
    #[serde(default)]
    pub advice: Vec<Advice>,
    pub default_advice: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub when: Condition,
    pub text: String,
}

/// A conversation a role can have with a subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Talk {
    pub id: String,
    pub role: String,
    pub subject: String,
    /// When the conversation is possible; absent = always.
    #[serde(default)]
    pub when: Option<Condition>,
    pub text: String,
    #[serde(default)]
    pub reveals: Vec<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// Which consent a request asks for. The two have different age rules
/// (domain.md, "Two different consents").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConsentKind {
    /// Consent to lift beroepsgeheim (disclosure to third parties): under
    /// 12 the guardians decide; from 12 the person himself when he is
    /// `capable` (else the guardians). BW 7:457 with 7:465; Jeugdwet 7.3.11
    /// with 7.3.15.
    Secrecy,
    /// AVG consent as the processing ground (the `consent: true` ground):
    /// under 16 the legal representative (UAVG art. 5); from 16 the person
    /// when `capable` (else the representative).
    Processing,
    /// Both at once (e.g. a care provider's registration with CoMensha):
    /// everyone whose answer decides either consent must give it.
    /// Scenario format 2 requests without a `kind` are read as `Both`,
    /// which is the old rule (12 to 15: the child and the guardians).
    Both,
}

impl ConsentKind {
    /// Whether a valid consent of this kind lifts beroepsgeheim.
    pub fn lifts_secrecy(self) -> bool {
        matches!(self, ConsentKind::Secrecy | ConsentKind::Both)
    }

    /// Whether a valid consent of this kind is an AVG processing ground.
    pub fn is_processing(self) -> bool {
        matches!(self, ConsentKind::Processing | ConsentKind::Both)
    }

    pub fn label(self) -> &'static str {
        match self {
            ConsentKind::Secrecy => "toestemming om het beroepsgeheim te doorbreken",
            ConsentKind::Processing => "toestemming als grondslag (AVG)",
            ConsentKind::Both => {
                "toestemming om het beroepsgeheim te doorbreken en als grondslag (AVG)"
            }
        }
    }
}

/// A request for consent that a role can make in the case (the action
/// `AskConsent`, or an effect): to share `facts` about `subject` with `to`
/// through `channels`. Whose answer decides follows from the kind, the
/// subject's age and capacity (see `ConsentKind`); everyone with an
/// answer is asked (a parent too, as good practice) and answers with the
/// first of their `answers` whose `when` holds at the moment of asking
/// (a person whose answer decides and has none fitting: a refusal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    pub id: String,
    /// The role that asks (and may then share on a consent ground).
    pub role: String,
    /// Whose data it is.
    pub subject: String,
    /// Which consent it asks for. Absent (format 2): read as `Both`, with
    /// a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ConsentKind>,
    /// What is asked, as the trainee reads it.
    pub text: String,
    /// The facts the consent covers; empty = every fact about the subject
    /// that the role has of its own (not allowed when any of them is held
    /// under beroepsgeheim: a consent covers what was asked).
    #[serde(default)]
    pub facts: Vec<String>,
    /// The recipients it covers; empty = any recipient.
    #[serde(default)]
    pub to: Vec<String>,
    /// The routes (purpose) it covers, e.g. only the ZVH-casusoverleg;
    /// empty = any channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// When it can be asked; absent = always.
    #[serde(default)]
    pub when: Option<Condition>,
    /// After a refusal it can be asked again while this holds (something
    /// changed: a talk, time passing); absent = never again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub again: Option<Condition>,
    pub answers: Vec<ConsentAnswer>,
}

/// How one person answers a consent request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentAnswer {
    /// The subject who answers (the person or a guardian). An answer of
    /// someone whose answer does not decide is heard, not counted.
    pub person: String,
    /// Whether this answer gives consent.
    pub gives: bool,
    /// This answer is given when the condition holds at the moment of
    /// asking; absent = always.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Day-parts until the answer comes (0 = at once).
    #[serde(default)]
    pub after: u32,
    /// What the person says, as the asking role hears it.
    pub text: String,
}

/// A consent request's answer, as a condition reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConsentStatus {
    /// Asked, whatever the answer.
    Asked,
    /// Everyone whose consent is needed has given it (and the answers
    /// have come).
    Given,
    /// Someone whose consent is needed has refused (and said so).
    Refused,
}

/// What kind of message an inject is (for display).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InjectKind {
    Message,
    Call,
    Mail,
    Report,
    Meeting,
    Document,
    Observation,
}

impl InjectKind {
    pub fn label(self) -> &'static str {
        match self {
            InjectKind::Message => "Bericht",
            InjectKind::Call => "Telefoontje",
            InjectKind::Mail => "E-mail",
            InjectKind::Report => "Melding",
            InjectKind::Meeting => "Overleg",
            InjectKind::Document => "Document",
            InjectKind::Observation => "Waarneming",
        }
    }
}

/// Something that happens to a role: a message, call, report, meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub to: String,
    #[serde(default = "default_inject_kind")]
    pub kind: InjectKind,
    /// Sender as displayed, e.g. "Mentor, Het Baken College".
    #[serde(default)]
    pub from: String,
    pub title: String,
    pub text: String,
    /// Deliver at this time (earliest; see `jitter`).
    #[serde(default)]
    pub at: Option<Time>,
    /// Deliver as soon as this condition holds (and `at` has passed).
    #[serde(default)]
    pub when: Option<Condition>,
    /// Seeded variation: delay by 0..=jitter day-parts.
    #[serde(default)]
    pub jitter: u32,
    #[serde(default)]
    pub reveals: Vec<String>,
    #[serde(default)]
    pub opens: Vec<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Offered to the trainer on a training day: never delivered by time or
    /// condition, only when the trainer releases it (not before `at`, and
    /// only while `when` holds, if given). Without a trainer it does not
    /// happen; the expert path and the scores do not count on it.
    #[serde(default)]
    pub optional: bool,
    /// For the trainer: when and why to release it.
    #[serde(default)]
    pub trainer_note: String,
}

fn default_inject_kind() -> InjectKind {
    InjectKind::Message
}

/// A competency the evaluation scores.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Competency {
    Signalering,
    RechtmatigDelen,
    Proportionaliteit,
    Samenwerking,
    Tijdigheid,
    Slachtoffergerichtheid,
    /// A scenario's own competency.
    Custom(String),
}

impl Competency {
    pub fn label(&self) -> &str {
        match self {
            Competency::Signalering => "Signalering",
            Competency::RechtmatigDelen => "Rechtmatig delen",
            Competency::Proportionaliteit => "Proportionaliteit",
            Competency::Samenwerking => "Samenwerking",
            Competency::Tijdigheid => "Tijdigheid",
            Competency::Slachtoffergerichtheid => "Slachtoffergerichtheid",
            Competency::Custom(name) => name,
        }
    }
}

/// A scripted decision for one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub role: String,
    pub prompt: String,
    /// Absolute deadline: the decision expires when the clock passes it.
    #[serde(default)]
    pub deadline: Option<Time>,
    /// Relative deadline: expires after this many day-parts once open.
    #[serde(default)]
    pub within: Option<u32>,
    pub options: Vec<DecisionOption>,
    /// The option an unplayed role takes; default: the expert option.
    #[serde(default)]
    pub scripted: Option<String>,
    /// What happens when the deadline passes without a choice.
    #[serde(default)]
    pub on_expire: Vec<Effect>,
    #[serde(default)]
    pub expire_feedback: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    pub id: String,
    pub text: String,
    /// The option an expert would choose.
    #[serde(default)]
    pub expert: bool,
    pub feedback: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub points: BTreeMap<Competency, i32>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Branching: the decision that opens next for the same role.
    #[serde(default)]
    pub next: Option<String>,
}

/// Something a role should achieve in the case, scored in the debrief.
///
/// It is met when `achieve` holds at the end of the session; the points
/// count for the action after which it last became true. The
/// `Tijdigheid` points only count when that was at or before `by`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub id: String,
    pub role: String,
    /// What the role should do, as the trainee reads it in the debrief.
    pub text: String,
    pub achieve: Condition,
    /// Deadline for the `Tijdigheid` points.
    #[serde(default)]
    pub by: Option<Time>,
    pub points: BTreeMap<Competency, i32>,
    /// Why it matters; shown when the expectation was not met.
    pub feedback: String,
    #[serde(default)]
    pub reference: String,
    /// The trainer may judge it by hand on a training day (their mark
    /// overrides `achieve`), e.g. for how a conversation went.
    #[serde(default)]
    pub manual: bool,
}

/// The whole picture (`pictures`): a key combination of facts. It is held
/// when one role in `roles` knows at least `at_least` of `facts` (all of
/// them when `at_least` is left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    pub id: String,
    /// What the picture is, as the trainer reads it in the debrief.
    pub title: String,
    /// Optional: why it matters, for the casuïstiekbespreking.
    #[serde(default)]
    pub text: String,
    pub facts: Vec<String>,
    /// How many of `facts` one role must hold; default: all.
    #[serde(default)]
    pub at_least: Option<u32>,
    /// The roles that could act on the picture.
    pub roles: Vec<String>,
}

/// `when <condition> then <effects>`; a rule fires at most once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    #[serde(default)]
    pub description: String,
    pub when: Condition,
    pub then: Vec<Effect>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub id: String,
    #[serde(default)]
    pub initial: i64,
    #[serde(default)]
    pub description: String,
}

/// How a case ended, as the debrief names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutcomeKind {
    Good,
    Partial,
    Bad,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub title: String,
    pub text: String,
    pub kind: OutcomeKind,
}

/// Comparison for variable conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cmp {
    AtLeast,
    AtMost,
    Equals,
}

impl Cmp {
    pub fn holds(self, left: i64, right: i64) -> bool {
        match self {
            Cmp::AtLeast => left >= right,
            Cmp::AtMost => left <= right,
            Cmp::Equals => left == right,
        }
    }
}

/// A condition over the case state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    Always,
    /// `role` knows `fact`.
    Knows {
        role: String,
        fact: String,
    },
    /// `fact` has been flagged as a signal (by `by`, or by anyone; as
    /// `form`, or as any form).
    Flagged {
        fact: String,
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        form: Option<Form>,
    },
    /// `fact` has reached `to` (through `channel`, if given; judged
    /// `verdict`, if given).
    Shared {
        fact: String,
        to: String,
        #[serde(default)]
        channel: Option<String>,
        #[serde(default)]
        verdict: Option<Verdict>,
        /// Only shares by this role count.
        #[serde(default)]
        from: Option<String>,
    },
    /// Someone shared anything through `channel` (e.g. a report was made).
    ChannelUsed {
        channel: String,
        #[serde(default)]
        by: Option<String>,
    },
    /// `decision` was taken (with `option`, if given).
    Decided {
        decision: String,
        #[serde(default)]
        option: Option<String>,
    },
    /// `decision` expired without a choice.
    Expired {
        decision: String,
    },
    /// `inject` has been delivered.
    Delivered {
        inject: String,
    },
    Consulted {
        role: String,
        consult: String,
    },
    Talked {
        talk: String,
    },
    /// The clock is at or past this moment.
    After {
        day: u32,
        part: String,
    },
    /// The clock is before this moment.
    Before {
        day: u32,
        part: String,
    },
    Var {
        name: String,
        cmp: Cmp,
        value: i64,
    },
    /// The signals of `form` that `role` knows weigh at least `at_least`.
    SignalWeight {
        role: String,
        form: Form,
        at_least: u32,
    },
    /// Consent request `request` stands as `status`.
    Consent {
        request: String,
        status: ConsentStatus,
    },
    /// Some share was judged with one of `verdicts` (default: unlawful or
    /// excessive), by `by`, of `fact`, to `to` (each if given). Lets an
    /// outcome refuse to reward a result reached unlawfully.
    Breach {
        #[serde(default)]
        by: Option<String>,
        #[serde(default)]
        fact: Option<String>,
        #[serde(default)]
        to: Option<String>,
        #[serde(default = "default_breach")]
        verdicts: Vec<Verdict>,
    },
    /// The meeting `channel` is in session now.
    InSession {
        channel: String,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

fn default_breach() -> Vec<Verdict> {
    vec![Verdict::Unlawful, Verdict::Excessive]
}

/// An effect of an inject, rule, option, talk or expiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// `role` learns `fact`.
    Reveal {
        fact: String,
        to: String,
    },
    /// Deliver `inject` after `after` day-parts (0 = now).
    Schedule {
        inject: String,
        #[serde(default)]
        after: u32,
    },
    /// Open `decision` for its role.
    Open {
        decision: String,
    },
    Set {
        var: String,
        value: i64,
    },
    Add {
        var: String,
        value: i64,
    },
    /// End the case with `outcome`.
    End {
        outcome: String,
    },
    /// The request's role asks for consent `request` now (as the action
    /// `AskConsent`; nothing happens if it was asked before).
    AskConsent {
        request: String,
    },
    /// Meeting `channel` sits `after` day-parts from now.
    Convene {
        channel: String,
        #[serde(default)]
        after: u32,
    },
    /// The talk's role holds the conversation now (as the action `Talk`;
    /// nothing happens if it was held before), e.g. for a decision option
    /// that says "first talk with him alone".
    Talk {
        talk: String,
    },
}

/// A generic action, as a script step or a trainee performs it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Act {
    /// Mark a known fact as a signal of `form`.
    Flag { fact: String, form: Form },
    /// Share known facts through `channel` on `ground`. For a meeting
    /// channel `to` may be empty: every participant receives them.
    Share {
        facts: Vec<String>,
        #[serde(default)]
        to: Vec<String>,
        channel: String,
        ground: String,
    },
    /// Consult (anonymously) a colleague, expert or advice line.
    Consult { with: String },
    /// Hold a conversation (`talk` id).
    Talk { talk: String },
    /// Take option `option` of open decision `decision`.
    Decide { decision: String, option: String },
    /// Ask consent `request` (the role must be the request's role).
    AskConsent { request: String },
    /// Ask for meeting `channel` to be held (after its lead time).
    Convene { channel: String },
    /// End the turn: the clock moves on one day-part.
    Advance,
}

/// What an unplayed role does when `when` holds (once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptStep {
    pub when: Condition,
    #[serde(rename = "do")]
    pub act: Act,
}
