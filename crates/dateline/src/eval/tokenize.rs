//! `dateline eval tokenize`: our tokenizer and sentence splitter on raw text, scored against a
//! gold CoNLL-U file as the CoNLL 2018 shared task's `conll18_ud_eval.py` scores Tokens,
//! Words and Sentences.
//!
//! # The raw text
//! Rebuilt from the gold file as the shared task's `conllu_to_text.pl` did: each sentence's
//! `# text`, the sentences of one paragraph joined by a space, paragraphs (a `# newpar` or
//! `# newdoc` comment starts one) separated by a blank line. That script also wrapped lines
//! at 80 characters; we do not, because our splitter takes a single line break for the end of
//! a sentence (right for scraped articles, where a line is a paragraph) and the wrap would
//! score that choice rather than the splitter. The text is cut by the same tokenizer
//! (EWT hyphen style) and splitter as `Analyzer::bundled`.
//!
//! # The scores (as the CoNLL 2018 script defines them)
//! Every span is counted in characters of the text with whitespace left out, so gold and
//! system index the same character sequence whatever their spacing; a system span is
//! correct when a gold span has the same start and end.
//! - **Tokens** are surface tokens: a clitic split off its host (`do` `n't`) belongs to its
//!   host's token, which UD writes as a multiword token (`don't`): see
//!   [`dateline_nlp::tokenize::surface_tokens`].
//! - **Sentences**: from their first token's start to their last token's end.
//! - **Words** are aligned, not matched: outside multiword tokens by span; where either side
//!   has a multiword token, the smallest stretch of words covering the overlapping multiword
//!   tokens on both sides is aligned by the longest common subsequence of lower-cased forms.
//!   The words of a multiword token all carry the token's span.
//!
//! Precision is correct / system, recall correct / gold, F1 2·correct / (gold + system).
//! `--system FILE.conllu` scores another tool's output instead of ours (its tokens must
//! spell the same characters as the gold's, as the CoNLL 2018 script requires).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_nlp::conllu;
use dateline_nlp::sentence::{RuleSentenceSplitter, SentenceSplitter};
use dateline_nlp::tokenize::{surface_tokens, HyphenStyle, RuleTokenizer, Tokenizer};
use serde::Serialize;

use super::EvalFormat;

#[derive(Args)]
pub struct EvalTokenizeArgs {
    /// The gold CoNLL-U file (its `# text` comments are the raw text).
    #[arg(long)]
    gold: PathBuf,
    /// Score this CoNLL-U file (another tool's output) instead of our tokenizer.
    #[arg(long)]
    system: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
    /// Print up to N missed and N spurious sentence ends of our splitter, in context (to
    /// stderr), for error analysis on dev.
    #[arg(long, default_value_t = 0)]
    show_errors: usize,
}

/// A span of character indices into the text without its whitespace (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharSpan {
    start: usize,
    end: usize,
}

/// One syntactic word: its span (the whole token's, if it is part of a multiword token)
/// and its lower-cased form, which aligns words inside multiword stretches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpanWord {
    span: CharSpan,
    multiword: bool,
    form: String,
}

/// Tokens, words and sentences of one text, with the characters they index.
#[derive(Debug, Default)]
struct Segmentation {
    chars: String,
    tokens: Vec<CharSpan>,
    words: Vec<SpanWord>,
    sentences: Vec<CharSpan>,
}

/// Counts for one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Score {
    pub gold: usize,
    pub system: usize,
    pub correct: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.system)
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scores {
    tokens: Score,
    words: Score,
    sentences: Score,
}

/// What `--format json` prints: counts and P/R/F1 (fractions) per metric.
#[derive(Debug, Serialize)]
struct Report {
    gold: String,
    system: String,
    characters: usize,
    metrics: Vec<MetricReport>,
    /// Tokenize and split the whole text, one thread (our tokenizer only).
    seconds: Option<f64>,
}

#[derive(Debug, Serialize)]
struct MetricReport {
    metric: &'static str,
    #[serde(flatten)]
    counts: Score,
    precision: f64,
    recall: f64,
    f1: f64,
}

pub fn run(args: EvalTokenizeArgs) -> anyhow::Result<ExitCode> {
    let gold_sentences = conllu::read_file(&args.gold)?;
    let text = raw_text(&gold_sentences);
    let gold = conllu_segmentation(&gold_sentences)
        .with_context(|| format!("{}: cannot rebuild its text", args.gold.display()))?;
    let (system, system_name, seconds) = match &args.system {
        Some(path) => {
            let sentences = conllu::read_file(path)?;
            let system = conllu_segmentation(&sentences)
                .with_context(|| format!("{}: bad system file", path.display()))?;
            (system, path.display().to_string(), None)
        }
        None => {
            let start = Instant::now();
            let system = our_segmentation(&text);
            let seconds = start.elapsed().as_secs_f64();
            (
                system,
                "dateline tokenizer + splitter".to_string(),
                Some(seconds),
            )
        }
    };
    let scores = evaluate(&gold, &system)?;
    if args.show_errors > 0 && args.system.is_none() {
        show_sentence_errors(&text, &gold, &system, args.show_errors);
    }
    let metrics = [
        ("Tokens", scores.tokens),
        ("Words", scores.words),
        ("Sentences", scores.sentences),
    ]
    .into_iter()
    .map(|(metric, counts)| MetricReport {
        metric,
        counts,
        precision: counts.precision(),
        recall: counts.recall(),
        f1: counts.f1(),
    })
    .collect();
    let report = Report {
        gold: args.gold.display().to_string(),
        system: system_name,
        characters: gold.chars.chars().count(),
        metrics,
        seconds,
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!("{} from raw text, scored as CoNLL 2018", report.gold);
            println!("system: {}", report.system);
            println!(
                "{:<10} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8}",
                "metric", "P", "R", "F1", "gold", "system", "correct"
            );
            for m in &report.metrics {
                println!(
                    "{:<10} {:>7.2} {:>7.2} {:>7.2} {:>8} {:>8} {:>8}",
                    m.metric,
                    100.0 * m.precision,
                    100.0 * m.recall,
                    100.0 * m.f1,
                    m.counts.gold,
                    m.counts.system,
                    m.counts.correct
                );
            }
            if let Some(seconds) = report.seconds {
                println!(
                    "tokenized and split {} characters in {:.1} ms (one thread)",
                    report.characters,
                    1000.0 * seconds
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Missed and spurious sentence ends, each with the text around it (`|` marks the end).
fn show_sentence_errors(text: &str, gold: &Segmentation, system: &Segmentation, limit: usize) {
    // Byte offset in `text` just after each non-whitespace character.
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let context = |end: usize| -> String {
        let Some(&byte) = end.checked_sub(1).and_then(|i| ends.get(i)) else {
            return String::new();
        };
        let before: String = text[..byte].chars().rev().take(50).collect();
        let before: String = before.chars().rev().collect();
        let after: String = text[byte..].chars().take(40).collect();
        format!("{before}|{after}").replace('\n', "⏎")
    };
    let gold_ends: std::collections::HashSet<usize> =
        gold.sentences.iter().map(|s| s.end).collect();
    let system_ends: std::collections::HashSet<usize> =
        system.sentences.iter().map(|s| s.end).collect();
    for (label, from, other) in [
        ("missed", &gold.sentences, &system_ends),
        ("spurious", &system.sentences, &gold_ends),
    ] {
        let wrong: Vec<usize> = from
            .iter()
            .map(|s| s.end)
            .filter(|end| !other.contains(end))
            .collect();
        eprintln!(
            "{} {label} sentence ends; the first {}:",
            wrong.len(),
            limit.min(wrong.len())
        );
        for end in wrong.iter().take(limit) {
            eprintln!("  {label}: {}", context(*end));
        }
    }
}

/// The raw text of a treebank: `# text` of each sentence, joined by a space within a
/// paragraph, paragraphs separated by a blank line.
fn raw_text(sentences: &[conllu::Sentence]) -> String {
    let mut text = String::new();
    for sentence in sentences {
        let starts_paragraph = sentence
            .comments
            .iter()
            .any(|c| is_comment(c, "newpar") || is_comment(c, "newdoc"));
        if !text.is_empty() {
            text.push_str(if starts_paragraph { "\n\n" } else { " " });
        }
        text.push_str(sentence.comment("text").unwrap_or_default());
    }
    text
}

/// `# newpar`, `# newpar id = …` (but not `# newparagraph_x = …`).
fn is_comment(comment: &str, key: &str) -> bool {
    comment
        .strip_prefix('#')
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix(key))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

fn without_whitespace(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace())
}

/// The segmentation a CoNLL-U file records. Each sentence's `# text` must spell the same
/// characters as its tokens (whitespace aside), as UD's validator requires; the gold's
/// `# text` is the raw text we cut, so a mismatch would make the scores meaningless.
fn conllu_segmentation(sentences: &[conllu::Sentence]) -> anyhow::Result<Segmentation> {
    let mut seg = Segmentation::default();
    let mut index = 0;
    for (number, sentence) in sentences.iter().enumerate() {
        let sentence_start = index;
        let mut spelled = String::new();
        let mut multiword = sentence.multiword.iter().peekable();
        let mut word_index = 0;
        while let Some(word) = sentence.words.get(word_index) {
            // A multiword token covers words first..=last and gives them its span.
            let mwt = multiword
                .peek()
                .filter(|m| m.first == word.id && m.last >= m.first)
                .copied();
            let (form, members) = match mwt {
                Some(m) => {
                    multiword.next();
                    let last = m.last.min(sentence.words.len());
                    (m.form.as_str(), sentence.words.get(word_index..last))
                }
                None => (
                    word.form.as_str(),
                    sentence.words.get(word_index..=word_index),
                ),
            };
            let members = members.unwrap_or_default();
            let length = without_whitespace(form).count();
            anyhow::ensure!(
                length > 0,
                "sentence {}: empty form at word {}",
                number + 1,
                word.id
            );
            spelled.extend(without_whitespace(form));
            let span = CharSpan {
                start: index,
                end: index + length,
            };
            index += length;
            seg.tokens.push(span);
            for member in members {
                seg.words.push(SpanWord {
                    span,
                    multiword: mwt.is_some(),
                    form: member.form.to_lowercase(),
                });
            }
            word_index += members.len().max(1);
        }
        if let Some(text) = sentence.comment("text") {
            let written: String = without_whitespace(text).collect();
            anyhow::ensure!(
                written == spelled,
                "sentence {} ({}): its tokens do not spell its # text",
                number + 1,
                sentence.comment("sent_id").unwrap_or("no sent_id")
            );
        } else {
            anyhow::bail!("sentence {} has no # text", number + 1);
        }
        if index > sentence_start {
            seg.sentences.push(CharSpan {
                start: sentence_start,
                end: index,
            });
        }
        seg.chars.push_str(&spelled);
    }
    Ok(seg)
}

/// Our tokenizer and splitter on `text`, as spans over its non-whitespace characters.
fn our_segmentation(text: &str) -> Segmentation {
    // The same components as `Analyzer::bundled`.
    let tokens = RuleTokenizer {
        hyphens: HyphenStyle::Ewt,
    }
    .tokenize(text);
    let sentences = RuleSentenceSplitter::default().split(text, &tokens);
    let groups = surface_tokens(text, &tokens);
    // before[b]: non-whitespace characters before byte b (defined at char boundaries).
    let mut before = Vec::with_capacity(text.len() + 1);
    let mut count = 0;
    for ch in text.chars() {
        before.extend(std::iter::repeat_n(count, ch.len_utf8()));
        count += usize::from(!ch.is_whitespace());
    }
    before.push(count);
    let at = |byte: usize| before.get(byte).copied().unwrap_or(count);
    let span_of = |first: usize, last: usize| -> Option<CharSpan> {
        Some(CharSpan {
            start: at(tokens.get(first)?.start),
            end: at(tokens.get(last)?.end),
        })
    };
    let mut seg = Segmentation {
        chars: without_whitespace(text).collect(),
        ..Segmentation::default()
    };
    for group in &groups {
        let Some(span) = group
            .end
            .checked_sub(1)
            .and_then(|last| span_of(group.start, last))
        else {
            continue;
        };
        seg.tokens.push(span);
        for token in tokens.get(group.clone()).unwrap_or_default() {
            seg.words.push(SpanWord {
                span,
                multiword: group.len() > 1,
                form: token.text(text).to_lowercase(),
            });
        }
    }
    seg.sentences = sentences
        .iter()
        .filter_map(|range| span_of(range.start, range.end.checked_sub(1)?))
        .collect();
    seg
}

fn evaluate(gold: &Segmentation, system: &Segmentation) -> anyhow::Result<Scores> {
    if gold.chars != system.chars {
        let same = gold
            .chars
            .chars()
            .zip(system.chars.chars())
            .take_while(|(g, s)| g == s)
            .count();
        let snippet = |s: &str| s.chars().skip(same).take(20).collect::<String>();
        anyhow::bail!(
            "gold and system tokens spell different texts from character {same}: gold {:?}, system {:?}",
            snippet(&gold.chars),
            snippet(&system.chars)
        );
    }
    Ok(Scores {
        tokens: spans_score(&gold.tokens, &system.tokens),
        words: Score {
            gold: gold.words.len(),
            system: system.words.len(),
            correct: aligned_words(&gold.words, &system.words),
        },
        sentences: spans_score(&gold.sentences, &system.sentences),
    })
}

/// Spans that start and end where a gold span does (both lists in text order).
fn spans_score(gold: &[CharSpan], system: &[CharSpan]) -> Score {
    let (mut g, mut s, mut correct) = (0, 0, 0);
    while let (Some(gs), Some(ss)) = (gold.get(g), system.get(s)) {
        if ss.start < gs.start {
            s += 1;
        } else if gs.start < ss.start {
            g += 1;
        } else {
            correct += usize::from(gs.end == ss.end);
            g += 1;
            s += 1;
        }
    }
    Score {
        gold: gold.len(),
        system: system.len(),
        correct,
    }
}

/// The number of gold words aligned to system words (the CoNLL 2018 "Words" numerator).
fn aligned_words(gold: &[SpanWord], system: &[SpanWord]) -> usize {
    let (mut g, mut s, mut aligned) = (0, 0, 0);
    while let (Some(gw), Some(sw)) = (gold.get(g), system.get(s)) {
        if gw.multiword || sw.multiword {
            let (gs, ss, ge, se) = multiword_stretch(gold, system, g, s);
            aligned += lcs_alignment(&gold[gs..ge], &system[ss..se]);
            g = ge;
            s = se;
        } else if gw.span == sw.span {
            aligned += 1;
            g += 1;
            s += 1;
        } else if gw.span.start <= sw.span.start {
            g += 1;
        } else {
            s += 1;
        }
    }
    aligned
}

/// Whether word `i` lies past a multiword stretch that ends at character `end` (a word of a
/// multiword token is inside while its token starts before `end`, another word while it
/// ends by `end`).
fn past_stretch(words: &[SpanWord], i: usize, end: usize) -> bool {
    match words.get(i) {
        None => true,
        Some(w) if w.multiword => w.span.start >= end,
        Some(w) => w.span.end > end,
    }
}

/// The smallest stretch `gold[gs..ge]`, `system[ss..se]` around the multiword token at `g`
/// or `s` that ends on the same character on both sides.
fn multiword_stretch(
    gold: &[SpanWord],
    system: &[SpanWord],
    mut g: usize,
    mut s: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    match (gold.get(g), system.get(s)) {
        (Some(gw), Some(sw)) if gw.multiword => {
            end = gw.span.end;
            // A plain system word that starts before the gold token lies outside it.
            if !sw.multiword && sw.span.start < gw.span.start {
                s += 1;
            }
        }
        (Some(gw), Some(sw)) => {
            end = sw.span.end;
            if gw.span.start < sw.span.start {
                g += 1;
            }
        }
        _ => return (g, s, g, s),
    }
    let (gs, ss) = (g, s);
    let extend = |w: &SpanWord, end: usize| {
        if w.multiword {
            end.max(w.span.end)
        } else {
            end
        }
    };
    while !past_stretch(gold, g, end) || !past_stretch(system, s, end) {
        match (gold.get(g), system.get(s)) {
            (Some(gw), sw) if sw.is_none_or(|sw| gw.span.start <= sw.span.start) => {
                end = extend(gw, end);
                g += 1;
            }
            (_, Some(sw)) => {
                end = extend(sw, end);
                s += 1;
            }
            (_, None) => break,
        }
    }
    (gs, ss, g, s)
}

/// Words aligned by the longest common subsequence of forms, taking a match as soon as the
/// forms agree (left to right), as the CoNLL 2018 script does.
fn lcs_alignment(gold: &[SpanWord], system: &[SpanWord]) -> usize {
    let (n, m) = (gold.len(), system.len());
    if n == 0 || m == 0 {
        return 0;
    }
    // lcs[i][j]: the LCS length of gold[i..] and system[j..] (an extra zero row and column).
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if gold[i].form == system[j].form {
                1 + lcs[i + 1][j + 1]
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut aligned) = (0, 0, 0);
    while i < n && j < m {
        if gold[i].form == system[j].form {
            aligned += 1;
            i += 1;
            j += 1;
        } else if lcs[i][j] == lcs[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    aligned
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CoNLL-U sentence from `(id, form)` rows (`"2-3"` for a multiword token); the other
    /// columns do not matter here.
    fn sentence(comments: &[&str], rows: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for c in comments {
            out.push_str(c);
            out.push('\n');
        }
        for (id, form) in rows {
            let head = if id.contains('-') || *id == "1" {
                "_"
            } else {
                "1"
            };
            let head = if *id == "1" { "0" } else { head };
            out.push_str(&format!("{id}\t{form}\t_\tX\t_\t_\t{head}\tdep\t_\t_\n"));
        }
        out.push('\n');
        out
    }

    fn read(conllu_text: &str) -> Vec<conllu::Sentence> {
        match conllu::read(conllu_text.as_bytes(), "test") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn seg(conllu_text: &str) -> Segmentation {
        match conllu_segmentation(&read(conllu_text)) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn scores(gold: &Segmentation, system: &Segmentation) -> Scores {
        match evaluate(gold, system) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    fn score(gold: usize, system: usize, correct: usize) -> Score {
        Score {
            gold,
            system,
            correct,
        }
    }

    /// "I don't know. He left." with `don't` a multiword token: 7 tokens, 8 words, 2
    /// sentences.
    fn gold_text() -> String {
        sentence(
            &["# newpar", "# text = I don't know."],
            &[
                ("1", "I"),
                ("2-3", "don't"),
                ("2", "do"),
                ("3", "n't"),
                ("4", "know"),
                ("5", "."),
            ],
        ) + &sentence(
            &["# text = He left."],
            &[("1", "He"), ("2", "left"), ("3", ".")],
        )
    }

    #[test]
    fn perfect_system_scores_one() {
        let gold = seg(&gold_text());
        assert_eq!(gold.tokens.len(), 7);
        let s = scores(&gold, &gold);
        assert_eq!(s.tokens, score(7, 7, 7));
        assert_eq!(s.words, score(8, 8, 8));
        assert_eq!(s.sentences, score(2, 2, 2));
        assert!((s.words.f1() - 1.0).abs() < 1e-12);
    }

    /// The system splits `don't` into two plain tokens and misses the sentence break.
    /// Tokens: `do` starts where `don't` does but ends earlier, `n't` starts inside it, so 6
    /// of 8 system tokens are right and 6 of 7 gold ones found: P 6/8, R 6/7, F1 12/15.
    /// Words: `do` `n't` align with the multiword token's words by form: 8 of 8.
    /// Sentences: one system sentence over both gold ones: 0 correct, F1 0.
    #[test]
    fn unmarked_clitic_and_missed_sentence_break() {
        let gold = seg(&gold_text());
        let system = seg(&sentence(
            &["# text = I don't know. He left."],
            &[
                ("1", "I"),
                ("2", "do"),
                ("3", "n't"),
                ("4", "know"),
                ("5", "."),
                ("6", "He"),
                ("7", "left"),
                ("8", "."),
            ],
        ));
        let s = scores(&gold, &system);
        assert_eq!(s.tokens, score(7, 8, 6));
        assert!((s.tokens.precision() - 0.75).abs() < 1e-12);
        assert!((s.tokens.recall() - 6.0 / 7.0).abs() < 1e-12);
        assert!((s.tokens.f1() - 0.8).abs() < 1e-12);
        assert_eq!(s.words, score(8, 8, 8));
        assert_eq!(s.sentences, score(2, 1, 0));
        assert_eq!(s.sentences.f1(), 0.0);
    }

    /// The system keeps `don't` whole as a plain word and breaks the first sentence after
    /// `I` as well: tokens 7/7 right; words: the gold words `do` `n't` (forms) match
    /// nothing in the system's `don't`, so 6 of 8 gold and 6 of 7 system words align
    /// (F1 12/15); sentences: `I` and `don't know.` are wrong, `He left.` right: P 1/3,
    /// R 1/2, F1 2/5.
    #[test]
    fn unsplit_clitic_and_extra_sentence_break() {
        let gold = seg(&gold_text());
        let system = seg(&(sentence(&["# text = I"], &[("1", "I")])
            + &sentence(
                &["# text = don't know."],
                &[("1", "don't"), ("2", "know"), ("3", ".")],
            )
            + &sentence(
                &["# text = He left."],
                &[("1", "He"), ("2", "left"), ("3", ".")],
            )));
        let s = scores(&gold, &system);
        assert_eq!(s.tokens, score(7, 7, 7));
        assert_eq!(s.words, score(8, 7, 6));
        assert!((s.words.f1() - 0.8).abs() < 1e-12);
        assert_eq!(s.sentences, score(2, 3, 1));
        assert!((s.sentences.f1() - 0.4).abs() < 1e-12);
    }

    /// A wrong multiword split: gold `its` = `it` `s` (a web typo annotated as spelled
    /// right), system `its` = `its` (plain). Nothing aligns inside; the rest does.
    #[test]
    fn multiword_against_plain_word_with_other_forms() {
        let gold = seg(&sentence(
            &["# text = its fine"],
            &[("1-2", "its"), ("1", "it"), ("2", "s"), ("3", "fine")],
        ));
        let system = seg(&sentence(
            &["# text = its fine"],
            &[("1", "its"), ("2", "fine")],
        ));
        let s = scores(&gold, &system);
        assert_eq!(s.tokens, score(2, 2, 2));
        assert_eq!(s.words, score(3, 2, 1));
        assert_eq!(s.sentences, score(1, 1, 1));
    }

    #[test]
    fn different_characters_are_an_error() {
        let gold = seg(&gold_text());
        let system = seg(&sentence(&["# text = I"], &[("1", "I")]));
        assert!(evaluate(&gold, &system).is_err());
        let bad = read(&sentence(&["# text = I do"], &[("1", "I"), ("2", "did")]));
        assert!(conllu_segmentation(&bad).is_err());
    }

    #[test]
    fn raw_text_separates_paragraphs_by_blank_lines() {
        let text = gold_text()
            + &sentence(
                &["# newdoc id = d2", "# text = Bye."],
                &[("1", "Bye"), ("2", ".")],
            );
        assert_eq!(raw_text(&read(&text)), "I don't know. He left.\n\nBye.");
        assert!(is_comment("# newpar id = p1", "newpar"));
        assert!(is_comment("#newpar", "newpar"));
        assert!(!is_comment("# newparty", "newpar"));
    }

    /// Our tokenizer and splitter on the rebuilt text: right on the plain case and on a
    /// lower-case start after a period ("no. then"), and the known miss of a lower-case
    /// start after an ellipsis ("waited... then"), which the splitter leaves joined.
    #[test]
    fn our_segmentation_against_gold() {
        let sentences = read(&gold_text());
        let gold = seg(&gold_text());
        let s = scores(&gold, &our_segmentation(&raw_text(&sentences)));
        assert_eq!(s.tokens, score(7, 7, 7));
        assert_eq!(s.words, score(8, 8, 8));
        assert_eq!(s.sentences, score(2, 2, 2));

        let two = |first: &str, mark: &str| {
            sentence(
                &[&format!("# text = he said {first}{mark}")],
                &[("1", "he"), ("2", "said"), ("3", first), ("4", mark)],
            ) + &sentence(
                &["# text = then he left."],
                &[("1", "then"), ("2", "he"), ("3", "left"), ("4", ".")],
            )
        };
        let period = two("no", ".");
        let s = scores(&seg(&period), &our_segmentation(&raw_text(&read(&period))));
        assert_eq!(s.tokens, score(8, 8, 8));
        assert_eq!(s.sentences, score(2, 2, 2));
        let ellipsis = two("no", "...");
        let s = scores(
            &seg(&ellipsis),
            &our_segmentation(&raw_text(&read(&ellipsis))),
        );
        assert_eq!(s.tokens, score(8, 8, 8));
        // One system sentence over both gold ones: it starts where the first does but ends
        // where the second does, so nothing is right.
        assert_eq!(s.sentences, score(2, 1, 0));
    }

    #[test]
    fn character_offsets_ignore_whitespace_and_count_chars_not_bytes() {
        let system = our_segmentation("Égypte  dit\n\n« non ».");
        let spans: Vec<(usize, usize)> = system.tokens.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(
            spans,
            vec![(0, 6), (6, 9), (9, 10), (10, 13), (13, 14), (14, 15)]
        );
        assert_eq!(system.sentences.len(), 2);
    }
}
