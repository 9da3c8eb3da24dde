//! `dateline export` end to end: each format from a fixture store to a file and to stdout,
//! and the bad inputs (missing or foreign database, unwritable --out, parquet to stdout).

mod common;

use std::path::{Path, PathBuf};

use common::dateline;

const FIXTURE: &str = include_str!("../../dateline-store/tests/export_fixture.sql");

fn fixture_store(dir: &Path) -> PathBuf {
    let path = dir.join("store.db");
    let conn = dateline_store::Store::open(&path)
        .unwrap()
        .into_connection();
    conn.execute_batch(FIXTURE).unwrap();
    path
}

fn run(args: &[&str]) -> (bool, String, String) {
    let output = dateline(args);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `dateline export --db DB --format FORMAT --out OUT`.
fn export_to(db: &Path, format: &str, out: &Path) -> (bool, String, String) {
    run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn every_format_exports_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_store(dir.path());
    for format in ["gdelt", "plover", "csv", "jsonl", "parquet"] {
        let out = dir.path().join(format!("events.{format}"));
        let (ok, stdout, stderr) = export_to(&db, format, &out);
        assert!(ok, "{format}: {stderr}");
        assert!(stdout.is_empty(), "{format} wrote to stdout");
        assert!(stderr.contains("exported"), "{stderr}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(!bytes.is_empty(), "{format}");
        let mut partial = out.as_os_str().to_owned();
        partial.push(".partial");
        assert!(!Path::new(&partial).exists());
        match format {
            "parquet" => {
                assert_eq!(&bytes[..4], b"PAR1");
                assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
            }
            "gdelt" => {
                let text = String::from_utf8(bytes).unwrap();
                assert_eq!(text.lines().count(), 3);
                assert!(text.lines().all(|l| l.split('\t').count() == 61));
            }
            "plover" | "jsonl" => {
                let text = String::from_utf8(bytes).unwrap();
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line).unwrap();
                }
            }
            _ => {
                let text = String::from_utf8(bytes).unwrap();
                assert!(text.starts_with("id,source_code,target_code,cameo"));
            }
        }
    }
}

#[test]
fn text_formats_go_to_stdout_and_gdelt_takes_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_store(dir.path());
    let db = db.to_str().unwrap();
    let (ok, stdout, stderr) = run(&["export", "--db", db, "--format", "gdelt", "--header"]);
    assert!(ok, "{stderr}");
    let mut lines = stdout.lines();
    assert!(lines.next().unwrap().starts_with("GLOBALEVENTID\tSQLDATE"));
    assert_eq!(lines.count(), 3);
    let (ok, stdout, _) = run(&["export", "--db", db, "--format", "jsonl"]);
    assert!(ok);
    assert_eq!(stdout.lines().count(), 3);
}

#[test]
fn parquet_needs_out_and_header_is_gdelt_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_store(dir.path());
    let db = db.to_str().unwrap();
    let (ok, stdout, stderr) = run(&["export", "--db", db, "--format", "parquet"]);
    assert!(!ok);
    assert!(stdout.is_empty());
    assert!(stderr.contains("--out"), "{stderr}");
    let (ok, _, stderr) = run(&["export", "--db", db, "--format", "csv", "--header"]);
    assert!(!ok);
    assert!(stderr.contains("--header"), "{stderr}");
}

#[test]
fn out_can_be_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_store(dir.path());
    let (ok, _, stderr) = export_to(&db, "csv", Path::new("/dev/null"));
    assert!(ok, "{stderr}");
    assert!(stderr.contains("exported 3 events"), "{stderr}");
}

#[test]
fn a_missing_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("absent.db");
    let out = dir.path().join("out.csv");
    let output = dateline(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no database at") && stderr.contains("absent.db"),
        "{stderr}"
    );
    assert!(!db.exists() && !out.exists());
}

#[test]
fn a_foreign_file_is_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("page.html");
    std::fs::write(&db, "<html><body>not a store</body></html>").unwrap();
    let (ok, stdout, stderr) = run(&["export", "--db", db.to_str().unwrap(), "--format", "gdelt"]);
    assert!(!ok);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("page.html") && stderr.contains("not a dateline store"),
        "{stderr}"
    );
}

#[test]
fn an_unwritable_out_is_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_store(dir.path());
    // A folder that does not exist, and a path that is a folder.
    let missing = dir.path().join("no/such/folder/events.tsv");
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    for out in [&missing, &folder] {
        let (ok, _, stderr) = export_to(&db, "gdelt", out);
        assert!(!ok, "{}", out.display());
        assert!(stderr.contains("cannot write"), "{stderr}");
        assert!(stderr.contains(out.to_str().unwrap()), "{stderr}");
    }
    assert!(!missing.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The GDELT line of the event whose Actor1Code starts with `actor1`, as (column → field).
fn gdelt_line_of<'a>(
    header: &'a str,
    lines: &[&'a str],
    actor1: &str,
) -> std::collections::HashMap<&'a str, &'a str> {
    let columns: Vec<&str> = header.split('\t').collect();
    let found: Vec<std::collections::HashMap<&str, &str>> = lines
        .iter()
        .map(|line| columns.iter().copied().zip(line.split('\t')).collect())
        .filter(|fields: &std::collections::HashMap<&str, &str>| {
            fields
                .get("Actor1Code")
                .is_some_and(|c| c.starts_with(actor1))
        })
        .collect();
    assert_eq!(found.len(), 1, "one event of {actor1} in {lines:#?}");
    found.into_iter().next().unwrap_or_default()
}

#[test]
fn actor_geography_goes_from_the_sentence_to_the_gdelt_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    let lines = [
        serde_json::json!({"id": "visit", "date": "2014-07-10",
            "text": "Russian President Vladimir Putin met Barack Obama in Washington on Monday."}),
        serde_json::json!({"id": "condemnation", "date": "2014-07-10",
            "text": "Turkey condemned Israel on Thursday."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&input, body).unwrap();
    let db = dir.path().join("store.db");
    let db = db.to_str().unwrap();
    let (ok, _, stderr) = run(&["ingest", "--db", db, input.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let (ok, stdout, stderr) = run(&["export", "--db", db, "--format", "gdelt", "--header"]);
    assert!(ok, "{stderr}");
    let mut text = stdout.lines();
    let header = text.next().unwrap_or_default();
    let lines: Vec<&str> = text.collect();
    assert!(lines.iter().all(|l| l.split('\t').count() == 61));

    // The codebook's example: the Russian president's code says Russia, his place
    // Washington — a US city, FIPS US — and the US president met him there.
    let visit = gdelt_line_of(header, &lines, "RUS");
    assert_eq!(visit["Actor1CountryCode"], "RUS");
    assert_eq!(visit["Actor1Geo_Type"], "3", "{visit:?}");
    assert!(
        visit["Actor1Geo_FullName"].starts_with("Washington"),
        "{visit:?}"
    );
    assert_eq!(visit["Actor1Geo_CountryCode"], "US");
    let lat: f64 = visit["Actor1Geo_Lat"].parse().unwrap_or(0.0);
    let lon: f64 = visit["Actor1Geo_Long"].parse().unwrap_or(0.0);
    assert!(
        (lat - 38.9).abs() < 0.5 && (lon + 77.0).abs() < 0.5,
        "{visit:?}"
    );
    assert!(!visit["Actor1Geo_FeatureID"].is_empty());
    for suffix in [
        "Type",
        "FullName",
        "CountryCode",
        "Lat",
        "Long",
        "FeatureID",
    ] {
        assert_eq!(
            visit[format!("Actor2Geo_{suffix}").as_str()],
            visit[format!("Actor1Geo_{suffix}").as_str()],
            "{suffix}"
        );
    }

    // Countries named as the actors: each side at its own country (GDELT type 1, FIPS
    // codes, the FIPS code as feature id), and the act itself unlocated.
    let condemnation = gdelt_line_of(header, &lines, "TUR");
    assert_eq!(condemnation["Actor1Geo_Type"], "1");
    assert_eq!(condemnation["Actor1Geo_FullName"], "Turkey");
    assert_eq!(condemnation["Actor1Geo_CountryCode"], "TU");
    assert_eq!(condemnation["Actor1Geo_FeatureID"], "TU");
    assert_eq!(condemnation["Actor2Geo_Type"], "1");
    assert_eq!(condemnation["Actor2Geo_CountryCode"], "IS");
    assert_eq!(condemnation["ActionGeo_Type"], "0");
}
