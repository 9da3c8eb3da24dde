//! The dedup rule on stores built by SQL per `schema_v1.sql`: the same event reported three
//! ways becomes one event with GDELT counts; dates, root codes, places and actor sides that
//! differ keep events apart; confidence grows with independent sources; removal and rebuild;
//! tolls reconciled across articles.

mod event_fixtures;

use dateline_store::dedup::{
    events_of_documents, rebuild_events, reconcile_counts, refresh_events, DedupConfig, TollFilter,
};
use event_fixtures::*;
use rusqlite::{params, Connection};

/// (id, num_mentions, num_sources, num_articles, confidence) of every event, by id.
fn events(conn: &Connection) -> Vec<(i64, i64, i64, i64, f64)> {
    let mut stmt = conn
        .prepare(
            "SELECT id, num_mentions, num_sources, num_articles, confidence FROM events ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn unassigned(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM event_mentions WHERE event_id IS NULL",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Three articles by three publishers: the same meeting written three ways (a more and a less
/// specific source code, two codes under root 04, dates a day apart, Vienna and Austria).
fn three_reports(store: &mut Store) -> Vec<i64> {
    let conn = &store.conn;
    let vienna = Some(("Vienna", "AUT", Some((48.2085, 16.3721))));
    add_reports(
        conn,
        &[
            (
                Doc {
                    publisher: Some("Reuters"),
                    url: Some("https://www.reuters.com/a"),
                    date: "2014-07-14",
                    body: "US officials met Iranian negotiators in Vienna on Sunday.",
                    ingested_at: "2026-01-01T00:00:01Z",
                    tone: Some(-1.0),
                    ..Doc::default()
                },
                Mention {
                    source: Some(("USAGOV", "US officials")),
                    date: Some("2014-07-13"),
                    place: vienna,
                    ..Mention::default()
                },
            ),
            (
                Doc {
                    publisher: Some("AFP"),
                    url: Some("https://afp.com/b"),
                    date: "2014-07-15",
                    body: "The United States held talks with Iran in Vienna.",
                    ingested_at: "2026-01-01T00:00:02Z",
                    tone: Some(-3.0),
                    ..Doc::default()
                },
                Mention {
                    source: Some(("USA", "The United States")),
                    cameo: "043",
                    trigger: "held talks",
                    date: Some("2014-07-14"),
                    place: Some(("Vienna", "AUT", Some((48.21, 16.37)))),
                    confidence: 0.6,
                    ..Mention::default()
                },
            ),
            (
                Doc {
                    publisher: None,
                    url: Some("http://www.aljazeera.com/c"),
                    date: "2014-07-13",
                    body: "Washington met Tehran's envoys in Austria.",
                    ingested_at: "2026-01-01T00:00:03Z",
                    tone: None,
                    ..Doc::default()
                },
                Mention {
                    source: Some(("USAGOV", "Washington")),
                    date: Some("2014-07-13"),
                    place: Some(("Austria", "AUT", None)),
                    ..Mention::default()
                },
            ),
        ],
    )
}

#[test]
fn same_event_three_ways_is_one_event_with_gdelt_counts() {
    let mut store = new_store();
    let docs = three_reports(&mut store);
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    assert_eq!(unassigned(&store.conn), 0);
    let all = events(&store.conn);
    assert_eq!(all.len(), 1, "{all:?}");
    let (_, mentions, sources, articles, confidence) = all[0];
    assert_eq!((mentions, sources, articles), (3, 3, 3));
    assert!(confidence > 0.8 && confidence < 1.0, "{confidence}");
    let (source, cameo, root, date, place, first_seen, url, tone): (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        f64,
    ) = store
        .conn
        .query_row(
            "SELECT source_code, cameo, root_code, date, location_name, first_seen, source_url,
                    avg_tone FROM events",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(source, "USAGOV", "the most frequent code");
    assert_eq!(cameo, "042");
    assert_eq!(root, "04");
    assert_eq!(date, "2014-07-13", "the earliest mention's date");
    assert_eq!(place, "Vienna");
    assert_eq!(first_seen, "2026-01-01T00:00:01Z");
    assert_eq!(url, "https://www.reuters.com/a");
    // Article tones −1 and −3, and the third article's mention has none: GDELT averages
    // the documents that carry a tone.
    assert!((tone + 2.0).abs() < 1e-9, "{tone}");
}

#[test]
fn two_mentions_in_one_article_join() {
    let mut store = new_store();
    let doc = add_document(
        &store.conn,
        &Doc {
            body: "US officials met Iran on Sunday; the officials met Iran again later.",
            ..Doc::default()
        },
    );
    add_mention(&store.conn, doc, &Mention::default());
    add_mention(
        &store.conn,
        doc,
        &Mention {
            trigger: "again",
            ..Mention::default()
        },
    );
    dedup(&mut store.conn, &DedupConfig::default(), &[doc]);
    assert_eq!(
        events(&store.conn)
            .iter()
            .map(|e| (e.1, e.2, e.3))
            .collect::<Vec<_>>(),
        vec![(2, 1, 1)]
    );
}

/// One document per mention, each from its own publisher.
fn one_each(store: &mut Store, mentions: &[Mention<'_>]) -> Vec<i64> {
    let publishers = ["P1", "P2", "P3", "P4", "P5"];
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let doc = add_document(
                &store.conn,
                &Doc {
                    publisher: Some(publishers[i]),
                    body: "US officials met Iran.",
                    ..Doc::default()
                },
            );
            add_mention(&store.conn, doc, m);
            doc
        })
        .collect()
}

#[test]
fn dates_beyond_the_window_are_two_events() {
    let mut store = new_store();
    let docs = one_each(
        &mut store,
        &[
            Mention {
                date: Some("2014-07-10"),
                ..Mention::default()
            },
            Mention {
                date: Some("2014-07-20"),
                ..Mention::default()
            },
        ],
    );
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    assert_eq!(events(&store.conn).len(), 2);
    // A wide enough window joins them.
    let mut store = new_store();
    let docs = one_each(
        &mut store,
        &[
            Mention {
                date: Some("2014-07-10"),
                ..Mention::default()
            },
            Mention {
                date: Some("2014-07-20"),
                ..Mention::default()
            },
        ],
    );
    let wide = DedupConfig {
        window_days: 10,
        ..DedupConfig::default()
    };
    dedup(&mut store.conn, &wide, &docs);
    assert_eq!(events(&store.conn).len(), 1);
}

#[test]
fn a_month_precision_date_joins_a_day_inside_it() {
    let mut store = new_store();
    let docs = one_each(
        &mut store,
        &[
            Mention {
                date: Some("2014-07"),
                ..Mention::default()
            },
            Mention {
                date: Some("2014-07-20"),
                ..Mention::default()
            },
            Mention {
                date: None,
                ..Mention::default()
            },
        ],
    );
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    let dates: Vec<Option<String>> = store
        .conn
        .prepare("SELECT date FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        dates,
        vec![Some("2014-07-20".to_string()), None],
        "day precision wins; undated apart"
    );
}

#[test]
fn a_different_root_code_is_a_separate_event() {
    let mut store = new_store();
    let docs = one_each(
        &mut store,
        &[
            Mention::default(),
            Mention {
                cameo: "112",
                plover: Some("ACCUSE"),
                ..Mention::default()
            },
        ],
    );
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    assert_eq!(events(&store.conn).len(), 2);
}

#[test]
fn places_far_apart_are_separate_events() {
    let mut store = new_store();
    let docs = one_each(
        &mut store,
        &[
            Mention {
                place: Some(("Kabul", "AFG", Some((34.53, 69.17)))),
                ..Mention::default()
            },
            Mention {
                place: Some(("Kandahar", "AFG", Some((31.61, 65.71)))),
                ..Mention::default()
            },
            Mention {
                place: Some(("Afghanistan", "AFG", None)),
                ..Mention::default()
            },
            Mention {
                place: Some(("Paris", "FRA", None)),
                ..Mention::default()
            },
        ],
    );
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    let places: Vec<(String, i64)> = store
        .conn
        .prepare("SELECT location_name, num_mentions FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Kandahar is 460 km from Kabul; "Afghanistan" (no coordinates) joins the first
    // Afghan event; Paris is another country.
    assert_eq!(places.len(), 3, "{places:?}");
    assert_eq!(places[0].1, 2);
    assert_eq!(places[1], ("Kandahar".to_string(), 1));
    assert_eq!(places[2], ("Paris".to_string(), 1));
}

#[test]
fn actor_sides_must_be_compatible() {
    let mut store = new_store();
    let docs = one_each(
        &mut store,
        &[
            Mention::default(),
            // USAMIL is not a more specific USAGOV.
            Mention {
                source: Some(("USAMIL", "US troops")),
                ..Mention::default()
            },
            // The target differs.
            Mention {
                target: Some(("IRQGOV", "Iraq")),
                ..Mention::default()
            },
            // A more specific target joins.
            Mention {
                target: Some(("IRNGOVMIL", "Iranian officers")),
                ..Mention::default()
            },
            // Both sides differing in specificity share only countries: apart.
            Mention {
                source: Some(("USA", "America")),
                target: Some(("IRN", "Iran")),
                ..Mention::default()
            },
        ],
    );
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    let counts: Vec<i64> = events(&store.conn).iter().map(|e| e.1).collect();
    assert_eq!(counts, vec![2, 1, 1, 1]);
}

/// Two articles, each telling a one-sided event twice, and a generic-actor event.
fn vague_reports(store: &mut Store) -> Vec<i64> {
    let generic = Mention {
        source: Some(("---CVL", "civilians")),
        ..Mention::default()
    };
    let mut docs = Vec::new();
    for publisher in ["AP", "AFP"] {
        let doc = add_document(
            &store.conn,
            &Doc {
                publisher: Some(publisher),
                body: "US officials met. Then they met again. Civilians met Iran.",
                ..Doc::default()
            },
        );
        add_mention(
            &store.conn,
            doc,
            &Mention {
                target: None,
                ..Mention::default()
            },
        );
        add_mention(
            &store.conn,
            doc,
            &Mention {
                target: None,
                trigger: "again",
                ..Mention::default()
            },
        );
        add_mention(&store.conn, doc, &generic);
        docs.push(doc);
    }
    docs
}

#[test]
fn vague_mentions_join_only_within_their_article() {
    let mut store = new_store();
    let docs = vague_reports(&mut store);
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    // Per article: the two one-sided mentions join; the generic one stands alone.
    let shape: Vec<(i64, i64)> = events(&store.conn).iter().map(|e| (e.1, e.3)).collect();
    assert_eq!(shape, vec![(2, 1), (1, 1), (2, 1), (1, 1)]);

    let mut store = new_store();
    let docs = vague_reports(&mut store);
    let loose = DedupConfig {
        vague_across_articles: true,
        ..DedupConfig::default()
    };
    dedup(&mut store.conn, &loose, &docs);
    let shape: Vec<(i64, i64)> = events(&store.conn).iter().map(|e| (e.1, e.3)).collect();
    assert_eq!(
        shape,
        vec![(4, 2), (2, 2)],
        "a missing side still matches only a missing side"
    );

    // Requiring both actors keeps one-sided mentions apart, even in one article.
    let mut store = new_store();
    let docs = vague_reports(&mut store);
    let strict = DedupConfig {
        require_both_actors: true,
        ..DedupConfig::default()
    };
    dedup(&mut store.conn, &strict, &docs);
    assert_eq!(events(&store.conn).len(), 6);
}

#[test]
fn confidence_grows_with_independent_sources_only() {
    let mut store = new_store();
    let config = DedupConfig::default();
    let mut seen = Vec::new();
    for publisher in ["Reuters", "Reuters", "AFP", "AP"] {
        let doc = add_document(
            &store.conn,
            &Doc {
                publisher: Some(publisher),
                body: "US officials met Iran.",
                ..Doc::default()
            },
        );
        add_mention(&store.conn, doc, &Mention::default());
        // One batch per article: later batches join the event already stored.
        dedup(&mut store.conn, &config, &[doc]);
        let all = events(&store.conn);
        assert_eq!(all.len(), 1);
        seen.push((all[0].2, all[0].3, all[0].4));
    }
    assert_eq!(
        seen.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
        vec![(1, 1), (1, 2), (2, 3), (3, 4)]
    );
    let confidence: Vec<f64> = seen.iter().map(|s| s.2).collect();
    assert_eq!(
        confidence[0], confidence[1],
        "a second Reuters article is not independent"
    );
    assert!(
        confidence[1] < confidence[2] && confidence[2] < confidence[3],
        "{confidence:?}"
    );
}

#[test]
fn removing_documents_updates_or_deletes_their_events() {
    let mut store = new_store();
    let docs = three_reports(&mut store);
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    let before = events(&store.conn);
    let tx = store.conn.transaction().unwrap();
    tx.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let affected = events_of_documents(&tx, &docs[..1]).unwrap();
    assert_eq!(affected, vec![before[0].0]);
    tx.execute("DELETE FROM documents WHERE id = ?1", [docs[0]])
        .unwrap();
    refresh_events(&tx, &DedupConfig::default(), &affected).unwrap();
    tx.commit().unwrap();
    let after = events(&store.conn);
    assert_eq!((after[0].1, after[0].2, after[0].3), (2, 2, 2));
    assert!(after[0].4 < before[0].4);
    let url: String = store
        .conn
        .query_row("SELECT source_url FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        url, "https://afp.com/b",
        "the first remaining mention's URL"
    );

    let tx = store.conn.transaction().unwrap();
    let affected = events_of_documents(&tx, &docs[1..]).unwrap();
    tx.execute("DELETE FROM event_mentions", []).unwrap();
    refresh_events(&tx, &DedupConfig::default(), &affected).unwrap();
    tx.commit().unwrap();
    assert_eq!(count(&store.conn, "events"), 0);
}

#[test]
fn rebuild_applies_a_new_rule() {
    let mut store = new_store();
    let docs = three_reports(&mut store);
    dedup(&mut store.conn, &DedupConfig::default(), &docs);
    assert_eq!(count(&store.conn, "events"), 1);
    let tx = store.conn.transaction().unwrap();
    // Dates 13, 14 and 13 July: with no window the 14th stands apart.
    rebuild_events(
        &tx,
        &DedupConfig {
            window_days: 0,
            ..DedupConfig::default()
        },
    )
    .unwrap();
    tx.commit().unwrap();
    assert_eq!(
        events(&store.conn).iter().map(|e| e.1).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(unassigned(&store.conn), 0);
}

fn add_count(conn: &Connection, doc: i64, kind: &str, value: f64, country: &str, date: &str) {
    conn.execute(
        "INSERT INTO counts (document_id, sentence_idx, kind, value, qualifier, country, subset,
                             phrase_text, phrase_start, phrase_end, trigger_text, date)
         VALUES (?1, 0, ?2, ?3, 'exact', ?4, 0, 'people', 0, 6, 'killed', ?5)",
        params![doc, kind, value, country, date],
    )
    .unwrap();
}

#[test]
fn tolls_are_reconciled_across_articles() {
    let store = new_store();
    let conn = &store.conn;
    let mut docs = Vec::new();
    for (publisher, date) in [
        ("AP", "2014-07-13"),
        ("AFP", "2014-07-15"),
        ("BBC", "2014-07-14"),
    ] {
        docs.push(add_document(
            conn,
            &Doc {
                publisher: Some(publisher),
                date,
                body: "People were killed.",
                ..Doc::default()
            },
        ));
    }
    add_count(conn, docs[0], "killed", 12.0, "AFG", "2014-07-13");
    add_count(conn, docs[1], "killed", 17.0, "AFG", "2014-07-13");
    add_count(conn, docs[2], "killed", 15.0, "AFG", "2014-07-13");
    add_count(conn, docs[2], "injured", 40.0, "AFG", "2014-07-13");
    add_count(conn, docs[2], "killed", 3.0, "PAK", "2014-07-13");
    add_count(conn, docs[1], "killed", 5.0, "AFG", "2014-07-25");
    let groups = reconcile_counts(conn, &DedupConfig::default(), &TollFilter::default()).unwrap();
    assert_eq!(groups.len(), 4, "{groups:#?}");
    let afg = groups
        .iter()
        .find(|g| g.kind == "killed" && g.country.as_deref() == Some("AFG") && g.reports.len() > 1)
        .unwrap();
    assert_eq!(afg.reports.len(), 3);
    assert_eq!((afg.min, afg.max), (12.0, 17.0));
    assert_eq!(
        afg.latest.value, 17.0,
        "AFP's article of the 15th is the latest"
    );
    let killed_afg = reconcile_counts(
        conn,
        &DedupConfig::default(),
        &TollFilter {
            kind: Some("killed".into()),
            country: Some("AFG".into()),
        },
    )
    .unwrap();
    assert_eq!(killed_afg.len(), 2);
}

/// Dedup's cost as the store grows: 20,000 articles of 5 mentions each (100 actor pairs, 20
/// roots, a year of dates, so most mentions have candidates to compare), assigned in batches of
/// 200 as the writer does. Run: `cargo test --release -p dateline-store --test dedup -- --ignored
/// --nocapture scale`.
#[test]
#[ignore = "a measurement, not a check"]
fn scale() {
    let mut store = new_store();
    let config = DedupConfig::default();
    let actors = [
        "USAGOV", "IRNGOV", "ISRMIL", "PSEREB", "RUSGOV", "UKRMIL", "FRAGOV", "AFGGOV", "PAKMIL",
        "CHNGOV",
    ];
    let (articles, per_article, batch) = (20_000usize, 5usize, 200usize);
    let started = std::time::Instant::now();
    let mut assign_time = std::time::Duration::ZERO;
    let mut seed: u64 = 7;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for first in (0..articles).step_by(batch) {
        let tx = store.conn.transaction().unwrap();
        let mut ids = Vec::new();
        for i in first..first + batch {
            let publisher = format!("P{}", i % 50);
            let date = format!(
                "2014-{:02}-{:02}",
                1 + (i * 12 / articles),
                1 + (next() % 28)
            );
            let doc = add_document(
                &tx,
                &Doc {
                    publisher: Some(&publisher),
                    date: &date,
                    body: "Officials met.",
                    ..Doc::default()
                },
            );
            for _ in 0..per_article {
                let (s, t) = (
                    actors[(next() % 10) as usize],
                    actors[(next() % 10) as usize],
                );
                let cameo = format!("{:02}0", 1 + next() % 20);
                add_mention(
                    &tx,
                    doc,
                    &Mention {
                        source: Some((s, s)),
                        target: Some((t, t)),
                        cameo: &cameo,
                        date: Some(&date),
                        ..Mention::default()
                    },
                );
            }
            ids.push(doc);
        }
        let t = std::time::Instant::now();
        dateline_store::dedup::assign_events(&tx, &config, &ids).unwrap();
        assign_time += t.elapsed();
        tx.commit().unwrap();
    }
    let mentions = articles * per_article;
    eprintln!(
        "{mentions} mentions in {articles} articles → {} events; assign_events {:.2} s ({:.0} mentions/s); total {:.1} s",
        count(&store.conn, "events"),
        assign_time.as_secs_f64(),
        mentions as f64 / assign_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}
