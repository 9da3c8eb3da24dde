//! Hashing and string helpers shared by the feature extractors of the tagger and the entity
//! tagger: every feature is a 64-bit hash of (template, values), so models need no string
//! tables at run time. Changing any function here changes every model's features: retrain
//! (`dateline train …`) after touching it.

use std::borrow::Cow;

/// Mix a 64-bit value (murmur3's finaliser): the low bits of the result are well spread,
/// so the hashes can index a hash table directly.
#[inline]
pub(crate) fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// Combine two hashes (order matters).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d)
}

/// Hash a byte string (FNV-1a, then mixed).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fmix(h ^ bytes.len() as u64)
}

/// Hash a string.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// The lowercase form of `word`.
pub(crate) fn lowercase(word: &str) -> String {
    lower_cow(word).into_owned()
}

/// The lowercase form of `word`, borrowed when it is already lowercase ASCII (most words:
/// this saves an allocation per word at run time).
pub(crate) fn lower_cow(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `lower` is the lowercase form of `word` (without allocating for ASCII).
pub(crate) fn is_lowercase_of(lower: &str, word: &str) -> bool {
    if word.is_ascii() {
        lower.len() == word.len()
            && lower
                .bytes()
                .zip(word.bytes())
                .all(|(a, b)| a == b.to_ascii_lowercase())
    } else {
        lower == word.to_lowercase()
    }
}

/// The last `n` characters of `s` (all of it when shorter).
pub(crate) fn suffix_chars(s: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// The first `n` characters of `s` (all of it when shorter).
pub(crate) fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A word's shape as at most 8 symbols: upper → `X`, lower → `x`, digit → `d`, other ASCII
/// kept, other letters `a`, anything else `o`; runs of one symbol cut at two (`Xxxx` →
/// `Xxx`, `1,234` → `d,dd`). Returns the symbols and how many there are.
pub(crate) fn shape_symbols(word: &str) -> ([u8; 8], usize) {
    let mut buf = [0u8; 8];
    let mut n = 0usize;
    let mut last = 0u8;
    let mut run = 0usize;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else if c.is_alphabetic() {
            b'a'
        } else {
            b'o'
        };
        if s == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = s;
        }
        if n == buf.len() {
            break;
        }
        buf[n] = s;
        n += 1;
    }
    (buf, n)
}
