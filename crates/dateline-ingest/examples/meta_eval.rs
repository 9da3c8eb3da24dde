//! Evaluation harness for the metadata reader: prints one JSON line per page with the
//! fields `extract_metadata` found, without the body extractor in the way.
//!
//! `cargo run --release -p dateline-ingest --example meta_eval -- [--url] FILE...`
//! FILE may be `.html` or `.html.gz`. With `--url`, a WCXB page's URL is read from its
//! `../ground-truth/<id>.json` (as a crawl record would carry it).

use std::io::Read;
use std::time::Instant;

use dateline_ingest::html::meta::extract_metadata;

fn main() {
    let mut with_url = false;
    let mut total = std::time::Duration::ZERO;
    let mut n = 0u32;
    // Warm up: compile the lazily built regexes once, as a long-running batch would.
    let warm = scraper::Html::parse_document(
        "<html lang=en><title>a | b</title><h1>a</h1><p class=byline>By A B</p><time>July 1, 2020</time><figure><figcaption>c (AP Photo/X)</figcaption></figure>",
    );
    let _ = extract_metadata(&warm, Some("https://x.example/2020/07/01/a"));
    for arg in std::env::args().skip(1) {
        if arg == "--url" {
            with_url = true;
            continue;
        }
        let path = std::path::Path::new(&arg);
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("cannot read {arg}");
            continue;
        };
        let mut html = String::new();
        if arg.ends_with(".gz") {
            let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut html);
        } else {
            html = String::from_utf8_lossy(&bytes).into_owned();
        }
        let id = path
            .file_name()
            .and_then(|f| f.to_str())
            .and_then(|f| f.split('.').next())
            .unwrap_or("");
        let url = if with_url {
            path.parent()
                .and_then(|p| p.parent())
                .map(|p| p.join("ground-truth").join(format!("{id}.json")))
                .and_then(|p| std::fs::read_to_string(p).ok())
                .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
                .and_then(|v| v.get("url").and_then(|u| u.as_str()).map(str::to_string))
        } else {
            None
        };
        let dom = scraper::Html::parse_document(&html);
        let t = Instant::now();
        let m = extract_metadata(&dom, url.as_deref());
        total += t.elapsed();
        n += 1;
        let rec = serde_json::json!({
            "id": arg,
            "title": m.title,
            "authors": m.authors,
            "date": m.date,
            "date_source": m.date_source,
            "publisher": m.site_name,
            "language": m.language,
            "url": m.url,
            "caption": m.caption,
            "credit": m.credit,
        });
        println!("{rec}");
    }
    if n > 0 {
        eprintln!(
            "{n} pages, metadata step {:.3} ms/page",
            total.as_secs_f64() * 1000.0 / n as f64
        );
    }
}
