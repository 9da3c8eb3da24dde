//! Train and evaluate the dependency parser.
//!
//! ```text
//! cargo run --release -p dateline-nlp --example train_parser -- \
//!     [--data DIR] [--epochs N] [--trans-bits B] [--label-bits B] [--seed S] \
//!     [--out models/parser.bin] [--test] \
//!     [--quick-tags] [--jackknife K [--keep-gold]] [--tag-noise P] [--no-xpos]
//! ```
//!
//! `--quick-tags` also scores dev with tags from a stand-in perceptron tagger trained on the
//! training set; `--jackknife K` trains the parser on K-fold jackknifed stand-in tags
//! (`--keep-gold`: plus a gold-tagged copy of the training set);
//! `--tag-noise P` re-tags a share P of training words with a most-frequent-tag guess;
//! `--no-xpos` drops XPOS everywhere (UPOS-only features).
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
    let mut jackknife = 0usize;
    let mut quick_tags = false;
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
            "--quick-tags" => quick_tags = true,
            "--no-xpos" => no_xpos = true,
            "--keep-gold" => keep_gold = true,
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
    let t_tag = Instant::now();
    let quick = (quick_tags || jackknife > 1).then(|| QuickTagger::train(&train, 5));
    if jackknife > 1 {
        // k-fold: each fold's tags come from a tagger trained on the other folds
        let k = jackknife;
        let mut retagged = train.clone();
        let mut accs = Vec::new();
        for fold in 0..k {
            let rest: Vec<Sentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let tagger = QuickTagger::train(&rest, 5);
            let mut part: Vec<Sentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k == fold)
                .map(|(_, s)| s.clone())
                .collect();
            accs.push(tagger.retag(&mut part));
            let mut it = part.into_iter();
            for (i, s) in retagged.iter_mut().enumerate() {
                if i % k == fold {
                    if let Some(p) = it.next() {
                        *s = p;
                    }
                }
            }
        }
        eprintln!("jackknifed training tags ({k} folds), UPOS acc {accs:.2?}");
        if keep_gold {
            // both copies: gold-tagged and jackknifed
            train.extend(retagged);
        } else {
            train = retagged;
        }
    }
    eprintln!(
        "quick tagger(s) trained in {:.0}s",
        t_tag.elapsed().as_secs_f64()
    );
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
    if let Some(q) = &quick {
        for (name, set) in [("EWT dev", &ewt_dev), ("GUM dev", &gum_dev)] {
            let mut tagged = set.clone();
            let acc = q.retag(&mut tagged);
            if no_xpos {
                for s in &mut tagged {
                    for w in &mut s.words {
                        w.xpos.clear();
                    }
                }
            }
            let mut s = dateline_nlp::parser::Scores::default();
            for (g, t) in set.iter().zip(&tagged) {
                let pred = parser.parse_sentence(t);
                dateline_nlp::parser::score_sentence(g, &pred, &mut s);
            }
            println!(
                "{name} with quick-tagger tags (UPOS acc {acc:.2}%): UAS {:.2} LAS {:.2}",
                s.uas(),
                s.las()
            );
        }
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

/// A small greedy averaged-perceptron tagger (UPOS+XPOS pairs), only to estimate the parser
/// with realistic predicted tags and to jackknife training tags; the real tagger lives in
/// `tagger.rs`.
struct QuickTagger {
    classes: Vec<(String, String)>,
    w: Vec<f32>,
}

const QT_BITS: u32 = 17;

fn qt_hash(parts: &[&str], id: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ id.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for p in parts {
        for b in p.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
    h.wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn qt_features(words: &[String], i: usize, p1: &str, p2: &str, out: &mut Vec<u64>) {
    out.clear();
    let get = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= words.len() {
            "<pad>"
        } else {
            &words[j as usize]
        }
    };
    let w = get(0);
    let lw = w.to_lowercase();
    let suf = |s: &str, n: usize| -> String {
        let c: Vec<char> = s.chars().collect();
        c[c.len().saturating_sub(n)..].iter().collect()
    };
    let shape: String = w
        .chars()
        .map(|c| {
            if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            }
        })
        .take(6)
        .collect();
    let pre: String = lw.chars().take(2).collect();
    let feats: Vec<Vec<String>> = vec![
        vec![],
        vec![w.to_string()],
        vec![lw.clone()],
        vec![suf(&lw, 1)],
        vec![suf(&lw, 2)],
        vec![suf(&lw, 3)],
        vec![suf(&lw, 4)],
        vec![pre],
        vec![shape],
        vec![get(-1).to_lowercase()],
        vec![get(1).to_lowercase()],
        vec![get(-2).to_lowercase()],
        vec![get(2).to_lowercase()],
        vec![suf(&get(1).to_lowercase(), 3)],
        vec![suf(&get(-1).to_lowercase(), 3)],
        vec![p1.to_string()],
        vec![p2.to_string(), p1.to_string()],
        vec![p1.to_string(), lw.clone()],
        vec![get(-1).to_lowercase(), lw.clone()],
        vec![lw.clone(), get(1).to_lowercase()],
        vec![(i == 0).to_string(), shape_first(w)],
    ];
    for (k, f) in feats.iter().enumerate() {
        let parts: Vec<&str> = f.iter().map(String::as_str).collect();
        out.push(qt_hash(&parts, k as u64));
    }
}

fn shape_first(w: &str) -> String {
    w.chars()
        .next()
        .map_or(String::new(), |c| c.is_uppercase().to_string())
}

impl QuickTagger {
    fn train(train: &[Sentence], epochs: usize) -> Self {
        let mut classes: Vec<(String, String)> = Vec::new();
        for s in train {
            for w in &s.words {
                let c = (w.upos.clone(), w.xpos.clone());
                if !classes.contains(&c) {
                    classes.push(c);
                }
            }
        }
        classes.sort();
        let nc = classes.len().max(1);
        let rows = 1usize << QT_BITS;
        let mut w = vec![0i32; rows * nc];
        let mut u = vec![0i64; rows * nc];
        let mut c: i64 = 1;
        let mut feats = Vec::new();
        let mut sc = vec![0i64; nc];
        for _ in 0..epochs {
            for s in train {
                let words: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
                let (mut p1, mut p2) = ("<s>".to_string(), "<s>".to_string());
                for (i, word) in s.words.iter().enumerate() {
                    qt_features(&words, i, &p1, &p2, &mut feats);
                    sc.iter_mut().for_each(|x| *x = 0);
                    for &f in &feats {
                        let r = (f >> (64 - QT_BITS)) as usize * nc;
                        for (k, s) in sc.iter_mut().enumerate() {
                            *s += i64::from(w[r + k]);
                        }
                    }
                    let best = (0..nc).fold(0, |b, k| if sc[k] > sc[b] { k } else { b });
                    let gold = classes
                        .binary_search(&(word.upos.clone(), word.xpos.clone()))
                        .unwrap_or(0);
                    if best != gold {
                        for &f in &feats {
                            let r = (f >> (64 - QT_BITS)) as usize * nc;
                            w[r + gold] += 1;
                            u[r + gold] += c;
                            w[r + best] -= 1;
                            u[r + best] -= c;
                        }
                    }
                    c += 1;
                    p2 = std::mem::replace(&mut p1, classes[gold].1.clone());
                }
            }
        }
        let cf = c as f64;
        let w = w
            .iter()
            .zip(&u)
            .map(|(&w, &u)| (f64::from(w) - u as f64 / cf) as f32)
            .collect();
        QuickTagger { classes, w }
    }

    fn tag(&self, words: &[String]) -> Vec<(String, String)> {
        let nc = self.classes.len().max(1);
        let mut out: Vec<(String, String)> = Vec::with_capacity(words.len());
        let (mut p1, mut p2) = ("<s>".to_string(), "<s>".to_string());
        let mut feats = Vec::new();
        let mut sc = vec![0f32; nc];
        for i in 0..words.len() {
            qt_features(words, i, &p1, &p2, &mut feats);
            sc.iter_mut().for_each(|x| *x = 0.0);
            for &f in &feats {
                let r = (f >> (64 - QT_BITS)) as usize * nc;
                for (k, s) in sc.iter_mut().enumerate() {
                    *s += self.w.get(r + k).copied().unwrap_or(0.0);
                }
            }
            let best = (0..nc).fold(0, |b, k| if sc[k] > sc[b] { k } else { b });
            let t = self.classes.get(best).cloned().unwrap_or_default();
            p2 = std::mem::replace(&mut p1, t.1.clone());
            out.push(t);
        }
        out
    }

    /// Re-tag sentences in place; returns UPOS accuracy (%).
    fn retag(&self, sents: &mut [Sentence]) -> f64 {
        let (mut right, mut all) = (0usize, 0usize);
        for s in sents {
            let words: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            for (w, (u, x)) in s.words.iter_mut().zip(self.tag(&words)) {
                all += 1;
                right += usize::from(w.upos == u);
                w.upos = u;
                w.xpos = x;
            }
        }
        100.0 * right as f64 / all.max(1) as f64
    }
}
