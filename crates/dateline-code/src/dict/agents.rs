//! The agent dictionaries (PETRARCH `.agents` format): generic roles that qualify an
//! actor ("police", "foreign minister") and the code piece they add to the actor's code.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     # substitution marker definition
//! POLICE!PERSON! [~COP]                         # one phrase per substitution, no plurals
//! POLICE_OFFICER [~COP]                         # automatic plural POLICE_OFFICERS
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # explicit plural(s)
//! POLICE {} [~COP]                              # no plural
//! HUMAN_RIGHTS_BODY  [NGO~]                     # prefix: NGO + actor code
//! ```
//!
//! Semantics follow PETRARCH-2's `read_agent_dictionary` (PETRreader.py):
//!
//! * `[~CODE]` appends the code to the actor's code ([`AgentAffix::Suffix`], Egyptian
//!   police → EGYCOP); `[CODE~]` puts it in front ([`AgentAffix::Prefix`], NGO~). Spaces
//!   inside the brackets are ignored (`[  NGO~]`, `[ ~COP]`).
//! * Automatic plural, when no `{...}` is given, built on the whole phrase text (so on its
//!   last word): final `Y` → `IES`, final `S` → `ES`, otherwise `S`. (PETRARCH's docstring
//!   says "ES if the root ends in SS" but its code tests a single `S`; we follow the code.)
//!   A phrase ending in `_` gets no automatic plural: `_` marks a fixed word end, as in
//!   PETRARCH's verb-file synsets, and PETRARCH itself would store the nonsense
//!   `MINISTRY_S` for `MINISTRY_`.
//! * `{P1 P2}` lists the plural phrases explicitly (space separated, words joined by `_`);
//!   `{}` means none.
//! * `!NAME! = A, B, C` defines a substitution marker; an entry containing `!NAME!` is
//!   expanded once per element with no plurals formed (PETRARCH: "with no additional
//!   plural formation"). Unlike PETRARCH we expand every marker of a line, not just the
//!   first, and also substitute inside explicit `{...}` plurals. An undefined marker is an
//!   error (PETRARCH skips the line with a warning).
//! * A line without a `[code]` is skipped, as PETRARCH does ("Codes are required for
//!   agents"): Phoenix.agents.txt has one (`ISLAMIC_EXTREMIST`, line 1927) and it is
//!   evidently an unfinished entry, not a syntax we could give a meaning to.
//!
//! Agent phrases are whole words (`Phrase::stem == false`): PETRARCH-2 matches agents by
//! word, and the plurals are spelled out, so TABARI stem matching would only add noise
//! ("POLICE" matching "POLICEMAN" with the wrong code).

use crate::dict::actors::{content_lines, split_code_groups, Comments};
use crate::dict::phrases::parse_phrase;
use crate::dict::{DictError, Origin, Phrase};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// Where an agent's code goes relative to the actor's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentAffix {
    /// `[~COP]`: actor code + agent code (EGY + COP).
    Suffix,
    /// `[NGO~]`: agent code + actor code.
    Prefix,
}

/// One agent line: all its phrases (singular forms first, then plurals, or the marker
/// substitutions in order), its code and where the code goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentEntry {
    pub phrases: Vec<Phrase>,
    pub code: String,
    pub affix: AgentAffix,
    pub origin: Origin,
}

/// PETRARCH-2's automatic plural of an agent phrase text (see the module docs).
fn automatic_plural(phrase: &str) -> Option<String> {
    let phrase = phrase.trim();
    if phrase.ends_with('_') || phrase.is_empty() {
        return None;
    }
    if let Some(root) = phrase.strip_suffix(['Y', 'y']) {
        Some(format!("{root}IES"))
    } else if phrase.ends_with(['S', 's']) {
        Some(format!("{phrase}ES"))
    } else {
        Some(format!("{phrase}S"))
    }
}

/// Expands every `!NAME!` marker of `text`; `Err` names an undefined or unclosed marker.
fn expand_markers(
    text: &str,
    markers: &HashMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let Some(open) = text.find('!') else {
        return Ok(vec![text.to_string()]);
    };
    let after = &text[open + 1..];
    let Some(close) = after.find('!') else {
        return Err(format!("unclosed substitution marker in {text:?}"));
    };
    let name = after[..close].trim().to_uppercase();
    let Some(values) = markers.get(&name) else {
        return Err(format!("undefined substitution marker !{name}!"));
    };
    let tail = expand_markers(&after[close + 1..], markers)?;
    let mut out = Vec::with_capacity(values.len() * tail.len());
    for value in values {
        for rest in &tail {
            out.push(format!("{}{value}{rest}", &text[..open]));
        }
    }
    Ok(out)
}

/// Reads an agent dictionary. `path` is only used in error messages; `file` is stored in
/// each entry's [`Origin`].
pub fn read_agents(path: &Path, text: &str, file: u16) -> Result<Vec<AgentEntry>, DictError> {
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    let mut entries = Vec::new();
    for (line_no, line) in content_lines(text, Comments::Hash) {
        let err = |message: String| DictError::at(path, line_no, message);
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            let (name, values) = line.split_once('=').unwrap_or((&line, ""));
            let name = name.trim().trim_matches('!').trim().to_uppercase();
            if name.is_empty() || name.contains('!') {
                return Err(err(format!("bad substitution marker definition {line:?}")));
            }
            let values: Vec<String> = values
                .split(',')
                .map(|v| v.trim().to_uppercase())
                .filter(|v| !v.is_empty())
                .collect();
            if values.is_empty() {
                return Err(err(format!("substitution marker !{name}! has no values")));
            }
            markers.insert(name, values);
            continue;
        }
        let (phrase_part, groups) = split_code_groups(&line).map_err(err)?;
        let Some(group) = groups.first() else {
            // PETRARCH: "Codes are required for agents"; line skipped (see module docs).
            continue;
        };
        if groups.len() > 1 {
            return Err(err(format!(
                "an agent has one code, found {}",
                groups.len()
            )));
        }
        let raw_code: String = group.split_whitespace().collect();
        let (code, affix) = if let Some(code) = raw_code.strip_prefix('~') {
            (code, AgentAffix::Suffix)
        } else if let Some(code) = raw_code.strip_suffix('~') {
            (code, AgentAffix::Prefix)
        } else {
            return Err(err(format!(
                "agent code [{raw_code}] needs '~' before (suffix) or after (prefix) it"
            )));
        };
        if code.is_empty() || code.contains('~') {
            return Err(err(format!("bad agent code [{raw_code}]")));
        }

        // Split off an explicit plural list {...}.
        let (singular, plurals) = match phrase_part.find('{') {
            Some(open) => {
                let Some(close) = phrase_part[open..].find('}') else {
                    return Err(err("missing '}'".to_string()));
                };
                let inside = &phrase_part[open + 1..open + close];
                let plurals: Vec<&str> = inside.split_whitespace().collect();
                (&phrase_part[..open], Some(plurals))
            }
            None => (phrase_part, None),
        };
        if singular.trim().is_empty() {
            return Err(err("agent line without a phrase".to_string()));
        }

        let mut texts: Vec<String> = Vec::new();
        if singular.contains('!') {
            texts.extend(expand_markers(singular.trim(), &markers).map_err(err)?);
            for plural in plurals.iter().flatten() {
                texts.extend(expand_markers(plural, &markers).map_err(err)?);
            }
        } else {
            texts.push(singular.trim().to_string());
            match plurals {
                Some(plurals) => {
                    for plural in plurals {
                        texts.extend(expand_markers(plural, &markers).map_err(err)?);
                    }
                }
                None => texts.extend(automatic_plural(singular)),
            }
        }
        let mut phrases: Vec<Phrase> = Vec::with_capacity(texts.len());
        for text in &texts {
            if let Some(mut phrase) = parse_phrase(text) {
                phrase.stem = false;
                if !phrases.contains(&phrase) {
                    phrases.push(phrase);
                }
            }
        }
        if phrases.is_empty() {
            return Err(err("agent line without a phrase".to_string()));
        }
        entries.push(AgentEntry {
            phrases,
            code: code.to_uppercase(),
            affix,
            origin: Origin {
                file,
                line: u32::try_from(line_no).unwrap_or(u32::MAX),
            },
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<AgentEntry> {
        read_agents(Path::new("t.agents"), text, 1).unwrap()
    }

    fn read_err(text: &str) -> String {
        read_agents(Path::new("t.agents"), text, 1)
            .unwrap_err()
            .to_string()
    }

    fn words(entry: &AgentEntry) -> Vec<String> {
        entry.phrases.iter().map(|p| p.words.join(" ")).collect()
    }

    #[test]
    fn plurals_explicit_none_and_automatic() {
        let e = read(
            "POLICE_OFFICER [~COP] # x\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nPOLICE {} [ ~COP]\nSECRETARY [~GOV]\nBOSS [~BUS]\nMINISTRY_  [~GOV]\nHUMAN_RIGHTS_BODY  [  NGO~]\nGOLDEN_GOOSE {GOLDEN_GEESE GOLDEN_GOOSES} [~GGS]\n",
        );
        assert_eq!(words(&e[0]), vec!["POLICE OFFICER", "POLICE OFFICERS"]);
        assert_eq!(words(&e[1]), vec!["ATTORNEY GENERAL", "ATTORNEYS GENERAL"]);
        assert_eq!(e[1].code, "GOVATG");
        assert_eq!(words(&e[2]), vec!["POLICE"]);
        assert_eq!(words(&e[3]), vec!["SECRETARY", "SECRETARIES"]);
        assert_eq!(words(&e[4]), vec!["BOSS", "BOSSES"]);
        assert_eq!(words(&e[5]), vec!["MINISTRY"]);
        assert_eq!(
            (e[6].code.as_str(), e[6].affix),
            ("NGO", AgentAffix::Prefix)
        );
        assert_eq!(e[0].affix, AgentAffix::Suffix);
        assert_eq!(words(&e[7]).len(), 3);
        assert!(e.iter().all(|a| a.phrases.iter().all(|p| !p.stem)));
        assert_eq!(read("DEPARMENT_OF_ENVIRONMENT [~ENV}\n")[0].code, "ENV");
        assert_eq!(e[1].origin, Origin { file: 1, line: 2 });
    }

    #[test]
    fn substitution_markers() {
        let e = read(
            "<!-- header -->\n!PERSON! = MAN, WOMAN\n!MINST! = MINISTER, MINISTRY\nCONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\nFIRE!PERSON! {} [~GOV]\n!MINST!_!PERSON! [~X]\n",
        );
        assert_eq!(words(&e[0]), vec!["CONGRESSMAN", "CONGRESSWOMAN"]);
        assert_eq!(
            words(&e[1]),
            vec!["MINISTER OF SILLY WALKS", "MINISTRY OF SILLY WALKS"]
        );
        assert_eq!(words(&e[2]), vec!["FIREMAN", "FIREWOMAN"]);
        assert_eq!(words(&e[3]).len(), 4);
    }

    #[test]
    fn lines_without_code_are_skipped() {
        let e = read("ISLAMIC_EXTREMIST\nFARMER [~AGR]\n");
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn errors_name_file_and_line() {
        assert!(read_err("A [~X]\nB!NOPE! [~X]\n")
            .starts_with("t.agents:2: undefined substitution marker"));
        assert!(read_err("A [COP]\n").starts_with("t.agents:1: agent code [COP] needs '~'"));
        assert_eq!(read_err("\nA {B [~X]\n"), "t.agents:2: missing '}'");
        assert!(read_err("A [~X] [~Y]\n").starts_with("t.agents:1: an agent has one code"));
        assert_eq!(
            read_err("{} [~X]\n"),
            "t.agents:1: agent line without a phrase"
        );
        assert!(
            read_err("!X = \n").starts_with("t.agents:1: substitution marker !X! has no values")
        );
    }

    #[test]
    fn real_agent_files_read_without_errors() {
        let Some(dir) = crate::dict::actors::tests::shared_data() else {
            return;
        };
        // (file, (entries, phrases, prefix codes)); entries and prefix codes counted
        // independently by a script (lines with a code, not marker definitions).
        for (file, expected) in [
            ("dictionaries/Phoenix.agents.txt", (2244, 5212, 3)),
            ("petrarch1/PETR.Validate.agents.txt", (88, 165, 6)),
            ("petrarch2/PETR.Validate.agents.txt", (88, 165, 3)),
            (
                "universalpetrarch/PETR_Validate_agents_2_02.txt",
                (88, 165, 3),
            ),
        ] {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let started = std::time::Instant::now();
            let entries = read_agents(&path, &text, 0).unwrap_or_else(|e| panic!("{e}"));
            let phrases: usize = entries.iter().map(|e| e.phrases.len()).sum();
            let prefixes = entries
                .iter()
                .filter(|e| e.affix == AgentAffix::Prefix)
                .count();
            eprintln!(
                "{file}: {} entries, {phrases} phrases, {prefixes} prefix codes in {:?}",
                entries.len(),
                started.elapsed()
            );
            assert_eq!(
                (entries.len(), prefixes),
                (expected.0, expected.2),
                "{file}"
            );
            // The phrase count is a regression value (singulars + plurals + substitutions).
            assert_eq!(phrases, expected.1, "{file}");
            if file.starts_with("dictionaries") {
                let cattle = entries.iter().find(|e| e.origin.line == 61).unwrap();
                assert_eq!(cattle.phrases.len(), 5);
                assert_eq!(cattle.phrases[1].words, vec!["CATTLEMEN"]);
                assert_eq!(
                    (cattle.code.as_str(), cattle.affix),
                    ("AGR", AgentAffix::Suffix)
                );
                let officer = entries
                    .iter()
                    .find(|e| e.phrases[0].words == ["POLICE", "OFFICER"])
                    .unwrap();
                assert_eq!(officer.phrases[1].words, vec!["POLICE", "OFFICERS"]);
                assert_eq!(officer.code, "COP");
            }
        }
    }
}
