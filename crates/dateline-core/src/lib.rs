//! dateline-core owns the data model every stage of dateline shares: a [`Document`] as it was
//! read (where it came from, the hash of its raw bytes, its charset and decoded content), the
//! clean [`Article`] that ingest makes of it, and the error type ([`InputError`]) that names
//! the input and the reason whenever one document cannot be used.
//!
//! Nothing here does I/O or parsing; later stages (nlp, code, store) add their own types next
//! to these and carry the article's byte offsets through as evidence.

mod article;
mod document;
mod error;

pub use article::{Article, Block, BlockKind};
pub use document::{Content, Document, Source};
pub use error::{ErrorKind, InputError};
