//! Sniffing: what do these bytes hold? Binary data or text, markup or prose, and — for a
//! stream whose name says nothing — WARC, JSONL or one document.

use super::Kind;

/// How many leading bytes the binary check looks at.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Share (in percent) of control characters above which bytes are taken for binary data.
const CONTROL_PERCENT: usize = 10;

/// Signatures of common binary formats, named in the error message.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\x00asm", "WebAssembly module"),
    (b"MZ", "Windows executable"),
];

/// `Some(reason)` when `bytes` look like binary data rather than text or HTML: a known
/// binary signature, a NUL byte, or more than 10% control characters in the first
/// [`BINARY_SNIFF_BYTES`]. Text with a UTF-16 byte-order mark is not binary (its NULs are
/// half of its ASCII characters). `MZ` and `BZh` need the NUL/control check too, as a text
/// may start with those letters.
pub fn binary(bytes: &[u8]) -> Option<String> {
    if encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return None;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    let controls = head.iter().filter(|&&b| is_control(b)).count();
    let has_nul = head.contains(&0);
    for (sig, what) in SIGNATURES {
        let weak = matches!(*what, "Windows executable" | "bzip2 data");
        if head.starts_with(sig) && (!weak || has_nul || controls > 0) {
            return Some(format!("binary data ({what}), not text or HTML"));
        }
    }
    if has_nul {
        return Some("binary data (NUL bytes), not text or HTML".to_string());
    }
    if !head.is_empty() && controls * 100 > head.len() * CONTROL_PERCENT {
        return Some(format!(
            "binary data ({} control characters in the first {} bytes), not text or HTML",
            controls,
            head.len()
        ));
    }
    None
}

/// A C0 control character that does not occur in text (tab, newlines, form feed and ESC —
/// used by ISO-2022-JP — are fine), or DEL.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
}

/// Tags whose presence near the start marks a document as HTML.
const HTML_MARKERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<article",
    b"<div",
    b"<p>",
    b"<p ",
    b"<br",
    b"<script",
    b"<h1",
    b"<span",
    b"<a href",
];

/// Does this look like markup? True when the first non-blank character opens a tag
/// (`<` then a letter, `!` or `?`), or one of the usual HTML tags occurs in the first 4 KB.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(4096)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    if let Some(i) = start {
        if head[i] == b'<'
            && head
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!' || *b == b'?')
        {
            return true;
        }
    }
    let lower = head.to_ascii_lowercase();
    HTML_MARKERS
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
}

/// What a stream whose name says nothing holds, from its first bytes (already gunzipped):
/// `WARC/1.` → WARC, a first non-blank `{` → JSONL, anything else one document
/// ([`Kind::Unknown`], then sniffed as HTML or text once read).
pub(crate) fn container_kind(head: &[u8]) -> Kind {
    if head.starts_with(b"WARC/1.") {
        return Kind::Warc;
    }
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Kind::Jsonl,
        _ => Kind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_signatures_and_nul() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert!(binary(png).unwrap().contains("PNG"));
        let elf = b"\x7fELF\x02\x01\x01\x00\x00";
        assert!(binary(elf).unwrap().contains("ELF"));
        assert!(binary(b"hello\x00world").unwrap().contains("NUL"));
        let ctl: Vec<u8> = (0..200)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        assert!(binary(&ctl).unwrap().contains("control"));
    }

    #[test]
    fn text_is_not_binary() {
        assert_eq!(binary(b"MZ is the name of a band. BZh too."), None);
        assert_eq!(binary("Gr\u{fc}\u{df}e\tau\r\nrevoir\x0c".as_bytes()), None);
        assert_eq!(binary(b"\x1b$B\x46\x7c\x1b(B"), None); // ISO-2022-JP
        assert_eq!(binary(b"caf\xe9 cr\xe8me"), None); // latin-1
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hi there".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(binary(&utf16), None);
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"\xef\xbb\xbf<html>"));
        assert!(looks_like_html(b"Some text then <P>a paragraph</P>"));
        assert!(!looks_like_html(b"Prices rose 3% and 2 < 3 > 1."));
        assert!(!looks_like_html(b""));
    }

    #[test]
    fn container_sniffing() {
        assert_eq!(container_kind(b"WARC/1.1\r\n"), Kind::Warc);
        assert_eq!(container_kind(b"\n {\"id\":1}"), Kind::Jsonl);
        assert_eq!(container_kind(b"<html>"), Kind::Unknown);
        assert_eq!(container_kind(b""), Kind::Unknown);
    }
}
