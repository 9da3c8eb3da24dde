use super::*;

fn meta_of(html: &str, url: Option<&str>) -> Metadata {
    extract_metadata(&Html::parse_document(html), url)
}

#[test]
fn date_from_jsonld_beats_meta() {
    let m = meta_of(
        r#"<html><head>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2014-07-21T08:00:00Z"}</script>
        <meta property="article:published_time" content="2014-07-25">
        </head><body><p>x</p></body></html>"#,
        None,
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21T08:00:00Z"));
    assert_eq!(m.date_source.as_deref(), Some("json-ld"));
}

#[test]
fn date_from_meta() {
    let m = meta_of(
        r#"<head><meta property="article:published_time" content="2014-07-21T10:00:00+02:00"></head><body></body>"#,
        None,
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21T10:00:00+02:00"));
    assert_eq!(m.date_source.as_deref(), Some("meta"));
    let m = meta_of(
        r#"<head><meta name="sailthru.date" content="Mon, 21 Jul 2014 08:00:00 GMT"></head>"#,
        None,
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21"));
}

#[test]
fn date_from_time_element() {
    let m = meta_of(
        r#"<body><aside><time datetime="2020-01-01">old</time></aside>
        <article><header><h1>T</h1><time datetime="2014-07-21T08:00">July 21</time></header><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.date.as_deref().map(|d| &d[..10]), Some("2014-07-21"));
    assert_eq!(m.date_source.as_deref(), Some("time"));
}

#[test]
fn date_from_url() {
    let m = meta_of(
        "<body><p>no date here</p></body>",
        Some("https://news.example/2014/07/21/story"),
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21"));
    assert_eq!(m.date_source.as_deref(), Some("url"));
}

#[test]
fn date_from_text() {
    let m = meta_of(
        r#"<body><article><h1>T</h1><div class="post-date">Published July 21, 2014</div><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21"));
    assert_eq!(m.date_source.as_deref(), Some("text"));
}

#[test]
fn script_and_comment_dates_are_ignored() {
    let m = meta_of(
        r#"<head><script>var pubDate = "2014-07-21"; dataLayer.push({"datePublished":"2014-07-21"});</script>
        <!-- <meta property="article:published_time" content="2014-07-21"> -->
        </head><body><!-- built 2014-07-21 --><div class="date"><script>document.write("2014-07-21")</script></div><p>x</p></body>"#,
        None,
    );
    assert_eq!(m.date, None);
}

#[test]
fn implausible_dates_rejected() {
    let m = meta_of(
        r#"<head><meta name="date" content="1970-01-01"><meta name="pubdate" content="2999-01-01"></head>"#,
        None,
    );
    assert_eq!(m.date, None);
}

#[test]
fn url_date_wins_when_structured_is_one_day_off() {
    let m = meta_of(
        r#"<head><meta property="article:published_time" content="2014-07-22T02:00:00Z"></head>"#,
        Some("https://x.example/2014/07/21/a"),
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21"));
}

#[test]
fn title_site_suffix_stripped() {
    let m = meta_of(
        r#"<head><title>Storm hits coast | Example News</title><meta property="og:site_name" content="Example News"></head><body></body>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Storm hits coast"));
    assert_eq!(m.site_name.as_deref(), Some("Example News"));
    let m = meta_of(
        "<head><title>Example News: Storm hits coast</title></head>",
        Some("https://examplenews.com/a"),
    );
    assert_eq!(m.title.as_deref(), Some("Storm hits coast"));
    let m = meta_of(
        "<head><title>Storm hits coast - Example</title></head>",
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Storm hits coast"));
    assert_eq!(m.site_name.as_deref(), Some("Example"));
}

#[test]
fn title_by_agreement() {
    let m = meta_of(
        r#"<head><title>Best SEO title ever | Site</title>
        <meta property="og:title" content="Storm hits the coast">
        </head><body><nav><h1>Site</h1></nav><article><h1>Storm hits the coast</h1><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Storm hits the coast"));
}

#[test]
fn multiple_authors() {
    let m = meta_of(
        r#"<head><script type="application/ld+json">[{"@type":"Article","headline":"x",
        "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}]}]</script></head>"#,
        None,
    );
    assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
    let m = meta_of(
        r#"<body><article><p class="byline">By Jane Doe and John Roe</p><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
    let m = meta_of(
        r#"<head><meta name="author" content="Jane Doe"><meta property="article:author" content="https://facebook.com/jd"></head>"#,
        None,
    );
    assert_eq!(m.authors, vec!["Jane Doe"]);
}

#[test]
fn caption_and_credit() {
    let m = meta_of(
        r#"<body><article><figure><img src="a.jpg"><figcaption>Protesters march in Kyiv. <span class="credit">Jane Doe/AP</span></figcaption></figure><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.caption.as_deref(), Some("Protesters march in Kyiv."));
    assert_eq!(m.credit.as_deref(), Some("Jane Doe/AP"));
    let m = meta_of(
        r#"<body><article><figure><img src="a.jpg"><figcaption>Protesters march in Kyiv. (AP Photo/Efrem Lukatsky)</figcaption></figure></article></body>"#,
        None,
    );
    assert_eq!(m.caption.as_deref(), Some("Protesters march in Kyiv."));
    assert_eq!(m.credit.as_deref(), Some("AP Photo/Efrem Lukatsky"));
    let m = meta_of(
        r#"<body><article><figure><img src="a.jpg"><figcaption>Protesters march in Kyiv. Photo: Jane Doe/Reuters</figcaption></figure></article></body>"#,
        None,
    );
    assert_eq!(m.caption.as_deref(), Some("Protesters march in Kyiv."));
    assert_eq!(m.credit.as_deref(), Some("Jane Doe/Reuters"));
    let m = meta_of(
        r#"<body><article><figure><img src="a.jpg"><figcaption>A bridge at dawn. Image source: <span class="credits">(Credit: Getty Images)</span></figcaption></figure></article></body>"#,
        None,
    );
    assert_eq!(m.caption.as_deref(), Some("A bridge at dawn."));
    assert_eq!(m.credit.as_deref(), Some("Getty Images"));
}

#[test]
fn language_and_canonical() {
    let m = meta_of(
        r#"<html lang="en-US"><head><link rel="canonical" href="https://x.example/a"><meta property="og:url" content="/rel"></head></html>"#,
        None,
    );
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.url.as_deref(), Some("https://x.example/a"));
    let m = meta_of(
        r#"<head><meta property="og:locale" content="de_DE"><link rel="canonical" href="/a"></head>"#,
        None,
    );
    assert_eq!(m.language.as_deref(), Some("de"));
    assert_eq!(m.url, None);
}

#[test]
fn garbage_does_not_panic() {
    let huge = "a".repeat(1_000_000);
    for html in [
        String::new(),
        "<script type=application/ld+json>{\"@graph\":[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}</script>".to_string(),
        format!("<meta name=date content=\"{huge}\"><title>{huge}</title><time datetime=\"{huge}\">"),
        "<figure><figcaption>(</figcaption></figure><h1>\u{0}</h1>".to_string(),
    ] {
        let _ = meta_of(&html, Some("not a url"));
    }
}

#[test]
fn visible_headline_beats_seo_title() {
    let m = meta_of(
        r#"<head><title>Best Widgets 2025: Top 10 Picks | Shop</title>
        <meta property="og:title" content="Best Widgets 2025: Top 10 Picks"></head>
        <body><header><h1><a href="/">Shop</a></h1></header>
        <article><h1>The ten widgets we liked best</h1><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("The ten widgets we liked best"));
    // A logo h1 linking home is not the headline.
    let m = meta_of(
        r#"<head><title>Storm hits coast | Daily Planet</title></head>
        <body><header><h1><a href="/">Daily Planet News</a></h1></header><p>x</p></body>"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Storm hits coast"));
}

#[test]
fn byline_next_to_headline() {
    let m = meta_of(
        r#"<body><article><h1>Storm hits coast</h1>
        <div><span>By</span> <a href="/a/jd">Jane Doe</a></div>
        <div class="x">Published 21/07/2014</div><p>Text.</p></article></body>"#,
        None,
    );
    assert_eq!(m.authors, vec!["Jane Doe"]);
    assert_eq!(m.date.as_deref(), Some("2014-07-21"));
    assert_eq!(m.date_source.as_deref(), Some("text"));
}

#[test]
fn numeric_dates_follow_page_locale() {
    let page = |lang: &str| {
        format!(
            r#"<html lang="{lang}"><body><article><h1>Storm hits coast</h1><p class="date">06/03/2014</p><p>x</p></article></body></html>"#
        )
    };
    assert_eq!(
        meta_of(&page("en-US"), None).date.as_deref(),
        Some("2014-06-03")
    );
    assert_eq!(
        meta_of(&page("en-GB"), None).date.as_deref(),
        Some("2014-03-06")
    );
}

#[test]
fn publisher_as_author_only_as_fallback() {
    let html = r#"<head><meta property="og:site_name" content="Daily Planet">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm hits coast",
        "author":{"@type":"Organization","name":"Daily Planet"}}</script></head>
        <body><article><h1>Storm hits coast</h1><p class="byline">By Lois Lane</p><p>x</p></article></body>"#;
    assert_eq!(meta_of(html, None).authors, vec!["Lois Lane"]);
    let html = html.replace("By Lois Lane", "");
    assert_eq!(meta_of(&html, None).authors, vec!["Daily Planet"]);
}

#[test]
fn published_beats_updated_label() {
    let m = meta_of(
        r#"<body><article><h1>Storm hits coast</h1><p>Updated: Jan 5, 2015</p><p>Published: July 21, 2014</p><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(m.date.as_deref(), Some("2014-07-21"));
}

proptest::proptest! {
    #[test]
    fn arbitrary_markup_never_panics(s in "(<[a-z]{1,6}( [a-z]{1,5}=\"[^\"]{0,20}\")?>|</[a-z]{1,6}>|[^<]{0,20}){0,30}") {
        let _ = meta_of(&s, Some("https://x.example/2014/07/21/a"));
    }
}

#[test]
fn section_banner_h1_loses_to_declared_title() {
    let m = meta_of(
        r#"<head><title>Babies who eat peanuts early may avoid allergy</title>
        <meta property="og:title" content="Babies who eat peanuts early may avoid allergy"></head>
        <body><div class="banner"><h1>Allergies Health Center</h1></div>
        <article><h2>Babies who eat peanuts early may avoid allergy</h2><p>x</p></article></body>"#,
        None,
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Babies who eat peanuts early may avoid allergy")
    );
}
