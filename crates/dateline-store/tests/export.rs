//! Every export read back: the fixture store (`export_fixture.sql`, on the current schema) is
//! exported in each format and the output parsed and compared with the database.

use std::collections::HashSet;
use std::path::Path;

use dateline_store::export::{
    self, gdelt, open_store, plover, Connection, ExportError, ExportFormat, ExportOptions,
    EVENT_COLUMNS,
};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::RowAccessor;
use serde_json::Value;

const FIXTURE: &str = include_str!("export_fixture.sql");

/// Creates the fixture store at `path`.
fn fixture(path: &Path) -> rusqlite::Connection {
    // Created as `dateline ingest` creates a store (migrations, meta), then filled by SQL.
    let conn = dateline_store::Store::open(path).unwrap().into_connection();
    conn.execute_batch(FIXTURE).unwrap();
    conn
}

/// Adds `count` one-mention events after the fixture's, in one transaction.
fn add_events(conn: &mut rusqlite::Connection, count: i64) {
    let tx = conn.transaction().unwrap();
    {
        let mut event = tx
            .prepare(
                "INSERT INTO events (id, source_code, target_code, cameo, root_code, quad_class,
                 goldstein, plover_event, date, num_mentions, num_sources, num_articles,
                 confidence, first_seen)
                 VALUES (?1, 'FRA', 'GBR', '051', '05', 1, 3.4, 'COOPERATE', '2015-01-02', 1, 1, 1,
                 0.3, '2015-01-02T03:04:05Z')",
            )
            .unwrap();
        let mut mention = tx
            .prepare(
                "INSERT INTO event_mentions (document_id, sentence_idx, event_id, source_code,
                 source_text, cameo, root_code, mood, trigger_text, trigger_start, trigger_end,
                 trigger_words, rule, confidence)
                 VALUES (1, 0, ?1, 'FRA', 'France', '051', '05', 'asserted', 'praised', 0, 7, '[]',
                 '{}', 0.3)",
            )
            .unwrap();
        for id in 100..100 + count {
            event.execute([id]).unwrap();
            mention.execute([id]).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn export_bytes(conn: &Connection, format: ExportFormat, options: &ExportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    export::export(conn, format, options, &mut out).unwrap();
    out
}

fn export_text(conn: &Connection, format: ExportFormat) -> String {
    String::from_utf8(export_bytes(conn, format, &ExportOptions::default())).unwrap()
}

fn store() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    drop(fixture(&path));
    let conn = open_store(&path).unwrap();
    (dir, conn)
}

fn event_count(conn: &Connection) -> usize {
    conn.query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn is_valid_day(yyyymmdd: &str) -> bool {
    yyyymmdd.len() == 8 && chrono::NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").is_ok()
}

#[test]
fn gdelt_lines_have_61_columns_and_gdelt_conventions() {
    let (_dir, conn) = store();
    let text = export_text(&conn, ExportFormat::Gdelt);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), event_count(&conn));
    let column = |name: &str| {
        gdelt::COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for line in &lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 61, "{line}");
        let day = fields[column("SQLDATE")];
        assert!(is_valid_day(day), "SQLDATE {day:?}");
        assert_eq!(fields[column("MonthYear")], &day[..6]);
        assert_eq!(fields[column("Year")], &day[..4]);
        let fraction: f64 = fields[column("FractionDate")].parse().unwrap();
        assert_eq!(fraction.trunc().to_string(), &day[..4]);
        let code = fields[column("EventCode")];
        let base = fields[column("EventBaseCode")];
        let root = fields[column("EventRootCode")];
        assert!(
            code.len() >= 3 && code.bytes().all(|b| b.is_ascii_digit()),
            "{code}"
        );
        assert_eq!(root.len(), 2, "{root}");
        assert!(code.starts_with(base) && base.starts_with(root));
        let added = fields[column("DATEADDED")];
        assert!(added.len() == 14 && is_valid_day(&added[..8]), "{added}");
        assert!(["1", "2", "3", "4"].contains(&fields[column("QuadClass")]));
        for geo in ["Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type"] {
            assert!(fields[column(geo)].parse::<u8>().is_ok_and(|t| t <= 5));
        }
    }
    let by_id = |id: &str| -> Vec<&str> {
        lines
            .iter()
            .find(|l| l.split('\t').next() == Some(id))
            .unwrap()
            .split('\t')
            .collect()
    };
    let chibok = by_id("1");
    assert_eq!(chibok[column("SQLDATE")], "20140414");
    // (3 × 30 + 14) / 365, as GDELT computes it (20190125 → 2019.0685 in its files).
    assert_eq!(chibok[column("FractionDate")], "2014.2849");
    assert_eq!(chibok[column("Actor1Code")], "NGAMIL");
    assert_eq!(chibok[column("Actor1Name")], "SOLDIERS");
    assert_eq!(chibok[column("Actor1CountryCode")], "NGA");
    assert_eq!(chibok[column("Actor1Type1Code")], "MIL");
    assert_eq!(chibok[column("Actor2Type1Code")], "REB");
    assert_eq!(chibok[column("IsRootEvent")], "1");
    assert_eq!(chibok[column("EventCode")], "190");
    assert_eq!(chibok[column("GoldsteinScale")], "-10");
    assert_eq!(chibok[column("NumMentions")], "3");
    assert_eq!(chibok[column("ActionGeo_Type")], "4");
    // FIPS, not ISO: Nigeria is NI in GDELT's geography.
    assert_eq!(chibok[column("ActionGeo_CountryCode")], "NI");
    assert_eq!(
        chibok[column("ActionGeo_FullName")],
        "Chibok, Borno, Nigeria"
    );
    assert_eq!(chibok[column("ActionGeo_FeatureID")], "2335953");
    // Both actors at Chibok, with the same conventions as the action's place.
    for actor in ["Actor1Geo", "Actor2Geo"] {
        let field = |suffix: &str| chibok[column(&format!("{actor}_{suffix}"))];
        assert_eq!(field("Type"), "4", "{actor}");
        assert_eq!(field("FullName"), "Chibok, Borno, Nigeria", "{actor}");
        assert_eq!(field("CountryCode"), "NI", "{actor}");
        assert_eq!(field("ADM1Code"), "NI", "{actor}");
        assert_eq!(field("ADM2Code"), "", "{actor}");
        assert_eq!(field("Lat"), "10.87", "{actor}");
        assert_eq!(field("Long"), "12.85", "{actor}");
        assert_eq!(field("FeatureID"), "2335953", "{actor}");
    }
    assert_eq!(chibok[column("DATEADDED")], "20140415080102");
    assert_eq!(chibok[column("SOURCEURL")], "https://example.org/a");
    let visit = by_id("2");
    // A month-precision date becomes the month's first day.
    assert_eq!(visit[column("SQLDATE")], "20140701");
    assert_eq!(visit[column("EventCode")], "042");
    assert_eq!(visit[column("EventBaseCode")], "042");
    assert_eq!(visit[column("EventRootCode")], "04");
    // The tab inside the actor's text does not break the line.
    assert_eq!(visit[column("Actor1Name")], "THE US SECRETARY");
    assert_eq!(visit[column("ActionGeo_CountryCode")], "GM");
    // The secretary was not located; Germany, the target, by Berlin.
    assert_eq!(visit[column("Actor1Geo_Type")], "0");
    assert_eq!(visit[column("Actor1Geo_FullName")], "");
    assert_eq!(visit[column("Actor1Geo_Lat")], "");
    assert_eq!(visit[column("Actor2Geo_Type")], "4");
    assert_eq!(visit[column("Actor2Geo_FullName")], "Berlin, Germany");
    assert_eq!(visit[column("Actor2Geo_CountryCode")], "GM");
    assert_eq!(visit[column("Actor2Geo_FeatureID")], "2950159");
    let retreat = by_id("3");
    assert_eq!(retreat[column("EventCode")], "0874");
    assert_eq!(retreat[column("EventBaseCode")], "087");
    assert_eq!(retreat[column("EventRootCode")], "08");
    // No date: the day it was first seen. No target, no place: empty actor 2, geo type 0.
    assert_eq!(retreat[column("SQLDATE")], "20140702");
    assert_eq!(retreat[column("Actor2Code")], "");
    assert_eq!(retreat[column("ActionGeo_Type")], "0");
    assert_eq!(retreat[column("ActionGeo_FullName")], "");
    assert_eq!(retreat[column("Actor1Geo_Type")], "0");
    assert_eq!(retreat[column("Actor2Geo_Type")], "0");
    assert_eq!(retreat[column("IsRootEvent")], "0");
}

#[test]
fn gdelt_header_is_optional_and_names_the_61_columns() {
    let (_dir, conn) = store();
    let text = String::from_utf8(export_bytes(
        &conn,
        ExportFormat::Gdelt,
        &ExportOptions { header: true },
    ))
    .unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("GLOBALEVENTID\tSQLDATE\tMonthYear"));
    assert!(header.ends_with("DATEADDED\tSOURCEURL"));
    assert_eq!(header.split('\t').count(), 61);
    assert_eq!(text.lines().count(), event_count(&conn) + 1);
}

#[test]
fn plover_records_have_the_manuals_required_fields() {
    let (_dir, conn) = store();
    let text = export_text(&conn, ExportFormat::Plover);
    let categories: HashSet<&str> = [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
    .into();
    let with_category: usize = conn
        .query_row(
            "SELECT count(*) FROM events WHERE plover_event IS NOT NULL",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), with_category);
    let mut ids = HashSet::new();
    for record in &records {
        for field in plover::REQUIRED_FIELDS {
            assert!(record.get(field).is_some(), "{field} missing in {record}");
        }
        assert!(ids.insert(record["id"].as_str().unwrap().to_string()));
        let date = record["date"].as_str().unwrap();
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{date}"
        );
        assert!(record["actor"].is_array());
        let events = record["event"].as_array().unwrap();
        assert!(!events.is_empty());
        for event in events {
            assert!(categories.contains(event.as_str().unwrap()), "{event}");
        }
        assert!((1..=4).contains(&record["quad_code"].as_i64().unwrap()));
    }
    let chibok = records.iter().find(|r| r["id"] == "dateline-1").unwrap();
    assert_eq!(chibok["event"][0], "ASSAULT");
    assert_eq!(chibok["actor"][0]["code"], "NGA");
    assert_eq!(chibok["actor"][0]["sector"], "MIL");
    assert_eq!(chibok["actor"][0]["entity_text"], "Soldiers");
    assert_eq!(chibok["recipient"][0]["sector"], "REB");
    assert_eq!(chibok["event_loc"]["country_code"], "NGA");
    assert_eq!(chibok["event_loc"]["geonameid"], 2335953);
    assert_eq!(chibok["text_info"]["sequence"], 0);
    assert_eq!(
        chibok["text"],
        "CHIBOK, Nigeria - Soldiers fought gunmen in Chibok on Monday."
    );
    assert_eq!(
        chibok["event_text"],
        serde_json::json!(["fought", "clashed"])
    );
    assert_eq!(chibok["num_sources"], 3);
    let visit = records.iter().find(|r| r["id"] == "dateline-2").unwrap();
    assert_eq!(visit["date"], "2014-07-01");
    assert_eq!(visit["date_precision"], "month");
    assert_eq!(visit["mode"], serde_json::json!(["visit"]));
    assert_eq!(visit["context"], serde_json::json!(["diplomatic"]));
}

#[test]
fn plover_export_counts_the_events_it_leaves_out() {
    let (_dir, conn) = store();
    let summary = export::export(
        &conn,
        ExportFormat::Plover,
        &ExportOptions::default(),
        std::io::sink(),
    )
    .unwrap();
    assert_eq!(summary.events, 2);
    assert_eq!(summary.skipped, 1);
}

/// A small RFC 4180 reader: fields, quoted fields with doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(field.is_empty() && record.is_empty(), "no final line end");
    records
}

#[test]
fn csv_parses_with_consistent_columns_and_database_values() {
    let (_dir, conn) = store();
    let records = parse_csv(&export_text(&conn, ExportFormat::Csv));
    let header: Vec<&str> = EVENT_COLUMNS.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(records[0], header);
    assert_eq!(records.len(), event_count(&conn) + 1);
    for record in &records {
        assert_eq!(record.len(), header.len());
    }
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT id, cameo, source_url, num_mentions, goldstein, date FROM events ORDER BY id",
        )
        .unwrap();
    let rows = statement
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<f64>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .unwrap();
    for (record, row) in records[1..].iter().zip(rows) {
        let (id, cameo, url, mentions, goldstein, date) = row.unwrap();
        assert_eq!(record[col("id")], id.to_string());
        assert_eq!(record[col("cameo")], cameo);
        assert_eq!(record[col("source_url")], url.unwrap_or_default());
        assert_eq!(record[col("num_mentions")], mentions.to_string());
        assert_eq!(record[col("goldstein")].parse::<f64>().ok(), goldstein);
        assert_eq!(record[col("date")], date.unwrap_or_default());
    }
    // The URL with a comma and quotes survives quoting.
    assert_eq!(records[2][col("source_url")], "https://example.org/d,\"e\"");
    assert_eq!(records[2][col("location_name")], "Berlin, Germany");
    // The actors' places, as the action's: empty when unlocated.
    assert_eq!(records[1][col("source_location_name")], "Chibok");
    assert_eq!(records[1][col("source_location_country")], "NGA");
    assert_eq!(
        records[1][col("target_lat")].parse::<f64>().ok(),
        Some(10.87)
    );
    assert_eq!(records[2][col("source_location_name")], "");
    assert_eq!(records[2][col("target_location_name")], "Berlin");
    assert_eq!(records[2][col("target_geonameid")], "2950159");
}

#[test]
fn jsonl_lines_are_json_with_mentions_and_evidence() {
    let (_dir, conn) = store();
    let text = export_text(&conn, ExportFormat::Jsonl);
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), event_count(&conn));
    for record in &records {
        let mentions = record["mentions"].as_array().unwrap();
        assert_eq!(
            mentions.len() as i64,
            record["num_mentions"].as_i64().unwrap()
        );
        for mention in mentions {
            assert!(mention["sentence"].is_string(), "{mention}");
            assert!(mention["article"]["input_id"].is_string());
            assert!(mention["trigger_words"].is_array());
        }
    }
    let chibok = &records[0];
    assert_eq!(chibok["id"], 1);
    assert_eq!(chibok["cameo"], "190");
    assert_eq!(
        chibok["mentions"][1]["sentence"],
        "Nigerian troops clashed with attackers in Chibok."
    );
    assert_eq!(
        chibok["mentions"][1]["issues"],
        serde_json::json!(["TERRORISM"])
    );
    assert_eq!(chibok["mentions"][1]["article"]["publisher"], "Wire B");
    // A rule column that is not JSON is kept as text, not dropped.
    assert_eq!(chibok["mentions"][2]["rule"], "not json");
    assert_eq!(records[2]["target_code"], Value::Null);
    // The actors' places: the event's, and each mention's.
    assert_eq!(chibok["source_location_name"], "Chibok");
    assert_eq!(chibok["target_geonameid"], 2335953);
    assert_eq!(chibok["mentions"][0]["source_lat"], 10.87);
    assert_eq!(records[1]["source_location_name"], Value::Null);
    assert_eq!(records[1]["target_location_name"], "Berlin");
    assert_eq!(records[1]["mentions"][0]["target_location_country"], "DEU");
    assert_eq!(
        records[1]["mentions"][0]["source_location_name"],
        Value::Null
    );
}

#[test]
fn parquet_reads_back_with_the_database_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let mut writer = fixture(&path);
    // More than one row group.
    add_events(&mut writer, export::parquet::ROW_GROUP_ROWS as i64 + 10);
    drop(writer);
    let conn = open_store(&path).unwrap();
    let file_path = dir.path().join("events.parquet");
    let file = std::fs::File::create(&file_path).unwrap();
    let summary = export::export(
        &conn,
        ExportFormat::Parquet,
        &ExportOptions::default(),
        file,
    )
    .unwrap();
    assert_eq!(summary.events as usize, event_count(&conn));

    let reader = SerializedFileReader::new(std::fs::File::open(&file_path).unwrap()).unwrap();
    let metadata = reader.metadata();
    assert_eq!(
        metadata.file_metadata().num_rows() as usize,
        event_count(&conn)
    );
    assert!(metadata.num_row_groups() >= 2);
    let fields = metadata
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .len();
    assert_eq!(fields, EVENT_COLUMNS.len());
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), event_count(&conn));
    let col = |name: &str| {
        EVENT_COLUMNS
            .iter()
            .position(|(n, _, _)| *n == name)
            .unwrap()
    };
    let mut statement = conn
        .prepare(
            "SELECT id, cameo, goldstein, target_code, num_sources, lat, source_location_name,
                    target_lon FROM events ORDER BY id",
        )
        .unwrap();
    let mut db = statement.query([]).unwrap();
    for row in &rows {
        let expected = db.next().unwrap().unwrap();
        assert_eq!(
            row.get_long(col("id")).unwrap(),
            expected.get::<_, i64>(0).unwrap()
        );
        assert_eq!(
            row.get_string(col("cameo")).unwrap(),
            &expected.get::<_, String>(1).unwrap()
        );
        assert_eq!(
            row.get_double(col("goldstein")).ok(),
            expected.get::<_, Option<f64>>(2).unwrap()
        );
        assert_eq!(
            row.get_string(col("target_code")).ok(),
            expected.get::<_, Option<String>>(3).unwrap().as_ref()
        );
        assert_eq!(
            row.get_long(col("num_sources")).unwrap(),
            expected.get::<_, i64>(4).unwrap()
        );
        assert_eq!(
            row.get_double(col("lat")).ok(),
            expected.get::<_, Option<f64>>(5).unwrap()
        );
        assert_eq!(
            row.get_string(col("source_location_name")).ok(),
            expected.get::<_, Option<String>>(6).unwrap().as_ref()
        );
        assert_eq!(
            row.get_double(col("target_lon")).ok(),
            expected.get::<_, Option<f64>>(7).unwrap()
        );
    }
    // The fixture's located actors are among the rows read back.
    assert_eq!(
        rows[0]
            .get_string(col("source_location_name"))
            .ok()
            .map(String::as_str),
        Some("Chibok")
    );
    assert!(db.next().unwrap().is_none());
}

#[test]
fn an_empty_store_exports_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    drop(dateline_store::Store::open(&path).unwrap());
    let conn = open_store(&path).unwrap();
    assert_eq!(export_text(&conn, ExportFormat::Gdelt), "");
    assert_eq!(export_text(&conn, ExportFormat::Csv).lines().count(), 1);
    let file_path = dir.path().join("empty.parquet");
    let file = std::fs::File::create(&file_path).unwrap();
    export::export(
        &conn,
        ExportFormat::Parquet,
        &ExportOptions::default(),
        file,
    )
    .unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&file_path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
}

#[test]
fn a_missing_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing.db");
    let error = open_store(&path).unwrap_err();
    assert!(matches!(error, ExportError::Missing(_)));
    assert!(error.to_string().contains("nothing.db"), "{error}");
    assert!(
        !path.exists(),
        "opening for export must not create the file"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "this is not a database, just some text\n".repeat(200),
    )
    .unwrap();
    let error = open_store(&path).unwrap_err();
    assert!(matches!(error, ExportError::NotAStore { .. }), "{error}");
    assert!(error.to_string().contains("notes.db"));
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let error = open_store(dir.path()).unwrap_err();
    assert!(error.to_string().contains("is a folder"), "{error}");
}

#[test]
fn a_foreign_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER);")
        .unwrap();
    let error = open_store(&path).unwrap_err();
    assert!(
        error.to_string().contains("not a dateline store"),
        "{error}"
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    let newer = dateline_store::schema::SCHEMA_VERSION + 1;
    fixture(&path)
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
            [newer.to_string()],
        )
        .unwrap();
    let error = open_store(&path).unwrap_err();
    assert!(
        matches!(error, ExportError::NewerSchema { found, .. } if found == i64::from(newer)),
        "{error}"
    );
    assert!(error
        .to_string()
        .contains(&format!("schema version {newer}")));
}
