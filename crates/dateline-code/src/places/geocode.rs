//! The geocoder: finds an article's place mentions and resolves each to a gazetteer entry —
//! GeoNames id, ISO-3 country, first-level division and coordinates — using the article's
//! context rather than population alone.
//!
//! **Reads** the article text, its analysed sentences (words with their part of speech and
//! byte offsets, and the entity tagger's entities) and [`PlaceHints`] (the dateline place
//! and the countries of the actors the coder found, filled by the caller).
//!
//! **Mentions** are (1) the entity tagger's PLACE entities, searched for the longest
//! gazetteer names starting inside them — a name may run on past the entity's end, which
//! the tagger often cuts short ("the Gaza | Strip", "Port-au-Prince") — skipping a name
//! inside a longer capitalised one ("South" in "South Lawn", "Aden" in "Gulf of Aden")
//! unless it is a country or region; (2) capitalised runs that are a gazetteer name as a
//! whole, outside PLACE entities. Those guard against person names and common words: with
//! no entity, every word must be tagged PROPN and the run must not continue into a
//! neighbouring capitalised proper noun ("John Kerry", "Cairo University"), a country name
//! excepted; a run overlapping a PERSON or ORGANIZATION entity must cover it whole and be a
//! country or region ("Britain", "the Golan Heights", which the tagger mistypes), a national
//! capital ("Washington said"), or follow a locative ("fighting around Lashkar Gah"); the
//! tail of "University of Cambridge" is a place too. Months, compass words, "White House"
//! and the like are never mentions ([`NEVER_PLACES`]); common words and names that are also
//! GeoNames names ("Man", "Kerry", "Nice") are not, unless the tagger marked them as places
//! ([`NOT_PLACES`]).
//!
//! **Disambiguation** scores each candidate entry (log-scale, additive):
//! - prior: 0.5·log10(population) plus a kind bonus (country 3, capital 1.5, seat of a
//!   division 0.6, curated region 4.5 in total, division 1.5), −1.5 for an alternate name
//!   (a GeoNames alternate rather than the entry's own name), and −2 for a division that
//!   shares its name with a city of 300,000 people or more or with a city inside it
//!   ("New York", "Baghdad", "Kherson": news means the city);
//! - the comma qualifier: "Paris, Texas", "Tripoli, Lebanon", "Alexandria, Va." — +8 when
//!   the candidate lies in the qualifying division or country, −8 when it does not;
//! - a cue word: "Washington state", "the state of Georgia", "Idlib province" favour
//!   divisions and regions (+3);
//! - the dateline (+1.5 same country, +1 within 300 km), the actors' countries (+1), the
//!   countries named by demonyms in the article ("Israeli", "Egyptian": +1);
//! - the article's other places, from a first pass: +1.5 when another mention resolved to
//!   the same country, +0.5 when to a neighbouring country, +1 when another non-country
//!   mention lies within 300 km.
//! - A small town (under 100,000 people, not a capital or seat) in a country the article
//!   neither names nor borders is dropped rather than reported: it is usually the namesake
//!   of a village the gazetteer lacks (the "U.S. in Canada" failure of other geocoders).
//! - "Washington" with no qualifier or cue is the US capital (the government in news
//!   usage): +3.
//!
//! The winner's confidence is the logistic of its margin over the best candidate that is
//! another place (not the same name's division or region within 50 km), 0.9 when the name
//! has one entry, times 0.85 for mentions the entity tagger did not find.
//!
//! **Output**: one [`Place`] per mention, in text order, with the mention's byte offsets
//! and sentence index; [`sentence_location`] picks the place an event in a sentence
//! happened at.
//!
//! **Known limits**: places below 15,000 people are not in the gazetteer (villages, camps,
//! neighbourhoods, airfields, dams); continents, seas and supra-national regions ("Middle
//! East", "the Gulf") have no single country and are not resolved; a country used as an
//! actor ("Israel said") is still a place mention (the caller decides); metonyms other than
//! "Washington" are not recognised; a nested place ("a village near Aleppo") resolves to the
//! named place; the entity tagger's misses and mistypes of small towns are not recovered
//! without a locative ("defended Kobani"). The weights were set by hand on the issue's
//! ambiguous cases, not fitted.

use std::collections::{HashMap, HashSet};

use dateline_nlp::ner::EntityType;
use dateline_nlp::pipeline::{AnalyzedSentence, Word};
use serde::Serialize;

use super::demonyms::demonym_country;
use super::gazetteer::{
    distance_km, normalize, Entry, EntryId, Gazetteer, GazetteerError, NameHit, PlaceKind,
};

/// What the article knows about where it is, filled by the caller.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlaceHints {
    /// The dateline place as written ("CAIRO", "GAZA CITY, Gaza Strip"). When `None`, the
    /// geocoder looks for one at the start of the text ([`find_dateline`]).
    pub dateline: Option<String>,
    /// ISO-3 codes of the countries of the actors the coder found.
    pub actor_countries: Vec<String>,
}

/// Where a mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionSource {
    /// A PLACE (or a country/capital ORGANIZATION) entity of the entity tagger.
    Entity,
    /// A capitalised gazetteer name the tagger missed.
    Gazetteer,
    /// The article's dateline.
    Dateline,
}

/// A gazetteer entry a name resolved to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedPlace {
    /// The gazetteer's name for it ("Khan Yunis" for "Khan Younis").
    pub resolved_name: String,
    /// The GeoNames id (countries, divisions and cities; `None` for dateline's regions).
    pub geonameid: Option<u32>,
    pub kind: PlaceKind,
    /// ISO-3 country code.
    pub country: String,
    /// The first-level division's name, when known.
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// One resolved place mention with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// The mention as written.
    pub name: String,
    #[serde(flatten)]
    pub resolved: ResolvedPlace,
    /// Index of the sentence in the analysed sentences.
    pub sentence_index: usize,
    /// Byte offsets of the mention in the article text.
    pub start: usize,
    pub end: usize,
    /// 0–1: how clearly this entry beat the other entries of the same name.
    pub confidence: f64,
    pub source: MentionSource,
}

/// Words and phrases that are GeoNames names (or contain one) but in news are not a place
/// to put on a map, even when the entity tagger marks them as places: months (Islamic ones
/// too: "Ramadan" is also a Saudi town) and weekdays,
/// compass words, institutions named after their building ("White House", "Kremlin"), and
/// groups ("Hamas", "NATO").
pub const NEVER_PLACES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "ramadan",
    "muharram",
    "shawwal",
    "eid",
    "white house",
    "pentagon",
    "capitol",
    "kremlin",
    "south",
    "north",
    "east",
    "west",
    "central",
    "centre",
    "center",
    "middle east",
    "state",
    "city",
    "hamas",
    "hezbollah",
    "taliban",
    "isis",
    "isil",
    "islamic state",
    "al qaeda",
    "un",
    "u.n.",
    "eu",
    "nato",
];

/// Capitalised words that are GeoNames names but in running text are nearly always
/// something else (common words, titles, given names and surnames a sentence-initial capital
/// or a PROPN tag can make look like a place). Checked only for mentions the entity tagger
/// did not mark as places: "Nice", "Van" or "Florence" tagged PLACE are kept.
pub const NOT_PLACES: &[&str] = &[
    "of",
    "man",
    "ban",
    "kerry",
    "obama",
    "said",
    "mobile",
    "nice",
    "reading",
    "bath",
    "split",
    "van",
    "most",
    "police",
    "union",
    "independence",
    "hope",
    "liberty",
    "university",
    "president",
    "minister",
    "general",
    "god",
    "allah",
    "christ",
    "mission",
    "progress",
    "victoria",
    "florence",
    "aurora",
    "marina",
    "providence",
    "concord",
    "enterprise",
    "garland",
    "orange",
    "temple",
    "troy",
    "sale",
    "deal",
];

/// AP-style and postal abbreviations of US states, as a comma qualifier ("Alexandria,
/// Va."): abbreviation → GeoNames admin1 code.
const US_STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("ala.", "AL"),
    ("ariz.", "AZ"),
    ("ark.", "AR"),
    ("calif.", "CA"),
    ("colo.", "CO"),
    ("conn.", "CT"),
    ("del.", "DE"),
    ("fla.", "FL"),
    ("ga.", "GA"),
    ("ill.", "IL"),
    ("ind.", "IN"),
    ("kan.", "KS"),
    ("ky.", "KY"),
    ("la.", "LA"),
    ("md.", "MD"),
    ("mass.", "MA"),
    ("mich.", "MI"),
    ("minn.", "MN"),
    ("miss.", "MS"),
    ("mo.", "MO"),
    ("mont.", "MT"),
    ("neb.", "NE"),
    ("nev.", "NV"),
    ("n.h.", "NH"),
    ("n.j.", "NJ"),
    ("n.m.", "NM"),
    ("n.y.", "NY"),
    ("n.c.", "NC"),
    ("n.d.", "ND"),
    ("okla.", "OK"),
    ("ore.", "OR"),
    ("pa.", "PA"),
    ("r.i.", "RI"),
    ("s.c.", "SC"),
    ("s.d.", "SD"),
    ("tenn.", "TN"),
    ("tex.", "TX"),
    ("vt.", "VT"),
    ("va.", "VA"),
    ("wash.", "WA"),
    ("w.va.", "WV"),
    ("wis.", "WI"),
    ("wyo.", "WY"),
    ("d.c.", "DC"),
    ("dc", "DC"),
    ("al", "AL"),
    ("ak", "AK"),
    ("az", "AZ"),
    ("ar", "AR"),
    ("ca", "CA"),
    ("co", "CO"),
    ("ct", "CT"),
    ("de", "DE"),
    ("fl", "FL"),
    ("ga", "GA"),
    ("hi", "HI"),
    ("ia", "IA"),
    ("id", "ID"),
    ("il", "IL"),
    ("in", "IN"),
    ("ks", "KS"),
    ("ky", "KY"),
    ("ma", "MA"),
    ("md", "MD"),
    ("me", "ME"),
    ("mi", "MI"),
    ("mn", "MN"),
    ("mo", "MO"),
    ("ms", "MS"),
    ("mt", "MT"),
    ("nc", "NC"),
    ("nd", "ND"),
    ("ne", "NE"),
    ("nh", "NH"),
    ("nj", "NJ"),
    ("nm", "NM"),
    ("nv", "NV"),
    ("ny", "NY"),
    ("oh", "OH"),
    ("ok", "OK"),
    ("or", "OR"),
    ("pa", "PA"),
    ("ri", "RI"),
    ("sc", "SC"),
    ("sd", "SD"),
    ("tn", "TN"),
    ("tx", "TX"),
    ("ut", "UT"),
    ("va", "VA"),
    ("vt", "VT"),
    ("wa", "WA"),
    ("wi", "WI"),
    ("wv", "WV"),
    ("wy", "WY"),
];

/// How many distinct resolved places of the article the second pass looks at.
const MAX_CONTEXT_PLACES: usize = 256;

/// Words right after a name that say it is a division or region ("Idlib province").
const DIVISION_CUES_AFTER: &[&str] = &[
    "state",
    "province",
    "governorate",
    "region",
    "county",
    "district",
    "oblast",
    "prefecture",
];

/// How much a candidate must be favoured to override the prior, by signal (see the module
/// documentation).
mod weight {
    pub const POPULATION: f64 = 0.5;
    pub const COUNTRY: f64 = 3.0;
    pub const CAPITAL: f64 = 1.5;
    pub const DIVISION_SEAT: f64 = 0.6;
    pub const SECOND_SEAT: f64 = 0.3;
    pub const REGION: f64 = 4.5;
    pub const DIVISION: f64 = 1.5;
    pub const ALTERNATE_NAME: f64 = -0.75;
    pub const DIVISION_NAMED_LIKE_CITY: f64 = -2.0;
    pub const QUALIFIER: f64 = 8.0;
    pub const CUE: f64 = 3.0;
    pub const DATELINE_COUNTRY: f64 = 1.5;
    pub const DATELINE_NEAR: f64 = 1.0;
    pub const DATELINE_CITY: f64 = 2.0;
    pub const ACTOR_COUNTRY: f64 = 1.0;
    pub const DEMONYM_COUNTRY: f64 = 1.0;
    pub const ARTICLE_COUNTRY: f64 = 1.5;
    pub const ARTICLE_NEAR: f64 = 1.0;
    pub const WASHINGTON: f64 = 3.0;
    pub const NEAR_KM: f64 = 300.0;
    pub const BIG_CITY: u64 = 300_000;
    pub const STRAY_TOWN: u64 = 100_000;
    pub const NEIGHBOUR: f64 = 0.5;
}

/// A comma qualifier's constraint: a country, optionally one division of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Qualifier {
    country: u16,
    admin1: Option<u32>,
    region: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    Division,
}

/// A place mention before resolution.
#[derive(Debug, Clone)]
struct Mention {
    sentence_index: usize,
    start: usize,
    end: usize,
    key: String,
    hits: Vec<NameHit>,
    source: MentionSource,
    qualifiers: Vec<Qualifier>,
    cue: Cue,
}

/// Scored candidate of one mention.
#[derive(Debug, Clone, Copy)]
struct Pick {
    entry: EntryId,
    margin: f64,
}

/// Article-level context shared by all mentions.
#[derive(Debug, Default)]
struct Context {
    dateline: Option<(String, f64, f64)>,
    actor_countries: HashSet<String>,
    demonym_countries: HashSet<String>,
}

/// Resolves place mentions against the gazetteer.
#[derive(Debug)]
pub struct Geocoder {
    gazetteer: Gazetteer,
}

impl Geocoder {
    /// A geocoder over the bundled gazetteer.
    pub fn bundled() -> Result<Geocoder, GazetteerError> {
        Ok(Geocoder::new(Gazetteer::bundled()?))
    }

    pub fn new(gazetteer: Gazetteer) -> Geocoder {
        Geocoder { gazetteer }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Every place mention of the article, resolved in the article's context, in text
    /// order. `sentences` must be the analysis of `text` (their offsets index it).
    pub fn resolve_article(
        &self,
        text: &str,
        sentences: &[AnalyzedSentence],
        hints: &PlaceHints,
    ) -> Vec<Place> {
        let dateline_span = find_dateline(text);
        let mut mentions = Vec::new();
        for (index, sentence) in sentences.iter().enumerate() {
            self.sentence_mentions(text, index, sentence, dateline_span, &mut mentions);
        }
        let mut context = Context {
            actor_countries: hints.actor_countries.iter().cloned().collect(),
            demonym_countries: demonym_countries(sentences),
            ..Context::default()
        };
        let dateline_name = hints
            .dateline
            .clone()
            .or_else(|| dateline_span.and_then(|(s, e)| text.get(s..e).map(str::to_string)));
        if let Some(name) = dateline_name {
            context.dateline = self.resolve_dateline(&name, &context);
        }
        // First pass: each mention alone in the article's context.
        let first: Vec<Option<Pick>> = mentions
            .iter()
            .map(|m| self.pick(m, &context, &[]))
            .collect();
        // Second pass: with what the other mentions resolved to.
        // Distinct (name, entry) pairs, the first MAX_CONTEXT_PLACES of them: enough context
        // for any real article, and a bound on the work for a pathological one.
        let mut seen = HashSet::new();
        let others: Vec<(String, EntryId)> = mentions
            .iter()
            .zip(&first)
            .filter_map(|(m, p)| p.map(|p| (m.key.clone(), p.entry)))
            .filter(|pair| seen.insert(pair.clone()))
            .take(MAX_CONTEXT_PLACES)
            .collect();
        let mut places = Vec::new();
        for m in &mentions {
            let context_picks: Vec<EntryId> = others
                .iter()
                .filter(|(key, _)| *key != m.key)
                .map(|(_, e)| *e)
                .collect();
            let Some(pick) = self.pick(m, &context, &context_picks) else {
                continue;
            };
            if self.is_stray_town(m, pick.entry, &context, &context_picks) {
                continue;
            }
            let Some(resolved) = self.resolved(pick.entry) else {
                continue;
            };
            let mut confidence = if m.hits.len() == 1 {
                0.9
            } else {
                1.0 / (1.0 + (-pick.margin).exp())
            };
            if m.source == MentionSource::Gazetteer {
                confidence *= 0.85;
            }
            places.push(Place {
                name: text.get(m.start..m.end).unwrap_or_default().to_string(),
                resolved,
                sentence_index: m.sentence_index,
                start: m.start,
                end: m.end,
                confidence: (confidence * 1000.0).round() / 1000.0,
                source: m.source,
            });
        }
        places.sort_by_key(|p| (p.start, p.end));
        places
    }

    /// Whether a pick is a small town in a country the article has no other reason to be
    /// in: not a capital or a division seat, under [`weight::STRAY_TOWN`] people, no comma
    /// qualifier, and its country neither named by the article (other places, dateline,
    /// actors, demonyms) nor bordering one that is. Such a pick is usually a namesake of a
    /// village the gazetteer lacks ("Madaya" in a Syria story resolving to Myanmar), so
    /// the mention is better left unresolved than put in the wrong country.
    fn is_stray_town(
        &self,
        m: &Mention,
        pick: EntryId,
        context: &Context,
        others: &[EntryId],
    ) -> bool {
        let Some(e) = self.gazetteer.entry(pick) else {
            return false;
        };
        if e.kind != PlaceKind::City
            || e.population >= weight::STRAY_TOWN
            || matches!(e.feature_code, "PPLC" | "PPLA")
            || !m.qualifiers.is_empty()
        {
            return false;
        }
        let mut countries: HashSet<&str> = others
            .iter()
            .filter_map(|&id| self.gazetteer.entry(id))
            .map(|o| o.country_iso3)
            .collect();
        countries.extend(context.actor_countries.iter().map(String::as_str));
        countries.extend(context.demonym_countries.iter().map(String::as_str));
        if let Some((iso3, _, _)) = &context.dateline {
            countries.insert(iso3);
        }
        !countries.is_empty()
            && !countries.contains(e.country_iso3)
            && !countries
                .iter()
                .any(|c| self.gazetteer.are_neighbours(c, e.country_iso3))
    }

    /// Resolve a bare name ("Cairo", "Paris, Texas") with only the hints as context — for
    /// a dateline or a name from elsewhere.
    pub fn resolve_name(&self, name: &str, hints: &PlaceHints) -> Option<ResolvedPlace> {
        let (head, qualifier) = match name.split_once(',') {
            Some((h, q)) => (h.trim(), Some(q.trim())),
            None => (name.trim(), None),
        };
        let hits = self.gazetteer.lookup(head);
        if hits.is_empty() {
            return None;
        }
        let mention = Mention {
            sentence_index: 0,
            start: 0,
            end: 0,
            key: normalize(head),
            hits,
            source: MentionSource::Entity,
            qualifiers: qualifier.map(|q| self.qualifiers(q)).unwrap_or_default(),
            cue: Cue::None,
        };
        let context = Context {
            actor_countries: hints.actor_countries.iter().cloned().collect(),
            ..Context::default()
        };
        let pick = self.pick(&mention, &context, &[])?;
        self.resolved(pick.entry)
    }

    fn resolved(&self, id: EntryId) -> Option<ResolvedPlace> {
        let e = self.gazetteer.entry(id)?;
        Some(ResolvedPlace {
            resolved_name: e.name.to_string(),
            geonameid: e.geonameid,
            kind: e.kind,
            country: e.country_iso3.to_string(),
            admin1: e.admin1_name.map(str::to_string),
            lat: (e.lat * 1e5).round() / 1e5,
            lon: (e.lon * 1e5).round() / 1e5,
        })
    }

    /// The dateline place: a city where one fits, since datelines name cities.
    fn resolve_dateline(&self, name: &str, context: &Context) -> Option<(String, f64, f64)> {
        let head = name.split(',').next().unwrap_or(name).trim();
        let qualifier = name.split_once(',').map(|(_, q)| q.trim());
        let mention = Mention {
            sentence_index: 0,
            start: 0,
            end: 0,
            key: normalize(head),
            hits: self.gazetteer.lookup(head),
            source: MentionSource::Dateline,
            qualifiers: qualifier.map(|q| self.qualifiers(q)).unwrap_or_default(),
            cue: Cue::None,
        };
        let without_dateline = Context {
            dateline: None,
            actor_countries: context.actor_countries.clone(),
            demonym_countries: context.demonym_countries.clone(),
        };
        let pick = self.pick(&mention, &without_dateline, &[])?;
        let e = self.gazetteer.entry(pick.entry)?;
        Some((e.country_iso3.to_string(), e.lat, e.lon))
    }

    /// The best candidate of a mention and its margin over the runner-up.
    fn pick(&self, m: &Mention, context: &Context, others: &[EntryId]) -> Option<Pick> {
        let entries: Vec<(Entry<'_>, bool)> = m
            .hits
            .iter()
            .filter_map(|h| self.gazetteer.entry(h.entry).map(|e| (e, h.primary)))
            .collect();
        let big_city_named_so = entries
            .iter()
            .any(|(e, _)| e.kind == PlaceKind::City && e.population >= weight::BIG_CITY);
        let other_entries: Vec<Entry<'_>> = others
            .iter()
            .filter_map(|&id| self.gazetteer.entry(id))
            .collect();
        let mut scored: Vec<(f64, EntryId)> = entries
            .iter()
            .map(|(e, primary)| {
                let mut s = prior(e, *primary);
                // A division named like a big city or like its own seat ("Kherson",
                // "Aleppo" governorate): news means the city unless a cue says otherwise.
                if e.kind == PlaceKind::Admin1
                    && (big_city_named_so
                        || entries.iter().any(|(c, _)| {
                            c.kind == PlaceKind::City
                                && self.gazetteer.admin1_of(c.id) == self.gazetteer.admin1_of(e.id)
                        }))
                {
                    s += weight::DIVISION_NAMED_LIKE_CITY;
                }
                if !m.qualifiers.is_empty() {
                    let fits = m.qualifiers.iter().any(|q| self.fits_qualifier(e, q));
                    s += if fits {
                        weight::QUALIFIER
                    } else {
                        -weight::QUALIFIER
                    };
                }
                if m.cue == Cue::Division && matches!(e.kind, PlaceKind::Admin1 | PlaceKind::Region)
                {
                    s += weight::CUE;
                }
                if m.source == MentionSource::Dateline && e.kind == PlaceKind::City {
                    s += weight::DATELINE_CITY;
                }
                if m.key == "washington"
                    && m.qualifiers.is_empty()
                    && m.cue == Cue::None
                    && e.feature_code == "PPLC"
                    && e.country_iso3 == "USA"
                {
                    s += weight::WASHINGTON;
                }
                if let Some((iso3, lat, lon)) = &context.dateline {
                    if e.country_iso3 == iso3 {
                        s += weight::DATELINE_COUNTRY;
                    }
                    if e.kind != PlaceKind::Country
                        && distance_km(e.lat, e.lon, *lat, *lon) < weight::NEAR_KM
                    {
                        s += weight::DATELINE_NEAR;
                    }
                }
                if context.actor_countries.contains(e.country_iso3) {
                    s += weight::ACTOR_COUNTRY;
                }
                if context.demonym_countries.contains(e.country_iso3) {
                    s += weight::DEMONYM_COUNTRY;
                }
                if other_entries
                    .iter()
                    .any(|o| o.country_iso3 == e.country_iso3 && o.id != e.id)
                {
                    s += weight::ARTICLE_COUNTRY;
                }
                if other_entries.iter().any(|o| {
                    self.gazetteer
                        .are_neighbours(o.country_iso3, e.country_iso3)
                }) {
                    s += weight::NEIGHBOUR;
                }
                if e.kind != PlaceKind::Country
                    && other_entries.iter().any(|o| {
                        o.kind != PlaceKind::Country
                            && o.id != e.id
                            && distance_km(e.lat, e.lon, o.lat, o.lon) < weight::NEAR_KM
                    })
                {
                    s += weight::ARTICLE_NEAR;
                }
                (s, e.id)
            })
            .collect();
        // Highest score first; ties go to the lower id (deterministic).
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| id_order(a.1, b.1)));
        let (best, entry) = *scored.first()?;
        // The runner-up is the best candidate that is another place: a division and a region
        // of the same name and country within 50 km ("Gaza Strip") are one place twice.
        let winner = self.gazetteer.entry(entry)?;
        let margin = scored
            .iter()
            .skip(1)
            .find(|(_, id)| {
                self.gazetteer.entry(*id).is_some_and(|e| {
                    e.country_iso3 != winner.country_iso3
                        || distance_km(e.lat, e.lon, winner.lat, winner.lon) >= 50.0
                })
            })
            // No other place of that name: the same confidence as a one-entry name (0.9).
            .map_or(2.2, |(s, _)| best - s);
        Some(Pick { entry, margin })
    }

    fn fits_qualifier(&self, e: &Entry<'_>, q: &Qualifier) -> bool {
        let country = self
            .gazetteer
            .data()
            .countries
            .get(q.country as usize)
            .map(|c| c.iso3.as_str());
        if country != Some(e.country_iso3) {
            return false;
        }
        if let Some(region) = q.region {
            let Some(r) = self.gazetteer.entry(EntryId::Region(region)) else {
                return false;
            };
            return distance_km(e.lat, e.lon, r.lat, r.lon) < weight::NEAR_KM;
        }
        match q.admin1 {
            Some(a) => self.gazetteer.admin1_of(e.id) == Some(a),
            None => true,
        }
    }

    /// The constraints a comma qualifier's text sets: each country, division or region it
    /// can name, or a US state abbreviation.
    fn qualifiers(&self, text: &str) -> Vec<Qualifier> {
        let lower = text.trim().to_lowercase();
        let data = self.gazetteer.data();
        if let Some((_, code)) = US_STATE_ABBREVIATIONS.iter().find(|(a, _)| *a == lower) {
            let usa = data.countries.iter().position(|c| c.iso3 == "USA");
            let admin1 = data
                .admin1
                .iter()
                .position(|a| Some(a.country as usize) == usa && a.code.as_str() == *code);
            if let (Some(country), Some(admin1)) = (usa, admin1) {
                return vec![Qualifier {
                    country: country as u16,
                    admin1: Some(admin1 as u32),
                    region: None,
                }];
            }
        }
        self.gazetteer
            .lookup(text)
            .iter()
            .filter(|h| h.primary)
            .filter_map(|h| match h.entry {
                EntryId::Country(c) => Some(Qualifier {
                    country: c,
                    admin1: None,
                    region: None,
                }),
                EntryId::Admin1(a) => data.admin1.get(a as usize).map(|r| Qualifier {
                    country: r.country,
                    admin1: Some(a),
                    region: None,
                }),
                EntryId::Region(i) => data.regions.get(i as usize).map(|r| Qualifier {
                    country: r.country,
                    admin1: None,
                    region: Some(i),
                }),
                EntryId::City(_) => None,
            })
            .collect()
    }

    /// The gazetteer name starting at word `i` and ending at or before word `limit`
    /// (exclusive), longest first: (end word, hits).
    fn longest_name(
        &self,
        text: &str,
        words: &[Word],
        i: usize,
        limit: usize,
    ) -> Option<(usize, Vec<NameHit>)> {
        let first = words.get(i)?;
        if !starts_upper(&first.form) {
            return None;
        }
        let longest = self.gazetteer.max_name_words().min(limit.saturating_sub(i));
        for len in (1..=longest).rev() {
            let end = i + len;
            let last = words.get(end - 1)?;
            if !starts_upper(&last.form) && !last.form.ends_with('.') {
                continue;
            }
            let Some(phrase) = text.get(first.start..last.end) else {
                continue;
            };
            let hits = self.gazetteer.lookup(phrase);
            if !hits.is_empty() {
                return Some((end, hits));
            }
        }
        None
    }

    fn sentence_mentions(
        &self,
        text: &str,
        index: usize,
        sentence: &AnalyzedSentence,
        dateline: Option<(usize, usize)>,
        out: &mut Vec<Mention>,
    ) {
        let words = &sentence.words;
        let n = words.len();
        // Words no scan may use: inside person and organisation entities.
        let mut blocked = vec![false; n];
        // Words already part of a mention.
        let mut used = vec![false; n];
        let mut found: Vec<(usize, usize, Vec<NameHit>, MentionSource)> = Vec::new();
        for entity in &sentence.entities {
            let range = entity.first_word.min(n)..entity.end_word.min(n);
            match entity.kind {
                EntityType::Place => {
                    // The tagger sometimes stops short of a name's last word ("the Gaza |
                    // Strip"): let a name run on into up to four following words.
                    // (A name may run through hyphens and particles: "Port-au-Prince".)
                    let limit = (range.end + 4).min(n);
                    let mut i = range.start;
                    while i < range.end {
                        let Some((end, hits)) = self.longest_name(text, words, i, limit) else {
                            i += 1;
                            continue;
                        };
                        // A name inside a longer capitalised name ("South" in "South Lawn")
                        // is not a mention; a country or region is ("Syria" in "Assad's
                        // Syria").
                        let capital =
                            |j: usize| words.get(j).is_some_and(|w| starts_upper(&w.form));
                        let inside_longer = (i > range.start && capital(i - 1))
                            || (end < limit && capital(end))
                            || names_water_or_landform(words, i);
                        let key = self.key_of(text, words, i, end);
                        if NEVER_PLACES.contains(&key.as_str())
                            || inside_longer && !is_country_or_region(&hits)
                        {
                            i += 1;
                            continue;
                        }
                        found.push((i, end, hits, MentionSource::Entity));
                        for u in used.get_mut(i..end).into_iter().flatten() {
                            *u = true;
                        }
                        i = end;
                    }
                    for u in used.get_mut(range.clone()).into_iter().flatten() {
                        *u = true;
                    }
                }
                EntityType::Organization | EntityType::Person => {
                    for b in blocked.get_mut(range.clone()).into_iter().flatten() {
                        *b = true;
                    }
                }
            }
        }
        // Names the tagger missed, or typed as a person or organisation. A name overlapping
        // such an entity must cover it whole ("Kerry" in "John Kerry" is not a place) and
        // be a country or region ("Britain", "the Golan Heights"), a national capital
        // ("Washington said"), or follow a locative preposition ("fighting around Lashkar
        // Gah"); the tail of "University of Cambridge" is a place as well.
        let other_entities: Vec<(usize, usize)> = sentence
            .entities
            .iter()
            .filter(|e| e.kind != EntityType::Place)
            .map(|e| (e.first_word.min(n), e.end_word.min(n)))
            .collect();
        // Names the tagger missed.
        let in_dateline = |w: &Word| dateline.is_some_and(|(s, e)| w.start >= s && w.end <= e);
        // next_used[j]: the first word at or after j that is already part of a mention.
        let mut next_used = vec![n; n + 1];
        for j in (0..n).rev() {
            let here = if used.get(j).copied().unwrap_or(true) {
                j
            } else {
                next_used.get(j + 1).copied().unwrap_or(n)
            };
            if let Some(slot) = next_used.get_mut(j) {
                *slot = here;
            }
        }
        let mut i = 0;
        while i < n {
            let free_until = next_used.get(i).copied().unwrap_or(n);
            let Some((end, hits)) = self.longest_name(text, words, i, free_until) else {
                i += 1;
                continue;
            };
            let span = words.get(i..end).unwrap_or_default();
            let key = self.key_of(text, words, i, end);
            let dateline_words = span.iter().all(in_dateline);
            let is_country = is_country_or_region(&hits);
            let locative = locative_before(words, i);
            let overlapping: Vec<(usize, usize)> = other_entities
                .iter()
                .copied()
                .filter(|&(a, b)| a < end && i < b)
                .collect();
            let accept = if NEVER_PLACES.contains(&key.as_str())
                || overlapping.is_empty() && NOT_PLACES.contains(&key.as_str())
            {
                false
            } else if !overlapping.is_empty() {
                let covered = overlapping.iter().all(|&(a, b)| a >= i && b <= end);
                let of_tail = overlapping.len() == 1
                    && overlapping.iter().all(|&(a, b)| a < i && b == end)
                    && i > 0
                    && words.get(i - 1).is_some_and(|w| w.form == "of");
                of_tail
                    || covered
                        && (is_country
                            || locative
                            || dateline_words
                            || hits.iter().any(|h| self.is_country_or_capital(h)))
            } else {
                let proper = span.iter().all(|w| w.upos == "PROPN");
                let joined_before = i > 0
                    && words
                        .get(i - 1)
                        .is_some_and(|w| w.upos == "PROPN" && starts_upper(&w.form));
                let joined_after = words
                    .get(end)
                    .is_some_and(|w| w.upos == "PROPN" && starts_upper(&w.form));
                dateline_words
                    || is_country && !joined_before
                    || proper && !joined_before && !joined_after
            };
            if accept {
                let source = if dateline_words {
                    MentionSource::Dateline
                } else if overlapping.is_empty() {
                    MentionSource::Gazetteer
                } else {
                    MentionSource::Entity
                };
                found.push((i, end, hits, source));
                i = end;
            } else {
                i += 1;
            }
        }
        found.sort_by_key(|f| f.0);
        for (first, end, hits, source) in found {
            let (Some(w0), Some(wl)) = (words.get(first), words.get(end.saturating_sub(1))) else {
                continue;
            };
            let key = text
                .get(w0.start..wl.end)
                .map(normalize)
                .unwrap_or_default();
            let qualifiers = self.comma_qualifier(text, words, end);
            let next = words.get(end).map(|w| w.form.to_lowercase());
            let before = |k: usize, form: &str| {
                first >= k
                    && words
                        .get(first - k)
                        .is_some_and(|w| w.form.eq_ignore_ascii_case(form))
            };
            let division_cue = next
                .as_deref()
                .is_some_and(|w| DIVISION_CUES_AFTER.contains(&w))
                || (before(1, "of") && before(2, "state"));
            out.push(Mention {
                sentence_index: index,
                start: w0.start,
                end: wl.end,
                key,
                hits,
                source,
                qualifiers,
                cue: if division_cue {
                    Cue::Division
                } else {
                    Cue::None
                },
            });
        }
    }

    /// The index form of words `i..end`.
    fn key_of(&self, text: &str, words: &[Word], i: usize, end: usize) -> String {
        match (words.get(i), words.get(end.saturating_sub(1))) {
            (Some(a), Some(b)) => text.get(a.start..b.end).map(normalize).unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn is_country_or_capital(&self, h: &NameHit) -> bool {
        h.primary
            && match h.entry {
                EntryId::Country(_) => true,
                EntryId::City(_) => self
                    .gazetteer
                    .entry(h.entry)
                    .is_some_and(|e| e.feature_code == "PPLC"),
                _ => false,
            }
    }

    /// The qualifier after a name: ", Texas", ", Lebanon", ", Va." (words from `end`).
    fn comma_qualifier(&self, text: &str, words: &[Word], end: usize) -> Vec<Qualifier> {
        if words.get(end).map(|w| w.form.as_str()) != Some(",") {
            return Vec::new();
        }
        let start = end + 1;
        let Some(first) = words.get(start) else {
            return Vec::new();
        };
        // Longest run of up to four words (a trailing "." joins an abbreviation).
        for len in (1..=4).rev() {
            let Some(last) = words.get(start + len - 1) else {
                continue;
            };
            let Some(phrase) = text.get(first.start..last.end) else {
                continue;
            };
            if !starts_upper(phrase) {
                return Vec::new();
            }
            let q = self.qualifiers(phrase);
            if !q.is_empty() {
                return q;
            }
            // "Va" + "." tokenised apart.
            let dotted = format!("{phrase}.");
            if len == 1 && text.get(last.end..last.end + 1) == Some(".") {
                let q = self.qualifiers(&dotted);
                if !q.is_empty() {
                    return q;
                }
            }
        }
        Vec::new()
    }
}

/// Prior score of an entry before context (see the module documentation).
fn prior(e: &Entry<'_>, primary: bool) -> f64 {
    let population = weight::POPULATION * ((e.population as f64) + 10.0).log10();
    let kind = match e.kind {
        PlaceKind::Country => weight::COUNTRY,
        PlaceKind::Admin1 => weight::DIVISION,
        PlaceKind::Region => weight::REGION - weight::POPULATION,
        PlaceKind::City => match e.feature_code {
            "PPLC" => weight::CAPITAL,
            "PPLA" => weight::DIVISION_SEAT,
            "PPLA2" => weight::SECOND_SEAT,
            _ => 0.0,
        },
    };
    let name = if primary { 0.0 } else { weight::ALTERNATE_NAME };
    population + kind + name
}

fn id_order(a: EntryId, b: EntryId) -> std::cmp::Ordering {
    let rank = |e: EntryId| match e {
        EntryId::Country(i) => (0, i as u32),
        EntryId::Region(i) => (1, i),
        EntryId::Admin1(i) => (2, i),
        EntryId::City(i) => (3, i),
    };
    rank(a).cmp(&rank(b))
}

/// Prepositions that put the next name on the map ("in Aleppo", "around Lashkar Gah").
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "around",
    "from",
    "to",
    "into",
    "outside",
    "toward",
    "towards",
    "across",
    "through",
    "inside",
    "via",
    "throughout",
    "within",
    "between",
];

/// Nouns after which "of" introduces a place ("the port of Hodeidah").
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "port",
    "province",
    "region",
    "capital",
    "outskirts",
    "streets",
    "district",
    "state",
    "suburb",
    "centre",
    "center",
    "south",
    "north",
    "east",
    "west",
    "heart",
];

/// Capitalised words that make "<word> of <name>" a different place from <name>.
const LANDFORMS: &[&str] = &[
    "gulf",
    "sea",
    "bay",
    "strait",
    "straits",
    "lake",
    "river",
    "cape",
    "isle",
    "mount",
    "mountains",
    "island",
    "islands",
    "horn",
];

/// Whether word `i` is the <name> of "Gulf of Aden", "Strait of Hormuz", "Sea of Azov".
fn names_water_or_landform(words: &[Word], i: usize) -> bool {
    let form = |k: usize| i.checked_sub(k).and_then(|j| words.get(j)).map(|w| &w.form);
    form(1).is_some_and(|w| w == "of")
        && form(2)
            .is_some_and(|w| starts_upper(w) && LANDFORMS.contains(&w.to_lowercase().as_str()))
}

/// Whether word `i` follows a locative preposition or "<place noun> of".
fn locative_before(words: &[Word], i: usize) -> bool {
    let form = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| words.get(j))
            .map(|w| w.form.to_lowercase())
    };
    match form(1).as_deref() {
        Some("of") => form(2).is_some_and(|w| PLACE_NOUNS.contains(&w.as_str())),
        Some("the") => form(2).is_some_and(|w| LOCATIVES.contains(&w.as_str())),
        Some(w) => LOCATIVES.contains(&w),
        None => false,
    }
}

/// Whether a name is a country's or a region's own name (or alias).
fn is_country_or_region(hits: &[NameHit]) -> bool {
    hits.iter()
        .any(|h| h.primary && matches!(h.entry, EntryId::Country(_) | EntryId::Region(_)))
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Countries named by demonyms and country adjectives in the sentences ("Israeli",
/// "Egyptians").
fn demonym_countries(sentences: &[AnalyzedSentence]) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in sentences {
        for w in &s.words {
            if let Some(iso3) = demonym_country(&w.form) {
                out.insert(iso3.to_string());
            }
        }
    }
    out
}

/// The byte span of a dateline place at the start of an article: capitalised words before
/// "(AP)", "—", "--" or " - " in the first line ("CAIRO (AP) —", "GAZA CITY, Gaza Strip —",
/// "WASHINGTON —"). Only the upper-case part is returned ("GAZA CITY").
pub fn find_dateline(text: &str) -> Option<(usize, usize)> {
    let start = text.len() - text.trim_start().len();
    let rest = text.get(start..)?;
    let line = rest.lines().next()?;
    let marker = ["(", "\u{2014}", "\u{2013}", "--", " - ", ":"]
        .iter()
        .filter_map(|m| line.find(m))
        .min()?;
    let head = line.get(..marker)?.trim_end();
    if head.is_empty() || head.len() > 60 {
        return None;
    }
    // The upper-case run: "GAZA CITY" in "GAZA CITY, Gaza Strip".
    let upper_len = head
        .char_indices()
        .find(|(_, c)| c.is_lowercase() || *c == ',')
        .map_or(head.len(), |(i, _)| i);
    let upper = head.get(..upper_len)?.trim_end();
    let letters = upper.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || upper.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    Some((start, start + upper.len()))
}

/// The places mentioned in one sentence.
pub fn sentence_places(places: &[Place], sentence_index: usize) -> Vec<&Place> {
    places
        .iter()
        .filter(|p| p.sentence_index == sentence_index)
        .collect()
}

/// Where an event coded from a sentence happened, as far as the sentence says: its most
/// specific place (a city before a region, a division or a country), the first of equals.
/// `None` when the sentence names no place; the caller may fall back to the dateline.
pub fn sentence_location(places: &[Place], sentence_index: usize) -> Option<&Place> {
    sentence_location_where(places, sentence_index, |_| true).and_then(|i| places.get(i))
}

/// [`sentence_location`] among the places `usable` accepts (the coder passes over places
/// that are an event's own actors), as an index into `places`.
pub fn sentence_location_where(
    places: &[Place],
    sentence_index: usize,
    usable: impl Fn(&Place) -> bool,
) -> Option<usize> {
    let rank = |p: &Place| match p.resolved.kind {
        PlaceKind::City => 0,
        PlaceKind::Region => 1,
        PlaceKind::Admin1 => 2,
        PlaceKind::Country => 3,
    };
    places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.sentence_index == sentence_index && p.source != MentionSource::Dateline && usable(p)
        })
        .min_by_key(|(_, p)| (rank(p), p.start))
        .map(|(i, _)| i)
}

/// Count of mentions per country (ISO-3), for an article-level summary.
pub fn country_counts(places: &[Place]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for p in places {
        *counts.entry(p.resolved.country.as_str()).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            find_dateline("CAIRO (AP) \u{2014} Kerry flew."),
            Some((0, 5))
        );
        assert_eq!(
            find_dateline("  WASHINGTON \u{2014} The talks"),
            Some((2, 12))
        );
        assert_eq!(
            find_dateline("GAZA CITY, Gaza Strip (Reuters) - Text"),
            Some((0, 9))
        );
        assert_eq!(
            find_dateline("President Obama said (in a speech) that"),
            None
        );
        assert_eq!(find_dateline(""), None);
        assert_eq!(find_dateline("\u{2014}"), None);
        assert_eq!(find_dateline("ÉÉ (AP)"), None);
    }

    fn word(form: &str) -> Word {
        Word {
            id: 0,
            form: form.into(),
            start: 0,
            end: 0,
            lemma: form.to_lowercase(),
            upos: "X".into(),
            xpos: "X".into(),
            feats: String::new(),
            head: 0,
            deprel: String::new(),
        }
    }

    #[test]
    fn locatives_and_landforms() {
        let words: Vec<Word> = ["fighting", "around", "Lashkar", "the", "port", "of", "Aden"]
            .iter()
            .map(|w| word(w))
            .collect();
        assert!(locative_before(&words, 2));
        assert!(locative_before(&words, 6));
        assert!(!locative_before(&words, 0));
        let gulf: Vec<Word> = ["the", "Gulf", "of", "Aden"]
            .iter()
            .map(|w| word(w))
            .collect();
        assert!(names_water_or_landform(&gulf, 3));
        assert!(!names_water_or_landform(&words, 6));
    }

    #[test]
    fn sentence_location_prefers_the_most_specific() {
        let place = |name: &str, kind, sentence_index, start| Place {
            name: name.into(),
            resolved: ResolvedPlace {
                resolved_name: name.into(),
                geonameid: None,
                kind,
                country: "EGY".into(),
                admin1: None,
                lat: 0.0,
                lon: 0.0,
            },
            sentence_index,
            start,
            end: start + name.len(),
            confidence: 0.9,
            source: MentionSource::Entity,
        };
        let places = vec![
            place("Egypt", PlaceKind::Country, 0, 0),
            place("Cairo", PlaceKind::City, 0, 20),
            place("Israel", PlaceKind::Country, 1, 40),
        ];
        assert_eq!(
            sentence_location(&places, 0).map(|p| p.name.as_str()),
            Some("Cairo")
        );
        assert_eq!(
            sentence_location(&places, 1).map(|p| p.name.as_str()),
            Some("Israel")
        );
        assert!(sentence_location(&places, 2).is_none());
        assert_eq!(sentence_places(&places, 0).len(), 2);
        assert_eq!(country_counts(&places), vec![("EGY".to_string(), 3)]);
    }
}
