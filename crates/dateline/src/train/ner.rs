//! `dateline train ner`: the entity tagger from GUM's entity layer and the sets in
//! `ner/` (see `dateline_nlp::ner::corpus` for what is trained on and what is dev), with
//! GeoNames places (`gazetteer/`) as its default dictionary. Its features include
//! our POS tagger's tags, so the tagger model is an input (`--tagger`, default the bundled
//! one): retrain this model whenever the tagger changes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_nlp::ner::corpus::{self, Corpus};
use dateline_nlp::ner::{self, Gazetteer, TrainOptions};
use dateline_nlp::pipeline::BUNDLED_TAGGER;
use dateline_nlp::tagger::Tagger;
use serde::Serialize;

use super::{CommonTrainArgs, EpochProgress, SummaryFormat};

#[derive(Args)]
pub struct TrainNerArgs {
    #[command(flatten)]
    pub common: CommonTrainArgs,
    /// The POS tagger whose tags are features (default: the bundled `models/tagger.bin`).
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Cities of at least this many people enter the gazetteer.
    #[arg(long, default_value_t = DEFAULT_MIN_POPULATION)]
    pub min_population: u64,
}

/// The default gazetteer's population threshold for cities.
pub const DEFAULT_MIN_POPULATION: u64 = 100_000;

#[derive(Serialize)]
struct Summary {
    out: String,
    bytes: usize,
    seconds: f64,
    train_sentences: usize,
    /// Exact-span F1 per dev set.
    dev: Vec<(String, f64)>,
    dev_f1: f64,
}

pub fn run(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let data = &args.common.data;
    let pos = match &args.tagger {
        Some(p) => Tagger::load(p)?,
        None => Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?,
    };
    let gazetteer = Gazetteer::from_data(data, args.min_population, false)
        .context("cannot build the gazetteer")?;
    let c = corpus::load(data, &pos).context("cannot read the NER data")?;
    let train = Corpus::sentences(&c.train);
    let dev = Corpus::sentences(&c.dev);
    let mut opts = TrainOptions::default();
    if let Some(seed) = args.common.seed {
        opts.seed = seed;
    }
    if let Some(e) = args.epochs {
        opts.epochs = e;
    }
    let progress = EpochProgress::new("ner", opts.epochs);
    let model = ner::train(&train, &dev, gazetteer, &c.text, &opts, |epoch, f1| {
        progress.epoch(epoch, &format!("dev F1 {:.2}", 100.0 * f1));
    });
    progress.finish();
    let bytes = model.to_bytes()?;
    std::fs::write(&args.common.out, &bytes)
        .with_context(|| format!("cannot write {}", args.common.out.display()))?;
    let summary = Summary {
        out: args.common.out.display().to_string(),
        bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
        train_sentences: train.len(),
        dev: c
            .dev
            .iter()
            .map(|n| (n.name.to_string(), model.evaluate(&n.sentences).all.f1()))
            .collect(),
        dev_f1: model.evaluate(&dev).all.f1(),
    };
    match args.common.format {
        SummaryFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        SummaryFormat::Text => {
            println!(
                "wrote {} ({} bytes) in {:.1} s from {} sentences",
                summary.out, summary.bytes, summary.seconds, summary.train_sentences
            );
            for (name, f1) in &summary.dev {
                println!("dev {name}: F1 {:.2}", 100.0 * f1);
            }
            println!("dev all: F1 {:.2}", 100.0 * summary.dev_f1);
        }
    }
    Ok(ExitCode::SUCCESS)
}
