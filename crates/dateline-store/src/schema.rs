//! The schema and its versioned migrations, and the checks that keep the store from writing
//! into a file that is not its own.
//!
//! Conventions: migration `n` (1-based) is [`MIGRATIONS`]`[n - 1]`, SQL run in one
//! transaction together with the `meta.schema_version` update, so a store is always at
//! exactly one version. Migrations are only ever appended: migration 1 is
//! `schema_v1.sql`, the base contract the readers (dedup, query, show, export) code
//! against; migration 2, `schema_v2.sql`, adds the actors' places (GDELT's Actor1Geo and
//! Actor2Geo) and dedup's candidate index; migration 3, `schema_v3.sql`, keeps sentence
//! text only where it is evidence (the offsets locate the rest in the body). A store of an older version is migrated in
//! place when opened for writing; readers open only the current version.
//! Before anything is written, the file is inspected with reads only: a file that is not
//! SQLite, a SQLite database whose tables are not ours, or a store of a newer schema is
//! refused and left exactly as it was.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::StoreError;

/// The migrations, in order: migration `n` brings a store from version `n - 1` to `n`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Tables every dateline store has had since version 1: a database with a `meta` table but
/// without these is someone else's.
const CORE_TABLES: &[&str] = &["meta", "documents", "articles", "event_mentions", "events"];

/// What an inspected file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// No tables: a new (or empty) file, ready for migration 1.
    Empty,
    /// A dateline store at this schema version.
    Store(u32),
}

/// Look at the file without writing to it: is it empty, one of our stores (at which
/// version), or something we must not touch?
pub(crate) fn inspect(conn: &Connection, path: &Path, busy_ms: u64) -> Result<Found, StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, "reading the schema", busy_ms, e);
    // The first read of the file: a file that is not SQLite fails here ("file is not a
    // database"), before anything could be written to it.
    let mut tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .map_err(sqlite)?;
        let rows = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)?
    };
    tables.retain(|t| !t.starts_with("sqlite_"));
    if tables.is_empty() {
        return Ok(Found::Empty);
    }
    let has = |name: &str| tables.iter().any(|t| t == name);
    if !has("meta") {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            reason: format!("its tables are {}", list(&tables)),
        });
    }
    let meta = |key: &str| -> Result<Option<String>, StoreError> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get::<_, String>(0)
        })
        .optional()
        .map_err(|e| StoreError::Foreign {
            path: path.to_path_buf(),
            reason: format!("its meta table is not ours: {e}"),
        })
    };
    let created_by = meta("created_by")?;
    let version = meta("schema_version")?;
    let version = match version.as_deref().map(str::parse::<u32>) {
        Some(Ok(v)) if v >= 1 => v,
        _ => {
            return Err(StoreError::Foreign {
                path: path.to_path_buf(),
                reason: "its meta table has no schema_version".to_string(),
            })
        }
    };
    if !created_by
        .as_deref()
        .is_some_and(|c| c.starts_with("dateline"))
    {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            reason: format!(
                "its meta table says it was created by {}",
                created_by.as_deref().unwrap_or("an unknown program")
            ),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let missing: Vec<String> = CORE_TABLES
        .iter()
        .filter(|t| !has(t))
        .map(|t| t.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            reason: format!("the tables {} are missing", list(&missing)),
        });
    }
    Ok(Found::Store(version))
}

/// Bring the store to [`SCHEMA_VERSION`], creating it when the file is empty. Runs in one
/// immediate transaction, and inspects again inside it: two processes opening a new file at
/// once migrate it once.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: &Path,
    busy_ms: u64,
    created_by: &str,
) -> Result<u32, StoreError> {
    let sqlite = |doing| move |e| StoreError::from_sqlite(path, doing, busy_ms, e);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sqlite("starting the migration"))?;
    let from = match inspect(&tx, path, busy_ms)? {
        Found::Empty => 0,
        Found::Store(v) => v,
    };
    if from == SCHEMA_VERSION {
        return Ok(from);
    }
    for sql in MIGRATIONS.iter().skip(from as usize) {
        tx.execute_batch(sql)
            .map_err(sqlite("creating the tables"))?;
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION.to_string()],
    )
    .map_err(sqlite("recording the schema version"))?;
    tx.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', ?1)",
        [created_by],
    )
    .map_err(sqlite("recording the schema version"))?;
    tx.commit().map_err(sqlite("committing the migration"))?;
    Ok(SCHEMA_VERSION)
}

/// A few names of a list, for a message.
fn list(names: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut s = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Connection {
        Connection::open_in_memory().unwrap()
    }

    #[test]
    fn an_empty_database_is_migrated_to_the_current_version() {
        let mut conn = memory();
        let p = Path::new(":memory:");
        assert_eq!(inspect(&conn, p, 0).unwrap(), Found::Empty);
        assert_eq!(
            migrate(&mut conn, p, 0, "dateline test").unwrap(),
            SCHEMA_VERSION
        );
        assert_eq!(inspect(&conn, p, 0).unwrap(), Found::Store(SCHEMA_VERSION));
        // Migrating again is a no-op.
        assert_eq!(
            migrate(&mut conn, p, 0, "dateline test").unwrap(),
            SCHEMA_VERSION
        );
        let version: String = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION.to_string());
    }

    #[test]
    fn tables_of_another_program_are_refused() {
        let conn = memory();
        conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
            .unwrap();
        let err = inspect(&conn, Path::new("x.db"), 0).unwrap_err();
        assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
        assert!(err.to_string().contains("customers"), "{err}");
    }

    #[test]
    fn a_meta_table_of_another_program_is_refused() {
        let conn = memory();
        conn.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO meta VALUES ('schema_version', '1'), ('created_by', 'someapp 2.0');",
        )
        .unwrap();
        let err = inspect(&conn, Path::new("x.db"), 0).unwrap_err();
        assert!(err.to_string().contains("someapp"), "{err}");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = memory();
        let p = Path::new("x.db");
        migrate(&mut conn, p, 0, "dateline test").unwrap();
        conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
            [(SCHEMA_VERSION + 1).to_string()],
        )
        .unwrap();
        let err = inspect(&conn, p, 0).unwrap_err();
        assert!(
            matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
            "{err}"
        );
    }
}
