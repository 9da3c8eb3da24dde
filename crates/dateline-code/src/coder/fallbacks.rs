//! Arguments the parse did not give directly, found the way PETRARCH finds them in its
//! phrase tree, so that they hold under common parse errors:
//!
//! * **Target from a prepositional phrase.** When the verb's object holds no actor, the
//!   first of its prepositional phrases that does is the target ("restore ties with
//!   Gondor"; PETRARCH-2 `VerbPhrase.get_lower`: noun-phrase codes, else prepositional
//!   ones). Only named actors count there: a role word alone in a circumstance ("on his
//!   official visit") is not a target.
//! * **Target inside a pattern's phrase.** When a verb pattern matched words of the clause
//!   (`- * (OVER EFFORTS)`), the actor of those words' noun phrase is the target when the
//!   parse gave none ("clashed over the efforts of Eriadori").
//! * **Subject from the words before the verb.** A verb without a subject whose clause starts
//!   with an actor not introduced by a preposition takes it as source: the tagger sometimes
//!   reads an unknown name as an adverb or a modifier ("Osgiliath welcomed …"); PETRARCH
//!   takes the noun phrase before the verb phrase.
//! * **Reciprocal possessive.** "Gondor and Osgiliath postponed their meeting": a plural
//!   pronoun target ("their", "them", "each other") of coordinated sources stands for those
//!   sources, so each acts towards the other.

use super::view::SentenceView;
use super::EventActor;

type Resolve<'a> = dyn Fn(&[usize]) -> Vec<Option<EventActor>> + 'a;

#[allow(clippy::too_many_arguments)]
pub(crate) fn complete_arguments(
    view: &SentenceView<'_>,
    v: usize,
    nominal_or_passive: bool,
    sources: &mut Vec<Option<EventActor>>,
    targets: &mut Vec<Option<EventActor>>,
    resolve: &Resolve<'_>,
    obliques: &[usize],
    pattern_words: &[usize],
    code: &str,
) {
    if nominal_or_passive {
        return;
    }
    if targets.is_empty() {
        for &o in obliques {
            let found: Vec<Option<EventActor>> = resolve(&[o])
                .into_iter()
                .filter(|a| a.as_ref().is_some_and(|a| !a.code.starts_with("---")))
                .collect();
            if !found.is_empty() {
                *targets = found;
                break;
            }
        }
    }
    // Places ("in", "from", "at") are where, not to whom — except for the meetings, visits
    // and departures of cooperation codes ("arrived in Gondor", "departed from Libya"), the
    // `at` of force and criticism ("fired at Seoul"), and an actor inside the place phrase
    // ("risen in the dispute with Osgiliath"); then what the act is about ("warned of",
    // "about", "over"), as PETRARCH takes any prepositional phrase's actor.
    if targets.is_empty() {
        let cooperation = matches!(
            code.get(..2),
            Some("01" | "02" | "03" | "04" | "05" | "06" | "07" | "08")
        );
        let mut places: Vec<usize> = view
            .children_with(v, "obl")
            .filter(|&c| view.deprel(c) != "obl:tmod")
            .filter(|&c| {
                view.case_marker(c).is_some_and(|p| {
                    matches!(p.as_str(), "in" | "from" | "at" | "of" | "about" | "over")
                })
            })
            .collect();
        places.sort_unstable();
        for o in places {
            let own_span = |a: &EventActor| {
                view.sentence
                    .words
                    .get(o)
                    .is_some_and(|w| a.start <= w.start && w.end <= a.end)
            };
            // "fired at Seoul": `at` marks the target of force, a place of meetings.
            let prep = view.case_marker(o).unwrap_or_default();
            let fits = match prep.as_str() {
                "at" => !cooperation,
                "in" | "from" => cooperation,
                // "warned of the Prince", "talked about Iran": what the act is about.
                _ => true,
            };
            let found: Vec<Option<EventActor>> = resolve(&[o])
                .into_iter()
                .filter(|a| {
                    a.as_ref()
                        .is_some_and(|a| !a.code.starts_with("---") && (fits || !own_span(a)))
                })
                .collect();
            if !found.is_empty() {
                *targets = found;
                break;
            }
        }
    }
    // The noun phrases a matched pattern named ("clashed over the efforts of Eriadori",
    // `- * (OVER EFFORTS)`) carry the target when nothing else does.
    if targets.is_empty() {
        for &w in pattern_words {
            if w == v || !matches!(view.upos(w), "NOUN" | "PROPN") {
                continue;
            }
            let found: Vec<Option<EventActor>> = resolve(&[w])
                .into_iter()
                .filter(|a| a.as_ref().is_some_and(|a| !a.code.starts_with("---")))
                .collect();
            if !found.is_empty() {
                *targets = found;
                break;
            }
        }
    }
    if sources.is_empty() && view.children_with(v, "nsubj").next().is_none() {
        let mut before: Vec<usize> = view
            .children
            .get(v)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&c| c < v)
            .filter(|&c| {
                matches!(
                    view.base_rel(c),
                    "advmod" | "dep" | "nmod" | "obl" | "compound" | "amod" | "npadvmod" | "csubj"
                ) && view.case_marker(c).is_none()
                    && view.deprel(c) != "obl:tmod"
            })
            .collect();
        before.sort_unstable();
        if let Some(&first) = before.first() {
            let found = resolve(&[first]);
            if !found.is_empty() {
                *sources = found;
            }
        }
    }
    // "their meeting": the coordinated sources meet each other.
    let present: Vec<&EventActor> = sources.iter().flatten().collect();
    if present.len() > 1 {
        let plural_pronoun = |w: usize| {
            matches!(
                view.lemma_lower(w).as_str(),
                "they" | "their" | "them" | "theirs" | "themselves"
            )
        };
        let reflexive = targets.iter().flatten().all(|t| {
            present.iter().any(|s| s.code == t.code)
                && view
                    .sentence
                    .words
                    .iter()
                    .position(|w| w.start == t.start)
                    .is_some_and(plural_pronoun)
        });
        if reflexive && !targets.is_empty() {
            *targets = sources.clone();
        }
    }
}
