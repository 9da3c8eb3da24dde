//! Deduplication: event mentions of the same real event, across articles and within one, become
//! one `events` row; tolls reported by several articles are grouped the same way.
//!
//! This module owns the `events` table and `event_mentions.event_id`. The rule (documented for
//! users in `docs/dedup.md`) is: a mention joins an existing event when
//!
//! * its **root code** (CAMEO's two-digit block) equals the event's;
//! * its **source** and **target** actor codes are each *compatible* with the event's: equal,
//!   or one a more specific code of the other by whole 3-letter chunks (`USA` and `USAGOV`
//!   join, `USAGOV` and `USAMIL` do not), and at most one side differs in specificity (the
//!   other anchors the match). A missing side matches only a missing side, so "Israel
//!   attacked" never swallows "Israel attacked Hamas"; with [`DedupConfig::require_both_actors`]
//!   a mention lacking a side is never merged at all;
//! * a *vague* mention — a side missing or generic (`---CVL` civilians, `---PPL`: no country) —
//!   joins only an event already mentioned in the same article, unless
//!   [`DedupConfig::vague_across_articles`]: "civilians were killed" in two articles is rarely
//!   known to be one killing;
//! * its **date** lies within [`DedupConfig::window_days`] of the event's (dates of coarser
//!   precision, `2014-07`, are ranges: they match when the ranges, widened by the window,
//!   overlap); an undated mention matches only an undated event;
//! * its **place** is compatible: within [`DedupConfig::distance_km`] when both have
//!   coordinates, else the same country when both have one, else (one side unlocated) yes.
//!
//! Among several matching events the one with the nearest date wins, then the one with more
//! mentions, then the oldest. Compatibility is checked against the event's representative fields
//! (the most frequent codes of its mentions), so an event does not drift with each new mention.
//!
//! Counts follow GDELT 2.0's event codebook: `num_mentions` counts every mention (several in
//! one article included), `num_articles` the distinct documents, `num_sources` the distinct
//! information sources — the article's publisher, else its URL's host, else the document itself.
//! `confidence` is a noisy-OR over independent sources (see [`event_confidence`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

/// How mentions are grouped into one event, and tolls into one reconciled figure. A store
/// keeps the rule it was last given ([`save_config`], `dateline dedup`) in its `meta` table,
/// so that every later batch groups by the same rule; a store without one uses the default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Mentions whose dates lie within this many days of the event's date can be one event.
    pub window_days: i64,
    /// Two located mentions can be one event when at most this many kilometres apart.
    pub distance_km: f64,
    /// Merge only mentions with both a source and a target; one-sided mentions stay events of
    /// their own (PETRARCH's `require_dyad` spirit applied to dedup).
    pub require_both_actors: bool,
    /// Let vague mentions (a side missing or without a country, `---CVL`) join events of other
    /// articles. Off by default: on real news the same day, "---CVL killed" or "attacked the
    /// United States" in two articles are mostly two events.
    pub vague_across_articles: bool,
    /// How much one source's best mention adds to the event's confidence (0–1): with `k`
    /// this weight and `c` the mention's confidence, each source multiplies the doubt by
    /// `1 − k·c`.
    pub source_weight: f64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            // Wire copy and follow-ups report an event over a day or two; event dates come from
            // the sentence ("on Sunday") or fall back to the publish date, so one day is too
            // tight for a report published two days later.
            window_days: 2,
            // A city and its suburbs, or a town and the nearby place another outlet names.
            distance_km: 100.0,
            require_both_actors: false,
            vague_across_articles: false,
            source_weight: 0.6,
        }
    }
}

/// The confidence of an event from its sources: `1 − Π_s (1 − k·c_s)`, where `c_s` is the best
/// mention confidence in source `s` and `k` is [`DedupConfig::source_weight`]. One source with a
/// perfect mention gives `k` (0.6 by default), two give 0.84, three 0.936: each independent
/// source removes a share of the remaining doubt, never reaching 1.
pub fn event_confidence(config: &DedupConfig, best_per_source: &[f64]) -> f64 {
    let weight = config.source_weight.clamp(0.0, 1.0);
    let doubt: f64 = best_per_source
        .iter()
        .map(|c| 1.0 - weight * c.clamp(0.0, 1.0))
        .product();
    1.0 - doubt
}

/// A date at some precision, as the interval of days it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DayRange {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (anything after the day, such as a time, is
    /// ignored). `None` for anything else.
    pub fn parse(text: &str) -> Option<DayRange> {
        let text = text.trim();
        if let Some(day) = text.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) {
            return Some(DayRange {
                first: day,
                last: day,
            });
        }
        let mut parts = text.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        match parts.next() {
            None => Some(DayRange {
                first: NaiveDate::from_ymd_opt(year, 1, 1)?,
                last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            }),
            Some(month) => {
                let month: u32 = month.parse().ok()?;
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)?
                };
                Some(DayRange {
                    first,
                    last: next.pred_opt()?,
                })
            }
        }
    }

    /// The two ranges, the first widened by `window_days` on both sides, overlap.
    pub fn within(&self, other: &DayRange, window_days: i64) -> bool {
        let window = Duration::days(window_days.max(0));
        self.first - window <= other.last && other.first <= self.last + window
    }

    /// Day precision (not a month or a year).
    pub fn is_day(&self) -> bool {
        self.first == self.last
    }
}

/// How two actor codes of the same side compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorMatch {
    /// The same code, or both sides missing.
    Same,
    /// One code extends the other by whole 3-letter chunks (`USA` and `USAGOV`).
    Specificity,
    /// Different actors, or a missing side against a known one.
    Different,
}

/// Compares two actor codes: equal, or one extending the other by whole 3-letter chunks
/// (`USA` ⊂ `USAGOV`, not `USAGOV`/`USAMIL`); a missing side matches only a missing side.
/// PETRARCH's agent-only marker `~` is ignored.
pub fn compare_actors(a: Option<&str>, b: Option<&str>) -> ActorMatch {
    match (a, b) {
        (None, None) => ActorMatch::Same,
        (Some(a), Some(b)) => {
            let a = a.trim_start_matches('~');
            let b = b.trim_start_matches('~');
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            if short == long {
                ActorMatch::Same
            } else if !short.is_empty() && short.len() % 3 == 0 && long.starts_with(short) {
                ActorMatch::Specificity
            } else {
                ActorMatch::Different
            }
        }
        _ => ActorMatch::Different,
    }
}

/// The two sides of a mention and an event agree: each the same or differing only in
/// specificity, and not both differing (`GBRMED → GBR` and `GBR → GBRPPL` share only a
/// country; one exact side anchors the match).
pub fn actors_compatible(source: ActorMatch, target: ActorMatch) -> bool {
    use ActorMatch::*;
    matches!(
        (source, target),
        (Same, Same) | (Same, Specificity) | (Specificity, Same)
    )
}

/// Great-circle distance in kilometres: the gazetteer's (haversine), so that dedup, `dateline
/// query --near` and the geocoder measure alike.
pub use dateline_code::places::distance_km;

/// Where something happened, as far as dedup needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceKey {
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl PlaceKey {
    fn coords(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }

    /// Within `max_km` when both have coordinates, else the same country when both have one,
    /// else compatible (an unlocated report does not contradict a located one).
    pub fn compatible(&self, other: &PlaceKey, max_km: f64) -> bool {
        if let (Some((a_lat, a_lon)), Some((b_lat, b_lon))) = (self.coords(), other.coords()) {
            return distance_km(a_lat, a_lon, b_lat, b_lon) <= max_km;
        }
        match (&self.country, &other.country) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => true,
        }
    }
}

/// What a mention or an event is matched on.
#[derive(Debug, Clone)]
struct MatchKey {
    source: Option<String>,
    target: Option<String>,
    root: String,
    date: Option<DayRange>,
    place: PlaceKey,
}

impl MatchKey {
    fn one_sided(&self) -> bool {
        self.source.is_none() || self.target.is_none()
    }

    /// A side is missing or generic: PETRARCH's `---` (no country) such as `---CVL`.
    fn vague(&self) -> bool {
        let specific = |code: &Option<String>| {
            code.as_deref()
                .is_some_and(|c| !c.trim_start_matches('~').starts_with("---"))
        };
        !(specific(&self.source) && specific(&self.target))
    }
}

/// Two dates can be of one event (or one toll): ranges within `window_days` of each other, or
/// both undated.
fn dates_compatible(a: Option<&DayRange>, b: Option<&DayRange>, window_days: i64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.within(b, window_days),
        (None, None) => true,
        _ => false,
    }
}

/// The mention may join the event.
fn matches(config: &DedupConfig, mention: &MatchKey, event: &MatchKey) -> bool {
    if config.require_both_actors && (mention.one_sided() || event.one_sided()) {
        return false;
    }
    mention.root == event.root
        && actors_compatible(
            compare_actors(mention.source.as_deref(), event.source.as_deref()),
            compare_actors(mention.target.as_deref(), event.target.as_deref()),
        )
        && dates_compatible(
            mention.date.as_ref(),
            event.date.as_ref(),
            config.window_days,
        )
        && mention.place.compatible(&event.place, config.distance_km)
}

/// Days between two ranges (0 when they overlap): how far a candidate event is.
fn day_gap(a: Option<&DayRange>, b: Option<&DayRange>) -> i64 {
    match (a, b) {
        (Some(a), Some(b)) => {
            if a.last < b.first {
                (b.first - a.last).num_days()
            } else if b.last < a.first {
                (a.first - b.last).num_days()
            } else {
                0
            }
        }
        _ => 0,
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

impl MatchKey {
    /// The key in columns 1–7 of a row (source code, target code, root code, date, location
    /// country, lat, lon), as both the pending-mention and the candidate-event queries select
    /// them after the row's id.
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<MatchKey> {
        Ok(MatchKey {
            source: non_empty(row.get(1)?),
            target: non_empty(row.get(2)?),
            root: row.get(3)?,
            date: row
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(DayRange::parse),
            place: PlaceKey {
                country: non_empty(row.get(5)?),
                lat: row.get(6)?,
                lon: row.get(7)?,
            },
        })
    }
}

/// A candidate event's id, match key and mention count (the columns of the candidate queries).
fn event_key(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, MatchKey, i64)> {
    Ok((row.get(0)?, MatchKey::from_row(row)?, row.get(8)?))
}

/// Assign the event mentions of `document_ids` (just written, `event_id` NULL) to events,
/// creating or updating rows of `events` (representative fields, counts, confidence) inside
/// the writer's transaction. Mentions are taken in document then sentence order, so two
/// mentions of one event in the same article join as well.
pub fn assign_events(
    tx: &Transaction<'_>,
    config: &DedupConfig,
    document_ids: &[i64],
) -> rusqlite::Result<()> {
    // A set: a rebuild touches every event, and a list's `contains` would make it quadratic.
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    let mut pending = tx.prepare(
        "SELECT id, source_code, target_code, root_code, date, location_country, lat, lon
         FROM event_mentions WHERE document_id = ?1 AND event_id IS NULL
         ORDER BY sentence_idx, trigger_start, id",
    )?;
    let mut set_event = tx.prepare("UPDATE event_mentions SET event_id = ?2 WHERE id = ?1")?;
    // Candidates are found through the `events(root_code, date)` index (schema version 2):
    // the root code's day range, then the months and years it touches (events dated only
    // `2014-07`), or its undated events.
    let event_columns = "id, source_code, target_code, root_code, date, location_country, lat,
                         lon, num_mentions";
    let mut dated_candidates = tx.prepare(&format!(
        "SELECT {event_columns} FROM events WHERE root_code = ?1 AND date BETWEEN ?2 AND ?3
         UNION ALL
         SELECT {event_columns} FROM events
         WHERE root_code = ?1 AND date IN (SELECT value FROM json_each(?4))"
    ))?;
    let mut undated_candidates = tx.prepare(&format!(
        "SELECT {event_columns} FROM events WHERE root_code = ?1 AND date IS NULL"
    ))?;
    let mut unique_ids: Vec<i64> = document_ids.to_vec();
    unique_ids.sort_unstable();
    unique_ids.dedup();
    for document_id in unique_ids {
        let mentions: Vec<(i64, MatchKey)> = pending
            .query_map([document_id], |row| {
                Ok((row.get::<_, i64>(0)?, MatchKey::from_row(row)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // The events this article already mentions (kept up to date as its mentions are
        // assigned), for vague mentions, which join only those: one query per article
        // rather than one per candidate.
        let mut article_events: HashSet<i64> = events_of_documents(tx, &[document_id])?
            .into_iter()
            .collect();
        for (mention_id, key) in mentions {
            // The SQL pre-filter passes every event `matches` could accept.
            let found: Vec<(i64, MatchKey, i64)> = match &key.date {
                Some(range) => {
                    let window = Duration::days(config.window_days.max(0));
                    let (first, last) = (range.first - window, range.last + window);
                    dated_candidates
                        .query_map(
                            params![
                                key.root,
                                first.format("%Y-%m-%d").to_string(),
                                // `~` sorts after any time suffix of the last day.
                                format!("{}~", last.format("%Y-%m-%d")),
                                coarse_dates(first, last),
                            ],
                            event_key,
                        )?
                        .collect::<rusqlite::Result<_>>()?
                }
                None => undated_candidates
                    .query_map(params![key.root], event_key)?
                    .collect::<rusqlite::Result<_>>()?,
            };
            let vague = key.vague() && !config.vague_across_articles;
            let best = found
                .iter()
                .filter(|(id, event, _)| {
                    matches(config, &key, event) && (!vague || article_events.contains(id))
                })
                .min_by_key(|(id, event, mentions)| {
                    (
                        day_gap(key.date.as_ref(), event.date.as_ref()),
                        -mentions,
                        *id,
                    )
                })
                .map(|(id, _, _)| *id);
            let event_id = match best {
                Some(id) => id,
                None => insert_event_from_mention(tx, mention_id)?,
            };
            set_event.execute(params![mention_id, event_id])?;
            article_events.insert(event_id);
            touched.insert(event_id);
        }
    }
    let touched: Vec<i64> = touched.into_iter().collect();
    refresh_events(tx, config, &touched)
}

/// The years and months (`2014`, `2014-07`) that the days `first..=last` touch, as a JSON
/// array: the coarse event dates a mention of those days may match.
fn coarse_dates(first: NaiveDate, last: NaiveDate) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut month = first.with_day(1).unwrap_or(first);
    while month <= last {
        let year = month.format("%Y").to_string();
        if !out.contains(&year) {
            out.push(year);
        }
        out.push(month.format("%Y-%m").to_string());
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    serde_json::Value::from(out).to_string()
}

/// A new event row carrying its first mention's fields (recomputed by [`refresh_events`]).
fn insert_event_from_mention(tx: &Transaction<'_>, mention_id: i64) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO events (source_code, target_code, cameo, root_code, quad_class, goldstein,
                             plover_event, plover_mode, date, location_name, location_country,
                             lat, lon, geonameid, num_mentions, num_sources, num_articles,
                             confidence, avg_tone, first_seen, source_url,
                             source_location_name, source_location_country, source_lat,
                             source_lon, source_geonameid,
                             target_location_name, target_location_country, target_lat,
                             target_lon, target_geonameid)
         SELECT source_code, target_code, cameo, root_code, quad_class, goldstein,
                plover_event, plover_mode, date, location_name, location_country,
                lat, lon, geonameid, 1, 1, 1, confidence, tone, '', NULL,
                source_location_name, source_location_country, source_lat,
                source_lon, source_geonameid,
                target_location_name, target_location_country, target_lat,
                target_lon, target_geonameid
         FROM event_mentions WHERE id = ?1",
        [mention_id],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The events the given documents' mentions belong to, sorted. The writer dissolves these
/// before replacing a document; a caller that deletes documents' rows itself can pass them to
/// [`refresh_events`] afterwards to recount (or drop) those events.
pub fn events_of_documents(tx: &Connection, document_ids: &[i64]) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT DISTINCT event_id FROM event_mentions
         WHERE document_id = ?1 AND event_id IS NOT NULL",
    )?;
    let mut ids = Vec::new();
    for document_id in document_ids {
        for id in stmt.query_map([document_id], |row| row.get::<_, i64>(0))? {
            ids.push(id?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// A resolved place of a mention or an event.
#[derive(Debug, Clone)]
struct Location {
    name: String,
    country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geonameid: Option<i64>,
}

/// A place's five columns as SQL values (all NULL for none).
type LocationColumns<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<f64>,
    Option<f64>,
    Option<i64>,
);

impl Location {
    /// The place in the five columns starting at `first` (name, country, lat, lon, GeoNames
    /// id); `None` when the name is NULL or empty.
    fn from_columns(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Option<Location>> {
        let Some(name) = non_empty(row.get(first)?) else {
            return Ok(None);
        };
        Ok(Some(Location {
            name,
            country: non_empty(row.get(first + 1)?),
            lat: row.get(first + 2)?,
            lon: row.get(first + 3)?,
            geonameid: row.get(first + 4)?,
        }))
    }

    fn columns(l: Option<&Location>) -> LocationColumns<'_> {
        (
            l.map(|l| l.name.as_str()),
            l.and_then(|l| l.country.as_deref()),
            l.and_then(|l| l.lat),
            l.and_then(|l| l.lon),
            l.and_then(|l| l.geonameid),
        )
    }
}

/// One mention as the event's aggregates need it.
struct MentionFacts {
    document_id: i64,
    sentence_idx: i64,
    trigger_start: i64,
    source_code: Option<String>,
    target_code: Option<String>,
    cameo: String,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    plover_event: Option<String>,
    plover_mode: Option<String>,
    date: Option<String>,
    location: Option<Location>,
    /// Where each actor was (GDELT's Actor1Geo / Actor2Geo).
    source_location: Option<Location>,
    target_location: Option<Location>,
    confidence: f64,
    tone: Option<f64>,
    /// The article's tone (GDELT's AvgTone averages the documents' tone).
    article_tone: Option<f64>,
    source_key: String,
    ingested_at: String,
    url: Option<String>,
}

/// The most frequent value, ties going to the longest (most specific), then the smallest.
fn most_frequent<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then(a.len().cmp(&b.len())).then(b.cmp(a)))
        .map(|(v, _)| v.to_string())
}

/// The host of a URL (`https://www.bbc.co.uk/news/x` → `bbc.co.uk`), lower case, no `www.`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Recompute the given events from their mentions: representative fields, GDELT counts,
/// confidence, tone, first seen and source URL. Events left without mentions (their documents
/// were deleted) are deleted. [`assign_events`] calls this for the events it touched; after
/// deleting documents' rows, call it with the ids [`events_of_documents`] gave beforehand.
pub fn refresh_events(
    tx: &Connection,
    config: &DedupConfig,
    event_ids: &[i64],
) -> rusqlite::Result<()> {
    let mut load = tx.prepare(
        "SELECT m.document_id, m.sentence_idx, m.trigger_start, m.source_code, m.target_code,
                m.cameo, m.quad_class, m.goldstein, m.plover_event, m.plover_mode, m.date,
                m.location_name, m.location_country, m.lat, m.lon, m.geonameid,
                m.confidence, m.tone, a.tone, a.publisher, COALESCE(a.url, d.url),
                d.ingested_at,
                m.source_location_name, m.source_location_country, m.source_lat, m.source_lon,
                m.source_geonameid,
                m.target_location_name, m.target_location_country, m.target_lat, m.target_lon,
                m.target_geonameid
         FROM event_mentions m
         JOIN documents d ON d.id = m.document_id
         LEFT JOIN articles a ON a.document_id = m.document_id
         WHERE m.event_id = ?1",
    )?;
    let mut delete = tx.prepare("DELETE FROM events WHERE id = ?1")?;
    let mut update = tx.prepare(
        "UPDATE events SET source_code = ?2, target_code = ?3, cameo = ?4, root_code = ?5,
                quad_class = ?6, goldstein = ?7, plover_event = ?8, plover_mode = ?9, date = ?10,
                location_name = ?11, location_country = ?12, lat = ?13, lon = ?14,
                geonameid = ?15, num_mentions = ?16, num_sources = ?17, num_articles = ?18,
                confidence = ?19, avg_tone = ?20, first_seen = ?21, source_url = ?22,
                source_location_name = ?23, source_location_country = ?24, source_lat = ?25,
                source_lon = ?26, source_geonameid = ?27,
                target_location_name = ?28, target_location_country = ?29, target_lat = ?30,
                target_lon = ?31, target_geonameid = ?32
         WHERE id = ?1",
    )?;
    for &event_id in event_ids {
        let mentions: Vec<MentionFacts> = load
            .query_map([event_id], |row| {
                let document_id: i64 = row.get(0)?;
                let publisher: Option<String> = non_empty(row.get(19)?);
                let url: Option<String> = non_empty(row.get(20)?);
                let source_key = publisher
                    .map(|p| format!("publisher:{}", p.trim().to_lowercase()))
                    .or_else(|| {
                        url.as_deref()
                            .and_then(url_host)
                            .map(|h| format!("host:{h}"))
                    })
                    .unwrap_or_else(|| format!("document:{document_id}"));
                Ok(MentionFacts {
                    document_id,
                    sentence_idx: row.get(1)?,
                    trigger_start: row.get(2)?,
                    source_code: non_empty(row.get(3)?),
                    target_code: non_empty(row.get(4)?),
                    cameo: row.get(5)?,
                    quad_class: row.get(6)?,
                    goldstein: row.get(7)?,
                    plover_event: non_empty(row.get(8)?),
                    plover_mode: non_empty(row.get(9)?),
                    date: non_empty(row.get(10)?),
                    location: Location::from_columns(row, 11)?,
                    source_location: Location::from_columns(row, 22)?,
                    target_location: Location::from_columns(row, 27)?,
                    confidence: row.get(16)?,
                    tone: row.get(17)?,
                    article_tone: row.get(18)?,
                    source_key,
                    ingested_at: row.get(21)?,
                    url,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        if mentions.is_empty() {
            delete.execute([event_id])?;
            continue;
        }
        let event = aggregate(config, &mentions);
        let (place, source_place, target_place) = (
            Location::columns(event.location.as_ref()),
            Location::columns(event.source_location.as_ref()),
            Location::columns(event.target_location.as_ref()),
        );
        update.execute(params![
            event_id,
            event.source_code,
            event.target_code,
            event.cameo,
            event.root_code,
            event.quad_class,
            event.goldstein,
            event.plover_event,
            event.plover_mode,
            event.date,
            place.0,
            place.1,
            place.2,
            place.3,
            place.4,
            event.num_mentions,
            event.num_sources,
            event.num_articles,
            event.confidence,
            event.avg_tone,
            event.first_seen,
            event.source_url,
            source_place.0,
            source_place.1,
            source_place.2,
            source_place.3,
            source_place.4,
            target_place.0,
            target_place.1,
            target_place.2,
            target_place.3,
            target_place.4,
        ])?;
    }
    Ok(())
}

/// An event's fields computed from its mentions.
struct Aggregate {
    source_code: Option<String>,
    target_code: Option<String>,
    cameo: String,
    root_code: String,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    plover_event: Option<String>,
    plover_mode: Option<String>,
    date: Option<String>,
    location: Option<Location>,
    source_location: Option<Location>,
    target_location: Option<Location>,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
    confidence: f64,
    avg_tone: Option<f64>,
    first_seen: String,
    source_url: Option<String>,
}

fn aggregate(config: &DedupConfig, mentions: &[MentionFacts]) -> Aggregate {
    let cameo = most_frequent(mentions.iter().map(|m| m.cameo.as_str())).unwrap_or_default();
    let with_code: Vec<&MentionFacts> = mentions.iter().filter(|m| m.cameo == cameo).collect();
    let root_code = cameo.get(..2).unwrap_or(&cameo).to_string();
    let source_code = most_frequent(mentions.iter().filter_map(|m| m.source_code.as_deref()));
    let target_code = most_frequent(mentions.iter().filter_map(|m| m.target_code.as_deref()));
    let quad_class = with_code.iter().find_map(|m| m.quad_class);
    let goldstein = with_code.iter().find_map(|m| m.goldstein);
    let plover_event = most_frequent(with_code.iter().filter_map(|m| m.plover_event.as_deref()));
    let plover_mode = most_frequent(with_code.iter().filter_map(|m| m.plover_mode.as_deref()));
    // The earliest date, at day precision when any mention has one.
    let mut dated: Vec<(DayRange, &str)> = mentions
        .iter()
        .filter_map(|m| {
            let text = m.date.as_deref()?;
            Some((DayRange::parse(text)?, text))
        })
        .collect();
    dated.sort_by_key(|(range, _)| (!range.is_day(), range.first));
    let date = dated
        .first()
        .map(|(range, text)| {
            if range.is_day() {
                range.first.format("%Y-%m-%d").to_string()
            } else {
                text.to_string()
            }
        })
        .or_else(|| mentions.iter().find_map(|m| m.date.clone()));
    let location = representative_location(mentions, |m| m.location.as_ref());
    let source_location = representative_location(mentions, |m| m.source_location.as_ref());
    let target_location = representative_location(mentions, |m| m.target_location.as_ref());
    let articles: HashSet<i64> = mentions.iter().map(|m| m.document_id).collect();
    let mut best_per_source: HashMap<&str, f64> = HashMap::new();
    for m in mentions {
        let best = best_per_source.entry(&m.source_key).or_insert(0.0);
        *best = best.max(m.confidence);
    }
    let mut source_scores: Vec<f64> = best_per_source.values().copied().collect();
    source_scores.sort_by(f64::total_cmp);
    // GDELT's AvgTone: the mean tone of the documents that mention the event; mentions'
    // clause tone stands in for an article without one.
    let mut tone_per_article: BTreeMap<i64, f64> = BTreeMap::new();
    for m in mentions {
        if let Some(t) = m.article_tone.or(m.tone) {
            tone_per_article.entry(m.document_id).or_insert(t);
        }
    }
    let avg_tone = (!tone_per_article.is_empty())
        .then(|| tone_per_article.values().sum::<f64>() / tone_per_article.len() as f64);
    let first = mentions
        .iter()
        .min_by(|a, b| {
            a.ingested_at
                .cmp(&b.ingested_at)
                .then(a.document_id.cmp(&b.document_id))
                .then(a.sentence_idx.cmp(&b.sentence_idx))
                .then(a.trigger_start.cmp(&b.trigger_start))
        })
        .unwrap_or(&mentions[0]);
    Aggregate {
        source_code,
        target_code,
        root_code,
        cameo,
        quad_class,
        goldstein,
        plover_event,
        plover_mode,
        date,
        location,
        source_location,
        target_location,
        num_mentions: mentions.len() as i64,
        num_sources: best_per_source.len() as i64,
        num_articles: articles.len() as i64,
        confidence: event_confidence(config, &source_scores),
        avg_tone,
        first_seen: first.ingested_at.clone(),
        source_url: first.url.clone(),
    }
}

/// The most frequent of the mentions' places (by name and country), preferring one with
/// coordinates, then the name that sorts first (a stable choice among equals): an event's
/// location, and each of its actors'.
fn representative_location(
    mentions: &[MentionFacts],
    place: impl Fn(&MentionFacts) -> Option<&Location>,
) -> Option<Location> {
    let mut tally: HashMap<(&str, Option<&str>), (usize, &Location)> = HashMap::new();
    for location in mentions.iter().filter_map(&place) {
        let key = (location.name.as_str(), location.country.as_deref());
        tally.entry(key).or_insert((0, location)).0 += 1;
    }
    tally
        .into_iter()
        .max_by_key(|((name, _), (count, first))| {
            let located = first.lat.is_some() && first.lon.is_some();
            (*count, located, std::cmp::Reverse(*name))
        })
        .map(|(_, (_, first))| first.clone())
}

impl DedupConfig {
    /// Why the rule cannot be used, if it cannot: negative windows or distances, a weight
    /// outside 0–1.
    pub fn check(&self) -> Result<(), String> {
        if self.window_days < 0 {
            return Err(format!("window_days {} is negative", self.window_days));
        }
        if !(self.distance_km >= 0.0 && self.distance_km.is_finite()) {
            return Err(format!(
                "distance_km {} is not a distance in kilometres",
                self.distance_km
            ));
        }
        if !(0.0..=1.0).contains(&self.source_weight) {
            return Err(format!(
                "source_weight {} is not between 0 and 1",
                self.source_weight
            ));
        }
        Ok(())
    }
}

/// The `meta` key under which a store keeps its [`DedupConfig`] (JSON).
pub const CONFIG_KEY: &str = "dedup_config";

/// The rule a store keeps, if it keeps one. A value that is not a usable rule is an error
/// (a hand-edited `meta` row), not a silent fall-back to the default.
pub fn stored_config(conn: &Connection) -> rusqlite::Result<Option<DedupConfig>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [CONFIG_KEY],
            |row| row.get(0),
        )
        .optional()?;
    let Some(text) = text else {
        return Ok(None);
    };
    let bad = |reason: String| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("meta.{CONFIG_KEY} is not a dedup rule: {reason}").into(),
        )
    };
    let config: DedupConfig = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    config.check().map_err(bad)?;
    Ok(Some(config))
}

/// Keep `config` as the store's rule (inside the caller's transaction).
pub fn save_config(tx: &Transaction<'_>, config: &DedupConfig) -> rusqlite::Result<()> {
    let json = serde_json::to_string(config)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![CONFIG_KEY, json],
    )?;
    Ok(())
}

/// Forget every event and assign all mentions again (after changing the [`DedupConfig`]).
pub fn rebuild_events(tx: &Transaction<'_>, config: &DedupConfig) -> rusqlite::Result<()> {
    tx.execute("UPDATE event_mentions SET event_id = NULL", [])?;
    tx.execute("DELETE FROM events", [])?;
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM documents ORDER BY ingested_at, id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    assign_events(tx, config, &ids)
}

/// One report of a toll: a `counts` row with its article.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TollReport {
    pub count_id: i64,
    pub document_id: i64,
    pub sentence_idx: i64,
    pub value: f64,
    pub high: Option<f64>,
    pub qualifier: String,
    pub phrase_text: String,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The article's publish date (what "latest report" is ordered by, then `ingested_at`).
    pub article_date: Option<String>,
    pub ingested_at: String,
}

/// Reports of one toll across articles, reconciled: each report, the range of the values and
/// the latest report (tolls grow as bodies are found; the latest is usually the best).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TollGroup {
    pub kind: String,
    pub who: Option<String>,
    pub country: Option<String>,
    /// The earliest report's date.
    pub date: Option<String>,
    pub location_name: Option<String>,
    pub reports: Vec<TollReport>,
    /// The smallest value reported.
    pub min: f64,
    /// The largest value reported (a report's `high` bound included).
    pub max: f64,
    /// The report of the most recent article.
    pub latest: TollReport,
}

/// Which counts to reconcile.
#[derive(Debug, Clone, Default)]
pub struct TollFilter {
    pub kind: Option<String>,
    pub country: Option<String>,
}

/// Group the `counts` rows of all articles into tolls: the same kind (`killed`, `injured`, …),
/// the same country — or, when neither report names a country, the same `who` —, the same
/// subset flag (a "including 5 children" figure never mixes with a total), dates within the
/// window and compatible places, by the same rules as events. Groups are ordered by date.
pub fn reconcile_counts(
    conn: &Connection,
    config: &DedupConfig,
    filter: &TollFilter,
) -> rusqlite::Result<Vec<TollGroup>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.document_id, c.sentence_idx, c.kind, c.value, c.high, c.qualifier,
                c.who, c.country, c.subset, c.phrase_text, COALESCE(c.date, a.date),
                c.location_name, c.location_country, c.lat, c.lon,
                a.publisher, COALESCE(a.url, d.url), a.date, d.ingested_at
         FROM counts c
         JOIN documents d ON d.id = c.document_id
         LEFT JOIN articles a ON a.document_id = c.document_id
         WHERE (?1 IS NULL OR c.kind = ?1)
           AND (?2 IS NULL OR c.country = ?2 OR c.location_country = ?2)
         ORDER BY COALESCE(c.date, a.date), d.ingested_at, c.id",
    )?;
    struct Row {
        report: TollReport,
        kind: String,
        who: Option<String>,
        country: Option<String>,
        subset: bool,
        range: Option<DayRange>,
        place: PlaceKey,
        location_name: Option<String>,
    }
    let rows: Vec<Row> = stmt
        .query_map(params![filter.kind, filter.country], |row| {
            let date: Option<String> = non_empty(row.get(11)?);
            Ok(Row {
                report: TollReport {
                    count_id: row.get(0)?,
                    document_id: row.get(1)?,
                    sentence_idx: row.get(2)?,
                    value: row.get(4)?,
                    high: row.get(5)?,
                    qualifier: row.get(6)?,
                    phrase_text: row.get(10)?,
                    date: date.clone(),
                    publisher: non_empty(row.get(16)?),
                    url: non_empty(row.get(17)?),
                    article_date: non_empty(row.get(18)?),
                    ingested_at: row.get(19)?,
                },
                kind: row.get(3)?,
                who: non_empty(row.get(7)?).map(|w: String| w.to_lowercase()),
                country: non_empty(row.get(8)?),
                subset: row.get::<_, i64>(9)? != 0,
                range: date.as_deref().and_then(DayRange::parse),
                place: PlaceKey {
                    country: non_empty(row.get(13)?),
                    lat: row.get(14)?,
                    lon: row.get(15)?,
                },
                location_name: non_empty(row.get(12)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Greedy grouping in date order; each group is matched on its first report.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let joined = groups.iter_mut().find(|(first, _)| {
            let head = &rows[*first];
            head.kind == row.kind
                && head.subset == row.subset
                && match (&head.country, &row.country) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => head.who == row.who,
                    _ => false,
                }
                && dates_compatible(head.range.as_ref(), row.range.as_ref(), config.window_days)
                && head.place.compatible(&row.place, config.distance_km)
        });
        match joined {
            Some((_, members)) => members.push(i),
            None => groups.push((i, vec![i])),
        }
    }
    Ok(groups
        .into_iter()
        .map(|(first, members)| {
            let head = &rows[first];
            let reports: Vec<TollReport> =
                members.iter().map(|&i| rows[i].report.clone()).collect();
            let min = reports
                .iter()
                .map(|r| r.value)
                .fold(f64::INFINITY, f64::min);
            let max = reports
                .iter()
                .map(|r| r.high.unwrap_or(r.value).max(r.value))
                .fold(f64::NEG_INFINITY, f64::max);
            let latest = reports
                .iter()
                .max_by(|a, b| {
                    a.article_date
                        .cmp(&b.article_date)
                        .then(a.ingested_at.cmp(&b.ingested_at))
                        .then(a.count_id.cmp(&b.count_id))
                })
                .cloned()
                .unwrap_or_else(|| head.report.clone());
            TollGroup {
                kind: head.kind.clone(),
                who: head.who.clone(),
                country: head.country.clone(),
                date: head.report.date.clone(),
                location_name: head.location_name.clone(),
                reports,
                min,
                max,
                latest,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_match_by_whole_chunks() {
        use ActorMatch::*;
        assert_eq!(compare_actors(Some("USA"), Some("USAGOV")), Specificity);
        assert_eq!(compare_actors(Some("USAGOV"), Some("USA")), Specificity);
        assert_eq!(compare_actors(Some("USAGOV"), Some("USAGOV")), Same);
        assert_eq!(compare_actors(Some("USAGOV"), Some("USAMIL")), Different);
        assert_eq!(compare_actors(Some("US"), Some("USAGOV")), Different);
        assert_eq!(compare_actors(Some("USA"), None), Different);
        assert_eq!(compare_actors(None, None), Same);
        assert_eq!(compare_actors(Some("~PSE"), Some("PSEREB")), Specificity);
        assert!(actors_compatible(Same, Specificity));
        assert!(!actors_compatible(Specificity, Specificity));
        assert!(!actors_compatible(Same, Different));
    }

    #[test]
    fn date_ranges_and_windows() {
        let day = DayRange::parse("2014-07-10").unwrap();
        let month = DayRange::parse("2014-07").unwrap();
        assert!(day.is_day() && !month.is_day());
        assert_eq!(month.last, NaiveDate::from_ymd_opt(2014, 7, 31).unwrap());
        assert!(day.within(&DayRange::parse("2014-07-12").unwrap(), 2));
        assert!(!day.within(&DayRange::parse("2014-07-13").unwrap(), 2));
        assert!(day.within(&month, 0));
        assert_eq!(DayRange::parse("2014").unwrap().last.month(), 12);
        assert!(DayRange::parse("July").is_none());
        assert!(DayRange::parse("2014-13").is_none());
    }

    #[test]
    fn confidence_grows_with_sources_and_stays_below_one() {
        let config = DedupConfig::default();
        let one = event_confidence(&config, &[0.8]);
        let two = event_confidence(&config, &[0.8, 0.8]);
        let three = event_confidence(&config, &[0.8, 0.8, 0.5]);
        assert!(
            one < two && two < three && three < 1.0,
            "{one} {two} {three}"
        );
        assert_eq!(event_confidence(&config, &[]), 0.0);
    }

    #[test]
    fn places() {
        let kabul = PlaceKey {
            country: Some("AFG".into()),
            lat: Some(34.53),
            lon: Some(69.17),
        };
        let paris = PlaceKey {
            country: Some("FRA".into()),
            lat: Some(48.85),
            lon: Some(2.35),
        };
        let afghanistan = PlaceKey {
            country: Some("AFG".into()),
            ..PlaceKey::default()
        };
        assert!(!kabul.compatible(&paris, 100.0));
        assert!(kabul.compatible(&afghanistan, 100.0));
        assert!(!paris.compatible(&afghanistan, 100.0));
        assert!(paris.compatible(&PlaceKey::default(), 100.0));
        let d = distance_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((d - 343.5).abs() < 2.0, "{d}");
    }

    #[test]
    fn coarse_dates_cover_the_months_and_years_touched() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            coarse_dates(day("2014-12-30"), day("2015-01-02")),
            r#"["2014","2014-12","2015","2015-01"]"#
        );
        assert_eq!(
            coarse_dates(day("2014-07-10"), day("2014-07-12")),
            r#"["2014","2014-07"]"#
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.bbc.co.uk/news/x?y").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            url_host("http://u@Example.com:8080/").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn most_frequent_prefers_specific_on_ties() {
        let v = ["USA", "USAGOV"];
        assert_eq!(most_frequent(v.iter().copied()).as_deref(), Some("USAGOV"));
        let v = ["USA", "USA", "USAGOV"];
        assert_eq!(most_frequent(v.iter().copied()).as_deref(), Some("USA"));
    }
}
