//! Events of one sentence: verbs and event nouns, their arguments from the parse, their
//! codes from the verb dictionary, negation, intention, and pronoun resolution.

use chrono::NaiveDate;

use super::actors::ActorMention;
use super::patterns::{MatchContext, PatternMatch};
use super::view::SentenceView;
use super::{Coder, CoderOptions, DyadRule, Event, EventActor, PloverEvent, RuleRef, TextSpan};
use crate::dict::verbs::{EventCodeSpec, VerbBlock};

/// Verbs whose complement is only intended or expected: "is expected to meet", "plans to
/// visit", "wants to negotiate", "promised to withdraw".
const INTENT_VERBS: &[&str] = &[
    "expect", "plan", "intend", "want", "hope", "aim", "prepare", "promise", "pledge", "vow",
    "seek", "propose", "offer", "agree", "decide", "schedule", "set", "consider", "wish",
    "threaten",
];

/// Nouns that name an event, with the verb whose dictionary entry codes them. Only nouns
/// whose usual news sense is the event itself.
const EVENT_NOUNS: &[(&str, &str)] = &[
    ("meeting", "meet"),
    ("talks", "talk"),
    ("negotiation", "negotiate"),
    ("visit", "visit"),
    ("trip", "visit"),
    ("criticism", "criticize"),
    ("condemnation", "condemn"),
    ("attack", "attack"),
    ("assault", "attack"),
    ("airstrike", "strike"),
    ("strike", "strike"),
    ("bombing", "bomb"),
    ("shelling", "shell"),
    ("bombardment", "bombard"),
    ("invasion", "invade"),
    ("raid", "raid"),
    ("killing", "kill"),
    ("massacre", "massacre"),
    ("kidnapping", "kidnap"),
    ("abduction", "abduct"),
    ("arrest", "arrest"),
    ("accusation", "accuse"),
    ("threat", "threaten"),
    ("warning", "warn"),
    ("demand", "demand"),
    ("appeal", "appeal"),
    ("protest", "protest"),
    ("sanction", "sanction"),
    ("withdrawal", "withdraw"),
    ("rejection", "reject"),
    ("deployment", "deploy"),
    ("mediation", "mediate"),
    ("clash", "clash"),
];

/// The country of the place a clause happens in: an oblique or nominal modifier introduced
/// by "in" (or "near", "across") whose actor has a country and no role (a country, a city,
/// a region: "in the Gaza Strip" → PSE).
fn place_country(
    view: &SentenceView<'_>,
    clause: &[usize],
    arguments: &[usize],
    mentions: &[ActorMention],
) -> Option<String> {
    let ontology = crate::ontology::Ontology::bundled();
    clause.iter().copied().find_map(|w| {
        if arguments.contains(&w) || !matches!(view.base_rel(w), "obl" | "nmod") {
            return None;
        }
        let prep = view.case_marker(w)?;
        if !matches!(prep.as_str(), "in" | "near" | "across" | "inside") {
            return None;
        }
        let actor = argument_actor(view, w, mentions)?;
        let parts = ontology.split_actor_code(&actor.code);
        if !parts.types.is_empty() || parts.known_group.is_some() {
            return None;
        }
        parts.country
    })
}

/// Event nouns of force, whose author is the side that acted in a passive report of
/// casualties.
pub(crate) fn is_force_verb(verb: &str) -> bool {
    matches!(
        verb,
        "attack"
            | "strike"
            | "bomb"
            | "shell"
            | "bombard"
            | "invade"
            | "raid"
            | "kill"
            | "massacre"
            | "clash"
    )
}

/// Nouns that name an organised group, for definite descriptions ("the militant group").
const GROUP_NOUNS: &[&str] = &[
    "group",
    "movement",
    "organization",
    "organisation",
    "faction",
    "militia",
    "party",
    "militant",
    "rebel",
    "insurgent",
    "guerrilla",
    "alliance",
    "coalition",
    "network",
];

/// Verbs that only carry an event noun ("held talks", "headed into a meeting", "launched an
/// attack"): their subject is the noun's source. A verb that is an act of its own
/// ("condemned the strikes", "welcomed the talks") takes the noun as its topic instead.
const LIGHT_VERBS: &[&str] = &[
    "hold",
    "have",
    "conduct",
    "attend",
    "join",
    "begin",
    "start",
    "launch",
    "carry",
    "stage",
    "head",
    "go",
    "enter",
    "open",
    "resume",
    "continue",
    "mount",
    "make",
    "lead",
    "host",
    "wrap",
    "conclude",
    "end",
    "step",
    "intensify",
    "escalate",
    "unleash",
    "press",
];

/// Prepositions that introduce the target of an act when it has no object.
/// Not "in", "from" or "at" a place: those give where, not to whom ("spoke from the White
/// House", "killed in Gaza").
const TARGET_PREPS: &[&str] = &[
    "with", "to", "on", "against", "into", "toward", "towards", "for", "upon", "onto",
];

/// The document's memory of earlier actors, for pronouns.
#[derive(Debug, Default)]
pub(crate) struct CorefState {
    /// (actor, is a person), in the order the article mentions them.
    seen: Vec<(EventActor, bool)>,
    /// Short names of people and groups the article has named in full: "Kerry" after
    /// "Secretary of State John Kerry", "Ban" after "Ban Ki-moon" — dictionaries list full
    /// names (a bare surname is too vague for them) but a news story uses the surname from
    /// the second mention on. Key: the upper-case word; value: code and whether a person.
    aliases: std::collections::HashMap<String, (String, bool)>,
}

impl CorefState {
    /// Learn the short names of this sentence's multi-word named mentions: the last and the
    /// first proper noun of a person's name, the last of an organisation's.
    pub fn learn_aliases(&mut self, view: &SentenceView<'_>, mentions: &[ActorMention]) {
        for m in mentions
            .iter()
            .filter(|m| m.actor.is_some() && m.end > m.start + 1)
        {
            let propn: Vec<usize> = (m.start..m.end)
                .filter(|&w| view.upos(w) == "PROPN")
                .collect();
            let named = propn.len() >= 2 || (is_person(m) && !propn.is_empty());
            if !named {
                continue;
            }
            let mut keys: Vec<usize> = propn.last().copied().into_iter().collect();
            if is_person(m) {
                keys.extend(propn.first().copied());
            }
            for w in keys {
                let Some(word) = view.upper.get(w) else {
                    continue;
                };
                // One-letter initials and short function-like words are never aliases.
                if word.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                    continue;
                }
                self.aliases
                    .insert(word.clone(), (m.code.clone(), is_person(m)));
            }
        }
    }

    /// Add a mention for every proper noun outside the mentions that is a learned alias.
    pub fn alias_mentions(&self, view: &SentenceView<'_>, mentions: &mut Vec<ActorMention>) {
        if self.aliases.is_empty() {
            return;
        }
        for w in 0..view.len() {
            if mentions.iter().any(|m| m.start <= w && w < m.end) || !could_be_name(view, w) {
                continue;
            }
            let Some((code, person)) = view.upper.get(w).and_then(|u| self.aliases.get(u)) else {
                continue;
            };
            mentions.push(ActorMention {
                start: w,
                end: w + 1,
                head: w,
                code: code.clone(),
                actor: None,
                agent: None,
                person: *person,
                base: Some(code.clone()),
                role: None,
            });
        }
    }

    pub fn remember(&mut self, view: &SentenceView<'_>, mentions: &[ActorMention]) {
        let mut ordered: Vec<&ActorMention> = mentions.iter().collect();
        ordered.sort_by_key(|m| m.start);
        for m in ordered {
            self.seen.push((mention_actor(view, m), is_person(m)));
        }
        // Keep the memory small: pronouns reach back a few sentences at most.
        if self.seen.len() > 64 {
            let cut = self.seen.len() - 64;
            self.seen.drain(..cut);
        }
    }

    /// The group a definite description refers to: "the (militant) (Palestinian) group",
    /// "the movement", "the militants" — a definite group noun whose own words give no
    /// named actor, or only a country or role — is the most recent named group (not a
    /// person, not a bare country) of the article whose code starts with that country.
    fn resolve_group_description(
        &self,
        view: &SentenceView<'_>,
        w: usize,
        found: Option<&EventActor>,
    ) -> Option<EventActor> {
        if !GROUP_NOUNS.contains(&view.lemma_lower(w).as_str()) {
            return None;
        }
        let definite = view
            .children_with(w, "det")
            .any(|d| matches!(view.lemma_lower(d).as_str(), "the" | "this" | "that"));
        if !definite {
            return None;
        }
        // The country the description gives, if any ("Palestinian" → PSE); a description
        // that already names a group ("the Hamas movement") is left as it is.
        let ontology = crate::ontology::Ontology::bundled();
        let country: Option<String> = match found {
            Some(a) => {
                let parts = ontology.split_actor_code(a.code.trim_start_matches('-'));
                if parts.known_group.is_some() {
                    return None;
                }
                parts.country
            }
            None => None,
        };
        let (antecedent, _) = self.seen.iter().rev().take(40).find(|(a, person)| {
            let parts = ontology.split_actor_code(&a.code);
            !person
                && a.entity.as_deref() != Some("PLACE")
                && !a.code.starts_with("---")
                && (parts.known_group.is_some() || !parts.types.is_empty())
                && !matches!(country.as_deref(), Some(c) if parts.country.as_deref() != Some(c))
        })?;
        let word = view.sentence.words.get(w)?;
        let mut a = antecedent.clone();
        a.antecedent = Some(TextSpan {
            text: a.text.clone(),
            start: a.start,
            end: a.end,
        });
        a.text = word.form.clone();
        a.start = word.start;
        a.end = word.end;
        Some(a)
    }

    /// The antecedent of a pronoun, given the mentions earlier in the same sentence.
    fn resolve(
        &self,
        view: &SentenceView<'_>,
        word: usize,
        mentions: &[ActorMention],
    ) -> Option<EventActor> {
        let lemma = view.lemma_lower(word);
        let wants_person = match lemma.as_str() {
            "he" | "him" | "his" | "she" | "her" | "hers" | "himself" | "herself" => true,
            "it" | "its" | "they" | "them" | "their" | "theirs" | "itself" | "themselves" => false,
            _ => return None,
        };
        let mut same: Vec<&ActorMention> = mentions
            .iter()
            .filter(|m| m.end <= word && is_person(m) == wants_person)
            .collect();
        same.sort_by_key(|m| m.start);
        if let Some(m) = same.last() {
            return Some(mention_actor(view, m));
        }
        self.seen
            .iter()
            .rev()
            .find(|(_, person)| *person == wants_person)
            .map(|(a, _)| a.clone())
    }
}

/// Whether a mention is a person for coreference: the entity tagger's PERSON or a role
/// noun — unless the dictionary code names an organisation (a known group such as HMS or
/// UNO: "Hamas" at the start of a sentence is easily tagged PERSON).
fn is_person(m: &ActorMention) -> bool {
    m.person
        && crate::ontology::Ontology::bundled()
            .split_actor_code(m.code.trim_start_matches('-'))
            .known_group
            .is_none()
}

/// A proper noun, or a capitalised word the tagger read otherwise but the parse uses as a
/// noun phrase ("Ban said…" with "Ban" tagged as a verb at the start of a sentence).
fn could_be_name(view: &SentenceView<'_>, w: usize) -> bool {
    if view.upos(w) == "PROPN" {
        return true;
    }
    let capitalised = view.form(w).chars().next().is_some_and(char::is_uppercase);
    capitalised
        && matches!(
            view.base_rel(w),
            "nsubj" | "obj" | "obl" | "nmod" | "conj" | "appos" | "compound" | "iobj"
        )
}

pub(super) fn mention_actor(view: &SentenceView<'_>, m: &ActorMention) -> EventActor {
    let words = &view.sentence.words;
    let (start, end) = match (words.get(m.start), words.get(m.end.saturating_sub(1))) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (0, 0),
    };
    let text = (m.start..m.end)
        .filter_map(|i| words.get(i).map(|w| w.form.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let entity = view
        .sentence
        .entities
        .iter()
        .find(|e| e.first_word < m.end && m.start < e.end_word)
        .map(|e| e.kind.as_str().to_string());
    EventActor {
        code: m.code.clone(),
        text,
        start,
        end,
        entity,
        antecedent: None,
    }
}

/// A verb (or event noun) to code, with the block its entry belongs to.
struct Trigger<'d> {
    word: usize,
    block: &'d VerbBlock,
    /// The code of the entry that matched (a verb line may carry its own code).
    entry_code: &'d EventCodeSpec,
    entry_line: u32,
    /// Other words of a multi-word verb ("call off").
    extra_words: Vec<usize>,
    nominal: bool,
}

pub(crate) fn code_sentence(
    coder: &Coder,
    options: &CoderOptions,
    view: &SentenceView<'_>,
    mentions: &[ActorMention],
    coref: &mut CorefState,
    index: usize,
    date: Option<NaiveDate>,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for w in 0..view.len() {
        let Some(trigger) = find_trigger(coder, options, view, w) else {
            continue;
        };
        out.extend(code_trigger(
            coder, options, view, mentions, coref, index, date, &trigger,
        ));
    }
    // Reported and intended acts recoded as the speaker's (the dictionary's `~` rules).
    let outer_subject = |h: usize| -> Option<EventActor> {
        resolve_all(view, &subjects(view, h, 0), mentions, coref)
            .into_iter()
            .flatten()
            .next()
    };
    super::transform::apply(coder, view, &outer_subject, &mut out);
    out.retain(|e| match (&e.source, &e.target) {
        (Some(a), Some(b)) => a.code != b.code,
        _ => true,
    });
    // What is asked for is not an event yet: the complement of an appeal or a demand ("urged
    // Hamas to accept a ceasefire": no acceptance).
    let requested: Vec<usize> = out
        .iter()
        .filter(|e| matches!(e.root_code.as_str(), "02" | "10"))
        .map(|e| e.trigger_word)
        .collect();
    out.retain(|e| {
        let w = e.trigger_word;
        let Some(h) = view.head.get(w).copied().flatten() else {
            return true;
        };
        !(requested.contains(&h) && is_infinitive_complement(view, w))
    });
    // A verb of intention or expectation whose complement was coded ("planned to join", "is
    // expected to meet") adds nothing: the complement carries the intent code.
    let intent_heads: Vec<usize> = out
        .iter()
        .filter(|e| e.mood == "intent")
        .filter_map(|e| view.head.get(e.trigger_word).copied().flatten())
        .collect();
    out.retain(|e| e.mood == "intent" || !intent_heads.contains(&e.trigger_word));
    out
}

/// An infinitival complement or purpose clause: `xcomp`, or `advcl` marked by "to".
fn is_infinitive_complement(view: &SentenceView<'_>, w: usize) -> bool {
    view.base_rel(w) == "xcomp"
        || (view.base_rel(w) == "advcl"
            && view
                .children_with(w, "mark")
                .any(|m| view.lemma_lower(m) == "to"))
}

fn find_trigger<'d>(
    coder: &'d Coder,
    options: &CoderOptions,
    view: &SentenceView<'_>,
    w: usize,
) -> Option<Trigger<'d>> {
    let dicts = coder.dictionaries();
    let upos = view.upos(w);
    let (hits, nominal): (&[(u32, u32)], bool) = match upos {
        "VERB" => {
            let by_form = dicts.verb_index.lookup(view.form(w));
            if by_form.is_empty() {
                (dicts.verb_index.lookup_lemma(&view.lemma_lower(w)), false)
            } else {
                (by_form, false)
            }
        }
        "NOUN" if options.nominal_events => {
            let lemma = view.lemma_lower(w);
            let verb = EVENT_NOUNS.iter().find(|(n, _)| *n == lemma)?.1;
            (dicts.verb_index.lookup_lemma(verb), true)
        }
        _ => return None,
    };
    // Prefer the entry whose extra words (a particle, "call off") are all present.
    let mut best: Option<Trigger<'d>> = None;
    let mut best_len = 0usize;
    for &(b, e) in hits {
        let Some(block) = dicts.dicts.verbs.blocks.get(b as usize) else {
            continue;
        };
        let Some(entry) = block.verbs.get(e as usize) else {
            continue;
        };
        let extra = match multiword_extras(view, w, entry) {
            Some(x) => x,
            None => continue,
        };
        let len = entry.words.len();
        if best.is_none() || len > best_len {
            best_len = len;
            best = Some(Trigger {
                word: w,
                block,
                entry_code: &entry.code,
                entry_line: entry.origin.line,
                extra_words: extra,
                nominal,
            });
        }
    }
    best
}

/// For a multi-word verb entry, the sentence words that realise its other words: those
/// before the verb word must be the words right before it ("RE_+ARREST"), those after it a
/// particle child or one of the next three words ("+BEEF_UP"). `None` when one is missing.
fn multiword_extras(
    view: &SentenceView<'_>,
    w: usize,
    entry: &crate::dict::verbs::VerbEntry,
) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    let before = entry.before_verb();
    for (k, word) in before.iter().enumerate() {
        let at = (w + k).checked_sub(before.len())?;
        if view.upper.get(at)? != word {
            return None;
        }
        out.push(at);
    }
    for word in entry.after_verb() {
        let found = view
            .children
            .get(w)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&c| c > w)
            .chain((w + 1)..(w + 4).min(view.len()))
            .find(|&c| !out.contains(&c) && view.upper.get(c).is_some_and(|u| u == word));
        out.push(found?);
    }
    Some(out)
}

#[allow(clippy::too_many_arguments)]
fn code_trigger(
    coder: &Coder,
    options: &CoderOptions,
    view: &SentenceView<'_>,
    mentions: &[ActorMention],
    coref: &CorefState,
    index: usize,
    date: Option<NaiveDate>,
    trigger: &Trigger<'_>,
) -> Vec<Event> {
    let v = trigger.word;
    // A negated verb codes nothing, unless a pattern names the negation itself
    // (`- &NEGATVAUXVRB * OVER EFFORTS`): checked once the pattern is chosen.
    let is_negated = negated(view, v);
    let passive = !trigger.nominal && is_passive(view, v);
    let (source_words, target_words) = if trigger.nominal {
        nominal_arguments(view, v)
    } else {
        verb_arguments(view, v, passive, mentions)
    };

    // The clause around the trigger, for the patterns.
    let clause = view.subtree_where(v, &|c| {
        matches!(
            view.base_rel(c),
            "conj" | "parataxis" | "punct" | "cc" | "ccomp" | "advcl"
        ) || view.deprel(c) == "acl:relcl"
    });
    let mut pre: Vec<usize> = clause.iter().copied().filter(|&x| x < v).collect();
    // The subject of a verb whose subject lies outside its clause (control, relative
    // clauses) still counts as what comes before the verb.
    for &s in &source_words {
        if !pre.contains(&s) && s < v {
            pre.push(s);
        }
    }
    for w in super::patterns::governing_words_before(view, v) {
        if !pre.contains(&w) {
            pre.push(w);
        }
    }
    pre.sort_unstable();
    let mut post: Vec<usize> = Vec::new();
    if passive {
        // Patterns describe the active voice: "launched rockets" — the passive subject
        // ("rockets were launched", "rockets being launched") is the logical object, so it
        // is matched first, where the active object would stand.
        post.extend(logical_object_words(view, v));
    }
    let after: Vec<usize> = clause
        .iter()
        .copied()
        .filter(|&x| x > v && !trigger.extra_words.contains(&x) && !post.contains(&x))
        .collect();
    post.extend(after);
    // A complement clause that is no event of its own is part of what the verb says
    // ("allowed that Mordor isn't a really pleasant place"): its words follow the verb.
    if !trigger.nominal {
        for c in view.children_with(v, "ccomp") {
            if clause_has_event(coder, options, view, c) {
                continue;
            }
            let words = view.subtree_where(c, &|x| {
                matches!(view.base_rel(x), "ccomp" | "advcl" | "parataxis" | "punct")
                    || view.deprel(x) == "acl:relcl"
            });
            let extra: Vec<usize> = words
                .into_iter()
                .filter(|&x| x > v && !post.contains(&x))
                .collect();
            post.extend(extra);
        }
    }
    let dicts = coder.dictionaries();
    let ctx = MatchContext {
        view,
        mentions,
        synsets: &dicts.dicts.verbs.synsets,
        pre,
        post,
    };

    let mut chosen: Option<(PatternMatch, &EventCodeSpec, u32, u16)> = None;
    for pattern in &trigger.block.patterns {
        if let Some(m) = ctx.match_pattern(pattern) {
            // The most specific pattern; on a tie, the one from a later dictionary (a user's
            // or dateline's additions override the set they are loaded over), else the first.
            let better = match &chosen {
                None => true,
                Some((b, _, _, file)) => {
                    m.score > b.score || (m.score == b.score && pattern.origin.file > *file)
                }
            };
            if better {
                chosen = Some((m, &pattern.code, pattern.origin.line, pattern.origin.file));
            }
        }
    }
    let (code_spec, rule_kind, line, file) = match &chosen {
        Some((_, spec, line, file)) => (*spec, "pattern", *line, *file),
        None => {
            let spec = if trigger.entry_code.active.is_some() {
                trigger.entry_code
            } else {
                &trigger.block.code
            };
            (
                spec,
                if trigger.nominal { "noun" } else { "verb" },
                trigger.entry_line,
                trigger.block.origin.file,
            )
        }
    };
    if is_negated
        && !chosen
            .as_ref()
            .is_some_and(|(m, ..)| super::patterns::names_negation(view, &m.words))
    {
        return Vec::new();
    }
    let Some(code) = code_spec.code_for(passive).map(normalise_code) else {
        return Vec::new(); // `---`: the dictionary says this reading is not an event
    };
    if code.is_empty() {
        return Vec::new();
    }
    let intent = under_intent(view, v);
    let code = if intent { intent_code(&code) } else { code };

    // Arguments: what the pattern captured, else the parse's.
    let pattern_source = chosen.as_ref().and_then(|(m, ..)| m.source);
    let pattern_target = chosen.as_ref().and_then(|(m, ..)| m.target);
    // A captured mention stands for its whole noun phrase (roles, coordinated actors).
    let captured = |mi: usize| -> Vec<Option<EventActor>> {
        let all = mentions
            .get(mi)
            .map(|m| resolve_all(view, &[m.head], mentions, coref))
            .unwrap_or_default();
        if all.is_empty() {
            vec![Some(mention_actor(view, &mentions[mi]))]
        } else {
            all
        }
    };
    let mut sources = match pattern_source {
        Some(mi) => captured(mi),
        None => resolve_all(view, &source_words, mentions, coref),
    };
    let mut targets = match pattern_target {
        Some(mi) => captured(mi),
        None => resolve_all(view, &target_words, mentions, coref),
    };
    // "received ministers from the Georgian government", however the parser attached the
    // "from" phrase: a bare role takes the country of the body it comes from.
    if !passive && targets.iter().flatten().all(|a| is_role_code(&a.code)) {
        let origin = view
            .children_with(v, "obl")
            .filter(|&c| {
                view.case_marker(c)
                    .is_some_and(|p| matches!(p.as_str(), "from" | "of"))
            })
            .flat_map(|c| resolve_all(view, &[c], mentions, coref))
            .flatten()
            .find(|a| !is_role_code(&a.code));
        if let Some(origin) = origin {
            let mut group: Vec<Option<EventActor>> = vec![Some(origin)];
            group.append(&mut targets);
            borrow_country(&mut group);
            targets = group.into_iter().skip(1).collect();
        }
    }
    super::fallbacks::complete_arguments(
        view,
        v,
        trigger.nominal || passive,
        &mut sources,
        &mut targets,
        &|words: &[usize]| resolve_all(view, words, mentions, coref),
        &oblique_targets(view, v),
        chosen.as_ref().map_or(&[][..], |(m, ..)| &m.words[..]),
        &code,
    );
    // "Four children were killed … in the Gaza Strip": people named only by a role
    // (civilians, police, protesters) take the country of the place the clause gives.
    if let Some(country) = place_country(view, &clause, &source_words, mentions) {
        for a in targets.iter_mut().chain(sources.iter_mut()).flatten() {
            let ontology = crate::ontology::Ontology::bundled();
            let role = a.code.trim_start_matches('-').to_string();
            let parts = ontology.split_actor_code(&role);
            // A role: an agent code without a country ("---CVL") or a CAMEO type alone; a
            // named actor's own code (a user's GON) is never one.
            if parts.country.is_none() && is_role_code(&a.code) && !role.is_empty() {
                a.code = format!("{country}{role}");
            }
        }
    }
    // "Israel has the right to defend itself": a reflexive object is the subject again.
    if target_words.iter().any(|&w| is_reflexive(view, w)) {
        targets.clear();
    }
    // A clause that is no event of its own ("Gollum allowed that Mordor isn't a pleasant
    // place", "Arnor believes Dagolath can cope"): PETRARCH codes the statement towards the
    // clause's subject.
    if !trigger.nominal && targets.is_empty() {
        let clause_subjects: Vec<usize> = view
            .children_with(v, "ccomp")
            .filter(|&c| !clause_has_event(coder, options, view, c))
            .flat_map(|c| view.children_with(c, "nsubj").collect::<Vec<_>>())
            // "said he was unaware": a pronoun there is mostly the speaker again.
            .filter(|&s| view.upos(s) != "PRON")
            .collect();
        if !clause_subjects.is_empty() {
            targets = resolve_all(view, &clause_subjects, mentions, coref);
        }
    }
    // A verb of saying or thinking with a clause ("contended that…", "said he was…") and no
    // addressee reports an event, it is not one: the clause is coded on its own verb.
    if !trigger.nominal && targets.is_empty() && view.children_with(v, "ccomp").next().is_some() {
        return Vec::new();
    }

    let words = &view.sentence.words;
    let span = |i: usize| -> TextSpan {
        words.get(i).map_or(
            TextSpan {
                text: String::new(),
                start: 0,
                end: 0,
            },
            |w| TextSpan {
                text: w.form.clone(),
                start: w.start,
                end: w.end,
            },
        )
    };
    let mut trigger_words: Vec<usize> = vec![v];
    trigger_words.extend(&trigger.extra_words);
    if let Some((m, ..)) = &chosen {
        trigger_words.extend(&m.words);
    }
    trigger_words.sort_unstable();
    trigger_words.dedup();

    let file_name = dicts
        .dicts
        .files
        .get(file as usize)
        .cloned()
        .unwrap_or_default();
    let reverse = super::dyads::symmetric_reverse(code_spec).map(|r| normalise_code(&r));
    // A symmetric code reverses a meeting or a battle between the two sides; an event noun
    // of conflict names one author ("its rocket attacks on Israel"), so it is not reversed.
    let conflict = code.starts_with('1') || code.starts_with('2');
    let reverse = if intent || (trigger.nominal && conflict) {
        None
    } else {
        reverse
    };
    let sources = super::dyads::expand_compound_codes(sources);
    let targets = super::dyads::expand_compound_codes(targets);
    let mut out = Vec::new();
    let one_sided_ok = |code: &str| match options.dyads {
        DyadRule::Always => false,
        DyadRule::Never => true,
        DyadRule::ExceptMaterialConflict => coder
            .ontology
            .event(code)
            .as_ref()
            .is_some_and(|i| i.quad_class.number() == 4),
    };
    for (s, t, code) in
        // Coordinated sources cooperating with no target cooperate with each other ("Brazil and
        // the United States seek to deepen a partnership") — not the agents of a passive
        // ("a plan backed by Israel and the U.S."), whose missing target is the patient.
        super::dyads::triples(
            &sources,
            &targets,
            &code,
            reverse.as_deref(),
            &one_sided_ok,
            !passive,
        )
    {
        let (s, t) = (&s, &t);
        // A statement (root 01) without an addressee is a comment, not an interaction:
        // "…, Obama said" would otherwise give an event for every quotation.
        if t.is_none() && code.starts_with("01") {
            continue;
        }
        let info = coder.ontology.event(&code);
        {
            let mut confidence: f32 = 0.45;
            if chosen.is_some() {
                confidence += 0.2;
            }
            if s.is_some() && t.is_some() {
                confidence += 0.15;
            }
            if s.as_ref().is_some_and(|a| a.antecedent.is_some())
                || t.as_ref().is_some_and(|a| a.antecedent.is_some())
            {
                confidence -= 0.1;
            }
            if trigger.nominal {
                confidence -= 0.05;
            }
            out.push(Event {
                source: s.clone(),
                target: t.clone(),
                cameo: code.clone(),
                root_code: code.get(..2).unwrap_or(&code).to_string(),
                label: info
                    .as_ref()
                    .map(|i| i.label.clone())
                    .filter(|l| !l.is_empty()),
                quad_class: info.as_ref().map(|i| i.quad_class.number()),
                goldstein: info.as_ref().and_then(|i| i.goldstein),
                plover: info
                    .as_ref()
                    .and_then(|i| i.plover.as_ref())
                    .map(|p| PloverEvent {
                        event: p.event.clone(),
                        mode: p.mode.clone(),
                        context: p.context.clone(),
                    }),
                mood: if intent { "intent" } else { "asserted" },
                date: date.map(|d| d.format("%Y-%m-%d").to_string()),
                date_source: "article",
                date_precision: date.map(|_| crate::dates::DatePrecision::Day),
                date_text: None,
                location: None,
                source_location: None,
                target_location: None,
                tone: None,
                sentence_index: index,
                sentence: view.sentence.text.clone(),
                trigger: span(v),
                trigger_words: trigger_words.iter().map(|&i| span(i)).collect(),
                rule: RuleRef {
                    kind: rule_kind,
                    dictionary: file_name.clone(),
                    line,
                    verb: trigger.block.head.clone(),
                },
                confidence: confidence.clamp(0.05, 0.95),
                issues: Vec::new(),
                trigger_word: v,
            });
        }
    }
    out
}

/// The words of a passive verb's logical object: its passive subject's noun phrase, or for
/// a participle modifying a noun ("rockets launched by Hamas") that noun and its modifiers.
fn logical_object_words(view: &SentenceView<'_>, v: usize) -> Vec<usize> {
    let stop = |c: usize| {
        matches!(view.base_rel(c), "acl" | "punct" | "conj" | "cc") || view.deprel(c) == "acl:relcl"
    };
    let mut out = Vec::new();
    for s in view.children_with(v, "nsubj:pass") {
        out.extend(view.subtree_where(s, &stop));
    }
    if out.is_empty() && view.base_rel(v) == "acl" {
        if let Some(h) = view.head.get(v).copied().flatten() {
            out.extend(view.subtree_where(h, &stop).into_iter().filter(|&x| x <= h));
        }
    }
    out
}

/// CAMEO codes as the dictionaries write them: `0` prefixes kept, blanks and stray marks
/// (`023?`) trimmed; letters of pseudo-codes (`174K`, validation-suite markers) are kept, as
/// PETRARCH writes them.
fn normalise_code(code: &str) -> String {
    code.trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn resolve_all(
    view: &SentenceView<'_>,
    words: &[usize],
    mentions: &[ActorMention],
    coref: &CorefState,
) -> Vec<Option<EventActor>> {
    let mut out: Vec<Option<EventActor>> = Vec::new();
    for &w in words {
        if view.upos(w) == "PRON" {
            if let Some(mut a) = coref.resolve(view, w, mentions) {
                let pron = &view.sentence.words[w];
                a.antecedent = Some(TextSpan {
                    text: a.text.clone(),
                    start: a.start,
                    end: a.end,
                });
                a.text = pron.form.clone();
                a.start = pron.start;
                a.end = pron.end;
                out.push(Some(a));
            }
            continue;
        }
        let first = out.len();
        let mut found = super::phrase::coordinated_event_actors(view, w, mentions);
        // "the militant Palestinian group", "the militant group": a definite group noun
        // whose own words give at most a country names the group mentioned before.
        if found.len() <= 1 {
            if let Some(group) = coref.resolve_group_description(view, w, found.first()) {
                found = vec![group];
            }
        }
        for a in found {
            {
                if !out
                    .iter()
                    .flatten()
                    .any(|x| x.start == a.start && x.code == a.code)
                {
                    out.push(Some(a));
                }
            }
        }
        if let Some(group) = out.get_mut(first..) {
            borrow_country(group);
        }
    }
    // Two subjects that are not coordinated are one noun phrase the parser split ("Egyptian
    // | Foreign Minister Sameh Shukri"): a bare country and a role make one actor.
    if words.len() > 1 && !words.iter().any(|&w| view.base_rel(w) == "conj") {
        let ontology = crate::ontology::Ontology::bundled();
        let bare_country = |a: &EventActor| {
            a.code.len() == 3 && ontology.split_actor_code(&a.code).country.is_some()
        };
        let countries: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].as_ref().is_some_and(bare_country))
            .collect();
        let before = out.iter().flatten().filter(|a| !bare_country(a)).count();
        if countries.len() == 1 && before > 0 {
            borrow_country(&mut out);
            if out
                .iter()
                .flatten()
                .any(|a| a.code.len() > 3 && ontology.split_actor_code(&a.code).country.is_some())
            {
                out.remove(countries[0]);
            }
        }
    }
    out
}

/// A code that is only a role: PETRARCH's `---GOV`, or CAMEO types alone (`GOV`, `CVLMIL`).
/// A named actor's own code (a user's `GON`, a group's `HMS`) is never one.
fn is_role_code(code: &str) -> bool {
    let parts = crate::ontology::Ontology::bundled().split_actor_code(code.trim_start_matches('-'));
    let only_types = !parts.types.is_empty()
        && parts.country.is_none()
        && parts.known_group.is_none()
        && parts.ethnic.is_none()
        && parts.religion.is_empty()
        && parts.other.is_empty();
    only_types || (code.starts_with("---") && parts.country.is_none())
}

/// Roles read from the text: in "President Abdel Fattah al-Sisi and Foreign Minister Sameh
/// Shukri", the second name has only a role ("---GOV"); coordinated with an actor of a known
/// country, it takes that country (EGY + GOV). `out` holds the actors of one coordination.
fn borrow_country(out: &mut [Option<EventActor>]) {
    let ontology = crate::ontology::Ontology::bundled();
    let country = out
        .iter()
        .flatten()
        .find_map(|a| ontology.split_actor_code(&a.code).country);
    let Some(country) = country else {
        return;
    };
    for a in out.iter_mut().flatten() {
        let role = a.code.trim_start_matches('-').to_string();
        let parts = ontology.split_actor_code(&role);
        if parts.country.is_none() && is_role_code(&a.code) && !role.is_empty() {
            a.code = format!("{country}{role}");
        }
    }
}

/// The actor an argument word denotes: the mention it lies in; else, among the mentions in
/// its noun phrase (modifiers up to three levels down, nearest first), a named one
/// (capitalised: "Palestinian" rather than "militant" in "the militant Palestinian group"),
/// combined with a role noun when the phrase has one and the name is a bare country
/// ("Israel's military action" → ISR + MIL = ISRMIL).
fn argument_actor(
    view: &SentenceView<'_>,
    w: usize,
    mentions: &[ActorMention],
) -> Option<EventActor> {
    if let Some(m) = mentions.iter().find(|m| m.start <= w && w < m.end) {
        return Some(mention_actor(view, m));
    }
    if view.upos(w) == "VERB" {
        return None; // a clause is not an actor
    }
    let mut found: Vec<usize> = Vec::new();
    let mut frontier = vec![w];
    for _ in 0..3 {
        let mut next = Vec::new();
        for &x in &frontier {
            for &c in view.children.get(x).into_iter().flatten() {
                // Noun-phrase modifiers, subtypes included (nmod:poss, nmod:desc, flat:name).
                let np_modifier = matches!(
                    view.base_rel(c),
                    "amod" | "nmod" | "compound" | "flat" | "appos"
                ) || view.deprel(c) == "det:poss";
                if !np_modifier {
                    continue;
                }
                if let Some(mi) = mentions.iter().position(|m| m.start <= c && c < m.end) {
                    if !found.contains(&mi) {
                        found.push(mi);
                    }
                } else {
                    next.push(c);
                }
            }
        }
        frontier = next;
    }
    let capitalised = |m: &ActorMention| {
        view.sentence
            .words
            .get(m.start)
            .and_then(|x| x.form.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let named = found
        .iter()
        .copied()
        .find(|&mi| capitalised(&mentions[mi]) && mentions[mi].actor.is_some());
    let role = found
        .iter()
        .copied()
        .find(|&mi| mentions[mi].actor.is_none() && mentions[mi].agent.is_some());
    match (named, role) {
        (Some(n), Some(r)) if mentions[n].code.len() == 3 => {
            let mut a = mention_actor(view, &mentions[n]);
            a.code = format!(
                "{}{}",
                mentions[n].code,
                mentions[r].code.trim_start_matches("---")
            );
            let other = mention_actor(view, &mentions[r]);
            a.start = a.start.min(other.start);
            a.end = a.end.max(other.end);
            a.text = view
                .text_between(a.start, a.end)
                .map_or(a.text.clone(), str::to_string);
            Some(a)
        }
        (Some(n), _) => Some(mention_actor(view, &mentions[n])),
        _ => found.first().map(|&mi| mention_actor(view, &mentions[mi])),
    }
}

fn is_reflexive(view: &SentenceView<'_>, w: usize) -> bool {
    matches!(
        view.lemma_lower(w).as_str(),
        "itself"
            | "himself"
            | "herself"
            | "themselves"
            | "oneself"
            | "ourselves"
            | "myself"
            | "yourself"
    ) || view.form(w).to_lowercase().ends_with("self")
        || view.form(w).to_lowercase().ends_with("selves")
}

fn is_passive(view: &SentenceView<'_>, v: usize) -> bool {
    view.children_with(v, "aux:pass").next().is_some()
        || view.children_with(v, "nsubj:pass").next().is_some()
        || (view.base_rel(v) == "acl" && view.xpos(v) == "VBN")
}

/// Negated: the trigger itself, or the verb it is the complement of ("did not agree to
/// meet"), or for a noun its determiner or the noun it depends on ("no plans for meetings").
fn negated(view: &SentenceView<'_>, v: usize) -> bool {
    if view.is_negated(v) {
        return true;
    }
    let mut cur = v;
    for _ in 0..3 {
        let Some(h) = view.head.get(cur).copied().flatten() else {
            break;
        };
        let rel = view.base_rel(cur);
        let through = matches!(rel, "xcomp" | "nmod" | "obl" | "obj")
            || (rel == "advcl" && view.first_child_with(cur, "nsubj").is_none());
        if !through {
            break;
        }
        if view.is_negated(h) {
            return true;
        }
        cur = h;
    }
    false
}

/// Whether the trigger is the complement of a verb of intention or expectation, or the
/// noun "plan(s)"/"intention" governs it.
fn under_intent(view: &SentenceView<'_>, v: usize) -> bool {
    let mut cur = v;
    for _ in 0..2 {
        let Some(h) = view.head.get(cur).copied().flatten() else {
            return false;
        };
        let rel = view.base_rel(cur);
        let complement = matches!(rel, "xcomp" | "nmod" | "acl")
            || (rel == "advcl"
                && view
                    .children_with(cur, "mark")
                    .any(|m| view.lemma_lower(m) == "to"));
        if !complement {
            return false;
        }
        let lemma = view.lemma_lower(h);
        if INTENT_VERBS.contains(&lemma.as_str())
            || matches!(lemma.as_str(), "plan" | "intention" | "expectation")
        {
            return true;
        }
        cur = h;
    }
    false
}

/// CAMEO's "express intent" code for an intended act: meeting (04) → 036, diplomatic
/// cooperation (05) → 032, material cooperation (06) → 031, aid (07) → 033, yielding
/// (08) → 035; force (15, 18–20) → threaten force 138, coercion (17) → 137, reducing
/// relations (16) → 131. Statements, appeals, demands and accusations stay as they are.
fn intent_code(code: &str) -> String {
    let root = code.get(..2).unwrap_or(code);
    let mapped = match root {
        "04" => "036",
        "05" => "032",
        "06" => "031",
        "07" => "033",
        "08" => "035",
        "15" | "18" | "19" | "20" => "138",
        "17" => "137",
        "16" => "131",
        _ => return code.to_string(),
    };
    mapped.to_string()
}

/// Source and target words of a verb from the parse.
fn verb_arguments(
    view: &SentenceView<'_>,
    v: usize,
    passive: bool,
    mentions: &[ActorMention],
) -> (Vec<usize>, Vec<usize>) {
    let mut sources = Vec::new();
    let mut targets = Vec::new();
    if passive {
        sources.extend(view.children_with(v, "obl:agent"));
        if sources.is_empty() {
            sources.extend(
                view.children_with(v, "obl")
                    .filter(|&c| view.case_marker(c).as_deref() == Some("by")),
            );
        }
        // "killed in an Israeli air strike", "wounded by government shelling": without an
        // agent, the attack that caused it names the side that acted.
        if sources.is_empty() {
            sources.extend(view.children_with(v, "obl").filter(|&c| {
                // The attack noun heads the phrase or is in it ("in Israeli tank shelling",
                // however the parser attached "shelling").
                let phrase = view.subtree_where(c, &|x| {
                    view.deprel(x) == "acl:relcl" || view.base_rel(x) == "punct"
                });
                let names_attack = phrase.iter().any(|&x| {
                    let (lemma, form) = (view.lemma_lower(x), view.form(x).to_lowercase());
                    EVENT_NOUNS.iter().any(|(n, verb)| {
                        (*n == lemma || *n == form) && super::events::is_force_verb(verb)
                    })
                });
                names_attack
                    && view
                        .case_marker(c)
                        .is_some_and(|p| matches!(p.as_str(), "in" | "by" | "during" | "after"))
            }));
        }
        targets.extend(view.children_with(v, "nsubj:pass"));
        if targets.is_empty() && view.base_rel(v) == "acl" {
            targets.extend(view.head.get(v).copied().flatten());
        }
        // "rockets being launched by Hamas into Israel": the destination is the target.
        let mut dest: Vec<usize> = directional_obliques(view, v);
        for &s in &sources {
            dest.extend(directional_obliques(view, s));
        }
        if !dest.is_empty() {
            targets = dest;
        }
    } else {
        sources = subjects(view, v, 0);
        targets.extend(view.children_with(v, "obj"));
        targets.extend(view.children_with(v, "iobj"));
        // "fired artillery shells into the Gaza Strip": when the object is a thing (no
        // named actor in it), the destination is the target.
        if !targets.is_empty() && !targets.iter().any(|&t| names_an_actor(view, t, mentions)) {
            let dest = directional_obliques(view, v);
            if !dest.is_empty() {
                targets = dest;
            }
        }
        if targets.is_empty() {
            targets.extend(oblique_targets(view, v).into_iter().take(1));
        }
        // "marched close to the border with Mordor", "moved nearer to Syria": an adverb of
        // nearness carries the oblique that names whom the act approaches.
        if targets.is_empty() {
            let near = view
                .children_with(v, "advmod")
                .filter(|&a| NEARNESS_ADVERBS.contains(&view.lemma_lower(a).as_str()));
            for a in near.collect::<Vec<_>>() {
                targets.extend(oblique_targets(view, a).into_iter().take(1));
            }
        }
        // "signed an accord to supply Gondor with wheat": when the object is a thing, an
        // infinitive of purpose names whom the act is for.
        let objects: Vec<usize> = view.children_with(v, "obj").collect();
        if !objects.is_empty() && !names_any_actor(view, &targets, mentions) {
            let purpose: Vec<usize> = view
                .children_with(v, "advcl")
                .chain(objects.iter().flat_map(|&t| view.children_with(t, "acl")))
                .filter(|&c| {
                    view.children_with(c, "mark")
                        .any(|m| view.lemma_lower(m) == "to")
                })
                .collect();
            let found: Vec<usize> = purpose
                .iter()
                .flat_map(|&c| view.children_with(c, "obj"))
                .filter(|&o| {
                    mentions
                        .iter()
                        .any(|m| m.actor.is_some() && m.start <= o && o < m.end)
                })
                .take(1)
                .collect();
            if !found.is_empty() {
                targets = found;
            }
        }
    }
    (sources, targets)
}

/// Adverbs that say an act approaches someone: "close to", "near", "nearer to".
const NEARNESS_ADVERBS: &[&str] = &["close", "closer", "near", "nearer", "next"];

/// Whether any of `words` holds a named actor.
fn names_any_actor(view: &SentenceView<'_>, words: &[usize], mentions: &[ActorMention]) -> bool {
    words.iter().any(|&w| names_an_actor(view, w, mentions))
}

/// Obliques of `v` introduced by a preposition that can mark a target, best first.
fn oblique_targets(view: &SentenceView<'_>, v: usize) -> Vec<usize> {
    let mut obl: Vec<usize> = view
        .children_with(v, "obl")
        .filter(|&c| view.deprel(c) != "obl:tmod")
        .filter(|&c| {
            view.case_marker(c)
                .is_some_and(|p| TARGET_PREPS.contains(&p.as_str()))
        })
        .collect();
    obl.sort_by_key(|&c| {
        let p = view.case_marker(c).unwrap_or_default();
        TARGET_PREPS.iter().position(|x| *x == p).unwrap_or(99)
    });
    obl
}

/// Whether the noun phrase of `w` holds a named actor (not only a role noun).
fn names_an_actor(view: &SentenceView<'_>, w: usize, mentions: &[ActorMention]) -> bool {
    let words = view.subtree_where(w, &|c| {
        matches!(view.base_rel(c), "acl" | "punct") || view.deprel(c) == "acl:relcl"
    });
    mentions
        .iter()
        .any(|m| m.actor.is_some() && words.iter().any(|&x| m.start <= x && x < m.end))
}

/// Obliques and nominal modifiers of `w` introduced by a preposition of direction.
fn directional_obliques(view: &SentenceView<'_>, w: usize) -> Vec<usize> {
    view.children
        .get(w)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&c| matches!(view.base_rel(c), "obl" | "nmod"))
        .filter(|&c| {
            view.case_marker(c).is_some_and(|p| {
                matches!(
                    p.as_str(),
                    "into" | "on" | "against" | "at" | "onto" | "upon" | "toward" | "towards"
                )
            })
        })
        .collect()
}

/// The subject of a verb: its own, else the controller of an infinitive ("urged Hamas to
/// accept" → Hamas; "is expected to meet" → the raised subject), the first conjunct's
/// subject, the noun a relative clause modifies, or a participle's main-clause subject.
fn subjects(view: &SentenceView<'_>, v: usize, depth: usize) -> Vec<usize> {
    if depth > 4 {
        return Vec::new();
    }
    let mut own: Vec<usize> = view
        .children_with(v, "nsubj")
        .filter(|&c| view.deprel(c) != "nsubj:pass")
        .collect();
    // Two subjects are one noun phrase the parser split ("Dagolath's first Deputy | Prime
    // Minister Telemar left"): its head is the last word, the one nearest the verb.
    // Coordinated subjects ("The US, Russia, and Switzerland met") keep a comma or a
    // conjunction between them; a day name ("lawmakers Tuesday endorsed") is no subject.
    if own.len() > 1 {
        own.retain(|&c| !is_day_or_month(view, c));
        let first = own.first().copied().unwrap_or(v);
        let last = own.last().copied().unwrap_or(v);
        let joined = (first..last).any(|x| matches!(view.upos(x), "PUNCT" | "CCONJ"));
        // A lone adjective split off ("Egyptian | Foreign Minister Sameh Shukri") stays: it
        // is the phrase's country, merged with the role when the actors are resolved.
        let adjective_only = own.len() == 2
            && view.upos(first) == "ADJ"
            && !matches!(view.children.get(first), Some(c) if !c.is_empty());
        if !joined && own.len() > 1 && !adjective_only {
            own = vec![last];
        }
    }
    if let Some(&s) = own.first() {
        // A relative pronoun subject stands for the noun the clause modifies.
        if view.deprel(v) == "acl:relcl" && is_relative_pronoun(view, s) {
            return view.head.get(v).copied().flatten().into_iter().collect();
        }
        return own;
    }
    let pass: Vec<usize> = view.children_with(v, "nsubj:pass").collect();
    let head = view.head.get(v).copied().flatten();
    let rel = view.base_rel(v);
    match (rel, head) {
        ("xcomp", Some(h)) | ("advcl", Some(h))
            if rel == "xcomp" || has_no_mark_but_to(view, v) =>
        {
            let to_infinitive = rel == "xcomp"
                || view
                    .children_with(v, "mark")
                    .any(|m| view.lemma_lower(m) == "to");
            if to_infinitive {
                let objects: Vec<usize> = view.children_with(h, "obj").collect();
                if !objects.is_empty() {
                    return objects;
                }
                let raised: Vec<usize> = view.children_with(h, "nsubj:pass").collect();
                if !raised.is_empty() {
                    return raised;
                }
            }
            subjects(view, h, depth + 1)
        }
        ("conj", Some(h)) if pass.is_empty() => subjects(view, h, depth + 1),
        ("acl", Some(h)) => {
            if view.deprel(v) == "acl:relcl" {
                vec![h]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// An adverbial clause whose subject is the main clause's: a participle ("Voicing concern,
/// Obama said", "Having deployed troops, Israel pushed") or a purpose infinitive ("flew to
/// Cairo to meet"). Clauses with another marker ("as Obama spoke", "focus on ending the
/// fighting") have their own subject or none.
fn has_no_mark_but_to(view: &SentenceView<'_>, v: usize) -> bool {
    view.children_with(v, "mark")
        .all(|m| view.lemma_lower(m) == "to")
        && view.children_with(v, "case").next().is_none()
}

/// Whether a complement clause codes an event of its own: its verb, or the infinitive it
/// governs ("Arnor is about to restore ties"), is in the verb dictionary.
fn clause_has_event(
    coder: &Coder,
    options: &CoderOptions,
    view: &SentenceView<'_>,
    c: usize,
) -> bool {
    find_trigger(coder, options, view, c).is_some()
        || view
            .children_with(c, "xcomp")
            .any(|x| find_trigger(coder, options, view, x).is_some())
}

fn is_day_or_month(view: &SentenceView<'_>, w: usize) -> bool {
    matches!(
        view.lemma_lower(w).as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tomorrow"
    )
}

fn is_relative_pronoun(view: &SentenceView<'_>, w: usize) -> bool {
    matches!(
        view.lemma_lower(w).as_str(),
        "which" | "who" | "that" | "whom"
    )
}

/// Source and target of an event noun: "its rocket attacks on Israel" (possessor, `on`),
/// "a meeting with Ban" (the subject of the verb the noun is the object of: "Kerry headed
/// into a meeting with Ban"), "criticism of Hamas" (`of` when there is no possessor).
fn nominal_arguments(view: &SentenceView<'_>, n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut sources: Vec<usize> = view.children_with(n, "nmod:poss").collect();
    if sources.is_empty() {
        sources.extend(
            view.children_with(n, "nmod")
                .filter(|&c| view.case_marker(c).as_deref() == Some("by")),
        );
    }
    // Compound modifiers that are actors: "U.S. airstrikes", "Israeli attacks" (amod).
    let compounds: Vec<usize> = view
        .children
        .get(n)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&c| {
            matches!(view.base_rel(c), "compound" | "amod") && view.upos(c) != "NOUN"
                || view.upos(c) == "PROPN" && view.base_rel(c) == "compound"
        })
        .collect();
    if sources.is_empty() {
        sources.extend(compounds);
    }
    if sources.is_empty() {
        if let Some(h) = view.head.get(n).copied().flatten() {
            if matches!(view.base_rel(n), "obj" | "obl")
                && view.upos(h) == "VERB"
                && LIGHT_VERBS.contains(&view.lemma_lower(h).as_str())
            {
                sources = subjects(view, h, 0);
            }
        }
    }
    let with_prep = |preps: &[&str]| -> Vec<usize> {
        view.children_with(n, "nmod")
            .filter(|&c| {
                view.case_marker(c)
                    .is_some_and(|p| preps.contains(&p.as_str()))
            })
            .collect()
    };
    let mut targets = with_prep(&[
        "with", "on", "against", "to", "into", "toward", "towards", "at", "upon",
    ]);
    if targets.is_empty() && view.children_with(n, "nmod:poss").next().is_some()
        || targets.is_empty()
    {
        let of = with_prep(&["of"]);
        if !of.is_empty() && !sources.iter().any(|s| of.contains(s)) {
            targets = of;
        }
    }
    (sources, targets)
}
