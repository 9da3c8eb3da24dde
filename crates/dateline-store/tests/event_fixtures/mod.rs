//! Stores for the dedup and query tests: created as the writer creates them (migrations,
//! meta), then filled by plain SQL against `schema_v1.sql` (the contract), so the rows are
//! exactly the ones each test needs: documents with their article, one sentence each, FTS
//! rows, and event mentions with `event_id` NULL as the writer leaves them.

#![allow(dead_code)]

use std::path::PathBuf;

use dateline_store::dedup::{assign_events, DedupConfig};
use rusqlite::{params, Connection};
use tempfile::TempDir;

pub struct Store {
    pub dir: TempDir,
    pub path: PathBuf,
    pub conn: Connection,
}

/// An empty store at version 1.
pub fn new_store() -> Store {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.db");
    // Created as `dateline ingest` creates a store (migrations, meta), then filled by SQL.
    let conn = dateline_store::Store::open(&path)
        .expect("open")
        .into_connection();
    Store { dir, path, conn }
}

/// One article of one sentence.
pub struct Doc<'a> {
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub ingested_at: &'a str,
    pub tone: Option<f64>,
}

impl Default for Doc<'_> {
    fn default() -> Self {
        Doc {
            publisher: None,
            url: None,
            date: "2014-07-14",
            title: "A story",
            body: "Nothing happened.",
            ingested_at: "2026-01-01T00:00:00Z",
            tone: None,
        }
    }
}

/// Insert a document with its article, its one sentence and its FTS row; returns its id.
pub fn add_document(conn: &Connection, doc: &Doc<'_>) -> i64 {
    let n: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .expect("count");
    conn.execute(
        "INSERT INTO documents (sha256, input_id, url, pipeline_version, ingested_at)
         VALUES (?1, ?2, ?3, 'test', ?4)",
        params![
            format!("sha{n}"),
            format!("doc{n}"),
            doc.url,
            doc.ingested_at
        ],
    )
    .expect("document");
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO articles (document_id, title, publisher, date, url, body, tone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            doc.title,
            doc.publisher,
            doc.date,
            doc.url,
            doc.body,
            doc.tone
        ],
    )
    .expect("article");
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![id, doc.title, doc.body],
    )
    .expect("fts");
    conn.execute(
        "INSERT INTO sentences (document_id, idx, start, end, text) VALUES (?1, 0, 0, ?2, ?3)",
        params![id, doc.body.len() as i64, doc.body],
    )
    .expect("sentence");
    id
}

/// A place: name, ISO-3 country, coordinates.
pub type Place<'a> = (&'a str, &'a str, Option<(f64, f64)>);

/// One coded event in a document's sentence.
pub struct Mention<'a> {
    pub source: Option<(&'a str, &'a str)>,
    pub target: Option<(&'a str, &'a str)>,
    pub cameo: &'a str,
    pub plover: Option<&'a str>,
    pub date: Option<&'a str>,
    pub place: Option<Place<'a>>,
    /// A word of the document's body (its first occurrence is the trigger).
    pub trigger: &'a str,
    pub confidence: f64,
}

impl Default for Mention<'_> {
    fn default() -> Self {
        Mention {
            source: Some(("USAGOV", "US officials")),
            target: Some(("IRNGOV", "Iran")),
            cameo: "042",
            plover: Some("CONSULT"),
            date: Some("2014-07-13"),
            place: None,
            trigger: "met",
            confidence: 0.8,
        }
    }
}

/// Insert each report — a document with one mention — and return the documents' ids in order.
pub fn add_reports(conn: &Connection, reports: &[(Doc<'_>, Mention<'_>)]) -> Vec<i64> {
    reports
        .iter()
        .map(|(doc, mention)| {
            let id = add_document(conn, doc);
            add_mention(conn, id, mention);
            id
        })
        .collect()
}

/// Insert a mention (with `event_id` NULL) into document `document_id`; returns its id.
pub fn add_mention(conn: &Connection, document_id: i64, m: &Mention<'_>) -> i64 {
    let body: String = conn
        .query_row(
            "SELECT body FROM articles WHERE document_id = ?1",
            [document_id],
            |r| r.get(0),
        )
        .expect("body");
    let start = body.find(m.trigger).unwrap_or(0);
    let end = start + m.trigger.len();
    let words = serde_json::json!([{ "text": m.trigger, "start": start, "end": end }]);
    conn.execute(
        "INSERT INTO event_mentions (document_id, sentence_idx, source_code, source_text,
            target_code, target_text, cameo, root_code, quad_class, goldstein, plover_event,
            mood, date, location_name, location_country, lat, lon, trigger_text, trigger_start,
            trigger_end, trigger_words, rule, confidence)
         VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, 1, 3.0, ?8, 'asserted', ?9, ?10, ?11, ?12, ?13,
                 ?14, ?15, ?16, ?17, '{}', ?18)",
        params![
            document_id,
            m.source.map(|s| s.0),
            m.source.map(|s| s.1),
            m.target.map(|t| t.0),
            m.target.map(|t| t.1),
            m.cameo,
            &m.cameo[..2],
            m.plover,
            m.date,
            m.place.map(|p| p.0),
            m.place.map(|p| p.1),
            m.place.and_then(|p| p.2).map(|c| c.0),
            m.place.and_then(|p| p.2).map(|c| c.1),
            m.trigger,
            start as i64,
            end as i64,
            words.to_string(),
            m.confidence,
        ],
    )
    .expect("mention");
    conn.last_insert_rowid()
}

/// Run dedup over the given documents in one transaction, as the writer does after a batch.
pub fn dedup(conn: &mut Connection, config: &DedupConfig, documents: &[i64]) {
    let tx = conn.transaction().expect("transaction");
    assign_events(&tx, config, documents).expect("assign_events");
    tx.commit().expect("commit");
}

/// `SELECT count(*) FROM table`.
pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}
