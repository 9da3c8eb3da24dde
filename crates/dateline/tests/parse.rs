//! End-to-end: `dateline parse` with the bundled models, checked relation by relation.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

fn parse_stdin(text: &str, args: &[&str]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("parse")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("dateline runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_short_sentence_gets_the_expected_tree() {
    let conllu = parse_stdin("Kerry flew to Cairo on Monday.", &[]);
    let rows: Vec<Vec<&str>> = conllu
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    // (form, upos, head, deprel)
    let want = [
        ("Kerry", "PROPN", "2", "nsubj"),
        ("flew", "VERB", "0", "root"),
        ("to", "ADP", "4", "case"),
        ("Cairo", "PROPN", "2", "obl"),
        ("on", "ADP", "6", "case"),
        ("Monday", "PROPN", "2", "obl"),
        (".", "PUNCT", "2", "punct"),
    ];
    assert_eq!(rows.len(), want.len(), "{conllu}");
    for (row, (form, upos, head, deprel)) in rows.iter().zip(want) {
        assert_eq!(
            (row[1], row[3], row[6], row[7]),
            (form, upos, head, deprel),
            "{conllu}"
        );
    }
    assert_eq!(rows[1][2], "fly", "lemma of flew");
}

#[test]
fn json_output_has_offsets_into_the_text_and_conllu_input_keeps_tokens() {
    let text = "Hamas fired rockets into Israel. Egypt offered a truce.";
    let json = parse_stdin(text, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sentences = v.as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    for s in sentences {
        for w in s["words"].as_array().unwrap() {
            let (a, b) = (
                w["start"].as_u64().unwrap() as usize,
                w["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[a..b], w["form"].as_str().unwrap());
        }
    }
    let input = "1\tBan\t_\t_\t_\t_\t_\t_\t_\t_\n2\tKi-moon\t_\t_\t_\t_\t_\t_\t_\t_\n3\tspoke\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let out = parse_stdin(input, &["--input-format", "conllu"]);
    let forms: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(forms, ["Ban", "Ki-moon", "spoke"]);
}

#[test]
fn entities_are_in_json_with_offsets_and_in_conllu_misc() {
    let text = "Hamas fired rockets into Israel on Monday, the Israeli army said.";
    let json = parse_stdin(text, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ents = v[0]["entities"].as_array().unwrap();
    let got: Vec<(&str, &str)> = ents
        .iter()
        .map(|e| (e["type"].as_str().unwrap(), e["text"].as_str().unwrap()))
        .collect();
    assert!(got.contains(&("PLACE", "Israel")), "{got:?}");
    for e in ents {
        let (a, b) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], e["text"].as_str().unwrap());
        let (w0, w1) = (
            e["first_word"].as_u64().unwrap() as usize,
            e["end_word"].as_u64().unwrap() as usize,
        );
        assert!(w0 < w1 && w1 <= v[0]["words"].as_array().unwrap().len());
    }
    let conllu = parse_stdin(text, &[]);
    let misc: Vec<(&str, &str)> = conllu
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[1], cols[9])
        })
        .collect();
    assert!(misc.contains(&("Israel", "NER=B-PLACE")), "{misc:?}");
    assert!(misc.contains(&("fired", "NER=O")), "{misc:?}");
    // Every I- follows a B- or I- of its type.
    for w in misc.windows(2) {
        if let Some(t) = w[1].1.strip_prefix("NER=I-") {
            assert!(w[0].1.ends_with(t) && w[0].1 != "NER=O", "{misc:?}");
        }
    }
}

#[test]
fn eval_ner_scores_a_small_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("small.iob2");
    std::fs::write(
        &gold,
        "# text = x\n1\tHamas\tB-ORG\t-\t-\n2\tfired\tO\t-\t-\n3\trockets\tO\t-\t-\n4\tinto\tO\t-\t-\n5\tIsrael\tB-LOC\t-\t-\n6\t.\tO\t-\t-\n\n\
         1\tJohn\tB-PER\t-\t-\n2\tKerry\tI-PER\t-\t-\n3\tflew\tO\t-\t-\n4\tto\tO\t-\t-\n5\tCairo\tB-LOC\t-\t-\n6\t.\tO\t-\t-\n\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["eval", "ner", "--format", "json", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sentences"], 2);
    assert_eq!(v["words"], 12);
    assert_eq!(v["all"]["gold"], 4);
    let f1 = v["all"]["f1"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&f1));
    assert!(v["all"]["correct"].as_u64().unwrap() >= 2, "{v}");
    let types: Vec<&str> = v["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    assert!(types.contains(&"PLACE"), "{types:?}");
    let text = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["eval", "ner", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("PLACE") && text.contains("tokens/s"),
        "{text}"
    );
    // A missing file is an error, not a score.
    let missing = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["eval", "ner", "--gold"])
        .arg(dir.path().join("nope.iob2"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
}
