//! Glued sentence boundaries: scrapers that drop the markup between two paragraphs (or
//! between a paragraph and an inline element) leave "Hamas and Israel.Voicing fresh
//! concern". A sentence splitter cannot see a boundary there, so we put the space back.
//!
//! The rule is deliberately narrow, because a wrong space breaks a token that was fine:
//!
//! * the punctuation is `.`, `?` or `!`, optionally followed by closing quotes
//!   (`.”Next`, `."Next` when the straight quote closes an open one);
//! * on the right: an optional opening quote, then an uppercase letter followed by a
//!   lowercase letter — the shape of a sentence's first word ("Voicing", not "PDF", "com");
//! * on the left of a `.`: a run of at least two lowercase letters ("Israel", not the "S" of
//!   "U.S." nor the "g" of "e.g." nor the "D" of "Ph.D."), or a number of at least two digits
//!   ("in 2014.The"; never "2.5"), or a closing quote/bracket/percent sign after a word;
//! * never inside URLs, e-mail addresses or domain-like tokens: the token is skipped when it
//!   holds `://`, `@` or starts with `www.`, or when the right-hand word is a generic TLD or
//!   a file extension ("Example.Com", "report.Pdf").
//!
//! `?` and `!` are not abbreviation marks, so any word character on the left will do.

/// Right-hand words after which a dot is a domain or file-name dot, not a boundary.
const NOT_A_SENTENCE: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "mil", "info", "biz", "html", "htm", "php", "asp",
    "aspx", "pdf", "jpg", "jpeg", "png", "gif", "doc", "docx", "xls", "xlsx", "txt", "csv",
];

/// How far back (in chars) we look for the left-hand word; bounds the work per dot.
const LOOKBACK: usize = 64;

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '»')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '«')
}

/// Insert the missing space at glued sentence boundaries. Text that has no glued boundary
/// comes back unchanged.
pub fn repair(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    // Number of straight double quotes seen so far: odd means one is open.
    let mut straight_quotes = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        if c == '"' {
            straight_quotes += 1;
        }
        if matches!(c, '.' | '?' | '!') {
            // Closing quotes that belong to the left sentence.
            let mut j = i + 1;
            let mut quote_open = straight_quotes % 2 == 1;
            while j < chars.len() {
                let q = chars[j];
                if is_closing_quote(q) || (q == '"' && quote_open) {
                    if q == '"' {
                        quote_open = false;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            if glued_at(&chars, i, j) {
                for &q in &chars[i + 1..j] {
                    out.push(q);
                    if q == '"' {
                        straight_quotes += 1;
                    }
                }
                out.push(' ');
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Is there a glued boundary with the punctuation at `p` and the next sentence at `r`?
fn glued_at(chars: &[char], p: usize, r: usize) -> bool {
    // Right side: optional opening quote, then Upper + lower.
    let mut k = r;
    if k < chars.len() && (is_opening_quote(chars[k]) || chars[k] == '"') {
        k += 1;
    }
    let (Some(&first), Some(&second)) = (chars.get(k), chars.get(k + 1)) else {
        return false;
    };
    if !(first.is_uppercase() && second.is_lowercase()) {
        return false;
    }
    let right_word: String = chars[k..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    if NOT_A_SENTENCE.contains(&right_word.as_str()) {
        return false;
    }
    // The whitespace-delimited token on the left.
    let start = p.saturating_sub(LOOKBACK);
    let mut tok_start = p;
    while tok_start > start && !chars[tok_start - 1].is_whitespace() {
        tok_start -= 1;
    }
    let end = (p + LOOKBACK).min(chars.len());
    let mut tok_end = p;
    while tok_end < end && !chars[tok_end].is_whitespace() {
        tok_end += 1;
    }
    let token: String = chars[tok_start..tok_end].iter().collect();
    if token.contains("://") || token.contains('@') || token.to_lowercase().starts_with("www.") {
        return false;
    }
    let Some(&left) = chars.get(p.wrapping_sub(1)).filter(|_| p > 0) else {
        return false;
    };
    if chars[p] != '.' {
        return left.is_alphanumeric()
            || matches!(left, ')' | '%' | '"' | '\'')
            || is_closing_quote(left);
    }
    if left.is_lowercase() {
        let run = chars[tok_start..p]
            .iter()
            .rev()
            .take_while(|c| c.is_lowercase())
            .count();
        return run >= 2;
    }
    if left.is_ascii_digit() {
        let run = chars[tok_start..p]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let before = p - run;
        let sep_before = before > tok_start && matches!(chars[before - 1], '.' | ',');
        return run >= 2 && !sep_before;
    }
    if matches!(left, ')' | '%' | '"' | '\'') || is_closing_quote(left) {
        return p >= 2 && chars[p - 2].is_alphanumeric();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn repairs_glued_boundaries() {
        let cases = [
            (
                "Hamas and Israel.Voicing fresh",
                "Hamas and Israel. Voicing fresh",
            ),
            ("he said.”Next came", "he said.” Next came"),
            ("\"We will go.\"Next came", "\"We will go.\" Next came"),
            ("the end.\"We will", "the end. \"We will"),
            ("the end.“We will", "the end. “We will"),
            ("Is it over?Nobody knows", "Is it over? Nobody knows"),
            ("It is over!Nobody cares", "It is over! Nobody cares"),
            (
                "was founded in 2014.The group",
                "was founded in 2014. The group",
            ),
            ("rose by 5%.Analysts said", "rose by 5%. Analysts said"),
            ("the “mission”.Next day", "the “mission”. Next day"),
        ];
        for (input, want) in cases {
            assert_eq!(repair(input), want, "input: {input}");
        }
    }

    #[test]
    fn leaves_non_boundaries_alone() {
        let cases = [
            "the U.S. and the U.N. said",
            "U.S.-led talks",
            "the U.N.Security Council",
            "e.g. this and i.e. that",
            "see e.g.The book",
            "a rate of 2.5 per cent",
            "cost 1,000.50 dollars",
            "read theglobeandmail.com today",
            "visit www.example.com/Path now",
            "visit www.Example.Com now",
            "go to https://news.example.org/World/Story",
            "mail jane.Doe@example.com",
            "open report.PDF now",
            "open report.Pdf now",
            "Ph.D. student and Ph.D.Student",
            "Washington.Com is a domain",
            "version 1.2.Beta",
            "No.Two",
            "a. B",
            "Mr.Smith arrived",
            "",
            ".",
            "?!",
            "x.Y",
        ];
        for input in cases {
            assert_eq!(repair(input), input, "input: {input}");
        }
    }
}
