//! Tone on real news wording through the bundled pipeline: the lexicon's size, signs that are
//! obvious to a reader, negation, GDELT's document percentages, event polarity, and no panic
//! on arbitrary text.

use dateline_code::tone::Tone;
use dateline_nlp::pipeline::Analyzer;
use once_cell::sync::Lazy;
use proptest::prelude::*;
use std::path::Path;

static ANALYZER: Lazy<Analyzer> = Lazy::new(|| Analyzer::bundled().expect("bundled models"));

#[test]
fn the_bundled_lexicon_is_vaders() {
    let tone = Tone::bundled();
    assert_eq!(tone.len(), 7504, "distinct tokens of vader_lexicon.txt");
    assert_eq!(tone.valence("killed"), Some(-3.5));
    assert_eq!(tone.valence("peace"), Some(2.5));
    assert_eq!(tone.valence("Good"), Some(1.9));
    assert_eq!(tone.valence("ceasefire"), None);
}

#[test]
fn sentence_signs_a_reader_agrees_with() {
    let tone = Tone::bundled();
    let negative = [
        "Dozens of civilians were killed in a brutal attack on the market.",
        "The bombing destroyed the hospital and injured scores of children.",
        "Officials condemned the massacre as a horrific crime.",
        "The talks failed amid bitter accusations of betrayal.",
        "Residents fled in panic as shelling hit their homes.",
    ];
    let positive = [
        "The leaders welcomed the peace agreement and praised the mediators.",
        "Aid workers celebrated the safe return of the freed hostages.",
        "The minister thanked Egypt for its generous support.",
        "Both sides said the talks were very successful and friendly.",
        "The president hailed the deal as a great victory for peace.",
    ];
    for text in negative {
        let s = ANALYZER.analyze(text);
        let score = tone.sentence(&s[0]).score;
        assert!(score < -0.2, "{text:?}: {score}");
    }
    for text in positive {
        let s = ANALYZER.analyze(text);
        let score = tone.sentence(&s[0]).score;
        assert!(score > 0.2, "{text:?}: {score}");
    }
}

#[test]
fn negation_turns_the_sign() {
    let tone = Tone::bundled();
    let plain = ANALYZER.analyze("The offer was acceptable to Hamas.");
    let negated = ANALYZER.analyze("The offer was not acceptable to Hamas.");
    assert!(tone.sentence(&plain[0]).score > 0.0);
    assert!(tone.sentence(&negated[0]).score < 0.0);
    let doc = tone.document(&negated);
    assert!(doc.negative > 0.0 && doc.positive == 0.0, "{doc:?}");
}

#[test]
fn names_and_function_words_carry_no_tone() {
    let tone = Tone::bundled();
    for text in [
        "The Free Syrian Army met the Security Council.",
        "Groups like Hamas were present as well.",
    ] {
        let s = &ANALYZER.analyze(text)[0];
        let t = tone.sentence(s);
        assert_eq!(
            (t.positive_words, t.negative_words),
            (0, 0),
            "{text:?}: {t:?}"
        );
    }
}

#[test]
fn event_polarity_reads_the_trigger_clause() {
    let tone = Tone::bundled();
    let text = "Israel welcomed the truce, but rockets killed two soldiers near the border.";
    let s = &ANALYZER.analyze(text)[0];
    let at = |form: &str| s.words.iter().position(|w| w.form == form).expect(form);
    assert!(tone.event(s, at("killed")) < 0.0);
    assert!(tone.event(s, at("welcomed")) > 0.0);
    assert_eq!(tone.event(s, 500), 0.0);
}

#[test]
fn document_tone_on_gdelt_scale() {
    let tone = Tone::bundled();
    let sentences = ANALYZER.analyze(
        "Militants killed three soldiers in a deadly attack. The army vowed revenge. \
         Talks on a truce have stalled.",
    );
    let d = tone.document(&sentences);
    // 8 + 4 + 6 words; punctuation does not count.
    assert_eq!(d.word_count, 18, "{d:?}");
    assert!(d.tone < -10.0, "{d:?}");
    assert!((d.tone - (d.positive - d.negative)).abs() < 1e-4);
    assert!((d.polarity - (d.positive + d.negative)).abs() < 1e-4);
}

#[test]
fn seed_article_is_negative() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/kerry-ceasefire-2014.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} not found", seed.display());
        return;
    };
    let d = Tone::bundled().document(&ANALYZER.analyze(&text));
    eprintln!("seed tone: {d:?}");
    // A war report with a diplomatic push: negative, within GDELT's usual -10..+10 band.
    assert!(d.tone < 0.0 && d.tone > -10.0, "{d:?}");
    assert!(d.word_count > 500, "{d:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]
    #[test]
    fn never_panics(text in "\\PC{0,200}", a in 0usize..50, b in 0usize..50) {
        let tone = Tone::bundled();
        let sentences = ANALYZER.analyze(&text);
        let d = tone.document(&sentences);
        prop_assert!(d.tone.is_finite() && d.polarity >= 0.0);
        for s in &sentences {
            let score = tone.span(s, a..b);
            prop_assert!((-1.0..=1.0).contains(&score));
            prop_assert!((-1.0..=1.0).contains(&tone.event(s, a)));
        }
    }
}

/// Prints `TONE<TAB>score<TAB>sentence` for every sentence of the re3d documents, to compare
/// with a reference VADER outside the repository (run with `--ignored --nocapture`). Measured
/// against the `vader_sentiment` 0.1.1 crate's compound score on the 740 sentences: the same
/// sign class (±0.05) for 91.1 %, Pearson r 0.936; the differences are the rules left out
/// (capitals, `!`, `but`) and the words read as names or function words here.
#[test]
#[ignore]
fn dump_re3d_sentence_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ner/re3d");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        eprintln!("skipped: {} not found", root.display());
        return;
    };
    let tone = Tone::bundled();
    for dir in dirs.flatten() {
        let Ok(text) = std::fs::read_to_string(dir.path().join("documents.json")) else {
            continue;
        };
        for line in text.lines() {
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(body) = doc["text"].as_str() else {
                continue;
            };
            for s in ANALYZER.analyze(body) {
                let flat = s.text.replace(['\t', '\n'], " ");
                println!("TONE\t{}\t{flat}", tone.sentence(&s).score);
            }
        }
    }
}
