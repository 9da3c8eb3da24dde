//! The line reader behind [`super::read_verbs`]: comment removal, line dispatch, and the
//! parsers for headers, verb lines, patterns, synset members and transformations. The syntax
//! itself is documented on the parent module.

use super::{
    EventCodeSpec, PatternItem, TransformEvent, TransformResult, TransformTarget, Transformation,
    VerbBlock, VerbDictionary, VerbEntry, VerbFormat, VerbPattern,
};
use crate::dict::{DictError, Origin, Phrase};
use std::collections::BTreeMap;
use std::path::Path;

/// The regular forms of a one-word verb, base form first, as the format's reader generates
/// them (the input is upper case, as in the dictionaries).
///
/// * PETRARCH-2 (`read_verb_dictionary`): third person `-ES` after S, X or Z, `Y` → `-IES`
///   (also after a vowel: PLAY → PLAIES), else `-S`; past `-D` after E, else `-ED`; `-ING`,
///   dropping a final E unless a vowel precedes it (MAKE → MAKING, AGREE → AGREEING).
/// * PETRARCH-1 (`make_verb_forms`): `-S`; after E: `-D` and E → `-ING`; else `-ED`, `-ING`.
///
/// Neither doubles consonants (STOP → STOPED): such verbs list their forms in `{}`.
pub fn regular_forms(verb: &str, format: VerbFormat) -> Vec<String> {
    let mut forms = vec![verb.to_string()];
    let Some(last) = verb.chars().last() else {
        return forms;
    };
    let without_last = &verb[..verb.len() - last.len_utf8()];
    match format {
        VerbFormat::Petrarch2 => {
            forms.push(match last {
                'S' | 'X' | 'Z' => format!("{verb}ES"),
                'Y' => format!("{without_last}IES"),
                _ => format!("{verb}S"),
            });
            forms.push(if last == 'E' {
                format!("{verb}D")
            } else {
                format!("{verb}ED")
            });
            let vowel_before = without_last
                .chars()
                .last()
                .is_some_and(|c| "AEIOU".contains(c));
            forms.push(
                if last == 'E' && !vowel_before && !without_last.is_empty() {
                    format!("{without_last}ING")
                } else {
                    format!("{verb}ING")
                },
            );
        }
        VerbFormat::Petrarch1 => {
            forms.push(format!("{verb}S"));
            if last == 'E' {
                forms.push(format!("{verb}D"));
                forms.push(format!("{without_last}ING"));
            } else {
                forms.push(format!("{verb}ED"));
                forms.push(format!("{verb}ING"));
            }
        }
    }
    dedup_keep_order(forms)
}

/// The plural PETRARCH also matches for a synset member without a closing `_` (both readers'
/// `make_plural`): `Y` → `-IES`, a final `S` → `-ES` (replacing the S), else `-S`. For a
/// several-word member the last word takes the plural (PETRARCH-1; PETRARCH-2 makes no plural
/// of several-word members).
pub fn synset_plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('Y') {
        format!("{stem}IES")
    } else if let Some(stem) = word.strip_suffix('S') {
        format!("{stem}ES")
    } else {
        format!("{word}S")
    }
}

fn dedup_keep_order(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for item in list {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A line with comments removed: its number, content (trimmed, non-empty) and `#` comment.
struct CleanLine {
    number: usize,
    content: String,
    note: Option<String>,
}

/// Remove `<!-- -->` comments (also across lines), `#` comment lines and `#` tails, and blank
/// lines.
fn clean_lines(text: &str) -> Vec<CleanLine> {
    let mut out = Vec::new();
    for (number, kept) in super::super::without_xml_comments(text) {
        let trimmed = kept.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (content, note) = match trimmed.split_once('#') {
            Some((content, note)) => {
                let note = note.trim();
                (content.trim(), (!note.is_empty()).then(|| note.to_string()))
            }
            None => (trimmed, None),
        };
        if content.is_empty() {
            continue;
        }
        out.push(CleanLine {
            number,
            content: content.to_string(),
            note,
        });
    }
    out
}

/// The open synset while its `+` member lines are being read.
struct OpenSynset {
    name: String,
    no_plural: bool,
}

pub(super) fn read(
    path: &Path,
    text: &str,
    file: u16,
    format: VerbFormat,
) -> Result<VerbDictionary, DictError> {
    let mut synsets: BTreeMap<String, Vec<Phrase>> = BTreeMap::new();
    let mut blocks: Vec<VerbBlock> = Vec::new();
    let mut transformations = Vec::new();
    let mut open_synset: Option<OpenSynset> = None;

    for line in clean_lines(text) {
        let error = |message: String| DictError::at(path, line.number, message);
        let origin = Origin {
            file,
            line: u32::try_from(line.number).unwrap_or(u32::MAX),
        };
        let content = line.content.as_str();

        // `+` lines right after `&LABEL` are its members; anywhere else they are verbs.
        if let (Some(member), Some(synset)) = (content.strip_prefix('+'), &open_synset) {
            let member = read_synset_member(member, synset.no_plural).map_err(error)?;
            synsets.entry(synset.name.clone()).or_default().push(member);
            continue;
        }
        open_synset = None;

        if let Some(header) = content.strip_prefix("---") {
            let (head, code) = read_header(header).map_err(error)?;
            blocks.push(VerbBlock {
                head,
                code,
                verbs: Vec::new(),
                patterns: Vec::new(),
                origin,
            });
        } else if let Some(label) = content.strip_prefix('&') {
            open_synset = Some(read_synset_label(label).map_err(error)?);
        } else if let Some(rule) = content.strip_prefix('~') {
            transformations.push(read_transformation(rule, origin).map_err(error)?);
        } else if content.starts_with('-') || content.starts_with('*') {
            let Some(block) = blocks.last_mut() else {
                return Err(error("pattern before the first `---` verb block".into()));
            };
            // `-- + HAVE * ...` (a doubled dash) is a pattern for PETRARCH-1 too.
            let body = content.trim_start_matches('-');
            if let Some(pattern) =
                read_pattern(body, format, origin, line.note.clone()).map_err(error)?
            {
                block.patterns.push(pattern);
            }
        } else {
            let Some(block) = blocks.last_mut() else {
                return Err(error(format!(
                    "verb line `{content}` before the first `---` verb block"
                )));
            };
            let entry = read_verb_line(content, &block.code, format, origin).map_err(error)?;
            block.verbs.push(entry);
        }
    }

    Ok(VerbDictionary {
        format,
        synsets,
        blocks,
        transformations,
    })
}

/// Parse the inside of `[...]`.
fn read_code(raw: &str) -> Result<EventCodeSpec, String> {
    let raw = raw.trim();
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-+!?.".contains(c))
    };
    if raw.is_empty() {
        return Err("empty event code `[]`".into());
    }
    let parts: Vec<&str> = raw.split(':').collect();
    let bad = || format!("bad event code `[{raw}]`");
    let active_of = |part: &str| -> Result<Option<String>, String> {
        match part {
            "" | "---" => Ok(None),
            part if valid(part) => Ok(Some(part.to_string())),
            _ => Err(bad()),
        }
    };
    match parts.as_slice() {
        [only] => Ok(EventCodeSpec {
            active: active_of(only)?,
            passive: None,
        }),
        [active, passive] if valid(passive) => Ok(EventCodeSpec {
            active: active_of(active)?,
            passive: Some(passive.to_string()),
        }),
        _ => Err(bad()),
    }
}

/// Find one `open ... close` group in `text`: its inside, and the text with it removed.
/// `Ok(None)` when there is none; an error when it is unclosed, stray or repeated.
fn take_group(text: &str, open: char, close: char) -> Result<Option<(String, String)>, String> {
    let Some(start) = text.find(open) else {
        if text.contains(close) {
            return Err(format!("`{close}` without `{open}`"));
        }
        return Ok(None);
    };
    let after_open = &text[start + open.len_utf8()..];
    let Some(length) = after_open.find(close) else {
        return Err(format!("unclosed `{open}`"));
    };
    let inside = &after_open[..length];
    if inside.contains(open) {
        return Err(format!("nested `{open}`"));
    }
    let rest = format!(
        "{} {}",
        &text[..start],
        &after_open[length + close.len_utf8()..]
    );
    if rest.contains(open) || rest.contains(close) {
        return Err(format!("more than one `{open}...{close}` group"));
    }
    Ok(Some((inside.to_string(), rest)))
}

/// `--- HEAD [code] ---` without the leading `---`.
fn read_header(header: &str) -> Result<(String, EventCodeSpec), String> {
    let (name_part, code) = match header.find('[') {
        Some(start) => {
            let after = &header[start + 1..];
            let Some(end) = after.find(']') else {
                return Err("unclosed `[` in block header".into());
            };
            (&header[..start], read_code(&after[..end])?)
        }
        None => (header, EventCodeSpec::none()),
    };
    let head = name_part
        .trim()
        .trim_end_matches('-')
        .split_whitespace()
        .next()
        .unwrap_or("");
    if head.is_empty() {
        return Err("block header `---` without a name".into());
    }
    Ok((head.to_uppercase(), code))
}

/// Characters that have a meaning in patterns and cannot be part of a verb's words.
const NOT_IN_VERB: &[char] = &['{', '}', '[', ']', '(', ')', '*', '&', '$', '%', '^', '~'];

/// Split a verb written `A_+B_C` into its words and the index of the `+` word.
fn read_verb_words(token: &str) -> Result<(Vec<String>, Option<usize>), String> {
    let mut words = Vec::new();
    let mut verb_at = None;
    for part in token.split('_').filter(|part| !part.is_empty()) {
        // Only a leading `+` marks the verb; a trailing one (`BLOWING_UP+`, a typo in the
        // validation dictionary) is dropped and the base verb's position used instead.
        let marked = part.starts_with('+');
        let word = part.trim_matches('+');
        if word.is_empty() || word.contains('+') || word.contains(NOT_IN_VERB) {
            return Err(format!("bad verb `{token}`"));
        }
        if marked && verb_at.is_none() {
            verb_at = Some(words.len());
        }
        words.push(word.to_uppercase());
    }
    if words.is_empty() {
        return Err(format!("bad verb `{token}`"));
    }
    Ok((words, verb_at))
}

/// `WORD {FORMS} [code]`, comments removed.
fn read_verb_line(
    content: &str,
    block_code: &EventCodeSpec,
    format: VerbFormat,
    origin: Origin,
) -> Result<VerbEntry, String> {
    // `;` is TABARI's comment mark, left on a few verb lines.
    let content = content.split(';').next().unwrap_or("");
    let (forms_text, rest) = match take_group(content, '{', '}')? {
        Some((inside, rest)) => (Some(inside), rest),
        None => (None, content.to_string()),
    };
    let (code, rest) = match take_group(&rest, '[', ']')? {
        Some((inside, rest)) => (read_code(&inside)?, rest),
        None => (block_code.clone(), rest),
    };
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    if tokens.is_empty() {
        return Err(format!("verb line `{content}` names no verb"));
    }
    // `LASH OUT`: words separated by spaces are one multi-word verb.
    let (words, verb_at) = read_verb_words(&tokens.join("_"))?;
    let verb_word = verb_at.unwrap_or(0);
    let lemma = words.get(verb_word).cloned().unwrap_or_default();
    let forms = match forms_text {
        Some(listed) => {
            let mut forms = vec![lemma];
            for token in listed
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|token| !token.is_empty())
            {
                let (form_words, form_verb_at) = read_verb_words(token)?;
                let at = form_verb_at.unwrap_or(if form_words.len() == words.len() {
                    verb_word
                } else {
                    0
                });
                if let Some(form) = form_words.get(at) {
                    forms.push(form.clone());
                }
            }
            dedup_keep_order(forms)
        }
        None => regular_forms(&lemma, format),
    };
    Ok(VerbEntry {
        words,
        verb_word,
        forms,
        code,
        origin,
    })
}

/// `&LABEL` without the `&`.
fn read_synset_label(label: &str) -> Result<OpenSynset, String> {
    let label = label.split_whitespace().next().unwrap_or("");
    let no_plural = label.ends_with('_');
    let name = label.strip_suffix('_').unwrap_or(label);
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!("bad synset label `&{label}`"));
    }
    Ok(OpenSynset {
        name: name.to_uppercase(),
        no_plural,
    })
}

/// A `+MEMBER` line without the `+`.
fn read_synset_member(member: &str, label_no_plural: bool) -> Result<Phrase, String> {
    let member = member.trim();
    let words: Vec<String> = member
        .split(|c: char| c.is_whitespace() || c == '_' || c == '(' || c == ')')
        .filter(|word| !word.is_empty())
        .map(str::to_uppercase)
        .collect();
    if words.is_empty() {
        return Err("empty synset member `+`".into());
    }
    Ok(Phrase {
        words,
        stem: !label_no_plural && !member.ends_with('_'),
    })
}

/// Lexical pieces of a pattern body.
#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Space,
    Join,
    Open(char),
    Close(char),
    Text(String),
}

fn lex_pattern(body: &str, brackets: bool) -> Vec<Lexeme> {
    let mut lexemes = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, lexemes: &mut Vec<Lexeme>| {
        if !text.is_empty() {
            lexemes.push(Lexeme::Text(std::mem::take(text)));
        }
    };
    for c in body.chars() {
        if c.is_whitespace() {
            flush(&mut text, &mut lexemes);
            if lexemes.last() != Some(&Lexeme::Space) {
                lexemes.push(Lexeme::Space);
            }
        } else if c == '_' {
            flush(&mut text, &mut lexemes);
            lexemes.push(Lexeme::Join);
        } else if brackets && (c == '(' || c == '{') {
            flush(&mut text, &mut lexemes);
            lexemes.push(Lexeme::Open(c));
        } else if brackets && (c == ')' || c == '}') {
            flush(&mut text, &mut lexemes);
            lexemes.push(Lexeme::Close(c));
        } else if c == '*' {
            // `*` is always a token of its own (`SPY_*_DEAL`, `IS_*`).
            flush(&mut text, &mut lexemes);
            lexemes.push(Lexeme::Text("*".into()));
        } else {
            text.push(c);
        }
    }
    flush(&mut text, &mut lexemes);
    lexemes
}

/// What the lexeme before a `_` was, to know what the `_` joins.
#[derive(Clone, Copy, PartialEq)]
enum Previous {
    Nothing,
    Verb,
    Item,
}

/// A `- ... [code]` line without the `-`. `Ok(None)`: skipped on purpose (see module docs).
fn read_pattern(
    body: &str,
    format: VerbFormat,
    origin: Origin,
    note: Option<String>,
) -> Result<Option<VerbPattern>, String> {
    let petrarch2 = format == VerbFormat::Petrarch2;
    let (body, code) = match body.find('[') {
        Some(start) => {
            let after = &body[start + 1..];
            let Some(end) = after.find(']') else {
                if after.trim().is_empty() {
                    // `[###]`: the `#` comment starts inside the brackets (validation
                    // dictionaries). Both PETRARCH readers are left with an empty code.
                    let body = &body[..start];
                    return read_pattern_items(body, format, EventCodeSpec::none(), origin, note);
                }
                return Err("unclosed `[` in pattern code".into());
            };
            if !after[end + 1..].trim().is_empty() {
                return Err(format!(
                    "text after the pattern code: `{}`",
                    after[end + 1..].trim()
                ));
            }
            (&body[..start], read_code(&after[..end])?)
        }
        None if petrarch2 => return Err("pattern without an event code `[...]`".into()),
        None => (body, EventCodeSpec::none()),
    };
    read_pattern_items(body, format, code, origin, note)
}

/// The items of a pattern body (code already removed).
fn read_pattern_items(
    body: &str,
    format: VerbFormat,
    code: EventCodeSpec,
    origin: Origin,
    note: Option<String>,
) -> Result<Option<VerbPattern>, String> {
    let petrarch2 = format == VerbFormat::Petrarch2;
    if !petrarch2 && body.contains('{') {
        // PETRARCH-1 skips TABARI `{A | B}` disjunctions.
        return Ok(None);
    }

    let lexemes = lex_pattern(body, petrarch2);
    let mut pre: Vec<PatternItem> = Vec::new();
    let mut post: Vec<PatternItem> = Vec::new();
    let mut seen_verb = false;
    let mut verb_adjacent = false;
    // Open brackets: their kind and the items read so far inside.
    let mut groups: Vec<(char, Vec<PatternItem>)> = Vec::new();
    let mut previous = Previous::Nothing;

    for (at, lexeme) in lexemes.iter().enumerate() {
        let target: &mut Vec<PatternItem> = match groups.last_mut() {
            Some((_, items)) => items,
            None if seen_verb => &mut post,
            None => &mut pre,
        };
        match lexeme {
            Lexeme::Space => previous = Previous::Nothing,
            Lexeme::Join => {
                // A `_` joins only when another token follows at once; `XXX_ ` is `XXX `.
                let joins = matches!(
                    lexemes.get(at + 1),
                    Some(Lexeme::Text(_)) | Some(Lexeme::Open(_))
                );
                if joins {
                    match previous {
                        Previous::Verb => verb_adjacent = true,
                        Previous::Item => match target.last_mut() {
                            Some(PatternItem::Word { adjacent, .. })
                            | Some(PatternItem::Synset { adjacent, .. }) => *adjacent = true,
                            _ => {}
                        },
                        Previous::Nothing => {}
                    }
                }
                previous = Previous::Nothing;
            }
            Lexeme::Open(kind) => {
                if groups.iter().any(|(open, _)| open == kind) {
                    return Err(format!("nested `{kind}` in pattern"));
                }
                groups.push((*kind, Vec::new()));
                previous = Previous::Nothing;
            }
            Lexeme::Close(kind) => {
                let open = if *kind == ')' { '(' } else { '{' };
                match groups.pop() {
                    Some((found, items)) if found == open => {
                        if items.is_empty() {
                            return Err(format!("empty `{open}{kind}` in pattern"));
                        }
                        let group = if open == '(' {
                            PatternItem::Prep(items)
                        } else {
                            PatternItem::NounPhrase(items)
                        };
                        let parent = match groups.last_mut() {
                            Some((_, items)) => items,
                            None if seen_verb => &mut post,
                            None => &mut pre,
                        };
                        parent.push(group);
                    }
                    Some((found, _)) => {
                        return Err(format!("`{found}` closed by `{kind}` in pattern"))
                    }
                    None if *kind == ')' && previous == Previous::Item => {
                        // `(WITH VISIT)  VISIT)`: PETRARCH-2 takes a word ending in `)` for
                        // the end of a prepositional phrase and, with no phrase open, drops
                        // it (CAMEO.2.0.txt line 2374). So do we.
                        if seen_verb {
                            post.pop()
                        } else {
                            pre.pop()
                        };
                    }
                    None => return Err(format!("`{kind}` without `{open}` in pattern")),
                }
                previous = Previous::Nothing;
            }
            Lexeme::Text(text) if text == "*" && (!seen_verb || petrarch2) => {
                if !groups.is_empty() {
                    return Err("the verb `*` inside brackets".into());
                }
                if seen_verb {
                    return Err("more than one verb `*` in pattern".into());
                }
                seen_verb = true;
                previous = Previous::Verb;
            }
            Lexeme::Text(text) => {
                target.push(read_pattern_token(text)?);
                previous = Previous::Item;
            }
        }
    }
    if let Some((open, _)) = groups.last() {
        return Err(format!("unclosed `{open}` in pattern"));
    }
    if petrarch2 && !seen_verb {
        return Err("pattern without the verb `*`".into());
    }
    Ok(Some(VerbPattern {
        pre,
        post,
        verb_adjacent,
        code,
        origin,
        note,
    }))
}

fn read_pattern_token(text: &str) -> Result<PatternItem, String> {
    Ok(match text {
        "$" => PatternItem::Source,
        "+" => PatternItem::Target,
        "%" => PatternItem::Compound,
        "^" => PatternItem::Skip,
        _ => match text.strip_prefix('&') {
            Some(name) => {
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(format!("bad synset name `{text}` in pattern"));
                }
                PatternItem::Synset {
                    name: name.to_uppercase(),
                    adjacent: false,
                }
            }
            None => PatternItem::Word {
                word: text.to_uppercase(),
                adjacent: false,
            },
        },
    })
}

/// `a (a b ATTACK) SAY = a b 015` (after `~`).
fn read_transformation(rule: &str, origin: Origin) -> Result<Transformation, String> {
    let text = rule.trim().to_string();
    let bad = |why: &str| format!("bad transformation `~ {text}`: {why}");
    let Some((left, right)) = text.split_once('=') else {
        return Err(bad("no `=`"));
    };
    let spaced = left.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let event = read_transform_event(&tokens, &mut at).ok_or_else(|| bad("left side"))?;
    if at != tokens.len() {
        return Err(bad("text after the outer verb"));
    }
    let result = match right.split_whitespace().collect::<Vec<_>>().as_slice() {
        [source, target, code] if !right.contains(['(', ')', '=']) => TransformResult {
            source: source.to_string(),
            target: target.to_string(),
            code: code.to_string(),
        },
        _ => return Err(bad("the right side must be `SOURCE TARGET CODE`")),
    };
    Ok(Transformation {
        text,
        event,
        result,
        origin,
    })
}

/// `SOURCE TARGET VERB` where TARGET is a word or `( event )`.
fn read_transform_event(tokens: &[&str], at: &mut usize) -> Option<TransformEvent> {
    fn plain<'a>(token: Option<&&'a str>) -> Option<&'a str> {
        token.filter(|t| **t != "(" && **t != ")").copied()
    }
    let source = plain(tokens.get(*at))?.to_string();
    *at += 1;
    let target = if tokens.get(*at) == Some(&"(") {
        *at += 1;
        let inner = read_transform_event(tokens, at)?;
        if tokens.get(*at) != Some(&")") {
            return None;
        }
        *at += 1;
        TransformTarget::Event(Box::new(inner))
    } else {
        let actor = plain(tokens.get(*at))?.to_string();
        *at += 1;
        TransformTarget::Actor(actor)
    };
    let verb = plain(tokens.get(*at))?.to_string();
    *at += 1;
    Some(TransformEvent {
        source,
        target,
        verb,
    })
}
