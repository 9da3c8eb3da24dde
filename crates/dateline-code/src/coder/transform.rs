//! PETRARCH-2's verb transformations: reported and intended acts recoded as the speaker's.
//!
//! A verb dictionary may end with lines such as `~ a (a b ATTACK) SAY = a b 015`: when `a`
//! says that `a` attacked `b`, the event is `a → b 015` (claims responsibility); with
//! `~ a (b . ATTACK) SAY = a b 112`, `a` saying that `b` attacked anyone is `a` accusing `b`;
//! `~ a (_ b ATTACK) WANT = a b 138`, wanting to attack `b` is a threat. Variables: `a` the
//! outer verb's subject; in the inner event `a` is that same actor, `b` another one, `_`
//! none, `.` anything. The verbs name dictionary verbs: a rule's verb matches every verb of
//! the block that lists it (SAY matches "said", "told", … of its block), `Q` any verb.
//!
//! We apply a rule to an event coded on a clause (`ccomp`/`xcomp`) of a verb that matches
//! the rule's outer verb; the new event keeps the inner event's evidence and adds the outer
//! verb to its trigger words. The outer verb's own event, if any, stays as it is.

use super::view::SentenceView;
use super::{Coder, Event, EventActor, TextSpan};
use crate::dict::verbs::{TransformTarget, Transformation};

/// Apply the dictionary's transformations to one sentence's events, in place.
pub(crate) fn apply(
    coder: &Coder,
    view: &SentenceView<'_>,
    outer_subject: &dyn Fn(usize) -> Option<EventActor>,
    events: &mut [Event],
) {
    let dicts = coder.dictionaries();
    let rules = &dicts.dicts.verbs.transformations;
    if rules.is_empty() {
        return;
    }
    for e in events.iter_mut() {
        // "claimed that ISIL had attacked Iraq and taken Mosul": a coordinated verb is
        // reported by the same outer verb as its first conjunct.
        let mut inner_word = e.trigger_word;
        for _ in 0..4 {
            if view.base_rel(inner_word) != "conj" {
                break;
            }
            match view.head.get(inner_word).copied().flatten() {
                Some(h) => inner_word = h,
                None => break,
            }
        }
        if !matches!(view.base_rel(inner_word), "ccomp" | "xcomp") {
            continue;
        }
        let Some(outer) = view.head.get(inner_word).copied().flatten() else {
            continue;
        };
        if view.upos(outer) != "VERB" {
            continue;
        }
        for rule in rules {
            if let Some(new) = transform(coder, view, rule, outer, e, outer_subject) {
                *e = new;
                break;
            }
        }
    }
}

/// Whether a sentence word is one of the verbs of the block that lists `rule_verb`.
fn verb_matches(coder: &Coder, view: &SentenceView<'_>, w: usize, rule_verb: &str) -> bool {
    if rule_verb == "Q" {
        return true;
    }
    let index = &coder.dictionaries().verb_index;
    let rule_blocks: Vec<u32> = index
        .lookup_lemma(rule_verb)
        .iter()
        .map(|(b, _)| *b)
        .collect();
    if rule_blocks.is_empty() {
        return view.upper_lemma.get(w).is_some_and(|l| l == rule_verb);
    }
    let mut hits = index.lookup(view.form(w)).to_vec();
    hits.extend_from_slice(index.lookup_lemma(&view.lemma_lower(w)));
    hits.iter().any(|(b, _)| rule_blocks.contains(b))
}

/// The inner event's block matches the rule's inner verb.
fn event_verb_matches(coder: &Coder, e: &Event, rule_verb: &str) -> bool {
    if rule_verb == "Q" {
        return true;
    }
    let dicts = coder.dictionaries();
    dicts
        .verb_index
        .lookup_lemma(rule_verb)
        .iter()
        .any(|(b, _)| {
            dicts
                .dicts
                .verbs
                .blocks
                .get(*b as usize)
                .is_some_and(|block| block.head == e.rule.verb)
        })
}

fn transform(
    coder: &Coder,
    view: &SentenceView<'_>,
    rule: &Transformation,
    outer: usize,
    inner: &Event,
    outer_subject: &dyn Fn(usize) -> Option<EventActor>,
) -> Option<Event> {
    let TransformTarget::Event(inner_rule) = &rule.event.target else {
        return None;
    };
    // One level of nesting: the inner event's own target must be an actor variable.
    let TransformTarget::Actor(inner_target_var) = &inner_rule.target else {
        return None;
    };
    if !verb_matches(coder, view, outer, &rule.event.verb)
        || !event_verb_matches(coder, inner, &inner_rule.verb)
    {
        return None;
    }
    let a = outer_subject(outer)?;
    let same = |x: &EventActor| x.code == a.code;
    // Bind the inner event's actors to the rule's variables.
    let mut b: Option<EventActor> = None;
    match inner_rule.source.as_str() {
        "a" => {
            if !inner.source.as_ref().is_some_and(same) {
                return None;
            }
        }
        "_" => {
            if inner.source.is_some() {
                return None;
            }
        }
        "." => {}
        _ => {
            let s = inner.source.as_ref()?;
            if same(s) {
                return None;
            }
            b = Some(s.clone());
        }
    }
    match inner_target_var.as_str() {
        "." => {}
        "_" => {
            if inner.target.is_some() {
                return None;
            }
        }
        "a" => {
            if !inner.target.as_ref().is_some_and(same) {
                return None;
            }
        }
        _ => {
            let t = inner.target.as_ref()?;
            if b.is_none() {
                b = Some(t.clone());
            }
        }
    }
    let pick = |var: &str| -> Option<EventActor> {
        match var {
            "a" => Some(a.clone()),
            "b" => b.clone(),
            _ => None,
        }
    };
    let source = pick(&rule.result.source);
    let target = pick(&rule.result.target);
    source.as_ref()?;
    let code = if rule.result.code == "Q" {
        inner.cameo.clone()
    } else {
        rule.result.code.clone()
    };
    let info = coder.ontology.event(&code);
    let mut new = inner.clone();
    new.source = source;
    new.target = target;
    new.cameo = code.clone();
    new.root_code = code.get(..2).unwrap_or(&code).to_string();
    new.label = info
        .as_ref()
        .map(|i| i.label.clone())
        .filter(|l| !l.is_empty());
    new.quad_class = info.as_ref().map(|i| i.quad_class.number());
    new.goldstein = info.as_ref().and_then(|i| i.goldstein);
    new.plover = info
        .as_ref()
        .and_then(|i| i.plover.as_ref())
        .map(|p| super::PloverEvent {
            event: p.event.clone(),
            mode: p.mode.clone(),
            context: p.context.clone(),
        });
    if let Some(w) = view.sentence.words.get(outer) {
        new.trigger_words.push(TextSpan {
            text: w.form.clone(),
            start: w.start,
            end: w.end,
        });
        new.trigger_words.sort_by_key(|t| t.start);
    }
    new.rule.kind = "transformation";
    new.rule.line = rule.origin.line;
    new.rule.dictionary = coder
        .dictionaries()
        .dicts
        .files
        .get(rule.origin.file as usize)
        .cloned()
        .unwrap_or_default();
    new.trigger_word = outer;
    Some(new)
}
