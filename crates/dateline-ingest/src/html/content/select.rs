//! Choose the article container and filter its blocks.

use super::arena::{Arena, ANY_JUNK, HIDDEN, JUNK_HARD, JUNK_TAG, STRONG_POS};
use super::classify::Tag;
use super::emit::{emit, RawBlock};

/// Per-node sums, computed bottom-up over non-boilerplate nodes.
pub(super) struct Stats {
    /// Node or an ancestor is boilerplate.
    pub skip: Vec<bool>,
    /// Non-whitespace characters in the subtree, and those inside links.
    pub chars: Vec<u32>,
    pub link_chars: Vec<u32>,
    /// Characters / commas / link characters of text that flows directly in this element
    /// (not inside a nested block element): what a reader sees as "this paragraph".
    pub inline_chars: Vec<u32>,
    pub inline_commas: Vec<u32>,
    pub inline_link: Vec<u32>,
    /// Paragraph text in the subtree (see [`stats`]), boilerplate excluded.
    pub para: Vec<u32>,
}

/// Share of the page's paragraph text above which a boilerplate-looking container is kept
/// anyway, per reason: a page whose body sits in `<section class="sidebar-first-only">`, in a
/// `<header>`, or is `aria-hidden` until a script runs must not lose its article. Unambiguous
/// class words and hidden subtrees need more evidence than layout words.
fn overrule_share(flags: u8) -> f64 {
    if flags & (JUNK_HARD | HIDDEN) != 0 {
        0.6
    } else if flags & JUNK_TAG != 0 {
        0.5
    } else {
        0.4
    }
}

pub(super) fn stats(arena: &Arena) -> Stats {
    let nodes = &arena.nodes;
    let n = nodes.len();
    // 1. Raw sums ignoring boilerplate flags: all text, and "paragraph text" (text of
    //    paragraph-like elements with at least 25 characters and few links), which is
    //    concentrated in articles and rare in navigation and footers.
    let mut raw = vec![0u32; n];
    let mut raw_inline = vec![0u32; n];
    let mut raw_inline_link = vec![0u32; n];
    let mut para = vec![0u32; n];
    let mut in_link = vec![false; n];
    for i in 1..n {
        in_link[i] = nodes[i].tag == Tag::A || in_link[nodes[i].parent as usize];
    }
    for i in (0..n).rev() {
        let node = &nodes[i];
        if node.tag == Tag::Text {
            raw[i] = node.chars;
            raw_inline[i] = node.chars;
            if in_link[i] {
                raw_inline_link[i] = node.chars;
            }
        } else if scores_as_paragraph(node.tag)
            && raw_inline[i] >= 25
            && link_density(raw_inline_link[i], raw_inline[i]) <= 0.5
        {
            para[i] += raw_inline[i];
        }
        if i > 0 {
            let p = node.parent as usize;
            raw[p] = raw[p].saturating_add(raw[i]);
            para[p] = para[p].saturating_add(para[i]);
            if !node.tag.is_block() {
                raw_inline[p] = raw_inline[p].saturating_add(raw_inline[i]);
                raw_inline_link[p] = raw_inline_link[p].saturating_add(raw_inline_link[i]);
            }
        }
    }
    let body = arena.body as usize;
    let para_total = para.get(body).copied().unwrap_or(0);
    let raw_total = raw.get(body).copied().unwrap_or(0).max(1);
    let share = |i: usize| -> f64 {
        if para_total > 0 {
            para[i] as f64 / para_total as f64
        } else {
            raw[i] as f64 / raw_total as f64
        }
    };
    // 2. Containers holding a sizeable strong-content node are not boilerplate.
    let mut has_strong = vec![false; n];
    for i in (0..n).rev() {
        let node = &nodes[i];
        if node.flags & STRONG_POS != 0 && share(i) >= 0.3 {
            has_strong[i] = true;
        }
        if i > 0 && has_strong[i] {
            has_strong[node.parent as usize] = true;
        }
    }
    // 3. Effective skip flag, top-down.
    let mut skip = vec![false; n];
    for i in 0..n {
        let node = &nodes[i];
        let flags = node.flags & ANY_JUNK;
        let mut junk = flags != 0;
        if junk && (share(i) >= overrule_share(flags) || (flags & HIDDEN == 0 && has_strong[i])) {
            junk = false;
        }
        let parent_skip = i > 0 && skip[node.parent as usize];
        skip[i] = junk || parent_skip;
    }
    // 4. Bottom-up sums over kept nodes; link membership needs a top-down pass first.
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut inline_chars = vec![0u32; n];
    let mut inline_commas = vec![0u32; n];
    let mut inline_link = vec![0u32; n];
    let mut kept_para = vec![0u32; n];
    for i in (0..n).rev() {
        if skip[i] {
            continue;
        }
        let node = &nodes[i];
        if node.tag == Tag::Text {
            chars[i] = node.chars;
            inline_chars[i] = node.chars;
            inline_commas[i] = node.commas;
            if in_link[i] {
                link_chars[i] = node.chars;
                inline_link[i] = node.chars;
            }
        } else if scores_as_paragraph(node.tag)
            && inline_chars[i] >= 25
            && link_density(inline_link[i], inline_chars[i]) <= 0.5
        {
            kept_para[i] += inline_chars[i];
        }
        if i == 0 {
            continue;
        }
        let p = node.parent as usize;
        kept_para[p] += kept_para[i];
        chars[p] += chars[i];
        link_chars[p] += link_chars[i];
        if !node.tag.is_block() {
            inline_chars[p] += inline_chars[i];
            inline_commas[p] += inline_commas[i];
            inline_link[p] += inline_link[i];
        }
    }
    Stats {
        skip,
        chars,
        link_chars,
        inline_chars,
        inline_commas,
        inline_link,
        para: kept_para,
    }
}

pub(super) fn link_density(link: u32, chars: u32) -> f64 {
    if chars == 0 {
        0.0
    } else {
        link as f64 / chars as f64
    }
}

/// Readability's initial score of a candidate by tag.
fn tag_score(tag: Tag) -> f64 {
    match tag {
        Tag::Div | Tag::Article => 5.0,
        Tag::Pre | Tag::Td | Tag::BlockQuote => 3.0,
        Tag::Address | Tag::List | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        t if t.is_heading() => -5.0,
        _ => 0.0,
    }
}

/// Is this tag a container whose own loose text counts as a paragraph?
fn scores_as_paragraph(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::Pre
            | Tag::Td
            | Tag::Div
            | Tag::Section
            | Tag::Article
            | Tag::Main
            | Tag::Block
            | Tag::BlockQuote
            | Tag::Dd
            | Tag::Body
    )
}

/// Readability-style scores: each paragraph-like unit gives `1 + commas + min(len/100, 3)`
/// to its container (full), the container's parent (half) and further ancestors (1/(3·level)).
/// Returns the final score per node (`NaN`-free, 0 for non-candidates) and whether it was touched.
fn score(arena: &Arena, st: &Stats) -> (Vec<f64>, Vec<bool>) {
    let nodes = &arena.nodes;
    let n = nodes.len();
    let mut score = vec![0f64; n];
    let mut cand = vec![false; n];
    for i in 0..n {
        let node = &nodes[i];
        if st.skip[i] || !scores_as_paragraph(node.tag) {
            continue;
        }
        let len = st.inline_chars[i];
        if len < 25 || link_density(st.inline_link[i], len) > 0.5 {
            continue;
        }
        let s = 1.0 + st.inline_commas[i] as f64 + (len as f64 / 100.0).min(3.0);
        // A <p>/<td>/<pre> credits its parent; a div with loose text credits itself, as if
        // the text were wrapped in a <p> inside it.
        let mut anc = if matches!(node.tag, Tag::P | Tag::Pre | Tag::Td) {
            if i == 0 {
                continue;
            }
            node.parent as usize
        } else {
            i
        };
        for level in 0..5 {
            if anc == 0 {
                break;
            }
            let a = &nodes[anc];
            if !cand[anc] {
                cand[anc] = true;
                // A content-ish class name is evidence only for a container with some text:
                // unscaled, +25 lets a one-line "entry-meta-content" beat a real article.
                let w = a.weight as f64;
                let w = if w > 0.0 {
                    w * (st.para[anc] as f64 / 500.0).min(1.0)
                } else {
                    w
                };
                score[anc] = tag_score(a.tag) + w;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[anc] += s / div;
            if a.tag == Tag::Body {
                break;
            }
            anc = a.parent as usize;
        }
    }
    for i in 0..n {
        if cand[i] {
            score[i] *= 1.0 - link_density(st.link_chars[i], st.chars[i]);
        }
    }
    (score, cand)
}

/// Widening to a parent needs at least this share of paragraph text in what it adds.
const EXPAND_PARA_RATIO: f64 = 0.6;

/// Widening is tried only while the candidate holds less than this share of the page's
/// paragraph text.
const EXPAND_BELOW_SHARE: f64 = 0.6;

/// See [`mass_node`]: share of the page's paragraph text the mass node must hold.
const MASS_SHARE: f64 = 0.8;
/// The readability winner is replaced by the mass node when it holds less than this share
/// of the mass node's paragraph text.
const MASS_OVERRULE: f64 = 0.4;

/// The deepest node holding at least [`MASS_SHARE`] of the body's paragraph text
/// (the body itself when no single child does).
fn mass_node(arena: &Arena, st: &Stats) -> usize {
    let nodes = &arena.nodes;
    let mut cur = arena.body as usize;
    let need = (st.para.get(cur).copied().unwrap_or(0) as f64 * MASS_SHARE).max(1.0);
    // Each step moves strictly deeper and scans one node's children: linear overall.
    'down: loop {
        let end = nodes[cur].end as usize;
        let mut c = cur + 1;
        while c < end {
            if !st.skip[c] && st.para[c] as f64 >= need {
                cur = c;
                continue 'down;
            }
            c = (nodes[c].end as usize).max(c + 1);
        }
        return cur;
    }
}

/// Paragraph text in all outermost named-body nodes (itemprop=articleBody, "entry-content").
fn named_para(arena: &Arena, st: &Stats) -> u64 {
    let nodes = &arena.nodes;
    let mut total = 0u64;
    let mut i = 0;
    while i < nodes.len() {
        if nodes[i].flags & STRONG_POS != 0 && !st.skip[i] {
            total += st.para[i] as u64;
            i = (nodes[i].end as usize).max(i + 1);
        } else {
            i += 1;
        }
    }
    total
}

/// Pick the container(s) of the article: readability's top candidate, widened to a common
/// ancestor when several near-equal candidates sit side by side, plus qualifying siblings.
fn choose(arena: &Arena, st: &Stats, score: &[f64], cand: &[bool]) -> Vec<u32> {
    let nodes = &arena.nodes;
    // First of the best in document order.
    let mut top: Option<usize> = None;
    let mut best = f64::NEG_INFINITY;
    for i in 0..nodes.len() {
        if cand[i] && !st.skip[i] && score[i] > best {
            best = score[i];
            top = Some(i);
        }
    }
    let Some(mut top) = top else {
        return Vec::new();
    };
    let body = arena.body as usize;
    // Several strong candidates (≥ 75 % of the top) under one ancestor: the article is split
    // into sections, take the ancestor.
    let mut alts: Vec<usize> = (0..nodes.len())
        .filter(|&i| i != top && cand[i] && !st.skip[i] && score[i] >= 0.75 * score[top])
        .collect();
    alts.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    alts.truncate(5);
    if alts.len() >= 3 {
        let mut p = nodes[top].parent as usize;
        while p != 0 && p != body {
            let under = alts
                .iter()
                .filter(|&&a| arena.is_ancestor(p as u32, a as u32))
                .count();
            if under >= 3 {
                top = p;
                break;
            }
            p = nodes[p].parent as usize;
        }
    }
    // Walk up while the parent scores higher (the text is spread over nested wrappers).
    let mut last = score[top];
    let mut p = nodes[top].parent as usize;
    while p != 0 && p != body && nodes[top].tag != Tag::Body {
        if !cand[p] {
            p = nodes[p].parent as usize;
            continue;
        }
        if score[p] < last / 3.0 {
            break;
        }
        if score[p] > last {
            top = p;
            break;
        }
        last = score[p];
        p = nodes[p].parent as usize;
    }
    // Text mass: the deepest node holding most of the page's paragraph text. When the
    // readability winner holds only a small part of that, it is a fragment (one section of a
    // page builder, one list item of a listicle, a newsletter box): take the mass node.
    // A winner the page itself names as the body (itemprop=articleBody, "entry-content") is
    // trusted even when short: the rest of the text is then teasers and comments.
    let mass = mass_node(arena, st);
    // ... unless the page names many such blocks (one per section or per item).
    let named = nodes[top].flags & STRONG_POS != 0
        && st.para[top] >= 200
        && st.para[top] as f64 >= 0.5 * named_para(arena, st) as f64;
    if !named && (st.para[top] as f64) < MASS_OVERRULE * st.para[mass] as f64 {
        top = mass;
    }
    // A wrapper with a single child element: take the wrapper (siblings live one level up).
    loop {
        let p = nodes[top].parent as usize;
        if p == 0 || p == body || top == body {
            break;
        }
        let mut kids = 0;
        let mut c = p + 1;
        while c < nodes[p].end as usize {
            if nodes[c].tag != Tag::Text && !st.skip[c] {
                kids += 1;
            }
            c = (nodes[c].end as usize).max(c + 1);
        }
        if kids != 1 {
            break;
        }
        top = p;
    }
    // Widen to ancestors while what they add is mostly paragraph text: page builders and
    // "sections" layouts split one article over cousins that readability's five-level
    // propagation and sibling merge never connect.
    // Only when the candidate misses much of the page's paragraph text: otherwise what an
    // ancestor adds is usually teasers of other stories.
    let page_para = st.para.get(body).copied().unwrap_or(0) as f64;
    while (st.para[top] as f64) < EXPAND_BELOW_SHARE * page_para {
        let p = nodes[top].parent as usize;
        if p == 0 || p == body || top == body || st.skip[p] {
            break;
        }
        let added_para = st.para[p].saturating_sub(st.para[top]) as f64;
        let added = st.chars[p].saturating_sub(st.chars[top]) as f64;
        let added_link = st.link_chars[p].saturating_sub(st.link_chars[top]) as f64;
        if added > 0.0 && (added_para < EXPAND_PARA_RATIO * added || added_link > 0.15 * added) {
            break;
        }
        top = p;
    }
    // Siblings that look like more of the article.
    let top_score = if cand[top] { score[top] } else { 0.0 };
    let threshold = (top_score * 0.2).max(10.0);
    let parent = nodes[top].parent as usize;
    if top == body || parent == 0 {
        return vec![top as u32];
    }
    let mut roots = Vec::new();
    let mut c = parent + 1;
    while c < nodes[parent].end as usize {
        let next = (nodes[c].end as usize).max(c + 1);
        if c == top {
            roots.push(c as u32);
        } else if !st.skip[c] && nodes[c].tag != Tag::Text {
            let ld = link_density(st.link_chars[c], st.chars[c]);
            let keep = (cand[c] && score[c] >= threshold)
                || (nodes[c].tag == Tag::P && st.chars[c] > 80 && ld < 0.25);
            if keep {
                roots.push(c as u32);
            }
        }
        c = next;
    }
    roots
}

/// The article's blocks.
pub(super) fn extract(arena: &Arena) -> Vec<RawBlock> {
    let st = stats(arena);
    let (score, cand) = score(arena, &st);
    let roots = choose(arena, &st, &score, &cand);
    if *DEBUG {
        debug_dump(arena, &st, &score, &cand, &roots);
    }
    let mut blocks = Vec::new();
    emit(arena, &roots, &st.skip, &mut blocks);
    super::filter::filter(blocks)
}

static DEBUG: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("DATELINE_CONTENT_DEBUG").is_some());

/// Development aid: the best candidates and the chosen roots, on stderr.
fn debug_dump(arena: &Arena, st: &Stats, score: &[f64], cand: &[bool], roots: &[u32]) {
    let mut c: Vec<usize> = (0..arena.nodes.len()).filter(|&i| cand[i]).collect();
    c.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    let snippet = |i: usize| -> String {
        let n = &arena.nodes[i];
        let mut s = String::new();
        for j in i..n.end as usize {
            if arena.nodes[j].tag == Tag::Text && !st.skip[j] {
                s.push_str(arena.text_of(j).trim());
                s.push(' ');
                if s.len() > 60 {
                    break;
                }
            }
        }
        s.chars().take(60).collect()
    };
    for &i in c.iter().take(8) {
        let n = &arena.nodes[i];
        eprintln!(
            "cand {i} {:?} score {:.1} w {} chars {} para {} ld {:.2} flags {} | {}",
            n.tag,
            score[i],
            n.weight,
            st.chars[i],
            st.para[i],
            link_density(st.link_chars[i], st.chars[i]),
            n.flags,
            snippet(i)
        );
    }
    for &r in roots {
        let n = &arena.nodes[r as usize];
        eprintln!(
            "root {r} {:?} chars {} para {} | {}",
            n.tag,
            st.chars[r as usize],
            st.para[r as usize],
            snippet(r as usize)
        );
    }
    let body = arena.body as usize;
    eprintln!("body para {} chars {}", st.para[body], st.chars[body]);
}
