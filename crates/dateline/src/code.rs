//! `dateline code`: the whole pipeline — ingest, language, coding — per document; events
//! with their evidence out.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dateline_code::article::ArticleCoder;
use dateline_code::coder::{CodedArticle, Coder, CoderOptions, DyadRule, Event};
use dateline_code::dict::set::Dictionaries;
use dateline_core::{Article, BlockKind, Content, Document, ErrorKind, InputError, Source};
use dateline_ingest::read::read_paths;
use dateline_nlp::pipeline::{AnalyzedSentence, Analyzer};
use serde::Serialize;

use crate::batch::{self, BatchArgs, FailureLog, RecordWriter, Shape};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CodeFormat {
    /// A JSON array, one object per document.
    Json,
    /// One JSON object per document per line, with its input's `id`.
    Jsonl,
    /// One tab-separated line per event, with a header line.
    Tsv,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Files, folders (read recursively), JSONL (`{id, text|html, date}` per line) or WARC
    /// files; `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    format: CodeFormat,
    #[command(flatten)]
    coding: CodingArgs,
    /// Code events only: skip tolls, quotes, places, dates and tone (faster).
    #[arg(long)]
    events_only: bool,
    /// Print the time each stage took (ingest, language, events, the article readers),
    /// summed over the documents, to stderr (JSON with `--format json|jsonl`).
    #[arg(long)]
    timings: bool,
    #[command(flatten)]
    batch: BatchArgs,
}

/// How articles are coded: the options `code` and `ingest` share (`ingest` stores them in
/// its pipeline version).
#[derive(Args)]
pub struct CodingArgs {
    /// A folder of PETRARCH/Phoenix dictionary files (actors, agents, verbs, discards,
    /// issues) added to the bundled set; repeatable.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Vec<PathBuf>,
    /// Use only the `--dictionaries` folders, not the bundled set.
    #[arg(long)]
    pub no_default_dictionaries: bool,
    /// The date of articles that carry none (YYYY-MM-DD): actors' roles are chosen for it
    /// and events default to it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// Keep only events with both a source and a target, as PETRARCH does (default: both,
    /// except for material conflict, where one known side is kept).
    #[arg(long, conflicts_with = "one_sided")]
    pub require_dyad: bool,
    /// Keep events with only one known side of any kind, as GDELT does.
    #[arg(long)]
    pub one_sided: bool,
    /// Analyse and code only the first N sentences of each article (its lead, as
    /// PETRARCH's pipeline codes "the first four sentences of a news story"): several times
    /// faster on long pages, at the cost of whatever the rest of the article says. Default:
    /// the whole article.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub lead: Option<u64>,
}

impl CodingArgs {
    /// The dyad rule of `--require-dyad` / `--one-sided` (default: both sides except for
    /// material conflict).
    pub fn dyad_rule(&self) -> DyadRule {
        if self.require_dyad {
            DyadRule::Always
        } else if self.one_sided {
            DyadRule::Never
        } else {
            DyadRule::ExceptMaterialConflict
        }
    }

    /// The per-document pipeline these options ask for: the dictionaries, the coder and the
    /// bundled models loaded.
    pub fn pipeline(&self, events_only: bool) -> anyhow::Result<DocumentPipeline> {
        let dicts = load_dictionaries(&self.dictionaries, self.no_default_dictionaries)?;
        let coder = article_coder(dicts, self.dyad_rule())?.events_only(events_only);
        let analyzer = Analyzer::bundled().context("cannot load the bundled models")?;
        Ok(DocumentPipeline::new(analyzer, coder, self.date).with_lead(self.lead))
    }
}

/// One output record: the document, its article and what was coded.
#[derive(Serialize)]
struct CodeRecord<'a> {
    id: &'a str,
    source: &'a Source,
    sha256: &'a str,
    article: &'a Article,
    #[serde(flatten)]
    coded: &'a CodedArticle,
}

/// Load the dictionaries the flags ask for.
fn load_dictionaries(dirs: &[PathBuf], no_default: bool) -> anyhow::Result<Dictionaries> {
    let mut dicts = if no_default {
        Dictionaries::empty()
    } else {
        Dictionaries::bundled().context("cannot load the bundled dictionaries")?
    };
    for dir in dirs {
        let extra = Dictionaries::read_dir(dir)?;
        dicts.merge(extra);
    }
    Ok(dicts)
}

/// What the pipeline made of one document.
pub struct CodedDocumentParts {
    pub article: Article,
    pub sentences: Vec<AnalyzedSentence>,
    pub coded: CodedArticle,
}

/// The per-document pipeline shared by `code` and `ingest`: ingest's article, the language
/// layer, then the coding stage; the first two stages' time is summed for `--timings` (the
/// coding stage keeps its own clock).
pub struct DocumentPipeline {
    pub analyzer: Analyzer,
    pub coder: ArticleCoder,
    /// The date of documents that carry none (`--date`).
    pub default_date: Option<NaiveDate>,
    /// Code only the first this many sentences of each article (`--lead`).
    pub lead: Option<usize>,
    ingest_ns: AtomicU64,
    language_ns: AtomicU64,
}

impl DocumentPipeline {
    pub fn new(analyzer: Analyzer, coder: ArticleCoder, default_date: Option<NaiveDate>) -> Self {
        DocumentPipeline {
            analyzer,
            coder,
            default_date,
            lead: None,
            ingest_ns: AtomicU64::new(0),
            language_ns: AtomicU64::new(0),
        }
    }

    /// Code only the first `lead` sentences of each article (`None`: all of them).
    pub fn with_lead(mut self, lead: Option<u64>) -> Self {
        self.lead = lead.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        self
    }

    /// Code one document; an article without text is an error naming the document.
    pub fn code(&self, doc: &Document) -> Result<CodedDocumentParts, InputError> {
        let started = Instant::now();
        let article = article_of(doc)?;
        let ingested = Instant::now();
        if article.body.trim().is_empty() {
            return Err(InputError::new(
                &doc.id,
                ErrorKind::NoArticle,
                "no text to code",
            ));
        }
        let date = article_date(&article).or(self.default_date);
        let sentences = self.analyzer.analyze_lead(&article.body, self.lead);
        add_elapsed(&self.ingest_ns, started, ingested);
        add_elapsed(&self.language_ns, ingested, Instant::now());
        // With a lead, the readers see the text up to its end (quotes, datelines and places
        // are read off the text as well as the sentences).
        let text = match (self.lead, sentences.last()) {
            (Some(_), Some(last)) => article.body.get(..last.end).unwrap_or(&article.body),
            _ => &article.body,
        };
        let coded = self.coder.code(text, &sentences, date);
        Ok(CodedDocumentParts {
            article,
            sentences,
            coded,
        })
    }

    /// Seconds per stage so far, summed over the documents (all threads).
    fn timings(&self) -> Timings {
        let secs = |ns: &AtomicU64| ns.load(Ordering::Relaxed) as f64 / 1e9;
        let stages = self.coder.times();
        Timings {
            ingest_seconds: secs(&self.ingest_ns),
            language_seconds: secs(&self.language_ns),
            events_seconds: stages.events_seconds,
            readers_seconds: stages.readers_seconds,
        }
    }
}

/// The coder the dyad flags ask for, with the bundled readers.
fn article_coder(dicts: Dictionaries, dyads: DyadRule) -> anyhow::Result<ArticleCoder> {
    ArticleCoder::new(Coder::new(
        dicts.compile(),
        CoderOptions {
            dyads,
            ..CoderOptions::default()
        },
    ))
    .context("cannot load the bundled gazetteer")
}

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let pipeline = args.coding.pipeline(args.events_only)?;
    let opts = args.batch.start()?;
    let docs = read_paths(args.paths, opts);
    let mut failures = FailureLog::open(args.batch.errors.as_deref())?;
    let stdout = std::io::stdout();
    let shape = match args.format {
        CodeFormat::Json => Shape::JsonArray,
        CodeFormat::Jsonl => Shape::JsonLines,
        CodeFormat::Tsv => Shape::Other,
    };
    let mut out = RecordWriter::new(std::io::BufWriter::new(stdout.lock()), shape)?;
    if args.format == CodeFormat::Tsv {
        writeln!(out.raw(), "{}", TSV_HEADER.join("\t"))?;
    }
    let summary = batch::run(
        docs,
        "coded",
        &mut failures,
        |doc: &Document| pipeline.code(doc),
        |doc: &Document, CodedDocumentParts { article, coded, .. }| {
            let rec = CodeRecord {
                id: &doc.id,
                source: &doc.source,
                sha256: &doc.sha256,
                article: &article,
                coded: &coded,
            };
            match args.format {
                CodeFormat::Json | CodeFormat::Jsonl => out.json(&rec),
                CodeFormat::Tsv => {
                    for e in &coded.events {
                        writeln!(out.raw(), "{}", tsv_line(&doc.id, e))?;
                    }
                    Ok(())
                }
            }
        },
    )?;
    out.finish()?;
    if args.timings {
        let timings = pipeline.timings();
        let pipeline = timings.ingest_seconds + timings.language_seconds + timings.events_seconds;
        if args.format == CodeFormat::Tsv {
            eprintln!(
                "timings: ingest {:.3} s, language {:.3} s, events {:.3} s, readers {:.3} s \
                 (the readers add {:.1} % to ingest + language + events)",
                timings.ingest_seconds,
                timings.language_seconds,
                timings.events_seconds,
                timings.readers_seconds,
                100.0 * timings.readers_seconds / pipeline.max(1e-9)
            );
        } else {
            eprintln!("{}", serde_json::to_string(&timings)?);
        }
    }
    batch::finish_run(&summary, "coded", failures)
}

/// `--timings`: seconds per stage, summed over the documents (all threads).
#[derive(Serialize)]
struct Timings {
    ingest_seconds: f64,
    language_seconds: f64,
    events_seconds: f64,
    readers_seconds: f64,
}

fn add_elapsed(counter: &AtomicU64, from: Instant, to: Instant) {
    let ns = u64::try_from(to.saturating_duration_since(from).as_nanos()).unwrap_or(u64::MAX);
    counter.fetch_add(ns, Ordering::Relaxed);
}

/// The article to code. A JSONL record's `text` is a batch of sentences to code as written —
/// however short, with nothing stripped as page furniture; pages, files and a JSONL record's
/// `html` go through ingest's article extraction.
fn article_of(doc: &Document) -> Result<Article, InputError> {
    if doc.content == Content::Text && doc.source.line.is_some() {
        let body = doc.text.trim();
        if body.is_empty() {
            return Err(InputError::new(
                &doc.id,
                ErrorKind::Empty,
                "the record's text is empty",
            ));
        }
        let mut article = Article::default();
        article.set_blocks([(BlockKind::Paragraph, body.to_string())]);
        article.date = doc.date_hint.clone();
        article.date_source = doc.date_hint.as_ref().map(|_| "input".to_string());
        article.url = doc.source.url.clone();
        return Ok(article);
    }
    dateline_ingest::extract(doc)
}

/// The article's own date (ISO date or date-time from ingest).
fn article_date(article: &Article) -> Option<NaiveDate> {
    let d = article.date.as_deref()?;
    NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()
}

const TSV_HEADER: &[&str] = &[
    "id",
    "sentence",
    "date",
    "date_source",
    "source_code",
    "source_text",
    "target_code",
    "target_text",
    "cameo",
    "root_code",
    "quad_class",
    "goldstein",
    "plover",
    "trigger",
    "trigger_start",
    "trigger_end",
    "confidence",
    "location",
    "location_country",
    "lat",
    "lon",
    "sentence_text",
];

fn tsv_line(id: &str, e: &Event) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let actor = |a: &Option<dateline_code::coder::EventActor>| match a {
        Some(a) => (a.code.clone(), clean(&a.text)),
        None => (String::new(), String::new()),
    };
    let loc = e.location.as_ref();
    let (sc, st) = actor(&e.source);
    let (tc, tt) = actor(&e.target);
    [
        clean(id),
        e.sentence_index.to_string(),
        e.date.clone().unwrap_or_default(),
        e.date_source.to_string(),
        sc,
        st,
        tc,
        tt,
        e.cameo.clone(),
        e.root_code.clone(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        e.plover
            .as_ref()
            .map(|p| p.event.clone())
            .unwrap_or_default(),
        clean(&e.trigger.text),
        e.trigger.start.to_string(),
        e.trigger.end.to_string(),
        format!("{:.2}", e.confidence),
        loc.map(|l| clean(&l.name)).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        loc.and_then(|l| l.lat)
            .map(|v| format!("{v:.4}"))
            .unwrap_or_default(),
        loc.and_then(|l| l.lon)
            .map(|v| format!("{v:.4}"))
            .unwrap_or_default(),
        clean(&e.sentence),
    ]
    .join("\t")
}
