//! Verb-pattern dictionaries: PETRARCH-2 (`CAMEO.2.0.txt`) and PETRARCH-1/TABARI
//! (`CAMEO.verbpatterns.150430.txt`) syntax, read into one structure ([`VerbDictionary`]) and
//! indexed by verb form ([`VerbIndex`]).
//!
//! This module owns the *reading* of verb dictionaries and the verb-form lookup; deciding
//! whether a pattern matches a parsed sentence is the matcher's job. Every block, verb and
//! pattern keeps its [`Origin`] so that a coded event can name the dictionary line behind it.
//!
//! # The file, line by line
//!
//! The syntax was learnt from the dictionaries' own headers and from the readers that consume
//! them: PETRARCH-2 `PETRreader.read_verb_dictionary` (openeventdata/petrarch2) and PETRARCH-1
//! `PETRreader.read_verb_dictionary` + `read_FIN_line` (openeventdata/petrarch). Both formats
//! share the line kinds; they differ in the pattern syntax and in how regular verb forms are
//! generated.
//!
//! * **Comments.** A line whose first non-blank character is `#` is skipped; on any other line
//!   everything from the first `#` on is a comment (both readers cut at any `#`, not only
//!   ` #`). On a pattern line that comment is kept as [`VerbPattern::note`] (it names the
//!   source verb and coder, e.g. `# ACCUSE`). XML comments `<!-- ... -->` are removed, also
//!   when they span lines. On verb lines a `;` also starts a comment: TABARI's comment mark,
//!   still present in `CAMEO.2.0.txt` (`RIP {RIPPING RIPS RIPPED};shan 7/11/93`).
//!   Blank lines are skipped.
//! * **Synsets.** `&NAME` opens a synonym set; the `+WORD` lines that follow (blank and comment
//!   lines may come between) are its members, until the first line of another kind. A member
//!   may be several words, joined by `_` or by spaces (`+IS_TO`, `+TO THE DEATH`). A trailing
//!   `_` on the label (`&AUXVERB1_`) or on a member (`+CASH_`) means "no plural": PETRARCH
//!   otherwise also matches the regular plural of a member ([`synset_plural`]). We store
//!   members as [`Phrase`]s keyed by the label without `&` and without the trailing `_`;
//!   `Phrase::stem` is `true` when plurals may be generated. A member may itself be a synset
//!   (`+&CURRENCY`, kept as the word `&CURRENCY`) or a bracketed phrase (`+(TO THE END)`,
//!   brackets dropped): both occur only in the validation dictionaries.
//! * **Verb blocks.** `--- HEAD [code] ---` opens a block. `HEAD` is a label (`EXPLAIN_VERBAL`,
//!   `REVOKE_`), not necessarily a verb. The code may be a CAMEO code, `[---]` (the bare verb
//!   codes nothing), `[active:passive]` (`[042:043]`) or `[:passive]` (`[:173]`: only the
//!   passive voice codes). A missing code (`--- DEFEND  ###`) means `---`; when a header
//!   has two codes (`--- DELAY [120]  [031:031]  ---`) the first is the block's, as in both
//!   readers. The closing `---` may touch the code (`[120]---`).
//! * **Verb lines.** Every other line in a block names a verb: `GIVE {GAVE GIVEN GIVING} [070]`.
//!   `{...}` lists irregular forms: when it is present *all* forms must be listed and none is
//!   generated (an empty `{}` means "the base form only"); otherwise the regular forms are
//!   generated ([`regular_forms`]). An optional `[code]` (before or after the forms) overrides
//!   the block code for that verb.
//!   A **multi-word verb** joins its words with `_` and marks with `+` the word the parser
//!   will tag as the verb: `+BEEF_UP` (verb BEEF, particle UP), `RE_+ARREST`,
//!   `KLM_NOP_+RST [002]` (verb RST preceded by KLM NOP). Its forms are forms of the `+`
//!   word (`+CARRY_OUT {+CARRIES_OUT +CARRIED_OUT}`); the other words must surround it in
//!   the sentence. Tolerated variants that occur in the field's files: commas between
//!   forms, a `+` at the end of a form (`BLOWING_UP+`), and verbs written with spaces
//!   (`LASH OUT`), read as multi-word verbs whose first word is the verb (PETRARCH-1 warns and
//!   skips them, PETRARCH-2 stores each word as a separate verb).
//! * **Patterns.** `- PRE * POST [code] # note`. `*` is the verb; words before it are matched
//!   before the verb, words after it after the verb. A pattern without `[code]` is an
//!   error in PETRARCH-2 syntax; PETRARCH-1 stores an empty code (two lines of
//!   `CAMEO.verbpatterns.150430.txt`), which we read as `---` (no event).
//!   - PETRARCH-2 syntax: `(PREP ...)` is a prepositional phrase whose first item is the
//!     preposition; `{A B HEAD}` a noun phrase whose last word is the head; `&NAME` a synset;
//!     `$` the source actor, `+` the target actor, `%` a compound actor, `^` skip words; plain
//!     words are noun heads. `_` joins two items that must be adjacent (`{AIR_STRIKE}`,
//!     `SPY_*_DEAL`, `&FIGHT_GAMES` = synset FIGHT followed by GAMES).
//!   - PETRARCH-1/TABARI syntax: a flat sequence of words, synsets and `$ + % ^` tokens,
//!     separated by spaces (other words may come between) or `_` (must be adjacent:
//!     `DON'T_*`, `*_ON_WITH`). TABARI's disjunction `{A | B}` is not supported by
//!     PETRARCH-1, which skips any pattern containing `{`; we skip them too (the shipped
//!     files have none). Brackets are ordinary word characters there.
//!   - Both: `XXX_ ` (an underscore before a space) is read as `XXX ` (PETRARCH-1 legacy rule:
//!     TABARI's "whole word" mark became an open match). A `_` after an actor slot (`+_WAS`,
//!     30 lines in the PETRARCH-1 file) is read as a space: the structure has no way to join
//!     a slot to the next item (see "Weaknesses").
//!   - A line in a block that starts with `*` is a pattern whose `-` was dropped
//!     (`* (TO QUESTION) [110]` in UniversalPetrarch's validation file).
//!   - PETRARCH-1 tolerates a pattern with no `*` (`- TIVILIAN [202]`: all words precede the
//!     verb) or two (`- * COMMIT * AID`: the second is a literal word); so do we in that
//!     syntax. In PETRARCH-2 syntax exactly one `*` is required outside brackets.
//! * **Tolerated oddities** of the shipped files, read the way PETRARCH reads them rather than
//!   rejected: `[###]` (the `#` comment opens inside the code brackets, so nothing follows the
//!   `[`: an empty code, i.e. no event); a word glued to a `)` with no `(` open
//!   (`(WITH VISIT)  VISIT)[042:043]`: PETRARCH-2 drops that word, so do we); a doubled dash
//!   (`-- + HAVE * ...`, a pattern for PETRARCH-1); `+` at the end of an irregular form.
//! * **Transformations.** `~ a (a b ATTACK) SAY = a b 015` (PETRARCH-2 only, at the end of the
//!   file): when actor `a` SAYs that `a` ATTACKed `b`, code `a b 015`. `.` and `_` are
//!   placeholders ("any"/"none"), `Q` any code, `WILL_ATTACK` a verb combination. Parsed into
//!   [`TransformEvent`]/[`TransformResult`].
//!
//! # Differences from PETRARCH, and what we keep as PETRARCH has it
//!
//! * PETRARCH-2 stops recording patterns after the first line that starts with `<!` (its
//!   validation dictionary starts with one, so it loads no patterns from it); we read XML
//!   comments as comments.
//! * Words are literal. `CAMEO.2.0.txt` writes alternatives with `/` in ten patterns
//!   (`(BY/WITH +)`, `ATTACK/BOMBING/RAID/STRIKE`); neither PETRARCH splits them, so they never
//!   match there. We keep them as written; a matcher may split on `/`.
//! * Synsets may be used before they are defined; a pattern naming an undefined synset is kept
//!   (PETRARCH-2 keeps it as a literal that never matches, PETRARCH-1 drops it) and listed by
//!   [`VerbDictionary::undefined_synsets`].
//!
//! # Weaknesses
//!
//! * Adjacency after an actor slot or after the verb is only recorded for the verb
//!   ([`VerbPattern::verb_adjacent`]); `+_WAS` is read as `+ WAS`.
//! * Synset members are plain phrases; a member that is itself a prepositional phrase loses its
//!   brackets.

use super::{DictError, Origin, Phrase};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

mod read;
#[cfg(test)]
mod tests;

pub use read::{regular_forms, synset_plural};

/// Which of the two verb-dictionary syntaxes a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerbFormat {
    /// PETRARCH-2 (`CAMEO.2.0.txt`): bracketed prepositional and noun phrases, transformations.
    Petrarch2,
    /// PETRARCH-1 / TABARI (`CAMEO.verbpatterns.150430.txt`): flat word patterns.
    Petrarch1,
}

/// An event code as a verb or pattern gives it: `[042]`, `[042:043]`, `[:173]`, `[---]`.
///
/// `active: None` means the active voice codes no event (`---`, or empty before `:`).
/// `passive: None` means the file gave no separate passive code, so the active code applies
/// to both voices; `passive: Some("---")` (from `[X:---]`) means the passive voice codes
/// nothing. Use [`EventCodeSpec::code_for`] rather than reading the fields: it picks the
/// passive part of `[a:p]` for a passive verb and the single code of `[c]` for both voices,
/// as UniversalPetrarch's `PETRtree` does when it codes a triplet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventCodeSpec {
    pub active: Option<String>,
    pub passive: Option<String>,
}

impl EventCodeSpec {
    /// The null code `---`: no event.
    pub fn none() -> EventCodeSpec {
        EventCodeSpec {
            active: None,
            passive: None,
        }
    }

    /// The code for a verb in the active or passive voice; `None` when that voice codes nothing.
    pub fn code_for(&self, passive: bool) -> Option<&str> {
        if passive {
            match self.passive.as_deref() {
                Some("---") => None,
                Some(code) => Some(code),
                None => self.active.as_deref(),
            }
        } else {
            self.active.as_deref()
        }
    }

    /// Whether neither voice codes an event.
    pub fn is_none(&self) -> bool {
        self.code_for(false).is_none() && self.code_for(true).is_none()
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PatternItem {
    /// A literal word, upper case. `adjacent`: joined to the next item by `_`.
    Word { word: String, adjacent: bool },
    /// `&NAME`: any member of the synset `NAME` (key of [`VerbDictionary::synsets`]).
    Synset { name: String, adjacent: bool },
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (source and target together).
    Compound,
    /// `^`: skip (TABARI: skip the next noun phrase).
    Skip,
    /// `( ... )`: a prepositional phrase; the first item is the preposition.
    Prep(Vec<PatternItem>),
    /// `{ ... }`: a noun phrase; the last word is its head.
    NounPhrase(Vec<PatternItem>),
}

/// One `- ... * ... [code]` pattern line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbPattern {
    /// Items before the verb `*`, in text order.
    pub pre: Vec<PatternItem>,
    /// Items after the verb `*`, in text order.
    pub post: Vec<PatternItem>,
    /// `*_X`: the verb is joined to the first `post` item by `_` (PETRARCH-1 syntax mostly).
    pub verb_adjacent: bool,
    pub code: EventCodeSpec,
    pub origin: Origin,
    /// The `#` comment (usually the verb the pattern came from and who added it).
    pub note: Option<String>,
}

/// One verb line of a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbEntry {
    /// The verb's words, upper case, `+` and `_` removed: `["BEEF", "UP"]`, `["RE", "ARREST"]`.
    pub words: Vec<String>,
    /// Which of `words` the parser tags as the verb (the `+` word; 0 for a one-word verb).
    pub verb_word: usize,
    /// Inflected forms of `words[verb_word]` to look up: the base, then the irregular forms
    /// given in `{}`, or else the generated regular forms ([`regular_forms`]). No duplicates.
    pub forms: Vec<String>,
    /// The verb's own code, or the block code when the line has none.
    pub code: EventCodeSpec,
    pub origin: Origin,
}

impl VerbEntry {
    /// The verb word in its base form (`BEEF` for `+BEEF_UP`).
    pub fn lemma(&self) -> &str {
        self.words
            .get(self.verb_word)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Words that must precede the verb word in the sentence (`RE` for `RE_+ARREST`).
    pub fn before_verb(&self) -> &[String] {
        self.words.get(..self.verb_word).unwrap_or(&[])
    }

    /// Words that must follow the verb word in the sentence (`UP` for `+BEEF_UP`).
    pub fn after_verb(&self) -> &[String] {
        self.words.get(self.verb_word + 1..).unwrap_or(&[])
    }
}

/// A `--- HEAD [code] ---` block: synonymous verbs sharing a set of patterns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbBlock {
    /// The header label, upper case, as written (`ACCELERATE`, `EXPLAIN_VERBAL`).
    pub head: String,
    pub code: EventCodeSpec,
    pub verbs: Vec<VerbEntry>,
    pub patterns: Vec<VerbPattern>,
    pub origin: Origin,
}

/// An event inside a transformation: `SOURCE TARGET VERB`, the target possibly another event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransformEvent {
    /// Actor variable (`a`, `b`), or `_` (none) / `.` (any).
    pub source: String,
    pub target: TransformTarget,
    /// Verb block head(s), `_`-joined combinations kept as written (`WILL_ATTACK`); `Q` = any.
    pub verb: String,
}

/// The target of a [`TransformEvent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransformTarget {
    Actor(String),
    Event(Box<TransformEvent>),
}

/// The right side of a transformation: `SOURCE TARGET CODE` (`Q` = the inner event's code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransformResult {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// A `~ a (a b ATTACK) SAY = a b 015` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transformation {
    /// The line after `~`, comment removed, trimmed.
    pub text: String,
    /// The left side: the outer event, whose target is the inner event.
    pub event: TransformEvent,
    pub result: TransformResult,
    pub origin: Origin,
}

/// A whole verb dictionary (one file, or several merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerbDictionary {
    pub format: VerbFormat,
    /// Synsets by label (no `&`, no trailing `_`).
    pub synsets: BTreeMap<String, Vec<Phrase>>,
    pub blocks: Vec<VerbBlock>,
    pub transformations: Vec<Transformation>,
}

/// Read a verb dictionary in the given syntax. `file` is the index stored in every [`Origin`].
///
/// Errors name `path` and the 1-based line: an unclosed bracket, a bad code, a pattern or verb
/// outside a block, a malformed transformation.
pub fn read_verbs(
    path: &Path,
    text: &str,
    file: u16,
    format: VerbFormat,
) -> Result<VerbDictionary, DictError> {
    read::read(path, text, file, format)
}

/// Tell the two syntaxes apart from the content: PETRARCH-2 if any pattern uses a bracketed
/// phrase `(`/`{` or the file has `~` transformations; PETRARCH-1 otherwise.
///
/// A PETRARCH-2-era file that only uses flat patterns (the `petrarch2/PETR.Validate.verbs.txt`
/// validation dictionary) is reported as PETRARCH-1, which reads it the same way except for
/// the regular-form rule.
pub fn detect_format(text: &str) -> VerbFormat {
    for line in text.lines() {
        let line = line.trim_start();
        let content = line.split('#').next().unwrap_or("");
        if content.starts_with('~') {
            return VerbFormat::Petrarch2;
        }
        if content.starts_with('-') && !content.starts_with("---") {
            let body = content.split('[').next().unwrap_or("");
            if body.contains('(') || body.contains('{') {
                return VerbFormat::Petrarch2;
            }
        }
    }
    VerbFormat::Petrarch1
}

impl VerbDictionary {
    /// A dictionary with no synsets, blocks or transformations.
    pub fn empty(format: VerbFormat) -> VerbDictionary {
        VerbDictionary {
            format,
            synsets: BTreeMap::new(),
            blocks: Vec::new(),
            transformations: Vec::new(),
        }
    }

    /// Add `offset` to the file index of every origin (when this dictionary is merged
    /// behind `offset` files of another set).
    pub fn shift_files(&mut self, offset: u16) {
        let shift = |o: &mut Origin| o.file = o.file.saturating_add(offset);
        for block in &mut self.blocks {
            shift(&mut block.origin);
            block.verbs.iter_mut().for_each(|v| shift(&mut v.origin));
            block.patterns.iter_mut().for_each(|p| shift(&mut p.origin));
        }
        self.transformations
            .iter_mut()
            .for_each(|t| shift(&mut t.origin));
    }

    /// Add `other` (a user dictionary) to this one; `other` wins where they overlap.
    ///
    /// * A block whose head is already present receives `other`'s verbs and patterns
    ///   (patterns appended after the existing ones) and takes `other`'s block code.
    ///   Other blocks are appended.
    /// * A verb (same words) that `other` lists is removed from every block it was in before,
    ///   so its forms now point to `other`'s block only ("re-pointed").
    /// * Synsets with the same label are replaced; transformations are appended.
    ///
    /// The format stays this dictionary's.
    pub fn merge(&mut self, other: VerbDictionary) {
        let incoming: Vec<Vec<String>> = other
            .blocks
            .iter()
            .flat_map(|block| block.verbs.iter().map(|verb| verb.words.clone()))
            .collect();
        for block in &mut self.blocks {
            block.verbs.retain(|verb| !incoming.contains(&verb.words));
        }
        for block in other.blocks {
            match self.blocks.iter_mut().find(|own| own.head == block.head) {
                Some(own) => {
                    own.code = block.code;
                    own.verbs.extend(block.verbs);
                    own.patterns.extend(block.patterns);
                }
                None => self.blocks.push(block),
            }
        }
        self.synsets.extend(other.synsets);
        self.transformations.extend(other.transformations);
    }

    /// Build the verb-form index.
    pub fn index(&self) -> VerbIndex {
        let mut by_form: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut by_lemma: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for (block_at, block) in self.blocks.iter().enumerate() {
            for (verb_at, verb) in block.verbs.iter().enumerate() {
                let key = (block_at as u32, verb_at as u32);
                for form in &verb.forms {
                    push_unique(by_form.entry(form.clone()).or_default(), key);
                }
                push_unique(by_lemma.entry(verb.lemma().to_string()).or_default(), key);
            }
        }
        VerbIndex { by_form, by_lemma }
    }

    /// Synset names used by patterns but never defined, with the first pattern using each.
    pub fn undefined_synsets(&self) -> Vec<(String, Origin)> {
        fn walk(items: &[PatternItem], found: &mut Vec<String>) {
            for item in items {
                match item {
                    PatternItem::Synset { name, .. } => found.push(name.clone()),
                    PatternItem::Prep(inner) | PatternItem::NounPhrase(inner) => walk(inner, found),
                    _ => {}
                }
            }
        }
        let mut undefined: Vec<(String, Origin)> = Vec::new();
        for pattern in self.blocks.iter().flat_map(|block| &block.patterns) {
            let mut names = Vec::new();
            walk(&pattern.pre, &mut names);
            walk(&pattern.post, &mut names);
            for name in names {
                if !self.synsets.contains_key(&name)
                    && !undefined.iter().any(|(seen, _)| *seen == name)
                {
                    undefined.push((name, pattern.origin));
                }
            }
        }
        undefined
    }
}

fn push_unique(list: &mut Vec<(u32, u32)>, key: (u32, u32)) {
    if !list.contains(&key) {
        list.push(key);
    }
}

/// Verb lookup by inflected form or by lemma. Keys are upper case; lookups take any case.
///
/// Entries come in dictionary order (block, then verb line), so multi-word verbs sharing a
/// form with a one-word verb come wherever their lines are; the matcher should try the
/// multi-word entries (those with [`VerbEntry::before_verb`]/[`VerbEntry::after_verb`]
/// words) first, as PETRARCH does.
#[derive(Debug, Clone, Default)]
pub struct VerbIndex {
    by_form: HashMap<String, Vec<(u32, u32)>>,
    by_lemma: HashMap<String, Vec<(u32, u32)>>,
}

impl VerbIndex {
    /// Blocks whose verb forms include this single word (any case), e.g. "fired" → FIRE; each
    /// with the verb entry that matched: `(block index, verb index in the block)`.
    pub fn lookup(&self, word: &str) -> &[(u32, u32)] {
        lookup_in(&self.by_form, word)
    }

    /// Blocks whose verb has this base form (any case): a lemmatizer's "fly" for "flew".
    pub fn lookup_lemma(&self, lemma: &str) -> &[(u32, u32)] {
        lookup_in(&self.by_lemma, lemma)
    }
}

fn lookup_in<'a>(map: &'a HashMap<String, Vec<(u32, u32)>>, word: &str) -> &'a [(u32, u32)] {
    let found = if word.chars().any(char::is_lowercase) {
        map.get(&word.to_uppercase())
    } else {
        map.get(word)
    };
    found.map(Vec::as_slice).unwrap_or(&[])
}
