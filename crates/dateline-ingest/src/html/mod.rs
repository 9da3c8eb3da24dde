//! HTML page → [`Article`]. The page is parsed once (html5ever via `scraper`); [`meta`] reads
//! the metadata (title, date, authors, site, language, caption) and [`content`] finds the main
//! content and turns it into blocks.

pub mod content;
mod depth;
pub mod meta;

use dateline_core::Article;
use scraper::Html;

/// Extract the article from an HTML page. `url` helps with dates and site names.
pub fn extract(html: &str, url: Option<&str>) -> Article {
    let dom = Html::parse_document(&depth::limit_depth(html));
    let meta = meta::extract_metadata(&dom, url);
    let blocks = content::extract_blocks(&dom);
    let mut article = Article {
        title: meta.title,
        publisher: meta.site_name,
        authors: meta.authors,
        date: meta.date,
        date_source: meta.date_source,
        language: meta.language,
        url: meta.url.or_else(|| url.map(str::to_string)),
        caption: meta.caption,
        credit: meta.credit,
        ..Article::default()
    };
    article.set_blocks(blocks);
    if article.language.is_none() {
        article.language = crate::text::detect_language(&article.body);
    }
    article
}
