//! The issue list (PETRARCH `issues` format, `Phoenix.IssueCoding.txt`): phrases that tag a
//! sentence with a topic code (`NUCLEAR_WEAPONS`, `NAMED_TERROR_GROUP`).
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:preschool [EARLY_CHILDHOOD_EDUCATION]     # n: singular and regular plural
//! pre+n:school [EARLY_CHILDHOOD_EDUCATION]    # +: "pre school" and "pre-school"
//! ethnic v:purge [ID_ATROCITY]                # v: purge, purges, purged, purging
//! ~a head start                               # sentence exclusion
//! ~~Armenian genocide                         # story exclusion
//! </ISSUE>
//! ```
//!
//! Expansion follows PETRARCH's `read_issue_list` (PETRreader.py), which stores every form:
//!
//! * `n:WORD` → WORD and its plural (final `Y` → `IES`, otherwise `+S`);
//! * `v:WORD` → WORD, WORDS, and WORDED/WORDING, or for a final `E`: WORDD/WORING
//!   ("purge" → PURGED, PURGING);
//! * `A+B` → the two words "A B" and the single hyphenated word "A-B" (our tokenizer keeps
//!   hyphenated words as one token, as in the text PETRARCH matched);
//! * the markers combine: `n:bachelor n:degree` gives four phrases.
//!
//! Each form becomes one [`IssueEntry`]; `noun_only` is set on the forms of a line that
//! used `n:`, so a coder can require those words to be tagged as nouns (PETRARCH matched
//! strings only; "n:" is the dictionary's statement that the word is meant as a noun).
//!
//! Exclusion lines keep PETRARCH's representation: the code is `~` (sentence) or `~~`
//! (story), the category the section's.
//!
//! Tolerated irregularities of the Phoenix file, each with what PETRARCH does:
//!
//! * A phrase line without `[CODE]` (11 lines such as `eurozone`, `pox`) is skipped, as
//!   PETRARCH skips it.
//! * Several `phrase [CODE]` pairs on one line (`… [MEDIA_CENSORSHIP]intimidation of the
//!   media [MEDIA_CENSORSHIP]`) are all read (PETRARCH reads only the first); a repeated
//!   code with no phrase (`aqim [X] [X]`) is ignored, and text after the last code
//!   (`*******`) is ignored.
//! * An unknown one-letter marker (`m:site`, once) is dropped, keeping the word.
//! * `†` between words (an encoding accident for a non-breaking space, e.g.
//!   `ebola†hemorrhagic fever`) and `_` separate words like a space (PETRARCH kept them
//!   inside one word that could never match).
//!
//! `TYPE="..."` is not kept: PETRARCH-2 never reads it.

use crate::dict::actors::{content_lines, Comments};
use crate::dict::{DictError, Origin, Phrase};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One issue phrase form with its code and section category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueEntry {
    pub phrase: Phrase,
    /// The issue code, or `~` / `~~` for a sentence / story exclusion phrase.
    pub code: String,
    pub category: String,
    pub noun_only: bool,
    pub origin: Origin,
}

/// Most forms one line may expand to; a guard against combinatorial explosion.
const MAX_FORMS_PER_LINE: usize = 256;

/// PETRARCH's regular noun plural for issues.
fn noun_plural(word: &str) -> String {
    match word.strip_suffix('Y') {
        Some(root) => format!("{root}IES"),
        None => format!("{word}S"),
    }
}

/// PETRARCH's regular verb forms for issues.
fn verb_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string(), format!("{word}S")];
    match word.strip_suffix('E') {
        Some(root) => {
            forms.push(format!("{word}D"));
            forms.push(format!("{root}ING"));
        }
        None => {
            forms.push(format!("{word}ED"));
            forms.push(format!("{word}ING"));
        }
    }
    forms
}

/// The forms of one `+`-free part of a token, and whether it carried `n:`.
fn part_forms(part: &str) -> (Vec<String>, bool) {
    let upper = part.to_uppercase();
    if let Some(word) = upper.strip_prefix("N:") {
        return (vec![word.to_string(), noun_plural(word)], true);
    }
    if let Some(word) = upper.strip_prefix("V:") {
        return (verb_forms(word), false);
    }
    let mut chars = upper.chars();
    if let (Some(c), Some(':')) = (chars.next(), chars.next()) {
        if c.is_ascii_alphabetic() && upper.len() > 2 {
            return (vec![upper[2..].to_string()], false);
        }
    }
    (vec![upper], false)
}

/// Every word sequence a phrase text stands for, and whether it used `n:`.
fn expand_phrase(text: &str) -> Result<(Vec<Vec<String>>, bool), String> {
    let mut noun = false;
    let mut forms: Vec<Vec<String>> = vec![Vec::new()];
    let tokens = text
        .split(|c: char| c.is_whitespace() || c == '\u{2020}' || c == '_')
        .filter(|t| !t.is_empty());
    for token in tokens {
        // Alternatives for this token, each a word sequence.
        let mut token_forms: Vec<Vec<String>> = vec![Vec::new()];
        let parts: Vec<&str> = token.split('+').filter(|p| !p.is_empty()).collect();
        for part in &parts {
            let (alternatives, is_noun) = part_forms(part);
            noun |= is_noun;
            token_forms = token_forms
                .iter()
                .flat_map(|prefix| {
                    alternatives.iter().map(move |alt| {
                        let mut seq = prefix.clone();
                        seq.push(alt.clone());
                        seq
                    })
                })
                .collect();
        }
        if parts.len() > 1 {
            let hyphenated: Vec<Vec<String>> =
                token_forms.iter().map(|seq| vec![seq.join("-")]).collect();
            token_forms.extend(hyphenated);
        }
        forms = forms
            .iter()
            .flat_map(|prefix| {
                token_forms.iter().map(move |alt| {
                    let mut seq = prefix.clone();
                    seq.extend(alt.iter().cloned());
                    seq
                })
            })
            .collect();
        if forms.len() > MAX_FORMS_PER_LINE {
            return Err(format!(
                "phrase expands to more than {MAX_FORMS_PER_LINE} forms"
            ));
        }
    }
    forms.retain(|f| !f.is_empty());
    let mut unique: Vec<Vec<String>> = Vec::with_capacity(forms.len());
    for form in forms {
        if !unique.contains(&form) {
            unique.push(form);
        }
    }
    Ok((unique, noun))
}

/// The `CATEGORY="..."` value of an `<ISSUE ...>` tag.
fn category_of(tag: &str) -> Option<String> {
    let start = tag.find("CATEGORY=\"")? + "CATEGORY=\"".len();
    let len = tag[start..].find('"')?;
    let category = tag[start..start + len].trim();
    (!category.is_empty()).then(|| category.to_string())
}

/// Splits a line into its `phrase [CODE]` pairs (see the module docs).
fn phrase_code_pairs(line: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            return Err(format!("missing ']' in {line:?}"));
        };
        let phrase = rest[..open].trim();
        let code = rest[open + 1..open + close].trim();
        if code.is_empty() {
            return Err("empty code '[]'".to_string());
        }
        match pairs.last() {
            Some(&(_, previous)) if phrase.is_empty() && previous == code => {}
            _ if phrase.is_empty() => return Err(format!("code [{code}] without a phrase")),
            _ => pairs.push((phrase, code)),
        }
        rest = &rest[open + close + 1..];
    }
    Ok(pairs)
}

/// Reads an issue list. `path` is only used in error messages; `file` is stored in each
/// entry's [`Origin`].
pub fn read_issues(path: &Path, text: &str, file: u16) -> Result<Vec<IssueEntry>, DictError> {
    let mut entries = Vec::new();
    let mut category: Option<String> = None;
    for (line_no, line) in content_lines(text, Comments::Hash) {
        let err = |message: String| DictError::at(path, line_no, message);
        if line.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        if line.starts_with("<ISSUE") {
            category = Some(
                category_of(&line)
                    .ok_or_else(|| err("<ISSUE> without CATEGORY=\"...\"".to_string()))?,
            );
            continue;
        }
        let Some(section) = category.clone() else {
            return Err(err(
                "issue phrase outside an <ISSUE CATEGORY=\"...\"> section".to_string(),
            ));
        };
        let pairs: Vec<(&str, String)> = if let Some(phrase) = line.strip_prefix("~~") {
            vec![(phrase, "~~".to_string())]
        } else if let Some(phrase) = line.strip_prefix('~') {
            vec![(phrase, "~".to_string())]
        } else {
            // No code: skipped as PETRARCH does (see the module docs).
            phrase_code_pairs(&line)
                .map_err(err)?
                .into_iter()
                .map(|(p, c)| (p, c.to_uppercase()))
                .collect()
        };
        let origin = Origin {
            file,
            line: u32::try_from(line_no).unwrap_or(u32::MAX),
        };
        for (phrase_text, code) in pairs {
            let (forms, noun_only) = expand_phrase(phrase_text).map_err(err)?;
            if forms.is_empty() {
                return Err(err(format!("no phrase for [{code}]")));
            }
            for words in forms {
                entries.push(IssueEntry {
                    phrase: Phrase { words, stem: false },
                    code: code.clone(),
                    category: section.clone(),
                    noun_only,
                    origin,
                });
            }
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<IssueEntry> {
        read_issues(Path::new("t.issues"), text, 4).unwrap()
    }

    fn read_err(text: &str) -> String {
        read_issues(Path::new("t.issues"), text, 4)
            .unwrap_err()
            .to_string()
    }

    fn forms(entries: &[IssueEntry]) -> Vec<String> {
        entries.iter().map(|e| e.phrase.words.join(" ")).collect()
    }

    #[test]
    fn markers_expand_as_petrarch() {
        let e = read("<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:academy [SCHOOLS]\npre+n:school [EARLY]\nethnic v:purge [ID_ATROCITY]\nv:block [X]\nn:bachelor n:degree [POST]\n</ISSUE>\n");
        assert_eq!(forms(&e[0..2]), vec!["ACADEMY", "ACADEMIES"]);
        assert!(e[0].noun_only);
        assert_eq!(e[0].category, "EDUCATION");
        assert_eq!(e[0].origin, Origin { file: 4, line: 2 });
        assert_eq!(
            forms(&e[2..6]),
            vec!["PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS"]
        );
        assert_eq!(
            forms(&e[6..10]),
            vec![
                "ETHNIC PURGE",
                "ETHNIC PURGES",
                "ETHNIC PURGED",
                "ETHNIC PURGING"
            ]
        );
        assert!(!e[6].noun_only);
        assert_eq!(
            forms(&e[10..14]),
            vec!["BLOCK", "BLOCKS", "BLOCKED", "BLOCKING"]
        );
        assert_eq!(e.len(), 18);
    }

    #[test]
    fn exclusions_and_irregular_lines() {
        let e = read("<ISSUE CATEGORY=\"E\">\n~a head start\n~~Armenian genocide  # historical\neurozone\nintimidation of press [MC]intimidation of the media [MC]\naqim [T] [T]\nliberation tigers [T]*******\nv:block m:site [C]\nebola\u{2020}hemorrhagic fever [D]\nweapons_grade plutonium [N]\n");
        assert_eq!(
            (e[0].code.as_str(), forms(&e[0..1])[0].as_str()),
            ("~", "A HEAD START")
        );
        assert_eq!(e[1].code, "~~");
        assert_eq!(
            forms(&e[2..4]),
            vec!["INTIMIDATION OF PRESS", "INTIMIDATION OF THE MEDIA"]
        );
        assert_eq!(forms(&e[4..6]), vec!["AQIM", "LIBERATION TIGERS"]);
        assert_eq!(forms(&e[6..7]), vec!["BLOCK SITE"]);
        assert_eq!(
            forms(&e[10..12]),
            vec!["EBOLA HEMORRHAGIC FEVER", "WEAPONS GRADE PLUTONIUM"]
        );
        assert_eq!(e.len(), 12);
    }

    #[test]
    fn errors_name_file_and_line() {
        assert_eq!(
            read_err("\nphrase [X]\n"),
            "t.issues:2: issue phrase outside an <ISSUE CATEGORY=\"...\"> section"
        );
        assert!(read_err("<ISSUE TYPE=\"ALL\">\n").starts_with("t.issues:1: <ISSUE> without"));
        assert!(read_err("<ISSUE CATEGORY=\"A\">\nx [Y\n").starts_with("t.issues:2: missing ']'"));
        assert_eq!(
            read_err("<ISSUE CATEGORY=\"A\">\n[Y]\n"),
            "t.issues:2: code [Y] without a phrase"
        );
        assert_eq!(
            read_err("<ISSUE CATEGORY=\"A\">\nx []\n"),
            "t.issues:2: empty code '[]'"
        );
        let long = format!("<ISSUE CATEGORY=\"A\">\n{} [X]\n", "v:a ".repeat(8));
        assert!(read_err(&long).starts_with("t.issues:2: phrase expands to more than"));
    }

    #[test]
    fn real_issue_file_reads_without_errors() {
        let Some(dir) = crate::dict::actors::tests::shared_data() else {
            return;
        };
        let path = dir.join("dictionaries/Phoenix.IssueCoding.txt");
        let text = std::fs::read_to_string(&path).unwrap();
        let started = std::time::Instant::now();
        let entries = read_issues(&path, &text, 0).unwrap_or_else(|e| panic!("{e}"));
        let lines: std::collections::BTreeSet<u32> =
            entries.iter().map(|e| e.origin.line).collect();
        let categories: std::collections::BTreeSet<&str> =
            entries.iter().map(|e| e.category.as_str()).collect();
        let exclusions = entries.iter().filter(|e| e.code.starts_with('~')).count();
        eprintln!(
            "Phoenix.IssueCoding.txt: {} forms from {} lines, {} categories, {exclusions} exclusion forms in {:?}",
            entries.len(),
            lines.len(),
            categories.len(),
            started.elapsed()
        );
        // README: 2,978 lines with a `[`, of which 2 are `#` comments; 181 `~` lines
        // (counted with grep). 52 categories, of which ELECTIONS is empty and KIDNAP has
        // only code-less lines (`v:kidnap`), which PETRARCH skips: 50 with entries.
        assert_eq!(lines.len(), 2_976 + 181);
        assert_eq!(categories.len(), 50);
        let ngo: Vec<&IssueEntry> = entries.iter().filter(|e| e.origin.line == 225).collect();
        assert_eq!(ngo.len(), 2);
        assert_eq!(
            ngo[1].phrase.words,
            vec!["NONGOVERNMENTAL", "ORGANISATIONS"]
        );
        assert_eq!(
            (ngo[1].code.as_str(), ngo[1].category.as_str()),
            ("CIVIL_SOCIETY", "CIVIL_SOCIETY")
        );
        assert!(ngo[1].noun_only);
    }
}
