//! End-to-end: the bundled examples (the README's main command) come out clean.

mod common;

use serde_json::Value;

fn extract(path: &str) -> Value {
    let p = common::repo_root().join(path);
    let out = common::dateline(&["extract", p.to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v[0]["article"].clone()
}

fn body(a: &Value) -> &str {
    a["body"].as_str().unwrap_or_default()
}

#[test]
fn html_example_gives_the_article_and_its_metadata() {
    let a = extract("examples/harbour-talks.html");
    assert_eq!(
        a["title"],
        "Envoys meet in Geneva as ceasefire talks resume"
    );
    assert_eq!(a["publisher"], "The Dateline Example Herald");
    assert!(a["date"]
        .as_str()
        .unwrap_or_default()
        .starts_with("2024-03-11"));
    assert_eq!(a["authors"][0], "Maria Lopes");
    assert_eq!(a["language"], "en");
    let b = body(&a);
    assert!(
        b.starts_with("GENEVA — United Nations envoy Amina Diallo"),
        "{b}"
    );
    assert!(
        b.ends_with("did not rule out attending Thursday's session."),
        "{b}"
    );
    for kept in [
        "Pressure from neighbours",
        "Both delegations will return",
        "A ceasefire is the only way",
    ] {
        assert!(b.contains(kept), "body lost {kept:?}");
    }
    for junk in [
        "cookies",
        "Skip to main content",
        "Share on Facebook",
        "Advertisement",
        "Related stories",
        "Sign up",
        "Great reporting",
        "All rights reserved",
        "Politics",
    ] {
        assert!(!b.contains(junk), "body kept {junk:?}:\n{b}");
    }
    let kinds: Vec<&str> = a["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|blk| blk["kind"].as_str().unwrap())
        .collect();
    for k in ["paragraph", "heading", "list_item", "block_quote"] {
        assert!(kinds.contains(&k), "no {k} block in {kinds:?}");
    }
}

#[test]
fn text_example_gives_the_article_and_its_metadata() {
    let a = extract("examples/border-clashes.txt");
    assert_eq!(
        a["title"],
        "Border clashes displace thousands as talks stall"
    );
    assert_eq!(a["publisher"], "The Dateline Example Tribune");
    assert_eq!(a["date"], "2024-10-08");
    assert_eq!(a["credit"], "Peter Olsen/Example Wire");
    let b = body(&a);
    assert!(b.starts_with("Fighting along the northern border"), "{b}");
    assert!(b.ends_with("before the winter."), "{b}");
    for junk in [
        "Skip to main",
        "Story continues",
        "Report an error",
        "Community Guidelines",
        "Peter Olsen",
    ] {
        assert!(!b.contains(junk), "body kept {junk:?}");
    }
}

#[test]
fn folder_of_examples_gives_one_article_each() {
    let p = common::repo_root().join("examples");
    let out = common::dateline(&["extract", p.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one record per example page");
    for l in &lines {
        assert!(l["id"].as_str().unwrap().contains("examples"));
        assert!(l["sha256"].as_str().unwrap().len() == 64);
    }
}
