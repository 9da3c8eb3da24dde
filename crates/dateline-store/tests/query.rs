//! `dateline_store::query` on a store built by SQL per `schema_v1.sql` and deduplicated: every
//! filter alone and combined, the limit, the detail of one event, and the errors.

mod event_fixtures;

use chrono::NaiveDate;
use dateline_store::dedup::DedupConfig;
use dateline_store::query::{event_detail, find_events, open_store, EventQuery, QueryError};
use event_fixtures::*;

/// Four events: a meeting in Vienna reported twice, a Hamas attack near Gaza, a French
/// accusation, and an undated Israeli strike.
fn fixture() -> Store {
    let mut store = new_store();
    let conn = &store.conn;
    let vienna = Some(("Vienna", "AUT", Some((48.2085, 16.3721))));
    let docs = add_reports(
        conn,
        &[
            (
                Doc {
                    publisher: Some("Reuters"),
                    title: "Nuclear talks",
                    body:
                        "US officials met Iranian negotiators in Vienna over the nuclear programme.",
                    ingested_at: "2026-01-01T00:00:01Z",
                    ..Doc::default()
                },
                Mention {
                    place: vienna,
                    ..Mention::default()
                },
            ),
            (
                Doc {
                    publisher: Some("AFP"),
                    title: "Talks go on",
                    body: "America met Iran in Vienna.",
                    ingested_at: "2026-01-01T00:00:02Z",
                    ..Doc::default()
                },
                Mention {
                    source: Some(("USA", "America")),
                    place: vienna,
                    ..Mention::default()
                },
            ),
            (
                Doc {
                    publisher: Some("AP"),
                    title: "Rockets",
                    body: "Hamas fired rockets at Sderot from the Gaza Strip.",
                    ingested_at: "2026-01-01T00:00:03Z",
                    ..Doc::default()
                },
                Mention {
                    source: Some(("PSEREBHMS", "Hamas")),
                    target: Some(("ISR", "Sderot")),
                    cameo: "190",
                    plover: Some("ASSAULT"),
                    date: Some("2014-07-08"),
                    place: Some(("Sderot", "ISR", Some((31.525, 34.596)))),
                    trigger: "fired",
                    ..Mention::default()
                },
            ),
            (
                Doc {
                    publisher: Some("Le Monde"),
                    title: "Paris accuses Moscow",
                    body: "France accused Russia of 100% interference.",
                    ingested_at: "2026-01-01T00:00:04Z",
                    ..Doc::default()
                },
                Mention {
                    source: Some(("FRAGOV", "France")),
                    target: Some(("RUS", "Russia")),
                    cameo: "112",
                    plover: Some("ACCUSE"),
                    date: Some("2014-07-20"),
                    place: Some(("Paris", "FRA", Some((48.8566, 2.3522)))),
                    trigger: "accused",
                    ..Mention::default()
                },
            ),
            (
                Doc {
                    publisher: Some("Haaretz"),
                    title: "Strike",
                    body: "Israeli jets struck Gaza.",
                    ingested_at: "2026-01-01T00:00:05Z",
                    ..Doc::default()
                },
                Mention {
                    source: Some(("ISRMIL", "Israeli jets")),
                    target: Some(("PSE", "Gaza")),
                    cameo: "195",
                    plover: Some("ASSAULT"),
                    date: None,
                    trigger: "struck",
                    ..Mention::default()
                },
            ),
        ],
    );
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    store
}

/// The source codes of the events a query finds, in order.
fn sources(store: &Store, query: &EventQuery) -> Vec<String> {
    let conn = open_store(&store.path).expect("open");
    find_events(&conn, query)
        .expect("query")
        .into_iter()
        .map(|e| e.event.source_code.unwrap_or_default())
        .collect()
}

fn day(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

#[test]
fn no_filter_lists_every_event_by_date() {
    let store = fixture();
    assert_eq!(
        sources(&store, &EventQuery::default()),
        ["PSEREBHMS", "USAGOV", "FRAGOV", "ISRMIL"]
    );
    let conn = open_store(&store.path).unwrap();
    let all = find_events(&conn, &EventQuery::default()).unwrap();
    let meeting = &all[1];
    assert_eq!(
        (
            meeting.event.num_mentions,
            meeting.event.num_sources,
            meeting.event.num_articles
        ),
        (2, 2, 2)
    );
    let label = dateline_code::ontology::Ontology::bundled()
        .event("042")
        .map(|info| info.label);
    assert!(label.is_some());
    assert_eq!(meeting.label, label, "the CAMEO label of the event's code");
    assert_eq!(
        meeting.evidence.as_deref(),
        Some("US officials met Iranian negotiators in Vienna over the nuclear programme.")
    );
}

#[test]
fn actor_matches_a_code_prefix_or_a_name() {
    let store = fixture();
    let q = |actor: &str| EventQuery {
        actor: Some(actor.into()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q("USA")), ["USAGOV"]);
    assert_eq!(sources(&store, &q("usagov")), ["USAGOV"]);
    // A target code, and a name in the mentions' words (the second Vienna report).
    assert_eq!(sources(&store, &q("RUS")), ["FRAGOV"]);
    assert_eq!(sources(&store, &q("america")), ["USAGOV"]);
    assert_eq!(sources(&store, &q("hamas")), ["PSEREBHMS"]);
    // PSE on either side: Hamas's code and the strike's target.
    assert_eq!(sources(&store, &q("PSE")), ["PSEREBHMS", "ISRMIL"]);
    // LIKE wildcards are literal.
    assert!(sources(&store, &q("%")).is_empty());
    assert!(sources(&store, &q("_SA")).is_empty());
}

#[test]
fn code_and_plover_filters() {
    let store = fixture();
    let code = |c: &str| EventQuery {
        code: Some(c.into()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &code("19")), ["PSEREBHMS", "ISRMIL"]);
    assert_eq!(sources(&store, &code("195")), ["ISRMIL"]);
    assert_eq!(sources(&store, &code("04")), ["USAGOV"]);
    let plover = EventQuery {
        plover: Some("assault".into()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &plover), ["PSEREBHMS", "ISRMIL"]);
}

#[test]
fn country_matches_an_actor_or_the_location() {
    let store = fixture();
    let q = |c: &str| EventQuery {
        country: Some(c.into()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q("AUT")), ["USAGOV"], "location");
    assert_eq!(sources(&store, &q("irn")), ["USAGOV"], "target actor");
    assert_eq!(sources(&store, &q("ISR")), ["PSEREBHMS", "ISRMIL"]);
    assert!(sources(&store, &q("CHN")).is_empty());
}

#[test]
fn country_reads_phoenix_and_legacy_codes() {
    let mut store = new_store();
    let doc = add_document(
        &store.conn,
        &Doc {
            body: "Firms met Romania.",
            ..Doc::default()
        },
    );
    add_mention(
        &store.conn,
        doc,
        &Mention {
            source: Some(("MNCUSA", "US firms")),
            target: Some(("ROMGOV", "Romania")),
            ..Mention::default()
        },
    );
    dedup(&mut store.conn, &DedupConfig::default(), &[doc]);
    let q = |c: &str| EventQuery {
        country: Some(c.into()),
        ..EventQuery::default()
    };
    assert_eq!(
        sources(&store, &q("USA")),
        ["MNCUSA"],
        "the country after MNC"
    );
    assert_eq!(
        sources(&store, &q("ROU")),
        ["MNCUSA"],
        "CAMEO's ROM is ISO's ROU"
    );
    assert!(sources(&store, &q("GBR")).is_empty());
}

#[test]
fn date_range() {
    let store = fixture();
    let q = EventQuery {
        from: day("2014-07-10"),
        ..EventQuery::default()
    };
    assert_eq!(
        sources(&store, &q),
        ["USAGOV", "FRAGOV"],
        "undated events never match"
    );
    let q = EventQuery {
        to: day("2014-07-13"),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q), ["PSEREBHMS", "USAGOV"]);
    let q = EventQuery {
        from: day("2014-07-09"),
        to: day("2014-07-19"),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q), ["USAGOV"]);
}

#[test]
fn near_is_a_great_circle() {
    let store = fixture();
    let near = |s: &str| EventQuery {
        near: Some(s.parse().unwrap()),
        ..EventQuery::default()
    };
    // Gaza City to Sderot is about 12 km.
    assert_eq!(sources(&store, &near("31.5017,34.4668,20")), ["PSEREBHMS"]);
    assert!(sources(&store, &near("31.5017,34.4668,5")).is_empty());
    // Vienna to Paris is about 1,035 km.
    assert_eq!(sources(&store, &near("48.2085,16.3721,1000")), ["USAGOV"]);
    assert_eq!(
        sources(&store, &near("48.2085,16.3721,1100")),
        ["USAGOV", "FRAGOV"]
    );
}

#[test]
fn text_searches_the_articles_of_the_mentions() {
    let store = fixture();
    let text = |s: &str| EventQuery {
        text: Some(s.into()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &text("nuclear")), ["USAGOV"]);
    assert_eq!(sources(&store, &text("rockets Gaza")), ["PSEREBHMS"]);
    assert_eq!(sources(&store, &text("gaza")), ["PSEREBHMS", "ISRMIL"]);
    // FTS syntax in user words is just words.
    assert!(sources(&store, &text("nuclear NOT")).is_empty());
    assert_eq!(sources(&store, &text("\"100%\" interference")), ["FRAGOV"]);
}

#[test]
fn filters_combine_and_limit_applies() {
    let store = fixture();
    let q = EventQuery {
        code: Some("19".into()),
        country: Some("ISR".into()),
        text: Some("jets".into()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q), ["ISRMIL"]);
    let q = EventQuery {
        limit: Some(2),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q), ["PSEREBHMS", "USAGOV"]);
    let q = EventQuery {
        limit: Some(1),
        near: Some("48.5,10,1200".parse().unwrap()),
        ..EventQuery::default()
    };
    assert_eq!(sources(&store, &q).len(), 1);
}

#[test]
fn bad_filters_are_clear_errors() {
    let store = fixture();
    let conn = open_store(&store.path).unwrap();
    for (query, flag) in [
        (
            EventQuery {
                code: Some("04x".into()),
                ..EventQuery::default()
            },
            "--code",
        ),
        (
            EventQuery {
                country: Some("France".into()),
                ..EventQuery::default()
            },
            "--country",
        ),
        (
            EventQuery {
                text: Some("  ".into()),
                ..EventQuery::default()
            },
            "--text",
        ),
        (
            EventQuery {
                actor: Some("".into()),
                ..EventQuery::default()
            },
            "--actor",
        ),
    ] {
        let err = find_events(&conn, &query).unwrap_err();
        assert!(matches!(err, QueryError::InvalidFilter { .. }), "{err}");
        assert!(err.to_string().contains(flag), "{err}");
    }
}

#[test]
fn detail_lists_mentions_with_highlighted_triggers() {
    let store = fixture();
    let conn = open_store(&store.path).unwrap();
    let meeting = find_events(
        &conn,
        &EventQuery {
            code: Some("04".into()),
            ..EventQuery::default()
        },
    )
    .unwrap()
    .remove(0);
    let detail = event_detail(&conn, meeting.event.id).unwrap();
    assert_eq!(detail.event, meeting);
    assert_eq!(detail.mentions.len(), 2);
    let first = &detail.mentions[0];
    assert_eq!(first.mention.article.publisher.as_deref(), Some("Reuters"));
    assert_eq!(
        first.mention.article.title.as_deref(),
        Some("Nuclear talks")
    );
    let sentence = first.mention.sentence.as_deref().unwrap();
    let h = first.highlights[0];
    assert_eq!(&sentence[h.start..h.end], "met");
    assert_eq!(
        detail.mentions[1].mention.source_text.as_deref(),
        Some("America")
    );
    assert!(matches!(
        event_detail(&conn, 999),
        Err(QueryError::NoEvent(999))
    ));
}

#[test]
fn missing_or_foreign_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let err = open_store(&missing).unwrap_err();
    assert!(matches!(err, QueryError::NoDatabase(_)));
    assert!(err.to_string().contains("nope.db"), "{err}");
    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "not a database at all, just some text that is long enough",
    )
    .unwrap();
    let err = open_store(&text).unwrap_err();
    assert!(matches!(err, QueryError::NotAStore { .. }), "{err}");
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    let err = open_store(&other).unwrap_err();
    assert!(err.to_string().contains("not a dateline store"), "{err}");
}
