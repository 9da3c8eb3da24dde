//! dateline-store owns the store stage: the SQLite schema and its versioned migrations
//! (`schema_v1.sql`), writing coded articles idempotently and crash-safely, deduplicating
//! event mentions across articles into events ([`dedup`]), and reading them back ([`read`])
//! for queries ([`query`]) and exports ([`export`]).
//!
//! Every row keeps its provenance: the document (with the content hash that makes ingesting
//! twice a no-op and the pipeline version that produced the row), the sentence and the byte
//! offsets into the article body.

pub mod dedup;
pub mod error;
pub mod export;
pub mod query;
pub mod read;
pub mod schema;
pub mod store;

pub use error::StoreError;
pub use store::{BatchOutcome, CodedDocument, Regrouped, Sentence, Store, StoreOptions};
