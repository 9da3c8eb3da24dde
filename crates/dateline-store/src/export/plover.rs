//! PLOVER records, one JSON object per line — the layout the PLOVER manual suggests
//! ("newline-delimited JSON (JSONL) format, with each event formatted as one valid JSON
//! entry") — with the manual's field names (its "Data Fields" chapter) and POLECAT's use of
//! them.
//!
//! Required fields, present on every record: `id` (`dateline-<events.id>`), `date`
//! (YYYY-MM-DD: see [`super::day_of`]; the precision is in `date_precision`), `actor` (a
//! list of entity objects; empty when the source actor is unknown) and `event` (a list of
//! one PLOVER category). Events whose CAMEO code has no PLOVER category are skipped and
//! counted in [`ExportSummary::skipped`].
//!
//! Optional fields: `recipient`, `mode`, `context` (lists), `quad_code` (1–4, CAMEO's quad
//! class, which PLOVER's quad categories follow), `event_scale` (the CAMEO Goldstein score:
//! dateline has no PLOVER score), `event_loc` (the manual's Mordecai/GeoNames location
//! object), `event_text` (the trigger words of the mentions), `text` and `text_info` (the
//! first mention's sentence, its sequence number and byte offsets), `cite_info` (the
//! first mention's article), `coder`, `coded_date`. Named extras, as the manual allows:
//! `cameo`, `mood`, `num_mentions`, `num_sources`, `num_articles`, `confidence`,
//! `date_precision`.
//!
//! Entity objects: `code` (the CAMEO country, else known group, else first chunk of the
//! actor code), `country_name`, `sector` (first CAMEO type/agent code), `other_sector_codes`,
//! `entity_text` (as written in the first mention), `religion`, `ethnicity`, and
//! `cameo_code` (the full actor code).

use std::io::Write;

use dateline_code::ontology::Ontology;
use rusqlite::Connection;
use serde::Serialize;

use super::{date_precision, day_of, ExportError, ExportSummary};
use crate::read::{for_each_event, EventRecord, MentionOrder, MentionReader, MentionRecord};

/// The codebook named in `cite_info.codebook`.
pub const CODEBOOK: &str = "CAMEO2PLOVER-2021 (PLOVER manual draft 0.8)";

/// The manual's required fields (its table "PLOVER JSON").
pub const REQUIRED_FIELDS: [&str; 4] = ["id", "date", "actor", "event"];

#[derive(Debug, Serialize)]
struct Record<'a> {
    id: String,
    date: String,
    date_precision: &'static str,
    actor: Vec<Entity>,
    recipient: Vec<Entity>,
    event: Vec<&'a str>,
    mode: Vec<&'a str>,
    context: Vec<String>,
    quad_code: Option<i64>,
    event_scale: Option<f64>,
    event_loc: Option<Location<'a>>,
    event_text: Vec<&'a str>,
    text: Option<&'a str>,
    text_info: Option<TextInfo>,
    cite_info: Option<CiteInfo<'a>>,
    coder: &'a str,
    coded_date: Option<&'a str>,
    cameo: &'a str,
    mood: Option<&'a str>,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
    confidence: f64,
}

/// The manual's "Information object for entities".
#[derive(Debug, Serialize)]
struct Entity {
    code: String,
    country_name: Option<String>,
    sector: Option<String>,
    other_sector_codes: Vec<String>,
    entity_text: Option<String>,
    religion: Option<String>,
    ethnicity: Option<String>,
    cameo_code: String,
}

/// The manual's location object (field names from Mordecai/GeoNames).
#[derive(Debug, Serialize)]
struct Location<'a> {
    resolved_place: &'a str,
    geonameid: Option<i64>,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<&'a str>,
    country_code: Option<&'a str>,
}

/// The manual's "Information object for text". Offsets are bytes into the article body.
#[derive(Debug, Serialize)]
struct TextInfo {
    sequence: i64,
    start: Option<i64>,
    end: Option<i64>,
}

/// The manual's "Information object for citations".
#[derive(Debug, Serialize)]
struct CiteInfo<'a> {
    citation: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    publication: Option<&'a str>,
    language: Option<&'a str>,
    coder: &'a str,
    codebook: &'static str,
}

/// Writes one PLOVER record per event with a PLOVER category, one per line.
pub fn write<W: Write>(conn: &Connection, mut out: W) -> Result<ExportSummary, ExportError> {
    let mut reader = MentionReader::new(conn, MentionOrder::Stored)?;
    let ontology = Ontology::bundled();
    let coder = format!("dateline {}", env!("CARGO_PKG_VERSION"));
    let mut summary = ExportSummary::default();
    for_each_event::<ExportError>(conn, |event| {
        let Some(record_date) = day_of(event.date.as_deref(), &event.first_seen) else {
            summary.skipped += 1;
            return Ok(());
        };
        let Some(category) = event.plover_event.as_deref().filter(|e| !e.is_empty()) else {
            summary.skipped += 1;
            return Ok(());
        };
        let mentions = reader.mentions(event.id)?;
        let record = record_of(&event, category, record_date, &mentions, ontology, &coder);
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
        summary.events += 1;
        Ok(())
    })?;
    out.flush()?;
    Ok(summary)
}

fn record_of<'a>(
    event: &'a EventRecord,
    category: &'a str,
    (year, month, day): (i32, u32, u32),
    mentions: &'a [MentionRecord],
    ontology: &'a Ontology,
    coder: &'a str,
) -> Record<'a> {
    let first = mentions.first();
    let first_text = |pick: fn(&MentionRecord) -> Option<&String>| {
        mentions.iter().find_map(|m| pick(m).cloned())
    };
    let actor = event
        .source_code
        .as_deref()
        .map(|code| entity(code, first_text(|m| m.source_text.as_ref()), ontology));
    let recipient = event
        .target_code
        .as_deref()
        .map(|code| entity(code, first_text(|m| m.target_text.as_ref()), ontology));
    let mut context: Vec<String> = Vec::new();
    for mention in mentions {
        for value in mention.plover_context.iter().flat_map(|c| c.split(',')) {
            let value = value.trim();
            if !value.is_empty() && !context.iter().any(|c| c == value) {
                context.push(value.to_string());
            }
        }
    }
    let mut event_text: Vec<&str> = Vec::new();
    for mention in mentions {
        if !event_text.contains(&mention.trigger_text.as_str()) {
            event_text.push(&mention.trigger_text);
        }
    }
    Record {
        id: format!("dateline-{}", event.id),
        date: format!("{year:04}-{month:02}-{day:02}"),
        date_precision: event.date.as_deref().map_or("none", date_precision),
        actor: actor.into_iter().collect(),
        recipient: recipient.into_iter().collect(),
        event: vec![category],
        mode: event
            .plover_mode
            .as_deref()
            .filter(|m| !m.is_empty())
            .into_iter()
            .collect(),
        context,
        quad_code: event.quad_class,
        event_scale: event.goldstein,
        event_loc: event.location_name.as_deref().map(|name| Location {
            resolved_place: name,
            geonameid: event.geonameid,
            lat: event.lat,
            lon: event.lon,
            country: event
                .location_country
                .as_deref()
                .and_then(|c| ontology.country_name(c)),
            country_code: event.location_country.as_deref(),
        }),
        event_text,
        text: first.and_then(|m| m.sentence.as_deref()),
        text_info: first.map(|m| TextInfo {
            sequence: m.sentence_idx,
            start: m.sentence_start,
            end: m.sentence_end,
        }),
        cite_info: first.map(|m| CiteInfo {
            citation: &m.article.input_id,
            url: m.article.url.as_deref(),
            title: m.article.title.as_deref(),
            publication: m.article.publisher.as_deref(),
            language: m.article.language.as_deref(),
            coder,
            codebook: CODEBOOK,
        }),
        coder,
        coded_date: event.first_seen.get(..10),
        cameo: &event.cameo,
        mood: first.map(|m| m.mood.as_str()),
        num_mentions: event.num_mentions,
        num_sources: event.num_sources,
        num_articles: event.num_articles,
        confidence: event.confidence,
    }
}

/// An entity object from a CAMEO actor code and the text it was coded from.
fn entity(code: &str, text: Option<String>, ontology: &Ontology) -> Entity {
    let parts = ontology.split_actor_code(code);
    let top = parts
        .country
        .clone()
        .or_else(|| parts.known_group.clone())
        .unwrap_or_else(|| {
            code.trim_start_matches('~')
                .chars()
                .take(3)
                .collect::<String>()
        });
    let mut types = parts.types.into_iter();
    Entity {
        country_name: parts
            .country
            .as_deref()
            .and_then(|c| ontology.country_name(c))
            .map(str::to_string),
        code: top,
        sector: types.next(),
        other_sector_codes: types.collect(),
        entity_text: text,
        religion: parts.religion.into_iter().next(),
        ethnicity: parts.ethnic,
        cameo_code: code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_from_a_government_code() {
        let e = entity("NGAMIL", Some("the army".into()), Ontology::bundled());
        assert_eq!(e.code, "NGA");
        assert_eq!(e.sector.as_deref(), Some("MIL"));
        assert_eq!(e.country_name.as_deref(), Some("Nigeria"));
        assert_eq!(e.cameo_code, "NGAMIL");
    }

    #[test]
    fn entity_without_a_country_keeps_its_first_part() {
        let e = entity("IGOUNO", None, Ontology::bundled());
        assert_eq!(e.code, "UNO");
        assert_eq!(e.country_name, None);
    }
}
