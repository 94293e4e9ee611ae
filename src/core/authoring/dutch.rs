//! The checker's messages and hints in Dutch, for the editor. The command
//! line keeps its English (its readers are the people who maintain the
//! cases in files, and its tests read English); a trainer in the editor
//! reads Dutch.
//!
//! One table, `PHRASES`: each English text exactly as the checker writes
//! it, where `{…}` stands for a value, and its Dutch, where `{1}`, `{2}`, …
//! are those values in order. A value is translated in its turn when it is
//! one of the checker's phrases (`option `a` of decision `b``) or a kind of
//! item (`fact`). `tests/core/dutch.rs` holds the table to the checker's
//! source: every text there has a line here, and no line here is stale.
//! A message the table does not know (the RON reader's own words, say)
//! stays English rather than being guessed at.

/// The checker's texts and their Dutch.
pub const PHRASES: &[(&str, &str)] = &[
    // scenario/validate.rs
    ("no role is playable", "geen enkele rol is speelbaar"),
    (
        "set `playable: true` on at least one role",
        "zet bij minstens één rol `playable: true`",
    ),
    (
        "the scenario has no outcomes",
        "de casus heeft geen uitkomsten",
    ),
    (
        "add at least one outcome and name it in `default_outcome`",
        "voeg minstens één uitkomst toe en noem die bij `default_outcome`",
    ),
    (
        "inject `{}` has a `trainer_note` but is not optional",
        "inject `{1}` heeft een `trainer_note` maar is niet optioneel",
    ),
    (
        "set `optional: true` to offer it to the trainer, or remove the note",
        "zet `optional: true` om hem de trainer aan te bieden, of haal de notitie weg",
    ),
    (
        "optional inject `{}` is scheduled by an effect",
        "optionele inject `{1}` wordt door een gevolg ingepland",
    ),
    (
        "an optional inject comes only when the trainer releases it: remove `optional: true`, or the `Schedule` effect",
        "een optionele inject komt alleen als de trainer hem inzet: haal `optional: true` weg, of het gevolg `Schedule`",
    ),
    (
        "optional inject `{}` has a `jitter`, which is not used",
        "optionele inject `{1}` heeft een `jitter`, die niet wordt gebruikt",
    ),
    (
        "the trainer decides when it comes; remove `jitter`",
        "de trainer bepaalt wanneer hij komt; haal `jitter` weg",
    ),
    (
        "optional inject `{}` has no `trainer_note`",
        "optionele inject `{1}` heeft geen `trainer_note`",
    ),
    (
        "tell the trainer when and why to release it, e.g. `trainer_note: \"Als de groep vastloopt op ...\"`",
        "vertel de trainer wanneer en waarom hij hem inzet, bijvoorbeeld `trainer_note: \"Als de groep vastloopt op ...\"`",
    ),
    (
        "playable role `{}` has no briefing",
        "speelbare rol `{1}` heeft geen briefing",
    ),
    (
        "write a `briefing:` that tells the trainee who they are and what they know",
        "schrijf een `briefing:` die de deelnemer vertelt wie hij is en wat hij weet",
    ),
    ("role `{}` has no briefing", "rol `{1}` heeft geen briefing"),
    (
        "a briefing helps the trainer explain this role's part in the debrief",
        "met een briefing kan de trainer in de debrief uitleggen wat deze rol deed",
    ),
    (
        "fact `{}` is never known by any role",
        "feit `{1}` is bij geen enkele rol ooit bekend",
    ),
    (
        "add `known_by`, or reveal it from an inject, talk or rule",
        "vul `known_by` in, of laat een inject, gesprek of regel het onthullen",
    ),
    (
        "fact `{}` is both a signal and a vulnerability",
        "feit `{1}` is zowel een signaal als een kwetsbaarheid",
    ),
    (
        "a fact is a signal (it points at exploitation), a vulnerability (it makes someone susceptible) or neither: keep one of `signal` and `vulnerability: true`",
        "een feit is een signaal (het wijst op uitbuiting), een kwetsbaarheid (het maakt iemand vatbaar) of geen van beide: houd één van `signal` en `vulnerability: true` over",
    ),
    (
        "signal fact `{}` has weight 0",
        "signaal `{1}` heeft gewicht 0",
    ),
    (
        "use weight 1 (weak) to 3 (strong)",
        "gebruik gewicht 1 (zwak) tot 3 (sterk)",
    ),
    (
        "pool `{}` draws {} facts but lists only {}",
        "feitenpool `{1}` trekt {2} feiten maar bevat er maar {3}",
    ),
    (
        "lower `draw` or add facts to the pool",
        "verlaag `draw` of voeg feiten toe aan de pool",
    ),
    (
        "fact `{}` is in pool `{}` but also has `known_by`",
        "feit `{1}` staat in feitenpool `{2}` maar heeft ook `known_by`",
    ),
    (
        "pool facts are given by the draw; remove `known_by`",
        "wie een feit uit een pool krijgt, bepaalt de trekking; haal `known_by` weg",
    ),
    (
        "picture `{}` lists no facts",
        "beeld `{1}` noemt geen feiten",
    ),
    (
        "list the facts that together make the picture, e.g. `facts: [\"f_verzuim\", \"f_pinpas\"]`",
        "noem de feiten die samen het beeld vormen, bijvoorbeeld `facts: [\"f_verzuim\", \"f_pinpas\"]`",
    ),
    (
        "picture `{}` asks for `at_least: {}` of its {} facts",
        "beeld `{1}` vraagt `at_least: {2}` van zijn {3} feiten",
    ),
    (
        "use a number from 1 to the number of facts, or leave `at_least` out (all facts)",
        "gebruik een getal van 1 tot het aantal feiten, of laat `at_least` weg (alle feiten)",
    ),
    (
        "picture `{}` names no role that could act on it",
        "beeld `{1}` noemt geen rol die erop kan handelen",
    ),
    (
        "list the roles that could act on the picture, e.g. `roles: [\"gemeente\", \"politie\"]`",
        "noem de rollen die op het beeld kunnen handelen, bijvoorbeeld `roles: [\"gemeente\", \"politie\"]`",
    ),
    (
        "picture `{}` lists fact `{f}` twice",
        "beeld `{1}` noemt feit `{2}` twee keer",
    ),
    ("list every fact once", "noem elk feit één keer"),
    (
        "picture `{}` lists role `{role}` twice",
        "beeld `{1}` noemt rol `{2}` twee keer",
    ),
    ("list every role once", "noem elke rol één keer"),
    (
        "the `when` of sharing rule #{} can never hold",
        "aan de `when` van deelregel nr. {1} kan nooit worden voldaan",
    ),
    (
        "the rule will never apply; check its condition",
        "de regel geldt dus nooit; controleer de voorwaarde",
    ),
    (
        "meeting `{}` needs at least two members",
        "overleg `{1}` heeft minstens twee leden nodig",
    ),
    (
        "list the participating roles in `members`",
        "noem de deelnemende rollen bij `members`",
    ),
    (
        "report channel `{}` has no recipient",
        "meldkanaal `{1}` heeft geen ontvanger",
    ),
    (
        "list the roles that receive reports in `members`",
        "noem bij `members` de rollen die de meldingen ontvangen",
    ),
    (
        "inject `{}` is never delivered",
        "inject `{1}` komt nooit binnen",
    ),
    (
        "give it `at:` or `when:`, or schedule it from a rule or option",
        "geef hem een `at:` of `when:`, of plan hem in vanuit een regel of optie",
    ),
    (
        "the `when` condition of inject `{}` can never hold",
        "aan de voorwaarde (`when`) van inject `{1}` kan nooit worden voldaan",
    ),
    (
        "check the facts, decisions and injects it depends on: at least one can never happen",
        "controleer de feiten, beslissingen en injects waarvan hij afhangt: minstens één ervan kan nooit gebeuren",
    ),
    (
        "decision `{}` is never opened",
        "beslissing `{1}` wordt nooit geopend",
    ),
    (
        "open it from an inject (`opens`), a rule (`Open`) or an option (`next`)",
        "open haar vanuit een inject (`opens`), een regel (`Open`) of een optie (`next`)",
    ),
    (
        "decision `{}` has no options",
        "beslissing `{1}` heeft geen opties",
    ),
    ("add at least two options", "voeg minstens twee opties toe"),
    (
        "option `{}` of decision `{}` has no feedback",
        "optie `{1}` van beslissing `{2}` heeft geen terugkoppeling",
    ),
    (
        "write `feedback:` explaining why this choice is right or wrong, with the rule",
        "schrijf bij `feedback:` waarom deze keuze goed of fout is, met de regel erbij",
    ),
    (
        "decision `{}` has no expert option, so a role played by script cannot take it",
        "beslissing `{1}` heeft geen deskundige keuze, dus een rol die het script speelt kan haar niet nemen",
    ),
    (
        "mark the best option with `expert: true` (or set `scripted:`)",
        "markeer de beste optie met `expert: true` (of vul `scripted:` in)",
    ),
    (
        "decision `{}` has no expert option",
        "beslissing `{1}` heeft geen deskundige keuze",
    ),
    (
        "mark the best option with `expert: true` so the debrief can show it",
        "markeer de beste optie met `expert: true`, zodat de debrief haar kan tonen",
    ),
    (
        "option `{}` of decision `{}` gives more {} points ({pts}) than the expert option `{}` ({expert_pts})",
        "optie `{1}` van beslissing `{2}` geeft meer punten voor {3} ({4}) dan de deskundige keuze `{5}` ({6})",
    ),
    (
        "the expert option should score best on every competency; otherwise an expert cannot reach the maximum in the debrief",
        "de deskundige keuze hoort op elke competentie het best te scoren; anders haalt een deskundige in de debrief het maximum niet",
    ),
    (
        "decision `{}` has only one option",
        "beslissing `{1}` heeft maar één optie",
    ),
    (
        "a decision needs a real choice: add an alternative",
        "een beslissing vraagt een echte keuze: voeg een alternatief toe",
    ),
    ("rule `{}` can never fire", "regel `{1}` gaat nooit af"),
    (
        "its condition depends on a fact, inject, decision or value that can never occur",
        "de voorwaarde hangt af van een feit, inject, beslissing of waarde die nooit kan voorkomen",
    ),
    (
        "rule `{}` has no effects",
        "regel `{1}` heeft geen gevolgen",
    ),
    (
        "add effects under `then`, or remove the rule",
        "voeg gevolgen toe bij `then`, of verwijder de regel",
    ),
    (
        "expectation `{}` can never be met",
        "aan verwachting `{1}` kan nooit worden voldaan",
    ),
    (
        "its `achieve` condition depends on something that can never occur",
        "de voorwaarde `achieve` hangt af van iets dat nooit kan voorkomen",
    ),
    (
        "expectation `{}` gives no points",
        "verwachting `{1}` levert geen punten op",
    ),
    (
        "add `points:`, e.g. `{Samenwerking: 1}`, or remove the expectation",
        "vul `points:` in, bijvoorbeeld `{Samenwerking: 1}`, of verwijder de verwachting",
    ),
    (
        "expectation `{}` has negative points",
        "verwachting `{1}` heeft negatieve punten",
    ),
    (
        "an expectation rewards what a role should do; a missed one already costs its points",
        "een verwachting beloont wat een rol hoort te doen; wie haar mist, loopt haar punten al mis",
    ),
    (
        "expectation `{}` has no feedback",
        "verwachting `{1}` heeft geen terugkoppeling",
    ),
    (
        "write `feedback:` explaining why this matters, with the rule",
        "schrijf bij `feedback:` waarom dit ertoe doet, met de regel erbij",
    ),
    (
        "a script step of role `{}` can never run",
        "een scriptstap van rol `{1}` kan nooit worden uitgevoerd",
    ),
    (
        "its `when` depends on something that can never occur",
        "de `when` hangt af van iets dat nooit kan voorkomen",
    ),
    // scenario/compile.rs
    ("{kind} `{id}`", "{1} `{2}`"),
    (
        "did you mean `{s}`? Otherwise add it under `{}`",
        "bedoelt u `{1}`? Voeg het anders toe onder `{2}`",
    ),
    (
        "add a {} with this id under `{}`, or correct the reference",
        "voeg onder `{2}` een {1} met dit id toe, of verbeter de verwijzing",
    ),
    (
        "unknown {} `{}` in {}",
        "{3} verwijst naar {1} `{2}`, maar er is geen {1} met dat id",
    ),
    (
        "unknown day-part `{part}` in {}",
        "{2} noemt dagdeel `{1}`, maar de klok kent dat dagdeel niet",
    ),
    (
        "use one of the clock's parts: {}",
        "gebruik een van de dagdelen van de klok: {1}",
    ),
    (
        "day {day} in {} is outside the case clock (days 1 to {})",
        "dag {1} in {2} valt buiten de klok van de casus (dag 1 tot en met {3})",
    ),
    (
        "use a day within `clock.days`, or make the clock longer",
        "kies een dag binnen `clock.days`, of maak de klok langer",
    ),
    (
        "decision `{decision_id}` has no option `{option}` (in {})",
        "beslissing `{1}` heeft geen optie `{2}` (in {3})",
    ),
    (
        "use the id of one of the decision's options",
        "gebruik het id van een van de opties van de beslissing",
    ),
    (
        "{kind} id `{id}` is not a valid id",
        "id `{2}` ({1}) is geen geldig id",
    ),
    (
        "use lowercase letters, digits, `_` and `-` only, e.g. `f_verzuim`",
        "gebruik alleen kleine letters, cijfers, `_` en `-`, bijvoorbeeld `f_verzuim`",
    ),
    (
        "duplicate {kind} id `{id}`",
        "id `{2}` ({1}) komt twee keer voor",
    ),
    (
        "every id must be unique within its section: rename one of them",
        "elk id mag binnen zijn onderdeel maar één keer voorkomen: geef een van beide een andere naam",
    ),
    (
        "scenario id `{}` is not a valid id",
        "het id van de casus, `{1}`, is geen geldig id",
    ),
    (
        "use lowercase letters, digits, `_` and `-` only",
        "gebruik alleen kleine letters, cijfers, `_` en `-`",
    ),
    ("the clock has 0 days", "de klok heeft 0 dagen"),
    (
        "set `clock.days` to 1 or more",
        "zet `clock.days` op 1 of meer",
    ),
    ("the clock has no day-parts", "de klok heeft geen dagdelen"),
    (
        "list the day-parts, e.g. `parts: [\"ochtend\", \"middag\"]`",
        "noem de dagdelen, bijvoorbeeld `parts: [\"ochtend\", \"middag\"]`",
    ),
    (
        "day-part `{p}` appears twice in the clock",
        "dagdeel `{1}` staat twee keer in de klok",
    ),
    (
        "give every day-part a different name",
        "geef elk dagdeel een eigen naam",
    ),
    (
        "leave it out (neither `special` nor `criminal`)",
        "laat het weg (niet `special` en niet `criminal`)",
    ),
    (
        "write `special: true` (AVG art. 9)",
        "schrijf `special: true` (AVG art. 9)",
    ),
    (
        "write `criminal: true` (AVG art. 10)",
        "schrijf `criminal: true` (AVG art. 10)",
    ),
    (
        "fact `{}` uses `category: {cat:?}` (scenario format 1); it is read as before",
        "feit `{1}` gebruikt `category: {2}` (casusformaat 1); het wordt gelezen zoals eerst",
    ),
    (
        "{instead}; a fact can be both special and criminal. Check whether it really is: an observation without an offence or suspicion is not criminal-law data. `ketensim migrate FILE` rewrites the file",
        "{1}; een feit kan zowel bijzonder als strafrechtelijk zijn. Ga na of het dat echt is: een waarneming zonder strafbaar feit of verdenking is geen strafrechtelijk gegeven. `ketensim migrate BESTAND` herschrijft het bestand",
    ),
    (
        "channel `{}` is not a meeting: `sits`, `convene` and `always` only apply to `kind: Meeting`",
        "kanaal `{1}` is geen overleg: `sits`, `convene` en `always` gelden alleen bij `kind: Meeting`",
    ),
    (
        "remove them, or make the channel a `Meeting`",
        "haal ze weg, of maak van het kanaal een `Meeting`",
    ),
    (
        "meeting `{}` says neither when it sits nor who may convene it (scenario format 1); it is treated as always in session",
        "overleg `{1}` zegt niet wanneer het zit en ook niet wie het bijeen mag roepen (casusformaat 1); het geldt als altijd in zitting",
    ),
    (
        "a casusoverleg sits at a time: add `sits: [(day: 2, part: \"middag\")]` and/or `convene: (by: [], lead: 1)`; write `always: true` if it really is always in session. `ketensim migrate FILE` writes `always: true`",
        "een casusoverleg zit op een moment: voeg `sits: [(day: 2, part: \"middag\")]` en/of `convene: (by: [], lead: 1)` toe; schrijf `always: true` als het echt altijd in zitting is. `ketensim migrate BESTAND` schrijft `always: true`",
    ),
    (
        "`{id}` may convene meeting `{}` but is not a member",
        "`{1}` mag overleg `{2}` bijeenroepen maar is geen lid",
    ),
    (
        "add the role to `members`, or remove it from `convene.by`",
        "voeg de rol toe aan `members`, of haal haar weg uit `convene.by`",
    ),
    (
        "`{id}` may use meeting `{}` but is not a member",
        "`{1}` mag overleg `{2}` gebruiken maar is geen lid",
    ),
    (
        "add the role to `members`, or remove it from `users`",
        "voeg de rol toe aan `members`, of haal haar weg uit `users`",
    ),
    (
        "consent request `{}` does not say which consent it asks for; it is read as `kind: Both` (the old rule: from 12 to 15 the young person and the guardians)",
        "toestemmingsvraag `{1}` zegt niet om welke toestemming het gaat; ze wordt gelezen als `kind: Both` (de oude regel: van 12 tot en met 15 jaar de jongere en de gezagsdragers)",
    ),
    (
        "write `kind: Secrecy` for consent that lifts beroepsgeheim (from 12 the young person decides himself when he can weigh his interests), `kind: Processing` for AVG consent as the processing ground (under 16 the legal representative), or `kind: Both` when both are asked at once. `ketensim migrate FILE` writes `kind: Both`",
        "schrijf `kind: Secrecy` voor toestemming die het beroepsgeheim doorbreekt (vanaf 12 jaar beslist de jongere zelf als hij zijn belangen kan overzien), `kind: Processing` voor toestemming als grondslag onder de AVG (onder de 16 de wettelijk vertegenwoordiger), of `kind: Both` als beide tegelijk worden gevraagd. `ketensim migrate BESTAND` schrijft `kind: Both`",
    ),
    (
        "`{}` is {a}: under 12 the guardians decide on lifting beroepsgeheim",
        "`{1}` is {2}: onder de 12 beslissen de gezagsdragers over het doorbreken van het beroepsgeheim",
    ),
    (
        "`{}` is {a}: under 16 the legal representative gives AVG consent",
        "`{1}` is {2}: onder de 16 geeft de wettelijk vertegenwoordiger de toestemming onder de AVG",
    ),
    (
        "`{}` cannot weigh his interests (`capable: false`): his guardian or representative decides",
        "`{1}` kan zijn belangen niet overzien (`capable: false`): zijn gezagsdrager of vertegenwoordiger beslist",
    ),
    (
        "nobody can give consent request `{}`: {why}, and `{}` has no `guardians`",
        "niemand kan toestemmingsvraag `{1}` beantwoorden: {2}, en `{3}` heeft geen `guardians`",
    ),
    (
        "add `guardians: [\"...\"]` to the subject (parents with gezag, or an adult's curator or mentor)",
        "voeg `guardians: [\"...\"]` toe aan de persoon (ouders met gezag, of bij een volwassene de curator of mentor)",
    ),
    (
        "`{}` answers `{}` but is neither `{}` nor one of his guardians: the answer is ignored",
        "`{1}` beantwoordt `{2}` maar is `{3}` niet en ook geen gezagsdrager: het antwoord telt niet mee",
    ),
    (
        "answers come from the person the data is about or his guardians",
        "antwoorden komen van de persoon over wie de gegevens gaan of van zijn gezagsdragers",
    ),
    (
        "`{}` decides on consent request `{}` ({}) but has no answer: it is always refused",
        "`{1}` beslist over toestemmingsvraag `{2}` ({3}) maar heeft geen antwoord: de toestemming wordt dus altijd geweigerd",
    ),
    (
        "give every person whose answer decides an answer (`person: ...`); add a `when` for when they agree",
        "geef iedereen wiens antwoord beslist een antwoord (`person: ...`); voeg een `when` toe voor wanneer hij instemt",
    ),
    (
        "consent request `{}` covers every fact about `{}` (`facts: []`){}",
        "toestemmingsvraag `{1}` geldt voor alle feiten over `{2}` (`facts: []`){3}",
    ),
    (
        ", including what the role holds under beroepsgeheim",
        ", ook wat de rol onder beroepsgeheim weet",
    ),
    (
        "a consent covers what was asked: list the facts in `facts: [...]` (only what the recipients need)",
        "een toestemming geldt voor wat gevraagd is: noem de feiten bij `facts: [...]` (alleen wat de ontvangers nodig hebben)",
    ),
    ("sharing rule `{id}`", "deelregel `{1}`"),
    ("sharing rule #{}", "deelregel nr. {1}"),
    (
        "talk `{}` asks consent `{request}` on the trainee's behalf",
        "gesprek `{1}` vraagt toestemming `{2}` namens de deelnemer",
    ),
    (
        "let the role ask it itself (the action `AskConsent`, shown as \"Toestemming vragen\"), or put it in a decision option that says so",
        "laat de rol het zelf vragen (de handeling `AskConsent`, in beeld als \"Toestemming vragen\"), of zet het in een optie van een beslissing die dat zegt",
    ),
    (
        "option `{}` of decision `{}`",
        "optie `{1}` van beslissing `{2}`",
    ),
    (
        "decision `{}` marks {} options as expert",
        "beslissing `{1}` markeert {2} opties als deskundige keuze",
    ),
    (
        "mark exactly one option with `expert: true`",
        "markeer precies één optie met `expert: true`",
    ),
    // scenario/load.rs
    (" in `{o}`", " in `{1}`"),
    ("missing field `{field}`{}", "veld `{1}` ontbreekt{2}"),
    (
        "add `{field}: ...` to this item",
        "voeg `{1}: ...` toe aan dit onderdeel",
    ),
    ("unknown field `{found}`{}", "onbekend veld `{1}`{2}"),
    ("expected one of: {}", "verwacht een van: {1}"),
    (
        "field `{field}` appears twice{}",
        "veld `{1}` staat er twee keer{2}",
    ),
    ("remove one of them", "haal er een weg"),
    ("unknown value `{found}`{}", "onbekende waarde `{1}`{2}"),
    (
        "expected a comma: a `\"` ended the text here, but more text follows",
        "hier hoort een komma: een `\"` beëindigde de tekst, maar er volgt nog tekst",
    ),
    (
        "a double quote inside a text ends the text: write it as `\\\"`, e.g. `text: \"Hij zei \\\"nee\\\".\"` (or use other quotes: ‘nee’); if the text really ends here, add the missing `,`",
        "een dubbel aanhalingsteken in een tekst beëindigt de tekst: schrijf het als `\\\"`, bijvoorbeeld `text: \"Hij zei \\\"nee\\\".\"` (of gebruik andere aanhalingstekens: ‘nee’); als de tekst hier echt ophoudt, voeg dan de ontbrekende `,` toe",
    ),
    ("expected a comma", "hier hoort een komma"),
    (
        "separate fields and list items with `,`; it is often missing at the end of the line before",
        "scheid velden en lijstonderdelen met `,`; vaak ontbreekt die aan het eind van de regel ervoor",
    ),
    (
        "{item} has exactly one `{f}`, not a list",
        "{1} heeft precies één `{2}`, geen lijst",
    ),
    (
        "`{f}` takes exactly one value, not a list",
        "`{1}` krijgt precies één waarde, geen lijst",
    ),
    (
        "expected one value in double quotes, not a list",
        "verwacht één waarde tussen dubbele aanhalingstekens, geen lijst",
    ),
    (
        "write one value in double quotes: `{field}: \"{example}\"`",
        "schrijf één waarde tussen dubbele aanhalingstekens: `{1}: \"{2}\"`",
    ),
    ("a talk", "een gesprek"),
    (
        "; for a conversation with another person, add a second talk",
        "; voeg voor een gesprek met iemand anders een tweede gesprek toe",
    ),
    ("`{f}` takes a list", "`{1}` krijgt een lijst"),
    ("expected a list", "verwacht een lijst"),
    (
        "write it in square brackets, also for one value: `{field}: [\"{v}\"]`",
        "schrijf het tussen vierkante haken, ook bij één waarde: `{1}: [\"{2}\"]`",
    ),
    (
        "write it in square brackets, also for one value: `{field}: [...]`",
        "schrijf het tussen vierkante haken, ook bij één waarde: `{1}: [...]`",
    ),
    (
        "texts and ids are written in double quotes: \"...\"",
        "teksten en id's staan tussen dubbele aanhalingstekens: \"...\"",
    ),
    ("the file ends too early", "het bestand houdt te vroeg op"),
    (
        "a `)`, `]` or `\"` is probably missing, or a `\"` inside a text was not written as `\\\"`; check the item above",
        "waarschijnlijk ontbreekt een `)`, `]` of `\"`, of staat er een `\"` in een tekst die niet als `\\\"` is geschreven; controleer het onderdeel erboven",
    ),
    (
        "unexpected text after the end of the scenario",
        "onverwachte tekst na het einde van de casus",
    ),
    (
        "the scenario must be one `( ... )` block; check for an extra `)`",
        "de casus moet één blok `( ... )` zijn; kijk of er een `)` te veel staat",
    ),
    (
        "conditions are nested too deeply",
        "voorwaarden zijn te diep genest",
    ),
    (
        "split the condition into several rules",
        "verdeel de voorwaarde over meer regels",
    ),
    ("a consent request", "een toestemmingsvraag"),
    ("an inject", "een inject"),
    ("a decision", "een beslissing"),
    ("a fact", "een feit"),
    ("a role", "een rol"),
    ("a channel", "een kanaal"),
    ("a rule", "een regel"),
    ("an expectation", "een verwachting"),
    ("a consult", "een raadpleging"),
    ("a pool", "een feitenpool"),
    ("a consent answer", "een antwoord op een toestemmingsvraag"),
    ("an option", "een optie"),
    (
        "script step {} of `{}` can never run: {message}",
        "scriptstap {1} van `{2}` kan nooit worden uitgevoerd: {3}",
    ),
    (
        "`{role_id}` cannot use `{ch_id}` (`users`)",
        "`{1}` kan `{2}` niet gebruiken (`users`)",
    ),
    (
        "the channel is for its `users` ({}): add `{role_id}` there, or share through another channel",
        "het kanaal is er voor zijn `users` ({1}): voeg `{2}` daar toe, of deel via een ander kanaal",
    ),
    ("it shares no facts", "de stap deelt geen feiten"),
    (
        "list the facts to share in `facts`",
        "noem de te delen feiten bij `facts`",
    ),
    (
        "`{role_id}` is no member of meeting `{ch_id}`",
        "`{1}` is geen lid van overleg `{2}`",
    ),
    (
        "add `{role_id}` to the meeting's `members` ({}), or share through another channel",
        "voeg `{1}` toe aan de `members` van het overleg ({2}), of deel via een ander kanaal",
    ),
    (
        "it names recipients (`to`) in meeting `{ch_id}`",
        "de stap noemt ontvangers (`to`) in overleg `{1}`",
    ),
    (
        "in a meeting every member present hears it: leave `to` empty (`to: []`, or leave it out)",
        "in een overleg hoort elk aanwezig lid het: laat `to` leeg (`to: []`, of laat het weg)",
    ),
    (
        "it names no recipient for `{ch_id}`",
        "de stap noemt geen ontvanger voor `{1}`",
    ),
    ("list the recipients in `to`", "noem de ontvangers bij `to`"),
    ("`{role_id}` shares with itself", "`{1}` deelt met zichzelf"),
    (
        "remove the role itself from `to`",
        "haal de rol zelf weg uit `to`",
    ),
    (
        "`{}` cannot receive through `{ch_id}`",
        "`{1}` kan niets ontvangen via `{2}`",
    ),
    (
        "the channel reaches only its `members` ({}): add the role there, or share through another channel",
        "het kanaal bereikt alleen zijn `members` ({1}): voeg de rol daar toe, of deel via een ander kanaal",
    ),
    (
        "`{role_id}` may not consult `{}`",
        "`{1}` mag `{2}` niet raadplegen",
    ),
    (
        "add `{role_id}` to the consult's `roles` ({})",
        "voeg `{1}` toe aan de `roles` van de raadpleging ({2})",
    ),
    (
        "talk `{}` is held by `{}`",
        "gesprek `{1}` wordt gevoerd door `{2}`",
    ),
    (
        "a role holds only its own talks: move the step to that role's script",
        "een rol voert alleen haar eigen gesprekken: zet de stap in het script van die rol",
    ),
    (
        "decision `{}` is taken by `{}`",
        "beslissing `{1}` wordt genomen door `{2}`",
    ),
    (
        "a role takes only its own decisions: move the step to that role's script",
        "een rol neemt alleen haar eigen beslissingen: zet de stap in het script van die rol",
    ),
    (
        "consent request `{}` is asked by `{}`",
        "toestemmingsvraag `{1}` wordt gesteld door `{2}`",
    ),
    (
        "a role asks only its own consent requests: move the step to that role's script",
        "een rol stelt alleen haar eigen toestemmingsvragen: zet de stap in het script van die rol",
    ),
    (
        "`{id}` is no meeting that can be convened",
        "`{1}` is geen overleg dat bijeengeroepen kan worden",
    ),
    (
        "give the meeting `convene: (by: [...], lead: 1)`, or remove the step",
        "geef het overleg `convene: (by: [...], lead: 1)`, of haal de stap weg",
    ),
    (
        "`{role_id}` may not convene `{id}`",
        "`{1}` mag `{2}` niet bijeenroepen",
    ),
    (
        "a role convenes a meeting it is a member of and that lists it under `convene.by` (or lists no one)",
        "een rol roept een overleg bijeen waarvan ze lid is en dat haar bij `convene.by` noemt (of daar niemand noemt)",
    ),
    (
        "a script cannot end the day-part",
        "een script kan het dagdeel niet beëindigen",
    ),
    (
        "remove the step: the clock moves when the played roles end their turn",
        "haal de stap weg: de klok loopt door als de gespeelde rollen hun beurt beëindigen",
    ),
    (
        "cannot read file: {e}",
        "het bestand kan niet worden gelezen: {1}",
    ),
    (
        "check the path and the file's permissions",
        "controleer de plaats van het bestand en de rechten erop",
    ),
    (
        "the file is not valid UTF-8",
        "het bestand is geen geldige UTF-8",
    ),
    ("save the file as UTF-8", "sla het bestand op als UTF-8"),
    // eval/lint.rs
    (
        "expectation `{}` is not met on the expert path of role `{}`",
        "aan verwachting `{1}` wordt op het deskundige pad van rol `{2}` niet voldaan",
    ),
    (
        "expectation `{}` is met late on the expert path of role `{}` ({}, deadline {})",
        "aan verwachting `{1}` wordt op het deskundige pad van rol `{2}` te laat voldaan ({3}, uiterlijk {4})",
    ),
    (
        "the expert path is the role's `script` plus expert options (seed {LINT_SEED}); make the script do what the expectation asks, in time, or change the expectation — otherwise an expert cannot reach the maximum score",
        "het deskundige pad is het `script` van de rol plus de deskundige keuzes (seed {1}); laat het script op tijd doen wat de verwachting vraagt, of pas de verwachting aan — anders haalt een deskundige de hoogste score niet",
    ),
    (
        "the engine's consent check or the policy's default",
        "de toestemmingscontrole of de standaard van de beoordeling",
    ),
    (
        "on the expert path, `{}` shares fact `{}` with `{}` and it is judged {} (by {by})",
        "op het deskundige pad deelt `{1}` feit `{2}` met `{3}`, en dat wordt beoordeeld als {4} (door {5})",
    ),
    (
        "scripts are what an expert does: a trainee learns from them and their breaches count in `Breach` conditions; change the script step or the sharing rules",
        "een script is wat een deskundige doet: deelnemers leren ervan, en een overtreding erin telt mee in `Breach`-voorwaarden; pas de scriptstap of de deelregels aan",
    ),
    (
        "signal `{}` reaches no playable role on its expert path, so no trainee is scored on it",
        "signaal `{1}` bereikt op het deskundige pad geen speelbare rol, dus geen deelnemer krijgt er punten voor",
    ),
    (
        "let an inject, a talk or a script share bring it to a playable role, or make it no signal",
        "laat een inject, een gesprek of een verstrekking in een script het bij een speelbare rol brengen, of maak er geen signaal van",
    ),
    (
        "expectation `{}` asks for it",
        "verwachting `{1}` vraagt erom",
    ),
    (
        "the script of `{}` (its expert path) does it",
        "het script van `{1}` (het deskundige pad) doet het",
    ),
    (
        "every way for `{}` to share fact `{}` with `{}` is judged unlawful or excessive by the sharing rules, but {why}",
        "elke manier waarop `{1}` feit `{2}` met `{3}` kan delen, is volgens de deelregels onrechtmatig of te veel, maar {4}",
    ),
    (
        "the first sharing rule that matches decides (then `sharing.default`): add a rule that makes a fitting channel and ground lawful, or change the expectation or script",
        "de eerste deelregel die past beslist (daarna `sharing.default`): voeg een regel toe die een passend kanaal met een passende grondslag rechtmatig maakt, of pas de verwachting of het script aan",
    ),
    (
        "decision `{}` scores nothing: none of its options has points, so the trainee's choice does not count in the evaluation",
        "beslissing `{1}` levert niets op: geen van haar opties heeft punten, dus de keuze van de deelnemer telt niet mee in de evaluatie",
    ),
    (
        "give the options `points:` per competency (the expert option the most), or let the decision be taken by script",
        "geef de opties `points:` (de deskundige keuze de meeste), of laat het script de beslissing nemen",
    ),
    (
        "nothing role `{}` does is scored: it sees no signal on its expert path, has no decision with points and no expectation",
        "niets wat rol `{1}` doet, levert punten op: ze ziet op haar deskundige pad geen signaal, en heeft geen beslissing met punten en geen verwachting",
    ),
    (
        "give it signals to see, decisions with points or `expectations`, or make it `playable: false`",
        "geef haar signalen om te zien, beslissingen met punten of `expectations`, of zet `playable: false`",
    ),
    // fairness.rs
    (
        "the expert option is the longest label in {} of {} decisions ({}): a trainee can pick it by its length",
        "de deskundige keuze heeft bij {1} van de {2} beslissingen de langste tekst ({3}): een deelnemer kan haar aan de lengte herkennen",
    ),
    (
        "write options of comparable length and care; keep the expert option the longest in under half of the decisions",
        "schrijf opties van vergelijkbare lengte en zorg; laat de deskundige keuze bij minder dan de helft van de beslissingen de langste zijn",
    ),
    (
        "role `{}`: flagging every fact scores {} on Signalering, as much as flagging only the signals ({})",
        "rol `{1}`: wie elk feit markeert, scoort {2} op Signalering, evenveel als wie alleen de signalen markeert ({3})",
    ),
    (
        "give the role real noise: ordinary facts it holds that are neither signal nor vulnerability (a flag on them costs a point)",
        "geef de rol echte ruis: gewone feiten die ze kent en die geen signaal en geen kwetsbaarheid zijn (een markering daarop kost een punt)",
    ),
    (
        "the Start card (`{key}`) names fact `{}` ({}), which not every playable role holds at the start",
        "de Startkaart (`{1}`) noemt feit `{2}` ({3}), dat niet elke speelbare rol bij de start kent",
    ),
    (
        "describe the starting situation as any participant may know it; the signals are for the trainees to find",
        "beschrijf de beginsituatie zoals elke deelnemer die mag kennen; de signalen moeten de deelnemers zelf vinden",
    ),
    (
        "the briefing of `{}` names fact `{}` ({}), which the role does not hold at the start",
        "de briefing van `{1}` noemt feit `{2}` ({3}), dat de rol bij de start niet kent",
    ),
    (
        "give the role its own tasks and context without the solutions; the full learning goals belong in `learning_goals` (shown in the debrief)",
        "geef de rol haar eigen taken en context zonder de oplossingen; de volledige leerdoelen horen bij `learning_goals` (in de debrief te zien)",
    ),
    // library.rs
    (
        "cannot read folder: {e}",
        "de map kan niet worden gelezen: {1}",
    ),
    // scenario/privacy.rs
    (
        "a BSN (it passes the 11-test)",
        "een BSN (het voldoet aan de elfproef)",
    ),
    (
        "an IBAN (it passes the mod-97 check)",
        "een IBAN (het voldoet aan de mod-97-controle)",
    ),
    ("a Dutch phone number", "een Nederlands telefoonnummer"),
    ("an e-mail address", "een e-mailadres"),
    ("a Dutch licence plate", "een Nederlands kenteken"),
    ("`{}` looks like {}", "`{1}` lijkt op {2}"),
    (
        "training material must be fictional: change it into a clearly fictional value, or, if it is a deliberate fictional example, list it under `privacy_allow`",
        "oefenmateriaal moet verzonnen zijn: maak er een duidelijk verzonnen waarde van, of zet het, als het een bewust verzonnen voorbeeld is, bij `privacy_allow`",
    ),
];

/// The RON reader's own messages (`ron` 0.12) that a RON field in the
/// editor meets, and their Dutch; the checker's `explain` covers the rest.
/// `tests/core/dutch.rs` makes the reader produce each of them.
pub const RON_PHRASES: &[(&str, &str)] = &[
    ("Unexpected end of RON", "de tekst houdt te vroeg op"),
    ("Expected opening `[`", "hier hoort een `[`"),
    ("Expected boolean", "hier hoort `true` of `false`"),
    ("Expected comma", "hier hoort een komma"),
    ("Expected float", "hier hoort een getal"),
    ("Expected integer", "hier hoort een geheel getal"),
    ("Expected closing `)`", "hier hoort een `)`"),
    ("Expected opening `{`", "hier hoort een `{`"),
    ("Expected colon", "hier hoort een `:`"),
    ("Expected opening `(`", "hier hoort een `(`"),
    ("Expected opening `(` for struct {}", "hier hoort een `(`"),
    (
        "Invalid digit {} for base {} integers",
        "ongeldig cijfer {1} in een getal",
    ),
    (
        "Found invalid std identifier {}, try the raw identifier {} instead",
        "{1} is geen geldige naam",
    ),
    (
        "Expected string",
        "hier hoort een tekst tussen dubbele aanhalingstekens",
    ),
    (
        "Expected end of string",
        "de tekst mist het afsluitende `\"`",
    ),
    ("Expected identifier", "hier hoort een naam"),
    (
        "Integer is out of bounds",
        "het getal is te groot of te klein",
    ),
    ("Unexpected char {:?}", "onverwacht teken {1}"),
    (
        "Non-whitespace trailing characters",
        "er staat nog tekst na het einde van de waarde",
    ),
    ("Unclosed block comment", "een `/*` wordt niet gesloten"),
    (
        "Missing { in Unicode escape",
        "na `\\u` hoort een `{`, bijvoorbeeld `\\u{e9}` voor é",
    ),
    (
        "Unknown escape character",
        "onbekend teken na een `\\` in een tekst: schrijf een `\\` zelf als `\\\\`",
    ),
];

/// The kinds of items the checker names, and their Dutch.
const NOUNS: &[(&str, &str)] = &[
    ("role", "rol"),
    ("subject", "persoon"),
    ("fact", "feit"),
    ("channel", "kanaal"),
    ("ground", "grondslag"),
    ("consult", "raadpleging"),
    ("talk", "gesprek"),
    ("inject", "inject"),
    ("decision", "beslissing"),
    ("variable", "variabele"),
    ("outcome", "uitkomst"),
    ("consent request", "toestemmingsvraag"),
    ("expectation", "verwachting"),
    ("rule", "regel"),
    ("pool", "feitenpool"),
    ("picture", "beeld"),
    ("option", "optie"),
    ("scenario", "casus"),
];

/// A piece of a template: text to match exactly, or a value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    /// A value, with its name in the template (`id` of `{id}`, empty for
    /// `{}`).
    Value(&'a str),
}

/// The pieces of an English template: `{` + a name, a format spec or
/// nothing + `}` is a value; anything else (`{Samenwerking: 1}` has a
/// space) is text.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let bytes = template.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'{'
            && let Some(len) = template[i + 1..].find('}')
            && template[i + 1..i + 1 + len]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '?'))
        {
            if start < i {
                out.push(Piece::Text(&template[start..i]));
            }
            let name = &template[i + 1..i + 1 + len];
            out.push(Piece::Value(name.split(':').next().unwrap_or("")));
            i += len + 2;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < template.len() {
        out.push(Piece::Text(&template[start..]));
    }
    out
}

/// The values of `s` if it has the shape of `pieces` (values as short as
/// they can be, trying longer ones when the rest does not fit).
fn fit<'s>(pieces: &[Piece<'_>], s: &'s str, values: &mut Vec<&'s str>) -> bool {
    match pieces.split_first() {
        None => s.is_empty(),
        Some((Piece::Text(t), rest)) => s
            .strip_prefix(t)
            .is_some_and(|after| fit(rest, after, values)),
        Some((Piece::Value(_), rest)) => match rest.first() {
            None => {
                values.push(s);
                true
            }
            Some(Piece::Text(t)) => {
                for (at, _) in s.match_indices(t) {
                    values.push(&s[..at]);
                    if fit(rest, &s[at..], values) {
                        return true;
                    }
                    values.pop();
                }
                false
            }
            // Two values in a row: the first takes nothing.
            Some(Piece::Value(_)) => {
                values.push("");
                if fit(rest, s, values) {
                    return true;
                }
                values.pop();
                false
            }
        },
    }
}

/// Whether `text` has the shape of English `template` (for the tests).
pub fn fits(template: &str, text: &str) -> bool {
    fit(&pieces(template), text, &mut Vec::new())
}

/// The Dutch of one of the checker's texts, `None` when the table does not
/// know it. Of the templates that fit, the one with the most fixed text
/// wins (`decision `x` has no expert option, so…` over `decision `x` has
/// no expert option`).
pub fn translate(en: &str) -> Option<String> {
    let mut best: Option<(&Template, Vec<&str>)> = None;
    for t in templates() {
        if best.as_ref().is_some_and(|(b, _)| b.fixed >= t.fixed) {
            continue;
        }
        let mut values = Vec::new();
        if fit(&t.pieces, en, &mut values) {
            best = Some((t, values));
        }
    }
    let (t, values) = best?;
    let names: Vec<&str> = t
        .pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Value(name) => Some(*name),
            Piece::Text(_) => None,
        })
        .collect();
    let values: Vec<(&str, &str)> = names.into_iter().zip(values).collect();
    Some(fill(t.nl, &values))
}

/// A line of the tables, taken apart once.
struct Template {
    pieces: Vec<Piece<'static>>,
    /// How much fixed text it has: the most specific template wins.
    fixed: usize,
    nl: &'static str,
}

fn templates() -> &'static [Template] {
    static TEMPLATES: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| {
        PHRASES
            .iter()
            .chain(RON_PHRASES)
            .map(|(en, nl)| {
                let pieces = pieces(en);
                let fixed = pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text(t) => t.len(),
                        Piece::Value(_) => 0,
                    })
                    .sum();
                Template { pieces, fixed, nl }
            })
            // A template of values alone would fit anything.
            .filter(|t| t.fixed > 0)
            .collect()
    })
}

/// The Dutch template `nl` with `{1}`, `{2}`, … replaced by the values,
/// each translated when it is a phrase or a kind of item.
fn fill(nl: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(nl.len() + 32);
    let mut rest = nl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let number = after
            .find('}')
            .and_then(|close| Some((close, after[..close].parse::<usize>().ok()?)));
        match number {
            Some((close, n)) if n >= 1 && n <= values.len() => {
                let (name, v) = values[n - 1];
                out.push_str(&value(name, v));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A value in a message: a kind of item (in a `{}` or `{kind}`) or a
/// phrase of the checker in Dutch, anything else (an id, a field name, a
/// number, a text from the case) as it is.
fn value(name: &str, v: &str) -> String {
    if matches!(name, "" | "kind")
        && let Some((_, nl)) = NOUNS.iter().find(|(en, _)| *en == v)
    {
        return (*nl).to_string();
    }
    // Ids and numbers have no spaces; only phrases are looked up, and not
    // in values that quote the case (`{example}`, `{v}`) or the system
    // (`{e}`).
    if v.contains(' ')
        && !matches!(name, "example" | "v" | "e")
        && let Some(nl) = translate(v)
    {
        return nl;
    }
    v.to_string()
}

/// Problems as the Start screen shows them for a case file that does not
/// load: the place in the file, the line with a caret, in Dutch (field
/// names as in the file: its reader is editing the file).
pub fn report(diags: &crate::core::diag::Diagnostics) -> String {
    diags
        .0
        .iter()
        .map(|d| {
            d.render(["fout", "waarschuwing", "tip"], |s| {
                translate(s).unwrap_or_else(|| s.to_string())
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Dutch of a message, or the message itself when the table does not
/// know it; field names in back quotes that have a Dutch label in the
/// editor (`known_by`) are written as that label (‘Bekend bij’).
pub fn for_editor(en: &str) -> String {
    let nl = translate(en).unwrap_or_else(|| en.to_string());
    with_labels(&nl)
}

/// `text` with every `` `field` `` that is a field or list with a Dutch
/// label in the editor written as ‘Label’.
fn with_labels(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    let mut i = 0;
    while i < rest.len() {
        // rest[i] is inside back quotes when a closing one follows.
        if i + 1 < rest.len() {
            let inner = rest[i];
            // `feedback:` is the field too.
            let name = inner.strip_suffix(':').unwrap_or(inner);
            // A list of the case where an item is to be added ("onder
            // `roles`") is written as the outline names it (‘Rollen’);
            // elsewhere `roles` is a field (of a consult, say).
            let list = out
                .ends_with("onder ")
                .then(|| super::form::LISTS.iter().find(|(list, _)| *list == name))
                .flatten();
            let label = list.map_or_else(|| super::form::label_of(name), |(_, l)| (*l).to_string());
            if label != name && is_field_name(name) {
                out.push('‘');
                out.push_str(&label);
                out.push('’');
            } else {
                out.push('`');
                out.push_str(inner);
                out.push('`');
            }
            out.push_str(rest[i + 1]);
            i += 2;
        } else {
            out.push('`');
            out.push_str(rest[i]);
            i += 1;
        }
    }
    out
}

fn is_field_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}
