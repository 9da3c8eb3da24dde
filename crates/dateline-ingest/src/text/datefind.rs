//! Date *phrases* inside a line of scraped text ("… early Monday, July 21, 2014.",
//! "Posted on March 3, 2015 by Jane Doe", "21 July 2014", "2014-07-21"). Each phrase found is
//! handed to [`crate::dates::parse_date`]; when that cannot read it, a small private fallback
//! reads the captured month, day and year (kept here until `dates.rs` covers these shapes).

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAY: &str =
    r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?";

/// "Monday, July 21, 2014" / "July 21st 2014" / "Jul. 21, 2014".
static MDY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY}{MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// "Monday 21 July 2014" / "21 Jul. 2014".
static DMY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+(\d{{4}})\b"
    ))
    .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// "2014-07-21".
static ISO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:T|\b)")
        .unwrap_or_else(|e| panic!("built-in regex: {e}"))
});

/// One date phrase found in a line: byte span and ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub iso: String,
}

/// Every date phrase in `line`, in order of position. Scrapers glue page elements
/// ("Posted on June 29, 2020November 12, 2021"); when a digit runs into a letter the line
/// is searched again with a space put there (spans then refer to that spaced copy, which
/// differs from `line` by the inserted spaces only).
pub fn find_dates(line: &str) -> Vec<DateHit> {
    let hits = find_dates_in(line);
    if !hits.is_empty() {
        return hits;
    }
    let mut spaced = String::with_capacity(line.len() + 8);
    let mut prev: Option<char> = None;
    let mut changed = false;
    for c in line.chars() {
        if prev.is_some_and(|p| p.is_ascii_digit()) && c.is_ascii_alphabetic() {
            spaced.push(' ');
            changed = true;
        }
        spaced.push(c);
        prev = Some(c);
    }
    if changed {
        find_dates_in(&spaced)
    } else {
        hits
    }
}

fn find_dates_in(line: &str) -> Vec<DateHit> {
    let mut hits = Vec::new();
    for c in MDY.captures_iter(line) {
        if let Some(all) = c.get(0) {
            push_hit(&mut hits, all);
        }
    }
    for c in DMY.captures_iter(line) {
        if let Some(all) = c.get(0) {
            push_hit(&mut hits, all);
        }
    }
    for c in ISO.captures_iter(line) {
        let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        if let Some(iso) = crate::dates::parse_date(all.as_str()).or_else(|| {
            let date = NaiveDate::from_ymd_opt(
                y.as_str().parse().ok()?,
                m.as_str().parse().ok()?,
                d.as_str().parse().ok()?,
            )?;
            Some(date.format("%Y-%m-%d").to_string())
        }) {
            hits.push(DateHit {
                start: all.start(),
                end: all.end(),
                iso,
            });
        }
    }
    hits.sort_by_key(|h| h.start);
    hits.dedup_by(|b, a| b.start < a.end); // drop overlaps, keep the earlier
    hits
}

fn push_hit(hits: &mut Vec<DateHit>, all: regex::Match<'_>) {
    let iso = crate::dates::parse_date(all.as_str());
    if let Some(iso) = iso {
        hits.push(DateHit {
            start: all.start(),
            end: all.end(),
            iso,
        });
    }
}

/// Does the line end with a date phrase (only punctuation after it)?
pub fn ends_with_date(line: &str) -> Option<String> {
    let hit = find_dates(line).pop()?;
    let rest = line.get(hit.end..)?;
    if rest.chars().all(|c| !c.is_alphanumeric()) {
        Some(hit.iso)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isos(s: &str) -> Vec<String> {
        find_dates(s).into_iter().map(|h| h.iso).collect()
    }

    #[test]
    fn finds_date_phrases() {
        assert_eq!(
            isos("as he begins his trip, early Monday, July 21, 2014."),
            ["2014-07-21"]
        );
        assert_eq!(isos("Posted on March 3, 2015 by Jane Doe"), ["2015-03-03"]);
        assert_eq!(isos("Published Jul. 21st 2014 8:42AM EDT"), ["2014-07-21"]);
        assert_eq!(isos("21 July 2014 Last updated at 10:02"), ["2014-07-21"]);
        assert_eq!(isos("Updated 2014-07-22T10:00Z"), ["2014-07-22"]);
        assert_eq!(isos("Tuesday 22 July 2014"), ["2014-07-22"]);
        assert_eq!(
            isos("Posted on June 29, 2020November 12, 2021"),
            ["2020-06-29", "2021-11-12"]
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert!(isos("February 30, 2014").is_empty());
        assert!(isos("in May the 3 of them, 2014 members").is_empty());
        assert!(isos("July 2014").is_empty());
        assert!(isos("").is_empty());
        assert!(isos("March 3, 0001").is_empty());
    }

    #[test]
    fn ending_date() {
        assert_eq!(
            ends_with_date("steps out of his vehicle, early Monday, July 21, 2014.").as_deref(),
            Some("2014-07-21")
        );
        assert_eq!(ends_with_date("On July 21, 2014 he left."), None);
    }
}
