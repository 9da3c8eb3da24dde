//! The entity tagger: a greedy left-to-right averaged perceptron over per-word labels
//! (BILOU or BIO), with only well-formed label sequences allowed at each step (see the
//! module docs of [`super`] for the design and its measurements).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::dictionary::{word_codes, EntityDictionary, Gazetteer};
use super::features::{extract, fmix, pad, FeatureSet, WordInfo, N_FEATURES};
use super::score::EntityScores;
use super::{EntitySpan, EntityType};
use crate::model::{self, ModelError};
use crate::perceptron::{IdMap, Trainer, Weights};

/// The model kind written in the file header.
pub const MODEL_KIND: &str = "ner";
/// The model layout version; bump when the serialized data or the features change.
pub const MODEL_VERSION: u32 = 1;

const TYPES: [EntityType; 3] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Place,
];

/// How spans are written as per-word labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scheme {
    /// Begin, Inside, Outside.
    Bio,
    /// Begin, Inside, Last, Outside, Unit (single word). An open span may also end
    /// without its L (the next label is O, B or U): a greedy tagger that opened a span by
    /// mistake can leave it instead of running on.
    Bilou,
    /// BILOU where an open span must go on with I or end with L.
    BilouStrict,
}

/// One label's role in a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    O,
    B,
    I,
    L,
    U,
}

impl Scheme {
    fn per_type(self) -> usize {
        match self {
            Scheme::Bio => 2,
            Scheme::Bilou | Scheme::BilouStrict => 4,
        }
    }

    fn n_labels(self) -> usize {
        1 + TYPES.len() * self.per_type()
    }

    fn label(self, part: Part, t: usize) -> u16 {
        let k = match (self, part) {
            (_, Part::O) => return 0,
            (_, Part::B) => 0,
            (_, Part::I) => 1,
            (Scheme::Bio, Part::L) => 1,
            (Scheme::Bio, Part::U) => 0,
            (_, Part::L) => 2,
            (_, Part::U) => 3,
        };
        (1 + t * self.per_type() + k) as u16
    }

    fn part(self, label: u16) -> (Part, usize) {
        if label == 0 {
            return (Part::O, 0);
        }
        let l = label as usize - 1;
        let (t, k) = (l / self.per_type(), l % self.per_type());
        let part = match (self, k) {
            (_, 0) => Part::B,
            (_, 1) => Part::I,
            (_, 2) => Part::L,
            _ => Part::U,
        };
        (part, t.min(TYPES.len() - 1))
    }

    /// Whether `label` may follow `prev` (`None` at the sentence start); `last` when it is
    /// the sentence's last word.
    fn allowed(self, prev: Option<u16>, label: u16, last: bool) -> bool {
        let (pp, pt) = prev.map_or((Part::O, 0), |p| self.part(p));
        let (p, t) = self.part(label);
        let open = matches!(pp, Part::B | Part::I);
        let starts = matches!(p, Part::O | Part::U) || (p == Part::B && !last);
        let goes_on = matches!(p, Part::I | Part::L) && t == pt && !(last && p == Part::I);
        match self {
            Scheme::BilouStrict if open => goes_on,
            Scheme::Bilou if open => goes_on || starts,
            Scheme::Bilou | Scheme::BilouStrict => starts,
            Scheme::Bio => p != Part::I || (matches!(pp, Part::B | Part::I) && t == pt),
        }
    }

    /// Gold labels of a sentence of `n` words (overlapping spans: the first listed wins).
    pub(crate) fn encode(self, n: usize, spans: &[EntitySpan]) -> Vec<u16> {
        let mut labels = vec![0u16; n];
        for s in spans {
            let end = s.end.min(n);
            if s.start >= end || labels[s.start..end].iter().any(|&l| l != 0) {
                continue;
            }
            let t = TYPES.iter().position(|&k| k == s.kind).unwrap_or(0);
            for (j, l) in labels.iter_mut().enumerate().take(end).skip(s.start) {
                let part = if end - s.start == 1 {
                    Part::U
                } else if j == s.start {
                    Part::B
                } else if j + 1 == end {
                    Part::L
                } else {
                    Part::I
                };
                *l = self.label(part, t);
            }
        }
        labels
    }

    /// Spans from labels; a malformed sequence (never produced by the decoder) still
    /// yields well-formed spans: an entity runs from a B or U (or an I/L of a new type)
    /// until the type changes, an O, or an L/U ends it.
    pub(crate) fn decode(self, labels: &[u16]) -> Vec<EntitySpan> {
        let mut out = Vec::new();
        let mut open: Option<(usize, usize)> = None; // start, type
        let close = |open: &mut Option<(usize, usize)>, end: usize, out: &mut Vec<EntitySpan>| {
            if let Some((start, t)) = open.take() {
                out.push(EntitySpan {
                    start,
                    end,
                    kind: TYPES[t],
                });
            }
        };
        for (i, &l) in labels.iter().enumerate() {
            let (p, t) = self.part(l);
            match p {
                Part::O => close(&mut open, i, &mut out),
                Part::B | Part::U => {
                    close(&mut open, i, &mut out);
                    open = Some((i, t));
                }
                Part::I | Part::L => {
                    if open.is_some_and(|(_, ot)| ot != t) || open.is_none() {
                        close(&mut open, i, &mut out);
                        open = Some((i, t));
                    }
                }
            }
            let ends = self != Scheme::Bio && matches!(p, Part::L | Part::U);
            if ends {
                close(&mut open, i + 1, &mut out);
            }
        }
        close(&mut open, labels.len(), &mut out);
        out
    }

    /// The label's name for output (`B-PERSON`, `O`; BILOU's L and U shown as I and B).
    pub(crate) fn name(self, label: u16) -> String {
        let (p, t) = self.part(label);
        let prefix = match p {
            Part::O => return "O".to_string(),
            Part::B | Part::U => "B",
            Part::I | Part::L => "I",
        };
        format!("{prefix}-{}", TYPES[t].as_str())
    }
}

/// A training or evaluation sentence: words, their part-of-speech tags (XPOS, from our
/// tagger) and gold entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NerExample {
    pub words: Vec<String>,
    pub pos: Vec<String>,
    pub entities: Vec<EntitySpan>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Seed of the sentence shuffles (same data + seed → byte-identical model).
    pub seed: u64,
    pub scheme: Scheme,
    pub features: FeatureSet,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune_below: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 6,
            seed: 20_260_301,
            scheme: Scheme::Bilou,
            features: FeatureSet {
                pos: true,
                dict: true,
            },
            prune_below: 0.5,
        }
    }
}

/// A trained entity tagger with its default dictionary.
#[derive(Serialize, Deserialize)]
pub struct EntityTagger {
    scheme: Scheme,
    features: FeatureSet,
    weights: Weights,
    gazetteer: Gazetteer,
    /// How each lowercased form was written in the training text away from sentence
    /// starts: (hash, 1 mostly lowercase / 2 mostly capitalised / 3 both). Tells "Police"
    /// at a sentence start or in a headline from "Kerry".
    case_lexicon: Vec<(u64, u8)>,
    #[serde(skip)]
    case_index: IdMap<u8>,
}

/// The history feature value of label `l`.
#[inline]
fn label_hash(l: u16) -> u64 {
    fmix(u64::from(l) + 0x1abe_1000)
}
const START1: u64 = 0x51a7_1001;
const START2: u64 = 0x51a7_1002;

/// Whether a sentence is set in capitals (0: no, 1: ALL CAPS, 2: Title Case, as in
/// headlines and SEC filings' headings): most words' case changes meaning then.
fn caps_sentence<S: AsRef<str>>(words: &[S]) -> u64 {
    let (mut alpha, mut all_caps, mut title) = (0usize, 0usize, 0usize);
    for w in words {
        let w = w.as_ref();
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        alpha += 1;
        if w.chars().any(char::is_lowercase) {
            title += usize::from(first.is_uppercase());
        } else {
            all_caps += 1;
        }
    }
    if alpha < 3 {
        0
    } else if all_caps * 5 >= alpha * 4 {
        1
    } else if (all_caps + title) * 5 >= alpha * 4 && alpha >= 4 {
        2
    } else {
        0
    }
}

fn word_infos<S: AsRef<str>, P: AsRef<str>>(
    words: &[S],
    pos: &[P],
    dict: &[u64],
    case_index: &IdMap<u8>,
) -> Vec<WordInfo> {
    let mut infos = Vec::with_capacity(words.len() + 4);
    infos.push(pad(0));
    infos.push(pad(1));
    for (i, w) in words.iter().enumerate() {
        let p = pos.get(i).map_or("", |p| p.as_ref());
        let d = fmix(dict.get(i).copied().unwrap_or(0) + 0xd1c7);
        let mut info = WordInfo::new(w.as_ref(), p, d);
        info.usual_case = u64::from(case_index.get(&info.lower).copied().unwrap_or(0));
        infos.push(info);
    }
    infos.push(pad(2));
    infos.push(pad(3));
    infos
}

/// Greedy constrained decoding: `decide(i, features, allowed)` returns the label.
fn greedy(
    scheme: Scheme,
    infos: &[WordInfo],
    n: usize,
    caps: u64,
    set: FeatureSet,
    mut decide: impl FnMut(usize, &[u64], &dyn Fn(u16) -> bool) -> u16,
) -> Vec<u16> {
    let mut feats = [0u64; N_FEATURES];
    let (mut p1, mut p2) = (START1, START2);
    let mut prev: Option<u16> = None;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let k = extract(infos, i, p1, p2, caps, set, &mut feats);
        let last = i + 1 == n;
        let ok = |l: u16| scheme.allowed(prev, l, last);
        let l = decide(i, &feats[..k], &ok);
        out.push(l);
        prev = Some(l);
        p2 = p1;
        p1 = label_hash(l);
    }
    out
}

/// The best allowed label (O when none is, which cannot happen: O is always allowed
/// outside an open span, and an open span's I/L are allowed).
fn best_allowed(scores: &[f32], ok: &dyn Fn(u16) -> bool) -> u16 {
    let mut best: Option<(u16, f32)> = None;
    for (l, &s) in scores.iter().enumerate() {
        let l = l as u16;
        if ok(l) && !matches!(best, Some((_, b)) if s <= b) {
            best = Some((l, s));
        }
    }
    best.map_or(0, |(l, _)| l)
}

/// Deterministic shuffle (splitmix64 + Fisher–Yates).
fn shuffle<T>(items: &mut [T], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let r = fmix(*state);
        let j = (r % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Train an entity tagger on `train` with `gazetteer` as its default dictionary; `text`
/// (more sentences, no entities needed: e.g. the treebanks') only feeds the case lexicon.
/// After each epoch, when `dev` is not empty, the averaged model is scored on it and
/// `progress(epoch, dev F1)` is called.
pub fn train(
    train: &[NerExample],
    dev: &[NerExample],
    gazetteer: Gazetteer,
    text: &[Vec<String>],
    opts: &TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> EntityTagger {
    let mut tagger = EntityTagger {
        scheme: opts.scheme,
        features: opts.features,
        weights: Weights::default(),
        gazetteer,
        case_lexicon: case_lexicon(
            train
                .iter()
                .map(|s| s.words.as_slice())
                .chain(text.iter().map(Vec::as_slice)),
        ),
        case_index: IdMap::default(),
    };
    tagger.build_indexes();
    struct Prepared {
        infos: Vec<WordInfo>,
        gold: Vec<u16>,
        caps: u64,
    }
    let data: Vec<Prepared> = train
        .iter()
        .map(|s| {
            let refs: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let codes = tagger.dict_codes(&refs, &[]);
            Prepared {
                infos: word_infos(&refs, &s.pos, &codes, &tagger.case_index),
                gold: opts.scheme.encode(s.words.len(), &s.entities),
                caps: caps_sentence(&refs),
            }
        })
        .collect();
    let n_labels = opts.scheme.n_labels();
    let mut trainer = Trainer::new();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = opts.seed;
    let mut scores = vec![0f32; n_labels];
    for epoch in 1..=opts.epochs {
        shuffle(&mut order, &mut rng);
        for &si in &order {
            let d = &data[si];
            greedy(
                opts.scheme,
                &d.infos,
                d.gold.len(),
                d.caps,
                opts.features,
                |i, feats, ok| {
                    let truth = d.gold.get(i).copied().unwrap_or(0);
                    trainer.score(feats, &mut scores);
                    let guess = best_allowed(&scores, ok);
                    trainer.now += 1;
                    trainer.update(feats, truth, guess);
                    guess
                },
            );
        }
        if !dev.is_empty() || epoch == opts.epochs {
            tagger.weights = trainer.average(opts.prune_below);
            if !dev.is_empty() {
                progress(epoch, tagger.evaluate(dev).all.f1());
            }
        }
    }
    tagger
}

/// The case lexicon of [`EntityTagger`] from the training words.
fn case_lexicon<'a>(sentences: impl Iterator<Item = &'a [String]>) -> Vec<(u64, u8)> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<u64, (u32, u32)> = BTreeMap::new();
    for words in sentences {
        if caps_sentence(words) != 0 {
            continue;
        }
        for w in words.iter().skip(1) {
            let Some(first) = w.chars().next() else {
                continue;
            };
            if !first.is_alphabetic() {
                continue;
            }
            let info = WordInfo::new(w, "", 0);
            let c = counts.entry(info.lower).or_default();
            if first.is_uppercase() {
                c.1 += 1;
            } else if !w.chars().any(char::is_uppercase) {
                c.0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (lo, up))| lo + up >= 2)
        .map(|(h, (lo, up))| {
            let code = if lo >= 3 * up {
                1
            } else if up >= 3 * lo {
                2
            } else {
                3
            };
            (h, code)
        })
        .collect()
}

impl EntityTagger {
    fn build_indexes(&mut self) -> bool {
        self.gazetteer.build_index();
        self.case_index = self.case_lexicon.iter().copied().collect();
        self.weights.build_index()
    }

    fn dict_codes(&self, words: &[&str], extra: &[&dyn EntityDictionary]) -> Vec<u64> {
        if !self.features.dict {
            return vec![0; words.len()];
        }
        let mut spans = self.gazetteer.find(words);
        // A plugged-in dictionary's matches of a type the built-in gazetteer lacks would
        // be features the model never saw (no weights) that replace the "no match" ones:
        // they are left out (retrain with such a dictionary to use them).
        let trained = self.gazetteer.types();
        for d in extra {
            spans.extend(
                d.find(words)
                    .into_iter()
                    .filter(|s| trained.contains(&s.kind)),
            );
        }
        word_codes(words.len(), &spans)
    }

    /// The entities of one sentence, given its words and their XPOS tags (from our tagger;
    /// ignored when the model was trained without them).
    pub fn tag<S: AsRef<str>, P: AsRef<str>>(&self, words: &[S], pos: &[P]) -> Vec<EntitySpan> {
        self.tag_with(words, pos, &[])
    }

    /// As [`EntityTagger::tag`], with more dictionaries (e.g. the coder's actors) beside
    /// the built-in gazetteer: their matches become the same features.
    pub fn tag_with<S: AsRef<str>, P: AsRef<str>>(
        &self,
        words: &[S],
        pos: &[P],
        extra: &[&dyn EntityDictionary],
    ) -> Vec<EntitySpan> {
        let labels = self.labels(words, pos, extra);
        self.scheme.decode(&labels)
    }

    fn labels<S: AsRef<str>, P: AsRef<str>>(
        &self,
        words: &[S],
        pos: &[P],
        extra: &[&dyn EntityDictionary],
    ) -> Vec<u16> {
        let refs: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        let codes = self.dict_codes(&refs, extra);
        let infos = word_infos(&refs, pos, &codes, &self.case_index);
        let mut scores = vec![0f32; self.scheme.n_labels()];
        greedy(
            self.scheme,
            &infos,
            refs.len(),
            caps_sentence(&refs),
            self.features,
            |_, feats, ok| {
                scores.iter_mut().for_each(|s| *s = 0.0);
                self.weights.score(feats, &mut scores);
                best_allowed(&scores, ok)
            },
        )
    }

    /// Per-word tags `B-PERSON`, `I-PERSON`, `O`, … (BIO, whatever the model's scheme).
    pub fn bio_tags(spans: &[EntitySpan], n: usize) -> Vec<String> {
        let labels = Scheme::Bio.encode(n, spans);
        labels.iter().map(|&l| Scheme::Bio.name(l)).collect()
    }

    /// Score against gold sentences.
    pub fn evaluate(&self, gold: &[NerExample]) -> EntityScores {
        let mut scores = EntityScores::default();
        for s in gold {
            let predicted = self.tag(&s.words, &s.pos);
            scores.add(&s.entities, &predicted);
        }
        scores
    }

    /// Sizes, for reports: (features, weights, gazetteer names).
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.weights.n_features(),
            self.weights.n_weights(),
            self.gazetteer.len(),
        )
    }

    /// The model as bytes (header + postcard).
    pub fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        model::to_bytes(MODEL_KIND, MODEL_VERSION, self)
    }

    /// Read a model from bytes; `name` names the source in errors.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<EntityTagger, ModelError> {
        let mut t: EntityTagger = model::from_bytes(name, MODEL_KIND, MODEL_VERSION, bytes)?;
        if !t.build_indexes() {
            return Err(ModelError::Corrupt {
                name: name.to_string(),
                message: "inconsistent entity tagger tables".to_string(),
            });
        }
        Ok(t)
    }

    /// Write the model file.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        model::save(path, MODEL_KIND, MODEL_VERSION, self)
    }

    /// Read a model file.
    pub fn load(path: &Path) -> Result<EntityTagger, ModelError> {
        let (name, bytes) = model::read(path)?;
        EntityTagger::from_bytes(&name, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, spans: &[(usize, usize, EntityType)]) -> NerExample {
        let words: Vec<String> = text.split(' ').map(str::to_string).collect();
        let pos = words
            .iter()
            .map(|w| {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    "NNP".to_string()
                } else {
                    "NN".to_string()
                }
            })
            .collect();
        NerExample {
            words,
            pos,
            entities: spans
                .iter()
                .map(|&(start, end, kind)| EntitySpan { start, end, kind })
                .collect(),
        }
    }

    fn tiny() -> Vec<NerExample> {
        use EntityType::*;
        vec![
            ex(
                "John Kerry flew to Cairo on Monday .",
                &[(0, 2, Person), (4, 5, Place)],
            ),
            ex(
                "The United Nations said Hamas fired rockets .",
                &[(1, 3, Organization), (4, 5, Organization)],
            ),
            ex(
                "Police in Juba , South Sudan , arrested Riek Machar .",
                &[(2, 3, Place), (4, 6, Place), (8, 10, Person)],
            ),
        ]
    }

    #[test]
    fn tiny_training_reproduces_its_spans() {
        for scheme in [Scheme::Bilou, Scheme::BilouStrict, Scheme::Bio] {
            let opts = TrainOptions {
                epochs: 10,
                scheme,
                prune_below: 0.0,
                ..TrainOptions::default()
            };
            let data = tiny();
            let mut f1 = Vec::new();
            let m = train(&data, &data, Gazetteer::default(), &[], &opts, |e, f| {
                f1.push((e, f))
            });
            assert_eq!(f1.len(), 10);
            for s in &data {
                assert_eq!(
                    m.tag(&s.words, &s.pos),
                    s.entities,
                    "{scheme:?} {:?}",
                    s.words
                );
            }
        }
    }

    #[test]
    fn model_round_trip_and_determinism() {
        let data = tiny();
        let gaz = Gazetteer::new([("Cairo", EntityType::Place)]);
        let opts = TrainOptions {
            epochs: 4,
            ..TrainOptions::default()
        };
        let a = train(&data, &[], gaz.clone(), &[], &opts, |_, _| {});
        let b = train(&data, &[], gaz.clone(), &[], &opts, |_, _| {});
        let bytes = a.to_bytes().unwrap();
        assert_eq!(
            bytes,
            b.to_bytes().unwrap(),
            "same data + seed → same bytes"
        );
        let back = EntityTagger::from_bytes("t", &bytes).unwrap();
        assert_eq!(back.to_bytes().unwrap(), bytes);
        for s in &data {
            assert_eq!(back.tag(&s.words, &s.pos), a.tag(&s.words, &s.pos));
        }
        assert!(matches!(
            EntityTagger::from_bytes("t", &bytes[..bytes.len() / 2]),
            Err(ModelError::Corrupt { .. })
        ));
        let other = TrainOptions { seed: 7, ..opts };
        // A different seed shuffles differently (the weights differ, if not the tags).
        let c = train(&data, &[], gaz, &[], &other, |_, _| {});
        assert_ne!(c.to_bytes().unwrap(), bytes);
    }

    #[test]
    fn dictionary_matches_are_features() {
        struct Known;
        impl EntityDictionary for Known {
            fn find(&self, words: &[&str]) -> Vec<EntitySpan> {
                words
                    .iter()
                    .position(|w| *w == "Zorgland")
                    .map(|i| EntitySpan {
                        start: i,
                        end: i + 1,
                        kind: EntityType::Place,
                    })
                    .into_iter()
                    .collect()
            }
        }
        let opts = TrainOptions::default();
        let gaz = Gazetteer::new([("Cairo", EntityType::Place)]);
        let m = train(&tiny(), &[], gaz, &[], &opts, |_, _| {});
        let codes = m.dict_codes(&["to", "Zorgland"], &[&Known]);
        assert_eq!(codes[0], 0);
        assert_ne!(codes[1], 0);
        let none = m.dict_codes(&["to", "Zorgland"], &[]);
        assert_eq!(none[1], 0);
        // Types the model's gazetteer lacks (here: all) are not used.
        let bare = train(&tiny(), &[], Gazetteer::default(), &[], &opts, |_, _| {});
        assert_eq!(bare.dict_codes(&["to", "Zorgland"], &[&Known])[1], 0);
    }

    #[test]
    fn encode_then_decode_gives_the_spans_back() {
        use EntityType::*;
        let spans = vec![
            EntitySpan {
                start: 0,
                end: 1,
                kind: Person,
            },
            EntitySpan {
                start: 1,
                end: 3,
                kind: Place,
            },
            EntitySpan {
                start: 4,
                end: 7,
                kind: Organization,
            },
            EntitySpan {
                start: 7,
                end: 8,
                kind: Organization,
            },
        ];
        for scheme in [Scheme::Bilou, Scheme::BilouStrict, Scheme::Bio] {
            let labels = scheme.encode(9, &spans);
            let back = scheme.decode(&labels);
            assert_eq!(back, spans, "{scheme:?}");
            // The decoder's constraints accept the gold sequence.
            let mut prev = None;
            for (i, &l) in labels.iter().enumerate() {
                assert!(
                    scheme.allowed(prev, l, i + 1 == labels.len()),
                    "{scheme:?} {i}"
                );
                prev = Some(l);
            }
        }
        assert_eq!(
            EntityTagger::bio_tags(&spans[..2], 4),
            vec!["B-PERSON", "B-PLACE", "I-PLACE", "O"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_label_sequence_decodes_to_well_formed_spans(
            labels in proptest::collection::vec(0u16..13, 0..40),
            bio in proptest::bool::ANY,
        ) {
            let scheme = if bio { Scheme::Bio } else { Scheme::Bilou };
            let labels: Vec<u16> = labels
                .into_iter()
                .map(|l| l % scheme.n_labels() as u16)
                .collect();
            let spans = scheme.decode(&labels);
            let mut last_end = 0;
            for s in &spans {
                proptest::prop_assert!(s.start < s.end && s.end <= labels.len());
                proptest::prop_assert!(s.start >= last_end, "overlap: {spans:?}");
                last_end = s.end;
            }
        }

        #[test]
        fn constrained_sequences_round_trip(
            labels in proptest::collection::vec(0u16..13, 1..40),
        ) {
            // Walk the labels, replacing any the constraints forbid by the first allowed
            // one (what the greedy decoder does with its scores): the spans decoded from
            // such a sequence encode back to the same sequence.
            for scheme in [Scheme::BilouStrict, Scheme::Bio] {
                let n = labels.len();
                let mut seq = Vec::with_capacity(n);
                let mut prev = None;
                for (i, &l) in labels.iter().enumerate() {
                    let l = l % scheme.n_labels() as u16;
                    let l = if scheme.allowed(prev, l, i + 1 == n) {
                        l
                    } else {
                        (0..scheme.n_labels() as u16)
                            .find(|&c| scheme.allowed(prev, c, i + 1 == n))
                            .unwrap_or(0)
                    };
                    seq.push(l);
                    prev = Some(l);
                }
                let spans = scheme.decode(&seq);
                proptest::prop_assert_eq!(scheme.encode(n, &spans), seq);
            }
        }
    }
}
