//! Reading deduplicated events back: the filters of `dateline query` ([`EventQuery`] →
//! [`find_events`]) and one event with its evidence for `dateline show` ([`event_detail`]).
//! Rows are read as [`crate::read`] reads them for the exports, with what a person at a
//! terminal needs on top (the code's label, the first evidence sentence, highlights).
//!
//! Conventions: every user value reaches SQLite as a bound parameter, never spliced into the
//! SQL text (LIKE wildcards in names are escaped, full-text words are quoted as FTS5 strings).
//! The store is opened read-only ([`open_store`]), so a query never changes it. Events come
//! ordered by date (undated last), then id.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dateline_code::ontology::Ontology;
use rusqlite::types::ToSql;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::dedup::distance_km;
use crate::read::{EventRecord, MentionOrder, MentionReader, MentionRecord, EVENT_COLUMNS};

/// What can go wrong reading a store.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("{}: no such database file (create one with `dateline ingest PATH... --db {}`)", .0.display(), .0.display())]
    NoDatabase(PathBuf),
    #[error("{}: not a dateline store: {reason}", path.display())]
    NotAStore { path: PathBuf, reason: String },
    /// A store of an older schema (see [`crate::StoreError::OlderSchema`]).
    #[error("{0}")]
    OlderSchema(crate::StoreError),
    #[error("invalid {what}: {reason}")]
    InvalidFilter { what: &'static str, reason: String },
    #[error("no event with id {0} in the store")]
    NoEvent(i64),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

fn invalid(what: &'static str, reason: impl Into<String>) -> QueryError {
    QueryError::InvalidFilter {
        what,
        reason: reason.into(),
    }
}

/// Open a store read-only, checking that it is one (its `meta` and `events` tables exist).
pub fn open_store(path: &Path) -> Result<Connection, QueryError> {
    if !path.is_file() {
        return Err(QueryError::NoDatabase(path.to_path_buf()));
    }
    crate::Store::open_read_only(path)
        .map(crate::Store::into_connection)
        .map_err(|e| match e {
            crate::StoreError::OlderSchema { .. } => QueryError::OlderSchema(e),
            e => QueryError::NotAStore {
                path: path.to_path_buf(),
                reason: e.to_string(),
            },
        })
}

/// A circle on the Earth: `LAT,LON,KM`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

impl std::str::FromStr for Near {
    type Err = QueryError;

    /// Reads `LAT,LON,KM` (degrees, degrees, kilometres), e.g. `31.5,34.47,25`.
    fn from_str(text: &str) -> Result<Near, QueryError> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [lat, lon, km] = parts[..] else {
            return Err(invalid(
                "--near",
                format!("{text:?}: expected LAT,LON,KM (e.g. 31.5,34.47,25)"),
            ));
        };
        let number = |s: &str, name: &str| {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| invalid("--near", format!("{text:?}: {name} {s:?} is not a number")))
        };
        let near = Near {
            lat: number(lat, "latitude")?,
            lon: number(lon, "longitude")?,
            km: number(km, "distance")?,
        };
        if !(-90.0..=90.0).contains(&near.lat) {
            return Err(invalid(
                "--near",
                format!("{text:?}: latitude out of −90…90"),
            ));
        }
        if !(-180.0..=180.0).contains(&near.lon) {
            return Err(invalid(
                "--near",
                format!("{text:?}: longitude out of −180…180"),
            ));
        }
        if near.km < 0.0 {
            return Err(invalid("--near", format!("{text:?}: negative distance")));
        }
        Ok(near)
    }
}

/// The filters of `dateline query`; an event must match all that are set.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// A CAMEO actor code prefix on either side (`USA`, `ISRMIL`), or a name in the
    /// mentions' actor words (`Hamas`, case-insensitive).
    pub actor: Option<String>,
    /// A CAMEO event code prefix (`19`, `042`).
    pub code: Option<String>,
    /// A PLOVER event type (`ASSAULT`), case-insensitive.
    pub plover: Option<String>,
    /// An ISO-3 country: an actor's country (the first chunk of its code) or the location's.
    pub country: Option<String>,
    /// Events dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Events dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Events located within this circle (great-circle distance).
    pub near: Option<Near>,
    /// Words that must all appear (FTS5) in the title or body of an article of the event.
    pub text: Option<String>,
    pub limit: Option<usize>,
}

/// One deduplicated event, with the label of its code and its first evidence sentence.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventRow {
    /// Every column of the event.
    #[serde(flatten)]
    pub event: EventRecord,
    /// The CAMEO label of its code (from the bundled ontology).
    pub label: Option<String>,
    /// The sentence of the event's first mention.
    pub evidence: Option<String>,
}

/// The event's columns, then the sentence of its first mention (by ingest, then article
/// order), for the rows of [`EventRow`].
fn event_select() -> String {
    format!(
        "SELECT {},
           (SELECT s.text FROM event_mentions m
              JOIN documents d ON d.id = m.document_id
              JOIN sentences s ON s.document_id = m.document_id AND s.idx = m.sentence_idx
            WHERE m.event_id = e.id
            ORDER BY d.ingested_at, m.document_id, m.sentence_idx, m.trigger_start LIMIT 1)
         FROM events e",
        EventRecord::columns("e")
    )
}

fn event_row(row: &Row<'_>) -> rusqlite::Result<EventRow> {
    let event = EventRecord::from_row(row)?;
    Ok(EventRow {
        label: Ontology::bundled()
            .event(&event.cameo)
            .map(|info| info.label),
        evidence: row.get(EVENT_COLUMNS.len())?,
        event,
    })
}

/// `text` with LIKE's wildcards escaped (for `LIKE ? ESCAPE '\'`).
fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Words as an FTS5 query of quoted strings, all required: `"kabul" "bomb"`. Quoting keeps
/// user text from being read as FTS5 syntax (`AND`, `-`, `:`, `*`).
pub fn fts_query(words: &str) -> Option<String> {
    let quoted: Vec<String> = words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!quoted.is_empty()).then(|| quoted.join(" "))
}

/// The values bound to a query's numbered parameters.
#[derive(Default)]
struct Params(Vec<Box<dyn ToSql>>);

impl Params {
    /// Binds `value` and returns its parameter (`?3`), to use as often as the SQL needs it.
    fn bind(&mut self, value: impl ToSql + 'static) -> String {
        self.0.push(Box::new(value));
        format!("?{}", self.0.len())
    }
}

/// The events matching every filter of `query`.
pub fn find_events(conn: &Connection, query: &EventQuery) -> Result<Vec<EventRow>, QueryError> {
    let mut clauses: Vec<String> = Vec::new();
    let mut params = Params::default();
    if let Some(actor) = query.actor.as_deref().map(str::trim) {
        if actor.is_empty() {
            return Err(invalid("--actor", "empty"));
        }
        let code = params.bind(format!("{}%", like_escape(&actor.to_ascii_uppercase())));
        let name = params.bind(format!("%{}%", like_escape(actor)));
        let like = |column: &str, pattern: &str| format!("{column} LIKE {pattern} ESCAPE '\\'");
        clauses.push(format!(
            "({} OR {}
              OR EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id
                 AND ({} OR {} OR {} OR {})))",
            like("e.source_code", &code),
            like("e.target_code", &code),
            like("m.source_code", &code),
            like("m.target_code", &code),
            like("m.source_text", &name),
            like("m.target_text", &name),
        ));
    }
    if let Some(code) = query.code.as_deref().map(str::trim) {
        if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                "--code",
                format!("{code:?}: expected a CAMEO code prefix of 1–4 digits (e.g. 19, 042)"),
            ));
        }
        let prefix = params.bind(format!("{code}%"));
        clauses.push(format!("e.cameo LIKE {prefix}"));
    }
    if let Some(plover) = query.plover.as_deref().map(str::trim) {
        let plover = params.bind(plover.to_ascii_uppercase());
        clauses.push(format!("upper(e.plover_event) = {plover}"));
    }
    if let Some(country) = query.country.as_deref().map(str::trim) {
        if country.len() != 3 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(invalid(
                "--country",
                format!("{country:?}: expected an ISO-3 country code (e.g. AFG)"),
            ));
        }
        let country = country.to_ascii_uppercase();
        // An actor's country is its first 3-letter chunk (after PETRARCH's `~`), or the chunk
        // after an international type (Phoenix's `MNCUSA`, `NGOGBR`); GDELT's table keeps three
        // pre-ISO country codes, which the ontology maps to ISO.
        let ontology = Ontology::bundled();
        let mut cameo_codes = vec![country.clone()];
        cameo_codes.extend(
            ["ROM", "TMP", "MTN"]
                .into_iter()
                .filter(|legacy| ontology.iso3(legacy) == Some(country.as_str()))
                .map(str::to_string),
        );
        let codes = params.bind(serde_json::Value::from(cameo_codes).to_string());
        let side = |column: &str| {
            format!(
                "(substr(ltrim({column}, '~'), 1, 3) IN (SELECT value FROM json_each({codes}))
                  OR (substr(ltrim({column}, '~'), 1, 3) IN ('IGO', 'NGO', 'MNC', 'IMG', 'INT', 'NGM')
                      AND substr(ltrim({column}, '~'), 4, 3) IN (SELECT value FROM json_each({codes}))))"
            )
        };
        let country = params.bind(country);
        clauses.push(format!(
            "(upper(e.location_country) = {country} OR {} OR {})",
            side("e.source_code"),
            side("e.target_code")
        ));
    }
    if let Some(from) = query.from {
        // A month- or year-precision date ('2014-07') counts when its period contains `from`.
        let day = params.bind(from.format("%Y-%m-%d").to_string());
        clauses.push(format!(
            "e.date IS NOT NULL AND (substr(e.date, 1, 10) >= {day}
              OR (length(e.date) < 10 AND {day} LIKE e.date || '%'))"
        ));
    }
    if let Some(to) = query.to {
        let day = params.bind(to.format("%Y-%m-%d").to_string());
        clauses.push(format!(
            "e.date IS NOT NULL AND substr(e.date, 1, 10) <= {day}"
        ));
    }
    if let Some(near) = query.near {
        // A bounding box in SQL, the exact great-circle test below.
        let dlat = near.km / 111.19;
        let (south, north) = (params.bind(near.lat - dlat), params.bind(near.lat + dlat));
        clauses.push(format!(
            "e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.lat BETWEEN {south} AND {north}"
        ));
        let cos = near.lat.to_radians().cos();
        if near.lat.abs() + dlat < 89.0 && cos > 0.0 {
            let dlon = near.km / (111.19 * cos);
            if near.lon - dlon > -180.0 && near.lon + dlon < 180.0 {
                let (west, east) = (params.bind(near.lon - dlon), params.bind(near.lon + dlon));
                clauses.push(format!("e.lon BETWEEN {west} AND {east}"));
            }
        }
    }
    if let Some(text) = query.text.as_deref() {
        let Some(fts) = fts_query(text) else {
            return Err(invalid("--text", "no words given"));
        };
        // Uncorrelated, so the full-text search runs once, not once per event.
        let fts = params.bind(fts);
        clauses.push(format!(
            "e.id IN (SELECT m.event_id FROM event_mentions m WHERE m.document_id IN
                        (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {fts}))"
        ));
    }
    let mut sql = event_select();
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY e.date IS NULL, e.date, e.id");
    // With `near`, the limit applies after the exact distance test.
    if let (Some(limit), None) = (query.limit, query.near) {
        let limit = params.bind(i64::try_from(limit).unwrap_or(i64::MAX));
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(params.0.iter()), event_row)?;
    let mut events = Vec::new();
    for row in rows {
        let event = row?;
        if let Some(near) = query.near {
            let (Some(lat), Some(lon)) = (event.event.lat, event.event.lon) else {
                continue;
            };
            if distance_km(near.lat, near.lon, lat, lon) > near.km {
                continue;
            }
        }
        events.push(event);
        if query.limit.is_some_and(|limit| events.len() >= limit) {
            break;
        }
    }
    Ok(events)
}

/// A span of a sentence to highlight: byte offsets into [`MentionRow::sentence`].
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
}

/// One mention of an event with its evidence, and where to highlight its trigger.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MentionRow {
    /// Every column of the mention, its sentence and its article.
    #[serde(flatten)]
    pub mention: MentionRecord,
    /// The trigger and its pattern words, as byte ranges of the sentence (sorted, no
    /// overlap).
    pub highlights: Vec<Highlight>,
}

/// One event with all its mentions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: EventRow,
    pub mentions: Vec<MentionRow>,
}

#[derive(serde::Deserialize)]
struct WordSpan {
    start: usize,
    end: usize,
}

/// The trigger and pattern words as ranges of the sentence that starts at `sentence_start`;
/// offsets outside the sentence or off a character boundary are dropped (as are trigger
/// words that are not a list of spans).
fn highlights(
    sentence: &str,
    sentence_start: i64,
    trigger: (i64, i64),
    words: &serde_json::Value,
) -> Vec<Highlight> {
    let mut spans: Vec<(i64, i64)> = vec![trigger];
    if let Ok(words) = Vec::<WordSpan>::deserialize(words) {
        spans.extend(words.iter().map(|w| (w.start as i64, w.end as i64)));
    }
    let mut out: Vec<Highlight> = spans
        .into_iter()
        .filter_map(|(start, end)| {
            let start = usize::try_from(start - sentence_start).ok()?;
            let end = usize::try_from(end - sentence_start).ok()?;
            (start < end
                && end <= sentence.len()
                && sentence.is_char_boundary(start)
                && sentence.is_char_boundary(end))
            .then_some(Highlight { start, end })
        })
        .collect();
    out.sort_by_key(|h| (h.start, h.end));
    let mut merged: Vec<Highlight> = Vec::with_capacity(out.len());
    for h in out {
        match merged.last_mut() {
            Some(last) if h.start <= last.end => last.end = last.end.max(h.end),
            _ => merged.push(h),
        }
    }
    merged
}

/// One event with its mentions in the order they were ingested.
pub fn event_detail(conn: &Connection, id: i64) -> Result<EventDetail, QueryError> {
    let event = conn
        .query_row(
            &format!("{} WHERE e.id = ?1", event_select()),
            [id],
            event_row,
        )
        .optional()?
        .ok_or(QueryError::NoEvent(id))?;
    let mentions = MentionReader::new(conn, MentionOrder::Ingested)?
        .mentions(id)?
        .into_iter()
        .map(|mention| {
            let highlights = match (&mention.sentence, mention.sentence_start) {
                (Some(text), Some(start)) => highlights(
                    text,
                    start,
                    (mention.trigger_start, mention.trigger_end),
                    &mention.trigger_words,
                ),
                _ => Vec::new(),
            };
            MentionRow {
                mention,
                highlights,
            }
        })
        .collect();
    Ok(EventDetail { event, mentions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_parses_and_rejects() {
        let near: Near = "31.5, 34.47,25".parse().unwrap();
        assert_eq!(
            near,
            Near {
                lat: 31.5,
                lon: 34.47,
                km: 25.0
            }
        );
        for bad in [
            "31.5,34.47",
            "a,b,c",
            "91,0,10",
            "0,181,10",
            "0,0,-1",
            "0,0,NaN",
        ] {
            let err = bad.parse::<Near>().unwrap_err().to_string();
            assert!(err.contains("--near"), "{bad}: {err}");
        }
    }

    #[test]
    fn fts_words_are_quoted() {
        assert_eq!(
            fts_query(" kabul  \"bomb ").as_deref(),
            Some("\"kabul\" \"\"\"bomb\"")
        );
        assert_eq!(fts_query("AND -x"), Some("\"AND\" \"-x\"".into()));
        assert_eq!(fts_query("   "), None);
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }

    #[test]
    fn highlights_are_sentence_relative_and_merged() {
        // Sentence at body offset 100: "Police arrested protesters."
        let s = "Police arrested protesters.";
        let h = highlights(
            s,
            100,
            (107, 115),
            &serde_json::json!([{"text":"arrested","start":107,"end":115},{"text":"x","start":5,"end":6}]),
        );
        assert_eq!(h, vec![Highlight { start: 7, end: 15 }]);
        assert_eq!(&s[7..15], "arrested");
        // Trigger words that are not spans (a column that was not JSON) keep the trigger.
        assert_eq!(
            highlights(s, 100, (107, 115), &serde_json::json!("not json")).len(),
            1
        );
        // Off a char boundary: dropped.
        assert!(highlights("é", 0, (1, 2), &serde_json::json!([])).is_empty());
    }
}
