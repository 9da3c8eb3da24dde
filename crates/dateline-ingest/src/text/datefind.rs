//! Date *phrases* inside a line of scraped text ("… early Monday, July 21, 2014.",
//! "Posted on March 3, 2015 by Jane Doe", "21 July 2014", "2014-07-21"), found by
//! [`crate::dates::find_dates`]; this module adds what scrapes need on top: a second look
//! when page elements are glued to a date ("2020November"), and "does the line end with a
//! date".

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
    let mut hits: Vec<DateHit> = crate::dates::find_dates(line)
        .into_iter()
        .map(|f| DateHit {
            start: f.start,
            end: f.end,
            iso: f.date.format("%Y-%m-%d").to_string(),
        })
        .collect();
    hits.dedup_by(|b, a| b.start < a.end); // drop overlaps, keep the earlier
    hits
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
