//! Readers: paths (files, folders, `-` for stdin) → a stream of [`Document`]s, one
//! [`InputError`] per input that cannot be read. Streaming: folders are walked lazily and
//! JSONL/WARC files are read record by record, so memory stays bounded however big the batch.

use std::path::PathBuf;

use dateline_core::{Content, Document, ErrorKind, InputError, Source};

/// Limits and choices for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Documents larger than this (after decompression) are refused with `too_large`.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// Stream the documents of the given paths, in order.
pub fn read_paths(
    paths: Vec<PathBuf>,
    opts: ReadOptions,
) -> impl Iterator<Item = Result<Document, InputError>> {
    // Placeholder: plain files only. Replaced by the real readers.
    paths.into_iter().map(move |p| {
        let name = p.display().to_string();
        let bytes =
            std::fs::read(&p).map_err(|e| InputError::new(&name, ErrorKind::Io, e.to_string()))?;
        if bytes.len() as u64 > opts.max_bytes {
            return Err(InputError::new(&name, ErrorKind::TooLarge, "too large"));
        }
        let is_html = name.ends_with(".html") || name.ends_with(".htm");
        let (text, charset) = crate::charset::decode(&bytes, None, is_html);
        Ok(Document {
            id: name.clone(),
            source: Source {
                path: Some(name),
                ..Source::default()
            },
            sha256: Document::hash_bytes(&bytes),
            charset: charset.to_string(),
            content: if is_html { Content::Html } else { Content::Text },
            date_hint: None,
            text,
        })
    })
}
