//! End-to-end through the binary: `dateline ingest` into a SQLite store — its summary,
//! idempotence (twice = once), replacement when the pipeline changes, bad documents skipped,
//! bad stores refused untouched, and crash safety: `kill -9` in the middle of a run, then the
//! same command again, gives exactly the store an uninterrupted run gives.

mod common;

// The store's canonical dump (row ids and timestamps left out), shared with its own tests.
#[path = "../../dateline-store/tests/common/mod.rs"]
mod store_common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use store_common::{dump, row_counts};

/// Varied news sentences; `n` makes each document's content distinct.
fn news_line(n: usize) -> String {
    let places = ["Maiduguri", "Kano", "Gaza", "Aleppo", "Mosul", "Kabul"];
    let place = places[n % places.len()];
    let texts = [
        format!("Rebels attacked a police station in {place} on Monday, killing {} officers, the army said.", n + 3),
        format!("Israeli police arrested {} Palestinian protesters in Jerusalem on Friday, witnesses said.", n + 5),
        format!("Egypt's foreign minister met the Israeli prime minister in Cairo on Sunday, {} officials said.", n + 2),
        format!("France and Germany condemned Russia on Thursday over the shelling of {place}, which killed {} people.", n + 7),
    ];
    let text = texts[n % texts.len()].clone();
    serde_json::json!({ "id": format!("doc-{n}"), "text": text, "date": "2014-07-10" }).to_string()
}

fn write_news(path: &Path, count: usize) {
    let body: String = (0..count).map(|n| news_line(n) + "\n").collect();
    std::fs::write(path, body).unwrap();
}

fn ingest(args: &[&str]) -> Output {
    let mut all = vec!["ingest"];
    all.extend_from_slice(args);
    common::dateline(&all)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `--format json` summary of a successful run.
fn summary(out: &Output) -> Value {
    assert!(out.status.success(), "ingest failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "summary is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn open(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

#[test]
fn ingest_stores_the_examples_and_twice_is_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("examples.db");
    let examples = common::repo_root().join("examples");
    let (examples, db_s) = (examples.to_str().unwrap(), db.to_str().unwrap());
    let first = summary(&ingest(&[examples, "--db", db_s, "--format", "json"]));
    assert_eq!(first["documents"], 3, "{first}");
    assert_eq!(first["new"], 3, "{first}");
    assert_eq!(first["failed"], 0, "{first}");
    assert!(first["event_mentions"].as_u64().unwrap() > 0, "{first}");
    let events = first["events"].as_u64().unwrap();
    assert!(
        events > 0 && events <= first["event_mentions"].as_u64().unwrap(),
        "{first}"
    );
    assert!(first["pipeline_version"]
        .as_str()
        .unwrap()
        .starts_with("dateline "));
    // Closed, the store is one file: the write-ahead log was folded in.
    let wal = dir.path().join("examples.db-wal");
    assert!(
        !std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
        "the log was left beside the store"
    );
    let conn = open(&db);
    let counts = row_counts(&conn);
    let content = dump(&conn);
    assert_eq!(counts["documents"], 3);
    assert_eq!(
        counts["event_mentions"] as u64,
        first["event_mentions"].as_u64().unwrap()
    );
    drop(conn);

    let second = summary(&ingest(&[examples, "--db", db_s, "--format", "json"]));
    assert_eq!(
        (second["new"].as_u64(), second["skipped"].as_u64()),
        (Some(0), Some(3)),
        "{second}"
    );
    assert_eq!(second["event_mentions"], 0);
    assert_eq!(
        second["events"], first["events"],
        "nothing new in the store"
    );
    let conn = open(&db);
    assert_eq!(row_counts(&conn), counts);
    assert_eq!(dump(&conn), content);
    drop(conn);

    // Another coding option is another pipeline: the documents are coded again and their
    // rows replaced, not doubled.
    let third = summary(&ingest(&[
        examples,
        "--db",
        db_s,
        "--format",
        "json",
        "--one-sided",
    ]));
    assert_eq!(third["replaced"], 3, "{third}");
    assert_ne!(third["pipeline_version"], first["pipeline_version"]);
    let conn = open(&db);
    assert_eq!(row_counts(&conn)["documents"], 3);
    assert!(row_counts(&conn)["event_mentions"] >= counts["event_mentions"]);
}

#[test]
fn bad_documents_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    write_news(&inputs.join("news.jsonl"), 3);
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let db = dir.path().join("s.db");
    let out = ingest(&[
        inputs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let s = summary(&out);
    assert_eq!(s["new"], 3, "{s}");
    assert_eq!(s["failed"], 2, "{s}");
    let err = stderr(&out);
    assert!(
        err.contains("empty.txt") && err.contains("binary.txt"),
        "{err}"
    );
    assert_eq!(row_counts(&open(&db))["documents"], 3);
}

#[test]
fn a_store_that_is_not_ours_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    write_news(&input, 1);
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "my notes\n").unwrap();
    let out = ingest(&[input.to_str().unwrap(), "--db", notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("notes.db") && err.contains("not a SQLite database"),
        "{err}"
    );
    assert_eq!(std::fs::read(&notes).unwrap(), b"my notes\n");

    let missing = dir.path().join("no-such-folder").join("s.db");
    let out = ingest(&[input.to_str().unwrap(), "--db", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-folder"), "{}", stderr(&out));
}

#[test]
fn a_locked_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    write_news(&input, 2);
    let db = dir.path().join("s.db");
    let (input_s, db_s) = (input.to_str().unwrap(), db.to_str().unwrap());
    summary(&ingest(&[input_s, "--db", db_s, "--format", "json"]));
    let before = dump(&open(&db));
    write_news(&input, 4);
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = ingest(&[input_s, "--db", db_s, "--busy-timeout", "300"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(dump(&open(&db)), before);
    let s = summary(&ingest(&[input_s, "--db", db_s, "--format", "json"]));
    assert_eq!(
        (s["new"].as_u64(), s["skipped"].as_u64()),
        (Some(2), Some(2)),
        "{s}"
    );
}

/// Documents in the store, read while another process writes it (0 before it exists).
fn stored_documents(db: &Path) -> i64 {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn kill_9_mid_run_then_the_same_command_gives_the_uninterrupted_store() {
    const DOCS: usize = 60;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    write_news(&input, DOCS);
    let input_s = input.to_str().unwrap();
    let run_args = |db: &Path| -> Vec<String> {
        [
            "ingest",
            input_s,
            "--db",
            db.to_str().unwrap(),
            "--batch-size",
            "4",
            "--commit-seconds",
            "600",
            "--format",
            "json",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };

    // The uninterrupted run.
    let reference = dir.path().join("reference.db");
    let all = run_args(&reference);
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let s = summary(&common::dateline(&all));
    assert_eq!(s["new"], DOCS as u64, "{s}");

    // The same command, killed with SIGKILL once some batches are committed.
    let crashed = dir.path().join("crashed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(run_args(&crashed))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if stored_documents(&crashed) >= 8 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed"
        );
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no batch committed in 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before it could be killed; give it more documents"
    );
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let at_kill = stored_documents(&crashed);
    assert!(
        (8..DOCS as i64).contains(&at_kill),
        "killed with {at_kill} of {DOCS} documents stored"
    );
    // Only whole batches are in the store.
    assert_eq!(
        at_kill % 4,
        0,
        "a partial batch survived the kill: {at_kill} documents"
    );

    // The same command again completes it: nothing lost, nothing doubled.
    let again = run_args(&crashed);
    let again: Vec<&str> = again.iter().map(String::as_str).collect();
    let s = summary(&common::dateline(&again));
    assert_eq!(s["skipped"], at_kill, "{s}");
    assert_eq!(s["new"], DOCS as i64 - at_kill, "{s}");
    let (crashed, reference) = (open(&crashed), open(&reference));
    assert_eq!(row_counts(&crashed), row_counts(&reference));
    assert!(row_counts(&reference)["event_mentions"] > 0);
    assert_eq!(dump(&crashed), dump(&reference));
}

/// `--lead N` stores only the first N sentences' analysis (the whole body stays searchable)
/// and is its own pipeline version: dropping it later codes the documents again.
#[test]
fn lead_is_stored_as_its_own_pipeline_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lead.db");
    let examples = common::repo_root().join("examples");
    let (examples, db_s) = (examples.to_str().unwrap(), db.to_str().unwrap());
    let led = summary(&ingest(&[
        examples, "--db", db_s, "--format", "json", "--lead", "2",
    ]));
    assert_eq!(led["new"], 3, "{led}");
    let conn = open(&db);
    let most: i64 = conn
        .query_row(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM sentences GROUP BY document_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(most, 2);
    let beyond: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM event_mentions WHERE sentence_idx >= 2)
                  + (SELECT count(*) FROM quotes WHERE sentence_idx >= 2)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(beyond, 0);
    drop(conn);
    let whole = summary(&ingest(&[examples, "--db", db_s, "--format", "json"]));
    assert_eq!(whole["replaced"], 3, "{whole}");
    assert_ne!(whole["pipeline_version"], led["pipeline_version"]);
    let conn = open(&db);
    let sentences: i64 = conn
        .query_row("SELECT count(*) FROM sentences", [], |r| r.get(0))
        .unwrap();
    assert!(
        sentences > 6,
        "{sentences} sentences after the whole-article run"
    );
}
