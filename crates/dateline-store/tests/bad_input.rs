//! Bad input for the store: every case ends in a clear error naming the file, and nothing
//! written — a file that is not SQLite, a corrupt one, someone else's database, a newer
//! schema, a path that cannot be written, a database locked by another process, and a disk
//! that fills up mid-batch (rolled back; a rerun completes it).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{dump, news, row_counts};
use dateline_store::schema::SCHEMA_VERSION;
use dateline_store::{Store, StoreError, StoreOptions};
use rusqlite::Connection;
use tempfile::TempDir;

const V1: &str = "dateline test+v1";

/// The files of a folder, with their bytes: what "nothing written" is checked against.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Open `path`, expect an error that names it, and check the folder is unchanged.
fn refused(path: &Path) -> StoreError {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = match Store::open(path) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(e) => e,
    };
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the error does not name the file: {err}"
    );
    assert_eq!(err.path(), path);
    assert_eq!(snapshot(dir), before, "the folder changed: {err}");
    err
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(200)).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
}

#[test]
fn a_corrupt_sqlite_file_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("corrupt.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.write_batch(&news()[..2], V1).unwrap();
        // Fold the WAL into the file so that the damage below hits the real pages.
        store
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    // Damage the schema page (page 1, after the 100-byte file header).
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().take(4096).skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn a_database_of_another_program_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("shop.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO customers (name) VALUES ('Ada');",
        )
        .unwrap();
    }
    let err = refused(&path);
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("customers"), "{err}");
}

#[test]
fn a_store_of_a_newer_schema_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("future.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.write_batch(&news()[..1], V1).unwrap();
        store
            .connection()
            .execute(
                "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                [(SCHEMA_VERSION + 1).to_string()],
            )
            .unwrap();
        store
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let err = refused(&path);
    assert!(
        matches!(err, StoreError::NewerSchema { found, supported, .. }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err}"
    );
    assert!(err.to_string().contains("newer"), "{err}");
    // Readers refuse it too.
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::NewerSchema { .. })
    ));
}

#[test]
fn a_path_that_cannot_be_created_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    // A missing folder.
    let missing = dir.path().join("no-such-folder").join("store.db");
    let err = Store::open(&missing)
        .err()
        .expect("opened in a missing folder");
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    // A "folder" that is a file.
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let under_file = file.join("store.db");
    let err = Store::open(&under_file).err().expect("opened under a file");
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
    // A folder given as the database.
    let err = Store::open(dir.path()).err().expect("opened a folder");
    assert!(err.to_string().contains("folder"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

/// Whether permission bits stop this process (they do not stop root).
#[cfg(unix)]
fn permissions_apply(dir: &Path) -> bool {
    std::fs::File::create(dir.join("probe")).is_err()
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_or_file_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    // A read-only folder: no new store in it.
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if permissions_apply(&ro) {
        let err = Store::open(ro.join("store.db")).err().expect("opened");
        assert!(
            matches!(err, StoreError::Open { .. } | StoreError::ReadOnly { .. }),
            "{err}"
        );
        assert!(std::fs::read_dir(&ro).unwrap().next().is_none());
    } else {
        eprintln!("note: running as root, permission bits do not apply; skipped");
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A read-only file system refuses root too: /proc takes no new files.
    let proc_path = Path::new("/proc/dateline-store-test.db");
    if Path::new("/proc/self").is_dir() {
        let err = Store::open(proc_path)
            .err()
            .expect("opened a store in /proc");
        assert!(
            matches!(err, StoreError::Open { .. } | StoreError::ReadOnly { .. }),
            "{err}"
        );
        assert!(
            err.to_string().contains("/proc/dateline-store-test.db"),
            "{err}"
        );
        assert!(!proc_path.exists());
    }
    // A write-protected store: refused before the first batch.
    let path = dir.path().join("store.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.write_batch(&news()[..1], V1).unwrap();
        store
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    if permissions_apply(dir.path()) || std::fs::OpenOptions::new().write(true).open(&path).is_err()
    {
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path)
            .err()
            .expect("opened a write-protected file");
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    } else {
        eprintln!("note: running as root, permission bits do not apply; skipped");
    }
}

#[test]
fn a_store_locked_by_another_process_is_a_clear_error_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("store.db");
    let docs = news();
    let mut store = Store::open_with(
        &path,
        StoreOptions {
            busy_timeout: Duration::from_millis(200),
            ..StoreOptions::default()
        },
    )
    .unwrap();
    store.write_batch(&docs[..2], V1).unwrap();
    let before = dump(store.connection());
    // Another connection takes the write lock and keeps it.
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.write_batch(&docs[2..], V1).unwrap_err();
    assert!(
        matches!(err, StoreError::Locked { waited_ms: 200, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("locked"), "{err}");
    // A store can still be opened (to read, or to wait its turn) while it is locked.
    let second = Store::open(&path).unwrap();
    assert_eq!(dump(second.connection()), before);
    other.execute_batch("ROLLBACK").unwrap();
    // Released: the same batch goes in.
    let outcome = store.write_batch(&docs[2..], V1).unwrap();
    assert_eq!(outcome.new, (docs.len() - 2) as u64);
}

#[test]
fn a_full_disk_rolls_the_batch_back_and_a_rerun_completes_it() {
    let dir = TempDir::new().unwrap();
    let docs = news();
    let path = dir.path().join("store.db");
    let mut store = Store::open(&path).unwrap();
    store.write_batch(&docs[..1], V1).unwrap();
    let before = dump(store.connection());
    let counts = row_counts(store.connection());
    // The disk fills up: no more pages than the store has now (SQLite's page limit stands
    // in for the disk, on this connection only).
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .execute_batch(&format!("PRAGMA max_page_count = {pages}"))
        .unwrap();
    // Large enough to need new pages: the rest of the news, with long bodies.
    let big: Vec<_> = docs[1..]
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.article.body.push_str(&" filler".repeat(5_000));
            d
        })
        .collect();
    let err = store.write_batch(&big, V1).unwrap_err();
    assert!(matches!(err, StoreError::Full { .. }), "{err}");
    assert!(err.to_string().contains("rolled back"), "{err}");
    assert_eq!(row_counts(store.connection()), counts);
    assert_eq!(dump(store.connection()), before);
    // Room again: the same command completes the store, as one run would have made it.
    store
        .connection()
        .execute_batch("PRAGMA max_page_count = 1073741823")
        .unwrap();
    let outcome = store.write_batch(&big, V1).unwrap();
    assert_eq!(outcome.new, big.len() as u64);
    let mut reference = Store::open(dir.path().join("reference.db")).unwrap();
    let mut all = vec![docs[0].clone()];
    all.extend(big);
    reference.write_batch(&all, V1).unwrap();
    assert_eq!(dump(store.connection()), dump(reference.connection()));
}
