//! `dateline extract`: pages and scraped text → clean articles.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use dateline_core::{Article, Document, Source};
use dateline_ingest::read::read_paths;
use serde::Serialize;

use crate::batch::{self, BatchArgs, FailureLog, RecordWriter, Shape};
use crate::Format;

#[derive(Args)]
pub struct ExtractArgs {
    /// Files, folders (read recursively), JSONL or WARC files; `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    #[command(flatten)]
    batch: BatchArgs,
}

/// One output record: the document's identity and its article.
#[derive(Serialize)]
pub struct ExtractRecord<'a> {
    pub id: &'a str,
    pub source: &'a Source,
    pub sha256: &'a str,
    pub charset: &'a str,
    pub article: &'a Article,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let opts = args.batch.start()?;
    let docs = read_paths(args.paths, opts);
    let mut failures = FailureLog::open(args.batch.errors.as_deref())?;
    let stdout = std::io::stdout();
    let shape = match args.format {
        Format::Json => Shape::JsonArray,
        Format::Jsonl => Shape::JsonLines,
        Format::Text => Shape::Other,
    };
    let mut out = RecordWriter::new(std::io::BufWriter::new(stdout.lock()), shape)?;
    let summary = batch::run(
        docs,
        "extracted",
        &mut failures,
        dateline_ingest::extract,
        |doc: &Document, article: Article| {
            let rec = ExtractRecord {
                id: &doc.id,
                source: &doc.source,
                sha256: &doc.sha256,
                charset: &doc.charset,
                article: &article,
            };
            match args.format {
                Format::Json | Format::Jsonl => out.json(&rec),
                Format::Text => Ok(write_text(out.raw(), &rec)?),
            }
        },
    )?;
    out.finish()?;
    batch::finish_run(&summary, "articles", failures)
}

fn write_text(out: &mut impl Write, rec: &ExtractRecord) -> std::io::Result<()> {
    let a = rec.article;
    writeln!(out, "=== {}", rec.id)?;
    if let Some(t) = &a.title {
        writeln!(out, "title:     {t}")?;
    }
    for (name, v) in [
        ("publisher", &a.publisher),
        ("date", &a.date),
        ("language", &a.language),
        ("caption", &a.caption),
        ("credit", &a.credit),
    ] {
        if let Some(v) = v {
            writeln!(out, "{name}:{}{v}", " ".repeat(10 - name.len()))?;
        }
    }
    if !a.authors.is_empty() {
        writeln!(out, "authors:   {}", a.authors.join("; "))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)?;
    writeln!(out)
}
