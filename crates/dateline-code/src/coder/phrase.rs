//! The actors a noun phrase denotes, combined the way PETRARCH combines the codes of a noun
//! phrase (PETRARCH-2 `NounPhrase.get_meaning` + `mix_codes`):
//!
//! * the actor and agent codes found among the phrase's own words (its head with its
//!   compound, flat, adjectival and determiner modifiers: "Bree President Romendacil",
//!   "the Danish Islamist media") are collected separately;
//! * when the phrase's own words hold no actor, the actors of its possessor ("Gondor's main
//!   opposition group"), else of its prepositional phrases ("lawmakers in Fornost and
//!   Gondor", "the government of Gondor"), else of an apposition, are used — every
//!   coordinated one ("in Fornost and Gondor" → both);
//! * every agent role is appended to every actor code unless the code already carries it
//!   (`ARN` + `~REL` → `ARNREL`; `DNK` + `~MUS` + `~MED` → `DNKMUSMED`; `USAGOV` + `~GOV`
//!   stays `USAGOV`); roles without an actor get the null actor (`---GOV`).
//!
//! Where PETRARCH would keep several different actors of the same words (a parse or a
//! dictionary overlap), we keep one: the mention the head word lies in, else the one with
//! the most specific (longest) code — news phrases such as "U.S. Secretary of State John
//! Kerry" name one actor twice.

use super::actors::ActorMention;
use super::view::SentenceView;

/// Relations that keep a word inside its head's own noun phrase.
fn is_inner(view: &SentenceView<'_>, c: usize) -> bool {
    matches!(
        view.deprel(c),
        "compound"
            | "flat"
            | "flat:name"
            | "amod"
            | "det"
            | "nummod"
            | "nmod:npmod"
            | "nmod:tmod"
            | "nmod:desc"
    ) || (view.base_rel(c) == "compound")
}

fn is_possessor(view: &SentenceView<'_>, c: usize) -> bool {
    matches!(view.deprel(c), "nmod:poss" | "det:poss")
}

/// A `conj` or `appos` with neither a comma nor a conjunction before it is a misparse of
/// one noun phrase ("Bree Prime Minister Romendacil" read as "Bree" + conj "Romendacil",
/// "Arnor President Umbardacil" as "Arnor" + appos "Umbardacil").
fn is_false_conj(view: &SentenceView<'_>, x: usize, c: usize) -> bool {
    if !matches!(view.base_rel(c), "conj" | "appos") || c <= x {
        return false;
    }
    let between = view.subtree_where(c, &|_| false);
    let first = between.first().copied().unwrap_or(c).max(x + 1);
    !(x + 1..first.max(x + 1))
        .chain(between.iter().copied().filter(|&y| y < c))
        .any(|y| matches!(view.upos(y), "PUNCT" | "CCONJ"))
}

/// The words of `w`'s own noun phrase: `w` and its inner modifiers, recursively.
fn own_words(view: &SentenceView<'_>, w: usize) -> Vec<usize> {
    let mut out = vec![w];
    let mut i = 0;
    while let Some(&x) = out.get(i) {
        for &c in view.children.get(x).into_iter().flatten() {
            let inner = is_inner(view, c) || is_false_conj(view, x, c);
            if inner && !out.contains(&c) && out.len() < 32 {
                out.push(c);
            }
        }
        i += 1;
    }
    out
}

/// `w` and the words coordinated with it. In a list ("Mordor, the Shire, Fornost and
/// Bree") the parser often reads an item after a comma as an apposition of the first; a
/// proper-noun apposition of a word that also has conjuncts is one more item of the list.
fn conjuncts(view: &SentenceView<'_>, w: usize) -> Vec<usize> {
    let mut out = vec![w];
    let mut i = 0;
    while let Some(&x) = out.get(i) {
        let has_conjuncts = view.children_with(x, "conj").next().is_some();
        let items: Vec<usize> = view
            .children
            .get(x)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&c| {
                view.base_rel(c) == "conj"
                    || (has_conjuncts && view.base_rel(c) == "appos" && view.upos(c) == "PROPN")
            })
            .collect();
        for c in items {
            if !out.contains(&c) && out.len() < 16 && !is_false_conj(view, x, c) {
                out.push(c);
            }
        }
        i += 1;
    }
    out
}

/// The narrowest mention containing `w` (a merged role mention may span other words:
/// "lawmakers and officials in Fornost").
fn mention_of(mentions: &[ActorMention], w: usize) -> Option<usize> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start <= w && w < m.end)
        .min_by_key(|(_, m)| m.end - m.start)
        .map(|(i, _)| i)
}

/// Where a noun phrase without actors of its own takes them from, in order.
#[derive(Clone, Copy)]
enum NounSource {
    Possessor,
    PrepPhrase,
    Apposition,
    ParticipleAgent,
    ParticipleArgument,
}

/// A noun-phrase word's dependents, and the agents and arguments of its participles.
struct WordDependents {
    children: Vec<usize>,
    agents: Vec<usize>,
    args: Vec<usize>,
}

/// Dependents `g` of the participles `p` modifying `x` (`acl`) that `keep(p, g)` accepts.
fn participle_dependents(
    view: &SentenceView<'_>,
    x: usize,
    keep: &dyn Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    for &p in view.children.get(x).into_iter().flatten() {
        if view.deprel(p) != "acl" {
            continue;
        }
        out.extend(
            view.children
                .get(p)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&g| keep(p, g)),
        );
    }
    out
}

/// One actor of a noun phrase: the mention that carries it and the combined code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PhraseActor {
    pub mention: usize,
    pub code: String,
}

/// Append `role` to `code` as PETRARCH's `mix_codes` does: unless the code already has it.
/// Codes of six letters or more name a fully coded actor (`PSEREBHMS`, `USAGOV`) and take
/// only prefix roles.
fn mix(base: &str, roles: &[String]) -> String {
    let mut code = base.to_string();
    let full = base.len() >= 6 && !base.starts_with("---");
    for r in roles {
        // A prefix role (`[NGO~]`: "an MSF Arnor diplomat" → NGO + ARNGOV) applies even to a
        // fully coded actor.
        if full && !r.ends_with('~') {
            continue;
        }
        match r.strip_suffix('~') {
            Some(prefix) if !code.contains(prefix) => code = format!("{prefix}{code}"),
            Some(_) => {}
            None if !code.contains(r.as_str()) => code.push_str(r),
            None => {}
        }
    }
    code
}

/// The actors the noun phrase headed by `w` denotes (its coordinated heads not included).
pub(crate) fn phrase_actors(
    view: &SentenceView<'_>,
    w: usize,
    mentions: &[ActorMention],
) -> Vec<PhraseActor> {
    phrase_actors_at(view, w, mentions, 0)
}

fn phrase_actors_at(
    view: &SentenceView<'_>,
    w: usize,
    mentions: &[ActorMention],
    depth: usize,
) -> Vec<PhraseActor> {
    if depth > 3 || w >= view.len() {
        return Vec::new();
    }
    if view.upos(w) == "VERB" && mention_of(mentions, w).is_none() {
        return Vec::new(); // a clause is not an actor
    }
    let own = own_words(view, w);
    let mut ms: Vec<usize> = Vec::new();
    for &x in &own {
        if let Some(mi) = mention_of(mentions, x) {
            if !ms.contains(&mi) {
                ms.push(mi);
            }
        }
    }
    ms.sort_by_key(|&mi| mentions[mi].start);
    let mut roles: Vec<String> = Vec::new();
    for &mi in &ms {
        if let Some(r) = &mentions[mi].role {
            if !roles.contains(r) {
                roles.push(r.clone());
            }
        }
    }
    let with_base: Vec<usize> = ms
        .iter()
        .copied()
        .filter(|&mi| mentions[mi].base.is_some())
        .collect();
    // (mention, actor code) pairs.
    let mut actors: Vec<(usize, String)> = Vec::new();
    let head_mention = mention_of(mentions, w).filter(|mi| with_base.contains(mi));
    let chosen = head_mention.or_else(|| {
        with_base
            .iter()
            .copied()
            .rev()
            .max_by_key(|&mi| mentions[mi].base.as_ref().map_or(0, |b| b.len()))
    });
    if let Some(mi) = chosen {
        let m = &mentions[mi];
        if let Some(b) = &m.base {
            actors.push((mi, b.clone()));
        }
        // Actors coordinated with the chosen one inside the phrase ("Eriadori and
        // Calenardhon leaders", "officials in Fornost and Gondor").
        // (The head's own conjuncts are separate phrases, resolved by the caller.)
        for x in m.start..m.end {
            if x == w {
                continue;
            }
            for c in view.children_with(x, "conj") {
                if c >= m.start && c < m.end {
                    continue;
                }
                for pa in phrase_actors_at(view, c, mentions, depth + 1) {
                    let Some(base) = mentions[pa.mention].base.clone() else {
                        continue;
                    };
                    if !actors.iter().any(|(_, b)| *b == base) {
                        actors.push((pa.mention, base));
                    }
                }
            }
        }
    }
    if actors.is_empty() {
        // The possessor's actors, else the prepositional phrases', else an apposition's.
        // Last, the agent of a participle modifying the noun ("memos sent by Bree"), then the
        // other arguments of such a participle ("the parade supporting Gondor", "a trip in
        // the White Downs" read as "hunting … in"): PETRARCH takes the codes of a verb phrase
        // inside a noun phrase when the noun phrase has none of its own.
        let agent_of = |_: usize, g: usize| {
            view.deprel(g) == "obl:agent"
                || (view.base_rel(g) == "obl"
                    && matches!(view.case_marker(g).as_deref(), Some("by")))
        };
        let argument_of = |p: usize, g: usize| {
            matches!(view.xpos(p), "VBG" | "VBN")
                && (view.base_rel(g) == "obj"
                    || (view.base_rel(g) == "obl"
                        && view.deprel(g) != "obl:tmod"
                        && view.case_marker(g).is_some()))
        };
        // Each word's dependents and its participles' agents and arguments, found once.
        let per_word: Vec<WordDependents> = own
            .iter()
            .map(|&x| {
                let children: Vec<usize> = view
                    .children
                    .get(x)
                    .into_iter()
                    .flatten()
                    .copied()
                    .collect();
                let agents = participle_dependents(view, x, &agent_of);
                let args = participle_dependents(view, x, &argument_of);
                WordDependents {
                    children,
                    agents,
                    args,
                }
            })
            .collect();
        for source in [
            NounSource::Possessor,
            NounSource::PrepPhrase,
            NounSource::Apposition,
            NounSource::ParticipleAgent,
            NounSource::ParticipleArgument,
        ] {
            for WordDependents {
                children,
                agents,
                args,
            } in &per_word
            {
                let pick = |c: usize| match source {
                    NounSource::Possessor => is_possessor(view, c),
                    NounSource::PrepPhrase => {
                        view.deprel(c) == "nmod" && view.case_marker(c).is_some()
                    }
                    NounSource::Apposition => view.base_rel(c) == "appos",
                    NounSource::ParticipleAgent => agents.contains(&c),
                    NounSource::ParticipleArgument => args.contains(&c),
                };
                let candidates = children.iter().chain(agents).chain(args).copied();
                for c in candidates {
                    if !pick(c) {
                        continue;
                    }
                    // Only the first prepositional phrase with actors: a later one is most
                    // often a place or circumstance ("an attack by Osgiliath soldiers in south
                    // Ithilen").
                    if !actors.is_empty() {
                        continue;
                    }
                    let via_participle = args.contains(&c);
                    for cc in conjuncts(view, c) {
                        for pa in phrase_actors_at(view, cc, mentions, depth + 1) {
                            // Only named actors come in through a participle.
                            if via_participle && pa.code.starts_with("---") {
                                continue;
                            }
                            if !actors.iter().any(|(_, b)| *b == pa.code) {
                                actors.push((pa.mention, pa.code));
                            }
                        }
                    }
                }
            }
            if !actors.is_empty() {
                break;
            }
        }
    }
    if actors.is_empty() {
        let Some(&first) = ms.first() else {
            return Vec::new();
        };
        // Roles without an actor: the head's role with the null actor; a modifier's role
        // only on a name ("the official news agency WFNA"), not on a common noun ("military
        // exercises", "an official visit": the phrase names no actor).
        let role = mention_of(mentions, w)
            .and_then(|mi| mentions[mi].role.clone())
            .or_else(|| {
                let named = view.upos(w) == "PROPN"
                    || view.children.get(w).into_iter().flatten().any(|&c| {
                        matches!(view.base_rel(c), "appos" | "flat") && view.upos(c) == "PROPN"
                    });
                if named {
                    roles.last().cloned()
                } else {
                    None
                }
            });
        let Some(role) = role else {
            return Vec::new();
        };
        return vec![PhraseActor {
            mention: first,
            code: format!("---{}", role.trim_matches('~')),
        }];
    }
    actors
        .into_iter()
        .map(|(mi, base)| PhraseActor {
            mention: mi,
            code: mix(&base, &roles),
        })
        .collect()
}

/// The actors of `w` and of the phrases coordinated with it ("Qatar and Turkey"). A
/// conjunct that names only a role takes the actor the first conjunct's modifier gave
/// ("the Danish media and government" → DNKMED, DNKGOV), as the modifier qualifies both.
pub(crate) fn coordinated_event_actors(
    view: &SentenceView<'_>,
    w: usize,
    mentions: &[ActorMention],
) -> Vec<super::EventActor> {
    let mut out: Vec<super::EventActor> = Vec::new();
    let mut shared: Vec<String> = Vec::new();
    for (k, word) in conjuncts(view, w).into_iter().enumerate() {
        let found = phrase_actors(view, word, mentions);
        if k == 0 {
            // A role combined with an actor of its phrase ("Danish media", "lawmakers in
            // Fornost and Gondor"): those actors are shared with role-only conjuncts.
            let combined = found.iter().any(|pa| {
                mentions
                    .get(pa.mention)
                    .is_some_and(|m| m.role.is_some() && m.base.is_some())
            });
            if combined {
                shared = found
                    .iter()
                    .filter_map(|pa| mentions.get(pa.mention).and_then(|m| m.base.clone()))
                    .collect();
                shared.dedup();
            }
        }
        for pa in found {
            let Some(m) = mentions.get(pa.mention) else {
                continue;
            };
            let codes: Vec<String> = match pa.code.strip_prefix("---") {
                Some(role) if k > 0 && !shared.is_empty() => shared
                    .iter()
                    .map(|base| mix(base, &[role.to_string()]))
                    .collect(),
                _ => vec![pa.code.clone()],
            };
            for code in codes {
                let mut a = super::events::mention_actor(view, m);
                a.code = code;
                if !out.iter().any(|x| x.start == a.start && x.code == a.code) {
                    out.push(a);
                }
            }
            // "US and British activists": the role's other coordinated countries, which
            // the mention finder split off inside the phrase.
            for inner in mentions.iter().filter(|o| {
                o.agent.is_some()
                    && o.base.is_some()
                    && o.start > m.start
                    && o.end <= m.end
                    && o.code != m.code
            }) {
                let a = super::events::mention_actor(view, inner);
                if !out.iter().any(|x| x.code == a.code) {
                    out.push(a);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_appended_once() {
        assert_eq!(mix("ARN", &["REL".to_string()]), "ARNREL");
        assert_eq!(
            mix("DNK", &["MUS".to_string(), "MED".to_string()]),
            "DNKMUSMED"
        );
        assert_eq!(mix("USAGOV", &["GOV".to_string()]), "USAGOV");
        assert_eq!(mix("ITHGOV", &["MIL".to_string()]), "ITHGOV");
        assert_eq!(
            mix("ARN", &["NGO~".to_string(), "GOV".to_string()]),
            "NGOARNGOV"
        );
    }
}
