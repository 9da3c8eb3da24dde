//! A guard against pathologically deep markup. html5ever's tree builder checks "element in
//! scope" by walking the stack of open elements, so a page nested 100,000 levels deep costs
//! O(depth²): measured here, 20,000 levels took 5.4 s and 100,000 several minutes. Browsers
//! cap the depth for the same reason. Real news pages nest well under 100 levels, so start
//! tags past [`MAX_DEPTH`] are dropped before parsing: their text stays, only the
//! wrapping is lost. Pages under the cap (all real ones) are passed through untouched.

use std::borrow::Cow;

/// Deepest nesting of elements kept.
pub const MAX_DEPTH: usize = 256;

/// Elements that never take an end tag, so never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Block elements kept even past the cap: they close themselves when the next one opens, so
/// they cannot stack up, and they carry the structure the content extractor reads.
const KEPT_PAST_CAP: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"];

/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Return the page unchanged when its nesting stays within [`MAX_DEPTH`], else a copy with
/// the start tags beyond that depth removed.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    if scan(html, None) <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, Some(&mut out));
    Cow::Owned(out)
}

/// Walk the tags of `html`, tracking an estimate of the open-element depth. Returns the
/// greatest depth seen. With `out`, copies the input there minus start tags past the cap.
fn scan(html: &str, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    let mut copied = 0; // bytes of `html` already copied to `out`
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            // Comment: skip to its end.
            i = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let (closing, name_start) = match rest.first() {
            Some(b'/') => (true, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
            _ => {
                i = lt + 1;
                continue;
            }
        };
        let name_end = bytes[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| name_start + p);
        let tag_end = find(bytes, name_end, b">").map_or(bytes.len(), |e| e + 1);
        let name = &bytes[name_start..name_end];
        if closing {
            depth = depth.saturating_sub(1);
            i = tag_end;
            continue;
        }
        let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
        if is_one_of(name, VOID) || self_closing {
            i = tag_end;
            continue;
        }
        depth += 1;
        max = max.max(depth);
        if depth > MAX_DEPTH {
            if let Some(o) = out.as_deref_mut() {
                if !is_one_of(name, KEPT_PAST_CAP) {
                    o.push_str(&html[copied..lt]);
                    copied = tag_end;
                }
            }
            // The dropped element's end tag will come as a stray: count it back.
            depth -= 1;
        }
        i = tag_end;
        if is_one_of(name, RAW_TEXT) {
            // Skip to the matching end tag; its content is not markup.
            i = find_end_tag(bytes, i, name).unwrap_or(bytes.len());
        }
    }
    if let Some(o) = out {
        o.push_str(&html[copied.min(html.len())..]);
    }
    max
}

fn is_one_of(name: &[u8], list: &[&str]) -> bool {
    list.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name))
}

fn memchr_lt(hay: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', hay)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    match needle {
        [one] => memchr::memchr(*one, rest),
        _ => memchr::memmem::find(rest, needle),
    }
    .map(|p| from + p)
}

/// Offset of the `</name` that closes a raw-text element (any letter case).
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let p = find(hay, at, b"</")?;
        let tail = hay.get(p + 2..p + 2 + name.len())?;
        if tail.eq_ignore_ascii_case(name) {
            return Some(p);
        }
        at = p + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_through_untouched() {
        let page = "<html><body><div><p>One<br>two</p><img src=x><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(limit_depth(page), Cow::Borrowed(_)));
        assert_eq!(scan(page, None), 4);
    }

    #[test]
    fn deep_pages_are_cut_to_the_cap_and_keep_their_text() {
        let page = format!(
            "{}<p>kept text</p>{}",
            "<div>".repeat(1000),
            "</div>".repeat(1000)
        );
        let out = limit_depth(&page);
        // The cap, plus the one <p> kept past it.
        assert_eq!(scan(&out, None), MAX_DEPTH + 1);
        assert!(out.contains("<p>kept text</p>"));
    }

    #[test]
    fn tags_inside_comments_and_scripts_do_not_count() {
        let page = format!(
            "<div><!-- {} --><script>{}</script><p>x</p></div>",
            "<div>".repeat(500),
            "<div>".repeat(500)
        );
        assert_eq!(scan(&page, None), 2);
    }

    #[test]
    fn cut_at_odd_places_does_not_panic() {
        for page in [
            "<",
            "<!--",
            "<div",
            "</",
            "<a/",
            "<script>",
            "<div><div",
            "é<ü>",
        ] {
            let _ = limit_depth(page);
        }
    }
}
