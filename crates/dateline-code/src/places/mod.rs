//! Places: where an article's events happen, resolved to coordinates.
//!
//! This module owns three things:
//! - [`gazetteer`]: the compiled gazetteer shipped in the binary
//!   (`data/gazetteer/gazetteer.bin`, built by `dateline build-gazetteer` from GeoNames
//!   `cities15000`, `countryInfo`, `admin1CodesASCII` (CC BY 4.0), Natural Earth countries
//!   (public domain) and dateline's own supplement of country name variants and conflict
//!   regions), and its name index;
//! - [`demonyms`]: demonyms and country adjectives ("Israeli", "Palestinians", "U.S.") →
//!   ISO-3, from a hand-written table;
//! - [`geocode`]: the geocoder that finds place mentions in an analysed article and resolves
//!   each by context (comma qualifiers, the dateline, the actors' countries, the article's
//!   other places and demonyms) before population.
//!
//! Every [`Place`] carries its evidence: the mention's byte offsets into the article text
//! and its sentence index. Countries are ISO-3 codes as GeoNames writes them (`PSE` for the
//! Palestinian territories, `XKX` for Kosovo).
//!
//! ```no_run
//! use dateline_code::places::{Geocoder, PlaceHints, sentence_location};
//! let analyzer = dateline_nlp::pipeline::Analyzer::bundled().unwrap();
//! let geocoder = Geocoder::bundled().unwrap();
//! let text = "CAIRO (AP) — Kerry flew to Cairo on Monday.";
//! let sentences = analyzer.analyze(text);
//! let places = geocoder.resolve_article(text, &sentences, &PlaceHints::default());
//! let where_ = sentence_location(&places, 0);
//! ```

pub mod demonyms;
pub mod gazetteer;
pub mod geocode;

pub use demonyms::demonym_country;
pub use gazetteer::{distance_km, Gazetteer, PlaceKind};
pub use geocode::{
    country_counts, find_dateline, sentence_location, sentence_location_where, sentence_places,
    Geocoder, MentionSource, Place, PlaceHints, ResolvedPlace,
};
