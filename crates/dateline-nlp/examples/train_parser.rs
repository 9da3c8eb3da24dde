//! Train and evaluate the dependency parser.
//!
//! ```text
//! cargo run --release -p dateline-nlp --example train_parser -- \
//!     [--data DIR] [--epochs N] [--trans-bits B] [--label-bits B] [--seed S] \
//!     [--out models/parser.bin] [--test]
//! ```
//!
//! Trains on EWT train + GUM train, picks the epoch with the best dev LAS (EWT dev + GUM
//! dev), prints dev scores per treebank, speed and size; `--test` also scores the test sets
//! (do that once, at the end).

use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_nlp::conllu::{read_file, Sentence};
use dateline_nlp::parser::{evaluate, train_with_report, Parser, TrainOptions};

fn load(p: &Path) -> Vec<Sentence> {
    match read_file(p) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let mut data = PathBuf::from("/work/shared/data");
    let mut opts = TrainOptions::default();
    let mut out: Option<PathBuf> = None;
    let mut test = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--data" => data = PathBuf::from(val()),
            "--epochs" => opts.epochs = val().parse().unwrap_or(opts.epochs),
            "--label-epochs" => opts.label_epochs = val().parse().unwrap_or(opts.label_epochs),
            "--trans-bits" => opts.trans_bits = val().parse().unwrap_or(opts.trans_bits),
            "--label-bits" => opts.label_bits = val().parse().unwrap_or(opts.label_bits),
            "--seed" => opts.seed = val().parse().unwrap_or(opts.seed),
            "--explore-from" => opts.explore_from = val().parse().unwrap_or(opts.explore_from),
            "--explore-prob" => opts.explore_prob = val().parse().unwrap_or(opts.explore_prob),
            "--out" => out = Some(PathBuf::from(val())),
            "--test" => test = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let ewt = data.join("ud_english_ewt");
    let gum = data.join("ud_english_gum");
    let mut train = load(&ewt.join("en_ewt-ud-train.conllu"));
    train.extend(load(&gum.join("en_gum-ud-train.open-subset.conllu")));
    let ewt_dev = load(&ewt.join("en_ewt-ud-dev.conllu"));
    let gum_dev = load(&gum.join("en_gum-ud-dev.open-subset.conllu"));
    let mut dev = ewt_dev.clone();
    dev.extend(gum_dev.iter().cloned());
    eprintln!("options: {opts:?}");
    let t0 = Instant::now();
    let (parser, report) = train_with_report(&train, &dev, &opts, |e, uas, las| {
        eprintln!(
            "epoch {e:2}: dev UAS {uas:.2} LAS {las:.2}  ({:.0}s)",
            t0.elapsed().as_secs_f64()
        );
    });
    let train_secs = t0.elapsed().as_secs_f64();
    eprintln!(
        "trained in {train_secs:.0}s on {} sentences ({} non-projective, used as they are; {} skipped)",
        report.sentences, report.nonprojective, report.skipped
    );
    let bytes = match parser.to_bytes() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    eprintln!("model size: {:.2} MB", bytes.len() as f64 / 1e6);
    let parser = match Parser::from_bytes("model", &bytes) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for (name, set) in [("EWT dev", &ewt_dev), ("GUM dev", &gum_dev)] {
        let s = evaluate(&parser, set);
        println!(
            "{name}: UAS {:.2} LAS {:.2} ({} words)",
            s.uas(),
            s.las(),
            s.words
        );
    }
    // speed: parse EWT dev + GUM dev, tags given
    let prepared: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = dev
        .iter()
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.as_str()).collect(),
                s.words.iter().map(|w| w.upos.as_str()).collect(),
                s.words.iter().map(|w| w.xpos.as_str()).collect(),
            )
        })
        .collect();
    let mut tokens = 0usize;
    let t1 = Instant::now();
    for _ in 0..3 {
        for (w, u, x) in &prepared {
            tokens += parser.parse(w, u, x).len();
        }
    }
    let secs = t1.elapsed().as_secs_f64();
    println!("speed: {:.0} tokens/s (one core)", tokens as f64 / secs);
    if test {
        let ewt_test = load(&ewt.join("en_ewt-ud-test.conllu"));
        let gum_test = load(&gum.join("en_gum-ud-test.open-subset.conllu"));
        for (name, set) in [("EWT test", &ewt_test), ("GUM test", &gum_test)] {
            let s = evaluate(&parser, set);
            println!(
                "{name}: UAS {:.2} LAS {:.2} ({} words)",
                s.uas(),
                s.las(),
                s.words
            );
        }
    }
    if let Some(out) = out {
        if let Err(e) = std::fs::write(&out, &bytes) {
            eprintln!("{}: {e}", out.display());
            std::process::exit(1);
        }
        eprintln!("wrote {}", out.display());
    }
}
