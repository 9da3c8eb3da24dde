//! The averaged perceptron (Collins 2002) over hashed features, with sparse per-feature
//! rows: a feature only holds weights for the classes it was ever updated for (on average
//! 2–3 of ~110), so neither training nor the shipped model carry dense rows. Shared by the
//! POS tagger and the entity tagger (whose model files hold the same `Weights`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

/// Hasher for keys that are already well-mixed 64-bit hashes: uses them as they are.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: i32,
    /// Sum of the weight over all past instances, up to `stamp`.
    total: i64,
    stamp: u64,
}

/// Weights being trained, with the bookkeeping for lazy averaging.
pub(crate) struct Trainer {
    rows: IdMap<Vec<Entry>>,
    /// Instances seen so far (the averaging clock).
    pub now: u64,
}

impl Trainer {
    pub fn new() -> Self {
        Trainer {
            rows: IdMap::default(),
            now: 0,
        }
    }

    /// Current (not averaged) scores.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    if let Some(s) = scores.get_mut(e.class as usize) {
                        *s += e.weight as f32;
                    }
                }
            }
        }
    }

    /// One perceptron update: +1 for `truth`, −1 for `guess` on every feature.
    pub fn update(&mut self, feats: &[u64], truth: u16, guess: u16) {
        if truth == guess {
            return;
        }
        let now = self.now;
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            for (class, delta) in [(truth, 1i32), (guess, -1i32)] {
                match row.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.total += i64::from(e.weight) * (now - e.stamp) as i64;
                        e.stamp = now;
                        e.weight += delta;
                    }
                    None => row.push(Entry {
                        class,
                        weight: delta,
                        total: 0,
                        stamp: now,
                    }),
                }
            }
        }
    }

    /// The averaged weights, dropping those with |w| < `min_abs`; deterministic (rows
    /// sorted by key, entries by class).
    pub fn average(&self, min_abs: f32) -> Weights {
        let now = self.now.max(1);
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        let mut out = Weights::default();
        out.starts.push(0);
        for k in keys {
            let Some(row) = self.rows.get(&k) else {
                continue;
            };
            let mut entries: Vec<(u16, f32)> = row
                .iter()
                .map(|e| {
                    let total = e.total + i64::from(e.weight) * (self.now - e.stamp) as i64;
                    (e.class, (total as f64 / now as f64) as f32)
                })
                .filter(|(_, w)| w.abs() >= min_abs && *w != 0.0)
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_unstable_by_key(|e| e.0);
            out.keys.push(k);
            for (c, w) in entries {
                out.classes.push(c);
                out.values.push(w);
            }
            out.starts.push(out.classes.len() as u32);
        }
        out.build_index();
        out
    }
}

/// A slot: the key's high 32 bits (with the low bit set; `0` = empty) above the row's
/// start (22 bits) and length (10 bits). 32-bit fragments make a false match of an absent
/// feature about one in 4·10⁹ probes.
type Slot = u64;

const MAX_ROW: usize = (1 << 10) - 1;
/// Rows with at least this many entries are also stored dense (a weight for every class),
/// and scored by a plain vectorised add: frequent features (bias, tags, suffixes) have
/// rows of 50–109 entries, whose sparse scatter-add was most of the scoring instructions.
const DENSE_MIN: usize = 40;
const MAX_START: usize = (1 << 22) - 1;

/// Final (averaged) weights: sparse rows in flat arrays.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Weights {
    keys: Vec<u64>,
    /// Row `i` is `starts[i]..starts[i + 1]` in `classes` / `values`.
    starts: Vec<u32>,
    classes: Vec<u16>,
    values: Vec<f32>,
    /// Open-addressing table (linear probing, load < 2/3): one 8-byte slot per key
    /// holding the row's place in `entries`, so a lookup touches one cache line and then
    /// the row.
    #[serde(skip)]
    slots: Vec<Slot>,
    /// (class, weight) packed in 4 bytes: the weight's f32 bits with the low 10 mantissa
    /// bits replaced by the class (relative error < 2⁻¹³), so rows are half as large.
    #[serde(skip)]
    entries: Vec<u32>,
    /// Dense copies of the long rows, `width` weights each; a slot with length 0 points
    /// at one of these (its start is the block's index).
    #[serde(skip)]
    dense: Vec<f32>,
    #[serde(skip)]
    width: usize,
}

impl Weights {
    /// Build the key → row index (after loading); checks the arrays' consistency.
    pub fn build_index(&mut self) -> bool {
        if self.keys.is_empty() && self.starts.is_empty() {
            self.starts.push(0);
        }
        if self.starts.len() != self.keys.len() + 1 || self.classes.len() != self.values.len() {
            return false;
        }
        if self.starts.windows(2).any(|w| w[0] > w[1])
            || self
                .starts
                .last()
                .is_some_and(|&l| l as usize != self.classes.len())
        {
            return false;
        }
        if self.classes.len() > MAX_START {
            return false;
        }
        if self.classes.iter().any(|&c| c > 0x3ff) {
            return false;
        }
        self.entries = self
            .classes
            .iter()
            .zip(&self.values)
            .map(|(&c, &v)| (v.to_bits() & !0x3ff) | u32::from(c))
            .collect();
        let width = self
            .classes
            .iter()
            .map(|&c| c as usize + 1)
            .max()
            .unwrap_or(0);
        let mut dense: Vec<f32> = Vec::new();
        let cap = (self.keys.len() * 3 / 2 + 1).next_power_of_two().max(2);
        let mask = cap - 1;
        let mut slots: Vec<Slot> = vec![0; cap];
        for (i, k) in self.keys.iter().enumerate() {
            let frag = (k >> 32) | 1;
            let (a, b) = (self.starts[i] as u64, self.starts[i + 1] as u64);
            if (b - a) as usize > MAX_ROW {
                return false;
            }
            let mut p = *k as usize & mask;
            while slots[p] != 0 && slots[p] >> 32 != frag {
                p = (p + 1) & mask;
            }
            slots[p] = if (b - a) as usize >= DENSE_MIN {
                // The same (truncated) weights as the sparse entries, so scores are equal.
                let block = (dense.len() / width.max(1)) as u64;
                let start = dense.len();
                dense.resize(start + width, 0.0);
                for &e in &self.entries[a as usize..b as usize] {
                    dense[start + (e & 0x3ff) as usize] = f32::from_bits(e & !0x3ff);
                }
                frag << 32 | block << 10
            } else {
                frag << 32 | a << 10 | (b - a)
            };
        }
        self.slots = slots;
        self.dense = dense;
        self.width = width;
        true
    }

    /// Drop weights with |w| < `min_abs` (and rows left empty).
    pub fn prune(&mut self, min_abs: f32) {
        let mut out = Weights::default();
        out.starts.push(0);
        for (i, k) in self.keys.iter().enumerate() {
            let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            let before = out.classes.len();
            for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                if v.abs() >= min_abs {
                    out.classes.push(*c);
                    out.values.push(*v);
                }
            }
            if out.classes.len() > before {
                out.keys.push(*k);
                out.starts.push(out.classes.len() as u32);
            }
        }
        out.build_index();
        *self = out;
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    pub fn n_weights(&self) -> usize {
        self.values.len()
    }

    /// Add the scores of `feats` into `scores` (which the caller zeroes).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return;
        }
        // Two phases: first find every feature's slot (independent loads the CPU can
        // overlap), then add the rows.
        for chunk in feats.chunks(64) {
            let mut found = [0u64; 64];
            for (f, out) in chunk.iter().zip(found.iter_mut()) {
                let frag = (f >> 32) | 1;
                let mut p = *f as usize & mask;
                loop {
                    let slot = self.slots[p];
                    if slot >> 32 == frag {
                        *out = slot;
                        break;
                    }
                    if slot == 0 {
                        break;
                    }
                    p = (p + 1) & mask;
                }
            }
            for &slot in &found[..chunk.len()] {
                if slot == 0 {
                    continue;
                }
                let a = (slot >> 10 & 0x3f_ffff) as usize;
                let len = (slot & 0x3ff) as usize;
                if len == 0 {
                    let row = self
                        .dense
                        .get(a * self.width..(a + 1) * self.width)
                        .unwrap_or(&[]);
                    for (s, w) in scores.iter_mut().zip(row) {
                        *s += *w;
                    }
                    continue;
                }
                let row = self.entries.get(a..a + len).unwrap_or(&[]);
                for &e in row {
                    if let Some(s) = scores.get_mut((e & 0x3ff) as usize) {
                        *s += f32::from_bits(e & !0x3ff);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashing::fmix;

    #[test]
    fn dense_and_sparse_rows_score_alike() {
        // Keys are hashes (the table matches on their high bits).
        let (f7, f9, absent) = (fmix(7), fmix(9), fmix(12_345));
        let mut t = Trainer::new();
        // Feature 7 is updated for 61 classes (a dense row), feature 9 for 3 (sparse).
        for c in 0..60u16 {
            t.now += 1;
            t.update(&[f7], c, c + 1);
        }
        t.now += 1;
        t.update(&[f9], 0, 1);
        t.now += 5;
        t.update(&[f9], 2, 1);
        let w = t.average(0.0);
        assert!(!w.dense.is_empty(), "the long row is dense");
        assert_eq!(w.n_features(), 2);
        // Expected: each row's (truncated) weights added by hand.
        let mut expect = vec![0f32; 64];
        for i in 0..w.keys.len() {
            let (a, b) = (w.starts[i] as usize, w.starts[i + 1] as usize);
            for (c, v) in w.classes[a..b].iter().zip(&w.values[a..b]) {
                expect[*c as usize] += f32::from_bits(v.to_bits() & !0x3ff);
            }
        }
        let mut got = vec![0f32; 64];
        w.score(&[f7, f9, absent], &mut got);
        assert_eq!(got, expect);
        assert!(got.iter().filter(|s| **s != 0.0).count() > 50);
    }
}
