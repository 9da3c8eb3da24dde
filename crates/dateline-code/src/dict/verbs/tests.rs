//! Unit tests of every syntax feature on small snippets, error tests, and the five shipped
//! verb dictionaries read with their counts and lookups.

use super::*;
use std::path::{Path, PathBuf};

fn p2(text: &str) -> VerbDictionary {
    match read_verbs(Path::new("test.verbs"), text, 3, VerbFormat::Petrarch2) {
        Ok(dictionary) => dictionary,
        Err(error) => panic!("unexpected error: {error}"),
    }
}

fn p1(text: &str) -> VerbDictionary {
    match read_verbs(Path::new("test.verbs"), text, 3, VerbFormat::Petrarch1) {
        Ok(dictionary) => dictionary,
        Err(error) => panic!("unexpected error: {error}"),
    }
}

fn error_of(text: &str, format: VerbFormat) -> DictError {
    match read_verbs(Path::new("bad.verbs"), text, 0, format) {
        Ok(dictionary) => panic!("expected an error, read {dictionary:?}"),
        Err(error) => error,
    }
}

fn word(text: &str) -> PatternItem {
    PatternItem::Word {
        word: text.into(),
        adjacent: false,
    }
}

fn joined(text: &str) -> PatternItem {
    PatternItem::Word {
        word: text.into(),
        adjacent: true,
    }
}

fn synset(name: &str) -> PatternItem {
    PatternItem::Synset {
        name: name.into(),
        adjacent: false,
    }
}

fn code(active: Option<&str>, passive: Option<&str>) -> EventCodeSpec {
    EventCodeSpec {
        active: active.map(String::from),
        passive: passive.map(String::from),
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------- syntax features

#[test]
fn synsets_with_plural_marks_multiword_members_and_comments() {
    let d = p2("&CURRENCY\n# a comment inside\n+DOLLAR\n+CASH_\n\n+SWISS FRANC\n+IS_TO\n&AUXVERB1_\n+WAS\n");
    assert_eq!(d.synsets.len(), 2);
    let currency = &d.synsets["CURRENCY"];
    assert_eq!(currency.len(), 4);
    assert_eq!(
        currency[0],
        Phrase {
            words: strings(&["DOLLAR"]),
            stem: true
        }
    );
    assert_eq!(
        currency[1],
        Phrase {
            words: strings(&["CASH"]),
            stem: false
        }
    );
    assert_eq!(currency[2].words, strings(&["SWISS", "FRANC"]));
    assert_eq!(currency[3].words, strings(&["IS", "TO"]));
    // A `_` label: no plurals for any member.
    assert_eq!(
        d.synsets["AUXVERB1"],
        vec![Phrase {
            words: strings(&["WAS"]),
            stem: false
        }]
    );
    assert_eq!(synset_plural("DOLLAR"), "DOLLARS");
    assert_eq!(synset_plural("ENEMY"), "ENEMIES");
    assert_eq!(synset_plural("BUS"), "BUES");
}

#[test]
fn block_headers_and_codes() {
    let d = p2("--- A [---] ---\n--- B [042:043] ---\n--- C [:173]  ---\n--- D  ###\n--- E [120]---\n--- F [120]  [031:031]  ---\n--- G [1122] ---\n");
    let codes: Vec<(&str, EventCodeSpec)> = d
        .blocks
        .iter()
        .map(|b| (b.head.as_str(), b.code.clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("A", code(None, None)),
            ("B", code(Some("042"), Some("043"))),
            ("C", code(None, Some("173"))),
            ("D", code(None, None)),
            ("E", code(Some("120"), None)),
            ("F", code(Some("120"), None)),
            ("G", code(Some("1122"), None)),
        ]
    );
    assert_eq!(d.blocks[1].code.code_for(true), Some("043"));
    assert_eq!(d.blocks[2].code.code_for(false), None);
    assert_eq!(d.blocks[2].code.code_for(true), Some("173"));
    assert_eq!(d.blocks[6].code.code_for(true), Some("1122"));
    assert!(d.blocks[0].code.is_none());
    assert_eq!(d.blocks[4].origin, Origin { file: 3, line: 5 });
}

#[test]
fn verb_lines_irregular_forms_codes_and_regular_forms() {
    let d = p2("--- GIVE [070] ---\nGIVE {GAVE GIVEN GIVING}  # jw\nCLARIFY [040]\nRUSH\nSNUB [111] {SNUBS SNUBBING SNUBBED}\nRIP {RIPPING RIPS RIPPED};shan 7/11/93\nWIN\t[010]\nRE-OPEN\n");
    let verbs = &d.blocks[0].verbs;
    assert_eq!(
        verbs[0].forms,
        strings(&["GIVE", "GAVE", "GIVEN", "GIVING"])
    );
    assert_eq!(verbs[0].code, code(Some("070"), None));
    assert_eq!(
        verbs[1].forms,
        strings(&["CLARIFY", "CLARIFIES", "CLARIFYED", "CLARIFYING"])
    );
    assert_eq!(verbs[1].code, code(Some("040"), None));
    assert_eq!(
        verbs[2].forms,
        strings(&["RUSH", "RUSHS", "RUSHED", "RUSHING"])
    );
    assert_eq!(
        verbs[3].forms,
        strings(&["SNUB", "SNUBS", "SNUBBING", "SNUBBED"])
    );
    assert_eq!(verbs[3].code, code(Some("111"), None));
    assert_eq!(
        verbs[4].forms,
        strings(&["RIP", "RIPPING", "RIPS", "RIPPED"])
    );
    assert_eq!(verbs[5].code, code(Some("010"), None));
    assert_eq!(verbs[6].words, strings(&["RE-OPEN"]));
    assert_eq!(verbs[6].origin, Origin { file: 3, line: 8 });
}

#[test]
fn regular_form_rules_of_each_reader() {
    use VerbFormat::{Petrarch1, Petrarch2};
    assert_eq!(
        regular_forms("FIRE", Petrarch2),
        strings(&["FIRE", "FIRES", "FIRED", "FIRING"])
    );
    assert_eq!(
        regular_forms("AGREE", Petrarch2),
        strings(&["AGREE", "AGREES", "AGREED", "AGREEING"])
    );
    assert_eq!(
        regular_forms("FIX", Petrarch2),
        strings(&["FIX", "FIXES", "FIXED", "FIXING"])
    );
    assert_eq!(
        regular_forms("BUZZ", Petrarch2),
        strings(&["BUZZ", "BUZZES", "BUZZED", "BUZZING"])
    );
    assert_eq!(
        regular_forms("PASS", Petrarch2),
        strings(&["PASS", "PASSES", "PASSED", "PASSING"])
    );
    assert_eq!(
        regular_forms("PLAY", Petrarch2),
        strings(&["PLAY", "PLAIES", "PLAYED", "PLAYING"])
    );
    assert_eq!(
        regular_forms("E", Petrarch2),
        strings(&["E", "ES", "ED", "EING"])
    );
    assert_eq!(
        regular_forms("FIX", Petrarch1),
        strings(&["FIX", "FIXS", "FIXED", "FIXING"])
    );
    assert_eq!(
        regular_forms("AGREE", Petrarch1),
        strings(&["AGREE", "AGREES", "AGREED", "AGREING"])
    );
    assert_eq!(regular_forms("", Petrarch1), strings(&[""]));
}

#[test]
fn multiword_verbs_mark_the_verb_with_plus() {
    let d = p2(concat!(
        "--- X [---] ---\n",
        "+BEEF_UP  [174]\n",
        "RE_+ARREST\n",
        "KLM_NOP_+RST [002]\n",
        "+CARRY_OUT {+CARRIES_OUT +CARRIED_OUT +CARRYING_OUT}\n",
        "WIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }\n",
        "+ANGERED_BY {}\n",
        "+CRACK_DOWN {+CRACKED_DOWN , +CRACKS_DOWN}\n",
        "+BLOW_UP {+BLOWS_UP BLOWING_UP+ +BLEW_UP}\n",
        "LASH OUT\n",
    ));
    let v = &d.blocks[0].verbs;
    assert_eq!(
        (v[0].words.clone(), v[0].verb_word),
        (strings(&["BEEF", "UP"]), 0)
    );
    assert_eq!(v[0].forms, strings(&["BEEF", "BEEFS", "BEEFED", "BEEFING"]));
    assert_eq!(v[0].code, code(Some("174"), None));
    assert_eq!(v[0].after_verb(), &strings(&["UP"])[..]);
    assert_eq!(
        (v[1].lemma(), v[1].before_verb()),
        ("ARREST", &strings(&["RE"])[..])
    );
    assert_eq!(
        (v[2].lemma(), v[2].verb_word, v[2].code.clone()),
        ("RST", 2, code(Some("002"), None))
    );
    assert_eq!(v[2].before_verb(), &strings(&["KLM", "NOP"])[..]);
    assert_eq!(
        v[3].forms,
        strings(&["CARRY", "CARRIES", "CARRIED", "CARRYING"])
    );
    assert_eq!(v[4].forms, strings(&["TAP", "TAPPED", "TAPPING"]));
    assert_eq!(v[4].words, strings(&["WIRE", "TAP"]));
    assert_eq!(v[5].forms, strings(&["ANGERED"]));
    assert_eq!(v[6].forms, strings(&["CRACK", "CRACKED", "CRACKS"]));
    assert_eq!(v[7].forms, strings(&["BLOW", "BLOWS", "BLOWING", "BLEW"]));
    assert_eq!(
        (v[8].words.clone(), v[8].verb_word),
        (strings(&["LASH", "OUT"]), 0)
    );
    assert_eq!(
        v[8].forms,
        strings(&["LASH", "LASHS", "LASHED", "LASHING"]),
        "PETRARCH-2: -ES only after S, X, Z"
    );
}

#[test]
fn petrarch2_patterns_with_phrases_synsets_and_slots() {
    let d = p2(concat!(
        "&WEAPON\n+GUN\n",
        "--- ASK [---] ---\nASK\n",
        "- * (FOR {FIGHTER &WEAPON}) (OF +)    [0232]   # ASK <pas>\n",
        "- $ * (AS &NEGOTIATOR) (IN TALK) (WITH +)  [045]\n",
        "- &MILITARY * {MOCK ATTACKS}  [062:062]\n",
        "- * OFF (FROM ^) %   [042]\n",
        "- SPY_*_DEAL [---]\n",
        "- * {AIR_STRIKE} [013]\n",
        "- FIGHTER_&WEAPON * &FIGHT_GAMES [195]\n",
    ));
    let p = &d.blocks[0].patterns;
    assert_eq!(p.len(), 7);
    assert!(p[0].pre.is_empty());
    assert_eq!(
        p[0].post,
        vec![
            PatternItem::Prep(vec![
                word("FOR"),
                PatternItem::NounPhrase(vec![word("FIGHTER"), synset("WEAPON")])
            ]),
            PatternItem::Prep(vec![word("OF"), PatternItem::Target]),
        ]
    );
    assert_eq!(p[0].code, code(Some("0232"), None));
    assert_eq!(p[0].note.as_deref(), Some("ASK <pas>"));
    assert_eq!(p[0].origin, Origin { file: 3, line: 5 });
    assert_eq!(p[1].pre, vec![PatternItem::Source]);
    assert_eq!(p[1].post.len(), 3);
    assert_eq!(p[2].pre, vec![synset("MILITARY")]);
    assert_eq!(p[2].code, code(Some("062"), Some("062")));
    assert_eq!(
        p[3].post,
        vec![
            word("OFF"),
            PatternItem::Prep(vec![word("FROM"), PatternItem::Skip]),
            PatternItem::Compound
        ]
    );
    assert_eq!(p[3].note, None);
    assert_eq!(
        (p[4].pre.clone(), p[4].post.clone(), p[4].verb_adjacent),
        (vec![joined("SPY")], vec![word("DEAL")], true)
    );
    assert!(p[4].code.is_none());
    assert_eq!(
        p[5].post,
        vec![PatternItem::NounPhrase(vec![joined("AIR"), word("STRIKE")])]
    );
    assert_eq!(p[6].pre, vec![joined("FIGHTER"), synset("WEAPON")]);
    assert_eq!(
        p[6].post,
        vec![
            PatternItem::Synset {
                name: "FIGHT".into(),
                adjacent: true
            },
            word("GAMES")
        ]
    );
    // Only WEAPON is defined.
    let undefined: Vec<String> = d
        .undefined_synsets()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(undefined, strings(&["NEGOTIATOR", "MILITARY", "FIGHT"]));
}

#[test]
fn petrarch1_flat_patterns_with_adjacency_and_tolerated_oddities() {
    let d = p1(concat!(
        "--- SAY [010] ---\nSAY {SAYS SAID SAYING}\n",
        "- * + TOOK MEN_AND WOMEN &REFUGEE FROM TRANSPORT [1123]  # SAY <lrp>\n",
        "- DON'T_* [---]\n",
        "- $ DID_NOT_* CLOSE DOOR + [030]\n",
        "- *_ON_WITH OFFENSIVE [190]\n",
        "- * COMMIT * AID [033]\n",
        "- TIVILIAN [202]\n",
        "- SAID * AN OFFER + FOR TALKS # REJECT\n",
        "- * {A | B} [010]\n",
        "- * WORD_ (X) [010]\n",
        "-- + HAVE * BATTLES [190]\n",
        "- * DOWN FROM [080!]\n",
    ));
    let p = &d.blocks[0].patterns;
    assert_eq!(p.len(), 10, "the `{{A | B}}` disjunction is skipped");
    assert_eq!(p[0].post[0], PatternItem::Target);
    assert_eq!(p[0].post[2], joined("MEN"));
    assert_eq!(p[0].post[5], synset("REFUGEE"));
    assert_eq!(p[1].pre, vec![joined("DON'T")]);
    assert_eq!(
        p[2].pre,
        vec![PatternItem::Source, joined("DID"), joined("NOT")]
    );
    assert!(p[3].verb_adjacent);
    assert_eq!(
        p[3].post,
        vec![joined("ON"), word("WITH"), word("OFFENSIVE")]
    );
    assert_eq!(p[4].post, vec![word("COMMIT"), word("*"), word("AID")]);
    assert_eq!(
        (p[5].pre.clone(), p[5].post.is_empty()),
        (vec![word("TIVILIAN")], true)
    );
    assert!(p[6].code.is_none());
    assert_eq!(p[6].note.as_deref(), Some("REJECT"));
    assert_eq!(
        p[7].post,
        vec![word("WORD"), word("(X)")],
        "`XXX_ ` is `XXX `; brackets are plain"
    );
    assert_eq!(
        p[8].pre,
        vec![word("-"), PatternItem::Target, word("HAVE")][1..].to_vec()
    );
    assert_eq!(p[9].code, code(Some("080!"), None));
}

#[test]
fn xml_comments_single_and_multi_line() {
    let d = p2(concat!(
        "<!-- header -->\n",
        "--- A [010] --- <!-- trailing -->\n",
        "<!-- starts\n",
        "--- NOT_A_BLOCK [020] ---\n",
        "ends -->\n",
        "SAY <!-- inner --> [011]\n",
        "- * [012]\n",
    ));
    assert_eq!(d.blocks.len(), 1);
    assert_eq!(d.blocks[0].verbs[0].code, code(Some("011"), None));
    assert_eq!(d.blocks[0].patterns.len(), 1);
    assert_eq!(d.blocks[0].patterns[0].origin.line, 7);
}

#[test]
fn transformations_are_parsed() {
    let d = p2("~ a (a b ATTACK) SAY = a b 015\n~ a (b . ATTACK ) WANT = a b 021 # note\n~ x (y (z w HIT) SAY) CLAIM = x w Q\n");
    assert_eq!(d.transformations.len(), 3);
    let t = &d.transformations[0];
    assert_eq!(t.text, "a (a b ATTACK) SAY = a b 015");
    assert_eq!(t.event.source, "a");
    assert_eq!(t.event.verb, "SAY");
    let TransformTarget::Event(inner) = &t.event.target else {
        panic!("inner event expected")
    };
    assert_eq!(
        (inner.source.as_str(), inner.verb.as_str()),
        ("a", "ATTACK")
    );
    assert_eq!(inner.target, TransformTarget::Actor("b".into()));
    assert_eq!(
        t.result,
        TransformResult {
            source: "a".into(),
            target: "b".into(),
            code: "015".into()
        }
    );
    assert_eq!(d.transformations[1].result.code, "021");
    assert_eq!(d.transformations[2].result.code, "Q");
    assert_eq!(d.transformations[2].origin.line, 3);
}

#[test]
fn a_star_line_in_a_block_is_a_pattern_missing_its_dash() {
    let d = p2("--- Q [---] ---\nQUESTION\n* (TO QUESTION) [110]\n");
    assert_eq!(d.blocks[0].patterns.len(), 1);
    assert_eq!(d.blocks[0].verbs.len(), 1);
}

#[test]
fn tolerated_petrarch_quirks() {
    // `[###]`: the comment starts inside the code; an empty code, as PETRARCH reads it.
    let d = p2("--- A [010] ---\nA\n- * DIPLXMATIC  [###]  # -PAS\n- * VENTURE (WITH VISIT)   VISIT)[042:043]\n");
    let p = &d.blocks[0].patterns;
    assert!(p[0].code.is_none());
    assert_eq!(p[0].post, vec![word("DIPLXMATIC")]);
    assert_eq!(
        p[1].post,
        vec![
            word("VENTURE"),
            PatternItem::Prep(vec![word("WITH"), word("VISIT")])
        ]
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn malformed_lines_name_file_and_line() {
    use VerbFormat::{Petrarch1, Petrarch2};
    let cases: &[(&str, VerbFormat, usize, &str)] = &[
        (
            "--- A [010] ---\nA\n- * (TO BORDER [154]\n",
            Petrarch2,
            3,
            "unclosed `(`",
        ),
        (
            "--- A [010] ---\nA\n\n- * {MOCK (ATTACK} [154]\n",
            Petrarch2,
            4,
            "`(` closed by `}`",
        ),
        (
            "--- A [010] ---\n- * ((TO X)) [1]\n",
            Petrarch2,
            2,
            "nested `(`",
        ),
        ("--- A [010] ---\n- * () [1]\n", Petrarch2, 2, "empty `()`"),
        (
            "--- A [010] ---\n- * X [01 2]\n",
            Petrarch2,
            2,
            "bad event code",
        ),
        (
            "--- A [010] ---\n- * X [1:2:3]\n",
            Petrarch2,
            2,
            "bad event code",
        ),
        (
            "--- A [010] ---\n- * X []\n",
            Petrarch2,
            2,
            "empty event code",
        ),
        (
            "--- A [010] ---\n- * X [010\n",
            Petrarch1,
            2,
            "unclosed `[`",
        ),
        (
            "--- A [010] ---\n- * X [010] Y\n",
            Petrarch1,
            2,
            "text after the pattern code",
        ),
        (
            "--- A [010] ---\n- * X\n",
            Petrarch2,
            2,
            "without an event code",
        ),
        (
            "--- A [010] ---\n- X [010]\n",
            Petrarch2,
            2,
            "without the verb",
        ),
        (
            "--- A [010] ---\n- * X * Y [010]\n",
            Petrarch2,
            2,
            "more than one verb",
        ),
        (
            "--- A [010] ---\n- (TO *) [010]\n",
            Petrarch2,
            2,
            "inside brackets",
        ),
        (
            "--- A [010] ---\n- * & X [010]\n",
            Petrarch2,
            2,
            "bad synset name",
        ),
        (
            "--- A [0:1 ---\n",
            Petrarch2,
            1,
            "unclosed `[` in block header",
        ),
        ("--- [010] ---\n", Petrarch2, 1, "without a name"),
        ("- * X [010]\n", Petrarch2, 1, "before the first"),
        ("# c\nSAY\n", Petrarch1, 2, "before the first"),
        (
            "--- A [010] ---\nGIVE {GAVE GIVEN\n",
            Petrarch2,
            2,
            "unclosed `{`",
        ),
        ("--- A [010] ---\nGIVE [010\n", Petrarch2, 2, "unclosed `[`"),
        (
            "--- A [010] ---\nGIVE {A} {B}\n",
            Petrarch2,
            2,
            "more than one",
        ),
        ("--- A [010] ---\n[010]\n", Petrarch2, 2, "names no verb"),
        ("--- A [010] ---\nGI$VE\n", Petrarch2, 2, "bad verb"),
        ("&\n", Petrarch2, 1, "bad synset label"),
        ("&SET\n+\n", Petrarch2, 2, "empty synset member"),
        (
            "~ a (a b ATTACK SAY = a b 015\n",
            Petrarch2,
            1,
            "bad transformation",
        ),
        ("~ a (a b ATTACK) SAY a b 015\n", Petrarch2, 1, "no `=`"),
        ("~ a (a b ATTACK) SAY = a b\n", Petrarch2, 1, "right side"),
    ];
    for (text, format, line, message) in cases {
        let error = error_of(text, *format);
        assert_eq!(error.line, *line, "{text:?} → {error}");
        assert!(error.message.contains(message), "{text:?} → {error}");
        assert_eq!(error.path, PathBuf::from("bad.verbs"));
        assert!(error
            .to_string()
            .starts_with(&format!("bad.verbs:{line}: ")));
    }
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "---",
        "-",
        "*",
        "~",
        "&",
        "+",
        "{",
        "}",
        "[",
        "]",
        "--- A\n-",
        "--- A\n- *_",
        "--- A\n- _*_",
        "--- é [é] ---",
        "--- A ---\nÉ {É}\n- * é [1]",
        "--- A ---\n- ) [1]",
    ] {
        for format in [VerbFormat::Petrarch1, VerbFormat::Petrarch2] {
            let _ = read_verbs(Path::new("x"), text, 0, format);
            let _ = detect_format(text);
        }
    }
}

// ---------------------------------------------------------------- format detection, merge, index

#[test]
fn detect_format_from_content() {
    assert_eq!(
        detect_format("--- A [1] ---\nA\n- * (TO X) [1]\n"),
        VerbFormat::Petrarch2
    );
    assert_eq!(
        detect_format("--- A [1] ---\nA\n- * {X Y} [1]\n"),
        VerbFormat::Petrarch2
    );
    assert_eq!(
        detect_format("~ a (a b ATTACK) SAY = a b 015\n"),
        VerbFormat::Petrarch2
    );
    assert_eq!(
        detect_format("--- A [1] ---\nA\n- * X_Y + [1] # (note)\n"),
        VerbFormat::Petrarch1
    );
}

#[test]
fn merge_appends_patterns_and_repoints_verbs() {
    let mut base = p2("&S\n+A\n--- FIRE [190] ---\nFIRE\nSHOOT {SHOT SHOOTING SHOOTS}\n- * X [190]\n--- SAY [010] ---\nSAY {SAID}\n");
    let user = p2("&S\n+B\n--- FIRE [195] ---\n- * Y [195]\n--- DISMISS [---] ---\nFIRE\n~ a (a b FIRE) SAY = a b 015\n");
    base.merge(user);
    assert_eq!(base.blocks.len(), 3);
    let fire = &base.blocks[0];
    assert_eq!(fire.code, code(Some("195"), None));
    assert_eq!(fire.patterns.len(), 2);
    assert_eq!(fire.verbs.len(), 1, "FIRE moved to DISMISS");
    assert_eq!(base.synsets["S"][0].words, strings(&["B"]));
    assert_eq!(base.transformations.len(), 1);
    let index = base.index();
    assert_eq!(index.lookup("fired"), &[(2, 0)]);
    assert_eq!(index.lookup("shot"), &[(0, 0)]);
}

#[test]
fn index_looks_up_forms_and_lemmas_in_any_case() {
    let d = p2("--- FLY [---] ---\nFLY {FLYING FLIES FLEW FLOWN}\n+FLY_OUT\n--- SAY [010] ---\nSAY {SAID}\n");
    let index = d.index();
    assert_eq!(index.lookup("flew"), &[(0, 0)]);
    assert_eq!(index.lookup("FLY"), &[(0, 0), (0, 1)]);
    assert_eq!(index.lookup("Said"), &[(1, 0)]);
    assert_eq!(index.lookup_lemma("fly"), &[(0, 0), (0, 1)]);
    assert_eq!(index.lookup("flown"), &[(0, 0)]);
    assert!(index.lookup("flewn").is_empty());
    assert!(index.lookup_lemma("flew").is_empty());
    fn send_sync<T: Send + Sync>() {}
    send_sync::<VerbIndex>();
    send_sync::<VerbDictionary>();
}

#[test]
fn serde_round_trip() {
    let d = p2(
        "&S_\n+A B\n--- A [1:2] ---\n+A_B {+AS_B}\n- $ * (TO {X &S}) [3]\n~ a (a b A) A = a b 1\n",
    );
    let json = match serde_json::to_string(&d) {
        Ok(json) => json,
        Err(error) => panic!("{error}"),
    };
    let back: VerbDictionary = match serde_json::from_str(&json) {
        Ok(back) => back,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(back, d);
}

// ---------------------------------------------------------------- the shipped dictionaries

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!("skipping: shared data not found at {}", dir.display());
        None
    }
}

fn read_shared(dir: &Path, name: &str, format: VerbFormat) -> (VerbDictionary, String) {
    let path = dir.join(name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => panic!("{}: {error}", path.display()),
    };
    match read_verbs(&path, &text, 0, format) {
        Ok(dictionary) => (dictionary, text),
        Err(error) => panic!("{error}"),
    }
}

/// (synsets, blocks, verb lines, patterns, transformations)
fn counts(d: &VerbDictionary) -> (usize, usize, usize, usize, usize) {
    (
        d.synsets.len(),
        d.blocks.len(),
        d.blocks.iter().map(|b| b.verbs.len()).sum(),
        d.blocks.iter().map(|b| b.patterns.len()).sum(),
        d.transformations.len(),
    )
}

fn block_code(d: &VerbDictionary, hit: (u32, u32)) -> (&str, &EventCodeSpec) {
    let block = &d.blocks[hit.0 as usize];
    (block.head.as_str(), &block.verbs[hit.1 as usize].code)
}

#[test]
fn cameo_2_0_reads_with_readme_counts_and_lookups() {
    let Some(dir) = data_dir() else { return };
    let started = std::time::Instant::now();
    let (d, text) = read_shared(&dir, "dictionaries/CAMEO.2.0.txt", VerbFormat::Petrarch2);
    eprintln!("CAMEO.2.0.txt read in {:?}", started.elapsed());
    // README: 40 synsets, 397 blocks, 4,668 pattern lines, 8 transformations; 1,817 verb lines
    // (counted with awk outside the reader).
    assert_eq!(counts(&d), (40, 397, 1817, 4668, 8));
    assert_eq!(detect_format(&text), VerbFormat::Petrarch2);
    assert_eq!(d.synsets["CURRENCY"][0].words, strings(&["MONEY"]));
    assert!(!d.synsets["CURRENCY"][2].stem, "+CASH_ takes no plural");
    let undefined: Vec<String> = d.undefined_synsets().into_iter().map(|(n, _)| n).collect();
    assert_eq!(undefined, strings(&["WEATHER", "DEMONSTRATION"]));

    let index = d.index();
    // FIRE (line 8704) is in EXPLOSIVE_DESTRUCTION [190]; "fired" is a generated form.
    let fired: Vec<_> = index
        .lookup("fired")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    assert_eq!(
        fired,
        vec![("EXPLOSIVE_DESTRUCTION", &code(Some("190"), None))]
    );
    assert_eq!(index.lookup("FIRE"), index.lookup("fired"));
    // FLY {FLYING FLIES FLEW FLOWN} in FLY [---].
    let flew: Vec<_> = index
        .lookup("flew")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    assert_eq!(flew, vec![("FLY", &code(None, None))]);
    assert_eq!(index.lookup_lemma("fly"), index.lookup("flew"));
    // MEET {MEETS MET MEETING} and +MEET_WITH {+MET_WITH ...} in MEET_PEOPLE [040].
    let met: Vec<_> = index
        .lookup("met")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    let forty = code(Some("040"), None);
    assert_eq!(met, vec![("MEET_PEOPLE", &forty), ("MEET_PEOPLE", &forty)]);
    let met_words: Vec<&Vec<String>> = index
        .lookup("met")
        .iter()
        .map(|&(block, verb)| &d.blocks[block as usize].verbs[verb as usize].words)
        .collect();
    assert_eq!(
        met_words,
        vec![&strings(&["MEET", "WITH"]), &strings(&["MEET"])]
    );
    // ACCUSE [112] in BLAME [112].
    let accused: Vec<_> = index
        .lookup("accused")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    assert_eq!(accused, vec![("BLAME", &code(Some("112"), None))]);
    // URGE is not a verb in CAMEO.2.0.txt (it is in the PETRARCH-1 file).
    assert!(index.lookup("urged").is_empty());
    // A multi-word verb: +ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020] in ASK.
    let ask = &d.blocks[index.lookup("asked")[0].0 as usize];
    assert_eq!(ask.head, "ASK");
    let ask_for = &ask.verbs[0];
    assert_eq!(ask_for.words, strings(&["ASK", "FOR"]));
    assert_eq!(ask_for.forms, strings(&["ASK", "ASKED", "ASKING", "ASKS"]));
    assert_eq!(ask_for.code, code(Some("020"), None));
    // The README's example pattern line.
    let accuse_pattern = d
        .blocks
        .iter()
        .flat_map(|b| &b.patterns)
        .find(|p| {
            p.post
                == vec![PatternItem::Prep(vec![
                    word("OF"),
                    PatternItem::NounPhrase(vec![word("RIGHTS"), word("ABUSES")]),
                ])]
        })
        .map(|p| (p.code.clone(), p.note.clone()));
    assert_eq!(
        accuse_pattern,
        Some((code(Some("1122"), None), Some("ACCUSE".to_string())))
    );
    // The 8 transformations: the first says `a (a b ATTACK) SAY = a b 015`.
    assert_eq!(d.transformations[0].result.code, "015");
    assert_eq!(d.transformations[7].event.verb, "ATTEMPT");
}

#[test]
fn cameo_verbpatterns_p1_reads_with_readme_counts_and_lookups() {
    let Some(dir) = data_dir() else { return };
    let (d, text) = read_shared(
        &dir,
        "dictionaries/CAMEO.verbpatterns.150430.txt",
        VerbFormat::Petrarch1,
    );
    // README: 396 blocks, 11,010 pattern lines (counted as `^- `); line 12935 is a twelfth
    // thousand-and-first pattern written `-- + HAVE * BATTLES IN + [190]`, which PETRARCH-1
    // reads as a pattern too. 38 synsets, 1,860 verb lines.
    assert_eq!(counts(&d), (38, 396, 1860, 11011, 0));
    assert_eq!(detect_format(&text), VerbFormat::Petrarch1);
    assert!(d.undefined_synsets().is_empty());
    let index = d.index();
    // URGE (line 12514) in CALLED_FOR [020]; PETRARCH-1's rule gives URGED.
    let urged: Vec<_> = index
        .lookup("urged")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    assert_eq!(urged, vec![("CALLED_FOR", &code(Some("020"), None))]);
    let fired: Vec<_> = index
        .lookup("fired")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    assert_eq!(
        fired,
        vec![("EXPLOSIVE_DESTRUCTION", &code(Some("190"), None))]
    );
    let met: Vec<_> = index
        .lookup("met")
        .iter()
        .map(|hit| block_code(&d, *hit))
        .collect();
    let forty = code(Some("040"), None);
    assert_eq!(met, vec![("MEET_PEOPLE", &forty), ("MEET_PEOPLE", &forty)]);
    // Two patterns have no code (PETRARCH-1 keeps an empty one).
    let lines: Vec<&str> = text.lines().collect();
    let without_code: Vec<u32> = d
        .blocks
        .iter()
        .flat_map(|b| &b.patterns)
        .filter(|p| !lines[p.origin.line as usize - 1].contains('['))
        .map(|p| p.origin.line)
        .collect();
    assert_eq!(without_code, vec![5860, 8733]);
    for line in without_code {
        let pattern = d
            .blocks
            .iter()
            .flat_map(|b| &b.patterns)
            .find(|p| p.origin.line == line);
        assert!(pattern.is_some_and(|p| p.code.is_none()));
    }
}

#[test]
fn validation_dictionaries_read() {
    let Some(dir) = data_dir() else { return };
    let (d, _) = read_shared(
        &dir,
        "petrarch2/PETR.Validate.verbs.txt",
        VerbFormat::Petrarch2,
    );
    assert_eq!(counts(&d), (17, 261, 269, 474, 0));
    let (d, _) = read_shared(
        &dir,
        "petrarch1/PETR.Validate.verbs.txt",
        VerbFormat::Petrarch1,
    );
    assert_eq!(counts(&d), (16, 261, 268, 474, 0));
    // 31 `&` lines, PREPOSIT1 defined twice (members appended); 358 `- ` patterns plus
    // `* (TO QUESTION) [110]` written without its dash.
    let (d, _) = read_shared(
        &dir,
        "universalpetrarch/PETR_Validate_verbs_2_02.txt",
        VerbFormat::Petrarch2,
    );
    assert_eq!(counts(&d), (30, 69, 127, 359, 0));
    let undefined: Vec<String> = d.undefined_synsets().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        undefined,
        strings(&["DEFENSE", "PKO", "REFUGEE", "SECURITY"])
    );
    let up_text =
        std::fs::read_to_string(dir.join("universalpetrarch/PETR_Validate_verbs_2_02.txt"));
    assert_eq!(
        up_text.map(|text| detect_format(&text)).ok(),
        Some(VerbFormat::Petrarch2)
    );
}

proptest::proptest! {
    /// Any mix of the syntax's characters reads to a dictionary or an error, never a panic.
    #[test]
    fn never_panics(text in "([-+*&$%^~_(){}\\[\\]:#<!>;,. \nA-Z0-9é]){0,120}") {
        for format in [VerbFormat::Petrarch1, VerbFormat::Petrarch2] {
            if let Ok(dictionary) = read_verbs(Path::new("x"), &text, 0, format) {
                let _ = dictionary.index();
                let _ = dictionary.undefined_synsets();
            }
        }
        let _ = detect_format(&text);
    }
}
