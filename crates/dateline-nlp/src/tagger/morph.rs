//! Lemmas and morphological features, given the predicted tag.
//!
//! * A lexicon from training: (form, tag) → its most frequent lemma and feature string;
//!   then the same for the lowercased form (sentence-initial capitals).
//! * For unseen (form, tag): edit scripts (`lowercase?`, strip *n* characters, append *s*),
//!   the most frequent for (tag, longest known suffix of the lowercased form, up to 6
//!   characters), counted over word *types* so that frequent irregulars don't outvote the
//!   regular pattern that unseen words follow.
//! * Features for unseen (form, tag): the most frequent string for (tag, has-digit).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::features::{hash_str, is_lowercase_of, lowercase, mix, suffix_chars};
use crate::perceptron::IdMap;

const MAX_SUFFIX: usize = 6;

/// An edit script from a form to its lemma.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
pub(crate) struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

impl Rule {
    #[cfg(test)]
    const IDENTITY: Rule = Rule {
        lower: false,
        strip: 0,
        append: String::new(),
    };

    /// The shortest script turning `form` into `lemma` (keeping case when that is as short).
    fn learn(form: &str, lemma: &str) -> Rule {
        let script = |base: &str, lower: bool| {
            let common: usize = base
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let strip = base.chars().count() - common;
            let append: String = lemma.chars().skip(common).collect();
            Rule {
                lower,
                strip: u8::try_from(strip).unwrap_or(u8::MAX),
                append,
            }
        };
        let keep = script(form, false);
        let low = script(&lowercase(form), true);
        let cost = |r: &Rule| r.strip as usize + r.append.chars().count();
        if cost(&low) < cost(&keep) {
            low
        } else {
            keep
        }
    }

    /// Apply to `form`; `None` when the form is too short to strip.
    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            lowercase(form)
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if (self.strip as usize) >= n && !(self.strip == 0 && n == 0) {
            return None;
        }
        let keep = n - self.strip as usize;
        let mut out: String = base.chars().take(keep).collect();
        out.push_str(&self.append);
        Some(out)
    }
}

fn rule_key(class: u16, suffix: &str, k: usize) -> u64 {
    mix(mix(u64::from(class) ^ 0x7e57, k as u64), hash_str(suffix))
}

fn feats_key(class: u16, digit: bool) -> u64 {
    mix(u64::from(class) ^ 0xfea7, u64::from(digit))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct LexEntry {
    class: u16,
    lemma: String,
    feats: u32,
    /// Seen with more than one feature string: let the context model choose.
    ambiguous: bool,
}

/// The trained lemmatizer and feature guesser.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Morph {
    feats_table: Vec<String>,
    lexicon: Vec<(String, Vec<LexEntry>)>,
    rules: Vec<(u64, Rule)>,
    class_feats: Vec<(u64, u32)>,
    /// Hash of the form → lexicon index.
    #[serde(skip)]
    lex_index: IdMap<usize>,
    #[serde(skip)]
    rule_index: IdMap<usize>,
    #[serde(skip)]
    feats_index: IdMap<u32>,
}

fn most_frequent<T: Ord + Clone>(counts: &BTreeMap<T, u32>) -> Option<(T, u32)> {
    // Highest count; ties → smallest value (BTreeMap order), so the choice is deterministic.
    let mut best: Option<(&T, u32)> = None;
    for (v, &c) in counts {
        if !matches!(best, Some((_, bc)) if c <= bc) {
            best = Some((v, c));
        }
    }
    best.map(|(v, c)| (v.clone(), c))
}

impl Morph {
    /// Learn from (form, class, lemma, feats) tokens.
    pub fn train<'a>(tokens: impl Iterator<Item = (&'a str, u16, &'a str, &'a str)>) -> Morph {
        let mut lemmas: BTreeMap<(&str, u16), BTreeMap<&str, u32>> = BTreeMap::new();
        let mut feats: BTreeMap<(&str, u16), BTreeMap<&str, u32>> = BTreeMap::new();
        let mut class_feats: BTreeMap<u64, BTreeMap<&str, u32>> = BTreeMap::new();
        for (form, class, lemma, f) in tokens {
            *lemmas
                .entry((form, class))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
            *feats
                .entry((form, class))
                .or_default()
                .entry(f)
                .or_default() += 1;
            let digit = form.chars().any(|c| c.is_ascii_digit());
            *class_feats
                .entry(feats_key(class, digit))
                .or_default()
                .entry(f)
                .or_default() += 1;
        }
        let mut feats_table: Vec<String> = Vec::new();
        let mut feats_ids: HashMap<String, u32> = HashMap::new();
        let mut feat_id = |s: &str, table: &mut Vec<String>| -> u32 {
            if let Some(&id) = feats_ids.get(s) {
                return id;
            }
            table.push(s.to_string());
            let id = (table.len() - 1) as u32;
            feats_ids.insert(s.to_string(), id);
            id
        };
        // Lexicon and rule counts (rules over types).
        let mut lexicon: BTreeMap<&str, Vec<LexEntry>> = BTreeMap::new();
        let mut rule_counts: BTreeMap<u64, BTreeMap<Rule, u32>> = BTreeMap::new();
        let mut rule_meta: BTreeMap<u64, (usize, Option<u64>)> = BTreeMap::new();
        for ((form, class), ls) in &lemmas {
            let Some((lemma, _)) = most_frequent(ls) else {
                continue;
            };
            let fs = feats.get(&(*form, *class));
            let (f, top) = fs.and_then(most_frequent).unwrap_or(("", 0));
            let total: u32 = fs.map_or(0, |c| c.values().sum());
            let fid = feat_id(f, &mut feats_table);
            lexicon.entry(form).or_default().push(LexEntry {
                class: *class,
                lemma: lemma.to_string(),
                feats: fid,
                ambiguous: total > top,
            });
            if lemma.is_empty() {
                continue;
            }
            let rule = Rule::learn(form, lemma);
            let lower = lowercase(form);
            let n = lower.chars().count().min(MAX_SUFFIX);
            let mut parent = None;
            for k in 0..=n {
                let key = rule_key(*class, suffix_chars(&lower, k), k);
                *rule_counts
                    .entry(key)
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
                rule_meta.insert(key, (k, parent));
                parent = Some(key);
            }
        }
        // Keep a suffix's rule only when it is attested twice and differs from its parent's.
        let best: BTreeMap<u64, (Rule, u32)> = rule_counts
            .iter()
            .filter_map(|(k, c)| most_frequent(c).map(|b| (*k, b)))
            .collect();
        let mut rules = Vec::new();
        for (key, (rule, count)) in &best {
            let Some(&(k, parent)) = rule_meta.get(key) else {
                continue;
            };
            let total: u32 = rule_counts.get(key).map_or(0, |c| c.values().sum());
            let parent_rule = parent.and_then(|p| best.get(&p)).map(|(r, _)| r);
            if k == 0 || (total >= 2 && *count >= 2 && parent_rule != Some(rule)) {
                rules.push((*key, rule.clone()));
            }
        }
        let class_feats: Vec<(u64, u32)> = class_feats
            .iter()
            .filter_map(|(k, c)| most_frequent(c).map(|(f, _)| (*k, feat_id(f, &mut feats_table))))
            .collect();
        let mut m = Morph {
            feats_table,
            lexicon: lexicon
                .into_iter()
                .map(|(f, v)| (f.to_string(), v))
                .collect(),
            rules,
            class_feats,
            ..Morph::default()
        };
        m.build_index();
        m
    }

    pub fn build_index(&mut self) -> bool {
        let n = self.feats_table.len() as u32;
        if self
            .lexicon
            .iter()
            .any(|(_, v)| v.iter().any(|e| e.feats >= n))
            || self.class_feats.iter().any(|(_, f)| *f >= n)
        {
            return false;
        }
        self.lex_index = self
            .lexicon
            .iter()
            .enumerate()
            .map(|(i, (f, _))| (hash_str(f), i))
            .collect();
        self.rule_index = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, i))
            .collect();
        self.feats_index = self.class_feats.iter().copied().collect();
        true
    }

    pub fn size(&self) -> (usize, usize) {
        (self.lexicon.len(), self.rules.len())
    }

    /// The entry of the form whose hash is `hash` for `class`, when `same(form)` holds of
    /// the lexicon's form (guarding against hash collisions).
    fn lookup(&self, hash: u64, class: u16, same: impl Fn(&str) -> bool) -> Option<&LexEntry> {
        let &i = self.lex_index.get(&hash)?;
        let (f, entries) = self.lexicon.get(i)?;
        if !same(f) {
            return None;
        }
        entries.iter().find(|e| e.class == class)
    }

    fn feats_str(&self, id: u32) -> &str {
        self.feats_table.get(id as usize).map_or("", |s| s.as_str())
    }

    /// Lemma and feature string for `form` tagged `class`, and whether the features are
    /// a guess that context could improve (unseen word, or seen with several).
    /// `hashes`: of the form and of the lowercased form (`features::WordInfo`'s).
    pub fn analyse(&self, form: &str, class: u16, hashes: (u64, u64)) -> (String, String, bool) {
        if let Some(e) = self.lookup(hashes.0, class, |f| f == form) {
            return (
                e.lemma.clone(),
                self.feats_str(e.feats).to_string(),
                e.ambiguous,
            );
        }
        if hashes.1 != hashes.0 {
            if let Some(e) = self.lookup(hashes.1, class, |f| is_lowercase_of(f, form)) {
                return (
                    e.lemma.clone(),
                    self.feats_str(e.feats).to_string(),
                    e.ambiguous,
                );
            }
        }
        let lower = lowercase(form);
        let digit = form.chars().any(|c| c.is_ascii_digit());
        let feats = self
            .feats_index
            .get(&feats_key(class, digit))
            .map_or("", |&f| self.feats_str(f))
            .to_string();
        let n = lower.chars().count().min(MAX_SUFFIX);
        for k in (0..=n).rev() {
            let key = rule_key(class, suffix_chars(&lower, k), k);
            if let Some(rule) = self.rule_index.get(&key).and_then(|&i| self.rules.get(i)) {
                if let Some(lemma) = rule.1.apply(form) {
                    return (lemma, feats, true);
                }
            }
        }
        (form.to_string(), feats, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_learn_and_apply() {
        let r = Rule::learn("studies", "study");
        assert_eq!(r.apply("flies").as_deref(), Some("fly"));
        let r = Rule::learn("The", "the");
        assert!(r.lower);
        assert_eq!(r.apply("A").as_deref(), Some("a"));
        let r = Rule::learn("went", "go");
        assert_eq!(r.apply("x"), None);
        assert_eq!(Rule::IDENTITY.apply("").as_deref(), Some(""));
    }
}
