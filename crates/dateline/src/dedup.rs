//! `dateline dedup`: a store's rule for grouping mentions into events — shown, or changed and
//! every event regrouped by it in one transaction. The store keeps the rule (its `meta`
//! table), so later `ingest`s group by it and `tolls` reconciles by it; the rule and its
//! settings are described in `docs/dedup.md`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use dateline_store::dedup::DedupConfig;
use dateline_store::{Regrouped, Store, StoreOptions};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DedupFormat {
    /// Readable lines.
    Text,
    /// One JSON object: the rule, and what regrouping did.
    Json,
}

#[derive(Args)]
pub struct DedupArgs {
    /// The store written by `dateline ingest`.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    db: PathBuf,
    /// Mentions dated within this many days of an event can be that event.
    #[arg(long, value_name = "DAYS")]
    window_days: Option<i64>,
    /// Two located mentions can be one event when at most this many kilometres apart.
    #[arg(long, value_name = "KM")]
    distance_km: Option<f64>,
    /// Merge only mentions with both a source and a target.
    #[arg(long, value_name = "BOOL")]
    require_both_actors: Option<bool>,
    /// Let vague mentions (a side missing or without a country) join other articles' events.
    #[arg(long, value_name = "BOOL")]
    vague_across_articles: Option<bool>,
    /// How much each independent source adds to an event's confidence (0–1).
    #[arg(long, value_name = "W")]
    source_weight: Option<f64>,
    /// Go back to the default rule (the settings given with it still apply).
    #[arg(long)]
    reset: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: DedupFormat,
}

#[derive(Serialize)]
struct Report<'a> {
    db: String,
    rule: &'a DedupConfig,
    /// Whether the rule changed and the events were regrouped.
    changed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    regrouped: Option<Regrouped>,
}

pub fn run(args: DedupArgs) -> anyhow::Result<ExitCode> {
    // Opened for writing even to show the rule: an older store is migrated first, as by
    // `ingest`, and a missing file is refused rather than created.
    if !args.db.is_file() {
        anyhow::bail!(
            "{}: no such store (create one with `dateline ingest PATH... --db {}`)",
            args.db.display(),
            args.db.display()
        );
    }
    let mut store = Store::open_with(&args.db, StoreOptions::default())?;
    let mut rule = if args.reset {
        DedupConfig::default()
    } else {
        store.dedup_config().clone()
    };
    if let Some(days) = args.window_days {
        rule.window_days = days;
    }
    if let Some(km) = args.distance_km {
        rule.distance_km = km;
    }
    if let Some(yes) = args.require_both_actors {
        rule.require_both_actors = yes;
    }
    if let Some(yes) = args.vague_across_articles {
        rule.vague_across_articles = yes;
    }
    if let Some(w) = args.source_weight {
        rule.source_weight = w;
    }
    let changed = rule != *store.dedup_config();
    let regrouped = if changed {
        Some(store.set_dedup(rule.clone())?)
    } else {
        None
    };
    let report = Report {
        db: args.db.display().to_string(),
        rule: &rule,
        changed,
        regrouped,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        DedupFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        DedupFormat::Text => {
            writeln!(out, "dedup rule of {}:", report.db)?;
            writeln!(out, "  window_days           {}", rule.window_days)?;
            writeln!(out, "  distance_km           {}", rule.distance_km)?;
            writeln!(out, "  require_both_actors   {}", rule.require_both_actors)?;
            writeln!(
                out,
                "  vague_across_articles {}",
                rule.vague_across_articles
            )?;
            writeln!(out, "  source_weight         {}", rule.source_weight)?;
            match &report.regrouped {
                Some(r) => writeln!(
                    out,
                    "rule changed: events regrouped, {} before, {} now",
                    r.events_before, r.events_after
                )?,
                None => writeln!(out, "rule unchanged: nothing regrouped")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
