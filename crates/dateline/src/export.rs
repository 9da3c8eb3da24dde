//! `dateline export`: the store's deduplicated events as a GDELT 2.0 event table, PLOVER
//! JSON lines, CSV, JSON lines with evidence, or Parquet — streamed from SQLite to stdout or
//! to `--out`. A file named by `--out` appears only when the export is complete: rows go to
//! `PATH.partial` beside it, renamed at the end, so a failed export leaves no half file
//! (a device or pipe given as `--out` is written directly).

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use dateline_store::export::{self, ExportFormat, ExportOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header (see docs/gdelt-export.md).
    Gdelt,
    /// PLOVER records, one JSON object per line (the manual's JSONL layout).
    Plover,
    /// Every event column with a header line.
    Csv,
    /// One JSON object per event, with its mentions and evidence sentences.
    Jsonl,
    /// The CSV columns as a typed Parquet file (needs --out).
    Parquet,
}

impl From<ExportFormatArg> for ExportFormat {
    fn from(arg: ExportFormatArg) -> Self {
        match arg {
            ExportFormatArg::Gdelt => ExportFormat::Gdelt,
            ExportFormatArg::Plover => ExportFormat::Plover,
            ExportFormatArg::Csv => ExportFormat::Csv,
            ExportFormatArg::Jsonl => ExportFormat::Jsonl,
            ExportFormatArg::Parquet => ExportFormat::Parquet,
        }
    }
}

#[derive(Args)]
pub struct ExportArgs {
    /// The store to read.
    #[arg(long, value_name = "FILE", default_value = "dateline.db")]
    db: PathBuf,
    #[arg(long, value_enum)]
    format: ExportFormatArg,
    /// Write here instead of stdout (required for parquet).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// GDELT: start with a line of the codebook's column names (GDELT's files have none).
    #[arg(long)]
    header: bool,
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = ExportFormat::from(args.format);
    if args.header && format != ExportFormat::Gdelt {
        bail!("--header applies to --format gdelt only (csv always has one)");
    }
    let conn = export::open_store(&args.db)?;
    let options = ExportOptions {
        header: args.header,
    };
    let summary = match &args.out {
        Some(path) => export_to_file(&conn, format, &options, path)?,
        None => {
            if format == ExportFormat::Parquet {
                bail!("--format parquet writes a binary file: give it --out PATH");
            }
            // `Stdout`, not its lock: the Parquet writer needs a `Send` sink, and the buffer
            // already makes writes large.
            let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
            export::export(&conn, format, &options, out)
                .with_context(|| format!("cannot export {}", args.db.display()))?
        }
    };
    if std::io::stderr().is_terminal() || args.out.is_some() {
        let skipped = if summary.skipped > 0 {
            format!(" ({} without a PLOVER category left out)", summary.skipped)
        } else {
            String::new()
        };
        let target = args
            .out
            .as_ref()
            .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
        eprintln!("exported {} events to {target}{skipped}", summary.events);
    }
    Ok(ExitCode::SUCCESS)
}

/// Exports to `PATH.partial`, then renames it to `path`; removes the partial file on error.
fn export_to_file(
    conn: &export::Connection,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
) -> anyhow::Result<export::ExportSummary> {
    // A device or pipe (`--out /dev/stdout`, a FIFO) cannot be replaced by a rename: write
    // to it directly.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = BufWriter::new(file);
        let summary = export::export(conn, format, options, &mut out)
            .and_then(|summary| Ok(out.flush().map(|()| summary)?))
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(summary);
    }
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let file =
        File::create(&partial).with_context(|| format!("cannot write {}", path.display()))?;
    let result = (|| -> anyhow::Result<export::ExportSummary> {
        let mut out = BufWriter::new(file);
        let summary = export::export(conn, format, options, &mut out)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&partial, path)?;
        Ok(summary)
    })();
    if result.is_err() {
        // Best effort: the error that matters is the export's, reported below.
        let _ = std::fs::remove_file(&partial);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}
