//! Verb patterns matched against the parse around a verb.
//!
//! PETRARCH-2 matches a pattern against the phrase-structure tree: the words before `*`
//! against the subject side, the words after it against the verb phrase, `(…)` against a
//! prepositional phrase and `{…}` against a noun phrase. We match the same patterns against
//! the dependency parse: the verb's *context* is the words of its clause in sentence order
//! — before the verb (the subject and auxiliaries) and after it (objects, obliques,
//! complements) — without entering coordinated or parenthetical clauses or relative clauses
//! (those are coded on their own verbs). Pattern items must appear in order; a gap is
//! allowed between two items unless the dictionary joins them with `_`. A literal word
//! matches a word's form or lemma ("ROCKETS" or "ROCKET"); a stem word (no closing `_`)
//! matches words it starts, from four letters on; `&SYNSET` matches any of its phrases;
//! `+`/`$`/`%` match where an actor mention starts and capture it; `^` skips one word.
//!
//! The most specific matching pattern wins: the one with the most literal words and
//! synsets matched (ties: the first in the file, as PETRARCH reads them in order).

use std::collections::BTreeMap;

use super::actors::ActorMention;
use super::view::SentenceView;
use crate::dict::verbs::{PatternItem, VerbPattern};
use crate::dict::Phrase;

/// What a matched pattern captured.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PatternMatch {
    pub score: u32,
    /// Mention indices captured by `$` (source) and `+` (target) slots.
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// Sentence words the pattern's literal items matched (the trigger's other words).
    pub words: Vec<usize>,
}

pub(crate) struct MatchContext<'a> {
    pub view: &'a SentenceView<'a>,
    pub mentions: &'a [ActorMention],
    pub synsets: &'a BTreeMap<String, Vec<Phrase>>,
    /// Context words before the verb, in order.
    pub pre: Vec<usize>,
    /// Context words after the verb, in order.
    pub post: Vec<usize>,
}

impl MatchContext<'_> {
    /// Match one pattern; `None` when some item finds no match.
    pub fn match_pattern(&self, pattern: &VerbPattern) -> Option<PatternMatch> {
        let mut result = PatternMatch::default();
        if !pattern.pre.is_empty() {
            // Pre-verb items are matched right-aligned: they describe what comes before
            // the verb, nearest last.
            let m = self.match_seq(&pattern.pre, &self.pre, 0, 0)?;
            merge(&mut result, m);
        }
        if !pattern.post.is_empty() {
            // `*_X`: X must be the verb's next word in the clause.
            let m = if pattern.verb_adjacent {
                self.match_seq_at(&pattern.post, &self.post, 0, 0)?
            } else {
                self.match_seq(&pattern.post, &self.post, 0, 0)?
            };
            merge(&mut result, m);
        }
        Some(result)
    }

    /// Match `items` in order over `ctx[from..]`; depth guards the recursion.
    fn match_seq(
        &self,
        items: &[PatternItem],
        ctx: &[usize],
        from: usize,
        depth: usize,
    ) -> Option<PatternMatch> {
        if depth > 24 {
            return None;
        }
        if items.is_empty() {
            return Some(PatternMatch::default());
        }
        // The first item anywhere from `from` on (later items: after the previous one); the
        // leftmost start that completes is PETRARCH's reading, the best-scoring there.
        (from..ctx.len()).find_map(|start| self.match_seq_at(items, ctx, start, depth))
    }

    /// Like `match_seq`, but the first item must match exactly at `at`.
    fn match_seq_at(
        &self,
        items: &[PatternItem],
        ctx: &[usize],
        at: usize,
        depth: usize,
    ) -> Option<PatternMatch> {
        let Some((item, rest)) = items.split_first() else {
            return Some(PatternMatch::default());
        };
        let adjacent = matches!(
            item,
            PatternItem::Word { adjacent: true, .. } | PatternItem::Synset { adjacent: true, .. }
        );
        let mut best: Option<PatternMatch> = None;
        for (len, m) in self.match_item(item, ctx, at, depth) {
            let next = at + len;
            let tail = if adjacent {
                self.match_seq_at(rest, ctx, next, depth + 1)
            } else {
                self.match_seq(rest, ctx, next, depth + 1)
            };
            if let Some(tail) = tail {
                let mut total = m;
                merge(&mut total, tail);
                if !matches!(&best, Some(b) if total.score <= b.score) {
                    best = Some(total);
                }
            }
        }
        best
    }

    /// The ways one item matches at `ctx[at]`: (words consumed, what it captured).
    fn match_item(
        &self,
        item: &PatternItem,
        ctx: &[usize],
        at: usize,
        depth: usize,
    ) -> Vec<(usize, PatternMatch)> {
        let Some(&w) = ctx.get(at) else {
            return Vec::new();
        };
        match item {
            PatternItem::Word { word, .. } => {
                if self.word_matches(w, word, word_is_stem(word)) {
                    vec![(
                        1,
                        PatternMatch {
                            score: 2,
                            words: vec![w],
                            ..Default::default()
                        },
                    )]
                } else {
                    Vec::new()
                }
            }
            PatternItem::Synset { name, .. } => {
                let key = name.trim_start_matches('&');
                let phrases = self
                    .synsets
                    .get(key)
                    .or_else(|| self.synsets.get(&format!("&{key}")));
                let mut out = Vec::new();
                for phrase in phrases.into_iter().flatten() {
                    let len = phrase.words.len();
                    if len == 0 || at + len > ctx.len() {
                        continue;
                    }
                    let ok = phrase.words.iter().enumerate().all(|(k, pw)| {
                        let stem = phrase.stem && k + 1 == len;
                        self.word_matches(ctx[at + k], pw, stem)
                    });
                    if ok {
                        let words = ctx[at..at + len].to_vec();
                        out.push((
                            len,
                            PatternMatch {
                                score: 2,
                                words,
                                ..Default::default()
                            },
                        ));
                    }
                }
                out
            }
            PatternItem::Source | PatternItem::Target | PatternItem::Compound => {
                let Some(mi) = self.mentions.iter().position(|m| m.start <= w && w < m.end) else {
                    return Vec::new();
                };
                let end = self.mentions[mi].end;
                let len = ctx[at..].iter().take_while(|&&x| x < end).count().max(1);
                let mut m = PatternMatch {
                    score: 1,
                    ..Default::default()
                };
                if matches!(item, PatternItem::Source) {
                    m.source = Some(mi);
                } else {
                    m.target = Some(mi);
                }
                vec![(len, m)]
            }
            PatternItem::Skip => vec![(1, PatternMatch::default())],
            PatternItem::Prep(items) | PatternItem::NounPhrase(items) => {
                // The group's items must match from here on, the first one at `at`.
                let ctx_tail = &ctx[at..];
                match self.match_seq_at(items, ctx_tail, 0, depth + 1) {
                    Some(m) => {
                        let consumed = m
                            .words
                            .iter()
                            .filter_map(|x| ctx_tail.iter().position(|c| c == x))
                            .max()
                            .map_or(1, |p| p + 1);
                        vec![(consumed, m)]
                    }
                    None => Vec::new(),
                }
            }
        }
    }

    fn word_matches(&self, w: usize, dict_word: &str, stem: bool) -> bool {
        let dict_word = dict_word.trim_end_matches('_');
        if dict_word.is_empty() {
            return false;
        }
        let (Some(form), Some(lemma)) = (self.view.upper.get(w), self.view.upper_lemma.get(w))
        else {
            return false;
        };
        if form == dict_word || lemma == dict_word {
            return true;
        }
        // Plural nouns in patterns ("ROCKETS") against a singular in the text and back.
        if form.strip_suffix('S') == Some(dict_word)
            || dict_word.strip_suffix('S') == Some(form.as_str())
        {
            return true;
        }
        stem && dict_word.chars().count() >= 4 && form.starts_with(dict_word)
    }
}

fn word_is_stem(_word: &str) -> bool {
    // The verb reader does not mark stems inside patterns; PETRARCH-2 matches pattern words
    // whole (with the plural folding above).
    false
}

/// Whether the words a pattern matched include a negation ("not", "n't", "never"): such a
/// pattern codes the negated verb itself (`- &NEGATVAUXVRB * OVER EFFORTS [904]`).
pub(crate) fn names_negation(view: &SentenceView<'_>, words: &[usize]) -> bool {
    words.iter().any(|&w| {
        matches!(
            view.lemma_lower(w).as_str(),
            "not" | "n't" | "never" | "no" | "neither" | "nor"
        )
    })
}

/// Words before `v` in the clauses that govern it, for the words a pattern expects before
/// the verb: a complement clause's verb is preceded by its governor and the governor's
/// subject ("Ethiopia indicated it would act" — `- INDICATED WOULD * NOW`). PETRARCH-1
/// matches the words before the verb in the whole sentence; we follow the clause chain
/// upwards (two levels) through complement and infinitive clauses only.
pub(crate) fn governing_words_before(view: &SentenceView<'_>, v: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = v;
    for _ in 0..2 {
        if !matches!(view.base_rel(cur), "ccomp" | "xcomp") {
            break;
        }
        let Some(h) = view.head.get(cur).copied().flatten() else {
            break;
        };
        let words = view.subtree_where(h, &|c| {
            c == cur
                || matches!(
                    view.base_rel(c),
                    "conj" | "parataxis" | "punct" | "cc" | "ccomp" | "advcl" | "xcomp"
                )
                || view.deprel(c) == "acl:relcl"
        });
        out.extend(words.into_iter().filter(|&x| x < v));
        cur = h;
    }
    out
}

fn merge(into: &mut PatternMatch, other: PatternMatch) {
    into.score += other.score;
    into.source = into.source.or(other.source);
    into.target = into.target.or(other.target);
    into.words.extend(other.words);
}
