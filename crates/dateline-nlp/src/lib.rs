//! dateline-nlp owns the language layer: from an article's text to sentences, tokens with
//! byte offsets, part-of-speech tags, lemmas, a dependency tree and entities — with models
//! we train ourselves in Rust from the UD treebanks and ship in the repository — plus the
//! reader of numbers ("more than 500", "two-dozen") that the coder's counts use.
//!
//! Work in progress (issue 3): the CoNLL-U reader/writer is here; the other components land
//! one by one, each behind a small trait so that they can be swapped.

pub mod conllu;
pub mod model;
pub mod ner;
pub mod numbers;
pub mod parser;
pub mod sentence;
pub mod tagger;
pub mod tokenize;
