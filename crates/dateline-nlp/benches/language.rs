//! Speed of the language layer (issue 3), run by `bench/language/run.sh`:
//!
//! ```text
//! cargo bench -p dateline-nlp --bench language -- --ewt FILE.conllu --article EXTRACT.json
//!     [--runs N] [--article-runs N] [--load-runs N] [--once]
//! ```
//!
//! A plain `main` (`harness = false`), not criterion: what we report is one figure per
//! question — tokens per second over a whole test set, milliseconds per article, load
//! time — as the median and spread of repeated runs, which needs no statistics framework,
//! and a dependency-free bench builds in seconds on the shared two-core machine instead of
//! compiling criterion's tree. Criterion's outlier analysis would not make figures taken
//! beside other helpers' training jobs stable anyway; for that the script runs this binary
//! under callgrind with `--once` (one pass of each measurement: instruction counts).
//!
//! Everything runs on one thread, after the models are loaded, on the bundled models.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use dateline_nlp::conllu;
use dateline_nlp::parser::Parser;
use dateline_nlp::pipeline::{Analyzer, BUNDLED_PARSER, BUNDLED_TAGGER};
use dateline_nlp::tagger::Tagger;
use dateline_nlp::tokenize::normalize_form;

struct Options {
    ewt: PathBuf,
    article: PathBuf,
    runs: usize,
    article_runs: usize,
    load_runs: usize,
}

fn options() -> Result<Options, String> {
    let mut ewt = None;
    let mut article = None;
    let (mut runs, mut article_runs, mut load_runs) = (5, 300, 10);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let count = |v: String| v.parse::<usize>().map_err(|e| format!("{v}: {e}"));
        match arg.as_str() {
            "--ewt" => ewt = Some(PathBuf::from(value("--ewt")?)),
            "--article" => article = Some(PathBuf::from(value("--article")?)),
            "--runs" => runs = count(value("--runs")?)?,
            "--article-runs" => article_runs = count(value("--article-runs")?)?,
            "--load-runs" => load_runs = count(value("--load-runs")?)?,
            "--once" => (runs, article_runs, load_runs) = (1, 1, 1),
            // `cargo bench` passes `--bench` to every bench target.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Options {
        ewt: ewt.ok_or("--ewt FILE.conllu is required")?,
        article: article.ok_or("--article FILE (dateline extract JSON, or text) is required")?,
        runs: runs.max(1),
        article_runs: article_runs.max(1),
        load_runs: load_runs.max(1),
    })
}

/// The text to analyse: the `article.body` of the first record of `dateline extract
/// --format json` output, or the file itself when it is not JSON.
fn article_body(file: &str) -> Result<String, Box<dyn std::error::Error>> {
    if !file.trim_start().starts_with(['[', '{']) {
        return Ok(file.to_string());
    }
    let json: serde_json::Value = serde_json::from_str(file)?;
    let record = json.get(0).unwrap_or(&json);
    record
        .pointer("/article/body")
        .and_then(serde_json::Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| "no article.body in the JSON".into())
}

/// Median, minimum and maximum of some timings.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let median = values.get(values.len() / 2).copied().unwrap_or(0.0);
    let min = values.first().copied().unwrap_or(0.0);
    let max = values.last().copied().unwrap_or(0.0);
    (median, min, max)
}

/// Seconds taken by `f`, `runs` times.
fn time_runs(runs: usize, mut f: impl FnMut()) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect()
}

fn main() {
    if let Err(e) = run() {
        eprintln!("language bench: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let opts = options()?;
    let gold = conllu::read_file(&opts.ewt)?;
    let sentences: Vec<Vec<String>> = gold
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| normalize_form(&w.form).into_owned())
                .collect()
        })
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let article = article_body(&std::fs::read_to_string(&opts.article)?)?;

    println!(
        "{:<44} {:>12} {:>12} {:>12}",
        "measurement", "median", "min", "max"
    );
    let row = |name: &str, (median, min, max): (f64, f64, f64), unit: &str| {
        println!("{name:<44} {median:>12.2} {min:>12.2} {max:>12.2}  {unit}");
    };

    // (c) Model load: both models from the bytes compiled into the binary.
    let load = time_runs(opts.load_runs, || {
        black_box(Analyzer::bundled().ok());
    });
    let (m, lo, hi) = spread(load);
    row(
        "model load (tagger + parser)",
        (m * 1e3, lo * 1e3, hi * 1e3),
        "ms",
    );

    let analyzer = Analyzer::bundled()?;
    let tagger = Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?;
    let parser = Parser::from_bytes("bundled parser", BUNDLED_PARSER)?;
    let tokens_per_second = |times: Vec<f64>| {
        // Fastest run is the slowest rate: min and max swap.
        let (m, lo, hi) = spread(times);
        let rate = |s: f64| words as f64 / s.max(1e-12);
        (rate(m), rate(hi), rate(lo))
    };

    // (a) EWT test with gold tokenization.
    let both = time_runs(opts.runs, || {
        for forms in &sentences {
            black_box(analyzer.analyze_words(forms));
        }
    });
    row(
        &format!("tag + parse, EWT test ({words} words)"),
        tokens_per_second(both),
        "tokens/s",
    );
    let tag_only = time_runs(opts.runs, || {
        for forms in &sentences {
            black_box(tagger.tag(forms));
        }
    });
    row(
        "tagger only (UPOS, XPOS, lemma, feats)",
        tokens_per_second(tag_only),
        "tokens/s",
    );
    // The parser on the tagger's tags, computed once beforehand.
    let tagged: Vec<(Vec<&str>, Vec<String>, Vec<String>)> = sentences
        .iter()
        .map(|forms| {
            let tags = tagger.tag(forms);
            (
                forms.iter().map(String::as_str).collect(),
                tags.iter().map(|t| t.upos.clone()).collect(),
                tags.iter().map(|t| t.xpos.clone()).collect(),
            )
        })
        .collect();
    let parse_only = time_runs(opts.runs, || {
        for (forms, upos, xpos) in &tagged {
            let upos: Vec<&str> = upos.iter().map(String::as_str).collect();
            let xpos: Vec<&str> = xpos.iter().map(String::as_str).collect();
            black_box(parser.parse(forms, &upos, &xpos));
        }
    });
    row(
        "parser only (on predicted tags)",
        tokens_per_second(parse_only),
        "tokens/s",
    );

    // (b) The whole layer on one article body, after load.
    let analysed = analyzer.analyze(&article);
    let article_words: usize = analysed.iter().map(|s| s.words.len()).sum();
    black_box(analyzer.analyze(&article)); // warm the caches once
    let per_article = time_runs(opts.article_runs, || {
        black_box(analyzer.analyze(&article));
    });
    let (m, lo, hi) = spread(per_article);
    row(
        &format!(
            "whole layer, article ({} bytes, {} sentences, {article_words} tokens)",
            article.len(),
            analysed.len()
        ),
        (m * 1e3, lo * 1e3, hi * 1e3),
        "ms",
    );
    println!(
        "runs: {} over EWT test, {} over the article, {} loads",
        opts.runs, opts.article_runs, opts.load_runs
    );
    Ok(())
}
