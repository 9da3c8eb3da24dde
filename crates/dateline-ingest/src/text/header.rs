//! What comes before the body: title, publisher, byline, date, and the lead photo's caption
//! and credit. All of it is read from the shapes of the lines around the body run chosen in
//! [`super`], never from a site's own wording.

use dateline_core::Article;
use once_cell::sync::Lazy;
use regex::Regex;

use super::{boiler, datefind, final_char, prose_words, Kind, Unit};

/// Where the body starts and which of its units are furniture (a mid-body photo caption).
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub body_start: usize,
    pub skip: Vec<usize>,
}

/// Leading furniture (caption + credit, byline, date line) moves out of the body only
/// while the prose before it is a small share of the run and at most this many words:
/// a dek and a caption, not the story.
const LEAD_MAX_WORDS: usize = 80;
const LEAD_MAX_SHARE_PCT: usize = 35;
/// A date line right after the body ("Posted on …" at the foot of a blog post) counts only
/// within this many units; further down are comment timestamps.
const FOOTER_DATE_UNITS: usize = 4;
/// A date line inside the body run counts only among its first units.
const IN_RUN_DATE_UNITS: usize = 12;

static CAPTION_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:image caption|photo caption|caption)\s*[:,]?\s+(\S.*)$")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// "Image caption Protesters gathered …" → the caption text.
pub(super) fn explicit_caption(text: &str) -> Option<String> {
    let c = CAPTION_LABEL.captures(text)?;
    Some(c.get(1)?.as_str().trim().to_string())
}

static PHOTO_CUE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:pictured|photographed|poses|posing|file photo|in this photo|in this image|is seen|are seen|(?:left|right|centre|center),)|\((?:left|right|centre|center|l|r|c)\))",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// A descriptive sentence that reads like a photo caption: it ends with a date, names the
/// people's positions in the picture, or says it is a photo.
fn caption_shaped(text: &str) -> bool {
    datefind::ends_with_date(text).is_some() || PHOTO_CUE.is_match(text)
}

/// Fill the header fields of `article` and say where the body starts.
pub(super) fn read(
    units: &[Unit],
    seg_start: usize,
    seg_end: usize,
    article: &mut Article,
) -> Layout {
    let mut layout = Layout {
        body_start: seg_start,
        skip: Vec::new(),
    };
    // 1. Leading furniture inside the run.
    let total: usize = units[seg_start..=seg_end].iter().map(prose_words).sum();
    let mut before = 0usize;
    for (i, u) in units.iter().enumerate().take(seg_end + 1).skip(seg_start) {
        if before > LEAD_MAX_WORDS {
            break;
        }
        // A byline or date line ends the header. A credit does when the unit above it is
        // the caption: the run's first unit, or caption-shaped. A credit after a first
        // paragraph and its photo's caption must not take that paragraph out of the body.
        let lead_photo = u.kind == Kind::Credit
            && i > seg_start
            && (i - 1 == seg_start || caption_shaped(&units[i - 1].text));
        if (u.kind == Kind::Meta || lead_photo) && before * 100 < total * LEAD_MAX_SHARE_PCT {
            layout.body_start = i + 1;
        }
        before += prose_words(u);
    }
    while layout.body_start < seg_end
        && !matches!(
            units[layout.body_start].kind,
            Kind::Prose | Kind::Sentence | Kind::List
        )
    {
        layout.body_start += 1;
    }

    // 2. Lead photo: a credit line just before the body, the unit before it its caption;
    //    or a caption with its credit in parentheses opening the run.
    let mut used: Vec<usize> = Vec::new();
    let mut j = layout.body_start;
    while j > 0 && matches!(units[j - 1].kind, Kind::Boiler | Kind::Meta) {
        j -= 1;
    }
    if j > 0 && units[j - 1].kind == Kind::Credit {
        let c = j - 1;
        article.credit = boiler::credit_line(&units[c].text);
        used.push(c);
        if c > 0
            && matches!(
                units[c - 1].kind,
                Kind::Prose | Kind::Sentence | Kind::Short
            )
            && units[c - 1].words >= 5
        {
            article.caption = Some(units[c - 1].text.clone());
            used.push(c - 1);
        }
    }
    if article.caption.is_none() && j > 0 {
        if let Some((cap, cred)) = boiler::split_inline_credit(&units[j - 1].text) {
            article.caption = Some(cap);
            article.credit = Some(cred);
            used.push(j - 1);
        }
    }
    if article.caption.is_none() && layout.body_start < seg_end {
        if let Some((cap, cred)) = boiler::split_inline_credit(&units[layout.body_start].text) {
            article.caption = Some(cap);
            article.credit = Some(cred);
            used.push(layout.body_start);
            layout.body_start += 1;
        }
    }
    if article.caption.is_none() {
        if let Some((i, cap)) = units
            .iter()
            .enumerate()
            .take(seg_end + 1)
            .find_map(|(i, u)| Some((i, explicit_caption(&u.text)?)))
        {
            article.caption = Some(cap);
            used.push(i);
            if article.credit.is_none() {
                let near = [i.wrapping_sub(1), i + 1];
                article.credit = near
                    .iter()
                    .filter_map(|&k| units.get(k))
                    .find(|u| u.kind == Kind::Credit)
                    .and_then(|u| boiler::credit_line(&u.text));
            }
        }
    }

    // 3. Mid-body photos: a caption-shaped unit before a credit line, or a unit ending in
    //    a parenthesized credit.
    for i in layout.body_start..=seg_end {
        let u = &units[i];
        if u.kind == Kind::Credit && i > layout.body_start {
            let prev = &units[i - 1];
            if matches!(prev.kind, Kind::Prose | Kind::Sentence) && caption_shaped(&prev.text) {
                layout.skip.push(i - 1);
            }
        }
        if matches!(u.kind, Kind::Prose | Kind::Sentence | Kind::Short)
            && u.words <= 60
            && boiler::split_inline_credit(&u.text).is_some()
        {
            layout.skip.push(i);
        }
    }

    // 4. Title, publisher, byline and date from the header.
    let title_idx = header_fields(units, layout.body_start, &used, article);
    publisher(units, title_idx, layout.body_start, seg_end, article);
    if article.date.is_none() {
        // A date line the body run swallowed (between a standfirst and the story).
        let run = units.get(seg_start..=seg_end).unwrap_or_default();
        if let Some(iso) = first_date(run.get(..IN_RUN_DATE_UNITS).unwrap_or(run)) {
            article.date = Some(iso);
            article.date_source = Some("text".to_string());
        }
    }
    if article.date.is_none() {
        if let Some(iso) = units
            .get(layout.body_start)
            .and_then(|u| dateline_date(&u.text))
        {
            article.date = Some(iso);
            article.date_source = Some("text".to_string());
        }
    }
    if article.date.is_none() {
        if let Some(iso) = article
            .caption
            .as_deref()
            .and_then(datefind::ends_with_date)
        {
            article.date = Some(iso);
            article.date_source = Some("caption".to_string());
        }
    }
    if article.date.is_none() {
        if let Some(iso) = first_date(
            units
                .get(seg_end + 1..)
                .unwrap_or_default()
                .get(..FOOTER_DATE_UNITS)
                .unwrap_or(units.get(seg_end + 1..).unwrap_or_default()),
        ) {
            article.date = Some(iso);
            article.date_source = Some("text".to_string());
        }
    }
    layout
}

static DATELINE_END: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:\s[—–]\s?|\s--\s|\s-\s|\((?:AP|Reuters|AFP|CP|UPI|dpa)\)\s*[—–-])")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// The date in a story's dateline: "KABUL, Afghanistan, July 21, 2014 (AP) — …",
/// "CAIRO — July 21, 2014 — …". Only the first 120 bytes, up to the last dash there.
fn dateline_date(first: &str) -> Option<String> {
    let mut cut = 0;
    for m in DATELINE_END.find_iter(first) {
        if m.start() > 120 {
            break;
        }
        cut = m.start();
    }
    let head = first.get(..cut)?;
    // A dateline opens with a place in capitals ("KABUL", "CAIRO"), not a sentence.
    let place: String = head
        .chars()
        .take_while(|c| *c != ',' && *c != ' ')
        .collect();
    if place.chars().count() < 2 || place.chars().any(char::is_lowercase) {
        return None;
    }
    datefind::find_dates(head).into_iter().next().map(|h| h.iso)
}

/// Header fields when no body was found: everything is header.
pub(super) fn fill_without_body(units: &[Unit], article: &mut Article) {
    let title_idx = header_fields(units, units.len(), &[], article);
    publisher(units, title_idx, units.len(), units.len(), article);
}

/// Title, authors and header date from `units[..end]` (minus `used`). Returns the title's
/// index.
fn header_fields(
    units: &[Unit],
    end: usize,
    used: &[usize],
    article: &mut Article,
) -> Option<usize> {
    let end = end.min(units.len());
    let header = &units[..end];
    // Title: the nearest headline-shaped unit before the body; when the unit right above it
    // is headline-shaped too, the nearer one is a standfirst and the upper one the title.
    let is_candidate = |i: usize| -> bool {
        !used.contains(&i)
            && header.get(i).is_some_and(headline_like)
            && !site_name_like(&header[i])
    };
    // A headline directly followed by a byline or date line is preferred to a nearer label.
    let followed_by_meta = |i: usize| -> bool {
        header[i + 1..]
            .iter()
            .find(|u| !matches!(u.kind, Kind::Boiler))
            .is_some_and(|u| u.kind == Kind::Meta)
    };
    let mut title_idx = (0..end)
        .rev()
        .find(|&i| is_candidate(i) && followed_by_meta(i))
        .or_else(|| (0..end).rev().find(|&i| is_candidate(i)));
    // Headline, standfirst and a byline without "By" can stand one above the other; the
    // headline is the first of such a stack (at most three lines).
    if let Some(t) = title_idx {
        let mut top = t;
        while top > 0 && t - top < 2 && is_candidate(top - 1) {
            top -= 1;
        }
        title_idx = Some(top);
    }
    article.title = title_idx.map(|t| header[t].text.trim().to_string());

    let mut published = None;
    let mut updated = None;
    for u in header.iter().filter(|u| u.kind == Kind::Meta) {
        if article.authors.is_empty() {
            if let Some(a) = boiler::byline(&u.text) {
                article.authors = a;
            }
        }
        if let Some((iso, update)) = boiler::date_line(&u.text) {
            let slot = if update { &mut updated } else { &mut published };
            if slot.is_none() {
                *slot = Some(iso);
            }
        }
    }
    if let Some(iso) = published.or(updated) {
        article.date = Some(iso);
        article.date_source = Some("text".to_string());
    }
    title_idx
}

fn first_date(units: &[Unit]) -> Option<String> {
    units
        .iter()
        .filter(|u| u.kind == Kind::Meta)
        .find_map(|u| boiler::date_line(&u.text).map(|(iso, _)| iso))
}

/// A headline: 4–25 words, no final period/comma/colon, starts with a capital or digit,
/// mostly words, not a menu ("A | B | C").
fn headline_like(u: &Unit) -> bool {
    if !matches!(u.kind, Kind::Short | Kind::Sentence | Kind::Prose) || !(4..=25).contains(&u.words)
    {
        return false;
    }
    if matches!(final_char(&u.text), Some('.' | ',' | ';' | ':' | '…')) {
        return false;
    }
    let first = u
        .text
        .chars()
        .find(|c| !matches!(c, '"' | '“' | '‘' | '\''));
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if u.text.contains(" | ") || u.text.contains(" • ") || u.text.contains('©') {
        return false;
    }
    if menu_like(&u.text) {
        return false;
    }
    let wordish = u
        .text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    wordish * 10 >= u.words * 7
}

/// Words a headline of seven or more words almost always has and a menu never has.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "to", "of", "in", "on", "for", "as", "at", "with", "and", "or", "is", "are",
    "was", "after", "over", "from", "by", "into", "amid", "says", "said", "not", "but", "be",
    "has", "have", "will", "up", "out", "off",
];

/// "Home News Sport Business Opinion Life Arts Drive Real Estate": seven or more
/// capitalized words and no function word.
fn menu_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 7
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        && !words.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            FUNCTION_WORDS.contains(&w.as_str())
        })
}

pub(super) const SITE_SUFFIXES: &[&str] = &[
    "news",
    "times",
    "post",
    "mail",
    "herald",
    "journal",
    "tribune",
    "guardian",
    "telegraph",
    "gazette",
    "star",
    "globe",
    "press",
    "chronicle",
    "daily",
    "review",
    "observer",
    "independent",
    "sun",
    "standard",
    "express",
    "mirror",
    "today",
    "examiner",
    "inquirer",
    "monitor",
    "insider",
    "wire",
    "online",
    "blog",
    "magazine",
    "weekly",
    "bulletin",
    "courier",
    "dispatch",
    "sentinel",
    "statesman",
    "enquirer",
    "advertiser",
    "argus",
    "echo",
    "mercury",
    "citizen",
    "nation",
    "record",
    "register",
    "reporter",
    "notes",
    "diary",
    "digest",
];

const SITE_NAMES: &[&str] = &[
    "bbc",
    "cnn",
    "npr",
    "pbs",
    "abc",
    "cbs",
    "nbc",
    "msnbc",
    "reuters",
    "bloomberg",
    "al jazeera",
    "associated press",
    "afp",
    "axios",
    "politico",
    "vox",
    "slate",
    "salon",
    "the atlantic",
    "vice",
    "buzzfeed",
    "france 24",
    "deutsche welle",
    "dw",
];

static DOMAIN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|ca|com\.au|info|news|io)$")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// Title case: the first word and every word of four or more letters capitalized.
fn title_case(text: &str) -> bool {
    text.split_whitespace().enumerate().all(|(i, w)| {
        let first = w.chars().find(|c| c.is_alphanumeric());
        let long = w.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        match first {
            Some(c) if i == 0 || long => c.is_uppercase() || c.is_ascii_digit(),
            _ => true,
        }
    })
}

/// A site-name shape: "The X" (title case), "X News/Times/Post/Mail/…", a known outlet,
/// or a bare domain.
fn site_name_like(u: &Unit) -> bool {
    let t = u.text.trim();
    if u.words == 0 || u.words > 6 || matches!(u.kind, Kind::Prose) {
        return false;
    }
    if DOMAIN.is_match(t) {
        return true;
    }
    if !title_case(t) || matches!(final_char(t), Some('.' | ',' | ';' | ':' | '?' | '!')) {
        return false;
    }
    let lower = t.to_lowercase();
    if u.words == 1 {
        return SITE_NAMES.contains(&lower.as_str());
    }
    let last = lower
        .split_whitespace()
        .next_back()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric());
    (lower.starts_with("the ") && u.words >= 2 && u.words <= 5)
        || SITE_SUFFIXES.contains(&last)
        || SITE_NAMES.iter().any(|n| {
            lower == *n || lower.starts_with(&format!("{n} ")) || lower.ends_with(&format!(" {n}"))
        })
}

static COPYRIGHT_HOLDER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([\p{Lu}][^.|,©·•–—]{1,60}?)\s*(?:\.|,|\||·|•|–|—|all rights|$)",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

static WIRE_DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[^()]{2,80}\((AP|Reuters|AFP|CP|UPI|dpa)\)\s*[—–-]")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

fn wire_name(code: &str) -> &'static str {
    match code {
        "AP" => "The Associated Press",
        "Reuters" => "Reuters",
        "AFP" => "AFP",
        "CP" => "The Canadian Press",
        "UPI" => "UPI",
        _ => "dpa",
    }
}

/// Publisher: a site-name-shaped line near the top; else the holder of a copyright line;
/// else the wire named in the body's dateline; else a short title-case line right above
/// the title.
fn publisher(
    units: &[Unit],
    title_idx: Option<usize>,
    body_start: usize,
    seg_end: usize,
    article: &mut Article,
) {
    let top_end = title_idx.unwrap_or(body_start).min(units.len());
    let top = units[..top_end]
        .iter()
        .filter(|u| !matches!(u.kind, Kind::Boiler | Kind::Tail))
        .take(5)
        .find_map(site_name_part);
    if let Some(name) = top {
        article.publisher = Some(name);
        return;
    }
    let holder = units.iter().find_map(|u| {
        if !matches!(u.kind, Kind::Boiler | Kind::Tail) || u.words > 40 {
            return None;
        }
        let c = COPYRIGHT_HOLDER.captures(&u.text)?;
        let name = c.get(1)?.as_str().trim();
        let name = name
            .trim_end_matches(" Inc")
            .trim_end_matches(" Ltd")
            .trim_end_matches(" LLC")
            .trim();
        (name.split_whitespace().count() <= 6 && !name.is_empty()).then(|| name.to_string())
    });
    if let Some(h) = holder {
        article.publisher = Some(h);
        return;
    }
    if let Some(code) = units
        .get(body_start..=seg_end.min(units.len().saturating_sub(1)))
        .and_then(|b| b.first())
        .and_then(|u| WIRE_DATELINE.captures(&u.text))
        .and_then(|c| c.get(1))
    {
        article.publisher = Some(wire_name(code.as_str()).to_string());
        return;
    }
    // Last resort: a short title-case line right above the title, at the very top.
    if let Some(t) = title_idx.filter(|&t| t > 0) {
        let u = &units[t - 1];
        let rank = units[..t - 1]
            .iter()
            .filter(|u| !matches!(u.kind, Kind::Boiler | Kind::Tail))
            .count();
        if rank < 2 && u.kind == Kind::Short && (2..=5).contains(&u.words) && title_case(&u.text) {
            article.publisher = Some(u.text.trim().to_string());
        }
    }
}

/// The site name in a top line, whole or as one part of "The Guardian - Back to home" /
/// "World | The Daily Courier".
fn site_name_part(u: &Unit) -> Option<String> {
    if site_name_like(u) {
        return Some(u.text.trim().to_string());
    }
    if u.words > 12 {
        return None;
    }
    let mut joined = u.text.clone();
    for sep in [" - ", " | ", " – ", " — ", " · ", " : "] {
        joined = joined.replace(sep, "\u{1}");
    }
    joined
        .split('\u{1}')
        .map(str::trim)
        .filter(|p| !p.is_empty() && p.len() < u.text.len())
        .find(|p| {
            site_name_like(&Unit {
                text: (*p).to_string(),
                kind: Kind::Short,
                blank_before: false,
                words: p.split_whitespace().count(),
            })
        })
        .map(str::to_string)
}
