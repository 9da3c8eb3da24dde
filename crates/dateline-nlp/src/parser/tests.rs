#![allow(clippy::unwrap_used)]

use super::*;
use crate::conllu;
use proptest::prelude::*;

const TINY: &str = "\
1\tKerry\tKerry\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tflew\tfly\tVERB\tVBD\t_\t0\troot\t_\t_
3\tto\tto\tADP\tIN\t_\t4\tcase\t_\t_
4\tCairo\tCairo\tPROPN\tNNP\t_\t2\tobl\t_\t_
5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_
6\tMonday\tMonday\tPROPN\tNNP\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tarrested\tarrest\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\tpolice\tpolice\tNOUN\tNNS\t_\t4\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
4\tnorthern\tnorthern\tADJ\tJJ\t_\t5\tamod\t_\t_
5\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_
6\tthat\tthat\tPRON\tWDT\t_\t8\tnsubj\t_\t_
7\thad\thave\tAUX\tVBD\t_\t8\taux\t_\t_
8\tfallen\tfall\tVERB\tVBN\t_\t5\tacl:relcl\t_\t_
9\tyesterday\tyesterday\tNOUN\tNN\t_\t8\tobl:tmod\t_\t_
10\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn tiny_opts() -> TrainOptions {
    TrainOptions {
        epochs: 10,
        label_epochs: 10,
        trans_bits: 14,
        label_bits: 12,
        beam: 1,
        ..TrainOptions::default()
    }
}

fn tiny_parser() -> Parser {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    train(&sents, &[], &tiny_opts(), |_, _, _| {})
}

fn tiny_beam_parser(k: usize) -> Parser {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    let opts = TrainOptions {
        beam: k,
        ..tiny_opts()
    };
    train(&sents, &[], &opts, |_, _, _| {})
}

fn untrained() -> Parser {
    let opts = TrainOptions {
        epochs: 0,
        label_epochs: 0,
        trans_bits: 8,
        label_bits: 6,
        ..TrainOptions::default()
    };
    train(&[], &[], &opts, |_, _, _| {})
}

/// Every word has one head in range, exactly one word hangs from the root, no cycles.
fn assert_tree(out: &[(usize, &str)]) {
    let n = out.len();
    assert_eq!(
        out.iter().filter(|(h, _)| *h == 0).count(),
        usize::from(n > 0)
    );
    for (i, &(h, l)) in out.iter().enumerate() {
        assert!(h <= n, "head out of range");
        assert_ne!(h, i + 1, "self loop");
        assert_eq!(h == 0, l == "root", "root label iff attached to root");
        let mut x = i + 1;
        let mut steps = 0;
        while x != 0 {
            x = out[x - 1].0;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
    }
}

fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_data() -> Option<std::path::PathBuf> {
    let m = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        m.join("../../../shared/data"),
        m.join("../../../../shared/data"),
    ]
    .into_iter()
    .find(|p| p.join("ud_english_ewt/en_ewt-ud-dev.conllu").exists())
}

/// `p` parses every tiny training sentence into its gold tree, relation by relation.
fn assert_reproduces_tiny(p: &Parser) {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    for s in &sents {
        let out = p.parse_sentence(s);
        assert_tree(&out);
        for (w, (h, l)) in s.words.iter().zip(&out) {
            assert_eq!(Some(*h), w.head, "head of {}", w.form);
            assert_eq!(*l, w.deprel, "relation of {}", w.form);
        }
    }
}

#[test]
fn tiny_training_reproduces_its_trees() {
    assert_reproduces_tiny(&tiny_parser());
}

#[test]
fn training_is_deterministic() {
    assert_eq!(tiny_parser(), tiny_parser());
    let a = tiny_beam_parser(4).to_bytes().unwrap();
    assert_eq!(a, tiny_beam_parser(4).to_bytes().unwrap());
    // and the seed matters
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    let other = TrainOptions {
        beam: 4,
        seed: 7,
        ..tiny_opts()
    };
    assert_ne!(
        a,
        train(&sents, &[], &other, |_, _, _| {}).to_bytes().unwrap()
    );
}

#[test]
fn beam_training_reproduces_its_trees() {
    let p = tiny_beam_parser(4);
    assert_eq!(p.beam(), 4);
    assert_reproduces_tiny(&p);
}

#[test]
fn static_oracle_rebuilds_projective_trees() {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    for s in &sents {
        let g = gold_heads(s).unwrap();
        let n = s.words.len();
        let seq = beam::oracle_sequence(n, &g);
        assert_eq!(seq.len(), 2 * n);
        let mut st = State::new(n);
        for &a in &seq {
            assert!(st.valid(a as usize));
            st.apply(a as usize);
        }
        assert_eq!(&st.heads[..n], &g[..n]);
    }
}

#[test]
fn max_violation_update_changes_an_untrained_model_only_when_wrong() {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    let s = &sents[2];
    let t = Toks::from_sentence(s);
    let g = gold_heads(s).unwrap();
    let seq = beam::oracle_sequence(t.n, &g);
    let mut tt = TrainTable::new(12, N_ACT);
    let mut feats = Vec::new();
    // all-zero weights: ties go to SHIFT-first orders, not the gold sequence
    assert!(beam::train_sentence(&mut tt, &t, &seq, 2, 1, &mut feats));
    assert!(tt.w.iter().any(|&w| w != 0));
    // after enough updates the gold sequence wins and nothing changes any more
    let mut changed = true;
    for c in 2..200 {
        changed = beam::train_sentence(&mut tt, &t, &seq, 2, c, &mut feats);
        if !changed {
            break;
        }
    }
    assert!(!changed, "perceptron did not converge on one sentence");
}

#[test]
fn save_load_round_trip() {
    let p = tiny_parser();
    let bytes = p.to_bytes().unwrap();
    let back = Parser::from_bytes("t", &bytes).unwrap();
    assert_eq!(p, back);
    assert_eq!(back.to_bytes().unwrap(), bytes);
    let dir = tempfile_dir();
    let path = dir.join("parser.bin");
    p.save(&path).unwrap();
    assert_eq!(Parser::load(&path).unwrap(), p);
    let _ = std::fs::remove_file(&path);
    // truncated and foreign data are errors, not panics
    assert!(Parser::from_bytes("t", &bytes[..bytes.len() / 2]).is_err());
    assert!(Parser::from_bytes("t", b"DATELINEgarbage").is_err());
    let other = model::to_bytes("tagger", MODEL_VERSION, &p).unwrap();
    assert!(Parser::from_bytes("t", &other).is_err());
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dateline-parser-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn odd_inputs_do_not_panic() {
    let p = tiny_parser();
    assert!(p.parse(&[], &[], &[]).is_empty());
    assert_tree(&p.parse(&["hello"], &[], &[]));
    assert_tree(&p.parse(&["a", "b", "c"], &["X"], &["XX", "", "YY", "ZZ"]));
    assert_tree(&p.parse(&["", "é\u{301}", "🙂", "\0", "١٢٣"], &[""; 5], &[""; 5]));
    let long: Vec<&str> = (0..500)
        .map(|i| if i % 7 == 0 { "," } else { "word" })
        .collect();
    let tags: Vec<&str> = long
        .iter()
        .map(|w| if *w == "," { "PUNCT" } else { "NOUN" })
        .collect();
    assert_tree(&p.parse(&long, &tags, &tags));
}

#[test]
fn scores_strip_subtypes_and_count_punctuation() {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    let s = &sents[1];
    let mut pred: Vec<(usize, String)> = s
        .words
        .iter()
        .map(|w| (w.head.unwrap(), w.deprel.clone()))
        .collect();
    pred[1].1 = "nsubj".into(); // nsubj:pass → nsubj still counts for LAS
    pred[2].1 = "aux".into();
    pred[5].1 = "obl:tmod".into();
    pred[6].0 = 1; // punctuation counts
    let mut sc = Scores::default();
    score_sentence(s, &pred, &mut sc);
    assert_eq!(sc.words, 7);
    assert_eq!(sc.uas_correct, 6);
    assert_eq!(sc.las_correct, 6);
    let mut sc = Scores::default();
    score_sentence(s, &pred[..3], &mut sc);
    assert_eq!(sc.words, 7);
    assert_eq!(sc.uas_correct, 3);
}

#[test]
fn oracle_costs_are_zero_along_the_gold_path() {
    let sents = conllu::read(TINY.as_bytes(), "tiny").unwrap();
    for s in &sents {
        let g = gold_heads(s).unwrap();
        let n = s.words.len();
        let mut st = State::new(n);
        while !st.terminal() {
            let c = st.costs(&g);
            let a = (0..N_ACT).find(|&a| c[a] == 0).unwrap();
            st.apply(a);
        }
        assert_eq!(&st.heads[..n], &g[..n]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_input_gives_a_tree(
        words in proptest::collection::vec("[a-zA-Z0-9.,]{0,6}", 0..60),
        tags in proptest::collection::vec(
            prop_oneof![Just("NOUN"), Just("VERB"), Just("ADP"), Just("PUNCT"), Just(""), Just("??")],
            0..60,
        ),
    ) {
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let untrained = untrained();
        let out = untrained.parse(&w, &tags, &tags);
        prop_assert_eq!(out.len(), w.len());
        assert_tree(&out);
        let tiny = tiny_parser();
        let out = tiny.parse(&w, &tags, &[]);
        prop_assert_eq!(out.len(), w.len());
        assert_tree(&out);
        for k in [2, 3, 8] {
            let mut p = tiny_beam_parser(4);
            p.set_beam(k);
            let out = p.parse(&w, &tags, &tags);
            prop_assert_eq!(out.len(), w.len());
            assert_tree(&out);
            let mut u = untrained.clone();
            u.set_beam(k);
            let out = u.parse(&w, &tags, &[]);
            prop_assert_eq!(out.len(), w.len());
            assert_tree(&out);
        }
    }

    #[test]
    fn random_states_keep_the_system_invariants(actions in proptest::collection::vec(0usize..3, 0..200), n in 0usize..30) {
        // any sequence of (valid) actions ends in a tree after exactly 2n transitions
        let mut st = State::new(n);
        let mut steps = 0;
        let mut it = actions.into_iter().cycle();
        while !st.terminal() {
            let want = it.next().unwrap_or(0);
            let a = (0..N_ACT).map(|k| (want + k) % N_ACT).find(|&a| st.valid(a)).unwrap();
            st.apply(a);
            steps += 1;
            prop_assert!(steps <= 2 * n);
        }
        prop_assert_eq!(steps, 2 * n);
        prop_assert_eq!(st.heads[..n].iter().filter(|&&h| h as usize == n).count(), usize::from(n > 0));
    }
}

#[test]
fn committed_model_parses_kerry() {
    let path = repo_root().join("models/parser.bin");
    if !path.exists() {
        eprintln!("note: {} not found; skipping", path.display());
        return;
    }
    let p = Parser::load(&path).unwrap();
    let words = ["Kerry", "flew", "to", "Cairo", "on", "Monday", "."];
    let upos = ["PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"];
    let xpos = ["NNP", "VBD", "IN", "NNP", "IN", "NNP", "."];
    let out = p.parse(&words, &upos, &xpos);
    assert_tree(&out);
    let expect = [
        (2, "nsubj"),
        (0, "root"),
        (4, "case"),
        (2, "obl"),
        (6, "case"),
        (2, "obl"),
        (2, "punct"),
    ];
    for (i, (got, want)) in out.iter().zip(expect).enumerate() {
        assert_eq!(got.0, want.0, "head of {}", words[i]);
        assert_eq!(universal(got.1), want.1, "relation of {}", words[i]);
    }
}

#[test]
fn committed_model_scores_on_ewt_dev_slice() {
    let path = repo_root().join("models/parser.bin");
    let Some(data) = shared_data() else {
        eprintln!("note: shared data not found; skipping");
        return;
    };
    if !path.exists() {
        eprintln!("note: {} not found; skipping", path.display());
        return;
    }
    let p = Parser::load(&path).unwrap();
    let dev = conllu::read_file(&data.join("ud_english_ewt/en_ewt-ud-dev.conllu")).unwrap();
    let slice = &dev[..dev.len().min(400)];
    let s = evaluate(&p, slice);
    eprintln!("EWT dev[..400]: UAS {:.2} LAS {:.2}", s.uas(), s.las());
    assert!(s.words > 3000);
    assert!(s.uas() > 84.0, "UAS {:.2}", s.uas());
    assert!(s.las() > 81.0, "LAS {:.2}", s.las());
}
