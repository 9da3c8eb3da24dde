//! Main-content detection: which part of the page is the article body.
//!
//! (Algorithm and scores: see the end of this comment block once tuned.)

mod arena;
mod classify;
mod emit;
mod filter;
mod select;

use dateline_core::BlockKind;
use scraper::Html;

/// The article body's blocks, in document order.
pub fn extract_blocks(dom: &Html) -> Vec<(BlockKind, String)> {
    let arena = arena::build(dom);
    let blocks = select::extract(&arena);
    blocks.into_iter().map(|b| (b.kind, b.text)).collect()
}
