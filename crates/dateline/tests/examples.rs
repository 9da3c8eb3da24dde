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
    assert_eq!(lines.len(), 3, "one record per example page");
    for l in &lines {
        assert!(l["id"].as_str().unwrap().contains("examples"));
        assert!(l["sha256"].as_str().unwrap().len() == 64);
    }
}

/// `dateline code examples/` (the README's one-pass command). The wire story written for it
/// codes into the events its sentences state — and none for the negated one.
#[test]
fn code_on_the_examples_gives_the_stated_events() {
    let p = common::repo_root().join("examples");
    let out = common::dateline(&[
        "code",
        p.to_str().unwrap(),
        "--format",
        "jsonl",
        "--date",
        "2014-07-22",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    let truce = docs
        .iter()
        .find(|d| {
            d["id"]
                .as_str()
                .unwrap_or_default()
                .ends_with("truce-talks.txt")
        })
        .expect("the truce story is coded");
    let events: Vec<(String, String, String, String)> = truce["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"]["code"].as_str().unwrap_or_default().to_string(),
                e["target"]["code"].as_str().unwrap_or_default().to_string(),
                e["cameo"].as_str().unwrap_or_default().to_string(),
                e["trigger"]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    let has = |src: &str, tgt: &str, code: &str| {
        events
            .iter()
            .any(|(s, t, c, _)| s.starts_with(src) && t.starts_with(tgt) && c.starts_with(code))
    };
    for (src, tgt, code) in [
        ("EGYGOV", "JOR", "04"), // Egypt's foreign minister met his Jordanian counterpart
        ("ISRMIL", "PSE", "19"), // Israeli troops fired shells into the Gaza Strip
        ("PSE", "ISR", "19"),    // rockets were launched by Hamas into southern Israel
        ("TUR", "ISR", "11"),    // Turkey and Qatar criticized the Israeli offensive
        ("QAT", "ISR", "11"),
        ("USAGOV", "EGY", "036"), // is expected to meet: intent
        ("SAU", "PSE", "03"),     // pledged aid
        ("RUSGOV", "USA", "112"), // Putin accused Washington
    ] {
        assert!(
            has(src, tgt, code),
            "missing {src} {tgt} {code} in {events:?}"
        );
    }
    // "Jordan did not send troops to the border": negated, no event.
    assert!(
        !events
            .iter()
            .any(|(s, _, _, trig)| s.starts_with("JOR") && trig == "send"),
        "{events:?}"
    );
    // The dateline "CAIRO (Dateline Wire) —" is where the story was filed, not an actor.
    assert!(
        !events
            .iter()
            .any(|(s, _, _, trig)| s == "EGY" && trig == "met"),
        "{events:?}"
    );
}

/// The README's main command: `dateline ingest examples/ --db FILE && dateline query --db
/// FILE`. The store holds the examples' events, and the query shows them — the wire story's
/// meeting in Cairo and the rockets fired into Israel among them.
#[test]
fn ingest_then_query_on_the_examples_shows_their_events() {
    let p = common::repo_root().join("examples");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("examples.db");
    let ingest = common::dateline(&["ingest", p.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let query = common::dateline(&["query", "--db", db.to_str().unwrap(), "--format", "json"]);
    assert!(
        query.status.success(),
        "{}",
        String::from_utf8_lossy(&query.stderr)
    );
    let v: Value = serde_json::from_slice(&query.stdout).expect("query --format json");
    let events = v
        .as_array()
        .or_else(|| v["events"].as_array())
        .expect("a list of events");
    let has = |source: &str, target: &str, code: &str| {
        events.iter().any(|e| {
            e["source_code"]
                .as_str()
                .unwrap_or_default()
                .starts_with(source)
                && e["target_code"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with(target)
                && e["cameo"].as_str().unwrap_or_default().starts_with(code)
        })
    };
    assert!(has("EGY", "JOR", "04"), "{v}");
    assert!(has("PSEREBHMS", "ISR", "19"), "{v}");
    // The table (what the README shows) lists the same events.
    let table = common::dateline(&["query", "--db", db.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("EGYGOV") && text.contains("PSEREBHMS"),
        "{text}"
    );
}
