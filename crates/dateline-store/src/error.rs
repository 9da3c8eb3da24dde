//! The store's errors. Every error names the database file and says, in words an analyst can
//! act on, what is wrong with it: not a SQLite file, someone else's database, a newer
//! dateline's schema, locked by another process, read-only, full. SQLite's own message is
//! kept at the end for the rest.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// What went wrong opening or writing a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file cannot be opened or created (missing folder, not writable, not a file).
    #[error("{}: cannot open the database: {reason}", path.display())]
    Open { path: PathBuf, reason: String },
    /// The database (or its folder, which must hold the WAL files) cannot be written.
    #[error("{}: the database is read-only (the file or its folder cannot be written): {reason}", path.display())]
    ReadOnly { path: PathBuf, reason: String },
    /// The file is not a SQLite database, or its pages are damaged.
    #[error("{}: not a SQLite database, or a corrupt one: {reason}", path.display())]
    Corrupt { path: PathBuf, reason: String },
    /// A SQLite database that dateline did not create (its tables are not ours).
    #[error("{}: a SQLite database that is not a dateline store ({reason}); give another --db file", path.display())]
    Foreign { path: PathBuf, reason: String },
    /// A store written by a newer dateline: this one does not know its schema.
    #[error(
        "{}: the store has schema version {found}, newer than this dateline understands \
         ({supported}); use a newer dateline",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// A store of an older schema opened for reading: readers read the current layout
    /// only, and opening for writing (the next ingest) migrates it in place.
    #[error(
        "{}: the store has schema version {found}, older than this dateline reads \
         ({supported}); the next `dateline ingest PATH... --db {}` into it upgrades it in \
         place (before it reads PATH)",
        path.display(),
        path.display()
    )]
    OlderSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Another connection holds the write lock for longer than the busy timeout.
    #[error(
        "{}: the database is locked by another process (waited {waited_ms} ms); try again \
         when it is done",
        path.display()
    )]
    Locked { path: PathBuf, waited_ms: u64 },
    /// The disk (or the database's page limit) is full: the batch was rolled back.
    #[error("{}: the disk is full; the batch was rolled back, nothing of it was written: {reason}", path.display())]
    Full { path: PathBuf, reason: String },
    /// A dedup rule that cannot be used (a negative window, a weight outside 0–1).
    #[error("{}: invalid dedup rule: {reason}", path.display())]
    InvalidDedup { path: PathBuf, reason: String },
    /// Any other SQLite failure, with what the store was doing.
    #[error("{}: {doing}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        doing: &'static str,
        #[source]
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Classify a SQLite error met while `doing` something to the database at `path`.
    pub(crate) fn from_sqlite(
        path: &Path,
        doing: &'static str,
        busy_timeout_ms: u64,
        err: rusqlite::Error,
    ) -> StoreError {
        let path = path.to_path_buf();
        let reason = err.to_string();
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
                path,
                waited_ms: busy_timeout_ms,
            },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path, reason },
            Some(ErrorCode::DiskFull) => StoreError::Full { path, reason },
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path, reason }
            }
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::Open { path, reason }
            }
            _ => StoreError::Sqlite {
                path,
                doing,
                source: err,
            },
        }
    }

    /// The database file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StoreError::Open { path, .. }
            | StoreError::ReadOnly { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::Foreign { path, .. }
            | StoreError::NewerSchema { path, .. }
            | StoreError::OlderSchema { path, .. }
            | StoreError::Locked { path, .. }
            | StoreError::Full { path, .. }
            | StoreError::InvalidDedup { path, .. }
            | StoreError::Sqlite { path, .. } => path,
        }
    }
}
