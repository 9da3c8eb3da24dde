//! What an element is: its tag class, and whether its tag, role, class, id or style mark it as
//! boilerplate (navigation, sharing, comments, ads, ...) or as the article body.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use once_cell::sync::Lazy;
use scraper::node::Element;

use super::arena::{HIDDEN, JUNK_HARD, JUNK_SOFT, JUNK_TAG, STRONG_POS};

/// The tags the scorer distinguishes; everything else is `Inline` or `Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Root,
    Text,
    /// Never holds article text: skipped while flattening.
    Drop,
    Body,
    P,
    Div,
    Section,
    Article,
    Main,
    A,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Li,
    List,
    Dt,
    Dd,
    BlockQuote,
    Pre,
    Table,
    Tr,
    Td,
    Br,
    Figure,
    Figcaption,
    Nav,
    Header,
    Footer,
    Aside,
    Form,
    Address,
    Hr,
    /// Any other block-level element (separates text).
    Block,
    /// Any other inline element (text flows through it).
    Inline,
}

impl Tag {
    /// Block-level: text on either side of it belongs to different blocks.
    pub fn is_block(self) -> bool {
        !matches!(self, Tag::Text | Tag::Inline | Tag::A | Tag::Br | Tag::Drop)
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}

pub(super) fn tag_of(name: &str) -> Tag {
    // html5ever lower-cases HTML element names, so exact matches suffice.
    match name {
        "p" => Tag::P,
        "div" => Tag::Div,
        "span" | "b" | "i" | "em" | "strong" | "u" | "small" | "sup" | "sub" | "font" | "time"
        | "abbr" | "cite" | "q" | "mark" | "code" | "kbd" | "samp" | "var" | "s" | "del"
        | "ins" | "strike" | "big" | "tt" | "bdi" | "bdo" | "data" | "dfn" | "wbr" | "nobr"
        | "img" => Tag::Inline,
        "a" => Tag::A,
        "br" => Tag::Br,
        "section" => Tag::Section,
        "article" => Tag::Article,
        "main" => Tag::Main,
        "h1" => Tag::H1,
        "h2" => Tag::H2,
        "h3" => Tag::H3,
        "h4" => Tag::H4,
        "h5" => Tag::H5,
        "h6" => Tag::H6,
        "li" => Tag::Li,
        "ul" | "ol" | "dl" | "menu" => Tag::List,
        "dt" => Tag::Dt,
        "dd" => Tag::Dd,
        "blockquote" => Tag::BlockQuote,
        "pre" => Tag::Pre,
        "table" => Tag::Table,
        "tr" => Tag::Tr,
        "td" | "th" => Tag::Td,
        "figure" => Tag::Figure,
        "figcaption" => Tag::Figcaption,
        "nav" => Tag::Nav,
        "header" => Tag::Header,
        "footer" => Tag::Footer,
        "aside" => Tag::Aside,
        "form" => Tag::Form,
        "address" => Tag::Address,
        "hr" => Tag::Hr,
        "body" => Tag::Body,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "picture" | "source" | "track" | "select"
        | "option" | "optgroup" | "textarea" | "button" | "head" | "title" | "meta" | "link"
        | "base" | "map" | "area" | "dialog" | "input" | "datalist" | "output" | "progress"
        | "meter" | "frameset" | "frame" | "applet" | "label" => Tag::Drop,
        "html" | "tbody" | "thead" | "tfoot" | "caption" | "center" | "details" | "summary"
        | "fieldset" | "legend" | "hgroup" | "dir" | "colgroup" | "col" => Tag::Block,
        _ => Tag::Inline,
    }
}

/// Elements dropped for their attributes alone, whatever their tag: explicitly hidden ones.
/// (Hidden *containers* are only flagged, see [`element_flags`], because some pages hide the
/// whole body until a script runs.)
pub(super) fn is_dropped_input(el: &Element) -> bool {
    el.attr("type")
        .is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
}

/// Boilerplate words in class/id. Matched as substrings of the lower-cased `class id` string.
/// "Hard" ones mark boilerplate even next to a content word ("article-share", "post-comments").
static HARD_NEG: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    build(&[
        "comment",
        "disqus",
        "share",
        "sharing",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "sign-up",
        "cookie",
        "consent",
        "gdpr",
        "related",
        "recommend",
        "outbrain",
        "taboola",
        "advert",
        "sponsor",
        "breadcrumb",
        "byline",
        "author-bio",
        "authorbio",
        "author-info",
        "author-box",
        "about-author",
        "popup",
        "modal",
        "skip-link",
        "skiplink",
        "screen-reader",
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "caption",
        "credit",
        "toolbar",
        "read-more",
        "readmore",
        "more-stories",
        "most-popular",
        "mostpopular",
        "trending",
        "pagination",
        "masthead",
        "dateline",
        "timestamp",
        "post-meta",
        "article-meta",
        "entry-meta",
        "meta-info",
        "tags",
        "tag-list",
        "taglist",
        "keywords",
        "print-only",
        "jump-link",
        "ad-container",
        "ad-slot",
        "ad-wrapper",
        "adslot",
        "adsense",
        "ad-unit",
        "dfp",
    ])
});

/// Weaker boilerplate words: only count when no content word is also present.
static SOFT_NEG: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    build(&[
        "nav",
        "menu",
        "header",
        "footer",
        "sidebar",
        "promo",
        "banner",
        "combx",
        "community",
        "extra",
        "foot",
        "rss",
        "shoutbox",
        "skyscraper",
        "supplemental",
        "agegate",
        "pager",
        "remark",
        "replies",
        "contact",
        "login",
        "search",
        "topbar",
        "bottom",
        "subnav",
        "legal",
        "copyright",
    ])
});

/// Words that lower a container's score without marking it as boilerplate: page builders
/// call everything a "widget", and "meta"/"media" blocks sometimes hold the story.
static WEIGHT_NEG: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    build(&[
        "widget", "meta", "media", "social", "tool", "shopping", "scroll", "hidden", "masthead",
        "-ad-",
    ])
});

/// Content words (readability's "okMaybe" and positive lists).
static POS: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    build(&[
        "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose",
        "hentry",
    ])
});

/// Names sites give the container of exactly the article text.
static STRONG: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    build(&[
        "articlebody",
        "article-body",
        "article_body",
        "article__body",
        "article-content",
        "article_content",
        "article__content",
        "articlecontent",
        "post-content",
        "post_content",
        "postcontent",
        "post-body",
        "post_body",
        "postbody",
        "entry-content",
        "entry_content",
        "entrycontent",
        "story-body",
        "story_body",
        "storybody",
        "story-content",
        "storycontent",
        "article-text",
        "articletext",
        "body-text",
        "bodytext",
        "main-content",
        "content-body",
        "rich-text",
        "richtext",
    ])
});

fn build(pats: &[&str]) -> Option<AhoCorasick> {
    // The pattern lists are constants, so building cannot fail in practice; if it did, the
    // heuristic would merely be off.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(pats)
        .ok()
}

fn hit(m: &Option<AhoCorasick>, hay: &str) -> bool {
    m.as_ref().is_some_and(|m| m.is_match(hay))
}

/// Flags and class/id weight of an element.
pub(super) fn element_flags(tag: Tag, el: &Element) -> (u8, i16) {
    let mut flags = 0u8;
    let mut weight = 0i16;
    if matches!(
        tag,
        Tag::Nav | Tag::Footer | Tag::Aside | Tag::Figcaption | Tag::Header | Tag::Form
    ) {
        // Forms are contact boxes and sign-ups, except on pages that wrap everything in
        // one <form> (ASP.NET): the paragraph-share overrule keeps those.
        flags |= JUNK_TAG;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        flags |= HIDDEN;
    }
    if let Some(style) = el.attr("style") {
        if is_hidden_style(style) {
            flags |= HIDDEN;
        }
    }
    if let Some(role) = el.attr("role") {
        let r = role.to_ascii_lowercase();
        if matches!(
            r.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "menu"
                | "menubar"
                | "dialog"
                | "alertdialog"
                | "search"
                | "toolbar"
                | "tablist"
        ) {
            flags |= JUNK_TAG;
        }
    }
    if let Some(ip) = el.attr("itemprop") {
        if ip.eq_ignore_ascii_case("articleBody") || ip.eq_ignore_ascii_case("text") {
            flags |= STRONG_POS;
            weight += 50;
        }
    }
    // Ids made from a heading ("sharing-with-a-single-developer", Sphinx and Markdown
    // anchors) say nothing about the element's role: ignore ids of four or more words.
    let id = el.id().filter(|id| id.split(['-', '_']).count() < 4);
    for attr in [el.attr("class"), id].into_iter().flatten() {
        if attr.is_empty() {
            continue;
        }
        let lower = attr.to_ascii_lowercase();
        let pos = hit(&POS, &lower);
        if hit(&STRONG, &lower) {
            flags |= STRONG_POS;
            weight += 25;
        }
        let hard = hit(&HARD_NEG, &lower);
        let soft = !pos && hit(&SOFT_NEG, &lower);
        if hard || soft || hit(&WEIGHT_NEG, &lower) {
            weight -= 25;
        } else if pos {
            weight += 25;
        }
        if tag != Tag::Body && tag != Tag::A {
            // <article>/<main> are the page's own word for content: a class word only makes
            // them as doubtful as a layout word would ("newsletter-post" on Substack).
            if hard && !matches!(tag, Tag::Article | Tag::Main) {
                flags |= JUNK_HARD;
            } else if soft || hard {
                flags |= JUNK_SOFT;
            }
        }
    }
    // A strong content name wins over an incidental boilerplate word ("entry-content
    // has-share-buttons").
    if flags & STRONG_POS != 0 {
        flags &= !(JUNK_HARD | JUNK_SOFT);
    }
    (flags, weight)
}

fn is_hidden_style(style: &str) -> bool {
    // Cheap pre-check before allocating.
    if !style.contains("none") && !style.contains("hidden") {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}
