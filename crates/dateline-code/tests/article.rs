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
