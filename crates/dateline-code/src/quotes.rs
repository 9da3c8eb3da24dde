//! Who said what: direct quotes, partial quotes and reported speech, each with its speaker.
//!
//! This module owns the reading of quotations off an article. It reads the article text (for
//! the quotation marks and paragraphs) and the language layer's analysed sentences (words with
//! lemmas, parts of speech and dependencies; person, organisation and place entities), and
//! returns [`Quotes`]: every direct quote with its speaker, attribution verb and evidence, and
//! every piece of indirect speech (`X said (that) …`) as a separate, flagged list.
//!
//! # Conventions
//!
//! * Every span is a pair of byte offsets into the article text; `text` fields are exactly
//!   the article's slice for that span. `sentence_index` indexes the `sentences` given.
//! * **Quotation marks.** Straight (`"`) and curly (`“ ”`) double quotes and guillemets
//!   (`« »`) are always read. Single quotes (`‘ ’` and `'`) are read only when the article has
//!   no double quotation mark at all (British style), because otherwise a single mark is far
//!   more often an apostrophe or a quote inside a quote. A straight mark opens when it follows
//!   a space (or the start of a line, a bracket or a dash) and precedes text, closes when it
//!   follows text and precedes a space or punctuation, and toggles when it is ambiguous.
//! * **Paragraphs.** A quote still open at a line break that is followed by an opening mark is
//!   ended there: the newspaper convention for a quotation that runs on over paragraphs (the
//!   next paragraph reopens it without the previous one being closed). The two quotes are
//!   parts of one utterance. A quote still open at a blank line with no reopening is kept up
//!   to the end of its paragraph with `closed: false` and a lower confidence; a mark that
//!   opens while another quote is open (`He said "yes. She said "no".`) drops the earlier,
//!   unmatched mark.
//! * **Split quotes are parts.** `"Violence must stop," Ban said, "and must stop now."` gives
//!   two [`Quote`]s with the same `utterance` number (`part` 0 and 1), both with position
//!   [`SpeakerPosition::Inside`]. Keeping the parts apart keeps every span exact (the
//!   attribution sits between them); [`Quotes::utterance_text`] joins them. The same holds
//!   for a quotation that resumes after its attribution in the next sentence
//!   (`"…," Obama said. "And that is why …"`: the second part's attribution is in the
//!   previous sentence) and over paragraphs.
//! * **Partial quotes** are quoted words inside running text (`done "significant damage" to
//!   Hamas`): `partial: true`. They are kept only when a speech verb of the same sentence
//!   comes before them, or follows them after a comma (`…"significant damage," Obama
//!   said`). Their attribution is the speech verb whose clause holds them, else the nearest.
//! * **Not quotes**: scare quotes, names, titles, headings. A quotation is dropped when
//!   * it is a partial quote with no speech verb before it in its sentence and no
//!     attribution right after it (`the so-called "Islamic State"`);
//!   * it is a partial quote capitalised like a name (`campaigners chanted "Red for Ed"`);
//!   * the words before it name it (`so-called`, `dubbed`, `named`, `titled`, `called`,
//!     `known as`);
//!   * it is used as a noun phrase: it opens its sentence, has no closing punctuation of its
//!     own, and the sentence runs on after it with words and no speech verb (`"The Hurt
//!     Locker" won six Oscars`);
//!   * it has at most four words, no closing punctuation and no attribution anywhere near
//!     (a heading, a label).
//!
//!   A single quoted word that is attributed (`the minister described the plan as
//!   "unacceptable"`) is kept, with a lower confidence.
//! * **Speakers** ([`Speaker`]): the subject of the attribution verb (`Ban said`), the noun
//!   phrase after it when inverted (`said Ban`, `said one senior official who …`), the object
//!   of `according to`. Appositions and relative clauses are cut (`Ban Ki-moon, the UN
//!   secretary-general, said` → `Ban Ki-moon`). Names are resolved to the article's fullest
//!   form of the person's name (`Obama`, `Mr. Obama` → `Barack Obama`; the entity tagger's
//!   titles are taken off: `U.N. Secretary General Ban Ki-Moon` → `Ban Ki-Moon`); a definite
//!   title (`the president`) is resolved to the last person introduced with that title;
//!   `he`/`she` to the nearest person named before it, preferring the subject of a sentence
//!   (the speaker of recent reported speech is its subject). Descriptors keep their words
//!   without the determiner (`said one senior State Department official` → `senior State
//!   Department official`). Resolution through a pronoun, surname or title records the
//!   antecedent's span.
//! * **Reported speech** ([`ReportedSpeech`]): a speech verb with a clausal complement that
//!   is not inside quotation marks. It is a flag for the analyst, not a quote.
//! * **Confidence** is a rough 0–1 figure: highest when the attribution is in the quote's own
//!   sentence, lower when it is inherited from a neighbouring sentence or paragraph, lower
//!   again for pronoun resolution and unclosed quotes. It orders, it is not calibrated.
//!
//! # Known limits
//!
//! * Pronoun resolution ignores gender and number beyond `he`/`she` versus `they`/`it`;
//!   `they` and `it` are resolved only to a recent organisation or descriptor speaker.
//! * The speaker is only as good as the parse and the entity tagger: a person the tagger
//!   misses is still found as a capitalised subject, but its kind is then a guess (person).
//! * Quotes inside quotes are part of the outer quote's text; German `„…“` quotes are not read.
//! * A quotation with no attribution in its sentence takes the speaker of a neighbouring
//!   sentence only when that sentence has a speech verb; a run of unattributed quotes in an
//!   interview transcript keeps `speaker: None`.

use dateline_nlp::ner::EntityType;
use dateline_nlp::pipeline::{AnalyzedSentence, Word};
use serde::Serialize;

use crate::coder::children_of;

/// Everything said in one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Quotes {
    /// Direct and partial quotes, in text order.
    pub quotes: Vec<Quote>,
    /// Indirect speech (`X said (that) …`), in text order.
    pub reported: Vec<ReportedSpeech>,
}

impl Quotes {
    /// The words of one utterance: its parts' texts joined by a space (see the module docs
    /// on split quotes). Empty when no quote has that utterance number.
    pub fn utterance_text(&self, utterance: usize) -> String {
        self.quotes
            .iter()
            .filter(|q| q.utterance == utterance)
            .map(|q| q.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One direct quote (or one part of a split one).
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The quoted words without the quotation marks (the article's slice `start..end`).
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The sentence holding the quote's first word.
    pub sentence_index: usize,
    pub speaker: Option<Speaker>,
    /// The attribution: `said`, `told`, `added`, `according to`, …
    pub verb: Option<Attribution>,
    /// Where the attribution is, relative to this quote.
    pub position: SpeakerPosition,
    /// Quoted words inside running text rather than a quoted sentence.
    pub partial: bool,
    /// Number shared by the parts of one utterance (split by the attribution, resumed in the
    /// next sentence or paragraph); counts from 0 in text order.
    pub utterance: usize,
    /// This part's rank in its utterance, from 0.
    pub part: usize,
    /// False when the closing mark is missing (the quote then ends at its paragraph's end).
    pub closed: bool,
    /// Rough 0–1 confidence in the quote and its speaker.
    pub confidence: f32,
}

/// The words that attribute a quote or reported speech to its speaker.
#[derive(Debug, Clone, Serialize)]
pub struct Attribution {
    /// As written (`said`, `according to`).
    pub text: String,
    /// The verb's lemma (`say`), or `according to`.
    pub lemma: String,
    pub start: usize,
    pub end: usize,
    pub sentence_index: usize,
}

/// Where a quote's attribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerPosition {
    /// `Ban said: "…"`
    Before,
    /// `"…," Ban said.`
    After,
    /// Between the parts of a split quote, in the same sentence.
    Inside,
    /// In the sentence before the quote (`"…," Obama said. "And …"`, `Ban said this: "…"`).
    PreviousSentence,
    /// In the sentence after the quote, in the same paragraph.
    NextSentence,
    /// In an earlier paragraph the quotation runs on from.
    Paragraph,
    /// No attribution found.
    None,
}

/// Who is speaking.
#[derive(Debug, Clone, Serialize)]
pub struct Speaker {
    /// The resolved full name (`Barack Obama`) or the descriptor without its determiner
    /// (`senior State Department official`); the words as written when unresolved.
    pub name: String,
    /// The speaker as written at the attribution (`he`, `Obama`, `one senior … official`).
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: SpeakerKind,
    /// The mention the name was resolved from, when reached through a pronoun, a surname or
    /// a title.
    pub antecedent: Option<Span>,
    /// The speaker's CAMEO actor code (USAGOV, IGOUNO), when the coder found an actor at the
    /// speaker's words or at its antecedent: filled by [`crate::article`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// What kind of expression names the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    Person,
    Pronoun,
    Descriptor,
    Organization,
}

/// A byte span of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Indirect speech: `Ban said he was disappointed that …`.
#[derive(Debug, Clone, Serialize)]
pub struct ReportedSpeech {
    pub speaker: Option<Speaker>,
    pub verb: Attribution,
    /// The reported clause (without a leading `that`).
    pub clause: Span,
    pub clause_text: String,
    pub sentence_index: usize,
}

/// Lemmas of the verbs that attribute speech.
const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "ask",
    "write",
    "state",
    "declare",
    "announce",
    "explain",
    "note",
    "insist",
    "claim",
    "argue",
    "contend",
    "warn",
    "urge",
    "reply",
    "respond",
    "answer",
    "comment",
    "remark",
    "acknowledge",
    "admit",
    "assert",
    "affirm",
    "reaffirm",
    "stress",
    "emphasize",
    "emphasise",
    "conclude",
    "recall",
    "suggest",
    "describe",
    "report",
    "tweet",
    "post",
    "quip",
    "vow",
    "pledge",
    "promise",
    "predict",
    "complain",
    "deny",
    "confirm",
    "maintain",
    "observe",
    "concede",
    "caution",
    "demand",
    "plead",
    "shout",
    "yell",
    "testify",
    "allege",
    "counter",
    "retort",
    "joke",
    "muse",
    "speak",
    "continue",
    "agree",
    "mention",
    "repeat",
    "reiterate",
    "boast",
    "lament",
    "whisper",
    "recount",
    // `the statement read`
    "read",
    "told",
    "said",
];

/// Words that, just before a quotation, make it a name or title rather than a quote.
const NAMING_WORDS: &[&str] = &[
    "so-called",
    "dubbed",
    "named",
    "titled",
    "entitled",
    "called",
    "word",
    "term",
];

/// Title words the entity tagger may include in a person's name; taken off the full name and
/// kept as the titles that let `the president` find the person.
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defense",
    "defence",
    "interior",
    "secretary",
    "general",
    "secretary-general",
    "u.n.",
    "un",
    "u.s.",
    "us",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "mayor",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "cmdr",
    "rev",
    "fr",
    "hon",
    "det",
    "insp",
    "supt",
    "atty",
    "sgt",
    "adm",
    "admiral",
    "colonel",
    "captain",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "sheik",
    "emir",
    "ayatollah",
    "pope",
    "chancellor",
    "premier",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "judge",
    "justice",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "leader",
    "commander",
    "state",
    "of",
];

/// Determiners and quantifiers taken off a descriptor (`one senior official`).
const DESCRIPTOR_DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "another", "some", "several", "this", "that", "these", "those",
];

/// Dependency relations whose words belong to a speaker's noun phrase.
const NP_DEPRELS: &[&str] = &[
    "det",
    "det:poss",
    "nummod",
    "amod",
    "compound",
    "flat",
    "flat:name",
    "flat:foreign",
    "nmod:poss",
    "goeswith",
];

/// Find every quote and every piece of reported speech of an article.
///
/// `text` is the article text the `sentences` were analysed from (their offsets index it).
/// Never panics, whatever the text; sentences whose offsets do not fit the text are ignored.
pub fn extract_quotes(text: &str, sentences: &[AnalyzedSentence]) -> Quotes {
    let raw = scan_quotation_marks(text);
    // Quote spans (marks included) of every quotation, kept or not: words inside them are
    // never attribution verbs, speakers or antecedents.
    let doc = Doc::new(
        text,
        sentences,
        raw.iter().map(|r| (r.open, r.close_end)).collect(),
    );
    let mut quotes: Vec<Quote> = Vec::new();
    let mut prev_kept: Option<usize> = None; // index into `raw` of the last kept quotation
    let mut next_utterance = 0;
    for (ri, r) in raw.iter().enumerate() {
        let Some(content) = text.get(r.start..r.end) else {
            continue;
        };
        // The comma that stands for the quotation's full stop before its attribution is
        // punctuation of the sentence, not of the quote.
        let words = content.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        if words.is_empty() {
            continue;
        }
        let sentence_index = doc.sentence_at(r.start);
        let prev = prev_kept.and_then(|p| raw.get(p));
        // A continuation of the previous quote: reopened in the next paragraph, or resumed
        // after an attribution with nothing else between.
        let continuation = prev.and_then(|pr| {
            if pr.reopened_next && r.continues_prev {
                return Some(Link::Paragraph);
            }
            let gap = text.get(pr.close_end..r.open)?;
            if gap.contains('\n') || word_count(gap) > 14 || word_count(gap) == 0 {
                return None;
            }
            let verb = doc.speech_verb_in(pr.close_end, r.open)?;
            let same_sentence = doc.sentence_at(pr.start) == sentence_index;
            if same_sentence {
                return Some(Link::Split(verb));
            }
            // `"…," Obama said. "And …"` resumes; `"…." He added, "We …"` is a new
            // statement whose attribution introduces it.
            gap.trim_end().ends_with('.').then_some(Link::Resumed)
        });
        let first_alpha = content.chars().find(|c| c.is_alphanumeric());
        let starts_cap = first_alpha.is_some_and(|c| c.is_uppercase() || c.is_numeric());
        let prefix = doc.prefix_before(r.open, prev.map(|pr| pr.close_end));
        let prefix_trim = prefix.trim_end();
        let last_prefix_word = prefix_trim
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // A quoted sentence opens its sentence, follows a colon, or follows an attribution
        // (`He added, "We …"`, `said on Monday: "…"`, `He said "We …"`); after a comma with
        // no speech verb it is a name in a list (`Pixar, "Star Wars," Marvel`).
        let verb_gap = doc.speech_verb_gap_before(r.open);
        let full_sentence = starts_cap
            && (prefix_trim.is_empty()
                || prefix_trim.ends_with(':')
                || (prefix_trim.ends_with([',', '—', '–', ';'])
                    && verb_gap.is_some_and(|g| g <= 40))
                || verb_gap.is_some_and(|g| g <= 2));
        let partial = match continuation {
            Some(Link::Split(_)) | Some(Link::Paragraph) => false,
            _ => !full_sentence,
        };
        if continuation.is_none() {
            if NAMING_WORDS.contains(&last_prefix_word.as_str())
                || prefix_trim.to_lowercase().ends_with("known as")
            {
                continue;
            }
            if doc.used_as_noun_phrase(r, content) {
                continue;
            }
            if partial && (is_title_case(words) || !doc.partial_is_attributed(r)) {
                continue;
            }
        }
        // A continuation always continues the last quote kept (the one pushed last).
        let parent = continuation.and_then(|link| Some((quotes.len().checked_sub(1)?, link)));
        let (utterance, part) = match parent.and_then(|(qi, _)| quotes.get(qi)) {
            Some(pq) => (pq.utterance, pq.part + 1),
            None => {
                next_utterance += 1;
                (next_utterance - 1, 0)
            }
        };
        let mut quote = Quote {
            text: words.to_string(),
            start: r.start,
            end: r.start + words.len(),
            sentence_index,
            speaker: None,
            verb: None,
            position: SpeakerPosition::None,
            partial,
            utterance,
            part,
            closed: r.closed,
            confidence: 0.0,
        };
        let prev_quote = quotes.len().checked_sub(1);
        doc.attribute(&mut quote, r, parent, prev_quote, &mut quotes);
        // A few words in quotation marks, with no closing punctuation and no one to say
        // them, are a heading, a title or a label (`"Alarming mortality rate"`).
        if quote.position == SpeakerPosition::None
            && quote.part == 0
            && word_count(words) <= 4
            && !words.ends_with(['.', '!', '?', '…'])
        {
            next_utterance = quote.utterance; // the number is not used
            continue;
        }
        if !r.closed {
            quote.confidence *= 0.7;
        }
        // One quoted word is as often a label as someone's words.
        if partial && word_count(words) < 2 {
            quote.confidence *= 0.6;
        }
        quotes.push(quote);
        prev_kept = Some(ri);
    }
    let reported = doc.reported_speech();
    Quotes { quotes, reported }
}

/// Capitalised like a name or a title (`Musicophilia`, `Red for Ed`, `Three Amigos`): every
/// word of more than three letters starts with a capital.
fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .iter()
            .filter(|w| w.chars().count() > 3)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

/// How a quote continues the one before it.
#[derive(Debug, Clone, Copy)]
enum Link {
    /// Same sentence, attribution between: `"A," Ban said, "b."` (the verb's word position).
    Split((usize, usize)),
    /// Next sentence after the attribution: `"A," Obama said. "And …"`.
    Resumed,
    /// Next paragraph reopens it.
    Paragraph,
}

// ---------------------------------------------------------------------------------------
// Quotation marks
// ---------------------------------------------------------------------------------------

/// One quotation as found by its marks.
#[derive(Debug, Clone)]
struct RawQuote {
    /// Byte offset of the opening mark.
    open: usize,
    /// The content, trimmed of surrounding white space.
    start: usize,
    end: usize,
    /// Just after the closing mark (or `end` when unclosed).
    close_end: usize,
    closed: bool,
    /// Ended at a line break because the next paragraph reopens it.
    reopened_next: bool,
    /// Opens a paragraph while the previous quotation was left open for it.
    continues_prev: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkRole {
    Open,
    Close,
    Either,
    Neither,
}

fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{AB}' | '\u{BB}')
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// The role a quotation mark can play, from its neighbours.
fn mark_role(c: char, prev: Option<char>, next: Option<char>, singles: bool) -> MarkRole {
    let opens_before = |p: Option<char>| {
        // No character before (start of text) opens too.
        !p.is_some_and(|p| {
            !(p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/'))
        })
    };
    let closes_after = |n: Option<char>| {
        // No character after (end of text) closes too.
        !n.is_some_and(|n| {
            !(n.is_whitespace()
                || matches!(
                    n,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…'
                ))
        })
    };
    let text_after = next.is_some_and(|n| !n.is_whitespace());
    let text_before = prev.is_some_and(|p| !p.is_whitespace());
    match c {
        // Curly marks say which they are, unless their place plainly says the opposite
        // (sloppy typography: `“Yes,“ he said`).
        '\u{201C}' | '\u{AB}' if text_before && closes_after(next) && !opens_before(prev) => {
            MarkRole::Close
        }
        '\u{201D}' | '\u{BB}' if opens_before(prev) && text_after && !closes_after(next) => {
            MarkRole::Open
        }
        '\u{201C}' | '\u{AB}' => MarkRole::Open,
        '\u{201D}' | '\u{BB}' => MarkRole::Close,
        '\u{2018}' if singles => MarkRole::Open,
        '\u{2019}' if singles => {
            // An apostrophe inside a word (don’t) is never a closing mark.
            if next.is_some_and(|n| n.is_alphabetic()) {
                MarkRole::Neither
            } else {
                MarkRole::Close
            }
        }
        '\'' if singles => {
            let open = opens_before(prev) && next.is_some_and(|n| n.is_alphabetic());
            let close = text_before && !next.is_some_and(|n| n.is_alphanumeric());
            match (open, close) {
                (true, false) => MarkRole::Open,
                (false, true) => MarkRole::Close,
                // A straight single mark is too often an apostrophe to guess.
                _ => MarkRole::Neither,
            }
        }
        '"' => {
            let open = opens_before(prev) && text_after;
            let close = text_before && closes_after(next);
            match (open, close) {
                (true, false) => MarkRole::Open,
                (false, true) => MarkRole::Close,
                _ => MarkRole::Either,
            }
        }
        _ => MarkRole::Neither,
    }
}

/// Pair the quotation marks of a text into quotations (see the module docs for the rules).
fn scan_quotation_marks(text: &str) -> Vec<RawQuote> {
    let singles = !text.chars().any(is_double_mark);
    let is_mark = |c: char| {
        if singles {
            is_single_mark(c)
        } else {
            is_double_mark(c)
        }
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    // Byte offset of the open mark, and whether it continues a quote of the paragraph before.
    let mut open: Option<(usize, bool)> = None;
    let mut reopen_pending = false;
    let mark_len_at = |at: usize| {
        text.get(at..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8)
    };
    // The quotation opened at `open_at` with its content up to `content_end`; `close_end` is
    // past its closing mark, `None` when it has none (it then ends with its content).
    let push = |out: &mut Vec<RawQuote>,
                open_at: usize,
                content_end: usize,
                close_end: Option<usize>,
                reopened_next: bool,
                continues_prev: bool| {
        let mark_len = mark_len_at(open_at);
        // An unclosed quotation ends no earlier than its opening mark.
        let content_end = content_end.max(open_at + mark_len);
        let inner = text.get(open_at + mark_len..content_end).unwrap_or("");
        let lead = inner.len() - inner.trim_start().len();
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            return;
        }
        let start = open_at + mark_len + lead;
        out.push(RawQuote {
            open: open_at,
            start,
            end: start + trimmed.len(),
            close_end: close_end.unwrap_or(content_end),
            closed: close_end.is_some(),
            reopened_next,
            continues_prev,
        });
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c == '\n' {
            let Some((open_at, cont)) = open else {
                continue;
            };
            // What follows the line break: a blank line? an opening mark?
            let rest = chars.get(k + 1..).unwrap_or(&[]);
            let blank_line = rest
                .iter()
                .take_while(|(_, c)| c.is_whitespace())
                .any(|(_, c)| *c == '\n');
            let next_visible = rest.iter().find(|(_, c)| !c.is_whitespace());
            let reopens = next_visible.is_some_and(|&(j, nc)| {
                let before = text.get(..j).and_then(|s| s.chars().next_back());
                let after = text.get(j + nc.len_utf8()..).and_then(|s| s.chars().next());
                is_mark(nc)
                    && matches!(
                        mark_role(nc, before, after, singles),
                        MarkRole::Open | MarkRole::Either
                    )
            });
            if reopens || blank_line {
                let para_end = text.get(..i).map_or(i, |s| s.trim_end().len());
                push(&mut out, open_at, para_end, None, reopens, cont);
                open = None;
                reopen_pending = reopens;
            }
            continue;
        }
        if !is_mark(c) {
            continue;
        }
        let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let role = mark_role(c, prev, next, singles);
        match (open, role) {
            (_, MarkRole::Neither) => {}
            (None, MarkRole::Open | MarkRole::Either) => {
                open = Some((i, reopen_pending));
                reopen_pending = false;
            }
            (None, MarkRole::Close) => {} // a stray closing mark
            (Some(_), MarkRole::Open) if c != '"' || prev.is_some_and(char::is_whitespace) => {
                // An opening mark while a quote is open: the earlier mark was unmatched.
                open = Some((i, false));
            }
            (Some((open_at, cont)), _) => {
                push(&mut out, open_at, i, Some(i + c.len_utf8()), false, cont);
                open = None;
            }
        }
    }
    if let Some((open_at, cont)) = open {
        let end = text.trim_end().len();
        push(&mut out, open_at, end, None, false, cont);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The article: sentences, names, speakers
// ---------------------------------------------------------------------------------------

/// A person named in the article, by its fullest form.
#[derive(Debug, Clone)]
struct PersonName {
    /// Without titles: `Ban Ki-Moon`.
    name: String,
    /// Lower-cased name tokens, hyphenated parts split too (`ban`, `ki-moon`, `ki`, `moon`).
    tokens: Vec<String>,
    /// Lower-cased title words the person was introduced with (`president`, `spokesman`).
    titles: Vec<String>,
    /// Where the person is first named (the name's span without titles).
    first: Span,
}

/// A mention of a person in a sentence.
#[derive(Debug, Clone)]
struct PersonMention {
    span: Span,
    /// Index into `Doc::people`.
    person: usize,
    /// 2: subject of the sentence's main verb or of a speech verb; 1: another subject; 0.
    salience: u8,
}

struct Doc<'a> {
    text: &'a str,
    sentences: &'a [AnalyzedSentence],
    people: Vec<PersonName>,
    /// Per sentence, the person mentions in text order.
    mentions: Vec<Vec<PersonMention>>,
    /// Spans (marks included) of every quotation, sorted and disjoint.
    quoted: Vec<(usize, usize)>,
    /// Per sentence, each word's dependents: built once for every phrase walk.
    children: Vec<Vec<Vec<usize>>>,
}

fn lower_tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in name.split_whitespace() {
        let t = t
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if t.is_empty() {
            continue;
        }
        if t.contains('-') {
            out.extend(t.split('-').filter(|p| !p.is_empty()).map(str::to_string));
        }
        out.push(t);
    }
    out
}

impl<'a> Doc<'a> {
    fn new(
        text: &'a str,
        sentences: &'a [AnalyzedSentence],
        quoted: Vec<(usize, usize)>,
    ) -> Doc<'a> {
        let mut doc = Doc {
            text,
            sentences,
            people: Vec::new(),
            mentions: vec![Vec::new(); sentences.len()],
            quoted,
            children: sentences.iter().map(|s| children_of(&s.words)).collect(),
        };
        doc.collect_people();
        doc
    }

    /// Whether byte `at` lies inside a quotation (marks included). The spans come from one
    /// left-to-right scan: sorted and disjoint, so a binary search finds the candidate.
    fn in_quote(&self, at: usize) -> bool {
        let quoted = &self.quoted;
        let i = quoted.partition_point(|&(a, _)| a <= at);
        i.checked_sub(1)
            .and_then(|k| quoted.get(k))
            .is_some_and(|&(_, b)| at < b)
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// The index of the sentence holding byte `at` (or the next one; the last when past all).
    fn sentence_at(&self, at: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.end <= at);
        i.min(self.sentences.len().saturating_sub(1))
    }

    /// The people of the article: each person entity by its fullest, title-free name.
    fn collect_people(&mut self) {
        let mut found: Vec<(usize, Span, PersonName)> = Vec::new();
        for (si, s) in self.sentences.iter().enumerate() {
            for e in s.entities.iter().filter(|e| e.kind == EntityType::Person) {
                let Some((span, name, mut titles)) = self.clean_person(s, e.first_word, e.end_word)
                else {
                    continue;
                };
                // Common nouns just before the name are titles too (`White House spokesman`).
                let mut w = e.first_word;
                while w > 0 {
                    let Some(prev) = s.words.get(w - 1) else {
                        break;
                    };
                    if !matches!(prev.upos.as_str(), "NOUN" | "PROPN" | "ADJ") {
                        break;
                    }
                    let lower = prev.form.to_lowercase();
                    if prev.upos == "NOUN" || TITLE_WORDS.contains(&lower.as_str()) {
                        titles.push(lower);
                    }
                    w -= 1;
                }
                found.push((
                    si,
                    span,
                    PersonName {
                        tokens: lower_tokens(&name),
                        name,
                        titles,
                        first: span,
                    },
                ));
            }
        }
        // The capitalised subject of a speech verb the tagger missed (`Ban Ki-moon said`) is
        // a person too.
        for (si, s) in self.sentences.iter().enumerate() {
            for (wi, _, lemma) in self.attributions_in(si) {
                if lemma == "according to" {
                    continue;
                }
                let inverted = self.inverted(s, wi);
                let Some(head) = self.subject_of(s, wi, inverted) else {
                    continue;
                };
                if let Some(p) = self.untagged_name(si, head) {
                    found.push((si, p.first, p));
                }
            }
        }
        // One person per distinct fullest name: a shorter name whose tokens all belong to a
        // longer one is that person.
        let mut order: Vec<usize> = (0..found.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(found.get(i).map_or(0, |f| f.2.tokens.len())));
        let mut person_of = vec![usize::MAX; found.len()];
        for &i in &order {
            let Some((_, _, p)) = found.get(i) else {
                continue;
            };
            let existing = self.people.iter().position(|q| {
                p.tokens
                    .iter()
                    .filter(|t| t.len() > 1)
                    .all(|t| q.tokens.contains(t))
            });
            let idx = match existing {
                Some(x) => {
                    if let (Some(q), Some(pt)) = (self.people.get_mut(x), Some(p.titles.clone())) {
                        q.titles.extend(pt);
                        if p.first.start < q.first.start {
                            q.first = p.first;
                        }
                    }
                    x
                }
                None => {
                    self.people.push(p.clone());
                    self.people.len() - 1
                }
            };
            if let Some(slot) = person_of.get_mut(i) {
                *slot = idx;
            }
        }
        for (i, (si, span, _)) in found.iter().enumerate() {
            let Some(&person) = person_of.get(i) else {
                continue;
            };
            let salience = self.span_salience(*si, *span);
            if let Some(m) = self.mentions.get_mut(*si) {
                m.push(PersonMention {
                    span: *span,
                    person,
                    salience,
                });
            }
        }
        // Capitalised words the tagger missed that are a known person's name token (`Ban
        // said`), as mentions of that person.
        for (si, s) in self.sentences.iter().enumerate() {
            for w in &s.words {
                if w.upos != "PROPN" || w.form.chars().count() < 3 {
                    continue;
                }
                if s.entities
                    .iter()
                    .any(|e| w.start >= e.start && w.end <= e.end)
                {
                    continue;
                }
                let form = w.form.to_lowercase();
                let Some(person) = self.person_by_token(&form, w.start) else {
                    continue;
                };
                let salience = subject_salience(s, w);
                if let Some(m) = self.mentions.get_mut(si) {
                    m.push(PersonMention {
                        span: Span {
                            start: w.start,
                            end: w.end,
                        },
                        person,
                        salience,
                    });
                }
            }
        }
        for m in &mut self.mentions {
            m.sort_by_key(|x| x.span.start);
        }
    }

    /// The noun phrase headed by word `head` as a person's name, when every word of it is
    /// capitalised and no entity covers it (titles taken off).
    fn untagged_name(&self, si: usize, head: usize) -> Option<PersonName> {
        let s = self.sentences.get(si)?;
        let hw = s.words.get(head)?;
        if !matches!(hw.upos.as_str(), "PROPN" | "NOUN") {
            return None;
        }
        let (lo, hi) = self.np_range(si, head);
        let (start, end) = (s.words.get(lo)?.start, s.words.get(hi)?.end);
        if s.entities.iter().any(|e| e.start < end && start < e.end) {
            return None;
        }
        // A proper noun in it: `Officials said` at a sentence start is no name.
        if !s.words.get(lo..=hi)?.iter().any(|w| w.upos == "PROPN") {
            return None;
        }
        let written = self.slice(start, end);
        let mut tokens: Vec<&str> = written.split_whitespace().collect();
        let is_title = |t: &&str| {
            let l = t.to_lowercase();
            TITLE_WORDS.contains(&l.as_str()) || TITLE_WORDS.contains(&l.trim_end_matches('.'))
        };
        while tokens.first().is_some_and(is_title) && tokens.len() > 1 {
            tokens.remove(0);
        }
        let capitalised = |t: &&str| t.chars().next().is_some_and(char::is_uppercase);
        if tokens.is_empty() || !tokens.iter().all(capitalised) || tokens.iter().any(is_title) {
            return None;
        }
        let first_token = tokens.first()?;
        let offset = written.find(first_token)?;
        let name = written.get(offset..)?.trim().to_string();
        Some(PersonName {
            tokens: lower_tokens(&name),
            name,
            titles: Vec::new(),
            first: Span {
                start: start + offset,
                end,
            },
        })
    }

    /// A person entity's name without its titles, extended over a hyphenated last part the
    /// tokenizer split (`Ki` `-` `Moon`), with the titles taken off.
    fn clean_person(
        &self,
        s: &AnalyzedSentence,
        first: usize,
        end: usize,
    ) -> Option<(Span, String, Vec<String>)> {
        let mut words = s.words.get(first..end)?;
        let mut titles = Vec::new();
        // Everything up to the last title word is a title, however the tagger cut it
        // (`German Chancellor Angela Merkel`, `Secretary of State John Kerry`).
        let is_title = |w: &Word| {
            let lw = w.form.to_lowercase();
            TITLE_WORDS.contains(&lw.as_str()) || TITLE_WORDS.contains(&lw.trim_end_matches('.'))
        };
        if let Some(last_title) = words
            .iter()
            .take(words.len().saturating_sub(1))
            .rposition(is_title)
        {
            let (head, rest) = words.split_at(last_title + 1);
            titles.extend(head.iter().map(|w| w.form.to_lowercase()));
            words = rest;
        }
        let mut name_words: Vec<&Word> = Vec::new();
        for w in words {
            let lw = w.form.to_lowercase();
            let lw = lw.trim_end_matches('.');
            // Leading titles, nationality adjectives (`German Chancellor`) and common nouns
            // are not the name.
            if name_words.is_empty()
                && (TITLE_WORDS.contains(&lw)
                    || TITLE_WORDS.contains(&w.form.to_lowercase().as_str())
                    || w.upos != "PROPN"
                    || !w.form.chars().next().is_some_and(char::is_uppercase))
            {
                titles.push(w.form.to_lowercase());
                continue;
            }
            if w.form == "'s" || w.form == "’s" {
                break;
            }
            name_words.push(w);
        }
        let first_w = name_words.first()?;
        let last_w = name_words.last()?;
        let mut end_b = last_w.end;
        // Extend over `-Moon`, `-Sisi` the entity stopped short of.
        let rest = self.text.get(end_b..).unwrap_or("");
        let ext: usize = rest
            .char_indices()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
            .map(|(_, c)| c.len_utf8())
            .sum();
        if ext > 1 && rest.starts_with('-') {
            end_b += ext;
        }
        let name = self.slice(first_w.start, end_b).trim().to_string();
        if name.is_empty() {
            return None;
        }
        Some((
            Span {
                start: first_w.start,
                end: end_b,
            },
            name,
            titles,
        ))
    }

    fn span_salience(&self, si: usize, span: Span) -> u8 {
        let Some(s) = self.sentences.get(si) else {
            return 0;
        };
        s.words
            .iter()
            .filter(|w| w.start >= span.start && w.end <= span.end)
            .map(|w| subject_salience(s, w))
            .max()
            .unwrap_or(0)
    }

    /// The person whose name has this lower-cased token: the one named most recently before
    /// `at`, else the first named.
    fn person_by_token(&self, token: &str, at: usize) -> Option<usize> {
        let cands: Vec<usize> = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.tokens.iter().any(|t| t == token))
            .map(|(i, _)| i)
            .collect();
        cands
            .iter()
            .copied()
            .filter(|&i| self.people.get(i).is_some_and(|p| p.first.start <= at))
            .max_by_key(|&i| self.people.get(i).map_or(0, |p| p.first.start))
            .or_else(|| cands.first().copied())
    }

    /// Text of the sentence holding `at`, from the later of its start and `after` to `at`.
    fn prefix_before(&self, at: usize, after: Option<usize>) -> &'a str {
        let si = self.sentence_at(at);
        let s_start = self
            .sentences
            .get(si)
            .map_or(0, |s| if s.start <= at { s.start } else { at });
        let from = after
            .filter(|&a| a <= at)
            .map_or(s_start, |a| a.max(s_start));
        self.slice(from, at)
    }

    fn is_speech_verb(w: &Word) -> bool {
        matches!(w.upos.as_str(), "VERB" | "AUX")
            && (SPEECH_VERBS.contains(&w.lemma.to_lowercase().as_str())
                || SPEECH_VERBS.contains(&w.form.to_lowercase().as_str()))
    }

    /// Speech verbs (and `according to`) of sentence `si` outside every quotation:
    /// (word index, span, lemma).
    fn attributions_in(&self, si: usize) -> Vec<(usize, Span, String)> {
        let Some(s) = self.sentences.get(si) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            if self.in_quote(w.start) {
                continue;
            }
            if w.form.eq_ignore_ascii_case("according")
                && s.words
                    .get(i + 1)
                    .is_some_and(|n| n.form.eq_ignore_ascii_case("to"))
            {
                let end = s.words.get(i + 1).map_or(w.end, |n| n.end);
                out.push((
                    i,
                    Span {
                        start: w.start,
                        end,
                    },
                    "according to".to_string(),
                ));
            } else if Self::is_speech_verb(w) {
                out.push((
                    i,
                    Span {
                        start: w.start,
                        end: w.end,
                    },
                    w.lemma.to_lowercase(),
                ));
            }
        }
        out
    }

    /// How many bytes of text lie between the last speech verb before `at` in its sentence
    /// and `at`, when no quotation lies between them.
    fn speech_verb_gap_before(&self, at: usize) -> Option<usize> {
        let si = self.sentence_at(at);
        let verb_end = self
            .attributions_in(si)
            .iter()
            .filter(|(_, sp, _)| sp.end <= at)
            .map(|(_, sp, _)| sp.end)
            .max()?;
        let quoted_between = self.quoted.iter().any(|&(a, b)| a >= verb_end && b <= at);
        (!quoted_between).then(|| self.slice(verb_end, at).trim().len())
    }

    /// A speech verb between two byte offsets (sentence index, word index).
    fn speech_verb_in(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let first = self.sentence_at(from);
        let last = self.sentence_at(to);
        (first..=last).find_map(|si| {
            self.attributions_in(si)
                .into_iter()
                .find(|(_, sp, _)| sp.start >= from && sp.end <= to)
                .map(|(wi, _, _)| (si, wi))
        })
    }

    /// A quotation used as a name: it has no closing punctuation and the sentence runs on
    /// after it with words and no speech verb.
    fn used_as_noun_phrase(&self, r: &RawQuote, content: &str) -> bool {
        // American style puts the sentence's comma inside the marks: not the quote's own.
        let content = content.trim_end_matches(',');
        if content.ends_with(['.', ',', '!', '?', ';', ':', '…', '—', '–']) {
            return false;
        }
        let si = self.sentence_at(r.close_end);
        let s_end = self.sentences.get(si).map_or(self.text.len(), |s| s.end);
        let after = self.slice(r.close_end, s_end.max(r.close_end));
        let after = after.split('\n').next().unwrap_or("").trim_start();
        let runs_on = after.chars().next().is_some_and(char::is_alphanumeric);
        if !runs_on {
            return false;
        }
        let has_verb_after = self
            .attributions_in(si)
            .iter()
            .any(|(_, sp, _)| sp.start >= r.close_end);
        let starts_sentence = self
            .sentences
            .get(self.sentence_at(r.open))
            .is_some_and(|s| self.slice(s.start, r.open).trim().is_empty());
        // A partial quote in running text (`done "significant damage" to Hamas`) runs on too:
        // only a quotation opening its sentence is judged here; partial ones are judged by
        // their attribution.
        starts_sentence && !has_verb_after
    }

    /// A partial quote is kept when a speech verb before it in its sentence governs it, or
    /// an attribution follows it after a comma.
    fn partial_is_attributed(&self, r: &RawQuote) -> bool {
        let si = self.sentence_at(r.start);
        let verbs = self.attributions_in(si);
        if verbs.iter().any(|(_, sp, _)| sp.end <= r.open) {
            return true;
        }
        let content = self.slice(r.start, r.end);
        let after = self.slice(r.close_end, self.text.len().min(r.close_end + 80));
        (content.ends_with(',') || after.trim_start().starts_with(','))
            && verbs
                .iter()
                .any(|(_, sp, _)| sp.start >= r.close_end && sp.start <= r.close_end + 60)
    }

    /// Find a quote's attribution and speaker, and set its position and confidence.
    fn attribute(
        &self,
        q: &mut Quote,
        r: &RawQuote,
        parent: Option<(usize, Link)>,
        prev_quote: Option<usize>,
        quotes: &mut [Quote],
    ) {
        // A split quote: the attribution between the parts, in the same sentence.
        if let Some((pi, Link::Split((si, wi)))) = parent {
            if let Some(p) = quotes.get_mut(pi) {
                q.verb = self.attribution_at(si, wi);
                q.speaker = self.speaker_of(si, wi);
                q.position = SpeakerPosition::Inside;
                q.confidence = 0.9;
                // The first part took the same verb, as the one right after it.
                let same_verb = p
                    .verb
                    .as_ref()
                    .zip(q.verb.as_ref())
                    .is_some_and(|(a, b)| a.start == b.start);
                if same_verb || p.verb.is_none() {
                    p.position = SpeakerPosition::Inside;
                    if p.verb.is_none() {
                        p.verb = q.verb.clone();
                        p.speaker = q.speaker.clone();
                    }
                }
                return;
            }
        }
        // The attribution in the quote's own sentences, nearest first.
        let first = self.sentence_at(r.start);
        let last = self.sentence_at(r.end.saturating_sub(1).max(r.start));
        // A quotation ending in `!` or `?` makes the sentence splitter end the sentence
        // before its attribution (`"… Kentucky!" Trump tweeted.`): the next sentence's first
        // words are searched too.
        let content = self.slice(r.start, r.end);
        let split_after = content.ends_with(['!', '?', '…'])
            && self.sentences.get(last + 1).is_some_and(|s| {
                let gap = self.slice(r.close_end, s.start.max(r.close_end));
                gap.trim().is_empty() && !gap.contains('\n')
            });
        let search_last = if split_after { last + 1 } else { last };
        let mut best: Option<((bool, usize), usize, usize, SpeakerPosition)> = None;
        for si in first..=search_last {
            for (wi, sp, _) in self.attributions_in(si) {
                if si > last && sp.start > r.close_end + 40 {
                    continue;
                }
                let (dist, pos) = if sp.start >= r.close_end {
                    (sp.start - r.close_end, SpeakerPosition::After)
                } else if sp.end <= r.open {
                    (r.open - sp.end, SpeakerPosition::Before)
                } else {
                    continue;
                };
                // Another quotation between the verb and this one owns the verb.
                let between = if pos == SpeakerPosition::After {
                    (r.close_end, sp.start)
                } else {
                    (sp.end, r.open)
                };
                // (Partial quotes of one clause share its verb: `reach "severe" or
                // "emergency" levels`.)
                if !q.partial
                    && pos == SpeakerPosition::Before
                    && self.quoted.iter().any(|&(a, b)| {
                        a >= between.0 && b <= between.1 && !(a == r.open && b == r.close_end)
                    })
                {
                    continue;
                }
                // A verb whose clause holds the quote (`he contended that … "significant
                // damage"`) comes before any nearer one.
                let rank = (!self.governs(si, wi, r), dist);
                let better = match &best {
                    Some(b) => rank < b.0,
                    None => true,
                };
                if better {
                    best = Some((rank, si, wi, pos));
                }
            }
        }
        if let Some((_, si, wi, pos)) = best {
            q.verb = self.attribution_at(si, wi);
            q.speaker = self.speaker_of(si, wi);
            q.position = pos;
            q.confidence = 0.9;
        } else if let Some((pi, link)) = parent {
            // Resumed after the attribution, or reopened in a new paragraph: the parent's.
            if let Some(p) = quotes.get(pi) {
                q.speaker = p.speaker.clone();
                q.verb = p.verb.clone();
                q.position = match link {
                    Link::Paragraph => SpeakerPosition::Paragraph,
                    _ => SpeakerPosition::PreviousSentence,
                };
                q.confidence = p.confidence * 0.9;
            }
        } else if let Some(p) = prev_quote
            .and_then(|pi| quotes.get(pi))
            .filter(|p| p.speaker.is_some() && first <= p.sentence_index + 2)
            .filter(|p| {
                // Only quotation between: the previous quote's sentence, then this one.
                let gap_from = self
                    .sentences
                    .get(p.sentence_index)
                    .map_or(p.end, |s| s.end);
                self.attributions_in(p.sentence_index + 1)
                    .iter()
                    .all(|(_, sp, _)| sp.start < gap_from || sp.start >= r.open)
                    && p.sentence_index < first
            })
        {
            // A quotation right after an attributed one, with none of its own, is the same
            // speaker's (the newspaper convention for a run of quoted paragraphs).
            q.speaker = p.speaker.clone();
            q.verb = p.verb.clone();
            q.position = if self.same_paragraph(p.sentence_index, first) {
                SpeakerPosition::PreviousSentence
            } else {
                SpeakerPosition::Paragraph
            };
            q.confidence = p.confidence * 0.8;
        } else if let Some((si, wi)) = self.neighbour_attribution(first, last, r) {
            q.verb = self.attribution_at(si, wi);
            q.speaker = self.speaker_of(si, wi);
            q.position = if si < first {
                if self.same_paragraph(si, first) {
                    SpeakerPosition::PreviousSentence
                } else {
                    SpeakerPosition::Paragraph
                }
            } else {
                SpeakerPosition::NextSentence
            };
            q.confidence = 0.6;
        } else {
            q.confidence = if q.partial { 0.3 } else { 0.5 };
        }
        if q.speaker
            .as_ref()
            .is_some_and(|s| s.kind == SpeakerKind::Pronoun && s.antecedent.is_some())
        {
            q.confidence *= 0.9;
        }
        if q.speaker.is_none() && q.position != SpeakerPosition::None {
            q.confidence *= 0.7;
        }
    }

    /// Whether the quote's first word hangs (through its heads) from word `wi` of sentence `si`.
    fn governs(&self, si: usize, wi: usize, r: &RawQuote) -> bool {
        let Some(s) = self.sentences.get(si) else {
            return false;
        };
        let Some(first) = s
            .words
            .iter()
            .position(|w| w.start >= r.start && w.end <= r.end)
        else {
            return false;
        };
        let mut cur = first;
        for _ in 0..=s.words.len() {
            if cur == wi {
                return true;
            }
            match s.words.get(cur).map(|w| w.head) {
                Some(h) if h > 0 => cur = h - 1,
                _ => return false,
            }
        }
        false
    }

    /// Whether the verb at `wi` follows a closing quotation mark (`"…," said Ban`), where the
    /// subject may come after the verb.
    fn inverted(&self, s: &AnalyzedSentence, wi: usize) -> bool {
        let Some(w) = s.words.get(wi) else {
            return false;
        };
        let before = self.slice(s.start.min(w.start), w.start).trim_end();
        let before = before.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        before.ends_with(['"', '\u{201D}', '\u{BB}', '\u{2019}', '\''])
    }

    fn same_paragraph(&self, a: usize, b: usize) -> bool {
        let (Some(sa), Some(sb)) = (self.sentences.get(a), self.sentences.get(b)) else {
            return false;
        };
        let (lo, hi) = if sa.start <= sb.start {
            (sa.end, sb.start)
        } else {
            (sb.end, sa.start)
        };
        !self.slice(lo, hi.max(lo)).contains('\n')
    }

    /// An attribution in a neighbouring sentence with no quotation of its own after the verb:
    /// the sentence before (`Ban said on Monday.` / `He spoke to reporters:`), within the same
    /// paragraph or ending the paragraph before; else the next sentence of the paragraph.
    fn neighbour_attribution(
        &self,
        first: usize,
        last: usize,
        r: &RawQuote,
    ) -> Option<(usize, usize)> {
        let unquoted = |si: usize| -> Option<(usize, usize)> {
            let s = self.sentences.get(si)?;
            if self
                .quoted
                .iter()
                .any(|&(a, b)| a >= s.start && b <= s.end && !(a == r.open && b == r.close_end))
            {
                return None;
            }
            self.attributions_in(si)
                .into_iter()
                .next_back()
                .map(|(wi, _, _)| (si, wi))
        };
        if let Some(prev) = first.checked_sub(1) {
            let prev_text_end = self.sentences.get(prev).map_or(0, |s| s.end);
            let gap = self.slice(prev_text_end, r.open.max(prev_text_end));
            // At most one paragraph break away.
            if gap.matches('\n').count() <= 2 {
                if let Some(x) = unquoted(prev) {
                    return Some(x);
                }
            }
        }
        let next = last + 1;
        if next < self.sentences.len() && self.same_paragraph(last, next) {
            return unquoted(next);
        }
        None
    }

    fn attribution_at(&self, si: usize, wi: usize) -> Option<Attribution> {
        let s = self.sentences.get(si)?;
        let w = s.words.get(wi)?;
        let according = w.form.eq_ignore_ascii_case("according");
        let end = if according {
            s.words.get(wi + 1).map_or(w.end, |n| n.end)
        } else {
            w.end
        };
        Some(Attribution {
            text: self.slice(w.start, end).to_string(),
            lemma: if according {
                "according to".to_string()
            } else {
                w.lemma.to_lowercase()
            },
            start: w.start,
            end,
            sentence_index: si,
        })
    }

    /// The speaker of the attribution at word `wi` of sentence `si`.
    fn speaker_of(&self, si: usize, wi: usize) -> Option<Speaker> {
        let s = self.sentences.get(si)?;
        let w = s.words.get(wi)?;
        let inverted = self.inverted(s, wi);
        let head = if w.form.eq_ignore_ascii_case("according") {
            self.np_head_after(s, wi + 2)
        } else {
            self.subject_of(s, wi, inverted)
                .or_else(|| inverted.then(|| self.np_head_after(s, wi + 1)).flatten())
                .or_else(|| {
                    // The word just before the verb (`Obama, said`, parse errors).
                    let p = wi.checked_sub(1)?;
                    let pw = s.words.get(p)?;
                    matches!(pw.upos.as_str(), "PROPN" | "PRON" | "NOUN")
                        .then_some(p)
                        .filter(|_| !self.in_quote(pw.start))
                })
        }?;
        let speaker = self.speaker_from_np(si, head)?;
        if matches!(speaker.kind, SpeakerKind::Person | SpeakerKind::Pronoun) {
            return Some(speaker);
        }
        // The parser often heads an appositive subject on its description: `Kurinji Selvaraj,
        // a research analyst at the … think tank, told`, `lead researcher and NASA scientist
        // Lucas Paganini said`. A person opening the subject, or ending it right before the
        // verb with no preposition before (`a spokesman for President Obama said` is the
        // spokesman), is the speaker.
        let region_start = self
            .quoted
            .iter()
            .filter(|&&(_, b)| b <= w.start && b >= s.start)
            .map(|&(_, b)| b)
            .max()
            .unwrap_or(s.start);
        let person = self.mentions.get(si).and_then(|ms| {
            ms.iter().find(|m| {
                if m.span.start < region_start || m.span.end > w.start {
                    return false;
                }
                // `Kurinji Selvaraj, a research analyst …` (not `Swift's rep`).
                let opens = self
                    .slice(region_start, m.span.start)
                    .chars()
                    .all(|c| !c.is_alphanumeric())
                    && self
                        .slice(m.span.end, w.start)
                        .trim_start()
                        .starts_with(',');
                let ends = self.slice(m.span.end, w.start).trim().is_empty()
                    && !s.words.iter().any(|x| {
                        x.start >= region_start && x.end <= m.span.start && x.upos == "ADP"
                    });
                opens || ends
            })
        });
        match person {
            Some(m) => self.person_speaker(m, m.span),
            None => Some(speaker),
        }
    }

    /// A person speaker from a mention of the person, written as `written`.
    fn person_speaker(&self, m: &PersonMention, written: Span) -> Option<Speaker> {
        let p = self.people.get(m.person)?;
        let full = p.tokens.len() <= lower_tokens(self.slice(m.span.start, m.span.end)).len();
        Some(Speaker {
            name: p.name.clone(),
            text: self.slice(written.start, written.end).to_string(),
            start: written.start,
            end: written.end,
            kind: SpeakerKind::Person,
            antecedent: (!full).then_some(p.first),
            code: None,
        })
    }

    /// The subject of the verb at `wi`, following conjuncts, participles and infinitives to
    /// the verb that has it (`Ban said … but said he arrived`), never inside a quotation;
    /// after the verb only when `inverted`.
    fn subject_of(&self, s: &AnalyzedSentence, wi: usize, inverted: bool) -> Option<usize> {
        let mut verb = wi;
        for _ in 0..4 {
            let id = verb + 1;
            // After the verb only when inverted: `said Ban`, not `said it remained`.
            let subj = s.words.iter().enumerate().position(|(i, w)| {
                w.head == id
                    && w.deprel.starts_with("nsubj")
                    && !self.in_quote(w.start)
                    && (i < verb || inverted)
            });
            if subj.is_some() {
                return subj;
            }
            let vw = s.words.get(verb)?;
            // A conjunct (`… but said`), a participle (`…, telling them`) or an infinitive
            // (`refused to say`) shares its head verb's subject.
            let shares_subject = vw.deprel == "conj"
                || vw.deprel == "xcomp"
                || (vw.deprel.starts_with("advcl") && vw.xpos == "VBG");
            if shares_subject && vw.head > 0 {
                verb = vw.head - 1;
            } else {
                return None;
            }
        }
        None
    }

    /// The head of the noun phrase starting at word `from` (inverted `said one senior
    /// official who …`): past determiners, numbers, adjectives and compounds to the last noun
    /// of the first run of nouns.
    fn np_head_after(&self, s: &AnalyzedSentence, from: usize) -> Option<usize> {
        let mut head = None;
        for (i, w) in s.words.iter().enumerate().skip(from) {
            if self.in_quote(w.start) {
                break;
            }
            match w.upos.as_str() {
                "DET" | "NUM" | "ADJ" if head.is_none() => {}
                "NOUN" | "PROPN" => head = Some(i),
                "PRON" if head.is_none() && w.xpos != "WP" && w.xpos != "WDT" => return Some(i),
                "PUNCT" if w.form == "-" || w.form == "." => {}
                _ => break,
            }
        }
        head
    }

    /// Words `lo..hi` (indices) of the noun phrase headed by `head`: its determiners,
    /// modifiers, compounds, flat name parts and `of`/`for` complements; no appositions or
    /// relative clauses.
    fn np_range(&self, si: usize, head: usize) -> (usize, usize) {
        let (Some(s), Some(children)) = (self.sentences.get(si), self.children.get(si)) else {
            return (head, head);
        };
        let mut members = vec![head];
        let mut stack = vec![head];
        while let Some(h) = stack.pop() {
            for &i in children.get(h).into_iter().flatten() {
                let Some(w) = s.words.get(i) else { continue };
                if members.contains(&i) || self.in_quote(w.start) {
                    continue;
                }
                let take = NP_DEPRELS.contains(&w.deprel.as_str())
                    || (w.deprel == "case" && h != head)
                    || (w.deprel == "case" && w.form.ends_with('s') && w.form.contains('\''))
                    || (w.deprel == "punct" && w.form == "-")
                    || (w.deprel == "nmod"
                        && i > head
                        && children.get(i).into_iter().flatten().any(|&c| {
                            s.words.get(c).is_some_and(|c| {
                                c.deprel == "case"
                                    && matches!(c.form.to_lowercase().as_str(), "of" | "for" | "at")
                            })
                        }));
                if take {
                    members.push(i);
                    stack.push(i);
                }
            }
        }
        let lo = members.iter().copied().min().unwrap_or(head);
        let hi = members.iter().copied().max().unwrap_or(head);
        // Keep it contiguous around the head: stop at a comma or a quotation mark.
        let mut a = head;
        while a > lo {
            let Some(w) = s.words.get(a - 1) else { break };
            if w.upos == "PUNCT" && w.form != "-" && w.form != "." {
                break;
            }
            a -= 1;
        }
        let mut b = head;
        while b < hi {
            let Some(w) = s.words.get(b + 1) else { break };
            if w.upos == "PUNCT" && w.form != "-" && w.form != "." {
                break;
            }
            b += 1;
        }
        (a, b)
    }

    /// A speaker from the noun phrase headed by word `head` of sentence `si`.
    fn speaker_from_np(&self, si: usize, head: usize) -> Option<Speaker> {
        let s = self.sentences.get(si)?;
        let hw = s.words.get(head)?;
        let (lo, hi) = self.np_range(si, head);
        let (start, end) = (s.words.get(lo)?.start, s.words.get(hi)?.end);
        let written = self.slice(start, end).to_string();
        if written.is_empty() {
            return None;
        }
        // A person named here (entity, or a known name's token).
        let mention = self.mentions.get(si).and_then(|ms| {
            ms.iter()
                .find(|m| hw.start >= m.span.start && hw.end <= m.span.end)
                .or_else(|| {
                    (hw.upos == "PROPN")
                        .then(|| {
                            ms.iter()
                                .find(|m| m.span.start >= start && m.span.end <= end)
                        })
                        .flatten()
                })
        });
        if let Some(m) = mention {
            return self.person_speaker(m, Span { start, end });
        }
        if hw.upos == "PRON" {
            let lw = hw.form.to_lowercase();
            let resolved = match lw.as_str() {
                "he" | "she" | "him" | "her" => self.resolve_person_pronoun(si, hw.start),
                "they" | "it" => {
                    // A group or an organisation: the nearest main or speech-verb subject
                    // that is one (`officials said …; they added`).
                    if let Some((gsi, ghead)) = self.resolve_group_pronoun(si, hw.start, lw == "it")
                    {
                        let mut g = self.speaker_from_np(gsi, ghead)?;
                        g.antecedent = Some(Span {
                            start: g.start,
                            end: g.end,
                        });
                        g.text = written;
                        g.kind = SpeakerKind::Pronoun;
                        g.start = start;
                        g.end = end;
                        return Some(g);
                    }
                    None
                }
                _ => None,
            };
            return Some(match resolved {
                Some((person, ante)) => Speaker {
                    name: self.people.get(person)?.name.clone(),
                    text: written,
                    start,
                    end,
                    kind: SpeakerKind::Pronoun,
                    antecedent: Some(ante),
                    code: None,
                },
                None => Speaker {
                    name: written.clone(),
                    text: written,
                    start,
                    end,
                    kind: SpeakerKind::Pronoun,
                    antecedent: None,
                    code: None,
                },
            });
        }
        let in_entity = |kind: EntityType| {
            s.entities
                .iter()
                .any(|e| e.kind == kind && hw.start >= e.start && hw.end <= e.end)
        };
        // A person's surname the tagger took for an organisation (`Dale said`).
        if hw.upos == "PROPN" && hi == lo {
            if let Some(person) = self.person_by_token(&hw.form.to_lowercase(), hw.start) {
                let m = PersonMention {
                    span: Span {
                        start: hw.start,
                        end: hw.end,
                    },
                    person,
                    salience: 2,
                };
                return self.person_speaker(&m, Span { start, end });
            }
        }
        if in_entity(EntityType::Organization) || in_entity(EntityType::Place) {
            return Some(Speaker {
                name: strip_determiner(&written).to_string(),
                text: written,
                start,
                end,
                kind: SpeakerKind::Organization,
                antecedent: None,
                code: None,
            });
        }
        if hw.upos == "PROPN" {
            return Some(Speaker {
                name: strip_determiner(&written).to_string(),
                text: written,
                start,
                end,
                kind: SpeakerKind::Person,
                antecedent: None,
                code: None,
            });
        }
        // A descriptor; a definite title (`the president`) names the person introduced with it.
        let lemma = hw.form.to_lowercase();
        let definite = s
            .words
            .get(lo)
            .is_some_and(|w| w.form.eq_ignore_ascii_case("the"))
            && hi - lo <= 2;
        if definite {
            if let Some(p) = self
                .people
                .iter()
                .filter(|p| p.first.start < start && p.titles.contains(&lemma))
                .max_by_key(|p| p.first.start)
            {
                return Some(Speaker {
                    name: p.name.clone(),
                    text: written,
                    start,
                    end,
                    kind: SpeakerKind::Person,
                    antecedent: Some(p.first),
                    code: None,
                });
            }
        }
        Some(Speaker {
            name: strip_determiner(&written).to_string(),
            text: written,
            start,
            end,
            kind: SpeakerKind::Descriptor,
            antecedent: None,
            code: None,
        })
    }

    /// `he`/`she` at `at` in sentence `si`: the nearest sentence (this one before `at`, then
    /// up to four before) naming a person outside quotations; in it, the last subject of the
    /// main verb or of a speech verb (`Figgins declined to say whether Epstein died` →
    /// Figgins), else the last subject, else the last person named.
    fn resolve_person_pronoun(&self, si: usize, at: usize) -> Option<(usize, Span)> {
        for back in 0..5 {
            let Some(k) = si.checked_sub(back) else { break };
            let Some(ms) = self.mentions.get(k) else {
                continue;
            };
            let cands: Vec<&PersonMention> = ms
                .iter()
                .filter(|m| m.span.end <= at && !self.in_quote(m.span.start))
                .collect();
            // The last of the most salient (`max_by_key` keeps the last maximum).
            let pick = cands
                .iter()
                .max_by_key(|m| m.salience)
                .filter(|m| m.salience > 0)
                .or_else(|| cands.last());
            if let Some(m) = pick {
                return Some((m.person, m.span));
            }
        }
        None
    }

    /// `they`/`it` at `at` in sentence `si`: the last subject of a main or speech verb, in
    /// this sentence before `at` or the two before, that is a plural noun or a named
    /// organisation (`singular`: an organisation or a singular noun) — (sentence, word).
    fn resolve_group_pronoun(
        &self,
        si: usize,
        at: usize,
        singular: bool,
    ) -> Option<(usize, usize)> {
        for back in 0..3 {
            let k = si.checked_sub(back)?;
            let s = self.sentences.get(k)?;
            let found = s.words.iter().enumerate().rev().find(|(_, w)| {
                if w.end > at || self.in_quote(w.start) || subject_salience(s, w) < 2 {
                    return false;
                }
                let org = s.entities.iter().any(|e| {
                    e.kind == EntityType::Organization && w.start >= e.start && w.end <= e.end
                });
                let noun_number_fits = match w.upos.as_str() {
                    "NOUN" => (w.xpos == "NNS") != singular,
                    _ => false,
                };
                org || noun_number_fits
            });
            if let Some((wi, _)) = found {
                return Some((k, wi));
            }
        }
        None
    }

    /// Indirect speech: speech verbs with a clausal complement outside quotation marks.
    fn reported_speech(&self) -> Vec<ReportedSpeech> {
        let mut out = Vec::new();
        for (si, s) in self.sentences.iter().enumerate() {
            for (wi, _, lemma) in self.attributions_in(si) {
                if lemma == "according to" {
                    continue;
                }
                let speaker = self.speaker_of(si, wi);
                let has_ccomp = s
                    .words
                    .iter()
                    .any(|c| c.head == wi + 1 && c.deprel == "ccomp");
                for (ci, c) in s.words.iter().enumerate() {
                    if c.head != wi + 1 || self.in_quote(c.start) {
                        continue;
                    }
                    // The clause: the verb's clausal complement; or, where the parser made it
                    // a conjunct or parataxis, a verb after it with its own subject after the
                    // speech verb (`Earnest said Israel and its military have standards`).
                    let own_subject = || {
                        s.words.iter().enumerate().any(|(k, x)| {
                            x.head == ci + 1 && x.deprel.starts_with("nsubj") && k > wi && k < ci
                        })
                    };
                    let clause = match c.deprel.as_str() {
                        // A clause has a verb or a subject: a noun here is a misparsed
                        // inverted subject (`…," said study co-author Anezina Solomonidou`).
                        "ccomp" => {
                            matches!(c.upos.as_str(), "VERB" | "AUX")
                                || s.words.iter().any(|x| {
                                    x.head == ci + 1
                                        && (x.deprel.starts_with("nsubj") || x.deprel == "cop")
                                })
                        }
                        "conj" | "parataxis" => {
                            ci > wi
                                && c.upos == "VERB"
                                && !Self::is_speech_verb(c)
                                && !has_ccomp
                                && own_subject()
                        }
                        _ => false,
                    };
                    if !clause {
                        continue;
                    }
                    let (lo, hi) = subtree_range(&self.children[si], ci);
                    // The subject the parser hung on the speech verb belongs to the clause.
                    let lo = if c.deprel == "ccomp" {
                        lo
                    } else {
                        lo.min(wi + 1)
                    };
                    if speaker.as_ref().is_some_and(|sp| {
                        s.words
                            .get(ci)
                            .is_some_and(|h| h.start >= sp.start && h.end <= sp.end)
                    }) {
                        continue; // a misparsed inverted subject, not a clause
                    }
                    let mut lo = lo;
                    while s.words.get(lo).is_some_and(|w| {
                        w.deprel == "mark" && w.form.eq_ignore_ascii_case("that")
                            || w.upos == "PUNCT"
                    }) && lo < hi
                    {
                        lo += 1;
                    }
                    // Stop the clause before a quotation the verb also governs.
                    let mut hi = hi;
                    while hi > lo
                        && s.words
                            .get(hi)
                            .is_some_and(|w| self.in_quote(w.start) || w.upos == "PUNCT")
                    {
                        hi -= 1;
                    }
                    if hi <= lo {
                        continue;
                    }
                    let (Some(a), Some(b)) = (s.words.get(lo), s.words.get(hi)) else {
                        continue;
                    };
                    if b.end <= a.start {
                        continue;
                    }
                    let Some(verb) = self.attribution_at(si, wi) else {
                        continue;
                    };
                    out.push(ReportedSpeech {
                        speaker: speaker.clone(),
                        verb,
                        clause: Span {
                            start: a.start,
                            end: b.end,
                        },
                        clause_text: self.slice(a.start, b.end).to_string(),
                        sentence_index: si,
                    });
                }
            }
        }
        out
    }
}

/// How much a word (or the name it is part of) stands out as an antecedent: 2 for the subject
/// of the main verb or of a speech verb, 1 for another subject, 0 otherwise.
fn subject_salience(s: &AnalyzedSentence, w: &Word) -> u8 {
    let w = if w.deprel.starts_with("flat") || w.deprel == "compound" {
        head_of(s, w).unwrap_or(w)
    } else {
        w
    };
    if !w.deprel.starts_with("nsubj") {
        return 0;
    }
    match head_of(s, w) {
        Some(v) if v.head == 0 || Doc::is_speech_verb(v) => 2,
        _ => 1,
    }
}

fn head_of<'s>(s: &'s AnalyzedSentence, w: &Word) -> Option<&'s Word> {
    w.head.checked_sub(1).and_then(|h| s.words.get(h))
}

/// Word indices `lo..=hi` of the subtree under word `root`, given each word's dependents.
fn subtree_range(children: &[Vec<usize>], root: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (root, root);
    let mut seen = vec![false; children.len()];
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        // A malformed parse may loop: each word is visited once.
        match seen.get_mut(n) {
            Some(v) if !*v => *v = true,
            _ => continue,
        }
        lo = lo.min(n);
        hi = hi.max(n);
        stack.extend(children.get(n).into_iter().flatten());
    }
    (lo, hi)
}

/// A descriptor without its leading determiner or quantifier.
fn strip_determiner(s: &str) -> &str {
    let t = s.trim();
    if let Some((first, rest)) = t.split_once(char::is_whitespace) {
        if DESCRIPTOR_DETERMINERS.contains(&first.to_lowercase().as_str()) {
            return rest.trim_start();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Vec<String> {
        scan_quotation_marks(text)
            .iter()
            .map(|r| text.get(r.start..r.end).unwrap_or("?").to_string())
            .collect()
    }

    #[test]
    fn straight_and_curly_marks_pair() {
        assert_eq!(
            raw(r#"He said: "We will win." Then "no.""#),
            ["We will win.", "no."]
        );
        assert_eq!(raw("“Yes,” she said, “of course.”"), ["Yes,", "of course."]);
        assert_eq!(raw("« Non », a-t-il dit."), ["Non"]);
    }

    #[test]
    fn curly_marks_the_wrong_way_round_follow_their_place() {
        assert_eq!(raw("“Yes,“ he said. ”No.” she said."), ["Yes,", "No."]);
        // Guillemets the German way round (»…«) pair too.
        assert_eq!(raw("»Ja«, sagte er."), ["Ja"]);
    }

    #[test]
    fn paragraph_reopening_continues_the_quote() {
        let t = "\"We will fight on.\n\n\"And we will win,\" he said.";
        let q = scan_quotation_marks(t);
        assert_eq!(q.len(), 2);
        assert!(q[0].reopened_next && !q[0].closed);
        assert!(q[1].continues_prev && q[1].closed);
        assert_eq!(&t[q[0].start..q[0].end], "We will fight on.");
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_the_text() {
        // A stray opening mark is dropped when another opens.
        assert_eq!(raw(r#"He said "hello. She said "bye" and left."#), ["bye"]);
        // An unclosed quote ends at its paragraph.
        let t = "He said \"we will win.\n\nNext paragraph.";
        assert_eq!(raw(t), ["we will win."]);
        assert!(raw("\"").is_empty());
        assert!(raw("5\" of rain").is_empty());
    }

    #[test]
    fn single_quotes_only_without_double_ones() {
        assert_eq!(raw("'We will win,' he said. Don't."), ["We will win,"]);
        assert_eq!(raw("‘We won’t go,’ she said."), ["We won’t go,"]);
        assert_eq!(
            raw("He said \"it's the Palestinians' turn\"."),
            ["it's the Palestinians' turn"]
        );
    }

    #[test]
    fn title_case_is_a_name() {
        assert!(is_title_case("Red for Ed"));
        assert!(is_title_case("Three Amigos."));
        assert!(is_title_case("Islamic State"));
        assert!(!is_title_case("significant damage"));
        assert!(!is_title_case("We will win the war"));
        assert!(!is_title_case("..."));
    }

    #[test]
    fn determiners_come_off_descriptors() {
        assert_eq!(strip_determiner("one senior official"), "senior official");
        assert_eq!(
            strip_determiner("a spokesman for the ministry"),
            "spokesman for the ministry"
        );
        assert_eq!(strip_determiner("officials"), "officials");
    }
}
