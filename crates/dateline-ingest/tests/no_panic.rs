//! Property tests: no input makes extraction panic. Inputs are arbitrary strings and
//! arbitrary mixes of HTML fragments (unclosed tags, stray closers, entities, deep nesting).

use dateline_core::{Content, Document, Source};
use proptest::prelude::*;

fn doc(text: String, content: Content) -> Document {
    Document {
        id: "prop".into(),
        source: Source::default(),
        sha256: String::new(),
        charset: "UTF-8".into(),
        content,
        date_hint: None,
        text,
    }
}

fn html_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"article-body\">".to_string()),
        Just("</div>".to_string()),
        Just("<article>".to_string()),
        Just("<nav><a href=x>Home</a>".to_string()),
        Just("<script>var d='2014-01-01';".to_string()),
        Just("<!-- 2012-03-04".to_string()),
        Just("<meta property=\"article:published_time\" content=\"".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
                .to_string()
        ),
        Just("<time datetime=\"".to_string()),
        Just("<h1>".to_string()),
        Just("<li>".to_string()),
        Just("<br>".to_string()),
        Just("&amp;&#x0;&#99999999;&bogus;".to_string()),
        "[ -~]{0,40}",
        "\\PC{0,30}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn html_extraction_never_panics(html in html_soup()) {
        let article = dateline_ingest::html::extract(&html, Some("https://example.org/2014/07/21/x"));
        for b in &article.blocks {
            prop_assert_eq!(&article.body[b.start..b.end], b.text.as_str());
        }
        let _ = dateline_ingest::extract(&doc(html, Content::Html));
    }

    #[test]
    fn text_extraction_never_panics(text in "\\PC{0,400}") {
        let article = dateline_ingest::text::extract(&text);
        for b in &article.blocks {
            prop_assert_eq!(&article.body[b.start..b.end], b.text.as_str());
        }
        let _ = dateline_ingest::extract(&doc(text, Content::Text));
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600), html in any::<bool>()) {
        let (text, name) = dateline_ingest::charset::decode(&bytes, None, html);
        prop_assert!(!name.is_empty());
        prop_assert!(text.len() <= bytes.len() * 3 + 3);
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,40}") {
        if let Some(d) = dateline_ingest::dates::parse_date(&s) {
            prop_assert!(d.len() >= 10);
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 12);
    for _ in 0..depth {
        html.push_str("<div><span>");
    }
    html.push_str("<p>Deep text that is long enough to be something of an article body here.</p>");
    // Run on a thread with a modest stack, as rayon workers have.
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || dateline_ingest::html::extract(&html, None))
        .unwrap();
    assert!(
        handle.join().is_ok(),
        "extraction of a deeply nested page panicked"
    );
}
