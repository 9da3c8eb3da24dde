//! `dateline train tagger`: train the part-of-speech tagger (UPOS + XPOS, lemmas, FEATS) on
//! UD English EWT train + GUM train, showing the dev UPOS (EWT + GUM dev) after every
//! epoch, then the dev scores per treebank, the model's size and the training time. The
//! defaults rebuild the committed `models/tagger.bin` byte for byte (training is seeded).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_nlp::conllu::{self, Sentence};
use dateline_nlp::tagger::{self, Scores, TrainOptions};
use serde::Serialize;

use super::{CommonTrainArgs, EpochProgress, SummaryFormat};

#[derive(Args)]
pub struct TrainTaggerArgs {
    #[command(flatten)]
    pub common: CommonTrainArgs,
    /// Passes of the first (left-to-right) tagger [default: the shipped model's].
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Passes of the second tagger, which also sees the first one's tags to the right
    /// (0: one pass only) [default: the shipped model's].
    #[arg(long)]
    pub second_pass_epochs: Option<usize>,
}

/// One treebank's dev scores, in percent.
#[derive(Debug, Serialize)]
struct DevScores {
    treebank: &'static str,
    words: usize,
    upos: f64,
    xpos: f64,
    ufeats: f64,
    all_tags: f64,
    lemma: f64,
}

impl DevScores {
    fn new(treebank: &'static str, s: &Scores) -> Self {
        DevScores {
            treebank,
            words: s.words,
            upos: 100.0 * s.upos,
            xpos: 100.0 * s.xpos,
            ufeats: 100.0 * s.ufeats,
            all_tags: 100.0 * s.all_tags,
            lemma: 100.0 * s.lemma,
        }
    }
}

#[derive(Debug, Serialize)]
struct Summary {
    model: String,
    bytes: usize,
    seed: u64,
    epochs: usize,
    second_pass_epochs: usize,
    train_sentences: usize,
    train_words: usize,
    training_seconds: f64,
    dev: Vec<DevScores>,
}

fn read(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    conllu::read_file(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The UD files of one treebank split: (EWT, GUM).
fn split_files(data: &Path, split: &str) -> (PathBuf, PathBuf) {
    (
        data.join(format!("ud_english_ewt/en_ewt-ud-{split}.conllu")),
        data.join(format!(
            "ud_english_gum/en_gum-ud-{split}.open-subset.conllu"
        )),
    )
}

pub fn run(args: TrainTaggerArgs) -> anyhow::Result<ExitCode> {
    let common = &args.common;
    let mut opts = TrainOptions::default();
    if let Some(seed) = common.seed {
        opts.seed = seed;
    }
    if let Some(e) = args.epochs {
        opts.epochs = e;
    }
    if let Some(e) = args.second_pass_epochs {
        opts.second_pass_epochs = e;
    }
    let (ewt_train, gum_train) = split_files(&common.data, "train");
    let (ewt_dev_path, gum_dev_path) = split_files(&common.data, "dev");
    let mut train = read(&ewt_train)?;
    train.extend(read(&gum_train)?);
    let ewt_dev = read(&ewt_dev_path)?;
    let gum_dev = read(&gum_dev_path)?;
    let dev: Vec<Sentence> = ewt_dev.iter().chain(&gum_dev).cloned().collect();
    let train_words: usize = train.iter().map(|s| s.words.len()).sum();

    let start = Instant::now();
    let progress = EpochProgress::new("tagger", opts.epochs + opts.second_pass_epochs);
    let model = tagger::train(&train, &dev, &opts, |epoch, upos| {
        progress.epoch(epoch, &format!("dev UPOS {:.2}", 100.0 * upos));
    });
    progress.finish();
    let training_seconds = start.elapsed().as_secs_f64();
    let bytes = model
        .to_bytes()
        .context("cannot serialize the tagger model")?;
    std::fs::write(&common.out, &bytes)
        .with_context(|| format!("cannot write {}", common.out.display()))?;

    let summary = Summary {
        model: common.out.display().to_string(),
        bytes: bytes.len(),
        seed: opts.seed,
        epochs: opts.epochs,
        second_pass_epochs: opts.second_pass_epochs,
        train_sentences: train.len(),
        train_words,
        training_seconds,
        dev: vec![
            DevScores::new("UD English EWT dev", &model.evaluate(&ewt_dev)),
            DevScores::new("UD English GUM dev", &model.evaluate(&gum_dev)),
        ],
    };
    match common.format {
        SummaryFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        SummaryFormat::Text => {
            println!(
                "wrote {} ({:.2} MB) in {:.1} s: {} sentences, {} words of training data, seed {}",
                summary.model,
                summary.bytes as f64 / 1e6,
                summary.training_seconds,
                summary.train_sentences,
                summary.train_words,
                summary.seed
            );
            for d in &summary.dev {
                println!(
                    "{}: {} words  UPOS {:.2}  XPOS {:.2}  UFeats {:.2}  AllTags {:.2}  Lemmas {:.2}",
                    d.treebank, d.words, d.upos, d.xpos, d.ufeats, d.all_tags, d.lemma
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
