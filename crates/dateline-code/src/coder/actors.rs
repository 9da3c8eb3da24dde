//! Actor mentions in one sentence: dictionary actors and agents found by the phrase
//! matchers, merged along the parse ("Israel's military", "Israeli troops", "officials from
//! Qatar" → one mention with a combined code), and the resolution of an argument word to
//! the actors it denotes (the mention it heads, the nearest one in its noun phrase,
//! coordinated actors, pronouns through the document's coreference state).

use chrono::NaiveDate;
use dateline_nlp::ner::EntityType;

use super::view::SentenceView;
use crate::dict::agents::AgentAffix;
use crate::dict::CompiledDictionaries;

/// One actor mention: words `start..end` of a sentence with the code valid on the
/// article's date.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    pub start: usize,
    pub end: usize,
    /// The syntactic head of the mention's words.
    pub head: usize,
    pub code: String,
    /// The dictionary actor entry (index), when a named actor was found.
    pub actor: Option<u32>,
    /// The dictionary agent entry (index), when a generic role was found.
    pub agent: Option<u32>,
    /// Whether the mention names a person (an entity tagged PERSON, or a role noun such as
    /// "minister"): pronouns "he"/"she" resolve to persons.
    pub person: bool,
    /// The actor part of the code (`ISR` of `ISRMIL`), `None` for a role without an actor.
    pub base: Option<String>,
    /// The agent role of the mention without its `~` (`MIL`), `None` for a bare actor.
    pub role: Option<String>,
}

/// Relations inside a noun phrase along which a modifier's actor is looked for: "Israeli
/// troops" (amod), "Israel's military" (nmod:poss), "U.S. officials" (compound), "officials
/// from Qatar" (nmod), "Ban Ki-moon, the U.N. chief" (appos).
fn is_np_modifier(rel: &str) -> bool {
    matches!(
        rel,
        "amod"
            | "nmod"
            | "nmod:poss"
            | "compound"
            | "flat"
            | "appos"
            | "det:poss"
            | "obl"
            | "nmod:npmod"
    )
}

/// Words that must not be read as an actor on their own even when a dictionary lists them,
/// because in running text they are almost always something else. Kept short on purpose.
fn is_function_word(form: &str) -> bool {
    matches!(
        form,
        "A" | "AN"
            | "THE"
            | "OF"
            | "AND"
            | "OR"
            | "TO"
            | "IN"
            | "ON"
            | "AT"
            | "BY"
            | "FOR"
            | "IT"
            | "US"
    )
}

/// Find and merge the actor mentions of one sentence.
pub(crate) fn find_mentions(
    view: &SentenceView<'_>,
    dicts: &CompiledDictionaries,
    date: Option<NaiveDate>,
) -> Vec<ActorMention> {
    let forms = view.forms();
    let n = forms.len();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut mentions: Vec<ActorMention> = Vec::new();

    for m in dicts.actor_matcher.find_longest(&forms) {
        if m.end <= m.start || m.end > n {
            continue;
        }
        // "US" as the pronoun, "IT": a one-word upper-case-only match of a function word is
        // kept only when the text writes it as a name ("U.S.", "US" in capitals is ambiguous:
        // keep it when tagged as a proper noun).
        if m.end - m.start == 1 {
            let w = m.start;
            if is_function_word(&view.upper[w]) && view.upos(w) != "PROPN" {
                continue;
            }
        }
        let Some(entry) = dicts.dicts.actors.get(m.payload as usize) else {
            continue;
        };
        let Some(code) = entry.code_on(date) else {
            continue;
        };
        let head = span_head(view, m.start, m.end);
        let person = overlaps_entity(view, m.start, m.end, EntityType::Person);
        let idx = mentions.len();
        mentions.push(ActorMention {
            start: m.start,
            end: m.end,
            head,
            code: code.to_string(),
            actor: Some(m.payload),
            agent: None,
            person,
            base: Some(code.to_string()),
            role: None,
        });
        for o in owner.iter_mut().take(m.end).skip(m.start) {
            *o = Some(idx);
        }
    }

    // Agents where no actor was found: "troops", "officials", "the militant group".
    let mut agents: Vec<(usize, usize, u32)> = Vec::new();
    for m in dicts.agent_matcher.find_longest(&forms) {
        if m.end <= m.start || m.end > n || (m.start..m.end).any(|w| owner[w].is_some()) {
            continue;
        }
        agents.push((m.start, m.end, m.payload));
    }
    for (start, end, payload) in agents {
        let Some(agent) = dicts.dicts.agents.get(payload as usize) else {
            continue;
        };
        let head = span_head(view, start, end);
        // The actor this role belongs to: a mention modifying the role's head ("Israeli
        // troops", "Israel's military", "officials from Qatar"), or heading it ("Egypt's
        // foreign minister" is covered by the first case).
        let modifier = nearest_modifier_mention(view, head, &mentions, &owner, 2);
        let code = match modifier {
            Some(mi) => combine(&mentions[mi].code, &agent.code, agent.affix),
            // PETRARCH writes an agent without an actor with the null actor `---` in front
            // ("officials said" → `---GOV`).
            None => format!("---{}", agent.code.trim_matches('~')),
        };
        let (start, end) = match modifier {
            Some(mi) => (start.min(mentions[mi].start), end.max(mentions[mi].end)),
            None => (start, end),
        };
        // "US and British activists", "French and German troops": each coordinated
        // modifier qualifies the role on its own, so each gives the role its country.
        let conjoined: Vec<usize> = match modifier {
            Some(mi) => view
                .children_with(mentions[mi].head, "conj")
                .filter_map(|c| owner.get(c).copied().flatten())
                .filter(|&mj| mj != mi && mentions[mj].agent.is_none())
                .collect(),
            None => Vec::new(),
        };
        let idx = mentions.len();
        mentions.push(ActorMention {
            start,
            end,
            head,
            code,
            actor: modifier.and_then(|mi| mentions[mi].actor),
            agent: Some(payload),
            person: true,
            base: modifier.map(|mi| mentions[mi].code.clone()),
            // A prefix role (`[NGO~]`) keeps its `~` at the end.
            role: Some(match agent.affix {
                AgentAffix::Suffix => agent.code.trim_matches('~').to_string(),
                AgentAffix::Prefix => format!("{}~", agent.code.trim_matches('~')),
            })
            .filter(|r| r.len() > 1),
        });
        for o in owner.iter_mut().take(end).skip(start) {
            *o = Some(idx);
        }
        for mj in conjoined {
            let other = mentions[mj].clone();
            let code = combine(&other.code, &agent.code, agent.affix);
            let role = mentions[idx].role.clone();
            let new = mentions.len();
            mentions.push(ActorMention {
                code,
                agent: Some(payload),
                person: true,
                base: Some(other.code.clone()),
                role,
                ..other
            });
            for o in owner.iter_mut().take(other.end).skip(other.start) {
                *o = Some(new);
            }
        }
    }

    // Named actors modifying a named actor's head keep their own codes; but a country
    // adjective or possessive on a mention without a country ("the Palestinian Hamas") is
    // left as it is: dictionaries code such names fully.
    mentions.retain(|m| owner.get(m.head).copied().flatten().is_some());
    // Drop mentions whose every word was taken over by a merged agent mention.
    let kept: Vec<ActorMention> = mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| (m.start..m.end).any(|w| owner[w] == Some(*i)))
        .map(|(_, m)| m.clone())
        .collect();
    kept
}

/// PETRARCH's agent rule: `[~MIL]` appends the role to the actor's code (ISR + MIL →
/// ISRMIL), `[MIL~]` prefixes it. A code that already carries a role (six letters or more:
/// USAGOV, PSEREBHMS) keeps it: the dictionary coded that actor fully.
fn combine(actor: &str, agent: &str, affix: AgentAffix) -> String {
    let role = agent.trim_matches('~');
    if actor.len() >= 6 || actor.contains(role) {
        return actor.to_string();
    }
    match affix {
        AgentAffix::Suffix => format!("{actor}{role}"),
        AgentAffix::Prefix => format!("{role}{actor}"),
    }
}

/// The word of `start..end` whose head lies outside the span (the first such).
pub(crate) fn span_head(view: &SentenceView<'_>, start: usize, end: usize) -> usize {
    (start..end)
        .find(|&w| match view.head.get(w).copied().flatten() {
            Some(h) => h < start || h >= end,
            None => true,
        })
        .unwrap_or(start)
}

fn overlaps_entity(view: &SentenceView<'_>, start: usize, end: usize, kind: EntityType) -> bool {
    view.sentence
        .entities
        .iter()
        .any(|e| e.kind == kind && e.first_word < end && start < e.end_word)
}

/// The mention closest to `word` among its noun-phrase modifiers, `depth` levels down.
fn nearest_modifier_mention(
    view: &SentenceView<'_>,
    word: usize,
    mentions: &[ActorMention],
    owner: &[Option<usize>],
    depth: usize,
) -> Option<usize> {
    // Level by level; at each level a named actor before a role ("an MSF Arnor diplomat":
    // the diplomat is Arnor's, MSF only prefixes the code).
    let mut frontier = vec![word];
    for _ in 0..depth {
        let mut next = Vec::new();
        let mut role: Option<usize> = None;
        for &w in &frontier {
            for &c in view.children.get(w).into_iter().flatten() {
                if !is_np_modifier(view.deprel(c)) {
                    continue;
                }
                if let Some(mi) = owner.get(c).copied().flatten() {
                    match mentions.get(mi) {
                        Some(m) if m.actor.is_some() => return Some(mi),
                        Some(_) => role = role.or(Some(mi)),
                        None => {}
                    }
                }
                next.push(c);
            }
        }
        if role.is_some() {
            return role;
        }
        frontier = next;
    }
    None
}
