//! Shared by the store's integration tests: coded documents made by the real pipeline (the
//! bundled models and dictionaries) from small hand-written news texts, and a canonical dump
//! of a store's content that ignores row ids and timestamps.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use dateline_code::article::ArticleCoder;
use dateline_code::coder::{Coder, CoderOptions};
use dateline_code::dict::set::Dictionaries;
use dateline_core::{Article, BlockKind, Content, Document, Source};
use dateline_nlp::pipeline::Analyzer;
use dateline_store::{CodedDocument, Sentence};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// Hand-written news, one article each, with events the bundled dictionaries code.
pub const NEWS: &[&str] = &[
    "Egypt's foreign minister met the Israeli prime minister in Cairo on Sunday to discuss the truce, officials said.",
    "Israeli police arrested 12 Palestinian protesters in Jerusalem on Friday after the prayers, witnesses said.",
    "France and Germany condemned Russia on Thursday over its actions in the east of Ukraine. \"This must stop,\" the French foreign minister said.",
    "Rebels attacked a police station in Maiduguri on Monday, killing 15 officers, the Nigerian army said in a statement.",
    "The United Nations urged Iran and Saudi Arabia to restore diplomatic ties on Tuesday, a spokesman said in New York.",
    "China and Japan signed a trade agreement in Beijing on Wednesday, officials from both countries said.",
];

struct Pipeline {
    analyzer: Analyzer,
    coder: ArticleCoder,
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let dicts = Dictionaries::bundled().expect("the bundled dictionaries load");
        Pipeline {
            analyzer: Analyzer::bundled().expect("the bundled models load"),
            coder: ArticleCoder::new(Coder::new(dicts.compile(), CoderOptions::default()))
                .expect("the bundled gazetteer loads"),
        }
    })
}

/// Code `text` (dated 2014-07-10) into a document named `id`.
pub fn coded(id: &str, text: &str) -> CodedDocument {
    let p = pipeline();
    let mut article = Article::default();
    article.set_blocks([(BlockKind::Paragraph, text.to_string())]);
    article.date = Some("2014-07-10".to_string());
    article.title = Some(format!("Title of {id}"));
    article.publisher = Some(format!("publisher-{id}"));
    let date = NaiveDate::from_ymd_opt(2014, 7, 10);
    let analysed = p.analyzer.analyze(&article.body);
    let coded = p.coder.code(&article.body, &analysed, date);
    CodedDocument {
        document: Document {
            id: id.to_string(),
            source: Source {
                path: Some(format!("{id}.txt")),
                ..Source::default()
            },
            sha256: Document::hash_bytes(text.as_bytes()),
            charset: "UTF-8".to_string(),
            content: Content::Text,
            date_hint: None,
            text: String::new(),
        },
        article,
        sentences: analysed
            .into_iter()
            .map(|s| Sentence {
                start: s.start,
                end: s.end,
                text: s.text,
            })
            .collect(),
        coded,
    }
}

/// Every text of [`NEWS`], coded.
pub fn news() -> Vec<CodedDocument> {
    NEWS.iter()
        .enumerate()
        .map(|(i, t)| coded(&format!("news-{i}"), t))
        .collect()
}

/// Tables whose rows are compared.
pub const TABLES: &[&str] = &[
    "documents",
    "articles",
    "sentences",
    "actors",
    "event_mentions",
    "events",
    "counts",
    "quotes",
    "places",
    "dates",
];

/// Rows per table.
pub fn row_counts(conn: &Connection) -> BTreeMap<String, i64> {
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap();
            (t.to_string(), n)
        })
        .collect()
}

/// The store's content, canonical: every row of every table as text, sorted, with row ids
/// and timestamps left out, documents named by content hash, mentions by their document,
/// sentence and trigger, events by their mentions.
pub fn dump(conn: &Connection) -> Vec<String> {
    let sha: BTreeMap<i64, String> = query_pairs(conn, "SELECT id, sha256 FROM documents");
    let mention_key: BTreeMap<i64, String> = query_pairs(
        conn,
        "SELECT m.id, d.sha256 || '/' || m.sentence_idx || '/' || m.trigger_start || '/' || m.cameo || '/' || ifnull(m.source_start, '') || '/' || ifnull(m.target_start, '')
         FROM event_mentions m JOIN documents d ON d.id = m.document_id",
    );
    let mut event_key: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (mention, event) in query_pairs::<i64>(
        conn,
        "SELECT id, event_id FROM event_mentions WHERE event_id IS NOT NULL",
    ) {
        if let Some(k) = mention_key.get(&mention) {
            event_key.entry(event).or_default().push(k.clone());
        }
    }
    let event_key: BTreeMap<i64, String> = event_key
        .into_iter()
        .map(|(e, mut keys)| {
            keys.sort();
            (e, keys.join("+"))
        })
        .collect();
    let mut out = Vec::new();
    for table in TABLES {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let mut rows = stmt.query([]).unwrap();
        let mut lines = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            let mut line = vec![table.to_string()];
            if *table == "events" {
                let id: i64 = row.get("id").unwrap();
                line.push(format!(
                    "mentions={}",
                    event_key.get(&id).cloned().unwrap_or_default()
                ));
            }
            for (i, name) in names.iter().enumerate() {
                let value = row.get_ref(i).unwrap();
                let text = match value {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(f) => format!("{f:.6}"),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:?}"),
                };
                let text = match (name.as_str(), value) {
                    ("id" | "ingested_at" | "first_seen", _) => continue,
                    ("document_id", ValueRef::Integer(n)) => sha.get(&n).cloned().unwrap_or(text),
                    ("event_mention_id", ValueRef::Integer(n)) => {
                        mention_key.get(&n).cloned().unwrap_or(text)
                    }
                    ("event_id", ValueRef::Integer(n)) => {
                        event_key.get(&n).cloned().unwrap_or(text)
                    }
                    _ => text,
                };
                line.push(format!("{name}={text}"));
            }
            lines.push(line.join("\t"));
        }
        lines.sort();
        out.extend(lines);
    }
    out
}

fn query_pairs<V: rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> BTreeMap<i64, V> {
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, V>(1)?)))
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

/// Full-text search hits (article ids) for an FTS5 query.
pub fn fts(conn: &Connection, query: &str) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid")
        .unwrap();
    let rows = stmt.query_map([query], |r| r.get(0)).unwrap();
    rows.map(|r| r.unwrap()).collect()
}
