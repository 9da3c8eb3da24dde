//! JSONL (`.jsonl`, `.ndjson`, gzipped or not): one document per line.
//!
//! Each line is a JSON object:
//!
//! | field | |
//! |---|---|
//! | `id` | string or number → [`Document::id`]; missing or `null` → `path:line` |
//! | `url` | optional string → `Source::url` |
//! | `date` | optional ISO-8601-ish publish date (`2024-03-05`, `2024-03-05T10:00:00Z`, `2024-03-05 10:00`) → `Document::date_hint`; a date that is not one is ignored (the page's own date is used) |
//! | `html` or `text` | the content; `html` wins when both are given |
//!
//! The file is read line by line through a `BufRead` with a line buffer bounded by
//! `max_bytes`, so a file of any size streams in constant memory. A bad line (not JSON, not
//! an object, no `html`/`text`, a field of the wrong type, longer than `max_bytes`) gives
//! one `bad_jsonl` error naming `path:line` and the reason; a blank `html`/`text` gives
//! `empty`; reading goes on with the next line. Blank lines are skipped. Bytes that are
//! not UTF-8 are replaced (U+FFFD) rather than failing the line.
//!
//! [`Document::id`]: dateline_core::Document::id

use std::io::{self, BufRead};

use dateline_core::{Content, Document, ErrorKind, InputError, Source};
use serde_json::Value;

use super::Item;

/// Streams the documents of one JSONL stream.
pub struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    path: String,
    line: u64,
    max: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlRecords {
    pub fn new(reader: Box<dyn BufRead + Send>, path: String, max: u64) -> Self {
        JsonlRecords {
            reader,
            path,
            line: 0,
            max,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl Iterator for JsonlRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            let line = read_line_bounded(&mut self.reader, &mut self.buf, self.max);
            let input = format!("{}:{}", self.path, self.line + 1);
            match line {
                Err(e) => {
                    // After damaged gzip data the stream goes on at the next gzip member;
                    // after any other read error it is over.
                    self.done = !super::is_corrupt(&e);
                    return Some(Err(super::io_error(&input, &e)));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    self.line += 1;
                    return Some(Err(bad(
                        &input,
                        format!("line longer than the limit of {} bytes", self.max),
                    )));
                }
                Ok(Line::Read) => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    // Don't keep a huge buffer alive after one long line.
                    let item = parse_line(&self.buf, &self.path, self.line, &input);
                    if self.buf.capacity() > 1 << 20 {
                        self.buf = Vec::new();
                    }
                    return Some(item);
                }
            }
        }
        None
    }
}

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (without its `\n`) is in the buffer.
    Read,
    /// The line was longer than the limit; it has been skipped up to its end.
    TooLong,
    /// End of the stream, nothing read.
    Eof,
}

/// Read one line into `buf` (without the `\n`), keeping at most `max` bytes in memory: a
/// longer line is consumed to its end and reported as [`Line::TooLong`].
pub(crate) fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<Line> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if too_long {
                Line::TooLong
            } else if any {
                Line::Read
            } else {
                Line::Eof
            });
        }
        any = true;
        let newline = avail.iter().position(|&b| b == b'\n');
        let take = newline.unwrap_or(avail.len());
        if !too_long {
            if (buf.len() + take) as u64 > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..take]);
            }
        }
        let used = newline.map_or(take, |n| n + 1);
        r.consume(used);
        if newline.is_some() {
            return Ok(if too_long { Line::TooLong } else { Line::Read });
        }
    }
}

fn bad(input: &str, msg: impl Into<String>) -> InputError {
    InputError::new(input, ErrorKind::BadJsonl, msg)
}

/// One non-blank line → a document.
fn parse_line(bytes: &[u8], path: &str, line: u64, input: &str) -> Item {
    let text = String::from_utf8_lossy(bytes);
    let value: Value =
        serde_json::from_str(text.trim()).map_err(|e| bad(input, format!("invalid JSON: {e}")))?;
    let mut obj = match value {
        Value::Object(o) => o,
        other => {
            return Err(bad(
                input,
                format!("not a JSON object (found {})", type_name(&other)),
            ))
        }
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => format!("{path}:{line}"),
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(bad(input, "`id` is an empty string")),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(bad(
                input,
                format!(
                    "`id` must be a string or a number, not {}",
                    type_name(other)
                ),
            ))
        }
    };
    let url = optional_string(&obj, "url", input)?;
    let date_hint = optional_string(&obj, "date", input)?.and_then(|d| iso_date(&d));
    let mut field = |name: &str| -> Result<Option<String>, InputError> {
        match obj.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(bad(
                input,
                format!("`{name}` must be a string, not {}", type_name(&other)),
            )),
        }
    };
    let html = field("html")?;
    let plain = field("text")?;
    let (content, body) = match (html, plain) {
        (Some(h), _) if !h.trim().is_empty() => (Content::Html, h),
        (_, Some(t)) if !t.trim().is_empty() => (Content::Text, t),
        (None, None) => return Err(bad(input, "no `html` or `text` field")),
        _ => {
            return Err(InputError::new(
                input,
                ErrorKind::Empty,
                "`html`/`text` is empty or only whitespace",
            ))
        }
    };
    Ok(Document {
        id,
        source: Source {
            path: Some(path.to_string()),
            url,
            line: Some(line),
            ..Source::default()
        },
        sha256: Document::hash_bytes(body.as_bytes()),
        charset: "UTF-8".to_string(),
        content,
        date_hint,
        text: body,
    })
}

fn optional_string(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    input: &str,
) -> Result<Option<String>, InputError> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(other) => Err(bad(
            input,
            format!("`{name}` must be a string, not {}", type_name(other)),
        )),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An ISO-8601-ish date or timestamp, normalised (`T` between date and time), or `None`.
/// Accepted: `YYYY-MM-DD`, and that followed by `T` or a space and `HH:MM`, `HH:MM:SS`,
/// fractions, `Z` or a `±HH:MM` offset. The date must exist (no 2024-02-30).
pub fn iso_date(s: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let s = s.trim();
    let date = s.get(..10)?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    if s.len() == 10 {
        return Some(date.to_string());
    }
    let sep = s.as_bytes()[10];
    if sep != b'T' && sep != b' ' && sep != b't' {
        return None;
    }
    let norm = format!("{date}T{}", s.get(11..)?);
    let naive_ok = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(&norm, f).is_ok());
    let zoned_ok = DateTime::parse_from_rfc3339(&norm).is_ok()
        || DateTime::parse_from_str(&norm, "%Y-%m-%dT%H:%M%:z").is_ok()
        || DateTime::parse_from_str(&norm, "%Y-%m-%dT%H:%M:%S%z").is_ok();
    (naive_ok || zoned_ok).then_some(norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn records(s: &str, max: u64) -> Vec<Item> {
        JsonlRecords::new(
            Box::new(Cursor::new(s.as_bytes().to_vec())),
            "f.jsonl".into(),
            max,
        )
        .collect()
    }

    #[test]
    fn good_lines_ids_and_fields() {
        let input = concat!(
            r#"{"id":"a1","url":"https://x.example/a","date":"2024-03-05","html":"<p>hello</p>"}"#,
            "\n\n",
            r#"{"id":42,"text":"plain words"}"#,
            "\r\n",
            r#"{"text":"no id here","date":"2024-03-05 10:30:00"}"#
        );
        let docs: Vec<Document> = records(input, 1000)
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].id, "a1");
        assert_eq!(docs[0].content, Content::Html);
        assert_eq!(docs[0].source.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(docs[0].date_hint.as_deref(), Some("2024-03-05"));
        assert_eq!(docs[0].source.line, Some(1));
        assert_eq!(docs[1].id, "42");
        assert_eq!(docs[1].content, Content::Text);
        assert_eq!(docs[1].text, "plain words");
        assert_eq!(docs[1].source.line, Some(3));
        assert_eq!(docs[2].id, "f.jsonl:4");
        assert_eq!(docs[2].date_hint.as_deref(), Some("2024-03-05T10:30:00"));
        assert_eq!(docs[2].sha256, Document::hash_bytes(b"no id here"));
    }

    #[test]
    fn bad_lines_are_named_and_the_rest_continues() {
        let input = [
            r#"{"id":1,"text":"one"}"#,
            r#"{"id":2,"text":"#,
            r#"[1,2,3]"#,
            r#"{"id":4,"url":"u"}"#,
            r#"{"id":true,"text":"x"}"#,
            r#"{"id":6,"html":"   "}"#,
            r#"{"id":7,"html":5}"#,
            &format!(r#"{{"id":8,"text":"{}"}}"#, "x".repeat(300)),
            r#"{"id":9,"text":"nine"}"#,
        ]
        .join("\n");
        let out = records(&input, 200);
        assert_eq!(out.len(), 9);
        assert_eq!(out[0].as_ref().unwrap().id, "1");
        assert_eq!(out[8].as_ref().unwrap().id, "9");
        let errs: Vec<&InputError> = out[1..8].iter().map(|r| r.as_ref().unwrap_err()).collect();
        let kinds: Vec<ErrorKind> = errs.iter().map(|e| e.kind).collect();
        use ErrorKind::*;
        assert_eq!(
            kinds,
            [BadJsonl, BadJsonl, BadJsonl, BadJsonl, Empty, BadJsonl, BadJsonl]
        );
        assert_eq!(errs[0].input, "f.jsonl:2");
        assert!(errs[0].message.contains("invalid JSON"));
        assert!(errs[1].message.contains("not a JSON object"));
        assert!(errs[2].message.contains("no `html` or `text`"));
        assert!(errs[3].message.contains("`id` must be"));
        assert!(errs[5].message.contains("`html` must be a string"));
        assert_eq!(errs[6].input, "f.jsonl:8");
        assert!(errs[6].message.contains("longer than"));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let mut input = br#"{"id":"x","text":"caf"#.to_vec();
        input.extend_from_slice(b"\xe9 au lait\"}");
        let out: Vec<Item> =
            JsonlRecords::new(Box::new(Cursor::new(input)), "f".into(), 1000).collect();
        assert_eq!(out[0].as_ref().unwrap().text, "caf\u{fffd} au lait");
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date("2024-03-05"), Some("2024-03-05".into()));
        assert_eq!(
            iso_date("2024-03-05T10:00:00Z"),
            Some("2024-03-05T10:00:00Z".into())
        );
        assert_eq!(
            iso_date("2024-03-05T10:00:00.5+02:00"),
            Some("2024-03-05T10:00:00.5+02:00".into())
        );
        assert_eq!(
            iso_date("2024-03-05T10:00"),
            Some("2024-03-05T10:00".into())
        );
        assert_eq!(iso_date("2024-02-30"), None);
        assert_eq!(iso_date("05/03/2024"), None);
        assert_eq!(iso_date("2024-03-05Tnoon"), None);
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(iso_date("2024-03-05é"), None);
    }

    #[test]
    fn bounded_line_reader() {
        let mut r = Cursor::new(b"short\nwaaaaaaaaaay too long\nok".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Line::Read);
        assert_eq!(buf, b"short");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).unwrap(),
            Line::TooLong
        );
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Line::Read);
        assert_eq!(buf, b"ok");
        buf.clear();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Line::Eof);
    }
}
