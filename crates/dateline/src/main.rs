//! The `dateline` command: each subcommand runs the pipeline up to one stage and prints what
//! it made. Batches stream, run on every core, show a progress bar on a terminal, report each
//! bad input with its reason and go on with the rest.

mod batch;
mod build;
mod code;
mod dedup;
mod eval;
mod export;
mod extract;
mod gazetteer;
mod ingest;
mod parse;
mod query;
mod table;
mod tolls;
mod train;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "News in, event data out — offline, in one binary"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read pages or scraped text and print the clean articles.
    Extract(extract::ExtractArgs),
    /// Tag and parse text, an article or CoNLL-U with the bundled models.
    Parse(parse::ParseArgs),
    /// Code articles into CAMEO/PLOVER events with their evidence (ingest → language → coding).
    Code(code::CodeArgs),
    /// Code articles into a SQLite store (idempotent, crash-safe, deduplicated events).
    ///
    /// The coding options (dictionaries, date, dyad rule, lead) are part of the pipeline
    /// version stored with each document: a document stored under other options is coded
    /// again.
    Ingest(ingest::IngestArgs),
    /// Compile the bundled dictionary set from the PETRARCH-2/Phoenix files in `../shared/data`.
    BuildDictionaries(build::BuildDictionariesArgs),
    /// Compile the bundled gazetteer from the GeoNames/Natural Earth files in `../shared/data`.
    BuildGazetteer(gazetteer::BuildGazetteerArgs),
    /// Export the store's events: GDELT 2.0 table, PLOVER JSON, CSV, JSONL or Parquet.
    Export(export::ExportArgs),
    /// List the deduplicated events of a store that match all the filters given.
    Query(query::QueryArgs),
    /// Print one event of a store with every mention and its evidence sentence.
    Show(query::ShowArgs),
    /// List the store's tolls (killed, wounded, arrested, …) reconciled across articles.
    Tolls(tolls::TollsArgs),
    /// Show a store's rule for grouping mentions into events, or change it and regroup.
    Dedup(dedup::DedupArgs),
    /// Score the bundled models against gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Rebuild a bundled model from the treebanks and NER sets in `../shared/data`.
    #[command(subcommand)]
    Train(train::TrainCommand),
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array (one element per document).
    Json,
    /// One JSON object per line, each carrying its document's `id`.
    Jsonl,
    /// Readable text.
    Text,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Code(args) => code::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::BuildDictionaries(args) => build::run(args),
        Command::BuildGazetteer(args) => gazetteer::run(args),
        Command::Export(args) => export::run(args),
        Command::Query(args) => query::run_query(args),
        Command::Show(args) => query::run_show(args),
        Command::Tolls(args) => tolls::run(args),
        Command::Dedup(args) => dedup::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => train::run(cmd),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`dateline extract … | head`) is the reader's choice, not a failure.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dateline: error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
