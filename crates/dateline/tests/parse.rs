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
