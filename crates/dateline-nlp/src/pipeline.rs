//! The language pipeline, spaCy-style: one text in, sentences of analysed words out, each
//! step a swappable component — [`Tokenizer`], [`SentenceSplitter`], the tagger, the
//! parser. The models shipped in `models/` are compiled into the library, so a binary
//! needs no files beside it.

use serde::Serialize;

use crate::conllu;
use crate::model::ModelError;
use crate::parser::Parser;
use crate::sentence::{RuleSentenceSplitter, SentenceSplitter};
use crate::tagger::Tagger;
use crate::tokenize::{normalize_form, HyphenStyle, RuleTokenizer, Token, Tokenizer};

/// The tagger trained by `dateline train tagger` (see `models/README.md`).
pub static BUNDLED_TAGGER: &[u8] = include_bytes!("../../../models/tagger.bin");
/// The parser trained by `dateline train parser`.
pub static BUNDLED_PARSER: &[u8] = include_bytes!("../../../models/parser.bin");

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

/// One analysed sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedSentence {
    /// Byte span of the sentence in the analysed text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub words: Vec<Word>,
}

impl AnalyzedSentence {
    /// The sentence as CoNLL-U, with `# sent_id` and `# text` comments.
    pub fn to_conllu(&self, sent_id: &str) -> String {
        let s = conllu::Sentence {
            comments: vec![
                format!("# sent_id = {sent_id}"),
                format!("# text = {}", self.text.replace('\n', " ")),
            ],
            words: self
                .words
                .iter()
                .map(|w| conllu::Word {
                    id: w.id,
                    form: w.form.clone(),
                    lemma: w.lemma.clone(),
                    upos: w.upos.clone(),
                    xpos: w.xpos.clone(),
                    feats: w.feats.clone(),
                    head: Some(w.head),
                    deprel: w.deprel.clone(),
                    deps: String::new(),
                    misc: String::new(),
                })
                .collect(),
            multiword: Vec::new(),
        };
        s.to_conllu()
    }
}

/// Tokenizer, splitter, tagger and parser together.
pub struct Analyzer {
    tokenizer: Box<dyn Tokenizer + Send + Sync>,
    splitter: Box<dyn SentenceSplitter + Send + Sync>,
    tagger: Tagger,
    parser: Parser,
}

impl Analyzer {
    /// The bundled models with the rule tokenizer in the treebank's hyphen style (what the
    /// models were trained on).
    pub fn bundled() -> Result<Analyzer, ModelError> {
        Ok(Analyzer::new(
            Tagger::from_bytes("bundled tagger", BUNDLED_TAGGER)?,
            Parser::from_bytes("bundled parser", BUNDLED_PARSER)?,
        ))
    }

    pub fn new(tagger: Tagger, parser: Parser) -> Analyzer {
        Analyzer {
            tokenizer: Box::new(RuleTokenizer {
                hyphens: HyphenStyle::Ewt,
            }),
            splitter: Box::new(RuleSentenceSplitter::default()),
            tagger,
            parser,
        }
    }

    /// Analyse raw text.
    pub fn analyze(&self, text: &str) -> Vec<AnalyzedSentence> {
        let tokens = self.tokenizer.tokenize(text);
        self.splitter
            .split(text, &tokens)
            .into_iter()
            .filter_map(|range| {
                let toks: &[Token] = tokens.get(range)?;
                let (first, last) = (toks.first()?, toks.last()?);
                let forms: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
                let mut s = self.analyze_words(&forms);
                for (w, t) in s.words.iter_mut().zip(toks) {
                    w.start = t.start;
                    w.end = t.end;
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
        let forms: Vec<String> = words
            .iter()
            .map(|w| normalize_form(w.as_ref()).into_owned())
            .collect();
        let tags = self.tagger.tag(&forms);
        let form_refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let upos: Vec<&str> = tags.iter().map(|t| t.upos.as_str()).collect();
        let xpos: Vec<&str> = tags.iter().map(|t| t.xpos.as_str()).collect();
        let tree = self.parser.parse(&form_refs, &upos, &xpos);
        let words: Vec<Word> = words
            .iter()
            .zip(tags.iter())
            .enumerate()
            .map(|(i, (w, t))| {
                let (head, deprel) = tree.get(i).map_or((0, "dep"), |(h, d)| (*h, *d));
                Word {
                    id: i + 1,
                    form: w.as_ref().to_string(),
                    start: 0,
                    end: 0,
                    lemma: t.lemma.clone(),
                    upos: t.upos.clone(),
                    xpos: t.xpos.clone(),
                    feats: t.feats.clone(),
                    head,
                    deprel: deprel.to_string(),
                }
            })
            .collect();
        AnalyzedSentence {
            start: 0,
            end: 0,
            text: words
                .iter()
                .map(|w| w.form.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words,
        }
    }
}
