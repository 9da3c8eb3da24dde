//! Reading events and their mentions back: the one place that knows how a row of `events`
//! and a row of `event_mentions` (with its evidence) are selected and mapped to Rust.
//!
//! [`EventRecord`] is a row of `events`, every column, in schema order ([`EVENT_COLUMNS`]
//! names them with their types, which CSV and Parquet share); [`MentionRecord`] a row of
//! `event_mentions`, every column, with the sentence it was coded from and its article. Each
//! has one SELECT column list and one row mapper; `dateline query`, `dateline show` and every
//! export read through them, so a column added to the schema is added here once.
//!
//! Readers stream: [`for_each_event`] holds one event in memory at a time, and
//! [`MentionReader`] reads one event's mentions through the `event_mentions(event_id)` index.

use rusqlite::{Connection, Row, Statement};
use serde::Serialize;

/// The type of one column of [`EVENT_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Int,
    Real,
}

/// One cell of an [`EventRecord`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(Option<&'a str>),
    Int(Option<i64>),
    Real(Option<f64>),
}

/// The columns of `events` in schema order, with their types and whether they can be NULL:
/// the fields of [`EventRecord`], the CSV header and the Parquet schema.
pub const EVENT_COLUMNS: [(&str, ColumnType, bool); 32] = [
    ("id", ColumnType::Int, false),
    ("source_code", ColumnType::Text, true),
    ("target_code", ColumnType::Text, true),
    ("cameo", ColumnType::Text, false),
    ("root_code", ColumnType::Text, false),
    ("quad_class", ColumnType::Int, true),
    ("goldstein", ColumnType::Real, true),
    ("plover_event", ColumnType::Text, true),
    ("plover_mode", ColumnType::Text, true),
    ("date", ColumnType::Text, true),
    ("location_name", ColumnType::Text, true),
    ("location_country", ColumnType::Text, true),
    ("lat", ColumnType::Real, true),
    ("lon", ColumnType::Real, true),
    ("geonameid", ColumnType::Int, true),
    ("source_location_name", ColumnType::Text, true),
    ("source_location_country", ColumnType::Text, true),
    ("source_lat", ColumnType::Real, true),
    ("source_lon", ColumnType::Real, true),
    ("source_geonameid", ColumnType::Int, true),
    ("target_location_name", ColumnType::Text, true),
    ("target_location_country", ColumnType::Text, true),
    ("target_lat", ColumnType::Real, true),
    ("target_lon", ColumnType::Real, true),
    ("target_geonameid", ColumnType::Int, true),
    ("num_mentions", ColumnType::Int, false),
    ("num_sources", ColumnType::Int, false),
    ("num_articles", ColumnType::Int, false),
    ("confidence", ColumnType::Real, false),
    ("avg_tone", ColumnType::Real, true),
    ("first_seen", ColumnType::Text, false),
    ("source_url", ColumnType::Text, true),
];

/// One row of `events` (a deduplicated event), every column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub root_code: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub date: Option<String>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<i64>,
    /// Where the source actor was (GDELT's Actor1Geo): the most frequent of its mentions'.
    pub source_location_name: Option<String>,
    pub source_location_country: Option<String>,
    pub source_lat: Option<f64>,
    pub source_lon: Option<f64>,
    pub source_geonameid: Option<i64>,
    /// Where the target actor was (GDELT's Actor2Geo).
    pub target_location_name: Option<String>,
    pub target_location_country: Option<String>,
    pub target_lat: Option<f64>,
    pub target_lon: Option<f64>,
    pub target_geonameid: Option<i64>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub confidence: f64,
    pub avg_tone: Option<f64>,
    pub first_seen: String,
    pub source_url: Option<String>,
}

impl EventRecord {
    /// The SELECT column list of a record, [`EVENT_COLUMNS`] qualified by the table's
    /// `alias` (`e.id, e.source_code, …`); a query may add columns after it.
    pub fn columns(alias: &str) -> String {
        EVENT_COLUMNS
            .iter()
            .map(|(name, _, _)| format!("{alias}.{name}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The record in a row selected with [`EventRecord::columns`] (its first columns).
    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<EventRecord> {
        Ok(EventRecord {
            id: row.get(0)?,
            source_code: row.get(1)?,
            target_code: row.get(2)?,
            cameo: row.get(3)?,
            root_code: row.get(4)?,
            quad_class: row.get(5)?,
            goldstein: row.get(6)?,
            plover_event: row.get(7)?,
            plover_mode: row.get(8)?,
            date: row.get(9)?,
            location_name: row.get(10)?,
            location_country: row.get(11)?,
            lat: row.get(12)?,
            lon: row.get(13)?,
            geonameid: row.get(14)?,
            source_location_name: row.get(15)?,
            source_location_country: row.get(16)?,
            source_lat: row.get(17)?,
            source_lon: row.get(18)?,
            source_geonameid: row.get(19)?,
            target_location_name: row.get(20)?,
            target_location_country: row.get(21)?,
            target_lat: row.get(22)?,
            target_lon: row.get(23)?,
            target_geonameid: row.get(24)?,
            num_mentions: row.get(25)?,
            num_sources: row.get(26)?,
            num_articles: row.get(27)?,
            confidence: row.get(28)?,
            avg_tone: row.get(29)?,
            first_seen: row.get(30)?,
            source_url: row.get(31)?,
        })
    }

    /// The record's cells in [`EVENT_COLUMNS`] order.
    pub fn cells(&self) -> [Cell<'_>; 32] {
        [
            Cell::Int(Some(self.id)),
            Cell::Text(self.source_code.as_deref()),
            Cell::Text(self.target_code.as_deref()),
            Cell::Text(Some(&self.cameo)),
            Cell::Text(Some(&self.root_code)),
            Cell::Int(self.quad_class),
            Cell::Real(self.goldstein),
            Cell::Text(self.plover_event.as_deref()),
            Cell::Text(self.plover_mode.as_deref()),
            Cell::Text(self.date.as_deref()),
            Cell::Text(self.location_name.as_deref()),
            Cell::Text(self.location_country.as_deref()),
            Cell::Real(self.lat),
            Cell::Real(self.lon),
            Cell::Int(self.geonameid),
            Cell::Text(self.source_location_name.as_deref()),
            Cell::Text(self.source_location_country.as_deref()),
            Cell::Real(self.source_lat),
            Cell::Real(self.source_lon),
            Cell::Int(self.source_geonameid),
            Cell::Text(self.target_location_name.as_deref()),
            Cell::Text(self.target_location_country.as_deref()),
            Cell::Real(self.target_lat),
            Cell::Real(self.target_lon),
            Cell::Int(self.target_geonameid),
            Cell::Int(Some(self.num_mentions)),
            Cell::Int(Some(self.num_sources)),
            Cell::Int(Some(self.num_articles)),
            Cell::Real(Some(self.confidence)),
            Cell::Real(self.avg_tone),
            Cell::Text(Some(&self.first_seen)),
            Cell::Text(self.source_url.as_deref()),
        ]
    }
}

/// Calls `each` on every event in `events.id` order, one record in memory at a time; the
/// first error (reading, or returned by `each`) stops the walk and is returned.
pub fn for_each_event<E: From<rusqlite::Error>>(
    conn: &Connection,
    mut each: impl FnMut(EventRecord) -> Result<(), E>,
) -> Result<(), E> {
    let sql = format!(
        "SELECT {} FROM events e ORDER BY e.id",
        EventRecord::columns("e")
    );
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        each(EventRecord::from_row(row)?)?;
    }
    Ok(())
}

/// One row of `event_mentions` (an event as one sentence of one article reports it), every
/// column, with its evidence: the sentence and the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRecord {
    pub id: i64,
    pub document_id: i64,
    pub sentence_idx: i64,
    pub source_code: Option<String>,
    pub source_text: Option<String>,
    pub source_start: Option<i64>,
    pub source_end: Option<i64>,
    pub target_code: Option<String>,
    pub target_text: Option<String>,
    pub target_start: Option<i64>,
    pub target_end: Option<i64>,
    pub cameo: String,
    pub root_code: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub plover_context: Option<String>,
    pub mood: String,
    pub date: Option<String>,
    pub date_source: Option<String>,
    pub date_precision: Option<String>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<i64>,
    /// Where each actor was, as the coder found it in this mention's sentence.
    pub source_location_name: Option<String>,
    pub source_location_country: Option<String>,
    pub source_lat: Option<f64>,
    pub source_lon: Option<f64>,
    pub source_geonameid: Option<i64>,
    pub target_location_name: Option<String>,
    pub target_location_country: Option<String>,
    pub target_lat: Option<f64>,
    pub target_lon: Option<f64>,
    pub target_geonameid: Option<i64>,
    pub trigger_text: String,
    pub trigger_start: i64,
    pub trigger_end: i64,
    /// JSON columns, parsed (kept as a JSON string when the stored text is not JSON).
    pub trigger_words: serde_json::Value,
    pub rule: serde_json::Value,
    pub confidence: f64,
    pub tone: Option<f64>,
    pub issues: Option<serde_json::Value>,
    /// The evidence: the sentence the mention was coded from, and its offsets in the body.
    pub sentence: Option<String>,
    pub sentence_start: Option<i64>,
    pub sentence_end: Option<i64>,
    pub article: ArticleRef,
}

/// Where a mention was read: its document and article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRef {
    pub input_id: String,
    /// The article's URL, else the document's.
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// The article's publish date.
    pub date: Option<String>,
    pub language: Option<String>,
}

/// The SELECT of a [`MentionRecord`], its joins included (`m` the mention, `s` its
/// sentence, `d` its document, `a` its article); callers add WHERE and ORDER BY.
const MENTION_SELECT: &str = "
SELECT m.id, m.document_id, m.sentence_idx,
       m.source_code, m.source_text, m.source_start, m.source_end,
       m.target_code, m.target_text, m.target_start, m.target_end,
       m.cameo, m.root_code, m.quad_class, m.goldstein,
       m.plover_event, m.plover_mode, m.plover_context, m.mood,
       m.date, m.date_source, m.date_precision,
       m.location_name, m.location_country, m.lat, m.lon, m.geonameid,
       m.source_location_name, m.source_location_country, m.source_lat, m.source_lon,
       m.source_geonameid,
       m.target_location_name, m.target_location_country, m.target_lat, m.target_lon,
       m.target_geonameid,
       m.trigger_text, m.trigger_start, m.trigger_end, m.trigger_words, m.rule,
       m.confidence, m.tone, m.issues,
       s.text, s.start, s.end,
       d.input_id, coalesce(a.url, d.url), a.title, a.publisher, a.date, a.language
FROM event_mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN articles a ON a.document_id = m.document_id
LEFT JOIN sentences s ON s.document_id = m.document_id AND s.idx = m.sentence_idx";

impl MentionRecord {
    /// The record in a row selected with the mention SELECT.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<MentionRecord> {
        Ok(MentionRecord {
            id: row.get(0)?,
            document_id: row.get(1)?,
            sentence_idx: row.get(2)?,
            source_code: row.get(3)?,
            source_text: row.get(4)?,
            source_start: row.get(5)?,
            source_end: row.get(6)?,
            target_code: row.get(7)?,
            target_text: row.get(8)?,
            target_start: row.get(9)?,
            target_end: row.get(10)?,
            cameo: row.get(11)?,
            root_code: row.get(12)?,
            quad_class: row.get(13)?,
            goldstein: row.get(14)?,
            plover_event: row.get(15)?,
            plover_mode: row.get(16)?,
            plover_context: row.get(17)?,
            mood: row.get(18)?,
            date: row.get(19)?,
            date_source: row.get(20)?,
            date_precision: row.get(21)?,
            location_name: row.get(22)?,
            location_country: row.get(23)?,
            lat: row.get(24)?,
            lon: row.get(25)?,
            geonameid: row.get(26)?,
            source_location_name: row.get(27)?,
            source_location_country: row.get(28)?,
            source_lat: row.get(29)?,
            source_lon: row.get(30)?,
            source_geonameid: row.get(31)?,
            target_location_name: row.get(32)?,
            target_location_country: row.get(33)?,
            target_lat: row.get(34)?,
            target_lon: row.get(35)?,
            target_geonameid: row.get(36)?,
            trigger_text: row.get(37)?,
            trigger_start: row.get(38)?,
            trigger_end: row.get(39)?,
            trigger_words: json_column(row.get(40)?),
            rule: json_column(row.get(41)?),
            confidence: row.get(42)?,
            tone: row.get(43)?,
            issues: row.get::<_, Option<String>>(44)?.map(json_column),
            sentence: row.get(45)?,
            sentence_start: row.get(46)?,
            sentence_end: row.get(47)?,
            article: ArticleRef {
                input_id: row.get(48)?,
                url: row.get(49)?,
                title: row.get(50)?,
                publisher: row.get(51)?,
                date: row.get(52)?,
                language: row.get(53)?,
            },
        })
    }
}

/// The order of one event's mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionOrder {
    /// As written to the store (`event_mentions.id`): the exports' order.
    Stored,
    /// As their documents were ingested, then in article order: `dateline show`'s (the
    /// first report first).
    Ingested,
}

/// Reads the mentions of one event at a time (indexed by `event_mentions(event_id)`).
pub struct MentionReader<'c> {
    statement: Statement<'c>,
}

impl<'c> MentionReader<'c> {
    pub fn new(conn: &'c Connection, order: MentionOrder) -> rusqlite::Result<Self> {
        let order = match order {
            MentionOrder::Stored => "m.id",
            MentionOrder::Ingested => {
                "d.ingested_at, m.document_id, m.sentence_idx, m.trigger_start"
            }
        };
        Ok(MentionReader {
            statement: conn.prepare(&format!(
                "{MENTION_SELECT} WHERE m.event_id = ?1 ORDER BY {order}"
            ))?,
        })
    }

    /// The mentions of event `event_id`, in the reader's order.
    pub fn mentions(&mut self, event_id: i64) -> rusqlite::Result<Vec<MentionRecord>> {
        self.statement
            .query_map([event_id], MentionRecord::from_row)?
            .collect()
    }
}

/// A JSON column parsed; text that is not JSON (a writer's bug, or a hand-edited store) is
/// kept as a JSON string rather than failing the whole read.
fn json_column(text: String) -> serde_json::Value {
    serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
}
