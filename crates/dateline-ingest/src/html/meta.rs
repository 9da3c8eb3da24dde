//! Page metadata: title, publish date, authors, site name, language, lead-image caption.

use scraper::{Html, Selector};

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub date_source: Option<String>,
    pub language: Option<String>,
    /// Canonical URL when the page declares one.
    pub url: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// Read the metadata of a parsed page.
pub fn extract_metadata(dom: &Html, _url: Option<&str>) -> Metadata {
    // Placeholder: <title> only. Replaced by the real metadata reader.
    let mut m = Metadata::default();
    if let Ok(sel) = Selector::parse("title") {
        m.title = dom
            .select(&sel)
            .next()
            .map(|t| t.text().collect::<String>().trim().to_string())
            .filter(|t| !t.is_empty());
    }
    m
}
