//! End-to-end: the seed article, scored by the project's gold scorer.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Run `dateline COMMAND` on the seed article with `--format json` and score its output with
/// the project's gold scorer (with `scorer_args`): the command's output and the scorer's.
fn run_and_score(shared: &Path, command: &str, scorer_args: &[&str]) -> (Output, Output) {
    let seed = shared.join("seed/kerry-ceasefire-2014.txt");
    let gold = shared.join("seed/kerry-ceasefire-2014.gold.json");
    let out = common::dateline(&[command, seed.to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{command} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("seed.json");
    std::fs::write(&json, &out.stdout).unwrap();
    let score = Command::new("python3")
        .arg(shared.join("tools/score_gold.py"))
        .arg(&json)
        .arg(&gold)
        .args(scorer_args)
        .output()
        .expect("python3 runs the scorer");
    (out, score)
}

#[test]
fn seed_article_passes_every_article_check() {
    let Some(shared) = common::shared() else {
        return;
    };
    let (out, score) = run_and_score(&shared, "extract", &[]);
    let report = String::from_utf8_lossy(&score.stdout);
    let last = report.lines().last().unwrap_or_default();
    // "…: article 12/12 | events …": every article check passes.
    let checks = last
        .split("article ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|frac| frac.split_once('/'))
        .map(|(ok, all)| (ok.to_string(), all.to_string()));
    let Some((ok, all)) = checks else {
        panic!("no article score in the scorer's output:\n{report}");
    };
    assert!(
        ok == all && all.parse::<u32>().unwrap_or(0) >= 10,
        "not every article check passes:\n{report}"
    );
    let article_misses: Vec<&str> = report
        .lines()
        .filter(|l| l.trim_start().starts_with("article") && l.contains("MISS"))
        .collect();
    assert!(article_misses.is_empty(), "{report}");

    // The caption and credit are recovered, not thrown away.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let article = &v[0]["article"];
    assert!(article["caption"]
        .as_str()
        .unwrap_or_default()
        .starts_with("Secretary of State John Kerry steps out of his vehicle"));
    assert_eq!(article["credit"], "Charles Dharapak/AP");
}

/// Issue 4's bar on the seed: the coded events, scored by the project's gold scorer, reach
/// event recall 0.8 and precision 0.7 with no `must_not` event (the scorer's exit status
/// says so; its summary line is printed on failure).
#[test]
fn seed_events_meet_the_gold_bar() {
    let Some(shared) = common::shared() else {
        return;
    };
    let (out, score) = run_and_score(
        &shared,
        "code",
        &["--min-event-recall", "0.8", "--min-event-precision", "0.7"],
    );
    let report = String::from_utf8_lossy(&score.stdout);
    assert!(
        score.status.success(),
        "below the bar or a must_not event:\n{report}"
    );
    // Every event carries its evidence: the sentence, a trigger inside the article body.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let body = v[0]["article"]["body"].as_str().unwrap_or_default();
    let events = v[0]["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for e in events {
        let (start, end) = (
            e["trigger"]["start"].as_u64().unwrap() as usize,
            e["trigger"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(body.get(start..end), e["trigger"]["text"].as_str(), "{e}");
        assert!(body.contains(e["sentence"].as_str().unwrap()), "{e}");
        assert!(
            e["goldstein"].is_number() && e["quad_class"].is_number(),
            "{e}"
        );
    }
}

/// Issue 5's bar on the seed: every core toll (count recall 1.0), quotes (recall ≥ 0.85)
/// and places (recall ≥ 0.85, Cairo and Ramallah within 50 km: the scorer checks the
/// gold's coordinates) by the project's gold scorer; then, checked here, every gold quote
/// we found has the gold's speaker, and every date of the gold's `dates` section resolves as
/// written there.
#[test]
fn seed_tolls_quotes_places_and_dates_meet_the_gold_bar() {
    let Some(shared) = common::shared() else {
        return;
    };
    let (out, score) = run_and_score(
        &shared,
        "code",
        &[
            "--min-count-recall",
            "1.0",
            "--min-quote-recall",
            "0.85",
            "--min-place-recall",
            "0.85",
        ],
    );
    let report = String::from_utf8_lossy(&score.stdout);
    assert!(score.status.success(), "below the bar:\n{report}");

    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("seed/kerry-ceasefire-2014.gold.json")).unwrap(),
    )
    .unwrap();
    let quotes = v[0]["quotes"].as_array().expect("quotes");
    for g in gold["quotes"].as_array().expect("gold quotes") {
        let start = g["starts_with"].as_str().unwrap();
        let Some(q) = quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap_or_default().starts_with(start))
        else {
            continue; // a miss: counted by the scorer's recall above
        };
        let speaker = q["speaker"]["name"].as_str().unwrap_or_default();
        let surname = g["speaker"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .last()
            .unwrap();
        assert!(
            speaker
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(surname)),
            "quote {start:?}: speaker {speaker:?}, gold {:?}",
            g["speaker"]
        );
    }
    let dates = v[0]["dates"].as_array().expect("dates");
    for g in gold["dates"].as_array().expect("gold dates") {
        let text = g["text"].as_str().unwrap();
        let want = g["resolves_to"].as_str().unwrap();
        let found = dates.iter().any(|d| {
            let t = d["text"].as_str().unwrap_or_default();
            text.contains(t) && d["resolved"].as_str() == Some(want)
        });
        assert!(
            found,
            "gold date {text:?} → {want} not resolved so: {dates:?}"
        );
    }
    // Each core toll is linked to what the article says about it: a country and a date.
    for c in v[0]["counts"].as_array().expect("counts") {
        assert!(c["date"].is_string(), "{c}");
    }
}
