//! `dateline tolls`: the casualty, arrest, displacement and crowd figures of a store,
//! reconciled across articles (`dateline_store::dedup::reconcile_counts`): one line per toll
//! with every report, the range of the figures and the latest report — tolls grow as bodies
//! are found, and outlets disagree, so neither the first nor the largest figure is "the" toll.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use dateline_store::dedup::{reconcile_counts, stored_config, TollFilter, TollGroup};
use dateline_store::query::open_store;

use crate::table::{csv_field, trimmed, with_country, write_aligned};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TollsFormat {
    /// Aligned columns for reading on a terminal.
    Table,
    /// A JSON array of tolls, each with all its reports.
    Json,
    /// One CSV line per report, with its toll's range and latest figure.
    Csv,
}

#[derive(Args)]
pub struct TollsArgs {
    /// The store written by `dateline ingest`.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    db: PathBuf,
    /// Only tolls of this kind: killed, wounded, arrested, abducted, displaced, deployed,
    /// protesters.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Only tolls of this ISO-3 country (the group's country or the place of the report).
    #[arg(long, value_name = "ISO3")]
    country: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: TollsFormat,
}

pub fn run(args: TollsArgs) -> anyhow::Result<ExitCode> {
    let conn = open_store(&args.db)?;
    let filter = TollFilter {
        kind: args.kind.map(|k| k.to_lowercase()),
        country: args.country.map(|c| c.to_uppercase()),
    };
    // The store's own dedup rule (`dateline dedup`), else the default.
    let rule = stored_config(&conn)?.unwrap_or_default();
    let tolls = reconcile_counts(&conn, &rule, &filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TollsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &tolls)?;
            writeln!(out)?;
        }
        TollsFormat::Csv => write_csv(&mut out, &tolls)?,
        TollsFormat::Table => write_table(&mut out, &tolls)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A figure as written: whole numbers without a decimal point.
fn figure(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn range(t: &TollGroup) -> String {
    if t.min == t.max {
        figure(t.min)
    } else {
        format!("{}–{}", figure(t.min), figure(t.max))
    }
}

fn who(t: &TollGroup) -> String {
    with_country(t.who.as_deref(), t.country.as_deref())
}

fn write_table(out: &mut impl Write, tolls: &[TollGroup]) -> std::io::Result<()> {
    let rows: Vec<[String; 8]> = tolls
        .iter()
        .map(|t| {
            [
                t.date.clone().unwrap_or_default(),
                t.kind.clone(),
                trimmed(&who(t), 24),
                trimmed(t.location_name.as_deref().unwrap_or(""), 20),
                range(t),
                figure(t.latest.value),
                t.reports.len().to_string(),
                trimmed(&t.latest.phrase_text, 60),
            ]
        })
        .collect();
    write_aligned(
        out,
        [
            "DATE",
            "KIND",
            "WHO",
            "PLACE",
            "RANGE",
            "LATEST",
            "REPORTS",
            "LATEST REPORT",
        ],
        &rows,
        "(no tolls match)",
    )
}

fn write_csv(out: &mut impl Write, tolls: &[TollGroup]) -> std::io::Result<()> {
    writeln!(
        out,
        "toll,kind,who,country,date,location_name,min,max,latest,count_id,document_id,sentence_idx,value,high,qualifier,report_date,publisher,url,phrase_text"
    )?;
    let opt = |v: &Option<String>| csv_field(v.as_deref().unwrap_or(""));
    for (i, t) in tolls.iter().enumerate() {
        for r in &t.reports {
            let fields = [
                (i + 1).to_string(),
                csv_field(&t.kind),
                opt(&t.who),
                opt(&t.country),
                opt(&t.date),
                opt(&t.location_name),
                figure(t.min),
                figure(t.max),
                figure(t.latest.value),
                r.count_id.to_string(),
                r.document_id.to_string(),
                r.sentence_idx.to_string(),
                figure(r.value),
                r.high.map(figure).unwrap_or_default(),
                csv_field(&r.qualifier),
                opt(&r.date),
                opt(&r.publisher),
                opt(&r.url),
                csv_field(&r.phrase_text),
            ];
            writeln!(out, "{}", fields.join(","))?;
        }
    }
    Ok(())
}
