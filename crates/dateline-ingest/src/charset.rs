//! Bytes → text.
//!
//! The order of evidence follows the WHATWG encoding-sniffing algorithm, simplified:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE) — it wins over everything;
//! 2. the charset a transport declared (the HTTP `Content-Type` of a WARC record);
//! 3. for HTML, `<meta charset>` or `<meta http-equiv="content-type" content="…charset=…">`
//!    found by a prescan of the first [`PRESCAN_BYTES`] bytes (comments are skipped);
//! 4. bytes that are valid UTF-8 (a multi-byte character cut off at the very end, as in a
//!    truncated file, still counts) are UTF-8;
//! 5. otherwise chardetng guesses, helped by the URL's top-level domain when one is known.
//!
//! Decoding is done by encoding_rs, malformed sequences become U+FFFD: invalid bytes are never
//! an error. The encoding returned is the WHATWG name (`"UTF-8"`, `"windows-1252"`,
//! `"Shift_JIS"`…). As WHATWG requires, a `<meta>` that claims UTF-16 means UTF-8 (a page
//! whose bytes could be read as ASCII markup cannot be UTF-16), and `x-user-defined` in a meta
//! means windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into an HTML page the `<meta>` prescan looks (WHATWG says 1024; real pages put
/// long `<script>`/`<link>` blocks first, so we look further).
pub const PRESCAN_BYTES: usize = 4096;

/// How many bytes chardetng sees at most: enough for a confident guess, bounded in time.
const DETECT_BYTES: usize = 256 * 1024;

/// Decode `bytes`; returns the text and the WHATWG name of the encoding used.
/// `declared` is a charset label from outside the bytes (e.g. an HTTP header).
pub fn decode(bytes: &[u8], declared: Option<&str>, is_html: bool) -> (String, &'static str) {
    decode_with_url(bytes, declared, is_html, None)
}

/// [`decode`], with the document's URL (if known) so that the detector can use its
/// top-level domain as a hint (`.jp` favours Shift_JIS/EUC-JP, `.ru` windows-1251…).
pub fn decode_with_url(
    bytes: &[u8],
    declared: Option<&str>,
    is_html: bool,
    url: Option<&str>,
) -> (String, &'static str) {
    let enc = sniff(bytes, declared, is_html, url);
    // `decode` removes a BOM if there is one (and would switch to its encoding, which is
    // already the one chosen since the BOM is looked at first).
    let (text, used, _had_errors) = enc.decode(bytes);
    (text.into_owned(), used.name())
}

/// Choose the encoding of `bytes` (see the module docs for the order of evidence).
pub fn sniff(
    bytes: &[u8],
    declared: Option<&str>,
    is_html: bool,
    url: Option<&str>,
) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = declared.and_then(label_to_encoding) {
        return enc;
    }
    if is_html {
        let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
        if let Some(enc) = prescan_meta(head) {
            // A page saved to disk is often re-encoded to UTF-8 while its <meta> still names
            // the old single-byte charset. Bytes with multi-byte sequences that are valid
            // UTF-8 are almost never legacy text, so UTF-8 wins over a stale <meta> (a
            // transport header, checked above, is still obeyed).
            if enc != UTF_8 && enc.is_single_byte() && has_multibyte_utf8(bytes) {
                return UTF_8;
            }
            return enc;
        }
    }
    if is_utf8_allowing_cut_end(bytes) {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    det.feed(sample, sample.len() == bytes.len());
    let tld = url.and_then(tld_of);
    det.guess(tld.as_deref().map(str::as_bytes), false)
}

/// A charset label (`"utf-8"`, `"latin1"`, `" Shift_JIS "`, `"\"utf-8\""`) → encoding.
fn label_to_encoding(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(label.as_bytes())
}

/// Valid UTF-8 that has at least one non-ASCII character.
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && is_utf8_allowing_cut_end(bytes)
}

/// Valid UTF-8, or valid UTF-8 up to an incomplete character at the very end.
fn is_utf8_allowing_cut_end(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len(),
    }
}

/// The lower-case top-level domain of a URL's host, when it is alphabetic ASCII.
fn tld_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?; // drop userinfo
    let host = host.split(':').next()?; // drop port
    let tld = host.trim_end_matches('.').rsplit('.').next()?;
    if tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()) && host.contains('.') {
        Some(tld.to_ascii_lowercase())
    } else {
        None
    }
}

/// The charset an HTML page declares in a `<meta>` within `head`, WHATWG-style.
pub fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        if head[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            // Skip the comment; an unterminated one hides the rest of the prescan window.
            i = match find(&rest[4..], b"-->") {
                Some(p) => i + 4 + p + 3,
                None => return None,
            };
            continue;
        }
        if starts_with_ci(rest, b"<meta") && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            let (attrs, used) = parse_attributes(&rest[5..]);
            i += 5 + used;
            if let Some(enc) = meta_encoding(&attrs) {
                return Some(enc);
            }
            continue;
        }
        i += 1;
    }
    None
}

/// The encoding a `<meta>` element's attributes declare, if any.
fn meta_encoding(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let label = if let Some(cs) = get("charset") {
        Some(cs.to_string())
    } else if get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type")) {
        get("content").and_then(charset_param)
    } else {
        None
    }?;
    let enc = label_to_encoding(&label)?;
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        Some(UTF_8)
    } else if enc == encoding_rs::X_USER_DEFINED {
        Some(WINDOWS_1252)
    } else {
        Some(enc)
    }
}

/// The `charset=` parameter of a Content-Type value (`text/html; charset="utf-8"`).
pub fn charset_param(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = if let Some(q) = rest.strip_prefix('"') {
        q.split('"').next()?
    } else if let Some(q) = rest.strip_prefix('\'') {
        q.split('\'').next()?
    } else {
        rest.split([';', ' ', '\t', ',']).next()?
    };
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Parse the attributes of a tag starting just after its name; returns (lower-cased name,
/// value) pairs and the number of bytes used up to and including the closing `>`.
fn parse_attributes(s: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < s.len() && (is_space(s[i]) || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() {
            return (attrs, i);
        }
        if s[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < s.len() && !is_space(s[i]) && !matches!(s[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&s[start..i]).to_ascii_lowercase();
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        let mut value = String::new();
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && is_space(s[i]) {
                i += 1;
            }
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                i += 1;
                let vs = i;
                while i < s.len() && s[i] != q {
                    i += 1;
                }
                value = String::from_utf8_lossy(&s[vs..i]).into_owned();
                i = (i + 1).min(s.len());
            } else {
                let vs = i;
                while i < s.len() && !is_space(s[i]) && s[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&s[vs..i]).into_owned();
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<meta charset=\"windows-1252\">café".as_bytes());
        let (t, enc) = decode(&b, Some("iso-8859-1"), true);
        assert_eq!(enc, "UTF-8");
        assert!(t.ends_with("café"));
        assert!(!t.starts_with('\u{feff}'));

        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("héllo".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(
            decode(&utf16, None, false),
            ("héllo".to_string(), "UTF-16LE")
        );
    }

    #[test]
    fn declared_header_beats_meta() {
        let b = b"<meta charset=utf-8><p>caf\xe9</p>";
        let (t, enc) = decode(b, Some("ISO-8859-1"), true);
        assert_eq!(enc, "windows-1252");
        assert!(t.contains("café"));
        // An unknown label is ignored.
        let (_, enc) = decode(b, Some("no-such-charset"), true);
        assert_eq!(enc, "UTF-8");
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let b = b"<html><head><meta charset='windows-1251'></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
        let (t, enc) = decode(b, None, true);
        assert_eq!(enc, "windows-1251");
        assert!(t.contains("Привет"));

        let b = b"<!-- <meta charset=koi8-r> --><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-2\"><p>\xb1</p>";
        let (t, enc) = decode(b, None, true);
        assert_eq!(enc, "ISO-8859-2");
        assert!(t.contains('ą'));

        // meta is not looked at for plain text
        let (_, enc) = decode(b"<meta charset=koi8-r> plain", None, false);
        assert_eq!(enc, "UTF-8");
        // meta claiming UTF-16 means UTF-8
        assert_eq!(prescan_meta(b"<meta charset=utf-16>"), Some(UTF_8));
    }

    #[test]
    fn shift_jis_with_meta() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("東京で地震が発生しました。");
        let mut page = b"<html><head><meta http-equiv=content-type content='text/html;charset=Shift_JIS'></head><body><p>".to_vec();
        page.extend_from_slice(&bytes);
        page.extend_from_slice(b"</p></body></html>");
        let (t, enc) = decode(&page, None, true);
        assert_eq!(enc, "Shift_JIS");
        assert!(t.contains("東京で地震が発生しました。"));
    }

    #[test]
    fn windows_1252_without_declaration_is_detected() {
        let text = "Le président a déclaré à la presse que la réunion était très importante \
                    pour l’économie française et européenne, « sans équivoque ».";
        let (bytes, _, _) = WINDOWS_1252.encode(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let (t, enc) = decode(&bytes, None, false);
        assert_eq!(enc, "windows-1252");
        assert_eq!(t, text);
    }

    #[test]
    fn tld_hint_helps_detection() {
        assert_eq!(
            tld_of("https://www.asahi.com.jp:8080/x?y"),
            Some("jp".into())
        );
        assert_eq!(tld_of("http://localhost/"), None);
        assert_eq!(tld_of("http://127.0.0.1/"), None);
        let (bytes, _, _) =
            encoding_rs::EUC_JP.encode("東京で地震が発生しました。政府は対策本部を設置した。");
        let (t, enc) = decode_with_url(&bytes, None, false, Some("https://example.jp/a"));
        assert_eq!(enc, "EUC-JP");
        assert!(t.contains("東京"));
    }

    #[test]
    fn valid_utf8_and_cut_end() {
        assert_eq!(decode("naïve".as_bytes(), None, true).1, "UTF-8");
        let mut b = "Zürich é".as_bytes().to_vec();
        b.pop(); // cut the last character in half
        let (t, enc) = decode(&b, None, false);
        assert_eq!(enc, "UTF-8");
        assert!(t.starts_with("Zürich"));
        assert_eq!(decode(b"", None, true), (String::new(), "UTF-8"));
    }

    #[test]
    fn charset_param_forms() {
        assert_eq!(
            charset_param("text/html; charset=UTF-8"),
            Some("UTF-8".into())
        );
        assert_eq!(
            charset_param("text/html;Charset=\"iso-8859-1\""),
            Some("iso-8859-1".into())
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }

    #[test]
    fn prescan_survives_junk() {
        for junk in [
            &b"<meta"[..],
            b"<meta ",
            b"<meta charset",
            b"<meta charset=\"",
            b"<!--",
            b"<<<<",
        ] {
            assert_eq!(prescan_meta(junk), None);
        }
    }

    #[test]
    fn stale_single_byte_meta_loses_to_valid_utf8() {
        let page = "<meta charset=\"windows-1252\"><p>Caf\u{e9} \u{2014} na\u{ef}ve</p>";
        let (text, name) = decode(page.as_bytes(), None, true);
        assert_eq!(name, "UTF-8");
        assert!(text.contains("Café — naïve"));
        // Real windows-1252 bytes (not valid UTF-8) still follow the meta.
        let legacy = b"<meta charset=\"windows-1252\"><p>Caf\xe9</p>";
        let (text, name) = decode(legacy, None, true);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("Café"));
    }
}
