//! Feature extraction: every feature is a 64-bit hash of (template, values), so the model
//! needs no string tables at run time and building a token's features allocates nothing
//! beyond one lowercase copy for non-ASCII words. The hashing primitives are in
//! [`crate::hashing`], shared with the entity tagger.

use std::borrow::Cow;

pub(crate) use crate::hashing::{
    fmix, hash_bytes, hash_str, is_lowercase_of, lower_cow, lowercase, mix, prefix_chars,
    shape_symbols, suffix_chars,
};

/// What the features need to know about one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// Hash of the form as written (the key of the tag dictionary and the lexicon).
    pub form: u64,
    /// Hash of the lowercased form.
    pub lower: u64,
    pub prefix: [u64; 3],
    pub suffix: [u64; 4],
    pub shape: u64,
    pub flags: u64,
    /// The word's ambiguity class: a hash of the set of classes it was seen with in
    /// training (`AMB_UNKNOWN` for unseen words).
    pub amb: u64,
    /// For words with an inner hyphen ("two-dozen", "al-Sisi"): hashes of the lowercased
    /// part before the first hyphen and after the last one; 0 otherwise.
    pub hyphen: [u64; 2],
    /// How the sentence is capitalised (the same for all its words; see `sentence_case`).
    pub case: u64,
}

/// The ambiguity class of a word not seen in training.
pub(crate) const AMB_UNKNOWN: u64 = 0xa3b1_0000_0000_0001;

/// Padding for positions before the sentence start or after its end.
pub(crate) fn pad(which: u64) -> WordInfo {
    let h = fmix(0x5eed ^ which);
    WordInfo {
        form: h,
        lower: h,
        prefix: [h; 3],
        suffix: [h; 4],
        shape: h,
        flags: h,
        amb: h,
        hyphen: [0; 2],
        case: h,
    }
}

/// Hash of [`shape_symbols`] (the tagger's hashing of a shape).
pub(crate) fn shape_hash(word: &str) -> u64 {
    let (symbols, n) = shape_symbols(word);
    hash_bytes(&symbols[..n]) ^ 0x5a5a
}

/// Orthographic flags of a word, as one small integer.
pub(crate) fn flags(word: &str) -> u64 {
    let mut first_upper = false;
    let mut any_lower = false;
    let mut any_upper = false;
    let mut digit = false;
    let mut hyphen = false;
    let mut alpha = false;
    for (i, c) in word.chars().enumerate() {
        if i == 0 && c.is_uppercase() {
            first_upper = true;
        }
        any_lower |= c.is_lowercase();
        any_upper |= c.is_uppercase();
        digit |= c.is_ascii_digit();
        hyphen |= c == '-';
        alpha |= c.is_alphabetic();
    }
    u64::from(first_upper)
        | u64::from(any_upper && !any_lower) << 1
        | u64::from(digit) << 2
        | u64::from(hyphen) << 3
        | u64::from(alpha) << 4
        | u64::from(any_upper && any_lower && !first_upper) << 5
}

/// The hashes of the parts of a hyphenated word (see [`WordInfo::hyphen`]).
fn hyphen_parts(lower: &str) -> [u64; 2] {
    match (lower.find('-'), lower.rfind('-')) {
        (Some(a), Some(b)) if a > 0 && b + 1 < lower.len() => [
            hash_str(&lower[..a]) ^ 0x4e11,
            hash_str(&lower[b + 1..]) ^ 0x4e12,
        ],
        _ => [0; 2],
    }
}

impl WordInfo {
    pub(crate) fn new(word: &str) -> Self {
        let lower = lower_cow(word);
        let lower_hash = hash_str(&lower);
        let form = if matches!(lower, Cow::Borrowed(_)) {
            lower_hash
        } else {
            hash_str(word)
        };
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            *p = hash_str(prefix_chars(&lower, k + 1)) ^ (k as u64 + 1);
        }
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            *s = hash_str(suffix_chars(&lower, k + 1)) ^ ((k as u64 + 1) << 8);
        }
        WordInfo {
            form,
            lower: lower_hash,
            prefix,
            suffix,
            shape: shape_hash(word),
            flags: flags(word),
            amb: AMB_UNKNOWN,
            hyphen: hyphen_parts(&lower),
            case: 0,
        }
    }
}

/// Number of feature templates of the first pass without the optional groups.
pub(crate) const N_CORE_FEATURES: usize = 28;
/// Number of ambiguity-class templates (feature set bit `FS_AMB`).
pub(crate) const N_AMB_FEATURES: usize = 6;
/// Number of second-pass templates.
pub(crate) const N_RIGHT_FEATURES: usize = 6;
/// Room for every template.
pub(crate) const N_FEATURES: usize = N_CORE_FEATURES
    + N_AMB_FEATURES
    + N_HYPHEN_FEATURES
    + N_CASE_FEATURES
    + N_RIGHT_FEATURES
    + N_RIGHT2_FEATURES;
/// Number of hyphenated-word templates (feature set bit `FS_HYPHEN`).
pub(crate) const N_HYPHEN_FEATURES: usize = 3;
/// Number of extra second-pass templates (feature set bit `FS_RIGHT2`).
pub(crate) const N_RIGHT2_FEATURES: usize = 4;

/// Feature-set bit: ambiguity-class templates.
pub(crate) const FS_AMB: u32 = 1;
/// Feature-set bit: the parts of hyphenated words.
pub(crate) const FS_HYPHEN: u32 = 2;
/// Feature-set bit: the sentence's capitalisation and the neighbours' (headlines and
/// title-case lines make capitalised common nouns).
pub(crate) const FS_CASE: u32 = 8;
/// Number of capitalisation templates (feature set bit `FS_CASE`).
pub(crate) const N_CASE_FEATURES: usize = 3;

/// The capitalisation class of a sentence from its words' flags: the share of capitalised
/// words among the alphabetic ones after the first (quartiles), and whether most are in
/// capitals.
pub(crate) fn sentence_case(flags: impl Iterator<Item = u64>) -> u64 {
    let (mut alpha, mut cap, mut caps) = (0u32, 0u32, 0u32);
    for f in flags.skip(1) {
        if f & 16 != 0 {
            alpha += 1;
            cap += u32::from(f & 1 != 0);
            caps += u32::from(f & 2 != 0);
        }
    }
    if alpha == 0 {
        return 0xca5e;
    }
    let quartile = (4 * cap / alpha).min(3);
    let mostly_caps = 2 * caps > alpha;
    fmix(0xca5e_0000 | u64::from(quartile) << 1 | u64::from(mostly_caps))
}

/// Feature-set bit: more second-pass templates (ambiguity classes with right tags, the
/// third tag to the right).
pub(crate) const FS_RIGHT2: u32 = 4;

/// The features of position `i` given word infos (with two pads on each side: `info[i + 2]`
/// is word `i`) and the two previous predicted classes (hashes).
#[inline]
pub(crate) fn extract(
    info: &[WordInfo],
    i: usize,
    p1: u64,
    p2: u64,
    set: u32,
    out: &mut [u64; N_FEATURES],
) -> usize {
    let w = &info[i + 2];
    let m1 = &info[i + 1];
    let m2 = &info[i];
    let n1 = &info[i + 3];
    let n2 = &info[i + 4];
    let t = |k: u64| fmix(k.wrapping_add(0x1000));
    out[0] = t(0);
    out[1] = mix(t(1), w.lower);
    out[2] = mix(t(2), w.prefix[0]);
    out[3] = mix(t(3), w.prefix[1]);
    out[4] = mix(t(4), w.prefix[2]);
    out[5] = mix(t(5), w.suffix[0]);
    out[6] = mix(t(6), w.suffix[1]);
    out[7] = mix(t(7), w.suffix[2]);
    out[8] = mix(t(8), w.suffix[3]);
    out[9] = mix(t(9), w.shape);
    out[10] = mix(t(10), w.flags);
    out[11] = mix(t(11), p1);
    out[12] = mix(t(12), p2);
    out[13] = mix(mix(t(13), p1), p2);
    out[14] = mix(mix(t(14), p1), w.lower);
    out[15] = mix(t(15), m1.lower);
    out[16] = mix(t(16), m1.suffix[2]);
    out[17] = mix(t(17), m2.lower);
    out[18] = mix(t(18), n1.lower);
    out[19] = mix(t(19), n1.suffix[2]);
    out[20] = mix(t(20), n2.lower);
    out[21] = mix(t(21), n1.shape);
    out[22] = mix(mix(t(22), m1.lower), w.lower);
    out[23] = mix(mix(t(23), w.lower), n1.lower);
    out[24] = mix(mix(t(24), p1), n1.lower);
    out[25] = mix(mix(t(25), u64::from(i == 0)), w.flags);
    out[26] = mix(mix(t(26), p1), w.suffix[2]);
    out[27] = mix(mix(t(27), m1.shape), w.shape);
    let mut n = N_CORE_FEATURES;
    if set & FS_AMB != 0 {
        let t = |k: u64| fmix(k.wrapping_add(0x4000));
        out[n] = mix(t(0), w.amb);
        out[n + 1] = mix(mix(t(1), w.amb), p1);
        out[n + 2] = mix(t(2), n1.amb);
        out[n + 3] = mix(mix(t(3), w.amb), n1.amb);
        out[n + 4] = mix(t(4), n2.amb);
        out[n + 5] = mix(mix(t(5), w.amb), w.flags);
        n += N_AMB_FEATURES;
    }
    if set & FS_HYPHEN != 0 && w.hyphen[1] != 0 {
        let t = |k: u64| fmix(k.wrapping_add(0x5000));
        out[n] = mix(t(0), w.hyphen[0]);
        out[n + 1] = mix(t(1), w.hyphen[1]);
        out[n + 2] = mix(mix(t(2), w.hyphen[1]), p1);
        n += N_HYPHEN_FEATURES;
    }
    if set & FS_CASE != 0 {
        let t = |k: u64| fmix(k.wrapping_add(0x7000));
        out[n] = mix(mix(t(0), w.case), w.flags);
        out[n + 1] = mix(mix(t(1), w.case), w.amb);
        out[n + 2] = mix(mix(mix(t(2), m1.flags), w.flags), n1.flags);
        n += N_CASE_FEATURES;
    }
    n
}

/// The second pass's extra features: the first pass's tags `r1`, `r2` of words `i + 1`,
/// `i + 2` (and `r0` of word `i` itself).
#[inline]
pub(crate) fn extract_right(
    info: &[WordInfo],
    i: usize,
    p1: u64,
    (r0, r1, r2, r3): (u64, u64, u64, u64),
    set: u32,
    n: usize,
    out: &mut [u64; N_FEATURES],
) -> usize {
    let w = &info[i + 2];
    let mut n = n;
    if set & FS_RIGHT2 != 0 {
        let t = |k: u64| fmix(k.wrapping_add(0x6000));
        out[n] = mix(mix(t(0), w.amb), r1);
        out[n + 1] = mix(mix(t(1), info[i + 3].amb), r2);
        out[n + 2] = mix(mix(mix(t(2), r1), r2), r3);
        out[n + 3] = mix(mix(t(3), p1), r0);
        n += N_RIGHT2_FEATURES;
    }
    let t = |k: u64| fmix(k.wrapping_add(0x3000));
    out[n] = mix(t(0), r1);
    out[n + 1] = mix(t(1), r2);
    out[n + 2] = mix(mix(t(2), r1), r2);
    out[n + 3] = mix(mix(t(3), p1), r1);
    out[n + 4] = mix(mix(t(4), w.lower), r1);
    out[n + 5] = mix(mix(t(5), r0), w.suffix[2]);
    n + N_RIGHT_FEATURES
}

/// Number of feature templates of the morphological-feature model.
pub(crate) const N_MORPH_FEATURES: usize = 16;

/// The features for choosing position `i`'s morphological features, once every word has
/// its tag: `tags[j + 2]` is the tag hash of word `j`, with two pads on each side.
#[inline]
pub(crate) fn extract_morph(
    info: &[WordInfo],
    tags: &[u64],
    i: usize,
    out: &mut [u64; N_MORPH_FEATURES],
) {
    let w = &info[i + 2];
    let t = |k: u64| fmix(k.wrapping_add(0x2000));
    let (tm2, tm1, t0, tp1, tp2) = (tags[i], tags[i + 1], tags[i + 2], tags[i + 3], tags[i + 4]);
    out[0] = mix(t(0), t0);
    out[1] = mix(t(1), w.lower);
    out[2] = mix(t(2), tm1);
    out[3] = mix(t(3), tm2);
    out[4] = mix(t(4), tp1);
    out[5] = mix(t(5), tp2);
    out[6] = mix(mix(t(6), tm1), tm2);
    out[7] = mix(mix(t(7), tm1), tp1);
    out[8] = mix(t(8), info[i + 1].lower);
    out[9] = mix(t(9), info[i].lower);
    out[10] = mix(t(10), info[i + 3].lower);
    out[11] = mix(mix(t(11), w.lower), tm1);
    out[12] = mix(mix(t(12), w.lower), tp1);
    out[13] = mix(mix(t(13), w.lower), info[i + 1].lower);
    out[14] = mix(t(14), w.suffix[2]);
    out[15] = mix(mix(t(15), u64::from(i == 0)), w.flags);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_respect_char_boundaries() {
        assert_eq!(suffix_chars("café", 2), "fé");
        assert_eq!(suffix_chars("é", 4), "é");
        assert_eq!(prefix_chars("élan", 2), "él");
        assert_eq!(prefix_chars("", 2), "");
        assert_eq!(suffix_chars("abc", 0), "");
    }

    #[test]
    fn hyphen_parts_and_sentence_case() {
        assert_eq!(hyphen_parts("two-dozen")[1], hash_str("dozen") ^ 0x4e12);
        assert_eq!(
            hyphen_parts("face-to-face"),
            [hash_str("face") ^ 0x4e11, hash_str("face") ^ 0x4e12]
        );
        for w in ["-", "-x", "x-", "plain", ""] {
            assert_eq!(hyphen_parts(w), [0, 0], "{w}");
        }
        let case = |ws: &[&str]| sentence_case(ws.iter().map(|w| flags(w)));
        assert_eq!(
            case(&["The", "dogs", "bark"]),
            case(&["A", "cat", "sat", "down"])
        );
        assert_ne!(
            case(&["The", "dogs", "bark"]),
            case(&["Senate", "Passes", "Budget", "Bill"])
        );
        assert_ne!(
            case(&["SENATE", "PASSES", "BUDGET"]),
            case(&["Senate", "Passes", "Budget"])
        );
        // The first word does not count; sentences without letters have their own class.
        assert_eq!(case(&["Kerry", "flew"]), case(&["kerry", "flew"]));
        assert_ne!(case(&["1", "2"]), case(&["a", "b"]));
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("Kerry"), shape_hash("Cairoooo"));
        assert_ne!(shape_hash("Kerry"), shape_hash("kerry"));
        assert_eq!(shape_hash("1,234"), shape_hash("1,23456"));
        assert_ne!(shape_hash("1,234"), shape_hash("12,345"));
    }
}
