//! The language pipeline, spaCy-style: one text in, sentences of analysed words out, each
//! step a swappable component — [`Tokenizer`], [`SentenceSplitter`], the tagger, the
//! parser, the entity tagger. The models shipped in `models/` are compiled into the
//! library, so a binary needs no files beside it.
//!
//! Entities are written to CoNLL-U in the MISC column as `NER=B-PERSON` (first word of an
//! entity), `NER=I-PERSON` (the words after it) or `NER=O`: BIO, types PERSON,
//! ORGANIZATION, PLACE.

use std::borrow::Cow;

use serde::Serialize;

use crate::conllu;
use crate::model::ModelError;
use crate::ner::{EntityDictionary, EntityTagger, EntityType};
use crate::parser::Parser;
use crate::sentence::{RuleSentenceSplitter, SentenceSplitter};
use crate::tagger::Tagger;
use crate::tokenize::{normalize_form, HyphenStyle, RuleTokenizer, Token, Tokenizer};

/// The tagger trained by `dateline train tagger` (see `models/README.md`).
pub static BUNDLED_TAGGER: &[u8] = include_bytes!("../../../models/tagger.bin");
/// The parser trained by `dateline train parser`.
pub static BUNDLED_PARSER: &[u8] = include_bytes!("../../../models/parser.bin");
/// The entity tagger trained by `dateline train ner`.
pub static BUNDLED_NER: &[u8] = include_bytes!("../../../models/ner.bin");

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: usize,
    pub form: String,
    /// Byte offsets into the analysed text (both 0 for words read from CoNLL-U).
    pub start: usize,
    pub end: usize,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root.
    pub head: usize,
    pub deprel: String,
}

/// One entity of an analysed sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Words `first_word..end_word` of the sentence (0-based, end exclusive).
    pub first_word: usize,
    pub end_word: usize,
    /// Byte offsets into the analysed text (both 0 for words read from CoNLL-U).
    pub start: usize,
    pub end: usize,
    /// The words' text (the analysed text's slice, or the words joined by spaces).
    pub text: String,
}

/// One analysed sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedSentence {
    /// Byte span of the sentence in the analysed text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub words: Vec<Word>,
    pub entities: Vec<Entity>,
}

impl AnalyzedSentence {
    /// The sentence as CoNLL-U, with `# sent_id` and `# text` comments.
    pub fn to_conllu(&self, sent_id: &str) -> String {
        let mut ner = vec!["O".to_string(); self.words.len()];
        for e in &self.entities {
            for (i, tag) in ner
                .iter_mut()
                .enumerate()
                .take(e.end_word)
                .skip(e.first_word)
            {
                let prefix = if i == e.first_word { "B" } else { "I" };
                *tag = format!("{prefix}-{}", e.kind.as_str());
            }
        }
        let s = conllu::Sentence {
            comments: vec![
                format!("# sent_id = {sent_id}"),
                format!("# text = {}", self.text.replace('\n', " ")),
            ],
            words: self
                .words
                .iter()
                .zip(&ner)
                .map(|(w, ner)| conllu::Word {
                    id: w.id,
                    form: w.form.clone(),
                    lemma: w.lemma.clone(),
                    upos: w.upos.clone(),
                    xpos: w.xpos.clone(),
                    feats: w.feats.clone(),
                    head: Some(w.head),
                    deprel: w.deprel.clone(),
                    deps: String::new(),
                    misc: format!("NER={ner}"),
                })
                .collect(),
            multiword: Vec::new(),
        };
        s.to_conllu()
    }
}

/// Tokenizer, splitter, tagger, parser and (when given) entity tagger together.
pub struct Analyzer {
    tokenizer: Box<dyn Tokenizer + Send + Sync>,
    splitter: Box<dyn SentenceSplitter + Send + Sync>,
    tagger: Tagger,
    parser: Parser,
    ner: Option<EntityTagger>,
    dictionaries: Vec<Box<dyn EntityDictionary + Send + Sync>>,
}

impl Analyzer {
    /// The bundled models with the rule tokenizer in the treebank's hyphen style (what the
    /// models were trained on).
    pub fn bundled() -> Result<Analyzer, ModelError> {
        Ok(Analyzer::new(
            Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?,
            Parser::from_bytes("bundled parser", BUNDLED_PARSER)?,
        )
        .with_entities(EntityTagger::from_bytes("bundled ner", BUNDLED_NER)?))
    }

    /// Tag entities with `ner` (an analyzer made by [`Analyzer::new`] tags none).
    pub fn with_entities(mut self, ner: EntityTagger) -> Analyzer {
        self.ner = Some(ner);
        self
    }

    /// Add a dictionary whose matches the entity tagger uses as features (beside its
    /// built-in gazetteer): the hook for the coder's actor dictionaries.
    pub fn with_dictionary(mut self, dict: Box<dyn EntityDictionary + Send + Sync>) -> Analyzer {
        self.dictionaries.push(dict);
        self
    }

    pub fn new(tagger: Tagger, parser: Parser) -> Analyzer {
        Analyzer {
            tokenizer: Box::new(RuleTokenizer {
                hyphens: HyphenStyle::Ewt,
            }),
            splitter: Box::new(RuleSentenceSplitter::default()),
            tagger,
            parser,
            ner: None,
            dictionaries: Vec::new(),
        }
    }

    /// Analyse raw text.
    pub fn analyze(&self, text: &str) -> Vec<AnalyzedSentence> {
        self.analyze_lead(text, None)
    }

    /// Analyse only the first `lead` sentences of `text` (all with `None`): the lead of a
    /// news story, which carries its main events, at a fraction of a long page's cost. The
    /// text is tokenized and split whole (a small part of the cost); the models run on the
    /// lead's sentences only.
    pub fn analyze_lead(&self, text: &str, lead: Option<usize>) -> Vec<AnalyzedSentence> {
        let tokens = self.tokenizer.tokenize(text);
        self.splitter
            .split(text, &tokens)
            .into_iter()
            .filter(|range| !range.is_empty())
            .take(lead.unwrap_or(usize::MAX))
            .filter_map(|range| {
                let toks: &[Token] = tokens.get(range)?;
                let (first, last) = (toks.first()?, toks.last()?);
                let forms: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
                let mut s = self.analyze_words(&forms);
                for (w, t) in s.words.iter_mut().zip(toks) {
                    w.start = t.start;
                    w.end = t.end;
                }
                for e in &mut s.entities {
                    let (Some(a), Some(b)) = (toks.get(e.first_word), toks.get(e.end_word - 1))
                    else {
                        continue;
                    };
                    e.start = a.start;
                    e.end = b.end;
                    e.text = text.get(a.start..b.end).unwrap_or_default().to_string();
                }
                s.start = first.start;
                s.end = last.end;
                s.text = text
                    .get(first.start..last.end)
                    .unwrap_or_default()
                    .to_string();
                Some(s)
            })
            .collect()
    }

    /// Tag and parse one sentence of given words (CoNLL-U input keeps its tokenization).
    pub fn analyze_words<S: AsRef<str>>(&self, words: &[S]) -> AnalyzedSentence {
        let forms: Vec<Cow<'_, str>> = words.iter().map(|w| normalize_form(w.as_ref())).collect();
        let tags = self.tagger.tag(&forms);
        let form_refs: Vec<&str> = forms.iter().map(|f| f.as_ref()).collect();
        let upos: Vec<&str> = tags.iter().map(|t| t.upos.as_str()).collect();
        let xpos: Vec<&str> = tags.iter().map(|t| t.xpos.as_str()).collect();
        let tree = self.parser.parse(&form_refs, &upos, &xpos);
        let spans = match &self.ner {
            Some(ner) => {
                let extra: Vec<&dyn EntityDictionary> = self
                    .dictionaries
                    .iter()
                    .map(|d| d.as_ref() as &dyn EntityDictionary)
                    .collect();
                ner.tag_with(&form_refs, &xpos, &extra)
            }
            None => Vec::new(),
        };
        // The tagger's strings move into the words (a long page has tens of thousands).
        let words: Vec<Word> = words
            .iter()
            .zip(tags)
            .enumerate()
            .map(|(i, (w, t))| {
                let (head, deprel) = tree.get(i).map_or((0, "dep"), |(h, d)| (*h, *d));
                Word {
                    id: i + 1,
                    form: w.as_ref().to_string(),
                    start: 0,
                    end: 0,
                    lemma: t.lemma,
                    upos: t.upos,
                    xpos: t.xpos,
                    feats: t.feats,
                    head,
                    deprel: deprel.to_string(),
                }
            })
            .collect();
        let entities = spans
            .iter()
            .filter(|e| e.start < e.end && e.end <= words.len())
            .map(|e| Entity {
                kind: e.kind,
                first_word: e.start,
                end_word: e.end,
                start: 0,
                end: 0,
                text: words[e.start..e.end]
                    .iter()
                    .map(|w| w.form.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();
        AnalyzedSentence {
            start: 0,
            end: 0,
            entities,
            text: words
                .iter()
                .map(|w| w.form.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(a: &Analyzer, text: &str) -> Vec<(EntityType, String)> {
        a.analyze(text)
            .iter()
            .flat_map(|s| s.entities.iter())
            .map(|e| (e.kind, e.text.clone()))
            .collect()
    }

    #[test]
    fn bundled_entities_of_news_sentences() {
        let a = Analyzer::bundled().unwrap();
        use EntityType::*;
        let got = entities(
            &a,
            "JUBA, South Sudan (AP) — President Salva Kiir accused Riek Machar of plotting a coup, the United Nations said.",
        );
        let want = [
            (Place, "JUBA"),
            (Place, "South Sudan"),
            (Person, "Salva Kiir"),
            (Person, "Riek Machar"),
            (Organization, "United Nations"),
        ];
        assert_eq!(
            got,
            want.map(|(k, t)| (k, t.to_string())).to_vec(),
            "{got:?}"
        );
        let got = entities(
            &a,
            "The European Union and NATO will meet in Brussels, said Angela Merkel.",
        );
        let want = [
            (Organization, "European Union"),
            (Organization, "NATO"),
            (Place, "Brussels"),
            (Person, "Angela Merkel"),
        ];
        assert_eq!(got, want.map(|(k, t)| (k, t.to_string())).to_vec());
    }

    #[test]
    fn entities_reach_conllu_misc_and_byte_offsets() {
        let a = Analyzer::bundled().unwrap();
        let text = "Hamas fired rockets into Israel.";
        let s = &a.analyze(text)[0];
        for e in &s.entities {
            assert_eq!(&text[e.start..e.end], e.text);
        }
        let conllu = s.to_conllu("1");
        let misc: Vec<&str> = conllu
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| l.split('\t').nth(9))
            .collect();
        assert_eq!(misc.len(), 6);
        assert!(misc.iter().all(|m| m.starts_with("NER=")), "{misc:?}");
        assert_eq!(misc[4], "NER=B-PLACE");
        // Without an entity tagger, no entities and every word O.
        let plain = Analyzer::new(
            Tagger::from_bytes("t", BUNDLED_TAGGER).unwrap(),
            Parser::from_bytes("p", BUNDLED_PARSER).unwrap(),
        );
        let s = &plain.analyze(text)[0];
        assert!(s.entities.is_empty());
        assert!(s.to_conllu("1").contains("NER=O"));
    }

    #[test]
    fn plugged_in_dictionary_changes_what_is_found() {
        struct Actors;
        impl EntityDictionary for Actors {
            fn find(&self, words: &[&str]) -> Vec<crate::ner::EntitySpan> {
                words
                    .iter()
                    .position(|w| *w == "Zyxorp")
                    .map(|i| crate::ner::EntitySpan {
                        start: i,
                        end: i + 1,
                        kind: EntityType::Place,
                    })
                    .into_iter()
                    .collect()
            }
        }
        let text = "Fighters of Zyxorp attacked the town.";
        let base = Analyzer::bundled().unwrap();
        let with = Analyzer::bundled()
            .unwrap()
            .with_dictionary(Box::new(Actors));
        // The dictionary's match is a feature, not an override: the entity tagger may
        // still disagree, but the scores it sees differ.
        let a = &base.analyze(text)[0];
        let b = &with.analyze(text)[0];
        assert_eq!(a.words.len(), b.words.len());
        let found = |s: &AnalyzedSentence| {
            s.entities
                .iter()
                .any(|e| e.text == "Zyxorp" && e.kind == EntityType::Place)
        };
        assert!(found(b) && !found(a), "{:?} / {:?}", a.entities, b.entities);
    }
}
