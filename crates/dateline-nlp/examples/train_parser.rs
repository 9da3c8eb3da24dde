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
    let mut tag_noise = 0.0f64;
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
            "--tag-noise" => tag_noise = val().parse().unwrap_or(0.0),
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
    if tag_noise > 0.0 {
        // replace a share of the training words' tags by the crude tagger's guess: the
        // parser sees realistic tagging errors (a stand-in for jackknifed tags)
        let crude = CrudeTagger::new(&train);
        let mut x = opts.seed ^ 0x5eed;
        let mut changed = 0usize;
        for s in &mut train {
            for w in &mut s.words {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if ((x >> 11) as f64 / (1u64 << 53) as f64) < tag_noise {
                    let (u, xp) = crude.tag(&w.form);
                    changed += usize::from(u != w.upos || xp != w.xpos);
                    w.upos = u;
                    w.xpos = xp;
                }
            }
        }
        eprintln!("tag noise {tag_noise}: {changed} training words got a wrong tag");
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
    // a crude stand-in for predicted tags until the tagger lands: the most frequent tag pair
    // of each training word, suffix guesses for unknown words (a pessimistic bound)
    let crude = CrudeTagger::new(&train);
    for (name, set) in [("EWT dev", &ewt_dev), ("GUM dev", &gum_dev)] {
        let (s, acc) = eval_crude(&parser, &crude, set);
        println!(
            "{name} with crude unigram tags (UPOS acc {acc:.2}%): UAS {:.2} LAS {:.2}",
            s.uas(),
            s.las()
        );
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

/// Most frequent (UPOS, XPOS) per word form in training; suffix rules for unknown words.
struct CrudeTagger {
    map: std::collections::HashMap<String, (String, String)>,
}

impl CrudeTagger {
    fn new(train: &[Sentence]) -> Self {
        use std::collections::HashMap;
        let mut counts: HashMap<String, HashMap<(String, String), usize>> = HashMap::new();
        for s in train {
            for w in &s.words {
                *counts
                    .entry(w.form.clone())
                    .or_default()
                    .entry((w.upos.clone(), w.xpos.clone()))
                    .or_default() += 1;
            }
        }
        let map = counts
            .into_iter()
            .filter_map(|(k, v)| {
                let mut v: Vec<_> = v.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v.into_iter().next().map(|(t, _)| (k, t))
            })
            .collect();
        CrudeTagger { map }
    }

    fn tag(&self, form: &str) -> (String, String) {
        if let Some(t) = self.map.get(form) {
            return t.clone();
        }
        let (u, x) = if form.chars().any(|c| c.is_ascii_digit()) {
            ("NUM", "CD")
        } else if form.chars().next().is_some_and(char::is_uppercase) {
            ("PROPN", "NNP")
        } else if form.ends_with("ly") {
            ("ADV", "RB")
        } else if form.ends_with("ing") {
            ("VERB", "VBG")
        } else if form.ends_with("ed") {
            ("VERB", "VBD")
        } else if form.ends_with('s') {
            ("NOUN", "NNS")
        } else {
            ("NOUN", "NN")
        };
        (u.to_string(), x.to_string())
    }
}

fn eval_crude(
    parser: &Parser,
    crude: &CrudeTagger,
    gold: &[Sentence],
) -> (dateline_nlp::parser::Scores, f64) {
    let mut scores = dateline_nlp::parser::Scores::default();
    let (mut right, mut all) = (0usize, 0usize);
    for s in gold {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags: Vec<(String, String)> = words.iter().map(|w| crude.tag(w)).collect();
        for (w, t) in s.words.iter().zip(&tags) {
            all += 1;
            right += usize::from(w.upos == t.0);
        }
        let upos: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
        let xpos: Vec<&str> = tags.iter().map(|t| t.1.as_str()).collect();
        let pred = parser.parse(&words, &upos, &xpos);
        dateline_nlp::parser::score_sentence(s, &pred, &mut scores);
    }
    (scores, 100.0 * right as f64 / all.max(1) as f64)
}
