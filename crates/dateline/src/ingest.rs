//! `dateline ingest`: the whole pipeline (ingest → language → coding) on every core, into a
//! SQLite store (`dateline-store`), in batched transactions.
//!
//! Data flow, with bounded memory: the readers stream documents; chunks of [`CHUNK`]
//! documents are coded in parallel (rayon); the results go in input order through a channel
//! of at most `--batch-size` documents to one writer thread, which commits a batch every
//! `--batch-size` documents or `--commit-seconds` seconds, whichever comes first. While the
//! writer commits, the workers code the next chunk.
//!
//! Idempotence and crash safety come from the store (one transaction per batch, documents
//! known by content hash and pipeline version); this command adds a shortcut: a document
//! the store already holds from this pipeline version is not coded again, so rerunning an
//! interrupted ingest costs only the documents that were not committed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, ValueEnum};
use dateline_core::{Document, ErrorKind, InputError};
use dateline_ingest::read::read_paths;
use dateline_store::{BatchOutcome, CodedDocument, Sentence, Store, StoreError, StoreOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::batch::{self, BatchArgs, FailureLog};
use crate::code::CodingArgs;

/// Documents coded in parallel at a time (at most): bounds how many decoded inputs are
/// alive at once.
const CHUNK: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// One line on stderr.
    Text,
    /// A JSON object on stdout.
    Json,
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files, folders (read recursively), JSONL (`{id, text|html, date}` per line) or WARC
    /// files; `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The store: a SQLite file, created when missing.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    db: PathBuf,
    /// How the end-of-run summary is printed.
    #[arg(long, value_enum, default_value = "text")]
    format: SummaryFormat,
    // Part of the pipeline version: a document stored under other coding options is coded
    // again.
    #[command(flatten)]
    coding: CodingArgs,
    /// Documents per transaction.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: u64,
    /// Commit at least this often (seconds), however few documents the batch holds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    commit_seconds: f64,
    /// How long to wait for another process's lock on the store (milliseconds).
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    busy_timeout: u64,
    #[command(flatten)]
    batch: BatchArgs,
}

/// The end-of-run summary.
#[derive(Debug, Default, Serialize)]
struct IngestSummary {
    db: String,
    pipeline_version: String,
    /// Documents read and decoded.
    documents: u64,
    /// Stored for the first time.
    new: u64,
    /// Already stored by this pipeline version (not coded again).
    skipped: u64,
    /// Stored by another pipeline version: coded again and replaced.
    replaced: u64,
    /// Inputs or documents that failed, by reason.
    failed: u64,
    failures: std::collections::BTreeMap<ErrorKind, u64>,
    /// Event mentions written by this run (one per event a sentence states).
    event_mentions: u64,
    /// Deduplicated events in the store after the run (all runs' mentions, merged).
    events: u64,
    batches: u64,
    seconds: f64,
    /// Of which the writer spent in transactions (rows, full-text index, dedup, commit).
    store_seconds: f64,
    /// Documents coded and written (new + replaced) per second of the run.
    articles_per_second: f64,
}

/// What the workers hand the writer.
enum Coded {
    /// The store already holds the document from this pipeline version.
    Known,
    Document(Box<CodedDocument>),
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = StoreOptions {
        busy_timeout: Duration::from_millis(args.busy_timeout),
        ..StoreOptions::default()
    };
    // Open (and check) the store before the models load: a wrong --db fails at once.
    let store = Store::open_with(&args.db, options)?;
    let pipeline = args.coding.pipeline(false)?;
    let version = pipeline_version(&args.coding)?;
    let opts = args.batch.start()?;
    let mut failures = FailureLog::open(args.batch.errors.as_deref())?;
    let bar = progress_bar();
    let mut summary = IngestSummary {
        db: args.db.display().to_string(),
        pipeline_version: version.clone(),
        ..IngestSummary::default()
    };
    // Read-only connections for the workers' "already stored?" look-ups (WAL: they do not
    // block the writer). A failed look-up only means the document is coded; the writer
    // decides for good inside its transaction.
    let lookups: Mutex<Vec<Store>> = Mutex::new(Vec::new());
    let work = |doc: &Document| -> Result<Coded, InputError> {
        if is_stored(&lookups, &args.db, &doc.sha256, &version) {
            return Ok(Coded::Known);
        }
        let parts = pipeline.code(doc)?;
        let sentences = parts
            .sentences
            .into_iter()
            .map(|s| Sentence {
                start: s.start,
                end: s.end,
                text: s.text,
            })
            .collect();
        Ok(Coded::Document(Box::new(CodedDocument {
            document: without_text(doc),
            article: parts.article,
            sentences,
            coded: parts.coded,
        })))
    };
    let batch_size = usize::try_from(args.batch_size).unwrap_or(usize::MAX);
    let commit_every = Duration::from_secs_f64(args.commit_seconds.clamp(0.01, 86_400.0));
    let (to_writer, from_workers) = sync_channel::<Coded>(batch_size.min(4096));
    let written = std::thread::scope(|scope| -> anyhow::Result<(batch::Summary, WriterTotals)> {
        let writer_bar = bar.clone();
        let version = version.as_str();
        let writer = scope.spawn(move || {
            write_loop(
                store,
                from_workers,
                version,
                batch_size,
                commit_every,
                &writer_bar,
            )
        });
        // Small batches get small chunks, so that commits follow the coding closely.
        let chunk_size = CHUNK.min(batch_size.max(rayon::current_num_threads()));
        let docs = read_paths(args.paths.clone(), opts);
        // A closed channel means the writer stopped on an error: the reading stops, and the
        // writer's error is the one reported below.
        let read = batch::run_chunked(docs, &bar, chunk_size, &mut failures, work, |_, coded| {
            to_writer
                .send(coded)
                .map_err(|_| anyhow::anyhow!("the store writer stopped"))
        });
        drop(to_writer);
        // The look-up connections close first: the writer's close, the last, folds the
        // write-ahead log into the database file.
        if let Ok(mut pool) = lookups.lock() {
            pool.clear();
        }
        let written = match writer.join() {
            Ok(result) => result?,
            Err(_) => anyhow::bail!("the store writer thread panicked"),
        };
        Ok((read?, written))
    });
    bar.finish_and_clear();
    failures.finish()?;
    let (read, written) = written?;
    summary.documents = read.documents;
    summary.failures = read.failures;
    summary.new = written.outcome.new;
    summary.skipped = written.outcome.skipped + written.known;
    summary.replaced = written.outcome.replaced;
    summary.event_mentions = written.outcome.event_mentions;
    // Counted on a fresh read-only connection: the writer has closed the store.
    let total: i64 = dateline_store::query::open_store(&args.db)?.query_row(
        "SELECT count(*) FROM events",
        [],
        |row| row.get(0),
    )?;
    summary.events = u64::try_from(total).unwrap_or(0);
    summary.batches = written.batches;
    summary.store_seconds = written.store_seconds;
    summary.failed = summary.failures.values().sum();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.articles_per_second =
        (summary.new + summary.replaced) as f64 / summary.seconds.max(1e-9);
    match args.format {
        SummaryFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        SummaryFormat::Text => print_summary(&summary),
    }
    Ok(batch::exit_code(summary.documents))
}

fn print_summary(s: &IngestSummary) {
    eprintln!(
        "dateline: {} documents read: {} new, {} already stored, {} replaced, {} failed{}; \
         {} event mentions ({} events in the store); {:.1} s ({:.1} articles/s) into {}",
        s.documents,
        s.new,
        s.skipped,
        s.replaced,
        s.failed,
        batch::by_reason(&s.failures),
        s.event_mentions,
        s.events,
        s.seconds,
        s.articles_per_second,
        s.db
    );
}

/// The document without its raw text: the store keeps the article body, not the page.
fn without_text(doc: &Document) -> Document {
    Document {
        id: doc.id.clone(),
        source: doc.source.clone(),
        sha256: doc.sha256.clone(),
        charset: doc.charset.clone(),
        content: doc.content,
        date_hint: doc.date_hint.clone(),
        text: String::new(),
    }
}

/// Whether the store already holds this content from this pipeline version, through a
/// pooled read-only connection.
fn is_stored(pool: &Mutex<Vec<Store>>, db: &Path, sha256: &str, version: &str) -> bool {
    let pooled = pool.lock().ok().and_then(|mut p| p.pop());
    let Some(conn) = pooled.or_else(|| Store::open_read_only(db).ok()) else {
        return false;
    };
    let stored = conn
        .stored_version(sha256)
        .ok()
        .flatten()
        .is_some_and(|v| v == version);
    if let Ok(mut p) = pool.lock() {
        p.push(conn);
    }
    stored
}

/// What the writer thread did.
#[derive(Default)]
struct WriterTotals {
    outcome: BatchOutcome,
    /// Documents the workers found stored already (not sent as rows).
    known: u64,
    batches: u64,
    store_seconds: f64,
}

/// The writer thread: collect coded documents into batches and commit each in one
/// transaction. Stops at the first store error (the batch is rolled back).
fn write_loop(
    mut store: Store,
    rx: Receiver<Coded>,
    version: &str,
    batch_size: usize,
    commit_every: Duration,
    bar: &ProgressBar,
) -> Result<WriterTotals, StoreError> {
    let mut totals = WriterTotals::default();
    let mut pending: Vec<CodedDocument> = Vec::with_capacity(batch_size.min(4096));
    let mut deadline: Option<Instant> = None;
    let mut flush =
        |pending: &mut Vec<CodedDocument>, totals: &mut WriterTotals| -> Result<(), StoreError> {
            if pending.is_empty() {
                return Ok(());
            }
            let started = Instant::now();
            let outcome = store.write_batch(pending, version)?;
            totals.store_seconds += started.elapsed().as_secs_f64();
            pending.clear();
            totals.batches += 1;
            let t = &mut totals.outcome;
            t.new += outcome.new;
            t.skipped += outcome.skipped;
            t.replaced += outcome.replaced;
            t.event_mentions += outcome.event_mentions;
            bar.set_message(format!(
                "{} new, {} already stored, {} events",
                t.new + t.replaced,
                t.skipped + totals.known,
                t.event_mentions
            ));
            Ok(())
        };
    loop {
        let received = match deadline {
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(Coded::Known) => totals.known += 1,
            Ok(Coded::Document(doc)) => {
                pending.push(*doc);
                deadline.get_or_insert_with(|| Instant::now() + commit_every);
                if pending.len() >= batch_size {
                    flush(&mut pending, &mut totals)?;
                    deadline = None;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                flush(&mut pending, &mut totals)?;
                deadline = None;
            }
            Err(RecvTimeoutError::Disconnected) => {
                flush(&mut pending, &mut totals)?;
                break;
            }
        }
    }
    // Done: close the store, the write-ahead log folded into the file.
    store.close()?;
    Ok(totals)
}

fn progress_bar() -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos} articles [{elapsed_precise}] {rate} articles/s  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1}", state.per_sec());
            },
        ),
    );
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// Where [`bundled_parts`] has the bundled dictionary set.
const BUNDLED_DICTIONARIES_PART: usize = 3;

/// Bundled data the coding depends on, fingerprinted into the pipeline version (in this
/// order: changing it changes every pipeline version).
fn bundled_parts() -> [&'static [u8]; 16] {
    [
        dateline_nlp::pipeline::BUNDLED_TAGGER,
        dateline_nlp::pipeline::BUNDLED_PARSER,
        dateline_nlp::pipeline::BUNDLED_NER,
        dateline_code::dict::set::BUNDLED_DICTIONARIES,
        dateline_code::places::gazetteer::BUNDLED_GAZETTEER,
        dateline_code::places::gazetteer::SUPPLEMENT.as_bytes(),
        dateline_code::places::demonyms::DEMONYMS.as_bytes(),
        dateline_code::tone::BUNDLED_LEXICON.as_bytes(),
        // The ontology's tables are private to dateline-code: the same files, here.
        include_bytes!("../../../data/ontology/CAMEO.eventcodes.txt"),
        include_bytes!("../../../data/ontology/CAMEO.goldsteinscale.txt"),
        include_bytes!("../../../data/ontology/CAMEO2PLOVER-2021.txt"),
        include_bytes!("../../../data/ontology/CAMEO.country.txt"),
        include_bytes!("../../../data/ontology/CAMEO.type.txt"),
        include_bytes!("../../../data/ontology/CAMEO.knowngroup.txt"),
        include_bytes!("../../../data/ontology/CAMEO.ethnic.txt"),
        include_bytes!("../../../data/ontology/CAMEO.religion.txt"),
    ]
}

/// The pipeline version stored with every document: dateline's version and a fingerprint
/// of everything else that decides what is coded — the bundled models, dictionaries,
/// gazetteer and lexicons, the `--dictionaries` folders' files and the coding options. When
/// it changes, a document ingested again is coded again and its rows replaced.
fn pipeline_version(args: &CodingArgs) -> anyhow::Result<String> {
    let mut parts: Vec<String> = bundled_parts()
        .iter()
        .enumerate()
        // Without the bundled dictionary set, it does not count (models and gazetteer do).
        .filter(|(i, _)| !(args.no_default_dictionaries && *i == BUNDLED_DICTIONARIES_PART))
        .map(|(_, b)| Document::hash_bytes(b))
        .collect();
    for dir in &args.dictionaries {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot read the folder", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for file in files {
            let bytes =
                std::fs::read(&file).with_context(|| format!("{}: cannot read", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            parts.push(format!("{name}:{}", Document::hash_bytes(&bytes)));
        }
    }
    parts.push(format!(
        "dyads={:?};default_dictionaries={};date={:?}",
        args.dyad_rule(),
        !args.no_default_dictionaries,
        args.date
    ));
    // Only when set, so that whole-article stores keep their version.
    if let Some(lead) = args.lead {
        parts.push(format!("lead={lead}"));
    }
    let fingerprint = Document::hash_bytes(parts.join("\n").as_bytes());
    Ok(format!(
        "dateline {}+{}",
        env!("CARGO_PKG_VERSION"),
        fingerprint.get(..16).unwrap_or(&fingerprint)
    ))
}
