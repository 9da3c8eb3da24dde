//! The discard lists (PETRARCH `.discards` format): phrases whose presence means a
//! sentence — or, with a leading `+`, the whole story — is not coded (sports results,
//! entertainment, history).
//!
//! ```text
//! +CHICAGO BEARS  # MleH 14 Jul 2009     story discard
//! AFL GRAND FINAL                        sentence discard
//! GROUP A_                               final `_`: "A" must be a whole word
//! ```
//!
//! As PETRARCH's `read_discard_list` documents: a `+` prefix marks a story discard (a
//! space after it is tolerated: `+ World Golf Championships`), matching ignores case, and
//! a final `_` requires a word boundary while a phrase without it is a stem (so "BATSMAN"
//! would also discard "BATSMANSHIP"; the matcher's stem rule in `phrases.rs` limits how
//! far). Comments: `#` to end of line, `<!-- -->`, blank lines.

use crate::dict::actors::{content_lines, Comments};
use crate::dict::phrases::parse_phrase;
use crate::dict::{DictError, Origin, Phrase};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One discard phrase; `story` when it discards the whole story rather than the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discard {
    pub phrase: Phrase,
    pub story: bool,
    pub origin: Origin,
}

/// Reads a discard list. `path` is only used in error messages; `file` is stored in each
/// entry's [`Origin`].
pub fn read_discards(path: &Path, text: &str, file: u16) -> Result<Vec<Discard>, DictError> {
    let mut discards = Vec::new();
    for (line_no, line) in content_lines(text, Comments::Hash) {
        let (story, phrase_text) = match line.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, line.as_str()),
        };
        let Some(phrase) = parse_phrase(phrase_text) else {
            return Err(DictError::at(path, line_no, "'+' without a phrase"));
        };
        discards.push(Discard {
            phrase,
            story,
            origin: Origin {
                file,
                line: u32::try_from(line_no).unwrap_or(u32::MAX),
            },
        });
    }
    Ok(discards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_story_discards() {
        let d = read_discards(
            Path::new("t.discards"),
            "# header\n+CHICAGO BEARS  # MleH\nAFL grand FINAL\nGROUP A_\n+ World Golf Championships   # pas\n<!-- x -->\n",
            2,
        )
        .unwrap();
        assert_eq!(d.len(), 4);
        assert!(d[0].story && !d[1].story && d[3].story);
        assert_eq!(d[0].phrase.words, vec!["CHICAGO", "BEARS"]);
        assert_eq!(d[1].phrase.words, vec!["AFL", "GRAND", "FINAL"]);
        assert!(d[1].phrase.stem);
        assert!(!d[2].phrase.stem);
        assert_eq!(d[2].phrase.words, vec!["GROUP", "A"]);
        assert_eq!(d[3].phrase.words, vec!["WORLD", "GOLF", "CHAMPIONSHIPS"]);
        assert_eq!(d[0].origin, Origin { file: 2, line: 2 });
    }

    #[test]
    fn bare_plus_is_an_error_naming_file_and_line() {
        let err = read_discards(Path::new("t.discards"), "A\n\n+  # nothing\n", 0).unwrap_err();
        assert_eq!(err.to_string(), "t.discards:3: '+' without a phrase");
    }

    #[test]
    fn real_discard_files_read_without_errors() {
        let Some(dir) = crate::dict::actors::tests::shared_data() else {
            return;
        };
        // (file, entries, story discards), counted independently by a script.
        for (file, expected) in [
            ("dictionaries/Phoenix.discards.txt", (506, 64)),
            ("petrarch1/PETR.Validate.discards.txt", (9, 4)),
            ("petrarch2/PETR.Validate.discards.txt", (9, 4)),
            ("universalpetrarch/PETR_Validate_discards_2_02.txt", (9, 4)),
        ] {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let discards = read_discards(&path, &text, 0).unwrap_or_else(|e| panic!("{e}"));
            let stories = discards.iter().filter(|d| d.story).count();
            eprintln!(
                "{file}: {} discards, {stories} story discards",
                discards.len()
            );
            assert_eq!((discards.len(), stories), expected, "{file}");
            let bears = discards
                .iter()
                .find(|d| d.phrase.words == ["CHICAGO", "BEARS"]);
            if file.starts_with("dictionaries") {
                assert!(bears.is_some_and(|d| d.story && d.phrase.stem));
                let group_a = discards.iter().find(|d| d.phrase.words == ["GROUP", "A"]);
                assert!(group_a.is_some_and(|d| !d.story && !d.phrase.stem));
            }
        }
    }
}
