//! `dateline train tagger|parser|ner`: rebuild the committed models from the openly
//! licensed data in `../shared/data`, deterministically (seeded). Each model has its own
//! module; this one holds what they share: the data folder, the output format and the
//! per-epoch progress display.

mod ner;
mod parser;
mod tagger;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Subcommand)]
pub enum TrainCommand {
    /// Train the part-of-speech tagger (UPOS, XPOS, lemmas, features) on UD EWT + GUM.
    Tagger(tagger::TrainTaggerArgs),
    /// Train the dependency parser on UD EWT + GUM.
    Parser(parser::TrainParserArgs),
    /// Train the entity tagger on GUM's entity layer and the sets in `ner/`.
    Ner(ner::TrainNerArgs),
}

/// Options every `train` subcommand takes.
#[derive(Args, Clone, Debug)]
pub struct CommonTrainArgs {
    /// The shared data folder (holding `ud_english_ewt/`, `ud_english_gum/`, `ner/`).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed of the training shuffles (same data + seed → byte-identical model).
    #[arg(long)]
    pub seed: Option<u64>,
    /// How the final summary is printed.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SummaryFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
}

pub fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Tagger(args) => tagger::run(args),
        TrainCommand::Parser(args) => parser::run(args),
        TrainCommand::Ner(args) => ner::run(args),
    }
}

/// Progress over training epochs: a bar on a terminal (stderr), else one line per epoch on
/// stderr, so logs of unattended runs still show the dev score as it goes.
pub struct EpochProgress {
    bar: Option<ProgressBar>,
    stage: String,
}

impl EpochProgress {
    /// A display for `epochs` epochs of `stage` (e.g. "tagger", "parser fold 2/5").
    pub fn new(stage: &str, epochs: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(epochs as u64);
            let style = ProgressStyle::with_template(
                "{prefix:>12} [{bar:30}] epoch {pos}/{len} {msg} ({elapsed})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(stage.to_string());
            bar
        });
        EpochProgress {
            bar,
            stage: stage.to_string(),
        }
    }

    /// Report that `epoch` (1-based) finished with the given dev score text
    /// (e.g. "dev UPOS 95.31").
    pub fn epoch(&self, epoch: usize, dev: &str) {
        match &self.bar {
            Some(bar) => {
                bar.set_position(epoch as u64);
                bar.set_message(dev.to_string());
            }
            None => eprintln!("{}: epoch {epoch}: {dev}", self.stage),
        }
    }

    /// Close the bar, leaving its last line on screen.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}
