//! The coder on short news texts with the bundled dictionaries: each test states one reading
//! rule of `dateline_code::coder` and checks it on a sentence that needs it.

use chrono::NaiveDate;
use dateline_code::coder::{CodedArticle, Coder, CoderOptions};
use dateline_code::dict::Dictionaries;
use dateline_nlp::pipeline::Analyzer;
use once_cell::sync::Lazy;

static ANALYZER: Lazy<Analyzer> = Lazy::new(|| Analyzer::bundled().expect("bundled models"));
static CODER: Lazy<Coder> = Lazy::new(|| {
    let dicts = Dictionaries::bundled().expect("bundled dictionaries");
    Coder::new(dicts.compile(), CoderOptions::default())
});

fn code(text: &str) -> CodedArticle {
    let sentences = ANALYZER.analyze(text);
    CODER.code_sentences(&sentences, NaiveDate::from_ymd_opt(2014, 7, 22))
}

/// (source, target, cameo, trigger) of every event.
fn triples(coded: &CodedArticle) -> Vec<(String, String, String, String)> {
    coded
        .events
        .iter()
        .map(|e| {
            (
                e.source
                    .as_ref()
                    .map(|a| a.code.clone())
                    .unwrap_or_default(),
                e.target
                    .as_ref()
                    .map(|a| a.code.clone())
                    .unwrap_or_default(),
                e.cameo.clone(),
                e.trigger.text.clone(),
            )
        })
        .collect()
}

fn has(coded: &CodedArticle, source: &str, target: &str, code: &str) -> bool {
    triples(coded)
        .iter()
        .any(|(s, t, c, _)| s.starts_with(source) && t.starts_with(target) && c.starts_with(code))
}

#[test]
fn a_surname_after_the_full_name_is_the_same_actor() {
    // Phoenix lists JOHN_KERRY, not a bare KERRY ("somewhat vague" in its own comment).
    let coded = code("Secretary of State John Kerry arrived in Cairo on Monday. Kerry met Egypt's foreign minister.");
    assert!(has(&coded, "USAGOV", "EGY", "04"), "{:?}", triples(&coded));
}

#[test]
fn a_definite_group_description_names_the_group_mentioned_before() {
    let coded = code(
        "Hamas fired rockets into Israel on Monday. The United Nations urged the militant Palestinian group to stop.",
    );
    assert!(
        has(&coded, "IGOUNO", "PSEREBHMS", "02"),
        "{:?}",
        triples(&coded)
    );
}

#[test]
fn a_wire_dateline_is_not_an_actor() {
    let coded = code("AMMAN (Reuters) — Egypt's foreign minister met Jordan's king on Tuesday.");
    assert!(has(&coded, "EGYGOV", "JOR", "04"), "{:?}", triples(&coded));
    assert!(
        !triples(&coded).iter().any(|(s, ..)| s == "JOR"),
        "{:?}",
        triples(&coded)
    );
}

#[test]
fn negated_and_requested_acts_are_not_events_but_expected_ones_are_intents() {
    let coded = code("Jordan did not meet Israeli officials.");
    assert!(!has(&coded, "JOR", "ISR", "04"), "{:?}", triples(&coded));
    let coded = code("The United Nations urged Israel to withdraw its troops.");
    assert!(has(&coded, "IGOUNO", "ISR", "02"), "{:?}", triples(&coded));
    assert!(
        !triples(&coded).iter().any(|(.., trig)| trig == "withdraw"),
        "{:?}",
        triples(&coded)
    );
    let coded = code("Egypt's foreign minister is expected to meet Israeli officials.");
    let meet = coded
        .events
        .iter()
        .find(|e| e.trigger.text == "meet")
        .expect("the meeting is coded");
    assert_eq!((meet.cameo.as_str(), meet.mood), ("036", "intent"));
}

#[test]
fn issues_of_the_phoenix_list_are_reported_with_each_event() {
    let coded = code("Hamas fired rockets into Israel.");
    assert!(coded
        .issues
        .iter()
        .any(|i| i.code == "NAMED_TERROR_GROUP" && i.text.text == "Hamas"));
    let fired = coded
        .events
        .iter()
        .find(|e| e.trigger.text == "fired")
        .expect("the attack is coded");
    assert!(
        fired.issues.contains(&"NAMED_TERROR_GROUP".to_string()),
        "{:?}",
        fired.issues
    );
    assert_eq!(fired.quad_class, Some(4));
    assert_eq!(
        fired.plover.as_ref().map(|p| p.event.as_str()),
        Some("ASSAULT")
    );
}

#[test]
fn a_sentence_of_the_discard_list_is_dropped_and_named() {
    let coded = code("Egypt's foreign minister met Jordan's king. The goalkeeper scored a goal.");
    assert!(
        coded.discarded.is_some() || !coded.discarded_sentences.is_empty(),
        "{coded:?}"
    );
}

#[test]
fn roles_read_from_the_text_take_the_country_the_text_gives() {
    // Phoenix does not list Sameh Shukri; his role and the adjective give EGY + GOV, even
    // when the parser splits the noun phrase.
    let coded = code("Egyptian Foreign Minister Sameh Shukri criticized Hamas on Tuesday.");
    assert!(has(&coded, "EGYGOV", "PSE", "11"), "{:?}", triples(&coded));
    // A role coordinated with a named official of a known country takes that country.
    let coded = code("Hamas accused President Abdel Fattah al-Sisi and Foreign Minister Sameh Shukri of betrayal.");
    let targets: Vec<String> = coded
        .events
        .iter()
        .filter_map(|e| e.target.as_ref().map(|t| t.code.clone()))
        .collect();
    assert!(
        !targets.iter().any(|t| t.starts_with("---") || t == "GOV"),
        "{targets:?}"
    );
}

#[test]
fn reported_attacks_become_claims_or_accusations_by_the_dictionary_transformations() {
    // CAMEO 2.0: `~ a (a b ATTACK) SAY = a b 015`, `~ a (b . ATTACK) SAY = a b 112`.
    let coded = code("The US claimed that they had attacked Iraq.");
    assert!(has(&coded, "USA", "IRQ", "015"), "{:?}", triples(&coded));
    let coded = code("Israel said Hamas attacked Israeli soldiers near the border.");
    assert!(has(&coded, "ISR", "PSE", "112"), "{:?}", triples(&coded));
    let e = coded
        .events
        .iter()
        .find(|e| e.cameo == "112")
        .expect("the accusation");
    assert_eq!(e.rule.kind, "transformation");
    assert!(
        e.trigger_words.iter().any(|t| t.text == "said"),
        "{:?}",
        e.trigger_words
    );
}

#[test]
fn casualties_of_a_named_attack_have_its_author_and_the_place_country() {
    let coded = code(
        "Four children were killed in Israeli tank shelling in the east of the Gaza Strip on Friday, medics said.",
    );
    assert!(has(&coded, "ISR", "PSECVL", "19"), "{:?}", triples(&coded));
}

#[test]
fn an_act_approaching_someone_or_done_for_them_takes_them_as_target() {
    // Nearness adverbs carry the oblique: "close to the border with Syria".
    let coded = code("Turkish troops marched close to the border with Syria on Monday.");
    assert!(has(&coded, "TUR", "SYR", "1"), "{:?}", triples(&coded));
    // An agreement signed "to supply X" is an agreement with X.
    let coded = code("Russia signed an agreement on Monday to supply Egypt with wheat.");
    assert!(has(&coded, "RUS", "EGY", "0"), "{:?}", triples(&coded));
    // A purpose clause whose object is a thing names nobody: no target is invented.
    let coded = code("Iraq's security adviser met Syrian President Bashar Assad to discuss efforts to counter Islamic State militants.");
    assert!(!has(&coded, "IRQ", "IMG", "04"), "{:?}", triples(&coded));
}

#[test]
fn a_role_from_a_named_body_takes_its_country() {
    let coded = code("Georgian demonstrators received ministers from the Georgian government.");
    assert!(
        has(&coded, "GEOGOV", "GEOOPP", "04"),
        "{:?}",
        triples(&coded)
    );
    assert!(!has(&coded, "---GOV", "", ""), "{:?}", triples(&coded));
}

#[test]
fn coordinated_country_modifiers_give_each_its_own_actor() {
    let coded = code("French and German troops attacked the rebels on Monday.");
    assert!(has(&coded, "FRAMIL", "", "19"), "{:?}", triples(&coded));
    assert!(has(&coded, "DEUMIL", "", "19"), "{:?}", triples(&coded));
}
