//! `dateline eval parse`: the bundled tagger and parser against a gold CoNLL-U file, with
//! gold tokenization and predicted tags (what a user gets), scored as CoNLL 2018 does
//! (every word counts, punctuation included; LAS compares the universal relation).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_nlp::pipeline::Analyzer;
use dateline_nlp::{conllu, parser};
use serde::Serialize;

use super::EvalFormat;

#[derive(Args)]
pub struct EvalParseArgs {
    /// The gold CoNLL-U file.
    #[arg(long)]
    gold: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

/// Accuracies in percent, and speed.
#[derive(Debug, Serialize)]
pub struct ParseScores {
    pub gold: String,
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    /// Words tagged and parsed per second (one thread, after the models are loaded).
    pub tokens_per_second: f64,
    pub model_load_seconds: f64,
}

pub fn run(args: EvalParseArgs) -> anyhow::Result<ExitCode> {
    let gold = conllu::read_file(&args.gold)?;
    let t_load = Instant::now();
    let analyzer = Analyzer::bundled().context("cannot load the bundled models")?;
    let model_load_seconds = t_load.elapsed().as_secs_f64();
    let (mut upos, mut xpos, mut lemma) = (0usize, 0usize, 0usize);
    let mut deps = parser::Scores::default();
    let start = Instant::now();
    for s in &gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let out = analyzer.analyze_words(&forms);
        for (g, p) in s.words.iter().zip(&out.words) {
            upos += usize::from(g.upos == p.upos);
            xpos += usize::from(g.xpos == p.xpos);
            // A gold lemma of `_` matches anything, as in the CoNLL 2018 script.
            lemma += usize::from(g.lemma.is_empty() || g.lemma == p.lemma);
        }
        let tree: Vec<(usize, &str)> = out
            .words
            .iter()
            .map(|w| (w.head, w.deprel.as_str()))
            .collect();
        parser::score_sentence(s, &tree, &mut deps);
    }
    let seconds = start.elapsed().as_secs_f64();
    let words = deps.words.max(1);
    let pct = |n: usize| 100.0 * n as f64 / words as f64;
    let scores = ParseScores {
        gold: args.gold.display().to_string(),
        sentences: gold.len(),
        words: deps.words,
        upos: pct(upos),
        xpos: pct(xpos),
        lemma: pct(lemma),
        uas: deps.uas(),
        las: deps.las(),
        tokens_per_second: deps.words as f64 / seconds.max(1e-9),
        model_load_seconds,
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&scores)?),
        EvalFormat::Text => {
            println!(
                "{} ({} sentences, {} words)",
                scores.gold, scores.sentences, scores.words
            );
            println!("UPOS   {:6.2}", scores.upos);
            println!("XPOS   {:6.2}", scores.xpos);
            println!("Lemma  {:6.2}", scores.lemma);
            println!("UAS    {:6.2}", scores.uas);
            println!("LAS    {:6.2}", scores.las);
            println!(
                "speed  {:.0} tokens/s (tag + parse, one thread); models loaded in {:.3} s",
                scores.tokens_per_second, scores.model_load_seconds
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
