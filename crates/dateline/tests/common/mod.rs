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
