//! The event coder: from an article's parsed sentences to CAMEO/PLOVER events.
//!
//! For each sentence: discard phrases are checked (a sentence-level discard drops the
//! sentence, a story-level one the whole article, as in PETRARCH); actor mentions are found
//! with the dictionaries and merged along the parse ([`actors`]); then every verb the verb
//! dictionary knows — and every event noun ("a meeting with", "criticism of", "rocket attacks
//! on") — is coded: its source and target come from the parse (subject and object, the
//! `by`-phrase of a passive, the controller of an infinitive, the noun a participle or a
//! relative clause modifies, coordinated actors one event each), its code from the most
//! specific verb pattern that matches the clause ([`patterns`]), else the verb's own code.
//! Negated events are not coded; an event under a verb of intention or expectation ("is
//! expected to meet") gets CAMEO's "express intent" code (036) instead of the act (04).
//! Pronouns resolve to the last person ("he") or group/country ("it", "its", "they")
//! mentioned before them in the article.

mod actors;
mod dyads;
mod events;
mod fallbacks;
mod patterns;
mod phrase;
mod transform;
mod view;

use chrono::NaiveDate;
use dateline_nlp::pipeline::AnalyzedSentence;
use serde::Serialize;

use crate::dict::discards::Discard;
use crate::dict::CompiledDictionaries;
use crate::ontology::Ontology;
pub(crate) use view::children_of;
use view::SentenceView;

pub use actors::ActorMention;

/// Which events may lack a source or a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DyadRule {
    /// Both sides always (PETRARCH's `require_dyad = True`).
    Always,
    /// Both sides, except for material conflict (QuadClass 4: violence, coercion), where
    /// one known side — the victims of a killing, the author of an attack on an unnamed
    /// target — is already an event an analyst counts. The default for news: a one-sided
    /// statement, meeting or appeal ("he said", "she arrived") carries little and is most
    /// often a misreading.
    ExceptMaterialConflict,
    /// One side is enough (PETRARCH's `require_dyad = False`; GDELT keeps such events).
    Never,
}

/// How the coder behaves; the defaults are for news.
#[derive(Debug, Clone)]
pub struct CoderOptions {
    /// Which events may have only one side.
    pub dyads: DyadRule,
    /// Code event nouns ("a meeting with", "criticism of") besides verbs.
    pub nominal_events: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            dyads: DyadRule::ExceptMaterialConflict,
            nominal_events: true,
        }
    }
}

/// A span of the article: its text and byte offsets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventActor {
    /// CAMEO actor code valid on the article's date (USAGOV, ISRMIL, IGOUNO).
    pub code: String,
    /// The words of the mention in the sentence (for a pronoun: the pronoun).
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The entity type of the mention when the entity tagger found one there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// For a pronoun: the earlier mention it was resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<TextSpan>,
}

/// Where an event happened: a resolved place of its sentence (or the article's dateline).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventLocation {
    pub name: String,
    /// ISO-3 country code.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// `sentence` (a place of the event's own sentence), `dateline`, or — for an actor's
    /// place — `actor` (the actor's own words, or those of the mention a pronoun stands
    /// for, name the place: "Turkey condemned").
    pub source: &'static str,
    /// Index of the place in the article's `places`, when it is one of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_index: Option<usize>,
}

/// The dictionary rule that gave an event its code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleRef {
    /// `pattern`, `verb` (the verb's own code) or `noun` (an event noun's verb).
    pub kind: &'static str,
    /// The dictionary file and line of the pattern or verb.
    pub dictionary: String,
    pub line: u32,
    /// The verb block, e.g. `MEET`.
    pub verb: String,
}

/// PLOVER view of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverEvent {
    pub event: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// One coded event with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub source: Option<EventActor>,
    pub target: Option<EventActor>,
    /// CAMEO event code ("042").
    pub cameo: String,
    pub root_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    pub plover: Option<PloverEvent>,
    /// `asserted`, or `intent` when the act is only intended or expected.
    pub mood: &'static str,
    /// The event's date (ISO), and where it came from (`article` until sentence dates are
    /// resolved).
    pub date: Option<String>,
    pub date_source: &'static str,
    /// How precise `date` is (`day` for the article's date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<crate::dates::DatePrecision>,
    /// The date expression of the sentence that gave `date`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// Where the event happened, when its sentence or the article says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<EventLocation>,
    /// Where the source actor was (GDELT's Actor1Geo): the place written nearest to its
    /// mention in the sentence, else the place its mention is (see
    /// `article::actor_location`); `source` says which (`sentence` or `actor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_location: Option<EventLocation>,
    /// Where the target actor was (GDELT's Actor2Geo), by the same rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_location: Option<EventLocation>,
    /// Polarity of the trigger's clause, −1 (hostile) … +1 (friendly), from the tone
    /// lexicon (VADER's compound score): the counterpart of a per-event GDELT tone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<f32>,
    /// 0-based index of the sentence in the article.
    pub sentence_index: usize,
    pub sentence: String,
    /// The verb or event noun, with the pattern words that selected the code.
    pub trigger: TextSpan,
    pub trigger_words: Vec<TextSpan>,
    pub rule: RuleRef,
    /// 0–1: how much of the reading the dictionaries and the parse support.
    pub confidence: f32,
    /// Issue codes found in the event's sentence (PETRARCH's per-event `issues`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// The trigger's word index in its sentence (for the coder's own bookkeeping).
    #[serde(skip)]
    pub(crate) trigger_word: usize,
}

/// An issue phrase of the Phoenix issue list found in a sentence (PETRARCH's `issues`
/// output: topics such as `NAMED_TERROR_GROUP`, `CEASEFIRE`, `REFUGEES`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueMention {
    pub code: String,
    pub category: String,
    pub sentence_index: usize,
    /// The matched words and their byte offsets in the article.
    pub text: TextSpan,
}

/// Everything the coder found in one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CodedArticle {
    pub events: Vec<Event>,
    /// Issue phrases, in article order; each event also lists the codes of its sentence.
    pub issues: Vec<IssueMention>,
    /// Set when a story-level discard phrase matched (sports, entertainment, …): nothing is coded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discarded: Option<String>,
    /// Sentences dropped by a sentence-level discard phrase.
    pub discarded_sentences: Vec<DiscardedSentence>,
    /// Every actor the dictionaries (and the text's own roles and aliases) found, in article
    /// order, whether or not it takes part in an event: the article's cast, and what
    /// speakers and counted groups are coded with.
    pub actors: Vec<ActorOccurrence>,
    /// Tolls and crowd sizes (filled by [`crate::article::ArticleCoder`]).
    pub counts: Vec<crate::counts::Count>,
    /// Direct and partial quotes with their speakers (and the speakers' actor codes).
    pub quotes: Vec<crate::quotes::Quote>,
    /// Indirect speech (`X said (that) …`): flagged, not quoted.
    pub reported_speech: Vec<crate::quotes::ReportedSpeech>,
    /// Date expressions resolved against the article's date.
    pub dates: Vec<crate::dates::DateMention>,
    /// Place mentions resolved to the gazetteer (GeoNames id, ISO-3 country, coordinates).
    pub places: Vec<crate::places::Place>,
    /// The article's tone on GDELT's scale (positive % − negative % of words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<crate::tone::DocumentTone>,
}

/// One mention of a coded actor in the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorOccurrence {
    /// CAMEO actor code valid on the article's date.
    pub code: String,
    pub text: String,
    /// Byte offsets in the article.
    pub start: usize,
    pub end: usize,
    pub sentence_index: usize,
    /// Whether the mention names a person (a pronoun "he"/"she" can refer to it).
    pub person: bool,
}

/// A sentence a discard phrase dropped, and the phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscardedSentence {
    pub sentence_index: usize,
    pub phrase: String,
}

/// The coder: compiled dictionaries, the ontology and options. Cheap to share across threads.
pub struct Coder {
    dicts: CompiledDictionaries,
    ontology: &'static Ontology,
    options: CoderOptions,
}

impl Coder {
    pub fn new(dicts: CompiledDictionaries, options: CoderOptions) -> Coder {
        Coder {
            dicts,
            ontology: Ontology::bundled(),
            options,
        }
    }

    pub fn dictionaries(&self) -> &CompiledDictionaries {
        &self.dicts
    }

    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// Code an article's analysed sentences; `date` is the article's date (actors' roles are
    /// chosen for it and events default to it).
    pub fn code_sentences(
        &self,
        sentences: &[AnalyzedSentence],
        date: Option<NaiveDate>,
    ) -> CodedArticle {
        self.code_sentences_with(sentences, date, &self.options)
    }

    /// [`Coder::code_sentences`] with other options (a validation suite switches
    /// `require_dyad` per record).
    pub fn code_sentences_with(
        &self,
        sentences: &[AnalyzedSentence],
        date: Option<NaiveDate>,
        options: &CoderOptions,
    ) -> CodedArticle {
        let mut out = CodedArticle::default();
        let views: Vec<SentenceView<'_>> = sentences.iter().map(SentenceView::new).collect();
        // The discard phrases of every sentence, matched once. A story-level one drops the
        // article; a sentence-level one its sentence.
        let discards: Vec<Option<&Discard>> = views
            .iter()
            .map(|view| {
                self.dicts
                    .discard_matcher
                    .find_all(&view.forms())
                    .iter()
                    .filter_map(|m| self.dicts.dicts.discards.get(m.payload as usize))
                    .max_by_key(|d| d.story)
            })
            .collect();
        if let Some(story) = discards.iter().flatten().find(|d| d.story) {
            out.discarded = Some(story.phrase.words.join(" "));
            return out;
        }
        let mut coref = events::CorefState::default();
        for (index, view) in views.iter().enumerate() {
            if let Some(d) = discards.get(index).copied().flatten() {
                out.discarded_sentences.push(DiscardedSentence {
                    sentence_index: index,
                    phrase: d.phrase.words.join(" "),
                });
                continue;
            }
            let mut mentions = actors::find_mentions(view, &self.dicts, date);
            // "CAIRO (AP) — …": the dateline names where the story was filed, not an actor.
            let dateline = dateline_end(view);
            mentions.retain(|m| m.start >= dateline);
            coref.learn_aliases(view, &mentions);
            coref.alias_mentions(view, &mut mentions);
            out.actors.extend(mentions.iter().filter_map(|m| {
                if m.code.is_empty() {
                    return None;
                }
                let span = view.words_span(m.start, m.end)?;
                Some(ActorOccurrence {
                    code: m.code.clone(),
                    text: span.text,
                    start: span.start,
                    end: span.end,
                    sentence_index: index,
                    person: m.person,
                })
            }));
            let issues = self.issues_of(view, index);
            let mut found =
                events::code_sentence(self, options, view, &mentions, &mut coref, index, date);
            dedup(&mut found);
            let codes: Vec<String> = {
                let mut c: Vec<String> = issues.iter().map(|i| i.code.clone()).collect();
                c.sort();
                c.dedup();
                c
            };
            for e in &mut found {
                e.issues = codes.clone();
            }
            out.issues.extend(issues);
            out.events.extend(found);
            coref.remember(view, &mentions);
        }
        out
    }
}

impl Coder {
    /// Issue phrases of one sentence. PETRARCH's `~` lines (phrases that cancel an issue
    /// match) have the code `~`/`~~` and are not reported.
    fn issues_of(&self, view: &SentenceView<'_>, index: usize) -> Vec<IssueMention> {
        let forms = view.forms();
        let mut out = Vec::new();
        for m in self.dicts.issue_matcher.find_longest(&forms) {
            let Some(entry) = self.dicts.dicts.issues.get(m.payload as usize) else {
                continue;
            };
            if entry.code.starts_with('~') {
                continue;
            }
            // Noun-only entries (`n:`) do not match verbs ("protest" the verb).
            if entry.noun_only && (m.start..m.end).any(|w| view.upos(w) == "VERB") {
                continue;
            }
            let Some(text) = view.words_span(m.start, m.end) else {
                continue;
            };
            out.push(IssueMention {
                code: entry.code.clone(),
                category: entry.category.clone(),
                sentence_index: index,
                text,
            });
        }
        out
    }
}

/// The words of a wire dateline at the start of a sentence ("CAIRO (AP) —", "JUBA, South
/// Sudan (Reuters) -"): up to the dash, when what precedes it is an upper-case place name
/// with an optional region and agency in parentheses. 0 when there is none.
fn dateline_end(view: &SentenceView<'_>) -> usize {
    let words = &view.sentence.words;
    let Some(dash) = words
        .iter()
        .take(12)
        .position(|w| matches!(w.form.as_str(), "—" | "–" | "--" | "-"))
    else {
        return 0;
    };
    if dash == 0 {
        return 0;
    }
    let first = &words[0].form;
    let upper_place = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let has_agency = words[..dash].iter().any(|w| w.form == "(");
    if upper_place || has_agency {
        dash + 1
    } else {
        0
    }
}

/// One event per (source, target, code) and sentence: the most confident reading.
fn dedup(events: &mut Vec<Event>) {
    let key = |e: &Event| {
        (
            e.source.as_ref().map(|a| a.code.clone()),
            e.target.as_ref().map(|a| a.code.clone()),
            e.cameo.clone(),
        )
    };
    let mut kept: Vec<Event> = Vec::new();
    for e in events.drain(..) {
        match kept.iter_mut().find(|k| key(k) == key(&e)) {
            Some(k) => {
                if e.confidence > k.confidence {
                    *k = e;
                }
            }
            None => kept.push(e),
        }
    }
    *events = kept;
}
