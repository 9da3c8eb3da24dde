//! `dateline eval ner`: the bundled pipeline's entities against a gold file, exact spans
//! (start, end and type must all match), per type and overall. The gold file's words are
//! our tokens. Formats, by name: `.conllu` (GUM's entity layer, named mentions as
//! `ner::data` reads them), `.iob2` (UNER), anything else CoNLL columns with the tag last
//! (wikigold, SEC filings).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_nlp::ner::score::{Counts, EntityScores};
use dateline_nlp::ner::{corpus, EntitySpan};
use dateline_nlp::pipeline::Analyzer;
use serde::Serialize;

use super::EvalFormat;

#[derive(Args)]
pub struct EvalNerArgs {
    /// The gold file.
    #[arg(long)]
    gold: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

/// One row of scores.
#[derive(Debug, Serialize)]
pub struct Row {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl From<Counts> for Row {
    fn from(c: Counts) -> Row {
        Row {
            gold: c.gold,
            predicted: c.predicted,
            correct: c.correct,
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct NerReport {
    pub gold: String,
    pub sentences: usize,
    pub words: usize,
    /// PERSON, ORGANIZATION, PLACE.
    pub by_type: Vec<(String, Row)>,
    pub all: Row,
    /// Words analysed per second (tag + parse + entities, one thread, models loaded).
    pub tokens_per_second: f64,
    pub model_load_seconds: f64,
}

pub fn run(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let gold = corpus::read_gold(&args.gold)?;
    let t_load = Instant::now();
    let analyzer = Analyzer::bundled().context("cannot load the bundled models")?;
    let model_load_seconds = t_load.elapsed().as_secs_f64();
    let mut scores = EntityScores::default();
    let mut words = 0usize;
    let start = Instant::now();
    for s in &gold {
        let out = analyzer.analyze_words(&s.words);
        let predicted: Vec<EntitySpan> = out
            .entities
            .iter()
            .map(|e| EntitySpan {
                start: e.first_word,
                end: e.end_word,
                kind: e.kind,
            })
            .collect();
        scores.add(&s.entities, &predicted);
        words += s.words.len();
    }
    let seconds = start.elapsed().as_secs_f64();
    let report = NerReport {
        gold: args.gold.display().to_string(),
        sentences: gold.len(),
        words,
        by_type: scores
            .by_type
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), Row::from(*c)))
            .collect(),
        all: Row::from(scores.all),
        tokens_per_second: words as f64 / seconds.max(1e-9),
        model_load_seconds,
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!(
                "{} ({} sentences, {} words)",
                report.gold, report.sentences, report.words
            );
            println!(
                "{:14} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
                "type", "gold", "pred", "right", "P", "R", "F1"
            );
            for (name, r) in report
                .by_type
                .iter()
                .map(|(n, r)| (n.as_str(), r))
                .chain(std::iter::once(("all", &report.all)))
            {
                println!(
                    "{:14} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
                    name, r.gold, r.predicted, r.correct, r.precision, r.recall, r.f1
                );
            }
            println!(
                "speed  {:.0} tokens/s (tag + parse + entities, one thread); models loaded in {:.3} s",
                report.tokens_per_second, report.model_load_seconds
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
