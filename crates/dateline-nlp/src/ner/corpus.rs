//! The entity tagger's training, dev and test data from the shared data folder, tagged with
//! our own POS tagger (what the tagger will see at run time).
//!
//! - **train**: GUM train (named mentions), wikigold and SEC filings train (`FIN5`, both
//!   through [`super::data::tidy_spans`]), re3d (5 sub-folders), UNER EWT dev without
//!   its held-out last quarter.
//! - **dev** (tuning): GUM dev and the held-out last quarter of UNER EWT dev (sentences
//!   from 1,501 on: the file is in document order, so the held-out part shares almost no
//!   document with the part trained on).
//! - **test** (scored once, on the final model): GUM test, UNER EWT test, UNER PUD test.

use std::path::Path;

use super::data::{
    drop_sec_roles, gum_named_entities, read_conll, read_re3d, read_uner, tidy_spans, DataError,
};
use super::tagger::NerExample;
use super::NerSentence;
use crate::conllu;
use crate::tagger::Tagger;
use crate::tokenize::normalize_form;

/// UNER EWT dev sentences from this index on are held out for tuning.
pub const UNER_DEV_HOLDOUT_FROM: usize = 1500;

/// One named data set.
pub struct Named {
    pub name: &'static str,
    pub sentences: Vec<NerExample>,
}

/// A data folder's NER sets.
pub struct Corpus {
    pub train: Vec<Named>,
    pub dev: Vec<Named>,
    /// UD English EWT train's words: more text for the case lexicon (no entities).
    pub text: Vec<Vec<String>>,
}

impl Corpus {
    /// The sentences of `sets`, one set after another.
    pub fn sentences(sets: &[Named]) -> Vec<NerExample> {
        sets.iter()
            .flat_map(|n| n.sentences.iter().cloned())
            .collect()
    }
}

/// Tag sentences with our tagger (XPOS), on the forms the pipeline feeds it.
pub fn with_pos(tagger: &Tagger, sentences: Vec<NerSentence>) -> Vec<NerExample> {
    sentences
        .into_iter()
        .map(|s| {
            let words: Vec<String> = s
                .words
                .iter()
                .map(|w| normalize_form(w).into_owned())
                .collect();
            let pos = tagger
                .tag_pos(&words)
                .into_iter()
                .map(|(_, x)| x.to_string())
                .collect();
            NerExample {
                words,
                pos,
                entities: s.entities,
            }
        })
        .collect()
}

/// Read a GUM CoNLL-U file's named entities.
pub fn read_gum(path: &Path) -> Result<Vec<NerSentence>, DataError> {
    let s = conllu::read_file(path)?;
    Ok(gum_named_entities(&s))
}

/// Read any gold file `dateline eval ner` accepts: `.conllu` (GUM entity layer), `.iob2`
/// (UNER), else CoNLL columns with the tag last (wikigold, SEC filings).
pub fn read_gold(path: &Path) -> Result<Vec<NerSentence>, DataError> {
    let name = path.to_string_lossy();
    if name.ends_with(".conllu") {
        read_gum(path)
    } else if name.ends_with(".iob2") {
        read_uner(path)
    } else {
        read_conll(path)
    }
}

/// Load the training and dev sets from `data` (the shared data folder).
pub fn load(data: &Path, tagger: &Tagger) -> Result<Corpus, DataError> {
    let gum = |split: &str| {
        data.join(format!(
            "ud_english_gum/en_gum-ud-{split}.open-subset.conllu"
        ))
    };
    let ner = data.join("ner");
    let mut uner_dev = read_uner(&ner.join("uner_english_ewt/en_ewt-ud-dev.iob2"))?;
    let held = uner_dev.split_off(UNER_DEV_HOLDOUT_FROM.min(uner_dev.len()));
    let mut re3d = Vec::new();
    for sub in [
        "Australian_Department_of_Foreign_Affairs",
        "CENTCOM",
        "UK_Government",
        "US_State_Department",
        "Wikipedia",
    ] {
        re3d.extend(read_re3d(&ner.join("re3d").join(sub))?);
    }
    let mut sec = read_conll(&ner.join("sec_filings/FIN5.train.txt"))?;
    drop_sec_roles(&mut sec);
    tidy_spans(&mut sec);
    let mut wikigold = read_conll(&ner.join("wikigold/wikigold.conll.txt"))?;
    tidy_spans(&mut wikigold);
    let train = vec![
        Named {
            name: "gum-train",
            sentences: with_pos(tagger, read_gum(&gum("train"))?),
        },
        Named {
            name: "wikigold",
            sentences: with_pos(tagger, wikigold),
        },
        Named {
            name: "sec-train",
            sentences: with_pos(tagger, sec),
        },
        Named {
            name: "re3d",
            sentences: with_pos(tagger, re3d),
        },
        Named {
            name: "uner-ewt-dev-head",
            sentences: with_pos(tagger, uner_dev),
        },
    ];
    let dev = vec![
        Named {
            name: "gum-dev",
            sentences: with_pos(tagger, read_gum(&gum("dev"))?),
        },
        Named {
            name: "uner-ewt-dev-tail",
            sentences: with_pos(tagger, held),
        },
    ];
    let ewt = data.join("ud_english_ewt/en_ewt-ud-train.conllu");
    let text = conllu::read_file(&ewt)?
        .into_iter()
        .map(|s| s.words.into_iter().map(|w| w.form).collect())
        .collect();
    Ok(Corpus { train, dev, text })
}
