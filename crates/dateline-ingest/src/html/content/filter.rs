//! Block-level clean-up inside the chosen container: link lists, page furniture ("Advert",
//! "Share this"), the headline, and bylines/datelines or stray labels at the edges.

use dateline_core::BlockKind;

use super::classify::Tag;
use super::emit::RawBlock;
use super::select::link_density;

/// Short texts that are page furniture, not article (lower-cased prefixes).
const FURNITURE_PREFIX: &[&str] = &[
    "advertisement",
    "read more",
    "read next",
    "read also",
    "share this",
    "share on",
    "sign up",
    "subscribe",
    "follow us",
    "click here",
    "related:",
    "related articles",
    "related stories",
    "recommended",
    "you may also like",
    "you might also like",
    "more from",
    "photo:",
    "image:",
    "credit:",
    "getty images",
    "copyright",
    "©",
    "all rights reserved",
    "skip to",
    "this slideshow requires javascript",
    "tell us what you think",
    "leave a comment",
    "leave a reply",
    "continue reading",
    "photo by",
    "photograph by",
    "photo courtesy",
    "image courtesy",
    "image via",
    "courtesy of",
    "pictured:",
    "see also:",
];

/// Whole short texts that are furniture (lower-cased, outer punctuation ignored).
const FURNITURE_EXACT: &[&str] = &[
    "advert",
    "ad",
    "ads",
    "sponsored",
    "comments",
    "comment",
    "share",
    "tweet",
    "print",
    "email",
    "tags",
    "loading",
    "previous",
    "next",
    "more",
    "close",
    "menu",
    "search",
    "top",
    "back to top",
    "related",
    "see also",
    "related posts",
    "related articles",
    "trending",
];

fn is_furniture(text: &str, words: usize) -> bool {
    if words > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
    FURNITURE_EXACT.contains(&core) || FURNITURE_PREFIX.iter().any(|f| lower.starts_with(f))
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A short line at the top that is a byline or dateline, not prose: "By Jane Doe",
/// "Posted: Fri 6:45 PM, Feb 16, 2018 |", "05/10/2018 - Publicado por ...".
fn is_dateline(text: &str, words: usize) -> bool {
    if words > 14 || text.chars().count() > 120 {
        return false;
    }
    let lower = text.to_lowercase();
    let starts = [
        "by ",
        "posted",
        "published",
        "updated",
        "last updated",
        "por ",
        "von ",
        "par ",
        "written by",
    ];
    if starts.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    // A year plus a month name or a numeric date, in a line too short to be a sentence.
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let has_month = MONTHS.iter().any(|m| {
        lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.starts_with(m) && w.len() <= 9)
    });
    let numeric_date = lower.contains('/') && has_year;
    // "On Behalf of Firm | Apr 21, 2017 | Category"
    if has_year && lower.contains('|') {
        return true;
    }
    (has_year && has_month && words <= 8) || numeric_date
}

/// How articles' tails of furniture begin: calls to action, credits, disclosures, tag lists
/// (lower-cased prefixes; only checked on the last few blocks).
const TAIL_PREFIX: &[&str] = &[
    "follow me",
    "follow us",
    "if you enjoyed",
    "if you liked",
    "like this story",
    "like this article",
    "share this",
    "share it",
    "sign up",
    "subscribe",
    "thanks for reading",
    "thanks for visiting",
    "thank you for reading",
    "was this page helpful",
    "was this article helpful",
    "disclosure:",
    "filed under",
    "related topics",
    "related:",
    "pages:",
    "image used under",
    "originally posted",
    "originally published",
    "updated ",
    "posted ",
    "published ",
    "(reporting by",
    "reporting by",
    "(editing by",
    "editing by",
    "have a tip",
    "got a tip",
    "to view or add a comment",
    "read our comment policy",
    "tags:",
    "topics:",
    "more articles by",
    "about the author",
    "this article was",
    "this story was",
    "this post may contain",
    "this post contains affiliate",
    "as an amazon associate",
    "we may earn",
    "©",
    "copyright",
];

fn is_tail_furniture(text: &str, words: usize) -> bool {
    if words > 60 {
        return false;
    }
    let lower = text.to_lowercase();
    TAIL_PREFIX.iter().any(|f| lower.starts_with(f))
}

/// How page furniture above the first paragraph begins: reading-time badges, disclosures,
/// category lines, table-of-contents titles (lower-cased prefixes, short blocks only).
const HEAD_PREFIX: &[&str] = &[
    "text size",
    "back to",
    "reading time",
    "tempo de leitura",
    "listen to this article",
    "table of contents",
    "in this article",
    "category:",
    "categories:",
    "topic:",
    "topics:",
    "tags:",
    "published:",
    "last updated",
    "updated:",
    "image credit",
    "photo credit",
    "pdf version",
    "this article contains affiliate",
    "this post contains affiliate",
    "this post may contain",
    "this page may contain",
    "we independently",
    "while each product",
    "editorial note",
    "advertiser disclosure",
    "affiliate disclosure",
    "disclosure:",
    "in partnership with",
    "sponsored by",
];

fn is_head_furniture(text: &str, words: usize) -> bool {
    if words > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    HEAD_PREFIX.iter().any(|f| lower.starts_with(f))
        || (words <= 6 && (lower.contains("min read") || lower.ends_with(" views")))
}

/// A trailing stray label: a couple of words without sentence punctuation.
fn is_stray_label(b: &RawBlock, words: usize) -> bool {
    // Character count too: in Chinese or Japanese a whole sentence is one "word".
    b.kind == BlockKind::Paragraph
        && !b.in_table
        && words <= 3
        && b.chars <= 30
        && !b.text.trim_end().ends_with([
            '.', '!', '?', '"', '”', '»', ')', ':', '。', '！', '？', '」', '』',
        ])
}

/// Drop link lists, furniture and the headline; keep the rest in order.
pub(super) fn filter(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::with_capacity(blocks.len());
    let mut seen_para = false;
    for b in blocks {
        // Link lists are short items; a long item led by a linked phrase is prose.
        let ld = link_density(b.link_chars, b.chars);
        if ld > 0.8 || (ld > 0.6 && b.chars < 150) {
            continue;
        }
        let words = b.text.split_whitespace().count();
        if is_furniture(&b.text, words) {
            continue;
        }
        // The headline is metadata, not body.
        if b.tag == Tag::H1 && !seen_para {
            continue;
        }
        // Bylines and datelines before the first paragraph are metadata too.
        if !seen_para && b.kind != BlockKind::Heading && is_dateline(&b.text, words) {
            continue;
        }
        if !seen_para && is_head_furniture(&b.text, words) {
            continue;
        }
        if b.kind != BlockKind::Heading {
            seen_para = true;
        }
        out.push(b);
    }
    // Headings and stray labels left dangling at the end introduce boilerplate we removed.
    // At most a few: a run of short lines is content (a list, a schedule), not strays.
    let mut dropped = 0;
    while let Some(b) = out.last() {
        let words = b.text.split_whitespace().count();
        if dropped < 6
            && (b.kind == BlockKind::Heading
                || is_stray_label(b, words)
                || is_tail_furniture(&b.text, words))
        {
            dropped += 1;
            out.pop();
        } else {
            break;
        }
    }
    out
}
