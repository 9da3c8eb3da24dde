//! Entities: PERSON, ORGANIZATION and PLACE spans over a sentence's words. This module holds
//! the training and evaluation data readers ([`data`]) and the span scorer ([`score`]); the
//! tagger itself (issue 3) comes next, on the same sequence-labelling machinery as the POS
//! tagger.

pub mod corpus;
pub mod data;
pub mod dictionary;
mod features;
mod perceptron;
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
