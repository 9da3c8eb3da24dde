//! `dateline query` and `dateline show` through the binary, on a store built by SQL per
//! `schema_v1.sql` and deduplicated by `dateline_store::dedup` (so these run without the
//! writer); their formats and errors. The last test goes through `dateline ingest` as well:
//! it needs the ingest command (issue 6, item 1) and says so when the binary lacks it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::dateline;
use dateline_store::dedup::{assign_events, DedupConfig};
use rusqlite::params;
use serde_json::Value;

#[derive(Clone, Copy)]
struct Mention<'a> {
    source: (&'a str, &'a str),
    target: (&'a str, &'a str),
    cameo: &'a str,
    plover: &'a str,
    date: &'a str,
    place: (&'a str, &'a str, f64, f64),
    trigger: &'a str,
}

/// A store of three articles: two report a meeting in Cairo, one a rocket attack near Gaza.
fn fixture(dir: &Path) -> PathBuf {
    let path = dir.join("events.db");
    // Created as `dateline ingest` creates a store (migrations, meta), then filled by SQL.
    let mut conn = dateline_store::Store::open(&path)
        .unwrap()
        .into_connection();
    let cairo = ("Cairo", "EGY", 30.0626, 31.2497);
    let meeting = Mention {
        source: ("EGYGOV", "Egypt's foreign minister"),
        target: ("ISRGOV", "the Israeli prime minister"),
        cameo: "040",
        plover: "CONSULT",
        date: "2014-07-13",
        place: cairo,
        trigger: "met",
    };
    let articles: [(&str, &str, &str, Mention<'_>); 3] = [
        (
            "Reuters",
            "https://www.reuters.com/a",
            "Egypt's foreign minister met the Israeli prime minister in Cairo, officials said.",
            meeting,
        ),
        (
            "AFP",
            "https://www.afp.com/b",
            "Egypt's foreign minister met Israel's premier in Cairo, diplomats said.",
            Mention {
                target: ("ISRGOV", "Israel's premier"),
                date: "2014-07-14",
                ..meeting
            },
        ),
        (
            "AP",
            "https://apnews.com/c",
            "Hamas fired rockets at Sderot from the Gaza Strip, \"the army\" said.",
            Mention {
                source: ("PSEREBHMS", "Hamas"),
                target: ("ISR", "Sderot"),
                cameo: "190",
                plover: "ASSAULT",
                date: "2014-07-08",
                place: ("Sderot", "ISR", 31.525, 34.596),
                trigger: "fired",
            },
        ),
    ];
    let mut ids = Vec::new();
    for (i, (publisher, url, body, m)) in articles.iter().enumerate() {
        conn.execute(
            "INSERT INTO documents (sha256, input_id, url, pipeline_version, ingested_at)
             VALUES (?1, ?1, ?2, 'test', ?3)",
            params![format!("doc{i}"), url, format!("2026-01-01T00:00:0{i}Z")],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        ids.push(id);
        conn.execute(
            "INSERT INTO articles (document_id, title, publisher, date, url, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, format!("Story {i}"), publisher, m.date, url, body],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![id, format!("Story {i}"), body],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO sentences VALUES (?1, 0, 0, ?2, ?3)",
            params![id, body.len() as i64, body],
        )
        .unwrap();
        let start = body.find(m.trigger).unwrap();
        let end = start + m.trigger.len();
        conn.execute(
            "INSERT INTO event_mentions (document_id, sentence_idx, source_code, source_text,
                target_code, target_text, cameo, root_code, quad_class, goldstein, plover_event,
                mood, date, location_name, location_country, lat, lon, trigger_text,
                trigger_start, trigger_end, trigger_words, rule, confidence)
             VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, 1, 1.0, ?8, 'asserted', ?9, ?10, ?11, ?12,
                     ?13, ?14, ?15, ?16, ?17, '{}', 0.7)",
            params![
                id,
                m.source.0,
                m.source.1,
                m.target.0,
                m.target.1,
                m.cameo,
                &m.cameo[..2],
                m.plover,
                m.date,
                m.place.0,
                m.place.1,
                m.place.2,
                m.place.3,
                m.trigger,
                start as i64,
                end as i64,
                serde_json::json!([{"text": m.trigger, "start": start, "end": end}]).to_string(),
            ],
        )
        .unwrap();
    }
    let tx = conn.transaction().unwrap();
    assign_events(&tx, &DedupConfig::default(), &ids).unwrap();
    tx.commit().unwrap();
    path
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "dateline failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn query_json(db: &Path, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["query", "--db", db.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(filters);
    let out = stdout(&dateline(&args));
    match serde_json::from_str(&out).unwrap() {
        Value::Array(events) => events,
        other => panic!("not an array: {other}"),
    }
}

fn sources(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["source_code"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn json_lists_deduplicated_events_with_all_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path());
    let events = query_json(&db, &[]);
    assert_eq!(sources(&events), ["PSEREBHMS", "EGYGOV"]);
    let meeting = &events[1];
    assert_eq!(meeting["num_mentions"], 2);
    assert_eq!(meeting["num_sources"], 2);
    assert_eq!(meeting["num_articles"], 2);
    assert_eq!(meeting["date"], "2014-07-13");
    assert_eq!(meeting["cameo"], "040");
    assert_eq!(meeting["location_name"], "Cairo");
    assert_eq!(meeting["source_url"], "https://www.reuters.com/a");
    assert!(meeting["label"].is_string());
    assert!(meeting["confidence"].as_f64().unwrap() > 0.0);
}

#[test]
fn filters_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path());
    let cases: &[(&[&str], &[&str])] = &[
        (&["--actor", "EGY"], &["EGYGOV"]),
        (&["--actor", "premier"], &["EGYGOV"]),
        (&["--code", "19"], &["PSEREBHMS"]),
        (&["--plover", "consult"], &["EGYGOV"]),
        (&["--country", "ISR"], &["PSEREBHMS", "EGYGOV"]),
        (&["--country", "EGY", "--code", "04"], &["EGYGOV"]),
        (&["--from", "2014-07-10"], &["EGYGOV"]),
        (&["--to", "2014-07-10"], &["PSEREBHMS"]),
        (
            &["--from", "2014-07", "--to", "2014-07"],
            &["PSEREBHMS", "EGYGOV"],
        ),
        (&["--near", "30.05,31.23,20"], &["EGYGOV"]),
        (&["--text", "rockets"], &["PSEREBHMS"]),
        (&["--text", "diplomats"], &["EGYGOV"]),
        (&["--limit", "1"], &["PSEREBHMS"]),
    ];
    for (filters, expected) in cases {
        let events = query_json(&db, filters);
        assert_eq!(&sources(&events), expected, "{filters:?}");
    }
}

#[test]
fn table_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path());
    let db = db.to_str().unwrap();
    let table = stdout(&dateline(&["query", "--db", db]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("EVIDENCE"),
        "{table}"
    );
    assert!(
        lines[2].contains("EGYGOV") && lines[2].contains("Cairo (EGY)"),
        "{table}"
    );
    assert!(lines[2].contains("2/2"), "mentions/sources: {table}");
    let csv = stdout(&dateline(&["query", "--db", db, "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].split(',').count(), 24);
    // The evidence sentence holds a comma and quotes: one quoted field.
    assert!(
        lines[1].ends_with(
            r#""Hamas fired rockets at Sderot from the Gaza Strip, ""the army"" said.""#
        ),
        "{}",
        lines[1]
    );
    let none = stdout(&dateline(&["query", "--db", db, "--code", "20"]));
    assert!(none.contains("no events match"), "{none}");
}

#[test]
fn show_prints_every_mention_plain_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path());
    let db = db.to_str().unwrap();
    let events = query_json(Path::new(db), &["--code", "04"]);
    let id = events[0]["id"].as_i64().unwrap().to_string();
    let text = stdout(&dateline(&["show", &id, "--db", db]));
    assert!(
        text.starts_with(&format!("Event {id}  2014-07-13  EGYGOV → ISRGOV  040")),
        "{text}"
    );
    assert!(text.contains("[1] Reuters — Story 0"), "{text}");
    assert!(text.contains("[2] AFP — Story 1"), "{text}");
    assert!(text
        .contains("    Egypt's foreign minister met Israel's premier in Cairo, diplomats said."));
    assert!(!text.contains('\x1b'), "no ANSI codes into a pipe");
    let json: Value = serde_json::from_str(&stdout(&dateline(&[
        "show", &id, "--db", db, "--format", "json",
    ])))
    .unwrap();
    let mentions = json["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 2);
    let sentence = mentions[0]["sentence"].as_str().unwrap();
    let (start, end) = (
        mentions[0]["highlights"][0]["start"].as_u64().unwrap() as usize,
        mentions[0]["highlights"][0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&sentence[start..end], "met");
}

fn fails_with(args: &[&str], message: &str) {
    let out = dateline(args);
    assert!(!out.status.success(), "{args:?} succeeded");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(message), "{args:?}: {stderr}");
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path());
    let db = db.to_str().unwrap();
    let missing = dir.path().join("missing.db");
    let missing = missing.to_str().unwrap();
    fails_with(&["query", "--db", missing], "no such database file");
    fails_with(&["show", "1", "--db", missing], "missing.db");
    fails_with(&["show", "999", "--db", db], "no event with id 999");
    fails_with(&["show", "abc", "--db", db], "invalid value 'abc'");
    fails_with(
        &["query", "--db", db, "--near", "31.5,34.4"],
        "expected LAT,LON,KM",
    );
    fails_with(
        &["query", "--db", db, "--near", "31.50,34.47,-5"],
        "negative distance",
    );
    fails_with(&["query", "--db", db, "--from", "2014-13-01"], "not a date");
    fails_with(&["query", "--db", db, "--to", "last week"], "not a date");
    fails_with(
        &["query", "--db", db, "--code", "fight"],
        "CAMEO code prefix",
    );
    fails_with(&["query", "--db", db, "--country", "Egypt"], "ISO-3");
    let foreign = dir.path().join("foreign.db");
    std::fs::write(&foreign, b"this is not a SQLite database, only text").unwrap();
    fails_with(
        &["query", "--db", foreign.to_str().unwrap()],
        "not a dateline store",
    );
}

/// End to end through `dateline ingest` and `dateline query`: the same meeting written three ways in three articles with their own date and
/// publisher becomes one event with three mentions.
#[test]
fn same_event_three_ways_is_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        (
            "reuters-1",
            "https://www.reuters.com/world/egypt-israel-talks-1",
            "2014-07-14",
            "CAIRO (Reuters) - Egypt's foreign minister met the Israeli prime minister in Cairo on Sunday, officials said. The talks lasted three hours.",
        ),
        (
            "afp-2",
            "https://www.afp.com/en/news/egypt-israel-2",
            "2014-07-15",
            "Egypt's foreign minister met Israel's prime minister in Cairo on Sunday, diplomats said on Tuesday, as mediators pressed for a ceasefire in Gaza.",
        ),
        (
            "bbc-3",
            "https://www.bbc.co.uk/news/world-middle-east-3",
            "2014-07-13",
            "The Egyptian foreign minister met the Israeli prime minister in Cairo on Sunday, according to a statement from the ministry, in a push for a Gaza truce.",
        ),
    ];
    let db = common::ingest_articles(dir.path(), &articles);
    let events = query_json(&db, &[]);
    let meetings: Vec<&Value> = events
        .iter()
        .filter(|e| e["source_code"] == "EGYGOV" && e["target_code"] == "ISRGOV")
        .collect();
    assert_eq!(meetings.len(), 1, "{events:#?}");
    let meeting = meetings[0];
    assert_eq!(meeting["root_code"], "04");
    assert_eq!(meeting["num_mentions"], 3, "{meeting:#}");
    assert_eq!(meeting["num_articles"], 3);
    assert_eq!(meeting["num_sources"], 3, "three URL hosts");
    assert_eq!(meeting["date"], "2014-07-13", "\"on Sunday\" in all three");
    assert_eq!(meeting["location_name"], "Cairo");
    let id = meeting["id"].as_i64().unwrap().to_string();
    let shown: Value = serde_json::from_str(&stdout(&dateline(&[
        "show",
        &id,
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(shown["mentions"].as_array().map(Vec::len), Some(3));
}
