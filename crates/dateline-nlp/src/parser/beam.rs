//! Beam search over the arc-hybrid system, and its global training with max-violation
//! updates (Huang, Fayong & Guo 2012) against a static oracle sequence.
//!
//! Decoding keeps the `k` best configurations by the sum of their transition scores; every
//! configuration takes exactly `2n` transitions, so the items of one beam are always
//! comparable and the best final item is a tree (the system guarantees it for any valid
//! action sequence). Training runs the same beam and the gold sequence side by side and
//! updates at the step where the best item outscores the gold prefix by the largest margin
//! while the gold prefix is out of the beam (or at the end, if the best tree is wrong).

use super::{trans_features, State, Table, Toks, TrainTable, LEFT, N_ACT, RIGHT, SHIFT};

/// One beam item: a configuration and its summed score.
#[derive(Clone)]
struct Item {
    st: State,
    score: i64,
}

impl State {
    /// Copy `other` into `self`, reusing `self`'s buffers.
    fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.stack.clone_from(&other.stack);
        self.b0 = other.b0;
        self.heads.clone_from(&other.heads);
        self.l1.clone_from(&other.l1);
        self.l2.clone_from(&other.l2);
        self.r1.clone_from(&other.r1);
        self.r2.clone_from(&other.r2);
        self.nl.clone_from(&other.nl);
        self.nr.clone_from(&other.nr);
    }
}

/// A candidate expansion: parent item, action, total score.
#[derive(Clone, Copy)]
struct Cand {
    score: i64,
    parent: u32,
    action: u8,
}

/// Order candidates best first; ties go to the earlier parent, then to the lower action,
/// so decoding is deterministic.
fn sort_cands(c: &mut [Cand]) {
    c.sort_unstable_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.parent.cmp(&b.parent))
            .then(a.action.cmp(&b.action))
    });
}

/// Beam-decode the heads of `t` with the run-time table (ROOT = `n`).
pub(super) fn decode(table: &Table, t: &Toks, k: usize) -> Vec<u32> {
    let k = k.max(1);
    let n = t.n;
    let mut cur: Vec<Item> = vec![Item {
        st: State::new(n),
        score: 0,
    }];
    let mut next: Vec<Item> = Vec::with_capacity(k);
    let mut feats = Vec::with_capacity(super::N_TRANS_FEATS);
    let mut sc = [0i32; N_ACT];
    let mut cands: Vec<Cand> = Vec::with_capacity(k * N_ACT);
    for _ in 0..2 * n {
        cands.clear();
        for (i, it) in cur.iter().enumerate() {
            trans_features(t, &it.st, &mut feats);
            table.scores(&feats, &mut sc);
            for (a, &s) in sc.iter().enumerate() {
                if it.st.valid(a) {
                    cands.push(Cand {
                        score: it.score + i64::from(s),
                        parent: i as u32,
                        action: a as u8,
                    });
                }
            }
        }
        if cands.is_empty() {
            break; // unreachable: every non-terminal state has a valid action
        }
        sort_cands(&mut cands);
        cands.truncate(k);
        // reuse the buffers of `next`
        while next.len() < cands.len() {
            next.push(Item {
                st: State::new(n),
                score: 0,
            });
        }
        next.truncate(cands.len());
        for (slot, c) in next.iter_mut().zip(&cands) {
            slot.st.copy_from(&cur[c.parent as usize].st);
            slot.st.apply(c.action as usize);
            slot.score = c.score;
        }
        std::mem::swap(&mut cur, &mut next);
    }
    cur.swap_remove(0).st.heads
}

/// The static oracle: at each step the first zero-cost (minimum-cost, for non-projective
/// trees) action in the order LEFT, RIGHT, SHIFT — reduce as early as possible.
pub(super) fn oracle_sequence(n: usize, g: &[u32]) -> Vec<u8> {
    let mut st = State::new(n);
    let mut seq = Vec::with_capacity(2 * n);
    while !st.terminal() {
        let c = st.costs(g);
        let min = c.iter().copied().min().unwrap_or(0);
        let Some(a) = [LEFT, RIGHT, SHIFT]
            .into_iter()
            .find(|&a| c[a] == min && st.valid(a))
        else {
            break;
        };
        seq.push(a as u8);
        st.apply(a);
    }
    seq
}

/// Training-time beam item: also its action history and whether it is the gold prefix.
#[derive(Clone)]
struct TItem {
    st: State,
    score: i64,
    hist: Vec<u8>,
    gold: bool,
}

/// One max-violation update on sentence `t` with gold sequence `gold` (from
/// [`oracle_sequence`]). `c` is the averaging clock. Returns whether the weights changed.
pub(super) fn train_sentence(
    tt: &mut TrainTable,
    t: &Toks,
    gold: &[u8],
    k: usize,
    c: i64,
    feats: &mut Vec<u64>,
) -> bool {
    let k = k.max(1);
    let n = t.n;
    let mut cur: Vec<TItem> = vec![TItem {
        st: State::new(n),
        score: 0,
        hist: Vec::new(),
        gold: true,
    }];
    let mut gold_st = State::new(n);
    let mut gold_score: i64 = 0;
    let mut sc = [0i64; N_ACT];
    let mut cands: Vec<Cand> = Vec::with_capacity(k * N_ACT);
    // (violation, step count, predicted history)
    let mut worst: Option<(i64, usize, Vec<u8>)> = None;
    for (step, &ga) in gold.iter().enumerate() {
        cands.clear();
        for (i, it) in cur.iter().enumerate() {
            trans_features(t, &it.st, feats);
            tt.scores(feats, &mut sc);
            for (a, &s) in sc.iter().enumerate() {
                if it.st.valid(a) {
                    cands.push(Cand {
                        score: it.score + s,
                        parent: i as u32,
                        action: a as u8,
                    });
                }
            }
        }
        trans_features(t, &gold_st, feats);
        tt.scores(feats, &mut sc);
        gold_score += sc[ga as usize];
        gold_st.apply(ga as usize);
        if cands.is_empty() {
            break;
        }
        sort_cands(&mut cands);
        cands.truncate(k);
        let mut next = Vec::with_capacity(cands.len());
        for c in &cands {
            let p = &cur[c.parent as usize];
            let mut st = p.st.clone();
            st.apply(c.action as usize);
            let mut hist = p.hist.clone();
            hist.push(c.action);
            next.push(TItem {
                st,
                score: c.score,
                gold: p.gold && c.action == ga,
                hist,
            });
        }
        cur = next;
        let last = step + 1 == gold.len();
        let gold_in = cur.iter().any(|it| it.gold);
        if !gold_in || (last && !cur[0].gold) {
            let v = cur[0].score - gold_score;
            if worst.as_ref().is_none_or(|(w, _, _)| v >= *w) {
                worst = Some((v, step + 1, cur[0].hist.clone()));
            }
        }
    }
    let Some((_, len, pred)) = worst else {
        return false;
    };
    // + gold prefix, − predicted prefix, step by step (shared steps cancel out)
    let mut gs = State::new(n);
    let mut ps = State::new(n);
    let mut diverged = false;
    let mut fg = Vec::with_capacity(super::N_TRANS_FEATS);
    for i in 0..len {
        let (ga, pa) = (gold[i] as usize, pred[i] as usize);
        if !diverged && ga == pa {
            gs.apply(ga);
            ps.apply(pa);
            continue;
        }
        diverged = true;
        trans_features(t, &gs, &mut fg);
        trans_features(t, &ps, feats);
        tt.add(&fg, ga, 1, c);
        tt.add(feats, pa, -1, c);
        gs.apply(ga);
        ps.apply(pa);
    }
    diverged
}
