//! Speed of the language layer (issue 3), run by `bench/language/run.sh`:
//!
//! ```text
//! cargo bench -p dateline-nlp --bench language -- --ewt FILE.conllu --article EXTRACT.json
//!     [--runs N] [--article-runs N] [--load-runs N] [--once] [--only PART]
//! ```
//!
//! A plain `main` (`harness = false`), not criterion: what we report is one figure per
//! question — tokens per second over a whole test set, milliseconds per article, load
//! time — as the median and spread of repeated runs, which needs no statistics framework,
//! and a dependency-free bench builds in seconds on the shared two-core machine instead of
//! compiling criterion's tree. Criterion's outlier analysis would not make figures taken
//! beside other helpers' training jobs stable anyway; for that the script runs this binary
//! under callgrind with `--once --only PART` (one pass of one measurement, PART one of `load`,
//! `tag_parse`, `tag`, `parse`, `article`), collecting only inside the never-inlined
//! `bench_PART` function: an exact instruction count.
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
    /// Run only this measurement (`load`, `tag_parse`, `tag`, `parse`, `article`).
    only: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut ewt = None;
    let mut article = None;
    let (mut runs, mut article_runs, mut load_runs) = (5, 300, 10);
    let mut only = None;
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
            "--only" => only = Some(value("--only")?),
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
        only,
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

/// CPU time this thread has run, in seconds, from the kernel's scheduler statistics
/// (`/proc/thread-self/schedstat`, Linux). Unlike wall time it leaves out the time the thread
/// waited for a core, so it stays near a quiet machine's figure while other jobs load the
/// machine (shared caches still slow it a little).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos as f64 * 1e-9)
}

/// Wall-clock and thread CPU seconds taken by `f`, `runs` times (CPU is NaN where the kernel
/// does not tell).
fn time_runs(runs: usize, mut f: impl FnMut()) -> (Vec<f64>, Vec<f64>) {
    (0..runs)
        .map(|_| {
            let cpu_start = thread_cpu_seconds();
            let start = Instant::now();
            f();
            let wall = start.elapsed().as_secs_f64();
            let cpu = match (cpu_start, thread_cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => f64::NAN,
            };
            (wall, cpu)
        })
        .unzip()
}

// The measured work, one function each and never inlined, so that
// `callgrind_annotate --inclusive=yes` counts each one's instructions under its own name
// (`language::bench_article`, …) however the compiler inlines what they call.

#[inline(never)]
fn bench_load() {
    black_box(Analyzer::bundled().ok());
}

#[inline(never)]
fn bench_tag_parse(analyzer: &Analyzer, sentences: &[Vec<String>]) {
    for forms in sentences {
        black_box(analyzer.analyze_words(forms));
    }
}

#[inline(never)]
fn bench_tag(tagger: &Tagger, sentences: &[Vec<String>]) {
    for forms in sentences {
        black_box(tagger.tag(forms));
    }
}

/// The parser on tags computed beforehand: (forms, UPOS, XPOS) per sentence.
type Tagged<'a> = (Vec<&'a str>, Vec<String>, Vec<String>);

#[inline(never)]
fn bench_parse(parser: &Parser, tagged: &[Tagged<'_>]) {
    for (forms, upos, xpos) in tagged {
        let upos: Vec<&str> = upos.iter().map(String::as_str).collect();
        let xpos: Vec<&str> = xpos.iter().map(String::as_str).collect();
        black_box(parser.parse(forms, &upos, &xpos));
    }
}

#[inline(never)]
fn bench_article(analyzer: &Analyzer, article: &str) {
    black_box(analyzer.analyze(article));
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
        "{:<48} {:>10} {:>10} {:>10} {:>10}  unit (wall clock; CPU: this thread's CPU time)",
        "measurement", "median", "min", "max", "CPU median"
    );
    let row = |name: &str, (median, min, max): (f64, f64, f64), cpu: f64, unit: &str| {
        println!("{name:<48} {median:>10.2} {min:>10.2} {max:>10.2} {cpu:>10.2}  {unit}");
    };
    let millis = |(wall, cpu): (Vec<f64>, Vec<f64>)| {
        let (m, lo, hi) = spread(wall);
        ((m * 1e3, lo * 1e3, hi * 1e3), spread(cpu).0 * 1e3)
    };
    let rate = |seconds: f64| words as f64 / seconds.max(1e-12);
    let tokens_per_second = |(wall, cpu): (Vec<f64>, Vec<f64>)| {
        // The slowest run is the lowest rate: min and max swap.
        let (m, lo, hi) = spread(wall);
        ((rate(m), rate(hi), rate(lo)), rate(spread(cpu).0))
    };

    // (c) Model load: both models from the bytes compiled into the binary.
    let wanted = |part: &str| opts.only.as_deref().is_none_or(|only| only == part);
    if wanted("load") {
        let (wall, cpu) = millis(time_runs(opts.load_runs, bench_load));
        row("model load (tagger + parser + entities)", wall, cpu, "ms");
    }

    let analyzer = Analyzer::bundled()?;
    let tagger = Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?;
    let parser = Parser::from_bytes("bundled parser", BUNDLED_PARSER)?;

    // (a) EWT test with gold tokenization.
    // Issue 3's "tag + parse" (the pipeline without the entity tagger), then the whole
    // bundled pipeline with entities.
    let tag_parse = Analyzer::new(
        Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?,
        Parser::from_bytes("bundled parser", BUNDLED_PARSER)?,
    );
    let (wall, cpu) = tokens_per_second(time_runs(opts.runs, || {
        bench_tag_parse(&tag_parse, &sentences);
    }));
    row(
        &format!("tag + parse, EWT test ({words} words)"),
        wall,
        cpu,
        "tokens/s",
    );
    let (wall, cpu) = tokens_per_second(time_runs(opts.runs, || {
        bench_tag_parse(&analyzer, &sentences);
    }));
    row("tag + parse + entities, EWT test", wall, cpu, "tokens/s");
    let (wall, cpu) = tokens_per_second(time_runs(opts.runs, || {
        bench_tag(&tagger, &sentences);
    }));
    row(
        "tagger only (UPOS, XPOS, lemma, feats)",
        wall,
        cpu,
        "tokens/s",
    );
    // The parser on the tagger's tags, computed once beforehand.
    let tagged: Vec<Tagged<'_>> = if !wanted("parse") {
        Vec::new()
    } else {
        sentences
            .iter()
            .map(|forms| {
                let tags = tagger.tag(forms);
                (
                    forms.iter().map(String::as_str).collect(),
                    tags.iter().map(|t| t.upos.clone()).collect(),
                    tags.iter().map(|t| t.xpos.clone()).collect(),
                )
            })
            .collect()
    };
    if wanted("parse") {
        let (wall, cpu) = tokens_per_second(time_runs(opts.runs, || {
            bench_parse(&parser, &tagged);
        }));
        row("parser only (on predicted tags)", wall, cpu, "tokens/s");
    }

    // (b) The whole layer on one article body, after load.
    if wanted("article") {
        let analysed = analyzer.analyze(&article);
        let article_words: usize = analysed.iter().map(|s| s.words.len()).sum();
        black_box(analyzer.analyze(&article)); // warm the caches once
        let (wall, cpu) = millis(time_runs(opts.article_runs, || {
            bench_article(&analyzer, &article);
        }));
        row(
            &format!(
                "whole layer, article ({} B, {} sent., {article_words} tok.)",
                article.len(),
                analysed.len()
            ),
            wall,
            cpu,
            "ms",
        );
    }
    println!(
        "runs: {} over EWT test, {} over the article, {} loads",
        opts.runs, opts.article_runs, opts.load_runs
    );
    Ok(())
}
