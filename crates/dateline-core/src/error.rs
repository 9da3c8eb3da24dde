//! Per-document errors. A batch reports these and goes on; they never stop it.

use serde::Serialize;
use thiserror::Error;

/// Why a document could not be used. Stable snake_case names, used in summaries and in
/// the `--errors` JSONL file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file or stream could not be opened or read.
    Io,
    /// Zero bytes, or only whitespace.
    Empty,
    /// Looks like binary data (NUL bytes, control characters), not text or HTML.
    Binary,
    /// Larger than the configured size limit.
    TooLarge,
    /// gzip data that does not decompress.
    Compression,
    /// A JSONL line that is not a JSON object with the required fields.
    BadJsonl,
    /// A WARC record that cannot be parsed.
    BadWarc,
    /// Readable, but no article text could be found in it.
    NoArticle,
    /// Unsupported file type inside a folder.
    Unsupported,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Compression => "compression",
            ErrorKind::BadJsonl => "bad_jsonl",
            ErrorKind::BadWarc => "bad_warc",
            ErrorKind::NoArticle => "no_article",
            ErrorKind::Unsupported => "unsupported",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One document that could not be used: which input, and why.
#[derive(Debug, Clone, Error, Serialize)]
#[error("{input}: {kind}: {message}")]
pub struct InputError {
    /// The input as a user would name it: path, `path:line`, `path#record-id`, or "-".
    pub input: String,
    pub kind: ErrorKind,
    pub message: String,
}

impl InputError {
    pub fn new(input: impl Into<String>, kind: ErrorKind, message: impl Into<String>) -> Self {
        InputError {
            input: input.into(),
            kind,
            message: message.into(),
        }
    }
}
