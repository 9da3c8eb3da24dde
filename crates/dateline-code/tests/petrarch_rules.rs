//! PETRARCH's coding rules that the coder follows for any text, checked with a small
//! hand-built dictionary set (PETRARCH syntax) and the bundled parser: symmetric `[a:b]`
//! codes, reciprocal cooperation of coordinated sources, compound actor codes, agents
//! combined with actors across a noun phrase, agents without actors (`---ROLE`), a
//! modifier's actor shared by coordinated role nouns, patterns that name a negation, and
//! targets in prepositional phrases.

use chrono::NaiveDate;
use dateline_code::coder::{CodedArticle, Coder, CoderOptions, DyadRule};
use dateline_code::dict::set::DictKind;
use dateline_code::dict::Dictionaries;
use dateline_nlp::pipeline::Analyzer;
use once_cell::sync::Lazy;
use std::path::Path;

const ACTORS: &str = "\
GONDOR  [GON]
OSGILIATH  [OSG]
ARNOR  [ARN]
FORNOST  [FOR]
THE_SHIRE  [FRO/BIL/SAM]
DANISH  [DNK]
UMBARDACIL  [ARN]
GOLLUM  [HOB]
";

const AGENTS: &str = "\
GOVERNMENT  [~GOV]
MEDIA {} [~MED]
LAWMAKER {LAWMAKERS} [~LEG]
PRESIDENT  [~GOV]
";

const VERBS: &str = "\
&NEGAUX
+DID_N'T
+DID_NOT

--- MEET  [040:040]  ---
MEET {MET MEETS MEETING}

--- RESTORE  [064]  ---
RESTORE

--- WARN  [130]  ---
WARN

--- BOYCOTT  [081]  ---
BOYCOTT

--- CLASH  [190]  ---
CLASH
- &NEGAUX * OVER EFFORTS  [904]
- * OVER EFFORTS  [110]
";

static ANALYZER: Lazy<Analyzer> = Lazy::new(|| Analyzer::bundled().expect("bundled models"));
static CODER: Lazy<Coder> = Lazy::new(|| {
    let mut dicts = Dictionaries::empty();
    for (name, text, kind) in [
        ("test.actors.txt", ACTORS, DictKind::Actors),
        ("test.agents.txt", AGENTS, DictKind::Agents),
        ("test.verbs.txt", VERBS, DictKind::Verbs),
    ] {
        dicts
            .add_text(Path::new(name), text, kind)
            .expect("test dictionary");
    }
    // Written with the struct update so that new options keep their defaults.
    #[allow(clippy::needless_update)]
    let options = CoderOptions {
        dyads: DyadRule::Always,
        nominal_events: false,
    };
    Coder::new(dicts.compile(), options)
});

fn code(text: &str) -> Vec<String> {
    let sentences = ANALYZER.analyze(text);
    let coded: CodedArticle = CODER.code_sentences(&sentences, NaiveDate::from_ymd_opt(1995, 1, 4));
    let mut out: Vec<String> = coded
        .events
        .iter()
        .map(|e| {
            format!(
                "{}>{}:{}",
                e.source.as_ref().map_or("---", |a| a.code.as_str()),
                e.target.as_ref().map_or("---", |a| a.code.as_str()),
                e.cameo
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn has(got: &[String], want: &str) -> bool {
    got.iter().any(|g| g == want)
}

#[test]
fn a_symmetric_code_codes_both_directions() {
    let got = code("Gondor met Osgiliath on Monday.");
    assert!(has(&got, "GON>OSG:040"), "{got:?}");
    assert!(has(&got, "OSG>GON:040"), "{got:?}");
}

#[test]
fn coordinated_sources_of_cooperation_act_towards_each_other() {
    let got = code("Gondor and Osgiliath restored diplomatic ties on Monday.");
    assert!(has(&got, "GON>OSG:064"), "{got:?}");
    assert!(has(&got, "OSG>GON:064"), "{got:?}");
}

#[test]
fn a_compound_actor_code_stands_for_each_of_its_actors() {
    let got = code("The Shire restored diplomatic ties with Gondor on Monday.");
    for s in ["FRO", "BIL", "SAM"] {
        assert!(has(&got, &format!("{s}>GON:064")), "{got:?}");
    }
}

#[test]
fn the_object_without_an_actor_leaves_the_target_to_a_prepositional_phrase() {
    let got = code("Arnor is about to restore full diplomatic ties with Gondor.");
    assert!(has(&got, "ARN>GON:064"), "{got:?}");
}

#[test]
fn roles_combine_with_every_actor_of_their_phrase() {
    let got = code("Lawmakers in Fornost and Gondor restored diplomatic ties with Arnor.");
    assert!(has(&got, "FORLEG>ARN:064"), "{got:?}");
    assert!(has(&got, "GONLEG>ARN:064"), "{got:?}");
}

#[test]
fn a_role_without_an_actor_has_the_null_actor() {
    let got = code("The government warned Gondor on Monday.");
    assert!(has(&got, "---GOV>GON:130"), "{got:?}");
}

#[test]
fn coordinated_roles_share_their_modifier_actor() {
    let got = code("The Danish media and government warned Gondor on Monday.");
    assert!(has(&got, "DNKMED>GON:130"), "{got:?}");
    assert!(has(&got, "DNKGOV>GON:130"), "{got:?}");
}

#[test]
fn a_pattern_that_names_the_negation_codes_the_negated_verb() {
    let got = code("Gondor didn't clash over the efforts of Arnor.");
    assert!(has(&got, "GON>ARN:904"), "{got:?}");
    let got = code("Gondor did not meet Arnor on Monday.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_name_split_from_its_title_is_one_actor() {
    let got = code("Arnor President Umbardacil has again warned Gondor.");
    assert!(has(&got, "ARNGOV>GON:130"), "{got:?}");
}

#[test]
fn a_participle_inside_the_object_gives_its_actor() {
    let got = code("Gollum boycotted the parade supporting Gondor on Saturday.");
    assert!(has(&got, "HOB>GON:081"), "{got:?}");
}
