//! The coder's dictionaries, as the field writes them, and their compiled form.
//!
//! Readers for each file kind live in the submodules; every reader keeps the file and line
//! of each entry ([`Origin`]) so that an error, or an event, can point back at the entry that
//! made it. Words are kept upper case, as the dictionaries write them.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub mod actors;
pub mod agents;
pub mod discards;
pub mod issues;
pub mod phrases;
pub mod set;
pub mod verbs;

/// A problem in one dictionary file: the file, the 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct DictError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl DictError {
    pub fn at(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> DictError {
        DictError {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

/// Every line of a dictionary file (1-based number, text) with its `<!-- -->` comments
/// removed; a comment may span lines, and an unterminated one runs to the end of the file (as
/// in PETRARCH, which reads on until it finds `-->`). A removed comment leaves a space, so
/// the words on either side stay apart.
pub(crate) fn without_xml_comments(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (index, raw) in text.lines().enumerate() {
        let mut line = String::with_capacity(raw.len());
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        line.push(' ');
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        out.push((index + 1, line));
    }
    out
}

/// Where an entry was read: the index of its file in [`Dictionaries::files`] and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Origin {
    pub file: u16,
    pub line: u32,
}

/// A phrase as a sequence of upper-case words ("UNITED_STATES_" → `["UNITED", "STATES"]`).
///
/// `stem`: the last word has no closing `_`, which in TABARI/PETRARCH dictionaries means it
/// may match as a word prefix ("AFGHAN" matching "AFGHANS"); the matcher decides how far to
/// honour that.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phrase {
    pub words: Vec<String>,
    pub stem: bool,
}

/// An actor or agent code, valid from/until a date when the dictionary bounds it
/// (`[USAGOV >130201]`, `[AFGGOVEDU 041001-041231]`, `[IGOUNO <991231]`). Bounds are
/// inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl DatedCode {
    /// Whether the code applies on `date` (always, when the code has no bounds or no date is known).
    pub fn valid_on(&self, date: Option<chrono::NaiveDate>) -> bool {
        let Some(date) = date else { return true };
        !matches!(self.from, Some(from) if date < from) && !matches!(self.to, Some(to) if date > to)
    }
}

pub use set::{CompiledDictionaries, Dictionaries};
