//! Entities: PERSON, ORGANIZATION and PLACE spans over a sentence's words — the data
//! readers ([`data`], [`corpus`]), the span scorer ([`score`]), the dictionary hook
//! ([`dictionary`]) and the entity tagger ([`EntityTagger`], shipped as `models/ner.bin`,
//! rebuilt by `dateline train ner --data ../shared/data --out models/ner.bin`).
//!
//! # The model
//!
//! * **Greedy left-to-right averaged perceptron over BILOU labels** (13 classes), the POS
//!   tagger's machinery (hashed features, sparse rows, lazy averaging: the shared
//!   `crate::perceptron` and `crate::hashing`; changing those changes both models). At
//!   each word only labels that keep the sequence well formed are scored (no I/L of
//!   another type inside a span, no I/L outside one, no B/I at the end), so decoding
//!   always yields spans; an open span may end without its L (the next label is O, B or
//!   U), which lets a greedy tagger that opened a span by mistake leave it.
//! * **Features** (51 templates, `features::extract`): the word, lowercased and as written;
//!   prefixes 2–3 and suffixes 2–4; shape; capitalisation class with "first word" and with
//!   "sentence in capitals" (headlines, SEC headings); the two previous labels, alone,
//!   together, with the word and with its shape; words −2…+2; shapes and suffixes of ±1;
//!   case patterns −1/0/+1; bigrams; **our tagger's XPOS** of −1…+2 and with case;
//!   a **case lexicon** (how each word is written away from sentence starts in the training
//!   text and UD EWT train: mostly lowercase, mostly capitalised, both), which tells
//!   sentence-initial "Police" from "Kerry"; and **dictionary features**: each word's place
//!   (B/I/L/U) and type in a dictionary match, alone, with case, with the previous label,
//!   for ±1.
//! * **Dictionary hook** ([`EntityDictionary`]): anything that returns the known spans of a
//!   sentence. The features do not say which dictionary matched, so a dictionary plugged
//!   in at run time (`pipeline::Analyzer::with_dictionary`, e.g. the coder's actor lists)
//!   feeds the same weights as the built-in gazetteer. The built-in [`Gazetteer`] (in the
//!   model file): GeoNames countries, capitals, first-level divisions and cities ≥ 100,000
//!   people (PLACE), and — so that PERSON and ORGANIZATION matches have trained weights too —
//!   the PETRARCH 2 Phoenix actor dictionaries' named leaders (PERSON) and international
//!   organisations (ORGANIZATION); matched case-insensitively between capitalised words,
//!   longest first.
//!
//! # Data, and what was done about the sets' differences
//!
//! Train: GUM train (4,568 named mentions), wikigold (2,846), SEC filings FIN5, re3d (1,543)
//! and the first 1,500 sentences of UNER EWT dev (630); 12,525 sentences, ~246k words.
//! Dev: GUM dev (502) + UNER EWT dev sentences 1,501–2,001 (336). See [`corpus`].
//! * GUM marks every mention, named or not, with nesting. A mention counts when its head
//!   is a proper noun; the name is the run of capitalised words around the head ("National
//!   Library of the Netherlands": GUM tags *National* ADJ), without determiners or titles
//!   ("Dr. \[Cooper\]", as UNER), cut at commas ("\[Oklahoma City\], Oklahoma"); single NNPS
//!   person mentions ("Americans", "Nazarenes") are dropped — nationality groups are MISC
//!   in UNER and CoNLL. First reader (head-free: linked or PROPN-first mentions, mostly
//!   names) → this one: GUM dev F1 0.51 → 0.63 with the same model.
//! * Dev error analysis (by category per dev set: boundary, type, miss, spurious; the
//!   `NER_ERRS=DIR` switch of `train_ner`) and the training spans checked against the raw
//!   files found span conventions that disagreed with UNER's (names only, no titles) —
//!   fixed by general rules ([`data::tidy_span`], the GUM reader):
//!   - wikigold and re3d put titles inside people's names ("Lt. Gen. Jubal Early", "Gen.
//!     Joseph L. Votel", "Prime Minister Abadi 's"), while UNER and our GUM reader leave
//!     them out: titles (a longer list, any case: "GEN.", "Secretary", "Vice") and a
//!     trailing possessive are now cut from PERSON spans of all sets;
//!   - re3d marks descriptions as ORGANIZATION/PERSON/PLACE ("U.S. forces", "Iraqi
//!     government", "CJTF-OIR spokesperson", "Mosul district"; 205 spans), SEC filings
//!     compass points and company forms ("east", "a Delaware corporation"), wikigold
//!     "Greek government": spans that end with a lowercase word, or start with one that is
//!     no name particle (al, bin, de…), are dropped; re3d overlaps are now resolved after
//!     that, so "\[Iraq\]" inside a dropped "Minister of Foreign Affairs of Iraq" stays;
//!   - leading determiners are cut everywhere ("The Scout Association"; UNER and GUM
//!     leave them out);
//!   - the GUM reader cut titles from every type ("General \[Assembly\]", "King \[County\]"):
//!     now from people only; kept bare titles as PERSON ("the Secretary", "the
//!     President", "King of Athens": 39 of GUM dev's 502): now dropped; pulled
//!     capitalised function words into names ("Neither the Speaker", "Both Chao"): words
//!     tagged DET/PRON/CCONJ/SCONJ/ADP/AUX/PART/INTJ no longer join; and missed names that
//!     GUM hangs on a noun as flat/appos ("interviewee [David Titley]").
//!   - Not fixed: wikigold and SEC use IO tags, which merge adjacent same-type names
//!     ("Basil Zempilas Glen Jakovich"); rare (under 1% of spans), left as is.
//! * MISC (wikigold), Nationality (re3d) and GUM's other types are left out (O).
//! * SEC filings mark the parties' roles (*Borrower*, *Lender* PER; *Bank* ORG: 700 of
//!   1,161 spans): dropped ([`data::drop_sec_roles`]); dev 0.639 → 0.643 (3 seeds).
//! * re3d marks descriptions ("the northern part of the country"): kept only when, after
//!   [`data::tidy_span`], the span is at least half capitalised.
//! * UNER's "U.S." is LOC and GUM's a place: the same.
//!
//! # Measurements (dev F1, exact spans, over both dev sets; mean of seeds 1–3 where three
//! numbers are averaged; `cargo run --release -p dateline-nlp --example train_ner -- …`)
//!
//! | variant | dev F1 | notes |
//! |---|---:|---|
//! | first version: strict BILOU, old GUM reader, 44 templates | 0.540 | |
//! | new GUM reader (head is PROPN, PROPN run) | 0.616 | |
//! | + case lexicon, loose BILOU | 0.643 (1 seed) | |
//! | strict BILOU (must end with L) | 0.615 | 3 seeds, vs 0.639 |
//! | BIO | 0.617 | 3 seeds |
//! | no dictionary features | 0.624 | 3 seeds |
//! | no POS features | 0.622 | 2 seeds |
//! | case lexicon without UD EWT text | 0.635 | 3 seeds |
//! | 10 epochs instead of 6 | 0.636 | 3 seeds |
//! | gazetteer cities ≥ 15,000 / ≥ 1,000,000 people | 0.617 / 0.635 | 1 seed, vs 0.643 at 100,000 |
//! | UNER dev ×3 and GUM train ×2 | 0.640 | 3 seeds |
//! | without SEC / re3d / wikigold / GUM / UNER (old reader) | −1.3 / +0.3 / −1.9 / −5.7 / −0.4 | 1 seed each |
//! | drop SEC roles (base 0.639) | 0.643 | 3 seeds |
//! | + 3 conjunctions: (word −1, case), (case, word +1), (shape, shape +1) | 0.652 | 3 seeds: kept |
//! | + 4 more: word bigrams −2/−1 and +1/+2, (word −1, shape), (label −1, word −1) | 0.641 | rejected |
//! | gazetteer + Phoenix actors (leaders PERSON, IGOs/NGOs ORGANIZATION) | 0.639 | 3 seeds, vs 0.652: rejected |
//!
//! Second round (wip-ner2). The reader fixes change GUM dev's gold (502 → 466 mentions:
//! bare titles out, titles cut, flat names in), so dev F1 before and after is given on
//! the new gold; the UNER EWT dev tail's gold did not change. Seeds 1–3, mean:
//!
//! | variant | dev F1 (all / GUM dev / UNER tail) | notes |
//! |---|---:|---|
//! | previous recipe, old readers (old gold) | 0.651 / 0.670 / 0.623 | |
//! | previous shipped model on the new gold | 0.626 / 0.629 / 0.622 | default seed |
//! | tidy spans of wikigold/SEC/re3d, GUM titles for people only, bare titles dropped, function words out | 0.661 / 0.674 / 0.642 | kept |
//! | + GUM names hung on a noun (flat/appos) | **0.663** / 0.678 / 0.641 | kept: the shipped recipe |
//! | + UNER EWT dev head ×2 | 0.651 | rejected |
//! | + UNER EWT dev head ×3, GUM train ×2 | 0.656 | rejected |
//! | + GUM train ×2 | 0.655 | rejected |
//! | without SEC / without re3d | 0.658 / 0.661 | rejected (kept both) |
//! | 8 epochs instead of 6 | 0.660 | rejected |
//! | + 2 templates: last word of the capitalised run ("Mozilla \[Foundation\]"), run length × place × label −1 (for ORGANIZATION) | 0.662 (ORGANIZATION 0.513, unchanged) | rejected |
//!
//! Not tried: a second pass over the first pass's labels of the words around — it would
//! double the cost per word (the POS tagger's two passes), past the ~2 µs/word budget.
//!
//! Seeds move dev F1 by ±1 point, so only differences of 1.5 points or more mean much.
//!
//! **Shipped** (`models/ner.bin`, default seed, 6 epochs, GeoNames gazetteer of 10,949
//! names): dev F1 0.658 (GUM dev 0.669: PERSON 0.689, ORGANIZATION 0.530, PLACE 0.718;
//! UNER EWT dev tail 0.643: PERSON 0.653, ORGANIZATION 0.503, PLACE 0.748); the previous
//! model on the same gold: 0.626 (GUM dev 0.629, UNER tail 0.622). 3.21 MB; loads in
//! ~11 ms. Cost in the pipeline: 1.2–2.4 µs per word (the difference between the "tag +
//! parse" and "tag + parse + entities" rows of `bench/language/run.sh`, 2026-11-29 13:05;
//! 3.4–4.6 µs before the gazetteer's types were built once instead of per sentence);
//! `dateline train ner` takes ~7 s wall (data loading and POS tagging included),
//! deterministic (two runs: identical bytes).
//!
//! **Test**, exact spans, P / R / F1, `dateline eval ner --gold FILE`; each model scored once
//! (the previous one before the reader fixes, whose GUM test gold had 692 mentions; the
//! shipped one after them, 700):
//!
//! | test set | PERSON | ORGANIZATION | PLACE | all (shipped) | all (previous) |
//! |---|---|---|---|---|---|
//! | GUM test (named mentions as above) | .704/.660/.681 | .414/.611/.494 | .783/.666/.719 | .661/.654/**.658** | .610 |
//! | UNER EWT test (1,088) | .649/.635/.642 | .445/.314/.368 | .634/.640/.637 | .597/.541/**.568** | .564 |
//! | UNER PUD test (1,075) | .762/.727/.744 | .423/.294/.347 | .610/.695/.650 | .639/.620/**.629** | .614 |
//!
//! The 0.75 is **not reached** on any of the three. Where it falls short: no
//! in-domain training data for UNER EWT (its train split is missing; the 1,500 dev
//! sentences trained on are web reviews and e-mails), organisations (F1 0.36–0.44:
//! businesses in reviews, schools that GUM calls organisations, "Secretary of State"),
//! and the annotation differences between the sets that the readers only partly bridge.
//! Levers not tried for lack of time: a second pass with the first pass's labels of the
//! next words (as the POS tagger does; it would double the cost per word), word clusters
//! from unlabelled text, and document-level features (earlier mentions of the same name).

pub mod corpus;
pub mod data;
pub mod dictionary;
mod features;
pub mod score;
mod tagger;

pub use dictionary::{EntityDictionary, Gazetteer};
pub use features::FeatureSet;
pub use tagger::{
    train, EntityTagger, NerExample, Scheme, TrainOptions, MODEL_KIND, MODEL_VERSION,
};

use serde::{Deserialize, Serialize};

/// The entity types dateline tags. GUM's richer types (event, time, …) are folded away:
/// the coder needs who and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Organization,
    Place,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Place => "PLACE",
        }
    }

    /// Map a data set's label (`PER`, `LOC`, `ORG`, GUM's `person`, re3d's `Location`, …).
    /// `None` for labels we do not tag (MISC, time, abstract…).
    pub fn from_label(label: &str) -> Option<EntityType> {
        match label.to_ascii_lowercase().as_str() {
            "per" | "person" | "pers" => Some(EntityType::Person),
            "org" | "organization" | "organisation" => Some(EntityType::Organization),
            "loc" | "location" | "place" | "gpe" => Some(EntityType::Place),
            _ => None,
        }
    }
}

/// An entity over words `start..end` (end exclusive) of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// A sentence's words with its gold entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NerSentence {
    pub words: Vec<String>,
    pub entities: Vec<EntitySpan>,
}

impl NerSentence {
    /// BIO tags (`B-PERSON`, `I-PLACE`, `O`), one per word. Overlapping spans: the first
    /// listed wins.
    pub fn bio(&self) -> Vec<String> {
        let mut tags = vec!["O".to_string(); self.words.len()];
        for e in &self.entities {
            let end = e.end.min(tags.len());
            if e.start >= end || tags[e.start..end].iter().any(|t| t != "O") {
                continue;
            }
            tags[e.start] = format!("B-{}", e.kind.as_str());
            for t in &mut tags[e.start + 1..end] {
                *t = format!("I-{}", e.kind.as_str());
            }
        }
        tags
    }
}
