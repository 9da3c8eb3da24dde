//! Helpers shared by the end-to-end tests: run the built binary, find the repo and shared data.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, when present. Under CI it must be there.
pub fn shared() -> Option<PathBuf> {
    let p = repo_root().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared is missing, but CI provides it"
        );
        eprintln!("note: ../shared not found; skipping");
        None
    }
}

/// Run the dateline binary with arguments.
pub fn dateline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .expect("the dateline binary runs")
}

/// Write `articles` — (id, url, publish date, text) — as a JSONL file in `dir` and ingest it
/// into a new store there; the store's path. Fails the test if the ingest fails.
pub fn ingest_articles(dir: &std::path::Path, articles: &[(&str, &str, &str, &str)]) -> PathBuf {
    let input = dir.join("articles.jsonl");
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, url, date, text)| {
            serde_json::json!({"id": id, "url": url, "date": date, "text": text}).to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").expect("the test folder is writable");
    let db = dir.join("articles.db");
    let out = dateline(&[
        "ingest",
        input.to_str().expect("a UTF-8 temporary path"),
        "--db",
        db.to_str().expect("a UTF-8 temporary path"),
    ]);
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}
