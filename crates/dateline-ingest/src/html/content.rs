//! Main-content detection: which part of the page is the article body.

use dateline_core::BlockKind;
use scraper::{Html, Selector};

/// The article body's blocks, in document order.
pub fn extract_blocks(dom: &Html) -> Vec<(BlockKind, String)> {
    // Placeholder: every <p>. Replaced by the real content scorer.
    let Ok(sel) = Selector::parse("p") else {
        return Vec::new();
    };
    dom.select(&sel)
        .map(|p| {
            let text: String = p.text().collect::<Vec<_>>().join("");
            (
                BlockKind::Paragraph,
                text.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}
