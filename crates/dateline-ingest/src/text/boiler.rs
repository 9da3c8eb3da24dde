//! Page leftovers: the phrase list and the line shapes (credits, bylines, date lines) that
//! mark a scraped line as not being article prose.
//!
//! Phrases are matched case-insensitively with one Aho-Corasick automaton, on word
//! boundaries. A phrase alone does not condemn a line — news prose may well mention
//! "community guidelines" or "cookies" — so a line is boilerplate only when the phrases
//! dominate it: the line is short, or it holds two different phrases, or the phrases make up
//! a quarter of its letters. Weak phrases (single menu words such as "Subscribe",
//! "Comments", "Home") count only on very short lines that they mostly fill; start-only
//! phrases ("Read more", "Related:") count only at the start of a line. Tail phrases are
//! end-of-article markers ("Report an error", comment policies, "All rights reserved",
//! "Leave a comment"): the body never runs across one.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use once_cell::sync::Lazy;
use regex::Regex;

/// Only on short lines (at most [`WEAK_MAX_WORDS`] words) that the phrases mostly fill.
const WEAK: u8 = 1;
/// Only at the start of the line.
const START: u8 = 2;
/// An end-of-article marker.
const TAIL: u8 = 4;
/// Condemns a line of any length when it opens the line ("This website uses cookies …").
const LEAD: u8 = 8;

const WEAK_MAX_WORDS: usize = 6;
/// Phrase hits looked at per line; evidence saturates long before, and it bounds the work.
const MAX_HITS: usize = 64;
/// Lines up to this many words are boilerplate on any (non-weak) phrase.
const SHORT_LINE_WORDS: usize = 12;

/// The phrase list: leftovers common across news sites, blogs and wire pages.
const PHRASES: &[(&str, u8)] = &[
    // Skip links and navigation.
    ("skip to main content", 0),
    ("skip to content", 0),
    ("skip to navigation", 0),
    ("skip to main navigation", 0),
    ("skip to search", 0),
    ("skip to footer", 0),
    ("jump to navigation", 0),
    ("back to top", TAIL),
    ("main menu", 0),
    ("from the section", START),
    ("accessibility help", 0),
    ("powered by wordpress", 0),
    ("toggle navigation", 0),
    ("menu", WEAK),
    ("home", WEAK),
    ("search", WEAK),
    ("sections", WEAK),
    ("close", WEAK),
    // Ads.
    ("story continues below advertisement", 0),
    ("article continues below advertisement", 0),
    ("article continues below", 0),
    ("story continues below", 0),
    ("continue reading below", 0),
    ("continue reading the main story", 0),
    ("advertisement continues below", 0),
    ("advertisement", WEAK),
    ("advert", WEAK),
    ("this slideshow requires javascript", 0),
    ("requires javascript", 0),
    ("enable javascript", 0),
    ("sponsored links", 0),
    ("privacy overview", 0),
    ("necessary cookies", LEAD),
    ("post navigation", TAIL),
    ("do not sell my personal information", 0),
    ("do not sell or share my personal information", 0),
    ("your privacy choices", 0),
    ("editorial policies", 0),
    ("editorial policy", 0),
    ("book a demo", 0),
    ("request a demo", 0),
    ("see all", START),
    ("view all", START),
    ("learn more", START),
    ("telephone:", 0),
    ("tel:", 0),
    ("fax:", 0),
    ("e-mail:", 0),
    ("email:", 0),
    ("tell us what you think", TAIL),
    ("sponsored content", 0),
    ("sponsored", WEAK),
    ("paid content", 0),
    ("media playback is unsupported on your device", 0),
    // Share bars.
    ("share this article", 0),
    ("share this story", 0),
    ("share this page", 0),
    ("share this with", 0),
    ("share this:", START | TAIL),
    ("share on facebook", 0),
    ("share on twitter", 0),
    ("share on linkedin", 0),
    ("share on whatsapp", 0),
    ("share via email", 0),
    ("share via e-mail", 0),
    ("email this article", 0),
    ("copy this link", 0),
    ("copy link", 0),
    ("like this:", START | TAIL),
    ("share", WEAK),
    ("tweet", WEAK),
    ("email", WEAK),
    ("e-mail", WEAK),
    ("print", WEAK),
    ("facebook", WEAK),
    ("twitter", WEAK),
    ("whatsapp", WEAK),
    ("linkedin", WEAK),
    ("pinterest", WEAK),
    ("reddit", WEAK),
    ("messenger", WEAK),
    // Accounts and newsletters.
    ("sign up for our newsletter", 0),
    ("subscribe to our newsletter", 0),
    ("sign up to our newsletter", 0),
    ("newsletter sign-up", 0),
    ("newsletter sign up", 0),
    ("get our newsletter", 0),
    ("subscribe now", 0),
    ("delivered to your inbox", 0),
    ("sign up for our", 0),
    ("sign up to our", 0),
    ("sign up to receive", 0),
    ("subscribe", WEAK),
    ("newsletter", WEAK),
    ("newsletters", WEAK),
    ("sign up", WEAK),
    ("log in", WEAK),
    ("login", WEAK),
    ("log out", WEAK),
    ("sign in", WEAK),
    ("sign out", WEAK),
    ("register", WEAK),
    ("my account", WEAK),
    ("already a subscriber", 0),
    ("log back in", 0),
    // Onward links.
    ("read more", START),
    ("read next", START),
    ("read also", START),
    ("also read", START),
    ("see also", START),
    ("related:", START),
    ("watch:", START),
    ("listen:", START),
    ("more:", START),
    ("previous article", START),
    ("next article", START),
    ("previous post", START | TAIL),
    ("next post", START | TAIL),
    ("related stories", TAIL),
    ("related articles", TAIL),
    ("related content", TAIL),
    ("related coverage", 0),
    ("related topics", TAIL),
    ("related internet links", TAIL),
    ("more on this story", TAIL),
    ("around the bbc", TAIL),
    ("you may also like", TAIL),
    ("you might also like", TAIL),
    ("recommended for you", TAIL),
    ("more from", START | TAIL),
    ("most popular", TAIL),
    ("most read", TAIL),
    ("most viewed", TAIL),
    ("trending now", TAIL),
    ("top stories", 0),
    ("click here", 0),
    ("follow us on", 0),
    ("follow us:", 0),
    ("like us on facebook", 0),
    ("download our app", 0),
    ("get the app", 0),
    // Corrections, comments and their policies.
    ("report an error", TAIL),
    ("report a typo", TAIL),
    ("report a correction", TAIL),
    ("submit a correction", TAIL),
    ("comments", WEAK | TAIL),
    ("comment", WEAK),
    ("reply", WEAK),
    ("replies", WEAK),
    ("discussion loading", TAIL),
    ("invites you to share your views", TAIL),
    ("commenting policies", TAIL),
    ("commenting policy", TAIL),
    ("commenting software", TAIL),
    ("community guidelines", TAIL),
    ("community standards", 0),
    ("please stay on topic", TAIL),
    ("join the conversation", TAIL),
    ("join the discussion", TAIL),
    ("leave a comment", TAIL),
    ("leave a reply", TAIL),
    ("post a comment", TAIL),
    ("add a comment", TAIL),
    ("show comments", TAIL),
    ("view comments", TAIL),
    ("load comments", TAIL),
    ("comments are closed", TAIL),
    ("you must be logged in to post a comment", TAIL),
    ("your email address will not be published", TAIL),
    ("required fields are marked", TAIL),
    ("posted in", START),
    ("filed under", START),
    ("tags:", START),
    ("tagged:", START),
    ("categories:", START),
    // Legal, cookies.
    ("terms and conditions", 0),
    ("terms of use", 0),
    ("terms of service", 0),
    ("privacy policy", 0),
    ("cookie policy", 0),
    ("we use cookies", LEAD),
    ("this site uses cookies", LEAD),
    ("this website uses cookies", LEAD),
    ("uses cookies", 0),
    ("use of cookies", 0),
    ("accept cookies", 0),
    ("accept all cookies", 0),
    ("cookie settings", 0),
    ("manage cookies", 0),
    ("by continuing to browse", LEAD),
    ("by continuing to use", LEAD),
    ("all rights reserved", TAIL),
    (
        "may not be published, broadcast, rewritten or redistributed",
        TAIL,
    ),
    ("this material may not be published", TAIL),
    ("this entry was posted", TAIL),
    ("this article was originally published", 0),
    ("copyright", START),
    ("©", 0),
    // Photo furniture.
    ("getty images", 0),
    ("image copyright", START),
    ("image source", START),
    ("image caption", START),
    ("photo:", START),
    ("photograph:", START),
    ("ap photo/", 0),
    ("loading…", 0),
    ("loading...", 0),
    ("loading", WEAK),
];

static AUTOMATON: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(PHRASES.iter().map(|(p, _)| p))
        .ok()
});

/// Ad slugs that scrapers sometimes glue into a paragraph; removed wherever they occur.
const INLINE_SLUGS: &[&str] = &[
    "story continues below advertisement",
    "article continues below advertisement",
    "advertisement continues below",
    "continue reading below",
    "continue reading the main story",
];

static SLUGS: Lazy<Option<AhoCorasick>> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(INLINE_SLUGS)
        .ok()
});

/// Remove ad slugs glued into running text ("… in 2012.Story continues below
/// advertisement Kerry …"). Only a slug's exact words are removed.
pub fn strip_inline_slugs(text: &str) -> String {
    let Some(ac) = SLUGS.as_ref() else {
        return text.to_string();
    };
    if !ac.is_match(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in ac.find_iter(text) {
        out.push_str(&text[last..m.start()]);
        if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        last = m.end();
    }
    out.push_str(&text[last..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the phrase list says about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdict {
    /// The line is page furniture, not article text.
    pub boiler: bool,
    /// … and it marks the end of the article.
    pub tail: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Judge one (normalized, trimmed) line against the phrase list.
pub fn judge(line: &str) -> Verdict {
    let Some(ac) = AUTOMATON.as_ref() else {
        return Verdict::default();
    };
    let words = line.split_whitespace().count();
    let total_letters = letters(line).max(1);
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let mut distinct: Vec<usize> = Vec::new();
    let mut covered = 0usize;
    let mut weak_covered = 0usize;
    let mut strong = false;
    let mut tail = false;
    let all: Vec<(usize, usize, usize)> = ac
        .find_overlapping_iter(line)
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .take(MAX_HITS)
        .collect();
    for &(s, e, idx) in &all {
        // A phrase inside a longer matched phrase ("story continues below" inside "story
        // continues below advertisement") is not a second piece of evidence.
        if all
            .iter()
            .any(|&(s2, e2, _)| s2 <= s && e <= e2 && (e2 - s2) > (e - s))
        {
            continue;
        }
        let pat = line.get(s..e).unwrap_or_default();
        let first_is_word = pat.chars().next().is_some_and(is_word_char);
        let last_is_word = pat.chars().last().is_some_and(is_word_char);
        let before_ok = !first_is_word || !line[..s].chars().next_back().is_some_and(is_word_char);
        let after_ok = !last_is_word || !line[e..].chars().next().is_some_and(is_word_char);
        if !(before_ok && after_ok) {
            continue;
        }
        let Some(&(_, flags)) = PHRASES.get(idx) else {
            continue;
        };
        if flags & START != 0 && s > lead {
            continue;
        }
        if distinct.contains(&idx) {
            continue;
        }
        distinct.push(idx);
        if flags & LEAD != 0 && s <= lead {
            return Verdict {
                boiler: true,
                tail: flags & TAIL != 0,
            };
        }
        if flags & WEAK != 0 {
            weak_covered += letters(pat);
            if flags & TAIL != 0 {
                tail = true; // only used when the weak rule fires
            }
            continue;
        }
        strong = true;
        covered += letters(pat);
        if flags & TAIL != 0 {
            tail = true;
        }
    }
    if distinct.is_empty() {
        return Verdict::default();
    }
    // A cookie banner talks about cookies in every sentence.
    if words <= 150 && line.to_ascii_lowercase().matches("cookie").count() >= 3 {
        return Verdict {
            boiler: true,
            tail: false,
        };
    }
    let strong_count = distinct
        .iter()
        .filter(|&&i| PHRASES.get(i).is_some_and(|(_, f)| f & WEAK == 0))
        .count();
    let boiler_strong =
        strong && (words <= SHORT_LINE_WORDS || strong_count >= 2 || covered * 4 >= total_letters);
    let boiler_weak = words <= WEAK_MAX_WORDS && (weak_covered + covered) * 2 >= total_letters;
    if boiler_strong {
        return Verdict { boiler: true, tail };
    }
    if boiler_weak {
        // A weak tail word ("Comments") ends the article only when the line is nothing else.
        let weak_tail = tail && (weak_covered + covered) * 10 >= total_letters * 8;
        return Verdict {
            boiler: true,
            tail: weak_tail,
        };
    }
    Verdict::default()
}

static CREDIT_PREFIX: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^\(?(?:(?:photo(?:graph)?s?|images?|pictures?|credits?|photo credit)\s*(?::|\bby\b)|(?:image copyright|image source|photo credit),?\s)\s*\S",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

static AGENCY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^\(?(?:the )?(?:ap|afp|reuters|getty images|getty|epa(?:-efe)?|bloomberg|xinhua|associated press|canadian press|pa|dpa|anadolu|shutterstock|alamy|sipa|efe)(?: photos?| images)?(?:\s*(?:/|via)\s*[^.]+)?\)?$",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

static NAME_SLASH_ORG: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^\(?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*/\s*\p{Lu}[\p{L}&.'’ -]{0,40}(?:/\s*\p{Lu}[\p{L}&.'’ -]{1,30})?\)?$",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

static AGENCIES_WORD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:ap|afp|reuters|getty|epa|bloomberg|xinhua|press|photo|images?)\b")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// Credit shapes: "Charles Dharapak/AP", "AP Photo/Charles Dharapak", "Photo: Jane Doe",
/// "Getty Images", "Reuters", "Nathan Denette / The Canadian Press", "Image copyright EPA".
/// Returns the credit text (parentheses and "Photo:"-style labels kept as written).
pub fn credit_line(line: &str) -> Option<String> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 10 || line.ends_with('.') && !line.ends_with("Inc.") {
        return None;
    }
    let ok = AGENCY.is_match(line)
        || (CREDIT_PREFIX.is_match(line) && words <= 8)
        || (NAME_SLASH_ORG.is_match(line) && name_slash_org_plausible(line));
    if ok {
        let t = line
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim();
        Some(t.to_string())
    } else {
        None
    }
}

/// "Middle East / Africa" has the shape of "Name/Org" too; in a credit the right-hand side
/// is an agency or publication: an agency word, an acronym ("AP"), "The …", or a name
/// ending like a publication ("… News", "… Times").
fn name_slash_org_plausible(line: &str) -> bool {
    let right = line.split_once('/').map(|(_, r)| r).unwrap_or_default();
    let right = right.trim().trim_end_matches(')').trim();
    let last = right
        .split_whitespace()
        .next_back()
        .unwrap_or_default()
        .to_lowercase();
    AGENCIES_WORD.is_match(right)
        || right.starts_with("The ")
        || (right.len() <= 8 && right.chars().all(|c| c.is_uppercase() || c == '.'))
        || super::header::SITE_SUFFIXES.contains(&last.as_str())
}

static INLINE_CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\s*\(((?:ap|afp|reuters|epa|getty images|photo|photograph|credit|the canadian press)\b[^()]{0,80})\)\s*$",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// A credit glued after the caption's last sentence: "… 2014. Photo: Jane Doe" or
/// "… 2014. Charles Dharapak/AP".
static TRAILING_CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"[.!?”\x22]\s+((?i:photo(?:graph)?|image|credit)\s*:\s*[^.:]{2,60}|\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3}\s*/\s*(?i:ap|afp|reuters|epa|getty images|the canadian press|bloomberg)(?:/[\p{L} ]{2,20})?)\s*$",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// A credit at the end of a caption — in parentheses ("… on Monday. (AP Photo/Jane Doe)")
/// or glued after its last sentence ("… on Monday. Jane Doe/AP"). Returns the caption
/// without it and the credit.
pub fn split_inline_credit(line: &str) -> Option<(String, String)> {
    let (cut, credit) = if let Some(c) = INLINE_CREDIT.captures(line) {
        (c.get(0)?.start(), c.get(1)?.as_str())
    } else {
        let c = TRAILING_CREDIT.captures(line)?;
        let m = c.get(1)?;
        (m.start(), m.as_str())
    };
    let caption = line.get(..cut)?.trim().to_string();
    if caption.is_empty() {
        return None;
    }
    Some((caption, credit.trim().to_string()))
}

static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:by|written by|story by|words by|posted by|reporting by)\s+(\p{Lu}.*)$")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

static POSTED_BY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\bby\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s*$")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

static AFFILIATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:the )?(?:[A-Z]{2,5}|(?i:associated press|ap|reuters|afp|staff|staff writer|special to .*|correspondent|.* correspondent|.* reporter|.* editor|.* bureau|.* news|.* times|.* post|.* press|.* mail|.* herald|.* journal|.* guardian|.* telegraph))$")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// Authors named by a byline line ("By Jane Doe and John Roe, The Associated Press",
/// "Posted on March 3, 2015 by Jane Doe"). `None` when the line is not a byline.
pub fn byline(line: &str) -> Option<Vec<String>> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 16 {
        return None;
    }
    let names = if let Some(c) = BYLINE.captures(line) {
        c.get(1)?.as_str().to_string()
    } else {
        let c = POSTED_BY.captures(line)?;
        // Only date/"posted" lines ending in "by Name" are bylines, not prose.
        if !line.to_lowercase().starts_with("posted")
            && !line.to_lowercase().starts_with("published")
        {
            return None;
        }
        c.get(1)?.as_str().to_string()
    };
    if names.ends_with('.') && !names.ends_with(" Jr.") {
        return None;
    }
    let mut authors = Vec::new();
    // Cut a trailing date or affiliation off: "Jane Doe | July 21, 2014", "Jane Doe, AP",
    // "Jane DoePublished: Jan 29, 2025" (two page elements glued by the scraper).
    let names = names.split(['|', '—', '–']).next().unwrap_or_default();
    let names = [
        "Published",
        "Updated",
        "Posted",
        "Last updated",
        " on ",
        " - ",
    ]
    .iter()
    .filter_map(|m| names.find(m))
    .min()
    .and_then(|cut| names.get(..cut))
    .unwrap_or(names);
    for part in names.split(',') {
        let part = part.trim();
        if part.is_empty() || AFFILIATION.is_match(part) {
            continue;
        }
        if !super::datefind::find_dates(part).is_empty() || part.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim();
            let n = name.split_whitespace().count();
            if (1..=4).contains(&n) && name.chars().next().is_some_and(char::is_uppercase) {
                authors.push(tidy_name(name));
            }
        }
    }
    if authors.is_empty() {
        None
    } else {
        Some(authors)
    }
}

/// "JANE DOE" → "Jane Doe"; mixed-case names are kept as written.
fn tidy_name(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(|c| c.to_lowercase()))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

static DATE_LINE_PREFIX: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:published|posted|updated|last updated|first published|modified|date|dated|on)\b",
    )
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// A line that carries the page's publish (or update) date: "Published Monday, July 21,
/// 2014 8:42AM EDT", "Posted on March 3, 2015 by Jane Doe", "21 July 2014", "Updated:
/// 2014-07-22". Returns the ISO date and whether it is an update date.
pub fn date_line(line: &str) -> Option<(String, bool)> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 24 {
        return None;
    }
    let hit = super::datefind::find_dates(line).into_iter().next()?;
    let lower = line.to_lowercase();
    let prefixed = DATE_LINE_PREFIX.is_match(line);
    let date_heavy = (hit.end - hit.start) * 3 >= line.len();
    let bylined = byline(line).is_some() || lower.contains(" by ") || lower.starts_with("by ");
    // A byline with a date may carry more ("By X – Updated … | Fact-checked by Y").
    if !(prefixed || bylined || (date_heavy && words <= 16)) {
        return None;
    }
    // Prose that merely mentions a date ("On July 4, 2014 the army entered the city.")
    if line.ends_with('.') && words > 8 {
        return None;
    }
    let update = lower.contains("updated") || lower.contains("modified");
    Some((hit.iso, update))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_lines() {
        for line in [
            "Skip to main content",
            "Story continues below advertisement",
            "Advertisement",
            "ADVERTISEMENT",
            "Report an error",
            "Report a typo",
            "Share this article",
            "Share on Facebook",
            "Share this with Facebook Share this with WhatsApp Share this with Twitter",
            "Sign up for our newsletter",
            "Subscribe",
            "Log in | Register",
            "Read more: Israel pounds Gaza as talks stall",
            "Related Topics",
            "Comments (12)",
            "Discussion loading…",
            "The Globe invites you to share your views. Please stay on topic and be respectful to everyone. For more information on our commenting policies and how our community-based moderation works, please read our Community Guidelines and our Terms and Conditions.",
            "We use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By continuing to browse, you agree to our use of cookies.",
            "Copyright 2014 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
            "© 2014 The Globe and Mail Inc.",
            "Follow us on Twitter",
            "Click here to subscribe",
            "Leave a comment",
            "This website uses cookies to improve your experience while you navigate through the website. Out of these, the cookies that are categorized as necessary are stored on your browser as they are essential for the working of basic functionalities of the website.",
            "Advert",
        ] {
            assert!(judge(line).boiler, "should be boilerplate: {line}");
        }
    }

    #[test]
    fn prose_is_not_boilerplate() {
        for line in [
            "Home sales slumped in July as mortgage rates rose",
            "Facebook said the posts broke its community guidelines and removed them on Monday, a spokesman said in a statement to reporters.",
            "The comments drew a sharp rebuke from Israel, which said its military had done everything possible to avoid civilian deaths in Gaza.",
            "Readers who want to subscribe to the service will have to pay more, the company said, after a year in which its advertising revenue fell.",
            "President Barack Obama called Monday for the international community to focus on ending the fighting.",
            "Subscribers complained.",
            "Homeland security officials met on Monday",
            "Terms and conditions of the deal were not disclosed, the company said in a statement on Monday.",
            "Back to school sales rose sharply in July",
            "Customer service complaints rose 20 per cent last year",
            "Cookies are a staple of holiday baking in the region, and this year bakers said sales were up sharply.",
            "Google said it would stop using third-party cookies in Chrome next year, a change advertisers have long feared.",
        ] {
            assert!(!judge(line).boiler, "should be prose: {line}");
        }
    }

    #[test]
    fn inline_slugs() {
        assert_eq!(
            strip_inline_slugs("talks in 2012. Story continues below advertisement Kerry said"),
            "talks in 2012. Kerry said"
        );
        assert_eq!(strip_inline_slugs("no slug here"), "no slug here");
    }

    #[test]
    fn tail_markers() {
        assert!(judge("Report an error").tail);
        assert!(judge("Comments").tail);
        assert!(judge("Leave a Reply").tail);
        assert!(!judge("Story continues below advertisement").tail);
        assert!(!judge("Advertisement").tail);
    }

    #[test]
    fn credits() {
        for (line, want) in [
            ("Charles Dharapak/AP", "Charles Dharapak/AP"),
            ("AP Photo/Charles Dharapak", "AP Photo/Charles Dharapak"),
            ("(AP Photo/Charles Dharapak)", "AP Photo/Charles Dharapak"),
            (
                "Nathan Denette / The Canadian Press",
                "Nathan Denette / The Canadian Press",
            ),
            ("JACK GUEZ/AFP/Getty Images", "JACK GUEZ/AFP/Getty Images"),
            ("Getty Images", "Getty Images"),
            ("Reuters", "Reuters"),
            ("REUTERS/Ammar Awad", "REUTERS/Ammar Awad"),
            ("Photo: Jane Doe", "Photo: Jane Doe"),
            ("Photograph by Jane Doe", "Photograph by Jane Doe"),
            ("Image source, Reuters", "Image source, Reuters"),
            (
                "Image copyright Getty Images",
                "Image copyright Getty Images",
            ),
        ] {
            assert_eq!(credit_line(line).as_deref(), Some(want), "line: {line}");
        }
        for line in [
            "Middle East / Africa",
            "Kerry returns to Mideast to push for ceasefire as civilian deaths mount",
            "The Globe and Mail",
            "Reuters reported that the talks had stalled.",
            "News/World",
            "Photos show flooded streets in Rosedale",
            "Images of the damage",
        ] {
            assert_eq!(credit_line(line), None, "line: {line}");
        }
    }

    #[test]
    fn inline_credit() {
        let (cap, cred) =
            split_inline_credit("Kerry boards his plane on Monday. (AP Photo/Charles Dharapak)")
                .unwrap_or_default();
        assert_eq!(cap, "Kerry boards his plane on Monday.");
        assert_eq!(cred, "AP Photo/Charles Dharapak");
        let (cap, cred) =
            split_inline_credit("Kerry boards his plane on Monday. Charles Dharapak/AP")
                .unwrap_or_default();
        assert_eq!(cap, "Kerry boards his plane on Monday.");
        assert_eq!(cred, "Charles Dharapak/AP");
        let (cap, cred) =
            split_inline_credit("Kerry boards his plane. Photo: Jane Doe").unwrap_or_default();
        assert_eq!(cap, "Kerry boards his plane.");
        assert_eq!(cred, "Photo: Jane Doe");
        assert_eq!(
            split_inline_credit("Talks resumed on Monday. Officials said so."),
            None
        );
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe").unwrap_or_default(), ["Jane Doe"]);
        assert_eq!(
            byline("By JULIE PACE and MATTHEW LEE, Associated Press").unwrap_or_default(),
            ["Julie Pace", "Matthew Lee"]
        );
        assert_eq!(
            byline("Posted on March 3, 2015 by Jane Doe").unwrap_or_default(),
            ["Jane Doe"]
        );
        assert_eq!(
            byline("By Elise Labott, CNN").unwrap_or_default(),
            ["Elise Labott"]
        );
        assert_eq!(
            byline("By Korin MillerPublished: Jan 29, 2025").unwrap_or_default(),
            ["Korin Miller"]
        );
        assert_eq!(
            date_line("By Korin MillerPublished: Jan 29, 2025"),
            Some(("2025-01-29".to_string(), false))
        );
        assert_eq!(byline("by the river the army waited."), None);
        assert_eq!(byline("He was hit by Israeli fire"), None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("Published Monday, July 21, 2014 8:42AM EDT"),
            Some(("2014-07-21".to_string(), false))
        );
        assert_eq!(
            date_line("Posted on March 3, 2015 by Jane Doe"),
            Some(("2015-03-03".to_string(), false))
        );
        assert_eq!(
            date_line("21 July 2014"),
            Some(("2014-07-21".to_string(), false))
        );
        assert_eq!(
            date_line("Last updated: July 22, 2014"),
            Some(("2014-07-22".to_string(), true))
        );
        assert_eq!(
            date_line("On July 4, 2014 the army entered the city and took the bridge."),
            None
        );
    }
}
