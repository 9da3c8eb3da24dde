//! `dateline train parser`: the shipped parser's recipe (`dateline_nlp::parser::recipe`):
//! EWT train + GUM train, with `--jackknife K` jackknifed tags of our tagger beside the gold
//! ones, the epoch chosen on EWT dev + GUM dev tagged by `--tagger`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_nlp::parser::recipe::{self, Progress, RecipeOptions, Treebanks};
use dateline_nlp::pipeline::BUNDLED_TAGGER;
use dateline_nlp::tagger::Tagger;
use serde::Serialize;

use super::{CommonTrainArgs, EpochProgress, SummaryFormat};

#[derive(Args)]
pub struct TrainParserArgs {
    #[command(flatten)]
    pub common: CommonTrainArgs,
    /// Passes over the training data (the best dev-LAS epoch is kept).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// The tagger whose tags the dev set is scored with (default: the bundled one,
    /// `models/tagger.bin` at build time).
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Folds of jackknifed training tags from taggers trained on the other folds
    /// (0: gold tags only).
    #[arg(long)]
    pub jackknife: Option<usize>,
    /// Beam width of training and decoding (1: greedy, about twice as fast, less accurate).
    #[arg(long)]
    pub beam: Option<usize>,
}

#[derive(Serialize)]
struct Summary {
    out: String,
    bytes: usize,
    sentences: usize,
    nonprojective: usize,
    skipped: usize,
    best_epoch: usize,
    dev_uas: f64,
    dev_las: f64,
    seconds: f64,
}

pub fn run(args: TrainParserArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut opts = RecipeOptions::default();
    if let Some(seed) = args.common.seed {
        opts.train.seed = seed;
    }
    if let Some(e) = args.epochs {
        opts.train.epochs = e;
    }
    if let Some(k) = args.jackknife {
        opts.jackknife = k;
    }
    if let Some(b) = args.beam {
        opts.train.beam = b.clamp(1, 64);
    }
    let tagger = match &args.tagger {
        Some(p) => Tagger::load(p).with_context(|| format!("cannot load {}", p.display()))?,
        None => Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?,
    };
    let tb = Treebanks::load(&args.common.data)?;
    let bar = EpochProgress::new("parser", opts.train.epochs);
    let (parser, report) = recipe::train(&tb, Some(&tagger), &opts, |p| match p {
        Progress::Fold { fold, of } => {
            // the fold taggers train without a dev set, so one line per fold
            eprintln!(
                "parser: jackknife tagger {fold}/{of} done ({:.0} s)",
                start.elapsed().as_secs_f64()
            );
        }
        Progress::Epoch { epoch, uas, las } => {
            bar.epoch(epoch, &format!("dev UAS {uas:.2} LAS {las:.2}"));
        }
    });
    bar.finish();
    let bytes = parser.to_bytes()?;
    std::fs::write(&args.common.out, &bytes)
        .with_context(|| format!("cannot write {}", args.common.out.display()))?;
    let summary = Summary {
        out: args.common.out.display().to_string(),
        bytes: bytes.len(),
        sentences: report.sentences,
        nonprojective: report.nonprojective,
        skipped: report.skipped,
        best_epoch: report.best_epoch,
        dev_uas: report.dev_uas,
        dev_las: report.dev_las,
        seconds: start.elapsed().as_secs_f64(),
    };
    match args.common.format {
        SummaryFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        SummaryFormat::Text => println!(
            "wrote {} ({:.1} MB) in {:.0} s: {} training sentences ({} non-projective, {} skipped); \
             epoch {} kept, dev (predicted tags) UAS {:.2} LAS {:.2}",
            summary.out,
            summary.bytes as f64 / 1e6,
            summary.seconds,
            summary.sentences,
            summary.nonprojective,
            summary.skipped,
            summary.best_epoch,
            summary.dev_uas,
            summary.dev_las
        ),
    }
    Ok(ExitCode::SUCCESS)
}
