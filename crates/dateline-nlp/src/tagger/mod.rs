//! Part-of-speech tagger (UPOS + XPOS), lemmas and morphological features, trained here
//! from UD English EWT + GUM (`dateline train tagger`, or `examples/train_tagger.rs` for
//! experiments; the model ships as `models/tagger.bin`).
//!
//! # The model
//!
//! * **Tags: a greedy averaged perceptron** (Collins 2002; the "200-line tagger" design of
//!   spaCy v1) over joint **(UPOS, XPOS) classes** (109 pairs in training): one decision
//!   gives both tags, and they never disagree. Averaging is lazy (per-weight timestamps),
//!   weights are integers while training, sentences are shuffled with a seeded
//!   splitmix64, so training is deterministic (a test checks byte-identical models).
//! * **Features** (`features::extract`; each a 64-bit hash of (template, values): no
//!   strings at run time, no allocation per feature). 28 core templates: bias; the word
//!   lowercased; its prefixes 1–3 and suffixes 1–4; its shape (`Xxx`, `d,dd`, runs cut
//!   at two); ortho flags (capitalised, all caps, digit, hyphen, alphabetic, inner
//!   capital), alone and with "first word"; the two previous predicted tags, alone,
//!   together, with the word, with the next word and with the suffix; words −2…+2,
//!   suffix-3 of words −1 and +1, shape of +1, shape bigram −1/0, word bigrams −1/0 and
//!   0/+1. Optional groups, recorded in the model (`feature_set`):
//!   - **ambiguity classes** (6): the set of classes a word was seen with in training
//!     (classes with ≥ 5 % of its occurrences; the exact form's, else the lowercased
//!     form's, marked), of the word, of words +1 and +2, with the previous tag, with the
//!     next word's and with the ortho flags. In training each token's class is computed
//!     **leaving the token itself out**, so a word seen once looks unknown, as it will
//!     at run time — without that the classes of rare words give their tag away and the
//!     model trusts them blindly (EWT dev 94.06, below);
//!   - **hyphen parts** (3): the lowercased parts before the first and after the last
//!     hyphen of "two-dozen", "al-Sisi", "face-to-face", the last one with the previous tag;
//!   - **capitalisation** (3): the sentence's share of capitalised words (quartiles;
//!     mostly all-caps or not) with the word's flags and with its ambiguity class, and
//!     the flags of words −1, 0, +1 together: headlines, title-case lines and names of
//!     several words are where PROPN/NOUN errors cluster.
//! * **Sparse rows**: a feature keeps weights only for the classes it was updated for
//!   (3 on average of 109), in flat arrays with a key → row index; weights with |w| <
//!   `prune_below` (0.5) are dropped. Rows of ≥ 40 entries (bias, tags, suffixes) are
//!   also kept dense at load time and scored with a vectorised add.
//! * **Tag dictionary**: forms seen ≥ 20 times with one class ≥ 99.5 % of the time (814
//!   forms: punctuation, function words) are tagged without scoring.
//! * **Second pass**: a second perceptron re-tags the sentence left to right with the
//!   same features plus the first pass's tags of the word itself and of the next three
//!   words (right context a greedy tagger otherwise lacks; 10 templates, with the
//!   ambiguity classes of words 0 and +1). It is trained on 2-fold **jackknifed**
//!   first-pass tags, so it learns how far to trust them. At run time a word whose
//!   first-pass score leads the runner-up by ≥ 30 keeps its first-pass class unscored
//!   (`skip_margin`; no change on dev, 37 % fewer instructions).
//! * **Lemmas** (`morph`): a lexicon (form, UPOS+XPOS) → most frequent lemma, then the
//!   lowercased form, then edit scripts (lowercase?, strip n, append s) chosen by
//!   (tag, longest known suffix ≤ 6 characters), counted over word types.
//! * **Features (FEATS)**: the lexicon's string when the (form, tag) was only ever seen
//!   with one; otherwise (unseen, or ambiguous like *it* Nom/Acc, *was* Person=1/3,
//!   *-ing* Ger/Part, VB Imp/Inf) a third small perceptron (16 templates: the tags and
//!   words around, `features::extract_morph`) chooses among the FEATS strings seen with
//!   that tag, once all tags are known.
//!
//! # Measurements (gold tokenization, every word counted, punctuation included; CoNLL
//! 2018 UFeats = universal features only; trained on EWT + GUM train, 8 + 10 epochs)
//!
//! Earlier model (`--epochs N` etc. of `examples/train_tagger.rs`):
//!
//! | variant | EWT dev UPOS | XPOS | UFeats | Lemma | GUM dev UPOS | notes |
//! |---|---|---|---|---|---|---|
//! | 1 pass, 5 epochs, FEATS by lexicon | 94.83 | 94.36 | 92.22 | 96.99 | 95.97 | |
//! | 1 pass, 8 epochs (plateau: 12 gives the same) | 95.00 | 94.52 | 92.35 | 97.08 | 96.15 | |
//! | (UPOS, XPOS, FEATS) triples as classes (488) | 94.74 | 94.27 | 94.64 | 97.00 | 96.01 | 2× slower: rejected |
//! | + FEATS context model | 94.99 | 94.47 | 94.19 | 97.10 | 96.17 | kept |
//! | + second pass (8 epochs), prune 0.05 | 95.32 | 94.67 | 94.08 | 97.05 | 96.53 | 15.6 MB |
//! | + capitalisation × word features | 95.22 | 94.50 | 94.15 | 97.01 | 96.70 | EWT worse: rejected |
//! | previous model: 8 + 10 epochs, prune 0.5 | 95.25 | 94.60 | 94.18 | 97.05 | 96.42 | 14.4 MB |
//!
//! From that model (each row one full training, so ±0.05 is noise: a new feature shifts
//! every hash-driven trajectory):
//!
//! | variant | EWT dev UPOS | XPOS | UFeats | Lemma | GUM dev UPOS | notes |
//! |---|---|---|---|---|---|---|
//! | + ambiguity classes, computed with the token itself | 94.06 | 93.18 | 92.90 | 96.48 | 95.76 | rejected |
//! | + ambiguity classes, leave-one-out, all classes | 95.38 | 94.64 | 94.27 | 97.01 | 96.69 | |
//! | same, classes with ≥ 5 % of the word's occurrences | 95.43 | 94.70 | 94.30 | 97.05 | 96.72 | kept |
//! | all-class ambiguity + hyphen parts | 95.45 | 94.79 | 94.39 | 97.06 | 96.66 | |
//! | all-class ambiguity + 4 more second-pass templates | 95.45 | 94.75 | 94.36 | 97.05 | 96.64 | |
//! | ≥ 5 % ambiguity + hyphen + second-pass templates | 95.42 | 94.74 | 94.40 | 97.13 | 96.71 | |
//! | + capitalisation (sentence, neighbours) | **95.50** | 94.81 | 94.42 | 97.12 | **96.80** | kept |
//! | + each pass's best dev epoch kept | 95.51 | 94.84 | 94.42 | 97.13 | 96.78 | no gain: not used |
//! | 4-fold jackknife for the second pass | 95.48 | 94.75 | 94.31 | 97.11 | 96.70 | 2× training: rejected |
//! | + the word's majority class and its share (4 templates) | 95.46 | 94.75 | 94.29 | 97.10 | 96.71 | rejected |
//! | **shipped**: the "capitalisation" model, skip margin 30 | **95.50** | **94.81** | 94.43 | 97.12 | **96.80** | 14.7 MB |
//!
//! The skip margin on that model (no retraining, `--skip-margin`): 15 → EWT/GUM dev UPOS
//! 95.51/96.78, 20 → 95.50/96.76, 30 and 50 → 95.50/96.80 (as without). Not tried: word
//! clusters (the only text we may train on is the treebanks' own 334k words, where the
//! word features already see every context), a beam.
//!
//! The remaining errors (EWT dev, 1,131 words): a quarter are PROPN↔NOUN, mostly
//! annotation choices on web text ("the CPA", "Senior Vice President", "taco bell"),
//! then VERB/ADJ/NOUN on participles and ADV/ADP/SCONJ on particles (*in, up, out,
//! that, for*). Unknown words (7 % of EWT dev) are 81 % right, known ones 96.6 %.
//!
//! **Speed** (instructions and misses of a simulated 2 MB L2 from `valgrind
//! --tool=cachegrind --cache-sim=yes --LL=2097152,16,64 train_tagger --load M --bench
//! pos 2` minus `--bench pos 0`, i.e. tagging EWT + GUM dev twice, 87,158 words; wall
//! clock on this shared machine varied ±30 % between identical runs): the sparse
//! scatter-add of the long rows was most of the work — 26,300 instructions and 32 L2
//! misses per word; dense copies of rows ≥ 16 entries: 14,300 and 59 (the dense blocks
//! are large); ≥ 40 entries: 16,100 and 33 (kept); + skip margin 30: 10,200 and 17.
//! Earlier: an open-addressing table of 8-byte slots instead of a `HashMap` (−27 %
//! CPU), 4-byte row entries (class in the weight's low mantissa bits), probing all of a
//! word's features before reading any row so the misses overlap (+40 % tokens/s).
//! Copying rows of ≤ 2 entries into 16-byte slots: +10 % instructions, same misses —
//! rejected. A single pass (earlier model) was ~1.8× faster than two at −0.25 UPOS.
//! Wall clock of the shipped model (`train_tagger --load models/tagger.bin --bench
//! pos|full 5`, three runs each, load average 2.6 on the 2-core machine): **440–480k
//! tokens/s for the tags, 260–330k with lemmas and features** (the previous model:
//! 265–280k and 160–185k on a busier machine). `dateline eval parse` on EWT/GUM dev
//! (tag + parse): 93–111k tokens/s, the parser now taking about two thirds.
//!
//! Test (evaluated once, on the shipped model): EWT test UPOS **95.78**, XPOS 95.01,
//! UFeats 94.84, AllTags 92.26, Lemmas 97.06; GUM test UPOS **96.77**, XPOS 96.52,
//! UFeats 94.27, AllTags 92.69, Lemmas 98.38 (previous model: EWT 95.18 / 94.41, GUM
//! 96.52 / 96.27). With the unchanged parser (`dateline eval parse`): EWT test UAS 84.71,
//! LAS 81.55 (was 84.53 / 81.24), GUM test 84.16 / 81.07 (was 83.77 / 80.57). Training
//! takes 41 s (`dateline train tagger`, release, one core, load average 2.3: 8
//! first-pass epochs, 2 half-size jackknife models, 10 second-pass epochs, 5 feature-model
//! epochs, dev scored after each); loading ~60 ms.

mod features;
mod morph;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::conllu::Sentence;
use crate::model::{self, ModelError};

use crate::perceptron::{IdMap, Trainer, Weights};
use features::{
    extract, extract_morph, extract_right, fmix, hash_str, lowercase, mix, pad, sentence_case,
    WordInfo, AMB_UNKNOWN, FS_AMB, FS_CASE, FS_HYPHEN, FS_RIGHT2, N_FEATURES, N_MORPH_FEATURES,
};
use morph::Morph;

/// The model kind written in the file header.
pub const MODEL_KIND: &str = "tagger";
/// The model layout version; bump when the serialized data or the features change.
pub const MODEL_VERSION: u32 = 2;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence shuffles (training is deterministic given the data and seed).
    pub seed: u64,
    /// A word enters the tag dictionary (tagged without the model) when seen at least
    /// this often…
    pub tagdict_min_count: u32,
    /// …with one tag at least this share of the time.
    pub tagdict_min_ratio: f64,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune_below: f32,
    /// Predict the FEATS column with the tags (classes are (UPOS, XPOS, FEATS) triples)
    /// rather than looking it up after tagging.
    pub joint_feats: bool,
    /// Passes of the morphological-feature model (0: lexicon lookups only).
    pub feats_epochs: usize,
    /// Passes of the second tagger, which also sees the first one's tags of the next two
    /// words (0: a single left-to-right pass). Trained on 2-fold jackknifed first-pass tags.
    pub second_pass_epochs: usize,
    /// Ambiguity-class features: the set of classes a word was seen with in training.
    pub ambiguity_classes: bool,
    /// A class enters a word's ambiguity class when it has at least this share of the
    /// word's occurrences.
    pub amb_min_share: f64,
    /// While training, compute each token's ambiguity class without the token itself
    /// (leave-one-out), so that words seen once look as they will at run time.
    pub amb_leave_one_out: bool,
    /// Further optional feature templates (`features::FS_*` bits).
    pub feature_set: u32,
    /// Folds of the jackknife that tags the second pass's training data (at least 2).
    pub jackknife_folds: usize,
    /// Keep each pass's epoch with the best dev UPOS + XPOS (when a dev set is given)
    /// rather than the last.
    pub keep_best_epoch: bool,
    /// At run time, words whose first-pass score leads by at least this much are not
    /// re-scored by the second pass (`f32::INFINITY`: all are).
    pub second_pass_skip_margin: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            seed: 20_260_101,
            tagdict_min_count: 20,
            tagdict_min_ratio: 0.995,
            prune_below: 0.5,
            joint_feats: false,
            feats_epochs: 5,
            second_pass_epochs: 10,
            ambiguity_classes: true,
            amb_min_share: 0.05,
            amb_leave_one_out: true,
            feature_set: FS_HYPHEN | FS_RIGHT2 | FS_CASE,
            second_pass_skip_margin: 30.0,
            keep_best_epoch: false,
            jackknife_folds: 2,
        }
    }
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagResult {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// `Feat=Val|…`, or empty for none.
    pub feats: String,
}

/// Accuracies against gold words (CoNLL 2018 definitions with gold tokenization: every
/// syntactic word counts, punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    /// Universal features only (as the CoNLL 2018 script filters them), as a set.
    pub ufeats: f64,
    /// The whole FEATS column, as a set.
    pub feats_exact: f64,
    /// UPOS, XPOS and UFeats all right.
    pub all_tags: f64,
    /// A gold lemma of `_` matches anything (as in the CoNLL 2018 script).
    pub lemma: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "words {}  UPOS {:.2}  XPOS {:.2}  UFeats {:.2}  AllTags {:.2}  Lemmas {:.2}  (FEATS exact {:.2})",
            self.words,
            100.0 * self.upos,
            100.0 * self.xpos,
            100.0 * self.ufeats,
            100.0 * self.all_tags,
            100.0 * self.lemma,
            100.0 * self.feats_exact
        )
    }
}

/// A trained tagger.
#[derive(Serialize, Deserialize)]
pub struct Tagger {
    /// The joint classes: (UPOS, XPOS, FEATS) triples seen in training, sorted (FEATS
    /// empty when `joint_feats` is off).
    classes: Vec<(String, String, String)>,
    /// Each class's (UPOS, XPOS) pair, the key of the lemma and feature lexicon.
    pos_of_class: Vec<u16>,
    joint_feats: bool,
    /// The FEATS strings the feature model chooses among.
    feats_classes: Vec<String>,
    /// For each (UPOS, XPOS) pair, the FEATS strings seen with it (indices, sorted).
    pair_feats: Vec<Vec<u16>>,
    /// The feature model: picks a word's FEATS among its pair's, from the tags around it.
    feats_weights: Weights,
    weights: Weights,
    /// The second pass (empty when not trained).
    weights2: Weights,
    /// Frequent unambiguous forms → class, tagged without scoring.
    tagdict: Vec<(String, u16)>,
    morph: Morph,
    /// Which optional feature templates the model uses (`features::FS_*` bits).
    feature_set: u32,
    /// Ambiguity classes: (hash of the form, or of the lowercased form `^ AMB_LOWER`) →
    /// hash of the set of classes seen with it, sorted by key.
    amb: Vec<(u64, u64)>,
    /// Hash of the form → class.
    #[serde(skip)]
    tagdict_index: IdMap<u16>,
    /// Words whose first-pass score leads by at least this much keep the first pass's
    /// class without being re-scored by the second pass (a speed-up; infinite: never).
    skip_margin: f32,
    #[serde(skip)]
    amb_index: IdMap<u64>,
}

/// Marks lowercased forms' keys in the ambiguity-class table.
const AMB_LOWER: u64 = 0x10e7_c0de_0000_0001;

/// The ambiguity-class hash of a word's class counts: the classes with at least
/// `min_share` of its occurrences; `None` when it has none.
fn amb_hash(counts: &BTreeMap<u16, u32>, min_share: f64, minus: Option<u16>) -> Option<u64> {
    let total: u32 = counts.values().sum::<u32>() - u32::from(minus.is_some());
    if total == 0 {
        return None;
    }
    let mut h = 0xa3b1_5e70_u64;
    let mut any = false;
    for (&c, &n) in counts {
        let n = n - u32::from(minus == Some(c));
        if n > 0 && f64::from(n) >= min_share * f64::from(total) {
            h = mix(h, u64::from(c));
            any = true;
        }
    }
    any.then_some(h)
}

/// Class counts per form and per lowercased form, for ambiguity classes.
type FormCounts<'a> = (
    BTreeMap<&'a str, BTreeMap<u16, u32>>,
    BTreeMap<String, BTreeMap<u16, u32>>,
);

/// The ambiguity class of `form` from counts (`minus`: leave one occurrence of that class
/// out): the exact form's, else the lowercased form's (marked), else unknown.
fn amb_from_counts(counts: &FormCounts, form: &str, min_share: f64, minus: Option<u16>) -> u64 {
    if let Some(h) = counts
        .0
        .get(form)
        .and_then(|c| amb_hash(c, min_share, minus))
    {
        return h;
    }
    // Every token is also counted under its lowercased form.
    match counts
        .1
        .get(&lowercase(form))
        .and_then(|c| amb_hash(c, min_share, minus))
    {
        Some(h) => mix(h, AMB_LOWER),
        None => AMB_UNKNOWN,
    }
}

/// The history feature value of class `c` (and of the two start-of-sentence markers).
#[inline]
fn class_hash(c: u16) -> u64 {
    fmix(u64::from(c) + 0xc1a5_5000)
}
const START1: u64 = 0x51a7_0001;
const START2: u64 = 0x51a7_0002;

/// Deterministic shuffle (splitmix64 + Fisher–Yates).
fn shuffle<T>(items: &mut [T], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let r = fmix(*state);
        let j = (r % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn word_infos<S: AsRef<str>>(words: &[S], amb: Option<&IdMap<u64>>) -> Vec<WordInfo> {
    let mut infos = Vec::with_capacity(words.len() + 4);
    word_infos_into(words, amb, &mut infos);
    infos
}

/// [`word_infos`] into `infos` (cleared first).
fn word_infos_into<S: AsRef<str>>(
    words: &[S],
    amb: Option<&IdMap<u64>>,
    infos: &mut Vec<WordInfo>,
) {
    infos.clear();
    infos.push(pad(0));
    infos.push(pad(1));
    infos.extend(words.iter().map(|w| {
        let mut info = WordInfo::new(w.as_ref());
        if let Some(amb) = amb {
            info.amb = match amb.get(&info.form) {
                Some(&h) => h,
                None => amb
                    .get(&(info.lower ^ AMB_LOWER))
                    .map_or(AMB_UNKNOWN, |&h| mix(h, AMB_LOWER)),
            };
        }
        info
    }));
    let case = sentence_case(infos[2..].iter().map(|x| x.flags));
    infos[2..].iter_mut().for_each(|x| x.case = case);
    infos.push(pad(2));
    infos.push(pad(3));
}

fn argmax(scores: &[f32]) -> u16 {
    let mut best = 0usize;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u16
}

/// Train a tagger on `train`; after each epoch, if `dev` is not empty, the averaged model
/// is scored on it and `progress(epoch, dev UPOS accuracy)` is called.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> Tagger {
    // Classes.
    let feats_of = |f: &str| {
        if opts.joint_feats {
            f.to_string()
        } else {
            String::new()
        }
    };
    let class_set: BTreeSet<(String, String, String)> = train
        .iter()
        .flat_map(|s| s.words.iter())
        .map(|w| (w.upos.clone(), w.xpos.clone(), feats_of(&w.feats)))
        .collect();
    let classes: Vec<(String, String, String)> = class_set.into_iter().collect();
    let pairs: Vec<(&str, &str)> = classes
        .iter()
        .map(|(u, x, _)| (u.as_str(), x.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let pos_of_class: Vec<u16> = classes
        .iter()
        .map(|(u, x, _)| pairs.binary_search(&(u.as_str(), x.as_str())).unwrap_or(0) as u16)
        .collect();
    let class_id: HashMap<(&str, &str, String), u16> = classes
        .iter()
        .enumerate()
        .map(|(i, (u, x, f))| ((u.as_str(), x.as_str(), f.clone()), i as u16))
        .collect();
    let gold: Vec<Vec<u16>> = train
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    class_id
                        .get(&(w.upos.as_str(), w.xpos.as_str(), feats_of(&w.feats)))
                        .copied()
                        .unwrap_or(0)
                })
                .collect()
        })
        .collect();

    // Tag dictionary.
    let mut counts: BTreeMap<&str, BTreeMap<u16, u32>> = BTreeMap::new();
    for (s, g) in train.iter().zip(&gold) {
        for (w, &c) in s.words.iter().zip(g) {
            *counts.entry(&w.form).or_default().entry(c).or_default() += 1;
        }
    }
    let mut tagdict = Vec::new();
    for (form, cs) in &counts {
        let total: u32 = cs.values().sum();
        if let Some((&c, &n)) = cs.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))) {
            if total >= opts.tagdict_min_count
                && f64::from(n) / f64::from(total) >= opts.tagdict_min_ratio
            {
                tagdict.push((form.to_string(), c));
            }
        }
    }

    // Ambiguity classes.
    let mut form_counts: FormCounts = (BTreeMap::new(), BTreeMap::new());
    for (s, g) in train.iter().zip(&gold) {
        for (w, &c) in s.words.iter().zip(g) {
            *form_counts
                .0
                .entry(&w.form)
                .or_default()
                .entry(c)
                .or_default() += 1;
            *form_counts
                .1
                .entry(lowercase(&w.form))
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    let mut amb: Vec<(u64, u64)> = Vec::new();
    if opts.ambiguity_classes {
        for (form, c) in &form_counts.0 {
            if let Some(h) = amb_hash(c, opts.amb_min_share, None) {
                amb.push((hash_str(form), h));
            }
        }
        for (form, c) in &form_counts.1 {
            if let Some(h) = amb_hash(c, opts.amb_min_share, None) {
                amb.push((hash_str(form) ^ AMB_LOWER, h));
            }
        }
        amb.sort_unstable();
        amb.dedup_by_key(|e| e.0);
    }

    // Lemmas and features.
    let morph = Morph::train(train.iter().zip(&gold).flat_map(|(s, g)| {
        s.words.iter().zip(g).map(|(w, &c)| {
            let pos = pos_of_class.get(c as usize).copied().unwrap_or(0);
            (w.form.as_str(), pos, w.lemma.as_str(), w.feats.as_str())
        })
    }));

    let feats_classes: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.feats.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut pair_counts: BTreeMap<(u16, u16), u32> = BTreeMap::new();
    for (s, g) in train.iter().zip(&gold) {
        for (w, &c) in s.words.iter().zip(g) {
            let pos = pos_of_class.get(c as usize).copied().unwrap_or(0);
            let f = feats_classes.binary_search(&w.feats).unwrap_or(0) as u16;
            *pair_counts.entry((pos, f)).or_default() += 1;
        }
    }
    let mut pair_feats: Vec<Vec<u16>> = vec![Vec::new(); pairs.len()];
    for (&(pos, f), &n) in &pair_counts {
        if n >= 2 {
            if let Some(v) = pair_feats.get_mut(pos as usize) {
                v.push(f);
            }
        }
    }

    let mut tagger = Tagger {
        classes,
        pos_of_class,
        joint_feats: opts.joint_feats,
        feats_classes,
        pair_feats,
        feats_weights: Weights::default(),
        weights: Weights::default(),
        weights2: Weights::default(),
        tagdict,
        morph,
        feature_set: opts.feature_set | if opts.ambiguity_classes { FS_AMB } else { 0 },
        amb,
        skip_margin: opts.second_pass_skip_margin,
        tagdict_index: IdMap::default(),
        amb_index: IdMap::default(),
    };
    tagger.build_indexes();

    let n_classes = tagger.classes.len();
    let data: Vec<TrainSentence> = train
        .iter()
        .zip(&gold)
        .map(|(s, g)| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let mut infos = word_infos(&forms, tagger.amb_table());
            if tagger.amb_table().is_some() && opts.amb_leave_one_out {
                for (i, (f, &c)) in forms.iter().zip(g.iter()).enumerate() {
                    infos[i + 2].amb =
                        amb_from_counts(&form_counts, f, opts.amb_min_share, Some(c));
                }
            }
            TrainSentence {
                forms,
                infos,
                gold: g,
            }
        })
        .collect();
    let all: Vec<&TrainSentence> = data.iter().collect();
    let tagdict = tagger.tagdict_index.clone();
    let set = tagger.feature_set;
    let every_epoch = !dev.is_empty();
    // The best epoch so far on dev (UPOS + XPOS) and its weights.
    let mut best: Option<(f64, Weights)> = None;
    // First pass, with the dev score after each epoch.
    train_pass(
        &tagdict,
        set,
        &all,
        None,
        n_classes,
        opts.epochs,
        opts.seed,
        opts.prune_below,
        every_epoch,
        |epoch, w| {
            tagger.weights = w;
            if every_epoch {
                let sc = tagger.evaluate(dev);
                progress(epoch, sc.upos);
                if opts.keep_best_epoch && best.as_ref().is_none_or(|(b, _)| sc.upos + sc.xpos > *b)
                {
                    best = Some((sc.upos + sc.xpos, std::mem::take(&mut tagger.weights)));
                }
            }
        },
    );
    if let Some((_, w)) = best.take() {
        tagger.weights = w;
    }
    if opts.second_pass_epochs > 0 && !train.is_empty() {
        // Jackknifed first-pass tags: each half tagged by a model trained on the other.
        let mut right: Vec<Vec<u64>> = vec![Vec::new(); data.len()];
        let folds = opts.jackknife_folds.max(2);
        for fold in 0..folds {
            let (held, rest): (Vec<usize>, Vec<usize>) =
                (0..data.len()).partition(|i| i % folds == fold);
            let rest: Vec<&TrainSentence> = rest.iter().map(|&i| &data[i]).collect();
            let mut w_fold = Weights::default();
            train_pass(
                &tagdict,
                set,
                &rest,
                None,
                n_classes,
                opts.epochs,
                opts.seed ^ (fold as u64 + 1),
                opts.prune_below,
                false,
                |_, w| w_fold = w,
            );
            let mut scores = vec![0f32; n_classes];
            for i in held {
                let d = &data[i];
                let classes = greedy(&tagdict, set, &d.forms, &d.infos, None, |_, f| {
                    best_class(&w_fold, f, &mut scores)
                });
                right[i] = tag_hashes(&classes);
            }
        }
        train_pass(
            &tagdict,
            set,
            &all,
            Some(&right),
            n_classes,
            opts.second_pass_epochs,
            opts.seed ^ 0x2,
            opts.prune_below,
            every_epoch,
            |epoch, w| {
                tagger.weights2 = w;
                if every_epoch {
                    let sc = tagger.evaluate(dev);
                    progress(opts.epochs + epoch, sc.upos);
                    if opts.keep_best_epoch
                        && best.as_ref().is_none_or(|(b, _)| sc.upos + sc.xpos > *b)
                    {
                        best = Some((sc.upos + sc.xpos, std::mem::take(&mut tagger.weights2)));
                    }
                }
            },
        );
        if let Some((_, w)) = best.take() {
            tagger.weights2 = w;
        }
    }
    if !opts.joint_feats && opts.feats_epochs > 0 {
        train_feats(&mut tagger, train, &gold, opts);
    }
    tagger
}

/// Per-sentence buffers of [`Tagger::with_analysis`].
#[derive(Default)]
struct Scratch {
    infos: Vec<WordInfo>,
    scores: Vec<f32>,
    sure: Vec<u16>,
    first: Vec<u16>,
    right: Vec<u64>,
    second: Vec<u16>,
    tags: Vec<u64>,
}

struct TrainSentence<'a> {
    forms: Vec<&'a str>,
    infos: Vec<WordInfo>,
    gold: &'a [u16],
}

/// Greedy left-to-right decoding: `decide` picks the class from a word's features (words
/// in the tag dictionary are not scored). `right`, for the second pass, holds the first
/// pass's tag hashes (padded as by [`tag_hashes`]).
fn greedy<S: AsRef<str>>(
    tagdict: &IdMap<u16>,
    set: u32,
    forms: &[S],
    infos: &[WordInfo],
    right: Option<&[u64]>,
    decide: impl FnMut(usize, &[u64]) -> u16,
) -> Vec<u16> {
    let mut out = Vec::with_capacity(forms.len());
    greedy_into(tagdict, set, forms.len(), infos, right, decide, &mut out);
    out
}

/// [`greedy`] for `n` words, into `out` (cleared first).
fn greedy_into(
    tagdict: &IdMap<u16>,
    set: u32,
    n_words: usize,
    infos: &[WordInfo],
    right: Option<&[u64]>,
    mut decide: impl FnMut(usize, &[u64]) -> u16,
    out: &mut Vec<u16>,
) {
    let mut feats = [0u64; N_FEATURES];
    let (mut p1, mut p2) = (START1, START2);
    out.clear();
    for i in 0..n_words {
        let c = match tagdict.get(&infos[i + 2].form) {
            Some(&c) => c,
            None => {
                let mut n = extract(infos, i, p1, p2, set, &mut feats);
                if let Some(r) = right {
                    if r.len() >= i + 6 {
                        let rt = (r[i + 2], r[i + 3], r[i + 4], r[i + 5]);
                        n = extract_right(infos, i, p1, rt, set, n, &mut feats);
                    }
                }
                decide(i, &feats[..n])
            }
        };
        out.push(c);
        p2 = p1;
        p1 = class_hash(c);
    }
}

/// The best class and its lead over the second best.
fn best_and_margin(scores: &[f32]) -> (u16, f32) {
    let (mut best, mut b1, mut b2) = (0usize, f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (i, &s) in scores.iter().enumerate() {
        if s > b1 {
            b2 = b1;
            b1 = s;
            best = i;
        } else if s > b2 {
            b2 = s;
        }
    }
    (best as u16, b1 - b2)
}

fn best_class(w: &Weights, feats: &[u64], scores: &mut [f32]) -> u16 {
    scores.iter_mut().for_each(|s| *s = 0.0);
    w.score(feats, scores);
    argmax(scores)
}

/// Train one pass; `on_epoch(epoch, averaged weights)` after every epoch when
/// `every_epoch`, else after the last.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    tagdict: &IdMap<u16>,
    set: u32,
    data: &[&TrainSentence],
    right: Option<&[Vec<u64>]>,
    n_classes: usize,
    epochs: usize,
    seed: u64,
    prune: f32,
    every_epoch: bool,
    mut on_epoch: impl FnMut(usize, Weights),
) {
    let mut trainer = Trainer::new();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed;
    let mut scores = vec![0f32; n_classes];
    for epoch in 1..=epochs {
        shuffle(&mut order, &mut rng);
        for &si in &order {
            let d = data[si];
            let r = right.and_then(|r| r.get(si)).map(|v| v.as_slice());
            greedy(tagdict, set, &d.forms, &d.infos, r, |i, feats| {
                let truth = d.gold.get(i).copied().unwrap_or(0);
                trainer.score(feats, &mut scores);
                let guess = argmax(&scores);
                trainer.now += 1;
                trainer.update(feats, truth, guess);
                guess
            });
        }
        if every_epoch || epoch == epochs {
            on_epoch(epoch, trainer.average(prune));
        }
    }
}

/// Train the morphological-feature model on the tagger's own predictions for `train`.
fn train_feats(tagger: &mut Tagger, train: &[Sentence], gold: &[Vec<u16>], opts: &TrainOptions) {
    struct Example {
        feats: [u64; N_MORPH_FEATURES],
        pos: u16,
        truth: u16,
    }
    let mut examples: Vec<Vec<Example>> = Vec::with_capacity(train.len());
    for (s, g) in train.iter().zip(gold) {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let (classes, infos) = tagger.classes_and_infos(&words);
        let tags = tag_hashes(&classes);
        let mut ex = Vec::new();
        for (i, (w, (&c, &gc))) in s.words.iter().zip(classes.iter().zip(g)).enumerate() {
            if c != gc {
                continue;
            }
            let pos = tagger.pos_of_class.get(c as usize).copied().unwrap_or(0);
            let hashes = infos.get(i + 2).map_or((0, 0), |x| (x.form, x.lower));
            let (_, _, ambiguous) = tagger.morph.analyse(&w.form, pos, hashes);
            let cands = tagger.pair_feats.get(pos as usize).map_or(0, |v| v.len());
            let Ok(truth) = tagger.feats_classes.binary_search(&w.feats) else {
                continue;
            };
            if !ambiguous || cands < 2 {
                continue;
            }
            let mut f = [0u64; N_MORPH_FEATURES];
            extract_morph(&infos, &tags, i, &mut f);
            ex.push(Example {
                feats: f,
                pos,
                truth: truth as u16,
            });
        }
        examples.push(ex);
    }
    let mut trainer = Trainer::new();
    let mut scores = vec![0f32; tagger.feats_classes.len()];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed ^ 0xfea7;
    for _ in 0..opts.feats_epochs {
        shuffle(&mut order, &mut rng);
        for &si in &order {
            for e in &examples[si] {
                trainer.score(&e.feats, &mut scores);
                let cands = tagger.pair_feats.get(e.pos as usize).map_or(&[][..], |v| v);
                let guess = argmax_among(&scores, cands).unwrap_or(e.truth);
                trainer.now += 1;
                trainer.update(&e.feats, e.truth, guess);
            }
        }
    }
    tagger.feats_weights = trainer.average(opts.prune_below);
}

fn tag_hashes(classes: &[u16]) -> Vec<u64> {
    let mut tags = Vec::with_capacity(classes.len() + 5);
    tag_hashes_into(classes, &mut tags);
    tags
}

/// [`tag_hashes`] into `tags` (cleared first).
fn tag_hashes_into(classes: &[u16], tags: &mut Vec<u64>) {
    tags.clear();
    tags.extend([START2, START1]);
    tags.extend(classes.iter().map(|&c| class_hash(c)));
    tags.extend([START1 ^ 0xe0d, START2 ^ 0xe0d, START2 ^ 0xe0e]);
}

fn argmax_among(scores: &[f32], cands: &[u16]) -> Option<u16> {
    let mut best: Option<(u16, f32)> = None;
    for &c in cands {
        let s = scores.get(c as usize).copied().unwrap_or(f32::NEG_INFINITY);
        if !matches!(best, Some((_, b)) if s <= b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

impl Tagger {
    fn build_indexes(&mut self) -> bool {
        let n = self.classes.len();
        if n == 0
            || self.pos_of_class.len() != n
            || self.tagdict.iter().any(|(_, c)| *c as usize >= n)
        {
            return false;
        }
        let nf = self.feats_classes.len();
        if self
            .pos_of_class
            .iter()
            .any(|&p| p as usize >= self.pair_feats.len().max(1))
            || self.pair_feats.iter().flatten().any(|&f| f as usize >= nf)
        {
            return false;
        }
        self.tagdict_index = self
            .tagdict
            .iter()
            .map(|(f, c)| (hash_str(f), *c))
            .collect();
        self.amb_index = self.amb.iter().copied().collect();
        self.weights.build_index()
            && self.weights2.build_index()
            && self.morph.build_index()
            && self.feats_weights.build_index()
    }

    /// The ambiguity-class table, when the model uses one.
    fn amb_table(&self) -> Option<&IdMap<u64>> {
        (self.feature_set & FS_AMB != 0).then_some(&self.amb_index)
    }

    /// The classes (indices into the (UPOS, XPOS) table) of `words` and their word infos
    /// (for training the feature model).
    fn classes_and_infos<S: AsRef<str>>(&self, words: &[S]) -> (Vec<u16>, Vec<WordInfo>) {
        self.with_analysis(words, |classes, infos, _| {
            (classes.to_vec(), infos.to_vec())
        })
    }

    /// Tag `words` and call `f(classes, word infos, class hashes as by tag_hashes)`, with
    /// the per-sentence buffers taken from (and returned to) a per-thread scratch area
    /// rather than allocated for every sentence (1.5 % fewer instructions for `tag`,
    /// cachegrind; most allocations left are the `TagResult` strings the caller gets).
    fn with_analysis<S: AsRef<str>, R>(
        &self,
        words: &[S],
        f: impl FnOnce(&[u16], &[WordInfo], &[u64]) -> R,
    ) -> R {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let sc = &mut *scratch;
                self.analyse_into(words, sc);
                f(&sc.second, &sc.infos, &sc.tags)
            }
            // Only reachable if `f` tagged again on the same thread: fresh buffers.
            Err(_) => {
                let mut sc = Scratch::default();
                self.analyse_into(words, &mut sc);
                f(&sc.second, &sc.infos, &sc.tags)
            }
        })
    }

    /// The two tagging passes into `sc`: classes in `sc.second`, their hashes in `sc.tags`.
    fn analyse_into<S: AsRef<str>>(&self, words: &[S], sc: &mut Scratch) {
        word_infos_into(words, self.amb_table(), &mut sc.infos);
        sc.scores.clear();
        sc.scores.resize(self.classes.len(), 0.0);
        let set = self.feature_set;
        let skip = self.skip_margin;
        // Words the first pass is sure of keep its class (u16::MAX: re-tag).
        sc.sure.clear();
        sc.sure.resize(words.len(), u16::MAX);
        let Scratch {
            infos,
            scores,
            sure,
            first,
            right,
            second,
            tags,
        } = sc;
        greedy_into(
            &self.tagdict_index,
            set,
            words.len(),
            infos,
            None,
            |i, f| {
                scores.iter_mut().for_each(|s| *s = 0.0);
                self.weights.score(f, scores);
                let (c, margin) = best_and_margin(scores);
                if margin >= skip {
                    if let Some(s) = sure.get_mut(i) {
                        *s = c;
                    }
                }
                c
            },
            first,
        );
        if self.weights2.n_features() == 0 {
            std::mem::swap(first, second);
        } else {
            tag_hashes_into(first, right);
            greedy_into(
                &self.tagdict_index,
                set,
                words.len(),
                infos,
                Some(right),
                |i, f| match sure.get(i) {
                    Some(&c) if c != u16::MAX => c,
                    _ => best_class(&self.weights2, f, scores),
                },
                second,
            );
        }
        tag_hashes_into(second, tags);
    }

    fn class(&self, c: u16) -> (&str, &str) {
        self.classes
            .get(c as usize)
            .map_or(("X", ""), |(u, x, _)| (u.as_str(), x.as_str()))
    }

    /// Tag, lemmatize and analyse the words of one sentence (already tokenized).
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<TagResult> {
        self.with_analysis(words, |classes, infos, tags| {
            self.results(words, classes, infos, tags)
        })
    }

    /// Lemmas and features given the classes.
    fn results<S: AsRef<str>>(
        &self,
        words: &[S],
        classes: &[u16],
        infos: &[WordInfo],
        tags: &[u64],
    ) -> Vec<TagResult> {
        let mut scores = vec![0f32; self.feats_classes.len()];
        let mut mf = [0u64; N_MORPH_FEATURES];
        classes
            .iter()
            .zip(words)
            .enumerate()
            .map(|(i, (&c, w))| {
                let (upos, xpos) = self.class(c);
                let pos = self.pos_of_class.get(c as usize).copied().unwrap_or(0);
                let hashes = infos.get(i + 2).map_or((0, 0), |x| (x.form, x.lower));
                let (lemma, mut feats, ambiguous) = self.morph.analyse(w.as_ref(), pos, hashes);
                if self.joint_feats {
                    if let Some((_, _, f)) = self.classes.get(c as usize) {
                        feats.clone_from(f);
                    }
                } else if ambiguous && self.feats_weights.n_features() > 0 {
                    let cands = self.pair_feats.get(pos as usize).map_or(&[][..], |v| v);
                    if cands.len() > 1 {
                        extract_morph(infos, tags, i, &mut mf);
                        scores.iter_mut().for_each(|s| *s = 0.0);
                        self.feats_weights.score(&mf, &mut scores);
                        if let Some(f) = argmax_among(&scores, cands)
                            .and_then(|f| self.feats_classes.get(f as usize))
                        {
                            feats.clone_from(f);
                        }
                    }
                }
                TagResult {
                    upos: upos.to_string(),
                    xpos: xpos.to_string(),
                    lemma,
                    feats,
                }
            })
            .collect()
    }

    /// Only the (UPOS, XPOS) pairs: the fast path when lemmas and features are not needed.
    pub fn tag_pos<S: AsRef<str>>(&self, words: &[S]) -> Vec<(&str, &str)> {
        self.with_analysis(words, |classes, _, _| {
            classes.iter().map(|&c| self.class(c)).collect()
        })
    }

    /// Score the tagger on gold sentences (tagging their gold words).
    pub fn evaluate(&self, gold: &[Sentence]) -> Scores {
        let mut n = 0usize;
        let (mut upos, mut xpos, mut uf, mut fe, mut all, mut lem) = (0, 0, 0, 0, 0, 0);
        for s in gold {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (g, p) in s.words.iter().zip(self.tag(&words)) {
                n += 1;
                let u = g.upos == p.upos;
                let x = g.xpos == p.xpos;
                let f = ufeats(&g.feats) == ufeats(&p.feats);
                upos += usize::from(u);
                xpos += usize::from(x);
                uf += usize::from(f);
                fe += usize::from(all_feats(&g.feats) == all_feats(&p.feats));
                all += usize::from(u && x && f);
                lem += usize::from(g.lemma.is_empty() || g.lemma == p.lemma);
            }
        }
        let r = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        Scores {
            words: n,
            upos: r(upos),
            xpos: r(xpos),
            ufeats: r(uf),
            feats_exact: r(fe),
            all_tags: r(all),
            lemma: r(lem),
        }
    }

    /// Set the margin above which the second pass keeps the first pass's class (see
    /// [`TrainOptions::second_pass_skip_margin`]).
    pub fn set_second_pass_skip_margin(&mut self, margin: f32) {
        self.skip_margin = margin;
    }

    /// Drop the weights of the tagging passes smaller than `min_abs` (a smaller, faster
    /// model; see the module docs for the trade-off).
    pub fn prune(&mut self, min_abs: f32) {
        self.weights.prune(min_abs);
        self.weights2.prune(min_abs);
    }

    /// Sizes, for reports: (classes, features, weights, tag-dictionary words, lexicon
    /// forms, lemma rules).
    pub fn stats(&self) -> (usize, usize, usize, usize, usize, usize) {
        let (lex, rules) = self.morph.size();
        (
            self.classes.len(),
            self.weights.n_features(),
            self.weights.n_weights(),
            self.tagdict.len(),
            lex,
            rules,
        )
    }

    /// The model as bytes (header + postcard).
    pub fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        model::to_bytes(MODEL_KIND, MODEL_VERSION, self)
    }

    /// Read a model from bytes; `name` names the source in errors.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut t: Tagger = model::from_bytes(name, MODEL_KIND, MODEL_VERSION, bytes)?;
        if !t.build_indexes() {
            return Err(ModelError::Corrupt {
                name: name.to_string(),
                message: "inconsistent tagger tables".to_string(),
            });
        }
        Ok(t)
    }

    /// Write the model file.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        model::save(path, MODEL_KIND, MODEL_VERSION, self)
    }

    /// Read a model file.
    pub fn load(path: &Path) -> Result<Tagger, ModelError> {
        let (name, bytes) = model::read(path)?;
        Tagger::from_bytes(&name, &bytes)
    }
}

/// Score a tagger on gold sentences (same as [`Tagger::evaluate`]).
pub fn evaluate(tagger: &Tagger, gold: &[Sentence]) -> Scores {
    tagger.evaluate(gold)
}

/// The universal features of the CoNLL 2018 evaluation script.
const UNIVERSAL_FEATURES: &[&str] = &[
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number",
    "Case", "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident",
    "Polarity", "Person", "Polite",
];

fn ufeats(feats: &str) -> BTreeSet<&str> {
    feats
        .split('|')
        .filter(|f| {
            f.split_once('=')
                .is_some_and(|(k, _)| UNIVERSAL_FEATURES.contains(&k))
        })
        .collect()
}

fn all_feats(feats: &str) -> BTreeSet<&str> {
    feats.split('|').filter(|f| !f.is_empty()).collect()
}

#[cfg(test)]
mod tests;
