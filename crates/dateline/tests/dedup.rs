//! `dateline dedup` end to end: a store's rule is shown, changed (every event regrouped in
//! one transaction), kept for later ingests, refused when unusable, and reset.

mod common;

use common::{dateline, ingest_articles};
use serde_json::Value;

/// One meeting as three outlets word it (identical texts would be one document).
const MEETING: [&str; 3] = [
    "Egypt's foreign minister met the Israeli prime minister in Cairo to discuss the truce, officials said.",
    "Egypt's foreign minister met the Israeli prime minister in Cairo, diplomats said.",
    "Egypt's foreign minister met the Israeli prime minister in Cairo to push for a ceasefire, a statement said.",
];

fn run_json(args: &[&str]) -> Value {
    let out = dateline(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The meetings (EGYGOV → ISRGOV) of the store: their mention counts, by date.
fn meetings(db: &str) -> Vec<(String, u64)> {
    let events = run_json(&["query", "--db", db, "--format", "json"]);
    let mut found: Vec<(String, u64)> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["source_code"] == "EGYGOV" && e["target_code"] == "ISRGOV")
        .map(|e| {
            (
                e["date"].as_str().unwrap_or_default().to_string(),
                e["num_mentions"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_store_keeps_its_rule_and_regroups_under_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    // No weekday in the text: each mention is dated by its article, a day apart.
    let db = ingest_articles(
        dir.path(),
        &[
            ("a", "https://www.reuters.com/a", "2014-07-14", MEETING[0]),
            ("b", "https://www.afp.com/b", "2014-07-15", MEETING[1]),
        ],
    );
    let db = db.to_str().unwrap();
    assert_eq!(
        meetings(db),
        vec![("2014-07-14".to_string(), 2)],
        "default window: 2 days"
    );

    let shown = run_json(&["dedup", "--db", db, "--format", "json"]);
    assert_eq!(shown["changed"], false);
    assert_eq!(shown["rule"]["window_days"], 2);

    let changed = run_json(&[
        "dedup",
        "--db",
        db,
        "--window-days",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(changed["changed"], true, "{changed:#}");
    assert_eq!(changed["rule"]["window_days"], 0);
    let regrouped = &changed["regrouped"];
    assert!(
        regrouped["events_after"].as_u64() > regrouped["events_before"].as_u64(),
        "{changed:#}"
    );
    assert_eq!(
        meetings(db),
        vec![("2014-07-14".to_string(), 1), ("2014-07-15".to_string(), 1)]
    );

    // A later ingest groups by the store's rule: a third report of the 15th joins that day's
    // event only.
    ingest_articles(
        dir.path(),
        &[("c", "https://www.bbc.co.uk/c", "2014-07-15", MEETING[2])],
    );
    assert_eq!(
        meetings(db),
        vec![("2014-07-14".to_string(), 1), ("2014-07-15".to_string(), 2)]
    );
    let kept = run_json(&["dedup", "--db", db, "--format", "json"]);
    assert_eq!(
        (kept["changed"].clone(), kept["rule"]["window_days"].clone()),
        (Value::from(false), Value::from(0))
    );

    // An unusable rule is refused, naming the setting, and nothing changes.
    let out = dateline(&["dedup", "--db", db, "--source-weight", "2"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("source_weight"), "{err}");
    assert_eq!(
        run_json(&["dedup", "--db", db, "--format", "json"])["rule"]["window_days"],
        0
    );

    // Back to the default: one meeting of three mentions.
    let reset = run_json(&["dedup", "--db", db, "--reset", "--format", "json"]);
    assert_eq!(reset["changed"], true);
    assert_eq!(meetings(db), vec![("2014-07-14".to_string(), 3)]);
    let text = String::from_utf8_lossy(&dateline(&["dedup", "--db", db]).stdout).into_owned();
    assert!(text.contains("window_days           2"), "{text}");
}

#[test]
fn a_missing_store_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = dateline(&["dedup", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.db"));
    assert!(!db.exists());
}
