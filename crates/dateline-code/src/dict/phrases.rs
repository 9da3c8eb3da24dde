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
//! actor files give ~34k patterns); the alternative — a word trie walked from every token —
//! needs a hash lookup per word per start position and is slower for long phrases.
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
//!   of the text word is at most [`MAX_STEM_SUFFIX_CHARS`] letters ("ISRAELI" → "ISRAELIS",
//!   "IRAQ" → "IRAQI", "AFGHAN" → "AFGHANS"; not "GOA" → "GOAL", not "HELMAND" →
//!   "HELMAND-BASED");
//! * in [`PhraseMatcher::find_longest`] an exact match beats a stem match over the same
//!   tokens, so "NIGERIA" (listed) wins over the stem "NIGER" + "IA".
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

use crate::dict::Phrase;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Shortest stem word (in characters) that may match a longer text word.
pub const MIN_STEM_CHARS: usize = 4;
/// Longest ending (in characters, letters only) a stem word may gain in the text.
pub const MAX_STEM_SUFFIX_CHARS: usize = 3;

/// Reads a phrase in dictionary notation: words joined by `_` or whitespace, upper-cased;
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
        match Self::try_new(phrases) {
            Ok(matcher) => matcher,
            Err(_) => PhraseMatcher {
                automaton: None,
                patterns: Vec::new(),
                phrase_count: 0,
            },
        }
    }

    /// Like [`PhraseMatcher::new`], but returns the automaton's build error.
    pub fn try_new<'a>(
        phrases: impl IntoIterator<Item = (&'a Phrase, u32)>,
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
    /// first and covers the most tokens wins; over the same tokens an exact phrase wins
    /// over a stem, then the phrase given first wins (one match per span, so a phrase
    /// listed twice yields its first payload only).
    pub fn find_longest(&self, words: &[&str]) -> Vec<PhraseMatch> {
        let mut candidates = self.candidates(words);
        candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.stem, c.order));
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
            if info.stem {
                let rest = haystack.get(m.end()..word_end(end - 1)).unwrap_or("");
                if !stem_accepts(info.last_word_chars, rest) {
                    continue;
                }
            }
            for &(order, payload) in &info.payloads {
                out.push(Candidate {
                    start,
                    end,
                    stem: info.stem,
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
    rest.is_empty()
        || (stem_chars >= MIN_STEM_CHARS
            && rest.chars().count() <= MAX_STEM_SUFFIX_CHARS
            && rest.chars().all(char::is_alphabetic))
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
    fn stems_match_short_endings_of_long_enough_words() {
        let p = [
            phrase("ISRAELI"),
            phrase("UN"),
            phrase("NIGER"),
            phrase("NIGERIA_"),
        ];
        let m = PhraseMatcher::new(p.iter().zip(0..));
        let words = [
            "Israelis",
            "under",
            "UN",
            "Nigeria",
            "Israeli-born",
            "Nigerians",
        ];
        // ISRAELI+S ok; UN is too short to be a stem of UNDER but matches UN itself;
        // NIGER+IA is a candidate but NIGERIA (exact) wins in find_longest; "-BORN" is
        // not a letters-only ending; NIGER+IANS is too long an ending.
        assert_eq!(
            spans(&m.find_all(&words)),
            vec![(0, 1, 0), (2, 3, 1), (3, 4, 2), (3, 4, 3)]
        );
        assert_eq!(
            spans(&m.find_longest(&words)),
            vec![(0, 1, 0), (2, 3, 1), (3, 4, 3)]
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
        PhraseMatcher::new(
            actors
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.phrases.iter().map(move |p| (p, i as u32))),
        )
    }

    /// A crude PTB-like split for tests: words, with trailing punctuation and "'s" apart.
    fn tokenize(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for raw in text.split_whitespace() {
            let mut word = raw.trim_start_matches(['"', '(']).to_string();
            let mut tail = Vec::new();
            while word.len() > 1 && word.ends_with([',', '.', ';', ':', '"', ')']) {
                let c = word.pop().unwrap_or(' ');
                if c == '.' && word.contains('.') {
                    word.push(c);
                    break;
                }
                tail.push(c.to_string());
            }
            if word.len() > 2 && word.ends_with("'s") {
                let clitic = word.split_off(word.len() - 2);
                out.push(word);
                out.push(clitic);
            } else {
                out.push(word);
            }
            out.extend(tail.into_iter().rev());
        }
        out
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

    /// Matching speed on the full Phoenix actor set; run with
    /// `cargo test -p dateline-code --release -- --ignored --nocapture phrase_matching_speed`.
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
        let xml = std::fs::read_to_string(dir.join("petrarch2/GigaWord.sample.PETR.xml"))
            .unwrap_or_default();
        let sentences: Vec<Vec<String>> = xml
            .split("<Text>")
            .skip(1)
            .filter_map(|s| s.split("</Text>").next())
            .map(tokenize)
            .collect();
        let words_per_round: usize = sentences.iter().map(Vec::len).sum();
        let rounds = 200;
        let started = std::time::Instant::now();
        let mut found = 0usize;
        for _ in 0..rounds {
            for sentence in &sentences {
                let refs: Vec<&str> = sentence.iter().map(String::as_str).collect();
                found += matcher.find_longest(&refs).len();
            }
        }
        let elapsed = started.elapsed();
        let words = (words_per_round * rounds) as f64;
        eprintln!(
            "build {build:?}; {} sentences x {rounds}: {words} words in {elapsed:?} = {:.0} words/s, {} matches/round",
            sentences.len(),
            words / elapsed.as_secs_f64(),
            found / rounds
        );
        assert!(found > 0);
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<PhraseMatcher>();
    }
}
