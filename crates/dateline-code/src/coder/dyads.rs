//! From a trigger's sources, targets and code to the (source, target, code) triples it
//! codes, the way PETRARCH expands them:
//!
//! * **Symmetric codes.** A verb or pattern code written `[a:b]` (`--- MEET [040:040]`,
//!   `--- ARRIVE [042:043]`, `- * TALKS [032:032]`) codes two events: source → target with
//!   `a` and target → source with `b` (PETRARCH-1 `make_event_strings`, "symmetric event";
//!   the UniversalPetrarch and PETRARCH unit-test suites expect both directions). `[:b]`
//!   (no active code) stays a passive-only code.
//! * **Compound actor codes.** An actor entry with several codes (`THE_SHIRE [FRO/BIL/SAM]`)
//!   stands for each of them: one event per code.
//! * **Reciprocal cooperation.** Several coordinated sources and no target, with a
//!   cooperation code (roots 03–06: "Gondor and Osgiliath renewed ties", "France and the
//!   Philippines agree"): each source acts towards each other one (PETRARCH-2
//!   `Sentence.get_events`: "if there are multiple actors in a cooperation scenario, code
//!   their cooperation as well").

use super::EventActor;
use crate::dict::verbs::EventCodeSpec;

/// One event to emit: source, target, code.
pub(crate) type Triple = (Option<EventActor>, Option<EventActor>, String);

/// The reverse-direction code of a symmetric `[a:b]` code, if the spec is one.
pub(crate) fn symmetric_reverse(spec: &EventCodeSpec) -> Option<String> {
    let active = spec.active.as_deref()?.trim();
    let passive = spec.passive.as_deref()?.trim();
    if active.is_empty() || active == "---" || passive.is_empty() || passive == "---" {
        return None;
    }
    Some(passive.to_string())
}

/// Split actors whose code lists several codes (`FRO/BIL/SAM`) into one actor per code.
pub(crate) fn expand_compound_codes(actors: Vec<Option<EventActor>>) -> Vec<Option<EventActor>> {
    let mut out: Vec<Option<EventActor>> = Vec::new();
    for a in actors {
        match a {
            Some(a) if a.code.contains('/') => {
                for part in a.code.split('/').map(str::trim).filter(|p| !p.is_empty()) {
                    let mut b = a.clone();
                    b.code = part.to_string();
                    out.push(Some(b));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a CAMEO code is one of cooperation (roots 03 to 06).
fn is_cooperation(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06"))
}

/// The triples for all source × target combinations, with symmetric and reciprocal events.
/// One-sided events are kept when `one_sided_ok(code)` says so (PETRARCH's
/// `require_dyad` off); reciprocal ones have both sides.
pub(crate) fn triples(
    sources: &[Option<EventActor>],
    targets: &[Option<EventActor>],
    code: &str,
    reverse: Option<&str>,
    one_sided_ok: &dyn Fn(&str) -> bool,
    reciprocal: bool,
) -> Vec<Triple> {
    let mut out: Vec<Triple> = Vec::new();
    let mut push = |s: Option<EventActor>, t: Option<EventActor>, c: &str| {
        let same = |x: &Option<EventActor>, y: &Option<EventActor>| match (x, y) {
            (Some(a), Some(b)) => a.code == b.code && a.start == b.start,
            (None, None) => true,
            _ => false,
        };
        if !out
            .iter()
            .any(|(a, b, k)| same(a, &s) && same(b, &t) && k == c)
        {
            out.push((s, t, c.to_string()));
        }
    };
    let sources_present: Vec<&EventActor> = sources.iter().flatten().collect();
    let targets_present: Vec<&EventActor> = targets.iter().flatten().collect();
    let sources_all: Vec<Option<EventActor>> = if sources.is_empty() {
        vec![None]
    } else {
        sources.to_vec()
    };
    let targets_all: Vec<Option<EventActor>> = if targets.is_empty() {
        vec![None]
    } else {
        targets.to_vec()
    };
    for s in &sources_all {
        for t in &targets_all {
            if s.is_none() && t.is_none() {
                continue;
            }
            // An actor acting on itself is a reading error, not an event.
            if let (Some(a), Some(b)) = (s, t) {
                if a.code == b.code {
                    continue;
                }
            }
            if (s.is_none() || t.is_none()) && !one_sided_ok(code) {
                continue;
            }
            push(s.clone(), t.clone(), code);
            if let (Some(a), Some(b), Some(r)) = (s, t, reverse) {
                push(Some(b.clone()), Some(a.clone()), r);
            }
        }
    }
    if reciprocal && targets_present.is_empty() && sources_present.len() > 1 && is_cooperation(code)
    {
        for a in &sources_present {
            for b in &sources_present {
                if a.code != b.code {
                    push(Some((*a).clone()), Some((*b).clone()), code);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(code: &str, start: usize) -> Option<EventActor> {
        Some(EventActor {
            code: code.to_string(),
            text: code.to_string(),
            start,
            end: start + 1,
            entity: None,
            antecedent: None,
        })
    }

    fn codes(t: &[Triple]) -> Vec<String> {
        t.iter()
            .map(|(s, t, c)| {
                format!(
                    "{}>{}:{}",
                    s.as_ref().map_or("", |a| a.code.as_str()),
                    t.as_ref().map_or("", |a| a.code.as_str()),
                    c
                )
            })
            .collect()
    }

    #[test]
    fn symmetric_codes_give_both_directions() {
        let spec = EventCodeSpec {
            active: Some("042".into()),
            passive: Some("043".into()),
        };
        let r = symmetric_reverse(&spec);
        assert_eq!(r.as_deref(), Some("043"));
        let t = triples(
            &[actor("BRE", 0)],
            &[actor("GON", 5)],
            "042",
            r.as_deref(),
            &|_| false,
            true,
        );
        assert_eq!(codes(&t), vec!["BRE>GON:042", "GON>BRE:043"]);
        let passive_only = EventCodeSpec {
            active: None,
            passive: Some("173".into()),
        };
        assert_eq!(symmetric_reverse(&passive_only), None);
    }

    #[test]
    fn compound_sources_cooperate_with_each_other() {
        let t = triples(
            &[actor("GON", 0), actor("OSG", 2)],
            &[],
            "064",
            None,
            &|_| false,
            true,
        );
        assert_eq!(codes(&t), vec!["GON>OSG:064", "OSG>GON:064"]);
        // Conflict is not reciprocal.
        let t = triples(
            &[actor("GON", 0), actor("OSG", 2)],
            &[],
            "190",
            None,
            &|_| false,
            true,
        );
        assert!(t.is_empty());
        // Without require_dyad the one-sided events stay.
        let t = triples(
            &[actor("GON", 0), actor("OSG", 2)],
            &[],
            "064",
            None,
            &|_| true,
            true,
        );
        assert_eq!(t.len(), 4);
        // The agents of a passive are not reciprocal ("backed by Israel and the U.S.").
        let t = triples(
            &[actor("ISR", 0), actor("USA", 2)],
            &[],
            "051",
            None,
            &|_| false,
            false,
        );
        assert!(t.is_empty());
    }

    #[test]
    fn compound_actor_codes_expand() {
        let e = expand_compound_codes(vec![actor("FRO/BIL/SAM", 0), None]);
        let c: Vec<String> = e
            .iter()
            .map(|a| a.as_ref().map_or(String::new(), |a| a.code.clone()))
            .collect();
        assert_eq!(c, vec!["FRO", "BIL", "SAM", ""]);
    }
}
