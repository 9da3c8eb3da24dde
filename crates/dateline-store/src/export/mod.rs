//! Exports of the deduplicated `events` table (with their mentions where a format needs
//! them) to the formats analysts already use: GDELT 2.0's event table ([`gdelt`]), PLOVER
//! JSON lines ([`plover`]), CSV ([`csv`]), JSON lines with the evidence ([`jsonl`]) and
//! Parquet ([`parquet`]).
//!
//! Conventions shared by every format:
//! - events and mentions are read through [`crate::read`] ([`crate::read::EventRecord`],
//!   [`crate::read::MentionRecord`]), as `dateline query` and `show` read them;
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

pub use crate::read::{Cell, ColumnType, EVENT_COLUMNS};
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
    /// A store of an older schema (see [`crate::StoreError::OlderSchema`]).
    #[error("{0}")]
    OlderSchema(crate::StoreError),
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
        Err(e @ crate::StoreError::OlderSchema { .. }) => return Err(ExportError::OlderSchema(e)),
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
