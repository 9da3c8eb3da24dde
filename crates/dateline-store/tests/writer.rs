//! The writer: every row of a coded document is stored with its provenance, in one
//! transaction per batch; ingesting twice adds nothing; a new pipeline version replaces a
//! document's rows; how documents are split into batches does not change the store.

mod common;

use common::{coded, dump, fts, news, row_counts};
use dateline_store::schema::SCHEMA_VERSION;
use dateline_store::{CodedDocument, Store};
use tempfile::TempDir;

const V1: &str = "dateline test+v1";
const V2: &str = "dateline test+v2";

fn store(dir: &TempDir) -> Store {
    Store::open(dir.path().join("store.db")).unwrap()
}

/// A value of the store's `meta` table.
fn meta(conn: &rusqlite::Connection, key: &str) -> String {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn every_row_of_a_coded_document_is_stored() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let docs = news();
    let outcome = store.write_batch(&docs, V1).unwrap();
    assert_eq!(outcome.new, docs.len() as u64);
    assert_eq!(outcome.skipped, 0);
    assert_eq!(outcome.document_ids.len(), docs.len());
    let total = |f: fn(&CodedDocument) -> usize| docs.iter().map(f).sum::<usize>() as i64;
    let rows = row_counts(store.connection());
    assert_eq!(rows["documents"], docs.len() as i64);
    assert_eq!(rows["articles"], docs.len() as i64);
    assert_eq!(rows["sentences"], total(|d| d.sentences.len()));
    assert_eq!(rows["actors"], total(|d| d.coded.actors.len()));
    assert_eq!(rows["event_mentions"], total(|d| d.coded.events.len()));
    assert_eq!(rows["counts"], total(|d| d.coded.counts.len()));
    assert_eq!(rows["quotes"], total(|d| d.coded.quotes.len()));
    assert_eq!(rows["places"], total(|d| d.coded.places.len()));
    assert_eq!(rows["dates"], total(|d| d.coded.dates.len()));
    // The texts were written to give events, tolls, quotes, places and dates.
    for table in ["event_mentions", "counts", "quotes", "places", "dates"] {
        assert!(rows[table] > 0, "no {table} stored: {rows:?}");
    }
    assert_eq!(outcome.event_mentions, rows["event_mentions"] as u64);

    // Provenance: each mention's trigger is at its offsets in its article's body, inside its
    // sentence.
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT a.body, m.trigger_text, m.trigger_start, m.trigger_end, s.start, s.end, d.pipeline_version
             FROM event_mentions m JOIN articles a ON a.document_id = m.document_id
             JOIN sentences s ON s.document_id = m.document_id AND s.idx = m.sentence_idx
             JOIN documents d ON d.id = m.document_id",
        )
        .unwrap();
    let rows: Vec<(String, String, i64, i64, i64, i64, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows.len() as i64,
        count(&store, "SELECT count(*) FROM event_mentions")
    );
    for (body, trigger, start, end, s_start, s_end, version) in rows {
        assert_eq!(
            body.get(start as usize..end as usize),
            Some(trigger.as_str())
        );
        assert!(
            s_start <= start && end <= s_end,
            "trigger outside its sentence"
        );
        assert_eq!(version, V1);
    }

    // A toll linked to an event points at the mention of that event in its own document.
    for d in &docs {
        for c in d.coded.counts.iter().filter(|c| c.event_index.is_some()) {
            let e = &d.coded.events[c.event_index.unwrap()];
            let linked: (String, i64) = store
                .connection()
                .query_row(
                    "SELECT m.trigger_text, m.trigger_start FROM counts c
                     JOIN event_mentions m ON m.id = c.event_mention_id
                     JOIN documents d ON d.id = c.document_id
                     WHERE d.sha256 = ?1 AND c.phrase_start = ?2",
                    rusqlite::params![d.document.sha256, c.phrase.start as i64],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(linked, (e.trigger.text.clone(), e.trigger.start as i64));
        }
    }

    // Full-text search finds the articles by their words.
    assert_eq!(fts(store.connection(), "Maiduguri").len(), 1);
    assert_eq!(fts(store.connection(), "minister").len(), 2);
    assert!(fts(store.connection(), "zanzibar").is_empty());
}

#[test]
fn sentences_keep_their_text_only_where_it_is_evidence() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let mut docs = news();
    docs.push(coded(
        "filler",
        "Egypt's foreign minister met the Israeli prime minister in Cairo on Sunday. The weather was mild and the streets were quiet.",
    ));
    store.write_batch(&docs, V1).unwrap();

    // A sentence's text is stored when it is evidence (an event, a count or a quote is in
    // it), and is then its article's slice; the others are located by their offsets only.
    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT a.body, s.start, s.end, s.text,
                    EXISTS (SELECT 1 FROM event_mentions m WHERE m.document_id = s.document_id AND m.sentence_idx = s.idx)
                 OR EXISTS (SELECT 1 FROM counts c WHERE c.document_id = s.document_id AND c.sentence_idx = s.idx)
                 OR EXISTS (SELECT 1 FROM quotes q WHERE q.document_id = s.document_id AND q.sentence_idx = s.idx)
             FROM sentences s JOIN articles a ON a.document_id = s.document_id",
        )
        .unwrap();
    let sentences: Vec<(String, i64, i64, Option<String>, bool)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let kept = sentences.iter().filter(|s| s.3.is_some()).count();
    assert!(
        kept > 0 && kept < sentences.len(),
        "{kept} of {}",
        sentences.len()
    );
    for (body, start, end, text, evidence) in &sentences {
        assert_eq!(text.is_some(), *evidence, "{text:?}");
        if let Some(text) = text {
            assert_eq!(
                body.get(*start as usize..*end as usize),
                Some(text.as_str())
            );
        }
    }
}

#[test]
fn ingesting_twice_adds_nothing() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let docs = news();
    store.write_batch(&docs, V1).unwrap();
    let before = dump(store.connection());
    let counts = row_counts(store.connection());
    let again = store.write_batch(&docs, V1).unwrap();
    assert_eq!(
        (again.new, again.skipped, again.replaced),
        (0, docs.len() as u64, 0)
    );
    assert!(again.document_ids.is_empty());
    assert_eq!(row_counts(store.connection()), counts);
    assert_eq!(dump(store.connection()), before);
    // Reopened, the same.
    drop(store);
    let mut store = Store::open(dir.path().join("store.db")).unwrap();
    let third = store.write_batch(&docs, V1).unwrap();
    assert_eq!(third.skipped, docs.len() as u64);
    assert_eq!(dump(store.connection()), before);
}

#[test]
fn the_same_content_twice_in_one_batch_is_stored_once() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let a = coded("a", common::NEWS[0]);
    let mut b = a.clone();
    b.document.id = "copy-of-a".to_string();
    let outcome = store.write_batch(&[a, b], V1).unwrap();
    assert_eq!((outcome.new, outcome.skipped), (1, 1));
    assert_eq!(count(&store, "SELECT count(*) FROM documents"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM articles_fts"), 1);
}

#[test]
fn a_new_pipeline_version_replaces_the_rows() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let docs = news();
    store.write_batch(&docs, V1).unwrap();
    let before = dump(store.connection());
    let counts = row_counts(store.connection());
    let outcome = store.write_batch(&docs, V2).unwrap();
    assert_eq!(
        (outcome.new, outcome.replaced, outcome.skipped),
        (0, docs.len() as u64, 0)
    );
    assert_eq!(
        row_counts(store.connection()),
        counts,
        "rows doubled or lost"
    );
    let versions: Vec<String> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT DISTINCT pipeline_version FROM documents")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(versions, vec![V2.to_string()]);
    // The same content but for the version.
    let replaced: Vec<String> = dump(store.connection())
        .into_iter()
        .map(|l| l.replace(V2, V1))
        .collect();
    assert_eq!(replaced, before);
    // The full-text index dropped the old rows: one hit per article, and a consistent index.
    assert_eq!(fts(store.connection(), "Maiduguri").len(), 1);
    store
        .connection()
        .execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
}

#[test]
fn replacing_a_document_keeps_the_events_consistent() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let a = coded("a", common::NEWS[0]);
    let b = coded("b", common::NEWS[1]);
    assert!(!a.coded.events.is_empty() && !b.coded.events.is_empty());
    store.write_batch(&[a.clone(), b], V1).unwrap();
    let b_mentions = count(
        &store,
        "SELECT count(*) FROM event_mentions WHERE document_id = 2",
    );
    // Stand in for a dedup that grouped one of b's mentions with a's: the replacement of a
    // must dissolve that event and regroup b's mention, not leave it pointing at a's rows.
    store
        .connection()
        .execute_batch(
            "UPDATE event_mentions SET event_id =
               (SELECT min(event_id) FROM event_mentions WHERE document_id = 1)
             WHERE id = (SELECT min(id) FROM event_mentions WHERE document_id = 2);
             DELETE FROM events
               WHERE NOT EXISTS (SELECT 1 FROM event_mentions WHERE event_id = events.id);",
        )
        .unwrap();
    store.write_batch(&[a], V2).unwrap();
    // a's old rows are gone ...
    for version in [V1, V2] {
        let documents =
            format!("SELECT count(*) FROM documents WHERE pipeline_version = '{version}'");
        assert_eq!(count(&store, &documents), 1, "{version}");
    }
    // ... b keeps every mention, each in an event again, and every event's counts are its
    // mentions' (no event without mentions, none counting rows that left).
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM event_mentions WHERE document_id = 2"
        ),
        b_mentions
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM event_mentions WHERE event_id IS NULL"
        ),
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM events e WHERE num_mentions !=
               (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)"
        ),
        0
    );
}

#[test]
fn how_documents_are_batched_does_not_change_the_store() {
    let docs = news();
    let dir = TempDir::new().unwrap();
    let mut one = Store::open(dir.path().join("one.db")).unwrap();
    one.write_batch(&docs, V1).unwrap();
    let mut many = Store::open(dir.path().join("many.db")).unwrap();
    for chunk in docs.chunks(4).rev() {
        many.write_batch(chunk, V1).unwrap();
    }
    assert_eq!(dump(one.connection()), dump(many.connection()));
    // An empty batch is a no-op.
    assert_eq!(many.write_batch(&[], V1).unwrap().new, 0);
    assert_eq!(dump(one.connection()), dump(many.connection()));
}

#[test]
fn a_new_store_is_at_the_current_version_in_wal_mode() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new.db");
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    let version = meta(conn, "schema_version");
    assert_eq!(version, SCHEMA_VERSION.to_string());
    let created_by = meta(conn, "created_by");
    assert!(created_by.starts_with("dateline "), "{created_by}");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    drop(store);
    // Reopened: nothing migrated twice, and a read-only handle sees the store.
    Store::open(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.stored_version("00").unwrap(), None);
}

#[test]
fn stored_version_names_the_pipeline_of_a_stored_document() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let a = coded("a", common::NEWS[2]);
    store.write_batch(std::slice::from_ref(&a), V1).unwrap();
    assert_eq!(
        store.stored_version(&a.document.sha256).unwrap().as_deref(),
        Some(V1)
    );
    let reader = Store::open_read_only(store.path()).unwrap();
    assert_eq!(
        reader
            .stored_version(&a.document.sha256)
            .unwrap()
            .as_deref(),
        Some(V1)
    );
}

#[test]
fn writers_opening_a_new_store_at_once_create_it_once() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("shared.db");
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path).map(|_| ()))
        })
        .collect();
    for opener in openers {
        opener.join().unwrap().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM meta"), 2);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
        ),
        1
    );
}

/// A version-1 store as `dateline` 0.1 made it: migration 1 only, with one document coded
/// then (its mention without actor places).
fn version_1_store(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(dateline_store::schema::MIGRATIONS[0])
        .unwrap();
    conn.execute_batch(
        "INSERT INTO meta (key, value) VALUES ('schema_version', '1'), ('created_by', 'dateline 0.1.0');
         INSERT INTO documents (id, sha256, input_id, pipeline_version, ingested_at)
           VALUES (1, 'old', 'old-1', 'dateline 0.1.0', '2014-07-01T00:00:00Z');
         INSERT INTO articles (document_id, body)
           VALUES (1, 'Turkey condemned Israel. It was hot. Two were hurt. \"We won.\" All done.');
         INSERT INTO sentences (document_id, idx, start, end, text)
           VALUES (1, 0, 0, 24, 'Turkey condemned Israel.'), (1, 1, 25, 36, 'It was hot.'),
                  (1, 2, 37, 51, 'Two were hurt.'), (1, 3, 52, 61, '\"We won.\"'),
                  (1, 4, 62, 71, 'All done.');
         INSERT INTO counts (document_id, sentence_idx, kind, value, qualifier, subset,
                             phrase_text, phrase_start, phrase_end, trigger_text)
           VALUES (1, 2, 'wounded', 2, 'exact', 0, 'Two', 37, 40, 'hurt');
         INSERT INTO quotes (document_id, sentence_idx, text, start, end, position, partial,
                             utterance, part)
           VALUES (1, 3, 'We won.', 53, 60, 'none', 0, 0, 0);
         INSERT INTO events (id, source_code, target_code, cameo, root_code, date, num_mentions,
                             num_sources, num_articles, confidence, first_seen)
           VALUES (1, 'TUR', 'ISR', '111', '11', '2014-07-01', 1, 1, 1, 0.5, '2014-07-01T00:00:00Z');
         INSERT INTO event_mentions (id, document_id, sentence_idx, event_id, source_code,
             target_code, cameo, root_code, mood, trigger_text, trigger_start, trigger_end,
             trigger_words, rule, confidence)
           VALUES (1, 1, 0, 1, 'TUR', 'ISR', '111', '11', 'asserted', 'condemned', 7, 16, '[]',
                   '{}', 0.5);",
    )
    .unwrap();
}

fn columns_of(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.map(Result::unwrap).collect()
}

fn indexes_of(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT name FROM pragma_index_list('{table}') ORDER BY name"
        ))
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.map(Result::unwrap).collect()
}

#[test]
fn a_version_1_store_is_migrated_in_place_and_ingests() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v1.db");
    version_1_store(&path);
    // Readers do not read an old layout: they say how to upgrade it, and leave it as it is.
    let err = Store::open_read_only(&path).err().expect("refused");
    assert!(
        matches!(
            err,
            dateline_store::StoreError::OlderSchema {
                found: 1,
                supported: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("dateline ingest PATH... --db"),
        "{err}"
    );
    let err = dateline_store::query::open_store(&path).expect_err("refused");
    assert!(err.to_string().contains("older"), "{err}");
    assert!(!err.to_string().contains("not a dateline store"), "{err}");
    let err = dateline_store::export::open_store(&path).expect_err("refused");
    assert!(err.to_string().contains("older"), "{err}");
    // Opened for writing, it is migrated: the actors' places and the candidate index appear,
    // the old rows stay.
    let mut store = Store::open(&path).unwrap();
    let conn = store.connection();
    let version = meta(conn, "schema_version");
    assert_eq!(version, "3");
    assert_eq!(SCHEMA_VERSION, 3);
    // Sentences keep their text where it is evidence, not elsewhere.
    let texts: Vec<(i64, Option<String>)> = conn
        .prepare("SELECT idx, text FROM sentences ORDER BY idx")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        texts,
        vec![
            (0, Some("Turkey condemned Israel.".to_string())),
            (1, None),
            (2, Some("Two were hurt.".to_string())),
            (3, Some("\"We won.\"".to_string())),
            (4, None),
        ],
        "an event's, a count's and a quote's sentences keep their text"
    );
    for table in ["event_mentions", "events"] {
        let columns = columns_of(conn, table);
        for side in ["source", "target"] {
            for column in [
                "location_name",
                "location_country",
                "lat",
                "lon",
                "geonameid",
            ] {
                let name = format!("{side}_{column}");
                assert!(columns.contains(&name), "{table} lacks {name}: {columns:?}");
            }
        }
    }
    let indexes = indexes_of(conn, "events");
    assert!(
        indexes.contains(&"events_root_date".to_string()),
        "{indexes:?}"
    );
    assert!(!indexes.contains(&"events_root".to_string()), "{indexes:?}");
    let old: (String, Option<String>) = conn
        .query_row(
            "SELECT trigger_text, source_location_name FROM event_mentions WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(old, ("condemned".to_string(), None));
    // It ingests, and the new documents' rows are those a new store gets.
    let docs = news();
    store.write_batch(&docs, V1).unwrap();
    assert_eq!(
        count(&store, "SELECT count(*) FROM documents"),
        docs.len() as i64 + 1
    );
    let fresh_dir = TempDir::new().unwrap();
    let mut fresh = Store::open(fresh_dir.path().join("new.db")).unwrap();
    fresh.write_batch(&docs, V1).unwrap();
    assert_eq!(
        columns_of(store.connection(), "event_mentions"),
        columns_of(fresh.connection(), "event_mentions")
    );
    assert_eq!(
        columns_of(store.connection(), "events"),
        columns_of(fresh.connection(), "events")
    );
    let located = |s: &Store| {
        count(
            s,
            "SELECT count(*) FROM event_mentions WHERE source_location_name IS NOT NULL
                                                  OR target_location_name IS NOT NULL",
        )
    };
    assert!(located(&fresh) > 0);
    assert_eq!(located(&store), located(&fresh));
    // Migrated once: reopening changes nothing, and readers now accept it.
    drop(store);
    let before = dump(&rusqlite::Connection::open(&path).unwrap());
    drop(Store::open(&path).unwrap());
    assert_eq!(dump(&rusqlite::Connection::open(&path).unwrap()), before);
    Store::open_read_only(&path).unwrap();
}

#[test]
fn the_writer_stores_where_each_actor_was() {
    let dir = TempDir::new().unwrap();
    let mut store = store(&dir);
    let docs = news();
    store.write_batch(&docs, V1).unwrap();
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT m.trigger_start, m.source_location_name, m.source_location_country,
                    m.source_lat, m.source_lon, m.source_geonameid,
                    m.target_location_name, m.target_location_country,
                    m.target_lat, m.target_lon, m.target_geonameid
             FROM event_mentions m JOIN documents d ON d.id = m.document_id
             WHERE d.sha256 = ?1 ORDER BY m.id",
        )
        .unwrap();
    type Side = (
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<f64>,
        Option<i64>,
    );
    let side = |l: Option<&dateline_code::coder::EventLocation>| -> Side {
        (
            l.map(|l| l.name.clone()),
            l.and_then(|l| l.country.clone()),
            l.and_then(|l| l.lat),
            l.and_then(|l| l.lon),
            l.and_then(|l| l.geonameid).map(i64::from),
        )
    };
    let mut located = 0;
    for d in &docs {
        let stored: Vec<(i64, Side, Side)> = stmt
            .query_map([&d.document.sha256], |r| {
                Ok((
                    r.get(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                    (r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?),
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let expected: Vec<(i64, Side, Side)> = d
            .coded
            .events
            .iter()
            .map(|e| {
                (
                    e.trigger.start as i64,
                    side(e.source_location.as_ref()),
                    side(e.target_location.as_ref()),
                )
            })
            .collect();
        assert_eq!(stored, expected);
        located += expected.iter().filter(|(_, s, _)| s.0.is_some()).count();
    }
    assert!(located > 0, "no actor located in the test news");
    // The events carry their mentions' actor places ("Egypt's foreign minister met the
    // Israeli prime minister in Cairo": the one named by Egypt, the other in Cairo).
    let cairo: i64 = count(
        &store,
        "SELECT count(*) FROM events WHERE source_location_name = 'Egypt'
                                       AND source_location_country = 'EGY'
                                       AND target_location_name = 'Cairo'
                                       AND source_lat IS NOT NULL AND target_geonameid IS NOT NULL",
    );
    assert_eq!(cairo, 1);
}

#[test]
fn a_dedup_rule_is_kept_by_the_store_and_checked() {
    use dateline_store::dedup::DedupConfig;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("rule.db");
    let mut store = Store::open(&path).unwrap();
    store.write_batch(&news(), V1).unwrap();
    assert_eq!(store.dedup_config(), &DedupConfig::default());
    let narrow = DedupConfig {
        window_days: 0,
        distance_km: 10.0,
        ..DedupConfig::default()
    };
    let regrouped = store.set_dedup(narrow.clone()).unwrap();
    assert!(regrouped.events_after > 0, "{regrouped:?}");
    drop(store);
    // Reopened with other options, the store keeps its own rule.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.dedup_config(), &narrow);

    // An unusable rule is refused before anything is written.
    let mut store = store;
    let err = store
        .set_dedup(DedupConfig {
            source_weight: 1.5,
            ..DedupConfig::default()
        })
        .expect_err("refused");
    assert!(
        matches!(err, dateline_store::StoreError::InvalidDedup { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("source_weight"), "{err}");
    assert_eq!(store.dedup_config(), &narrow);
    // A hand-edited rule that is not one is an error naming it, not the default.
    store
        .connection()
        .execute(
            "UPDATE meta SET value = '{\"window_days\": -3}' WHERE key = 'dedup_config'",
            [],
        )
        .unwrap();
    drop(store);
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("dedup_config"), "{err}");
    assert!(err.to_string().contains("negative"), "{err}");
}
