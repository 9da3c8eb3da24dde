//! End-to-end: `dateline extract` on folders mixing good and bad inputs. Every input is
//! generated here (nothing big is committed); the 200 MB file is sparse.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use serde_json::Value;

fn article(topic: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{topic}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{topic}</h1>\
         <p>Police in the capital said on Tuesday that at least twelve people were detained after \
         protesters marched on the parliament building to oppose a proposed increase in fuel prices, \
         blocking traffic on the main avenue for several hours.</p>\
         <p>The interior minister told reporters that the government would meet union leaders on \
         Thursday and promised that the security forces would show restraint during further \
         demonstrations planned for the weekend.</p></article>\
         <footer>Copyright 2024</footer></body></html>"
    )
}

const TEXT: &str = "The central bank raised its main interest rate by half a point on Thursday, \
    the third increase this year, saying inflation remained far above its target and that \
    further tightening could not be ruled out before the end of the summer, officials said.";

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_record(rtype: &str, id: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: {id}\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn warc_response(id: &str, url: &str, body: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
    warc_record(
        "response",
        id,
        &format!("WARC-Target-URI: {url}\r\nContent-Type: application/http;msgtype=response\r\n"),
        block.as_bytes(),
    )
}

fn dateline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .expect("run dateline")
}

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn w(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

#[test]
fn mixed_folder_good_articles_out_failures_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    // good
    w(&d, "a-page.html", article("Fuel protest"));
    w(&d, "b-text.txt", TEXT);
    w(&d, "c/zipped.html.gz", gz(article("Zipped").as_bytes()));
    w(
        &d,
        "d-feed.jsonl",
        format!(
            "{}\n{{ this is not json\n{}\n{}\n",
            serde_json::json!({"id": "feed-1", "url": "https://news.example/1", "date": "2024-03-05", "html": article("Feed one")}),
            serde_json::json!({"id": 7, "text": TEXT}),
            serde_json::json!({"id": "feed-short", "text": "Too short."}),
        ),
    );
    let mut warc = warc_record("warcinfo", "<urn:uuid:info>", "", b"software: test\r\n");
    warc.extend(warc_response(
        "<urn:uuid:good-1>",
        "https://news.example/w1",
        &article("Warc one"),
    ));
    warc.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nthis line is broken\r\n\r\nHTTP/1.1 200 OK\r\n\r\nlost\r\n\r\n");
    warc.extend(warc_response(
        "<urn:uuid:good-2>",
        "https://news.example/w2",
        &article("Warc two"),
    ));
    w(&d, "e-crawl.warc.gz", gz(&warc));
    // bad
    w(&d, "f-empty.html", "");
    w(&d, "g-binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    w(&d, "h-corrupt.txt.gz", b"\x1f\x8b\x08\0garbage garbage");
    w(
        &d,
        "i-nav-only.html",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    );
    // skipped silently
    w(&d, "notes.md", TEXT);
    w(&d, "photo.jpg", b"\xff\xd8\xff\xe0");

    let errors = tmp.path().join("errors.jsonl");
    let out = dateline(&[
        "extract",
        "--format",
        "jsonl",
        "--errors",
        errors.to_str().unwrap(),
        d.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}\n{stderr}", out.status);

    let records = jsonl(&out.stdout);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expect_tail = ["feed-1", "7", "<urn:uuid:good-1>", "<urn:uuid:good-2>"];
    assert_eq!(ids.len(), 7, "{ids:?}\n{stderr}");
    assert!(ids[0].ends_with("a-page.html"));
    assert!(ids[1].ends_with("b-text.txt"));
    assert!(ids[2].ends_with("zipped.html.gz"));
    assert_eq!(ids[3..], expect_tail);
    assert_eq!(records[3]["article"]["date"], "2024-03-05");
    assert_eq!(records[5]["source"]["url"], "https://news.example/w1");
    assert!(records[0]["article"]["body"]
        .as_str()
        .unwrap()
        .contains("twelve people"));

    let logged: Vec<Value> = jsonl(&fs::read(&errors).unwrap());
    let mut kinds: Vec<(String, String)> = logged
        .iter()
        .map(|e| {
            let input = e["input"].as_str().unwrap();
            let short = input.rsplit('/').next().unwrap().to_string();
            (short, e["kind"].as_str().unwrap().to_string())
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("d-feed.jsonl:2".to_string(), "bad_jsonl".to_string()),
            ("d-feed.jsonl:4".to_string(), "no_article".to_string()),
            (
                "e-crawl.warc.gz#record-3".to_string(),
                "bad_warc".to_string()
            ),
            ("f-empty.html".to_string(), "empty".to_string()),
            ("g-binary.txt".to_string(), "binary".to_string()),
            ("h-corrupt.txt.gz".to_string(), "compression".to_string()),
            ("i-nav-only.html".to_string(), "no_article".to_string()),
        ],
        "{stderr}"
    );
    // each failure is on stderr as `dateline: INPUT: KIND: MESSAGE`
    for e in &logged {
        let line = format!(
            "dateline: {}: {}: ",
            e["input"].as_str().unwrap(),
            e["kind"].as_str().unwrap()
        );
        assert!(stderr.contains(&line), "missing {line:?} in\n{stderr}");
    }
    assert!(stderr.contains("d-feed.jsonl:4: no_article: "), "{stderr}");
    assert!(stderr.contains("(id feed-short)"), "{stderr}");
    assert!(!stderr.contains("notes.md") && !stderr.contains("photo.jpg"));
    assert!(stderr.contains("7 articles"), "{stderr}");
}

#[test]
fn all_bad_input_exits_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    w(d, "empty.txt", "   \n");
    w(d, "bin.html", b"\x7fELF\x02\x01\x01\0\0\0");
    let missing = d.join("missing.html");
    let out = dateline(&[
        "extract",
        d.join("empty.txt").to_str().unwrap(),
        d.join("bin.html").to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("empty.txt: empty: "), "{stderr}");
    assert!(stderr.contains("bin.html: binary: "), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: io: ", missing.display())),
        "{stderr}"
    );
}

#[test]
fn sparse_200mb_file_is_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("huge.html");
    fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let good = tmp.path().join("good.txt");
    fs::write(&good, TEXT).unwrap();
    let t = Instant::now();
    let out = dateline(&[
        "extract",
        "--format",
        "jsonl",
        big.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert!(t.elapsed() < Duration::from_secs(10));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("huge.html: too_large: 209715200 bytes"),
        "{stderr}"
    );
    assert_eq!(jsonl(&out.stdout).len(), 1);
}

#[test]
fn stdin_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&gz(article("Piped").as_bytes()))
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let recs = jsonl(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "-");
}

#[test]
fn ten_thousand_small_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for i in 0..10_000 {
        let sub = d.join(format!("{:02}", i % 50));
        if i < 50 {
            fs::create_dir(&sub).unwrap();
        }
        fs::write(
            sub.join(format!("{i:05}.txt")),
            format!("Story {i}. {TEXT}"),
        )
        .unwrap();
    }
    let out = dateline(&["extract", "--format", "jsonl", d.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let n = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(n, 10_000, "{stderr}");
    assert!(
        stderr.contains("10000 documents read, 10000 articles, 0 failed"),
        "{stderr}"
    );
}
