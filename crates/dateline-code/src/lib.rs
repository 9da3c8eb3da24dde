//! dateline-code owns the coding stage: from the language layer's parse of an article to
//! event data. It reads the field's dictionaries (PETRARCH-1, PETRARCH-2 and Phoenix formats:
//! actors with date-bounded codes, agents, verb patterns, discards, issues) and compiles them
//! into matchers ([`dict`]); it knows the CAMEO and PLOVER ontologies — labels, Goldstein
//! scores, QuadClass, the CAMEO → PLOVER map ([`ontology`]); it reads the PETRARCH validation
//! suites and scores a coder on them as PETRARCH does ([`records`]).
//!
//! Every coded event carries its evidence: the sentence, the trigger and the argument byte
//! offsets into the article.

pub mod article;
pub mod coder;
pub mod counts;
pub mod dates;
pub mod dict;
pub mod ontology;
pub mod places;
pub mod quotes;
pub mod records;
pub mod tone;
