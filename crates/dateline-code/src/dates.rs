//! Dates in running text: every date expression of an article ("Monday", "on Tuesday",
//! "last month", "in November 2012", "last year's coup", "since January", "two days ago"),
//! resolved against the article's date, and the date that qualifies a given event.
//!
//! **What it owns.** [`find_dates`] (every [`DateMention`] of an article), [`event_date`]
//! (the mention that dates one event trigger) and [`event_date_or_article`] (an event's
//! date marked as the sentence's or the article's). The article's own publish date is ingest's
//! (`dateline_ingest::dates`); this module reads dates *inside* the story.
//!
//! **What it reads.** The article text, its analysed sentences (words with tags and
//! dependency heads: used to tell a year from a count, a month from a modal or a verb, the
//! preposition before a date, and the tense of the clause it dates) and the article date.
//! Expressions are found by patterns on each sentence's text, so a tokenizer's choices
//! ("Aug." one word or two) do not matter; the parse is then read at the words the match
//! covers.
//!
//! **What is found** (English):
//! - absolute days: `2014-07-21`, `July 21, 2014`, `Monday, July 21, 2014`, `21 July 2014`,
//!   `21st of July 2014`, `Aug. 26, 2014`;
//! - days without a year: `July 21`, `Aug 26`, `on Aug. 26`, `21 July`;
//! - months: `November 2012`, `in November`, `since January`, `early July`, `mid-July`,
//!   `last March`, `next May`;
//! - years and decades: `2012` where a date is meant ("in 2012", "since 2009", "the 2012
//!   truce", "2012's vote"), `the 1990s`;
//! - weekdays: `Monday`, `on Tuesday`, `Friday evening`, `last Monday`, `next Friday`;
//! - relative: `today`, `tonight`, `this morning`, `yesterday`, `last night` (the day before
//!   the article's), `tomorrow`, `last/this/next week|month|year` (with `earlier`/`later`/
//!   `early`/`late` before it: "earlier this month"), `the/last/this/next weekend` (the ISO
//!   week of its Saturday), `two days ago`, `a week ago`, `three years ago`;
//! - numeric `7/21/2014` (month first as in US copy, unless the first field is above 12);
//! - ranges: `October 25-26, 2016`, `5-6 April 2016`, `May 15-24`, `11-13 Dec.`,
//!   `1977-1979`, `1990-91` (years in a year's context, as below).
//!
//! **Not dates.** A title-case month name needs a day, a year or a date preposition, so the
//! modal and the name "May" and the verb "March" are left alone; a four-digit number is a
//! year only after a date preposition or a season ("in 2012", "summer 2012"), between a
//! determiner and a noun ("the 2012 truce"), before `'s`, or next to another year ("between
//! 2009 and 2012") — "2,000 people", "2000 people", "at 1800 GMT" are not; feast and
//! shopping days ("Good Friday", "Black Friday") are not weekdays.
//!
//! **Conventions for resolving** (`resolved` is ISO 8601 at the mention's precision:
//! `2014-07-21` day, `2014-W29` ISO week, `2014-07` month, `2014` year, `199X` decade as in
//! ISO 8601-2/EDTF; a range is an ISO 8601 interval, `2016-10-25/2016-10-26`, `1977/1979`):
//! - A clause is *future* when its verb has `will`/`shall`/`'ll`/`would` or `going to`, or
//!   is the complement of "is expected / scheduled / set / due / slated / planned to" in the
//!   present; `next`, `coming` and `tomorrow` are future and `last`, `ago`, `yesterday` past
//!   whatever the verb; a date after `until`/`by`/`through` in a present clause is a
//!   deadline ahead ("has until Sept. 30"). Every other clause — past (VBD/VBN) or
//!   present — is read as past.
//! - A weekday in a past or present clause is the most recent such day on or before the
//!   article date ("Monday" in an article of Monday is that day); in a future clause the next
//!   one on or after it. `last Monday` is strictly before, `next Monday` strictly after.
//! - A month (or month and day) without a year is the most recent one on or before the
//!   article date, or in a future clause the next one on or after it ("December" said in
//!   January of 2015 is 2014-12). `last March`/`next March` are strictly before/after the
//!   article's month.
//! - `last/this/next week` are ISO weeks, `last month` in January is December of the year
//!   before; `N days/weeks/months/years ago` count back from the article date.
//! - Relative expressions need the article date: without one they are kept with
//!   `resolved: None`. Absolute ones never need it.
//! - `relation` comes from the preposition just before the expression: `since`/`from` →
//!   since, `until`/`till`/`through`/`by`/`to` → until, `before`/`prior to`/`ahead of` →
//!   before, `after`/`following` → after, `during`/`throughout`/`over`/`within` → during,
//!   anything else (`on`, `in`, `at`, none) → on.
//!
//! **Known limits.** English only. No times of day, durations ("for two weeks"), ranges as
//! one item ("from 2009 to 2012" gives two mentions, since and until), seasons, holidays,
//! fiscal years, or dates relative to another date in the story ("two days later"); "the
//! past week" and "the previous month" are not read (they are relative to the narrative, not
//! always to the article). Present-tense clauses about scheduled events ("Kerry meets Sisi on
//! Tuesday") resolve to the past day. A month name alone is read only after a date
//! preposition or with `early`/`late`/`mid`, so "March was quiet" is missed; a year only in
//! the contexts above, so "2012 was a bad year" is missed too.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dateline_nlp::pipeline::{AnalyzedSentence, Word};
use once_cell::sync::Lazy;
use regex::{Captures, Regex};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::coder::children_of;

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// How the date relates to what the sentence reports, from the preposition before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRelation {
    On,
    Since,
    Until,
    Before,
    After,
    During,
}

/// What kind of expression the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// Complete as written except perhaps for the year ("July 21, 2014", "2012", "July 21").
    Absolute,
    /// Relative to the article date ("yesterday", "last month", "two days ago").
    Relative,
    /// A day of the week ("Monday", "last Friday").
    Weekday,
}

/// One date expression of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The expression as written ("Monday", "November 2012", "last year").
    pub text: String,
    /// Byte span in the article text.
    pub start: usize,
    pub end: usize,
    /// Index of the sentence in the analysed sentences.
    pub sentence_index: usize,
    /// The sentence's words the expression covers (0-based, end exclusive; `0..0` when the
    /// sentence has no words).
    pub first_word: usize,
    pub end_word: usize,
    /// ISO 8601 at `precision` ("2014-07-21", "2014-W29", "2012-11", "2013", "199X"), an
    /// interval for a range ("2016-10-25/2016-10-26", "1977/1979"); `None`
    /// when it needs the article date and there is none, or names no real day (February 30).
    pub resolved: Option<String>,
    pub precision: DatePrecision,
    pub relation: DateRelation,
    pub kind: DateKind,
    /// Whether it was read as in a future clause (which way weekdays and months resolve).
    pub future: bool,
}

/// What an expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Spec {
    Day(NaiveDate),
    DayRange(NaiveDate, NaiveDate),
    /// A day (or days `day..=last`) of a month, the year to be inferred.
    MonthDay {
        month: u32,
        day: u32,
        last: Option<u32>,
    },
    YearRange(i32, i32),
    MonthOfYear {
        year: i32,
        month: u32,
    },
    Month {
        month: u32,
        shift: Shift,
    },
    Year(i32),
    Decade(i32),
    Weekday {
        day: Weekday,
        shift: Shift,
    },
    /// The ISO week holding that weekend's Saturday.
    Weekend(Shift),
    Days(i64),
    Weeks(i64),
    Months(i64),
    Years(i64),
}

/// `last`/`this`/`next` before a weekday or a month; `Tense` when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    Last,
    This,
    Next,
    Tense,
}

/// Which way an expression points by its own words, whatever the verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    Past,
    Future,
    Verb,
}

struct Candidate {
    span: Range<usize>,
    spec: Spec,
    kind: DateKind,
    lean: Lean,
}

const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b";
/// Between a month name and its day: "Aug. 26", "Dec.14th", "July 21".
const MONTH_TO_DAY: &str = r"(?:\.\s*|\s+)";
/// A day or a range of days: "21", "21st", "25-26", "11–13th".
const DAYS: &str = r"([0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*([0-3]?\d)(?:st|nd|rd|th)?)?";
const MONTH_FULL: &str =
    r"(January|February|March|April|May|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const YEAR: &str = r"((?:1[6-9]|20)\d\d)";

fn re(pattern: String) -> Regex {
    // The patterns are fixed at compile time; a failure is a bug caught by every test.
    Regex::new(&pattern).unwrap_or_else(|e| panic!("dates pattern {pattern}: {e}"))
}

static ISO: Lazy<Regex> = Lazy::new(|| re(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b".into()));
static MONTH_DAY_YEAR: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b(?:{WEEKDAY},?\s+)?{MONTH}{MONTH_TO_DAY}{DAYS},?\s+{YEAR}\b"
    ))
});
static DAY_MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAYS}\s+(?:of\s+)?{MONTH}\.?,?\s+{YEAR}\b"
    ))
});
static MONTH_DAY: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b(?:{WEEKDAY},?\s+)?{MONTH}{MONTH_TO_DAY}{DAYS}\b"
    ))
});
static DAY_MONTH: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAYS}\s+(?:of\s+)?{MONTH}"
    ))
});
static MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b(?:(?i:early|late|mid)[-\s]+)?{MONTH}\.?,?\s+(?:of\s+)?{YEAR}\b"
    ))
});
static YEAR_RANGE: Lazy<Regex> =
    Lazy::new(|| re(format!(r"\b{YEAR}\s*[-–]\s*((?:1[6-9]|20)\d\d|\d\d)\b")));
static DECADE: Lazy<Regex> = Lazy::new(|| re(r"\b((?:1[6-9]|20)\d)0s\b".into()));
static UNIT_SHIFT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?i)\b(?:(?:earlier|later|early|late)\s+)?(last|this|next|coming)\s+(week|month|year)\b"
            .into(),
    )
});
static AGO: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|month|year)s?\s+ago\b".into())
});
static DEICTIC: Lazy<Regex> = Lazy::new(|| {
    re(r"(?i)\b(today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b".into())
});
static WEEKEND: Lazy<Regex> =
    Lazy::new(|| re(r"(?i)\b(last|this|next|coming|the)\s+weekend\b".into()));
static NUMERIC: Lazy<Regex> = Lazy::new(|| re(r"\b([0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)\b".into()));
static SHIFTED_WEEKDAY: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b(?i:(last|this|next|coming))\s+{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    ))
});
static BARE_WEEKDAY: Lazy<Regex> = Lazy::new(|| {
    re(format!(
        r"\b{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    ))
});
static SHIFTED_MONTH: Lazy<Regex> =
    Lazy::new(|| re(format!(r"\b(?i:(last|this|next|coming))\s+{MONTH_FULL}\b")));
static BARE_MONTH: Lazy<Regex> =
    Lazy::new(|| re(format!(r"\b(?:((?i:early|late|mid))[-\s]+)?{MONTH_FULL}\b")));
static BARE_YEAR: Lazy<Regex> = Lazy::new(|| re(format!(r"\b{YEAR}\b")));
/// What every pattern above needs somewhere in its match: a digit, a month's first three
/// letters (as the patterns write them, capitalised), or one of the relative words
/// (whose letters any case). Most sentences of a long page have none, and this one scan
/// (a literal search) spares them the eighteen patterns. `every_pattern_needs_a_hint`
/// checks that no pattern can match without it.
static DATE_HINT: Lazy<Regex> = Lazy::new(|| {
    re(r"[0-9]|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|(?i:day|week|month|year|tonight|night|morning|afternoon|evening|tomorrow)".into())
});
static LAST_WORDS: Lazy<Regex> = Lazy::new(|| re(r"(\w+)\W+(\w+)\W*$|(\w+)\W*$".into()));

/// Words before a year that make it a date (`and`/`or`/`to` only next to another year).
#[rustfmt::skip]
const DATE_PREPOSITIONS: &[&str] = &[
    "in", "on", "since", "until", "till", "til", "through", "by", "from", "before", "after",
    "during", "throughout", "of", "between", "than", "early", "late", "mid", "last", "this",
    "next", "around", "circa", "following", "within", "year", "summer", "winter", "spring",
    "autumn",
];
/// Words before a bare month name that make it a month (not "to May", "and May": names).
#[rustfmt::skip]
const MONTH_CONTEXT: &[&str] = &[
    "in", "on", "since", "until", "till", "through", "by", "from", "before", "after", "during",
    "throughout", "of", "between", "early", "late", "mid", "around", "following", "within",
];
/// Capitalised words that make a weekday a named day.
#[rustfmt::skip]
const NAMED_DAYS: &[&str] = &[
    "Black", "Cyber", "Good", "Bloody", "Easter", "Ash", "Super", "Palm", "Holy", "Maundy",
];
/// Words after a four-digit number that make it a clock time.
const CLOCK_WORDS: &[&str] = &[
    "gmt", "utc", "hours", "hrs", "local", "et", "est", "edt", "h",
];
/// Verbs whose complement in a present clause is scheduled ("is expected to meet").
#[rustfmt::skip]
const SCHEDULING_VERBS: &[&str] = &[
    "expect", "schedule", "set", "due", "slate", "plan", "intend", "go", "prepare", "hope",
    "aim",
];

fn month_number(name: &str) -> Option<u32> {
    let prefix: String = name.chars().take(3).collect::<String>().to_lowercase();
    let n = match prefix.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let prefix: String = name.chars().take(3).collect::<String>().to_lowercase();
    Some(match prefix.as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn shift_of(word: &str) -> Shift {
    match word.to_lowercase().as_str() {
        "last" => Shift::Last,
        "next" | "coming" => Shift::Next,
        "this" => Shift::This,
        _ => Shift::Tense,
    }
}

fn number_word(word: &str) -> Option<i64> {
    let lower = word.to_lowercase();
    let n = match lower.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return lower.parse().ok(),
    };
    Some(n)
}

fn cap_str<'t>(c: &Captures<'t>, i: usize) -> &'t str {
    c.get(i).map_or("", |m| m.as_str())
}

fn cap_num<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// Every date expression of the article, in text order. `text` is the article text the
/// sentences' byte offsets point into; with no sentences the whole text is read as one
/// sentence without a parse (index 0).
pub fn find_dates(
    text: &str,
    sentences: &[AnalyzedSentence],
    article_date: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    if sentences.is_empty() {
        if !text.is_empty() {
            dates_of_sentence(text, 0, &[], 0, article_date, &mut out);
        }
        return out;
    }
    for (index, sentence) in sentences.iter().enumerate() {
        // The article's slice when the offsets agree with it, else the sentence's own copy.
        let sentence_text = text
            .get(sentence.start..sentence.end)
            .filter(|t| *t == sentence.text)
            .unwrap_or(&sentence.text);
        dates_of_sentence(
            sentence_text,
            sentence.start,
            &sentence.words,
            index,
            article_date,
            &mut out,
        );
    }
    out
}

fn dates_of_sentence(
    text: &str,
    base: usize,
    words: &[Word],
    sentence_index: usize,
    article_date: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    if !DATE_HINT.is_match(text) {
        return;
    }
    // Accepted expressions by start; they never overlap, so a new one can only overlap the
    // last accepted one starting before its end. Patterns run from the most to the least
    // specific, so "Monday, July 21, 2014" is one day, not a weekday and a date.
    let mut found: BTreeMap<usize, Candidate> = BTreeMap::new();
    let add = |found: &mut BTreeMap<usize, Candidate>, c: Candidate| {
        let overlaps = found
            .range(..c.span.end)
            .next_back()
            .is_some_and(|(_, f)| f.span.end > c.span.start);
        if !overlaps && !c.span.is_empty() {
            found.insert(c.span.start, c);
        }
    };
    let absolute = |span: Range<usize>, spec: Spec| Candidate {
        span,
        spec,
        kind: DateKind::Absolute,
        lean: Lean::Verb,
    };

    for c in ISO.captures_iter(text) {
        let (Some(y), Some(m), Some(d)) = (cap_num(&c, 1), cap_num(&c, 2), cap_num(&c, 3)) else {
            continue;
        };
        if let (Some(day), Some(whole)) = (NaiveDate::from_ymd_opt(y, m, d), c.get(0)) {
            add(&mut found, absolute(whole.range(), Spec::Day(day)));
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let (Some(a), Some(b), Some(y), Some(whole)) = (
            cap_num::<u32>(&c, 1),
            cap_num::<u32>(&c, 2),
            cap_num(&c, 3),
            c.get(0),
        ) else {
            continue;
        };
        // Month first as in US copy, unless the first field cannot be a month.
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            add(&mut found, absolute(whole.range(), Spec::Day(date)));
        }
    }
    // (pattern, groups of month, first day, last day, year)
    for (pattern, [m, d, last, y]) in [
        (&*MONTH_DAY_YEAR, [2, 3, 4, 5]),
        (&*DAY_MONTH_YEAR, [4, 2, 3, 5]),
    ] {
        for c in pattern.captures_iter(text) {
            let (Some(month), Some(day), Some(year), Some(whole)) = (
                month_number(cap_str(&c, m)),
                cap_num(&c, d),
                cap_num(&c, y),
                c.get(0),
            ) else {
                continue;
            };
            if let Some(spec) = day_or_range(year, month, day, cap_num(&c, last)) {
                add(&mut found, absolute(whole.range(), spec));
            }
        }
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let (Some(month), Some(year), Some(whole)) =
            (month_number(cap_str(&c, 1)), cap_num(&c, 2), c.get(0))
        else {
            continue;
        };
        add(
            &mut found,
            absolute(whole.range(), Spec::MonthOfYear { year, month }),
        );
    }
    // (pattern, groups of month, first day, last day)
    for (pattern, [m, d, last]) in [(&*MONTH_DAY, [2, 3, 4]), (&*DAY_MONTH, [4, 2, 3])] {
        for c in pattern.captures_iter(text) {
            let (Some(month), Some(day), Some(whole)) = (
                month_number(cap_str(&c, m)),
                cap_num::<u32>(&c, d),
                c.get(0),
            ) else {
                continue;
            };
            let last = cap_num::<u32>(&c, last);
            // A real day number, not the start of a bigger number ("May 2,000"); a range
            // runs forward.
            let rest = text.get(whole.end()..).unwrap_or_default();
            if !(1..=31).contains(&day)
                || last.is_some_and(|l| l <= day || l > 31)
                || starts_with_digit_group(rest)
            {
                continue;
            }
            add(
                &mut found,
                absolute(whole.range(), Spec::MonthDay { month, day, last }),
            );
        }
    }
    for c in DECADE.captures_iter(text) {
        if let (Some(decade), Some(whole)) = (cap_num::<i32>(&c, 1), c.get(0)) {
            add(
                &mut found,
                absolute(whole.range(), Spec::Decade(decade * 10)),
            );
        }
    }
    for c in UNIT_SHIFT.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let n = match shift_of(cap_str(&c, 1)) {
            Shift::Last => -1,
            Shift::Next => 1,
            _ => 0,
        };
        let spec = match cap_str(&c, 2).to_lowercase().as_str() {
            "week" => Spec::Weeks(n),
            "month" => Spec::Months(n),
            _ => Spec::Years(n),
        };
        let lean = match n {
            -1 => Lean::Past,
            1 => Lean::Future,
            _ => Lean::Verb,
        };
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec,
                kind: DateKind::Relative,
                lean,
            },
        );
    }
    for c in AGO.captures_iter(text) {
        let (Some(n), Some(whole)) = (number_word(cap_str(&c, 1)), c.get(0)) else {
            continue;
        };
        let spec = match cap_str(&c, 2).to_lowercase().as_str() {
            "day" => Spec::Days(-n),
            "week" => Spec::Weeks(-n),
            "month" => Spec::Months(-n),
            _ => Spec::Years(-n),
        };
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec,
                kind: DateKind::Relative,
                lean: Lean::Past,
            },
        );
    }
    for c in DEICTIC.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if words_before(text, whole.start()).last.as_deref() == Some("USA") {
            continue; // the newspaper
        }
        let lower = whole.as_str().to_lowercase();
        let (n, lean) = match lower.as_str() {
            "yesterday" => (-1, Lean::Past),
            // The night before the article's day: what a morning paper or a wire means.
            last if last.starts_with("last") => (-1, Lean::Past),
            "tomorrow" => (1, Lean::Future),
            _ => (0, Lean::Verb),
        };
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec: Spec::Days(n),
                kind: DateKind::Relative,
                lean,
            },
        );
    }
    for c in WEEKEND.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let shift = shift_of(cap_str(&c, 1));
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec: Spec::Weekend(shift),
                kind: DateKind::Relative,
                lean: lean_of(shift),
            },
        );
    }
    for c in SHIFTED_WEEKDAY.captures_iter(text) {
        let (Some(day), Some(whole)) = (weekday_of(cap_str(&c, 2)), c.get(0)) else {
            continue;
        };
        let shift = shift_of(cap_str(&c, 1));
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec: Spec::Weekday { day, shift },
                kind: DateKind::Weekday,
                lean: lean_of(shift),
            },
        );
    }
    for c in BARE_WEEKDAY.captures_iter(text) {
        let (Some(day), Some(whole)) = (weekday_of(cap_str(&c, 1)), c.get(0)) else {
            continue;
        };
        let before = words_before(text, whole.start());
        if before
            .last
            .as_deref()
            .is_some_and(|w| NAMED_DAYS.contains(&w))
        {
            continue;
        }
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec: Spec::Weekday {
                    day,
                    shift: Shift::Tense,
                },
                kind: DateKind::Weekday,
                lean: Lean::Verb,
            },
        );
    }
    for c in SHIFTED_MONTH.captures_iter(text) {
        let (Some(month), Some(whole)) = (month_number(cap_str(&c, 2)), c.get(0)) else {
            continue;
        };
        let shift = shift_of(cap_str(&c, 1));
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec: Spec::Month { month, shift },
                kind: DateKind::Absolute,
                lean: lean_of(shift),
            },
        );
    }
    for c in BARE_MONTH.captures_iter(text) {
        let (Some(name), Some(whole)) = (c.get(2), c.get(0)) else {
            continue;
        };
        let Some(month) = month_number(name.as_str()) else {
            continue;
        };
        let modified = c.get(1).is_some();
        let before = words_before(text, whole.start());
        let after_preposition = before
            .last
            .as_deref()
            .is_some_and(|w| MONTH_CONTEXT.contains(&w.to_lowercase().as_str()));
        let as_word = words_in(words, base + name.start()..base + name.end());
        let verb_or_modal = words
            .get(as_word.clone())
            .is_some_and(|ws| ws.iter().any(|w| w.upos == "VERB" || w.upos == "AUX"));
        if !(modified || after_preposition) || verb_or_modal {
            continue;
        }
        add(
            &mut found,
            Candidate {
                span: whole.range(),
                spec: Spec::Month {
                    month,
                    shift: Shift::Tense,
                },
                kind: DateKind::Absolute,
                lean: Lean::Verb,
            },
        );
    }
    for c in YEAR_RANGE.captures_iter(text) {
        let (Some(first), Some(end), Some(whole)) = (cap_num::<i32>(&c, 1), c.get(2), c.get(0))
        else {
            continue;
        };
        let last = match end.as_str().parse::<i32>() {
            Ok(two) if end.as_str().len() == 2 => first - first % 100 + two,
            Ok(four) => four,
            Err(_) => continue,
        };
        if last > first && is_year_in_context(text, whole.range(), words, base, &found) {
            add(
                &mut found,
                absolute(whole.range(), Spec::YearRange(first, last)),
            );
        }
    }
    for c in BARE_YEAR.captures_iter(text) {
        let (Some(year), Some(whole)) = (cap_num::<i32>(&c, 1), c.get(0)) else {
            continue;
        };
        if is_year_in_context(text, whole.range(), words, base, &found) {
            add(&mut found, absolute(whole.range(), Spec::Year(year)));
        }
    }

    let parse = Parse::new(words);
    for c in found.into_values() {
        let span = base + c.span.start..base + c.span.end;
        let word_range = words_in(words, span.clone());
        let relation = relation_before(text, c.span.start);
        let future = match c.lean {
            Lean::Past => false,
            Lean::Future => true,
            // A deadline in the present ("has until Sept. 30") lies ahead.
            Lean::Verb => {
                clause_is_future(&parse, word_range.clone())
                    || relation == DateRelation::Until
                        && clause_is_present(&parse, word_range.clone())
            }
        };
        let (resolved, precision) = resolve(c.spec, article_date, future);
        out.push(DateMention {
            text: text.get(c.span.clone()).unwrap_or_default().to_string(),
            start: span.start,
            end: span.end,
            sentence_index,
            first_word: word_range.start,
            end_word: word_range.end,
            resolved,
            precision,
            relation,
            kind: c.kind,
            future,
        });
    }
}

/// A day, or a range of days of one month ("25-26"), that exists in the calendar.
fn day_or_range(year: i32, month: u32, day: u32, last: Option<u32>) -> Option<Spec> {
    let first = NaiveDate::from_ymd_opt(year, month, day)?;
    match last {
        None => Some(Spec::Day(first)),
        Some(last) => NaiveDate::from_ymd_opt(year, month, last)
            .filter(|end| *end > first)
            .map(|end| Spec::DayRange(first, end)),
    }
}

/// `,000` or `.5` right after a number: it goes on.
fn starts_with_digit_group(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some(',' | '.')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

fn lean_of(shift: Shift) -> Lean {
    match shift {
        Shift::Last => Lean::Past,
        Shift::Next => Lean::Future,
        _ => Lean::Verb,
    }
}

/// The (up to) two words just before byte `at` of `text`.
struct Before {
    last: Option<String>,
    /// Byte offset of `last` in the text (`at` when there is none).
    last_start: usize,
    second_last: Option<String>,
}

fn words_before(text: &str, at: usize) -> Before {
    let head = text.get(..at).unwrap_or_default();
    // Only the tail matters; keep the regex's work bounded on long sentences.
    let mut from = head.len().saturating_sub(64);
    while !head.is_char_boundary(from) {
        from -= 1;
    }
    let tail = head.get(from..).unwrap_or_default();
    match LAST_WORDS.captures(tail) {
        Some(c) if c.get(3).is_some() => Before {
            last: c.get(3).map(|m| m.as_str().to_string()),
            last_start: c.get(3).map_or(at, |m| from + m.start()),
            second_last: None,
        },
        Some(c) => Before {
            last: c.get(2).map(|m| m.as_str().to_string()),
            last_start: c.get(2).map_or(at, |m| from + m.start()),
            second_last: c.get(1).map(|m| m.as_str().to_string()),
        },
        None => Before {
            last: None,
            last_start: at,
            second_last: None,
        },
    }
}

fn relation_before(text: &str, at: usize) -> DateRelation {
    let mut before = words_before(text, at);
    // "since the 1990s": the preposition is before the article.
    if before
        .last
        .as_deref()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
    {
        before = words_before(text, before.last_start);
    }
    let last = before.last.map(|w| w.to_lowercase()).unwrap_or_default();
    let second = before
        .second_last
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    match (second.as_str(), last.as_str()) {
        ("prior", "to") | ("ahead", "of") => DateRelation::Before,
        (_, "since" | "from") => DateRelation::Since,
        (_, "until" | "till" | "til" | "through" | "by" | "to") => DateRelation::Until,
        (_, "before") => DateRelation::Before,
        (_, "after" | "following") => DateRelation::After,
        (_, "during" | "throughout" | "over" | "within") => DateRelation::During,
        _ => DateRelation::On,
    }
}

/// The words of `words` (in text order) that overlap the article byte span (0-based, end
/// exclusive); empty when none does.
fn words_in(words: &[Word], span: Range<usize>) -> Range<usize> {
    let first = words.partition_point(|w| w.end <= span.start);
    let end = words.partition_point(|w| w.start < span.end).max(first);
    first..end
}

/// A sentence's words with each word's dependents, built once per sentence.
struct Parse<'w> {
    words: &'w [Word],
    children: Vec<Vec<usize>>,
}

impl<'w> Parse<'w> {
    fn new(words: &'w [Word]) -> Self {
        Parse {
            words,
            children: children_of(words),
        }
    }

    /// Dependents of word `parent` (0-based) with their indices.
    fn children(&self, parent: usize) -> impl Iterator<Item = (usize, &'w Word)> + '_ {
        self.children
            .get(parent)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.words.get(i).map(|w| (i, w)))
    }
}

/// A four-digit number is a year when its context says so (see the module docs).
fn is_year_in_context(
    text: &str,
    span: Range<usize>,
    words: &[Word],
    base: usize,
    found: &BTreeMap<usize, Candidate>,
) -> bool {
    let prev_char = text.get(..span.start).and_then(|t| t.chars().next_back());
    let next_text = text.get(span.end..).unwrap_or_default();
    if prev_char.is_some_and(|c| matches!(c, '$' | '£' | '€' | '#' | '.' | ',' | '/'))
        || next_text.starts_with('%')
        || starts_with_digit_group(next_text)
    {
        return false;
    }
    let next_word: String = next_text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if CLOCK_WORDS.contains(&next_word.as_str()) {
        return false;
    }
    if next_text.starts_with("'s") || next_text.starts_with("’s") {
        return true;
    }
    let before = words_before(text, span.start);
    let last = before.last.map(|w| w.to_lowercase()).unwrap_or_default();
    if matches!(last.as_str(), "and" | "or" | "to") {
        // "between 2009 and 2012", "from 2009 to 2012": a year only next to another one.
        let head = text.get(..span.start).unwrap_or_default();
        return found.range(..span.start).next_back().is_some_and(|(_, c)| {
            matches!(
                c.spec,
                Spec::Year(_) | Spec::MonthOfYear { .. } | Spec::Day(_) | Spec::YearRange(..)
            ) && c.span.end <= span.start
                && head
                    .get(c.span.end..)
                    .is_some_and(|between| between.split_whitespace().count() <= 1)
        });
    }
    if DATE_PREPOSITIONS.contains(&last.as_str()) {
        return true;
    }
    // "the 2012 truce": a determiner before, a noun after (a count's noun is plural and
    // takes no determiner: "2000 people").
    let at = words_in(words, base + span.start..base + span.end);
    let next_is_noun = words
        .get(at.end)
        .is_some_and(|w| matches!(w.upos.as_str(), "NOUN" | "PROPN" | "ADJ"));
    // `s`: the end of a possessive ("Israel's 2012 offensive").
    let determiner_before = matches!(
        last.as_str(),
        "the" | "a" | "its" | "their" | "his" | "her" | "our" | "this" | "that" | "s"
    );
    if words.is_empty() {
        // No parse: the determiner alone decides.
        return determiner_before;
    }
    determiner_before && next_is_noun
}

/// Whether the clause the words `at` belong to speaks of the future (module docs).
fn clause_is_future(parse: &Parse, at: Range<usize>) -> bool {
    let words = parse.words;
    let Some(head) = phrase_head(words, at) else {
        return false;
    };
    let Some(verb) = clause_verb(words, head) else {
        return false;
    };
    if has_future_auxiliary(parse, verb) {
        return true;
    }
    // "is expected to meet … on Monday": the date's verb is the complement of a present
    // scheduling verb.
    let Some(w) = words.get(verb) else {
        return false;
    };
    if w.deprel == "xcomp" {
        if let Some(governor) = w
            .head
            .checked_sub(1)
            .and_then(|g| words.get(g).map(|x| (g, x)))
        {
            let (g, gw) = governor;
            let lemma = gw.lemma.to_lowercase();
            if SCHEDULING_VERBS.contains(&lemma.as_str()) || gw.form.eq_ignore_ascii_case("due") {
                let past = gw.xpos == "VBD"
                    || parse
                        .children(g)
                        .any(|(_, c)| c.deprel.starts_with("aux") && c.xpos == "VBD");
                return !past || has_future_auxiliary(parse, g);
            }
            return has_future_auxiliary(parse, g);
        }
    }
    false
}

/// Whether the clause the words `at` belong to is in the simple present: its verb (or, for
/// a copular clause, its copula or auxiliary) is VBZ/VBP with no past auxiliary.
fn clause_is_present(parse: &Parse, at: Range<usize>) -> bool {
    let words = parse.words;
    let Some(verb) = phrase_head(words, at).and_then(|h| clause_verb(words, h)) else {
        return false;
    };
    let Some(w) = words.get(verb) else {
        return false;
    };
    let tensed: Vec<&str> = parse
        .children(verb)
        .filter(|(_, c)| c.deprel.starts_with("aux") || c.deprel == "cop")
        .map(|(_, c)| c.xpos.as_str())
        .chain(std::iter::once(w.xpos.as_str()))
        .collect();
    tensed.iter().any(|x| *x == "VBZ" || *x == "VBP") && !tensed.contains(&"VBD")
}

fn has_future_auxiliary(parse: &Parse, verb: usize) -> bool {
    let words = parse.words;
    parse.children(verb).any(|(i, c)| {
        let form = c.form.to_lowercase();
        let modal = matches!(
            form.as_str(),
            "will" | "shall" | "'ll" | "’ll" | "wo" | "would" | "'d"
        ) && (c.deprel.starts_with("aux") || c.xpos == "MD");
        // "is going to meet": `going` governs with `to` before the verb.
        let going = form == "going"
            && words
                .get(i + 1)
                .is_some_and(|t| t.form.eq_ignore_ascii_case("to"));
        modal || going
    })
}

/// The word of `at` whose head lies outside it (the phrase's head), 0-based.
fn phrase_head(words: &[Word], at: Range<usize>) -> Option<usize> {
    at.clone().find(|&i| {
        words
            .get(i)
            .is_some_and(|w| w.head == 0 || !at.contains(&(w.head - 1)))
    })
}

/// The verb (or root) governing word `i`, 0-based; `i` itself when it is a verb.
fn clause_verb(words: &[Word], mut i: usize) -> Option<usize> {
    // A parse is a tree, but a bound keeps a malformed one from looping.
    for _ in 0..words.len() + 1 {
        let w = words.get(i)?;
        if w.upos == "VERB" || w.head == 0 {
            return Some(i);
        }
        // A copula's clause is its predicate's: keep climbing from an AUX.
        i = w.head - 1;
    }
    None
}

/// ISO string and precision of a spec on the article date.
fn resolve(
    spec: Spec,
    article: Option<NaiveDate>,
    future: bool,
) -> (Option<String>, DatePrecision) {
    use DatePrecision::*;
    let day_iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match spec {
        Spec::Day(d) => (Some(day_iso(d)), Day),
        Spec::Year(y) => (Some(format!("{y:04}")), Year),
        Spec::Decade(y) => (Some(format!("{:03}X", y / 10)), Decade),
        Spec::MonthOfYear { year, month } => (Some(format!("{year:04}-{month:02}")), Month),
        Spec::DayRange(first, last) => (Some(format!("{}/{}", day_iso(first), day_iso(last))), Day),
        Spec::YearRange(first, last) => (Some(format!("{first:04}/{last:04}")), Year),
        Spec::MonthDay { month, day, last } => {
            let resolved = article.and_then(|a| {
                let this_year = NaiveDate::from_ymd_opt(a.year(), month, day);
                let year = match this_year {
                    Some(d) if future && d < a => a.year() + 1,
                    Some(d) if !future && d > a => a.year() - 1,
                    Some(_) => a.year(),
                    // February 29 outside a leap year: the nearest leap year that way.
                    None if future => (a.year()..a.year() + 8).find(|y| is_leap(*y))?,
                    None => (a.year() - 8..=a.year()).rev().find(|y| is_leap(*y))?,
                };
                let first = NaiveDate::from_ymd_opt(year, month, day)?;
                match last.and_then(|l| NaiveDate::from_ymd_opt(year, month, l)) {
                    Some(end) if end > first => {
                        Some(format!("{}/{}", day_iso(first), day_iso(end)))
                    }
                    _ => Some(day_iso(first)),
                }
            });
            (resolved, Day)
        }
        Spec::Month { month, shift } => {
            let resolved = article.map(|a| {
                let m = a.month();
                let year = match shift {
                    Shift::Last if month < m => a.year(),
                    Shift::Last => a.year() - 1,
                    Shift::Next if month > m => a.year(),
                    Shift::Next => a.year() + 1,
                    Shift::This => a.year(),
                    Shift::Tense if future && month < m => a.year() + 1,
                    Shift::Tense if !future && month > m => a.year() - 1,
                    Shift::Tense => a.year(),
                };
                format!("{year:04}-{month:02}")
            });
            (resolved, Month)
        }
        Spec::Weekday { day, shift } => (
            article
                .and_then(|a| weekday_near(a, day, shift, future))
                .map(day_iso),
            Day,
        ),
        Spec::Weekend(shift) => (
            article
                .and_then(|a| weekday_near(a, Weekday::Sat, shift, future))
                .map(|d| d.format("%G-W%V").to_string()),
            Week,
        ),
        Spec::Days(n) => (
            article
                .and_then(|a| a.checked_add_signed(Duration::days(n)))
                .map(day_iso),
            Day,
        ),
        Spec::Weeks(n) => (
            article
                .and_then(|a| a.checked_add_signed(Duration::weeks(n)))
                .map(|d| d.format("%G-W%V").to_string()),
            Week,
        ),
        Spec::Months(n) => {
            let resolved = article.map(|a| {
                let index = a.year() as i64 * 12 + a.month0() as i64 + n;
                format!(
                    "{:04}-{:02}",
                    index.div_euclid(12),
                    index.rem_euclid(12) + 1
                )
            });
            (resolved, Month)
        }
        Spec::Years(n) => (article.map(|a| format!("{:04}", a.year() as i64 + n)), Year),
    }
}

/// The `day` of the week nearest the article date in the direction the shift or the tense
/// gives (module docs).
fn weekday_near(article: NaiveDate, day: Weekday, shift: Shift, future: bool) -> Option<NaiveDate> {
    let back = (7 + article.weekday().num_days_from_monday() as i64
        - day.num_days_from_monday() as i64)
        % 7;
    let ahead = (7 - back) % 7;
    let offset = match shift {
        Shift::Last if back == 0 => -7,
        Shift::Last => -back,
        Shift::Next if ahead == 0 => 7,
        Shift::Next => ahead,
        Shift::This | Shift::Tense if future => ahead,
        Shift::This | Shift::Tense => -back,
    };
    article.checked_add_signed(Duration::days(offset))
}

fn is_leap(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 2, 29).is_some()
}

/// The date mention that dates the event whose trigger is word `trigger_word` (0-based) of
/// `sentence`, among `dates` (all of an article's mentions; those outside the sentence's
/// byte span are ignored).
///
/// A mention qualifies when it attaches, through the parse, to the trigger itself
/// ("last year's coup"), to the trigger's clause ("ousted … on Monday"), or to a clause
/// coordinated with or completing it ("called on Monday for talks and urged …"); the closer
/// attachment wins, then the nearer mention in words. A date in a clause that merely
/// reports the event ("said on Monday that … had killed") does not date the reported event.
/// `None`: the event takes the article's date.
pub fn event_date<'d>(
    dates: &'d [DateMention],
    sentence: &AnalyzedSentence,
    trigger_word: usize,
) -> Option<&'d DateMention> {
    let words = &sentence.words;
    words.get(trigger_word)?;
    let trigger_clause = clause_verb(words, trigger_word)?;
    let trigger_group = clause_group(words, trigger_clause);
    dates
        .iter()
        .filter(|d| d.start >= sentence.start && d.end <= sentence.end)
        .filter_map(|d| {
            let head = phrase_head(words, d.first_word..d.end_word)?;
            let rank = attachment_rank(words, head, trigger_word, trigger_clause, trigger_group)?;
            let distance = head.abs_diff(trigger_word);
            Some((rank, distance, d))
        })
        .min_by_key(|(rank, distance, _)| (*rank, *distance))
        .map(|(_, _, d)| d)
}

/// Where an event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A date expression of the event's own sentence ([`event_date`]).
    Sentence,
    /// The article's date: the sentence gives none.
    Article,
}

/// An event's date, ready for output: the sentence's when it gives one, else the article's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventDate {
    /// ISO 8601 at `precision`; `None` when neither the sentence nor the article has a date.
    pub date: Option<String>,
    pub precision: DatePrecision,
    pub source: DateSource,
    /// How the date relates to the event (`on` for the article's date).
    pub relation: DateRelation,
    /// Index of the mention in the `dates` given, when the sentence gave the date.
    pub mention: Option<usize>,
}

/// [`event_date`], falling back to the article's date (day precision) when the sentence
/// gives none or its mention could not be resolved.
pub fn event_date_or_article(
    dates: &[DateMention],
    sentence: &AnalyzedSentence,
    trigger_word: usize,
    article_date: Option<NaiveDate>,
) -> EventDate {
    let from_sentence = event_date(dates, sentence, trigger_word)
        .filter(|m| m.resolved.is_some())
        .map(|m| EventDate {
            date: m.resolved.clone(),
            precision: m.precision,
            source: DateSource::Sentence,
            relation: m.relation,
            mention: dates.iter().position(|d| std::ptr::eq(d, m)),
        });
    from_sentence.unwrap_or_else(|| EventDate {
        date: article_date.map(|d| d.format("%Y-%m-%d").to_string()),
        precision: DatePrecision::Day,
        source: DateSource::Article,
        relation: DateRelation::On,
        mention: None,
    })
}

/// 0: the date hangs on the trigger (before any clause verb); 1: on the trigger's clause;
/// 2: on a clause coordinated with or completing it. `None`: elsewhere.
fn attachment_rank(
    words: &[Word],
    date_head: usize,
    trigger: usize,
    trigger_clause: usize,
    trigger_group: usize,
) -> Option<u8> {
    let mut i = date_head;
    for _ in 0..words.len() + 1 {
        let w = words.get(i)?;
        if w.head == 0 {
            break;
        }
        let parent = w.head - 1;
        if parent == trigger {
            return Some(0);
        }
        if words.get(parent).is_some_and(|p| p.upos == "VERB") {
            i = parent;
            break;
        }
        i = parent;
    }
    let clause = clause_verb(words, i)?;
    if clause == trigger_clause {
        return Some(1);
    }
    if clause_group(words, clause) == trigger_group {
        return Some(2);
    }
    None
}

/// The first clause of a chain of coordinated or complement clauses (`conj`, `xcomp`).
fn clause_group(words: &[Word], mut verb: usize) -> usize {
    for _ in 0..words.len() + 1 {
        let Some(w) = words.get(verb) else { break };
        if w.head == 0 || !matches!(w.deprel.as_str(), "conj" | "xcomp") {
            break;
        }
        match clause_verb(words, w.head - 1) {
            Some(v) if v != verb => verb = v,
            _ => break,
        }
    }
    verb
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of real text in which any date pattern matches all carry the hint:
    /// otherwise the pre-check would drop dates. Read over the seed article and a treebank
    /// (tens of thousands of sentences with every kind of date); shared data is there in CI.
    #[test]
    fn every_pattern_needs_a_hint() {
        let patterns: [&Lazy<Regex>; 18] = [
            &ISO,
            &MONTH_DAY_YEAR,
            &DAY_MONTH_YEAR,
            &MONTH_DAY,
            &DAY_MONTH,
            &MONTH_YEAR,
            &YEAR_RANGE,
            &DECADE,
            &UNIT_SHIFT,
            &AGO,
            &DEICTIC,
            &WEEKEND,
            &NUMERIC,
            &SHIFTED_WEEKDAY,
            &BARE_WEEKDAY,
            &SHIFTED_MONTH,
            &BARE_MONTH,
            &BARE_YEAR,
        ];
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
        let mut texts: Vec<String> = Vec::new();
        for file in [
            "seed/kerry-ceasefire-2014.txt",
            "data/ud_english_ewt/en_ewt-ud-train.conllu",
        ] {
            let Ok(body) = std::fs::read_to_string(format!("{root}/{file}")) else {
                panic!("{root}/{file}: shared data missing");
            };
            if file.ends_with(".conllu") {
                texts.extend(
                    body.lines()
                        .filter_map(|l| l.strip_prefix("# text = "))
                        .map(str::to_string),
                );
            } else {
                texts.extend(body.lines().map(str::to_string));
            }
        }
        // Made-up lines for the patterns real text rarely shows.
        texts.extend(
            [
                "talks resume this weekend",
                "a week ago",
                "last night",
                "in the 1990s",
                "on 7/21/2014",
                "2014-07-21",
                "the 21st of July",
                "Sept. 30",
                "mid-July",
                "next Friday evening",
                "TONIGHT",
                "Yesterday",
            ]
            .map(String::from),
        );
        let mut matched = 0;
        for t in &texts {
            if patterns.iter().any(|p| p.is_match(t)) {
                matched += 1;
                assert!(DATE_HINT.is_match(t), "a date without the hint: {t:?}");
            }
        }
        assert!(
            matched > 500,
            "only {matched} lines with dates: wrong files?"
        );
        // And the hint must spare most lines, or it is no pre-check.
        let hinted = texts.iter().filter(|t| DATE_HINT.is_match(t)).count();
        assert!(
            hinted * 2 < texts.len(),
            "{hinted} of {} lines hinted",
            texts.len()
        );
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn resolves_without_a_parse() {
        let d = find_dates(
            "The truce of November 2012 broke last month; talks resume next Monday.",
            &[],
            ymd(2014, 1, 15),
        );
        let got: Vec<(&str, Option<&str>)> = d
            .iter()
            .map(|m| (m.text.as_str(), m.resolved.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("November 2012", Some("2012-11")),
                ("last month", Some("2013-12")),
                ("next Monday", Some("2014-01-20")),
            ]
        );
    }

    #[test]
    fn relation_from_the_preposition() {
        let d = find_dates(
            "Fighting since January and talks until 2015.",
            &[],
            ymd(2014, 7, 21),
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].relation, DateRelation::Since);
        assert_eq!(d[1].relation, DateRelation::Until);
        assert_eq!(d[0].resolved.as_deref(), Some("2014-01"));
    }

    #[test]
    fn no_article_date_keeps_relative_mentions_unresolved() {
        let d = find_dates("He left yesterday, in 2012 style.", &[], None);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].resolved, None);
        assert_eq!(d[1].resolved.as_deref(), Some("2012"));
    }

    #[test]
    fn a_huge_sentence_stays_linear() {
        let text = "Talks on Monday, in 2012 and 2013. ".repeat(5000);
        let started = std::time::Instant::now();
        let d = find_dates(&text, &[], ymd(2014, 7, 23));
        assert_eq!(d.len(), 15000);
        assert_eq!(d[2].text, "2013");
        // Quadratic work would take minutes here, even in a debug build.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn decades_weeks_and_leap_days() {
        let d = find_dates(
            "Since the 1990s, and last week, and on Feb. 29.",
            &[],
            ymd(2015, 3, 4),
        );
        let got: Vec<Option<&str>> = d.iter().map(|m| m.resolved.as_deref()).collect();
        assert_eq!(
            got,
            vec![Some("199X"), Some("2015-W09"), Some("2012-02-29")]
        );
    }
}
