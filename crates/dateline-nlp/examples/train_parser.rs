//! Train and evaluate the dependency parser.
//!
//! ```text
//! cargo run --release -p dateline-nlp --example train_parser -- \
//!     [--data DIR] [--epochs N] [--trans-bits B] [--label-bits B] [--seed S] \
//!     [--out models/parser.bin] [--test] \
//!     [--tagger models/tagger.bin] [--jackknife K [--keep-gold]] [--no-xpos]
//! ```
//!
//! Dev is also scored with predicted tags from `--tagger` (default `models/tagger.bin`, the
//! tagger a user gets). `--jackknife K` trains the parser on K-fold jackknifed tags of our
//! own tagger (`dateline_nlp::tagger::train` on the other folds; `--keep-gold`: plus a
//! gold-tagged copy of the training set), so that it learns the tagger's errors;
//! `--no-xpos` drops XPOS everywhere (UPOS-only features).
//!
//! Trains on EWT train + GUM train, picks the epoch with the best dev LAS (EWT dev + GUM
//! dev), prints dev scores per treebank, speed and size; `--test` also scores the test sets
//! (do that once, at the end).

use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_nlp::conllu::{read_file, Sentence};
use dateline_nlp::parser::{
    evaluate, score_sentence, train_with_report, Parser, Scores, TrainOptions,
};
use dateline_nlp::tagger::{self, Tagger};

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
    let mut jackknife = 0usize;
    let mut tagger_path = PathBuf::from("models/tagger.bin");
    let mut no_xpos = false;
    let mut keep_gold = false;
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
            "--jackknife" => jackknife = val().parse().unwrap_or(0),
            "--tagger" => tagger_path = PathBuf::from(val()),
            "--no-xpos" => no_xpos = true,
            "--keep-gold" => keep_gold = true,
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
    let mut ewt_dev = ewt_dev;
    let mut gum_dev = gum_dev;
    if no_xpos {
        // UPOS only: XPOS emptied everywhere (the parser falls back to UPOS)
        for s in train
            .iter_mut()
            .chain(ewt_dev.iter_mut())
            .chain(gum_dev.iter_mut())
        {
            for w in &mut s.words {
                w.xpos.clear();
            }
        }
    }
    let mut dev = ewt_dev.clone();
    dev.extend(gum_dev.iter().cloned());
    if jackknife > 1 {
        // k-fold: each fold's tags come from a tagger trained on the other folds
        let t_tag = Instant::now();
        let k = jackknife;
        let mut retagged = train.clone();
        for fold in 0..k {
            let rest: Vec<Sentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let fold_tagger =
                tagger::train(&rest, &[], &tagger::TrainOptions::default(), |_, _| {});
            for (i, s) in retagged.iter_mut().enumerate() {
                if i % k == fold {
                    retag(&fold_tagger, s, no_xpos);
                }
            }
            eprintln!(
                "jackknife fold {}/{k} tagged ({:.0}s)",
                fold + 1,
                t_tag.elapsed().as_secs_f64()
            );
        }
        if keep_gold {
            // both copies: gold-tagged and jackknifed
            train.extend(retagged);
        } else {
            train = retagged;
        }
    }
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
    match Tagger::load(&tagger_path) {
        Ok(tagger) => {
            for (name, set) in [("EWT dev", &ewt_dev), ("GUM dev", &gum_dev)] {
                let mut scores = Scores::default();
                for gold in set.iter() {
                    let mut tagged = gold.clone();
                    retag(&tagger, &mut tagged, no_xpos);
                    score_sentence(gold, &parser.parse_sentence(&tagged), &mut scores);
                }
                println!(
                    "{name} with predicted tags ({}): UAS {:.2} LAS {:.2}",
                    tagger_path.display(),
                    scores.uas(),
                    scores.las()
                );
            }
        }
        Err(e) => eprintln!("no predicted-tag scores: {e}"),
    }
    if std::env::var_os("PARSER_CONFUSIONS").is_some() {
        confusions(&parser, &dev);
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

/// Most frequent relation confusions on correctly attached words (universal parts).
#[allow(dead_code)]
fn confusions(parser: &Parser, gold: &[Sentence]) {
    use std::collections::HashMap;
    let mut m: HashMap<(String, String), usize> = HashMap::new();
    for s in gold {
        let pred = parser.parse_sentence(s);
        for (w, (h, l)) in s.words.iter().zip(&pred) {
            if w.head == Some(*h)
                && dateline_nlp::parser::universal(&w.deprel) != dateline_nlp::parser::universal(l)
            {
                *m.entry((w.deprel.clone(), l.to_string())).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((g, p), n) in v.iter().take(25) {
        eprintln!("  gold {g:12} pred {p:12} {n}");
    }
}

/// Replace a sentence's UPOS/XPOS with `tagger`'s predictions.
fn retag(tagger: &Tagger, s: &mut Sentence, no_xpos: bool) {
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let tags: Vec<(String, String)> = tagger
        .tag_pos(&forms)
        .into_iter()
        .map(|(u, x)| (u.to_string(), x.to_string()))
        .collect();
    for (w, (u, x)) in s.words.iter_mut().zip(tags) {
        w.upos = u;
        w.xpos = if no_xpos { String::new() } else { x };
    }
}
