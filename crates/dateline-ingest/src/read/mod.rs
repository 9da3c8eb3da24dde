//! Readers: paths (files, folders, `-` for stdin) → a stream of [`Document`]s, one
//! [`InputError`] per input that cannot be read, the stream going on after it.
//!
//! # What is read
//!
//! | input | how |
//! |---|---|
//! | `x.html`, `x.htm`, `x.xhtml` | one HTML document |
//! | `x.txt` | one text document |
//! | `x.jsonl`, `x.ndjson` | one document per line ([`jsonl`]) |
//! | `x.warc` | one document per HTML/text response or resource record ([`warc`]) |
//! | any of those + `.gz` | the same, gunzipped while reading (multi-member gzip too) |
//! | a folder | walked recursively, lazily, in sorted order; only the kinds above are read, every other file is skipped silently (so are hidden files and folders, names starting with `.`) |
//! | a file named on the command line with another extension | sniffed: `WARC/1.` → WARC, a first `{` → JSONL, else one document, HTML if it looks like markup, else text |
//! | `-` | stdin, sniffed the same way (gzip magic too) |
//!
//! Any single-document file whose bytes start with the gzip magic is gunzipped whatever its
//! name (wget saves `Content-Encoding: gzip` pages that way).
//!
//! # Bounded memory
//!
//! Nothing is read before it is needed: folders are walked lazily (walkdir keeps only the
//! sorted entry list of the directories on the current path), JSONL is read line by line
//! with a bounded line buffer and WARC record by record. A single document is never bigger
//! than [`ReadOptions::max_bytes`] in memory: a plain file's size is checked from its
//! metadata before it is opened, and everything else (gzip, stdin, WARC payloads, chunked
//! bodies) is read through `Read::take(max_bytes + 1)`, so an oversized input costs at most
//! `max_bytes + 1` bytes before it is refused with `too_large`.
//!
//! # Bad inputs
//!
//! Each bad input gives one [`InputError`] naming it (`path`, `path:line` for JSONL,
//! `path#record-id` for WARC — `path#record-N` when the record has no readable id —, `-`
//! for stdin) and the reason: `io` (missing, unreadable,
//! permission denied, a filesystem loop in a folder), `empty` (no bytes or only
//! whitespace), `binary` (NUL bytes, a high share of control characters or a known binary
//! signature in the first 8 KB), `too_large`, `compression` (corrupt or truncated gzip),
//! `bad_jsonl`, `bad_warc`, `unsupported` (a WARC body in a `Content-Encoding` we cannot
//! decode). Invalid UTF-8 is not an error: [`crate::charset`] decodes it.
//! Symlinks are followed; walkdir detects loops, which are reported once as `io` and not
//! entered. Gzip is decoded member by member: in a multi-member file (a
//! `.warc.gz`, a `cat`ted `.jsonl.gz`) a damaged member costs one `compression` error and
//! reading goes on at the next member.

pub mod jsonl;
pub mod sniff;
pub mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dateline_core::{Content, Document, ErrorKind, InputError, Source};
use flate2::bufread::GzDecoder;

/// One item of the stream.
pub type Item = Result<Document, InputError>;

/// Limits and choices for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Documents larger than this (after decompression) are refused with `too_large`.
    /// A JSONL line longer than this is refused with `bad_jsonl`.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// Read buffer size for files and streams.
const BUF: usize = 64 * 1024;

/// Stream the documents of the given paths, in order.
pub fn read_paths(paths: Vec<PathBuf>, opts: ReadOptions) -> Documents {
    Documents::new(paths, opts, None)
}

/// [`read_paths`], with `stdin` read for the path `-` instead of the process's stdin
/// (tests, or a caller that has its own stream).
pub fn read_paths_with_stdin(
    paths: Vec<PathBuf>,
    opts: ReadOptions,
    stdin: Box<dyn Read + Send>,
) -> Documents {
    Documents::new(paths, opts, Some(stdin))
}

/// Stream the documents of one reader (gzip, WARC, JSONL, HTML or text, sniffed), naming
/// them `name`. What `-` on the command line does.
pub fn read_stream(reader: Box<dyn Read + Send>, name: &str, opts: ReadOptions) -> Documents {
    let mut docs = Documents::new(Vec::new(), opts, None);
    match docs.open_stream(reader, name, Kind::Unknown, false, None) {
        Opened::One(item) => docs.queued = Some(item),
        Opened::Many(it) => docs.records = Some(it),
    }
    docs
}

/// The iterator [`read_paths`] returns: lazy (nothing is opened before `next` needs it),
/// `Send`, and holding at most one open input at a time.
pub struct Documents {
    opts: ReadOptions,
    paths: std::vec::IntoIter<PathBuf>,
    walker: Option<Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>>,
    records: Option<Box<dyn Iterator<Item = Item> + Send>>,
    queued: Option<Item>,
    stdin: Option<Box<dyn Read + Send>>,
    stdin_used: bool,
}

impl Documents {
    fn new(paths: Vec<PathBuf>, opts: ReadOptions, stdin: Option<Box<dyn Read + Send>>) -> Self {
        Documents {
            opts,
            paths: paths.into_iter(),
            walker: None,
            records: None,
            queued: None,
            stdin,
            stdin_used: false,
        }
    }
}

impl Iterator for Documents {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.take() {
                return Some(item);
            }
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
            }
            if let Some(walker) = &mut self.walker {
                match walker.next() {
                    Some(Ok(entry)) => {
                        if !entry.file_type().is_file() {
                            continue; // folders, fifos, sockets, devices
                        }
                        let (kind, gz) = classify(entry.path());
                        if kind == Kind::Unknown {
                            continue;
                        }
                        let size = entry.metadata().ok().map(|m| m.len());
                        self.open_file(entry.path(), kind, gz, size);
                        continue;
                    }
                    Some(Err(e)) => return Some(Err(walk_error(e))),
                    None => {
                        self.walker = None;
                        continue;
                    }
                }
            }
            let path = self.paths.next()?;
            self.open_top(&path);
        }
    }
}

/// What a file's name says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Html,
    Text,
    Jsonl,
    Warc,
    Unknown,
}

/// Kind from the file name, and whether it ends in `.gz`.
pub(crate) fn classify(path: &Path) -> (Kind, bool) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s, true),
        None => (name.as_str(), false),
    };
    let ext = stem.rsplit_once('.').map_or("", |(_, e)| e);
    let kind = match ext {
        "html" | "htm" | "xhtml" => Kind::Html,
        "txt" => Kind::Text,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "warc" => Kind::Warc,
        _ => Kind::Unknown,
    };
    (kind, gz)
}

enum Opened {
    One(Item),
    Many(Box<dyn Iterator<Item = Item> + Send>),
}

impl Documents {
    /// A path as given by the caller: `-`, a folder, or a file (sniffed if its extension
    /// says nothing).
    fn open_top(&mut self, path: &Path) {
        if path.as_os_str() == "-" {
            let name = "-";
            if self.stdin_used {
                self.queued = Some(Err(InputError::new(
                    name,
                    ErrorKind::Io,
                    "stdin was already read (`-` given twice)",
                )));
                return;
            }
            self.stdin_used = true;
            let reader: Box<dyn Read + Send> = match self.stdin.take() {
                Some(r) => r,
                None => Box::new(io::stdin()),
            };
            let opened = self.open_stream(reader, name, Kind::Unknown, false, None);
            self.take_opened(opened);
            return;
        }
        let name = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.queued = Some(Err(io_error(&name, &e)));
                return;
            }
        };
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            self.walker = Some(Box::new(walker));
            return;
        }
        let (kind, gz) = classify(path);
        let size = meta.is_file().then_some(meta.len());
        self.open_file(path, kind, gz, size);
    }

    /// Open a file of a known (or, named explicitly, unknown) kind; `size` from its metadata.
    fn open_file(&mut self, path: &Path, kind: Kind, gz: bool, size: Option<u64>) {
        let name = path.display().to_string();
        if matches!(kind, Kind::Html | Kind::Text) && !gz {
            if let Some(err) = self.size_check(&name, size) {
                self.queued = Some(Err(err));
                return;
            }
        }
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                self.queued = Some(Err(io_error(&name, &e)));
                return;
            }
        };
        let opened = self.open_stream(Box::new(file), &name, kind, gz, size.filter(|_| !gz));
        self.take_opened(opened);
    }

    fn take_opened(&mut self, opened: Opened) {
        match opened {
            Opened::One(item) => self.queued = Some(item),
            Opened::Many(it) => self.records = Some(it),
        }
    }

    fn size_check(&self, name: &str, size: Option<u64>) -> Option<InputError> {
        let size = size?;
        (size > self.opts.max_bytes).then(|| too_large(name, Some(size), self.opts.max_bytes))
    }

    /// Gunzip if needed, sniff what the stream holds if the name did not say, and start
    /// reading it.
    fn open_stream(
        &mut self,
        reader: Box<dyn Read + Send>,
        name: &str,
        kind: Kind,
        gz: bool,
        plain_size: Option<u64>,
    ) -> Opened {
        let mut reader = match decompressing(reader, gz) {
            Ok(r) => r,
            Err(e) => return Opened::One(Err(io_error(name, &e))),
        };
        let kind = if kind == Kind::Unknown {
            match reader.fill_buf() {
                Ok(head) => sniff::container_kind(head),
                Err(e) => return Opened::One(Err(io_error(name, &e))),
            }
        } else {
            kind
        };
        match kind {
            Kind::Jsonl => Opened::Many(Box::new(jsonl::JsonlRecords::new(
                reader,
                name.to_string(),
                self.opts.max_bytes,
            ))),
            Kind::Warc => Opened::Many(Box::new(warc::WarcRecords::new(
                reader,
                name.to_string(),
                self.opts.max_bytes,
            ))),
            Kind::Html | Kind::Text | Kind::Unknown => {
                if let Some(err) = self.size_check(name, plain_size) {
                    return Opened::One(Err(err));
                }
                let content = match kind {
                    Kind::Html => Some(Content::Html),
                    Kind::Text => Some(Content::Text),
                    _ => None,
                };
                Opened::One(read_single(reader, name, content, self.opts.max_bytes))
            }
        }
    }
}

/// Read one whole document from `reader` (at most `max + 1` bytes) and build it.
fn read_single(
    mut reader: Box<dyn BufRead + Send>,
    name: &str,
    content: Option<Content>,
    max: u64,
) -> Item {
    let bytes = match read_bounded(&mut reader, max) {
        Ok(Some(b)) => b,
        Ok(None) => return Err(too_large(name, None, max)),
        Err(e) => return Err(io_error(name, &e)),
    };
    let source = Source {
        path: Some(name.to_string()),
        ..Source::default()
    };
    build_document(name, name.to_string(), source, &bytes, content, None, None)
}

/// Read everything from `reader`, but never more than `max + 1` bytes: `Ok(None)` when
/// there is more than `max`.
pub(crate) fn read_bounded(reader: &mut dyn Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > max {
        None
    } else {
        Some(bytes)
    })
}

/// Wrap `reader` in a buffer, and in a gunzipper when `gz` is set or the bytes start with
/// the gzip magic.
pub(crate) fn decompressing(
    reader: Box<dyn Read + Send>,
    gz: bool,
) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buffered = BufReader::with_capacity(BUF, reader);
    let head = buffered.fill_buf()?;
    let magic = head.starts_with(&[0x1f, 0x8b]);
    if head.is_empty() || !(gz || magic) {
        return Ok(Box::new(buffered));
    }
    Ok(Box::new(BufReader::with_capacity(
        BUF,
        Gunzip(GzMembers::new(buffered)),
    )))
}

/// A multi-member gunzipper that goes on after a damaged member.
///
/// It decodes member after member (a `.warc.gz` has one per record, and `cat a.gz b.gz`
/// makes one per file). When a member is corrupt it returns that error once, then skips
/// to the next gzip magic (`1f 8b 08`) and goes on from there, so the readers above (WARC,
/// JSONL) can report one `compression` error and keep the members after it. Every error
/// consumes at least one input byte, so it always ends. False starts (the magic bytes
/// occurring inside compressed data) are skipped silently until a member decodes again.
///
/// Zero bytes after the last member (tape-style padding) are ignored, as gzip(1) does.
pub(crate) struct GzMembers<R: BufRead> {
    dec: Option<GzDecoder<R>>,
    in_gap: bool,
    /// Members decoded to their end so far.
    finished: u64,
    /// Bytes produced by the current member.
    member_out: u64,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(r: R) -> Self {
        GzMembers {
            dec: Some(GzDecoder::new(r)),
            in_gap: false,
            finished: 0,
            member_out: 0,
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(dec) = self.dec.as_mut() else {
                return Ok(0);
            };
            match dec.read(buf) {
                Ok(0) => {
                    // Member done: another one follows unless the input is at its end.
                    let Some(dec) = self.dec.take() else {
                        return Ok(0);
                    };
                    let mut r = dec.into_inner();
                    if r.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    self.finished += 1;
                    self.member_out = 0;
                    self.dec = Some(GzDecoder::new(r));
                }
                Ok(n) => {
                    self.in_gap = false;
                    self.member_out += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let Some(dec) = self.dec.take() else {
                        return Err(e);
                    };
                    let mut r = dec.into_inner();
                    if self.finished > 0 && self.member_out == 0 && only_zeros_left(&mut r)? {
                        return Ok(0);
                    }
                    if skip_to_gzip_magic(&mut r)? {
                        self.dec = Some(GzDecoder::new(r));
                    }
                    if !self.in_gap {
                        self.in_gap = true;
                        return Err(e);
                    }
                }
            }
        }
    }
}

/// Consume leading zero bytes; true if nothing else is left.
fn only_zeros_left(r: &mut dyn BufRead) -> io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let zeros = buf.iter().take_while(|&&b| b == 0).count();
        let all = zeros == buf.len();
        r.consume(zeros);
        if !all {
            return Ok(false);
        }
    }
}

/// Consume at least one byte, then up to the next `1f 8b 08`; false at the end of input.
/// (A magic split across two buffer fills is missed; the next one is found.)
fn skip_to_gzip_magic(r: &mut dyn BufRead) -> io::Result<bool> {
    if r.fill_buf()?.is_empty() {
        return Ok(false);
    }
    r.consume(1);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        match buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            Some(i) => {
                r.consume(i);
                return Ok(true);
            }
            None => {
                let n = buf.len().saturating_sub(2).max(1);
                r.consume(n);
            }
        }
    }
}

/// Is this error a decompression failure (after which a [`GzMembers`] stream goes on)?
pub(crate) fn is_corrupt(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|r| r.is::<Corrupt>())
}

/// A gunzipping reader whose data errors are marked as [`Corrupt`], so that they are
/// reported as `compression` and not `io`.
pub(crate) struct Gunzip<R>(pub(crate) R);

impl<R: Read> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData
            | io::ErrorKind::InvalidInput
            | io::ErrorKind::UnexpectedEof => {
                let msg = if e.kind() == io::ErrorKind::UnexpectedEof {
                    "truncated compressed data".to_string()
                } else {
                    format!("corrupt compressed data ({e})")
                };
                io::Error::new(io::ErrorKind::InvalidData, Corrupt(msg))
            }
            _ => e,
        })
    }
}

/// Marker for a decompression failure inside an `io::Error`.
#[derive(Debug)]
pub(crate) struct Corrupt(pub(crate) String);

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Corrupt {}

/// An I/O error → `io`, or `compression` when it came from a decompressor.
pub(crate) fn io_error(input: &str, e: &io::Error) -> InputError {
    if let Some(c) = e.get_ref().and_then(|r| r.downcast_ref::<Corrupt>()) {
        return InputError::new(input, ErrorKind::Compression, c.0.clone());
    }
    let msg = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    InputError::new(input, ErrorKind::Io, msg)
}

fn walk_error(e: walkdir::Error) -> InputError {
    let name = e
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "?".to_string());
    if let Some(anc) = e.loop_ancestor() {
        return InputError::new(
            name,
            ErrorKind::Io,
            format!(
                "filesystem loop (symlink back to {}); not followed",
                anc.display()
            ),
        );
    }
    match e.io_error() {
        Some(io) => io_error(&name, io),
        None => InputError::new(name, ErrorKind::Io, e.to_string()),
    }
}

pub(crate) fn too_large(input: &str, size: Option<u64>, max: u64) -> InputError {
    let msg = match size {
        Some(s) => format!("{s} bytes, more than the limit of {max} bytes"),
        None => format!("more than the limit of {max} bytes"),
    };
    InputError::new(input, ErrorKind::TooLarge, msg)
}

/// Bytes → [`Document`], with the checks every reader shares: empty, binary, decoding.
/// `content` is `None` when the kind is to be sniffed; `declared` is a transport charset.
pub(crate) fn build_document(
    input: &str,
    id: String,
    source: Source,
    bytes: &[u8],
    content: Option<Content>,
    declared: Option<&str>,
    date_hint: Option<String>,
) -> Item {
    if bytes.is_empty() {
        return Err(InputError::new(input, ErrorKind::Empty, "0 bytes"));
    }
    if let Some(why) = sniff::binary(bytes) {
        return Err(InputError::new(input, ErrorKind::Binary, why));
    }
    let content = content.unwrap_or_else(|| {
        if sniff::looks_like_html(bytes) {
            Content::Html
        } else {
            Content::Text
        }
    });
    let (text, charset) = crate::charset::decode_with_url(
        bytes,
        declared,
        content == Content::Html,
        source.url.as_deref(),
    );
    if text.trim().is_empty() {
        return Err(InputError::new(
            input,
            ErrorKind::Empty,
            format!("only whitespace ({} bytes)", bytes.len()),
        ));
    }
    Ok(Document {
        id,
        source,
        sha256: Document::hash_bytes(bytes),
        charset: charset.to_string(),
        content,
        date_hint,
        text,
    })
}

#[cfg(test)]
mod tests;
