//! Train and evaluate the tagger on UD English EWT + GUM.
//!
//! ```text
//! cargo run --release -p dateline-nlp --example train_tagger -- \
//!     [--data /work/shared/data] [--epochs 8] [--second-pass-epochs 10] [--seed N] \
//!     [--out models/tagger.bin] [--feats-epochs 5] [--joint-feats] [--ewt-only] \
//!     [--tagdict-count 20] [--tagdict-ratio 0.995] [--prune 0.5] [--test] [--load FILE] \
//!     [--reprune X] [--dump FILE] [--bench pos|full N] [--skip-margin X] \
//!     [--no-amb] [--amb-share X] [--no-loo] [--feature-set BITS] [--keep-best] [--folds K]
//! ```
//! Trains on EWT train + GUM train, reports dev after each epoch, then dev scores per
//! treebank, speed, model size and load time. `--test` also scores the test sets (do that
//! once, at the end). `--load FILE` skips training and evaluates a saved model. The
//! experiment switches map to `TrainOptions` fields (`--feature-set`: the optional
//! template groups, `features::FS_*` bits: 2 hyphen parts, 4 more second-pass templates,
//! 8 capitalisation; ambiguity classes are on unless `--no-amb`). The shipped model is
//! the defaults; `dateline train tagger --out models/tagger.bin` rebuilds it.

use std::path::PathBuf;
use std::time::Instant;

use dateline_nlp::conllu::{read_file, Sentence};
use dateline_nlp::tagger::{self, Tagger, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = PathBuf::from("/work/shared/data");
    let mut out: Option<PathBuf> = None;
    let mut load: Option<PathBuf> = None;
    let mut test = false;
    let mut dump: Option<PathBuf> = None;
    let mut reprune: Option<f32> = None;
    let mut ewt_only = false;
    let mut bench: Option<(String, usize)> = None;
    let mut skip_margin: Option<f32> = None;
    let mut opts = TrainOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(val()?),
            "--epochs" => opts.epochs = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--out" => out = Some(PathBuf::from(val()?)),
            "--load" => load = Some(PathBuf::from(val()?)),
            "--tagdict-count" => opts.tagdict_min_count = val()?.parse()?,
            "--tagdict-ratio" => opts.tagdict_min_ratio = val()?.parse()?,
            "--prune" => opts.prune_below = val()?.parse()?,
            "--test" => test = true,
            "--ewt-only" => ewt_only = true,
            "--bench" => {
                // `--bench pos|full N`: only load the model (`--load`) and tag EWT+GUM dev
                // N times; run under `perf stat` for CPU time on a shared machine.
                let what = val()?;
                let n = val()?.parse()?;
                bench = Some((what, n));
            }
            "--reprune" => reprune = Some(val()?.parse()?),
            "--joint-feats" => opts.joint_feats = true,
            "--feats-epochs" => opts.feats_epochs = val()?.parse()?,
            "--second-pass-epochs" => opts.second_pass_epochs = val()?.parse()?,
            "--no-amb" => opts.ambiguity_classes = false,
            "--amb-share" => opts.amb_min_share = val()?.parse()?,
            "--feature-set" => opts.feature_set = val()?.parse()?,
            "--skip-margin" => skip_margin = Some(val()?.parse()?),
            "--keep-best" => opts.keep_best_epoch = true,
            "--folds" => opts.jackknife_folds = val()?.parse()?,
            "--no-loo" => opts.amb_leave_one_out = false,
            "--dump" => dump = Some(PathBuf::from(val()?)),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let ewt = |split: &str| data.join(format!("ud_english_ewt/en_ewt-ud-{split}.conllu"));
    let gum = |split: &str| {
        data.join(format!(
            "ud_english_gum/en_gum-ud-{split}.open-subset.conllu"
        ))
    };
    let ewt_dev = read_file(&ewt("dev"))?;
    let gum_dev = read_file(&gum("dev"))?;
    let dev: Vec<Sentence> = ewt_dev.iter().chain(&gum_dev).cloned().collect();

    if let (Some((what, n)), Some(path)) = (&bench, &load) {
        let mut t = Tagger::load(path)?;
        if let Some(m) = skip_margin {
            t.set_second_pass_skip_margin(m);
        }
        let sents: Vec<Vec<&str>> = dev
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let words: usize = sents.iter().map(|s| s.len()).sum();
        let t0 = Instant::now();
        let mut sink = 0usize;
        for _ in 0..*n {
            for s in &sents {
                sink += if what == "pos" {
                    t.tag_pos(s).len()
                } else {
                    t.tag(s).len()
                };
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "bench {what}: {} tokens in {secs:.2} s wall = {:.0} tokens/s [{sink}]",
            words * n,
            (words * n) as f64 / secs
        );
        return Ok(());
    }
    let mut tagger = if let Some(path) = &load {
        Tagger::load(path)?
    } else {
        let mut train = read_file(&ewt("train"))?;
        if !ewt_only {
            train.extend(read_file(&gum("train"))?);
        }
        let words: usize = train.iter().map(|s| s.words.len()).sum();
        eprintln!("train: {} sentences, {words} words; {opts:?}", train.len());
        let t0 = Instant::now();
        let tagger = tagger::train(&train, &dev, &opts, |epoch, upos| {
            eprintln!(
                "epoch {epoch}: dev UPOS {:.2}  ({:.0} s)",
                100.0 * upos,
                t0.elapsed().as_secs_f64()
            );
        });
        eprintln!("training took {:.1} s", t0.elapsed().as_secs_f64());
        tagger
    };
    if let Some(p) = reprune {
        tagger.prune(p);
    }
    if let Some(m) = skip_margin {
        tagger.set_second_pass_skip_margin(m);
    }
    let (classes, feats, weights, tagdict, lex, rules) = tagger.stats();
    eprintln!(
        "model: {classes} classes, {feats} features, {weights} weights, {tagdict} tag-dict words, {lex} lexicon forms, {rules} lemma rules"
    );
    let bytes = tagger.to_bytes()?;
    eprintln!("size: {:.2} MB", bytes.len() as f64 / 1e6);
    let t0 = Instant::now();
    let again = Tagger::from_bytes("memory", &bytes)?;
    eprintln!("load: {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);
    if let Some(path) = &out {
        tagger.save(path)?;
        eprintln!("wrote {}", path.display());
    }

    if let Some(path) = &dump {
        // EWT dev as predicted, for error analysis.
        let mut text = String::new();
        for s in &ewt_dev {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let mut p = s.clone();
            for (w, r) in p.words.iter_mut().zip(again.tag(&words)) {
                (w.upos, w.xpos, w.lemma, w.feats) = (r.upos, r.xpos, r.lemma, r.feats);
            }
            text.push_str(&p.to_conllu());
        }
        std::fs::write(path, text)?;
    }
    println!("EWT dev  {}", again.evaluate(&ewt_dev));
    println!("GUM dev  {}", again.evaluate(&gum_dev));

    // Speed, one thread, on dev (3 passes).
    let sents: Vec<Vec<&str>> = dev
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = sents.iter().map(|s| s.len()).sum::<usize>() * 3;
    let t0 = Instant::now();
    let mut sink = 0usize;
    for _ in 0..3 {
        for s in &sents {
            sink += again.tag_pos(s).len();
        }
    }
    let pos = n as f64 / t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    for _ in 0..3 {
        for s in &sents {
            sink += again.tag(s).len();
        }
    }
    let full = n as f64 / t0.elapsed().as_secs_f64();
    println!(
        "speed: {pos:.0} tokens/s (POS only), {full:.0} tokens/s (POS + lemma + feats) [{sink}]"
    );

    if test {
        println!("EWT test {}", again.evaluate(&read_file(&ewt("test"))?));
        println!("GUM test {}", again.evaluate(&read_file(&gum("test"))?));
    }
    Ok(())
}
