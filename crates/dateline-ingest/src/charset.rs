//! Bytes → text. Order of evidence: a byte-order mark, the charset a transport declared
//! (HTTP `Content-Type` in a WARC record), `<meta charset>` / `http-equiv` in the first bytes
//! of an HTML page, then a statistical detector (chardetng).

/// Decode `bytes`; returns the text and the WHATWG name of the encoding used.
/// `declared` is a charset label from outside the bytes (e.g. an HTTP header).
pub fn decode(bytes: &[u8], declared: Option<&str>, is_html: bool) -> (String, &'static str) {
    let _ = (declared, is_html);
    // Placeholder: UTF-8 with replacement. Replaced by the real decoder.
    let (text, enc, _) = encoding_rs::UTF_8.decode(bytes);
    (text.into_owned(), enc.name())
}
