//! Exports of the deduplicated `events` table (with their mentions where a format needs
//! them) to the formats analysts already use: GDELT 2.0's event table ([`gdelt`]), PLOVER
//! JSON lines ([`plover`]), CSV ([`csv`]), JSON lines with the evidence ([`jsonl`]) and
//! Parquet ([`parquet`]).
//!
//! Conventions shared by every format:
//! - rows stream from SQLite in `events.id` order; nothing reads a whole table into memory
//!   (Parquet buffers one row group, [`parquet::ROW_GROUP_ROWS`] rows, at a time);
//! - the store is opened read-only, so an export never changes it and can run beside an
//!   ingest (WAL);
//! - NULL is an empty field in text formats and `null` in JSON; dates stay ISO 8601 text at
//!   their precision except where a format demands a day (GDELT, PLOVER: see
//!   [`day_of`]).

pub mod csv;
pub mod gdelt;
pub mod jsonl;
pub mod parquet;
pub mod plover;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use rusqlite::Connection;
use rusqlite::{Row, Statement};
use serde::Serialize;

use crate::schema::SCHEMA_VERSION;

/// What an export can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// PLOVER records, one JSON object per line (the manual's suggested JSONL layout).
    Plover,
    /// Every column of `events`, comma-separated, with a header line.
    Csv,
    /// One JSON object per event with its mentions and their evidence sentences.
    Jsonl,
    /// The CSV columns as a typed Parquet file (Snappy-compressed).
    Parquet,
}

/// Options that only some formats read.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// GDELT: write a header line with the codebook's column names (GDELT's own files have
    /// none).
    pub header: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Events written.
    pub events: u64,
    /// Events left out because the format cannot represent them (PLOVER: no PLOVER
    /// category for the CAMEO code).
    pub skipped: u64,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no database at {}", .0.display())]
    Missing(PathBuf),
    #[error("cannot open the database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{} is not a dateline store ({reason})", path.display())]
    NotAStore { path: PathBuf, reason: String },
    #[error(
        "{} has schema version {found}, but this dateline reads version {SCHEMA_VERSION}; \
         use a newer dateline",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64 },
    #[error("cannot read the store: {0}")]
    Read(#[from] rusqlite::Error),
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write the Parquet file: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Opens a store read-only for export, checked as every reader checks it
/// ([`crate::Store::open_read_only`]: SQLite, ours, the current schema version — a newer one is
/// refused rather than misread).
pub fn open_store(path: &Path) -> Result<Connection, ExportError> {
    if path.is_dir() {
        return Err(ExportError::NotAStore {
            path: path.to_path_buf(),
            reason: "it is a folder".into(),
        });
    }
    if !path.exists() {
        return Err(ExportError::Missing(path.to_path_buf()));
    }
    let conn = match crate::Store::open_read_only(path) {
        Ok(store) => store.into_connection(),
        Err(crate::StoreError::NewerSchema { found, .. }) => {
            return Err(ExportError::NewerSchema {
                path: path.to_path_buf(),
                found: i64::from(found),
            })
        }
        Err(e) => {
            return Err(ExportError::NotAStore {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    // An ingest may be committing a batch: wait for it rather than fail at once.
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    Ok(conn)
}

/// Writes every event of the store to `out` in `format`.
pub fn export<W: Write + Send>(
    conn: &Connection,
    format: ExportFormat,
    options: &ExportOptions,
    out: W,
) -> Result<ExportSummary, ExportError> {
    // One read transaction: events and their mentions come from the same snapshot even
    // when an ingest commits meanwhile (WAL readers see the store as it was at their first
    // read). Nothing is written, so dropping it (a rollback) is all the cleanup it needs.
    let snapshot = conn.unchecked_transaction()?;
    match format {
        ExportFormat::Gdelt => gdelt::write(&snapshot, options, out),
        ExportFormat::Plover => plover::write(&snapshot, out),
        ExportFormat::Csv => csv::write(&snapshot, out),
        ExportFormat::Jsonl => jsonl::write(&snapshot, out),
        ExportFormat::Parquet => parquet::write(&snapshot, out),
    }
}

/// One row of `events`, every column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
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

/// The type of one exported column (CSV and Parquet share the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Int,
    Real,
}

/// One cell of an [`EventRow`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(Option<&'a str>),
    Int(Option<i64>),
    Real(Option<f64>),
}

/// The columns of `events` in schema order, with their types and whether they can be NULL.
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

impl EventRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<EventRow> {
        Ok(EventRow {
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

    /// The row's cells in [`EVENT_COLUMNS`] order.
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

/// Calls `each` on every event in `events.id` order, one row in memory at a time.
pub fn for_each_event(
    conn: &Connection,
    mut each: impl FnMut(EventRow) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let columns: Vec<&str> = EVENT_COLUMNS.iter().map(|(name, _, _)| *name).collect();
    let sql = format!("SELECT {} FROM events ORDER BY id", columns.join(", "));
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        each(EventRow::from_row(row)?)?;
    }
    Ok(())
}

/// One mention of an event, with the sentence and article it was coded from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRow {
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
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
}

const MENTIONS_SQL: &str = "
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
LEFT JOIN sentences s ON s.document_id = m.document_id AND s.idx = m.sentence_idx
WHERE m.event_id = ?1
ORDER BY m.id";

/// Reads the mentions of one event at a time (indexed by `event_mentions(event_id)`).
pub struct MentionReader<'c> {
    statement: Statement<'c>,
}

impl<'c> MentionReader<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self, ExportError> {
        Ok(MentionReader {
            statement: conn.prepare(MENTIONS_SQL)?,
        })
    }

    /// The mentions of event `event_id`, oldest first.
    pub fn mentions(&mut self, event_id: i64) -> Result<Vec<MentionRow>, ExportError> {
        let rows = self.statement.query_map([event_id], |row| {
            Ok(MentionRow {
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
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// A JSON column parsed; text that is not JSON (a writer's bug, or a hand-edited store) is
/// kept as a JSON string rather than failing the whole export.
fn json_column(text: String) -> serde_json::Value {
    serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
}

/// A calendar day for formats that require one (GDELT's SQLDATE, PLOVER's `date`), from an
/// event date at its precision, else from the day the event was first seen:
/// `2014-07-21` → (2014, 7, 21); `2014-07` → (2014, 7, 1); `2014` → (2014, 1, 1) — the
/// period's first day, as a day-only format can say nothing finer; the exact precision
/// stays in the CSV, JSONL and Parquet exports and in PLOVER's `date_precision`.
pub fn day_of(date: Option<&str>, first_seen: &str) -> Option<(i32, u32, u32)> {
    date.and_then(parse_partial_date)
        .or_else(|| parse_partial_date(first_seen.get(..10).unwrap_or(first_seen)))
}

fn parse_partial_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = match parts.next() {
        Some(m) => m.parse().ok()?,
        None => 1,
    };
    let day: u32 = match parts.next() {
        Some(d) => d.get(..2).unwrap_or(d).parse().ok()?,
        None => 1,
    };
    chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    Some((year, month, day))
}

/// The precision of an ISO 8601 date at its precision: `day`, `month` or `year`.
pub fn date_precision(date: &str) -> &'static str {
    match date.trim().split('-').count() {
        1 => "year",
        2 => "month",
        _ => "day",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_of_pads_partial_dates_and_falls_back_to_first_seen() {
        assert_eq!(
            day_of(Some("2014-07-21"), "2020-01-01T00:00:00Z"),
            Some((2014, 7, 21))
        );
        assert_eq!(day_of(Some("2014-07"), "x"), Some((2014, 7, 1)));
        assert_eq!(day_of(Some("2014"), "x"), Some((2014, 1, 1)));
        assert_eq!(day_of(None, "2020-03-04T05:06:07Z"), Some((2020, 3, 4)));
        assert_eq!(day_of(Some("2014-02-30"), "nonsense"), None);
        assert_eq!(day_of(None, ""), None);
    }

    #[test]
    fn precision_of_dates() {
        assert_eq!(date_precision("2014"), "year");
        assert_eq!(date_precision("2014-07"), "month");
        assert_eq!(date_precision("2014-07-21"), "day");
    }
}
