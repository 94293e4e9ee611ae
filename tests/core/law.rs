//! The law as tests (issue 10, part 3; issue 16): one test per row of the
//! "Example scoring rules" table in `domain.md` (14 rows, in the table's
//! order), played on `tests/fixtures/law.ron`, plus the constructs those
//! rows rest on (meetings that sit at a time, sharing within one
//! organisation, conditions over lawfulness, a consent asked again, an
//! option that holds a talk, a received fact that becomes one's own).
//!
//! Rows about a share assert the verdict the engine gives and why: the rule
//! of the fixture's policy that decided, the engine gate (beroepsgeheim, the
//! scope of a consent) or, for a lawful disclosure on the wrong ground, the
//! ground that fits — so that a verdict reached for the wrong reason fails
//! too. Rows about a decision assert what the evaluation makes of the wrong
//! and the right choice.

use std::path::Path;
use std::sync::Arc;

use ketensim::core::engine::law::{ConsentCheck, Gate};
use ketensim::core::engine::state::{ConsentRecord, Origin};
use ketensim::core::engine::{ActionError, DecisionState, Event, Session, Timed};
use ketensim::core::eval::{Debrief, DecisionRow, ItemKind, ScoreItem, ShareRow, evaluate};
use ketensim::core::scenario::Compiled;
use ketensim::core::scenario::load_file;
use ketensim::core::scenario::model::{Act, Form, Regime, Verdict};

use crate::common::share;

const FIXTURE: &str = "tests/fixtures/law.ron";

fn law() -> Arc<Compiled> {
    let loaded = load_file(Path::new(FIXTURE)).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        loaded.warnings.is_empty(),
        "the fixture loads without warnings: {:#?}",
        loaded.warnings
    );
    Arc::new(loaded.compiled)
}

/// One fact reaching one recipient in a share, as the engine judged it,
/// with every index turned into the fixture's id.
#[derive(Debug, Clone)]
struct Judged {
    from: String,
    to: String,
    fact: String,
    verdict: Verdict,
    /// The id of the sharing rule that judged it (`None`: no rule, e.g.
    /// the policy default, the engine's consent judgement or a gate).
    rule: Option<String>,
    /// Set when the engine judged on consent itself.
    consent: Option<ConsentCheck>,
    /// Set when an engine gate made the share unlawful.
    gate: Option<Gate>,
    /// `WrongGround`: the ground that fits and the rule that found it.
    fitting: Option<(String, Option<String>)>,
    /// The consent request the fact stays bound to at the recipient.
    binding: Option<String>,
}

fn judged(c: &Compiled, events: &[Timed]) -> Vec<Judged> {
    let rule_id = |r: usize| c.scenario.sharing.rules[r].id.clone();
    let mut out = Vec::new();
    for t in events {
        if let Event::Shared { from, items, .. } = &t.event {
            for i in items {
                out.push(Judged {
                    from: c.scenario.roles[*from].id.clone(),
                    to: c.scenario.roles[i.to].id.clone(),
                    fact: c.scenario.facts[i.fact].id.clone(),
                    verdict: i.verdict,
                    rule: i.rule.and_then(rule_id),
                    consent: i.consent,
                    gate: i.gate,
                    fitting: i
                        .fitting
                        .map(|(g, r)| (c.scenario.grounds[g].id.clone(), r.and_then(rule_id))),
                    binding: i.binding.map(|r| c.scenario.consents[r].id.clone()),
                });
            }
        }
    }
    out
}

/// The items of `fact`; there must be at least one.
fn of<'a>(items: &'a [Judged], fact: &str) -> Vec<&'a Judged> {
    let found: Vec<&Judged> = items.iter().filter(|j| j.fact == fact).collect();
    assert!(!found.is_empty(), "no share of {fact} in {items:#?}");
    found
}

/// Every recipient of `fact` got it judged `verdict`.
fn expect(items: &[Judged], fact: &str, verdict: Verdict) {
    for j in of(items, fact) {
        assert_eq!(j.verdict, verdict, "{fact} to {}: {j:?}", j.to);
    }
}

/// Every recipient of `fact` got it judged `verdict` by the rule `rule`,
/// not by an engine gate.
fn expect_rule(items: &[Judged], fact: &str, verdict: Verdict, rule: &str) {
    for j in of(items, fact) {
        assert_eq!(
            (j.verdict, j.rule.as_deref(), j.gate),
            (verdict, Some(rule), None),
            "{fact} to {}: {j:?}",
            j.to
        );
    }
}

/// Every recipient of `fact` got it judged lawful on the wrong ground:
/// the rule `named` found the ground named unlawful, `ground` fits (by the
/// rule `fits`).
fn expect_wrong_ground(items: &[Judged], fact: &str, named: &str, ground: &str, fits: &str) {
    for j in of(items, fact) {
        assert_eq!(
            (
                j.verdict,
                j.rule.as_deref(),
                j.fitting.as_ref().map(|(g, r)| (g.as_str(), r.as_deref())),
                j.gate
            ),
            (
                Verdict::WrongGround,
                Some(named),
                Some((ground, Some(fits))),
                None
            ),
            "{fact} to {}: {j:?}",
            j.to
        );
    }
}

/// Every recipient of `fact` got it judged unlawful by the engine gate
/// `gate`, no rule and no fitting ground.
fn expect_gate(items: &[Judged], fact: &str, gate: Gate) {
    for j in of(items, fact) {
        assert_eq!(
            (j.verdict, j.rule.as_deref(), j.gate, &j.fitting),
            (Verdict::Unlawful, None, Some(gate), &None),
            "{fact} to {}: {j:?}",
            j.to
        );
    }
}

fn talk(id: &str) -> Act {
    Act::Talk { talk: id.into() }
}

fn ask(request: &str) -> Act {
    Act::AskConsent {
        request: request.into(),
    }
}

fn decide(decision: &str, option: &str) -> Act {
    Act::Decide {
        decision: decision.into(),
        option: option.into(),
    }
}

/// A session on the fixture with the given roles played (seed 1; the
/// fixture has no variation). Unplayed roles act by their scripts.
struct Case {
    c: Arc<Compiled>,
    s: Session,
}

impl Case {
    fn new(played: &[&str]) -> Case {
        let c = law();
        let played: Vec<String> = played.iter().map(|s| s.to_string()).collect();
        let s = Session::start(c.clone(), 1, &played, None).unwrap();
        Case { c, s }
    }

    fn act(&mut self, role: &str, act: &Act) -> Vec<Timed> {
        self.s
            .apply(role, act)
            .unwrap_or_else(|e| panic!("{role} {act:?}: {e}"))
    }

    fn share(
        &mut self,
        role: &str,
        facts: &[&str],
        to: &[&str],
        channel: &str,
        ground: &str,
    ) -> Vec<Judged> {
        let ev = self.act(role, &share(facts, to, channel, ground));
        let items: Vec<Judged> = judged(&self.c, &ev)
            .into_iter()
            .filter(|j| j.from == role)
            .collect();
        assert!(!items.is_empty(), "the share of {role} was not recorded");
        items
    }

    fn tick(&self, day: u32, part: &str) -> u32 {
        let parts = &self.c.scenario.clock.parts;
        let p = parts.iter().position(|x| x == part).unwrap() as u32;
        (day - 1) * parts.len() as u32 + p
    }

    /// Ends day-parts (as `role`) until the clock is at `day`, `part`.
    fn advance_to(&mut self, role: &str, day: u32, part: &str) {
        let target = self.tick(day, part);
        assert!(self.s.state().tick <= target, "already past {day} {part}");
        while self.s.state().tick < target {
            self.act(role, &Act::Advance);
        }
    }

    fn var(&self, id: &str) -> i64 {
        self.s.state().vars[self.c.ids.variables[id]]
    }

    fn fired(&self, rule: &str) -> bool {
        self.s.state().rule_fired[self.c.ids.rules[rule]]
    }

    fn knows(&self, role: &str, fact: &str) -> bool {
        self.s
            .state()
            .knows(self.c.ids.roles[role], self.c.ids.facts[fact])
    }

    fn decision(&self, id: &str) -> DecisionState {
        self.s.state().decisions[self.c.ids.decisions[id]]
    }

    /// The record of consent request `id` (it must have been asked).
    fn consent(&self, id: &str) -> &ConsentRecord {
        self.s.state().consents[self.c.ids.consents[id]]
            .as_ref()
            .unwrap_or_else(|| panic!("{id} was not asked"))
    }

    /// The answer of `person` to consent request `id`: (decides, gives).
    fn answer(&self, id: &str, person: &str) -> (bool, bool) {
        let p = self.c.ids.subjects[person];
        let a = self
            .consent(id)
            .answers
            .iter()
            .find(|a| a.person == p)
            .unwrap_or_else(|| panic!("{person} was not asked {id}"));
        (a.decides, a.gives)
    }

    fn given(&self, id: &str) -> bool {
        self.consent(id).given(self.s.state().tick)
    }

    fn refused(&self, id: &str) -> bool {
        self.consent(id).refused(self.s.state().tick)
    }

    fn request(&self, id: &str) -> usize {
        self.c.ids.consents[id]
    }

    fn subject(&self, id: &str) -> usize {
        self.c.ids.subjects[id]
    }

    /// Every share in the session so far, by anyone (scripts included).
    fn all_shares(&self) -> Vec<Judged> {
        judged(&self.c, self.s.history())
    }

    fn debrief(&self) -> Debrief {
        evaluate(self.c.clone(), self.s.log()).unwrap()
    }

    fn outcome(&self) -> Option<&str> {
        self.s
            .state()
            .outcome
            .map(|(o, _)| self.c.scenario.outcomes[o].id.as_str())
    }
}

fn decision_row<'a>(d: &'a Debrief, role: &str, decision: &str) -> &'a DecisionRow {
    d.roles
        .iter()
        .find(|r| r.role == role)
        .unwrap()
        .decisions
        .iter()
        .find(|x| x.id == decision)
        .unwrap()
}

/// (earned, possible) for `decision` on `competency` in `role`'s debrief.
fn decision_points(d: &Debrief, role: &str, decision: &str, competency: &str) -> (i32, i32) {
    let items: Vec<_> = d
        .roles
        .iter()
        .find(|r| r.role == role)
        .unwrap()
        .items
        .iter()
        .filter(|i| {
            i.kind == ItemKind::Decision && i.subject == decision && i.competency == competency
        })
        .collect();
    assert!(!items.is_empty(), "no {competency} item for {decision}");
    (
        items.iter().map(|i| i.earned).sum(),
        items.iter().map(|i| i.possible).sum(),
    )
}

/// The share items of `role`'s debrief (what a share cost).
fn share_items<'a>(d: &'a Debrief, role: &str) -> Vec<&'a ScoreItem> {
    d.roles
        .iter()
        .find(|r| r.role == role)
        .unwrap()
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Share)
        .collect()
}

/// Plays `role` alone, takes `option` of `decision` after `before`, and
/// evaluates the session.
fn decided(role: &str, before: &[Act], decision: &str, option: &str) -> Debrief {
    let mut k = Case::new(&[role]);
    for a in before {
        k.act(role, a);
    }
    assert!(
        matches!(k.decision(decision), DecisionState::Open { .. }),
        "{decision} should be open"
    );
    k.act(role, &decide(decision, option));
    k.debrief()
}

/// The debrief's row for `fact` shared by `role` to `to` (the last one).
fn share_row<'a>(d: &'a Debrief, role: &str, fact: &str, to: &str) -> &'a ShareRow {
    d.roles
        .iter()
        .find(|r| r.role == role)
        .unwrap()
        .shares
        .iter()
        .rev()
        .find(|s| s.fact == fact && s.to == to)
        .unwrap_or_else(|| panic!("no share row {fact} to {to}"))
}

// ---------------------------------------------------------------------
// The table, row by row.
// ---------------------------------------------------------------------

/// | Youth worker registers a 17-year-old with CoMensha without written
/// consent | wrong | care organisations need consent; police must register
/// regardless |
#[test]
fn row01_youth_worker_registers_a_17_year_old_with_comensha_without_consent() {
    let mut k = Case::new(&["jeugdhulp", "politie"]);
    // As if it were a duty, as it is for the police: unlawful by the
    // fixture's rule, and no other ground makes it lawful.
    let j = k.share(
        "jeugdhulp",
        &["f_jh_lotte"],
        &["comensha"],
        "aanmelding_comensha",
        "wettelijke_plicht",
    );
    expect_rule(&j, "f_jh_lotte", Verdict::Unlawful, "sr_bg_comensha");
    assert!(of(&j, "f_jh_lotte").iter().all(|x| x.fitting.is_none()));
    // On consent that was never asked: the engine itself says unlawful.
    let j = k.share(
        "jeugdhulp",
        &["f_jh_lotte"],
        &["comensha"],
        "aanmelding_comensha",
        "toestemming",
    );
    for x in of(&j, "f_jh_lotte") {
        assert_eq!(
            (x.verdict, x.rule.as_deref(), x.consent, x.gate),
            (Verdict::Unlawful, None, Some(ConsentCheck::NotAsked), None),
            "{x:?}"
        );
    }
    let d = k.debrief();
    let reason = &share_row(&d, "jeugdhulp", "f_jh_lotte", "comensha").reason;
    assert!(
        reason.contains("geen toestemming als grondslag gevraagd"),
        "{reason}"
    );
    // The police register her regardless of consent, on the Wpg.
    let j = k.share(
        "politie",
        &["f_pol_lotte"],
        &["comensha"],
        "aanmelding_comensha",
        "wpg",
    );
    expect_rule(&j, "f_pol_lotte", Verdict::Lawful, "sr_pol_comensha");

    // Lotte is 17: a care provider's registration needs both consents
    // (`kind: Both`) and from 16 she gives both herself. Her father, who
    // has parental authority, is not asked and need not be.
    k.act("jeugdhulp", &ask("c_jh_lotte"));
    assert_eq!(k.consent("c_jh_lotte").answers.len(), 1);
    assert_eq!(k.answer("c_jh_lotte", "lotte"), (true, true));
    assert!(k.given("c_jh_lotte"));
    let j = k.share(
        "jeugdhulp",
        &["f_jh_lotte"],
        &["comensha"],
        "aanmelding_comensha",
        "toestemming",
    );
    let lotte = k.request("c_jh_lotte");
    for x in of(&j, "f_jh_lotte") {
        // Valid, and it lifts the beroepsgeheim she is held under.
        assert_eq!(
            (x.verdict, x.rule.as_deref(), x.consent, x.gate),
            (
                Verdict::Lawful,
                None,
                Some(ConsentCheck::Valid(lotte, true)),
                None
            ),
            "{x:?}"
        );
        assert_eq!(x.binding.as_deref(), Some("c_jh_lotte"));
    }
    // With her consent in hand, writing the registration down as a legal
    // duty is the wrong label, not an unlawful disclosure.
    let j = k.share(
        "jeugdhulp",
        &["f_jh_lotte"],
        &["comensha"],
        "aanmelding_comensha",
        "wettelijke_plicht",
    );
    for x in of(&j, "f_jh_lotte") {
        assert_eq!(x.verdict, Verdict::WrongGround, "{x:?}");
        assert_eq!(
            x.fitting.as_ref().map(|(g, _)| g.as_str()),
            Some("toestemming")
        );
    }
}

/// | Police do not offer the reflection period because the person "is not
/// sure" | wrong | must be offered at the slightest indication |
#[test]
fn row02_police_do_not_offer_the_reflection_period() {
    let d = decided("politie", &[], "d_pol_bedenktijd", "o_geen_bedenktijd");
    let row = decision_row(&d, "politie", "d_pol_bedenktijd");
    assert!(!row.chose_expert);
    let expert = row.expert.as_ref().unwrap();
    assert_eq!(expert.id, "o_bedenktijd");
    assert!(expert.reference.contains("B8/3"), "{}", expert.reference);
    let chosen = row.chosen.as_ref().unwrap();
    assert!(
        chosen.feedback.contains("geringste aanwijzing"),
        "{}",
        chosen.feedback
    );
    let (earned, possible) =
        decision_points(&d, "politie", "d_pol_bedenktijd", "slachtoffergerichtheid");
    assert_eq!((earned, possible), (-3, 3));

    let d = decided("politie", &[], "d_pol_bedenktijd", "o_bedenktijd");
    assert!(decision_row(&d, "politie", "d_pol_bedenktijd").chose_expert);
    assert_eq!(
        decision_points(&d, "politie", "d_pol_bedenktijd", "slachtoffergerichtheid"),
        (3, 3)
    );
}

/// | Meldcode user suspects structural unsafety and only offers own help |
/// wrong | afwegingskader: structural unsafety ⇒ report to Veilig Thuis |
#[test]
fn row03_meldcode_user_only_offers_own_help() {
    let before = [talk("t_jh_milan")];
    let d = decided("jeugdhulp", &before, "d_jh_meldcode", "o_eigen_hulp");
    let row = decision_row(&d, "jeugdhulp", "d_jh_meldcode");
    assert!(!row.chose_expert);
    let expert = row.expert.as_ref().unwrap();
    assert_eq!(expert.id, "o_melden");
    assert!(expert.text.contains("Veilig Thuis"), "{}", expert.text);
    assert!(
        expert.reference.contains("afwegingskader"),
        "{}",
        expert.reference
    );
    let (earned, possible) =
        decision_points(&d, "jeugdhulp", "d_jh_meldcode", "slachtoffergerichtheid");
    assert!(earned < 0 && possible > 0, "{earned}/{possible}");

    // The expert route: decide to report, and the report itself is lawful
    // under the meldrecht although the information is under beroepsgeheim.
    let mut k = Case::new(&["jeugdhulp"]);
    k.act("jeugdhulp", &talk("t_jh_milan"));
    k.act("jeugdhulp", &decide("d_jh_meldcode", "o_melden"));
    let j = k.share(
        "jeugdhulp",
        &["f_jh_zorgen"],
        &["veilig_thuis"],
        "melding_vt",
        "meldrecht",
    );
    expect_rule(&j, "f_jh_zorgen", Verdict::Lawful, "sr_bg_meldrecht");
    let d = k.debrief();
    assert!(decision_row(&d, "jeugdhulp", "d_jh_meldcode").chose_expert);
    let (earned, possible) =
        decision_points(&d, "jeugdhulp", "d_jh_meldcode", "slachtoffergerichtheid");
    assert_eq!(earned, possible);
}

/// | Municipality cites "legitimate interest" to share in a RIEC case |
/// wrong ground | public task / legal obligation (WGS, convenant) |
#[test]
fn row04_municipality_cites_legitimate_interest_in_a_riec_case() {
    let mut k = Case::new(&["gemeente"]);
    // Burgerzaken (by script) passed the address data within the gemeente.
    assert!(k.knows("gemeente", "f_brp_pand"));
    k.advance_to("gemeente", 1, "middag");
    let j = k.share(
        "gemeente",
        &["f_brp_pand"],
        &[],
        "casusoverleg_riec",
        "gerechtvaardigd_belang",
    );
    // The disclosure itself is covered by the Wgs in the casusoverleg: the
    // wrong ground is a label fault, not an unlawful disclosure.
    expect_wrong_ground(&j, "f_brp_pand", "sr_belang", "wgs", "sr_overleg");
    assert!(of(&j, "f_brp_pand").iter().any(|x| x.to == "riec"));
    let d = k.debrief();
    let row = share_row(&d, "gemeente", "f_brp_pand", "riec");
    assert_eq!(row.verdict, "wrong_ground");
    assert_eq!(row.rule.as_deref(), Some("sr_belang"));
    assert!(
        row.reason
            .contains("de grondslag \u{201c}Wgs (samenwerkingsverband)\u{201d} dekt haar")
            && row
                .reason
                .contains("niet op gerechtvaardigd belang beroepen"),
        "the reason names the ground that fits and why the named one does not: {}",
        row.reason
    );
    // One point under Rechtmatig delen for the label, not the two of an
    // unlawful disclosure.
    let items = share_items(&d, "gemeente");
    assert_eq!(
        items
            .iter()
            .map(|i| (i.subject.as_str(), i.competency.as_str(), i.earned))
            .collect::<Vec<_>>(),
        [("f_brp_pand", "rechtmatig_delen", -1)]
    );

    // On the grounds that fit: lawful.
    let j = k.share("gemeente", &["f_brp_pand"], &[], "casusoverleg_riec", "wgs");
    expect_rule(&j, "f_brp_pand", Verdict::Lawful, "sr_overleg");
    let j = k.share(
        "gemeente",
        &["f_brp_pand"],
        &[],
        "casusoverleg_riec",
        "publieke_taak",
    );
    expect_rule(&j, "f_brp_pand", Verdict::Lawful, "sr_overleg");
}

/// | Zorg shares the full mental-health file where "concerns about
/// exploitation" suffice | wrong | necessity, proportionality, minimisation |
#[test]
fn row05_care_shares_the_full_mental_health_file() {
    // The meldrecht lifts the beroepsgeheim for a report to Veilig Thuis:
    // the concern is lawful, the full file is more than needed.
    let mut k = Case::new(&["jeugdhulp"]);
    let j = k.share(
        "jeugdhulp",
        &["f_jh_zorgen", "f_jh_dossier"],
        &["veilig_thuis"],
        "melding_vt",
        "meldrecht",
    );
    expect_rule(&j, "f_jh_zorgen", Verdict::Lawful, "sr_bg_meldrecht");
    expect_rule(&j, "f_jh_dossier", Verdict::Excessive, "sr_ggz_dossier_vt");
    // The debrief costs a Proportionaliteit point for the file, nothing
    // for the concern, and nothing under Rechtmatig delen.
    let d = k.debrief();
    let items = share_items(&d, "jeugdhulp");
    assert_eq!(
        items
            .iter()
            .map(|i| (i.subject.as_str(), i.competency.as_str(), i.earned))
            .collect::<Vec<_>>(),
        [("f_jh_dossier", "proportionaliteit", -1)]
    );
    let row = share_row(&d, "jeugdhulp", "f_jh_dossier", "veilig_thuis");
    assert!(row.reason.contains("veel meer dan dat"), "{}", row.reason);

    // In the ZVH after Milan agreed: his consent covers the concern and the
    // minimal detail he was asked about, not the file; what it did not
    // cover stays behind the beroepsgeheim.
    let mut k = Case::new(&["jeugdhulp"]);
    k.act("jeugdhulp", &talk("t_jh_milan"));
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    k.advance_to("jeugdhulp", 2, "middag");
    let j = k.share(
        "jeugdhulp",
        &["f_jh_zorgen", "f_jh_lvb", "f_jh_dossier"],
        &[],
        "casusoverleg_zvh",
        "wgs",
    );
    expect_rule(&j, "f_jh_zorgen", Verdict::Lawful, "sr_overleg");
    expect_rule(&j, "f_jh_lvb", Verdict::Lawful, "sr_overleg");
    expect_gate(&j, "f_jh_dossier", Gate::Secrecy(ConsentCheck::NotAsked));
}

/// | Minor caught as drug courier is prosecuted without a prompt check for
/// exploitation | wrong | non-punishment (Aanwijzing 2022A002): assess
/// victimhood before the prosecution decision |
#[test]
fn row06_minor_courier_prosecuted_without_a_check_for_exploitation() {
    let d = decided("om", &[], "d_om_koerier", "o_vervolgen");
    let row = decision_row(&d, "om", "d_om_koerier");
    assert!(!row.chose_expert);
    let expert = row.expert.as_ref().unwrap();
    assert_eq!(expert.id, "o_eerst_beoordelen");
    assert!(
        expert.reference.contains("2022A002"),
        "{}",
        expert.reference
    );
    assert!(
        expert.feedback.contains("vóór de vervolgingsbeslissing"),
        "{}",
        expert.feedback
    );
    let (earned, possible) = decision_points(&d, "om", "d_om_koerier", "slachtoffergerichtheid");
    assert_eq!((earned, possible), (-3, 3));
    // Dropping the case without any assessment is not the answer either.
    let d = decided("om", &[], "d_om_koerier", "o_seponeren");
    assert!(!decision_row(&d, "om", "d_om_koerier").chose_expert);
    let (earned, possible) = decision_points(&d, "om", "d_om_koerier", "slachtoffergerichtheid");
    assert!(earned < possible);
}

/// | Care worker brings a client's mental-health detail into the ZVH "under
/// the Wgs" without consent or meldrecht | wrong | the Wgs does not lift
/// beroepsgeheim; first ask consent |
#[test]
fn row07_care_worker_brings_client_detail_into_the_zvh_under_the_wgs() {
    let mut k = Case::new(&["jeugdhulp"]);
    k.advance_to("jeugdhulp", 2, "middag");
    let j = k.share("jeugdhulp", &["f_jh_lvb"], &[], "casusoverleg_zvh", "wgs");
    // The policy would allow the Wgs in the casusoverleg (`sr_overleg`),
    // but the engine's beroepsgeheim gate closes it: nobody was asked.
    expect_gate(&j, "f_jh_lvb", Gate::Secrecy(ConsentCheck::NotAsked));
    let mut to: Vec<&str> = of(&j, "f_jh_lvb").iter().map(|x| x.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["gemeente", "politie", "zvh"], "every member hears it");
    // The meldrecht is a route to Veilig Thuis, not into a casusoverleg.
    let j = k.share(
        "jeugdhulp",
        &["f_jh_zorgen"],
        &[],
        "casusoverleg_zvh",
        "meldrecht",
    );
    expect_gate(&j, "f_jh_zorgen", Gate::Secrecy(ConsentCheck::NotAsked));
    // It is the beroepsgeheim, not the Wgs: the gemeente brought its own
    // facts into the same sitting under the Wgs, lawfully.
    let gemeente: Vec<Judged> = k
        .all_shares()
        .into_iter()
        .filter(|x| x.from == "gemeente" && x.fact == "f_verzuim")
        .collect();
    expect_rule(&gemeente, "f_verzuim", Verdict::Lawful, "sr_overleg");
    // The trainee reads that the Wgs does not lift the secrecy and that
    // consent is the route to try first; it costs two points.
    let d = k.debrief();
    let row = share_row(&d, "jeugdhulp", "f_jh_lvb", "zvh");
    assert_eq!(row.verdict, "unlawful");
    assert!(
        row.reason
            .contains("Wgs of de publieke taak heft het beroepsgeheim niet op")
            && row.reason.contains("Er is geen toestemming gevraagd"),
        "{}",
        row.reason
    );
    assert!(
        share_items(&d, "jeugdhulp")
            .iter()
            .any(|i| i.subject == "f_jh_lvb"
                && i.competency == "rechtmatig_delen"
                && i.earned == -2)
    );
}

/// | Care worker brings minimal, necessary health detail into the ZVH on the
/// Wgs after the 15-year-old agreed to lifting his secrecy (mother also
/// asked, as good practice) | right | the Wgs is the processing ground; his
/// consent lifts the beroepsgeheim; from 12 the young person decides on
/// disclosure |
#[test]
fn row08_wgs_after_the_15_year_old_agreed_to_lift_the_secrecy() {
    // Milan was told what and why, and agrees. His mother is asked too;
    // nobody explained it to her and she refuses: heard, not counted.
    let mut k = Case::new(&["jeugdhulp"]);
    k.act("jeugdhulp", &talk("t_jh_milan"));
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    assert_eq!(k.answer("c_jh_zvh", "milan"), (true, true));
    assert_eq!(k.answer("c_jh_zvh", "ilse"), (false, false));
    assert!(k.given("c_jh_zvh") && !k.refused("c_jh_zvh"));
    k.advance_to("jeugdhulp", 2, "middag");
    let j = k.share(
        "jeugdhulp",
        &["f_jh_zorgen", "f_jh_lvb"],
        &[],
        "casusoverleg_zvh",
        "wgs",
    );
    // Lawful on the Wgs (the rule for the casusoverleg), not on a consent
    // ground; what the partners received stays bound to his consent.
    for f in ["f_jh_zorgen", "f_jh_lvb"] {
        expect_rule(&j, f, Verdict::Lawful, "sr_overleg");
        assert_eq!(of(&j, f).len(), 3);
        assert!(
            of(&j, f)
                .iter()
                .all(|x| x.consent.is_none() && x.binding.as_deref() == Some("c_jh_zvh"))
        );
    }
    let d = k.debrief();
    assert!(share_items(&d, "jeugdhulp").is_empty(), "nothing to deduct");
    let e = d.roles[0]
        .expectations
        .iter()
        .find(|e| e.id == "e_jh_zvh")
        .unwrap();
    assert!(e.met && e.in_time == Some(true));

    // With his mother's consent as well (her answer comes a day-part
    // later) nothing changes: she is heard, her answer does not count.
    let mut k = Case::new(&["jeugdhulp"]);
    k.act("jeugdhulp", &talk("t_jh_milan"));
    k.act("jeugdhulp", &talk("t_jh_moeder"));
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    assert!(k.given("c_jh_zvh"), "his yes is enough, at once");
    assert_eq!(k.answer("c_jh_zvh", "ilse"), (false, true));

    // The consent covers the ZVH casusoverleg, not mail to the same
    // partners: that stays behind the beroepsgeheim.
    let j = k.share("jeugdhulp", &["f_jh_lvb"], &["zvh"], "mail", "wgs");
    expect_gate(&j, "f_jh_lvb", Gate::Secrecy(ConsentCheck::NotAsked));

    // Writing it down as "consent" is a label fault: his consent lifts the
    // secrecy, it is no AVG processing ground (he is 15, and a casusoverleg
    // rests on the law). The Wgs fits.
    k.advance_to("jeugdhulp", 2, "middag");
    let j = k.share(
        "jeugdhulp",
        &["f_jh_lvb"],
        &[],
        "casusoverleg_zvh",
        "toestemming",
    );
    for x in of(&j, "f_jh_lvb") {
        assert_eq!(
            (
                x.verdict,
                x.consent,
                x.fitting.as_ref().map(|(g, r)| (g.as_str(), r.as_deref()))
            ),
            (
                Verdict::WrongGround,
                Some(ConsentCheck::NotAsked),
                Some(("wgs", Some("sr_overleg")))
            ),
            "{x:?}"
        );
    }
    let d = k.debrief();
    let row = share_row(&d, "jeugdhulp", "f_jh_lvb", "zvh");
    assert_eq!(row.verdict, "wrong_ground");
    assert!(
        row.reason
            .contains("\u{201c}Wgs (samenwerkingsverband)\u{201d} dekt haar"),
        "{}",
        row.reason
    );
}

/// | Same, but the 15-year-old refused and only the mother agreed | wrong |
/// from 12 the young person decides on disclosure; look for another route
/// (meldrecht) |
#[test]
fn row09_the_15_year_old_refused_and_only_the_mother_agreed() {
    let mut k = Case::new(&["jeugdhulp"]);
    k.act("jeugdhulp", &talk("t_jh_moeder"));
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    k.advance_to("jeugdhulp", 2, "middag");
    // Her yes has come, his no decides.
    assert_eq!(k.answer("c_jh_zvh", "ilse"), (false, true));
    assert_eq!(k.answer("c_jh_zvh", "milan"), (true, false));
    assert!(k.refused("c_jh_zvh") && !k.given("c_jh_zvh"));
    let j = k.share("jeugdhulp", &["f_jh_lvb"], &[], "casusoverleg_zvh", "wgs");
    let (req, milan) = (k.request("c_jh_zvh"), k.subject("milan"));
    expect_gate(
        &j,
        "f_jh_lvb",
        Gate::Secrecy(ConsentCheck::Refused(req, milan)),
    );
    let d = k.debrief();
    let reason = &share_row(&d, "jeugdhulp", "f_jh_lvb", "zvh").reason;
    assert!(
        reason.contains("Milan Verbeek (fictief) heeft geen toestemming gegeven")
            && reason.contains("vanaf 12 jaar beslist hij zelf"),
        "the reason names the young person who refused and why he decides: {reason}"
    );
    assert!(!reason.contains("Ilse"), "{reason}");
    // Another route: the meldrecht to Veilig Thuis lifts the secrecy for a
    // report, whatever he answered.
    let j = k.share(
        "jeugdhulp",
        &["f_jh_zorgen"],
        &["veilig_thuis"],
        "melding_vt",
        "meldrecht",
    );
    expect_rule(&j, "f_jh_zorgen", Verdict::Lawful, "sr_bg_meldrecht");
}

/// | A partner forwards by mail what it heard in a casusoverleg to a partner
/// outside it | wrong | purpose binding travels with the data; a new
/// purpose needs its own necessity and ground |
#[test]
fn row10_a_partner_forwards_what_it_heard_in_a_casusoverleg() {
    // The gemeente (played) and the care worker (by script, after Milan's
    // consent) bring what they know into the ZVH sitting of day 2.
    let mut k = Case::new(&["gemeente", "politie"]);
    k.advance_to("gemeente", 2, "middag");
    k.share(
        "gemeente",
        &["f_verzuim", "f_brp_adres"],
        &[],
        "casusoverleg_zvh",
        "wgs",
    );
    let (pol, verzuim) = (k.c.ids.roles["politie"], k.c.ids.facts["f_verzuim"]);
    let receipt = k.s.state().receipt(pol, verzuim).cloned().unwrap();
    assert_eq!(
        (receipt.from, receipt.channel, receipt.binding),
        (
            k.c.ids.roles["gemeente"],
            k.c.ids.channels["casusoverleg_zvh"],
            None
        )
    );

    // The police mail it to the RIEC, which does not sit in the ZVH: on the
    // Wpg this would be lawful for the police's own data, but what they
    // heard in the casusoverleg stays bound to it (`received:`).
    let j = k.share("politie", &["f_verzuim"], &["riec"], "mail", "wpg");
    expect_rule(&j, "f_verzuim", Verdict::Unlawful, "sr_zvh_doorzenden");
    assert!(of(&j, "f_verzuim")[0].fitting.is_none(), "no ground fits");
    let j = k.share("politie", &["f_pol_waarneming"], &["riec"], "mail", "wpg");
    expect_rule(&j, "f_pol_waarneming", Verdict::Lawful, "sr_pol_wpg");
    let d = k.debrief();
    let reason = &share_row(&d, "politie", "f_verzuim", "riec").reason;
    assert!(reason.contains("nieuw doel"), "{reason}");

    // What came into the ZVH under Milan's consent is bound to that
    // consent: only its recipients, only the casusoverleg, even where a
    // rule of the policy would allow the route (the engine's scope gate).
    assert!(
        k.knows("politie", "f_jh_lvb"),
        "the care worker brought it in"
    );
    let lvb = k.c.ids.facts["f_jh_lvb"];
    let req = k.request("c_jh_zvh");
    assert_eq!(k.s.state().binding(pol, lvb), Some(req));
    // To the gemeente (a recipient of the consent) by mail, on the Wpg
    // (`sr_pol_wpg` would allow it): not the consent's route.
    let j = k.share("politie", &["f_jh_lvb"], &["gemeente"], "mail", "wpg");
    expect_gate(&j, "f_jh_lvb", Gate::Scope(req));
    // The gemeente reports to Veilig Thuis on its public task
    // (`sr_gem_veilig_thuis`): lawful for its own signals, but Veilig Thuis
    // is not a recipient of Milan's consent.
    let j = k.share(
        "gemeente",
        &["f_verzuim", "f_jh_lvb"],
        &["veilig_thuis"],
        "melding_vt",
        "publieke_taak",
    );
    expect_rule(&j, "f_verzuim", Verdict::Lawful, "sr_gem_veilig_thuis");
    expect_gate(&j, "f_jh_lvb", Gate::Scope(req));
    let d = k.debrief();
    let reason = &share_row(&d, "gemeente", "f_jh_lvb", "veilig_thuis").reason;
    assert!(
        reason.contains("onder een toestemming die Jeugdhulpverlener vroeg")
            && reason.contains("blijft aan dat doel gebonden"),
        "{reason}"
    );
}

/// | Aandachtsfunctionaris phones the police about a missing 15-year-old
/// under threat and ticks "vital interest" | lawful (label fault) | public
/// task covers it; the wrong label gets its own feedback, not an
/// "unlawful" verdict |
#[test]
fn row11_aandachtsfunctionaris_phones_the_police_and_ticks_vital_interest() {
    let mut k = Case::new(&["gemeente"]);
    k.advance_to("gemeente", 2, "ochtend");
    assert!(k.knows("gemeente", "f_vermist"), "Milan's mother called");
    let j = k.share(
        "gemeente",
        &["f_vermist"],
        &["politie"],
        "telefoon",
        "vitaal_belang",
    );
    expect_wrong_ground(
        &j,
        "f_vermist",
        "sr_vitaal",
        "publieke_taak",
        "sr_acuut_politie",
    );
    // No breach: the breach rule did not fire; the expectation that asks a
    // lawful share to the police is met.
    assert!(!k.fired("r_schending"));
    assert_eq!(k.var("schending"), 0);
    let d = k.debrief();
    let e = d.roles[0]
        .expectations
        .iter()
        .find(|e| e.id == "e_gem_vermist")
        .unwrap();
    assert!(e.met, "Shared(verdict: Lawful) holds for the label fault");
    let row = share_row(&d, "gemeente", "f_vermist", "politie");
    assert_eq!(
        (row.verdict.as_str(), row.verdict_label.as_str()),
        ("wrong_ground", "rechtmatig, verkeerde grondslag")
    );
    assert!(
        row.reason
            .contains("de grondslag \u{201c}Publieke taak\u{201d} dekt haar")
            && row.reason.contains("Vitaal belang is een vangnet"),
        "the reason names the ground that fits and why vital interest does not: {}",
        row.reason
    );
    assert_eq!(
        share_items(&d, "gemeente")
            .iter()
            .map(|i| (i.subject.as_str(), i.competency.as_str(), i.earned))
            .collect::<Vec<_>>(),
        [("f_vermist", "rechtmatig_delen", -1)]
    );
    // On the public task: lawful.
    let j = k.share(
        "gemeente",
        &["f_vermist"],
        &["politie"],
        "telefoon",
        "publieke_taak",
    );
    expect_rule(&j, "f_vermist", Verdict::Lawful, "sr_acuut_politie");
    // Vital interest where no other ground fits either stays unlawful, and
    // that is a breach.
    let j = k.share(
        "gemeente",
        &["f_vermist"],
        &["veilig_thuis"],
        "telefoon",
        "vitaal_belang",
    );
    expect_rule(&j, "f_vermist", Verdict::Unlawful, "sr_vitaal");
    assert!(of(&j, "f_vermist")[0].fitting.is_none());
    assert_eq!(k.var("schending"), 1);
}

/// | Police "share on public task" with the gemeente | wrong frame | police
/// data: Wpg, not an AVG ground |
#[test]
fn row12_police_share_on_public_task_with_the_gemeente() {
    let mut k = Case::new(&["politie", "gemeente"]);
    // Police sharing on an AVG ground where the Wpg allows it: a label
    // fault, the Wpg fits.
    let j = k.share(
        "politie",
        &["f_pol_waarneming"],
        &["gemeente"],
        "mail",
        "publieke_taak",
    );
    expect_wrong_ground(
        &j,
        "f_pol_waarneming",
        "sr_pol_avg_grond",
        "wpg",
        "sr_pol_wpg",
    );
    let d = k.debrief();
    let row = share_row(&d, "politie", "f_pol_waarneming", "gemeente");
    assert!(
        row.reason
            .contains("de grondslag \u{201c}Verstrekking politiegegevens (Wpg)\u{201d} dekt haar")
            && row.reason.contains("Verkeerd kader"),
        "the reason says the Wpg fits, and why public task does not: {}",
        row.reason
    );
    assert!(
        !k.fired("r_schending_politie"),
        "a label fault is no breach"
    );
    let j = k.share(
        "politie",
        &["f_pol_waarneming"],
        &["gemeente"],
        "mail",
        "wpg",
    );
    expect_rule(&j, "f_pol_waarneming", Verdict::Lawful, "sr_pol_wpg");

    // The gemeente now holds the observation under the AVG: it passes it on
    // on an AVG ground; naming the Wpg is the wrong label, the Wgs fits.
    let gem = k.c.ids.roles["gemeente"];
    assert_eq!(
        k.s.state().regime(gem, k.c.ids.facts["f_pol_waarneming"]),
        Regime::Avg
    );
    k.act(
        "gemeente",
        &Act::Convene {
            channel: "casusoverleg_zvh".into(),
        },
    );
    k.advance_to("gemeente", 1, "middag");
    let j = k.share(
        "gemeente",
        &["f_pol_waarneming"],
        &[],
        "casusoverleg_zvh",
        "publieke_taak",
    );
    expect_rule(&j, "f_pol_waarneming", Verdict::Lawful, "sr_overleg");
    let j = k.share(
        "gemeente",
        &["f_pol_waarneming"],
        &[],
        "casusoverleg_zvh",
        "wpg",
    );
    expect_wrong_ground(
        &j,
        "f_pol_waarneming",
        "sr_wpg_niet_politie",
        "wgs",
        "sr_overleg",
    );
    // Same fact, same sitting, same ground: from the police it is still
    // the wrong frame; in the casusoverleg the Wgs fits.
    let j = k.share(
        "politie",
        &["f_pol_waarneming"],
        &[],
        "casusoverleg_zvh",
        "publieke_taak",
    );
    expect_wrong_ground(
        &j,
        "f_pol_waarneming",
        "sr_pol_avg_grond",
        "wgs",
        "sr_pol_wgs",
    );
    let j = k.share(
        "politie",
        &["f_pol_waarneming"],
        &[],
        "casusoverleg_zvh",
        "wgs",
    );
    expect_rule(&j, "f_pol_waarneming", Verdict::Lawful, "sr_pol_wgs");
}

/// | Counter clerk reports after seeing several labour signals together |
/// right | signals stack; report to NLA or police |
#[test]
fn row13_counter_clerk_reports_stacked_labour_signals() {
    let mut k = Case::new(&["burgerzaken"]);
    let bz = k.c.ids.roles["burgerzaken"];
    // Two signals in the morning are not yet the picture ...
    assert_eq!(k.s.state().signal_weight(bz, Form::Labour), 4);
    assert_eq!(k.decision("d_balie"), DecisionState::Closed);
    // ... the third, in the afternoon, stacks them.
    k.act("burgerzaken", &Act::Advance);
    assert_eq!(k.s.state().signal_weight(bz, Form::Labour), 6);
    assert!(matches!(k.decision("d_balie"), DecisionState::Open { .. }));
    k.act("burgerzaken", &decide("d_balie", "o_melden"));
    let j = k.share(
        "burgerzaken",
        &["f_balie_werkgever", "f_balie_werkuren", "f_brp_pand"],
        &["politie"],
        "melding_mensenhandel",
        "publieke_taak",
    );
    for f in ["f_balie_werkgever", "f_balie_werkuren", "f_brp_pand"] {
        expect_rule(&j, f, Verdict::Lawful, "sr_melding");
    }
    let d = k.debrief();
    let row = decision_row(&d, "burgerzaken", "d_balie");
    assert!(row.chose_expert);
    let (earned, possible) = decision_points(&d, "burgerzaken", "d_balie", "signalering");
    assert_eq!(earned, possible);
    assert!(possible > 0);
    assert!(
        d.roles[0]
            .expectations
            .iter()
            .any(|e| e.id == "e_balie_melding" && e.met)
    );

    // Doing nothing with them is wrong.
    let d = decided("burgerzaken", &[Act::Advance], "d_balie", "o_niets");
    assert!(!decision_row(&d, "burgerzaken", "d_balie").chose_expert);
    let (earned, _) = decision_points(&d, "burgerzaken", "d_balie", "signalering");
    assert!(earned < 0);
}

/// | Aandachtsfunctionaris brings truancy + address signals to the
/// casusoverleg under WGS | right | lawful, proportionate, combines the
/// picture |
#[test]
fn row14_aandachtsfunctionaris_brings_truancy_and_address_to_the_casusoverleg() {
    let mut k = Case::new(&["gemeente"]);
    // Both reached her within the gemeente, as judged shares.
    for (from, fact) in [("leerplicht", "f_verzuim"), ("burgerzaken", "f_brp_adres")] {
        let own: Vec<Judged> = k
            .all_shares()
            .into_iter()
            .filter(|x| x.from == from && x.to == "gemeente")
            .collect();
        expect_rule(&own, fact, Verdict::Lawful, "sr_binnen_signaal");
    }
    k.advance_to("gemeente", 2, "middag");
    let j = k.share(
        "gemeente",
        &["f_verzuim", "f_brp_adres"],
        &[],
        "casusoverleg_zvh",
        "wgs",
    );
    for f in ["f_verzuim", "f_brp_adres"] {
        expect_rule(&j, f, Verdict::Lawful, "sr_overleg");
        let mut to: Vec<&str> = of(&j, f).iter().map(|x| x.to.as_str()).collect();
        to.sort();
        assert_eq!(to, ["jeugdhulp", "politie", "zvh"]);
    }
    // With the police's observation in the same sitting, the picture appears.
    assert!(k.knows("zvh", "f_zvh_beeld"));
    let d = k.debrief();
    let e = d.roles[0]
        .expectations
        .iter()
        .find(|e| e.id == "e_gem_zvh")
        .unwrap();
    assert!(e.met && e.in_time == Some(true));
    assert!(
        !d.roles[0].items.iter().any(|i| i.kind == ItemKind::Share),
        "nothing unlawful or excessive"
    );
}

// ---------------------------------------------------------------------
// The constructs the rows rest on.
// ---------------------------------------------------------------------

/// A casusoverleg sits at a time: sharing into it outside a sitting is
/// refused with the next sitting; a member can convene it (after its lead
/// time), only the roles the scenario names can convene the RIEC's.
#[test]
fn a_meeting_is_only_in_session_when_it_sits() {
    let mut k = Case::new(&["gemeente"]);
    let refused = |k: &mut Case| {
        let act = share(&["f_verzuim"], &[], "casusoverleg_zvh", "wgs");
        let before = k.s.state().clone();
        let err = k.s.apply("gemeente", &act).unwrap_err();
        assert_eq!(k.s.state(), &before, "a refused share changes nothing");
        match err {
            ActionError::NotInSession { channel, next } => {
                assert_eq!(channel, "casusoverleg_zvh");
                next
            }
            other => panic!("expected NotInSession, got {other:?}"),
        }
    };
    let next = refused(&mut k);
    assert_eq!(next, k.c.time_label(k.tick(2, "middag")));
    assert!(!k.knows("zvh", "f_verzuim"));

    assert!(matches!(
        k.s.apply(
            "gemeente",
            &Act::Convene {
                channel: "casusoverleg_riec".into()
            }
        ),
        Err(ActionError::CannotConvene { .. })
    ));
    k.act(
        "gemeente",
        &Act::Convene {
            channel: "casusoverleg_zvh".into(),
        },
    );
    // Lead time 1: not now, but the next day-part.
    let next = refused(&mut k);
    assert_eq!(next, k.c.time_label(k.tick(1, "middag")));
    k.act("gemeente", &Act::Advance);
    let j = k.share("gemeente", &["f_verzuim"], &[], "casusoverleg_zvh", "wgs");
    expect(&j, "f_verzuim", Verdict::Lawful);
    assert!(k.knows("zvh", "f_verzuim"));
    // After the sitting it is closed again until the scheduled one.
    k.act("gemeente", &Act::Advance);
    let next = refused(&mut k);
    assert_eq!(next, k.c.time_label(k.tick(2, "middag")));

    // A script that shares into a meeting waits for the sitting: the
    // gemeente's script brings the address into the RIEC on day 1, middag.
    let mut k = Case::new(&["om"]);
    assert!(k.knows("gemeente", "f_brp_pand"));
    assert!(!k.knows("riec", "f_brp_pand"));
    k.act("om", &Act::Advance);
    assert!(k.knows("riec", "f_brp_pand"));
}

/// Sharing within one organisation is a share the policy judges (purpose
/// limitation), not a shortcut: Burgerzaken to the aandachtsfunctionaris.
#[test]
fn sharing_within_one_organisation_is_judged() {
    let mut k = Case::new(&["burgerzaken", "gemeente"]);
    let j = k.share(
        "burgerzaken",
        &["f_brp_adres"],
        &["gemeente"],
        "mail",
        "publieke_taak",
    );
    expect_rule(&j, "f_brp_adres", Verdict::Lawful, "sr_binnen_signaal");
    // Within the gemeente too: only what the colleague needs.
    let j = k.share(
        "burgerzaken",
        &["f_brp_historie"],
        &["gemeente"],
        "mail",
        "publieke_taak",
    );
    expect_rule(&j, "f_brp_historie", Verdict::Excessive, "sr_binnen_meer");
    // The same to another organisation is not "within".
    let j = k.share(
        "burgerzaken",
        &["f_brp_adres"],
        &["jeugdhulp"],
        "mail",
        "publieke_taak",
    );
    expect_rule(&j, "f_brp_adres", Verdict::Unlawful, "sr_brp_extern");
    let j = k.share(
        "burgerzaken",
        &["f_brp_historie"],
        &["jeugdhulp"],
        "mail",
        "publieke_taak",
    );
    expect_rule(&j, "f_brp_historie", Verdict::Unlawful, "sr_brp_extern");
    // The within-share counts in the debrief like any other.
    let d = k.debrief();
    let bz = d.roles.iter().find(|r| r.role == "burgerzaken").unwrap();
    assert!(
        bz.shares
            .iter()
            .any(|s| s.fact == "f_brp_historie" && s.to == "gemeente" && s.verdict == "excessive")
    );
}

/// `Breach` in a rule: fires after an unlawful or excessive share (with its
/// filters), not after a lawful share on the wrong ground, and keeps an
/// outcome from rewarding a result reached unlawfully.
#[test]
fn a_breach_condition_fires_after_an_unlawful_share() {
    let mut k = Case::new(&["politie", "jeugdhulp"]);
    // What the scripted roles did at the start was lawful.
    assert!(k.all_shares().iter().all(|x| x.verdict == Verdict::Lawful));
    assert_eq!((k.var("schending"), k.var("schending_politie")), (0, 0));
    k.share(
        "politie",
        &["f_pol_waarneming"],
        &["gemeente"],
        "mail",
        "wpg",
    );
    assert!(!k.fired("r_schending"), "a lawful share is no breach");
    // On "public task" the police share was unlawful before issue 16; it
    // is now lawful on the wrong ground (the Wpg fits), and that is no
    // breach either.
    let j = k.share(
        "politie",
        &["f_pol_waarneming"],
        &["gemeente"],
        "mail",
        "publieke_taak",
    );
    expect(&j, "f_pol_waarneming", Verdict::WrongGround);
    assert!(!k.fired("r_schending"), "a label fault is no breach");
    // Excessive by the care worker: any breach, not a police one.
    let j = k.share(
        "jeugdhulp",
        &["f_jh_dossier"],
        &["veilig_thuis"],
        "melding_vt",
        "meldrecht",
    );
    expect_rule(&j, "f_jh_dossier", Verdict::Excessive, "sr_ggz_dossier_vt");
    assert_eq!((k.var("schending"), k.var("schending_politie")), (1, 0));
    // Unlawful by the police: forwarding to the RIEC what they heard in the
    // ZVH (the gemeente's script brings the truancy into the sitting).
    k.advance_to("politie", 2, "middag");
    assert!(k.knows("politie", "f_verzuim"));
    let j = k.share("politie", &["f_verzuim"], &["riec"], "mail", "wpg");
    expect_rule(&j, "f_verzuim", Verdict::Unlawful, "sr_zvh_doorzenden");
    assert_eq!(k.var("schending_politie"), 1);

    // The outcome: the lawful route ends well ...
    let route = |ground: &str, extra: &[&str]| {
        let mut k = Case::new(&["jeugdhulp"]);
        k.act("jeugdhulp", &talk("t_jh_milan"));
        k.act("jeugdhulp", &ask("c_jh_zvh"));
        k.advance_to("jeugdhulp", 2, "middag");
        let mut facts = vec!["f_jh_zorgen", "f_jh_lvb"];
        facts.extend_from_slice(extra);
        k.share("jeugdhulp", &facts, &[], "casusoverleg_zvh", ground);
        k.s.run_out("jeugdhulp");
        k
    };
    let k = route("wgs", &[]);
    assert_eq!(k.outcome(), Some("goed"));
    // ... so does the same with the wrong label (issue 16: it used to be
    // an unlawful share on "toestemming" with a consent of both) ...
    let k = route("toestemming", &[]);
    assert!(
        k.all_shares()
            .iter()
            .any(|x| x.fact == "f_jh_lvb" && x.verdict == Verdict::WrongGround)
    );
    assert_eq!(k.outcome(), Some("goed"));
    // ... the same result with the full file on top does not: Milan's
    // consent does not cover it, so it is unlawful (it was excessive when
    // the consent covered every fact).
    let k = route("wgs", &["f_jh_dossier"]);
    assert!(k.knows("zvh", "f_zvh_beeld"));
    assert!(
        k.all_shares()
            .iter()
            .any(|x| x.fact == "f_jh_dossier" && x.verdict == Verdict::Unlawful)
    );
    assert_eq!(k.outcome(), Some("onrechtmatig"));
}

/// A consent request can be asked again after a refusal while its `again`
/// condition holds (here: once the care worker has talked with Milan),
/// and is refused as `AlreadyAsked` while it does not.
#[test]
fn a_refused_consent_can_be_asked_again_once_something_changed() {
    let mut k = Case::new(&["jeugdhulp"]);
    let req = k.request("c_jh_zvh");
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    assert_eq!(k.answer("c_jh_zvh", "milan"), (true, false));
    assert!(k.refused("c_jh_zvh"));
    assert!(!k.s.can_ask_again(req));
    let before = k.s.state().clone();
    match k.s.apply("jeugdhulp", &ask("c_jh_zvh")) {
        Err(ActionError::AlreadyAsked(id)) => assert_eq!(id, "c_jh_zvh"),
        other => panic!("expected AlreadyAsked, got {other:?}"),
    }
    assert_eq!(k.s.state(), &before, "a refused action changes nothing");
    // Time alone does not change it.
    k.act("jeugdhulp", &Act::Advance);
    assert!(matches!(
        k.s.apply("jeugdhulp", &ask("c_jh_zvh")),
        Err(ActionError::AlreadyAsked(_))
    ));

    // The talk is what changed: now it can be asked again, and he agrees.
    k.act("jeugdhulp", &talk("t_jh_milan"));
    assert!(k.s.can_ask_again(req));
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    assert_eq!(k.consent("c_jh_zvh").times, 2);
    assert_eq!(k.answer("c_jh_zvh", "milan"), (true, true));
    assert!(k.given("c_jh_zvh") && !k.refused("c_jh_zvh"));
    // Given, it is not asked a third time.
    assert!(!k.s.can_ask_again(req));
    assert!(matches!(
        k.s.apply("jeugdhulp", &ask("c_jh_zvh")),
        Err(ActionError::AlreadyAsked(_))
    ));
    k.advance_to("jeugdhulp", 2, "middag");
    let j = k.share("jeugdhulp", &["f_jh_lvb"], &[], "casusoverleg_zvh", "wgs");
    expect_rule(&j, "f_jh_lvb", Verdict::Lawful, "sr_overleg");
}

/// An option does what it says: "first talk with Milan alone, then ask"
/// holds the talk (`Talk` effect) before the consent is asked, so Milan
/// agrees; asking at once gets a refusal.
#[test]
fn an_option_that_says_talk_first_holds_the_talk_before_asking() {
    let mut k = Case::new(&["jeugdhulp"]);
    assert!(matches!(
        k.decision("d_jh_toestemming"),
        DecisionState::Open { .. }
    ));
    let t = k.c.ids.talks["t_jh_milan"];
    assert!(k.s.state().talked[t].is_none());
    let ev = k.act("jeugdhulp", &decide("d_jh_toestemming", "o_eerst_gesprek"));
    let talked = ev
        .iter()
        .position(|e| matches!(e.event, Event::Talked { talk, .. } if talk == t));
    let asked = ev
        .iter()
        .position(|e| matches!(e.event, Event::ConsentAsked { request, .. } if request == k.request("c_jh_zvh")));
    assert!(
        matches!((talked, asked), (Some(a), Some(b)) if a < b),
        "the talk comes first: {ev:#?}"
    );
    assert!(k.s.state().talked[t].is_some());
    assert_eq!(k.answer("c_jh_zvh", "milan"), (true, true));
    assert!(k.given("c_jh_zvh"));
    // The talk also opened the meldcode's weighing, as a talk does.
    assert!(matches!(
        k.decision("d_jh_meldcode"),
        DecisionState::Open { .. }
    ));
    let d = k.debrief();
    assert!(decision_row(&d, "jeugdhulp", "d_jh_toestemming").chose_expert);

    // Asking at once: Milan refuses, and the talk was not held.
    let mut k = Case::new(&["jeugdhulp"]);
    k.act("jeugdhulp", &decide("d_jh_toestemming", "o_direct_vragen"));
    assert!(k.s.state().talked[t].is_none());
    assert!(k.refused("c_jh_zvh"));
    // The route is not closed for good: after the talk it can be asked
    // again.
    k.act("jeugdhulp", &talk("t_jh_milan"));
    k.act("jeugdhulp", &ask("c_jh_zvh"));
    assert!(k.given("c_jh_zvh"));
}

/// Every fact a role holds has an origin. A fact the police received in
/// the ZVH is bound to it; once they learn it of their own (Milan tells
/// them himself), it is their own, held under their own regime, and judged
/// as such: the purpose binding of the receipt no longer applies.
#[test]
fn a_received_fact_learned_of_ones_own_becomes_own() {
    let mut k = Case::new(&["politie"]);
    let (pol, jh) = (k.c.ids.roles["politie"], k.c.ids.roles["jeugdhulp"]);
    let verzuim = k.c.ids.facts["f_verzuim"];
    // The gemeente's script brings the truancy into the ZVH sitting.
    k.advance_to("politie", 2, "middag");
    let st = k.s.state();
    let Some(Origin::Share(first)) = st.origin(pol, verzuim) else {
        panic!("received: {:?}", st.origin(pol, verzuim));
    };
    let learned = st.known[pol][verzuim];
    let r = st.receipt(pol, verzuim).unwrap();
    assert_eq!(
        (r.from, r.channel, r.ground),
        (
            k.c.ids.roles["gemeente"],
            k.c.ids.channels["casusoverleg_zvh"],
            k.c.ids.grounds["wgs"]
        )
    );
    assert_eq!(st.shares[first].to, pol);
    assert_eq!(
        st.regime(pol, verzuim),
        Regime::Wpg,
        "police hold it under the Wpg"
    );
    // A care provider holds what she receives about her client under her
    // beroepsgeheim, whoever it came from.
    assert!(matches!(st.origin(jh, verzuim), Some(Origin::Share(_))));
    assert_eq!(st.regime(jh, verzuim), Regime::Beroepsgeheim);

    let j = k.share("politie", &["f_verzuim"], &["riec"], "mail", "wpg");
    expect_rule(&j, "f_verzuim", Verdict::Unlawful, "sr_zvh_doorzenden");

    // Milan tells the police himself.
    k.act("politie", &talk("t_pol_milan"));
    let st = k.s.state();
    assert_eq!(st.origin(pol, verzuim), Some(Origin::Own));
    assert!(st.receipt(pol, verzuim).is_none());
    assert_eq!(st.binding(pol, verzuim), None);
    assert_eq!(st.regime(pol, verzuim), Regime::Wpg);
    assert_eq!(st.known[pol][verzuim], learned, "known since the sitting");
    // Now it is police data of their own: the Wpg decides.
    let j = k.share("politie", &["f_verzuim"], &["riec"], "mail", "wpg");
    expect_rule(&j, "f_verzuim", Verdict::Lawful, "sr_pol_wpg");
}
