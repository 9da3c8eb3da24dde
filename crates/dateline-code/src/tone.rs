//! Tone: how positive or negative an article, a sentence or an event's words are, read off an
//! openly licensed sentiment lexicon — dateline's counterpart to GDELT's `Tone`/`AvgTone`.
//!
//! **What it owns.** The bundled lexicon (VADER's word list, MIT, C.J. Hutto; see
//! `data/tone/README.md`), a document score on GDELT's scale ([`Tone::document`]), a
//! valence score for a sentence or a word range of one ([`Tone::sentence`], [`Tone::span`]),
//! and an event's polarity: the score of its trigger's clause ([`Tone::event`]).
//!
//! **What it reads.** Analysed sentences from `dateline_nlp::pipeline`: each word's `form`
//! (lower-cased) is looked up, then its `lemma` when the form is not listed. Words without a
//! letter or digit (punctuation) are not words here and do not count. Only content words
//! carry tone: a word tagged as a function word, part of a multiword function expression
//! (`well` in "as well as") or inside a name (`Free` in "Free Syrian Army", `Security` in
//! "Security Council") counts as a word but is not looked up; untagged words (empty `upos`)
//! are all looked up.
//!
//! **Document scale (GDELT GKG `V1.5TONE` / `V2Tone`).** GDELT's codebook defines, per
//! article: *PositiveScore*, the percentage of all words with a positive connotation;
//! *NegativeScore*, the percentage with a negative one (reported as a positive number);
//! *Tone* = PositiveScore − NegativeScore, from −100 to +100 with most news between −10 and
//! +10; *Polarity*, the percentage of words that carry any tone (how charged the text is); and
//! the word count. [`DocumentTone`] has the same five fields with the same definitions; the
//! word lists differ (GDELT's own tone dictionary is not open), so values are comparable in
//! scale and sign, not digit for digit.
//!
//! **Negation and intensity.** A toned word within three words after a negator (`not`,
//! `n't`, `no`, `never`, `without`, …) counts for the opposite side (VADER flips and damps it
//! by −0.74; the document score flips the count). In span scores a booster just before a word
//! (`very`, `extremely`) adds 0.293 to its magnitude and a dampener (`slightly`, `barely`)
//! takes 0.293 off, as VADER does. VADER's other rules (capitals, `!`, `but`-shifts, idioms)
//! are not applied: they matter on social media, little in edited news.
//!
//! **Span score.** The sum of the valences `s` normalised as VADER's *compound* score,
//! `s / sqrt(s² + 15)`, in −1..=1; 0 for a span with no toned word.
//!
//! **Known limits.** A general-purpose lexicon reads domain words at face value: `killed`,
//! `attack`, `war` are negative whoever does what to whom; `ceasefire` is not listed, `peace`
//! is positive. Word sense is not resolved (`fine` the adjective and the penalty). Only
//! English.

use dateline_nlp::pipeline::{AnalyzedSentence, Word};
use once_cell::sync::Lazy;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// The bundled lexicon: `token<TAB>valence` per line (see `data/tone/README.md`).
pub static BUNDLED_LEXICON: &str = include_str!("../../../data/tone/vader_lexicon.tsv");

/// VADER's factor for a negated word's valence.
const NEGATION_SCALAR: f32 = -0.74;
/// VADER's change of magnitude for a booster or dampener before a word.
const BOOST: f32 = 0.293;
/// VADER's normalisation constant for the compound score.
const COMPOUND_ALPHA: f32 = 15.0;
/// How many words back a negator reaches (VADER looks three tokens back).
const NEGATION_WINDOW: usize = 3;

/// Words that negate a toned word that follows within [`NEGATION_WINDOW`] words.
const NEGATORS: &[&str] = &[
    "not", "n't", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere",
    "cannot", "without", "hardly", "rarely", "seldom", "dont", "didnt", "doesnt", "isnt", "wasnt",
    "arent", "werent", "cant", "couldnt", "wont", "wouldnt", "shouldnt",
];

/// Degree adverbs that strengthen the next toned word.
const BOOSTERS: &[&str] = &[
    "absolutely",
    "completely",
    "considerably",
    "deeply",
    "enormously",
    "entirely",
    "especially",
    "exceptionally",
    "extremely",
    "greatly",
    "highly",
    "hugely",
    "incredibly",
    "intensely",
    "particularly",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "totally",
    "tremendously",
    "utterly",
    "very",
];

/// Degree adverbs that weaken the next toned word.
const DAMPENERS: &[&str] = &[
    "almost",
    "barely",
    "marginally",
    "partly",
    "scarcely",
    "slightly",
    "somewhat",
    "little",
];

/// Universal POS tags whose words carry no tone of their own here: function words ("like
/// Hamas", "as well as") and names ("the Free Syrian Army", "the Security Council").
const UNTONED_TAGS: &[&str] = &[
    "ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART", "NUM", "PUNCT", "SYM", "PROPN", "X",
];

/// A sentiment lexicon: lower-case token → valence (−4..=4, never 0).
#[derive(Debug, Clone)]
pub struct Tone {
    valence: HashMap<String, f32>,
}

/// Tone of a whole article on GDELT's scale (percentages of all words).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DocumentTone {
    /// `positive − negative`, −100..=100.
    pub tone: f32,
    /// Percentage of words with a positive connotation (negated negative words included).
    pub positive: f32,
    /// Percentage of words with a negative connotation, as a positive number.
    pub negative: f32,
    /// Percentage of words that carry any tone: `positive + negative`.
    pub polarity: f32,
    /// Words counted (tokens with a letter or digit).
    pub word_count: usize,
}

/// Tone of one sentence or word range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpanTone {
    /// VADER-style compound score, −1..=1 (0: no toned word).
    pub score: f32,
    /// Words read as positive / negative after negation.
    pub positive_words: usize,
    pub negative_words: usize,
    /// Words counted (tokens with a letter or digit).
    pub word_count: usize,
}

static BUNDLED: Lazy<Tone> = Lazy::new(|| Tone::from_tsv(BUNDLED_LEXICON));

impl Tone {
    /// The bundled VADER lexicon (parsed once per process; cheap to call again).
    pub fn bundled() -> &'static Tone {
        &BUNDLED
    }

    /// A lexicon from `token<TAB>valence` lines. Lines that do not parse, and zero valences,
    /// are skipped; a repeated token keeps its last value (as VADER's reader does).
    pub fn from_tsv(text: &str) -> Tone {
        let mut valence = HashMap::new();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(token), Some(value)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Ok(v) = value.trim().parse::<f32>() else {
                continue;
            };
            if token.is_empty() || v == 0.0 || !v.is_finite() {
                continue;
            }
            valence.insert(token.to_string(), v);
        }
        Tone { valence }
    }

    /// Number of distinct tokens in the lexicon.
    pub fn len(&self) -> usize {
        self.valence.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.valence.is_empty()
    }

    /// A token's valence: its lower-case form's, else the token's as written (emoticons such
    /// as `:D` are listed in capitals).
    pub fn valence(&self, token: &str) -> Option<f32> {
        self.valence
            .get(&token.to_lowercase())
            .or_else(|| self.valence.get(token))
            .copied()
    }

    /// Tone of an article from its analysed sentences, on GDELT's scale.
    pub fn document(&self, sentences: &[AnalyzedSentence]) -> DocumentTone {
        let mut words = 0usize;
        let mut positive = 0usize;
        let mut negative = 0usize;
        for sentence in sentences {
            let t = self.score_sentence(sentence, &|_| true);
            words += t.word_count;
            positive += t.positive_words;
            negative += t.negative_words;
        }
        let pct = |n: usize| {
            if words == 0 {
                0.0
            } else {
                100.0 * n as f32 / words as f32
            }
        };
        DocumentTone {
            tone: pct(positive) - pct(negative),
            positive: pct(positive),
            negative: pct(negative),
            polarity: pct(positive + negative),
            word_count: words,
        }
    }

    /// Tone of one sentence.
    pub fn sentence(&self, sentence: &AnalyzedSentence) -> SpanTone {
        self.score_sentence(sentence, &|_| true)
    }

    /// Compound score (−1..=1) of the words `words` (0-based, end exclusive) of a sentence;
    /// a range past the sentence's end is cut to it. Negators and boosters just before the
    /// range are read too, so `not | good` scores as "not good".
    pub fn span(&self, sentence: &AnalyzedSentence, words: Range<usize>) -> f32 {
        self.span_tone(sentence, words).score
    }

    /// [`Tone::span`] with its word counts.
    pub fn span_tone(&self, sentence: &AnalyzedSentence, words: Range<usize>) -> SpanTone {
        self.score_sentence(sentence, &|i| words.contains(&i))
    }

    /// Polarity of an event: the compound score (−1..=1) of the clause its trigger (word
    /// `trigger_word` of `sentence`, 0-based) belongs to — the trigger's nearest verb and all
    /// the words it governs, as one contiguous span. 0 when the index is out of range.
    pub fn event(&self, sentence: &AnalyzedSentence, trigger_word: usize) -> f32 {
        let inside = clause_words(&sentence.words, trigger_word);
        self.score_sentence(sentence, &|i| inside.get(i).copied().unwrap_or(false))
            .score
    }

    /// Scores the words of `sentence` that `include` selects, reading every word before one
    /// as a possible negator or booster of it.
    fn score_sentence(
        &self,
        sentence: &AnalyzedSentence,
        include: &dyn Fn(usize) -> bool,
    ) -> SpanTone {
        let words = &sentence.words;
        let mut sum = 0.0f32;
        let mut out = SpanTone::default();
        for (i, word) in words.iter().enumerate() {
            if !include(i) || !word.form.chars().any(char::is_alphanumeric) {
                continue;
            }
            out.word_count += 1;
            if is_part_of_a_name(sentence, i) {
                continue;
            }
            let Some(mut v) = self.word_valence(word) else {
                continue;
            };
            if let Some(prev) = i.checked_sub(1).and_then(|p| words.get(p)) {
                let prev = prev.form.to_lowercase();
                let change = if BOOSTERS.contains(&prev.as_str()) {
                    BOOST
                } else if DAMPENERS.contains(&prev.as_str()) {
                    -BOOST
                } else {
                    0.0
                };
                let changed = v + change * v.signum();
                // A dampener weakens a faint word to nothing, never past zero to the other side.
                if changed.signum() == v.signum() {
                    v = changed;
                }
            }
            let negated = words
                .get(i.saturating_sub(NEGATION_WINDOW)..i)
                .is_some_and(|before| before.iter().any(is_negator));
            if negated {
                v *= NEGATION_SCALAR;
            }
            if v > 0.0 {
                out.positive_words += 1;
            } else if v < 0.0 {
                out.negative_words += 1;
            }
            sum += v;
        }
        out.score = if sum == 0.0 {
            0.0
        } else {
            (sum / (sum * sum + COMPOUND_ALPHA).sqrt()).clamp(-1.0, 1.0)
        };
        out
    }

    fn word_valence(&self, word: &Word) -> Option<f32> {
        let form = word.form.to_lowercase();
        if NEGATORS.contains(&form.as_str()) {
            // "no" and "not" are listed with a valence upstream; here they only negate.
            return None;
        }
        // `fixed`: a word of a multiword function expression ("as well as", "such as").
        if UNTONED_TAGS.contains(&word.upos.as_str()) || word.deprel == "fixed" {
            return None;
        }
        self.valence
            .get(&form)
            .or_else(|| self.valence.get(&word.form))
            .or_else(|| self.valence.get(&word.lemma.to_lowercase()))
            .copied()
    }
}

impl Default for SpanTone {
    fn default() -> Self {
        SpanTone {
            score: 0.0,
            positive_words: 0,
            negative_words: 0,
            word_count: 0,
        }
    }
}

/// Whether word `i` is inside a name: an entity of the sentence, or a capitalised modifier
/// of a proper noun past the sentence's first word ("Free" in "the Free Syrian Army",
/// "Security" in "the Security Council").
fn is_part_of_a_name(sentence: &AnalyzedSentence, i: usize) -> bool {
    if sentence
        .entities
        .iter()
        .any(|e| (e.first_word..e.end_word).contains(&i))
    {
        return true;
    }
    let Some(word) = sentence.words.get(i) else {
        return false;
    };
    let capitalised = word.form.chars().next().is_some_and(char::is_uppercase);
    let head_is_name = word
        .head
        .checked_sub(1)
        .and_then(|h| sentence.words.get(h))
        .is_some_and(|h| h.upos == "PROPN");
    i > 0
        && capitalised
        && head_is_name
        && matches!(word.deprel.as_str(), "amod" | "compound" | "flat" | "nmod")
}

/// Which words belong to the clause of word `i`: its nearest verb ancestor (or the root) and
/// everything that verb governs, except other verbs' clauses ("welcomed the truce, but
/// rockets killed …": `killed` is not `welcomed`'s). All false when `i` is out of range.
fn clause_words(words: &[Word], i: usize) -> Vec<bool> {
    if i >= words.len() {
        return vec![false; words.len()];
    }
    let mut verb = i;
    // A parse is a tree; the bound keeps a malformed one from looping.
    for _ in 0..words.len() {
        match words.get(verb) {
            Some(w) if w.upos != "VERB" && w.head != 0 && w.head <= words.len() => {
                verb = w.head - 1
            }
            _ => break,
        }
    }
    let governed_by_verb = |mut j: usize| {
        for _ in 0..=words.len() {
            if j == verb {
                return true;
            }
            match words.get(j) {
                Some(w) if w.upos == "VERB" => return false,
                Some(w) if w.head != 0 => j = w.head - 1,
                _ => return false,
            }
        }
        false
    };
    (0..words.len()).map(governed_by_verb).collect()
}

fn is_negator(word: &Word) -> bool {
    let form = word.form.to_lowercase();
    NEGATORS.contains(&form.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(forms: &[&str]) -> AnalyzedSentence {
        let mut offset = 0;
        let words = forms
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let w = Word {
                    id: i + 1,
                    form: f.to_string(),
                    start: offset,
                    end: offset + f.len(),
                    lemma: f.to_lowercase(),
                    upos: String::new(),
                    xpos: String::new(),
                    feats: String::new(),
                    head: 0,
                    deprel: String::new(),
                };
                offset += f.len() + 1;
                w
            })
            .collect();
        AnalyzedSentence {
            start: 0,
            end: offset,
            text: forms.join(" "),
            words,
            entities: vec![],
        }
    }

    #[test]
    fn negation_flips_and_boosters_strengthen() {
        let tone = Tone::bundled();
        let good = tone.sentence(&words(&["It", "was", "good", "."])).score;
        let not_good = tone
            .sentence(&words(&["It", "was", "not", "good", "."]))
            .score;
        let very_good = tone
            .sentence(&words(&["It", "was", "very", "good", "."]))
            .score;
        assert!(good > 0.0, "{good}");
        assert!(not_good < 0.0, "{not_good}");
        assert!(very_good > good, "{very_good} vs {good}");
    }

    #[test]
    fn span_reads_the_negator_before_it() {
        let tone = Tone::bundled();
        let s = words(&["They", "did", "not", "welcome", "the", "plan"]);
        assert!(tone.span(&s, 3..6) < 0.0);
        assert_eq!(tone.span(&s, 5..6), 0.0);
        assert_eq!(tone.span(&s, 10..20), 0.0);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = tone.span(&s, 4..2);
        assert_eq!(reversed, 0.0);
    }

    #[test]
    fn document_percentages() {
        let tone = Tone::bundled();
        // 10 words: "killed" negative, "peace" positive; punctuation not counted.
        let s = words(&[
            "Two", "people", "were", "killed", "before", "the", "talks", "on", "peace", "began",
            ".",
        ]);
        let d = tone.document(std::slice::from_ref(&s));
        assert_eq!(d.word_count, 10);
        assert!((d.positive - 10.0).abs() < 1e-4, "{d:?}");
        assert!((d.negative - 10.0).abs() < 1e-4, "{d:?}");
        assert!(d.tone.abs() < 1e-4);
        assert!((d.polarity - 20.0).abs() < 1e-4);
        let empty = tone.document(&[]);
        assert_eq!(empty.word_count, 0);
        assert_eq!(empty.tone, 0.0);
    }

    #[test]
    fn a_dampener_never_turns_the_sign() {
        let tone = Tone::from_tsv("faint\t0.2\nbad\t-2.5\n");
        assert!(tone.sentence(&words(&["slightly", "faint"])).score > 0.0);
        let bad = tone.sentence(&words(&["bad"])).score;
        let slightly_bad = tone.sentence(&words(&["slightly", "bad"])).score;
        assert!(
            slightly_bad < 0.0 && slightly_bad > bad,
            "{slightly_bad} vs {bad}"
        );
    }

    #[test]
    fn from_tsv_skips_bad_lines_and_keeps_the_last_value() {
        let t = Tone::from_tsv("good\t1.9\nbad\nworse\tx\nzero\t0\ngood\t2.5\n\t1.0\n");
        assert_eq!(t.len(), 1);
        assert_eq!(t.valence("GOOD"), Some(2.5));
    }
}
