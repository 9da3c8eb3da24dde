//! schema.org JSON-LD (`<script type="application/ld+json">`): the publisher's own
//! structured statement of headline, dates, authors and publisher.
//!
//! Pages get JSON-LD wrong often: trailing commas, raw newlines inside strings, HTML
//! comments or CDATA wrappers, several objects pasted one after another. Parsing is
//! tolerant of those; anything still unreadable is skipped. Objects are collected from
//! top-level arrays, `@graph`, `mainEntity(OfPage)` and nested values, and `@id`
//! references (`"author": {"@id": "#person"}`) are resolved within the page.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;
use serde_json::Value;

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default, Clone)]
pub struct JsonLd {
    pub headline: Option<String>,
    /// `name` of the article object (used when no `headline`).
    pub name: Option<String>,
    pub date_published: Option<String>,
    pub date_created: Option<String>,
    pub date_modified: Option<String>,
    pub authors: Vec<String>,
    /// `@type` of the first author (`Person`, `Organization`), when given.
    pub author_is_org: bool,
    pub publisher: Option<String>,
    /// `WebSite` name, a weaker site-name hint.
    pub website_name: Option<String>,
    pub in_language: Option<String>,
    /// A WebPage object's headline/name and dates, used when no article object exists.
    pub page_name: Option<String>,
    pub page_date_published: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "socialmediaposting",
    "discussionforumposting",
    "medicalwebpage",
    "review",
    "howto",
    "recipe",
    "podcastepisode",
    "videoobject",
    "creativework",
];

static TRAILING_COMMA: Lazy<Regex> =
    Lazy::new(|| Regex::new(r",(\s*[}\]])").expect("static regex"));

fn types_of(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(|s| s.to_ascii_lowercase()))
            .collect(),
        _ => Vec::new(),
    }
}

fn type_rank(v: &Value) -> Option<usize> {
    let types = types_of(v);
    types
        .iter()
        .filter_map(|t| {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            ARTICLE_TYPES.iter().position(|a| *a == t).or_else(|| {
                // Unknown *Article types (e.g. "SatiricalArticle") still count.
                t.ends_with("article").then_some(0)
            })
        })
        .min()
}

fn is_type(v: &Value, name: &str) -> bool {
    types_of(v)
        .iter()
        .any(|t| t.rsplit(['/', ':']).next().unwrap_or(t) == name)
}

/// Parse one script body, tolerating common breakage.
fn parse_script(raw: &str) -> Vec<Value> {
    let mut s = raw.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.trim_start();
            s = s.strip_suffix(close).unwrap_or(s).trim_end();
        }
    }
    if let Ok(v) = serde_json::from_str::<Value>(s) {
        return vec![v];
    }
    // Raw control characters inside strings are the commonest breakage; JSON allows
    // whitespace anywhere between tokens, so replacing them with spaces is safe.
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cleaned = TRAILING_COMMA.replace_all(&cleaned, "$1");
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_str(&cleaned).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => out.push(v),
            Err(_) => break,
        }
    }
    out
}

/// Flatten every object (arrays, `@graph`, nested values) into `out`, depth-bounded.
fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 || out.len() > 500 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            for (k, x) in o {
                // Authors and publishers are read from their parent; everything else
                // nested (graph, mainEntity, hasPart, itemListElement) is searched.
                if matches!(k.as_str(), "author" | "creator" | "publisher" | "image") {
                    continue;
                }
                if x.is_object() || x.is_array() {
                    collect(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().map(str::to_string)),
        Value::Object(o) => o.get("@value").and_then(|x| x.as_str()).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .map(|s| super::clean_ws(&super::decode_entities(&s)))
    .filter(|s| !s.is_empty())
}

fn name_of(v: &Value, ids: &HashMap<&str, &Value>) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(_) => {
            let v = resolve(v, ids);
            str_of(v.get("name"))
                .or_else(|| {
                    let given = str_of(v.get("givenName"))?;
                    let family = str_of(v.get("familyName")).unwrap_or_default();
                    Some(format!("{given} {family}"))
                })
                .or_else(|| str_of(v.get("legalName")))
        }
        _ => None,
    }
    .map(|s| super::clean_ws(&super::decode_entities(&s)))
    .filter(|s| !s.is_empty())
}

fn resolve<'a>(v: &'a Value, ids: &HashMap<&str, &'a Value>) -> &'a Value {
    if v.get("name").is_none() {
        if let Some(target) = v
            .get("@id")
            .and_then(|i| i.as_str())
            .and_then(|i| ids.get(i))
        {
            return target;
        }
    }
    v
}

/// Read every JSON-LD script body of a page.
pub fn read(scripts: &[String]) -> JsonLd {
    let values: Vec<Value> = scripts
        .iter()
        .filter(|s| s.len() < 2_000_000)
        .flat_map(|s| parse_script(s))
        .collect();
    let mut objects = Vec::new();
    for v in &values {
        collect(v, &mut objects, 0);
    }
    let mut ids: HashMap<&str, &Value> = HashMap::new();
    for o in &objects {
        if let Some(id) = o.get("@id").and_then(|i| i.as_str()) {
            if o.as_object().is_some_and(|m| m.len() > 2) {
                ids.entry(id).or_insert(o);
            }
        }
    }
    let mut out = JsonLd::default();

    // The article object: the best-ranked article type; ties go to the first one, and
    // one with a headline beats one without.
    let article = objects
        .iter()
        .filter_map(|o| type_rank(o).map(|r| (r, o)))
        .min_by_key(|(r, o)| {
            (
                o.get("headline").is_none() && o.get("datePublished").is_none(),
                *r,
            )
        })
        .map(|(_, o)| *o);
    if let Some(a) = article {
        out.headline = str_of(a.get("headline"));
        out.name = str_of(a.get("name"));
        out.date_published = str_of(a.get("datePublished"));
        out.date_created = str_of(a.get("dateCreated"));
        out.date_modified = str_of(a.get("dateModified"));
        out.in_language = str_of(a.get("inLanguage"));
        let author = a.get("author").or_else(|| a.get("creator"));
        if let Some(author) = author {
            let list: Vec<&Value> = match author {
                Value::Array(v) => v.iter().collect(),
                other => vec![other],
            };
            if let Some(first) = list.first() {
                let first = resolve(first, &ids);
                out.author_is_org = is_type(first, "organization")
                    || is_type(first, "newsmediaorganization")
                    || is_type(first, "corporation");
            }
            out.authors = list.iter().filter_map(|x| name_of(x, &ids)).collect();
        }
        if let Some(p) = a.get("publisher") {
            let p = match p {
                Value::Array(v) => v.first().unwrap_or(p),
                other => other,
            };
            out.publisher = name_of(p, &ids);
        }
    }
    for o in &objects {
        if is_type(o, "website") && out.website_name.is_none() {
            out.website_name = str_of(o.get("name"));
        }
        if (is_type(o, "webpage") || is_type(o, "itempage") || is_type(o, "collectionpage"))
            && out.page_name.is_none()
        {
            out.page_name = str_of(o.get("headline")).or_else(|| str_of(o.get("name")));
            out.page_date_published = str_of(o.get("datePublished"));
            if out.in_language.is_none() {
                out.in_language = str_of(o.get("inLanguage"));
            }
        }
    }
    if out.publisher.is_none() {
        out.publisher = objects
            .iter()
            .find(|o| is_type(o, "newsmediaorganization"))
            .and_then(|o| str_of(o.get("name")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_and_id_references() {
        let s = r##"{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","@id":"#site","name":"Example News"},
          {"@type":"Person","@id":"#p1","name":"Jane Doe","url":"https://x/jane"},
          {"@type":["NewsArticle"],"headline":"Big story","datePublished":"2014-07-21T08:00:00Z",
           "author":[{"@id":"#p1"},{"@type":"Person","name":"John Roe"}],
           "publisher":{"@type":"Organization","name":"Example News Ltd"}}]}"##;
        let j = read(&[s.to_string()]);
        assert_eq!(j.headline.as_deref(), Some("Big story"));
        assert_eq!(j.date_published.as_deref(), Some("2014-07-21T08:00:00Z"));
        assert_eq!(j.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(j.publisher.as_deref(), Some("Example News Ltd"));
        assert_eq!(j.website_name.as_deref(), Some("Example News"));
    }

    #[test]
    fn tolerates_broken_json() {
        let s = "<!-- {\"@type\":\"Article\",\"headline\":\"Line\nbreak\",\"author\":\"A B\",} -->";
        let j = read(&[s.to_string()]);
        assert_eq!(j.headline.as_deref(), Some("Line break"));
        assert_eq!(j.authors, vec!["A B"]);
        let j = read(&[
            "{{{{[[[".to_string(),
            "null".to_string(),
            "[1,2]".to_string(),
        ]);
        assert!(j.headline.is_none());
    }
}
