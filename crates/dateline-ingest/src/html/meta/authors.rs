//! Authors: who wrote the article, as a clean list of names.

use once_cell::sync::Lazy;
use regex::Regex;
use scraper::ElementRef;

use super::{clean_ws, in_boilerplate, inside, jsonld::JsonLd, text_of, Page};

static BY_PREFIX: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:written|posted|reported|story|text|words|published|reviewed|edited|compiled|photos?)\s+)?(?:by|von|par|por|door|av|af)\b\s*[:\-–]?\s*|^(?:authors?|autor(?:in|es)?|auteur|writer|byline|posted)\s*[:\-–]\s*|^(?:Author|Writer)\s+|^(?:текст|автор|фото)\s*:\s*|^&\s*")
        .expect("static regex")
});
static SPLIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*(?:;|\||,?\s+and\s+|,?\s+und\s+|,?\s+et\s+|,?\s+y\s+|\s+&\s+|&amp;|\s+with\s+|\n)\s*")
        .expect("static regex")
});
/// Credentials and suffixes that follow a name after a comma ("Jane Doe, MD").
static CREDENTIAL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z]{0,3}\.?(?:[A-Z][a-z]?\.?){0,3}|Jr\.?|Sr\.?|I{2,3}|IV|Ph\.?\s?D\.?|M\.?\s?D\.?|[A-Z]{2,6}®?)$")
        .expect("static regex")
});
static EMAIL: Lazy<Regex> = Lazy::new(|| Regex::new(r"\S+@\S+\.\S+").expect("static regex"));
/// Where a byline's name part ends: a date, a time, "Updated", "Published", "|".
static TAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\s*(?:\b(?:updated|published|posted|last updated|on|at)\b\s*[:\-]?\s*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)|\b\d{1,2}[:/.]\d{2}|\b(?:19|20)\d{2}\b|\b\d+\s+(?:min|minute|hour|day)s?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\s\d+\s*$).*$")
        .expect("static regex")
});

/// "andrew.keaveney", "page.head.extra.author": handles and template keys, not names.
static DOTTED: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$").expect("static regex"));
static WEEKDAY_MONTH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|jun[e]?|jul[y]?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|today|yesterday)\.?$")
        .expect("static regex")
});
static ROLE_TAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\s+(?:(?:Senior|Staff|Contributing|Associate|Managing|Guest|Freelance)\s+)?(?:Writer|Editor|Reporter|Contributor|Correspondent|Columnist|Sponsored)$")
        .expect("static regex")
});

const JUNK: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "editor",
    "editors",
    "guest",
    "anonymous",
    "unknown",
    "user",
    "author",
    "by",
    "webmaster",
    "null",
    "none",
    "share",
    "follow",
    "more",
];

fn is_url(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || s.starts_with('/')
}

/// Clean one author string into names.
pub(crate) fn clean_names(raw: &str) -> Vec<String> {
    let mut s = clean_ws(raw);
    if s.is_empty() || s.len() > 400 || is_url(&s) {
        return Vec::new();
    }
    s = EMAIL.replace_all(&s, " ").to_string();
    for _ in 0..2 {
        s = BY_PREFIX.replace(s.trim(), "").to_string();
    }
    s = TAIL.replace(&s, "").to_string();
    let mut out: Vec<String> = Vec::new();
    for part in SPLIT.split(&s) {
        // Commas split names too, unless what follows is a credential.
        for piece in part.split(',') {
            let piece = piece
                .trim()
                .trim_matches(|c: char| {
                    matches!(
                        c,
                        '-' | '–' | '—' | ':' | '·' | '•' | '(' | ')' | '"' | '\''
                    )
                })
                .trim();
            if piece.is_empty() {
                continue;
            }
            // "Tom Krisher, AP Auto Writer": a job title after the name, not a person.
            if !out.is_empty() && ROLE_TAIL.is_match(piece) {
                continue;
            }
            if let Some(last) = out.last_mut() {
                if CREDENTIAL.is_match(piece) {
                    last.push_str(", ");
                    last.push_str(piece);
                    continue;
                }
            }
            out.push(piece.to_string());
        }
    }
    if out.len() > 1 {
        out.retain(|n| !DOMAIN_NAME.is_match(n));
    }
    for n in out.iter_mut() {
        // Job titles after a dash or pipe, and a trailing role word, are not the name.
        if let Some(i) = n
            .find(" - ")
            .or_else(|| n.find(" – "))
            .or_else(|| n.find(" | "))
        {
            n.truncate(i);
        }
        let cut = ROLE_TAIL.replace(n.trim(), "").trim().to_string();
        // "SFist Contributor" is a byline of its own; "Jane Doe Writer" is a name + role.
        if cut.split_whitespace().count() >= 2 {
            *n = cut;
        }
    }
    out.retain(|n| {
        let lower = n.to_lowercase();
        let words = n.split_whitespace().count();
        !n.is_empty()
            && !JUNK.contains(&lower.as_str())
            && !DOTTED.is_match(n)
            && !n.starts_with(|c: char| c.is_ascii_digit())
            && !WEEKDAY_MONTH.is_match(n)
            && !is_url(n)
            && n.chars().any(char::is_alphabetic)
            && n.chars().filter(char::is_ascii_digit).count() < 3
            && words <= 8
            && n.len() <= 100
    });
    out
}

const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "von", "da", "di", "du", "la", "le", "del", "dos", "das", "bin",
    "al", "el", "ter", "ten", "y", "e", "of", "the",
];

/// Does a visible text look like a person's name: a few words, capitalised (particles
/// like "van der" aside)? Structured sources are trusted without this check.
fn looks_like_name(n: &str) -> bool {
    let words: Vec<&str> = n
        .split(',')
        .next()
        .unwrap_or(n)
        .split_whitespace()
        .collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase()
                || !first.is_alphabetic() && first != ' '
                || PARTICLES.contains(&w.to_lowercase().as_str())
                || !first.is_ascii()
        })
}

fn visible_names(raw: &str) -> Vec<String> {
    let names = clean_names(raw);
    if names.iter().all(|n| looks_like_name(n)) {
        names
    } else {
        Vec::new()
    }
}

/// "Cleveland.com", "Futurism.org": a publication listed among the authors.
static DOMAIN_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\S+\.(?:com|org|net|co\.uk|info|io|news)$").expect("static regex")
});

fn push_unique(out: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        let key = super::norm(&n);
        if key.is_empty() {
            continue;
        }
        if !out.iter().any(|o| super::norm(o) == key) {
            out.push(n);
        }
    }
}

fn from_strings<'s>(items: impl Iterator<Item = &'s str>) -> Vec<String> {
    let mut out = Vec::new();
    for s in items {
        push_unique(&mut out, clean_names(s));
    }
    out
}

const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "article:author_name",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dc:creator",
    "dcterms:creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "twitter:data1",
    "cxenseparse:author",
    "og:article:author",
    "book:author",
];

fn element_names(el: ElementRef) -> Vec<String> {
    // itemprop=author often wraps itemprop=name.
    let name_el = el.descendants().filter_map(ElementRef::wrap).find(|e| {
        e.value()
            .attr("itemprop")
            .is_some_and(|i| i.eq_ignore_ascii_case("name"))
    });
    if let Some(n) = name_el {
        let c = n
            .value()
            .attr("content")
            .map(str::to_string)
            .unwrap_or_else(|| text_of(n, 300));
        return clean_names(&c);
    }
    if let Some(c) = el.value().attr("content") {
        return clean_names(c);
    }
    let t = text_of(el, 400);
    if t.len() > 200 {
        return Vec::new();
    }
    clean_names(&t)
}

static BY_START: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:written|posted|reported|story|words|article|post|text)\s+)?(?:by|von|par|por|door)\b\s*:?\s*(.*)$|^(?:authors?|autor(?:in)?|auteur|written by)\s*:\s*(.*)$")
        .expect("static regex")
});

/// A visible byline next to the headline: a text starting with "By" (or a lone "By" /
/// "Written by" / "Author:" label followed by the name).
fn headline_byline(page: &Page, article: Option<ElementRef>) -> Vec<String> {
    for (i, t) in super::near_headline(page, article) {
        if t.len() > 150 {
            continue;
        }
        let Some(c) = BY_START.captures(t) else {
            continue;
        };
        let rest = c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).trim();
        let text = if rest.is_empty() || rest == ":" {
            // The name is in the following text node(s): "By <a>Jane Doe</a> and <a>…</a>".
            let mut joined = String::new();
            for j in i + 1..(i + 6).min(page.texts.len()) {
                let (_, next) = page.texts[j];
                if joined.len() + next.len() > 200 {
                    break;
                }
                joined.push_str(next);
                joined.push(' ');
                let lower = next.trim().to_lowercase();
                if !(lower == "and" || lower == "&" || lower == "," || next.trim().ends_with(',')) {
                    // Continue only across joiners ("A and B").
                    if j + 1 < page.texts.len() {
                        let nxt = page.texts[j + 1].1.trim().to_lowercase();
                        if !(nxt == "and"
                            || nxt == "&"
                            || nxt == ","
                            || nxt.starts_with("and ")
                            || nxt.starts_with(", "))
                        {
                            break;
                        }
                    }
                }
            }
            joined
        } else {
            rest.to_string()
        };
        let names = visible_names(&text);
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// Decide the authors from the page's evidence.
pub(crate) fn authors(
    page: &Page,
    ld: &JsonLd,
    article: Option<ElementRef>,
    site: Option<&str>,
) -> Vec<String> {
    // An author that is the publisher itself ("USA TODAY", "Cleveland Clinic") is kept
    // only when no person is named on the page.
    let orgs: Vec<String> = [site, ld.publisher.as_deref(), ld.website_name.as_deref()]
        .into_iter()
        .flatten()
        .map(super::norm)
        .filter(|n| !n.is_empty())
        .collect();
    let is_org = |names: &[String]| {
        names.iter().all(|n| {
            let k = super::norm(n);
            orgs.iter()
                .any(|o| *o == k || (k.len() > 3 && o.contains(&k)))
        })
    };
    let from_ld = from_strings(ld.authors.iter().map(String::as_str));
    if !from_ld.is_empty() && !ld.author_is_org && !is_org(&from_ld) {
        return from_ld;
    }
    // twitter:data1 is only an author when labelled so.
    let metas = AUTHOR_META.iter().flat_map(|k| {
        page.meta_all(k).filter(move |_| {
            *k != "twitter:data1"
                || page.meta(&["twitter:label1"]).is_some_and(|l| {
                    l.to_lowercase().contains("writ") || l.to_lowercase().contains("author")
                })
        })
    });
    let from_meta = from_strings(metas);
    if !from_meta.is_empty() && !is_org(&from_meta) {
        return from_meta;
    }
    let near = headline_byline(page, article);
    if !near.is_empty() {
        return near;
    }
    let mut visible = Vec::new();
    for (k, el) in &page.itemprops {
        if k.split_whitespace()
            .any(|k| k == "author" || k == "creator")
            && !in_boilerplate(*el)
        {
            push_unique(&mut visible, element_names(*el));
        }
    }
    if visible.is_empty() {
        for el in page.rel_authors.iter().filter(|e| !in_boilerplate(**e)) {
            push_unique(&mut visible, visible_names(&text_of(*el, 300)));
        }
    }
    if visible.is_empty() {
        // Links to author pages, those in the article first.
        let links: Vec<&ElementRef> = page
            .author_links
            .iter()
            .filter(|e| !in_boilerplate(**e))
            .collect();
        // Outside the article such links are teasers of other stories or account menus.
        let first_in_article = if article.is_some() {
            links.iter().find(|e| inside(***e, article))
        } else {
            links.first()
        };
        if let Some(el) = first_in_article {
            push_unique(&mut visible, visible_names(&text_of(**el, 300)));
        }
    }
    if visible.is_empty() {
        // Innermost byline elements first inside the article, then anywhere.
        let cands: Vec<&ElementRef> = page
            .bylines
            .iter()
            .filter(|e| !in_boilerplate(**e))
            .filter(|e| {
                !matches!(
                    e.value().name(),
                    "body" | "html" | "article" | "main" | "img" | "a" | "section"
                )
            })
            .collect();
        let in_art: Vec<&&ElementRef> = cands.iter().filter(|e| inside(***e, article)).collect();
        let ordered: Vec<&ElementRef> = if in_art.is_empty() {
            cands.clone()
        } else {
            in_art.into_iter().copied().collect()
        };
        // Elements named for the name itself ("author-name") before whole bylines.
        let mut ordered = ordered;
        ordered.sort_by_key(|e| !super::class_id(e.value()).contains("name"));
        for el in ordered.into_iter().take(20) {
            let mut t = text_of(*el, 400);
            if t.is_empty() || t.len() > 150 {
                continue;
            }
            if BY_START.captures(&t).is_some_and(|c| {
                c.get(1)
                    .or(c.get(2))
                    .is_none_or(|m| m.as_str().trim().is_empty())
            }) {
                // A label ("Written by"): the name follows in the next element.
                if let Some(next) = el.next_siblings().find_map(ElementRef::wrap) {
                    t = text_of(next, 400);
                }
            }
            let names = visible_names(&t);
            if !names.is_empty() {
                push_unique(&mut visible, names);
                break;
            }
        }
    }
    // "Brian Truitt USA TODAY": a visible byline often runs on into the publisher's name.
    for n in visible.iter_mut() {
        let lower = n.to_lowercase();
        for o in [site, ld.publisher.as_deref()].into_iter().flatten() {
            let o = o.to_lowercase();
            if o.len() >= 3 && lower.len() > o.len() + 3 && lower.ends_with(&o) {
                let cut = n.len() - o.len();
                if n.is_char_boundary(cut) {
                    n.truncate(cut);
                    *n = n
                        .trim()
                        .trim_end_matches([',', '-', '|', '/'])
                        .trim()
                        .to_string();
                }
                break;
            }
        }
    }
    visible.retain(|n| !n.is_empty());
    if !visible.is_empty() {
        return visible;
    }
    if from_ld.is_empty() {
        from_meta
    } else {
        from_ld
    }
}

#[cfg(test)]
mod tests {
    use super::clean_names;

    #[test]
    fn cleans_bylines() {
        assert_eq!(
            clean_names("By Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            clean_names("By JANE DOE, JOHN ROE & ANN LEE"),
            vec!["JANE DOE", "JOHN ROE", "ANN LEE"]
        );
        assert_eq!(
            clean_names("Jillian Kubala, MS, RD"),
            vec!["Jillian Kubala, MS, RD"]
        );
        assert_eq!(clean_names("By Jane Doe | July 21, 2014"), vec!["Jane Doe"]);
        assert_eq!(clean_names("Jane Doe Updated 8:00 AM"), vec!["Jane Doe"]);
        assert_eq!(clean_names("jane@example.com"), Vec::<String>::new());
        assert_eq!(
            clean_names("https://facebook.com/jane"),
            Vec::<String>::new()
        );
        assert_eq!(clean_names("Staff"), Vec::<String>::new());
        assert_eq!(clean_names("Written by: Jane Doe"), vec!["Jane Doe"]);
        assert_eq!(
            clean_names("TOM KRISHER, AP Auto Writer"),
            vec!["TOM KRISHER"]
        );
        assert_eq!(clean_names("Jane Doe Staff Writer"), vec!["Jane Doe"]);
        assert_eq!(
            clean_names("Troy L. Smith, Cleveland.com"),
            vec!["Troy L. Smith"]
        );
    }
}
