//! dateline-nlp owns the language layer: from an article's text to sentences, tokens with
//! byte offsets, part-of-speech tags, lemmas, a dependency tree and entities — with models
//! we train ourselves in Rust from the UD treebanks and ship in the repository — plus the
//! reader of numbers ("more than 500", "two-dozen") that the coder's counts use.
//!
//! The flow is [`pipeline::Analyzer`]: [`tokenize`] → [`sentence`] → [`tagger`] →
//! [`parser`] → [`ner`], each behind a small trait or type so that it can be swapped;
//! [`conllu`] reads the treebanks and writes output, [`model`] is the models' file format,
//! [`ner`] holds the entity tagger, its data and scorer, [`numbers`] reads quantities.

pub mod conllu;
mod hashing;
pub mod model;
pub mod ner;
pub mod numbers;
pub mod parser;
mod perceptron;
pub mod pipeline;
pub mod sentence;
pub mod tagger;
pub mod tokenize;
pub mod zip;
