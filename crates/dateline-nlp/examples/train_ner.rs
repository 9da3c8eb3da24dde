//! Train and evaluate the entity tagger (the dev driver behind the variant table in
//! `ner/mod.rs`).
//!
//! ```text
//! cargo run --release -p dateline-nlp --example train_ner -- \
//!     [--data /work/shared/data] [--tagger models/tagger.bin] [--epochs 10] [--seed N] \
//!     [--scheme bilou|strict|bio] [--no-pos] [--no-dict] [--min-population 100000] [--actors] \
//!     [--skip SET]... [--weight SET=N]... [--prune 0.5] [--out models/ner.bin] [--test] \
//!     [--load FILE --bench N]
//! ```
//! Trains on the corpus of `ner::corpus::load` (minus `--skip` sets), prints dev F1 after
//! each epoch and per-set, per-type dev scores, then size and timings. `--test` also scores
//! the three test sets: do that once, at the end, on the final model. `--load FILE --bench
//! N` scores a saved model on the dev sets and times it (N passes, three times).
//! Environment switches: `NER_ERRS=DIR` writes each dev set's errors by category (MISS,
//! SPUR, TYPE, BOUND, with context) to `DIR/<set>.errs`; `NER_DUMP=DIR` writes every set's
//! words, BIO tags and POS tags to `DIR/<set>.bio` and exits; `NER_SHOW`, `NER_TRAIN` as
//! before (dev diffs, training-set scores).

use std::path::PathBuf;
use std::time::Instant;

use dateline_nlp::ner::{self, corpus, EntityTagger, Gazetteer, NerExample, Scheme, TrainOptions};
use dateline_nlp::tagger::Tagger;

fn report(name: &str, tagger: &EntityTagger, sents: &[NerExample]) {
    let s = tagger.evaluate(sents);
    let mut line = format!(
        "{name:20} F1 {:.4} (P {:.4} R {:.4}, gold {})",
        s.all.f1(),
        s.all.precision(),
        s.all.recall(),
        s.all.gold
    );
    for (k, c) in &s.by_type {
        line += &format!(
            "  {} {:.3}/{:.3}/{:.3}",
            &k.as_str()[..3],
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    println!("{line}");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = PathBuf::from("/work/shared/data");
    let mut tagger_path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/tagger.bin"
    ));
    let mut out: Option<PathBuf> = None;
    let mut test = false;
    let mut skip: Vec<String> = Vec::new();
    let mut weights: Vec<(String, usize)> = Vec::new();
    let mut min_pop: u64 = 100_000;
    let mut actors = false;
    let mut load: Option<PathBuf> = None;
    let mut bench: usize = 5;
    let mut opts = TrainOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(val()?),
            "--tagger" => tagger_path = PathBuf::from(val()?),
            "--epochs" => opts.epochs = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--prune" => opts.prune_below = val()?.parse()?,
            "--scheme" => {
                opts.scheme = match val()?.as_str() {
                    "bio" => Scheme::Bio,
                    "strict" => Scheme::BilouStrict,
                    _ => Scheme::Bilou,
                }
            }
            "--no-pos" => opts.features.pos = false,
            "--no-dict" => opts.features.dict = false,
            "--min-population" => min_pop = val()?.parse()?,
            "--actors" => actors = true,
            "--load" => load = Some(PathBuf::from(val()?)),
            "--bench" => bench = val()?.parse()?,
            "--skip" => skip.push(val()?),
            "--weight" => {
                let v = val()?;
                let (name, n) = v.split_once('=').ok_or("--weight SET=N")?;
                weights.push((name.to_string(), n.parse()?));
            }
            "--out" => out = Some(PathBuf::from(val()?)),
            "--test" => test = true,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    if let Some(dir) = std::env::var("NER_DUMP").ok().filter(|d| !d.is_empty()) {
        // Every set's sentences as `word<TAB>BIO<TAB>xpos` columns, for inspection.
        let pos_tagger = Tagger::load(&tagger_path)?;
        let c = corpus::load(&data, &pos_tagger)?;
        for n in c.train.iter().chain(&c.dev) {
            let mut out = String::new();
            for s in &n.sentences {
                let sent = ner::NerSentence {
                    words: s.words.clone(),
                    entities: s.entities.clone(),
                };
                for ((w, t), p) in s.words.iter().zip(sent.bio()).zip(&s.pos) {
                    out += &format!("{w}\t{t}\t{p}\n");
                }
                out += "\n";
            }
            std::fs::write(format!("{dir}/{}.bio", n.name), out)?;
        }
        return Ok(());
    }
    let t0 = Instant::now();
    let pos_tagger = Tagger::load(&tagger_path)?;
    let gaz = Gazetteer::from_data(&data, min_pop, actors)?;
    let c = corpus::load(&data, &pos_tagger)?;
    let train: Vec<NerExample> = c
        .train
        .iter()
        .filter(|n| !skip.iter().any(|s| s == n.name))
        .flat_map(|n| {
            let times = weights.iter().find(|(s, _)| s == n.name).map_or(1, |w| w.1);
            (0..times).flat_map(move |_| n.sentences.iter().cloned())
        })
        .collect();
    let dev = corpus::Corpus::sentences(&c.dev);
    for n in c.train.iter().chain(&c.dev) {
        let ents: usize = n.sentences.iter().map(|s| s.entities.len()).sum();
        let words: usize = n.sentences.iter().map(|s| s.words.len()).sum();
        println!(
            "{:20} {:6} sentences {:7} words {:6} entities",
            n.name,
            n.sentences.len(),
            words,
            ents
        );
    }
    println!(
        "gazetteer {} names; data loaded in {:.1} s",
        gaz.len(),
        t0.elapsed().as_secs_f64()
    );
    if let Some(path) = &load {
        // Speed only: tag the dev sets `bench` times with a saved model (POS tags given).
        let tl = Instant::now();
        let m = EntityTagger::load(path)?;
        println!("load {:.4} s", tl.elapsed().as_secs_f64());
        for n in &c.dev {
            report(n.name, &m, &n.sentences);
        }
        report("dev (all)", &m, &dev);
        let words: usize = dev.iter().map(|s| s.words.len()).sum();
        for _ in 0..3 {
            let ts = Instant::now();
            let mut sink = 0;
            for _ in 0..bench {
                for s in &dev {
                    sink += m.tag(&s.words, &s.pos).len();
                }
            }
            let secs = ts.elapsed().as_secs_f64();
            println!(
                "speed {:.3} µs/token ({sink} spans)",
                1e6 * secs / (bench * words) as f64
            );
        }
        return Ok(());
    }
    let t1 = Instant::now();
    let model = ner::train(&train, &dev, gaz, &c.text, &opts, |e, f1| {
        println!(
            "epoch {e}: dev F1 {f1:.4} ({:.0} s)",
            t1.elapsed().as_secs_f64()
        );
    });
    println!("trained in {:.1} s", t1.elapsed().as_secs_f64());
    for n in &c.dev {
        report(n.name, &model, &n.sentences);
    }
    report("dev (all)", &model, &dev);
    if std::env::var("NER_TRAIN").is_ok() {
        for n in &c.train {
            report(n.name, &model, &n.sentences);
        }
    }
    if let Ok(dir) = std::env::var("NER_ERRS") {
        // Dev errors by category, one file per dev set (words and spans).
        for n in &c.dev {
            let mut lines = Vec::new();
            for s in &n.sentences {
                let p = model.tag(&s.words, &s.pos);
                let txt = |e: &ner::EntitySpan| s.words[e.start..e.end].join(" ");
                let ctx = |e: &ner::EntitySpan| {
                    let a = e.start.saturating_sub(3);
                    let b = (e.end + 3).min(s.words.len());
                    format!(
                        "{} [{}] {}",
                        s.words[a..e.start].join(" "),
                        txt(e),
                        s.words[e.end..b].join(" ")
                    )
                };
                for g in &s.entities {
                    if p.contains(g) {
                        continue;
                    }
                    let over: Vec<&ner::EntitySpan> = p
                        .iter()
                        .filter(|q| q.start < g.end && g.start < q.end)
                        .collect();
                    if over.is_empty() {
                        lines.push(format!("MISS	{}	{}", g.kind.as_str(), ctx(g)));
                    } else {
                        for q in over {
                            let cat = if q.start == g.start && q.end == g.end {
                                "TYPE"
                            } else {
                                "BOUND"
                            };
                            lines.push(format!(
                                "{cat}	{}>{}	{}	=> {}",
                                g.kind.as_str(),
                                q.kind.as_str(),
                                ctx(g),
                                txt(q)
                            ));
                        }
                    }
                }
                for q in &p {
                    if !s
                        .entities
                        .iter()
                        .any(|g| q.start < g.end && g.start < q.end)
                    {
                        lines.push(format!("SPUR	{}	{}", q.kind.as_str(), ctx(q)));
                    }
                }
            }
            std::fs::write(format!("{dir}/{}.errs", n.name), lines.join("\n") + "\n")?;
        }
    }
    if std::env::var("NER_SHOW").is_ok() {
        let show_set: Vec<NerExample> = if std::env::var("NER_SHOW").as_deref() == Ok("train") {
            c.train[0].sentences.clone()
        } else {
            dev.clone()
        };
        for s in show_set
            .iter()
            .skip(
                std::env::var("NER_SKIP")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0),
            )
            .take(150)
        {
            let p = model.tag(&s.words, &s.pos);
            let show = |spans: &[ner::EntitySpan]| {
                spans
                    .iter()
                    .map(|e| {
                        format!(
                            "[{} {}]",
                            e.kind.as_str(),
                            s.words[e.start..e.end].join(" ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if p != s.entities {
                println!(
                    "{}\n  gold: {}\n  pred: {}",
                    s.words.join(" "),
                    show(&s.entities),
                    show(&p)
                );
            }
        }
    }
    let bytes = model.to_bytes()?;
    let (f, w, g) = model.stats();
    println!(
        "model {} bytes ({f} features, {w} weights, {g} names)",
        bytes.len()
    );
    let tl = Instant::now();
    let back = EntityTagger::from_bytes("m", &bytes)?;
    println!("load {:.3} s", tl.elapsed().as_secs_f64());
    // Speed: tag the dev sets five times (POS tags given).
    let words: usize = dev.iter().map(|s| s.words.len()).sum();
    let ts = Instant::now();
    let mut sink = 0;
    for _ in 0..5 {
        for s in &dev {
            sink += back.tag(&s.words, &s.pos).len();
        }
    }
    let secs = ts.elapsed().as_secs_f64();
    println!(
        "speed {:.2} µs/token ({:.0} tokens/s, {sink} spans)",
        1e6 * secs / (5 * words) as f64,
        (5 * words) as f64 / secs
    );
    if let Some(p) = &out {
        std::fs::write(p, &bytes)?;
        println!("wrote {}", p.display());
    }
    if test {
        let ner_dir = data.join("ner");
        let sets = [
            (
                "gum-test",
                data.join("ud_english_gum/en_gum-ud-test.open-subset.conllu"),
            ),
            (
                "uner-ewt-test",
                ner_dir.join("uner_english_ewt/en_ewt-ud-test.iob2"),
            ),
            (
                "uner-pud-test",
                ner_dir.join("uner_english_pud/en_pud-ud-test.iob2"),
            ),
        ];
        for (name, path) in sets {
            let s = corpus::with_pos(&pos_tagger, corpus::read_gold(&path)?);
            report(name, &model, &s);
        }
    }
    Ok(())
}
