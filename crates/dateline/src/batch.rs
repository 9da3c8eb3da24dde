//! Running a stage over a stream of documents: in order, in parallel chunks (so memory stays
//! bounded), with a progress bar on a terminal, a failure log and an end-of-run summary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline_core::{Document, ErrorKind, InputError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

/// Documents processed in parallel at a time. Bounds memory: at most this many decoded
/// documents and their results are alive at once.
const CHUNK: usize = 256;

/// The options every batch command shares.
#[derive(clap::Args, Debug, Clone)]
pub struct BatchArgs {
    /// Also write each failure as a JSON line to this file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Refuse documents larger than this many megabytes.
    #[arg(long, default_value_t = 50)]
    pub max_mb: u64,
    /// Worker threads (default: every core).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

impl BatchArgs {
    /// Size the worker pool and say how documents are read.
    pub fn start(&self) -> anyhow::Result<dateline_ingest::read::ReadOptions> {
        if let Some(n) = self.jobs {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()?;
        }
        Ok(dateline_ingest::read::ReadOptions {
            max_bytes: self.max_mb.saturating_mul(1024 * 1024),
        })
    }
}

/// Counts for the end-of-run summary.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Documents read and decoded.
    pub documents: u64,
    /// Documents that gave a result.
    pub produced: u64,
    /// Inputs or documents that failed, by reason.
    pub failures: BTreeMap<ErrorKind, u64>,
}

impl Summary {
    pub fn failed(&self) -> u64 {
        self.failures.values().sum()
    }

    pub fn print(&self, what: &str) {
        eprintln!(
            "dateline: {} documents read, {} {what}, {} failed{}",
            self.documents,
            self.produced,
            self.failed(),
            by_reason(&self.failures)
        );
    }
}

/// The failures by reason for a summary line, " (reason: n, …)", or nothing when none failed.
pub fn by_reason(failures: &BTreeMap<ErrorKind, u64>) -> String {
    if failures.is_empty() {
        return String::new();
    }
    let by: Vec<String> = failures.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    format!(" ({})", by.join(", "))
}

/// A batch command's exit status: non-zero only when no document could be read.
pub fn exit_code(documents: u64) -> std::process::ExitCode {
    if documents == 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}

/// Where failures go: always a line on stderr, and a JSONL record when `--errors` is given.
pub struct FailureLog {
    file: Option<BufWriter<File>>,
}

impl FailureLog {
    pub fn open(path: Option<&Path>) -> anyhow::Result<Self> {
        let file = match path {
            Some(p) => Some(BufWriter::new(
                File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
            )),
            None => None,
        };
        Ok(FailureLog { file })
    }

    pub fn record(&mut self, err: &InputError, bar: &ProgressBar) {
        bar.suspend(|| eprintln!("dateline: {err}"));
        if let Some(f) = &mut self.file {
            if let Ok(line) = serde_json::to_string(err) {
                let _ = writeln!(f, "{line}");
            }
        }
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        if let Some(f) = &mut self.file {
            f.flush()?;
        }
        Ok(())
    }
}

/// A progress bar on stderr when it is a terminal, hidden otherwise — and hidden when stdout
/// is piped to another program, whose output would share the terminal with the bar
/// (`dateline extract … | jq`). Redirected to a file, the bar stays.
pub fn progress_bar(what: &str) -> ProgressBar {
    let target = if stdout_is_pipe() {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {{pos}} documents {what} [{{elapsed_precise}}] {{rate}} documents/s"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", state.per_sec());
            },
        ),
    );
    bar
}

#[cfg(unix)]
fn stdout_is_pipe() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(File::from)
        .and_then(|f| f.metadata())
        .is_ok_and(|m| m.file_type().is_fifo())
}

#[cfg(not(unix))]
fn stdout_is_pipe() -> bool {
    use std::io::IsTerminal;
    !std::io::stdout().is_terminal()
}

/// Run `work` over every document of `docs` (in parallel, in chunks) and hand each result to
/// `emit` in input order. Read failures and work failures are logged and counted.
pub fn run<T, W, E>(
    docs: impl Iterator<Item = Result<Document, InputError>>,
    what: &str,
    failures: &mut FailureLog,
    work: W,
    emit: E,
) -> anyhow::Result<Summary>
where
    T: Send,
    W: Fn(&Document) -> Result<T, InputError> + Sync,
    E: FnMut(&Document, T) -> anyhow::Result<()>,
{
    let bar = progress_bar(what);
    let summary = run_chunked(docs, &bar, CHUNK, failures, work, emit);
    bar.finish_and_clear();
    summary
}

/// [`run`] with the caller's progress bar and chunk size (`ingest` keeps chunks small so
/// that its commits follow the coding closely). Stops at the first error `emit` returns.
pub fn run_chunked<T, W, E>(
    docs: impl Iterator<Item = Result<Document, InputError>>,
    bar: &ProgressBar,
    chunk_size: usize,
    failures: &mut FailureLog,
    work: W,
    mut emit: E,
) -> anyhow::Result<Summary>
where
    T: Send,
    W: Fn(&Document) -> Result<T, InputError> + Sync,
    E: FnMut(&Document, T) -> anyhow::Result<()>,
{
    let chunk_size = chunk_size.max(1);
    let mut summary = Summary::default();
    let mut chunk: Vec<Document> = Vec::with_capacity(chunk_size);
    let mut docs = docs.peekable();
    loop {
        chunk.clear();
        while chunk.len() < chunk_size {
            match docs.next() {
                Some(Ok(d)) => chunk.push(d),
                Some(Err(e)) => {
                    *summary.failures.entry(e.kind).or_default() += 1;
                    failures.record(&e, bar);
                }
                None => break,
            }
        }
        if chunk.is_empty() && docs.peek().is_none() {
            break;
        }
        let results: Vec<Result<T, InputError>> = chunk.par_iter().map(&work).collect();
        for (doc, result) in chunk.iter().zip(results) {
            summary.documents += 1;
            match result {
                Ok(t) => {
                    summary.produced += 1;
                    emit(doc, t)?;
                }
                Err(mut e) => {
                    name_by_input(&mut e, doc);
                    *summary.failures.entry(e.kind).or_default() += 1;
                    failures.record(&e, bar);
                }
            }
            bar.inc(1);
        }
    }
    Ok(summary)
}

/// A stage names a failed document by its id; name it by its input instead, the way the
/// readers name their failures (`path`, `path:line` for JSONL, `path#record-id` for WARC),
/// so that every line of the failure log leads back to a file. A JSONL id is kept in the
/// message.
fn name_by_input(e: &mut InputError, doc: &Document) {
    if e.input != doc.id {
        return;
    }
    let src = &doc.source;
    let Some(path) = src.path.as_deref() else {
        return;
    };
    let input = match (src.line, src.warc_record_id.as_deref()) {
        (Some(line), _) => format!("{path}:{line}"),
        (None, Some(id)) => format!("{path}#{id}"),
        (None, None) => path.to_string(),
    };
    if src.line.is_some() && doc.id != input {
        e.message = format!("{} (id {})", e.message, doc.id);
    }
    e.input = input;
}

/// How a batch command prints its records: a JSON array (pretty, one element per document,
/// written as the documents come so that memory stays bounded), JSON lines, or a format of
/// the command's own written through [`RecordWriter::raw`].
pub struct RecordWriter<W: Write> {
    out: W,
    shape: Shape,
    first: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    JsonArray,
    JsonLines,
    Other,
}

impl<W: Write> RecordWriter<W> {
    pub fn new(mut out: W, shape: Shape) -> std::io::Result<Self> {
        if shape == Shape::JsonArray {
            out.write_all(b"[")?;
        }
        Ok(RecordWriter {
            out,
            shape,
            first: true,
        })
    }

    /// Write one record as JSON (an array element or a line).
    pub fn json<T: Serialize>(&mut self, rec: &T) -> anyhow::Result<()> {
        match self.shape {
            Shape::JsonArray => {
                if !self.first {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n")?;
                serde_json::to_writer_pretty(&mut self.out, rec)?;
            }
            Shape::JsonLines | Shape::Other => {
                serde_json::to_writer(&mut self.out, rec)?;
                self.out.write_all(b"\n")?;
            }
        }
        self.first = false;
        Ok(())
    }

    /// The output itself, for the command's own formats (text, TSV).
    pub fn raw(&mut self) -> &mut W {
        &mut self.out
    }

    /// Close the array and flush.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.shape == Shape::JsonArray {
            self.out.write_all(b"\n]\n")?;
        }
        self.out.flush()
    }
}

/// End a batch command: flush the failure log, print the summary, and exit non-zero only
/// when no document could be read.
pub fn finish_run(
    summary: &Summary,
    what: &str,
    failures: FailureLog,
) -> anyhow::Result<std::process::ExitCode> {
    failures.finish()?;
    summary.print(what);
    Ok(exit_code(summary.documents))
}
