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
    let version: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION.to_string());
    let created_by: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'created_by'", [], |r| {
            r.get(0)
        })
        .unwrap();
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
