//! The coding stage of one article, end to end: the event coder, then the readers of what
//! else an analyst takes off the page — tolls ([`crate::counts`]), date expressions
//! ([`crate::dates`]), places ([`crate::places`]), tone ([`crate::tone`]), quotes and their
//! speakers ([`crate::quotes`]) — and the links between them: each event gets the date its
//! sentence gives (else the article's, marked as such), the place its sentence names (else
//! the dateline's), for each of its actors the place written nearest to it (GDELT's
//! Actor1Geo/Actor2Geo) and its clause's tone; each count the event it belongs to, its
//! country, date and place; each speaker the actor code the coder found at its words (or,
//! for "he said", at the person it stands for).
//!
//! Like a spaCy pipeline over one `Doc`, every component reads the same analysed sentences
//! and the article text their byte offsets point into; this module owns only the order and
//! the links, so each reader stays usable (and testable) on its own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use dateline_nlp::pipeline::AnalyzedSentence;
use serde::Serialize;

use crate::coder::ActorOccurrence;
use crate::coder::{CodedArticle, Coder, Event};
use crate::coder::{EventActor, EventLocation};
use crate::counts::{self, Count};
use crate::dates::{self, DateSource};
use crate::ontology::Ontology;
use crate::places::gazetteer::GazetteerError;
use crate::places::{self, demonym_country, Geocoder, MentionSource, Place, PlaceHints, PlaceKind};
use crate::quotes::{self, Quote, ReportedSpeech, Speaker};
use crate::tone::Tone;

/// The event coder plus the article-level readers.
pub struct ArticleCoder {
    coder: Coder,
    tone: &'static Tone,
    geocoder: Geocoder,
    /// Run only the event coder (no counts, quotes, dates, tone): `dateline code
    /// --events-only`, and the baseline of the readers' cost in `bench/coder`.
    events_only: bool,
    clock: StageClock,
}

/// Time spent in each part of [`ArticleCoder::code`], summed over every article coded (and
/// every thread): measured side by side in one run, the readers' share of the pipeline does
/// not depend on how busy the machine is (`dateline code --timings`).
#[derive(Debug, Default)]
struct StageClock {
    events_ns: AtomicU64,
    readers_ns: AtomicU64,
}

/// Time spent coding events and running the article readers, summed over articles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StageTimes {
    pub events_seconds: f64,
    pub readers_seconds: f64,
}

impl ArticleCoder {
    /// The coder with the bundled tone lexicon and gazetteer; fails only if the bundled
    /// gazetteer is unreadable (a broken build).
    pub fn new(coder: Coder) -> Result<ArticleCoder, GazetteerError> {
        Ok(ArticleCoder {
            coder,
            tone: Tone::bundled(),
            geocoder: Geocoder::bundled()?,
            events_only: false,
            clock: StageClock::default(),
        })
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
        let started = Instant::now();
        let mut coded = self.coder.code_sentences(sentences, date);
        let coded_at = Instant::now();
        add_elapsed(&self.clock.events_ns, started, coded_at);
        if coded.discarded.is_some() || self.events_only {
            return coded;
        }
        self.read(text, sentences, date, &mut coded);
        add_elapsed(&self.clock.readers_ns, coded_at, Instant::now());
        coded
    }

    /// Time spent so far coding events and running the readers (all articles, all threads).
    pub fn times(&self) -> StageTimes {
        let secs = |ns: &AtomicU64| ns.load(Ordering::Relaxed) as f64 / 1e9;
        StageTimes {
            events_seconds: secs(&self.clock.events_ns),
            readers_seconds: secs(&self.clock.readers_ns),
        }
    }

    /// The article readers and their links to the events.
    fn read(
        &self,
        text: &str,
        sentences: &[AnalyzedSentence],
        date: Option<NaiveDate>,
        coded: &mut CodedArticle,
    ) {
        coded.dates = dates::find_dates(text, sentences, date);
        coded.places = self
            .geocoder
            .resolve_article(text, sentences, &self.hints(coded));
        // The dateline's place ("CAIRO (AP) —"), however the geocoder found it.
        let dateline_span = places::find_dateline(text);
        let dateline = coded.places.iter().position(|p| {
            p.source == MentionSource::Dateline
                || dateline_span.is_some_and(|(start, end)| p.start < end && start < p.end)
        });
        coded.tone = Some(self.tone.document(sentences));
        let sides: Vec<(usize, Option<EventActor>, Option<EventActor>)> = coded
            .events
            .iter()
            .map(|e| (e.sentence_index, e.source.clone(), e.target.clone()))
            .collect();
        for e in &mut coded.events {
            let Some(sentence) = sentences.get(e.sentence_index) else {
                continue;
            };
            date_event(e, &coded.dates, sentence, date);
            e.location = location(
                &coded.places,
                e.sentence_index,
                dateline,
                Some(e),
                &sides,
                sentence,
            );
            (e.source_location, e.target_location) =
                actor_locations(&coded.places, dateline, &sides, e);
            e.tone = Some(self.tone.event(sentence, e.trigger_word));
        }
        let said = quotes::extract_quotes(text, sentences);
        coded.quotes = said.quotes;
        coded.reported_speech = said.reported;
        for speaker in speakers_mut(&mut coded.quotes, &mut coded.reported_speech) {
            speaker.code = speaker_code(text, speaker, &coded.actors);
        }
        // A person quoted again by surname ("Ban said") is the one coded at the first quote.
        let known: Vec<(String, String)> =
            speakers_mut(&mut coded.quotes, &mut coded.reported_speech)
                .filter_map(|s| Some((s.name.clone(), s.code.clone()?)))
                .collect();
        for speaker in
            speakers_mut(&mut coded.quotes, &mut coded.reported_speech).filter(|s| s.code.is_none())
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
            c.location = sentences.get(c.sentence_index).and_then(|sentence| {
                location(
                    &coded.places,
                    c.sentence_index,
                    dateline,
                    None,
                    &[],
                    sentence,
                )
            });
        }
    }

    /// What the geocoder may use from the coder: the countries (ISO-3) of the article's
    /// actors, which tell "Alexandria" in a story about Egypt from the one in Virginia.
    fn hints(&self, coded: &CodedArticle) -> PlaceHints {
        let ontology = Ontology::bundled();
        let mut countries: Vec<String> = Vec::new();
        for a in &coded.actors {
            let Some(country) = ontology.split_actor_code(&a.code).country else {
                continue;
            };
            let iso3 = ontology.iso3(&country).unwrap_or(&country).to_string();
            if !countries.contains(&iso3) {
                countries.push(iso3);
            }
        }
        PlaceHints {
            dateline: None,
            actor_countries: countries,
        }
    }

    /// The country a word or phrase naming a group stands for ("Palestinians" → PSE,
    /// "Israeli" → ISR): from the actor dictionaries, else the demonym table; `None` for
    /// words that name no actor or an actor without a country.
    pub fn country_of(&self, phrase: &str, date: Option<NaiveDate>) -> Option<String> {
        self.dictionary_country(phrase, date).or_else(|| {
            let words: Vec<&str> = phrase.split_whitespace().collect();
            (words.len() == 1)
                .then(|| demonym_country(words[0]))
                .flatten()
                .map(str::to_string)
        })
    }

    fn dictionary_country(&self, phrase: &str, date: Option<NaiveDate>) -> Option<String> {
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
    // No word at the trigger: no date expression qualifies it, so the article's date.
    let d = dates::event_date_or_article(
        mentions,
        sentence,
        trigger_word.unwrap_or(usize::MAX),
        article_date,
    );
    c.date = d.date;
    c.date_source = c.date.as_ref().map(|_| d.source);
}

/// The speakers of the article's quotes, then of its reported speech.
fn speakers_mut<'a>(
    quotes: &'a mut [Quote],
    reported: &'a mut [ReportedSpeech],
) -> impl Iterator<Item = &'a mut Speaker> {
    quotes
        .iter_mut()
        .filter_map(|q| q.speaker.as_mut())
        .chain(reported.iter_mut().filter_map(|r| r.speaker.as_mut()))
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

/// Where something its sentence reports happened: the most specific place the sentence
/// names ("Kerry flew to Cairo" → Cairo), else the article's dateline. Places that are the
/// event's own actors are passed over where they say who acted, not where: the source
/// ("Turkey condemned Israel" did not happen in Turkey), and a target country of a verbal
/// act (nor in Israel); a material act happens at its target ("fired rockets into Israel",
/// "visited Cairo").
fn location(
    places: &[Place],
    sentence_index: usize,
    dateline: Option<usize>,
    event: Option<&Event>,
    sides: &[(usize, Option<EventActor>, Option<EventActor>)],
    sentence: &AnalyzedSentence,
) -> Option<EventLocation> {
    let overlaps =
        |p: &Place, a: Option<&EventActor>| a.is_some_and(|a| a.start < p.end && p.start < a.end);
    // The actors of every event of the sentence: "Turkey and Qatar condemned Israel" gives
    // two events, and neither happened in the other's country either.
    let usable = |p: &Place| {
        let material = event.is_some_and(|e| matches!(e.quad_class, Some(2) | Some(4)));
        event.is_none()
            || sides
                .iter()
                .filter(|(i, ..)| *i == sentence_index)
                .all(|(_, source, target)| {
                    !overlaps(p, source.as_ref())
                        && (material
                            || p.resolved.kind == PlaceKind::City
                            || !overlaps(p, target.as_ref()))
                })
    };
    let (index, source) = match places::sentence_location_where(places, sentence_index, |p| {
        usable(p) && (event.is_none() || is_locative(sentence, p))
    }) {
        Some(index) => (index, "sentence"),
        None => (dateline?, "dateline"),
    };
    located(places, index, source)
}

/// Whether a place is written as where something happened — a prepositional phrase ("in
/// Cairo", "into the Gaza Strip", "flew to Cairo") — rather than as an actor ("Iran
/// condemned", "accused Washington", "the U.S. secretary of state").
fn is_locative(sentence: &AnalyzedSentence, place: &Place) -> bool {
    let words = &sentence.words;
    let inside = |w: &dateline_nlp::pipeline::Word| w.start >= place.start && w.end <= place.end;
    words
        .iter()
        .filter(|w| inside(w))
        .find(|w| {
            // The phrase's head: its own head lies outside the place's words.
            w.head == 0 || !matches!(words.get(w.head - 1), Some(h) if inside(h))
        })
        .is_some_and(|head| {
            let rel = head.deprel.as_str();
            rel.starts_with("obl") || (rel.starts_with("nmod") && rel != "nmod:poss")
        })
}

/// Where each side of an event was: GDELT's Actor1Geo and Actor2Geo. GDELT 2.0's event
/// codebook ("Event geography") gives an actor the location found for it in the article,
/// which "may not always match" its country code — the President of Russia visiting
/// Washington is located in Washington — and leaves the fields blank when no match is
/// found; GDELT 1.0's codebook describes the match as the place reference closest to the
/// actor's mention. So, for each side:
///
/// 1. the resolved place written nearest to the actor's mention in the event's sentence —
///    the actor's own words when they name one ("Turkey", "Syria's army"), else the
///    nearest other place; places that are the words of another actor of the sentence's
///    events are passed over (they say who the other actor is, not where this one was:
///    "the U.N. urged Iran and Saudi Arabia" does not put the U.N. in Saudi Arabia), and
///    so is the dateline (where the reporter filed from); ties go to the more specific
///    place;
/// 2. else, for a pronoun, the place the mention it stands for names ("It condemned…" after
///    "Turkey…");
/// 3. else none. The actor code's country is not used: the codebook separates the two and
///    prefers an empty field to a guess.
fn actor_locations(
    places: &[Place],
    dateline: Option<usize>,
    sides: &[(usize, Option<EventActor>, Option<EventActor>)],
    event: &Event,
) -> (Option<EventLocation>, Option<EventLocation>) {
    // Every actor of the sentence's events: "Turkey and Qatar condemned Israel" is two
    // events, and Qatar is no more where Turkey was than Israel is.
    let actors: Vec<&EventActor> = sides
        .iter()
        .filter(|(i, ..)| *i == event.sentence_index)
        .flat_map(|(_, source, target)| [source.as_ref(), target.as_ref()])
        .flatten()
        .collect();
    let side = |actor: Option<&EventActor>| {
        actor_location(places, dateline, event.sentence_index, actor?, &actors)
    };
    (side(event.source.as_ref()), side(event.target.as_ref()))
}

/// One side of [`actor_locations`].
fn actor_location(
    places: &[Place],
    dateline: Option<usize>,
    sentence_index: usize,
    actor: &EventActor,
    actors: &[&EventActor],
) -> Option<EventLocation> {
    let overlaps = |p: &Place, start: usize, end: usize| p.start < end && start < p.end;
    // Bytes between the place and the mention; 0 when they overlap.
    let gap = |p: &Place| {
        if overlaps(p, actor.start, actor.end) {
            0
        } else if p.end <= actor.start {
            actor.start - p.end
        } else {
            p.start.saturating_sub(actor.end)
        }
    };
    let specificity = |p: &Place| match p.resolved.kind {
        PlaceKind::City => 0,
        PlaceKind::Region => 1,
        PlaceKind::Admin1 => 2,
        PlaceKind::Country => 3,
    };
    let nearest = places
        .iter()
        .enumerate()
        .filter(|&(index, p)| {
            p.sentence_index == sentence_index
                && Some(index) != dateline
                && p.source != MentionSource::Dateline
                && (overlaps(p, actor.start, actor.end)
                    || !actors.iter().any(|o| overlaps(p, o.start, o.end)))
        })
        .min_by_key(|(_, p)| (gap(p), specificity(p), p.start))
        .map(|(index, p)| {
            let own = overlaps(p, actor.start, actor.end);
            (index, if own { "actor" } else { "sentence" })
        });
    let (index, source) = nearest.or_else(|| {
        let antecedent = actor.antecedent.as_ref()?;
        places
            .iter()
            .enumerate()
            .filter(|&(index, p)| {
                Some(index) != dateline
                    && p.source != MentionSource::Dateline
                    && overlaps(p, antecedent.start, antecedent.end)
            })
            .min_by_key(|(_, p)| (specificity(p), p.start))
            .map(|(index, _)| (index, "actor"))
    })?;
    located(places, index, source)
}

/// The article's place `index` as a location, `source` saying how it was chosen.
fn located(places: &[Place], index: usize, source: &'static str) -> Option<EventLocation> {
    let p = places.get(index)?;
    Some(EventLocation {
        name: p.resolved.resolved_name.clone(),
        country: Some(p.resolved.country.clone()),
        lat: Some(p.resolved.lat),
        lon: Some(p.resolved.lon),
        geonameid: p.resolved.geonameid,
        source,
        place_index: Some(index),
    })
}

fn add_elapsed(counter: &AtomicU64, from: Instant, to: Instant) {
    let ns = u64::try_from(to.saturating_duration_since(from).as_nanos()).unwrap_or(u64::MAX);
    counter.fetch_add(ns, Ordering::Relaxed);
}
