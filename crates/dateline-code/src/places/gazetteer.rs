//! The compiled gazetteer: countries, first-level divisions, cities and a hand-written list
//! of regions, each with an ISO-3 country and coordinates, and a name index over all of them.
//!
//! **Built from** (by [`build`], run by `dateline build-gazetteer`): GeoNames'
//! `countryInfo.txt`, `admin1CodesASCII.txt` and `cities15000.zip` (CC BY 4.0), Natural
//! Earth's 1:110m admin-0 countries (public domain; country coordinates), and dateline's own
//! `data/gazetteer/supplement.tsv` (country name variants and regions; compiled into the
//! builder so that the output depends only on the shared data folder).
//!
//! **Conventions.**
//! - Countries carry GeoNames' ISO-3 code (Kosovo is `XKX`, the Palestinian territories `PSE`).
//!   Their point is the area-weighted centroid of their largest Natural Earth polygon (the
//!   mainland: France without French Guiana, the contiguous United States); countries missing
//!   from the 1:110m map (small islands, city states) take their capital's coordinates.
//! - A first-level division's point is the unweighted mean of the GeoNames cities in it (a
//!   cheap stand-in for a centroid that stays inside convex-ish areas); a division without a
//!   city of 15,000 people takes its country's point. Its population is the sum of its cities'.
//! - Cities keep their GeoNames name, ASCII name and the alternate names written in Latin
//!   script (no digits, at least three letters, at most three words, not all capitals —
//!   airport and postal codes are dropped), which covers English exonyms and transliteration
//!   variants ("Kiev", "Khan Younis", "Raqqa"); the file stays under 4 MB. The ASCII and
//!   alternate names live in the name index only.
//! - Names are indexed by [`normalize`]d form: lower case, hyphens and runs of spaces as one
//!   space, typographic apostrophes as `'`. The index is built at compile time and stored
//!   sorted ([`NameIndex`]), so loading is decoding only; a lookup is a binary search.
//!
//! **Known limits.** Only places of 15,000 people or seats of divisions: villages and
//! neighbourhoods that conflict reporting names are absent. Second-level divisions are absent.
//! Coordinates are points, not shapes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use dateline_nlp::zip::unzip_first;
use serde::{Deserialize, Serialize};

/// The compiled gazetteer as shipped (`data/gazetteer/gazetteer.bin`).
pub static BUNDLED_GAZETTEER: &[u8] = include_bytes!("../../../../data/gazetteer/gazetteer.bin");

/// dateline's hand-written supplement, compiled into the builder.
pub const SUPPLEMENT: &str = include_str!("../../../../data/gazetteer/supplement.tsv");

/// ISO-3 codes of countryInfo rows left out (dissolved countries).
const DISSOLVED_COUNTRIES: &[&str] = &["ANT", "SCG"];

/// Format version written into the file; [`Gazetteer::from_bytes`] refuses other versions.
const FORMAT_VERSION: u32 = 3;

/// Errors reading the shared data or a compiled gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: {message}")]
    Data { path: String, message: String },
    #[error("compiled gazetteer: {0}")]
    Format(String),
}

fn data_error(path: &Path, message: impl std::fmt::Display) -> GazetteerError {
    GazetteerError::Data {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}

/// One country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryRecord {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    /// Other names from the supplement ("Britain", "U.S.", "Burma").
    pub aliases: Vec<String>,
    pub geonameid: Option<u32>,
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
    /// ISO-3 codes of the countries it borders (GeoNames' `neighbours`).
    pub neighbours: Vec<String>,
}

/// One first-level division (a US state, a Syrian governorate, a Chinese province).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Admin1Record {
    /// GeoNames' code without the country: `TX` in `US.TX`.
    pub code: String,
    pub name: String,
    pub ascii_name: String,
    pub geonameid: Option<u32>,
    /// Index into [`GazetteerData::countries`].
    pub country: u16,
    pub lat: f32,
    pub lon: f32,
    /// Sum of the populations of its cities in the data.
    pub population: u64,
}

/// One populated place from GeoNames `cities15000`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityRecord {
    pub geonameid: u32,
    /// The GeoNames name (its ASCII form and alternate names are in the name index only).
    pub name: String,
    pub lat: f32,
    pub lon: f32,
    /// GeoNames feature code: `PPLC` capital, `PPLA` seat of a first-level division, …
    pub feature_code: String,
    /// Index into [`GazetteerData::countries`].
    pub country: u16,
    /// Index into [`GazetteerData::admin1`].
    pub admin1: Option<u32>,
    pub population: u64,
}

/// One region from dateline's supplement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionRecord {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: u16,
    pub lat: f32,
    pub lon: f32,
}

/// Everything the compiled file holds, in a deterministic order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GazetteerData {
    pub version: u32,
    pub countries: Vec<CountryRecord>,
    pub admin1: Vec<Admin1Record>,
    pub cities: Vec<CityRecord>,
    pub regions: Vec<RegionRecord>,
    /// Every name of every entry, normalised and sorted (built by [`build`], so that
    /// loading is decoding only).
    pub names: NameIndex,
}

/// The name index: the sorted normalised names concatenated in one string, and each name's
/// entries packed in one `u32` each (record index << 3 | kind << 1 | primary) — a handful of
/// allocations to decode instead of one per name. Stored as name lengths and entry counts
/// (small varints); the cumulative offsets are computed on load.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredNames", into = "StoredNames")]
pub struct NameIndex {
    keys: String,
    /// Name `i` is `keys[key_ends[i - 1]..key_ends[i]]` (from 0 for the first).
    key_ends: Vec<u32>,
    /// Name `i`'s entries are `hits[hit_ends[i - 1]..hit_ends[i]]`.
    hit_ends: Vec<u32>,
    hits: Vec<u32>,
    /// Longest name in words.
    max_words: u32,
    /// Open-addressing hash table over the names (FNV-1a, linear probing, a power of two at
    /// least twice the names): slot → name index + 1, 0 for empty. Built on load (a few
    /// milliseconds) so that a lookup costs one hash and usually one comparison instead of a
    /// binary search's eighteen.
    table: Vec<u32>,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// [`NameIndex`] as written to the file.
#[derive(Clone, Serialize, Deserialize)]
struct StoredNames {
    keys: String,
    key_lengths: Vec<u32>,
    hit_counts: Vec<u32>,
    hits: Vec<u32>,
    max_words: u32,
}

impl From<StoredNames> for NameIndex {
    fn from(s: StoredNames) -> NameIndex {
        let ends = |lengths: &[u32]| {
            lengths
                .iter()
                .scan(0u32, |end, &n| {
                    *end = end.saturating_add(n);
                    Some(*end)
                })
                .collect()
        };
        let mut index = NameIndex {
            key_ends: ends(&s.key_lengths),
            hit_ends: ends(&s.hit_counts),
            keys: s.keys,
            hits: s.hits,
            max_words: s.max_words,
            table: Vec::new(),
        };
        index.build_table();
        index
    }
}

impl From<NameIndex> for StoredNames {
    fn from(n: NameIndex) -> StoredNames {
        let lengths = |ends: &[u32]| {
            ends.iter()
                .scan(0u32, |last, &end| {
                    let len = end.saturating_sub(*last);
                    *last = end;
                    Some(len)
                })
                .collect()
        };
        StoredNames {
            key_lengths: lengths(&n.key_ends),
            hit_counts: lengths(&n.hit_ends),
            keys: n.keys,
            hits: n.hits,
            max_words: n.max_words,
        }
    }
}

impl NameIndex {
    fn from_map(map: BTreeMap<String, Vec<NameHit>>) -> NameIndex {
        let mut index = NameIndex::default();
        for (key, hits) in map {
            index.max_words = index.max_words.max(key.split(' ').count() as u32);
            index.keys.push_str(&key);
            index.key_ends.push(index.keys.len() as u32);
            index.hits.extend(hits.iter().map(|h| h.pack()));
            index.hit_ends.push(index.hits.len() as u32);
        }
        index.build_table();
        index
    }

    fn build_table(&mut self) {
        let size = (self.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut table = vec![0u32; size];
        for i in 0..self.len() {
            let Some(key) = self.key(i) else { continue };
            let mut slot = (fnv1a(key.as_bytes()) as usize) & mask;
            while table.get(slot).is_some_and(|&t| t != 0) {
                slot = (slot + 1) & mask;
            }
            if let Some(t) = table.get_mut(slot) {
                *t = i as u32 + 1;
            }
        }
        self.table = table;
    }

    /// How many distinct names.
    pub fn len(&self) -> usize {
        self.key_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.key_ends.is_empty()
    }

    fn key(&self, i: usize) -> Option<&str> {
        let start = if i == 0 {
            0
        } else {
            *self.key_ends.get(i - 1)?
        };
        let end = *self.key_ends.get(i)?;
        self.keys.get(start as usize..end as usize)
    }

    fn hits_of(&self, i: usize) -> Vec<NameHit> {
        let start = if i == 0 {
            Some(0)
        } else {
            self.hit_ends.get(i - 1).copied()
        };
        match (start, self.hit_ends.get(i)) {
            (Some(start), Some(&end)) => self
                .hits
                .get(start as usize..end as usize)
                .unwrap_or_default()
                .iter()
                .filter_map(|&p| NameHit::unpack(p))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The entries of a normalised name.
    fn get(&self, key: &str) -> Vec<NameHit> {
        if self.table.is_empty() {
            return self.get_sorted(key);
        }
        let mask = self.table.len() - 1;
        let mut slot = (fnv1a(key.as_bytes()) as usize) & mask;
        // The table is at most half full, so an empty slot ends every probe.
        while let Some(&t) = self.table.get(slot) {
            if t == 0 {
                return Vec::new();
            }
            let i = t as usize - 1;
            if self.key(i) == Some(key) {
                return self.hits_of(i);
            }
            slot = (slot + 1) & mask;
        }
        Vec::new()
    }

    /// The entries of a normalised name by binary search (no hash table).
    fn get_sorted(&self, key: &str) -> Vec<NameHit> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid).map(|k| k.cmp(key)) {
                Some(std::cmp::Ordering::Less) => lo = mid + 1,
                Some(std::cmp::Ordering::Greater) => hi = mid,
                Some(std::cmp::Ordering::Equal) => return self.hits_of(mid),
                None => return Vec::new(),
            }
        }
        Vec::new()
    }
}

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Country,
    Admin1,
    City,
    Region,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
        }
    }
}

/// A reference to one record of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryId {
    Country(u16),
    Admin1(u32),
    City(u32),
    Region(u32),
}

/// One indexed name: which entry it names and whether it is the entry's own name (GeoNames
/// name or ASCII name, a country's name) rather than an alternate or alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    pub entry: EntryId,
    pub primary: bool,
}

impl NameHit {
    fn pack(self) -> u32 {
        let (kind, index) = match self.entry {
            EntryId::Country(i) => (0, u32::from(i)),
            EntryId::Admin1(i) => (1, i),
            EntryId::City(i) => (2, i),
            EntryId::Region(i) => (3, i),
        };
        (index << 3) | (kind << 1) | u32::from(self.primary)
    }

    fn unpack(packed: u32) -> Option<NameHit> {
        let index = packed >> 3;
        let entry = match (packed >> 1) & 3 {
            0 => EntryId::Country(u16::try_from(index).ok()?),
            1 => EntryId::Admin1(index),
            2 => EntryId::City(index),
            _ => EntryId::Region(index),
        };
        Some(NameHit {
            entry,
            primary: packed & 1 != 0,
        })
    }
}

/// A gazetteer entry as the geocoder sees it, borrowed from the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub id: EntryId,
    pub kind: PlaceKind,
    pub name: &'a str,
    pub geonameid: Option<u32>,
    pub country_iso3: &'a str,
    pub admin1_name: Option<&'a str>,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// GeoNames feature code for cities, empty otherwise.
    pub feature_code: &'a str,
}

/// The loaded gazetteer with its name index.
pub struct Gazetteer {
    data: GazetteerData,
    country_by_iso3: HashMap<String, u16>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("countries", &self.data.countries.len())
            .field("admin1", &self.data.admin1.len())
            .field("cities", &self.data.cities.len())
            .field("regions", &self.data.regions.len())
            .field("names", &self.data.names.len())
            .finish()
    }
}

/// A name's index form: lower case, hyphens and whitespace runs as one space, typographic
/// apostrophes as ASCII, and leading/trailing spaces and full stops at the end dropped only
/// when they are not part of an abbreviation ("U.S." keeps its stops).
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' => ' ',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

impl Gazetteer {
    /// The gazetteer shipped in the binary.
    pub fn bundled() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_bytes(BUNDLED_GAZETTEER)
    }

    /// Load a compiled gazetteer (see [`GazetteerData::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let data: GazetteerData =
            postcard::from_bytes(bytes).map_err(|e| GazetteerError::Format(e.to_string()))?;
        if data.version != FORMAT_VERSION {
            return Err(GazetteerError::Format(format!(
                "format version {} (expected {FORMAT_VERSION})",
                data.version
            )));
        }
        Ok(Gazetteer::from_data(data))
    }

    /// Wrap loaded data.
    pub fn from_data(data: GazetteerData) -> Gazetteer {
        let country_by_iso3 = data
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.clone(), i as u16))
            .collect();
        Gazetteer {
            data,
            country_by_iso3,
        }
    }

    /// The raw records.
    pub fn data(&self) -> &GazetteerData {
        &self.data
    }

    /// Longest indexed name in words (at most 8).
    pub fn max_name_words(&self) -> usize {
        (self.data.names.max_words as usize).clamp(1, 8)
    }

    /// Entries named `name` (any case; see [`normalize`]).
    pub fn lookup(&self, name: &str) -> Vec<NameHit> {
        self.data.names.get(&normalize(name))
    }

    /// The country with this ISO-3 code.
    pub fn country(&self, iso3: &str) -> Option<Entry<'_>> {
        self.country_by_iso3
            .get(iso3)
            .and_then(|&i| self.entry(EntryId::Country(i)))
    }

    /// Whether two countries (ISO-3) share a border.
    pub fn are_neighbours(&self, a: &str, b: &str) -> bool {
        self.country_by_iso3
            .get(a)
            .and_then(|&i| self.data.countries.get(i as usize))
            .is_some_and(|c| c.neighbours.iter().any(|n| n == b))
    }

    /// The entry behind an id (`None` only for an id from another gazetteer).
    pub fn entry(&self, id: EntryId) -> Option<Entry<'_>> {
        let iso3 = |c: u16| {
            self.data
                .countries
                .get(c as usize)
                .map_or("", |c| c.iso3.as_str())
        };
        match id {
            EntryId::Country(i) => self.data.countries.get(i as usize).map(|c| Entry {
                id,
                kind: PlaceKind::Country,
                name: &c.name,
                geonameid: c.geonameid,
                country_iso3: &c.iso3,
                admin1_name: None,
                lat: f64::from(c.lat),
                lon: f64::from(c.lon),
                population: c.population,
                feature_code: "",
            }),
            EntryId::Admin1(i) => self.data.admin1.get(i as usize).map(|a| Entry {
                id,
                kind: PlaceKind::Admin1,
                name: &a.name,
                geonameid: a.geonameid,
                country_iso3: iso3(a.country),
                admin1_name: Some(&a.name),
                lat: f64::from(a.lat),
                lon: f64::from(a.lon),
                population: a.population,
                feature_code: "",
            }),
            EntryId::City(i) => self.data.cities.get(i as usize).map(|c| Entry {
                id,
                kind: PlaceKind::City,
                name: &c.name,
                geonameid: Some(c.geonameid),
                country_iso3: iso3(c.country),
                admin1_name: c
                    .admin1
                    .and_then(|a| self.data.admin1.get(a as usize))
                    .map(|a| a.name.as_str()),
                lat: f64::from(c.lat),
                lon: f64::from(c.lon),
                population: c.population,
                feature_code: &c.feature_code,
            }),
            EntryId::Region(i) => self.data.regions.get(i as usize).map(|r| Entry {
                id,
                kind: PlaceKind::Region,
                name: &r.name,
                geonameid: None,
                country_iso3: iso3(r.country),
                admin1_name: None,
                lat: f64::from(r.lat),
                lon: f64::from(r.lon),
                population: 0,
                feature_code: "",
            }),
        }
    }

    /// Index of the first-level division an entry lies in, when known.
    pub fn admin1_of(&self, id: EntryId) -> Option<u32> {
        match id {
            EntryId::Admin1(i) => Some(i),
            EntryId::City(i) => self.data.cities.get(i as usize).and_then(|c| c.admin1),
            _ => None,
        }
    }
}

impl GazetteerData {
    /// The compiled bytes (postcard). Deterministic: equal data give equal bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, GazetteerError> {
        postcard::to_stdvec(self).map_err(|e| GazetteerError::Format(e.to_string()))
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().clamp(0.0, 1.0).asin()
}

/// Compile the gazetteer from the GeoNames and Natural Earth files in `dir` (the shared
/// `gazetteer/` folder) and the bundled supplement.
pub fn build(dir: &Path) -> Result<GazetteerData, GazetteerError> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| data_error(&path, e))
    };
    // Countries.
    let mut countries: Vec<CountryRecord> = Vec::new();
    for line in read("countryInfo.txt")?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("").trim();
        // GeoNames keeps two dissolved countries (the Netherlands Antilles, Serbia and
        // Montenegro) with no cities; news after 2010 does not need them.
        if col(1).len() != 3 || DISSOLVED_COUNTRIES.contains(&col(1)) {
            continue;
        }
        countries.push(CountryRecord {
            iso3: col(1).to_string(),
            iso2: col(0).to_string(),
            name: col(4).to_string(),
            aliases: Vec::new(),
            geonameid: col(16).parse().ok(),
            lat: f32::NAN,
            lon: f32::NAN,
            population: col(7).parse().unwrap_or(0),
            // ISO-2 codes for now; turned into ISO-3 once every country is read.
            neighbours: col(17)
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect(),
        });
    }
    let zip_path = dir.join("cities15000.zip");
    let zip = std::fs::read(&zip_path).map_err(|e| data_error(&zip_path, e))?;
    let text = unzip_first(&zip).map_err(|e| data_error(&zip_path, e))?;
    let ne_path = dir.join("ne_110m_admin_0_countries.geojson");
    let ne: serde_json::Value = serde_json::from_str(&read("ne_110m_admin_0_countries.geojson")?)
        .map_err(|e| data_error(&ne_path, e))?;
    // Territories with neither a Natural Earth shape nor a city (Bouvet Island, Heard
    // Island…) would have no point: left out.
    let iso2_with_cities: BTreeSet<&str> =
        text.lines().filter_map(|l| l.split('\t').nth(8)).collect();
    let ne_codes: BTreeSet<String> = ne["features"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| natural_earth_iso3(&f["properties"]).to_string())
        .collect();
    countries.retain(|c| iso2_with_cities.contains(c.iso2.as_str()) || ne_codes.contains(&c.iso3));
    countries.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    let by_iso2: HashMap<String, u16> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso2.clone(), i as u16))
        .collect();
    let iso2_to_iso3: HashMap<String, String> = countries
        .iter()
        .map(|c| (c.iso2.clone(), c.iso3.clone()))
        .collect();
    for c in &mut countries {
        let mut neighbours: Vec<String> = c
            .neighbours
            .iter()
            .filter_map(|n| iso2_to_iso3.get(n).cloned())
            .collect();
        neighbours.sort();
        c.neighbours = neighbours;
    }
    let by_iso3: HashMap<String, u16> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso3.clone(), i as u16))
        .collect();

    // First-level divisions.
    let mut admin1: Vec<Admin1Record> = Vec::new();
    for line in read("admin1CodesASCII.txt")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("").trim();
        let Some((cc, code)) = col(0).split_once('.') else {
            continue;
        };
        let Some(&country) = by_iso2.get(cc) else {
            continue;
        };
        admin1.push(Admin1Record {
            code: code.to_string(),
            name: col(1).to_string(),
            ascii_name: col(2).to_string(),
            geonameid: col(3).parse().ok(),
            country,
            lat: f32::NAN,
            lon: f32::NAN,
            population: 0,
        });
    }
    admin1.sort_by(|a, b| (a.country, &a.code).cmp(&(b.country, &b.code)));
    let admin1_index: HashMap<(u16, String), u32> = admin1
        .iter()
        .enumerate()
        .map(|(i, a)| ((a.country, a.code.clone()), i as u32))
        .collect();

    // Cities.
    let mut cities: Vec<CityRecord> = Vec::new();
    // Alternate names by GeoNames id: they go into the name index only.
    let mut alternates: BTreeMap<u32, (String, Vec<String>)> = BTreeMap::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("").trim();
        let (Ok(geonameid), Ok(lat), Ok(lon)) =
            (col(0).parse::<u32>(), col(4).parse(), col(5).parse())
        else {
            continue;
        };
        let Some(&country) = by_iso2.get(col(8)) else {
            continue;
        };
        let name = col(1).to_string();
        let ascii_name = col(2).to_string();
        let mut seen: BTreeSet<String> = [normalize(&name), normalize(&ascii_name)].into();
        let mut alternate_names = Vec::new();
        for alt in col(3).split(',') {
            let alt = alt.trim();
            if keep_alternate(alt) && seen.insert(normalize(alt)) {
                alternate_names.push(alt.to_string());
            }
        }
        alternates.insert(geonameid, (ascii_name, alternate_names));
        cities.push(CityRecord {
            geonameid,
            name,
            lat,
            lon,
            feature_code: col(7).to_string(),
            country,
            admin1: admin1_index.get(&(country, col(10).to_string())).copied(),
            population: col(14).parse().unwrap_or(0),
        });
    }
    cities.sort_by_key(|c| c.geonameid);

    // Division points and populations from their cities.
    let mut sums: BTreeMap<u32, (f64, f64, u32, u64)> = BTreeMap::new();
    for c in &cities {
        if let Some(a) = c.admin1 {
            let s = sums.entry(a).or_default();
            s.0 += f64::from(c.lat);
            s.1 += f64::from(c.lon);
            s.2 += 1;
            s.3 += c.population;
        }
    }
    for (i, a) in admin1.iter_mut().enumerate() {
        if let Some(&(lat, lon, n, pop)) = sums.get(&(i as u32)) {
            a.lat = (lat / f64::from(n)) as f32;
            a.lon = (lon / f64::from(n)) as f32;
            a.population = pop;
        }
    }

    // Country points: Natural Earth mainland centroids, else the capital.
    for feature in ne["features"].as_array().into_iter().flatten() {
        let iso3 = natural_earth_iso3(&feature["properties"]);
        if let (Some(&i), Some((lat, lon))) = (by_iso3.get(iso3), mainland_centroid(feature)) {
            if let Some(c) = countries.get_mut(i as usize) {
                c.lat = lat as f32;
                c.lon = lon as f32;
            }
        }
    }
    for (i, country) in countries.iter_mut().enumerate() {
        if !country.lat.is_nan() {
            continue;
        }
        let in_country = cities.iter().filter(|c| c.country as usize == i);
        let capital = in_country
            .clone()
            .find(|c| c.feature_code == "PPLC")
            .or_else(|| in_country.max_by_key(|c| c.population));
        if let Some(c) = capital {
            country.lat = c.lat;
            country.lon = c.lon;
        }
    }
    let country_points: Vec<(f32, f32)> = countries.iter().map(|c| (c.lat, c.lon)).collect();
    for a in &mut admin1 {
        if a.lat.is_nan() {
            if let Some(&(lat, lon)) = country_points.get(a.country as usize) {
                a.lat = lat;
                a.lon = lon;
            }
        }
    }

    // dateline's supplement.
    let mut regions = Vec::new();
    for (n, line) in SUPPLEMENT.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| {
            data_error(
                Path::new("data/gazetteer/supplement.tsv"),
                format!("line {}: {what}", n + 1),
            )
        };
        let name = cols.get(1).ok_or_else(|| bad("no name"))?.trim();
        let iso3 = cols.get(2).ok_or_else(|| bad("no country"))?.trim();
        let country = by_iso3.get(iso3).copied();
        let known_country = || country.ok_or_else(|| bad("unknown ISO3 code"));
        match cols.first().copied() {
            Some("alias") => {
                if let Some(c) = countries.get_mut(known_country()? as usize) {
                    if normalize(&c.name) != normalize(name)
                        && !c.aliases.iter().any(|a| normalize(a) == normalize(name))
                    {
                        c.aliases.push(name.to_string());
                    }
                }
            }
            Some("place") => {
                // `place <name> <geonameid>`: an English news spelling GeoNames lacks.
                let id: u32 = iso3.parse().map_err(|_| bad("bad geonameid"))?;
                let (_, names) = alternates
                    .get_mut(&id)
                    .ok_or_else(|| bad("unknown geonameid"))?;
                if !names.iter().any(|a| a == name) {
                    names.push(name.to_string());
                }
            }
            Some("region") => {
                let coord = |i: usize| {
                    cols.get(i)
                        .and_then(|v| v.trim().parse::<f32>().ok())
                        .ok_or_else(|| bad("bad coordinate"))
                };
                regions.push(RegionRecord {
                    name: name.to_string(),
                    aliases: cols
                        .get(5)
                        .map(|a| {
                            a.split('|')
                                .map(str::trim)
                                .filter(|a| !a.is_empty())
                                .map(String::from)
                                .collect()
                        })
                        .unwrap_or_default(),
                    country: known_country()?,
                    lat: coord(3)?,
                    lon: coord(4)?,
                });
            }
            _ => return Err(bad("unknown row kind")),
        }
    }
    let mut data = GazetteerData {
        version: FORMAT_VERSION,
        countries,
        admin1,
        cities,
        regions,
        names: NameIndex::default(),
    };
    data.names = name_index(&data, &alternates);
    Ok(data)
}

/// Index every name of every entry: countries (names and aliases), divisions (names and
/// ASCII names), cities (names, ASCII names, alternate names, and names without a leading
/// Arabic article: "Ar Raqqah" → "Raqqah"), regions (names and aliases). Own names and
/// aliases are primary; alternate names are not.
fn name_index(
    data: &GazetteerData,
    alternates: &BTreeMap<u32, (String, Vec<String>)>,
) -> NameIndex {
    let mut map: BTreeMap<String, Vec<NameHit>> = BTreeMap::new();
    let mut add = |name: &str, entry: EntryId, primary: bool| {
        let key = normalize(name);
        if key.is_empty() {
            return;
        }
        let hits = map.entry(key).or_default();
        match hits.iter_mut().find(|h| h.entry == entry) {
            Some(h) => h.primary |= primary,
            None => hits.push(NameHit { entry, primary }),
        }
    };
    for (i, c) in data.countries.iter().enumerate() {
        let id = EntryId::Country(i as u16);
        add(&c.name, id, true);
        for a in &c.aliases {
            add(a, id, true);
        }
    }
    for (i, a) in data.admin1.iter().enumerate() {
        let id = EntryId::Admin1(i as u32);
        add(&a.name, id, true);
        add(&a.ascii_name, id, true);
    }
    for (i, c) in data.cities.iter().enumerate() {
        let id = EntryId::City(i as u32);
        add(&c.name, id, true);
        if let Some(bare) = without_arabic_article(&c.name) {
            add(bare, id, false);
        }
        if let Some((ascii_name, names)) = alternates.get(&c.geonameid) {
            add(ascii_name, id, true);
            if let Some(bare) = without_arabic_article(ascii_name) {
                add(bare, id, false);
            }
            for a in names {
                add(a, id, false);
            }
        }
    }
    for (i, r) in data.regions.iter().enumerate() {
        let id = EntryId::Region(i as u32);
        add(&r.name, id, true);
        for a in &r.aliases {
            add(a, id, true);
        }
    }
    NameIndex::from_map(map)
}

/// A name without a leading Arabic article ("Al ", "Ar-", "Ad ", …), when it has one and
/// something substantial follows.
fn without_arabic_article(name: &str) -> Option<&str> {
    const ARTICLES: &[&str] = &[
        "al", "el", "ar", "as", "ad", "ash", "az", "an", "at", "ath", "adh", "ez", "es", "ed",
    ];
    let (head, rest) = name.split_once([' ', '-'])?;
    (ARTICLES.contains(&head.to_lowercase().as_str()) && rest.chars().count() >= 4).then_some(rest)
}

/// Whether an alternate name is worth shipping: Latin script (letters with or without
/// diacritics, spaces, hyphens, apostrophes, full stops), no digits, at least three letters,
/// at most three words and 30 bytes (long descriptive and historical forms are not how news
/// names a city), and not all capitals (airport and other codes).
fn keep_alternate(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && name.len() <= 30
        && name.split_whitespace().count() <= 3
        && name.chars().any(|c| c.is_lowercase())
        && name.chars().all(|c| {
            matches!(c, ' ' | '-' | '\'' | '.' | '\u{2019}')
                || (c.is_alphabetic() && (c as u32) < 0x0250)
        })
}

/// A Natural Earth feature's ISO-3 code as GeoNames writes it: `ISO_A3`, else `ADM0_A3`
/// (France and Norway have `-99`), with Kosovo's `KOS` as GeoNames' `XKX`.
fn natural_earth_iso3(props: &serde_json::Value) -> &str {
    let iso3 = match props["ISO_A3"].as_str() {
        Some("-99") | None => props["ADM0_A3"].as_str().unwrap_or("-99"),
        Some(code) => code,
    };
    if iso3 == "KOS" {
        "XKX"
    } else {
        iso3
    }
}

/// The area-weighted centroid of a GeoJSON feature's largest polygon (by planar area in
/// degrees, enough to pick the mainland), as (lat, lon).
fn mainland_centroid(feature: &serde_json::Value) -> Option<(f64, f64)> {
    let geometry = &feature["geometry"];
    let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str()? {
        "Polygon" => vec![&geometry["coordinates"]],
        "MultiPolygon" => geometry["coordinates"].as_array()?.iter().collect(),
        _ => return None,
    };
    let mut best: Option<(f64, f64, f64)> = None;
    for polygon in polygons {
        let ring: Vec<(f64, f64)> = polygon
            .get(0)?
            .as_array()?
            .iter()
            .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
            .collect();
        let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for pair in ring.windows(2) {
            let [(x0, y0), (x1, y1)] = [pair[0], pair[1]];
            let cross = x0 * y1 - x1 * y0;
            area += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        if area.abs() < 1e-12 {
            continue;
        }
        let (lon, lat) = (cx / (3.0 * area), cy / (3.0 * area));
        if best.map_or(0.0, |(a, _, _)| a) < area.abs() {
            best = Some((area.abs(), lat, lon));
        }
    }
    best.map(|(_, lat, lon)| (lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_names() {
        assert_eq!(normalize("  Port-au-Prince "), "port au prince");
        assert_eq!(normalize("Cox\u{2019}s  Bazar"), "cox's bazar");
        assert_eq!(normalize("U.S."), "u.s.");
        assert_eq!(normalize("CÓRDOBA"), "córdoba");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn alternates_and_articles() {
        assert!(keep_alternate("Khan Younis"));
        assert!(keep_alternate("Kiev"));
        assert!(!keep_alternate("KBL"));
        assert!(!keep_alternate("Москва"));
        assert!(!keep_alternate("Zone 4"));
        assert_eq!(without_arabic_article("Ar Raqqah"), Some("Raqqah"));
        assert_eq!(without_arabic_article("Al-Hudaydah"), Some("Hudaydah"));
        assert_eq!(without_arabic_article("Al Ain"), None);
        assert_eq!(without_arabic_article("Alexandria"), None);
    }

    #[test]
    fn distances() {
        // Cairo to Alexandria: about 180 km.
        let d = distance_km(30.044, 31.236, 31.200, 29.919);
        assert!((170.0..190.0).contains(&d), "{d}");
        assert_eq!(distance_km(10.0, 10.0, 10.0, 10.0), 0.0);
    }

    #[test]
    fn name_index_round_trip() {
        let mut map = BTreeMap::new();
        for (i, name) in ["cairo", "gaza strip", "paris", "u.s.", "washington"]
            .iter()
            .enumerate()
        {
            map.insert(
                name.to_string(),
                vec![NameHit {
                    entry: EntryId::City(i as u32 * 1000),
                    primary: i % 2 == 0,
                }],
            );
        }
        map.insert(
            "georgia".to_string(),
            vec![
                NameHit {
                    entry: EntryId::Country(7),
                    primary: true,
                },
                NameHit {
                    entry: EntryId::Admin1(300),
                    primary: true,
                },
            ],
        );
        let index = NameIndex::from_map(map.clone());
        let bytes = postcard::to_stdvec(&index).unwrap();
        let back: NameIndex = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, index);
        for (key, hits) in &map {
            assert_eq!(&back.get(key), hits, "{key}");
            assert_eq!(&back.get_sorted(key), hits, "{key}");
        }
        assert!(back.get("tripoli").is_empty());
        assert!(back.get("").is_empty());
        assert_eq!(back.max_words, 2);
    }

    #[test]
    fn corrupt_bytes_are_an_error() {
        assert!(Gazetteer::from_bytes(&[]).is_err());
        assert!(Gazetteer::from_bytes(&[1, 2, 3]).is_err());
    }
}
