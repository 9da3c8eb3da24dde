//! Page metadata: title, publish date, authors, site name, language, canonical URL and
//! the lead image's caption and credit.
//!
//! The page is walked once ([`Page::scan`]) to collect every piece of evidence: `<meta>`
//! tags, JSON-LD scripts, `<title>`, `<h1>`s, `<time>` elements, microdata, `rel`
//! links, byline- and date-like elements and the first figure. Each field is then decided
//! from that evidence, strongest source first:
//!
//! - **Title**: the visible headline comes first, because what a reader sees is what "the
//!   title" means (declared titles are often SEO rewrites). An `<h1>` is taken when it
//!   agrees with a declared title (JSON-LD `headline`, `og:title`, `twitter:title`,
//!   `dc:title`, `<title>`), or sits inside the article, or is the page's only `<h1>` —
//!   unless it is just the site's name, links to the home page, sits in the page banner
//!   or is a one-word label. A trailing "| Opinion"-style label is cut from it. Without
//!   such an `<h1>`, the declared titles vote: the text most of them agree on wins, ties
//!   going to JSON-LD, then `og:title`, then `<title>`. Site names are stripped from the
//!   ends of declared titles (" | Site", " - Site", "Site: …"), where the site name is
//!   `og:site_name`, the host, or the last part of `<title>`.
//! - **Date**: what the publisher states in structured data is most reliable, then what
//!   the page shows. Order: JSON-LD `datePublished`, publish-date `<meta>` tags, JSON-LD
//!   `dateCreated`, a WebPage's `datePublished`, `<time>` marked as the publish time
//!   (`pubdate`, `itemprop`) or inside the article header, microdata `datePublished`, a
//!   full date in the URL path, a date shown next to the headline, a date in a date- or
//!   byline-classed element, a shown date labelled "Updated", and last a modification
//!   date. When the URL's date is one day off the structured one, the URL wins:
//!   structured dates are often UTC while the URL uses the newsroom's local day.
//!   Ambiguous numeric dates (`06/03/2026`) read month-first only on US-English pages.
//!   Dates in inline scripts and HTML comments are never read (they are tracking data,
//!   related stories, build stamps); JSON-LD is structured data and is read. Dates before
//!   1995 or after tomorrow are rejected.
//! - **Authors**: JSON-LD `author` (Person names), author `<meta>` tags (not URLs), a
//!   "By …" line next to the headline, microdata `itemprop=author`, `rel=author` links,
//!   links to author pages (`/author/…`, `/profile/…`) inside the article, then short
//!   byline-classed elements ("author-name" first; a "Written by" label takes
//!   the next element). An author that is the publisher itself (an Organization, or the
//!   site's own name) is used only when no person is named. Names are cleaned ("By",
//!   dates, job titles, a trailing publisher name dropped), split on `,`/`;`/`and`/`&`
//!   (credentials such as "MD" stay with their name), deduplicated; visible text must
//!   look like a name (a few capitalised words).
//! - **Site name**: `og:site_name`, JSON-LD publisher, `application-name`, JSON-LD
//!   `WebSite`, the `<title>` suffix, then the host name.
//! - **Language**: `<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage`
//!   → ISO 639-1.
//! - **Canonical URL**: `<link rel=canonical>`, then `og:url`; absolute URLs only.
//! - **Caption and credit**: the first `<figure>` of the article (else of the page
//!   outside navigation): its `figcaption` (or caption-classed element); the credit from
//!   a credit/copyright/photographer-classed element or a trailing "(AP Photo/…)",
//!   "Photo: …", "© …" in the caption.

mod authors;
mod jsonld;

use ego_tree::NodeRef;
use once_cell::sync::Lazy;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

use crate::dates;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub date_source: Option<String>,
    pub language: Option<String>,
    /// Canonical URL when the page declares one.
    pub url: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// Collapse runs of whitespace into one space and trim.
pub(crate) fn clean_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Decode the handful of entities that survive in attribute values written twice
/// (`&amp;amp;`) or in JSON-LD strings.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = s.to_string();
    for (from, to) in [
        ("&amp;", "&"),
        ("&quot;", "\""),
        ("&#039;", "'"),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&apos;", "'"),
        ("&rsquo;", "\u{2019}"),
        ("&lsquo;", "\u{2018}"),
        ("&ldquo;", "\u{201c}"),
        ("&rdquo;", "\u{201d}"),
        ("&#8217;", "\u{2019}"),
        ("&#8216;", "\u{2018}"),
        ("&#8220;", "\u{201c}"),
        ("&#8221;", "\u{201d}"),
        ("&#8211;", "\u{2013}"),
        ("&#8212;", "\u{2014}"),
        ("&ndash;", "\u{2013}"),
        ("&mdash;", "\u{2014}"),
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ] {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// Lower-cased word tokens, for comparing texts written slightly differently.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

const INLINE: &[&str] = &[
    "a", "span", "em", "strong", "b", "i", "u", "small", "sup", "sub", "mark", "abbr", "time",
    "font", "code", "s", "q", "cite", "bdi", "bdo", "data", "dfn", "kbd", "var", "ins", "del",
];
const SKIP_TEXT: &[&str] = &["script", "style", "noscript", "template", "svg", "button"];

/// Visible text of an element: script/style contents skipped, whitespace collapsed.
/// Stops after `limit` bytes.
pub(crate) fn text_of(el: ElementRef, limit: usize) -> String {
    let mut s = String::new();
    let mut skip = 0usize;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                Node::Element(e) if SKIP_TEXT.contains(&e.name()) => skip += 1,
                // Block boundaries and <br> separate words; inline tags do not.
                Node::Element(e) if !INLINE.contains(&e.name()) => s.push(' '),
                Node::Text(t) if skip == 0 => {
                    s.push_str(t);
                    if s.len() > limit {
                        break;
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if SKIP_TEXT.contains(&e.name()) {
                        skip = skip.saturating_sub(1);
                    } else if !INLINE.contains(&e.name()) {
                        s.push(' ');
                    }
                }
            }
        }
    }
    clean_ws(&s)
}

/// Raw text content (for `<title>`, scripts).
fn raw_text(el: ElementRef) -> String {
    el.text().collect()
}

fn ancestors_match(n: NodeRef<Node>, pred: impl Fn(&scraper::node::Element) -> bool) -> bool {
    n.ancestors().any(|a| match a.value() {
        Node::Element(e) => pred(e),
        _ => false,
    })
}

fn is_boilerplate_container(e: &scraper::node::Element) -> bool {
    match e.name() {
        "nav" | "footer" | "aside" => true,
        // Page-level classes ("has-sidebar", "comments-open") describe the layout.
        "html" | "body" | "main" | "article" => false,
        _ => [e.attr("class"), e.attr("id")]
            .into_iter()
            .flatten()
            .filter(|a| a.len() < 500)
            .flat_map(str::split_whitespace)
            .any(is_boiler_token),
    }
}

/// A class/id token naming a page region that is not the article: it starts with the
/// region word ("sidebar", "comments-area", "related-posts") or ends with it after a
/// separator ("post-comments"). Layout flags ("has-sidebar", "withSidebar",
/// "gridlove-sidebar-right") do not count.
fn is_boiler_token(token: &str) -> bool {
    const WORDS: &[&str] = &[
        "comment",
        "related",
        "sidebar",
        "footer",
        "recommend",
        "popular",
        "newsletter",
        "promo",
    ];
    let t = token.to_ascii_lowercase();
    if ["has-", "with-", "no-", "is-", "show-", "hide-"]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return false;
    }
    WORDS.iter().any(|w| {
        t.starts_with(w)
            || t.strip_suffix(w)
                .is_some_and(|rest| rest.ends_with('-') || rest.ends_with('_'))
            || t.strip_suffix(&format!("{w}s"))
                .is_some_and(|rest| rest.ends_with('-') || rest.ends_with('_'))
    })
}

const BYLINE: u32 = 1;
const DATE_YES: u32 = 2;
const DATE_NO: u32 = 4;
const CAPTION: u32 = 8;
const BOILER: u32 = 16;
const CREDIT: u32 = 32;

/// Class/id words and what they mark. One Aho-Corasick pass (ASCII case-insensitive)
/// classifies an element, so the page walk stays cheap however many classes it has.
const CLASS_WORDS: &[(&str, u32)] = &[
    ("byline", BYLINE | DATE_YES),
    ("author", BYLINE),
    ("writer", BYLINE),
    ("contributor", BYLINE),
    ("date", DATE_YES),
    ("time", DATE_YES),
    ("publish", DATE_YES),
    ("posted", DATE_YES),
    ("entry-meta", DATE_YES),
    ("post-meta", DATE_YES),
    ("article-meta", DATE_YES),
    ("meta-info", DATE_YES),
    ("post-info", DATE_YES),
    ("article-info", DATE_YES),
    ("dateline", DATE_YES),
    ("reading", DATE_NO),
    ("read-time", DATE_NO),
    ("readtime", DATE_NO),
    ("runtime", DATE_NO),
    ("timeline", DATE_NO),
    ("clock", DATE_NO),
    ("timer", DATE_NO),
    ("comment", DATE_NO | BOILER),
    ("caption", CAPTION),
    ("related", BOILER),
    ("sidebar", BOILER),
    ("footer", BOILER),
    ("recommend", BOILER),
    ("popular", BOILER),
    ("newsletter", BOILER),
    ("promo", BOILER),
    ("credit", CREDIT),
    ("copyright", CREDIT),
    ("photographer", CREDIT),
    ("attribution", CREDIT),
];

static CLASS_AC: Lazy<aho_corasick::AhoCorasick> = Lazy::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // Longest word wins at a position ("timeline" over "time").
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(CLASS_WORDS.iter().map(|(w, _)| *w))
        .expect("static automaton")
});

/// Flags of an element's `class` and `id` words.
fn class_flags(e: &scraper::node::Element) -> u32 {
    let mut flags = 0;
    for attr in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        if attr.len() > 500 {
            continue;
        }
        for m in CLASS_AC.find_iter(attr) {
            flags |= CLASS_WORDS[m.pattern().as_usize()].1;
        }
    }
    flags
}

/// `class` and `id` attributes, lower-cased, space separated.
fn class_id(e: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(c) = e.attr("class") {
        s.push_str(c);
    }
    if let Some(i) = e.attr("id") {
        s.push(' ');
        s.push_str(i);
    }
    s.make_ascii_lowercase();
    s
}

/// Dereference any number of `&` around an element.
fn el_of<'a, T: AsElement<'a>>(t: T) -> ElementRef<'a> {
    t.element()
}
trait AsElement<'a> {
    fn element(self) -> ElementRef<'a>;
}
impl<'a> AsElement<'a> for ElementRef<'a> {
    fn element(self) -> ElementRef<'a> {
        self
    }
}
impl<'a, T: AsElement<'a> + Copy> AsElement<'a> for &T {
    fn element(self) -> ElementRef<'a> {
        (*self).element()
    }
}

/// Paths of author pages: a link there names an author.
const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/autor/",
    "/auteur/",
    "/profile/",
    "/profiles/",
    "/people/",
    "/staff/",
    "/contributor/",
    "/contributors/",
    "/writers/",
    "/journalist/",
    "/by/",
    "/team/",
];

/// Everything one walk over the page collects.
#[derive(Default)]
pub(crate) struct Page<'a> {
    /// `<meta>` key (name/property/itemprop/http-equiv, lower-cased) → content, in order.
    metas: Vec<(String, String)>,
    title_tag: Option<String>,
    html_lang: Option<String>,
    canonical: Option<String>,
    jsonld: Vec<String>,
    /// `<h1>`s with the number of text nodes seen before them.
    h1s: Vec<(ElementRef<'a>, usize)>,
    /// Visible, non-empty text nodes (trimmed, under 300 bytes) in document order.
    texts: Vec<(ego_tree::NodeId, &'a str)>,
    root: Option<ElementRef<'a>>,
    times: Vec<ElementRef<'a>>,
    /// Elements carrying `itemprop` (not `<meta>`): datePublished, author, headline.
    itemprops: Vec<(String, ElementRef<'a>)>,
    rel_authors: Vec<ElementRef<'a>>,
    /// Links to an author's page (`/author/jane-doe`).
    author_links: Vec<ElementRef<'a>>,
    /// Elements whose class/id names a byline or author.
    bylines: Vec<ElementRef<'a>>,
    /// Elements whose class/id names a date.
    date_els: Vec<ElementRef<'a>>,
    figures: Vec<ElementRef<'a>>,
    /// Caption-classed elements outside any figure.
    loose_captions: Vec<ElementRef<'a>>,
    articles: Vec<ElementRef<'a>>,
    main: Option<ElementRef<'a>>,
}

impl<'a> Page<'a> {
    fn scan(dom: &'a Html) -> Page<'a> {
        let mut p = Page::default();
        let root = dom.root_element();
        p.root = Some(root);
        p.html_lang = root
            .value()
            .attr("lang")
            .or_else(|| root.value().attr("xml:lang"))
            .map(str::to_string);
        // Depth counters: inside script/style (text not visible), inside a figure.
        let mut skip = 0usize;
        let mut figure = 0usize;
        for edge in root.traverse() {
            let node = match edge {
                ego_tree::iter::Edge::Open(n) => n,
                ego_tree::iter::Edge::Close(n) => {
                    if let Node::Element(e) = n.value() {
                        match e.name() {
                            "script" | "style" | "noscript" | "template" | "title" => {
                                skip = skip.saturating_sub(1)
                            }
                            "figure" => figure = figure.saturating_sub(1),
                            _ => {}
                        }
                    }
                    continue;
                }
            };
            match node.value() {
                Node::Text(t) if skip == 0 && p.texts.len() < 20_000 => {
                    let t = t.trim();
                    if !t.is_empty() && t.len() < 300 {
                        p.texts.push((node.id(), t));
                    }
                }
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(node) {
                        let name = el.value().name();
                        if matches!(name, "script" | "style" | "noscript" | "template" | "title") {
                            skip += 1;
                        }
                        if name == "figure" {
                            figure += 1;
                        }
                        p.visit(el, figure > 0 && name != "figure");
                    }
                }
                _ => {}
            }
        }
        p
    }

    fn visit(&mut self, el: ElementRef<'a>, in_figure: bool) {
        let p = self;
        let node = *el;
        let e = el.value();
        let name = e.name();
        match name {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .or_else(|| e.attr("http-equiv"));
                if let (Some(k), Some(c)) = (key, e.attr("content")) {
                    let c = clean_ws(&decode_entities(c));
                    if !c.is_empty() && c.len() < 5000 {
                        for k in k.split_whitespace() {
                            p.metas.push((k.to_ascii_lowercase(), c.clone()));
                        }
                    }
                }
                return;
            }
            "title" => {
                if p.title_tag.is_none()
                    && !ancestors_match(node, |a| matches!(a.name(), "svg" | "body"))
                {
                    p.title_tag = Some(clean_ws(&raw_text(el)));
                }
                return;
            }
            "link" => {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && p.canonical.is_none() {
                    p.canonical = e.attr("href").map(|h| h.trim().to_string());
                }
                return;
            }
            "script" => {
                let ty = e.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty.contains("ld+json") {
                    p.jsonld.push(raw_text(el));
                }
                return;
            }
            "style" | "noscript" | "template" => return,
            "h1" => p.h1s.push((el, p.texts.len())),
            "time" => p.times.push(el),
            "article" => p.articles.push(el),
            "main" if p.main.is_none() => p.main = Some(el),
            "figure" => p.figures.push(el),
            _ => {}
        }
        // One pass over the attributes (each `attr` lookup is a scan of its own).
        let (mut role, mut itemprop, mut href, mut rel, mut has_class) =
            (None, None, None, None, false);
        for (k, v) in e.attrs() {
            match k {
                "role" => role = Some(v),
                "itemprop" => itemprop = Some(v),
                "href" => href = Some(v),
                "rel" => rel = Some(v),
                "class" | "id" => has_class = true,
                _ => {}
            }
        }
        if role == Some("main") && p.main.is_none() {
            p.main = Some(el);
        }
        if let Some(ip) = itemprop {
            p.itemprops.push((ip.to_ascii_lowercase(), el));
        }
        if let Some(href) = href.filter(|_| name == "a" && p.author_links.len() < 50) {
            let h = href.to_ascii_lowercase();
            if AUTHOR_PATHS.iter().any(|a| h.contains(a)) {
                p.author_links.push(el);
            }
        }
        if rel.is_some_and(|r| {
            r.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
        }) {
            p.rel_authors.push(el);
        }
        if has_class {
            let flags = class_flags(e);
            if flags & BYLINE != 0 {
                p.bylines.push(el);
            }
            if flags & DATE_YES != 0 && flags & DATE_NO == 0 {
                p.date_els.push(el);
            }
            if flags & CAPTION != 0 && p.loose_captions.len() < 5 && !in_figure {
                p.loose_captions.push(el);
            }
        }
    }

    /// The element a node sits in.
    fn tree_parent(&self, id: ego_tree::NodeId) -> Option<ElementRef<'a>> {
        let root = self.root?;
        let node = root.tree().get(id)?;
        node.parent().and_then(ElementRef::wrap)
    }

    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| v.as_str())
        })
    }

    fn meta_all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The element holding the article: the `<article>` with the most text (a page may
    /// list teasers as articles too), else `<main>`.
    fn article_root(&self) -> Option<ElementRef<'a>> {
        if self.articles.len() == 1 {
            return self.articles.first().copied();
        }
        self.articles
            .iter()
            .filter(|a| !in_boilerplate(el_of(a)))
            .max_by_key(|a| text_of(**a, 20_000).len())
            .copied()
            .or(self.main)
    }
}

/// Is the element inside navigation, a footer, an aside, comments or related links?
pub(crate) fn in_boilerplate(el: ElementRef) -> bool {
    ancestors_match(*el, is_boilerplate_container)
}

pub(crate) fn inside(el: ElementRef, root: Option<ElementRef>) -> bool {
    match root {
        Some(r) => el.ancestors().any(|a| a.id() == r.id()),
        None => false,
    }
}

/// Read the metadata of a parsed page.
pub fn extract_metadata(dom: &Html, url: Option<&str>) -> Metadata {
    let page = Page::scan(dom);
    let ld = jsonld::read(&page.jsonld);
    let article = page.article_root();
    let mut m = Metadata {
        url: canonical(&page),
        ..Metadata::default()
    };
    // Without a crawl URL, the page's own canonical URL still tells the host and often
    // the date.
    let url = url.or(m.url.as_deref());

    m.site_name = site_name(&page, &ld, url);
    m.title = title(&page, &ld, article, m.site_name.as_deref(), url);
    if m.site_name.is_none() {
        m.site_name = page
            .title_tag
            .as_deref()
            .and_then(|t| title_parts(t).1)
            .or_else(|| url.and_then(host_name));
    }
    if let Some((d, src)) = date(&page, &ld, article, url) {
        m.date = Some(d);
        m.date_source = Some(src.to_string());
    }
    m.authors = authors::authors(&page, &ld, article, m.site_name.as_deref());
    m.language = language(&page, &ld);
    let (caption, credit) = caption(&page, article);
    m.caption = caption;
    m.credit = credit;
    m
}

// ---------------------------------------------------------------- site, language, url

fn site_name(page: &Page, ld: &jsonld::JsonLd, _url: Option<&str>) -> Option<String> {
    page.meta(&["og:site_name", "twitter:site_name"])
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| {
            page.meta(&["application-name", "apple-mobile-web-app-title"])
                .map(str::to_string)
        })
        .or_else(|| ld.website_name.clone())
        // "https://www.example.in" given as a name: the host is the name.
        .map(|s| {
            if s.contains("://") {
                host_name(&s).unwrap_or(s)
            } else {
                s
            }
        })
        .map(|s| site_first_part(&s))
        .filter(|s| !s.is_empty() && s.len() < 200)
}

/// "LinkNaija | Nigeria's popular news platform" → "LinkNaija": a site name with a
/// tagline or section list after a pipe or dash keeps its first part.
fn site_first_part(s: &str) -> String {
    if let Some((first, _)) = s.split_once(" | ") {
        if !first.trim().is_empty() {
            return first.trim().to_string();
        }
    }
    for sep in [" - ", " – ", " — "] {
        if let Some((first, rest)) = s.split_once(sep) {
            if !first.trim().is_empty() && rest.split_whitespace().count() >= 3 {
                return first.trim().to_string();
            }
        }
    }
    s.to_string()
}

/// `www.example.co.uk` → `example.co.uk`.
fn host_name(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn language(page: &Page, ld: &jsonld::JsonLd) -> Option<String> {
    let candidates = [
        page.html_lang.as_deref(),
        page.meta(&["content-language", "language", "dc.language", "og:locale"]),
        ld.in_language.as_deref(),
    ];
    candidates.into_iter().flatten().find_map(|l| {
        let code: String = l
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        (code.len() == 2).then_some(code)
    })
}

fn canonical(page: &Page) -> Option<String> {
    [page.canonical.as_deref(), page.meta(&["og:url"])]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| (u.starts_with("http://") || u.starts_with("https://")) && u.len() < 4000)
        .map(str::to_string)
}

// ---------------------------------------------------------------- title

const SEPARATORS: &[&str] = &[
    " | ", " - ", " — ", " – ", " :: ", " · ", " » ", " « ", " / ", " ~ ", " •",
];

/// Split a `<title>` into (headline, site) when it has a site-name suffix or prefix.
/// Without a known site name, only a short trailing part counts as the site.
fn title_parts(t: &str) -> (String, Option<String>) {
    let t = t.trim();
    let mut best: Option<(usize, &str)> = None;
    for sep in SEPARATORS {
        if let Some(i) = t.rfind(sep) {
            if best.is_none_or(|(b, _)| i > b) {
                best = Some((i, sep));
            }
        }
    }
    if let Some((i, sep)) = best {
        let head = t[..i].trim();
        let tail = t[i + sep.len()..].trim();
        let tail_words = tail.split_whitespace().count();
        if !head.is_empty()
            && !tail.is_empty()
            && tail_words <= 5
            && tail_words * 2 <= head.split_whitespace().count() + 2
        {
            // A remaining second separator ("Headline - Section | Site") also goes.
            let head = strip_trailing_section(head);
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    (t.to_string(), None)
}

fn strip_trailing_section(head: &str) -> &str {
    for sep in [" | ", " :: ", " » "] {
        if let Some(i) = head.rfind(sep) {
            let tail = &head[i + sep.len()..];
            if tail.split_whitespace().count() <= 3 && i > 0 {
                return head[..i].trim();
            }
        }
    }
    head
}

/// Remove a known site name from either end of a title.
fn strip_site(t: &str, site: Option<&str>, host: Option<&str>, tail: Option<&str>) -> String {
    let t = clean_ws(t);
    let mut names: Vec<String> = Vec::new();
    if let Some(s) = site {
        names.push(norm(s));
    }
    if let Some(s) = tail {
        names.push(norm(s));
    }
    if let Some(h) = host {
        // "nytimes.com" → "nytimes"
        let base = h.split('.').next().unwrap_or(h);
        names.push(norm(base));
        names.push(norm(h));
    }
    names.retain(|n| !n.is_empty());
    let matches_site = |part: &str| {
        let np = norm(part);
        let compact: String = np.chars().filter(|c| !c.is_whitespace()).collect();
        names.iter().any(|n| {
            let nc: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            np == *n
                || compact == nc
                || (np.len() > 3
                    && (n.contains(&np) || (np.contains(n.as_str()) && n.len() * 2 > np.len())))
        })
    };
    let mut seps: Vec<&str> = SEPARATORS.to_vec();
    seps.push(": ");
    for sep in &seps {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if !head.trim().is_empty() && matches_site(tail) {
                return strip_trailing_section(head.trim()).to_string();
            }
        }
        if let Some(i) = t.find(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if !tail.trim().is_empty() && matches_site(head) {
                return tail.trim().to_string();
            }
        }
    }
    t
}

/// Does the element contain a link to the site's home page (`/`, `./`, `index.html`)?
fn links_home(el: ElementRef) -> bool {
    el.descendants().filter_map(ElementRef::wrap).any(|a| {
        a.value().name() == "a"
            && a.value().attr("href").is_some_and(|h| {
                let h = h.trim();
                let path = h
                    .split_once("://")
                    .map_or(h, |(_, r)| r.find('/').map_or("/", |i| &r[i..]));
                matches!(path, "" | "/" | "./" | "/index.html" | "index.html")
            })
    })
}

/// "Dec 18 2025 Preparing a transition" → "Preparing a transition": a date shown inside
/// the headline element is not part of the headline.
fn strip_leading_date(t: &str) -> String {
    static LEADING_DATE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?i)^(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4})\s*[-–—|:·]?\s+")
            .expect("static regex")
    });
    match LEADING_DATE.find(t) {
        Some(m) if dates::parse_date(m.as_str()).is_some() && t.len() - m.end() > 8 => {
            t[m.end()..].to_string()
        }
        _ => t.to_string(),
    }
}

/// "Headline | Opinion" → "Headline": a short section label after a pipe.
fn strip_label_suffix(t: &str) -> String {
    if let Some(i) = t.rfind(" | ") {
        let tail = &t[i + 3..];
        if i > 0 && tail.split_whitespace().count() <= 4 {
            return t[..i].trim().to_string();
        }
    }
    t.to_string()
}

/// Do two titles say the same thing (same words, or one a prefix of the other)?
fn titles_agree(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.split(' ').count() >= 3 && (long.starts_with(short) || long.ends_with(short))
}

/// The visible headline: the `<h1>` a reader sees above the article. Chosen when it
/// agrees with a declared title, is inside the article, or is the page's only `<h1>`;
/// an `<h1>` that is just the site's name (a logo) is skipped.
fn headline_h1(
    page: &Page,
    article: Option<ElementRef>,
    cands: &[(u8, String)],
    site: Option<&str>,
    host: Option<&str>,
) -> Option<String> {
    let mut site_names: Vec<String> = Vec::new();
    if let Some(s) = site {
        site_names.push(norm(s));
    }
    if let Some(h) = host {
        site_names.push(norm(h));
        site_names.push(norm(h.split('.').next().unwrap_or(h)));
    }
    if let Some(t) = &page.title_tag {
        if let Some(tail) = title_parts(t).1 {
            site_names.push(norm(&tail));
        }
    }
    site_names.retain(|s| !s.is_empty());
    let h1s: Vec<(ElementRef, String)> = page
        .h1s
        .iter()
        .filter(|(h, _)| !in_boilerplate(*h))
        .map(|(h, _)| {
            let t = strip_label_suffix(&text_of(*h, 1000));
            (*h, strip_leading_date(&t))
        })
        .filter(|(_, t)| !t.is_empty() && t.len() < 400)
        .filter(|(_, t)| {
            let n = norm(t);
            let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            !site_names.iter().any(|s| {
                *s == n || s.chars().filter(|c| !c.is_whitespace()).collect::<String>() == compact
            })
        })
        .collect();
    if h1s.is_empty() {
        return None;
    }
    let norms: Vec<String> = cands.iter().map(|(_, t)| norm(t)).collect();
    if let Some((_, t)) = h1s
        .iter()
        .find(|(_, t)| norms.iter().any(|c| titles_agree(&norm(t), c)))
    {
        return Some(t.clone());
    }
    // An h1 no declared title confirms: a one-word h1 ("Blog", "Lorem") is a label, and
    // one linking to the home page or sitting in the page banner is the site's name.
    let plausible = |h: &ElementRef, t: &str| {
        cands.is_empty()
            || (t.split_whitespace().count() >= 2
                && !links_home(*h)
                && (inside(*h, article)
                    || !ancestors_match(**h, |a| {
                        a.name() == "header" || a.attr("role") == Some("banner")
                    })))
    };
    if let Some((_, t)) = h1s
        .iter()
        .find(|(h, t)| inside(*h, article) && plausible(h, t))
    {
        return Some(t.clone());
    }
    // A lone h1 outside the article that contradicts a title the page declares twice
    // (`og:title` = `<title>`) is a section banner ("Allergies Health Center").
    let declared_agree = norms
        .iter()
        .enumerate()
        .any(|(i, a)| !a.is_empty() && norms.iter().skip(i + 1).any(|b| titles_agree(a, b)));
    if h1s.len() == 1 && plausible(&h1s[0].0, &h1s[0].1) && (article.is_none() || !declared_agree) {
        return Some(h1s[0].1.clone());
    }
    None
}

fn title(
    page: &Page,
    ld: &jsonld::JsonLd,
    article: Option<ElementRef>,
    site: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    let host = url.and_then(host_name);
    let host = host.as_deref();
    // The part of <title> after its last separator names the site too ("… - Urge Fitness").
    let tail = page.title_tag.as_deref().and_then(|t| title_parts(t).1);
    let clean = |s: &str| strip_site(s, site, host, tail.as_deref());
    // (source weight for ties, text)
    let mut cands: Vec<(u8, String)> = Vec::new();
    if let Some(h) = ld.headline.as_ref().or(ld.name.as_ref()) {
        cands.push((4, clean(h)));
    }
    if let Some(t) = page.meta(&["og:title"]) {
        cands.push((3, clean(t)));
    }
    if let Some(t) = page.meta(&["twitter:title"]) {
        cands.push((2, clean(t)));
    }
    if let Some(t) = page.meta(&[
        "title",
        "dc.title",
        "dc:title",
        "dcterms.title",
        "dcterms:title",
        "dcterm:title",
        "headline",
        "sailthru.title",
        "parsely-title",
    ]) {
        cands.push((2, clean(t)));
    }
    if let Some(t) = &page.title_tag {
        let stripped = clean(t);
        let tt = if stripped == clean_ws(t) {
            title_parts(t).0
        } else {
            stripped
        };
        cands.push((1, tt));
    }
    if let Some(t) = &ld.page_name {
        cands.push((1, clean(t)));
    }
    cands.retain(|(_, t)| !t.trim().is_empty());
    if let Some(h) = headline_h1(page, article, &cands, site, host) {
        return Some(h);
    }
    if cands.is_empty() {
        return None;
    }
    let norms: Vec<String> = cands.iter().map(|(_, t)| norm(t)).collect();
    // Agreement: sources giving the same words; a candidate that another one starts with
    // (a truncated headline) gets half a vote.
    let mut best: Option<(u32, u8, usize)> = None;
    for (i, (w, _)) in cands.iter().enumerate() {
        if norms[i].is_empty() {
            continue;
        }
        let mut votes = 0u32;
        for (j, nj) in norms.iter().enumerate() {
            if i == j || nj.is_empty() {
                continue;
            }
            if *nj == norms[i] {
                votes += 2;
            } else if nj.starts_with(&norms[i]) || norms[i].starts_with(nj.as_str()) {
                votes += 1;
            }
        }
        let key = (votes, *w, i);
        if best.is_none_or(|(bv, bw, _)| (votes, *w) > (bv, bw)) {
            best = Some(key);
        }
    }
    let (votes, _, i) = best?;
    let _ = votes;
    cands.get(i).map(|(_, t)| t.clone())
}

// ---------------------------------------------------------------- date

const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "published_time",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "pub_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "article.published",
    "article_date_original",
    "date",
    "originalpublicationdate",
    "original-publish-date",
    "publication_date",
    "publication-date",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "datecreated",
    "article:created_time",
    "created",
    "displaydate",
    "timestamp",
];

const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "lastmod",
];

fn plausible(s: &str) -> Option<dates::FoundDate> {
    dates::parse_date_time(s).filter(|f| dates::is_plausible(f.date))
}

fn date(
    page: &Page,
    ld: &jsonld::JsonLd,
    article: Option<ElementRef>,
    url: Option<&str>,
) -> Option<(String, &'static str)> {
    let url_date = url
        .and_then(dates::date_from_url)
        .filter(|d| dates::is_plausible(*d));
    let structured: Option<(dates::FoundDate, &'static str)> = ld
        .date_published
        .as_deref()
        .and_then(plausible)
        .map(|f| (f, "json-ld"))
        .or_else(|| {
            PUBLISHED_META
                .iter()
                .find_map(|k| page.meta(&[k]).and_then(plausible))
                .map(|f| (f, "meta"))
        })
        .or_else(|| {
            ld.date_created
                .as_deref()
                .and_then(plausible)
                .map(|f| (f, "json-ld"))
        })
        .or_else(|| {
            ld.page_date_published
                .as_deref()
                .and_then(plausible)
                .map(|f| (f, "json-ld"))
        })
        .or_else(|| time_element(page, article).map(|f| (f, "time")))
        .or_else(|| itemprop_date(page).map(|f| (f, "meta")));
    let day_first = day_first(page);
    let visible = headline_date(page, article, day_first);
    if let Some((f, src)) = structured {
        if let Some(u) = url_date {
            if (f.date - u).num_days().abs() == 1 {
                return Some((u.format("%Y-%m-%d").to_string(), "url"));
            }
        }
        return Some((f.to_iso(), src));
    }
    if let Some(u) = url_date {
        return Some((u.format("%Y-%m-%d").to_string(), "url"));
    }
    if let Some((f, false)) = &visible {
        return Some((f.to_iso(), "text"));
    }
    if let Some(f) = text_date(page, article, day_first) {
        return Some((f.to_iso(), "text"));
    }
    if let Some(f) = article_start_date(page, article, day_first) {
        return Some((f.to_iso(), "text"));
    }
    if let Some((f, true)) = &visible {
        return Some((f.to_iso(), "text"));
    }
    if let Some(f) = ld.date_modified.as_deref().and_then(plausible) {
        return Some((f.to_iso(), "json-ld"));
    }
    if let Some(f) = MODIFIED_META
        .iter()
        .find_map(|k| page.meta(&[k]).and_then(plausible))
    {
        return Some((f.to_iso(), "meta"));
    }
    // Any <time> at all, as a last resort.
    page.times
        .iter()
        .filter(|t| !in_boilerplate(el_of(t)))
        .find_map(|t| time_value(*t))
        .map(|f| (f.to_iso(), "time"))
}

/// The headline `<h1>`'s position among the page's text nodes.
pub(crate) fn headline_pos(page: &Page, article: Option<ElementRef>) -> Option<usize> {
    page.h1s
        .iter()
        .find(|(h, _)| inside(*h, article))
        .or_else(|| page.h1s.iter().find(|(h, _)| !in_boilerplate(*h)))
        .map(|(_, i)| *i)
}

/// Text nodes around the headline: the ones after it first (bylines and dates sit
/// under a headline), then the few before it (kickers, datelines above it).
pub(crate) fn near_headline<'p>(
    page: &'p Page,
    article: Option<ElementRef>,
) -> impl Iterator<Item = (usize, &'p str)> + 'p {
    let pos = headline_pos(page, article);
    let n = page.texts.len();
    let (after, before) = match pos {
        Some(p) => (
            p..(p + 40).min(n),
            (p.saturating_sub(25)..p.min(n)).rev().collect::<Vec<_>>(),
        ),
        None => (0..0, Vec::new()),
    };
    after
        .chain(before)
        .filter_map(move |i| page.texts.get(i).map(|(_, t)| (i, *t)))
}

/// A date shown next to the headline ("Published July 21, 2014", "Last updated: Dec 12,
/// 2025"), and whether it is labelled as an update (then only used when no other date is
/// shown).
fn headline_date(
    page: &Page,
    article: Option<ElementRef>,
    day_first: bool,
) -> Option<(dates::FoundDate, bool)> {
    let mut updated = None;
    for (i, t) in near_headline(page, article) {
        if t.len() > 100 {
            continue;
        }
        let Some(f) = dates::find_dates_day_first(t, day_first)
            .into_iter()
            .find(|f| dates::is_plausible(f.date))
        else {
            continue;
        };
        // The element holding the text may say what the date is ("updated", itemprop
        // "dateModified") even when the text does not.
        let holder_is_update = page
            .texts
            .get(i)
            .and_then(|(id, _)| page.tree_parent(*id))
            .is_some_and(|e| {
                let mut k = class_id(e.value());
                if let Some(ip) = e.value().attr("itemprop") {
                    k.push(' ');
                    k.push_str(&ip.to_ascii_lowercase());
                }
                k.contains("updat") || k.contains("modif")
            });
        if holder_is_update {
            if updated.is_none() {
                updated = Some((f, true));
            }
            continue;
        }
        let label = {
            let mut l = t.to_lowercase();
            if let Some((_, prev)) = i.checked_sub(1).and_then(|j| page.texts.get(j)) {
                // A pure label before the date ("Last updated:"), not another date.
                if prev.len() < 40 && dates::find_dates(prev).is_empty() {
                    l.push(' ');
                    l.push_str(&prev.to_lowercase());
                }
            }
            l
        };
        if label.contains("updat") || label.contains("modif") || label.contains("edited") {
            if updated.is_none() {
                updated = Some((f, true));
            }
            continue;
        }
        return Some((f, false));
    }
    updated
}

/// A short line carrying a date among the first text of the article ("December 17,
/// 2025" under an author's name): body sentences are longer, so only lines of a few
/// words count.
fn article_start_date(
    page: &Page,
    article: Option<ElementRef>,
    day_first: bool,
) -> Option<dates::FoundDate> {
    let root = article?;
    let tree = root.tree();
    page.texts
        .iter()
        .filter(|(id, _)| {
            tree.get(*id)
                .is_some_and(|n| n.ancestors().any(|a| a.id() == root.id()))
        })
        .take(80)
        .filter(|(_, t)| t.len() <= 60)
        .find_map(|(_, t)| {
            dates::find_dates_day_first(t, day_first)
                .into_iter()
                .find(|f| dates::is_plausible(f.date))
        })
}

/// Do the page's visible numeric dates put the day first? Everywhere but the US (and
/// pages that only say "en") does.
fn day_first(page: &Page) -> bool {
    let lang = page
        .html_lang
        .as_deref()
        .or_else(|| page.meta(&["og:locale", "content-language"]))
        .unwrap_or("en")
        .trim()
        .to_ascii_lowercase()
        .replace('_', "-");
    !(lang.is_empty() || lang == "en" || lang.starts_with("en-us") || lang.starts_with("es-us"))
}

fn time_value(t: ElementRef) -> Option<dates::FoundDate> {
    t.value()
        .attr("datetime")
        .and_then(plausible)
        .or_else(|| plausible(&text_of(t, 200)))
}

fn time_element(page: &Page, article: Option<ElementRef>) -> Option<dates::FoundDate> {
    let is_pub = |t: &ElementRef| {
        let e = t.value();
        e.attr("pubdate").is_some()
            || e.attr("itemprop")
                .is_some_and(|i| i.eq_ignore_ascii_case("datepublished"))
            || class_id(e).contains("publish")
    };
    let is_mod = |t: &ElementRef| {
        let e = t.value();
        let ci = class_id(e);
        ci.contains("updat")
            || ci.contains("modif")
            || e.attr("itemprop")
                .is_some_and(|i| i.eq_ignore_ascii_case("datemodified"))
    };
    if let Some(f) = page
        .times
        .iter()
        .filter(|t| is_pub(t))
        .find_map(|t| time_value(*t))
    {
        return Some(f);
    }
    // Inside the article (its header first), not in comments or related lists.
    let in_article: Vec<&ElementRef> = page
        .times
        .iter()
        .filter(|t| inside(**t, article) && !is_mod(t))
        .filter(|t| !in_boilerplate(el_of(t)))
        .collect();
    if let Some(f) = in_article
        .iter()
        .filter(|t| {
            ancestors_match(*el_of(t), |a| {
                a.name() == "header" || class_id(a).contains("header")
            })
        })
        .find_map(|t| time_value(**t))
    {
        return Some(f);
    }
    in_article.iter().find_map(|t| time_value(**t))
}

fn itemprop_date(page: &Page) -> Option<dates::FoundDate> {
    page.itemprops
        .iter()
        .filter(|(k, _)| {
            k.split_whitespace()
                .any(|k| k == "datepublished" || k == "datecreated")
        })
        .find_map(|(_, el)| {
            let e = el.value();
            e.attr("content")
                .or_else(|| e.attr("datetime"))
                .and_then(plausible)
                .or_else(|| plausible(&text_of(*el, 200)))
        })
}

static PUBLISHED_TEXT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:published|posted|updated|last updated|modified|on|dated|date|veröffentlicht|publié|publicado|pubblicato)\b")
        .expect("static regex")
});

/// A date shown in a date- or byline-classed element, preferring ones in the article and
/// ones not labelled as an update.
fn text_date(
    page: &Page,
    article: Option<ElementRef>,
    day_first: bool,
) -> Option<dates::FoundDate> {
    let mut fallback = None;
    for el in page
        .date_els
        .iter()
        .filter(|e| !in_boilerplate(el_of(e)))
        .take(60)
    {
        let text = text_of(*el, 400);
        if text.is_empty() || text.len() > 300 {
            continue;
        }
        let found = dates::find_dates_day_first(&text, day_first);
        // "Updated Jan 2 … Published Jan 1": prefer the one after "published".
        let pick = if found.len() > 1 {
            let lower = text.to_lowercase();
            found
                .iter()
                .find(|f| {
                    let before = lower.get(..f.start).unwrap_or("");
                    let tail: String = before
                        .chars()
                        .rev()
                        .take(30)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect();
                    tail.contains("publi") || tail.contains("posted")
                })
                .or(found.first())
                .cloned()
        } else {
            found.into_iter().next()
        };
        let Some(f) = pick.filter(|f| dates::is_plausible(f.date)) else {
            continue;
        };
        let _ = &PUBLISHED_TEXT;
        if inside(*el, article) || article.is_none() {
            return Some(f);
        }
        if fallback.is_none() {
            fallback = Some(f);
        }
    }
    fallback
}

// ---------------------------------------------------------------- caption

static CREDIT_TAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:\(\s*((?:[^()]*?\b(?:photo|photograph|image|picture|foto|credit|illustration|courtesy|file)\b[^()]*|[^()]*/(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Shutterstock)))\s*\)|\b((?:photo(?:graph)?s?|image|picture|credit|foto|bild|illustration)\s*(?:credit)?\s*[:：]\s*[^.]{2,120})|(©\s*[^.]{2,120})|((?:courtesy of|getty images|shutterstock)[^.]{0,80}))\s*\.?\s*$",
    )
    .expect("static regex")
});
/// A credit label left at the end of a caption once the credit itself was taken out.
static CAPTION_LABEL_TAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*\(?\b(?:(?:image|photo(?:graph)?|picture|foto)\s*(?:source|credit)?|source|credit)s?\s*[:：]\s*\)?\s*$")
        .expect("static regex")
});
static CREDIT_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:photo(?:graph)?s?|image|picture|credit|foto|bild|illustration)\s*(?:credit)?\s*[:：]\s*")
        .expect("static regex")
});

fn is_credit_class(e: &scraper::node::Element) -> bool {
    class_flags(e) & CREDIT != 0
}

fn caption(page: &Page, article: Option<ElementRef>) -> (Option<String>, Option<String>) {
    let figure = page
        .figures
        .iter()
        .find(|f| inside(**f, article))
        .or_else(|| {
            page.figures.iter().find(|f| {
                !ancestors_match(*el_of(f), |a| {
                    is_boilerplate_container(a) || matches!(a.name(), "header" | "nav")
                })
            })
        });
    let cap_el: Option<ElementRef> = match figure {
        Some(f) => f
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "figcaption")
            .or_else(|| {
                f.descendants()
                    .filter_map(ElementRef::wrap)
                    .find(|e| class_id(e.value()).contains("caption"))
            }),
        None => page
            .loose_captions
            .iter()
            .find(|c| inside(**c, article))
            .copied(),
    };
    let scope = cap_el.or(figure.copied());
    let Some(scope) = scope else {
        return (None, None);
    };
    // Credit element inside the caption (or figure).
    let credit_el = figure
        .copied()
        .unwrap_or(scope)
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| is_credit_class(e.value()) && e.value().name() != "figure");
    let mut credit = credit_el
        .map(|c| text_of(c, 400))
        .filter(|c| !c.is_empty() && c.len() < 300);
    let mut cap = cap_el.map(|c| text_of(c, 2000)).unwrap_or_default();
    if let Some(c) = &credit {
        if let Some(i) = cap.rfind(c.as_str()) {
            cap = format!("{}{}", &cap[..i], &cap[i + c.len()..]);
            cap = clean_ws(&cap);
        }
    }
    if credit.is_none() {
        if let Some(m) = CREDIT_TAIL.captures(&cap) {
            if let (Some(whole), Some(inner)) =
                (m.get(0), m.get(1).or(m.get(2)).or(m.get(3)).or(m.get(4)))
            {
                let inner_text = inner.as_str().trim().to_string();
                let start = whole.start();
                credit = Some(inner_text);
                cap = clean_ws(cap.get(..start).unwrap_or(""));
            }
        }
    }
    let credit = credit
        .map(|c| {
            let c = c.trim_matches(|ch: char| ch == '(' || ch == ')' || ch.is_whitespace());
            clean_ws(
                CREDIT_LABEL
                    .replace(c, "")
                    .trim_matches(|ch: char| ch == '(' || ch == ')'),
            )
        })
        .filter(|c| !c.is_empty());
    let cap = CAPTION_LABEL_TAIL.replace(&cap, "");
    let cap = cap
        .trim_end_matches(['|', '-', '—', '/'])
        .trim()
        .to_string();
    ((!cap.is_empty()).then_some(cap), credit)
}

#[cfg(test)]
mod tests;
