//! The coding stage of one article, end to end: the event coder, then the readers of what
//! else an analyst takes off the page — tolls ([`crate::counts`]), date expressions
//! ([`crate::dates`]), tone ([`crate::tone`]), quotes and their speakers ([`crate::quotes`])
//! — and the links between them: each event gets the date its sentence gives (else the
//! article's, marked as such) and its clause's tone; each count the event it belongs to, its
//! country and its date; each speaker the actor code the coder found at its words (or, for
//! "he said", at the person it stands for).
//!
//! Like a spaCy pipeline over one `Doc`, every component reads the same analysed sentences
//! and the article text their byte offsets point into; this module owns only the order and
//! the links, so each reader stays usable (and testable) on its own.

use chrono::NaiveDate;
use dateline_nlp::pipeline::AnalyzedSentence;

use crate::coder::ActorOccurrence;
use crate::coder::{CodedArticle, Coder, Event};
use crate::counts::{self, Count};
use crate::dates::{self, DateSource};
use crate::ontology::Ontology;
use crate::quotes::{self, Speaker};
use crate::tone::Tone;

/// The event coder plus the article-level readers.
pub struct ArticleCoder {
    coder: Coder,
    tone: &'static Tone,
    /// Run only the event coder (no counts, quotes, dates, tone): `dateline code
    /// --events-only`, and the baseline of the readers' cost in `bench/coder`.
    events_only: bool,
}

impl ArticleCoder {
    pub fn new(coder: Coder) -> ArticleCoder {
        ArticleCoder {
            coder,
            tone: Tone::bundled(),
            events_only: false,
        }
    }

    /// Code events only, without the article-level readers.
    pub fn events_only(mut self, yes: bool) -> ArticleCoder {
        self.events_only = yes;
        self
    }

    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// Code one article: `text` is the article text the sentences' offsets point into,
    /// `date` the article's date (roles are chosen for it, relative dates resolved against it).
    pub fn code(
        &self,
        text: &str,
        sentences: &[AnalyzedSentence],
        date: Option<NaiveDate>,
    ) -> CodedArticle {
        let mut coded = self.coder.code_sentences(sentences, date);
        if coded.discarded.is_some() || self.events_only {
            return coded;
        }
        coded.dates = dates::find_dates(text, sentences, date);
        coded.tone = Some(self.tone.document(sentences));
        for e in &mut coded.events {
            let Some(sentence) = sentences.get(e.sentence_index) else {
                continue;
            };
            date_event(e, &coded.dates, sentence, date);
            e.tone = Some(self.tone.event(sentence, e.trigger_word));
        }
        let said = quotes::extract_quotes(text, sentences);
        coded.quotes = said.quotes;
        coded.reported_speech = said.reported;
        let actors = &coded.actors;
        for speaker in coded
            .quotes
            .iter_mut()
            .filter_map(|q| q.speaker.as_mut())
            .chain(
                coded
                    .reported_speech
                    .iter_mut()
                    .filter_map(|r| r.speaker.as_mut()),
            )
        {
            speaker.code = speaker_code(text, speaker, actors);
        }
        // A person quoted again by surname ("Ban said") is the one coded at the first quote.
        let known: Vec<(String, String)> = coded
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .chain(
                coded
                    .reported_speech
                    .iter()
                    .filter_map(|r| r.speaker.as_ref()),
            )
            .filter_map(|s| Some((s.name.clone(), s.code.clone()?)))
            .collect();
        for speaker in coded
            .quotes
            .iter_mut()
            .filter_map(|q| q.speaker.as_mut())
            .chain(
                coded
                    .reported_speech
                    .iter_mut()
                    .filter_map(|r| r.speaker.as_mut()),
            )
            .filter(|s| s.code.is_none())
        {
            speaker.code = known
                .iter()
                .find(|(name, _)| *name == speaker.name)
                .map(|(_, code)| code.clone());
        }
        let country_of = |phrase: &str| self.country_of(phrase, date);
        coded.counts = counts::extract_counts(text, sentences, &country_of);
        for c in &mut coded.counts {
            link_count(c, &coded.events, &coded.dates, sentences, date);
        }
        coded
    }

    /// The country a word or phrase naming a group stands for ("Palestinians" → PSE,
    /// "Israeli" → ISR), from the actor dictionaries; `None` for words that name no actor
    /// or an actor without a country.
    pub fn country_of(&self, phrase: &str, date: Option<NaiveDate>) -> Option<String> {
        let upper: Vec<String> = phrase.split_whitespace().map(str::to_uppercase).collect();
        let forms: Vec<&str> = upper.iter().map(String::as_str).collect();
        if forms.is_empty() {
            return None;
        }
        let dicts = self.coder.dictionaries();
        let ontology = Ontology::bundled();
        dicts
            .actor_matcher
            .find_longest(&forms)
            .iter()
            .filter_map(|m| dicts.dicts.actors.get(m.payload as usize))
            .filter_map(|entry| entry.code_on(date))
            .find_map(|code| ontology.split_actor_code(code).country)
    }
}

/// An event's date: the date expression that qualifies its trigger in its own sentence,
/// else the article's date.
fn date_event(
    e: &mut Event,
    mentions: &[dates::DateMention],
    sentence: &AnalyzedSentence,
    article_date: Option<NaiveDate>,
) {
    let d = dates::event_date_or_article(mentions, sentence, e.trigger_word, article_date);
    e.date = d.date;
    e.date_precision = e.date.as_ref().map(|_| d.precision);
    e.date_source = match d.source {
        DateSource::Sentence => "sentence",
        DateSource::Article => "article",
    };
    e.date_text = d
        .mention
        .and_then(|i| mentions.get(i))
        .map(|m| m.text.clone());
}

/// A count's event (the coded event whose trigger is the count's event word, else its
/// trigger, in the same sentence) and date (its trigger's, as for an event).
fn link_count(
    c: &mut Count,
    events: &[Event],
    mentions: &[dates::DateMention],
    sentences: &[AnalyzedSentence],
    article_date: Option<NaiveDate>,
) {
    let overlaps = |e: &Event, start: usize, end: usize| {
        std::iter::once(&e.trigger)
            .chain(&e.trigger_words)
            .any(|t| t.start < end && start < t.end)
    };
    let spans = c
        .event
        .iter()
        .chain(std::iter::once(&c.trigger))
        .map(|t| (t.start, t.end))
        .collect::<Vec<_>>();
    c.event_index = spans.iter().find_map(|&(start, end)| {
        events
            .iter()
            .position(|e| e.sentence_index == c.sentence_index && overlaps(e, start, end))
    });
    let Some(sentence) = sentences.get(c.sentence_index) else {
        return;
    };
    let trigger_word = sentence
        .words
        .iter()
        .position(|w| w.start <= c.trigger.start && c.trigger.start < w.end.max(w.start + 1));
    let d = match trigger_word {
        Some(w) => dates::event_date_or_article(mentions, sentence, w, article_date),
        None => dates::event_date_or_article(mentions, sentence, usize::MAX, article_date),
    };
    c.date = d.date;
    c.date_source = c.date.as_ref().map(|_| d.source);
}

/// The actor code of a speaker: the coded actor at the speaker's words, else at the mention
/// it was resolved from ("he" → "Barack Obama"); the longest such mention wins, so "senior
/// State Department official" takes USAGOV rather than a bare role. A name the dictionaries
/// do not know takes the coded title written right before it ("U.N. Secretary-General Ban
/// Ki-moon" → IGOUNO).
fn speaker_code(text: &str, speaker: &Speaker, actors: &[ActorOccurrence]) -> Option<String> {
    let spans: Vec<(usize, usize)> = std::iter::once((speaker.start, speaker.end))
        .chain(speaker.antecedent.map(|a| (a.start, a.end)))
        .collect();
    for &(start, end) in &spans {
        let best = actors
            .iter()
            .filter(|a| a.start < end && start < a.end)
            .max_by_key(|a| (!a.code.starts_with("---"), a.end - a.start));
        if let Some(a) = best {
            return Some(a.code.clone());
        }
    }
    spans.iter().find_map(|&(start, _)| {
        actors
            .iter()
            .filter(|a| a.end <= start && !a.code.starts_with("---"))
            .find(|a| {
                text.get(a.end..start)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace))
            })
            .map(|a| a.code.clone())
    })
}
