//! The clean article: what every later stage reads.

use serde::{Deserialize, Serialize};

/// What a block of body text is. Kept because headings and list items read differently
/// from running prose (a parser should not glue a heading onto the next sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    BlockQuote,
    /// Preformatted text or a table cell row kept as text.
    Preformatted,
}

/// One block of the article body with its byte offsets into [`Article::body`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Byte offset of the block's first byte in `Article::body`.
    pub start: usize,
    /// Byte offset one past the block's last byte in `Article::body`.
    pub end: usize,
}

/// A clean article. Field names follow `shared/tools/README.md` (`title`, `date`,
/// `publisher`, `body`) so the gold scorer reads our JSON directly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub title: Option<String>,
    /// Publisher or site name ("The Globe and Mail").
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    /// Publish date, ISO 8601: `YYYY-MM-DD`, or a full timestamp when the page gives a time.
    pub date: Option<String>,
    /// Where the date came from (`json-ld`, `meta`, `time`, `url`, `text`, `input`, `caption`).
    pub date_source: Option<String>,
    /// ISO 639-1 code of the body's language, when it can be told.
    pub language: Option<String>,
    pub url: Option<String>,
    /// Lead-image caption and credit.
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The body as plain text: blocks joined by a blank line.
    pub body: String,
    pub blocks: Vec<Block>,
}

impl Article {
    /// Build `body` and block offsets from block texts, in order. Empty blocks are dropped.
    pub fn set_blocks<I>(&mut self, blocks: I)
    where
        I: IntoIterator<Item = (BlockKind, String)>,
    {
        self.body.clear();
        self.blocks.clear();
        for (kind, text) in blocks {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            if !self.body.is_empty() {
                self.body.push_str("\n\n");
            }
            let start = self.body.len();
            self.body.push_str(text);
            self.blocks.push(Block {
                kind,
                text: text.to_string(),
                start,
                end: self.body.len(),
            });
        }
    }

    /// Number of words in the body (whitespace-separated).
    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_offsets_point_into_body() {
        let mut a = Article::default();
        a.set_blocks([
            (BlockKind::Heading, " Title ".to_string()),
            (BlockKind::Paragraph, String::new()),
            (BlockKind::Paragraph, "First para.".to_string()),
        ]);
        assert_eq!(a.body, "Title\n\nFirst para.");
        assert_eq!(a.blocks.len(), 2);
        for b in &a.blocks {
            assert_eq!(&a.body[b.start..b.end], b.text);
        }
        assert_eq!(a.word_count(), 3);
    }
}
