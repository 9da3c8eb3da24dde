//! Dictionary phrases: how a phrase is written in a dictionary file, and the matcher that
//! finds dictionary phrases in a tokenized sentence.
//!
//! This module owns two things every phrase-based dictionary (actors, agents, discards,
//! issues) shares:
//!
//! * [`parse_phrase`]: the TABARI/PETRARCH phrase notation — words joined by `_` or spaces,
//!   upper-cased, and a final `_` meaning "the phrase ends at a word boundary" (no final
//!   `_` makes the phrase a *stem*, [`Phrase::stem`]).
//! * [`PhraseMatcher`]: one Aho-Corasick automaton over all phrases of a dictionary, run
//!   over a sentence's tokens.
//!
//! # Design of the matcher
//!
//! Each token of the sentence is reduced to a *match key* ([`match_key`]: upper case,
//! typographic apostrophes folded, a single abbreviation-final period dropped), and the
//! keys are joined into one string `" K1 K2 … Kn "` with single spaces, a space before the
//! first and after the last key. Each dictionary phrase becomes the pattern
//! `" W1 W2 … Wm "` (exact phrase) or `" W1 W2 … Wm"` (stem: no trailing space, so the last
//! word may continue). Because every pattern starts with a space it can only start at a
//! token boundary, and because an exact pattern ends with a space it can only end at one;
//! keys never contain spaces, so a match always covers whole tokens. One automaton scan per
//! sentence then finds every phrase at once, whatever the dictionary size (the Phoenix
//! actor files give ~34k patterns), where a word trie walked from every token needs a
//! hash lookup per token for every candidate start.
//! Match byte offsets are mapped back to token indices by binary search over the token
//! start offsets.
//!
//! # Stems
//!
//! TABARI lets a phrase without a final `_` match as a prefix of the text ("AFGHAN"
//! matching "AFGHANS"); PETRARCH-2 dropped that and matches whole words only. Of the
//! 35,617 phrases of the three Phoenix actor files, 1,651 are stems by that notation
//! (mostly `+` synonyms such as `+ISRAELI` or `+HELMAND`, many by accident), 66 of them with
//! a last word under 4 characters (`+PLO`, `+GOA`, `+IDF`, `…_OF_THE_UN`, `…_BAKER_III`).
//! Honouring TABARI literally would let "PLO" match "PLOT", "GOA" match "GOAL" and "UN"
//! match "UNDER". The rule here:
//!
//! * a stem's last word matches a text word that *equals* it (always), or that *starts*
//!   with it when the stem word has at least [`MIN_STEM_CHARS`] characters and the rest
//!   of the text word is one of the English plural / demonym / spelling-variant endings in
//!   [`STEM_ENDINGS`] ("ISRAELI" → "ISRAELIS", "IRAN" → "IRANIAN", "FALLUJA" →
//!   "FALLUJAH", "ZEALAND" → "ZEALANDER"; not "GOA" → "GOAL", not "FARC" → "FARCE",
//!   not "SPLA" → "SPLASH", not "INDIAN" → "INDIANA");
//! * in [`PhraseMatcher::find_longest`], over the same tokens, the phrase needing the
//!   shortest ending wins, so "NIGERIAN" + "S" beats "NIGER" + "IANS", and an exact match
//!   beats a stem.
//!
//! # Case
//!
//! Matching ignores case, as PETRARCH does (it upper-cases the text). For actor
//! dictionaries, [`MatchOptions::names`] additionally requires a capital letter in the text
//! for one-word phrases of up to [`SHORT_NAME_CHARS`] characters: on UD English EWT this
//! removes the pronoun "us" matching the actor `US` (167 times) and "male" matching `MALE_`
//! (Malé). Longer lower-case common words still match actor phrases there
//! ("organization", "youth", "turkey"); telling those apart needs the parser or the entity
//! tagger, which is the coder's job, not the matcher's.
//!
//! # Punctuation and possessives
//!
//! Our tokenizer splits UD/PTB-style: "Israel's" → "Israel" "'s", "don't" → "do" "n't",
//! commas and final periods are their own tokens, while "U.S.", "Mr." and "al-Qaeda" stay
//! one token. Dictionary words are split the same way when the matcher is built
//! ("QUEEN'S" → "QUEEN" "'S"; "SLAVONIA," → "SLAVONIA" ","), so the possessive in the
//! text never blocks a match ("Israel 's" matches "ISRAEL" and then the "'s" token is
//! simply not part of the match). A single final period is dropped from both text keys and
//! dictionary words when it is the word's only period, so "Mr." and "MR" are the same key,
//! and "SEC." in `UN_SEC._GEN` matches "Sec." or "Sec"; dotted abbreviations ("U.S.",
//! "U.N.") keep their periods and so do not collide with "US" (the pronoun) or "UN".
//! Hyphenated words are single words on both sides ("BAN_KI-MOON" matches "Ban" "Ki-moon").

use crate::dict::actors::ActorEntry;
use crate::dict::agents::AgentEntry;
use crate::dict::discards::Discard;
use crate::dict::issues::IssueEntry;
use crate::dict::Phrase;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Shortest stem word (in characters) that may match a longer text word.
pub const MIN_STEM_CHARS: usize = 4;
/// The endings a stem word may gain in the text: plurals, demonyms, and the final `H` of
/// transliteration variants. Chosen from what stems actually match in UD English EWT
/// (204k words) with the Phoenix actors: an open "up to 3 letters" rule also gave
/// FARC → FARCE, GERA → GERALD, SPLA → SPLASH and INDIAN → INDIANA.
pub const STEM_ENDINGS: &[&str] = &[
    "S", "ES", "N", "NS", "AN", "ANS", "IAN", "IANS", "I", "IS", "ER", "ERS", "H",
];

/// Reads a phrase in dictionary notation: words joined by `_` or whitespace, upper-cased;
/// both joiners mean "consecutive words", as in PETRARCH-2 (PETRARCH-1 let other words
/// intervene at a space, which [`Phrase`] cannot express; the 82 Phoenix actor phrases
/// with a space, like `VIRGILIO_ FONTES_PEREIRA_`, are evidently `_` typos);
/// `stem` is true unless the phrase ends with `_`. `None` when there are no words.
/// Stray `]` characters are dropped.
pub fn parse_phrase(text: &str) -> Option<Phrase> {
    let trimmed = text.trim();
    let words: Vec<String> = trimmed
        // A stray `]` is a typo in one Phoenix line (`+FAEROYENE]_`); never part of a word.
        .split(|c: char| c == '_' || c == ']' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(Phrase {
        words,
        stem: !trimmed.ends_with('_'),
    })
}

/// The key a text token or dictionary word is compared by: upper case, typographic
/// apostrophes and quotes folded to ASCII, whitespace inside a token replaced (so a token
/// can never look like two words), and a final period dropped when it is the only period
/// ("MR." → "MR", "U.S." unchanged, "." unchanged).
pub fn match_key(token: &str) -> String {
    let mut key: String = token
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c if c.is_whitespace() => '\u{1}',
            c => c,
        })
        .collect::<String>()
        .to_uppercase();
    if key.len() > 1 && key.ends_with('.') && key.matches('.').count() == 1 {
        key.pop();
    }
    key
}

/// Splits one dictionary word into the tokens our tokenizer would make of it: possessive
/// `'S` / `'`, the contraction `N'T`, and trailing `,` `;` `:` become their own words.
fn dictionary_word_keys(word: &str, out: &mut Vec<String>) {
    let mut key = match_key(word);
    let mut trailing: Vec<String> = Vec::new();
    while let Some(last) = key.chars().last() {
        if key.len() > 1 && matches!(last, ',' | ';' | ':') {
            key.pop();
            trailing.push(last.to_string());
        } else {
            break;
        }
    }
    let clitic = ["N'T", "'S", "'"]
        .iter()
        .find(|c| key.len() > c.len() && key.ends_with(*c));
    if let Some(clitic) = clitic {
        let stem_len = key.len() - clitic.len();
        let rest = key.split_off(stem_len);
        out.push(key);
        out.push(rest);
    } else {
        out.push(key);
    }
    out.extend(trailing.into_iter().rev());
}

/// The matcher's words for a dictionary phrase (see [`dictionary_word_keys`]).
fn phrase_keys(phrase: &Phrase) -> Vec<String> {
    let mut keys = Vec::with_capacity(phrase.words.len());
    for word in &phrase.words {
        dictionary_word_keys(word, &mut keys);
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// One dictionary phrase found in a sentence: tokens `start..end` and the payload the
/// phrase was registered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PhraseMatch {
    pub start: usize,
    /// Exclusive token index.
    pub end: usize,
    pub payload: u32,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone)]
struct PatternInfo {
    /// Whether the pattern is a stem (may end inside a text word).
    stem: bool,
    /// Characters in the stem's last word (used by the stem rule).
    last_word_chars: usize,
    /// (insertion order, payload) of every phrase with this pattern.
    payloads: Vec<(u32, u32)>,
    /// The text token must contain an upper-case letter ([`MatchOptions::names`]).
    needs_capital: bool,
}

/// How a matcher treats letter case. Dictionaries are upper case and matching ignores
/// case, which is right for agents, discards and issues ("police", "world cup"). Actor
/// phrases are names, and the short ones collide with common lower-case words: on UD
/// English EWT the Phoenix actor `US` matched the pronoun "us" 167 times and `MALE_` (the
/// Maldives' capital) the adjective "male" 18 times. [`MatchOptions::names`] stops that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatchOptions {
    /// A one-word phrase of at most [`SHORT_NAME_CHARS`] characters matches only a text
    /// token with an upper-case letter ("US", "Iran", "Male"; not "us", "male").
    pub short_names_need_capital: bool,
}

/// Longest one-word phrase (in characters) that [`MatchOptions::names`] treats as a short
/// name needing a capital letter in the text.
pub const SHORT_NAME_CHARS: usize = 4;

impl MatchOptions {
    /// The options for actor (name) dictionaries.
    pub fn names() -> MatchOptions {
        MatchOptions {
            short_names_need_capital: true,
        }
    }
}

/// Finds dictionary phrases in tokenized sentences; built once per dictionary and shared
/// between threads (it is `Send + Sync`). See the module docs for the matching rules.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<PatternInfo>,
    phrase_count: usize,
}

/// A match candidate before selection.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    stem: bool,
    /// Bytes the text word has beyond a stem (0 for exact matches).
    extension: usize,
    order: u32,
    payload: u32,
}

impl PhraseMatcher {
    /// Builds the matcher from phrases and their payloads (e.g. the index of the
    /// dictionary entry). Phrases with no words are ignored.
    ///
    /// Building cannot fail for any realistic dictionary: the automaton's only limits are
    /// billions of states. Should it fail anyway, the matcher finds nothing rather than
    /// panicking; [`PhraseMatcher::try_new`] reports the error instead.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (&'a Phrase, u32)>) -> PhraseMatcher {
        Self::with_options(phrases, MatchOptions::default())
    }

    /// Like [`PhraseMatcher::new`] with case options; use [`MatchOptions::names`] for
    /// actor dictionaries.
    pub fn with_options<'a>(
        phrases: impl IntoIterator<Item = (&'a Phrase, u32)>,
        options: MatchOptions,
    ) -> PhraseMatcher {
        match Self::try_new(phrases, options) {
            Ok(matcher) => matcher,
            Err(_) => PhraseMatcher {
                automaton: None,
                patterns: Vec::new(),
                phrase_count: 0,
            },
        }
    }

    /// Like [`PhraseMatcher::with_options`], but returns the automaton's build error.
    pub fn try_new<'a>(
        phrases: impl IntoIterator<Item = (&'a Phrase, u32)>,
        options: MatchOptions,
    ) -> Result<PhraseMatcher, aho_corasick::BuildError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<PatternInfo> = Vec::new();
        let mut phrase_count = 0usize;
        for (order, (phrase, payload)) in phrases.into_iter().enumerate() {
            let keys = phrase_keys(phrase);
            let Some(last) = keys.last() else { continue };
            // A stem whose last word is a possessive or punctuation split off above is
            // not a stem of anything: match it exactly.
            let stem = phrase.stem && last.chars().any(char::is_alphanumeric);
            let last_word_chars = last.chars().count();
            let needs_capital = options.short_names_need_capital
                && keys.len() == 1
                && last_word_chars <= SHORT_NAME_CHARS;
            let mut text =
                String::with_capacity(keys.iter().map(|k| k.len() + 1).sum::<usize>() + 1);
            for key in &keys {
                text.push(' ');
                text.push_str(key);
            }
            if !stem {
                text.push(' ');
            }
            let order = u32::try_from(order).unwrap_or(u32::MAX);
            let id = *index.entry(text.clone()).or_insert_with(|| {
                texts.push(text);
                patterns.push(PatternInfo {
                    stem,
                    last_word_chars,
                    payloads: Vec::new(),
                    needs_capital,
                });
                patterns.len() - 1
            });
            patterns[id].payloads.push((order, payload));
            phrase_count += 1;
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)?;
        Ok(PhraseMatcher {
            automaton: Some(automaton),
            patterns,
            phrase_count,
        })
    }

    /// A matcher over every phrase of actor entries (payload: the entry's index in
    /// `entries`), with [`MatchOptions::names`].
    pub fn for_actors(entries: &[ActorEntry]) -> PhraseMatcher {
        Self::with_options(
            entries
                .iter()
                .zip(0u32..)
                .flat_map(|(entry, index)| entry.phrases.iter().map(move |p| (p, index))),
            MatchOptions::names(),
        )
    }

    /// A matcher over every phrase of agent entries (payload: the entry's index).
    pub fn for_agents(entries: &[AgentEntry]) -> PhraseMatcher {
        Self::new(
            entries
                .iter()
                .zip(0u32..)
                .flat_map(|(entry, index)| entry.phrases.iter().map(move |p| (p, index))),
        )
    }

    /// A matcher over discard phrases (payload: the discard's index).
    pub fn for_discards(discards: &[Discard]) -> PhraseMatcher {
        Self::new(
            discards
                .iter()
                .zip(0u32..)
                .map(|(d, index)| (&d.phrase, index)),
        )
    }

    /// A matcher over issue phrases (payload: the entry's index).
    pub fn for_issues(entries: &[IssueEntry]) -> PhraseMatcher {
        Self::new(
            entries
                .iter()
                .zip(0u32..)
                .map(|(e, index)| (&e.phrase, index)),
        )
    }

    /// Number of phrases registered (with their duplicates).
    pub fn phrase_count(&self) -> usize {
        self.phrase_count
    }

    /// Number of distinct automaton patterns.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every match over a sentence's words (any case), as token ranges, ordered by start,
    /// then end, then the order the phrases were given in. Overlapping and nested matches
    /// are all reported, one per registered (phrase, payload).
    pub fn find_all(&self, words: &[&str]) -> Vec<PhraseMatch> {
        let mut candidates = self.candidates(words);
        candidates.sort_by_key(|c| (c.start, c.end, c.order));
        candidates
            .into_iter()
            .map(|c| PhraseMatch {
                start: c.start,
                end: c.end,
                payload: c.payload,
            })
            .collect()
    }

    /// Leftmost-longest, non-overlapping matches: from the left, the match that starts
    /// first and covers the most tokens wins; over the same tokens the phrase that needs
    /// the shortest stem ending wins ("NIGERIAN" + "S" over "NIGER" + "IANS"), then an
    /// exact phrase over a stem, then the phrase given first (one match per span, so a
    /// phrase listed twice yields its first payload only).
    pub fn find_longest(&self, words: &[&str]) -> Vec<PhraseMatch> {
        let mut candidates = self.candidates(words);
        candidates.sort_by_key(|c| {
            (
                c.start,
                std::cmp::Reverse(c.end),
                c.extension,
                c.stem,
                c.order,
            )
        });
        let mut chosen = Vec::new();
        let mut next_free = 0usize;
        for c in candidates {
            if c.start >= next_free {
                next_free = c.end;
                chosen.push(PhraseMatch {
                    start: c.start,
                    end: c.end,
                    payload: c.payload,
                });
            }
        }
        chosen
    }

    /// All raw matches, with the stem rule applied.
    fn candidates(&self, words: &[&str]) -> Vec<Candidate> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        if words.is_empty() {
            return Vec::new();
        }
        let mut haystack =
            String::with_capacity(words.iter().map(|w| w.len() + 1).sum::<usize>() + 1);
        let mut starts = Vec::with_capacity(words.len());
        for word in words {
            haystack.push(' ');
            starts.push(haystack.len());
            haystack.push_str(&match_key(word));
        }
        haystack.push(' ');
        let word_end = |i: usize| -> usize {
            // Byte offset just after word i (the space that follows it).
            starts
                .get(i + 1)
                .map_or(haystack.len() - 1, |&next| next - 1)
        };

        let mut out = Vec::new();
        for m in automaton.find_overlapping_iter(&haystack) {
            let Some(info) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            // The pattern starts with the space before its first word.
            let Ok(start) = starts.binary_search(&(m.start() + 1)) else {
                continue;
            };
            let end = starts.partition_point(|&s| s < m.end());
            if end <= start {
                continue;
            }
            if info.needs_capital
                && !words
                    .get(start)
                    .is_some_and(|w| w.chars().any(char::is_uppercase))
            {
                continue;
            }
            let mut extension = 0;
            if info.stem {
                let rest = haystack.get(m.end()..word_end(end - 1)).unwrap_or("");
                if !stem_accepts(info.last_word_chars, rest) {
                    continue;
                }
                extension = rest.len();
            }
            for &(order, payload) in &info.payloads {
                out.push(Candidate {
                    start,
                    end,
                    stem: info.stem,
                    extension,
                    order,
                    payload,
                });
            }
        }
        out
    }
}

/// Whether a stem whose last word has `stem_chars` characters may match a text word that
/// continues with `rest` (see the module docs).
fn stem_accepts(stem_chars: usize, rest: &str) -> bool {
    rest.is_empty() || (stem_chars >= MIN_STEM_CHARS && STEM_ENDINGS.contains(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> Phrase {
        parse_phrase(text).unwrap()
    }

    fn spans(matches: &[PhraseMatch]) -> Vec<(usize, usize, u32)> {
        matches
            .iter()
            .map(|m| (m.start, m.end, m.payload))
            .collect()
    }

    #[test]
    fn parse_phrase_notation() {
        assert_eq!(
            phrase("united_states_"),
            Phrase {
                words: vec!["UNITED".into(), "STATES".into()],
                stem: false
            }
        );
        assert!(phrase("AFGHAN").stem);
        assert_eq!(phrase("CARAS GALADHON").words, vec!["CARAS", "GALADHON"]);
        assert_eq!(parse_phrase(" _ "), None);
        assert_eq!(
            phrase("+FAEROYENE]_".trim_start_matches('+')).words,
            vec!["FAEROYENE"]
        );
    }

    #[test]
    fn keys_fold_case_apostrophes_and_abbreviation_periods() {
        assert_eq!(match_key("Mr."), "MR");
        assert_eq!(match_key("U.S."), "U.S.");
        assert_eq!(match_key("."), ".");
        assert_eq!(match_key("Israel\u{2019}s"), "ISRAEL'S");
        let mut out = Vec::new();
        dictionary_word_keys("QUEEN'S", &mut out);
        dictionary_word_keys("SLAVONIA,", &mut out);
        dictionary_word_keys("DON'T", &mut out);
        assert_eq!(out, vec!["QUEEN", "'S", "SLAVONIA", ",", "DO", "N'T"]);
    }

    #[test]
    fn exact_phrases_match_whole_tokens_only() {
        let p = [phrase("UNITED_STATES_"), phrase("STATES_"), phrase("UN_")];
        let m = PhraseMatcher::new(p.iter().zip(0..));
        let words = ["The", "United", "States", "and", "the", "UNDP", "UN"];
        assert_eq!(
            spans(&m.find_all(&words)),
            vec![(1, 3, 0), (2, 3, 1), (6, 7, 2)]
        );
        assert_eq!(spans(&m.find_longest(&words)), vec![(1, 3, 0), (6, 7, 2)]);
    }

    #[test]
    fn stems_match_listed_endings_of_long_enough_words() {
        let p = [
            phrase("ISRAELI"),
            phrase("UN"),
            phrase("NIGER"),
            phrase("NIGERIA_"),
            phrase("NIGERIAN"),
            phrase("FARC"),
        ];
        let m = PhraseMatcher::new(p.iter().zip(0..));
        let words = [
            "Israelis",
            "under",
            "UN",
            "Nigeria",
            "Israeli-born",
            "Nigerians",
            "farce",
            "FARC",
        ];
        // ISRAELI+S ok; UN is too short to be a stem of UNDER but matches UN itself;
        // NIGER+IA is not an ending (NIGERIA is listed); "-BORN" is not an ending;
        // NIGER+IANS and NIGERIAN+S both fit, the shorter ending wins; FARC+E is no
        // ending.
        assert_eq!(
            spans(&m.find_all(&words)),
            vec![
                (0, 1, 0),
                (2, 3, 1),
                (3, 4, 3),
                (5, 6, 2),
                (5, 6, 4),
                (7, 8, 5)
            ]
        );
        assert_eq!(
            spans(&m.find_longest(&words)),
            vec![(0, 1, 0), (2, 3, 1), (3, 4, 3), (5, 6, 4), (7, 8, 5)]
        );
    }

    #[test]
    fn possessives_punctuation_and_abbreviations() {
        let p = [
            phrase("ISRAEL_"),
            phrase("MR._SMITH_"),
            phrase("AL-QAEDA"),
            phrase("U.S._"),
            phrase("QUEEN'S ICONIC ANTHEM"),
        ];
        let m = PhraseMatcher::new(p.iter().zip(0..));
        let words = [
            "Israel",
            "'s",
            "Mr",
            "Smith",
            "met",
            "al-Qaeda",
            "and",
            "US",
            "U.S.",
            "Queen",
            "\u{2019}s",
            "iconic",
            "anthem",
        ];
        assert_eq!(
            spans(&m.find_longest(&words)),
            vec![(0, 1, 0), (2, 4, 1), (5, 6, 2), (8, 9, 3), (9, 13, 4)]
        );
    }

    #[test]
    fn names_option_needs_a_capital_for_short_one_word_names() {
        let p = [
            phrase("US_"),
            phrase("MALE_"),
            phrase("POLICE_"),
            phrase("US_NAVY_"),
        ];
        let words = ["us", "US", "male", "Male", "police", "us", "navy"];
        let plain = PhraseMatcher::new(p.iter().zip(0..));
        assert_eq!(
            spans(&plain.find_longest(&words)),
            vec![
                (0, 1, 0),
                (1, 2, 0),
                (2, 3, 1),
                (3, 4, 1),
                (4, 5, 2),
                (5, 7, 3)
            ]
        );
        let names = PhraseMatcher::with_options(p.iter().zip(0..), MatchOptions::names());
        assert_eq!(
            spans(&names.find_longest(&words)),
            vec![(1, 2, 0), (3, 4, 1), (4, 5, 2), (5, 7, 3)]
        );
    }

    #[test]
    fn duplicate_phrases_keep_every_payload_in_find_all() {
        let p = [
            phrase("KOFI_ANNAN_"),
            phrase("KOFI ANNAN_"),
            phrase("ANNAN_"),
        ];
        let m = PhraseMatcher::new(p.iter().zip([7, 8, 9]));
        assert_eq!(m.pattern_count(), 2);
        assert_eq!(m.phrase_count(), 3);
        let words = ["kofi", "annan"];
        assert_eq!(
            spans(&m.find_all(&words)),
            vec![(0, 2, 7), (0, 2, 8), (1, 2, 9)]
        );
        assert_eq!(spans(&m.find_longest(&words)), vec![(0, 2, 7)]);
    }

    #[test]
    fn empty_inputs() {
        let m = PhraseMatcher::new(std::iter::empty());
        assert!(m.find_all(&["a"]).is_empty());
        let p = [phrase("A_")];
        let m = PhraseMatcher::new(p.iter().zip(0..));
        assert!(m.find_longest(&[]).is_empty());
        assert_eq!(spans(&m.find_longest(&["", "a", " "])), vec![(1, 2, 0)]);
    }

    /// The three Phoenix actor files, read with file indices 0..3.
    fn phoenix_actors() -> Option<Vec<crate::dict::actors::ActorEntry>> {
        let dir = crate::dict::actors::tests::shared_data()?;
        let mut all = Vec::new();
        for (file, name) in [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ]
        .iter()
        .enumerate()
        {
            let path = dir.join("dictionaries").join(name);
            let text = std::fs::read_to_string(&path).ok()?;
            let entries = crate::dict::actors::read_actors(&path, &text, file as u16).ok()?;
            all.extend(entries);
        }
        Some(all)
    }

    fn actor_matcher(actors: &[crate::dict::actors::ActorEntry]) -> PhraseMatcher {
        PhraseMatcher::for_actors(actors)
    }

    #[test]
    fn real_phoenix_actors_found_in_a_sentence() {
        let Some(actors) = phoenix_actors() else {
            return;
        };
        let phrases: Vec<&Phrase> = actors.iter().flat_map(|e| e.phrases.iter()).collect();
        let stems: Vec<&&Phrase> = phrases.iter().filter(|p| p.stem).collect();
        let short_stems = stems
            .iter()
            .filter(|p| p.words.last().map_or(0, |w| w.chars().count()) < MIN_STEM_CHARS)
            .count();
        let started = std::time::Instant::now();
        let matcher = actor_matcher(&actors);
        eprintln!(
            "Phoenix actors: {} entries, {} phrases ({} stems, {} with a last word under {} chars), {} patterns; matcher built in {:?}",
            actors.len(),
            phrases.len(),
            stems.len(),
            short_stems,
            MIN_STEM_CHARS,
            matcher.pattern_count(),
            started.elapsed()
        );
        assert_eq!(matcher.phrase_count(), phrases.len());

        let words = [
            "President",
            "Barack",
            "Obama",
            "met",
            "Ban",
            "Ki-moon",
            "in",
            "Cairo",
            ".",
        ];
        let found = matcher.find_longest(&words);
        let described: Vec<(String, Option<&str>)> = found
            .iter()
            .map(|m| {
                let entry = &actors[m.payload as usize];
                (
                    words[m.start..m.end].join(" "),
                    entry.code_on(chrono::NaiveDate::from_ymd_opt(2010, 6, 1)),
                )
            })
            .collect();
        eprintln!("{described:?}");
        let code_of = |text: &str| {
            described
                .iter()
                .find(|(t, _)| t.ends_with(text))
                .and_then(|(_, code)| *code)
        };
        assert_eq!(code_of("Obama"), Some("USAGOV"));
        assert_eq!(code_of("Ban Ki-moon"), Some("IGOUNO"));
        assert_eq!(code_of("Cairo"), Some("EGY"));

        // Stems on the real dictionary: `+ISRAELI` (no final `_`) matches "Israelis";
        // `+AFGHAN_` (final `_`) does not match "Afghans".
        let israelis = matcher.find_longest(&["Israelis"]);
        assert_eq!(israelis.len(), 1);
        assert_eq!(
            actors[israelis[0].payload as usize].code_on(None),
            Some("ISR")
        );
        let afghans = matcher.find_longest(&["Afghans"]);
        assert!(afghans
            .iter()
            .all(|m| actors[m.payload as usize].phrases[0].words != ["AFGHANISTAN"]));
    }

    /// The sentences (word forms) of a CoNLL-U file: UD tokenization, as our tokenizer's.
    fn conllu_sentences(text: &str) -> Vec<Vec<String>> {
        let mut sentences = Vec::new();
        let mut current = Vec::new();
        for line in text.lines() {
            if line.is_empty() {
                if !current.is_empty() {
                    sentences.push(std::mem::take(&mut current));
                }
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
                continue;
            };
            if !line.starts_with('#') && !id.contains(['-', '.']) {
                current.push(form.to_string());
            }
        }
        sentences
    }

    /// Matching speed on the full Phoenix actor set over UD English EWT (train), and the
    /// stem extensions that actually fire there; run with
    /// `cargo test -p dateline-code --release --lib phrase_matching_speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn phrase_matching_speed() {
        let Some(actors) = phoenix_actors() else {
            return;
        };
        let started = std::time::Instant::now();
        let matcher = actor_matcher(&actors);
        let build = started.elapsed();
        let Some(dir) = crate::dict::actors::tests::shared_data() else {
            return;
        };
        let Ok(text) = std::fs::read_to_string(dir.join("ud_english_ewt/en_ewt-ud-train.conllu"))
        else {
            eprintln!("skipped: UD English EWT not found");
            return;
        };
        let owned = conllu_sentences(&text);
        let sentences: Vec<Vec<&str>> = owned
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let words: usize = sentences.iter().map(Vec::len).sum();
        let rounds = 3;
        let started = std::time::Instant::now();
        let mut found = 0usize;
        for _ in 0..rounds {
            for sentence in &sentences {
                found += matcher.find_longest(sentence).len();
            }
        }
        let elapsed = started.elapsed();
        let total = (words * rounds) as f64;
        eprintln!(
            "build {build:?}; {} sentences, {words} words x {rounds}: {elapsed:?} = {:.0} words/s; {} actor spans per pass",
            sentences.len(),
            total / elapsed.as_secs_f64(),
            found / rounds
        );
        // Which stem extensions fire (stem word → longer text word), to judge the rule.
        let mut extensions: std::collections::BTreeMap<String, usize> = Default::default();
        for sentence in &sentences {
            for c in matcher.candidates(sentence) {
                let word = match_key(sentence[c.end - 1]);
                let Some(last) = actors[c.payload as usize]
                    .phrases
                    .iter()
                    .filter(|p| p.stem)
                    .filter_map(|p| p.words.last())
                    .find(|w| word.starts_with(w.as_str()) && word != **w)
                else {
                    continue;
                };
                if c.stem {
                    *extensions.entry(format!("{last}→{word}")).or_default() += 1;
                }
            }
        }
        eprintln!(
            "{} distinct stem extensions: {extensions:?}",
            extensions.len()
        );
        // The most frequent spans, to judge the dictionary's exact phrases on plain text.
        let mut spans: std::collections::HashMap<String, usize> = Default::default();
        for sentence in &sentences {
            for m in matcher.find_longest(sentence) {
                *spans.entry(sentence[m.start..m.end].join(" ")).or_default() += 1;
            }
        }
        let mut spans: Vec<(String, usize)> = spans.into_iter().collect();
        spans.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        eprintln!(
            "most frequent actor spans: {:?}",
            &spans[..spans.len().min(40)]
        );
        let lower: Vec<&(String, usize)> = spans
            .iter()
            .filter(|(t, _)| !t.chars().any(char::is_uppercase))
            .take(30)
            .collect();
        eprintln!("most frequent all-lower-case actor spans: {lower:?}");
        assert!(found > 0);
    }

    #[test]
    fn real_agents_discards_and_issues_match() {
        let Some(dir) = crate::dict::actors::tests::shared_data() else {
            return;
        };
        let read = |name: &str| {
            let path = dir.join("dictionaries").join(name);
            (std::fs::read_to_string(&path).unwrap_or_default(), path)
        };
        let words = [
            "Egyptian",
            "police",
            "officers",
            "and",
            "an",
            "Indian",
            "foreign",
            "minister",
            "discussed",
            "nuclear",
            "weapons",
            "before",
            "the",
            "Chicago",
            "Bears",
            "game",
        ];

        let (text, path) = read("Phoenix.agents.txt");
        let agents = crate::dict::agents::read_agents(&path, &text, 0).unwrap();
        let matcher = PhraseMatcher::for_agents(&agents);
        let found: Vec<(String, &str)> = matcher
            .find_longest(&words)
            .iter()
            .map(|m| {
                (
                    words[m.start..m.end].join(" "),
                    agents[m.payload as usize].code.as_str(),
                )
            })
            .collect();
        assert!(
            found.contains(&("police officers".to_string(), "COP")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(t, _)| t == "foreign minister"),
            "{found:?}"
        );

        let (text, path) = read("Phoenix.discards.txt");
        let discards = crate::dict::discards::read_discards(&path, &text, 0).unwrap();
        let matcher = PhraseMatcher::for_discards(&discards);
        let found = matcher.find_longest(&words);
        assert!(found
            .iter()
            .any(|m| discards[m.payload as usize].story && words[m.start] == "Chicago"));

        let (text, path) = read("Phoenix.IssueCoding.txt");
        let issues = crate::dict::issues::read_issues(&path, &text, 0).unwrap();
        let matcher = PhraseMatcher::for_issues(&issues);
        let codes: Vec<&str> = matcher
            .find_all(&words)
            .iter()
            .map(|m| issues[m.payload as usize].code.as_str())
            .collect();
        assert!(codes.contains(&"NUCLEAR_WEAPONS"), "{codes:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Any dictionary and any tokens: no panic, and every match is a valid token
        /// range whose tokens spell the phrase (up to case and the stem ending).
        #[test]
        fn matcher_never_panics_and_spans_are_valid(
            dict in proptest::collection::vec("[a-zA-Z'._ ,-]{0,12}", 0..12),
            words in proptest::collection::vec("[a-zA-Z'., \u{2019}-]{0,8}", 0..16),
        ) {
            let phrases: Vec<Phrase> = dict.iter().filter_map(|d| parse_phrase(d)).collect();
            let m = PhraseMatcher::with_options(phrases.iter().zip(0..), MatchOptions::names());
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let all = m.find_all(&refs);
            let longest = m.find_longest(&refs);
            for found in all.iter().chain(&longest) {
                proptest::prop_assert!(found.start < found.end && found.end <= refs.len());
                proptest::prop_assert!((found.payload as usize) < phrases.len());
            }
            for pair in longest.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
            }
        }
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<PhraseMatcher>();
    }
}
