//! The training recipe of the shipped parser, shared by `dateline train parser` and
//! `examples/train_parser.rs`: EWT train + GUM train, optionally with K-fold jackknifed
//! tags of our own tagger (each fold tagged by a tagger trained on the other folds, so the
//! parser sees the kind of tag errors it will meet), the epoch chosen on EWT dev + GUM dev
//! **tagged by the given tagger** (the tags a user gets), never on test.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{train_with_report, Parser, TrainOptions, TrainReport};
use crate::conllu::{self, ConlluError, Sentence};
use crate::tagger::{self, Tagger};
use crate::tokenize::normalize_form;

/// What can stop the recipe: unreadable treebanks.
#[derive(Debug, Error)]
pub enum RecipeError {
    #[error(transparent)]
    Conllu(#[from] ConlluError),
    #[error("{path}: not found (is --data the shared data folder?)")]
    Missing { path: PathBuf },
}

/// The treebank files under the data folder.
pub const EWT_TRAIN: &str = "ud_english_ewt/en_ewt-ud-train.conllu";
pub const EWT_DEV: &str = "ud_english_ewt/en_ewt-ud-dev.conllu";
pub const EWT_TEST: &str = "ud_english_ewt/en_ewt-ud-test.conllu";
pub const GUM_TRAIN: &str = "ud_english_gum/en_gum-ud-train.open-subset.conllu";
pub const GUM_DEV: &str = "ud_english_gum/en_gum-ud-dev.open-subset.conllu";
pub const GUM_TEST: &str = "ud_english_gum/en_gum-ud-test.open-subset.conllu";

/// Read one treebank file under `data`.
pub fn load(data: &Path, file: &str) -> Result<Vec<Sentence>, RecipeError> {
    let path = data.join(file);
    if !path.exists() {
        return Err(RecipeError::Missing { path });
    }
    Ok(conllu::read_file(&path)?)
}

/// Training and dev sets, gold-tagged as read.
#[derive(Debug, Clone)]
pub struct Treebanks {
    /// EWT train followed by GUM train.
    pub train: Vec<Sentence>,
    pub ewt_dev: Vec<Sentence>,
    pub gum_dev: Vec<Sentence>,
}

impl Treebanks {
    /// Read the train and dev files from the shared data folder.
    pub fn load(data: &Path) -> Result<Self, RecipeError> {
        let mut train = load(data, EWT_TRAIN)?;
        train.extend(load(data, GUM_TRAIN)?);
        Ok(Treebanks {
            train,
            ewt_dev: load(data, EWT_DEV)?,
            gum_dev: load(data, GUM_DEV)?,
        })
    }
}

/// Replace a sentence's UPOS/XPOS with `tagger`'s predictions (forms normalized as the
/// pipeline does before tagging).
pub fn retag(tagger: &Tagger, s: &mut Sentence) {
    let forms: Vec<String> = s
        .words
        .iter()
        .map(|w| normalize_form(&w.form).into_owned())
        .collect();
    let tags: Vec<(String, String)> = tagger
        .tag_pos(&forms)
        .into_iter()
        .map(|(u, x)| (u.to_string(), x.to_string()))
        .collect();
    for (w, (u, x)) in s.words.iter_mut().zip(tags) {
        w.upos = u;
        w.xpos = x;
    }
}

/// Copies of `sents` tagged by `tagger`.
pub fn retagged(tagger: &Tagger, sents: &[Sentence]) -> Vec<Sentence> {
    let mut out = sents.to_vec();
    for s in &mut out {
        retag(tagger, s);
    }
    out
}

/// K-fold jackknifed tags: sentence `i` is tagged by a tagger trained (with `opts`) on the
/// sentences not in fold `i % k`. `progress(fold)` is called as each fold is done.
pub fn jackknife(
    train: &[Sentence],
    k: usize,
    opts: &tagger::TrainOptions,
    mut progress: impl FnMut(usize),
) -> Vec<Sentence> {
    let mut out = train.to_vec();
    if k < 2 {
        return out;
    }
    for fold in 0..k {
        let rest: Vec<Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let t = tagger::train(&rest, &[], opts, |_, _| {});
        for (i, s) in out.iter_mut().enumerate() {
            if i % k == fold {
                retag(&t, s);
            }
        }
        progress(fold + 1);
    }
    out
}

/// Settings of the recipe. `Default` gives the committed model's.
#[derive(Debug, Clone)]
pub struct RecipeOptions {
    pub train: TrainOptions,
    /// Folds of jackknifed training tags (0 or 1: train on gold tags only).
    pub jackknife: usize,
    /// With jackknifing: train on the gold-tagged copy too.
    pub keep_gold: bool,
}

impl Default for RecipeOptions {
    fn default() -> Self {
        RecipeOptions {
            train: TrainOptions::default(),
            jackknife: 5,
            keep_gold: true,
        }
    }
}

/// Progress of a recipe run.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// Jackknife fold `fold` of `of` tagged.
    Fold { fold: usize, of: usize },
    /// Parser epoch done, with dev UAS/LAS (predicted tags) in percent.
    Epoch { epoch: usize, uas: f64, las: f64 },
}

/// The training set the recipe builds (gold and/or jackknifed tags).
pub fn training_set(
    tb: &Treebanks,
    opts: &RecipeOptions,
    mut progress: impl FnMut(Progress),
) -> Vec<Sentence> {
    if opts.jackknife < 2 {
        return tb.train.clone();
    }
    let of = opts.jackknife;
    let jk = jackknife(&tb.train, of, &tagger::TrainOptions::default(), |fold| {
        progress(Progress::Fold { fold, of })
    });
    if opts.keep_gold {
        let mut all = tb.train.clone();
        all.extend(jk);
        all
    } else {
        jk
    }
}

/// Train the parser: the training set from [`training_set`], dev = EWT dev + GUM dev tagged
/// by `tagger` (`None`: gold dev tags).
pub fn train(
    tb: &Treebanks,
    tagger: Option<&Tagger>,
    opts: &RecipeOptions,
    mut progress: impl FnMut(Progress),
) -> (Parser, TrainReport) {
    let train = training_set(tb, opts, &mut progress);
    train_on(&train, &dev_set(tb, tagger), &opts.train, progress)
}

/// EWT dev + GUM dev, tagged by `tagger` when given.
pub fn dev_set(tb: &Treebanks, tagger: Option<&Tagger>) -> Vec<Sentence> {
    let mut dev = tb.ewt_dev.clone();
    dev.extend(tb.gum_dev.iter().cloned());
    if let Some(t) = tagger {
        for s in &mut dev {
            retag(t, s);
        }
    }
    dev
}

/// Train on a prepared training set and dev set.
pub fn train_on(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(Progress),
) -> (Parser, TrainReport) {
    train_with_report(train, dev, opts, |epoch, uas, las| {
        progress(Progress::Epoch { epoch, uas, las })
    })
}
