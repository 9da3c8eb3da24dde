//! WARC (`.warc`, `.warc.gz`; WARC/1.0 and 1.1): one document per HTML or text page.
//!
//! # Which records
//!
//! * `response` records holding an HTTP response (`Content-Type: application/http`): the
//!   HTTP header is split from the body; the body's `Content-Type` decides — `text/html`
//!   and `application/xhtml+xml` are HTML, `text/plain` is text, a missing type is sniffed.
//!   The charset of that header is handed to [`crate::charset`] as the transport charset.
//! * `resource` records, with the record's own `Content-Type` deciding the same way.
//! * Everything else is skipped **silently**: `request`, `metadata`, `warcinfo`, `revisit`,
//!   `conversion` records, responses that are not 2xx (redirects, 404 pages: no article),
//!   and bodies of other types (images, PDFs, scripts, CSS). A crawl is mostly such records;
//!   reporting each as `unsupported` would bury the real failures, and none of them is a
//!   page we were asked to read and could not.
//!
//! Bodies sent with `Transfer-Encoding: chunked` are de-chunked, and `Content-Encoding:
//! gzip`/`deflate` bodies inflated (if a body turns out not to be chunked or compressed after
//! all — some crawlers store the decoded body but keep the header — it is used as it is).
//! Other content encodings (`br`, `zstd`) give an `unsupported` error.
//! [`Document::id`] is the `WARC-Record-ID`, `Source::url` the `WARC-Target-URI`.
//!
//! # Why our own parser and not the `warc` crate
//!
//! The `warc` crate (0.4) reads a record's whole body into memory whatever its size,
//! `read_until`s lines of unbounded length, and stops for good at the first malformed
//! record: it has no way to resynchronise. A crawl with one damaged record would lose every
//! record after it. This small streaming parser reads the version line and the header
//! block (each bounded), takes `Content-Length`, and then either skips the block (records we
//! don't want, bodies over `max_bytes`, read through `Read::take` into a sink) or reads it.
//! On a malformed record (no `WARC/1.x` line, a header line that is not `Name: value`, a
//! missing or invalid `Content-Length`, an over-long header) it reports one `bad_warc` error
//! naming the file, the record number and its byte offset, then scans forward to the next
//! line that starts with `WARC/1.` and goes on from there.
//!
//! Gzip: a `.warc.gz` is either one gzip member per record (the usual) or one member for the
//! whole file; both decompress as one stream through a multi-member gunzipper, so offsets in
//! messages are offsets in the uncompressed stream. Damage inside the gzip data itself
//! cannot be skipped over: it ends the file with one `compression` error (the records before
//! it are kept).
//!
//! [`Document::id`]: dateline_core::Document::id

use std::io::{self, BufRead, Read};

use dateline_core::{Content, ErrorKind, InputError, Source};
use flate2::read::{DeflateDecoder, ZlibDecoder};

use super::jsonl::{read_line_bounded, Line};
use super::{build_document, io_error, is_corrupt, read_bounded, too_large, Gunzip, Item};

/// Longest WARC header line we accept.
const MAX_LINE: u64 = 64 * 1024;
/// Largest WARC header block we accept.
const MAX_HEADER: usize = 256 * 1024;
/// Largest HTTP header block inside a response record.
const MAX_HTTP_HEADER: usize = 64 * 1024;

/// A `BufRead` that counts the bytes consumed, for offsets in error messages.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Streams the documents of one WARC stream.
pub struct WarcRecords {
    r: Counted<Box<dyn BufRead + Send>>,
    path: String,
    max: u64,
    /// Records started so far (1-based number of the current one).
    n: u64,
    /// A version line found while resynchronising, and its offset.
    pending: Option<(Vec<u8>, u64)>,
    /// Damaged gzip data was skipped: scan to the next record before reading one.
    resync_needed: bool,
    /// The WARC-Record-ID of the current record, once its header is read.
    cur_id: Option<String>,
    done: bool,
}

/// A parsed WARC header block.
#[derive(Debug, Default)]
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a record could not be used; `Bad` records are skipped by resynchronising.
enum Failure {
    Bad(String),
    Io(io::Error),
}

impl WarcRecords {
    pub fn new(reader: Box<dyn BufRead + Send>, path: String, max: u64) -> Self {
        WarcRecords {
            r: Counted {
                inner: reader,
                pos: 0,
            },
            path,
            max,
            n: 0,
            pending: None,
            resync_needed: false,
            cur_id: None,
            done: false,
        }
    }

    fn input(&self, id: Option<&str>) -> String {
        match id.or(self.cur_id.as_deref()) {
            Some(id) => format!("{}#{}", self.path, id),
            None => format!("{}#record-{}", self.path, self.n),
        }
    }

    /// The next non-blank line and its offset, or `None` at the end.
    fn version_line(&mut self) -> io::Result<Option<(Vec<u8>, u64)>> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        loop {
            let at = self.r.pos;
            let mut buf = Vec::new();
            match read_line_bounded(&mut self.r, &mut buf, MAX_LINE)? {
                Line::Eof => return Ok(None),
                Line::TooLong => return Ok(Some((b"(a very long line)".to_vec(), at))),
                Line::Read => {
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Ok(Some((buf, at)));
                }
            }
        }
    }

    /// Skip to the next line starting with `WARC/1.`; it becomes `pending`.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            let at = self.r.pos;
            let mut buf = Vec::new();
            match read_line_bounded(&mut self.r, &mut buf, MAX_LINE)? {
                Line::Eof => return Ok(()),
                Line::TooLong => continue,
                Line::Read => {
                    if buf.starts_with(b"WARC/1.") {
                        self.pending = Some((buf, at));
                        return Ok(());
                    }
                }
            }
        }
    }

    /// Read the header block after the version line.
    fn header(&mut self) -> Result<Header, Failure> {
        let mut h = Header::default();
        let mut total = 0usize;
        loop {
            let mut buf = Vec::new();
            match read_line_bounded(&mut self.r, &mut buf, MAX_LINE).map_err(Failure::Io)? {
                Line::Eof => {
                    return Err(Failure::Bad(
                        "truncated: the file ends inside the record header".into(),
                    ))
                }
                Line::TooLong => return Err(Failure::Bad("header line too long".into())),
                Line::Read => {}
            }
            total += buf.len();
            if total > MAX_HEADER {
                return Err(Failure::Bad("record header too long".into()));
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(h);
            }
            if line.starts_with([' ', '\t']) {
                // A folded continuation line.
                match h.fields.last_mut() {
                    Some((_, v)) => {
                        v.push(' ');
                        v.push_str(line.trim());
                        continue;
                    }
                    None => {
                        return Err(Failure::Bad(
                            "header starts with a continuation line".into(),
                        ))
                    }
                }
            }
            match line.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() && !name.contains(' ') => h
                    .fields
                    .push((name.trim().to_string(), value.trim().to_string())),
                _ => {
                    return Err(Failure::Bad(format!(
                        "malformed header line {:?}",
                        snippet(line.as_bytes())
                    )))
                }
            }
        }
    }

    /// A read error: damaged gzip data is skipped (the stream goes on at the next gzip
    /// member, and we at the next record); any other error ends the file.
    fn read_failed(&mut self, input: &str, e: io::Error) -> InputError {
        if is_corrupt(&e) {
            self.resync_needed = true;
            let mut err = io_error(input, &e);
            err.message = format!(
                "{} (in record {}; skipped to the next readable record)",
                err.message, self.n
            );
            err
        } else {
            self.done = true;
            io_error(input, &e)
        }
    }

    fn skip(&mut self, len: u64) -> io::Result<u64> {
        io::copy(&mut (&mut self.r).take(len), &mut io::sink())
    }

    /// Read the next record: `Ok(Some(item))` for a document or a per-record error,
    /// `Ok(None)` for a record skipped on purpose, `Err` for a malformed record.
    fn record(&mut self, header: &Header, start: u64) -> Result<Option<Item>, Failure> {
        let len: u64 = match header.get("Content-Length") {
            None => return Err(Failure::Bad("no Content-Length".into())),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| Failure::Bad(format!("invalid Content-Length {:?}", v)))?,
        };
        let id = header.get("WARC-Record-ID").map(str::to_string);
        let input = self.input(id.as_deref());
        let rtype = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let ctype = header
            .get("Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let wanted = match rtype.as_str() {
            "response" => ctype.is_empty() || ctype.starts_with("application/http"),
            "resource" => true,
            _ => false,
        };
        if !wanted {
            self.skip_fully(len)?;
            return Ok(None);
        }
        // The whole record block must fit: the document plus an HTTP header.
        if len > self.max.saturating_add(MAX_HTTP_HEADER as u64) {
            self.skip_fully(len)?;
            return Ok(Some(Err(too_large(&input, Some(len), self.max))));
        }
        let mut block = Vec::new();
        (&mut self.r)
            .take(len)
            .read_to_end(&mut block)
            .map_err(Failure::Io)?;
        if (block.len() as u64) < len {
            self.done = true;
            return Ok(Some(Err(InputError::new(
                input,
                ErrorKind::BadWarc,
                format!(
                    "record {} at byte {start}: truncated, Content-Length is {len} but the file ends after {} bytes",
                    self.n,
                    block.len()
                ),
            ))));
        }
        let url = header
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let doc_id = id.clone().unwrap_or_else(|| input.clone());
        let source = Source {
            path: Some(self.path.clone()),
            url,
            warc_record_id: id,
            ..Source::default()
        };
        let payload = if rtype == "response" {
            match http_payload(&block, self.max) {
                Ok(Some(p)) => p,
                Ok(None) => return Ok(None),
                Err(e) => {
                    return Ok(Some(Err(match e {
                        PayloadError::Bad(m) => InputError::new(
                            input,
                            ErrorKind::BadWarc,
                            format!("record {} at byte {start}: {m}", self.n),
                        ),
                        PayloadError::Error(kind, m) => InputError::new(input, kind, m),
                        PayloadError::TooLarge => too_large(&input, None, self.max),
                    })))
                }
            }
        } else {
            match content_of(&ctype) {
                Some(content) => Payload {
                    body: block,
                    content,
                    charset: crate::charset::charset_param(&ctype),
                },
                None => return Ok(None),
            }
        };
        if payload.body.len() as u64 > self.max {
            return Ok(Some(Err(too_large(
                &input,
                Some(payload.body.len() as u64),
                self.max,
            ))));
        }
        Ok(Some(build_document(
            &input,
            doc_id,
            source,
            &payload.body,
            payload.content,
            payload.charset.as_deref(),
            None,
        )))
    }

    /// Skip a block we don't want; a file that ends inside it is a truncated record.
    fn skip_fully(&mut self, len: u64) -> Result<(), Failure> {
        let got = self.skip(len).map_err(Failure::Io)?;
        if got < len {
            self.done = true;
            return Err(Failure::Bad(format!(
                "truncated, Content-Length is {len} but the file ends after {got} bytes"
            )));
        }
        Ok(())
    }
}

impl Iterator for WarcRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            if self.resync_needed {
                if let Err(e) = self.resync() {
                    return Some(Err(self.read_failed(&self.path.clone(), e)));
                }
                self.resync_needed = false;
            }
            let (line, start) = match self.version_line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return Some(Err(self.read_failed(&self.path.clone(), e))),
            };
            self.n += 1;
            self.cur_id = None;
            let result = if line.starts_with(b"WARC/1.") {
                match self.header() {
                    Ok(h) => {
                        self.cur_id = h.get("WARC-Record-ID").map(str::to_string);
                        self.record(&h, start)
                    }
                    Err(f) => Err(f),
                }
            } else {
                Err(Failure::Bad(format!(
                    "expected a `WARC/1.x` version line, found {:?}",
                    snippet(&line)
                )))
            };
            match result {
                Ok(Some(item)) => return Some(item),
                Ok(None) => continue,
                Err(Failure::Io(e)) => {
                    let input = self.input(None);
                    return Some(Err(self.read_failed(&input, e)));
                }
                Err(Failure::Bad(msg)) => {
                    let then = if self.done {
                        ""
                    } else {
                        "; skipped to the next record"
                    };
                    let err = InputError::new(
                        self.input(None),
                        ErrorKind::BadWarc,
                        format!("record {} at byte {start}: {msg}{then}", self.n),
                    );
                    // Resynchronise on the next call, so that this error comes first.
                    self.resync_needed = !self.done;
                    return Some(Err(err));
                }
            }
        }
        None
    }
}

/// A short printable excerpt of a line for messages.
fn snippet(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(&b[..b.len().min(40)]);
    let s = s.trim_end_matches(['\r', '\n']);
    if b.len() > 40 {
        format!("{s}…")
    } else {
        s.to_string()
    }
}

/// `Some(Some(kind))` for a content type we read, `Some(None)` to sniff (no type given),
/// `None` for types we skip.
fn content_of(ctype: &str) -> Option<Option<Content>> {
    let mime = ctype.split(';').next().unwrap_or("").trim();
    match mime {
        "" => Some(None),
        "text/html" | "application/xhtml+xml" => Some(Some(Content::Html)),
        "text/plain" => Some(Some(Content::Text)),
        _ => None,
    }
}

struct Payload {
    body: Vec<u8>,
    content: Option<Content>,
    charset: Option<String>,
}

enum PayloadError {
    /// The HTTP message is malformed (→ `bad_warc`).
    Bad(String),
    /// Another kind of failure with its message.
    Error(ErrorKind, String),
    TooLarge,
}

/// Split an HTTP response into header and body, decode the body; `Ok(None)` when the
/// response is not one we read (not 2xx, not HTML/text).
fn http_payload(block: &[u8], max: u64) -> Result<Option<Payload>, PayloadError> {
    let head_len = block.len().min(MAX_HTTP_HEADER);
    let (head_end, body_start) = match find(&block[..head_len], b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(&block[..head_len], b"\n\n") {
            Some(i) => (i, i + 2),
            None if block.starts_with(b"HTTP/") && !block.contains(&b'\n') => {
                (block.len(), block.len())
            }
            None => return Err(PayloadError::Bad("no end of the HTTP header".into())),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(PayloadError::Bad(format!(
            "response does not start with an HTTP status line: {:?}",
            snippet(status_line.as_bytes())
        )));
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            PayloadError::Bad(format!(
                "bad HTTP status line {:?}",
                snippet(status_line.as_bytes())
            ))
        })?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut ctype = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-type") {
            ctype = value.to_string();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-encoding") {
            encoding = value.to_ascii_lowercase();
        }
    }
    let Some(content) = content_of(&ctype.to_ascii_lowercase()) else {
        return Ok(None);
    };
    let raw = &block[body_start..];
    let mut body = if chunked {
        dechunk(raw, max).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    body = decode_content(body, &encoding, max)?;
    Ok(Some(Payload {
        body,
        content,
        charset: crate::charset::charset_param(&ctype),
    }))
}

/// Undo `Content-Encoding`.
fn decode_content(body: Vec<u8>, encoding: &str, max: u64) -> Result<Vec<u8>, PayloadError> {
    let enc = encoding
        .split(',')
        .map(str::trim)
        .rfind(|e| !e.is_empty() && *e != "identity");
    let Some(enc) = enc else {
        return Ok(body);
    };
    let inflate = |r: &mut dyn Read| match read_bounded(r, max) {
        Ok(Some(b)) => Ok(b),
        Ok(None) => Err(PayloadError::TooLarge),
        Err(e) => Err(PayloadError::Error(
            ErrorKind::Compression,
            format!("{enc} body does not decompress ({e})"),
        )),
    };
    match enc {
        "gzip" | "x-gzip" => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                return Ok(body); // stored already decoded
            }
            inflate(&mut Gunzip(flate2::read::MultiGzDecoder::new(&body[..])))
        }
        "deflate" => {
            // RFC 9110 says zlib; some servers send raw deflate.
            let zlib_header = body.len() >= 2
                && body[0] & 0x0f == 8
                && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0;
            if zlib_header {
                inflate(&mut ZlibDecoder::new(&body[..]))
            } else {
                match inflate(&mut DeflateDecoder::new(&body[..])) {
                    Ok(b) => Ok(b),
                    // Not deflate data at all: stored decoded.
                    Err(PayloadError::Error(..)) if super::sniff::binary(&body).is_none() => {
                        Ok(body)
                    }
                    Err(e) => Err(e),
                }
            }
        }
        other => Err(PayloadError::Error(
            ErrorKind::Unsupported,
            format!("Content-Encoding {other} is not supported"),
        )),
    }
}

/// Decode an HTTP chunked body; `None` if it is not well-formed chunked data. Stops at
/// `max + 1` bytes (the caller then refuses it as too large).
fn dechunk(mut raw: &[u8], max: u64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len().min(max as usize));
    loop {
        let eol = find(raw, b"\n")?;
        let size_line = std::str::from_utf8(&raw[..eol]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = &raw[eol + 1..];
        if size == 0 {
            return Some(out); // trailers, if any, are ignored
        }
        let chunk = raw.get(..size)?;
        out.extend_from_slice(chunk);
        if out.len() as u64 > max {
            return Some(out);
        }
        raw = &raw[size..];
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))
            .unwrap_or(raw);
        if raw.is_empty() {
            return Some(out); // missing last chunk: keep what we have
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dateline_core::Document;
    use flate2::write::GzEncoder;
    use std::io::{Cursor, Write};

    /// A WARC record with the given type, extra header lines and block.
    pub(crate) fn record(rtype: &str, id: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: {id}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    /// A response record for `url` with HTTP headers `http` (lines, CRLF-ended) and `body`.
    pub(crate) fn response(id: &str, url: &str, http: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("HTTP/1.1 200 OK\r\n{http}\r\n").into_bytes();
        block.extend_from_slice(body);
        record(
            "response",
            id,
            &format!(
                "WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
            ),
            &block,
        )
    }

    pub(crate) fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    pub(crate) const PAGE: &str = "<html><head><title>T</title></head><body><article><p>Police in Lagos said on Tuesday that three people were arrested after protesters clashed with security forces near the state assembly, where lawmakers were debating a new tax on fuel imports.</p></article></body></html>";

    fn read(bytes: Vec<u8>, max: u64) -> Vec<Item> {
        let r = crate::read::decompressing(Box::new(Cursor::new(bytes)), false).unwrap();
        WarcRecords::new(r, "c.warc".into(), max).collect()
    }

    fn sample() -> Vec<Vec<u8>> {
        vec![
            record(
                "warcinfo",
                "<urn:uuid:0>",
                "Content-Type: application/warc-fields\r\n",
                b"software: test\r\n",
            ),
            record(
                "request",
                "<urn:uuid:1>",
                "WARC-Target-URI: http://a.example/1\r\n",
                b"GET /1 HTTP/1.1\r\n\r\n",
            ),
            response(
                "<urn:uuid:2>",
                "http://a.example/1",
                "Content-Type: text/html; charset=utf-8\r\n",
                PAGE.as_bytes(),
            ),
            response(
                "<urn:uuid:3>",
                "http://a.example/logo.png",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n\0\0",
            ),
            record("metadata", "<urn:uuid:4>", "", b"via: x\r\n"),
            response(
                "<urn:uuid:5>",
                "http://a.example/2",
                "Content-Type: text/plain\r\n",
                b"Plain words of a second page.",
            ),
            record(
                "resource",
                "<urn:uuid:6>",
                "WARC-Target-URI: file:///x.html\r\nContent-Type: text/html\r\n",
                PAGE.as_bytes(),
            ),
        ]
    }

    fn ids(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Ok(d) => d.id.clone(),
                Err(e) => format!("{}!{}", e.input, e.kind),
            })
            .collect()
    }

    #[test]
    fn uncompressed_keeps_pages_and_skips_the_rest() {
        let out = read(sample().concat(), 1 << 20);
        assert_eq!(ids(&out), ["<urn:uuid:2>", "<urn:uuid:5>", "<urn:uuid:6>"]);
        let d: &Document = out[0].as_ref().unwrap();
        assert_eq!(d.source.url.as_deref(), Some("http://a.example/1"));
        assert_eq!(d.source.warc_record_id.as_deref(), Some("<urn:uuid:2>"));
        assert_eq!(d.content, Content::Html);
        assert_eq!(d.text, PAGE);
        assert_eq!(d.sha256, Document::hash_bytes(PAGE.as_bytes()));
        assert_eq!(out[1].as_ref().unwrap().content, Content::Text);
    }

    #[test]
    fn per_record_gzip_and_whole_file_gzip() {
        let per_record: Vec<u8> = sample().iter().flat_map(|r| gz(r)).collect();
        assert_eq!(ids(&read(per_record, 1 << 20)).len(), 3);
        let whole = gz(&sample().concat());
        assert_eq!(
            ids(&read(whole, 1 << 20)),
            ["<urn:uuid:2>", "<urn:uuid:5>", "<urn:uuid:6>"]
        );
    }

    #[test]
    fn charset_from_http_header() {
        let body = b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>";
        let rec = response(
            "<urn:uuid:9>",
            "http://a.example/",
            "Content-Type: text/html; charset=ISO-8859-1\r\n",
            body,
        );
        let out = read(rec, 1 << 20);
        let d = out[0].as_ref().unwrap();
        assert_eq!(d.charset, "windows-1252");
        assert!(d.text.contains("Café crème"));
    }

    /// `body` in HTTP chunked transfer encoding, `size` bytes a chunk; `odd` writes the
    /// sizes in upper-case hex with a chunk extension, as some servers do.
    fn chunk(body: &[u8], size: usize, odd: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for part in body.chunks(size) {
            let head = if odd {
                format!("{:X};ext=1\r\n", part.len())
            } else {
                format!("{:x}\r\n", part.len())
            };
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(part);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
        out
    }

    #[test]
    fn chunked_and_gzip_bodies() {
        let chunked = chunk(PAGE.as_bytes(), 50, false);
        let a = response(
            "<urn:uuid:a>",
            "http://a.example/a",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            &chunked,
        );
        let b = response(
            "<urn:uuid:b>",
            "http://a.example/b",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz(PAGE.as_bytes()),
        );
        // upper-case hex sizes with a chunk extension, around a gzip body
        let both = chunk(&gz(PAGE.as_bytes()), 30, true);
        let c = response(
            "<urn:uuid:c>",
            "http://a.example/c",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &both,
        );
        // header says gzip but the body was stored decoded
        let d = response(
            "<urn:uuid:d>",
            "http://a.example/d",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            PAGE.as_bytes(),
        );
        let e = response(
            "<urn:uuid:e>",
            "http://a.example/e",
            "Content-Type: text/html\r\nContent-Encoding: br\r\n",
            b"\x0b\x02\x80",
        );
        let out = read([a, b, c, d, e].concat(), 1 << 20);
        for item in &out[..4] {
            assert_eq!(item.as_ref().unwrap().text, PAGE);
        }
        assert_eq!(out[4].as_ref().unwrap_err().kind, ErrorKind::Unsupported);
    }

    #[test]
    fn corrupt_record_in_the_middle_does_not_lose_the_rest() {
        let good1 = response(
            "<urn:uuid:1>",
            "http://a.example/1",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        let good2 = response(
            "<urn:uuid:2>",
            "http://a.example/2",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        let good3 = response(
            "<urn:uuid:3>",
            "http://a.example/3",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        // no Content-Length, body contains blank lines
        let no_len = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n".to_vec();
        // garbage where a record should start
        let garbage = b"\x00\x01garbage garbage\r\nmore garbage\r\n\r\n".to_vec();
        // a bad header line and a non-numeric length
        let bad_header =
            b"WARC/1.1\r\nthis is not a header\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        let bad_len =
            b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nhello\r\n\r\n"
                .to_vec();
        let parts = [good1, no_len, good2, garbage, bad_header, bad_len, good3];
        let input = parts.concat();
        let out = read(input.clone(), 1 << 20);
        let got = ids(&out);
        assert_eq!(
            got.iter().filter(|s| s.starts_with("<urn:uuid:")).count(),
            3,
            "{got:?}"
        );
        assert_eq!(
            got.iter().filter(|s| s.ends_with("!bad_warc")).count(),
            4,
            "{got:?}"
        );
        let first_bad = out[1].as_ref().unwrap_err();
        assert_eq!(first_bad.input, "c.warc#<urn:uuid:x>");
        assert!(
            first_bad.message.contains("record 2 at byte"),
            "{}",
            first_bad.message
        );
        assert!(first_bad.message.contains("Content-Length"));
        // the same, gzipped per record and as a whole
        let per_record: Vec<u8> = parts.iter().flat_map(|p| gz(p)).collect();
        assert_eq!(ids(&read(per_record, 1 << 20)), got);
        assert_eq!(ids(&read(gz(&input), 1 << 20)), got);
    }

    #[test]
    fn truncated_last_record_and_corrupt_gzip() {
        let mut input = response(
            "<urn:uuid:1>",
            "http://a.example/1",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        let second = response(
            "<urn:uuid:2>",
            "http://a.example/2",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        input.extend_from_slice(&second[..second.len() / 2]);
        let out = read(input, 1 << 20);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadWarc);
        assert!(e.message.contains("truncated"));

        let mut z = gz(&response(
            "<urn:uuid:1>",
            "http://a.example/1",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        ));
        let mut bad = gz(&second);
        let mid = bad.len() / 2;
        bad[mid..].iter_mut().for_each(|b| *b = !*b);
        z.extend_from_slice(&bad);
        let out = read(z, 1 << 20);
        assert!(out[0].is_ok());
        assert_eq!(
            out.last().unwrap().as_ref().unwrap_err().kind,
            ErrorKind::Compression
        );
    }

    #[test]
    fn corrupt_gzip_member_in_the_middle_does_not_lose_the_rest() {
        let recs: Vec<Vec<u8>> = (1..=4)
            .map(|i| {
                gz(&response(
                    &format!("<urn:uuid:{i}>"),
                    "http://a.example/",
                    "Content-Type: text/html\r\n",
                    PAGE.as_bytes(),
                ))
            })
            .collect();
        let mut bad = recs[1].clone();
        let n = bad.len();
        bad[12..n - 10].iter_mut().for_each(|b| *b ^= 0x5a);
        let input = [recs[0].clone(), bad, recs[2].clone(), recs[3].clone()].concat();
        let out = read(input, 1 << 20);
        let got = ids(&out);
        assert_eq!(got[0], "<urn:uuid:1>");
        assert_eq!(
            got[got.len() - 2..],
            ["<urn:uuid:3>", "<urn:uuid:4>"],
            "{got:?}"
        );
        assert!(got.iter().any(|s| s.ends_with("!compression")), "{got:?}");
        assert!(got.len() <= 4, "{got:?}");
    }

    #[test]
    fn oversized_and_error_statuses() {
        let big = response(
            "<urn:uuid:1>",
            "http://a.example/1",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        let mut redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n".to_vec();
        redirect.extend_from_slice(b"");
        let r = record(
            "response",
            "<urn:uuid:2>",
            "Content-Type: application/http\r\n",
            &redirect,
        );
        let small = response(
            "<urn:uuid:3>",
            "http://a.example/3",
            "Content-Type: text/plain\r\n",
            b"ok words",
        );
        let out = read([big, r, small].concat(), 100);
        assert_eq!(ids(&out), ["c.warc#<urn:uuid:1>!too_large", "<urn:uuid:3>"]);
    }

    #[test]
    fn dechunk_edge_cases() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n0\r\n\r\n", 100),
            Some(b"abc".to_vec())
        );
        assert_eq!(dechunk(b"not chunked", 100), None);
        assert_eq!(dechunk(b"ff\r\nshort", 100), None);
        assert_eq!(dechunk(b"", 100), None);
    }
}
