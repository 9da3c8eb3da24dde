//! Scraped plain text → [`Article`].
//!
//! A naive scrape of a news page keeps everything a browser shows: skip links, the site
//! name, menus, the headline, a photo caption and its credit, the story with ad slugs in
//! it ("Story continues below advertisement"), then share bars, "Report an error", comment
//! policies, cookie banners and footers. This module turns such text into a clean article
//! with rules that hold across sites rather than for one page:
//!
//! 1. **Units.** The text is normalized (line endings, odd spaces, control characters) and
//!    cut into lines; hard-wrapped text (every line near one width) is unwrapped first so
//!    that a paragraph is one unit. Blank lines separate paragraphs.
//! 2. **Classification** ([`boiler`]). Each unit is boilerplate (a phrase list compiled
//!    into one case-insensitive Aho-Corasick automaton; a phrase must dominate the line,
//!    so prose that merely mentions "cookies" survives), an end-of-article marker ("Report
//!    an error", comment policies, "All rights reserved", "Leave a comment"), a photo
//!    credit ("Charles Dharapak/AP", "AP Photo/…", "Getty Images"), a byline or date line,
//!    prose (ends like a sentence and has a few words, or is long), a short sentence, a
//!    list item, or a short line without sentence punctuation (headline, menu, label).
//! 3. **Body.** Prose scores its word count, short non-sentences score negative,
//!    furniture scores zero and end markers are walls. The body is the best-scoring run
//!    of units (maximum-sum segment): the longest coherent stretch of prose, skipping ad
//!    slugs inside it, never crossing an end marker, and ending at its last prose unit — so
//!    trailing leftovers and menus at the top fall away without naming them.
//! 4. **Header** ([`header`]). Furniture at the start of that run (a caption followed by
//!    its credit, a byline, a date line) moves out of the body. Before the body: the
//!    title is the nearest headline-shaped line (4–25 words, no final period); the
//!    publisher is a site-name-shaped line at the top ("The X", "X News", "X Times", …),
//!    else the holder of a "Copyright"/"©" line, else the wire in a "(AP) —" dateline,
//!    else a short title-case line just before the headline. The date comes from a
//!    "Published/Posted/Updated …" or bare date line (`date_source` "text"), else from the
//!    end of the photo caption ("caption"), else from such a line after the body.
//! 5. **Blocks.** Each body unit is a block: list items by their bullet, a short line
//!    followed by prose is a heading, the rest are paragraphs. Glued sentence boundaries
//!    ("Israel.Voicing") are repaired in paragraph text ([`glue`]).
//!
//! Nothing here panics on any input: empty text, one giant line, binary-looking text and
//! pages of pure boilerplate all give an article (the last with an empty body).

mod boiler;
mod datefind;
mod glue;
mod header;

use dateline_core::{Article, BlockKind};
use once_cell::sync::Lazy;
use regex::Regex;

pub use glue::repair as repair_glued_sentences;

/// What a unit of scraped text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Page furniture: ad slug, share bar, menu phrase.
    Boiler,
    /// Furniture that marks the end of the article.
    Tail,
    /// A photo credit line.
    Credit,
    /// An explicit caption line ("Image caption …").
    Caption,
    /// A byline or a date line.
    Meta,
    /// Running text.
    Prose,
    /// A short sentence (fewer than [`PROSE_MIN_WORDS`] words).
    Sentence,
    /// A bulleted or numbered line.
    List,
    /// A short line without sentence punctuation: headline, menu entry, label.
    Short,
}

/// One line (or unwrapped paragraph) of the scrape.
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    kind: Kind,
    words: usize,
}

/// Fewest words of a sentence-ending unit for it to count as prose.
const PROSE_MIN_WORDS: usize = 5;
/// A unit this long is prose even without sentence punctuation.
const PROSE_LONG_WORDS: usize = 30;
/// Score of a short line without sentence punctuation (headline, menu entry).
const SHORT_PENALTY: i64 = -6;

static BULLET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[•·▪◦‣*\-–]\s+|\d{1,2}[.)]\s+)").unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// Extract an article from scraped plain text.
pub fn extract(text: &str) -> Article {
    let lines = normalize(text);
    let units: Vec<Unit> = unwrap_lines(&lines)
        .into_iter()
        .map(|t| classify(t))
        .collect();
    let mut article = Article::default();
    let Some((seg_start, seg_end)) = best_segment(&units) else {
        header::fill_without_body(&units, &mut article);
        return article;
    };
    let layout = header::read(&units, seg_start, seg_end, &mut article);
    let blocks = body_blocks(&units, layout.body_start, seg_end, &layout.skip);
    article.set_blocks(blocks);
    article.language = detect_language(&article.body);
    article
}

/// Lines of the text, normalized; `None` stands for a blank line.
fn normalize(text: &str) -> Vec<Option<String>> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    for raw in text.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        let mut line = String::with_capacity(raw.len());
        let mut space = false;
        for c in raw.chars() {
            if matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{AD}') {
                continue;
            }
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if c.is_control() {
                continue;
            }
            if space && !line.is_empty() {
                line.push(' ');
            }
            space = false;
            line.push(c);
        }
        out.push(if line.is_empty() { None } else { Some(line) });
    }
    out
}

/// Units of text. Hard-wrapped text (lines filled to one width) is unwrapped: a line that
/// reaches most of the width continues on the next line of the same paragraph.
fn unwrap_lines(lines: &[Option<String>]) -> Vec<String> {
    let present: Vec<&String> = lines.iter().flatten().collect();
    let width = present.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let wordy: Vec<usize> = present
        .iter()
        .filter(|l| l.split_whitespace().count() >= 3)
        .map(|l| l.chars().count())
        .collect();
    let long = wordy.iter().filter(|&&n| n * 4 >= width * 3).count();
    let mut consecutive = 0;
    for w in lines.windows(2) {
        if w[0].is_some() && w[1].is_some() {
            consecutive += 1;
        }
    }
    let wrapped = (40..=100).contains(&width)
        && wordy.len() >= 5
        && long * 5 >= wordy.len() * 2
        && consecutive >= 2;
    let mut units: Vec<String> = Vec::new();
    let mut continues = false;
    for line in lines {
        let Some(line) = line else {
            continues = false;
            continue;
        };
        let joinable = wrapped && continues && !BULLET.is_match(line);
        match units.last_mut() {
            Some(last) if joinable => {
                last.push(' ');
                last.push_str(line);
            }
            _ => units.push(line.clone()),
        }
        continues = line.chars().count() * 10 >= width * 6 && !boiler::judge(line).boiler;
    }
    units
}

/// Last character that matters for sentence shape (closing quotes and brackets skipped).
fn final_char(text: &str) -> Option<char> {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*')
    })
    .chars()
    .next_back()
}

fn ends_sentence(text: &str) -> bool {
    matches!(final_char(text), Some('.' | '!' | '?' | ':' | ';' | '…'))
}

fn classify(text: String) -> Unit {
    let words = text.split_whitespace().count();
    let verdict = boiler::judge(&text);
    let kind = if verdict.tail {
        Kind::Tail
    } else if header::explicit_caption(&text).is_some() {
        Kind::Caption
    } else if boiler::credit_line(&text).is_some() {
        Kind::Credit
    } else if verdict.boiler {
        Kind::Boiler
    } else if boiler::byline(&text).is_some() || boiler::date_line(&text).is_some() {
        Kind::Meta
    } else if BULLET.is_match(&text) {
        Kind::List
    } else if (ends_sentence(&text) && words >= PROSE_MIN_WORDS) || words >= PROSE_LONG_WORDS {
        Kind::Prose
    } else if ends_sentence(&text) {
        Kind::Sentence
    } else {
        Kind::Short
    };
    Unit { text, kind, words }
}

fn score(u: &Unit) -> Option<i64> {
    let w = i64::try_from(u.words).unwrap_or(i64::MAX / 4);
    match u.kind {
        Kind::Tail => None,
        Kind::Boiler | Kind::Credit | Kind::Caption | Kind::Meta => Some(0),
        Kind::Prose => Some(w),
        Kind::Sentence => Some(1),
        Kind::List if u.words >= PROSE_MIN_WORDS => Some(w),
        Kind::List => Some(-2),
        Kind::Short => Some(SHORT_PENALTY),
    }
}

/// The maximum-sum run of units (inclusive bounds), not crossing an end marker, trimmed to
/// start and end on a unit that scores above zero. `None` when no unit does.
fn best_segment(units: &[Unit]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut cur: Option<(i64, usize)> = None; // (sum, start)
    for (i, u) in units.iter().enumerate() {
        let Some(s) = score(u) else {
            cur = None;
            continue;
        };
        cur = match cur {
            Some((sum, start)) if sum + s > 0 => Some((sum + s, start)),
            _ if s > 0 => Some((s, i)),
            _ => None,
        };
        if let Some((sum, start)) = cur {
            let better = match best {
                Some((b, _, _)) => sum > b,
                None => true,
            };
            if better {
                best = Some((sum, start, i));
            }
        }
    }
    let (_, start, end) = best?;
    // The max is reached on a positive unit; trim any zero-score tail just in case.
    let mut end = end;
    while end > start && score(&units[end]).unwrap_or(0) <= 0 {
        end -= 1;
    }
    Some((start, end))
}

/// Body blocks from `units[start..=end]`, skipping furniture and the indexes in `skip`.
fn body_blocks(
    units: &[Unit],
    start: usize,
    end: usize,
    skip: &[usize],
) -> Vec<(BlockKind, String)> {
    let mut blocks = Vec::new();
    if start > end {
        return blocks;
    }
    for i in start..=end {
        let Some(u) = units.get(i) else { break };
        if skip.contains(&i) {
            continue;
        }
        match u.kind {
            Kind::Prose | Kind::Sentence => {
                blocks.push((BlockKind::Paragraph, glue::repair(&u.text)));
            }
            Kind::List => {
                let item = u
                    .text
                    .trim_start_matches(|c: char| matches!(c, '•' | '·' | '▪' | '◦' | '‣' | '*' | '-' | '–'))
                    .trim();
                blocks.push((BlockKind::ListItem, glue::repair(item)));
            }
            Kind::Short => {
                let next_is_prose = units[i + 1..=end]
                    .iter()
                    .find(|n| !matches!(n.kind, Kind::Boiler | Kind::Credit | Kind::Caption))
                    .is_some_and(|n| n.kind == Kind::Prose);
                let kind = if next_is_prose && u.words <= 12 {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                };
                blocks.push((kind, u.text.clone()));
            }
            Kind::Boiler | Kind::Tail | Kind::Credit | Kind::Caption | Kind::Meta => {}
        }
    }
    blocks
}

/// ISO 639-1 code of the text's language, when it can be told with confidence.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(2000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(info.lang().code().to_string()).map(|c| iso639_3_to_1(&c).unwrap_or(c))
}

fn iso639_3_to_1(code: &str) -> Option<String> {
    let two = match code {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "rus" => "ru",
        "ara" => "ar",
        "jpn" => "ja",
        "kor" => "ko",
        "cmn" => "zh",
        "nld" => "nl",
        "tur" => "tr",
        "pol" => "pl",
        "ukr" => "uk",
        "heb" => "he",
        "ind" => "id",
        "swe" => "sv",
        "fas" | "pes" => "fa",
        "hin" => "hi",
        "urd" => "ur",
        _ => return None,
    };
    Some(two.to_string())
}
