//! The coder and the dictionary readers never panic on input: arbitrary article text through
//! the bundled analyser and coder, arbitrary dictionary file contents through
//! `Dictionaries::add_file` (errors are fine, panics are not), and random or damaged bytes
//! through `Dictionaries::from_bytes`.

use std::sync::OnceLock;

use chrono::NaiveDate;
use dateline_code::coder::{Coder, CoderOptions, DyadRule};
use dateline_code::dict::set::{DictKind, Dictionaries, BUNDLED_DICTIONARIES};
use dateline_nlp::pipeline::Analyzer;
use proptest::prelude::*;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::bundled().expect("the bundled models load"))
}

fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| {
        let dicts = Dictionaries::bundled().expect("the bundled dictionaries load");
        Coder::new(dicts.compile(), CoderOptions::default())
    })
}

/// Words the dictionaries and the coder react to, so that random text reaches actors, agents,
/// verbs, negation, passives, pronouns and discards, not only unknown words.
const NEWS_WORDS: &[&str] = &[
    "Egypt",
    "Israel",
    "Israeli",
    "Hamas",
    "Gaza",
    "the",
    "United",
    "States",
    "Russia",
    "French",
    "police",
    "rebels",
    "minister",
    "foreign",
    "prime",
    "president",
    "government",
    "met",
    "meet",
    "accused",
    "condemned",
    "fired",
    "rockets",
    "into",
    "by",
    "were",
    "was",
    "not",
    "did",
    "will",
    "expected",
    "to",
    "with",
    "and",
    "or",
    "of",
    "on",
    "in",
    "he",
    "she",
    "it",
    "they",
    "its",
    "their",
    "who",
    "which",
    "said",
    "a",
    "meeting",
    "attack",
    "attacks",
    "ceasefire",
    "talks",
    "Kerry",
    "Netanyahu",
    "Obama",
    "killed",
    "arrested",
    "protesters",
    "football",
    "Chicago",
    "Bears",
    ",",
    ".",
    "'s",
    "\"",
    "(",
    ")",
    ";",
    ":",
    "-",
    "—",
    "?",
    "\n",
    "\n\n",
    "UN",
    "NATO",
    "Secretary",
    "of",
    "State",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NEWS_WORDS), 0..60).prop_map(|w| w.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        news_text(),
        any::<String>(),
        "[A-Za-z0-9 ,.'\"()\\-\u{2014}\u{00e9}\u{0627}\n]{0,300}",
    ]
}

fn any_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (1900i32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

/// Pieces of PETRARCH/Phoenix dictionary syntax (actors, agents, verbs, discards, issues),
/// joined at random: most files are malformed in interesting ways, some are well formed.
const DICT_PIECES: &[&str] = &[
    "EGYPT_",
    "GONDOR_",
    "UNITED_STATES_",
    "+SYNONYM_",
    "[EGY]",
    "[USAGOV >130201]",
    "[AFGGOVEDU 041001-041231]",
    "[IGOUNO <991231]",
    "[~COP]",
    "[~GOV]",
    "[",
    "]",
    "[]",
    "[---]",
    "[040]",
    "[0871:0871]",
    "[:]",
    "<",
    ">",
    "-",
    "041001-",
    "-041231",
    "991399",
    "---  MEET   [040]  ---",
    "---  ",
    "  ---",
    "MEET {MEETS MET MEETING }",
    "{",
    "}",
    "(",
    ")",
    "- * ",
    "- ",
    "* ",
    "*",
    "$",
    "+",
    "%",
    "^",
    "&CEASEFIRE",
    "&",
    "&ROCKET",
    "+ROCKET",
    "(INTO +)",
    "{TEAR GAS}",
    "~",
    "~ ",
    "!MINIST! = MINISTER, MINISTERS",
    "!MINIST!",
    "!",
    "=",
    ",",
    "<ISSUE CATEGORY=\"TERROR\" TYPE=\"X\">",
    "</ISSUE>",
    "n:",
    "n:police",
    "#",
    "# comment",
    "\t",
    "\t\t",
    " ",
    "  ",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "_",
    "__",
    "POLICE_OFFICER",
    "+CHICAGO BEARS",
    "MINISTER",
    "\u{00e9}",
    "\u{0000}",
    "\u{feff}",
    "0",
    "999999999999",
];

fn dict_text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(DICT_PIECES), 0..80)
            .prop_map(|p| p.concat().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..400),
        1 => any::<String>().prop_map(String::into_bytes),
    ]
}

fn dict_kind() -> impl Strategy<Value = DictKind> {
    prop::sample::select(vec![
        DictKind::Actors,
        DictKind::Agents,
        DictKind::Verbs,
        DictKind::Discards,
        DictKind::Issues,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn coder_never_panics_on_text(text in any_text(), date in any_date(), dyad in any::<bool>()) {
        let sentences = analyzer().analyze(&text);
        let coded = coder().code_sentences(&sentences, date);
        // Evidence offsets point into the sentence they were found in.
        for e in &coded.events {
            prop_assert!(e.sentence_index < sentences.len());
            prop_assert!(e.trigger.start <= e.trigger.end && e.trigger.end <= text.len());
            prop_assert!(text.is_char_boundary(e.trigger.start) && text.is_char_boundary(e.trigger.end));
        }
        let dyads = if dyad { DyadRule::Always } else { DyadRule::Never };
        let options = CoderOptions { dyads, ..CoderOptions::default() };
        let coded = coder().code_sentences_with(&sentences, date, &options);
        if dyad {
            prop_assert!(coded.events.iter().all(|e| e.source.is_some() && e.target.is_some()));
        }
        // The default keeps one-sided events only for material conflict.
        let coded = coder().code_sentences(&sentences, date);
        for e in &coded.events {
            prop_assert!(
                (e.source.is_some() && e.target.is_some()) || e.quad_class == Some(4),
                "{e:?}"
            );
        }
    }

    #[test]
    fn dictionary_files_never_panic(contents in dict_text(), kind in dict_kind(), text in news_text()) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("random.txt");
        std::fs::write(&path, &contents).expect("the file is written");
        let mut dicts = Dictionaries::empty();
        match dicts.add_file(&path, kind) {
            Err(e) => {
                // An error names the file.
                prop_assert!(e.to_string().contains("random.txt"), "{e}");
            }
            Ok(()) => {
                // Whatever was read compiles, codes and round-trips through the compiled form.
                let bytes = dicts.to_bytes().expect("a read set serialises");
                let back = Dictionaries::from_bytes(&bytes).expect("and reads back");
                prop_assert_eq!(&back, &dicts);
                let coder = Coder::new(dicts.compile(), CoderOptions::default());
                let sentences = analyzer().analyze(&text);
                let _ = coder.code_sentences(&sentences, None);
            }
        }
    }

    #[test]
    fn from_bytes_never_panics_on_random_bytes(mut bytes in prop::collection::vec(any::<u8>(), 0..2000), header in any::<bool>()) {
        if header {
            // Past the magic and the version, into the postcard body.
            let mut b = b"DLDICT\x01\x00".to_vec();
            b.append(&mut bytes);
            bytes = b;
        }
        let _ = Dictionaries::from_bytes(&bytes);
    }
}

proptest! {
    // Each case decodes up to the whole 2.4 MB set: fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn from_bytes_rejects_truncated_bundled_set(cut in 0usize..BUNDLED_DICTIONARIES.len()) {
        prop_assert!(Dictionaries::from_bytes(&BUNDLED_DICTIONARIES[..cut]).is_err());
    }

    #[test]
    fn from_bytes_never_panics_on_damaged_bundled_set(at in 0usize..BUNDLED_DICTIONARIES.len(), byte in any::<u8>()) {
        let mut bytes = BUNDLED_DICTIONARIES.to_vec();
        bytes[at] = byte;
        let _ = Dictionaries::from_bytes(&bytes);
    }
}

#[test]
fn bundled_set_reads_and_is_not_empty() {
    let d = Dictionaries::from_bytes(BUNDLED_DICTIONARIES).expect("the bundled set reads");
    assert!(d.actors.len() > 1000 && d.agents.len() > 100 && !d.verbs.blocks.is_empty());
}
