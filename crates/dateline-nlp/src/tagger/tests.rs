use super::*;
use crate::conllu;

const TINY: &str = "\
1\tKerry\tKerry\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_
2\tflew\tfly\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tto\tto\tADP\tIN\t_\t4\tcase\t_\t_
4\tCairo\tCairo\tPROPN\tNNP\tNumber=Sing\t2\tobl\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tdogs\tdog\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t_\t_
3\tbark\tbark\tVERB\tVBP\tMood=Ind|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_
4\tloudly\tloudly\tADV\tRB\t_\t3\tadvmod\t_\t_
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tShe\tshe\tPRON\tPRP\tCase=Nom|Number=Sing|Person=3|PronType=Prs\t2\tnsubj\t_\t_
2\tsaw\tsee\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\tbark\tbark\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_
5\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_
6\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t7\tdet\t_\t_
7\ttrees\ttree\tNOUN\tNNS\tNumber=Plur\t2\tobl\t_\t_
8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn tiny() -> Vec<Sentence> {
    conllu::read(TINY.as_bytes(), "tiny").unwrap()
}

fn tiny_opts() -> TrainOptions {
    TrainOptions {
        epochs: 10,
        // A second pass learns from jackknifed first-pass tags, meaningless on three
        // sentences; it is exercised by the round-trip test and the committed model.
        second_pass_epochs: 0,
        tagdict_min_count: 1000,
        ..TrainOptions::default()
    }
}

fn words(s: &Sentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

#[test]
fn tiny_training_reproduces_its_tags() {
    let sents = tiny();
    let mut epochs = Vec::new();
    let t = train(&sents, &sents, &tiny_opts(), |e, acc| epochs.push((e, acc)));
    let o = tiny_opts();
    assert_eq!(epochs.len(), o.epochs + o.second_pass_epochs);
    for s in &sents {
        let got = t.tag(&words(s));
        for (g, p) in s.words.iter().zip(&got) {
            assert_eq!(
                (g.upos.as_str(), g.xpos.as_str()),
                (p.upos.as_str(), p.xpos.as_str()),
                "{}",
                g.form
            );
            assert_eq!(g.lemma, p.lemma, "{}", g.form);
            assert_eq!(g.feats, p.feats, "{}", g.form);
        }
    }
    let sc = t.evaluate(&sents);
    assert_eq!(sc.words, 18);
    assert!((sc.upos - 1.0).abs() < 1e-9 && (sc.lemma - 1.0).abs() < 1e-9);
}

#[test]
fn training_is_deterministic_and_round_trips() {
    let sents = tiny();
    let opts = TrainOptions {
        second_pass_epochs: 3,
        ..tiny_opts()
    };
    let a = train(&sents, &[], &opts, |_, _| {});
    assert!(a.weights2.n_features() > 0);
    let b = train(&sents, &[], &opts, |_, _| {});
    let bytes = a.to_bytes().unwrap();
    assert_eq!(bytes, b.to_bytes().unwrap());
    let back = Tagger::from_bytes("mem", &bytes).unwrap();
    let probe = [
        "Kerry",
        "saw",
        "the",
        "dogs",
        "on",
        "Cairo",
        "trees",
        "unseenword",
        ".",
    ];
    assert_eq!(a.tag(&probe), back.tag(&probe));
    assert!(Tagger::from_bytes("mem", &bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn odd_input_does_not_panic() {
    let t = train(&tiny(), &[], &tiny_opts(), |_, _| {});
    assert!(t.tag::<&str>(&[]).is_empty());
    let long: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    assert_eq!(t.tag(&long).len(), 10_000);
    let odd = [
        "",
        "  ",
        "Zürich",
        "日本語",
        "🙂",
        "ǅ",
        "a\u{301}",
        "-",
        "123,456.7",
    ];
    let r = t.tag(&odd);
    assert_eq!(r.len(), odd.len());
    // An empty training set gives a tagger that still answers.
    let empty = train(&[], &[], &tiny_opts(), |_, _| {});
    assert_eq!(empty.tag(&["x"]).len(), 1);
}

fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn committed_model() -> Option<Tagger> {
    let path = repo_root().join("models/tagger.bin");
    if !path.exists() {
        eprintln!("note: {} not found; skipping", path.display());
        return None;
    }
    Some(Tagger::load(&path).unwrap())
}

#[test]
fn committed_model_tags_a_news_sentence() {
    let Some(t) = committed_model() else { return };
    let r = t.tag(&["Kerry", "flew", "to", "Cairo", "on", "Monday", "."]);
    let upos: Vec<&str> = r.iter().map(|x| x.upos.as_str()).collect();
    let xpos: Vec<&str> = r.iter().map(|x| x.xpos.as_str()).collect();
    assert_eq!(
        upos,
        ["PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"]
    );
    assert_eq!(xpos, ["NNP", "VBD", "IN", "NNP", "IN", "NNP", "."]);
    assert_eq!(r[1].lemma, "fly");
    assert_eq!(r[0].lemma, "Kerry");
}

fn ewt_dev() -> Option<Vec<Sentence>> {
    let rel = "shared/data/ud_english_ewt/en_ewt-ud-dev.conllu";
    let candidates = [
        repo_root().join("..").join(rel),
        repo_root().join("../..").join(rel),
    ];
    let Some(path) = candidates.into_iter().find(|p| p.exists()) else {
        eprintln!("note: {rel} not found beside the repository; skipping");
        return None;
    };
    if !path.exists() {
        eprintln!("note: {} not found; skipping", path.display());
        return None;
    }
    Some(conllu::read_file(&path).unwrap())
}

#[test]
fn committed_model_on_ewt_dev() {
    // About a second even in debug: the whole of EWT dev.
    let (Some(t), Some(dev)) = (committed_model(), ewt_dev()) else {
        return;
    };
    let sc = t.evaluate(&dev);
    assert!(sc.words > 25_000);
    assert!(sc.upos >= 0.95, "{sc}");
    assert!(sc.xpos >= 0.94, "{sc}");
    assert!(sc.ufeats >= 0.935, "{sc}");
    assert!(sc.lemma >= 0.965, "{sc}");
}

#[test]
fn ambiguity_classes_on_a_toy_corpus() {
    let sents = tiny();
    let t = train(&sents, &[], &tiny_opts(), |_, _| {});
    let class = |u: &str, x: &str| {
        t.classes
            .iter()
            .position(|(a, b, _)| a == u && b == x)
            .map(|c| c as u16)
    };
    let (Some(nn), Some(vbp), Some(dt), Some(nnp)) = (
        class("NOUN", "NN"),
        class("VERB", "VBP"),
        class("DET", "DT"),
        class("PROPN", "NNP"),
    ) else {
        panic!("classes missing: {:?}", t.classes);
    };
    let set = |cs: &[(u16, u32)]| -> BTreeMap<u16, u32> { cs.iter().copied().collect() };
    let hash = |cs: &[(u16, u32)]| amb_hash(&set(cs), 0.0, None);
    let infos = word_infos(&["bark", "Bark", "The", "the", "unseen"], t.amb_table());
    // "bark" is a verb in one sentence and a noun in another.
    assert_eq!(Some(infos[2].amb), hash(&[(nn, 1), (vbp, 1)]));
    assert_ne!(infos[2].amb, infos[5].amb);
    // "Bark" was never seen as written: its lowercased form's class, marked as such.
    assert_eq!(infos[3].amb, mix(infos[2].amb, AMB_LOWER));
    assert_eq!(Some(infos[4].amb), hash(&[(dt, 1)]));
    // "the" as written has the same set as "The", but they are different features.
    assert_eq!(Some(infos[5].amb), hash(&[(dt, 1)]));
    assert_eq!(infos[6].amb, AMB_UNKNOWN);

    // Leave-one-out, as training sees its own tokens.
    let mut counts: FormCounts = (BTreeMap::new(), BTreeMap::new());
    counts.0.insert("Kerry", set(&[(nnp, 1)]));
    counts.1.insert("kerry".to_string(), set(&[(nnp, 1)]));
    counts.0.insert("bark", set(&[(nn, 1), (vbp, 1)]));
    counts
        .1
        .insert("bark".to_string(), set(&[(nn, 1), (vbp, 1)]));
    counts.0.insert("The", set(&[(dt, 1)]));
    counts.0.insert("the", set(&[(dt, 3)]));
    counts.1.insert("the".to_string(), set(&[(dt, 4)]));
    // A word seen once is unknown without itself…
    assert_eq!(
        amb_from_counts(&counts, "Kerry", 0.0, Some(nnp)),
        AMB_UNKNOWN
    );
    // …an ambiguous one loses the class of the token itself when seen once with it…
    assert_eq!(
        Some(amb_from_counts(&counts, "bark", 0.0, Some(vbp))),
        hash(&[(nn, 1)])
    );
    assert_eq!(
        Some(amb_from_counts(&counts, "bark", 0.0, None)),
        hash(&[(nn, 1), (vbp, 1)])
    );
    // …and a capitalised form seen once falls back to its lowercased form's class.
    assert_eq!(
        Some(amb_from_counts(&counts, "The", 0.0, Some(dt))),
        hash(&[(dt, 1)]).map(|h| mix(h, AMB_LOWER))
    );
    // Rare classes are left out of the set with a minimum share.
    let skewed = set(&[(nn, 99), (vbp, 1)]);
    assert_eq!(amb_hash(&skewed, 0.05, None), hash(&[(nn, 1)]));
    assert_eq!(amb_hash(&skewed, 0.0, None), hash(&[(nn, 1), (vbp, 1)]));
}
