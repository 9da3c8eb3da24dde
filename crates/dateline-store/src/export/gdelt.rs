//! The GDELT 2.0 event table: 61 tab-separated columns in the codebook's order, no header
//! (GDELT's files have none; [`ExportOptions::header`] adds one), one line per deduplicated
//! event. `docs/gdelt-export.md` says, column by column, what each holds here and where it
//! comes from, or why it is empty.
//!
//! GDELT conventions kept: CAMEO codes are zero-padded strings (`042`, `04`); SQLDATE is
//! YYYYMMDD, MonthYear YYYYMM, FractionDate `Year + ((month − 1) × 30 + day) / 365` to 4
//! places (what GDELT's own files contain); DATEADDED is YYYYMMDDHHMMSS (UTC); geographic
//! country codes are FIPS 10-4 (actor country codes stay CAMEO); an absent location is
//! `Geo_Type` 0 with its other fields empty. The three geo blocks (Actor1Geo, Actor2Geo,
//! ActionGeo) are written by one function from the event's three places.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::Write;
use std::sync::LazyLock;

use dateline_code::ontology::Ontology;
use rusqlite::Connection;

use super::{day_of, ExportError, ExportOptions, ExportSummary};
use crate::read::{for_each_event, EventRecord};

/// The codebook's column names, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// ISO 3166-1 alpha-3 → FIPS 10-4, GDELT's geographic country codes
/// (`data/ontology/fips10-4_iso3.tsv`, derived from py-gdelt's `countries.json`, MIT).
const FIPS_TABLE: &str = include_str!("../../../../data/ontology/fips10-4_iso3.tsv");

/// The FIPS 10-4 code of an ISO-3 country code, when GDELT has one.
pub fn fips_of_iso3(iso3: &str) -> Option<&'static str> {
    static TABLE: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
        FIPS_TABLE
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut fields = line.split('\t');
                Some((fields.next()?, fields.next()?))
            })
            .collect()
    });
    TABLE.get(iso3).copied()
}

/// What the `places` table says about a GeoNames id: its kind and first-level division.
#[derive(Debug, Clone)]
struct PlaceInfo {
    kind: String,
    admin1: Option<String>,
}

/// GDELT's Geo_Type of a place: 1 country, 2 US state, 3 US city, 4 world city, 5 world
/// state; 0 when the kind has no GDELT equivalent (dateline's regions) or is unknown.
pub fn geo_type(kind: Option<&str>, iso3: Option<&str>) -> u8 {
    let in_us = iso3 == Some("USA");
    match kind {
        Some("country") => 1,
        Some("admin1") if in_us => 2,
        Some("admin1") => 5,
        Some("city") if in_us => 3,
        Some("city") => 4,
        _ => 0,
    }
}

/// Writes the events as GDELT 2.0 event-table lines.
pub fn write<W: Write>(
    conn: &Connection,
    options: &ExportOptions,
    mut out: W,
) -> Result<ExportSummary, ExportError> {
    if options.header {
        writeln!(out, "{}", COLUMNS.join("\t"))?;
    }
    let places = place_kinds(conn)?;
    // Only three columns of the mentions matter here: reading whole mention records (their
    // sentence, article and parsed JSON columns) for every event was most of the export's time.
    let mut mentions = conn.prepare(
        "SELECT source_text, target_text, sentence_idx FROM event_mentions
         WHERE event_id = ?1 ORDER BY id",
    )?;
    let ontology = Ontology::bundled();
    let mut summary = ExportSummary::default();
    let mut line = String::new();
    for_each_event::<ExportError>(conn, |event| {
        let mut evidence = Evidence::default();
        let mut rows = mentions.query([event.id])?;
        while let Some(row) = rows.next()? {
            if evidence.actor1_name.is_none() {
                evidence.actor1_name = row.get(0)?;
            }
            if evidence.actor2_name.is_none() {
                evidence.actor2_name = row.get(1)?;
            }
            evidence.lead |= row.get::<_, i64>(2)? == 0;
        }
        line.clear();
        let fields = fields_of(&event, &evidence, &places, ontology);
        debug_assert_eq!(fields.len(), COLUMNS.len());
        for (index, field) in fields.iter().enumerate() {
            if index > 0 {
                line.push('\t');
            }
            push_clean(&mut line, field);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        summary.events += 1;
        Ok(())
    })?;
    out.flush()?;
    Ok(summary)
}

/// What the mentions of one event add to its GDELT line.
#[derive(Debug, Default)]
struct Evidence {
    actor1_name: Option<String>,
    actor2_name: Option<String>,
    /// A mention was coded from its article's first sentence (GDELT's lead paragraph).
    lead: bool,
}

/// GeoNames id → kind and division, from one pass over `places` (bounded by the number of
/// distinct places, not of rows: the table has no index on `geonameid`, so a lookup per
/// event would scan it each time).
fn place_kinds(conn: &Connection) -> Result<HashMap<i64, PlaceInfo>, ExportError> {
    let mut statement =
        conn.prepare("SELECT geonameid, kind, admin1 FROM places WHERE geonameid IS NOT NULL")?;
    let mut rows = statement.query([])?;
    let mut map = HashMap::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if let Entry::Vacant(slot) = map.entry(id) {
            slot.insert(PlaceInfo {
                kind: row.get(1)?,
                admin1: row.get(2)?,
            });
        }
    }
    Ok(map)
}

/// The 61 fields of one event.
fn fields_of(
    event: &EventRecord,
    evidence: &Evidence,
    places: &HashMap<i64, PlaceInfo>,
    ontology: &Ontology,
) -> Vec<String> {
    let mut fields: Vec<String> = Vec::with_capacity(COLUMNS.len());
    fields.push(event.id.to_string());
    match day_of(event.date.as_deref(), &event.first_seen) {
        Some((year, month, day)) => {
            fields.push(format!("{year:04}{month:02}{day:02}"));
            fields.push(format!("{year:04}{month:02}"));
            fields.push(format!("{year:04}"));
            let fraction = f64::from(year) + f64::from((month - 1) * 30 + day) / 365.0;
            fields.push(format!("{fraction:.4}"));
        }
        None => push_empty(&mut fields, 4),
    }
    actor_fields(
        &mut fields,
        event.source_code.as_deref(),
        evidence.actor1_name.as_deref(),
        ontology,
    );
    actor_fields(
        &mut fields,
        event.target_code.as_deref(),
        evidence.actor2_name.as_deref(),
        ontology,
    );
    fields.push(if evidence.lead { "1" } else { "0" }.to_string());
    let code = event.cameo.as_str();
    fields.push(code.to_string());
    fields.push(code.get(..3).unwrap_or(code).to_string());
    fields.push(event.root_code.clone());
    fields.push(opt(event.quad_class));
    fields.push(opt(event.goldstein));
    fields.push(event.num_mentions.to_string());
    fields.push(event.num_sources.to_string());
    fields.push(event.num_articles.to_string());
    fields.push(opt(event.avg_tone));
    // Actor1Geo, Actor2Geo, ActionGeo: where each actor was and where the action happened.
    let actor1 = GeoPlace::new(
        event.source_location_name.as_deref(),
        event.source_location_country.as_deref(),
        (event.source_lat, event.source_lon),
        event.source_geonameid,
        places,
    );
    let actor2 = GeoPlace::new(
        event.target_location_name.as_deref(),
        event.target_location_country.as_deref(),
        (event.target_lat, event.target_lon),
        event.target_geonameid,
        places,
    );
    let action = GeoPlace::new(
        event.location_name.as_deref(),
        event.location_country.as_deref(),
        (event.lat, event.lon),
        event.geonameid,
        places,
    );
    for place in [actor1, actor2, action] {
        geo_fields(&mut fields, place.as_ref());
    }
    fields.push(date_added(&event.first_seen));
    fields.push(event.source_url.clone().unwrap_or_default());
    fields
}

/// The ten actor columns: code, name, country, known group, ethnic, two religions, three
/// types.
fn actor_fields(
    fields: &mut Vec<String>,
    code: Option<&str>,
    name: Option<&str>,
    ontology: &Ontology,
) {
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        push_empty(fields, 10);
        return;
    };
    let parts = ontology.split_actor_code(code);
    fields.push(code.to_string());
    // GDELT writes actor names upper case.
    fields.push(name.map(str::to_uppercase).unwrap_or_default());
    fields.push(parts.country.unwrap_or_default());
    fields.push(parts.known_group.unwrap_or_default());
    fields.push(parts.ethnic.unwrap_or_default());
    for index in 0..2 {
        fields.push(parts.religion.get(index).cloned().unwrap_or_default());
    }
    for index in 0..3 {
        fields.push(parts.types.get(index).cloned().unwrap_or_default());
    }
}

/// One of the event's places (an actor's or the action's), as the GDELT geo columns need it.
struct GeoPlace<'a> {
    name: &'a str,
    iso3: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    geonameid: Option<i64>,
    kind: Option<&'a str>,
    admin1: Option<&'a str>,
}

impl<'a> GeoPlace<'a> {
    /// The place of the store's five location columns, with its kind and division from the
    /// `places` table; `None` when the name is empty (no location).
    fn new(
        name: Option<&'a str>,
        iso3: Option<&'a str>,
        (lat, lon): (Option<f64>, Option<f64>),
        geonameid: Option<i64>,
        places: &'a HashMap<i64, PlaceInfo>,
    ) -> Option<GeoPlace<'a>> {
        let name = name.filter(|n| !n.is_empty())?;
        let info = geonameid.and_then(|id| places.get(&id));
        Some(GeoPlace {
            name,
            iso3,
            lat,
            lon,
            geonameid,
            kind: info.map(|p| p.kind.as_str()),
            admin1: info.and_then(|p| p.admin1.as_deref()),
        })
    }
}

/// The eight geo columns: type, full name, FIPS country, ADM1, ADM2, lat, long, feature id.
fn geo_fields(fields: &mut Vec<String>, place: Option<&GeoPlace<'_>>) {
    let Some(place) = place else {
        fields.push("0".to_string());
        push_empty(fields, 7);
        return;
    };
    let fips = place.iso3.and_then(fips_of_iso3);
    let geo_type = geo_type(place.kind, place.iso3);
    fields.push(geo_type.to_string());
    // GDELT's FullName reads "City, Division, Country".
    let mut full_name = place.name.to_string();
    if geo_type != 1 {
        if let Some(admin1) = place.admin1.filter(|a| *a != place.name) {
            full_name.push_str(", ");
            full_name.push_str(admin1);
        }
        if let Some(country) = place
            .iso3
            .and_then(|iso3| Ontology::bundled().country_name(iso3))
            .filter(|c| *c != place.name)
        {
            full_name.push_str(", ");
            full_name.push_str(country);
        }
    }
    fields.push(full_name);
    fields.push(fips.unwrap_or_default().to_string());
    // ADM1Code is FIPS country + FIPS division; the gazetteer records divisions by name
    // only, so below country level only the country part is known. GDELT writes the bare
    // country code for country-level places, and so do we.
    fields.push(fips.unwrap_or_default().to_string());
    fields.push(String::new());
    fields.push(opt(place.lat));
    fields.push(opt(place.lon));
    // GDELT's FeatureID is a GNS/GNIS id, or the FIPS code for a country; we have GeoNames
    // ids, which are written as they are (documented).
    fields.push(match (geo_type, fips) {
        (1, Some(fips)) => fips.to_string(),
        _ => place.geonameid.map(|id| id.to_string()).unwrap_or_default(),
    });
}

/// YYYYMMDDHHMMSS from an ISO 8601 timestamp (`2026-11-29T17:00:05Z` → `20261129170005`);
/// empty when the timestamp has fewer digits.
pub fn date_added(first_seen: &str) -> String {
    let digits: String = first_seen
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    if digits.len() == 14 {
        digits
    } else if digits.len() == 8 {
        // A date without a time: midnight.
        format!("{digits}000000")
    } else {
        String::new()
    }
}

fn push_empty(fields: &mut Vec<String>, count: usize) {
    fields.resize(fields.len() + count, String::new());
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A TSV field cannot hold a tab or a line break: each becomes a space.
fn push_clean(line: &mut String, field: &str) {
    line.extend(field.chars().map(|c| match c {
        '\t' | '\n' | '\r' => ' ',
        c => c,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_codes_differ_from_iso() {
        assert_eq!(fips_of_iso3("DEU"), Some("GM"));
        assert_eq!(fips_of_iso3("USA"), Some("US"));
        assert_eq!(fips_of_iso3("NGA"), Some("NI"));
        assert_eq!(fips_of_iso3("XXX"), None);
    }

    #[test]
    fn geo_types_follow_gdelt() {
        assert_eq!(geo_type(Some("country"), Some("FRA")), 1);
        assert_eq!(geo_type(Some("admin1"), Some("USA")), 2);
        assert_eq!(geo_type(Some("city"), Some("USA")), 3);
        assert_eq!(geo_type(Some("city"), Some("FRA")), 4);
        assert_eq!(geo_type(Some("admin1"), Some("FRA")), 5);
        assert_eq!(geo_type(Some("region"), None), 0);
        assert_eq!(geo_type(None, Some("FRA")), 0);
    }

    #[test]
    fn date_added_keeps_fourteen_digits() {
        assert_eq!(date_added("2026-11-29T17:00:05Z"), "20261129170005");
        assert_eq!(
            date_added("2026-11-29T17:00:05.123+00:00"),
            "20261129170005"
        );
        assert_eq!(date_added("2026-11-29"), "20261129000000");
        assert_eq!(date_added("soon"), "");
    }

    #[test]
    fn actor_code_is_split_into_gdelt_parts() {
        let mut fields = Vec::new();
        actor_fields(
            &mut fields,
            Some("USAGOV"),
            Some("Washington"),
            Ontology::bundled(),
        );
        assert_eq!(fields.len(), 10);
        assert_eq!(fields[0], "USAGOV");
        assert_eq!(fields[1], "WASHINGTON");
        assert_eq!(fields[2], "USA");
        assert_eq!(fields[7], "GOV");
        let mut empty = Vec::new();
        actor_fields(&mut empty, None, None, Ontology::bundled());
        assert_eq!(empty, vec![String::new(); 10]);
    }
}
