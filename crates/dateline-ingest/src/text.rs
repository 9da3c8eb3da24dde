//! Scraped plain text → [`Article`]: page leftovers dropped line by line, title, caption,
//! credit and date recovered, glued sentence boundaries repaired.

use dateline_core::{Article, BlockKind};

/// Extract an article from scraped plain text.
pub fn extract(text: &str) -> Article {
    // Placeholder: every non-empty line is a paragraph. Replaced by the real cleaner.
    let mut a = Article::default();
    a.set_blocks(
        text.lines()
            .map(|l| (BlockKind::Paragraph, l.trim().to_string())),
    );
    a.language = detect_language(&a.body);
    a
}

/// ISO 639-1 code of the text's language, when it can be told with confidence.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(2000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(info.lang().code().to_string()).map(|c| iso639_3_to_1(&c).unwrap_or(c))
}

fn iso639_3_to_1(code: &str) -> Option<String> {
    let two = match code {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "rus" => "ru",
        "ara" => "ar",
        "jpn" => "ja",
        "kor" => "ko",
        "cmn" => "zh",
        "nld" => "nl",
        "tur" => "tr",
        "pol" => "pl",
        "ukr" => "uk",
        "heb" => "he",
        "ind" => "id",
        "swe" => "sv",
        "fas" | "pes" => "fa",
        "hin" => "hi",
        "urd" => "ur",
        _ => return None,
    };
    Some(two.to_string())
}
