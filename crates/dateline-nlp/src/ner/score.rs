//! Exact-span entity scores: a predicted entity counts when its start, end and type all
//! equal a gold entity's (the CoNLL convention).

use std::collections::{BTreeMap, HashSet};

use super::{EntitySpan, EntityType};

/// Counts for one type, or all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-type and overall counts over sentences of (gold, predicted) entities.
#[derive(Debug, Clone, Default)]
pub struct EntityScores {
    pub by_type: BTreeMap<EntityType, Counts>,
    pub all: Counts,
}

impl EntityScores {
    pub fn add(&mut self, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        let gold_set: HashSet<&EntitySpan> = gold.iter().collect();
        for g in gold {
            self.by_type.entry(g.kind).or_default().gold += 1;
            self.all.gold += 1;
        }
        let mut seen = HashSet::new();
        for p in predicted {
            if !seen.insert(p) {
                continue; // a duplicate prediction counts once
            }
            let c = self.by_type.entry(p.kind).or_default();
            c.predicted += 1;
            self.all.predicted += 1;
            if gold_set.contains(p) {
                c.correct += 1;
                self.all.correct += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: EntityType) -> EntitySpan {
        EntitySpan { start, end, kind }
    }

    #[test]
    fn exact_spans_and_types_only() {
        let gold = [
            span(0, 2, EntityType::Person),
            span(4, 5, EntityType::Place),
        ];
        let pred = [
            span(0, 2, EntityType::Person),       // right
            span(4, 5, EntityType::Organization), // wrong type
            span(6, 8, EntityType::Place),        // not in gold
        ];
        let mut s = EntityScores::default();
        s.add(&gold, &pred);
        assert_eq!(
            s.all,
            Counts {
                gold: 2,
                predicted: 3,
                correct: 1
            }
        );
        assert!((s.all.f1() - 0.4).abs() < 1e-9);
        assert_eq!(s.by_type[&EntityType::Place].recall(), 0.0);
        assert_eq!(s.by_type[&EntityType::Person].f1(), 1.0);
    }
}
