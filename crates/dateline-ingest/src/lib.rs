//! dateline-ingest owns the first stage of the pipeline: from bytes on disk (files, folders,
//! gzip, stdin, JSONL, WARC) to a decoded [`Document`], and from a document to a clean
//! [`Article`] — main content found and page leftovers (menus, ads, share bars, cookie and
//! comment text) dropped, with title, publisher, authors, date, language and lead-image
//! caption read off the page.
//!
//! The flow is `read` (bytes → `Document`, one error per bad input, streaming) then
//! [`extract`] (`Document` → `Article`), which picks the `html` or `text` extractor.

pub mod charset;
pub mod dates;
pub mod html;
pub mod read;
pub mod text;

use dateline_core::{Article, Content, Document, ErrorKind, InputError};

/// The fewest words a body must have to count as an article.
pub const MIN_ARTICLE_WORDS: usize = 10;

/// Turn one document into an article. Fails with [`ErrorKind::NoArticle`] when no body text
/// is found; never panics.
pub fn extract(doc: &Document) -> Result<Article, InputError> {
    let mut article = match doc.content {
        Content::Html => html::extract(&doc.text, doc.source.url.as_deref()),
        Content::Text => text::extract(&doc.text),
    };
    if article.url.is_none() {
        article.url = doc.source.url.clone();
    }
    if let Some(hint) = &doc.date_hint {
        // A date given with the input beats one guessed from the page.
        article.date = Some(hint.clone());
        article.date_source = Some("input".to_string());
    }
    if article.word_count() < MIN_ARTICLE_WORDS {
        return Err(InputError::new(
            doc.id.clone(),
            ErrorKind::NoArticle,
            format!(
                "no article text found ({} words of body; at least {} needed)",
                article.word_count(),
                MIN_ARTICLE_WORDS
            ),
        ));
    }
    Ok(article)
}
