//! A read-only view of one parsed sentence that the coder walks: 0-based word indices,
//! children lists, universal relations without their subtypes, and upper-cased forms and
//! lemmas (the dictionaries are upper case).

use dateline_nlp::pipeline::{AnalyzedSentence, Word};

use super::TextSpan;

pub(crate) struct SentenceView<'a> {
    pub sentence: &'a AnalyzedSentence,
    /// Upper-cased forms, as the dictionaries write words.
    pub upper: Vec<String>,
    /// Upper-cased lemmas.
    pub upper_lemma: Vec<String>,
    /// 0-based head of each word (`None` for the root).
    pub head: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
}

impl<'a> SentenceView<'a> {
    pub fn new(sentence: &'a AnalyzedSentence) -> SentenceView<'a> {
        let n = sentence.words.len();
        let head: Vec<Option<usize>> = sentence
            .words
            .iter()
            .map(|w| w.head.checked_sub(1).filter(|&h| h < n))
            .collect();
        let children = children_of(&sentence.words);
        SentenceView {
            sentence,
            upper: sentence
                .words
                .iter()
                .map(|w| w.form.to_uppercase())
                .collect(),
            upper_lemma: sentence
                .words
                .iter()
                .map(|w| w.lemma.to_uppercase())
                .collect(),
            head,
            children,
        }
    }

    /// The article text of the sentence between article byte offsets `start..end`.
    pub fn text_between(&self, start: usize, end: usize) -> Option<&'a str> {
        let offset = self.sentence.start;
        self.sentence
            .text
            .get(start.saturating_sub(offset)..end.saturating_sub(offset))
    }

    /// Words `first..end` (0-based, end exclusive) as written and their article byte offsets;
    /// `None` when the range holds no word.
    pub fn words_span(&self, first: usize, end: usize) -> Option<TextSpan> {
        let words = &self.sentence.words;
        let (a, b) = (words.get(first)?, words.get(end.checked_sub(1)?)?);
        Some(TextSpan {
            text: self
                .text_between(a.start, b.end)
                .unwrap_or_default()
                .to_string(),
            start: a.start,
            end: b.end,
        })
    }

    /// The words' forms as written, for the phrase matchers.
    pub fn forms(&self) -> Vec<&'a str> {
        self.sentence
            .words
            .iter()
            .map(|w| w.form.as_str())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.sentence.words.len()
    }

    /// The full relation, e.g. `nsubj:pass`.
    pub fn deprel(&self, i: usize) -> &str {
        self.sentence.words.get(i).map_or("", |w| w.deprel.as_str())
    }

    /// The universal part of the relation (`nsubj:pass` → `nsubj`).
    pub fn base_rel(&self, i: usize) -> &str {
        let rel = self.deprel(i);
        rel.split(':').next().unwrap_or(rel)
    }

    pub fn upos(&self, i: usize) -> &str {
        self.sentence.words.get(i).map_or("", |w| w.upos.as_str())
    }

    pub fn xpos(&self, i: usize) -> &str {
        self.sentence.words.get(i).map_or("", |w| w.xpos.as_str())
    }

    pub fn lemma_lower(&self, i: usize) -> String {
        self.sentence
            .words
            .get(i)
            .map_or(String::new(), |w| w.lemma.to_lowercase())
    }

    pub fn form(&self, i: usize) -> &str {
        self.sentence.words.get(i).map_or("", |w| w.form.as_str())
    }

    /// Children of `i` with the given full relation or universal relation.
    pub fn children_with<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children
            .get(i)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&c| self.deprel(c) == rel || self.base_rel(c) == rel)
    }

    pub fn first_child_with(&self, i: usize, rel: &str) -> Option<usize> {
        self.children_with(i, rel).next()
    }

    /// The case marker (preposition) of a nominal, lower case: "with" for "with Gondor".
    pub fn case_marker(&self, i: usize) -> Option<String> {
        let mut marks: Vec<usize> = self.children_with(i, "case").collect();
        marks.sort_unstable();
        let first = *marks.first()?;
        // Multi-word prepositions ("because of", "out of") keep all their words.
        Some(
            marks
                .iter()
                .filter(|&&m| m < i)
                .map(|&m| self.lemma_lower(m))
                .collect::<Vec<_>>()
                .join(" "),
        )
        .filter(|s| !s.is_empty())
        .or_else(|| Some(self.lemma_lower(first)))
    }

    /// Words of `i`'s subtree, in sentence order, not entering children whose relation
    /// `stop` rejects (the root of the subtree is always included).
    pub fn subtree_where(&self, i: usize, stop: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        let mut guard = 0usize;
        while let Some(w) = stack.pop() {
            guard += 1;
            if guard > 4 * self.len() + 4 {
                break; // a malformed tree with a cycle: never loop forever
            }
            out.push(w);
            for &c in self.children.get(w).into_iter().flatten() {
                if !stop(c) {
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the word is negated: `not`, `n't`, `never` as its modifier, or `no`/`neither`
    /// as the determiner of a noun.
    pub fn is_negated(&self, i: usize) -> bool {
        self.children.get(i).into_iter().flatten().any(|&c| {
            let lemma = self.lemma_lower(c);
            let rel = self.base_rel(c);
            (matches!(rel, "advmod" | "neg")
                && matches!(lemma.as_str(), "not" | "n't" | "never" | "no"))
                || (rel == "det" && matches!(lemma.as_str(), "no" | "neither"))
        })
    }
}

/// Each word's dependents (0-based indices, in word order), from the parse's 1-based heads:
/// the one child index every reader of a sentence walks. A word the parse makes its own head
/// (a malformed tree) is no one's dependent.
pub(crate) fn children_of(words: &[Word]) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); words.len()];
    for (i, w) in words.iter().enumerate() {
        if let Some(list) = w
            .head
            .checked_sub(1)
            .filter(|&h| h != i)
            .and_then(|h| children.get_mut(h))
        {
            list.push(i);
        }
    }
    children
}
