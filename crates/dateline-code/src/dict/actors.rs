//! The actor dictionaries (TABARI / PETRARCH / Phoenix `.actors` format) and the line
//! conventions all the TABARI-family dictionary files share.
//!
//! An entry is a head phrase, optional `+` synonym lines, and codes in `[...]` on the head
//! line, on the synonym lines or on indented lines below:
//!
//! ```text
//! KOFI_ANNAN_                          # head phrase (final `_`: whole word)
//! +SECRETARY-GENERAL_KOFI_ANNAN        # synonym (no final `_`: stem, see phrases.rs)
//!     [IGOUNO 970101-061231]           # code valid from..to (inclusive)
//!     [ELI]                            # undated code: the fallback
//! B._LYNN_PASCOE_ [USAGOV 981022-010811] [IGOUNO  >070201]   # several codes on one line
//! ```
//!
//! Date forms inside a code: `>D` (from D on), `<D` (until D), `D-D` (range, spaces around
//! `-` tolerated), and a bare `D`, which the Phoenix files use for a start date ("entered
//! Foreign Service", the start of a government) and is read as `>D`.
//!
//! Dates follow PETRARCH's `dstr_to_ordate` (PETRreader.py): a string of 7 characters or
//! fewer is `YYMMDD` (its first 6 digits), where `YY` ≤ 30 is 20YY and otherwise 19YY ("for
//! consistency with KEDS and TABARI"); 8 or more is `YYYYMMDD` (its first 8 digits). That
//! rule is applied literally, so the few typos in the Phoenix files read as PETRARCH reads
//! them: `2004017` → 2020-04-01, `1920030320` → 1920-03-03, `201005011` → 2010-05-01.
//! A range whose end precedes its start (two in the Phoenix files: that `KORGOVBUS
//! 2004017-20061201`, and `EGYGOV 20121207-20120802`) is kept but is valid on no date;
//! PETRARCH-1 skips such a line with a warning, PETRARCH-2 keeps it.
//!
//! Codes are upper-cased (`[pse]` → `PSE`) and kept as written otherwise, including the
//! TABARI special codes `---` (no code), `+++`, `###` and the compound `ELR/GAL`.
//!
//! Head lines without a code. The files often list several names of one person as heads
//! with the codes below the last one:
//!
//! ```text
//! IVO_JOSIPOVIC_
//! PRESIDENT_JOSIPOVIC_
//! JOSIPOVIC_
//!     [HRVGOV >20120219]
//! ```
//!
//! PETRARCH-1 (`read_actor_dictionary`, as in TABARI) gives all three the codes below: a new
//! head only starts a new code list when the current one is non-empty, so a code-less head
//! shares the codes of what follows. PETRARCH-2 instead stores the first two with no code
//! at all. We follow PETRARCH-1: a head that follows an entry with no code yet is added to
//! that entry as another phrase (this also gives `U.N._`, left without a code before
//! `UN_SECRETARY_GENERAL … [IGOUNO]`, its evident code).
//!
//! Comments, as PETRARCH's `read_FIN_line` strips them: `#` to end of line (here: only
//! outside `[...]`, so the TABARI code `[###]` survives), `<!-- ... -->` also across lines,
//! and blank lines. The petrarch1 validation file also uses TABARI's `;` comments, which
//! are stripped (outside brackets) in actor files.

use crate::dict::phrases::parse_phrase;
use crate::dict::{DatedCode, DictError, Origin, Phrase};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One actor: its phrases (the head first, then further code-less heads joined to it and
/// `+` synonyms, in file order) and its codes in file order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorEntry {
    pub phrases: Vec<Phrase>,
    pub codes: Vec<DatedCode>,
    /// The head phrase's line.
    pub origin: Origin,
}

impl ActorEntry {
    /// The code this actor has on `date`.
    ///
    /// With a date: the first dated code (file order) valid on it; else the first undated
    /// code (TABARI's default code); else `None` (the actor is known but had no role then).
    /// Without a date: the first undated code; else the dated code whose validity reaches
    /// latest (an open `>D` counts as latest), since undated text is usually current news;
    /// a reversed range (from after to, a typo) is never chosen.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        let undated = || {
            self.codes
                .iter()
                .find(|c| c.from.is_none() && c.to.is_none())
        };
        let chosen = match date {
            Some(_) => self
                .codes
                .iter()
                .find(|c| (c.from.is_some() || c.to.is_some()) && c.valid_on(date))
                .or_else(undated),
            None => undated().or_else(|| {
                let reversed =
                    |c: &&DatedCode| matches!((c.from, c.to), (Some(f), Some(t)) if f > t);
                self.codes.iter().filter(|c| !reversed(c)).max_by_key(|c| {
                    (
                        c.to.unwrap_or(NaiveDate::MAX),
                        c.from.unwrap_or(NaiveDate::MIN),
                    )
                })
            }),
        };
        chosen.map(|c| c.code.as_str())
    }
}

/// Which end-of-line comment markers a file kind uses besides `#`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comments {
    /// `#` only.
    Hash,
    /// `#` and TABARI's `;`.
    HashAndSemicolon,
}

/// A file's content lines with comments removed: (1-based line number, text), blank
/// results skipped. `<!-- -->` comments may span lines; an unterminated one runs to the
/// end of the file (as in PETRARCH, which reads on until it finds `-->`).
pub(crate) fn content_lines(text: &str, comments: Comments) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (number, line) in super::without_xml_comments(text) {
        let line = strip_end_comment(&line, comments);
        let line = line.trim_start_matches('\u{feff}').trim();
        if !line.is_empty() {
            out.push((number, line.to_string()));
        }
    }
    out
}

/// Cuts an end-of-line comment that starts outside `[...]`.
fn strip_end_comment(line: &str, comments: Comments) -> &str {
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' if depth == 0 => return &line[..i],
            ';' if depth == 0 && comments == Comments::HashAndSemicolon => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits `text` into the part before the first `[` and the contents of each `[...]`
/// group after it. Text after the last group that is not another group is an annotation
/// and ignored: the Phoenix international file appends company sectors and revenues
/// there (`A.H._BELO_CORPORATION_ [MNCMED] Newspapers/Magazines $137,000,000`).
/// A group closed by `}` at the end of the line is accepted (one typo in the Phoenix
/// agents). `Err` names the problem (an unclosed `[`).
pub(crate) fn split_code_groups(text: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(first) = text.find('[') else {
        return Ok((text, Vec::new()));
    };
    let (head, mut rest) = text.split_at(first);
    let mut groups = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        let Some(inner) = trimmed.strip_prefix('[') else {
            break;
        };
        let close = match inner.find(']') {
            Some(close) => close,
            // `[~ENV}` (Phoenix.agents.txt line 544): a `}` typed for the final `]`.
            None if inner.trim_end().ends_with('}') && !inner.contains('[') => {
                inner.trim_end().len() - 1
            }
            None => return Err(format!("missing ']' in {text:?}")),
        };
        groups.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
    Ok((head, groups))
}

/// Reads a date as PETRARCH's `dstr_to_ordate` does (see the module docs).
pub(crate) fn parse_dictionary_date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("bad date {text:?} (expected YYMMDD or YYYYMMDD)");
    if !text.chars().all(|c| c.is_ascii_digit()) || text.len() < 6 {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, String> {
        text.get(range).and_then(|s| s.parse().ok()).ok_or_else(bad)
    };
    let (year, month, day) = if text.len() > 7 {
        (number(0..4)? as i32, number(4..6)?, number(6..8)?)
    } else {
        let yy = number(0..2)? as i32;
        let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
        (year, number(2..4)?, number(4..6)?)
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("invalid date {text:?}"))
}

/// Reads the inside of one `[...]` code group: `CODE`, `CODE >D`, `CODE <D`, `CODE D-D`,
/// `CODE D`; whitespace is tolerated anywhere after the code.
pub(crate) fn parse_dated_code(group: &str) -> Result<DatedCode, String> {
    let mut tokens = group.split_whitespace();
    let Some(code) = tokens.next() else {
        return Err("empty code '[]'".to_string());
    };
    let dates: String = tokens.collect();
    let (from, to) = if dates.is_empty() {
        (None, None)
    } else if let Some(d) = dates.strip_prefix('>') {
        (Some(parse_dictionary_date(d)?), None)
    } else if let Some(d) = dates.strip_prefix('<') {
        (None, Some(parse_dictionary_date(d)?))
    } else if let Some((a, b)) = dates.split_once('-') {
        (
            Some(parse_dictionary_date(a)?),
            Some(parse_dictionary_date(b)?),
        )
    } else {
        (Some(parse_dictionary_date(&dates)?), None)
    };
    Ok(DatedCode {
        code: code.to_uppercase(),
        from,
        to,
    })
}

/// Reads an actor dictionary. `path` is only used in error messages; `file` is stored in
/// each entry's [`Origin`]. An entry can end up without any code only at the end of a file
/// (`code_on` then gives `None`).
pub fn read_actors(path: &Path, text: &str, file: u16) -> Result<Vec<ActorEntry>, DictError> {
    let mut entries: Vec<ActorEntry> = Vec::new();
    for (line_no, line) in content_lines(text, Comments::HashAndSemicolon) {
        let err = |message: String| DictError::at(path, line_no, message);
        let (phrase_text, groups) = split_code_groups(&line).map_err(err)?;
        let codes = groups
            .iter()
            .map(|g| parse_dated_code(g))
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        let phrase_text = phrase_text.trim();
        if let Some(synonym) = phrase_text.strip_prefix('+') {
            let Some(entry) = entries.last_mut() else {
                return Err(err("synonym '+' line before any actor".to_string()));
            };
            let Some(phrase) = parse_phrase(synonym) else {
                return Err(err("synonym '+' line without a phrase".to_string()));
            };
            entry.phrases.push(phrase);
            entry.codes.extend(codes);
        } else if phrase_text.is_empty() {
            // A code line (usually indented) continues the entry above.
            let Some(entry) = entries.last_mut() else {
                return Err(err("code line before any actor".to_string()));
            };
            entry.codes.extend(codes);
        } else {
            let Some(phrase) = parse_phrase(phrase_text) else {
                return Err(err(format!("no phrase in {phrase_text:?}")));
            };
            // A head that follows an entry with no code yet joins that entry (see the
            // module docs: PETRARCH-1's shared code index).
            if let Some(open) = entries.last_mut().filter(|e| e.codes.is_empty()) {
                open.phrases.push(phrase);
                open.codes.extend(codes);
                continue;
            }
            entries.push(ActorEntry {
                phrases: vec![phrase],
                codes,
                origin: Origin {
                    file,
                    line: u32::try_from(line_no).unwrap_or(u32::MAX),
                },
            });
        }
    }
    Ok(entries)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn read(text: &str) -> Vec<ActorEntry> {
        read_actors(Path::new("t.actors"), text, 3).unwrap()
    }

    fn read_err(text: &str) -> String {
        read_actors(Path::new("t.actors"), text, 3)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn head_synonyms_and_code_forms() {
        let text = "\
# comment
AFGHANISTAN_  [AFG]
+AFGHAN_ 
+HELMAND # province
KOFI_ANNAN_\t
\t[IGOUNO 970101-061231] 
\t[ELI]# IGOrulers.txt
B._LYNN_PASCOE_\t[USAGOV 981022-010811] [IGOUNO  >070201] Other Services $1,000# former
GAZA [pse <991231]
HOBBIT [HOBGOV 19950601 - 19990815] [HOBREB > 990816]
";
        let e = read(text);
        assert_eq!(e.len(), 5);
        assert_eq!(e[0].phrases.len(), 3);
        assert!(!e[0].phrases[1].stem);
        assert!(e[0].phrases[2].stem);
        assert_eq!(e[0].phrases[2].words, vec!["HELMAND"]);
        assert_eq!(e[0].origin, Origin { file: 3, line: 2 });
        assert_eq!(e[1].codes.len(), 2);
        assert_eq!(e[1].codes[0].from, date(1997, 1, 1));
        assert_eq!(e[1].codes[0].to, date(2006, 12, 31));
        assert_eq!(e[2].phrases[0].words, vec!["B.", "LYNN", "PASCOE"]);
        assert_eq!(e[2].codes[1].code, "IGOUNO");
        assert_eq!(e[2].codes[1].from, date(2007, 2, 1));
        assert_eq!(e[3].codes[0].code, "PSE");
        assert_eq!(e[3].codes[0].to, date(1999, 12, 31));
        assert_eq!(e[4].codes[0].from, date(1995, 6, 1));
        assert_eq!(e[4].codes[1].from, date(1999, 8, 16));
    }

    #[test]
    fn xml_and_semicolon_comments_and_special_codes() {
        let text = "<!-- one -->\n<!-- multi\nLINE_ [XXX]\n-->\nATHENS  [GRC] ;JW 10/17/91\nNASGUL  [###]  ; ### is old\nLORIEN [ELR/GAL] <!-- c --> \nGOLLUM  ; pas\n\t[---]\n";
        let e = read(text);
        let codes: Vec<_> = e.iter().map(|a| a.codes[0].code.as_str()).collect();
        assert_eq!(codes, vec!["GRC", "###", "ELR/GAL", "---"]);
        assert_eq!(e[0].origin.line, 5);
    }

    #[test]
    fn code_less_heads_share_the_codes_below() {
        let e = read("A_ [AAA]\nIVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\n+JOSIPOVIC\n\t[HRVGOV >120219]\nB_ [BBB]\nC_\nD_ [DDD]\nE_\n");
        let heads: Vec<usize> = e.iter().map(|a| a.phrases.len()).collect();
        assert_eq!(heads, vec![1, 3, 1, 2, 1]);
        assert_eq!(e[1].origin.line, 2);
        assert_eq!(e[1].code_on(None), Some("HRVGOV"));
        assert_eq!(e[3].code_on(None), Some("DDD"));
        assert_eq!(e[4].code_on(None), None);
    }

    #[test]
    fn two_digit_years_follow_petrarch() {
        assert_eq!(parse_dictionary_date("300101").ok(), date(2030, 1, 1));
        assert_eq!(parse_dictionary_date("310101").ok(), date(1931, 1, 1));
        assert_eq!(parse_dictionary_date("19411207").ok(), date(1941, 12, 7));
        assert_eq!(parse_dictionary_date("9008223").ok(), date(1990, 8, 22));
        assert_eq!(parse_dictionary_date("1920030320").ok(), date(1920, 3, 3));
        assert!(parse_dictionary_date("20100931").is_err());
        assert!(parse_dictionary_date("0101").is_err());
        assert!(parse_dictionary_date("99o101").is_err());
    }

    #[test]
    fn code_on_prefers_valid_dated_codes_then_undated() {
        let e = read("KOFI_ANNAN_\n [IGOUNO 970101-061231]\n [ELI]\nPASCOE_ [USAGOV 981022-010811] [IGOUNO >070201]\n");
        assert_eq!(e[0].code_on(date(2000, 1, 1)), Some("IGOUNO"));
        assert_eq!(e[0].code_on(date(2010, 1, 1)), Some("ELI"));
        assert_eq!(e[0].code_on(None), Some("ELI"));
        assert_eq!(e[1].code_on(date(1999, 1, 1)), Some("USAGOV"));
        assert_eq!(e[1].code_on(date(2005, 1, 1)), None);
        assert_eq!(e[1].code_on(None), Some("IGOUNO"));
        let reversed = read("X_ [EGYGOV 20121207-20120802] [EGYELI 990101-000101]\n");
        assert_eq!(reversed[0].code_on(date(2012, 10, 1)), None);
        assert_eq!(reversed[0].code_on(None), Some("EGYELI"));
    }

    #[test]
    fn errors_name_file_and_line() {
        assert_eq!(
            read_err("\n\t[ABC]\n"),
            "t.actors:2: code line before any actor"
        );
        assert!(read_err("A_ [ABC]\nB_ [ABC 99-01]\n").starts_with("t.actors:2: bad date"));
        assert!(read_err("A_ [ABC\n").starts_with("t.actors:1: missing ']'"));
        assert_eq!(read_err("A_ []\n"), "t.actors:1: empty code '[]'");
        assert_eq!(
            read_err("+B_\n"),
            "t.actors:1: synonym '+' line before any actor"
        );
        assert!(read_err("A_ [X 990231]\n").starts_with("t.actors:1: invalid date"));
    }

    #[test]
    fn entries_round_trip_through_postcard() {
        let e = read("KOFI_ANNAN_\n [IGOUNO 970101-061231]\n [ELI]\n+ANNAN\n");
        let bytes = postcard::to_allocvec(&e).unwrap();
        let back: Vec<ActorEntry> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, e);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// No input makes a reader panic: each returns entries or an error with a line.
        #[test]
        fn readers_never_panic(text in "[A-Za-z0-9_ +é\\u{2020}\\[\\]<>{}!=~#;:\"\n\t-]{0,200}") {
            let path = Path::new("x");
            let _ = read_actors(path, &text, 0);
            let _ = crate::dict::agents::read_agents(path, &text, 0);
            let _ = crate::dict::discards::read_discards(path, &text, 0);
            let _ = crate::dict::issues::read_issues(path, &text, 0);
            let tagged = format!("<ISSUE CATEGORY=\"A\">\n{text}");
            let _ = crate::dict::issues::read_issues(path, &tagged, 0);
        }
    }

    /// The shared data folder, when this checkout has it.
    pub(crate) fn shared_data() -> Option<std::path::PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if dir.is_dir() {
            Some(dir)
        } else {
            eprintln!("skipped: shared data not found at {}", dir.display());
            None
        }
    }

    fn read_real(relative: &str) -> Vec<ActorEntry> {
        let dir = shared_data().unwrap();
        let path = dir.join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        let started = std::time::Instant::now();
        let entries = read_actors(&path, &text, 0).unwrap_or_else(|e| panic!("{e}"));
        let elapsed = started.elapsed();
        let (count, phrases, codes) = counts(&entries);
        let codeless = entries.iter().filter(|e| e.codes.is_empty()).count();
        let reversed: Vec<(u32, &str)> = entries
            .iter()
            .flat_map(|e| e.codes.iter().map(move |c| (e.origin.line, c)))
            .filter(|(_, c)| matches!((c.from, c.to), (Some(f), Some(t)) if f > t))
            .map(|(line, c)| (line, c.code.as_str()))
            .collect();
        eprintln!(
            "{relative}: {count} entries, {phrases} phrases, {codes} codes, {codeless} without a code, reversed ranges (entry line, code) {reversed:?}, in {elapsed:?}"
        );
        entries
    }

    /// (entries, phrases, codes).
    fn counts(entries: &[ActorEntry]) -> (usize, usize, usize) {
        let phrases = entries.iter().map(|e| e.phrases.len()).sum();
        let codes = entries.iter().map(|e| e.codes.len()).sum();
        (entries.len(), phrases, codes)
    }

    #[test]
    fn real_phoenix_actor_files_read_without_errors() {
        if shared_data().is_none() {
            return;
        }
        let countries = read_real("dictionaries/Phoenix.Countries.actors.txt");
        // Phrases: README's 18,390 head phrases + 7,527 `+` synonyms. Codes: `[...]`
        // groups outside `#` comments (sed and grep). Entries: 37 code-less heads join the
        // entry below them (counted by an independent script applying that rule).
        assert_eq!(counts(&countries), (18_353, 25_917, 28_389));
        let josipovic = countries
            .iter()
            .find(|e| e.phrases[0].words == ["IVO", "JOSIPOVIC"])
            .unwrap();
        assert_eq!(josipovic.phrases.len(), 3);
        assert_eq!(josipovic.code_on(date(2013, 1, 1)), Some("HRVGOV"));
        let afg = &countries[0];
        assert_eq!(afg.phrases[0].words, vec!["AFGHANISTAN"]);
        assert_eq!(afg.code_on(None), Some("AFG"));
        let ban = read_real("dictionaries/Phoenix.International.actors.txt");
        // README: 7,840 head phrases counted at the line start; line 267 is one more,
        // indented (`\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]`); 66 synonyms; 3
        // code-less heads join the entry below.
        assert_eq!(counts(&ban), (7_838, 7_907, 7_896));
        let un = ban
            .iter()
            .find(|e| e.phrases.iter().any(|p| p.words == ["U.N."]))
            .unwrap();
        assert_eq!(un.code_on(None), Some("IGOUNO"));
        let ban_ki_moon = ban
            .iter()
            .find(|e| e.phrases.iter().any(|p| p.words == ["BAN", "KI-MOON"]))
            .unwrap();
        assert_eq!(ban_ki_moon.code_on(date(2010, 1, 1)), Some("IGOUNO"));
        let mil = read_real("dictionaries/Phoenix.MilNonState.actors.txt");
        assert_eq!(counts(&mil), (1_021, 1_021 + 772, 1_021));
    }

    #[test]
    fn real_validation_actor_files_read_without_errors() {
        if shared_data().is_none() {
            return;
        }
        // (entries, phrases), counted independently with a script over the files.
        for (file, expected) in [
            ("petrarch1/PETR.Validate.actors.txt", (127, 159)),
            ("petrarch2/PETR.Validate.actors.txt", (128, 162)),
            (
                "universalpetrarch/PETR_Validate_actors_2_02.txt",
                (133, 168),
            ),
        ] {
            let entries = read_real(file);
            let (count, phrases, _) = counts(&entries);
            assert_eq!((count, phrases), expected, "{file}");
            let arnor = entries
                .iter()
                .find(|e| e.phrases[0].words == ["ARNOR"])
                .unwrap();
            assert_eq!(arnor.code_on(None), Some("ARN"), "{file}");
        }
    }
}
