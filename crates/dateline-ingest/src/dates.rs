//! Date strings as pages write them → ISO 8601.
//!
//! Handled forms (case-insensitive, surrounding text allowed):
//! - ISO 8601 and its loose variants: `2014-07-21`, `2014-07-21T08:00:00Z`,
//!   `2014-07-21 08:00:00+02:00`, `2014/07/21`, `2014.07.21`, compact `20140721`
//!   (whole string only);
//! - month names (English, plus German, French, Spanish, Italian, Portuguese, Dutch):
//!   `July 21, 2014`, `Monday, July 21, 2014`, `Jul. 21st 2014`, `21 Jul 2014`,
//!   `21st of July, 2014`, RFC 2822 `Mon, 21 Jul 2014 08:00:00 GMT`, `21. Juli 2014`,
//!   `21 de julio de 2014`;
//! - numeric day/month/year: `21.07.2014`, `21/07/2014`, `07/21/2014` (a field above 12
//!   decides; when both could be a month, `.` means day first and `/` or `-` month first);
//! - CJK `2014年7月21日`;
//! - a bare 10-digit Unix timestamp (whole string only).
//!
//! Every result is checked to be a real calendar day. [`is_plausible`] further rejects
//! dates before 1995 (no news web) or after tomorrow (pages cannot be published in the
//! future; one day of slack for time zones).

use chrono::{Datelike, NaiveDate};
use once_cell::sync::Lazy;
use regex::Regex;

/// English and common European month names, lower case, with their month number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let lower = lower.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == lower).map(|(_, m)| *m)
}

/// Alternation of all month names, longest first so `june` wins over `jun`.
static MONTH_ALT: Lazy<String> = Lazy::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names.join("|")
});

static ISO_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|[^\d])((?:19|20)\d{2})([-/.])(\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)")
        .expect("static regex")
});
// The time after an ISO date, matched from the year on.
static ISO_TIME_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^((?:19|20)\d{2})-(\d{2})-(\d{2})[T\s](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    )
    .expect("static regex")
});
static MDY_NAME_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+((?:19|20)\d{{2}})\b",
        *MONTH_ALT
    ))
    .expect("static regex")
});
static DMY_NAME_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?\s*(?:of\s+|de\s+)?(?:-\s*)?({})\.?,?\s*(?:-\s*)?(?:de\s+|del\s+)?((?:19|20)\d{{2}})\b",
        *MONTH_ALT
    ))
    .expect("static regex")
});
static YMD_NAME_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?i)\b((?:19|20)\d{{2}}),?\s+({})\.?\s+(\d{{1,2}})\b",
        *MONTH_ALT
    ))
    .expect("static regex")
});
static NUMERIC_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[^\d/.\-])(\d{1,2})([/.\-])(\d{1,2})[/.\-]((?:19|20)\d{2})(?:[^\d]|$)")
        .expect("static regex")
});
static CJK_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("static regex")
});
static COMPACT_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^((?:19|20)\d{2})(\d{2})(\d{2})$").expect("static regex"));
static UNIX_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^1\d{9}(?:\d{3})?$").expect("static regex"));

/// A date found in a string, with where the match starts (for "first date in the text").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    /// `HH:MM:SS` plus the zone as written (`Z`, `+02:00`) when an ISO time followed.
    pub time: Option<String>,
    /// Byte span of the date in the searched string (time excluded).
    pub start: usize,
    pub end: usize,
}

impl FoundDate {
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[zone]` when a time was given.
    pub fn to_iso(&self) -> String {
        match &self.time {
            Some(t) => format!("{}T{}", self.date.format("%Y-%m-%d"), t),
            None => self.date.format("%Y-%m-%d").to_string(),
        }
    }
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn zone(z: &str) -> String {
    let up = z.to_ascii_uppercase();
    if up == "Z" || up == "UTC" || up == "GMT" {
        return "Z".to_string();
    }
    let digits: String = z.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = &z[..1];
    match digits.len() {
        2 => format!("{sign}{digits}:00"),
        4 => format!("{sign}{}:{}", &digits[..2], &digits[2..]),
        _ => String::new(),
    }
}

/// Every date written in `s`, in order of position. Overlapping matches of different
/// forms are all returned; callers usually want the first. Ambiguous numeric dates
/// (`06/03/2026`) are read month first; see [`find_dates_day_first`].
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    find_dates_day_first(s, false)
}

/// [`find_dates`], reading ambiguous `a/b/yyyy` as day/month when `day_first` (pages
/// outside the US). `a.b.yyyy` is always day first.
pub fn find_dates_day_first(s: &str, day_first: bool) -> Vec<FoundDate> {
    let mut out = Vec::new();
    for c in ISO_RE.captures_iter(s) {
        let (Some(whole), Some(y), Some(m), Some(d)) = (c.get(1), c.get(1), c.get(3), c.get(4))
        else {
            continue;
        };
        if let Some(date) = num(m.as_str()).and_then(|m| ymd(y.as_str(), m, d.as_str())) {
            let time = ISO_TIME_RE.captures(&s[whole.start()..]).and_then(|t| {
                let h: u32 = num(t.get(4)?.as_str())?;
                let mi: u32 = num(t.get(5)?.as_str())?;
                let se: u32 = t.get(6).and_then(|x| num(x.as_str())).unwrap_or(0);
                if h > 23 || mi > 59 || se > 60 {
                    return None;
                }
                let z = t.get(7).map(|z| zone(z.as_str())).unwrap_or_default();
                Some(format!("{h:02}:{mi:02}:{se:02}{z}"))
            });
            out.push(FoundDate {
                date,
                time,
                start: whole.start(),
                end: d.end(),
            });
        }
    }
    // Dates with a month name, in the three orders pages write them. Each entry: the
    // regex and which capture group holds the year, the month name and the day.
    let named: [(&Regex, [usize; 3]); 3] = [
        (&MDY_NAME_RE, [3, 1, 2]),
        (&DMY_NAME_RE, [3, 2, 1]),
        (&YMD_NAME_RE, [1, 2, 3]),
    ];
    for (re, [yi, mi, di]) in named {
        for c in re.captures_iter(s) {
            let (Some(whole), Some(y), Some(m), Some(d)) =
                (c.get(0), c.get(yi), c.get(mi), c.get(di))
            else {
                continue;
            };
            if let Some(date) =
                month_number(m.as_str()).and_then(|m| ymd(y.as_str(), m, d.as_str()))
            {
                out.push(FoundDate {
                    date,
                    time: None,
                    start: whole.start(),
                    end: whole.end(),
                });
            }
        }
    }
    for c in NUMERIC_RE.captures_iter(s) {
        let (Some(a), Some(sep), Some(b), Some(y)) = (c.get(1), c.get(2), c.get(3), c.get(4))
        else {
            continue;
        };
        let (Some(a_n), Some(b_n)) = (num(a.as_str()), num(b.as_str())) else {
            continue;
        };
        let (day, month) = if a_n > 12 {
            (a_n, b_n)
        } else if b_n > 12 {
            (b_n, a_n)
        } else if day_first || sep.as_str() == "." {
            (a_n, b_n)
        } else {
            (b_n, a_n)
        };
        let Ok(year) = y.as_str().parse::<i32>() else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            out.push(FoundDate {
                date,
                time: None,
                start: a.start(),
                end: y.end(),
            });
        }
    }
    for c in CJK_RE.captures_iter(s) {
        let (Some(whole), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        if let Some(date) = num(m.as_str()).and_then(|m| ymd(y.as_str(), m, d.as_str())) {
            out.push(FoundDate {
                date,
                time: None,
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

/// The first date written in `s` (a meta value, an attribute, a line of text), with its
/// time when an ISO time follows it. Whole-string compact (`20140721`) and Unix-timestamp
/// forms are accepted too.
pub fn parse_date_time(s: &str) -> Option<FoundDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // Bound the work on huge attributes.
    let s = match s.char_indices().nth(400) {
        Some((i, _)) => &s[..i],
        None => s,
    };
    if let Some(c) = COMPACT_RE.captures(s) {
        let date = (|| {
            ymd(
                c.get(1)?.as_str(),
                num(c.get(2)?.as_str())?,
                c.get(3)?.as_str(),
            )
        })();
        return date.map(|date| FoundDate {
            date,
            time: None,
            start: 0,
            end: s.len(),
        });
    }
    if UNIX_RE.is_match(s) {
        let secs: i64 = s[..10].parse().ok()?;
        let date = chrono::DateTime::from_timestamp(secs, 0)?.date_naive();
        return Some(FoundDate {
            date,
            time: None,
            start: 0,
            end: s.len(),
        });
    }
    find_dates(s).into_iter().next()
}

/// Parse a date written in one of the common page formats. Returns `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    parse_date_time(s).map(|f| f.date.format("%Y-%m-%d").to_string())
}

static URL_DATE_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:^|[/_\-.])((?:19|20)\d{2})[/_\-.]?(0[1-9]|1[0-2])[/_\-.]?(0[1-9]|[12]\d|3[01])(?:[/_\-.]|$)",
    )
    .expect("static regex")
});
static URL_DATE_SEP_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)").expect("static regex")
});

/// A full date (year, month and day) in a URL's path: `/2014/07/21/`, `/20140721/`,
/// `-2014-07-21-`, `/2014/7/21/`. Year-and-month-only paths give nothing.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    // Only the path: hosts and query strings carry ids and timestamps.
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme
        .find('/')
        .map_or("", |i| &after_scheme[i..])
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    if let Some(c) = URL_DATE_SEP_RE.captures(path) {
        let d = (|| {
            ymd(
                c.get(1)?.as_str(),
                num(c.get(2)?.as_str())?,
                c.get(3)?.as_str(),
            )
        })();
        if d.is_some() {
            return d;
        }
    }
    let c = URL_DATE_RE.captures(path)?;
    ymd(
        c.get(1)?.as_str(),
        num(c.get(2)?.as_str())?,
        c.get(3)?.as_str(),
    )
}

/// Today's date (UTC) from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

/// Could a news page have been published on `d`? Not before 1995 and not after tomorrow.
pub fn is_plausible(d: NaiveDate) -> bool {
    let max = today().succ_opt().unwrap_or(NaiveDate::MAX);
    d.year() >= 1995 && d <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2014-07-21", Some("2014-07-21")),
            ("2014-07-21T08:00:00Z", Some("2014-07-21")),
            ("2014-07-21T23:59:00-04:00", Some("2014-07-21")),
            ("2014-07-21 08:00:00", Some("2014-07-21")),
            ("Mon, 21 Jul 2014 08:00:00 GMT", Some("2014-07-21")),
            ("Mon, 21 Jul 2014 08:00:00 +0000", Some("2014-07-21")),
            ("July 21, 2014", Some("2014-07-21")),
            ("Jul. 21st, 2014", Some("2014-07-21")),
            ("Monday, July 21, 2014", Some("2014-07-21")),
            ("21 Jul 2014", Some("2014-07-21")),
            ("21 July 2014 08:00 GMT", Some("2014-07-21")),
            ("21st of July, 2014", Some("2014-07-21")),
            ("2014/07/21", Some("2014-07-21")),
            ("2014.07.21", Some("2014-07-21")),
            ("20140721", Some("2014-07-21")),
            ("21.07.2014", Some("2014-07-21")),
            ("21/07/2014", Some("2014-07-21")),
            ("07/21/2014", Some("2014-07-21")),
            ("21. Juli 2014", Some("2014-07-21")),
            ("21 de julio de 2014", Some("2014-07-21")),
            ("21 juillet 2014", Some("2014-07-21")),
            ("2014年7月21日", Some("2014-07-21")),
            ("2014 Jul 21;15(1):e33475", Some("2014-07-21")),
            ("Published July 21, 2014 at 8:00 am", Some("2014-07-21")),
            ("1405929600", Some("2014-07-21")),
            ("", None),
            ("yesterday", None),
            ("2014-13-45", None),
            ("February 30, 2014", None),
            ("May I have 21 apples in 2014", None),
            ("123456", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn keeps_iso_time() {
        let f = parse_date_time("2014-07-21T08:05:09.123+0200").expect("date");
        assert_eq!(f.to_iso(), "2014-07-21T08:05:09+02:00");
        let f = parse_date_time("2014-07-21T08:05Z").expect("date");
        assert_eq!(f.to_iso(), "2014-07-21T08:05:00Z");
        assert_eq!(
            parse_date_time("July 21, 2014")
                .map(|f| f.to_iso())
                .as_deref(),
            Some("2014-07-21")
        );
    }

    #[test]
    fn url_dates() {
        let d = |s| date_from_url(s).map(|d| d.to_string());
        assert_eq!(
            d("https://x.com/2014/07/21/story").as_deref(),
            Some("2014-07-21")
        );
        assert_eq!(
            d("https://x.com/news/20140721/story").as_deref(),
            Some("2014-07-21")
        );
        assert_eq!(
            d("https://x.com/a/story-2014-07-21.html").as_deref(),
            Some("2014-07-21")
        );
        assert_eq!(
            d("https://x.com/2014/7/1/story").as_deref(),
            Some("2014-07-01")
        );
        assert_eq!(d("https://x.com/2014/07/story"), None);
        let first = |s, df| {
            find_dates_day_first(s, df)
                .first()
                .map(|f| f.date.to_string())
        };
        assert_eq!(first("06/03/2026", false).as_deref(), Some("2026-06-03"));
        assert_eq!(first("06/03/2026", true).as_deref(), Some("2026-03-06"));
        assert_eq!(d("https://x.com/story?id=20140721"), None);
        assert_eq!(d("https://x.com/id/1234567890123"), None);
    }

    #[test]
    fn plausibility() {
        assert!(!is_plausible(
            NaiveDate::from_ymd_opt(1994, 12, 31).expect("date")
        ));
        assert!(is_plausible(
            NaiveDate::from_ymd_opt(2014, 7, 21).expect("date")
        ));
        assert!(!is_plausible(today() + chrono::Days::new(3)));
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in [
            "\u{0}",
            "-",
            "+",
            "2014-",
            "T",
            "Z",
            "99999999999999999999",
            "é2014-07-21é",
        ] {
            let _ = parse_date_time(s);
            let _ = date_from_url(s);
        }
        let huge = "2014-07-21 ".repeat(100_000);
        assert_eq!(parse_date(&huge).as_deref(), Some("2014-07-21"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = parse_date_time(&s);
            let _ = find_dates_day_first(&s, true);
            let _ = date_from_url(&s);
        }

        #[test]
        fn results_are_real_iso_days(y in 1990i32..2030, m in 1u32..13, d in 1u32..32) {
            let s = format!("{y}-{m:02}-{d:02}");
            let valid = NaiveDate::from_ymd_opt(y, m, d).is_some();
            proptest::prop_assert_eq!(parse_date(&s).is_some(), valid);
        }
    }
}
