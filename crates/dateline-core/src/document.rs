//! A document is one unit of input: a file, a JSONL line, a WARC record, or stdin.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where a document came from. Every field that is known is filled in, so an analyst can
/// always go back from an event to the exact bytes it was coded from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File path (for folders: the file inside it; for stdin: "-").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The page's URL (from a WARC header or a JSONL `url` field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The WARC-Record-ID of the response record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<String>,
    /// 1-based line number inside a JSONL file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// What kind of content a document carries; decides which extractor runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    Html,
    Text,
}

/// One decoded input document, ready for extraction.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: the JSONL `id`, else the WARC record id, else the path.
    pub id: String,
    pub source: Source,
    /// Lower-case hex SHA-256 of the raw (undecoded, uncompressed) bytes.
    pub sha256: String,
    /// Charset the bytes were decoded from (WHATWG label, e.g. "UTF-8", "windows-1252").
    pub charset: String,
    pub content: Content,
    /// A publish date supplied with the input (JSONL `date`, WARC-Date is *not* used:
    /// a crawl date is not a publish date). ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_hint: Option<String>,
    /// The decoded text (HTML source or plain text).
    pub text: String,
}

impl Document {
    /// Hash raw bytes the way [`Document::sha256`] is defined.
    pub fn hash_bytes(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }
}
