//! Train the dependency parser with the shipped recipe (`dateline_nlp::parser::recipe`, the
//! same as `dateline train parser`) and measure it.
//!
//! ```text
//! cargo run --release -p dateline-nlp --example train_parser -- \
//!     [--data DIR] [--epochs N] [--beam K] [--trans-bits B] [--label-bits B] [--seed S] \
//!     [--tagger models/tagger.bin] [--jackknife K] [--no-keep-gold] \
//!     [--train-cache FILE.conllu] [--load FILE] [--decode-beams 1,2,4] [--out models/parser.bin] [--test]
//! ```
//!
//! Prints dev scores (EWT dev, GUM dev) with gold tags and with `--tagger`'s predicted tags
//! (the tags a user gets; the epoch is chosen on the latter), parsing speed with given tags,
//! and the model size. `--train-cache` stores the (jackknifed) training set, or reads it
//! when the file exists, so that experiments need not retrain the fold taggers;
//! `--decode-beams` also scores the model decoded with other beam widths; `--load` scores a
//! saved model instead of training one. `--test` scores
//! the test sets with predicted tags — do that once, at the end.

use std::path::PathBuf;
use std::time::Instant;

use dateline_nlp::conllu::{self, Sentence};
use dateline_nlp::parser::recipe::{self, Progress, RecipeOptions, Treebanks};
use dateline_nlp::parser::{evaluate, Parser};
use dateline_nlp::tagger::Tagger;

fn die(msg: impl std::fmt::Display) -> ! {
    eprintln!("{msg}");
    std::process::exit(1)
}

fn main() {
    let mut data = PathBuf::from("/work/shared/data");
    let mut opts = RecipeOptions::default();
    let mut out: Option<PathBuf> = None;
    let mut test = false;
    let mut tagger_path = PathBuf::from("models/tagger.bin");
    let mut cache: Option<PathBuf> = None;
    let mut decode_beams: Vec<usize> = Vec::new();
    let mut load: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        let t = &mut opts.train;
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--epochs" => t.epochs = val().parse().unwrap_or(t.epochs),
            "--label-epochs" => t.label_epochs = val().parse().unwrap_or(t.label_epochs),
            "--trans-bits" => t.trans_bits = val().parse().unwrap_or(t.trans_bits),
            "--label-bits" => t.label_bits = val().parse().unwrap_or(t.label_bits),
            "--seed" => t.seed = val().parse().unwrap_or(t.seed),
            "--explore-from" => t.explore_from = val().parse().unwrap_or(t.explore_from),
            "--explore-prob" => t.explore_prob = val().parse().unwrap_or(t.explore_prob),
            "--beam" => t.beam = val().parse().unwrap_or(t.beam),
            "--out" => out = Some(PathBuf::from(val())),
            "--test" => test = true,
            "--jackknife" => opts.jackknife = val().parse().unwrap_or(0),
            "--no-keep-gold" => opts.keep_gold = false,
            "--tagger" => tagger_path = PathBuf::from(val()),
            "--load" => load = Some(PathBuf::from(val())),
            "--train-cache" => cache = Some(PathBuf::from(val())),
            "--decode-beams" => {
                decode_beams = val().split(',').filter_map(|x| x.parse().ok()).collect()
            }
            other => die(format!("unknown argument {other}")),
        }
    }
    let tb = Treebanks::load(&data).unwrap_or_else(|e| die(e));
    let tagger = Tagger::load(&tagger_path).unwrap_or_else(|e| die(e));
    let t0 = Instant::now();
    let progress = |p: Progress| match p {
        Progress::Fold { fold, of } => eprintln!(
            "jackknife fold {fold}/{of} tagged ({:.0}s)",
            t0.elapsed().as_secs_f64()
        ),
        Progress::Epoch { epoch, uas, las } => eprintln!(
            "epoch {epoch:2}: dev UAS {uas:.2} LAS {las:.2} (predicted tags)  ({:.0}s)",
            t0.elapsed().as_secs_f64()
        ),
    };
    let parser = match &load {
        Some(path) => Parser::load(path).unwrap_or_else(|e| die(e)),
        None => {
            let train: Vec<Sentence> = match &cache {
                Some(c) if c.exists() => conllu::read_file(c).unwrap_or_else(|e| die(e)),
                _ => {
                    let set = recipe::training_set(&tb, &opts, progress);
                    if let Some(c) = &cache {
                        let text: String = set.iter().map(Sentence::to_conllu).collect();
                        std::fs::write(c, text).unwrap_or_else(|e| die(e));
                    }
                    set
                }
            };
            let dev = recipe::dev_set(&tb, Some(&tagger));
            eprintln!("options: {opts:?}");
            let (parser, report) = recipe::train_on(&train, &dev, &opts.train, progress);
            eprintln!(
        "trained in {:.0}s on {} sentences ({} non-projective, used as they are; {} skipped)",
        t0.elapsed().as_secs_f64(),
        report.sentences,
        report.nonprojective,
        report.skipped
    );
            parser
        }
    };
    let bytes = parser.to_bytes().unwrap_or_else(|e| die(e));
    eprintln!("model size: {:.2} MB", bytes.len() as f64 / 1e6);
    let mut parser = Parser::from_bytes("model", &bytes).unwrap_or_else(|e| die(e));
    let trained_beam = parser.beam();
    let ewt_pred = recipe::retagged(&tagger, &tb.ewt_dev);
    let gum_pred = recipe::retagged(&tagger, &tb.gum_dev);
    let mut beams = vec![trained_beam];
    beams.extend(decode_beams.iter().filter(|&&b| b != trained_beam));
    for &b in &beams {
        parser.set_beam(b);
        for (name, gold, pred) in [
            ("EWT dev", &tb.ewt_dev, &ewt_pred),
            ("GUM dev", &tb.gum_dev, &gum_pred),
        ] {
            let g = evaluate(&parser, gold);
            let p = evaluate(&parser, pred);
            println!(
                "beam {b}: {name}: predicted tags UAS {:.2} LAS {:.2} | gold tags UAS {:.2} LAS {:.2}",
                p.uas(),
                p.las(),
                g.uas(),
                g.las()
            );
        }
        // speed: parse EWT dev + GUM dev, tags given, best of 3 runs
        let prepared: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = ewt_pred
            .iter()
            .chain(&gum_pred)
            .map(|s| {
                (
                    s.words.iter().map(|w| w.form.as_str()).collect(),
                    s.words.iter().map(|w| w.upos.as_str()).collect(),
                    s.words.iter().map(|w| w.xpos.as_str()).collect(),
                )
            })
            .collect();
        let mut best = 0.0f64;
        for _ in 0..3 {
            let mut tokens = 0usize;
            let t1 = Instant::now();
            for (w, u, x) in &prepared {
                tokens += parser.parse(w, u, x).len();
            }
            best = best.max(tokens as f64 / t1.elapsed().as_secs_f64());
        }
        println!("beam {b}: speed {best:.0} words/s (one core, tags given, best of 3)");
    }
    parser.set_beam(trained_beam);
    if test {
        for (name, file) in [
            ("EWT test", recipe::EWT_TEST),
            ("GUM test", recipe::GUM_TEST),
        ] {
            let gold = recipe::load(&data, file).unwrap_or_else(|e| die(e));
            let pred = recipe::retagged(&tagger, &gold);
            let p = evaluate(&parser, &pred);
            println!(
                "{name}: predicted tags UAS {:.2} LAS {:.2} ({} words)",
                p.uas(),
                p.las(),
                p.words
            );
        }
    }
    if let Some(out) = out {
        std::fs::write(&out, &bytes).unwrap_or_else(|e| die(format!("{}: {e}", out.display())));
        eprintln!("wrote {}", out.display());
    }
}
