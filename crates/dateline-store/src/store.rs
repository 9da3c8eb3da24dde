//! Opening a store and writing coded documents into it.
//!
//! The store owns the write path: one transaction per batch of documents, holding every row
//! of every document of the batch (documents, articles and their full-text index, sentences,
//! actors, event mentions, counts, quotes, places, dates) and the deduplication of the new
//! mentions into events ([`crate::dedup::assign_events`]). A batch is all or nothing: a
//! crash, a full disk or a lock timeout leaves the store as it was before the batch.
//!
//! Idempotence: a document is known by the SHA-256 of its raw bytes. Stored already by the
//! same pipeline version, it is skipped (nothing is added); stored by another version (a
//! model or dictionary change), its rows are deleted and written again in the same
//! transaction. So running the same command again after `kill -9` completes the store
//! exactly: committed batches are skipped, the interrupted one is written whole.
//!
//! Conventions: WAL journal (readers never block the writer), `synchronous = NORMAL` (a
//! committed batch survives a killed process; after a power loss the last batches may be
//! lost, never half-written, and a rerun writes them again), foreign keys on, a busy
//! timeout before a lock held by another process becomes [`StoreError::Locked`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline_code::coder::{CodedArticle, Event};
use dateline_core::{Article, Document};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use serde::Serialize;

use crate::dedup::{self, DedupConfig};
use crate::error::StoreError;
use crate::schema::{self, Found, SCHEMA_VERSION};

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// How long to wait for another process's write lock before giving up.
    pub busy_timeout: Duration,
    /// How mentions are grouped into events in a store that keeps no rule of its own; a store
    /// given one by [`Store::set_dedup`] (`dateline dedup`) keeps using it.
    pub dedup: DedupConfig,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            busy_timeout: Duration::from_secs(5),
            dedup: DedupConfig::default(),
        }
    }
}

/// One sentence of an article, as the analyser split it: byte offsets into the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Everything the pipeline made of one input document, ready to be stored.
#[derive(Debug, Clone)]
pub struct CodedDocument {
    /// The input (its `text` is not stored: the article body is).
    pub document: Document,
    pub article: Article,
    /// The analysed sentences, in order; `sentence_idx` columns index this list.
    pub sentences: Vec<Sentence>,
    pub coded: CodedArticle,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// Documents stored for the first time.
    pub new: u64,
    /// Documents already stored by the same pipeline version: nothing added.
    pub skipped: u64,
    /// Documents stored by another pipeline version, whose rows were replaced.
    pub replaced: u64,
    /// Event mentions written.
    pub event_mentions: u64,
    /// Ids (`documents.id`) of the documents written, new or replaced, in batch order.
    pub document_ids: Vec<i64>,
}

/// What regrouping the events under a new dedup rule did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Regrouped {
    pub events_before: u64,
    pub events_after: u64,
}

/// A dateline store: one SQLite file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    options: StoreOptions,
}

impl Store {
    /// Open the store at `path` for writing, creating it (and migrating an older one) when
    /// needed. Refuses, without writing anything, a file that is not SQLite, a database
    /// that is not a dateline store and a store of a newer schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Store::open_with(path, StoreOptions::default())
    }

    /// [`Store::open`] with options.
    pub fn open_with(
        path: impl AsRef<Path>,
        mut options: StoreOptions,
    ) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let busy_ms = millis(options.busy_timeout);
        let err = |doing| {
            let path = path.clone();
            move |e| StoreError::from_sqlite(&path, doing, busy_ms, e)
        };
        if path.is_dir() {
            return Err(StoreError::Open {
                path,
                reason: "it is a folder; give a file name".to_string(),
            });
        }
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err("opening"))?;
        conn.busy_timeout(options.busy_timeout)
            .map_err(err("setting the busy timeout"))?;
        // SQLite quietly opens a write-protected file read-only; say so now rather than at
        // the first batch.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(err("opening"))?
        {
            return Err(StoreError::ReadOnly {
                path,
                reason: "the file is write-protected".to_string(),
            });
        }
        // While another process creates or converts the same file, SQLite can answer "busy"
        // at once, without waiting (switching the journal mode, recovering the WAL index):
        // retry the whole set-up until the busy timeout has passed.
        let deadline = Instant::now() + options.busy_timeout;
        loop {
            match set_up(&mut conn, &path, busy_ms) {
                Err(StoreError::Locked { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e),
                Ok(()) => break,
            }
        }
        if let Some(stored) = dedup::stored_config(&conn).map_err(err("reading the dedup rule"))? {
            options.dedup = stored;
        }
        Ok(Store {
            conn,
            path,
            options,
        })
    }

    /// The rule mentions are grouped into events by.
    pub fn dedup_config(&self) -> &DedupConfig {
        &self.options.dedup
    }

    /// Make `config` the store's dedup rule and group every stored mention again by it, in
    /// one transaction (all or nothing, like a batch).
    pub fn set_dedup(&mut self, config: DedupConfig) -> Result<Regrouped, StoreError> {
        if let Err(reason) = config.check() {
            return Err(StoreError::InvalidDedup {
                path: self.path.clone(),
                reason,
            });
        }
        let count = |tx: &rusqlite::Transaction<'_>| -> rusqlite::Result<u64> {
            tx.query_row("SELECT count(*) FROM events", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| u64::try_from(n).unwrap_or(0))
        };
        let busy_ms = millis(self.options.busy_timeout);
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, "regrouping the events", busy_ms, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let events_before = count(&tx).map_err(err)?;
        dedup::save_config(&tx, &config).map_err(err)?;
        dedup::rebuild_events(&tx, &config).map_err(err)?;
        let events_after = count(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        self.options.dedup = config;
        Ok(Regrouped {
            events_before,
            events_after,
        })
    }

    /// Open an existing store for reading only (queries, exports, look-ups from worker
    /// threads while another connection writes).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let options = StoreOptions::default();
        let busy_ms = millis(options.busy_timeout);
        if !path.is_file() {
            return Err(StoreError::Open {
                path,
                reason: "no such file (`dateline ingest` creates the store)".to_string(),
            });
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(&path, "opening", busy_ms, e))?;
        conn.busy_timeout(options.busy_timeout)
            .map_err(|e| StoreError::from_sqlite(&path, "opening", busy_ms, e))?;
        match schema::inspect(&conn, &path, busy_ms)? {
            Found::Store(v) if v == SCHEMA_VERSION => Ok(Store {
                conn,
                path,
                options,
            }),
            Found::Store(v) => Err(StoreError::OlderSchema {
                path,
                found: v,
                supported: SCHEMA_VERSION,
            }),
            Found::Empty => Err(StoreError::Foreign {
                path,
                reason: "it is empty".to_string(),
            }),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reading (and for tests that need SQLite's own knobs).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The checked connection itself, for readers that keep it (queries, exports).
    pub fn into_connection(self) -> Connection {
        self.conn
    }

    /// The pipeline version that stored the document with this content hash, if any.
    pub fn stored_version(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT pipeline_version FROM documents WHERE sha256 = ?1")
            .and_then(|mut stmt| stmt.query_row([sha256], |row| row.get(0)).optional())
            .map_err(|e| self.error("looking up a document", e))
    }

    /// Write a batch of coded documents, produced by `pipeline_version`, in one
    /// transaction (see the module documentation for skipping and replacing).
    ///
    /// Inside the same transaction, [`dedup::assign_events`] is given the ids of the
    /// documents written and, after a replacement, of the other documents whose mentions
    /// shared an event with the replaced one: those events are deleted and their mentions'
    /// `event_id` set back to NULL, so dedup must group exactly the mentions of those
    /// documents whose `event_id` is NULL (and leave the others as they are).
    pub fn write_batch(
        &mut self,
        docs: &[CodedDocument],
        pipeline_version: &str,
    ) -> Result<BatchOutcome, StoreError> {
        let busy_ms = millis(self.options.busy_timeout);
        let path = self.path.clone();
        let path = path.as_path();
        let err = |doing| move |e| StoreError::from_sqlite(path, doing, busy_ms, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err("starting a batch"))?;
        let mut outcome = BatchOutcome::default();
        let ingested_at = now_utc();
        // Documents whose events lost mentions to a replacement: dedup regroups their
        // remaining mentions with the batch's.
        let mut regroup: Vec<i64> = Vec::new();
        for doc in docs {
            let existing: Option<(i64, String)> = tx
                .prepare_cached("SELECT id, pipeline_version FROM documents WHERE sha256 = ?1")
                .and_then(|mut stmt| {
                    stmt.query_row([&doc.document.sha256], |row| Ok((row.get(0)?, row.get(1)?)))
                        .optional()
                })
                .map_err(err("looking up a document"))?;
            match existing {
                Some((_, version)) if version == pipeline_version => {
                    outcome.skipped += 1;
                    continue;
                }
                Some((id, _)) => {
                    regroup.extend(remove_document(&tx, id).map_err(err("replacing a document"))?);
                    outcome.replaced += 1;
                }
                None => outcome.new += 1,
            }
            let id = insert_document(&tx, doc, pipeline_version, &ingested_at)
                .map_err(err("writing a document"))?;
            outcome.event_mentions += doc.coded.events.len() as u64;
            outcome.document_ids.push(id);
        }
        if !outcome.document_ids.is_empty() || !regroup.is_empty() {
            let mut ids = outcome.document_ids.clone();
            regroup.retain(|d| !ids.contains(d));
            regroup.sort_unstable();
            regroup.dedup();
            ids.extend(regroup);
            dedup::assign_events(&tx, &self.options.dedup, &ids)
                .map_err(err("grouping mentions into events"))?;
        }
        tx.commit().map_err(err("committing a batch"))?;
        Ok(outcome)
    }

    /// Close the store, folding the write-ahead log into the database file first, so that
    /// the file alone is the store (to copy, to measure, to open read-only elsewhere).
    /// Dropping a `Store` closes it too, without the checkpoint when other connections are
    /// still open.
    pub fn close(self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| self.error("checkpointing the log", e))?;
        let path = self.path.clone();
        let busy_ms = millis(self.options.busy_timeout);
        self.conn
            .close()
            .map_err(|(_, e)| StoreError::from_sqlite(&path, "closing", busy_ms, e))
    }

    fn error(&self, doing: &'static str, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, doing, millis(self.options.busy_timeout), e)
    }
}

/// An offset, index or count as SQLite's integer (they are far below `i64::MAX`).
fn n(x: usize) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// Check the file, switch to WAL, configure the connection and migrate when needed.
fn set_up(conn: &mut Connection, path: &Path, busy_ms: u64) -> Result<(), StoreError> {
    let err = |doing| move |e| StoreError::from_sqlite(path, doing, busy_ms, e);
    // Reads only, before any write: refuse what is not ours, untouched.
    let found = schema::inspect(conn, path, busy_ms)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(err("switching to WAL"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: format!("SQLite refused WAL mode (journal mode {mode})"),
        });
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
        .map_err(err("configuring the connection"))?;
    // A current store needs no write lock to open (another process may be writing).
    if found != Found::Store(SCHEMA_VERSION) {
        let created_by = format!("dateline {}", env!("CARGO_PKG_VERSION"));
        schema::migrate(conn, path, busy_ms, &created_by)?;
    }
    Ok(())
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The current UTC time, ISO 8601 to the second.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// Delete a stored document and everything coded from it (the foreign keys cascade), keeping
/// the full-text index and the events in step: an event left without mentions is deleted;
/// an event that keeps mentions of other documents is dissolved (its mentions set back to
/// no event) so that dedup regroups them and recounts. Returns the documents of those
/// mentions.
fn remove_document(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Vec<i64>> {
    // External-content FTS5 needs the old values to remove them from the index.
    let old: Option<(Option<String>, String)> = tx
        .query_row(
            "SELECT title, body FROM articles WHERE document_id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if let Some((title, body)) = old {
        tx.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)",
            params![id, title, body],
        )?;
    }
    let events = dedup::events_of_documents(tx, &[id])?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
    let mut others: Vec<i64> = Vec::new();
    for event in events {
        {
            let mut stmt = tx.prepare_cached(
                "SELECT DISTINCT document_id FROM event_mentions WHERE event_id = ?1",
            )?;
            let rows = stmt.query_map([event], |row| row.get::<_, i64>(0))?;
            for doc in rows {
                others.push(doc?);
            }
        }
        tx.execute(
            "UPDATE event_mentions SET event_id = NULL WHERE event_id = ?1",
            [event],
        )?;
        tx.execute("DELETE FROM events WHERE id = ?1", [event])?;
    }
    Ok(others)
}

/// Insert one document's rows; returns its `documents.id`.
fn insert_document(
    tx: &Transaction<'_>,
    doc: &CodedDocument,
    pipeline_version: &str,
    ingested_at: &str,
) -> rusqlite::Result<i64> {
    let d = &doc.document;
    tx.prepare_cached(
        "INSERT INTO documents (sha256, input_id, path, url, warc_record_id, line, pipeline_version, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        d.sha256,
        d.id,
        d.source.path,
        d.source.url,
        d.source.warc_record_id,
        d.source.line.and_then(|l| i64::try_from(l).ok()),
        pipeline_version,
        ingested_at,
    ])?;
    let id = tx.last_insert_rowid();
    insert_article(tx, id, &doc.article, &doc.coded)?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO sentences (document_id, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        // Text only for evidence sentences (schema_v3.sql): the body holds the others.
        let evidence: std::collections::HashSet<usize> = doc
            .coded
            .events
            .iter()
            .map(|e| e.sentence_index)
            .chain(doc.coded.counts.iter().map(|c| c.sentence_index))
            .chain(doc.coded.quotes.iter().map(|q| q.sentence_index))
            .collect();
        for (idx, s) in doc.sentences.iter().enumerate() {
            let text = evidence.contains(&idx).then_some(s.text.as_str());
            stmt.execute(params![id, n(idx), n(s.start), n(s.end), text])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO actors (document_id, sentence_idx, code, text, start, end, person)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for a in &doc.coded.actors {
            stmt.execute(params![
                id,
                n(a.sentence_index),
                a.code,
                a.text,
                n(a.start),
                n(a.end),
                a.person
            ])?;
        }
    }
    let mut mention_ids = Vec::with_capacity(doc.coded.events.len());
    for e in &doc.coded.events {
        mention_ids.push(insert_mention(tx, id, e)?);
    }
    insert_readers(tx, id, &doc.coded, &mention_ids)?;
    Ok(id)
}

fn insert_article(
    tx: &Transaction<'_>,
    id: i64,
    a: &Article,
    coded: &CodedArticle,
) -> rusqlite::Result<()> {
    let tone = coded.tone.as_ref();
    let authors = serde_json::to_string(&a.authors).unwrap_or_else(|_| "[]".to_string());
    tx.prepare_cached(
        "INSERT INTO articles (document_id, title, publisher, authors, date, date_source, language, url, body,
                               tone, positive, negative, polarity, word_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id,
        a.title,
        a.publisher,
        authors,
        a.date,
        a.date_source,
        a.language,
        a.url,
        a.body,
        tone.map(|t| f64::from(t.tone)),
        tone.map(|t| f64::from(t.positive)),
        tone.map(|t| f64::from(t.negative)),
        tone.map(|t| f64::from(t.polarity)),
        tone.map(|t| n(t.word_count)),
    ])?;
    tx.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, a.title, a.body])?;
    Ok(())
}

fn insert_mention(tx: &Transaction<'_>, document_id: i64, e: &Event) -> rusqlite::Result<i64> {
    let (source, target) = (e.source.as_ref(), e.target.as_ref());
    let loc = e.location.as_ref();
    let (source_loc, target_loc) = (e.source_location.as_ref(), e.target_location.as_ref());
    tx.prepare_cached(
        "INSERT INTO event_mentions (
            document_id, sentence_idx, event_id,
            source_code, source_text, source_start, source_end,
            target_code, target_text, target_start, target_end,
            cameo, root_code, quad_class, goldstein, plover_event, plover_mode, plover_context,
            mood, date, date_source, date_precision,
            location_name, location_country, lat, lon, geonameid,
            trigger_text, trigger_start, trigger_end, trigger_words, rule, confidence, tone, issues,
            source_location_name, source_location_country, source_lat, source_lon, source_geonameid,
            target_location_name, target_location_country, target_lat, target_lon, target_geonameid)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34,
                 ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44)",
    )?
    .execute(params![
        document_id,
        n(e.sentence_index),
        source.map(|a| &a.code),
        source.map(|a| &a.text),
        source.map(|a| n(a.start)),
        source.map(|a| n(a.end)),
        target.map(|a| &a.code),
        target.map(|a| &a.text),
        target.map(|a| n(a.start)),
        target.map(|a| n(a.end)),
        e.cameo,
        e.root_code,
        e.quad_class,
        e.goldstein.map(f64::from),
        e.plover.as_ref().map(|p| &p.event),
        e.plover.as_ref().and_then(|p| p.mode.as_ref()),
        e.plover.as_ref().and_then(|p| p.context.as_ref()),
        e.mood,
        e.date,
        e.date_source,
        e.date_precision.as_ref().map(tag),
        loc.map(|l| &l.name),
        loc.and_then(|l| l.country.as_ref()),
        loc.and_then(|l| l.lat),
        loc.and_then(|l| l.lon),
        loc.and_then(|l| l.geonameid),
        e.trigger.text,
        n(e.trigger.start),
        n(e.trigger.end),
        json(&e.trigger_words),
        json(&e.rule),
        f64::from(e.confidence),
        e.tone.map(f64::from),
        json(&e.issues),
        source_loc.map(|l| &l.name),
        source_loc.and_then(|l| l.country.as_ref()),
        source_loc.and_then(|l| l.lat),
        source_loc.and_then(|l| l.lon),
        source_loc.and_then(|l| l.geonameid),
        target_loc.map(|l| &l.name),
        target_loc.and_then(|l| l.country.as_ref()),
        target_loc.and_then(|l| l.lat),
        target_loc.and_then(|l| l.lon),
        target_loc.and_then(|l| l.geonameid),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Counts, quotes, places and dates: the article readers' rows.
fn insert_readers(
    tx: &Transaction<'_>,
    id: i64,
    coded: &CodedArticle,
    mention_ids: &[i64],
) -> rusqlite::Result<()> {
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO counts (document_id, sentence_idx, kind, value, high, qualifier, who, country, subset,
                                 phrase_text, phrase_start, phrase_end, trigger_text, event_mention_id,
                                 date, location_name, location_country, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        )?;
        for c in &coded.counts {
            let loc = c.location.as_ref();
            stmt.execute(params![
                id,
                n(c.sentence_index),
                c.kind.as_str(),
                c.value,
                c.high,
                tag(&c.qualifier),
                c.who,
                c.country,
                c.subset,
                c.phrase.text,
                n(c.phrase.start),
                n(c.phrase.end),
                c.trigger.text,
                c.event_index.and_then(|i| mention_ids.get(i)),
                c.date,
                loc.map(|l| &l.name),
                loc.and_then(|l| l.country.as_ref()),
                loc.and_then(|l| l.lat),
                loc.and_then(|l| l.lon),
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO quotes (document_id, sentence_idx, text, start, end, speaker_name, speaker_code,
                                 speaker_kind, position, partial, utterance, part)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for q in &coded.quotes {
            let speaker = q.speaker.as_ref();
            stmt.execute(params![
                id,
                n(q.sentence_index),
                q.text,
                n(q.start),
                n(q.end),
                speaker.map(|s| &s.name),
                speaker.and_then(|s| s.code.as_ref()),
                speaker.map(|s| tag(&s.kind)),
                tag(&q.position),
                q.partial,
                n(q.utterance),
                n(q.part),
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO places (document_id, sentence_idx, name, resolved_name, geonameid, kind, country,
                                 admin1, lat, lon, start, end, confidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for p in &coded.places {
            let r = &p.resolved;
            stmt.execute(params![
                id,
                n(p.sentence_index),
                p.name,
                r.resolved_name,
                r.geonameid,
                r.kind.as_str(),
                r.country,
                r.admin1,
                r.lat,
                r.lon,
                n(p.start),
                n(p.end),
                p.confidence,
            ])?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO dates (document_id, sentence_idx, text, start, end, resolved, precision, relation, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for d in &coded.dates {
            stmt.execute(params![
                id,
                n(d.sentence_index),
                d.text,
                n(d.start),
                n(d.end),
                d.resolved,
                tag(&d.precision),
                tag(&d.relation),
                tag(&d.kind),
            ])?;
        }
    }
    Ok(())
}

/// A value as JSON text (the JSON columns); the types written here always serialise.
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// A unit enum's serialised name (`day`, `before`, `partial`).
fn tag<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_tags_are_their_serialised_names() {
        assert_eq!(tag(&dateline_code::dates::DatePrecision::Day), "day");
        assert_eq!(
            tag(&dateline_code::quotes::SpeakerPosition::PreviousSentence),
            "previous_sentence"
        );
    }

    #[test]
    fn the_time_is_iso_utc() {
        let t = now_utc();
        assert_eq!(t.len(), "2026-01-01T00:00:00Z".len(), "{t}");
        assert!(t.ends_with('Z'), "{t}");
    }
}
