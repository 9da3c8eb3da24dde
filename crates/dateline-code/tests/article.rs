//! The article stage on short news texts: each test states one link the stage makes between
//! the coder's events and the other readers (dates, counts, quotes, tone) and checks it.

use chrono::NaiveDate;
use dateline_code::article::ArticleCoder;
use dateline_code::coder::{CodedArticle, Coder, CoderOptions};
use dateline_code::dates::DateSource;
use dateline_code::dict::Dictionaries;
use dateline_nlp::pipeline::Analyzer;
use once_cell::sync::Lazy;

static ANALYZER: Lazy<Analyzer> = Lazy::new(|| Analyzer::bundled().expect("bundled models"));
static CODER: Lazy<ArticleCoder> = Lazy::new(|| {
    let dicts = Dictionaries::bundled().expect("bundled dictionaries");
    ArticleCoder::new(Coder::new(dicts.compile(), CoderOptions::default()))
        .expect("bundled gazetteer")
});

/// Thursday 24 July 2014.
fn code(text: &str) -> CodedArticle {
    let sentences = ANALYZER.analyze(text);
    CODER.code(text, &sentences, NaiveDate::from_ymd_opt(2014, 7, 24))
}

#[test]
fn an_event_takes_the_date_its_sentence_gives_else_the_articles() {
    let coded = code(
        "Israeli warplanes bombed Gaza on Tuesday. Egypt's foreign minister met Hamas leaders.",
    );
    let strike = coded
        .events
        .iter()
        .find(|e| e.sentence_index == 0)
        .expect("the strike");
    assert_eq!(strike.date.as_deref(), Some("2014-07-22"), "{strike:?}");
    assert_eq!(strike.date_source, "sentence");
    assert_eq!(strike.date_text.as_deref(), Some("Tuesday"));
    let meeting = coded
        .events
        .iter()
        .find(|e| e.sentence_index == 1)
        .expect("the meeting");
    assert_eq!(meeting.date.as_deref(), Some("2014-07-24"));
    assert_eq!(meeting.date_source, "article");
}

#[test]
fn a_toll_is_linked_to_its_event_country_and_date() {
    let coded = code("Israeli air strikes killed 12 Palestinians in Gaza on Tuesday.");
    let count = coded.counts.first().expect("a count");
    assert_eq!(count.value, 12.0);
    assert_eq!(count.country.as_deref(), Some("PSE"));
    assert_eq!(count.date.as_deref(), Some("2014-07-22"));
    assert_eq!(count.date_source, Some(DateSource::Sentence));
    let event = count
        .event_index
        .and_then(|i| coded.events.get(i))
        .expect("linked to the strike");
    assert!(event.cameo.starts_with("19"), "{event:?}");
}

#[test]
fn a_speaker_takes_the_actor_code_at_its_name_or_its_title() {
    let coded = code(
        "\"We will respond with force,\" Prime Minister Benjamin Netanyahu said. \
         \"Violence must stop,\" said U.N. Secretary-General Ban Ki-moon on Tuesday. \
         \"It is a tragedy,\" Ban added.",
    );
    let codes: Vec<(String, Option<String>)> = coded
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| (s.name.clone(), s.code.clone()))
        .collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(
        codes[0].1.as_deref().is_some_and(|c| c.starts_with("ISR")),
        "{codes:?}"
    );
    assert_eq!(codes[1].1.as_deref(), Some("IGOUNO"), "{codes:?}");
    assert_eq!(codes[2].1.as_deref(), Some("IGOUNO"), "{codes:?}");
}

#[test]
fn the_article_and_its_events_have_a_tone() {
    let hostile = code("Rebels killed and tortured dozens of villagers in a brutal massacre.");
    let friendly =
        code("The two leaders praised the peace agreement and welcomed the cooperation.");
    let (h, f) = (hostile.tone.expect("tone"), friendly.tone.expect("tone"));
    assert!(h.tone < 0.0 && f.tone > 0.0, "{h:?} {f:?}");
    assert!(
        friendly
            .events
            .iter()
            .all(|e| e.tone.is_some_and(|t| t > 0.0)),
        "{:?}",
        friendly.events
    );
}

#[test]
fn an_event_is_located_where_its_sentence_says_not_at_its_actors() {
    let coded = code("Secretary of State John Kerry flew to Cairo on Monday.");
    let visit = coded.events.first().expect("the visit");
    let place = visit.location.as_ref().expect("a location");
    assert_eq!(place.name, "Cairo", "{place:?}");
    assert_eq!(place.source, "sentence");
    assert!((place.lat.unwrap_or(0.0) - 30.04).abs() < 0.5, "{place:?}");
    // Countries that are the actors of a verbal act are not where it happened.
    let coded = code("Turkey and Qatar condemned Israel on Monday.");
    assert!(!coded.events.is_empty());
    for e in &coded.events {
        assert!(e.location.is_none(), "{e:?}");
    }
    // A wire dateline locates what the story's sentences leave unplaced.
    let coded =
        code("GENEVA (AP) — The envoy met the delegations. Rebels attacked the town on Sunday.");
    let attack = coded
        .events
        .iter()
        .find(|e| e.sentence_index == 1)
        .expect("the attack");
    let place = attack.location.as_ref().expect("the dateline");
    assert_eq!(
        (place.country.as_deref(), place.source),
        (Some("CHE"), "dateline")
    );
}

/// Each side's place as (name, ISO-3 country, how it was found), for the actor-geography
/// tests.
fn actor_places(e: &dateline_code::coder::Event) -> [Option<(String, String, &'static str)>; 2] {
    [&e.source_location, &e.target_location].map(|l| {
        l.as_ref().map(|l| {
            (
                l.name.clone(),
                l.country.clone().unwrap_or_default(),
                l.source,
            )
        })
    })
}

fn place(
    name: &str,
    country: &str,
    source: &'static str,
) -> Option<(String, String, &'static str)> {
    Some((name.to_string(), country.to_string(), source))
}

#[test]
fn an_actor_is_located_at_the_place_written_nearest_to_it() {
    // Each side takes its own nearest place, not the event's.
    let coded = code(
        "Palestinian officials in Ramallah accused Israeli soldiers in Hebron of killing a teenager.",
    );
    let accusation = coded.events.first().expect("the accusation");
    assert_eq!(
        actor_places(accusation),
        [
            place("Ramallah", "PSE", "sentence"),
            place("Hebron", "PSE", "sentence")
        ],
        "{accusation:?}"
    );
    // The codebook's own example: the Russian president visiting Washington is located
    // in Washington, whatever his code's country.
    let coded = code("Russian President Vladimir Putin met Barack Obama in Washington on Monday.");
    let meeting = coded.events.first().expect("the meeting");
    assert!(meeting
        .source
        .as_ref()
        .is_some_and(|a| a.code.starts_with("RUS")));
    let [source, target] = actor_places(meeting);
    assert_eq!(source, place("Washington", "USA", "sentence"));
    assert_eq!(target, source);
}

#[test]
fn an_actor_named_by_a_place_is_located_there() {
    let coded = code("Turkey condemned Israel on Monday.");
    let condemnation = coded.events.first().expect("the condemnation");
    assert_eq!(
        actor_places(condemnation),
        [
            place("Turkey", "TUR", "actor"),
            place("Israel", "ISR", "actor")
        ]
    );
    // The event itself happened in neither country.
    assert!(condemnation.location.is_none(), "{condemnation:?}");
}

#[test]
fn a_pronoun_is_located_where_its_antecedent_names() {
    let coded = code("Turkey recalled its ambassador on Monday. It also condemned Israel.");
    let condemnation = coded
        .events
        .iter()
        .find(|e| e.sentence_index == 1)
        .expect("the second sentence's event");
    assert!(
        condemnation
            .source
            .as_ref()
            .is_some_and(|a| a.text == "It" && a.antecedent.is_some()),
        "{condemnation:?}"
    );
    assert_eq!(
        actor_places(condemnation),
        [
            place("Turkey", "TUR", "actor"),
            place("Israel", "ISR", "actor")
        ]
    );
    // A place of the pronoun's own sentence comes first.
    let coded =
        code("Turkey recalled its ambassador on Monday. It also condemned Israel in Ankara.");
    let condemnation = coded
        .events
        .iter()
        .find(|e| e.sentence_index == 1)
        .expect("the second sentence's event");
    assert_eq!(
        actor_places(condemnation)[0],
        place("Ankara", "TUR", "sentence")
    );
}

#[test]
fn an_actor_without_a_place_of_its_own_is_left_unlocated() {
    // The only place is the other side: it says who was attacked, not where the rebels
    // were; and the actor code's country is not a location either.
    let coded = code("Rebels fired rockets at Israel on Monday.");
    let attack = coded.events.first().expect("the attack");
    assert_eq!(
        actor_places(attack),
        [None, place("Israel", "ISR", "actor")],
        "{attack:?}"
    );
    // Nor is a place that is an actor of another event of the sentence.
    let coded = code("The United Nations urged Iran and Saudi Arabia to restore diplomatic ties.");
    let appeals: Vec<_> = coded
        .events
        .iter()
        .filter(|e| e.source.as_ref().is_some_and(|a| a.code == "IGOUNO"))
        .collect();
    assert_eq!(appeals.len(), 2, "{:?}", coded.events);
    for appeal in appeals {
        let [source, target] = actor_places(appeal);
        assert_eq!(source, None, "{appeal:?}");
        assert!(
            target.is_some_and(|(_, _, how)| how == "actor"),
            "{appeal:?}"
        );
    }
    let coded = code("Turkish police arrested dozens of protesters on Monday.");
    let arrest = coded.events.first().expect("the arrest");
    assert!(
        arrest
            .source
            .as_ref()
            .is_some_and(|a| a.code.starts_with("TUR")),
        "{arrest:?}"
    );
    assert_eq!(actor_places(arrest), [None, None], "{arrest:?}");
    // The dateline says where the story was filed, not where its actors were.
    let coded = code("ANKARA (AP) — Police arrested dozens of protesters on Monday.");
    let arrest = coded.events.first().expect("the arrest");
    assert_eq!(actor_places(arrest), [None, None], "{arrest:?}");
}

#[test]
fn actor_places_are_serialised_with_the_event() {
    let coded = code("Turkey condemned Israel on Monday.");
    let json = serde_json::to_value(&coded.events).expect("serialisable");
    assert_eq!(json[0]["source_location"]["name"], "Turkey");
    assert_eq!(json[0]["source_location"]["source"], "actor");
    assert_eq!(json[0]["target_location"]["country"], "ISR");
    let coded = code("Police arrested dozens of protesters on Monday.");
    let json = serde_json::to_value(&coded.events).expect("serialisable");
    assert!(json[0].get("source_location").is_none(), "{json}");
}
