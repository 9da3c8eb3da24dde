//! The dictionary-feature hook: anything that knows names ([`EntityDictionary`]) can tell
//! the entity tagger which spans of a sentence it knows, and the tagger turns each word's
//! place in such a match (first, inside, last, single word) and its type into features.
//! The features do not say which dictionary matched, so a dictionary plugged in at run time
//! (the coder's actor lists) speaks the same language as the default [`Gazetteer`] the
//! model was trained with: it works without retraining, and better after retraining with it.
//!
//! The default [`Gazetteer`] is compiled from GeoNames (CC BY 4.0): country names, capitals,
//! first-level divisions and cities above a population threshold, all PLACE, matched
//! case-sensitively (longest match first) over the tokenizer's words.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::data::{read_text, DataError};
use super::features::{hash_str, lowercase, mix};
use super::{EntitySpan, EntityType};
use crate::perceptron::IdMap;
use crate::tokenize::{HyphenStyle, RuleTokenizer, Tokenizer};
use crate::zip::unzip_first;

/// A source of known names.
pub trait EntityDictionary {
    /// The spans of `words` this dictionary knows, with their type. Overlapping spans are
    /// allowed; the tagger uses, for each word, the first listed span that covers it.
    fn find(&self, words: &[&str]) -> Vec<EntitySpan>;
}

/// The longest name a [`Gazetteer`] matches, in words.
const MAX_NAME_WORDS: usize = 6;

/// A case-sensitive list of names with types, matched longest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    /// Each name's words joined by single spaces, with its type; sorted, unique.
    names: Vec<(String, EntityType)>,
    /// Hash of a name's words → its type.
    #[serde(skip)]
    index: IdMap<EntityType>,
    /// Hashes of the first words of names (a quick rejection).
    #[serde(skip)]
    first_words: IdMap<u8>,
    /// The types of the names (sorted, unique), built with the index: asked for on every
    /// sentence that has a plugged-in dictionary.
    #[serde(skip)]
    types: Vec<EntityType>,
}

fn words_hash<S: AsRef<str>>(words: &[S]) -> u64 {
    words
        .iter()
        .fold(0x6a7e_u64, |h, w| mix(h, hash_str(&lowercase(w.as_ref()))))
}

/// A match must start and end on a capitalised word (or a digit): names are matched
/// without regard to case ("NATO", "Nato"; "BARACK OBAMA") but "nice" is not "Nice".
fn capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

impl Gazetteer {
    /// A gazetteer of names given as text (split into words as the pipeline's tokenizer
    /// does); names of one word or more than `MAX_NAME_WORDS` are dropped when longer.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = (S, EntityType)>) -> Gazetteer {
        let tok = RuleTokenizer {
            hyphens: HyphenStyle::Ewt,
        };
        let set: BTreeSet<(String, EntityType)> = names
            .into_iter()
            .filter_map(|(n, k)| {
                let n = n.as_ref();
                let words: Vec<&str> = tok.tokenize(n).iter().map(|t| t.text(n)).collect();
                (!words.is_empty() && words.len() <= MAX_NAME_WORDS).then(|| (words.join(" "), k))
            })
            .collect();
        let mut g = Gazetteer {
            names: set.into_iter().collect(),
            ..Gazetteer::default()
        };
        g.build_index();
        g
    }

    /// Rebuild the run-time index (after loading).
    pub(crate) fn build_index(&mut self) {
        self.index = IdMap::default();
        self.first_words = IdMap::default();
        let types: BTreeSet<EntityType> = self.names.iter().map(|(_, k)| *k).collect();
        self.types = types.into_iter().collect();
        for (name, kind) in &self.names {
            let words: Vec<&str> = name.split(' ').collect();
            // The first listed type of a name wins (names are sorted, so this is stable).
            self.index.entry(words_hash(&words)).or_insert(*kind);
            if let Some(first) = words.first() {
                self.first_words.insert(hash_str(&lowercase(first)), 1);
            }
        }
    }

    /// The types of the names (sorted, unique).
    pub fn types(&self) -> &[EntityType] {
        &self.types
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The default gazetteer from the shared data folder: GeoNames places (see
    /// [`geonames_names`]) and, when `actors` is set, the PETRARCH 2 actor dictionaries'
    /// people and organisations (see [`phoenix_names`]).
    pub fn from_data(
        data: &Path,
        min_population: u64,
        actors: bool,
    ) -> Result<Gazetteer, DataError> {
        let mut names = geonames_names(&data.join("gazetteer"), min_population)?;
        if actors {
            names.extend(phoenix_names(&data.join("dictionaries"))?);
        }
        Ok(Gazetteer::new(names))
    }
}

/// People and organisations from the PETRARCH 2 (Phoenix) actor dictionaries (MIT) in
/// `dir`: the named leaders of `Phoenix.Countries.actors.txt` (head lines marked
/// `# CountryInfo.txt`, titles dropped) as PERSON, the head lines with a code of
/// `Phoenix.International.actors.txt` (IGOs, NGOs, companies) as ORGANIZATION.
pub fn phoenix_names(dir: &Path) -> Result<Vec<(String, EntityType)>, DataError> {
    let read = |name: &str| read_text(&dir.join(name));
    let phrase = |line: &str| -> Vec<String> {
        let head = line
            .split(|c: char| c.is_whitespace() || c == '[' || c == '#')
            .next();
        head.unwrap_or("")
            .split('_')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut out = Vec::new();
    for line in read("Phoenix.Countries.actors.txt")?.lines() {
        if line.starts_with(|c: char| c.is_whitespace() || c == '#' || c == '+')
            || !line.contains("# CountryInfo.txt")
        {
            continue;
        }
        let mut words = phrase(line);
        while words.first().is_some_and(|w| {
            // "MINISTER" → "Minister" (by characters: a name may start with "É").
            let mut chars = w.chars();
            let title_case: String = chars
                .next()
                .into_iter()
                .chain(chars.as_str().to_lowercase().chars())
                .collect();
            super::data::is_title(&title_case)
                || matches!(w.as_str(), "DAME" | "SHEIKH" | "AYATOLLAH" | "HRH")
        }) {
            words.remove(0);
        }
        if words.len() >= 2 {
            out.push((words.join(" "), EntityType::Person));
        }
    }
    for line in read("Phoenix.International.actors.txt")?.lines() {
        if line.starts_with(|c: char| c.is_whitespace() || c == '#' || c == '+')
            || !line.contains('[')
        {
            continue;
        }
        let words = phrase(line);
        if !words.is_empty() {
            out.push((words.join(" "), EntityType::Organization));
        }
    }
    Ok(out)
}

impl Gazetteer {
    /// The GeoNames gazetteer alone (see [`geonames_names`]).
    pub fn from_geonames(dir: &Path, min_population: u64) -> Result<Gazetteer, DataError> {
        Ok(Gazetteer::new(geonames_names(dir, min_population)?))
    }
}

/// Places from the GeoNames files in `dir` (`countryInfo.txt`, `admin1CodesASCII.txt`,
/// `cities15000.zip`): countries, capitals, first-level divisions and cities of at least
/// `min_population` people.
pub fn geonames_names(
    dir: &Path,
    min_population: u64,
) -> Result<Vec<(String, EntityType)>, DataError> {
    let read = |name: &str| read_text(&dir.join(name));
    let mut names: Vec<String> = Vec::new();
    for line in read("countryInfo.txt")?.lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        names.extend(cols.get(4..6).into_iter().flatten().map(|s| s.to_string()));
    }
    for line in read("admin1CodesASCII.txt")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        names.extend(cols.get(1..3).into_iter().flatten().map(|s| s.to_string()));
    }
    let zip_path = dir.join("cities15000.zip");
    let zip = std::fs::read(&zip_path).map_err(|e| DataError::at(&zip_path, 0, e))?;
    let cities = unzip_first(&zip).map_err(|e| DataError::at(&zip_path, 0, e))?;
    for line in cities.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let population: u64 = cols.get(14).and_then(|p| p.parse().ok()).unwrap_or(0);
        if population >= min_population {
            names.extend(cols.get(1..3).into_iter().flatten().map(|s| s.to_string()));
        }
    }
    Ok(names
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| (n, EntityType::Place))
        .collect())
}

impl EntityDictionary for Gazetteer {
    fn find(&self, words: &[&str]) -> Vec<EntitySpan> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut matched = None;
            if capitalised(words[i])
                && self
                    .first_words
                    .contains_key(&hash_str(&lowercase(words[i])))
            {
                let longest = MAX_NAME_WORDS.min(words.len() - i);
                for len in (1..=longest).rev() {
                    if !capitalised(words[i + len - 1]) {
                        continue;
                    }
                    if let Some(&kind) = self.index.get(&words_hash(&words[i..i + len])) {
                        matched = Some((len, kind));
                        break;
                    }
                }
            }
            match matched {
                Some((len, kind)) => {
                    out.push(EntitySpan {
                        start: i,
                        end: i + len,
                        kind,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The dictionary feature value of each word: its place (B, I, L, U) in the first span
/// that covers it and the span's type, or "none".
pub(crate) fn word_codes(n: usize, spans: &[EntitySpan]) -> Vec<u64> {
    let mut codes = vec![0u64; n];
    for s in spans {
        let end = s.end.min(n);
        for (j, code) in codes.iter_mut().enumerate().take(end).skip(s.start) {
            if *code != 0 {
                continue;
            }
            let place = if s.end - s.start == 1 {
                4
            } else if j == s.start {
                1
            } else if j + 1 == s.end {
                3
            } else {
                2
            };
            *code = place * 8 + s.kind as u64 + 1;
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_first_and_case_sensitive() {
        let g = Gazetteer::new([
            ("New York", EntityType::Place),
            ("New York City", EntityType::Place),
            ("York", EntityType::Place),
            ("United Nations", EntityType::Organization),
        ]);
        let words = [
            "In", "New", "York", "City", "the", "United", "Nations", "york",
        ];
        let found = g.find(&words);
        assert_eq!(
            found,
            vec![
                EntitySpan {
                    start: 1,
                    end: 4,
                    kind: EntityType::Place
                },
                EntitySpan {
                    start: 5,
                    end: 7,
                    kind: EntityType::Organization
                }
            ]
        );
        let codes = word_codes(words.len(), &found);
        assert_eq!(codes[0], 0);
        assert_eq!(codes[1], 8 + EntityType::Place as u64 + 1);
        assert_eq!(codes[2], 16 + EntityType::Place as u64 + 1);
        assert_eq!(codes[3], 24 + EntityType::Place as u64 + 1);
        assert_eq!(codes[7], 0);
    }

    #[test]
    fn round_trips_through_serde() {
        let g = Gazetteer::new([("Cairo", EntityType::Place)]);
        let bytes = postcard::to_stdvec(&g).unwrap();
        let mut back: Gazetteer = postcard::from_bytes(&bytes).unwrap();
        back.build_index();
        assert_eq!(back.find(&["to", "Cairo"]).len(), 1);
    }

    #[test]
    fn geonames_when_present() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gazetteer");
        if !dir.exists() {
            eprintln!("note: {} not found; skipping", dir.display());
            return;
        }
        let g = Gazetteer::from_geonames(&dir, 1_000_000).unwrap();
        for name in [&["Egypt"][..], &["Cairo"], &["South", "Sudan"], &["Aleppo"]] {
            assert_eq!(g.find(name).len(), 1, "{name:?}");
        }
        assert!(g.find(&["the"]).is_empty());
    }
}
