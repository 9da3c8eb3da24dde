//! Quotes and their speakers, through the bundled analyser: every attribution position,
//! speaker resolution (pronouns, surnames, titles, descriptors, `according to`), partial
//! quotes, scare quotes and titles, unbalanced marks, curly and straight marks, reported
//! speech, and the seed article's gold quotes.

use std::path::Path;
use std::sync::OnceLock;

use dateline_code::quotes::{extract_quotes, Quote, Quotes, SpeakerKind, SpeakerPosition};
use dateline_nlp::pipeline::Analyzer;
use proptest::prelude::*;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::bundled().expect("the bundled models load"))
}

fn quotes_of(text: &str) -> Quotes {
    let sentences = analyzer().analyze(text);
    extract_quotes(text, &sentences)
}

/// The one quote starting with `start`, with its evidence checked against the text.
fn quote<'q>(text: &str, quotes: &'q Quotes, start: &str) -> &'q Quote {
    let found: Vec<&Quote> = quotes
        .quotes
        .iter()
        .filter(|q| q.text.starts_with(start))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one quote starting {start:?} in {quotes:#?}"
    );
    let q = found[0];
    assert_eq!(&text[q.start..q.end], q.text, "the span is the text");
    q
}

fn speaker_name(q: &Quote) -> &str {
    q.speaker.as_ref().map_or("", |s| s.name.as_str())
}

#[test]
fn speaker_after_the_quote_resolved_to_the_full_name() {
    let text = "President Barack Obama spoke at the White House on Monday. \
                \"We will not give up,\" Obama said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We will not give up");
    assert_eq!(
        q.text, "We will not give up",
        "the comma before the attribution is dropped"
    );
    assert_eq!(q.position, SpeakerPosition::After);
    assert_eq!(speaker_name(q), "Barack Obama");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.text, "Obama");
    assert_eq!(sp.kind, SpeakerKind::Person);
    let ante = sp.antecedent.expect("resolved through the surname");
    assert_eq!(&text[ante.start..ante.end], "Barack Obama");
    let verb = q.verb.as_ref().unwrap();
    assert_eq!((verb.text.as_str(), verb.lemma.as_str()), ("said", "say"));
    assert_eq!(&text[verb.start..verb.end], "said");
    assert!(!q.partial);
    assert_eq!(q.sentence_index, 1);
}

#[test]
fn speaker_before_the_quote() {
    let text = "Secretary-General Ban Ki-moon told reporters in Cairo: \"Violence must stop.\"";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "Violence must stop.");
    assert_eq!(q.position, SpeakerPosition::Before);
    assert!(speaker_name(q).contains("Ban"), "{q:#?}");
    assert_eq!(q.verb.as_ref().unwrap().lemma, "tell");
}

#[test]
fn quote_split_by_its_attribution_is_one_utterance_in_two_parts() {
    let text = "U.N. Secretary-General Ban Ki-moon arrived in Cairo on Monday. \
                \"Violence must stop,\" Ban said, \"and must stop now.\"";
    let qs = quotes_of(text);
    let a = quote(text, &qs, "Violence must stop");
    let b = quote(text, &qs, "and must stop now.");
    assert_eq!(a.utterance, b.utterance);
    assert_eq!((a.part, b.part), (0, 1));
    assert_eq!(a.position, SpeakerPosition::Inside);
    assert_eq!(b.position, SpeakerPosition::Inside);
    assert!(
        !b.partial,
        "a split quote's second part is not a partial quote"
    );
    assert_eq!(speaker_name(a), "Ban Ki-moon");
    assert_eq!(speaker_name(b), "Ban Ki-moon");
    assert_eq!(
        qs.utterance_text(a.utterance),
        "Violence must stop and must stop now."
    );
}

#[test]
fn a_new_attribution_starts_a_new_utterance() {
    let text = "Ban Ki-moon said: \"Violence must stop.\" He added, \"We can't claim victory.\"";
    let qs = quotes_of(text);
    let a = quote(text, &qs, "Violence must stop.");
    let b = quote(text, &qs, "We can't claim victory.");
    assert_ne!(a.utterance, b.utterance);
    assert_eq!(b.position, SpeakerPosition::Before);
    assert_eq!(b.verb.as_ref().unwrap().text, "added");
    assert_eq!(speaker_name(b), "Ban Ki-moon");
    assert_eq!(b.speaker.as_ref().unwrap().kind, SpeakerKind::Pronoun);
}

#[test]
fn quote_resumed_after_the_attribution_in_the_next_sentence() {
    let text = "\"Our goal is a ceasefire,\" said one senior State Department official who \
                briefed reporters. \"But if it wasn't, anything that de-escalates the situation \
                is a movement in a positive direction.\"";
    let qs = quotes_of(text);
    let a = quote(text, &qs, "Our goal is a ceasefire");
    let b = quote(text, &qs, "But if it wasn't");
    assert_eq!(a.position, SpeakerPosition::After);
    assert_eq!(b.position, SpeakerPosition::PreviousSentence);
    assert_eq!(a.utterance, b.utterance);
    let sp = a.speaker.as_ref().unwrap();
    assert_eq!(sp.kind, SpeakerKind::Descriptor);
    assert_eq!(sp.name, "senior State Department official");
    assert_eq!(sp.text, "one senior State Department official");
    assert_eq!(speaker_name(b), "senior State Department official");
}

#[test]
fn descriptor_before_the_verb_keeps_its_complement() {
    let text = "A spokesman for the ministry said: \"The talks will resume on Sunday.\"";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "The talks will resume");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.kind, SpeakerKind::Descriptor);
    assert_eq!(sp.name, "spokesman for the ministry");
}

#[test]
fn according_to_attributes_a_quote() {
    let text = "\"The border will stay closed until further notice,\" according to \
                Ahmed Hassan, the governor of the province.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "The border will stay closed");
    assert_eq!(q.verb.as_ref().unwrap().lemma, "according to");
    assert_eq!(q.position, SpeakerPosition::After);
    assert_eq!(speaker_name(q), "Ahmed Hassan");
}

#[test]
fn pronoun_resolved_to_the_last_person_named() {
    let text = "White House spokesman Josh Earnest said Israel has standards for avoiding \
                civilian deaths.\n\n\"We would like to see Israel take greater steps,\" he said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We would like");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.kind, SpeakerKind::Pronoun);
    assert_eq!(sp.text, "he");
    assert_eq!(sp.name, "Josh Earnest");
    let ante = sp.antecedent.unwrap();
    assert_eq!(&text[ante.start..ante.end], "Josh Earnest");
}

#[test]
fn pronoun_prefers_the_subject_over_a_later_mention() {
    let text = "German Chancellor Angela Merkel met Vladimir Putin in Berlin on Friday. \
                \"We agreed on the next steps,\" she said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We agreed");
    assert_eq!(speaker_name(q), "Angela Merkel", "{q:#?}");
}

#[test]
fn appositive_subject_names_the_person_not_the_description() {
    let text = "\"The wind changed direction,\" Kurinji Selvaraj, a research analyst at the \
                Council on Energy, Environment and Water think tank, told CBS News.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "The wind changed direction");
    assert_eq!(speaker_name(q), "Kurinji Selvaraj", "{q:#?}");
    // A person inside a prepositional complement is not the speaker.
    let text = "President Barack Obama left Washington on Monday. \"We expect progress,\" \
                a spokesman for President Obama said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We expect progress");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.kind, SpeakerKind::Descriptor, "{sp:#?}");
    assert!(sp.name.starts_with("spokesman"), "{sp:#?}");
    // Nor is the person whose spokesman speaks.
    let text = "Taylor Swift did not attend. Swift's spokesman told Fox News: \"The auditor \
                has found the royalties unpaid.\"";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "The auditor");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.kind, SpeakerKind::Descriptor, "{sp:#?}");
    assert_eq!(sp.name, "Swift's spokesman");
}

#[test]
fn attribution_after_an_exclamation_the_splitter_cut_off() {
    let text = "Donald Trump campaigned in Kentucky. \"Matt Bevin has done a wonderful job!\" \
                Trump tweeted before Election Day.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "Matt Bevin has done");
    assert_eq!(q.position, SpeakerPosition::After);
    assert_eq!(speaker_name(q), "Donald Trump");
    assert_eq!(q.verb.as_ref().unwrap().text, "tweeted");
}

#[test]
fn names_in_a_list_are_not_quotes() {
    let text = "The service offers films from Pixar, \"Star Wars,\" Marvel Studios and \
                classics including \"Mary Poppins\" and \"Bambi.\"";
    let qs = quotes_of(text);
    assert!(qs.quotes.is_empty(), "{qs:#?}");
}

#[test]
fn pronoun_prefers_the_main_subject_over_an_embedded_one() {
    let text = "Eric Figgins declined to say whether Michael Thomas slept on the night \
                Jeffrey Epstein died. \"When all the evidence is presented, you will see it \
                differently,\" he said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "When all the evidence");
    assert_eq!(speaker_name(q), "Eric Figgins", "{q:#?}");
}

#[test]
fn they_resolved_to_a_group_speaker() {
    let text = "Senior State Department officials said talks would resume. \
                \"We are not there yet,\" they said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We are not there yet");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.text, "they");
    assert_eq!(sp.name, "Senior State Department officials", "{sp:#?}");
    let ante = sp.antecedent.unwrap();
    assert_eq!(
        &text[ante.start..ante.end],
        "Senior State Department officials"
    );
}

#[test]
fn apposition_cut_from_the_speaker_and_honorific_resolved() {
    let text = "Ban Ki-moon, the UN secretary-general, said: \"Violence must stop now.\"";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "Violence must stop now.");
    assert_eq!(speaker_name(q), "Ban Ki-moon", "{q:#?}");
    assert_eq!(q.speaker.as_ref().unwrap().kind, SpeakerKind::Person);

    let text = "President Barack Obama spoke on Monday. \"We are concerned,\" Mr. Obama said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We are concerned");
    assert_eq!(speaker_name(q), "Barack Obama", "{q:#?}");
}

#[test]
fn according_to_before_the_quote() {
    let text = "According to the Interior Ministry, \"the border will stay closed until \
                further notice.\"";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "the border will stay closed");
    assert_eq!(q.position, SpeakerPosition::Before);
    assert_eq!(q.verb.as_ref().unwrap().lemma, "according to");
    assert!(speaker_name(q).ends_with("Interior Ministry"), "{q:#?}");
}

#[test]
fn definite_title_resolved_to_the_person_with_that_title() {
    let text = "President Barack Obama met congressional leaders on Tuesday. \
                \"We have a lot of work to do,\" the president said.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We have a lot");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.name, "Barack Obama", "{sp:#?}");
    assert_eq!(sp.text, "the president");
    assert!(sp.antecedent.is_some());
}

#[test]
fn attribution_in_the_previous_sentence() {
    let text = "Angela Merkel spoke to reporters after the meeting in Brussels. \
                \"We agreed on the next steps. The rest will follow.\"";
    let qs = quotes_of(text);
    let q = quote(
        text,
        &qs,
        "We agreed on the next steps. The rest will follow.",
    );
    assert_eq!(q.position, SpeakerPosition::PreviousSentence);
    assert_eq!(speaker_name(q), "Angela Merkel");
    assert_eq!(q.sentence_index, 1);
}

#[test]
fn attribution_in_the_next_sentence() {
    let text = "\"We agreed on the next steps.\" Angela Merkel told reporters this after the \
                meeting in Brussels.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We agreed on the next steps.");
    assert_eq!(q.position, SpeakerPosition::NextSentence, "{q:#?}");
    assert_eq!(speaker_name(q), "Angela Merkel");
}

#[test]
fn quotation_over_several_paragraphs() {
    let text = "\"We will rebuild every house,\" Mayor Anne Hidalgo said.\n\n\
                \"We will rebuild every school.\n\n\
                \"And we will not forget the victims.\"\n\nThe city council meets on Friday.";
    let qs = quotes_of(text);
    assert_eq!(qs.quotes.len(), 3, "{qs:#?}");
    let first = quote(text, &qs, "We will rebuild every house");
    let second = quote(text, &qs, "We will rebuild every school.");
    let third = quote(text, &qs, "And we will not forget");
    assert!(
        !second.closed,
        "the paragraph convention: reopened, not closed"
    );
    assert!(third.closed);
    assert_eq!(second.utterance, third.utterance);
    assert_eq!(third.position, SpeakerPosition::Paragraph);
    for q in [first, second, third] {
        assert_eq!(speaker_name(q), "Anne Hidalgo", "{q:#?}");
    }
}

#[test]
fn partial_quote_in_running_text() {
    let text = "Barack Obama said Israel's military action had already done \
                \"significant damage\" to the Hamas infrastructure.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "significant damage");
    assert!(q.partial);
    assert_eq!(q.position, SpeakerPosition::Before);
    assert_eq!(speaker_name(q), "Barack Obama");

    let text = "The foreign minister described the plan as \"unacceptable\".";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "unacceptable");
    assert!(
        q.partial && q.confidence < 0.6,
        "one attributed word: kept, less sure"
    );
    assert_eq!(speaker_name(q), "foreign minister");
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    for text in [
        "Fighters of the so-called \"Islamic State\" seized the town on Sunday.",
        "The film \"The Hurt Locker\" won six Oscars in 2010.",
        "\"The Hurt Locker\" won six Oscars in 2010.",
        "The militants, who call themselves \"defenders of the faith\", seized the town.",
        "Residents described a “ghost town” after the fighting stopped.",
        "“Alarming mortality rate”\n\nDoctors in the region counted 40 deaths in a week.",
        "Teachers marched on Monday, and their leader said the \"Red for Ed\" campaign would go on.",
        "The group, known as \"the Guardians of the Valley\", said it would fight on.",
    ] {
        let qs = quotes_of(text);
        // `described` is a speech verb: a quoted description is the residents' words.
        if text.contains("described") {
            assert_eq!(qs.quotes.len(), 1, "{text}: {qs:#?}");
            continue;
        }
        assert!(qs.quotes.is_empty(), "{text}: {qs:#?}");
    }
}

#[test]
fn curly_straight_and_single_quotes() {
    let text = "“We will win,” she said. Maria Lopez had arrived on Monday.";
    let qs = quotes_of(text);
    assert_eq!(
        quote(text, &qs, "We will win").position,
        SpeakerPosition::After
    );

    let text = "Maria Lopez arrived on Monday. 'We will win,' she said. It's the team's turn.";
    let qs = quotes_of(text);
    assert_eq!(qs.quotes.len(), 1, "{qs:#?}");
    assert_eq!(speaker_name(quote(text, &qs, "We will win")), "Maria Lopez");

    let text = "« We will win », the minister said.";
    let qs = quotes_of(text);
    assert_eq!(qs.quotes.len(), 1, "{qs:#?}");
    assert_eq!(speaker_name(quote(text, &qs, "We will win")), "minister");
}

#[test]
fn unbalanced_marks_give_sensible_quotes() {
    // A quote never closed ends at its paragraph, flagged.
    let text = "Maria Lopez said: \"We will win the election.\n\nThe vote is on Sunday.";
    let qs = quotes_of(text);
    let q = quote(text, &qs, "We will win the election.");
    assert!(!q.closed);
    assert!(q.confidence < 0.8);
    // A stray mark before a real quote does not swallow the sentence.
    let text = "He said \"maybe. Maria Lopez then said: \"We will win.\"";
    let qs = quotes_of(text);
    assert_eq!(qs.quotes.len(), 1, "{qs:#?}");
    assert_eq!(qs.quotes[0].text, "We will win.");
    // Stray closing marks and inch marks are no quotes.
    for text in [
        "\"",
        "\"\"",
        "a 12\" pipe burst.",
        "He left.\" Then nothing.",
        "“",
        "”»«",
    ] {
        assert!(quotes_of(text).quotes.is_empty(), "{text}");
    }
}

#[test]
fn indirect_speech_is_flagged_not_quoted() {
    let text = "The defense minister said that the border would reopen on Friday.";
    let qs = quotes_of(text);
    assert!(qs.quotes.is_empty());
    assert_eq!(qs.reported.len(), 1, "{qs:#?}");
    let r = &qs.reported[0];
    assert_eq!(r.clause_text, "the border would reopen on Friday");
    assert_eq!(&text[r.clause.start..r.clause.end], r.clause_text);
    assert_eq!(r.verb.text, "said");
    assert_eq!(r.speaker.as_ref().unwrap().name, "defense minister");
    assert_eq!(r.sentence_index, 0);
}

/// What `../shared/tools/score_gold.py` does to texts before comparing them.
fn norm(s: &str) -> String {
    let lower = s.to_lowercase();
    let mapped: String = lower
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn seed_article_gold_quotes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed");
    let (Ok(text), Ok(gold)) = (
        std::fs::read_to_string(root.join("kerry-ceasefire-2014.txt")),
        std::fs::read_to_string(root.join("kerry-ceasefire-2014.gold.json")),
    ) else {
        println!("skipped: the seed article is not in {}", root.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
    let qs = quotes_of(&text);
    let (mut core, mut core_found) = (0, 0);
    for g in gold["quotes"].as_array().unwrap() {
        let starts: String = norm(g["starts_with"].as_str().unwrap())
            .chars()
            .take(40)
            .collect();
        let speaker_key = norm(g["speaker"].as_str().unwrap())
            .rsplit(' ')
            .next()
            .unwrap()
            .to_string();
        let is_core = g["core"].as_bool().unwrap_or(true);
        let found = qs
            .quotes
            .iter()
            .find(|q| norm(&q.text).starts_with(&starts));
        if let Some(q) = found {
            // Every quote found has the right speaker.
            let name = norm(speaker_name(q));
            assert!(
                name.split(' ').any(|w| w == speaker_key),
                "{}: speaker {:?}, gold {}",
                g["id"],
                speaker_name(q),
                g["speaker"]
            );
        }
        if is_core {
            core += 1;
            core_found += usize::from(found.is_some());
        }
        println!(
            "{} {}",
            g["id"],
            if found.is_some() { "ok" } else { "MISS" }
        );
    }
    let recall = core_found as f64 / core as f64;
    println!(
        "seed quote recall {recall:.2} ({core_found}/{core}), {} quotes",
        qs.quotes.len()
    );
    assert!(recall >= 0.85, "recall {recall}");
    // No scare quote or title taken: every quotation of the seed is gold.
    assert_eq!(qs.quotes.len(), 8, "{qs:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Arbitrary text through the analyser and the quote reader: no panic, and every span
    /// is a slice of the text on character boundaries.
    #[test]
    fn never_panics_on_analysed_text(text in "(\\PC|[\"“”«»‘’'\n,:.]| said| he| Obama){0,120}") {
        let qs = quotes_of(&text);
        for q in &qs.quotes {
            prop_assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
        }
        for r in &qs.reported {
            prop_assert_eq!(text.get(r.clause.start..r.clause.end), Some(r.clause_text.as_str()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Sentences that do not fit the text (analysed from another text) never make it panic.
    #[test]
    fn never_panics_on_mismatched_sentences(text in "(\\PC|[\"“”«»‘’'\n])*", other in "[a-zA-Z\" .,]{0,80}") {
        let sentences = analyzer().analyze(&other);
        let _ = extract_quotes(&text, &sentences);
        let _ = extract_quotes(&text, &[]);
    }
}

/// Speed against the analyser (debug build; the ratio is what matters):
/// `DATELINE_QUOTES_FILE=a.txt:b.txt cargo test -p dateline-code --test quotes
/// time_against_the_analyser -- --ignored --nocapture`.
#[test]
#[ignore]
fn time_against_the_analyser() {
    let Ok(paths) = std::env::var("DATELINE_QUOTES_FILE") else {
        println!("set DATELINE_QUOTES_FILE");
        return;
    };
    let texts: Vec<String> = paths
        .split(':')
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let analysed: Vec<_> = texts.iter().map(|t| analyzer().analyze(t)).collect();
    let t0 = std::time::Instant::now();
    for t in &texts {
        std::hint::black_box(analyzer().analyze(t));
    }
    let analyse = t0.elapsed();
    let t1 = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..10 {
        for (t, s) in texts.iter().zip(&analysed) {
            n += std::hint::black_box(extract_quotes(t, s)).quotes.len();
        }
    }
    let quotes = t1.elapsed() / 10;
    println!(
        "{} articles, {} quotes: analyser {:?}, quotes {:?} ({:.2} % of the analyser)",
        texts.len(),
        n / 10,
        analyse,
        quotes,
        100.0 * quotes.as_secs_f64() / analyse.as_secs_f64()
    );
}

/// Development aid: `DATELINE_QUOTES_FILE=article.txt cargo test -p dateline-code --test
/// quotes print_quotes_of_file -- --ignored --nocapture` prints what is read off a text.
#[test]
#[ignore]
fn print_quotes_of_file() {
    let Ok(path) = std::env::var("DATELINE_QUOTES_FILE") else {
        println!("set DATELINE_QUOTES_FILE");
        return;
    };
    for path in path.split(':') {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let qs = quotes_of(&text);
        // `DATELINE_QUOTES_JSON=out.json` writes the last file's quotes as the `quotes` and
        // `reported` fields of a `dateline code` document (for `score_gold.py`).
        if let Ok(out) = std::env::var("DATELINE_QUOTES_JSON") {
            std::fs::write(out, serde_json::to_string_pretty(&qs).unwrap()).unwrap();
        }
        println!("== {path}");
        for q in &qs.quotes {
            let sp = q.speaker.as_ref();
            println!(
                "Q u{}.{} {:?} partial={} conf={:.2} speaker={:?} ({:?}, as {:?}) verb={:?}\n   {:.100}",
                q.utterance,
                q.part,
                q.position,
                q.partial,
                q.confidence,
                sp.map(|s| s.name.as_str()),
                sp.map(|s| s.kind),
                sp.map(|s| s.text.as_str()),
                q.verb.as_ref().map(|v| v.text.as_str()),
                q.text.replace('\n', " ")
            );
        }
        for r in &qs.reported {
            println!(
                "R speaker={:?} verb={} :: {:.90}",
                r.speaker.as_ref().map(|s| s.name.as_str()),
                r.verb.text,
                r.clause_text.replace('\n', " ")
            );
        }
    }
}
