//! The entity tagger's features: every feature is a 64-bit hash of (template, values). The
//! hashing helpers are copies of `tagger/features.rs`'s (same reason as `perceptron.rs`:
//! the NER model's features must not change when the tagger's do).

/// Mix a 64-bit value (murmur3's finaliser).
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

/// Hash a string (FNV-1a, then mixed).
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fmix(h ^ s.len() as u64)
}

fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

fn suffix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Word shape: upper → `X`, lower → `x`, digit → `d`, other ASCII kept; runs cut at two, at
/// most 8 symbols (`McDonald` → `XxXxx`, `U.S.` → `X.X.`).
pub(crate) fn shape_hash(word: &str) -> u64 {
    let mut h: u64 = 0x5a5a;
    let (mut n, mut last, mut run) = (0usize, 0u8, 0usize);
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
        if n == 8 {
            break;
        }
        h = h.wrapping_mul(131).wrapping_add(u64::from(s));
        n += 1;
    }
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
