//! `dateline tolls` end to end: one toll reported three times as it grew, in three articles,
//! is one line with every report, the range and the latest figure; another kind of toll
//! stays apart.

mod common;

use common::dateline;
use serde_json::Value;

fn ingest_articles(dir: &std::path::Path) -> std::path::PathBuf {
    let articles = [
        (
            "a-1",
            "https://www.reuters.com/world/kabul-bombing-1",
            "2014-07-14",
            "At least 12 Afghan civilians were killed in a suicide bombing in Kabul on Monday, officials said.",
        ),
        (
            "b-2",
            "https://www.afp.com/en/news/kabul-bombing-2",
            "2014-07-15",
            "Fifteen Afghan civilians were killed in Monday's suicide bombing in Kabul, the interior ministry said.",
        ),
        (
            "c-3",
            "https://www.bbc.co.uk/news/world-asia-3",
            "2014-07-16",
            "Eighteen Afghan civilians were killed in the suicide bombing in Kabul on Monday, hospital officials said on Wednesday.",
        ),
        (
            "d-4",
            "https://apnews.com/caracas-4",
            "2014-07-15",
            "Venezuelan police arrested 40 protesters in Caracas on Tuesday.",
        ),
    ];
    common::ingest_articles(dir, &articles)
}

fn tolls(db: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["tolls", "--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = dateline(&all);
    assert!(
        out.status.success(),
        "tolls failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_growing_toll_is_one_line_with_its_range_and_latest_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest_articles(dir.path());
    let all: Vec<Value> = serde_json::from_str(&tolls(&db, &["--format", "json"])).unwrap();
    let killed: Vec<&Value> = all.iter().filter(|t| t["kind"] == "killed").collect();
    assert_eq!(killed.len(), 1, "{all:#?}");
    let toll = killed[0];
    assert_eq!(toll["country"], "AFG", "{toll:#}");
    assert_eq!(toll["reports"].as_array().unwrap().len(), 3, "{toll:#}");
    assert_eq!(
        (toll["min"].as_f64(), toll["max"].as_f64()),
        (Some(12.0), Some(18.0))
    );
    assert_eq!(
        toll["latest"]["value"].as_f64(),
        Some(18.0),
        "the latest article's figure"
    );
    assert_eq!(toll["date"], "2014-07-14", "\"Monday\" in all three");
    let arrested: Vec<&Value> = all.iter().filter(|t| t["kind"] == "arrested").collect();
    assert_eq!(arrested.len(), 1, "{all:#?}");
    assert_eq!(arrested[0]["reports"].as_array().unwrap().len(), 1);

    // Filters, and the other formats.
    let only: Vec<Value> =
        serde_json::from_str(&tolls(&db, &["--format", "json", "--country", "ven"])).unwrap();
    assert_eq!(only.len(), 1, "{only:#?}");
    assert_eq!(only[0]["kind"], "arrested");
    let table = tolls(&db, &["--kind", "killed"]);
    assert!(table.starts_with("DATE"), "{table}");
    assert!(table.contains("12–18"), "{table}");
    assert_eq!(table.lines().count(), 2, "{table}");
    let csv = tolls(&db, &["--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 4, "a line per report: {csv}");
    let columns = csv.lines().next().unwrap().split(',').count();
    assert!(
        csv.lines().all(|l| l.split(',').count() == columns),
        "{csv}"
    );
}

#[test]
fn a_missing_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let out = dateline(&["tolls", "--db", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("none.db"), "{err}");
}
