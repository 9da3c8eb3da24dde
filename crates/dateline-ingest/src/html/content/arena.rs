//! A flat, pre-order copy of the parsed page that the content scorer works on.
//!
//! `scraper`'s tree is fine for selectors but awkward for the passes we need (bottom-up sums,
//! "is A inside B", skipping subtrees). Copying the useful part once into a `Vec` in document
//! order gives every node an index; a node's subtree is the index range `i..end[i]`, so
//! ancestry is two comparisons and bottom-up aggregation is one reverse loop. Everything is
//! iterative, so a 100,000-deep page cannot overflow the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::classify::{self, Tag};

/// Node flags.
/// Boilerplate by tag or ARIA role (nav, aside, footer, figcaption, ...).
pub(super) const JUNK_TAG: u8 = 1;
/// Boilerplate by an unambiguous class/id word (share, comment, related, ...).
pub(super) const JUNK_HARD: u8 = 2;
/// Boilerplate by a layout class/id word (menu, header, sidebar, ...) with no content word.
pub(super) const JUNK_SOFT: u8 = 4;
/// Hidden by attribute or inline style.
pub(super) const HIDDEN: u8 = 8;
/// itemprop=articleBody and well-known body class names: very likely the article text.
pub(super) const STRONG_POS: u8 = 16;
/// Any of the boilerplate flags.
pub(super) const ANY_JUNK: u8 = JUNK_TAG | JUNK_HARD | JUNK_SOFT | HIDDEN;

/// One node of the flattened page.
#[derive(Debug, Clone)]
pub(super) struct ANode {
    pub tag: Tag,
    pub flags: u8,
    /// Class/id weight (readability-style, ±25 per hit).
    pub weight: i16,
    pub parent: u32,
    /// One past the last node of this subtree.
    pub end: u32,
    /// For text nodes: byte range in [`Arena::text`].
    pub text_start: u32,
    pub text_end: u32,
    /// For text nodes: non-whitespace characters and commas.
    pub chars: u32,
    pub commas: u32,
}

/// The flattened page: nodes in document order plus one buffer with all their text.
pub(super) struct Arena {
    pub nodes: Vec<ANode>,
    pub text: String,
    /// Index of `<body>` (or 0 when the page has none).
    pub body: u32,
}

impl Arena {
    pub fn text_of(&self, i: usize) -> &str {
        let n = &self.nodes[i];
        self.text
            .get(n.text_start as usize..n.text_end as usize)
            .unwrap_or("")
    }

    /// Is `a` a strict ancestor of `b`?
    pub fn is_ancestor(&self, a: u32, b: u32) -> bool {
        a < b && b < self.nodes[a as usize].end
    }
}

/// Flatten `dom`, dropping subtrees that can never hold article text (scripts, forms' widgets,
/// media, `<head>`) and flagging likely boilerplate.
pub(super) fn build(dom: &Html) -> Arena {
    let mut nodes: Vec<ANode> = Vec::with_capacity(4096);
    let mut text = String::with_capacity(64 * 1024);
    // Stack of arena indices of open elements; the root entry is the document node.
    let mut open: Vec<u32> = Vec::with_capacity(64);
    // While skipping a dropped subtree: how many opens deep we are inside it.
    let mut skip_depth: usize = 0;
    let mut body: u32 = 0;

    for edge in dom.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                let parent = open.last().copied().unwrap_or(0);
                match node.value() {
                    Node::Document | Node::Fragment => {
                        nodes.push(element_node(Tag::Root, 0, 0, parent));
                        open.push((nodes.len() - 1) as u32);
                    }
                    Node::Element(el) => {
                        let tag = classify::tag_of(el.name());
                        if tag == Tag::Drop || classify::is_dropped_input(el) {
                            skip_depth = 1;
                            continue;
                        }
                        let (flags, weight) = classify::element_flags(tag, el);
                        let idx = nodes.len() as u32;
                        if tag == Tag::Body && body == 0 {
                            body = idx;
                        }
                        nodes.push(element_node(tag, flags, weight, parent));
                        open.push(idx);
                    }
                    Node::Text(t) => {
                        let s: &str = t;
                        if s.is_empty() {
                            // Still occupies an Open/Close pair; keep the stack balanced.
                            skip_depth = 1;
                            continue;
                        }
                        let start = text.len() as u32;
                        text.push_str(s);
                        let (chars, commas) = count(s);
                        let idx = nodes.len() as u32;
                        nodes.push(ANode {
                            tag: Tag::Text,
                            flags: 0,
                            weight: 0,
                            parent,
                            end: idx + 1,
                            text_start: start,
                            text_end: text.len() as u32,
                            chars,
                            commas,
                        });
                        open.push(idx);
                    }
                    // Comments, doctypes, processing instructions: nothing to read.
                    _ => {
                        skip_depth = 1;
                    }
                }
            }
            Edge::Close(_) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if let Some(idx) = open.pop() {
                    let end = nodes.len() as u32;
                    if let Some(n) = nodes.get_mut(idx as usize) {
                        n.end = end;
                    }
                }
            }
        }
    }
    // Defensive: anything left open (cannot happen with a balanced traversal) ends at the end.
    let total = nodes.len() as u32;
    for idx in open {
        if let Some(n) = nodes.get_mut(idx as usize) {
            n.end = total;
        }
    }
    if nodes.is_empty() {
        nodes.push(element_node(Tag::Root, 0, 0, 0));
        nodes[0].end = 1;
    }
    Arena { nodes, text, body }
}

fn element_node(tag: Tag, flags: u8, weight: i16, parent: u32) -> ANode {
    ANode {
        tag,
        flags,
        weight,
        parent,
        end: 0,
        text_start: 0,
        text_end: 0,
        chars: 0,
        commas: 0,
    }
}

/// Non-whitespace characters and commas (Latin and CJK) of a text.
fn count(s: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    for c in s.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}
