//! Entity data sets → [`NerSentence`]s with PERSON / ORGANIZATION / PLACE spans.
//!
//! - UNER (`*.iob2`: id, form, IOB2 tag, …; `#` comments; blank line between sentences).
//! - CoNLL-style column files with IO or IOB tags in the last column (wikigold: form tag;
//!   SEC filings: form pos chunk tag), `-DOCSTART-` lines skipped.
//! - GUM's entity layer in the CoNLL-U MISC column (`Entity=(12-person-…` … `12)`), which
//!   marks *every* mention, named or not ("the government", "she"). The UNER test sets mark
//!   named entities only, so only named mentions are kept: a person/organization/place
//!   mention whose head is a proper noun (or that hangs a proper noun on its head noun as
//!   flat/appos), cut to the run of capitalised words around it, without determiners,
//!   people's titles or a trailing possessive, as UNER does (see `gum_name_span`).
//! - Sets annotated under other conventions (wikigold, SEC filings, re3d) are made UNER-like
//!   by [`tidy_span`]: no determiners, no titles in people's names, no descriptions.

use std::io::BufRead;
use std::path::Path;

use once_cell::sync::Lazy;
use regex::Regex;

use super::{EntitySpan, EntityType, NerSentence};
use crate::conllu::Sentence;

/// A malformed line in an entity data file.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl DataError {
    /// An error in `path` at `line` (0: the file as a whole).
    pub(crate) fn at(path: &Path, line: usize, e: impl std::fmt::Display) -> Self {
        DataError {
            file: path.display().to_string(),
            line,
            message: e.to_string(),
        }
    }
}

/// A CoNLL-U error already names its file and line: keep them, don't wrap them.
impl From<crate::conllu::ConlluError> for DataError {
    fn from(e: crate::conllu::ConlluError) -> Self {
        DataError {
            file: e.source_name,
            line: e.line,
            message: e.message,
        }
    }
}

/// A whole text file, invalid UTF-8 replaced (the data sets are UTF-8; a stray byte should
/// not cost a whole training set).
pub(crate) fn read_text(path: &Path) -> Result<String, DataError> {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| DataError::at(path, 0, e))
}

/// Read a column file whose tag is in column `tag_col` (0-based; `None` = last column).
/// Tags may be IOB2 (`B-PER`), IOB1/IO (`I-PER` only; a new entity starts when the type
/// changes). Sentences are separated by blank lines; `#` lines and `-DOCSTART-` are skipped.
pub fn read_columns<R: BufRead>(
    reader: R,
    file: &str,
    form_col: usize,
    tag_col: Option<usize>,
) -> Result<Vec<NerSentence>, DataError> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| DataError {
            file: file.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !words.is_empty() {
                out.push(from_tags(
                    std::mem::take(&mut words),
                    &std::mem::take(&mut tags),
                ));
            }
            continue;
        }
        if line.starts_with('#') && tag_col.is_some() {
            continue; // UNER comment lines (column files with a fixed tag column)
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let tag_at = tag_col.unwrap_or(cols.len().saturating_sub(1));
        let (Some(form), Some(tag)) = (cols.get(form_col), cols.get(tag_at)) else {
            return Err(DataError {
                file: file.to_string(),
                line: i + 1,
                message: format!(
                    "expected a form in column {form_col} and a tag in column {tag_at}"
                ),
            });
        };
        words.push((*form).to_string());
        tags.push((*tag).to_string());
    }
    if !words.is_empty() {
        out.push(from_tags(words, &tags));
    }
    Ok(out)
}

/// Read a UNER `.iob2` file (id, form, tag, …).
pub fn read_uner(path: &Path) -> Result<Vec<NerSentence>, DataError> {
    let (name, reader) = open(path)?;
    read_columns(reader, &name, 1, Some(2))
}

/// Read a CoNLL column file with the tag last (wikigold, SEC filings).
pub fn read_conll(path: &Path) -> Result<Vec<NerSentence>, DataError> {
    let (name, reader) = open(path)?;
    read_columns(reader, &name, 0, None)
}

/// The SEC filings mark the parties' defined roles as entities ("the Borrower" PER, "the
/// Bank" ORG, 700 of its 1,161 spans); news and the test sets do not. Drop those.
pub fn drop_sec_roles(sentences: &mut [NerSentence]) {
    for s in sentences {
        let words = &s.words;
        s.entities.retain(|e| {
            !(e.end == e.start + 1
                && matches!(
                    words[e.start].to_ascii_lowercase().as_str(),
                    "borrower"
                        | "lender"
                        | "bank"
                        | "borrowers"
                        | "lenders"
                        | "guarantor"
                        | "agent"
                        | "company"
                        | "purchaser"
                        | "seller"
                ))
        });
    }
}

/// Lowercase particles that may start a name ("al - Sadr", "bin Laden", "de Gaulle").
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "el"
            | "bin"
            | "ibn"
            | "de"
            | "du"
            | "da"
            | "del"
            | "di"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
    ) || word.starts_with("d'")
        || word.starts_with("al-")
}

/// One span of a set annotated under other conventions, made UNER-like (UNER marks
/// names only): leading determiners out ("The Times" → "Times"); for people, titles and a
/// trailing possessive out ("Gen. \[Joseph Votel\]", "\[Abadi\] 's"); then descriptions are
/// dropped — a span that ends with a lowercase word ("U.S. forces", "Delaware
/// corporation", "Greek government") or starts with one that is no name particle ("the
/// northern part of Syria", "east"). `None` when nothing named is left.
pub fn tidy_span(words: &[String], e: EntitySpan) -> Option<EntitySpan> {
    let (mut a, mut b) = (e.start, e.end.min(words.len()));
    while a < b && matches!(words[a].to_ascii_lowercase().as_str(), "the" | "a" | "an") {
        a += 1;
    }
    if e.kind == EntityType::Person {
        while a < b && is_title(&words[a]) {
            a += 1;
        }
        while b > a && matches!(words[b - 1].as_str(), "'s" | "\u{2019}s" | "'" | "\u{2019}") {
            b -= 1;
        }
    }
    if a >= b {
        return None;
    }
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    if (lower(&words[a]) && !is_particle(&words[a])) || lower(&words[b - 1]) {
        return None;
    }
    Some(EntitySpan {
        start: a,
        end: b,
        kind: e.kind,
    })
}

/// [`tidy_span`] over every span of `sentences` (wikigold, SEC filings); overlaps that
/// this leaves: the longer span wins.
pub fn tidy_spans(sentences: &mut [NerSentence]) {
    for s in sentences {
        let spans: Vec<EntitySpan> = s
            .entities
            .iter()
            .filter_map(|&e| tidy_span(&s.words, e))
            .collect();
        s.entities = longest_first(spans);
    }
}

/// Non-overlapping spans, the longer (then the earlier) winning, in text order.
fn longest_first(mut spans: Vec<EntitySpan>) -> Vec<EntitySpan> {
    spans.sort_by_key(|e| (std::cmp::Reverse(e.end - e.start), e.start));
    let mut kept: Vec<EntitySpan> = Vec::new();
    for e in spans {
        if !kept.iter().any(|k| k.start < e.end && e.start < k.end) {
            kept.push(e);
        }
    }
    kept.sort();
    kept
}

fn open(path: &Path) -> Result<(String, std::io::BufReader<std::fs::File>), DataError> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| DataError::at(path, 0, e))?;
    Ok((name, std::io::BufReader::new(f)))
}

/// Spans from per-word tags (IOB2, IOB1 or IO).
fn from_tags(words: Vec<String>, tags: &[String]) -> NerSentence {
    let mut entities = Vec::new();
    let mut open: Option<(usize, &str)> = None; // start, raw type label
    let mut close = |open: &mut Option<(usize, &str)>, end: usize| {
        if let Some((start, label)) = open.take() {
            if let Some(kind) = EntityType::from_label(label) {
                entities.push(EntitySpan { start, end, kind });
            }
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        match prefix {
            "B" | "S" => {
                close(&mut open, i);
                open = Some((i, label));
            }
            "I" | "E" if open.is_some_and(|(_, l)| l == label) => {}
            "I" | "E" => {
                close(&mut open, i);
                open = Some((i, label));
            }
            _ => close(&mut open, i),
        }
    }
    close(&mut open, tags.len());
    NerSentence { words, entities }
}

/// Read one re3d sub-folder (`documents.json`, `entities.json`: JSON lines, entities as
/// character offsets into a document's text). Texts are split into sentences and words by
/// our own tokenizer and splitter (what the pipeline will see). re3d marks descriptions as
/// well as names ("the northern part of the country", "U.S. forces"); as for GUM, only
/// named mentions are kept: spans [`tidy_span`] keeps (no determiners, titles or
/// descriptions) with at least half their words capitalised; then overlaps go to the
/// longer span. Entities that do not fall on word boundaries are dropped.
pub fn read_re3d(dir: &Path) -> Result<Vec<NerSentence>, DataError> {
    use crate::sentence::{RuleSentenceSplitter, SentenceSplitter};
    use crate::tokenize::{HyphenStyle, RuleTokenizer, Tokenizer};
    use std::collections::BTreeMap;
    let lines = |name: &str| -> Result<Vec<(usize, serde_json::Value)>, DataError> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| DataError::at(&path, 0, e))?;
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                serde_json::from_str(l)
                    .map(|v| (i + 1, v))
                    .map_err(|e| DataError::at(&path, i + 1, e))
            })
            .collect()
    };
    let str_of =
        |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    for (_, d) in lines("documents.json")? {
        if let (Some(id), Some(text)) = (str_of(&d, "_id"), str_of(&d, "text")) {
            docs.insert(id, text);
        }
    }
    // Per document: (byte start, byte end, type).
    let mut ents: BTreeMap<String, Vec<(usize, usize, EntityType)>> = BTreeMap::new();
    for (_, e) in lines("entities.json")? {
        let (Some(doc), Some(kind)) = (str_of(&e, "documentId"), str_of(&e, "type")) else {
            continue;
        };
        let Some(kind) = EntityType::from_label(&kind) else {
            continue;
        };
        let (Some(b), Some(en)) = (
            e.get("begin").and_then(|x| x.as_u64()),
            e.get("end").and_then(|x| x.as_u64()),
        ) else {
            continue;
        };
        let Some(text) = docs.get(&doc) else { continue };
        // Character offsets → byte offsets.
        let byte = |c: u64| -> Option<usize> {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .nth(c as usize)
        };
        if let (Some(bs), Some(be)) = (byte(b), byte(en)) {
            if str_of(&e, "value").as_deref() == text.get(bs..be) {
                ents.entry(doc).or_default().push((bs, be, kind));
            }
        }
    }
    let tok = RuleTokenizer {
        hyphens: HyphenStyle::Ewt,
    };
    let splitter = RuleSentenceSplitter::default();
    let mut out = Vec::new();
    for (id, text) in &docs {
        let tokens = tok.tokenize(text);
        let doc_ents = ents.get(id).map_or(&[][..], |v| v.as_slice());
        for range in splitter.split(text, &tokens) {
            let Some(toks) = tokens.get(range) else {
                continue;
            };
            let words: Vec<String> = toks.iter().map(|t| t.text(text).to_string()).collect();
            let mut entities = Vec::new();
            for &(bs, be, kind) in doc_ents {
                let start = toks.iter().position(|t| t.start == bs);
                let end = toks.iter().position(|t| t.end == be);
                let (Some(a), Some(end)) = (start, end) else {
                    continue;
                };
                let Some(e) = tidy_span(
                    &words,
                    EntitySpan {
                        start: a,
                        end: end + 1,
                        kind,
                    },
                ) else {
                    continue;
                };
                let capitalised = |w: &String| w.chars().next().is_some_and(char::is_uppercase);
                let caps = words[e.start..e.end]
                    .iter()
                    .filter(|w| capitalised(w))
                    .count();
                if caps * 2 >= e.end - e.start {
                    entities.push(e);
                }
            }
            // Overlaps (a person inside an organisation): the longer span wins, after the
            // descriptions are gone ("\[Iraq\]" inside "the Minister of Foreign Affairs of
            // Iraq" stays).
            out.push(NerSentence {
                entities: longest_first(entities),
                words,
            });
        }
    }
    Ok(out)
}

/// `(12-person-…` opens mention 12 (closed on the same word when `)` follows), `12)`
/// closes it.
static GUM_BRACKET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\((\d+)-([^()]*)(\))?|(\d+)\)").unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// Named PERSON/ORGANIZATION/PLACE mentions of GUM sentences (see the module docs).
pub fn gum_named_entities(sentences: &[Sentence]) -> Vec<NerSentence> {
    sentences.iter().map(gum_sentence).collect()
}

fn gum_sentence(s: &Sentence) -> NerSentence {
    struct Open {
        id: String,
        start: usize,
        kind: Option<EntityType>,
        linked: bool,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut mentions: Vec<(usize, usize, EntityType, bool)> = Vec::new();
    for (i, w) in s.words.iter().enumerate() {
        let Some(ent) = w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        for c in GUM_BRACKET.captures_iter(ent) {
            if let (Some(id), Some(desc)) = (c.get(1), c.get(2)) {
                let fields: Vec<&str> = desc.as_str().split('-').collect();
                let kind = fields.first().and_then(|t| EntityType::from_label(t));
                // GRP-etype-infstat-salience-centering-minspan-link-identity: the identity
                // (a Wikipedia name, itself possibly hyphenated) follows the link type.
                let linked = fields.len() > 6 && !fields[6..].join("-").is_empty();
                let open = Open {
                    id: id.as_str().to_string(),
                    start: i,
                    kind,
                    linked,
                };
                if c.get(3).is_some() {
                    if let Some(k) = open.kind {
                        mentions.push((i, i + 1, k, open.linked));
                    }
                } else {
                    stack.push(open);
                }
            } else if let Some(id) = c.get(4) {
                if let Some(pos) = stack.iter().rposition(|o| o.id == id.as_str()) {
                    let o = stack.remove(pos);
                    if let Some(k) = o.kind {
                        mentions.push((o.start, i + 1, k, o.linked));
                    }
                }
            }
        }
    }
    let mut entities = Vec::new();
    for (start, end, kind, _linked) in mentions {
        if let Some((a, b)) = gum_name_span(s, start, end, kind) {
            // Groups named by nationality or creed ("Americans", "Nazarenes") are
            // PERSON mentions in GUM but not entities in UNER (nor in CoNLL: MISC).
            if kind == EntityType::Person && b - a == 1 && s.words[a].xpos == "NNPS" {
                continue;
            }
            entities.push(EntitySpan {
                start: a,
                end: b,
                kind,
            });
        }
    }
    entities.sort();
    entities.dedup();
    // Nested named mentions ("[[Cairo] University]"): keep the outermost, as UNER does.
    let outer: Vec<EntitySpan> = entities
        .iter()
        .filter(|e| {
            !entities
                .iter()
                .any(|o| o != *e && o.start <= e.start && e.end <= o.end)
        })
        .copied()
        .collect();
    NerSentence {
        words: s.words.iter().map(|w| w.form.clone()).collect(),
        entities: outer,
    }
}

/// Titles before a name, which UNER leaves out of the name.
pub(crate) fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    // "GEN." and "Gen." alike.
    let w: String = w
        .chars()
        .take(1)
        .chain(w.chars().skip(1).flat_map(char::to_lowercase))
        .collect();
    matches!(
        w.as_str(),
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Dr"
            | "Prof"
            | "Professor"
            | "President"
            | "Senator"
            | "Sen"
            | "Rep"
            | "Governor"
            | "Gov"
            | "General"
            | "Gen"
            | "Col"
            | "Lt"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Pope"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Sir"
            | "Lord"
            | "Lady"
            | "Judge"
            | "Justice"
            | "Minister"
            | "Chancellor"
            | "Mayor"
            | "Sheikh"
            | "Rev"
            | "Father"
            | "Sister"
            | "Brother"
            | "Uncle"
            | "Aunt"
            | "Coach"
            | "Officer"
            | "Vice"
            | "Deputy"
            | "Chief"
            | "Prime"
            | "Secretary"
            | "Speaker"
            | "Chairman"
            | "Chairwoman"
            | "Ambassador"
            | "Commander"
            | "Major"
            | "Colonel"
            | "Lieutenant"
            | "Sergeant"
            | "Captain"
            | "Admiral"
            | "Brigadier"
            | "Marshal"
            | "Emperor"
            | "Empress"
            | "Duke"
            | "Duchess"
            | "Earl"
            | "Baron"
            | "Shaikh"
            | "Imam"
            | "Ayatollah"
            | "Rabbi"
            | "Bishop"
            | "Archbishop"
            | "Cardinal"
            | "Pastor"
            | "Drs"
            | "Mme"
            | "Maj"
            | "Cpl"
            | "Pvt"
            | "Staff"
            | "Attorney"
    )
}

/// The name inside a GUM mention `start..end`, UNER-style: the mention is named when its
/// head (the word whose head lies outside the mention) is a proper noun; the name is the
/// run of capitalised words around the head (GUM tags the adjectives of names as ADJ:
/// "National/ADJ Library/PROPN"), joined by connectors (`of`, `the`, `de`, `&`, `-`, `.`)
/// between two capitalised words ("Bank of America"). Determiners, titles and
/// descriptions before it ("the younger John Edleston", "Dr. Cooper") and appositions
/// after a comma ("Oklahoma City, Oklahoma") stay outside, as in UNER.
fn gum_name_span(
    s: &Sentence,
    start: usize,
    end: usize,
    kind: EntityType,
) -> Option<(usize, usize)> {
    let inside = |h: Option<usize>| h.is_some_and(|h| h > start && h <= end);
    let mut head = (start..end).find(|&i| !inside(s.words[i].head))?;
    let mut left = start;
    if s.words[head].upos != "PROPN" {
        // "interviewee [David Titley]": GUM hangs a name after a noun on it as flat or
        // appos; the name is that proper noun's run.
        let noun = head;
        head = (noun + 1..end).find(|&i| {
            s.words[i].upos == "PROPN"
                && s.words[i].head == Some(noun + 1)
                && matches!(s.words[i].deprel.as_str(), "flat" | "appos")
        })?;
        // Its name starts there ("at [University of Texas Arlington] [Amneh Jafari]").
        left = head;
    }
    // "the President", "the King of Athens": a title, not a name (UNER).
    if kind == EntityType::Person && is_title(&s.words[head].form) {
        return None;
    }
    let cap = |i: usize| {
        let w = &s.words[i];
        // Sentence-initial "Neither", "In", "When" are capitalised but no part of a name.
        !matches!(
            w.upos.as_str(),
            "DET" | "PUNCT" | "PRON" | "CCONJ" | "SCONJ" | "ADP" | "AUX" | "PART" | "INTJ"
        ) && w
            .form
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let connector = |i: usize| {
        matches!(
            s.words[i].form.as_str(),
            "of" | "the" | "de" | "du" | "la" | "von" | "van" | "al" | "&" | "-" | "."
        )
    };
    let mut a = head;
    while a > left && (cap(a - 1) || (a - 1 > left && connector(a - 1) && cap(a - 2))) {
        a -= 1;
    }
    // UNER leaves titles out of people's names ("Dr. \[Cooper\]"), not out of other names
    // ("General Assembly", "King County").
    while kind == EntityType::Person
        && a < head
        && (is_title(&s.words[a].form) || (s.words[a].form == "-" && a > start))
    {
        a += 1;
    }
    let mut b = head + 1;
    while b < end && (cap(b) || (b + 1 < end && connector(b) && cap(b + 1))) {
        b += 1;
    }
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    #[test]
    fn iob2_and_io_tags_make_the_same_spans() {
        let iob2 = "# text = x\n1\tBan\tB-PER\t-\t-\n2\tKi-moon\tI-PER\t-\t-\n3\tvisited\tO\t-\t-\n4\tCairo\tB-LOC\t-\t-\n5\tand\tO\t-\t-\n6\tHamas\tB-ORG\t-\t-\n7\tIsrael\tB-LOC\t-\t-\n\n";
        let a = read_columns(iob2.as_bytes(), "a", 1, Some(2)).unwrap();
        let io = "-DOCSTART- O\n\nBan I-PER\nKi-moon I-PER\nvisited O\nCairo I-LOC\nand O\nHamas I-ORG\nIsrael I-LOC\n\n";
        let b = read_columns(io.as_bytes(), "b", 0, None).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a, b);
        let kinds: Vec<(usize, usize, EntityType)> = a[0]
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (0, 2, EntityType::Person),
                (3, 4, EntityType::Place),
                (5, 6, EntityType::Organization),
                (6, 7, EntityType::Place)
            ]
        );
        assert_eq!(a[0].bio()[1], "I-PERSON");
    }

    #[test]
    fn misc_is_dropped_and_bad_lines_are_named() {
        let s = read_columns("Reuters I-ORG\nEnglish I-MISC\n".as_bytes(), "w", 0, None).unwrap();
        assert_eq!(s[0].entities.len(), 1);
        let e = read_columns("1\tx\n".as_bytes(), "bad.iob2", 1, Some(2)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad.iob2:1: expected a form in column 1 and a tag in column 2"
        );
    }

    /// A CoNLL-U line; heads as in "The United Nations and the government met in Cairo 's
    /// she": names headed by their last word, everything else on "met" (7).
    fn word(id: usize, form: &str, upos: &str, xpos: &str, misc: &str) -> String {
        let head = match id {
            1 | 2 => 3,
            5 => 6,
            7 => 0,
            10 => 9,
            _ => 7,
        };
        format!("{id}\t{form}\t_\t{upos}\t{xpos}\t_\t{head}\tdep\t_\t{misc}\n")
    }

    #[test]
    fn gum_keeps_named_mentions_only() {
        let text = [
            word(
                1,
                "The",
                "DET",
                "DT",
                "Entity=(1-organization-new-nnnnn-cf1-1,2,3-sgl-United_Nations",
            ),
            word(2, "United", "PROPN", "NNP", "_"),
            word(3, "Nations", "PROPN", "NNP", "Entity=1)"),
            word(4, "and", "CCONJ", "CC", "_"),
            word(
                5,
                "the",
                "DET",
                "DT",
                "Entity=(2-organization-new-nnnnn-cf2-2-sgl",
            ),
            word(6, "government", "NOUN", "NN", "Entity=2)"),
            word(7, "met", "VERB", "VBD", "_"),
            word(8, "in", "ADP", "IN", "_"),
            word(
                9,
                "Cairo",
                "PROPN",
                "NNP",
                "Entity=(3-place-new-nnnnn-cf3-1-sgl)",
            ),
            word(10, "'s", "PART", "POS", "_"),
            word(
                11,
                "she",
                "PRON",
                "PRP",
                "Entity=(4-person-giv-nnnnn-cf4-1-ana)",
            ),
        ]
        .concat()
            + "\n";
        let s = conllu::read(text.as_bytes(), "gum").unwrap();
        let n = gum_named_entities(&s);
        let spans: Vec<(usize, usize, EntityType)> = n[0]
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.kind))
            .collect();
        assert_eq!(
            spans,
            vec![(1, 3, EntityType::Organization), (8, 9, EntityType::Place)]
        );
    }

    #[test]
    fn tidy_spans_keep_names_only() {
        // wikigold/SEC-style IO spans: determiner, title, possessive, descriptions.
        let text = "The I-ORG\nScout I-ORG\nAssociation I-ORG\nmet O\nLt. I-PER\nGen. I-PER\nJubal I-PER\nEarly I-PER\n's I-PER\nand O\nthe O\nGreek I-ORG\ngovernment I-ORG\non O\nthe O\neast I-LOC\nbank O\nof O\nthe O\nJames I-LOC\nRiver I-LOC\n, O\nal I-PER\n- I-PER\nSadr I-PER\n";
        let mut s = read_columns(text.as_bytes(), "w", 0, None).unwrap();
        tidy_spans(&mut s);
        let spans: Vec<(String, EntityType)> = s[0]
            .entities
            .iter()
            .map(|e| (s[0].words[e.start..e.end].join(" "), e.kind))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("Scout Association".to_string(), EntityType::Organization),
                ("Jubal Early".to_string(), EntityType::Person),
                ("James River".to_string(), EntityType::Place),
                ("al - Sadr".to_string(), EntityType::Person),
            ]
        );
        assert!(is_title("GEN.") && is_title("Secretary") && !is_title("Cooper"));
    }

    /// A CoNLL-U line with its head and MISC given.
    fn line(id: usize, form: &str, upos: &str, head: usize, misc: &str) -> String {
        format!("{id}\t{form}\t_\t{upos}\t_\t_\t{head}\tdep\t_\t{misc}\n")
    }

    #[test]
    fn gum_titles_stay_out_of_people_only() {
        // "Neither the Speaker nor Secretary Cardona met the General Assembly":
        // a bare title is no name, a title before a name stays out of it, the capitalised
        // sentence-initial conjunction is no part of a name, and "General" is part of an
        // organisation's name.
        let text = [
            line(
                1,
                "Neither",
                "CCONJ",
                3,
                "Entity=(1-person-new-nnnnn-cf1-3-sgl",
            ),
            line(2, "the", "DET", 3, "_"),
            line(3, "Speaker", "PROPN", 8, "Entity=1)"),
            line(4, "nor", "CCONJ", 6, "_"),
            line(
                5,
                "Secretary",
                "PROPN",
                6,
                "Entity=(2-person-new-nnnnn-cf2-2-sgl",
            ),
            line(6, "Cardona", "PROPN", 3, "Entity=2)"),
            line(7, "met", "VERB", 0, "_"),
            line(
                8,
                "the",
                "DET",
                10,
                "Entity=(3-organization-new-nnnnn-cf3-3-sgl",
            ),
            line(9, "General", "PROPN", 10, "_"),
            line(10, "Assembly", "PROPN", 7, "Entity=3)"),
        ]
        .concat()
            + "\n";
        let s = conllu::read(text.as_bytes(), "gum").unwrap();
        let n = gum_named_entities(&s);
        let spans: Vec<(usize, usize, EntityType)> = n[0]
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.kind))
            .collect();
        assert_eq!(
            spans,
            vec![
                (5, 6, EntityType::Person),
                (8, 10, EntityType::Organization)
            ]
        );
    }

    #[test]
    fn gum_name_after_a_noun() {
        // "File photo of interviewee David Titley": the mention's head is the noun, the
        // name hangs on it as flat.
        let text = [
            line(1, "File", "NOUN", 2, "_"),
            line(2, "photo", "NOUN", 0, "_"),
            line(3, "of", "ADP", 4, "_"),
            line(
                4,
                "interviewee",
                "NOUN",
                2,
                "Entity=(5-person-new-nnnnn-cf1-1,2,3-coref-David_Titley",
            ),
            line(5, "David", "PROPN", 4, "_"),
            line(6, "Titley", "PROPN", 4, "Entity=5)"),
        ]
        .concat()
        .replace("4\tdep\t_\t_\n", "4\tflat\t_\t_\n")
        .replace("4\tdep\t_\tEntity=5)\n", "4\tflat\t_\tEntity=5)\n")
            + "\n";
        let s = conllu::read(text.as_bytes(), "gum").unwrap();
        let n = gum_named_entities(&s);
        assert_eq!(
            n[0].entities,
            vec![EntitySpan {
                start: 4,
                end: 6,
                kind: EntityType::Person
            }]
        );
    }

    #[test]
    fn shared_sets_read_when_present() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        let uner = dir.join("ner/uner_english_ewt/en_ewt-ud-test.iob2");
        if !uner.exists() {
            eprintln!("note: {} not found; skipping", uner.display());
            return;
        }
        // Counts from the set's own stats: PER 449, ORG 322, LOC 317.
        let s = read_uner(&uner).unwrap();
        let count = |k| {
            s.iter()
                .flat_map(|x| &x.entities)
                .filter(|e| e.kind == k)
                .count()
        };
        assert_eq!(count(EntityType::Person), 449);
        assert_eq!(count(EntityType::Organization), 322);
        assert_eq!(count(EntityType::Place), 317);
        let gum = conllu::read_file(&dir.join("ud_english_gum/en_gum-ud-dev.open-subset.conllu"))
            .unwrap();
        let named = gum_named_entities(&gum);
        let total: usize = named.iter().map(|x| x.entities.len()).sum();
        assert!(
            total > 300,
            "GUM dev has hundreds of named mentions, got {total}"
        );
    }

    #[test]
    fn re3d_keeps_named_mentions_on_word_boundaries() {
        let dir = tempdir_with(&[
            (
                "documents.json",
                r#"{ "_id" : "d1", "text" : "U.S. forces met the Kurdish YPG in the northern part of Syria. Gen. Votel spoke." }"#,
            ),
            (
                "entities.json",
                &[
                    r#"{ "begin" : 0, "end" : 11, "type" : "Organisation", "value" : "U.S. forces", "documentId" : "d1" }"#,
                    r#"{ "begin" : 16, "end" : 31, "type" : "Organisation", "value" : "the Kurdish YPG", "documentId" : "d1" }"#,
                    r#"{ "begin" : 35, "end" : 61, "type" : "Location", "value" : "the northern part of Syria", "documentId" : "d1" }"#,
                    r#"{ "begin" : 56, "end" : 61, "type" : "Location", "value" : "Syria", "documentId" : "d1" }"#,
                    r#"{ "begin" : 63, "end" : 73, "type" : "Person", "value" : "Gen. Votel", "documentId" : "d1" }"#,
                    r#"{ "begin" : 64, "end" : 66, "type" : "Person", "value" : "en", "documentId" : "d1" }"#,
                ]
                .join("\n"),
            ),
        ]);
        let s = read_re3d(&dir).unwrap();
        let spans: Vec<(String, EntityType)> = s
            .iter()
            .flat_map(|x| {
                x.entities
                    .iter()
                    .map(move |e| (x.words[e.start..e.end].join(" "), e.kind))
            })
            .collect();
        assert_eq!(
            spans,
            // "U.S. forces" is a description; UNER leaves the title out of "Gen. Votel".
            vec![
                ("Kurdish YPG".to_string(), EntityType::Organization),
                ("Syria".to_string(), EntityType::Place),
                ("Votel".to_string(), EntityType::Person),
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempdir_with(files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "dateline-re3d-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        dir
    }
}
