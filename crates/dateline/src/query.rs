//! `dateline query` and `dateline show`: deduplicated events out of a store written by
//! `dateline ingest`, filtered (`dateline_store::query::EventQuery`) and printed as a table, JSON
//! or CSV; one event with every mention and its evidence sentence, triggers highlighted when
//! stdout is a terminal.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dateline_store::dedup::DayRange;
use dateline_store::query::{
    event_detail, find_events, open_store, EventDetail, EventQuery, EventRow, MentionRow, Near,
};
use dateline_store::read::EventRecord;

use crate::table::{csv_field, trimmed, with_country, write_aligned};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for reading on a terminal.
    Table,
    /// A JSON array of events with all their fields.
    Json,
    /// Comma-separated values with a header line and all fields.
    Csv,
}

#[derive(Args)]
pub struct QueryArgs {
    /// The store written by `dateline ingest`.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    db: PathBuf,
    /// A CAMEO actor code prefix on either side (USA, ISRMIL) or a name in the actors' words.
    #[arg(long, value_name = "CODE|NAME")]
    actor: Option<String>,
    /// A CAMEO event code prefix (19 = fight, 042 = make a visit).
    #[arg(long, value_name = "PREFIX")]
    code: Option<String>,
    /// A PLOVER event type (ASSAULT, PROTEST, CONSULT, …).
    #[arg(long, value_name = "TYPE")]
    plover: Option<String>,
    /// An ISO-3 country: an actor's country or the event's location.
    #[arg(long, value_name = "ISO3")]
    country: Option<String>,
    /// Events dated on or after this day (YYYY-MM-DD; YYYY-MM or YYYY: its first day).
    #[arg(long, value_name = "D", value_parser = parse_from)]
    from: Option<NaiveDate>,
    /// Events dated on or before this day (YYYY-MM-DD; YYYY-MM or YYYY: its last day).
    #[arg(long, value_name = "D", value_parser = parse_to)]
    to: Option<NaiveDate>,
    /// Events located within KM kilometres of LAT,LON (great-circle distance).
    #[arg(long, value_name = "LAT,LON,KM", value_parser = parse_near, allow_hyphen_values = true)]
    near: Option<Near>,
    /// Words that must all appear in an article reporting the event (full-text search).
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: QueryFormat,
    /// At most N events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable text; triggers highlighted on a terminal.
    Text,
    /// The event and its mentions as one JSON object.
    Json,
}

#[derive(Args)]
pub struct ShowArgs {
    /// The event's id (the first column of `dateline query`).
    id: i64,
    /// The store written by `dateline ingest`.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    db: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: ShowFormat,
}

fn parse_date(text: &str) -> Result<DayRange, String> {
    DayRange::parse(text)
        .ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
}

fn parse_from(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map(|range| range.first)
}

fn parse_to(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map(|range| range.last)
}

fn parse_near(text: &str) -> Result<Near, String> {
    text.parse::<Near>().map_err(|e| e.to_string())
}

pub fn run_query(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let conn = open_store(&args.db)?;
    let query = EventQuery {
        actor: args.actor,
        code: args.code,
        plover: args.plover,
        country: args.country,
        from: args.from,
        to: args.to,
        near: args.near,
        text: args.text,
        limit: args.limit,
    };
    let events = find_events(&conn, &query)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &events)?;
            writeln!(out)?;
        }
        QueryFormat::Csv => write_csv(&mut out, &events)?,
        QueryFormat::Table => write_table(&mut out, &events)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn place_of(event: &EventRecord) -> String {
    with_country(
        event.location_name.as_deref(),
        event.location_country.as_deref(),
    )
}

fn write_table(out: &mut impl Write, events: &[EventRow]) -> std::io::Result<()> {
    let rows: Vec<[String; 8]> = events
        .iter()
        .map(|row| {
            let e = &row.event;
            [
                e.id.to_string(),
                e.date.clone().unwrap_or_default(),
                e.source_code.clone().unwrap_or_else(|| "-".into()),
                e.target_code.clone().unwrap_or_else(|| "-".into()),
                trimmed(
                    &format!("{} {}", e.cameo, row.label.as_deref().unwrap_or("")),
                    34,
                ),
                trimmed(&place_of(e), 24),
                format!("{}/{}", e.num_mentions, e.num_sources),
                trimmed(row.evidence.as_deref().unwrap_or(""), 70),
            ]
        })
        .collect();
    write_aligned(
        out,
        [
            "ID", "DATE", "SOURCE", "TARGET", "CAMEO", "PLACE", "MENT/SRC", "EVIDENCE",
        ],
        &rows,
        "(no events match)",
    )
}

const CSV_HEADER: [&str; 24] = [
    "id",
    "date",
    "source_code",
    "target_code",
    "cameo",
    "label",
    "root_code",
    "quad_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "geonameid",
    "num_mentions",
    "num_sources",
    "num_articles",
    "confidence",
    "avg_tone",
    "first_seen",
    "source_url",
    "evidence",
];

fn write_csv(out: &mut impl Write, events: &[EventRow]) -> std::io::Result<()> {
    writeln!(out, "{}", CSV_HEADER.join(","))?;
    fn opt<T: ToString>(v: &Option<T>) -> String {
        v.as_ref().map(ToString::to_string).unwrap_or_default()
    }
    for row in events {
        let e = &row.event;
        let fields = [
            e.id.to_string(),
            opt(&e.date),
            opt(&e.source_code),
            opt(&e.target_code),
            e.cameo.clone(),
            opt(&row.label),
            e.root_code.clone(),
            opt(&e.quad_class),
            opt(&e.goldstein),
            opt(&e.plover_event),
            opt(&e.plover_mode),
            opt(&e.location_name),
            opt(&e.location_country),
            opt(&e.lat),
            opt(&e.lon),
            opt(&e.geonameid),
            e.num_mentions.to_string(),
            e.num_sources.to_string(),
            e.num_articles.to_string(),
            e.confidence.to_string(),
            opt(&e.avg_tone),
            e.first_seen.clone(),
            opt(&e.source_url),
            opt(&row.evidence),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

pub fn run_show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let conn = open_store(&args.db)?;
    let detail = event_detail(&conn, args.id)?;
    let stdout = std::io::stdout();
    // Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
    let colour = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &detail)?;
            writeln!(out)?;
        }
        ShowFormat::Text => write_detail(&mut out, &detail, colour)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

const BOLD: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// The sentence with its trigger words in bold yellow when `colour`; otherwise the sentence as
/// written (for pipes and files).
fn highlighted(row: &MentionRow, colour: bool) -> String {
    let mention = &row.mention;
    let Some(sentence) = mention.sentence.as_deref() else {
        return format!("(sentence {} not stored)", mention.sentence_idx);
    };
    if !colour {
        return sentence.to_string();
    }
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut at = 0;
    for h in &row.highlights {
        // Highlights are sorted, merged and on char boundaries (see dateline_store::query).
        if let (Some(before), Some(word)) =
            (sentence.get(at..h.start), sentence.get(h.start..h.end))
        {
            out.push_str(before);
            out.push_str(BOLD);
            out.push_str(word);
            out.push_str(RESET);
            at = h.end;
        }
    }
    out.push_str(sentence.get(at..).unwrap_or(""));
    out
}

fn side(text: &Option<String>, code: &Option<String>) -> String {
    match (text, code) {
        (Some(t), Some(c)) => format!("{t} ({c})"),
        (None, Some(c)) => c.clone(),
        (Some(t), None) => t.clone(),
        (None, None) => "-".into(),
    }
}

fn write_detail(out: &mut impl Write, detail: &EventDetail, colour: bool) -> std::io::Result<()> {
    let e = &detail.event.event;
    writeln!(
        out,
        "Event {}  {}  {} → {}  {} {}",
        e.id,
        e.date.as_deref().unwrap_or("(undated)"),
        e.source_code.as_deref().unwrap_or("-"),
        e.target_code.as_deref().unwrap_or("-"),
        e.cameo,
        detail.event.label.as_deref().unwrap_or(""),
    )?;
    let mut facts = Vec::new();
    if let Some(plover) = &e.plover_event {
        facts.push(match &e.plover_mode {
            Some(mode) => format!("PLOVER {plover}/{mode}"),
            None => format!("PLOVER {plover}"),
        });
    }
    if let Some(q) = e.quad_class {
        facts.push(format!("QuadClass {q}"));
    }
    if let Some(g) = e.goldstein {
        facts.push(format!("Goldstein {g:+.1}"));
    }
    let place = place_of(e);
    if !place.is_empty() {
        facts.push(match (e.lat, e.lon) {
            (Some(lat), Some(lon)) => format!("{place} {lat:.4},{lon:.4}"),
            _ => place,
        });
    }
    if !facts.is_empty() {
        writeln!(out, "  {}", facts.join(" · "))?;
    }
    writeln!(
        out,
        "  {} mentions · {} sources · {} articles · confidence {:.2}{}",
        e.num_mentions,
        e.num_sources,
        e.num_articles,
        e.confidence,
        e.avg_tone
            .map(|t| format!(" · tone {t:+.2}"))
            .unwrap_or_default(),
    )?;
    writeln!(
        out,
        "  first seen {}{}",
        e.first_seen,
        e.source_url
            .as_deref()
            .map(|u| format!(" · {u}"))
            .unwrap_or_default()
    )?;
    for (i, row) in detail.mentions.iter().enumerate() {
        let m = &row.mention;
        writeln!(out)?;
        let heading: Vec<&str> = [
            m.article.publisher.as_deref(),
            m.article.title.as_deref(),
            m.article.date.as_deref(),
            m.article.url.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "[{}] {}",
            i + 1,
            if heading.is_empty() {
                format!("document {}", m.document_id)
            } else {
                heading.join(" — ")
            }
        )?;
        writeln!(out, "    {}", highlighted(row, colour))?;
        writeln!(
            out,
            "    source {} · target {} · {} “{}” · {} · {}{} · confidence {:.2}",
            side(&m.source_text, &m.source_code),
            side(&m.target_text, &m.target_code),
            m.cameo,
            m.trigger_text,
            m.mood,
            m.date.as_deref().unwrap_or("undated"),
            m.location_name
                .as_deref()
                .map(|p| format!(" · {p}"))
                .unwrap_or_default(),
            m.confidence,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_store::read::{ArticleRef, MentionRecord};

    #[test]
    fn triggers_are_bold_only_in_colour() {
        let record = MentionRecord {
            id: 1,
            document_id: 1,
            sentence_idx: 0,
            source_code: None,
            source_text: None,
            source_start: None,
            source_end: None,
            target_code: None,
            target_text: None,
            target_start: None,
            target_end: None,
            cameo: "173".into(),
            root_code: "17".into(),
            quad_class: None,
            goldstein: None,
            plover_event: None,
            plover_mode: None,
            plover_context: None,
            mood: "asserted".into(),
            date: None,
            date_source: None,
            date_precision: None,
            location_name: None,
            location_country: None,
            lat: None,
            lon: None,
            geonameid: None,
            source_location_name: None,
            source_location_country: None,
            source_lat: None,
            source_lon: None,
            source_geonameid: None,
            target_location_name: None,
            target_location_country: None,
            target_lat: None,
            target_lon: None,
            target_geonameid: None,
            trigger_text: "arrested".into(),
            trigger_start: 7,
            trigger_end: 15,
            trigger_words: serde_json::json!([]),
            rule: serde_json::json!({}),
            confidence: 0.5,
            tone: None,
            issues: None,
            sentence: Some("Police arrested protesters in Cairo.".into()),
            sentence_start: Some(0),
            sentence_end: Some(36),
            article: ArticleRef {
                input_id: "a".into(),
                url: None,
                title: None,
                publisher: None,
                date: None,
                language: None,
            },
        };
        let mention = MentionRow {
            mention: record,
            highlights: vec![dateline_store::query::Highlight { start: 7, end: 15 }],
        };
        assert_eq!(
            highlighted(&mention, true),
            format!("Police {BOLD}arrested{RESET} protesters in Cairo.")
        );
        assert_eq!(
            highlighted(&mention, false),
            "Police arrested protesters in Cairo."
        );
    }

    #[test]
    fn dates_take_their_period() {
        assert_eq!(parse_from("2014-07").unwrap().to_string(), "2014-07-01");
        assert_eq!(parse_to("2014-02").unwrap().to_string(), "2014-02-28");
        assert!(parse_from("yesterday").unwrap_err().contains("not a date"));
    }
}
