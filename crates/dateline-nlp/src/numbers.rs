//! Number reader: "more than 500", "an estimated 1,000", "two-dozen", "tens of thousands".
//!
//! # What it does
//! [`parse_quantity`] reads one phrase that is entirely a quantity and returns a
//! [`Quantity`]: a value (or a low–high range) and a [`Qualifier`] saying how the text
//! hedges it. [`find_quantities`] scans a text and returns every quantity phrase in it with
//! its byte span, preferring the longest phrase at each position ("more than 500", not "500").
//! Casualty counts in the coder use these; the qualifier names serialise in snake case
//! (`exact`, `about`, `at_least`, `more_than`, `nearly`, `up_to`, `less_than`, `range`), as
//! in the gold files.
//!
//! What it reads:
//! - digits: `1,000`, `2.5`, `1.2 million`, `$1.2 billion` (currency signs are skipped), `5m`,
//!   `3bn`, `10k`;
//! - words: `two`, `twenty-one`, `one hundred and five`, `a dozen`, `two-dozen`,
//!   `three million`, `a few hundred`;
//! - vague amounts as ranges (`hundreds` 200–999, `dozens` 24–99, `thousands` 2,000–9,999,
//!   `tens of thousands` 20,000–99,999, `hundreds of thousands`, `a handful` 3–9, `several`
//!   3–9, `a few` 2–5, `scores` 40–99);
//! - hedges: `about`/`around`/`some`/`an estimated`/`roughly` (about), `nearly`/`almost`/
//!   `close to` (nearly), `more than`/`over` (more than), `at least`/`no fewer than` (at
//!   least), `up to`/`as many as` (up to), `less than`/`fewer than`/`under` (less than);
//! - explicit ranges: `between 10 and 20`, `from 10 to 15`, `10 to 15`, `10-15`, `two or
//!   three`;
//! - zero: `no one`, `none`, `nobody`, `zero`.
//!
//! # Known limits
//! - It reads quantities, not what they count: "2014" in "in 2014" is found as 2014, and
//!   "one" in "one senior official" as 1; the caller decides from context (the tagger and the
//!   noun that follows) whether a number is a count.
//! - Fractions ("half a million"), ordinals and negative numbers are not read.
//! - The ranges given to vague words are conventions (documented above), not facts.

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::tokenize::{tokenize, Span, TokenKind};

/// How a text hedges a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    About,
    AtLeast,
    MoreThan,
    Nearly,
    UpTo,
    LessThan,
    Range,
}

/// A quantity read from text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number; for a range (or a hedged vague amount such as "more than hundreds"), its
    /// lower bound.
    pub value: f64,
    /// The upper bound of a range; `None` for a single number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
}

impl Quantity {
    pub fn exact(value: f64) -> Self {
        Self {
            value,
            high: None,
            qualifier: Qualifier::Exact,
        }
    }

    pub fn range(low: f64, high: f64) -> Self {
        Self {
            value: low,
            high: Some(high),
            qualifier: Qualifier::Range,
        }
    }
}

/// A quantity found in a text, with the byte span of its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FoundQuantity {
    pub span: Span,
    pub quantity: Quantity,
}

/// Longest phrase, in tokens, that [`find_quantities`] tries at each position.
pub const MAX_PHRASE_TOKENS: usize = 9;

/// A number read from words: a single value or a vague range.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Amount {
    Single(f64),
    Vague(f64, f64),
}

impl Amount {
    fn scale(self, factor: f64) -> Self {
        match self {
            Amount::Single(v) => Amount::Single(v * factor),
            Amount::Vague(low, high) => Amount::Vague(low * factor, high * factor),
        }
    }

    fn low(self) -> f64 {
        match self {
            Amount::Single(v) | Amount::Vague(v, _) => v,
        }
    }

    fn high(self) -> f64 {
        match self {
            Amount::Single(v) | Amount::Vague(_, v) => v,
        }
    }
}

/// Hedging prefixes and what they mean; [`parse_quantity`] takes the longest that matches.
const HEDGES: &[(&[&str], Qualifier)] = &[
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx."], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["an", "estimate", "of"], Qualifier::About),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["just", "short", "of"], Qualifier::Nearly),
    (&["more", "than"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["up", "to"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["a", "maximum", "of"], Qualifier::UpTo),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
];

static SMALL_NUMBERS: Lazy<HashMap<&'static str, f64>> = Lazy::new(|| {
    let words = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    words
        .iter()
        .enumerate()
        .map(|(value, word)| (*word, value as f64))
        .collect()
});

static TENS: Lazy<HashMap<&'static str, f64>> = Lazy::new(|| {
    [
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
    ]
    .into_iter()
    .collect()
});

fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Vague plurals and their conventional ranges.
fn vague_word(word: &str) -> Option<(f64, f64)> {
    Some(match word {
        "tens" => (20.0, 99.0),
        "dozens" => (24.0, 99.0),
        "scores" => (40.0, 99.0),
        "hundreds" => (200.0, 999.0),
        "thousands" => (2e3, 9_999.0),
        "millions" => (2e6, 9_999_999.0),
        "billions" => (2e9, 9_999_999_999.0),
        _ => return None,
    })
}

/// Vague determiners before a scale word ("a few hundred", "several thousand").
fn vague_count(words: &[&str]) -> Option<((f64, f64), usize)> {
    match words {
        ["a", "handful", ..] => Some(((3.0, 9.0), 2)),
        ["a", "few", ..] => Some(((2.0, 5.0), 2)),
        ["several", ..] => Some(((3.0, 9.0), 1)),
        ["a", "couple", "of", ..] => Some(((2.0, 2.0), 3)),
        ["a", "couple", ..] => Some(((2.0, 2.0), 2)),
        _ => None,
    }
}

/// Parses digits: `1,000`, `2.5`, and suffixed `5m`, `3bn`, `10k`.
fn parse_digits(word: &str) -> Option<f64> {
    let (number, factor) = [("bn", 1e9), ("mn", 1e6), ("m", 1e6), ("k", 1e3), ("b", 1e9)]
        .iter()
        .find_map(|(suffix, factor)| {
            word.strip_suffix(suffix)
                .filter(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
                .map(|rest| (rest, *factor))
        })
        .unwrap_or((word, 1.0));
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    // Commas must group thousands: "1,000", "12,500,000" (not "1,0").
    let mut groups = number.split('.').next().unwrap_or("").split(',');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || (number.contains(',') && first.len() > 3) {
        return None;
    }
    if groups.any(|g| g.len() != 3) {
        return None;
    }
    let value: f64 = number.replace(',', "").parse().ok()?;
    Some(value * factor).filter(|v| v.is_finite())
}

/// Reads a whole word sequence as one amount, or `None` if any word is not part of it.
fn parse_amount(words: &[&str]) -> Option<Amount> {
    let mut words = words;
    while let Some((last, rest)) = words.split_last() {
        if *last == "of" && !rest.is_empty() {
            words = rest; // "dozens of", "thousands of"
        } else {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    // Vague plural, maybe multiplied: "tens of thousands", "hundreds of millions".
    if let Some((low, high)) = vague_word(words[0]) {
        let mut amount = Amount::Vague(low, high);
        let mut rest = &words[1..];
        while let ["of", next, tail @ ..] = rest {
            let factor = match *next {
                "thousands" => 1e3,
                "millions" => 1e6,
                "billions" => 1e9,
                _ => return None,
            };
            // "tens of thousands": 20 thousand up to (but not) 100 thousand.
            amount = Amount::Vague(amount.low() * factor, (amount.high() + 1.0) * factor - 1.0);
            rest = tail;
        }
        return rest.is_empty().then_some(amount);
    }
    // "a few hundred", "several thousand", "a handful".
    if let Some(((low, high), used)) = vague_count(words) {
        let rest = &words[used..];
        if rest.is_empty() {
            return Some(if low == high {
                Amount::Single(low)
            } else {
                Amount::Vague(low, high)
            });
        }
        let multiplier = parse_amount_exact(rest, true)?;
        let amount = Amount::Vague(low, high).scale(multiplier);
        return Some(if low == high {
            Amount::Single(amount.low())
        } else {
            amount
        });
    }
    parse_amount_exact(words, false).map(Amount::Single)
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    Nothing,
    Digits,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    And,
    Article,
}

/// Reads an exact number written in digits and/or words. With `scale_only`, the words must
/// be a bare multiplier ("hundred", "thousand", "dozen") as in "a few hundred".
fn parse_amount_exact(words: &[&str], scale_only: bool) -> Option<f64> {
    if scale_only {
        return match words {
            ["hundred"] => Some(100.0),
            ["dozen"] => Some(12.0),
            [word] => scale_word(word),
            _ => None,
        };
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = Last::Nothing;
    let mut largest_scale = f64::INFINITY;
    for word in words {
        let word = *word;
        if let Some(value) = parse_digits(word) {
            if last != Last::Nothing {
                return None;
            }
            current = value;
            last = Last::Digits;
        } else if let Some(&value) = SMALL_NUMBERS.get(word) {
            let allowed = match last {
                Last::Nothing | Last::Hundred | Last::Scale | Last::And => true,
                Last::Tens => value < 10.0,
                _ => false,
            };
            if !allowed {
                return None;
            }
            current += value;
            last = if value < 10.0 { Last::Unit } else { Last::Teen };
        } else if let Some(&value) = TENS.get(word) {
            if !matches!(
                last,
                Last::Nothing | Last::Hundred | Last::Scale | Last::And
            ) {
                return None;
            }
            current += value;
            last = Last::Tens;
        } else if word == "a" || word == "an" {
            if last != Last::Nothing {
                return None;
            }
            current = 1.0;
            last = Last::Article;
        } else if word == "hundred" {
            if !matches!(
                last,
                Last::Nothing | Last::Unit | Last::Teen | Last::Article | Last::Digits
            ) {
                return None;
            }
            current = current.max(1.0) * 100.0;
            last = Last::Hundred;
        } else if word == "dozen" {
            if matches!(last, Last::And | Last::Scale) {
                return None;
            }
            current = current.max(1.0) * 12.0;
            last = Last::Hundred;
        } else if let Some(scale) = scale_word(word) {
            if matches!(last, Last::And | Last::Scale) || scale >= largest_scale {
                return None;
            }
            largest_scale = scale;
            total += current.max(1.0) * scale;
            current = 0.0;
            last = Last::Scale;
        } else if word == "and" {
            if !matches!(last, Last::Hundred | Last::Scale) {
                return None;
            }
            last = Last::And;
        } else {
            return None;
        }
    }
    if matches!(last, Last::Nothing | Last::And | Last::Article) {
        return None;
    }
    Some(total + current).filter(|v| v.is_finite())
}

/// Lower-cased words of a phrase: hyphens between number words split ("two-dozen"),
/// currency signs and surrounding punctuation dropped.
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    for raw in phrase.split_whitespace() {
        let trimmed = raw
            .trim_start_matches(['$', '€', '£', '¥', '(', '"', '“', '\''])
            .trim_end_matches([',', ';', ':', ')', '"', '”', '%', '\'']);
        let lower = trimmed.to_lowercase();
        if lower.is_empty() {
            if raw.chars().any(char::is_alphanumeric) {
                words.push(raw.to_lowercase());
            }
            continue;
        }
        // "10-15" / "10–15" stay for the range reader; "twenty-one", "two-dozen" split.
        let parts: Vec<&str> = lower.split(['-', '‐']).collect();
        if parts.len() > 1
            && parts
                .iter()
                .all(|p| !p.is_empty() && !p.starts_with(|c: char| c.is_ascii_digit()))
        {
            words.extend(parts.iter().map(|p| p.to_string()));
        } else {
            words.push(lower);
        }
    }
    words
}

/// Reads a phrase that is entirely a quantity; `None` if any part of it is not understood.
///
/// ```
/// use dateline_nlp::numbers::{parse_quantity, Qualifier};
/// let q = parse_quantity("more than two-dozen").unwrap();
/// assert_eq!((q.value, q.qualifier), (24.0, Qualifier::MoreThan));
/// ```
pub fn parse_quantity(phrase: &str) -> Option<Quantity> {
    let owned = phrase_words(phrase);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    parse_words(&words)
}

fn parse_words(words: &[&str]) -> Option<Quantity> {
    match words {
        [] => return None,
        ["no", "one"] | ["none"] | ["nobody"] | ["zero"] | ["not", "a", "single", "one"] => {
            return Some(Quantity::exact(0.0))
        }
        _ => {}
    }
    // Longest hedge first.
    let hedge = HEDGES
        .iter()
        .filter(|(prefix, _)| words.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len());
    if let Some((prefix, qualifier)) = hedge {
        let rest = &words[prefix.len()..];
        let inner = parse_unhedged(rest)?;
        return Some(Quantity {
            qualifier: *qualifier,
            ..inner
        });
    }
    parse_unhedged(words)
}

/// A number, a vague amount or an explicit range, without a hedge.
fn parse_unhedged(words: &[&str]) -> Option<Quantity> {
    if let ["between", rest @ ..] = words {
        // "between one hundred and five and ten" is ambiguous; take the first split that works.
        for split in (0..rest.len()).filter(|&i| rest[i] == "and") {
            if let (Some(low), Some(high)) = (
                parse_amount(&rest[..split]),
                parse_amount(&rest[split + 1..]),
            ) {
                return ordered_range(low.low(), high.high());
            }
        }
        return None;
    }
    let words = match words {
        ["from", rest @ ..] if rest.contains(&"to") => rest,
        _ => words,
    };
    if let Some(amount) = parse_amount(words) {
        return Some(match amount {
            Amount::Single(v) => Quantity::exact(v),
            Amount::Vague(low, high) => Quantity::range(low, high),
        });
    }
    // "10 to 15", "two or three".
    for (i, word) in words.iter().enumerate() {
        if *word == "to" || *word == "or" {
            let low = parse_amount(&words[..i])?;
            let high = parse_amount(&words[i + 1..])?;
            return ordered_range(low.low(), high.high());
        }
    }
    // "10-15", "10–15" (also "1.2-1.5 million" is not read).
    if let [single] = words {
        let (left, right) = single.split_once(['-', '–'])?;
        return ordered_range(parse_digits(left)?, parse_digits(right)?);
    }
    None
}

fn ordered_range(low: f64, high: f64) -> Option<Quantity> {
    (low < high).then(|| Quantity::range(low, high))
}

/// Every quantity phrase in `text`, longest match first at each position.
///
/// Only runs of tokens that can belong to a quantity (digits, number words, hedges such as
/// "more than", currency signs) are tried, each at most [`MAX_PHRASE_TOKENS`] long, so the
/// cost stays linear in the text.
pub fn find_quantities(text: &str) -> Vec<FoundQuantity> {
    let tokens = tokenize(text);
    let in_vocabulary: Vec<bool> = tokens.iter().map(|t| is_quantity_token(t, text)).collect();
    // run_end[i]: the first token at or after i that cannot be part of a quantity.
    let mut run_end = vec![tokens.len(); tokens.len() + 1];
    for index in (0..tokens.len()).rev() {
        run_end[index] = if in_vocabulary[index] {
            run_end[index + 1]
        } else {
            index
        };
    }
    // Every token's phrase words, flattened: token i owns words[first_word[i]..first_word[i + 1]].
    let mut owned_words = Vec::new();
    let mut first_word = Vec::with_capacity(tokens.len() + 1);
    for (token, &usable) in tokens.iter().zip(&in_vocabulary) {
        first_word.push(owned_words.len());
        if usable {
            owned_words.extend(phrase_words(token.text(text)));
        }
    }
    first_word.push(owned_words.len());
    let words: Vec<&str> = owned_words.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let max_end = run_end[index].min(index + MAX_PHRASE_TOKENS);
        let longest = (index + 1..=max_end).rev().find_map(|end| {
            let span = Span {
                start: tokens[index].start,
                end: tokens[end - 1].end,
            };
            let quantity = parse_words(words.get(first_word[index]..first_word[end])?)?;
            Some((end, FoundQuantity { span, quantity }))
        });
        match longest {
            Some((end, quantity)) => {
                found.push(quantity);
                index = end;
            }
            None => index += 1,
        }
    }
    found
}

/// Words that may appear in a quantity phrase (besides digits).
static QUANTITY_WORDS: Lazy<std::collections::HashSet<&'static str>> = Lazy::new(|| {
    let mut words: std::collections::HashSet<&'static str> = HEDGES
        .iter()
        .flat_map(|(prefix, _)| prefix.iter().copied())
        .collect();
    words.extend(SMALL_NUMBERS.keys().copied());
    words.extend(TENS.keys().copied());
    words.extend([
        "a",
        "an",
        "and",
        "or",
        "to",
        "of",
        "from",
        "between",
        "hundred",
        "dozen",
        "thousand",
        "million",
        "mln",
        "mn",
        "billion",
        "bln",
        "bn",
        "trillion",
        "tens",
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "handful",
        "few",
        "several",
        "couple",
        "no",
        "none",
        "nobody",
        "not",
        "single",
    ]);
    words
});

fn is_quantity_token(token: &crate::tokenize::Token, text: &str) -> bool {
    let form = token.text(text);
    match token.kind {
        TokenKind::Number => true,
        TokenKind::Symbol => matches!(form, "$" | "€" | "£" | "¥"),
        TokenKind::Word => {
            let lower = form.to_lowercase();
            lower
                .split(['-', '‐'])
                .all(|part| QUANTITY_WORDS.contains(part))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    #[track_caller]
    fn check(phrase: &str, value: f64, high: Option<f64>, qualifier: Qualifier) {
        let expected = Quantity {
            value,
            high,
            qualifier,
        };
        assert_eq!(parse_quantity(phrase), Some(expected), "parsing {phrase:?}");
    }

    #[test]
    fn quantity_table() {
        let table: &[(&str, f64, Option<f64>, Qualifier)] = &[
            ("two-dozen", 24.0, None, Exact),
            ("a dozen", 12.0, None, Exact),
            ("1,000", 1000.0, None, Exact),
            ("nearly 3,000", 3000.0, None, Nearly),
            ("more than 500", 500.0, None, MoreThan),
            ("More than 500", 500.0, None, MoreThan),
            ("at least 14", 14.0, None, AtLeast),
            ("about 1,000", 1000.0, None, About),
            ("an estimated 1,000", 1000.0, None, About),
            ("hundreds", 200.0, Some(999.0), Range),
            ("dozens", 24.0, Some(99.0), Range),
            ("dozens of", 24.0, Some(99.0), Range),
            ("tens of thousands", 20_000.0, Some(99_999.0), Range),
            ("hundreds of thousands", 200_000.0, Some(999_999.0), Range),
            ("thousands", 2_000.0, Some(9_999.0), Range),
            ("1.2 million", 1_200_000.0, None, Exact),
            ("$1.2 billion", 1_200_000_000.0, None, Exact),
            ("two", 2.0, None, Exact),
            ("Two", 2.0, None, Exact),
            ("twenty-one", 21.0, None, Exact),
            ("one hundred and five", 105.0, None, Exact),
            ("a handful", 3.0, Some(9.0), Range),
            ("up to 50", 50.0, None, UpTo),
            ("between 10 and 20", 10.0, Some(20.0), Range),
            ("10 to 15", 10.0, Some(15.0), Range),
            ("10-15", 10.0, Some(15.0), Range),
            ("from 10 to 15", 10.0, Some(15.0), Range),
            ("two or three", 2.0, Some(3.0), Range),
            ("no one", 0.0, None, Exact),
            ("none", 0.0, None, Exact),
            ("nobody", 0.0, None, Exact),
            ("more than two-dozen", 24.0, None, MoreThan),
            ("nearly two", 2.0, None, Nearly),
            ("2.5", 2.5, None, Exact),
            ("three million", 3_000_000.0, None, Exact),
            ("two thousand five hundred", 2500.0, None, Exact),
            ("a hundred", 100.0, None, Exact),
            ("a few hundred", 200.0, Some(500.0), Range),
            ("several thousand", 3_000.0, Some(9_000.0), Range),
            ("some 300", 300.0, None, About),
            ("almost 40", 40.0, None, Nearly),
            ("over 100", 100.0, None, MoreThan),
            ("as many as 70", 70.0, None, UpTo),
            ("fewer than 10", 10.0, None, LessThan),
            ("less than a dozen", 12.0, None, LessThan),
            ("at least a dozen", 12.0, None, AtLeast),
            ("5m", 5_000_000.0, None, Exact),
            ("3bn", 3_000_000_000.0, None, Exact),
        ];
        for &(phrase, value, high, qualifier) in table {
            check(phrase, value, high, qualifier);
        }
        assert!(table.len() >= 30);
    }

    #[test]
    fn not_quantities() {
        for phrase in [
            "",
            "the",
            "no",
            "some",
            "more than",
            "one two",
            "twenty twenty",
            "hundred hundred",
            "1,0",
            "10,00",
            "and",
            "a",
            "between 10",
            "million thousand",
            "Israel",
            "5 6",
            "one and",
            "15 to 10",
            "1990s",
            "no immediate",
        ] {
            assert_eq!(parse_quantity(phrase), None, "{phrase:?} should not parse");
        }
    }

    #[test]
    fn serialises_with_snake_case_qualifiers() {
        let json = serde_json::to_string(&parse_quantity("more than 500")).unwrap_or_default();
        assert_eq!(json, r#"{"value":500.0,"qualifier":"more_than"}"#);
        let json = serde_json::to_string(&parse_quantity("dozens")).unwrap_or_default();
        assert_eq!(json, r#"{"value":24.0,"high":99.0,"qualifier":"range"}"#);
        for (qualifier, name) in [
            (AtLeast, "at_least"),
            (UpTo, "up_to"),
            (LessThan, "less_than"),
            (Nearly, "nearly"),
        ] {
            assert_eq!(
                serde_json::to_string(&qualifier).unwrap_or_default(),
                format!("\"{name}\"")
            );
        }
        let back: Quantity =
            serde_json::from_str(r#"{"value":1000.0,"qualifier":"about"}"#).expect("valid json");
        assert_eq!(
            back,
            Quantity {
                value: 1000.0,
                high: None,
                qualifier: About
            }
        );
    }

    #[test]
    fn finds_the_seed_counts() {
        let text = "More than 500 Palestinians and more than two-dozen Israelis have been killed. \
                    Having already deployed an estimated 1,000 ground troops, Israel pushed on. \
                    Two Americans were killed.";
        let found: Vec<(&str, Quantity)> = find_quantities(text)
            .iter()
            .map(|f| (f.span.text(text), f.quantity))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "More than 500",
                    Quantity {
                        value: 500.0,
                        high: None,
                        qualifier: MoreThan
                    }
                ),
                (
                    "more than two-dozen",
                    Quantity {
                        value: 24.0,
                        high: None,
                        qualifier: MoreThan
                    }
                ),
                (
                    "an estimated 1,000",
                    Quantity {
                        value: 1000.0,
                        high: None,
                        qualifier: About
                    }
                ),
                ("Two", Quantity::exact(2.0)),
            ]
        );
    }

    #[test]
    fn finder_takes_longest_phrases_and_stops_at_punctuation() {
        let text = "Between 10 and 20 people, tens of thousands fled; July 21, 2014.";
        let found: Vec<&str> = find_quantities(text)
            .iter()
            .map(|f| f.span.text(text))
            .collect();
        assert_eq!(
            found,
            vec!["Between 10 and 20", "tens of thousands", "21", "2014"]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in proptest::prelude::any::<String>(), words in proptest::collection::vec(
            proptest::sample::select(vec!["more", "than", "a", "dozen", "of", "tens", "thousands", "and",
                "between", "to", "or", "1,000", "2.5", "-", "one", "hundred", "million", "few", "no", "10-5"]),
            0..10,
        )) {
            let _ = parse_quantity(&text);
            let _ = find_quantities(&text);
            let phrase = words.join(" ");
            if let Some(q) = parse_quantity(&phrase) {
                proptest::prop_assert!(q.value.is_finite());
                if let Some(high) = q.high {
                    proptest::prop_assert!(high >= q.value);
                }
            }
        }
    }
}
