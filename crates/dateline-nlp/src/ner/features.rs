//! The entity tagger's features: every feature is a 64-bit hash of (template, values), with
//! the hashing helpers of [`crate::hashing`] (shared with the POS tagger).

pub(crate) use crate::hashing::{
    fmix, hash_str, lowercase, mix, prefix_chars, shape_symbols, suffix_chars,
};

/// Hash of [`shape_symbols`] (the entity tagger's own hashing of a shape: its model was
/// trained with it).
pub(crate) fn shape_hash(word: &str) -> u64 {
    let (symbols, n) = shape_symbols(word);
    let h = symbols[..n].iter().fold(0x5a5a_u64, |h, &s| {
        h.wrapping_mul(131).wrapping_add(u64::from(s))
    });
    fmix(h ^ (n as u64) << 56)
}

/// Capitalisation class: 0 no letters, 1 lower, 2 Capitalised, 3 ALL CAPS, 4 mIxed.
pub(crate) fn case_class(word: &str) -> u64 {
    let (mut upper, mut lower, mut first_upper) = (0usize, 0usize, false);
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            first_upper |= i == 0;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => 0,
        (0, _) => 1,
        (_, 0) => 3,
        _ if first_upper => 2,
        _ => 4,
    }
}

/// What the features need to know about one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub form: u64,
    pub lower: u64,
    pub prefix: [u64; 3],
    pub suffix: [u64; 4],
    pub shape: u64,
    pub case: u64,
    /// The part-of-speech tag (XPOS) given by our tagger.
    pub pos: u64,
    /// The dictionary's view of the word: position in a match (B/I/L/U) and type, or none.
    pub dict: u64,
    /// How the word is usually written (0 unknown, 1 lowercase, 2 capitalised, 3 both).
    pub usual_case: u64,
}

/// Padding for positions before the sentence start or after its end.
pub(crate) fn pad(which: u64) -> WordInfo {
    let h = fmix(0x5eed ^ which);
    WordInfo {
        form: h,
        lower: h,
        prefix: [h; 3],
        suffix: [h; 4],
        shape: h,
        case: h,
        pos: h,
        dict: h,
        usual_case: h,
    }
}

impl WordInfo {
    pub(crate) fn new(word: &str, pos: &str, dict: u64) -> Self {
        let lower = lowercase(word);
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            *p = hash_str(prefix_chars(&lower, k + 1)) ^ (k as u64 + 1);
        }
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            *s = hash_str(suffix_chars(&lower, k + 1)) ^ ((k as u64 + 1) << 8);
        }
        WordInfo {
            form: hash_str(word) ^ 0xf0f0,
            lower: hash_str(&lower),
            prefix,
            suffix,
            shape: shape_hash(word),
            case: case_class(word),
            pos: hash_str(pos) ^ 0x9090,
            dict,
            usual_case: 0,
        }
    }
}

/// Which feature groups are on (the module docs' variant table switches them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FeatureSet {
    pub pos: bool,
    pub dict: bool,
}

/// Number of feature templates.
pub(crate) const N_FEATURES: usize = 51;

/// The features of position `i` given word infos (two pads on each side: `info[i + 2]` is
/// word `i`), the two previous labels' hashes, whether the sentence is in capitals
/// (headline or all-caps text) and which groups are on. Returns how many were written.
#[inline]
pub(crate) fn extract(
    info: &[WordInfo],
    i: usize,
    p1: u64,
    p2: u64,
    caps_sentence: u64,
    set: FeatureSet,
    out: &mut [u64; N_FEATURES],
) -> usize {
    let w = &info[i + 2];
    let m1 = &info[i + 1];
    let m2 = &info[i];
    let n1 = &info[i + 3];
    let n2 = &info[i + 4];
    let t = |k: u64| fmix(k.wrapping_add(0x4e45_5200));
    let first = u64::from(i == 0);
    let mut n = 0;
    let mut push = |f: u64| {
        out[n] = f;
        n += 1;
    };
    push(t(0));
    push(mix(t(1), w.lower));
    push(mix(t(2), w.form));
    push(mix(t(3), w.prefix[1]));
    push(mix(t(4), w.prefix[2]));
    push(mix(t(5), w.suffix[1]));
    push(mix(t(6), w.suffix[2]));
    push(mix(t(7), w.suffix[3]));
    push(mix(t(8), w.shape));
    push(mix(mix(t(9), w.case), first));
    push(mix(mix(t(10), w.case), caps_sentence));
    push(mix(t(11), p1));
    push(mix(mix(t(12), p1), p2));
    push(mix(mix(t(13), p1), w.lower));
    push(mix(mix(t(14), p1), w.shape));
    push(mix(t(15), m1.lower));
    push(mix(t(16), m2.lower));
    push(mix(t(17), n1.lower));
    push(mix(t(18), n2.lower));
    push(mix(t(19), m1.shape));
    push(mix(t(20), n1.shape));
    push(mix(mix(t(21), m1.lower), w.lower));
    push(mix(mix(t(22), w.lower), n1.lower));
    push(mix(mix(t(23), m1.case), w.case));
    push(mix(mix(t(24), w.case), n1.case));
    push(mix(mix(mix(t(25), m1.case), w.case), n1.case));
    push(mix(mix(t(26), p1), n1.lower));
    push(mix(mix(t(27), first), w.lower));
    push(mix(t(28), m1.suffix[2]));
    push(mix(t(29), n1.suffix[2]));
    push(mix(mix(mix(t(44), w.usual_case), w.case), first));
    push(mix(mix(t(45), w.usual_case), caps_sentence));
    push(mix(mix(t(46), m1.usual_case), n1.usual_case));
    push(mix(mix(t(47), p1), w.usual_case));
    push(mix(mix(t(48), m1.lower), w.case));
    push(mix(mix(t(49), w.case), n1.lower));
    push(mix(mix(t(50), w.shape), n1.shape));
    if set.pos {
        push(mix(t(30), w.pos));
        push(mix(t(31), m1.pos));
        push(mix(t(32), n1.pos));
        push(mix(mix(t(33), m1.pos), w.pos));
        push(mix(mix(t(34), w.pos), n1.pos));
        push(mix(mix(t(35), w.pos), w.case));
        push(mix(mix(t(36), p1), w.pos));
        push(mix(t(37), n2.pos));
    }
    if set.dict {
        push(mix(t(38), w.dict));
        push(mix(mix(t(39), w.dict), w.case));
        push(mix(t(40), m1.dict));
        push(mix(t(41), n1.dict));
        push(mix(mix(t(42), w.dict), p1));
        push(mix(mix(t(43), w.dict), first));
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_cases() {
        assert_eq!(shape_hash("Kerry"), shape_hash("Cairoooo"));
        assert_ne!(shape_hash("Kerry"), shape_hash("kerry"));
        assert_ne!(shape_hash("U.S."), shape_hash("US"));
        assert_eq!(case_class("NATO"), 3);
        assert_eq!(case_class("Cairo"), 2);
        assert_eq!(case_class("iPhone"), 4);
        assert_eq!(case_class("said"), 1);
        assert_eq!(case_class("1,000"), 0);
        assert_eq!(suffix_chars("café", 2), "fé");
        assert_eq!(suffix_chars("é", 4), "é");
        assert_eq!(prefix_chars("élan", 2), "él");
    }

    #[test]
    fn feature_groups_switch_and_differ_by_word() {
        let infos = |w: &str| vec![pad(0), pad(1), WordInfo::new(w, "NNP", 7), pad(2), pad(3)];
        let mut a = [0u64; N_FEATURES];
        let all = FeatureSet {
            pos: true,
            dict: true,
        };
        let none = FeatureSet {
            pos: false,
            dict: false,
        };
        assert_eq!(
            extract(&infos("Cairo"), 0, 1, 2, 0, all, &mut a),
            N_FEATURES
        );
        let mut b = [0u64; N_FEATURES];
        let n = extract(&infos("Cairo"), 0, 1, 2, 0, none, &mut b);
        assert_eq!(n, N_FEATURES - 14);
        assert_eq!(a[..n], b[..n]);
        let mut c = [0u64; N_FEATURES];
        extract(&infos("Kerry"), 0, 1, 2, 0, all, &mut c);
        // The bias is shared; the word's own features are not.
        assert_eq!(a[0], c[0]);
        assert_ne!(a[1], c[1]);
        assert_ne!(a[2], c[2]);
        // All templates hash to distinct values.
        let mut sorted = a.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), N_FEATURES);
    }
}
