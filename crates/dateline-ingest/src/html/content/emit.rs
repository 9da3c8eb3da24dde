//! Turn chosen subtrees into text blocks: one block per block-level element (p, h*, li,
//! blockquote, pre, cells, divs with loose text), inline elements flowing into the block around
//! them, `<br>` as a line break, whitespace collapsed (kept inside `<pre>`).

use dateline_core::BlockKind;

use super::arena::Arena;
use super::classify::Tag;

/// A block before filtering, with what the filters need to judge it.
#[derive(Debug, Clone)]
pub(super) struct RawBlock {
    pub kind: BlockKind,
    pub text: String,
    /// Non-whitespace characters, and those inside links.
    pub chars: u32,
    pub link_chars: u32,
    /// Tag of the innermost block element holding the text.
    pub tag: Tag,
    /// Inside a table cell (data, not prose: short cells are normal).
    pub in_table: bool,
}

/// One open element while walking a subtree.
struct Open {
    end: u32,
    block: bool,
    /// Block kind inherited from the innermost h*/li/blockquote/pre around (or Paragraph).
    kind: BlockKind,
    tag: Tag,
    in_link: bool,
    in_pre: bool,
    in_table: bool,
}

/// Text being collected for the current block.
struct Buf {
    text: String,
    chars: u32,
    link_chars: u32,
    /// The last pushed character was whitespace (or nothing yet): collapse the next run.
    space: bool,
    kind: BlockKind,
    tag: Tag,
    in_table: bool,
}

impl Buf {
    fn new() -> Self {
        Buf {
            text: String::new(),
            chars: 0,
            link_chars: 0,
            space: true,
            kind: BlockKind::Paragraph,
            tag: Tag::Block,
            in_table: false,
        }
    }

    fn push_text(&mut self, s: &str, chars: u32, in_link: bool, in_pre: bool) {
        if in_pre {
            self.text.push_str(s);
            self.space = s.ends_with(char::is_whitespace);
        } else {
            for c in s.chars() {
                if c.is_whitespace() {
                    if !self.space {
                        self.text.push(' ');
                        self.space = true;
                    }
                } else {
                    self.text.push(c);
                    self.space = false;
                }
            }
        }
        self.chars += chars;
        if in_link {
            self.link_chars += chars;
        }
    }

    fn newline(&mut self) {
        // Trim the space before the break; never start or double a break.
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = true;
    }

    fn flush(&mut self, out: &mut Vec<RawBlock>) {
        if self.chars > 0 {
            let text = tidy(&self.text, self.kind == BlockKind::Preformatted);
            if !text.is_empty() {
                out.push(RawBlock {
                    kind: self.kind,
                    text,
                    chars: self.chars,
                    link_chars: self.link_chars,
                    tag: self.tag,
                    in_table: self.in_table,
                });
            }
        }
        self.text.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.space = true;
    }
}

/// Trim each line, drop empty lines (except inside `<pre>`, where only the outer blank lines go).
fn tidy(s: &str, pre: bool) -> String {
    if pre {
        return s
            .trim_matches(|c| c == '\n' || c == '\r')
            .trim_end()
            .to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l);
    }
    out
}

fn kind_of(tag: Tag) -> Option<BlockKind> {
    match tag {
        t if t.is_heading() => Some(BlockKind::Heading),
        Tag::Li | Tag::Dt | Tag::Dd => Some(BlockKind::ListItem),
        Tag::BlockQuote => Some(BlockKind::BlockQuote),
        Tag::Pre => Some(BlockKind::Preformatted),
        _ => None,
    }
}

/// Emit the blocks of the subtrees rooted at `roots` (in document order, not nested),
/// skipping nodes for which `skip` is true (and their subtrees).
pub(super) fn emit(arena: &Arena, roots: &[u32], skip: &[bool], out: &mut Vec<RawBlock>) {
    let nodes = &arena.nodes;
    let mut stack: Vec<Open> = Vec::with_capacity(64);
    let mut buf = Buf::new();
    for &root in roots {
        let Some(rnode) = nodes.get(root as usize) else {
            continue;
        };
        let end = rnode.end as usize;
        let mut i = root as usize;
        stack.clear();
        while i < end {
            // Close every element that ended before this node.
            while let Some(top) = stack.last() {
                if (i as u32) < top.end {
                    break;
                }
                if top.block {
                    buf.flush(out);
                }
                stack.pop();
            }
            let n = &nodes[i];
            if skip.get(i).copied().unwrap_or(false) {
                i = (n.end as usize).max(i + 1);
                continue;
            }
            let parent = stack.last();
            let in_link = parent.is_some_and(|p| p.in_link);
            let in_pre = parent.is_some_and(|p| p.in_pre);
            match n.tag {
                Tag::Text => {
                    if buf.chars == 0 && buf.text.trim().is_empty() {
                        buf.kind = parent.map_or(BlockKind::Paragraph, |p| p.kind);
                        buf.tag = parent.map_or(Tag::Block, |p| p.tag);
                        buf.in_table = parent.is_some_and(|p| p.in_table);
                    }
                    buf.push_text(arena.text_of(i), n.chars, in_link, in_pre);
                }
                Tag::Br => buf.newline(),
                Tag::Hr => buf.flush(out),
                tag => {
                    let block = tag.is_block();
                    if block {
                        buf.flush(out);
                    }
                    let kind = kind_of(tag)
                        .or_else(|| parent.map(|p| p.kind))
                        .unwrap_or(BlockKind::Paragraph);
                    let btag = if block {
                        tag
                    } else {
                        parent.map_or(Tag::Block, |p| p.tag)
                    };
                    stack.push(Open {
                        end: n.end,
                        block,
                        kind,
                        tag: btag,
                        in_link: in_link || tag == Tag::A,
                        in_pre: in_pre || tag == Tag::Pre,
                        in_table: parent.is_some_and(|p| p.in_table) || tag == Tag::Td,
                    });
                }
            }
            i += 1;
        }
        buf.flush(out);
    }
}
